/* od-ctl-invitations.c — orgdeskctl: invite (addresses or a CSV file); invitation list, resend,
 * revoke, accept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>

#include "od-csv.h"
#include "od-error.h"
#include "od-invitation.h"
#include "od-invite-batch.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-repository.h"

#include "od-ctl.h"

#define READ_CHUNK (64 * 1024)

/* Standard input, refused as soon as it grows past the limit. */
static GBytes *
read_standard_input (GError **error)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  gssize n;

  do
    {
      guint before = data->len;

      g_byte_array_set_size (data, before + READ_CHUNK);
      n = g_input_stream_read (in, data->data + before, READ_CHUNK, NULL, error);
      g_byte_array_set_size (data, before + MAX (n, 0));
      if (n < 0 || !od_csv_check_size (data->len, error))
        return NULL;
    }
  while (n > 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* The file's size is checked before anything is read. */
static GBytes *
load_csv (const char  *path,
          GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (g_str_equal (path, "-"))
    return read_standard_input (error);

  file = g_file_new_for_commandline_arg (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                           _("This is a folder; give the CSV file inside it."));
      return NULL;
    }
  if (!od_csv_check_size (g_file_info_get_size (info), error) ||
      !g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  return g_bytes_new_take (contents, length);
}

static OdInviteBatch *
batch_from_csv (const char  *path,
                GError     **error)
{
  g_autoptr(GBytes) bytes = load_csv (path, error);
  OdInviteBatch *batch = bytes ? od_invite_batch_new_from_csv (bytes, error) : NULL;

  if (batch == NULL)
    g_prefix_error (error, "%s: ", g_str_equal (path, "-") ? _("standard input") : path);
  return batch;
}

static const char *
row_outcome_text (OdInviteBatch *batch,
                  guint          i,
                  gboolean       applied)
{
  OdInviteOutcome outcome = od_invite_batch_get_outcome (batch, i);

  if (outcome == OD_INVITE_OUTCOME_WILL_INVITE)
    return applied ? "invited" : "will-invite";
  return od_invite_outcome_to_string (outcome);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  const char *run;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (run = text; *text; text++)
    {
      guchar c = *text;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, text - run);
      run = text + 1;
      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else
        g_string_append_printf (out, "\\u%04x", c);
    }
  g_string_append_len (out, run, text - run);
  g_string_append_c (out, '"');
}

static void
append_uint (GString *out,
             guint    value)
{
  char digits[16];
  int n = sizeof digits;

  do
    digits[--n] = '0' + value % 10;
  while ((value /= 10) > 0);
  g_string_append_len (out, digits + n, sizeof digits - n);
}

static void
append_json_member (GString    *out,
                    const char *indent,
                    const char *key,
                    gint64      value,
                    gboolean    last)
{
  g_string_append_printf (out, "%s\"%s\" : %" G_GINT64_FORMAT "%s\n", indent, key, value, last ? "" : ",");
}

/* One JSON document, {"rows": […], "summary": {…}}, written as it is built: a report of
 * 100,000 rows is never held as a tree of JSON nodes. */
static void
print_report_json (OdInviteBatch *batch,
                   gboolean       applied)
{
  g_autoptr(GString) out = g_string_sized_new (2 * READ_CHUNK);
  g_autofree char *seats = od_invite_batch_describe_seats (batch);
  guint n = od_invite_batch_get_n_rows (batch);
  guint to_invite = od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_WILL_INVITE);

  g_string_append (out, "{\n  \"rows\" : [");
  for (guint i = 0; i < n; i++)
    {
      OdRole role = od_invite_batch_get_role (batch, i);
      OdInviteOutcome outcome = od_invite_batch_get_outcome (batch, i);

      g_string_append (out, i ? ",\n    {\"line\" : " : "\n    {\"line\" : ");
      append_uint (out, od_invite_batch_get_line (batch, i));
      g_string_append (out, ", \"email\" : ");
      append_json_string (out, od_invite_batch_get_email (batch, i));
      g_string_append (out, ", \"role\" : ");
      append_json_string (out, role != OD_ROLE_NONE ? od_role_to_string (role)
                                                    : od_invite_batch_get_role_text (batch, i));
      g_string_append (out, ", \"outcome\" : ");
      append_json_string (out, row_outcome_text (batch, i, applied));
      g_string_append (out, outcome != OD_INVITE_OUTCOME_WILL_INVITE ? ", \"rejected\" : true, \"reason\" : "
                                                                     : ", \"rejected\" : false, \"reason\" : ");
      append_json_string (out, od_invite_batch_get_reason (batch, i));
      if (od_invite_batch_get_duplicate_of (batch, i) > 0)
        g_string_append_printf (out, ", \"duplicate_of_line\" : %u", od_invite_batch_get_duplicate_of (batch, i));
      if (od_invite_batch_get_code (batch, i) != NULL)
        {
          g_string_append (out, ", \"code\" : ");
          append_json_string (out, od_invite_batch_get_code (batch, i));
        }
      g_string_append_c (out, '}');
      if (out->len > READ_CHUNK)
        {
          fwrite (out->str, 1, out->len, stdout);
          g_string_truncate (out, 0);
        }
    }
  g_string_append (out, n ? "\n  ],\n" : "],\n");

  g_string_append (out, "  \"summary\" : {\n");
  append_json_member (out, "    ", "rows", n, FALSE);
  append_json_member (out, "    ", "to_invite", to_invite, FALSE);
  append_json_member (out, "    ", "invited", applied ? to_invite : 0, FALSE);
  append_json_member (out, "    ", "rejected", od_invite_batch_get_n_rejected (batch), FALSE);
  g_string_append_printf (out, "    \"dry_run\" : %s,\n    \"outcomes\" : {\n", applied ? "false" : "true");
  for (OdInviteOutcome o = 0; o < OD_INVITE_N_OUTCOMES; o++)
    append_json_member (out, "      ", od_invite_outcome_to_string (o), od_invite_batch_get_count (batch, o),
                        o + 1 == OD_INVITE_N_OUTCOMES);
  g_string_append (out, "    },\n    \"seats\" : {\n");
  append_json_member (out, "      ", "total", od_invite_batch_get_seats_total (batch), FALSE);
  append_json_member (out, "      ", "used", od_invite_batch_get_seats_used (batch), FALSE);
  append_json_member (out, "      ", "free", od_invite_batch_get_seats_free (batch), FALSE);
  append_json_member (out, "      ", "needed", od_invite_batch_get_seats_needed (batch), FALSE);
  g_string_append (out, "      \"impact\" : ");
  append_json_string (out, seats);
  g_string_append (out, "\n    }\n  }\n}\n");
  fwrite (out->str, 1, out->len, stdout);
}

static void
print_report_text (OdInviteBatch *batch,
                   gboolean       applied)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) counts = g_string_new (NULL);
  g_autofree char *seats = od_invite_batch_describe_seats (batch);
  guint n = od_invite_batch_get_n_rows (batch);
  guint to_invite = od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_WILL_INVITE);
  guint rejected = od_invite_batch_get_n_rejected (batch);

  for (guint i = 0; i < n; i++)
    {
      OdInviteOutcome outcome = od_invite_batch_get_outcome (batch, i);
      guint line = od_invite_batch_get_line (batch, i);
      const char *email = od_invite_batch_get_email (batch, i);
      const char *reason = od_invite_batch_get_reason (batch, i);

      /* Translators: "line 3: ann@example.com — Invalid email: The email address has no “@”." */
      if (outcome != OD_INVITE_OUTCOME_WILL_INVITE)
        g_string_append_printf (out, _("line %u: %s — %s: %s"), line, email,
                                od_invite_outcome_get_label (outcome), reason);
      else
        g_string_append_printf (out, _("line %u: %s — %s"), line, email, reason);
      if (od_invite_batch_get_code (batch, i) != NULL)
        g_string_append_printf (out, _(" Code %s."), od_invite_batch_get_code (batch, i));
      g_string_append_c (out, '\n');
      if (out->len > READ_CHUNK)
        {
          fputs (out->str, stdout);
          g_string_truncate (out, 0);
        }
    }
  fputs (out->str, stdout);

  for (OdInviteOutcome o = OD_INVITE_OUTCOME_WILL_INVITE + 1; o < OD_INVITE_N_OUTCOMES; o++)
    if (od_invite_batch_get_count (batch, o) > 0)
      g_string_append_printf (counts, "%s%u %s", counts->len ? ", " : "", od_invite_batch_get_count (batch, o),
                              od_invite_outcome_get_label (o));

  if (applied)
    g_print (_("Invited %u of %u rows.\n"), to_invite, n);
  else
    g_print (_("Dry run: %u of %u rows would be invited; nothing was changed.\n"), to_invite, n);
  if (rejected > 0)
    g_print (_("Rejected %u: %s.\n"), rejected, counts->str);
  g_print (_("Seats: %s\n"), seats);
}

int
od_ctl_invite (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage =
    "orgdeskctl invite --org=SLUG (--email=EMAIL… | --csv=FILE) [--role=ROLE] [--dry-run] [--json]\n"
    "                  [--rejected=FILE]\n"
    "  Reviews every row with the checks of the Invite dialog, invites the valid rows and reports\n"
    "  each row with its line number. --role is the role of rows that name none (default write);\n"
    "  --csv=- reads standard input; --rejected writes the rejected rows as a CSV file to fix and\n"
    "  import again. Exit status: 0 when every row was invited (or would be, with\n"
    "  --dry-run, which changes nothing); 1 when any row was rejected (the valid rows are invited\n"
    "  all the same) or the file was refused (then nothing is invited); 2 for a usage error.";
  g_autofree char *slug = NULL, *role_text = NULL, *csv = NULL, *rejected_path = NULL;
  g_auto(GStrv) emails = NULL;
  gboolean json = FALSE, dry_run = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "email", 0, 0, G_OPTION_ARG_STRING_ARRAY, &emails, NULL, NULL },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, NULL, NULL },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, NULL, NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, NULL, NULL },
    { "rejected", 0, 0, G_OPTION_ARG_FILENAME, &rejected_path, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdInviteBatch) batch = NULL;
  g_auto(OdCtlOutput) rejected_out = { 0 };
  OdRole role = OD_ROLE_WRITE;
  GError *error = NULL;
  guint n_rows, rejected;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if ((emails == NULL) == (csv == NULL))
    return od_ctl_usage_error (usage, _("Give either --email (once or more) or --csv, not both."));
  if (role_text != NULL && (role = od_role_from_string (role_text)) == OD_ROLE_NONE)
    return od_ctl_usage_error (usage, _("Unknown role “%s”. Use read, write, admin or owner."), role_text);

  /* The file is read and refused (or not) before the database is opened. */
  if (csv != NULL)
    {
      if (!(batch = batch_from_csv (csv, &error)))
        return od_ctl_fail (error);
    }
  else
    {
      batch = od_invite_batch_new ();
      for (guint i = 0; emails[i]; i++)
        od_invite_batch_add (batch, i + 1, emails[i], NULL);
    }

  /* Opened before anything changes, so that a path that cannot be written stops it all. */
  if (rejected_path != NULL && !od_ctl_output_open (&rejected_out, rejected_path, &error))
    return od_ctl_fail (error);

  /* Apply reviews inside its own transaction: a dry run is that review alone. */
  od_invite_batch_set_default_role (batch, role);
  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(actor = od_ctl_acting_member (ctl, org, &error)) ||
      (dry_run ? !od_repository_review_invitations (ctl->repository, actor, batch, role, NULL, &error)
               : !od_repository_apply_invitations (ctl->repository, actor, batch, NULL, NULL, NULL, &error)))
    return od_ctl_fail (error);

  if (json)
    print_report_json (batch, !dry_run);
  else
    print_report_text (batch, !dry_run);
  fflush (stdout);

  if (rejected_path != NULL &&
      (!od_invite_batch_write_rejected_csv (batch, rejected_out.stream, NULL, &error) ||
       !od_ctl_output_commit (&rejected_out, &error)))
    {
      g_prefix_error (&error, "%s: ", rejected_path);
      return od_ctl_fail (error);
    }

  n_rows = od_invite_batch_get_n_rows (batch);
  rejected = od_invite_batch_get_n_rejected (batch);
  if (n_rows > 0 && od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_NOT_ALLOWED_FOR_YOUR_ROLE) == n_rows &&
      !od_role_can (od_member_get_role (actor), OD_ACTION_INVITE))
    g_printerr ("orgdeskctl: %s %s\n", od_invite_batch_get_reason (batch, 0), _("Nothing was invited."));
  else if (rejected > 0)
    g_printerr (_("orgdeskctl: %u of %u rows were rejected; the report says why, line by line.\n"),
                rejected, n_rows);
  return rejected > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

int
od_ctl_invitation_list (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl invitation list --org=SLUG [--json]";
  g_autofree char *slug = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(GListModel) invitations = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;
  guint n;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(invitations = od_repository_list_invitations (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);

  n = g_list_model_get_n_items (invitations);
  json_builder_begin_array (b);
  if (!json)
    g_print ("%-8s  %-40s  %-6s  %-8s  %-20s  %-5s  %s\n", "ID", "EMAIL", "ROLE", "STATE", "EXPIRES", "SENT", "CODE");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdInvitation) inv = g_list_model_get_item (invitations, i);
      g_autofree char *expires = od_ctl_format_time (od_invitation_get_expires_at (inv));
      const char *state = od_invitation_state_to_string (od_invitation_get_state (inv));

      if (!json)
        {
          g_print ("%-8" G_GINT64_FORMAT "  %-40s  %-6s  %-8s  %-20s  %-5u  %s\n", od_invitation_get_id (inv),
                   od_invitation_get_email (inv), od_role_to_string (od_invitation_get_role (inv)), state,
                   expires, od_invitation_get_times_sent (inv), od_invitation_get_code (inv));
          continue;
        }
      json_builder_begin_object (b);
      od_ctl_add_int (b, "id", od_invitation_get_id (inv));
      od_ctl_add_string (b, "email", od_invitation_get_email (inv));
      od_ctl_add_string (b, "role", od_role_to_string (od_invitation_get_role (inv)));
      od_ctl_add_string (b, "state", state);
      od_ctl_add_string (b, "invited_by", od_invitation_get_invited_by_name (inv));
      od_ctl_add_time (b, "created_at", od_invitation_get_created_at (inv));
      od_ctl_add_time (b, "expires_at", od_invitation_get_expires_at (inv));
      od_ctl_add_int (b, "times_sent", od_invitation_get_times_sent (inv));
      od_ctl_add_string (b, "code", od_invitation_get_code (inv));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      od_ctl_print_json (root);
    }
  return EXIT_SUCCESS;
}

/* An invitation named by its id (digits) or its address. */
static gboolean
resolve_invitation (OdCtl           *ctl,
                    OdOrganization  *org,
                    const char      *text,
                    gint64          *id,
                    GError         **error)
{
  g_autoptr(OdInvitation) invitation = NULL;
  guint64 number;

  if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &number, NULL))
    {
      *id = (gint64) number;
      return TRUE;
    }
  invitation = od_repository_find_invitation (ctl->repository, od_organization_get_id (org), text, error);
  if (invitation == NULL)
    return FALSE;
  *id = od_invitation_get_id (invitation);
  return TRUE;
}

int
od_ctl_invitation_resend (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl invitation resend --org=SLUG (EMAIL|ID)";
  g_autofree char *slug = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdInvitation) invitation = NULL;
  g_autofree char *expires = NULL;
  GError *error = NULL;
  gint64 id = 0;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return od_ctl_usage_error (usage, _("Give the invitation’s email address or id (from `invitation list`)."));

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(actor = od_ctl_acting_member (ctl, org, &error)) ||
      !resolve_invitation (ctl, org, argv[1], &id, &error) ||
      !(invitation = od_repository_resend_invitation (ctl->repository, actor, id, &error)))
    return od_ctl_fail (error);

  expires = od_ctl_format_time (od_invitation_get_expires_at (invitation));
  g_print (_("Sent the invitation for %s again (%u times in all); it now expires at %s.\n"),
           od_invitation_get_email (invitation), od_invitation_get_times_sent (invitation), expires);
  return EXIT_SUCCESS;
}

int
od_ctl_invitation_revoke (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl invitation revoke --org=SLUG (EMAIL|ID)…";
  g_autofree char *slug = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    return od_ctl_usage_error (usage, _("Give the email address or id of each invitation to revoke."));

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(actor = od_ctl_acting_member (ctl, org, &error)))
    return od_ctl_fail (error);

  /* Every name is resolved before anything changes; then all are revoked together, or none. */
  for (int i = 1; i < argc; i++)
    {
      gint64 id;

      if (!resolve_invitation (ctl, org, argv[i], &id, &error))
        return od_ctl_fail (error);
      g_array_append_val (ids, id);
    }
  if (!od_repository_revoke_invitations (ctl->repository, actor, ids, &error))
    return od_ctl_fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Revoked %u invitation.\n", "Revoked %u invitations.\n", ids->len),
           ids->len);
  return EXIT_SUCCESS;
}

int
od_ctl_invitation_accept (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl invitation accept CODE --name=NAME";
  g_autofree char *name = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdMember) member = NULL;
  g_autoptr(OdOrganization) org = NULL;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return od_ctl_usage_error (usage, _("Give the invite code."));
  if (name == NULL)
    return od_ctl_usage_error (usage, _("Give your name with --name."));

  if (!od_ctl_open_repository (ctl, &error) ||
      !(member = od_repository_accept_invitation (ctl->repository, argv[1], name, &error)) ||
      !(org = od_repository_get_organization (ctl->repository, od_member_get_organization_id (member), &error)))
    return od_ctl_fail (error);

  g_print (_("%s joined %s as %s.\n"), od_member_get_email (member), od_organization_get_name (org),
           od_role_get_label (od_member_get_role (member)));
  return EXIT_SUCCESS;
}
