/* od-ctl.c — what every orgdeskctl command shares: options, errors, the repository, JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>
#include <json-glib/json-glib.h>

#include "od-email.h"
#include "od-error.h"
#include "od-invitation.h"
#include "od-journal-entry.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-repository.h"
#include "od-subscription.h"
#include "od-team.h"
#include "od-update.h"

#include "od-ctl.h"

int
od_ctl_fail (GError *error)
{
  g_printerr ("orgdeskctl: %s\n", error->message);
  g_error_free (error);
  return EXIT_FAILURE;
}

int
od_ctl_usage_error (const char *usage, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("orgdeskctl: %s\n%s %s\n", message, _("Usage:"), usage);
  return EXIT_USAGE;
}

/* Parses a subcommand's options; on failure prints why and returns FALSE. */
gboolean
od_ctl_parse_options (const char    *usage,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      od_ctl_usage_error (usage, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
od_ctl_open_repository (OdCtl      *ctl,
                 GError  **error)
{
  g_autofree char *path = NULL;

  if (ctl->repository != NULL)
    return TRUE;
  path = ctl->database ? g_strdup (ctl->database) : od_repository_get_default_path ();
  ctl->repository = od_repository_open (path, error);
  return ctl->repository != NULL;
}

OdOrganization *
od_ctl_require_org (OdCtl         *ctl,
             const char  *slug,
             const char  *usage,
             GError     **error)
{
  if (slug == NULL)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_REQUIRED,
                   _("Name the organization with --org=SLUG.\n%s %s"), _("Usage:"), usage);
      return NULL;
    }
  if (!od_ctl_open_repository (ctl, error))
    return NULL;
  return od_repository_lookup_organization (ctl->repository, slug, error);
}

/* The acting member: --as EMAIL, or the organization's first Owner. */
OdMember *
od_ctl_acting_member (OdCtl             *ctl,
               OdOrganization  *org,
               GError         **error)
{
  if (ctl->as_email != NULL)
    return od_repository_find_member (ctl->repository, od_organization_get_id (org),
                                      ctl->as_email, error);
  return od_repository_get_first_owner (ctl->repository, od_organization_get_id (org), error);
}

void
od_ctl_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

char *
od_ctl_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) when = NULL;

  if (unix_time <= 0)
    return g_strdup ("-");
  when = g_date_time_new_from_unix_utc (unix_time);
  return g_date_time_format_iso8601 (when);
}

void
od_ctl_add_time (JsonBuilder *b,
          const char  *key,
          gint64       unix_time)
{
  g_autofree char *text = od_ctl_format_time (unix_time);

  json_builder_set_member_name (b, key);
  if (unix_time > 0)
    json_builder_add_string_value (b, text);
  else
    json_builder_add_null_value (b);
}

void
od_ctl_add_string (JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
od_ctl_add_int (JsonBuilder *b, const char *key, gint64 value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

void
od_ctl_build_organization (OdCtl            *ctl,
                    JsonBuilder    *b,
                    OdOrganization *org)
{
  const char * const *domains = od_organization_get_domains (org);
  guint members = 0, pending = 0, seats = 0;

  json_builder_begin_object (b);
  od_ctl_add_int (b, "id", od_organization_get_id (org));
  od_ctl_add_string (b, "slug", od_organization_get_slug (org));
  od_ctl_add_string (b, "name", od_organization_get_name (org));
  od_ctl_add_string (b, "description", od_organization_get_description (org));
  od_ctl_add_string (b, "contact_name", od_organization_get_contact_name (org));
  od_ctl_add_string (b, "contact_email", od_organization_get_contact_email (org));
  od_ctl_add_string (b, "contact_phone", od_organization_get_contact_phone (org));
  od_ctl_add_string (b, "address", od_organization_get_address (org));
  json_builder_set_member_name (b, "domains");
  json_builder_begin_array (b);
  for (guint i = 0; domains && domains[i]; i++)
    json_builder_add_string_value (b, domains[i]);
  json_builder_end_array (b);
  od_ctl_add_string (b, "sso_tenant", od_organization_get_sso_tenant (org));
  od_ctl_add_time (b, "created_at", od_organization_get_created_at (org));
  if (od_repository_get_seat_usage (ctl->repository, od_organization_get_id (org),
                                    &members, &pending, &seats, NULL))
    {
      od_ctl_add_int (b, "members", members);
      od_ctl_add_int (b, "pending_invitations", pending);
      od_ctl_add_int (b, "seats", seats);
    }
  json_builder_end_object (b);
}

gboolean
od_ctl_parse_count (const char *text,
             guint      *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

OdTeam *
od_ctl_find_team (OdCtl             *ctl,
           OdOrganization  *org,
           const char      *name,
           GError         **error)
{
  g_autoptr(GListModel) teams = od_repository_list_teams (ctl->repository, od_organization_get_id (org), error);
  g_autofree char *key = NULL;

  if (teams == NULL)
    return NULL;
  key = g_utf8_casefold (name, -1);
  for (guint i = 0; i < g_list_model_get_n_items (teams); i++)
    {
      g_autoptr(OdTeam) team = g_list_model_get_item (teams, i);
      g_autofree char *team_key = g_utf8_casefold (od_team_get_name (team), -1);

      if (g_str_equal (key, team_key))
        return g_steal_pointer (&team);
    }
  g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND,
               _("There is no team “%s”. `orgdeskctl team list` shows them."), name);
  return NULL;
}

/* Standard output (path NULL or "-"), or FILE written through a temporary file that replaces it
 * only when committed. */
gboolean
od_ctl_output_open (OdCtlOutput  *out,
                    const char   *path,
                    GError      **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;

  if (path == NULL || g_str_equal (path, "-"))
    {
      out->stream = g_unix_output_stream_new (1, FALSE);
      return TRUE;
    }

  out->file = g_file_new_for_commandline_arg (path);
  out->created = !g_file_query_exists (out->file, NULL);
  if (!(stream = g_file_replace (out->file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error)))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  out->stream = G_OUTPUT_STREAM (g_steal_pointer (&stream));
  return TRUE;
}

gboolean
od_ctl_output_commit (OdCtlOutput  *out,
                      GError      **error)
{
  gboolean ok = g_output_stream_close (out->stream, NULL, error);

  g_clear_object (&out->stream);
  return ok;
}

/* Unless committed: FILE keeps what it had, or is gone again if the output created it. */
void
od_ctl_output_clear (OdCtlOutput *out)
{
  if (out->stream != NULL && out->file != NULL)
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (out->stream, abandon, NULL);
      if (out->created)
        g_file_delete (out->file, NULL, NULL);
    }
  g_clear_object (&out->stream);
  g_clear_object (&out->file);
}
