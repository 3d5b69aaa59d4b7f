/* od-policy.h — the organization policy document of SPEC §6: build, import, diff, publish, restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document (schema version 1; never a secret in it):
 *
 *   {
 *     "schema_version": 1,
 *     "organization": { "id": 1, "slug": "acme-tools", "name": "Acme Tools" },
 *     "revision": 3,
 *     "generated_at": "2025-05-01T09:30:00Z",
 *     "analytics": {
 *       "telemetry": { "enabled": "ENABLED" },                   Features → Telemetry
 *       "internal_summary_reports": { "enabled": "ENABLED" }     Features → Internal summary reports
 *     },
 *     "external_cloud": {                                        Features → External Cloud: one switch
 *       "enabled": "ENABLED",                                    that sets every member below alike
 *       "cloud_connection": { "enabled": "ENABLED" },
 *       "backups": { "create": "ENABLED", "list": "ENABLED", "restore": "ENABLED", "delete": "ENABLED" },
 *       "snippet_sharing": { "enabled": "ENABLED" },
 *       "allocation_updates": { "enabled": "ENABLED" }
 *     },
 *     "external_provider": {
 *       "allowed_cloud_models": {
 *         "enabled": "DISABLED",                                 "Customize allowed models"
 *         "allowed_models": [ "gpt-5", … ],                      the allowed models, catalogue order
 *         "default_models": { "accurate": "gpt-5", "fast": null, "fallback_accurate": null, "fallback_fast": null }
 *       },
 *       "denied_workstream_pattern_engine_sources": {
 *         "enabled": "ENABLED",                                  "Organization manages application sources"
 *         "denied_sources": [ { "application": "Slack", "bundle_identifiers": [ "com.tinyspeck.slackmacgap", … ] } ]
 *       },
 *       "denied_workstream_pattern_engine_websites": {
 *         "enabled": "ENABLED",                                  "Organization manages denied websites"
 *         "denied_websites": [ { "url": "example.com" } ]
 *       },
 *       "processing": { "enabled": "ENABLED", "processing": "LOCAL" }   LOCAL, BLENDED or CLOUD
 *     }
 *   }
 *
 * Every "enabled" (and each backups operation) is "ENABLED" or "DISABLED". The lists are written
 * even when their switch is DISABLED, so that importing an exported document gives the same
 * settings back; installs ignore a list whose switch is DISABLED. With "allowed_cloud_models"
 * DISABLED, allowed_models lists every model of the enabled providers (and an imported one must).
 *
 * An exported document is the draft of the next revision: its "revision" is one more than the
 * last published. Publishing writes it to a folder as orgdesk-policy-SLUG-rN.json, and the same
 * content as orgdesk-policy-SLUG.json, the stable name members' installs read; both are written
 * to a temporary file and renamed, so a reader never sees half a document.
 *
 * Importing ignores "organization", "revision" and "generated_at" (a policy may come from another
 * organization as a template), checks everything else and reports every problem with its JSON
 * path; nothing is applied when there is one.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "od-types.h"
#include "od-policy-change.h"
#include "od-policy-issue.h"
#include "od-policy-revision.h"
#include "od-settings.h"

G_BEGIN_DECLS

#define OD_POLICY_SCHEMA_VERSION 1

#define OD_POLICY_ERROR (od_policy_error_quark ())

typedef enum
{
  OD_POLICY_ERROR_INVALID = 1,   /* the document has problems: see the issues */
  OD_POLICY_ERROR_FOLDER,        /* the publish folder is missing or cannot be written */
  OD_POLICY_ERROR_TOO_LARGE,     /* more than OD_POLICY_MAX_BYTES, or nested deeper than OD_POLICY_MAX_DEPTH */
} OdPolicyError;

/* What od_policy_import() reads at most: a document with the most denied websites
 * (OD_WEBSITE_MAX_DENIED, each of the longest host name) fits; and arrays and objects nested
 * this deep (a document needs 6), so that a hostile file cannot exhaust the parser's stack. */
#define OD_POLICY_MAX_BYTES (16 * 1024 * 1024)
#define OD_POLICY_MAX_DEPTH 32

GQuark            od_policy_error_quark          (void);

/* Refuses (OD_POLICY_ERROR_TOO_LARGE) a document of more than OD_POLICY_MAX_BYTES: callers
 * check a file's size with it before reading the file. */
gboolean          od_policy_check_size           (guint64          size,
                                                  GError         **error);

/* Parses a document's text as od_policy_import() does: refused (OD_POLICY_ERROR_TOO_LARGE)
 * beyond OD_POLICY_MAX_BYTES or OD_POLICY_MAX_DEPTH, else json-glib's parse error. */
JsonNode         *od_policy_parse                (const char      *text,
                                                  gssize           length,
                                                  GError         **error);
/* The document for these settings. generated_at is Unix seconds (UTC). */
JsonNode         *od_policy_build                (OdSettings      *settings,
                                                  OdOrganization  *organization,
                                                  gint64           revision,
                                                  gint64           generated_at);
/* Pretty-printed with two-space indents and a final new line. */
char             *od_policy_to_text              (JsonNode        *document);
/* "orgdesk-policy-SLUG-rN.json", or "orgdesk-policy-SLUG.json" for revision 0 (the stable name). */
char             *od_policy_file_name            (const char      *slug,
                                                  gint64           revision);

/* Checks a document and, when it has no problem, applies it to settings (as unsaved edits).
 * Returns whether it applied; *issues (GListModel of OdPolicyIssue, may be NULL) lists every problem. */
gboolean          od_policy_apply                (OdSettings      *settings,
                                                  JsonNode        *document,
                                                  GListModel     **issues);

/* The lines that differ between two documents (old may be NULL: everything is added), ignoring
 * "revision" and "generated_at". A GListModel of OdPolicyChange. */
GListModel       *od_policy_diff                 (JsonNode        *old_document,
                                                  JsonNode        *new_document);

/* With the repository */
char             *od_policy_export               (OdRepository    *repository,
                                                  gint64           organization_id,
                                                  GError         **error);
/* What publishing now would change since the last published revision. */
GListModel       *od_policy_diff_unpublished     (OdRepository    *repository,
                                                  gint64           organization_id,
                                                  GError         **error);
/* Validates text as a document and applies it to the organization's settings in one transaction
 * (journal "policy.import"); with dry_run nothing is written. On problems returns FALSE with an
 * OD_POLICY_ERROR_INVALID error, and *issues lists each at its JSON path; a text refused whole
 * (OD_POLICY_ERROR_TOO_LARGE) gets that error and no issue. *changes (may be NULL)
 * receives the OdPolicyChange lines the import makes to the current document. */
gboolean          od_policy_import               (OdRepository    *repository,
                                                  OdMember        *actor,
                                                  gint64           organization_id,
                                                  const char      *text,
                                                  gssize           length,
                                                  gboolean         dry_run,
                                                  GListModel     **issues,
                                                  GListModel     **changes,
                                                  GError         **error);
/* Writes the next revision into folder and records it (journal "policy.publish"). *changes
 * receives the lines changed since the last published revision. If nothing changed and the folder
 * is the same, no revision is added: the last one is returned (its files written again if they
 * were removed) and *changes is empty. */
OdPolicyRevision *od_policy_publish              (OdRepository    *repository,
                                                  OdMember        *actor,
                                                  gint64           organization_id,
                                                  const char      *folder,
                                                  GListModel     **changes,
                                                  GError         **error);
void              od_policy_publish_async        (OdRepository    *repository,
                                                  OdMember        *actor,
                                                  gint64           organization_id,
                                                  const char      *folder,
                                                  GCancellable    *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer         user_data);
OdPolicyRevision *od_policy_publish_finish       (OdRepository    *repository,
                                                  GAsyncResult    *result,
                                                  GListModel     **changes,
                                                  GError         **error);
/* Published revisions, newest first (GListModel of OdPolicyRevision). */
GListModel       *od_policy_list_revisions       (OdRepository    *repository,
                                                  gint64           organization_id,
                                                  GError         **error);
/* Makes the settings what revision was (journal "policy.restore"); publish to send it out again. */
gboolean          od_policy_restore              (OdRepository    *repository,
                                                  OdMember        *actor,
                                                  gint64           organization_id,
                                                  gint64           revision,
                                                  GListModel     **changes,
                                                  GError         **error);

G_END_DECLS
