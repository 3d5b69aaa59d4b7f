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
#define MAX_NAME_LENGTH 200
#define MAX_CONTENT_LENGTH (1024 * 1024)

struct _OdRepository
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  GRecMutex     lock;
  GHashTable   *statements;    /* SQL text → sqlite3_stmt* */
  GThreadPool  *worker;        /* one thread: run_async calls run in order */
  GMainContext *main_context;  /* where "changed" is emitted */
  GArray       *pending;       /* OdChange queued inside the transaction */
  int           schema_version;
};

typedef struct
{
  gint64      organization_id;
  const char *area;            /* a static string */
} OdChange;

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OdRepository, od_repository, G_TYPE_OBJECT)

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---------------------------------------------------------------------------------------------
 * Errors
 */

static gboolean
set_sqlite_error (OdRepository  *self,
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

static gboolean
not_found (GError **error, const char *message)
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
static sqlite3_stmt *
prepare (OdRepository  *self,
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
      set_sqlite_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* Steps a statement that returns no row. */
static gboolean
step_done (OdRepository  *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  return set_sqlite_error (self, rc, error);
}

/* Steps once: TRUE with *has_row set, or FALSE with error. The caller resets. */
static gboolean
step_row (OdRepository  *self,
          sqlite3_stmt  *stmt,
          gboolean      *has_row,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = (rc == SQLITE_ROW);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  sqlite3_reset (stmt);
  return set_sqlite_error (self, rc, error);
}

static gboolean
exec (OdRepository  *self,
      const char    *sql,
      GError       **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);

  sqlite3_free (message);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static const char *
column_text (sqlite3_stmt *stmt, int index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);
  return text ? text : "";
}

static const char *
column_text_or_null (sqlite3_stmt *stmt, int index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}

/* Runs a query that returns one integer. */
static gboolean
query_int64 (OdRepository  *self,
             const char    *sql,
             gint64         arg1,
             gint64         arg2,
             gint64        *out,
             GError       **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, arg1);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, arg2);
  if (!step_row (self, stmt, &has_row, error))
    return FALSE;
  *out = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Steps a bound statement to its end, turning each row into an object of `type`. */
typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

static GListModel *
collect_rows (OdRepository  *self,
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
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* ---------------------------------------------------------------------------------------------
 * Transactions and change notification
 */

static gboolean
txn_begin (OdRepository  *self,
           GError       **error)
{
  g_rec_mutex_lock (&self->lock);
  g_array_set_size (self->pending, 0);
  if (!exec (self, "BEGIN IMMEDIATE", error))
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
static gboolean
txn_end (OdRepository  *self,
         gboolean       ok,
         GError       **error)
{
  EmitData *data = NULL;

  if (ok)
    ok = exec (self, "COMMIT", error);

  if (!ok)
    {
      if (!sqlite3_get_autocommit (self->db))
        exec (self, "ROLLBACK", NULL);
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

  if (data != NULL)
    g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT,
                                emit_changes_cb, data, emit_data_free);
  return ok;
}

static void
queue_change (OdRepository *self,
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

static JsonBuilder *
json_begin (void)
{
  JsonBuilder *builder = json_builder_new ();
  json_builder_begin_object (builder);
  return builder;
}

static void
json_add_string (JsonBuilder *builder, const char *key, const char *value)
{
  json_builder_set_member_name (builder, key);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
json_add_int (JsonBuilder *builder, const char *key, gint64 value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

static char *
json_end (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  g_object_unref (builder);
  return json_to_string (root, FALSE);
}

static char *
member_json (OdMember *member)
{
  JsonBuilder *b = json_begin ();

  json_add_int (b, "id", od_member_get_id (member));
  json_add_string (b, "email", od_member_get_email (member));
  json_add_string (b, "name", od_member_get_name (member));
  json_add_string (b, "role", od_role_to_string (od_member_get_role (member)));
  json_add_int (b, "joined_at", od_member_get_joined_at (member));
  json_add_int (b, "last_active_at", od_member_get_last_active_at (member));
  return json_end (b);
}

static gboolean
journal_append (OdRepository  *self,
                gint64         organization_id,
                gint64         actor_id,
                const char    *actor_name,
                const char    *action,
                const char    *target,
                const char    *before_json,
                const char    *after_json,
                GError       **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO journal (organization_id, actor_id, actor_name, action, target, before_json,"
    " after_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  if (organization_id > 0)
    sqlite3_bind_int64 (stmt, 1, organization_id);
  if (actor_id > 0)
    sqlite3_bind_int64 (stmt, 2, actor_id);
  bind_text (stmt, 3, actor_name ? actor_name : "");
  bind_text (stmt, 4, action);
  bind_text (stmt, 5, target ? target : "");
  bind_text (stmt, 6, before_json);
  bind_text (stmt, 7, after_json);
  sqlite3_bind_int64 (stmt, 8, now_seconds ());
  if (!step_done (self, stmt, error))
    return FALSE;
  queue_change (self, organization_id, "journal");
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

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (from_version == 0 &&
      !exec (self,
             "CREATE TABLE IF NOT EXISTS schema_version ("
             "  version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)", error))
    goto fail;

  for (int v = from_version + 1; v <= latest; v++)
    {
      g_autofree char *record = NULL;

      if (!exec (self, od_schema_migrations[v - 1], error))
        {
          g_prefix_error (error, _("Could not upgrade the database to version %d: "), v);
          goto fail;
        }
      record = g_strdup_printf ("INSERT INTO schema_version (version, applied_at) VALUES (%d, %"
                                G_GINT64_FORMAT ")", v, now_seconds ());
      if (!exec (self, record, error))
        goto fail;
    }

  {
    g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d", OD_APPLICATION_ID_MAGIC);
    if (!exec (self, pragma, error))
      goto fail;
  }

  if (!exec (self, "COMMIT", error))
    goto fail;

  self->schema_version = latest;
  return TRUE;

fail:
  exec (self, "ROLLBACK", NULL);
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
  if (!query_int64 (self, "PRAGMA application_id", 0, 0, &app_id, error) ||
      !query_int64 (self, "SELECT count(*) FROM sqlite_schema", 0, 0, &n_tables, error))
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

  if (!query_int64 (self, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'",
                    0, 0, &has_version, error))
    return FALSE;
  if (has_version && !query_int64 (self, "SELECT max(version) FROM schema_version", 0, 0, &v, error))
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

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!inspect (self, &version, error))
    return FALSE;

  /* Only now that the file is known to be ours (or empty) do we change anything. */
  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", error))
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
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
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
  self->worker = g_thread_pool_new (worker_func, self, 1, FALSE, NULL);
}

/* ---------------------------------------------------------------------------------------------
 * Rows to objects
 */

#define ORGANIZATION_COLUMNS \
  "o.id, o.name, o.slug, o.description, o.contact_name, o.contact_email, o.contact_phone," \
  " o.address, o.sso_tenant, o.created_at, o.team_creation_role"

static GStrv
load_domains (OdRepository *self,
              gint64        organization_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = prepare (self,
    "SELECT domain FROM organization_domains WHERE organization_id = ? ORDER BY position", NULL);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, organization_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (builder);
}

static OdOrganization *
organization_from_row (OdRepository *self,
                       sqlite3_stmt *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  g_auto(GStrv) domains = NULL;
  OdOrganization *org;

  org = g_object_new (OD_TYPE_ORGANIZATION,
                      "id", id,
                      "name", column_text (stmt, 1),
                      "slug", column_text (stmt, 2),
                      "description", column_text (stmt, 3),
                      "contact-name", column_text (stmt, 4),
                      "contact-email", column_text (stmt, 5),
                      "contact-phone", column_text (stmt, 6),
                      "address", column_text (stmt, 7),
                      "sso-tenant", column_text_or_null (stmt, 8),
                      "created-at", sqlite3_column_int64 (stmt, 9),
                      "team-creation-role", (OdRole) sqlite3_column_int (stmt, 10),
                      NULL);
  /* Read the domains after the row's columns: the statement is still positioned on it. */
  domains = load_domains (self, id);
  g_object_set (org, "domains", domains, NULL);
  return org;
}

#define MEMBER_COLUMNS \
  "m.id, m.organization_id, m.email, m.name, m.role, m.joined_at, m.last_active_at," \
  " (SELECT group_concat(name, ', ') FROM (SELECT t.name AS name FROM team_members tm" \
  "   JOIN teams t ON t.id = tm.team_id WHERE tm.member_id = m.id ORDER BY t.name_key))," \
  " (SELECT count(*) FROM team_members tm WHERE tm.member_id = m.id)"

static OdMember *
member_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (OD_TYPE_MEMBER,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "organization-id", sqlite3_column_int64 (stmt, 1),
                       "email", column_text (stmt, 2),
                       "name", column_text (stmt, 3),
                       "role", (OdRole) sqlite3_column_int (stmt, 4),
                       "joined-at", sqlite3_column_int64 (stmt, 5),
                       "last-active-at", sqlite3_column_int64 (stmt, 6),
                       "teams", column_text (stmt, 7),
                       "n-teams", (guint) sqlite3_column_int (stmt, 8),
                       NULL);
}

#define INVITATION_COLUMNS \
  "i.id, i.organization_id, i.email, i.role, i.invited_by, i.invited_by_name, i.created_at," \
  " i.expires_at, i.times_sent, i.state, i.code"

static OdInvitation *
invitation_from_row (sqlite3_stmt *stmt)
{
  OdInvitationState state = sqlite3_column_int (stmt, 9);

  if (state == OD_INVITATION_PENDING && sqlite3_column_int64 (stmt, 7) <= now_seconds ())
    state = OD_INVITATION_EXPIRED;

  return g_object_new (OD_TYPE_INVITATION,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "organization-id", sqlite3_column_int64 (stmt, 1),
                       "email", column_text (stmt, 2),
                       "role", (OdRole) sqlite3_column_int (stmt, 3),
                       "invited-by-id", sqlite3_column_int64 (stmt, 4),
                       "invited-by-name", column_text (stmt, 5),
                       "created-at", sqlite3_column_int64 (stmt, 6),
                       "expires-at", sqlite3_column_int64 (stmt, 7),
                       "times-sent", (guint) sqlite3_column_int (stmt, 8),
                       "state", state,
                       "code", column_text (stmt, 10),
                       NULL);
}

static char *
invitation_json (OdInvitation *invitation)
{
  JsonBuilder *b = json_begin ();

  json_add_int (b, "id", od_invitation_get_id (invitation));
  json_add_string (b, "email", od_invitation_get_email (invitation));
  json_add_string (b, "role", od_role_to_string (od_invitation_get_role (invitation)));
  json_add_int (b, "expires_at", od_invitation_get_expires_at (invitation));
  json_add_string (b, "state", od_invitation_state_to_string (od_invitation_get_state (invitation)));
  return json_end (b);
}

/* ---------------------------------------------------------------------------------------------
 * Acting members
 */

typedef struct
{
  gint64  id;
  gint64  organization_id;
  OdRole  role;
  char   *name;
} Actor;

static void
actor_clear (Actor *actor)
{
  g_clear_pointer (&actor->name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Actor, actor_clear)

/* Reads the actor's current role inside the transaction. */
static gboolean
load_actor (OdRepository  *self,
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

  stmt = prepare (self, "SELECT organization_id, role, name FROM members WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, od_member_get_id (member));
  if (!step_row (self, stmt, &has_row, error))
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
  actor->name = g_strdup (column_text (stmt, 2));
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
load_actor_for (OdRepository  *self,
                OdMember      *member,
                OdAction       action,
                Actor         *actor,
                GError       **error)
{
  return load_actor (self, member, actor, error) && od_role_check (actor->role, action, error);
}

static OdMember *
load_member (OdRepository  *self,
             gint64         member_id,
             GError       **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT " MEMBER_COLUMNS " FROM members m WHERE m.id = ?", error);
  gboolean has_row;
  OdMember *member = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    member = member_from_row (stmt);
  else
    not_found (error, _("That member is no longer in the organization."));
  sqlite3_reset (stmt);
  return member;
}

static gboolean
count_owners (OdRepository  *self,
              gint64         organization_id,
              guint         *n_owners,
              GError       **error)
{
  gint64 n = 0;

  if (!query_int64 (self, "SELECT count(*) FROM members WHERE organization_id = ? AND role = 4",
                    organization_id, 0, &n, error))
    return FALSE;
  *n_owners = (guint) n;
  return TRUE;
}

static gboolean
validate_text (const char  *text,
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

/* ---------------------------------------------------------------------------------------------
 * Organizations
 */

static char *
slug_base (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
      if (slug->len >= 48)
        break;
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "org");
  return g_string_free (slug, FALSE);
}

static char *
unique_slug (OdRepository  *self,
             const char    *name,
             GError       **error)
{
  g_autofree char *base = slug_base (name);
  sqlite3_stmt *stmt = prepare (self, "SELECT 1 FROM organizations WHERE slug = ?", error);

  if (stmt == NULL)
    return NULL;

  for (guint n = 1; ; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);
      gboolean has_row;

      sqlite3_reset (stmt);
      bind_text (stmt, 1, candidate);
      if (!step_row (self, stmt, &has_row, error))
        return NULL;
      sqlite3_reset (stmt);
      if (!has_row)
        return g_steal_pointer (&candidate);
    }
}

/* Whether the organization has a member with this comparison key (od_email_normalize). */
static gboolean
member_exists (OdRepository  *self,
               gint64         organization_id,
               const char    *email_key,
               gboolean      *exists,
               GError       **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT 1 FROM members WHERE organization_id = ? AND email_key = ?",
                                error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  bind_text (stmt, 2, email_key);
  if (!step_row (self, stmt, exists, error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
insert_member (OdRepository  *self,
               gint64         organization_id,
               const char    *email,
               const char    *name,
               OdRole         role,
               gint64         joined_at,
               gint64        *member_id,
               GError       **error)
{
  g_autofree char *key = od_email_normalize (email);
  g_autofree char *trimmed_email = g_strstrip (g_strdup (email));
  g_autofree char *trimmed_name = g_strstrip (g_strdup (name));
  sqlite3_stmt *stmt;
  gboolean has_row;

  if (!member_exists (self, organization_id, key, &has_row, error))
    return FALSE;
  if (has_row)
    {
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS,
                   _("%s is already a member of this organization."), trimmed_email);
      return FALSE;
    }

  stmt = prepare (self,
    "INSERT INTO members (organization_id, email, email_key, name, role, joined_at, last_active_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  bind_text (stmt, 2, trimmed_email);
  bind_text (stmt, 3, key);
  bind_text (stmt, 4, trimmed_name);
  sqlite3_bind_int (stmt, 5, role);
  sqlite3_bind_int64 (stmt, 6, joined_at);
  sqlite3_bind_int64 (stmt, 7, joined_at);
  if (!step_done (self, stmt, error))
    return FALSE;
  *member_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gint64
next_billing_after (gint64 start,
                    OdTerm term)
{
  g_autoptr(GDateTime) from = g_date_time_new_from_unix_utc (start);
  g_autoptr(GDateTime) next = g_date_time_add_months (from, od_term_get_months (term));

  return g_date_time_to_unix (next);
}

static OdOrganization *
load_organization (OdRepository  *self,
                   gint64         id,
                   const char    *slug,
                   GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;
  OdOrganization *org = NULL;

  stmt = prepare (self, slug == NULL
                        ? "SELECT " ORGANIZATION_COLUMNS " FROM organizations o WHERE o.id = ?"
                        : "SELECT " ORGANIZATION_COLUMNS " FROM organizations o WHERE o.slug = ?",
                  error);
  if (stmt == NULL)
    return NULL;
  if (slug != NULL)
    bind_text (stmt, 1, slug);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    org = organization_from_row (self, stmt);
  else if (slug != NULL)
    g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND,
                 _("There is no organization “%s”. `orgdeskctl org list` shows them all."), slug);
  else
    not_found (error, _("That organization no longer exists."));
  sqlite3_reset (stmt);
  return org;
}

OdOrganization *
od_repository_create_organization (OdRepository  *self,
                                   const char    *name,
                                   const char    *owner_email,
                                   const char    *owner_name,
                                   guint          seats,
                                   GError       **error)
{
  g_autofree char *slug = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *after = NULL;
  OdOrganization *org = NULL;
  gint64 org_id = 0, owner_id = 0, now = now_seconds ();
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  if (!validate_text (name, _("organization name"), MAX_NAME_LENGTH, error) ||
      !od_email_validate (owner_email, error) ||
      !validate_text (owner_name, _("name for yourself"), MAX_NAME_LENGTH, error))
    return NULL;
  if (seats == 0)
    seats = 5;

  trimmed = g_strstrip (g_strdup (name));

  if (!txn_begin (self, error))
    return NULL;

  if (!(slug = unique_slug (self, trimmed, error)))
    goto out;

  stmt = prepare (self, "INSERT INTO organizations (name, slug, created_at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  bind_text (stmt, 1, trimmed);
  bind_text (stmt, 2, slug);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!step_done (self, stmt, error))
    goto out;
  org_id = sqlite3_last_insert_rowid (self->db);

  if (!insert_member (self, org_id, owner_email, owner_name, OD_ROLE_OWNER, now, &owner_id, error))
    goto out;

  stmt = prepare (self,
    "INSERT INTO subscriptions (organization_id, plan, term, seats, status, started_at, next_billing_at)"
    " VALUES (?, 'Teams', ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, org_id);
  sqlite3_bind_int (stmt, 2, OD_TERM_MONTHLY);
  sqlite3_bind_int (stmt, 3, seats);
  sqlite3_bind_int (stmt, 4, OD_SUBSCRIPTION_ACTIVE);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int64 (stmt, 6, next_billing_after (now, OD_TERM_MONTHLY));
  if (!step_done (self, stmt, error))
    goto out;

  {
    JsonBuilder *b = json_begin ();
    json_add_string (b, "name", trimmed);
    json_add_string (b, "slug", slug);
    json_add_int (b, "seats", seats);
    after = json_end (b);
  }
  if (!journal_append (self, org_id, owner_id, owner_name, "organization.create", trimmed,
                       NULL, after, error))
    goto out;

  if (!(org = load_organization (self, org_id, NULL, error)))
    goto out;

  queue_change (self, 0, "organizations");
  ok = TRUE;

out:
  if (!txn_end (self, ok, error))
    g_clear_object (&org);
  return org;
}

GListModel *
od_repository_list_organizations (OdRepository  *self,
                                  GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GListStore) store = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = prepare (self, "SELECT " ORGANIZATION_COLUMNS " FROM organizations o ORDER BY o.name COLLATE NOCASE, o.id",
                  error);
  if (stmt == NULL)
    return NULL;

  /* Collect ids first: loading domains uses another statement. */
  store = g_list_store_new (OD_TYPE_ORGANIZATION);
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (ids, id);
      }
    sqlite3_reset (stmt);
    if (rc != SQLITE_DONE)
      {
        set_sqlite_error (self, rc, error);
        return NULL;
      }
    for (guint i = 0; i < ids->len; i++)
      {
        g_autoptr(OdOrganization) org = load_organization (self, g_array_index (ids, gint64, i), NULL, error);
        if (org == NULL)
          return NULL;
        g_list_store_append (store, org);
      }
  }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

OdOrganization *
od_repository_lookup_organization (OdRepository  *self,
                                   const char    *slug,
                                   GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return load_organization (self, 0, slug, error);
}

OdOrganization *
od_repository_get_organization (OdRepository  *self,
                                gint64         organization_id,
                                GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return load_organization (self, organization_id, NULL, error);
}

static char *
organization_json (OdOrganization *org)
{
  JsonBuilder *b = json_begin ();
  const char * const *domains = od_organization_get_domains (org);

  json_add_string (b, "name", od_organization_get_name (org));
  json_add_string (b, "description", od_organization_get_description (org));
  json_add_string (b, "contact_name", od_organization_get_contact_name (org));
  json_add_string (b, "contact_email", od_organization_get_contact_email (org));
  json_add_string (b, "contact_phone", od_organization_get_contact_phone (org));
  json_add_string (b, "address", od_organization_get_address (org));
  json_add_string (b, "sso_tenant", od_organization_get_sso_tenant (org));
  json_add_string (b, "team_creation_role", od_role_to_string (od_organization_get_team_creation_role (org)));
  json_builder_set_member_name (b, "domains");
  json_builder_begin_array (b);
  for (guint i = 0; domains && domains[i]; i++)
    json_builder_add_string_value (b, domains[i]);
  json_builder_end_array (b);
  return json_end (b);
}

gboolean
od_repository_save_organization (OdRepository    *self,
                                 OdMember        *actor,
                                 OdOrganization  *organization,
                                 GError         **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdOrganization) before = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  const char * const *domains;
  OdRole team_role;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (OD_IS_ORGANIZATION (organization), FALSE);

  if (!validate_text (od_organization_get_name (organization), _("organization name"),
                      MAX_NAME_LENGTH, error))
    return FALSE;
  team_role = od_organization_get_team_creation_role (organization);
  if (team_role != OD_ROLE_WRITE && team_role != OD_ROLE_ADMIN)
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                           _("Teams can be created by Admins only, or by Write members and up."));
      return FALSE;
    }

  if (!txn_begin (self, error))
    return FALSE;

  if (!load_actor_for (self, actor, OD_ACTION_MANAGE_SETTINGS, &who, error))
    goto out;
  if (who.organization_id != od_organization_get_id (organization))
    {
      g_set_error_literal (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_NOT_MEMBER,
                           _("You are not a member of that organization."));
      goto out;
    }
  if (!(before = load_organization (self, who.organization_id, NULL, error)))
    goto out;

  stmt = prepare (self,
    "UPDATE organizations SET name = ?, description = ?, contact_name = ?, contact_email = ?,"
    " contact_phone = ?, address = ?, sso_tenant = ?, team_creation_role = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  bind_text (stmt, 1, od_organization_get_name (organization));
  bind_text (stmt, 2, od_organization_get_description (organization));
  bind_text (stmt, 3, od_organization_get_contact_name (organization));
  bind_text (stmt, 4, od_organization_get_contact_email (organization));
  bind_text (stmt, 5, od_organization_get_contact_phone (organization));
  bind_text (stmt, 6, od_organization_get_address (organization));
  bind_text (stmt, 7, od_organization_get_sso_tenant (organization));
  sqlite3_bind_int (stmt, 8, team_role);
  sqlite3_bind_int64 (stmt, 9, who.organization_id);
  if (!step_done (self, stmt, error))
    goto out;

  stmt = prepare (self, "DELETE FROM organization_domains WHERE organization_id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  if (!step_done (self, stmt, error))
    goto out;

  domains = od_organization_get_domains (organization);
  for (guint i = 0; domains && domains[i]; i++)
    {
      g_autofree char *domain = g_utf8_strdown (domains[i], -1);

      stmt = prepare (self, "INSERT INTO organization_domains (organization_id, domain, position)"
                            " VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, who.organization_id);
      bind_text (stmt, 2, g_strstrip (domain));
      sqlite3_bind_int (stmt, 3, i);
      if (!step_done (self, stmt, error))
        {
          if (g_error_matches (*error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS))
            {
              g_clear_error (error);
              g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                           _("The domain “%s” is listed twice."), domain);
            }
          goto out;
        }
    }

  before_json = organization_json (before);
  after_json = organization_json (organization);
  if (!journal_append (self, who.organization_id, who.id, who.name, "organization.update",
                       od_organization_get_name (organization), before_json, after_json, error))
    goto out;

  queue_change (self, 0, "organizations");
  ok = TRUE;

out:
  return txn_end (self, ok, error);
}

gboolean
od_repository_delete_organization (OdRepository  *self,
                                   OdMember      *actor,
                                   GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdOrganization) before = NULL;
  g_autofree char *before_json = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!txn_begin (self, error))
    return FALSE;

  if (!load_actor_for (self, actor, OD_ACTION_DELETE_ORGANIZATION, &who, error))
    goto out;
  if (!(before = load_organization (self, who.organization_id, NULL, error)))
    goto out;

  stmt = prepare (self, "DELETE FROM organizations WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  if (!step_done (self, stmt, error))
    goto out;

  before_json = organization_json (before);
  if (!journal_append (self, who.organization_id, who.id, who.name, "organization.delete",
                       od_organization_get_name (before), before_json, NULL, error))
    goto out;

  queue_change (self, 0, "organizations");
  queue_change (self, who.organization_id, "members");
  ok = TRUE;

out:
  return txn_end (self, ok, error);
}

/* ---------------------------------------------------------------------------------------------
 * Members
 */

OdMember *
od_repository_get_member (OdRepository  *self,
                          gint64         member_id,
                          GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return load_member (self, member_id, error);
}

OdMember *
od_repository_find_member (OdRepository  *self,
                           gint64         organization_id,
                           const char    *email,
                           GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  OdMember *member = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (email != NULL, NULL);

  key = od_email_normalize (email);
  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = prepare (self, "SELECT " MEMBER_COLUMNS " FROM members m"
                        " WHERE m.organization_id = ? AND m.email_key = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  bind_text (stmt, 2, key);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    member = member_from_row (stmt);
  else
    g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND,
                 _("%s is not a member of this organization."), email);
  sqlite3_reset (stmt);
  return member;
}

OdMember *
od_repository_get_first_owner (OdRepository  *self,
                               gint64         organization_id,
                               GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  gint64 id = 0;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!query_int64 (self, "SELECT id FROM members WHERE organization_id = ? AND role = 4"
                          " ORDER BY joined_at, id LIMIT 1", organization_id, 0, &id, error))
    return NULL;
  if (id == 0)
    {
      not_found (error, _("The organization has no Owner."));
      return NULL;
    }
  return load_member (self, id, error);
}

/* "%text%" for LIKE, with the wildcards in the text escaped. */
static char *
like_pattern (const char *search)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = search; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

static gboolean
has_search (const char *search)
{
  return search != NULL && *search != '\0';
}

guint
_od_repository_count_members (OdRepository  *self,
                              gint64         organization_id,
                              const char    *search,
                              GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt;
  gboolean has_row;
  guint n;

  if (has_search (search))
    {
      g_autofree char *pattern = like_pattern (search);

      stmt = prepare (self, "SELECT count(*) FROM members WHERE organization_id = ?"
                            " AND (name LIKE ?2 ESCAPE '\\' OR email LIKE ?2 ESCAPE '\\')", error);
      if (stmt == NULL)
        return 0;
      bind_text (stmt, 2, pattern);
    }
  else
    {
      stmt = prepare (self, "SELECT count(*) FROM members WHERE organization_id = ?", error);
      if (stmt == NULL)
        return 0;
    }
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (!step_row (self, stmt, &has_row, error))
    return 0;
  n = has_row ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return n;
}

/* One page of members in list order. When `after` (the last member of the previous page) is
 * given, the page starts right after it with an index seek instead of counting `offset` rows,
 * so reading the list from top to bottom costs one index walk in all. */
GPtrArray *
_od_repository_fetch_members (OdRepository  *self,
                              gint64         organization_id,
                              const char    *search,
                              OdMember      *after,
                              guint          offset,
                              guint          limit,
                              GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *pattern = has_search (search) ? like_pattern (search) : NULL;
  g_autofree char *after_key = NULL;
  sqlite3_stmt *stmt;
  int rc;

#define SEARCH_CLAUSE " AND (m.name LIKE ?2 ESCAPE '\\' OR m.email LIKE ?2 ESCAPE '\\')"
#define AFTER_CLAUSE " AND m.name >= ?5 COLLATE NOCASE AND (m.name > ?5 COLLATE NOCASE OR m.email_key > ?6)"
#define ORDER_CLAUSE " ORDER BY m.name COLLATE NOCASE, m.email_key LIMIT ?3 OFFSET ?4"
#define FROM_CLAUSE "SELECT " MEMBER_COLUMNS " FROM members m WHERE m.organization_id = ?1"

  if (pattern && after)
    stmt = prepare (self, FROM_CLAUSE SEARCH_CLAUSE AFTER_CLAUSE ORDER_CLAUSE, error);
  else if (pattern)
    stmt = prepare (self, FROM_CLAUSE SEARCH_CLAUSE ORDER_CLAUSE, error);
  else if (after)
    stmt = prepare (self, FROM_CLAUSE AFTER_CLAUSE ORDER_CLAUSE, error);
  else
    stmt = prepare (self, FROM_CLAUSE ORDER_CLAUSE, error);

#undef SEARCH_CLAUSE
#undef AFTER_CLAUSE
#undef ORDER_CLAUSE
#undef FROM_CLAUSE

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (pattern)
    bind_text (stmt, 2, pattern);
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, after ? 0 : offset);
  if (after)
    {
      after_key = od_email_normalize (od_member_get_email (after));
      bind_text (stmt, 5, od_member_get_name (after));
      bind_text (stmt, 6, after_key);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, member_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GListModel *
od_repository_list_members (OdRepository  *self,
                            gint64         organization_id,
                            const char    *search,
                            GError       **error)
{
  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  return _od_member_list_new (self, organization_id, search, error);
}

guint
od_repository_count_owners (OdRepository  *self,
                            gint64         organization_id,
                            GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  guint n = 0;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  count_owners (self, organization_id, &n, error);
  return n;
}

static gboolean
seat_usage (OdRepository  *self,
            gint64         organization_id,
            guint         *n_members,
            guint         *n_pending,
            guint         *n_seats,
            GError       **error)
{
  gint64 members = 0, pending = 0, seats = 0;

  if (!query_int64 (self, "SELECT count(*) FROM members WHERE organization_id = ?",
                    organization_id, 0, &members, error) ||
      !query_int64 (self, "SELECT count(*) FROM invitations WHERE organization_id = ? AND state = 1"
                          " AND expires_at > ?", organization_id, now_seconds (), &pending, error) ||
      !query_int64 (self, "SELECT seats FROM subscriptions WHERE organization_id = ?",
                    organization_id, 0, &seats, error))
    return FALSE;

  if (n_members)
    *n_members = members;
  if (n_pending)
    *n_pending = pending;
  if (n_seats)
    *n_seats = seats;
  return TRUE;
}

gboolean
od_repository_get_seat_usage (OdRepository  *self,
                              gint64         organization_id,
                              guint         *n_members,
                              guint         *n_pending,
                              guint         *n_seats,
                              GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  return seat_usage (self, organization_id, n_members, n_pending, n_seats, error);
}

/* Loads the target member and checks it belongs to the actor's organization. */
static OdMember *
load_target_member (OdRepository  *self,
                    const Actor   *who,
                    gint64         member_id,
                    GError       **error)
{
  g_autoptr(OdMember) member = load_member (self, member_id, error);

  if (member == NULL)
    return NULL;
  if (od_member_get_organization_id (member) != who->organization_id)
    {
      not_found (error, _("That member is not in your organization."));
      return NULL;
    }
  return g_steal_pointer (&member);
}

gboolean
od_repository_set_member_role (OdRepository  *self,
                               OdMember      *actor,
                               gint64         member_id,
                               OdRole         role,
                               GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdMember) target = NULL;
  g_autoptr(OdMember) after = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *target_text = NULL;
  sqlite3_stmt *stmt;
  guint n_owners = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!txn_begin (self, error))
    return FALSE;

  if (!load_actor (self, actor, &who, error) ||
      !(target = load_target_member (self, &who, member_id, error)) ||
      !count_owners (self, who.organization_id, &n_owners, error) ||
      !od_role_check_change (who.role, od_member_get_role (target), role, n_owners, error))
    goto out;

  if (od_member_get_role (target) == role)
    {
      ok = TRUE;
      goto out;
    }

  stmt = prepare (self, "UPDATE members SET role = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int (stmt, 1, role);
  sqlite3_bind_int64 (stmt, 2, member_id);
  if (!step_done (self, stmt, error))
    goto out;

  if (!(after = load_member (self, member_id, error)))
    goto out;
  before_json = member_json (target);
  after_json = member_json (after);
  target_text = g_strdup_printf ("%s <%s>", od_member_get_name (target), od_member_get_email (target));
  if (!journal_append (self, who.organization_id, who.id, who.name, "member.role", target_text,
                       before_json, after_json, error))
    goto out;

  queue_change (self, who.organization_id, "members");
  ok = TRUE;

out:
  return txn_end (self, ok, error);
}

gboolean
od_repository_remove_member (OdRepository  *self,
                             OdMember      *actor,
                             gint64         member_id,
                             GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdMember) target = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *target_text = NULL;
  sqlite3_stmt *stmt;
  guint n_owners = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!txn_begin (self, error))
    return FALSE;

  if (!load_actor (self, actor, &who, error) ||
      !(target = load_target_member (self, &who, member_id, error)) ||
      !count_owners (self, who.organization_id, &n_owners, error) ||
      !od_role_check_removal (who.role, od_member_get_role (target), who.id == member_id,
                              n_owners, error))
    goto out;

  before_json = member_json (target);
  stmt = prepare (self, "DELETE FROM members WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (!step_done (self, stmt, error))
    goto out;

  target_text = g_strdup_printf ("%s <%s>", od_member_get_name (target), od_member_get_email (target));
  if (!journal_append (self, who.organization_id, who.id, who.name,
                       who.id == member_id ? "member.leave" : "member.remove",
                       target_text, before_json, NULL, error))
    goto out;

  queue_change (self, who.organization_id, "members");
  queue_change (self, who.organization_id, "teams");
  ok = TRUE;

out:
  return txn_end (self, ok, error);
}

/* ---------------------------------------------------------------------------------------------
 * Invitations
 */

#define CODE_ALPHABET "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
#define CODE_GROUPS 4
#define CODE_GROUP_LENGTH 5

/* 100 random bits from the kernel, as four groups of five unambiguous characters. */
static char *
new_invite_code (void)
{
  guint8 bytes[CODE_GROUPS * CODE_GROUP_LENGTH];
  GString *code = g_string_new (NULL);
  gsize got = 0;

  while (got < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + got, sizeof bytes - got, 0);
      if (n < 0 && errno != EINTR)
        g_error ("The kernel gave no random bytes: %s", g_strerror (errno));
      if (n > 0)
        got += n;
    }

  for (guint i = 0; i < sizeof bytes; i++)
    {
      if (i > 0 && i % CODE_GROUP_LENGTH == 0)
        g_string_append_c (code, '-');
      g_string_append_c (code, CODE_ALPHABET[bytes[i] & 31]);
    }
  return g_string_free (code, FALSE);
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

static OdInvitation *
load_invitation (OdRepository  *self,
                 gint64         invitation_id,
                 GError       **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT " INVITATION_COLUMNS " FROM invitations i WHERE i.id = ?",
                                error);
  gboolean has_row;
  OdInvitation *invitation = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, invitation_id);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    invitation = invitation_from_row (stmt);
  else
    not_found (error, _("That invitation no longer exists."));
  sqlite3_reset (stmt);
  return invitation;
}

OdInvitation *
od_repository_invite (OdRepository  *self,
                      OdMember      *actor,
                      const char    *email,
                      OdRole         role,
                      GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autofree char *key = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *code = NULL;
  g_autofree char *after_json = NULL;
  OdInvitation *invitation = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  guint n_members = 0, n_pending = 0, n_seats = 0;
  gint64 now = now_seconds ();
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  if (!od_email_validate (email, error))
    return NULL;
  if (role < OD_ROLE_READ || role > OD_ROLE_OWNER)
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                           _("Unknown role. Use read, write, admin or owner."));
      return NULL;
    }

  key = od_email_normalize (email);
  trimmed = g_strstrip (g_strdup (email));

  if (!txn_begin (self, error))
    return NULL;

  if (!load_actor_for (self, actor, OD_ACTION_INVITE, &who, error))
    goto out;
  if (role == OD_ROLE_OWNER && !od_role_check (who.role, OD_ACTION_MANAGE_OWNERS, error))
    goto out;

  if (!member_exists (self, who.organization_id, key, &has_row, error))
    goto out;
  if (has_row)
    {
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS,
                   _("%s is already a member of this organization."), trimmed);
      goto out;
    }

  stmt = prepare (self, "SELECT 1 FROM invitations WHERE organization_id = ? AND email_key = ?"
                        " AND state = 1 AND expires_at > ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  bind_text (stmt, 2, key);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!step_row (self, stmt, &has_row, error))
    goto out;
  sqlite3_reset (stmt);
  if (has_row)
    {
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS,
                   _("%s has already been invited. Resend the invitation instead."), trimmed);
      goto out;
    }

  if (!seat_usage (self, who.organization_id, &n_members, &n_pending, &n_seats, error))
    goto out;
  if (n_members + n_pending + 1 > n_seats)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_SEAT_LIMIT,
                   _("All %u seats are in use (%u members, %u pending invitations). Add seats to invite %s."),
                   n_seats, n_members, n_pending, trimmed);
      goto out;
    }

  /* An earlier invitation that was revoked or expired keeps its row for the history. */
  code = new_invite_code ();
  stmt = prepare (self,
    "INSERT INTO invitations (organization_id, email, email_key, role, invited_by, invited_by_name,"
    " created_at, expires_at, times_sent, state, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  bind_text (stmt, 2, trimmed);
  bind_text (stmt, 3, key);
  sqlite3_bind_int (stmt, 4, role);
  sqlite3_bind_int64 (stmt, 5, who.id);
  bind_text (stmt, 6, who.name);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now + OD_INVITATION_LIFETIME_DAYS * 24 * 3600);
  bind_text (stmt, 9, code);
  if (!step_done (self, stmt, error))
    goto out;

  if (!(invitation = load_invitation (self, sqlite3_last_insert_rowid (self->db), error)))
    goto out;

  after_json = invitation_json (invitation);
  if (!journal_append (self, who.organization_id, who.id, who.name, "invitation.create", trimmed,
                       NULL, after_json, error))
    goto out;

  queue_change (self, who.organization_id, "invitations");
  ok = TRUE;

out:
  if (!txn_end (self, ok, error))
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
  stmt = prepare (self, "SELECT " INVITATION_COLUMNS " FROM invitations i"
                        " WHERE i.organization_id = ? AND i.state IN (1, 4)"
                        " ORDER BY i.created_at DESC, i.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);

  return collect_rows (self, stmt, OD_TYPE_INVITATION, (RowFunc) invitation_from_row, error);
}

static gboolean
set_invitation_state (OdRepository       *self,
                      gint64              invitation_id,
                      OdInvitationState   state,
                      GError            **error)
{
  sqlite3_stmt *stmt = prepare (self, "UPDATE invitations SET state = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, state);
  sqlite3_bind_int64 (stmt, 2, invitation_id);
  return step_done (self, stmt, error);
}

gboolean
od_repository_revoke_invitation (OdRepository  *self,
                                 OdMember      *actor,
                                 gint64         invitation_id,
                                 GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdInvitation) invitation = NULL;
  g_autofree char *before_json = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!txn_begin (self, error))
    return FALSE;

  if (!load_actor_for (self, actor, OD_ACTION_INVITE, &who, error) ||
      !(invitation = load_invitation (self, invitation_id, error)))
    goto out;
  if (od_invitation_get_organization_id (invitation) != who.organization_id)
    {
      not_found (error, _("That invitation is not in your organization."));
      goto out;
    }
  if (od_invitation_get_role (invitation) == OD_ROLE_OWNER &&
      !od_role_check (who.role, OD_ACTION_MANAGE_OWNERS, error))
    goto out;
  if (od_invitation_get_state (invitation) != OD_INVITATION_PENDING &&
      od_invitation_get_state (invitation) != OD_INVITATION_EXPIRED)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                   _("The invitation for %s is already %s."), od_invitation_get_email (invitation),
                   od_invitation_state_to_string (od_invitation_get_state (invitation)));
      goto out;
    }

  before_json = invitation_json (invitation);
  if (!set_invitation_state (self, invitation_id, OD_INVITATION_REVOKED, error) ||
      !journal_append (self, who.organization_id, who.id, who.name, "invitation.revoke",
                       od_invitation_get_email (invitation), before_json, NULL, error))
    goto out;

  queue_change (self, who.organization_id, "invitations");
  ok = TRUE;

out:
  return txn_end (self, ok, error);
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
  if (!validate_text (name, _("name"), MAX_NAME_LENGTH, error))
    return NULL;

  if (!txn_begin (self, error))
    return NULL;

  stmt = prepare (self, "SELECT id FROM invitations WHERE code = ?", error);
  if (stmt == NULL)
    goto out;
  bind_text (stmt, 1, normalized);
  if (!step_row (self, stmt, &has_row, error))
    goto out;
  invitation_id = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (invitation_id == 0)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVITE_CODE,
                   _("No invitation has the code %s. Check it for typos."), normalized);
      goto out;
    }
  if (!(invitation = load_invitation (self, invitation_id, error)))
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

  if (!insert_member (self, od_invitation_get_organization_id (invitation),
                      od_invitation_get_email (invitation), name, od_invitation_get_role (invitation),
                      now_seconds (), &member_id, error) ||
      !set_invitation_state (self, invitation_id, OD_INVITATION_ACCEPTED, error) ||
      !(member = load_member (self, member_id, error)))
    goto out;

  before_json = invitation_json (invitation);
  after_json = member_json (member);
  if (!journal_append (self, od_member_get_organization_id (member), member_id,
                       od_member_get_name (member), "invitation.accept",
                       od_member_get_email (member), before_json, after_json, error))
    goto out;

  queue_change (self, od_member_get_organization_id (member), "members");
  queue_change (self, od_member_get_organization_id (member), "invitations");
  ok = TRUE;

out:
  if (!txn_end (self, ok, error))
    g_clear_object (&member);
  return member;
}

/* ---------------------------------------------------------------------------------------------
 * Teams
 */

#define TEAM_COLUMNS \
  "t.id, t.organization_id, t.name, t.description, t.created_at," \
  " (SELECT count(*) FROM team_members tm WHERE tm.team_id = t.id)"

static OdTeam *
team_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (OD_TYPE_TEAM,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "organization-id", sqlite3_column_int64 (stmt, 1),
                       "name", column_text (stmt, 2),
                       "description", column_text (stmt, 3),
                       "created-at", sqlite3_column_int64 (stmt, 4),
                       "n-members", (guint) sqlite3_column_int (stmt, 5),
                       NULL);
}

static OdTeam *
load_team (OdRepository  *self,
           const Actor   *who,
           gint64         team_id,
           GError       **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT " TEAM_COLUMNS " FROM teams t WHERE t.id = ?", error);
  gboolean has_row;
  OdTeam *team = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, team_id);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row && (who == NULL || sqlite3_column_int64 (stmt, 1) == who->organization_id))
    team = team_from_row (stmt);
  else
    not_found (error, _("That team no longer exists."));
  sqlite3_reset (stmt);
  return team;
}

static char *
team_json (OdTeam *team)
{
  JsonBuilder *b = json_begin ();

  json_add_int (b, "id", od_team_get_id (team));
  json_add_string (b, "name", od_team_get_name (team));
  json_add_string (b, "description", od_team_get_description (team));
  json_add_int (b, "members", od_team_get_n_members (team));
  return json_end (b);
}

OdTeam *
od_repository_create_team (OdRepository  *self,
                           OdMember      *actor,
                           const char    *name,
                           const char    *description,
                           GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autofree char *trimmed = NULL;
  g_autofree char *key = NULL;
  g_autofree char *after_json = NULL;
  OdTeam *team = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 minimum = OD_ROLE_ADMIN;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  if (!validate_text (name, _("team name"), MAX_NAME_LENGTH, error))
    return NULL;
  trimmed = g_strstrip (g_strdup (name));
  key = g_utf8_casefold (trimmed, -1);

  if (!txn_begin (self, error))
    return NULL;

  if (!load_actor (self, actor, &who, error) ||
      !query_int64 (self, "SELECT team_creation_role FROM organizations WHERE id = ?",
                    who.organization_id, 0, &minimum, error))
    goto out;
  if (who.role < minimum)
    {
      g_set_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED,
                   minimum == OD_ROLE_WRITE
                   ? _("Only members with the Write role or higher can create teams; your role is %s.")
                   : _("Only an Admin or Owner can create teams; your role is %s."),
                   od_role_get_label (who.role));
      goto out;
    }

  stmt = prepare (self, "SELECT 1 FROM teams WHERE organization_id = ? AND name_key = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  bind_text (stmt, 2, key);
  if (!step_row (self, stmt, &has_row, error))
    goto out;
  sqlite3_reset (stmt);
  if (has_row)
    {
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS,
                   _("There is already a team named “%s”. Choose another name."), trimmed);
      goto out;
    }

  stmt = prepare (self, "INSERT INTO teams (organization_id, name, name_key, description, created_at)"
                        " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  bind_text (stmt, 2, trimmed);
  bind_text (stmt, 3, key);
  bind_text (stmt, 4, description ? description : "");
  sqlite3_bind_int64 (stmt, 5, now_seconds ());
  if (!step_done (self, stmt, error) ||
      !(team = load_team (self, &who, sqlite3_last_insert_rowid (self->db), error)))
    goto out;

  after_json = team_json (team);
  if (!journal_append (self, who.organization_id, who.id, who.name, "team.create", trimmed,
                       NULL, after_json, error))
    goto out;

  queue_change (self, who.organization_id, "teams");
  ok = TRUE;

out:
  if (!txn_end (self, ok, error))
    g_clear_object (&team);
  return team;
}

gboolean
od_repository_delete_team (OdRepository  *self,
                           OdMember      *actor,
                           gint64         team_id,
                           GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdTeam) team = NULL;
  g_autofree char *before_json = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!txn_begin (self, error))
    return FALSE;

  if (!load_actor_for (self, actor, OD_ACTION_MANAGE_TEAMS, &who, error) ||
      !(team = load_team (self, &who, team_id, error)))
    goto out;

  stmt = prepare (self, "DELETE FROM teams WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, team_id);
  if (!step_done (self, stmt, error))
    goto out;

  before_json = team_json (team);
  if (!journal_append (self, who.organization_id, who.id, who.name, "team.delete",
                       od_team_get_name (team), before_json, NULL, error))
    goto out;

  queue_change (self, who.organization_id, "teams");
  queue_change (self, who.organization_id, "updates");
  queue_change (self, who.organization_id, "members");
  ok = TRUE;

out:
  return txn_end (self, ok, error);
}

gboolean
od_repository_add_team_member (OdRepository  *self,
                               OdMember      *actor,
                               gint64         team_id,
                               gint64         member_id,
                               GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdTeam) team = NULL;
  g_autoptr(OdMember) member = NULL;
  g_autofree char *target = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!txn_begin (self, error))
    return FALSE;

  if (!load_actor_for (self, actor, OD_ACTION_MANAGE_TEAM_MEMBERSHIP, &who, error) ||
      !(team = load_team (self, &who, team_id, error)) ||
      !(member = load_target_member (self, &who, member_id, error)))
    goto out;

  stmt = prepare (self, "INSERT OR IGNORE INTO team_members (team_id, member_id) VALUES (?, ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, team_id);
  sqlite3_bind_int64 (stmt, 2, member_id);
  if (!step_done (self, stmt, error))
    goto out;

  if (sqlite3_changes (self->db) > 0)
    {
      target = g_strdup_printf ("%s → %s", od_member_get_email (member), od_team_get_name (team));
      if (!journal_append (self, who.organization_id, who.id, who.name, "team.add-member", target,
                           NULL, NULL, error))
        goto out;
      queue_change (self, who.organization_id, "teams");
      queue_change (self, who.organization_id, "members");
    }
  ok = TRUE;

out:
  return txn_end (self, ok, error);
}

GListModel *
od_repository_list_teams (OdRepository  *self,
                          gint64         organization_id,
                          GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = prepare (self, "SELECT " TEAM_COLUMNS " FROM teams t WHERE t.organization_id = ?"
                        " ORDER BY t.name_key", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);

  return collect_rows (self, stmt, OD_TYPE_TEAM, (RowFunc) team_from_row, error);
}

/* ---------------------------------------------------------------------------------------------
 * Updates
 */

#define UPDATE_COLUMNS \
  "u.id, u.organization_id, u.team_id, t.name, u.author_id, u.author_name, u.title, u.content," \
  " u.tags, u.created_at, u.edited_at, (SELECT count(*) FROM comments c WHERE c.update_id = u.id)"

static OdUpdate *
update_from_row (sqlite3_stmt *stmt)
{
  const char *tags = column_text (stmt, 8);
  g_auto(GStrv) tag_list = *tags ? g_strsplit (tags, ",", -1) : g_new0 (char *, 1);

  return g_object_new (OD_TYPE_UPDATE,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "organization-id", sqlite3_column_int64 (stmt, 1),
                       "team-id", sqlite3_column_int64 (stmt, 2),
                       "team-name", column_text_or_null (stmt, 3),
                       "author-id", sqlite3_column_int64 (stmt, 4),
                       "author-name", column_text (stmt, 5),
                       "title", column_text (stmt, 6),
                       "content", column_text (stmt, 7),
                       "tags", tag_list,
                       "created-at", sqlite3_column_int64 (stmt, 9),
                       "edited-at", sqlite3_column_int64 (stmt, 10),
                       "n-comments", (guint) sqlite3_column_int (stmt, 11),
                       NULL);
}

static OdUpdate *
load_update (OdRepository  *self,
             const Actor   *who,
             gint64         update_id,
             GError       **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT " UPDATE_COLUMNS " FROM updates u"
                                      " LEFT JOIN teams t ON t.id = u.team_id WHERE u.id = ?", error);
  gboolean has_row;
  OdUpdate *update = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, update_id);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row && sqlite3_column_int64 (stmt, 1) == who->organization_id)
    update = update_from_row (stmt);
  else
    not_found (error, _("That update no longer exists."));
  sqlite3_reset (stmt);
  return update;
}

static char *
update_json (OdUpdate *update)
{
  JsonBuilder *b = json_begin ();
  g_autofree char *tags = g_strjoinv (",", (char **) od_update_get_tags (update));

  json_add_int (b, "id", od_update_get_id (update));
  json_add_int (b, "team_id", od_update_get_team_id (update));
  json_add_string (b, "author", od_update_get_author_name (update));
  json_add_string (b, "title", od_update_get_title (update));
  json_add_string (b, "content", od_update_get_content (update));
  json_add_string (b, "tags", tags);
  json_add_int (b, "created_at", od_update_get_created_at (update));
  return json_end (b);
}

/* "a, b,,A " → "a,b": trimmed, no empties, no case-insensitive duplicates. */
static char *
normalize_tags (const char *tags)
{
  g_auto(GStrv) parts = g_strsplit (tags ? tags : "", ",", -1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i]; i++)
    {
      char *tag = g_strstrip (parts[i]);
      char *key;

      if (*tag == '\0')
        continue;
      key = g_utf8_casefold (tag, -1);
      if (!g_hash_table_add (seen, key))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, tag);
    }
  return g_string_free (out, FALSE);
}

OdUpdate *
od_repository_post_update (OdRepository  *self,
                           OdMember      *actor,
                           gint64         team_id,
                           const char    *title,
                           const char    *content,
                           const char    *tags,
                           GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdTeam) team = NULL;
  g_autofree char *clean_tags = NULL;
  g_autofree char *trimmed_title = NULL;
  g_autofree char *after_json = NULL;
  OdUpdate *update = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  if (!validate_text (title, _("title"), MAX_NAME_LENGTH, error) ||
      !validate_text (content, _("text for the update"), MAX_CONTENT_LENGTH, error))
    return NULL;
  if (tags != NULL && !g_utf8_validate (tags, -1, NULL))
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                           _("The tags are not valid UTF-8 text."));
      return NULL;
    }
  clean_tags = normalize_tags (tags);
  trimmed_title = g_strstrip (g_strdup (title));

  if (!txn_begin (self, error))
    return NULL;

  if (!load_actor_for (self, actor, OD_ACTION_POST_UPDATE, &who, error))
    goto out;
  if (team_id > 0 && !(team = load_team (self, &who, team_id, error)))
    goto out;

  stmt = prepare (self, "INSERT INTO updates (organization_id, team_id, author_id, author_name, title,"
                        " content, tags, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  if (team_id > 0)
    sqlite3_bind_int64 (stmt, 2, team_id);
  sqlite3_bind_int64 (stmt, 3, who.id);
  bind_text (stmt, 4, who.name);
  bind_text (stmt, 5, trimmed_title);
  bind_text (stmt, 6, content);
  bind_text (stmt, 7, clean_tags);
  sqlite3_bind_int64 (stmt, 8, now_seconds ());
  if (!step_done (self, stmt, error) ||
      !(update = load_update (self, &who, sqlite3_last_insert_rowid (self->db), error)))
    goto out;

  after_json = update_json (update);
  if (!journal_append (self, who.organization_id, who.id, who.name, "update.post",
                       od_update_get_title (update), NULL, after_json, error))
    goto out;

  queue_change (self, who.organization_id, "updates");
  ok = TRUE;

out:
  if (!txn_end (self, ok, error))
    g_clear_object (&update);
  return update;
}

/* Own posts need the Write role; others' need Admin. */
static gboolean
check_post_owner (const Actor  *who,
                  OdUpdate     *update,
                  GError      **error)
{
  if (od_update_get_author_id (update) == who->id)
    return od_role_check (who->role, OD_ACTION_EDIT_OWN_POST, error);
  return od_role_check (who->role, OD_ACTION_EDIT_ANY_POST, error);
}

gboolean
od_repository_edit_update (OdRepository  *self,
                           OdMember      *actor,
                           gint64         update_id,
                           const char    *title,
                           const char    *content,
                           GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdUpdate) before = NULL;
  g_autoptr(OdUpdate) after = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!validate_text (title, _("title"), MAX_NAME_LENGTH, error) ||
      !validate_text (content, _("text for the update"), MAX_CONTENT_LENGTH, error))
    return FALSE;
  trimmed = g_strstrip (g_strdup (title));

  if (!txn_begin (self, error))
    return FALSE;

  if (!load_actor (self, actor, &who, error) ||
      !(before = load_update (self, &who, update_id, error)) ||
      !check_post_owner (&who, before, error))
    goto out;

  stmt = prepare (self, "UPDATE updates SET title = ?, content = ?, edited_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  bind_text (stmt, 1, trimmed);
  bind_text (stmt, 2, content);
  sqlite3_bind_int64 (stmt, 3, now_seconds ());
  sqlite3_bind_int64 (stmt, 4, update_id);
  if (!step_done (self, stmt, error) ||
      !(after = load_update (self, &who, update_id, error)))
    goto out;

  before_json = update_json (before);
  after_json = update_json (after);
  if (!journal_append (self, who.organization_id, who.id, who.name, "update.edit", trimmed,
                       before_json, after_json, error))
    goto out;

  queue_change (self, who.organization_id, "updates");
  ok = TRUE;

out:
  return txn_end (self, ok, error);
}

gboolean
od_repository_delete_update (OdRepository  *self,
                             OdMember      *actor,
                             gint64         update_id,
                             GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdUpdate) before = NULL;
  g_autofree char *before_json = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!txn_begin (self, error))
    return FALSE;

  if (!load_actor (self, actor, &who, error) ||
      !(before = load_update (self, &who, update_id, error)) ||
      !check_post_owner (&who, before, error))
    goto out;

  stmt = prepare (self, "DELETE FROM updates WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, update_id);
  if (!step_done (self, stmt, error))
    goto out;

  before_json = update_json (before);
  if (!journal_append (self, who.organization_id, who.id, who.name, "update.delete",
                       od_update_get_title (before), before_json, NULL, error))
    goto out;

  queue_change (self, who.organization_id, "updates");
  ok = TRUE;

out:
  return txn_end (self, ok, error);
}

GListModel *
od_repository_list_updates (OdRepository  *self,
                            gint64         organization_id,
                            gint64         team_id,
                            guint          limit,
                            GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (team_id < 0)
    stmt = prepare (self, "SELECT " UPDATE_COLUMNS " FROM updates u LEFT JOIN teams t ON t.id = u.team_id"
                          " WHERE u.organization_id = ?1 ORDER BY u.created_at DESC, u.id DESC LIMIT ?3",
                    error);
  else if (team_id == 0)
    stmt = prepare (self, "SELECT " UPDATE_COLUMNS " FROM updates u LEFT JOIN teams t ON t.id = u.team_id"
                          " WHERE u.organization_id = ?1 AND u.team_id IS NULL"
                          " ORDER BY u.created_at DESC, u.id DESC LIMIT ?3", error);
  else
    stmt = prepare (self, "SELECT " UPDATE_COLUMNS " FROM updates u LEFT JOIN teams t ON t.id = u.team_id"
                          " WHERE u.organization_id = ?1 AND u.team_id = ?2"
                          " ORDER BY u.created_at DESC, u.id DESC LIMIT ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (team_id > 0)
    sqlite3_bind_int64 (stmt, 2, team_id);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : G_MAXINT64);

  return collect_rows (self, stmt, OD_TYPE_UPDATE, (RowFunc) update_from_row, error);
}

/* ---------------------------------------------------------------------------------------------
 * Subscription
 */

static OdSubscription *
load_subscription (OdRepository  *self,
                   gint64         organization_id,
                   GError       **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "SELECT organization_id, plan, term, seats, status, started_at, next_billing_at, discount_code,"
    " contact_name, contact_email, contact_phone, country, street, city, region, postal_code"
    " FROM subscriptions WHERE organization_id = ?", error);
  gboolean has_row;
  OdSubscription *subscription = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (!step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    subscription = g_object_new (OD_TYPE_SUBSCRIPTION,
                                 "organization-id", sqlite3_column_int64 (stmt, 0),
                                 "plan", column_text (stmt, 1),
                                 "term", (OdTerm) sqlite3_column_int (stmt, 2),
                                 "seats", (guint) sqlite3_column_int (stmt, 3),
                                 "status", (OdSubscriptionStatus) sqlite3_column_int (stmt, 4),
                                 "started-at", sqlite3_column_int64 (stmt, 5),
                                 "next-billing-at", sqlite3_column_int64 (stmt, 6),
                                 "discount-code", column_text_or_null (stmt, 7),
                                 "contact-name", column_text (stmt, 8),
                                 "contact-email", column_text (stmt, 9),
                                 "contact-phone", column_text (stmt, 10),
                                 "country", column_text (stmt, 11),
                                 "street", column_text (stmt, 12),
                                 "city", column_text (stmt, 13),
                                 "region", column_text (stmt, 14),
                                 "postal-code", column_text (stmt, 15),
                                 NULL);
  else
    not_found (error, _("The organization has no subscription."));
  sqlite3_reset (stmt);
  return subscription;
}

OdSubscription *
od_repository_get_subscription (OdRepository  *self,
                                gint64         organization_id,
                                GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return load_subscription (self, organization_id, error);
}

gboolean
od_repository_set_seats (OdRepository  *self,
                         OdMember      *actor,
                         guint          seats,
                         GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdSubscription) before = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *target = NULL;
  sqlite3_stmt *stmt;
  guint n_members = 0, n_pending = 0;
  gint64 amount;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!txn_begin (self, error))
    return FALSE;

  if (!load_actor_for (self, actor, OD_ACTION_MANAGE_BILLING, &who, error) ||
      !(before = load_subscription (self, who.organization_id, error)) ||
      !seat_usage (self, who.organization_id, &n_members, &n_pending, NULL, error))
    goto out;

  if (seats < 1 || seats < n_members + n_pending)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_OUT_OF_RANGE,
                   _("The organization needs at least %u seats: it has %u members and %u pending "
                     "invitations. Remove members or revoke invitations first."),
                   MAX (1, n_members + n_pending), n_members, n_pending);
      goto out;
    }
  if (seats > 1000000)
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_OUT_OF_RANGE,
                           _("A subscription can have at most 1,000,000 seats."));
      goto out;
    }
  if (seats == od_subscription_get_seats (before))
    {
      ok = TRUE;
      goto out;
    }

  stmt = prepare (self, "UPDATE subscriptions SET seats = ? WHERE organization_id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int (stmt, 1, seats);
  sqlite3_bind_int64 (stmt, 2, who.organization_id);
  if (!step_done (self, stmt, error))
    goto out;

  before_json = g_strdup_printf ("{\"seats\":%u}", od_subscription_get_seats (before));
  after_json = g_strdup_printf ("{\"seats\":%u}", seats);
  amount = ((gint64) seats - od_subscription_get_seats (before)) * od_subscription_get_price_cents (before);

  stmt = prepare (self, "INSERT INTO billing_history (organization_id, actor_name, kind, before, after,"
                        " amount_cents, created_at) VALUES (?, ?, 'seats', ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  bind_text (stmt, 2, who.name);
  bind_text (stmt, 3, before_json);
  bind_text (stmt, 4, after_json);
  sqlite3_bind_int64 (stmt, 5, amount);
  sqlite3_bind_int64 (stmt, 6, now_seconds ());
  if (!step_done (self, stmt, error))
    goto out;

  target = g_strdup_printf (_("%u seats"), seats);
  if (!journal_append (self, who.organization_id, who.id, who.name, "subscription.seats", target,
                       before_json, after_json, error))
    goto out;

  queue_change (self, who.organization_id, "subscription");
  ok = TRUE;

out:
  return txn_end (self, ok, error);
}

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
                       "actor-name", column_text (stmt, 3),
                       "action", column_text (stmt, 4),
                       "target", column_text (stmt, 5),
                       "before-json", column_text_or_null (stmt, 6),
                       "after-json", column_text_or_null (stmt, 7),
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
  stmt = prepare (self, "SELECT id, organization_id, actor_id, actor_name, action, target, before_json,"
                        " after_json, created_at FROM journal WHERE organization_id = ?"
                        " ORDER BY id DESC LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : G_MAXINT64);

  return collect_rows (self, stmt, OD_TYPE_JOURNAL_ENTRY, (RowFunc) journal_entry_from_row, error);
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
  query_int64 (self, "SELECT count(*) FROM journal WHERE organization_id = ?", organization_id, 0,
               &n, error);
  return (guint) n;
}

/* ---------------------------------------------------------------------------------------------
 * Demo data
 */

#define DEMO_SEED 20261128
#define DEMO_EPOCH G_GINT64_CONSTANT (1761955200) /* 2025-11-01: the data looks the same on every run */

static const char * const demo_first[] = {
  "Ana", "Bo", "Chen", "Dara", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kavya", "Luca",
  "Maya", "Noor", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tomás", "Uma", "Viktor", "Wen",
  "Xavier", "Yara", "Zoe", "Aiko", "Björn", "Camila", "Dmitri", "Emeka", "Fatima", "Gabriel",
  "Hana", "Ivan", "Julia", "Kofi", "Leila", "Mateo", "Nadia",
};
static const char * const demo_last[] = {
  "Silva", "Larsen", "Wang", "Okafor", "Yilmaz", "Adeyemi", "Novak", "Tanaka", "García", "Müller",
  "Iyer", "Rossi", "Cohen", "Haddad", "Farouk", "Sharma", "O’Brien", "Moreno", "Kallio", "Ferreira",
  "Kim", "Petrov", "Li", "Dubois", "Mensah", "Jensen", "Sato", "Andersson", "Costa", "Volkov",
  "Nwosu", "Rahman", "Martin", "Suzuki", "Horvat", "Schmidt", "Asante", "Karimi", "López", "Nowak",
};
static const char * const demo_teams[] = {
  "Platform", "Mobile", "Web", "Data", "Security", "Developer Experience", "Design", "Support",
  "Infrastructure", "Growth", "Billing", "Search", "Machine Learning", "Quality", "Release",
  "Documentation", "Partnerships", "Research", "Observability", "Identity",
};
static const char * const demo_subjects[] = {
  "Release 4.2 is out", "Planning for next quarter", "On-call handbook updated", "New onboarding guide",
  "Deprecating the old API keys", "Team offsite recap", "Welcome to our new members",
  "Incident review: search latency", "Model policy changes", "Hack week results",
};
static const char * const demo_tags[] = {
  "release", "planning", "ops", "people", "security", "policy", "api", "docs",
};

static const char *
pick (GRand *rand, const char * const *list, guint n)
{
  return list[g_rand_int_range (rand, 0, n)];
}

static char *
demo_email_part (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

OdOrganization *
od_repository_create_demo (OdRepository  *self,
                           guint          n_members,
                           guint          n_teams,
                           guint          n_updates,
                           guint          seats,
                           GError       **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (DEMO_SEED);
  g_autoptr(GArray) writers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) team_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *slug = NULL;
  g_autofree char *after = NULL;
  OdOrganization *org = NULL;
  sqlite3_stmt *stmt;
  gint64 org_id, owner_id, now = now_seconds ();
  guint n_pending;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  n_members = MAX (n_members, 1);
  n_pending = MIN (n_members / 20, 50);
  if (seats == 0)
    seats = n_members + n_pending + MAX (5, n_members / 10);
  if (seats < n_members + n_pending)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_OUT_OF_RANGE,
                   _("%u seats are too few for %u members and %u pending invitations."),
                   seats, n_members, n_pending);
      return NULL;
    }

  if (!txn_begin (self, error))
    return NULL;

  if (!(slug = unique_slug (self, "Northwind Labs", error)))
    goto out;

  stmt = prepare (self, "INSERT INTO organizations (name, slug, description, contact_name, contact_email,"
                        " address, created_at) VALUES ('Northwind Labs', ?, ?, 'Alex Morgan',"
                        " 'alex.morgan@northwind.example', ?, ?)", error);
  if (stmt == NULL)
    goto out;
  bind_text (stmt, 1, slug);
  bind_text (stmt, 2, "A demonstration organization with synthetic members, teams and updates.");
  bind_text (stmt, 3, "1 Harbour Street\nSeattle, WA 98101\nUnited States");
  sqlite3_bind_int64 (stmt, 4, DEMO_EPOCH - 730 * 86400);
  if (!step_done (self, stmt, error))
    goto out;
  org_id = sqlite3_last_insert_rowid (self->db);

  stmt = prepare (self, "INSERT INTO organization_domains (organization_id, domain, position)"
                        " VALUES (?, 'northwind.example', 0)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, org_id);
  if (!step_done (self, stmt, error))
    goto out;

  if (!insert_member (self, org_id, "alex.morgan@northwind.example", "Alex Morgan", OD_ROLE_OWNER,
                      DEMO_EPOCH - 730 * 86400, &owner_id, error))
    goto out;
  g_array_append_val (writers, owner_id);

  stmt = prepare (self, "INSERT INTO teams (organization_id, name, name_key, description, created_at)"
                        " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  for (guint i = 0; i < n_teams; i++)
    {
      const char *base = demo_teams[i % G_N_ELEMENTS (demo_teams)];
      guint round = i / G_N_ELEMENTS (demo_teams);
      g_autofree char *name = round == 0 ? g_strdup (base) : g_strdup_printf ("%s %u", base, round + 1);
      g_autofree char *key = g_utf8_casefold (name, -1);
      g_autofree char *description = g_strdup_printf ("The %s team.", name);
      gint64 id;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, org_id);
      bind_text (stmt, 2, name);
      bind_text (stmt, 3, key);
      bind_text (stmt, 4, description);
      sqlite3_bind_int64 (stmt, 5, DEMO_EPOCH - 600 * 86400);
      if (!step_done (self, stmt, error))
        goto out;
      id = sqlite3_last_insert_rowid (self->db);
      g_array_append_val (team_ids, id);
    }

  if (team_ids->len > 0)
    {
      stmt = prepare (self, "INSERT OR IGNORE INTO team_members (team_id, member_id) VALUES (?, ?)", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, g_array_index (team_ids, gint64, 0));
      sqlite3_bind_int64 (stmt, 2, owner_id);
      if (!step_done (self, stmt, error))
        goto out;
    }

  stmt = prepare (self,
    "INSERT INTO members (organization_id, email, email_key, name, role, joined_at, last_active_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  for (guint i = 1; i < n_members; i++)
    {
      const char *first = pick (rand, demo_first, G_N_ELEMENTS (demo_first));
      const char *last = pick (rand, demo_last, G_N_ELEMENTS (demo_last));
      g_autofree char *name = g_strdup_printf ("%s %s", first, last);
      g_autofree char *f = demo_email_part (first);
      g_autofree char *l = demo_email_part (last);
      g_autofree char *email = g_strdup_printf ("%s.%s%u@northwind.example", f, l, i);
      guint dice = g_rand_int_range (rand, 0, 100);
      OdRole role = dice < 2 ? OD_ROLE_ADMIN : dice < 62 ? OD_ROLE_WRITE : OD_ROLE_READ;
      gint64 joined = DEMO_EPOCH - g_rand_int_range (rand, 1, 700) * 86400 + g_rand_int_range (rand, 0, 86400);
      gint64 active = joined + g_rand_int_range (rand, 0, (DEMO_EPOCH - joined) / 3600 + 1) * 3600;
      gint64 id;

      if (i % 997 == 0)
        role = OD_ROLE_OWNER;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, org_id);
      bind_text (stmt, 2, email);
      bind_text (stmt, 3, email);
      bind_text (stmt, 4, name);
      sqlite3_bind_int (stmt, 5, role);
      sqlite3_bind_int64 (stmt, 6, joined);
      sqlite3_bind_int64 (stmt, 7, active);
      if (!step_done (self, stmt, error))
        goto out;
      id = sqlite3_last_insert_rowid (self->db);
      if (role >= OD_ROLE_WRITE && writers->len < 500)
        g_array_append_val (writers, id);

      /* One to three teams each. */
      for (guint k = 0, n = team_ids->len ? g_rand_int_range (rand, 1, 4) : 0; k < n; k++)
        {
          sqlite3_stmt *join = prepare (self, "INSERT OR IGNORE INTO team_members (team_id, member_id)"
                                              " VALUES (?, ?)", error);
          if (join == NULL)
            goto out;
          sqlite3_bind_int64 (join, 1, g_array_index (team_ids, gint64,
                                                      g_rand_int_range (rand, 0, team_ids->len)));
          sqlite3_bind_int64 (join, 2, id);
          if (!step_done (self, join, error))
            goto out;
        }
    }

  stmt = prepare (self, "INSERT INTO updates (organization_id, team_id, author_id, author_name, title,"
                        " content, tags, created_at) SELECT ?, ?, id, name, ?, ?, ?, ? FROM members"
                        " WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  for (guint i = 0; i < n_updates; i++)
    {
      const char *subject = pick (rand, demo_subjects, G_N_ELEMENTS (demo_subjects));
      g_autofree char *title = g_strdup_printf ("%s (#%u)", subject, i + 1);
      g_autofree char *tags = g_strdup_printf ("%s,%s", pick (rand, demo_tags, G_N_ELEMENTS (demo_tags)),
                                               pick (rand, demo_tags, G_N_ELEMENTS (demo_tags)));
      g_autofree char *clean_tags = normalize_tags (tags);
      g_autofree char *content = g_strdup_printf (
        "%s.\n\nThis is synthetic update number %u, written for trying Orgdesk out. Reply in the "
        "comments or react to let the author know you read it.", subject, i + 1);
      gboolean for_team = team_ids->len > 0 && g_rand_int_range (rand, 0, 10) < 3;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, org_id);
      if (for_team)
        sqlite3_bind_int64 (stmt, 2, g_array_index (team_ids, gint64,
                                                     g_rand_int_range (rand, 0, team_ids->len)));
      else
        sqlite3_bind_null (stmt, 2);
      bind_text (stmt, 3, title);
      bind_text (stmt, 4, content);
      bind_text (stmt, 5, clean_tags);
      sqlite3_bind_int64 (stmt, 6, DEMO_EPOCH - (gint64) (n_updates - i) * 3 * 3600);
      sqlite3_bind_int64 (stmt, 7, g_array_index (writers, gint64,
                                                  g_rand_int_range (rand, 0, writers->len)));
      if (!step_done (self, stmt, error))
        goto out;
    }

  stmt = prepare (self,
    "INSERT INTO invitations (organization_id, email, email_key, role, invited_by, invited_by_name,"
    " created_at, expires_at, times_sent, state, code)"
    " VALUES (?, ?, ?, ?, ?, 'Alex Morgan', ?, ?, 1, 1, ?)", error);
  if (stmt == NULL)
    goto out;
  for (guint i = 0; i < n_pending; i++)
    {
      g_autofree char *email = g_strdup_printf ("candidate%u@partner.example", i + 1);
      g_autofree char *code = new_invite_code ();

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, org_id);
      bind_text (stmt, 2, email);
      bind_text (stmt, 3, email);
      sqlite3_bind_int (stmt, 4, i % 5 == 0 ? OD_ROLE_ADMIN : OD_ROLE_WRITE);
      sqlite3_bind_int64 (stmt, 5, owner_id);
      sqlite3_bind_int64 (stmt, 6, now - (i % 6) * 86400);
      sqlite3_bind_int64 (stmt, 7, now + (OD_INVITATION_LIFETIME_DAYS - i % 6) * 86400);
      bind_text (stmt, 8, code);
      if (!step_done (self, stmt, error))
        goto out;
    }

  stmt = prepare (self,
    "INSERT INTO subscriptions (organization_id, plan, term, seats, status, started_at, next_billing_at,"
    " contact_name, contact_email, country, street, city, region, postal_code)"
    " VALUES (?, 'Teams', ?, ?, ?, ?, ?, 'Alex Morgan', 'billing@northwind.example', 'US',"
    " '1 Harbour Street', 'Seattle', 'WA', '98101')", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, org_id);
  sqlite3_bind_int (stmt, 2, OD_TERM_MONTHLY);
  sqlite3_bind_int (stmt, 3, seats);
  sqlite3_bind_int (stmt, 4, OD_SUBSCRIPTION_ACTIVE);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int64 (stmt, 6, next_billing_after (now, OD_TERM_MONTHLY));
  if (!step_done (self, stmt, error))
    goto out;

  {
    JsonBuilder *b = json_begin ();
    json_add_string (b, "slug", slug);
    json_add_int (b, "members", n_members);
    json_add_int (b, "teams", n_teams);
    json_add_int (b, "updates", n_updates);
    json_add_int (b, "pending_invitations", n_pending);
    json_add_int (b, "seats", seats);
    after = json_end (b);
  }
  if (!journal_append (self, org_id, owner_id, "Alex Morgan", "organization.demo", "Northwind Labs",
                       NULL, after, error) ||
      !(org = load_organization (self, org_id, NULL, error)))
    goto out;

  queue_change (self, 0, "organizations");
  ok = TRUE;

out:
  if (!txn_end (self, ok, error))
    g_clear_object (&org);
  return org;
}
