/* od-policy-dialog.c — lines of a policy document to review: a diff, or the problems found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Publishing shows what changed since the last published revision, importing shows what the
 * document would change (or every problem at its JSON path, and then nothing can be confirmed).
 * Each line reads as a sentence to a screen reader: "Added: $.analytics.telemetry.enabled,
 * "ENABLED"".
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-policy-change.h"
#include "od-policy-dialog.h"
#include "od-policy-issue.h"
#include "od-ui-util.h"

/* A GtkListBox makes every row: show this many, then say how many more there are */
#define MAX_LINES 1000

struct _OdPolicyDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkWidget      *cancel_button;
  GtkWidget      *confirm_button;
  GtkLabel       *body_label;
  GtkListBox     *lines_list;
};

G_DEFINE_FINAL_TYPE (OdPolicyDialog, od_policy_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CONFIRMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
line_label_new (const char *text,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
line_row_new (const char *sign,
              const char *sign_class,
              const char *path,
              const char *text,
              gboolean    text_is_code,
              const char *sentence)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *path_label = line_label_new (path, "caption");
  GtkWidget *text_label = line_label_new (text, text_is_code ? "monospace" : NULL);

  gtk_widget_add_css_class (path_label, "monospace");
  gtk_widget_add_css_class (path_label, "dim-label");

  if (sign != NULL)
    {
      GtkWidget *sign_label = gtk_label_new (sign);

      gtk_widget_set_valign (sign_label, GTK_ALIGN_START);
      gtk_widget_add_css_class (sign_label, "monospace");
      gtk_widget_add_css_class (sign_label, "heading");
      gtk_widget_add_css_class (sign_label, sign_class);
      gtk_box_append (GTK_BOX (box), sign_label);
    }

  gtk_widget_set_hexpand (column, TRUE);
  gtk_box_append (GTK_BOX (column), path_label);
  gtk_box_append (GTK_BOX (column), text_label);
  gtk_box_append (GTK_BOX (box), column);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  -1);
  return row;
}

static GtkWidget *
change_row_new (OdPolicyChange *change)
{
  gboolean added = od_policy_change_get_kind (change) == OD_POLICY_CHANGE_ADDED;
  const char *path = od_policy_change_get_path (change);
  const char *value = od_policy_change_get_value (change);
  g_autofree char *sentence = NULL;

  if (added)
    /* Translators: how a line of a policy diff reads to a screen reader */
    sentence = g_strdup_printf (_("Added: %s, %s"), path, value);
  else
    sentence = g_strdup_printf (_("Removed: %s, %s"), path, value);

  return line_row_new (added ? "+" : "−", added ? "success" : "error", path, value, TRUE, sentence);
}

static GtkWidget *
issue_row_new (OdPolicyIssue *issue)
{
  g_autofree char *sentence = od_policy_issue_to_string (issue);

  return line_row_new (NULL, NULL, od_policy_issue_get_path (issue),
                       od_policy_issue_get_message (issue), FALSE, sentence);
}

void
od_policy_dialog_confirm (OdPolicyDialog *self)
{
  g_return_if_fail (OD_IS_POLICY_DIALOG (self));

  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_CONFIRMED], 0);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  od_policy_dialog_confirm (OD_POLICY_DIALOG (widget));
}

static void
od_policy_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), OD_TYPE_POLICY_DIALOG);

  G_OBJECT_CLASS (od_policy_dialog_parent_class)->dispose (object);
}

static void
od_policy_dialog_class_init (OdPolicyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = od_policy_dialog_dispose;

  signals[SIGNAL_CONFIRMED] =
    g_signal_new ("confirmed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* Read as a dialog, not as a filler */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-policy-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OdPolicyDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, OdPolicyDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, OdPolicyDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, OdPolicyDialog, body_label);
  gtk_widget_class_bind_template_child (widget_class, OdPolicyDialog, lines_list);

  gtk_widget_class_install_action (widget_class, "policy.confirm", NULL, confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
od_policy_dialog_init (OdPolicyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  od_widget_fit_large_text (GTK_WIDGET (self));
  od_widget_name_drop_down_buttons (GTK_WIDGET (self));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->cancel_button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

OdPolicyDialog *
od_policy_dialog_new (GtkWindow  *parent,
                      const char *title,
                      const char *body,
                      GListModel *lines,
                      const char *confirm_label)
{
  OdPolicyDialog *self;
  guint n;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (!lines || G_IS_LIST_MODEL (lines), NULL);

  self = g_object_new (OD_TYPE_POLICY_DIALOG,
                       "transient-for", parent,
                       "title", title,
                       NULL);
  adw_window_title_set_title (self->window_title, title);
  gtk_label_set_text (self->body_label, body != NULL ? body : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lines_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  if (confirm_label != NULL)
    {
      g_autoptr(GString) name = g_string_new (confirm_label);

      g_string_replace (name, "_", "", 0);
      gtk_button_set_label (GTK_BUTTON (self->confirm_button), confirm_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->confirm_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name->str,
                                      -1);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->confirm_button),
                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }
  else
    {
      gtk_widget_set_visible (self->confirm_button, FALSE);
      gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->cancel_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close"),
                                      -1);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->cancel_button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }

  n = lines != NULL ? g_list_model_get_n_items (lines) : 0;
  for (guint i = 0; i < n && i < MAX_LINES; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (lines, i);

      if (OD_IS_POLICY_CHANGE (item))
        gtk_list_box_append (self->lines_list, change_row_new (OD_POLICY_CHANGE (item)));
      else if (OD_IS_POLICY_ISSUE (item))
        gtk_list_box_append (self->lines_list, issue_row_new (OD_POLICY_ISSUE (item)));
    }

  if (n > MAX_LINES)
    {
      g_autofree char *more = NULL;
      GtkWidget *row;

      /* Translators: the last row of a long policy diff */
      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more line", "… and %u more lines",
                                           n - MAX_LINES), n - MAX_LINES);
      row = line_row_new (NULL, NULL, "", more, FALSE, more);
      gtk_list_box_append (self->lines_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->lines_list), n > 0);

  return self;
}
