/* od-wrap-box.h — a row of widgets that wraps onto more lines when the width runs out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define OD_TYPE_WRAP_BOX (od_wrap_box_get_type ())
G_DECLARE_FINAL_TYPE (OdWrapBox, od_wrap_box, OD, WRAP_BOX, GtkWidget)

GtkWidget *od_wrap_box_new         (int        spacing);
void       od_wrap_box_append      (OdWrapBox *self,
                                    GtkWidget *child);
int        od_wrap_box_get_spacing (OdWrapBox *self);
void       od_wrap_box_set_spacing (OdWrapBox *self,
                                    int        spacing);

G_END_DECLS
