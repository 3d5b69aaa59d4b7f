/* test-settings.c — the rules of each settings tab, in the core: features, the models allow-list
 * and defaults, application sources, denied websites (normalizing, duplicates, the import
 * review), saving (permission, one journal row, merging with concurrent edits), the catalogue,
 * the credential forms, and migration 2 on an existing database. No keyring is needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "od-catalogue.h"
#include "od-credential-store.h"
#include "od-error.h"
#include "od-journal-entry.h"
#include "od-policy-issue.h"
#include "od-schema.h"
#include "od-settings.h"
#include "od-website.h"
#include "od-website-import.h"

#include "settings-test-util.h"

static OdSettings *
load (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  OdSettings *settings = od_settings_load (f->repo, org_id (f), &error);

  g_assert_no_error (error);
  g_assert_nonnull (settings);
  return settings;
}

static void
save (Fixture *f, OdSettings *settings)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (od_settings_save (settings, f->repo, f->owner, &error));
  g_assert_no_error (error);
}

static guint
journal_count (Fixture *f)
{
  return od_repository_count_journal (f->repo, org_id (f), NULL);
}

static OdJournalEntry *
last_journal (Fixture *f)
{
  g_autoptr(GListModel) j = od_repository_list_journal (f->repo, org_id (f), 1, NULL);
  return g_list_model_get_item (j, 0);
}

static guint
count_allowed (OdSettings *settings)
{
  g_auto(GStrv) allowed = od_settings_dup_allowed_models (settings);
  return g_strv_length (allowed);
}

static guint
count_models_of (const char *provider)
{
  const OdCatalogueModel *models;
  guint n, count = 0;

  models = od_catalogue_get_models (&n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (models[i].provider, provider))
      count++;
  return count;
}

/* ---------------------------------------------------------------------------------------------
 * The catalogue
 */

static void
test_catalogue (void)
{
  static const char * const expected_providers[] = { "openai", "anthropic", "gemini", "azure-openai", "bedrock", NULL };
  static const char * const expected_apps[] = {
    "Visual Studio Code", "IntelliJ IDEA", "PyCharm", "Slack", "Google Chrome", "Firefox", "Terminal", NULL,
  };
  const OdCatalogueProvider *providers;
  const OdCatalogueModel *models;
  const OdCatalogueApplication *apps;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_providers, n_models, n_apps;

  providers = od_catalogue_get_providers (&n_providers);
  g_assert_cmpuint (n_providers, ==, g_strv_length ((GStrv) expected_providers));
  for (guint i = 0; i < n_providers; i++)
    {
      guint accurate = 0, fast = 0;

      g_assert_cmpstr (providers[i].id, ==, expected_providers[i]);
      models = od_catalogue_get_models (&n_models);
      for (guint k = 0; k < n_models; k++)
        if (g_str_equal (models[k].provider, providers[i].id))
          {
            if (models[k].badge == OD_MODEL_BADGE_ACCURATE)
              accurate++;
            else if (models[k].badge == OD_MODEL_BADGE_FAST)
              fast++;
          }
      /* Every provider offers a model for each default. */
      g_assert_cmpuint (accurate, >, 0);
      g_assert_cmpuint (fast, >, 0);
    }
  g_assert_cmpstr (od_catalogue_lookup_provider ("azure-openai")->name, ==, "Azure OpenAI");

  models = od_catalogue_get_models (&n_models);
  g_assert_cmpuint (n_models, >=, 20);
  for (guint i = 0; i < n_models; i++)
    {
      g_assert_true (g_hash_table_add (ids, (gpointer) models[i].id));
      g_assert_cmpstr (models[i].name, !=, "");
      g_assert_cmpstr (models[i].description, !=, "");
      g_assert_true (od_catalogue_lookup_model (models[i].id) == &models[i]);
    }
  g_assert_nonnull (od_catalogue_lookup_model ("gpt-4.1"));
  g_assert_cmpstr (od_model_badge_to_string (od_catalogue_lookup_model ("gpt-4.1-mini")->badge), ==, "Fast");
  g_assert_null (od_catalogue_lookup_model ("gpt-x"));

  apps = od_catalogue_get_applications (&n_apps);
  g_assert_cmpuint (n_apps, >=, 20);
  for (guint i = 0; expected_apps[i]; i++)
    g_assert_nonnull (od_catalogue_find_application (expected_apps[i]));
  g_assert_true (od_catalogue_find_application ("  slack ") == od_catalogue_lookup_application ("slack"));
  g_assert_true (g_strv_contains (od_catalogue_lookup_application ("vscode")->bundle_ids, "com.microsoft.VSCode"));
  for (guint i = 0; i < n_apps; i++)
    g_assert_nonnull (apps[i].bundle_ids[0]);
}

/* ---------------------------------------------------------------------------------------------
 * Features
 */

static void
test_defaults (Fixture *f, gconstpointer data)
{
  g_autoptr(OdSettings) s = load (f);
  guint n_apps;

  od_catalogue_get_applications (&n_apps);
  g_assert_true (od_settings_get_external_cloud (s));
  g_assert_true (od_settings_get_telemetry (s));
  g_assert_true (od_settings_get_summary_reports (s));
  g_assert_true (od_settings_get_processing_enabled (s));
  g_assert_cmpint (od_settings_get_processing_mode (s), ==, OD_PROCESSING_LOCAL);
  g_assert_false (od_settings_get_customize_models (s));
  g_assert_cmpuint (count_allowed (s), ==, g_list_model_get_n_items (od_settings_get_models (s)));
  for (guint i = OD_DEFAULT_MODEL_ACCURATE; i <= OD_DEFAULT_MODEL_FALLBACK_FAST; i++)
    g_assert_null (od_settings_get_default_model (s, i));
  g_assert_false (od_settings_get_manage_sources (s));
  g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_applications (s)), ==, n_apps);
  g_assert_false (od_settings_get_manage_websites (s));
  g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_websites (s)), ==, 0);
  g_assert_false (od_settings_has_changes (s));

  /* Nothing to save writes nothing. */
  save (f, s);
  g_assert_cmpuint (journal_count (f), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM organization_settings"), ==, 0);
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_features (Fixture *f, gconstpointer data)
{
  g_autoptr(OdSettings) s = load (f);
  g_autoptr(OdSettings) again = NULL;
  g_autoptr(OdJournalEntry) entry = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  guint notified = 0;

  g_signal_connect (s, "notify::telemetry", G_CALLBACK (count_notify_cb), &notified);
  od_settings_set_telemetry (s, TRUE);
  g_assert_cmpuint (notified, ==, 0);   /* no change, no notification */
  od_settings_set_telemetry (s, FALSE);
  g_object_set (s, "telemetry", FALSE, NULL);
  g_assert_cmpuint (notified, ==, 1);

  od_settings_set_external_cloud (s, FALSE);
  od_settings_set_summary_reports (s, FALSE);
  od_settings_set_processing_mode (s, OD_PROCESSING_BLENDED);
  g_assert_true (od_settings_has_changes (s));
  save (f, s);
  g_assert_false (od_settings_has_changes (s));

  entry = last_journal (f);
  g_assert_cmpstr (od_journal_entry_get_action (entry), ==, "settings.update");
  g_assert_cmpstr (od_journal_entry_get_target (entry), ==, "4 settings");
  before = json_from_string (od_journal_entry_get_before_json (entry), NULL);
  after = json_from_string (od_journal_entry_get_after_json (entry), NULL);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (before), "features.telemetry"));
  g_assert_false (json_object_get_boolean_member (json_node_get_object (after), "features.telemetry"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (after), "processing.mode"), ==, "blended");
  g_assert_cmpuint (json_object_get_size (json_node_get_object (after)), ==, 4);

  again = load (f);
  g_assert_false (od_settings_get_telemetry (again));
  g_assert_false (od_settings_get_external_cloud (again));
  g_assert_false (od_settings_get_summary_reports (again));
  g_assert_true (od_settings_get_processing_enabled (again));
  g_assert_cmpint (od_settings_get_processing_mode (again), ==, OD_PROCESSING_BLENDED);

  g_assert_cmpint (od_processing_mode_from_string ("CLOUD"), ==, OD_PROCESSING_CLOUD);
  g_assert_cmpint (od_processing_mode_from_string ("hybrid"), ==, 0);
}

/* ---------------------------------------------------------------------------------------------
 * Models
 */

static void
test_models_allow_list (Fixture *f, gconstpointer data)
{
  g_autoptr(OdSettings) s = load (f);
  OdProvider *openai = od_settings_lookup_provider (s, "openai");
  OdModel *gpt41 = od_settings_lookup_model (s, "gpt-4.1");
  OdModel *sonnet = od_settings_lookup_model (s, "claude-sonnet-4-20250514");
  guint all = g_list_model_get_n_items (od_settings_get_models (s));
  guint notified = 0;

  g_assert_nonnull (openai);
  g_assert_nonnull (gpt41);
  g_signal_connect (gpt41, "notify::allowed", G_CALLBACK (count_notify_cb), &notified);

  /* Customizing off: a check does not matter, a provider does. */
  od_model_set_checked (gpt41, FALSE);
  g_assert_true (od_model_get_allowed (gpt41));
  g_assert_cmpuint (notified, ==, 0);
  od_provider_set_enabled (openai, FALSE);
  g_assert_false (od_model_get_allowed (gpt41));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (count_allowed (s), ==, all - count_models_of ("openai"));
  od_provider_set_enabled (openai, TRUE);

  /* Customizing on: the checks of enabled providers. */
  od_settings_set_customize_models (s, TRUE);
  g_assert_false (od_model_get_allowed (gpt41));
  g_assert_true (od_model_get_allowed (sonnet));
  g_assert_cmpuint (count_allowed (s), ==, all - 1);

  /* Toggle all. */
  od_settings_set_all_models_checked (s, FALSE);
  g_assert_cmpuint (count_allowed (s), ==, 0);
  od_settings_set_all_models_checked (s, TRUE);
  g_assert_cmpuint (count_allowed (s), ==, all);
  od_provider_set_enabled (od_settings_lookup_provider (s, "bedrock"), FALSE);
  g_assert_cmpuint (count_allowed (s), ==, all - count_models_of ("bedrock"));
  g_assert_false (od_settings_is_model_allowed (s, "amazon.nova-pro-v1:0"));
  g_assert_false (od_settings_is_model_allowed (s, "no-such-model"));

  od_model_set_checked (gpt41, FALSE);
  save (f, s);
  {
    g_autoptr(OdSettings) again = load (f);
    g_assert_true (od_settings_get_customize_models (again));
    g_assert_false (od_settings_is_model_allowed (again, "gpt-4.1"));
    g_assert_false (od_provider_get_enabled (od_settings_lookup_provider (again, "bedrock")));
    g_assert_cmpuint (count_allowed (again), ==, all - 1 - count_models_of ("bedrock"));
  }
}

static void
assert_issue_paths (GListModel *issues, const char * const *paths)
{
  g_assert_cmpuint (g_list_model_get_n_items (issues), ==, g_strv_length ((GStrv) paths));
  for (guint i = 0; paths[i]; i++)
    {
      g_autoptr(OdPolicyIssue) issue = g_list_model_get_item (issues, i);
      g_assert_cmpstr (od_policy_issue_get_path (issue), ==, paths[i]);
    }
}

static void
test_models_defaults (Fixture *f, gconstpointer data)
{
  static const char * const fast_only[] = { "$.external_provider.allowed_cloud_models.default_models.fast", NULL };
  static const char * const two[] = {
    "$.external_provider.allowed_cloud_models.default_models.accurate",
    "$.external_provider.allowed_cloud_models.default_models.fallback_fast", NULL,
  };
  g_autoptr(OdSettings) s = load (f);
  g_autoptr(GListModel) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdPolicyIssue) first = NULL;
  guint journal_before;

  od_settings_set_default_model (s, OD_DEFAULT_MODEL_ACCURATE, "gpt-4.1");
  od_settings_set_default_model (s, OD_DEFAULT_MODEL_FAST, "gpt-4.1-mini");
  od_settings_set_default_model (s, OD_DEFAULT_MODEL_FALLBACK_ACCURATE, "claude-sonnet-4-20250514");
  od_settings_set_default_model (s, OD_DEFAULT_MODEL_FALLBACK_FAST, "claude-3-5-haiku-20241022");
  issues = od_settings_validate (s);
  g_assert_cmpuint (g_list_model_get_n_items (issues), ==, 0);
  g_clear_object (&issues);
  save (f, s);

  /* Uncheck the default fast model while customizing: it is named. */
  od_settings_set_customize_models (s, TRUE);
  od_model_set_checked (od_settings_lookup_model (s, "gpt-4.1-mini"), FALSE);
  issues = od_settings_validate (s);
  assert_issue_paths (issues, fast_only);
  first = g_list_model_get_item (issues, 0);
  g_assert_nonnull (strstr (od_policy_issue_get_message (first), "“gpt-4.1-mini” is not an allowed model"));
  g_assert_nonnull (strstr (od_policy_issue_get_message (first), "default fast model"));
  g_clear_object (&issues);

  journal_before = journal_count (f);
  g_assert_false (od_settings_save (s, f->repo, f->owner, &error));
  g_assert_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "gpt-4.1-mini"));
  g_assert_cmpuint (journal_count (f), ==, journal_before);
  g_clear_error (&error);

  /* Disabling Anthropic breaks the fallback fast; a model not in the catalogue breaks accurate. */
  od_model_set_checked (od_settings_lookup_model (s, "gpt-4.1-mini"), TRUE);
  od_provider_set_enabled (od_settings_lookup_provider (s, "anthropic"), FALSE);
  od_settings_set_default_model (s, OD_DEFAULT_MODEL_FALLBACK_ACCURATE, NULL);
  od_settings_set_default_model (s, OD_DEFAULT_MODEL_ACCURATE, "gpt-x");
  issues = od_settings_validate (s);
  assert_issue_paths (issues, two);
  g_clear_object (&issues);

  /* Clearing and choosing allowed ones is fine again. */
  od_settings_set_default_model (s, OD_DEFAULT_MODEL_ACCURATE, "");
  od_settings_set_default_model (s, OD_DEFAULT_MODEL_FALLBACK_FAST, "gemini-2.5-flash");
  issues = od_settings_validate (s);
  g_assert_cmpuint (g_list_model_get_n_items (issues), ==, 0);
  save (f, s);
  {
    g_autoptr(OdSettings) again = load (f);
    g_assert_null (od_settings_get_default_model (again, OD_DEFAULT_MODEL_ACCURATE));
    g_assert_cmpstr (od_settings_get_default_model (again, OD_DEFAULT_MODEL_FAST), ==, "gpt-4.1-mini");
    g_assert_cmpstr (od_settings_get_default_model (again, OD_DEFAULT_MODEL_FALLBACK_FAST), ==, "gemini-2.5-flash");
  }
  g_assert_cmpint (od_default_model_from_string ("fallback_fast"), ==, OD_DEFAULT_MODEL_FALLBACK_FAST);
  g_assert_cmpint (od_default_model_from_string ("slow"), ==, 0);
}

/* ---------------------------------------------------------------------------------------------
 * LTM Sources
 */

static void
assert_add_refused (OdSettings *s, const char *name, const char * const *ids, int code, const char *needle)
{
  g_autoptr(GError) error = NULL;
  guint before = g_list_model_get_n_items (od_settings_get_applications (s));

  g_assert_null (od_settings_add_application (s, name, ids, &error));
  g_assert_error (error, OD_SETTINGS_ERROR, code);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” lacks “%s”", error->message, needle);
  g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_applications (s)), ==, before);
}

static void
test_sources (Fixture *f, gconstpointer data)
{
  static const char * const acme_ids[] = { "com.acme.ide", " acme.exe ", "", NULL };
  static const char * const slack_id[] = { "com.tinyspeck.slackmacgap", NULL };
  static const char * const taken_id[] = { "COM.ACME.IDE", NULL };
  static const char * const comma_id[] = { "a,b", NULL };
  static const char * const blank_ids[] = { " ", NULL };
  static const char * const other_ids[] = { "com.other.tool", NULL };
  g_autoptr(OdSettings) s = load (f);
  g_autoptr(GError) error = NULL;
  OdSourceApp *slack = od_settings_lookup_application (s, "SLACK");
  OdSourceApp *acme;

  g_assert_nonnull (slack);
  g_assert_true (od_source_app_get_global (slack));
  g_assert_false (od_source_app_get_denied (slack));
  g_assert_true (od_source_app_matches (slack, "slackmac"));
  g_assert_true (od_source_app_matches (slack, ""));
  g_assert_false (od_source_app_matches (slack, "chrome"));

  od_settings_set_manage_sources (s, TRUE);
  od_source_app_set_denied (slack, TRUE);

  acme = od_settings_add_application (s, "  Acme IDE ", acme_ids, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (od_source_app_get_name (acme), ==, "Acme IDE");
  g_assert_false (od_source_app_get_global (acme));
  g_assert_true (od_source_app_get_denied (acme));
  g_assert_cmpuint (g_strv_length ((GStrv) od_source_app_get_bundle_ids (acme)), ==, 2);
  g_assert_cmpstr (od_source_app_get_bundle_ids (acme)[1], ==, "acme.exe");

  assert_add_refused (s, "slack", other_ids, OD_SETTINGS_ERROR_DUPLICATE, "Global");
  assert_add_refused (s, "ACME ide", other_ids, OD_SETTINGS_ERROR_DUPLICATE, "already in the catalogue");
  assert_add_refused (s, "Chat", slack_id, OD_SETTINGS_ERROR_DUPLICATE, "already belongs to “Slack”");
  assert_add_refused (s, "Chat", taken_id, OD_SETTINGS_ERROR_DUPLICATE, "already belongs to “Acme IDE”");
  assert_add_refused (s, "Chat", comma_id, OD_SETTINGS_ERROR_INVALID, "comma");
  assert_add_refused (s, "Chat", blank_ids, OD_SETTINGS_ERROR_INVALID, "at least one bundle identifier");
  assert_add_refused (s, "Chat", NULL, OD_SETTINGS_ERROR_INVALID, "at least one bundle identifier");
  assert_add_refused (s, "   ", other_ids, OD_SETTINGS_ERROR_INVALID, "name");

  g_assert_false (od_settings_remove_application (s, slack, &error));
  g_assert_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_GLOBAL);
  g_clear_error (&error);

  save (f, s);
  {
    g_autoptr(OdSettings) again = load (f);
    OdSourceApp *saved = od_settings_lookup_application (again, "acme ide");

    g_assert_true (od_settings_get_manage_sources (again));
    g_assert_true (od_source_app_get_denied (od_settings_lookup_application (again, "Slack")));
    g_assert_nonnull (saved);
    g_assert_true (od_source_app_get_denied (saved));
    g_assert_cmpstr (od_source_app_get_bundle_ids (saved)[0], ==, "com.acme.ide");

    /* Allowed again, then removed. */
    od_source_app_set_denied (saved, FALSE);
    save (f, again);
    g_assert_true (od_settings_remove_application (again, od_settings_lookup_application (again, "Acme IDE"), &error));
    g_assert_no_error (error);
    save (f, again);
  }
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM settings_applications WHERE catalogue_id IS NULL"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT denied FROM settings_applications WHERE catalogue_id = 'slack'"), ==, 1);

  g_assert_true (od_settings_check_bundle_id ("Docker Desktop.exe", NULL));
  g_assert_false (od_settings_check_bundle_id (" com.x", NULL));
  g_assert_false (od_settings_check_bundle_id ("...", NULL));
}

/* ---------------------------------------------------------------------------------------------
 * LTM Websites
 */

static void
test_website_normalize (void)
{
  static const struct {
    const char *input;
    const char *host;    /* NULL: refused with code */
    int         code;
  } cases[] = {
    { "HTTPS://User@Example.COM:8443/path?q#f", "example.com", 0 },
    { "example.com", "example.com", 0 },
    { "  Example.com.  ", "example.com", 0 },
    { "http://www.example.co.uk/a/b", "www.example.co.uk", 0 },
    { "//cdn.example.net/x.js", "cdn.example.net", 0 },
    { "user:pa:ss@host.example.org", "host.example.org", 0 },
    { "example.com/path/only", "example.com", 0 },
    { "example.com?query", "example.com", 0 },
    { "example.com#frag", "example.com", 0 },
    { "ftp://files.example.com:21", "files.example.com", 0 },
    { "https://münchen.de/", "xn--mnchen-3ya.de", 0 },
    { "Bücher.Example", "xn--bcher-kva.example", 0 },
    { "xn--bcher-kva.example", "xn--bcher-kva.example", 0 },
    { "例え.テスト", "xn--r8jz45g.xn--zckzah", 0 },
    { "http://10.0.0.1:8080/admin", "10.0.0.1", 0 },
    { "[2001:DB8::1]", "[2001:db8::1]", 0 },
    { "https://[2001:db8:0:0::2]:443/x", "[2001:db8::2]", 0 },
    { "a-b.example", "a-b.example", 0 },
    { "", NULL, OD_WEBSITE_ERROR_EMPTY },
    { "   ", NULL, OD_WEBSITE_ERROR_EMPTY },
    { "https://", NULL, OD_WEBSITE_ERROR_EMPTY },
    { "https:///path", NULL, OD_WEBSITE_ERROR_EMPTY },
    { "exa mple.com", NULL, OD_WEBSITE_ERROR_INVALID_CHARACTER },
    { "under_score.example", NULL, OD_WEBSITE_ERROR_INVALID_CHARACTER },
    { "bad!.example", NULL, OD_WEBSITE_ERROR_INVALID_CHARACTER },
    { "1http://example.com", NULL, OD_WEBSITE_ERROR_INVALID_CHARACTER },
    { "2001:db8::1", NULL, OD_WEBSITE_ERROR_INVALID_CHARACTER },
    { "[2001:db8::1", NULL, OD_WEBSITE_ERROR_INVALID_CHARACTER },
    { "[not-ipv6]", NULL, OD_WEBSITE_ERROR_INVALID_CHARACTER },
    { "example.com:0", NULL, OD_WEBSITE_ERROR_BAD_PORT },
    { "example.com:99999", NULL, OD_WEBSITE_ERROR_BAD_PORT },
    { "example.com:http", NULL, OD_WEBSITE_ERROR_BAD_PORT },
    { "a..example", NULL, OD_WEBSITE_ERROR_EMPTY_LABEL },
    { ".example.com", NULL, OD_WEBSITE_ERROR_EMPTY_LABEL },
    { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example", NULL,
      OD_WEBSITE_ERROR_LABEL_TOO_LONG },
    { "-bad.example", NULL, OD_WEBSITE_ERROR_HYPHEN },
    { "bad-.example", NULL, OD_WEBSITE_ERROR_HYPHEN },
    { "localhost", NULL, OD_WEBSITE_ERROR_SINGLE_LABEL },
    { "https://intranet/", NULL, OD_WEBSITE_ERROR_SINGLE_LABEL },
    { "10.1.2", NULL, OD_WEBSITE_ERROR_NUMERIC_TLD },
    { "example.123", NULL, OD_WEBSITE_ERROR_NUMERIC_TLD },
    { "*.example.com", NULL, OD_WEBSITE_ERROR_WILDCARD },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *host = od_website_normalize (cases[i].input, &error);

      if (cases[i].host != NULL)
        {
          if (host == NULL)
            g_error ("“%s” was refused: %s", cases[i].input, error->message);
          g_assert_cmpstr (host, ==, cases[i].host);
        }
      else
        {
          if (host != NULL)
            g_error ("“%s” was accepted as “%s”", cases[i].input, host);
          if (!g_error_matches (error, OD_WEBSITE_ERROR, cases[i].code))
            g_error ("“%s”: expected code %d, got %d: %s", cases[i].input, cases[i].code, error->code, error->message);
          g_assert_cmpstr (error->message, !=, "");
        }
    }

  {
    g_autofree char *long_host = NULL;
    GString *text = g_string_new (NULL);
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 50; i++)
      g_string_append (text, "abcde.");
    g_string_append (text, "com");
    long_host = od_website_normalize (text->str, &error);
    g_assert_null (long_host);
    g_assert_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_TOO_LONG);
    g_string_free (text, TRUE);
  }

  {
    g_autoptr(OdWebsite) w = od_website_new ("xn--bcher-kva.example");
    g_assert_cmpstr (od_website_get_display_host (w), ==, "bücher.example");
  }
}

static void
test_websites (Fixture *f, gconstpointer data)
{
  g_autoptr(OdSettings) s = load (f);
  g_autoptr(GError) error = NULL;
  OdWebsite *added;
  GListModel *list = od_settings_get_websites (s);

  od_settings_set_manage_websites (s, TRUE);
  added = od_settings_add_website (s, "HTTPS://User@Example.COM:8443/path?q#f", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (od_website_get_host (added), ==, "example.com");
  g_assert_nonnull (od_settings_add_website (s, "bücher.example", NULL));
  g_assert_nonnull (od_settings_add_website (s, "a.example.org", NULL));

  /* The same host however it is written. */
  g_assert_null (od_settings_add_website (s, "http://EXAMPLE.com/other", &error));
  g_assert_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_null (od_settings_add_website (s, "xn--bcher-kva.example", &error));
  g_assert_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_null (od_settings_add_website (s, "not a host", &error));
  g_assert_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_INVALID_CHARACTER);
  g_clear_error (&error);

  /* Sorted by host. */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  {
    g_autoptr(OdWebsite) first = g_list_model_get_item (list, 0);
    g_autoptr(OdWebsite) last = g_list_model_get_item (list, 2);
    g_assert_cmpstr (od_website_get_host (first), ==, "a.example.org");
    g_assert_cmpstr (od_website_get_host (last), ==, "xn--bcher-kva.example");
  }
  save (f, s);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM settings_websites"), ==, 3);

  g_assert_true (od_settings_remove_website (s, "https://a.example.org/x", &error));
  g_assert_no_error (error);
  g_assert_false (od_settings_remove_website (s, "gone.example", &error));
  g_assert_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_NOT_DENIED);
  save (f, s);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM settings_websites"), ==, 2);
  {
    g_autoptr(OdSettings) again = load (f);
    g_assert_true (od_settings_get_manage_websites (again));
    g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_websites (again)), ==, 2);
  }
}

static void
test_website_import_review (Fixture *f, gconstpointer data)
{
  static const char text[] =
    "\xef\xbb\xbfurl,comment\r\n"
    "https://Tracker.example.com/pixel,ads\r\n"
    "\r\n"
    "# a comment line\n"
    "\"https://quoted.example.org/a,b\",x\n"
    "not a domain\n"
    "TRACKER.example.com\n"
    "already.example\n"
    "*.wild.example\n"
    "last.example";
  static const struct {
    guint                   line;
    const char             *normalized;
    OdWebsiteImportOutcome  outcome;
  } expected[] = {
    { 2, "tracker.example.com", OD_WEBSITE_IMPORT_WILL_ADD },
    { 5, "quoted.example.org", OD_WEBSITE_IMPORT_WILL_ADD },
    { 6, NULL, OD_WEBSITE_IMPORT_INVALID },
    { 7, "tracker.example.com", OD_WEBSITE_IMPORT_DUPLICATE_IN_FILE },
    { 8, "already.example", OD_WEBSITE_IMPORT_ALREADY_DENIED },
    { 9, NULL, OD_WEBSITE_IMPORT_INVALID },
    { 10, "last.example", OD_WEBSITE_IMPORT_WILL_ADD },
  };
  g_autoptr(OdSettings) s = load (f);
  g_autoptr(GListModel) review = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (od_settings_add_website (s, "already.example", NULL));
  review = od_settings_review_websites (s, text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (review), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(OdWebsiteImportRow) row = g_list_model_get_item (review, i);

      g_assert_cmpuint (od_website_import_row_get_line (row), ==, expected[i].line);
      g_assert_cmpstr (od_website_import_row_get_normalized (row), ==, expected[i].normalized);
      g_assert_cmpint (od_website_import_row_get_outcome (row), ==, expected[i].outcome);
      if (expected[i].outcome == OD_WEBSITE_IMPORT_WILL_ADD)
        g_assert_null (od_website_import_row_get_message (row));
      else
        g_assert_nonnull (od_website_import_row_get_message (row));
    }
  {
    g_autoptr(OdWebsiteImportRow) row = g_list_model_get_item (review, 1);
    g_assert_cmpstr (od_website_import_row_get_input (row), ==, "https://quoted.example.org/a,b");
  }
  /* Nothing is added by the review itself. */
  g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_websites (s)), ==, 1);
  g_assert_cmpuint (od_settings_add_reviewed_websites (s, review), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_websites (s)), ==, 4);
  g_assert_cmpuint (od_settings_add_reviewed_websites (s, review), ==, 0);
  save (f, s);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM settings_websites"), ==, 4);

  /* Refused whole. */
  g_clear_object (&review);
  review = od_settings_review_websites (s, "ok.example\n\xff\xfe\n", 14, &error);
  g_assert_null (review);
  g_assert_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);
  {
    GString *many = g_string_new (NULL);
    for (guint i = 0; i <= OD_WEBSITE_IMPORT_MAX_LINES; i++)
      g_string_append (many, "x.example\n");
    review = od_settings_review_websites (s, many->str, many->len, &error);
    g_assert_null (review);
    g_assert_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_FILE);
    g_string_free (many, TRUE);
  }
}

/* ---------------------------------------------------------------------------------------------
 * Saving
 */

static void
test_permission (Fixture *f, gconstpointer data)
{
  g_autoptr(OdMember) writer = add_member (f, "writer@acme.example", OD_ROLE_WRITE);
  g_autoptr(OdMember) admin = add_member (f, "admin@acme.example", OD_ROLE_ADMIN);
  g_autoptr(OdSettings) s = load (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdOrganization) other = NULL;
  g_autoptr(OdMember) stranger = NULL;
  guint before;

  od_settings_set_telemetry (s, FALSE);
  before = journal_count (f);
  g_assert_false (od_settings_save (s, f->repo, writer, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (od_settings_save (s, f->repo, NULL, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_NOT_MEMBER);
  g_clear_error (&error);

  /* An Owner of another organization is not an Admin of this one. */
  other = od_repository_create_organization (f->repo, "Other", "boss@other.example", "Boss", 5, &error);
  g_assert_no_error (error);
  stranger = od_repository_get_first_owner (f->repo, od_organization_get_id (other), &error);
  g_assert_false (od_settings_save (s, f->repo, stranger, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_NOT_MEMBER);
  g_clear_error (&error);

  g_assert_cmpuint (journal_count (f), ==, before);
  g_assert_true (od_settings_has_changes (s));

  g_assert_true (od_settings_save (s, f->repo, admin, &error));
  g_assert_no_error (error);
  {
    g_autoptr(OdJournalEntry) entry = last_journal (f);
    g_assert_cmpint (od_journal_entry_get_actor_id (entry), ==, od_member_get_id (admin));
  }
}

static void
test_concurrent_edits_merge (Fixture *f, gconstpointer data)
{
  g_autoptr(OdSettings) a = load (f);
  g_autoptr(OdSettings) b = load (f);
  guint notified = 0;

  od_settings_set_telemetry (a, FALSE);
  g_assert_nonnull (od_settings_add_website (b, "blocked.example", NULL));
  od_settings_set_processing_mode (b, OD_PROCESSING_CLOUD);
  save (f, b);

  g_signal_connect (a, "notify::processing-mode", G_CALLBACK (count_notify_cb), &notified);
  save (f, a);
  /* A's save kept B's changes, and A now shows them. */
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (od_settings_get_processing_mode (a), ==, OD_PROCESSING_CLOUD);
  g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_websites (a)), ==, 1);
  {
    g_autoptr(OdSettings) c = load (f);
    g_assert_false (od_settings_get_telemetry (c));
    g_assert_cmpint (od_settings_get_processing_mode (c), ==, OD_PROCESSING_CLOUD);
    g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_websites (c)), ==, 1);
  }
  {
    g_autoptr(OdJournalEntry) entry = last_journal (f);
    g_assert_cmpstr (od_journal_entry_get_target (entry), ==, "features.telemetry");
  }
}

static void
changed_cb (OdRepository *repo, gint64 organization_id, const char *area, char **seen)
{
  if (g_str_equal (area, "settings"))
    *seen = g_strdup (area);
}

static void
test_async (Fixture *f, gconstpointer data)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdSettings) s = NULL;
  g_autofree char *seen = NULL;

  g_signal_connect (f->repo, "changed", G_CALLBACK (changed_cb), &seen);
  od_settings_load_async (f->repo, org_id (f), NULL, store_result_cb, &result);
  s = od_settings_load_finish (f->repo, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  od_settings_set_summary_reports (s, FALSE);
  od_settings_save_async (s, f->repo, f->owner, NULL, store_result_cb, &result);
  /* An edit made while the save runs stays a pending change. */
  od_settings_set_telemetry (s, FALSE);
  g_assert_true (od_settings_save_finish (s, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (od_settings_has_changes (s));
  g_assert_false (od_settings_get_telemetry (s));
  while (seen == NULL)
    g_main_context_iteration (NULL, TRUE);
  {
    g_autoptr(OdSettings) again = load (f);
    g_assert_false (od_settings_get_summary_reports (again));
    g_assert_true (od_settings_get_telemetry (again));
  }
  g_signal_handlers_disconnect_by_data (f->repo, &seen);

  /* Validation fails before anything runs. */
  od_settings_set_default_model (s, OD_DEFAULT_MODEL_FAST, "gpt-x");
  od_settings_save_async (s, f->repo, f->owner, NULL, store_result_cb, &result);
  g_assert_false (od_settings_save_finish (s, wait_for_result (&result), &error));
  g_assert_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID);
  g_clear_object (&result);
}

static void
test_settings_json (Fixture *f, gconstpointer data)
{
  g_autoptr(OdSettings) s = load (f);
  g_autoptr(JsonNode) json = NULL;
  JsonObject *o;

  g_assert_nonnull (od_settings_add_website (s, "x.example", NULL));
  json = od_settings_to_json (s);
  o = json_node_get_object (json);
  g_assert_true (json_object_get_boolean_member (o, "features.external_cloud"));
  g_assert_true (json_object_get_boolean_member (o, "models.provider.bedrock"));
  g_assert_true (json_object_get_boolean_member (o, "models.allow.gpt-4.1"));
  g_assert_false (json_object_get_boolean_member (o, "sources.global.slack"));
  g_assert_true (json_object_get_boolean_member (o, "websites.host.x.example"));
  g_assert_true (json_object_get_null_member (o, "models.default.fast"));
  g_assert_cmpstr (json_object_get_string_member (o, "processing.mode"), ==, "local");
}

/* ---------------------------------------------------------------------------------------------
 * Credential forms (no keyring involved)
 */

static void
assert_form (const char *provider, const char *name, const char * const *pairs, const char *secret,
             int code, const char *needle)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  for (guint i = 0; pairs && pairs[i]; i += 2)
    g_hash_table_insert (fields, (gpointer) pairs[i], (gpointer) pairs[i + 1]);
  ok = od_credential_validate (provider, name, fields, secret, TRUE, &error);
  if (code == 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }
  g_assert_false (ok);
  g_assert_error (error, OD_CREDENTIAL_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” lacks “%s”", error->message, needle);
}

static void
test_credential_forms (void)
{
  static const char * const openai_ok[] = { "organization_id", "org-1", "project_id", "proj_1",
                                            "api_url", "https://proxy.example.com/v1", NULL };
  static const char * const bad_url[] = { "api_url", "proxy.example.com", NULL };
  static const char * const unknown[] = { "colour", "blue", NULL };
  static const char * const secret_field[] = { "api_key", "sk-123", NULL };
  static const char * const azure_ok[] = { "endpoint", "https://acme.openai.azure.com", "deployment", "gpt4o", NULL };
  static const char * const azure_http[] = { "endpoint", "http://acme.openai.azure.com", "deployment", "d", NULL };
  static const char * const azure_no_deployment[] = { "endpoint", "https://acme.openai.azure.com", NULL };
  static const char * const bedrock_ok[] = { "access_key_id", "AKIAIOSFODNN7EXAMPLE", "region", "eu-west-3", NULL };
  static const char * const bedrock_region[] = { "access_key_id", "AKIAIOSFODNN7EXAMPLE", "region", "Frankfurt", NULL };
  static const char * const bedrock_key_id[] = { "access_key_id", "akia", "region", "us-east-1", NULL };
  static const char * const bedrock_no_region[] = { "access_key_id", "AKIAIOSFODNN7EXAMPLE", NULL };
  const char *sa_ok = "{\"type\": \"service_account\", \"project_id\": \"p\", \"private_key_id\": \"abc\","
                      " \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMII\\n-----END PRIVATE KEY-----\\n\","
                      " \"client_email\": \"svc@p.iam.gserviceaccount.com\"}";
  const char *sa_user = "{\"type\": \"authorized_user\", \"client_id\": \"x\"}";
  guint n = 0;
  const OdCredentialField *fields;

  assert_form ("openai", "Production", openai_ok, "sk-proj-abcdefghijklmnop", 0, NULL);
  assert_form ("openai", "  ", NULL, "sk-abc", OD_CREDENTIAL_ERROR_INVALID, "Name");
  assert_form ("openai", "P", NULL, "", OD_CREDENTIAL_ERROR_INVALID, "API key");
  assert_form ("openai", "P", NULL, NULL, OD_CREDENTIAL_ERROR_INVALID, "required for OpenAI");
  assert_form ("openai", "P", NULL, "sk abc", OD_CREDENTIAL_ERROR_INVALID, "space");
  assert_form ("openai", "P", bad_url, "sk-abc", OD_CREDENTIAL_ERROR_INVALID, "API URL");
  assert_form ("openai", "P", unknown, "sk-abc", OD_CREDENTIAL_ERROR_INVALID, "no field “colour”");
  assert_form ("openai", "P", secret_field, "sk-abc", OD_CREDENTIAL_ERROR_INVALID, "standard input");
  assert_form ("anthropic", "A", NULL, "sk-ant-api03-abcdef", 0, NULL);
  assert_form ("azure-openai", "Az", azure_ok, "0123456789abcdef", 0, NULL);
  assert_form ("azure-openai", "Az", azure_http, "0123456789abcdef", OD_CREDENTIAL_ERROR_INVALID, "https://");
  assert_form ("azure-openai", "Az", azure_no_deployment, "0123", OD_CREDENTIAL_ERROR_INVALID, "Deployment");
  assert_form ("azure-openai", "Az", NULL, "0123", OD_CREDENTIAL_ERROR_INVALID, "Endpoint");
  assert_form ("bedrock", "B", bedrock_ok, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", 0, NULL);
  assert_form ("bedrock", "B", bedrock_region, "secret", OD_CREDENTIAL_ERROR_INVALID, "region");
  assert_form ("bedrock", "B", bedrock_key_id, "secret", OD_CREDENTIAL_ERROR_INVALID, "access key ID");
  assert_form ("bedrock", "B", bedrock_no_region, "secret", OD_CREDENTIAL_ERROR_INVALID, "Region");
  assert_form ("bedrock", "B", bedrock_ok, NULL, OD_CREDENTIAL_ERROR_INVALID, "Secret access key");
  assert_form ("gemini", "G", NULL, "AIzaSyA-abcdefghijklmnopqrstuvwxyz", 0, NULL);
  assert_form ("gemini", "G", NULL, sa_ok, 0, NULL);
  assert_form ("gemini", "G", NULL, sa_user, OD_CREDENTIAL_ERROR_INVALID, "service_account");
  assert_form ("gemini", "G", NULL, "{not json", OD_CREDENTIAL_ERROR_INVALID, "not valid JSON");
  assert_form ("mistral", "M", NULL, "k", OD_CREDENTIAL_ERROR_UNKNOWN_PROVIDER, "openai");

  /* The forms of SPEC §6. */
  fields = od_credential_provider_get_fields ("openai", &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (fields[3].key, ==, "api_url");
  g_assert_cmpstr (fields[3].default_value, ==, "https://api.openai.com");
  fields = od_credential_provider_get_fields ("azure-openai", &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_true (fields[0].required && fields[1].required && fields[1].secret && fields[2].required);
  g_assert_false (fields[3].required);
  fields = od_credential_provider_get_fields ("bedrock", &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (fields[1].secret);
  g_assert_null (od_credential_provider_get_fields ("nope", &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (od_credential_store_get_schema ()->name, ==, "io.github.orgdesk.Credential");
  g_assert_cmpstr (od_credential_store_get_schema ()->attributes[0].name, ==, "organization-id");
  g_assert_cmpstr (od_credential_store_get_schema ()->attributes[1].name, ==, "credential-id");
}

/* ---------------------------------------------------------------------------------------------
 * Migration 2
 */

static void
test_migration_from_version_1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("orgdesk-settings-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  g_autofree char *sql = g_strdup_printf (
    "%s"
    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);"
    "INSERT INTO schema_version VALUES (1, 0);"
    "PRAGMA application_id = %d;"
    "INSERT INTO organizations (id, name, slug, created_at) VALUES (1, 'Old Org', 'old-org', 0);"
    "INSERT INTO members (organization_id, email, email_key, name, role, joined_at)"
    "  VALUES (1, 'o@old.example', 'o@old.example', 'O', 4, 0);"
    "INSERT INTO credentials (id, organization_id, provider, name, created_at, updated_at)"
    "  VALUES (3, 1, 'openai', 'Legacy', 0, 0);",
    od_schema_migrations[0], OD_APPLICATION_ID_MAGIC);
  g_autoptr(OdRepository) repo = NULL;
  g_autoptr(OdSettings) s = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  repo = od_repository_open (path, &error);
  g_assert_no_error (error);
  /* Migration 2 (and any later one) ran over the version-1 data. */
  g_assert_cmpint (OD_SCHEMA_VERSION, >=, 2);
  g_assert_cmpint (od_repository_get_schema_version (repo), ==, OD_SCHEMA_VERSION);
  g_assert_cmpint (G_N_ELEMENTS (od_schema_migrations), ==, OD_SCHEMA_VERSION);
  s = od_settings_load (repo, 1, &error);
  g_assert_no_error (error);
  g_assert_true (od_settings_get_telemetry (s));
  {
    g_autoptr(OdCredential) legacy = od_credential_store_find (repo, 1, "legacy", &error);
    g_assert_no_error (error);
    g_assert_cmpint (od_credential_get_id (legacy), ==, 3);
  }
  g_clear_object (&s);
  g_clear_object (&repo);
  remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/settings/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/settings/catalogue", test_catalogue);
  ADD ("defaults", test_defaults);
  ADD ("features", test_features);
  ADD ("models/allow-list", test_models_allow_list);
  ADD ("models/defaults-must-be-allowed", test_models_defaults);
  ADD ("sources", test_sources);
  g_test_add_func ("/settings/websites/normalize", test_website_normalize);
  ADD ("websites/add-remove-duplicates", test_websites);
  ADD ("websites/import-review", test_website_import_review);
  ADD ("save/permission", test_permission);
  ADD ("save/concurrent-edits-merge", test_concurrent_edits_merge);
  ADD ("save/async", test_async);
  ADD ("json", test_settings_json);
  g_test_add_func ("/settings/credential-forms", test_credential_forms);
  g_test_add_func ("/settings/migration/from-version-1", test_migration_from_version_1);

  return g_test_run ();
}
