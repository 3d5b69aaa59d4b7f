/* od-overview-page.c — summary of the organization and its newest updates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-format.h"
#include "od-overview-page.h"
#include "od-update.h"
#include "od-ui-util.h"

#define N_NEWEST_UPDATES 20

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
  GtkStack       *updates_stack;
  GtkListBox     *updates_list;
  AdwStatusPage  *error_status;
};

G_DEFINE_FINAL_TYPE (OdOverviewPage, od_overview_page, OD_TYPE_PAGE)

typedef struct
{
  guint       n_members;
  guint       n_pending;
  guint       n_seats;
  guint       n_teams;
  GListModel *updates;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_object (&snapshot->updates);
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
  g_autoptr(GListModel) teams = NULL;

  if (!od_repository_get_seat_usage (repository, organization_id,
                                     &snapshot->n_members, &snapshot->n_pending,
                                     &snapshot->n_seats, error))
    return NULL;

  if (!(teams = od_repository_list_teams (repository, organization_id, error)))
    return NULL;
  snapshot->n_teams = g_list_model_get_n_items (teams);

  if (!(snapshot->updates = od_repository_list_updates (repository, organization_id, -1,
                                                        N_NEWEST_UPDATES, error)))
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

static GtkWidget *
create_update_row_cb (gpointer item,
                      gpointer user_data)
{
  OdUpdate *update = item;
  g_autofree char *when = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *sentence = NULL;
  const char *team = od_update_get_team_name (update);
  const char *content = od_update_get_content (update);
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *title;
  GtkWidget *meta_label;
  GtkWidget *body;

  when = od_format_relative_time (od_update_get_created_at (update),
                                  g_get_real_time () / G_USEC_PER_SEC);

  if (team != NULL)
    /* Translators: author · team · time, e.g. "Ana Silva · Design · 3 hours ago" */
    meta = g_strdup_printf (_("%s · %s · %s"), od_update_get_author_name (update), team, when);
  else
    /* Translators: author · time, e.g. "Ana Silva · 3 hours ago" */
    meta = g_strdup_printf (_("%s · %s"), od_update_get_author_name (update), when);

  if (team != NULL)
    /* Translators: how an update reads to a screen reader: title, author, team, time */
    sentence = g_strdup_printf (_("%s, by %s in %s, %s"), od_update_get_title (update),
                                od_update_get_author_name (update), team, when);
  else
    /* Translators: how an update reads to a screen reader: title, author, time */
    sentence = g_strdup_printf (_("%s, by %s, %s"), od_update_get_title (update),
                                od_update_get_author_name (update), when);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (box, "update-row");

  title = gtk_label_new (od_update_get_title (update));
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "heading");

  meta_label = gtk_label_new (meta);
  gtk_label_set_xalign (GTK_LABEL (meta_label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (meta_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (meta_label, "dim-label");
  gtk_widget_add_css_class (meta_label, "caption");

  body = gtk_label_new (content != NULL ? content : "");
  gtk_label_set_xalign (GTK_LABEL (body), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (body), 3);
  gtk_label_set_ellipsize (GTK_LABEL (body), PANGO_ELLIPSIZE_END);
  gtk_widget_set_visible (body, content != NULL && *content != '\0');

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), meta_label);
  gtk_box_append (GTK_BOX (box), body);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  -1);

  return row;
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

  if (snapshot == NULL)
    {
      od_status_page_set_plain_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  used = snapshot->n_members + snapshot->n_pending;

  members = g_strdup_printf ("%u", snapshot->n_members);
  members_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members",
                                               snapshot->n_members), snapshot->n_members);
  /* Translators: seats used / seats, e.g. "12 / 20" */
  seats = g_strdup_printf (_("%u / %u"), used, snapshot->n_seats);
  seats_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u seat used",
                                             "%u of %u seats used", snapshot->n_seats),
                                used, snapshot->n_seats);
  teams = g_strdup_printf ("%u", snapshot->n_teams);
  teams_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u team", "%u teams",
                                             snapshot->n_teams), snapshot->n_teams);
  pending = g_strdup_printf ("%u", snapshot->n_pending);
  pending_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pending invitation",
                                               "%u pending invitations", snapshot->n_pending),
                                  snapshot->n_pending);

  set_card (self->members_card, self->members_value, members, members_text);
  set_card (self->seats_card, self->seats_value, seats, seats_text);
  set_card (self->teams_card, self->teams_value, teams, teams_text);
  set_card (self->pending_card, self->pending_value, pending, pending_text);

  gtk_list_box_bind_model (self->updates_list, snapshot->updates,
                           create_update_row_cb, self, NULL);
  gtk_stack_set_visible_child_name (self->updates_stack,
                                    g_list_model_get_n_items (snapshot->updates) > 0
                                    ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->stack, "overview");
}

static void
od_overview_page_reload (OdPage *page)
{
  gint64 organization_id = od_page_get_organization_id (page);

  if (organization_id == 0)
    return;

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

  G_OBJECT_CLASS (od_overview_page_parent_class)->dispose (object);
}

static void
od_overview_page_class_init (OdOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OdPageClass *page_class = OD_PAGE_CLASS (klass);

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
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, updates_stack);
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, updates_list);
  gtk_widget_class_bind_template_child (widget_class, OdOverviewPage, error_status);
}

static void
od_overview_page_init (OdOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  od_page_set_title (OD_PAGE (self), _("Overview"));
  od_page_set_icon_name (OD_PAGE (self), "user-home-symbolic");
}
