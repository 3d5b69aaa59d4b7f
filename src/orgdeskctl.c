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

#include "od-ctl.h"

static const OdCtlCommand commands[] = {
  { "org", "create", od_ctl_org_create, "org create --name=NAME --owner-email=EMAIL [--owner-name=NAME] [--seats=N]" },
  { "org", "list", od_ctl_org_list, "org list [--json]" },
  { "org", "show", od_ctl_org_show, "org show --org=SLUG [--json]" },
  { "member", "list", od_ctl_member_list, "member list --org=SLUG [--search=TEXT] [--json]" },
  { "member", "set-role", od_ctl_member_set_role, "member set-role --org=SLUG EMAIL… ROLE" },
  { "member", "remove", od_ctl_member_remove, "member remove --org=SLUG EMAIL…" },
  { NULL, "invite", od_ctl_invite, "invite --org=SLUG (--email=EMAIL… | --csv=FILE) [--role=ROLE] [--dry-run] [--json] [--rejected=FILE]" },
  { "invitation", "list", od_ctl_invitation_list, "invitation list --org=SLUG [--json]" },
  { "invitation", "accept", od_ctl_invitation_accept, "invitation accept CODE --name=NAME" },
  { "seats", "set", od_ctl_seats_set, "seats set --org=SLUG N" },
  { "team", "create", od_ctl_team_create, "team create --org=SLUG --name=NAME [--description=TEXT]" },
  { "team", "list", od_ctl_team_list, "team list --org=SLUG [--json]" },
  { "update", "post", od_ctl_update_post, "update post --org=SLUG [--team=NAME] --title=T --content=C [--tags=a,b]" },
  { "update", "list", od_ctl_update_list, "update list --org=SLUG [--team=NAME] [--limit=N] [--json]" },
  { "journal", "list", od_ctl_journal_list, "journal list --org=SLUG [--search=TEXT] [--kind=PREFIX] [--limit=N] [--json]" },
  /* Teams, updates, journal, undo (issue 4) */
  { "team", "delete", od_ctl_team_delete, "team delete --org=SLUG --name=NAME" },
  { "team", "add", od_ctl_team_add, "team add --org=SLUG --name=TEAM EMAIL" },
  { "team", "remove", od_ctl_team_remove, "team remove --org=SLUG --name=TEAM EMAIL" },
  { "team", "edit", od_ctl_team_edit, "team edit --org=SLUG --name=TEAM [--new-name=NAME] [--description=TEXT]" },
  { "team", "members", od_ctl_team_members, "team members --org=SLUG --name=TEAM [--json]" },
  { "update", "delete", od_ctl_update_delete, "update delete --org=SLUG UPDATE_ID" },
  { "journal", "export", od_ctl_journal_export, "journal export --org=SLUG [--format=csv|json] [--output=FILE]" },
  { NULL, "undo", od_ctl_undo, "undo --org=SLUG JOURNAL_ID" },
  /* Members, invitations, seats (issue 3) */
  { "member", "export", od_ctl_member_export, "member export --org=SLUG [--format=csv|json] [--search=TEXT] [--output=FILE]" },
  { "invitation", "resend", od_ctl_invitation_resend, "invitation resend --org=SLUG (EMAIL|ID)" },
  { "invitation", "revoke", od_ctl_invitation_revoke, "invitation revoke --org=SLUG (EMAIL|ID)…" },
  /* Settings, credentials, policy (issue 6) */
  { "settings", "get", od_ctl_settings_get, "settings get --org=SLUG [KEY|PREFIX] [--json]" },
  { "settings", "set", od_ctl_settings_set, "settings set --org=SLUG KEY VALUE   (settings keys lists the keys)" },
  { "settings", "keys", od_ctl_settings_keys, "settings keys" },
  { "website", "add", od_ctl_website_add, "website add --org=SLUG DOMAIN_OR_URL…" },
  { "website", "remove", od_ctl_website_remove, "website remove --org=SLUG DOMAIN_OR_URL…" },
  { "website", "list", od_ctl_website_list, "website list --org=SLUG [--json]" },
  { "website", "import", od_ctl_website_import, "website import --org=SLUG FILE [--dry-run] [--json]" },
  { "credential", "set", od_ctl_credential_set, "credential set --org=SLUG --provider=PROVIDER --name=NAME [--field=KEY=VALUE…] [--service-account-file=PATH]   # key on standard input" },
  { "credential", "list", od_ctl_credential_list, "credential list --org=SLUG [--json]" },
  { "credential", "delete", od_ctl_credential_delete, "credential delete --org=SLUG (--name=NAME | ID)" },
  { "policy", "export", od_ctl_policy_export, "policy export --org=SLUG [--output=FILE]" },
  { "policy", "import", od_ctl_policy_import, "policy import --org=SLUG FILE [--dry-run]" },
  { "policy", "diff", od_ctl_policy_diff, "policy diff --org=SLUG [--json]" },
  { "policy", "publish", od_ctl_policy_publish, "policy publish --org=SLUG --folder=DIR [--json]" },
  { "policy", "history", od_ctl_policy_history, "policy history --org=SLUG [--json]" },
  { "policy", "restore", od_ctl_policy_restore, "policy restore --org=SLUG REVISION" },
  /* Billing (issue 5) */
  { "billing", "show", od_ctl_billing_show, "billing show --org=SLUG [--json]" },
  { "billing", "history", od_ctl_billing_history, "billing history --org=SLUG [--json]" },
  { "billing", "export", od_ctl_billing_export, "billing export --org=SLUG [--output=FILE]" },
  { "billing", "set-term", od_ctl_billing_set_term, "billing set-term --org=SLUG (monthly|quarterly|yearly)" },
  { "billing", "quote-seats", od_ctl_billing_quote_seats, "billing quote-seats --org=SLUG N [--json]" },
  { "billing", "discount", od_ctl_billing_discount, "billing discount --org=SLUG (CODE|--remove)" },
  { "billing", "cancel", od_ctl_billing_cancel, "billing cancel --org=SLUG" },
  { "billing", "resume", od_ctl_billing_resume, "billing resume --org=SLUG" },
  { "billing", "contact", od_ctl_billing_contact, "billing contact (set|show) --org=SLUG [--name=NAME] [--email=EMAIL] [--phone=PHONE] [--country=CODE] [--street=TEXT] [--city=TEXT] [--region=TEXT] [--postal-code=CODE] [--json]" },
  { NULL, "demo", od_ctl_demo, "demo [--members=N] [--teams=N] [--updates=N] [--seats=N]" },
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
  OdCtl ctl = { 0 };
  g_autofree char *database = NULL;
  g_autofree char *as_email = NULL;
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
        target = (const char **) &database;
      else if (g_str_has_prefix (arg, "--as"))
        target = (const char **) &as_email;
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

  ctl.database = database;
  ctl.as_email = as_email;

  if (first >= argc)
    {
      print_help (stderr);
      return EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const OdCtlCommand *c = &commands[i];
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
      return status;
    }

  g_printerr ("orgdeskctl: %s “%s%s%s”\n", _("Unknown command"), argv[first],
              first + 1 < argc ? " " : "", first + 1 < argc ? argv[first + 1] : "");
  print_help (stderr);
  return EXIT_USAGE;
}
