/* test-window.c — the main window on a real (temporary) database
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

#include "od-command-palette.h"
#include "od-credential-dialog.h"
#include "od-format.h"
#include "od-members-page.h"
#include "od-overview-page.h"
#include "od-policy.h"
#include "od-policy-dialog.h"
#include "od-post-dialog.h"
#include "od-settings-page.h"
#include "od-organization.h"
#include "od-repository.h"
#include "od-team-dialog.h"
#include "od-teams-page.h"
#include "od-welcome-page.h"
#include "od-invitation.h"
#include "od-window.h"
#include "od-wrap-box.h"
#include "keep-quark-block.h"

#define TIMEOUT_SECONDS 20

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

  /* Only the page shown first is made; the others are made when they are needed */
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture.window), OD_TYPE_OVERVIEW_PAGE, NULL));
  g_assert_null (find_widget (GTK_WIDGET (fixture.window), OD_TYPE_MEMBERS_PAGE, NULL));
  g_assert_null (find_widget (GTK_WIDGET (fixture.window), OD_TYPE_SETTINGS_PAGE, NULL));
  g_assert_null (find_widget (GTK_WIDGET (fixture.window), OD_TYPE_WELCOME_PAGE, NULL));

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
      GtkWidget *page;
      GtkWidget *stack;

      g_assert_nonnull (row);
      g_assert_true (gtk_widget_get_visible (row));
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_ROLE_LIST_ITEM);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, titles[i]);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window),
                                                 "win.show-page", "s", pages[i]));
      g_assert_true (wait_for (page_is_shown, &shown));
      page = od_window_get_page (fixture.window, pages[i]);
      g_assert_true (gtk_widget_get_visible (page));
      /* The page is made into its area, which is the one on screen, and knows the organization */
      stack = gtk_widget_get_ancestor (page, GTK_TYPE_STACK);
      g_assert_true (gtk_widget_is_ancestor (page, gtk_stack_get_visible_child (GTK_STACK (stack))));
      g_assert_true (od_page_get_organization (OD_PAGE (page)) == od_window_get_organization (fixture.window));
      g_assert_true (od_page_get_actor (OD_PAGE (page)) == od_window_get_actor (fixture.window));
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

/* Adaptive layout: the window at 360 px wide, at normal, one and a half and double text size
 * (gtk-xft-dpi, which the text-scaling-factor setting drives). Every page, a team's page, the
 * pending invitations and the dialogs (invite, post an update, new team, command palette, API
 * key, policy) must need no more than 360 px (gtk_widget_measure): they reflow (wrapping rows of
 * buttons, labels and button texts that wrap, columns that hide), as nothing around the pages
 * scrolls sideways. The sidebar must fold. The widths are reported; OD_DUMP=1 also prints the
 * widgets that make a page too wide, and OD_SCREENSHOT_DIR=DIR saves what each one shows. */

#define NARROW 360

/* Runs the main loop until nothing has been pending for a while: pages load on a worker and
 * hand their rows back through the main context */
static void
settle (void)
{
  guint quiet = 0;

  while (quiet < 100)
    {
      if (g_main_context_iteration (NULL, FALSE))
        quiet = 0;
      else
        {
          quiet++;
          g_usleep (1000);
        }
    }
}

static int
min_width (GtkWidget *widget)
{
  int minimum = 0, natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);

  return minimum;
}

static void
dump_wide (GtkWidget *widget,
           int        depth)
{
  if (!gtk_widget_get_visible (widget) || depth > 40)
    return;
  if (min_width (widget) <= NARROW - 60)
    return;
  g_test_message ("%*s%s %s: %d", depth, "", G_OBJECT_TYPE_NAME (widget),
                  gtk_widget_get_name (widget), min_width (widget));
  /* The children that make it wide, and the widest narrow ones beside them */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && min_width (child) > 40 && min_width (child) <= NARROW - 60)
      g_test_message ("%*s+ %s %s: %d", depth + 1, "", G_OBJECT_TYPE_NAME (child),
                      GTK_IS_LABEL (child) ? gtk_label_get_label (GTK_LABEL (child)) :
                      gtk_widget_get_tooltip_text (child) != NULL ? gtk_widget_get_tooltip_text (child) : "",
                      min_width (child));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    dump_wide (child, depth + 1);
}

static void
assert_fits (const char *what,
             GtkWidget  *widget)
{
  int width = min_width (widget);

  if (width > NARROW && g_getenv ("OD_DUMP") != NULL)
    dump_wide (widget, 0);

  g_test_message ("%s needs %d px", what, width);
  if (width > NARROW)
    g_test_fail_printf ("%s needs %d px, more than %d px", what, width, NARROW);
}

/* Nothing between the window's content and a page may scroll sideways (a page too wide for a
 * phone must reflow instead) */
static void
assert_no_sideways_scrolling (GtkWidget *page,
                              GtkWidget *content)
{
  for (GtkWidget *widget = gtk_widget_get_parent (page); widget != NULL && widget != content;
       widget = gtk_widget_get_parent (widget))
    if (GTK_IS_SCROLLED_WINDOW (widget))
      {
        GtkPolicyType policy;

        gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (widget), &policy, NULL);
        g_assert_cmpint (policy, ==, GTK_POLICY_NEVER);
      }
}

/* With OD_SCREENSHOT_DIR set, saves what the widget shows as DIR/NAME.png (to look at the
 * layouts at any text size without a settings daemon) */
static void
save_screenshot (GtkWidget  *widget,
                 const char *label,
                 const char *name)
{
  const char *dir = g_getenv ("OD_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s-%s.png", label, name);
  g_strdelimit (file, " ", '-');
  path = g_build_filename (dir, file, NULL);
  gdk_texture_save_to_png (texture, path);
}

/* Presents a dialog, checks and shows its width, and closes it */
static void
check_narrow_dialog (const char *label,
                     const char *name,
                     gpointer    dialog)
{
  g_autofree char *what = g_strdup_printf ("%s: the %s dialog", label, name);

  g_assert_true (ADW_IS_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wait_for (is_mapped, dialog));
  settle ();
  /* Its content, as for the main window: under Xvfb a window adds the frame it draws itself */
  assert_fits (what, adw_window_get_content (ADW_WINDOW (dialog)));
  save_screenshot (GTK_WIDGET (dialog), label, name);
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
}

static gboolean
page_is_mapped (gpointer data)
{
  PageShown *shown = data;

  return page_is_shown (data) && gtk_widget_get_mapped (od_window_get_page (shown->window, shown->page));
}

static void
show_page (OdWindow   *window,
           const char *name)
{
  PageShown shown = { window, name };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name));
  g_assert_true (wait_for (page_is_mapped, &shown));
}

static gboolean
members_listed (gpointer data)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (data), GTK_TYPE_COLUMN_VIEW, NULL));
  GtkSelectionModel *model = view != NULL ? gtk_column_view_get_model (view) : NULL;

  return model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

static void
check_narrow_window (Fixture    *fixture,
                     gint64      organization_id,
                     const char *label)
{
  static const char *pages[] = { "overview", "members", "teams", "billing", "settings", "activity" };
  OdWindow *window = fixture->window;
  /* The window's content: under Xvfb the window adds the frame it draws itself */
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  GtkWidget *members = od_window_get_page (window, "members");
  GtkWidget *teams_page = od_window_get_page (window, "teams");
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(OdTeam) team = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  OdCommandPalette *palette;
  GtkWidget *dialog;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = od_window_get_page (window, pages[i]);

      show_page (window, pages[i]);
      if (g_str_equal (pages[i], "members"))
        g_assert_true (wait_for (members_listed, page));
      settle ();

      g_free (what);
      what = g_strdup_printf ("%s: the %s page", label, pages[i]);
      assert_fits (what, page);
      assert_no_sideways_scrolling (page, content);
      g_free (what);
      what = g_strdup_printf ("%s: the window on the %s page", label, pages[i]);
      assert_fits (what, content);
      save_screenshot (content, label, pages[i]);
    }

  /* Every page fits, so the sidebar has folded away */
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (find_widget (content, ADW_TYPE_LEAFLET, NULL))));

  /* A team's own page */
  teams = od_repository_list_teams (fixture->repository, organization_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (teams), >, 0);
  team = g_list_model_get_item (teams, 0);
  od_teams_page_show_team (OD_TEAMS_PAGE (teams_page), team);
  show_page (window, "teams");
  settle ();
  g_assert_nonnull (od_teams_page_get_team (OD_TEAMS_PAGE (teams_page)));
  g_free (what);
  what = g_strdup_printf ("%s: the window on a team's page", label);
  assert_fits (what, content);
  save_screenshot (content, label, "team");
  od_teams_page_show_list (OD_TEAMS_PAGE (teams_page));

  /* The pending invitations, and the dialogs */
  show_page (window, "members");
  od_members_page_show_view (OD_MEMBERS_PAGE (members), "invitations");
  settle ();
  g_free (what);
  what = g_strdup_printf ("%s: the window on the pending invitations", label);
  assert_fits (what, content);
  save_screenshot (content, label, "invitations");
  od_members_page_show_view (OD_MEMBERS_PAGE (members), "members");

  dialog = od_members_page_invite (OD_MEMBERS_PAGE (members));
  g_assert_nonnull (dialog);
  check_narrow_dialog (label, "invite", dialog);

  check_narrow_dialog (label, "post-update",
                       od_post_dialog_new (GTK_WIDGET (window), fixture->repository,
                                           od_window_get_actor (window), teams, 0));
  check_narrow_dialog (label, "new-team",
                       od_team_dialog_new (GTK_WIDGET (window), fixture->repository,
                                           od_window_get_actor (window), NULL));
  check_narrow_dialog (label, "api-key",
                       od_credential_dialog_new (GTK_WINDOW (window), fixture->repository,
                                                 od_window_get_actor (window), NULL));
  changes = od_policy_diff_unpublished (fixture->repository, organization_id, &error);
  g_assert_no_error (error);
  check_narrow_dialog (label, "policy",
                       od_policy_dialog_new (GTK_WINDOW (window), "Publish Policy?",
                                             "Members’ installs that read the folder apply these "
                                             "changes. Lines starting with + are added, with − removed.",
                                             changes, "_Publish"));

  palette = od_command_palette_new (window);
  gtk_window_present (GTK_WINDOW (palette));
  g_assert_true (wait_for (is_mapped, palette));
  od_command_palette_set_text (palette, "a");
  settle ();
  g_free (what);
  what = g_strdup_printf ("%s: the command palette", label);
  assert_fits (what, adw_window_get_content (ADW_WINDOW (palette)));
  save_screenshot (GTK_WIDGET (palette), label, "palette");
  gtk_window_destroy (GTK_WINDOW (palette));
  settle ();
}

/* OdWrapBox: three 100 px buttons 6 px apart need 100 px at the least and 312 px on one line;
 * narrower, they go onto two lines and then three, in order, and an expanding child takes what
 * is left of its line */
static void
test_wrap_box (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = od_wrap_box_new (6);
  GtkWidget *buttons[3];
  int minimum, natural, one_line, two_lines, three_lines;
  graphene_rect_t bounds;

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      buttons[i] = gtk_button_new ();
      gtk_widget_set_size_request (buttons[i], 100, 30);
      od_wrap_box_append (OD_WRAP_BOX (box), buttons[i]);
    }
  gtk_window_set_child (GTK_WINDOW (window), box);

  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 100);
  g_assert_cmpint (natural, ==, 312);

  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 312, &one_line, NULL, NULL, NULL);
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 250, &two_lines, NULL, NULL, NULL);
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 100, &three_lines, NULL, NULL, NULL);
  g_assert_cmpint (one_line, >=, 30);
  g_assert_cmpint (two_lines, ==, 2 * one_line + 6);
  g_assert_cmpint (three_lines, ==, 3 * one_line + 6 * 2);

  /* Two lines: the third button starts the second line */
  gtk_widget_set_hexpand (buttons[1], TRUE);
  gtk_widget_allocate (box, 250, two_lines, -1, NULL);
  g_assert_true (gtk_widget_compute_bounds (buttons[2], box, &bounds));
  g_assert_cmpfloat (bounds.origin.x, ==, 0);
  g_assert_cmpfloat (bounds.origin.y, ==, one_line + 6);
  /* The expanding second button takes the rest of the first line */
  g_assert_true (gtk_widget_compute_bounds (buttons[1], box, &bounds));
  g_assert_cmpfloat (bounds.origin.x, ==, 106);
  g_assert_cmpfloat (bounds.size.width, ==, 250 - 106);

  /* A hidden child takes no place */
  gtk_widget_set_visible (buttons[0], FALSE);
  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, 206);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_narrow (gconstpointer data)
{
  int dpi = GPOINTER_TO_INT (data);
  GtkSettings *settings = gtk_settings_get_default ();
  g_autoptr(OdOrganization) organization = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  Fixture fixture = { 0 };
  int old_dpi = 0;

  fixture_open (&fixture);
  organization = od_repository_create_demo (fixture.repository, 40, 4, 6, 0, &error);
  g_assert_no_error (error);

  g_object_get (settings, "gtk-xft-dpi", &old_dpi, NULL);
  if (dpi > 0)
    g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  label = g_strdup_printf ("text scale %.1f", dpi > 0 ? dpi / (96.0 * 1024) : 1.0);

  fixture.window = od_window_new (NULL, fixture.repository, NULL);
  g_object_ref_sink (fixture.window);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), NARROW, 640);
  gtk_window_present (GTK_WINDOW (fixture.window));
  g_assert_true (wait_for (is_mapped, fixture.window));
  settle ();

  check_narrow_window (&fixture, od_organization_get_id (organization), label);

  fixture_close (&fixture);
  settle ();
  if (dpi > 0)
    g_object_set (settings, "gtk-xft-dpi", old_dpi > 0 ? old_dpi : -1, NULL);
}

/* The command palette (Ctrl+K) */

static gboolean
search_shows_member (gpointer data)
{
  OdWindow *window = data;
  GtkWidget *entry = find_widget (od_window_get_page (window, "members"), GTK_TYPE_SEARCH_ENTRY, NULL);

  return g_strcmp0 (od_window_get_page_name (window), "members") == 0 &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), "chen.dubois3@northwind.example") == 0;
}

static gboolean
member_row_has_focus (gpointer data)
{
  OdWindow *window = data;
  GtkWidget *view = find_widget (od_window_get_page (window, "members"), GTK_TYPE_COLUMN_VIEW, NULL);
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_is_ancestor (focus, view) && model != NULL &&
         g_list_model_get_n_items (G_LIST_MODEL (model)) == 1 &&
         gtk_selection_model_is_selected (model, 0);
}

static gboolean
is_cleared (gpointer data)
{
  return *(gpointer *)data == NULL;
}

static OdCommandPalette *
find_palette (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (OD_IS_COMMAND_PALETTE (toplevel))
        return OD_COMMAND_PALETTE (toplevel);
    }

  return NULL;
}

/* Nothing typed lists pages and actions, never people; a page's name finds it; a name finds the
 * member through the core's search, read as one sentence; Enter shows them and closes */
static void
test_window_command_palette (void)
{
  g_autoptr(OdOrganization) organization = NULL;
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  OdCommandPalette *palette;
  gpointer watch;

  fixture_open (&fixture);
  organization = od_repository_create_demo (fixture.repository, 10, 3, 1, 0, &error);
  g_assert_no_error (error);
  fixture_show_window (&fixture);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.command-palette", NULL));
  palette = find_palette ();
  g_assert_nonnull (palette);

  g_assert_cmpstr (od_command_palette_get_result (palette, 0), ==, "Overview, page, Alt+1");
  for (guint i = 0; i < od_command_palette_get_n_results (palette); i++)
    g_assert_null (strstr (od_command_palette_get_result (palette, i), ", member, "));

  od_command_palette_set_text (palette, "Teams");
  g_assert_cmpstr (od_command_palette_get_result (palette, 0), ==, "Teams, page, Alt+3");

  od_command_palette_set_text (palette, "chen dub");
  g_assert_cmpuint (od_command_palette_get_n_results (palette), ==, 1);
  g_assert_cmpstr (od_command_palette_get_result (palette, 0), ==,
                   "Chen Dubois, member, chen.dubois3@northwind.example");

  watch = palette;
  g_object_add_weak_pointer (G_OBJECT (palette), &watch);
  g_assert_true (od_command_palette_activate (palette));
  g_assert_true (wait_for (is_cleared, &watch));
  g_assert_true (wait_for (search_shows_member, fixture.window));
  /* Their row is selected and has the focus: Delete would ask to remove them */
  g_assert_true (wait_for (member_row_has_focus, fixture.window));

  fixture_close (&fixture);
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
  od_test_keep_quark_block ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/format/cents", test_format_cents);
  g_test_add_func ("/window/pages", test_window_pages);
  g_test_add_func ("/window/member-search", test_window_member_search);
  g_test_add_func ("/window/welcome", test_window_welcome);
  g_test_add_func ("/window/open-error", test_window_open_error);
  g_test_add_func ("/window/command-palette", test_window_command_palette);
  g_test_add_func ("/wrap-box/reflow", test_wrap_box);
  g_test_add_data_func ("/window/narrow", GINT_TO_POINTER (0), test_window_narrow);
  g_test_add_data_func ("/window/narrow-text-scale-1.5", GINT_TO_POINTER (96 * 1024 * 3 / 2), test_window_narrow);
  g_test_add_data_func ("/window/narrow-text-scale-2", GINT_TO_POINTER (96 * 1024 * 2), test_window_narrow);

  return g_test_run ();
}
