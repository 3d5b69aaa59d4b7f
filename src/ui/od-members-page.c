/* od-members-page.c — seat usage, the members table and the pending invitations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table's model is the core's lazy member list (od_repository_list_members_full()): it loads
 * rows a page at a time and filters and sorts in SQL, so a search, a role or team filter or
 * another order asks the repository for a new list instead of filtering here, and an
 * organization of 100,000 members costs only the rows on screen.
 *
 * The order is chosen with the "Sort" menu (keyboard) or by clicking a column header. GTK 4.8
 * has no way to ask a GtkColumnViewSorter which column it sorts by, so each column gets a
 * GtkCustomSorter that only records that it was asked: comparing two probe objects with the
 * column view's sorter tells the primary column (the first one asked) and, from the sign of the
 * answer, the direction. No sort model is ever put over the rows.
 *
 * Admins and Owners get a multi-selection with a bar of bulk actions (change role, add to a team,
 * remove), a menu per row (right click, Menu or Shift+F10 too), and Invite Members. Every change
 * asks first (or offers Undo in its toast) and runs on the repository's worker.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-format.h"
#include "od-invitations-view.h"
#include "od-invite-dialog.h"
#include "od-journal-undo.h"
#include "od-member-list.h"
#include "od-members-page.h"
#include "od-initials.h"
#include "od-members-util.h"
#include "od-team.h"
#include "od-ui-util.h"

#define NARROW_WIDTH 640
/* A selection of all rows but at most this many is applied as "the list except these" */
#define MAX_UNSELECTED_READ 1000

struct _OdMembersPage
{
  OdPage               parent_instance;

  GListModel          *members;          /* the lazy OdMemberList shown */
  GtkSelectionModel   *selection;
  GListModel          *teams;            /* OdTeam, for the team filter and the team picker */
  GArray              *team_ids;         /* team dropdown position → team id (0: every team) */
  GtkStringFilter     *team_name_filter;
  GSimpleActionGroup  *sort_actions;
  GObject             *probe_a;
  GObject             *probe_b;
  int                  probed_sort;
  gint64               loaded_organization_id;
  guint                serial;
  OdMemberSort         sort;
  gboolean             descending;
  OdRole               loaded_role;      /* the actor's role the widgets were set up for */
  GtkWidget           *invite_dialog;

  guint                updating_teams : 1;
  guint                syncing_sort : 1;
  guint                narrow : 1;
  guint                layout_source;
  char                *reveal_email;    /* od_members_page_show_member(): focus its row once listed */

  GtkLabel            *seats_label;
  GtkLevelBar         *seats_level_bar;
  GtkLabel            *pending_label;
  GtkButton           *add_seats_button;
  AdwViewSwitcher     *view_switcher;
  AdwViewSwitcher     *narrow_view_switcher;
  GtkWidget           *invite_button;
  AdwButtonContent    *invite_button_content;
  AdwViewStack        *view_stack;
  AdwViewStackPage    *invitations_stack_page;
  GtkBox              *toolbar_box;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *role_dropdown;
  GtkDropDown         *team_dropdown;
  GtkMenuButton       *sort_button;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *email_column;
  GtkColumnViewColumn *role_column;
  GtkColumnViewColumn *teams_column;
  GtkColumnViewColumn *joined_column;
  GtkColumnViewColumn *last_active_column;
  GtkColumnViewColumn *actions_column;
  AdwStatusPage       *empty_status;
  AdwStatusPage       *error_status;
  GtkRevealer         *action_revealer;
  GtkLabel            *selection_label;
  GtkMenuButton       *bulk_role_button;
  GtkMenuButton       *bulk_team_button;
  GtkWidget           *clear_selection_button;
  GtkWidget           *bulk_remove_button;
  GtkPopover          *team_popover;
  GtkSearchEntry      *team_search_entry;
  GtkListView         *team_list;
  OdInvitationsView   *invitations_view;
};

G_DEFINE_FINAL_TYPE (OdMembersPage, od_members_page, OD_TYPE_PAGE)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char   *name;     /* the sort.column action's target */
  OdMemberSort  sort;
} sort_names[] = {
  { "name",        OD_MEMBER_SORT_NAME },
  { "email",       OD_MEMBER_SORT_EMAIL },
  { "role",        OD_MEMBER_SORT_ROLE },
  { "teams",       OD_MEMBER_SORT_TEAMS },
  { "joined",      OD_MEMBER_SORT_JOINED },
  { "last-active", OD_MEMBER_SORT_LAST_ACTIVE },
};

static void load (OdMembersPage *self,
                  gboolean       with_list);

static OdRole
actor_role (OdMembersPage *self)
{
  return od_page_get_actor_role (OD_PAGE (self));
}

static gboolean
can (OdMembersPage *self,
     OdAction       action)
{
  return od_page_get_actor (OD_PAGE (self)) != NULL && od_role_can (actor_role (self), action);
}

static gboolean
can_manage_members (OdMembersPage *self)
{
  return can (self, OD_ACTION_REMOVE_MEMBER) || can (self, OD_ACTION_CHANGE_ROLE);
}

/* ---------------------------------------------------------------------------------------------
 * Loading: seat usage, the teams and (for a new organization or query) the member list
 */

typedef struct
{
  gint64        organization_id;
  char         *search;
  OdRole        role;
  gint64        team_id;
  OdMemberSort  sort;
  gboolean      descending;
  gboolean      with_list;
  guint         serial;
} Query;

typedef struct
{
  guint       serial;
  GListModel *members;   /* NULL when the list was not asked for */
  GError     *list_error;
  GListModel *teams;
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
  g_clear_object (&snapshot->teams);
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
    snapshot->members = od_repository_list_members_full (repository, query->organization_id,
                                                         query->search, query->role,
                                                         query->team_id, query->sort,
                                                         query->descending,
                                                         &snapshot->list_error);

  snapshot->teams = od_repository_list_teams (repository, query->organization_id, NULL);
  snapshot->have_usage = od_repository_get_seat_usage (repository, query->organization_id,
                                                       &snapshot->n_members,
                                                       &snapshot->n_pending,
                                                       &snapshot->n_seats,
                                                       NULL);

  return snapshot;
}

static OdRole
role_filter (OdMembersPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->role_dropdown);

  return selected >= OD_ROLE_READ && selected <= OD_ROLE_OWNER ? (OdRole) selected : OD_ROLE_NONE;
}

static gint64
team_filter (OdMembersPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->team_dropdown);

  if (self->team_ids == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= self->team_ids->len)
    return 0;

  return g_array_index (self->team_ids, gint64, selected);
}

static gboolean
is_filtered (OdMembersPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return (search != NULL && *search != '\0') || role_filter (self) != OD_ROLE_NONE || team_filter (self) != 0;
}

static void
update_list_state (OdMembersPage *self)
{
  if (self->members == NULL)
    return;

  if (g_list_model_get_n_items (self->members) > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (is_filtered (self))
    {
      const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

      adw_status_page_set_title (self->empty_status, _("No Members Found"));
      if (search != NULL && *search != '\0')
        {
          g_autofree char *description = NULL;

          /* Translators: %s is what was typed in the search field */
          description = g_strdup_printf (_("No member’s name or email matches “%s” with these filters."), search);
          od_status_page_set_plain_description (self->empty_status, description);
        }
      else
        {
          od_status_page_set_plain_description (self->empty_status,
                                                _("No member has this role or is in this team."));
        }
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
update_selection (OdMembersPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autofree char *text = NULL;
  gboolean manage = can_manage_members (self);
  guint n = 0;

  if (GTK_IS_MULTI_SELECTION (self->selection))
    {
      selected = gtk_selection_model_get_selection (self->selection);
      n = (guint) gtk_bitset_get_size (selected);
    }

  if (self->narrow)
    /* Translators: how many members are selected, in a phone-wide window */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", n), n);
  else
    /* Translators: how many members are selected in the table */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member selected",
                                         "%u members selected", n), n);
  gtk_label_set_text (self->selection_label, text);

  gtk_revealer_set_reveal_child (self->action_revealer, n > 0 && manage);
  gtk_widget_set_visible (GTK_WIDGET (self->bulk_role_button), can (self, OD_ACTION_CHANGE_ROLE));
  gtk_widget_set_visible (GTK_WIDGET (self->bulk_team_button),
                          can (self, OD_ACTION_MANAGE_TEAM_MEMBERSHIP) &&
                          self->teams != NULL && g_list_model_get_n_items (self->teams) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.remove-selected",
                                 n > 0 && can (self, OD_ACTION_REMOVE_MEMBER));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.set-selected-role",
                                 n > 0 && can (self, OD_ACTION_CHANGE_ROLE));
}

static void
selection_changed_cb (OdMembersPage *self)
{
  update_selection (self);
}

static void
items_changed_cb (OdMembersPage *self)
{
  update_list_state (self);
  update_selection (self);
}

/* Admins and Owners select rows for the bulk actions; the others only read the table */
static void
set_members (OdMembersPage *self,
             GListModel    *members)
{
  g_autoptr(GtkSelectionModel) selection = NULL;

  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->selection, items_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
    }

  g_set_object (&self->members, members);

  if (members != NULL)
    {
      if (can_manage_members (self))
        selection = GTK_SELECTION_MODEL (gtk_multi_selection_new (g_object_ref (members)));
      else
        selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (members)));

      g_signal_connect_object (selection, "items-changed",
                               G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (selection, "selection-changed",
                               G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
    }

  g_set_object (&self->selection, selection);
  gtk_column_view_set_model (self->column_view, selection);
  update_list_state (self);
  update_selection (self);
}

static void
update_usage (OdMembersPage *self,
              guint          n_members,
              guint          n_pending,
              guint          n_seats)
{
  g_autofree char *seats = NULL;
  g_autofree char *members = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *detail = NULL;
  guint used = n_members + n_pending;
  gboolean full = used >= n_seats;

  /* Translators: "12 of 20 seats used"; seats used counts members and pending invitations */
  seats = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u seat used",
                                        "%u of %u seats used", n_seats),
                           used, n_seats);
  members = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", n_members),
                             n_members);
  if (n_pending == 0)
    pending = g_strdup (_("no pending invitations"));
  else
    pending = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pending invitation",
                                            "%u pending invitations", n_pending),
                               n_pending);

  if (full)
    /* Translators: "12 members and 3 pending invitations hold every seat" */
    detail = g_strdup_printf (_("%s and %s hold every seat"), members, pending);
  else
    /* Translators: "12 members and 3 pending invitations; 5 seats free" */
    detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %s; %u seat free",
                                           "%s and %s; %u seats free", n_seats - used),
                              members, pending, n_seats - used);

  gtk_label_set_text (self->seats_label, seats);
  gtk_label_set_text (self->pending_label, detail);
  gtk_level_bar_set_max_value (self->seats_level_bar, MAX (n_seats, 1));
  gtk_level_bar_set_value (self->seats_level_bar, MIN (used, MAX (n_seats, 1)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->seats_level_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, seats,
                                  -1);

  /* The bar takes the warning colour when the seats run out; Admins and Owners may add more */
  if (full)
    gtk_level_bar_add_offset_value (self->seats_level_bar, GTK_LEVEL_BAR_OFFSET_LOW, MAX (n_seats, 1));
  else
    gtk_level_bar_remove_offset_value (self->seats_level_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_widget_set_visible (GTK_WIDGET (self->add_seats_button),
                          full && can (self, OD_ACTION_MANAGE_BILLING));

  adw_view_stack_page_set_badge_number (self->invitations_stack_page, n_pending);
  adw_view_stack_page_set_needs_attention (self->invitations_stack_page, FALSE);
}

static gboolean
same_teams (GListModel *a,
            GListModel *b)
{
  guint n = a != NULL ? g_list_model_get_n_items (a) : 0;

  if (a == NULL || b == NULL || n != g_list_model_get_n_items (b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdTeam) x = g_list_model_get_item (a, i);
      g_autoptr(OdTeam) y = g_list_model_get_item (b, i);

      if (od_team_get_id (x) != od_team_get_id (y) ||
          od_team_get_n_members (x) != od_team_get_n_members (y) ||
          g_strcmp0 (od_team_get_name (x), od_team_get_name (y)) != 0)
        return FALSE;
    }

  return TRUE;
}

/* The team filter and the team picker: "All Teams" and the teams by name; the chosen team
 * stays chosen when the list is read again, and an unchanged list leaves both alone (an open
 * dropdown stays open) */
static void
set_teams (OdMembersPage *self,
           GListModel    *teams)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 current = team_filter (self);
  gint64 current_none = 0;
  guint selected = 0;
  guint n;

  if (self->team_ids != NULL && same_teams (self->teams, teams))
    return;

  g_set_object (&self->teams, teams);
  g_clear_pointer (&self->team_ids, g_array_unref);
  self->team_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_string_list_append (names, _("All Teams"));
  g_array_append_val (self->team_ids, current_none);

  n = teams != NULL ? g_list_model_get_n_items (teams) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdTeam) team = g_list_model_get_item (teams, i);
      gint64 id = od_team_get_id (team);

      gtk_string_list_append (names, od_team_get_name (team));
      g_array_append_val (self->team_ids, id);
      if (id == current)
        selected = i + 1;
    }

  self->updating_teams = TRUE;
  gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->team_dropdown, selected);
  self->updating_teams = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->team_dropdown), n > 0);

  /* The team picker of the bulk bar */
  {
    g_autoptr(GtkFilterListModel) filtered = NULL;
    g_autoptr(GtkNoSelection) no_selection = NULL;

    filtered = gtk_filter_list_model_new (teams != NULL ? g_object_ref (teams) : NULL,
                                          g_object_ref (GTK_FILTER (self->team_name_filter)));
    no_selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&filtered)));
    gtk_list_view_set_model (self->team_list, GTK_SELECTION_MODEL (no_selection));
  }

  /* A team that is gone no longer filters: ask again without it */
  if (current != 0 && selected == 0)
    load (self, TRUE);
}

/* Selects the first row and puts the keyboard focus there, so that Delete or the bulk actions
 * apply to it (GTK 4.8 has no gtk_column_view_scroll_to(): the list inside the column view does
 * it with its own actions) */
static void
focus_first_row (OdMembersPage *self)
{
  GtkWidget *child;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->column_view)))
    return;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      break;

  if (child != NULL && gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0))
    {
      if (GTK_IS_MULTI_SELECTION (self->selection))
        gtk_widget_activate_action (child, "list.select-item", "(ubb)", 0, FALSE, FALSE);
      gtk_widget_grab_focus (child);
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
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

  /* A newer query is on its way: this list is already out of date */
  if (snapshot->serial != self->serial)
    return;

  if (snapshot->teams != NULL)
    set_teams (self, snapshot->teams);
  update_selection (self);

  if (snapshot->list_error != NULL)
    {
      od_status_page_set_plain_description (self->error_status, snapshot->list_error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      return;
    }

  if (snapshot->members != NULL)
    set_members (self, snapshot->members);

  /* The member asked for (the command palette) is now the row listed: focus it */
  if (self->reveal_email != NULL && snapshot->members != NULL &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), self->reveal_email) == 0)
    {
      g_clear_pointer (&self->reveal_email, g_free);
      focus_first_row (self);
    }
}

static void
load (OdMembersPage *self,
      gboolean       with_list)
{
  Query *query;

  if (od_page_get_organization_id (OD_PAGE (self)) == 0)
    return;

  query = g_new0 (Query, 1);
  query->organization_id = od_page_get_organization_id (OD_PAGE (self));
  query->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  query->role = role_filter (self);
  query->team_id = team_filter (self);
  query->sort = self->sort;
  query->descending = self->descending;
  query->with_list = with_list;

  if (with_list)
    self->serial++;
  query->serial = self->serial;

  od_page_run (OD_PAGE (self), load_func, query, (GDestroyNotify)query_free,
               (GDestroyNotify)snapshot_free, load_done);
}

/* The widgets that depend on the actor's role */
static void
update_permissions (OdMembersPage *self)
{
  OdRole role = actor_role (self);
  g_autoptr(GMenu) menu = g_menu_new ();

  gtk_widget_set_visible (self->invite_button, can (self, OD_ACTION_INVITE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.invite", can (self, OD_ACTION_INVITE));
  gtk_column_view_column_set_visible (self->actions_column, can_manage_members (self));

  /* Only Owners grant Owner */
  for (OdRole r = OD_ROLE_READ; r <= OD_ROLE_OWNER; r++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (r == OD_ROLE_OWNER && !od_role_can (role, OD_ACTION_MANAGE_OWNERS))
        continue;
      item = g_menu_item_new (od_role_get_label (r), NULL);
      g_menu_item_set_action_and_target_value (item, "members.set-selected-role",
                                               g_variant_new_int32 (r));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->bulk_role_button, G_MENU_MODEL (menu));

  /* A new role may select, or may not: the selection model follows */
  if (self->members != NULL && role != self->loaded_role)
    {
      g_autoptr(GListModel) members = g_object_ref (self->members);

      set_members (self, members);
    }
  self->loaded_role = role;

  update_selection (self);
}

static void
od_members_page_reload (OdPage *page)
{
  OdMembersPage *self = OD_MEMBERS_PAGE (page);
  gint64 organization_id = od_page_get_organization_id (page);

  update_permissions (self);
  od_invitations_view_set_context (self->invitations_view, od_page_get_repository (page),
                                   organization_id, od_page_get_actor (page));

  if (organization_id == 0)
    {
      self->loaded_organization_id = 0;
      set_members (self, NULL);
      return;
    }

  /* The member list follows the repository's changes by itself; only a new organization needs a
   * new list. Seat usage and the teams are read again every time. */
  if (organization_id != self->loaded_organization_id)
    {
      self->loaded_organization_id = organization_id;
      /* Another organization starts unfiltered (its "search-changed" comes later, and its
       * query then finds the same list: the serial keeps the newest), unless a member was asked
       * for before the page first loaded (od_members_page_show_member()) */
      if (self->reveal_email != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->search_entry), self->reveal_email);
      else if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      self->updating_teams = TRUE;
      gtk_drop_down_set_selected (self->role_dropdown, 0);
      gtk_drop_down_set_selected (self->team_dropdown, 0);
      self->updating_teams = FALSE;
      adw_view_stack_set_visible_child_name (self->view_stack, "members");
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
  load (self, TRUE);
}

static void
stop_search_cb (OdMembersPage  *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
role_filter_changed_cb (OdMembersPage *self)
{
  if (!self->updating_teams)
    load (self, TRUE);
}

static void
team_filter_changed_cb (OdMembersPage *self)
{
  if (!self->updating_teams)
    load (self, TRUE);
}

/* ---------------------------------------------------------------------------------------------
 * Sorting: the "Sort" menu and the column headers
 */

static const char *
sort_name (OdMemberSort sort)
{
  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    if (sort_names[i].sort == sort)
      return sort_names[i].name;

  return "name";
}

static GtkColumnViewColumn *
sort_column (OdMembersPage *self,
             OdMemberSort   sort)
{
  switch (sort)
    {
    case OD_MEMBER_SORT_EMAIL:       return self->email_column;
    case OD_MEMBER_SORT_ROLE:        return self->role_column;
    case OD_MEMBER_SORT_TEAMS:       return self->teams_column;
    case OD_MEMBER_SORT_JOINED:      return self->joined_column;
    case OD_MEMBER_SORT_LAST_ACTIVE: return self->last_active_column;
    case OD_MEMBER_SORT_NAME:
    default:                         return self->name_column;
    }
}

static void
set_sort (OdMembersPage *self,
          OdMemberSort   sort,
          gboolean       descending)
{
  GAction *action;
  g_autofree char *tooltip = NULL;
  const char *title;

  if (sort == self->sort && descending == self->descending)
    return;

  self->sort = sort;
  self->descending = descending;

  self->syncing_sort = TRUE;
  action = g_action_map_lookup_action (G_ACTION_MAP (self->sort_actions), "column");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (sort_name (sort)));
  action = g_action_map_lookup_action (G_ACTION_MAP (self->sort_actions), "order");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (descending ? "descending" : "ascending"));
  gtk_column_view_sort_by_column (self->column_view, sort_column (self, sort),
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->syncing_sort = FALSE;

  gtk_menu_button_set_icon_name (self->sort_button, descending ? "view-sort-descending-symbolic"
                                                               : "view-sort-ascending-symbolic");
  title = gtk_column_view_column_get_title (sort_column (self, sort));
  /* Translators: the tooltip of the Sort button, e.g. "Sorted by Name, ascending" */
  tooltip = g_strdup_printf (descending ? _("Sorted by %s, descending") : _("Sorted by %s, ascending"),
                             title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sort_button), tooltip);

  load (self, TRUE);
}

static void
sort_column_change_cb (GSimpleAction *action,
                       GVariant      *value,
                       gpointer       user_data)
{
  OdMembersPage *self = user_data;
  const char *name = g_variant_get_string (value, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    if (g_str_equal (sort_names[i].name, name))
      set_sort (self, sort_names[i].sort, self->descending);
}

static void
sort_order_change_cb (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       user_data)
{
  OdMembersPage *self = user_data;

  set_sort (self, self->sort, g_str_equal (g_variant_get_string (value, NULL), "descending"));
}

typedef struct
{
  OdMembersPage *page;
  OdMemberSort   sort;
} Probe;

/* Never sorts anything: records which column the column view's sorter asked first */
static int
probe_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  Probe *probe = user_data;

  if (probe->page->probed_sort < 0)
    probe->page->probed_sort = probe->sort;

  return GTK_ORDERING_SMALLER;
}

static void
column_sorter_changed_cb (OdMembersPage *self)
{
  GtkSorter *sorter;
  GtkOrdering order;

  if (self->syncing_sort || self->column_view == NULL ||
      (sorter = gtk_column_view_get_sorter (self->column_view)) == NULL)
    return;

  self->probed_sort = -1;
  order = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  if (self->probed_sort < 0)
    return;

  set_sort (self, (OdMemberSort) self->probed_sort, order == GTK_ORDERING_LARGER);
}

static void
setup_sorting (OdMembersPage *self)
{
  static const GActionEntry entries[] = {
    { "column", NULL, "s", "'name'", sort_column_change_cb, { 0 } },
    { "order", NULL, "s", "'ascending'", sort_order_change_cb, { 0 } },
  };

  self->sort_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->sort_actions), entries,
                                   G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "sort", G_ACTION_GROUP (self->sort_actions));

  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    {
      Probe *probe = g_new0 (Probe, 1);
      g_autoptr(GtkCustomSorter) sorter = NULL;

      probe->page = self;
      probe->sort = sort_names[i].sort;
      sorter = gtk_custom_sorter_new (probe_compare_cb, probe, g_free);
      gtk_column_view_column_set_sorter (sort_column (self, sort_names[i].sort), GTK_SORTER (sorter));
    }

  self->sort = OD_MEMBER_SORT_NAME;
  self->descending = FALSE;
  self->syncing_sort = TRUE;
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  self->syncing_sort = FALSE;
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (column_sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

/* ---------------------------------------------------------------------------------------------
 * Cells
 */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gtk_list_item_set_child (item, od_cell_label_new (10));
}

static void
setup_email_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  /* Short minimums: the columns expand on a wide window, and a phone-wide one still shows the
   * role and the menu */
  gtk_list_item_set_child (item, od_cell_label_new (10));
}

static void
setup_role_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (item, od_cell_label_new (5));
}

/* The member's initials, then the name. Not an AdwAvatar: it lays its initials out again with
 * its own font on every bind, which cost more than all the other cells of the row together
 * (200 rows per jump of a scroll); OdInitials keeps its label until the letters change */
static void
setup_name_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_box_append (GTK_BOX (box), od_initials_new (24));
  gtk_box_append (GTK_BOX (box), od_cell_label_new (8));
  gtk_list_item_set_child (item, box);
}

static GtkLabel *
item_label (GtkListItem *item)
{
  return GTK_LABEL (gtk_list_item_get_child (item));
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
  GtkWidget *label = gtk_widget_get_last_child (box);
  g_autofree char *sentence = describe_member (member);

  od_initials_set_name (OD_INITIALS (gtk_widget_get_first_child (box)), od_member_get_name (member));
  gtk_label_set_text (GTK_LABEL (label), od_member_get_name (member));
  od_cell_set_row_label (box, sentence);
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
  od_cell_set_tooltip (GTK_WIDGET (item_label (item)), teams != NULL && *teams ? teams : NULL);
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
setup_actions_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gtk_list_item_set_child (item, od_row_menu_button_new ());
}

/* Change role (the other roles this actor may give) and Remove; an Admin cannot touch an Owner */
static GMenuModel *
member_menu (OdMembersPage *self,
             OdMember      *member)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) roles = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();
  OdRole role = actor_role (self);
  gint64 id = od_member_get_id (member);

  if (can (self, OD_ACTION_CHANGE_ROLE))
    {
      for (OdRole r = OD_ROLE_READ; r <= OD_ROLE_OWNER; r++)
        {
          g_autoptr(GMenuItem) item = NULL;
          g_autofree char *label = NULL;

          if (r == od_member_get_role (member) ||
              (r == OD_ROLE_OWNER && !od_role_can (role, OD_ACTION_MANAGE_OWNERS)))
            continue;
          /* Translators: a member's menu item, e.g. "Make Admin" */
          label = g_strdup_printf (_("Make %s"), od_role_get_label (r));
          item = g_menu_item_new (label, NULL);
          g_menu_item_set_action_and_target_value (item, "members.set-role",
                                                   g_variant_new ("(xis)", id, (gint32) r,
                                                                  od_member_get_name (member)));
          g_menu_append_item (roles, item);
        }
      g_menu_append_section (menu, _("Change Role"), G_MENU_MODEL (roles));
    }

  if (can (self, OD_ACTION_REMOVE_MEMBER))
    {
      g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove From Organization…"), NULL);

      g_menu_item_set_action_and_target_value (remove, "members.remove",
                                               g_variant_new ("(xs)", id, od_member_get_name (member)));
      g_menu_append_item (danger, remove);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));
    }

  return G_MENU_MODEL (menu);
}

/* The menu is made when it is opened (click, Menu key): building a popover for every row bound
 * made each frame of a scroll through the members take hundreds of milliseconds */
static void
create_member_menu_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  OdMembersPage *self = user_data;
  OdMember *member = g_object_get_data (G_OBJECT (button), "od-member");
  g_autoptr(GMenuModel) menu = NULL;

  if (member == NULL)
    return;
  menu = member_menu (self, member);
  gtk_menu_button_set_menu_model (button, menu);
}

static void
bind_actions_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 OdMembersPage            *self)
{
  OdMember *member = gtk_list_item_get_item (item);
  GtkWidget *button = gtk_list_item_get_child (item);
  g_autofree char *label = NULL;
  gboolean owner_target = od_member_get_role (member) == OD_ROLE_OWNER;

  /* The menu of the member this row showed before goes; the new one is made on opening */
  if (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)) != NULL)
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), NULL);
  g_object_set_data_full (G_OBJECT (button), "od-member", g_object_ref (member), g_object_unref);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_member_menu_cb, self, NULL);
  gtk_widget_set_sensitive (button, !owner_target || od_role_can (actor_role (self), OD_ACTION_MANAGE_OWNERS));
  /* Translators: the accessible name of a member's menu button, e.g. "Actions for Ana Silva" */
  label = g_strdup_printf (_("Actions for %s"), od_member_get_name (member));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* Team picker rows */

static void
setup_team_item_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_list_item_set_child (item, label);
}

static void
bind_team_item_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  OdTeam *team = gtk_list_item_get_item (item);
  g_autofree char *label = NULL;
  guint n = od_team_get_n_members (team);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), od_team_get_name (team));
  /* Translators: a team in the team picker, e.g. "Design, 12 members" */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u member", "%s, %u members", n),
                           od_team_get_name (team), n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
team_popover_show_cb (OdMembersPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->team_search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->team_search_entry));
}

static void
team_search_changed_cb (OdMembersPage  *self,
                        GtkSearchEntry *entry)
{
  gtk_string_filter_set_search (self->team_name_filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* ---------------------------------------------------------------------------------------------
 * Changes: each runs on the worker and reports in a toast
 */

/* What a change applies to: member_ids, or (list set) every member of the list shown except
 * member_ids, which must be n_members in number; see selection_change() */
typedef struct
{
  OdMember     *actor;
  gint64        organization_id;
  GArray       *member_ids;
  OdMemberList *list;
  guint         n_members;
  OdRole        role;
  gint64        team_id;
  char         *team_name;
  char         *member_name;   /* one member: their name, for the toast */
} Change;

typedef struct
{
  guint   n_changed;
  GArray *journal_ids;
  char   *message;
} ChangeResult;

static void
change_free (Change *change)
{
  g_clear_object (&change->actor);
  g_clear_pointer (&change->member_ids, g_array_unref);
  g_clear_object (&change->list);
  g_clear_pointer (&change->team_name, g_free);
  g_clear_pointer (&change->member_name, g_free);
  g_free (change);
}

static void
change_result_free (ChangeResult *result)
{
  g_clear_pointer (&result->journal_ids, g_array_unref);
  g_clear_pointer (&result->message, g_free);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static Change *
change_new (OdMembersPage *self,
            GArray        *member_ids)
{
  Change *change = g_new0 (Change, 1);

  change->actor = g_object_ref (od_page_get_actor (OD_PAGE (self)));
  change->organization_id = od_page_get_organization_id (OD_PAGE (self));
  change->member_ids = g_array_ref (member_ids);
  change->n_members = member_ids->len;

  return change;
}

static gpointer
remove_func (OdRepository  *repository,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Change *change = data;
  gint64 since = od_journal_get_newest_id (repository, change->organization_id);
  ChangeResult *result;
  guint n = change->member_ids->len;

  if (change->list != NULL
      ? !od_member_list_remove_all (change->list, change->actor, change->member_ids, change->n_members,
                                    &n, error)
      : !od_repository_remove_members (repository, change->actor, change->member_ids, error))
    return NULL;

  result = g_new0 (ChangeResult, 1);
  result->n_changed = n;
  result->journal_ids = od_journal_find_since (repository, change->organization_id, "member.remove",
                                               od_member_get_id (change->actor), since, n);
  if (change->n_members == 1 && change->member_name != NULL)
    /* Translators: a toast after a member was removed, e.g. "Ana Silva was removed" */
    result->message = g_strdup_printf (_("%s was removed"), change->member_name);
  else
    result->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member removed",
                                                    "%u members removed", result->n_changed),
                                       result->n_changed);
  return result;
}

static gpointer
set_role_func (OdRepository  *repository,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Change *change = data;
  gint64 since = od_journal_get_newest_id (repository, change->organization_id);
  ChangeResult *result;

  if (change->list != NULL
      ? !od_member_list_set_role_all (change->list, change->actor, change->member_ids, change->n_members,
                                      change->role, NULL, error)
      : !od_repository_set_members_role (repository, change->actor, change->member_ids, change->role, error))
    return NULL;

  result = g_new0 (ChangeResult, 1);
  result->journal_ids = od_journal_find_since (repository, change->organization_id, "member.role",
                                               od_member_get_id (change->actor), since,
                                               change->n_members);
  result->n_changed = result->journal_ids->len;
  if (result->n_changed == 0)
    result->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The member already has the role %s",
                                                    "The members already have the role %s",
                                                    change->n_members),
                                       od_role_get_label (change->role));
  else if (change->n_members == 1 && change->member_name != NULL)
    /* Translators: a toast after a role change, e.g. "Ana Silva is now Admin" */
    result->message = g_strdup_printf (_("%s is now %s"), change->member_name,
                                       od_role_get_label (change->role));
  else
    /* Translators: a toast after a bulk role change, e.g. "3 members are now Admin" */
    result->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member is now %s",
                                                    "%u members are now %s", result->n_changed),
                                       result->n_changed, od_role_get_label (change->role));
  return result;
}

/* There is no bulk call for teams: each member is added in its own transaction, and adding one
 * who is already in the team changes nothing */
static gpointer
add_to_team_func (OdRepository  *repository,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Change *change = data;
  ChangeResult *result;
  g_autoptr(GArray) listed = NULL;
  GArray *ids = change->member_ids;
  guint n = 0;

  /* Select All: the list's members, read here on the worker */
  if (change->list != NULL)
    {
      if (!(listed = od_member_list_get_ids (change->list, change->member_ids, error)))
        return NULL;
      if (listed->len != change->n_members)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The list changed meanwhile: %u member matches now, not %u. Nobody was added.",
                                    "The list changed meanwhile: %u members match now, not %u. Nobody was added.",
                                    listed->len),
                       listed->len, change->n_members);
          return NULL;
        }
      ids = listed;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!od_repository_add_team_member (repository, change->actor, change->team_id,
                                          g_array_index (ids, gint64, i), error))
        {
          if (n > 0)
            g_prefix_error (error, g_dngettext (GETTEXT_PACKAGE,
                                                "%u member was added, then: ",
                                                "%u members were added, then: ", n), n);
          return NULL;
        }
      n++;
    }

  result = g_new0 (ChangeResult, 1);
  result->n_changed = n;
  /* Translators: a toast after members were added to a team, e.g. "3 members added to Design" */
  result->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member added to %s",
                                                  "%u members added to %s", n),
                                     n, change->team_name);
  return result;
}

static void
change_done (OdPage       *page,
             gpointer      data,
             const GError *error)
{
  OdMembersPage *self = OD_MEMBERS_PAGE (page);
  ChangeResult *result = data;

  if (result == NULL)
    {
      od_toast_show (GTK_WIDGET (self), error != NULL ? error->message : "");
      return;
    }

  if (result->journal_ids != NULL && result->journal_ids->len > 0 &&
      od_page_get_actor (page) != NULL)
    {
      g_autoptr(OdUndo) undo = od_journal_undo_new (od_page_get_repository (page),
                                                    od_page_get_actor (page),
                                                    result->journal_ids);

      od_undo_show_toast (undo, GTK_WIDGET (self), result->message);
    }
  else
    {
      od_toast_show (GTK_WIDGET (self), result->message);
    }

  if (GTK_IS_MULTI_SELECTION (self->selection))
    gtk_selection_model_unselect_all (self->selection);

  change_result_free (result);
}

static void
run_change (OdMembersPage    *self,
            OdRepositoryFunc  func,
            Change           *change)
{
  od_page_run (OD_PAGE (self), func, change, (GDestroyNotify)change_free,
               (GDestroyNotify)change_result_free, change_done);
}

/* The ids of the members at the positions of `positions` (the first one's name in *first_name) */
static GArray *
ids_at (OdMembersPage *self,
        GtkBitset     *positions,
        char         **first_name)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, positions, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(OdMember) member = g_list_model_get_item (self->members, position);
      gint64 id;

      if (member == NULL)
        continue;
      id = od_member_get_id (member);
      g_array_append_val (ids, id);
      if (first_name != NULL && *first_name == NULL)
        *first_name = g_strdup (od_member_get_name (member));
    }

  return ids;
}

/* The selection as a change, without reading every selected row: when most rows are selected
 * (Select All on 100,000 members) the change is "every member of the list except the few
 * unselected", whose ids the core reads in SQL inside its transaction. *n is how many members
 * it is about; 0 (and NULL) when nothing is selected. */
static Change *
selection_change (OdMembersPage *self,
                  guint         *n,
                  char         **first_name)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GtkBitset) unselected = NULL;
  g_autoptr(GArray) ids = NULL;
  guint n_items, n_selected;
  Change *change;

  *n = 0;
  if (!GTK_IS_MULTI_SELECTION (self->selection) || self->members == NULL)
    return NULL;

  selected = gtk_selection_model_get_selection (self->selection);
  n_selected = (guint) gtk_bitset_get_size (selected);
  n_items = g_list_model_get_n_items (self->members);
  if (n_selected == 0)
    return NULL;

  if (n_selected < 2 || n_items - n_selected > MIN (n_selected, MAX_UNSELECTED_READ))
    {
      ids = ids_at (self, selected, first_name);
      *n = ids->len;
      return ids->len > 0 ? change_new (self, ids) : NULL;
    }

  unselected = gtk_bitset_new_range (0, n_items);
  gtk_bitset_subtract (unselected, selected);
  ids = ids_at (self, unselected, NULL);
  change = change_new (self, ids);
  change->list = g_object_ref (OD_MEMBER_LIST (self->members));
  change->n_members = *n = n_items - ids->len;
  return change;
}

/* Remove */

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    OdMembersPage    *self)
{
  Change *change = g_object_steal_data (G_OBJECT (dialog), "od-change");

  if (g_strcmp0 (response, "confirm") == 0 && change != NULL)
    run_change (self, remove_func, change);
  else if (change != NULL)
    change_free (change);
}

/* Takes change */
static void
confirm_remove (OdMembersPage *self,
                Change        *change,
                const char    *name)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  guint n = change->n_members;

  if (n == 0 || !can (self, OD_ACTION_REMOVE_MEMBER))
    {
      change_free (change);
      return;
    }

  if (n == 1 && name != NULL)
    /* Translators: the question before a member is removed, e.g. "Remove Ana Silva?" */
    heading = g_strdup_printf (_("Remove %s?"), name);
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Remove %u Member?",
                                            "Remove %u Members?", n),
                               n);

  change->member_name = g_strdup (name);

  dialog = od_confirm_dialog_new (GTK_WIDGET (self), heading,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "They lose access at once, and leave their teams; you can undo this from the toast.",
                                               "They lose access at once, and leave their teams; you can undo this from the toast.",
                                               n),
                                  n == 1 ? _("_Remove Member") : _("_Remove Members"),
                                  TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "od-change", change, (GDestroyNotify)change_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OdMembersPage *self = OD_MEMBERS_PAGE (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *name;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &name);
  g_array_append_val (ids, id);
  confirm_remove (self, change_new (self, ids), name);
}

/* Delete or KP_Delete while the focus is in the members table */
static gboolean
table_key_pressed_cb (OdMembersPage   *self,
                      guint            keyval,
                      guint            keycode,
                      GdkModifierType  state)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

  if ((keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0 ||
      focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)))
    return GDK_EVENT_PROPAGATE;

  if (!gtk_widget_activate_action (GTK_WIDGET (self), "members.remove-selected", NULL))
    gtk_widget_error_bell (GTK_WIDGET (self));

  return GDK_EVENT_STOP;
}

static void
remove_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  OdMembersPage *self = OD_MEMBERS_PAGE (widget);
  g_autofree char *name = NULL;
  Change *change;
  guint n;

  if ((change = selection_change (self, &n, &name)) != NULL)
    confirm_remove (self, change, name);
}

/* Roles: one member at once (Undo in the toast), a selection after a question */

static void
set_role_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OdMembersPage *self = OD_MEMBERS_PAGE (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *name;
  Change *change;
  gint64 id;
  gint32 role;

  if (!can (self, OD_ACTION_CHANGE_ROLE))
    return;

  g_variant_get (parameter, "(xi&s)", &id, &role, &name);
  g_array_append_val (ids, id);

  change = change_new (self, ids);
  change->role = CLAMP (role, OD_ROLE_READ, OD_ROLE_OWNER);
  change->member_name = g_strdup (name);
  run_change (self, set_role_func, change);
}

static void
set_role_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      OdMembersPage    *self)
{
  Change *change = g_object_steal_data (G_OBJECT (dialog), "od-change");

  if (g_strcmp0 (response, "confirm") == 0 && change != NULL)
    run_change (self, set_role_func, change);
  else if (change != NULL)
    change_free (change);
}

static void
set_selected_role_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  OdMembersPage *self = OD_MEMBERS_PAGE (widget);
  g_autofree char *name = NULL;
  OdRole role = CLAMP (g_variant_get_int32 (parameter), OD_ROLE_READ, OD_ROLE_OWNER);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  Change *change;
  guint n;

  if (!can (self, OD_ACTION_CHANGE_ROLE) || (change = selection_change (self, &n, &name)) == NULL)
    return;

  if (n == 1)
    /* Translators: the question before a role change, e.g. "Make Ana Silva Admin?" */
    heading = g_strdup_printf (_("Make %s %s?"), name, od_role_get_label (role));
  else
    /* Translators: the question before a bulk role change, e.g. "Make 3 Members Admin?" */
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Make %u Member %s?",
                                            "Make %u Members %s?", n),
                               n, od_role_get_label (role));
  /* Translators: what a role change does; %s is a role */
  body = g_strdup_printf (_("The change applies at once: they can do what the %s role allows, and no more. You can undo this from the toast."),
                          od_role_get_label (role));

  change->role = role;
  change->member_name = g_steal_pointer (&name);

  dialog = od_confirm_dialog_new (GTK_WIDGET (self), heading, body, _("_Change Role"), FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "od-change", change, (GDestroyNotify)change_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (set_role_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Add to a team */

static void
add_to_team_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         OdMembersPage    *self)
{
  Change *change = g_object_steal_data (G_OBJECT (dialog), "od-change");

  if (g_strcmp0 (response, "confirm") == 0 && change != NULL)
    run_change (self, add_to_team_func, change);
  else if (change != NULL)
    change_free (change);
}

static void
confirm_add_to_team (OdMembersPage *self,
                     OdTeam        *team)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  Change *change;
  guint n;

  if (team == NULL || !can (self, OD_ACTION_MANAGE_TEAM_MEMBERSHIP) ||
      (change = selection_change (self, &n, &name)) == NULL)
    return;

  if (n == 1)
    /* Translators: the question before adding a member to a team, e.g. "Add Ana Silva to Design?" */
    heading = g_strdup_printf (_("Add %s to %s?"), name, od_team_get_name (team));
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add %u Member to %s?",
                                            "Add %u Members to %s?", n),
                               n, od_team_get_name (team));
  /* Translators: what adding members to a team does; %s is the team */
  body = g_strdup_printf (_("They see the updates of %s and can be reached through it. Those already in the team stay as they are."),
                          od_team_get_name (team));

  change->team_id = od_team_get_id (team);
  change->team_name = g_strdup (od_team_get_name (team));

  dialog = od_confirm_dialog_new (GTK_WIDGET (self), heading, body, _("_Add to Team"), FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "od-change", change, (GDestroyNotify)change_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_to_team_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
team_activated_cb (OdMembersPage *self,
                   guint          position,
                   GtkListView   *list)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr(OdTeam) team = g_list_model_get_item (model, position);

  gtk_popover_popdown (self->team_popover);
  confirm_add_to_team (self, team);
}

static void
team_search_activate_cb (OdMembersPage  *self,
                         GtkSearchEntry *entry)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->team_list));

  /* Enter picks the first team found */
  if (model != NULL && g_list_model_get_n_items (model) > 0)
    team_activated_cb (self, 0, self->team_list);
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  OdMembersPage *self = OD_MEMBERS_PAGE (widget);

  if (GTK_IS_MULTI_SELECTION (self->selection))
    gtk_selection_model_unselect_all (self->selection);
}

/* ---------------------------------------------------------------------------------------------
 * Export
 */

typedef struct
{
  gint64          organization_id;
  char           *search;
  OdRole          role;
  gint64          team_id;
  OdMemberSort    sort;
  gboolean        descending;
  OdExportFormat  format;
  GFile          *file;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_clear_pointer (&request->search, g_free);
  g_clear_object (&request->file);
  g_free (request);
}

/* An existing file is replaced only when the export is complete (g_file_replace writes beside
 * it); a new one that failed halfway is deleted */
static gpointer
export_func (OdRepository  *repository,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ExportRequest *request = data;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = NULL;
  gboolean existed = g_file_query_exists (request->file, NULL);

  stream = g_file_replace (request->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, error);
  if (stream == NULL)
    return NULL;

  if (od_repository_export_members_full (repository, request->organization_id, request->search,
                                         request->role, request->team_id, request->sort,
                                         request->descending, request->format,
                                         G_OUTPUT_STREAM (stream), cancellable, error) &&
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    return g_object_ref (request->file);

  /* Closing a cancelled replace stream keeps the original file */
  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
  if (!existed)
    g_file_delete (request->file, NULL, NULL);
  return NULL;
}

static void
export_done (OdPage       *page,
             gpointer      result,
             const GError *error)
{
  g_autoptr(GFile) file = result;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (file == NULL)
    {
      /* Translators: a toast when the export failed; %s is the reason */
      message = g_strdup_printf (_("Could not export the members: %s"), error != NULL ? error->message : "");
      od_toast_show (GTK_WIDGET (page), message);
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: a toast after the export, e.g. "Members exported to “members.csv”" */
  message = g_strdup_printf (_("Members exported to “%s”"), name);
  od_toast_show (GTK_WIDGET (page), message);
}

void
od_members_page_export_to_file (OdMembersPage  *self,
                                GFile          *file,
                                OdExportFormat  format)
{
  ExportRequest *request;

  g_return_if_fail (OD_IS_MEMBERS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  request = g_new0 (ExportRequest, 1);
  request->organization_id = od_page_get_organization_id (OD_PAGE (self));
  request->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  request->role = role_filter (self);
  request->team_id = team_filter (self);
  request->sort = self->sort;
  request->descending = self->descending;
  request->format = format;
  request->file = g_object_ref (file);

  od_page_run (OD_PAGE (self), export_func, request, (GDestroyNotify)export_request_free,
               g_object_unref, export_done);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
save_dialog_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OdMembersPage) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);
  OdExportFormat format = GPOINTER_TO_INT (g_object_get_data (object, "od-format"));

  if (file != NULL)
    od_members_page_export_to_file (self, file, format);
}
#else
static void
file_chooser_response_cb (GtkNativeDialog *native,
                          int              response,
                          OdMembersPage   *self)
{
  OdExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "od-format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        od_members_page_export_to_file (self, file, format);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}
#endif

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OdMembersPage *self = OD_MEMBERS_PAGE (widget);
  OdOrganization *organization = od_page_get_organization (OD_PAGE (self));
  gboolean json = g_strcmp0 (g_variant_get_string (parameter, NULL), "json") == 0;
  OdExportFormat format = json ? OD_EXPORT_FORMAT_JSON : OD_EXPORT_FORMAT_CSV;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (organization == NULL)
    return;

  name = g_strdup_printf ("%s-members.%s", od_organization_get_slug (organization), json ? "json" : "csv");
  gtk_file_filter_set_name (filter, json ? _("JSON files") : _("CSV files"));
  gtk_file_filter_add_mime_type (filter, json ? "application/json" : "text/csv");
  gtk_file_filter_add_suffix (filter, json ? "json" : "csv");

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_title (dialog, _("Export Members"));
    gtk_file_dialog_set_initial_name (dialog, name);
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    g_object_set_data (G_OBJECT (dialog), "od-format", GINT_TO_POINTER (format));
    gtk_file_dialog_save (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                          od_page_get_cancellable (OD_PAGE (self)),
                          save_dialog_done_cb, g_object_ref (self));
  }
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (_("Export Members"),
                                          GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          GTK_FILE_CHOOSER_ACTION_SAVE,
                                          _("_Export"), _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    g_object_set_data (G_OBJECT (native), "od-format", GINT_TO_POINTER (format));
    g_signal_connect_object (native, "response", G_CALLBACK (file_chooser_response_cb), self, 0);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

/* ---------------------------------------------------------------------------------------------
 * Invite
 */

static void
dialog_invited_cb (OdMembersPage  *self,
                   guint           n_invited,
                   OdInviteDialog *dialog)
{
  g_autofree char *message = NULL;

  /* Translators: a toast after invitations were sent */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Invited %u person", "Invited %u people", n_invited),
                             n_invited);
  od_toast_show (GTK_WIDGET (self), message);
  od_members_page_show_view (self, "invitations");
  od_invitations_view_reload (self->invitations_view);
}

static void
dialog_add_seats_cb (OdMembersPage  *self,
                     OdInviteDialog *dialog)
{
  GtkWindow *window = od_members_get_main_window (GTK_WIDGET (self));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "billing");
}

GtkWidget *
od_members_page_invite (OdMembersPage *self)
{
  GtkWindow *window;
  OdInviteDialog *dialog;

  g_return_val_if_fail (OD_IS_MEMBERS_PAGE (self), NULL);

  if (!can (self, OD_ACTION_INVITE) || od_page_get_repository (OD_PAGE (self)) == NULL)
    return NULL;

  /* One at a time */
  if (self->invite_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->invite_dialog));
      return self->invite_dialog;
    }

  window = od_members_get_main_window (GTK_WIDGET (self));
  dialog = od_invite_dialog_new (window, od_page_get_repository (OD_PAGE (self)),
                                 od_page_get_actor (OD_PAGE (self)));
  g_signal_connect_object (dialog, "invited", G_CALLBACK (dialog_invited_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "add-seats", G_CALLBACK (dialog_add_seats_cb), self, G_CONNECT_SWAPPED);
  self->invite_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->invite_dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WIDGET (dialog);
}

static void
invite_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  od_members_page_invite (OD_MEMBERS_PAGE (widget));
}

/* ---------------------------------------------------------------------------------------------
 * Views and layout
 */

const char *
od_members_page_get_view (OdMembersPage *self)
{
  g_return_val_if_fail (OD_IS_MEMBERS_PAGE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
od_members_page_show_view (OdMembersPage *self,
                           const char    *view)
{
  g_return_if_fail (OD_IS_MEMBERS_PAGE (self));
  g_return_if_fail (g_strcmp0 (view, "members") == 0 || g_strcmp0 (view, "invitations") == 0);

  adw_view_stack_set_visible_child_name (self->view_stack, view);
}

static void
view_changed_cb (OdMembersPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
invitations_count_changed_cb (OdMembersPage *self)
{
  /* The seat card counts what holds a seat; the list shows expired ones too */
  load (self, FALSE);
}

static void
apply_layout (OdMembersPage *self)
{
  gboolean narrow = self->narrow;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->toolbar_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  adw_view_switcher_set_policy (self->view_switcher,
                                narrow ? ADW_VIEW_SWITCHER_POLICY_NARROW : ADW_VIEW_SWITCHER_POLICY_WIDE);
  adw_button_content_set_label (self->invite_button_content, narrow ? _("_Invite") : _("_Invite Members"));
  od_button_set_accessible_name (self->invite_button, _("Invite Members"));
  /* The bulk bar keeps its width even hidden (its revealer slides up): short labels */
  gtk_menu_button_set_label (self->bulk_role_button, narrow ? _("_Role") : _("_Change Role"));
  gtk_menu_button_set_label (self->bulk_team_button, narrow ? _("_Team") : _("Add to _Team"));
  gtk_widget_set_visible (self->clear_selection_button, !narrow);
  od_button_set_accessible_name (GTK_WIDGET (self->bulk_role_button), _("Change Role"));
  od_button_set_accessible_name (GTK_WIDGET (self->bulk_team_button), _("Add to Team"));
  /* The filters fill their own row when they have one */
  gtk_widget_set_hexpand (GTK_WIDGET (self->team_dropdown), narrow);
  /* A phone-wide table keeps name, email, role and the menu (the rest scrolls sideways no
   * more); each row still reads out its teams, and the sort menu still offers every column */
  gtk_column_view_column_set_visible (self->teams_column, !narrow);
  gtk_column_view_column_set_visible (self->joined_column, !narrow);
  gtk_column_view_column_set_visible (self->last_active_column, !narrow);
  update_selection (self);
}

static gboolean
layout_idle_cb (gpointer user_data)
{
  OdMembersPage *self = user_data;

  self->layout_source = 0;
  apply_layout (self);

  return G_SOURCE_REMOVE;
}

/* A narrow window stacks the search over the filters and gives the view switcher its narrow
 * form. OdPage (an AdwBin) lays its child out with a layout manager, so the page replaces it
 * with one that does the same and notes the width; the change waits for the next idle, as an
 * allocation must not change the widgets' sizes */
static void
layout_measure_cb (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;
  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural,
                        minimum_baseline, natural_baseline);
}

static void
layout_allocate_cb (GtkWidget *widget,
                    int        width,
                    int        height,
                    int        baseline)
{
  OdMembersPage *self = OD_MEMBERS_PAGE (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));
  gboolean narrow = width < NARROW_WIDTH;

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);

  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->layout_source == 0)
        self->layout_source = g_idle_add (layout_idle_cb, self);
    }
}

/* ---------------------------------------------------------------------------------------------
 * GObject
 */

/* AdwButtonContent names its button by its label again once it has a root window */
static void
od_members_page_root (GtkWidget *widget)
{
  OdMembersPage *self = OD_MEMBERS_PAGE (widget);

  GTK_WIDGET_CLASS (od_members_page_parent_class)->root (widget);

  od_button_set_accessible_name (self->invite_button, _("Invite Members"));
}

static void
od_members_page_dispose (GObject *object)
{
  OdMembersPage *self = (OdMembersPage *)object;

  g_clear_handle_id (&self->layout_source, g_source_remove);
  g_clear_pointer (&self->reveal_email, g_free);
  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->selection, items_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
    }
  if (self->invite_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->invite_dialog));
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view),
                                          column_sorter_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_MEMBERS_PAGE);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "sort", NULL);

  g_clear_object (&self->selection);
  g_clear_object (&self->members);
  g_clear_object (&self->teams);
  g_clear_object (&self->team_name_filter);
  g_clear_object (&self->sort_actions);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  g_clear_pointer (&self->team_ids, g_array_unref);

  G_OBJECT_CLASS (od_members_page_parent_class)->dispose (object);
}

static void
od_members_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OdMembersPage *self = OD_MEMBERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_string (value, od_members_page_get_view (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_members_page_class_init (OdMembersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OdPageClass *page_class = OD_PAGE_CLASS (klass);

  object_class->dispose = od_members_page_dispose;
  object_class->get_property = od_members_page_get_property;
  widget_class->root = od_members_page_root;

  page_class->reload = od_members_page_reload;

  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OD_TYPE_INVITATIONS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-members-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, seats_label);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, seats_level_bar);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, pending_label);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, add_seats_button);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, narrow_view_switcher);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, invite_button);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, invite_button_content);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, invitations_stack_page);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, toolbar_box);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, sort_button);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, email_column);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, role_column);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, teams_column);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, joined_column);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, last_active_column);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, actions_column);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, action_revealer);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, bulk_role_button);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, bulk_team_button);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, clear_selection_button);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, bulk_remove_button);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, team_popover);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, team_search_entry);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, team_list);
  gtk_widget_class_bind_template_child (widget_class, OdMembersPage, invitations_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_email_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_role_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_actions_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_email_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_role_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_teams_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_joined_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_last_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_actions_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_team_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_team_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, invitations_count_changed_cb);

  gtk_widget_class_install_action (widget_class, "members.invite", NULL, invite_action);
  gtk_widget_class_install_action (widget_class, "members.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "members.remove", "(xs)", remove_action);
  gtk_widget_class_install_action (widget_class, "members.set-role", "(xis)", set_role_action);
  gtk_widget_class_install_action (widget_class, "members.remove-selected", NULL, remove_selected_action);
  gtk_widget_class_install_action (widget_class, "members.set-selected-role", "i", set_selected_role_action);
  gtk_widget_class_install_action (widget_class, "members.clear-selection", NULL, clear_selection_action);
}

static void
setup_dropdown_factories (OdMembersPage *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  /* The team filter searches the names as typed */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->team_dropdown, expression);

  /* Team names can be long: the list of the team picker filters by name */
  self->team_name_filter = gtk_string_filter_new (gtk_property_expression_new (OD_TYPE_TEAM, NULL, "name"));
  gtk_string_filter_set_ignore_case (self->team_name_filter, TRUE);
  gtk_string_filter_set_match_mode (self->team_name_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
}

static void
od_members_page_init (OdMembersPage *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self),
                                 gtk_custom_layout_new (NULL, layout_measure_cb, layout_allocate_cb));

  od_page_set_title (OD_PAGE (self), _("Members"));
  od_page_set_icon_name (OD_PAGE (self), "system-users-symbolic");

  /* Seat usage has its own colour rules: none of GtkLevelBar's low/high/full defaults */
  gtk_level_bar_remove_offset_value (self->seats_level_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->seats_level_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->seats_level_bar, GTK_LEVEL_BAR_OFFSET_FULL);

  /* Delete in the table removes the selected members (after a question); this must come before
   * the search entry's key capture, which would take the key for itself */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (table_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  setup_dropdown_factories (self);
  /* The squeezer keeps the switcher it does not show in the accessibility tree: take it out */
  od_widget_hide_from_at_when_unmapped (GTK_WIDGET (self->view_switcher));
  od_widget_hide_from_at_when_unmapped (GTK_WIDGET (self->narrow_view_switcher));
  od_button_set_accessible_name (self->invite_button, _("Invite Members"));
  od_button_set_accessible_name (GTK_WIDGET (self->add_seats_button), NULL);
  od_button_set_accessible_name (self->bulk_remove_button, NULL);
  od_button_set_accessible_name (GTK_WIDGET (self->bulk_role_button), _("Change Role"));
  od_button_set_accessible_name (GTK_WIDGET (self->bulk_team_button), _("Add to Team"));
  setup_sorting (self);
  od_column_view_add_row_menus (self->column_view);
  set_teams (self, NULL);

  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (view_changed_cb), self, G_CONNECT_SWAPPED);

  update_permissions (self);
}

void
od_members_page_focus_search (OdMembersPage *self)
{
  g_return_if_fail (OD_IS_MEMBERS_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "members");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Shows one member: the Members view searched by their email, with no role or team filter; once
 * the search has listed them, their row has the focus */
void
od_members_page_show_member (OdMembersPage *self,
                             OdMember      *member)
{
  const char *email;

  g_return_if_fail (OD_IS_MEMBERS_PAGE (self));
  g_return_if_fail (OD_IS_MEMBER (member));

  email = od_member_get_email (member);
  adw_view_stack_set_visible_child_name (self->view_stack, "members");
  g_free (self->reveal_email);
  self->reveal_email = g_strdup (email);
  gtk_drop_down_set_selected (self->role_dropdown, 0);
  gtk_drop_down_set_selected (self->team_dropdown, 0);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), email) == 0)
    load (self, TRUE);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), email);
}
