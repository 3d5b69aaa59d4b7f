/* od-invitations-view.h — the pending invitations of an organization (Members page)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-repository.h"

G_BEGIN_DECLS

#define OD_TYPE_INVITATIONS_VIEW (od_invitations_view_get_type ())
G_DECLARE_FINAL_TYPE (OdInvitationsView, od_invitations_view, OD, INVITATIONS_VIEW, AdwBin)

/* Properties: "n-items" guint (read-only): the invitations shown, pending and expired */

/* What to show and who acts; reloads. The actor's role decides whether resend, revoke and copy
 * code are offered (Admin and Owner). */
void        od_invitations_view_set_context (OdInvitationsView *self,
                                             OdRepository      *repository,
                                             gint64             organization_id,
                                             OdMember          *actor);
void        od_invitations_view_reload      (OdInvitationsView *self);
/* The OdInvitation items shown, newest first */
GListModel *od_invitations_view_get_model   (OdInvitationsView *self);
guint       od_invitations_view_get_n_items (OdInvitationsView *self);
/* Asks to revoke the selected invitations (a confirmation first) */
void        od_invitations_view_revoke_selected (OdInvitationsView *self);

/* "in 3 days", or "Expired" when expires_at is not after now */
char       *od_invitations_format_expiry    (gint64             expires_at,
                                             gint64             now);

G_END_DECLS
