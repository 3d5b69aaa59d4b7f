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

gboolean
od_email_validate (const char  *email,
                   GError     **error)
{
  g_autofree char *trimmed = NULL;
  const char *at;
  const char *domain;
  g_auto(GStrv) labels = NULL;
  gsize local_len;

  if (email == NULL || *email == '\0')
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_REQUIRED,
                           _("Enter an email address."));
      return FALSE;
    }

  if (!g_utf8_validate (email, -1, NULL))
    return invalid (error, _("The email address is not valid UTF-8 text."));

  trimmed = g_strstrip (g_strdup (email));

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_REQUIRED,
                           _("Enter an email address."));
      return FALSE;
    }

  if (strlen (trimmed) > 254)
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_TOO_LONG,
                           _("The email address is longer than 254 characters."));
      return FALSE;
    }

  for (const char *p = trimmed; *p; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return invalid (error, _("The email address contains a space."));

  at = strrchr (trimmed, '@');
  if (at == NULL)
    return invalid (error, _("The email address has no “@”."));
  if (strchr (trimmed, '@') != at)
    return invalid (error, _("The email address has more than one “@”."));

  local_len = at - trimmed;
  if (local_len == 0)
    return invalid (error, _("The email address has nothing before the “@”."));
  if (local_len > 64)
    return invalid (error, _("The part before the “@” is longer than 64 characters."));
  if (trimmed[0] == '.' || at[-1] == '.')
    return invalid (error, _("The part before the “@” cannot start or end with a dot."));

  for (const char *p = trimmed; p < at; p = g_utf8_next_char (p))
    {
      if (p[0] == '.' && p[1] == '.')
        return invalid (error, _("The part before the “@” has two dots in a row."));
      if (!local_char_ok (g_utf8_get_char (p)))
        return invalid (error, _("The part before the “@” contains a character that is not allowed."));
    }

  domain = at + 1;
  if (*domain == '\0')
    return invalid (error, _("The email address has no domain after the “@”."));
  if (strchr (domain, '.') == NULL)
    return invalid (error, _("The domain after the “@” needs a dot, as in example.com."));

  labels = g_strsplit (domain, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *label = labels[i];
      gsize len = strlen (label);

      if (len == 0)
        return invalid (error, _("The domain has an empty part (two dots in a row, or a dot at an end)."));
      if (len > 63)
        return invalid (error, _("A part of the domain is longer than 63 characters."));
      if (label[0] == '-' || label[len - 1] == '-')
        return invalid (error, _("A part of the domain starts or ends with a hyphen."));

      for (const char *p = label; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c < 0x80 && !g_ascii_isalnum (c) && c != '-')
            return invalid (error, _("The domain contains a character that is not allowed."));
          if (c >= 0x80 && !g_unichar_isalnum (c) && !g_unichar_ismark (c))
            return invalid (error, _("The domain contains a character that is not allowed."));
        }

      if (labels[i + 1] == NULL)
        {
          gboolean all_digits = TRUE;

          for (const char *p = label; *p; p++)
            all_digits = all_digits && g_ascii_isdigit (*p);
          if (all_digits || len < 2)
            return invalid (error, _("The domain’s last part must be a top-level domain such as .com or .org."));
        }
    }

  return TRUE;
}
