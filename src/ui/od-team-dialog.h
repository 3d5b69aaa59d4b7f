/* od-team-dialog.h — create a team, or rename and describe one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-repository.h"
#include "od-team.h"

G_BEGIN_DECLS

#define OD_TYPE_TEAM_DIALOG (od_team_dialog_get_type ())
G_DECLARE_FINAL_TYPE (OdTeamDialog, od_team_dialog, OD, TEAM_DIALOG, AdwWindow)

/* team NULL creates one */
OdTeamDialog *od_team_dialog_new           (GtkWidget    *parent,
                                            OdRepository *repository,
                                            OdMember     *actor,
                                            OdTeam       *team);
void          od_team_dialog_set_name_text (OdTeamDialog *self,
                                            const char   *name);
void          od_team_dialog_set_description_text (OdTeamDialog *self,
                                                   const char   *description);
/* The core's refusal shown under the name, or NULL */
const char   *od_team_dialog_get_error     (OdTeamDialog *self);
void          od_team_dialog_submit        (OdTeamDialog *self);

G_END_DECLS
