/* od-repository-members.c — the repository's members: lookups, the lazy list's queries, roles and
 * removal (one or many), export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "OdRepository"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "od-csv.h"
#include "od-email.h"
#include "od-error.h"
#include "od-invitation.h"
#include "od-journal-entry.h"
#include "od-member.h"
#include "od-member-list-private.h"
#include "od-organization.h"
#include "od-repository-private.h"
#include "od-subscription.h"
#include "od-team.h"
#include "od-update.h"

/* ---------------------------------------------------------------------------------------------
 * Members
 */

OdMember *
od_repository_get_member (OdRepository  *self,
                          gint64         member_id,
                          GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return _od_load_member (self, member_id, error);
}

OdMember *
od_repository_find_member (OdRepository  *self,
                           gint64         organization_id,
                           const char    *email,
                           GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  OdMember *member = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (email != NULL, NULL);

  key = od_email_normalize (email);
  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _od_prepare (self, "SELECT " MEMBER_COLUMNS " FROM members m"
                        " WHERE m.organization_id = ? AND m.email_key = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  _od_bind_text (stmt, 2, key);
  if (!_od_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    member = _od_member_from_row (stmt);
  else
    g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND,
                 _("%s is not a member of this organization."), email);
  sqlite3_reset (stmt);
  return member;
}

OdMember *
od_repository_get_first_owner (OdRepository  *self,
                               gint64         organization_id,
                               GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  gint64 id = 0;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!_od_query_int64 (self, "SELECT id FROM members WHERE organization_id = ? AND role = 4"
                          " ORDER BY joined_at, id LIMIT 1", organization_id, 0, &id, error))
    return NULL;
  if (id == 0)
    {
      _od_not_found (error, _("The organization has no Owner."));
      return NULL;
    }
  return _od_load_member (self, id, error);
}

/* "%text%" for LIKE, with the wildcards in the text escaped. */
static char *
like_pattern (const char *search)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = search; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

typedef enum
{
  SEARCH_NONE,
  SEARCH_FTS,   /* ?2 is an FTS5 query over members_fts */
  SEARCH_LIKE,  /* ?2 is a LIKE pattern (text with no letters or digits, such as "@") */
} SearchKind;

/* A search becomes prefix queries on the words of names and email addresses, through the FTS5
 * index members_fts (migration 4): "ana sil" finds "Ana Silva" and "ana.silva@…", diacritics
 * ignored. The organization is a token of its own ("org42" in the scope column), so the index
 * alone answers for one organization. Text without any letter or digit falls back to LIKE. */
static char *
search_pattern (const char  *search,
                gint64       organization_id,
                SearchKind  *kind)
{
  GString *query;
  guint n_words = 0;
  const char *p;

  *kind = SEARCH_NONE;
  if (search == NULL || *search == '\0')
    return NULL;

  query = g_string_new (NULL);
  g_string_append_printf (query, "scope:org%" G_GINT64_FORMAT, organization_id);
  for (p = search; *p; )
    {
      const char *start;

      while (*p && !g_unichar_isalnum (g_utf8_get_char_validated (p, -1)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      start = p;
      while (*p && g_unichar_isalnum (g_utf8_get_char_validated (p, -1)))
        p = g_utf8_next_char (p);
      /* Words hold only letters and digits, so they need no quoting beyond the quotes; the
       * column filter keeps "o" from matching the scope token "org…". */
      g_string_append (query, " AND {name email}:\"");
      g_string_append_len (query, start, p - start);
      g_string_append (query, "\"*");
      n_words++;
    }

  if (n_words == 0)
    {
      g_string_free (query, TRUE);
      *kind = SEARCH_LIKE;
      return like_pattern (search);
    }
  *kind = SEARCH_FTS;
  return g_string_free (query, FALSE);
}

/* The start of a member query: with an FTS search, the matching rows first (CROSS JOIN keeps
 * that order of work), so a rare word costs a few rows, not a walk of every member. */
static GString *
start_query (const char *select_from_members,
             SearchKind  kind)
{
  GString *sql = g_string_new (select_from_members);

  if (kind == SEARCH_FTS)
    g_string_replace (sql, " FROM members m WHERE ",
                      " FROM (SELECT rowid AS fid FROM members_fts WHERE members_fts MATCH ?2) f"
                      " CROSS JOIN members m ON m.id = f.fid WHERE ", 1);
  return sql;
}

/* The SQL of a member list: its filters, its order and, for the orders that an index gives
 * (name, email), the keyset seek that starts a page right after the previous one.
 *
 * Parameters: ?1 organization, ?2 search pattern, ?3 limit, ?4 offset, ?5 after name,
 * ?6 after email key, ?7 role, ?8 team. The statement cache keys statements by the address of
 * their text, so the few hundred texts these make are interned (g_intern_string()). */
#define QUERY_SEARCH " AND (m.name LIKE ?2 ESCAPE '\\' OR m.email LIKE ?2 ESCAPE '\\')"
#define QUERY_ROLE " AND m.role = ?7"
#define QUERY_TEAM " AND m.id IN (SELECT tm.member_id FROM team_members tm WHERE tm.team_id = ?8)"
#define QUERY_TEAMS_TEXT \
  "(SELECT group_concat(name, ', ') FROM (SELECT t.name AS name FROM team_members tm" \
  " JOIN teams t ON t.id = tm.team_id WHERE tm.member_id = m.id ORDER BY t.name_key))"

/* A broad search walks at most this many index rows per member it skips or keeps */
#define BROAD_SEARCH_WALK 64

static gboolean
sort_has_keyset (OdMemberSort sort)
{
  return sort == OD_MEMBER_SORT_NAME || sort == OD_MEMBER_SORT_EMAIL;
}

static void
append_filters (GString             *sql,
                const OdMemberQuery *query,
                SearchKind           kind)
{
  if (kind == SEARCH_LIKE)
    g_string_append (sql, QUERY_SEARCH);
  if (query->role != OD_ROLE_NONE)
    g_string_append (sql, QUERY_ROLE);
  if (query->team_id > 0)
    g_string_append (sql, QUERY_TEAM);
}

/* Name and email have indexes (members_by_name, the unique email key) that SQLite walks in
 * either direction; the other orders sort the matching rows, ties broken by name then email.
 * Members with no team come last in either direction of the Teams order. */
static void
append_order (GString             *sql,
              const OdMemberQuery *query)
{
  const char *dir = query->descending ? " DESC" : "";

  g_string_append (sql, " ORDER BY ");
  switch (query->sort)
    {
    case OD_MEMBER_SORT_EMAIL:
      g_string_append_printf (sql, "m.email_key%s", dir);
      return;
    case OD_MEMBER_SORT_ROLE:
      g_string_append_printf (sql, "m.role%s, ", dir);
      break;
    case OD_MEMBER_SORT_TEAMS:
      g_string_append_printf (sql, QUERY_TEAMS_TEXT " IS NULL, " QUERY_TEAMS_TEXT " COLLATE NOCASE%s, ", dir);
      break;
    case OD_MEMBER_SORT_JOINED:
      g_string_append_printf (sql, "m.joined_at%s, ", dir);
      break;
    case OD_MEMBER_SORT_LAST_ACTIVE:
      g_string_append_printf (sql, "m.last_active_at%s, ", dir);
      break;
    case OD_MEMBER_SORT_NAME:
    default:
      g_string_append_printf (sql, "m.name COLLATE NOCASE%s, m.email_key%s", dir, dir);
      return;
    }
  g_string_append (sql, "m.name COLLATE NOCASE, m.email_key");
}

/* Rows after (?5 name, ?6 email key) in the list's order; only for sort_has_keyset() orders. */
static void
append_after (GString             *sql,
              const OdMemberQuery *query)
{
  const char *op = query->descending ? "<" : ">";

  if (query->sort == OD_MEMBER_SORT_EMAIL)
    g_string_append_printf (sql, " AND m.email_key %s ?6", op);
  else
    g_string_append_printf (sql, " AND m.name %s= ?5 COLLATE NOCASE"
                            " AND (m.name %s ?5 COLLATE NOCASE OR m.email_key %s ?6)", op, op, op);
}

static void
bind_query (sqlite3_stmt        *stmt,
            gint64               organization_id,
            const OdMemberQuery *query,
            const char          *pattern)
{
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (pattern != NULL)
    _od_bind_text (stmt, 2, pattern);
  if (query->role != OD_ROLE_NONE)
    sqlite3_bind_int (stmt, 7, query->role);
  if (query->team_id > 0)
    sqlite3_bind_int64 (stmt, 8, query->team_id);
}

static const OdMemberQuery *
query_for_search (OdMemberQuery *query,
                  const char    *search)
{
  *query = (OdMemberQuery) { search, OD_ROLE_NONE, 0, OD_MEMBER_SORT_NAME, FALSE };
  return query;
}

guint
_od_repository_count_members_query (OdRepository         *self,
                                    gint64                organization_id,
                                    const OdMemberQuery  *query,
                                    GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  SearchKind kind;
  g_autofree char *pattern = search_pattern (query->search, organization_id, &kind);
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  guint n;

  /* A search alone is counted by the index alone. */
  if (kind == SEARCH_FTS && query->role == OD_ROLE_NONE && query->team_id <= 0)
    sql = g_string_new ("SELECT count(*) FROM members_fts WHERE members_fts MATCH ?2 AND ?1 = ?1");
  else
    {
      sql = start_query ("SELECT count(*) FROM members m WHERE m.organization_id = ?1", kind);
      append_filters (sql, query, kind);
    }
  stmt = _od_prepare (self, g_intern_string (sql->str), error);
  if (stmt == NULL)
    return 0;
  bind_query (stmt, organization_id, query, pattern);
  if (!_od_step_row (self, stmt, &has_row, error))
    return 0;
  n = has_row ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return n;
}

guint
_od_repository_count_members (OdRepository  *self,
                              gint64         organization_id,
                              const char    *search,
                              GError       **error)
{
  OdMemberQuery query;

  return _od_repository_count_members_query (self, organization_id,
                                             query_for_search (&query, search), error);
}

/* One page of members in list order. When `after` (a member above the page) is given and the
 * order has an index (name, email), the page starts with an index seek right after it and skips
 * `offset` rows from there, so reading the list from top to bottom costs one index walk in all.
 * Otherwise (no `after`, or another order, where `after` is ignored) it skips `offset` rows from
 * the top. */
GPtrArray *
_od_repository_fetch_members_query (OdRepository         *self,
                                    gint64                organization_id,
                                    const OdMemberQuery  *query,
                                    OdMember             *after,
                                    guint                 offset,
                                    guint                 limit,
                                    GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  SearchKind kind;
  g_autofree char *pattern = search_pattern (query->search, organization_id, &kind);
  g_autoptr(GString) sql = start_query ("SELECT " MEMBER_COLUMNS " FROM members m WHERE m.organization_id = ?1",
                                        kind);
  g_autofree char *after_key = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!sort_has_keyset (query->sort))
    after = NULL;

  append_filters (sql, query, kind);
  if (after != NULL)
    append_after (sql, query);
  append_order (sql, query);
  g_string_append (sql, " LIMIT ?3 OFFSET ?4");

  /* A search sorts all its matches: sort bare ids, then read the columns (the teams of each
   * member are a subquery) for the one page only. */
  if (kind == SEARCH_FTS)
    {
      g_autoptr(GString) outer = g_string_new ("SELECT " MEMBER_COLUMNS " FROM (");

      g_string_replace (sql, "SELECT " MEMBER_COLUMNS " FROM", "SELECT m.id AS pid FROM", 1);
      g_string_append (outer, sql->str);
      g_string_append (outer, ") page JOIN members m ON m.id = page.pid");
      append_order (outer, query);
      g_string_assign (sql, outer->str);
    }

  stmt = _od_prepare (self, g_intern_string (sql->str), error);
  if (stmt == NULL)
    return NULL;
  bind_query (stmt, organization_id, query, pattern);
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, offset);
  if (after)
    {
      after_key = od_email_normalize (od_member_get_email (after));
      if (query->sort == OD_MEMBER_SORT_NAME)
        _od_bind_text (stmt, 5, od_member_get_name (after));
      _od_bind_text (stmt, 6, after_key);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, _od_member_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _od_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
_od_repository_fetch_members (OdRepository  *self,
                              gint64         organization_id,
                              const char    *search,
                              OdMember      *after,
                              guint          offset,
                              guint          limit,
                              GError       **error)
{
  OdMemberQuery query;

  return _od_repository_fetch_members_query (self, organization_id, query_for_search (&query, search),
                                             after, offset, limit, error);
}

/* Broad searches ("s", "an": thousands of matches). Sorting every match for each page costs more
 * than walking the name (or email) index in order and keeping the members whose id the search
 * matched: at one match in 64 rows or more, a page of 128 is found in a few thousand index rows.
 * The list (OdMemberList) reads the matching ids once, which also gives its count. */

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

gboolean
_od_member_list_match_ids (OdRepository  *self,
                           gint64         organization_id,
                           const char    *search,
                           GArray       **ids,
                           GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GArray) found = NULL;
  SearchKind kind;
  g_autofree char *pattern = search_pattern (search, organization_id, &kind);
  gboolean sorted = TRUE;
  sqlite3_stmt *stmt;
  int rc;

  *ids = NULL;
  if (kind != SEARCH_FTS)
    return TRUE;

  stmt = _od_prepare (self, "SELECT rowid FROM members_fts WHERE members_fts MATCH ?2 AND ?1 = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  _od_bind_text (stmt, 2, pattern);
  found = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (found->len > 0 && id <= g_array_index (found, gint64, found->len - 1))
        sorted = FALSE;
      g_array_append_val (found, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _od_set_sqlite_error (self, rc, error);

  /* FTS5 gives rowids in ascending order; the lookups below need it, so make sure */
  if (!sorted)
    g_array_sort (found, compare_ids);
  *ids = g_steal_pointer (&found);
  return TRUE;
}

gboolean
_od_member_list_fetch_in (OdRepository         *self,
                          gint64                organization_id,
                          const OdMemberQuery  *query,
                          GArray               *ids,
                          OdMember             *after,
                          guint                 skip,
                          guint                 limit,
                          GPtrArray           **rows,
                          GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  OdMemberQuery plain = { NULL, query->role, query->team_id, query->sort, query->descending };
  g_autoptr(GString) sql = start_query ("SELECT m.id FROM members m WHERE m.organization_id = ?1", SEARCH_NONE);
  g_autoptr(GArray) page = g_array_sized_new (FALSE, FALSE, sizeof (gint64), limit);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *after_key = NULL;
  guint64 budget = ((guint64) skip + limit) * BROAD_SEARCH_WALK;
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  g_assert (sort_has_keyset (query->sort));
  *rows = NULL;

  append_filters (sql, &plain, SEARCH_NONE);
  if (after != NULL)
    append_after (sql, &plain);
  append_order (sql, &plain);
  stmt = _od_prepare (self, g_intern_string (sql->str), error);
  if (stmt == NULL)
    return FALSE;
  bind_query (stmt, organization_id, &plain, NULL);
  if (after != NULL)
    {
      after_key = od_email_normalize (od_member_get_email (after));
      if (query->sort == OD_MEMBER_SORT_NAME)
        _od_bind_text (stmt, 5, od_member_get_name (after));
      _od_bind_text (stmt, 6, after_key);
    }

  while (page->len < limit && budget > 0 && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      budget--;
      if (bsearch (&id, ids->data, ids->len, sizeof (gint64), compare_ids) == NULL)
        continue;
      if (skip > 0)
        skip--;
      else
        g_array_append_val (page, id);
    }
  sqlite3_reset (stmt);
  if (page->len < limit && budget == 0)
    return TRUE; /* too few matches among the rows: not worth it, *rows stays NULL */
  if (page->len < limit && rc != SQLITE_DONE)
    return _od_set_sqlite_error (self, rc, error);

  for (guint i = 0; i < page->len; i++)
    {
      OdMember *member = _od_load_member (self, g_array_index (page, gint64, i), error);

      if (member == NULL)
        return FALSE;
      g_ptr_array_add (members, member);
    }
  *rows = g_steal_pointer (&members);
  return TRUE;
}

GListModel *
od_repository_list_members (OdRepository  *self,
                            gint64         organization_id,
                            const char    *search,
                            GError       **error)
{
  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  return od_repository_list_members_full (self, organization_id, search, OD_ROLE_NONE, 0,
                                          OD_MEMBER_SORT_NAME, FALSE, error);
}

GListModel *
od_repository_list_members_full (OdRepository  *self,
                                 gint64         organization_id,
                                 const char    *search,
                                 OdRole         role,
                                 gint64         team_id,
                                 OdMemberSort   sort,
                                 gboolean       descending,
                                 GError       **error)
{
  OdMemberQuery query = { search, role, team_id, sort, descending };

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (role >= OD_ROLE_NONE && role <= OD_ROLE_OWNER, NULL);
  g_return_val_if_fail (sort >= OD_MEMBER_SORT_NAME && sort <= OD_MEMBER_SORT_LAST_ACTIVE, NULL);

  return _od_member_list_new_query (self, organization_id, &query, error);
}

guint
od_repository_count_owners (OdRepository  *self,
                            gint64         organization_id,
                            GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  guint n = 0;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  _od_count_owners (self, organization_id, &n, error);
  return n;
}

gboolean
_od_seat_usage (OdRepository  *self,
            gint64         organization_id,
            guint         *n_members,
            guint         *n_pending,
            guint         *n_seats,
            GError       **error)
{
  gint64 members = 0, pending = 0, seats = 0;

  if (!_od_query_int64 (self, "SELECT count(*) FROM members WHERE organization_id = ?",
                    organization_id, 0, &members, error) ||
      !_od_query_int64 (self, "SELECT count(*) FROM invitations WHERE organization_id = ? AND state = 1"
                          " AND expires_at > ?", organization_id, _od_now_seconds (), &pending, error) ||
      !_od_query_int64 (self, "SELECT seats FROM subscriptions WHERE organization_id = ?",
                    organization_id, 0, &seats, error))
    return FALSE;

  if (n_members)
    *n_members = members;
  if (n_pending)
    *n_pending = pending;
  if (n_seats)
    *n_seats = seats;
  return TRUE;
}

gboolean
od_repository_get_seat_usage (OdRepository  *self,
                              gint64         organization_id,
                              guint         *n_members,
                              guint         *n_pending,
                              guint         *n_seats,
                              GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  return _od_seat_usage (self, organization_id, n_members, n_pending, n_seats, error);
}

/* Loads the target member and checks it belongs to the actor's organization. */
OdMember *
_od_load_target_member (OdRepository  *self,
                    const Actor   *who,
                    gint64         member_id,
                    GError       **error)
{
  g_autoptr(OdMember) member = _od_load_member (self, member_id, error);

  if (member == NULL)
    return NULL;
  if (od_member_get_organization_id (member) != who->organization_id)
    {
      _od_not_found (error, _("That member is not in your organization."));
      return NULL;
    }
  return g_steal_pointer (&member);
}

static char *
member_text (OdMember *member)
{
  return g_strdup_printf ("%s <%s>", od_member_get_name (member), od_member_get_email (member));
}

/* Changes one member's role with its journal row; the caller holds a transaction. n_owners
 * follows the change, so that a selection cannot demote every Owner. *target_text (if given)
 * names the member for the caller's message when this fails. */
static gboolean
change_role_locked (OdRepository  *self,
                    const Actor   *who,
                    gint64         member_id,
                    OdRole         role,
                    guint         *n_owners,
                    gboolean      *changed,
                    char         **target_text,
                    GError       **error)
{
  g_autoptr(OdMember) target = NULL;
  g_autoptr(OdMember) after = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  OdRole old_role;

  if (!(target = _od_load_target_member (self, who, member_id, error)))
    return FALSE;
  text = member_text (target);
  if (target_text != NULL)
    *target_text = g_strdup (text);

  old_role = od_member_get_role (target);
  if (!od_role_check_change (who->role, old_role, role, *n_owners, error))
    return FALSE;
  if (old_role == role)
    return TRUE;

  stmt = _od_prepare (self, "UPDATE members SET role = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, role);
  sqlite3_bind_int64 (stmt, 2, member_id);
  if (!_od_step_done (self, stmt, error) ||
      !(after = _od_load_member (self, member_id, error)))
    return FALSE;

  before_json = _od_member_json (target);
  after_json = _od_member_json (after);
  if (!_od_journal_append (self, who->organization_id, who->id, who->name, "member.role", text,
                           before_json, after_json, error))
    return FALSE;

  if (old_role == OD_ROLE_OWNER)
    (*n_owners)--;
  if (role == OD_ROLE_OWNER)
    (*n_owners)++;
  *changed = TRUE;
  return TRUE;
}

/* The member as _od_member_json() writes it, plus a snapshot of every row the removal takes
 * (the cascade's team memberships and reactions) and of the references it clears, for Undo. */
static char *
member_snapshot_json (OdRepository  *self,
                      OdMember      *member,
                      GError       **error)
{
  g_autoptr(JsonBuilder) b = _od_json_begin ();
  gint64 id = od_member_get_id (member);

  _od_json_add_int (b, "id", id);
  _od_json_add_string (b, "email", od_member_get_email (member));
  _od_json_add_string (b, "name", od_member_get_name (member));
  _od_json_add_string (b, "role", od_role_to_string (od_member_get_role (member)));
  _od_json_add_int (b, "joined_at", od_member_get_joined_at (member));
  _od_json_add_int (b, "last_active_at", od_member_get_last_active_at (member));
  json_builder_set_member_name (b, "snapshot");
  json_builder_begin_object (b);
  if (!_od_snapshot_rows (self, b, "members", "SELECT * FROM members WHERE id = ?", id, error) ||
      !_od_snapshot_rows (self, b, "team_members", "SELECT * FROM team_members WHERE member_id = ?", id, error) ||
      !_od_snapshot_rows (self, b, "reactions", "SELECT * FROM reactions WHERE member_id = ?", id, error) ||
      !_od_snapshot_ids (self, b, "updates_authored", "SELECT id FROM updates WHERE author_id = ?", id, error) ||
      !_od_snapshot_ids (self, b, "comments_authored", "SELECT id FROM comments WHERE author_id = ?", id, error) ||
      !_od_snapshot_ids (self, b, "invitations_sent", "SELECT id FROM invitations WHERE invited_by = ?", id, error))
    return NULL;
  json_builder_end_object (b);
  return _od_json_end (g_steal_pointer (&b));
}

/* Removes one member with its journal row; the caller holds a transaction. */
static gboolean
remove_locked (OdRepository  *self,
               const Actor   *who,
               gint64         member_id,
               guint         *n_owners,
               char         **target_text,
               GError       **error)
{
  g_autoptr(OdMember) target = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  if (!(target = _od_load_target_member (self, who, member_id, error)))
    return FALSE;
  text = member_text (target);
  if (target_text != NULL)
    *target_text = g_strdup (text);

  if (!od_role_check_removal (who->role, od_member_get_role (target), who->id == member_id,
                              *n_owners, error))
    return FALSE;

  if (!(before_json = member_snapshot_json (self, target, error)))
    return FALSE;
  stmt = _od_prepare (self, "DELETE FROM members WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (!_od_step_done (self, stmt, error) ||
      !_od_journal_append (self, who->organization_id, who->id, who->name,
                           who->id == member_id ? "member.leave" : "member.remove",
                           text, before_json, NULL, error))
    return FALSE;

  if (od_member_get_role (target) == OD_ROLE_OWNER)
    (*n_owners)--;
  return TRUE;
}

gboolean
od_repository_set_member_role (OdRepository  *self,
                               OdMember      *actor,
                               gint64         member_id,
                               OdRole         role,
                               GError       **error)
{
  g_auto(Actor) who = { 0 };
  guint n_owners = 0;
  gboolean changed = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor (self, actor, &who, error) ||
      !_od_count_owners (self, who.organization_id, &n_owners, error) ||
      !change_role_locked (self, &who, member_id, role, &n_owners, &changed, NULL, error))
    goto out;

  if (changed)
    _od_queue_change (self, who.organization_id, "members");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

gboolean
od_repository_remove_member (OdRepository  *self,
                             OdMember      *actor,
                             gint64         member_id,
                             GError       **error)
{
  g_auto(Actor) who = { 0 };
  guint n_owners = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor (self, actor, &who, error) ||
      !_od_count_owners (self, who.organization_id, &n_owners, error) ||
      !remove_locked (self, &who, member_id, &n_owners, NULL, error))
    goto out;

  _od_queue_change (self, who.organization_id, "members");
  _od_queue_change (self, who.organization_id, "teams");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

/* The selection without repeats, the acting member's own id last. */
static GArray *
selection_order (GArray *ids,
                 gint64  actor_id)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  gboolean has_actor = FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *id = &g_array_index (ids, gint64, i);

      if (!g_hash_table_add (seen, id))
        continue;
      if (*id == actor_id)
        has_actor = TRUE;
      else
        g_array_append_val (order, *id);
    }
  if (has_actor)
    g_array_append_val (order, actor_id);
  return order;
}

/* Changes the role of (or removes) each member of `ids` in the open transaction, the acting
 * member last; the first refusal names the member and fails the whole. */
static gboolean
apply_to_members_locked (OdRepository  *self,
                         const Actor   *who,
                         GArray        *ids,
                         gboolean       remove,
                         OdRole         role,
                         guint         *n_owners,
                         guint         *n_changed,
                         GError       **error)
{
  g_autoptr(GArray) order = selection_order (ids, who->id);

  *n_changed = 0;
  for (guint i = 0; i < order->len; i++)
    {
      g_autofree char *target_text = NULL;
      gint64 id = g_array_index (order, gint64, i);
      gboolean changed = FALSE;

      if (remove ? !remove_locked (self, who, id, n_owners, &target_text, error)
                 : !change_role_locked (self, who, id, role, n_owners, &changed, &target_text, error))
        {
          if (target_text != NULL)
            g_prefix_error (error, remove ? _("Nobody was removed. %s: ") : _("No role was changed. %s: "),
                            target_text);
          return FALSE;
        }
      if (remove || changed)
        (*n_changed)++;
    }
  return TRUE;
}

static gboolean
apply_to_members (OdRepository  *self,
                  OdMember      *actor,
                  GArray        *member_ids,
                  gboolean       remove,
                  OdRole         role,
                  GError       **error)
{
  g_auto(Actor) who = { 0 };
  guint n_owners = 0, n_changed = 0;
  gboolean ok = FALSE;

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor (self, actor, &who, error) ||
      !_od_count_owners (self, who.organization_id, &n_owners, error) ||
      !apply_to_members_locked (self, &who, member_ids, remove, role, &n_owners, &n_changed, error))
    goto out;

  if (n_changed > 0)
    _od_queue_change (self, who.organization_id, "members");
  if (n_changed > 0 && remove)
    _od_queue_change (self, who.organization_id, "teams");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

gboolean
od_repository_set_members_role (OdRepository  *self,
                                OdMember      *actor,
                                GArray        *member_ids,
                                OdRole         role,
                                GError       **error)
{
  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (member_ids != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (member_ids) == sizeof (gint64), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return apply_to_members (self, actor, member_ids, FALSE, role, error);
}

gboolean
od_repository_remove_members (OdRepository  *self,
                              OdMember      *actor,
                              GArray        *member_ids,
                              GError       **error)
{
  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (member_ids != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (member_ids) == sizeof (gint64), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return apply_to_members (self, actor, member_ids, TRUE, OD_ROLE_NONE, error);
}

/* ---------------------------------------------------------------------------------------------
 * Every member a list shows (Select All then a bulk action): the ids come from the list's query
 * inside the transaction, never through the rows of the model
 */

/* The ids of the members the query matches now, without `excluded` */
static GArray *
matching_ids_locked (OdRepository         *self,
                     gint64                organization_id,
                     const OdMemberQuery  *query,
                     GArray               *excluded,
                     GError              **error)
{
  SearchKind kind;
  g_autofree char *pattern = search_pattern (query->search, organization_id, &kind);
  g_autoptr(GString) sql = start_query ("SELECT m.id FROM members m WHERE m.organization_id = ?1", kind);
  g_autoptr(GHashTable) skip = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; excluded != NULL && i < excluded->len; i++)
    g_hash_table_add (skip, &g_array_index (excluded, gint64, i));

  append_filters (sql, query, kind);
  stmt = _od_prepare (self, g_intern_string (sql->str), error);
  if (stmt == NULL)
    return NULL;
  bind_query (stmt, organization_id, query, pattern);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (!g_hash_table_contains (skip, &id))
        g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _od_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GArray *
od_member_list_get_ids (OdMemberList  *list,
                        GArray        *excluded,
                        GError       **error)
{
  OdRepository *self;
  g_autoptr(GRecMutexLocker) locker = NULL;
  OdMemberQuery query;

  g_return_val_if_fail (OD_IS_MEMBER_LIST (list), NULL);
  g_return_val_if_fail (excluded == NULL || g_array_get_element_size (excluded) == sizeof (gint64), NULL);

  self = od_paged_list_get_repository (OD_PAGED_LIST (list));
  query = (OdMemberQuery) { od_member_list_get_search (list), od_member_list_get_role (list),
                            od_member_list_get_team_id (list), OD_MEMBER_SORT_NAME, FALSE };
  locker = g_rec_mutex_locker_new (&self->lock);
  return matching_ids_locked (self, od_member_list_get_organization_id (list), &query, excluded, error);
}

static gboolean
apply_to_list (OdMemberList  *list,
               OdMember      *actor,
               GArray        *excluded,
               guint          expected,
               gboolean       remove,
               OdRole         role,
               guint         *n_changed,
               GError       **error)
{
  OdRepository *self = od_paged_list_get_repository (OD_PAGED_LIST (list));
  gint64 organization_id = od_member_list_get_organization_id (list);
  OdMemberQuery query = { od_member_list_get_search (list), od_member_list_get_role (list),
                          od_member_list_get_team_id (list), OD_MEMBER_SORT_NAME, FALSE };
  g_auto(Actor) who = { 0 };
  g_autoptr(GArray) ids = NULL;
  guint n_owners = 0, n = 0;
  gboolean ok = FALSE;

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor (self, actor, &who, error) ||
      !_od_count_owners (self, who.organization_id, &n_owners, error))
    goto out;
  if (who.organization_id != organization_id)
    {
      _od_not_found (error, _("Those members are not in your organization."));
      goto out;
    }
  if (!(ids = matching_ids_locked (self, organization_id, &query, excluded, error)))
    goto out;
  /* What was asked about is what is changed, or nothing */
  if (ids->len != expected)
    {
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The list changed meanwhile: %u member matches now, not %u. Nothing was changed.",
                                "The list changed meanwhile: %u members match now, not %u. Nothing was changed.",
                                ids->len),
                   ids->len, expected);
      goto out;
    }
  if (!apply_to_members_locked (self, &who, ids, remove, role, &n_owners, &n, error))
    goto out;

  if (n > 0)
    _od_queue_change (self, organization_id, "members");
  if (n > 0 && remove)
    _od_queue_change (self, organization_id, "teams");
  ok = TRUE;

out:
  if (!_od_txn_end (self, ok, error))
    return FALSE;
  if (n_changed != NULL)
    *n_changed = n;
  return TRUE;
}

gboolean
od_member_list_set_role_all (OdMemberList  *list,
                             OdMember      *actor,
                             GArray        *excluded,
                             guint          expected,
                             OdRole         role,
                             guint         *n_changed,
                             GError       **error)
{
  g_return_val_if_fail (OD_IS_MEMBER_LIST (list), FALSE);
  g_return_val_if_fail (role >= OD_ROLE_READ && role <= OD_ROLE_OWNER, FALSE);
  g_return_val_if_fail (excluded == NULL || g_array_get_element_size (excluded) == sizeof (gint64), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return apply_to_list (list, actor, excluded, expected, FALSE, role, n_changed, error);
}

gboolean
od_member_list_remove_all (OdMemberList  *list,
                           OdMember      *actor,
                           GArray        *excluded,
                           guint          expected,
                           guint         *n_removed,
                           GError       **error)
{
  g_return_val_if_fail (OD_IS_MEMBER_LIST (list), FALSE);
  g_return_val_if_fail (excluded == NULL || g_array_get_element_size (excluded) == sizeof (gint64), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return apply_to_list (list, actor, excluded, expected, TRUE, OD_ROLE_NONE, n_removed, error);
}

/* ---------------------------------------------------------------------------------------------
 * Export
 */

#define EXPORT_PAGE_SIZE 1000
#define EXPORT_TEAMS(aggregate) \
  " (SELECT " aggregate " FROM (SELECT t.name AS name FROM team_members tm" \
  "   JOIN teams t ON t.id = tm.team_id WHERE tm.member_id = m.id ORDER BY t.name_key))"
#define EXPORT_SELECT \
  "SELECT m.name, m.email, m.role, m.joined_at, m.last_active_at, m.email_key," \
  EXPORT_TEAMS ("group_concat(name, ', ')") "," EXPORT_TEAMS ("json_group_array(name)") \
  " FROM members m WHERE m.organization_id = ?1"

enum { COL_NAME, COL_EMAIL, COL_ROLE, COL_JOINED, COL_LAST_ACTIVE, COL_KEY, COL_TEAMS, COL_TEAMS_JSON };

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

/* 2024-05-01T09:30:00Z; nothing for 0 (never). */
static void
append_iso8601 (GString *out,
                gint64   unix_time)
{
  g_autoptr(GDateTime) when = NULL;

  if (unix_time <= 0 || !(when = g_date_time_new_from_unix_utc (unix_time)))
    return;
  g_string_append_printf (out, "%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (when), g_date_time_get_month (when),
                          g_date_time_get_day_of_month (when), g_date_time_get_hour (when),
                          g_date_time_get_minute (when), g_date_time_get_second (when));
}

static void
append_csv_member (GString      *out,
                   sqlite3_stmt *stmt)
{
  od_csv_append_field (out, _od_column_text (stmt, COL_NAME), TRUE);
  g_string_append_c (out, ',');
  od_csv_append_field (out, _od_column_text (stmt, COL_EMAIL), TRUE);
  g_string_append_c (out, ',');
  g_string_append (out, od_role_to_string (sqlite3_column_int (stmt, COL_ROLE)));
  g_string_append_c (out, ',');
  od_csv_append_field (out, _od_column_text (stmt, COL_TEAMS), TRUE);
  g_string_append_c (out, ',');
  append_iso8601 (out, sqlite3_column_int64 (stmt, COL_JOINED));
  g_string_append_c (out, ',');
  append_iso8601 (out, sqlite3_column_int64 (stmt, COL_LAST_ACTIVE));
  g_string_append (out, "\r\n");
}

static void
append_json_member (GString      *out,
                    sqlite3_stmt *stmt,
                    gboolean      first)
{
  const char *teams = _od_column_text_or_null (stmt, COL_TEAMS_JSON);

  g_string_append (out, first ? "\n  {\"name\": " : ",\n  {\"name\": ");
  append_json_string (out, _od_column_text (stmt, COL_NAME));
  g_string_append (out, ", \"email\": ");
  append_json_string (out, _od_column_text (stmt, COL_EMAIL));
  g_string_append (out, ", \"role\": ");
  append_json_string (out, od_role_to_string (sqlite3_column_int (stmt, COL_ROLE)));
  /* SQLite wrote the teams as a JSON array already. */
  g_string_append (out, ", \"teams\": ");
  g_string_append (out, teams ? teams : "[]");
  g_string_append (out, ", \"joined_at\": \"");
  append_iso8601 (out, sqlite3_column_int64 (stmt, COL_JOINED));
  g_string_append (out, "\", \"last_active_at\": ");
  if (sqlite3_column_int64 (stmt, COL_LAST_ACTIVE) > 0)
    {
      g_string_append_c (out, '"');
      append_iso8601 (out, sqlite3_column_int64 (stmt, COL_LAST_ACTIVE));
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, "null");
  g_string_append_c (out, '}');
}

/* Appends one page of members after (after_name, after_key), or after *offset rows for the
 * orders without an index, to out; *n_rows is how many. */
static gboolean
export_page (OdRepository         *self,
             gint64                organization_id,
             const OdMemberQuery  *query,
             const char           *pattern,
             SearchKind            kind,
             OdExportFormat        format,
             char                **after_name,
             char                **after_key,
             guint                *offset,
             GString              *out,
             guint                *n_written,
             guint                *n_rows,
             GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GString) sql = start_query (EXPORT_SELECT, kind);
  gboolean keyset = sort_has_keyset (query->sort);
  gboolean after = keyset && *after_key != NULL;
  sqlite3_stmt *stmt;
  int rc;

  append_filters (sql, query, kind);
  if (after)
    append_after (sql, query);
  append_order (sql, query);
  g_string_append (sql, keyset ? " LIMIT ?3" : " LIMIT ?3 OFFSET ?4");

  stmt = _od_prepare (self, g_intern_string (sql->str), error);
  if (stmt == NULL)
    return FALSE;

  bind_query (stmt, organization_id, query, pattern);
  sqlite3_bind_int (stmt, 3, EXPORT_PAGE_SIZE);
  if (!keyset)
    sqlite3_bind_int64 (stmt, 4, *offset);
  if (after)
    {
      if (query->sort == OD_MEMBER_SORT_NAME)
        _od_bind_text (stmt, 5, *after_name);
      _od_bind_text (stmt, 6, *after_key);
    }

  *n_rows = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (format == OD_EXPORT_FORMAT_CSV)
        append_csv_member (out, stmt);
      else
        append_json_member (out, stmt, *n_written == 0);
      (*n_written)++;
      if (++(*n_rows) == EXPORT_PAGE_SIZE)
        {
          g_free (*after_name);
          g_free (*after_key);
          *after_name = g_strdup (_od_column_text (stmt, COL_NAME));
          *after_key = g_strdup (_od_column_text (stmt, COL_KEY));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _od_set_sqlite_error (self, rc, error);
  *offset += *n_rows;
  return TRUE;
}

gboolean
od_repository_export_members (OdRepository    *self,
                              gint64           organization_id,
                              const char      *search,
                              OdExportFormat   format,
                              GOutputStream   *stream,
                              GCancellable    *cancellable,
                              GError         **error)
{
  return od_repository_export_members_full (self, organization_id, search, OD_ROLE_NONE, 0,
                                            OD_MEMBER_SORT_NAME, FALSE, format, stream,
                                            cancellable, error);
}

gboolean
od_repository_export_members_full (OdRepository    *self,
                                   gint64           organization_id,
                                   const char      *search,
                                   OdRole           role,
                                   gint64           team_id,
                                   OdMemberSort     sort,
                                   gboolean         descending,
                                   OdExportFormat   format,
                                   GOutputStream   *stream,
                                   GCancellable    *cancellable,
                                   GError         **error)
{
  OdMemberQuery query = { search, role, team_id, sort, descending };
  g_autofree char *pattern = NULL;
  SearchKind kind;
  g_autofree char *after_name = NULL;
  g_autofree char *after_key = NULL;
  g_autoptr(GString) out = NULL;
  guint n_written = 0, n_rows, offset = 0;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (role >= OD_ROLE_NONE && role <= OD_ROLE_OWNER, FALSE);
  g_return_val_if_fail (sort >= OD_MEMBER_SORT_NAME && sort <= OD_MEMBER_SORT_LAST_ACTIVE, FALSE);
  g_return_val_if_fail (format == OD_EXPORT_FORMAT_CSV || format == OD_EXPORT_FORMAT_JSON, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pattern = search_pattern (search, organization_id, &kind);

  out = g_string_sized_new (EXPORT_PAGE_SIZE * 128);
  g_string_append (out, format == OD_EXPORT_FORMAT_CSV ? "name,email,role,teams,joined,last_active\r\n" : "[");

  do
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !export_page (self, organization_id, &query, pattern, kind, format, &after_name, &after_key,
                        &offset, out, &n_written, &n_rows, error) ||
          !g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
        return FALSE;
      g_string_truncate (out, 0);
    }
  while (n_rows == EXPORT_PAGE_SIZE);

  if (format == OD_EXPORT_FORMAT_JSON)
    {
      g_string_append (out, n_written > 0 ? "\n]\n" : "]\n");
      if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
        return FALSE;
    }
  return TRUE;
}
