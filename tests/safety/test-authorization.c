/* test-authorization.c — the role × action matrix of SPEC §3, through every mutating function
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One organization is built once (members of every role, posts and comments by each, teams,
 * invitations, a deleted team and a demoted Owner in the journal, a published policy). Then every
 * mutating core function runs as a Read, Write, Admin and Owner member, each time on a fresh copy
 * of that file: a role at or above the action's minimum must succeed and change the file; a role
 * below it must fail with an error and leave every table exactly as it was (a digest of all rows).
 */
#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "od-error.h"
#include "od-invitation.h"
#include "od-invite-batch.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-policy.h"
#include "od-repository.h"
#include "od-settings.h"
#include "od-update.h"
#include "od-team.h"

#include "../settings/settings-test-util.h"

typedef struct
{
  char   *dir;
  char   *template_path;
  gint64  org;
  gint64  own_post[OD_ROLE_OWNER + 1];     /* by the member acting with that role */
  gint64  own_comment[OD_ROLE_OWNER + 1];
  gint64  other_post;                      /* by t-write@ */
  gint64  other_comment;
  gint64  owner_post;
  gint64  alpha, beta;
  gint64  invitation, invitation2;
  gint64  team_delete_entry;               /* journal: an Owner deleted team Gamma */
  gint64  owner_demotion_entry;            /* journal: an Owner made ex-owner@ an Admin */
  gint64  owner_removal_entry;             /* journal: an Owner removed gone-owner@, an Owner */
  gint64  owner_revoke_entry;              /* journal: an Owner revoked an invitation as Owner */
  gint64  owner_invitation;                /* pending, for the Owner role */
} World;

static World world;

#define FOREIGN_OWNER "boss@other.example"

static const char * const actor_email[] = {
  [OD_ROLE_READ] = "read@acme.example",
  [OD_ROLE_WRITE] = "write@acme.example",
  [OD_ROLE_ADMIN] = "admin@acme.example",
  [OD_ROLE_OWNER] = "owner@acme.example",
};

typedef struct
{
  OdRepository *repo;
  OdMember     *actor;
  OdRole        role;
  char         *folder;   /* for policy publish */
} Ctx;

static OdMember *
member (Ctx *c, const char *email)
{
  g_autoptr(GError) error = NULL;
  OdMember *m = od_repository_find_member (c->repo, world.org, email, &error);

  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

static gint64
member_id (Ctx *c, const char *email)
{
  g_autoptr(OdMember) m = member (c, email);

  return od_member_get_id (m);
}

static gint64
query (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Every row of every table, in storage order, as one SHA-256. */
static char *
digest (const char *path)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                           " AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) tables->pdata[t]);

      g_checksum_update (sum, (const guchar *) sql, -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int i = 0; i < sqlite3_column_count (stmt); i++)
          {
            const void *blob = sqlite3_column_blob (stmt, i);
            int n = sqlite3_column_bytes (stmt, i);
            guchar type = (guchar) sqlite3_column_type (stmt, i);

            g_checksum_update (sum, &type, 1);
            if (blob != NULL)
              g_checksum_update (sum, blob, n);
            g_checksum_update (sum, (const guchar *) "|", 1);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (sum));
}

/* ---------------------------------------------------------------------------------------------
 * The world
 */

static OdMember *
join (OdRepository *repo, OdMember *owner, const char *email, const char *name, OdRole role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdInvitation) inv = od_repository_invite (repo, owner, email, role, &error);
  OdMember *m;

  g_assert_no_error (error);
  m = od_repository_accept_invitation (repo, od_invitation_get_code (inv), name, &error);
  g_assert_no_error (error);
  return m;
}

static gint64
post (OdRepository *repo, OdMember *author, gint64 team, const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdUpdate) u = od_repository_post_update (repo, author, team, title, "Text.", "news", &error);

  g_assert_no_error (error);
  return od_update_get_id (u);
}

static gint64
comment (OdRepository *repo, OdMember *author, gint64 update)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdComment) c = od_repository_add_comment (repo, author, update, "A comment.", &error);

  g_assert_no_error (error);
  return od_comment_get_id (c);
}

static void
build_world (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdRepository) repo = NULL;
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) owner = NULL, reader = NULL, writer = NULL, admin = NULL, t_write = NULL;
  g_autoptr(OdMember) ex_owner = NULL;
  g_autoptr(OdTeam) alpha = NULL, beta = NULL, gamma = NULL;
  g_autoptr(OdInvitation) inv = NULL, inv2 = NULL;
  g_autoptr(OdSettings) settings = NULL;
  g_autoptr(OdPolicyRevision) revision = NULL;
  g_autofree char *published = NULL;

  world.dir = g_dir_make_tmp ("orgdesk-authz-XXXXXX", &error);
  g_assert_no_error (error);
  world.template_path = g_build_filename (world.dir, "template.db", NULL);
  repo = od_repository_open (world.template_path, &error);
  g_assert_no_error (error);
  org = od_repository_create_organization (repo, "Acme", "owner@acme.example", "Olive Owner", 50, &error);
  g_assert_no_error (error);
  world.org = od_organization_get_id (org);
  owner = od_repository_get_first_owner (repo, world.org, &error);
  g_assert_no_error (error);

  /* Read's post and comment were written while they had the Write role. */
  reader = join (repo, owner, "read@acme.example", "Rae Reader", OD_ROLE_WRITE);
  writer = join (repo, owner, "write@acme.example", "Wes Writer", OD_ROLE_WRITE);
  admin = join (repo, owner, "admin@acme.example", "Ada Admin", OD_ROLE_ADMIN);
  t_write = join (repo, owner, "t-write@acme.example", "Tia Target", OD_ROLE_WRITE);
  g_object_unref (join (repo, owner, "t-read@acme.example", "Tom Target", OD_ROLE_READ));
  g_object_unref (join (repo, owner, "t-admin@acme.example", "Tess Target", OD_ROLE_ADMIN));
  g_object_unref (join (repo, owner, "owner2@acme.example", "Otto Owner", OD_ROLE_OWNER));
  ex_owner = join (repo, owner, "ex-owner@acme.example", "Eve Former", OD_ROLE_OWNER);

  world.owner_post = world.own_post[OD_ROLE_OWNER] = post (repo, owner, 0, "By the owner");
  world.own_post[OD_ROLE_ADMIN] = post (repo, admin, 0, "By the admin");
  world.own_post[OD_ROLE_WRITE] = post (repo, writer, 0, "By the writer");
  world.own_post[OD_ROLE_READ] = post (repo, reader, 0, "By the reader");
  world.other_post = post (repo, t_write, 0, "By someone else");
  world.own_comment[OD_ROLE_OWNER] = comment (repo, owner, world.owner_post);
  world.own_comment[OD_ROLE_ADMIN] = comment (repo, admin, world.owner_post);
  world.own_comment[OD_ROLE_WRITE] = comment (repo, writer, world.owner_post);
  world.own_comment[OD_ROLE_READ] = comment (repo, reader, world.owner_post);
  world.other_comment = comment (repo, t_write, world.owner_post);
  g_assert_true (od_repository_set_member_role (repo, owner, od_member_get_id (reader), OD_ROLE_READ, &error));
  g_assert_no_error (error);

  alpha = od_repository_create_team (repo, owner, "Alpha", "", &error);
  g_assert_no_error (error);
  beta = od_repository_create_team (repo, owner, "Beta", "", &error);
  g_assert_no_error (error);
  gamma = od_repository_create_team (repo, owner, "Gamma", "", &error);
  g_assert_no_error (error);
  world.alpha = od_team_get_id (alpha);
  world.beta = od_team_get_id (beta);
  g_assert_true (od_repository_add_team_member (repo, owner, world.alpha, od_member_get_id (t_write), &error));
  g_assert_true (od_repository_delete_team (repo, owner, od_team_get_id (gamma), &error));
  g_assert_no_error (error);
  world.team_delete_entry = query (world.template_path,
                                   "SELECT max(id) FROM journal WHERE action = 'team.delete'");
  g_assert_true (od_repository_set_member_role (repo, owner, od_member_get_id (ex_owner), OD_ROLE_ADMIN, &error));
  g_assert_no_error (error);
  world.owner_demotion_entry = query (world.template_path, "SELECT max(id) FROM journal WHERE action = 'member.role'");

  {
    g_autoptr(OdMember) gone = join (repo, owner, "gone-owner@acme.example", "Gil Gone", OD_ROLE_OWNER);
    g_autoptr(OdInvitation) revoked = od_repository_invite (repo, owner, "revoked@acme.example", OD_ROLE_OWNER, &error);
    g_autoptr(OdInvitation) boss = NULL;

    g_assert_no_error (error);
    g_assert_true (od_repository_remove_member (repo, owner, od_member_get_id (gone), &error));
    world.owner_removal_entry = query (world.template_path,
                                       "SELECT max(id) FROM journal WHERE action = 'member.remove'");
    g_assert_true (od_repository_revoke_invitation (repo, owner, od_invitation_get_id (revoked), &error));
    world.owner_revoke_entry = query (world.template_path,
                                      "SELECT max(id) FROM journal WHERE action = 'invitation.revoke'");
    boss = od_repository_invite (repo, owner, "boss@acme.example", OD_ROLE_OWNER, &error);
    g_assert_no_error (error);
    world.owner_invitation = od_invitation_get_id (boss);
  }
  inv = od_repository_invite (repo, owner, "invited@acme.example", OD_ROLE_WRITE, &error);
  g_assert_no_error (error);
  inv2 = od_repository_invite (repo, owner, "invited2@acme.example", OD_ROLE_READ, &error);
  g_assert_no_error (error);
  world.invitation = od_invitation_get_id (inv);
  world.invitation2 = od_invitation_get_id (inv2);

  {
    g_autoptr(OdOrganization) other = od_repository_create_organization (repo, "Other", FOREIGN_OWNER, "Bo",
                                                                          10, &error);
    g_assert_no_error (error);
  }

  /* Revision 1 published; the settings changed since, so publishing or restoring changes something. */
  published = g_build_filename (world.dir, "published", NULL);
  g_assert_cmpint (g_mkdir (published, 0700), ==, 0);
  /* Published by the Owner who leaves in "leave" (schema migration 5 lets a publisher go). */
  revision = od_policy_publish (repo, owner, world.org, published, NULL, &error);
  g_assert_no_error (error);
  settings = od_settings_load (repo, world.org, &error);
  g_assert_no_error (error);
  od_settings_set_telemetry (settings, !od_settings_get_telemetry (settings));
  g_assert_true (od_settings_save (settings, repo, owner, &error));
  g_assert_no_error (error);
}

/* ---------------------------------------------------------------------------------------------
 * The actions: each returns whether it succeeded, with an error when not
 */

typedef gboolean (*ActionFunc) (Ctx *c, GError **error);

static gboolean
a_react (Ctx *c, GError **error)
{
  gboolean reacted;
  return od_repository_toggle_reaction (c->repo, c->actor, world.owner_post, "👍", &reacted, error);
}

static gboolean
a_post (Ctx *c, GError **error)
{
  g_autoptr(OdUpdate) u = od_repository_post_update (c->repo, c->actor, 0, "New", "Text.", "", error);
  return u != NULL;
}

static gboolean
a_post_team (Ctx *c, GError **error)
{
  g_autoptr(OdUpdate) u = od_repository_post_update (c->repo, c->actor, world.alpha, "Team news", "Text.", "", error);
  return u != NULL;
}

static gboolean
a_comment (Ctx *c, GError **error)
{
  g_autoptr(OdComment) m = od_repository_add_comment (c->repo, c->actor, world.other_post, "Hello", error);
  return m != NULL;
}

static gboolean
a_edit_own_post (Ctx *c, GError **error)
{
  return od_repository_edit_update (c->repo, c->actor, world.own_post[c->role], "Edited", "New text.", error);
}

static gboolean
a_delete_own_post (Ctx *c, GError **error)
{
  return od_repository_delete_update (c->repo, c->actor, world.own_post[c->role], error);
}

static gboolean
a_edit_other_post (Ctx *c, GError **error)
{
  return od_repository_edit_update (c->repo, c->actor, world.other_post, "Edited", "New text.", error);
}

static gboolean
a_delete_other_post (Ctx *c, GError **error)
{
  return od_repository_delete_update (c->repo, c->actor, world.other_post, error);
}

static gboolean
a_delete_own_comment (Ctx *c, GError **error)
{
  return od_repository_delete_comment (c->repo, c->actor, world.own_comment[c->role], error);
}

static gboolean
a_delete_other_comment (Ctx *c, GError **error)
{
  return od_repository_delete_comment (c->repo, c->actor, world.other_comment, error);
}

static gboolean
a_create_team (Ctx *c, GError **error)
{
  g_autoptr(OdTeam) t = od_repository_create_team (c->repo, c->actor, "Delta", "New", error);
  return t != NULL;
}

static gboolean
a_update_team (Ctx *c, GError **error)
{
  return od_repository_update_team (c->repo, c->actor, world.alpha, "Alpha Prime", "Renamed", error);
}

static gboolean
a_delete_team (Ctx *c, GError **error)
{
  return od_repository_delete_team (c->repo, c->actor, world.alpha, error);
}

static gboolean
a_add_team_member (Ctx *c, GError **error)
{
  return od_repository_add_team_member (c->repo, c->actor, world.beta, member_id (c, "t-read@acme.example"), error);
}

static gboolean
a_remove_team_member (Ctx *c, GError **error)
{
  return od_repository_remove_team_member (c->repo, c->actor, world.alpha, member_id (c, "t-write@acme.example"),
                                           error);
}

static gboolean
invite_as (Ctx *c, const char *email, OdRole role, GError **error)
{
  g_autoptr(OdInvitation) inv = od_repository_invite (c->repo, c->actor, email, role, error);
  return inv != NULL;
}

static gboolean a_invite_write (Ctx *c, GError **error) { return invite_as (c, "new@acme.example", OD_ROLE_WRITE, error); }
static gboolean a_invite_admin (Ctx *c, GError **error) { return invite_as (c, "new@acme.example", OD_ROLE_ADMIN, error); }
static gboolean a_invite_owner (Ctx *c, GError **error) { return invite_as (c, "new@acme.example", OD_ROLE_OWNER, error); }

/* The bulk path (CSV, pasted lists): a row the actor may not invite is refused on its own; the
 * call succeeds with nothing written, so "not invited" is the refusal here. */
static gboolean
bulk_invite (Ctx *c, const char *role, GError **error)
{
  g_autoptr(OdInviteBatch) batch = od_invite_batch_new ();
  g_autoptr(OdInvitation) found = NULL;

  od_invite_batch_add (batch, 2, "bulk@acme.example", role);
  if (!od_repository_review_invitations (c->repo, c->actor, batch, role ? OD_ROLE_WRITE : OD_ROLE_OWNER, NULL,
                                         error) ||
      !od_repository_apply_invitations (c->repo, c->actor, batch, NULL, NULL, NULL, error))
    return FALSE;
  found = od_repository_find_invitation (c->repo, world.org, "bulk@acme.example", NULL);
  if (found == NULL)
    g_set_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED, "the row was not invited");
  return found != NULL;
}

static gboolean a_bulk_invite_write (Ctx *c, GError **error) { return bulk_invite (c, "write", error); }
/* A row without a role takes the default one, here Owner. */
static gboolean a_bulk_invite_default_owner (Ctx *c, GError **error) { return bulk_invite (c, NULL, error); }
static gboolean a_bulk_invite_owner (Ctx *c, GError **error) { return bulk_invite (c, "Owner", error); }

static gboolean
a_revoke (Ctx *c, GError **error)
{
  return od_repository_revoke_invitation (c->repo, c->actor, world.invitation, error);
}

static gboolean
a_revoke_bulk (Ctx *c, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, world.invitation);
  g_array_append_val (ids, world.invitation2);
  return od_repository_revoke_invitations (c->repo, c->actor, ids, error);
}

static gboolean
a_resend (Ctx *c, GError **error)
{
  g_autoptr(OdInvitation) inv = od_repository_resend_invitation (c->repo, c->actor, world.invitation, error);
  return inv != NULL;
}

static gboolean
a_resend_owner (Ctx *c, GError **error)
{
  g_autoptr(OdInvitation) inv = od_repository_resend_invitation (c->repo, c->actor, world.owner_invitation, error);
  return inv != NULL;
}

static gboolean
a_revoke_owner (Ctx *c, GError **error)
{
  return od_repository_revoke_invitation (c->repo, c->actor, world.owner_invitation, error);
}

static gboolean
set_role (Ctx *c, const char *email, OdRole role, GError **error)
{
  return od_repository_set_member_role (c->repo, c->actor, member_id (c, email), role, error);
}

static gboolean a_role_write_to_read (Ctx *c, GError **e) { return set_role (c, "t-write@acme.example", OD_ROLE_READ, e); }
static gboolean a_role_write_to_admin (Ctx *c, GError **e) { return set_role (c, "t-write@acme.example", OD_ROLE_ADMIN, e); }
static gboolean a_role_admin_to_write (Ctx *c, GError **e) { return set_role (c, "t-admin@acme.example", OD_ROLE_WRITE, e); }
static gboolean a_role_write_to_owner (Ctx *c, GError **e) { return set_role (c, "t-write@acme.example", OD_ROLE_OWNER, e); }
static gboolean a_role_owner_to_admin (Ctx *c, GError **e) { return set_role (c, "owner2@acme.example", OD_ROLE_ADMIN, e); }
static gboolean a_role_self_to_owner (Ctx *c, GError **e) { return set_role (c, actor_email[c->role], OD_ROLE_OWNER, e); }

static GArray *
ids_of (Ctx *c, const char *a, const char *b)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = member_id (c, a);
  g_array_append_val (ids, id);
  id = member_id (c, b);
  g_array_append_val (ids, id);
  return ids;
}

static gboolean
a_bulk_role_admin (Ctx *c, GError **error)
{
  g_autoptr(GArray) ids = ids_of (c, "t-read@acme.example", "t-write@acme.example");
  return od_repository_set_members_role (c->repo, c->actor, ids, OD_ROLE_ADMIN, error);
}

static gboolean
a_bulk_role_owner (Ctx *c, GError **error)
{
  g_autoptr(GArray) ids = ids_of (c, "t-read@acme.example", "t-write@acme.example");
  return od_repository_set_members_role (c->repo, c->actor, ids, OD_ROLE_OWNER, error);
}

static gboolean
a_bulk_role_demote_owner (Ctx *c, GError **error)
{
  g_autoptr(GArray) ids = ids_of (c, "t-write@acme.example", "owner2@acme.example");
  return od_repository_set_members_role (c->repo, c->actor, ids, OD_ROLE_READ, error);
}

static gboolean
remove_one (Ctx *c, const char *email, GError **error)
{
  return od_repository_remove_member (c->repo, c->actor, member_id (c, email), error);
}

static gboolean a_remove_read (Ctx *c, GError **e) { return remove_one (c, "t-read@acme.example", e); }
static gboolean a_remove_admin (Ctx *c, GError **e) { return remove_one (c, "t-admin@acme.example", e); }
static gboolean a_remove_owner (Ctx *c, GError **e) { return remove_one (c, "owner2@acme.example", e); }
static gboolean a_leave (Ctx *c, GError **e) { return remove_one (c, actor_email[c->role], e); }

static gboolean
a_bulk_remove (Ctx *c, GError **error)
{
  g_autoptr(GArray) ids = ids_of (c, "t-read@acme.example", "t-admin@acme.example");
  return od_repository_remove_members (c->repo, c->actor, ids, error);
}

static gboolean
a_bulk_remove_owner (Ctx *c, GError **error)
{
  g_autoptr(GArray) ids = ids_of (c, "t-read@acme.example", "owner2@acme.example");
  return od_repository_remove_members (c->repo, c->actor, ids, error);
}

static gboolean a_seats (Ctx *c, GError **e) { return od_repository_set_seats (c->repo, c->actor, 60, e); }
static gboolean a_term (Ctx *c, GError **e) { return od_repository_set_term (c->repo, c->actor, OD_TERM_YEARLY, e); }
static gboolean a_discount (Ctx *c, GError **e) { return od_repository_set_discount_code (c->repo, c->actor, "WELCOME10", e); }
static gboolean a_cancel (Ctx *c, GError **e) { return od_repository_cancel_subscription (c->repo, c->actor, e); }

static gboolean
a_billing_contact (Ctx *c, GError **error)
{
  OdBillingContact *contact = od_billing_contact_new ();
  gboolean ok;

  od_billing_contact_set (contact, OD_BILLING_CONTACT_NAME, "Accounts Payable");
  od_billing_contact_set (contact, OD_BILLING_CONTACT_EMAIL, "billing@acme.example");
  od_billing_contact_set (contact, OD_BILLING_CONTACT_COUNTRY, "CA");
  od_billing_contact_set (contact, OD_BILLING_CONTACT_STREET, "80 Wellington Street");
  od_billing_contact_set (contact, OD_BILLING_CONTACT_CITY, "Ottawa");
  od_billing_contact_set (contact, OD_BILLING_CONTACT_REGION, "ON");
  od_billing_contact_set (contact, OD_BILLING_CONTACT_POSTAL_CODE, "K1A 0A2");
  ok = od_repository_save_billing_contact (c->repo, c->actor, contact, NULL, error);
  od_billing_contact_free (contact);
  return ok;
}

static gboolean
a_save_organization (Ctx *c, GError **error)
{
  g_autoptr(OdOrganization) org = od_repository_get_organization (c->repo, world.org, error);

  if (org == NULL)
    return FALSE;
  g_object_set (org, "description", "A new description.", NULL);
  return od_repository_save_organization (c->repo, c->actor, org, error);
}

static gboolean
a_delete_organization (Ctx *c, GError **error)
{
  return od_repository_delete_organization (c->repo, c->actor, error);
}

static gboolean
a_settings (Ctx *c, GError **error)
{
  g_autoptr(OdSettings) settings = od_settings_load (c->repo, world.org, error);

  if (settings == NULL)
    return FALSE;
  od_settings_set_summary_reports (settings, !od_settings_get_summary_reports (settings));
  return od_settings_save (settings, c->repo, c->actor, error);
}

static gboolean
a_website (Ctx *c, GError **error)
{
  g_autoptr(OdSettings) settings = od_settings_load (c->repo, world.org, error);

  if (settings == NULL)
    return FALSE;
  od_settings_set_manage_websites (settings, TRUE);
  if (od_settings_add_website (settings, "https://games.example/play", error) == NULL)
    return FALSE;
  return od_settings_save (settings, c->repo, c->actor, error);
}

static gboolean
a_policy_import (Ctx *c, GError **error)
{
  g_autofree char *text = od_policy_export (c->repo, world.org, error);
  g_autoptr(GString) changed = NULL;
  const char *telemetry, *value;

  if (text == NULL)
    return FALSE;
  changed = g_string_new (text);
  telemetry = strstr (changed->str, "\"telemetry\"");
  g_assert_nonnull (telemetry);
  value = strstr (telemetry, "ABLED\"");
  g_assert_nonnull (value);
  /* ENABLED ↔ DISABLED */
  if (strncmp (value - 3, "DIS", 3) == 0)
    {
      g_string_erase (changed, value - 3 - changed->str, 3);
      g_string_insert (changed, value - 3 - changed->str, "EN");
    }
  else
    {
      g_string_erase (changed, value - 2 - changed->str, 2);
      g_string_insert (changed, value - 2 - changed->str, "DIS");
    }
  return od_policy_import (c->repo, c->actor, world.org, changed->str, -1, FALSE, NULL, NULL, error);
}

static gboolean
a_policy_publish (Ctx *c, GError **error)
{
  g_autoptr(OdPolicyRevision) revision = od_policy_publish (c->repo, c->actor, world.org, c->folder, NULL, error);
  return revision != NULL;
}

static gboolean
a_policy_restore (Ctx *c, GError **error)
{
  return od_policy_restore (c->repo, c->actor, world.org, 1, NULL, error);
}

static gboolean
a_undo_team_delete (Ctx *c, GError **error)
{
  return od_repository_undo (c->repo, c->actor, world.team_delete_entry, error) != 0;
}

static gboolean
a_undo_owner_demotion (Ctx *c, GError **error)
{
  return od_repository_undo (c->repo, c->actor, world.owner_demotion_entry, error) != 0;
}

static gboolean
a_undo_owner_removal (Ctx *c, GError **error)
{
  return od_repository_undo (c->repo, c->actor, world.owner_removal_entry, error) != 0;
}

static gboolean
a_undo_owner_revoke (Ctx *c, GError **error)
{
  return od_repository_undo (c->repo, c->actor, world.owner_revoke_entry, error) != 0;
}

typedef struct
{
  const char *path;
  OdRole      minimum;
  ActionFunc  func;
  gboolean    same_for_owner;  /* an Owner making themselves Owner changes nothing */
  gboolean    own_org;         /* acts on the actor's own organization, so no foreign check */
} Case;

static const Case cases[] = {
  { "react", OD_ROLE_READ, a_react },
  { "leave", OD_ROLE_READ, a_leave },
  { "post-update", OD_ROLE_WRITE, a_post, FALSE, TRUE },
  { "post-team-update", OD_ROLE_WRITE, a_post_team },
  { "comment", OD_ROLE_WRITE, a_comment },
  { "edit-own-post", OD_ROLE_WRITE, a_edit_own_post },
  { "delete-own-post", OD_ROLE_WRITE, a_delete_own_post },
  { "delete-own-comment", OD_ROLE_WRITE, a_delete_own_comment },
  { "edit-others-post", OD_ROLE_ADMIN, a_edit_other_post },
  { "delete-others-post", OD_ROLE_ADMIN, a_delete_other_post },
  { "delete-others-comment", OD_ROLE_ADMIN, a_delete_other_comment },
  { "create-team", OD_ROLE_ADMIN, a_create_team, FALSE, TRUE },
  { "rename-team", OD_ROLE_ADMIN, a_update_team },
  { "delete-team", OD_ROLE_ADMIN, a_delete_team },
  { "add-team-member", OD_ROLE_ADMIN, a_add_team_member },
  { "remove-team-member", OD_ROLE_ADMIN, a_remove_team_member },
  { "invite-write", OD_ROLE_ADMIN, a_invite_write, FALSE, TRUE },
  { "invite-admin", OD_ROLE_ADMIN, a_invite_admin, FALSE, TRUE },
  { "invite-owner", OD_ROLE_OWNER, a_invite_owner, FALSE, TRUE },
  { "bulk-invite-write", OD_ROLE_ADMIN, a_bulk_invite_write, FALSE, TRUE },
  { "bulk-invite-owner", OD_ROLE_OWNER, a_bulk_invite_owner, FALSE, TRUE },
  { "bulk-invite-default-owner", OD_ROLE_OWNER, a_bulk_invite_default_owner, FALSE, TRUE },
  { "revoke-invitation", OD_ROLE_ADMIN, a_revoke },
  { "revoke-invitations", OD_ROLE_ADMIN, a_revoke_bulk },
  { "resend-invitation", OD_ROLE_ADMIN, a_resend },
  { "resend-owner-invitation", OD_ROLE_OWNER, a_resend_owner },
  { "revoke-owner-invitation", OD_ROLE_OWNER, a_revoke_owner },
  { "role-write-to-read", OD_ROLE_ADMIN, a_role_write_to_read },
  { "role-write-to-admin", OD_ROLE_ADMIN, a_role_write_to_admin },
  { "role-admin-to-write", OD_ROLE_ADMIN, a_role_admin_to_write },
  { "role-write-to-owner", OD_ROLE_OWNER, a_role_write_to_owner },
  { "role-owner-to-admin", OD_ROLE_OWNER, a_role_owner_to_admin },
  { "role-self-to-owner", OD_ROLE_OWNER, a_role_self_to_owner, TRUE },
  { "bulk-role-admin", OD_ROLE_ADMIN, a_bulk_role_admin },
  { "bulk-role-owner", OD_ROLE_OWNER, a_bulk_role_owner },
  { "bulk-role-demote-owner", OD_ROLE_OWNER, a_bulk_role_demote_owner },
  { "remove-read", OD_ROLE_ADMIN, a_remove_read },
  { "remove-admin", OD_ROLE_ADMIN, a_remove_admin },
  { "remove-owner", OD_ROLE_OWNER, a_remove_owner },
  { "bulk-remove", OD_ROLE_ADMIN, a_bulk_remove },
  { "bulk-remove-owner", OD_ROLE_OWNER, a_bulk_remove_owner },
  { "seats", OD_ROLE_ADMIN, a_seats, FALSE, TRUE },
  { "term", OD_ROLE_ADMIN, a_term, FALSE, TRUE },
  { "discount", OD_ROLE_ADMIN, a_discount, FALSE, TRUE },
  { "cancel-subscription", OD_ROLE_ADMIN, a_cancel, FALSE, TRUE },
  { "billing-contact", OD_ROLE_ADMIN, a_billing_contact, FALSE, TRUE },
  { "save-organization", OD_ROLE_ADMIN, a_save_organization },
  { "settings", OD_ROLE_ADMIN, a_settings },
  { "deny-website", OD_ROLE_ADMIN, a_website },
  { "policy-import", OD_ROLE_ADMIN, a_policy_import },
  { "policy-publish", OD_ROLE_ADMIN, a_policy_publish },
  { "policy-restore", OD_ROLE_ADMIN, a_policy_restore },
  { "undo-team-delete", OD_ROLE_ADMIN, a_undo_team_delete },
  { "undo-owner-demotion", OD_ROLE_OWNER, a_undo_owner_demotion },
  { "undo-owner-removal", OD_ROLE_OWNER, a_undo_owner_removal },
  { "undo-owner-revoke", OD_ROLE_OWNER, a_undo_owner_revoke },
  { "delete-organization", OD_ROLE_OWNER, a_delete_organization, FALSE, TRUE },
};

static void
copy_file (const char *from, const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

static gboolean
dir_is_empty (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);

  return d == NULL || g_dir_read_name (d) == NULL;
}

/* One case as one acting member on a fresh copy; foreign: the Owner of another organization. */
static void
run_case (const Case *test,
          OdRole      role,
          gboolean    foreign)
{
  g_autofree char *name = g_strdup_printf ("%s-%s%s", test->path, od_role_to_string (role), foreign ? "-foreign" : "");
  g_autofree char *case_dir = g_build_filename (world.dir, name, NULL);
  g_autofree char *path = g_build_filename (case_dir, "orgdesk.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gboolean allowed = !foreign && role >= test->minimum;
  gboolean ok;
  Ctx c = { 0 };

  g_assert_cmpint (g_mkdir (case_dir, 0700), ==, 0);
  copy_file (world.template_path, path);
  c.folder = g_build_filename (case_dir, "published", NULL);
  g_assert_cmpint (g_mkdir (c.folder, 0700), ==, 0);
  c.repo = od_repository_open (path, &error);
  g_assert_no_error (error);
  c.role = role;
  if (foreign)
    {
      g_autoptr(OdOrganization) other = od_repository_lookup_organization (c.repo, "other", &error);
      g_assert_no_error (error);
      c.actor = od_repository_find_member (c.repo, od_organization_get_id (other), FOREIGN_OWNER, &error);
      g_assert_no_error (error);
    }
  else
    c.actor = member (&c, actor_email[role]);
  g_assert_cmpint (od_member_get_role (c.actor), ==, role);
  before = digest (path);

  ok = test->func (&c, &error);
  after = digest (path);
  if (allowed && !ok)
    g_error ("%s as %s: refused, but SPEC §3 allows it: %s", test->path, od_role_to_string (role),
             error ? error->message : "(no message)");
  if (!allowed && ok)
    g_error ("%s as %s%s: allowed, but SPEC §3 needs %s", test->path, od_role_to_string (role),
             foreign ? " of another organization" : "", od_role_to_string (test->minimum));
  if (allowed)
    {
      g_assert_no_error (error);
      if (!test->same_for_owner)
        g_assert_cmpstr (before, !=, after);
    }
  else
    {
      g_assert_nonnull (error);
      g_test_message ("%s refused: %s", name, error->message);
      g_assert_cmpstr (before, ==, after);
      g_assert_true (dir_is_empty (c.folder));
    }

  g_clear_object (&c.actor);
  g_clear_object (&c.repo);
  g_free (c.folder);
}

static void
test_case (gconstpointer data)
{
  const Case *test = data;

  for (OdRole role = OD_ROLE_READ; role <= OD_ROLE_OWNER; role++)
    run_case (test, role, FALSE);
  if (!test->own_org)
    run_case (test, OD_ROLE_OWNER, TRUE);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  build_world ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/safety/authorization/%s", cases[i].path);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  status = g_test_run ();
  remove_tree (world.dir);
  g_free (world.dir);
  g_free (world.template_path);
  return status;
}
