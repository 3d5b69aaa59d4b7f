/* od-ctl-members.c — orgdeskctl: member list, set-role, remove, export; seats set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
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
od_ctl_member_list (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl member list --org=SLUG [--search=TEXT] [--json]";
  g_autofree char *slug = NULL, *search = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  GError *error = NULL;
  guint n;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(members = od_repository_list_members (ctl->repository, od_organization_get_id (org),
                                              search, &error)))
    return od_ctl_fail (error);

  n = g_list_model_get_n_items (members);
  if (json)
    {
      b = json_builder_new ();
      json_builder_begin_array (b);
    }
  else
    g_print ("%-28s  %-40s  %-6s  %-10s  %s\n", "NAME", "EMAIL", "ROLE", "JOINED", "TEAMS");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdMember) m = g_list_model_get_item (members, i);

      if (m == NULL)
        continue;
      if (json)
        {
          json_builder_begin_object (b);
          od_ctl_add_int (b, "id", od_member_get_id (m));
          od_ctl_add_string (b, "email", od_member_get_email (m));
          od_ctl_add_string (b, "name", od_member_get_name (m));
          od_ctl_add_string (b, "role", od_role_to_string (od_member_get_role (m)));
          json_builder_set_member_name (b, "teams");
          json_builder_begin_array (b);
          if (*od_member_get_teams (m))
            {
              g_auto(GStrv) teams = g_strsplit (od_member_get_teams (m), ", ", -1);
              for (guint t = 0; teams[t]; t++)
                json_builder_add_string_value (b, teams[t]);
            }
          json_builder_end_array (b);
          od_ctl_add_time (b, "joined_at", od_member_get_joined_at (m));
          od_ctl_add_time (b, "last_active_at", od_member_get_last_active_at (m));
          json_builder_end_object (b);
        }
      else
        {
          g_autoptr(GDateTime) joined = g_date_time_new_from_unix_utc (od_member_get_joined_at (m));
          g_autofree char *date = g_date_time_format (joined, "%Y-%m-%d");

          g_print ("%-28s  %-40s  %-6s  %-10s  %s\n", od_member_get_name (m), od_member_get_email (m),
                   od_role_to_string (od_member_get_role (m)), date, od_member_get_teams (m));
        }
    }

  if (json)
    {
      g_autoptr(JsonNode) root = NULL;
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      od_ctl_print_json (root);
    }
  return EXIT_SUCCESS;
}

/* Finds every named member first, so that a typo changes nothing. */
static GArray *
resolve_members (OdCtl           *ctl,
                 OdOrganization  *org,
                 char           **emails,
                 int              n_emails,
                 GError         **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_emails);

  for (int i = 0; i < n_emails; i++)
    {
      g_autoptr(OdMember) member = od_repository_find_member (ctl->repository, od_organization_get_id (org),
                                                              emails[i], error);
      gint64 id;

      if (member == NULL)
        return NULL;
      id = od_member_get_id (member);
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

int
od_ctl_member_set_role (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl member set-role --org=SLUG EMAIL… ROLE\n"
                             "  Several members change together, or none does.";
  g_autofree char *slug = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;
  OdRole role;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 3)
    return od_ctl_usage_error (usage, _("Give the member’s email and the new role."));
  role = od_role_from_string (argv[argc - 1]);
  if (role == OD_ROLE_NONE)
    return od_ctl_usage_error (usage, _("Unknown role “%s”. Use read, write, admin or owner."), argv[argc - 1]);

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(actor = od_ctl_acting_member (ctl, org, &error)) ||
      !(ids = resolve_members (ctl, org, argv + 1, argc - 2, &error)))
    return od_ctl_fail (error);

  if (ids->len == 1 ? !od_repository_set_member_role (ctl->repository, actor, g_array_index (ids, gint64, 0),
                                                      role, &error)
                    : !od_repository_set_members_role (ctl->repository, actor, ids, role, &error))
    return od_ctl_fail (error);
  return EXIT_SUCCESS;
}

int
od_ctl_member_remove (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl member remove --org=SLUG EMAIL…\n"
                             "  Several members are removed together, or none is.";
  g_autofree char *slug = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    return od_ctl_usage_error (usage, _("Give the email of the member to remove."));

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(actor = od_ctl_acting_member (ctl, org, &error)) ||
      !(ids = resolve_members (ctl, org, argv + 1, argc - 1, &error)))
    return od_ctl_fail (error);

  if (ids->len == 1 ? !od_repository_remove_member (ctl->repository, actor, g_array_index (ids, gint64, 0), &error)
                    : !od_repository_remove_members (ctl->repository, actor, ids, &error))
    return od_ctl_fail (error);
  return EXIT_SUCCESS;
}

int
od_ctl_member_export (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl member export --org=SLUG [--format=csv|json] [--search=TEXT] [--output=FILE]\n"
                             "  Writes every member (name, email, role, teams, joined, last active) in list order to\n"
                             "  standard output or FILE. In CSV, a cell that starts with = + - or @ gets a leading '\n"
                             "  so that spreadsheets show it as text.";
  g_autofree char *slug = NULL, *format = NULL, *search = NULL, *output = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, NULL, NULL },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_auto(OdCtlOutput) out = { 0 };
  OdExportFormat export_format = OD_EXPORT_FORMAT_CSV;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (format != NULL && g_ascii_strcasecmp (format, "json") == 0)
    export_format = OD_EXPORT_FORMAT_JSON;
  else if (format != NULL && g_ascii_strcasecmp (format, "csv") != 0)
    return od_ctl_usage_error (usage, _("--format must be csv or json."));

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !od_ctl_output_open (&out, output, &error) ||
      !od_repository_export_members (ctl->repository, od_organization_get_id (org), search, export_format,
                                     out.stream, NULL, &error) ||
      !od_ctl_output_commit (&out, &error))
    return od_ctl_fail (error);
  return EXIT_SUCCESS;
}

int
od_ctl_seats_set (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl seats set --org=SLUG N";
  g_autofree char *slug = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  GError *error = NULL;
  guint seats;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || !od_ctl_parse_count (argv[1], &seats))
    return od_ctl_usage_error (usage, _("Give the number of seats as a whole number."));

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(actor = od_ctl_acting_member (ctl, org, &error)) ||
      !od_repository_set_seats (ctl->repository, actor, seats, &error))
    return od_ctl_fail (error);
  return EXIT_SUCCESS;
}
