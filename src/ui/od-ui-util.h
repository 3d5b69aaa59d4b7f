/* od-ui-util.h — small widget helpers shared by the pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *od_value_row_new       (const char *title);
void       od_value_row_set_value (GtkWidget  *row,
                                   const char *value);
GtkWidget *od_text_row_new        (const char *title,
                                   const char *subtitle,
                                   const char *suffix,
                                   const char *accessible_label);

void       od_status_page_set_plain_description (AdwStatusPage *page,
                                                 const char    *text);

void       od_widget_hide_from_at_when_unmapped (GtkWidget     *widget);

void       od_message_dialogs_name_responses    (void);

void       od_widget_fit_large_text             (GtkWidget     *root);
void       od_widget_name_drop_down_buttons     (GtkWidget     *root);

G_END_DECLS
