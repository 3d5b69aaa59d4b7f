/* od-journal-undo.c — the journal entries a bulk change wrote, and one Undo for all of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bulk change (remove members, change their roles, revoke invitations) writes one journal row
 * per item in its one transaction. The page notes the newest journal id before the change and
 * collects the rows written after it by the acting member with that action, all on the worker
 * thread in the same job; the toast's Undo then takes each of them back, newest first.
 */
#include "config.h"

#include "od-journal-entry.h"
#include "od-journal-undo.h"
#include "od-member.h"

#define SEARCH_PAGE 500

gint64
od_journal_get_newest_id (OdRepository *repository,
                          gint64        organization_id)
{
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(OdJournalEntry) entry = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (repository), 0);

  entries = od_repository_list_journal (repository, organization_id, 1, NULL);
  if (entries == NULL || g_list_model_get_n_items (entries) == 0)
    return 0;

  entry = g_list_model_get_item (entries, 0);
  return od_journal_entry_get_id (entry);
}

GArray *
od_journal_find_since (OdRepository *repository,
                       gint64        organization_id,
                       const char   *action,
                       gint64        actor_id,
                       gint64        since_id,
                       guint         limit)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 before_id = 0;

  g_return_val_if_fail (OD_IS_REPOSITORY (repository), ids);
  g_return_val_if_fail (action != NULL, ids);

  /* search_journal matches the action as a prefix, newest first: page until older than since_id */
  while (ids->len < limit)
    {
      g_autoptr(GListModel) entries = NULL;
      g_autoptr(GError) error = NULL;
      guint n;

      entries = od_repository_search_journal (repository, organization_id, NULL, action, actor_id,
                                              before_id, SEARCH_PAGE, &error);
      if (entries == NULL)
        {
          g_warning ("Could not read the journal: %s", error->message);
          break;
        }

      n = g_list_model_get_n_items (entries);
      for (guint i = 0; i < n && ids->len < limit; i++)
        {
          g_autoptr(OdJournalEntry) entry = g_list_model_get_item (entries, i);
          gint64 id = od_journal_entry_get_id (entry);

          if (id <= since_id)
            return ids;
          if (g_strcmp0 (od_journal_entry_get_action (entry), action) == 0)
            g_array_append_val (ids, id);
          before_id = id;
        }

      if (n < SEARCH_PAGE)
        break;
    }

  return ids;
}

typedef struct
{
  OdMember *actor;
  GArray   *journal_ids;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->actor);
  g_clear_pointer (&request->journal_ids, g_array_unref);
  g_free (request);
}

/* Each entry is its own transaction: undo what still can be, and report the first refusal */
static gpointer
undo_all_func (OdRepository  *repository,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Request *request = data;
  g_autoptr(GError) first_error = NULL;
  guint n_undone = 0;

  for (guint i = 0; i < request->journal_ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (od_repository_undo (repository, request->actor,
                              g_array_index (request->journal_ids, gint64, i), &local_error) != 0)
        n_undone++;
      else if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return NULL;
    }

  return GUINT_TO_POINTER (MAX (n_undone, 1));
}

OdUndo *
od_journal_undo_new (OdRepository *repository,
                     OdMember     *actor,
                     GArray       *journal_ids)
{
  Request *request;

  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (OD_IS_MEMBER (actor), NULL);
  g_return_val_if_fail (journal_ids != NULL, NULL);

  request = g_new0 (Request, 1);
  request->actor = g_object_ref (actor);
  request->journal_ids = g_array_ref (journal_ids);

  return od_undo_new (repository, undo_all_func, request, (GDestroyNotify)request_free);
}
