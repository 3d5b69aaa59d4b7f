/* od-website.c — normalizing a denied website, and the list item that holds one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "od-website.h"

#define MAX_HOST_LENGTH 253
#define MAX_LABEL_LENGTH 63

G_DEFINE_QUARK (od-website-error-quark, od_website_error)

static gboolean
is_scheme (const char *text,
           gsize       length)
{
  if (length == 0 || !g_ascii_isalpha (text[0]))
    return FALSE;
  for (gsize i = 1; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '-' && text[i] != '.')
      return FALSE;
  return TRUE;
}

static gboolean
check_port (const char  *port,
            const char  *input,
            GError     **error)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (port, 10, 1, 65535, &value, NULL))
    {
      g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_BAD_PORT,
                   _("“%s” has a port “%s” that is not a number from 1 to 65535. Enter the domain alone, "
                     "e.g. example.com."), input, port);
      return FALSE;
    }
  return TRUE;
}

/* Checks an ASCII, lower-case host name label by label. */
static gboolean
check_host_name (const char  *host,
                 const char  *input,
                 GError     **error)
{
  g_auto(GStrv) labels = NULL;
  guint n_labels;
  gboolean numeric_tld = TRUE;

  if (strlen (host) > MAX_HOST_LENGTH)
    {
      g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_TOO_LONG,
                   _("“%s” is longer than the %u characters a domain name may have."), input,
                   MAX_HOST_LENGTH);
      return FALSE;
    }

  labels = g_strsplit (host, ".", -1);
  n_labels = g_strv_length (labels);
  for (guint i = 0; i < n_labels; i++)
    {
      const char *label = labels[i];
      gsize length = strlen (label);

      if (length == 0)
        {
          g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_EMPTY_LABEL,
                       _("“%s” has an empty part between dots. Remove the extra dot."), input);
          return FALSE;
        }
      if (length > MAX_LABEL_LENGTH)
        {
          g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_LABEL_TOO_LONG,
                       _("“%s” has a part longer than %u characters, which no domain name can have."),
                       input, MAX_LABEL_LENGTH);
          return FALSE;
        }
      for (gsize k = 0; k < length; k++)
        if (!g_ascii_isalnum (label[k]) && label[k] != '-')
          {
            g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_INVALID_CHARACTER,
                         _("“%s” contains “%c”, which a domain name cannot have. Use letters, digits, "
                           "hyphens and dots only."), input, label[k]);
            return FALSE;
          }
      if (label[0] == '-' || label[length - 1] == '-')
        {
          g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_HYPHEN,
                       _("“%s” has a part that starts or ends with a hyphen, which a domain name cannot have."),
                       input);
          return FALSE;
        }
    }

  if (n_labels < 2)
    {
      g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_SINGLE_LABEL,
                   _("“%s” is not a full domain name. Add its suffix, e.g. %s.com."), input, host);
      return FALSE;
    }

  for (const char *p = labels[n_labels - 1]; *p; p++)
    if (!g_ascii_isdigit (*p))
      numeric_tld = FALSE;
  if (numeric_tld)
    {
      g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_NUMERIC_TLD,
                   _("“%s” ends in a number: it is neither a domain name nor a complete IP address."),
                   input);
      return FALSE;
    }
  return TRUE;
}

/* A label written in its ASCII form ("xn--…") must be one that IDNA gives back for the Unicode
 * name it stands for: else "xn--bcher-kva.example" and a mangled variant would be two entries,
 * and the name shown (od_website_get_display_host()) would not lead back to the entry. */
static gboolean
check_punycode (const char  *host,
                const char  *input,
                GError     **error)
{
  g_autofree char *unicode = NULL;
  g_autofree char *ascii = NULL;

  if (!g_str_has_prefix (host, "xn--") && strstr (host, ".xn--") == NULL)
    return TRUE;
  unicode = g_hostname_to_unicode (host);
  ascii = unicode ? g_hostname_to_ascii (unicode) : NULL;
  if (ascii == NULL || g_ascii_strcasecmp (ascii, host) != 0)
    {
      g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_IDN,
                   _("“%s” has a part starting with “xn--” that is not a valid international domain name. "
                     "Check its spelling, or type the name in its own letters, e.g. bücher.example."), input);
      return FALSE;
    }
  return TRUE;
}

char *
od_website_normalize (const char  *input,
                      GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *ascii = NULL;
  const char *rest, *sep, *at;
  g_autofree char *authority = NULL;
  g_autofree char *host = NULL;
  gsize length;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (input == NULL || !g_utf8_validate (input, -1, NULL))
    {
      g_set_error_literal (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_INVALID_CHARACTER,
                           _("The website is not valid UTF-8 text."));
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (input));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_EMPTY,
                           _("Enter a domain or URL, e.g. example.com."));
      return NULL;
    }
  for (const char *p = trimmed; *p; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)) || g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_INVALID_CHARACTER,
                     _("“%s” contains a space. Enter one domain or URL at a time."), trimmed);
        return NULL;
      }

  /* scheme:// and the bare //host form */
  rest = trimmed;
  sep = strstr (rest, "://");
  if (sep != NULL)
    {
      if (!is_scheme (rest, sep - rest))
        {
          g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_INVALID_CHARACTER,
                       _("“%s” does not start with a scheme such as https://. Enter the domain, e.g. example.com."),
                       trimmed);
          return NULL;
        }
      rest = sep + 3;
    }
  else if (g_str_has_prefix (rest, "//"))
    rest += 2;

  /* The authority ends at the path, query or fragment. */
  length = strcspn (rest, "/?#\\");
  authority = g_strndup (rest, length);

  /* user:password@ */
  at = strrchr (authority, '@');
  host = g_strdup (at ? at + 1 : authority);

  if (host[0] == '[')
    {
      char *close = strchr (host, ']');
      g_autofree char *literal = NULL;
      g_autoptr(GInetAddress) address = NULL;

      if (close == NULL)
        {
          g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_INVALID_CHARACTER,
                       _("“%s” opens an IPv6 address with “[” but never closes it with “]”."), trimmed);
          return NULL;
        }
      if (close[1] == ':' && !check_port (close + 2, trimmed, error))
        return NULL;
      if (close[1] != '\0' && close[1] != ':')
        {
          g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_INVALID_CHARACTER,
                       _("“%s” has text after its IPv6 address. Enter the address alone, e.g. [2001:db8::1]."),
                       trimmed);
          return NULL;
        }
      literal = g_strndup (host + 1, close - host - 1);
      address = g_inet_address_new_from_string (literal);
      if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6)
        {
          g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_INVALID_CHARACTER,
                       _("“%s” is not a valid IPv6 address."), literal);
          return NULL;
        }
      {
        g_autofree char *text = g_inet_address_to_string (address);
        return g_strdup_printf ("[%s]", text);
      }
    }

  {
    char *colon = strchr (host, ':');

    if (colon != NULL)
      {
        if (strchr (colon + 1, ':') != NULL)
          {
            g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_INVALID_CHARACTER,
                         _("“%s” looks like an IPv6 address: put it in brackets, e.g. [2001:db8::1]."),
                         trimmed);
            return NULL;
          }
        if (!check_port (colon + 1, trimmed, error))
          return NULL;
        *colon = '\0';
      }
  }

  length = strlen (host);
  if (length > 0 && host[length - 1] == '.')
    host[length - 1] = '\0';
  if (*host == '\0')
    {
      g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_EMPTY,
                   _("“%s” has no host name. Enter a domain, e.g. example.com."), trimmed);
      return NULL;
    }
  if (strchr (host, '*') != NULL)
    {
      g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_WILDCARD,
                   _("“%s” contains a wildcard. Enter the domain itself, e.g. example.com."), trimmed);
      return NULL;
    }

  if (g_hostname_is_ip_address (host))
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

      if (address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
        return g_inet_address_to_string (address);
    }

  lower = g_utf8_strdown (host, -1);
  if (g_hostname_is_non_ascii (lower))
    {
      ascii = g_hostname_to_ascii (lower);
      if (ascii == NULL)
        {
          g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_IDN,
                       _("“%s” is not a valid international domain name. Check its spelling."), trimmed);
          return NULL;
        }
      g_free (lower);
      lower = g_ascii_strdown (ascii, -1);
      length = strlen (lower);
      if (length > 0 && lower[length - 1] == '.')
        lower[length - 1] = '\0';
    }

  if (!check_host_name (lower, trimmed, error) || !check_punycode (lower, trimmed, error))
    return NULL;
  return g_steal_pointer (&lower);
}

char *
od_website_describe_too_many (guint n_now,
                              guint n_more)
{
  return g_strdup_printf (_("The denied websites would number %u (%u now and %u more), more than the %u a "
                            "policy can hold. Remove the websites that are no longer needed first, or add "
                            "fewer."),
                          n_now + n_more, n_now, n_more, (guint) OD_WEBSITE_MAX_DENIED);
}

/* ---------------------------------------------------------------------------------------------
 * OdWebsite
 */

struct _OdWebsite
{
  GObject  parent_instance;

  char    *host;
  char    *display_host;
};

G_DEFINE_FINAL_TYPE (OdWebsite, od_website, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HOST,
  PROP_DISPLAY_HOST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
od_website_finalize (GObject *object)
{
  OdWebsite *self = (OdWebsite *) object;

  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->display_host, g_free);

  G_OBJECT_CLASS (od_website_parent_class)->finalize (object);
}

static void
od_website_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OdWebsite *self = OD_WEBSITE (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;

    case PROP_DISPLAY_HOST:
      g_value_set_string (value, od_website_get_display_host (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_website_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  OdWebsite *self = OD_WEBSITE (object);

  switch (prop_id)
    {
    case PROP_HOST:
      self->host = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_website_class_init (OdWebsiteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_website_finalize;
  object_class->get_property = od_website_get_property;
  object_class->set_property = od_website_set_property;

  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DISPLAY_HOST] =
    g_param_spec_string ("display-host", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_website_init (OdWebsite *self)
{
}

OdWebsite *
od_website_new (const char *host)
{
  g_return_val_if_fail (host != NULL, NULL);

  return g_object_new (OD_TYPE_WEBSITE, "host", host, NULL);
}

const char *
od_website_get_host (OdWebsite *self)
{
  g_return_val_if_fail (OD_IS_WEBSITE (self), NULL);

  return self->host;
}

const char *
od_website_get_display_host (OdWebsite *self)
{
  g_return_val_if_fail (OD_IS_WEBSITE (self), NULL);

  if (self->display_host == NULL)
    {
      if (g_hostname_is_ascii_encoded (self->host))
        self->display_host = g_hostname_to_unicode (self->host);
      if (self->display_host == NULL)
        self->display_host = g_strdup (self->host);
    }
  return self->display_host;
}
