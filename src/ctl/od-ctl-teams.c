/* od-ctl-teams.c — orgdeskctl: team create, list; update post, list
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
od_ctl_team_create (OdCtl *ctl, int argc, char **argv)
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

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (name == NULL)
    return od_ctl_usage_error (usage, _("Give the team’s name with --name."));

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(actor = od_ctl_acting_member (ctl, org, &error)) ||
      !(team = od_repository_create_team (ctl->repository, actor, name, description, &error)))
    return od_ctl_fail (error);
  return EXIT_SUCCESS;
}

int
od_ctl_team_list (OdCtl *ctl, int argc, char **argv)
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

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(teams = od_repository_list_teams (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);

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
      od_ctl_add_int (b, "id", od_team_get_id (team));
      od_ctl_add_string (b, "name", od_team_get_name (team));
      od_ctl_add_string (b, "description", od_team_get_description (team));
      od_ctl_add_int (b, "members", od_team_get_n_members (team));
      od_ctl_add_time (b, "created_at", od_team_get_created_at (team));
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
od_ctl_update_post (OdCtl *ctl, int argc, char **argv)
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

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(actor = od_ctl_acting_member (ctl, org, &error)) ||
      (team_name != NULL && !(team = od_ctl_find_team (ctl, org, team_name, &error))) ||
      !(update = od_repository_post_update (ctl->repository, actor, team ? od_team_get_id (team) : 0,
                                            title, content, tags, &error)))
    return od_ctl_fail (error);
  return EXIT_SUCCESS;
}

int
od_ctl_update_list (OdCtl *ctl, int argc, char **argv)
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

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (limit < 0)
    return od_ctl_usage_error (usage, _("--limit must be a positive number."));

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      (team_name != NULL && !(team = od_ctl_find_team (ctl, org, team_name, &error))) ||
      !(updates = od_repository_list_updates (ctl->repository, od_organization_get_id (org),
                                              team ? od_team_get_id (team) : -1, limit, &error)))
    return od_ctl_fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (updates); i++)
    {
      g_autoptr(OdUpdate) u = g_list_model_get_item (updates, i);
      g_autofree char *when = od_ctl_format_time (od_update_get_created_at (u));
      const char * const *tags = od_update_get_tags (u);

      if (!json)
        {
          g_print ("%s  %-20s  %s%s%s\n", when, od_update_get_author_name (u), od_update_get_title (u),
                   od_update_get_team_name (u) ? "  · " : "",
                   od_update_get_team_name (u) ? od_update_get_team_name (u) : "");
          continue;
        }
      json_builder_begin_object (b);
      od_ctl_add_int (b, "id", od_update_get_id (u));
      od_ctl_add_string (b, "title", od_update_get_title (u));
      od_ctl_add_string (b, "content", od_update_get_content (u));
      od_ctl_add_string (b, "author", od_update_get_author_name (u));
      od_ctl_add_string (b, "team", od_update_get_team_name (u));
      json_builder_set_member_name (b, "tags");
      json_builder_begin_array (b);
      for (guint t = 0; tags && tags[t]; t++)
        json_builder_add_string_value (b, tags[t]);
      json_builder_end_array (b);
      od_ctl_add_time (b, "created_at", od_update_get_created_at (u));
      od_ctl_add_time (b, "edited_at", od_update_get_edited_at (u));
      od_ctl_add_int (b, "comments", od_update_get_n_comments (u));
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

static OdMember *
find_member (OdCtl           *ctl,
             OdOrganization  *org,
             const char      *email,
             GError         **error)
{
  return od_repository_find_member (ctl->repository, od_organization_get_id (org), email, error);
}

/* team delete|add|remove|rename share: --org, the team name, maybe a member email */
static int
team_change (OdCtl       *ctl,
             int          argc,
             char       **argv,
             const char  *usage,
             guint        n_args)
{
  g_autofree char *slug = NULL, *name = NULL, *new_name = NULL, *description = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, NULL, NULL },
    { "new-name", 0, 0, G_OPTION_ARG_STRING, &new_name, NULL, NULL },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdTeam) team = NULL;
  g_autoptr(OdMember) member = NULL;
  GError *error = NULL;
  gboolean ok;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if ((guint) argc != n_args + 1)
    return od_ctl_usage_error (usage, n_args ? _("Give the member’s email.") : _("Unexpected argument “%s”."),
                               argc > 1 ? argv[1] : "");
  if (name == NULL)
    return od_ctl_usage_error (usage, _("Name the team with --name."));

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(actor = od_ctl_acting_member (ctl, org, &error)) ||
      !(team = od_ctl_find_team (ctl, org, name, &error)) ||
      (n_args == 1 && !(member = find_member (ctl, org, argv[1], &error))))
    return od_ctl_fail (error);

  if (g_str_has_prefix (usage, "orgdeskctl team delete"))
    ok = od_repository_delete_team (ctl->repository, actor, od_team_get_id (team), &error);
  else if (g_str_has_prefix (usage, "orgdeskctl team add"))
    ok = od_repository_add_team_member (ctl->repository, actor, od_team_get_id (team), od_member_get_id (member), &error);
  else if (g_str_has_prefix (usage, "orgdeskctl team remove"))
    ok = od_repository_remove_team_member (ctl->repository, actor, od_team_get_id (team), od_member_get_id (member), &error);
  else
    ok = od_repository_update_team (ctl->repository, actor, od_team_get_id (team),
                                    new_name ? new_name : od_team_get_name (team), description, &error);
  return ok ? EXIT_SUCCESS : od_ctl_fail (error);
}

int
od_ctl_team_delete (OdCtl *ctl, int argc, char **argv)
{
  return team_change (ctl, argc, argv, "orgdeskctl team delete --org=SLUG --name=NAME", 0);
}

int
od_ctl_team_add (OdCtl *ctl, int argc, char **argv)
{
  return team_change (ctl, argc, argv, "orgdeskctl team add --org=SLUG --name=TEAM EMAIL", 1);
}

int
od_ctl_team_remove (OdCtl *ctl, int argc, char **argv)
{
  return team_change (ctl, argc, argv, "orgdeskctl team remove --org=SLUG --name=TEAM EMAIL", 1);
}

int
od_ctl_team_edit (OdCtl *ctl, int argc, char **argv)
{
  return team_change (ctl, argc, argv,
                      "orgdeskctl team edit --org=SLUG --name=TEAM [--new-name=NAME] [--description=TEXT]", 0);
}

int
od_ctl_team_members (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl team members --org=SLUG --name=TEAM [--json]";
  g_autofree char *slug = NULL, *name = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdTeam) team = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (name == NULL)
    return od_ctl_usage_error (usage, _("Name the team with --name."));

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(team = od_ctl_find_team (ctl, org, name, &error)) ||
      !(members = od_repository_list_team_members (ctl->repository, od_team_get_id (team), &error)))
    return od_ctl_fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(OdMember) m = g_list_model_get_item (members, i);

      if (!json)
        {
          g_print ("%s <%s>  %s\n", od_member_get_name (m), od_member_get_email (m),
                   od_role_to_string (od_member_get_role (m)));
          continue;
        }
      json_builder_begin_object (b);
      od_ctl_add_string (b, "email", od_member_get_email (m));
      od_ctl_add_string (b, "name", od_member_get_name (m));
      od_ctl_add_string (b, "role", od_role_to_string (od_member_get_role (m)));
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
od_ctl_update_delete (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl update delete --org=SLUG UPDATE_ID";
  g_autofree char *slug = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  GError *error = NULL;
  guint id;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || !od_ctl_parse_count (argv[1], &id))
    return od_ctl_usage_error (usage, _("Give the update’s id (from `update list --json`)."));

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(actor = od_ctl_acting_member (ctl, org, &error)) ||
      !od_repository_delete_update (ctl->repository, actor, id, &error))
    return od_ctl_fail (error);
  return EXIT_SUCCESS;
}
