/* fuzz-email.c — the email address validator and the comparison key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is one address (bytes up to the first NUL, as a C caller would pass it). Checks:
 *   - an accepted address is UTF-8, has no white space once trimmed, one "@" with a local part
 *     of 1–64 bytes and a domain with a dot, and is at most 254 bytes;
 *   - a refused one comes with an OD_VALIDATION_ERROR and a message;
 *   - the comparison key (od_email_normalize) is UTF-8 and does not change when taken again.
 */
#include "config.h"

#include "od-email.h"
#include "od-error.h"

#include "fuzz-target.h"

static void
check_accepted (const char *email)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (email));
  g_autofree char *key = NULL;
  g_autofree char *key_again = NULL;
  const char *at = strchr (trimmed, '@');

  fuzz_check (g_utf8_validate (email, -1, NULL));
  fuzz_check (strlen (trimmed) <= 254);
  for (const char *p = trimmed; *p; p = g_utf8_next_char (p))
    fuzz_check (!g_unichar_isspace (g_utf8_get_char (p)));
  fuzz_check (at != NULL && strchr (at + 1, '@') == NULL);
  fuzz_check (at - trimmed >= 1 && at - trimmed <= 64);
  fuzz_check (strchr (at + 1, '.') != NULL);

  key = od_email_normalize (email);
  fuzz_check (key != NULL && g_utf8_validate (key, -1, NULL));
  key_again = od_email_normalize (key);
  fuzz_check (g_str_equal (key, key_again));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *email = fuzz_strndup (data, size);
  g_autoptr(GError) error = NULL;

  fuzz_init_once ();

  if (od_email_validate (email, &error))
    {
      fuzz_check (error == NULL);
      check_accepted (email);
    }
  else
    {
      fuzz_check (error != NULL && error->domain == OD_VALIDATION_ERROR);
      fuzz_check (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
    }

  /* The key is defined for any UTF-8 text (a search may take any). */
  if (g_utf8_validate (email, -1, NULL))
    {
      g_autofree char *key = od_email_normalize (email);
      fuzz_check (g_utf8_validate (key, -1, NULL));
    }
  return 0;
}
