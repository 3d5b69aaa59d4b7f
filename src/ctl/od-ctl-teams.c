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
