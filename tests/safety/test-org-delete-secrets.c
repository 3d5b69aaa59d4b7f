/* test-org-delete-secrets.c — deleting an organization takes its API keys out of the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With the throw-away keyring of tests/headless.sh (HEADLESS_INNER=1; skipped elsewhere so that a
 * person's own keyring is never touched): an API key of every provider is stored, only an Owner
 * may delete the organization, and after the deletion the keyring holds none of its secrets while
 * another organization's stay. With ORGDESK_TEST_NO_BUS=1 (no session bus at all): an
 * organization that never had an API key is deleted without the keyring, and one that had is
 * refused with a message and left whole, so that no secret outlives it unseen.
 */
#include <string.h>
#include <gio/gio.h>
#include <libsecret/secret.h>

#include "od-credential.h"
#include "od-credential-store.h"
#include "od-error.h"

#include "../settings/settings-test-util.h"

#define MARKER "sk-SAFETY-ORGDELETE-MARKER-51c0ffee"

static gboolean
have_test_keyring (void)
{
  if (g_strcmp0 (g_getenv ("HEADLESS_INNER"), "1") != 0 ||
      g_strcmp0 (g_getenv ("ORGDESK_TEST_NO_BUS"), "1") == 0)
    {
      g_test_skip ("needs the throw-away keyring of tests/headless.sh");
      return FALSE;
    }
  return TRUE;
}

static char *
lookup_secret (gint64 organization_id,
               gint64 credential_id)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GError) error = NULL;
  char *secret;

  g_hash_table_insert (attributes, (gpointer) "organization-id",
                       g_strdup_printf ("%" G_GINT64_FORMAT, organization_id));
  g_hash_table_insert (attributes, (gpointer) "credential-id",
                       g_strdup_printf ("%" G_GINT64_FORMAT, credential_id));
  secret = secret_password_lookupv_sync (od_credential_store_get_schema (), attributes, NULL, &error);
  g_assert_no_error (error);
  return secret;
}

static gint64
create_credential (OdRepository *repo,
                   OdMember     *actor,
                   const char   *provider,
                   const char   *name,
                   const char   *secret)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OdCredential) credential = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (provider, "azure-openai"))
    {
      g_hash_table_insert (fields, (gpointer) "endpoint", (gpointer) "https://acme.openai.azure.com");
      g_hash_table_insert (fields, (gpointer) "deployment", (gpointer) "gpt-4o");
    }
  else if (g_str_equal (provider, "bedrock"))
    {
      g_hash_table_insert (fields, (gpointer) "access_key_id", (gpointer) "AKIAIOSFODNN7EXAMPLE");
      g_hash_table_insert (fields, (gpointer) "region", (gpointer) "us-east-1");
    }
  od_credential_store_create_async (repo, actor, provider, name, fields, secret, NULL, store_result_cb, &result);
  credential = od_credential_store_create_finish (repo, wait_for_result (&result), &error);
  g_assert_no_error (error);
  return od_credential_get_id (credential);
}

static void
test_delete_clears_secrets (Fixture *f, gconstpointer data)
{
  const char * const *providers = od_credential_store_get_providers ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(OdOrganization) other = NULL;
  g_autoptr(OdOrganization) again = NULL;
  g_autoptr(OdMember) other_owner = NULL;
  g_autoptr(OdMember) admin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  gint64 other_id, id = org_id (f);

  if (!have_test_keyring ())
    return;

  other = od_repository_create_organization (f->repo, "Other", "o@other.example", "Oscar", 5, &error);
  g_assert_no_error (error);
  other_owner = od_repository_get_first_owner (f->repo, od_organization_get_id (other), &error);
  g_assert_no_error (error);
  other_id = create_credential (f->repo, other_owner, "openai", "Theirs", MARKER "-other");

  for (guint i = 0; providers[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("Key %u", i);
      g_autofree char *secret = g_strdup_printf ("%s-%s", MARKER, providers[i]);
      gint64 cid = create_credential (f->repo, f->owner, providers[i], name, secret);
      g_autofree char *found = lookup_secret (id, cid);

      g_assert_cmpstr (found, ==, secret);
      g_array_append_val (ids, cid);
    }

  /* An Admin may not delete the organization: it and its secrets stay. */
  admin = add_member (f, "admin@acme.example", OD_ROLE_ADMIN);
  g_assert_false (od_repository_delete_organization (f->repo, admin, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *found = lookup_secret (id, g_array_index (ids, gint64, i));
      g_assert_nonnull (found);
    }

  g_assert_true (od_repository_delete_organization (f->repo, f->owner, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM organizations WHERE slug = 'acme-tools'"), ==, 0);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *found = lookup_secret (id, g_array_index (ids, gint64, i));
      g_assert_null (found);
    }
  kept = lookup_secret (od_organization_get_id (other), other_id);
  g_assert_cmpstr (kept, ==, MARKER "-other");

  /* A new organization may get the same id: it finds none of the old secrets. */
  again = od_repository_create_organization (f->repo, "Acme Again", "new@acme.example", "Nia", 5, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *found = lookup_secret (od_organization_get_id (again), g_array_index (ids, gint64, i));
      g_assert_null (found);
    }
}

static void
test_without_keyring (Fixture *f, gconstpointer data)
{
  g_autoptr(OdOrganization) plain = NULL;
  g_autoptr(OdMember) plain_owner = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;

  if (g_strcmp0 (g_getenv ("ORGDESK_TEST_NO_BUS"), "1") != 0)
    {
      g_test_skip ("runs with ORGDESK_TEST_NO_BUS=1");
      return;
    }

  /* Never had an API key: deleted without asking the keyring. */
  plain = od_repository_create_organization (f->repo, "Plain", "p@plain.example", "Pat", 5, &error);
  g_assert_no_error (error);
  plain_owner = od_repository_get_first_owner (f->repo, od_organization_get_id (plain), &error);
  g_assert_no_error (error);
  g_assert_true (od_repository_delete_organization (f->repo, plain_owner, &error));
  g_assert_no_error (error);

  /* Had one (its id reserved, as every create does first): refused, and nothing is deleted. */
  sql = g_strdup_printf ("INSERT INTO credential_ids (organization_id, reserved_at) VALUES (%" G_GINT64_FORMAT ", 0)",
                         org_id (f));
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (od_repository_delete_organization (f->repo, f->owner, &error));
  g_assert_error (error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_NO_KEYRING);
  g_assert_nonnull (strstr (error->message, "Nothing was deleted"));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM organizations WHERE slug = 'acme-tools'"), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM journal WHERE action = 'organization.delete'"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_autofree char *runtime = NULL;

  if (g_strcmp0 (g_getenv ("ORGDESK_TEST_NO_BUS"), "1") == 0)
    {
      /* No session bus, no display, no $XDG_RUNTIME_DIR/bus: GDBus cannot find or start one. */
      runtime = g_dir_make_tmp ("orgdesk-nobus-XXXXXX", NULL);
      g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
      g_unsetenv ("DISPLAY");
      g_unsetenv ("WAYLAND_DISPLAY");
      g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
    }

  g_test_init (&argc, &argv, NULL);
  od_credential_store_set_timeout (3);
  g_test_add ("/safety/org-delete/clears-secrets", Fixture, NULL, fixture_set_up, test_delete_clears_secrets,
              fixture_tear_down);
  g_test_add ("/safety/org-delete/without-keyring", Fixture, NULL, fixture_set_up, test_without_keyring,
              fixture_tear_down);
  {
    int status = g_test_run ();
    if (runtime != NULL)
      g_rmdir (runtime);
    return status;
  }
}
