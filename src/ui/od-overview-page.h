/* od-overview-page.h — summary of the organization and its newest updates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-page.h"

G_BEGIN_DECLS

#define OD_TYPE_OVERVIEW_PAGE (od_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (OdOverviewPage, od_overview_page, OD, OVERVIEW_PAGE, OdPage)

G_END_DECLS
