/* od-ctl-org.c — orgdeskctl: org create, list, show; demo
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
od_ctl_org_create (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl org create --name=NAME --owner-email=EMAIL [--owner-name=NAME] [--seats=N]";
  g_autofree char *name = NULL, *owner_email = NULL, *owner_name = NULL;
  int seats = 0;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, NULL, NULL },
    { "owner-email", 0, 0, G_OPTION_ARG_STRING, &owner_email, NULL, NULL },
    { "owner-name", 0, 0, G_OPTION_ARG_STRING, &owner_name, NULL, NULL },
    { "seats", 0, 0, G_OPTION_ARG_INT, &seats, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (name == NULL || owner_email == NULL)
    return od_ctl_usage_error (usage, _("Both --name and --owner-email are required."));
  if (seats < 0)
    return od_ctl_usage_error (usage, _("--seats must be a positive number."));

  if (owner_name == NULL)
    {
      /* The part before the "@" is a fair default for a display name. */
      const char *at = strchr (owner_email, '@');
      owner_name = at ? g_strndup (owner_email, at - owner_email) : g_strdup (owner_email);
    }

  if (!od_ctl_open_repository (ctl, &error) ||
      !(org = od_repository_create_organization (ctl->repository, name, owner_email, owner_name,
                                                 seats, &error)))
    return od_ctl_fail (error);

  g_print ("%s\n", od_organization_get_slug (org));
  return EXIT_SUCCESS;
}

int
od_ctl_org_list (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl org list [--json]";
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(GListModel) orgs = NULL;
  GError *error = NULL;
  guint n;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!od_ctl_open_repository (ctl, &error) ||
      !(orgs = od_repository_list_organizations (ctl->repository, &error)))
    return od_ctl_fail (error);

  n = g_list_model_get_n_items (orgs);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(OdOrganization) org = g_list_model_get_item (orgs, i);
          od_ctl_build_organization (ctl, b, org);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      od_ctl_print_json (root);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdOrganization) org = g_list_model_get_item (orgs, i);
      guint members = 0, pending = 0, seats = 0;

      od_repository_get_seat_usage (ctl->repository, od_organization_get_id (org),
                                    &members, &pending, &seats, NULL);
      g_print ("%-24s  %-32s  %u members, %u of %u seats used\n",
               od_organization_get_slug (org), od_organization_get_name (org),
               members, members + pending, seats);
    }
  return EXIT_SUCCESS;
}

int
od_ctl_org_show (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl org show --org=SLUG [--json]";
  g_autofree char *slug = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdSubscription) subscription = NULL;
  g_autoptr(GListModel) teams = NULL;
  g_autofree char *created = NULL;
  guint members = 0, pending = 0, seats = 0;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (slug == NULL && argc == 2)
    slug = g_strdup (argv[1]);
  else if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)))
    return od_ctl_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      od_ctl_build_organization (ctl, b, org);
      root = json_builder_get_root (b);
      od_ctl_print_json (root);
      return EXIT_SUCCESS;
    }

  if (!od_repository_get_seat_usage (ctl->repository, od_organization_get_id (org),
                                     &members, &pending, &seats, &error) ||
      !(subscription = od_repository_get_subscription (ctl->repository, od_organization_get_id (org), &error)) ||
      !(teams = od_repository_list_teams (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);

  created = od_ctl_format_time (od_organization_get_created_at (org));
  g_print ("%s (%s)\n", od_organization_get_name (org), od_organization_get_slug (org));
  if (*od_organization_get_description (org))
    g_print ("  %s\n", od_organization_get_description (org));
  g_print ("  Created:      %s\n", created);
  g_print ("  Members:      %u\n", members);
  g_print ("  Invitations:  %u pending\n", pending);
  g_print ("  Seats:        %u of %u used\n", members + pending, seats);
  g_print ("  Teams:        %u\n", g_list_model_get_n_items (teams));
  g_print ("  Plan:         %s, %s, $%" G_GINT64_FORMAT ".%02d per seat\n",
           od_subscription_get_plan (subscription),
           od_term_to_string (od_subscription_get_term (subscription)),
           od_subscription_get_price_cents (subscription) / 100,
           (int) (od_subscription_get_price_cents (subscription) % 100));
  return EXIT_SUCCESS;
}

int
od_ctl_demo (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl demo [--members=N] [--teams=N] [--updates=N] [--seats=N]";
  int members = 250, teams = 12, updates = 40, seats = 0;
  GOptionEntry entries[] = {
    { "members", 0, 0, G_OPTION_ARG_INT, &members, NULL, NULL },
    { "teams", 0, 0, G_OPTION_ARG_INT, &teams, NULL, NULL },
    { "updates", 0, 0, G_OPTION_ARG_INT, &updates, NULL, NULL },
    { "seats", 0, 0, G_OPTION_ARG_INT, &seats, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (members < 1 || members > 10000000 || teams < 0 || teams > 100000 || updates < 0 ||
      updates > 10000000 || seats < 0)
    return od_ctl_usage_error (usage, _("Counts must be positive (at least one member, at most 10,000,000)."));

  if (!od_ctl_open_repository (ctl, &error) ||
      !(org = od_repository_create_demo (ctl->repository, members, teams, updates, seats, &error)))
    return od_ctl_fail (error);

  g_print ("%s\n", od_organization_get_slug (org));
  return EXIT_SUCCESS;
}
