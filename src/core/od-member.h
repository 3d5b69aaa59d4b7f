/* od-member.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-types.h"
#include "od-role.h"

G_BEGIN_DECLS

#define OD_TYPE_MEMBER (od_member_get_type ())
G_DECLARE_FINAL_TYPE (OdMember, od_member, OD, MEMBER, GObject)

/* Properties: "id" gint64, "organization-id" gint64, "email" string, "name" string,
 *   "role" OdRole, "joined-at" gint64, "last-active-at" gint64 (0 = never),
 *   "teams" string (team names joined with ", ", "" when none), "n-teams" guint
 */
gint64       od_member_get_id              (OdMember *self);
gint64       od_member_get_organization_id (OdMember *self);
const char  *od_member_get_email           (OdMember *self);
const char  *od_member_get_name            (OdMember *self);
OdRole       od_member_get_role            (OdMember *self);
gint64       od_member_get_joined_at       (OdMember *self);
gint64       od_member_get_last_active_at  (OdMember *self);
const char  *od_member_get_teams           (OdMember *self);
guint        od_member_get_n_teams         (OdMember *self);

G_END_DECLS
