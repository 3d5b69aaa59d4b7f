/* od-settings.c — an organization's policy settings as an object to edit and save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The object keeps the flat map it was loaded from (its "base"). Saving sends the base and the
 * edited map to the repository, which applies only the keys that differ onto what the database
 * holds by then, so two windows (or the GUI and orgdeskctl) editing different settings never
 * undo each other's changes.
 */
#define G_LOG_DOMAIN "OdSettings"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "od-catalogue.h"
#include "od-model.h"
#include "od-policy-issue.h"
#include "od-provider.h"
#include "od-settings.h"
#include "od-settings-private.h"
#include "od-source-app.h"
#include "od-website.h"
#include "od-website-import.h"

#define MAX_APPLICATION_NAME 200
#define MAX_BUNDLE_ID 255

G_DEFINE_QUARK (od-settings-error-quark, od_settings_error)

G_DEFINE_ENUM_TYPE (OdProcessingMode, od_processing_mode,
  G_DEFINE_ENUM_VALUE (OD_PROCESSING_LOCAL, "local"),
  G_DEFINE_ENUM_VALUE (OD_PROCESSING_BLENDED, "blended"),
  G_DEFINE_ENUM_VALUE (OD_PROCESSING_CLOUD, "cloud"))

static const char * const default_model_names[] = {
  NULL, "accurate", "fast", "fallback_accurate", "fallback_fast",
};

struct _OdSettings
{
  GObject           parent_instance;

  gint64            organization_id;
  gboolean          external_cloud;
  gboolean          telemetry;
  gboolean          summary_reports;
  gboolean          processing_enabled;
  OdProcessingMode  processing_mode;
  gboolean          customize_models;
  char             *defaults[5];          /* indexed by OdDefaultModel */
  gboolean          manage_sources;
  gboolean          manage_websites;

  GListStore       *providers;            /* OdProvider, catalogue order */
  GListStore       *models;               /* OdModel, catalogue order */
  GListStore       *applications;         /* OdSourceApp, by name */
  GListStore       *websites;             /* OdWebsite, by host */

  GHashTable       *base;                 /* the flat map last loaded or saved */
};

G_DEFINE_FINAL_TYPE (OdSettings, od_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ORGANIZATION_ID,
  PROP_EXTERNAL_CLOUD,
  PROP_TELEMETRY,
  PROP_SUMMARY_REPORTS,
  PROP_PROCESSING_ENABLED,
  PROP_PROCESSING_MODE,
  PROP_CUSTOMIZE_MODELS,
  PROP_DEFAULT_ACCURATE,
  PROP_DEFAULT_FAST,
  PROP_FALLBACK_ACCURATE,
  PROP_FALLBACK_FAST,
  PROP_MANAGE_SOURCES,
  PROP_MANAGE_WEBSITES,
  PROP_PROVIDERS,
  PROP_MODELS,
  PROP_APPLICATIONS,
  PROP_WEBSITES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------------------------------------
 * Enumerations
 */

const char *
od_processing_mode_to_string (OdProcessingMode mode)
{
  switch (mode)
    {
    case OD_PROCESSING_BLENDED: return "blended";
    case OD_PROCESSING_CLOUD:   return "cloud";
    case OD_PROCESSING_LOCAL:
    default:                    return "local";
    }
}

const char *
od_processing_mode_get_label (OdProcessingMode mode)
{
  switch (mode)
    {
    case OD_PROCESSING_BLENDED: return C_("processing mode", "Blended");
    case OD_PROCESSING_CLOUD:   return C_("processing mode", "Cloud");
    case OD_PROCESSING_LOCAL:
    default:                    return C_("processing mode", "Local");
    }
}

OdProcessingMode
od_processing_mode_from_string (const char *text)
{
  if (text == NULL)
    return 0;
  if (g_ascii_strcasecmp (text, "local") == 0)
    return OD_PROCESSING_LOCAL;
  if (g_ascii_strcasecmp (text, "blended") == 0)
    return OD_PROCESSING_BLENDED;
  if (g_ascii_strcasecmp (text, "cloud") == 0)
    return OD_PROCESSING_CLOUD;
  return 0;
}

const char *
od_default_model_to_string (OdDefaultModel which)
{
  g_return_val_if_fail (which >= OD_DEFAULT_MODEL_ACCURATE && which <= OD_DEFAULT_MODEL_FALLBACK_FAST, NULL);

  return default_model_names[which];
}

OdDefaultModel
od_default_model_from_string (const char *text)
{
  for (guint i = OD_DEFAULT_MODEL_ACCURATE; text && i <= OD_DEFAULT_MODEL_FALLBACK_FAST; i++)
    if (g_ascii_strcasecmp (text, default_model_names[i]) == 0)
      return i;
  return 0;
}

static const char *
default_model_label (OdDefaultModel which)
{
  switch (which)
    {
    case OD_DEFAULT_MODEL_FAST:              return _("default fast model");
    case OD_DEFAULT_MODEL_FALLBACK_ACCURATE: return _("fallback accurate model");
    case OD_DEFAULT_MODEL_FALLBACK_FAST:     return _("fallback fast model");
    case OD_DEFAULT_MODEL_ACCURATE:
    default:                                 return _("default accurate model");
    }
}

/* ---------------------------------------------------------------------------------------------
 * The flat map
 */

GHashTable *
_od_flat_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
}

GHashTable *
_od_flat_copy (GHashTable *flat)
{
  GHashTable *copy = _od_flat_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, flat);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), json_node_ref (value));
  return copy;
}

void
_od_flat_set_bool (GHashTable *flat,
                   const char *key,
                   gboolean    value)
{
  g_hash_table_insert (flat, g_strdup (key), json_node_init_boolean (json_node_alloc (), value));
}

void
_od_flat_set_string (GHashTable *flat,
                     const char *key,
                     const char *value)
{
  JsonNode *node = json_node_alloc ();

  if (value != NULL)
    json_node_init_string (node, value);
  else
    json_node_init_null (node);
  g_hash_table_insert (flat, g_strdup (key), node);
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

GHashTable *
_od_flat_merge (GHashTable *current,
                GHashTable *base,
                GHashTable *mine)
{
  GHashTable *merged = _od_flat_copy (current);
  g_auto(GStrv) keys = _od_flat_changed_keys (base, mine);

  for (guint i = 0; keys[i]; i++)
    {
      JsonNode *value = g_hash_table_lookup (mine, keys[i]);

      if (value != NULL)
        g_hash_table_insert (merged, g_strdup (keys[i]), json_node_ref (value));
      else
        g_hash_table_remove (merged, keys[i]);
    }
  return merged;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
_od_flat_changed_keys (GHashTable *a,
                       GHashTable *b)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!nodes_equal (value, g_hash_table_lookup (b, key)))
      g_ptr_array_add (keys, g_strdup (key));
  g_hash_table_iter_init (&iter, b);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (a, key))
      g_ptr_array_add (keys, g_strdup (key));
  g_ptr_array_sort (keys, compare_strings);
  g_ptr_array_add (keys, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
}

char *
_od_flat_to_json_text (GHashTable         *flat,
                       const char * const *keys)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; keys && keys[i]; i++)
    {
      JsonNode *value = g_hash_table_lookup (flat, keys[i]);

      json_builder_set_member_name (builder, keys[i]);
      if (value != NULL)
        json_builder_add_value (builder, json_node_copy (value));
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
flat_get_bool (GHashTable *flat,
               const char *key,
               gboolean    fallback)
{
  JsonNode *node = g_hash_table_lookup (flat, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

static const char *
flat_get_string (GHashTable *flat,
                 const char *key)
{
  JsonNode *node = g_hash_table_lookup (flat, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

char *
_od_settings_custom_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  return g_utf8_casefold (stripped, -1);
}

/* ---------------------------------------------------------------------------------------------
 * Keeping "allowed" up to date
 */

static void
update_allowed (OdSettings *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->models));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdModel) model = g_list_model_get_item (G_LIST_MODEL (self->models), i);
      OdProvider *provider = od_settings_lookup_provider (self, od_model_get_provider (model));
      gboolean allowed = provider != NULL && od_provider_get_enabled (provider) &&
                         (!self->customize_models || od_model_get_checked (model));

      _od_model_set_allowed (model, allowed);
    }
}

static void
notify_allowed_input_cb (GObject    *object,
                         GParamSpec *pspec,
                         gpointer    user_data)
{
  update_allowed (OD_SETTINGS (user_data));
}

/* ---------------------------------------------------------------------------------------------
 * GObject
 */

static void
od_settings_finalize (GObject *object)
{
  OdSettings *self = (OdSettings *) object;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->providers)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->providers), i);
      g_signal_handlers_disconnect_by_data (item, self);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->models)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->models), i);
      g_signal_handlers_disconnect_by_data (item, self);
    }
  g_clear_object (&self->providers);
  g_clear_object (&self->models);
  g_clear_object (&self->applications);
  g_clear_object (&self->websites);
  for (guint i = 0; i < G_N_ELEMENTS (self->defaults); i++)
    g_clear_pointer (&self->defaults[i], g_free);
  g_clear_pointer (&self->base, g_hash_table_unref);

  G_OBJECT_CLASS (od_settings_parent_class)->finalize (object);
}

static void
od_settings_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OdSettings *self = OD_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;

    case PROP_EXTERNAL_CLOUD:
      g_value_set_boolean (value, self->external_cloud);
      break;

    case PROP_TELEMETRY:
      g_value_set_boolean (value, self->telemetry);
      break;

    case PROP_SUMMARY_REPORTS:
      g_value_set_boolean (value, self->summary_reports);
      break;

    case PROP_PROCESSING_ENABLED:
      g_value_set_boolean (value, self->processing_enabled);
      break;

    case PROP_PROCESSING_MODE:
      g_value_set_enum (value, self->processing_mode);
      break;

    case PROP_CUSTOMIZE_MODELS:
      g_value_set_boolean (value, self->customize_models);
      break;

    case PROP_DEFAULT_ACCURATE:
      g_value_set_string (value, self->defaults[OD_DEFAULT_MODEL_ACCURATE]);
      break;

    case PROP_DEFAULT_FAST:
      g_value_set_string (value, self->defaults[OD_DEFAULT_MODEL_FAST]);
      break;

    case PROP_FALLBACK_ACCURATE:
      g_value_set_string (value, self->defaults[OD_DEFAULT_MODEL_FALLBACK_ACCURATE]);
      break;

    case PROP_FALLBACK_FAST:
      g_value_set_string (value, self->defaults[OD_DEFAULT_MODEL_FALLBACK_FAST]);
      break;

    case PROP_MANAGE_SOURCES:
      g_value_set_boolean (value, self->manage_sources);
      break;

    case PROP_MANAGE_WEBSITES:
      g_value_set_boolean (value, self->manage_websites);
      break;

    case PROP_PROVIDERS:
      g_value_set_object (value, self->providers);
      break;

    case PROP_MODELS:
      g_value_set_object (value, self->models);
      break;

    case PROP_APPLICATIONS:
      g_value_set_object (value, self->applications);
      break;

    case PROP_WEBSITES:
      g_value_set_object (value, self->websites);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_settings_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  OdSettings *self = OD_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_ORGANIZATION_ID:
      self->organization_id = g_value_get_int64 (value);
      break;

    case PROP_EXTERNAL_CLOUD:
      od_settings_set_external_cloud (self, g_value_get_boolean (value));
      break;

    case PROP_TELEMETRY:
      od_settings_set_telemetry (self, g_value_get_boolean (value));
      break;

    case PROP_SUMMARY_REPORTS:
      od_settings_set_summary_reports (self, g_value_get_boolean (value));
      break;

    case PROP_PROCESSING_ENABLED:
      od_settings_set_processing_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_PROCESSING_MODE:
      od_settings_set_processing_mode (self, g_value_get_enum (value));
      break;

    case PROP_CUSTOMIZE_MODELS:
      od_settings_set_customize_models (self, g_value_get_boolean (value));
      break;

    case PROP_DEFAULT_ACCURATE:
      od_settings_set_default_model (self, OD_DEFAULT_MODEL_ACCURATE, g_value_get_string (value));
      break;

    case PROP_DEFAULT_FAST:
      od_settings_set_default_model (self, OD_DEFAULT_MODEL_FAST, g_value_get_string (value));
      break;

    case PROP_FALLBACK_ACCURATE:
      od_settings_set_default_model (self, OD_DEFAULT_MODEL_FALLBACK_ACCURATE, g_value_get_string (value));
      break;

    case PROP_FALLBACK_FAST:
      od_settings_set_default_model (self, OD_DEFAULT_MODEL_FALLBACK_FAST, g_value_get_string (value));
      break;

    case PROP_MANAGE_SOURCES:
      od_settings_set_manage_sources (self, g_value_get_boolean (value));
      break;

    case PROP_MANAGE_WEBSITES:
      od_settings_set_manage_websites (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_settings_class_init (OdSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = od_settings_finalize;
  object_class->get_property = od_settings_get_property;
  object_class->set_property = od_settings_set_property;

  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EXTERNAL_CLOUD] = g_param_spec_boolean ("external-cloud", NULL, NULL, TRUE, rw);
  properties[PROP_TELEMETRY] = g_param_spec_boolean ("telemetry", NULL, NULL, TRUE, rw);
  properties[PROP_SUMMARY_REPORTS] = g_param_spec_boolean ("summary-reports", NULL, NULL, TRUE, rw);
  properties[PROP_PROCESSING_ENABLED] = g_param_spec_boolean ("processing-enabled", NULL, NULL, TRUE, rw);
  properties[PROP_PROCESSING_MODE] =
    g_param_spec_enum ("processing-mode", NULL, NULL, OD_TYPE_PROCESSING_MODE, OD_PROCESSING_LOCAL, rw);
  properties[PROP_CUSTOMIZE_MODELS] = g_param_spec_boolean ("customize-models", NULL, NULL, FALSE, rw);
  properties[PROP_DEFAULT_ACCURATE] = g_param_spec_string ("default-accurate", NULL, NULL, NULL, rw);
  properties[PROP_DEFAULT_FAST] = g_param_spec_string ("default-fast", NULL, NULL, NULL, rw);
  properties[PROP_FALLBACK_ACCURATE] = g_param_spec_string ("fallback-accurate", NULL, NULL, NULL, rw);
  properties[PROP_FALLBACK_FAST] = g_param_spec_string ("fallback-fast", NULL, NULL, NULL, rw);
  properties[PROP_MANAGE_SOURCES] = g_param_spec_boolean ("manage-sources", NULL, NULL, FALSE, rw);
  properties[PROP_MANAGE_WEBSITES] = g_param_spec_boolean ("manage-websites", NULL, NULL, FALSE, rw);
  properties[PROP_PROVIDERS] = g_param_spec_object ("providers", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_MODELS] = g_param_spec_object ("models", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_APPLICATIONS] = g_param_spec_object ("applications", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_WEBSITES] = g_param_spec_object ("websites", NULL, NULL, G_TYPE_LIST_MODEL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static int
compare_applications (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  g_autofree char *ka = g_utf8_collate_key (od_source_app_get_name ((OdSourceApp *) a), -1);
  g_autofree char *kb = g_utf8_collate_key (od_source_app_get_name ((OdSourceApp *) b), -1);
  int cmp = strcmp (ka, kb);

  return cmp != 0 ? cmp : g_strcmp0 (od_source_app_get_name ((OdSourceApp *) a),
                                     od_source_app_get_name ((OdSourceApp *) b));
}

/* For g_ptr_array_sort_with_data(), which hands pointers to the elements. */
static int
compare_application_ptrs (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  return compare_applications (*(OdSourceApp * const *) a, *(OdSourceApp * const *) b, user_data);
}

static void
od_settings_init (OdSettings *self)
{
  const OdCatalogueProvider *providers;
  const OdCatalogueModel *models;
  const OdCatalogueApplication *apps;
  guint n_providers, n_models, n_apps;

  self->external_cloud = TRUE;
  self->telemetry = TRUE;
  self->summary_reports = TRUE;
  self->processing_enabled = TRUE;
  self->processing_mode = OD_PROCESSING_LOCAL;
  self->providers = g_list_store_new (OD_TYPE_PROVIDER);
  self->models = g_list_store_new (OD_TYPE_MODEL);
  self->applications = g_list_store_new (OD_TYPE_SOURCE_APP);
  self->websites = g_list_store_new (OD_TYPE_WEBSITE);

  providers = od_catalogue_get_providers (&n_providers);
  for (guint i = 0; i < n_providers; i++)
    {
      g_autoptr(OdProvider) provider = g_object_new (OD_TYPE_PROVIDER,
                                                     "id", providers[i].id,
                                                     "name", providers[i].name,
                                                     NULL);
      g_signal_connect (provider, "notify::enabled", G_CALLBACK (notify_allowed_input_cb), self);
      g_list_store_append (self->providers, provider);
    }

  models = od_catalogue_get_models (&n_models);
  for (guint i = 0; i < n_models; i++)
    {
      g_autoptr(OdModel) model = _od_model_new (&models[i]);
      g_signal_connect (model, "notify::checked", G_CALLBACK (notify_allowed_input_cb), self);
      g_list_store_append (self->models, model);
    }

  apps = od_catalogue_get_applications (&n_apps);
  for (guint i = 0; i < n_apps; i++)
    {
      g_autoptr(OdSourceApp) app = g_object_new (OD_TYPE_SOURCE_APP,
                                                 "catalogue-id", apps[i].id,
                                                 "name", apps[i].name,
                                                 "bundle-ids", apps[i].bundle_ids,
                                                 NULL);
      g_list_store_insert_sorted (self->applications, app, compare_applications, NULL);
    }

  self->base = _od_settings_flatten (self);
}

/* ---------------------------------------------------------------------------------------------
 * Flat map ↔ object
 */

GHashTable *
_od_settings_flatten (OdSettings *self)
{
  GHashTable *flat = _od_flat_new ();
  GListModel *list;

  _od_flat_set_bool (flat, "features.external_cloud", self->external_cloud);
  _od_flat_set_bool (flat, "features.telemetry", self->telemetry);
  _od_flat_set_bool (flat, "features.summary_reports", self->summary_reports);
  _od_flat_set_bool (flat, "processing.enabled", self->processing_enabled);
  _od_flat_set_string (flat, "processing.mode", od_processing_mode_to_string (self->processing_mode));
  _od_flat_set_bool (flat, "models.customize", self->customize_models);
  for (guint i = OD_DEFAULT_MODEL_ACCURATE; i <= OD_DEFAULT_MODEL_FALLBACK_FAST; i++)
    {
      g_autofree char *key = g_strconcat ("models.default.", default_model_names[i], NULL);
      _od_flat_set_string (flat, key, self->defaults[i]);
    }

  list = G_LIST_MODEL (self->providers);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdProvider) provider = g_list_model_get_item (list, i);
      g_autofree char *key = g_strconcat (OD_SETTINGS_PROVIDER_PREFIX, od_provider_get_id (provider), NULL);
      _od_flat_set_bool (flat, key, od_provider_get_enabled (provider));
    }

  list = G_LIST_MODEL (self->models);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdModel) model = g_list_model_get_item (list, i);
      g_autofree char *key = g_strconcat (OD_SETTINGS_MODEL_PREFIX, od_model_get_id (model), NULL);
      _od_flat_set_bool (flat, key, od_model_get_checked (model));
    }

  _od_flat_set_bool (flat, "sources.manage", self->manage_sources);
  list = G_LIST_MODEL (self->applications);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdSourceApp) app = g_list_model_get_item (list, i);

      if (od_source_app_get_global (app))
        {
          g_autofree char *key = g_strconcat (OD_SETTINGS_GLOBAL_PREFIX, od_source_app_get_catalogue_id (app), NULL);
          _od_flat_set_bool (flat, key, od_source_app_get_denied (app));
        }
      else
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();
          g_autofree char *name_key = _od_settings_custom_key (od_source_app_get_name (app));
          const char * const *ids = od_source_app_get_bundle_ids (app);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, od_source_app_get_name (app));
          json_builder_set_member_name (b, "bundle_ids");
          json_builder_begin_array (b);
          for (guint k = 0; ids[k]; k++)
            json_builder_add_string_value (b, ids[k]);
          json_builder_end_array (b);
          json_builder_set_member_name (b, "denied");
          json_builder_add_boolean_value (b, od_source_app_get_denied (app));
          json_builder_end_object (b);
          g_hash_table_insert (flat, g_strconcat (OD_SETTINGS_CUSTOM_PREFIX, name_key, NULL),
                               json_builder_get_root (b));
        }
    }

  _od_flat_set_bool (flat, "websites.manage", self->manage_websites);
  list = G_LIST_MODEL (self->websites);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdWebsite) website = g_list_model_get_item (list, i);
      g_autofree char *key = g_strconcat (OD_SETTINGS_WEBSITE_PREFIX, od_website_get_host (website), NULL);
      _od_flat_set_bool (flat, key, TRUE);
    }

  return flat;
}

/* A custom application from its flat value, or NULL when the value has the wrong shape. */
static OdSourceApp *
custom_app_from_node (JsonNode *node)
{
  JsonObject *object;
  JsonNode *name, *ids, *denied;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) bundle_ids = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  name = json_object_get_member (object, "name");
  ids = json_object_get_member (object, "bundle_ids");
  denied = json_object_get_member (object, "denied");
  if (name == NULL || json_node_get_value_type (name) != G_TYPE_STRING ||
      ids == NULL || !JSON_NODE_HOLDS_ARRAY (ids))
    return NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (ids)); i++)
    {
      JsonNode *id = json_array_get_element (json_node_get_array (ids), i);
      if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (id));
    }
  bundle_ids = g_strv_builder_end (builder);
  return g_object_new (OD_TYPE_SOURCE_APP,
                       "name", json_node_get_string (name),
                       "bundle-ids", bundle_ids,
                       "denied", denied != NULL && JSON_NODE_HOLDS_VALUE (denied) &&
                                 json_node_get_value_type (denied) == G_TYPE_BOOLEAN &&
                                 json_node_get_boolean (denied),
                       NULL);
}

static gboolean
same_application (OdSourceApp *a,
                  OdSourceApp *b)
{
  return g_strcmp0 (od_source_app_get_catalogue_id (a), od_source_app_get_catalogue_id (b)) == 0 &&
         g_strcmp0 (od_source_app_get_name (a), od_source_app_get_name (b)) == 0 &&
         g_strv_equal ((const char * const *) od_source_app_get_bundle_ids (a),
                       (const char * const *) od_source_app_get_bundle_ids (b));
}

/* Replaces the list's items by wanted unless they are the same entries; then only "denied" follows. */
static void
sync_applications (OdSettings *self,
                   GPtrArray  *wanted)
{
  GListModel *list = G_LIST_MODEL (self->applications);
  gboolean same = g_list_model_get_n_items (list) == wanted->len;

  for (guint i = 0; same && i < wanted->len; i++)
    {
      g_autoptr(OdSourceApp) current = g_list_model_get_item (list, i);
      same = same_application (current, g_ptr_array_index (wanted, i));
    }

  if (!same)
    {
      g_list_store_splice (self->applications, 0, g_list_model_get_n_items (list), wanted->pdata, wanted->len);
      return;
    }
  for (guint i = 0; i < wanted->len; i++)
    {
      g_autoptr(OdSourceApp) current = g_list_model_get_item (list, i);
      od_source_app_set_denied (current, od_source_app_get_denied (g_ptr_array_index (wanted, i)));
    }
}

static void
sync_websites (OdSettings *self,
               GPtrArray  *hosts)
{
  GListModel *list = G_LIST_MODEL (self->websites);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean same = g_list_model_get_n_items (list) == hosts->len;

  for (guint i = 0; same && i < hosts->len; i++)
    {
      g_autoptr(OdWebsite) current = g_list_model_get_item (list, i);
      same = g_str_equal (od_website_get_host (current), g_ptr_array_index (hosts, i));
    }
  if (same)
    return;
  for (guint i = 0; i < hosts->len; i++)
    g_ptr_array_add (items, od_website_new (g_ptr_array_index (hosts, i)));
  g_list_store_splice (self->websites, 0, g_list_model_get_n_items (list), items->pdata, items->len);
}

void
_od_settings_reset (OdSettings *self,
                    GHashTable *flat)
{
  _od_settings_set_values (self, flat);
  g_clear_pointer (&self->base, g_hash_table_unref);
  self->base = _od_flat_copy (flat);
}

void
_od_settings_set_values (OdSettings *self,
                         GHashTable *flat)
{
  const OdCatalogueApplication *apps;
  g_autoptr(GPtrArray) wanted_apps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) hosts = g_ptr_array_new ();
  GListModel *list;
  GHashTableIter iter;
  gpointer key, value;
  guint n_apps;

  g_object_freeze_notify (G_OBJECT (self));

  od_settings_set_external_cloud (self, flat_get_bool (flat, "features.external_cloud", TRUE));
  od_settings_set_telemetry (self, flat_get_bool (flat, "features.telemetry", TRUE));
  od_settings_set_summary_reports (self, flat_get_bool (flat, "features.summary_reports", TRUE));
  od_settings_set_processing_enabled (self, flat_get_bool (flat, "processing.enabled", TRUE));
  {
    OdProcessingMode mode = od_processing_mode_from_string (flat_get_string (flat, "processing.mode"));
    od_settings_set_processing_mode (self, mode ? mode : OD_PROCESSING_LOCAL);
  }
  for (guint i = OD_DEFAULT_MODEL_ACCURATE; i <= OD_DEFAULT_MODEL_FALLBACK_FAST; i++)
    {
      g_autofree char *k = g_strconcat ("models.default.", default_model_names[i], NULL);
      od_settings_set_default_model (self, i, flat_get_string (flat, k));
    }

  list = G_LIST_MODEL (self->providers);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdProvider) provider = g_list_model_get_item (list, i);
      g_autofree char *k = g_strconcat (OD_SETTINGS_PROVIDER_PREFIX, od_provider_get_id (provider), NULL);
      od_provider_set_enabled (provider, flat_get_bool (flat, k, TRUE));
    }
  list = G_LIST_MODEL (self->models);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdModel) model = g_list_model_get_item (list, i);
      g_autofree char *k = g_strconcat (OD_SETTINGS_MODEL_PREFIX, od_model_get_id (model), NULL);
      od_model_set_checked (model, flat_get_bool (flat, k, TRUE));
    }
  od_settings_set_customize_models (self, flat_get_bool (flat, "models.customize", FALSE));

  od_settings_set_manage_sources (self, flat_get_bool (flat, "sources.manage", FALSE));
  apps = od_catalogue_get_applications (&n_apps);
  for (guint i = 0; i < n_apps; i++)
    {
      g_autofree char *k = g_strconcat (OD_SETTINGS_GLOBAL_PREFIX, apps[i].id, NULL);
      g_ptr_array_add (wanted_apps, g_object_new (OD_TYPE_SOURCE_APP,
                                                  "catalogue-id", apps[i].id,
                                                  "name", apps[i].name,
                                                  "bundle-ids", apps[i].bundle_ids,
                                                  "denied", flat_get_bool (flat, k, FALSE),
                                                  NULL));
    }

  od_settings_set_manage_websites (self, flat_get_bool (flat, "websites.manage", FALSE));
  g_hash_table_iter_init (&iter, flat);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_str_has_prefix (key, OD_SETTINGS_CUSTOM_PREFIX))
        {
          OdSourceApp *app = custom_app_from_node (value);
          if (app != NULL)
            g_ptr_array_add (wanted_apps, app);
        }
      else if (g_str_has_prefix (key, OD_SETTINGS_WEBSITE_PREFIX))
        g_ptr_array_add (hosts, (char *) key + strlen (OD_SETTINGS_WEBSITE_PREFIX));
    }
  g_ptr_array_sort_with_data (wanted_apps, compare_application_ptrs, NULL);
  g_ptr_array_sort (hosts, compare_strings);
  sync_applications (self, wanted_apps);
  sync_websites (self, hosts);

  update_allowed (self);
  g_object_thaw_notify (G_OBJECT (self));
}

OdSettings *
_od_settings_new_from_flat (gint64      organization_id,
                            GHashTable *flat)
{
  OdSettings *self = g_object_new (OD_TYPE_SETTINGS, "organization-id", organization_id, NULL);

  _od_settings_reset (self, flat);
  return self;
}

GHashTable *
_od_settings_get_base (OdSettings *self)
{
  return self->base;
}

/* ---------------------------------------------------------------------------------------------
 * Loading and saving
 */

OdSettings *
od_settings_load (OdRepository  *repository,
                  gint64         organization_id,
                  GError       **error)
{
  g_autoptr(GHashTable) flat = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (organization_id > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  flat = _od_repository_load_settings (repository, organization_id, error);
  if (flat == NULL)
    return NULL;
  return _od_settings_new_from_flat (organization_id, flat);
}

static gpointer
load_in_worker (OdRepository  *repository,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return od_settings_load (repository, *(gint64 *) data, error);
}

void
od_settings_load_async (OdRepository        *repository,
                        gint64               organization_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (OD_IS_REPOSITORY (repository));
  g_return_if_fail (organization_id > 0);

  od_repository_run_async (repository, load_in_worker, g_memdup2 (&organization_id, sizeof organization_id),
                           g_free, g_object_unref, cancellable, callback, user_data);
}

OdSettings *
od_settings_load_finish (OdRepository  *repository,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);

  return od_repository_run_finish (repository, result, error);
}

static gboolean
check_before_save (OdSettings  *self,
                   GError     **error)
{
  g_autoptr(GListModel) issues = od_settings_validate (self);
  g_autoptr(OdPolicyIssue) first = NULL;
  guint n = g_list_model_get_n_items (issues);

  if (n == 0)
    return TRUE;
  first = g_list_model_get_item (issues, 0);
  if (n == 1)
    g_set_error_literal (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID,
                         od_policy_issue_get_message (first));
  else
    g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)", "%s (and %u more problems)", n - 1),
                 od_policy_issue_get_message (first), n - 1);
  return FALSE;
}

gboolean
od_settings_save (OdSettings    *self,
                  OdRepository  *repository,
                  OdMember      *actor,
                  GError       **error)
{
  g_autoptr(GHashTable) mine = NULL;
  g_autoptr(GHashTable) merged = NULL;

  g_return_val_if_fail (OD_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (OD_IS_REPOSITORY (repository), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_before_save (self, error))
    return FALSE;
  mine = _od_settings_flatten (self);
  merged = _od_repository_save_settings (repository, actor, self->organization_id, self->base, mine, error);
  if (merged == NULL)
    return FALSE;
  _od_settings_reset (self, merged);
  return TRUE;
}

typedef struct
{
  OdMember   *actor;
  gint64      organization_id;
  GHashTable *base;
  GHashTable *mine;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->actor);
  g_clear_pointer (&save->base, g_hash_table_unref);
  g_clear_pointer (&save->mine, g_hash_table_unref);
  g_free (save);
}

static gpointer
save_in_worker (OdRepository  *repository,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  SaveData *save = data;

  return _od_repository_save_settings (repository, save->actor, save->organization_id,
                                       save->base, save->mine, error);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OdSettings *self = g_task_get_source_object (task);
  SaveData *save = g_task_get_task_data (task);
  g_autoptr(GHashTable) merged = NULL;
  g_autoptr(GHashTable) now = NULL;
  g_autoptr(GHashTable) edited_meanwhile = NULL;
  GError *error = NULL;

  merged = od_repository_run_finish (OD_REPOSITORY (object), result, &error);
  if (merged == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Keep what was edited while the save ran: it stays a pending change over the new base. */
  now = _od_settings_flatten (self);
  edited_meanwhile = _od_flat_merge (merged, save->mine, now);
  _od_settings_set_values (self, edited_meanwhile);
  g_clear_pointer (&self->base, g_hash_table_unref);
  self->base = g_hash_table_ref (merged);
  g_task_return_boolean (task, TRUE);
}

void
od_settings_save_async (OdSettings          *self,
                        OdRepository        *repository,
                        OdMember            *actor,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SaveData *save, *worker_save;

  g_return_if_fail (OD_IS_SETTINGS (self));
  g_return_if_fail (OD_IS_REPOSITORY (repository));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, od_settings_save_async);

  if (!check_before_save (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  save = g_new0 (SaveData, 1);
  save->mine = _od_settings_flatten (self);
  g_task_set_task_data (task, save, save_data_free);

  worker_save = g_new0 (SaveData, 1);
  worker_save->actor = actor ? g_object_ref (actor) : NULL;
  worker_save->organization_id = self->organization_id;
  worker_save->base = _od_flat_copy (self->base);
  worker_save->mine = _od_flat_copy (save->mine);
  od_repository_run_async (repository, save_in_worker, worker_save, save_data_free,
                           (GDestroyNotify) g_hash_table_unref, cancellable, save_done_cb,
                           g_steal_pointer (&task));
}

gboolean
od_settings_save_finish (OdSettings    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
od_settings_has_changes (OdSettings *self)
{
  g_autoptr(GHashTable) now = NULL;
  g_auto(GStrv) keys = NULL;

  g_return_val_if_fail (OD_IS_SETTINGS (self), FALSE);

  now = _od_settings_flatten (self);
  keys = _od_flat_changed_keys (self->base, now);
  return keys[0] != NULL;
}

OdSettings *
od_settings_copy (OdSettings *self)
{
  g_autoptr(GHashTable) now = NULL;
  OdSettings *copy;

  g_return_val_if_fail (OD_IS_SETTINGS (self), NULL);

  now = _od_settings_flatten (self);
  copy = _od_settings_new_from_flat (self->organization_id, now);
  g_clear_pointer (&copy->base, g_hash_table_unref);
  copy->base = _od_flat_copy (self->base);
  return copy;
}

JsonNode *
od_settings_to_json (OdSettings *self)
{
  g_autoptr(GHashTable) flat = NULL;
  g_autofree const char **keys = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n = 0;

  g_return_val_if_fail (OD_IS_SETTINGS (self), NULL);

  flat = _od_settings_flatten (self);
  keys = (const char **) g_hash_table_get_keys_as_array (flat, &n);
  qsort (keys, n, sizeof (char *), compare_strings);
  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_value (builder, json_node_copy (g_hash_table_lookup (flat, keys[i])));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---------------------------------------------------------------------------------------------
 * Validation
 */

GListModel *
od_settings_validate (OdSettings *self)
{
  GListStore *issues;

  g_return_val_if_fail (OD_IS_SETTINGS (self), NULL);

  issues = g_list_store_new (OD_TYPE_POLICY_ISSUE);
  for (guint i = OD_DEFAULT_MODEL_ACCURATE; i <= OD_DEFAULT_MODEL_FALLBACK_FAST; i++)
    {
      const char *id = self->defaults[i];
      g_autofree char *path = NULL;
      g_autofree char *message = NULL;
      g_autoptr(OdPolicyIssue) issue = NULL;

      if (id == NULL)
        continue;
      path = g_strconcat ("$.external_provider.allowed_cloud_models.default_models.", default_model_names[i], NULL);
      if (od_settings_lookup_model (self, id) == NULL)
        /* Translators: the first %s is e.g. "default fast model", the second a model id */
        message = g_strdup_printf (_("The %s “%s” is not in the model catalogue. Choose one of the models "
                                     "listed under Models."), default_model_label (i), id);
      else if (!od_settings_is_model_allowed (self, id))
        message = g_strdup_printf (_("The %s “%s” is not an allowed model. Allow it under Models, or choose "
                                     "another %s."), default_model_label (i), id, default_model_label (i));
      else
        continue;
      issue = od_policy_issue_new (path, message);
      g_list_store_append (issues, issue);
    }
  return G_LIST_MODEL (issues);
}

/* ---------------------------------------------------------------------------------------------
 * Features
 */

gint64
od_settings_get_organization_id (OdSettings *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), 0);
  return self->organization_id;
}

static void
set_flag (OdSettings *self,
          gboolean   *field,
          gboolean    value,
          guint       prop)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

gboolean
od_settings_get_external_cloud (OdSettings *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), FALSE);
  return self->external_cloud;
}

void
od_settings_set_external_cloud (OdSettings *self,
                                gboolean    enabled)
{
  g_return_if_fail (OD_IS_SETTINGS (self));
  set_flag (self, &self->external_cloud, enabled, PROP_EXTERNAL_CLOUD);
}

gboolean
od_settings_get_telemetry (OdSettings *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), FALSE);
  return self->telemetry;
}

void
od_settings_set_telemetry (OdSettings *self,
                           gboolean    enabled)
{
  g_return_if_fail (OD_IS_SETTINGS (self));
  set_flag (self, &self->telemetry, enabled, PROP_TELEMETRY);
}

gboolean
od_settings_get_summary_reports (OdSettings *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), FALSE);
  return self->summary_reports;
}

void
od_settings_set_summary_reports (OdSettings *self,
                                 gboolean    enabled)
{
  g_return_if_fail (OD_IS_SETTINGS (self));
  set_flag (self, &self->summary_reports, enabled, PROP_SUMMARY_REPORTS);
}

gboolean
od_settings_get_processing_enabled (OdSettings *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), FALSE);
  return self->processing_enabled;
}

void
od_settings_set_processing_enabled (OdSettings *self,
                                    gboolean    enabled)
{
  g_return_if_fail (OD_IS_SETTINGS (self));
  set_flag (self, &self->processing_enabled, enabled, PROP_PROCESSING_ENABLED);
}

OdProcessingMode
od_settings_get_processing_mode (OdSettings *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), OD_PROCESSING_LOCAL);
  return self->processing_mode;
}

void
od_settings_set_processing_mode (OdSettings       *self,
                                 OdProcessingMode  mode)
{
  g_return_if_fail (OD_IS_SETTINGS (self));
  g_return_if_fail (mode >= OD_PROCESSING_LOCAL && mode <= OD_PROCESSING_CLOUD);

  if (self->processing_mode == mode)
    return;
  self->processing_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROCESSING_MODE]);
}

/* ---------------------------------------------------------------------------------------------
 * Models
 */

gboolean
od_settings_get_customize_models (OdSettings *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), FALSE);
  return self->customize_models;
}

void
od_settings_set_customize_models (OdSettings *self,
                                  gboolean    customize)
{
  g_return_if_fail (OD_IS_SETTINGS (self));

  customize = !!customize;
  if (self->customize_models == customize)
    return;
  self->customize_models = customize;
  update_allowed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMIZE_MODELS]);
}

GListModel *
od_settings_get_providers (OdSettings *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), NULL);
  return G_LIST_MODEL (self->providers);
}

GListModel *
od_settings_get_models (OdSettings *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), NULL);
  return G_LIST_MODEL (self->models);
}

OdProvider *
od_settings_lookup_provider (OdSettings *self,
                             const char *provider_id)
{
  GListModel *list;

  g_return_val_if_fail (OD_IS_SETTINGS (self), NULL);
  g_return_val_if_fail (provider_id != NULL, NULL);

  list = G_LIST_MODEL (self->providers);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdProvider) provider = g_list_model_get_item (list, i);
      if (g_str_equal (od_provider_get_id (provider), provider_id))
        return provider;   /* the store keeps it alive */
    }
  return NULL;
}

OdModel *
od_settings_lookup_model (OdSettings *self,
                          const char *model_id)
{
  GListModel *list;

  g_return_val_if_fail (OD_IS_SETTINGS (self), NULL);
  g_return_val_if_fail (model_id != NULL, NULL);

  list = G_LIST_MODEL (self->models);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdModel) model = g_list_model_get_item (list, i);
      if (g_str_equal (od_model_get_id (model), model_id))
        return model;   /* the store keeps it alive */
    }
  return NULL;
}

void
od_settings_set_all_models_checked (OdSettings *self,
                                    gboolean    checked)
{
  GListModel *list;

  g_return_if_fail (OD_IS_SETTINGS (self));

  list = G_LIST_MODEL (self->models);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdModel) model = g_list_model_get_item (list, i);
      od_model_set_checked (model, checked);
    }
}

gboolean
od_settings_is_model_allowed (OdSettings *self,
                              const char *model_id)
{
  OdModel *model;

  g_return_val_if_fail (OD_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (model_id != NULL, FALSE);

  model = od_settings_lookup_model (self, model_id);
  return model != NULL && od_model_get_allowed (model);
}

GStrv
od_settings_dup_allowed_models (OdSettings *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *list;

  g_return_val_if_fail (OD_IS_SETTINGS (self), NULL);

  list = G_LIST_MODEL (self->models);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdModel) model = g_list_model_get_item (list, i);
      if (od_model_get_allowed (model))
        g_strv_builder_add (builder, od_model_get_id (model));
    }
  return g_strv_builder_end (builder);
}

const char *
od_settings_get_default_model (OdSettings     *self,
                               OdDefaultModel  which)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), NULL);
  g_return_val_if_fail (which >= OD_DEFAULT_MODEL_ACCURATE && which <= OD_DEFAULT_MODEL_FALLBACK_FAST, NULL);

  return self->defaults[which];
}

void
od_settings_set_default_model (OdSettings     *self,
                               OdDefaultModel  which,
                               const char     *model_id)
{
  static const guint props[] = {
    0, PROP_DEFAULT_ACCURATE, PROP_DEFAULT_FAST, PROP_FALLBACK_ACCURATE, PROP_FALLBACK_FAST,
  };

  g_return_if_fail (OD_IS_SETTINGS (self));
  g_return_if_fail (which >= OD_DEFAULT_MODEL_ACCURATE && which <= OD_DEFAULT_MODEL_FALLBACK_FAST);

  if (model_id != NULL && *model_id == '\0')
    model_id = NULL;
  if (g_strcmp0 (self->defaults[which], model_id) == 0)
    return;
  g_free (self->defaults[which]);
  self->defaults[which] = g_strdup (model_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[props[which]]);
}

/* ---------------------------------------------------------------------------------------------
 * LTM Sources
 */

gboolean
od_settings_get_manage_sources (OdSettings *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), FALSE);
  return self->manage_sources;
}

void
od_settings_set_manage_sources (OdSettings *self,
                                gboolean    manage)
{
  g_return_if_fail (OD_IS_SETTINGS (self));
  set_flag (self, &self->manage_sources, manage, PROP_MANAGE_SOURCES);
}

GListModel *
od_settings_get_applications (OdSettings *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), NULL);
  return G_LIST_MODEL (self->applications);
}

OdSourceApp *
od_settings_lookup_application (OdSettings *self,
                                const char *name)
{
  g_autofree char *key = NULL;
  GListModel *list;

  g_return_val_if_fail (OD_IS_SETTINGS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = _od_settings_custom_key (name);
  list = G_LIST_MODEL (self->applications);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdSourceApp) app = g_list_model_get_item (list, i);
      g_autofree char *app_key = _od_settings_custom_key (od_source_app_get_name (app));

      if (g_str_equal (key, app_key))
        return app;   /* the store keeps it alive */
    }
  return NULL;
}

gboolean
od_settings_check_bundle_id (const char  *bundle_id,
                             GError     **error)
{
  gboolean has_alnum = FALSE;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (bundle_id == NULL || *bundle_id == '\0')
    {
      g_set_error_literal (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID,
                           _("A bundle identifier is empty. Enter one such as com.example.App."));
      return FALSE;
    }
  if (!g_utf8_validate (bundle_id, -1, NULL))
    {
      g_set_error_literal (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID,
                           _("A bundle identifier is not valid UTF-8 text."));
      return FALSE;
    }
  if (g_utf8_strlen (bundle_id, -1) > MAX_BUNDLE_ID)
    {
      g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID,
                   _("The bundle identifier “%.40s…” is longer than %u characters."), bundle_id, MAX_BUNDLE_ID);
      return FALSE;
    }
  if (g_unichar_isspace (g_utf8_get_char (bundle_id)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (bundle_id + strlen (bundle_id)))))
    {
      g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID,
                   _("The bundle identifier “%s” starts or ends with a space. Remove it."), bundle_id);
      return FALSE;
    }
  for (const char *p = bundle_id; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == ',')
        {
          g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID,
                       _("The bundle identifier “%s” contains a comma or a control character. Give each "
                         "identifier separately."), bundle_id);
          return FALSE;
        }
      if (g_unichar_isalnum (c))
        has_alnum = TRUE;
    }
  if (!has_alnum)
    {
      g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID,
                   _("“%s” is not a bundle identifier. Enter one such as com.example.App."), bundle_id);
      return FALSE;
    }
  return TRUE;
}

/* Which entry (other than skip) already lists this bundle id, compared case-insensitively. */
static OdSourceApp *
find_bundle_owner (OdSettings *self,
                   const char *bundle_id)
{
  GListModel *list = G_LIST_MODEL (self->applications);
  g_autofree char *key = g_utf8_casefold (bundle_id, -1);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdSourceApp) app = g_list_model_get_item (list, i);
      const char * const *ids = od_source_app_get_bundle_ids (app);

      for (guint k = 0; ids[k]; k++)
        {
          g_autofree char *other = g_utf8_casefold (ids[k], -1);
          if (g_str_equal (key, other))
            return app;
        }
    }
  return NULL;
}

OdSourceApp *
od_settings_add_application (OdSettings          *self,
                             const char          *name,
                             const char * const  *bundle_ids,
                             GError             **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) ids = NULL;
  g_autoptr(OdSourceApp) app = NULL;
  OdSourceApp *existing;

  g_return_val_if_fail (OD_IS_SETTINGS (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = name && g_utf8_validate (name, -1, NULL) ? g_strstrip (g_strdup (name)) : NULL;
  if (trimmed == NULL || *trimmed == '\0')
    {
      g_set_error_literal (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID,
                           _("Enter the application’s name."));
      return NULL;
    }
  if (g_utf8_strlen (trimmed, -1) > MAX_APPLICATION_NAME)
    {
      g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID,
                   _("The application’s name is longer than %u characters."), MAX_APPLICATION_NAME);
      return NULL;
    }
  existing = od_settings_lookup_application (self, trimmed);
  if (existing != NULL)
    {
      g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_DUPLICATE,
                   od_source_app_get_global (existing)
                   ? _("“%s” is already in the catalogue as a Global application. Deny it there instead of adding it.")
                   : _("“%s” is already in the catalogue. Choose another name or deny the existing entry."),
                   od_source_app_get_name (existing));
      return NULL;
    }

  for (guint i = 0; bundle_ids && bundle_ids[i]; i++)
    {
      g_autofree char *id = g_strstrip (g_strdup (bundle_ids[i]));
      OdSourceApp *owner;

      if (*id == '\0')
        continue;
      if (!od_settings_check_bundle_id (id, error))
        return NULL;
      owner = find_bundle_owner (self, id);
      if (owner != NULL)
        {
          g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_DUPLICATE,
                       _("The bundle identifier “%s” already belongs to “%s”. Deny that application instead."),
                       id, od_source_app_get_name (owner));
          return NULL;
        }
      if (g_hash_table_add (seen, g_utf8_casefold (id, -1)))
        g_strv_builder_add (builder, id);
    }
  ids = g_strv_builder_end (builder);
  if (ids[0] == NULL)
    {
      g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID,
                   _("Give at least one bundle identifier for “%s”, such as com.example.App."), trimmed);
      return NULL;
    }

  app = g_object_new (OD_TYPE_SOURCE_APP, "name", trimmed, "bundle-ids", ids, "denied", TRUE, NULL);
  g_list_store_insert_sorted (self->applications, app, compare_applications, NULL);
  return app;   /* the store keeps it alive */
}

gboolean
od_settings_remove_application (OdSettings   *self,
                                OdSourceApp  *application,
                                GError      **error)
{
  guint position;

  g_return_val_if_fail (OD_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (OD_IS_SOURCE_APP (application), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (od_source_app_get_global (application))
    {
      g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_GLOBAL,
                   _("“%s” is a Global application shipped with Orgdesk and cannot be removed. Allow it instead."),
                   od_source_app_get_name (application));
      return FALSE;
    }
  if (!g_list_store_find (self->applications, application, &position))
    {
      g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_NOT_FOUND,
                   _("“%s” is not in the catalogue."), od_source_app_get_name (application));
      return FALSE;
    }
  g_list_store_remove (self->applications, position);
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------
 * LTM Websites
 */

gboolean
od_settings_get_manage_websites (OdSettings *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), FALSE);
  return self->manage_websites;
}

void
od_settings_set_manage_websites (OdSettings *self,
                                 gboolean    manage)
{
  g_return_if_fail (OD_IS_SETTINGS (self));
  set_flag (self, &self->manage_websites, manage, PROP_MANAGE_WEBSITES);
}

GListModel *
od_settings_get_websites (OdSettings *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), NULL);
  return G_LIST_MODEL (self->websites);
}

static int
compare_website_ptrs (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  return strcmp (od_website_get_host (*(OdWebsite * const *) a), od_website_get_host (*(OdWebsite * const *) b));
}

static gboolean
find_website (OdSettings *self,
              const char *host,
              guint      *position)
{
  GListModel *list = G_LIST_MODEL (self->websites);
  guint low = 0, high = g_list_model_get_n_items (list);

  /* The list is sorted by host. */
  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      g_autoptr(OdWebsite) website = g_list_model_get_item (list, mid);
      int cmp = strcmp (od_website_get_host (website), host);

      if (cmp == 0)
        {
          *position = mid;
          return TRUE;
        }
      if (cmp < 0)
        low = mid + 1;
      else
        high = mid;
    }
  *position = low;
  return FALSE;
}

OdWebsite *
od_settings_add_website (OdSettings  *self,
                         const char  *input,
                         GError     **error)
{
  g_autofree char *host = NULL;
  g_autoptr(OdWebsite) website = NULL;
  guint position;

  g_return_val_if_fail (OD_IS_SETTINGS (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  host = od_website_normalize (input, error);
  if (host == NULL)
    return NULL;
  if (find_website (self, host, &position))
    {
      g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_DUPLICATE,
                   _("%s is already a denied website."), host);
      return NULL;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->websites)) >= OD_WEBSITE_MAX_DENIED)
    {
      g_autofree char *message =
        od_website_describe_too_many (g_list_model_get_n_items (G_LIST_MODEL (self->websites)), 1);
      g_set_error_literal (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_TOO_MANY, message);
      return NULL;
    }
  website = od_website_new (host);
  g_list_store_insert (self->websites, position, website);
  return website;   /* the store keeps it alive */
}

gboolean
od_settings_remove_website (OdSettings  *self,
                            const char  *input,
                            GError     **error)
{
  g_autofree char *host = NULL;
  guint position;

  g_return_val_if_fail (OD_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  host = od_website_normalize (input, error);
  if (host == NULL)
    return FALSE;
  if (!find_website (self, host, &position))
    {
      g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_NOT_DENIED,
                   _("%s is not in the denied websites."), host);
      return FALSE;
    }
  g_list_store_remove (self->websites, position);
  return TRUE;
}

GListModel *
od_settings_review_websites (OdSettings  *self,
                             const char  *text,
                             gsize        length,
                             GError     **error)
{
  g_return_val_if_fail (OD_IS_SETTINGS (self), NULL);

  return od_website_review_import (text, length, G_LIST_MODEL (self->websites), error);
}

guint
od_settings_add_reviewed_websites (OdSettings *self,
                                   GListModel *review)
{
  g_autoptr(GHashTable) hosts = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  GListModel *list;
  guint before;

  g_return_val_if_fail (OD_IS_SETTINGS (self), 0);
  g_return_val_if_fail (G_IS_LIST_MODEL (review), 0);

  /* One splice for the whole file, so a list view relayouts once. */
  list = G_LIST_MODEL (self->websites);
  before = g_list_model_get_n_items (list);
  hosts = g_hash_table_new (g_str_hash, g_str_equal);
  sorted = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < before; i++)
    {
      OdWebsite *website = g_list_model_get_item (list, i);
      g_hash_table_add (hosts, (gpointer) od_website_get_host (website));
      g_ptr_array_add (sorted, website);
    }
  for (guint i = 0; i < g_list_model_get_n_items (review); i++)
    {
      g_autoptr(OdWebsiteImportRow) row = g_list_model_get_item (review, i);
      const char *host = od_website_import_row_get_normalized (row);
      OdWebsite *website;

      if (od_website_import_row_get_outcome (row) != OD_WEBSITE_IMPORT_WILL_ADD || host == NULL ||
          g_hash_table_contains (hosts, host))
        continue;
      website = od_website_new (host);
      g_hash_table_add (hosts, (gpointer) od_website_get_host (website));
      g_ptr_array_add (sorted, website);
    }
  if (sorted->len == before)
    return 0;
  g_ptr_array_sort_with_data (sorted, compare_website_ptrs, NULL);
  g_list_store_splice (self->websites, 0, before, sorted->pdata, sorted->len);
  return sorted->len - before;
}
