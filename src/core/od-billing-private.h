/* od-billing-private.h — the billing clock, replaceable by tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every billing rule that depends on the date (proration, renewals, when a term or discount
 * starts) asks the repository's billing clock. It is the real clock unless a test fixes it, so
 * that a test can step across a billing date deterministically. Nothing but tests calls the
 * setter.
 */
#pragma once

#include "od-repository.h"

G_BEGIN_DECLS

/* Fixes "now" (unix seconds) for this repository's billing; 0 goes back to the real clock. */
void    _od_repository_set_billing_clock (OdRepository *self,
                                          gint64        now);
gint64  _od_repository_get_billing_now   (OdRepository *self);

G_END_DECLS
