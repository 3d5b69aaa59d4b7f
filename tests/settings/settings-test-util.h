/* settings-test-util.h — what the settings tests share: a fresh database with one organization,
 * and waiting for async results in a main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "od-invitation.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-repository.h"

typedef struct
{
  char           *dir;
  char           *path;
  OdRepository   *repo;
  OdOrganization *org;
  OdMember       *owner;
} Fixture;

static G_GNUC_UNUSED void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("orgdesk-settings-XXXXXX", &error);
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

static G_GNUC_UNUSED void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (path, name, NULL);
      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        remove_tree (p);
      else
        g_unlink (p);
    }
  g_rmdir (path);
}

static G_GNUC_UNUSED void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->owner);
  g_clear_object (&f->org);
  g_clear_object (&f->repo);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static G_GNUC_UNUSED gint64
org_id (Fixture *f)
{
  return od_organization_get_id (f->org);
}

/* A member with a role, added through the invitation flow. */
static G_GNUC_UNUSED OdMember *
add_member (Fixture *f, const char *email, OdRole role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdInvitation) inv = od_repository_invite (f->repo, f->owner, email, role, &error);
  OdMember *m;

  g_assert_no_error (error);
  m = od_repository_accept_invitation (f->repo, od_invitation_get_code (inv), "Someone", &error);
  g_assert_no_error (error);
  return m;
}

static G_GNUC_UNUSED gint64
count_rows (Fixture *f, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static G_GNUC_UNUSED void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Iterates the default main context until the callback above ran; returns the result (owned). */
static G_GNUC_UNUSED GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Whether needle occurs anywhere in the file (a missing file holds nothing). */
static G_GNUC_UNUSED gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0, n = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; n > 0 && i + n <= length; i++)
    if (memcmp (contents + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}
