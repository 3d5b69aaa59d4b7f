/* test-member-filters.c — the members list filtered by role and team and sorted by any column
 * gives the same rows, in the same order, as a plain SQL query; so does its export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "od-csv.h"
#include "od-member.h"
#include "od-member-list.h"
#include "od-organization.h"
#include "od-repository.h"
#include "../search-oracle.h"
#include "od-team.h"

typedef struct
{
  char           *dir;
  char           *path;
  OdRepository   *repo;
  OdOrganization *org;
  gint64          team_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(OdTeam) team = NULL;

  f->dir = g_dir_make_tmp ("orgdesk-filters-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "orgdesk.db", NULL);
  f->repo = od_repository_open (f->path, &error);
  g_assert_no_error (error);
  /* 700 members: several 128-row pages; demo names repeat, so the ties are exercised too */
  f->org = od_repository_create_demo (f->repo, 700, 6, 0, 0, &error);
  g_assert_no_error (error);

  teams = od_repository_list_teams (f->repo, od_organization_get_id (f->org), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (teams), >, 0);
  team = g_list_model_get_item (teams, 0);
  f->team_id = od_team_get_id (team);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->org);
  g_clear_object (&f->repo);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The order of each OdMemberSort, written out as plain SQL over a join of the team names */
static const char *
plain_order (OdMemberSort sort,
             gboolean     descending)
{
  static const char *orders[][2] = {
    [OD_MEMBER_SORT_NAME] = { "m.name COLLATE NOCASE, m.email_key",
                              "m.name COLLATE NOCASE DESC, m.email_key DESC" },
    [OD_MEMBER_SORT_EMAIL] = { "m.email_key", "m.email_key DESC" },
    [OD_MEMBER_SORT_ROLE] = { "m.role, m.name COLLATE NOCASE, m.email_key",
                              "m.role DESC, m.name COLLATE NOCASE, m.email_key" },
    [OD_MEMBER_SORT_TEAMS] = { "x.teams IS NULL, x.teams COLLATE NOCASE, m.name COLLATE NOCASE, m.email_key",
                               "x.teams IS NULL, x.teams COLLATE NOCASE DESC, m.name COLLATE NOCASE, m.email_key" },
    [OD_MEMBER_SORT_JOINED] = { "m.joined_at, m.name COLLATE NOCASE, m.email_key",
                                "m.joined_at DESC, m.name COLLATE NOCASE, m.email_key" },
    [OD_MEMBER_SORT_LAST_ACTIVE] = { "m.last_active_at, m.name COLLATE NOCASE, m.email_key",
                                     "m.last_active_at DESC, m.name COLLATE NOCASE, m.email_key" },
  };

  return orders[sort][descending ? 1 : 0];
}

static GArray *
plain_query (Fixture      *f,
             const char   *search,
             OdRole        role,
             gint64        team_id,
             OdMemberSort  sort,
             gboolean      descending)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sql = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  sql = g_strdup_printf ("SELECT m.id, m.name, m.email FROM members m"
                         " LEFT JOIN (SELECT member_id, group_concat(name, ', ') AS teams"
                         "   FROM (SELECT tm.member_id, t.name FROM team_members tm"
                         "         JOIN teams t ON t.id = tm.team_id ORDER BY tm.member_id, t.name_key)"
                         "   GROUP BY member_id) x ON x.member_id = m.id"
                         " WHERE m.organization_id = ?1"
                         " AND (?3 = 0 OR m.role = ?3)"
                         " AND (?4 = 0 OR EXISTS (SELECT 1 FROM team_members WHERE team_id = ?4 AND member_id = m.id))"
                         " ORDER BY %s", plain_order (sort, descending));

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, od_organization_get_id (f->org));
  sqlite3_bind_int (stmt, 3, role);
  sqlite3_bind_int64 (stmt, 4, team_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (oracle_matches (search, (const char *) sqlite3_column_text (stmt, 1),
                          (const char *) sqlite3_column_text (stmt, 2)))
        g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

static void
assert_list_matches (GListModel *model,
                     GArray     *expected,
                     gboolean    backwards)
{
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, ==, expected->len);

  /* Top to bottom pages seek after the previous page; bottom to top ones count rows */
  for (guint k = 0; k < n; k++)
    {
      guint i = backwards ? n - 1 - k : k;
      g_autoptr(OdMember) member = g_list_model_get_item (model, i);

      g_assert_nonnull (member);
      if (od_member_get_id (member) != g_array_index (expected, gint64, i))
        g_error ("row %u: member %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                 i, od_member_get_id (member), g_array_index (expected, gint64, i));
    }
}

static void
assert_export_matches (Fixture      *f,
                       GListModel   *model,
                       const char   *search,
                       OdRole        role,
                       gint64        team_id,
                       OdMemberSort  sort,
                       gboolean      descending)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (od_repository_export_members_full (f->repo, od_organization_get_id (f->org),
                                                    search, role, team_id, sort, descending,
                                                    OD_EXPORT_FORMAT_CSV, stream, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));

  /* The export's header names an "email" column, which the invitation reader picks out */
  rows = od_csv_parse_invitations (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(OdMember) member = g_list_model_get_item (model, i);

      g_assert_cmpstr (g_array_index (rows, OdCsvRow, i).email, ==, od_member_get_email (member));
    }
}

static void
check (Fixture      *f,
       const char   *search,
       OdRole        role,
       gint64        team_id,
       OdMemberSort  sort,
       gboolean      descending,
       gboolean      with_export)
{
  g_autoptr(GArray) expected = plain_query (f, search, role, team_id, sort, descending);
  g_autoptr(GError) error = NULL;

  for (int backwards = 0; backwards <= 1; backwards++)
    {
      g_autoptr(GListModel) model = NULL;

      model = od_repository_list_members_full (f->repo, od_organization_get_id (f->org), search,
                                               role, team_id, sort, descending, &error);
      g_assert_no_error (error);
      g_assert_true (OD_IS_MEMBER_LIST (model));
      g_assert_cmpint (od_member_list_get_role (OD_MEMBER_LIST (model)), ==, role);
      g_assert_cmpint (od_member_list_get_team_id (OD_MEMBER_LIST (model)), ==, team_id);
      g_assert_cmpint (od_member_list_get_sort (OD_MEMBER_LIST (model)), ==, sort);
      g_assert_cmpint (od_member_list_get_descending (OD_MEMBER_LIST (model)), ==, descending);
      assert_list_matches (model, expected, backwards);

      if (with_export && !backwards)
        assert_export_matches (f, model, search, role, team_id, sort, descending);
    }
}

static void
test_sorts (Fixture       *f,
            gconstpointer  data)
{
  for (OdMemberSort sort = OD_MEMBER_SORT_NAME; sort <= OD_MEMBER_SORT_LAST_ACTIVE; sort++)
    for (int descending = 0; descending <= 1; descending++)
      check (f, NULL, OD_ROLE_NONE, 0, sort, descending, TRUE);
}

static void
test_role_filter (Fixture       *f,
                  gconstpointer  data)
{
  for (OdRole role = OD_ROLE_READ; role <= OD_ROLE_OWNER; role++)
    {
      g_autoptr(GArray) expected = plain_query (f, NULL, role, 0, OD_MEMBER_SORT_NAME, FALSE);

      g_assert_cmpuint (expected->len, >, 0);
      for (OdMemberSort sort = OD_MEMBER_SORT_NAME; sort <= OD_MEMBER_SORT_LAST_ACTIVE; sort++)
        check (f, NULL, role, 0, sort, sort % 2 == 1, sort == OD_MEMBER_SORT_ROLE);
    }
}

static void
test_team_filter (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GArray) expected = plain_query (f, NULL, OD_ROLE_NONE, f->team_id, OD_MEMBER_SORT_NAME, FALSE);

  g_assert_cmpuint (expected->len, >, 0);
  for (OdMemberSort sort = OD_MEMBER_SORT_NAME; sort <= OD_MEMBER_SORT_LAST_ACTIVE; sort++)
    for (int descending = 0; descending <= 1; descending++)
      check (f, NULL, OD_ROLE_NONE, f->team_id, sort, descending, descending);
}

static void
test_combined (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GArray) some = plain_query (f, "an", OD_ROLE_WRITE, 0, OD_MEMBER_SORT_NAME, FALSE);

  g_assert_cmpuint (some->len, >, 0);
  for (OdMemberSort sort = OD_MEMBER_SORT_NAME; sort <= OD_MEMBER_SORT_LAST_ACTIVE; sort++)
    {
      check (f, "an", OD_ROLE_WRITE, 0, sort, FALSE, TRUE);
      check (f, "an", OD_ROLE_NONE, f->team_id, sort, TRUE, TRUE);
      check (f, "an", OD_ROLE_WRITE, f->team_id, sort, FALSE, FALSE);
    }
  /* Nothing matches: an empty list, not an error */
  check (f, "no such member at all", OD_ROLE_ADMIN, f->team_id, OD_MEMBER_SORT_JOINED, TRUE, TRUE);
}

/* The plain list is the _full one with no filter, by name */
static void
test_plain_list_unchanged (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = od_repository_list_members (f->repo, od_organization_get_id (f->org),
                                                            "an", &error);
  g_autoptr(GArray) expected = plain_query (f, "an", OD_ROLE_NONE, 0, OD_MEMBER_SORT_NAME, FALSE);

  g_assert_no_error (error);
  assert_list_matches (model, expected, FALSE);
  g_assert_cmpint (od_member_list_get_role (OD_MEMBER_LIST (model)), ==, OD_ROLE_NONE);
  g_assert_cmpint (od_member_list_get_sort (OD_MEMBER_LIST (model)), ==, OD_MEMBER_SORT_NAME);
}

/* A filtered list follows changes: a role change moves a member out of a role filter */
static void
test_follows_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdMember) owner = od_repository_get_first_owner (f->repo, od_organization_get_id (f->org), &error);
  g_autoptr(GListModel) admins = NULL;
  g_autoptr(OdMember) first = NULL;
  guint n;

  admins = od_repository_list_members_full (f->repo, od_organization_get_id (f->org), NULL,
                                            OD_ROLE_ADMIN, 0, OD_MEMBER_SORT_JOINED, TRUE, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (admins);
  g_assert_cmpuint (n, >, 0);
  first = g_list_model_get_item (admins, 0);

  g_assert_true (od_repository_set_member_role (f->repo, owner, od_member_get_id (first),
                                                OD_ROLE_READ, &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (admins), ==, n - 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/member-filters/sorts", test_sorts);
  ADD ("/member-filters/role", test_role_filter);
  ADD ("/member-filters/team", test_team_filter);
  ADD ("/member-filters/combined", test_combined);
  ADD ("/member-filters/plain-list", test_plain_list_unchanged);
  ADD ("/member-filters/follows-changes", test_follows_changes);
#undef ADD

  return g_test_run ();
}
