/* od-members-util.h — helpers shared by the Members page, the pending invitations view and the
 * invite dialog: table cells and rows, row menus from the keyboard, confirmations, toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A left-aligned, ellipsized label whose width_chars is a floor for its column, so that a
 * narrow window scrolls the table sideways instead of showing "…" */
GtkWidget *od_cell_label_new              (int            width_chars);
/* The tooltip of a cell label made by od_cell_label_new(); NULL for none. It is looked up when
 * the tooltip is asked for, so rebinding rows does not make GTK query tooltips each time. */
void       od_cell_set_tooltip            (GtkWidget     *label,
                                           const char    *text);
/* Names the column view row that holds cell_child: what a screen reader reads for the row */
void       od_cell_set_row_label          (GtkWidget     *cell_child,
                                           const char    *sentence);
/* A flat "⋮" menu button for a row's own menu; a right click on the row, the Menu key or
 * Shift+F10 open it too (od_column_view_add_row_menus()) */
GtkWidget *od_row_menu_button_new         (void);
void       od_column_view_add_row_menus   (GtkColumnView *view);
/* Pops up the menu of the row that holds widget; FALSE when it has none (or a hidden one) */
gboolean   od_row_popup_menu              (GtkWidget     *widget);

/* GTK 4.8 reads a labelled button as its label property and then the label it is labelled by
 * ("_Review Review"): this names it name, or its label without the mnemonic underscores when
 * name is NULL. Call it again after gtk_button_set_label(). */
void       od_button_set_accessible_name  (GtkWidget     *button,
                                           const char    *name);

/* A question before a change: responses "cancel" (the default and Escape) and "confirm"
 * labelled confirm_label. Connect to "response" and present it. */
AdwMessageDialog *od_confirm_dialog_new   (GtkWidget     *parent,
                                           const char    *heading,
                                           const char    *body,
                                           const char    *confirm_label,
                                           gboolean       destructive);

/* The main window (OdWindow) that widget belongs to, following dialogs to their parent */
GtkWindow *od_members_get_main_window     (GtkWidget     *widget);
/* A plain text toast in the main window */
void       od_toast_show                  (GtkWidget     *widget,
                                           const char    *message);

G_END_DECLS
