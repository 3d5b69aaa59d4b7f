/* od-members-util.c — helpers shared by the Members page, the pending invitations view and the
 * invite dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 gives a column view row no name of its own and no context menu: these give each row
 * a sentence for screen readers, and a menu that a right click, the Menu key or Shift+F10 opens
 * (the row's "⋮" button, which the pointer can use as well).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-members-util.h"
#include "od-window.h"

#define ROW_MENU_NAME "od-row-menu"

#define TOOLTIP_KEY "od-cell-tooltip"

static gboolean
query_tooltip_cb (GtkWidget  *label,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (label), TOOLTIP_KEY);

  if (text == NULL || *text == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

GtkWidget *
od_cell_label_new (int width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), width_chars);

  /* gtk_widget_set_tooltip_text() on every bind would queue a tooltip query each time, which
   * GTK 4.8 may run after the window is gone */
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  return label;
}

void
od_cell_set_tooltip (GtkWidget  *label,
                     const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (label));

  g_object_set_data_full (G_OBJECT (label), TOOLTIP_KEY, g_strdup (text), g_free);
}

/* The row (the widget with the ROW role) that holds widget, below the column view */
static GtkWidget *
find_row (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (GTK_IS_COLUMN_VIEW (w))
        break;
      if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (w)) == GTK_ACCESSIBLE_ROLE_ROW)
        return w;
    }

  return NULL;
}

void
od_cell_set_row_label (GtkWidget  *cell_child,
                       const char *sentence)
{
  GtkWidget *row;

  g_return_if_fail (GTK_IS_WIDGET (cell_child));

  if ((row = find_row (cell_child)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                    -1);
}

static gboolean
row_menu_tooltip_cb (GtkWidget  *button,
                     int         x,
                     int         y,
                     gboolean    keyboard_mode,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, _("Actions"));
  return TRUE;
}

GtkWidget *
od_row_menu_button_new (void)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_widget_set_name (button, ROW_MENU_NAME);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Not gtk_widget_set_tooltip_text(): on a visible widget GTK 4.8 then asks the X server where
   * the pointer is (XIQueryPointer), once for each of the ~200 rows a table makes */
  gtk_widget_set_has_tooltip (button, TRUE);
  g_signal_connect (button, "query-tooltip", G_CALLBACK (row_menu_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Actions"),
                                  -1);

  return button;
}

static GtkWidget *
find_menu_button (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) && g_strcmp0 (gtk_widget_get_name (root), ROW_MENU_NAME) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
od_row_popup_menu (GtkWidget *widget)
{
  GtkWidget *row;
  GtkWidget *button;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  if ((row = find_row (widget)) == NULL ||
      (button = find_menu_button (row)) == NULL ||
      !gtk_widget_is_visible (button) ||
      !gtk_widget_is_sensitive (button))
    return FALSE;

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  return TRUE;
}

static gboolean
menu_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    return FALSE;

  return od_row_popup_menu (focus);
}

static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkWidget       *view)
{
  GtkWidget *picked = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);

  if (picked != NULL && od_row_popup_menu (picked))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

void
od_column_view_add_row_menus (GtkColumnView *view)
{
  GtkEventController *shortcuts;
  GtkGesture *click;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Menu|<Shift>F10"),
                                                          gtk_callback_action_new (menu_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (view), shortcuts);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (secondary_pressed_cb), view, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));
}

/* "_Invite 3 People" → "Invite 3 People"; "__" stays one underscore */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label != NULL ? label : ""; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

void
od_button_set_accessible_name (GtkWidget  *button,
                               const char *name)
{
  g_autofree char *derived = NULL;

  g_return_if_fail (GTK_IS_WIDGET (button));

  if (name == NULL && GTK_IS_BUTTON (button))
    name = derived = strip_mnemonic (gtk_button_get_label (GTK_BUTTON (button)));
  else if (name == NULL && GTK_IS_MENU_BUTTON (button))
    name = derived = strip_mnemonic (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)));

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name != NULL ? name : "",
                                  -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

AdwMessageDialog *
od_confirm_dialog_new (GtkWidget  *parent,
                       const char *heading,
                       const char *body,
                       const char *confirm_label,
                       gboolean    destructive)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);

  root = gtk_widget_get_root (parent);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "confirm", confirm_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE
                                                          : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  return ADW_MESSAGE_DIALOG (dialog);
}

GtkWindow *
od_members_get_main_window (GtkWidget *widget)
{
  GtkRoot *root;
  GtkWindow *window;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return NULL;

  for (window = GTK_WINDOW (root);
       !OD_IS_WINDOW (window) && gtk_window_get_transient_for (window) != NULL;
       window = gtk_window_get_transient_for (window))
    ;

  return window;
}

void
od_toast_show (GtkWidget  *widget,
               const char *message)
{
  g_autofree char *escaped = NULL;
  GtkWindow *window;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  window = od_members_get_main_window (widget);
  if (!OD_IS_WINDOW (window))
    {
      g_debug ("No window to show a toast in: %s", message);
      return;
    }

  /* An AdwToast's title is markup */
  escaped = g_markup_escape_text (message != NULL ? message : "", -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 6);
  od_window_add_toast (OD_WINDOW (window), toast);
}
