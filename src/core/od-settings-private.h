/* od-settings-private.h — what the settings, policy and credential files of the core share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Settings travel between the object, the database and the policy document as a "flat" map:
 * a GHashTable of dotted key (od-settings.h) → JsonNode, always complete (every key of the
 * catalogue present). Nothing outside src/core includes this.
 */
#pragma once

#include "od-catalogue.h"
#include "od-credential.h"
#include "od-model.h"
#include "od-policy-revision.h"
#include "od-repository-private.h"
#include "od-settings.h"

G_BEGIN_DECLS

#define OD_SETTINGS_PROVIDER_PREFIX "models.provider."
#define OD_SETTINGS_MODEL_PREFIX    "models.allow."
#define OD_SETTINGS_GLOBAL_PREFIX   "sources.global."
#define OD_SETTINGS_CUSTOM_PREFIX   "sources.custom."
#define OD_SETTINGS_WEBSITE_PREFIX  "websites.host."

/* od-model.c */
OdModel     *_od_model_new                 (const OdCatalogueModel *entry);
void         _od_model_set_allowed         (OdModel           *self,
                                            gboolean           allowed);

/* od-settings.c: the flat map */
GHashTable  *_od_flat_new                  (void);
GHashTable  *_od_flat_copy                 (GHashTable        *flat);
void         _od_flat_set_bool             (GHashTable        *flat,
                                            const char        *key,
                                            gboolean           value);
void         _od_flat_set_string           (GHashTable        *flat,
                                            const char        *key,
                                            const char        *value);
/* A copy of current with every key that differs between base and mine set to mine's value
 * (removed when mine lacks it): one side's edits applied over what another side wrote. */
GHashTable  *_od_flat_merge                (GHashTable        *current,
                                            GHashTable        *base,
                                            GHashTable        *mine);
/* The keys whose values differ, sorted; NULL-terminated. */
GStrv        _od_flat_changed_keys         (GHashTable        *a,
                                            GHashTable        *b);
/* {key: value} of the given keys (null when absent), compact JSON. */
char        *_od_flat_to_json_text         (GHashTable        *flat,
                                            const char * const *keys);

GHashTable  *_od_settings_flatten          (OdSettings        *self);
OdSettings  *_od_settings_new_from_flat    (gint64             organization_id,
                                            GHashTable        *flat);
/* Sets every value from flat (notifying what changes) and makes flat the base for saving. */
void         _od_settings_reset            (OdSettings        *self,
                                            GHashTable        *flat);
/* The same without touching the base: the values become unsaved edits. */
void         _od_settings_set_values       (OdSettings        *self,
                                            GHashTable        *flat);
GHashTable  *_od_settings_get_base         (OdSettings        *self);
char        *_od_settings_custom_key       (const char        *name);

/* od-repository-settings.c — statement helpers expect the repository lock held */
GHashTable  *_od_settings_read_flat        (OdRepository      *self,
                                            gint64             organization_id,
                                            GError           **error);
/* Inside a transaction: writes what differs between current and target, with one journal row
 * (action, target_text, before/after {key: value}) when anything does. */
gboolean     _od_settings_write_changes    (OdRepository      *self,
                                            const Actor       *who,
                                            GHashTable        *current,
                                            GHashTable        *target,
                                            const char        *action,
                                            const char        *target_text,
                                            gboolean          *changed,
                                            GError           **error);
/* Loads the actor for MANAGE_SETTINGS and checks they belong to organization_id. */
gboolean     _od_settings_load_actor       (OdRepository      *self,
                                            OdMember          *actor,
                                            gint64             organization_id,
                                            Actor             *who,
                                            GError           **error);
/* Takes the lock; the flat map of an existing organization. */
GHashTable  *_od_repository_load_settings  (OdRepository      *self,
                                            gint64             organization_id,
                                            GError           **error);
/* One transaction: merge(current, base, mine), validate, write, journal. Returns the merged map. */
GHashTable  *_od_repository_save_settings  (OdRepository      *self,
                                            OdMember          *actor,
                                            gint64             organization_id,
                                            GHashTable        *base,
                                            GHashTable        *mine,
                                            GError           **error);

/* Policy revisions, lock held */
gboolean     _od_policy_last_revision      (OdRepository      *self,
                                            gint64             organization_id,
                                            OdPolicyRevision **revision,
                                            GError           **error);
OdPolicyRevision *_od_policy_get_revision  (OdRepository      *self,
                                            gint64             organization_id,
                                            gint64             revision,
                                            GError           **error);
gboolean     _od_policy_insert_revision    (OdRepository      *self,
                                            const Actor       *who,
                                            gint64             revision,
                                            const char        *document,
                                            const char        *folder,
                                            const char        *file_name,
                                            gint64             published_at,
                                            GError           **error);
GListModel  *_od_policy_list_revisions     (OdRepository      *self,
                                            gint64             organization_id,
                                            GError           **error);

/* Credentials (od-repository-credentials.c). Each takes the lock or runs its own transaction, and
 * checks the actor may manage settings; the organization is the actor's. */
gint64       _od_credentials_reserve       (OdRepository      *self,
                                            OdMember          *actor,
                                            const char        *name,
                                            GError           **error);
/* Gives back a reserved id whose secret could not be stored (no journal: nothing happened). */
void         _od_credentials_release       (OdRepository      *self,
                                            gint64             credential_id);
OdCredential *_od_credentials_insert       (OdRepository      *self,
                                            OdMember          *actor,
                                            gint64             credential_id,
                                            const char        *provider,
                                            const char        *name,
                                            const char        *fields_json,
                                            const char        *last_four,
                                            GError           **error);
OdCredential *_od_credentials_get          (OdRepository      *self,
                                            OdMember          *actor,
                                            gint64             credential_id,
                                            GError           **error);
/* name NULL keeps it; last_four NULL keeps it. */
OdCredential *_od_credentials_update       (OdRepository      *self,
                                            OdMember          *actor,
                                            gint64             credential_id,
                                            const char        *name,
                                            const char        *fields_json,
                                            const char        *last_four,
                                            GError           **error);
gboolean     _od_credentials_delete        (OdRepository      *self,
                                            OdMember          *actor,
                                            gint64             credential_id,
                                            GError           **error);
GListModel  *_od_credentials_list          (OdRepository      *self,
                                            gint64             organization_id,
                                            GError           **error);
OdCredential *_od_credentials_find         (OdRepository      *self,
                                            gint64             organization_id,
                                            const char        *name_or_id,
                                            GError           **error);

G_END_DECLS
