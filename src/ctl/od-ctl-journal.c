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

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (limit < 0)
    return od_ctl_usage_error (usage, _("--limit must be a positive number."));

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(entries_model = od_repository_list_journal (ctl->repository, od_organization_get_id (org),
                                                    limit, &error)))
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
