/* od-repository-journal.c — the repository's reading the journal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "OdRepository"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "od-email.h"
#include "od-error.h"
#include "od-invitation.h"
#include "od-journal-entry.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-repository-private.h"
#include "od-subscription.h"
#include "od-team.h"
#include "od-update.h"

/* ---------------------------------------------------------------------------------------------
 * Journal
 */

static OdJournalEntry *
journal_entry_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (OD_TYPE_JOURNAL_ENTRY,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "organization-id", sqlite3_column_int64 (stmt, 1),
                       "actor-id", sqlite3_column_int64 (stmt, 2),
                       "actor-name", _od_column_text (stmt, 3),
                       "action", _od_column_text (stmt, 4),
                       "target", _od_column_text (stmt, 5),
                       "before-json", _od_column_text_or_null (stmt, 6),
                       "after-json", _od_column_text_or_null (stmt, 7),
                       "created-at", sqlite3_column_int64 (stmt, 8),
                       NULL);
}

GListModel *
od_repository_list_journal (OdRepository  *self,
                            gint64         organization_id,
                            guint          limit,
                            GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _od_prepare (self, "SELECT id, organization_id, actor_id, actor_name, action, target, before_json,"
                        " after_json, created_at FROM journal WHERE organization_id = ?"
                        " ORDER BY id DESC LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : G_MAXINT64);

  return _od_collect_rows (self, stmt, OD_TYPE_JOURNAL_ENTRY, (RowFunc) journal_entry_from_row, error);
}

guint
od_repository_count_journal (OdRepository  *self,
                             gint64         organization_id,
                             GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  gint64 n = 0;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  _od_query_int64 (self, "SELECT count(*) FROM journal WHERE organization_id = ?", organization_id, 0,
               &n, error);
  return (guint) n;
}
