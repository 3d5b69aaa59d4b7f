/* test-invite-batch.c — reviewing and sending invitations in bulk, resending and revoking them,
 * bulk member changes and the members export, all on a real database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "od-csv.h"
#include "od-error.h"
#include "od-invitation.h"
#include "od-invite-batch.h"
#include "od-journal-entry.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-repository.h"
#include "od-team.h"

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

  f->dir = g_dir_make_tmp ("orgdesk-invite-XXXXXX", &error);
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
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&f->owner);
  g_clear_object (&f->org);
  g_clear_object (&f->repo);
  d = g_dir_open (f->dir, 0, NULL);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
run_sql (Fixture *f, const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
org_id (Fixture *f)
{
  return od_organization_get_id (f->org);
}

static void
set_seats (Fixture *f, guint seats)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (od_repository_set_seats (f->repo, f->owner, seats, &error));
  g_assert_no_error (error);
}

static OdMember *
add_member (Fixture *f, const char *email, const char *name, OdRole role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdInvitation) inv = od_repository_invite (f->repo, f->owner, email, role, &error);
  OdMember *m;

  g_assert_no_error (error);
  m = od_repository_accept_invitation (f->repo, od_invitation_get_code (inv), name, &error);
  g_assert_no_error (error);
  return m;
}

static OdInvitation *
invite (Fixture *f, const char *email)
{
  g_autoptr(GError) error = NULL;
  OdInvitation *inv = od_repository_invite (f->repo, f->owner, email, OD_ROLE_READ, &error);

  g_assert_no_error (error);
  return inv;
}

static void
expire (Fixture *f, OdInvitation *inv)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE invitations SET expires_at = 1000 WHERE id = %" G_GINT64_FORMAT,
                                          od_invitation_get_id (inv));
  run_sql (f, sql);
}

static guint
journal_count (Fixture *f)
{
  return od_repository_count_journal (f->repo, org_id (f), NULL);
}

static OdJournalEntry *
last_journal (Fixture *f)
{
  g_autoptr(GListModel) j = od_repository_list_journal (f->repo, org_id (f), 1, NULL);
  return g_list_model_get_item (j, 0);
}

static guint
count_rows (Fixture *f, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static guint
n_invitations (Fixture *f)
{
  return count_rows (f, "SELECT count(*) FROM invitations");
}

static void
review (Fixture *f, OdMember *actor, OdInviteBatch *batch, OdRole default_role)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (od_repository_review_invitations (f->repo, actor, batch, default_role, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (od_invite_batch_is_reviewed (batch));
}

static void
assert_row (OdInviteBatch *batch, guint i, OdInviteOutcome outcome, const char *needle)
{
  if (od_invite_batch_get_outcome (batch, i) != outcome)
    g_error ("row %u (%s): expected %s, got %s: %s", i, od_invite_batch_get_email (batch, i),
             od_invite_outcome_to_string (outcome),
             od_invite_outcome_to_string (od_invite_batch_get_outcome (batch, i)),
             od_invite_batch_get_reason (batch, i));
  if (needle != NULL && strstr (od_invite_batch_get_reason (batch, i), needle) == NULL)
    g_error ("row %u: “%s” not in “%s”", i, needle, od_invite_batch_get_reason (batch, i));
}

/* ---------------------------------------------------------------------------------------------
 * Review
 */

static void
test_every_outcome (Fixture *f, gconstpointer data)
{
  g_autoptr(OdMember) admin = add_member (f, "ada@acme.example", "Ada Admin", OD_ROLE_ADMIN);
  g_autoptr(OdInvitation) pending = invite (f, "pending@acme.example");
  g_autoptr(OdInvitation) expired = invite (f, "expired@acme.example");
  g_autoptr(OdInviteBatch) batch = od_invite_batch_new ();
  guint before = n_invitations (f);

  /* Members: owner and Ada; pending: one (the expired one holds no seat). 5 seats: 2 free. */
  expire (f, expired);
  set_seats (f, 5);

  od_invite_batch_add (batch, 2, "new@acme.example", NULL);
  od_invite_batch_add (batch, 3, "not-an-email", "read");
  od_invite_batch_add (batch, 4, " NEW@Acme.Example ", "admin");
  od_invite_batch_add (batch, 5, "Owner@acme.example", NULL);
  od_invite_batch_add (batch, 6, "pending@ACME.example", NULL);
  od_invite_batch_add (batch, 7, "expired@acme.example", "Read");
  od_invite_batch_add (batch, 8, "role@acme.example", "boss");
  od_invite_batch_add (batch, 9, "boss@acme.example", "owner");
  od_invite_batch_add (batch, 10, "late@acme.example", "write");
  od_invite_batch_add (batch, 11, "later@acme.example", "");

  review (f, admin, batch, OD_ROLE_WRITE);
  assert_row (batch, 0, OD_INVITE_OUTCOME_WILL_INVITE, "Will be invited as Write");
  assert_row (batch, 1, OD_INVITE_OUTCOME_INVALID_EMAIL, "has no “@”");
  assert_row (batch, 2, OD_INVITE_OUTCOME_DUPLICATE_IN_FILE, "already on line 2");
  g_assert_cmpuint (od_invite_batch_get_duplicate_of (batch, 2), ==, 2);
  assert_row (batch, 3, OD_INVITE_OUTCOME_ALREADY_MEMBER, "Owner@acme.example is already a member");
  assert_row (batch, 4, OD_INVITE_OUTCOME_ALREADY_INVITED, "already been invited");
  assert_row (batch, 5, OD_INVITE_OUTCOME_WILL_INVITE, "as Read");
  g_assert_cmpint (od_invite_batch_get_role (batch, 5), ==, OD_ROLE_READ);
  assert_row (batch, 6, OD_INVITE_OUTCOME_UNKNOWN_ROLE, "Unknown role “boss”. Use read, write, admin or owner.");
  assert_row (batch, 7, OD_INVITE_OUTCOME_NOT_ALLOWED_FOR_YOUR_ROLE, "Only an Owner can invite an Owner; your role is Admin");
  assert_row (batch, 8, OD_INVITE_OUTCOME_OVER_SEAT_LIMIT, "the rows above it take every free seat. Add 2 seats to invite every row.");
  assert_row (batch, 9, OD_INVITE_OUTCOME_OVER_SEAT_LIMIT, NULL);
  g_assert_cmpint (od_invite_batch_get_role (batch, 9), ==, OD_ROLE_WRITE);

  for (OdInviteOutcome o = 0; o < OD_INVITE_N_OUTCOMES; o++)
    g_assert_cmpuint (od_invite_batch_get_count (batch, o), ==,
                      o == OD_INVITE_OUTCOME_WILL_INVITE || o == OD_INVITE_OUTCOME_OVER_SEAT_LIMIT ? 2 : 1);
  g_assert_cmpuint (od_invite_batch_get_n_rejected (batch), ==, 8);
  g_assert_cmpuint (od_invite_batch_get_seats_total (batch), ==, 5);
  g_assert_cmpuint (od_invite_batch_get_seats_used (batch), ==, 3);
  g_assert_cmpuint (od_invite_batch_get_seats_free (batch), ==, 2);
  g_assert_cmpuint (od_invite_batch_get_seats_needed (batch), ==, 2);

  /* Review writes nothing. */
  g_assert_cmpuint (n_invitations (f), ==, before);

  /* A Write member may not invite at all: every row says so. */
  {
    g_autoptr(OdMember) writer = add_member (f, "wim@acme.example", "Wim Writer", OD_ROLE_WRITE);

    review (f, writer, batch, OD_ROLE_WRITE);
    g_assert_cmpuint (od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_NOT_ALLOWED_FOR_YOUR_ROLE), ==, 10);
    assert_row (batch, 1, OD_INVITE_OUTCOME_NOT_ALLOWED_FOR_YOUR_ROLE,
                "Only an Admin or Owner can invite members; your role is Write.");
  }
}

static void
test_duplicates_ignore_case (Fixture *f, gconstpointer data)
{
  g_autoptr(OdInviteBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  const char *csv = "email,role\nAnn@Example.com,read\nbob@example.com,read\n  ann@EXAMPLE.COM\n"
                    "\"ANN@example.com \",admin\nBob@Example.Com,write\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));

  batch = od_invite_batch_new_from_csv (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (od_invite_batch_get_n_rows (batch), ==, 5);
  review (f, f->owner, batch, OD_ROLE_WRITE);
  assert_row (batch, 0, OD_INVITE_OUTCOME_WILL_INVITE, NULL);
  assert_row (batch, 1, OD_INVITE_OUTCOME_WILL_INVITE, NULL);
  assert_row (batch, 2, OD_INVITE_OUTCOME_DUPLICATE_IN_FILE, "line 2");
  assert_row (batch, 3, OD_INVITE_OUTCOME_DUPLICATE_IN_FILE, "line 2");
  assert_row (batch, 4, OD_INVITE_OUTCOME_DUPLICATE_IN_FILE, "line 3");
  g_assert_cmpuint (od_invite_batch_get_line (batch, 4), ==, 6);
  g_assert_cmpuint (od_invite_batch_get_duplicate_of (batch, 4), ==, 3);
}

static void
test_seat_impact (Fixture *f, gconstpointer data)
{
  g_autoptr(OdMember) m = add_member (f, "m@acme.example", "Max", OD_ROLE_READ);
  g_autoptr(OdInvitation) p1 = invite (f, "p1@acme.example");
  g_autoptr(OdInvitation) p2 = invite (f, "p2@acme.example");
  g_autoptr(OdInvitation) gone = invite (f, "gone@acme.example");
  g_autoptr(OdInviteBatch) batch = od_invite_batch_new ();
  g_autofree char *text = NULL;

  expire (f, gone);
  set_seats (f, 12);
  for (guint i = 0; i < 9; i++)
    {
      g_autofree char *email = g_strdup_printf ("n%u@acme.example", i);
      od_invite_batch_add (batch, i + 1, email, NULL);
    }
  od_invite_batch_add (batch, 10, "bad", NULL);

  /* 12 seats, 2 members + 2 pending (the expired one does not count): 8 free; 9 valid rows. */
  review (f, f->owner, batch, OD_ROLE_READ);
  g_assert_cmpuint (od_invite_batch_get_seats_used (batch), ==, 4);
  g_assert_cmpuint (od_invite_batch_get_seats_free (batch), ==, 8);
  g_assert_cmpuint (od_invite_batch_get_seats_needed (batch), ==, 8);
  g_assert_cmpuint (od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_OVER_SEAT_LIMIT), ==, 1);
  assert_row (batch, 8, OD_INVITE_OUTCOME_OVER_SEAT_LIMIT, "Add 1 seat to invite every row.");
  text = od_invite_batch_describe_seats (batch);
  g_assert_cmpstr (text, ==, "Uses all 8 free seats (4 of 12 seats in use); 1 more row needs a seat: "
                             "add 1 seat to invite it too.");
  g_clear_pointer (&text, g_free);

  set_seats (f, 13);
  review (f, f->owner, batch, OD_ROLE_READ);
  g_assert_cmpuint (od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_WILL_INVITE), ==, 9);
  text = od_invite_batch_describe_seats (batch);
  g_assert_cmpstr (text, ==, "Uses 9 of 9 free seats (4 of 13 seats in use).");
  g_clear_pointer (&text, g_free);

  /* The floor: more used than there are seats (seats cut by another tool) leaves 0 free. */
  run_sql (f, "UPDATE subscriptions SET seats = 3");
  review (f, f->owner, batch, OD_ROLE_READ);
  g_assert_cmpuint (od_invite_batch_get_seats_free (batch), ==, 0);
  g_assert_cmpuint (od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_OVER_SEAT_LIMIT), ==, 9);
  assert_row (batch, 0, OD_INVITE_OUTCOME_OVER_SEAT_LIMIT,
              "All 3 seats are in use (2 members, 2 pending invitations). Add seats to invite n0@acme.example.");
}

/* The single-address path gives the batch's outcomes, with the same messages. */
static void
test_single_invite_matches_batch (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *email;
    OdRole      role;
    GQuark    (*domain) (void);
    int         code;
  } cases[] = {
    { "owner@acme.example", OD_ROLE_READ, od_repository_error_quark, OD_REPOSITORY_ERROR_EXISTS },
    { "pending@acme.example", OD_ROLE_READ, od_repository_error_quark, OD_REPOSITORY_ERROR_EXISTS },
    { "boss@acme.example", OD_ROLE_OWNER, od_permission_error_quark, OD_PERMISSION_ERROR_DENIED },
    { "full@acme.example", OD_ROLE_READ, od_validation_error_quark, OD_VALIDATION_ERROR_SEAT_LIMIT },
  };
  g_autoptr(OdMember) admin = add_member (f, "ada@acme.example", "Ada Admin", OD_ROLE_ADMIN);
  g_autoptr(OdInvitation) pending = invite (f, "pending@acme.example");

  set_seats (f, 3);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OdInviteBatch) batch = od_invite_batch_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(OdInvitation) inv = NULL;

      od_invite_batch_add (batch, 1, cases[i].email, NULL);
      review (f, admin, batch, cases[i].role);
      inv = od_repository_invite (f->repo, admin, cases[i].email, cases[i].role, &error);
      g_assert_null (inv);
      g_assert_error (error, cases[i].domain (), cases[i].code);
      g_assert_cmpstr (error->message, ==, od_invite_batch_get_reason (batch, 0));
    }
}

/* ---------------------------------------------------------------------------------------------
 * Apply
 */

static OdInviteBatch *
numbered_batch (guint n, const char *prefix)
{
  OdInviteBatch *batch = od_invite_batch_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *email = g_strdup_printf ("%s%u@acme.example", prefix, i);
      od_invite_batch_add (batch, i + 2, email, i % 3 == 0 ? "admin" : NULL);
    }
  return batch;
}

static void
test_apply_is_review (Fixture *f, gconstpointer data)
{
  g_autoptr(OdInviteBatch) batch = numbered_batch (150, "user");
  g_autoptr(OdJournalEntry) entry = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) listed = NULL;
  g_autofree OdInviteOutcome *outcomes = g_new (OdInviteOutcome, 153);
  guint invitations_before, journal_before;

  set_seats (f, 150);
  od_invite_batch_add (batch, 200, "broken", NULL);
  od_invite_batch_add (batch, 201, "USER5@acme.example", NULL);
  od_invite_batch_add (batch, 202, "owner@acme.example", NULL);
  review (f, f->owner, batch, OD_ROLE_READ);
  for (guint i = 0; i < 153; i++)
    outcomes[i] = od_invite_batch_get_outcome (batch, i);
  g_assert_cmpuint (od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_WILL_INVITE), ==, 149);
  g_assert_cmpuint (od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_OVER_SEAT_LIMIT), ==, 1);

  invitations_before = n_invitations (f);
  journal_before = journal_count (f);
  g_assert_true (od_repository_apply_invitations (f->repo, f->owner, batch, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (od_invite_batch_is_applied (batch));

  /* The same outcomes as the review; each invited row has its own code. */
  for (guint i = 0; i < 153; i++)
    {
      g_assert_cmpint (od_invite_batch_get_outcome (batch, i), ==, outcomes[i]);
      if (outcomes[i] == OD_INVITE_OUTCOME_WILL_INVITE)
        {
          g_assert_cmpuint (strlen (od_invite_batch_get_code (batch, i)), ==, 23);
          g_assert_true (g_str_has_prefix (od_invite_batch_get_reason (batch, i), "Invited as "));
        }
      else
        g_assert_null (od_invite_batch_get_code (batch, i));
    }
  g_assert_cmpuint (n_invitations (f), ==, invitations_before + 149);
  g_assert_cmpuint (count_rows (f, "SELECT count(DISTINCT code) FROM invitations"), ==, invitations_before + 149);
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM invitations WHERE email = 'user3@acme.example'"
                                   " AND role = 3 AND times_sent = 1 AND state = 1"), ==, 1);
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM invitations WHERE email = 'user4@acme.example'"
                                   " AND role = 1"), ==, 1);
  listed = od_repository_list_invitations (f->repo, org_id (f), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, invitations_before + 149);

  /* One journal row for the whole batch, bounded to 100 addresses. */
  g_assert_cmpuint (journal_count (f), ==, journal_before + 1);
  entry = last_journal (f);
  g_assert_cmpstr (od_journal_entry_get_action (entry), ==, "invitation.bulk-create");
  g_assert_cmpstr (od_journal_entry_get_target (entry), ==, "149 invitations");
  after = json_from_string (od_journal_entry_get_after_json (entry), &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (after), "count"), ==, 149);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (after), "omitted"), ==, 49);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (after),
                                                                         "invitations")), ==, 100);

  /* The seats are full now: they cannot be cut below what is used. */
  g_assert_false (od_repository_set_seats (f->repo, f->owner, 149, &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "at least 150 seats"));
}

/* Foreign keys are still enforced on the connection: removing a member takes their team
 * memberships along (ON DELETE CASCADE). */
static void
assert_foreign_keys_on (Fixture *f)
{
  static guint probe = 0;
  g_autofree char *name = g_strdup_printf ("FK probe %u", ++probe);
  g_autoptr(OdMember) m = add_member (f, "fk-probe@acme.example", "Probe", OD_ROLE_READ);
  g_autoptr(OdTeam) team = od_repository_create_team (f->repo, f->owner, name, NULL, NULL);

  g_assert_true (od_repository_add_team_member (f->repo, f->owner, od_team_get_id (team), od_member_get_id (m), NULL));
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM team_members"), ==, 1);
  g_assert_true (od_repository_remove_member (f->repo, f->owner, od_member_get_id (m), NULL));
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM team_members"), ==, 0);
}

typedef struct
{
  GCancellable *cancellable;
  guint         cancel_at;
  guint         last_done;
  guint         total;
  guint         calls;
} Progress;

static void
progress_cb (guint done, guint total, gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpuint (done, >=, p->last_done);
  p->last_done = done;
  p->total = total;
  p->calls++;
  if (p->cancel_at > 0 && done >= p->cancel_at)
    g_cancellable_cancel (p->cancellable);
}

static void
test_cancelled_apply_leaves_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(OdInviteBatch) batch = numbered_batch (2000, "bulk");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Progress p = { cancellable, 500 };
  guint invitations_before, journal_before;

  set_seats (f, 5000);
  review (f, f->owner, batch, OD_ROLE_WRITE);
  invitations_before = n_invitations (f);
  journal_before = journal_count (f);

  g_assert_false (od_repository_apply_invitations (f->repo, f->owner, batch, cancellable, progress_cb, &p, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (p.last_done, ==, 500);
  g_assert_cmpuint (p.total, ==, 2000);
  g_assert_false (od_invite_batch_is_applied (batch));
  g_assert_null (od_invite_batch_get_code (batch, 0));
  g_assert_cmpuint (n_invitations (f), ==, invitations_before);
  g_assert_cmpuint (journal_count (f), ==, journal_before);
  g_clear_error (&error);
  assert_foreign_keys_on (f);
  journal_before = journal_count (f);
  invitations_before = n_invitations (f);

  /* The same batch applies in full afterwards, reporting progress to the end. */
  p = (Progress) { NULL, 0 };
  g_assert_true (od_repository_apply_invitations (f->repo, f->owner, batch, NULL, progress_cb, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p.last_done, ==, 2000);
  g_assert_cmpuint (p.total, ==, 2000);
  g_assert_cmpuint (p.calls, ==, 21);
  g_assert_cmpuint (n_invitations (f), ==, invitations_before + 2000);
  g_assert_cmpuint (journal_count (f), ==, journal_before + 1);

  /* A cancellable cancelled before the start changes nothing either. */
  {
    g_autoptr(OdInviteBatch) more = numbered_batch (3, "late");
    g_autoptr(GCancellable) cancelled = g_cancellable_new ();

    g_cancellable_cancel (cancelled);
    g_assert_false (od_repository_apply_invitations (f->repo, f->owner, more, cancelled, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (n_invitations (f), ==, invitations_before + 2000);
  }
  assert_foreign_keys_on (f);
}

/* Apply reviews again inside its transaction: what changed since the review wins. */
static void
test_apply_reviews_again (Fixture *f, gconstpointer data)
{
  g_autoptr(OdInviteBatch) batch = od_invite_batch_new ();
  g_autoptr(OdMember) admin = add_member (f, "ada@acme.example", "Ada Admin", OD_ROLE_ADMIN);
  g_autoptr(GError) error = NULL;
  guint members = 0, pending = 0, seats = 0;

  set_seats (f, 6);
  od_invite_batch_add (batch, 1, "a@acme.example", NULL);
  od_invite_batch_add (batch, 2, "b@acme.example", NULL);
  od_invite_batch_add (batch, 3, "c@acme.example", NULL);
  od_invite_batch_add (batch, 4, "d@acme.example", NULL);
  review (f, admin, batch, OD_ROLE_WRITE);
  g_assert_cmpuint (od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_WILL_INVITE), ==, 4);

  /* Meanwhile, another window (another connection) invites b and someone else. */
  {
    g_autoptr(OdRepository) other = od_repository_open (f->path, &error);
    g_autoptr(OdInvitation) i1 = NULL;
    g_autoptr(OdInvitation) i2 = NULL;

    g_assert_no_error (error);
    i1 = od_repository_invite (other, f->owner, "B@acme.example", OD_ROLE_READ, &error);
    g_assert_no_error (error);
    i2 = od_repository_invite (other, f->owner, "z@acme.example", OD_ROLE_READ, &error);
    g_assert_no_error (error);
  }

  g_assert_true (od_repository_apply_invitations (f->repo, admin, batch, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_row (batch, 0, OD_INVITE_OUTCOME_WILL_INVITE, NULL);
  assert_row (batch, 1, OD_INVITE_OUTCOME_ALREADY_INVITED, NULL);
  assert_row (batch, 2, OD_INVITE_OUTCOME_WILL_INVITE, NULL);
  assert_row (batch, 3, OD_INVITE_OUTCOME_OVER_SEAT_LIMIT, NULL);
  od_repository_get_seat_usage (f->repo, org_id (f), &members, &pending, &seats, NULL);
  g_assert_cmpuint (members + pending, ==, seats);

  /* And an actor demoted meanwhile invites nobody. */
  {
    g_autoptr(OdInviteBatch) next = numbered_batch (2, "next");

    set_seats (f, 20);
    review (f, admin, next, OD_ROLE_READ);
    g_assert_cmpuint (od_invite_batch_get_count (next, OD_INVITE_OUTCOME_WILL_INVITE), ==, 2);
    g_assert_true (od_repository_set_member_role (f->repo, f->owner, od_member_get_id (admin), OD_ROLE_WRITE, &error));
    g_assert_true (od_repository_apply_invitations (f->repo, admin, next, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (od_invite_batch_get_count (next, OD_INVITE_OUTCOME_NOT_ALLOWED_FOR_YOUR_ROLE), ==, 2);
    g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM invitations WHERE email LIKE 'next%'"), ==, 0);
  }
}

static void
test_batch_from_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdInviteBatch) batch = od_invite_batch_new_from_list ("a@acme.example, b@acme.example\n\nbad;a@ACME.example",
                                                                  -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (od_invite_batch_get_n_rows (batch), ==, 4);
  review (f, f->owner, batch, OD_ROLE_ADMIN);
  assert_row (batch, 0, OD_INVITE_OUTCOME_WILL_INVITE, "as Admin");
  assert_row (batch, 2, OD_INVITE_OUTCOME_INVALID_EMAIL, NULL);
  g_assert_cmpuint (od_invite_batch_get_line (batch, 2), ==, 3);
  assert_row (batch, 3, OD_INVITE_OUTCOME_DUPLICATE_IN_FILE, "line 1");

  g_assert_null (od_invite_batch_new_from_list ("a\xff", 2, &error));
  g_assert_error (error, OD_CSV_ERROR, OD_CSV_ERROR_NOT_UTF8);
  g_clear_error (&error);

  /* Applied without a review first: apply reviews itself, with the batch's default role. */
  {
    g_autoptr(OdInviteBatch) direct = od_invite_batch_new_from_list ("direct@acme.example", -1, &error);

    od_invite_batch_set_default_role (direct, OD_ROLE_ADMIN);
    g_assert_true (od_repository_apply_invitations (f->repo, f->owner, direct, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    assert_row (direct, 0, OD_INVITE_OUTCOME_WILL_INVITE, "Invited as Admin.");
    g_assert_cmpuint (count_rows (f, "SELECT role FROM invitations WHERE email = 'direct@acme.example'"), ==, OD_ROLE_ADMIN);
  }
}

/* ---------------------------------------------------------------------------------------------
 * Resend and revoke
 */

static void
test_resend (Fixture *f, gconstpointer data)
{
  g_autoptr(OdInvitation) inv = invite (f, "r@acme.example");
  g_autoptr(OdInvitation) again = NULL;
  g_autoptr(OdInvitation) old = invite (f, "old@acme.example");
  g_autoptr(OdInvitation) revoked = invite (f, "rev@acme.example");
  g_autoptr(OdJournalEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  guint members, pending, seats;

  /* Pending: renewed from now, sent once more. */
  run_sql (f, "UPDATE invitations SET expires_at = expires_at - 86400 * 3");
  again = od_repository_resend_invitation (f->repo, f->owner, od_invitation_get_id (inv), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (od_invitation_get_times_sent (again), ==, 2);
  g_assert_cmpint (od_invitation_get_expires_at (again), >=, g_get_real_time () / G_USEC_PER_SEC + 7 * 86400 - 5);
  g_assert_cmpstr (od_invitation_get_code (again), ==, od_invitation_get_code (inv));
  entry = last_journal (f);
  g_assert_cmpstr (od_journal_entry_get_action (entry), ==, "invitation.resend");
  g_clear_object (&again);

  /* Expired: comes back pending, but only with a free seat. */
  expire (f, old);
  od_repository_get_seat_usage (f->repo, org_id (f), &members, &pending, &seats, NULL);
  set_seats (f, members + pending);
  g_assert_null (od_repository_resend_invitation (f->repo, f->owner, od_invitation_get_id (old), &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_SEAT_LIMIT);
  g_assert_nonnull (strstr (error->message, "Add seats"));
  g_clear_error (&error);
  set_seats (f, members + pending + 1);
  again = od_repository_resend_invitation (f->repo, f->owner, od_invitation_get_id (old), &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_invitation_get_state (again), ==, OD_INVITATION_PENDING);
  g_clear_object (&again);

  /* Revoked and accepted ones are refused, saying why. */
  g_assert_true (od_repository_revoke_invitation (f->repo, f->owner, od_invitation_get_id (revoked), &error));
  g_assert_null (od_repository_resend_invitation (f->repo, f->owner, od_invitation_get_id (revoked), &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "was revoked"));
  g_clear_error (&error);
  g_object_unref (od_repository_accept_invitation (f->repo, od_invitation_get_code (inv), "Rita", &error));
  g_assert_null (od_repository_resend_invitation (f->repo, f->owner, od_invitation_get_id (inv), &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "accepted"));
  g_clear_error (&error);

  /* Found by address. */
  again = od_repository_find_invitation (f->repo, org_id (f), "OLD@acme.example", &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_invitation_get_id (again), ==, od_invitation_get_id (old));
  g_assert_null (od_repository_find_invitation (f->repo, org_id (f), "nobody@acme.example", &error));
  g_assert_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND);
}

static void
test_revoke_many (Fixture *f, gconstpointer data)
{
  g_autoptr(OdInvitation) a = invite (f, "a@acme.example");
  g_autoptr(OdInvitation) b = invite (f, "b@acme.example");
  g_autoptr(OdInvitation) c = invite (f, "c@acme.example");
  g_autoptr(OdMember) joined = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 id;
  guint journal_before = journal_count (f);

  id = od_invitation_get_id (a);
  g_array_append_val (ids, id);
  id = od_invitation_get_id (b);
  g_array_append_val (ids, id);
  g_array_append_val (ids, id);
  g_assert_true (od_repository_revoke_invitations (f->repo, f->owner, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (journal_count (f), ==, journal_before + 2);
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM invitations WHERE state = 3"), ==, 2);

  /* All or nothing: c stays pending when the accepted one is refused. */
  joined = add_member (f, "d@acme.example", "Dee", OD_ROLE_READ);
  g_array_set_size (ids, 0);
  id = od_invitation_get_id (c);
  g_array_append_val (ids, id);
  id = count_rows (f, "SELECT id FROM invitations WHERE email = 'd@acme.example'");
  g_array_append_val (ids, id);
  journal_before = journal_count (f);
  g_assert_false (od_repository_revoke_invitations (f->repo, f->owner, ids, &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Nothing was revoked"));
  g_assert_nonnull (strstr (error->message, "d@acme.example"));
  g_assert_cmpuint (journal_count (f), ==, journal_before);
  g_assert_cmpuint (count_rows (f, "SELECT state FROM invitations WHERE email = 'c@acme.example'"), ==, 1);
}

/* ---------------------------------------------------------------------------------------------
 * Bulk member changes
 */

static GArray *
ids_of (OdMember *first, ...)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, first);
  for (OdMember *m = first; m != NULL; m = va_arg (args, OdMember *))
    {
      gint64 id = od_member_get_id (m);
      g_array_append_val (ids, id);
    }
  va_end (args);
  return ids;
}

static OdRole
role_of (Fixture *f, OdMember *m)
{
  g_autoptr(OdMember) now = od_repository_get_member (f->repo, od_member_get_id (m), NULL);
  return now ? od_member_get_role (now) : OD_ROLE_NONE;
}

static void
test_bulk_roles (Fixture *f, gconstpointer data)
{
  g_autoptr(OdMember) a = add_member (f, "a@acme.example", "Al", OD_ROLE_WRITE);
  g_autoptr(OdMember) b = add_member (f, "b@acme.example", "Bea", OD_ROLE_WRITE);
  g_autoptr(OdMember) admin = add_member (f, "ada@acme.example", "Ada", OD_ROLE_ADMIN);
  g_autoptr(OdMember) owner2 = add_member (f, "o2@acme.example", "Otto", OD_ROLE_OWNER);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  before = journal_count (f);
  ids = ids_of (a, b, a, NULL);
  g_assert_true (od_repository_set_members_role (f->repo, admin, ids, OD_ROLE_READ, &error));
  g_assert_no_error (error);
  g_assert_cmpint (role_of (f, a), ==, OD_ROLE_READ);
  g_assert_cmpint (role_of (f, b), ==, OD_ROLE_READ);
  g_assert_cmpuint (journal_count (f), ==, before + 2);
  g_clear_pointer (&ids, g_array_unref);

  /* An Admin may not touch an Owner: nothing changes, not even the others. */
  before = journal_count (f);
  ids = ids_of (a, owner2, NULL);
  g_assert_false (od_repository_set_members_role (f->repo, admin, ids, OD_ROLE_WRITE, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "Otto <o2@acme.example>"));
  g_assert_cmpint (role_of (f, a), ==, OD_ROLE_READ);
  g_assert_cmpuint (journal_count (f), ==, before);
  g_clear_error (&error);
  g_clear_pointer (&ids, g_array_unref);

  /* Demoting every Owner would leave none: refused as a whole. */
  ids = ids_of (f->owner, owner2, NULL);
  g_assert_false (od_repository_set_members_role (f->repo, f->owner, ids, OD_ROLE_ADMIN, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_LAST_OWNER);
  g_assert_cmpint (role_of (f, f->owner), ==, OD_ROLE_OWNER);
  g_assert_cmpint (role_of (f, owner2), ==, OD_ROLE_OWNER);
  g_assert_cmpuint (journal_count (f), ==, before);
  g_clear_error (&error);
  g_clear_pointer (&ids, g_array_unref);

  /* An Owner may promote several to Owner at once. */
  ids = ids_of (a, b, NULL);
  g_assert_true (od_repository_set_members_role (f->repo, f->owner, ids, OD_ROLE_OWNER, &error));
  g_assert_cmpuint (od_repository_count_owners (f->repo, org_id (f), NULL), ==, 4);
}

static void
test_bulk_removal (Fixture *f, gconstpointer data)
{
  g_autoptr(OdMember) a = add_member (f, "a@acme.example", "Al", OD_ROLE_WRITE);
  g_autoptr(OdMember) b = add_member (f, "b@acme.example", "Bea", OD_ROLE_READ);
  g_autoptr(OdMember) admin = add_member (f, "ada@acme.example", "Ada", OD_ROLE_ADMIN);
  g_autoptr(OdTeam) team = od_repository_create_team (f->repo, f->owner, "Core", NULL, NULL);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdJournalEntry) entry = NULL;
  guint before = journal_count (f);

  g_assert_true (od_repository_add_team_member (f->repo, f->owner, od_team_get_id (team), od_member_get_id (a), NULL));
  before = journal_count (f);

  /* The sole Owner among them: nobody is removed. */
  ids = ids_of (a, b, f->owner, NULL);
  g_assert_false (od_repository_remove_members (f->repo, admin, ids, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "Nobody was removed"));
  g_assert_cmpint (role_of (f, a), ==, OD_ROLE_WRITE);
  g_assert_cmpint (role_of (f, b), ==, OD_ROLE_READ);
  g_assert_cmpuint (journal_count (f), ==, before);
  g_clear_error (&error);
  g_clear_pointer (&ids, g_array_unref);

  /* Yourself among others: you leave last. */
  ids = ids_of (admin, a, b, NULL);
  g_assert_true (od_repository_remove_members (f->repo, admin, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpint (role_of (f, a), ==, OD_ROLE_NONE);
  g_assert_cmpint (role_of (f, admin), ==, OD_ROLE_NONE);
  g_assert_cmpuint (journal_count (f), ==, before + 3);
  entry = last_journal (f);
  g_assert_cmpstr (od_journal_entry_get_action (entry), ==, "member.leave");

  /* Each removal can be undone, team membership included. */
  {
    g_autoptr(GListModel) journal = od_repository_list_journal (f->repo, org_id (f), 3, NULL);
    g_autoptr(OdMember) back = NULL;

    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(OdJournalEntry) e = g_list_model_get_item (journal, i);

        if (strstr (od_journal_entry_get_target (e), "a@acme.example") == NULL)
          continue;
        g_assert_cmpint (od_repository_undo (f->repo, f->owner, od_journal_entry_get_id (e), &error), >, 0);
        g_assert_no_error (error);
      }
    back = od_repository_find_member (f->repo, org_id (f), "a@acme.example", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (od_member_get_teams (back), ==, "Core");
  }
}

/* ---------------------------------------------------------------------------------------------
 * Export
 */

static char *
export (Fixture *f, const char *search, OdExportFormat format)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (od_repository_export_members (f->repo, org_id (f), search, format, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
  g_output_stream_close (stream, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
test_export (Fixture *f, gconstpointer data)
{
  g_autoptr(OdMember) evil = add_member (f, "evil@acme.example", "=HYPERLINK(\"http://x\",\"y\")", OD_ROLE_READ);
  g_autoptr(OdMember) comma = add_member (f, "jane@acme.example", "Smith, Jane", OD_ROLE_ADMIN);
  g_autoptr(OdMember) minus = add_member (f, "-dash@acme.example", "-1+2", OD_ROLE_WRITE);
  g_autoptr(OdTeam) t1 = od_repository_create_team (f->repo, f->owner, "Zeta", NULL, NULL);
  g_autoptr(OdTeam) t2 = od_repository_create_team (f->repo, f->owner, "Alpha, Inc", NULL, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autofree char *found = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *array;
  JsonObject *first;

  od_repository_add_team_member (f->repo, f->owner, od_team_get_id (t1), od_member_get_id (comma), NULL);
  od_repository_add_team_member (f->repo, f->owner, od_team_get_id (t2), od_member_get_id (comma), NULL);
  run_sql (f, "UPDATE members SET joined_at = 1700000000, last_active_at = 0;"
              "UPDATE members SET last_active_at = 1714555800 WHERE email = 'jane@acme.example'");

  csv = export (f, NULL, OD_EXPORT_FORMAT_CSV);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[0], ==, "name,email,role,teams,joined,last_active");
  /* List order (name, case-insensitive); formulas neutralised with a leading '. */
  g_assert_cmpstr (lines[1], ==, "'-1+2,'-dash@acme.example,write,,2023-11-14T22:13:20Z,");
  g_assert_cmpstr (lines[2], ==, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",evil@acme.example,read,,2023-11-14T22:13:20Z,");
  g_assert_cmpstr (lines[3], ==, "Olive Owner,owner@acme.example,owner,,2023-11-14T22:13:20Z,");
  g_assert_cmpstr (lines[4], ==, "\"Smith, Jane\",jane@acme.example,admin,\"Alpha, Inc, Zeta\",2023-11-14T22:13:20Z,2024-05-01T09:30:00Z");
  g_assert_cmpstr (lines[5], ==, "");

  json = export (f, NULL, OD_EXPORT_FORMAT_JSON);
  root = json_from_string (json, &error);
  g_assert_no_error (error);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  first = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "=HYPERLINK(\"http://x\",\"y\")");
  g_assert_true (json_object_get_null_member (first, "last_active_at"));
  first = json_array_get_object_element (array, 3);
  g_assert_cmpstr (json_object_get_string_member (first, "email"), ==, "jane@acme.example");
  g_assert_cmpstr (json_object_get_string_member (first, "role"), ==, "admin");
  g_assert_cmpstr (json_object_get_string_member (first, "joined_at"), ==, "2023-11-14T22:13:20Z");
  g_assert_cmpstr (json_object_get_string_member (first, "last_active_at"), ==, "2024-05-01T09:30:00Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "teams")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (first, "teams"), 0), ==, "Alpha, Inc");

  /* The search of the members list applies. */
  found = export (f, "SMITH", OD_EXPORT_FORMAT_CSV);
  g_assert_cmpstr (found, ==, "name,email,role,teams,joined,last_active\r\n"
                              "\"Smith, Jane\",jane@acme.example,admin,\"Alpha, Inc, Zeta\",2023-11-14T22:13:20Z,2024-05-01T09:30:00Z\r\n");
  g_clear_pointer (&found, g_free);
  found = export (f, "nobody", OD_EXPORT_FORMAT_JSON);
  g_assert_cmpstr (found, ==, "[]\n");
}

/* Many pages come out complete and in the order of the members list. */
static void
test_export_pages (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgdesk-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "orgdesk.db", NULL);
  g_autoptr(OdRepository) repo = od_repository_open (path, NULL);
  g_autoptr(OdOrganization) org = od_repository_create_demo (repo, 2500, 5, 0, 0, NULL);
  g_autoptr(GListModel) list = od_repository_list_members (repo, od_organization_get_id (org), NULL, NULL);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  JsonArray *array;

  g_assert_true (od_repository_export_members (repo, od_organization_get_id (org), NULL, OD_EXPORT_FORMAT_JSON,
                                               stream, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL);
  g_output_stream_close (stream, NULL, NULL);
  json = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
  root = json_from_string (json, &error);
  g_assert_no_error (error);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 2500);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2500);
  for (guint i = 0; i < 2500; i++)
    {
      g_autoptr(OdMember) m = g_list_model_get_item (list, i);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, i), "email"), ==,
                       od_member_get_email (m));
    }

  /* A cancelled export stops with the usual error. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GOutputStream) sink = g_memory_output_stream_new_resizable ();

    g_cancellable_cancel (cancellable);
    g_assert_false (od_repository_export_members (repo, od_organization_get_id (org), NULL, OD_EXPORT_FORMAT_CSV,
                                                  sink, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }

  g_clear_object (&list);
  g_clear_object (&org);
  g_clear_object (&repo);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define FIXTURE_TEST(path, func) \
  g_test_add ("/invite-batch/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  FIXTURE_TEST ("review/every-outcome", test_every_outcome);
  FIXTURE_TEST ("review/duplicates-ignore-case", test_duplicates_ignore_case);
  FIXTURE_TEST ("review/seat-impact", test_seat_impact);
  FIXTURE_TEST ("review/single-invite-matches", test_single_invite_matches_batch);
  FIXTURE_TEST ("review/pasted-list", test_batch_from_list);
  FIXTURE_TEST ("apply/is-review", test_apply_is_review);
  FIXTURE_TEST ("apply/cancelled-leaves-nothing", test_cancelled_apply_leaves_nothing);
  FIXTURE_TEST ("apply/reviews-again", test_apply_reviews_again);
  FIXTURE_TEST ("invitations/resend", test_resend);
  FIXTURE_TEST ("invitations/revoke-many", test_revoke_many);
  FIXTURE_TEST ("members/bulk-roles", test_bulk_roles);
  FIXTURE_TEST ("members/bulk-removal", test_bulk_removal);
  FIXTURE_TEST ("members/export", test_export);
  g_test_add_func ("/invite-batch/members/export-pages", test_export_pages);

  return g_test_run ();
}
