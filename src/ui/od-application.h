/* od-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OD_TYPE_APPLICATION (od_application_get_type ())
G_DECLARE_FINAL_TYPE (OdApplication, od_application, OD, APPLICATION, AdwApplication)

OdApplication *od_application_new           (void);
GSettings     *od_application_get_settings  (OdApplication *self);
const char    *od_application_get_database_path (OdApplication *self);

G_END_DECLS
