/* test-undo.c — Undo puts back exactly the rows a destructive change took, and refuses with a
 * reason when it no longer applies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "od-comment.h"
#include "od-error.h"
#include "od-invitation.h"
#include "od-journal-entry.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-repository.h"
#include "od-team.h"
#include "od-update.h"

typedef struct
{
  char           *dir;
  char           *path;
  OdRepository   *repo;
  OdOrganization *org;
  OdMember       *owner;
  OdMember       *writer;
  OdTeam         *team;
  OdUpdate       *update;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(GListModel) updates = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(OdComment) comment = NULL;

  f->dir = g_dir_make_tmp ("orgdesk-undo-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "orgdesk.db", NULL);
  f->repo = od_repository_open (f->path, &error);
  g_assert_no_error (error);
  f->org = od_repository_create_demo (f->repo, 60, 3, 12, 0, &error);
  g_assert_no_error (error);
  f->owner = od_repository_get_first_owner (f->repo, od_organization_get_id (f->org), &error);

  /* A Write member who is not the owner, for the permission cases. */
  members = od_repository_list_members (f->repo, od_organization_get_id (f->org), NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (members) && f->writer == NULL; i++)
    {
      g_autoptr(OdMember) m = g_list_model_get_item (members, i);
      if (od_member_get_role (m) == OD_ROLE_WRITE)
        f->writer = g_steal_pointer (&m);
    }
  g_assert_nonnull (f->writer);

  teams = od_repository_list_teams (f->repo, od_organization_get_id (f->org), NULL);
  f->team = g_list_model_get_item (teams, 0);

  /* A team update with reactions and comments from several people. */
  f->update = od_repository_post_update (f->repo, f->writer, od_team_get_id (f->team), "Ship it",
                                         "Paragraph one.\n\nParagraph two.", "release,ops", &error);
  g_assert_no_error (error);
  g_assert_true (od_repository_toggle_reaction (f->repo, f->owner, od_update_get_id (f->update), "🎉", NULL, &error));
  g_assert_true (od_repository_toggle_reaction (f->repo, f->writer, od_update_get_id (f->update), "👍", NULL, &error));
  comment = od_repository_add_comment (f->repo, f->owner, od_update_get_id (f->update), "Nice work", &error);
  g_assert_no_error (error);
  updates = od_repository_list_updates (f->repo, od_organization_get_id (f->org), -1, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (updates), ==, 13);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->update);
  g_clear_object (&f->team);
  g_clear_object (&f->writer);
  g_clear_object (&f->owner);
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

/* Every row of the domain tables, as text, in a stable order. */
static char *
dump (Fixture *f)
{
  static const char *queries[] = {
    "SELECT * FROM members ORDER BY id",
    "SELECT * FROM teams ORDER BY id",
    "SELECT * FROM team_members ORDER BY team_id, member_id",
    "SELECT * FROM updates ORDER BY id",
    "SELECT * FROM reactions ORDER BY update_id, member_id, emoji",
    "SELECT * FROM comments ORDER BY id",
    "SELECT * FROM invitations ORDER BY id",
  };
  GString *out = g_string_new (NULL);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "## %s\n", queries[q]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);
              g_string_append_printf (out, "%s|", text ? text : "NULL");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static gint64
last_journal_id (Fixture *f)
{
  g_autoptr(GListModel) j = od_repository_list_journal (f->repo, od_organization_get_id (f->org), 1, NULL);
  g_autoptr(OdJournalEntry) e = g_list_model_get_item (j, 0);
  return od_journal_entry_get_id (e);
}

static void
assert_undo_restores (Fixture *f, const char *before, gint64 entry)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  gint64 undo_id = od_repository_undo (f->repo, f->owner, entry, &error);

  g_assert_no_error (error);
  g_assert_cmpint (undo_id, >, entry);
  after = dump (f);
  g_assert_cmpstr (before, ==, after);

  /* Once only. */
  g_assert_cmpint (od_repository_undo (f->repo, f->owner, entry, &error), ==, 0);
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_CANNOT_UNDO);
  g_assert_nonnull (strstr (error->message, "already been undone"));
}

static void
test_team_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f);

  g_assert_true (od_repository_delete_team (f->repo, f->owner, od_team_get_id (f->team), &error));
  g_assert_no_error (error);
  {
    /* Its updates went with it; its people stayed. */
    g_autofree char *gone = dump (f);
    g_assert_cmpstr (gone, !=, before);
    g_assert_null (strstr (gone, "Ship it"));
  }
  assert_undo_restores (f, before, last_journal_id (f));
}

static void
test_update_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f);

  g_assert_true (od_repository_delete_update (f->repo, f->writer, od_update_get_id (f->update), &error));
  g_assert_no_error (error);
  assert_undo_restores (f, before, last_journal_id (f));
}

static void
test_role_change (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f);
  gint64 entry;

  g_assert_true (od_repository_set_member_role (f->repo, f->owner, od_member_get_id (f->writer), OD_ROLE_ADMIN, &error));
  entry = last_journal_id (f);
  assert_undo_restores (f, before, entry);
}

static void
test_role_changed_again (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 entry;

  g_assert_true (od_repository_set_member_role (f->repo, f->owner, od_member_get_id (f->writer), OD_ROLE_ADMIN, &error));
  entry = last_journal_id (f);
  g_assert_true (od_repository_set_member_role (f->repo, f->owner, od_member_get_id (f->writer), OD_ROLE_READ, &error));
  g_assert_cmpint (od_repository_undo (f->repo, f->owner, entry, &error), ==, 0);
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_CANNOT_UNDO);
  g_assert_nonnull (strstr (error->message, "changed again"));
}

static void
test_invitation_revoke (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdInvitation) inv = od_repository_invite (f->repo, f->owner, "new.person@else.example", OD_ROLE_WRITE, &error);
  g_autofree char *before = NULL;

  g_assert_no_error (error);
  before = dump (f);
  g_assert_true (od_repository_revoke_invitation (f->repo, f->owner, od_invitation_get_id (inv), &error));
  g_assert_no_error (error);
  assert_undo_restores (f, before, last_journal_id (f));
}

static void
test_comment_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) comments = od_repository_list_comments (f->repo, od_update_get_id (f->update), NULL);
  g_autoptr(OdComment) comment = g_list_model_get_item (comments, 0);
  g_autofree char *before = dump (f);

  /* The Write member may not delete the owner's comment; the owner may. */
  g_assert_false (od_repository_delete_comment (f->repo, f->writer, od_comment_get_id (comment), &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (od_repository_delete_comment (f->repo, f->owner, od_comment_get_id (comment), &error));
  g_assert_no_error (error);
  assert_undo_restores (f, before, last_journal_id (f));
}

/* A deleted update whose id was taken since comes back under a new id, with its reactions. */
static void
test_update_id_reused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdUpdate) replacement = NULL;
  g_autoptr(GListModel) feed = NULL;
  gint64 entry;
  gboolean found = FALSE;

  g_assert_true (od_repository_delete_update (f->repo, f->writer, od_update_get_id (f->update), &error));
  entry = last_journal_id (f);
  replacement = od_repository_post_update (f->repo, f->writer, 0, "Another", "Body", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_update_get_id (replacement), ==, od_update_get_id (f->update));

  g_assert_cmpint (od_repository_undo (f->repo, f->owner, entry, &error), >, 0);
  g_assert_no_error (error);
  feed = od_repository_list_updates (f->repo, od_organization_get_id (f->org), -1, 0, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (feed); i++)
    {
      g_autoptr(OdUpdate) u = g_list_model_get_item (feed, i);
      if (g_str_equal (od_update_get_title (u), "Ship it"))
        {
          g_autoptr(GListModel) reactions = od_repository_list_reactions (f->repo, od_update_get_id (u), 0, NULL);
          g_assert_cmpint (od_update_get_id (u), !=, od_update_get_id (f->update));
          g_assert_cmpuint (g_list_model_get_n_items (reactions), ==, 2);
          g_assert_cmpuint (od_update_get_n_comments (u), ==, 1);
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
test_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdTeam) again = NULL;
  gint64 entry;

  /* A team of the same name exists again. */
  g_assert_true (od_repository_delete_team (f->repo, f->owner, od_team_get_id (f->team), &error));
  entry = last_journal_id (f);
  again = od_repository_create_team (f->repo, f->owner, od_team_get_name (f->team), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_repository_undo (f->repo, f->owner, entry, &error), ==, 0);
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_CANNOT_UNDO);
  g_assert_nonnull (strstr (error->message, "again"));
  g_clear_error (&error);

  /* A Write member may not undo a team deletion (it takes an Admin to delete teams). */
  g_assert_true (od_repository_delete_team (f->repo, f->owner, od_team_get_id (again), &error));
  entry = last_journal_id (f);
  g_assert_cmpint (od_repository_undo (f->repo, f->writer, entry, &error), ==, 0);
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  /* Not every entry is undoable. */
  g_assert_cmpint (od_repository_undo (f->repo, f->owner, 1, &error), ==, 0);
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_CANNOT_UNDO);
  g_clear_error (&error);
  g_assert_false (od_repository_action_is_undoable ("update.post"));
  g_assert_true (od_repository_action_is_undoable ("team.delete"));
}

static void
test_undo_is_journaled (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) j = NULL;
  g_autoptr(OdJournalEntry) e = NULL;
  g_autofree char *sentence = NULL;
  gboolean undone = FALSE;
  gint64 entry;

  g_assert_true (od_repository_delete_update (f->repo, f->writer, od_update_get_id (f->update), &error));
  entry = last_journal_id (f);
  g_assert_true (od_repository_get_undo_state (f->repo, entry, &undone, NULL));
  g_assert_false (undone);
  /* The author may undo their own deletion. */
  g_assert_cmpint (od_repository_undo (f->repo, f->writer, entry, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (od_repository_get_undo_state (f->repo, entry, &undone, NULL));
  g_assert_true (undone);

  j = od_repository_list_journal (f->repo, od_organization_get_id (f->org), 1, NULL);
  e = g_list_model_get_item (j, 0);
  g_assert_cmpstr (od_journal_entry_get_action (e), ==, "undo");
  sentence = od_journal_entry_describe (e);
  g_assert_nonnull (strstr (sentence, "undid"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define T(path, func) g_test_add ("/undo/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  T ("team-delete", test_team_delete);
  T ("update-delete", test_update_delete);
  T ("role-change", test_role_change);
  T ("role-changed-again", test_role_changed_again);
  T ("invitation-revoke", test_invitation_revoke);
  T ("comment-delete", test_comment_delete);
  T ("update-id-reused", test_update_id_reused);
  T ("refusals", test_refusals);
  T ("journaled", test_undo_is_journaled);
#undef T

  return g_test_run ();
}
