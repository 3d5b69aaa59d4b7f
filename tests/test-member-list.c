/* test-member-list.c — the lazy members model gives the same rows as a plain query, and says
 * exactly what changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "od-invitation.h"
#include "od-member.h"
#include "od-member-list.h"
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

/* The ids a plain SQL query gives, in list order. */
static GArray *
plain_query (Fixture *f, const char *search)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT id, name, email FROM members WHERE organization_id = ?"
    " ORDER BY name COLLATE NOCASE, lower(email)", -1, &stmt, NULL), ==, SQLITE_OK);
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
                             "Müll", "ana.lo", "s", "  Bo  O ", "@" };

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/member-list/same-rows-in-order", Fixture, NULL, fixture_set_up, test_same_rows_in_order, fixture_tear_down);
  g_test_add ("/member-list/random-access", Fixture, NULL, fixture_set_up, test_random_access, fixture_tear_down);
  g_test_add ("/member-list/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/member-list/follows-changes", Fixture, NULL, fixture_set_up, test_follows_changes, fixture_tear_down);

  return g_test_run ();
}
