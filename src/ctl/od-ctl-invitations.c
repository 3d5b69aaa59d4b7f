/* od-ctl-invitations.c — orgdeskctl: invite; invitation list, accept
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
od_ctl_invite (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl invite --org=SLUG --email=EMAIL… [--role=ROLE] [--json]";
  g_autofree char *slug = NULL, *role_text = NULL;
  g_auto(GStrv) emails = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "email", 0, 0, G_OPTION_ARG_STRING_ARRAY, &emails, NULL, NULL },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  OdRole role = OD_ROLE_WRITE;
  GError *error = NULL;
  guint rejected = 0;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (emails == NULL)
    return od_ctl_usage_error (usage, _("Give at least one --email."));
  if (role_text != NULL && (role = od_role_from_string (role_text)) == OD_ROLE_NONE)
    return od_ctl_usage_error (usage, _("Unknown role “%s”. Use read, write, admin or owner."), role_text);

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(actor = od_ctl_acting_member (ctl, org, &error)))
    return od_ctl_fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; emails[i]; i++)
    {
      g_autoptr(GError) row_error = NULL;
      g_autoptr(OdInvitation) invitation =
        od_repository_invite (ctl->repository, actor, emails[i], role, &row_error);

      json_builder_begin_object (b);
      od_ctl_add_string (b, "email", emails[i]);
      od_ctl_add_string (b, "role", od_role_to_string (role));
      od_ctl_add_string (b, "outcome", invitation ? "invited" : "rejected");
      od_ctl_add_string (b, "code", invitation ? od_invitation_get_code (invitation) : NULL);
      od_ctl_add_string (b, "reason", row_error ? row_error->message : NULL);
      json_builder_end_object (b);

      if (invitation == NULL)
        rejected++;
      if (!json)
        {
          if (invitation)
            g_print ("%s: %s (%s)\n", emails[i], _("invited"), od_invitation_get_code (invitation));
          else
            g_printerr ("%s: %s\n", emails[i], row_error->message);
        }
    }
  json_builder_end_array (b);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      od_ctl_print_json (root);
    }
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
    g_print ("%-40s  %-6s  %-8s  %-20s  %s\n", "EMAIL", "ROLE", "STATE", "EXPIRES", "CODE");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdInvitation) inv = g_list_model_get_item (invitations, i);
      g_autofree char *expires = od_ctl_format_time (od_invitation_get_expires_at (inv));
      const char *state = od_invitation_state_to_string (od_invitation_get_state (inv));

      if (!json)
        {
          g_print ("%-40s  %-6s  %-8s  %-20s  %s\n", od_invitation_get_email (inv),
                   od_role_to_string (od_invitation_get_role (inv)), state, expires,
                   od_invitation_get_code (inv));
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
