/* od-ui-util.c — small widget helpers shared by the pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-members-util.h"
#include "od-ui-util.h"

/* A read-only "title … value" row; the value is set with od_value_row_set_value() */
GtkWidget *
od_value_row_new (const char *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  gtk_label_set_xalign (GTK_LABEL (value), 1.0f);
  gtk_label_set_justify (GTK_LABEL (value), GTK_JUSTIFY_RIGHT);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (value), 40);
  gtk_widget_add_css_class (value, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);

  g_object_set_data (G_OBJECT (row), "od-value-label", value);

  return row;
}

void
od_value_row_set_value (GtkWidget  *row,
                        const char *value)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "od-value-label");
  g_autofree char *sentence = NULL;
  glong length;

  g_return_if_fail (GTK_IS_LABEL (label));

  if (value == NULL || *value == '\0')
    value = C_("value", "None");

  gtk_label_set_text (label, value);

  /* A wrapping label asks only for its longest word: keep short values (a plan, an email) on one
   * line, and give long ones (a description) a reasonable column to wrap in */
  length = g_utf8_strlen (value, -1);
  gtk_label_set_wrap (label, length > 40);
  gtk_label_set_width_chars (label, length > 40 ? 24 : -1);

  /* Translators: how a "title … value" row reads to a screen reader, e.g. "Plan: Team" */
  sentence = g_strdup_printf (_("%s: %s"),
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  -1);
}

/* A row of plain text (never markup) with an optional subtitle and suffix, named for screen
 * readers by accessible_label */
GtkWidget *
od_text_row_new (const char *title,
                 const char *subtitle,
                 const char *suffix,
                 const char *accessible_label)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");

  if (subtitle != NULL && *subtitle != '\0')
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
    }

  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  if (accessible_label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                    -1);

  return row;
}

/* AdwStatusPage's description is markup: this one shows any text as it is */
void
od_status_page_set_plain_description (AdwStatusPage *page,
                                      const char    *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  adw_status_page_set_description (page, escaped);
}

static void
update_hidden_cb (GtkWidget *widget)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_HIDDEN, !gtk_widget_get_mapped (widget),
                               -1);
}

/* GTK 4.8 keeps the pages of a GtkStack that are not shown in the accessibility tree, with no
 * "showing" state, so a screen reader would read them as if they were on screen. This takes the
 * widget out of the tree whenever it is not mapped. */
void
od_widget_hide_from_at_when_unmapped (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_signal_connect (widget, "map", G_CALLBACK (update_hidden_cb), NULL);
  g_signal_connect (widget, "unmap", G_CALLBACK (update_hidden_cb), NULL);
  update_hidden_cb (widget);
}

static void
name_buttons (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    od_button_set_accessible_name (widget, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_buttons (child);
}

static gboolean
message_dialog_map_hook (GSignalInvocationHint *hint,
                         guint                  n_values,
                         const GValue          *values,
                         gpointer               user_data)
{
  GObject *instance = g_value_get_object (&values[0]);

  if (ADW_IS_MESSAGE_DIALOG (instance))
    name_buttons (GTK_WIDGET (instance));

  return TRUE;
}

/* libadwaita 1.2 names the response buttons of an AdwMessageDialog by their mnemonic label, and
 * labels them by their label widget too, so a screen reader hears "_Remove Member Remove Member";
 * this names them by the text alone, for every message dialog, when it is shown. */
void
od_message_dialogs_name_responses (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                  message_dialog_map_hook, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

static void
wrap_label (GtkWidget *label)
{
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* Between words only: a button's word cut in two reads badly */
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  /* Where there is room, the button asks for its text on one line */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
}

/* Calls visit on root and every widget under it, but not inside one it has handled (for which
 * it returned TRUE) */
typedef gboolean (*Visit) (GtkWidget *widget);

static void
visit_widgets (GtkWidget *root,
               Visit      visit)
{
  if (visit (root))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    visit_widgets (child, visit);
}

static gboolean
fit_large_text (GtkWidget *widget)
{
  GtkWidget *child;

  if (ADW_IS_WINDOW_TITLE (widget))
    {
      for (GtkWidget *box = gtk_widget_get_first_child (widget); box != NULL;
           box = gtk_widget_get_next_sibling (box))
        for (GtkWidget *label = gtk_widget_get_first_child (box); label != NULL;
             label = gtk_widget_get_next_sibling (label))
          if (GTK_IS_LABEL (label))
            gtk_label_set_width_chars (GTK_LABEL (label), -1);
      return TRUE;
    }

  if (G_OBJECT_TYPE (widget) != GTK_TYPE_BUTTON)
    return FALSE;

  child = gtk_button_get_child (GTK_BUTTON (widget));
  if (GTK_IS_LABEL (child))
    wrap_label (child);
  else if (ADW_IS_BUTTON_CONTENT (child))
    for (GtkWidget *part = gtk_widget_get_first_child (child); part != NULL;
         part = gtk_widget_get_next_sibling (part))
      if (GTK_IS_LABEL (part))
        wrap_label (part);

  return TRUE;
}

/* Makes what is under root fit a narrow window with large text:
 * - the text of every plain button (a GtkButton with a label or an AdwButtonContent) may wrap
 *   onto more lines, so that a button needs the width of its longest word, not of its whole
 *   label; where there is room it still reads on one line. Toggle buttons (drop-downs, view
 *   switchers) are left alone.
 * - a header bar's AdwWindowTitle may shrink to "…" (it keeps 5 characters otherwise, which
 *   with the dialog's two buttons is more than 360 px at twice the text size); the window's
 *   title still names it for screen readers. */
void
od_widget_fit_large_text (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  visit_widgets (root, fit_large_text);
}

static gboolean
name_drop_down_button (GtkWidget *widget)
{
  if (!GTK_IS_DROP_DOWN (widget))
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, widget, NULL,
                                      -1);

  return TRUE;
}

/* A GtkDropDown in GTK 4.8 reads as a named combo box, but the toggle button inside it, which
 * takes the focus, reads as "GtkToggleButton". Names every drop-down's button under root after
 * its drop-down (labelled by it, so it follows the drop-down's name). */
void
od_widget_name_drop_down_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  visit_widgets (root, name_drop_down_button);
}
