/* test-members-page.c — the Members page, its pending invitations and the invite dialog, on a
 * real (temporary) database
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

#include "od-initials.h"
#include "od-invitation.h"
#include "od-invitations-view.h"
#include "od-invite-dialog.h"
#include "od-invite-review-row.h"
#include "od-member-list.h"
#include "od-members-page.h"
#include "od-organization.h"
#include "od-repository.h"
#include "od-team.h"
#include "od-undo.h"
#include "od-window.h"
#include "keep-quark-block.h"

#define TIMEOUT_SECONDS 20

typedef struct
{
  char           *dir;
  OdRepository   *repository;
  OdOrganization *organization;
  OdMember       *owner;
  OdWindow       *window;
  OdMembersPage  *page;
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

/* Lets idles and queued work run for a moment */
static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

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

/* A widget whose accessible label is exactly label */
static GtkWidget *
find_labelled (GtkWidget  *root,
               const char *label)
{
  g_autofree char *problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (root),
                                                                 GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                 label);

  if (problem == NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
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

static gboolean
page_is_loaded (gpointer data)
{
  Fixture *fixture = data;
  GtkColumnView *view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_COLUMN_VIEW, NULL));
  GtkSelectionModel *model = gtk_column_view_get_model (view);

  return model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

static void
fixture_open (Fixture *fixture,
              guint    n_members,
              guint    seats)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("orgdesk-test-members-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "orgdesk.db", NULL);
  fixture->repository = od_repository_open (path, &error);
  g_assert_no_error (error);

  fixture->organization = od_repository_create_demo (fixture->repository, n_members, 3, 0, seats, &error);
  g_assert_no_error (error);
  fixture->owner = od_repository_get_first_owner (fixture->repository,
                                                  od_organization_get_id (fixture->organization), &error);
  g_assert_no_error (error);

  fixture->window = od_window_new (NULL, fixture->repository, NULL);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (wait_for (is_mapped, fixture->window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "members"));
  fixture->page = OD_MEMBERS_PAGE (od_window_get_page (fixture->window, "members"));
  g_assert_true (wait_for (is_mapped, fixture->page));
  g_assert_true (wait_for (page_is_loaded, fixture));
}

static void
fixture_close (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Idles of the window (GTK's tooltip query among them) run while it still has a surface */
  spin (100);

  /* Dialogs left open */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != GTK_WINDOW (fixture->window))
        gtk_window_destroy (window);
    }

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
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

static GtkColumnView *
members_view (Fixture *fixture)
{
  return GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_COLUMN_VIEW, NULL));
}

static GListModel *
members_model (Fixture *fixture)
{
  return G_LIST_MODEL (gtk_column_view_get_model (members_view (fixture)));
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

  return g_strcmp0 (od_window_get_page_name (shown->window), shown->page) == 0;
}

static gboolean
widget_is_visible (gpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (data));
}

static gboolean
has_error_class (gpointer data)
{
  return gtk_widget_has_css_class (GTK_WIDGET (data), "error");
}

typedef struct
{
  Fixture *fixture;
  guint    expected;
} Count;

static gboolean
has_count (gpointer data)
{
  Count *count = data;
  GListModel *model = members_model (count->fixture);

  return model != NULL && g_list_model_get_n_items (model) == count->expected;
}

static void
wait_for_count (Fixture *fixture,
                guint    expected)
{
  Count count = { fixture, expected };

  if (!wait_for (has_count, &count))
    g_error ("expected %u members in the table, found %u", expected,
             g_list_model_get_n_items (members_model (fixture)));
}

static guint
count_role (Fixture *fixture,
            OdRole   role)
{
  g_autoptr(GListModel) list = od_repository_list_members_full (fixture->repository, org_id (fixture),
                                                                NULL, role, 0, OD_MEMBER_SORT_NAME,
                                                                FALSE, NULL);

  return g_list_model_get_n_items (list);
}

/* The AdwMessageDialog that asks before a change, once it is shown */
static gboolean
has_message_dialog (gpointer data)
{
  AdwMessageDialog **out = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *out = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }

  return FALSE;
}

/* What a click on one of its buttons does: the response, then the dialog closes */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static AdwMessageDialog *
wait_for_message_dialog (void)
{
  AdwMessageDialog *dialog = NULL;

  g_assert_true (wait_for (has_message_dialog, &dialog));
  return dialog;
}

/* ---------------------------------------------------------------------------------------------
 * The members table
 */

typedef struct
{
  GtkWidget  *page;
  const char *initials;
} Initials;

static gboolean
shows_initials (gpointer data)
{
  Initials *expected = data;
  GtkWidget *initials = find_widget (expected->page, OD_TYPE_INITIALS, NULL);

  return initials != NULL && g_strcmp0 (od_initials_get_text (OD_INITIALS (initials)), expected->initials) == 0;
}

static void
test_search (void)
{
  Fixture fixture = { 0 };
  GtkWidget *search;
  g_autoptr(OdMember) first = NULL;

  fixture_open (&fixture, 40, 0);
  wait_for_count (&fixture, 40);

  /* The search field asks the repository again (debounced by GtkSearchEntry) */
  search = find_widget (GTK_WIDGET (fixture.page), GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Search members");
  gtk_editable_set_text (GTK_EDITABLE (search), od_member_get_email (fixture.owner));
  wait_for_count (&fixture, 1);
  first = g_list_model_get_item (members_model (&fixture), 0);
  g_assert_cmpint (od_member_get_id (first), ==, od_member_get_id (fixture.owner));

  /* Its row starts with the initials of the first and last names, hidden from screen readers
   * (the row's sentence names the member) */
  {
    g_auto(GStrv) words = g_strsplit (od_member_get_name (fixture.owner), " ", -1);
    guint n = g_strv_length (words);
    g_autofree char *letters = NULL;
    Initials expected = { GTK_WIDGET (fixture.page), NULL };

    g_assert_cmpuint (n, >=, 2);
    letters = g_strdup_printf ("%c%c", g_ascii_toupper (words[0][0]), g_ascii_toupper (words[n - 1][0]));
    expected.initials = letters;
    g_assert_true (wait_for (shows_initials, &expected));
    gtk_test_accessible_assert_state (GTK_ACCESSIBLE (find_widget (GTK_WIDGET (fixture.page), OD_TYPE_INITIALS, NULL)),
                                      GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);
    g_assert_cmpuint (od_initials_get_color (OD_INITIALS (find_widget (GTK_WIDGET (fixture.page), OD_TYPE_INITIALS, NULL))), >=, 1);
  }

  /* Still the lazy model, never a filter model over it */
  g_assert_true (OD_IS_MEMBER_LIST (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (members_model (&fixture)))));

  gtk_editable_set_text (GTK_EDITABLE (search), "no such member anywhere");
  wait_for_count (&fixture, 0);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  wait_for_count (&fixture, 40);

  fixture_close (&fixture);
}

typedef struct
{
  Fixture      *fixture;
  OdMemberSort  sort;
  gboolean      descending;
} Sorted;

static gboolean
is_sorted_by (gpointer data)
{
  Sorted *sorted = data;
  GListModel *model = members_model (sorted->fixture);
  OdMemberList *list;

  if (!GTK_IS_MULTI_SELECTION (model))
    return FALSE;
  list = OD_MEMBER_LIST (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (model)));
  return od_member_list_get_sort (list) == sorted->sort &&
         od_member_list_get_descending (list) == sorted->descending;
}

static gboolean
all_have_role (GListModel *model,
               OdRole      role)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OdMember) member = g_list_model_get_item (model, i);

      if (od_member_get_role (member) != role)
        return FALSE;
    }
  return TRUE;
}

static void
test_role_filter_and_sort (void)
{
  Fixture fixture = { 0 };
  GtkWidget *role_dropdown;
  GtkColumnView *view;
  GListModel *model;
  guint n_write;

  fixture_open (&fixture, 60, 0);
  wait_for_count (&fixture, 60);

  role_dropdown = find_labelled (GTK_WIDGET (fixture.page), "Filter by role");
  g_assert_true (GTK_IS_DROP_DOWN (role_dropdown));
  g_assert_nonnull (find_labelled (GTK_WIDGET (fixture.page), "Filter by team"));

  /* Write (position 2): exactly the Write members, from SQL */
  n_write = count_role (&fixture, OD_ROLE_WRITE);
  g_assert_cmpuint (n_write, >, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (role_dropdown), OD_ROLE_WRITE);
  wait_for_count (&fixture, n_write);
  g_assert_true (all_have_role (members_model (&fixture), OD_ROLE_WRITE));

  /* Sorted by email from the Sort menu's action, then descending */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "sort.column", "s", "email"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "sort.order", "s", "descending"));
  {
    Sorted sorted = { &fixture, OD_MEMBER_SORT_EMAIL, TRUE };
    g_assert_true (wait_for (is_sorted_by, &sorted));
  }
  model = members_model (&fixture);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_write);
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OdMember) a = g_list_model_get_item (model, i - 1);
      g_autoptr(OdMember) b = g_list_model_get_item (model, i);

      g_assert_cmpint (g_ascii_strcasecmp (od_member_get_email (a), od_member_get_email (b)), >, 0);
    }
  g_assert_true (OD_IS_MEMBER_LIST (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (model))));
  g_assert_cmpint (od_member_list_get_sort (OD_MEMBER_LIST (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (model)))),
                   ==, OD_MEMBER_SORT_EMAIL);

  /* A click on a column header (what sort_by_column does) sorts by that column in SQL */
  view = members_view (&fixture);
  {
    GListModel *columns = gtk_column_view_get_columns (view);
    g_autoptr(GtkColumnViewColumn) joined = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

        if (g_strcmp0 (gtk_column_view_column_get_title (column), "Joined") == 0)
          joined = g_object_ref (column);
      }
    g_assert_nonnull (joined);
    gtk_column_view_sort_by_column (view, joined, GTK_SORT_ASCENDING);
  }
  {
    Sorted sorted = { &fixture, OD_MEMBER_SORT_JOINED, FALSE };
    g_assert_true (wait_for (is_sorted_by, &sorted));
  }
  model = G_LIST_MODEL (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (members_model (&fixture))));
  g_assert_cmpint (od_member_list_get_sort (OD_MEMBER_LIST (model)), ==, OD_MEMBER_SORT_JOINED);
  g_assert_false (od_member_list_get_descending (OD_MEMBER_LIST (model)));
  g_assert_cmpint (od_member_list_get_role (OD_MEMBER_LIST (model)), ==, OD_ROLE_WRITE);
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OdMember) a = g_list_model_get_item (model, i - 1);
      g_autoptr(OdMember) b = g_list_model_get_item (model, i);

      g_assert_cmpint (od_member_get_joined_at (a), <=, od_member_get_joined_at (b));
    }

  /* Back to every role */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (role_dropdown), 0);
  wait_for_count (&fixture, 60);

  fixture_close (&fixture);
}

/* The change's toast, with its Undo, is up (it comes once the worker is done, which may be after
 * the table has followed the change) */
static gboolean
has_undo (gpointer data)
{
  return od_undo_get_last (GTK_WINDOW (data)) != NULL;
}

/* The revealer that shows the bulk bar (the bar has one of its own inside) */
static GtkRevealer *
bulk_bar_revealer (GtkWidget *page)
{
  GtkWidget *button = find_button (page, "_Remove…");
  GtkWidget *bar = gtk_widget_get_ancestor (button, GTK_TYPE_ACTION_BAR);

  return GTK_REVEALER (gtk_widget_get_ancestor (bar, GTK_TYPE_REVEALER));
}

static gboolean
revealer_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (data));
}

static gboolean
member_exists (Fixture *fixture,
               gint64   id)
{
  g_autoptr(OdMember) member = od_repository_get_member (fixture->repository, id, NULL);

  return member != NULL;
}

typedef struct
{
  Fixture *fixture;
  GArray  *ids;
} Ids;

static gboolean
all_back (gpointer data)
{
  Ids *ids = data;

  for (guint i = 0; i < ids->ids->len; i++)
    if (!member_exists (ids->fixture, g_array_index (ids->ids, gint64, i)))
      return FALSE;
  return TRUE;
}

static void
test_bulk_remove_undo (void)
{
  Fixture fixture = { 0 };
  GtkSelectionModel *selection;
  GtkWidget *revealer;
  GtkWidget *remove_button;
  AdwMessageDialog *dialog;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Ids back;
  guint n;

  fixture_open (&fixture, 30, 0);
  wait_for_count (&fixture, 30);

  /* No selection, no bar */
  g_assert_false (gtk_revealer_get_reveal_child (bulk_bar_revealer (GTK_WIDGET (fixture.page))));

  /* Three members who are not the Owner */
  selection = GTK_SELECTION_MODEL (members_model (&fixture));
  n = 0;
  for (guint i = 0; n < 3 && i < 30; i++)
    {
      g_autoptr(OdMember) member = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (od_member_get_role (member) == OD_ROLE_OWNER)
        continue;
      gtk_selection_model_select_item (selection, i, FALSE);
      {
        gint64 id = od_member_get_id (member);
        g_array_append_val (ids, id);
      }
      n++;
    }
  g_assert_cmpuint (ids->len, ==, 3);

  /* The bulk bar appears with what it will do */
  revealer = GTK_WIDGET (bulk_bar_revealer (GTK_WIDGET (fixture.page)));
  g_assert_nonnull (revealer);
  g_assert_true (wait_for (revealer_shown, revealer));
  g_assert_nonnull (find_labelled (GTK_WIDGET (fixture.page), "Clear selection"));

  /* Remove asks first; Cancel changes nothing */
  remove_button = find_button (revealer, "_Remove…");
  g_signal_emit_by_name (remove_button, "clicked");
  dialog = wait_for_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove 3 Members?");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "They lose access at once"));
  respond (dialog, "cancel");
  spin (200);
  g_assert_true (member_exists (&fixture, g_array_index (ids, gint64, 0)));

  g_signal_emit_by_name (remove_button, "clicked");
  dialog = wait_for_message_dialog ();
  respond (dialog, "confirm");
  wait_for_count (&fixture, 27);
  for (guint i = 0; i < ids->len; i++)
    g_assert_false (member_exists (&fixture, g_array_index (ids, gint64, i)));

  /* The toast's Undo (also Ctrl+Z: win.undo) puts all three back */
  g_assert_true (wait_for (has_undo, fixture.window));
  /* libadwaita 1.2 frees a toast twice when it is dismissed during its show animation */
  spin (500);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL));
  back.fixture = &fixture;
  back.ids = ids;
  g_assert_true (wait_for (all_back, &back));
  wait_for_count (&fixture, 30);

  fixture_close (&fixture);
}

/* Select All then a bulk action: the change is "the list except the rows left unselected", read
 * in SQL by the core; the question says how many; the Owner among them makes the whole refused
 * (nothing changes); without the Owner it applies to exactly the list shown (here: a search). */
static gboolean
role_count_is (gpointer data)
{
  Count *count = data;

  return count_role (count->fixture, OD_ROLE_ADMIN) == count->expected;
}

static guint
owner_position (GListModel *model)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OdMember) member = g_list_model_get_item (model, i);

      if (od_member_get_role (member) == OD_ROLE_OWNER)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* The team picker's list (in the bulk bar's popover): the list view named "Teams" */
static GtkWidget *
find_team_list (GtkWidget *root)
{
  g_autofree char *problem = NULL;

  if (GTK_IS_LIST_VIEW (root) &&
      (problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Teams")) == NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_team_list (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_select_all_bulk (void)
{
  Fixture fixture = { 0 };
  GtkSelectionModel *selection;
  AdwMessageDialog *dialog;
  GtkSearchEntry *entry;
  g_autoptr(GListModel) shown = NULL;
  g_autoptr(GHashTable) shown_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *heading = NULL;
  guint n_admins, n_all, owner_at;
  Count admins;

  fixture_open (&fixture, 40, 0);
  wait_for_count (&fixture, 40);
  n_admins = count_role (&fixture, OD_ROLE_ADMIN);

  /* Everything, the Owner too: demoting the only Owner is refused, so nobody changes */
  selection = GTK_SELECTION_MODEL (members_model (&fixture));
  gtk_selection_model_select_all (selection);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "members.set-selected-role", "i",
                                             (gint32) OD_ROLE_ADMIN));
  dialog = wait_for_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Make 40 Members Admin?");
  respond (dialog, "confirm");
  spin (500);
  g_assert_cmpuint (count_role (&fixture, OD_ROLE_ADMIN), ==, n_admins);
  g_assert_cmpuint (count_role (&fixture, OD_ROLE_OWNER), ==, 1);

  /* A search, Select All, the Owner's row (if listed) unselected: exactly those change */
  entry = GTK_SEARCH_ENTRY (find_widget (GTK_WIDGET (fixture.page), GTK_TYPE_SEARCH_ENTRY, NULL));
  gtk_editable_set_text (GTK_EDITABLE (entry), "a");
  shown = od_repository_list_members (fixture.repository, org_id (&fixture), "a", NULL);
  n_all = g_list_model_get_n_items (shown);
  g_assert_cmpuint (n_all, >, 3);
  g_assert_cmpuint (n_all, <, 40);
  wait_for_count (&fixture, n_all);
  selection = GTK_SELECTION_MODEL (members_model (&fixture));
  gtk_selection_model_select_all (selection);
  owner_at = owner_position (G_LIST_MODEL (selection));
  if (owner_at != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_unselect_item (selection, owner_at);
  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(OdMember) member = g_list_model_get_item (shown, i);

      if (od_member_get_role (member) != OD_ROLE_OWNER)
        g_hash_table_add (shown_ids, g_memdup2 (&(gint64) { od_member_get_id (member) }, sizeof (gint64)));
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "members.set-selected-role", "i",
                                             (gint32) OD_ROLE_ADMIN));
  dialog = wait_for_message_dialog ();
  heading = g_strdup_printf ("Make %u Members Admin?", g_hash_table_size (shown_ids));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  respond (dialog, "confirm");

  {
    g_autoptr(GListModel) all = od_repository_list_members (fixture.repository, org_id (&fixture), NULL, NULL);
    guint expected = 0;

    admins.fixture = &fixture;
    /* Admins now: those of the search, and the Admins outside it */
    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(OdMember) member = g_list_model_get_item (all, i);
        gint64 id = od_member_get_id (member);

        if (g_hash_table_contains (shown_ids, &id) || od_member_get_role (member) == OD_ROLE_ADMIN)
          expected++;
      }
    admins.expected = expected;
    g_assert_true (wait_for (role_count_is, &admins));
    spin (200);
    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(OdMember) before = g_list_model_get_item (all, i);
        g_autoptr(OdMember) now = od_repository_get_member (fixture.repository, od_member_get_id (before), NULL);
        gint64 id = od_member_get_id (before);

        if (g_hash_table_contains (shown_ids, &id))
          g_assert_cmpint (od_member_get_role (now), ==, OD_ROLE_ADMIN);
        else
          g_assert_cmpint (od_member_get_role (now), ==, od_member_get_role (before));
      }
  }

  /* Add to a team: the same list, minus the Owner, read on the worker */
  {
    /* The team picker's list, in the bulk bar's popover */
    GtkWidget *teams = find_team_list (GTK_WIDGET (fixture.page));
    g_autoptr(OdTeam) team = NULL;
    g_autoptr(GListModel) in_team = NULL;

    g_assert_true (GTK_IS_LIST_VIEW (teams));
    team = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (teams))), 0);
    selection = GTK_SELECTION_MODEL (members_model (&fixture));
    gtk_selection_model_select_all (selection);
    owner_at = owner_position (G_LIST_MODEL (selection));
    if (owner_at != GTK_INVALID_LIST_POSITION)
      gtk_selection_model_unselect_item (selection, owner_at);
    g_signal_emit_by_name (teams, "activate", 0);
    dialog = wait_for_message_dialog ();
    g_clear_pointer (&heading, g_free);
    heading = g_strdup_printf ("Add %u Members to %s?", g_hash_table_size (shown_ids), od_team_get_name (team));
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
    respond (dialog, "confirm");
    spin (200);
    {
      gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;
      guint found = 0;

      while (found < g_hash_table_size (shown_ids) && g_get_monotonic_time () < deadline)
        {
          g_clear_object (&in_team);
          in_team = od_repository_list_members_full (fixture.repository, org_id (&fixture), "a", OD_ROLE_NONE,
                                                     od_team_get_id (team), OD_MEMBER_SORT_NAME, FALSE, NULL);
          found = 0;
          for (guint i = 0; i < g_list_model_get_n_items (in_team); i++)
            {
              g_autoptr(OdMember) member = g_list_model_get_item (in_team, i);
              gint64 id = od_member_get_id (member);

              found += g_hash_table_contains (shown_ids, &id);
            }
          spin (50);
        }
      g_assert_cmpuint (found, ==, g_hash_table_size (shown_ids));
    }
    spin (300);
  }

  /* Remove: the same list, minus the Owner */
  selection = GTK_SELECTION_MODEL (members_model (&fixture));
  gtk_selection_model_select_all (selection);
  owner_at = owner_position (G_LIST_MODEL (selection));
  if (owner_at != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_unselect_item (selection, owner_at);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "members.remove-selected", NULL));
  dialog = wait_for_message_dialog ();
  g_clear_pointer (&heading, g_free);
  heading = g_strdup_printf ("Remove %u Members?", g_hash_table_size (shown_ids));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  respond (dialog, "confirm");
  wait_for_count (&fixture, n_all - g_hash_table_size (shown_ids));
  {
    g_autoptr(GListModel) all = od_repository_list_members (fixture.repository, org_id (&fixture), NULL, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (all), ==, 40 - g_hash_table_size (shown_ids));
  }

  fixture_close (&fixture);
}

static gboolean
is_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

static void
test_read_member_sees_no_admin_controls (void)
{
  Fixture fixture = { 0 };
  g_autoptr(OdMember) reader = NULL;
  g_autoptr(GListModel) list = NULL;
  GtkColumnView *view;
  GListModel *columns;
  GtkWidget *invite;

  fixture_open (&fixture, 20, 0);
  wait_for_count (&fixture, 20);

  /* As an Admin first: the controls are there */
  invite = find_labelled (GTK_WIDGET (fixture.page), "Invite Members");
  g_assert_nonnull (invite);
  g_assert_true (gtk_widget_get_visible (invite));

  list = od_repository_list_members_full (fixture.repository, org_id (&fixture), NULL, OD_ROLE_READ, 0,
                                          OD_MEMBER_SORT_NAME, FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
  reader = g_list_model_get_item (list, 0);
  od_page_set_actor (OD_PAGE (fixture.page), reader);
  g_assert_true (wait_for (is_hidden, invite));

  g_assert_false (gtk_widget_get_visible (invite));
  g_assert_null (od_members_page_invite (fixture.page));

  /* No selection to act on, no row menus */
  view = members_view (&fixture);
  g_assert_true (GTK_IS_NO_SELECTION (gtk_column_view_get_model (view)));
  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), "Actions") == 0)
        g_assert_false (gtk_column_view_column_get_visible (column));
    }
  g_assert_false (gtk_revealer_get_reveal_child (bulk_bar_revealer (GTK_WIDGET (fixture.page))));

  /* Ctrl+I does nothing for them either */
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.invite", NULL);
  spin (100);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

        g_assert_false (OD_IS_INVITE_DIALOG (window));
      }
  }

  /* The table itself is still there */
  g_assert_cmpuint (g_list_model_get_n_items (members_model (&fixture)), ==, 20);

  fixture_close (&fixture);
}

typedef struct
{
  const char *path;
  guint       n_lines;
} Export;

/* The export is complete: its header, the rows, and a last CRLF */
static gboolean
export_is_complete (gpointer data)
{
  Export *export = data;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (export->path, &contents, NULL, NULL))
    return FALSE;
  lines = g_strsplit (contents, "\r\n", -1);
  return g_strv_length (lines) == export->n_lines;
}

static void
test_export_filtered (void)
{
  Fixture fixture = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_auto(GStrv) lines = NULL;
  GtkWidget *role_dropdown;
  guint n_read;

  fixture_open (&fixture, 40, 0);
  wait_for_count (&fixture, 40);

  n_read = count_role (&fixture, OD_ROLE_READ);
  role_dropdown = find_labelled (GTK_WIDGET (fixture.page), "Filter by role");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (role_dropdown), OD_ROLE_READ);
  wait_for_count (&fixture, n_read);

  path = g_build_filename (fixture.dir, "members.csv", NULL);
  file = g_file_new_for_path (path);
  od_members_page_export_to_file (fixture.page, file, OD_EXPORT_FORMAT_CSV);
  {
    /* The header, one line per Read member, and the empty string after the last CRLF */
    Export export = { path, n_read + 2 };
    g_assert_true (wait_for (export_is_complete, &export));
  }

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n_read + 2);
  g_assert_cmpstr (lines[0], ==, "name,email,role,teams,joined,last_active");
  for (guint i = 1; i <= n_read; i++)
    g_assert_nonnull (strstr (lines[i], ",read,"));
  g_unlink (path);

  fixture_close (&fixture);
}

/* ---------------------------------------------------------------------------------------------
 * The invite dialog and the pending invitations
 */

typedef struct
{
  OdInviteDialog *dialog;
  const char     *step;
} Step;

static gboolean
at_step (gpointer data)
{
  Step *step = data;

  return g_strcmp0 (od_invite_dialog_get_step (step->dialog), step->step) == 0;
}

static void
wait_for_step (OdInviteDialog *dialog,
               const char     *name)
{
  Step step = { dialog, name };

  if (!wait_for (at_step, &step))
    g_error ("the dialog is at %s, not %s", od_invite_dialog_get_step (dialog), name);
}

static guint
count_pending (Fixture *fixture)
{
  guint n_members = 0, n_pending = 0, n_seats = 0;

  g_assert_true (od_repository_get_seat_usage (fixture->repository, org_id (fixture),
                                               &n_members, &n_pending, &n_seats, NULL));
  return n_pending;
}

static OdInviteDialog *
open_dialog (Fixture *fixture)
{
  GtkWidget *dialog;

  /* Ctrl+I's action, from the window */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.invite", NULL));
  dialog = od_members_page_invite (fixture->page);   /* the same one, already open */
  g_assert_true (OD_IS_INVITE_DIALOG (dialog));
  g_assert_true (wait_for (is_mapped, dialog));
  g_assert_cmpstr (od_invite_dialog_get_step (OD_INVITE_DIALOG (dialog)), ==, "who");

  return OD_INVITE_DIALOG (dialog);
}

static gboolean
is_gone (gpointer data)
{
  GWeakRef *ref = data;
  g_autoptr(GObject) object = g_weak_ref_get (ref);

  return object == NULL || !gtk_widget_get_visible (GTK_WIDGET (object));
}

static gboolean
view_is_invitations (gpointer data)
{
  return g_strcmp0 (od_members_page_get_view (OD_MEMBERS_PAGE (data)), "invitations") == 0;
}

static gboolean
invitations_view_has (gpointer data)
{
  void **args = data;
  OdInvitationsView *view = args[0];
  const char *email = args[1];
  GListModel *model = od_invitations_view_get_model (view);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OdInvitation) invitation = g_list_model_get_item (model, i);

      if (g_strcmp0 (od_invitation_get_email (invitation), email) == 0)
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
find_label_text (GtkWidget  *root,
                 const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0 &&
      gtk_widget_get_visible (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_text (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelText;

static gboolean
shows_label_text (gpointer data)
{
  LabelText *label = data;

  return find_label_text (label->root, label->text) != NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *label;
} Labelled;

static gboolean
has_labelled (gpointer data)
{
  Labelled *labelled = data;

  return find_labelled (labelled->root, labelled->label) != NULL;
}

static void
test_invite_review_and_apply (void)
{
  Fixture fixture = { 0 };
  OdInviteDialog *dialog;
  GListModel *rows;
  g_autofree char *pasted = NULL;
  g_autoptr(OdMember) someone = NULL;
  GWeakRef ref;
  guint pending_before;
  GtkWidget *review_view;
  void *args[2];
  static const OdInviteOutcome expected[] = {
    OD_INVITE_OUTCOME_WILL_INVITE,
    OD_INVITE_OUTCOME_INVALID_EMAIL,
    OD_INVITE_OUTCOME_DUPLICATE_IN_FILE,
    OD_INVITE_OUTCOME_ALREADY_MEMBER,
  };

  fixture_open (&fixture, 20, 0);
  wait_for_count (&fixture, 20);
  someone = g_list_model_get_item (members_model (&fixture), 3);
  pending_before = count_pending (&fixture);

  dialog = open_dialog (&fixture);

  /* Review with nothing to review says so */
  od_invite_dialog_review (dialog);
  g_assert_cmpstr (od_invite_dialog_get_step (dialog), ==, "who");

  /* One valid, one invalid, one duplicate, one already a member */
  pasted = g_strdup_printf ("new.person@example.com, not-an-email;\nnew.person@example.com %s",
                            od_member_get_email (someone));
  od_invite_dialog_set_pasted_text (dialog, pasted);
  od_invite_dialog_review (dialog);
  wait_for_step (dialog, "review");

  rows = od_invite_dialog_get_review_rows (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(OdInviteReviewRow) row = g_list_model_get_item (rows, i);

      g_assert_cmpint (od_invite_review_row_get_outcome (row), ==, expected[i]);
    }
  {
    g_autoptr(OdInviteReviewRow) row = g_list_model_get_item (rows, 3);
    g_autofree char *sentence = g_strdup_printf ("Line 2, %s, Write, already a member",
                                                 od_member_get_email (someone));

    g_assert_cmpstr (od_invite_review_row_get_sentence (row), ==, sentence);

    /* The table's row reads that sentence */
    review_view = find_widget (GTK_WIDGET (dialog), GTK_TYPE_COLUMN_VIEW, NULL);
    g_assert_nonnull (review_view);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (review_view), GTK_ACCESSIBLE_PROPERTY_LABEL, "Review");
    {
      Labelled labelled = { review_view, sentence };
      g_assert_true (wait_for (has_labelled, &labelled));
    }
  }

  /* Nothing was sent by the review */
  g_assert_cmpuint (count_pending (&fixture), ==, pending_before);
  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "_Invite 1 Person"));
  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "_Save Rejected Rows…"));

  /* The rejected rows, saved to fix and import again */
  {
    g_autofree char *path = g_build_filename (fixture.dir, "rejected.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *contents = NULL;
    LabelText saved = { GTK_WIDGET (dialog), NULL };
    g_autofree char *message = g_strdup ("The rejected rows were saved to “rejected.csv”: fix them there and import the file again.");

    od_invite_dialog_save_rejected (dialog, file);
    saved.text = message;
    g_assert_true (wait_for (shows_label_text, &saved));
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "email,role,line,reason\r\nnot-an-email,,1,"));
    g_assert_nonnull (strstr (contents, od_member_get_email (someone)));
    g_unlink (path);
  }

  g_weak_ref_init (&ref, dialog);
  od_invite_dialog_apply (dialog);
  g_assert_true (wait_for (is_gone, &ref));
  g_weak_ref_clear (&ref);

  /* Only the valid one was invited */
  g_assert_cmpuint (count_pending (&fixture), ==, pending_before + 1);
  {
    g_autoptr(OdInvitation) invitation = od_repository_find_invitation (fixture.repository, org_id (&fixture),
                                                                        "new.person@example.com", NULL);
    g_assert_nonnull (invitation);
    g_assert_cmpint (od_invitation_get_role (invitation), ==, OD_ROLE_WRITE);
  }

  /* The page shows its pending invitations, with the new one */
  g_assert_true (wait_for (view_is_invitations, fixture.page));
  args[0] = find_widget (GTK_WIDGET (fixture.page), OD_TYPE_INVITATIONS_VIEW, NULL);
  args[1] = (void *) "new.person@example.com";
  g_assert_true (wait_for (invitations_view_has, args));

  fixture_close (&fixture);
}

/* Holds the repository's worker until released, so that a cancel is certain to come first */
typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean released;
} Gate;

static gpointer
gate_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Gate *gate = data;

  g_mutex_lock (&gate->mutex);
  while (!gate->released)
    g_cond_wait (&gate->cond, &gate->mutex);
  g_mutex_unlock (&gate->mutex);

  return GINT_TO_POINTER (TRUE);
}

static void
gate_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  od_repository_run_finish (OD_REPOSITORY (object), result, NULL);
}

static gboolean
shows_message (gpointer data)
{
  GtkWidget *dialog = data;

  return find_widget (dialog, GTK_TYPE_LABEL, NULL) != NULL &&
         g_strcmp0 (od_invite_dialog_get_step (OD_INVITE_DIALOG (dialog)), "review") == 0;
}

static void
test_cancel_apply (void)
{
  Fixture fixture = { 0 };
  OdInviteDialog *dialog;
  g_autoptr(GString) pasted = g_string_new (NULL);
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  Gate gate = { 0 };
  guint pending_before;

  /* 500 addresses, seats for all of them */
  fixture_open (&fixture, 10, 1000);
  for (guint i = 0; i < 500; i++)
    g_string_append_printf (pasted, "person%03u@example.org\n", i);
  pending_before = count_pending (&fixture);
  before = od_repository_list_invitations (fixture.repository, org_id (&fixture), NULL);

  dialog = open_dialog (&fixture);
  od_invite_dialog_set_pasted_text (dialog, pasted->str);
  od_invite_dialog_review (dialog);
  wait_for_step (dialog, "review");
  g_assert_cmpuint (od_invite_batch_get_count (od_invite_dialog_get_batch (dialog),
                                               OD_INVITE_OUTCOME_WILL_INVITE), ==, 500);

  /* The worker is busy; the apply waits behind it and is cancelled before it starts */
  g_mutex_init (&gate.mutex);
  g_cond_init (&gate.cond);
  od_repository_run_async (fixture.repository, gate_func, &gate, NULL, NULL, NULL, gate_done_cb, NULL);
  od_invite_dialog_apply (dialog);
  g_assert_cmpstr (od_invite_dialog_get_step (dialog), ==, "applying");
  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "C_ancel"));
  od_invite_dialog_cancel_work (dialog);

  g_mutex_lock (&gate.mutex);
  gate.released = TRUE;
  g_cond_signal (&gate.cond);
  g_mutex_unlock (&gate.mutex);

  /* Back on the review, saying so; nothing was invited */
  wait_for_step (dialog, "review");
  g_assert_true (wait_for (shows_message, dialog));
  g_assert_nonnull (find_label_text (GTK_WIDGET (dialog), "Cancelled: nobody was invited."));
  g_assert_cmpuint (count_pending (&fixture), ==, pending_before);
  after = od_repository_list_invitations (fixture.repository, org_id (&fixture), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (before));
  g_assert_false (od_invite_batch_is_applied (od_invite_dialog_get_batch (dialog)));

  /* It can still be sent afterwards */
  od_invite_dialog_apply (dialog);
  g_assert_true (wait_for (view_is_invitations, fixture.page));
  g_assert_cmpuint (count_pending (&fixture), ==, pending_before + 500);

  g_mutex_clear (&gate.mutex);
  g_cond_clear (&gate.cond);
  fixture_close (&fixture);
}

/* A CSV file, chosen or dropped: read on a thread, its rows reviewed with their lines; a file
 * that is not UTF-8 is refused whole with the reason */
static void
test_invite_import_csv (void)
{
  Fixture fixture = { 0 };
  OdInviteDialog *dialog;
  g_autofree char *path = NULL;
  g_autofree char *bad_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) bad = NULL;
  GListModel *rows;
  LabelText label;
  static const char csv[] = "email,role\r\ncsv.one@example.com,admin\r\ncsv.two@example.com,superuser\r\ncsv.three@example.com,\r\n";
  static const char not_utf8[] = "email\ncaf\xe9@example.com\n";

  fixture_open (&fixture, 10, 50);
  dialog = open_dialog (&fixture);

  bad_path = g_build_filename (fixture.dir, "latin1.csv", NULL);
  g_assert_true (g_file_set_contents (bad_path, not_utf8, sizeof not_utf8 - 1, NULL));
  bad = g_file_new_for_path (bad_path);
  od_invite_dialog_import_file (dialog, bad);
  label.root = GTK_WIDGET (dialog);
  label.text = "latin1.csv";
  g_assert_true (wait_for (shows_label_text, &label));
  {
    GtkWidget *title = find_label_text (GTK_WIDGET (dialog), "latin1.csv");
    GtkWidget *row = gtk_widget_get_ancestor (title, ADW_TYPE_ACTION_ROW);

    g_assert_nonnull (row);
    g_assert_true (wait_for (has_error_class, row));
  }

  path = g_build_filename (fixture.dir, "people.csv", NULL);
  g_assert_true (g_file_set_contents (path, csv, sizeof csv - 1, NULL));
  file = g_file_new_for_path (path);
  od_invite_dialog_import_file (dialog, file);
  label.text = "3 addresses to review";
  g_assert_true (wait_for (shows_label_text, &label));

  od_invite_dialog_review (dialog);
  wait_for_step (dialog, "review");
  rows = od_invite_dialog_get_review_rows (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  {
    g_autoptr(OdInviteReviewRow) one = g_list_model_get_item (rows, 0);
    g_autoptr(OdInviteReviewRow) two = g_list_model_get_item (rows, 1);
    g_autoptr(OdInviteReviewRow) three = g_list_model_get_item (rows, 2);

    g_assert_cmpstr (od_invite_review_row_get_sentence (one), ==, "Line 2, csv.one@example.com, Admin, will be invited");
    g_assert_cmpint (od_invite_review_row_get_outcome (two), ==, OD_INVITE_OUTCOME_UNKNOWN_ROLE);
    g_assert_cmpstr (od_invite_review_row_get_role (two), ==, "superuser");
    g_assert_cmpstr (od_invite_review_row_get_sentence (three), ==, "Line 4, csv.three@example.com, Write, will be invited");
  }
  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "_Invite 2 People"));

  /* Back keeps what was given */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "invite.back", NULL));
  g_assert_cmpstr (od_invite_dialog_get_step (dialog), ==, "who");
  g_assert_nonnull (find_label_text (GTK_WIDGET (dialog), "3 addresses to review"));

  /* Escape closes: nothing was sent */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  spin (100);
  {
    g_autoptr(OdInvitation) none = od_repository_find_invitation (fixture.repository, org_id (&fixture),
                                                                  "csv.one@example.com", NULL);
    g_assert_null (none);
  }

  fixture_close (&fixture);
}

/* When every seat is taken: Add Seats on the page (Admins and Owners), and rows over the limit
 * in the review with Add Seats there too */
static void
test_seats_full (void)
{
  Fixture fixture = { 0 };
  OdInviteDialog *dialog;
  guint n_members = 0, n_pending = 0, n_seats = 0;
  GtkWidget *add_seats;
  g_autoptr(GError) error = NULL;

  fixture_open (&fixture, 10, 50);
  g_assert_true (od_repository_get_seat_usage (fixture.repository, org_id (&fixture),
                                               &n_members, &n_pending, &n_seats, NULL));
  add_seats = find_button (GTK_WIDGET (fixture.page), "_Add Seats…");
  g_assert_nonnull (add_seats);
  g_assert_false (gtk_widget_get_visible (add_seats));

  g_assert_true (od_repository_set_seats (fixture.repository, fixture.owner, n_members + n_pending, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (widget_is_visible, add_seats));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (add_seats)), ==, "win.show-page");

  dialog = open_dialog (&fixture);
  od_invite_dialog_set_pasted_text (dialog, "one.more@example.com");
  od_invite_dialog_review (dialog);
  wait_for_step (dialog, "review");
  g_assert_cmpuint (od_invite_batch_get_count (od_invite_dialog_get_batch (dialog),
                                               OD_INVITE_OUTCOME_OVER_SEAT_LIMIT), ==, 1);
  g_assert_true (gtk_widget_get_visible (find_button (GTK_WIDGET (dialog), "Add _Seats…")));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (dialog), "_Invite 0 People")));

  /* Add Seats closes the dialog and shows Billing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "invite.add-seats", NULL));
  {
    PageShown shown = { fixture.window, "billing" };
    g_assert_true (wait_for (page_is_shown, &shown));
  }

  fixture_close (&fixture);
}

static gboolean
n_invitations_is (gpointer data)
{
  void **args = data;

  return od_invitations_view_get_n_items (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
test_revoke_invitations_undo (void)
{
  Fixture fixture = { 0 };
  OdInvitationsView *view;
  GtkSelectionModel *selection;
  AdwMessageDialog *dialog;
  void *args[2];
  guint n;

  fixture_open (&fixture, 10, 100);
  g_object_unref (od_repository_invite (fixture.repository, fixture.owner, "a@example.net", OD_ROLE_READ, NULL));
  g_object_unref (od_repository_invite (fixture.repository, fixture.owner, "b@example.net", OD_ROLE_WRITE, NULL));

  od_members_page_show_view (fixture.page, "invitations");
  view = OD_INVITATIONS_VIEW (find_widget (GTK_WIDGET (fixture.page), OD_TYPE_INVITATIONS_VIEW, NULL));
  n = count_pending (&fixture);
  g_assert_cmpuint (n, >=, 2);
  args[0] = view;
  args[1] = GUINT_TO_POINTER (n);
  g_assert_true (wait_for (n_invitations_is, args));

  /* The newest two (a and b) selected, revoked after the question */
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (find_labelled (GTK_WIDGET (view), "Pending invitations")));
  gtk_selection_model_select_range (selection, 0, 2, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "invitations.revoke-selected", NULL));
  dialog = wait_for_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Revoke 2 Invitations?");
  respond (dialog, "confirm");
  args[1] = GUINT_TO_POINTER (n - 2);
  g_assert_true (wait_for (n_invitations_is, args));
  g_assert_cmpuint (count_pending (&fixture), ==, n - 2);

  /* Undo brings both back */
  g_assert_true (wait_for (has_undo, fixture.window));
  /* libadwaita 1.2 frees a toast twice when it is dismissed during its show animation */
  spin (500);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL));
  args[1] = GUINT_TO_POINTER (n);
  g_assert_true (wait_for (n_invitations_is, args));
  g_assert_cmpuint (count_pending (&fixture), ==, n);

  fixture_close (&fixture);
}

static void
test_format_expiry (void)
{
  struct { gint64 delta; const char *text; } cases[] = {
    { -10, "Expired" }, { 0, "Expired" }, { 30, "in 1 minute" }, { 59 * 60, "in 59 minutes" },
    { 3 * 3600 + 5, "in 3 hours" }, { 86400 * 7 - 20, "in 7 days" }, { 86400 + 3600, "in 1 day" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = od_invitations_format_expiry (1000000 + cases[i].delta, 1000000);

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
      g_test_add_func ("/members/skipped", test_skipped);
      return g_test_run ();
    }

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  od_test_keep_quark_block ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/members/format-expiry", test_format_expiry);
  g_test_add_func ("/members/search", test_search);
  g_test_add_func ("/members/role-filter-and-sort", test_role_filter_and_sort);
  g_test_add_func ("/members/bulk-remove-undo", test_bulk_remove_undo);
  g_test_add_func ("/members/select-all-bulk", test_select_all_bulk);
  g_test_add_func ("/members/read-member", test_read_member_sees_no_admin_controls);
  g_test_add_func ("/members/export-filtered", test_export_filtered);
  g_test_add_func ("/invite/review-and-apply", test_invite_review_and_apply);
  g_test_add_func ("/invite/cancel-apply", test_cancel_apply);
  g_test_add_func ("/invite/import-csv", test_invite_import_csv);
  g_test_add_func ("/invite/seats-full", test_seats_full);
  g_test_add_func ("/invitations/revoke-undo", test_revoke_invitations_undo);

  return g_test_run ();
}
