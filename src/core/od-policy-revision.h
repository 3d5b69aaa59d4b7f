/* od-policy-revision.h — a published revision of an organization's policy document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define OD_TYPE_POLICY_REVISION (od_policy_revision_get_type ())
G_DECLARE_FINAL_TYPE (OdPolicyRevision, od_policy_revision, OD, POLICY_REVISION, GObject)

/* Properties (construct-only): "organization-id" gint64, "revision" gint64 (1, 2, … per
 * organization), "published-at" gint64 (Unix seconds, UTC), "published-by-name" string,
 * "folder" string, "file-name" string (the revision's own file in that folder),
 * "document" string (the JSON document as published) */
gint64       od_policy_revision_get_organization_id    (OdPolicyRevision *self);
gint64       od_policy_revision_get_revision           (OdPolicyRevision *self);
gint64       od_policy_revision_get_published_at       (OdPolicyRevision *self);
const char  *od_policy_revision_get_published_by_name  (OdPolicyRevision *self);
const char  *od_policy_revision_get_folder             (OdPolicyRevision *self);
const char  *od_policy_revision_get_file_name          (OdPolicyRevision *self);
const char  *od_policy_revision_get_document           (OdPolicyRevision *self);

G_END_DECLS
