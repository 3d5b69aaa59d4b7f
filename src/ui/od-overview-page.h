/* od-overview-page.h — summary of the organization and its updates feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-feed-view.h"
#include "od-page.h"

G_BEGIN_DECLS

#define OD_TYPE_OVERVIEW_PAGE (od_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (OdOverviewPage, od_overview_page, OD, OVERVIEW_PAGE, OdPage)

OdFeedView *od_overview_page_get_feed    (OdOverviewPage *self);
/* Opens the Post Update dialog (page.new, Ctrl+N); NULL when the role may not post */
GtkWindow  *od_overview_page_post_update (OdOverviewPage *self);

G_END_DECLS
