/* od-repository-undo.c — snapshots of rows before a destructive change, and Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A destructive change stores, in its journal row's before_json, a "snapshot": every row it is
 * about to delete (or that a cascade will delete), column by column, plus the ids of rows whose
 * references will be set to NULL. Undo puts those rows back as they were. When an id has been
 * reused since, the row comes back under a new id and the rows that point at it follow.
 * Rows whose parents are gone are skipped (a team membership of a member who left), or keep a
 * NULL reference where the column allows it (an update whose author left).
 */
#define G_LOG_DOMAIN "OdRepository"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "od-email.h"
#include "od-error.h"
#include "od-invitation.h"
#include "od-journal-entry.h"
#include "od-member.h"
#include "od-repository-private.h"
#include "od-role.h"

/* The foreign keys that a restored row may find broken. */
static const struct {
  const char *table;
  const char *column;
  const char *parent;
  gboolean    nullable;   /* else: skip the row */
} references[] = {
  { "team_members", "team_id",    "teams",   FALSE },
  { "team_members", "member_id",  "members", FALSE },
  { "reactions",    "update_id",  "updates", FALSE },
  { "reactions",    "member_id",  "members", FALSE },
  { "comments",     "update_id",  "updates", FALSE },
  { "comments",     "author_id",  "members", TRUE },
  { "updates",      "team_id",    "teams",   FALSE },
  { "updates",      "author_id",  "members", TRUE },
  { "invitations",  "invited_by", "members", TRUE },
};

/* Tables whose key is (also) the unique "id" column; the others are WITHOUT ROWID link tables. */
static gboolean
has_id_column (const char *table)
{
  return !g_str_equal (table, "team_members") && !g_str_equal (table, "reactions");
}

gboolean
_od_snapshot_rows (OdRepository  *self,
                   JsonBuilder   *builder,
                   const char    *key,
                   const char    *sql,
                   gint64         id,
                   GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          json_builder_set_member_name (builder, sqlite3_column_name (stmt, c));
          switch (sqlite3_column_type (stmt, c))
            {
            case SQLITE_INTEGER:
              json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, c));
              break;
            case SQLITE_FLOAT:
              json_builder_add_double_value (builder, sqlite3_column_double (stmt, c));
              break;
            case SQLITE_NULL:
              json_builder_add_null_value (builder);
              break;
            default:
              json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, c));
              break;
            }
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _od_set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
row_exists (OdRepository  *self,
            const char    *table,
            gint64         id,
            gboolean      *exists,
            GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _od_set_sqlite_error (self, rc, error);
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _od_set_sqlite_error (self, rc, error);
  *exists = (rc == SQLITE_ROW);
  return TRUE;
}

/* remaps: table name → GHashTable (old id → new id), both as gint64 stored in pointers' place */
static GHashTable *
remap_for (GHashTable *remaps,
           const char *table)
{
  GHashTable *map = g_hash_table_lookup (remaps, table);

  if (map == NULL)
    {
      map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      g_hash_table_insert (remaps, (gpointer) table, map);
    }
  return map;
}

static gint64
remapped (GHashTable *remaps,
          const char *table,
          gint64      id)
{
  GHashTable *map = g_hash_table_lookup (remaps, table);
  gint64 *to = map ? g_hash_table_lookup (map, &id) : NULL;

  return to ? *to : id;
}

static gboolean
restore_row (OdRepository  *self,
             const char    *table,
             JsonObject    *row,
             GHashTable    *remaps,
             guint         *n_restored,
             GError       **error)
{
  g_autoptr(GList) columns = json_object_get_members (row);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) overrides = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autoptr(GArray) is_null = g_array_new (FALSE, TRUE, sizeof (gboolean));
  gboolean keep_id = TRUE;
  gint64 old_id = 0;
  sqlite3_stmt *stmt = NULL;
  int rc, index = 0;

  /* Check each reference; remap ids that moved; skip or NULL the ones whose parent is gone. */
  for (GList *l = columns; l; l = l->next)
    {
      const char *column = l->data;
      JsonNode *node = json_object_get_member (row, column);
      gint64 value = 0;
      gboolean null = JSON_NODE_HOLDS_NULL (node);

      if (!null && json_node_get_value_type (node) == G_TYPE_INT64)
        value = json_node_get_int (node);

      for (guint r = 0; r < G_N_ELEMENTS (references) && !null; r++)
        {
          gboolean exists;

          if (!g_str_equal (references[r].table, table) || !g_str_equal (references[r].column, column))
            continue;
          value = remapped (remaps, references[r].parent, value);
          if (!row_exists (self, references[r].parent, value, &exists, error))
            return FALSE;
          if (!exists && !references[r].nullable)
            return TRUE; /* the row's parent is gone: nothing to restore */
          if (!exists)
            null = TRUE;
        }

      g_ptr_array_add (names, (gpointer) column);
      g_array_append_val (overrides, value);
      g_array_append_val (is_null, null);
    }

  if (has_id_column (table) && json_object_has_member (row, "id"))
    {
      gboolean taken;

      old_id = json_object_get_int_member (row, "id");
      if (!row_exists (self, table, old_id, &taken, error))
        return FALSE;
      keep_id = !taken;
    }

  g_string_append_printf (sql, "INSERT OR IGNORE INTO %s (", table);
  for (guint i = 0; i < names->len; i++)
    {
      const char *column = g_ptr_array_index (names, i);

      if (!keep_id && g_str_equal (column, "id"))
        continue;
      g_string_append_printf (sql, "%s%s", values->len ? ", " : "", column);
      g_string_append_printf (values, "%s?", values->len ? ", " : "");
    }
  g_string_append_printf (sql, ") VALUES (%s)", values->str);

  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _od_set_sqlite_error (self, rc, error);

  for (guint i = 0; i < names->len; i++)
    {
      const char *column = g_ptr_array_index (names, i);
      JsonNode *node = json_object_get_member (row, column);

      if (!keep_id && g_str_equal (column, "id"))
        continue;
      index++;
      if (g_array_index (is_null, gboolean, i) || JSON_NODE_HOLDS_NULL (node))
        sqlite3_bind_null (stmt, index);
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        sqlite3_bind_int64 (stmt, index, g_array_index (overrides, gint64, i));
      else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        sqlite3_bind_double (stmt, index, json_node_get_double (node));
      else
        sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT);
    }

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _od_set_sqlite_error (self, rc, error);

  if (!keep_id)
    {
      gint64 *from = g_new (gint64, 1);
      gint64 *to = g_new (gint64, 1);

      *from = old_id;
      *to = sqlite3_last_insert_rowid (self->db);
      g_hash_table_insert (remap_for (remaps, table), from, to);
    }
  if (sqlite3_changes (self->db) > 0)
    (*n_restored)++;
  return TRUE;
}

gboolean
_od_restore_rows (OdRepository  *self,
                  JsonObject    *snapshot,
                  const char    *table,
                  GHashTable    *remaps,
                  guint         *n_restored,
                  GError       **error)
{
  JsonArray *rows;

  if (!json_object_has_member (snapshot, table))
    return TRUE;
  rows = json_object_get_array_member (snapshot, table);
  for (guint i = 0; rows && i < json_array_get_length (rows); i++)
    if (!restore_row (self, table, json_array_get_object_element (rows, i), remaps, n_restored, error))
      return FALSE;
  return TRUE;
}

/* Sets `column` of the listed rows of `table` back to `value` (references that a delete nulled). */
gboolean
_od_restore_references (OdRepository  *self,
                        JsonObject    *snapshot,
                        const char    *key,
                        const char    *table,
                        const char    *column,
                        gint64         value,
                        GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ? AND %s IS NULL",
                                          table, column, column);
  JsonArray *ids;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!json_object_has_member (snapshot, key))
    return TRUE;
  ids = json_object_get_array_member (snapshot, key);
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _od_set_sqlite_error (self, rc, error);
  for (guint i = 0; ids && i < json_array_get_length (ids); i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, value);
      sqlite3_bind_int64 (stmt, 2, json_array_get_int_element (ids, i));
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          return _od_set_sqlite_error (self, rc, error);
        }
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

gboolean
_od_snapshot_ids (OdRepository  *self,
                  JsonBuilder   *builder,
                  const char    *key,
                  const char    *sql,
                  gint64         id,
                  GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 0));
  json_builder_end_array (builder);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _od_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------
 * Undo
 */

static const char * const undoable_actions[] = {
  "member.remove", "member.leave", "member.role", "invitation.revoke", "team.delete",
  "update.delete", "comment.delete", NULL,
};

gboolean
od_repository_action_is_undoable (const char *action)
{
  return action != NULL && g_strv_contains (undoable_actions, action);
}

static gboolean
cannot_undo (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
cannot_undo (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_CANNOT_UNDO,
               _("This change cannot be undone: %s"), message);
  return FALSE;
}

static gboolean
already_undone (OdRepository  *self,
                gint64         journal_id,
                gboolean      *undone,
                GError       **error)
{
  gint64 n = 0;

  if (!_od_query_int64 (self, "SELECT count(*) FROM journal WHERE action = 'undo'"
                              " AND json_extract(after_json, '$.undo_of') = ?", journal_id, 0, &n, error))
    return FALSE;
  *undone = n > 0;
  return TRUE;
}

gboolean
od_repository_get_undo_state (OdRepository  *self,
                              gint64         journal_id,
                              gboolean      *undone,
                              GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  return already_undone (self, journal_id, undone, error);
}

static gboolean
undo_role_change (OdRepository  *self,
                  const Actor   *who,
                  JsonObject    *before,
                  JsonObject    *after,
                  GError       **error)
{
  gint64 member_id = json_object_get_int_member (before, "id");
  OdRole old_role = od_role_from_string (json_object_get_string_member (before, "role"));
  OdRole new_role = od_role_from_string (json_object_get_string_member (after, "role"));
  g_autoptr(OdMember) member = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  guint n_owners = 0;

  member = _od_load_member (self, member_id, &local_error);
  if (member == NULL || od_member_get_organization_id (member) != who->organization_id)
    return cannot_undo (error, _("%s is no longer a member."),
                        json_object_get_string_member (before, "email"));
  if (od_member_get_role (member) != new_role)
    return cannot_undo (error, _("%s’s role has changed again since (it is now %s)."),
                        od_member_get_name (member), od_role_get_label (od_member_get_role (member)));
  if (!_od_count_owners (self, who->organization_id, &n_owners, error) ||
      !od_role_check_change (who->role, new_role, old_role, n_owners, error))
    return FALSE;

  stmt = _od_prepare (self, "UPDATE members SET role = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, old_role);
  sqlite3_bind_int64 (stmt, 2, member_id);
  return _od_step_done (self, stmt, error);
}

static gboolean
undo_member_removal (OdRepository  *self,
                     const Actor   *who,
                     JsonObject    *before,
                     GError       **error)
{
  JsonObject *snapshot = json_object_get_object_member (before, "snapshot");
  const char *email = json_object_get_string_member (before, "email");
  OdRole role = od_role_from_string (json_object_get_string_member (before, "role"));
  g_autoptr(GHashTable) remaps = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_hash_table_unref);
  g_autofree char *key = NULL;
  gboolean exists;
  guint n_members = 0, n_pending = 0, n_seats = 0, n = 0;
  gint64 pending = 0, member_id, new_id;

  if (snapshot == NULL)
    return cannot_undo (error, _("this entry was written before Orgdesk kept what is needed to undo it."));
  if (!od_role_check (who->role, OD_ACTION_INVITE, error) ||
      (role == OD_ROLE_OWNER && !od_role_check (who->role, OD_ACTION_MANAGE_OWNERS, error)))
    return FALSE;

  key = od_email_normalize (email);
  if (!_od_member_exists (self, who->organization_id, key, &exists, error))
    return FALSE;
  if (exists)
    return cannot_undo (error, _("%s has since joined the organization again."), email);

  {
    sqlite3_stmt *stmt = _od_prepare (self, "SELECT count(*) FROM invitations WHERE organization_id = ?"
                                            " AND email_key = ? AND state = 1 AND expires_at > ?", error);
    gboolean has_row;

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, who->organization_id);
    _od_bind_text (stmt, 2, key);
    sqlite3_bind_int64 (stmt, 3, _od_now_seconds ());
    if (!_od_step_row (self, stmt, &has_row, error))
      return FALSE;
    pending = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
    sqlite3_reset (stmt);
  }
  if (pending > 0)
    return cannot_undo (error, _("%s has been invited again; revoke that invitation first."), email);

  if (!_od_seat_usage (self, who->organization_id, &n_members, &n_pending, &n_seats, error))
    return FALSE;
  if (n_members + n_pending + 1 > n_seats)
    return cannot_undo (error, _("all %u seats are in use. Add a seat, then undo again."), n_seats);

  if (!_od_restore_rows (self, snapshot, "members", remaps, &n, error) ||
      !_od_restore_rows (self, snapshot, "team_members", remaps, &n, error) ||
      !_od_restore_rows (self, snapshot, "reactions", remaps, &n, error))
    return FALSE;

  member_id = json_object_get_int_member (before, "id");
  {
    GHashTable *map = g_hash_table_lookup (remaps, "members");
    gint64 *to = map ? g_hash_table_lookup (map, &member_id) : NULL;
    new_id = to ? *to : member_id;
  }
  return _od_restore_references (self, snapshot, "updates_authored", "updates", "author_id", new_id, error) &&
         _od_restore_references (self, snapshot, "comments_authored", "comments", "author_id", new_id, error) &&
         _od_restore_references (self, snapshot, "invitations_sent", "invitations", "invited_by", new_id, error);
}

static gboolean
undo_invitation_revoke (OdRepository  *self,
                        const Actor   *who,
                        JsonObject    *before,
                        GError       **error)
{
  gint64 id = json_object_get_int_member (before, "id");
  const char *email = json_object_get_string_member (before, "email");
  OdRole role = od_role_from_string (json_object_get_string_member (before, "role"));
  g_autofree char *key = od_email_normalize (email);
  sqlite3_stmt *stmt;
  gboolean has_row, exists;
  gint64 state = 0, expires = 0;
  guint n_members = 0, n_pending = 0, n_seats = 0;

  if (!od_role_check (who->role, OD_ACTION_INVITE, error) ||
      (role == OD_ROLE_OWNER && !od_role_check (who->role, OD_ACTION_MANAGE_OWNERS, error)))
    return FALSE;

  stmt = _od_prepare (self, "SELECT state, expires_at FROM invitations WHERE id = ? AND organization_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, who->organization_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      state = sqlite3_column_int64 (stmt, 0);
      expires = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (!has_row || state != OD_INVITATION_REVOKED)
    return cannot_undo (error, _("the invitation for %s has changed since."), email);
  if (expires <= _od_now_seconds ())
    return cannot_undo (error, _("the invitation for %s has expired since. Invite them again instead."), email);
  if (!_od_member_exists (self, who->organization_id, key, &exists, error))
    return FALSE;
  if (exists)
    return cannot_undo (error, _("%s has joined the organization since."), email);
  if (!_od_seat_usage (self, who->organization_id, &n_members, &n_pending, &n_seats, error))
    return FALSE;
  if (n_members + n_pending + 1 > n_seats)
    return cannot_undo (error, _("all %u seats are in use. Add a seat, then undo again."), n_seats);

  stmt = _od_prepare (self, "UPDATE invitations SET state = 1 WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _od_step_done (self, stmt, error);
}

static gboolean
undo_team_delete (OdRepository  *self,
                  const Actor   *who,
                  JsonObject    *before,
                  GError       **error)
{
  JsonObject *snapshot = json_object_get_object_member (before, "snapshot");
  const char *name = json_object_get_string_member (before, "name");
  g_autoptr(GHashTable) remaps = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_hash_table_unref);
  g_autofree char *key = g_utf8_casefold (name, -1);
  sqlite3_stmt *stmt;
  gboolean has_row;
  guint n = 0;

  if (snapshot == NULL)
    return cannot_undo (error, _("this entry was written before Orgdesk kept what is needed to undo it."));
  if (!od_role_check (who->role, OD_ACTION_MANAGE_TEAMS, error))
    return FALSE;

  stmt = _od_prepare (self, "SELECT 1 FROM teams WHERE organization_id = ? AND name_key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, who->organization_id);
  _od_bind_text (stmt, 2, key);
  if (!_od_step_row (self, stmt, &has_row, error))
    return FALSE;
  sqlite3_reset (stmt);
  if (has_row)
    return cannot_undo (error, _("there is a team named “%s” again. Rename it, then undo again."), name);

  return _od_restore_rows (self, snapshot, "teams", remaps, &n, error) &&
         _od_restore_rows (self, snapshot, "team_members", remaps, &n, error) &&
         _od_restore_rows (self, snapshot, "updates", remaps, &n, error) &&
         _od_restore_rows (self, snapshot, "reactions", remaps, &n, error) &&
         _od_restore_rows (self, snapshot, "comments", remaps, &n, error);
}

static gboolean
undo_update_delete (OdRepository  *self,
                    const Actor   *who,
                    JsonObject    *before,
                    gboolean       is_comment,
                    GError       **error)
{
  JsonObject *snapshot = json_object_get_object_member (before, "snapshot");
  g_autoptr(GHashTable) remaps = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_hash_table_unref);
  const char *table = is_comment ? "comments" : "updates";
  JsonArray *rows;
  JsonObject *row;
  gint64 author_id, parent_id;
  gboolean exists;
  guint n = 0;

  if (snapshot == NULL || !(rows = json_object_get_array_member (snapshot, table)) ||
      json_array_get_length (rows) == 0)
    return cannot_undo (error, _("this entry was written before Orgdesk kept what is needed to undo it."));

  row = json_array_get_object_element (rows, 0);
  author_id = json_node_is_null (json_object_get_member (row, "author_id"))
              ? 0 : json_object_get_int_member (row, "author_id");
  if (!od_role_check (who->role, author_id == who->id ? OD_ACTION_EDIT_OWN_POST : OD_ACTION_EDIT_ANY_POST, error))
    return FALSE;

  /* The thing it hung off must still be there. */
  if (is_comment)
    {
      parent_id = json_object_get_int_member (row, "update_id");
      {
        sqlite3_stmt *stmt = _od_prepare (self, "SELECT 1 FROM updates WHERE id = ?", error);
        gboolean has_row;

        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, parent_id);
        if (!_od_step_row (self, stmt, &has_row, error))
          return FALSE;
        sqlite3_reset (stmt);
        exists = has_row;
      }
      if (!exists)
        return cannot_undo (error, _("the update it belonged to has been deleted."));
      return _od_restore_rows (self, snapshot, "comments", remaps, &n, error);
    }

  if (!json_node_is_null (json_object_get_member (row, "team_id")))
    {
      sqlite3_stmt *stmt = _od_prepare (self, "SELECT 1 FROM teams WHERE id = ?", error);
      gboolean has_row;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, json_object_get_int_member (row, "team_id"));
      if (!_od_step_row (self, stmt, &has_row, error))
        return FALSE;
      sqlite3_reset (stmt);
      if (!has_row)
        return cannot_undo (error, _("the team it was posted to has been deleted. Undo that first."));
    }

  return _od_restore_rows (self, snapshot, "updates", remaps, &n, error) &&
         _od_restore_rows (self, snapshot, "reactions", remaps, &n, error) &&
         _od_restore_rows (self, snapshot, "comments", remaps, &n, error);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

gint64
od_repository_undo (OdRepository  *self,
                    OdMember      *actor,
                    gint64         journal_id,
                    GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *action = NULL;
  g_autofree char *target = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *undo_json = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row, undone = FALSE;
  gint64 entry_org = 0, new_id = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), 0);

  if (!_od_txn_begin (self, error))
    return 0;

  if (!_od_load_actor (self, actor, &who, error))
    goto out;

  stmt = _od_prepare (self, "SELECT organization_id, action, target, before_json, after_json FROM journal"
                            " WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, journal_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    goto out;
  if (has_row)
    {
      entry_org = sqlite3_column_int64 (stmt, 0);
      action = g_strdup (_od_column_text (stmt, 1));
      target = g_strdup (_od_column_text (stmt, 2));
      before_text = g_strdup (_od_column_text_or_null (stmt, 3));
      after_text = g_strdup (_od_column_text_or_null (stmt, 4));
    }
  sqlite3_reset (stmt);

  if (!has_row || entry_org != who.organization_id)
    {
      _od_not_found (error, _("That journal entry does not exist in this organization."));
      goto out;
    }
  if (!od_repository_action_is_undoable (action))
    {
      cannot_undo (error, _("only removals, revocations, deletions and role changes can be undone."));
      goto out;
    }
  if (!already_undone (self, journal_id, &undone, error))
    goto out;
  if (undone)
    {
      cannot_undo (error, _("it has already been undone."));
      goto out;
    }
  before = parse_object (before_text);
  after = parse_object (after_text);
  if (before == NULL)
    {
      cannot_undo (error, _("the journal entry does not say what was there before."));
      goto out;
    }

  if (g_str_equal (action, "member.role"))
    ok = after != NULL && undo_role_change (self, &who, before, after, error);
  else if (g_str_equal (action, "member.remove") || g_str_equal (action, "member.leave"))
    ok = undo_member_removal (self, &who, before, error);
  else if (g_str_equal (action, "invitation.revoke"))
    ok = undo_invitation_revoke (self, &who, before, error);
  else if (g_str_equal (action, "team.delete"))
    ok = undo_team_delete (self, &who, before, error);
  else if (g_str_equal (action, "update.delete"))
    ok = undo_update_delete (self, &who, before, FALSE, error);
  else if (g_str_equal (action, "comment.delete"))
    ok = undo_update_delete (self, &who, before, TRUE, error);
  if (!ok)
    goto out;
  ok = FALSE;

  {
    JsonBuilder *b = _od_json_begin ();
    _od_json_add_int (b, "undo_of", journal_id);
    _od_json_add_string (b, "action", action);
    undo_json = _od_json_end (b);
  }
  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "undo", target, NULL, undo_json, error))
    goto out;
  new_id = sqlite3_last_insert_rowid (self->db);

  _od_queue_change (self, who.organization_id, "members");
  _od_queue_change (self, who.organization_id, "invitations");
  _od_queue_change (self, who.organization_id, "teams");
  _od_queue_change (self, who.organization_id, "updates");
  ok = TRUE;

out:
  if (!_od_txn_end (self, ok, error))
    return 0;
  return new_id;
}
