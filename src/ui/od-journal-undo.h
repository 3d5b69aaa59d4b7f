/* od-journal-undo.h — the journal entries a bulk change wrote, and one Undo for all of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-repository.h"
#include "od-undo.h"

G_BEGIN_DECLS

/* On the worker: the id of the organization's newest journal entry (0 when none), to call right
 * before a change. */
gint64   od_journal_get_newest_id  (OdRepository *repository,
                                    gint64        organization_id);
/* On the worker, right after the change: the ids (gint64, newest first) of at most limit entries
 * with exactly this action by this member, newer than since_id. */
GArray  *od_journal_find_since     (OdRepository *repository,
                                    gint64        organization_id,
                                    const char   *action,
                                    gint64        actor_id,
                                    gint64        since_id,
                                    guint         limit);
/* Takes back every entry of journal_ids (newest first) with od_repository_undo() as actor. */
OdUndo  *od_journal_undo_new       (OdRepository *repository,
                                    OdMember     *actor,
                                    GArray       *journal_ids);

G_END_DECLS
