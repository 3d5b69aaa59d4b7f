/* od-repository-billing.c — the subscription, its seats, term, discount, contact and ledger
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * There is no payment processor: the subscription and its ledger (billing_history) live in the
 * database, and every amount is an exact number of cents (the arithmetic is in od-billing.c).
 *
 * Each change is one transaction: the acting member must be allowed to manage billing (their
 * role is read again inside it), the period is rolled over first when its end has passed, then
 * the change, one ledger row and one journal row are written together.
 *
 * Rolling over: when the billing clock reaches next_billing_at, a subscription that is set to
 * cancel ends (status canceled, an "end" row); otherwise the pending term becomes the term, the
 * next period starts at the old next_billing_at and a "renewal" row records its charge — once
 * per whole period that has passed. This happens whenever the subscription is loaded, its
 * history listed, or it is changed, so it is deterministic given the clock.
 */
#define G_LOG_DOMAIN "OdRepository"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "od-billing.h"
#include "od-billing-contact.h"
#include "od-billing-event.h"
#include "od-billing-private.h"
#include "od-error.h"
#include "od-member.h"
#include "od-repository-private.h"
#include "od-subscription.h"

/* The name on the rows that nobody made by hand: renewals and the end of a subscription. */
#define SYSTEM_ACTOR_NAME "Orgdesk"

/* A guard against a nonsensical date in the file; a century of monthly periods is 1,200. */
#define MAX_PERIODS_AT_ONCE 100000

/* ---------------------------------------------------------------------------------------------
 * The billing clock
 */

static GQuark
billing_clock_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("od-billing-clock");
  return quark;
}

void
_od_repository_set_billing_clock (OdRepository *self,
                                  gint64        now)
{
  g_return_if_fail (OD_IS_REPOSITORY (self));

  if (now <= 0)
    g_object_set_qdata (G_OBJECT (self), billing_clock_quark (), NULL);
  else
    g_object_set_qdata_full (G_OBJECT (self), billing_clock_quark (),
                             g_memdup2 (&now, sizeof now), g_free);
}

gint64
_od_repository_get_billing_now (OdRepository *self)
{
  const gint64 *fixed;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), 0);

  fixed = g_object_get_qdata (G_OBJECT (self), billing_clock_quark ());
  return fixed != NULL ? *fixed : _od_now_seconds ();
}

/* ---------------------------------------------------------------------------------------------
 * Loading
 */

static OdSubscription *
load_subscription (OdRepository  *self,
                   gint64         organization_id,
                   GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self,
    "SELECT organization_id, plan, term, seats, status, started_at, next_billing_at, discount_code,"
    " contact_name, contact_email, contact_phone, country, street, city, region, postal_code,"
    " coalesce(pending_term, 0), discount_percent, discount_starts_at, cancel_at_period_end"
    " FROM subscriptions WHERE organization_id = ?", error);
  gboolean has_row;
  OdSubscription *subscription = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    {
      OdTerm term = (OdTerm) sqlite3_column_int (stmt, 2);
      gint64 started_at = sqlite3_column_int64 (stmt, 5);
      gint64 next_billing_at = sqlite3_column_int64 (stmt, 6);
      gint64 period_started_at = MAX (started_at, od_billing_period_start (started_at, next_billing_at, term));

      subscription = g_object_new (OD_TYPE_SUBSCRIPTION,
                                   "organization-id", sqlite3_column_int64 (stmt, 0),
                                   "plan", _od_column_text (stmt, 1),
                                   "term", term,
                                   "seats", (guint) sqlite3_column_int (stmt, 3),
                                   "status", (OdSubscriptionStatus) sqlite3_column_int (stmt, 4),
                                   "started-at", started_at,
                                   "next-billing-at", next_billing_at,
                                   "period-started-at", period_started_at,
                                   "discount-code", _od_column_text_or_null (stmt, 7),
                                   "contact-name", _od_column_text (stmt, 8),
                                   "contact-email", _od_column_text (stmt, 9),
                                   "contact-phone", _od_column_text (stmt, 10),
                                   "country", _od_column_text (stmt, 11),
                                   "street", _od_column_text (stmt, 12),
                                   "city", _od_column_text (stmt, 13),
                                   "region", _od_column_text (stmt, 14),
                                   "postal-code", _od_column_text (stmt, 15),
                                   "pending-term", (OdTerm) sqlite3_column_int (stmt, 16),
                                   "discount-percent", (guint) sqlite3_column_int (stmt, 17),
                                   "discount-starts-at", sqlite3_column_int64 (stmt, 18),
                                   "cancel-at-period-end", sqlite3_column_int (stmt, 19) != 0,
                                   NULL);
    }
  else
    _od_not_found (error, _("The organization has no subscription."));
  sqlite3_reset (stmt);
  return subscription;
}

/* The percent off that applies to a period starting at period_start. */
static guint
percent_off_for (OdSubscription *subscription,
                 gint64          period_start)
{
  if (od_subscription_get_discount_starts_at (subscription) <= period_start)
    return od_subscription_get_discount_percent (subscription);
  return 0;
}

static char *
state_json (OdSubscription *subscription)
{
  JsonBuilder *b = _od_json_begin ();
  OdTerm pending = od_subscription_get_pending_term (subscription);

  _od_json_add_string (b, "term", od_term_to_string (od_subscription_get_term (subscription)));
  _od_json_add_string (b, "pending_term", pending != OD_TERM_NONE ? od_term_to_string (pending) : NULL);
  _od_json_add_int (b, "seats", od_subscription_get_seats (subscription));
  _od_json_add_string (b, "status", od_subscription_status_to_string (od_subscription_get_status (subscription)));
  json_builder_set_member_name (b, "cancel_at_period_end");
  json_builder_add_boolean_value (b, od_subscription_get_cancel_at_period_end (subscription));
  _od_json_add_int (b, "next_billing_at", od_subscription_get_next_billing_at (subscription));
  return _od_json_end (b);
}

/* ---------------------------------------------------------------------------------------------
 * Ledger and journal rows
 */

typedef struct
{
  const char *kind;
  const char *before_json;
  const char *after_json;
  gint64      amount_cents;        /* charged at once */
  gint64      period_total_cents;  /* -1: not touched by the change */
  gint64      effective_at;
  gint64      created_at;
} LedgerRow;

static gboolean
insert_ledger (OdRepository     *self,
               gint64            organization_id,
               gint64            actor_id,
               const char       *actor_name,
               const LedgerRow  *row,
               GError          **error)
{
  sqlite3_stmt *stmt = _od_prepare (self,
    "INSERT INTO billing_history (organization_id, actor_id, actor_name, kind, before, after,"
    " amount_cents, period_total_cents, effective_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (actor_id > 0)
    sqlite3_bind_int64 (stmt, 2, actor_id);
  _od_bind_text (stmt, 3, actor_name);
  _od_bind_text (stmt, 4, row->kind);
  _od_bind_text (stmt, 5, row->before_json);
  _od_bind_text (stmt, 6, row->after_json);
  sqlite3_bind_int64 (stmt, 7, row->amount_cents);
  if (row->period_total_cents >= 0)
    sqlite3_bind_int64 (stmt, 8, row->period_total_cents);
  sqlite3_bind_int64 (stmt, 9, row->effective_at);
  sqlite3_bind_int64 (stmt, 10, row->created_at);
  return _od_step_done (self, stmt, error);
}

/* The ledger row, the journal row and the "changed" notification of one change by `who`. */
static gboolean
record_change (OdRepository     *self,
               const Actor      *who,
               const LedgerRow  *row,
               const char       *action,
               const char       *target,
               GError          **error)
{
  if (!insert_ledger (self, who->organization_id, who->id, who->name, row, error) ||
      !_od_journal_append (self, who->organization_id, who->id, who->name, action, target,
                           row->before_json, row->after_json, error))
    return FALSE;
  _od_queue_change (self, who->organization_id, "subscription");
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------
 * Rolling the period over
 */

/* Expects a transaction. *n_periods (may be NULL) is set to the renewals recorded. */
static gboolean
roll_over (OdRepository  *self,
           gint64         organization_id,
           gint64         now,
           guint         *n_periods,
           GError       **error)
{
  g_autoptr(OdSubscription) sub = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *target = NULL;
  OdSubscriptionStatus status;
  OdTerm term, pending;
  gboolean cancel, ended = FALSE;
  gint64 anchor, next;
  guint seats, count = 0;
  sqlite3_stmt *stmt;

  if (n_periods != NULL)
    *n_periods = 0;
  if (!(sub = load_subscription (self, organization_id, error)))
    return FALSE;

  status = od_subscription_get_status (sub);
  next = od_subscription_get_next_billing_at (sub);
  if (status != OD_SUBSCRIPTION_ACTIVE || next <= 0 || now < next)
    return TRUE;

  before_json = state_json (sub);
  term = od_subscription_get_term (sub);
  pending = od_subscription_get_pending_term (sub);
  cancel = od_subscription_get_cancel_at_period_end (sub);
  anchor = od_subscription_get_started_at (sub);
  seats = od_subscription_get_seats (sub);

  while (next <= now && count < MAX_PERIODS_AT_ONCE)
    {
      g_autofree char *row_after = NULL;
      LedgerRow row = { 0 };
      gint64 start, charge;
      guint percent_off;

      if (cancel)
        {
          row.kind = "end";
          row.before_json = "{\"status\":\"active\",\"cancel_at_period_end\":true}";
          row.after_json = "{\"status\":\"canceled\"}";
          row.period_total_cents = 0;
          row.effective_at = next;
          row.created_at = next;
          if (!insert_ledger (self, organization_id, 0, SYSTEM_ACTOR_NAME, &row, error))
            return FALSE;
          status = OD_SUBSCRIPTION_CANCELED;
          cancel = FALSE;
          ended = TRUE;
          break;
        }

      if (pending != OD_TERM_NONE)
        {
          term = pending;
          pending = OD_TERM_NONE;
        }
      start = next;
      next = od_billing_period_end (anchor, start, term);
      percent_off = percent_off_for (sub, start);
      charge = od_billing_total (term, seats, percent_off);

      {
        JsonBuilder *b = _od_json_begin ();
        _od_json_add_string (b, "term", od_term_to_string (term));
        _od_json_add_int (b, "seats", seats);
        _od_json_add_int (b, "percent_off", percent_off);
        _od_json_add_int (b, "period_start", start);
        _od_json_add_int (b, "period_end", next);
        row_after = _od_json_end (b);
      }
      row.kind = "renewal";
      row.after_json = row_after;
      row.amount_cents = charge;
      row.period_total_cents = charge;
      row.effective_at = start;
      row.created_at = start;
      if (!insert_ledger (self, organization_id, 0, SYSTEM_ACTOR_NAME, &row, error))
        return FALSE;
      count++;
    }

  stmt = _od_prepare (self,
    "UPDATE subscriptions SET term = ?, pending_term = ?, status = ?, cancel_at_period_end = ?,"
    " next_billing_at = ? WHERE organization_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, term);
  if (pending != OD_TERM_NONE)
    sqlite3_bind_int (stmt, 2, pending);
  sqlite3_bind_int (stmt, 3, status);
  sqlite3_bind_int (stmt, 4, cancel ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, next);
  sqlite3_bind_int64 (stmt, 6, organization_id);
  if (!_od_step_done (self, stmt, error))
    return FALSE;

  {
    g_autoptr(OdSubscription) after = load_subscription (self, organization_id, error);

    if (after == NULL)
      return FALSE;
    after_json = state_json (after);
  }
  if (ended)
    target = g_strdup (od_subscription_get_plan (sub));
  else
    target = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u renewal", "%u renewals", count), count);
  if (!_od_journal_append (self, organization_id, 0, SYSTEM_ACTOR_NAME,
                           ended ? "subscription.end" : "subscription.renew", target,
                           before_json, after_json, error))
    return FALSE;

  _od_queue_change (self, organization_id, "subscription");
  if (n_periods != NULL)
    *n_periods = count;
  return TRUE;
}

/* For the functions that only read: rolls over in a transaction of its own when it is due. */
static gboolean
roll_over_if_due (OdRepository  *self,
                  gint64         organization_id,
                  GError       **error)
{
  gint64 now = _od_repository_get_billing_now (self);
  gint64 due = 0;

  if (!_od_query_int64 (self, "SELECT count(*) FROM subscriptions WHERE organization_id = ?"
                              " AND status = 1 AND next_billing_at > 0 AND next_billing_at <= ?",
                        organization_id, now, &due, error))
    return FALSE;
  if (due == 0)
    return TRUE;
  if (!_od_txn_begin (self, error))
    return FALSE;
  return _od_txn_end (self, roll_over (self, organization_id, now, NULL, error), error);
}

gboolean
od_repository_roll_over_subscription (OdRepository  *self,
                                      gint64         organization_id,
                                      guint         *n_periods,
                                      GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;
  ok = roll_over (self, organization_id, _od_repository_get_billing_now (self), n_periods, error);
  return _od_txn_end (self, ok, error);
}

OdSubscription *
od_repository_get_subscription (OdRepository  *self,
                                gint64         organization_id,
                                GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!roll_over_if_due (self, organization_id, error))
    return NULL;
  return load_subscription (self, organization_id, error);
}

/* Opens a change: the actor may manage billing, the period is current. Expects a transaction. */
static OdSubscription *
begin_change (OdRepository  *self,
              OdMember      *actor,
              Actor         *who,
              gint64         now,
              GError       **error)
{
  if (!_od_load_actor_for (self, actor, OD_ACTION_MANAGE_BILLING, who, error) ||
      !roll_over (self, who->organization_id, now, NULL, error))
    return NULL;
  return load_subscription (self, who->organization_id, error);
}

/* ---------------------------------------------------------------------------------------------
 * Seats
 */

char *
od_repository_describe_seat_minimum (OdRepository  *self,
                                     gint64         organization_id,
                                     guint         *minimum,
                                     GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  guint n_members = 0, n_pending = 0;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!_od_seat_usage (self, organization_id, &n_members, &n_pending, NULL, error))
    return NULL;
  if (minimum != NULL)
    *minimum = od_billing_seat_minimum (n_members, n_pending);
  return od_billing_describe_seat_minimum (n_members, n_pending);
}

/* Fills the quote for `seats`, or fails with the reason the count is not allowed. */
static gboolean
quote_seats (OdRepository    *self,
             OdSubscription  *sub,
             guint            seats,
             gint64           now,
             OdSeatQuote     *quote,
             GError         **error)
{
  gint64 organization_id = od_subscription_get_organization_id (sub);
  guint n_members = 0, n_pending = 0;
  OdTerm term = od_subscription_get_term (sub);
  gboolean active = od_subscription_get_status (sub) == OD_SUBSCRIPTION_ACTIVE;

  if (!_od_seat_usage (self, organization_id, &n_members, &n_pending, NULL, error))
    return FALSE;

  memset (quote, 0, sizeof *quote);
  quote->current_seats = od_subscription_get_seats (sub);
  quote->seats = seats;
  quote->minimum_seats = od_billing_seat_minimum (n_members, n_pending);

  if (seats < quote->minimum_seats)
    {
      g_autofree char *why = od_billing_describe_seat_minimum (n_members, n_pending);

      /* Translators: %s is "You have 12 members and 3 pending invitations, so you need at least 15 seats." */
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_OUT_OF_RANGE,
                   _("%s Remove members or revoke invitations first."), why);
      return FALSE;
    }
  if (seats > OD_BILLING_MAX_SEATS)
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_OUT_OF_RANGE,
                           _("A subscription can have at most 1,000,000 seats."));
      return FALSE;
    }

  quote->added_seats = seats > quote->current_seats ? seats - quote->current_seats : 0;
  quote->price_per_seat_cents = od_billing_price_per_seat (term);
  quote->period_start = od_subscription_get_period_started_at (sub);
  quote->period_end = od_subscription_get_next_billing_at (sub);
  quote->remaining_days = od_billing_remaining_days (quote->period_start, quote->period_end, now,
                                                     &quote->period_days);
  if (active)
    {
      quote->percent_off = percent_off_for (sub, quote->period_start);
      quote->prorated_cents = od_billing_prorate (quote->added_seats, quote->price_per_seat_cents,
                                                  quote->percent_off, quote->remaining_days,
                                                  quote->period_days);
    }
  else
    quote->remaining_days = 0;

  if (active && !od_subscription_get_cancel_at_period_end (sub))
    quote->period_total_cents = od_billing_total (od_subscription_get_next_term (sub), seats,
                                                  percent_off_for (sub, quote->period_end));
  return TRUE;
}

gboolean
od_repository_quote_seats (OdRepository  *self,
                           gint64         organization_id,
                           guint          seats,
                           OdSeatQuote   *quote,
                           GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(OdSubscription) sub = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (quote != NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!roll_over_if_due (self, organization_id, error) ||
      !(sub = load_subscription (self, organization_id, error)))
    return FALSE;
  return quote_seats (self, sub, seats, _od_repository_get_billing_now (self), quote, error);
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
  g_autofree char *ledger_after = NULL;
  g_autofree char *target = NULL;
  gint64 now = _od_repository_get_billing_now (self);
  OdSeatQuote quote;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!(before = begin_change (self, actor, &who, now, error)) ||
      !quote_seats (self, before, seats, now, &quote, error))
    goto out;
  if (seats == od_subscription_get_seats (before))
    {
      ok = TRUE;
      goto out;
    }

  stmt = _od_prepare (self, "UPDATE subscriptions SET seats = ? WHERE organization_id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int (stmt, 1, seats);
  sqlite3_bind_int64 (stmt, 2, who.organization_id);
  if (!_od_step_done (self, stmt, error))
    goto out;

  before_json = g_strdup_printf ("{\"seats\":%u}", od_subscription_get_seats (before));
  after_json = g_strdup_printf ("{\"seats\":%u}", seats);
  ledger_after = g_strdup_printf ("{\"seats\":%u,\"remaining_days\":%u,\"period_days\":%u,\"percent_off\":%u}",
                                  seats, quote.remaining_days, quote.period_days, quote.percent_off);

  {
    LedgerRow row = {
      .kind = "seats",
      .before_json = before_json,
      .after_json = ledger_after,
      .amount_cents = quote.prorated_cents,
      .period_total_cents = quote.period_total_cents,
      .effective_at = now,
      .created_at = now,
    };

    if (!insert_ledger (self, who.organization_id, who.id, who.name, &row, error))
      goto out;
  }

  target = g_strdup_printf (_("%u seats"), seats);
  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "subscription.seats", target,
                           before_json, after_json, error))
    goto out;

  _od_queue_change (self, who.organization_id, "subscription");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

/* ---------------------------------------------------------------------------------------------
 * Term
 */

gboolean
od_repository_set_term (OdRepository  *self,
                        OdMember      *actor,
                        OdTerm         term,
                        GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdSubscription) sub = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  gint64 now = _od_repository_get_billing_now (self);
  OdTerm current, pending, new_pending;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;
  if (!(sub = begin_change (self, actor, &who, now, error)))
    goto out;

  if (od_term_get_months (term) == 0)
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                           _("Unknown term. Choose monthly, quarterly or yearly."));
      goto out;
    }

  current = od_subscription_get_term (sub);
  pending = od_subscription_get_pending_term (sub);
  if (term == od_subscription_get_next_term (sub))
    {
      ok = TRUE;
      goto out;
    }
  /* Choosing the current term again withdraws a pending change. */
  new_pending = term == current ? OD_TERM_NONE : term;

  stmt = _od_prepare (self, "UPDATE subscriptions SET pending_term = ? WHERE organization_id = ?", error);
  if (stmt == NULL)
    goto out;
  if (new_pending != OD_TERM_NONE)
    sqlite3_bind_int (stmt, 1, new_pending);
  sqlite3_bind_int64 (stmt, 2, who.organization_id);
  if (!_od_step_done (self, stmt, error))
    goto out;

  {
    JsonBuilder *b = _od_json_begin ();
    _od_json_add_string (b, "term", od_term_to_string (current));
    _od_json_add_string (b, "pending_term", pending != OD_TERM_NONE ? od_term_to_string (pending) : NULL);
    before_json = _od_json_end (b);
    b = _od_json_begin ();
    _od_json_add_string (b, "term", od_term_to_string (current));
    _od_json_add_string (b, "pending_term", new_pending != OD_TERM_NONE ? od_term_to_string (new_pending) : NULL);
    after_json = _od_json_end (b);
  }

  {
    gint64 next = od_subscription_get_next_billing_at (sub);
    gboolean renews = od_subscription_get_status (sub) == OD_SUBSCRIPTION_ACTIVE &&
                      !od_subscription_get_cancel_at_period_end (sub);
    LedgerRow row = {
      .kind = "term",
      .before_json = before_json,
      .after_json = after_json,
      .amount_cents = 0,
      .period_total_cents = renews ? od_billing_total (term, od_subscription_get_seats (sub),
                                                       percent_off_for (sub, next)) : 0,
      .effective_at = next,
      .created_at = now,
    };

    if (!record_change (self, &who, &row, "subscription.term", od_term_to_string (term), error))
      goto out;
  }
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

/* ---------------------------------------------------------------------------------------------
 * Discount
 */

gboolean
od_repository_set_discount_code (OdRepository  *self,
                                 OdMember      *actor,
                                 const char    *code,
                                 GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdSubscription) sub = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  gint64 now = _od_repository_get_billing_now (self);
  const char *old_code;
  guint percent_off = 0;
  sqlite3_stmt *stmt;
  gboolean removing;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;
  if (!(sub = begin_change (self, actor, &who, now, error)))
    goto out;

  removing = code == NULL || *code == '\0';
  if (!removing && !od_billing_check_discount_code (code, &canonical, &percent_off, error))
    goto out;

  old_code = od_subscription_get_discount_code (sub);
  if (g_strcmp0 (old_code, canonical) == 0)
    {
      ok = TRUE;
      goto out;
    }

  stmt = _od_prepare (self, "UPDATE subscriptions SET discount_code = ?, discount_percent = ?,"
                            " discount_starts_at = ? WHERE organization_id = ?", error);
  if (stmt == NULL)
    goto out;
  _od_bind_text (stmt, 1, canonical);
  sqlite3_bind_int (stmt, 2, percent_off);
  sqlite3_bind_int64 (stmt, 3, removing ? 0 : od_subscription_get_next_billing_at (sub));
  sqlite3_bind_int64 (stmt, 4, who.organization_id);
  if (!_od_step_done (self, stmt, error))
    goto out;

  {
    JsonBuilder *b = _od_json_begin ();
    _od_json_add_string (b, "code", old_code);
    _od_json_add_int (b, "percent_off", old_code != NULL ? od_subscription_get_discount_percent (sub) : 0);
    before_json = _od_json_end (b);
    b = _od_json_begin ();
    _od_json_add_string (b, "code", canonical);
    _od_json_add_int (b, "percent_off", percent_off);
    after_json = _od_json_end (b);
  }

  {
    gint64 next = od_subscription_get_next_billing_at (sub);
    gboolean renews = od_subscription_get_status (sub) == OD_SUBSCRIPTION_ACTIVE &&
                      !od_subscription_get_cancel_at_period_end (sub);
    LedgerRow row = {
      .kind = "discount",
      .before_json = before_json,
      .after_json = after_json,
      .amount_cents = 0,
      .period_total_cents = renews ? od_billing_total (od_subscription_get_next_term (sub),
                                                       od_subscription_get_seats (sub), percent_off) : 0,
      .effective_at = next,
      .created_at = now,
    };

    if (!record_change (self, &who, &row, "subscription.discount", removing ? old_code : canonical, error))
      goto out;
  }
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

/* ---------------------------------------------------------------------------------------------
 * Cancel and resume
 */

gboolean
od_repository_cancel_subscription (OdRepository  *self,
                                   OdMember      *actor,
                                   GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdSubscription) sub = NULL;
  gint64 now = _od_repository_get_billing_now (self);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;
  if (!(sub = begin_change (self, actor, &who, now, error)))
    goto out;

  if (od_subscription_get_status (sub) != OD_SUBSCRIPTION_ACTIVE ||
      od_subscription_get_cancel_at_period_end (sub))
    {
      ok = TRUE;
      goto out;
    }

  stmt = _od_prepare (self, "UPDATE subscriptions SET cancel_at_period_end = 1 WHERE organization_id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  if (!_od_step_done (self, stmt, error))
    goto out;

  {
    LedgerRow row = {
      .kind = "cancel",
      .before_json = "{\"status\":\"active\",\"cancel_at_period_end\":false}",
      .after_json = "{\"status\":\"active\",\"cancel_at_period_end\":true}",
      .amount_cents = 0,
      .period_total_cents = 0,
      .effective_at = od_subscription_get_next_billing_at (sub),
      .created_at = now,
    };

    if (!record_change (self, &who, &row, "subscription.cancel", od_subscription_get_plan (sub), error))
      goto out;
  }
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

gboolean
od_repository_resume_subscription (OdRepository  *self,
                                   OdMember      *actor,
                                   GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdSubscription) sub = NULL;
  g_autofree char *after_json = NULL;
  gint64 now = _od_repository_get_billing_now (self);
  sqlite3_stmt *stmt;
  LedgerRow row = { .kind = "resume", .created_at = now };
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;
  if (!(sub = begin_change (self, actor, &who, now, error)))
    goto out;

  if (od_subscription_get_status (sub) == OD_SUBSCRIPTION_ACTIVE)
    {
      if (!od_subscription_get_cancel_at_period_end (sub))
        {
          ok = TRUE;
          goto out;
        }

      /* Still in the period: the cancellation is simply withdrawn. */
      stmt = _od_prepare (self, "UPDATE subscriptions SET cancel_at_period_end = 0 WHERE organization_id = ?", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, who.organization_id);
      if (!_od_step_done (self, stmt, error))
        goto out;

      row.before_json = "{\"status\":\"active\",\"cancel_at_period_end\":true}";
      row.after_json = "{\"status\":\"active\",\"cancel_at_period_end\":false}";
      row.effective_at = od_subscription_get_next_billing_at (sub);
      row.period_total_cents = od_billing_total (od_subscription_get_next_term (sub),
                                                 od_subscription_get_seats (sub),
                                                 percent_off_for (sub, row.effective_at));
    }
  else
    {
      /* It has ended: it starts again today, with a new period (and a new anchor) and its charge. */
      OdTerm term = od_subscription_get_next_term (sub);
      gint64 end = od_billing_period_end (now, now, term);
      guint percent_off = percent_off_for (sub, now);
      gint64 charge = od_billing_total (term, od_subscription_get_seats (sub), percent_off);

      stmt = _od_prepare (self, "UPDATE subscriptions SET status = ?, cancel_at_period_end = 0, term = ?,"
                                " pending_term = NULL, started_at = ?, next_billing_at = ?"
                                " WHERE organization_id = ?", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int (stmt, 1, OD_SUBSCRIPTION_ACTIVE);
      sqlite3_bind_int (stmt, 2, term);
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_int64 (stmt, 4, end);
      sqlite3_bind_int64 (stmt, 5, who.organization_id);
      if (!_od_step_done (self, stmt, error))
        goto out;

      {
        JsonBuilder *b = _od_json_begin ();
        _od_json_add_string (b, "status", "active");
        json_builder_set_member_name (b, "restarted");
        json_builder_add_boolean_value (b, TRUE);
        _od_json_add_string (b, "term", od_term_to_string (term));
        _od_json_add_int (b, "seats", od_subscription_get_seats (sub));
        _od_json_add_int (b, "percent_off", percent_off);
        _od_json_add_int (b, "period_start", now);
        _od_json_add_int (b, "period_end", end);
        after_json = _od_json_end (b);
      }
      row.before_json = "{\"status\":\"canceled\"}";
      row.after_json = after_json;
      row.amount_cents = charge;
      row.period_total_cents = charge;
      row.effective_at = now;
    }

  if (!record_change (self, &who, &row, "subscription.resume", od_subscription_get_plan (sub), error))
    goto out;
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

/* ---------------------------------------------------------------------------------------------
 * Billing contact
 */

static char *
contact_json (const OdBillingContact *contact)
{
  JsonBuilder *b = _od_json_begin ();

  for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
    _od_json_add_string (b, od_billing_contact_field_to_string (i), od_billing_contact_get (contact, i));
  return _od_json_end (b);
}

gboolean
od_repository_save_billing_contact (OdRepository            *self,
                                    OdMember                *actor,
                                    const OdBillingContact  *contact,
                                    GHashTable             **field_errors,
                                    GError                 **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdSubscription) sub = NULL;
  g_autoptr(GHashTable) problems = NULL;
  g_autoptr(OdBillingContact) current = NULL;
  g_autoptr(OdBillingContact) saved = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  gint64 now = _od_repository_get_billing_now (self);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (contact != NULL, FALSE);
  g_return_val_if_fail (field_errors == NULL || *field_errors == NULL, FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;
  if (!(sub = begin_change (self, actor, &who, now, error)))
    goto out;

  problems = od_billing_contact_validate (contact);
  if (g_hash_table_size (problems) > 0)
    {
      guint n = g_hash_table_size (problems);

      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The billing contact was not saved: %u field needs to be fixed.",
                                "The billing contact was not saved: %u fields need to be fixed.", n), n);
      if (field_errors != NULL)
        *field_errors = g_steal_pointer (&problems);
      goto out;
    }

  saved = od_billing_contact_normalize (contact);
  current = od_subscription_dup_contact (sub);
  if (od_billing_contact_equal (saved, current))
    {
      ok = TRUE;
      goto out;
    }

  stmt = _od_prepare (self,
    "UPDATE subscriptions SET contact_name = ?, contact_email = ?, contact_phone = ?, country = ?,"
    " street = ?, city = ?, region = ?, postal_code = ? WHERE organization_id = ?", error);
  if (stmt == NULL)
    goto out;
  _od_bind_text (stmt, 1, od_billing_contact_get (saved, OD_BILLING_CONTACT_NAME));
  _od_bind_text (stmt, 2, od_billing_contact_get (saved, OD_BILLING_CONTACT_EMAIL));
  _od_bind_text (stmt, 3, od_billing_contact_get (saved, OD_BILLING_CONTACT_PHONE));
  _od_bind_text (stmt, 4, od_billing_contact_get (saved, OD_BILLING_CONTACT_COUNTRY));
  _od_bind_text (stmt, 5, od_billing_contact_get (saved, OD_BILLING_CONTACT_STREET));
  _od_bind_text (stmt, 6, od_billing_contact_get (saved, OD_BILLING_CONTACT_CITY));
  _od_bind_text (stmt, 7, od_billing_contact_get (saved, OD_BILLING_CONTACT_REGION));
  _od_bind_text (stmt, 8, od_billing_contact_get (saved, OD_BILLING_CONTACT_POSTAL_CODE));
  sqlite3_bind_int64 (stmt, 9, who.organization_id);
  if (!_od_step_done (self, stmt, error))
    goto out;

  before_json = contact_json (current);
  after_json = contact_json (saved);
  {
    LedgerRow row = {
      .kind = "contact",
      .before_json = before_json,
      .after_json = after_json,
      .amount_cents = 0,
      .period_total_cents = -1,
      .effective_at = now,
      .created_at = now,
    };

    if (!record_change (self, &who, &row, "subscription.contact",
                        od_billing_contact_get (saved, OD_BILLING_CONTACT_NAME), error))
      goto out;
  }
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

/* ---------------------------------------------------------------------------------------------
 * History
 */

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (json == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

static gint64
object_int (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
         ? json_node_get_int (node) : 0;
}

static const char *
object_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static gboolean
object_bool (JsonObject *object,
             const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN
         && json_node_get_boolean (node);
}

static char *
format_day (gint64 unix_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (unix_time);

  return when != NULL ? g_date_time_format (when, "%Y-%m-%d") : g_strdup ("?");
}

/* The change in words, for a history list or an export. */
static char *
describe_event (const char *kind,
                const char *before_json,
                const char *after_json,
                gint64      effective_at)
{
  g_autoptr(JsonObject) before = parse_object (before_json);
  g_autoptr(JsonObject) after = parse_object (after_json);
  g_autofree char *day = format_day (effective_at);

  if (g_str_equal (kind, "seats"))
    {
      gint64 from = object_int (before, "seats"), to = object_int (after, "seats");

      if (to > from && object_int (after, "period_days") > 0)
        /* Translators: "Seats: 10 → 12, prorated for 14 of 29 days" */
        return g_strdup_printf (_("Seats: %d → %d, prorated for %d of %d days"), (int) from, (int) to,
                                (int) object_int (after, "remaining_days"), (int) object_int (after, "period_days"));
      return g_strdup_printf (_("Seats: %d → %d"), (int) from, (int) to);
    }
  if (g_str_equal (kind, "term"))
    {
      const char *pending = object_string (after, "pending_term");

      if (pending != NULL)
        /* Translators: "Term: monthly → yearly from 2028-03-31" */
        return g_strdup_printf (_("Term: %s → %s from %s"), object_string (after, "term"), pending, day);
      return g_strdup_printf (_("Term change withdrawn; it stays %s"), object_string (after, "term"));
    }
  if (g_str_equal (kind, "discount"))
    {
      const char *code = object_string (after, "code");

      if (code != NULL)
        /* Translators: "Discount code WELCOME10 (10% off) from 2028-03-31" */
        return g_strdup_printf (_("Discount code %s (%d%% off) from %s"), code,
                                (int) object_int (after, "percent_off"), day);
      return g_strdup_printf (_("Discount code %s removed"), object_string (before, "code"));
    }
  if (g_str_equal (kind, "cancel"))
    return g_strdup_printf (_("Canceled; the subscription ends on %s"), day);
  if (g_str_equal (kind, "resume"))
    {
      if (object_bool (after, "restarted"))
        {
          g_autofree char *until = format_day (object_int (after, "period_end"));
          return g_strdup_printf (_("Restarted: %d seats, %s, until %s"),
                                  (int) object_int (after, "seats"), object_string (after, "term"), until);
        }
      return g_strdup_printf (_("Resumed; it renews on %s"), day);
    }
  if (g_str_equal (kind, "contact"))
    return g_strdup (_("Billing contact changed"));
  if (g_str_equal (kind, "renewal"))
    {
      g_autofree char *until = format_day (object_int (after, "period_end"));

      if (object_int (after, "percent_off") > 0)
        /* Translators: "Renewed: 12 seats, monthly, 10% off, until 2028-04-30" */
        return g_strdup_printf (_("Renewed: %d seats, %s, %d%% off, until %s"),
                                (int) object_int (after, "seats"), object_string (after, "term"),
                                (int) object_int (after, "percent_off"), until);
      return g_strdup_printf (_("Renewed: %d seats, %s, until %s"),
                              (int) object_int (after, "seats"), object_string (after, "term"), until);
    }
  if (g_str_equal (kind, "end"))
    return g_strdup (_("The subscription ended"));
  return g_strdup (kind);
}

static OdBillingEvent *
billing_event_from_row (sqlite3_stmt *stmt)
{
  const char *kind = _od_column_text (stmt, 4);
  const char *before = _od_column_text_or_null (stmt, 5);
  const char *after = _od_column_text_or_null (stmt, 6);
  gint64 effective_at = sqlite3_column_int64 (stmt, 9);
  g_autofree char *summary = describe_event (kind, before, after, effective_at);

  return g_object_new (OD_TYPE_BILLING_EVENT,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "organization-id", sqlite3_column_int64 (stmt, 1),
                       "created-at", sqlite3_column_int64 (stmt, 2),
                       "actor-name", _od_column_text (stmt, 3),
                       "kind", kind,
                       "summary", summary,
                       "before-json", before,
                       "after-json", after,
                       "amount-cents", sqlite3_column_int64 (stmt, 7),
                       "period-total-cents", sqlite3_column_type (stmt, 8) == SQLITE_NULL
                                             ? G_GINT64_CONSTANT (-1) : sqlite3_column_int64 (stmt, 8),
                       "effective-at", effective_at,
                       NULL);
}

GListModel *
od_repository_list_billing_history (OdRepository  *self,
                                    gint64         organization_id,
                                    GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!roll_over_if_due (self, organization_id, error))
    return NULL;
  stmt = _od_prepare (self,
    "SELECT id, organization_id, created_at, actor_name, kind, before, after, amount_cents,"
    " period_total_cents, coalesce(effective_at, created_at) FROM billing_history"
    " WHERE organization_id = ? ORDER BY created_at DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  return _od_collect_rows (self, stmt, OD_TYPE_BILLING_EVENT, (RowFunc) billing_event_from_row, error);
}

/* One CSV field: RFC 4180 quoting, and a leading = + - @ (or tab, carriage return) made inert
 * with a single quote so that a spreadsheet never runs it as a formula. */
static char *
csv_field (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (text == NULL)
    return g_strdup ("");
  if (text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    g_string_append_c (out, '\'');
  g_string_append (out, text);
  if (strpbrk (out->str, ",\"\r\n") != NULL)
    {
      g_autoptr(GString) quoted = g_string_new ("\"");

      for (const char *p = out->str; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (quoted, '"');
          g_string_append_c (quoted, *p);
        }
      g_string_append_c (quoted, '"');
      return g_string_free (g_steal_pointer (&quoted), FALSE);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
iso_time (gint64 unix_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (unix_time);

  return when != NULL ? g_date_time_format_iso8601 (when) : g_strdup ("");
}

gboolean
od_repository_export_billing_history (OdRepository   *self,
                                      gint64          organization_id,
                                      GOutputStream  *stream,
                                      GCancellable   *cancellable,
                                      GError        **error)
{
  static const char header[] = "id,date,actor,kind,summary,amount,amount_cents,period_total_cents,"
                               "effective_at,before,after\r\n";
  g_autoptr(GListModel) events = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (!(events = od_repository_list_billing_history (self, organization_id, error)))
    return FALSE;
  if (!g_output_stream_write_all (stream, header, strlen (header), NULL, cancellable, error))
    return FALSE;

  /* Oldest first, as a ledger reads. */
  for (guint i = g_list_model_get_n_items (events); i-- > 0;)
    {
      g_autoptr(OdBillingEvent) e = g_list_model_get_item (events, i);
      g_autofree char *date = iso_time (od_billing_event_get_created_at (e));
      g_autofree char *effective = iso_time (od_billing_event_get_effective_at (e));
      g_autofree char *actor = csv_field (od_billing_event_get_actor_name (e));
      g_autofree char *kind = csv_field (od_billing_event_get_kind (e));
      g_autofree char *summary = csv_field (od_billing_event_get_summary (e));
      g_autofree char *before = csv_field (od_billing_event_get_before_json (e));
      g_autofree char *after = csv_field (od_billing_event_get_after_json (e));
      g_autofree char *amount = od_billing_format_decimal (od_billing_event_get_amount_cents (e));
      g_autofree char *period_total = od_billing_event_get_period_total_cents (e) >= 0
        ? g_strdup_printf ("%" G_GINT64_FORMAT, od_billing_event_get_period_total_cents (e))
        : g_strdup ("");
      g_autofree char *line = g_strdup_printf ("%" G_GINT64_FORMAT ",%s,%s,%s,%s,%s,%" G_GINT64_FORMAT ",%s,%s,%s,%s\r\n",
                                               od_billing_event_get_id (e), date, actor, kind, summary,
                                               amount, od_billing_event_get_amount_cents (e), period_total,
                                               effective, before, after);

      if (!g_output_stream_write_all (stream, line, strlen (line), NULL, cancellable, error))
        return FALSE;
    }
  return TRUE;
}
