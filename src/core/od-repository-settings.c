/* od-repository-settings.c — the repository's settings and policy revisions (SPEC §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Settings are read into the flat map of od-settings-private.h and written back key by key:
 * scalar keys are columns of organization_settings, the others rows of settings_providers,
 * settings_models, settings_applications and settings_websites. A row that is missing means the
 * default, so an organization created before migration 2 needs no data migration.
 */
#define G_LOG_DOMAIN "OdRepository"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "od-catalogue.h"
#include "od-error.h"
#include "od-organization.h"
#include "od-policy-issue.h"
#include "od-policy-revision.h"
#include "od-repository-private.h"
#include "od-settings.h"
#include "od-settings-private.h"

/* The keys stored as columns of organization_settings. */
static const struct {
  const char *key;
  const char *column;
  gboolean    is_bool;
} scalar_columns[] = {
  { "features.external_cloud",          "external_cloud",     TRUE },
  { "features.telemetry",               "telemetry",          TRUE },
  { "features.summary_reports",         "summary_reports",    TRUE },
  { "processing.enabled",               "processing_enabled", TRUE },
  { "processing.mode",                  "processing_mode",    FALSE },
  { "models.customize",                 "customize_models",   TRUE },
  { "models.default.accurate",          "default_accurate",   FALSE },
  { "models.default.fast",              "default_fast",       FALSE },
  { "models.default.fallback_accurate", "fallback_accurate",  FALSE },
  { "models.default.fallback_fast",     "fallback_fast",      FALSE },
  { "sources.manage",                   "manage_sources",     TRUE },
  { "websites.manage",                  "manage_websites",    TRUE },
};

/* The same columns, in the same order, for the SELECT below. */
#define SETTINGS_COLUMNS \
  "external_cloud, telemetry, summary_reports, processing_enabled, processing_mode, customize_models," \
  " default_accurate, default_fast, fallback_accurate, fallback_fast, manage_sources, manage_websites"

static gboolean
json_bool (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static const char *
json_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* ---------------------------------------------------------------------------------------------
 * Reading
 */

static gboolean
read_bool_rows (OdRepository  *self,
                const char    *sql,
                gint64         organization_id,
                GHashTable    *out,
                GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (out, g_strdup (_od_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1) ? 2 : 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _od_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* 2 = stored TRUE, 1 = stored FALSE, 0 = not stored (use the default). */
static gboolean
stored_or (GHashTable *rows,
           const char *id,
           gboolean    fallback)
{
  int value = GPOINTER_TO_INT (g_hash_table_lookup (rows, id));

  return value == 0 ? fallback : value == 2;
}

GHashTable *
_od_settings_read_flat (OdRepository  *self,
                        gint64         organization_id,
                        GError       **error)
{
  g_autoptr(GHashTable) flat = _od_flat_new ();
  g_autoptr(GHashTable) providers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) globals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const OdCatalogueProvider *cat_providers;
  const OdCatalogueModel *cat_models;
  const OdCatalogueApplication *cat_apps;
  guint n_providers, n_models, n_apps;
  sqlite3_stmt *stmt;
  gboolean has_row;
  int rc;

  stmt = _od_prepare (self, "SELECT " SETTINGS_COLUMNS " FROM organization_settings WHERE organization_id = ?",
                      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (scalar_columns); i++)
    {
      if (scalar_columns[i].is_bool)
        {
          /* Defaults of migration 2: the features on, the switches that restrict off. */
          gboolean fallback = g_str_has_prefix (scalar_columns[i].key, "features.") ||
                              g_str_equal (scalar_columns[i].key, "processing.enabled");
          _od_flat_set_bool (flat, scalar_columns[i].key,
                             has_row ? sqlite3_column_int (stmt, i) != 0 : fallback);
        }
      else if (g_str_equal (scalar_columns[i].key, "processing.mode"))
        _od_flat_set_string (flat, scalar_columns[i].key, has_row ? _od_column_text (stmt, i) : "local");
      else
        _od_flat_set_string (flat, scalar_columns[i].key, has_row ? _od_column_text_or_null (stmt, i) : NULL);
    }
  sqlite3_reset (stmt);

  if (!read_bool_rows (self, "SELECT provider, enabled FROM settings_providers WHERE organization_id = ?",
                       organization_id, providers, error) ||
      !read_bool_rows (self, "SELECT model, allowed FROM settings_models WHERE organization_id = ?",
                       organization_id, models, error) ||
      !read_bool_rows (self, "SELECT catalogue_id, denied FROM settings_applications"
                             " WHERE organization_id = ? AND catalogue_id IS NOT NULL",
                       organization_id, globals, error))
    return NULL;

  cat_providers = od_catalogue_get_providers (&n_providers);
  for (guint i = 0; i < n_providers; i++)
    {
      g_autofree char *key = g_strconcat (OD_SETTINGS_PROVIDER_PREFIX, cat_providers[i].id, NULL);
      _od_flat_set_bool (flat, key, stored_or (providers, cat_providers[i].id, TRUE));
    }
  cat_models = od_catalogue_get_models (&n_models);
  for (guint i = 0; i < n_models; i++)
    {
      g_autofree char *key = g_strconcat (OD_SETTINGS_MODEL_PREFIX, cat_models[i].id, NULL);
      _od_flat_set_bool (flat, key, stored_or (models, cat_models[i].id, TRUE));
    }
  cat_apps = od_catalogue_get_applications (&n_apps);
  for (guint i = 0; i < n_apps; i++)
    {
      g_autofree char *key = g_strconcat (OD_SETTINGS_GLOBAL_PREFIX, cat_apps[i].id, NULL);
      _od_flat_set_bool (flat, key, stored_or (globals, cat_apps[i].id, FALSE));
    }

  stmt = _od_prepare (self, "SELECT name_key, name, bundle_ids, denied FROM settings_applications"
                            " WHERE organization_id = ? AND catalogue_id IS NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) ids = json_from_string (_od_column_text (stmt, 2), NULL);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, _od_column_text (stmt, 1));
      json_builder_set_member_name (b, "bundle_ids");
      if (ids != NULL && JSON_NODE_HOLDS_ARRAY (ids))
        json_builder_add_value (b, g_steal_pointer (&ids));
      else
        {
          json_builder_begin_array (b);
          json_builder_end_array (b);
        }
      json_builder_set_member_name (b, "denied");
      json_builder_add_boolean_value (b, sqlite3_column_int (stmt, 3) != 0);
      json_builder_end_object (b);
      g_hash_table_insert (flat, g_strconcat (OD_SETTINGS_CUSTOM_PREFIX, _od_column_text (stmt, 0), NULL),
                           json_builder_get_root (b));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _od_set_sqlite_error (self, rc, error);
      return NULL;
    }

  stmt = _od_prepare (self, "SELECT host FROM settings_websites WHERE organization_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = g_strconcat (OD_SETTINGS_WEBSITE_PREFIX, _od_column_text (stmt, 0), NULL);
      _od_flat_set_bool (flat, key, TRUE);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _od_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&flat);
}

static gboolean
organization_exists (OdRepository  *self,
                     gint64         organization_id,
                     GError       **error)
{
  gint64 n = 0;

  if (!_od_query_int64 (self, "SELECT count(*) FROM organizations WHERE id = ?", organization_id, 0, &n, error))
    return FALSE;
  if (n == 0)
    return _od_not_found (error, _("That organization no longer exists."));
  return TRUE;
}

GHashTable *
_od_repository_load_settings (OdRepository  *self,
                              gint64         organization_id,
                              GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);

  if (!organization_exists (self, organization_id, error))
    return NULL;
  return _od_settings_read_flat (self, organization_id, error);
}

/* ---------------------------------------------------------------------------------------------
 * Writing
 */

static gboolean
write_scalar (OdRepository  *self,
              gint64         organization_id,
              guint          index,
              JsonNode      *value,
              GError       **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* Column names come from the table above, never from input. Prepared each time: the
   * statement cache keys statements by the address of a constant SQL text. */
  sql = g_strdup_printf ("UPDATE organization_settings SET %s = ?, updated_at = ? WHERE organization_id = ?",
                         scalar_columns[index].column);
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _od_set_sqlite_error (self, rc, error);
  if (scalar_columns[index].is_bool)
    sqlite3_bind_int (stmt, 1, json_bool (value));
  else
    _od_bind_text (stmt, 1, json_string (value));
  sqlite3_bind_int64 (stmt, 2, _od_now_seconds ());
  sqlite3_bind_int64 (stmt, 3, organization_id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _od_set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
write_flag_row (OdRepository  *self,
                const char    *update_sql,
                const char    *insert_sql,
                gint64         organization_id,
                const char    *id,
                gboolean       value,
                GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, update_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, value);
  sqlite3_bind_int64 (stmt, 2, organization_id);
  _od_bind_text (stmt, 3, id);
  if (!_od_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    return TRUE;

  stmt = _od_prepare (self, insert_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, value);
  sqlite3_bind_int64 (stmt, 2, organization_id);
  _od_bind_text (stmt, 3, id);
  return _od_step_done (self, stmt, error);
}

static gboolean
write_global_application (OdRepository  *self,
                          gint64         organization_id,
                          const char    *catalogue_id,
                          gboolean       denied,
                          GError       **error)
{
  const OdCatalogueApplication *entry = od_catalogue_lookup_application (catalogue_id);
  sqlite3_stmt *stmt;

  stmt = _od_prepare (self, "UPDATE settings_applications SET denied = ?"
                            " WHERE organization_id = ? AND catalogue_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, denied);
  sqlite3_bind_int64 (stmt, 2, organization_id);
  _od_bind_text (stmt, 3, catalogue_id);
  if (!_od_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    return TRUE;

  stmt = _od_prepare (self, "INSERT INTO settings_applications (organization_id, catalogue_id, name, name_key,"
                            " denied, created_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  _od_bind_text (stmt, 2, catalogue_id);
  _od_bind_text (stmt, 3, entry ? entry->name : catalogue_id);
  _od_bind_text (stmt, 4, catalogue_id);
  sqlite3_bind_int (stmt, 5, denied);
  sqlite3_bind_int64 (stmt, 6, _od_now_seconds ());
  return _od_step_done (self, stmt, error);
}

static gboolean
write_custom_application (OdRepository  *self,
                          gint64         organization_id,
                          const char    *name_key,
                          JsonNode      *value,
                          GError       **error)
{
  JsonObject *object;
  g_autofree char *ids = NULL;
  sqlite3_stmt *stmt;

  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    {
      stmt = _od_prepare (self, "DELETE FROM settings_applications"
                                " WHERE organization_id = ? AND catalogue_id IS NULL AND name_key = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, organization_id);
      _od_bind_text (stmt, 2, name_key);
      return _od_step_done (self, stmt, error);
    }

  object = json_node_get_object (value);
  ids = json_object_has_member (object, "bundle_ids")
        ? json_to_string (json_object_get_member (object, "bundle_ids"), FALSE) : g_strdup ("[]");

  stmt = _od_prepare (self, "UPDATE settings_applications SET name = ?, bundle_ids = ?, denied = ?"
                            " WHERE organization_id = ? AND catalogue_id IS NULL AND name_key = ?", error);
  if (stmt == NULL)
    return FALSE;
  _od_bind_text (stmt, 1, json_string (json_object_get_member (object, "name")));
  _od_bind_text (stmt, 2, ids);
  sqlite3_bind_int (stmt, 3, json_bool (json_object_get_member (object, "denied")));
  sqlite3_bind_int64 (stmt, 4, organization_id);
  _od_bind_text (stmt, 5, name_key);
  if (!_od_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    return TRUE;

  stmt = _od_prepare (self, "INSERT INTO settings_applications (organization_id, catalogue_id, name, name_key,"
                            " bundle_ids, denied, created_at) VALUES (?, NULL, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  _od_bind_text (stmt, 2, json_string (json_object_get_member (object, "name")));
  _od_bind_text (stmt, 3, name_key);
  _od_bind_text (stmt, 4, ids);
  sqlite3_bind_int (stmt, 5, json_bool (json_object_get_member (object, "denied")));
  sqlite3_bind_int64 (stmt, 6, _od_now_seconds ());
  return _od_step_done (self, stmt, error);
}

static gboolean
write_website (OdRepository  *self,
               gint64         organization_id,
               const char    *host,
               gboolean       present,
               GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, present
    ? "INSERT OR IGNORE INTO settings_websites (organization_id, host, created_at) VALUES (?, ?, ?)"
    : "DELETE FROM settings_websites WHERE organization_id = ? AND host = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  _od_bind_text (stmt, 2, host);
  if (present)
    sqlite3_bind_int64 (stmt, 3, _od_now_seconds ());
  return _od_step_done (self, stmt, error);
}

static gboolean
write_key (OdRepository  *self,
           gint64         organization_id,
           const char    *key,
           JsonNode      *value,
           GError       **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (scalar_columns); i++)
    if (g_str_equal (key, scalar_columns[i].key))
      return write_scalar (self, organization_id, i, value, error);

  if (g_str_has_prefix (key, OD_SETTINGS_PROVIDER_PREFIX))
    return write_flag_row (self,
      "UPDATE settings_providers SET enabled = ? WHERE organization_id = ? AND provider = ?",
      "INSERT INTO settings_providers (enabled, organization_id, provider) VALUES (?, ?, ?)",
      organization_id, key + strlen (OD_SETTINGS_PROVIDER_PREFIX), json_bool (value), error);
  if (g_str_has_prefix (key, OD_SETTINGS_MODEL_PREFIX))
    return write_flag_row (self,
      "UPDATE settings_models SET allowed = ? WHERE organization_id = ? AND model = ?",
      "INSERT INTO settings_models (allowed, organization_id, model) VALUES (?, ?, ?)",
      organization_id, key + strlen (OD_SETTINGS_MODEL_PREFIX), json_bool (value), error);
  if (g_str_has_prefix (key, OD_SETTINGS_GLOBAL_PREFIX))
    return write_global_application (self, organization_id, key + strlen (OD_SETTINGS_GLOBAL_PREFIX),
                                     json_bool (value), error);
  if (g_str_has_prefix (key, OD_SETTINGS_CUSTOM_PREFIX))
    return write_custom_application (self, organization_id, key + strlen (OD_SETTINGS_CUSTOM_PREFIX),
                                     value, error);
  if (g_str_has_prefix (key, OD_SETTINGS_WEBSITE_PREFIX))
    return write_website (self, organization_id, key + strlen (OD_SETTINGS_WEBSITE_PREFIX),
                          json_bool (value), error);

  g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_UNKNOWN_KEY,
               _("“%s” is not a setting."), key);
  return FALSE;
}

static char *
describe_target (const char * const *keys)
{
  guint n = g_strv_length ((GStrv) keys);

  if (n == 1)
    return g_strdup (keys[0]);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u setting", "%u settings", n), n);
}

gboolean
_od_settings_write_changes (OdRepository  *self,
                            const Actor   *who,
                            GHashTable    *current,
                            GHashTable    *target,
                            const char    *action,
                            const char    *target_text,
                            gboolean      *changed,
                            GError       **error)
{
  g_auto(GStrv) keys = _od_flat_changed_keys (current, target);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *described = NULL;
  sqlite3_stmt *stmt;

  *changed = keys[0] != NULL;
  if (!*changed)
    return TRUE;

  stmt = _od_prepare (self, "INSERT OR IGNORE INTO organization_settings (organization_id) VALUES (?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, who->organization_id);
  if (!_od_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; keys[i]; i++)
    if (!write_key (self, who->organization_id, keys[i], g_hash_table_lookup (target, keys[i]), error))
      return FALSE;

  /* Settings hold no secret: the journal may show every key's value. */
  before = _od_flat_to_json_text (current, (const char * const *) keys);
  after = _od_flat_to_json_text (target, (const char * const *) keys);
  if (target_text == NULL)
    target_text = described = describe_target ((const char * const *) keys);
  if (!_od_journal_append (self, who->organization_id, who->id, who->name, action, target_text,
                           before, after, error))
    return FALSE;
  _od_queue_change (self, who->organization_id, "settings");
  return TRUE;
}

gboolean
_od_settings_load_actor (OdRepository  *self,
                         OdMember      *actor,
                         gint64         organization_id,
                         Actor         *who,
                         GError       **error)
{
  if (!_od_load_actor_for (self, actor, OD_ACTION_MANAGE_SETTINGS, who, error))
    return FALSE;
  if (who->organization_id != organization_id)
    {
      g_set_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_NOT_MEMBER,
                   _("%s is not a member of this organization, so cannot change its settings."), who->name);
      return FALSE;
    }
  return TRUE;
}

GHashTable *
_od_repository_save_settings (OdRepository  *self,
                              OdMember      *actor,
                              gint64         organization_id,
                              GHashTable    *base,
                              GHashTable    *mine,
                              GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(GHashTable) current = NULL;
  g_autoptr(GHashTable) merged = NULL;
  g_autoptr(OdSettings) check = NULL;
  g_autoptr(GListModel) issues = NULL;
  gboolean ok, changed = FALSE;

  if (!_od_txn_begin (self, error))
    return NULL;

  ok = _od_settings_load_actor (self, actor, organization_id, &who, error) &&
       (current = _od_settings_read_flat (self, organization_id, error)) != NULL;
  if (ok)
    {
      merged = _od_flat_merge (current, base, mine);
      /* What someone else changed meanwhile may make the merged settings break a rule. */
      check = _od_settings_new_from_flat (organization_id, merged);
      issues = od_settings_validate (check);
      if (g_list_model_get_n_items (issues) > 0)
        {
          g_autoptr(OdPolicyIssue) first = g_list_model_get_item (issues, 0);
          g_set_error_literal (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID,
                               od_policy_issue_get_message (first));
          ok = FALSE;
        }
    }
  if (ok)
    ok = _od_settings_write_changes (self, &who, current, merged, "settings.update", NULL, &changed, error);

  if (!_od_txn_end (self, ok, error))
    return NULL;
  return g_steal_pointer (&merged);
}

/* ---------------------------------------------------------------------------------------------
 * Policy revisions
 */

#define REVISION_COLUMNS \
  "organization_id, revision, published_at, published_by_name, folder, file_name, document"

static OdPolicyRevision *
revision_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (OD_TYPE_POLICY_REVISION,
                       "organization-id", sqlite3_column_int64 (stmt, 0),
                       "revision", sqlite3_column_int64 (stmt, 1),
                       "published-at", sqlite3_column_int64 (stmt, 2),
                       "published-by-name", _od_column_text (stmt, 3),
                       "folder", _od_column_text (stmt, 4),
                       "file-name", _od_column_text (stmt, 5),
                       "document", _od_column_text (stmt, 6),
                       NULL);
}

gboolean
_od_policy_last_revision (OdRepository      *self,
                          gint64             organization_id,
                          OdPolicyRevision **revision,
                          GError           **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, "SELECT " REVISION_COLUMNS " FROM policy_revisions"
                                          " WHERE organization_id = ? ORDER BY revision DESC LIMIT 1", error);
  gboolean has_row;

  *revision = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    *revision = revision_from_row (stmt);
  sqlite3_reset (stmt);
  return TRUE;
}

OdPolicyRevision *
_od_policy_get_revision (OdRepository  *self,
                         gint64         organization_id,
                         gint64         revision,
                         GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, "SELECT " REVISION_COLUMNS " FROM policy_revisions"
                                          " WHERE organization_id = ? AND revision = ?", error);
  OdPolicyRevision *result = NULL;
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  sqlite3_bind_int64 (stmt, 2, revision);
  if (!_od_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    result = revision_from_row (stmt);
  else
    g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND,
                 _("There is no published policy revision %lld. `orgdeskctl policy history` "
                   "lists them."), (long long) revision);
  sqlite3_reset (stmt);
  return result;
}

gboolean
_od_policy_insert_revision (OdRepository  *self,
                            const Actor   *who,
                            gint64         revision,
                            const char    *document,
                            const char    *folder,
                            const char    *file_name,
                            gint64         published_at,
                            GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self,
    "INSERT INTO policy_revisions (organization_id, revision, document, published_at, published_by,"
    " published_by_name, folder, file_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, who->organization_id);
  sqlite3_bind_int64 (stmt, 2, revision);
  _od_bind_text (stmt, 3, document);
  sqlite3_bind_int64 (stmt, 4, published_at);
  sqlite3_bind_int64 (stmt, 5, who->id);
  _od_bind_text (stmt, 6, who->name);
  _od_bind_text (stmt, 7, folder);
  _od_bind_text (stmt, 8, file_name);
  if (!_od_step_done (self, stmt, error))
    return FALSE;
  _od_queue_change (self, who->organization_id, "policy");
  return TRUE;
}

GListModel *
_od_policy_list_revisions (OdRepository  *self,
                           gint64         organization_id,
                           GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, "SELECT " REVISION_COLUMNS " FROM policy_revisions"
                                          " WHERE organization_id = ? ORDER BY revision DESC", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  return _od_collect_rows (self, stmt, OD_TYPE_POLICY_REVISION, (RowFunc) revision_from_row, error);
}
