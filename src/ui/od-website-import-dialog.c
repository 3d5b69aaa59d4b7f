/* od-website-import-dialog.c — the review of a file of websites before they are denied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every line of the file with its outcome (will be added, invalid and why, duplicate in the
 * file, already denied), as the core reviewed it against the settings being edited. Add puts the
 * accepted ones into those settings, where they wait for the page's Save like any other edit.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-website-import.h"
#include "od-website-import-dialog.h"

struct _OdWebsiteImportDialog
{
  AdwWindow       parent_instance;

  OdSettings     *settings;
  GListModel     *review;
  guint           n_will_add;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkWidget      *cancel_button;
  GtkWidget      *add_button;
  GtkLabel       *summary_label;
  GtkColumnView  *column_view;
};

G_DEFINE_FINAL_TYPE (OdWebsiteImportDialog, od_website_import_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  COLUMN_LINE,
  COLUMN_INPUT,
  COLUMN_NORMALIZED,
  COLUMN_OUTCOME,
} Column;

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_LINE ? 1.0f : 0.0f);
  if (column == COLUMN_OUTCOME)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_LINE)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  OdWebsiteImportRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  OdWebsiteImportOutcome outcome = od_website_import_row_get_outcome (row);
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");

  switch (column)
    {
    case COLUMN_LINE:
      text = g_strdup_printf ("%u", od_website_import_row_get_line (row));
      break;

    case COLUMN_INPUT:
      text = g_strdup (od_website_import_row_get_input (row));
      break;

    case COLUMN_NORMALIZED:
      text = g_strdup (od_website_import_row_get_normalized (row) != NULL
                       ? od_website_import_row_get_normalized (row) : "—");
      break;

    case COLUMN_OUTCOME:
      if (od_website_import_row_get_message (row) != NULL && *od_website_import_row_get_message (row) != '\0')
        /* Translators: an import line's outcome and why, e.g. "Invalid: “a b” contains a space." */
        text = g_strdup_printf (_("%s: %s"), od_website_import_outcome_get_label (outcome),
                                od_website_import_row_get_message (row));
      else
        text = g_strdup (od_website_import_outcome_get_label (outcome));
      gtk_widget_add_css_class (GTK_WIDGET (label),
                                outcome == OD_WEBSITE_IMPORT_WILL_ADD ? "success" :
                                outcome == OD_WEBSITE_IMPORT_INVALID ? "error" : "dim-label");
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_label_set_text (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), column == COLUMN_LINE ? NULL : text);
}

static void
add_column (OdWebsiteImportDialog *self,
            const char            *title,
            Column                 column,
            gboolean               expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
}

guint
od_website_import_dialog_add (OdWebsiteImportDialog *self)
{
  guint n_added;

  g_return_val_if_fail (OD_IS_WEBSITE_IMPORT_DIALOG (self), 0);

  n_added = od_settings_add_reviewed_websites (self->settings, self->review);
  g_signal_emit (self, signals[SIGNAL_ADDED], 0, n_added);
  gtk_window_close (GTK_WINDOW (self));
  return n_added;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  od_website_import_dialog_add (OD_WEBSITE_IMPORT_DIALOG (widget));
}

static void
od_website_import_dialog_dispose (GObject *object)
{
  OdWebsiteImportDialog *self = (OdWebsiteImportDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_WEBSITE_IMPORT_DIALOG);

  g_clear_object (&self->settings);
  g_clear_object (&self->review);

  G_OBJECT_CLASS (od_website_import_dialog_parent_class)->dispose (object);
}

static void
od_website_import_dialog_class_init (OdWebsiteImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = od_website_import_dialog_dispose;

  signals[SIGNAL_ADDED] =
    g_signal_new ("added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /* Read as a dialog, not as a filler */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-website-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OdWebsiteImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, OdWebsiteImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, OdWebsiteImportDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, OdWebsiteImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OdWebsiteImportDialog, column_view);

  gtk_widget_class_install_action (widget_class, "import.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
od_website_import_dialog_init (OdWebsiteImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->cancel_button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  add_column (self, C_("import column", "Line"), COLUMN_LINE, FALSE);
  add_column (self, C_("import column", "In the file"), COLUMN_INPUT, TRUE);
  add_column (self, C_("import column", "Website"), COLUMN_NORMALIZED, TRUE);
  add_column (self, C_("import column", "Outcome"), COLUMN_OUTCOME, TRUE);
}

OdWebsiteImportDialog *
od_website_import_dialog_new (GtkWindow  *parent,
                              OdSettings *settings,
                              const char *file_name,
                              GListModel *review)
{
  OdWebsiteImportDialog *self;
  guint n = g_list_model_get_n_items (review);
  guint n_invalid = 0, n_duplicate = 0, n_denied = 0;
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *add_label = NULL;
  g_autoptr(GString) add_name = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (OD_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (review), NULL);

  self = g_object_new (OD_TYPE_WEBSITE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->settings = g_object_ref (settings);
  self->review = g_object_ref (review);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdWebsiteImportRow) row = g_list_model_get_item (review, i);

      switch (od_website_import_row_get_outcome (row))
        {
        case OD_WEBSITE_IMPORT_WILL_ADD:          self->n_will_add++; break;
        case OD_WEBSITE_IMPORT_INVALID:           n_invalid++; break;
        case OD_WEBSITE_IMPORT_DUPLICATE_IN_FILE: n_duplicate++; break;
        case OD_WEBSITE_IMPORT_ALREADY_DENIED:    n_denied++; break;
        default: break;
        }
    }

  if (file_name != NULL)
    adw_window_title_set_subtitle (self->window_title, file_name);

  /* Translators: the first sentence of the import summary */
  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u line read: ", "%u lines read: ", n), n);
  /* Translators: part of the import summary */
  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u website will be added",
                                                "%u websites will be added", self->n_will_add),
                          self->n_will_add);
  if (n_invalid > 0)
    {
      g_string_append (summary, _(", "));
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u is invalid", "%u are invalid",
                                                    n_invalid), n_invalid);
    }
  if (n_duplicate > 0)
    {
      g_string_append (summary, _(", "));
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u repeats an earlier line",
                                                    "%u repeat earlier lines", n_duplicate), n_duplicate);
    }
  if (n_denied > 0)
    {
      g_string_append (summary, _(", "));
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u is denied already",
                                                    "%u are denied already", n_denied), n_denied);
    }
  g_string_append (summary, _(". Nothing is saved until you save the settings."));
  gtk_label_set_text (self->summary_label, summary->str);

  /* Translators: the button that adds the accepted lines of an import */
  add_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Add %u Website", "_Add %u Websites",
                                            self->n_will_add), self->n_will_add);
  gtk_button_set_label (GTK_BUTTON (self->add_button), add_label);
  /* The button's name for a screen reader is its label without the mnemonic */
  add_name = g_string_new (add_label);
  g_string_replace (add_name, "_", "", 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, add_name->str,
                                  -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.add", self->n_will_add > 0);

  selection = gtk_no_selection_new (g_object_ref (review));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  return self;
}
