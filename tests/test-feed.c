/* test-feed.c — updates, reactions, comments, teams and the journal's search and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

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
  OdRepository   *repo;
  OdOrganization *org;
  OdMember       *owner;
  OdMember       *admin;
  OdMember       *writer;
  OdMember       *reader;
} Fixture;

static OdMember *
join (Fixture *f, const char *email, const char *name, OdRole role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdInvitation) inv = od_repository_invite (f->repo, f->owner, email, role, &error);
  OdMember *m;

  g_assert_no_error (error);
  m = od_repository_accept_invitation (f->repo, od_invitation_get_code (inv), name, &error);
  g_assert_no_error (error);
  return m;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("orgdesk-feed-XXXXXX", &error);
  path = g_build_filename (f->dir, "orgdesk.db", NULL);
  f->repo = od_repository_open (path, &error);
  g_assert_no_error (error);
  f->org = od_repository_create_organization (f->repo, "Feedline", "owner@feed.example", "Olga Owner", 20, &error);
  g_assert_no_error (error);
  f->owner = od_repository_get_first_owner (f->repo, od_organization_get_id (f->org), NULL);
  f->admin = join (f, "admin@feed.example", "Ada Admin", OD_ROLE_ADMIN);
  f->writer = join (f, "writer@feed.example", "Wes Writer", OD_ROLE_WRITE);
  f->reader = join (f, "reader@feed.example", "Rita Reader", OD_ROLE_READ);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->reader);
  g_clear_object (&f->writer);
  g_clear_object (&f->admin);
  g_clear_object (&f->owner);
  g_clear_object (&f->org);
  g_clear_object (&f->repo);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
test_paging_newest_first (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 before_time = 0, before_id = 0;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *title = g_strdup_printf ("Post %02u", i);
      g_autoptr(OdUpdate) u = od_repository_post_update (f->repo, f->writer, 0, title, "Body", NULL, &error);
      g_assert_no_error (error);
    }

  /* Pages of 10, 10, 5: together the whole feed, newest first, no repeats. */
  for (;;)
    {
      g_autoptr(GListModel) page = od_repository_list_updates_page (f->repo, od_organization_get_id (f->org), -1,
                                                                    before_time, before_id, 10, &error);
      guint n = g_list_model_get_n_items (page);

      g_assert_no_error (error);
      if (n == 0)
        break;
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (seen, g_list_model_get_item (page, i));
      before_time = od_update_get_created_at (g_ptr_array_index (seen, seen->len - 1));
      before_id = od_update_get_id (g_ptr_array_index (seen, seen->len - 1));
    }
  g_assert_cmpuint (seen->len, ==, 25);
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *expected = g_strdup_printf ("Post %02u", 24 - i);
      g_assert_cmpstr (od_update_get_title (g_ptr_array_index (seen, i)), ==, expected);
    }
}

static void
test_reactions_toggle (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdUpdate) u = od_repository_post_update (f->repo, f->writer, 0, "Hi", "Body", NULL, &error);
  g_autoptr(GListModel) reactions = NULL;
  gboolean reacted = FALSE;
  gint64 id = od_update_get_id (u);

  /* Read members may react. */
  g_assert_true (od_repository_toggle_reaction (f->repo, f->reader, id, "👍", &reacted, &error));
  g_assert_true (reacted);
  g_assert_true (od_repository_toggle_reaction (f->repo, f->owner, id, "👍", &reacted, &error));
  g_assert_true (od_repository_toggle_reaction (f->repo, f->owner, id, "🎉", &reacted, &error));
  g_assert_no_error (error);

  reactions = od_repository_list_reactions (f->repo, id, od_member_get_id (f->reader), &error);
  g_assert_cmpuint (g_list_model_get_n_items (reactions), ==, 2);
  {
    g_autoptr(OdReaction) thumbs = g_list_model_get_item (reactions, 0);
    g_autoptr(OdReaction) party = g_list_model_get_item (reactions, 1);
    g_assert_cmpstr (od_reaction_get_emoji (thumbs), ==, "👍");
    g_assert_cmpuint (od_reaction_get_count (thumbs), ==, 2);
    g_assert_true (od_reaction_get_mine (thumbs));
    g_assert_cmpuint (od_reaction_get_count (party), ==, 1);
    g_assert_false (od_reaction_get_mine (party));
  }

  /* Toggling again takes it back: one per member per emoji. */
  g_assert_true (od_repository_toggle_reaction (f->repo, f->reader, id, "👍", &reacted, &error));
  g_assert_false (reacted);
  g_clear_object (&reactions);
  reactions = od_repository_list_reactions (f->repo, id, od_member_get_id (f->reader), &error);
  {
    g_autoptr(OdReaction) thumbs = g_list_model_get_item (reactions, 0);
    g_assert_cmpuint (od_reaction_get_count (thumbs), ==, 1);
    g_assert_false (od_reaction_get_mine (thumbs));
  }

  g_assert_false (od_repository_toggle_reaction (f->repo, f->reader, id, "💩", &reacted, &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID);
}

static void
test_edit_rules (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdUpdate) mine = od_repository_post_update (f->repo, f->writer, 0, "Mine", "Body", "a,b", &error);
  g_autoptr(OdUpdate) admins = od_repository_post_update (f->repo, f->admin, 0, "Admin's", "Body", NULL, &error);
  g_autoptr(GListModel) feed = NULL;
  g_autoptr(OdUpdate) edited = NULL;

  /* Read cannot post or comment. */
  g_assert_null (od_repository_post_update (f->repo, f->reader, 0, "No", "No", NULL, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_null (od_repository_add_comment (f->repo, f->reader, od_update_get_id (mine), "No", &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  /* Write edits its own, not others'. */
  g_assert_true (od_repository_edit_update (f->repo, f->writer, od_update_get_id (mine), "Mine, edited", "New body", &error));
  g_assert_false (od_repository_edit_update (f->repo, f->writer, od_update_get_id (admins), "X", "Y", &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (od_repository_delete_update (f->repo, f->writer, od_update_get_id (admins), &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  /* Admin edits anyone's. Tags stay as posted. */
  g_assert_true (od_repository_edit_update (f->repo, f->admin, od_update_get_id (mine), "Fixed title", "Fixed body", &error));
  feed = od_repository_list_updates (f->repo, od_organization_get_id (f->org), -1, 0, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (feed); i++)
    {
      g_autoptr(OdUpdate) u = g_list_model_get_item (feed, i);
      if (od_update_get_id (u) == od_update_get_id (mine))
        edited = g_steal_pointer (&u);
    }
  g_assert_cmpstr (od_update_get_title (edited), ==, "Fixed title");
  g_assert_cmpstr (od_update_get_content (edited), ==, "Fixed body");
  g_assert_cmpstr (od_update_get_tags (edited)[0], ==, "a");
  g_assert_cmpint (od_update_get_edited_at (edited), >, 0);
}

static void
test_teams (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdTeam) team = od_repository_create_team (f->repo, f->admin, "Platform", "Keeps the lights on", &error);
  g_autoptr(OdTeam) other = od_repository_create_team (f->repo, f->admin, "Mobile", NULL, &error);
  g_autoptr(OdTeam) reread = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(OdUpdate) post = NULL;
  g_autoptr(GListModel) feed = NULL;
  guint n_members_before;

  g_assert_no_error (error);
  g_assert_null (od_repository_create_team (f->repo, f->writer, "Writers", NULL, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_true (od_repository_add_team_member (f->repo, f->admin, od_team_get_id (team), od_member_get_id (f->writer), &error));
  g_assert_true (od_repository_add_team_member (f->repo, f->admin, od_team_get_id (team), od_member_get_id (f->reader), &error));
  g_assert_false (od_repository_add_team_member (f->repo, f->writer, od_team_get_id (team), od_member_get_id (f->owner), &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  members = od_repository_list_team_members (f->repo, od_team_get_id (team), &error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 2);
  g_assert_true (od_repository_remove_team_member (f->repo, f->admin, od_team_get_id (team), od_member_get_id (f->reader), &error));
  g_clear_object (&members);
  members = od_repository_list_team_members (f->repo, od_team_get_id (team), &error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 1);

  /* Rename: unique per organization, whatever the case; description kept when NULL. */
  g_assert_false (od_repository_update_team (f->repo, f->admin, od_team_get_id (team), "mobile", NULL, &error));
  g_assert_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (od_repository_update_team (f->repo, f->admin, od_team_get_id (team), "Core Platform", NULL, &error));
  reread = od_repository_get_team (f->repo, od_team_get_id (team), &error);
  g_assert_cmpstr (od_team_get_name (reread), ==, "Core Platform");
  g_assert_cmpstr (od_team_get_description (reread), ==, "Keeps the lights on");
  g_assert_cmpuint (od_team_get_n_members (reread), ==, 1);

  /* Deleting a team deletes its updates; its people stay. */
  post = od_repository_post_update (f->repo, f->writer, od_team_get_id (team), "Team post", "Body", NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GListModel) before = od_repository_list_members (f->repo, od_organization_get_id (f->org), NULL, NULL);
    n_members_before = g_list_model_get_n_items (before);
  }
  g_assert_true (od_repository_delete_team (f->repo, f->owner, od_team_get_id (team), &error));
  feed = od_repository_list_updates (f->repo, od_organization_get_id (f->org), -1, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (feed), ==, 0);
  {
    g_autoptr(GListModel) after = od_repository_list_members (f->repo, od_organization_get_id (f->org), NULL, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (after), ==, n_members_before);
  }
}

static void
test_comments (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdUpdate) u = od_repository_post_update (f->repo, f->admin, 0, "Hi", "Body", NULL, &error);
  g_autoptr(OdComment) c1 = od_repository_add_comment (f->repo, f->writer, od_update_get_id (u), "First!", &error);
  g_autoptr(OdComment) c2 = od_repository_add_comment (f->repo, f->owner, od_update_get_id (u), "Second", &error);
  g_autoptr(GListModel) comments = od_repository_list_comments (f->repo, od_update_get_id (u), &error);
  g_autoptr(GListModel) feed = NULL;
  g_autoptr(OdUpdate) reread = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (comments), ==, 2);
  feed = od_repository_list_updates (f->repo, od_organization_get_id (f->org), -1, 0, NULL);
  reread = g_list_model_get_item (feed, 0);
  g_assert_cmpuint (od_update_get_n_comments (reread), ==, 2);

  /* Delete own: yes; others': Admin+ only. */
  g_assert_false (od_repository_delete_comment (f->repo, f->writer, od_comment_get_id (c2), &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (od_repository_delete_comment (f->repo, f->writer, od_comment_get_id (c1), &error));
  g_assert_true (od_repository_delete_comment (f->repo, f->admin, od_comment_get_id (c2), &error));
  g_assert_no_error (error);
}

static void
test_journal_search_and_export (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) by_kind = NULL;
  g_autoptr(GListModel) by_actor = NULL;
  g_autoptr(GListModel) by_text = NULL;
  g_autoptr(GOutputStream) csv = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) json = g_memory_output_stream_new_resizable ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(OdTeam) team = od_repository_create_team (f->repo, f->admin, "=cmd|' /C calc'!A0", NULL, &error);
  const char *csv_text;

  g_assert_true (od_repository_set_member_role (f->repo, f->owner, od_member_get_id (f->writer), OD_ROLE_ADMIN, &error));
  g_assert_no_error (error);

  by_kind = od_repository_search_journal (f->repo, od_organization_get_id (f->org), NULL, "member", 0, 0, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (by_kind), ==, 1);
  {
    g_autoptr(OdJournalEntry) e = g_list_model_get_item (by_kind, 0);
    g_autofree char *sentence = od_journal_entry_describe (e);
    g_assert_cmpstr (sentence, ==, "Olga Owner changed Wes Writer’s role from Write to Admin");
  }
  by_actor = od_repository_search_journal (f->repo, od_organization_get_id (f->org), NULL, NULL,
                                           od_member_get_id (f->admin), 0, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (by_actor), ==, 2); /* joined, created the team */
  by_text = od_repository_search_journal (f->repo, od_organization_get_id (f->org), "reader@", NULL, 0, 0, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (by_text), >=, 2); /* invited, then joined */

  g_assert_true (od_repository_export_journal (f->repo, od_organization_get_id (f->org), FALSE, csv, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (csv, "", 1, NULL, NULL, NULL);
  csv_text = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (csv));
  g_assert_true (g_str_has_prefix (csv_text, "id,time,actor,action,target,sentence,before,after\r\n"));
  g_assert_nonnull (strstr (csv_text, "organization.create"));
  /* A spreadsheet must not see a formula. */
  g_assert_null (strstr (csv_text, ",=cmd"));
  g_assert_nonnull (strstr (csv_text, "'=cmd"));

  g_assert_true (od_repository_export_journal (f->repo, od_organization_get_id (f->org), TRUE, json, NULL, &error));
  g_assert_true (json_parser_load_from_data (parser, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (json)),
                                             g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (json)), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==,
                    od_repository_count_journal (f->repo, od_organization_get_id (f->org), NULL));
}

/* Every action the core journals reads as a sentence naming the actor, not as "actor: action". */
static void
test_every_action_has_a_sentence (void)
{
  static const char *actions[] = {
    "comment.delete", "credential.create", "credential.delete", "credential.update", "invitation.accept",
    "invitation.bulk-create", "invitation.create", "invitation.resend", "invitation.revoke", "member.leave",
    "member.remove", "member.role", "organization.create", "organization.delete", "organization.demo",
    "organization.update", "policy.import", "policy.publish", "policy.restore", "settings.update",
    "subscription.cancel", "subscription.contact", "subscription.discount", "subscription.end",
    "subscription.renew", "subscription.resume", "subscription.seats", "subscription.term", "team.add-member",
    "team.create", "team.delete", "team.remove-member", "team.update", "undo", "update.comment",
    "update.delete", "update.edit", "update.post", "update.react", "update.unreact",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(OdJournalEntry) e = g_object_new (OD_TYPE_JOURNAL_ENTRY, "actor-name", "Ana", "action", actions[i],
                                                  "target", "X", NULL);
      g_autofree char *sentence = od_journal_entry_describe (e);
      g_autofree char *fallback = g_strdup_printf ("Ana: %s", actions[i]);

      /* Renewals and the end of a subscription are Orgdesk's doing, not a person's. */
      if (!g_str_has_prefix (actions[i], "subscription.renew") && !g_str_has_prefix (actions[i], "subscription.end") &&
          !g_str_has_prefix (sentence, "Ana "))
        g_error ("%s: %s", actions[i], sentence);
      if (g_str_has_prefix (sentence, fallback))
        g_error ("%s has no sentence: %s", actions[i], sentence);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feed/every-action-has-a-sentence", test_every_action_has_a_sentence);
#define T(path, func) g_test_add ("/feed/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  T ("paging-newest-first", test_paging_newest_first);
  T ("reactions-toggle", test_reactions_toggle);
  T ("edit-rules", test_edit_rules);
  T ("teams", test_teams);
  T ("comments", test_comments);
  T ("journal-search-and-export", test_journal_search_and_export);
#undef T

  return g_test_run ();
}
