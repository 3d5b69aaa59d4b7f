/* od-csv.c — bulk invitation lists: the CSV files and pasted lists of SPEC §5
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is checked once for size and UTF-8, then read in one pass: the delimiters are all
 * ASCII, so once the text is known to be valid UTF-8 it can be split byte by byte. Each record's
 * fields are unescaped into one scratch buffer that is reused for the next record, so a row
 * costs two small allocations (its email and its role).
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "od-csv.h"

G_DEFINE_QUARK (od-csv-error-quark, od_csv_error)

static void
csv_row_clear (gpointer data)
{
  OdCsvRow *row = data;

  g_clear_pointer (&row->email, g_free);
  g_clear_pointer (&row->role_text, g_free);
}

static GArray *
row_array_new (void)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (OdCsvRow));

  g_array_set_clear_func (rows, csv_row_clear);
  return rows;
}

gboolean
od_csv_check_size (guint64   size,
                   GError  **error)
{
  if (size > OD_CSV_MAX_BYTES)
    {
      g_autofree char *text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, OD_CSV_ERROR, OD_CSV_ERROR_TOO_LARGE,
                   _("The list is %s (%llu bytes); lists larger than 50 MiB (%u bytes) "
                     "are refused. Split it into smaller files and import them one at a time."),
                   text, (unsigned long long) size, (guint) OD_CSV_MAX_BYTES);
      return FALSE;
    }
  return TRUE;
}

/* The physical line (1-based) holding byte `offset`: LF, CRLF and a lone CR each end a line. */
static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    {
      /* i + 1 <= offset, and the byte at offset exists: it is the bad one. */
      if (data[i] == '\n' || (data[i] == '\r' && data[i + 1] != '\n'))
        line++;
    }
  return line;
}

/* Checks size and encoding; on success *start skips the byte-order mark. */
static gboolean
check_text (const char  *data,
            gsize        length,
            gsize       *start,
            GError     **error)
{
  const char *bad = NULL;

  if (!od_csv_check_size (length, error))
    return FALSE;

  if (length >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe) ||
                      ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    {
      g_set_error_literal (error, OD_CSV_ERROR, OD_CSV_ERROR_NOT_UTF8,
                           _("The list is UTF-16 text, not UTF-8. "
                             "Save it as “CSV UTF-8” and import it again."));
      return FALSE;
    }

  *start = (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0) ? 3 : 0;

  if (!g_utf8_validate_len (data, length, &bad))
    {
      gsize offset = bad - data;
      guint line = line_at (data, offset);

      if (*bad == '\0')
        g_set_error (error, OD_CSV_ERROR, OD_CSV_ERROR_NOT_UTF8,
                     _("Line %u holds a zero byte (at byte offset %lu), so this is "
                       "not a text file. Choose a CSV file saved as “CSV UTF-8”."), line, (unsigned long) offset);
      else
        g_set_error (error, OD_CSV_ERROR, OD_CSV_ERROR_NOT_UTF8,
                     _("Line %u is not UTF-8 text: the byte at offset %lu"
                       " (counting from 0) is not valid UTF-8. "
                       "Save the file as “CSV UTF-8” and import it again."), line, (unsigned long) offset);
      return FALSE;
    }
  return TRUE;
}

static gboolean
too_many_rows (guint    line,
               GError **error)
{
  g_set_error (error, OD_CSV_ERROR, OD_CSV_ERROR_TOO_MANY_ROWS,
               _("The list has more than %u rows (row %u starts on line %u). "
                 "Split it into files of at most %u rows."),
               OD_CSV_MAX_ROWS, OD_CSV_MAX_ROWS + 1, line, OD_CSV_MAX_ROWS);
  return FALSE;
}

/* ---------------------------------------------------------------------------------------------
 * RFC 4180 records
 */

typedef struct
{
  gsize start;   /* in the scratch buffer */
  gsize length;
} Span;

typedef struct
{
  const char *p;
  const char *end;
  guint       line;
  GString    *scratch;  /* the unescaped fields of the current record, back to back */
  GArray     *fields;   /* Span */
} Reader;

typedef enum
{
  READ_END,
  READ_RECORD,
  READ_ERROR,
} ReadResult;

static inline gboolean
is_line_break (char c)
{
  return c == '\n' || c == '\r';
}

/* Consumes one line break (CRLF counts once) and counts it. */
static inline void
skip_line_break (Reader *r)
{
  if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')
    r->p++;
  r->p++;
  r->line++;
}

/* Copies unquoted text up to the next comma or line break. */
static void
read_unquoted (Reader *r)
{
  const char *from = r->p;

  while (r->p < r->end && *r->p != ',' && !is_line_break (*r->p))
    r->p++;
  g_string_append_len (r->scratch, from, r->p - from);
}

static gboolean
read_quoted (Reader  *r,
             GError **error)
{
  guint opened_on = r->line;

  r->p++;
  for (;;)
    {
      const char *from = r->p;

      while (r->p < r->end && *r->p != '"' && !is_line_break (*r->p))
        r->p++;
      g_string_append_len (r->scratch, from, r->p - from);

      if (r->p == r->end)
        {
          g_set_error (error, OD_CSV_ERROR, OD_CSV_ERROR_UNTERMINATED_QUOTE,
                       _("The quoted field that starts on line %u has no closing quote. Add the "
                         "missing \" at the end of the field; a quote inside a field is written "
                         "as two quotes (\"\")."), opened_on);
          return FALSE;
        }

      if (*r->p == '"')
        {
          if (r->p + 1 < r->end && r->p[1] == '"')
            {
              g_string_append_c (r->scratch, '"');
              r->p += 2;
              continue;
            }
          r->p++;
          /* Lenient: text between the closing quote and the next comma is kept as written. */
          read_unquoted (r);
          return TRUE;
        }

      /* A line break inside the quotes belongs to the field, as written. */
      from = r->p;
      skip_line_break (r);
      g_string_append_len (r->scratch, from, r->p - from);
    }
}

static ReadResult
read_record (Reader  *r,
             guint   *record_line,
             GError **error)
{
  g_string_truncate (r->scratch, 0);
  g_array_set_size (r->fields, 0);

  if (r->p >= r->end)
    return READ_END;

  *record_line = r->line;
  for (;;)
    {
      Span span = { r->scratch->len, 0 };

      if (r->p < r->end && *r->p == '"')
        {
          if (!read_quoted (r, error))
            return READ_ERROR;
        }
      else
        read_unquoted (r);

      span.length = r->scratch->len - span.start;
      g_array_append_val (r->fields, span);

      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end)
        skip_line_break (r);
      return READ_RECORD;
    }
}

static inline const char *
field_data (Reader *r, guint i)
{
  return r->scratch->str + g_array_index (r->fields, Span, i).start;
}

static inline gsize
field_length (Reader *r, guint i)
{
  return g_array_index (r->fields, Span, i).length;
}

static gboolean
field_is_blank (Reader *r, guint i)
{
  const char *data = field_data (r, i);

  /* The white space g_strstrip() removes: a role of "\f" is no role, not an unknown one. */
  for (gsize k = 0; k < field_length (r, i); k++)
    if (!g_ascii_isspace (data[k]))
      return FALSE;
  return TRUE;
}

static gboolean
record_is_blank (Reader *r)
{
  for (guint i = 0; i < r->fields->len; i++)
    if (!field_is_blank (r, i))
      return FALSE;
  return TRUE;
}

/* The field with spaces around it removed equals `name`, in any case. */
static gboolean
field_names (Reader *r, guint i, const char *name)
{
  const char *data = field_data (r, i);
  gsize length = field_length (r, i);
  gsize name_length = strlen (name);

  while (length > 0 && (*data == ' ' || *data == '\t'))
    data++, length--;
  while (length > 0 && (data[length - 1] == ' ' || data[length - 1] == '\t'))
    length--;
  return length == name_length && g_ascii_strncasecmp (data, name, length) == 0;
}

GArray *
od_csv_parse_invitations_data (const char  *data,
                               gsize        length,
                               GError     **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GString) scratch = NULL;
  g_autoptr(GArray) fields = NULL;
  Reader r = { 0 };
  gboolean first = TRUE;
  int email_column = 0, role_column = 1;
  gsize start = 0;
  ReadResult result;
  guint line = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (data, length, &start, error))
    return NULL;

  rows = row_array_new ();
  scratch = g_string_sized_new (256);
  fields = g_array_new (FALSE, FALSE, sizeof (Span));
  r.p = data + start;
  r.end = data + length;
  r.line = 1;
  r.scratch = scratch;
  r.fields = fields;

  while ((result = read_record (&r, &line, error)) == READ_RECORD)
    {
      OdCsvRow row = { line, NULL, NULL };

      if (record_is_blank (&r))
        continue;

      if (first)
        {
          int named_email = -1, named_role = -1;

          first = FALSE;
          for (guint i = 0; i < r.fields->len; i++)
            {
              if (named_email < 0 && field_names (&r, i, "email"))
                named_email = i;
              else if (named_role < 0 && field_names (&r, i, "role"))
                named_role = i;
            }
          if (named_email >= 0)
            {
              email_column = named_email;
              role_column = named_role;
              continue;
            }
        }

      if (rows->len == OD_CSV_MAX_ROWS)
        {
          too_many_rows (line, error);
          return NULL;
        }

      if ((guint) email_column < r.fields->len)
        row.email = g_strndup (field_data (&r, email_column), field_length (&r, email_column));
      else
        row.email = g_strdup ("");
      if (role_column >= 0 && (guint) role_column < r.fields->len && !field_is_blank (&r, role_column))
        row.role_text = g_strndup (field_data (&r, role_column), field_length (&r, role_column));
      g_array_append_val (rows, row);
    }

  if (result == READ_ERROR)
    return NULL;
  return g_steal_pointer (&rows);
}

GArray *
od_csv_parse_invitations (GBytes  *bytes,
                          GError **error)
{
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return od_csv_parse_invitations_data (data ? data : "", length, error);
}

/* ---------------------------------------------------------------------------------------------
 * Pasted lists
 */

/* The length of the separator at p (0 if none): , ; space tab, or a no-break space. */
static inline gsize
separator_length (const char *p, const char *end)
{
  if (*p == ',' || *p == ';' || *p == ' ' || *p == '\t')
    return 1;
  if ((guchar) p[0] == 0xc2 && p + 1 < end && (guchar) p[1] == 0xa0)
    return 2;
  return 0;
}

GArray *
od_csv_parse_address_list (const char  *data,
                           gsize        length,
                           GError     **error)
{
  g_autoptr(GArray) rows = NULL;
  const char *p, *end;
  gsize start = 0;
  guint line = 1;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  if (!check_text (data, length, &start, error))
    return NULL;

  rows = row_array_new ();
  p = data + start;
  end = data + length;
  while (p < end)
    {
      const char *from;
      gsize skip;

      if (*p == '\r' || *p == '\n')
        {
          if (*p == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          p++;
          line++;
          continue;
        }
      if ((skip = separator_length (p, end)) > 0)
        {
          p += skip;
          continue;
        }

      from = p;
      while (p < end && !is_line_break (*p) && separator_length (p, end) == 0)
        p++;

      if (rows->len == OD_CSV_MAX_ROWS)
        {
          too_many_rows (line, error);
          return NULL;
        }
      {
        OdCsvRow row = { line, g_strndup (from, p - from), NULL };
        g_array_append_val (rows, row);
      }
    }
  return g_steal_pointer (&rows);
}

/* ---------------------------------------------------------------------------------------------
 * Writing
 */

void
od_csv_append_field (GString    *out,
                     const char *field,
                     gboolean    guard_formula)
{
  gsize length;
  gboolean guard, quote;

  g_return_if_fail (out != NULL);

  if (field == NULL || *field == '\0')
    return;

  length = strlen (field);
  guard = guard_formula && strchr ("=+-@\t\r", field[0]) != NULL;
  quote = strpbrk (field, ",\"\r\n") != NULL || field[0] == ' ' || field[length - 1] == ' ';

  if (quote)
    g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  if (!quote)
    g_string_append_len (out, field, length);
  else
    {
      for (const char *p = field; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
}
