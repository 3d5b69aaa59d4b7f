/* test-invitations-view.c — the pending invitations view on the Members page costs nothing
 * while hidden behind its tab, binds rows only once shown, makes a row's menu only when it is
 * opened, and reads one invitation by id for its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: run through tests/headless.sh. Without one the tests are skipped.
 */
#define _GNU_SOURCE   /* dl_iterate_phdr(), in keep-quark-block.h */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "od-invitation.h"
#include "od-invitations-view.h"
#include "od-invite-batch.h"
#include "od-members-page.h"
#include "od-organization.h"
#include "od-repository.h"
#include "od-window.h"
#include "../ui/keep-quark-block.h"

#define TIMEOUT_SECONDS 20
#define N_INVITED 400   /* more than the 200 rows GTK 4.8 binds at once */

typedef struct
{
  char              *dir;
  OdRepository      *repository;
  OdOrganization    *organization;
  OdMember          *owner;
  OdWindow          *window;
  OdMembersPage     *page;
  OdInvitationsView *view;
  GtkWidget         *table;
  guint              n_pending;
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
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The rows the table has bound: the cells that show an invitation's address, in order */
static void
collect_emails (GtkWidget *root,
                GPtrArray *emails)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      g_str_has_suffix (gtk_label_get_text (GTK_LABEL (root)), "@invited.example"))
    g_ptr_array_add (emails, g_strdup (gtk_label_get_text (GTK_LABEL (root))));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_emails (child, emails);
}

static guint
n_bound_rows (Fixture *fixture)
{
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);

  collect_emails (fixture->table, emails);
  return emails->len;
}

/* The rows' menu buttons (each "⋮" is a GtkMenuButton named od-row-menu) */
static void
collect_menu_buttons (GtkWidget *root,
                      GPtrArray *buttons)
{
  if (GTK_IS_MENU_BUTTON (root) && g_strcmp0 (gtk_widget_get_name (root), "od-row-menu") == 0)
    g_ptr_array_add (buttons, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_menu_buttons (child, buttons);
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

static gint64
org_id (Fixture *fixture)
{
  return od_organization_get_id (fixture->organization);
}

static gboolean
view_has_count (gpointer data)
{
  Fixture *fixture = data;

  return od_invitations_view_get_n_items (fixture->view) == fixture->n_pending;
}

static void
fixture_open (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdInviteBatch) batch = od_invite_batch_new ();
  g_autoptr(GListModel) pending = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("orgdesk-test-invitations-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "orgdesk.db", NULL);
  fixture->repository = od_repository_open (path, &error);
  g_assert_no_error (error);
  fixture->organization = od_repository_create_demo (fixture->repository, 30, 3, 0, 1000, &error);
  g_assert_no_error (error);
  fixture->owner = od_repository_get_first_owner (fixture->repository, org_id (fixture), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_INVITED; i++)
    {
      g_autofree char *email = g_strdup_printf ("person%03u@invited.example", i);

      od_invite_batch_add (batch, i + 1, email, "write");
    }
  g_assert_true (od_repository_review_invitations (fixture->repository, fixture->owner, batch,
                                                   OD_ROLE_READ, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (od_repository_apply_invitations (fixture->repository, fixture->owner, batch,
                                                  NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pending = od_repository_list_invitations (fixture->repository, org_id (fixture), &error);
  g_assert_no_error (error);
  fixture->n_pending = g_list_model_get_n_items (pending);
  g_assert_cmpuint (fixture->n_pending, >=, N_INVITED);

  fixture->window = od_window_new (NULL, fixture->repository, NULL);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (wait_for (is_mapped, fixture->window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "members"));
  fixture->page = OD_MEMBERS_PAGE (od_window_get_page (fixture->window, "members"));
  g_assert_true (wait_for (is_mapped, fixture->page));
  fixture->view = OD_INVITATIONS_VIEW (find_widget (GTK_WIDGET (fixture->page), OD_TYPE_INVITATIONS_VIEW));
  g_assert_nonnull (fixture->view);
  fixture->table = find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_COLUMN_VIEW);
  g_assert_nonnull (fixture->table);
  /* The page has loaded the organization (which shows its members tab) */
  g_assert_true (wait_for (view_has_count, fixture));
}

static void
fixture_close (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  spin (100);
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

static gboolean
has_bound_rows (gpointer data)
{
  return n_bound_rows (data) > 0;
}

/* Hidden behind its tab, the view has its count (the tab's badge) but the table binds nothing;
 * shown, it binds a window of rows from the newest, not one per invitation */
static void
test_bound_only_when_shown (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) pending = NULL;
  g_autoptr(OdInvitation) newest = NULL;

  fixture_open (&fixture);
  g_assert_cmpstr (od_members_page_get_view (fixture.page), ==, "members");
  spin (300);

  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (fixture.view)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (fixture.table)))),
                    ==, 0);
  g_assert_cmpuint (n_bound_rows (&fixture), ==, 0);

  od_members_page_show_view (fixture.page, "invitations");
  g_assert_true (wait_for (is_mapped, fixture.view));
  g_assert_true (wait_for (has_bound_rows, &fixture));
  spin (200);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (fixture.table)))),
                    ==, fixture.n_pending);
  collect_emails (fixture.table, emails);
  g_assert_cmpuint (emails->len, <, N_INVITED);
  pending = od_repository_list_invitations (fixture.repository, org_id (&fixture), NULL);
  newest = g_list_model_get_item (pending, 0);
  g_assert_cmpstr (g_ptr_array_index (emails, 0), ==, od_invitation_get_email (newest));

  /* Back on the members tab, the count still follows the database */
  od_members_page_show_view (fixture.page, "members");
  g_assert_true (od_repository_revoke_invitation (fixture.repository, fixture.owner,
                                                  od_invitation_get_id (newest), NULL));
  fixture.n_pending--;
  g_assert_true (wait_for (view_has_count, &fixture));

  fixture_close (&fixture);
}

static gboolean
has_popover (gpointer data)
{
  return gtk_menu_button_get_popover (GTK_MENU_BUTTON (data)) != NULL;
}

/* The menu button of the topmost row on screen, once the table is drawn */
static gboolean
find_first_menu_button (gpointer data)
{
  void **args = data;
  Fixture *fixture = args[0];
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  float top = 0;

  args[1] = NULL;
  collect_menu_buttons (fixture->table, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      graphene_point_t point;

      if (gtk_widget_get_mapped (button) &&
          gtk_widget_compute_point (button, fixture->table, &GRAPHENE_POINT_INIT (0, 0), &point) &&
          (args[1] == NULL || point.y < top))
        {
          args[1] = button;
          top = point.y;
        }
    }
  return args[1] != NULL;
}

/* A row's menu is made when it is opened, for the invitation that row shows */
static void
test_menu_made_on_opening (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GListModel) pending = NULL;
  g_autoptr(OdInvitation) newest = NULL;
  g_autoptr(GVariant) target = NULL;
  GtkMenuButton *first;
  GMenuModel *menu;
  void *args[2] = { &fixture, NULL };

  fixture_open (&fixture);
  od_members_page_show_view (fixture.page, "invitations");
  g_assert_true (wait_for (find_first_menu_button, args));
  first = GTK_MENU_BUTTON (args[1]);

  /* No row has a menu yet */
  collect_menu_buttons (fixture.table, buttons);
  g_assert_cmpuint (buttons->len, >, 0);
  for (guint i = 0; i < buttons->len; i++)
    g_assert_null (gtk_menu_button_get_popover (g_ptr_array_index (buttons, i)));

  gtk_menu_button_popup (first);
  g_assert_true (wait_for (has_popover, first));
  menu = gtk_menu_button_get_menu_model (first);
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), >, 0);
  target = g_menu_model_get_item_attribute_value (menu, 0, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_INT64);
  g_assert_nonnull (target);
  pending = od_repository_list_invitations (fixture.repository, org_id (&fixture), NULL);
  newest = g_list_model_get_item (pending, 0);
  g_assert_cmpint (g_variant_get_int64 (target), ==, od_invitation_get_id (newest));
  gtk_menu_button_popdown (first);

  fixture_close (&fixture);
}

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

typedef struct
{
  GdkClipboard *clipboard;
  const char   *text;
} ClipboardWait;

static gboolean
clipboard_has (gpointer data)
{
  ClipboardWait *wait = data;
  GdkContentProvider *content = gdk_clipboard_get_content (wait->clipboard);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  return content != NULL && gdk_content_provider_get_value (content, &value, NULL) &&
         g_strcmp0 (g_value_get_string (&value), wait->text) == 0;
}

/* Copying the code of, and asking before revoking, the oldest invitation: far past the rows the
 * table has read, it is read by id */
static void
test_actions_read_by_id (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GListModel) pending = NULL;
  g_autoptr(OdInvitation) oldest = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog = NULL;
  ClipboardWait wait;

  fixture_open (&fixture);
  od_members_page_show_view (fixture.page, "invitations");
  pending = od_repository_list_invitations (fixture.repository, org_id (&fixture), NULL);
  oldest = g_list_model_get_item (pending, g_list_model_get_n_items (pending) - 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "invitations.copy-code", "x",
                                             od_invitation_get_id (oldest)));
  wait.clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture.view));
  wait.text = od_invitation_get_code (oldest);
  g_assert_true (wait_for (clipboard_has, &wait));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "invitations.revoke", "x",
                                             od_invitation_get_id (oldest)));
  g_assert_true (wait_for (has_message_dialog, &dialog));
  heading = g_strdup_printf ("Revoke the Invitation to %s?", od_invitation_get_email (oldest));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));

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
      g_test_add_func ("/invitations-view/skipped", test_skipped);
      return g_test_run ();
    }

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  od_test_keep_quark_block ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/invitations-view/bound-only-when-shown", test_bound_only_when_shown);
  g_test_add_func ("/invitations-view/menu-made-on-opening", test_menu_made_on_opening);
  g_test_add_func ("/invitations-view/actions-read-by-id", test_actions_read_by_id);

  return g_test_run ();
}
