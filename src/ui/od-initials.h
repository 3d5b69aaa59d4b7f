/* od-initials.h — a member's initials on a coloured disc, cheap enough for every table row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define OD_TYPE_INITIALS (od_initials_get_type ())
G_DECLARE_FINAL_TYPE (OdInitials, od_initials, OD, INITIALS, GtkWidget)

GtkWidget *od_initials_new      (int         size);
void       od_initials_set_name (OdInitials *self,
                                 const char *name);

/* For tests: the letters shown, and the colour class (1–14) */
const char *od_initials_get_text  (OdInitials *self);
guint       od_initials_get_color (OdInitials *self);

G_END_DECLS
