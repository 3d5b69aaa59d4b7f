/* test-billing-repository.c — billing on a real database with an injected clock: quotes and
 * prorated seat charges, the seat floor, term changes applied exactly at the billing date,
 * renewals, discount codes, cancel and resume, the billing contact, permissions, the ledger and
 * journal rows of every change, the CSV export and migration 3.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "od-billing.h"
#include "od-billing-contact.h"
#include "od-billing-event.h"
#include "od-billing-private.h"
#include "od-error.h"
#include "od-invitation.h"
#include "od-journal-entry.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-repository.h"
#include "od-subscription.h"

#define STARTED "2028-01-31T10:00:00Z"
#define FIRST_BILLING "2028-02-29T10:00:00Z"
#define MID_PERIOD "2028-02-15T12:00:00Z"

typedef struct
{
  char           *dir;
  char           *path;
  OdRepository   *repo;
  OdOrganization *org;
  OdMember       *owner;
  gint64          org_id;
} Fixture;

static gint64
utc (const char *iso)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (when);
  return g_date_time_to_unix (when);
}

static char *
iso (gint64 unix_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
}

static void
run_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
set_clock (Fixture *f, const char *when)
{
  _od_repository_set_billing_clock (f->repo, utc (when));
}

/* The subscription started on Jan 31, 2028 (a leap year), so it renews on Feb 29, Mar 31, … */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  f->dir = g_dir_make_tmp ("orgdesk-billing-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "orgdesk.db", NULL);
  f->repo = od_repository_open (f->path, &error);
  g_assert_no_error (error);
  f->org = od_repository_create_organization (f->repo, "Acme Tools", "owner@acme.example",
                                              "Olive Owner", 10, &error);
  g_assert_no_error (error);
  f->org_id = od_organization_get_id (f->org);
  f->owner = od_repository_get_first_owner (f->repo, f->org_id, &error);
  g_assert_no_error (error);

  sql = g_strdup_printf ("UPDATE subscriptions SET started_at = %" G_GINT64_FORMAT ", next_billing_at = %"
                         G_GINT64_FORMAT, utc (STARTED), utc (FIRST_BILLING));
  run_sql (f->path, sql);
  set_clock (f, MID_PERIOD);
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

static OdSubscription *
subscription (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  OdSubscription *sub = od_repository_get_subscription (f->repo, f->org_id, &error);

  g_assert_no_error (error);
  return sub;
}

static GListModel *
history (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GListModel *events = od_repository_list_billing_history (f->repo, f->org_id, &error);

  g_assert_no_error (error);
  return events;
}

static guint
n_events (Fixture *f)
{
  g_autoptr(GListModel) events = history (f);

  return g_list_model_get_n_items (events);
}

static OdBillingEvent *
newest_event (Fixture *f)
{
  g_autoptr(GListModel) events = history (f);

  g_assert_cmpuint (g_list_model_get_n_items (events), >, 0);
  return g_list_model_get_item (events, 0);
}

static guint
journal_count (Fixture *f)
{
  return od_repository_count_journal (f->repo, f->org_id, NULL);
}

static char *
last_journal_action (Fixture *f)
{
  g_autoptr(GListModel) j = od_repository_list_journal (f->repo, f->org_id, 1, NULL);
  g_autoptr(OdJournalEntry) e = g_list_model_get_item (j, 0);

  return g_strdup (od_journal_entry_get_action (e));
}

static OdBillingContact *
valid_contact (void)
{
  OdBillingContact *c = od_billing_contact_new ();

  od_billing_contact_set (c, OD_BILLING_CONTACT_NAME, "Accounts Payable");
  od_billing_contact_set (c, OD_BILLING_CONTACT_EMAIL, "billing@acme.example");
  od_billing_contact_set (c, OD_BILLING_CONTACT_PHONE, "+1 613 555 0199");
  od_billing_contact_set (c, OD_BILLING_CONTACT_COUNTRY, "canada");
  od_billing_contact_set (c, OD_BILLING_CONTACT_STREET, "80 Wellington Street");
  od_billing_contact_set (c, OD_BILLING_CONTACT_CITY, "Ottawa");
  od_billing_contact_set (c, OD_BILLING_CONTACT_REGION, "ON");
  od_billing_contact_set (c, OD_BILLING_CONTACT_POSTAL_CODE, "k1a0a2");
  return c;
}

/* ---------------------------------------------------------------------------------------------
 * Seats
 */

static void
test_subscription_dates (Fixture *f, gconstpointer data)
{
  g_autoptr(OdSubscription) sub = subscription (f);
  g_autofree char *period_start = iso (od_subscription_get_period_started_at (sub));
  g_autofree char *next = iso (od_subscription_get_next_billing_at (sub));

  g_assert_cmpstr (period_start, ==, STARTED);
  g_assert_cmpstr (next, ==, FIRST_BILLING);
  g_assert_cmpint (od_subscription_get_pending_term (sub), ==, OD_TERM_NONE);
  g_assert_cmpint (od_subscription_get_next_term (sub), ==, OD_TERM_MONTHLY);
  g_assert_false (od_subscription_get_cancel_at_period_end (sub));
  g_assert_cmpint (od_subscription_get_next_charge_cents (sub), ==, 10 * 2299);
  g_assert_cmpuint (n_events (f), ==, 0);
}

static void
test_quote_and_prorated_charge (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdBillingEvent) event = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  g_autofree char *action = NULL;
  OdSeatQuote quote;
  guint journal_before = journal_count (f);

  /* Feb 15 to Feb 29 is 14 of the period's 29 days: 2 × 22.99 × 14 / 29 = 22.1972… */
  g_assert_true (od_repository_quote_seats (f->repo, f->org_id, 12, &quote, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (quote.current_seats, ==, 10);
  g_assert_cmpuint (quote.seats, ==, 12);
  g_assert_cmpuint (quote.minimum_seats, ==, 1);
  g_assert_cmpuint (quote.added_seats, ==, 2);
  g_assert_cmpint (quote.price_per_seat_cents, ==, 2299);
  g_assert_cmpuint (quote.remaining_days, ==, 14);
  g_assert_cmpuint (quote.period_days, ==, 29);
  g_assert_cmpint (quote.period_start, ==, utc (STARTED));
  g_assert_cmpint (quote.period_end, ==, utc (FIRST_BILLING));
  g_assert_cmpint (quote.prorated_cents, ==, 2220);
  g_assert_cmpint (quote.period_total_cents, ==, 12 * 2299);

  /* A quote changes nothing. */
  g_assert_cmpuint (n_events (f), ==, 0);
  g_assert_cmpuint (journal_count (f), ==, journal_before);

  /* Fewer seats: nothing charged, nothing refunded. */
  g_assert_true (od_repository_quote_seats (f->repo, f->org_id, 8, &quote, &error));
  g_assert_cmpuint (quote.added_seats, ==, 0);
  g_assert_cmpint (quote.prorated_cents, ==, 0);
  g_assert_cmpint (quote.period_total_cents, ==, 8 * 2299);

  g_assert_true (od_repository_set_seats (f->repo, f->owner, 12, &error));
  g_assert_no_error (error);
  event = newest_event (f);
  g_assert_cmpstr (od_billing_event_get_kind (event), ==, "seats");
  g_assert_cmpint (od_billing_event_get_amount_cents (event), ==, 2220);
  g_assert_cmpint (od_billing_event_get_period_total_cents (event), ==, 12 * 2299);
  g_assert_cmpint (od_billing_event_get_created_at (event), ==, utc (MID_PERIOD));
  g_assert_cmpstr (od_billing_event_get_actor_name (event), ==, "Olive Owner");
  g_assert_cmpstr (od_billing_event_get_summary (event), ==, "Seats: 10 → 12, prorated for 14 of 29 days");
  g_assert_cmpuint (journal_count (f), ==, journal_before + 1);
  action = last_journal_action (f);
  g_assert_cmpstr (action, ==, "subscription.seats");

  sub = subscription (f);
  g_assert_cmpuint (od_subscription_get_seats (sub), ==, 12);

  /* Down again: a row with no charge. The same count again: no row at all. */
  g_assert_true (od_repository_set_seats (f->repo, f->owner, 11, &error));
  g_clear_object (&event);
  event = newest_event (f);
  g_assert_cmpint (od_billing_event_get_amount_cents (event), ==, 0);
  g_assert_cmpint (od_billing_event_get_period_total_cents (event), ==, 11 * 2299);
  g_assert_true (od_repository_set_seats (f->repo, f->owner, 11, &error));
  g_assert_cmpuint (n_events (f), ==, 2);
}

static void
test_seat_floor (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdMember) a = add_member (f, "a@acme.example", "Ann", OD_ROLE_WRITE);
  g_autoptr(OdMember) b = add_member (f, "b@acme.example", "Bea", OD_ROLE_READ);
  g_autoptr(OdInvitation) p1 = od_repository_invite (f->repo, f->owner, "p1@acme.example", OD_ROLE_READ, NULL);
  g_autoptr(OdInvitation) p2 = od_repository_invite (f->repo, f->owner, "p2@acme.example", OD_ROLE_READ, NULL);
  g_autoptr(OdInvitation) old = od_repository_invite (f->repo, f->owner, "old@acme.example", OD_ROLE_READ, NULL);
  g_autoptr(OdInvitation) gone = od_repository_invite (f->repo, f->owner, "gone@acme.example", OD_ROLE_READ, NULL);
  g_autofree char *words = NULL;
  guint minimum = 0;
  OdSeatQuote quote;

  g_assert_nonnull (p1);
  g_assert_nonnull (p2);
  /* An expired invitation and a revoked one hold no seat. */
  run_sql (f->path, "UPDATE invitations SET expires_at = 1000 WHERE email = 'old@acme.example'");
  g_assert_true (od_repository_revoke_invitation (f->repo, f->owner, od_invitation_get_id (gone), NULL));

  words = od_repository_describe_seat_minimum (f->repo, f->org_id, &minimum, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (minimum, ==, 5);
  g_assert_cmpstr (words, ==, "You have 3 members and 2 pending invitations, so you need at least 5 seats.");

  g_assert_false (od_repository_set_seats (f->repo, f->owner, 4, &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_OUT_OF_RANGE);
  g_assert_cmpstr (error->message, ==, "You have 3 members and 2 pending invitations, so you need at least "
                                       "5 seats. Remove members or revoke invitations first.");
  g_clear_error (&error);
  g_assert_false (od_repository_quote_seats (f->repo, f->org_id, 4, &quote, &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (od_repository_set_seats (f->repo, f->owner, OD_BILLING_MAX_SEATS + 1, &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_cmpuint (n_events (f), ==, 0);

  g_assert_true (od_repository_set_seats (f->repo, f->owner, 5, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_events (f), ==, 1);
}

static void
test_seat_floor_is_at_least_one (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *words = NULL;
  guint minimum = 0;

  words = od_repository_describe_seat_minimum (f->repo, f->org_id, &minimum, &error);
  g_assert_cmpuint (minimum, ==, 1);
  g_assert_cmpstr (words, ==, "You have 1 member, so you need at least 1 seat.");
  g_assert_false (od_repository_set_seats (f->repo, f->owner, 0, &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "at least 1 seat."));
  g_clear_error (&error);
  g_assert_true (od_repository_set_seats (f->repo, f->owner, 1, &error));
  g_assert_no_error (error);
}

/* ---------------------------------------------------------------------------------------------
 * Term and renewals
 */

static void
test_term_change_waits_for_the_billing_date (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  g_autoptr(OdBillingEvent) event = NULL;
  g_autofree char *action = NULL;
  g_autofree char *next = NULL;
  guint journal_before = journal_count (f);

  g_assert_true (od_repository_set_term (f->repo, f->owner, OD_TERM_YEARLY, &error));
  g_assert_no_error (error);
  sub = subscription (f);
  g_assert_cmpint (od_subscription_get_term (sub), ==, OD_TERM_MONTHLY);
  g_assert_cmpint (od_subscription_get_pending_term (sub), ==, OD_TERM_YEARLY);
  g_assert_cmpint (od_subscription_get_price_cents (sub), ==, 2299);
  g_assert_cmpint (od_subscription_get_next_charge_cents (sub), ==, 10 * 27599);

  event = newest_event (f);
  g_assert_cmpstr (od_billing_event_get_kind (event), ==, "term");
  g_assert_cmpint (od_billing_event_get_amount_cents (event), ==, 0);
  g_assert_cmpint (od_billing_event_get_period_total_cents (event), ==, 10 * 27599);
  g_assert_cmpint (od_billing_event_get_effective_at (event), ==, utc (FIRST_BILLING));
  g_assert_cmpstr (od_billing_event_get_summary (event), ==, "Term: monthly → yearly from 2028-02-29");
  g_assert_cmpuint (journal_count (f), ==, journal_before + 1);
  action = last_journal_action (f);
  g_assert_cmpstr (action, ==, "subscription.term");

  /* One second before the billing date nothing has changed. */
  set_clock (f, "2028-02-29T09:59:59Z");
  g_clear_object (&sub);
  sub = subscription (f);
  g_assert_cmpint (od_subscription_get_term (sub), ==, OD_TERM_MONTHLY);
  g_assert_cmpint (od_subscription_get_pending_term (sub), ==, OD_TERM_YEARLY);
  g_assert_cmpuint (n_events (f), ==, 1);

  /* Exactly at it, the pending term applies and the new period is charged. */
  set_clock (f, FIRST_BILLING);
  g_clear_object (&sub);
  sub = subscription (f);
  g_assert_cmpint (od_subscription_get_term (sub), ==, OD_TERM_YEARLY);
  g_assert_cmpint (od_subscription_get_pending_term (sub), ==, OD_TERM_NONE);
  g_assert_cmpint (od_subscription_get_price_cents (sub), ==, 27599);
  next = iso (od_subscription_get_next_billing_at (sub));
  g_assert_cmpstr (next, ==, "2029-02-28T10:00:00Z");   /* anchored on the 31st, clamped */
  g_assert_cmpint (od_subscription_get_period_started_at (sub), ==, utc (FIRST_BILLING));

  g_clear_object (&event);
  event = newest_event (f);
  g_assert_cmpstr (od_billing_event_get_kind (event), ==, "renewal");
  g_assert_cmpstr (od_billing_event_get_actor_name (event), ==, "Orgdesk");
  g_assert_cmpint (od_billing_event_get_amount_cents (event), ==, 10 * 27599);
  g_assert_cmpint (od_billing_event_get_created_at (event), ==, utc (FIRST_BILLING));
  g_assert_cmpstr (od_billing_event_get_summary (event), ==, "Renewed: 10 seats, yearly, until 2029-02-28");
  g_clear_pointer (&action, g_free);
  action = last_journal_action (f);
  g_assert_cmpstr (action, ==, "subscription.renew");
}

static void
test_term_change_withdrawn (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  g_autoptr(OdBillingEvent) event = NULL;

  g_assert_true (od_repository_set_term (f->repo, f->owner, OD_TERM_QUARTERLY, &error));
  g_assert_true (od_repository_set_term (f->repo, f->owner, OD_TERM_QUARTERLY, &error));   /* no change */
  g_assert_cmpuint (n_events (f), ==, 1);
  g_assert_true (od_repository_set_term (f->repo, f->owner, OD_TERM_MONTHLY, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_events (f), ==, 2);
  sub = subscription (f);
  g_assert_cmpint (od_subscription_get_pending_term (sub), ==, OD_TERM_NONE);
  event = newest_event (f);
  g_assert_cmpstr (od_billing_event_get_summary (event), ==, "Term change withdrawn; it stays monthly");
  g_assert_cmpint (od_billing_event_get_period_total_cents (event), ==, 10 * 2299);

  g_assert_false (od_repository_set_term (f->repo, f->owner, OD_TERM_NONE, &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID);

  /* At the billing date, the term stays monthly. */
  set_clock (f, FIRST_BILLING);
  g_clear_object (&sub);
  sub = subscription (f);
  g_assert_cmpint (od_subscription_get_term (sub), ==, OD_TERM_MONTHLY);
}

static void
test_renewals_for_every_period_passed (Fixture *f, gconstpointer data)
{
  static const char * const starts[] = { "2028-05-31", "2028-04-30", "2028-03-31", "2028-02-29" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  g_autofree char *next = NULL;
  guint renewed = 0;

  set_clock (f, "2028-06-15T00:00:00Z");
  g_assert_true (od_repository_roll_over_subscription (f->repo, f->org_id, &renewed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (renewed, ==, 4);
  g_assert_true (od_repository_roll_over_subscription (f->repo, f->org_id, &renewed, &error));
  g_assert_cmpuint (renewed, ==, 0);

  events = history (f);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      g_autoptr(OdBillingEvent) e = g_list_model_get_item (events, i);
      g_autofree char *when = iso (od_billing_event_get_created_at (e));

      g_assert_cmpstr (od_billing_event_get_kind (e), ==, "renewal");
      g_assert_true (g_str_has_prefix (when, starts[i]));
      g_assert_cmpint (od_billing_event_get_amount_cents (e), ==, 10 * 2299);
    }

  sub = subscription (f);
  next = iso (od_subscription_get_next_billing_at (sub));
  g_assert_cmpstr (next, ==, "2028-06-30T10:00:00Z");
}

/* ---------------------------------------------------------------------------------------------
 * Discount codes
 */

static void
test_discount_codes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  g_autoptr(OdBillingEvent) event = NULL;
  g_autofree char *action = NULL;
  OdSeatQuote quote;
  guint journal_before = journal_count (f);

  /* Refused codes change nothing. */
  g_assert_false (od_repository_set_discount_code (f->repo, f->owner, "no", &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (od_repository_set_discount_code (f->repo, f->owner, "FREE-MONEY", &error));
  g_assert_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (n_events (f), ==, 0);
  g_assert_cmpuint (journal_count (f), ==, journal_before);

  g_assert_true (od_repository_set_discount_code (f->repo, f->owner, " welcome10 ", &error));
  g_assert_no_error (error);
  sub = subscription (f);
  g_assert_cmpstr (od_subscription_get_discount_code (sub), ==, "WELCOME10");
  g_assert_cmpuint (od_subscription_get_discount_percent (sub), ==, 10);
  g_assert_cmpint (od_subscription_get_discount_starts_at (sub), ==, utc (FIRST_BILLING));
  g_assert_false (od_subscription_get_discount_active (sub));          /* from the next cycle */
  g_assert_cmpint (od_subscription_get_next_charge_cents (sub), ==, 20691);
  event = newest_event (f);
  g_assert_cmpstr (od_billing_event_get_kind (event), ==, "discount");
  g_assert_cmpint (od_billing_event_get_period_total_cents (event), ==, 20691);
  g_assert_cmpstr (od_billing_event_get_summary (event), ==, "Discount code WELCOME10 (10% off) from 2028-02-29");
  action = last_journal_action (f);
  g_assert_cmpstr (action, ==, "subscription.discount");

  /* Seats added in this period are still charged in full. */
  g_assert_true (od_repository_quote_seats (f->repo, f->org_id, 12, &quote, &error));
  g_assert_cmpuint (quote.percent_off, ==, 0);
  g_assert_cmpint (quote.prorated_cents, ==, 2220);
  g_assert_cmpint (quote.period_total_cents, ==, od_billing_total (OD_TERM_MONTHLY, 12, 10));

  /* The same code again changes nothing. */
  g_assert_true (od_repository_set_discount_code (f->repo, f->owner, "WELCOME10", &error));
  g_assert_cmpuint (n_events (f), ==, 1);

  /* From the next period on, it applies. */
  set_clock (f, "2028-03-10T10:00:00Z");
  g_clear_object (&sub);
  sub = subscription (f);
  g_assert_true (od_subscription_get_discount_active (sub));
  g_clear_object (&event);
  event = newest_event (f);
  g_assert_cmpstr (od_billing_event_get_kind (event), ==, "renewal");
  g_assert_cmpint (od_billing_event_get_amount_cents (event), ==, 20691);
  g_assert_cmpstr (od_billing_event_get_summary (event), ==, "Renewed: 10 seats, monthly, 10% off, until 2028-03-31");
  g_assert_true (od_repository_quote_seats (f->repo, f->org_id, 11, &quote, &error));
  g_assert_cmpuint (quote.percent_off, ==, 10);
  /* 1 × 22.99 × 0.9 × 21 of 31 days = 14.0164… */
  g_assert_cmpuint (quote.remaining_days, ==, 21);
  g_assert_cmpuint (quote.period_days, ==, 31);
  g_assert_cmpint (quote.prorated_cents, ==, 1402);

  /* Removed: the next renewal is at full price. */
  g_assert_true (od_repository_set_discount_code (f->repo, f->owner, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&sub);
  sub = subscription (f);
  g_assert_null (od_subscription_get_discount_code (sub));
  g_assert_cmpint (od_subscription_get_next_charge_cents (sub), ==, 10 * 2299);
  g_clear_object (&event);
  event = newest_event (f);
  g_assert_cmpstr (od_billing_event_get_summary (event), ==, "Discount code WELCOME10 removed");
  g_assert_true (od_repository_set_discount_code (f->repo, f->owner, "", &error));   /* nothing to remove */
  g_assert_cmpuint (n_events (f), ==, 3);
}

/* ---------------------------------------------------------------------------------------------
 * Cancel and resume
 */

static void
test_cancel_and_resume_in_the_period (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  g_autoptr(OdBillingEvent) event = NULL;
  g_autofree char *action = NULL;

  g_assert_true (od_repository_cancel_subscription (f->repo, f->owner, &error));
  g_assert_no_error (error);
  sub = subscription (f);
  g_assert_cmpint (od_subscription_get_status (sub), ==, OD_SUBSCRIPTION_ACTIVE);   /* until the end */
  g_assert_true (od_subscription_get_cancel_at_period_end (sub));
  g_assert_cmpint (od_subscription_get_next_charge_cents (sub), ==, 0);
  event = newest_event (f);
  g_assert_cmpstr (od_billing_event_get_kind (event), ==, "cancel");
  g_assert_cmpstr (od_billing_event_get_summary (event), ==, "Canceled; the subscription ends on 2028-02-29");
  action = last_journal_action (f);
  g_assert_cmpstr (action, ==, "subscription.cancel");
  g_assert_true (od_repository_cancel_subscription (f->repo, f->owner, &error));   /* already */
  g_assert_cmpuint (n_events (f), ==, 1);

  g_assert_true (od_repository_resume_subscription (f->repo, f->owner, &error));
  g_assert_no_error (error);
  g_clear_object (&sub);
  sub = subscription (f);
  g_assert_false (od_subscription_get_cancel_at_period_end (sub));
  g_assert_cmpint (od_subscription_get_next_charge_cents (sub), ==, 10 * 2299);
  g_clear_object (&event);
  event = newest_event (f);
  g_assert_cmpstr (od_billing_event_get_kind (event), ==, "resume");
  g_assert_cmpint (od_billing_event_get_amount_cents (event), ==, 0);
  g_clear_pointer (&action, g_free);
  action = last_journal_action (f);
  g_assert_cmpstr (action, ==, "subscription.resume");
  g_assert_true (od_repository_resume_subscription (f->repo, f->owner, &error));   /* nothing to resume */
  g_assert_cmpuint (n_events (f), ==, 2);

  /* Resumed before the end: it renews as usual. */
  set_clock (f, FIRST_BILLING);
  g_clear_object (&sub);
  sub = subscription (f);
  g_assert_cmpint (od_subscription_get_status (sub), ==, OD_SUBSCRIPTION_ACTIVE);
  g_clear_object (&event);
  event = newest_event (f);
  g_assert_cmpstr (od_billing_event_get_kind (event), ==, "renewal");
}

static void
test_canceled_subscription_ends_and_restarts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  g_autoptr(OdBillingEvent) event = NULL;
  g_autofree char *action = NULL;
  g_autofree char *next = NULL;
  OdSeatQuote quote;

  g_assert_true (od_repository_set_term (f->repo, f->owner, OD_TERM_QUARTERLY, &error));
  g_assert_true (od_repository_cancel_subscription (f->repo, f->owner, &error));
  g_assert_no_error (error);

  /* At the billing date it ends instead of renewing: no charge, ever after. */
  set_clock (f, "2028-04-01T00:00:00Z");
  sub = subscription (f);
  g_assert_cmpint (od_subscription_get_status (sub), ==, OD_SUBSCRIPTION_CANCELED);
  g_assert_false (od_subscription_get_cancel_at_period_end (sub));
  g_assert_cmpint (od_subscription_get_next_billing_at (sub), ==, utc (FIRST_BILLING));
  g_assert_cmpint (od_subscription_get_next_charge_cents (sub), ==, 0);
  event = newest_event (f);
  g_assert_cmpstr (od_billing_event_get_kind (event), ==, "end");
  g_assert_cmpint (od_billing_event_get_amount_cents (event), ==, 0);
  g_assert_cmpint (od_billing_event_get_created_at (event), ==, utc (FIRST_BILLING));
  g_assert_cmpuint (n_events (f), ==, 3);
  action = last_journal_action (f);
  g_assert_cmpstr (action, ==, "subscription.end");

  /* Seats can still change, with nothing to prorate. */
  g_assert_true (od_repository_quote_seats (f->repo, f->org_id, 12, &quote, &error));
  g_assert_cmpint (quote.prorated_cents, ==, 0);
  g_assert_cmpint (quote.period_total_cents, ==, 0);

  /* Resumed after the end: a new period starts today, with the pending term, and is charged. */
  set_clock (f, "2028-04-10T09:00:00Z");
  g_assert_true (od_repository_resume_subscription (f->repo, f->owner, &error));
  g_assert_no_error (error);
  g_clear_object (&sub);
  sub = subscription (f);
  g_assert_cmpint (od_subscription_get_status (sub), ==, OD_SUBSCRIPTION_ACTIVE);
  g_assert_cmpint (od_subscription_get_term (sub), ==, OD_TERM_QUARTERLY);
  g_assert_cmpint (od_subscription_get_pending_term (sub), ==, OD_TERM_NONE);
  g_assert_cmpint (od_subscription_get_started_at (sub), ==, utc ("2028-04-10T09:00:00Z"));
  next = iso (od_subscription_get_next_billing_at (sub));
  g_assert_cmpstr (next, ==, "2028-07-10T09:00:00Z");
  g_clear_object (&event);
  event = newest_event (f);
  g_assert_cmpstr (od_billing_event_get_kind (event), ==, "resume");
  g_assert_cmpint (od_billing_event_get_amount_cents (event), ==, 10 * 6999);
  g_assert_cmpstr (od_billing_event_get_summary (event), ==, "Restarted: 10 seats, quarterly, until 2028-07-10");
}

/* ---------------------------------------------------------------------------------------------
 * Billing contact
 */

static void
test_contact_saved_only_when_valid (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) field_errors = NULL;
  g_autoptr(OdBillingContact) contact = valid_contact ();
  g_autoptr(OdSubscription) sub = NULL;
  g_autoptr(OdBillingEvent) event = NULL;
  g_autofree char *action = NULL;
  guint journal_before = journal_count (f);

  od_billing_contact_set (contact, OD_BILLING_CONTACT_EMAIL, "billing@");
  od_billing_contact_set (contact, OD_BILLING_CONTACT_REGION, "");
  od_billing_contact_set (contact, OD_BILLING_CONTACT_POSTAL_CODE, "12345");
  g_assert_false (od_repository_save_billing_contact (f->repo, f->owner, contact, &field_errors, &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The billing contact was not saved: 3 fields need to be fixed.");
  g_assert_nonnull (field_errors);
  g_assert_cmpuint (g_hash_table_size (field_errors), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (field_errors, "email"), ==, "The email address has no domain after the “@”.");
  g_assert_cmpstr (g_hash_table_lookup (field_errors, "region"), ==,
                   "Enter the state, province or territory; it is part of every address in this country (Canada).");
  g_assert_cmpstr (g_hash_table_lookup (field_errors, "postal-code"), ==, "Enter a Canadian postal code such as K1A 0B1.");
  g_clear_error (&error);

  /* Nothing was saved. */
  sub = subscription (f);
  g_assert_cmpstr (od_subscription_get_contact_name (sub), ==, "");
  g_assert_cmpuint (n_events (f), ==, 0);
  g_assert_cmpuint (journal_count (f), ==, journal_before);

  g_clear_pointer (&contact, od_billing_contact_free);
  contact = valid_contact ();
  g_assert_true (od_repository_save_billing_contact (f->repo, f->owner, contact, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&sub);
  sub = subscription (f);
  g_assert_cmpstr (od_subscription_get_contact_name (sub), ==, "Accounts Payable");
  g_assert_cmpstr (od_subscription_get_country (sub), ==, "CA");
  g_assert_cmpstr (od_subscription_get_postal_code (sub), ==, "K1A 0A2");
  g_assert_cmpstr (od_subscription_get_region (sub), ==, "ON");
  event = newest_event (f);
  g_assert_cmpstr (od_billing_event_get_kind (event), ==, "contact");
  g_assert_cmpint (od_billing_event_get_amount_cents (event), ==, 0);
  g_assert_cmpint (od_billing_event_get_period_total_cents (event), ==, -1);
  g_assert_nonnull (strstr (od_billing_event_get_after_json (event), "\"postal-code\":\"K1A 0A2\""));
  action = last_journal_action (f);
  g_assert_cmpstr (action, ==, "subscription.contact");

  /* The same contact again is no change. */
  g_assert_true (od_repository_save_billing_contact (f->repo, f->owner, contact, NULL, &error));
  g_assert_cmpuint (n_events (f), ==, 1);
}

/* ---------------------------------------------------------------------------------------------
 * Permissions: Read and Write are refused every billing change, with the core's message
 */

typedef gboolean (*Attempt) (Fixture *f, OdMember *actor, GError **error);

static gboolean
try_seats (Fixture *f, OdMember *actor, GError **error)
{
  return od_repository_set_seats (f->repo, actor, 20, error);
}

static gboolean
try_term (Fixture *f, OdMember *actor, GError **error)
{
  return od_repository_set_term (f->repo, actor, OD_TERM_YEARLY, error);
}

static gboolean
try_discount (Fixture *f, OdMember *actor, GError **error)
{
  return od_repository_set_discount_code (f->repo, actor, "WELCOME10", error);
}

static gboolean
try_remove_discount (Fixture *f, OdMember *actor, GError **error)
{
  return od_repository_set_discount_code (f->repo, actor, NULL, error);
}

static gboolean
try_cancel (Fixture *f, OdMember *actor, GError **error)
{
  return od_repository_cancel_subscription (f->repo, actor, error);
}

static gboolean
try_resume (Fixture *f, OdMember *actor, GError **error)
{
  return od_repository_resume_subscription (f->repo, actor, error);
}

static gboolean
try_contact (Fixture *f, OdMember *actor, GError **error)
{
  g_autoptr(OdBillingContact) contact = valid_contact ();

  return od_repository_save_billing_contact (f->repo, actor, contact, NULL, error);
}

static void
test_permissions (Fixture *f, gconstpointer data)
{
  static const struct { const char *name; Attempt attempt; } attempts[] = {
    { "seats", try_seats }, { "term", try_term }, { "discount", try_discount },
    { "remove-discount", try_remove_discount }, { "cancel", try_cancel }, { "resume", try_resume },
    { "contact", try_contact },
  };
  g_autoptr(OdMember) reader = add_member (f, "r@acme.example", "Rae Reader", OD_ROLE_READ);
  g_autoptr(OdMember) writer = add_member (f, "w@acme.example", "Wes Writer", OD_ROLE_WRITE);
  g_autoptr(OdMember) admin = add_member (f, "a@acme.example", "Ada Admin", OD_ROLE_ADMIN);
  OdMember *refused[] = { reader, writer };
  guint journal_before = journal_count (f);

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    for (guint r = 0; r < G_N_ELEMENTS (refused); r++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GError) expected = NULL;

        /* The same refusal, word for word, as the core's role check gives. */
        g_assert_false (od_role_check (od_member_get_role (refused[r]), OD_ACTION_MANAGE_BILLING, &expected));
        g_test_message ("%s by %s", attempts[i].name, od_member_get_name (refused[r]));
        g_assert_false (attempts[i].attempt (f, refused[r], &error));
        g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
        g_assert_cmpstr (error->message, ==, expected->message);
      }
  g_assert_cmpuint (n_events (f), ==, 0);
  g_assert_cmpuint (journal_count (f), ==, journal_before);

  /* An Admin may do each of them. */
  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s by an Admin", attempts[i].name);
      g_assert_true (attempts[i].attempt (f, admin, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (n_events (f), ==, G_N_ELEMENTS (attempts));
}

/* ---------------------------------------------------------------------------------------------
 * Ledger and journal rows
 */

static void
test_every_change_writes_a_ledger_row_and_a_journal_row (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdBillingContact) contact = valid_contact ();
  guint ledger = n_events (f);
  guint journal = journal_count (f);
  g_autofree char *action = NULL;

#define EXPECT(kind, journal_action) G_STMT_START { \
    g_autoptr(OdBillingEvent) e = NULL; \
    g_assert_no_error (error); \
    g_assert_cmpuint (n_events (f), ==, ++ledger); \
    g_assert_cmpuint (journal_count (f), ==, ++journal); \
    e = newest_event (f); \
    g_assert_cmpstr (od_billing_event_get_kind (e), ==, kind); \
    g_assert_cmpstr (od_billing_event_get_actor_name (e), ==, "Olive Owner"); \
    g_free (action); action = last_journal_action (f); \
    g_assert_cmpstr (action, ==, journal_action); \
  } G_STMT_END

  od_repository_set_seats (f->repo, f->owner, 15, &error);
  EXPECT ("seats", "subscription.seats");
  od_repository_set_term (f->repo, f->owner, OD_TERM_YEARLY, &error);
  EXPECT ("term", "subscription.term");
  od_repository_set_discount_code (f->repo, f->owner, "NONPROFIT25", &error);
  EXPECT ("discount", "subscription.discount");
  od_repository_set_discount_code (f->repo, f->owner, NULL, &error);
  EXPECT ("discount", "subscription.discount");
  od_repository_cancel_subscription (f->repo, f->owner, &error);
  EXPECT ("cancel", "subscription.cancel");
  od_repository_resume_subscription (f->repo, f->owner, &error);
  EXPECT ("resume", "subscription.resume");
  od_repository_save_billing_contact (f->repo, f->owner, contact, NULL, &error);
  EXPECT ("contact", "subscription.contact");

#undef EXPECT

  /* The journal tells each one in words. */
  {
    g_autoptr(GListModel) j = od_repository_list_journal (f->repo, f->org_id, 7, NULL);
    static const char * const sentences[] = {
      "Olive Owner changed the billing contact",
      "Olive Owner resumed the subscription",
      "Olive Owner canceled the subscription",
      "Olive Owner removed the discount code NONPROFIT25",
      "Olive Owner entered the discount code NONPROFIT25",
      "Olive Owner changed the term to yearly from the next period",
      "Olive Owner changed the seats from 10 to 15",
    };

    for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
      {
        g_autoptr(OdJournalEntry) e = g_list_model_get_item (j, i);
        g_autofree char *sentence = od_journal_entry_describe (e);

        g_assert_cmpstr (sentence, ==, sentences[i]);
      }
  }
}

/* ---------------------------------------------------------------------------------------------
 * CSV export
 */

static void
test_export_csv_is_formula_safe (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdMember) admin = add_member (f, "at@acme.example", "@admin", OD_ROLE_ADMIN);
  g_autoptr(OdBillingContact) contact = valid_contact ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;

  g_assert_true (od_repository_set_seats (f->repo, f->owner, 12, &error));
  od_billing_contact_set (contact, OD_BILLING_CONTACT_NAME, "=HYPERLINK(\"http://x.example\",\"pay\")");
  g_assert_true (od_repository_save_billing_contact (f->repo, admin, contact, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (od_repository_export_billing_history (f->repo, f->org_id, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  lines = g_strsplit (text, "\r\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* header, 2 rows, "" after the last CRLF */
  g_assert_cmpstr (lines[0], ==, "id,date,actor,kind,summary,amount,amount_cents,period_total_cents,"
                                 "effective_at,before,after");
  /* Oldest first; amounts are exact decimals of the cents. */
  g_assert_true (g_str_has_prefix (lines[1], "1,2028-02-15T12:00:00Z,Olive Owner,seats,"
                                             "\"Seats: 10 → 12, prorated for 14 of 29 days\",22.20,2220,27588,"));
  /* The actor "@admin" and a name that would be a formula are made inert. */
  g_assert_true (g_str_has_prefix (lines[2], "2,2028-02-15T12:00:00Z,'@admin,contact,Billing contact changed,0.00,0,,"));
  /* The formula stays inside the JSON cell, which starts with "{": no cell starts with "=". */
  g_assert_nonnull (strstr (lines[2], "\"\"name\"\":\"\"=HYPERLINK("));
  g_assert_null (strstr (lines[2], ",="));
  g_assert_cmpstr (lines[3], ==, "");
}

/* ---------------------------------------------------------------------------------------------
 * Migration 3
 */

static void
test_migration_from_version_2 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("orgdesk-billing-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "orgdesk.db", NULL);
  g_autoptr(OdRepository) repo = od_repository_open (path, &error);
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) owner = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(OdBillingEvent) e = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (OD_SCHEMA_VERSION, >=, 3);
  org = od_repository_create_organization (repo, "Old Co", "o@old.example", "Oz", 4, &error);
  g_assert_no_error (error);
  owner = od_repository_get_first_owner (repo, od_organization_get_id (org), &error);
  g_assert_true (od_repository_set_seats (repo, owner, 6, &error));
  g_clear_object (&repo);

  /* What a version 2 database looks like: migrations 4 (member search) and 3 undone. */
  run_sql (path, "DROP TRIGGER members_fts_insert; DROP TRIGGER members_fts_delete;"
                 "DROP TRIGGER members_fts_update; DROP TABLE members_fts; DROP VIEW members_search_source;"
                 "DELETE FROM schema_version WHERE version >= 4;"
                 "DROP INDEX billing_history_by_org;"
                 "ALTER TABLE subscriptions DROP COLUMN pending_term;"
                 "ALTER TABLE subscriptions DROP COLUMN discount_percent;"
                 "ALTER TABLE subscriptions DROP COLUMN discount_starts_at;"
                 "ALTER TABLE subscriptions DROP COLUMN cancel_at_period_end;"
                 "ALTER TABLE billing_history DROP COLUMN actor_id;"
                 "ALTER TABLE billing_history DROP COLUMN period_total_cents;"
                 "ALTER TABLE billing_history DROP COLUMN effective_at;"
                 "DELETE FROM schema_version WHERE version = 3;");

  repo = od_repository_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_repository_get_schema_version (repo), ==, OD_SCHEMA_VERSION);
  sub = od_repository_get_subscription (repo, od_organization_get_id (org), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (od_subscription_get_seats (sub), ==, 6);
  g_assert_cmpint (od_subscription_get_pending_term (sub), ==, OD_TERM_NONE);
  g_assert_cmpuint (od_subscription_get_discount_percent (sub), ==, 0);
  g_assert_false (od_subscription_get_cancel_at_period_end (sub));

  /* The old ledger row reads without the new columns. */
  events = od_repository_list_billing_history (repo, od_organization_get_id (org), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 1);
  e = g_list_model_get_item (events, 0);
  g_assert_cmpint (od_billing_event_get_period_total_cents (e), ==, -1);
  g_assert_cmpint (od_billing_event_get_effective_at (e), ==, od_billing_event_get_created_at (e));

  g_clear_object (&e);
  g_clear_object (&events);
  g_clear_object (&sub);
  g_clear_object (&repo);
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/billing-repository/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("subscription-dates", test_subscription_dates);
  ADD ("seats/quote-and-prorated-charge", test_quote_and_prorated_charge);
  ADD ("seats/floor", test_seat_floor);
  ADD ("seats/floor-is-at-least-one", test_seat_floor_is_at_least_one);
  ADD ("term/waits-for-the-billing-date", test_term_change_waits_for_the_billing_date);
  ADD ("term/withdrawn", test_term_change_withdrawn);
  ADD ("renewals-for-every-period-passed", test_renewals_for_every_period_passed);
  ADD ("discount-codes", test_discount_codes);
  ADD ("cancel-and-resume-in-the-period", test_cancel_and_resume_in_the_period);
  ADD ("canceled-ends-and-restarts", test_canceled_subscription_ends_and_restarts);
  ADD ("contact-saved-only-when-valid", test_contact_saved_only_when_valid);
  ADD ("permissions", test_permissions);
  ADD ("ledger-and-journal-rows", test_every_change_writes_a_ledger_row_and_a_journal_row);
  ADD ("export-csv-is-formula-safe", test_export_csv_is_formula_safe);
#undef ADD
  g_test_add_func ("/billing-repository/migration-from-version-2", test_migration_from_version_2);

  return g_test_run ();
}
