/* od-country.c — the ISO 3166-1 table and its search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generated once from the iso-codes package's iso_3166-1.json (249 entries, common names
 * preferred) and kept here, so that nothing is read at run time. The flags are Orgdesk's:
 * OD_COUNTRY_NO_POSTAL_CODE for countries whose mail uses no postal codes, where the field may
 * stay empty; OD_COUNTRY_REGION_REQUIRED for the United States, Canada, Australia, Brazil and
 * India, whose addresses need the state, province or territory to be delivered.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "od-country.h"

static const OdCountry countries[] = {
  { "AF", "Afghanistan", 0 },
  { "AX", "Åland Islands", 0 },
  { "AL", "Albania", 0 },
  { "DZ", "Algeria", 0 },
  { "AS", "American Samoa", 0 },
  { "AD", "Andorra", 0 },
  { "AO", "Angola", OD_COUNTRY_NO_POSTAL_CODE },
  { "AI", "Anguilla", 0 },
  { "AQ", "Antarctica", 0 },
  { "AG", "Antigua and Barbuda", OD_COUNTRY_NO_POSTAL_CODE },
  { "AR", "Argentina", 0 },
  { "AM", "Armenia", 0 },
  { "AW", "Aruba", OD_COUNTRY_NO_POSTAL_CODE },
  { "AU", "Australia", OD_COUNTRY_REGION_REQUIRED },
  { "AT", "Austria", 0 },
  { "AZ", "Azerbaijan", 0 },
  { "BS", "Bahamas", OD_COUNTRY_NO_POSTAL_CODE },
  { "BH", "Bahrain", 0 },
  { "BD", "Bangladesh", 0 },
  { "BB", "Barbados", 0 },
  { "BY", "Belarus", 0 },
  { "BE", "Belgium", 0 },
  { "BZ", "Belize", OD_COUNTRY_NO_POSTAL_CODE },
  { "BJ", "Benin", OD_COUNTRY_NO_POSTAL_CODE },
  { "BM", "Bermuda", 0 },
  { "BT", "Bhutan", 0 },
  { "BO", "Bolivia", OD_COUNTRY_NO_POSTAL_CODE },
  { "BQ", "Bonaire, Sint Eustatius and Saba", OD_COUNTRY_NO_POSTAL_CODE },
  { "BA", "Bosnia and Herzegovina", 0 },
  { "BW", "Botswana", OD_COUNTRY_NO_POSTAL_CODE },
  { "BV", "Bouvet Island", 0 },
  { "BR", "Brazil", OD_COUNTRY_REGION_REQUIRED },
  { "IO", "British Indian Ocean Territory", 0 },
  { "BN", "Brunei Darussalam", 0 },
  { "BG", "Bulgaria", 0 },
  { "BF", "Burkina Faso", OD_COUNTRY_NO_POSTAL_CODE },
  { "BI", "Burundi", OD_COUNTRY_NO_POSTAL_CODE },
  { "CV", "Cabo Verde", 0 },
  { "KH", "Cambodia", 0 },
  { "CM", "Cameroon", OD_COUNTRY_NO_POSTAL_CODE },
  { "CA", "Canada", OD_COUNTRY_REGION_REQUIRED },
  { "KY", "Cayman Islands", 0 },
  { "CF", "Central African Republic", OD_COUNTRY_NO_POSTAL_CODE },
  { "TD", "Chad", OD_COUNTRY_NO_POSTAL_CODE },
  { "CL", "Chile", 0 },
  { "CN", "China", 0 },
  { "CX", "Christmas Island", 0 },
  { "CC", "Cocos (Keeling) Islands", 0 },
  { "CO", "Colombia", 0 },
  { "KM", "Comoros", OD_COUNTRY_NO_POSTAL_CODE },
  { "CG", "Congo", OD_COUNTRY_NO_POSTAL_CODE },
  { "CD", "Congo, The Democratic Republic of the", OD_COUNTRY_NO_POSTAL_CODE },
  { "CK", "Cook Islands", OD_COUNTRY_NO_POSTAL_CODE },
  { "CR", "Costa Rica", 0 },
  { "CI", "Côte d'Ivoire", OD_COUNTRY_NO_POSTAL_CODE },
  { "HR", "Croatia", 0 },
  { "CU", "Cuba", 0 },
  { "CW", "Curaçao", OD_COUNTRY_NO_POSTAL_CODE },
  { "CY", "Cyprus", 0 },
  { "CZ", "Czechia", 0 },
  { "DK", "Denmark", 0 },
  { "DJ", "Djibouti", OD_COUNTRY_NO_POSTAL_CODE },
  { "DM", "Dominica", OD_COUNTRY_NO_POSTAL_CODE },
  { "DO", "Dominican Republic", 0 },
  { "EC", "Ecuador", 0 },
  { "EG", "Egypt", 0 },
  { "SV", "El Salvador", 0 },
  { "GQ", "Equatorial Guinea", OD_COUNTRY_NO_POSTAL_CODE },
  { "ER", "Eritrea", OD_COUNTRY_NO_POSTAL_CODE },
  { "EE", "Estonia", 0 },
  { "SZ", "Eswatini", 0 },
  { "ET", "Ethiopia", 0 },
  { "FK", "Falkland Islands (Malvinas)", 0 },
  { "FO", "Faroe Islands", 0 },
  { "FJ", "Fiji", OD_COUNTRY_NO_POSTAL_CODE },
  { "FI", "Finland", 0 },
  { "FR", "France", 0 },
  { "GF", "French Guiana", 0 },
  { "PF", "French Polynesia", 0 },
  { "TF", "French Southern Territories", OD_COUNTRY_NO_POSTAL_CODE },
  { "GA", "Gabon", OD_COUNTRY_NO_POSTAL_CODE },
  { "GM", "Gambia", OD_COUNTRY_NO_POSTAL_CODE },
  { "GE", "Georgia", 0 },
  { "DE", "Germany", 0 },
  { "GH", "Ghana", OD_COUNTRY_NO_POSTAL_CODE },
  { "GI", "Gibraltar", 0 },
  { "GR", "Greece", 0 },
  { "GL", "Greenland", 0 },
  { "GD", "Grenada", OD_COUNTRY_NO_POSTAL_CODE },
  { "GP", "Guadeloupe", 0 },
  { "GU", "Guam", 0 },
  { "GT", "Guatemala", 0 },
  { "GG", "Guernsey", 0 },
  { "GN", "Guinea", 0 },
  { "GW", "Guinea-Bissau", 0 },
  { "GY", "Guyana", OD_COUNTRY_NO_POSTAL_CODE },
  { "HT", "Haiti", 0 },
  { "HM", "Heard Island and McDonald Islands", OD_COUNTRY_NO_POSTAL_CODE },
  { "VA", "Holy See (Vatican City State)", 0 },
  { "HN", "Honduras", 0 },
  { "HK", "Hong Kong", OD_COUNTRY_NO_POSTAL_CODE },
  { "HU", "Hungary", 0 },
  { "IS", "Iceland", 0 },
  { "IN", "India", OD_COUNTRY_REGION_REQUIRED },
  { "ID", "Indonesia", 0 },
  { "IR", "Iran", 0 },
  { "IQ", "Iraq", 0 },
  { "IE", "Ireland", 0 },
  { "IM", "Isle of Man", 0 },
  { "IL", "Israel", 0 },
  { "IT", "Italy", 0 },
  { "JM", "Jamaica", 0 },
  { "JP", "Japan", 0 },
  { "JE", "Jersey", 0 },
  { "JO", "Jordan", 0 },
  { "KZ", "Kazakhstan", 0 },
  { "KE", "Kenya", 0 },
  { "KI", "Kiribati", OD_COUNTRY_NO_POSTAL_CODE },
  { "KW", "Kuwait", 0 },
  { "KG", "Kyrgyzstan", 0 },
  { "LA", "Laos", 0 },
  { "LV", "Latvia", 0 },
  { "LB", "Lebanon", 0 },
  { "LS", "Lesotho", 0 },
  { "LR", "Liberia", 0 },
  { "LY", "Libya", OD_COUNTRY_NO_POSTAL_CODE },
  { "LI", "Liechtenstein", 0 },
  { "LT", "Lithuania", 0 },
  { "LU", "Luxembourg", 0 },
  { "MO", "Macao", OD_COUNTRY_NO_POSTAL_CODE },
  { "MG", "Madagascar", 0 },
  { "MW", "Malawi", OD_COUNTRY_NO_POSTAL_CODE },
  { "MY", "Malaysia", 0 },
  { "MV", "Maldives", 0 },
  { "ML", "Mali", OD_COUNTRY_NO_POSTAL_CODE },
  { "MT", "Malta", 0 },
  { "MH", "Marshall Islands", 0 },
  { "MQ", "Martinique", 0 },
  { "MR", "Mauritania", OD_COUNTRY_NO_POSTAL_CODE },
  { "MU", "Mauritius", 0 },
  { "YT", "Mayotte", 0 },
  { "MX", "Mexico", 0 },
  { "FM", "Micronesia, Federated States of", 0 },
  { "MD", "Moldova", 0 },
  { "MC", "Monaco", 0 },
  { "MN", "Mongolia", 0 },
  { "ME", "Montenegro", 0 },
  { "MS", "Montserrat", 0 },
  { "MA", "Morocco", 0 },
  { "MZ", "Mozambique", 0 },
  { "MM", "Myanmar", 0 },
  { "NA", "Namibia", 0 },
  { "NR", "Nauru", OD_COUNTRY_NO_POSTAL_CODE },
  { "NP", "Nepal", 0 },
  { "NL", "Netherlands", 0 },
  { "NC", "New Caledonia", 0 },
  { "NZ", "New Zealand", 0 },
  { "NI", "Nicaragua", 0 },
  { "NE", "Niger", 0 },
  { "NG", "Nigeria", 0 },
  { "NU", "Niue", OD_COUNTRY_NO_POSTAL_CODE },
  { "NF", "Norfolk Island", 0 },
  { "KP", "North Korea", OD_COUNTRY_NO_POSTAL_CODE },
  { "MK", "North Macedonia", 0 },
  { "MP", "Northern Mariana Islands", 0 },
  { "NO", "Norway", 0 },
  { "OM", "Oman", 0 },
  { "PK", "Pakistan", 0 },
  { "PW", "Palau", 0 },
  { "PS", "Palestine, State of", 0 },
  { "PA", "Panama", 0 },
  { "PG", "Papua New Guinea", 0 },
  { "PY", "Paraguay", 0 },
  { "PE", "Peru", 0 },
  { "PH", "Philippines", 0 },
  { "PN", "Pitcairn", 0 },
  { "PL", "Poland", 0 },
  { "PT", "Portugal", 0 },
  { "PR", "Puerto Rico", 0 },
  { "QA", "Qatar", OD_COUNTRY_NO_POSTAL_CODE },
  { "RE", "Réunion", 0 },
  { "RO", "Romania", 0 },
  { "RU", "Russian Federation", 0 },
  { "RW", "Rwanda", OD_COUNTRY_NO_POSTAL_CODE },
  { "BL", "Saint Barthélemy", 0 },
  { "SH", "Saint Helena, Ascension and Tristan da Cunha", 0 },
  { "KN", "Saint Kitts and Nevis", OD_COUNTRY_NO_POSTAL_CODE },
  { "LC", "Saint Lucia", 0 },
  { "MF", "Saint Martin (French part)", 0 },
  { "PM", "Saint Pierre and Miquelon", 0 },
  { "VC", "Saint Vincent and the Grenadines", 0 },
  { "WS", "Samoa", 0 },
  { "SM", "San Marino", 0 },
  { "ST", "Sao Tome and Principe", OD_COUNTRY_NO_POSTAL_CODE },
  { "SA", "Saudi Arabia", 0 },
  { "SN", "Senegal", 0 },
  { "RS", "Serbia", 0 },
  { "SC", "Seychelles", OD_COUNTRY_NO_POSTAL_CODE },
  { "SL", "Sierra Leone", OD_COUNTRY_NO_POSTAL_CODE },
  { "SG", "Singapore", 0 },
  { "SX", "Sint Maarten (Dutch part)", OD_COUNTRY_NO_POSTAL_CODE },
  { "SK", "Slovakia", 0 },
  { "SI", "Slovenia", 0 },
  { "SB", "Solomon Islands", OD_COUNTRY_NO_POSTAL_CODE },
  { "SO", "Somalia", 0 },
  { "ZA", "South Africa", 0 },
  { "GS", "South Georgia and the South Sandwich Islands", 0 },
  { "KR", "South Korea", 0 },
  { "SS", "South Sudan", OD_COUNTRY_NO_POSTAL_CODE },
  { "ES", "Spain", 0 },
  { "LK", "Sri Lanka", 0 },
  { "SD", "Sudan", 0 },
  { "SR", "Suriname", OD_COUNTRY_NO_POSTAL_CODE },
  { "SJ", "Svalbard and Jan Mayen", 0 },
  { "SE", "Sweden", 0 },
  { "CH", "Switzerland", 0 },
  { "SY", "Syria", OD_COUNTRY_NO_POSTAL_CODE },
  { "TW", "Taiwan", 0 },
  { "TJ", "Tajikistan", 0 },
  { "TZ", "Tanzania", 0 },
  { "TH", "Thailand", 0 },
  { "TL", "Timor-Leste", OD_COUNTRY_NO_POSTAL_CODE },
  { "TG", "Togo", OD_COUNTRY_NO_POSTAL_CODE },
  { "TK", "Tokelau", OD_COUNTRY_NO_POSTAL_CODE },
  { "TO", "Tonga", OD_COUNTRY_NO_POSTAL_CODE },
  { "TT", "Trinidad and Tobago", 0 },
  { "TN", "Tunisia", 0 },
  { "TR", "Türkiye", 0 },
  { "TM", "Turkmenistan", 0 },
  { "TC", "Turks and Caicos Islands", 0 },
  { "TV", "Tuvalu", OD_COUNTRY_NO_POSTAL_CODE },
  { "UG", "Uganda", OD_COUNTRY_NO_POSTAL_CODE },
  { "UA", "Ukraine", 0 },
  { "AE", "United Arab Emirates", OD_COUNTRY_NO_POSTAL_CODE },
  { "GB", "United Kingdom", 0 },
  { "US", "United States", OD_COUNTRY_REGION_REQUIRED },
  { "UM", "United States Minor Outlying Islands", 0 },
  { "UY", "Uruguay", 0 },
  { "UZ", "Uzbekistan", 0 },
  { "VU", "Vanuatu", OD_COUNTRY_NO_POSTAL_CODE },
  { "VE", "Venezuela", 0 },
  { "VN", "Vietnam", 0 },
  { "VG", "Virgin Islands, British", 0 },
  { "VI", "Virgin Islands, U.S.", 0 },
  { "WF", "Wallis and Futuna", 0 },
  { "EH", "Western Sahara", 0 },
  { "YE", "Yemen", OD_COUNTRY_NO_POSTAL_CODE },
  { "ZM", "Zambia", 0 },
  { "ZW", "Zimbabwe", OD_COUNTRY_NO_POSTAL_CODE },
};

const OdCountry *
od_country_get_all (guint *n_countries)
{
  if (n_countries != NULL)
    *n_countries = G_N_ELEMENTS (countries);
  return countries;
}

const OdCountry *
od_country_lookup (const char *code_or_name)
{
  g_autofree char *text = NULL;

  if (code_or_name == NULL)
    return NULL;
  text = g_strstrip (g_strdup (code_or_name));
  if (*text == '\0')
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_ascii_strcasecmp (text, countries[i].code) == 0)
      return &countries[i];

  {
    g_autofree char *key = g_utf8_casefold (text, -1);

    for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
      {
        g_autofree char *name = g_utf8_casefold (countries[i].name, -1);

        if (g_str_equal (key, name))
          return &countries[i];
      }
  }
  return NULL;
}

GPtrArray *
od_country_search (const char *text)
{
  GPtrArray *ranked[4] = { NULL };
  g_autofree char *trimmed = NULL;
  g_autofree char *key = NULL;
  GPtrArray *result = g_ptr_array_new ();

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*trimmed == '\0')
    {
      for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
        g_ptr_array_add (result, (gpointer) &countries[i]);
      return result;
    }

  key = g_utf8_casefold (trimmed, -1);
  for (guint r = 0; r < G_N_ELEMENTS (ranked); r++)
    ranked[r] = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    {
      const OdCountry *country = &countries[i];
      g_autofree char *name = g_utf8_casefold (country->name, -1);

      if (g_ascii_strcasecmp (trimmed, country->code) == 0)
        g_ptr_array_add (ranked[0], (gpointer) country);
      else if (g_str_has_prefix (name, key))
        g_ptr_array_add (ranked[1], (gpointer) country);
      else if (g_str_match_string (trimmed, country->name, TRUE))
        g_ptr_array_add (ranked[2], (gpointer) country);
      else if (strstr (name, key) != NULL)
        g_ptr_array_add (ranked[3], (gpointer) country);
    }

  for (guint r = 0; r < G_N_ELEMENTS (ranked); r++)
    {
      for (guint i = 0; i < ranked[r]->len; i++)
        g_ptr_array_add (result, g_ptr_array_index (ranked[r], i));
      g_ptr_array_unref (ranked[r]);
    }
  return result;
}

const char *
od_country_get_display_name (const OdCountry *country)
{
  g_return_val_if_fail (country != NULL, NULL);

  return g_dgettext ("iso_3166-1", country->name);
}
