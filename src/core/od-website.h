/* od-website.h — a denied website, and how a domain or URL typed by an admin becomes one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Normalizing keeps the host only: the scheme, user name and password, port, path, query and
 * fragment are dropped, a final dot too, and the host is lower-cased. International domain names
 * are stored in their ASCII (punycode) form, so "bücher.example" and "xn--bcher-kva.example" are
 * the same entry whichever way they were typed; od_website_get_display_host() gives the Unicode
 * form to show. IPv4 and bracketed IPv6 addresses are accepted. A host needs at least two labels
 * ("example.com", not "intranet"); wildcards are refused because a domain already stands for
 * itself in the policy, and installs decide how to match it.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define OD_WEBSITE_ERROR (od_website_error_quark ())

typedef enum
{
  OD_WEBSITE_ERROR_EMPTY = 1,          /* nothing, or no host in the URL */
  OD_WEBSITE_ERROR_INVALID_CHARACTER,  /* a space, "_" or other character a host cannot have */
  OD_WEBSITE_ERROR_BAD_PORT,           /* ":port" that is not a number from 1 to 65535 */
  OD_WEBSITE_ERROR_EMPTY_LABEL,        /* "a..b" */
  OD_WEBSITE_ERROR_LABEL_TOO_LONG,     /* a label longer than 63 characters */
  OD_WEBSITE_ERROR_TOO_LONG,           /* a host longer than 253 characters */
  OD_WEBSITE_ERROR_HYPHEN,             /* a label that starts or ends with "-" */
  OD_WEBSITE_ERROR_SINGLE_LABEL,       /* "localhost", "intranet" */
  OD_WEBSITE_ERROR_NUMERIC_TLD,        /* "10.1.2" or "example.123" */
  OD_WEBSITE_ERROR_WILDCARD,           /* "*.example.com" */
  OD_WEBSITE_ERROR_IDN,                /* a Unicode name that IDNA cannot encode */
  OD_WEBSITE_ERROR_DUPLICATE,          /* already in the denied list */
  OD_WEBSITE_ERROR_NOT_DENIED,         /* removing a host that is not in the list */
  OD_WEBSITE_ERROR_FILE,               /* an import file that is not UTF-8, too large or too long */
  OD_WEBSITE_ERROR_TOO_MANY,           /* the list would hold more than OD_WEBSITE_MAX_DENIED */
} OdWebsiteError;

/* The most denied websites an organization's list holds. Every install reads the whole list in
 * the policy document: at this size (and the longest host names) the document stays within
 * OD_POLICY_MAX_BYTES, so an exported policy can always be imported again. */
#define OD_WEBSITE_MAX_DENIED 50000

/* The message for a list of n_now websites that n_more would take past OD_WEBSITE_MAX_DENIED. */
char        *od_website_describe_too_many (guint        n_now,
                                           guint        n_more);

GQuark       od_website_error_quark       (void);

/* The normalized host, or NULL with an OD_WEBSITE_ERROR that says what is wrong and how to fix it. */
char        *od_website_normalize         (const char  *input,
                                           GError     **error);

#define OD_TYPE_WEBSITE (od_website_get_type ())
G_DECLARE_FINAL_TYPE (OdWebsite, od_website, OD, WEBSITE, GObject)

/* Properties: "host" string (construct-only, normalized), "display-host" string (read-only) */
OdWebsite   *od_website_new               (const char  *host);
const char  *od_website_get_host         (OdWebsite   *self);
const char  *od_website_get_display_host (OdWebsite   *self);

G_END_DECLS
