/* od-invite-batch-private.h — what the repository needs from an OdInviteBatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A review has three steps: _od_invite_batch_prepare() checks every address and finds the
 * duplicates (no database needed, done once per batch); the repository then marks the rows whose
 * address is already a member or invited (row->is_member, row->is_invited: only the first row of
 * each address, the others are duplicates); _od_invite_batch_decide() gives every row its
 * outcome from those facts, the actor's role and the seats.
 */
#pragma once

#include "od-invite-batch.h"

G_BEGIN_DECLS

typedef struct
{
  guint            line;
  OdInviteOutcome  outcome;
  OdRole           role;          /* resolved by the last review */
  guint            duplicate_of;  /* the line of the first row with this address, or 0 */
  gboolean         is_member;
  gboolean         is_invited;
  char            *email;         /* as written */
  char            *role_text;     /* as written, or NULL */
  char            *trimmed;       /* the address without outer spaces, when valid */
  char            *key;           /* od_email_normalize(), when valid */
  char            *email_error;   /* why the address is invalid, or NULL */
  char            *reason;        /* for a rejected row */
  char            *code;          /* once applied */
} OdInviteRow;

void          _od_invite_batch_prepare      (OdInviteBatch  *self);
/* The address keys: normalized email → (index of its first row + 1). */
GHashTable   *_od_invite_batch_get_keys     (OdInviteBatch  *self);
OdInviteRow  *_od_invite_batch_get_row      (OdInviteBatch  *self,
                                             guint           i);
void          _od_invite_batch_clear_marks  (OdInviteBatch  *self);
void          _od_invite_batch_decide       (OdInviteBatch  *self,
                                             OdRole          actor_role,
                                             OdRole          default_role,
                                             guint           n_seats,
                                             guint           n_members,
                                             guint           n_pending);
void          _od_invite_batch_set_applied  (OdInviteBatch  *self,
                                             gboolean        applied);

G_END_DECLS
