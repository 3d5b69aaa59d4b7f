/* od-billing-event.h — one row of the billing history (the ledger)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-types.h"

G_BEGIN_DECLS

#define OD_TYPE_BILLING_EVENT (od_billing_event_get_type ())
G_DECLARE_FINAL_TYPE (OdBillingEvent, od_billing_event, OD, BILLING_EVENT, GObject)

/* A snapshot, set at construction. Properties:
 *   "id" gint64, "organization-id" gint64, "created-at" gint64 (when it happened; for a renewal,
 *   the start of the period it charges),
 *   "actor-name" string (who made the change; "Orgdesk" for renewals and ends of subscriptions),
 *   "kind" string: "seats", "term", "discount", "cancel", "resume", "contact", "renewal", "end",
 *   "summary" string (the change in words, translated, e.g. "Seats: 10 → 12"),
 *   "before-json", "after-json" strings (the changed values as JSON objects; NULL when none),
 *   "amount-cents" gint64 (what the change charged at once: prorated seats, a renewal, a restart;
 *   0 for the others — there are no refunds, so it is never negative),
 *   "period-total-cents" gint64 (the recurring total per period after the change; -1 when the
 *   change does not touch it, as for the contact),
 *   "effective-at" gint64 (when the change takes effect, e.g. the next billing date for a term)
 */
gint64       od_billing_event_get_id                   (OdBillingEvent *self);
gint64       od_billing_event_get_organization_id      (OdBillingEvent *self);
gint64       od_billing_event_get_created_at           (OdBillingEvent *self);
const char  *od_billing_event_get_actor_name           (OdBillingEvent *self);
const char  *od_billing_event_get_kind                 (OdBillingEvent *self);
const char  *od_billing_event_get_summary              (OdBillingEvent *self);
const char  *od_billing_event_get_before_json          (OdBillingEvent *self);
const char  *od_billing_event_get_after_json           (OdBillingEvent *self);
gint64       od_billing_event_get_amount_cents         (OdBillingEvent *self);
gint64       od_billing_event_get_period_total_cents   (OdBillingEvent *self);
gint64       od_billing_event_get_effective_at         (OdBillingEvent *self);

G_END_DECLS
