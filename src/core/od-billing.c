/* od-billing.c — prices, periods, proration and discount codes, in integer cents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are written down in od-billing.h.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "od-billing.h"
#include "od-error.h"

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)

/* The discount codes Orgdesk knows. There is no billing backend: a real deployment would ask its
 * billing service instead of this table. */
static const struct
{
  const char *code;
  guint       percent_off;
} discount_codes[] = {
  { "WELCOME10",   10 },
  { "NONPROFIT25", 25 },
  { "EDUCATION50", 50 },
};

gint64
od_billing_price_per_seat (OdTerm term)
{
  return od_term_get_price_cents (term);
}

gint64
od_billing_divide_round (gint64 numerator,
                         gint64 denominator)
{
  g_return_val_if_fail (numerator >= 0, 0);
  g_return_val_if_fail (denominator > 0, 0);

  return numerator / denominator + (numerator % denominator * 2 >= denominator ? 1 : 0);
}

gint64
od_billing_apply_discount (gint64 cents,
                           guint  percent_off)
{
  g_return_val_if_fail (cents >= 0, 0);

  percent_off = MIN (percent_off, 100);
  return od_billing_divide_round (cents * (100 - percent_off), 100);
}

gint64
od_billing_total (OdTerm term,
                  guint  seats,
                  guint  percent_off)
{
  return od_billing_apply_discount (od_billing_price_per_seat (term) * (gint64) seats, percent_off);
}

/* ---------------------------------------------------------------------------------------------
 * Calendar
 */

gint64
od_billing_add_months (gint64 anchor,
                       gint64 from,
                       int    months)
{
  g_autoptr(GDateTime) anchor_time = g_date_time_new_from_unix_utc (anchor);
  g_autoptr(GDateTime) from_time = g_date_time_new_from_unix_utc (from);
  g_autoptr(GDateTime) result = NULL;
  gint64 index;
  int year, month, day;

  g_return_val_if_fail (anchor_time != NULL && from_time != NULL, from);

  /* Months counted from year 0, so that negative steps need no special case. */
  index = (gint64) g_date_time_get_year (from_time) * 12 + g_date_time_get_month (from_time) - 1 + months;
  year = (int) (index / 12);
  month = (int) (index % 12) + 1;
  g_return_val_if_fail (year >= 1 && year <= 9999, from);

  day = MIN (g_date_time_get_day_of_month (anchor_time),
             g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
  result = g_date_time_new_utc (year, month, day,
                                g_date_time_get_hour (anchor_time),
                                g_date_time_get_minute (anchor_time),
                                g_date_time_get_second (anchor_time));
  return g_date_time_to_unix (result);
}

gint64
od_billing_period_end (gint64 anchor,
                       gint64 period_start,
                       OdTerm term)
{
  g_return_val_if_fail (od_term_get_months (term) > 0, period_start);

  return od_billing_add_months (anchor, period_start, (int) od_term_get_months (term));
}

gint64
od_billing_period_start (gint64 anchor,
                         gint64 period_end,
                         OdTerm term)
{
  g_return_val_if_fail (od_term_get_months (term) > 0, period_end);

  return od_billing_add_months (anchor, period_end, -(int) od_term_get_months (term));
}

gint64
od_billing_next_date (gint64 anchor,
                      OdTerm term,
                      gint64 now)
{
  g_autoptr(GDateTime) a = g_date_time_new_from_unix_utc (anchor);
  g_autoptr(GDateTime) n = g_date_time_new_from_unix_utc (now);
  int months = (int) od_term_get_months (term);
  gint64 k;

  g_return_val_if_fail (months > 0, anchor);
  g_return_val_if_fail (a != NULL && n != NULL, anchor);

  if (now < anchor)
    return od_billing_add_months (anchor, anchor, months);

  /* Start from the whole periods between the two months, then step to the first date after now. */
  k = ((gint64) (g_date_time_get_year (n) - g_date_time_get_year (a)) * 12 +
       g_date_time_get_month (n) - g_date_time_get_month (a)) / months;
  k = MAX (k, 1);
  while (k > 1 && od_billing_add_months (anchor, anchor, (int) ((k - 1) * months)) > now)
    k--;
  while (od_billing_add_months (anchor, anchor, (int) (k * months)) <= now)
    k++;
  return od_billing_add_months (anchor, anchor, (int) (k * months));
}

static gint64
day_number (gint64 unix_time)
{
  /* Floor division, so that times before 1970 fall on the right day too. */
  return unix_time >= 0 ? unix_time / SECONDS_PER_DAY
                        : -((-unix_time + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);
}

gint64
od_billing_days_between (gint64 from,
                         gint64 to)
{
  return day_number (to) - day_number (from);
}

guint
od_billing_remaining_days (gint64  period_start,
                           gint64  period_end,
                           gint64  now,
                           guint  *period_days)
{
  gint64 length = MAX (od_billing_days_between (period_start, period_end), 1);
  gint64 left = od_billing_days_between (now, period_end);

  if (period_days != NULL)
    *period_days = (guint) length;
  return (guint) CLAMP (left, 0, length);
}

gint64
od_billing_prorate (guint  added_seats,
                    gint64 price_per_seat_cents,
                    guint  percent_off,
                    guint  remaining_days,
                    guint  period_days)
{
  g_return_val_if_fail (price_per_seat_cents >= 0, 0);
  g_return_val_if_fail (period_days > 0, 0);

  percent_off = MIN (percent_off, 100);
  remaining_days = MIN (remaining_days, period_days);
  /* At most 10⁶ seats × 27599 × 100 × 366 ≈ 10¹⁵: far inside a gint64. */
  return od_billing_divide_round ((gint64) added_seats * price_per_seat_cents * (100 - percent_off) *
                                  remaining_days,
                                  (gint64) period_days * 100);
}

/* ---------------------------------------------------------------------------------------------
 * Seats
 */

guint
od_billing_seat_minimum (guint n_members,
                         guint n_pending)
{
  return MAX (1, n_members + n_pending);
}

char *
od_billing_describe_seat_minimum (guint n_members,
                                  guint n_pending)
{
  guint minimum = od_billing_seat_minimum (n_members, n_pending);
  g_autofree char *members = NULL;
  g_autofree char *seats = NULL;

  /* Translators: part of "You have 12 members and 3 pending invitations, so you need at least 15 seats." */
  members = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", n_members), n_members);
  seats = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u seat", "%u seats", minimum), minimum);

  if (n_pending == 0)
    /* Translators: "You have 12 members, so you need at least 12 seats." */
    return g_strdup_printf (_("You have %s, so you need at least %s."), members, seats);
  else
    {
      g_autofree char *pending = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pending invitation",
                                                               "%u pending invitations", n_pending),
                                                  n_pending);
      /* Translators: "You have 12 members and 3 pending invitations, so you need at least 15 seats." */
      return g_strdup_printf (_("You have %s and %s, so you need at least %s."), members, pending, seats);
    }
}

/* ---------------------------------------------------------------------------------------------
 * Discount codes
 */

gboolean
od_billing_discount_code_is_well_formed (const char *code)
{
  gsize len;

  if (code == NULL)
    return FALSE;
  len = strlen (code);
  if (len < OD_BILLING_DISCOUNT_CODE_MIN_LENGTH || len > OD_BILLING_DISCOUNT_CODE_MAX_LENGTH)
    return FALSE;
  if (code[0] == '-' || code[len - 1] == '-')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (code[i]) && code[i] != '-')
      return FALSE;
  return TRUE;
}

gboolean
od_billing_check_discount_code (const char  *code,
                                char       **canonical,
                                guint       *percent_off,
                                GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *upper = NULL;

  trimmed = g_strstrip (g_strdup (code != NULL ? code : ""));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_REQUIRED,
                           _("Enter a discount code."));
      return FALSE;
    }
  if (!od_billing_discount_code_is_well_formed (trimmed))
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                   _("“%s” is not a discount code: a code has %d to %d letters, digits or dashes, "
                     "such as WELCOME10. Check it and type it again."),
                   trimmed, OD_BILLING_DISCOUNT_CODE_MIN_LENGTH, OD_BILLING_DISCOUNT_CODE_MAX_LENGTH);
      return FALSE;
    }

  upper = g_ascii_strup (trimmed, -1);
  for (guint i = 0; i < G_N_ELEMENTS (discount_codes); i++)
    if (g_str_equal (upper, discount_codes[i].code))
      {
        if (percent_off != NULL)
          *percent_off = discount_codes[i].percent_off;
        if (canonical != NULL)
          *canonical = g_steal_pointer (&upper);
        return TRUE;
      }

  g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND,
               _("The discount code “%s” is unknown or no longer valid. Check its spelling, or remove "
                 "it to pay the full price."), upper);
  return FALSE;
}

/* ---------------------------------------------------------------------------------------------
 * Words
 */

static char *
format_cents (gint64   cents,
              gboolean grouped)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autofree char *digits = NULL;
  guint64 magnitude = cents < 0 ? (guint64) (-(cents + 1)) + 1 : (guint64) cents;
  gsize len;

  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 100);
  len = strlen (digits);

  if (cents < 0)
    g_string_append_c (str, '-');
  if (grouped)
    g_string_append_c (str, '$');
  for (gsize i = 0; i < len; i++)
    {
      if (grouped && i > 0 && (len - i) % 3 == 0)
        g_string_append_c (str, ',');
      g_string_append_c (str, digits[i]);
    }
  g_string_append_printf (str, ".%02u", (guint) (magnitude % 100));
  return g_string_free (g_steal_pointer (&str), FALSE);
}

char *
od_billing_format_cents (gint64 cents)
{
  return format_cents (cents, TRUE);
}

char *
od_billing_format_decimal (gint64 cents)
{
  return format_cents (cents, FALSE);
}

const char *
od_billing_term_period_label (OdTerm term)
{
  switch (term)
    {
    case OD_TERM_MONTHLY:   return _("per month");
    case OD_TERM_QUARTERLY: return _("per quarter");
    case OD_TERM_YEARLY:    return _("per year");
    case OD_TERM_NONE:
    default:                return "";
    }
}
