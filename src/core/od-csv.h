/* od-csv.h — bulk invitation lists: the CSV files and pasted lists of SPEC §5
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is read:
 *   - UTF-8, with or without a byte-order mark; lines end with LF, CRLF or a lone CR.
 *   - RFC 4180 fields: a field that starts with a double quote runs to the matching closing quote
 *     and may hold commas, line breaks and doubled quotes (""). Spaces around a field belong to it.
 *   - A quote inside an unquoted field (o"neil@example.com) is kept literally, and so is text
 *     between a closing quote and the next comma ("a"b → ab): the row is then checked like any
 *     other and reported with its line, instead of refusing the whole file.
 *   - The first row is a header when one of its fields is `email` (case-insensitive, spaces
 *     ignored); its `role` field, if any, names the role column; other columns are ignored.
 *     Without a header the first column is the email and the second the role.
 *   - A row whose fields are all empty or white space (g_ascii_isspace()) is skipped, like a
 *     blank line; a role field of white space only is no role (the default).
 *   - Every row keeps the physical line (1-based) on which it starts: a quoted line break moves
 *     the next row's line number on.
 *
 * What is refused whole (OD_CSV_ERROR, with the line and what to do):
 *   text that is not UTF-8 (the line and byte offset of the first bad byte; offsets count from 0
 *   at the first byte of the input, BOM included), more than OD_CSV_MAX_BYTES bytes, more than
 *   OD_CSV_MAX_ROWS rows, and a quoted field that is never closed (the line where it opened).
 *
 * Every function runs in time linear in the size of its input.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define OD_CSV_ERROR (od_csv_error_quark ())

typedef enum
{
  OD_CSV_ERROR_NOT_UTF8 = 1,         /* not UTF-8 text (also UTF-16 and binary files) */
  OD_CSV_ERROR_TOO_LARGE,            /* more than OD_CSV_MAX_BYTES bytes */
  OD_CSV_ERROR_TOO_MANY_ROWS,        /* more than OD_CSV_MAX_ROWS rows */
  OD_CSV_ERROR_UNTERMINATED_QUOTE,   /* a quoted field with no closing quote */
} OdCsvError;

#define OD_CSV_MAX_BYTES (50 * 1024 * 1024)
#define OD_CSV_MAX_ROWS 200000

/* One invitation row. */
typedef struct
{
  guint  line;       /* 1-based physical line where the row starts */
  char  *email;      /* the field as written, without its quotes */
  char  *role_text;  /* as written; NULL when the column is missing or blank (the default role) */
} OdCsvRow;

GQuark    od_csv_error_quark         (void);

/* A GArray of OdCsvRow that frees the rows' strings itself. */
GArray   *od_csv_parse_invitations   (GBytes       *bytes,
                                      GError      **error);
GArray   *od_csv_parse_invitations_data (const char *data,
                                      gsize         length,
                                      GError      **error);

/* A pasted list of addresses, separated by commas, semicolons, spaces, tabs or line breaks:
 * each becomes a row with the default role and the line it is on. Same refusals as a file. */
GArray   *od_csv_parse_address_list  (const char   *data,
                                      gsize         length,
                                      GError      **error);

/* Refuses a size above OD_CSV_MAX_BYTES before anything is loaded. */
gboolean  od_csv_check_size          (guint64       size,
                                      GError      **error);

/* Appends one RFC 4180 field (quoted when it holds a comma, quote, line break or outer space).
 * With guard_formula, a field starting with = + - @ tab or CR gets a leading ' first, so that
 * a spreadsheet shows it as text instead of running it as a formula (OWASP "CSV injection"). */
void      od_csv_append_field        (GString      *out,
                                      const char   *field,
                                      gboolean      guard_formula);

G_END_DECLS
