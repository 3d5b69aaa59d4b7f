/* od-billing-page-private.h — what the widget tests reach into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-billing-page.h"

G_BEGIN_DECLS

/* "seats-row", "seats-spin", "quote-row", "apply-seats", "term-row", "discount-entry",
 * "discount-row", "cancel-button", "contact-form", "history-list", "plan-row", "status-row",
 * "total-row", "next-billing-row", "pending-term-row" */
GtkWidget *_od_billing_page_get_part (OdBillingPage *self,
                                      const char    *name);

G_END_DECLS
