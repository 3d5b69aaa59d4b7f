/* test-policy.c — the policy document: golden files for a fresh and a configured organization,
 * import with every problem at its JSON path (a table of invalid documents), round trips, the
 * diff, publishing (atomic files, monotonic revisions), history and restore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ORGDESK_UPDATE_GOLDEN=1 rewrites the golden files from what the code produces.
 */
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "od-catalogue.h"
#include "od-error.h"
#include "od-journal-entry.h"
#include "od-policy.h"
#include "od-settings.h"

#include "settings-test-util.h"

#define CLOUD_MODELS "$.external_provider.allowed_cloud_models"
#define SOURCES_KEY "external_provider.denied_workstream_pattern_engine_sources"
#define WEBSITES_KEY "external_provider.denied_workstream_pattern_engine_websites"
#define SOURCES "$." SOURCES_KEY
#define WEBSITES "$." WEBSITES_KEY

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static JsonNode *
export_document (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = od_policy_export (f->repo, org_id (f), &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (text, "}\n"));
  return parse (text);
}

/* The volatile member becomes a fixed text. */
static void
normalize (JsonNode *document)
{
  JsonObject *root = json_node_get_object (document);

  g_assert_true (json_object_has_member (root, "generated_at"));
  json_object_set_string_member (root, "generated_at", "<generated_at>");
}

static char *
pretty (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static void
assert_golden (JsonNode *document, const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "settings", "golden", name, NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected_text = NULL;
  g_autoptr(JsonNode) expected = NULL;

  normalize (document);
  text = pretty (document);
  if (g_strcmp0 (g_getenv ("ORGDESK_UPDATE_GOLDEN"), "1") == 0)
    {
      g_autofree char *with_newline = g_strconcat (text, "\n", NULL);
      g_assert_true (g_file_set_contents (path, with_newline, -1, NULL));
    }
  g_assert_true (g_file_get_contents (path, &expected_text, NULL, NULL));
  expected = parse (expected_text);
  if (!json_node_equal (expected, document))
    g_error ("%s differs from the document built now:\n%s", path, text);
}

/* The settings used by the "configured" golden file and the round trip. */
static void
configure (Fixture *f)
{
  static const char * const ids[] = { "com.acme.ide", "acme-ide.exe", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OdSettings) s = od_settings_load (f->repo, org_id (f), &error);

  g_assert_no_error (error);
  od_settings_set_external_cloud (s, FALSE);
  od_settings_set_telemetry (s, FALSE);
  od_settings_set_processing_mode (s, OD_PROCESSING_BLENDED);
  od_settings_set_customize_models (s, TRUE);
  od_settings_set_all_models_checked (s, FALSE);
  od_model_set_checked (od_settings_lookup_model (s, "gpt-4.1"), TRUE);
  od_model_set_checked (od_settings_lookup_model (s, "gpt-4.1-mini"), TRUE);
  od_model_set_checked (od_settings_lookup_model (s, "claude-sonnet-4-20250514"), TRUE);
  od_model_set_checked (od_settings_lookup_model (s, "claude-3-5-haiku-20241022"), TRUE);
  od_model_set_checked (od_settings_lookup_model (s, "amazon.nova-pro-v1:0"), TRUE);
  od_provider_set_enabled (od_settings_lookup_provider (s, "bedrock"), FALSE);
  od_settings_set_default_model (s, OD_DEFAULT_MODEL_ACCURATE, "gpt-4.1");
  od_settings_set_default_model (s, OD_DEFAULT_MODEL_FAST, "gpt-4.1-mini");
  od_settings_set_default_model (s, OD_DEFAULT_MODEL_FALLBACK_ACCURATE, "claude-sonnet-4-20250514");
  od_settings_set_default_model (s, OD_DEFAULT_MODEL_FALLBACK_FAST, "claude-3-5-haiku-20241022");
  od_settings_set_manage_sources (s, TRUE);
  od_source_app_set_denied (od_settings_lookup_application (s, "Slack"), TRUE);
  od_source_app_set_denied (od_settings_lookup_application (s, "Discord"), TRUE);
  g_assert_nonnull (od_settings_add_application (s, "Acme IDE", ids, &error));
  od_settings_set_manage_websites (s, TRUE);
  g_assert_nonnull (od_settings_add_website (s, "https://tracker.example.com/pixel", &error));
  g_assert_nonnull (od_settings_add_website (s, "bücher.example", &error));
  g_assert_nonnull (od_settings_add_website (s, "10.20.30.40", &error));
  g_assert_true (od_settings_save (s, f->repo, f->owner, &error));
  g_assert_no_error (error);
}

static void
test_golden_fresh (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) document = export_document (f);

  assert_golden (document, "fresh.json");
}

static void
test_golden_configured (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) document = NULL;

  configure (f);
  document = export_document (f);
  assert_golden (document, "configured.json");
}

/* ---------------------------------------------------------------------------------------------
 * Import
 */

static gboolean
import_text (Fixture *f, const char *text, gboolean dry_run, GListModel **issues, GListModel **changes,
             GError **error)
{
  return od_policy_import (f->repo, f->owner, org_id (f), text, -1, dry_run, issues, changes, error);
}

/* json_node_copy() shares objects and arrays: this copies all the way down. */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return parse (text);
}

static char *
same_document_text (JsonNode *a)
{
  g_autoptr(JsonNode) copy = deep_copy (a);
  JsonObject *root = json_node_get_object (copy);

  json_object_remove_member (root, "generated_at");
  json_object_remove_member (root, "revision");
  json_object_remove_member (root, "organization");
  return json_to_string (copy, FALSE);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) configured = NULL;
  g_autoptr(JsonNode) imported = NULL;
  g_autoptr(OdOrganization) other = NULL;
  g_autoptr(OdMember) other_owner = NULL;
  g_autoptr(GListModel) issues = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  configure (f);
  configured = export_document (f);
  text = od_policy_to_text (configured);

  /* Into another organization, as a template. */
  other = od_repository_create_organization (f->repo, "Globex", "boss@globex.example", "Boss", 5, &error);
  g_assert_no_error (error);
  other_owner = od_repository_get_first_owner (f->repo, od_organization_get_id (other), &error);
  g_assert_true (od_policy_import (f->repo, other_owner, od_organization_get_id (other), text, -1, FALSE,
                                   &issues, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (issues), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (changes), >, 0);

  exported = od_policy_export (f->repo, od_organization_get_id (other), &error);
  imported = parse (exported);
  a = same_document_text (configured);
  b = same_document_text (imported);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (imported),
                                                                                 "organization"), "slug"),
                   ==, "globex");

  /* Importing the same document again changes nothing and journals nothing. */
  {
    guint before = od_repository_count_journal (f->repo, org_id (f), NULL);
    g_autoptr(GListModel) none = NULL;

    g_assert_true (import_text (f, text, FALSE, NULL, &none, &error));
    g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
    g_assert_cmpuint (od_repository_count_journal (f->repo, org_id (f), NULL), ==, before);
  }
}

static void
test_import_applies_and_journals (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) document = export_document (f);
  JsonObject *provider = json_object_get_object_member (json_node_get_object (document), "external_provider");
  JsonObject *websites = json_object_get_object_member (provider, "denied_workstream_pattern_engine_websites");
  JsonObject *sources = json_object_get_object_member (provider, "denied_workstream_pattern_engine_sources");
  JsonArray *list = json_object_get_array_member (websites, "denied_websites");
  JsonArray *apps = json_object_get_array_member (sources, "denied_sources");
  JsonObject *entry = json_object_new ();
  JsonObject *app = json_object_new ();
  JsonArray *ids = json_array_new ();
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdSettings) s = NULL;
  g_autofree char *text = NULL;
  guint before = od_repository_count_journal (f->repo, org_id (f), NULL);

  json_object_set_string_member (entry, "url", "HTTPS://Ads.Example.COM/x");
  json_array_add_object_element (list, entry);
  json_object_set_string_member (websites, "enabled", "ENABLED");
  json_object_set_string_member (app, "application", "slack");
  json_array_add_string_element (ids, "ignored.for.global");
  json_object_set_array_member (app, "bundle_identifiers", ids);
  json_array_add_object_element (apps, app);
  text = json_to_string (document, FALSE);

  /* A dry run reports what would change and writes nothing. */
  g_assert_true (import_text (f, text, TRUE, NULL, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 4);
  g_assert_cmpuint (od_repository_count_journal (f->repo, org_id (f), NULL), ==, before);
  g_clear_object (&changes);

  g_assert_true (import_text (f, text, FALSE, NULL, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (od_repository_count_journal (f->repo, org_id (f), NULL), ==, before + 1);
  {
    g_autoptr(GListModel) j = od_repository_list_journal (f->repo, org_id (f), 1, NULL);
    g_autoptr(OdJournalEntry) e = g_list_model_get_item (j, 0);
    g_assert_cmpstr (od_journal_entry_get_action (e), ==, "policy.import");
    g_assert_nonnull (strstr (od_journal_entry_get_after_json (e), "websites.host.ads.example.com"));
  }
  s = od_settings_load (f->repo, org_id (f), &error);
  g_assert_true (od_settings_get_manage_websites (s));
  g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_websites (s)), ==, 1);
  g_assert_true (od_source_app_get_denied (od_settings_lookup_application (s, "Slack")));
  g_assert_false (od_settings_get_manage_sources (s));
  {
    g_autoptr(OdSettings) copy = od_settings_copy (s);
    g_autoptr(JsonNode) doc = parse (text);
    g_autoptr(GListModel) issues = NULL;

    /* Applying to settings in memory (as a settings page would) leaves unsaved edits only. */
    json_object_set_string_member (json_object_get_object_member (json_object_get_object_member (
      json_node_get_object (doc), "analytics"), "telemetry"), "enabled", "DISABLED");
    g_assert_true (od_policy_apply (copy, doc, &issues));
    g_assert_cmpuint (g_list_model_get_n_items (issues), ==, 0);
    g_assert_false (od_settings_get_telemetry (copy));
    g_assert_true (od_settings_has_changes (copy));
  }
}

/* A path into the document: "a.b[2].c", "list[+]" appends. */
static void
set_at (JsonNode *root, const char *path, const char *json_value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = root;
  guint n = g_strv_length (parts);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup (parts[i]);
      char *bracket = strchr (name, '[');
      gboolean last = i + 1 == n;
      JsonObject *object = json_node_get_object (node);

      if (bracket == NULL)
        {
          if (last)
            {
              if (json_value == NULL)
                json_object_remove_member (object, name);
              else
                json_object_set_member (object, name, parse (json_value));
              return;
            }
          node = json_object_get_member (object, name);
          continue;
        }

      *bracket = '\0';
      {
        JsonArray *array = json_object_get_array_member (object, name);
        const char *index = bracket + 1;

        if (g_str_has_prefix (index, "+]"))
          {
            g_assert_true (last);
            json_array_add_element (array, parse (json_value));
            return;
          }
        node = json_array_get_element (array, (guint) g_ascii_strtoull (index, NULL, 10));
        g_assert_false (last);
      }
    }
}

typedef struct
{
  const char *what;
  const char *changes[8][2];   /* path, JSON value (NULL removes) */
  const char *paths[10];       /* the issues expected, in order */
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "newer schema", { { "schema_version", "2" } }, { "$.schema_version" } },
  { "schema as text", { { "schema_version", "\"1\"" } }, { "$.schema_version" } },
  { "no schema version", { { "schema_version", NULL } }, { "$.schema_version" } },
  { "bad revision and organization", { { "revision", "0" }, { "organization", "\"acme\"" } },
    { "$.organization", "$.revision" } },
  { "unknown top-level member", { { "extra", "true" } }, { "$.extra" } },
  { "no analytics", { { "analytics", NULL } }, { "$.analytics" } },
  { "switch as yes", { { "analytics.telemetry.enabled", "\"yes\"" } }, { "$.analytics.telemetry.enabled" } },
  { "switch missing", { { "analytics.internal_summary_reports", "{}" } },
    { "$.analytics.internal_summary_reports.enabled" } },
  { "external cloud split up", { { "external_cloud.enabled", "\"DISABLED\"" } },
    { "$.external_cloud.cloud_connection.enabled", "$.external_cloud.snippet_sharing.enabled",
      "$.external_cloud.allocation_updates.enabled", "$.external_cloud.backups.create",
      "$.external_cloud.backups.list", "$.external_cloud.backups.restore", "$.external_cloud.backups.delete" } },
  { "backups not an object", { { "external_cloud.backups", "[]" } }, { "$.external_cloud.backups" } },
  { "unknown member deep inside", { { "external_provider.extra", "1" }, { "external_cloud.backups.copy", "\"ENABLED\"" } },
    { "$.external_cloud.backups.copy", "$.external_provider.extra" } },
  { "models that do not exist, twice, or are no string",
    { { "external_provider.allowed_cloud_models.enabled", "\"ENABLED\"" },
      { "external_provider.allowed_cloud_models.allowed_models", "[\"gpt-4.1\", \"gpt-x\", 7, \"gpt-4.1\"]" } },
    { CLOUD_MODELS ".allowed_models[1]", CLOUD_MODELS ".allowed_models[2]", CLOUD_MODELS ".allowed_models[3]" } },
  { "defaults that are not allowed",
    { { "external_provider.allowed_cloud_models.enabled", "\"ENABLED\"" },
      { "external_provider.allowed_cloud_models.allowed_models", "[\"gpt-4.1\"]" },
      { "external_provider.allowed_cloud_models.default_models.accurate", "\"gpt-5\"" },
      { "external_provider.allowed_cloud_models.default_models.fast", "\"gpt-x\"" },
      { "external_provider.allowed_cloud_models.default_models.fallback_fast", "3" } },
    { CLOUD_MODELS ".default_models.accurate", CLOUD_MODELS ".default_models.fast",
      CLOUD_MODELS ".default_models.fallback_fast" } },
  { "a default left out", { { "external_provider.allowed_cloud_models.default_models.fallback_accurate", NULL } },
    { CLOUD_MODELS ".default_models.fallback_accurate" } },
  { "not customizing but listing part of providers",
    { { "external_provider.allowed_cloud_models.allowed_models", "[\"gpt-4.1\", \"gemini-2.5-pro\"]" } },
    { CLOUD_MODELS ".allowed_models", CLOUD_MODELS ".allowed_models" } },
  { "no allowed_models", { { "external_provider.allowed_cloud_models.allowed_models", NULL } },
    { CLOUD_MODELS ".allowed_models" } },
  { "denied sources with problems",
    { { SOURCES_KEY ".denied_sources", "[{\"application\": \"\", \"bundle_identifiers\": []},"
        " {\"application\": \"Custom Tool\", \"bundle_identifiers\": []},"
        " {\"application\": \"Chat\", \"bundle_identifiers\": [\"com.tinyspeck.slackmacgap\"]},"
        " \"Slack\","
        " {\"application\": \"Tool\", \"bundle_identifiers\": [\"ok.id\", \"a,b\"]},"
        " {\"application\": \"custom tool\", \"bundle_identifiers\": [\"x.y\"]}]" } },
    { SOURCES ".denied_sources[0].application", SOURCES ".denied_sources[1].bundle_identifiers",
      SOURCES ".denied_sources[3]", SOURCES ".denied_sources[4].bundle_identifiers[1]",
      SOURCES ".denied_sources[5].application", SOURCES ".denied_sources[2].bundle_identifiers[0]" } },
  { "denied websites with problems",
    { { WEBSITES_KEY ".denied_websites", "[{\"url\": \"bad host\"}, {\"url\": \"example.com\"},"
        " {\"url\": \"HTTPS://EXAMPLE.COM/x\"}, {\"host\": \"a.example\"}, {\"url\": 5}, \"b.example\","
        " {\"url\": \"*.wild.example\"}]" } },
    { WEBSITES ".denied_websites[0].url", WEBSITES ".denied_websites[2].url", WEBSITES ".denied_websites[3].host",
      WEBSITES ".denied_websites[3].url", WEBSITES ".denied_websites[4].url", WEBSITES ".denied_websites[5]",
      WEBSITES ".denied_websites[6].url" } },
  { "processing mode unknown and switch missing",
    { { "external_provider.processing.processing", "\"TURBO\"" }, { "external_provider.processing.enabled", NULL } },
    { "$.external_provider.processing.enabled", "$.external_provider.processing.processing" } },
  { "problems everywhere at once",
    { { "extra", "1" }, { "analytics.telemetry.enabled", "true" },
      { "external_provider.allowed_cloud_models.default_models.fast", "\"gpt-x\"" },
      { WEBSITES_KEY ".denied_websites", "[{\"url\": \"localhost\"}]" },
      { "external_provider.processing.processing", "\"local\"" } },
    { "$.extra", "$.analytics.telemetry.enabled", CLOUD_MODELS ".default_models.fast",
      WEBSITES ".denied_websites[0].url", "$.external_provider.processing.processing" } },
};

static void
test_import_invalid_table (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) base = export_document (f);
  g_autofree char *before_text = same_document_text (base);
  guint journal_before = od_repository_count_journal (f->repo, org_id (f), NULL);

  for (guint c = 0; c < G_N_ELEMENTS (invalid_cases); c++)
    {
      const InvalidCase *t = &invalid_cases[c];
      g_autoptr(JsonNode) doc = deep_copy (base);
      g_autoptr(GListModel) issues = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      guint n_expected = 0;

      for (guint i = 0; i < G_N_ELEMENTS (t->changes) && t->changes[i][0]; i++)
        set_at (doc, t->changes[i][0], t->changes[i][1]);
      text = json_to_string (doc, FALSE);

      g_assert_false (import_text (f, text, FALSE, &issues, NULL, &error));
      g_assert_error (error, OD_POLICY_ERROR, OD_POLICY_ERROR_INVALID);
      while (n_expected < G_N_ELEMENTS (t->paths) && t->paths[n_expected])
        n_expected++;
      if (g_list_model_get_n_items (issues) != n_expected)
        {
          for (guint i = 0; i < g_list_model_get_n_items (issues); i++)
            {
              g_autoptr(OdPolicyIssue) issue = g_list_model_get_item (issues, i);
              g_autofree char *line = od_policy_issue_to_string (issue);
              g_printerr ("  %s\n", line);
            }
          g_error ("“%s”: %u problems instead of %u", t->what, g_list_model_get_n_items (issues), n_expected);
        }
      for (guint i = 0; i < n_expected; i++)
        {
          g_autoptr(OdPolicyIssue) issue = g_list_model_get_item (issues, i);

          if (!g_str_equal (od_policy_issue_get_path (issue), t->paths[i]))
            g_error ("“%s”, problem %u: %s instead of %s (%s)", t->what, i, od_policy_issue_get_path (issue),
                     t->paths[i], od_policy_issue_get_message (issue));
          g_assert_cmpstr (od_policy_issue_get_message (issue), !=, "");
        }
    }

  /* The example of the issue, word for word where it matters. */
  {
    g_autoptr(JsonNode) doc = deep_copy (base);
    g_autoptr(GListModel) issues = NULL;
    g_autoptr(OdPolicyIssue) issue = NULL;
    g_autofree char *text = NULL;
    g_autofree char *line = NULL;

    set_at (doc, "external_provider.allowed_cloud_models.enabled", "\"ENABLED\"");
    set_at (doc, "external_provider.allowed_cloud_models.allowed_models", "[\"gpt-4.1\"]");
    set_at (doc, "external_provider.allowed_cloud_models.default_models.fast", "\"gpt-4o-mini\"");
    text = json_to_string (doc, FALSE);
    g_assert_false (import_text (f, text, FALSE, &issues, NULL, NULL));
    issue = g_list_model_get_item (issues, 0);
    line = od_policy_issue_to_string (issue);
    g_assert_true (g_str_has_prefix (line, CLOUD_MODELS ".default_models.fast: “gpt-4o-mini” is not an allowed model"));
  }

  /* Not JSON, or not an object. */
  {
    g_autoptr(GListModel) issues = NULL;
    g_autoptr(OdPolicyIssue) issue = NULL;

    g_assert_false (import_text (f, "{\"schema_version\": 1,", FALSE, &issues, NULL, NULL));
    g_assert_cmpuint (g_list_model_get_n_items (issues), ==, 1);
    issue = g_list_model_get_item (issues, 0);
    g_assert_cmpstr (od_policy_issue_get_path (issue), ==, "$");
    g_clear_object (&issues);
    g_clear_object (&issue);
    g_assert_false (import_text (f, "[1, 2]", FALSE, &issues, NULL, NULL));
    issue = g_list_model_get_item (issues, 0);
    g_assert_cmpstr (od_policy_issue_get_path (issue), ==, "$");
  }

  /* Nothing was applied by any of them. */
  {
    g_autoptr(JsonNode) after = export_document (f);
    g_autofree char *after_text = same_document_text (after);
    g_assert_cmpstr (before_text, ==, after_text);
    g_assert_cmpuint (od_repository_count_journal (f->repo, org_id (f), NULL), ==, journal_before);
  }
}

static void
test_import_permission (Fixture *f, gconstpointer data)
{
  g_autoptr(OdMember) writer = add_member (f, "writer@acme.example", OD_ROLE_WRITE);
  g_autoptr(JsonNode) doc = export_document (f);
  g_autofree char *text = json_to_string (doc, FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_false (od_policy_import (f->repo, writer, org_id (f), text, -1, FALSE, NULL, NULL, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
}

/* ---------------------------------------------------------------------------------------------
 * Diff
 */

static void
test_diff (void)
{
  g_autoptr(JsonNode) old_doc = parse ("{\"revision\": 1, \"generated_at\": \"x\", \"a\": {\"b\": \"ENABLED\"},"
                                       " \"list\": [\"one\", \"two\"], \"objs\": [{\"url\": \"a.example\"}]}");
  g_autoptr(JsonNode) new_doc = parse ("{\"revision\": 2, \"generated_at\": \"y\", \"a\": {\"b\": \"DISABLED\"},"
                                       " \"list\": [\"two\", \"three\"], \"objs\": [{\"url\": \"a.example\"}],"
                                       " \"c\": null}");
  static const char * const expected[] = {
    "- $.a.b: \"ENABLED\"",
    "+ $.a.b: \"DISABLED\"",
    "- $.list[]: \"one\"",
    "+ $.list[]: \"three\"",
    "+ $.c: null",
    NULL,
  };
  g_autoptr(GListModel) changes = od_policy_diff (old_doc, new_doc);
  g_autoptr(GListModel) same = od_policy_diff (old_doc, old_doc);
  g_autoptr(GListModel) all = od_policy_diff (NULL, old_doc);

  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, g_strv_length ((GStrv) expected));
  for (guint i = 0; expected[i]; i++)
    {
      g_autoptr(OdPolicyChange) change = g_list_model_get_item (changes, i);
      g_autofree char *line = od_policy_change_to_string (change);
      g_assert_cmpstr (line, ==, expected[i]);
    }
  g_assert_cmpuint (g_list_model_get_n_items (same), ==, 0);
  /* revision and generated_at are never part of a diff */
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 4);
}

/* ---------------------------------------------------------------------------------------------
 * Publishing, history, restore
 */

static char *
read_file (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

static void
test_publish (Fixture *f, gconstpointer data)
{
  g_autofree char *folder = g_build_filename (f->dir, "published", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdPolicyRevision) r1 = NULL;
  g_autoptr(OdPolicyRevision) again = NULL;
  g_autoptr(OdPolicyRevision) r2 = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(OdSettings) s = NULL;
  g_autofree char *r1_text = NULL;
  g_autofree char *stable = NULL;
  g_autoptr(JsonNode) r1_doc = NULL;

  /* A folder that does not exist is refused, and nothing is recorded. */
  g_assert_null (od_policy_publish (f->repo, f->owner, org_id (f), folder, NULL, &error));
  g_assert_error (error, OD_POLICY_ERROR, OD_POLICY_ERROR_FOLDER);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM policy_revisions"), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);

  r1 = od_policy_publish (f->repo, f->owner, org_id (f), folder, &changes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_policy_revision_get_revision (r1), ==, 1);
  g_assert_cmpstr (od_policy_revision_get_file_name (r1), ==, "orgdesk-policy-acme-tools-r1.json");
  g_assert_cmpstr (od_policy_revision_get_published_by_name (r1), ==, "Olive Owner");
  g_assert_cmpuint (g_list_model_get_n_items (changes), >, 30);   /* everything is new */
  g_clear_object (&changes);

  r1_text = read_file (folder, "orgdesk-policy-acme-tools-r1.json");
  stable = read_file (folder, "orgdesk-policy-acme-tools.json");
  g_assert_cmpstr (r1_text, ==, od_policy_revision_get_document (r1));
  g_assert_cmpstr (stable, ==, r1_text);
  r1_doc = parse (r1_text);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (r1_doc), "revision"), ==, 1);
  g_assert_cmpuint (count_files (folder), ==, 2);   /* no temporary file left behind */

  /* Unchanged: nothing new, the same revision. */
  again = od_policy_publish (f->repo, f->owner, org_id (f), folder, &changes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_policy_revision_get_revision (again), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 0);
  g_clear_object (&changes);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM policy_revisions"), ==, 1);

  /* A change makes revision 2, with its diff; revision 1 stays. */
  s = od_settings_load (f->repo, org_id (f), &error);
  od_settings_set_telemetry (s, FALSE);
  g_assert_nonnull (od_settings_add_website (s, "blocked.example", NULL));
  g_assert_true (od_settings_save (s, f->repo, f->owner, &error));
  {
    g_autoptr(GListModel) pending = od_policy_diff_unpublished (f->repo, org_id (f), &error);
    g_assert_cmpuint (g_list_model_get_n_items (pending), ==, 3);
  }
  r2 = od_policy_publish (f->repo, f->owner, org_id (f), folder, &changes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_policy_revision_get_revision (r2), ==, 2);
  {
    static const char * const expected[] = {
      "- $.analytics.telemetry.enabled: \"ENABLED\"",
      "+ $.analytics.telemetry.enabled: \"DISABLED\"",
      "+ " WEBSITES ".denied_websites[]: {\"url\":\"blocked.example\"}",
      NULL,
    };
    g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 3);
    for (guint i = 0; expected[i]; i++)
      {
        g_autoptr(OdPolicyChange) change = g_list_model_get_item (changes, i);
        g_autofree char *line = od_policy_change_to_string (change);
        g_assert_cmpstr (line, ==, expected[i]);
      }
  }
  g_clear_pointer (&stable, g_free);
  stable = read_file (folder, "orgdesk-policy-acme-tools.json");
  g_assert_cmpstr (stable, ==, od_policy_revision_get_document (r2));
  {
    g_autofree char *still = read_file (folder, "orgdesk-policy-acme-tools-r1.json");
    g_assert_cmpstr (still, ==, r1_text);
  }
  g_assert_cmpuint (count_files (folder), ==, 3);

  history = od_policy_list_revisions (f->repo, org_id (f), &error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  {
    g_autoptr(OdPolicyRevision) newest = g_list_model_get_item (history, 0);
    g_assert_cmpint (od_policy_revision_get_revision (newest), ==, 2);
  }
  {
    g_autoptr(GListModel) j = od_repository_list_journal (f->repo, org_id (f), 1, NULL);
    g_autoptr(OdJournalEntry) e = g_list_model_get_item (j, 0);
    g_assert_cmpstr (od_journal_entry_get_action (e), ==, "policy.publish");
    g_assert_cmpstr (od_journal_entry_get_target (e), ==, "revision 2");
  }

  /* Revisions only increase, and a published one never changes, whoever writes the file. */
  {
    sqlite3 *db = NULL;
    g_autofree char *sql = g_strdup_printf (
      "INSERT INTO policy_revisions (organization_id, revision, document, published_at, published_by_name,"
      " folder, file_name) VALUES (%lld, 2, '{}', 0, 'x', '/', 'f')", (long long) org_id (f));
    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), !=, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE policy_revisions SET document = '{}'", NULL, NULL, NULL), !=, SQLITE_OK);
    sqlite3_close (db);
  }

  /* Publishing needs the Admin role. */
  {
    g_autoptr(OdMember) writer = add_member (f, "writer@acme.example", OD_ROLE_WRITE);
    g_autoptr(OdPolicyRevision) refused = NULL;

    od_settings_set_telemetry (s, TRUE);
    g_assert_true (od_settings_save (s, f->repo, f->owner, &error));
    refused = od_policy_publish (f->repo, writer, org_id (f), folder, NULL, &error);
    g_assert_null (refused);
    g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
    g_clear_error (&error);
    g_assert_cmpuint (count_files (folder), ==, 3);
  }
}

static void
test_publish_async (Fixture *f, gconstpointer data)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(OdPolicyRevision) revision = NULL;

  od_policy_publish_async (f->repo, f->owner, org_id (f), f->dir, NULL, store_result_cb, &result);
  revision = od_policy_publish_finish (f->repo, wait_for_result (&result), &changes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (od_policy_revision_get_revision (revision), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (changes), >, 0);
  g_clear_object (&result);
}

static void
test_restore (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdPolicyRevision) r1 = NULL;
  g_autoptr(OdPolicyRevision) r2 = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(JsonNode) r1_doc = NULL;
  g_autoptr(JsonNode) now = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  configure (f);
  r1 = od_policy_publish (f->repo, f->owner, org_id (f), f->dir, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(OdSettings) s = od_settings_load (f->repo, org_id (f), &error);
    od_settings_set_customize_models (s, FALSE);
    od_settings_set_manage_sources (s, FALSE);
    g_assert_true (od_settings_remove_website (s, "10.20.30.40", &error));
    g_assert_true (od_settings_save (s, f->repo, f->owner, &error));
  }
  r2 = od_policy_publish (f->repo, f->owner, org_id (f), f->dir, NULL, &error);
  g_assert_cmpint (od_policy_revision_get_revision (r2), ==, 2);

  g_assert_true (od_policy_restore (f->repo, f->owner, org_id (f), 1, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (changes), >, 0);
  r1_doc = parse (od_policy_revision_get_document (r1));
  now = export_document (f);
  a = same_document_text (r1_doc);
  b = same_document_text (now);
  g_assert_cmpstr (a, ==, b);
  /* The draft is the next revision. */
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (now), "revision"), ==, 3);
  {
    g_autoptr(GListModel) j = od_repository_list_journal (f->repo, org_id (f), 1, NULL);
    g_autoptr(OdJournalEntry) e = g_list_model_get_item (j, 0);
    g_assert_cmpstr (od_journal_entry_get_action (e), ==, "policy.restore");
    g_assert_cmpstr (od_journal_entry_get_target (e), ==, "revision 1");
  }

  g_assert_false (od_policy_restore (f->repo, f->owner, org_id (f), 9, NULL, &error));
  g_assert_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/policy/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("golden/fresh", test_golden_fresh);
  ADD ("golden/configured", test_golden_configured);
  ADD ("import/round-trip", test_round_trip);
  ADD ("import/applies-and-journals", test_import_applies_and_journals);
  ADD ("import/invalid-table", test_import_invalid_table);
  ADD ("import/permission", test_import_permission);
  g_test_add_func ("/policy/diff", test_diff);
  ADD ("publish/files-and-revisions", test_publish);
  ADD ("publish/async", test_publish_async);
  ADD ("restore", test_restore);

  return g_test_run ();
}
