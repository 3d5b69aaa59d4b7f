/* od-teams-page.h — the organization's teams, and one team's members and updates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-feed-view.h"
#include "od-page.h"
#include "od-team.h"

G_BEGIN_DECLS

#define OD_TYPE_TEAMS_PAGE (od_teams_page_get_type ())
G_DECLARE_FINAL_TYPE (OdTeamsPage, od_teams_page, OD, TEAMS_PAGE, OdPage)

void        od_teams_page_show_team    (OdTeamsPage *self,
                                        OdTeam      *team);
void        od_teams_page_show_list    (OdTeamsPage *self);
/* The team whose page is shown, or NULL on the list */
OdTeam     *od_teams_page_get_team     (OdTeamsPage *self);
OdFeedView *od_teams_page_get_feed     (OdTeamsPage *self);
void        od_teams_page_focus_search (OdTeamsPage *self);
/* Opens the New Team dialog (page.new, Ctrl+N); NULL when the role may not create teams */
GtkWindow  *od_teams_page_new_team     (OdTeamsPage *self);
/* Asks for confirmation (naming what goes), deletes, and offers Undo in a toast */
void        od_teams_page_delete_team  (OdTeamsPage *self,
                                        OdTeam      *team);

G_END_DECLS
