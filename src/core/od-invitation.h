/* od-invitation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-types.h"
#include "od-role.h"

G_BEGIN_DECLS

#define OD_TYPE_INVITATION (od_invitation_get_type ())
G_DECLARE_FINAL_TYPE (OdInvitation, od_invitation, OD, INVITATION, GObject)

typedef enum
{
  OD_INVITATION_PENDING = 1,
  OD_INVITATION_ACCEPTED,
  OD_INVITATION_REVOKED,
  OD_INVITATION_EXPIRED,
} OdInvitationState;

#define OD_TYPE_INVITATION_STATE (od_invitation_state_get_type ())
GType              od_invitation_state_get_type       (void) G_GNUC_CONST;
const char        *od_invitation_state_to_string      (OdInvitationState state); /* "pending", … */

/* Properties: "id" gint64, "organization-id" gint64, "email" string, "role" OdRole,
 *   "invited-by-id" gint64, "invited-by-name" string, "created-at" gint64,
 *   "expires-at" gint64, "times-sent" guint, "state" OdInvitationState, "code" string
 */
gint64             od_invitation_get_id               (OdInvitation *self);
gint64             od_invitation_get_organization_id  (OdInvitation *self);
const char        *od_invitation_get_email            (OdInvitation *self);
OdRole             od_invitation_get_role             (OdInvitation *self);
gint64             od_invitation_get_invited_by_id    (OdInvitation *self);
const char        *od_invitation_get_invited_by_name  (OdInvitation *self);
gint64             od_invitation_get_created_at       (OdInvitation *self);
gint64             od_invitation_get_expires_at       (OdInvitation *self);
guint              od_invitation_get_times_sent       (OdInvitation *self);
OdInvitationState  od_invitation_get_state            (OdInvitation *self);
const char        *od_invitation_get_code             (OdInvitation *self);

G_END_DECLS
