/* od-repository-billing.c — the repository's the subscription and its seats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "OdRepository"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "od-email.h"
#include "od-error.h"
#include "od-invitation.h"
#include "od-journal-entry.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-repository-private.h"
#include "od-subscription.h"
#include "od-team.h"
#include "od-update.h"

/* ---------------------------------------------------------------------------------------------
 * Subscription
 */

static OdSubscription *
load_subscription (OdRepository  *self,
                   gint64         organization_id,
                   GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self,
    "SELECT organization_id, plan, term, seats, status, started_at, next_billing_at, discount_code,"
    " contact_name, contact_email, contact_phone, country, street, city, region, postal_code"
    " FROM subscriptions WHERE organization_id = ?", error);
  gboolean has_row;
  OdSubscription *subscription = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    subscription = g_object_new (OD_TYPE_SUBSCRIPTION,
                                 "organization-id", sqlite3_column_int64 (stmt, 0),
                                 "plan", _od_column_text (stmt, 1),
                                 "term", (OdTerm) sqlite3_column_int (stmt, 2),
                                 "seats", (guint) sqlite3_column_int (stmt, 3),
                                 "status", (OdSubscriptionStatus) sqlite3_column_int (stmt, 4),
                                 "started-at", sqlite3_column_int64 (stmt, 5),
                                 "next-billing-at", sqlite3_column_int64 (stmt, 6),
                                 "discount-code", _od_column_text_or_null (stmt, 7),
                                 "contact-name", _od_column_text (stmt, 8),
                                 "contact-email", _od_column_text (stmt, 9),
                                 "contact-phone", _od_column_text (stmt, 10),
                                 "country", _od_column_text (stmt, 11),
                                 "street", _od_column_text (stmt, 12),
                                 "city", _od_column_text (stmt, 13),
                                 "region", _od_column_text (stmt, 14),
                                 "postal-code", _od_column_text (stmt, 15),
                                 NULL);
  else
    _od_not_found (error, _("The organization has no subscription."));
  sqlite3_reset (stmt);
  return subscription;
}

OdSubscription *
od_repository_get_subscription (OdRepository  *self,
                                gint64         organization_id,
                                GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return load_subscription (self, organization_id, error);
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
  g_autofree char *target = NULL;
  sqlite3_stmt *stmt;
  guint n_members = 0, n_pending = 0;
  gint64 amount;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor_for (self, actor, OD_ACTION_MANAGE_BILLING, &who, error) ||
      !(before = load_subscription (self, who.organization_id, error)) ||
      !_od_seat_usage (self, who.organization_id, &n_members, &n_pending, NULL, error))
    goto out;

  if (seats < 1 || seats < n_members + n_pending)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_OUT_OF_RANGE,
                   _("The organization needs at least %u seats: it has %u members and %u pending "
                     "invitations. Remove members or revoke invitations first."),
                   MAX (1, n_members + n_pending), n_members, n_pending);
      goto out;
    }
  if (seats > 1000000)
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_OUT_OF_RANGE,
                           _("A subscription can have at most 1,000,000 seats."));
      goto out;
    }
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
  amount = ((gint64) seats - od_subscription_get_seats (before)) * od_subscription_get_price_cents (before);

  stmt = _od_prepare (self, "INSERT INTO billing_history (organization_id, actor_name, kind, before, after,"
                        " amount_cents, created_at) VALUES (?, ?, 'seats', ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  _od_bind_text (stmt, 2, who.name);
  _od_bind_text (stmt, 3, before_json);
  _od_bind_text (stmt, 4, after_json);
  sqlite3_bind_int64 (stmt, 5, amount);
  sqlite3_bind_int64 (stmt, 6, _od_now_seconds ());
  if (!_od_step_done (self, stmt, error))
    goto out;

  target = g_strdup_printf (_("%u seats"), seats);
  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "subscription.seats", target,
                       before_json, after_json, error))
    goto out;

  _od_queue_change (self, who.organization_id, "subscription");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}
