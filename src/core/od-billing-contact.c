/* od-billing-contact.c — the billing contact and its per-field checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are written down in od-billing-contact.h.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "od-billing-contact.h"
#include "od-country.h"
#include "od-email.h"

struct _OdBillingContact
{
  char *fields[OD_BILLING_CONTACT_N_FIELDS];
};

G_DEFINE_BOXED_TYPE (OdBillingContact, od_billing_contact, od_billing_contact_copy, od_billing_contact_free)

static const struct
{
  const char *name;
  const char *label;
} field_info[OD_BILLING_CONTACT_N_FIELDS] = {
  [OD_BILLING_CONTACT_NAME]        = { "name",        N_("Name") },
  [OD_BILLING_CONTACT_EMAIL]       = { "email",       N_("Email") },
  [OD_BILLING_CONTACT_PHONE]       = { "phone",       N_("Phone") },
  [OD_BILLING_CONTACT_COUNTRY]     = { "country",     N_("Country") },
  [OD_BILLING_CONTACT_STREET]      = { "street",      N_("Street address") },
  [OD_BILLING_CONTACT_CITY]        = { "city",        N_("City") },
  [OD_BILLING_CONTACT_REGION]      = { "region",      N_("State, province or region") },
  [OD_BILLING_CONTACT_POSTAL_CODE] = { "postal-code", N_("ZIP or postal code") },
};

/* Postal codes whose shape is well defined. The pattern is matched against the trimmed text in
 * capitals; the saved form drops spaces and dashes (when `compact`) and puts `separator` back
 * `separator_from_end` characters before the end. */
static const struct
{
  const char *country;
  const char *pattern;
  gboolean    compact;
  char        separator;
  guint       separator_from_end;
  const char *example;
  const char *message;
} postal_rules[] = {
  { "US", "^[0-9]{5}(-[0-9]{4})?$", FALSE, 0, 0,
    "12345 or 12345-6789", N_("Enter a ZIP code such as 12345 or 12345-6789.") },
  { "CA", "^[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]$", TRUE, ' ', 3,
    "K1A 0B1", N_("Enter a Canadian postal code such as K1A 0B1.") },
  { "GB", "^(GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})$", TRUE, ' ', 3,
    "SW1A 1AA", N_("Enter a UK postcode such as SW1A 1AA.") },
  { "DE", "^[0-9]{5}$", FALSE, 0, 0,
    "10115", N_("Enter a German postal code of 5 digits, such as 10115.") },
  { "FR", "^[0-9]{5}$", FALSE, 0, 0,
    "75008", N_("Enter a French postal code of 5 digits, such as 75008.") },
  { "NL", "^[1-9][0-9]{3} ?[A-Z]{2}$", TRUE, ' ', 2,
    "1012 AB", N_("Enter a Dutch postal code such as 1012 AB.") },
  { "JP", "^[0-9]{3}-?[0-9]{4}$", TRUE, '-', 4,
    "100-0001", N_("Enter a Japanese postal code such as 100-0001.") },
  { "AU", "^[0-9]{4}$", FALSE, 0, 0,
    "2000", N_("Enter an Australian postcode of 4 digits, such as 2000.") },
  { "IN", "^[1-9][0-9]{2} ?[0-9]{3}$", TRUE, 0, 0,
    "110001", N_("Enter an Indian PIN code of 6 digits, such as 110001.") },
  { "BR", "^[0-9]{5}-?[0-9]{3}$", TRUE, '-', 3,
    "01310-100", N_("Enter a Brazilian CEP such as 01310-100.") },
};

OdBillingContact *
od_billing_contact_new (void)
{
  return g_new0 (OdBillingContact, 1);
}

OdBillingContact *
od_billing_contact_copy (const OdBillingContact *contact)
{
  OdBillingContact *copy;

  g_return_val_if_fail (contact != NULL, NULL);

  copy = od_billing_contact_new ();
  for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
    copy->fields[i] = g_strdup (contact->fields[i]);
  return copy;
}

void
od_billing_contact_free (OdBillingContact *contact)
{
  if (contact == NULL)
    return;
  for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
    g_free (contact->fields[i]);
  g_free (contact);
}

gboolean
od_billing_contact_equal (const OdBillingContact *a,
                          const OdBillingContact *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
    if (!g_str_equal (od_billing_contact_get (a, i), od_billing_contact_get (b, i)))
      return FALSE;
  return TRUE;
}

const char *
od_billing_contact_get (const OdBillingContact *contact,
                        OdBillingContactField   field)
{
  g_return_val_if_fail (contact != NULL, "");
  g_return_val_if_fail (field < OD_BILLING_CONTACT_N_FIELDS, "");

  return contact->fields[field] != NULL ? contact->fields[field] : "";
}

void
od_billing_contact_set (OdBillingContact      *contact,
                        OdBillingContactField  field,
                        const char            *value)
{
  g_return_if_fail (contact != NULL);
  g_return_if_fail (field < OD_BILLING_CONTACT_N_FIELDS);

  g_free (contact->fields[field]);
  contact->fields[field] = g_strdup (value);
}

const char *
od_billing_contact_field_to_string (OdBillingContactField field)
{
  g_return_val_if_fail (field < OD_BILLING_CONTACT_N_FIELDS, NULL);

  return field_info[field].name;
}

int
od_billing_contact_field_from_string (const char *name)
{
  for (guint i = 0; name != NULL && i < OD_BILLING_CONTACT_N_FIELDS; i++)
    if (g_str_equal (name, field_info[i].name))
      return (int) i;
  return -1;
}

const char *
od_billing_contact_field_get_label (OdBillingContactField field)
{
  g_return_val_if_fail (field < OD_BILLING_CONTACT_N_FIELDS, NULL);

  return _(field_info[field].label);
}

/* ---------------------------------------------------------------------------------------------
 * Checks
 */

static char *
trimmed (const OdBillingContact *contact,
         OdBillingContactField   field)
{
  return g_strstrip (g_strdup (od_billing_contact_get (contact, field)));
}

static gint
find_postal_rule (const OdCountry *country)
{
  for (guint i = 0; country != NULL && i < G_N_ELEMENTS (postal_rules); i++)
    if (g_str_equal (country->code, postal_rules[i].country))
      return (gint) i;
  return -1;
}

gboolean
od_billing_contact_region_required (const char *country)
{
  const OdCountry *c = od_country_lookup (country);

  return c != NULL && (c->flags & OD_COUNTRY_REGION_REQUIRED) != 0;
}

gboolean
od_billing_contact_postal_code_required (const char *country)
{
  const OdCountry *c = od_country_lookup (country);

  return c == NULL || (c->flags & OD_COUNTRY_NO_POSTAL_CODE) == 0;
}

const char *
od_billing_contact_postal_code_example (const char *country)
{
  gint rule = find_postal_rule (od_country_lookup (country));

  return rule >= 0 ? postal_rules[rule].example : NULL;
}

static void
add_error (GHashTable            *errors,
           OdBillingContactField  field,
           const char            *message)
{
  g_hash_table_insert (errors, (gpointer) field_info[field].name, g_strdup (message));
}

/* The checks every free-text field shares; FALSE when it added an error. */
static gboolean
check_text (GHashTable            *errors,
            OdBillingContactField  field,
            const char            *text,
            gsize                  max_length)
{
  if (!g_utf8_validate (text, -1, NULL))
    {
      add_error (errors, field, _("This is not valid UTF-8 text. Type it again."));
      return FALSE;
    }
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        add_error (errors, field, _("Remove the line break or other control character."));
        return FALSE;
      }
  if ((gsize) g_utf8_strlen (text, -1) > max_length)
    {
      g_autofree char *message = g_strdup_printf (_("This is longer than %u characters. Shorten it."),
                                                  (guint) max_length);
      add_error (errors, field, message);
      return FALSE;
    }
  return TRUE;
}

static void
check_required (GHashTable            *errors,
                OdBillingContactField  field,
                const char            *text,
                const char            *missing)
{
  if (*text == '\0')
    add_error (errors, field, missing);
  else
    check_text (errors, field, text, OD_BILLING_CONTACT_MAX_LENGTH);
}

static void
check_phone (GHashTable *errors,
             const char *phone)
{
  guint digits = 0;

  if (*phone == '\0')
    return;
  for (const char *p = phone; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '+' && p == phone)
        ;
      else if (strchr (" ()-.", *p) == NULL)
        {
          add_error (errors, OD_BILLING_CONTACT_PHONE,
                     _("A phone number can have digits, spaces, parentheses, dashes, dots and a "
                       "“+” at the start only, as in +1 (555) 010-0199."));
          return;
        }
    }
  if (digits < 7)
    add_error (errors, OD_BILLING_CONTACT_PHONE,
               _("The phone number needs at least 7 digits. Include the area code, as in "
                 "+1 555 010 0199."));
  else if (digits > 15)
    add_error (errors, OD_BILLING_CONTACT_PHONE,
               _("The phone number has more than 15 digits, more than any phone number has. "
                 "Check it."));
}

static void
check_postal_code (GHashTable      *errors,
                   const OdCountry *country,
                   const char      *postal_code)
{
  gint rule = find_postal_rule (country);

  if (rule >= 0)
    {
      g_autofree char *upper = g_utf8_strup (postal_code, -1);

      if (!g_regex_match_simple (postal_rules[rule].pattern, upper, 0, 0))
        add_error (errors, OD_BILLING_CONTACT_POSTAL_CODE, _(postal_rules[rule].message));
      return;
    }

  if (*postal_code == '\0')
    {
      if (country == NULL || (country->flags & OD_COUNTRY_NO_POSTAL_CODE) == 0)
        add_error (errors, OD_BILLING_CONTACT_POSTAL_CODE, _("Enter the ZIP or postal code."));
      return;
    }
  check_text (errors, OD_BILLING_CONTACT_POSTAL_CODE, postal_code,
              OD_BILLING_CONTACT_MAX_POSTAL_CODE_LENGTH);
}

GHashTable *
od_billing_contact_validate (const OdBillingContact *contact)
{
  g_autoptr(GHashTable) errors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *name = NULL, *email = NULL, *phone = NULL, *country_text = NULL;
  g_autofree char *street = NULL, *city = NULL, *region = NULL, *postal_code = NULL;
  const OdCountry *country = NULL;

  g_return_val_if_fail (contact != NULL, NULL);

  name = trimmed (contact, OD_BILLING_CONTACT_NAME);
  email = trimmed (contact, OD_BILLING_CONTACT_EMAIL);
  phone = trimmed (contact, OD_BILLING_CONTACT_PHONE);
  country_text = trimmed (contact, OD_BILLING_CONTACT_COUNTRY);
  street = trimmed (contact, OD_BILLING_CONTACT_STREET);
  city = trimmed (contact, OD_BILLING_CONTACT_CITY);
  region = trimmed (contact, OD_BILLING_CONTACT_REGION);
  postal_code = trimmed (contact, OD_BILLING_CONTACT_POSTAL_CODE);

  check_required (errors, OD_BILLING_CONTACT_NAME, name,
                  _("Enter the name of the person or team who receives the invoices."));

  {
    g_autoptr(GError) error = NULL;

    if (!od_email_validate (email, &error))
      add_error (errors, OD_BILLING_CONTACT_EMAIL, error->message);
  }

  check_phone (errors, phone);

  if (*country_text == '\0')
    add_error (errors, OD_BILLING_CONTACT_COUNTRY, _("Choose the country."));
  else if ((country = od_country_lookup (country_text)) == NULL)
    {
      g_autofree char *message = NULL;

      if (g_utf8_validate (country_text, -1, NULL))
        message = g_strdup_printf (_("“%s” is not a country. Enter a two-letter ISO 3166 code such as "
                                     "US or DE, or the country’s English name."), country_text);
      else
        message = g_strdup (_("This is not valid UTF-8 text. Type it again."));
      add_error (errors, OD_BILLING_CONTACT_COUNTRY, message);
    }

  check_required (errors, OD_BILLING_CONTACT_STREET, street, _("Enter the street address."));
  check_required (errors, OD_BILLING_CONTACT_CITY, city, _("Enter the city."));

  if (*region == '\0')
    {
      if (country != NULL && (country->flags & OD_COUNTRY_REGION_REQUIRED) != 0)
        {
          /* Translators: %s is a country, e.g. "… every address in this country (Canada)." */
          g_autofree char *message = g_strdup_printf (_("Enter the state, province or territory; it is "
                                                        "part of every address in this country (%s)."),
                                                      od_country_get_display_name (country));
          add_error (errors, OD_BILLING_CONTACT_REGION, message);
        }
    }
  else
    check_text (errors, OD_BILLING_CONTACT_REGION, region, OD_BILLING_CONTACT_MAX_LENGTH);

  if (g_utf8_validate (postal_code, -1, NULL))
    check_postal_code (errors, country, postal_code);
  else
    add_error (errors, OD_BILLING_CONTACT_POSTAL_CODE, _("This is not valid UTF-8 text. Type it again."));

  return g_steal_pointer (&errors);
}

static char *
normalize_postal_code (const OdCountry *country,
                       const char      *postal_code)
{
  gint rule = find_postal_rule (country);
  g_autoptr(GString) compact = NULL;
  g_autofree char *upper = NULL;

  if (rule < 0)
    return g_strdup (postal_code);

  upper = g_utf8_strup (postal_code, -1);
  if (!postal_rules[rule].compact)
    return g_steal_pointer (&upper);

  compact = g_string_new (NULL);
  for (const char *p = upper; *p; p++)
    if (*p != ' ' && *p != '-')
      g_string_append_c (compact, *p);
  if (postal_rules[rule].separator != 0 && compact->len > postal_rules[rule].separator_from_end)
    g_string_insert_c (compact, compact->len - postal_rules[rule].separator_from_end,
                       postal_rules[rule].separator);
  return g_string_free (g_steal_pointer (&compact), FALSE);
}

OdBillingContact *
od_billing_contact_normalize (const OdBillingContact *contact)
{
  OdBillingContact *result;
  const OdCountry *country;

  g_return_val_if_fail (contact != NULL, NULL);

  result = od_billing_contact_new ();
  for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
    result->fields[i] = trimmed (contact, i);

  country = od_country_lookup (result->fields[OD_BILLING_CONTACT_COUNTRY]);
  if (country != NULL)
    {
      g_autofree char *postal_code = g_steal_pointer (&result->fields[OD_BILLING_CONTACT_POSTAL_CODE]);

      od_billing_contact_set (result, OD_BILLING_CONTACT_COUNTRY, country->code);
      result->fields[OD_BILLING_CONTACT_POSTAL_CODE] = normalize_postal_code (country, postal_code);
    }
  return result;
}
