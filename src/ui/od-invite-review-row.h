/* od-invite-review-row.h — one row of the invite dialog's review table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "od-invite-batch.h"

G_BEGIN_DECLS

#define OD_TYPE_INVITE_REVIEW_ROW (od_invite_review_row_get_type ())
G_DECLARE_FINAL_TYPE (OdInviteReviewRow, od_invite_review_row, OD, INVITE_REVIEW_ROW, GObject)

/* A snapshot of row i of a reviewed batch, so that the table never reads the batch while the
 * worker applies it. place says where the row came from ("Line 4", "Row 2", "members.csv,
 * line 4"). Made on the worker thread. */
OdInviteReviewRow *od_invite_review_row_new          (OdInviteBatch     *batch,
                                                      guint              i,
                                                      const char        *place);
const char        *od_invite_review_row_get_place    (OdInviteReviewRow *self);
guint              od_invite_review_row_get_line     (OdInviteReviewRow *self);
const char        *od_invite_review_row_get_email    (OdInviteReviewRow *self);
/* The role's label, or the role as written when it is not one */
const char        *od_invite_review_row_get_role     (OdInviteReviewRow *self);
OdInviteOutcome    od_invite_review_row_get_outcome  (OdInviteReviewRow *self);
const char        *od_invite_review_row_get_outcome_label (OdInviteReviewRow *self);
const char        *od_invite_review_row_get_reason   (OdInviteReviewRow *self);
/* "Line 4, bob@example.com, Write, already a member": what a screen reader reads */
const char        *od_invite_review_row_get_sentence (OdInviteReviewRow *self);

G_END_DECLS
