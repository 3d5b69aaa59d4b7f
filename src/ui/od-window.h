/* od-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-repository.h"
#include "od-organization.h"
#include "od-member.h"

G_BEGIN_DECLS

#define OD_TYPE_WINDOW (od_window_get_type ())
G_DECLARE_FINAL_TYPE (OdWindow, od_window, OD, WINDOW, AdwApplicationWindow)

OdWindow       *od_window_new                 (GtkApplication *application,
                                               OdRepository   *repository,
                                               GSettings      *settings);
void            od_window_show_open_error     (OdWindow       *self,
                                               const char     *path,
                                               const GError   *error);
OdRepository   *od_window_get_repository      (OdWindow       *self);
OdOrganization *od_window_get_organization    (OdWindow       *self);
OdMember       *od_window_get_actor           (OdWindow       *self);
const char     *od_window_get_view_name       (OdWindow       *self);
const char     *od_window_get_page_name       (OdWindow       *self);
GtkWidget      *od_window_get_page            (OdWindow       *self,
                                               const char     *name);
gboolean        od_window_get_page_info       (OdWindow       *self,
                                               const char     *name,
                                               const char    **title,
                                               const char    **icon_name);
gboolean        od_window_page_is_available   (OdWindow       *self,
                                               const char     *name);
void            od_window_add_toast           (OdWindow       *self,
                                               AdwToast       *toast);
void            od_window_announce            (OdWindow       *self,
                                               const char     *message);
void            od_window_announce_for        (GtkWidget      *widget,
                                               const char     *message);

G_END_DECLS
