/* test-billing-contact.c — the billing contact's checks, field by field: the message each field
 * gets, every problem reported at once, postal codes by country and the saved form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "od-billing-contact.h"

static OdBillingContact *
valid_contact (void)
{
  OdBillingContact *c = od_billing_contact_new ();

  od_billing_contact_set (c, OD_BILLING_CONTACT_NAME, "Accounts Payable");
  od_billing_contact_set (c, OD_BILLING_CONTACT_EMAIL, "billing@acme.example");
  od_billing_contact_set (c, OD_BILLING_CONTACT_PHONE, "+1 (555) 010-0199");
  od_billing_contact_set (c, OD_BILLING_CONTACT_COUNTRY, "US");
  od_billing_contact_set (c, OD_BILLING_CONTACT_STREET, "1 Harbour Street");
  od_billing_contact_set (c, OD_BILLING_CONTACT_CITY, "Seattle");
  od_billing_contact_set (c, OD_BILLING_CONTACT_REGION, "WA");
  od_billing_contact_set (c, OD_BILLING_CONTACT_POSTAL_CODE, "98101");
  return c;
}

static void
test_valid_contact_has_no_errors (void)
{
  g_autoptr(OdBillingContact) c = valid_contact ();
  g_autoptr(GHashTable) errors = od_billing_contact_validate (c);

  g_assert_cmpuint (g_hash_table_size (errors), ==, 0);
}

/* An empty form: every required field at once, each with its own message. */
static void
test_all_errors_at_once (void)
{
  static const struct { const char *field, *message; } expected[] = {
    { "name",        "Enter the name of the person or team who receives the invoices." },
    { "email",       "Enter an email address." },
    { "country",     "Choose the country." },
    { "street",      "Enter the street address." },
    { "city",        "Enter the city." },
    { "postal-code", "Enter the ZIP or postal code." },
  };
  g_autoptr(OdBillingContact) c = od_billing_contact_new ();
  g_autoptr(GHashTable) errors = od_billing_contact_validate (c);

  g_assert_cmpuint (g_hash_table_size (errors), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_hash_table_lookup (errors, expected[i].field), ==, expected[i].message);
  /* The phone is optional; the region is only required where the country needs it. */
  g_assert_false (g_hash_table_contains (errors, "phone"));
  g_assert_false (g_hash_table_contains (errors, "region"));
}

/* One field changed from a valid contact: that field alone has this message (NULL: valid). */
static void
test_each_field (void)
{
  static const struct { OdBillingContactField field; const char *value; const char *message; } cases[] = {
    { OD_BILLING_CONTACT_NAME, "  ", "Enter the name of the person or team who receives the invoices." },
    { OD_BILLING_CONTACT_NAME, "Ann\nBee", "Remove the line break or other control character." },
    { OD_BILLING_CONTACT_NAME, "Åsa Öberg", NULL },
    { OD_BILLING_CONTACT_EMAIL, "billing.acme.example", "The email address has no “@”." },
    { OD_BILLING_CONTACT_EMAIL, "billing@acme", "The domain after the “@” needs a dot, as in example.com." },
    { OD_BILLING_CONTACT_EMAIL, "", "Enter an email address." },
    { OD_BILLING_CONTACT_PHONE, "", NULL },
    { OD_BILLING_CONTACT_PHONE, "555 010", "The phone number needs at least 7 digits. Include the area code, as in +1 555 010 0199." },
    { OD_BILLING_CONTACT_PHONE, "+49 30 1234567", NULL },
    { OD_BILLING_CONTACT_PHONE, "030.123.4567", NULL },
    { OD_BILLING_CONTACT_PHONE, "+1234567890123456", "The phone number has more than 15 digits, more than any phone number has. Check it." },
    { OD_BILLING_CONTACT_PHONE, "555-0100 ext 2", "A phone number can have digits, spaces, parentheses, dashes, dots and a “+” at the start only, as in +1 (555) 010-0199." },
    { OD_BILLING_CONTACT_PHONE, "1+555 010 0199", "A phone number can have digits, spaces, parentheses, dashes, dots and a “+” at the start only, as in +1 (555) 010-0199." },
    { OD_BILLING_CONTACT_COUNTRY, "ZZ", "“ZZ” is not a country. Enter a two-letter ISO 3166 code such as US or DE, or the country’s English name." },
    { OD_BILLING_CONTACT_COUNTRY, "us", NULL },
    { OD_BILLING_CONTACT_COUNTRY, "United States", NULL },
    { OD_BILLING_CONTACT_STREET, "", "Enter the street address." },
    { OD_BILLING_CONTACT_CITY, "\t", "Enter the city." },
    { OD_BILLING_CONTACT_REGION, "", "Enter the state, province or territory; it is part of every address in this country (United States)." },
    { OD_BILLING_CONTACT_POSTAL_CODE, "9810", "Enter a ZIP code such as 12345 or 12345-6789." },
    { OD_BILLING_CONTACT_POSTAL_CODE, "98101-1234", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OdBillingContact) c = valid_contact ();
      g_autoptr(GHashTable) errors = NULL;
      const char *field = od_billing_contact_field_to_string (cases[i].field);

      od_billing_contact_set (c, cases[i].field, cases[i].value);
      errors = od_billing_contact_validate (c);
      g_assert_cmpstr (g_hash_table_lookup (errors, field), ==, cases[i].message);
      g_assert_cmpuint (g_hash_table_size (errors), ==, cases[i].message != NULL ? 1 : 0);
    }
}

static void
test_lengths (void)
{
  g_autoptr(OdBillingContact) c = valid_contact ();
  g_autoptr(GHashTable) errors = NULL;
  g_autofree char *long_text = g_strnfill (201, 'a');
  g_autofree char *max_text = g_strnfill (200, 'a');

  od_billing_contact_set (c, OD_BILLING_CONTACT_STREET, long_text);
  od_billing_contact_set (c, OD_BILLING_CONTACT_CITY, max_text);
  od_billing_contact_set (c, OD_BILLING_CONTACT_COUNTRY, "SE");
  od_billing_contact_set (c, OD_BILLING_CONTACT_POSTAL_CODE, "12345678901234567");
  errors = od_billing_contact_validate (c);
  g_assert_cmpuint (g_hash_table_size (errors), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (errors, "street"), ==, "This is longer than 200 characters. Shorten it.");
  g_assert_cmpstr (g_hash_table_lookup (errors, "postal-code"), ==, "This is longer than 16 characters. Shorten it.");
}

static void
test_region_required_where_needed (void)
{
  static const struct { const char *country, *postal_code; gboolean required; } cases[] = {
    { "US", "98101", TRUE }, { "CA", "K1A 0B1", TRUE }, { "AU", "2000", TRUE }, { "BR", "01310-100", TRUE },
    { "IN", "110001", TRUE }, { "DE", "10115", FALSE }, { "GB", "SW1A 1AA", FALSE }, { "JP", "100-0001", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OdBillingContact) c = valid_contact ();
      g_autoptr(GHashTable) errors = NULL;

      od_billing_contact_set (c, OD_BILLING_CONTACT_COUNTRY, cases[i].country);
      od_billing_contact_set (c, OD_BILLING_CONTACT_POSTAL_CODE, cases[i].postal_code);
      od_billing_contact_set (c, OD_BILLING_CONTACT_REGION, "");
      errors = od_billing_contact_validate (c);
      g_assert_cmpint (od_billing_contact_region_required (cases[i].country), ==, cases[i].required);
      g_assert_cmpint (g_hash_table_contains (errors, "region"), ==, cases[i].required);
      g_assert_cmpuint (g_hash_table_size (errors), ==, cases[i].required ? 1 : 0);
    }
}

static void
test_postal_codes_by_country (void)
{
  static const struct { const char *country, *code; const char *saved; } cases[] = {
    /* saved NULL: refused */
    { "US", "12345", "12345" }, { "US", "12345-6789", "12345-6789" }, { "US", "1234", NULL },
    { "US", "123456789", NULL }, { "US", "ABCDE", NULL },
    { "CA", "K1A 0B1", "K1A 0B1" }, { "CA", "k1a0b1", "K1A 0B1" }, { "CA", "D1A 0B1", NULL },
    { "CA", "K1A 0B", NULL },
    { "GB", "SW1A 1AA", "SW1A 1AA" }, { "GB", "sw1a1aa", "SW1A 1AA" }, { "GB", "M1 1AE", "M1 1AE" },
    { "GB", "B33 8TH", "B33 8TH" }, { "GB", "CR2 6XH", "CR2 6XH" }, { "GB", "DN55 1PT", "DN55 1PT" },
    { "GB", "W1A 0AX", "W1A 0AX" }, { "GB", "GIR 0AA", "GIR 0AA" }, { "GB", "SW1A", NULL }, { "GB", "12345", NULL },
    { "DE", "10115", "10115" }, { "DE", "1011", NULL }, { "DE", "D-10115", NULL },
    { "FR", "75008", "75008" }, { "FR", "7500", NULL },
    { "NL", "1012 AB", "1012 AB" }, { "NL", "1012ab", "1012 AB" }, { "NL", "0123 AB", NULL },
    { "NL", "1012 A", NULL },
    { "JP", "100-0001", "100-0001" }, { "JP", "1000001", "100-0001" }, { "JP", "100-001", NULL },
    { "AU", "2000", "2000" }, { "AU", "200", NULL }, { "AU", "20000", NULL },
    { "IN", "110001", "110001" }, { "IN", "110 001", "110001" }, { "IN", "011001", NULL },
    { "BR", "01310-100", "01310-100" }, { "BR", "01310100", "01310-100" }, { "BR", "0131-0100", NULL },
    /* elsewhere: any text of at most 16 characters, required where the mail uses postal codes */
    { "SE", "123 45", "123 45" }, { "IE", "D02 X285", "D02 X285" }, { "SE", "", NULL },
    /* countries without postal codes may leave it empty */
    { "AE", "", "" }, { "HK", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OdBillingContact) c = valid_contact ();
      g_autoptr(GHashTable) errors = NULL;

      od_billing_contact_set (c, OD_BILLING_CONTACT_COUNTRY, cases[i].country);
      od_billing_contact_set (c, OD_BILLING_CONTACT_REGION, "Somewhere");
      od_billing_contact_set (c, OD_BILLING_CONTACT_POSTAL_CODE, cases[i].code);
      errors = od_billing_contact_validate (c);
      if (cases[i].saved == NULL)
        {
          g_assert_true (g_hash_table_contains (errors, "postal-code"));
          g_assert_cmpuint (g_hash_table_size (errors), ==, 1);
        }
      else
        {
          g_autoptr(OdBillingContact) saved = od_billing_contact_normalize (c);

          if (g_hash_table_size (errors) != 0)
            g_error ("%s %s: %s", cases[i].country, cases[i].code,
                     (const char *) g_hash_table_lookup (errors, "postal-code"));
          g_assert_cmpstr (od_billing_contact_get (saved, OD_BILLING_CONTACT_POSTAL_CODE), ==, cases[i].saved);
        }
    }

  g_assert_false (od_billing_contact_postal_code_required ("AE"));
  g_assert_true (od_billing_contact_postal_code_required ("SE"));
  g_assert_cmpstr (od_billing_contact_postal_code_example ("CA"), ==, "K1A 0B1");
  g_assert_null (od_billing_contact_postal_code_example ("SE"));
}

/* The message names the shape expected in that country. */
static void
test_postal_code_messages (void)
{
  static const struct { const char *country, *message; } cases[] = {
    { "US", "Enter a ZIP code such as 12345 or 12345-6789." },
    { "CA", "Enter a Canadian postal code such as K1A 0B1." },
    { "GB", "Enter a UK postcode such as SW1A 1AA." },
    { "DE", "Enter a German postal code of 5 digits, such as 10115." },
    { "FR", "Enter a French postal code of 5 digits, such as 75008." },
    { "NL", "Enter a Dutch postal code such as 1012 AB." },
    { "JP", "Enter a Japanese postal code such as 100-0001." },
    { "AU", "Enter an Australian postcode of 4 digits, such as 2000." },
    { "IN", "Enter an Indian PIN code of 6 digits, such as 110001." },
    { "BR", "Enter a Brazilian CEP such as 01310-100." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OdBillingContact) c = valid_contact ();
      g_autoptr(GHashTable) errors = NULL;

      od_billing_contact_set (c, OD_BILLING_CONTACT_COUNTRY, cases[i].country);
      od_billing_contact_set (c, OD_BILLING_CONTACT_POSTAL_CODE, "x");
      errors = od_billing_contact_validate (c);
      g_assert_cmpstr (g_hash_table_lookup (errors, "postal-code"), ==, cases[i].message);
    }
}

static void
test_normalize (void)
{
  g_autoptr(OdBillingContact) c = valid_contact ();
  g_autoptr(OdBillingContact) saved = NULL;
  g_autoptr(OdBillingContact) copy = NULL;

  od_billing_contact_set (c, OD_BILLING_CONTACT_NAME, "  Accounts Payable  ");
  od_billing_contact_set (c, OD_BILLING_CONTACT_COUNTRY, "canada");
  od_billing_contact_set (c, OD_BILLING_CONTACT_REGION, " ON ");
  od_billing_contact_set (c, OD_BILLING_CONTACT_POSTAL_CODE, " k1a0b1 ");
  saved = od_billing_contact_normalize (c);
  g_assert_cmpstr (od_billing_contact_get (saved, OD_BILLING_CONTACT_NAME), ==, "Accounts Payable");
  g_assert_cmpstr (od_billing_contact_get (saved, OD_BILLING_CONTACT_COUNTRY), ==, "CA");
  g_assert_cmpstr (od_billing_contact_get (saved, OD_BILLING_CONTACT_REGION), ==, "ON");
  g_assert_cmpstr (od_billing_contact_get (saved, OD_BILLING_CONTACT_POSTAL_CODE), ==, "K1A 0B1");

  copy = od_billing_contact_copy (saved);
  g_assert_true (od_billing_contact_equal (copy, saved));
  od_billing_contact_set (copy, OD_BILLING_CONTACT_CITY, "Ottawa");
  g_assert_false (od_billing_contact_equal (copy, saved));
}

static void
test_field_names (void)
{
  static const char * const names[] = { "name", "email", "phone", "country", "street", "city", "region",
                                        "postal-code" };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == OD_BILLING_CONTACT_N_FIELDS);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (od_billing_contact_field_to_string (i), ==, names[i]);
      g_assert_cmpint (od_billing_contact_field_from_string (names[i]), ==, (int) i);
      g_assert_nonnull (od_billing_contact_field_get_label (i));
    }
  g_assert_cmpint (od_billing_contact_field_from_string ("zip"), ==, -1);
  g_assert_cmpint (od_billing_contact_field_from_string (NULL), ==, -1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/billing-contact/valid", test_valid_contact_has_no_errors);
  g_test_add_func ("/billing-contact/all-errors-at-once", test_all_errors_at_once);
  g_test_add_func ("/billing-contact/each-field", test_each_field);
  g_test_add_func ("/billing-contact/lengths", test_lengths);
  g_test_add_func ("/billing-contact/region-required-where-needed", test_region_required_where_needed);
  g_test_add_func ("/billing-contact/postal-codes-by-country", test_postal_codes_by_country);
  g_test_add_func ("/billing-contact/postal-code-messages", test_postal_code_messages);
  g_test_add_func ("/billing-contact/normalize", test_normalize);
  g_test_add_func ("/billing-contact/field-names", test_field_names);

  return g_test_run ();
}
