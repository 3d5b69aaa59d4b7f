/* od-invite-batch.h — a list of invitations to review, then send (SPEC §4.3 and §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a dialog uses it:
 *   1. Build: od_invite_batch_new_from_csv() (a file), od_invite_batch_new_from_list() (pasted
 *      addresses) or od_invite_batch_new() + od_invite_batch_add() (rows typed by hand).
 *   2. Review: od_repository_review_invitations() gives every row an outcome and a reason, and
 *      the batch its counts and seat impact. Nothing is written.
 *   3. Show the review; od_invite_batch_write_rejected_csv() saves the rejected rows to fix.
 *   4. Apply: od_repository_apply_invitations() reviews again inside its transaction and sends
 *      the rows that will be invited, all or none, with progress and cancellation.
 * Review and apply block; run them on the repository's worker (od_repository_run_async()).
 * A batch is not thread-safe: leave it alone while one of them runs on another thread.
 */
#pragma once

#include <gio/gio.h>

#include "od-role.h"

G_BEGIN_DECLS

/* A row's outcome, in the order the checks run: the first that applies wins. */
typedef enum
{
  OD_INVITE_OUTCOME_WILL_INVITE,                /* (after apply: was invited) */
  OD_INVITE_OUTCOME_INVALID_EMAIL,              /* the reason is od_email_validate()'s */
  OD_INVITE_OUTCOME_DUPLICATE_IN_FILE,          /* the same address on an earlier line */
  OD_INVITE_OUTCOME_ALREADY_MEMBER,
  OD_INVITE_OUTCOME_ALREADY_INVITED,            /* a pending invitation that has not expired */
  OD_INVITE_OUTCOME_UNKNOWN_ROLE,
  OD_INVITE_OUTCOME_NOT_ALLOWED_FOR_YOUR_ROLE,  /* only Owners invite Owners; Read/Write none */
  OD_INVITE_OUTCOME_OVER_SEAT_LIMIT,            /* beyond the free seats, in row order */
} OdInviteOutcome;

#define OD_INVITE_N_OUTCOMES (OD_INVITE_OUTCOME_OVER_SEAT_LIMIT + 1)

#define OD_TYPE_INVITE_OUTCOME (od_invite_outcome_get_type ())
GType            od_invite_outcome_get_type       (void) G_GNUC_CONST;
const char      *od_invite_outcome_to_string      (OdInviteOutcome  outcome);  /* "will-invite", … */
const char      *od_invite_outcome_get_label      (OdInviteOutcome  outcome);  /* translated */

/* Called by od_repository_apply_invitations() on the thread that runs it (the worker thread
 * when run through od_repository_run_async(): hand it to the main context yourself). */
typedef void (*OdInviteProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

#define OD_TYPE_INVITE_BATCH (od_invite_batch_get_type ())
G_DECLARE_FINAL_TYPE (OdInviteBatch, od_invite_batch, OD, INVITE_BATCH, GObject)

OdInviteBatch   *od_invite_batch_new              (void);
OdInviteBatch   *od_invite_batch_new_from_csv     (GBytes          *bytes,
                                                   GError         **error);
OdInviteBatch   *od_invite_batch_new_from_list    (const char      *text,
                                                   gssize           length,
                                                   GError         **error);
/* role_text NULL or blank: the default role given to the review. */
void             od_invite_batch_add              (OdInviteBatch   *self,
                                                   guint            line,
                                                   const char      *email,
                                                   const char      *role_text);
/* Takes the rows of od_csv_parse_*() (a GArray of OdCsvRow); leaves the array empty. */
void             od_invite_batch_take_rows        (OdInviteBatch   *self,
                                                   GArray          *csv_rows);

guint            od_invite_batch_get_n_rows       (OdInviteBatch   *self);
gboolean         od_invite_batch_is_reviewed      (OdInviteBatch   *self);
gboolean         od_invite_batch_is_applied       (OdInviteBatch   *self);
/* The role of rows that name none: set by each review, used by apply; Write at first. */
OdRole           od_invite_batch_get_default_role (OdInviteBatch   *self);
void             od_invite_batch_set_default_role (OdInviteBatch   *self,
                                                   OdRole           role);

/* Row i, 0 ≤ i < n_rows, in the order rows were added. */
guint            od_invite_batch_get_line         (OdInviteBatch   *self,
                                                   guint            i);
const char      *od_invite_batch_get_email        (OdInviteBatch   *self,
                                                   guint            i);  /* as written */
const char      *od_invite_batch_get_role_text    (OdInviteBatch   *self,
                                                   guint            i);  /* NULL: default */
OdRole           od_invite_batch_get_role         (OdInviteBatch   *self,
                                                   guint            i);  /* NONE if unknown */
OdInviteOutcome  od_invite_batch_get_outcome      (OdInviteBatch   *self,
                                                   guint            i);
const char      *od_invite_batch_get_reason       (OdInviteBatch   *self,
                                                   guint            i);
guint            od_invite_batch_get_duplicate_of (OdInviteBatch   *self,
                                                   guint            i);  /* earlier line, or 0 */
const char      *od_invite_batch_get_code         (OdInviteBatch   *self,
                                                   guint            i);  /* once applied */

/* After a review. */
guint            od_invite_batch_get_count        (OdInviteBatch   *self,
                                                   OdInviteOutcome  outcome);
guint            od_invite_batch_get_n_rejected   (OdInviteBatch   *self);
guint            od_invite_batch_get_seats_total  (OdInviteBatch   *self);
guint            od_invite_batch_get_seats_used   (OdInviteBatch   *self);  /* members + pending */
guint            od_invite_batch_get_seats_free   (OdInviteBatch   *self);
guint            od_invite_batch_get_seats_needed (OdInviteBatch   *self);  /* = rows to invite */
char            *od_invite_batch_describe_seats   (OdInviteBatch   *self);  /* "Uses 7 of 8 free seats." */

/* The rejected rows as CSV (email,role,line,reason; RFC 4180, CRLF) that this module reads
 * back: fix them and import the file again. Fields are written exactly as they were read. */
char            *od_invite_batch_format_rejected_csv (OdInviteBatch *self);
gboolean         od_invite_batch_write_rejected_csv  (OdInviteBatch *self,
                                                      GOutputStream *stream,
                                                      GCancellable  *cancellable,
                                                      GError       **error);

G_END_DECLS
