/* test-credentials.c — API keys against the real gnome-keyring-daemon of tests/headless.sh: store,
 * read back, replace, delete; a failure after the secret went to the keyring leaves neither a row
 * nor an orphan secret; and a marker secret appears in no database file, export, published policy,
 * journal or log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Outside tests/headless.sh (HEADLESS_INNER unset) every test is skipped, so that a developer's
 * own keyring is never touched.
 */
#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "od-credential.h"
#include "od-credential-store.h"
#include "od-error.h"
#include "od-journal-entry.h"
#include "od-policy.h"
#include "od-settings.h"

#include "settings-test-util.h"

#define MARKER "sk-ORGDESK-MARKER-7f3a9c51d2e84b06aa41"
#define MARKER_2 "sk-ORGDESK-MARKER-2-e6b1f0c3d9a27458"

static GString *log_text;

static GLogWriterOutput
capture_log (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  for (gsize i = 0; log_text != NULL && i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE"))
      {
        if (fields[i].length < 0)
          g_string_append (log_text, fields[i].value);
        else
          g_string_append_len (log_text, fields[i].value, fields[i].length);
        g_string_append_c (log_text, '\n');
      }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static gboolean
keyring_available (void)
{
  if (g_strcmp0 (g_getenv ("HEADLESS_INNER"), "1") != 0)
    {
      g_test_skip ("needs the throw-away keyring of tests/headless.sh");
      return FALSE;
    }
  return TRUE;
}

static GHashTable *
fields_of (const char * const *pairs)
{
  GHashTable *fields = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; pairs && pairs[i]; i += 2)
    g_hash_table_insert (fields, (gpointer) pairs[i], (gpointer) pairs[i + 1]);
  return fields;
}

static OdCredential *
create (Fixture *f, OdMember *actor, const char *provider, const char *name, const char * const *pairs,
        const char *secret, GError **error)
{
  g_autoptr(GHashTable) fields = fields_of (pairs);
  GAsyncResult *result = NULL;
  OdCredential *credential;

  od_credential_store_create_async (f->repo, actor, provider, name, fields, secret, NULL, store_result_cb, &result);
  credential = od_credential_store_create_finish (f->repo, wait_for_result (&result), error);
  g_object_unref (result);
  return credential;
}

static OdCredential *
update (Fixture *f, gint64 id, const char *name, const char * const *pairs, const char *secret, GError **error)
{
  g_autoptr(GHashTable) fields = pairs ? fields_of (pairs) : NULL;
  GAsyncResult *result = NULL;
  OdCredential *credential;

  od_credential_store_update_async (f->repo, f->owner, id, name, fields, secret, NULL, store_result_cb, &result);
  credential = od_credential_store_update_finish (f->repo, wait_for_result (&result), error);
  g_object_unref (result);
  return credential;
}

static gboolean
delete_credential (Fixture *f, gint64 id, GError **error)
{
  GAsyncResult *result = NULL;
  gboolean ok;

  od_credential_store_delete_async (f->repo, f->owner, id, NULL, store_result_cb, &result);
  ok = od_credential_store_delete_finish (f->repo, wait_for_result (&result), error);
  g_object_unref (result);
  return ok;
}

static char *
lookup (Fixture *f, gint64 id, GError **error)
{
  GAsyncResult *result = NULL;
  char *secret;

  od_credential_store_lookup_async (f->repo, f->owner, id, NULL, store_result_cb, &result);
  secret = od_credential_store_lookup_finish (f->repo, wait_for_result (&result), error);
  g_object_unref (result);
  return secret;
}

/* Straight from the keyring, by the schema and attributes of SPEC §2. */
static char *
keyring_secret (gint64 organization_id, gint64 credential_id)
{
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_sync (od_credential_store_get_schema (), NULL, &error,
                                              "organization-id", (int) organization_id,
                                              "credential-id", (int) credential_id, NULL);
  g_assert_no_error (error);
  return secret;
}

static guint
keyring_items_of (gint64 organization_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = secret_attributes_build (od_credential_store_get_schema (),
                                                              "organization-id", (int) organization_id, NULL);
  GList *items = secret_password_searchv_sync (od_credential_store_get_schema (), attributes,
                                               SECRET_SEARCH_ALL, NULL, &error);
  guint n = g_list_length (items);

  g_assert_no_error (error);
  g_list_free_full (items, g_object_unref);
  return n;
}

static void
run_sql (Fixture *f, const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
test_store_read_replace_delete (Fixture *f, gconstpointer data)
{
  static const char * const pairs[] = { "project_id", "proj_42", "organization_id", " org-7 ", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OdCredential) c = NULL;
  g_autoptr(OdCredential) edited = NULL;
  g_autoptr(OdCredential) renamed = NULL;
  g_autoptr(JsonNode) fields = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *direct = NULL;
  JsonObject *o;

  if (!keyring_available ())
    return;

  c = create (f, f->owner, "openai", "Production", pairs, MARKER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (od_credential_get_provider (c), ==, "openai");
  g_assert_cmpstr (od_credential_get_name (c), ==, "Production");
  g_assert_cmpstr (od_credential_get_last_four (c), ==, "aa41");
  fields = json_from_string (od_credential_get_fields_json (c), NULL);
  o = json_node_get_object (fields);
  g_assert_cmpstr (json_object_get_string_member (o, "project_id"), ==, "proj_42");
  g_assert_cmpstr (json_object_get_string_member (o, "organization_id"), ==, "org-7");
  g_assert_cmpstr (json_object_get_string_member (o, "api_url"), ==, "https://api.openai.com");
  g_assert_false (json_object_has_member (o, "api_key"));

  /* Read back, through the store and straight from the keyring. */
  secret = lookup (f, od_credential_get_id (c), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, MARKER);
  direct = keyring_secret (org_id (f), od_credential_get_id (c));
  g_assert_cmpstr (direct, ==, MARKER);
  g_clear_pointer (&secret, od_credential_secret_free);
  g_clear_pointer (&direct, g_free);

  list = od_credential_store_list (f->repo, org_id (f), &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  /* Same name again is refused before the keyring is touched. */
  {
    g_autoptr(OdCredential) twin = create (f, f->owner, "anthropic", " production ", NULL, "sk-ant-xxxxxxxxxxxxxxx", &error);
    g_assert_null (twin);
    g_assert_error (error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_EXISTS);
    g_clear_error (&error);
    g_assert_cmpuint (keyring_items_of (org_id (f)), ==, 1);
  }

  /* Replace the secret. */
  edited = update (f, od_credential_get_id (c), NULL, NULL, MARKER_2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (od_credential_get_last_four (edited), ==, "7458");
  g_assert_cmpstr (od_credential_get_fields_json (edited), ==, od_credential_get_fields_json (c));
  secret = lookup (f, od_credential_get_id (c), &error);
  g_assert_cmpstr (secret, ==, MARKER_2);
  g_clear_pointer (&secret, od_credential_secret_free);
  g_assert_cmpuint (keyring_items_of (org_id (f)), ==, 1);

  /* An edit without a secret keeps it. */
  renamed = update (f, od_credential_get_id (c), "Staging", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (od_credential_get_name (renamed), ==, "Staging");
  g_assert_cmpstr (od_credential_get_last_four (renamed), ==, "7458");
  secret = lookup (f, od_credential_get_id (c), &error);
  g_assert_cmpstr (secret, ==, MARKER_2);
  g_clear_pointer (&secret, od_credential_secret_free);

  /* Delete removes both. */
  g_assert_true (delete_credential (f, od_credential_get_id (c), &error));
  g_assert_no_error (error);
  g_assert_null (keyring_secret (org_id (f), od_credential_get_id (c)));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM credentials"), ==, 0);
  {
    g_autoptr(GListModel) j = od_repository_list_journal (f->repo, org_id (f), 4, NULL);
    static const char * const actions[] = { "credential.delete", "credential.update", "credential.update",
                                            "credential.create" };
    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      {
        g_autoptr(OdJournalEntry) e = g_list_model_get_item (j, i);
        g_assert_cmpstr (od_journal_entry_get_action (e), ==, actions[i]);
      }
  }
  g_assert_false (delete_credential (f, od_credential_get_id (c), &error));
  g_assert_error (error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_NOT_FOUND);
}

static void
test_every_provider (Fixture *f, gconstpointer data)
{
  static const char * const azure[] = { "endpoint", "https://acme.openai.azure.com/", "deployment", "gpt-4o-prod", NULL };
  static const char * const bedrock[] = { "access_key_id", "AKIAIOSFODNN7EXAMPLE", "region", "eu-central-1", NULL };
  const char *service_account =
    "{\"type\": \"service_account\", \"project_id\": \"acme-ai\","
    " \"private_key_id\": \"0123456789abcdef0123456789abcdef01234567\","
    " \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n" MARKER "\\n-----END PRIVATE KEY-----\\n\","
    " \"client_email\": \"orgdesk@acme-ai.iam.gserviceaccount.com\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(OdCredential) a = NULL;
  g_autoptr(OdCredential) az = NULL;
  g_autoptr(OdCredential) b = NULL;
  g_autoptr(OdCredential) g = NULL;
  g_autoptr(OdCredential) gk = NULL;
  g_autofree char *secret = NULL;

  if (!keyring_available ())
    return;

  a = create (f, f->owner, "anthropic", "Claude", NULL, "sk-ant-api03-0123456789", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (od_credential_get_fields_json (a), "https://api.anthropic.com"));
  az = create (f, f->owner, "azure-openai", "Azure", azure, "0123456789abcdef0123", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (od_credential_get_fields_json (az), "\"api_version\":\"2024-10-21\""));
  b = create (f, f->owner, "bedrock", "Bedrock", bedrock, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (od_credential_get_last_four (b), ==, "EKEY");
  g_assert_nonnull (strstr (od_credential_get_fields_json (b), "AKIAIOSFODNN7EXAMPLE"));
  secret = lookup (f, od_credential_get_id (b), &error);
  g_assert_cmpstr (secret, ==, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  g_clear_pointer (&secret, od_credential_secret_free);

  g = create (f, f->owner, "gemini", "Vertex", NULL, service_account, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (od_credential_get_fields_json (g), "\"auth\":\"service_account\""));
  g_assert_nonnull (strstr (od_credential_get_fields_json (g), "orgdesk@acme-ai.iam.gserviceaccount.com"));
  g_assert_null (strstr (od_credential_get_fields_json (g), "PRIVATE KEY"));
  g_assert_cmpstr (od_credential_get_last_four (g), ==, "4567");
  secret = lookup (f, od_credential_get_id (g), &error);
  g_assert_cmpstr (secret, ==, service_account);
  g_clear_pointer (&secret, od_credential_secret_free);

  gk = create (f, f->owner, "gemini", "Studio", NULL, "AIzaSyA-0123456789abcdefghij", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (od_credential_get_fields_json (gk), "\"auth\":\"api_key\""));

  g_assert_cmpuint (keyring_items_of (org_id (f)), ==, 5);
  g_assert_false (file_contains (f->path, MARKER));
  for (OdCredential **c = (OdCredential *[]) { a, az, b, g, gk, NULL }; *c; c++)
    g_assert_true (delete_credential (f, od_credential_get_id (*c), NULL));
  g_assert_cmpuint (keyring_items_of (org_id (f)), ==, 0);
}

static void
test_permission (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdMember) writer = NULL;
  g_autoptr(OdCredential) c = NULL;

  if (!keyring_available ())
    return;

  writer = add_member (f, "writer@acme.example", OD_ROLE_WRITE);
  c = create (f, writer, "openai", "Mine", NULL, MARKER, &error);
  g_assert_null (c);
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_assert_cmpuint (keyring_items_of (org_id (f)), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM credential_ids"), ==, 0);
}

/* The row cannot be written after the secret was stored: the secret goes again. */
static void
test_failed_insert_leaves_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdCredential) c = NULL;

  if (!keyring_available ())
    return;

  run_sql (f, "CREATE TRIGGER refuse BEFORE INSERT ON credentials BEGIN SELECT RAISE (ABORT, 'disk trouble'); END;");
  c = create (f, f->owner, "openai", "Production", NULL, MARKER, &error);
  g_assert_null (c);
  g_assert_nonnull (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM credentials"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM credential_ids"), ==, 0);
  g_assert_cmpuint (keyring_items_of (org_id (f)), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM journal WHERE action LIKE 'credential.%'"), ==, 0);
}

/* The row cannot take a new secret: the keyring gets the old one back. */
static void
test_failed_update_restores_secret (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdCredential) c = NULL;
  g_autoptr(OdCredential) edited = NULL;
  g_autofree char *secret = NULL;

  if (!keyring_available ())
    return;

  c = create (f, f->owner, "openai", "Production", NULL, MARKER, &error);
  g_assert_no_error (error);
  run_sql (f, "CREATE TRIGGER refuse BEFORE UPDATE ON credentials BEGIN SELECT RAISE (ABORT, 'disk trouble'); END;");
  edited = update (f, od_credential_get_id (c), NULL, NULL, MARKER_2, &error);
  g_assert_null (edited);
  g_assert_nonnull (error);
  secret = keyring_secret (org_id (f), od_credential_get_id (c));
  g_assert_cmpstr (secret, ==, MARKER);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM credentials WHERE last_four = 'aa41'"), ==, 1);
  run_sql (f, "DROP TRIGGER refuse");
  g_assert_true (delete_credential (f, od_credential_get_id (c), NULL));
}

/* Every place where data leaves the core, with a marker secret stored. */
static void
test_marker_appears_nowhere (Fixture *f, gconstpointer data)
{
  static const char * const pairs[] = { "project_id", "proj_marker", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OdCredential) c = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) journal = NULL;
  g_autoptr(OdSettings) settings = NULL;
  g_autoptr(JsonNode) settings_json = NULL;
  g_autoptr(OdPolicyRevision) revision = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autofree char *policy = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "policy", NULL);
  g_autofree char *journal_path = g_build_filename (f->dir, "journal.json", NULL);
  g_autofree char *journal_csv = g_build_filename (f->dir, "journal.csv", NULL);
  static const char * const suffixes[] = { "", "-wal", "-shm", NULL };

  if (!keyring_available ())
    return;

  /* Every log message from now on, at every level. */
  log_text = g_string_new (NULL);

  c = create (f, f->owner, "openai", "Production", pairs, MARKER, &error);
  g_assert_no_error (error);
  {
    g_autoptr(OdCredential) edited = update (f, od_credential_get_id (c), NULL, NULL, MARKER "-rotated", &error);
    g_assert_no_error (error);
  }

  list = od_credential_store_list (f->repo, org_id (f), &error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdCredential) item = g_list_model_get_item (list, i);
      g_string_append_printf (seen, "%s %s %s %s\n", od_credential_get_name (item), od_credential_get_provider (item),
                              od_credential_get_fields_json (item), od_credential_get_last_four (item));
    }

  policy = od_policy_export (f->repo, org_id (f), &error);
  g_assert_no_error (error);
  g_string_append (seen, policy);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  revision = od_policy_publish (f->repo, f->owner, org_id (f), folder, NULL, &error);
  g_assert_no_error (error);

  settings = od_settings_load (f->repo, org_id (f), &error);
  settings_json = od_settings_to_json (settings);
  {
    g_autofree char *text = json_to_string (settings_json, FALSE);
    g_string_append (seen, text);
  }

  journal = od_repository_list_journal (f->repo, org_id (f), 0, &error);
  for (guint i = 0; i < g_list_model_get_n_items (journal); i++)
    {
      g_autoptr(OdJournalEntry) e = g_list_model_get_item (journal, i);
      g_string_append_printf (seen, "%s %s %s %s\n", od_journal_entry_get_action (e), od_journal_entry_get_target (e),
                              od_journal_entry_get_before_json (e) ? od_journal_entry_get_before_json (e) : "",
                              od_journal_entry_get_after_json (e) ? od_journal_entry_get_after_json (e) : "");
    }
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (k == 0 ? journal_path : journal_csv);
      g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (od_repository_export_journal (f->repo, org_id (f), k == 0, G_OUTPUT_STREAM (out), NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL));
    }

  /* The secret is still there, only in the keyring. */
  {
    g_autofree char *secret = keyring_secret (org_id (f), od_credential_get_id (c));
    g_assert_cmpstr (secret, ==, MARKER "-rotated");
  }

  g_assert_null (strstr (seen->str, MARKER));
  g_assert_null (strstr (log_text->str, MARKER));
  g_assert_nonnull (strstr (seen->str, "credential.create"));
  g_assert_false (file_contains (journal_path, MARKER));
  g_assert_false (file_contains (journal_csv, MARKER));
  g_assert_true (file_contains (journal_path, "credential.update"));
  for (guint i = 0; suffixes[i]; i++)
    {
      g_autofree char *path = g_strconcat (f->path, suffixes[i], NULL);
      g_assert_false (file_contains (path, MARKER));
    }
  {
    g_autoptr(GDir) d = g_dir_open (folder, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (d)))
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);
        g_assert_false (file_contains (path, MARKER));
        g_assert_true (file_contains (path, "\"schema_version\""));
        n++;
      }
    g_assert_cmpuint (n, ==, 2);
  }

  g_assert_true (delete_credential (f, od_credential_get_id (c), NULL));
  g_string_free (log_text, TRUE);
  log_text = NULL;
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (capture_log, NULL, NULL);
  log_text = NULL;

#define ADD(path, func) \
  g_test_add ("/credential/keyring/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("store-read-replace-delete", test_store_read_replace_delete);
  ADD ("every-provider", test_every_provider);
  ADD ("permission", test_permission);
  ADD ("failed-insert-leaves-nothing", test_failed_insert_leaves_nothing);
  ADD ("failed-update-restores-secret", test_failed_update_restores_secret);
  ADD ("marker-appears-nowhere", test_marker_appears_nowhere);

  return g_test_run ();
}
