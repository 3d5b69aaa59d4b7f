/* od-policy-dialog.h — lines of a policy document to review: a diff, or the problems found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OD_TYPE_POLICY_DIALOG (od_policy_dialog_get_type ())
G_DECLARE_FINAL_TYPE (OdPolicyDialog, od_policy_dialog, OD, POLICY_DIALOG, AdwWindow)

/* lines: a GListModel of OdPolicyChange (a diff) or of OdPolicyIssue (problems at their JSON
 * paths). confirm_label (with a mnemonic) adds a button that emits "confirmed" and closes the
 * dialog; NULL shows only Close. */
OdPolicyDialog *od_policy_dialog_new      (GtkWindow      *parent,
                                           const char     *title,
                                           const char     *body,
                                           GListModel     *lines,
                                           const char     *confirm_label);
void            od_policy_dialog_confirm  (OdPolicyDialog *self);

G_END_DECLS
