/* od-repository-credentials.c — the repository's credential metadata (never a secret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keyring half lives in od-credential-store.c, which calls these in the order that keeps the
 * two in step: reserve an id, store the secret, insert the row.
 */
#define G_LOG_DOMAIN "OdRepository"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "od-credential.h"
#include "od-credential-store.h"
#include "od-error.h"
#include "od-repository-private.h"
#include "od-settings-private.h"

#define CREDENTIAL_COLUMNS \
  "c.id, c.organization_id, c.provider, c.name, c.fields_json, c.last_four, c.created_at, c.updated_at"

static OdCredential *
credential_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (OD_TYPE_CREDENTIAL,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "organization-id", sqlite3_column_int64 (stmt, 1),
                       "provider", _od_column_text (stmt, 2),
                       "name", _od_column_text (stmt, 3),
                       "fields-json", _od_column_text (stmt, 4),
                       "last-four", _od_column_text (stmt, 5),
                       "created-at", sqlite3_column_int64 (stmt, 6),
                       "updated-at", sqlite3_column_int64 (stmt, 7),
                       NULL);
}

/* Metadata for the journal: what the Activity page shows, and nothing secret. */
static char *
credential_json (OdCredential *credential)
{
  JsonBuilder *b = _od_json_begin ();
  g_autoptr(JsonNode) fields = json_from_string (od_credential_get_fields_json (credential), NULL);

  _od_json_add_int (b, "id", od_credential_get_id (credential));
  _od_json_add_string (b, "provider", od_credential_get_provider (credential));
  _od_json_add_string (b, "name", od_credential_get_name (credential));
  json_builder_set_member_name (b, "fields");
  if (fields != NULL)
    json_builder_add_value (b, g_steal_pointer (&fields));
  else
    json_builder_add_null_value (b);
  _od_json_add_string (b, "last_four", od_credential_get_last_four (credential));
  return _od_json_end (b);
}

static char *
name_key (const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name));

  return g_utf8_casefold (trimmed, -1);
}

static OdCredential *
load_credential (OdRepository  *self,
                 gint64         organization_id,
                 gint64         credential_id,
                 GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, "SELECT " CREDENTIAL_COLUMNS " FROM credentials c"
                                          " WHERE c.id = ? AND c.organization_id = ?", error);
  OdCredential *credential = NULL;
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, credential_id);
  sqlite3_bind_int64 (stmt, 2, organization_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    credential = credential_from_row (stmt);
  else
    g_set_error (error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_NOT_FOUND,
                 _("That API key is no longer in the organization. `orgdeskctl credential list` shows them."));
  sqlite3_reset (stmt);
  return credential;
}

static gboolean
check_name_free (OdRepository  *self,
                 gint64         organization_id,
                 const char    *name,
                 gint64         except_id,
                 GError       **error)
{
  g_autofree char *key = name_key (name);
  sqlite3_stmt *stmt = _od_prepare (self, "SELECT name FROM credentials"
                                          " WHERE organization_id = ? AND name_key = ? AND id <> ?", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  _od_bind_text (stmt, 2, key);
  sqlite3_bind_int64 (stmt, 3, except_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    g_set_error (error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_EXISTS,
                 _("The organization already has an API key named “%s”. Choose another name, or edit that one."),
                 _od_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return !has_row;
}

gint64
_od_credentials_reserve (OdRepository  *self,
                         OdMember      *actor,
                         const char    *name,
                         GError       **error)
{
  g_auto(Actor) who = { 0 };
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gboolean ok;

  if (!_od_txn_begin (self, error))
    return 0;
  ok = _od_load_actor_for (self, actor, OD_ACTION_MANAGE_SETTINGS, &who, error) &&
       check_name_free (self, who.organization_id, name, 0, error);
  if (ok)
    {
      stmt = _od_prepare (self, "INSERT INTO credential_ids (organization_id, reserved_at) VALUES (?, ?)", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, who.organization_id);
          sqlite3_bind_int64 (stmt, 2, _od_now_seconds ());
          ok = _od_step_done (self, stmt, error);
          id = sqlite3_last_insert_rowid (self->db);
        }
    }
  if (!_od_txn_end (self, ok, error))
    return 0;
  return id;
}

void
_od_credentials_release (OdRepository *self,
                         gint64        credential_id)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = _od_prepare (self, "DELETE FROM credential_ids WHERE id = ?"
                                          " AND NOT EXISTS (SELECT 1 FROM credentials WHERE id = ?)", NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, credential_id);
  sqlite3_bind_int64 (stmt, 2, credential_id);
  _od_step_done (self, stmt, NULL);
}

OdCredential *
_od_credentials_insert (OdRepository  *self,
                        OdMember      *actor,
                        gint64         credential_id,
                        const char    *provider,
                        const char    *name,
                        const char    *fields_json,
                        const char    *last_four,
                        GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdCredential) credential = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (name));
  g_autofree char *key = name_key (name);
  g_autofree char *after = NULL;
  sqlite3_stmt *stmt;
  gint64 now = _od_now_seconds ();
  gboolean ok;

  if (!_od_txn_begin (self, error))
    return NULL;
  ok = _od_load_actor_for (self, actor, OD_ACTION_MANAGE_SETTINGS, &who, error) &&
       check_name_free (self, who.organization_id, trimmed, credential_id, error) &&
       (stmt = _od_prepare (self, "INSERT INTO credentials (id, organization_id, provider, name, name_key,"
                                  " fields_json, last_four, created_at, updated_at)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, credential_id);
      sqlite3_bind_int64 (stmt, 2, who.organization_id);
      _od_bind_text (stmt, 3, provider);
      _od_bind_text (stmt, 4, trimmed);
      _od_bind_text (stmt, 5, key);
      _od_bind_text (stmt, 6, fields_json);
      _od_bind_text (stmt, 7, last_four);
      sqlite3_bind_int64 (stmt, 8, now);
      sqlite3_bind_int64 (stmt, 9, now);
      ok = _od_step_done (self, stmt, error) &&
           (credential = load_credential (self, who.organization_id, credential_id, error)) != NULL;
    }
  if (ok)
    {
      after = credential_json (credential);
      ok = _od_journal_append (self, who.organization_id, who.id, who.name, "credential.create", trimmed,
                               NULL, after, error);
      _od_queue_change (self, who.organization_id, "credentials");
    }
  if (!_od_txn_end (self, ok, error))
    return NULL;
  return g_steal_pointer (&credential);
}

OdCredential *
_od_credentials_get (OdRepository  *self,
                     OdMember      *actor,
                     gint64         credential_id,
                     GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_auto(Actor) who = { 0 };

  if (!_od_load_actor_for (self, actor, OD_ACTION_MANAGE_SETTINGS, &who, error))
    return NULL;
  return load_credential (self, who.organization_id, credential_id, error);
}

OdCredential *
_od_credentials_update (OdRepository  *self,
                        OdMember      *actor,
                        gint64         credential_id,
                        const char    *name,
                        const char    *fields_json,
                        const char    *last_four,
                        GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdCredential) before = NULL;
  g_autoptr(OdCredential) after = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *key = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!_od_txn_begin (self, error))
    return NULL;
  ok = _od_load_actor_for (self, actor, OD_ACTION_MANAGE_SETTINGS, &who, error) &&
       (before = load_credential (self, who.organization_id, credential_id, error)) != NULL;
  if (ok)
    {
      trimmed = g_strstrip (g_strdup (name ? name : od_credential_get_name (before)));
      key = name_key (trimmed);
      ok = check_name_free (self, who.organization_id, trimmed, credential_id, error) &&
           (stmt = _od_prepare (self, "UPDATE credentials SET name = ?, name_key = ?, fields_json = ?,"
                                      " last_four = ?, updated_at = ? WHERE id = ?", error)) != NULL;
    }
  if (ok)
    {
      _od_bind_text (stmt, 1, trimmed);
      _od_bind_text (stmt, 2, key);
      _od_bind_text (stmt, 3, fields_json ? fields_json : od_credential_get_fields_json (before));
      _od_bind_text (stmt, 4, last_four ? last_four : od_credential_get_last_four (before));
      sqlite3_bind_int64 (stmt, 5, _od_now_seconds ());
      sqlite3_bind_int64 (stmt, 6, credential_id);
      ok = _od_step_done (self, stmt, error) &&
           (after = load_credential (self, who.organization_id, credential_id, error)) != NULL;
    }
  if (ok)
    {
      before_json = credential_json (before);
      after_json = credential_json (after);
      ok = _od_journal_append (self, who.organization_id, who.id, who.name, "credential.update", trimmed,
                               before_json, after_json, error);
      _od_queue_change (self, who.organization_id, "credentials");
    }
  if (!_od_txn_end (self, ok, error))
    return NULL;
  return g_steal_pointer (&after);
}

gboolean
_od_credentials_delete (OdRepository  *self,
                        OdMember      *actor,
                        gint64         credential_id,
                        GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdCredential) before = NULL;
  g_autofree char *before_json = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!_od_txn_begin (self, error))
    return FALSE;
  ok = _od_load_actor_for (self, actor, OD_ACTION_MANAGE_SETTINGS, &who, error) &&
       (before = load_credential (self, who.organization_id, credential_id, error)) != NULL &&
       (stmt = _od_prepare (self, "DELETE FROM credentials WHERE id = ?", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, credential_id);
      ok = _od_step_done (self, stmt, error);
    }
  if (ok)
    {
      before_json = credential_json (before);
      ok = _od_journal_append (self, who.organization_id, who.id, who.name, "credential.delete",
                               od_credential_get_name (before), before_json, NULL, error);
      _od_queue_change (self, who.organization_id, "credentials");
    }
  return _od_txn_end (self, ok, error);
}

GListModel *
_od_credentials_list (OdRepository  *self,
                      gint64         organization_id,
                      GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = _od_prepare (self, "SELECT " CREDENTIAL_COLUMNS " FROM credentials c"
                                          " WHERE c.organization_id = ? ORDER BY c.name_key, c.id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  return _od_collect_rows (self, stmt, OD_TYPE_CREDENTIAL, (RowFunc) credential_from_row, error);
}

OdCredential *
_od_credentials_find (OdRepository  *self,
                      gint64         organization_id,
                      const char    *name_or_id,
                      GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autofree char *key = name_key (name_or_id);
  sqlite3_stmt *stmt;
  guint64 id = 0;
  gboolean has_row;

  stmt = _od_prepare (self, "SELECT id FROM credentials WHERE organization_id = ? AND name_key = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  _od_bind_text (stmt, 2, key);
  if (!_od_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (id == 0 && !g_ascii_string_to_unsigned (name_or_id, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_set_error (error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_NOT_FOUND,
                   _("There is no API key named “%s”. `orgdeskctl credential list` shows them."), name_or_id);
      return NULL;
    }
  return load_credential (self, organization_id, (gint64) id, error);
}
