/* od-settings-page.h — the organization's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-page.h"

G_BEGIN_DECLS

#define OD_TYPE_SETTINGS_PAGE (od_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (OdSettingsPage, od_settings_page, OD, SETTINGS_PAGE, OdPage)

G_END_DECLS
