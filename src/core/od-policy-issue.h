/* od-policy-issue.h — one problem found in settings or in a policy document, at its JSON path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The path is the policy document's (e.g. "$.external_provider.allowed_cloud_models.default_models.fast"),
 * for settings being edited as well as for a document being imported, so a settings page can tell
 * which field to point at.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define OD_TYPE_POLICY_ISSUE (od_policy_issue_get_type ())
G_DECLARE_FINAL_TYPE (OdPolicyIssue, od_policy_issue, OD, POLICY_ISSUE, GObject)

/* Properties (construct-only): "path" string, "message" string (what is wrong and how to fix it) */
OdPolicyIssue *od_policy_issue_new          (const char    *path,
                                             const char    *message);
const char    *od_policy_issue_get_path     (OdPolicyIssue *self);
const char    *od_policy_issue_get_message  (OdPolicyIssue *self);
/* "PATH: MESSAGE" */
char          *od_policy_issue_to_string    (OdPolicyIssue *self);

G_END_DECLS
