/* od-billing-contact-form.h — the billing contact as a form, with a message under each field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-billing-contact.h"

G_BEGIN_DECLS

#define OD_TYPE_BILLING_CONTACT_FORM (od_billing_contact_form_get_type ())
G_DECLARE_FINAL_TYPE (OdBillingContactForm, od_billing_contact_form, OD, BILLING_CONTACT_FORM, AdwPreferencesGroup)

/* Properties: "dirty" gboolean (read-only: the fields differ from what the form was filled
 * with), "busy" gboolean (a save is under way: Save is insensitive).
 * Signals: "save" — the person asked to save (the Save button, or Enter in a field). */

GtkWidget        *od_billing_contact_form_new          (void);
/* Fills the fields (NULL empties them), clears every message and makes the form clean. */
void              od_billing_contact_form_set_contact  (OdBillingContactForm   *self,
                                                        const OdBillingContact *contact);
/* The fields as they are now: the country as its ISO 3166 code ("" when none is chosen). */
OdBillingContact *od_billing_contact_form_dup_contact  (OdBillingContactForm   *self);
gboolean          od_billing_contact_form_get_dirty    (OdBillingContactForm   *self);
gboolean          od_billing_contact_form_get_busy     (OdBillingContactForm   *self);
void              od_billing_contact_form_set_busy     (OdBillingContactForm   *self,
                                                        gboolean                busy);
/* Shows each message of field_errors (field name → message, as od_billing_contact_validate()
 * returns) under its field, marks the field invalid for screen readers and moves the focus to
 * the first one; NULL or an empty table clears them all. */
void              od_billing_contact_form_set_errors   (OdBillingContactForm   *self,
                                                        GHashTable             *field_errors);
/* The message shown under a field, or NULL (for tests) */
const char       *od_billing_contact_form_get_error    (OdBillingContactForm   *self,
                                                        OdBillingContactField   field);
/* The widget that edits a field: an AdwEntryRow, or for the country a GtkDropDown */
GtkWidget        *od_billing_contact_form_get_field_widget (OdBillingContactForm *self,
                                                        OdBillingContactField   field);

G_END_DECLS
