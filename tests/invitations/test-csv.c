/* test-csv.c — the bulk invitation reader of SPEC §5: every tricky input gives the rows (with
 * the line each starts on) or the refusal that a person can act on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "od-csv.h"
#include "od-invite-batch-private.h"

/* Rows as "line:email:role" joined by "|"; the role is "-" when the default applies. */
static char *
describe_rows (GArray *rows)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      OdCsvRow *row = &g_array_index (rows, OdCsvRow, i);

      g_string_append_printf (out, "%s%u:%s:%s", i ? "|" : "", row->line, row->email,
                              row->role_text ? row->role_text : "-");
    }
  return g_string_free (out, FALSE);
}

static const struct {
  const char *name;
  const char *input;
  const char *rows;
} good_inputs[] = {
  { "no-header", "a@x.io,admin\nb@x.io,read\n", "1:a@x.io:admin|2:b@x.io:read" },
  { "header-email-name-role", "Email,Name,Role\na@x.io,Ann,admin\nb@x.io,Bo,\n", "2:a@x.io:admin|3:b@x.io:-" },
  { "header-role-email", "ROLE,EMAIL\nread,a@x.io\nwrite,b@x.io\n", "2:a@x.io:read|3:b@x.io:write" },
  { "header-email-only", "email\na@x.io\nb@x.io\n", "2:a@x.io:-|3:b@x.io:-" },
  { "header-quoted-spaced", "\"Email\" , role \na@x.io,owner\n", "2:a@x.io:owner" },
  { "header-after-blank-lines", "\n\nname,email\nAnn,a@x.io\n", "4:a@x.io:-" },
  { "quoted-comma", "\"a@x.io\",\"ad,min\"\n", "1:a@x.io:ad,min" },
  { "doubled-quotes", "\"say \"\"hi\"\"@x.io\",read\n", "1:say \"hi\"@x.io:read" },
  { "newline-in-quotes", "\"a@x.io\nmore\",read\nb@x.io,write\n", "1:a@x.io\nmore:read|3:b@x.io:write" },
  { "crlf-in-quotes", "\"a\r\nb\r\nc\",read\r\nd@x.io\r\n", "1:a\r\nb\r\nc:read|4:d@x.io:-" },
  { "bom", "\xef\xbb\xbf" "email,role\r\na@x.io,admin\r\n", "2:a@x.io:admin" },
  { "bom-no-header", "\xef\xbb\xbf" "a@x.io,admin\n", "1:a@x.io:admin" },
  { "crlf", "a@x.io,read\r\nb@x.io,write\r\n", "1:a@x.io:read|2:b@x.io:write" },
  { "lone-cr", "a@x.io,read\rb@x.io\r\rc@x.io", "1:a@x.io:read|2:b@x.io:-|4:c@x.io:-" },
  { "missing-roles", "a@x.io\nb@x.io,\nc@x.io,  \n", "1:a@x.io:-|2:b@x.io:-|3:c@x.io:-" },
  { "blank-lines", "\n\na@x.io\n\n , \n\t\n\"\",\"\"\nb@x.io\n\n", "3:a@x.io:-|8:b@x.io:-" },
  { "no-final-newline", "a@x.io,read", "1:a@x.io:read" },
  { "empty", "", "" },
  { "only-bom", "\xef\xbb\xbf", "" },
  { "stray-quote-kept", "o\"neil@x.io,read\n", "1:o\"neil@x.io:read" },
  { "text-after-closing-quote", "\"a\"b@x.io,read\n", "1:ab@x.io:read" },
  { "extra-columns", "a@x.io,read,extra,\"more, more\"\n", "1:a@x.io:read" },
  { "missing-email-column", "email,name,role\n,Ann,read\n", "2::read" },
  { "header-email-late-column", "name,role,email\nAnn,read\n", "2::read" },
  { "unicode", "jürgen@bücher.de,Read\n", "1:jürgen@bücher.de:Read" },
  { "spaces-kept", " a@x.io , read \n", "1: a@x.io : read " },
  { "quoted-field-then-line-jump", "\"x\n\n\ny\",read\nb@x.io\n\"c\"\n", "1:x\n\n\ny:read|5:b@x.io:-|6:c:-" },
};

static void
test_good_inputs (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (good_inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) rows = od_csv_parse_invitations_data (good_inputs[i].input,
                                                              strlen (good_inputs[i].input), &error);
      g_autofree char *got = NULL;

      if (rows == NULL)
        g_error ("%s: refused: %s", good_inputs[i].name, error->message);
      got = describe_rows (rows);
      if (!g_str_equal (got, good_inputs[i].rows))
        g_error ("%s: expected “%s”, got “%s”", good_inputs[i].name, good_inputs[i].rows, got);
    }
}

static const struct {
  const char *name;
  const char *input;
  gsize       length;   /* 0: strlen */
  int         code;
  const char *needles[3];
} bad_inputs[] = {
  { "invalid-utf8", "a@x.io\nb@x.io\nc\xff@x.io\n", 0, OD_CSV_ERROR_NOT_UTF8,
    { "Line 3", "offset 15", "CSV UTF-8" } },
  { "invalid-utf8-after-crlf-and-cr", "a\r\nb\rc\r\n\xc3\x28", 0, OD_CSV_ERROR_NOT_UTF8,
    { "Line 4", "offset 8", NULL } },
  { "invalid-utf8-in-quoted-newline", "\"a\nb\xe2\x82\",read\n", 0, OD_CSV_ERROR_NOT_UTF8,
    { "Line 2", "offset 4", NULL } },
  { "latin1", "email\nj\xfcrgen@x.de\n", 0, OD_CSV_ERROR_NOT_UTF8, { "Line 2", "offset 7", NULL } },
  { "zero-byte", "a@x.io\nb\0@x.io\n", 15, OD_CSV_ERROR_NOT_UTF8, { "Line 2", "zero byte", "not a text file" } },
  { "utf16", "\xff\xfe" "e\0m\0", 6, OD_CSV_ERROR_NOT_UTF8, { "UTF-16", NULL, NULL } },
  { "unterminated", "a@x.io\nb@x.io\n\"c@x.io,read\nd@x.io\n", 0, OD_CSV_ERROR_UNTERMINATED_QUOTE,
    { "starts on line 3", "closing quote", NULL } },
  { "unterminated-after-quoted-newlines", "\"a\nb\",read\n\"c", 0, OD_CSV_ERROR_UNTERMINATED_QUOTE,
    { "line 3", NULL, NULL } },
  { "unterminated-doubled-at-end", "\"abc\"\"", 0, OD_CSV_ERROR_UNTERMINATED_QUOTE, { "line 1", NULL, NULL } },
};

static void
test_bad_inputs (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length = bad_inputs[i].length ? bad_inputs[i].length : strlen (bad_inputs[i].input);
      g_autoptr(GArray) rows = od_csv_parse_invitations_data (bad_inputs[i].input, length, &error);

      if (rows != NULL)
        g_error ("%s: accepted, expected a refusal", bad_inputs[i].name);
      if (!g_error_matches (error, OD_CSV_ERROR, bad_inputs[i].code))
        g_error ("%s: expected code %d, got %s", bad_inputs[i].name, bad_inputs[i].code, error->message);
      for (guint k = 0; k < G_N_ELEMENTS (bad_inputs[i].needles) && bad_inputs[i].needles[k]; k++)
        if (strstr (error->message, bad_inputs[i].needles[k]) == NULL)
          g_error ("%s: “%s” not in “%s”", bad_inputs[i].name, bad_inputs[i].needles[k], error->message);
    }
}

static void
test_size_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  gsize size = OD_CSV_MAX_BYTES;
  char *data = g_malloc (size + 1);

  /* Exactly 50 MB is read (one long field); one byte more is refused before reading. */
  memset (data, 'a', size + 1);
  rows = od_csv_parse_invitations_data (data, size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (strlen (g_array_index (rows, OdCsvRow, 0).email), ==, size);
  g_clear_pointer (&rows, g_array_unref);

  rows = od_csv_parse_invitations_data (data, size + 1, &error);
  g_assert_null (rows);
  g_assert_error (error, OD_CSV_ERROR, OD_CSV_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "(52428801 bytes); lists larger than 50 MiB (52428800 bytes)"));
  g_clear_error (&error);

  g_assert_true (od_csv_check_size (size, NULL));
  g_assert_false (od_csv_check_size (size + 1, &error));
  g_assert_error (error, OD_CSV_ERROR, OD_CSV_ERROR_TOO_LARGE);
  g_free (data);
}

static GString *
numbered_rows (guint n, gboolean header)
{
  GString *csv = g_string_new (header ? "email,role\n" : "");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "\"user%u@example.com\",read\n", i);
  return csv;
}

static void
test_row_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = numbered_rows (OD_CSV_MAX_ROWS, TRUE);
  g_autoptr(GArray) rows = od_csv_parse_invitations_data (csv->str, csv->len, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, OD_CSV_MAX_ROWS);
  g_assert_cmpuint (g_array_index (rows, OdCsvRow, OD_CSV_MAX_ROWS - 1).line, ==, OD_CSV_MAX_ROWS + 1);
  g_clear_pointer (&rows, g_array_unref);

  /* Blank lines do not count as rows. */
  g_string_append (csv, "\n\n \n");
  rows = od_csv_parse_invitations_data (csv->str, csv->len, &error);
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_array_unref);

  /* Row 200,001 is refused, and the message says where it starts (after the header). */
  g_string_append (csv, "one-too-many@example.com\n");
  rows = od_csv_parse_invitations_data (csv->str, csv->len, &error);
  g_assert_null (rows);
  g_assert_error (error, OD_CSV_ERROR, OD_CSV_ERROR_TOO_MANY_ROWS);
  g_assert_nonnull (strstr (error->message, "200000 rows"));
  g_assert_nonnull (strstr (error->message, "line 200005"));
}

static void
test_address_list (void)
{
  const char *text = "a@x.io, b@x.io;c@x.io\n\n d@x.io\te@x.io\r\n,,;\r\nf@x.io\xc2\xa0g@x.io\rh@x.io";
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = od_csv_parse_address_list (text, strlen (text), &error);
  g_autofree char *got = NULL;

  g_assert_no_error (error);
  got = describe_rows (rows);
  g_assert_cmpstr (got, ==, "1:a@x.io:-|1:b@x.io:-|1:c@x.io:-|3:d@x.io:-|3:e@x.io:-|5:f@x.io:-|5:g@x.io:-|6:h@x.io:-");
  g_clear_pointer (&rows, g_array_unref);

  /* The same refusals as a file. */
  rows = od_csv_parse_address_list ("a@x.io\nb\xff", 9, &error);
  g_assert_null (rows);
  g_assert_error (error, OD_CSV_ERROR, OD_CSV_ERROR_NOT_UTF8);
  g_assert_nonnull (strstr (error->message, "Line 2"));
  g_clear_error (&error);

  rows = od_csv_parse_address_list ("", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_array_unref);

  {
    g_autoptr(GString) many = g_string_new (NULL);

    for (guint i = 0; i <= OD_CSV_MAX_ROWS; i++)
      g_string_append (many, "a@x.io; ");
    rows = od_csv_parse_address_list (many->str, many->len, &error);
    g_assert_null (rows);
    g_assert_error (error, OD_CSV_ERROR, OD_CSV_ERROR_TOO_MANY_ROWS);
  }
}

static void
test_append_field (void)
{
  static const struct {
    const char *field;
    gboolean    guard;
    const char *written;
  } cases[] = {
    { "plain", FALSE, "plain" },
    { "", FALSE, "" },
    { "a,b", FALSE, "\"a,b\"" },
    { "say \"hi\"", FALSE, "\"say \"\"hi\"\"\"" },
    { "two\nlines", FALSE, "\"two\nlines\"" },
    { " padded ", FALSE, "\" padded \"" },
    { "=1+1", FALSE, "=1+1" },
    { "=1+1", TRUE, "'=1+1" },
    { "+31 20 555", TRUE, "'+31 20 555" },
    { "-2", TRUE, "'-2" },
    { "@SUM(A1)", TRUE, "'@SUM(A1)" },
    { "\tx", TRUE, "'\tx" },
    { "=HYPERLINK(\"http://evil\",\"x\")", TRUE, "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"" },
    { "a=b", TRUE, "a=b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      od_csv_append_field (out, cases[i].field, cases[i].guard);
      g_assert_cmpstr (out->str, ==, cases[i].written);
    }
}

/* The rejected rows' CSV is read back by the same parser, with every tricky field intact. */
static void
test_reads_own_rejected_rows (void)
{
  static const struct {
    const char *email;
    const char *role;
  } rows[] = {
    { "no-at-sign", "read" },
    { "comma,inside@x.io", NULL },
    { "\"quoted\"@x.io", "admin" },
    { "two\nlines@x.io", "write" },
    { "fine@x.io", "boss" },
    { " padded@x.io ", "Owner" },
    { "=cmd@x.io", NULL },
  };
  g_autoptr(OdInviteBatch) batch = od_invite_batch_new ();
  g_autoptr(GArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) written = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    od_invite_batch_add (batch, 10 * (i + 1), rows[i].email, rows[i].role);
  /* No free seat: every row is rejected for one reason or another. */
  _od_invite_batch_decide (batch, OD_ROLE_ADMIN, OD_ROLE_WRITE, 1, 1, 0);
  g_assert_cmpuint (od_invite_batch_get_n_rejected (batch), ==, G_N_ELEMENTS (rows));

  text = od_invite_batch_format_rejected_csv (batch);
  g_assert_true (g_str_has_prefix (text, "email,role,line,reason\r\n"));
  g_assert_true (od_invite_batch_write_rejected_csv (batch, stream, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, NULL);
  written = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written), text, strlen (text));

  parsed = od_csv_parse_invitations (written, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, G_N_ELEMENTS (rows));
  for (guint i = 0; i < parsed->len; i++)
    {
      OdCsvRow *row = &g_array_index (parsed, OdCsvRow, i);

      g_assert_cmpstr (row->email, ==, rows[i].email);
      g_assert_cmpstr (row->role_text, ==, rows[i].role);
    }
  /* The original line is a column of its own, and the reason says what was wrong. */
  g_assert_nonnull (strstr (text, "\r\nno-at-sign,read,10,The email address has no “@”.\r\n"));
  g_assert_nonnull (strstr (text, "fine@x.io,boss,50,\"Unknown role “boss”."));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/parse/good-inputs", test_good_inputs);
  g_test_add_func ("/csv/parse/refused-inputs", test_bad_inputs);
  g_test_add_func ("/csv/parse/size-limit", test_size_limit);
  g_test_add_func ("/csv/parse/row-limit", test_row_limit);
  g_test_add_func ("/csv/address-list", test_address_list);
  g_test_add_func ("/csv/write/append-field", test_append_field);
  g_test_add_func ("/csv/write/reads-own-rejected-rows", test_reads_own_rejected_rows);

  return g_test_run ();
}
