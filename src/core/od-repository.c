/* od-repository.c — the SQLite file behind Orgdesk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One connection, guarded by a recursive lock. Prepared statements are kept in a cache keyed by
 * their SQL text. Every mutation is BEGIN IMMEDIATE … COMMIT with its journal row, and is rolled
 * back on any failure. The "changed" signal is queued during the transaction and emitted on the
 * opening thread's main context only after the commit.
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
#include "od-schema.h"
#include "od-subscription.h"
#include "od-team.h"
#include "od-update.h"

#define BUSY_TIMEOUT_MS 10000

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OdRepository, od_repository, G_TYPE_OBJECT)

gint64
_od_now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---------------------------------------------------------------------------------------------
 * Errors
 */

gboolean
_od_set_sqlite_error (OdRepository  *self,
                  int            rc,
                  GError       **error)
{
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  const char *path = self->path ? self->path : "";

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_BUSY,
                   _("Another program kept the database “%s” busy for too long. Try again."), path);
      break;
    case SQLITE_FULL:
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_FULL,
                   _("The disk holding “%s” is full. Free some space and try again; nothing was changed."),
                   path);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written (%s). Check the permissions of the file and its folder."),
                   path, detail);
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_OPEN,
                   _("The database “%s” could not be opened (%s)."), path, detail);
      break;
    case SQLITE_NOTADB:
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_DATABASE,
                   _("“%s” is not an Orgdesk database (it is not a SQLite file). It was left untouched."),
                   path);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s). It was left untouched; restore it from a backup."),
                   path, detail);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS,
                   _("The change conflicts with existing data (%s)."), detail);
      break;
    default:
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_FAILED,
                   _("Database error in “%s”: %s"), path, detail);
      break;
    }

  return FALSE;
}

gboolean
_od_not_found (GError **error, const char *message)
{
  g_set_error_literal (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND, message);
  return FALSE;
}

/* ---------------------------------------------------------------------------------------------
 * Statements
 */

static void
statement_free (gpointer data)
{
  sqlite3_finalize (data);
}

/* Returns a reset statement from the cache, ready for binding. Owned by the cache. */
sqlite3_stmt *
_od_prepare (OdRepository  *self,
         const char    *sql,
         GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _od_set_sqlite_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* Steps a statement that returns no row. */
gboolean
_od_step_done (OdRepository  *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  return _od_set_sqlite_error (self, rc, error);
}

/* Steps once: TRUE with *has_row set, or FALSE with error. The caller resets. */
gboolean
_od_step_row (OdRepository  *self,
          sqlite3_stmt  *stmt,
          gboolean      *has_row,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = (rc == SQLITE_ROW);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  sqlite3_reset (stmt);
  return _od_set_sqlite_error (self, rc, error);
}

gboolean
_od_exec (OdRepository  *self,
      const char    *sql,
      GError       **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);

  sqlite3_free (message);
  if (rc != SQLITE_OK)
    return _od_set_sqlite_error (self, rc, error);
  return TRUE;
}

void
_od_bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *
_od_column_text (sqlite3_stmt *stmt, int index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);
  return text ? text : "";
}

const char *
_od_column_text_or_null (sqlite3_stmt *stmt, int index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}

/* Runs a query that returns one integer. */
gboolean
_od_query_int64 (OdRepository  *self,
             const char    *sql,
             gint64         arg1,
             gint64         arg2,
             gint64        *out,
             GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, arg1);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, arg2);
  if (!_od_step_row (self, stmt, &has_row, error))
    return FALSE;
  *out = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return TRUE;
}

GListModel *
_od_collect_rows (OdRepository  *self,
              sqlite3_stmt  *stmt,
              GType          type,
              RowFunc        row_func,
              GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (type);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GObject) object = row_func (stmt);
      g_list_store_append (store, object);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _od_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* ---------------------------------------------------------------------------------------------
 * Transactions and change notification
 */

gboolean
_od_txn_begin (OdRepository  *self,
           GError       **error)
{
  g_rec_mutex_lock (&self->lock);
  g_array_set_size (self->pending, 0);
  if (!_od_exec (self, "BEGIN IMMEDIATE", error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  OdRepository *self;
  GArray       *changes;
} EmitData;

static gboolean
emit_changes_cb (gpointer user_data)
{
  EmitData *data = user_data;

  for (guint i = 0; i < data->changes->len; i++)
    {
      OdChange *change = &g_array_index (data->changes, OdChange, i);
      g_signal_emit (data->self, signals[SIGNAL_CHANGED], 0, change->organization_id, change->area);
    }
  return G_SOURCE_REMOVE;
}

static void
emit_data_free (gpointer user_data)
{
  EmitData *data = user_data;

  g_object_unref (data->self);
  g_array_unref (data->changes);
  g_free (data);
}

/* Commits when ok, else rolls back; always releases the lock. Returns whether it committed. */
gboolean
_od_txn_end (OdRepository  *self,
         gboolean       ok,
         GError       **error)
{
  EmitData *data = NULL;

  if (ok)
    ok = _od_exec (self, "COMMIT", error);

  if (!ok)
    {
      if (!sqlite3_get_autocommit (self->db))
        _od_exec (self, "ROLLBACK", NULL);
      g_array_set_size (self->pending, 0);
    }
  else if (self->pending->len > 0)
    {
      data = g_new0 (EmitData, 1);
      data->self = g_object_ref (self);
      data->changes = g_array_copy (self->pending);
      g_array_set_size (self->pending, 0);
    }

  g_rec_mutex_unlock (&self->lock);

  if (data == NULL)
    return ok;

  /* On the thread "changed" belongs to, emit now when its context is free. From any other thread
   * always queue it there: g_main_context_invoke() would run it right here, on a worker, whenever
   * that thread happened not to be iterating its (default) context at this moment. */
  if (g_thread_self () == self->main_thread || g_main_context_is_owner (self->main_context))
    g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT,
                                emit_changes_cb, data, emit_data_free);
  else
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_changes_cb, data, emit_data_free);
      g_source_set_static_name (source, "[orgdesk] changed");
      g_source_attach (source, self->main_context);
    }
  return ok;
}

void
_od_queue_change (OdRepository *self,
              gint64        organization_id,
              const char   *area)
{
  OdChange change = { organization_id, area };

  for (guint i = 0; i < self->pending->len; i++)
    {
      OdChange *c = &g_array_index (self->pending, OdChange, i);
      if (c->organization_id == organization_id && g_str_equal (c->area, area))
        return;
    }
  g_array_append_val (self->pending, change);
}

/* ---------------------------------------------------------------------------------------------
 * JSON for the journal
 */

JsonBuilder *
_od_json_begin (void)
{
  JsonBuilder *builder = json_builder_new ();
  json_builder_begin_object (builder);
  return builder;
}

void
_od_json_add_string (JsonBuilder *builder, const char *key, const char *value)
{
  json_builder_set_member_name (builder, key);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
_od_json_add_int (JsonBuilder *builder, const char *key, gint64 value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

char *
_od_json_end (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  g_object_unref (builder);
  return json_to_string (root, FALSE);
}

char *
_od_member_json (OdMember *member)
{
  JsonBuilder *b = _od_json_begin ();

  _od_json_add_int (b, "id", od_member_get_id (member));
  _od_json_add_string (b, "email", od_member_get_email (member));
  _od_json_add_string (b, "name", od_member_get_name (member));
  _od_json_add_string (b, "role", od_role_to_string (od_member_get_role (member)));
  _od_json_add_int (b, "joined_at", od_member_get_joined_at (member));
  _od_json_add_int (b, "last_active_at", od_member_get_last_active_at (member));
  return _od_json_end (b);
}

gboolean
_od_journal_append (OdRepository  *self,
                gint64         organization_id,
                gint64         actor_id,
                const char    *actor_name,
                const char    *action,
                const char    *target,
                const char    *before_json,
                const char    *after_json,
                GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self,
    "INSERT INTO journal (organization_id, actor_id, actor_name, action, target, before_json,"
    " after_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  if (organization_id > 0)
    sqlite3_bind_int64 (stmt, 1, organization_id);
  if (actor_id > 0)
    sqlite3_bind_int64 (stmt, 2, actor_id);
  _od_bind_text (stmt, 3, actor_name ? actor_name : "");
  _od_bind_text (stmt, 4, action);
  _od_bind_text (stmt, 5, target ? target : "");
  _od_bind_text (stmt, 6, before_json);
  _od_bind_text (stmt, 7, after_json);
  sqlite3_bind_int64 (stmt, 8, _od_now_seconds ());
  if (!_od_step_done (self, stmt, error))
    return FALSE;
  _od_queue_change (self, organization_id, "journal");
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------
 * Opening and migrations
 */

static gboolean
migrate (OdRepository  *self,
         int            from_version,
         GError       **error)
{
  int latest = G_N_ELEMENTS (od_schema_migrations);

  if (from_version >= latest)
    return TRUE;

  if (!_od_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (from_version == 0 &&
      !_od_exec (self,
             "CREATE TABLE IF NOT EXISTS schema_version ("
             "  version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)", error))
    goto fail;

  for (int v = from_version + 1; v <= latest; v++)
    {
      g_autofree char *record = NULL;

      if (!_od_exec (self, od_schema_migrations[v - 1], error))
        {
          g_prefix_error (error, _("Could not upgrade the database to version %d: "), v);
          goto fail;
        }
      record = g_strdup_printf ("INSERT INTO schema_version (version, applied_at) VALUES (%d, %"
                                G_GINT64_FORMAT ")", v, _od_now_seconds ());
      if (!_od_exec (self, record, error))
        goto fail;
    }

  {
    g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d", OD_APPLICATION_ID_MAGIC);
    if (!_od_exec (self, pragma, error))
      goto fail;
  }

  if (!_od_exec (self, "COMMIT", error))
    goto fail;

  self->schema_version = latest;
  return TRUE;

fail:
  _od_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

/* Reads what the file is without writing to it. */
static gboolean
inspect (OdRepository  *self,
         int           *version,
         GError       **error)
{
  gint64 app_id = 0, n_tables = 0, has_version = 0, v = 0;

  /* Any read fails with SQLITE_NOTADB on a file that is not SQLite. */
  if (!_od_query_int64 (self, "PRAGMA application_id", 0, 0, &app_id, error) ||
      !_od_query_int64 (self, "SELECT count(*) FROM sqlite_schema", 0, 0, &n_tables, error))
    return FALSE;

  if (n_tables == 0 && app_id == 0)
    {
      *version = 0;
      return TRUE;
    }

  if (app_id != OD_APPLICATION_ID_MAGIC)
    {
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_ORGDESK,
                   _("“%s” is a database of another program, not of Orgdesk. It was left untouched; "
                     "choose another file with --database."), self->path);
      return FALSE;
    }

  if (!_od_query_int64 (self, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'",
                    0, 0, &has_version, error))
    return FALSE;
  if (has_version && !_od_query_int64 (self, "SELECT max(version) FROM schema_version", 0, 0, &v, error))
    return FALSE;

  if (v > (gint64) G_N_ELEMENTS (od_schema_migrations))
    {
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Orgdesk (database version %d; this "
                     "version understands up to %d). It was left untouched; update Orgdesk to open it."),
                   self->path, (int) v, (int) G_N_ELEMENTS (od_schema_migrations));
      return FALSE;
    }

  *version = (int) v;
  return TRUE;
}

static gboolean
open_database (OdRepository  *self,
               GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  int version = 0;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_OPEN,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_OPEN,
                   _("“%s” is a folder, not a database file."), self->path);
      return FALSE;
    }

  /* SQLite only says "unable to open database file"; say what is wrong and what to do. */
  if (g_file_test (self->path, G_FILE_TEST_EXISTS) && g_access (self->path, W_OK) != 0)
    {
      int saved = errno;
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written (%s). It was left untouched; change its "
                     "permissions or copy it to a writable folder."), self->path, g_strerror (saved));
      return FALSE;
    }
  if (g_access (dir, W_OK) != 0)
    {
      int saved = errno;
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_READ_ONLY,
                   _("The folder “%s” cannot be written (%s). Orgdesk keeps its write-ahead log next to "
                     "the database, so it needs a writable folder."), dir, g_strerror (saved));
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    return _od_set_sqlite_error (self, rc, error);

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!inspect (self, &version, error))
    return FALSE;

  /* Only now that the file is known to be ours (or empty) do we change anything. */
  if (!_od_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_od_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_od_exec (self, "PRAGMA synchronous = NORMAL", error))
    return FALSE;

  self->schema_version = version;
  return migrate (self, version, error);
}

OdRepository *
od_repository_open (const char  *path,
                    GError     **error)
{
  g_autoptr(OdRepository) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (OD_TYPE_REPOSITORY, NULL);
  self->path = g_strdup (path);

  if (!open_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  OdRepository *self = od_repository_open (task_data, &error);

  if (self == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* "changed" belongs to the caller's thread, not to this one. */
  g_main_context_unref (self->main_context);
  self->main_context = g_main_context_ref (g_task_get_context (task));
  self->main_thread = NULL;  /* known once od_repository_open_finish() runs there */
  g_task_return_pointer (task, self, g_object_unref);
}

void
od_repository_open_async (const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, od_repository_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

OdRepository *
od_repository_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  OdRepository *self;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  self = g_task_propagate_pointer (G_TASK (result), error);
  if (self != NULL && g_main_context_is_owner (self->main_context))
    self->main_thread = g_thread_self ();
  return self;
}

char *
od_repository_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "orgdesk", "orgdesk.db", NULL);
}

const char *
od_repository_get_path (OdRepository *self)
{
  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);
  return self->path;
}

int
od_repository_get_schema_version (OdRepository *self)
{
  g_return_val_if_fail (OD_IS_REPOSITORY (self), 0);
  return self->schema_version;
}

/* ---------------------------------------------------------------------------------------------
 * The worker thread
 */

typedef struct
{
  OdRepositoryFunc func;
  gpointer         data;
  GDestroyNotify   data_free;
  GDestroyNotify   result_free;
} RunData;

static void
run_data_free (gpointer user_data)
{
  RunData *run = user_data;

  if (run->data_free)
    run->data_free (run->data);
  g_free (run);
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  g_autoptr(GTask) task = data;
  OdRepository *self = g_task_get_source_object (task);
  RunData *run = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;

  result = run->func (self, run->data, g_task_get_cancellable (task), &error);
  if (error != NULL)
    {
      if (result && run->result_free)
        run->result_free (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, run->result_free);
}

void
od_repository_run_async (OdRepository        *self,
                         OdRepositoryFunc     func,
                         gpointer             data,
                         GDestroyNotify       data_free,
                         GDestroyNotify       result_free,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  RunData *run;

  g_return_if_fail (OD_IS_REPOSITORY (self));
  g_return_if_fail (func != NULL);

  run = g_new0 (RunData, 1);
  run->func = func;
  run->data = data;
  run->data_free = data_free;
  run->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, od_repository_run_async);
  g_task_set_task_data (task, run, run_data_free);
  g_thread_pool_push (self->worker, task, NULL);
}

gpointer
od_repository_run_finish (OdRepository  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------------------------------
 * GObject
 */

static void
od_repository_finalize (GObject *object)
{
  OdRepository *self = (OdRepository *) object;

  /* Wait for queued work; it holds references, so there is none left by now. */
  g_thread_pool_free (self->worker, FALSE, TRUE);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (od_repository_parent_class)->finalize (object);
}

static void
od_repository_class_init (OdRepositoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_repository_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
}

static void
od_repository_init (OdRepository *self)
{
  g_rec_mutex_init (&self->lock);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, statement_free);
  self->pending = g_array_new (FALSE, FALSE, sizeof (OdChange));
  self->main_context = g_main_context_ref_thread_default ();
  self->main_thread = g_thread_self ();
  self->worker = g_thread_pool_new (worker_func, self, 1, FALSE, NULL);
}

/* ---------------------------------------------------------------------------------------------
 * Rows to objects
 */

static GStrv
load_domains (OdRepository *self,
              gint64        organization_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = _od_prepare (self,
    "SELECT domain FROM organization_domains WHERE organization_id = ? ORDER BY position", NULL);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, organization_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, _od_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (builder);
}

OdOrganization *
_od_organization_from_row (OdRepository *self,
                       sqlite3_stmt *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  g_auto(GStrv) domains = NULL;
  OdOrganization *org;

  org = g_object_new (OD_TYPE_ORGANIZATION,
                      "id", id,
                      "name", _od_column_text (stmt, 1),
                      "slug", _od_column_text (stmt, 2),
                      "description", _od_column_text (stmt, 3),
                      "contact-name", _od_column_text (stmt, 4),
                      "contact-email", _od_column_text (stmt, 5),
                      "contact-phone", _od_column_text (stmt, 6),
                      "address", _od_column_text (stmt, 7),
                      "sso-tenant", _od_column_text_or_null (stmt, 8),
                      "created-at", sqlite3_column_int64 (stmt, 9),
                      "team-creation-role", (OdRole) sqlite3_column_int (stmt, 10),
                      NULL);
  /* Read the domains after the row's columns: the statement is still positioned on it. */
  domains = load_domains (self, id);
  g_object_set (org, "domains", domains, NULL);
  return org;
}

OdMember *
_od_member_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (OD_TYPE_MEMBER,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "organization-id", sqlite3_column_int64 (stmt, 1),
                       "email", _od_column_text (stmt, 2),
                       "name", _od_column_text (stmt, 3),
                       "role", (OdRole) sqlite3_column_int (stmt, 4),
                       "joined-at", sqlite3_column_int64 (stmt, 5),
                       "last-active-at", sqlite3_column_int64 (stmt, 6),
                       "teams", _od_column_text (stmt, 7),
                       "n-teams", (guint) sqlite3_column_int (stmt, 8),
                       NULL);
}

OdInvitation *
_od_invitation_from_row (sqlite3_stmt *stmt)
{
  OdInvitationState state = sqlite3_column_int (stmt, 9);

  if (state == OD_INVITATION_PENDING && sqlite3_column_int64 (stmt, 7) <= _od_now_seconds ())
    state = OD_INVITATION_EXPIRED;

  return g_object_new (OD_TYPE_INVITATION,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "organization-id", sqlite3_column_int64 (stmt, 1),
                       "email", _od_column_text (stmt, 2),
                       "role", (OdRole) sqlite3_column_int (stmt, 3),
                       "invited-by-id", sqlite3_column_int64 (stmt, 4),
                       "invited-by-name", _od_column_text (stmt, 5),
                       "created-at", sqlite3_column_int64 (stmt, 6),
                       "expires-at", sqlite3_column_int64 (stmt, 7),
                       "times-sent", (guint) sqlite3_column_int (stmt, 8),
                       "state", state,
                       "code", _od_column_text (stmt, 10),
                       NULL);
}

char *
_od_invitation_json (OdInvitation *invitation)
{
  JsonBuilder *b = _od_json_begin ();

  _od_json_add_int (b, "id", od_invitation_get_id (invitation));
  _od_json_add_string (b, "email", od_invitation_get_email (invitation));
  _od_json_add_string (b, "role", od_role_to_string (od_invitation_get_role (invitation)));
  _od_json_add_int (b, "expires_at", od_invitation_get_expires_at (invitation));
  _od_json_add_string (b, "state", od_invitation_state_to_string (od_invitation_get_state (invitation)));
  return _od_json_end (b);
}

/* ---------------------------------------------------------------------------------------------
 * Acting members
 */

void
_od_actor_clear (Actor *actor)
{
  g_clear_pointer (&actor->name, g_free);
}

/* Reads the actor's current role inside the transaction. */
gboolean
_od_load_actor (OdRepository  *self,
            OdMember      *member,
            Actor         *actor,
            GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;

  if (member == NULL)
    {
      g_set_error_literal (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_NOT_MEMBER,
                           _("Every change must be made by a member of the organization."));
      return FALSE;
    }

  stmt = _od_prepare (self, "SELECT organization_id, role, name FROM members WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, od_member_get_id (member));
  if (!_od_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      sqlite3_reset (stmt);
      g_set_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_NOT_MEMBER,
                   _("%s is no longer a member of this organization."), od_member_get_email (member));
      return FALSE;
    }
  actor->id = od_member_get_id (member);
  actor->organization_id = sqlite3_column_int64 (stmt, 0);
  actor->role = sqlite3_column_int (stmt, 1);
  actor->name = g_strdup (_od_column_text (stmt, 2));
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_od_load_actor_for (OdRepository  *self,
                OdMember      *member,
                OdAction       action,
                Actor         *actor,
                GError       **error)
{
  return _od_load_actor (self, member, actor, error) && od_role_check (actor->role, action, error);
}

OdMember *
_od_load_member (OdRepository  *self,
             gint64         member_id,
             GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, "SELECT " MEMBER_COLUMNS " FROM members m WHERE m.id = ?", error);
  gboolean has_row;
  OdMember *member = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    member = _od_member_from_row (stmt);
  else
    _od_not_found (error, _("That member is no longer in the organization."));
  sqlite3_reset (stmt);
  return member;
}

gboolean
_od_count_owners (OdRepository  *self,
              gint64         organization_id,
              guint         *n_owners,
              GError       **error)
{
  gint64 n = 0;

  if (!_od_query_int64 (self, "SELECT count(*) FROM members WHERE organization_id = ? AND role = 4",
                    organization_id, 0, &n, error))
    return FALSE;
  *n_owners = (guint) n;
  return TRUE;
}

gboolean
_od_validate_text (const char  *text,
               const char  *what,
               gsize        max_length,
               GError     **error)
{
  gboolean blank = TRUE;

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                   _("The %s is not valid UTF-8 text."), what);
      return FALSE;
    }
  for (const char *p = text; p && *p && blank; p = g_utf8_next_char (p))
    blank = g_unichar_isspace (g_utf8_get_char (p));
  if (blank)
    {
      /* Translators: %s is a field such as "organization name" */
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_REQUIRED, _("Enter a %s."), what);
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > (glong) max_length)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_TOO_LONG,
                   _("The %s is longer than %u characters."), what, (guint) max_length);
      return FALSE;
    }
  return TRUE;
}

