/* od-subscription.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-types.h"
#include "od-role.h"
#include "od-billing-contact.h"

G_BEGIN_DECLS

#define OD_TYPE_SUBSCRIPTION (od_subscription_get_type ())
G_DECLARE_FINAL_TYPE (OdSubscription, od_subscription, OD, SUBSCRIPTION, GObject)

typedef enum
{
  OD_TERM_NONE = 0,              /* "no term": no pending change, or an unknown name */
  OD_TERM_MONTHLY = 1,
  OD_TERM_QUARTERLY,
  OD_TERM_YEARLY,
} OdTerm;

typedef enum
{
  OD_SUBSCRIPTION_ACTIVE = 1,
  OD_SUBSCRIPTION_CANCELED,
} OdSubscriptionStatus;

#define OD_TYPE_TERM (od_term_get_type ())
#define OD_TYPE_SUBSCRIPTION_STATUS (od_subscription_status_get_type ())
GType                 od_term_get_type                     (void) G_GNUC_CONST;
GType                 od_subscription_status_get_type      (void) G_GNUC_CONST;
const char           *od_term_to_string                    (OdTerm term);   /* "monthly", … */
OdTerm                od_term_from_string                  (const char *text); /* 0 if unknown */
gint64                od_term_get_price_cents              (OdTerm term);   /* per seat: 2299, 6999, 27599 */
guint                 od_term_get_months                   (OdTerm term);   /* 1, 3, 12 */
const char           *od_subscription_status_to_string     (OdSubscriptionStatus status);

/* Properties: "organization-id" gint64, "plan" string, "term" OdTerm, "seats" guint,
 *   "status" OdSubscriptionStatus (canceled once a cancellation has taken effect),
 *   "started-at" gint64 (also the anchor of the billing dates, see od-billing.h),
 *   "next-billing-at" gint64 (the end of the current period; when canceled, when it ended),
 *   "period-started-at" gint64 (the start of the current period),
 *   "pending-term" OdTerm (the term from the next period on, OD_TERM_NONE when unchanged),
 *   "cancel-at-period-end" gboolean (canceled: active until next-billing-at, then no renewal),
 *   "discount-code" string (NULL when none), "discount-percent" guint (its percent off),
 *   "discount-starts-at" gint64 (it applies to periods that start at or after this time),
 *   "price-cents" gint64 (read-only: per seat for the term), "total-cents" gint64 (read-only: price × seats),
 *   "discount-active" gboolean (read-only: the discount applies to the current period),
 *   "next-charge-cents" gint64 (read-only: what the next renewal charges — the next term, the
 *   seats, the discount; 0 when the subscription will not renew),
 *   billing contact: "contact-name", "contact-email", "contact-phone", "country" (ISO 3166 alpha-2),
 *   "street", "city", "region", "postal-code" — all strings
 */
gint64                od_subscription_get_organization_id  (OdSubscription *self);
const char           *od_subscription_get_plan             (OdSubscription *self);
OdTerm                od_subscription_get_term             (OdSubscription *self);
guint                 od_subscription_get_seats            (OdSubscription *self);
OdSubscriptionStatus  od_subscription_get_status           (OdSubscription *self);
gint64                od_subscription_get_started_at       (OdSubscription *self);
gint64                od_subscription_get_next_billing_at  (OdSubscription *self);
const char           *od_subscription_get_discount_code    (OdSubscription *self);
gint64                od_subscription_get_price_cents      (OdSubscription *self);
gint64                od_subscription_get_total_cents      (OdSubscription *self);
const char           *od_subscription_get_contact_name     (OdSubscription *self);
const char           *od_subscription_get_contact_email    (OdSubscription *self);
const char           *od_subscription_get_contact_phone    (OdSubscription *self);
const char           *od_subscription_get_country          (OdSubscription *self);
const char           *od_subscription_get_street           (OdSubscription *self);
const char           *od_subscription_get_city             (OdSubscription *self);
const char           *od_subscription_get_region           (OdSubscription *self);
const char           *od_subscription_get_postal_code      (OdSubscription *self);
gint64                od_subscription_get_period_started_at (OdSubscription *self);
OdTerm                od_subscription_get_pending_term     (OdSubscription *self);
OdTerm                od_subscription_get_next_term        (OdSubscription *self); /* pending, else current */
gboolean              od_subscription_get_cancel_at_period_end (OdSubscription *self);
guint                 od_subscription_get_discount_percent (OdSubscription *self);
gint64                od_subscription_get_discount_starts_at (OdSubscription *self);
gboolean              od_subscription_get_discount_active  (OdSubscription *self);
gint64                od_subscription_get_next_charge_cents (OdSubscription *self);
/* The billing contact fields as one value, e.g. to fill a form. */
OdBillingContact     *od_subscription_dup_contact          (OdSubscription *self);

G_END_DECLS
