/* od-repository-journal.c — the repository's reading the journal
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
 * Journal
 */

static OdJournalEntry *
journal_entry_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (OD_TYPE_JOURNAL_ENTRY,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "organization-id", sqlite3_column_int64 (stmt, 1),
                       "actor-id", sqlite3_column_int64 (stmt, 2),
                       "actor-name", _od_column_text (stmt, 3),
                       "action", _od_column_text (stmt, 4),
                       "target", _od_column_text (stmt, 5),
                       "before-json", _od_column_text_or_null (stmt, 6),
                       "after-json", _od_column_text_or_null (stmt, 7),
                       "created-at", sqlite3_column_int64 (stmt, 8),
                       NULL);
}

GListModel *
od_repository_list_journal (OdRepository  *self,
                            gint64         organization_id,
                            guint          limit,
                            GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _od_prepare (self, "SELECT id, organization_id, actor_id, actor_name, action, target, before_json,"
                        " after_json, created_at FROM journal WHERE organization_id = ?"
                        " ORDER BY id DESC LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : G_MAXINT64);

  return _od_collect_rows (self, stmt, OD_TYPE_JOURNAL_ENTRY, (RowFunc) journal_entry_from_row, error);
}

guint
od_repository_count_journal (OdRepository  *self,
                             gint64         organization_id,
                             GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  gint64 n = 0;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  _od_query_int64 (self, "SELECT count(*) FROM journal WHERE organization_id = ?", organization_id, 0,
               &n, error);
  return (guint) n;
}

/* What a journal list shows: see od_repository_search_journal() */
typedef struct
{
  char   *pattern;        /* "%search%" */
  char   *kind_pattern;   /* "kind%" */
  gint64  actor_id;
} JournalQuery;

static void
journal_query_free (JournalQuery *query)
{
  g_free (query->pattern);
  g_free (query->kind_pattern);
  g_free (query);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JournalQuery, journal_query_free)

static JournalQuery *
journal_query_new (const char *search,
                   const char *kind,
                   gint64      actor_id)
{
  JournalQuery *query = g_new0 (JournalQuery, 1);

  query->pattern = g_strdup_printf ("%%%s%%", search ? search : "");
  query->kind_pattern = kind && *kind ? g_strdup_printf ("%s%%", kind) : g_strdup ("%");
  query->actor_id = actor_id;
  return query;
}

#define JOURNAL_WHERE \
  " FROM journal WHERE organization_id = ?1" \
  " AND (?2 = '%%' OR actor_name LIKE ?2 OR action LIKE ?2 OR target LIKE ?2)" \
  " AND action LIKE ?3 AND (?4 = 0 OR actor_id = ?4)"

static void
bind_journal_query (sqlite3_stmt       *stmt,
                    gint64              organization_id,
                    const JournalQuery *query)
{
  sqlite3_bind_int64 (stmt, 1, organization_id);
  _od_bind_text (stmt, 2, query->pattern);
  _od_bind_text (stmt, 3, query->kind_pattern);
  sqlite3_bind_int64 (stmt, 4, query->actor_id);
}

/* Entries [offset, offset + limit) newest first, or the limit entries older than before_id */
static GListModel *
fetch_journal (OdRepository        *self,
               gint64               organization_id,
               const JournalQuery  *query,
               gint64               before_id,
               guint                offset,
               guint                limit,
               GError             **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt;

  stmt = _od_prepare (self, "SELECT id, organization_id, actor_id, actor_name, action, target, before_json,"
                            " after_json, created_at" JOURNAL_WHERE " AND (?5 = 0 OR id < ?5)"
                            " ORDER BY id DESC LIMIT ?6 OFFSET ?7", error);
  if (stmt == NULL)
    return NULL;
  bind_journal_query (stmt, organization_id, query);
  sqlite3_bind_int64 (stmt, 5, before_id);
  sqlite3_bind_int64 (stmt, 6, limit > 0 ? (gint64) limit : G_MAXINT64);
  sqlite3_bind_int64 (stmt, 7, before_id > 0 ? 0 : offset);

  return _od_collect_rows (self, stmt, OD_TYPE_JOURNAL_ENTRY, (RowFunc) journal_entry_from_row, error);
}

/* Newest first; search matches the actor, the action or the target; kind is an action prefix
 * ("member", "team.delete", …) or NULL; actor_id 0 for everyone. Pages with before_id. */
GListModel *
od_repository_search_journal (OdRepository  *self,
                              gint64         organization_id,
                              const char    *search,
                              const char    *kind,
                              gint64         actor_id,
                              gint64         before_id,
                              guint          limit,
                              GError       **error)
{
  g_autoptr(JournalQuery) query = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  query = journal_query_new (search, kind, actor_id);
  return fetch_journal (self, organization_id, query, before_id, 0, limit, error);
}

static gboolean
count_journal_cb (OdRepository  *self,
                  gint64         organization_id,
                  gconstpointer  data,
                  guint         *n_rows,
                  GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = _od_prepare (self, "SELECT count(*)" JOURNAL_WHERE, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_journal_query (stmt, organization_id, data);
  rc = sqlite3_step (stmt);
  *n_rows = rc == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _od_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static GListModel *
fetch_journal_cb (OdRepository  *self,
                  gint64         organization_id,
                  gconstpointer  data,
                  GObject       *after,
                  guint          offset,
                  guint          limit,
                  GError       **error)
{
  gint64 before_id = after != NULL ? od_journal_entry_get_id (OD_JOURNAL_ENTRY (after)) : 0;

  return fetch_journal (self, organization_id, data, before_id, offset, limit, error);
}

/* The same entries as od_repository_search_journal() as a lazy list (every change writes a
 * journal row, so every change makes it count again) */
GListModel *
od_repository_list_journal_paged (OdRepository  *self,
                                  gint64         organization_id,
                                  const char    *search,
                                  const char    *kind,
                                  gint64         actor_id,
                                  GError       **error)
{
  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  return _od_query_list_new (self, organization_id, OD_TYPE_JOURNAL_ENTRY, NULL,
                             count_journal_cb, fetch_journal_cb,
                             journal_query_new (search, kind, actor_id),
                             (GDestroyNotify) journal_query_free, error);
}

static char *
csv_field (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  /* A leading = + - @ would be a formula in a spreadsheet. */
  out = g_string_new (NULL);
  if (strchr ("=+-@", text[0]) != NULL && text[0] != '\0')
    g_string_append_c (out, '\'');
  g_string_append (out, text);
  if (strpbrk (out->str, ",\"\r\n") != NULL)
    {
      g_autofree char *inner = g_string_free (out, FALSE);
      GString *quoted = g_string_new ("\"");

      for (const char *p = inner; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (quoted, '"');
          g_string_append_c (quoted, *p);
        }
      g_string_append_c (quoted, '"');
      return g_string_free (quoted, FALSE);
    }
  return g_string_free (out, FALSE);
}

/* Writes the whole journal of the organization, oldest first, as CSV (id, time, actor, action,
 * target, sentence, before, after) or as a JSON array. */
gboolean
od_repository_export_journal (OdRepository   *self,
                              gint64          organization_id,
                              gboolean        as_json,
                              GOutputStream  *stream,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  guint n;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (!(entries = od_repository_list_journal (self, organization_id, 0, error)))
    return FALSE;
  n = g_list_model_get_n_items (entries);

  if (as_json)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      b = json_builder_new ();
      json_builder_begin_array (b);
      for (guint i = n; i-- > 0;)
        {
          g_autoptr(OdJournalEntry) e = g_list_model_get_item (entries, i);
          g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (od_journal_entry_get_created_at (e));
          g_autofree char *time = g_date_time_format_iso8601 (when);
          g_autofree char *sentence = od_journal_entry_describe (e);

          json_builder_begin_object (b);
          _od_json_add_int (b, "id", od_journal_entry_get_id (e));
          _od_json_add_string (b, "time", time);
          _od_json_add_string (b, "actor", od_journal_entry_get_actor_name (e));
          _od_json_add_string (b, "action", od_journal_entry_get_action (e));
          _od_json_add_string (b, "target", od_journal_entry_get_target (e));
          _od_json_add_string (b, "sentence", sentence);
          _od_json_add_string (b, "before", od_journal_entry_get_before_json (e));
          _od_json_add_string (b, "after", od_journal_entry_get_after_json (e));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      return json_generator_to_stream (generator, stream, cancellable, error) &&
             g_output_stream_write_all (stream, "\n", 1, NULL, cancellable, error);
    }

  static const char header[] = "id,time,actor,action,target,sentence,before,after\r\n";

  if (!g_output_stream_write_all (stream, header, strlen (header), NULL, cancellable, error))
    return FALSE;
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(OdJournalEntry) e = g_list_model_get_item (entries, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (od_journal_entry_get_created_at (e));
      g_autofree char *time = g_date_time_format_iso8601 (when);
      g_autofree char *sentence = od_journal_entry_describe (e);
      g_autofree char *actor = csv_field (od_journal_entry_get_actor_name (e));
      g_autofree char *target = csv_field (od_journal_entry_get_target (e));
      g_autofree char *said = csv_field (sentence);
      g_autofree char *before = csv_field (od_journal_entry_get_before_json (e));
      g_autofree char *after = csv_field (od_journal_entry_get_after_json (e));
      g_autofree char *line = g_strdup_printf ("%" G_GINT64_FORMAT ",%s,%s,%s,%s,%s,%s,%s\r\n",
                                               od_journal_entry_get_id (e), time, actor,
                                               od_journal_entry_get_action (e), target, said, before, after);

      if (!g_output_stream_write_all (stream, line, strlen (line), NULL, cancellable, error))
        return FALSE;
    }
  return TRUE;
}
