/* od-teams-page.c — the organization's teams
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-team.h"
#include "od-teams-page.h"
#include "od-ui-util.h"

struct _OdTeamsPage
{
  OdPage         parent_instance;

  GtkStack      *stack;
  GtkLabel      *summary_label;
  GtkListBox    *list;
  AdwStatusPage *error_status;
};

G_DEFINE_FINAL_TYPE (OdTeamsPage, od_teams_page, OD_TYPE_PAGE)

static gpointer
load_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return od_repository_list_teams (repository, *(gint64 *)data, error);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  OdTeam *team = item;
  guint n_members = od_team_get_n_members (team);
  g_autofree char *members = NULL;
  g_autofree char *sentence = NULL;

  members = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", n_members),
                             n_members);
  /* Translators: how a team row reads to a screen reader: "Design, 5 members" */
  sentence = g_strdup_printf (_("%s, %s"), od_team_get_name (team), members);

  return od_text_row_new (od_team_get_name (team), od_team_get_description (team),
                          members, sentence);
}

static void
load_done (OdPage       *page,
           gpointer      result,
           const GError *error)
{
  OdTeamsPage *self = OD_TEAMS_PAGE (page);
  g_autoptr(GListModel) teams = result;
  g_autofree char *summary = NULL;
  guint n_teams;

  if (teams == NULL)
    {
      od_status_page_set_plain_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  n_teams = g_list_model_get_n_items (teams);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u team", "%u teams", n_teams),
                             n_teams);
  gtk_label_set_text (self->summary_label, summary);

  gtk_list_box_bind_model (self->list, teams, create_row_cb, self, NULL);
  gtk_stack_set_visible_child_name (self->stack, n_teams > 0 ? "list" : "empty");
}

static void
od_teams_page_reload (OdPage *page)
{
  gint64 organization_id = od_page_get_organization_id (page);

  if (organization_id == 0)
    return;

  od_page_run (page, load_func, g_memdup2 (&organization_id, sizeof organization_id), g_free,
               g_object_unref, load_done);
}

static void
od_teams_page_dispose (GObject *object)
{
  /* The root child is a bound template child: let AdwBin drop it before the template does */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), OD_TYPE_TEAMS_PAGE);

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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-teams-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, list);
  gtk_widget_class_bind_template_child (widget_class, OdTeamsPage, error_status);
}

static void
od_teams_page_init (OdTeamsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  od_page_set_title (OD_PAGE (self), _("Teams"));
  od_page_set_icon_name (OD_PAGE (self), "network-workgroup-symbolic");
}
