/* od-members-page.c — seat usage and the members table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table's model is the core's lazy member list (od_repository_list_members()): it loads rows
 * a page at a time and filters in SQL, so a search asks the repository for a new list instead of
 * filtering here, and an organization of 100,000 members costs only the rows on screen.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-format.h"
#include "od-members-page.h"
#include "od-ui-util.h"

struct _OdMembersPage
{
  OdPage              parent_instance;

  GtkSingleSelection *selection;
  gint64              loaded_organization_id;
  guint               serial;

  GtkLabel           *seats_label;
  GtkLevelBar        *seats_level_bar;
  GtkLabel           *pending_label;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_status;
  AdwStatusPage      *error_status;
};

G_DEFINE_FINAL_TYPE (OdMembersPage, od_members_page, OD_TYPE_PAGE)

typedef struct
{
  gint64    organization_id;
  char     *search;
  gboolean  with_list;
  guint     serial;
} Query;

typedef struct
{
  guint       serial;
  GListModel *members;   /* NULL when the list was not asked for */
  GError     *list_error;
  gboolean    have_usage;
  guint       n_members;
  guint       n_pending;
  guint       n_seats;
} Snapshot;

static void
query_free (Query *query)
{
  g_free (query->search);
  g_free (query);
}

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_object (&snapshot->members);
  g_clear_error (&snapshot->list_error);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static gpointer
load_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Query *query = data;
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->serial = query->serial;

  if (query->with_list)
    snapshot->members = od_repository_list_members (repository, query->organization_id,
                                                    query->search, &snapshot->list_error);

  snapshot->have_usage = od_repository_get_seat_usage (repository, query->organization_id,
                                                       &snapshot->n_members,
                                                       &snapshot->n_pending,
                                                       &snapshot->n_seats,
                                                       NULL);

  return snapshot;
}

static void
update_list_state (OdMembersPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->selection == NULL)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (search != NULL && *search != '\0')
    {
      g_autofree char *description = NULL;

      /* Translators: %s is what was typed in the search field */
      description = g_strdup_printf (_("No member’s name or email matches “%s”."), search);
      adw_status_page_set_title (self->empty_status, _("No Members Found"));
      od_status_page_set_plain_description (self->empty_status, description);
    }
  else
    {
      adw_status_page_set_title (self->empty_status, _("No Members"));
      adw_status_page_set_description (self->empty_status,
                                       _("Invite people to the organization to see them here."));
    }

  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
selection_items_changed_cb (OdMembersPage *self)
{
  update_list_state (self);
}

static void
set_members (OdMembersPage *self,
             GListModel    *members)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_items_changed_cb, self);

  if (members != NULL)
    {
      selection = gtk_single_selection_new (g_object_ref (members));
      gtk_single_selection_set_autoselect (selection, FALSE);
      gtk_single_selection_set_can_unselect (selection, TRUE);
      g_signal_connect_object (selection, "items-changed",
                               G_CALLBACK (selection_items_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  g_set_object (&self->selection, selection);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  update_list_state (self);
}

static void
update_usage (OdMembersPage *self,
              guint          n_members,
              guint          n_pending,
              guint          n_seats)
{
  g_autofree char *seats = NULL;
  g_autofree char *pending = NULL;
  guint used = n_members + n_pending;

  /* Translators: "12 of 20 seats used"; seats used counts members and pending invitations */
  seats = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u seat used",
                                        "%u of %u seats used", n_seats),
                           used, n_seats);
  if (n_pending == 0)
    pending = g_strdup (_("No pending invitations"));
  else
    pending = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pending invitation",
                                            "%u pending invitations", n_pending),
                               n_pending);

  gtk_label_set_text (self->seats_label, seats);
  gtk_label_set_text (self->pending_label, pending);
  gtk_level_bar_set_max_value (self->seats_level_bar, MAX (n_seats, 1));
  gtk_level_bar_set_value (self->seats_level_bar, MIN (used, MAX (n_seats, 1)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->seats_level_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, seats,
                                  -1);
}

static void
load_done (OdPage       *page,
           gpointer      result,
           const GError *error)
{
  OdMembersPage *self = OD_MEMBERS_PAGE (page);
  g_autoptr(Snapshot) snapshot = result;

  if (snapshot == NULL)
    {
      od_status_page_set_plain_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      return;
    }

  if (snapshot->have_usage)
    update_usage (self, snapshot->n_members, snapshot->n_pending, snapshot->n_seats);

  /* A newer search is on its way: this list is already out of date */
  if (snapshot->serial != self->serial)
    return;

  if (snapshot->list_error != NULL)
    {
      od_status_page_set_plain_description (self->error_status, snapshot->list_error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      return;
    }

  if (snapshot->members != NULL)
    set_members (self, snapshot->members);
}

static void
load (OdMembersPage *self,
      gboolean       with_list)
{
  Query *query;

  query = g_new0 (Query, 1);
  query->organization_id = od_page_get_organization_id (OD_PAGE (self));
  query->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  query->with_list = with_list;

  if (with_list)
    self->serial++;
  query->serial = self->serial;

  od_page_run (OD_PAGE (self), load_func, query, (GDestroyNotify)query_free,
               (GDestroyNotify)snapshot_free, load_done);
}

static void
od_members_page_reload (OdPage *page)
{
  OdMembersPage *self = OD_MEMBERS_PAGE (page);
  gint64 organization_id = od_page_get_organization_id (page);

  if (organization_id == 0)
    {
      self->loaded_organization_id = 0;
      set_members (self, NULL);
      return;
    }

  /* The member list follows the repository's changes by itself; only a new organization needs a
   * new list. Seat usage is read again every time. */
  if (organization_id != self->loaded_organization_id)
    {
      self->loaded_organization_id = organization_id;
      /* Another organization starts unfiltered (its "search-changed" comes later, and its
       * query then finds the same list: the serial keeps the newest) */
      if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      load (self, TRUE);
    }
  else
    {
      load (self, FALSE);
    }
}

static void
search_changed_cb (OdMembersPage  *self,
                   GtkSearchEntry *entry)
{
  if (od_page_get_organization_id (OD_PAGE (self)) != 0)
    load (self, TRUE);
}

static void
stop_search_cb (OdMembersPage  *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Cells */

static GtkWidget *
create_cell_label (int width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* A floor for the column, so that a narrow window scrolls sideways instead of showing "…" */
  gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  return label;
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gtk_list_item_set_child (item, create_cell_label (10));
}

static void
setup_email_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gtk_list_item_set_child (item, create_cell_label (18));
}

static void
setup_role_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (item, create_cell_label (5));
}

static void
setup_name_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *avatar = adw_avatar_new (24, NULL, TRUE);
  GtkWidget *label = create_cell_label (12);

  gtk_accessible_update_state (GTK_ACCESSIBLE (avatar), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), avatar);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static GtkLabel *
item_label (GtkListItem *item)
{
  return GTK_LABEL (gtk_list_item_get_child (item));
}

/* The row a cell sits in, so that it can be named as a sentence for screen readers */
static GtkWidget *
find_row (GtkWidget *cell_child)
{
  for (GtkWidget *w = gtk_widget_get_parent (cell_child); w != NULL; w = gtk_widget_get_parent (w))
    {
      if (GTK_IS_COLUMN_VIEW (w))
        break;
      if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (w)) == GTK_ACCESSIBLE_ROLE_ROW)
        return w;
    }

  return NULL;
}

static char *
describe_member (OdMember *member)
{
  guint n_teams = od_member_get_n_teams (member);
  g_autofree char *teams = NULL;

  if (n_teams == 0)
    teams = g_strdup (_("no teams"));
  else
    teams = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u team", "%u teams", n_teams), n_teams);

  /* Translators: how a member row is read by a screen reader: name, email, role, teams */
  return g_strdup_printf (_("%s, %s, %s, %s"),
                          od_member_get_name (member),
                          od_member_get_email (member),
                          od_role_get_label (od_member_get_role (member)),
                          teams);
}

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  OdMember *member = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *avatar = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  g_autofree char *sentence = describe_member (member);
  GtkWidget *row;

  adw_avatar_set_text (ADW_AVATAR (avatar), od_member_get_name (member));
  gtk_label_set_text (GTK_LABEL (label), od_member_get_name (member));

  if ((row = find_row (box)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                    -1);
}

static void
bind_email_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  OdMember *member = gtk_list_item_get_item (item);

  gtk_label_set_text (item_label (item), od_member_get_email (member));
}

static void
bind_role_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  OdMember *member = gtk_list_item_get_item (item);

  gtk_label_set_text (item_label (item), od_role_get_label (od_member_get_role (member)));
}

static void
bind_teams_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  OdMember *member = gtk_list_item_get_item (item);
  const char *teams = od_member_get_teams (member);

  gtk_label_set_text (item_label (item), teams != NULL && *teams ? teams : "—");
}

static void
bind_joined_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  OdMember *member = gtk_list_item_get_item (item);
  g_autofree char *text = od_format_date (od_member_get_joined_at (member));

  gtk_label_set_text (item_label (item), text);
}

static void
bind_last_active_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  OdMember *member = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  text = od_format_relative_time (od_member_get_last_active_at (member),
                                  g_get_real_time () / G_USEC_PER_SEC);
  gtk_label_set_text (item_label (item), text);
}

static void
od_members_page_dispose (GObject *object)
{
  OdMembersPage *self = (OdMembersPage *)object;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_items_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_MEMBERS_PAGE);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (od_members_page_parent_class)->dispose (object);
}

static void
od_members_page_class_init (OdMembersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OdPageClass *page_class = OD_PAGE_CLASS (klass);

  object_class->dispose = od_members_page_dispose;

  page_class->reload = od_members_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-members-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, seats_label);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, seats_level_bar);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, pending_label);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, error_status);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_email_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_role_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_email_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_role_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_teams_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_joined_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_last_active_cb);
}

static void
od_members_page_init (OdMembersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  od_page_set_title (OD_PAGE (self), _("Members"));
  od_page_set_icon_name (OD_PAGE (self), "system-users-symbolic");

  /* Seat usage has its own colour rules: none of GtkLevelBar's low/high/full defaults */
  gtk_level_bar_remove_offset_value (self->seats_level_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->seats_level_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->seats_level_bar, GTK_LEVEL_BAR_OFFSET_FULL);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

void
od_members_page_focus_search (OdMembersPage *self)
{
  g_return_if_fail (OD_IS_MEMBERS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
