/* od-activity-page.h — the organization's journal, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-page.h"

G_BEGIN_DECLS

#define OD_TYPE_ACTIVITY_PAGE (od_activity_page_get_type ())
G_DECLARE_FINAL_TYPE (OdActivityPage, od_activity_page, OD, ACTIVITY_PAGE, OdPage)

G_END_DECLS
