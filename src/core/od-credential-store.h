/* od-credential-store.h — API keys for model providers: metadata in the database, secret in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The secret of a credential goes to the keyring through libsecret (schema
 * "io.github.orgdesk.Credential", integer attributes "organization-id" and "credential-id") and
 * nowhere else: not the database, an export, the journal or a log. The database keeps the
 * provider, the display name, the non-secret fields as a JSON object and the last four characters
 * of the secret (none when it is shorter than 12).
 *
 * Every keyring call is asynchronous with a timeout (OD_CREDENTIAL_TIMEOUT_SECONDS): a locked
 * keyring on a desktop may wait for its unlock prompt. When no keyring can be reached — no Secret
 * Service on the bus, no bus at all, a locked collection without a prompt, or no answer in time —
 * the operation fails with OD_CREDENTIAL_ERROR_NO_KEYRING and changes nothing. There is no
 * plain-text fallback.
 *
 * Creating: the credential's id is reserved first, the secret is stored under it, and only then is
 * the row written; if writing the row fails, the secret is cleared again. Editing with a new secret
 * keeps the old one in memory and puts it back if the row cannot be written. Deleting clears the
 * secret first (so an unreachable keyring refuses the deletion) and then removes the row.
 * Each change is journaled ("credential.create", "credential.update", "credential.delete") with
 * the metadata only. Callers need the Admin or Owner role (SPEC §3, organization settings).
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "od-types.h"
#include "od-credential.h"

G_BEGIN_DECLS

#define OD_CREDENTIAL_ERROR (od_credential_error_quark ())
#define OD_CREDENTIAL_SCHEMA_NAME "io.github.orgdesk.Credential"
#define OD_CREDENTIAL_TIMEOUT_SECONDS 10

typedef enum
{
  OD_CREDENTIAL_ERROR_NO_KEYRING = 1,  /* no Secret Service reachable, locked, or no answer in time */
  OD_CREDENTIAL_ERROR_INVALID,         /* a field is missing or malformed; the message names it */
  OD_CREDENTIAL_ERROR_UNKNOWN_PROVIDER,
  OD_CREDENTIAL_ERROR_EXISTS,          /* the organization has a credential of that name */
  OD_CREDENTIAL_ERROR_NOT_FOUND,       /* no such credential in the organization */
  OD_CREDENTIAL_ERROR_SECRET_MISSING,  /* the keyring holds no secret for it */
} OdCredentialError;

GQuark                    od_credential_error_quark           (void);

/* The form of each provider (SPEC §6). Exactly one field per provider is the secret; for Google
 * Gemini it takes an API key or the whole JSON of a Vertex AI service-account key file. */
typedef struct
{
  const char *key;            /* as in the fields JSON: "api_key", "organization_id", … */
  const char *label;          /* translated */
  gboolean    required;
  gboolean    secret;
  const char *default_value;  /* or NULL */
} OdCredentialField;

/* "openai", "anthropic", "gemini", "azure-openai", "bedrock" */
const char * const       *od_credential_store_get_providers   (void);
const char               *od_credential_provider_get_label    (const char   *provider);
const OdCredentialField  *od_credential_provider_get_fields   (const char   *provider,
                                                               guint        *n_fields);

const SecretSchema       *od_credential_store_get_schema      (void);
/* For tests: the keyring timeout in seconds (0 restores OD_CREDENTIAL_TIMEOUT_SECONDS). */
void                      od_credential_store_set_timeout     (guint         seconds);

/* Checks a form. fields maps non-secret keys to values (may be NULL); secret may be NULL when
 * secret_required is FALSE (an edit that keeps the key). The error names the field and the fix. */
gboolean                  od_credential_validate              (const char   *provider,
                                                               const char   *name,
                                                               GHashTable   *fields,
                                                               const char   *secret,
                                                               gboolean      secret_required,
                                                               GError      **error);

/* Metadata only, by name; a GListModel of OdCredential. */
GListModel               *od_credential_store_list            (OdRepository *repository,
                                                               gint64        organization_id,
                                                               GError      **error);
/* By display name (case-insensitive) or by id written in decimal. */
OdCredential             *od_credential_store_find            (OdRepository *repository,
                                                               gint64        organization_id,
                                                               const char   *name_or_id,
                                                               GError      **error);

/* The actor's organization gets the credential. fields: string → string, non-secret. */
void                      od_credential_store_create_async    (OdRepository        *repository,
                                                               OdMember            *actor,
                                                               const char          *provider,
                                                               const char          *name,
                                                               GHashTable          *fields,
                                                               const char          *secret,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
OdCredential             *od_credential_store_create_finish   (OdRepository        *repository,
                                                               GAsyncResult        *result,
                                                               GError             **error);
/* name, fields or secret NULL keeps the current one; fields replaces all non-secret fields. */
void                      od_credential_store_update_async    (OdRepository        *repository,
                                                               OdMember            *actor,
                                                               gint64               credential_id,
                                                               const char          *name,
                                                               GHashTable          *fields,
                                                               const char          *secret,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
OdCredential             *od_credential_store_update_finish   (OdRepository        *repository,
                                                               GAsyncResult        *result,
                                                               GError             **error);
void                      od_credential_store_delete_async    (OdRepository        *repository,
                                                               OdMember            *actor,
                                                               gint64               credential_id,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean                  od_credential_store_delete_finish   (OdRepository        *repository,
                                                               GAsyncResult        *result,
                                                               GError             **error);
/* The secret itself, e.g. to test a connection. Free it with od_credential_secret_free(). */
void                      od_credential_store_lookup_async    (OdRepository        *repository,
                                                               OdMember            *actor,
                                                               gint64               credential_id,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
char                     *od_credential_store_lookup_finish   (OdRepository        *repository,
                                                               GAsyncResult        *result,
                                                               GError             **error);
/* Overwrites the text before freeing it. */
void                      od_credential_secret_free           (char                *secret);

G_END_DECLS
