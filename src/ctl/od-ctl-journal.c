/* od-ctl-journal.c — orgdeskctl: journal list
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
od_ctl_journal_list (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl journal list --org=SLUG [--search=TEXT] [--kind=PREFIX] [--limit=N] [--json]";
  g_autofree char *slug = NULL, *search = NULL, *kind = NULL;
  gboolean json = FALSE;
  int limit = 0;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, NULL, NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, NULL, NULL },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(GListModel) entries_model = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (limit < 0)
    return od_ctl_usage_error (usage, _("--limit must be a positive number."));

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(entries_model = od_repository_search_journal (ctl->repository, od_organization_get_id (org),
                                                      search, kind, 0, 0, limit, &error)))
    return od_ctl_fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (entries_model); i++)
    {
      g_autoptr(OdJournalEntry) e = g_list_model_get_item (entries_model, i);
      g_autofree char *when = od_ctl_format_time (od_journal_entry_get_created_at (e));

      if (!json)
        {
          g_print ("%6" G_GINT64_FORMAT "  %s  %-20s  %-22s  %s\n", od_journal_entry_get_id (e), when,
                   od_journal_entry_get_actor_name (e), od_journal_entry_get_action (e),
                   od_journal_entry_get_target (e));
          continue;
        }
      json_builder_begin_object (b);
      od_ctl_add_int (b, "id", od_journal_entry_get_id (e));
      od_ctl_add_string (b, "actor", od_journal_entry_get_actor_name (e));
      od_ctl_add_string (b, "action", od_journal_entry_get_action (e));
      od_ctl_add_string (b, "target", od_journal_entry_get_target (e));
      od_ctl_add_string (b, "before", od_journal_entry_get_before_json (e));
      od_ctl_add_string (b, "after", od_journal_entry_get_after_json (e));
      od_ctl_add_time (b, "created_at", od_journal_entry_get_created_at (e));
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
od_ctl_journal_export (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl journal export --org=SLUG [--format=csv|json] [--output=FILE]";
  g_autofree char *slug = NULL, *format = NULL, *output = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_auto(OdCtlOutput) out = { 0 };
  GError *error = NULL;
  gboolean as_json;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    return od_ctl_usage_error (usage, _("--format must be csv or json."));
  as_json = format != NULL && g_str_equal (format, "json");

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)))
    return od_ctl_fail (error);

  /* A file is written beside its final name and renamed at the end: never half a file. */
  if (!od_ctl_output_open (&out, output, &error) ||
      !od_repository_export_journal (ctl->repository, od_organization_get_id (org), as_json, out.stream,
                                     NULL, &error) ||
      !od_ctl_output_commit (&out, &error))
    return od_ctl_fail (error);
  return EXIT_SUCCESS;
}

int
od_ctl_undo (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl undo --org=SLUG JOURNAL_ID";
  g_autofree char *slug = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  GError *error = NULL;
  gint64 undo_id;
  guint id;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || !od_ctl_parse_count (argv[1], &id))
    return od_ctl_usage_error (usage, _("Give the id of the journal entry to undo (from `journal list`)."));

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(actor = od_ctl_acting_member (ctl, org, &error)) ||
      !(undo_id = od_repository_undo (ctl->repository, actor, id, &error)))
    return od_ctl_fail (error);

  g_print (_("Undone (journal entry %lld).\n"), (long long) undo_id);
  return EXIT_SUCCESS;
}
