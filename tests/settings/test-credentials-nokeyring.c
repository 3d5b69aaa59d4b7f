/* test-credentials-nokeyring.c — credentials when no keyring can be reached: a clear
 * OD_CREDENTIAL_ERROR_NO_KEYRING, nothing stored, no row, and never a plain-text fallback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under `dbus-run-session --config-file=tests/settings/nosvc-bus.conf -- PROGRAM`: a session
 * bus with no service directories, so org.freedesktop.secrets cannot be activated. With
 * ORGDESK_TEST_NO_BUS=1 it first forgets the session bus and the display, as on a machine with
 * neither. One test plays a Secret Service that never answers, to check the timeout.
 */
#include <string.h>
#include <gio/gio.h>

#include "od-credential.h"
#include "od-credential-store.h"
#include "od-error.h"

#include "settings-test-util.h"

#define MARKER "sk-ORGDESK-MARKER-7f3a9c51d2e84b06"

static OdCredential *
create (Fixture *f, GError **error)
{
  GAsyncResult *result = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  OdCredential *credential;

  g_hash_table_insert (fields, (gpointer) "project_id", (gpointer) "proj_42");
  od_credential_store_create_async (f->repo, f->owner, "openai", "Production", fields, MARKER, NULL,
                                    store_result_cb, &result);
  credential = od_credential_store_create_finish (f->repo, wait_for_result (&result), error);
  g_object_unref (result);
  return credential;
}

static void
assert_nothing_stored (Fixture *f)
{
  g_autoptr(GListModel) list = od_credential_store_list (f->repo, org_id (f), NULL);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM credentials"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM credential_ids"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM journal WHERE action LIKE 'credential.%'"), ==, 0);
  g_assert_false (file_contains (f->path, MARKER));
}

static void
test_no_secret_service (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdCredential) credential = create (f, &error);

  g_assert_null (credential);
  g_assert_error (error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_NO_KEYRING);
  g_assert_nonnull (strstr (error->message, "Nothing was stored"));
  g_assert_null (strstr (error->message, MARKER));
  assert_nothing_stored (f);
}

/* A row whose secret cannot be reached: deleting refuses and keeps it, reading says why. */
static void
test_delete_and_lookup_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO credential_ids (id, organization_id, reserved_at) VALUES (7, %lld, 0);"
    "INSERT INTO credentials (id, organization_id, provider, name, name_key, created_at, updated_at)"
    " VALUES (7, %lld, 'anthropic', 'Old key', 'old key', 0, 0);", (long long) org_id (f), (long long) org_id (f));
  sqlite3 *db = NULL;
  char *secret;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  od_credential_store_delete_async (f->repo, f->owner, 7, NULL, store_result_cb, &result);
  g_assert_false (od_credential_store_delete_finish (f->repo, wait_for_result (&result), &error));
  g_assert_error (error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_NO_KEYRING);
  g_assert_nonnull (strstr (error->message, "Nothing was changed"));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM credentials WHERE id = 7"), ==, 1);
  g_clear_object (&result);
  g_clear_error (&error);

  od_credential_store_lookup_async (f->repo, f->owner, 7, NULL, store_result_cb, &result);
  secret = od_credential_store_lookup_finish (f->repo, wait_for_result (&result), &error);
  g_assert_null (secret);
  g_assert_error (error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_NO_KEYRING);
  g_clear_object (&result);
}

/* A Secret Service that takes every call and never answers, as a locked keyring waiting for its
 * unlock prompt does. */
static const char fake_service_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Secret.Service'>"
  "    <method name='OpenSession'><arg type='s' direction='in'/><arg type='v' direction='in'/>"
  "      <arg type='v' direction='out'/><arg type='o' direction='out'/></method>"
  "    <method name='ReadAlias'><arg type='s' direction='in'/><arg type='o' direction='out'/></method>"
  "    <method name='SearchItems'><arg type='a{ss}' direction='in'/><arg type='ao' direction='out'/>"
  "      <arg type='ao' direction='out'/></method>"
  "    <method name='Unlock'><arg type='ao' direction='in'/><arg type='ao' direction='out'/>"
  "      <arg type='o' direction='out'/></method>"
  "  </interface>"
  "</node>";

static void
hold_call (GDBusConnection       *connection,
           const char            *sender,
           const char            *object_path,
           const char            *interface_name,
           const char            *method_name,
           GVariant              *parameters,
           GDBusMethodInvocation *invocation,
           gpointer               user_data)
{
  GPtrArray *held = user_data;

  /* Never answered while the test runs; released (unanswered) at its end. */
  g_ptr_array_add (held, g_object_ref (invocation));
}

static void
test_keyring_never_answers (Fixture *f, gconstpointer data)
{
  static const GDBusInterfaceVTable vtable = { hold_call, NULL, NULL, { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(OdCredential) credential = NULL;
  g_autoptr(GVariant) reply = NULL;
  gint64 started;
  guint registration;

  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (fake_service_xml, &error);
  g_assert_no_error (error);
  registration = g_dbus_connection_register_object (bus, "/org/freedesktop/secrets", info->interfaces[0],
                                                    &vtable, held, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.secrets", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  od_credential_store_set_timeout (1);
  started = g_get_monotonic_time ();
  credential = create (f, &error);
  od_credential_store_set_timeout (0);

  g_assert_null (credential);
  g_assert_error (error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_NO_KEYRING);
  g_assert_nonnull (strstr (error->message, "did not answer"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 8 * G_USEC_PER_SEC);
  g_assert_cmpuint (held->len, >, 0);
  assert_nothing_stored (f);

  g_dbus_connection_unregister_object (bus, registration);
}

int
main (int argc, char **argv)
{
  gboolean no_bus = g_strcmp0 (g_getenv ("ORGDESK_TEST_NO_BUS"), "1") == 0;
  g_autofree char *runtime = NULL;

  if (no_bus)
    {
      /* No session bus, no display, no $XDG_RUNTIME_DIR/bus: GDBus cannot find or start one. */
      runtime = g_dir_make_tmp ("orgdesk-nobus-XXXXXX", NULL);
      g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
      g_unsetenv ("DISPLAY");
      g_unsetenv ("WAYLAND_DISPLAY");
      g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
    }

  g_test_init (&argc, &argv, NULL);

  if (no_bus)
    {
      g_test_add ("/credential/no-keyring/no-bus", Fixture, NULL, fixture_set_up, test_no_secret_service,
                  fixture_tear_down);
    }
  else
    {
      g_test_add ("/credential/no-keyring/no-secret-service", Fixture, NULL, fixture_set_up,
                  test_no_secret_service, fixture_tear_down);
      g_test_add ("/credential/no-keyring/delete-and-lookup-refused", Fixture, NULL, fixture_set_up,
                  test_delete_and_lookup_refused, fixture_tear_down);
      /* Last: once it owns org.freedesktop.secrets, libsecret keeps talking to it. */
      g_test_add ("/credential/no-keyring/never-answers", Fixture, NULL, fixture_set_up,
                  test_keyring_never_answers, fixture_tear_down);
    }

  {
    int status = g_test_run ();
    if (runtime != NULL)
      g_rmdir (runtime);
    return status;
  }
}
