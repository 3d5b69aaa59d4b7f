/* od-settings.h — an organization's policy settings (SPEC §6), editable and saved as one change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OdSettings is a snapshot of the settings behind the Features, Models, LTM Sources and LTM
 * Websites tabs, made to be bound to widgets: every scalar is a property, and providers, models,
 * applications and denied websites are GListModels of objects with their own properties. Editing
 * it changes nothing until od_settings_save(), which checks the acting member may change settings
 * (Admin and Owner), then writes what was changed since loading in one transaction with one
 * journal row ("settings.update", before and after as {key: value}). Changes made meanwhile by
 * someone else to other keys are kept; the object then holds the merged result.
 *
 * Every setting has a dotted key, used by the journal and by `orgdeskctl settings`:
 *   features.external_cloud, features.telemetry, features.summary_reports   true|false
 *   processing.enabled true|false, processing.mode "local"|"blended"|"cloud"
 *   models.customize true|false; models.provider.PROVIDER true|false;
 *   models.allow.MODEL true|false (the model's check, which counts when customizing);
 *   models.default.accurate|fast|fallback_accurate|fallback_fast  model id or null
 *   sources.manage true|false; sources.global.ID true|false (denied);
 *   sources.custom.NAME {"name", "bundle_ids", "denied"} (NAME case-folded)
 *   websites.manage true|false; websites.host.HOST true
 * Secrets are not settings: credentials live in od-credential-store.h.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "od-types.h"
#include "od-model.h"
#include "od-provider.h"
#include "od-source-app.h"
#include "od-website.h"

G_BEGIN_DECLS

#define OD_SETTINGS_ERROR (od_settings_error_quark ())

typedef enum
{
  OD_SETTINGS_ERROR_INVALID = 1,     /* the settings break a rule; the message names the field */
  OD_SETTINGS_ERROR_UNKNOWN_KEY,     /* a dotted key that names no setting */
  OD_SETTINGS_ERROR_DUPLICATE,       /* an application name or bundle id already in the catalogue */
  OD_SETTINGS_ERROR_NOT_FOUND,       /* an application or model that is not there */
  OD_SETTINGS_ERROR_GLOBAL,          /* a shipped Global application cannot be removed */
} OdSettingsError;

GQuark od_settings_error_quark (void);

typedef enum
{
  OD_PROCESSING_LOCAL = 1,
  OD_PROCESSING_BLENDED,
  OD_PROCESSING_CLOUD,
} OdProcessingMode;

#define OD_TYPE_PROCESSING_MODE (od_processing_mode_get_type ())
GType             od_processing_mode_get_type     (void) G_GNUC_CONST;
const char       *od_processing_mode_to_string    (OdProcessingMode  mode);   /* "local", … */
const char       *od_processing_mode_get_label    (OdProcessingMode  mode);   /* translated */
OdProcessingMode  od_processing_mode_from_string  (const char       *text);   /* 0 if unknown */

typedef enum
{
  OD_DEFAULT_MODEL_ACCURATE = 1,
  OD_DEFAULT_MODEL_FAST,
  OD_DEFAULT_MODEL_FALLBACK_ACCURATE,
  OD_DEFAULT_MODEL_FALLBACK_FAST,
} OdDefaultModel;

/* "accurate", "fast", "fallback_accurate", "fallback_fast" (as in the policy document) */
const char       *od_default_model_to_string      (OdDefaultModel    which);
OdDefaultModel    od_default_model_from_string    (const char       *text);   /* 0 if unknown */

#define OD_TYPE_SETTINGS (od_settings_get_type ())
G_DECLARE_FINAL_TYPE (OdSettings, od_settings, OD, SETTINGS, GObject)

/* Properties (read-write unless noted; notified only on a real change):
 *   "organization-id" gint64 (construct-only)
 *   "external-cloud", "telemetry", "summary-reports", "processing-enabled" gboolean
 *   "processing-mode" OdProcessingMode
 *   "customize-models" gboolean
 *   "default-accurate", "default-fast", "fallback-accurate", "fallback-fast" string (model id or NULL)
 *   "manage-sources", "manage-websites" gboolean
 *   "providers" GListModel of OdProvider, "models" GListModel of OdModel (catalogue order),
 *   "applications" GListModel of OdSourceApp (by name), "websites" GListModel of OdWebsite (by
 *   host) — all read-only; the lists are the same objects for the life of the settings
 */

/* Loading and saving. The _async forms run the database work on the repository's worker thread. */
OdSettings       *od_settings_load                (OdRepository         *repository,
                                                   gint64                organization_id,
                                                   GError              **error);
void              od_settings_load_async          (OdRepository         *repository,
                                                   gint64                organization_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
OdSettings       *od_settings_load_finish         (OdRepository         *repository,
                                                   GAsyncResult         *result,
                                                   GError              **error);
gboolean          od_settings_save                (OdSettings           *self,
                                                   OdRepository         *repository,
                                                   OdMember             *actor,
                                                   GError              **error);
void              od_settings_save_async          (OdSettings           *self,
                                                   OdRepository         *repository,
                                                   OdMember             *actor,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          od_settings_save_finish         (OdSettings           *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* Whether anything was edited since loading or the last save. */
gboolean          od_settings_has_changes         (OdSettings           *self);
/* A detached copy (same organization, same values, same base for saving). */
OdSettings       *od_settings_copy                (OdSettings           *self);

/* Problems that would stop a save, as a GListModel of OdPolicyIssue (empty when none), each at
 * the policy document path of the field, e.g. "$.external_provider.allowed_cloud_models.default_models.fast". */
GListModel       *od_settings_validate            (OdSettings           *self);

/* Features */
gint64            od_settings_get_organization_id (OdSettings           *self);
gboolean          od_settings_get_external_cloud  (OdSettings           *self);
void              od_settings_set_external_cloud  (OdSettings           *self,
                                                   gboolean              enabled);
gboolean          od_settings_get_telemetry       (OdSettings           *self);
void              od_settings_set_telemetry       (OdSettings           *self,
                                                   gboolean              enabled);
gboolean          od_settings_get_summary_reports (OdSettings           *self);
void              od_settings_set_summary_reports (OdSettings           *self,
                                                   gboolean              enabled);
gboolean          od_settings_get_processing_enabled (OdSettings        *self);
void              od_settings_set_processing_enabled (OdSettings        *self,
                                                   gboolean              enabled);
OdProcessingMode  od_settings_get_processing_mode (OdSettings           *self);
void              od_settings_set_processing_mode (OdSettings           *self,
                                                   OdProcessingMode      mode);

/* Models. With "customize" off every model of an enabled provider is allowed; with it on, the
 * checked models of enabled providers. Default models must be allowed (od_settings_validate). */
gboolean          od_settings_get_customize_models (OdSettings          *self);
void              od_settings_set_customize_models (OdSettings          *self,
                                                   gboolean              customize);
GListModel       *od_settings_get_providers       (OdSettings           *self);
GListModel       *od_settings_get_models          (OdSettings           *self);
OdProvider       *od_settings_lookup_provider     (OdSettings           *self,
                                                   const char           *provider_id);
OdModel          *od_settings_lookup_model        (OdSettings           *self,
                                                   const char           *model_id);
/* Toggle all: checks (or unchecks) every model. */
void              od_settings_set_all_models_checked (OdSettings        *self,
                                                   gboolean              checked);
gboolean          od_settings_is_model_allowed    (OdSettings           *self,
                                                   const char           *model_id);
/* The allowed model ids in catalogue order. */
GStrv             od_settings_dup_allowed_models  (OdSettings           *self);
const char       *od_settings_get_default_model   (OdSettings           *self,
                                                   OdDefaultModel        which);
/* model_id NULL or "" clears it. Any catalogue id is accepted here; saving refuses one that is not
 * allowed. */
void              od_settings_set_default_model   (OdSettings           *self,
                                                   OdDefaultModel        which,
                                                   const char           *model_id);

/* LTM Sources */
gboolean          od_settings_get_manage_sources  (OdSettings           *self);
void              od_settings_set_manage_sources  (OdSettings           *self,
                                                   gboolean              manage);
GListModel       *od_settings_get_applications    (OdSettings           *self);
/* Case-insensitive, by name. */
OdSourceApp      *od_settings_lookup_application  (OdSettings           *self,
                                                   const char           *name);
/* Add Application: a name not yet in the catalogue and one or more bundle ids not used by another
 * entry. The new entry is denied (that is why one adds it). Returns it (owned by the settings). */
OdSourceApp      *od_settings_add_application     (OdSettings           *self,
                                                   const char           *name,
                                                   const char * const   *bundle_ids,
                                                   GError              **error);
gboolean          od_settings_remove_application  (OdSettings           *self,
                                                   OdSourceApp          *application,
                                                   GError              **error);
/* Checks one bundle identifier: no control characters, commas or surrounding spaces, at most 255
 * characters, at least one letter or digit. */
gboolean          od_settings_check_bundle_id     (const char           *bundle_id,
                                                   GError              **error);

/* LTM Websites */
gboolean          od_settings_get_manage_websites (OdSettings           *self);
void              od_settings_set_manage_websites (OdSettings           *self,
                                                   gboolean              manage);
GListModel       *od_settings_get_websites        (OdSettings           *self);
/* Normalizes (od_website_normalize) and adds; refuses an invalid host or one already denied
 * (OD_WEBSITE_ERROR). Returns the new entry (owned by the settings). */
OdWebsite        *od_settings_add_website         (OdSettings           *self,
                                                   const char           *input,
                                                   GError              **error);
/* input is normalized first, so "https://Example.com/x" removes "example.com". */
gboolean          od_settings_remove_website      (OdSettings           *self,
                                                   const char           *input,
                                                   GError              **error);
/* The import review (od-website-import.h) against this list; then add the rows that will be added. */
GListModel       *od_settings_review_websites     (OdSettings           *self,
                                                   const char           *text,
                                                   gsize                 length,
                                                   GError              **error);
guint             od_settings_add_reviewed_websites (OdSettings         *self,
                                                   GListModel           *review);

/* Dotted keys (see the top of this file) as JSON, for scripts and the journal: the whole set as
 * one JSON object {key: value}, or one value. */
JsonNode         *od_settings_to_json             (OdSettings           *self);

G_END_DECLS
