/* od-billing.h — the arithmetic of the subscription: prices, periods, proration, discounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions, no database. Every amount is an exact number of US cents in a gint64; nothing
 * here ever uses floating point.
 *
 * Periods. A period of N months (1 monthly, 3 quarterly, 12 yearly) that starts on day D ends on
 * day D of the month N months later, at the same time of day (UTC). When that month is shorter,
 * it ends on the month's last day instead, but the day stays anchored on the subscription's
 * start: a subscription started on Jan 31 renews on Feb 28 (Feb 29 in a leap year), then on
 * Mar 31, Apr 30, May 31, … The anchor is the subscription's start time (its day of the month
 * and its time of day).
 *
 * Proration. Seats added during a period are charged for the rest of it, by calendar days
 * (UTC): charge = added seats × price per seat × remaining days ÷ days in the period, less the
 * discount when one applies to the period, rounded half up to the cent, in one integer division.
 * The day of the change counts in full; the renewal day does not (it starts the next period).
 * Removing seats is never refunded: the lower count is billed from the next renewal.
 *
 * Discount codes. A code is 4 to 20 characters, letters A–Z, digits and dashes, not starting or
 * ending with a dash; it is matched without regard to case and stored in capitals. Orgdesk has
 * no billing backend, so the codes it knows are a small built-in table (WELCOME10 = 10 % off,
 * NONPROFIT25 = 25 % off, EDUCATION50 = 50 % off); a real deployment would look them up in its
 * billing service. A code applies to the whole total of every period that starts after it was
 * entered (from the next cycle), until it is removed.
 */
#pragma once

#include <glib.h>

#include "od-subscription.h"

G_BEGIN_DECLS

#define OD_BILLING_MAX_SEATS 1000000
#define OD_BILLING_DISCOUNT_CODE_MIN_LENGTH 4
#define OD_BILLING_DISCOUNT_CODE_MAX_LENGTH 20

/* What adding (or removing) seats would do, for a form to show before the change is confirmed. */
typedef struct
{
  guint   current_seats;
  guint   seats;               /* the requested count */
  guint   minimum_seats;       /* members + pending invitations, at least 1 */
  guint   added_seats;         /* seats − current_seats when more, else 0 */
  gint64  price_per_seat_cents;
  guint   percent_off;         /* the discount that applies to the current period */
  guint   remaining_days;      /* of the current period, counting today */
  guint   period_days;
  gint64  period_start;        /* the current period, unix seconds */
  gint64  period_end;          /* = the next billing date */
  gint64  prorated_cents;      /* charged now for the added seats */
  gint64  period_total_cents;  /* the total per period from the next renewal, with the new seats */
} OdSeatQuote;

gint64    od_billing_price_per_seat       (OdTerm        term);          /* 2299, 6999, 27599 */
/* price × seats, less percent_off % of it (rounded half up to the cent) */
gint64    od_billing_total                (OdTerm        term,
                                           guint         seats,
                                           guint         percent_off);
gint64    od_billing_apply_discount       (gint64        cents,
                                           guint         percent_off);
/* numerator ÷ denominator rounded half up; both ≥ 0, denominator > 0 */
gint64    od_billing_divide_round         (gint64        numerator,
                                           gint64        denominator);

/* The date `months` months (may be negative) after `from`, on the anchor's day of the month
 * (or the month's last day when it is shorter) and at the anchor's time of day. */
gint64    od_billing_add_months           (gint64        anchor,
                                           gint64        from,
                                           int           months);
gint64    od_billing_period_end           (gint64        anchor,
                                           gint64        period_start,
                                           OdTerm        term);
gint64    od_billing_period_start         (gint64        anchor,
                                           gint64        period_end,
                                           OdTerm        term);
/* The first billing date after `now` of a subscription that started at `anchor` with `term`. */
gint64    od_billing_next_date            (gint64        anchor,
                                           OdTerm        term,
                                           gint64        now);
/* Calendar days (UTC) from the day of `from` to the day of `to`; negative when to is earlier. */
gint64    od_billing_days_between         (gint64        from,
                                           gint64        to);
/* Days left in [period_start, period_end) on the day of `now`, counting that day, between 0
 * and *period_days (which is set to the period's length, at least 1). */
guint     od_billing_remaining_days       (gint64        period_start,
                                           gint64        period_end,
                                           gint64        now,
                                           guint        *period_days);
gint64    od_billing_prorate              (guint         added_seats,
                                           gint64        price_per_seat_cents,
                                           guint         percent_off,
                                           guint         remaining_days,
                                           guint         period_days);

guint     od_billing_seat_minimum         (guint         n_members,
                                           guint         n_pending);
/* "You have 12 members and 3 pending invitations, so you need at least 15 seats." */
char     *od_billing_describe_seat_minimum (guint        n_members,
                                           guint         n_pending);

/* Shape only (length and characters), for an entry that checks as one types. */
gboolean  od_billing_discount_code_is_well_formed (const char *code);
/* Checks the shape and looks the code up: its canonical form and percent off, or an error that
 * says what is wrong (OD_VALIDATION_ERROR_INVALID, or OD_REPOSITORY_ERROR_NOT_FOUND). */
gboolean  od_billing_check_discount_code  (const char   *code,
                                           char        **canonical,
                                           guint        *percent_off,
                                           GError      **error);

/* "$1,234.56" (negative: "-$1.00"), and "1234.56" for files that a spreadsheet reads. */
char     *od_billing_format_cents         (gint64        cents);
char     *od_billing_format_decimal       (gint64        cents);
/* "per month", "per quarter", "per year" (translated) */
const char *od_billing_term_period_label  (OdTerm        term);

G_END_DECLS
