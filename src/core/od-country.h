/* od-country.h — the countries of ISO 3166-1, for addresses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every current ISO 3166-1 alpha-2 code with its short English name (the common name where ISO
 * gives one, e.g. "Bolivia", "South Korea"), sorted by name, as a static table: a country
 * combo or search list needs no database and no file. Flags say what an address there needs.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  OD_COUNTRY_NO_POSTAL_CODE  = 1 << 0,  /* the postal system uses no postal codes */
  OD_COUNTRY_REGION_REQUIRED = 1 << 1,  /* addresses name a state, province or territory */
} OdCountryFlags;

typedef struct
{
  const char     *code;   /* "US", always two capital letters */
  const char     *name;   /* "United States", in English */
  OdCountryFlags  flags;
} OdCountry;

/* All countries, sorted by English name (accents ignored); *n_countries is set to their number. */
const OdCountry *od_country_get_all          (guint            *n_countries);
/* A code or a whole English name, without regard to case; NULL when there is none. */
const OdCountry *od_country_lookup           (const char       *code_or_name);
/* The countries that match what someone typed, best first: the exact code, then names that
 * start with the text, then names with a word that starts with it (accents optional, so
 * "aland" finds "Åland Islands"), then names that contain it. All of them for NULL or "".
 * A new array of const OdCountry * (free only the array). */
GPtrArray       *od_country_search           (const char       *text);
/* The name in the user's language when the iso-codes translations are installed (the
 * "iso_3166-1" gettext domain), else in English. */
const char      *od_country_get_display_name (const OdCountry  *country);

G_END_DECLS
