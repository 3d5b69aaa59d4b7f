/* od-ctl.h — orgdeskctl's commands and what they share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "od-repository.h"

G_BEGIN_DECLS

#define EXIT_USAGE 2

typedef struct
{
  char         *database;
  char         *as_email;
  OdRepository *repository;
} OdCtl;

typedef int (*OdCtlCommandFunc) (OdCtl *ctl, int argc, char **argv);

typedef struct
{
  const char  *group;        /* "org", or NULL for a one-word command */
  const char  *name;
  OdCtlCommandFunc  func;
  const char  *usage;
} OdCtlCommand;

int od_ctl_fail (GError *error);
int od_ctl_usage_error (const char *usage, const char *format, ...) G_GNUC_PRINTF (2, 3);
gboolean od_ctl_parse_options (const char *usage, GOptionEntry *entries, int *argc, char ***argv);
gboolean od_ctl_open_repository (OdCtl *ctl, GError **error);
OdOrganization *od_ctl_require_org (OdCtl *ctl, const char *slug, const char *usage, GError **error);
OdMember *od_ctl_acting_member (OdCtl *ctl, OdOrganization *org, GError **error);
void od_ctl_print_json (JsonNode *root);
char *od_ctl_format_time (gint64 unix_time);
void od_ctl_add_time (JsonBuilder *b, const char *key, gint64 unix_time);
void od_ctl_add_string (JsonBuilder *b, const char *key, const char *value);
void od_ctl_add_int (JsonBuilder *b, const char *key, gint64 value);
void od_ctl_build_organization (OdCtl *ctl, JsonBuilder *b, OdOrganization *org);
gboolean od_ctl_parse_count (const char *text, guint *out);
OdTeam *od_ctl_find_team (OdCtl *ctl, OdOrganization *org, const char *name, GError **error);

/* Where a command writes a file: standard output, or FILE replaced only once complete. */
typedef struct
{
  GFile         *file;
  GOutputStream *stream;
  gboolean       created;
} OdCtlOutput;

gboolean od_ctl_output_open (OdCtlOutput *out, const char *path, GError **error);
gboolean od_ctl_output_commit (OdCtlOutput *out, GError **error);
void od_ctl_output_clear (OdCtlOutput *out);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OdCtlOutput, od_ctl_output_clear)

/* Commands: each gets its own argv (its usage text first, then its options and arguments). */
int od_ctl_org_create (OdCtl *ctl, int argc, char **argv);
int od_ctl_org_list (OdCtl *ctl, int argc, char **argv);
int od_ctl_org_show (OdCtl *ctl, int argc, char **argv);
int od_ctl_demo (OdCtl *ctl, int argc, char **argv);
int od_ctl_member_list (OdCtl *ctl, int argc, char **argv);
int od_ctl_member_set_role (OdCtl *ctl, int argc, char **argv);
int od_ctl_member_remove (OdCtl *ctl, int argc, char **argv);
int od_ctl_member_export (OdCtl *ctl, int argc, char **argv);
int od_ctl_seats_set (OdCtl *ctl, int argc, char **argv);
int od_ctl_invite (OdCtl *ctl, int argc, char **argv);
int od_ctl_invitation_list (OdCtl *ctl, int argc, char **argv);
int od_ctl_invitation_accept (OdCtl *ctl, int argc, char **argv);
int od_ctl_invitation_resend (OdCtl *ctl, int argc, char **argv);
int od_ctl_invitation_revoke (OdCtl *ctl, int argc, char **argv);
int od_ctl_team_create (OdCtl *ctl, int argc, char **argv);
int od_ctl_team_list (OdCtl *ctl, int argc, char **argv);
int od_ctl_update_post (OdCtl *ctl, int argc, char **argv);
int od_ctl_update_list (OdCtl *ctl, int argc, char **argv);
int od_ctl_journal_list (OdCtl *ctl, int argc, char **argv);
/* Teams, updates, journal, undo (issue 4) */
int od_ctl_team_delete (OdCtl *ctl, int argc, char **argv);
int od_ctl_team_add (OdCtl *ctl, int argc, char **argv);
int od_ctl_team_remove (OdCtl *ctl, int argc, char **argv);
int od_ctl_team_edit (OdCtl *ctl, int argc, char **argv);
int od_ctl_team_members (OdCtl *ctl, int argc, char **argv);
int od_ctl_update_delete (OdCtl *ctl, int argc, char **argv);
int od_ctl_journal_export (OdCtl *ctl, int argc, char **argv);
int od_ctl_undo (OdCtl *ctl, int argc, char **argv);

/* Billing (issue 5) */
int od_ctl_billing_show (OdCtl *ctl, int argc, char **argv);
int od_ctl_billing_history (OdCtl *ctl, int argc, char **argv);
int od_ctl_billing_export (OdCtl *ctl, int argc, char **argv);
int od_ctl_billing_set_term (OdCtl *ctl, int argc, char **argv);
int od_ctl_billing_quote_seats (OdCtl *ctl, int argc, char **argv);
int od_ctl_billing_discount (OdCtl *ctl, int argc, char **argv);
int od_ctl_billing_cancel (OdCtl *ctl, int argc, char **argv);
int od_ctl_billing_resume (OdCtl *ctl, int argc, char **argv);
int od_ctl_billing_contact (OdCtl *ctl, int argc, char **argv);

/* Settings, credentials, policy (issue 6) */
int od_ctl_settings_get (OdCtl *ctl, int argc, char **argv);
int od_ctl_settings_set (OdCtl *ctl, int argc, char **argv);
int od_ctl_settings_keys (OdCtl *ctl, int argc, char **argv);
int od_ctl_website_add (OdCtl *ctl, int argc, char **argv);
int od_ctl_website_remove (OdCtl *ctl, int argc, char **argv);
int od_ctl_website_list (OdCtl *ctl, int argc, char **argv);
int od_ctl_website_import (OdCtl *ctl, int argc, char **argv);
int od_ctl_credential_set (OdCtl *ctl, int argc, char **argv);
int od_ctl_credential_list (OdCtl *ctl, int argc, char **argv);
int od_ctl_credential_delete (OdCtl *ctl, int argc, char **argv);
int od_ctl_policy_export (OdCtl *ctl, int argc, char **argv);
int od_ctl_policy_import (OdCtl *ctl, int argc, char **argv);
int od_ctl_policy_diff (OdCtl *ctl, int argc, char **argv);
int od_ctl_policy_publish (OdCtl *ctl, int argc, char **argv);
int od_ctl_policy_history (OdCtl *ctl, int argc, char **argv);
int od_ctl_policy_restore (OdCtl *ctl, int argc, char **argv);

G_END_DECLS
