/* test-feed-pages.c — the Overview feed, the Teams page and the Activity page on a real database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: run through tests/headless.sh. Without one the tests are skipped.
 */
#define _GNU_SOURCE   /* dl_iterate_phdr(), in keep-quark-block.h */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "od-activity-page.h"
#include "od-comment.h"
#include "od-error.h"
#include "od-feed-view.h"
#include "od-journal-entry.h"
#include "od-member.h"
#include "od-member-picker.h"
#include "od-organization.h"
#include "od-overview-page.h"
#include "od-post-dialog.h"
#include "od-repository.h"
#include "od-team.h"
#include "od-team-dialog.h"
#include "od-teams-page.h"
#include "od-update.h"
#include "od-undo.h"
#include "od-update-row.h"
#include "od-window.h"
#include "keep-quark-block.h"

#define TIMEOUT_SECONDS 10

typedef struct
{
  char           *dir;
  OdRepository   *repository;
  OdOrganization *organization;
  OdMember       *owner;
  OdWindow       *window;
} Fixture;

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

static void
spin (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button_with_icon (GtkWidget  *root,
                       const char *icon_name)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_icon (child, icon_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_text (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *name;
} Named;

/* A toplevel window of this type (a dialog the page opened), or NULL */
static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
        return l->data;
    }

  return NULL;
}

/* The change's toast (and so Ctrl+Z) is there once the page has heard back from the worker */
static gboolean
undo_offered (gpointer data)
{
  return od_undo_get_last (GTK_WINDOW (data)) != NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
remove_all (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_open (Fixture *fixture,
              guint    n_updates)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("orgdesk-test-feed-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "orgdesk.db", NULL);
  fixture->repository = od_repository_open (path, &error);
  g_assert_no_error (error);

  fixture->organization = od_repository_create_demo (fixture->repository, 12, 3, n_updates, 0, &error);
  g_assert_no_error (error);
  fixture->owner = od_repository_get_first_owner (fixture->repository,
                                                  od_organization_get_id (fixture->organization),
                                                  &error);
  g_assert_no_error (error);
}

static void
fixture_show_window (Fixture    *fixture,
                     const char *page)
{
  fixture->window = od_window_new (NULL, fixture->repository, NULL);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (wait_for (is_mapped, fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", page));
  g_assert_true (wait_for (is_mapped, od_window_get_page (fixture->window, page)));
}

static void
close_dialogs (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (!OD_IS_WINDOW (l->data))
        gtk_window_destroy (l->data);
    }
}

static void
fixture_close (Fixture *fixture)
{
  close_dialogs ();
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      g_clear_object (&fixture->window);
    }
  spin (20);
  g_clear_object (&fixture->owner);
  g_clear_object (&fixture->organization);
  g_clear_object (&fixture->repository);
  remove_all (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gint64
org_id (Fixture *fixture)
{
  return od_organization_get_id (fixture->organization);
}

/* Feeds */

static gboolean
feed_is_loaded (gpointer data)
{
  OdFeedView *feed = data;

  return !od_feed_view_get_loading (feed) && g_list_model_get_n_items (od_feed_view_get_model (feed)) > 0;
}

typedef struct
{
  OdFeedView *feed;
  const char *title;
} FeedTop;

static gboolean
feed_top_is (gpointer data)
{
  FeedTop *top = data;
  GListModel *model = od_feed_view_get_model (top->feed);
  g_autoptr(OdUpdate) update = NULL;
  GtkWidget *row;

  if (g_list_model_get_n_items (model) == 0)
    return FALSE;

  update = g_list_model_get_item (model, 0);
  row = od_feed_view_get_row (top->feed, 0);

  return g_strcmp0 (od_update_get_title (update), top->title) == 0 &&
         OD_IS_UPDATE_ROW (row) &&
         od_update_row_get_update (OD_UPDATE_ROW (row)) != NULL &&
         g_strcmp0 (od_update_get_title (od_update_row_get_update (OD_UPDATE_ROW (row))), top->title) == 0;
}

static gboolean
post_dialog_shown (gpointer data)
{
  return find_toplevel (OD_TYPE_POST_DIALOG) != NULL;
}

static void
test_feed_post_through_dialog (void)
{
  Fixture fixture = { 0 };
  OdOverviewPage *page;
  OdFeedView *feed;
  GtkWindow *dialog;
  GtkWidget *row;
  FeedTop top;
  g_autofree char *sentence = NULL;

  fixture_open (&fixture, 5);
  fixture_show_window (&fixture, "overview");

  page = OD_OVERVIEW_PAGE (od_window_get_page (fixture.window, "overview"));
  feed = od_overview_page_get_feed (page);
  g_assert_true (wait_for (feed_is_loaded, feed));
  g_assert_cmpuint (g_list_model_get_n_items (od_feed_view_get_model (feed)), ==, 5);

  /* Ctrl+N on the Overview opens the Post Update dialog */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.new", NULL));
  g_assert_true (wait_for (post_dialog_shown, NULL));
  dialog = find_toplevel (OD_TYPE_POST_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture.window));

  od_post_dialog_set_title_text (OD_POST_DIALOG (dialog), "Launch day");
  od_post_dialog_set_content_text (OD_POST_DIALOG (dialog), "We ship today.\n\nThanks, everyone.");
  od_post_dialog_set_tags_text (OD_POST_DIALOG (dialog), "launch, news");
  g_assert_cmpint (od_post_dialog_get_team_id (OD_POST_DIALOG (dialog)), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "post.submit", NULL));

  /* It lands at the top of the feed, and the dialog closes */
  top.feed = feed;
  top.title = "Launch day";
  g_assert_true (wait_for (feed_top_is, &top));
  g_assert_null (find_toplevel (OD_TYPE_POST_DIALOG));
  g_assert_cmpuint (g_list_model_get_n_items (od_feed_view_get_model (feed)), ==, 6);

  /* The row reads as one sentence (on the list view's row that holds it); its tags and
   * paragraphs are shown */
  row = od_feed_view_get_row (feed, 0);
  sentence = g_strdup_printf ("Launch day, by %s, Just now, 0 comments", od_member_get_name (fixture.owner));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (gtk_widget_get_parent (row)), GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, sentence);
  {
    GtkWidget *tags = find_label_with_text (row, "launch");

    g_assert_nonnull (tags);
    g_assert_true (gtk_widget_has_css_class (tags, "tag"));
    g_assert_nonnull (gtk_widget_get_next_sibling (tags));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (tags))), ==, "news");
    g_assert_null (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (tags)));
  }

  /* An empty title cannot be posted */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.new", NULL));
  g_assert_true (wait_for (post_dialog_shown, NULL));
  dialog = find_toplevel (OD_TYPE_POST_DIALOG);
  od_post_dialog_set_content_text (OD_POST_DIALOG (dialog), "No title");
  od_post_dialog_submit (OD_POST_DIALOG (dialog));
  spin (200);
  g_assert_nonnull (find_toplevel (OD_TYPE_POST_DIALOG));
  g_assert_cmpuint (g_list_model_get_n_items (od_feed_view_get_model (feed)), ==, 6);

  fixture_close (&fixture);
}

typedef struct
{
  GtkWidget  *button;
  const char *label;
} Labelled;

static gboolean
accessible_label_is (gpointer data)
{
  Labelled *labelled = data;
  g_autofree char *message = NULL;

  message = gtk_test_accessible_check_property (GTK_ACCESSIBLE (labelled->button),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL, labelled->label);
  return message == NULL;
}

static guint
count_reactions (Fixture    *fixture,
                 gint64      update_id,
                 const char *emoji,
                 gboolean   *mine)
{
  g_autoptr(GListModel) reactions = NULL;
  g_autoptr(GError) error = NULL;

  reactions = od_repository_list_reactions (fixture->repository, update_id,
                                            od_member_get_id (fixture->owner), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (reactions); i++)
    {
      g_autoptr(OdReaction) reaction = g_list_model_get_item (reactions, i);

      if (g_strcmp0 (od_reaction_get_emoji (reaction), emoji) == 0)
        {
          *mine = od_reaction_get_mine (reaction);
          return od_reaction_get_count (reaction);
        }
    }

  *mine = FALSE;
  return 0;
}

static void
test_feed_reaction_toggle (void)
{
  Fixture fixture = { 0 };
  g_autoptr(OdUpdate) update = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_label = NULL;
  OdOverviewPage *page;
  OdFeedView *feed;
  GtkWidget *row;
  GtkWidget *button;
  Labelled labelled;
  gboolean mine = FALSE;
  guint before;

  fixture_open (&fixture, 3);
  fixture_show_window (&fixture, "overview");

  page = OD_OVERVIEW_PAGE (od_window_get_page (fixture.window, "overview"));
  feed = od_overview_page_get_feed (page);
  g_assert_true (wait_for (feed_is_loaded, feed));

  row = od_feed_view_get_row (feed, 0);
  update = g_object_ref (od_update_row_get_update (OD_UPDATE_ROW (row)));
  button = od_update_row_get_reaction_button (OD_UPDATE_ROW (row), "👍");
  g_assert_nonnull (button);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_ROLE_BUTTON);

  before = count_reactions (&fixture, od_update_get_id (update), "👍", &mine);
  g_assert_false (mine);

  /* Pressing it adds my reaction: the count goes up and the button says so */
  g_signal_emit_by_name (button, "clicked");
  expected = g_strdup_printf (before + 1 == 1 ? "Thumbs up, %u reaction, you reacted"
                                              : "Thumbs up, %u reactions, you reacted", before + 1);
  labelled.button = button;
  labelled.label = expected;
  g_assert_true (wait_for (accessible_label_is, &labelled));
  g_assert_cmpuint (count_reactions (&fixture, od_update_get_id (update), "👍", &mine), ==, before + 1);
  g_assert_true (mine);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED,
                                    GTK_ACCESSIBLE_TRISTATE_TRUE);
  expected_label = g_strdup_printf ("👍 %u", before + 1);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, expected_label);

  /* Pressing it again takes it back */
  g_signal_emit_by_name (button, "clicked");
  g_free (expected);
  if (before == 0)
    expected = g_strdup ("Thumbs up, no reactions");
  else
    expected = g_strdup_printf (before == 1 ? "Thumbs up, %u reaction" : "Thumbs up, %u reactions", before);
  labelled.label = expected;
  g_assert_true (wait_for (accessible_label_is, &labelled));
  g_assert_cmpuint (count_reactions (&fixture, od_update_get_id (update), "👍", &mine), ==, before);
  g_assert_false (mine);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));

  fixture_close (&fixture);
}

static OdMember *
find_member_with_role (Fixture *fixture,
                       OdRole   role)
{
  g_autoptr(GListModel) members = NULL;
  g_autoptr(GError) error = NULL;

  members = od_repository_list_members (fixture->repository, org_id (fixture), NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(OdMember) member = g_list_model_get_item (members, i);

      if (od_member_get_role (member) == role)
        return g_steal_pointer (&member);
    }

  return NULL;
}

static GtkWidget *
find_update_row (OdFeedView *feed,
                 const char *title)
{
  GtkWidget *row;

  for (guint i = 0; (row = od_feed_view_get_row (feed, i)) != NULL; i++)
    {
      OdUpdate *update = od_update_row_get_update (OD_UPDATE_ROW (row));

      if (g_strcmp0 (od_update_get_title (update), title) == 0)
        return row;
    }

  return NULL;
}

typedef struct
{
  OdFeedView *feed;
  guint       n;
} FeedCount;

static gboolean
feed_has_count (gpointer data)
{
  FeedCount *count = data;

  return !od_feed_view_get_loading (count->feed) &&
         g_list_model_get_n_items (od_feed_view_get_model (count->feed)) == count->n;
}

static void
test_feed_write_member_permissions (void)
{
  Fixture fixture = { 0 };
  g_autoptr(OdMember) writer = NULL;
  g_autoptr(OdMember) reader = NULL;
  g_autoptr(OdUpdate) owners = NULL;
  g_autoptr(OdUpdate) writers = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *page;
  OdFeedView *feed;
  GtkWidget *row;
  GtkWidget *post;
  FeedCount count;

  fixture_open (&fixture, 0);
  writer = find_member_with_role (&fixture, OD_ROLE_WRITE);
  reader = find_member_with_role (&fixture, OD_ROLE_READ);
  g_assert_nonnull (writer);
  g_assert_nonnull (reader);

  owners = od_repository_post_update (fixture.repository, fixture.owner, 0, "Owner news", "From the top.", NULL, &error);
  g_assert_no_error (error);
  writers = od_repository_post_update (fixture.repository, writer, 0, "Writer news", "From below.", NULL, &error);
  g_assert_no_error (error);

  /* The Overview page on its own, acting as a Write member */
  window = gtk_window_new ();
  g_object_ref_sink (window);
  page = g_object_new (OD_TYPE_OVERVIEW_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  od_page_set_repository (OD_PAGE (page), fixture.repository);
  od_page_set_organization (OD_PAGE (page), fixture.organization);
  od_page_set_actor (OD_PAGE (page), writer);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (is_mapped, window));

  feed = od_overview_page_get_feed (OD_OVERVIEW_PAGE (page));
  count.feed = feed;
  count.n = 2;
  g_assert_true (wait_for (feed_has_count, &count));

  /* Others' posts: no edit, no delete; one's own: both */
  row = find_update_row (feed, "Owner news");
  g_assert_nonnull (row);
  g_assert_false (od_update_row_can_edit (OD_UPDATE_ROW (row)));
  g_assert_false (gtk_widget_get_visible (find_button_with_icon (row, "user-trash-symbolic")));
  g_assert_false (gtk_widget_get_visible (find_button_with_icon (row, "document-edit-symbolic")));

  row = find_update_row (feed, "Writer news");
  g_assert_nonnull (row);
  g_assert_true (od_update_row_can_edit (OD_UPDATE_ROW (row)));
  g_assert_true (gtk_widget_get_visible (find_button_with_icon (row, "user-trash-symbolic")));
  g_assert_true (gtk_widget_get_visible (find_button_with_icon (row, "document-edit-symbolic")));

  /* A Write member may post */
  post = find_widget (page, ADW_TYPE_BUTTON_CONTENT, NULL);
  g_assert_nonnull (post);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (post)));

  /* A Read member may neither post nor change anyone's posts, but may react */
  od_page_set_actor (OD_PAGE (page), reader);
  spin (50);
  g_assert_true (wait_for (feed_has_count, &count));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (post)));
  row = find_update_row (feed, "Writer news");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_visible (find_button_with_icon (row, "user-trash-symbolic")));
  g_assert_true (gtk_widget_get_sensitive (od_update_row_get_reaction_button (OD_UPDATE_ROW (row), "🎉")));
  g_assert_null (od_overview_page_post_update (OD_OVERVIEW_PAGE (page)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  fixture_close (&fixture);
}

static void
test_feed_edit_delete_undo (void)
{
  Fixture fixture = { 0 };
  g_autoptr(OdUpdate) update = NULL;
  g_autoptr(GError) error = NULL;
  OdOverviewPage *page;
  OdFeedView *feed;
  GtkWindow *dialog;
  GtkWidget *row;
  FeedTop top;
  FeedCount count;

  fixture_open (&fixture, 3);
  update = od_repository_post_update (fixture.repository, fixture.owner, 0, "Typo in titel", "Body.",
                                      "ops", &error);
  g_assert_no_error (error);

  fixture_show_window (&fixture, "overview");
  page = OD_OVERVIEW_PAGE (od_window_get_page (fixture.window, "overview"));
  feed = od_overview_page_get_feed (page);
  count.feed = feed;
  count.n = 4;
  g_assert_true (wait_for (feed_has_count, &count));

  /* Edit: title and text only; the row shows the new snapshot and keeps what was open and typed */
  row = od_feed_view_get_row (feed, 0);
  od_update_row_set_expanded (OD_UPDATE_ROW (row), TRUE);
  od_update_row_set_draft (OD_UPDATE_ROW (row), "Half a thought");
  g_assert_true (gtk_widget_activate_action (row, "update.edit", NULL));
  g_assert_true (wait_for (post_dialog_shown, NULL));
  dialog = find_toplevel (OD_TYPE_POST_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Edit Update");
  od_post_dialog_set_title_text (OD_POST_DIALOG (dialog), "Typo in title");
  od_post_dialog_submit (OD_POST_DIALOG (dialog));
  top.feed = feed;
  top.title = "Typo in title";
  g_assert_true (wait_for (feed_top_is, &top));
  row = od_feed_view_get_row (feed, 0);
  g_assert_cmpint (od_update_get_edited_at (od_update_row_get_update (OD_UPDATE_ROW (row))), >, 0);
  g_assert_true (od_update_row_get_expanded (OD_UPDATE_ROW (row)));
  g_assert_cmpstr (od_update_row_get_draft (OD_UPDATE_ROW (row)), ==, "Half a thought");

  /* Delete asks first; then it is gone, and Ctrl+Z brings it back */
  g_assert_true (gtk_widget_activate_action (row, "update.delete", NULL));
  g_assert_true (wait_for (message_dialog_shown, NULL));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "Typo in title"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  count.n = 3;
  g_assert_true (wait_for (feed_has_count, &count));

  g_assert_true (wait_for (undo_offered, fixture.window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL));
  g_assert_true (wait_for (feed_top_is, &top));
  count.n = 4;
  g_assert_true (wait_for (feed_has_count, &count));

  /* Nothing left to undo */
  g_assert_null (od_undo_get_last (GTK_WINDOW (fixture.window)));

  fixture_close (&fixture);
}

static gboolean
feed_not_loading (gpointer data)
{
  return !od_feed_view_get_loading (OD_FEED_VIEW (data));
}

static gboolean
row_is_bound (gpointer data)
{
  FeedCount *at = data;

  return od_feed_view_get_row (at->feed, at->n) != NULL;
}

/* The page's list view (the feed's), which scrolls the whole page */
static GtkAdjustment *
page_adjustment (GtkWidget *page)
{
  GtkWidget *list = find_widget (page, GTK_TYPE_LIST_VIEW, NULL);

  g_assert_nonnull (list);
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (gtk_widget_get_parent (list)));
}

static void
scroll_feed_to (GtkAdjustment *adjustment,
                gboolean       end)
{

  /* The list view learns its rows' heights as it goes: a few steps reach the real end */
  for (guint i = 0; i < 20; i++)
    {
      gtk_adjustment_set_value (adjustment, end ? gtk_adjustment_get_upper (adjustment) : 0);
      spin (20);
    }
}

/* More than GTK 4.8's list view makes widgets for */
#define N_MANY_UPDATES 260

static void
test_feed_paging_and_filter (void)
{
  Fixture fixture = { 0 };
  OdOverviewPage *page;
  OdFeedView *feed;
  GtkDropDown *filter;
  FeedCount count;
  FeedCount at;
  GListModel *model;
  GtkWidget *row;
  GtkAdjustment *adjustment;

  fixture_open (&fixture, N_MANY_UPDATES);
  fixture_show_window (&fixture, "overview");
  page = OD_OVERVIEW_PAGE (od_window_get_page (fixture.window, "overview"));
  feed = od_overview_page_get_feed (page);

  /* Every update is in the list at once, but only the rows around those on screen have widgets
   * (GTK 4.8's list view keeps up to about 200) */
  count.feed = feed;
  count.n = N_MANY_UPDATES;
  g_assert_true (wait_for (feed_has_count, &count));
  at.feed = feed;
  at.n = 0;
  g_assert_true (wait_for (row_is_bound, &at));
  g_assert_cmpuint (od_feed_view_get_n_row_widgets (feed), <, N_MANY_UPDATES);
  g_assert_null (od_feed_view_get_row (feed, N_MANY_UPDATES - 1));

  /* What was opened and typed in a row belongs to its update: it is there again after the row
   * scrolled away and its widget showed other updates */
  row = od_feed_view_get_row (feed, 0);
  od_update_row_set_expanded (OD_UPDATE_ROW (row), TRUE);
  od_update_row_set_draft (OD_UPDATE_ROW (row), "Back in a minute");

  adjustment = page_adjustment (GTK_WIDGET (page));
  scroll_feed_to (adjustment, TRUE);
  at.n = N_MANY_UPDATES - 1;
  g_assert_true (wait_for (row_is_bound, &at));
  g_assert_null (od_feed_view_get_row (feed, 0));
  g_assert_cmpuint (od_feed_view_get_n_row_widgets (feed), <, N_MANY_UPDATES);
  row = od_feed_view_get_row (feed, N_MANY_UPDATES - 1);
  g_assert_false (od_update_row_get_expanded (OD_UPDATE_ROW (row)));
  g_assert_cmpstr (od_update_row_get_draft (OD_UPDATE_ROW (row)), ==, "");

  scroll_feed_to (adjustment, FALSE);
  at.n = 0;
  g_assert_true (wait_for (row_is_bound, &at));
  row = od_feed_view_get_row (feed, 0);
  g_assert_true (od_update_row_get_expanded (OD_UPDATE_ROW (row)));
  g_assert_cmpstr (od_update_row_get_draft (OD_UPDATE_ROW (row)), ==, "Back in a minute");

  /* Newest first, without repeats */
  model = od_feed_view_get_model (feed);
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OdUpdate) newer = g_list_model_get_item (model, i - 1);
      g_autoptr(OdUpdate) older = g_list_model_get_item (model, i);

      g_assert_true (od_update_get_created_at (newer) > od_update_get_created_at (older) ||
                     (od_update_get_created_at (newer) == od_update_get_created_at (older) &&
                      od_update_get_id (newer) > od_update_get_id (older)));
    }

  /* The filter: organization-wide updates only, then one team's */
  filter = GTK_DROP_DOWN (find_widget (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, NULL));
  g_assert_nonnull (filter);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (filter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Show updates from");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (filter)), ==, 2 + 3);

  gtk_drop_down_set_selected (filter, 1);
  g_assert_cmpint (od_feed_view_get_team_id (feed), ==, 0);
  spin (20);
  g_assert_true (wait_for (feed_not_loading, feed));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OdUpdate) update = g_list_model_get_item (model, i);
      g_assert_cmpint (od_update_get_team_id (update), ==, 0);
    }

  gtk_drop_down_set_selected (filter, 2);
  g_assert_cmpint (od_feed_view_get_team_id (feed), >, 0);
  spin (20);
  g_assert_true (wait_for (feed_not_loading, feed));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OdUpdate) update = g_list_model_get_item (model, i);
      g_assert_cmpint (od_update_get_team_id (update), ==, od_feed_view_get_team_id (feed));
    }

  fixture_close (&fixture);
}

typedef struct
{
  Fixture *fixture;
  gint64   update_id;
  guint    n;
} CommentCount;

static gboolean
update_has_comments (gpointer data)
{
  CommentCount *count = data;
  g_autoptr(GListModel) comments = od_repository_list_comments (count->fixture->repository,
                                                                count->update_id, NULL);

  return comments != NULL && g_list_model_get_n_items (comments) == count->n;
}

/* The feed's first row (the widget may be replaced when the update changes) shows this text */
typedef struct
{
  OdFeedView *feed;
  const char *text;
} RowText;

static gboolean
first_row_shows (gpointer data)
{
  RowText *shown = data;
  GtkWidget *row = od_feed_view_get_row (shown->feed, 0);
  GtkWidget *label = row != NULL ? find_label_with_text (row, shown->text) : NULL;

  return label != NULL && gtk_widget_is_visible (label);
}

static GtkWidget *
focus_of (GtkWidget *widget)
{
  return gtk_root_get_focus (gtk_widget_get_root (widget));
}

static gboolean
focus_is_in (GtkWidget *widget)
{
  GtkWidget *focus = focus_of (widget);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
test_feed_comments (void)
{
  Fixture fixture = { 0 };
  g_autoptr(OdUpdate) update = NULL;
  g_autoptr(GError) error = NULL;
  OdOverviewPage *page;
  OdFeedView *feed;
  GtkWidget *row;
  GtkWidget *entry;
  CommentCount count;
  RowText shown;

  fixture_open (&fixture, 0);
  update = od_repository_post_update (fixture.repository, fixture.owner, 0, "Lunch", "Pizza on Friday.",
                                      NULL, &error);
  g_assert_no_error (error);

  fixture_show_window (&fixture, "overview");
  page = OD_OVERVIEW_PAGE (od_window_get_page (fixture.window, "overview"));
  feed = od_overview_page_get_feed (page);
  g_assert_true (wait_for (feed_is_loaded, feed));

  row = od_feed_view_get_row (feed, 0);
  od_update_row_set_expanded (OD_UPDATE_ROW (row), TRUE);
  entry = find_widget (row, GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (entry);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, "Comment");
  g_assert_true (wait_for (is_mapped, entry));

  /* Tab goes through the row's controls: reactions, the comments button, the comment entry */
  g_assert_true (gtk_widget_grab_focus (od_update_row_get_reaction_button (OD_UPDATE_ROW (row), "👍")));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture.window), GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_of (row) == od_update_row_get_reaction_button (OD_UPDATE_ROW (row), "🎉"));
  g_assert_true (od_update_row_restore_focus (OD_UPDATE_ROW (row), "comments"));
  for (guint i = 0; i < 3 && !focus_is_in (entry); i++)
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture.window), GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_is_in (entry));

  /* Enter sends the comment; it shows under the update, which counts it. The update changed,
   * so the list view may give it a new row: that row has the comments open and the focus */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Count me in");
  g_signal_emit_by_name (entry, "activate");
  count.fixture = &fixture;
  count.update_id = od_update_get_id (update);
  count.n = 1;
  g_assert_true (wait_for (update_has_comments, &count));
  shown.feed = feed;
  shown.text = "Count me in";
  g_assert_true (wait_for (first_row_shows, &shown));
  shown.text = "1 comment";
  g_assert_true (wait_for (first_row_shows, &shown));
  row = od_feed_view_get_row (feed, 0);
  entry = find_widget (row, GTK_TYPE_ENTRY, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_true (focus_is_in (entry));

  /* One's own comment can be deleted, and Ctrl+Z brings it back */
  {
    GtkWidget *comments = find_widget (row, GTK_TYPE_LIST_BOX, NULL);
    GtkWidget *delete = find_button_with_icon (comments, "user-trash-symbolic");

    g_assert_nonnull (delete);
    g_signal_emit_by_name (delete, "clicked");
  }
  count.n = 0;
  g_assert_true (wait_for (update_has_comments, &count));
  g_assert_true (wait_for (undo_offered, fixture.window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL));
  count.n = 1;
  g_assert_true (wait_for (update_has_comments, &count));
  shown.text = "Count me in";
  g_assert_true (wait_for (first_row_shows, &shown));

  fixture_close (&fixture);
}

/* Teams */

typedef struct
{
  OdTeamsPage *page;
  GtkListBox  *list;
  Fixture     *fixture;
  guint        n;
} TeamCount;

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  return n;
}

static gboolean
teams_have_count (gpointer data)
{
  TeamCount *count = data;
  g_autoptr(GListModel) teams = NULL;

  teams = od_repository_list_teams (count->fixture->repository, org_id (count->fixture), NULL);

  return teams != NULL && g_list_model_get_n_items (teams) == count->n &&
         count_rows (count->list) == count->n;
}

static gboolean
team_is_shown (gpointer data)
{
  return od_teams_page_get_team (OD_TEAMS_PAGE (data)) != NULL;
}

static gboolean
team_list_is_shown (gpointer data)
{
  return od_teams_page_get_team (OD_TEAMS_PAGE (data)) == NULL;
}

static void
test_teams_delete_and_undo (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(OdTeam) team = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  OdTeamsPage *page;
  GtkWindow *dialog;
  TeamCount count;

  fixture_open (&fixture, 6);
  fixture_show_window (&fixture, "teams");
  page = OD_TEAMS_PAGE (od_window_get_page (fixture.window, "teams"));

  count.page = page;
  count.fixture = &fixture;
  count.list = GTK_LIST_BOX (find_widget (GTK_WIDGET (page), GTK_TYPE_LIST_BOX, NULL));
  count.n = 3;
  g_assert_true (wait_for (teams_have_count, &count));

  teams = od_repository_list_teams (fixture.repository, org_id (&fixture), &error);
  g_assert_no_error (error);
  team = g_list_model_get_item (teams, 0);
  name = g_strdup (od_team_get_name (team));

  /* Its row reads as a sentence and opens the team's page */
  g_assert_nonnull (find_widget (GTK_WIDGET (count.list), GTK_TYPE_LIST_BOX_ROW, name));
  g_signal_emit_by_name (count.list, "row-activated",
                         find_widget (GTK_WIDGET (count.list), GTK_TYPE_LIST_BOX_ROW, name));
  g_assert_true (wait_for (team_is_shown, page));
  g_assert_cmpint (od_team_get_id (od_teams_page_get_team (page)), ==, od_team_get_id (team));
  g_assert_cmpint (od_feed_view_get_team_id (od_teams_page_get_feed (page)), ==, od_team_get_id (team));

  /* Delete asks first, naming what goes */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "teams.delete", NULL));
  g_assert_true (wait_for (message_dialog_shown, NULL));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), name));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "stay in the organization"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");

  count.n = 2;
  g_assert_true (wait_for (teams_have_count, &count));
  g_assert_true (wait_for (team_list_is_shown, page));
  g_assert_null (find_widget (GTK_WIDGET (count.list), GTK_TYPE_LIST_BOX_ROW, name));

  /* Ctrl+Z (the toast's Undo) brings it back, on the page too */
  g_assert_true (wait_for (undo_offered, fixture.window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL));
  count.n = 3;
  g_assert_true (wait_for (teams_have_count, &count));
  g_assert_nonnull (find_widget (GTK_WIDGET (count.list), GTK_TYPE_LIST_BOX_ROW, name));

  fixture_close (&fixture);
}

static gboolean
team_dialog_shown (gpointer data)
{
  return find_toplevel (OD_TYPE_TEAM_DIALOG) != NULL;
}

static gboolean
team_dialog_has_error (gpointer data)
{
  return od_team_dialog_get_error (OD_TEAM_DIALOG (data)) != NULL;
}

static void
test_teams_create (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(OdTeam) existing = NULL;
  g_autoptr(GError) error = NULL;
  OdTeamsPage *page;
  GtkWindow *dialog;
  TeamCount count;

  fixture_open (&fixture, 0);
  fixture_show_window (&fixture, "teams");
  page = OD_TEAMS_PAGE (od_window_get_page (fixture.window, "teams"));

  count.page = page;
  count.fixture = &fixture;
  count.list = GTK_LIST_BOX (find_widget (GTK_WIDGET (page), GTK_TYPE_LIST_BOX, NULL));
  count.n = 3;
  g_assert_true (wait_for (teams_have_count, &count));

  teams = od_repository_list_teams (fixture.repository, org_id (&fixture), &error);
  existing = g_list_model_get_item (teams, 0);

  /* Ctrl+N on Teams: a new team; a taken name is refused under the name field */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.new", NULL));
  g_assert_true (wait_for (team_dialog_shown, NULL));
  dialog = find_toplevel (OD_TYPE_TEAM_DIALOG);
  od_team_dialog_set_name_text (OD_TEAM_DIALOG (dialog), od_team_get_name (existing));
  od_team_dialog_submit (OD_TEAM_DIALOG (dialog));
  g_assert_true (wait_for (team_dialog_has_error, dialog));
  g_assert_nonnull (strstr (od_team_dialog_get_error (OD_TEAM_DIALOG (dialog)), od_team_get_name (existing)));

  /* A new name creates it and opens its page */
  od_team_dialog_set_name_text (OD_TEAM_DIALOG (dialog), "Research Guild");
  od_team_dialog_set_description_text (OD_TEAM_DIALOG (dialog), "Reading groups");
  g_assert_null (od_team_dialog_get_error (OD_TEAM_DIALOG (dialog)));
  od_team_dialog_submit (OD_TEAM_DIALOG (dialog));
  g_assert_true (wait_for (team_is_shown, page));
  g_assert_cmpstr (od_team_get_name (od_teams_page_get_team (page)), ==, "Research Guild");
  g_assert_null (find_toplevel (OD_TYPE_TEAM_DIALOG));
  count.n = 4;
  g_assert_true (wait_for (teams_have_count, &count));

  /* Ctrl+F goes back to the list and its search, which filters by name */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.find", NULL));
  g_assert_true (wait_for (team_list_is_shown, page));
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL)),
                         "research");
  spin (300);
  g_assert_cmpuint (count_rows (count.list), ==, 1);
  g_assert_nonnull (find_widget (GTK_WIDGET (count.list), GTK_TYPE_LIST_BOX_ROW, "Research Guild"));

  fixture_close (&fixture);
}

typedef struct
{
  Fixture *fixture;
  gint64   team_id;
  guint    n;
} TeamMembers;

static guint
count_team_members (Fixture *fixture,
                    gint64   team_id)
{
  g_autoptr(GListModel) members = od_repository_list_team_members (fixture->repository, team_id, NULL);

  return members != NULL ? g_list_model_get_n_items (members) : 0;
}

static gboolean
team_has_members (gpointer data)
{
  TeamMembers *members = data;

  return count_team_members (members->fixture, members->team_id) == members->n;
}

static gboolean
picker_shown (gpointer data)
{
  return find_toplevel (OD_TYPE_MEMBER_PICKER) != NULL;
}

static gboolean
named_row_shown (gpointer data)
{
  Named *named = data;

  return find_widget (named->root, GTK_TYPE_LIST_BOX_ROW, named->name) != NULL;
}

static gboolean
named_row_gone (gpointer data)
{
  return !named_row_shown (data);
}

static void
test_teams_membership (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(GListModel) in_team = NULL;
  g_autoptr(GListModel) everyone = NULL;
  g_autoptr(OdTeam) team = NULL;
  g_autoptr(OdMember) outsider = NULL;
  g_autoptr(GError) error = NULL;
  OdTeamsPage *page;
  OdMemberPicker *picker;
  TeamMembers members;
  GtkWidget *row;
  Named named;
  guint n_before;

  fixture_open (&fixture, 0);
  teams = od_repository_list_teams (fixture.repository, org_id (&fixture), &error);
  team = g_list_model_get_item (teams, 0);
  in_team = od_repository_list_team_members (fixture.repository, od_team_get_id (team), &error);
  everyone = od_repository_list_members (fixture.repository, org_id (&fixture), NULL, &error);
  g_assert_no_error (error);
  n_before = g_list_model_get_n_items (in_team);

  /* Someone of the organization who is not in the team */
  for (guint i = 0; i < g_list_model_get_n_items (everyone) && outsider == NULL; i++)
    {
      g_autoptr(OdMember) member = g_list_model_get_item (everyone, i);
      gboolean found = FALSE;

      for (guint j = 0; j < n_before && !found; j++)
        {
          g_autoptr(OdMember) other = g_list_model_get_item (in_team, j);
          found = od_member_get_id (other) == od_member_get_id (member);
        }
      if (!found)
        outsider = g_steal_pointer (&member);
    }
  g_assert_nonnull (outsider);

  fixture_show_window (&fixture, "teams");
  page = OD_TEAMS_PAGE (od_window_get_page (fixture.window, "teams"));
  od_teams_page_show_team (page, team);
  g_assert_true (wait_for (team_is_shown, page));

  /* Add Members: a searchable picker over the organization's members */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "teams.add-members", NULL));
  g_assert_true (wait_for (picker_shown, NULL));
  picker = OD_MEMBER_PICKER (find_toplevel (OD_TYPE_MEMBER_PICKER));
  od_member_picker_set_search (picker, od_member_get_email (outsider));
  g_assert_cmpuint (g_list_model_get_n_items (od_member_picker_get_model (picker)), ==, 1);
  g_assert_false (od_member_picker_is_in_team (picker, od_member_get_id (outsider)));
  od_member_picker_add (picker, 0);

  members.fixture = &fixture;
  members.team_id = od_team_get_id (team);
  members.n = n_before + 1;
  g_assert_true (wait_for (team_has_members, &members));
  spin (50);
  g_assert_true (od_member_picker_is_in_team (picker, od_member_get_id (outsider)));
  gtk_window_destroy (GTK_WINDOW (picker));

  /* The team's page lists them, with a button to take them out again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "teams.toggle-members", NULL));
  named.root = GTK_WIDGET (page);
  named.name = od_member_get_email (outsider);
  g_assert_true (wait_for (named_row_shown, &named));
  row = find_widget (GTK_WIDGET (page), GTK_TYPE_LIST_BOX_ROW, od_member_get_email (outsider));
  g_signal_emit_by_name (find_button_with_icon (row, "list-remove-symbolic"), "clicked");

  members.n = n_before;
  g_assert_true (wait_for (team_has_members, &members));
  g_assert_true (wait_for (named_row_gone, &named));

  /* Ctrl+Z puts them back */
  g_assert_true (wait_for (undo_offered, fixture.window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL));
  members.n = n_before + 1;
  g_assert_true (wait_for (team_has_members, &members));
  g_assert_true (wait_for (named_row_shown, &named));

  fixture_close (&fixture);
}

/* Activity */

typedef struct
{
  OdActivityPage *page;
  guint           at_least;
  guint           less_than;
} RowCount;

static gboolean
activity_rows_between (gpointer data)
{
  RowCount *count = data;
  guint n = od_activity_page_get_n_rows (count->page);

  return !od_activity_page_get_loading (count->page) && n >= count->at_least && n < count->less_than;
}

typedef struct
{
  OdActivityPage *page;
  guint           position;
  const char     *name;
} ActivityRow;

static gboolean
activity_row_named (gpointer data)
{
  ActivityRow *row = data;
  return g_strcmp0 (od_activity_page_get_row_sentence (row->page, row->position), row->name) == 0;
}

static void
test_activity_search (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(GListModel) expected = NULL;
  g_autoptr(OdTeam) team = NULL;
  g_autoptr(OdJournalEntry) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;
  OdActivityPage *page;
  RowCount count;
  guint n_all;
  GtkWidget *row;

  fixture_open (&fixture, 4);
  teams = od_repository_list_teams (fixture.repository, org_id (&fixture), &error);
  team = g_list_model_get_item (teams, 0);
  g_assert_true (od_repository_delete_team (fixture.repository, fixture.owner, od_team_get_id (team), &error));
  g_assert_no_error (error);

  fixture_show_window (&fixture, "activity");
  page = OD_ACTIVITY_PAGE (od_window_get_page (fixture.window, "activity"));

  count.page = page;
  count.at_least = 2;
  count.less_than = G_MAXUINT;
  g_assert_true (wait_for (activity_rows_between, &count));
  n_all = od_activity_page_get_n_rows (page);

  /* Searching narrows the rows to what matches */
  od_activity_page_set_search (page, od_team_get_name (team));
  count.at_least = 1;
  count.less_than = n_all;
  g_assert_true (wait_for (activity_rows_between, &count));

  expected = od_repository_search_journal (fixture.repository, org_id (&fixture), od_team_get_name (team),
                                           NULL, 0, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (od_activity_page_get_n_rows (page), ==, g_list_model_get_n_items (expected));

  /* Each row reads as the core's sentence, and the deletion can be undone from it */
  first = g_list_model_get_item (expected, 0);
  g_assert_cmpstr (od_journal_entry_get_action (first), ==, "team.delete");
  sentence = od_journal_entry_describe (first);
  row = od_activity_page_get_row (page, 0);
  g_assert_cmpstr (od_activity_page_get_row_sentence (page, 0), ==, sentence);
  {
    g_autofree char *label = g_strdup_printf ("%s, Just now", sentence);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  }
  g_assert_nonnull (find_widget (row, GTK_TYPE_BUTTON, NULL));

  /* Undo from the page: the team is back (on the Teams page, which loads when shown) */
  od_activity_page_undo (page, first);
  {
    TeamCount teams_back = { NULL, NULL, &fixture, 3 };
    GtkWidget *teams_page = od_window_get_page (fixture.window, "teams");

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-page", "s", "teams"));
    teams_back.list = GTK_LIST_BOX (find_widget (teams_page, GTK_TYPE_LIST_BOX, NULL));
    g_assert_true (wait_for (teams_have_count, &teams_back));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-page", "s", "activity"));
  }

  /* The list shown follows the change by itself (its items-changed), with the newest row first */
  {
    g_autoptr(GListModel) now = od_repository_search_journal (fixture.repository, org_id (&fixture),
                                                              od_team_get_name (team), NULL, 0, 0, 0, &error);
    g_autoptr(OdJournalEntry) newest = NULL;
    g_autofree char *newest_sentence = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (now), >, g_list_model_get_n_items (expected));
    count.at_least = g_list_model_get_n_items (now);
    count.less_than = count.at_least + 1;
    g_assert_true (wait_for (activity_rows_between, &count));
    newest = g_list_model_get_item (now, 0);
    newest_sentence = od_journal_entry_describe (newest);
    g_assert_true (wait_for (activity_row_named, &(ActivityRow) { page, 0, newest_sentence }));
  }

  /* Undoing it a second time is refused with the core's reason */
  {
    g_autoptr(GError) again = NULL;
    gint64 id = od_repository_undo (fixture.repository, fixture.owner,
                                    od_journal_entry_get_id (first), &again);
    g_assert_cmpint (id, ==, 0);
    g_assert_error (again, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_CANNOT_UNDO);
  }

  /* A search that matches nothing shows no rows */
  od_activity_page_set_search (page, "no such thing anywhere");
  count.at_least = 0;
  count.less_than = 1;
  g_assert_true (wait_for (activity_rows_between, &count));

  fixture_close (&fixture);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_activity_export (void)
{
  Fixture fixture = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  OdActivityPage *page;
  RowCount count = { NULL, 1, G_MAXUINT };

  fixture_open (&fixture, 2);
  fixture_show_window (&fixture, "activity");
  page = OD_ACTIVITY_PAGE (od_window_get_page (fixture.window, "activity"));
  count.page = page;
  g_assert_true (wait_for (activity_rows_between, &count));

  path = g_build_filename (fixture.dir, "activity.csv", NULL);
  file = g_file_new_for_path (path);
  od_activity_page_export_to_file (page, file, FALSE);
  g_assert_true (wait_for (file_exists, path));
  spin (100);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "organization.demo"));

  fixture_close (&fixture);
}

static void
test_skipped (void)
{
  g_test_skip ("No display (run through tests/headless.sh)");
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/feed/skipped", test_skipped);
      return g_test_run ();
    }

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  od_test_keep_quark_block ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Under Xvfb without a window manager the dialogs' windows gain and lose focus without the
   * events GtkText expects; its cursor blink would then warn ("did not receive a focus-out
   * event"), which gtk_test_init() makes fatal. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/feed/post-through-dialog", test_feed_post_through_dialog);
  g_test_add_func ("/feed/reaction-toggle", test_feed_reaction_toggle);
  g_test_add_func ("/feed/write-member-permissions", test_feed_write_member_permissions);
  g_test_add_func ("/feed/paging-and-filter", test_feed_paging_and_filter);
  g_test_add_func ("/feed/comments", test_feed_comments);
  g_test_add_func ("/feed/edit-delete-undo", test_feed_edit_delete_undo);
  g_test_add_func ("/teams/delete-and-undo", test_teams_delete_and_undo);
  g_test_add_func ("/teams/create", test_teams_create);
  g_test_add_func ("/teams/membership", test_teams_membership);
  g_test_add_func ("/activity/search", test_activity_search);
  g_test_add_func ("/activity/export", test_activity_export);

  return g_test_run ();
}
