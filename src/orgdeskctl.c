/* orgdeskctl.c — Orgdesk's command-line companion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * orgdeskctl [--database=PATH] [--as=EMAIL] COMMAND [SUBCOMMAND] [OPTIONS…]
 *
 * Every command calls the same core functions as the GUI, so the same rules apply. Errors go to
 * standard error with exit status 1 (2 for a command line that cannot be understood).
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

#define EXIT_USAGE 2

typedef struct
{
  char         *database;
  char         *as_email;
  OdRepository *repository;
} Ctl;

typedef int (*CommandFunc) (Ctl *ctl, int argc, char **argv);

typedef struct
{
  const char  *group;        /* "org", or NULL for a one-word command */
  const char  *name;
  CommandFunc  func;
  const char  *usage;
} Command;

static int
fail (GError *error)
{
  g_printerr ("orgdeskctl: %s\n", error->message);
  g_error_free (error);
  return EXIT_FAILURE;
}

static int
usage_error (const char *usage, const char *format, ...) G_GNUC_PRINTF (2, 3);

static int
usage_error (const char *usage, const char *format, ...)
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
static gboolean
parse_options (const char    *usage,
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
      usage_error (usage, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_repository (Ctl      *ctl,
                 GError  **error)
{
  g_autofree char *path = NULL;

  if (ctl->repository != NULL)
    return TRUE;
  path = ctl->database ? g_strdup (ctl->database) : od_repository_get_default_path ();
  ctl->repository = od_repository_open (path, error);
  return ctl->repository != NULL;
}

static OdOrganization *
require_org (Ctl         *ctl,
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
  if (!open_repository (ctl, error))
    return NULL;
  return od_repository_lookup_organization (ctl->repository, slug, error);
}

/* The acting member: --as EMAIL, or the organization's first Owner. */
static OdMember *
acting_member (Ctl             *ctl,
               OdOrganization  *org,
               GError         **error)
{
  if (ctl->as_email != NULL)
    return od_repository_find_member (ctl->repository, od_organization_get_id (org),
                                      ctl->as_email, error);
  return od_repository_get_first_owner (ctl->repository, od_organization_get_id (org), error);
}

static void
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) when = NULL;

  if (unix_time <= 0)
    return g_strdup ("-");
  when = g_date_time_new_from_unix_utc (unix_time);
  return g_date_time_format_iso8601 (when);
}

static void
add_time (JsonBuilder *b,
          const char  *key,
          gint64       unix_time)
{
  g_autofree char *text = format_time (unix_time);

  json_builder_set_member_name (b, key);
  if (unix_time > 0)
    json_builder_add_string_value (b, text);
  else
    json_builder_add_null_value (b);
}

static void
add_string (JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b, const char *key, gint64 value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

/* ---------------------------------------------------------------------------------------------
 * org
 */

static void
build_organization (Ctl            *ctl,
                    JsonBuilder    *b,
                    OdOrganization *org)
{
  const char * const *domains = od_organization_get_domains (org);
  guint members = 0, pending = 0, seats = 0;

  json_builder_begin_object (b);
  add_int (b, "id", od_organization_get_id (org));
  add_string (b, "slug", od_organization_get_slug (org));
  add_string (b, "name", od_organization_get_name (org));
  add_string (b, "description", od_organization_get_description (org));
  add_string (b, "contact_name", od_organization_get_contact_name (org));
  add_string (b, "contact_email", od_organization_get_contact_email (org));
  add_string (b, "contact_phone", od_organization_get_contact_phone (org));
  add_string (b, "address", od_organization_get_address (org));
  json_builder_set_member_name (b, "domains");
  json_builder_begin_array (b);
  for (guint i = 0; domains && domains[i]; i++)
    json_builder_add_string_value (b, domains[i]);
  json_builder_end_array (b);
  add_string (b, "sso_tenant", od_organization_get_sso_tenant (org));
  add_time (b, "created_at", od_organization_get_created_at (org));
  if (od_repository_get_seat_usage (ctl->repository, od_organization_get_id (org),
                                    &members, &pending, &seats, NULL))
    {
      add_int (b, "members", members);
      add_int (b, "pending_invitations", pending);
      add_int (b, "seats", seats);
    }
  json_builder_end_object (b);
}

static int
cmd_org_create (Ctl *ctl, int argc, char **argv)
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

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (name == NULL || owner_email == NULL)
    return usage_error (usage, _("Both --name and --owner-email are required."));
  if (seats < 0)
    return usage_error (usage, _("--seats must be a positive number."));

  if (owner_name == NULL)
    {
      /* The part before the "@" is a fair default for a display name. */
      const char *at = strchr (owner_email, '@');
      owner_name = at ? g_strndup (owner_email, at - owner_email) : g_strdup (owner_email);
    }

  if (!open_repository (ctl, &error) ||
      !(org = od_repository_create_organization (ctl->repository, name, owner_email, owner_name,
                                                 seats, &error)))
    return fail (error);

  g_print ("%s\n", od_organization_get_slug (org));
  return EXIT_SUCCESS;
}

static int
cmd_org_list (Ctl *ctl, int argc, char **argv)
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

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!open_repository (ctl, &error) ||
      !(orgs = od_repository_list_organizations (ctl->repository, &error)))
    return fail (error);

  n = g_list_model_get_n_items (orgs);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(OdOrganization) org = g_list_model_get_item (orgs, i);
          build_organization (ctl, b, org);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      print_json (root);
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

static int
cmd_org_show (Ctl *ctl, int argc, char **argv)
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

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (slug == NULL && argc == 2)
    slug = g_strdup (argv[1]);
  else if (argc > 1)
    return usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!(org = require_org (ctl, slug, usage, &error)))
    return fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      build_organization (ctl, b, org);
      root = json_builder_get_root (b);
      print_json (root);
      return EXIT_SUCCESS;
    }

  if (!od_repository_get_seat_usage (ctl->repository, od_organization_get_id (org),
                                     &members, &pending, &seats, &error) ||
      !(subscription = od_repository_get_subscription (ctl->repository, od_organization_get_id (org), &error)) ||
      !(teams = od_repository_list_teams (ctl->repository, od_organization_get_id (org), &error)))
    return fail (error);

  created = format_time (od_organization_get_created_at (org));
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

/* ---------------------------------------------------------------------------------------------
 * member
 */

static int
cmd_member_list (Ctl *ctl, int argc, char **argv)
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

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!(org = require_org (ctl, slug, usage, &error)) ||
      !(members = od_repository_list_members (ctl->repository, od_organization_get_id (org),
                                              search, &error)))
    return fail (error);

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
          add_int (b, "id", od_member_get_id (m));
          add_string (b, "email", od_member_get_email (m));
          add_string (b, "name", od_member_get_name (m));
          add_string (b, "role", od_role_to_string (od_member_get_role (m)));
          json_builder_set_member_name (b, "teams");
          json_builder_begin_array (b);
          if (*od_member_get_teams (m))
            {
              g_auto(GStrv) teams = g_strsplit (od_member_get_teams (m), ", ", -1);
              for (guint t = 0; teams[t]; t++)
                json_builder_add_string_value (b, teams[t]);
            }
          json_builder_end_array (b);
          add_time (b, "joined_at", od_member_get_joined_at (m));
          add_time (b, "last_active_at", od_member_get_last_active_at (m));
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
      print_json (root);
    }
  return EXIT_SUCCESS;
}

static int
cmd_member_set_role (Ctl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl member set-role --org=SLUG EMAIL ROLE";
  g_autofree char *slug = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdMember) target = NULL;
  GError *error = NULL;
  OdRole role;

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 3)
    return usage_error (usage, _("Give the member’s email and the new role."));
  role = od_role_from_string (argv[2]);
  if (role == OD_ROLE_NONE)
    return usage_error (usage, _("Unknown role “%s”. Use read, write, admin or owner."), argv[2]);

  if (!(org = require_org (ctl, slug, usage, &error)) ||
      !(actor = acting_member (ctl, org, &error)) ||
      !(target = od_repository_find_member (ctl->repository, od_organization_get_id (org), argv[1], &error)) ||
      !od_repository_set_member_role (ctl->repository, actor, od_member_get_id (target), role, &error))
    return fail (error);
  return EXIT_SUCCESS;
}

static int
cmd_member_remove (Ctl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl member remove --org=SLUG EMAIL";
  g_autofree char *slug = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdMember) target = NULL;
  GError *error = NULL;

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (usage, _("Give the email of the member to remove."));

  if (!(org = require_org (ctl, slug, usage, &error)) ||
      !(actor = acting_member (ctl, org, &error)) ||
      !(target = od_repository_find_member (ctl->repository, od_organization_get_id (org), argv[1], &error)) ||
      !od_repository_remove_member (ctl->repository, actor, od_member_get_id (target), &error))
    return fail (error);
  return EXIT_SUCCESS;
}

/* ---------------------------------------------------------------------------------------------
 * invite, invitation
 */

static int
cmd_invite (Ctl *ctl, int argc, char **argv)
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

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (emails == NULL)
    return usage_error (usage, _("Give at least one --email."));
  if (role_text != NULL && (role = od_role_from_string (role_text)) == OD_ROLE_NONE)
    return usage_error (usage, _("Unknown role “%s”. Use read, write, admin or owner."), role_text);

  if (!(org = require_org (ctl, slug, usage, &error)) ||
      !(actor = acting_member (ctl, org, &error)))
    return fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; emails[i]; i++)
    {
      g_autoptr(GError) row_error = NULL;
      g_autoptr(OdInvitation) invitation =
        od_repository_invite (ctl->repository, actor, emails[i], role, &row_error);

      json_builder_begin_object (b);
      add_string (b, "email", emails[i]);
      add_string (b, "role", od_role_to_string (role));
      add_string (b, "outcome", invitation ? "invited" : "rejected");
      add_string (b, "code", invitation ? od_invitation_get_code (invitation) : NULL);
      add_string (b, "reason", row_error ? row_error->message : NULL);
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
      print_json (root);
    }
  return rejected > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

static int
cmd_invitation_list (Ctl *ctl, int argc, char **argv)
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

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!(org = require_org (ctl, slug, usage, &error)) ||
      !(invitations = od_repository_list_invitations (ctl->repository, od_organization_get_id (org), &error)))
    return fail (error);

  n = g_list_model_get_n_items (invitations);
  json_builder_begin_array (b);
  if (!json)
    g_print ("%-40s  %-6s  %-8s  %-20s  %s\n", "EMAIL", "ROLE", "STATE", "EXPIRES", "CODE");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdInvitation) inv = g_list_model_get_item (invitations, i);
      g_autofree char *expires = format_time (od_invitation_get_expires_at (inv));
      const char *state = od_invitation_state_to_string (od_invitation_get_state (inv));

      if (!json)
        {
          g_print ("%-40s  %-6s  %-8s  %-20s  %s\n", od_invitation_get_email (inv),
                   od_role_to_string (od_invitation_get_role (inv)), state, expires,
                   od_invitation_get_code (inv));
          continue;
        }
      json_builder_begin_object (b);
      add_int (b, "id", od_invitation_get_id (inv));
      add_string (b, "email", od_invitation_get_email (inv));
      add_string (b, "role", od_role_to_string (od_invitation_get_role (inv)));
      add_string (b, "state", state);
      add_string (b, "invited_by", od_invitation_get_invited_by_name (inv));
      add_time (b, "created_at", od_invitation_get_created_at (inv));
      add_time (b, "expires_at", od_invitation_get_expires_at (inv));
      add_int (b, "times_sent", od_invitation_get_times_sent (inv));
      add_string (b, "code", od_invitation_get_code (inv));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      print_json (root);
    }
  return EXIT_SUCCESS;
}

static int
cmd_invitation_accept (Ctl *ctl, int argc, char **argv)
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

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (usage, _("Give the invite code."));
  if (name == NULL)
    return usage_error (usage, _("Give your name with --name."));

  if (!open_repository (ctl, &error) ||
      !(member = od_repository_accept_invitation (ctl->repository, argv[1], name, &error)) ||
      !(org = od_repository_get_organization (ctl->repository, od_member_get_organization_id (member), &error)))
    return fail (error);

  g_print (_("%s joined %s as %s.\n"), od_member_get_email (member), od_organization_get_name (org),
           od_role_get_label (od_member_get_role (member)));
  return EXIT_SUCCESS;
}

/* ---------------------------------------------------------------------------------------------
 * seats, team, update, journal
 */

static gboolean
parse_count (const char *text,
             guint      *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static int
cmd_seats_set (Ctl *ctl, int argc, char **argv)
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

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || !parse_count (argv[1], &seats))
    return usage_error (usage, _("Give the number of seats as a whole number."));

  if (!(org = require_org (ctl, slug, usage, &error)) ||
      !(actor = acting_member (ctl, org, &error)) ||
      !od_repository_set_seats (ctl->repository, actor, seats, &error))
    return fail (error);
  return EXIT_SUCCESS;
}

static OdTeam *
find_team (Ctl             *ctl,
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

static int
cmd_team_create (Ctl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl team create --org=SLUG --name=NAME [--description=TEXT]";
  g_autofree char *slug = NULL, *name = NULL, *description = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, NULL, NULL },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdTeam) team = NULL;
  GError *error = NULL;

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (name == NULL)
    return usage_error (usage, _("Give the team’s name with --name."));

  if (!(org = require_org (ctl, slug, usage, &error)) ||
      !(actor = acting_member (ctl, org, &error)) ||
      !(team = od_repository_create_team (ctl->repository, actor, name, description, &error)))
    return fail (error);
  return EXIT_SUCCESS;
}

static int
cmd_team_list (Ctl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl team list --org=SLUG [--json]";
  g_autofree char *slug = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!(org = require_org (ctl, slug, usage, &error)) ||
      !(teams = od_repository_list_teams (ctl->repository, od_organization_get_id (org), &error)))
    return fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (teams); i++)
    {
      g_autoptr(OdTeam) team = g_list_model_get_item (teams, i);

      if (!json)
        {
          g_print ("%-32s  %6u members  %s\n", od_team_get_name (team), od_team_get_n_members (team),
                   od_team_get_description (team));
          continue;
        }
      json_builder_begin_object (b);
      add_int (b, "id", od_team_get_id (team));
      add_string (b, "name", od_team_get_name (team));
      add_string (b, "description", od_team_get_description (team));
      add_int (b, "members", od_team_get_n_members (team));
      add_time (b, "created_at", od_team_get_created_at (team));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      print_json (root);
    }
  return EXIT_SUCCESS;
}

static int
cmd_update_post (Ctl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl update post --org=SLUG [--team=NAME] --title=T --content=C [--tags=a,b]";
  g_autofree char *slug = NULL, *team_name = NULL, *title = NULL, *content = NULL, *tags = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "team", 0, 0, G_OPTION_ARG_STRING, &team_name, NULL, NULL },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, NULL, NULL },
    { "content", 0, 0, G_OPTION_ARG_STRING, &content, NULL, NULL },
    { "tags", 0, 0, G_OPTION_ARG_STRING, &tags, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdTeam) team = NULL;
  g_autoptr(OdUpdate) update = NULL;
  GError *error = NULL;

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!(org = require_org (ctl, slug, usage, &error)) ||
      !(actor = acting_member (ctl, org, &error)) ||
      (team_name != NULL && !(team = find_team (ctl, org, team_name, &error))) ||
      !(update = od_repository_post_update (ctl->repository, actor, team ? od_team_get_id (team) : 0,
                                            title, content, tags, &error)))
    return fail (error);
  return EXIT_SUCCESS;
}

static int
cmd_update_list (Ctl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl update list --org=SLUG [--team=NAME] [--limit=N] [--json]";
  g_autofree char *slug = NULL, *team_name = NULL;
  gboolean json = FALSE;
  int limit = 0;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "team", 0, 0, G_OPTION_ARG_STRING, &team_name, NULL, NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdTeam) team = NULL;
  g_autoptr(GListModel) updates = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (limit < 0)
    return usage_error (usage, _("--limit must be a positive number."));

  if (!(org = require_org (ctl, slug, usage, &error)) ||
      (team_name != NULL && !(team = find_team (ctl, org, team_name, &error))) ||
      !(updates = od_repository_list_updates (ctl->repository, od_organization_get_id (org),
                                              team ? od_team_get_id (team) : -1, limit, &error)))
    return fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (updates); i++)
    {
      g_autoptr(OdUpdate) u = g_list_model_get_item (updates, i);
      g_autofree char *when = format_time (od_update_get_created_at (u));
      const char * const *tags = od_update_get_tags (u);

      if (!json)
        {
          g_print ("%s  %-20s  %s%s%s\n", when, od_update_get_author_name (u), od_update_get_title (u),
                   od_update_get_team_name (u) ? "  · " : "",
                   od_update_get_team_name (u) ? od_update_get_team_name (u) : "");
          continue;
        }
      json_builder_begin_object (b);
      add_int (b, "id", od_update_get_id (u));
      add_string (b, "title", od_update_get_title (u));
      add_string (b, "content", od_update_get_content (u));
      add_string (b, "author", od_update_get_author_name (u));
      add_string (b, "team", od_update_get_team_name (u));
      json_builder_set_member_name (b, "tags");
      json_builder_begin_array (b);
      for (guint t = 0; tags && tags[t]; t++)
        json_builder_add_string_value (b, tags[t]);
      json_builder_end_array (b);
      add_time (b, "created_at", od_update_get_created_at (u));
      add_time (b, "edited_at", od_update_get_edited_at (u));
      add_int (b, "comments", od_update_get_n_comments (u));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      print_json (root);
    }
  return EXIT_SUCCESS;
}

static int
cmd_journal_list (Ctl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl journal list --org=SLUG [--limit=N] [--json]";
  g_autofree char *slug = NULL;
  gboolean json = FALSE;
  int limit = 0;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(GListModel) entries_model = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (limit < 0)
    return usage_error (usage, _("--limit must be a positive number."));

  if (!(org = require_org (ctl, slug, usage, &error)) ||
      !(entries_model = od_repository_list_journal (ctl->repository, od_organization_get_id (org),
                                                    limit, &error)))
    return fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (entries_model); i++)
    {
      g_autoptr(OdJournalEntry) e = g_list_model_get_item (entries_model, i);
      g_autofree char *when = format_time (od_journal_entry_get_created_at (e));

      if (!json)
        {
          g_print ("%6" G_GINT64_FORMAT "  %s  %-20s  %-22s  %s\n", od_journal_entry_get_id (e), when,
                   od_journal_entry_get_actor_name (e), od_journal_entry_get_action (e),
                   od_journal_entry_get_target (e));
          continue;
        }
      json_builder_begin_object (b);
      add_int (b, "id", od_journal_entry_get_id (e));
      add_string (b, "actor", od_journal_entry_get_actor_name (e));
      add_string (b, "action", od_journal_entry_get_action (e));
      add_string (b, "target", od_journal_entry_get_target (e));
      add_string (b, "before", od_journal_entry_get_before_json (e));
      add_string (b, "after", od_journal_entry_get_after_json (e));
      add_time (b, "created_at", od_journal_entry_get_created_at (e));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      print_json (root);
    }
  return EXIT_SUCCESS;
}

static int
cmd_demo (Ctl *ctl, int argc, char **argv)
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

  if (!parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (members < 1 || members > 10000000 || teams < 0 || teams > 100000 || updates < 0 ||
      updates > 10000000 || seats < 0)
    return usage_error (usage, _("Counts must be positive (at least one member, at most 10,000,000)."));

  if (!open_repository (ctl, &error) ||
      !(org = od_repository_create_demo (ctl->repository, members, teams, updates, seats, &error)))
    return fail (error);

  g_print ("%s\n", od_organization_get_slug (org));
  return EXIT_SUCCESS;
}

/* ---------------------------------------------------------------------------------------------
 * main
 */

static const Command commands[] = {
  { "org", "create", cmd_org_create, "org create --name=NAME --owner-email=EMAIL [--owner-name=NAME] [--seats=N]" },
  { "org", "list", cmd_org_list, "org list [--json]" },
  { "org", "show", cmd_org_show, "org show --org=SLUG [--json]" },
  { "member", "list", cmd_member_list, "member list --org=SLUG [--search=TEXT] [--json]" },
  { "member", "set-role", cmd_member_set_role, "member set-role --org=SLUG EMAIL ROLE" },
  { "member", "remove", cmd_member_remove, "member remove --org=SLUG EMAIL" },
  { NULL, "invite", cmd_invite, "invite --org=SLUG --email=EMAIL… [--role=ROLE] [--json]" },
  { "invitation", "list", cmd_invitation_list, "invitation list --org=SLUG [--json]" },
  { "invitation", "accept", cmd_invitation_accept, "invitation accept CODE --name=NAME" },
  { "seats", "set", cmd_seats_set, "seats set --org=SLUG N" },
  { "team", "create", cmd_team_create, "team create --org=SLUG --name=NAME [--description=TEXT]" },
  { "team", "list", cmd_team_list, "team list --org=SLUG [--json]" },
  { "update", "post", cmd_update_post, "update post --org=SLUG [--team=NAME] --title=T --content=C [--tags=a,b]" },
  { "update", "list", cmd_update_list, "update list --org=SLUG [--team=NAME] [--limit=N] [--json]" },
  { "journal", "list", cmd_journal_list, "journal list --org=SLUG [--limit=N] [--json]" },
  { NULL, "demo", cmd_demo, "demo [--members=N] [--teams=N] [--updates=N] [--seats=N]" },
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n  orgdeskctl [--database=PATH] [--as=EMAIL] COMMAND …\n\n%s\n", _("Usage:"),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %s\n", commands[i].usage);
  fprintf (out, "\n%s\n", _("--as defaults to the organization’s first Owner. --json prints one JSON document."));
}

int
main (int argc, char **argv)
{
  Ctl ctl = { 0 };
  int first = 1;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command. */
  for (; first < argc && g_str_has_prefix (argv[first], "--"); first++)
    {
      const char *arg = argv[first];
      const char **target = NULL;
      const char *value = NULL;

      if (g_str_equal (arg, "--help"))
        {
          print_help (stdout);
          return EXIT_SUCCESS;
        }
      if (g_str_has_prefix (arg, "--database"))
        target = (const char **) &ctl.database;
      else if (g_str_has_prefix (arg, "--as"))
        target = (const char **) &ctl.as_email;
      else
        {
          g_printerr ("orgdeskctl: %s “%s”\n", _("Unknown option"), arg);
          print_help (stderr);
          return EXIT_USAGE;
        }

      value = strchr (arg, '=');
      if (value != NULL)
        value++;
      else if (first + 1 < argc)
        value = argv[++first];
      if (value == NULL || *value == '\0')
        {
          g_printerr ("orgdeskctl: %s needs a value\n", arg);
          return EXIT_USAGE;
        }
      g_free ((char *) *target);
      *target = g_strdup (value);
    }

  if (first >= argc)
    {
      print_help (stderr);
      return EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const Command *c = &commands[i];
      int n_words = c->group ? 2 : 1;

      if (c->group == NULL && g_str_equal (argv[first], c->name))
        ;
      else if (c->group != NULL && g_str_equal (argv[first], c->group) && first + 1 < argc &&
               g_str_equal (argv[first + 1], c->name))
        ;
      else
        continue;

      /* The command sees its own argv: its name, then its options and arguments. */
      {
        int sub_argc = argc - first - n_words + 1;
        g_autofree char **sub_argv = g_new0 (char *, sub_argc + 1);

        sub_argv[0] = (char *) c->usage;
        for (int k = 1; k < sub_argc; k++)
          sub_argv[k] = argv[first + n_words + k - 1];
        status = c->func (&ctl, sub_argc, sub_argv);
      }

      g_clear_object (&ctl.repository);
      g_free (ctl.database);
      g_free (ctl.as_email);
      return status;
    }

  g_printerr ("orgdeskctl: %s “%s%s%s”\n", _("Unknown command"), argv[first],
              first + 1 < argc ? " " : "", first + 1 < argc ? argv[first + 1] : "");
  print_help (stderr);
  return EXIT_USAGE;
}
