/* test-billing-arithmetic.c — prices, calendar periods, proration, rounding, discount codes,
 * amounts in words and the country table: the pure parts of billing, as tables of cases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "od-billing.h"
#include "od-country.h"
#include "od-error.h"

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

/* ---------------------------------------------------------------------------------------------
 * Prices and totals
 */

static void
test_prices_per_seat (void)
{
  static const struct { OdTerm term; gint64 price; guint months; } cases[] = {
    { OD_TERM_MONTHLY,   2299,  1 },
    { OD_TERM_QUARTERLY, 6999,  3 },
    { OD_TERM_YEARLY,    27599, 12 },
    { OD_TERM_NONE,      0,     0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (od_billing_price_per_seat (cases[i].term), ==, cases[i].price);
      g_assert_cmpuint (od_term_get_months (cases[i].term), ==, cases[i].months);
    }
}

static void
test_totals_and_discounts (void)
{
  static const struct { OdTerm term; guint seats; guint percent; gint64 total; } cases[] = {
    { OD_TERM_MONTHLY,   1,       0,   2299 },
    { OD_TERM_MONTHLY,   3,       0,   6897 },
    { OD_TERM_MONTHLY,   10,      10,  20691 },
    { OD_TERM_QUARTERLY, 7,       25,  36745 },     /* 48993 × 0.75 = 36744.75 → up */
    { OD_TERM_YEARLY,    5,       10,  124196 },    /* 137995 × 0.9 = 124195.5 → half up */
    { OD_TERM_YEARLY,    1,       50,  13800 },     /* 13799.5 → half up */
    { OD_TERM_YEARLY,    1000000, 0,   27599000000 },
    { OD_TERM_MONTHLY,   4,       100, 0 },
    { OD_TERM_MONTHLY,   0,       0,   0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (od_billing_total (cases[i].term, cases[i].seats, cases[i].percent), ==, cases[i].total);
}

static void
test_divide_round_half_up (void)
{
  static const struct { gint64 n, d, q; } cases[] = {
    { 0, 7, 0 }, { 1, 2, 1 }, { 3, 2, 2 }, { 5, 2, 3 }, { 2, 3, 1 }, { 1, 3, 0 },
    { 149, 100, 1 }, { 150, 100, 2 }, { 151, 100, 2 }, { 114950, 100, 1150 }, { 114949, 100, 1149 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (od_billing_divide_round (cases[i].n, cases[i].d), ==, cases[i].q);
}

/* ---------------------------------------------------------------------------------------------
 * Calendar: month ends, leap years, quarters and years
 */

static void
test_add_months_month_ends (void)
{
  static const struct { const char *anchor, *from; int months; const char *expected; } cases[] = {
    /* A subscription started on Jan 31 renews on the last day of shorter months… */
    { "2027-01-31T10:00:00Z", "2027-01-31T10:00:00Z",  1, "2027-02-28T10:00:00Z" },
    { "2028-01-31T10:00:00Z", "2028-01-31T10:00:00Z",  1, "2028-02-29T10:00:00Z" },
    /* …and goes back to the 31st when the month has one (anchored, not drifting). */
    { "2028-01-31T10:00:00Z", "2028-02-29T10:00:00Z",  1, "2028-03-31T10:00:00Z" },
    { "2028-01-31T10:00:00Z", "2028-03-31T10:00:00Z",  1, "2028-04-30T10:00:00Z" },
    { "2028-01-31T10:00:00Z", "2028-04-30T10:00:00Z",  1, "2028-05-31T10:00:00Z" },
    { "2028-01-30T23:59:59Z", "2028-01-30T23:59:59Z",  1, "2028-02-29T23:59:59Z" },
    { "2028-01-29T00:00:00Z", "2028-01-29T00:00:00Z",  1, "2028-02-29T00:00:00Z" },
    { "2028-01-15T08:30:15Z", "2028-01-15T08:30:15Z",  1, "2028-02-15T08:30:15Z" },
    { "2028-12-31T10:00:00Z", "2028-12-31T10:00:00Z",  1, "2029-01-31T10:00:00Z" },
    /* Quarters */
    { "2027-11-30T10:00:00Z", "2027-11-30T10:00:00Z",  3, "2028-02-29T10:00:00Z" },
    { "2027-11-30T10:00:00Z", "2028-02-29T10:00:00Z",  3, "2028-05-30T10:00:00Z" },
    { "2028-10-31T10:00:00Z", "2028-10-31T10:00:00Z",  3, "2029-01-31T10:00:00Z" },
    { "2028-08-31T10:00:00Z", "2028-08-31T10:00:00Z",  3, "2028-11-30T10:00:00Z" },
    /* Years, from a leap day */
    { "2028-02-29T10:00:00Z", "2028-02-29T10:00:00Z", 12, "2029-02-28T10:00:00Z" },
    { "2028-02-29T10:00:00Z", "2029-02-28T10:00:00Z", 12, "2030-02-28T10:00:00Z" },
    { "2028-02-29T10:00:00Z", "2031-02-28T10:00:00Z", 12, "2032-02-29T10:00:00Z" },
    { "2028-02-29T10:00:00Z", "2028-02-29T10:00:00Z", 48, "2032-02-29T10:00:00Z" },
    /* Backwards: the start of the period that ends on a date */
    { "2028-01-31T10:00:00Z", "2028-03-31T10:00:00Z", -1, "2028-02-29T10:00:00Z" },
    { "2028-01-31T10:00:00Z", "2028-02-29T10:00:00Z", -1, "2028-01-31T10:00:00Z" },
    { "2027-11-30T10:00:00Z", "2028-02-29T10:00:00Z", -3, "2027-11-30T10:00:00Z" },
    { "2028-02-29T10:00:00Z", "2029-02-28T10:00:00Z", -12, "2028-02-29T10:00:00Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = iso (od_billing_add_months (utc (cases[i].anchor), utc (cases[i].from),
                                                         cases[i].months));
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_period_start_and_end (void)
{
  gint64 anchor = utc ("2028-01-31T10:00:00Z");
  gint64 feb = utc ("2028-02-29T10:00:00Z");
  g_autofree char *end = iso (od_billing_period_end (anchor, anchor, OD_TERM_MONTHLY));
  g_autofree char *start = iso (od_billing_period_start (anchor, feb, OD_TERM_MONTHLY));
  g_autofree char *year = iso (od_billing_period_end (anchor, feb, OD_TERM_YEARLY));

  g_assert_cmpstr (end, ==, "2028-02-29T10:00:00Z");
  g_assert_cmpstr (start, ==, "2028-01-31T10:00:00Z");
  g_assert_cmpstr (year, ==, "2029-02-28T10:00:00Z");
}

static void
test_next_billing_date (void)
{
  static const struct { const char *anchor; OdTerm term; const char *now, *expected; } cases[] = {
    { "2028-01-31T10:00:00Z", OD_TERM_MONTHLY,   "2028-01-31T10:00:00Z", "2028-02-29T10:00:00Z" },
    { "2028-01-31T10:00:00Z", OD_TERM_MONTHLY,   "2028-02-29T09:59:59Z", "2028-02-29T10:00:00Z" },
    /* Exactly on the billing date, the next one is a period later. */
    { "2028-01-31T10:00:00Z", OD_TERM_MONTHLY,   "2028-02-29T10:00:00Z", "2028-03-31T10:00:00Z" },
    { "2028-01-31T10:00:00Z", OD_TERM_MONTHLY,   "2028-06-15T00:00:00Z", "2028-06-30T10:00:00Z" },
    { "2028-01-31T10:00:00Z", OD_TERM_MONTHLY,   "2030-12-31T11:00:00Z", "2031-01-31T10:00:00Z" },
    { "2027-11-30T10:00:00Z", OD_TERM_QUARTERLY, "2028-03-01T00:00:00Z", "2028-05-30T10:00:00Z" },
    { "2028-02-29T10:00:00Z", OD_TERM_YEARLY,    "2031-06-01T00:00:00Z", "2032-02-29T10:00:00Z" },
    { "2028-02-29T10:00:00Z", OD_TERM_YEARLY,    "2029-02-28T10:00:00Z", "2030-02-28T10:00:00Z" },
    /* Before the start: the end of the first period. */
    { "2028-02-29T10:00:00Z", OD_TERM_YEARLY,    "2027-01-01T00:00:00Z", "2029-02-28T10:00:00Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = iso (od_billing_next_date (utc (cases[i].anchor), cases[i].term,
                                                        utc (cases[i].now)));
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_days_between (void)
{
  static const struct { const char *from, *to; gint64 days; } cases[] = {
    { "2028-01-31T10:00:00Z", "2028-02-29T10:00:00Z", 29 },
    { "2027-01-31T10:00:00Z", "2027-02-28T10:00:00Z", 28 },
    { "2028-02-29T10:00:00Z", "2029-02-28T10:00:00Z", 365 },
    { "2027-03-01T00:00:00Z", "2028-03-01T00:00:00Z", 366 },
    { "2028-02-15T23:59:59Z", "2028-02-16T00:00:00Z", 1 },   /* calendar days, not 24 hours */
    { "2028-02-16T00:00:00Z", "2028-02-16T23:59:59Z", 0 },
    { "2028-02-16T00:00:00Z", "2028-02-15T00:00:00Z", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (od_billing_days_between (utc (cases[i].from), utc (cases[i].to)), ==, cases[i].days);
}

/* ---------------------------------------------------------------------------------------------
 * Proration
 */

static void
test_prorate_table (void)
{
  static const struct { guint added; gint64 price; guint percent, remaining, period; gint64 charge; } cases[] = {
    { 0,       2299,  0,   15,  30,  0 },            /* zero seats added */
    { 1,       2299,  0,   30,  30,  2299 },         /* the whole period */
    { 1,       2299,  0,   15,  30,  1150 },         /* 1149.5 → half up */
    { 1,       2299,  0,   1,   2,   1150 },         /* 1149.5 → half up */
    { 1,       2299,  0,   10,  30,  766 },          /* 766.33 → down */
    { 1,       2299,  0,   20,  30,  1533 },         /* 1532.67 → up */
    { 2,       2299,  0,   14,  29,  2220 },         /* February of a leap year */
    { 1,       6999,  0,   45,  91,  3461 },         /* a quarter */
    { 2,       27599, 0,   183, 366, 27599 },        /* half a leap year, exactly */
    { 1,       27599, 0,   1,   366, 75 },
    { 1,       27599, 0,   1,   365, 76 },
    { 1,       2299,  10,  15,  30,  1035 },         /* 1034.55 with 10 % off */
    { 1,       2299,  50,  1,   1,   1150 },         /* 1149.5 with 50 % off → half up */
    { 3,       6999,  25,  31,  92,  5306 },
    { 5,       2299,  0,   0,   31,  0 },            /* nothing left of the period */
    { 7,       2299,  100, 10,  30,  0 },
    { 1000000, 27599, 0,   365, 366, 27523592896 },  /* the most seats: no overflow */
    { 1,       2299,  0,   40,  30,  2299 },         /* never more than the whole period */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (od_billing_prorate (cases[i].added, cases[i].price, cases[i].percent,
                                         cases[i].remaining, cases[i].period), ==, cases[i].charge);
}

/* The whole way from dates to cents, by calendar days (UTC). */
static void
test_prorate_by_dates (void)
{
  static const struct {
    const char *start, *end, *now;
    guint added;
    OdTerm term;
    guint remaining, period;
    gint64 charge;
  } cases[] = {
    { "2028-01-31T10:00:00Z", "2028-02-29T10:00:00Z", "2028-02-15T12:00:00Z", 2, OD_TERM_MONTHLY,   14, 29,  2220 },
    { "2027-01-31T10:00:00Z", "2027-02-28T10:00:00Z", "2027-02-14T09:00:00Z", 1, OD_TERM_MONTHLY,   14, 28,  1150 },
    { "2027-11-30T10:00:00Z", "2028-02-29T10:00:00Z", "2028-01-15T00:00:00Z", 1, OD_TERM_QUARTERLY, 45, 91,  3461 },
    { "2028-02-29T10:00:00Z", "2029-02-28T10:00:00Z", "2028-08-30T18:00:00Z", 3, OD_TERM_YEARLY,    182, 365, 41285 },
    { "2027-03-01T00:00:00Z", "2028-03-01T00:00:00Z", "2027-09-01T00:00:00Z", 1, OD_TERM_YEARLY,    182, 366, 13724 },
    { "2028-03-31T10:00:00Z", "2028-04-30T10:00:00Z", "2028-04-29T23:00:00Z", 4, OD_TERM_MONTHLY,   1,  30,  307 },
    /* The first day counts in full, the renewal day not at all. */
    { "2028-03-31T10:00:00Z", "2028-04-30T10:00:00Z", "2028-03-31T10:00:00Z", 4, OD_TERM_MONTHLY,   30, 30,  9196 },
    { "2028-03-31T10:00:00Z", "2028-04-30T10:00:00Z", "2028-04-30T09:00:00Z", 4, OD_TERM_MONTHLY,   0,  30,  0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint period = 0;
      guint remaining = od_billing_remaining_days (utc (cases[i].start), utc (cases[i].end),
                                                   utc (cases[i].now), &period);

      g_assert_cmpuint (remaining, ==, cases[i].remaining);
      g_assert_cmpuint (period, ==, cases[i].period);
      g_assert_cmpint (od_billing_prorate (cases[i].added, od_billing_price_per_seat (cases[i].term), 0,
                                           remaining, period), ==, cases[i].charge);
    }
}

/* ---------------------------------------------------------------------------------------------
 * Seats, discount codes, words
 */

static void
test_seat_minimum_in_words (void)
{
  static const struct { guint members, pending, minimum; const char *words; } cases[] = {
    { 12, 3, 15, "You have 12 members and 3 pending invitations, so you need at least 15 seats." },
    { 12, 0, 12, "You have 12 members, so you need at least 12 seats." },
    { 1,  0, 1,  "You have 1 member, so you need at least 1 seat." },
    { 1,  1, 2,  "You have 1 member and 1 pending invitation, so you need at least 2 seats." },
    { 0,  0, 1,  "You have 0 members, so you need at least 1 seat." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = od_billing_describe_seat_minimum (cases[i].members, cases[i].pending);

      g_assert_cmpuint (od_billing_seat_minimum (cases[i].members, cases[i].pending), ==, cases[i].minimum);
      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

static void
test_discount_code_format (void)
{
  static const struct { const char *code; gboolean ok; } cases[] = {
    { "WELCOME10", TRUE }, { "welcome10", TRUE }, { "ABCD", TRUE }, { "AB-CD-12", TRUE },
    { "ABCDEFGHIJKLMNOPQRST", TRUE },    /* 20 */
    { "ABCDEFGHIJKLMNOPQRSTU", FALSE },  /* 21 */
    { "ABC", FALSE }, { "", FALSE }, { NULL, FALSE }, { "-ABC", FALSE }, { "ABC-", FALSE },
    { "AB CD", FALSE }, { "A_BC", FALSE }, { "ÄBCD", FALSE }, { "AB.CD", FALSE }, { "=SUM(A1)", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (od_billing_discount_code_is_well_formed (cases[i].code), ==, cases[i].ok);
}

static void
test_discount_code_lookup (void)
{
  static const struct { const char *code; const char *canonical; guint percent; GQuark (*domain) (void); int error; } cases[] = {
    { "WELCOME10",       "WELCOME10",   10, NULL, 0 },
    { "  welcome10 ",    "WELCOME10",   10, NULL, 0 },
    { "NonProfit25",     "NONPROFIT25", 25, NULL, 0 },
    { "EDUCATION50",     "EDUCATION50", 50, NULL, 0 },
    { "WELCOME11",       NULL, 0, od_repository_error_quark, OD_REPOSITORY_ERROR_NOT_FOUND },
    { "abc",             NULL, 0, od_validation_error_quark, OD_VALIDATION_ERROR_INVALID },
    { "WEL COME",        NULL, 0, od_validation_error_quark, OD_VALIDATION_ERROR_INVALID },
    { "   ",             NULL, 0, od_validation_error_quark, OD_VALIDATION_ERROR_REQUIRED },
    { NULL,              NULL, 0, od_validation_error_quark, OD_VALIDATION_ERROR_REQUIRED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *canonical = NULL;
      guint percent = 0;
      gboolean ok = od_billing_check_discount_code (cases[i].code, &canonical, &percent, &error);

      if (cases[i].domain == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (canonical, ==, cases[i].canonical);
          g_assert_cmpuint (percent, ==, cases[i].percent);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, cases[i].domain (), cases[i].error);
          g_assert_null (canonical);
        }
    }
}

static void
test_format_cents (void)
{
  static const struct { gint64 cents; const char *money, *decimal; } cases[] = {
    { 0,          "$0.00",          "0.00" },
    { 5,          "$0.05",          "0.05" },
    { 2299,       "$22.99",         "22.99" },
    { 123456,     "$1,234.56",      "1234.56" },
    { 100000000,  "$1,000,000.00",  "1000000.00" },
    { -150,       "-$1.50",         "-1.50" },
    { G_MININT64, "-$92,233,720,368,547,758.08", "-92233720368547758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *money = od_billing_format_cents (cases[i].cents);
      g_autofree char *decimal = od_billing_format_decimal (cases[i].cents);

      g_assert_cmpstr (money, ==, cases[i].money);
      g_assert_cmpstr (decimal, ==, cases[i].decimal);
    }
}

/* ---------------------------------------------------------------------------------------------
 * Countries
 */

static void
test_country_table (void)
{
  guint n = 0;
  const OdCountry *all = od_country_get_all (&n);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (n, ==, 249);
  g_assert_cmpstr (all[0].name, ==, "Afghanistan");
  g_assert_cmpstr (all[1].name, ==, "Åland Islands");   /* sorted with accents ignored */
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (strlen (all[i].code), ==, 2);
      g_assert_true (g_ascii_isupper (all[i].code[0]) && g_ascii_isupper (all[i].code[1]));
      g_assert_true (g_hash_table_add (codes, (gpointer) all[i].code));
      g_assert_true (all[i].name[0] != '\0');
    }
  for (const char * const *c = (const char *[]) { "US", "CA", "GB", "DE", "FR", "NL", "JP", "AU", "IN",
                                                  "BR", "AX", "SS", "XK", NULL }; *c; c++)
    if (!g_str_equal (*c, "XK"))   /* Kosovo has no ISO 3166-1 code */
      g_assert_true (g_hash_table_contains (codes, *c));
    else
      g_assert_false (g_hash_table_contains (codes, *c));
}

static void
test_country_lookup_and_search (void)
{
  static const struct { const char *text; const char *code; } lookups[] = {
    { "us", "US" }, { " DE ", "DE" }, { "United States", "US" }, { "united kingdom", "GB" },
    { "SOUTH KOREA", "KR" }, { "Côte d'Ivoire", "CI" }, { "ZZ", NULL }, { "", NULL }, { NULL, NULL },
    { "United", NULL },
  };
  static const struct { const char *text; const char *first; guint at_least; } searches[] = {
    { "gb", "GB", 1 },               /* the code first */
    { "ger", "DE", 1 },              /* a name that starts with it */
    { "kingdom", "GB", 1 },          /* a word that starts with it */
    { "aland", "AX", 1 },            /* accents optional */
    { "zeal", "NZ", 1 },
    { "united", "AE", 4 },           /* several, by name */
    { "xyzzy", NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lookups); i++)
    {
      const OdCountry *c = od_country_lookup (lookups[i].text);
      g_assert_cmpstr (c ? c->code : NULL, ==, lookups[i].code);
    }

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autoptr(GPtrArray) found = od_country_search (searches[i].text);

      g_assert_cmpuint (found->len, >=, searches[i].at_least);
      if (searches[i].first != NULL)
        g_assert_cmpstr (((const OdCountry *) g_ptr_array_index (found, 0))->code, ==, searches[i].first);
      else
        g_assert_cmpuint (found->len, ==, 0);
    }

  {
    g_autoptr(GPtrArray) all = od_country_search ("");
    g_assert_cmpuint (all->len, ==, 249);
  }
  g_assert_true (od_country_lookup ("US")->flags & OD_COUNTRY_REGION_REQUIRED);
  g_assert_false (od_country_lookup ("DE")->flags & OD_COUNTRY_REGION_REQUIRED);
  g_assert_true (od_country_lookup ("AE")->flags & OD_COUNTRY_NO_POSTAL_CODE);
  g_assert_false (od_country_lookup ("GB")->flags & OD_COUNTRY_NO_POSTAL_CODE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/billing/prices-per-seat", test_prices_per_seat);
  g_test_add_func ("/billing/totals-and-discounts", test_totals_and_discounts);
  g_test_add_func ("/billing/divide-round-half-up", test_divide_round_half_up);
  g_test_add_func ("/billing/calendar/add-months-month-ends", test_add_months_month_ends);
  g_test_add_func ("/billing/calendar/period-start-and-end", test_period_start_and_end);
  g_test_add_func ("/billing/calendar/next-billing-date", test_next_billing_date);
  g_test_add_func ("/billing/calendar/days-between", test_days_between);
  g_test_add_func ("/billing/prorate/table", test_prorate_table);
  g_test_add_func ("/billing/prorate/by-dates", test_prorate_by_dates);
  g_test_add_func ("/billing/seat-minimum-in-words", test_seat_minimum_in_words);
  g_test_add_func ("/billing/discount/format", test_discount_code_format);
  g_test_add_func ("/billing/discount/lookup", test_discount_code_lookup);
  g_test_add_func ("/billing/format-cents", test_format_cents);
  g_test_add_func ("/billing/country/table", test_country_table);
  g_test_add_func ("/billing/country/lookup-and-search", test_country_lookup_and_search);

  return g_test_run ();
}
