/* test-limits.c — oversized input through the core API: refused whole, with a message that says
 * what, where and how to fix it, and nothing changed (issue 9). tests/limits/test_limits.py does
 * the same through orgdeskctl and measures memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-csv.h"
#include "od-error.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-policy.h"
#include "od-repository.h"
#include "od-settings.h"
#include "od-update.h"
#include "od-website.h"
#include "od-website-import.h"

#include "../settings/settings-test-util.h"

#define MIB (1024 * 1024)

static guint
n_journal_entries (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  guint n = od_repository_count_journal (f->repo, od_organization_get_id (f->org), &error);

  g_assert_no_error (error);
  return n;
}

static void
assert_message (const GError *error,
                const char   *needle)
{
  g_assert_nonnull (error);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, error->message);
}

/* A 60 MB list is refused by its size, before a byte of it is looked at. */
static void
test_csv_too_large (void)
{
  gsize size = 60 * MIB;
  g_autofree char *data = g_malloc (size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;

  memset (data, 'a', size);
  rows = od_csv_parse_invitations_data (data, size, &error);
  g_assert_null (rows);
  g_assert_error (error, OD_CSV_ERROR, OD_CSV_ERROR_TOO_LARGE);
  assert_message (error, "The list is 60.0\u00a0MiB (62914560 bytes); lists larger than 50 MiB");
  assert_message (error, "Split it into smaller files");
  g_clear_error (&error);

  rows = od_csv_parse_address_list (data, size, &error);
  g_assert_null (rows);
  g_assert_error (error, OD_CSV_ERROR, OD_CSV_ERROR_TOO_LARGE);
}

/* A 10 MB email field is one row, reported as too long; a 10 MB field never closed is refused. */
static void
test_csv_huge_field (void)
{
  gsize size = 10 * MIB;
  g_autoptr(GString) text = g_string_new ("email,role\nok@limits.example,read\n\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;

  for (gsize i = 0; i < size; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "@limits.example\",read\n");
  rows = od_csv_parse_invitations_data (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpuint (g_array_index (rows, OdCsvRow, 1).line, ==, 3);
  g_assert_cmpuint (strlen (g_array_index (rows, OdCsvRow, 1).email), ==, size + strlen ("@limits.example"));
  g_clear_pointer (&rows, g_array_unref);

  /* The same without its closing quote. */
  g_string_truncate (text, text->len - strlen ("\",read\n"));
  rows = od_csv_parse_invitations_data (text->str, text->len, &error);
  g_assert_null (rows);
  g_assert_error (error, OD_CSV_ERROR, OD_CSV_ERROR_UNTERMINATED_QUOTE);
  assert_message (error, "starts on line 3 has no closing quote");
}

/* A 5 MB update body is refused when posting and when editing, with the limit in the message. */
static void
test_update_too_long (Fixture *f, gconstpointer data)
{
  gsize size = 5 * MIB;
  g_autofree char *body = g_malloc (size + 1);
  g_autofree char *at_limit = g_strnfill (OD_UPDATE_MAX_CONTENT_LENGTH, 'y');
  g_autoptr(GError) error = NULL;
  g_autoptr(OdUpdate) update = NULL;
  g_autoptr(OdUpdate) refused = NULL;
  g_autoptr(GListModel) updates = NULL;
  guint journal;

  memset (body, 'z', size);
  body[size] = '\0';
  journal = n_journal_entries (f);

  refused = od_repository_post_update (f->repo, f->owner, 0, "Too long", body, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_TOO_LONG);
  assert_message (error, "is 5242880 characters long; an update may have at most 65536");
  assert_message (error, "Shorten it");
  g_clear_error (&error);
  g_assert_cmpuint (n_journal_entries (f), ==, journal);

  /* Characters, not bytes: 65,536 two-byte characters are accepted, one more is not. */
  update = od_repository_post_update (f->repo, f->owner, 0, "At the limit", at_limit, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (od_repository_edit_update (f->repo, f->owner, od_update_get_id (update), "Edited", body, &error));
  g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_TOO_LONG);
  g_clear_error (&error);
  {
    GString *accents = g_string_new (NULL);
    g_autofree char *text = NULL;

    for (guint i = 0; i < OD_UPDATE_MAX_CONTENT_LENGTH; i++)
      g_string_append (accents, "é");
    g_assert_true (od_repository_edit_update (f->repo, f->owner, od_update_get_id (update), "Accents",
                                              accents->str, &error));
    g_assert_no_error (error);
    g_string_append (accents, "é");
    text = g_string_free (accents, FALSE);
    g_assert_false (od_repository_edit_update (f->repo, f->owner, od_update_get_id (update), "More", text, &error));
    g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_TOO_LONG);
    g_clear_error (&error);
  }

  updates = od_repository_list_updates (f->repo, od_organization_get_id (f->org), -1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (updates), ==, 1);
  {
    g_autoptr(OdUpdate) kept = g_list_model_get_item (updates, 0);
    g_assert_cmpstr (od_update_get_title (kept), ==, "Accents");
  }
}

static char *
host_name (guint i)
{
  return g_strdup_printf ("host%u.limits.example", i);
}

/* The block list holds OD_WEBSITE_MAX_DENIED websites: one more is refused by every path. */
static void
test_websites_limit (void)
{
  g_autoptr(OdSettings) settings = g_object_new (OD_TYPE_SETTINGS, "organization-id", (gint64) 1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) file = g_string_new ("example.org\n");
  g_autoptr(GListModel) review = NULL;
  OdWebsite *added;

  for (guint i = 0; i < OD_WEBSITE_MAX_DENIED - 1; i++)
    {
      g_autofree char *host = host_name (i);
      g_assert_nonnull (od_settings_add_website (settings, host, &error));
      g_assert_no_error (error);
    }

  /* A file that adds one more than room is left: all of it refused, the list as it was. */
  g_string_append (file, "example.net\n");
  review = od_settings_review_websites (settings, file->str, file->len, &error);
  g_assert_null (review);
  g_assert_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_TOO_MANY);
  assert_message (error, "would number 50001 (49999 now and 2 more), more than the 50000 a policy can hold");
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_websites (settings)), ==, OD_WEBSITE_MAX_DENIED - 1);

  /* Duplicates and hosts already denied do not count. */
  g_string_assign (file, "example.org\nexample.org\nhttps://host7.limits.example/\n");
  review = od_settings_review_websites (settings, file->str, file->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (od_settings_add_reviewed_websites (settings, review), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_websites (settings)), ==, OD_WEBSITE_MAX_DENIED);

  added = od_settings_add_website (settings, "one-more.example", &error);
  g_assert_null (added);
  g_assert_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_TOO_MANY);
  assert_message (error, "(50000 now and 1 more)");
  g_clear_error (&error);
  /* A website already in the list is still reported as such. */
  g_assert_null (od_settings_add_website (settings, "host1.limits.example", &error));
  g_assert_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_DUPLICATE);
}

/* The current settings as a document, without the time it was made. */
static char *
current_policy (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = od_policy_export (f->repo, od_organization_get_id (f->org), &error);
  g_autofree char *head = NULL;
  const char *line;

  g_assert_no_error (error);
  line = strstr (text, "\"generated_at\"");
  g_assert_nonnull (line);
  head = g_strndup (text, line - text);
  return g_strconcat (head, strchr (line, '\n'), NULL);
}

static char *
policy_with_websites (Fixture *f,
                      guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = od_policy_export (f->repo, od_organization_get_id (f->org), &error);
  g_autoptr(GString) list = g_string_new ("\"denied_websites\" : [");
  const char *marker = "\"denied_websites\" : []";
  char *at;

  g_assert_no_error (error);
  at = strstr (exported, marker);
  g_assert_nonnull (at);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (list, "%s{\"url\": \"host%u.limits.example\"}", i ? ", " : "", i);
  g_string_append_c (list, ']');
  *at = '\0';
  return g_strconcat (exported, list->str, at + strlen (marker), NULL);
}

/* 60 MB and 100,000 levels of brackets are refused before json-glib parses them; a list of
 * denied websites over the limit is an issue at its path. Nothing is applied. */
static void
test_policy_limits (Fixture *f, gconstpointer data)
{
  gint64 org_id = od_organization_get_id (f->org);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) issues = NULL;
  g_autofree char *before = current_policy (f);
  g_autofree char *after = NULL;
  g_autofree char *huge = NULL;
  g_autofree char *many = NULL;
  guint journal = n_journal_entries (f);
  gsize size = 60 * MIB;

  huge = g_malloc (size + 1);
  memset (huge, ' ', size);
  huge[0] = '{';
  huge[size - 1] = '}';
  huge[size] = '\0';
  g_assert_false (od_policy_import (f->repo, f->owner, org_id, huge, size, FALSE, &issues, NULL, &error));
  g_assert_error (error, OD_POLICY_ERROR, OD_POLICY_ERROR_TOO_LARGE);
  assert_message (error, "The policy document is 60.0\u00a0MiB (62914560 bytes); documents larger than 16 MiB are refused");
  g_assert_cmpuint (g_list_model_get_n_items (issues), ==, 0);
  g_clear_error (&error);
  g_clear_object (&issues);
  g_assert_false (od_policy_check_size (OD_POLICY_MAX_BYTES + 1, NULL));
  g_assert_true (od_policy_check_size (OD_POLICY_MAX_BYTES, NULL));

  {
    g_autoptr(GString) text = g_string_new ("{\"schema_version\": 1,\n \"x\": ");
    for (guint i = 0; i < 100000; i++)
      g_string_append_c (text, '[');
    for (guint i = 0; i < 100000; i++)
      g_string_append_c (text, ']');
    g_string_append_c (text, '}');
    g_assert_false (od_policy_import (f->repo, f->owner, org_id, text->str, text->len, FALSE, &issues, NULL, &error));
  }
  g_assert_error (error, OD_POLICY_ERROR, OD_POLICY_ERROR_TOO_LARGE);
  assert_message (error, "Line 2 nests arrays and objects more than 32 levels deep");
  g_clear_error (&error);
  g_clear_object (&issues);

  many = policy_with_websites (f, OD_WEBSITE_MAX_DENIED + 1);
  g_assert_false (od_policy_import (f->repo, f->owner, org_id, many, -1, FALSE, &issues, NULL, &error));
  g_assert_error (error, OD_POLICY_ERROR, OD_POLICY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (issues), ==, 1);
  {
    g_autoptr(OdPolicyIssue) issue = g_list_model_get_item (issues, 0);
    g_assert_cmpstr (od_policy_issue_get_path (issue), ==,
                     "$.external_provider.denied_workstream_pattern_engine_websites.denied_websites");
    g_assert_nonnull (strstr (od_policy_issue_get_message (issue),
                              "lists 50001 denied websites, more than the 50000 a policy can hold"));
  }

  after = current_policy (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (n_journal_entries (f), ==, journal);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/limits/csv/too-large", test_csv_too_large);
  g_test_add_func ("/limits/csv/huge-field", test_csv_huge_field);
  g_test_add ("/limits/update/too-long", Fixture, NULL, fixture_set_up, test_update_too_long, fixture_tear_down);
  g_test_add_func ("/limits/websites/list", test_websites_limit);
  g_test_add ("/limits/policy", Fixture, NULL, fixture_set_up, test_policy_limits, fixture_tear_down);
  return g_test_run ();
}
