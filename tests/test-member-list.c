/* test-member-list.c — the lazy members model gives the same rows as a plain query, and says
 * exactly what changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "od-error.h"
#include "od-invitation.h"
#include "od-member.h"
#include "od-member-list-private.h"
#include "od-organization.h"
#include "od-repository.h"
#include "search-oracle.h"

typedef struct
{
  char           *dir;
  char           *path;
  OdRepository   *repo;
  OdOrganization *org;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("orgdesk-list-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "orgdesk.db", NULL);
  f->repo = od_repository_open (f->path, &error);
  g_assert_no_error (error);
  /* 3,000 members: several pages, more than the cache keeps. */
  f->org = od_repository_create_demo (f->repo, 3000, 5, 0, 0, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
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

/* The ids a plain SQL query gives, in list order (by name, or by email; either way round). */
static GArray *
plain_query_ordered (Fixture *f, const char *search, OdMemberSort sort, gboolean descending)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sql = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  if (sort == OD_MEMBER_SORT_EMAIL)
    sql = g_strdup_printf ("SELECT id, name, email FROM members WHERE organization_id = ?"
                           " ORDER BY lower(email) %s", descending ? "DESC" : "");
  else
    sql = g_strdup_printf ("SELECT id, name, email FROM members WHERE organization_id = ?"
                           " ORDER BY name COLLATE NOCASE %s, lower(email) %s",
                           descending ? "DESC" : "", descending ? "DESC" : "");
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, od_organization_get_id (f->org));
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

static GArray *
plain_query (Fixture *f, const char *search)
{
  return plain_query_ordered (f, search, OD_MEMBER_SORT_NAME, FALSE);
}

static void
assert_same_rows (GListModel *model, GArray *ids)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, ids->len);
  g_assert_true (g_list_model_get_item_type (model) == OD_TYPE_MEMBER);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(OdMember) m = g_list_model_get_item (model, i);
      g_assert_nonnull (m);
      g_assert_cmpint (od_member_get_id (m), ==, g_array_index (ids, gint64, i));
    }
  g_assert_null (g_list_model_get_item (model, ids->len));
}

static void
test_same_rows_in_order (Fixture *f, gconstpointer data)
{
  g_autoptr(GListModel) model = od_repository_list_members (f->repo, od_organization_get_id (f->org), NULL, NULL);
  g_autoptr(GArray) ids = plain_query (f, NULL);

  assert_same_rows (model, ids);
}

static void
test_random_access (Fixture *f, gconstpointer data)
{
  g_autoptr(GListModel) model = od_repository_list_members (f->repo, od_organization_get_id (f->org), NULL, NULL);
  g_autoptr(GArray) ids = plain_query (f, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  /* Jumps back and forth (as a scrollbar drag does) hit pages in any order. */
  for (guint n = 0; n < 2000; n++)
    {
      guint i = g_rand_int_range (rand, 0, ids->len);
      g_autoptr(OdMember) m = g_list_model_get_item (model, i);
      g_assert_cmpint (od_member_get_id (m), ==, g_array_index (ids, gint64, i));
    }
  /* Walking backwards uses offsets, not the previous page. */
  for (guint i = ids->len; i-- > 0;)
    {
      g_autoptr(OdMember) m = g_list_model_get_item (model, i);
      g_assert_cmpint (od_member_get_id (m), ==, g_array_index (ids, gint64, i));
    }
}

static void
test_search (Fixture *f, gconstpointer data)
{
  const char *searches[] = { "silva", "ANA", "northwind", "zzz-nothing", "%", "_", "o’b", "garcia",
                             "Müll", "ana.lo", "s", "  Bo  O ", "@",
                             /* one and two letters, the broadest searches; diacritics ignored */
                             "a", "an", "z", "lo", "ó", "Ó", "ná", "é", "sá" };

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autoptr(GListModel) model = od_repository_list_members (f->repo, od_organization_get_id (f->org),
                                                                searches[i], NULL);
      g_autoptr(GArray) ids = NULL;

      /* Wildcards are taken literally: no name or email holds them. */
      if (g_str_equal (searches[i], "%") || g_str_equal (searches[i], "_"))
        {
          g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
          continue;
        }
      ids = plain_query (f, searches[i]);
      g_test_message ("search %s: %u rows", searches[i], ids->len);
      if (g_str_equal (searches[i], "garcia") || g_str_equal (searches[i], "@"))
        g_assert_cmpuint (ids->len, >, 0); /* diacritics ignored; "@" falls back to a substring */
      assert_same_rows (model, ids);
    }
}

typedef struct
{
  guint position, removed, added, calls;
} Signal;

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, Signal *s)
{
  s->position = position;
  s->removed = removed;
  s->added = added;
  s->calls++;
}

static void
test_follows_changes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = od_repository_list_members (f->repo, od_organization_get_id (f->org), NULL, NULL);
  g_autoptr(OdMember) owner = od_repository_get_first_owner (f->repo, od_organization_get_id (f->org), NULL);
  g_autoptr(OdMember) victim = g_list_model_get_item (model, 10);
  g_autoptr(OdInvitation) inv = NULL;
  g_autoptr(OdMember) joined = NULL;
  g_autoptr(GArray) ids = NULL;
  Signal s = { 0 };
  guint n = g_list_model_get_n_items (model);

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &s);

  g_assert_true (od_repository_remove_member (f->repo, owner, od_member_get_id (victim), &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (s.calls, ==, 1);
  g_assert_cmpuint (s.removed - s.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n - 1);

  g_object_unref (od_repository_invite (f->repo, owner, "aaron.aardvark@elsewhere.example", OD_ROLE_READ, &error));
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (s.calls, ==, 1); /* invitations do not change the members list */

  {
    g_autoptr(GListModel) pending = od_repository_list_invitations (f->repo, od_organization_get_id (f->org), NULL);
    for (guint i = 0; i < g_list_model_get_n_items (pending); i++)
      {
        g_autoptr(OdInvitation) candidate = g_list_model_get_item (pending, i);
        if (g_str_equal (od_invitation_get_email (candidate), "aaron.aardvark@elsewhere.example"))
          inv = g_steal_pointer (&candidate);
      }
  }
  g_assert_nonnull (inv);
  joined = od_repository_accept_invitation (f->repo, od_invitation_get_code (inv), "Aaron Aardvark", &error);
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (s.calls, ==, 2);
  g_assert_cmpuint (s.added - s.removed, ==, 1);

  ids = plain_query (f, NULL);
  assert_same_rows (model, ids);
  {
    g_autoptr(OdMember) first = g_list_model_get_item (model, 0);
    g_assert_cmpstr (od_member_get_name (first), ==, "Aaron Aardvark");
  }
}

/* Searches that match many members walk the name (or email) index and keep the matching ids
 * (at 1,024 matches or more; here from the first match on, so that this organization of 3,000
 * has them): the same rows in the same order as the plain query, in every index order, read
 * straight through, backwards and by jumps, and after a change. */
static void
test_broad_search (Fixture *f, gconstpointer data)
{
  const char *searches[] = { "s", "a", "an", "ó", "Ná", "lo", "é", "silva", "zzz-nothing" };
  const struct { OdMemberSort sort; gboolean descending; } orders[] = {
    { OD_MEMBER_SORT_NAME, FALSE }, { OD_MEMBER_SORT_NAME, TRUE }, { OD_MEMBER_SORT_EMAIL, FALSE },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  _od_member_list_set_broad_search_minimum (1);
  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GListModel) model = od_repository_list_members_full (f->repo, od_organization_get_id (f->org),
                                                                       searches[i], OD_ROLE_NONE, 0,
                                                                       orders[o].sort, orders[o].descending,
                                                                       &error);
        g_autoptr(GListModel) jumps = od_repository_list_members_full (f->repo, od_organization_get_id (f->org),
                                                                       searches[i], OD_ROLE_NONE, 0,
                                                                       orders[o].sort, orders[o].descending,
                                                                       &error);
        g_autoptr(GArray) ids = plain_query_ordered (f, searches[i], orders[o].sort, orders[o].descending);

        g_assert_no_error (error);
        g_test_message ("broad search %s, order %u: %u rows", searches[i], o, ids->len);
        assert_same_rows (model, ids);
        for (guint n = 0; n < 200 && ids->len > 0; n++)
          {
            guint at = g_rand_int_range (rand, 0, ids->len);
            g_autoptr(OdMember) m = g_list_model_get_item (jumps, at);

            g_assert_cmpint (od_member_get_id (m), ==, g_array_index (ids, gint64, at));
          }
        for (guint at = ids->len; at-- > 0;)
          {
            g_autoptr(OdMember) m = g_list_model_get_item (jumps, at);

            g_assert_cmpint (od_member_get_id (m), ==, g_array_index (ids, gint64, at));
          }
      }

  /* A change: the list counts its matches again */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) model = od_repository_list_members (f->repo, od_organization_get_id (f->org), "a", NULL);
    g_autoptr(OdMember) owner = od_repository_get_first_owner (f->repo, od_organization_get_id (f->org), NULL);
    g_autoptr(OdMember) victim = g_list_model_get_item (model, 300);
    g_autoptr(GArray) ids = NULL;
    guint n = g_list_model_get_n_items (model);

    g_assert_true (od_repository_remove_member (f->repo, owner, od_member_get_id (victim), &error));
    g_assert_no_error (error);
    while (g_main_context_iteration (NULL, FALSE));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, n - 1);
    ids = plain_query (f, "a");
    assert_same_rows (model, ids);
  }
  _od_member_list_set_broad_search_minimum (1024);
}

/* One integer from the file, through a connection of its own */
static gint64
sql_int (Fixture *f, const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Every member's id and role, to tell what a bulk change touched */
static GHashTable *
roles_now (Fixture *f)
{
  g_autoptr(GListModel) all = od_repository_list_members (f->repo, od_organization_get_id (f->org), NULL, NULL);
  GHashTable *roles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(OdMember) m = g_list_model_get_item (all, i);

      g_hash_table_insert (roles, g_memdup2 (&(gint64) { od_member_get_id (m) }, sizeof (gint64)),
                           GINT_TO_POINTER (od_member_get_role (m)));
    }
  return roles;
}

static GArray *
list_ids (GListModel *model)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OdMember) m = g_list_model_get_item (model, i);
      gint64 id = od_member_get_id (m);

      g_array_append_val (ids, id);
    }
  return ids;
}

static gboolean
contains_id (GArray *ids, gint64 id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* "Select All" then a bulk action: applies to exactly the members the list's search and filters
 * match, minus the excluded; a count that no longer matches, or any refusal by the rules,
 * changes nothing */
static void
test_bulk_all (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 org = od_organization_get_id (f->org);
  g_autoptr(OdMember) owner = od_repository_get_first_owner (f->repo, org, NULL);
  g_autoptr(GListModel) list = od_repository_list_members_full (f->repo, org, "a", OD_ROLE_WRITE, 0,
                                                                OD_MEMBER_SORT_NAME, FALSE, NULL);
  g_autoptr(GArray) ids = list_ids (list);
  g_autoptr(GArray) excluded = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) before = roles_now (f);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GListModel) admins = NULL;
  g_autoptr(GListModel) everyone = NULL;
  g_autoptr(GArray) removed = NULL;
  OdMember *admin = NULL;
  gint64 journal_before = sql_int (f, "SELECT count(*) FROM journal");
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0, n_members;

  g_assert_cmpuint (ids->len, >, 10);
  g_array_append_val (excluded, g_array_index (ids, gint64, 3));

  /* The ids of the list (Add to Team reads them so): the list's rows but the excluded */
  {
    g_autoptr(GArray) got = od_member_list_get_ids (OD_MEMBER_LIST (list), excluded, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (got->len, ==, ids->len - 1);
    for (guint i = 0; i < got->len; i++)
      g_assert_true (contains_id (ids, g_array_index (got, gint64, i)) &&
                     !contains_id (excluded, g_array_index (got, gint64, i)));
  }

  /* The list changed since the question (the count is off by one): nothing changes */
  g_assert_false (od_member_list_set_role_all (OD_MEMBER_LIST (list), owner, excluded, ids->len,
                                               OD_ROLE_ADMIN, &n, &error));
  g_assert_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM journal"), ==, journal_before);
  after = roles_now (f);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (after, key)), ==, GPOINTER_TO_INT (value));
  g_clear_pointer (&after, g_hash_table_unref);

  /* Exactly the list, minus the excluded, with one journal row each */
  g_assert_true (od_member_list_set_role_all (OD_MEMBER_LIST (list), owner, excluded, ids->len - 1,
                                              OD_ROLE_ADMIN, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, ids->len - 1);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM journal WHERE action = 'member.role'"), ==, ids->len - 1);
  after = roles_now (f);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = *(gint64 *) key;
      int expected = contains_id (ids, id) && !contains_id (excluded, id) ? OD_ROLE_ADMIN : GPOINTER_TO_INT (value);

      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (after, key)), ==, expected);
    }
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1); /* the one excluded is still a Writer */

  /* An Admin removing every Admin and Owner: the Owner is refused, so nobody goes */
  admins = od_repository_list_members_full (f->repo, org, NULL, OD_ROLE_ADMIN, 0, OD_MEMBER_SORT_NAME, FALSE, NULL);
  admin = g_list_model_get_item (admins, 0);
  everyone = od_repository_list_members (f->repo, org, NULL, NULL);
  n_members = g_list_model_get_n_items (everyone);
  g_assert_false (od_member_list_remove_all (OD_MEMBER_LIST (everyone), admin, NULL, n_members, &n, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_object_unref (admin);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM members"), ==, n_members);

  /* The Owner removes everyone a search finds but the Owner: exactly those go */
  g_clear_object (&list);
  list = od_repository_list_members (f->repo, org, "silva", NULL);
  removed = list_ids (list);
  g_array_set_size (excluded, 0);
  if (contains_id (removed, od_member_get_id (owner)))
    g_array_append_val (excluded, (gint64) { od_member_get_id (owner) });
  g_assert_true (od_member_list_remove_all (OD_MEMBER_LIST (list), owner, excluded,
                                            removed->len - excluded->len, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, removed->len - excluded->len);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM members"), ==, n_members - n);
  for (guint i = 0; i < removed->len; i++)
    {
      g_autoptr(OdMember) gone = od_repository_get_member (f->repo, g_array_index (removed, gint64, i), NULL);

      g_assert_true ((gone != NULL) == contains_id (excluded, g_array_index (removed, gint64, i)));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/member-list/same-rows-in-order", Fixture, NULL, fixture_set_up, test_same_rows_in_order, fixture_tear_down);
  g_test_add ("/member-list/random-access", Fixture, NULL, fixture_set_up, test_random_access, fixture_tear_down);
  g_test_add ("/member-list/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/member-list/broad-search", Fixture, NULL, fixture_set_up, test_broad_search, fixture_tear_down);
  g_test_add ("/member-list/bulk-all", Fixture, NULL, fixture_set_up, test_bulk_all, fixture_tear_down);
  g_test_add ("/member-list/follows-changes", Fixture, NULL, fixture_set_up, test_follows_changes, fixture_tear_down);

  return g_test_run ();
}
