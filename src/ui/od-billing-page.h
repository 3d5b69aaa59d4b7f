/* od-billing-page.h — the subscription: plan, term, seats and what they cost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-page.h"

G_BEGIN_DECLS

#define OD_TYPE_BILLING_PAGE (od_billing_page_get_type ())
G_DECLARE_FINAL_TYPE (OdBillingPage, od_billing_page, OD, BILLING_PAGE, OdPage)

G_END_DECLS
