/* od-teams-page.c — the organization's teams, and one team's members and updates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two views in a stack: the list of teams (few enough to filter in memory with a
 * GtkFilterListModel and a GtkStringFilter on the name) and a team's own page, pushed on top
 * with a back button: its members (added with OdMemberPicker, taken out with an Undo toast) and
 * its updates feed (OdFeedView, the same widget as the Overview's). Creating, renaming and
 * deleting teams and changing who is in one show only for the roles the core allows (SPEC §3,
 * and the organization's "who may create teams" setting); the core checks again.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-error.h"
#include "od-feed-util.h"
#include "od-feed-view.h"
#include "od-member-picker.h"
#include "od-post-dialog.h"
#include "od-team.h"
#include "od-team-dialog.h"
#include "od-teams-page.h"
#include "od-ui-util.h"
#include "od-undo.h"

/* Counting a team's updates before deleting it stops here ("more than 1,000") */
#define MAX_COUNTED_UPDATES 1000
/* A team's page lists this many members until "Show All Members" is pressed */
#define N_MEMBERS_FOLDED 5

struct _OdTeamsPage
{
  OdPage              parent_instance;

  GListStore         *teams;          /* OdTeam, by name */
  GtkFilterListModel *filtered;
  GtkStringFilter    *filter;
  OdTeam             *team;           /* the one whose page is shown, or NULL */
  GListModel         *team_members;   /* OdMember */
  GtkSliceListModel  *members_shown;  /* the first few of them, or all */
  OdRole              creation_role;  /* who may create teams in this organization */

  /* Template widgets */
  GtkStack           *views;
  GtkWidget          *list_view;
  GtkWidget          *team_view;
  GtkSearchEntry     *search_entry;
  GtkWidget          *new_team_button;
  GtkLabel           *summary_label;
  GtkStack           *stack;
  GtkListBox         *list;
  AdwStatusPage      *no_results_status;
  AdwStatusPage      *error_status;
  GtkWidget          *back_button;
  GtkLabel           *team_title;
  GtkLabel           *team_description;
  GtkWidget          *edit_team_button;
  GtkWidget          *delete_team_button;
  GtkLabel           *members_heading;
  GtkWidget          *add_members_button;
  GtkListBox         *members_list;
  GtkWidget          *more_members_button;
  GtkWidget          *team_post_button;
  OdFeedView         *team_feed;

  guint               loaded : 1;
  guint               all_members : 1;
  guint               focus_back : 1;   /* Back takes the focus once it is on screen */
};

G_DEFINE_FINAL_TYPE (OdTeamsPage, od_teams_page, OD_TYPE_PAGE)

static void load_team (OdTeamsPage *self);

/* What the acting member may do */

static gboolean
can_create_teams (OdTeamsPage *self)
{
  OdRole role = od_page_get_actor_role (OD_PAGE (self));
  OdRole minimum = self->creation_role > OD_ROLE_NONE ? self->creation_role : OD_ROLE_ADMIN;

  return od_role_can (role, OD_ACTION_MANAGE_TEAMS) ||
         (role >= minimum && od_role_can (role, OD_ACTION_POST_UPDATE));
}

static gboolean
can_manage_teams (OdTeamsPage *self)
{
  return od_role_can (od_page_get_actor_role (OD_PAGE (self)), OD_ACTION_MANAGE_TEAMS);
}

static gboolean
can_manage_membership (OdTeamsPage *self)
{
  return od_role_can (od_page_get_actor_role (OD_PAGE (self)), OD_ACTION_MANAGE_TEAM_MEMBERSHIP);
}

static gboolean
can_post (OdTeamsPage *self)
{
  return od_role_can (od_page_get_actor_role (OD_PAGE (self)), OD_ACTION_POST_UPDATE);
}

static gboolean
showing_team (OdTeamsPage *self)
{
  return self->team != NULL;
}

static void
update_controls (OdTeamsPage *self)
{
  gboolean in_team = showing_team (self);

  gtk_widget_set_visible (self->new_team_button, can_create_teams (self));
  gtk_widget_set_visible (self->edit_team_button, can_manage_teams (self));
  gtk_widget_set_visible (self->delete_team_button, can_manage_teams (self));
  gtk_widget_set_visible (self->add_members_button, can_manage_membership (self));
  gtk_widget_set_visible (self->team_post_button, can_post (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.new",
                                 in_team ? (can_post (self) || can_create_teams (self))
                                         : can_create_teams (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "teams.back", in_team);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "teams.edit", in_team && can_manage_teams (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "teams.delete", in_team && can_manage_teams (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "teams.add-members", in_team && can_manage_membership (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "teams.post", in_team && can_post (self));
}

static char *
members_text (guint n_members)
{
  if (n_members == 0)
    return g_strdup (_("No members"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", n_members),
                          n_members);
}

/* The list of teams */

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  OdTeam *team = item;
  g_autofree char *members = members_text (od_team_get_n_members (team));
  g_autofree char *sentence = NULL;
  GtkWidget *row;
  GtkWidget *arrow;

  /* Translators: how a team row reads to a screen reader: "Design, 5 members" */
  sentence = g_strdup_printf (_("%s, %s"), od_team_get_name (team), members);

  row = od_text_row_new (od_team_get_name (team), od_team_get_description (team),
                         members, sentence);
  /* GTK 4.8 reads a row's label and the title it is labelled by one after the other */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (row, od_team_get_name (team));
  gtk_widget_set_tooltip_text (row, _("Show the team’s members and updates"));

  return row;
}

static void
update_list_state (OdTeamsPage *self)
{
  guint n_teams = g_list_model_get_n_items (G_LIST_MODEL (self->teams));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *summary = NULL;

  if (!self->loaded)
    return;

  if (search != NULL && *search != '\0' && n_shown != n_teams)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u team", "%u of %u teams", n_teams),
                               n_shown, n_teams);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u team", "%u teams", n_teams),
                               n_teams);
  gtk_label_set_text (self->summary_label, summary);

  if (n_teams == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (n_shown == 0)
    {
      /* Translators: shown when no team name contains the search text */
      g_autofree char *text = g_strdup_printf (_("No team name contains “%s”."), search);

      od_status_page_set_plain_description (self->no_results_status, text);
      gtk_stack_set_visible_child_name (self->stack, "no-results");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
}

static void
filtered_items_changed_cb (OdTeamsPage *self)
{
  update_list_state (self);
}

static void
search_changed_cb (OdTeamsPage *self)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Enter in the search opens the first team found */
static void
search_activate_cb (OdTeamsPage *self)
{
  g_autoptr(OdTeam) team = NULL;

  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  if ((team = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0)) != NULL)
    od_teams_page_show_team (self, team);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

typedef struct
{
  GListModel     *teams;
  OdOrganization *organization;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_object (&snapshot->teams);
  g_clear_object (&snapshot->organization);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static gpointer
load_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  gint64 organization_id = *(gint64 *)data;
  g_autoptr(Snapshot) snapshot = g_new0 (Snapshot, 1);

  /* Read again: who may create teams is an organization setting that may have changed */
  if (!(snapshot->organization = od_repository_get_organization (repository, organization_id, error)) ||
      !(snapshot->teams = od_repository_list_teams (repository, organization_id, error)))
    return NULL;

  return g_steal_pointer (&snapshot);
}

static void
load_done (OdPage       *page,
           gpointer      result,
           const GError *error)
{
  OdTeamsPage *self = OD_TEAMS_PAGE (page);
  g_autoptr(Snapshot) snapshot = result;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (snapshot == NULL)
    {
      od_status_page_set_plain_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  self->creation_role = od_organization_get_team_creation_role (snapshot->organization);
  update_controls (self);

  n = g_list_model_get_n_items (snapshot->teams);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (snapshot->teams, i));

  self->loaded = TRUE;
  g_list_store_splice (self->teams, 0, g_list_model_get_n_items (G_LIST_MODEL (self->teams)),
                       items->pdata, items->len);
  update_list_state (self);
}

/* One team's page */

typedef struct
{
  OdMember *actor;
  gint64    team_id;
  gint64    member_id;
  char     *name;         /* the team's */
  OdMember *member;       /* the one taken out of the team */
  gint64    journal_id;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->actor);
  g_clear_object (&request->member);
  g_free (request->name);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static Request *
request_copy (Request *request)
{
  Request *copy = g_memdup2 (request, sizeof *request);

  copy->actor = request->actor != NULL ? g_object_ref (request->actor) : NULL;
  copy->member = request->member != NULL ? g_object_ref (request->member) : NULL;
  copy->name = g_strdup (request->name);

  return copy;
}

static Request *
request_new (OdTeamsPage *self,
             gint64       team_id,
             gint64       member_id,
             const char  *name)
{
  Request *request = g_new0 (Request, 1);

  request->actor = g_object_ref (od_page_get_actor (OD_PAGE (self)));
  request->team_id = team_id;
  request->member_id = member_id;
  request->name = g_strdup (name);

  return request;
}

static void remove_member_clicked_cb (OdTeamsPage *self,
                                      GtkButton   *button);

static GtkWidget *
create_member_row_cb (gpointer item,
                      gpointer user_data)
{
  OdTeamsPage *self = user_data;
  OdMember *member = item;
  g_autofree char *sentence = NULL;
  GtkWidget *row;

  /* Translators: how a team member reads to a screen reader: name, email, role */
  sentence = g_strdup_printf (_("%s, %s, %s"), od_member_get_name (member),
                              od_member_get_email (member),
                              od_role_get_label (od_member_get_role (member)));

  row = od_text_row_new (od_member_get_name (member), od_member_get_email (member),
                         od_role_get_label (od_member_get_role (member)), sentence);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_widget_set_name (row, od_member_get_email (member));

  if (can_manage_membership (self))
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *name = NULL;

      /* Translators: the accessible name of a button, e.g. "Remove Ana Silva from the team" */
      name = g_strdup_printf (_("Remove %s from the team"), od_member_get_name (member));
      gtk_widget_set_tooltip_text (button, _("Remove From the Team"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "od-member", g_object_ref (member), g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_member_clicked_cb),
                               self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static void
update_members_button (OdTeamsPage *self)
{
  guint n = self->team_members != NULL ? g_list_model_get_n_items (self->team_members) : 0;
  g_autofree char *label = NULL;

  if (self->all_members)
    label = g_strdup (_("Show Fewer Members"));
  else
    /* Translators: a button under the first few members of a team */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Member", "Show All %u Members", n), n);

  gtk_button_set_label (GTK_BUTTON (self->more_members_button), label);
  od_widget_fit_large_text (self->more_members_button);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->more_members_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  od_button_use_accessible_label (self->more_members_button);
  gtk_widget_set_visible (self->more_members_button, n > N_MEMBERS_FOLDED);
  gtk_slice_list_model_set_size (self->members_shown, self->all_members ? G_MAXUINT : N_MEMBERS_FOLDED);
}

static void
toggle_members_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  OdTeamsPage *self = OD_TEAMS_PAGE (widget);

  self->all_members = !self->all_members;
  update_members_button (self);
}

static void
show_team (OdTeamsPage *self,
           OdTeam      *team)
{
  g_autofree char *heading = NULL;
  const char *description = od_team_get_description (team);
  guint n_members = od_team_get_n_members (team);

  g_set_object (&self->team, team);

  gtk_label_set_text (self->team_title, od_team_get_name (team));
  gtk_label_set_text (self->team_description, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->team_description), description != NULL && *description != '\0');

  /* Translators: the heading over a team's members, e.g. "Members (5)" */
  heading = n_members > 0 ? g_strdup_printf (_("Members (%u)"), n_members) : g_strdup (_("Members"));
  gtk_label_set_text (self->members_heading, heading);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->team_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, od_team_get_name (team),
                                  -1);
}

typedef struct
{
  OdTeam     *team;
  GListModel *members;
} TeamSnapshot;

static void
team_snapshot_free (TeamSnapshot *snapshot)
{
  g_clear_object (&snapshot->team);
  g_clear_object (&snapshot->members);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TeamSnapshot, team_snapshot_free)

static gpointer
load_team_func (OdRepository  *repository,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  gint64 team_id = *(gint64 *)data;
  g_autoptr(TeamSnapshot) snapshot = g_new0 (TeamSnapshot, 1);

  if (!(snapshot->team = od_repository_get_team (repository, team_id, error)) ||
      !(snapshot->members = od_repository_list_team_members (repository, team_id, error)))
    return NULL;

  return g_steal_pointer (&snapshot);
}

static void
team_loaded (OdPage       *page,
             gpointer      result,
             const GError *error)
{
  OdTeamsPage *self = OD_TEAMS_PAGE (page);
  g_autoptr(TeamSnapshot) snapshot = result;

  /* Another team was opened meanwhile, or the list shown again */
  if (self->team == NULL ||
      (snapshot != NULL && od_team_get_id (snapshot->team) != od_team_get_id (self->team)))
    return;

  if (snapshot == NULL)
    {
      /* Deleted meanwhile (here, by the command line or by Undo of its creation) */
      if (!g_error_matches (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND))
        od_widget_show_toast (GTK_WIDGET (self), error->message);
      od_teams_page_show_list (self);
      return;
    }

  show_team (self, snapshot->team);
  g_set_object (&self->team_members, snapshot->members);
  gtk_slice_list_model_set_model (self->members_shown, snapshot->members);
  update_members_button (self);
}

static void
load_team (OdTeamsPage *self)
{
  gint64 team_id;

  if (self->team == NULL)
    return;

  team_id = od_team_get_id (self->team);
  od_page_run (OD_PAGE (self), load_team_func, g_memdup2 (&team_id, sizeof team_id), g_free,
               (GDestroyNotify)team_snapshot_free, team_loaded);
}

static void
back_button_map_cb (OdTeamsPage *self)
{
  if (self->focus_back)
    {
      self->focus_back = FALSE;
      gtk_widget_grab_focus (self->back_button);
    }
}

void
od_teams_page_show_team (OdTeamsPage *self,
                         OdTeam      *team)
{
  OdPage *page = OD_PAGE (self);

  g_return_if_fail (OD_IS_TEAMS_PAGE (self));
  g_return_if_fail (OD_IS_TEAM (team));

  gtk_slice_list_model_set_model (self->members_shown, NULL);
  g_clear_object (&self->team_members);
  self->all_members = FALSE;
  update_members_button (self);

  show_team (self, team);
  update_controls (self);

  od_feed_view_set_source (self->team_feed, od_page_get_repository (page),
                           od_page_get_organization_id (page), od_page_get_actor (page));
  od_feed_view_set_team_id (self->team_feed, od_team_get_id (team));

  gtk_stack_set_visible_child_name (self->views, "team");
  /* Back sits in the feed's first item, which the list view may not have made yet */
  self->focus_back = !gtk_widget_grab_focus (self->back_button);

  load_team (self);
}

void
od_teams_page_show_list (OdTeamsPage *self)
{
  g_autoptr(OdTeam) team = NULL;

  g_return_if_fail (OD_IS_TEAMS_PAGE (self));

  team = g_steal_pointer (&self->team);
  g_clear_object (&self->team_members);
  update_controls (self);

  gtk_stack_set_visible_child_name (self->views, "teams");

  /* Back where the person came from: the team's row, if it is still there */
  if (team != NULL)
    {
      GtkListBoxRow *row;

      for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
        {
          if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), od_team_get_name (team)) == 0)
            {
              gtk_widget_grab_focus (GTK_WIDGET (row));
              break;
            }
        }
    }
}

OdTeam *
od_teams_page_get_team (OdTeamsPage *self)
{
  g_return_val_if_fail (OD_IS_TEAMS_PAGE (self), NULL);

  return self->team;
}

OdFeedView *
od_teams_page_get_feed (OdTeamsPage *self)
{
  g_return_val_if_fail (OD_IS_TEAMS_PAGE (self), NULL);

  return self->team_feed;
}

static void
team_row_activated_cb (OdTeamsPage   *self,
                       GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);
  g_autoptr(OdTeam) team = NULL;

  if (index < 0)
    return;

  team = g_list_model_get_item (G_LIST_MODEL (self->filtered), index);
  if (team != NULL)
    od_teams_page_show_team (self, team);
}

/* Creating and editing */

static void
team_saved_cb (OdTeamsPage  *self,
               OdTeam       *team,
               OdTeamDialog *dialog)
{
  /* A new team opens on its page, ready for members and a first update */
  if (self->team == NULL || od_team_get_id (self->team) != od_team_get_id (team))
    od_teams_page_show_team (self, team);
  else
    show_team (self, team);
}

GtkWindow *
od_teams_page_new_team (OdTeamsPage *self)
{
  OdPage *page = OD_PAGE (self);
  OdTeamDialog *dialog;

  g_return_val_if_fail (OD_IS_TEAMS_PAGE (self), NULL);

  if (od_page_get_repository (page) == NULL || od_page_get_actor (page) == NULL ||
      !can_create_teams (self))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return NULL;
    }

  dialog = od_team_dialog_new (GTK_WIDGET (self), od_page_get_repository (page),
                               od_page_get_actor (page), NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (team_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

static GtkWindow *
post_update (OdTeamsPage *self)
{
  OdPage *page = OD_PAGE (self);
  OdPostDialog *dialog;

  if (self->team == NULL || od_page_get_actor (page) == NULL || !can_post (self))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return NULL;
    }

  dialog = od_post_dialog_new (GTK_WIDGET (self), od_page_get_repository (page),
                               od_page_get_actor (page), G_LIST_MODEL (self->teams),
                               od_team_get_id (self->team));
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  OdTeamsPage *self = OD_TEAMS_PAGE (widget);

  /* On a team's page, Ctrl+N posts to it; on the list it creates a team */
  if (self->team != NULL && can_post (self))
    post_update (self);
  else
    od_teams_page_new_team (self);
}

static void
post_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  post_update (OD_TEAMS_PAGE (widget));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  od_teams_page_focus_search (OD_TEAMS_PAGE (widget));
}

void
od_teams_page_focus_search (OdTeamsPage *self)
{
  g_return_if_fail (OD_IS_TEAMS_PAGE (self));

  if (self->team != NULL)
    od_teams_page_show_list (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  od_teams_page_show_list (OD_TEAMS_PAGE (widget));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OdTeamsPage *self = OD_TEAMS_PAGE (widget);
  OdPage *page = OD_PAGE (self);
  OdTeamDialog *dialog;

  if (self->team == NULL || od_page_get_actor (page) == NULL)
    return;

  dialog = od_team_dialog_new (widget, od_page_get_repository (page), od_page_get_actor (page),
                               self->team);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (team_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Deleting a team: count what goes, ask, delete, offer Undo */

typedef struct
{
  OdTeam *team;
  guint   n_updates;
} DeleteInfo;

static void
delete_info_free (DeleteInfo *info)
{
  g_clear_object (&info->team);
  g_free (info);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteInfo, delete_info_free)

static gpointer
count_func (OdRepository  *repository,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Request *request = data;
  g_autoptr(DeleteInfo) info = g_new0 (DeleteInfo, 1);
  g_autoptr(GListModel) updates = NULL;

  if (!(info->team = od_repository_get_team (repository, request->team_id, error)))
    return NULL;

  updates = od_repository_list_updates (repository, od_team_get_organization_id (info->team),
                                        request->team_id, MAX_COUNTED_UPDATES + 1, error);
  if (updates == NULL)
    return NULL;
  info->n_updates = g_list_model_get_n_items (updates);

  return g_steal_pointer (&info);
}

static gpointer
delete_func (OdRepository  *repository,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Request *request = data;
  g_autoptr(OdTeam) team = NULL;
  Request *deleted;

  if (!(team = od_repository_get_team (repository, request->team_id, error)) ||
      !od_repository_delete_team (repository, request->actor, request->team_id, error))
    return NULL;

  deleted = request_copy (request);
  g_free (deleted->name);
  deleted->name = g_strdup (od_team_get_name (team));
  deleted->journal_id = od_find_last_journal_entry (repository, od_team_get_organization_id (team),
                                                    "team.delete", od_member_get_id (request->actor));

  return deleted;
}

static void
team_deleted (OdPage       *page,
              gpointer      result,
              const GError *error)
{
  g_autoptr(Request) deleted = result;
  g_autofree char *title = NULL;

  if (deleted == NULL)
    {
      od_widget_show_toast (GTK_WIDGET (page), error != NULL ? error->message : NULL);
      return;
    }

  /* Translators: a toast after a team was deleted, with an Undo button */
  title = g_strdup_printf (_("Team “%s” deleted"), deleted->name);

  if (deleted->journal_id > 0)
    {
      g_autoptr(OdUndo) undo = od_undo_new_for_journal (od_page_get_repository (page),
                                                        deleted->actor, deleted->journal_id);
      od_undo_show_toast (undo, GTK_WIDGET (page), title);
    }
  else
    {
      od_widget_show_toast (GTK_WIDGET (page), title);
    }
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    OdTeamsPage      *self)
{
  OdTeam *team = g_object_get_data (G_OBJECT (dialog), "od-team");

  if (g_strcmp0 (response, "delete") != 0 || team == NULL || od_page_get_actor (OD_PAGE (self)) == NULL)
    return;

  if (self->team != NULL && od_team_get_id (self->team) == od_team_get_id (team))
    od_teams_page_show_list (self);

  od_page_run (OD_PAGE (self), delete_func, request_new (self, od_team_get_id (team), 0, NULL),
               (GDestroyNotify)request_free, (GDestroyNotify)request_free, team_deleted);
}

static void
counted (OdPage       *page,
         gpointer      result,
         const GError *error)
{
  OdTeamsPage *self = OD_TEAMS_PAGE (page);
  g_autoptr(DeleteInfo) info = result;
  g_autofree char *heading = NULL;
  g_autofree char *updates = NULL;
  g_autofree char *members = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  guint n_members;
  GtkWidget *dialog;

  if (info == NULL)
    {
      od_widget_show_toast (GTK_WIDGET (self), error != NULL ? error->message : NULL);
      return;
    }

  n_members = od_team_get_n_members (info->team);

  if (info->n_updates == 0)
    updates = g_strdup (_("It has no updates"));
  else if (info->n_updates > MAX_COUNTED_UPDATES)
    updates = g_strdup_printf (_("Its more than %u updates will be deleted"), MAX_COUNTED_UPDATES);
  else
    updates = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Its %u update will be deleted",
                                            "Its %u updates will be deleted", info->n_updates),
                               info->n_updates);

  if (n_members == 0)
    members = g_strdup (_("it has no members"));
  else
    members = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "its %u member stays in the organization",
                                            "its %u members stay in the organization", n_members),
                               n_members);

  /* Translators: the question before a team is deleted */
  heading = g_strdup_printf (_("Delete “%s”?"), od_team_get_name (info->team));
  /* Translators: what deleting a team does, e.g. "Its 3 updates will be deleted; its 5 members
   * stay in the organization." */
  body = g_strdup_printf (_("%s; %s."), updates, members);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Team"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "od-team", g_object_ref (info->team), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
od_teams_page_delete_team (OdTeamsPage *self,
                           OdTeam      *team)
{
  g_return_if_fail (OD_IS_TEAMS_PAGE (self));
  g_return_if_fail (OD_IS_TEAM (team));

  if (!can_manage_teams (self) || od_page_get_actor (OD_PAGE (self)) == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  od_page_run (OD_PAGE (self), count_func, request_new (self, od_team_get_id (team), 0, NULL),
               (GDestroyNotify)request_free, (GDestroyNotify)delete_info_free, counted);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OdTeamsPage *self = OD_TEAMS_PAGE (widget);

  if (self->team != NULL)
    od_teams_page_delete_team (self, self->team);
}

/* Membership */

static void
add_members_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  OdTeamsPage *self = OD_TEAMS_PAGE (widget);
  OdPage *page = OD_PAGE (self);
  OdMemberPicker *picker;

  if (self->team == NULL || od_page_get_actor (page) == NULL)
    return;

  picker = od_member_picker_new (widget, od_page_get_repository (page), od_page_get_actor (page),
                                 self->team, self->team_members);
  gtk_window_present (GTK_WINDOW (picker));
}

static gpointer
add_member_func (OdRepository  *repository,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Request *request = data;

  if (!od_repository_add_team_member (repository, request->actor, request->team_id,
                                      request->member_id, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static gpointer
remove_member_func (OdRepository  *repository,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Request *request = data;

  if (!od_repository_remove_team_member (repository, request->actor, request->team_id,
                                         request->member_id, error))
    return NULL;

  return request_copy (request);
}

static void
member_removed (OdPage       *page,
                gpointer      result,
                const GError *error)
{
  g_autoptr(Request) removed = result;
  g_autoptr(OdUndo) undo = NULL;
  g_autofree char *title = NULL;

  if (removed == NULL)
    {
      od_widget_show_toast (GTK_WIDGET (page), error != NULL ? error->message : NULL);
      return;
    }

  /* Taking someone out of a team is not journaled as undoable: Undo puts them back in */
  undo = od_undo_new (od_page_get_repository (page), add_member_func, request_copy (removed),
                      (GDestroyNotify)request_free);

  /* Translators: a toast after a member was taken out of a team: "Ana Silva removed from Design" */
  title = g_strdup_printf (_("%s removed from %s"), od_member_get_name (removed->member),
                           removed->name);
  od_undo_show_toast (undo, GTK_WIDGET (page), title);
}

static void
remove_member_clicked_cb (OdTeamsPage *self,
                          GtkButton   *button)
{
  OdMember *member = g_object_get_data (G_OBJECT (button), "od-member");
  Request *request;

  if (member == NULL || self->team == NULL || od_page_get_actor (OD_PAGE (self)) == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  request = request_new (self, od_team_get_id (self->team), od_member_get_id (member),
                         od_team_get_name (self->team));
  request->member = g_object_ref (member);
  od_page_run (OD_PAGE (self), remove_member_func, request,
               (GDestroyNotify)request_free, (GDestroyNotify)request_free, member_removed);
}

/* OdPage */

static void
od_teams_page_reload (OdPage *page)
{
  OdTeamsPage *self = OD_TEAMS_PAGE (page);
  gint64 organization_id = od_page_get_organization_id (page);

  update_controls (self);

  if (organization_id == 0)
    return;

  /* Another organization: its teams are not this one's */
  if (self->team != NULL && od_team_get_organization_id (self->team) != organization_id)
    od_teams_page_show_list (self);

  od_page_run (page, load_func, g_memdup2 (&organization_id, sizeof organization_id), g_free,
               (GDestroyNotify)snapshot_free, load_done);

  if (self->team != NULL)
    {
      if (!od_feed_view_set_source (self->team_feed, od_page_get_repository (page),
                                    organization_id, od_page_get_actor (page)))
        od_feed_view_refresh (self->team_feed);
      load_team (self);
    }
}

static void
od_teams_page_dispose (GObject *object)
{
  OdTeamsPage *self = (OdTeamsPage *)object;

  /* The root child is a bound template child: let AdwBin drop it before the template does */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), OD_TYPE_TEAMS_PAGE);

  g_clear_object (&self->filtered);
  g_clear_object (&self->teams);
  g_clear_object (&self->team);
  g_clear_object (&self->team_members);
  g_clear_object (&self->members_shown);

  G_OBJECT_CLASS (od_teams_page_parent_class)->dispose (object);
}

static void
od_teams_page_class_init (OdTeamsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OdPageClass *page_class = OD_PAGE_CLASS (klass);

  object_class->dispose = od_teams_page_dispose;

  page_class->reload = od_teams_page_reload;

  g_type_ensure (OD_TYPE_FEED_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-teams-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, views);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, team_view);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, new_team_button);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, list);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, no_results_status);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, team_title);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, team_description);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, edit_team_button);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, delete_team_button);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, members_heading);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, add_members_button);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, members_list);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, more_members_button);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, team_post_button);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, team_feed);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "page.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "page.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "teams.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "teams.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "teams.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "teams.add-members", NULL, add_members_action);
  gtk_widget_class_install_action (widget_class, "teams.post", NULL, post_action);
  gtk_widget_class_install_action (widget_class, "teams.toggle-members", NULL, toggle_members_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "teams.back", NULL);
}

static void
od_teams_page_init (OdTeamsPage *self)
{
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->back_button, "map", G_CALLBACK (back_button_map_cb), self);

  self->teams = g_list_store_new (OD_TYPE_TEAM);
  expression = gtk_property_expression_new (OD_TYPE_TEAM, NULL, "name");
  self->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->teams)),
                                              GTK_FILTER (self->filter));
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (filtered_items_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->filtered), create_row_cb, self, NULL);
  self->members_shown = gtk_slice_list_model_new (NULL, 0, N_MEMBERS_FOLDED);
  gtk_list_box_bind_model (self->members_list, G_LIST_MODEL (self->members_shown),
                           create_member_row_cb, self, NULL);
  {
    GtkWidget *placeholder = gtk_label_new (_("No members yet"));

    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 12);
    gtk_widget_set_margin_bottom (placeholder, 12);
    gtk_list_box_set_placeholder (self->members_list, placeholder);
  }

  od_feed_view_set_empty_text (self->team_feed, _("No Updates Yet"),
                               _("Updates posted to this team appear here."));
  /* The feed's list view scrolls the team's page; what is above the feed is its first item */
  od_feed_view_take_enclosing_scroller (self->team_feed, _("About the team"));

  /* GTK 4.8 keeps the view that is not shown in the accessibility tree */
  od_widget_hide_from_at_when_unmapped (self->list_view);
  od_widget_hide_from_at_when_unmapped (self->team_view);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    od_widget_hide_from_at_when_unmapped (child);

  update_controls (self);

  od_page_set_title (OD_PAGE (self), _("Teams"));
  od_page_set_icon_name (OD_PAGE (self), "network-workgroup-symbolic");
}
