/* od-invite-dialog.h — invite people: type, paste or import addresses, review, then send
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-repository.h"

G_BEGIN_DECLS

#define OD_TYPE_INVITE_DIALOG (od_invite_dialog_get_type ())
G_DECLARE_FINAL_TYPE (OdInviteDialog, od_invite_dialog, OD, INVITE_DIALOG, AdwWindow)

/* Signals:
 *   "invited" (guint n_invited) — the invitations were sent; the dialog closes right after.
 *   "add-seats" () — the person asked to add seats; the dialog closes right after.
 * Properties: "step" string (read-only): "who", "reviewing", "review", "applying". */

OdInviteDialog *od_invite_dialog_new              (GtkWindow      *parent,
                                                   OdRepository   *repository,
                                                   OdMember       *actor);
const char     *od_invite_dialog_get_step         (OdInviteDialog *self);
/* The text of the "Paste a list" area */
void            od_invite_dialog_set_pasted_text  (OdInviteDialog *self,
                                                   const char     *text);
/* Reads a CSV file as if chosen with "Import CSV…" or dropped on the dialog */
void            od_invite_dialog_import_file      (OdInviteDialog *self,
                                                   GFile          *file);
/* The "Review" and "Invite N People" buttons, and Cancel while either works */
void            od_invite_dialog_review           (OdInviteDialog *self);
void            od_invite_dialog_apply            (OdInviteDialog *self);
void            od_invite_dialog_cancel_work      (OdInviteDialog *self);
/* "Save Rejected Rows…" once a file is chosen: the rejected rows as CSV, on the worker */
void            od_invite_dialog_save_rejected    (OdInviteDialog *self,
                                                   GFile          *file);
/* The rows of the review table (OdInviteReviewRow), once reviewed */
GListModel     *od_invite_dialog_get_review_rows  (OdInviteDialog *self);
OdInviteBatch  *od_invite_dialog_get_batch        (OdInviteDialog *self);

G_END_DECLS
