/* od-team-dialog.c — create a team, or rename and describe one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog writes through the repository (on its worker) and closes once the core accepted
 * the change. A refusal — most often "There is already a team named …" — is shown right under
 * the name, which is marked as in error, and the dialog stays open.
 *
 * Signals: "saved" (OdTeam *team) — the team as it is now, after the core accepted the change.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-feed-util.h"
#include "od-member.h"
#include "od-team-dialog.h"
#include "od-ui-util.h"

struct _OdTeamDialog
{
  AdwWindow       parent_instance;

  OdRepository   *repository;
  OdMember       *actor;
  OdTeam         *team;             /* the one edited, or NULL when creating */
  GCancellable   *cancellable;

  AdwWindowTitle *window_title;
  GtkWidget      *cancel_button;
  GtkWidget      *submit_button;
  AdwEntryRow    *name_row;
  AdwEntryRow    *description_row;
  GtkLabel       *error_label;

  guint           busy : 1;
};

G_DEFINE_FINAL_TYPE (OdTeamDialog, od_team_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  OdMember *actor;
  gint64    team_id;
  char     *name;
  char     *description;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->actor);
  g_free (request->name);
  g_free (request->description);
  g_free (request);
}

static void
update_submit (OdTeamDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.submit", !self->busy && *name != '\0');
}

static void
show_error (OdTeamDialog *self,
            const char   *message)
{
  gboolean shown = message != NULL && *message != '\0';

  gtk_label_set_text (self->error_label, shown ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), shown);

  if (shown)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");

  /* The name's field tells a screen reader what is wrong with it */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->name_row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               shown ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (shown)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->name_row),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
name_changed_cb (OdTeamDialog *self)
{
  if (!self->busy)
    show_error (self, NULL);
  update_submit (self);
}

static void
name_activated_cb (OdTeamDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->description_row));
}

static void
description_activated_cb (OdTeamDialog *self)
{
  od_team_dialog_submit (self);
}

static gpointer
save_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Request *request = data;

  if (request->team_id == 0)
    return od_repository_create_team (repository, request->actor, request->name,
                                      request->description, error);

  if (!od_repository_update_team (repository, request->actor, request->team_id,
                                  request->name, request->description, error))
    return NULL;

  return od_repository_get_team (repository, request->team_id, error);
}

static void
save_done (GtkWidget    *widget,
           gpointer      result,
           const GError *error)
{
  OdTeamDialog *self = OD_TEAM_DIALOG (widget);
  g_autoptr(OdTeam) team = result;

  self->busy = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->description_row), TRUE);

  if (team == NULL)
    {
      show_error (self, error != NULL ? error->message : _("The team could not be saved."));
      update_submit (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, team);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
od_team_dialog_submit (OdTeamDialog *self)
{
  Request *request;

  g_return_if_fail (OD_IS_TEAM_DIALOG (self));

  if (self->busy || self->repository == NULL)
    return;

  request = g_new0 (Request, 1);
  request->actor = g_object_ref (self->actor);
  request->team_id = self->team != NULL ? od_team_get_id (self->team) : 0;
  request->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  request->description = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->description_row)));

  self->busy = TRUE;
  update_submit (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->description_row), FALSE);

  od_widget_run (GTK_WIDGET (self), self->repository, self->cancellable,
                 save_func, request, (GDestroyNotify)request_free, g_object_unref, save_done);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  od_team_dialog_submit (OD_TEAM_DIALOG (widget));
}

static void
od_team_dialog_dispose (GObject *object)
{
  OdTeamDialog *self = (OdTeamDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_TEAM_DIALOG);

  G_OBJECT_CLASS (od_team_dialog_parent_class)->dispose (object);
}

static void
od_team_dialog_finalize (GObject *object)
{
  OdTeamDialog *self = (OdTeamDialog *)object;

  g_clear_object (&self->repository);
  g_clear_object (&self->actor);
  g_clear_object (&self->team);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (od_team_dialog_parent_class)->finalize (object);
}

static void
od_team_dialog_class_init (OdTeamDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = od_team_dialog_dispose;
  object_class->finalize = od_team_dialog_finalize;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, OD_TYPE_TEAM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-team-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OdTeamDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, OdTeamDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, OdTeamDialog, submit_button);
  gtk_widget_class_bind_template_child (widget_class, OdTeamDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, OdTeamDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, OdTeamDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, description_activated_cb);

  gtk_widget_class_install_action (widget_class, "team.submit", NULL, submit_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
od_team_dialog_init (OdTeamDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  od_widget_fit_large_text (GTK_WIDGET (self));
  od_widget_name_drop_down_buttons (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  od_button_use_accessible_label (self->cancel_button);
  od_button_use_accessible_label (self->submit_button);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.submit", FALSE);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
}

OdTeamDialog *
od_team_dialog_new (GtkWidget    *parent,
                    OdRepository *repository,
                    OdMember     *actor,
                    OdTeam       *team)
{
  OdTeamDialog *self;
  GtkRoot *root;

  g_return_val_if_fail (!parent || GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (OD_IS_MEMBER (actor), NULL);
  g_return_val_if_fail (!team || OD_IS_TEAM (team), NULL);

  self = g_object_new (OD_TYPE_TEAM_DIALOG, NULL);
  self->repository = g_object_ref (repository);
  self->actor = g_object_ref (actor);
  g_set_object (&self->team, team);

  root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));

  if (team != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Team"));
      adw_window_title_set_title (self->window_title, _("Edit Team"));
      gtk_button_set_label (GTK_BUTTON (self->submit_button), _("_Save"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->submit_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Save"),
                                      -1);
      od_button_use_accessible_label (self->submit_button);
      od_team_dialog_set_name_text (self, od_team_get_name (team));
      od_team_dialog_set_description_text (self, od_team_get_description (team));
    }

  return self;
}

void
od_team_dialog_set_name_text (OdTeamDialog *self,
                              const char   *name)
{
  g_return_if_fail (OD_IS_TEAM_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
}

void
od_team_dialog_set_description_text (OdTeamDialog *self,
                                     const char   *description)
{
  g_return_if_fail (OD_IS_TEAM_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->description_row), description != NULL ? description : "");
}

const char *
od_team_dialog_get_error (OdTeamDialog *self)
{
  g_return_val_if_fail (OD_IS_TEAM_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_text (self->error_label);
}
