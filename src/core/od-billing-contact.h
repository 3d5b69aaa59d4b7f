/* od-billing-contact.h — who receives the invoices, and the checks of each field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules, field by field:
 *   name         required, at most 200 characters
 *   email        required, checked by od_email_validate()
 *   phone        optional; digits, spaces, ( ) - . and one leading +; 7 to 15 digits
 *   country      required; an ISO 3166-1 alpha-2 code or a country's English name (od-country.h),
 *                saved as the code
 *   street, city required, at most 200 characters
 *   region       the state, province or territory: required where the postal system needs it
 *                (United States, Canada, Australia, Brazil, India), else optional
 *   postal-code  its shape is checked where it is well defined — US 12345 or 12345-6789,
 *                CA A1A 1A1, GB SW1A 1AA (outward and inward code), DE and FR 5 digits,
 *                NL 1234 AB, JP 123-4567, AU 4 digits, IN 6 digits, BR 12345-678 — and saved in
 *                that form (capitals, the usual space or dash); elsewhere any text of at most 16
 *                characters, optional in the countries that use no postal codes.
 * No field may hold a line break or another control character. Every field is trimmed.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  OD_BILLING_CONTACT_NAME,
  OD_BILLING_CONTACT_EMAIL,
  OD_BILLING_CONTACT_PHONE,
  OD_BILLING_CONTACT_COUNTRY,
  OD_BILLING_CONTACT_STREET,
  OD_BILLING_CONTACT_CITY,
  OD_BILLING_CONTACT_REGION,
  OD_BILLING_CONTACT_POSTAL_CODE,
  OD_BILLING_CONTACT_N_FIELDS
} OdBillingContactField;

#define OD_BILLING_CONTACT_MAX_LENGTH 200
#define OD_BILLING_CONTACT_MAX_POSTAL_CODE_LENGTH 16

typedef struct _OdBillingContact OdBillingContact;

#define OD_TYPE_BILLING_CONTACT (od_billing_contact_get_type ())
GType              od_billing_contact_get_type      (void) G_GNUC_CONST;
OdBillingContact  *od_billing_contact_new           (void);
OdBillingContact  *od_billing_contact_copy          (const OdBillingContact *contact);
void               od_billing_contact_free          (OdBillingContact       *contact);
gboolean           od_billing_contact_equal         (const OdBillingContact *a,
                                                     const OdBillingContact *b);
/* Never NULL: a field that was not set is "". */
const char        *od_billing_contact_get           (const OdBillingContact *contact,
                                                     OdBillingContactField   field);
void               od_billing_contact_set           (OdBillingContact       *contact,
                                                     OdBillingContactField   field,
                                                     const char             *value);

/* "name", "email", "phone", "country", "street", "city", "region", "postal-code": the keys of
 * od_billing_contact_validate(), the options of `orgdeskctl billing contact set`. */
const char        *od_billing_contact_field_to_string (OdBillingContactField field);
/* -1 when unknown */
int                od_billing_contact_field_from_string (const char *name);
/* "Name", "Email", …, "ZIP or postal code" (translated), for form labels */
const char        *od_billing_contact_field_get_label (OdBillingContactField field);

/* Every problem at once: a new table from field name (od_billing_contact_field_to_string, not
 * to be freed) to a message for that field (translated). Empty when the contact is valid. */
GHashTable        *od_billing_contact_validate      (const OdBillingContact *contact);
/* A copy in the form it is saved in: trimmed, the country as its code, the postal code in its
 * usual form. Meant for a contact that od_billing_contact_validate() accepted. */
OdBillingContact  *od_billing_contact_normalize     (const OdBillingContact *contact);

/* For a form: whether the region field is required, whether the postal code is (countries
 * that use none), and an example of the postal code's shape ("12345 or 12345-6789"), or NULL
 * when it has no fixed shape. country is a code or a name. */
gboolean           od_billing_contact_region_required       (const char *country);
gboolean           od_billing_contact_postal_code_required  (const char *country);
const char        *od_billing_contact_postal_code_example   (const char *country);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdBillingContact, od_billing_contact_free)

G_END_DECLS
