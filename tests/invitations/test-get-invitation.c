/* test-get-invitation.c — od_repository_get_invitation() finds one invitation by id: the same
 * row the lazy list of pending invitations holds, whatever its state, and never another
 * organization's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "od-error.h"
#include "od-invitation.h"
#include "od-invite-batch.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-repository.h"

#define N_INVITED 300   /* a few 128-row pages of the lazy list */

typedef struct
{
  char           *dir;
  OdRepository   *repo;
  OdOrganization *org;
  OdOrganization *other;
  OdMember       *owner;
  OdMember       *other_owner;
} Fixture;

static void
invite_many (OdRepository *repo,
             OdMember     *actor,
             const char   *domain,
             guint         n)
{
  g_autoptr(OdInviteBatch) batch = od_invite_batch_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *email = g_strdup_printf ("person%03u@%s", i, domain);

      od_invite_batch_add (batch, i + 1, email, i % 2 ? "write" : "read");
    }
  g_assert_true (od_repository_review_invitations (repo, actor, batch, OD_ROLE_READ, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (od_repository_apply_invitations (repo, actor, batch, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("orgdesk-get-invitation-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "orgdesk.db", NULL);
  f->repo = od_repository_open (path, &error);
  g_assert_no_error (error);

  f->org = od_repository_create_organization (f->repo, "Acme", "owner@acme.example", "Ana Owner", 1000, &error);
  g_assert_no_error (error);
  f->other = od_repository_create_organization (f->repo, "Globex", "owner@globex.example", "Gus Owner", 10, &error);
  g_assert_no_error (error);
  f->owner = od_repository_get_first_owner (f->repo, od_organization_get_id (f->org), &error);
  g_assert_no_error (error);
  f->other_owner = od_repository_get_first_owner (f->repo, od_organization_get_id (f->other), &error);
  g_assert_no_error (error);

  invite_many (f->repo, f->owner, "acme.example", N_INVITED);
  invite_many (f->repo, f->other_owner, "globex.example", 3);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->owner);
  g_clear_object (&f->other_owner);
  g_clear_object (&f->org);
  g_clear_object (&f->other);
  g_clear_object (&f->repo);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
assert_same_invitation (OdInvitation *a,
                        OdInvitation *b)
{
  g_assert_cmpint (od_invitation_get_id (a), ==, od_invitation_get_id (b));
  g_assert_cmpint (od_invitation_get_organization_id (a), ==, od_invitation_get_organization_id (b));
  g_assert_cmpstr (od_invitation_get_email (a), ==, od_invitation_get_email (b));
  g_assert_cmpint (od_invitation_get_role (a), ==, od_invitation_get_role (b));
  g_assert_cmpint (od_invitation_get_invited_by_id (a), ==, od_invitation_get_invited_by_id (b));
  g_assert_cmpstr (od_invitation_get_invited_by_name (a), ==, od_invitation_get_invited_by_name (b));
  g_assert_cmpint (od_invitation_get_created_at (a), ==, od_invitation_get_created_at (b));
  g_assert_cmpint (od_invitation_get_expires_at (a), ==, od_invitation_get_expires_at (b));
  g_assert_cmpuint (od_invitation_get_times_sent (a), ==, od_invitation_get_times_sent (b));
  g_assert_cmpint (od_invitation_get_state (a), ==, od_invitation_get_state (b));
  g_assert_cmpstr (od_invitation_get_code (a), ==, od_invitation_get_code (b));
}

/* Every row of the lazy list, first to last page, is what the getter returns for its id */
static void
test_same_as_list (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = od_repository_list_invitations_paged (f->repo, od_organization_get_id (f->org),
                                                                     &error);
  guint n;

  g_assert_no_error (error);
  n = g_list_model_get_n_items (list);
  g_assert_cmpuint (n, ==, N_INVITED);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdInvitation) row = g_list_model_get_item (list, i);
      g_autoptr(OdInvitation) got = od_repository_get_invitation (f->repo, od_organization_get_id (f->org),
                                                                  od_invitation_get_id (row), &error);

      g_assert_no_error (error);
      g_assert_nonnull (got);
      assert_same_invitation (row, got);
    }
}

static OdInvitation *
first_of (OdRepository *repo,
          gint64        organization_id)
{
  g_autoptr(GListModel) list = od_repository_list_invitations (repo, organization_id, NULL);

  g_assert_nonnull (list);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
  return g_list_model_get_item (list, 0);
}

/* Another organization's invitation, or an id that was never used, is not found */
static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdInvitation) theirs = first_of (f->repo, od_organization_get_id (f->other));
  g_autoptr(OdInvitation) got = NULL;

  got = od_repository_get_invitation (f->repo, od_organization_get_id (f->org), od_invitation_get_id (theirs),
                                      &error);
  g_assert_null (got);
  g_assert_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  got = od_repository_get_invitation (f->repo, od_organization_get_id (f->other), od_invitation_get_id (theirs),
                                      &error);
  g_assert_no_error (error);
  assert_same_invitation (theirs, got);
  g_clear_object (&got);

  got = od_repository_get_invitation (f->repo, od_organization_get_id (f->org), G_MAXINT64, &error);
  g_assert_null (got);
  g_assert_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND);
}

/* A revoked invitation leaves the list but the getter still reads it, as revoked */
static void
test_revoked (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdInvitation) invitation = first_of (f->repo, od_organization_get_id (f->org));
  g_autoptr(OdInvitation) got = NULL;
  gint64 id = od_invitation_get_id (invitation);

  g_assert_cmpint (od_invitation_get_state (invitation), ==, OD_INVITATION_PENDING);
  g_assert_true (od_repository_revoke_invitation (f->repo, f->owner, id, &error));
  g_assert_no_error (error);

  got = od_repository_get_invitation (f->repo, od_organization_get_id (f->org), id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_invitation_get_id (got), ==, id);
  g_assert_cmpstr (od_invitation_get_email (got), ==, od_invitation_get_email (invitation));
  g_assert_cmpint (od_invitation_get_state (got), ==, OD_INVITATION_REVOKED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/invitations/get/same-as-list", Fixture, NULL, fixture_set_up, test_same_as_list, fixture_tear_down);
  g_test_add ("/invitations/get/not-found", Fixture, NULL, fixture_set_up, test_not_found, fixture_tear_down);
  g_test_add ("/invitations/get/revoked", Fixture, NULL, fixture_set_up, test_revoked, fixture_tear_down);

  return g_test_run ();
}
