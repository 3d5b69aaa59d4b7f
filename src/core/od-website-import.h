/* od-website-import.h — importing denied websites from a text or CSV file, with a review first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One website per line; for a CSV file the first column is read (RFC 4180 quoting on one line) and
 * a first row whose first column is "url", "domain", "website", "host" or "site" is a header.
 * Blank lines and lines starting with "#" are skipped. UTF-8 with or without a byte-order mark,
 * LF or CRLF. As for member invitations (SPEC §5), a file that is not UTF-8, larger than 50 MB or
 * with more than 200,000 lines is refused whole, and every line gets an outcome before anything
 * is added.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define OD_WEBSITE_IMPORT_MAX_BYTES (50 * 1024 * 1024)
#define OD_WEBSITE_IMPORT_MAX_LINES 200000

typedef enum
{
  OD_WEBSITE_IMPORT_WILL_ADD = 1,      /* valid and new */
  OD_WEBSITE_IMPORT_INVALID,           /* not a host; the message says why */
  OD_WEBSITE_IMPORT_DUPLICATE_IN_FILE, /* an earlier line has the same host */
  OD_WEBSITE_IMPORT_ALREADY_DENIED,    /* already in the organization's list */
} OdWebsiteImportOutcome;

#define OD_TYPE_WEBSITE_IMPORT_OUTCOME (od_website_import_outcome_get_type ())
GType        od_website_import_outcome_get_type    (void) G_GNUC_CONST;
const char  *od_website_import_outcome_to_string   (OdWebsiteImportOutcome outcome); /* "will-add", … */
const char  *od_website_import_outcome_get_label   (OdWebsiteImportOutcome outcome); /* translated */

#define OD_TYPE_WEBSITE_IMPORT_ROW (od_website_import_row_get_type ())
G_DECLARE_FINAL_TYPE (OdWebsiteImportRow, od_website_import_row, OD, WEBSITE_IMPORT_ROW, GObject)

/* Properties (construct-only): "line" guint (1-based), "input" string, "normalized" string (NULL
 * when invalid), "outcome" OdWebsiteImportOutcome, "message" string (why, for a rejected line) */
guint                   od_website_import_row_get_line        (OdWebsiteImportRow *self);
const char             *od_website_import_row_get_input       (OdWebsiteImportRow *self);
const char             *od_website_import_row_get_normalized  (OdWebsiteImportRow *self);
OdWebsiteImportOutcome  od_website_import_row_get_outcome     (OdWebsiteImportRow *self);
const char             *od_website_import_row_get_message     (OdWebsiteImportRow *self);

/* Reviews the file's text against the hosts already denied (a GListModel of OdWebsite, or NULL).
 * Returns a GListModel of OdWebsiteImportRow, one per non-blank line, or NULL with an
 * OD_WEBSITE_ERROR_FILE error for a file refused whole, or OD_WEBSITE_ERROR_TOO_MANY when the
 * new websites would take the list past OD_WEBSITE_MAX_DENIED. Changes nothing. */
GListModel  *od_website_review_import  (const char   *text,
                                        gsize         length,
                                        GListModel   *denied,
                                        GError      **error);

G_END_DECLS
