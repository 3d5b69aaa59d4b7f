/* od-team.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-types.h"
#include "od-role.h"

G_BEGIN_DECLS

#define OD_TYPE_TEAM (od_team_get_type ())
G_DECLARE_FINAL_TYPE (OdTeam, od_team, OD, TEAM, GObject)

/* Properties: "id" gint64, "organization-id" gint64, "name" string, "description" string,
 *   "n-members" guint, "created-at" gint64
 */
gint64       od_team_get_id              (OdTeam *self);
gint64       od_team_get_organization_id (OdTeam *self);
const char  *od_team_get_name            (OdTeam *self);
const char  *od_team_get_description     (OdTeam *self);
guint        od_team_get_n_members       (OdTeam *self);
gint64       od_team_get_created_at      (OdTeam *self);

G_END_DECLS
