/* test-paged-lists.c — the lazy journal, invitations and updates lists give the same rows in the
 * same order as a plain query, for random filters and after random edits, and their
 * items-changed signals say exactly where rows came and went (a mirror that applies every
 * signal to a plain array must end up equal to a fresh query)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "od-invitation.h"
#include "od-journal-entry.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-paged-list.h"
#include "od-repository.h"
#include "od-team.h"
#include "od-update.h"

#define SEED 20261128

typedef struct
{
  char           *dir;
  OdRepository   *repo;
  OdOrganization *org;
  gint64          org_id;
  OdMember       *actor;
  GListModel     *members;
  GArray         *team_ids;
  GRand          *rand;
  guint           serial;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GListModel) teams = NULL;

  f->dir = g_dir_make_tmp ("orgdesk-paged-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "orgdesk.db", NULL);
  f->repo = od_repository_open (path, &error);
  g_assert_no_error (error);
  /* More rows than a few pages of 128 */
  f->org = od_repository_create_demo (f->repo, 400, 4, 300, 5000, &error);
  g_assert_no_error (error);
  f->org_id = od_organization_get_id (f->org);
  f->actor = od_repository_get_first_owner (f->repo, f->org_id, &error);
  g_assert_no_error (error);
  f->members = od_repository_list_members (f->repo, f->org_id, NULL, &error);
  g_assert_no_error (error);
  teams = od_repository_list_teams (f->repo, f->org_id, &error);
  g_assert_no_error (error);
  f->team_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < g_list_model_get_n_items (teams); i++)
    {
      g_autoptr(OdTeam) team = g_list_model_get_item (teams, i);
      gint64 id = od_team_get_id (team);

      g_array_append_val (f->team_ids, id);
    }
  f->rand = g_rand_new_with_seed (SEED);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->members);
  g_clear_object (&f->actor);
  g_clear_object (&f->org);
  g_clear_object (&f->repo);
  g_clear_pointer (&f->team_ids, g_array_unref);
  g_clear_pointer (&f->rand, g_rand_free);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* The repository announces committed changes from an idle */
static void
flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
same_object (GObject *a,
             GObject *b)
{
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), NULL);

  for (guint i = 0; specs[i] != NULL; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      if (G_TYPE_IS_OBJECT (specs[i]->value_type) || !(specs[i]->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&va, specs[i]->value_type);
      g_value_init (&vb, specs[i]->value_type);
      g_object_get_property (a, specs[i]->name, &va);
      g_object_get_property (b, specs[i]->name, &vb);
      if (specs[i]->value_type == G_TYPE_STRV
          ? !g_strv_equal (g_value_get_boxed (&va) ? g_value_get_boxed (&va) : (const char *[]) { NULL },
                           g_value_get_boxed (&vb) ? g_value_get_boxed (&vb) : (const char *[]) { NULL })
          : g_param_values_cmp (specs[i], &va, &vb) != 0)
        {
          g_autofree char *sa = g_strdup_value_contents (&va);
          g_autofree char *sb = g_strdup_value_contents (&vb);

          g_test_message ("%s differs: %s, %s", specs[i]->name, sa, sb);
          return FALSE;
        }
    }
  return TRUE;
}

/* Every row of `lazy`, read in a shuffled order of positions (seeks and offsets both), equals
 * the row of `plain` at the same position */
static void
assert_same_rows (Fixture    *f,
                  GListModel *lazy,
                  GListModel *plain)
{
  guint n = g_list_model_get_n_items (plain);
  g_autofree guint *order = g_new (guint, n + 1);

  g_assert_cmpuint (g_list_model_get_n_items (lazy), ==, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  /* A few random jumps first, then the rest in order */
  for (guint i = 0; i < MIN (n, 20u); i++)
    {
      guint j = g_rand_int_range (f->rand, i, n);
      guint t = order[i];

      order[i] = order[j];
      order[j] = t;
    }
  for (guint k = 0; k < n; k++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (lazy, order[k]);
      g_autoptr(GObject) b = g_list_model_get_item (plain, order[k]);

      g_assert_nonnull (a);
      g_assert_true (same_object (a, b));
    }
  g_assert_null (g_list_model_get_item (lazy, n));
}

/* A plain copy of a list model kept up to date from its items-changed signals only */
typedef struct
{
  GListModel *model;
  GPtrArray  *rows;
  guint       n_signals;
} Mirror;

static void
mirror_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->rows->len);
  g_ptr_array_remove_range (mirror->rows, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->rows, position + i, g_list_model_get_item (model, position + i));
  mirror->n_signals++;
}

static void
mirror_init (Mirror     *mirror,
             GListModel *model)
{
  mirror->model = g_object_ref (model);
  mirror->rows = g_ptr_array_new_with_free_func (g_object_unref);
  mirror->n_signals = 0;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (mirror->rows, g_list_model_get_item (model, i));
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_items_changed_cb), mirror);
}

static void
mirror_clear (Mirror *mirror)
{
  g_signal_handlers_disconnect_by_data (mirror->model, mirror);
  g_clear_object (&mirror->model);
  g_clear_pointer (&mirror->rows, g_ptr_array_unref);
}

static void
assert_mirror (Mirror     *mirror,
               GListModel *plain)
{
  guint n = g_list_model_get_n_items (plain);

  g_assert_cmpuint (mirror->rows->len, ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (mirror->model), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) b = g_list_model_get_item (plain, i);

      g_assert_true (same_object (g_ptr_array_index (mirror->rows, i), b));
    }
}

static OdMember *
random_member (Fixture *f)
{
  guint n = g_list_model_get_n_items (f->members);

  return g_list_model_get_item (f->members, g_rand_int_range (f->rand, 1, n));
}

static void
random_role_change (Fixture *f)
{
  g_autoptr(OdMember) member = random_member (f);
  g_autoptr(GError) error = NULL;
  OdRole role = od_member_get_role (member) == OD_ROLE_READ ? OD_ROLE_WRITE : OD_ROLE_READ;

  if (od_member_get_role (member) == OD_ROLE_OWNER)
    return;
  od_repository_set_member_role (f->repo, f->actor, od_member_get_id (member), role, &error);
  g_assert_no_error (error);
}

static OdInvitation *
invite_one (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_strdup_printf ("guest%u@paged.example", f->serial++);
  OdInvitation *invitation = od_repository_invite (f->repo, f->actor, email, OD_ROLE_WRITE, &error);

  g_assert_no_error (error);
  return invitation;
}

static GListModel *
plain_journal (Fixture *f, const char *search, const char *kind, gint64 actor_id)
{
  g_autoptr(GError) error = NULL;
  GListModel *rows = od_repository_search_journal (f->repo, f->org_id, search, kind, actor_id, 0, 0, &error);

  g_assert_no_error (error);
  return rows;
}

static void
test_journal (Fixture *f, gconstpointer data)
{
  static const char *searches[] = { NULL, "", "member", "role", "a", "zzz-none" };
  static const char *kinds[] = { NULL, "member", "member.role", "team", "invitation" };
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) roles = NULL;
  g_autoptr(GError) error = NULL;
  Mirror mirror_all, mirror_roles;

  /* Enough journal rows for several pages */
  for (guint i = 0; i < 300; i++)
    random_role_change (f);
  flush ();

  all = od_repository_list_journal_paged (f->repo, f->org_id, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (OD_IS_PAGED_LIST (all));
  g_assert_cmpuint (g_list_model_get_n_items (all), >, 300);
  roles = od_repository_list_journal_paged (f->repo, f->org_id, NULL, "member.role", 0, &error);
  g_assert_no_error (error);
  mirror_init (&mirror_all, all);
  mirror_init (&mirror_roles, roles);

  for (guint round = 0; round < 12; round++)
    {
      const char *search = searches[g_rand_int_range (f->rand, 0, G_N_ELEMENTS (searches))];
      const char *kind = kinds[g_rand_int_range (f->rand, 0, G_N_ELEMENTS (kinds))];
      gint64 actor_id = g_rand_boolean (f->rand) ? od_member_get_id (f->actor) : 0;
      g_autoptr(GListModel) lazy = od_repository_list_journal_paged (f->repo, f->org_id, search, kind,
                                                                      actor_id, &error);
      g_autoptr(GListModel) plain = plain_journal (f, search, kind, actor_id);
      g_autoptr(GListModel) plain_all = NULL;
      g_autoptr(GListModel) plain_roles = NULL;

      g_assert_no_error (error);
      assert_same_rows (f, lazy, plain);

      /* Edits: new entries come at the top */
      for (guint k = g_rand_int_range (f->rand, 1, 4); k > 0; k--)
        {
          if (g_rand_boolean (f->rand))
            random_role_change (f);
          else
            g_object_unref (invite_one (f));
        }
      flush ();
      plain_all = plain_journal (f, NULL, NULL, 0);
      plain_roles = plain_journal (f, NULL, "member.role", 0);
      assert_mirror (&mirror_all, plain_all);
      assert_mirror (&mirror_roles, plain_roles);
    }
  g_assert_cmpuint (mirror_all.n_signals, >, 0);

  mirror_clear (&mirror_all);
  mirror_clear (&mirror_roles);
}

static void
test_invitations (Fixture *f, gconstpointer data)
{
  g_autoptr(GListModel) lazy = NULL;
  g_autoptr(GError) error = NULL;
  Mirror mirror;

  for (guint i = 0; i < 300; i++)
    g_object_unref (invite_one (f));
  flush ();

  lazy = od_repository_list_invitations_paged (f->repo, f->org_id, &error);
  g_assert_no_error (error);
  mirror_init (&mirror, lazy);

  for (guint round = 0; round < 30; round++)
    {
      g_autoptr(GListModel) plain = NULL;
      guint n = g_list_model_get_n_items (lazy);

      switch (g_rand_int_range (f->rand, 0, 3))
        {
        case 0: /* a new one, at the top */
          g_object_unref (invite_one (f));
          break;
        case 1: /* one revoked, anywhere: the rows after it move up */
        case 2:
          if (n > 0)
            {
              g_autoptr(OdInvitation) gone = g_list_model_get_item (lazy, g_rand_int_range (f->rand, 0, n));

              od_repository_revoke_invitation (f->repo, f->actor, od_invitation_get_id (gone), &error);
              g_assert_no_error (error);
            }
          break;
        default:
          g_assert_not_reached ();
        }
      flush ();

      plain = od_repository_list_invitations (f->repo, f->org_id, &error);
      g_assert_no_error (error);
      assert_mirror (&mirror, plain);
      if (round % 10 == 0)
        assert_same_rows (f, lazy, plain);
    }
  g_assert_cmpuint (mirror.n_signals, >=, 30);
  mirror_clear (&mirror);
}

static gint64
random_team_filter (Fixture *f)
{
  guint pick = g_rand_int_range (f->rand, 0, f->team_ids->len + 2);

  if (pick == 0)
    return -1;
  if (pick == 1)
    return 0;
  return g_array_index (f->team_ids, gint64, pick - 2);
}

static void
test_updates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Mirror mirrors[3];
  GListModel *lazies[3];
  gint64 teams[3] = { -1, 0, g_array_index (f->team_ids, gint64, 0) };

  for (guint i = 0; i < 3; i++)
    {
      lazies[i] = od_repository_list_updates_paged (f->repo, f->org_id, teams[i], &error);
      g_assert_no_error (error);
      mirror_init (&mirrors[i], lazies[i]);
    }
  g_assert_cmpuint (g_list_model_get_n_items (lazies[0]), ==, 300);

  for (guint round = 0; round < 30; round++)
    {
      gint64 team_id = random_team_filter (f);
      g_autoptr(GListModel) lazy = od_repository_list_updates_paged (f->repo, f->org_id, team_id, &error);
      g_autoptr(GListModel) plain = od_repository_list_updates (f->repo, f->org_id, team_id, 0, &error);
      g_autoptr(OdUpdate) update = NULL;
      guint n = g_list_model_get_n_items (lazies[0]);

      g_assert_no_error (error);
      assert_same_rows (f, lazy, plain);

      update = g_list_model_get_item (lazies[0], g_rand_int_range (f->rand, 0, n));
      switch (g_rand_int_range (f->rand, 0, 3))
        {
        case 0: /* a new one, at the top */
          g_clear_object (&update);
          update = od_repository_post_update (f->repo, f->actor, MAX (random_team_filter (f), 0),
                                              "Paged", "A new update", NULL, &error);
          break;
        case 1: /* one deleted, anywhere */
          od_repository_delete_update (f->repo, f->actor, od_update_get_id (update), &error);
          break;
        case 2: /* one edited in place */
          od_repository_edit_update (f->repo, f->actor, od_update_get_id (update), "Edited",
                                     "Edited in place", &error);
          break;
        default:
          g_assert_not_reached ();
        }
      g_assert_no_error (error);
      flush ();

      for (guint i = 0; i < 3; i++)
        {
          g_autoptr(GListModel) fresh = od_repository_list_updates (f->repo, f->org_id, teams[i], 0, &error);

          g_assert_no_error (error);
          assert_mirror (&mirrors[i], fresh);
        }
    }

  for (guint i = 0; i < 3; i++)
    {
      mirror_clear (&mirrors[i]);
      g_object_unref (lazies[i]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/paged-lists/journal", Fixture, NULL, fixture_set_up, test_journal, fixture_tear_down);
  g_test_add ("/paged-lists/invitations", Fixture, NULL, fixture_set_up, test_invitations, fixture_tear_down);
  g_test_add ("/paged-lists/updates", Fixture, NULL, fixture_set_up, test_updates, fixture_tear_down);

  return g_test_run ();
}
