/* od-repository-updates.c — the repository's updates (posts)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "OdRepository"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "od-email.h"
#include "od-comment.h"
#include "od-error.h"
#include "od-invitation.h"
#include "od-journal-entry.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-query-list.h"
#include "od-repository-private.h"
#include "od-subscription.h"
#include "od-team.h"
#include "od-update.h"

/* ---------------------------------------------------------------------------------------------
 * Updates
 */

static OdUpdate *
update_from_row (sqlite3_stmt *stmt)
{
  const char *tags = _od_column_text (stmt, 8);
  g_auto(GStrv) tag_list = *tags ? g_strsplit (tags, ",", -1) : g_new0 (char *, 1);

  return g_object_new (OD_TYPE_UPDATE,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "organization-id", sqlite3_column_int64 (stmt, 1),
                       "team-id", sqlite3_column_int64 (stmt, 2),
                       "team-name", _od_column_text_or_null (stmt, 3),
                       "author-id", sqlite3_column_int64 (stmt, 4),
                       "author-name", _od_column_text (stmt, 5),
                       "title", _od_column_text (stmt, 6),
                       "content", _od_column_text (stmt, 7),
                       "tags", tag_list,
                       "created-at", sqlite3_column_int64 (stmt, 9),
                       "edited-at", sqlite3_column_int64 (stmt, 10),
                       "n-comments", (guint) sqlite3_column_int (stmt, 11),
                       NULL);
}

static OdUpdate *
load_update (OdRepository  *self,
             const Actor   *who,
             gint64         update_id,
             GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, "SELECT " UPDATE_COLUMNS " FROM updates u"
                                      " LEFT JOIN teams t ON t.id = u.team_id WHERE u.id = ?", error);
  gboolean has_row;
  OdUpdate *update = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, update_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row && sqlite3_column_int64 (stmt, 1) == who->organization_id)
    update = update_from_row (stmt);
  else
    _od_not_found (error, _("That update no longer exists."));
  sqlite3_reset (stmt);
  return update;
}


static void
add_update_fields (JsonBuilder *b,
                   OdUpdate    *update)
{
  g_autofree char *tags = g_strjoinv (",", (char **) od_update_get_tags (update));

  _od_json_add_int (b, "id", od_update_get_id (update));
  _od_json_add_int (b, "team_id", od_update_get_team_id (update));
  _od_json_add_string (b, "team", od_update_get_team_name (update));
  _od_json_add_int (b, "author_id", od_update_get_author_id (update));
  _od_json_add_string (b, "author", od_update_get_author_name (update));
  _od_json_add_string (b, "title", od_update_get_title (update));
  _od_json_add_string (b, "content", od_update_get_content (update));
  _od_json_add_string (b, "tags", tags);
  _od_json_add_int (b, "created_at", od_update_get_created_at (update));
}

static char *
update_snapshot_json (OdRepository  *self,
                      OdUpdate      *update,
                      GError       **error)
{
  g_autoptr(JsonBuilder) b = _od_json_begin ();
  gint64 id = od_update_get_id (update);

  add_update_fields (b, update);
  json_builder_set_member_name (b, "snapshot");
  json_builder_begin_object (b);
  if (!_od_snapshot_rows (self, b, "updates", "SELECT * FROM updates WHERE id = ?", id, error) ||
      !_od_snapshot_rows (self, b, "reactions", "SELECT * FROM reactions WHERE update_id = ?", id, error) ||
      !_od_snapshot_rows (self, b, "comments", "SELECT * FROM comments WHERE update_id = ?", id, error))
    return NULL;
  json_builder_end_object (b);
  return _od_json_end (g_steal_pointer (&b));
}

static char *
update_json (OdUpdate *update)
{
  JsonBuilder *b = _od_json_begin ();

  add_update_fields (b, update);
  return _od_json_end (b);
}

/* "a, b,,A " → "a,b": trimmed, no empties, no case-insensitive duplicates. */
char *
_od_normalize_tags (const char *tags)
{
  g_auto(GStrv) parts = g_strsplit (tags ? tags : "", ",", -1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i]; i++)
    {
      char *tag = g_strstrip (parts[i]);
      char *key;

      if (*tag == '\0')
        continue;
      key = g_utf8_casefold (tag, -1);
      if (!g_hash_table_add (seen, key))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, tag);
    }
  return g_string_free (out, FALSE);
}

/* OD_UPDATE_MAX_CONTENT_LENGTH, with the length found and what to do, before any other check
 * walks a text of megabytes. */
static gboolean
check_content_length (const char  *content,
                      GError     **error)
{
  glong length;

  if (content == NULL || !g_utf8_validate (content, -1, NULL))
    return TRUE;   /* _od_validate_text() says what is wrong */
  length = g_utf8_strlen (content, -1);
  if (length <= OD_UPDATE_MAX_CONTENT_LENGTH)
    return TRUE;
  g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_TOO_LONG,
               _("The update’s text is %ld characters long; an update may have at most %u. Shorten it, "
                 "or split it into several updates."), length, (guint) OD_UPDATE_MAX_CONTENT_LENGTH);
  return FALSE;
}

OdUpdate *
od_repository_post_update (OdRepository  *self,
                           OdMember      *actor,
                           gint64         team_id,
                           const char    *title,
                           const char    *content,
                           const char    *tags,
                           GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdTeam) team = NULL;
  g_autofree char *clean_tags = NULL;
  g_autofree char *trimmed_title = NULL;
  g_autofree char *after_json = NULL;
  OdUpdate *update = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  if (!_od_validate_text (title, _("title"), MAX_NAME_LENGTH, error) ||
      !check_content_length (content, error) ||
      !_od_validate_text (content, _("text for the update"), OD_UPDATE_MAX_CONTENT_LENGTH, error))
    return NULL;
  if (tags != NULL && !g_utf8_validate (tags, -1, NULL))
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                           _("The tags are not valid UTF-8 text."));
      return NULL;
    }
  clean_tags = _od_normalize_tags (tags);
  trimmed_title = g_strstrip (g_strdup (title));

  if (!_od_txn_begin (self, error))
    return NULL;

  if (!_od_load_actor_for (self, actor, OD_ACTION_POST_UPDATE, &who, error))
    goto out;
  if (team_id > 0 && !(team = _od_load_team (self, &who, team_id, error)))
    goto out;

  stmt = _od_prepare (self, "INSERT INTO updates (organization_id, team_id, author_id, author_name, title,"
                        " content, tags, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  if (team_id > 0)
    sqlite3_bind_int64 (stmt, 2, team_id);
  sqlite3_bind_int64 (stmt, 3, who.id);
  _od_bind_text (stmt, 4, who.name);
  _od_bind_text (stmt, 5, trimmed_title);
  _od_bind_text (stmt, 6, content);
  _od_bind_text (stmt, 7, clean_tags);
  sqlite3_bind_int64 (stmt, 8, _od_now_seconds ());
  if (!_od_step_done (self, stmt, error) ||
      !(update = load_update (self, &who, sqlite3_last_insert_rowid (self->db), error)))
    goto out;

  after_json = update_json (update);
  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "update.post",
                       od_update_get_title (update), NULL, after_json, error))
    goto out;

  _od_queue_change (self, who.organization_id, "updates");
  ok = TRUE;

out:
  if (!_od_txn_end (self, ok, error))
    g_clear_object (&update);
  return update;
}

/* Own posts need the Write role; others' need Admin. */
static gboolean
check_post_owner (const Actor  *who,
                  OdUpdate     *update,
                  GError      **error)
{
  if (od_update_get_author_id (update) == who->id)
    return od_role_check (who->role, OD_ACTION_EDIT_OWN_POST, error);
  return od_role_check (who->role, OD_ACTION_EDIT_ANY_POST, error);
}

gboolean
od_repository_edit_update (OdRepository  *self,
                           OdMember      *actor,
                           gint64         update_id,
                           const char    *title,
                           const char    *content,
                           GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdUpdate) before = NULL;
  g_autoptr(OdUpdate) after = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_validate_text (title, _("title"), MAX_NAME_LENGTH, error) ||
      !check_content_length (content, error) ||
      !_od_validate_text (content, _("text for the update"), OD_UPDATE_MAX_CONTENT_LENGTH, error))
    return FALSE;
  trimmed = g_strstrip (g_strdup (title));

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor (self, actor, &who, error) ||
      !(before = load_update (self, &who, update_id, error)) ||
      !check_post_owner (&who, before, error))
    goto out;

  stmt = _od_prepare (self, "UPDATE updates SET title = ?, content = ?, edited_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  _od_bind_text (stmt, 1, trimmed);
  _od_bind_text (stmt, 2, content);
  sqlite3_bind_int64 (stmt, 3, _od_now_seconds ());
  sqlite3_bind_int64 (stmt, 4, update_id);
  if (!_od_step_done (self, stmt, error) ||
      !(after = load_update (self, &who, update_id, error)))
    goto out;

  before_json = update_json (before);
  after_json = update_json (after);
  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "update.edit", trimmed,
                       before_json, after_json, error))
    goto out;

  _od_queue_change (self, who.organization_id, "updates");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

gboolean
od_repository_delete_update (OdRepository  *self,
                             OdMember      *actor,
                             gint64         update_id,
                             GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdUpdate) before = NULL;
  g_autofree char *before_json = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor (self, actor, &who, error) ||
      !(before = load_update (self, &who, update_id, error)) ||
      !check_post_owner (&who, before, error))
    goto out;

  if (!(before_json = update_snapshot_json (self, before, error)))
    goto out;

  stmt = _od_prepare (self, "DELETE FROM updates WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, update_id);
  if (!_od_step_done (self, stmt, error))
    goto out;

  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "update.delete",
                       od_update_get_title (before), before_json, NULL, error))
    goto out;

  _od_queue_change (self, who.organization_id, "updates");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

GListModel *
od_repository_list_updates (OdRepository  *self,
                            gint64         organization_id,
                            gint64         team_id,
                            guint          limit,
                            GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (team_id < 0)
    stmt = _od_prepare (self, "SELECT " UPDATE_COLUMNS " FROM updates u LEFT JOIN teams t ON t.id = u.team_id"
                          " WHERE u.organization_id = ?1 ORDER BY u.created_at DESC, u.id DESC LIMIT ?3",
                    error);
  else if (team_id == 0)
    stmt = _od_prepare (self, "SELECT " UPDATE_COLUMNS " FROM updates u LEFT JOIN teams t ON t.id = u.team_id"
                          " WHERE u.organization_id = ?1 AND u.team_id IS NULL"
                          " ORDER BY u.created_at DESC, u.id DESC LIMIT ?3", error);
  else
    stmt = _od_prepare (self, "SELECT " UPDATE_COLUMNS " FROM updates u LEFT JOIN teams t ON t.id = u.team_id"
                          " WHERE u.organization_id = ?1 AND u.team_id = ?2"
                          " ORDER BY u.created_at DESC, u.id DESC LIMIT ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (team_id > 0)
    sqlite3_bind_int64 (stmt, 2, team_id);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : G_MAXINT64);

  return _od_collect_rows (self, stmt, OD_TYPE_UPDATE, (RowFunc) update_from_row, error);
}

/* Newest first, the page after (before_created_at, before_id); both 0 for the first page. */
GListModel *
od_repository_list_updates_page (OdRepository  *self,
                                 gint64         organization_id,
                                 gint64         team_id,
                                 gint64         before_created_at,
                                 gint64         before_id,
                                 guint          limit,
                                 GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  if (before_id <= 0)
    return od_repository_list_updates (self, organization_id, team_id, limit, error);

  locker = g_rec_mutex_locker_new (&self->lock);
#define AFTER " AND (u.created_at < ?4 OR (u.created_at = ?4 AND u.id < ?5))" \
              " ORDER BY u.created_at DESC, u.id DESC LIMIT ?3"
  if (team_id < 0)
    stmt = _od_prepare (self, "SELECT " UPDATE_COLUMNS " FROM updates u LEFT JOIN teams t ON t.id = u.team_id"
                              " WHERE u.organization_id = ?1" AFTER, error);
  else if (team_id == 0)
    stmt = _od_prepare (self, "SELECT " UPDATE_COLUMNS " FROM updates u LEFT JOIN teams t ON t.id = u.team_id"
                              " WHERE u.organization_id = ?1 AND u.team_id IS NULL" AFTER, error);
  else
    stmt = _od_prepare (self, "SELECT " UPDATE_COLUMNS " FROM updates u LEFT JOIN teams t ON t.id = u.team_id"
                              " WHERE u.organization_id = ?1 AND u.team_id = ?2" AFTER, error);
#undef AFTER
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (team_id > 0)
    sqlite3_bind_int64 (stmt, 2, team_id);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : G_MAXINT64);
  sqlite3_bind_int64 (stmt, 4, before_created_at);
  sqlite3_bind_int64 (stmt, 5, before_id);

  return _od_collect_rows (self, stmt, OD_TYPE_UPDATE, (RowFunc) update_from_row, error);
}

/* The updates of a feed as a lazy list: which team (see od_repository_list_updates()) */
static const char *
updates_where (gint64 team_id)
{
  if (team_id < 0)
    return " FROM updates u LEFT JOIN teams t ON t.id = u.team_id WHERE u.organization_id = ?1";
  if (team_id == 0)
    return " FROM updates u LEFT JOIN teams t ON t.id = u.team_id WHERE u.organization_id = ?1"
           " AND u.team_id IS NULL";
  return " FROM updates u LEFT JOIN teams t ON t.id = u.team_id WHERE u.organization_id = ?1"
         " AND u.team_id = ?2";
}

static gboolean
count_updates_cb (OdRepository  *self,
                  gint64         organization_id,
                  gconstpointer  data,
                  guint         *n_rows,
                  GError       **error)
{
  gint64 team_id = *(const gint64 *) data;
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autofree char *sql = g_strconcat ("SELECT count(*)", updates_where (team_id), NULL);
  gint64 n = 0;

  if (!_od_query_int64 (self, g_intern_string (sql), organization_id, team_id, &n, error))
    return FALSE;
  *n_rows = (guint) n;
  return TRUE;
}

/* Newest first: rows [offset, offset + limit), or the limit rows after `after` (an index seek) */
static GListModel *
fetch_updates_cb (OdRepository  *self,
                  gint64         organization_id,
                  gconstpointer  data,
                  GObject       *after,
                  guint          offset,
                  guint          limit,
                  GError       **error)
{
  gint64 team_id = *(const gint64 *) data;
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autofree char *sql = g_strconcat ("SELECT " UPDATE_COLUMNS, updates_where (team_id),
                                      after ? " AND (u.created_at < ?3 OR (u.created_at = ?3 AND u.id < ?4))" : "",
                                      " ORDER BY u.created_at DESC, u.id DESC LIMIT ?5 OFFSET ?6", NULL);
  sqlite3_stmt *stmt = _od_prepare (self, g_intern_string (sql), error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  sqlite3_bind_int64 (stmt, 2, team_id);
  if (after != NULL)
    {
      sqlite3_bind_int64 (stmt, 3, od_update_get_created_at (OD_UPDATE (after)));
      sqlite3_bind_int64 (stmt, 4, od_update_get_id (OD_UPDATE (after)));
    }
  sqlite3_bind_int64 (stmt, 5, limit);
  sqlite3_bind_int64 (stmt, 6, after ? 0 : offset);

  return _od_collect_rows (self, stmt, OD_TYPE_UPDATE, (RowFunc) update_from_row, error);
}

/* The updates od_repository_list_updates() returns, as a lazy list */
GListModel *
od_repository_list_updates_paged (OdRepository  *self,
                                  gint64         organization_id,
                                  gint64         team_id,
                                  GError       **error)
{
  static const char * const areas[] = { "updates", "teams", NULL };

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  return _od_query_list_new (self, organization_id, OD_TYPE_UPDATE, areas,
                             count_updates_cb, fetch_updates_cb,
                             g_memdup2 (&(gint64) { MAX (team_id, -1) }, sizeof (gint64)), g_free,
                             error);
}

/* ---------------------------------------------------------------------------------------------
 * Reactions and comments
 */

static gboolean
is_offered_reaction (const char *emoji)
{
  const char * const *choices = od_reaction_get_choices ();

  for (guint i = 0; emoji && choices[i]; i++)
    if (g_str_equal (choices[i], emoji))
      return TRUE;
  return FALSE;
}

gboolean
od_repository_toggle_reaction (OdRepository  *self,
                               OdMember      *actor,
                               gint64         update_id,
                               const char    *emoji,
                               gboolean      *reacted,
                               GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdUpdate) update = NULL;
  g_autofree char *target = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!is_offered_reaction (emoji))
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                   _("“%s” is not one of the reactions Orgdesk offers."), emoji ? emoji : "");
      return FALSE;
    }

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor_for (self, actor, OD_ACTION_REACT, &who, error) ||
      !(update = load_update (self, &who, update_id, error)))
    goto out;

  stmt = _od_prepare (self, "DELETE FROM reactions WHERE update_id = ? AND member_id = ? AND emoji = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, update_id);
  sqlite3_bind_int64 (stmt, 2, who.id);
  _od_bind_text (stmt, 3, emoji);
  if (!_od_step_done (self, stmt, error))
    goto out;

  if (sqlite3_changes (self->db) == 0)
    {
      stmt = _od_prepare (self, "INSERT INTO reactions (update_id, member_id, emoji) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, update_id);
      sqlite3_bind_int64 (stmt, 2, who.id);
      _od_bind_text (stmt, 3, emoji);
      if (!_od_step_done (self, stmt, error))
        goto out;
      if (reacted)
        *reacted = TRUE;
    }
  else if (reacted)
    *reacted = FALSE;

  target = g_strdup_printf ("%s %s", emoji, od_update_get_title (update));
  if (!_od_journal_append (self, who.organization_id, who.id, who.name,
                           reacted && *reacted ? "update.react" : "update.unreact", target, NULL, NULL, error))
    goto out;

  _od_queue_change (self, who.organization_id, "updates");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

GListModel *
od_repository_list_reactions (OdRepository  *self,
                              gint64         update_id,
                              gint64         member_id,
                              GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GListStore) store = g_list_store_new (OD_TYPE_REACTION);
  const char * const *choices = od_reaction_get_choices ();
  guint n_choices = g_strv_length ((char **) choices);
  g_autofree guint *counts = g_new0 (guint, n_choices);
  g_autofree gboolean *mine = g_new0 (gboolean, n_choices);
  sqlite3_stmt *stmt;
  gboolean has_row;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  /* One walk of the primary key (update_id first) per update: a feed asks for the rows it shows */
  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _od_prepare (self, "SELECT emoji, count(*), max(member_id = ?2) FROM reactions"
                            " WHERE update_id = ?1 GROUP BY emoji", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, update_id);
  sqlite3_bind_int64 (stmt, 2, member_id);

  while (TRUE)
    {
      const char *emoji;

      if (!_od_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      emoji = _od_column_text (stmt, 0);
      for (guint i = 0; i < n_choices; i++)
        if (g_str_equal (choices[i], emoji))
          {
            counts[i] = (guint) sqlite3_column_int (stmt, 1);
            mine[i] = sqlite3_column_int (stmt, 2) == 1;
          }
    }
  sqlite3_reset (stmt);

  /* In the offered order; only the emoji someone used. */
  for (guint i = 0; i < n_choices; i++)
    if (counts[i] > 0)
      {
        g_autoptr(OdReaction) reaction = od_reaction_new (choices[i], counts[i], mine[i]);
        g_list_store_append (store, reaction);
      }
  return G_LIST_MODEL (g_steal_pointer (&store));
}

static OdComment *
comment_from_row (sqlite3_stmt *stmt)
{
  return od_comment_new (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                         sqlite3_column_int64 (stmt, 2), _od_column_text (stmt, 3),
                         _od_column_text (stmt, 4), sqlite3_column_int64 (stmt, 5));
}

GListModel *
od_repository_list_comments (OdRepository  *self,
                             gint64         update_id,
                             GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _od_prepare (self, "SELECT id, update_id, author_id, author_name, content, created_at FROM comments"
                            " WHERE update_id = ? ORDER BY created_at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, update_id);
  return _od_collect_rows (self, stmt, OD_TYPE_COMMENT, (RowFunc) comment_from_row, error);
}

OdComment *
od_repository_add_comment (OdRepository  *self,
                           OdMember      *actor,
                           gint64         update_id,
                           const char    *content,
                           GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdUpdate) update = NULL;
  OdComment *comment = NULL;
  sqlite3_stmt *stmt;
  gint64 now = _od_now_seconds ();
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  if (!_od_validate_text (content, _("comment"), MAX_CONTENT_LENGTH, error))
    return NULL;

  if (!_od_txn_begin (self, error))
    return NULL;

  if (!_od_load_actor_for (self, actor, OD_ACTION_COMMENT, &who, error) ||
      !(update = load_update (self, &who, update_id, error)))
    goto out;

  stmt = _od_prepare (self, "INSERT INTO comments (update_id, author_id, author_name, content, created_at)"
                            " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, update_id);
  sqlite3_bind_int64 (stmt, 2, who.id);
  _od_bind_text (stmt, 3, who.name);
  _od_bind_text (stmt, 4, content);
  sqlite3_bind_int64 (stmt, 5, now);
  if (!_od_step_done (self, stmt, error))
    goto out;
  comment = od_comment_new (sqlite3_last_insert_rowid (self->db), update_id, who.id, who.name, content, now);

  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "update.comment",
                           od_update_get_title (update), NULL, NULL, error))
    goto out;

  _od_queue_change (self, who.organization_id, "updates");
  ok = TRUE;

out:
  if (!_od_txn_end (self, ok, error))
    g_clear_object (&comment);
  return comment;
}

gboolean
od_repository_delete_comment (OdRepository  *self,
                              OdMember      *actor,
                              gint64         comment_id,
                              GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *before_json = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 author_id, org_id;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor (self, actor, &who, error))
    goto out;

  stmt = _od_prepare (self, "SELECT c.author_id, u.organization_id FROM comments c"
                            " JOIN updates u ON u.id = c.update_id WHERE c.id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, comment_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    goto out;
  author_id = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  org_id = has_row ? sqlite3_column_int64 (stmt, 1) : 0;
  sqlite3_reset (stmt);
  if (!has_row || org_id != who.organization_id)
    {
      _od_not_found (error, _("That comment no longer exists."));
      goto out;
    }
  if (!od_role_check (who.role, author_id == who.id ? OD_ACTION_EDIT_OWN_POST : OD_ACTION_EDIT_ANY_POST, error))
    goto out;

  b = _od_json_begin ();
  _od_json_add_int (b, "id", comment_id);
  json_builder_set_member_name (b, "snapshot");
  json_builder_begin_object (b);
  if (!_od_snapshot_rows (self, b, "comments", "SELECT * FROM comments WHERE id = ?", comment_id, error))
    goto out;
  json_builder_end_object (b);
  before_json = _od_json_end (g_steal_pointer (&b));

  stmt = _od_prepare (self, "DELETE FROM comments WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, comment_id);
  if (!_od_step_done (self, stmt, error) ||
      !_od_journal_append (self, who.organization_id, who.id, who.name, "comment.delete", "",
                           before_json, NULL, error))
    goto out;

  _od_queue_change (self, who.organization_id, "updates");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}
