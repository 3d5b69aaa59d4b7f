/* test-window.c — the main window on a real (temporary) database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: run through tests/headless.sh. Without one the tests are skipped.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "od-format.h"
#include "od-members-page.h"
#include "od-organization.h"
#include "od-repository.h"
#include "od-welcome-page.h"
#include "od-invitation.h"
#include "od-window.h"

#define TIMEOUT_SECONDS 10

typedef struct
{
  char         *dir;
  OdRepository *repository;
  OdWindow     *window;
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
find_org_dropdown (GtkWidget *root)
{
  if (GTK_IS_DROP_DOWN (root) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (root), "Switch Organization") == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_org_dropdown (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
fixture_open (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("orgdesk-test-window-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "orgdesk.db", NULL);
  fixture->repository = od_repository_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->repository);
}

static void
fixture_show_window (Fixture *fixture)
{
  fixture->window = od_window_new (NULL, fixture->repository, NULL);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (wait_for (is_mapped, fixture->window));
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
fixture_close (Fixture *fixture)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      g_clear_object (&fixture->window);
    }
  g_clear_object (&fixture->repository);
  remove_all (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Members */

typedef struct
{
  GtkColumnView *column_view;
  guint          expected;
} ModelCount;

static gboolean
model_has_count (gpointer data)
{
  ModelCount *count = data;
  GtkSelectionModel *model = gtk_column_view_get_model (count->column_view);

  return model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) == count->expected;
}

typedef struct
{
  OdWindow   *window;
  const char *page;
} PageShown;

static gboolean
page_is_shown (gpointer data)
{
  PageShown *shown = data;

  return g_strcmp0 (od_window_get_view_name (shown->window), "main") == 0 &&
         g_strcmp0 (od_window_get_page_name (shown->window), shown->page) == 0;
}

static void
test_window_pages (void)
{
  Fixture fixture = { 0 };
  g_autoptr(OdOrganization) organization = NULL;
  g_autoptr(GError) error = NULL;
  static const char *pages[] = { "overview", "members", "teams", "billing", "settings", "activity" };
  static const char *titles[] = { "Overview", "Members", "Teams", "Billing", "Settings", "Activity" };
  guint n_members = 0, n_pending = 0, n_seats = 0;
  GtkWidget *members_page;
  GtkWidget *dropdown;
  ModelCount count;

  fixture_open (&fixture);
  organization = od_repository_create_demo (fixture.repository, 12, 3, 5, 0, &error);
  g_assert_no_error (error);
  g_assert_true (od_repository_get_seat_usage (fixture.repository,
                                               od_organization_get_id (organization),
                                               &n_members, &n_pending, &n_seats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_members, ==, 12);

  fixture_show_window (&fixture);

  g_assert_cmpstr (od_window_get_view_name (fixture.window), ==, "main");
  g_assert_cmpint (od_organization_get_id (od_window_get_organization (fixture.window)), ==,
                   od_organization_get_id (organization));
  g_assert_nonnull (od_window_get_actor (fixture.window));
  g_assert_cmpint (od_member_get_role (od_window_get_actor (fixture.window)), ==, OD_ROLE_OWNER);

  /* The members table shows every member, from the lazy model (pages load when shown) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-page", "s", "members"));
  members_page = od_window_get_page (fixture.window, "members");
  g_assert_true (OD_IS_MEMBERS_PAGE (members_page));
  count.column_view = GTK_COLUMN_VIEW (find_widget (members_page, GTK_TYPE_COLUMN_VIEW, NULL));
  g_assert_nonnull (count.column_view);
  count.expected = n_members;
  g_assert_true (wait_for (model_has_count, &count));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (count.column_view), GTK_ACCESSIBLE_ROLE_TREE_GRID);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (count.column_view),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Members");

  /* The switcher names itself (the pages have dropdowns of their own) */
  dropdown = find_org_dropdown (GTK_WIDGET (fixture.window));
  g_assert_nonnull (dropdown);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dropdown),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Organization");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 0);

  /* Every area: a named sidebar row, and the win.show-page action shows it (an Owner sees all) */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *row = find_widget (GTK_WIDGET (fixture.window), GTK_TYPE_LIST_BOX_ROW, pages[i]);
      PageShown shown = { fixture.window, pages[i] };

      g_assert_nonnull (row);
      g_assert_true (gtk_widget_get_visible (row));
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_ROLE_LIST_ITEM);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, titles[i]);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window),
                                                 "win.show-page", "s", pages[i]));
      g_assert_true (wait_for (page_is_shown, &shown));
      g_assert_true (gtk_widget_get_visible (od_window_get_page (fixture.window, pages[i])));
      g_assert_true (od_window_get_page (fixture.window, pages[i]) ==
                     gtk_stack_get_visible_child (GTK_STACK (gtk_widget_get_parent (od_window_get_page (fixture.window, pages[i])))));
    }

  fixture_close (&fixture);
}

static gboolean
member_search_narrows (gpointer data)
{
  return model_has_count (data);
}

static void
test_window_member_search (void)
{
  Fixture fixture = { 0 };
  g_autoptr(OdOrganization) organization = NULL;
  g_autoptr(OdMember) owner = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *members_page;
  GtkWidget *search;
  ModelCount count;

  fixture_open (&fixture);
  organization = od_repository_create_demo (fixture.repository, 20, 2, 0, 0, &error);
  g_assert_no_error (error);
  owner = od_repository_get_first_owner (fixture.repository,
                                         od_organization_get_id (organization), &error);
  g_assert_no_error (error);

  fixture_show_window (&fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-page", "s", "members");

  members_page = od_window_get_page (fixture.window, "members");
  count.column_view = GTK_COLUMN_VIEW (find_widget (members_page, GTK_TYPE_COLUMN_VIEW, NULL));
  count.expected = 20;
  g_assert_true (wait_for (model_has_count, &count));

  /* Searching for the owner's email asks the repository again, which finds exactly one */
  search = find_widget (members_page, GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_nonnull (search);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (search),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Search members");
  gtk_editable_set_text (GTK_EDITABLE (search), od_member_get_email (owner));
  count.expected = 1;
  g_assert_true (wait_for (member_search_narrows, &count));

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  count.expected = 20;
  g_assert_true (wait_for (model_has_count, &count));

  fixture_close (&fixture);
}

/* Welcome */

static gboolean
view_is_main (gpointer data)
{
  return g_strcmp0 (od_window_get_view_name (OD_WINDOW (data)), "main") == 0;
}

static GtkWidget *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_css_class (gpointer data)
{
  return gtk_widget_has_css_class (GTK_WIDGET (data), "error");
}

static gboolean
window_shows_organization (gpointer data)
{
  OdOrganization *org = od_window_get_organization (data);
  return org != NULL && g_strcmp0 (od_organization_get_name (org), "Other Org") == 0;
}

static void
test_window_welcome (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GListModel) organizations = NULL;
  g_autoptr(GError) error = NULL;
  PageShown shown;
  GtkWidget *welcome;
  GtkWidget *name_row;
  GtkWidget *owner_row;
  GtkWidget *email_row;
  GtkWidget *create;

  fixture_open (&fixture);
  fixture_show_window (&fixture);

  /* An empty database starts on the welcome page */
  g_assert_cmpstr (od_window_get_view_name (fixture.window), ==, "welcome");
  g_assert_null (od_window_get_organization (fixture.window));

  welcome = find_widget (GTK_WIDGET (fixture.window), OD_TYPE_WELCOME_PAGE, NULL);
  g_assert_nonnull (welcome);
  name_row = find_entry_row (welcome, "Organization name");
  owner_row = find_entry_row (welcome, "Your name");
  email_row = find_entry_row (welcome, "Your email");
  create = find_button (welcome, "_Create Organization");
  g_assert_nonnull (name_row);
  g_assert_nonnull (owner_row);
  g_assert_nonnull (email_row);
  g_assert_nonnull (create);

  /* The text fields carry the row titles as their accessible names */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (name_row))),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Organization name");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (email_row))),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Your email");

  /* A bad email is refused before anything is written */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Acme Research");
  gtk_editable_set_text (GTK_EDITABLE (owner_row), "Ana Silva");
  gtk_editable_set_text (GTK_EDITABLE (email_row), "not an email");
  g_signal_emit_by_name (create, "clicked");
  g_assert_true (wait_for (has_css_class, email_row));
  organizations = od_repository_list_organizations (fixture.repository, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (organizations), ==, 0);
  g_clear_object (&organizations);

  /* A good one creates the organization and lands on its Members page */
  gtk_editable_set_text (GTK_EDITABLE (email_row), "ana@example.com");
  g_assert_false (gtk_widget_has_css_class (email_row, "error"));
  g_signal_emit_by_name (create, "clicked");
  g_assert_true (wait_for (view_is_main, fixture.window));

  shown.window = fixture.window;
  shown.page = "members";
  g_assert_true (wait_for (page_is_shown, &shown));
  g_assert_cmpstr (od_organization_get_name (od_window_get_organization (fixture.window)), ==,
                   "Acme Research");
  g_assert_cmpstr (od_member_get_email (od_window_get_actor (fixture.window)), ==,
                   "ana@example.com");

  organizations = od_repository_list_organizations (fixture.repository, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (organizations), ==, 1);

  /* "Add Organization" goes back to the welcome page, which can now go back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window),
                                             "win.add-organization", NULL));
  g_assert_cmpstr (od_window_get_view_name (fixture.window), ==, "welcome");
  g_assert_true (od_welcome_page_get_can_go_back (OD_WELCOME_PAGE (welcome)));
  g_signal_emit_by_name (welcome, "back");
  g_assert_cmpstr (od_window_get_view_name (fixture.window), ==, "main");

  /* Joining another organization acts as the member who joined, not as its first Owner */
  {
    g_autoptr(OdOrganization) other = NULL;
    g_autoptr(OdMember) boss = NULL;
    g_autoptr(OdInvitation) invitation = NULL;
    GtkWidget *code_row, *join_name_row, *join;

    other = od_repository_create_organization (fixture.repository, "Other Org", "boss@other.example",
                                               "Bea Boss", 5, &error);
    g_assert_no_error (error);
    boss = od_repository_get_first_owner (fixture.repository, od_organization_get_id (other), &error);
    invitation = od_repository_invite (fixture.repository, boss, "ana@example.com", OD_ROLE_ADMIN, &error);
    g_assert_no_error (error);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.add-organization", NULL));
    code_row = find_entry_row (welcome, "Invite code");
    join_name_row = find_entry_row (gtk_widget_get_parent (code_row), "Your name");
    join = find_button (welcome, "_Join Organization");
    g_assert_nonnull (join_name_row);
    gtk_editable_set_text (GTK_EDITABLE (code_row), od_invitation_get_code (invitation));
    gtk_editable_set_text (GTK_EDITABLE (join_name_row), "Ana Silva");
    g_signal_emit_by_name (join, "clicked");
    g_assert_true (wait_for (view_is_main, fixture.window));
    g_assert_true (wait_for (window_shows_organization, fixture.window));
    g_assert_cmpstr (od_member_get_email (od_window_get_actor (fixture.window)), ==, "ana@example.com");
    g_assert_cmpint (od_member_get_role (od_window_get_actor (fixture.window)), ==, OD_ROLE_ADMIN);
  }

  fixture_close (&fixture);
}

static void
test_window_open_error (void)
{
  g_autoptr(GError) error = NULL;
  OdWindow *window;

  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "This is not an Orgdesk database.");
  window = od_window_new (NULL, NULL, NULL);
  g_object_ref_sink (window);
  od_window_show_open_error (window, "/tmp/nothing.db", error);
  g_assert_cmpstr (od_window_get_view_name (window), ==, "error");
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

static void
test_format_cents (void)
{
  struct { gint64 cents; const char *text; } cases[] = {
    { 0, "$0.00" }, { 5, "$0.05" }, { 2299, "$22.99" }, { 6999, "$69.99" },
    { 27599, "$275.99" }, { 137940, "$1,379.40" }, { 100000000, "$1,000,000.00" },
    { -2299, "-$22.99" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = od_format_cents (cases[i].cents);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
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
      g_test_add_func ("/format/cents", test_format_cents);
      g_test_add_func ("/window/skipped", test_skipped);
      return g_test_run ();
    }

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/format/cents", test_format_cents);
  g_test_add_func ("/window/pages", test_window_pages);
  g_test_add_func ("/window/member-search", test_window_member_search);
  g_test_add_func ("/window/welcome", test_window_welcome);
  g_test_add_func ("/window/open-error", test_window_open_error);

  return g_test_run ();
}
