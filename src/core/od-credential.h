/* od-credential.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-types.h"
#include "od-role.h"

G_BEGIN_DECLS

#define OD_TYPE_CREDENTIAL (od_credential_get_type ())
G_DECLARE_FINAL_TYPE (OdCredential, od_credential, OD, CREDENTIAL, GObject)

/* Metadata only: the secret lives in the keyring, never in this object.
 * Properties: "id" gint64, "organization-id" gint64, "provider" string ("openai", "anthropic",
 *   "gemini", "azure-openai", "bedrock"), "name" string, "fields-json" string (non-secret fields as
 *   a JSON object), "last-four" string, "created-at" gint64, "updated-at" gint64
 */
gint64       od_credential_get_id              (OdCredential *self);
gint64       od_credential_get_organization_id (OdCredential *self);
const char  *od_credential_get_provider        (OdCredential *self);
const char  *od_credential_get_name            (OdCredential *self);
const char  *od_credential_get_fields_json     (OdCredential *self);
const char  *od_credential_get_last_four       (OdCredential *self);
gint64       od_credential_get_created_at      (OdCredential *self);
gint64       od_credential_get_updated_at      (OdCredential *self);

G_END_DECLS
