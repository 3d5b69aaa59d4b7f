/* od-journal-entry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-types.h"
#include "od-role.h"

G_BEGIN_DECLS

#define OD_TYPE_JOURNAL_ENTRY (od_journal_entry_get_type ())
G_DECLARE_FINAL_TYPE (OdJournalEntry, od_journal_entry, OD, JOURNAL_ENTRY, GObject)

/* Properties: "id" gint64, "organization-id" gint64 (0 = not tied to one), "actor-id" gint64,
 *   "actor-name" string, "action" string (e.g. "member.role", "organization.create"),
 *   "target" string (what it was done to, in words), "before-json" string (NULL when nothing
 *   was there), "after-json" string (NULL when nothing is left), "created-at" gint64
 */
gint64       od_journal_entry_get_id              (OdJournalEntry *self);
gint64       od_journal_entry_get_organization_id (OdJournalEntry *self);
gint64       od_journal_entry_get_actor_id        (OdJournalEntry *self);
const char  *od_journal_entry_get_actor_name      (OdJournalEntry *self);
const char  *od_journal_entry_get_action          (OdJournalEntry *self);
const char  *od_journal_entry_get_target          (OdJournalEntry *self);
const char  *od_journal_entry_get_before_json     (OdJournalEntry *self);
const char  *od_journal_entry_get_after_json      (OdJournalEntry *self);
gint64       od_journal_entry_get_created_at      (OdJournalEntry *self);

/* The entry in words, e.g. "Ana Silva changed Bo Li’s role from Write to Admin". */
char        *od_journal_entry_describe            (OdJournalEntry *self);

G_END_DECLS
