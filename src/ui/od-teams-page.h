/* od-teams-page.h — the organization's teams
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-page.h"

G_BEGIN_DECLS

#define OD_TYPE_TEAMS_PAGE (od_teams_page_get_type ())
G_DECLARE_FINAL_TYPE (OdTeamsPage, od_teams_page, OD, TEAMS_PAGE, OdPage)

G_END_DECLS
