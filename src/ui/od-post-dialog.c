/* od-post-dialog.c — post an update, or edit one's title and text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog writes through the repository itself (on its worker) and closes when the core has
 * accepted the change; a refusal (an empty title, a role that may not post, …) is shown under the
 * text and the dialog stays open with everything typed. The feeds follow the repository's
 * "changed" signal, so nothing needs to be handed back.
 *
 * Signals: "saved" (gint64 update_id) — after the core accepted the post or the edit.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-feed-util.h"
#include "od-member.h"
#include "od-post-dialog.h"
#include "od-team.h"
#include "od-ui-util.h"

struct _OdPostDialog
{
  AdwWindow      parent_instance;

  OdRepository  *repository;
  OdMember      *actor;
  OdUpdate      *update;          /* the one edited, or NULL when posting */
  GArray        *team_ids;        /* gint64 per item of the "Post to" row */
  GCancellable  *cancellable;

  AdwWindowTitle *window_title;
  GtkWidget      *cancel_button;
  GtkWidget      *submit_button;
  AdwEntryRow    *title_row;
  AdwComboRow    *target_row;
  AdwEntryRow    *tags_row;
  GtkTextView    *content_view;
  GtkLabel       *error_label;

  guint          busy : 1;
};

G_DEFINE_FINAL_TYPE (OdPostDialog, od_post_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  OdMember *actor;
  gint64    update_id;
  gint64    team_id;
  char     *title;
  char     *content;
  char     *tags;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->actor);
  g_free (request->title);
  g_free (request->content);
  g_free (request->tags);
  g_free (request);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static char *
get_content (OdPostDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->content_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_submit (OdPostDialog *self)
{
  g_autofree char *content = get_content (self);
  gboolean ready;

  ready = !self->busy &&
          !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->title_row))) &&
          !is_blank (content);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "post.submit", ready);
}

static void
fields_changed_cb (OdPostDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_submit (self);
}

static void
title_activated_cb (OdPostDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->content_view));
}

static gpointer
save_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Request *request = data;
  g_autoptr(OdUpdate) update = NULL;

  if (request->update_id > 0)
    {
      if (!od_repository_edit_update (repository, request->actor, request->update_id,
                                      request->title, request->content, error))
        return NULL;

      return g_memdup2 (&request->update_id, sizeof request->update_id);
    }

  update = od_repository_post_update (repository, request->actor, request->team_id,
                                      request->title, request->content, request->tags, error);
  if (update == NULL)
    return NULL;

  request->update_id = od_update_get_id (update);

  return g_memdup2 (&request->update_id, sizeof request->update_id);
}

static void
save_done (GtkWidget    *widget,
           gpointer      result,
           const GError *error)
{
  OdPostDialog *self = OD_POST_DIALOG (widget);
  g_autofree gint64 *update_id = result;

  self->busy = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->title_row), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->content_view), TRUE);

  if (update_id == NULL)
    {
      gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      update_submit (self);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, *update_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
od_post_dialog_submit (OdPostDialog *self)
{
  Request *request;
  guint selected;

  g_return_if_fail (OD_IS_POST_DIALOG (self));

  if (self->busy || self->repository == NULL)
    return;

  request = g_new0 (Request, 1);
  request->actor = g_object_ref (self->actor);
  request->update_id = self->update != NULL ? od_update_get_id (self->update) : 0;
  request->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  request->content = get_content (self);
  request->tags = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));

  selected = adw_combo_row_get_selected (self->target_row);
  if (self->team_ids != NULL && selected < self->team_ids->len)
    request->team_id = g_array_index (self->team_ids, gint64, selected);

  self->busy = TRUE;
  update_submit (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->title_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->content_view), FALSE);

  od_widget_run (GTK_WIDGET (self), self->repository, self->cancellable,
                 save_func, request, (GDestroyNotify)request_free, g_free, save_done);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  od_post_dialog_submit (OD_POST_DIALOG (widget));
}

static void
od_post_dialog_dispose (GObject *object)
{
  OdPostDialog *self = (OdPostDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_POST_DIALOG);

  G_OBJECT_CLASS (od_post_dialog_parent_class)->dispose (object);
}

static void
od_post_dialog_finalize (GObject *object)
{
  OdPostDialog *self = (OdPostDialog *)object;

  g_clear_object (&self->repository);
  g_clear_object (&self->actor);
  g_clear_object (&self->update);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->team_ids, g_array_unref);

  G_OBJECT_CLASS (od_post_dialog_parent_class)->finalize (object);
}

static void
od_post_dialog_class_init (OdPostDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = od_post_dialog_dispose;
  object_class->finalize = od_post_dialog_finalize;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-post-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OdPostDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, OdPostDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, OdPostDialog, submit_button);
  gtk_widget_class_bind_template_child (widget_class, OdPostDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, OdPostDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, OdPostDialog, tags_row);
  gtk_widget_class_bind_template_child (widget_class, OdPostDialog, content_view);
  gtk_widget_class_bind_template_child (widget_class, OdPostDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_activated_cb);

  gtk_widget_class_install_action (widget_class, "post.submit", NULL, submit_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "post.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "post.submit", NULL);
}

static void
od_post_dialog_init (OdPostDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  od_widget_fit_large_text (GTK_WIDGET (self));
  od_widget_name_drop_down_buttons (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  od_button_use_accessible_label (self->cancel_button);
  od_button_use_accessible_label (self->submit_button);
  /* The "Text" heading is its mnemonic label; its accessible name says more */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->content_view),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  g_signal_connect_object (gtk_text_view_get_buffer (self->content_view), "changed",
                           G_CALLBACK (fields_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "post.submit", FALSE);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));
}

static void
set_parent (OdPostDialog *self,
            GtkWidget    *parent)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
}

OdPostDialog *
od_post_dialog_new (GtkWidget    *parent,
                    OdRepository *repository,
                    OdMember     *actor,
                    GListModel   *teams,
                    gint64        team_id)
{
  g_autoptr(GtkStringList) targets = gtk_string_list_new (NULL);
  OdPostDialog *self;
  guint selected = 0;
  guint n_teams;

  g_return_val_if_fail (!parent || GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (OD_IS_MEMBER (actor), NULL);
  g_return_val_if_fail (!teams || G_IS_LIST_MODEL (teams), NULL);

  self = g_object_new (OD_TYPE_POST_DIALOG, NULL);
  self->repository = g_object_ref (repository);
  self->actor = g_object_ref (actor);
  self->team_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  set_parent (self, parent);

  gtk_string_list_append (targets, _("Whole organization"));
  g_array_set_size (self->team_ids, 1);

  n_teams = teams != NULL ? g_list_model_get_n_items (teams) : 0;
  for (guint i = 0; i < n_teams; i++)
    {
      g_autoptr(OdTeam) team = g_list_model_get_item (teams, i);
      gint64 id = od_team_get_id (team);

      gtk_string_list_append (targets, od_team_get_name (team));
      g_array_append_val (self->team_ids, id);
      if (id == team_id)
        selected = self->team_ids->len - 1;
    }

  adw_combo_row_set_model (self->target_row, G_LIST_MODEL (targets));
  adw_combo_row_set_selected (self->target_row, selected);

  return self;
}

OdPostDialog *
od_post_dialog_new_for_edit (GtkWidget    *parent,
                             OdRepository *repository,
                             OdMember     *actor,
                             OdUpdate     *update)
{
  OdPostDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (OD_IS_MEMBER (actor), NULL);
  g_return_val_if_fail (OD_IS_UPDATE (update), NULL);

  self = g_object_new (OD_TYPE_POST_DIALOG, NULL);
  self->repository = g_object_ref (repository);
  self->actor = g_object_ref (actor);
  self->update = g_object_ref (update);
  set_parent (self, parent);

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Update"));
  adw_window_title_set_title (self->window_title, _("Edit Update"));
  gtk_button_set_label (GTK_BUTTON (self->submit_button), _("_Save"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->submit_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Save"),
                                  -1);
  od_button_use_accessible_label (self->submit_button);

  /* The team and the tags are fixed once posted */
  gtk_widget_set_visible (GTK_WIDGET (self->target_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_row), FALSE);

  od_post_dialog_set_title_text (self, od_update_get_title (update));
  od_post_dialog_set_content_text (self, od_update_get_content (update));

  return self;
}

void
od_post_dialog_set_title_text (OdPostDialog *self,
                               const char   *title)
{
  g_return_if_fail (OD_IS_POST_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title != NULL ? title : "");
}

void
od_post_dialog_set_content_text (OdPostDialog *self,
                                 const char   *content)
{
  g_return_if_fail (OD_IS_POST_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->content_view),
                            content != NULL ? content : "", -1);
}

void
od_post_dialog_set_tags_text (OdPostDialog *self,
                              const char   *tags)
{
  g_return_if_fail (OD_IS_POST_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags != NULL ? tags : "");
}

gint64
od_post_dialog_get_team_id (OdPostDialog *self)
{
  guint selected;

  g_return_val_if_fail (OD_IS_POST_DIALOG (self), 0);

  if (self->team_ids == NULL)
    return self->update != NULL ? od_update_get_team_id (self->update) : 0;

  selected = adw_combo_row_get_selected (self->target_row);

  return selected < self->team_ids->len ? g_array_index (self->team_ids, gint64, selected) : 0;
}
