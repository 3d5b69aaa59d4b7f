/* od-policy.c — the policy document: building it, checking and applying one, diffs, publishing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document is applied to the flat settings map (od-settings-private.h) of the organization, so
 * importing and restoring share one path with saving: the keys that change are written in one
 * transaction with one journal row. The checks walk the whole document and collect every problem
 * with its JSON path before anything is applied.
 */
#define G_LOG_DOMAIN "OdPolicy"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "od-catalogue.h"
#include "od-error.h"
#include "od-organization.h"
#include "od-policy.h"
#include "od-repository-private.h"
#include "od-settings-private.h"
#include "od-website.h"

#define ENABLED "ENABLED"
#define DISABLED "DISABLED"
#define MAX_SHOWN_VALUE 60

G_DEFINE_QUARK (od-policy-error-quark, od_policy_error)

/* ---------------------------------------------------------------------------------------------
 * Building
 */

static void
add_switch (JsonBuilder *b,
            const char  *member,
            gboolean     on)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, on ? ENABLED : DISABLED);
}

static void
add_enabled_object (JsonBuilder *b,
                    const char  *member,
                    gboolean     on)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  add_switch (b, "enabled", on);
  json_builder_end_object (b);
}

static void
add_nullable_string (JsonBuilder *b,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

JsonNode *
od_policy_build (OdSettings     *settings,
                 OdOrganization *organization,
                 gint64          revision,
                 gint64          generated_at)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *when_text = NULL;
  g_auto(GStrv) allowed = NULL;
  gboolean cloud;
  GListModel *list;

  g_return_val_if_fail (OD_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (OD_IS_ORGANIZATION (organization), NULL);

  when = g_date_time_new_from_unix_utc (generated_at);
  when_text = when ? g_date_time_format_iso8601 (when) : NULL;
  cloud = od_settings_get_external_cloud (settings);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "schema_version");
  json_builder_add_int_value (b, OD_POLICY_SCHEMA_VERSION);
  json_builder_set_member_name (b, "organization");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, od_organization_get_id (organization));
  json_builder_set_member_name (b, "slug");
  json_builder_add_string_value (b, od_organization_get_slug (organization));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, od_organization_get_name (organization));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "revision");
  json_builder_add_int_value (b, revision);
  add_nullable_string (b, "generated_at", when_text);

  json_builder_set_member_name (b, "analytics");
  json_builder_begin_object (b);
  add_enabled_object (b, "telemetry", od_settings_get_telemetry (settings));
  add_enabled_object (b, "internal_summary_reports", od_settings_get_summary_reports (settings));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "external_cloud");
  json_builder_begin_object (b);
  add_switch (b, "enabled", cloud);
  add_enabled_object (b, "cloud_connection", cloud);
  json_builder_set_member_name (b, "backups");
  json_builder_begin_object (b);
  add_switch (b, "create", cloud);
  add_switch (b, "list", cloud);
  add_switch (b, "restore", cloud);
  add_switch (b, "delete", cloud);
  json_builder_end_object (b);
  add_enabled_object (b, "snippet_sharing", cloud);
  add_enabled_object (b, "allocation_updates", cloud);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "external_provider");
  json_builder_begin_object (b);

  json_builder_set_member_name (b, "allowed_cloud_models");
  json_builder_begin_object (b);
  add_switch (b, "enabled", od_settings_get_customize_models (settings));
  json_builder_set_member_name (b, "allowed_models");
  json_builder_begin_array (b);
  allowed = od_settings_dup_allowed_models (settings);
  for (guint i = 0; allowed[i]; i++)
    json_builder_add_string_value (b, allowed[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "default_models");
  json_builder_begin_object (b);
  for (guint i = OD_DEFAULT_MODEL_ACCURATE; i <= OD_DEFAULT_MODEL_FALLBACK_FAST; i++)
    add_nullable_string (b, od_default_model_to_string (i), od_settings_get_default_model (settings, i));
  json_builder_end_object (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "denied_workstream_pattern_engine_sources");
  json_builder_begin_object (b);
  add_switch (b, "enabled", od_settings_get_manage_sources (settings));
  json_builder_set_member_name (b, "denied_sources");
  json_builder_begin_array (b);
  list = od_settings_get_applications (settings);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdSourceApp) app = g_list_model_get_item (list, i);
      const char * const *ids = od_source_app_get_bundle_ids (app);

      if (!od_source_app_get_denied (app))
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "application");
      json_builder_add_string_value (b, od_source_app_get_name (app));
      json_builder_set_member_name (b, "bundle_identifiers");
      json_builder_begin_array (b);
      for (guint k = 0; ids[k]; k++)
        json_builder_add_string_value (b, ids[k]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "denied_workstream_pattern_engine_websites");
  json_builder_begin_object (b);
  add_switch (b, "enabled", od_settings_get_manage_websites (settings));
  json_builder_set_member_name (b, "denied_websites");
  json_builder_begin_array (b);
  list = od_settings_get_websites (settings);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdWebsite) website = g_list_model_get_item (list, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, od_website_get_host (website));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "processing");
  json_builder_begin_object (b);
  add_switch (b, "enabled", od_settings_get_processing_enabled (settings));
  json_builder_set_member_name (b, "processing");
  {
    g_autofree char *mode = g_ascii_strup (od_processing_mode_to_string (od_settings_get_processing_mode (settings)), -1);
    json_builder_add_string_value (b, mode);
  }
  json_builder_end_object (b);

  json_builder_end_object (b);   /* external_provider */
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
od_policy_to_text (JsonNode *document)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  g_return_val_if_fail (document != NULL, NULL);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, document);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

char *
od_policy_file_name (const char *slug,
                     gint64      revision)
{
  g_return_val_if_fail (slug != NULL, NULL);

  if (revision <= 0)
    return g_strdup_printf ("orgdesk-policy-%s.json", slug);
  return g_strdup_printf ("orgdesk-policy-%s-r%" G_GINT64_FORMAT ".json", slug, revision);
}

/* ---------------------------------------------------------------------------------------------
 * Checking and applying a document
 */

typedef struct
{
  GListStore *issues;
} Check;

static void add_issue (Check      *c,
                       const char *path,
                       const char *format,
                       ...) G_GNUC_PRINTF (3, 4);

static void
add_issue (Check      *c,
           const char *path,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  g_autoptr(OdPolicyIssue) issue = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  issue = od_policy_issue_new (path, message);
  g_list_store_append (c->issues, issue);
}

static char *
member_path (const char *parent,
             const char *member)
{
  /* A path goes into messages: a name that is not UTF-8 shows with U+FFFD in its place. */
  if (!g_utf8_validate (member, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (member, -1);
      return g_strconcat (parent, ".", valid, NULL);
    }
  return g_strconcat (parent, ".", member, NULL);
}

static char *
element_path (const char *parent,
              guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

/* A short JSON rendering of a value for a message. */
static char *
show_value (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  if (g_utf8_strlen (text, -1) > MAX_SHOWN_VALUE)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, MAX_SHOWN_VALUE);
      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&text);
}

static gboolean
holds_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static void
check_members (Check              *c,
               JsonObject         *object,
               const char         *path,
               const char * const *known)
{
  g_autoptr(GList) members = json_object_get_members (object);
  g_autofree char *list = g_strjoinv (", ", (GStrv) known);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *p = member_path (path, l->data);
        add_issue (c, p, _("“%s” is not part of the policy document. Remove it (here the document has: %s)."),
                   (const char *) l->data, list);
      }
}

/* The member as an object, or NULL after noting why not. */
static JsonObject *
need_object (Check       *c,
             JsonObject  *parent,
             const char  *parent_path,
             const char  *member)
{
  g_autofree char *path = member_path (parent_path, member);
  JsonNode *node;

  if (parent == NULL)
    return NULL;
  node = json_object_get_member (parent, member);
  if (node == NULL)
    {
      add_issue (c, path, _("This section is missing. Add it as an object; `orgdeskctl policy export` shows "
                            "a complete document."));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *shown = show_value (node);
      add_issue (c, path, _("Expected an object, found %s."), shown);
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
need_array (Check       *c,
            JsonObject  *parent,
            const char  *parent_path,
            const char  *member)
{
  g_autofree char *path = member_path (parent_path, member);
  JsonNode *node;

  if (parent == NULL)
    return NULL;
  node = json_object_get_member (parent, member);
  if (node == NULL)
    {
      add_issue (c, path, _("This list is missing. Add it as an array (it may be empty: [])."));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *shown = show_value (node);
      add_issue (c, path, _("Expected an array, found %s."), shown);
      return NULL;
    }
  return json_node_get_array (node);
}

/* "ENABLED" or "DISABLED"; returns whether *out was set. */
static gboolean
need_switch (Check       *c,
             JsonObject  *parent,
             const char  *parent_path,
             const char  *member,
             gboolean    *out)
{
  g_autofree char *path = member_path (parent_path, member);
  JsonNode *node;

  if (parent == NULL)
    return FALSE;
  node = json_object_get_member (parent, member);
  if (node == NULL)
    {
      add_issue (c, path, _("This switch is missing. Set it to \"ENABLED\" or \"DISABLED\"."));
      return FALSE;
    }
  if (holds_string (node) && g_str_equal (json_node_get_string (node), ENABLED))
    *out = TRUE;
  else if (holds_string (node) && g_str_equal (json_node_get_string (node), DISABLED))
    *out = FALSE;
  else
    {
      g_autofree char *shown = show_value (node);
      add_issue (c, path, _("Expected \"ENABLED\" or \"DISABLED\", found %s."), shown);
      return FALSE;
    }
  return TRUE;
}

/* An object whose only member is a switch called "enabled". */
static gboolean
need_enabled_object (Check       *c,
                     JsonObject  *parent,
                     const char  *parent_path,
                     const char  *member,
                     gboolean    *out)
{
  static const char * const known[] = { "enabled", NULL };
  g_autofree char *path = member_path (parent_path, member);
  JsonObject *object = need_object (c, parent, parent_path, member);

  if (object == NULL)
    return FALSE;
  check_members (c, object, path, known);
  return need_switch (c, object, path, "enabled", out);
}

/* json-glib keeps a lone surrogate escape ("\ud83d") as the bytes of that code point, which are
 * not UTF-8. Such text is refused wherever it is, before it reaches a message, GLib's UTF-8
 * functions or the database. Returns whether the whole document is UTF-8. */
static gboolean
check_encoding (Check      *c,
                JsonNode   *node,
                const char *path)
{
  gboolean ok = TRUE;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *child = member_path (path, l->data);

          if (!g_utf8_validate (l->data, -1, NULL))
            {
              add_issue (c, child, _("This name is not valid Unicode text (a \\u escape of half a "
                                     "surrogate pair?). Write it in UTF-8."));
              ok = FALSE;
            }
          else
            ok = check_encoding (c, json_object_get_member (object, l->data), child) && ok;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *child = element_path (path, i);
          ok = check_encoding (c, json_array_get_element (array, i), child) && ok;
        }
    }
  else if (holds_string (node) && !g_utf8_validate (json_node_get_string (node), -1, NULL))
    {
      add_issue (c, path, _("This text is not valid Unicode (a \\u escape of half a surrogate pair?). "
                            "Write it in UTF-8."));
      ok = FALSE;
    }
  return ok;
}

static void
check_header (Check      *c,
              JsonObject *root)
{
  static const char * const known[] = {
    "schema_version", "organization", "revision", "generated_at", "analytics", "external_cloud",
    "external_provider", NULL,
  };
  JsonNode *node;

  check_members (c, root, "$", known);

  node = json_object_get_member (root, "schema_version");
  if (node == NULL)
    add_issue (c, "$.schema_version", _("The schema version is missing. Add \"schema_version\": %d."),
               OD_POLICY_SCHEMA_VERSION);
  else if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_autofree char *shown = show_value (node);
      add_issue (c, "$.schema_version", _("Expected a whole number, found %s."), shown);
    }
  else if (json_node_get_int (node) > OD_POLICY_SCHEMA_VERSION)
    add_issue (c, "$.schema_version",
               _("This document was written by a newer Orgdesk (schema version %lld); this "
                 "version reads version %d. Update Orgdesk to import it."),
               (long long) json_node_get_int (node), OD_POLICY_SCHEMA_VERSION);
  else if (json_node_get_int (node) != OD_POLICY_SCHEMA_VERSION)
    add_issue (c, "$.schema_version", _("Schema version %lld does not exist; use %d."),
               (long long) json_node_get_int (node), OD_POLICY_SCHEMA_VERSION);

  node = json_object_get_member (root, "organization");
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node) && !JSON_NODE_HOLDS_NULL (node))
    add_issue (c, "$.organization", _("Expected an object with the organization’s id, slug and name."));

  node = json_object_get_member (root, "revision");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
       json_node_get_int (node) < 1))
    add_issue (c, "$.revision", _("Expected a revision number of 1 or more."));

  node = json_object_get_member (root, "generated_at");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !holds_string (node))
    add_issue (c, "$.generated_at", _("Expected a date and time such as \"2025-05-01T09:30:00Z\"."));
}

static void
apply_features (Check      *c,
                JsonObject *root,
                GHashTable *target)
{
  static const char * const analytics_known[] = { "telemetry", "internal_summary_reports", NULL };
  static const char * const cloud_known[] = {
    "enabled", "cloud_connection", "backups", "snippet_sharing", "allocation_updates", NULL,
  };
  static const char * const backups_known[] = { "create", "list", "restore", "delete", NULL };
  static const char * const together[] = { "cloud_connection", "snippet_sharing", "allocation_updates", NULL };
  JsonObject *analytics, *cloud, *backups;
  gboolean on, master = FALSE, have_master = FALSE;

  analytics = need_object (c, root, "$", "analytics");
  if (analytics != NULL)
    {
      check_members (c, analytics, "$.analytics", analytics_known);
      if (need_enabled_object (c, analytics, "$.analytics", "telemetry", &on))
        _od_flat_set_bool (target, "features.telemetry", on);
      if (need_enabled_object (c, analytics, "$.analytics", "internal_summary_reports", &on))
        _od_flat_set_bool (target, "features.summary_reports", on);
    }

  cloud = need_object (c, root, "$", "external_cloud");
  if (cloud == NULL)
    return;
  check_members (c, cloud, "$.external_cloud", cloud_known);
  if (need_switch (c, cloud, "$.external_cloud", "enabled", &master))
    {
      have_master = TRUE;
      _od_flat_set_bool (target, "features.external_cloud", master);
    }

  for (guint i = 0; together[i]; i++)
    if (need_enabled_object (c, cloud, "$.external_cloud", together[i], &on) && have_master && on != master)
      {
        g_autofree char *path = g_strconcat ("$.external_cloud.", together[i], ".enabled", NULL);
        add_issue (c, path, _("Must be the same as $.external_cloud.enabled (\"%s\"): External Cloud is one "
                              "switch for the cloud connection, backups, snippet sharing and allocation updates."),
                   master ? ENABLED : DISABLED);
      }

  backups = need_object (c, cloud, "$.external_cloud", "backups");
  if (backups != NULL)
    {
      check_members (c, backups, "$.external_cloud.backups", backups_known);
      for (guint i = 0; backups_known[i]; i++)
        if (need_switch (c, backups, "$.external_cloud.backups", backups_known[i], &on) && have_master &&
            on != master)
          {
            g_autofree char *path = member_path ("$.external_cloud.backups", backups_known[i]);
            add_issue (c, path, _("Must be the same as $.external_cloud.enabled (\"%s\"): External Cloud is "
                                  "one switch for every backup operation."), master ? ENABLED : DISABLED);
          }
    }
}

static void
apply_processing (Check      *c,
                  JsonObject *provider,
                  GHashTable *target)
{
  static const char * const known[] = { "enabled", "processing", NULL };
  const char *path = "$.external_provider.processing";
  JsonObject *processing = need_object (c, provider, "$.external_provider", "processing");
  JsonNode *mode;
  gboolean on;

  if (processing == NULL)
    return;
  check_members (c, processing, path, known);
  if (need_switch (c, processing, path, "enabled", &on))
    _od_flat_set_bool (target, "processing.enabled", on);

  mode = json_object_get_member (processing, "processing");
  if (mode == NULL)
    add_issue (c, "$.external_provider.processing.processing",
               _("The processing mode is missing. Set it to \"LOCAL\", \"BLENDED\" or \"CLOUD\"."));
  else if (!holds_string (mode) ||
           (!g_str_equal (json_node_get_string (mode), "LOCAL") &&
            !g_str_equal (json_node_get_string (mode), "BLENDED") &&
            !g_str_equal (json_node_get_string (mode), "CLOUD")))
    {
      g_autofree char *shown = show_value (mode);
      add_issue (c, "$.external_provider.processing.processing",
                 _("Expected \"LOCAL\", \"BLENDED\" or \"CLOUD\", found %s."), shown);
    }
  else
    {
      g_autofree char *lower = g_ascii_strdown (json_node_get_string (mode), -1);
      _od_flat_set_string (target, "processing.mode", lower);
    }
}

static void
apply_models (Check      *c,
              JsonObject *provider,
              GHashTable *target)
{
  static const char * const known[] = { "enabled", "allowed_models", "default_models", NULL };
  static const char * const default_known[] = {
    "accurate", "fast", "fallback_accurate", "fallback_fast", NULL,
  };
  const char *path = "$.external_provider.allowed_cloud_models";
  const char *list_path = "$.external_provider.allowed_cloud_models.allowed_models";
  JsonObject *models = need_object (c, provider, "$.external_provider", "allowed_cloud_models");
  JsonObject *defaults;
  JsonArray *allowed;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);   /* id → index + 1 */
  g_autoptr(GHashTable) providers = g_hash_table_new (g_str_hash, g_str_equal);
  const OdCatalogueProvider *cat_providers;
  const OdCatalogueModel *cat_models;
  guint n_providers, n_models, n_issues;
  gboolean customize = FALSE, have_customize, list_ok = FALSE;

  if (models == NULL)
    return;
  check_members (c, models, path, known);
  have_customize = need_switch (c, models, path, "enabled", &customize);

  allowed = need_array (c, models, path, "allowed_models");
  if (allowed != NULL)
    {
      n_issues = g_list_model_get_n_items (G_LIST_MODEL (c->issues));
      for (guint i = 0; i < json_array_get_length (allowed); i++)
        {
          JsonNode *node = json_array_get_element (allowed, i);
          g_autofree char *p = element_path (list_path, i);
          const OdCatalogueModel *model;
          gpointer first;

          if (!holds_string (node))
            {
              g_autofree char *shown = show_value (node);
              add_issue (c, p, _("Expected a model id such as \"gpt-4.1\", found %s."), shown);
              continue;
            }
          model = od_catalogue_lookup_model (json_node_get_string (node));
          if (model == NULL)
            {
              add_issue (c, p, _("“%s” is not in the model catalogue. Use a model id listed by "
                                 "`orgdeskctl settings get models.allow`."), json_node_get_string (node));
              continue;
            }
          first = g_hash_table_lookup (listed, model->id);
          if (first != NULL)
            {
              add_issue (c, p, _("“%s” is listed twice (first at [%u]). Remove one."), model->id,
                         GPOINTER_TO_UINT (first) - 1);
              continue;
            }
          g_hash_table_insert (listed, (gpointer) model->id, GUINT_TO_POINTER (i + 1));
          g_hash_table_add (providers, (gpointer) model->provider);
        }
      list_ok = n_issues == g_list_model_get_n_items (G_LIST_MODEL (c->issues));
    }

  cat_providers = od_catalogue_get_providers (&n_providers);
  cat_models = od_catalogue_get_models (&n_models);
  if (list_ok && have_customize)
    {
      /* The smallest change that allows exactly the listed models. A provider with a listed model
       * is enabled. One without: when customizing, an enabled one stays enabled with its models
       * unchecked; otherwise it is disabled, keeping its checks. */
      _od_flat_set_bool (target, "models.customize", customize);
      for (guint i = 0; i < n_providers; i++)
        {
          g_autofree char *key = g_strconcat (OD_SETTINGS_PROVIDER_PREFIX, cat_providers[i].id, NULL);
          JsonNode *was = g_hash_table_lookup (target, key);
          gboolean was_enabled = was == NULL || !JSON_NODE_HOLDS_VALUE (was) || json_node_get_boolean (was);

          if (g_hash_table_contains (providers, cat_providers[i].id))
            _od_flat_set_bool (target, key, TRUE);
          else if (customize && was_enabled)
            g_hash_table_add (providers, (gpointer) cat_providers[i].id);
          else
            _od_flat_set_bool (target, key, FALSE);
        }
      for (guint i = 0; customize && i < n_models; i++)
        {
          g_autofree char *key = g_strconcat (OD_SETTINGS_MODEL_PREFIX, cat_models[i].id, NULL);

          if (g_hash_table_contains (providers, cat_models[i].provider))
            _od_flat_set_bool (target, key, g_hash_table_contains (listed, cat_models[i].id));
        }
      /* Without customizing, a provider is allowed whole: one problem per provider listed in part. */
      for (guint p = 0; !customize && p < n_providers; p++)
        {
          g_autoptr(GString) missing = g_string_new (NULL);

          if (!g_hash_table_contains (providers, cat_providers[p].id))
            continue;
          for (guint i = 0; i < n_models; i++)
            if (g_str_equal (cat_models[i].provider, cat_providers[p].id) &&
                !g_hash_table_contains (listed, cat_models[i].id))
              g_string_append_printf (missing, "%s“%s”", missing->len ? ", " : "", cat_models[i].id);
          if (missing->len > 0)
            add_issue (c, list_path,
                       _("With \"enabled\": \"DISABLED\" every model of an allowed provider is allowed, but "
                         "%s’s %s missing. List all of %s’s models, or set enabled to \"ENABLED\" to choose "
                         "models one by one."), cat_providers[p].name, missing->str, cat_providers[p].name);
        }
    }

  defaults = need_object (c, models, path, "default_models");
  if (defaults == NULL)
    return;
  check_members (c, defaults, "$.external_provider.allowed_cloud_models.default_models", default_known);
  for (guint i = 0; default_known[i]; i++)
    {
      g_autofree char *p = g_strconcat ("$.external_provider.allowed_cloud_models.default_models.",
                                        default_known[i], NULL);
      g_autofree char *key = g_strconcat ("models.default.", default_known[i], NULL);
      JsonNode *node = json_object_get_member (defaults, default_known[i]);

      if (node == NULL)
        add_issue (c, p, _("This default model is missing. Give a model id from allowed_models, or null for none."));
      else if (JSON_NODE_HOLDS_NULL (node))
        _od_flat_set_string (target, key, NULL);
      else if (!holds_string (node))
        {
          g_autofree char *shown = show_value (node);
          add_issue (c, p, _("Expected a model id or null, found %s."), shown);
        }
      else if (od_catalogue_lookup_model (json_node_get_string (node)) == NULL)
        add_issue (c, p, _("“%s” is not an allowed model: it is not in the model catalogue. Choose a model "
                           "from allowed_models."), json_node_get_string (node));
      else if (allowed != NULL && !g_hash_table_contains (listed, json_node_get_string (node)))
        add_issue (c, p, _("“%s” is not an allowed model. Add it to allowed_models or choose one that is listed."),
                   json_node_get_string (node));
      else
        _od_flat_set_string (target, key, json_node_get_string (node));
    }
}

typedef struct
{
  char   *name;
  char   *path;
  GStrv   bundle_ids;
} DeniedApp;

static void
denied_app_free (gpointer data)
{
  DeniedApp *app = data;

  g_free (app->name);
  g_free (app->path);
  g_strfreev (app->bundle_ids);
  g_free (app);
}

/* Whose bundle ids these are in the result: a Global entry or a custom one. */
static void
index_bundle_ids (GHashTable         *owners,
                  const char * const *ids,
                  const char         *owner)
{
  for (guint i = 0; ids && ids[i]; i++)
    g_hash_table_insert (owners, g_utf8_casefold (ids[i], -1), (gpointer) owner);
}

static void
apply_sources (Check      *c,
               JsonObject *provider,
               GHashTable *target)
{
  static const char * const known[] = { "enabled", "denied_sources", NULL };
  static const char * const entry_known[] = { "application", "bundle_identifiers", NULL };
  const char *path = "$.external_provider.denied_workstream_pattern_engine_sources";
  const char *list_path = "$.external_provider.denied_workstream_pattern_engine_sources.denied_sources";
  JsonObject *sources = need_object (c, provider, "$.external_provider", "denied_workstream_pattern_engine_sources");
  g_autoptr(GPtrArray) customs = g_ptr_array_new_with_free_func (denied_app_free);
  g_autoptr(GHashTable) denied_globals = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  const OdCatalogueApplication *apps;
  JsonArray *denied;
  GHashTableIter iter;
  gpointer key, value;
  guint n_apps;
  gboolean on;

  /* Every entry is checked, including bundle ids taken by another, before the caller decides
   * (on any problem) to apply nothing. */
  if (sources == NULL)
    return;
  check_members (c, sources, path, known);
  if (need_switch (c, sources, path, "enabled", &on))
    _od_flat_set_bool (target, "sources.manage", on);
  denied = need_array (c, sources, path, "denied_sources");
  if (denied == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (denied); i++)
    {
      JsonNode *node = json_array_get_element (denied, i);
      g_autofree char *p = element_path (list_path, i);
      g_autofree char *app_path = member_path (p, "application");
      g_autofree char *ids_path = member_path (p, "bundle_identifiers");
      g_autofree char *name = NULL;
      g_autofree char *name_key = NULL;
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      const OdCatalogueApplication *global;
      JsonObject *entry;
      JsonNode *app_node, *ids_node;
      gpointer first;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *shown = show_value (node);
          add_issue (c, p, _("Expected an object with \"application\" and \"bundle_identifiers\", found %s."), shown);
          continue;
        }
      entry = json_node_get_object (node);
      check_members (c, entry, p, entry_known);

      app_node = json_object_get_member (entry, "application");
      if (!holds_string (app_node) || *g_strstrip (name = g_strdup (json_node_get_string (app_node))) == '\0')
        {
          add_issue (c, app_path, _("Give the application’s name, e.g. \"Slack\"."));
          continue;
        }
      name_key = _od_settings_custom_key (name);
      first = g_hash_table_lookup (names, name_key);
      if (first != NULL)
        {
          add_issue (c, app_path, _("“%s” is listed twice (first at [%u]). Remove one."), name,
                     GPOINTER_TO_UINT (first) - 1);
          continue;
        }
      g_hash_table_insert (names, g_strdup (name_key), GUINT_TO_POINTER (i + 1));

      ids_node = json_object_get_member (entry, "bundle_identifiers");
      if (ids_node == NULL || !JSON_NODE_HOLDS_ARRAY (ids_node))
        {
          add_issue (c, ids_path, _("Give the application’s bundle identifiers as an array, e.g. "
                                    "[\"com.example.App\"]."));
          continue;
        }
      for (guint k = 0; k < json_array_get_length (json_node_get_array (ids_node)); k++)
        {
          JsonNode *id = json_array_get_element (json_node_get_array (ids_node), k);
          g_autofree char *id_path = element_path (ids_path, k);
          g_autoptr(GError) error = NULL;

          if (!holds_string (id))
            {
              g_autofree char *shown = show_value (id);
              add_issue (c, id_path, _("Expected a bundle identifier such as \"com.example.App\", found %s."), shown);
            }
          else if (!od_settings_check_bundle_id (json_node_get_string (id), &error))
            add_issue (c, id_path, "%s", error->message);
          else
            g_strv_builder_add (ids, json_node_get_string (id));
        }

      global = od_catalogue_find_application (name);
      if (global != NULL)
        {
          /* A Global entry is named by its name; its bundle ids are the catalogue's. */
          g_hash_table_add (denied_globals, (gpointer) global->id);
          continue;
        }
      {
        DeniedApp *app = g_new0 (DeniedApp, 1);
        app->name = g_steal_pointer (&name);
        app->path = g_steal_pointer (&ids_path);
        app->bundle_ids = g_strv_builder_end (ids);
        if (app->bundle_ids[0] == NULL)
          add_issue (c, app->path, _("“%s” is not a Global application, so it needs at least one bundle "
                                     "identifier, e.g. \"com.example.App\"."), app->name);
        g_ptr_array_add (customs, app);
      }
    }
  /* The result: every Global entry, the listed custom ones, and the custom ones already in the
   * catalogue but not listed (they stay, allowed). */
  apps = od_catalogue_get_applications (&n_apps);
  for (guint i = 0; i < n_apps; i++)
    {
      g_autofree char *k = g_strconcat (OD_SETTINGS_GLOBAL_PREFIX, apps[i].id, NULL);
      _od_flat_set_bool (target, k, g_hash_table_contains (denied_globals, apps[i].id));
      index_bundle_ids (owners, apps[i].bundle_ids, apps[i].name);
    }

  g_hash_table_iter_init (&iter, target);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *name_key = (const char *) key + strlen (OD_SETTINGS_CUSTOM_PREFIX);
      if (g_str_has_prefix (key, OD_SETTINGS_CUSTOM_PREFIX) && !g_hash_table_contains (names, name_key))
        g_ptr_array_add (kept, g_strdup (key));
    }
  for (guint i = 0; i < kept->len; i++)
    {
      JsonNode *node = g_hash_table_lookup (target, kept->pdata[i]);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *ids = object ? json_object_get_member (object, "bundle_ids") : NULL;
      JsonNode *name = object ? json_object_get_member (object, "name") : NULL;

      /* A new node: the one in the map is shared with the current settings. */
      if (object != NULL)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, holds_string (name) ? json_node_get_string (name) : "");
          json_builder_set_member_name (b, "bundle_ids");
          if (ids != NULL && JSON_NODE_HOLDS_ARRAY (ids))
            {
              g_autofree char *text = json_to_string (ids, FALSE);
              json_builder_add_value (b, json_from_string (text, NULL));
            }
          else
            {
              json_builder_begin_array (b);
              json_builder_end_array (b);
            }
          json_builder_set_member_name (b, "denied");
          json_builder_add_boolean_value (b, FALSE);
          json_builder_end_object (b);
          g_hash_table_insert (target, g_strdup (kept->pdata[i]), json_builder_get_root (b));
        }
      for (guint k = 0; ids && JSON_NODE_HOLDS_ARRAY (ids) && k < json_array_get_length (json_node_get_array (ids)); k++)
        {
          JsonNode *id = json_array_get_element (json_node_get_array (ids), k);
          if (holds_string (id) && holds_string (name))
            g_hash_table_insert (owners, g_utf8_casefold (json_node_get_string (id), -1),
                                 (gpointer) json_node_get_string (name));
        }
    }
  /* Listed custom entries replace the ones of the same name. */
  g_hash_table_iter_init (&iter, target);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, OD_SETTINGS_CUSTOM_PREFIX) &&
        g_hash_table_contains (names, (const char *) key + strlen (OD_SETTINGS_CUSTOM_PREFIX)))
      g_hash_table_iter_remove (&iter);

  for (guint i = 0; i < customs->len; i++)
    {
      DeniedApp *app = g_ptr_array_index (customs, i);
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *name_key = _od_settings_custom_key (app->name);

      for (guint k = 0; app->bundle_ids[k]; k++)
        {
          g_autofree char *folded = g_utf8_casefold (app->bundle_ids[k], -1);
          const char *owner = g_hash_table_lookup (owners, folded);
          g_autofree char *id_path = element_path (app->path, k);

          if (owner != NULL && !g_str_equal (owner, app->name))
            add_issue (c, id_path, _("The bundle identifier “%s” already belongs to “%s”. Deny that "
                                     "application instead, or remove the identifier."), app->bundle_ids[k], owner);
          else
            g_hash_table_insert (owners, g_steal_pointer (&folded), app->name);
        }

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, app->name);
      json_builder_set_member_name (b, "bundle_ids");
      json_builder_begin_array (b);
      for (guint k = 0; app->bundle_ids[k]; k++)
        json_builder_add_string_value (b, app->bundle_ids[k]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "denied");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_end_object (b);
      g_hash_table_insert (target, g_strconcat (OD_SETTINGS_CUSTOM_PREFIX, name_key, NULL), json_builder_get_root (b));
    }
}

static void
apply_websites (Check      *c,
                JsonObject *provider,
                GHashTable *target)
{
  static const char * const known[] = { "enabled", "denied_websites", NULL };
  static const char * const entry_known[] = { "url", NULL };
  const char *path = "$.external_provider.denied_workstream_pattern_engine_websites";
  const char *list_path = "$.external_provider.denied_workstream_pattern_engine_websites.denied_websites";
  JsonObject *websites = need_object (c, provider, "$.external_provider", "denied_workstream_pattern_engine_websites");
  g_autoptr(GHashTable) hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *denied;
  GHashTableIter iter;
  gpointer key, value;
  guint n_issues;
  gboolean on;

  if (websites == NULL)
    return;
  check_members (c, websites, path, known);
  if (need_switch (c, websites, path, "enabled", &on))
    _od_flat_set_bool (target, "websites.manage", on);
  denied = need_array (c, websites, path, "denied_websites");
  if (denied == NULL)
    return;
  if (json_array_get_length (denied) > OD_WEBSITE_MAX_DENIED)
    {
      add_issue (c, list_path, _("The document lists %u denied websites, more than the %u a policy can hold. "
                                 "Remove the websites that are no longer needed."),
                 json_array_get_length (denied), (guint) OD_WEBSITE_MAX_DENIED);
      return;
    }

  n_issues = g_list_model_get_n_items (G_LIST_MODEL (c->issues));
  for (guint i = 0; i < json_array_get_length (denied); i++)
    {
      JsonNode *node = json_array_get_element (denied, i);
      g_autofree char *p = element_path (list_path, i);
      g_autofree char *url_path = member_path (p, "url");
      g_autoptr(GError) error = NULL;
      g_autofree char *host = NULL;
      JsonNode *url;
      gpointer first;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *shown = show_value (node);
          add_issue (c, p, _("Expected an object such as {\"url\": \"example.com\"}, found %s."), shown);
          continue;
        }
      check_members (c, json_node_get_object (node), p, entry_known);
      url = json_object_get_member (json_node_get_object (node), "url");
      if (!holds_string (url))
        {
          add_issue (c, url_path, _("Give the website as a string, e.g. \"example.com\"."));
          continue;
        }
      host = od_website_normalize (json_node_get_string (url), &error);
      if (host == NULL)
        {
          add_issue (c, url_path, "%s", error->message);
          continue;
        }
      first = g_hash_table_lookup (hosts, host);
      if (first != NULL)
        {
          add_issue (c, url_path, _("%s is listed twice (first at [%u]). Remove one."), host,
                     GPOINTER_TO_UINT (first) - 1);
          continue;
        }
      g_hash_table_insert (hosts, g_steal_pointer (&host), GUINT_TO_POINTER (i + 1));
    }
  if (n_issues != g_list_model_get_n_items (G_LIST_MODEL (c->issues)))
    return;

  g_hash_table_iter_init (&iter, target);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, OD_SETTINGS_WEBSITE_PREFIX))
      g_hash_table_iter_remove (&iter);
  g_hash_table_iter_init (&iter, hosts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *k = g_strconcat (OD_SETTINGS_WEBSITE_PREFIX, (const char *) key, NULL);
      _od_flat_set_bool (target, k, TRUE);
    }
}

/* The settings a document makes of current, or NULL when issues got any problem. */
static GHashTable *
apply_document (GHashTable *current,
                gint64      organization_id,
                JsonNode   *document,
                GListStore *issues)
{
  static const char * const provider_known[] = {
    "allowed_cloud_models", "denied_workstream_pattern_engine_sources",
    "denied_workstream_pattern_engine_websites", "processing", NULL,
  };
  Check c = { issues };
  g_autoptr(GHashTable) target = _od_flat_copy (current);
  g_autoptr(OdSettings) check = NULL;
  g_autoptr(GListModel) rules = NULL;
  JsonObject *root, *provider;

  if (document == NULL || !JSON_NODE_HOLDS_OBJECT (document))
    {
      add_issue (&c, "$", _("A policy document is a JSON object; `orgdeskctl policy export` shows one."));
      return NULL;
    }
  if (!check_encoding (&c, document, "$"))
    return NULL;
  root = json_node_get_object (document);
  check_header (&c, root);
  apply_features (&c, root, target);
  provider = need_object (&c, root, "$", "external_provider");
  if (provider != NULL)
    {
      check_members (&c, provider, "$.external_provider", provider_known);
      apply_models (&c, provider, target);
      apply_sources (&c, provider, target);
      apply_websites (&c, provider, target);
      apply_processing (&c, provider, target);
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (issues)) > 0)
    return NULL;

  /* The same rules as saving settings. */
  check = _od_settings_new_from_flat (organization_id, target);
  rules = od_settings_validate (check);
  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr(OdPolicyIssue) issue = g_list_model_get_item (rules, i);
      g_list_store_append (issues, issue);
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (issues)) > 0)
    return NULL;
  return g_steal_pointer (&target);
}

gboolean
od_policy_apply (OdSettings  *settings,
                 JsonNode    *document,
                 GListModel **issues)
{
  g_autoptr(GListStore) problems = g_list_store_new (OD_TYPE_POLICY_ISSUE);
  g_autoptr(GHashTable) current = NULL;
  g_autoptr(GHashTable) target = NULL;

  g_return_val_if_fail (OD_IS_SETTINGS (settings), FALSE);

  current = _od_settings_flatten (settings);
  target = apply_document (current, od_settings_get_organization_id (settings), document, problems);
  if (target != NULL)
    _od_settings_set_values (settings, target);
  if (issues != NULL)
    *issues = G_LIST_MODEL (g_steal_pointer (&problems));
  return target != NULL;
}

static GListStore *
issues_from_parse_error (const GError *parse_error)
{
  GListStore *issues = g_list_store_new (OD_TYPE_POLICY_ISSUE);
  g_autofree char *message = g_strdup_printf (_("The file is not valid JSON: %s"), parse_error->message);
  g_autoptr(OdPolicyIssue) issue = od_policy_issue_new ("$", message);

  g_list_store_append (issues, issue);
  return issues;
}

static gboolean
set_invalid_error (GListModel  *issues,
                   GError     **error)
{
  guint n = g_list_model_get_n_items (issues);

  g_set_error (error, OD_POLICY_ERROR, OD_POLICY_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "The policy document has %u problem; nothing was changed.",
                            "The policy document has %u problems; nothing was changed.", n), n);
  return FALSE;
}

/* ---------------------------------------------------------------------------------------------
 * Diff
 */

typedef struct
{
  char *path;
  char *value;
} Line;

static void
line_free (gpointer data)
{
  Line *line = data;

  g_free (line->path);
  g_free (line->value);
  g_free (line);
}

static void
collect_lines (JsonNode   *node,
               const char *path,
               GPtrArray  *lines)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *child = member_path (path, l->data);

          if (g_str_equal (path, "$") && (g_str_equal (l->data, "revision") || g_str_equal (l->data, "generated_at")))
            continue;
          collect_lines (json_object_get_member (object, l->data), child, lines);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      /* Elements are compared whole, as members of a set. */
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          Line *line = g_new0 (Line, 1);
          line->path = g_strconcat (path, "[]", NULL);
          line->value = json_to_string (json_array_get_element (array, i), FALSE);
          g_ptr_array_add (lines, line);
        }
    }
  else
    {
      Line *line = g_new0 (Line, 1);
      line->path = g_strdup (path);
      line->value = json_to_string (node, FALSE);
      g_ptr_array_add (lines, line);
    }
}

/* Marks the lines of a that b lacks (as many times as they repeat). */
static GPtrArray *
lines_missing_from (GPtrArray *a,
                    GPtrArray *b)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *missing = g_ptr_array_new ();

  for (guint i = 0; i < b->len; i++)
    {
      Line *line = g_ptr_array_index (b, i);
      char *key = g_strconcat (line->path, "\n", line->value, NULL);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
      g_hash_table_insert (counts, key, GUINT_TO_POINTER (n + 1));
    }
  for (guint i = 0; i < a->len; i++)
    {
      Line *line = g_ptr_array_index (a, i);
      g_autofree char *key = g_strconcat (line->path, "\n", line->value, NULL);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      if (n > 0)
        g_hash_table_insert (counts, g_steal_pointer (&key), GUINT_TO_POINTER (n - 1));
      else
        g_ptr_array_add (missing, line);
    }
  return missing;
}

GListModel *
od_policy_diff (JsonNode *old_document,
                JsonNode *new_document)
{
  g_autoptr(GPtrArray) old_lines = g_ptr_array_new_with_free_func (line_free);
  g_autoptr(GPtrArray) new_lines = g_ptr_array_new_with_free_func (line_free);
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GListStore *changes = g_list_store_new (OD_TYPE_POLICY_CHANGE);

  g_return_val_if_fail (new_document != NULL, NULL);

  if (old_document != NULL)
    collect_lines (old_document, "$", old_lines);
  collect_lines (new_document, "$", new_lines);
  removed = lines_missing_from (old_lines, new_lines);
  added = lines_missing_from (new_lines, old_lines);

  /* Group by path, in the new document's order, each removal before the additions. */
  for (guint i = 0; i < new_lines->len; i++)
    {
      Line *line = g_ptr_array_index (new_lines, i);
      if (g_hash_table_add (seen, line->path))
        g_ptr_array_add (paths, line->path);
    }
  for (guint i = 0; i < old_lines->len; i++)
    {
      Line *line = g_ptr_array_index (old_lines, i);
      if (g_hash_table_add (seen, line->path))
        g_ptr_array_add (paths, line->path);
    }
  for (guint p = 0; p < paths->len; p++)
    {
      const char *path = g_ptr_array_index (paths, p);

      for (guint i = 0; i < removed->len; i++)
        {
          Line *line = g_ptr_array_index (removed, i);
          if (g_str_equal (line->path, path))
            {
              g_autoptr(OdPolicyChange) change = od_policy_change_new (OD_POLICY_CHANGE_REMOVED, path, line->value);
              g_list_store_append (changes, change);
            }
        }
      for (guint i = 0; i < added->len; i++)
        {
          Line *line = g_ptr_array_index (added, i);
          if (g_str_equal (line->path, path))
            {
              g_autoptr(OdPolicyChange) change = od_policy_change_new (OD_POLICY_CHANGE_ADDED, path, line->value);
              g_list_store_append (changes, change);
            }
        }
    }
  return G_LIST_MODEL (changes);
}

/* ---------------------------------------------------------------------------------------------
 * With the repository
 */

gboolean
od_policy_check_size (guint64   size,
                      GError  **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (size > OD_POLICY_MAX_BYTES)
    {
      g_autofree char *text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, OD_POLICY_ERROR, OD_POLICY_ERROR_TOO_LARGE,
                   _("The policy document is %s (%llu bytes); documents larger than %u MiB are refused. "
                     "Check that this is an Orgdesk policy document: `orgdeskctl policy export` writes one."),
                   text, (unsigned long long) size, (guint) (OD_POLICY_MAX_BYTES / (1024 * 1024)));
      return FALSE;
    }
  return TRUE;
}

/* json-glib's parser recurses once per level: a few hundred thousand "[" overflow its stack.
 * One pass over the text (strings skipped) finds the depth first. */
static gboolean
check_depth (const char  *text,
             gsize        length,
             GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0, line = 1;

  for (gsize i = 0; i < length; i++)
    {
      char ch = text[i];

      if (ch == '\n')
        line++;
      if (in_string)
        {
          if (ch == '\\')
            i++;
          else if (ch == '"')
            in_string = FALSE;
        }
      else if (ch == '"')
        in_string = TRUE;
      else if ((ch == '[' || ch == '{') && ++depth > OD_POLICY_MAX_DEPTH)
        {
          g_set_error (error, OD_POLICY_ERROR, OD_POLICY_ERROR_TOO_LARGE,
                       _("Line %u nests arrays and objects more than %u levels deep; a policy document "
                         "needs 6. Check that this is an Orgdesk policy document: `orgdeskctl policy "
                         "export` writes one."), line, (guint) OD_POLICY_MAX_DEPTH);
          return FALSE;
        }
      else if ((ch == ']' || ch == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

JsonNode *
od_policy_parse (const char  *text,
                 gssize       length,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  gsize size;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = length < 0 ? strlen (text) : (gsize) length;
  if (!od_policy_check_size (size, error) || !check_depth (text, size, error))
    return NULL;
  if (!json_parser_load_from_data (parser, text, (gssize) size, &parse_error))
    {
      /* json-glib quotes the text it stopped at, even when that is not UTF-8. */
      if (!g_utf8_validate (parse_error->message, -1, NULL))
        {
          char *valid = g_utf8_make_valid (parse_error->message, -1);
          g_free (parse_error->message);
          parse_error->message = valid;
        }
      g_propagate_error (error, g_steal_pointer (&parse_error));
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, _("The file is empty."));
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

/* The current document, with the lock held. */
static JsonNode *
current_document (OdRepository      *self,
                  gint64             organization_id,
                  GHashTable       **flat_out,
                  OdOrganization   **org_out,
                  OdPolicyRevision **last_out,
                  GError           **error)
{
  g_autoptr(GHashTable) flat = NULL;
  g_autoptr(OdSettings) settings = NULL;
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdPolicyRevision) last = NULL;
  JsonNode *document;

  org = od_repository_get_organization (self, organization_id, error);
  if (org == NULL)
    return NULL;
  flat = _od_settings_read_flat (self, organization_id, error);
  if (flat == NULL || !_od_policy_last_revision (self, organization_id, &last, error))
    return NULL;
  settings = _od_settings_new_from_flat (organization_id, flat);
  document = od_policy_build (settings, org, last ? od_policy_revision_get_revision (last) + 1 : 1,
                              _od_now_seconds ());
  if (flat_out)
    *flat_out = g_steal_pointer (&flat);
  if (org_out)
    *org_out = g_steal_pointer (&org);
  if (last_out)
    *last_out = g_steal_pointer (&last);
  return document;
}

char *
od_policy_export (OdRepository  *repository,
                  gint64         organization_id,
                  GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(JsonNode) document = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&repository->lock);
  document = current_document (repository, organization_id, NULL, NULL, NULL, error);
  return document ? od_policy_to_text (document) : NULL;
}

GListModel *
od_policy_diff_unpublished (OdRepository  *repository,
                            gint64         organization_id,
                            GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(JsonNode) published = NULL;
  g_autoptr(OdPolicyRevision) last = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&repository->lock);
  document = current_document (repository, organization_id, NULL, NULL, &last, error);
  if (document == NULL)
    return NULL;
  if (last != NULL)
    published = json_from_string (od_policy_revision_get_document (last), NULL);
  return od_policy_diff (published, document);
}

/* Applies a document inside a transaction that the caller ends. */
static gboolean
apply_in_transaction (OdRepository  *self,
                      const Actor   *who,
                      JsonNode      *document,
                      const char    *action,
                      const char    *target_text,
                      gboolean       write,
                      GListStore    *issues,
                      GListModel   **changes,
                      GError       **error)
{
  g_autoptr(GHashTable) current = NULL;
  g_autoptr(GHashTable) target = NULL;
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdSettings) before = NULL;
  g_autoptr(OdSettings) after = NULL;
  gboolean changed;

  org = od_repository_get_organization (self, who->organization_id, error);
  if (org == NULL || (current = _od_settings_read_flat (self, who->organization_id, error)) == NULL)
    return FALSE;
  target = apply_document (current, who->organization_id, document, issues);
  if (target == NULL)
    return set_invalid_error (G_LIST_MODEL (issues), error);

  if (changes != NULL)
    {
      g_autoptr(JsonNode) old_doc = NULL;
      g_autoptr(JsonNode) new_doc = NULL;

      before = _od_settings_new_from_flat (who->organization_id, current);
      after = _od_settings_new_from_flat (who->organization_id, target);
      old_doc = od_policy_build (before, org, 1, 0);
      new_doc = od_policy_build (after, org, 1, 0);
      *changes = od_policy_diff (old_doc, new_doc);
    }
  if (!write)
    return TRUE;
  return _od_settings_write_changes (self, who, current, target, action, target_text, &changed, error);
}

gboolean
od_policy_import (OdRepository  *repository,
                  OdMember      *actor,
                  gint64         organization_id,
                  const char    *text,
                  gssize         length,
                  gboolean       dry_run,
                  GListModel   **issues,
                  GListModel   **changes,
                  GError       **error)
{
  g_autoptr(GListStore) problems = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_auto(Actor) who = { 0 };
  gboolean ok;

  g_return_val_if_fail (OD_IS_REPOSITORY (repository), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (changes != NULL)
    *changes = NULL;
  document = od_policy_parse (text, length, &parse_error);
  if (document == NULL && g_error_matches (parse_error, OD_POLICY_ERROR, OD_POLICY_ERROR_TOO_LARGE))
    {
      if (issues != NULL)
        *issues = G_LIST_MODEL (g_list_store_new (OD_TYPE_POLICY_ISSUE));
      g_propagate_error (error, g_steal_pointer (&parse_error));
      return FALSE;
    }
  if (document == NULL)
    {
      problems = issues_from_parse_error (parse_error);
      set_invalid_error (G_LIST_MODEL (problems), error);
      if (issues != NULL)
        *issues = G_LIST_MODEL (g_steal_pointer (&problems));
      return FALSE;
    }

  problems = g_list_store_new (OD_TYPE_POLICY_ISSUE);
  if (!_od_txn_begin (repository, error))
    return FALSE;
  ok = _od_settings_load_actor (repository, actor, organization_id, &who, error) &&
       apply_in_transaction (repository, &who, document, "policy.import", _("policy document"), !dry_run,
                             problems, changes, error);
  /* A dry run writes nothing: end it as a failure so it rolls back. */
  if (!_od_txn_end (repository, ok && !dry_run, dry_run ? NULL : error) && !dry_run)
    ok = FALSE;
  if (issues != NULL)
    *issues = G_LIST_MODEL (g_steal_pointer (&problems));
  return ok;
}

gboolean
od_policy_restore (OdRepository  *repository,
                   OdMember      *actor,
                   gint64         organization_id,
                   gint64         revision,
                   GListModel   **changes,
                   GError       **error)
{
  g_autoptr(GListStore) problems = g_list_store_new (OD_TYPE_POLICY_ISSUE);
  g_autoptr(OdPolicyRevision) stored = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autofree char *target = NULL;
  g_auto(Actor) who = { 0 };
  gboolean ok;

  g_return_val_if_fail (OD_IS_REPOSITORY (repository), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (changes != NULL)
    *changes = NULL;
  if (!_od_txn_begin (repository, error))
    return FALSE;
  ok = _od_settings_load_actor (repository, actor, organization_id, &who, error) &&
       (stored = _od_policy_get_revision (repository, organization_id, revision, error)) != NULL &&
       (document = od_policy_parse (od_policy_revision_get_document (stored), -1, error)) != NULL;
  if (ok)
    {
      /* Translators: the journal's target of a restore */
      target = g_strdup_printf (_("revision %lld"), (long long) revision);
      ok = apply_in_transaction (repository, &who, document, "policy.restore", target, TRUE, problems,
                                 changes, error);
      if (!ok && g_list_model_get_n_items (G_LIST_MODEL (problems)) > 0)
        {
          g_autoptr(OdPolicyIssue) first = g_list_model_get_item (G_LIST_MODEL (problems), 0);
          g_autofree char *line = od_policy_issue_to_string (first);
          g_clear_error (error);
          g_set_error (error, OD_POLICY_ERROR, OD_POLICY_ERROR_INVALID,
                       _("Revision %lld no longer fits this version’s catalogue (%s); "
                         "nothing was changed."), (long long) revision, line);
        }
    }
  return _od_txn_end (repository, ok, error);
}

GListModel *
od_policy_list_revisions (OdRepository  *repository,
                          gint64         organization_id,
                          GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&repository->lock);
  return _od_policy_list_revisions (repository, organization_id, error);
}

/* ---------------------------------------------------------------------------------------------
 * Publishing
 */

static gboolean
write_file (const char  *path,
            const char  *contents,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  /* Written to a temporary file in the same folder, flushed, then renamed over the old one. */
  if (!g_file_set_contents_full (path, contents, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local_error))
    {
      g_set_error (error, OD_POLICY_ERROR, OD_POLICY_ERROR_FOLDER,
                   _("Could not write the policy to “%s”: %s. Check that the folder can be written."),
                   path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_folder (const char  *folder,
              GError     **error)
{
  if (folder == NULL || *folder == '\0')
    {
      g_set_error_literal (error, OD_POLICY_ERROR, OD_POLICY_ERROR_FOLDER,
                           _("Choose the folder to publish the policy to."));
      return FALSE;
    }
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, OD_POLICY_ERROR, OD_POLICY_ERROR_FOLDER,
                   _("The folder “%s” does not exist. Create it, or choose another folder."), folder);
      return FALSE;
    }
  return TRUE;
}

/* Writes the files of a revision; with previous_stable set, what the stable file held before. */
static gboolean
write_revision_files (const char  *folder,
                      const char  *slug,
                      gint64       revision,
                      const char  *text,
                      char       **previous_stable,
                      GError     **error)
{
  g_autofree char *name = od_policy_file_name (slug, revision);
  g_autofree char *stable_name = od_policy_file_name (slug, 0);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *stable = g_build_filename (folder, stable_name, NULL);

  if (previous_stable != NULL && !g_file_get_contents (stable, previous_stable, NULL, NULL))
    *previous_stable = NULL;
  if (!write_file (path, text, error))
    return FALSE;
  if (!write_file (stable, text, error))
    {
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}

static void
undo_revision_files (const char *folder,
                     const char *slug,
                     gint64      revision,
                     const char *previous_stable)
{
  g_autofree char *name = od_policy_file_name (slug, revision);
  g_autofree char *stable_name = od_policy_file_name (slug, 0);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *stable = g_build_filename (folder, stable_name, NULL);

  g_unlink (path);
  if (previous_stable != NULL)
    write_file (stable, previous_stable, NULL);
  else
    g_unlink (stable);
}

OdPolicyRevision *
od_policy_publish (OdRepository  *repository,
                   OdMember      *actor,
                   gint64         organization_id,
                   const char    *folder,
                   GListModel   **changes,
                   GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdPolicyRevision) last = NULL;
  g_autoptr(GHashTable) flat = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(JsonNode) published = NULL;
  g_autoptr(GListModel) diff = NULL;
  g_autoptr(OdSettings) settings = NULL;
  g_autoptr(GListModel) problems = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *text = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *previous_stable = NULL;
  g_autofree char *after = NULL;
  gint64 revision = 0, now = _od_now_seconds ();
  gboolean ok, wrote_files = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (changes != NULL)
    *changes = NULL;
  if (!check_folder (folder, error))
    return NULL;
  absolute = g_canonicalize_filename (folder, NULL);

  if (!_od_txn_begin (repository, error))
    return NULL;
  ok = _od_settings_load_actor (repository, actor, organization_id, &who, error) &&
       (document = current_document (repository, organization_id, &flat, &org, &last, error)) != NULL;

  if (ok)
    {
      settings = _od_settings_new_from_flat (organization_id, flat);
      problems = od_settings_validate (settings);
      if (g_list_model_get_n_items (problems) > 0)
        {
          g_autoptr(OdPolicyIssue) first = g_list_model_get_item (problems, 0);
          g_set_error (error, OD_POLICY_ERROR, OD_POLICY_ERROR_INVALID,
                       _("The settings cannot be published: %s"), od_policy_issue_get_message (first));
          ok = FALSE;
        }
    }
  if (ok)
    {
      if (last != NULL)
        published = json_from_string (od_policy_revision_get_document (last), NULL);
      diff = od_policy_diff (published, document);
      revision = last ? od_policy_revision_get_revision (last) + 1 : 1;

      if (last != NULL && g_list_model_get_n_items (diff) == 0 &&
          g_strcmp0 (od_policy_revision_get_folder (last), absolute) == 0)
        {
          /* Nothing new: make sure the last revision's files are there. */
          g_autofree char *name = od_policy_file_name (od_organization_get_slug (org),
                                                       od_policy_revision_get_revision (last));
          g_autofree char *path = g_build_filename (absolute, name, NULL);

          if (!g_file_test (path, G_FILE_TEST_EXISTS))
            ok = write_revision_files (absolute, od_organization_get_slug (org),
                                       od_policy_revision_get_revision (last),
                                       od_policy_revision_get_document (last), NULL, error);
          _od_txn_end (repository, FALSE, NULL);
          if (!ok)
            return NULL;
          if (changes != NULL)
            *changes = g_steal_pointer (&diff);
          return g_steal_pointer (&last);
        }
    }
  if (ok)
    {
      g_autoptr(JsonBuilder) b = _od_json_begin ();

      text = od_policy_to_text (document);
      file_name = od_policy_file_name (od_organization_get_slug (org), revision);
      _od_json_add_int (b, "revision", revision);
      _od_json_add_string (b, "folder", absolute);
      _od_json_add_string (b, "file", file_name);
      _od_json_add_int (b, "changes", g_list_model_get_n_items (diff));
      after = _od_json_end (g_steal_pointer (&b));
      ok = write_revision_files (absolute, od_organization_get_slug (org), revision, text, &previous_stable, error);
      wrote_files = ok;
    }
  if (ok)
    {
      g_autofree char *target = g_strdup_printf (_("revision %lld"), (long long) revision);

      ok = _od_policy_insert_revision (repository, &who, revision, text, absolute, file_name, now, error) &&
           _od_journal_append (repository, who.organization_id, who.id, who.name, "policy.publish", target,
                               NULL, after, error);
    }
  if (!_od_txn_end (repository, ok, error))
    {
      if (wrote_files)
        undo_revision_files (absolute, od_organization_get_slug (org), revision, previous_stable);
      return NULL;
    }

  if (changes != NULL)
    *changes = g_steal_pointer (&diff);
  return g_object_new (OD_TYPE_POLICY_REVISION,
                       "organization-id", organization_id,
                       "revision", revision,
                       "published-at", now,
                       "published-by-name", who.name,
                       "folder", absolute,
                       "file-name", file_name,
                       "document", text,
                       NULL);
}

typedef struct
{
  OdMember *actor;
  gint64    organization_id;
  char     *folder;
} PublishData;

typedef struct
{
  OdPolicyRevision *revision;
  GListModel       *changes;
} PublishResult;

static void
publish_data_free (gpointer data)
{
  PublishData *publish = data;

  g_clear_object (&publish->actor);
  g_free (publish->folder);
  g_free (publish);
}

static void
publish_result_free (gpointer data)
{
  PublishResult *result = data;

  g_clear_object (&result->revision);
  g_clear_object (&result->changes);
  g_free (result);
}

static gpointer
publish_in_worker (OdRepository  *repository,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  PublishData *publish = data;
  PublishResult *result = g_new0 (PublishResult, 1);

  result->revision = od_policy_publish (repository, publish->actor, publish->organization_id, publish->folder,
                                        &result->changes, error);
  if (result->revision == NULL)
    {
      publish_result_free (result);
      return NULL;
    }
  return result;
}

void
od_policy_publish_async (OdRepository        *repository,
                         OdMember            *actor,
                         gint64               organization_id,
                         const char          *folder,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  PublishData *publish;

  g_return_if_fail (OD_IS_REPOSITORY (repository));

  publish = g_new0 (PublishData, 1);
  publish->actor = actor ? g_object_ref (actor) : NULL;
  publish->organization_id = organization_id;
  publish->folder = g_strdup (folder);
  od_repository_run_async (repository, publish_in_worker, publish, publish_data_free, publish_result_free,
                           cancellable, callback, user_data);
}

OdPolicyRevision *
od_policy_publish_finish (OdRepository  *repository,
                          GAsyncResult  *result,
                          GListModel   **changes,
                          GError       **error)
{
  PublishResult *published;
  OdPolicyRevision *revision;

  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);

  published = od_repository_run_finish (repository, result, error);
  if (published == NULL)
    return NULL;
  revision = g_steal_pointer (&published->revision);
  if (changes != NULL)
    *changes = g_steal_pointer (&published->changes);
  publish_result_free (published);
  return revision;
}
