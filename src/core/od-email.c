/* od-email.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accepts real-world addresses (plus tags, subdomains, long top-level domains, internationalized
 * domains in UTF-8 or punycode) and rejects malformed ones with a reason a person can act on.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "od-email.h"
#include "od-error.h"

char *
od_email_normalize (const char *email)
{
  g_autofree char *copy = NULL;

  g_return_val_if_fail (email != NULL, NULL);

  copy = g_strstrip (g_strdup (email));
  return g_utf8_casefold (copy, -1);
}

static gboolean
local_char_ok (gunichar c)
{
  if (c >= 0x80)
    return TRUE; /* RFC 6531 allows UTF-8 local parts */
  return g_ascii_isalnum (c) || strchr ("!#$%&'*+-/=?^_`{|}~.", c) != NULL;
}

static gboolean
invalid (GError **error, const char *message)
{
  g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID, message);
  return FALSE;
}

/* g_unichar_isspace() of the character at p, without decoding ASCII. */
static inline gboolean
is_space_at (const char *p)
{
  guchar c = *p;

  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  return g_unichar_isspace (g_utf8_get_char (p));
}

/* Checks one label of the domain, [label, end); last is the top-level domain. */
static gboolean
domain_label_ok (const char  *label,
                 const char  *end,
                 gboolean     last,
                 GError     **error)
{
  gsize len = end - label;

  if (len == 0)
    return invalid (error, _("The domain has an empty part (two dots in a row, or a dot at an end)."));
  if (len > 63)
    return invalid (error, _("A part of the domain is longer than 63 characters."));
  if (label[0] == '-' || end[-1] == '-')
    return invalid (error, _("A part of the domain starts or ends with a hyphen."));

  for (const char *p = label; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      if (c < 0x80 && !g_ascii_isalnum (c) && c != '-')
        return invalid (error, _("The domain contains a character that is not allowed."));
      if (c >= 0x80 && !g_unichar_isalnum (c) && !g_unichar_ismark (c))
        return invalid (error, _("The domain contains a character that is not allowed."));
    }

  if (last)
    {
      gboolean all_digits = TRUE;

      for (const char *p = label; p < end; p++)
        all_digits = all_digits && g_ascii_isdigit (*p);
      if (all_digits || len < 2)
        return invalid (error, _("The domain’s last part must be a top-level domain such as .com or .org."));
    }
  return TRUE;
}

/* Works on the address in place (it runs once per row of a 100,000-row import). */
gboolean
od_email_validate (const char  *email,
                   GError     **error)
{
  const char *start, *end, *at, *domain, *label;
  gsize local_len;

  if (email == NULL || *email == '\0')
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_REQUIRED,
                           _("Enter an email address."));
      return FALSE;
    }

  if (!g_utf8_validate (email, -1, NULL))
    return invalid (error, _("The email address is not valid UTF-8 text."));

  /* The address without the ASCII spaces around it, as g_strstrip() would leave it. */
  start = email;
  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  if (start == end)
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_REQUIRED,
                           _("Enter an email address."));
      return FALSE;
    }

  if (end - start > 254)
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_TOO_LONG,
                           _("The email address is longer than 254 characters."));
      return FALSE;
    }

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    if (is_space_at (p))
      return invalid (error, _("The email address contains a space."));

  at = NULL;
  for (const char *p = end; p > start && at == NULL; p--)
    if (p[-1] == '@')
      at = p - 1;
  if (at == NULL)
    return invalid (error, _("The email address has no “@”."));
  if (memchr (start, '@', end - start) != at)
    return invalid (error, _("The email address has more than one “@”."));

  local_len = at - start;
  if (local_len == 0)
    return invalid (error, _("The email address has nothing before the “@”."));
  if (local_len > 64)
    return invalid (error, _("The part before the “@” is longer than 64 characters."));
  if (start[0] == '.' || at[-1] == '.')
    return invalid (error, _("The part before the “@” cannot start or end with a dot."));

  for (const char *p = start; p < at; p = g_utf8_next_char (p))
    {
      if (p[0] == '.' && p[1] == '.')
        return invalid (error, _("The part before the “@” has two dots in a row."));
      if (!local_char_ok ((guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p)))
        return invalid (error, _("The part before the “@” contains a character that is not allowed."));
    }

  domain = at + 1;
  if (domain == end)
    return invalid (error, _("The email address has no domain after the “@”."));
  if (memchr (domain, '.', end - domain) == NULL)
    return invalid (error, _("The domain after the “@” needs a dot, as in example.com."));

  for (label = domain;;)
    {
      const char *dot = memchr (label, '.', end - label);

      if (!domain_label_ok (label, dot ? dot : end, dot == NULL, error))
        return FALSE;
      if (dot == NULL)
        return TRUE;
      label = dot + 1;
    }
}
