/* od-billing-page.h — the subscription: plan, seats, term, discount, contact and history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-page.h"

G_BEGIN_DECLS

#define OD_TYPE_BILLING_PAGE (od_billing_page_get_type ())
G_DECLARE_FINAL_TYPE (OdBillingPage, od_billing_page, OD, BILLING_PAGE, OdPage)

/* Writes the billing history as CSV to file on the worker thread; the outcome is a toast. */
void od_billing_page_export_to_file (OdBillingPage *self,
                                     GFile         *file);

G_END_DECLS
