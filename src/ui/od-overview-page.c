/* od-overview-page.c — summary of the organization and its updates feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The summary cards and the list of teams (for the filter and the "Post to" choice) are read on
 * the repository's worker at each reload; the feed (OdFeedView) is a lazy list and is asked to
 * refresh in place. The feed's list view scrolls the whole page: the cards and the feed's
 * heading are its first item (od_feed_view_take_enclosing_scroller()), so only the updates on
 * screen have row widgets. Post Update shows only for roles that may post (page.new, Ctrl+N).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-feed-view.h"
#include "od-overview-page.h"
#include "od-post-dialog.h"
#include "od-team.h"
#include "od-ui-util.h"

struct _OdOverviewPage
{
  OdPage          parent_instance;

  GtkStack       *stack;
  GtkWidget      *members_card;
  GtkLabel       *members_value;
  GtkWidget      *seats_card;
  GtkLabel       *seats_value;
  GtkWidget      *teams_card;
  GtkLabel       *teams_value;
  GtkWidget      *pending_card;
  GtkLabel       *pending_value;
  GtkDropDown    *team_filter;
  GtkWidget      *post_button;
  OdFeedView     *feed;
  AdwStatusPage  *error_status;

  GListModel     *teams;            /* OdTeam, from the last reload */
  GArray         *filter_team_ids;  /* gint64 per item of team_filter */
  guint           updating_filter : 1;
};

G_DEFINE_FINAL_TYPE (OdOverviewPage, od_overview_page, OD_TYPE_PAGE)

typedef struct
{
  guint       n_members;
  guint       n_pending;
  guint       n_seats;
  GListModel *teams;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_object (&snapshot->teams);
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

  if (!od_repository_get_seat_usage (repository, organization_id,
                                     &snapshot->n_members, &snapshot->n_pending,
                                     &snapshot->n_seats, error))
    return NULL;

  if (!(snapshot->teams = od_repository_list_teams (repository, organization_id, error)))
    return NULL;

  return g_steal_pointer (&snapshot);
}

static void
set_card (GtkWidget  *card,
          GtkLabel   *value,
          const char *number,
          const char *sentence)
{
  gtk_label_set_text (value, number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  -1);
}

/* The filter: every update, the organization-wide ones, or one team's */
static void
set_teams (OdOverviewPage *self,
           GListModel     *teams)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 selected_id = od_feed_view_get_team_id (self->feed);
  guint selected = 0;
  guint n = g_list_model_get_n_items (teams);
  gint64 id;

  g_set_object (&self->teams, teams);

  g_array_set_size (self->filter_team_ids, 0);
  gtk_string_list_append (names, _("All Updates"));
  id = OD_FEED_VIEW_ALL_UPDATES;
  g_array_append_val (self->filter_team_ids, id);
  gtk_string_list_append (names, _("Organization-wide"));
  id = 0;
  g_array_append_val (self->filter_team_ids, id);
  if (selected_id == 0)
    selected = 1;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdTeam) team = g_list_model_get_item (teams, i);

      id = od_team_get_id (team);
      gtk_string_list_append (names, od_team_get_name (team));
      g_array_append_val (self->filter_team_ids, id);
      if (id == selected_id)
        selected = self->filter_team_ids->len - 1;
    }

  self->updating_filter = TRUE;
  gtk_drop_down_set_model (self->team_filter, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->team_filter, selected);
  self->updating_filter = FALSE;

  /* The team shown was deleted: show everything */
  if (selected == 0 && selected_id != OD_FEED_VIEW_ALL_UPDATES)
    od_feed_view_set_team_id (self->feed, OD_FEED_VIEW_ALL_UPDATES);
}

static void
team_filter_selected_cb (OdOverviewPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->team_filter);

  if (self->updating_filter || selected >= self->filter_team_ids->len)
    return;

  od_feed_view_set_team_id (self->feed, g_array_index (self->filter_team_ids, gint64, selected));
}

static void
load_done (OdPage       *page,
           gpointer      result,
           const GError *error)
{
  OdOverviewPage *self = OD_OVERVIEW_PAGE (page);
  g_autoptr(Snapshot) snapshot = result;
  g_autofree char *members = NULL, *members_text = NULL;
  g_autofree char *seats = NULL, *seats_text = NULL;
  g_autofree char *teams = NULL, *teams_text = NULL;
  g_autofree char *pending = NULL, *pending_text = NULL;
  guint used;
  guint n_teams;

  if (snapshot == NULL)
    {
      od_status_page_set_plain_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  used = snapshot->n_members + snapshot->n_pending;
  n_teams = g_list_model_get_n_items (snapshot->teams);

  members = g_strdup_printf ("%u", snapshot->n_members);
  members_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members",
                                               snapshot->n_members), snapshot->n_members);
  /* Translators: seats used / seats, e.g. "12 / 20" */
  seats = g_strdup_printf (_("%u / %u"), used, snapshot->n_seats);
  seats_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u seat used",
                                             "%u of %u seats used", snapshot->n_seats),
                                used, snapshot->n_seats);
  teams = g_strdup_printf ("%u", n_teams);
  teams_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u team", "%u teams",
                                             n_teams), n_teams);
  pending = g_strdup_printf ("%u", snapshot->n_pending);
  pending_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pending invitation",
                                               "%u pending invitations", snapshot->n_pending),
                                  snapshot->n_pending);

  set_card (self->members_card, self->members_value, members, members_text);
  set_card (self->seats_card, self->seats_value, seats, seats_text);
  set_card (self->teams_card, self->teams_value, teams, teams_text);
  set_card (self->pending_card, self->pending_value, pending, pending_text);

  set_teams (self, snapshot->teams);
  gtk_stack_set_visible_child_name (self->stack, "overview");
}

static void
od_overview_page_reload (OdPage *page)
{
  OdOverviewPage *self = OD_OVERVIEW_PAGE (page);
  gint64 organization_id = od_page_get_organization_id (page);
  gboolean can_post = od_role_can (od_page_get_actor_role (page), OD_ACTION_POST_UPDATE);

  if (organization_id == 0)
    return;

  gtk_widget_set_visible (self->post_button, can_post);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.new", can_post);

  /* The feed starts again for another organization or member, else reads what it shows again */
  if (!od_feed_view_set_source (self->feed, od_page_get_repository (page), organization_id,
                                od_page_get_actor (page)))
    od_feed_view_refresh (self->feed);

  od_page_run (page, load_func, g_memdup2 (&organization_id, sizeof organization_id), g_free,
               (GDestroyNotify)snapshot_free, load_done);
}

static void
od_overview_page_dispose (GObject *object)
{
  OdOverviewPage *self = (OdOverviewPage *)object;

  /* The root child is a bound template child: let AdwBin drop it before the template does */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->teams);
  g_clear_pointer (&self->filter_team_ids, g_array_unref);

  G_OBJECT_CLASS (od_overview_page_parent_class)->dispose (object);
}

/* Ctrl+N: a new update, to the team the feed shows if it shows one */
static void
new_update_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  od_overview_page_post_update (OD_OVERVIEW_PAGE (widget));
}

OdFeedView *
od_overview_page_get_feed (OdOverviewPage *self)
{
  g_return_val_if_fail (OD_IS_OVERVIEW_PAGE (self), NULL);

  return self->feed;
}

GtkWindow *
od_overview_page_post_update (OdOverviewPage *self)
{
  OdPage *page = OD_PAGE (self);
  OdPostDialog *dialog;
  gint64 team_id;

  g_return_val_if_fail (OD_IS_OVERVIEW_PAGE (self), NULL);

  if (od_page_get_repository (page) == NULL || od_page_get_actor (page) == NULL ||
      !od_role_can (od_page_get_actor_role (page), OD_ACTION_POST_UPDATE))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return NULL;
    }

  team_id = od_feed_view_get_team_id (self->feed);
  dialog = od_post_dialog_new (GTK_WIDGET (self), od_page_get_repository (page),
                               od_page_get_actor (page), self->teams, MAX (team_id, 0));
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

static void
od_overview_page_class_init (OdOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OdPageClass *page_class = OD_PAGE_CLASS (klass);

  g_type_ensure (OD_TYPE_FEED_VIEW);

  object_class->dispose = od_overview_page_dispose;

  page_class->reload = od_overview_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, members_card);
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, members_value);
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, seats_card);
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, seats_value);
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, teams_card);
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, teams_value);
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, pending_card);
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, pending_value);
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, team_filter);
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, post_button);
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, feed);
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, error_status);
  gtk_widget_class_bind_template_callback (widget_class, team_filter_selected_cb);

  gtk_widget_class_install_action (widget_class, "page.new", NULL, new_update_action);
}

static void
od_overview_page_init (OdOverviewPage *self)
{
  g_autoptr(GListStore) no_teams = g_list_store_new (OD_TYPE_TEAM);

  gtk_widget_init_template (GTK_WIDGET (self));
  od_feed_view_take_enclosing_scroller (self->feed, _("Summary and filter"));

  self->filter_team_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  set_teams (self, G_LIST_MODEL (no_teams));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.new", FALSE);
  od_feed_view_set_empty_text (self->feed, _("No Updates Yet"),
                               _("Updates posted to the organization or its teams appear here."));

  od_page_set_title (OD_PAGE (self), _("Overview"));
  od_page_set_icon_name (OD_PAGE (self), "user-home-symbolic");
}
