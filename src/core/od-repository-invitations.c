/* od-repository-invitations.c — the repository's invitations: review and send (one or many),
 * resend, revoke (one or many), accept
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
#include "od-invite-batch-private.h"
#include "od-journal-entry.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-query-list.h"
#include "od-repository-private.h"
#include "od-subscription.h"
#include "od-team.h"
#include "od-update.h"

/* ---------------------------------------------------------------------------------------------
 * Invitations
 */

#define CODE_ALPHABET "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
#define CODE_GROUPS 4
#define CODE_GROUP_LENGTH 5

#define CODE_BYTES (CODE_GROUPS * CODE_GROUP_LENGTH)
#define RANDOM_POOL_SIZE (CODE_BYTES * 200)

static void
random_fill (guint8 *bytes,
             gsize   length)
{
  gsize got = 0;

  while (got < length)
    {
      ssize_t n = getrandom (bytes + got, length - got, 0);
      if (n < 0 && errno != EINTR)
        g_error ("The kernel gave no random bytes: %s", g_strerror (errno));
      if (n > 0)
        got += n;
    }
}

/* 100 random bits as four groups of five unambiguous characters. */
static char *
code_from_bytes (const guint8 *bytes)
{
  char code[CODE_BYTES + CODE_GROUPS];
  guint n = 0;

  for (guint i = 0; i < CODE_BYTES; i++)
    {
      if (i > 0 && i % CODE_GROUP_LENGTH == 0)
        code[n++] = '-';
      code[n++] = CODE_ALPHABET[bytes[i] & 31];
    }
  code[n] = '\0';
  return g_strdup (code);
}

char *
_od_new_invite_code (void)
{
  guint8 bytes[CODE_BYTES];

  random_fill (bytes, sizeof bytes);
  return code_from_bytes (bytes);
}

/* Random bytes for many codes, asked of the kernel a few thousand at a time rather than in one
 * system call per code. Cleared after use. */
typedef struct
{
  guint8 bytes[RANDOM_POOL_SIZE];
  gsize  used;
} RandomPool;

static char *
random_pool_new_code (RandomPool *pool)
{
  char *code;

  if (pool->used == 0 || pool->used + CODE_BYTES > sizeof pool->bytes)
    {
      random_fill (pool->bytes, sizeof pool->bytes);
      pool->used = 0;
    }
  code = code_from_bytes (pool->bytes + pool->used);
  pool->used += CODE_BYTES;
  return code;
}

static void
random_pool_clear (RandomPool *pool)
{
  explicit_bzero (pool->bytes, sizeof pool->bytes);
  pool->used = 0;
}

/* Accepts codes typed with any case, spaces or dashes. */
static char *
normalize_invite_code (const char *text)
{
  GString *code = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isalnum (*p))
        continue;
      if (n > 0 && n % CODE_GROUP_LENGTH == 0)
        g_string_append_c (code, '-');
      g_string_append_c (code, g_ascii_toupper (*p));
      n++;
    }
  return g_string_free (code, FALSE);
}

OdInvitation *
_od_load_invitation (OdRepository  *self,
                 gint64         invitation_id,
                 GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, "SELECT " INVITATION_COLUMNS " FROM invitations i WHERE i.id = ?",
                                error);
  gboolean has_row;
  OdInvitation *invitation = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, invitation_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    invitation = _od_invitation_from_row (stmt);
  else
    _od_not_found (error, _("That invitation no longer exists."));
  sqlite3_reset (stmt);
  return invitation;
}

/* ---------------------------------------------------------------------------------------------
 * Reviewing and sending invitations, one or many
 */

#define PROGRESS_INTERVAL 100
#define BULK_MIN_ROWS 1000
#define BULK_CACHE_SIZE -65536 /* KiB */
#define CANCEL_CHECK_INTERVAL 4096
#define JOURNAL_MAX_EMAILS 100
#define LIFETIME_SECONDS ((gint64) OD_INVITATION_LIFETIME_DAYS * 24 * 3600)

/* Scans the key column of stmt (already bound) and marks the batch's rows it names. */
static gboolean
mark_keys (OdRepository   *self,
           sqlite3_stmt   *stmt,
           GHashTable     *keys,
           OdInviteBatch  *batch,
           gboolean        member,
           GCancellable   *cancellable,
           GError        **error)
{
  guint n = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer first = g_hash_table_lookup (keys, sqlite3_column_text (stmt, 0));

      if (first != NULL)
        {
          OdInviteRow *row = _od_invite_batch_get_row (batch, GPOINTER_TO_UINT (first) - 1);

          if (member)
            row->is_member = TRUE;
          else
            row->is_invited = TRUE;
        }
      if (++n % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _od_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* Looks up one key with an indexed query; TRUE when it has a row. */
static gboolean
key_exists (OdRepository  *self,
            const char    *sql,
            gint64         organization_id,
            const char    *key,
            gint64         now,
            gboolean      *exists,
            GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, now);
  if (!_od_step_row (self, stmt, exists, error))
    return FALSE;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

#define MEMBER_KEYS_SQL "SELECT email_key FROM members WHERE organization_id = ?"
#define MEMBER_KEY_SQL "SELECT 1 FROM members WHERE organization_id = ? AND email_key = ?"
#define PENDING_KEYS_SQL \
  "SELECT email_key FROM invitations WHERE organization_id = ? AND state = 1 AND expires_at > ?"
#define PENDING_KEY_SQL \
  "SELECT 1 FROM invitations WHERE organization_id = ? AND email_key = ? AND state = 1 AND expires_at > ?"

/* Marks the rows whose address is already a member or has a pending invitation. The keys of
 * the organization are read once, each checked against the batch's hash table; only when the
 * batch has far fewer addresses than the organization has keys (inviting one person into a
 * large organization) is each address looked up in the index instead, which is then cheaper. */
static gboolean
mark_existing (OdRepository   *self,
               gint64          organization_id,
               OdInviteBatch  *batch,
               guint           n_existing,
               GCancellable   *cancellable,
               GError        **error)
{
  GHashTable *keys = _od_invite_batch_get_keys (batch);
  gint64 now = _od_now_seconds ();
  sqlite3_stmt *stmt;

  _od_invite_batch_clear_marks (batch);
  if (g_hash_table_size (keys) == 0)
    return TRUE;

  if ((guint64) g_hash_table_size (keys) * 8 < n_existing)
    {
      GHashTableIter iter;
      gpointer key, first;

      g_hash_table_iter_init (&iter, keys);
      while (g_hash_table_iter_next (&iter, &key, &first))
        {
          OdInviteRow *row = _od_invite_batch_get_row (batch, GPOINTER_TO_UINT (first) - 1);

          if (!key_exists (self, MEMBER_KEY_SQL, organization_id, key, now, &row->is_member, error) ||
              !key_exists (self, PENDING_KEY_SQL, organization_id, key, now, &row->is_invited, error))
            return FALSE;
        }
      return TRUE;
    }

  if (!(stmt = _od_prepare (self, MEMBER_KEYS_SQL, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (!mark_keys (self, stmt, keys, batch, TRUE, cancellable, error))
    return FALSE;

  if (!(stmt = _od_prepare (self, PENDING_KEYS_SQL, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  sqlite3_bind_int64 (stmt, 2, now);
  return mark_keys (self, stmt, keys, batch, FALSE, cancellable, error);
}

/* Gives every row its outcome against the database as it is now. Expects the lock held. */
static gboolean
review_locked (OdRepository   *self,
               const Actor    *who,
               OdInviteBatch  *batch,
               OdRole          default_role,
               GCancellable   *cancellable,
               GError        **error)
{
  guint n_members = 0, n_pending = 0, n_seats = 0;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  _od_invite_batch_prepare (batch);
  if (!_od_seat_usage (self, who->organization_id, &n_members, &n_pending, &n_seats, error))
    return FALSE;

  /* Nobody below Admin may invite: every row says so, and the data need not be read. */
  if (od_role_can (who->role, OD_ACTION_INVITE))
    {
      if (!mark_existing (self, who->organization_id, batch, n_members + n_pending, cancellable, error))
        return FALSE;
    }
  else
    _od_invite_batch_clear_marks (batch);

  _od_invite_batch_decide (batch, who->role, default_role, n_seats, n_members, n_pending);
  return TRUE;
}

/* Rows are inserted INSERT_CHUNK to a statement (a multi-row VALUES), which costs SQLite one
 * pass through its cursors per chunk instead of per row. Parameters: ?1 organization, ?2 inviter,
 * ?3 inviter's name, ?4 created, ?5 expires; then email, key, role and code of each row. OR FAIL:
 * a failure fails the whole transaction, so a half-done chunk is rolled back with the rest. */
#define INSERT_CHUNK PROGRESS_INTERVAL
#define SHARED_PARAMETERS 5
#define ROW_PARAMETERS 4

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp ((*(OdInviteRow * const *) a)->key, (*(OdInviteRow * const *) b)->key);
}

static sqlite3_stmt *
prepare_insert (OdRepository  *self,
                guint          n_rows,
                GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT OR FAIL INTO invitations (organization_id, email, email_key, role,"
                                         " invited_by, invited_by_name, created_at, expires_at, times_sent,"
                                         " state, code) VALUES ");
  sqlite3_stmt *stmt = NULL;
  int rc;

  for (guint r = 0; r < n_rows; r++)
    {
      guint p = SHARED_PARAMETERS + r * ROW_PARAMETERS;

      g_string_append_printf (sql, "%s(?1, ?%u, ?%u, ?%u, ?2, ?3, ?4, ?5, 1, 1, ?%u)",
                              r > 0 ? ", " : "", p + 1, p + 2, p + 3, p + 4);
    }
  rc = sqlite3_prepare_v3 (self->db, sql->str, sql->len, 0, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _od_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return stmt;
}

/* Inserts the rows that will be invited; the caller is in a transaction. Reports progress and
 * checks the cancellable after every chunk. */
static gboolean
insert_invitations (OdRepository          *self,
                    const Actor           *who,
                    OdInviteBatch         *batch,
                    GCancellable          *cancellable,
                    OdInviteProgressFunc   progress,
                    gpointer               user_data,
                    GError               **error)
{
  guint total = od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_WILL_INVITE);
  guint n_rows = od_invite_batch_get_n_rows (batch);
  g_autoptr(GPtrArray) rows = g_ptr_array_sized_new (total);
  gint64 now = _od_now_seconds ();
  RandomPool pool = { .used = 0 };
  sqlite3_stmt *full = NULL;
  sqlite3_stmt *tail = NULL;
  gboolean ok = FALSE;

  for (guint i = 0; i < n_rows; i++)
    if (_od_invite_batch_get_row (batch, i)->outcome == OD_INVITE_OUTCOME_WILL_INVITE)
      g_ptr_array_add (rows, _od_invite_batch_get_row (batch, i));
  /* In address order, the (organization, address) index is filled from one end to the other
   * instead of at random places; the codes stay random. */
  g_ptr_array_sort (rows, compare_keys);

  if (progress != NULL)
    progress (0, total, user_data);

  for (guint done = 0; done < total; )
    {
      guint n = MIN (INSERT_CHUNK, total - done);
      sqlite3_stmt **slot = n == INSERT_CHUNK ? &full : &tail;

      if (*slot == NULL && !(*slot = prepare_insert (self, n, error)))
        goto out;

      sqlite3_bind_int64 (*slot, 1, who->organization_id);
      sqlite3_bind_int64 (*slot, 2, who->id);
      sqlite3_bind_text (*slot, 3, who->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (*slot, 4, now);
      sqlite3_bind_int64 (*slot, 5, now + LIFETIME_SECONDS);
      for (guint k = 0; k < n; k++)
        {
          OdInviteRow *row = rows->pdata[done + k];
          int p = SHARED_PARAMETERS + k * ROW_PARAMETERS;

          g_free (row->code);
          row->code = random_pool_new_code (&pool);
          sqlite3_bind_text (*slot, p + 1, row->trimmed, -1, SQLITE_STATIC);
          sqlite3_bind_text (*slot, p + 2, row->key, -1, SQLITE_STATIC);
          sqlite3_bind_int (*slot, p + 3, row->role);
          sqlite3_bind_text (*slot, p + 4, row->code, -1, SQLITE_STATIC);
        }
      if (!_od_step_done (self, *slot, error))
        goto out;

      done += n;
      if (progress != NULL)
        progress (done, total, user_data);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (full);
  sqlite3_finalize (tail);
  random_pool_clear (&pool);
  return ok;
}

/* One journal row for the whole batch: the count and the first JOURNAL_MAX_EMAILS rows. */
static gboolean
journal_batch (OdRepository   *self,
               const Actor    *who,
               OdInviteBatch  *batch,
               GError        **error)
{
  guint total = od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_WILL_INVITE);
  guint n_rows = od_invite_batch_get_n_rows (batch);
  g_autofree char *target = NULL;
  g_autofree char *after_json = NULL;
  JsonBuilder *b = _od_json_begin ();
  guint listed = 0;

  _od_json_add_int (b, "count", total);
  json_builder_set_member_name (b, "invitations");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_rows && listed < JOURNAL_MAX_EMAILS; i++)
    {
      OdInviteRow *row = _od_invite_batch_get_row (batch, i);

      if (row->outcome != OD_INVITE_OUTCOME_WILL_INVITE)
        continue;
      json_builder_begin_object (b);
      _od_json_add_string (b, "email", row->trimmed);
      _od_json_add_string (b, "role", od_role_to_string (row->role));
      json_builder_end_object (b);
      listed++;
    }
  json_builder_end_array (b);
  if (total > listed)
    _od_json_add_int (b, "omitted", total - listed);
  after_json = _od_json_end (b);

  target = g_strdup_printf (ngettext ("%u invitation", "%u invitations", total), total);
  return _od_journal_append (self, who->organization_id, who->id, who->name, "invitation.bulk-create",
                             target, NULL, after_json, error);
}

/* Connection settings for a large batch, for its one transaction only: set before it begins
 * (SQLite takes these pragmas only outside a transaction) and restored right after it ends; the
 * caller holds the lock throughout, so no other work on the connection sees them.
 *  - A page cache that holds the pages of the invitations table and its three indexes, which
 *    spares writing them to the WAL and reading them back before the commit.
 *  - Foreign keys not enforced. An INSERT into a table with immediate foreign keys makes SQLite
 *    keep a statement journal, a copy of every page the statement changes in case it must be
 *    undone alone, which for this table costs more than the inserts themselves. The rows
 *    inserted reference only the actor's organization and the actor, both read inside the same
 *    write transaction; and with INSERT OR FAIL no statement needs undoing alone, since any
 *    failure rolls back the whole transaction. */
typedef struct
{
  gint64 cache_size;    /* 0: unchanged */
  gint64 foreign_keys;  /* -1: unchanged */
} BulkSettings;

static void
bulk_settings_apply (OdRepository *self,
                     guint         n_rows,
                     BulkSettings *saved)
{
  saved->cache_size = 0;
  saved->foreign_keys = -1;
  if (n_rows < BULK_MIN_ROWS)
    return;
  if (_od_query_int64 (self, "PRAGMA cache_size", 0, 0, &saved->cache_size, NULL) &&
      !_od_exec (self, "PRAGMA cache_size = " G_STRINGIFY (BULK_CACHE_SIZE), NULL))
    saved->cache_size = 0;
  if (_od_query_int64 (self, "PRAGMA foreign_keys", 0, 0, &saved->foreign_keys, NULL) &&
      !_od_exec (self, "PRAGMA foreign_keys = OFF", NULL))
    saved->foreign_keys = -1;
}

static void
bulk_settings_restore (OdRepository       *self,
                       const BulkSettings *saved)
{
  if (saved->cache_size != 0)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, saved->cache_size);
      _od_exec (self, sql, NULL);
    }
  if (saved->foreign_keys > 0)
    _od_exec (self, "PRAGMA foreign_keys = ON", NULL);
}

gboolean
od_repository_review_invitations (OdRepository   *self,
                                  OdMember       *actor,
                                  OdInviteBatch  *batch,
                                  OdRole          default_role,
                                  GCancellable   *cancellable,
                                  GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_auto(Actor) who = { 0 };
  gboolean own_snapshot;
  gboolean ok;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (OD_IS_INVITE_BATCH (batch), FALSE);
  g_return_val_if_fail (default_role >= OD_ROLE_READ && default_role <= OD_ROLE_OWNER, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);

  /* One read transaction, so that the counts and the keys are of the same moment. */
  own_snapshot = sqlite3_get_autocommit (self->db);
  if (own_snapshot && !_od_exec (self, "BEGIN", error))
    return FALSE;

  ok = _od_load_actor (self, actor, &who, error) &&
       review_locked (self, &who, batch, default_role, cancellable, error);

  if (own_snapshot)
    _od_exec (self, "COMMIT", NULL);
  return ok;
}

gboolean
od_repository_apply_invitations (OdRepository          *self,
                                 OdMember              *actor,
                                 OdInviteBatch         *batch,
                                 GCancellable          *cancellable,
                                 OdInviteProgressFunc   progress,
                                 gpointer               user_data,
                                 GError               **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_auto(Actor) who = { 0 };
  BulkSettings saved;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (OD_IS_INVITE_BATCH (batch), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Held around the transaction, until the connection's settings are back. */
  locker = g_rec_mutex_locker_new (&self->lock);
  bulk_settings_apply (self, od_invite_batch_get_n_rows (batch), &saved);
  if (!_od_txn_begin (self, error))
    {
      bulk_settings_restore (self, &saved);
      return FALSE;
    }

  /* Review again: the role, members, invitations and seats may have changed since. */
  if (!_od_load_actor (self, actor, &who, error) ||
      !review_locked (self, &who, batch, od_invite_batch_get_default_role (batch), cancellable, error))
    goto out;

  if (od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_WILL_INVITE) > 0)
    {
      if (!insert_invitations (self, &who, batch, cancellable, progress, user_data, error) ||
          !journal_batch (self, &who, batch, error))
        goto out;
      _od_queue_change (self, who.organization_id, "invitations");
    }
  ok = TRUE;

out:
  ok = _od_txn_end (self, ok, error);
  bulk_settings_restore (self, &saved);
  _od_invite_batch_set_applied (batch, ok);
  return ok;
}

/* The error that a rejected single invitation fails with: the row's reason, in the domain and
 * code that callers of od_repository_invite() have always seen. */
static void
set_outcome_error (OdInviteBatch  *batch,
                   GError        **error)
{
  const char *reason = od_invite_batch_get_reason (batch, 0);

  switch (od_invite_batch_get_outcome (batch, 0))
    {
    case OD_INVITE_OUTCOME_ALREADY_MEMBER:
    case OD_INVITE_OUTCOME_ALREADY_INVITED:
    case OD_INVITE_OUTCOME_DUPLICATE_IN_FILE:
      g_set_error_literal (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS, reason);
      break;
    case OD_INVITE_OUTCOME_NOT_ALLOWED_FOR_YOUR_ROLE:
      g_set_error_literal (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED, reason);
      break;
    case OD_INVITE_OUTCOME_OVER_SEAT_LIMIT:
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_SEAT_LIMIT, reason);
      break;
    case OD_INVITE_OUTCOME_INVALID_EMAIL:
    case OD_INVITE_OUTCOME_UNKNOWN_ROLE:
    case OD_INVITE_OUTCOME_WILL_INVITE:
    default:
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID, reason);
      break;
    }
}

/* One address: the same review as a batch, so the same outcomes and messages. */
OdInvitation *
od_repository_invite (OdRepository  *self,
                      OdMember      *actor,
                      const char    *email,
                      OdRole         role,
                      GError       **error)
{
  g_autoptr(OdInviteBatch) batch = NULL;
  g_auto(Actor) who = { 0 };
  g_autofree char *after_json = NULL;
  OdInvitation *invitation = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  /* An invalid address fails with od_email_validate()'s own code (REQUIRED, TOO_LONG, …). */
  if (!od_email_validate (email, error))
    return NULL;
  if (role < OD_ROLE_READ || role > OD_ROLE_OWNER)
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                           _("Unknown role. Use read, write, admin or owner."));
      return NULL;
    }

  batch = od_invite_batch_new ();
  od_invite_batch_add (batch, 1, email, NULL);

  if (!_od_txn_begin (self, error))
    return NULL;

  if (!_od_load_actor (self, actor, &who, error) ||
      !review_locked (self, &who, batch, role, NULL, error))
    goto out;
  if (od_invite_batch_get_outcome (batch, 0) != OD_INVITE_OUTCOME_WILL_INVITE)
    {
      set_outcome_error (batch, error);
      goto out;
    }

  if (!insert_invitations (self, &who, batch, NULL, NULL, NULL, error) ||
      !(invitation = _od_load_invitation (self, sqlite3_last_insert_rowid (self->db), error)))
    goto out;

  after_json = _od_invitation_json (invitation);
  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "invitation.create",
                           od_invitation_get_email (invitation), NULL, after_json, error))
    goto out;

  _od_queue_change (self, who.organization_id, "invitations");
  ok = TRUE;

out:
  if (!_od_txn_end (self, ok, error))
    g_clear_object (&invitation);
  return invitation;
}

GListModel *
od_repository_list_invitations (OdRepository  *self,
                                gint64         organization_id,
                                GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _od_prepare (self, "SELECT " INVITATION_COLUMNS " FROM invitations i"
                        " WHERE i.organization_id = ? AND i.state IN (1, 4)"
                        " ORDER BY i.created_at DESC, i.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);

  return _od_collect_rows (self, stmt, OD_TYPE_INVITATION, (RowFunc) _od_invitation_from_row, error);
}

#define INVITATIONS_WHERE " FROM invitations i WHERE i.organization_id = ?1 AND i.state IN (1, 4)"

static gboolean
count_invitations_cb (OdRepository  *self,
                      gint64         organization_id,
                      gconstpointer  data,
                      guint         *n_rows,
                      GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  gint64 n = 0;

  if (!_od_query_int64 (self, "SELECT count(*)" INVITATIONS_WHERE, organization_id, 0, &n, error))
    return FALSE;
  *n_rows = (guint) n;
  return TRUE;
}

static GListModel *
fetch_invitations_cb (OdRepository  *self,
                      gint64         organization_id,
                      gconstpointer  data,
                      GObject       *after,
                      guint          offset,
                      guint          limit,
                      GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt;

  if (after != NULL)
    stmt = _od_prepare (self, "SELECT " INVITATION_COLUMNS INVITATIONS_WHERE
                              " AND (i.created_at < ?2 OR (i.created_at = ?2 AND i.id < ?3))"
                              " ORDER BY i.created_at DESC, i.id DESC LIMIT ?4", error);
  else
    stmt = _od_prepare (self, "SELECT " INVITATION_COLUMNS INVITATIONS_WHERE
                              " ORDER BY i.created_at DESC, i.id DESC LIMIT ?4 OFFSET ?5", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (after != NULL)
    {
      sqlite3_bind_int64 (stmt, 2, od_invitation_get_created_at (OD_INVITATION (after)));
      sqlite3_bind_int64 (stmt, 3, od_invitation_get_id (OD_INVITATION (after)));
    }
  sqlite3_bind_int64 (stmt, 4, limit);
  if (after == NULL)
    sqlite3_bind_int64 (stmt, 5, offset);

  return _od_collect_rows (self, stmt, OD_TYPE_INVITATION, (RowFunc) _od_invitation_from_row, error);
}

/* The invitations od_repository_list_invitations() returns, as a lazy list */
GListModel *
od_repository_list_invitations_paged (OdRepository  *self,
                                      gint64         organization_id,
                                      GError       **error)
{
  static const char * const areas[] = { "invitations", "members", NULL };

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  return _od_query_list_new (self, organization_id, OD_TYPE_INVITATION, areas,
                             count_invitations_cb, fetch_invitations_cb, NULL, NULL, error);
}

static gboolean
set_invitation_state (OdRepository       *self,
                      gint64              invitation_id,
                      OdInvitationState   state,
                      GError            **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, "UPDATE invitations SET state = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, state);
  sqlite3_bind_int64 (stmt, 2, invitation_id);
  return _od_step_done (self, stmt, error);
}

/* Whether the actor may act on the invitation: their organization's, and an Owner's only for
 * an Owner. */
static gboolean
check_own_invitation (const Actor   *who,
                      OdInvitation  *invitation,
                      GError       **error)
{
  if (od_invitation_get_organization_id (invitation) != who->organization_id)
    return _od_not_found (error, _("That invitation is not in your organization."));
  if (od_invitation_get_role (invitation) == OD_ROLE_OWNER && who->role < OD_ROLE_OWNER)
    {
      g_set_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED,
                   _("Only an Owner can resend or revoke the invitation of an Owner (%s); your role is %s."),
                   od_invitation_get_email (invitation), od_role_get_label (who->role));
      return FALSE;
    }
  return TRUE;
}

/* Revokes one invitation with its journal row; the caller holds a transaction. Every refusal
 * names the invitation's address. */
static gboolean
revoke_locked (OdRepository  *self,
               const Actor   *who,
               gint64         invitation_id,
               GError       **error)
{
  g_autoptr(OdInvitation) invitation = NULL;
  g_autofree char *before_json = NULL;
  OdInvitationState state;

  if (!(invitation = _od_load_invitation (self, invitation_id, error)) ||
      !check_own_invitation (who, invitation, error))
    return FALSE;

  state = od_invitation_get_state (invitation);
  if (state != OD_INVITATION_PENDING && state != OD_INVITATION_EXPIRED)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                   _("The invitation for %s is already %s."), od_invitation_get_email (invitation),
                   od_invitation_state_to_string (state));
      return FALSE;
    }

  before_json = _od_invitation_json (invitation);
  return set_invitation_state (self, invitation_id, OD_INVITATION_REVOKED, error) &&
         _od_journal_append (self, who->organization_id, who->id, who->name, "invitation.revoke",
                             od_invitation_get_email (invitation), before_json, NULL, error);
}

gboolean
od_repository_revoke_invitation (OdRepository  *self,
                                 OdMember      *actor,
                                 gint64         invitation_id,
                                 GError       **error)
{
  g_auto(Actor) who = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor_for (self, actor, OD_ACTION_INVITE, &who, error) ||
      !revoke_locked (self, &who, invitation_id, error))
    goto out;

  _od_queue_change (self, who.organization_id, "invitations");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

gboolean
od_repository_revoke_invitations (OdRepository  *self,
                                  OdMember      *actor,
                                  GArray        *invitation_ids,
                                  GError       **error)
{
  g_autoptr(GHashTable) seen = NULL;
  g_auto(Actor) who = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (invitation_ids != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (invitation_ids) == sizeof (gint64), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;
  if (!_od_load_actor_for (self, actor, OD_ACTION_INVITE, &who, error))
    goto out;

  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < invitation_ids->len; i++)
    {
      gint64 *id = &g_array_index (invitation_ids, gint64, i);
      if (!g_hash_table_add (seen, id))
        continue;
      if (!revoke_locked (self, &who, *id, error))
        {
          g_prefix_error (error, _("Nothing was revoked: "));
          goto out;
        }
    }

  if (invitation_ids->len > 0)
    _od_queue_change (self, who.organization_id, "invitations");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

/* One invitation by id, in any state, if it belongs to the organization: one indexed read,
 * where the pending invitations view once walked its lazy list row by row. */
OdInvitation *
od_repository_get_invitation (OdRepository  *self,
                              gint64         organization_id,
                              gint64         invitation_id,
                              GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(OdInvitation) invitation = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!(invitation = _od_load_invitation (self, invitation_id, error)))
    return NULL;
  if (od_invitation_get_organization_id (invitation) != organization_id)
    {
      _od_not_found (error, _("That invitation is not in this organization."));
      return NULL;
    }
  return g_steal_pointer (&invitation);
}

OdInvitation *
od_repository_find_invitation (OdRepository  *self,
                               gint64         organization_id,
                               const char    *email,
                               GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *key = NULL;
  OdInvitation *invitation = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (email != NULL, NULL);

  key = od_email_normalize (email);
  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _od_prepare (self, "SELECT " INVITATION_COLUMNS " FROM invitations i"
                            " WHERE i.organization_id = ? AND i.email_key = ? AND i.state IN (1, 4)"
                            " ORDER BY (i.state = 1 AND i.expires_at > ?) DESC, i.created_at DESC, i.id DESC"
                            " LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  _od_bind_text (stmt, 2, key);
  sqlite3_bind_int64 (stmt, 3, _od_now_seconds ());
  if (!_od_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    invitation = _od_invitation_from_row (stmt);
  else
    g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND,
                 _("There is no pending or expired invitation for %s."), email);
  sqlite3_reset (stmt);
  return invitation;
}

static char *
resend_json (OdInvitation *invitation)
{
  JsonBuilder *b = _od_json_begin ();

  _od_json_add_int (b, "id", od_invitation_get_id (invitation));
  _od_json_add_string (b, "email", od_invitation_get_email (invitation));
  _od_json_add_string (b, "role", od_role_to_string (od_invitation_get_role (invitation)));
  _od_json_add_int (b, "expires_at", od_invitation_get_expires_at (invitation));
  _od_json_add_int (b, "times_sent", od_invitation_get_times_sent (invitation));
  _od_json_add_string (b, "state", od_invitation_state_to_string (od_invitation_get_state (invitation)));
  return _od_json_end (b);
}

/* An expired invitation takes a seat again, so it must pass what a new one would. */
static gboolean
check_expired_comes_back (OdRepository  *self,
                          const Actor   *who,
                          OdInvitation  *invitation,
                          GError       **error)
{
  g_autofree char *key = od_email_normalize (od_invitation_get_email (invitation));
  const char *email = od_invitation_get_email (invitation);
  guint n_members = 0, n_pending = 0, n_seats = 0;
  gboolean exists = FALSE;

  if (!_od_member_exists (self, who->organization_id, key, &exists, error))
    return FALSE;
  if (exists)
    {
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS,
                   _("%s is already a member of this organization."), email);
      return FALSE;
    }
  if (!key_exists (self, PENDING_KEY_SQL, who->organization_id, key, _od_now_seconds (), &exists, error))
    return FALSE;
  if (exists)
    {
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS,
                   _("%s has a newer pending invitation. Resend that one instead."), email);
      return FALSE;
    }
  if (!_od_seat_usage (self, who->organization_id, &n_members, &n_pending, &n_seats, error))
    return FALSE;
  if (n_members + n_pending + 1 > n_seats)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_SEAT_LIMIT,
                   _("All %u seats are in use (%u members, %u pending invitations). Add seats to invite %s."),
                   n_seats, n_members, n_pending, email);
      return FALSE;
    }
  return TRUE;
}

OdInvitation *
od_repository_resend_invitation (OdRepository  *self,
                                 OdMember      *actor,
                                 gint64         invitation_id,
                                 GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdInvitation) before = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  OdInvitation *after = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_od_txn_begin (self, error))
    return NULL;

  if (!_od_load_actor_for (self, actor, OD_ACTION_INVITE, &who, error) ||
      !(before = _od_load_invitation (self, invitation_id, error)) ||
      !check_own_invitation (&who, before, error))
    goto out;

  switch (od_invitation_get_state (before))
    {
    case OD_INVITATION_ACCEPTED:
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                   _("The invitation for %s was accepted already: they are a member now."),
                   od_invitation_get_email (before));
      goto out;
    case OD_INVITATION_REVOKED:
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                   _("The invitation for %s was revoked and cannot be sent again. Invite them anew instead."),
                   od_invitation_get_email (before));
      goto out;
    case OD_INVITATION_EXPIRED:
      if (!check_expired_comes_back (self, &who, before, error))
        goto out;
      break;
    case OD_INVITATION_PENDING:
    default:
      break;
    }

  stmt = _od_prepare (self, "UPDATE invitations SET state = 1, expires_at = ?, times_sent = times_sent + 1"
                            " WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, _od_now_seconds () + LIFETIME_SECONDS);
  sqlite3_bind_int64 (stmt, 2, invitation_id);
  if (!_od_step_done (self, stmt, error) ||
      !(after = _od_load_invitation (self, invitation_id, error)))
    goto out;

  before_json = resend_json (before);
  after_json = resend_json (after);
  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "invitation.resend",
                           od_invitation_get_email (after), before_json, after_json, error))
    goto out;

  _od_queue_change (self, who.organization_id, "invitations");
  ok = TRUE;

out:
  if (!_od_txn_end (self, ok, error))
    g_clear_object (&after);
  return after;
}

OdMember *
od_repository_accept_invitation (OdRepository  *self,
                                 const char    *code,
                                 const char    *name,
                                 GError       **error)
{
  g_autofree char *normalized = NULL;
  g_autoptr(OdInvitation) invitation = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  OdMember *member = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 invitation_id = 0, member_id = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  if (code == NULL || !g_utf8_validate (code, -1, NULL) ||
      *(normalized = normalize_invite_code (code)) == '\0')
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_REQUIRED,
                           _("Enter the invite code from your invitation."));
      return NULL;
    }
  if (!_od_validate_text (name, _("name"), MAX_NAME_LENGTH, error))
    return NULL;

  if (!_od_txn_begin (self, error))
    return NULL;

  stmt = _od_prepare (self, "SELECT id FROM invitations WHERE code = ?", error);
  if (stmt == NULL)
    goto out;
  _od_bind_text (stmt, 1, normalized);
  if (!_od_step_row (self, stmt, &has_row, error))
    goto out;
  invitation_id = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (invitation_id == 0)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVITE_CODE,
                   _("No invitation has the code %s. Check it for typos."), normalized);
      goto out;
    }
  if (!(invitation = _od_load_invitation (self, invitation_id, error)))
    goto out;

  switch (od_invitation_get_state (invitation))
    {
    case OD_INVITATION_ACCEPTED:
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVITE_CODE,
                   _("The invite code %s has already been used. Each code works once."), normalized);
      goto out;
    case OD_INVITATION_REVOKED:
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVITE_CODE,
                   _("The invitation with code %s was revoked by the organization. Ask an admin for a new one."),
                   normalized);
      goto out;
    case OD_INVITATION_EXPIRED:
      {
        g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (od_invitation_get_expires_at (invitation));
        g_autofree char *date = g_date_time_format (when, "%x");

        g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVITE_CODE,
                     _("The invite code %s expired on %s. Ask an admin to resend the invitation."),
                     normalized, date);
        goto out;
      }
    case OD_INVITATION_PENDING:
    default:
      break;
    }

  if (!_od_insert_member (self, od_invitation_get_organization_id (invitation),
                      od_invitation_get_email (invitation), name, od_invitation_get_role (invitation),
                      _od_now_seconds (), &member_id, error) ||
      !set_invitation_state (self, invitation_id, OD_INVITATION_ACCEPTED, error) ||
      !(member = _od_load_member (self, member_id, error)))
    goto out;

  before_json = _od_invitation_json (invitation);
  after_json = _od_member_json (member);
  if (!_od_journal_append (self, od_member_get_organization_id (member), member_id,
                       od_member_get_name (member), "invitation.accept",
                       od_member_get_email (member), before_json, after_json, error))
    goto out;

  _od_queue_change (self, od_member_get_organization_id (member), "members");
  _od_queue_change (self, od_member_get_organization_id (member), "invitations");
  ok = TRUE;

out:
  if (!_od_txn_end (self, ok, error))
    g_clear_object (&member);
  return member;
}
