/* test-repository.c — the SQLite repository: opening, migrations, refusals, transactions,
 * the journal, and every rule enforced on the real database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "od-error.h"
#include "od-invitation.h"
#include "od-journal-entry.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-repository.h"
#include "od-subscription.h"
#include "od-team.h"
#include "od-update.h"

typedef struct
{
  char           *dir;
  char           *path;
  OdRepository   *repo;
  OdOrganization *org;
  OdMember       *owner;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("orgdesk-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "orgdesk.db", NULL);
  f->repo = od_repository_open (f->path, &error);
  g_assert_no_error (error);
  f->org = od_repository_create_organization (f->repo, "Acme Tools", "owner@acme.example",
                                              "Olive Owner", 10, &error);
  g_assert_no_error (error);
  f->owner = od_repository_get_first_owner (f->repo, od_organization_get_id (f->org), &error);
  g_assert_no_error (error);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->owner);
  g_clear_object (&f->org);
  g_clear_object (&f->repo);
  remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Adds a member with a role straight through the invitation flow. */
static OdMember *
add_member (Fixture *f, const char *email, const char *name, OdRole role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdInvitation) inv = od_repository_invite (f->repo, f->owner, email, role, &error);
  OdMember *m;

  g_assert_no_error (error);
  m = od_repository_accept_invitation (f->repo, od_invitation_get_code (inv), name, &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_member_get_role (m), ==, role);
  return m;
}

static guint
journal_count (Fixture *f)
{
  return od_repository_count_journal (f->repo, od_organization_get_id (f->org), NULL);
}

static char *
last_journal_action (Fixture *f)
{
  g_autoptr(GListModel) j = od_repository_list_journal (f->repo, od_organization_get_id (f->org), 1, NULL);
  g_autoptr(OdJournalEntry) e = g_list_model_get_item (j, 0);
  return g_strdup (od_journal_entry_get_action (e));
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return g_strdup ("missing");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static void
run_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* ---------------------------------------------------------------------------------------------
 * Opening
 */

static void
test_migrates_empty_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("orgdesk-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "nested", "folder", "orgdesk.db", NULL);
  g_autoptr(OdRepository) repo = NULL;
  g_autoptr(GListModel) orgs = NULL;

  repo = od_repository_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_repository_get_schema_version (repo), ==, OD_SCHEMA_VERSION);
  orgs = od_repository_list_organizations (repo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (orgs), ==, 0);
  g_clear_object (&repo);

  /* Opening again runs no migration and keeps the version. */
  repo = od_repository_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_repository_get_schema_version (repo), ==, OD_SCHEMA_VERSION);
  g_clear_object (&repo);

  /* A zero-byte file counts as empty, as SQLite itself sees it. */
  {
    g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
    g_assert_true (g_file_set_contents (empty, "", 0, NULL));
    repo = od_repository_open (empty, &error);
    g_assert_no_error (error);
    g_assert_cmpint (od_repository_get_schema_version (repo), ==, OD_SCHEMA_VERSION);
    g_clear_object (&repo);
    g_unlink (empty);
  }

  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_autofree char *d1 = g_path_get_dirname (path);
    g_autofree char *d2 = g_path_get_dirname (d1);
    g_unlink (wal); g_unlink (shm); g_rmdir (d1); g_rmdir (d2);
  }
  remove_dir (dir);
}

static void
assert_refused (const char *path, int code, const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = file_checksum (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(OdRepository) repo = od_repository_open (path, &error);
  g_autofree char *after = file_checksum (path);

  g_assert_null (repo);
  g_assert_error (error, OD_REPOSITORY_ERROR, code);
  g_assert_nonnull (strstr (error->message, needle));
  g_assert_nonnull (strstr (error->message, "untouched"));
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuses_newer_schema (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgdesk-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autoptr(OdRepository) repo = od_repository_open (path, NULL);

  g_assert_nonnull (repo);
  g_clear_object (&repo);
  run_sql (path, "PRAGMA journal_mode = DELETE;"
                 "INSERT INTO schema_version (version, applied_at) VALUES (99, 0);");
  assert_refused (path, OD_REPOSITORY_ERROR_NEWER_SCHEMA, "newer version of Orgdesk");
  remove_dir (dir);
}

static void
test_refuses_foreign_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgdesk-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "foreign.db", NULL);

  run_sql (path, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                 "INSERT INTO moz_places (url) VALUES ('https://example.com');");
  assert_refused (path, OD_REPOSITORY_ERROR_NOT_ORGDESK, "another program");
  remove_dir (dir);
}

static void
test_refuses_non_sqlite_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgdesk-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < 200; i++)
    g_string_append (text, "These are my notes, not a database at all.\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  g_string_free (text, TRUE);
  assert_refused (path, OD_REPOSITORY_ERROR_NOT_DATABASE, "not a SQLite file");
  remove_dir (dir);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gpointer
count_orgs_in_worker (OdRepository  *repo,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GListModel) orgs = od_repository_list_organizations (repo, error);

  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  return orgs ? GUINT_TO_POINTER (g_list_model_get_n_items (orgs) + 1) : NULL;
}

static void
test_async_open_and_run (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgdesk-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "async.db", NULL);
  g_autoptr(OdRepository) repo = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gpointer value;

  od_repository_open_async (path, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  repo = od_repository_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (repo);
  g_clear_object (&result);

  od_repository_run_async (repo, count_orgs_in_worker, NULL, NULL, NULL, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  value = od_repository_run_finish (repo, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (GPOINTER_TO_UINT (value), ==, 1);
  g_clear_object (&result);

  /* Errors come back from the worker as they were set there. */
  g_clear_object (&repo);
  repo = od_repository_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&repo);
  remove_dir (dir);
}

/* ---------------------------------------------------------------------------------------------
 * Organizations and the journal
 */

static void
test_create_organization (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdOrganization) again = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  guint members, pending, seats;

  g_assert_cmpstr (od_organization_get_slug (f->org), ==, "acme-tools");
  g_assert_cmpstr (od_organization_get_name (f->org), ==, "Acme Tools");
  g_assert_cmpint (od_member_get_role (f->owner), ==, OD_ROLE_OWNER);
  g_assert_cmpstr (od_member_get_email (f->owner), ==, "owner@acme.example");

  /* Same name → a distinct slug. */
  again = od_repository_create_organization (f->repo, "Acme  Tools!", "x@acme.example", "X", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (od_organization_get_slug (again), ==, "acme-tools-2");

  g_assert_true (od_repository_get_seat_usage (f->repo, od_organization_get_id (f->org),
                                               &members, &pending, &seats, &error));
  g_assert_cmpuint (members, ==, 1);
  g_assert_cmpuint (pending, ==, 0);
  g_assert_cmpuint (seats, ==, 10);

  sub = od_repository_get_subscription (f->repo, od_organization_get_id (f->org), &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_subscription_get_term (sub), ==, OD_TERM_MONTHLY);
  g_assert_cmpint (od_subscription_get_total_cents (sub), ==, 10 * 2299);
  g_assert_cmpint (od_subscription_get_next_billing_at (sub), >, od_subscription_get_started_at (sub));

  g_assert_cmpuint (journal_count (f), ==, 1);
  {
    g_autofree char *action = last_journal_action (f);
    g_assert_cmpstr (action, ==, "organization.create");
  }
}

static void
test_create_organization_validation (Fixture *f, gconstpointer data)
{
  static const struct { const char *name, *email, *owner; int domain_code; } cases[] = {
    { "",       "a@b.example", "A", OD_VALIDATION_ERROR_REQUIRED },
    { "   ",    "a@b.example", "A", OD_VALIDATION_ERROR_REQUIRED },
    { "Org",    "not-an-email", "A", OD_VALIDATION_ERROR_INVALID },
    { "Org",    "a@b.example", "",  OD_VALIDATION_ERROR_REQUIRED },
  };
  g_autoptr(GListModel) orgs = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OdOrganization) org =
        od_repository_create_organization (f->repo, cases[i].name, cases[i].email, cases[i].owner, 0, &error);
      g_assert_null (org);
      g_assert_error (error, OD_VALIDATION_ERROR, cases[i].domain_code);
    }
  orgs = od_repository_list_organizations (f->repo, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (orgs), ==, 1);
}

static void
test_lookup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdOrganization) found = od_repository_lookup_organization (f->repo, "acme-tools", &error);
  g_autoptr(OdOrganization) missing = NULL;
  g_autoptr(OdMember) m = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (od_organization_get_id (found), ==, od_organization_get_id (f->org));

  missing = od_repository_lookup_organization (f->repo, "nope", &error);
  g_assert_null (missing);
  g_assert_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Emails match case-insensitively and with surrounding spaces. */
  m = od_repository_find_member (f->repo, od_organization_get_id (f->org), "  OWNER@Acme.Example ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_member_get_id (m), ==, od_member_get_id (f->owner));
}

static void
test_save_organization (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdOrganization) copy = od_repository_get_organization (f->repo, od_organization_get_id (f->org), NULL);
  g_autoptr(OdOrganization) reread = NULL;
  g_autoptr(OdMember) writer = add_member (f, "w@acme.example", "Wim Writer", OD_ROLE_WRITE);
  const char *domains[] = { "acme.example", "Acme.Dev", NULL };
  guint before = journal_count (f);

  g_object_set (copy, "description", "We make tools.", "domains", domains, "sso-tenant", "tenant-42", NULL);

  g_assert_false (od_repository_save_organization (f->repo, writer, copy, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (journal_count (f), ==, before);

  g_assert_true (od_repository_save_organization (f->repo, f->owner, copy, &error));
  g_assert_no_error (error);
  reread = od_repository_get_organization (f->repo, od_organization_get_id (f->org), NULL);
  g_assert_cmpstr (od_organization_get_description (reread), ==, "We make tools.");
  g_assert_cmpstr (od_organization_get_sso_tenant (reread), ==, "tenant-42");
  g_assert_cmpuint (g_strv_length ((char **) od_organization_get_domains (reread)), ==, 2);
  g_assert_cmpstr (od_organization_get_domains (reread)[1], ==, "acme.dev");
  g_assert_cmpuint (journal_count (f), ==, before + 1);
}

/* A failure in the middle of a change (here: the journal row) leaves no trace of it. */
static void
test_rollback_leaves_no_partial_change (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdMember) writer = add_member (f, "w@acme.example", "Wim Writer", OD_ROLE_WRITE);
  g_autoptr(OdMember) reread = NULL;
  guint before = journal_count (f);

  run_sql (f->path, "CREATE TRIGGER fail_journal BEFORE INSERT ON journal "
                    "BEGIN SELECT RAISE(ABORT, 'journal is full'); END;");

  g_assert_false (od_repository_set_member_role (f->repo, f->owner, od_member_get_id (writer),
                                                 OD_ROLE_ADMIN, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The UPDATE of the role ran before the journal insert failed: it must be rolled back. */
  reread = od_repository_get_member (f->repo, od_member_get_id (writer), &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_member_get_role (reread), ==, OD_ROLE_WRITE);

  g_assert_null (od_repository_create_team (f->repo, f->owner, "Ghost", NULL, &error));
  g_clear_error (&error);

  run_sql (f->path, "DROP TRIGGER fail_journal;");
  g_assert_cmpuint (journal_count (f), ==, before);
  {
    g_autoptr(GListModel) teams = od_repository_list_teams (f->repo, od_organization_get_id (f->org), NULL);
    g_assert_cmpuint (g_list_model_get_n_items (teams), ==, 0);
  }

  /* And the repository keeps working afterwards. */
  g_assert_true (od_repository_set_member_role (f->repo, f->owner, od_member_get_id (writer),
                                                OD_ROLE_ADMIN, &error));
  g_assert_no_error (error);
}

/* Every mutation appends exactly one journal row, in the same transaction. */
static void
test_journal_row_per_mutation (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdMember) w = add_member (f, "w@acme.example", "Wim", OD_ROLE_WRITE);
  g_autoptr(OdTeam) team = NULL;
  g_autoptr(OdUpdate) update = NULL;
  g_autoptr(OdInvitation) inv = NULL;
  guint n = journal_count (f);
  g_autofree char *action = NULL;

#define EXPECT(name) G_STMT_START { \
    g_assert_no_error (error); \
    g_assert_cmpuint (journal_count (f), ==, ++n); \
    g_free (action); action = last_journal_action (f); \
    g_assert_cmpstr (action, ==, name); \
  } G_STMT_END

  team = od_repository_create_team (f->repo, f->owner, "Platform", "Runs things", &error);
  EXPECT ("team.create");
  od_repository_add_team_member (f->repo, f->owner, od_team_get_id (team), od_member_get_id (w), &error);
  EXPECT ("team.add-member");
  update = od_repository_post_update (f->repo, w, od_team_get_id (team), "Hello", "First post", "a, b", &error);
  EXPECT ("update.post");
  od_repository_edit_update (f->repo, w, od_update_get_id (update), "Hello again", "Edited", &error);
  EXPECT ("update.edit");
  od_repository_delete_update (f->repo, w, od_update_get_id (update), &error);
  EXPECT ("update.delete");
  od_repository_set_member_role (f->repo, f->owner, od_member_get_id (w), OD_ROLE_ADMIN, &error);
  EXPECT ("member.role");
  inv = od_repository_invite (f->repo, f->owner, "new@acme.example", OD_ROLE_READ, &error);
  EXPECT ("invitation.create");
  od_repository_revoke_invitation (f->repo, f->owner, od_invitation_get_id (inv), &error);
  EXPECT ("invitation.revoke");
  od_repository_set_seats (f->repo, f->owner, 12, &error);
  EXPECT ("subscription.seats");
  od_repository_delete_team (f->repo, f->owner, od_team_get_id (team), &error);
  EXPECT ("team.delete");
  od_repository_remove_member (f->repo, f->owner, od_member_get_id (w), &error);
  EXPECT ("member.remove");

#undef EXPECT

  /* The journal keeps the before and after of a role change as JSON. */
  {
    g_autoptr(GListModel) j = od_repository_list_journal (f->repo, od_organization_get_id (f->org), 0, NULL);
    gboolean seen = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (j); i++)
      {
        g_autoptr(OdJournalEntry) e = g_list_model_get_item (j, i);
        if (g_str_equal (od_journal_entry_get_action (e), "member.role"))
          {
            g_assert_nonnull (strstr (od_journal_entry_get_before_json (e), "\"role\":\"write\""));
            g_assert_nonnull (strstr (od_journal_entry_get_after_json (e), "\"role\":\"admin\""));
            g_assert_cmpstr (od_journal_entry_get_actor_name (e), ==, "Olive Owner");
            seen = TRUE;
          }
      }
    g_assert_true (seen);
  }
}

/* A refused change writes no journal row either. */
static void
test_refusal_writes_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdMember) r = add_member (f, "r@acme.example", "Rae Reader", OD_ROLE_READ);
  guint n = journal_count (f);

  g_assert_null (od_repository_post_update (f->repo, r, 0, "Hi", "Body", NULL, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_null (od_repository_invite (f->repo, r, "x@acme.example", OD_ROLE_READ, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (journal_count (f), ==, n);
}

/* ---------------------------------------------------------------------------------------------
 * Roles, enforced through the repository for every caller
 */

typedef struct
{
  Fixture  *f;
  OdMember *actor;
  OdMember *victim;       /* a Write member others act on */
  OdUpdate *foreign_post; /* posted by the owner */
} Scene;

/* Each returns TRUE when the repository allowed it. */
static gboolean
try_post (Scene *s, GError **e)
{
  g_autoptr(OdUpdate) u = od_repository_post_update (s->f->repo, s->actor, 0, "T", "C", NULL, e);
  return u != NULL;
}
static gboolean
try_edit_own (Scene *s, GError **e)
{
  /* The actor's own post is made by the owner on their behalf only if they can post at all. */
  g_autoptr(OdUpdate) u = od_repository_post_update (s->f->repo, s->actor, 0, "Mine", "C", NULL, e);
  return u != NULL && od_repository_edit_update (s->f->repo, s->actor, od_update_get_id (u), "Mine!", "C2", e);
}
static gboolean
try_edit_any (Scene *s, GError **e)
{
  return od_repository_edit_update (s->f->repo, s->actor, od_update_get_id (s->foreign_post), "X", "Y", e);
}
static gboolean
try_create_team (Scene *s, GError **e)
{
  g_autoptr(OdTeam) t = od_repository_create_team (s->f->repo, s->actor, "New team", NULL, e);
  return t != NULL;
}
static gboolean
try_invite (Scene *s, GError **e)
{
  g_autoptr(OdInvitation) i = od_repository_invite (s->f->repo, s->actor, "fresh@acme.example", OD_ROLE_WRITE, e);
  return i != NULL;
}
static gboolean
try_invite_owner (Scene *s, GError **e)
{
  g_autoptr(OdInvitation) i = od_repository_invite (s->f->repo, s->actor, "boss@acme.example", OD_ROLE_OWNER, e);
  return i != NULL;
}
static gboolean
try_change_role (Scene *s, GError **e)
{
  return od_repository_set_member_role (s->f->repo, s->actor, od_member_get_id (s->victim), OD_ROLE_READ, e);
}
static gboolean
try_grant_owner (Scene *s, GError **e)
{
  return od_repository_set_member_role (s->f->repo, s->actor, od_member_get_id (s->victim), OD_ROLE_OWNER, e);
}
static gboolean
try_demote_owner (Scene *s, GError **e)
{
  /* A second Owner exists in this scene, so only the permission can refuse it. */
  return od_repository_set_member_role (s->f->repo, s->actor, od_member_get_id (s->f->owner), OD_ROLE_ADMIN, e);
}
static gboolean
try_remove (Scene *s, GError **e)
{
  return od_repository_remove_member (s->f->repo, s->actor, od_member_get_id (s->victim), e);
}
static gboolean
try_seats (Scene *s, GError **e)
{
  return od_repository_set_seats (s->f->repo, s->actor, 20, e);
}
static gboolean
try_settings (Scene *s, GError **e)
{
  g_autoptr(OdOrganization) org = od_repository_get_organization (s->f->repo, od_organization_get_id (s->f->org), NULL);
  g_object_set (org, "description", "changed", NULL);
  return od_repository_save_organization (s->f->repo, s->actor, org, e);
}
static gboolean
try_delete_org (Scene *s, GError **e)
{
  return od_repository_delete_organization (s->f->repo, s->actor, e);
}

static const struct {
  const char *name;
  gboolean (*attempt) (Scene *, GError **);
  gboolean allowed[4]; /* Read, Write, Admin, Owner */
} role_cases[] = {
  { "post-update",  try_post,          { FALSE, TRUE,  TRUE,  TRUE } },
  { "edit-own",     try_edit_own,      { FALSE, TRUE,  TRUE,  TRUE } },
  { "edit-others",  try_edit_any,      { FALSE, FALSE, TRUE,  TRUE } },
  { "create-team",  try_create_team,   { FALSE, FALSE, TRUE,  TRUE } },
  { "invite",       try_invite,        { FALSE, FALSE, TRUE,  TRUE } },
  { "invite-owner", try_invite_owner,  { FALSE, FALSE, FALSE, TRUE } },
  { "change-role",  try_change_role,   { FALSE, FALSE, TRUE,  TRUE } },
  { "grant-owner",  try_grant_owner,   { FALSE, FALSE, FALSE, TRUE } },
  { "demote-owner", try_demote_owner,  { FALSE, FALSE, FALSE, TRUE } },
  { "remove",       try_remove,        { FALSE, FALSE, TRUE,  TRUE } },
  { "seats",        try_seats,         { FALSE, FALSE, TRUE,  TRUE } },
  { "settings",     try_settings,      { FALSE, FALSE, TRUE,  TRUE } },
  { "delete-org",   try_delete_org,    { FALSE, FALSE, FALSE, TRUE } },
};

static void
test_role_matrix_through_repository (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (role_cases); c++)
    for (OdRole role = OD_ROLE_READ; role <= OD_ROLE_OWNER; role++)
      {
        Fixture f = { 0 };
        Scene s = { &f };
        g_autoptr(GError) error = NULL;
        g_autoptr(OdMember) second_owner = NULL;
        guint journal_before;
        gboolean ok;

        fixture_set_up (&f, NULL);
        s.victim = add_member (&f, "victim@acme.example", "Vic Victim", OD_ROLE_WRITE);
        second_owner = add_member (&f, "owner2@acme.example", "Otto Owner", OD_ROLE_OWNER);
        s.actor = role == OD_ROLE_OWNER ? g_object_ref (second_owner)
                                        : add_member (&f, "actor@acme.example", "Ace Actor", role);
        s.foreign_post = od_repository_post_update (f.repo, f.owner, 0, "Owner's", "Post", NULL, &error);
        g_assert_no_error (error);
        journal_before = journal_count (&f);

        ok = role_cases[c].attempt (&s, &error);
        if (ok != role_cases[c].allowed[role - 1])
          g_error ("%s as %s: expected %s, got %s (%s)", role_cases[c].name, od_role_to_string (role),
                   role_cases[c].allowed[role - 1] ? "allowed" : "refused", ok ? "allowed" : "refused",
                   error ? error->message : "no error");
        if (!ok)
          {
            g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
            /* Refused: nothing written (delete-org would have removed the journal's subject). */
            g_assert_cmpuint (journal_count (&f), ==, journal_before);
          }

        g_clear_object (&s.actor);
        g_clear_object (&s.victim);
        g_clear_object (&s.foreign_post);
        fixture_tear_down (&f, NULL);
      }
}

static void
test_last_owner (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdMember) second = NULL;

  /* Cannot demote or remove the only Owner, nor leave as the only Owner. */
  g_assert_false (od_repository_set_member_role (f->repo, f->owner, od_member_get_id (f->owner),
                                                 OD_ROLE_ADMIN, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_LAST_OWNER);
  g_clear_error (&error);
  g_assert_false (od_repository_remove_member (f->repo, f->owner, od_member_get_id (f->owner), &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_LAST_OWNER);
  g_clear_error (&error);
  g_assert_cmpuint (od_repository_count_owners (f->repo, od_organization_get_id (f->org), NULL), ==, 1);

  /* With a second Owner, the first may step down; then the second is the last one. */
  second = add_member (f, "second@acme.example", "Sam Second", OD_ROLE_ADMIN);
  g_assert_true (od_repository_set_member_role (f->repo, f->owner, od_member_get_id (second), OD_ROLE_OWNER, &error));
  g_assert_no_error (error);
  g_assert_true (od_repository_set_member_role (f->repo, f->owner, od_member_get_id (f->owner), OD_ROLE_ADMIN, &error));
  g_assert_no_error (error);
  g_assert_false (od_repository_set_member_role (f->repo, second, od_member_get_id (second), OD_ROLE_WRITE, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_LAST_OWNER);
  g_clear_error (&error);

  /* The former Owner's stale object carries role Owner; the database says Admin now. */
  g_assert_cmpint (od_member_get_role (f->owner), ==, OD_ROLE_OWNER);
  g_assert_false (od_repository_delete_organization (f->repo, f->owner, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
}

static void
test_removed_member_cannot_act (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdMember) admin = add_member (f, "a@acme.example", "Ada Admin", OD_ROLE_ADMIN);

  g_assert_true (od_repository_remove_member (f->repo, f->owner, od_member_get_id (admin), &error));
  g_assert_no_error (error);
  g_assert_null (od_repository_invite (f->repo, admin, "x@acme.example", OD_ROLE_READ, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_NOT_MEMBER);
}

static void
test_team_creation_role_setting (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdMember) w = add_member (f, "w@acme.example", "Wim", OD_ROLE_WRITE);
  g_autoptr(OdOrganization) org = od_repository_get_organization (f->repo, od_organization_get_id (f->org), NULL);
  g_autoptr(OdTeam) team = NULL;

  g_assert_null (od_repository_create_team (f->repo, w, "Writers", NULL, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  g_object_set (org, "team-creation-role", OD_ROLE_WRITE, NULL);
  g_assert_true (od_repository_save_organization (f->repo, f->owner, org, &error));
  team = od_repository_create_team (f->repo, w, "Writers", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (team);

  /* Team names are unique per organization, whatever their case. */
  g_assert_null (od_repository_create_team (f->repo, f->owner, "  WRITERS ", NULL, &error));
  g_assert_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS);
}

/* ---------------------------------------------------------------------------------------------
 * Invitations and seats
 */

static void
test_invitation_lifecycle (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdInvitation) inv = NULL;
  g_autoptr(OdInvitation) revoked = NULL;
  g_autoptr(OdInvitation) expired = NULL;
  g_autoptr(OdMember) m = NULL;
  g_autoptr(OdMember) again = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *lower = NULL;
  guint members, pending, seats;

  inv = od_repository_invite (f->repo, f->owner, " Newbie@Acme.Example ", OD_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (od_invitation_get_email (inv), ==, "Newbie@Acme.Example");
  g_assert_cmpint (od_invitation_get_state (inv), ==, OD_INVITATION_PENDING);
  g_assert_cmpint (od_invitation_get_expires_at (inv) - od_invitation_get_created_at (inv), ==, 7 * 86400);
  g_assert_cmpuint (strlen (od_invitation_get_code (inv)), ==, 23);

  /* Inviting the same address again, in any case, is refused. */
  g_assert_null (od_repository_invite (f->repo, f->owner, "newbie@acme.example", OD_ROLE_READ, &error));
  g_assert_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS);
  g_clear_error (&error);

  od_repository_get_seat_usage (f->repo, od_organization_get_id (f->org), &members, &pending, &seats, NULL);
  g_assert_cmpuint (members, ==, 1);
  g_assert_cmpuint (pending, ==, 1);

  /* The code is accepted whatever its case and dashes. */
  lower = g_ascii_strdown (od_invitation_get_code (inv), -1);
  g_strdelimit (lower, "-", ' ');
  m = od_repository_accept_invitation (f->repo, lower, "Nina Newbie", &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_member_get_role (m), ==, OD_ROLE_ADMIN);
  g_assert_cmpstr (od_member_get_name (m), ==, "Nina Newbie");

  again = od_repository_accept_invitation (f->repo, od_invitation_get_code (inv), "Nina", &error);
  g_assert_null (again);
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVITE_CODE);
  g_assert_nonnull (strstr (error->message, "already been used"));
  g_clear_error (&error);

  revoked = od_repository_invite (f->repo, f->owner, "gone@acme.example", OD_ROLE_READ, &error);
  g_assert_true (od_repository_revoke_invitation (f->repo, f->owner, od_invitation_get_id (revoked), &error));
  g_assert_null (od_repository_accept_invitation (f->repo, od_invitation_get_code (revoked), "G", &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVITE_CODE);
  g_assert_nonnull (strstr (error->message, "revoked"));
  g_clear_error (&error);

  expired = od_repository_invite (f->repo, f->owner, "late@acme.example", OD_ROLE_READ, &error);
  sql = g_strdup_printf ("UPDATE invitations SET expires_at = 1000 WHERE id = %" G_GINT64_FORMAT,
                         od_invitation_get_id (expired));
  run_sql (f->path, sql);
  g_assert_null (od_repository_accept_invitation (f->repo, od_invitation_get_code (expired), "L", &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVITE_CODE);
  g_assert_nonnull (strstr (error->message, "expired"));
  g_clear_error (&error);

  /* Expired invitations stop holding seats without anyone acting. */
  od_repository_get_seat_usage (f->repo, od_organization_get_id (f->org), &members, &pending, &seats, NULL);
  g_assert_cmpuint (members, ==, 2);
  g_assert_cmpuint (pending, ==, 0);

  g_assert_null (od_repository_accept_invitation (f->repo, "ZZZZZ-ZZZZZ", "Q", &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVITE_CODE);
  g_assert_nonnull (strstr (error->message, "typos"));
}

static void
test_seat_limit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint members, pending, seats;

  g_assert_true (od_repository_set_seats (f->repo, f->owner, 3, &error));
  g_assert_no_error (error);
  g_object_unref (od_repository_invite (f->repo, f->owner, "a@acme.example", OD_ROLE_READ, &error));
  g_object_unref (od_repository_invite (f->repo, f->owner, "b@acme.example", OD_ROLE_READ, &error));
  g_assert_no_error (error);

  g_assert_null (od_repository_invite (f->repo, f->owner, "c@acme.example", OD_ROLE_READ, &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_SEAT_LIMIT);
  g_assert_nonnull (strstr (error->message, "Add seats"));
  g_clear_error (&error);

  /* Seats can never go below seats used, nor below one. */
  g_assert_false (od_repository_set_seats (f->repo, f->owner, 2, &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "at least 3 seats"));
  g_clear_error (&error);
  g_assert_false (od_repository_set_seats (f->repo, f->owner, 0, &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  od_repository_get_seat_usage (f->repo, od_organization_get_id (f->org), &members, &pending, &seats, NULL);
  g_assert_cmpuint (seats, ==, 3);
  g_assert_cmpuint (members + pending, ==, 3);
}

/* ---------------------------------------------------------------------------------------------
 * Updates, teams, change notification, demo
 */

static void
test_updates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdTeam) team = od_repository_create_team (f->repo, f->owner, "Mobile", "", &error);
  g_autoptr(OdUpdate) a = od_repository_post_update (f->repo, f->owner, 0, "Org news", "Body", " x, y ,X,, ", &error);
  g_autoptr(OdUpdate) b = od_repository_post_update (f->repo, f->owner, od_team_get_id (team), "Team news", "Body", NULL, &error);
  g_autoptr(GListModel) all = od_repository_list_updates (f->repo, od_organization_get_id (f->org), -1, 0, &error);
  g_autoptr(GListModel) org_only = od_repository_list_updates (f->repo, od_organization_get_id (f->org), 0, 0, &error);
  g_autoptr(GListModel) team_only = od_repository_list_updates (f->repo, od_organization_get_id (f->org), od_team_get_id (team), 0, &error);
  g_autoptr(OdUpdate) first = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **) od_update_get_tags (a)), ==, 2);
  g_assert_cmpstr (od_update_get_tags (a)[0], ==, "x");
  g_assert_cmpstr (od_update_get_team_name (b), ==, "Mobile");
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (org_only), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (team_only), ==, 1);
  first = g_list_model_get_item (all, 0);
  g_assert_cmpstr (od_update_get_title (first), ==, "Team news"); /* newest first */

  /* Deleting the team deletes its updates; its people stay. */
  g_assert_true (od_repository_delete_team (f->repo, f->owner, od_team_get_id (team), &error));
  g_clear_object (&all);
  all = od_repository_list_updates (f->repo, od_organization_get_id (f->org), -1, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1);

  g_assert_null (od_repository_post_update (f->repo, f->owner, 0, "", "Body", NULL, &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_REQUIRED);
}

static void
changed_cb (OdRepository *repo, gint64 org_id, const char *area, GPtrArray *seen)
{
  g_ptr_array_add (seen, g_strdup_printf ("%" G_GINT64_FORMAT ":%s", org_id, area));
}

static gboolean
contains (GPtrArray *seen, const char *text)
{
  for (guint i = 0; i < seen->len; i++)
    if (g_str_equal (g_ptr_array_index (seen, i), text))
      return TRUE;
  return FALSE;
}

static void
test_changed_signal_after_commit (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdTeam) team = NULL;
  g_autofree char *teams = g_strdup_printf ("%" G_GINT64_FORMAT ":teams", od_organization_get_id (f->org));
  gulong id = g_signal_connect (f->repo, "changed", G_CALLBACK (changed_cb), seen);

  team = od_repository_create_team (f->repo, f->owner, "Data", NULL, &error);
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_true (contains (seen, teams));

  /* A refused change announces nothing. */
  g_ptr_array_set_size (seen, 0);
  g_assert_null (od_repository_create_team (f->repo, f->owner, "data", NULL, &error));
  g_clear_error (&error);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (seen->len, ==, 0);

  g_signal_handler_disconnect (f->repo, id);
}

typedef struct
{
  OdRepository *repo;
  OdMember     *owner;
} WriterData;

static gpointer
create_team_thread (gpointer user_data)
{
  WriterData *writer = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdTeam) team = od_repository_create_team (writer->repo, writer->owner, "Elsewhere",
                                                      NULL, &error);

  g_assert_no_error (error);
  return NULL;
}

static void
thread_changed_cb (OdRepository *repo, gint64 org_id, const char *area, GPtrArray *threads)
{
  g_ptr_array_add (threads, g_thread_self ());
}

/* A change committed on another thread (the worker behind run_async) is announced on the thread
 * that opened the repository, when it next iterates its context, never on the committing thread,
 * even while the opening thread is not iterating at the moment of the commit. */
static void
test_changed_signal_from_other_thread (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  WriterData writer = { f->repo, f->owner };
  gulong id = g_signal_connect (f->repo, "changed", G_CALLBACK (thread_changed_cb), threads);
  GThread *thread = g_thread_new ("writer", create_team_thread, &writer);

  g_thread_join (thread);
  g_assert_cmpuint (threads->len, ==, 0);

  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (threads->len, >=, 1);
  for (guint i = 0; i < threads->len; i++)
    g_assert_true (g_ptr_array_index (threads, i) == g_thread_self ());

  g_signal_handler_disconnect (f->repo, id);
}

static void
test_demo_is_deterministic (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgdesk-test-XXXXXX", NULL);
  g_autofree char *p1 = g_build_filename (dir, "a.db", NULL);
  g_autofree char *p2 = g_build_filename (dir, "b.db", NULL);
  g_autoptr(OdRepository) r1 = od_repository_open (p1, NULL);
  g_autoptr(OdRepository) r2 = od_repository_open (p2, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdOrganization) o1 = od_repository_create_demo (r1, 300, 7, 20, 0, &error);
  g_autoptr(OdOrganization) o2 = od_repository_create_demo (r2, 300, 7, 20, 0, &error);
  g_autoptr(GListModel) m1 = od_repository_list_members (r1, od_organization_get_id (o1), NULL, NULL);
  g_autoptr(GListModel) m2 = od_repository_list_members (r2, od_organization_get_id (o2), NULL, NULL);
  g_autoptr(GListModel) t1 = od_repository_list_teams (r1, od_organization_get_id (o1), NULL);
  g_autoptr(GListModel) u1 = od_repository_list_updates (r1, od_organization_get_id (o1), -1, 0, NULL);
  guint owners = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (m1), ==, 300);
  g_assert_cmpuint (g_list_model_get_n_items (t1), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (u1), ==, 20);
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(OdMember) a = g_list_model_get_item (m1, i);
      g_autoptr(OdMember) b = g_list_model_get_item (m2, i);

      g_assert_cmpstr (od_member_get_email (a), ==, od_member_get_email (b));
      g_assert_cmpstr (od_member_get_teams (a), ==, od_member_get_teams (b));
      g_assert_cmpint (od_member_get_role (a), ==, od_member_get_role (b));
      g_assert_cmpint (od_member_get_joined_at (a), ==, od_member_get_joined_at (b));
      g_assert_cmpuint (od_member_get_n_teams (a), >=, 1);
      owners += od_member_get_role (a) == OD_ROLE_OWNER;
    }
  g_assert_cmpuint (owners, >=, 1);

  g_clear_object (&r1);
  g_clear_object (&r2);
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define FIXTURE_TEST(path, func) \
  g_test_add ("/repository/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/repository/open/migrates-empty-file", test_migrates_empty_file);
  g_test_add_func ("/repository/open/refuses-newer-schema", test_refuses_newer_schema);
  g_test_add_func ("/repository/open/refuses-foreign-database", test_refuses_foreign_database);
  g_test_add_func ("/repository/open/refuses-non-sqlite-file", test_refuses_non_sqlite_file);
  g_test_add_func ("/repository/open/async-and-worker", test_async_open_and_run);
  FIXTURE_TEST ("organization/create", test_create_organization);
  FIXTURE_TEST ("organization/validation", test_create_organization_validation);
  FIXTURE_TEST ("organization/lookup", test_lookup);
  FIXTURE_TEST ("organization/save", test_save_organization);
  FIXTURE_TEST ("transaction/rollback-leaves-no-partial-change", test_rollback_leaves_no_partial_change);
  FIXTURE_TEST ("journal/row-per-mutation", test_journal_row_per_mutation);
  FIXTURE_TEST ("journal/refusal-writes-nothing", test_refusal_writes_nothing);
  g_test_add_func ("/repository/roles/matrix", test_role_matrix_through_repository);
  FIXTURE_TEST ("roles/last-owner", test_last_owner);
  FIXTURE_TEST ("roles/removed-member-cannot-act", test_removed_member_cannot_act);
  FIXTURE_TEST ("roles/team-creation-setting", test_team_creation_role_setting);
  FIXTURE_TEST ("invitations/lifecycle", test_invitation_lifecycle);
  FIXTURE_TEST ("invitations/seat-limit", test_seat_limit);
  FIXTURE_TEST ("updates/post-list-delete", test_updates);
  FIXTURE_TEST ("signals/changed-after-commit", test_changed_signal_after_commit);
  FIXTURE_TEST ("signals/changed-from-other-thread", test_changed_signal_from_other_thread);
  g_test_add_func ("/repository/demo/deterministic", test_demo_is_deterministic);

#undef FIXTURE_TEST

  return g_test_run ();
}
