/* od-ctl-settings.c — orgdeskctl: settings, websites, credentials and the policy document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secrets are read from standard input (or, for a Google service account, from a key file) and
 * never from the command line, and never printed. Keyring calls are asynchronous: each command
 * that needs one runs a main loop until it finishes; no display is needed.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>

#include "od-credential.h"
#include "od-credential-store.h"
#include "od-error.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-policy.h"
#include "od-repository.h"
#include "od-settings.h"
#include "od-website.h"
#include "od-website-import.h"

#include "od-ctl.h"

#define MAX_SECRET_INPUT (64 * 1024)

static const char settings_keys_help[] =
  "Settings keys (orgdeskctl settings get|set --org=SLUG KEY [VALUE]):\n"
  "  features.external_cloud  features.telemetry  features.summary_reports   on|off\n"
  "  processing.enabled on|off          processing.mode local|blended|cloud\n"
  "  models.customize on|off            models.all on|off (check or uncheck every model)\n"
  "  models.provider.PROVIDER on|off    (openai, anthropic, gemini, azure-openai, bedrock)\n"
  "  models.allow.MODEL on|off          (the model's check; counts when models.customize is on)\n"
  "  models.default.accurate|fast|fallback_accurate|fallback_fast MODEL|none\n"
  "  sources.manage on|off              sources.deny NAME  sources.allow NAME\n"
  "  sources.add NAME=BUNDLE_ID[,BUNDLE_ID…]   sources.remove NAME (custom entries only)\n"
  "  websites.manage on|off             websites.add DOMAIN_OR_URL  websites.remove DOMAIN_OR_URL\n"
  "`settings get` also shows models.allowed (the allowed models) and, per entry,\n"
  "sources.global.ID, sources.custom.NAME and websites.host.HOST.\n";

/* ---------------------------------------------------------------------------------------------
 * Shared
 */

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* Runs the main loop until wait_cb() has been called; returns the result (owned by wait). */
static GAsyncResult *
wait_for (Wait *wait)
{
  if (wait->result == NULL)
    g_main_loop_run (wait->loop);
  return wait->result;
}

static void
wait_clear (Wait *wait)
{
  g_clear_pointer (&wait->loop, g_main_loop_unref);
  g_clear_object (&wait->result);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Wait, wait_clear)

static void
wait_init (Wait *wait)
{
  wait->loop = g_main_loop_new (NULL, FALSE);
  wait->result = NULL;
}

static gboolean
parse_switch (const char *text,
              gboolean   *out)
{
  static const char * const on[] = { "on", "true", "yes", "1", "enabled", "enable", NULL };
  static const char * const off[] = { "off", "false", "no", "0", "disabled", "disable", NULL };
  g_autofree char *lower = g_ascii_strdown (text, -1);

  if (g_strv_contains (on, lower))
    *out = TRUE;
  else if (g_strv_contains (off, lower))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* Common start of every command here: the organization and, for a change, the acting member. */
static gboolean
open_org (OdCtl            *ctl,
          const char       *slug,
          const char       *usage,
          gboolean          need_actor,
          OdOrganization  **org,
          OdMember        **actor,
          GError          **error)
{
  *org = od_ctl_require_org (ctl, slug, usage, error);
  if (*org == NULL)
    return FALSE;
  if (need_actor && !(*actor = od_ctl_acting_member (ctl, *org, error)))
    return FALSE;
  return TRUE;
}

static void
print_changes (GListModel *changes)
{
  for (guint i = 0; changes != NULL && i < g_list_model_get_n_items (changes); i++)
    {
      g_autoptr(OdPolicyChange) change = g_list_model_get_item (changes, i);
      g_autofree char *line = od_policy_change_to_string (change);
      g_print ("%s\n", line);
    }
}

static void
add_changes_json (JsonBuilder *b,
                  GListModel  *changes)
{
  json_builder_set_member_name (b, "changes");
  json_builder_begin_array (b);
  for (guint i = 0; changes != NULL && i < g_list_model_get_n_items (changes); i++)
    {
      g_autoptr(OdPolicyChange) change = g_list_model_get_item (changes, i);
      g_autoptr(JsonNode) value = json_from_string (od_policy_change_get_value (change), NULL);

      json_builder_begin_object (b);
      od_ctl_add_string (b, "kind", od_policy_change_get_kind (change) == OD_POLICY_CHANGE_ADDED ? "added" : "removed");
      od_ctl_add_string (b, "path", od_policy_change_get_path (change));
      json_builder_set_member_name (b, "value");
      if (value != NULL)
        json_builder_add_value (b, g_steal_pointer (&value));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
print_issues (GListModel *issues)
{
  for (guint i = 0; issues != NULL && i < g_list_model_get_n_items (issues); i++)
    {
      g_autoptr(OdPolicyIssue) issue = g_list_model_get_item (issues, i);
      g_autofree char *line = od_policy_issue_to_string (issue);
      g_printerr ("%s\n", line);
    }
}

/* ---------------------------------------------------------------------------------------------
 * settings get | set | keys
 */

static void
print_value (const char *key,
             JsonNode   *value,
             gboolean    alone)
{
  g_autofree char *text = NULL;

  if (alone && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    {
      g_print ("%s\n", json_node_get_string (value));
      return;
    }
  text = json_to_string (value, FALSE);
  if (alone)
    g_print ("%s\n", text);
  else
    g_print ("%s = %s\n", key, text);
}

int
od_ctl_settings_get (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl settings get --org=SLUG [KEY|PREFIX] [--json]";
  g_autofree char *slug = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdSettings) settings = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) allowed = NULL;
  g_autoptr(GList) members = NULL;
  const char *wanted;
  JsonObject *object;
  GError *error = NULL;
  guint n_matches = 0;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 2)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[2]);
  wanted = argc == 2 ? argv[1] : NULL;

  if (!open_org (ctl, slug, usage, FALSE, &org, NULL, &error) ||
      !(settings = od_settings_load (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);

  all = od_settings_to_json (settings);
  object = json_node_get_object (all);
  allowed = od_settings_dup_allowed_models (settings);
  {
    g_autoptr(JsonBuilder) list = json_builder_new ();
    json_builder_begin_array (list);
    for (guint i = 0; allowed[i]; i++)
      json_builder_add_string_value (list, allowed[i]);
    json_builder_end_array (list);
    json_object_set_member (object, "models.allowed", json_builder_get_root (list));
  }

  members = json_object_get_members (object);
  members = g_list_sort (members, (GCompareFunc) g_strcmp0);
  json_builder_begin_object (b);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (object, key);

      if (wanted != NULL && !g_str_equal (key, wanted) &&
          !(g_str_has_prefix (key, wanted) && key[strlen (wanted)] == '.'))
        continue;
      n_matches++;
      if (json)
        {
          json_builder_set_member_name (b, key);
          json_builder_add_value (b, json_node_copy (value));
        }
      else
        print_value (key, value, wanted != NULL && g_str_equal (key, wanted));
    }
  json_builder_end_object (b);

  if (wanted != NULL && n_matches == 0)
    {
      g_printerr ("orgdeskctl: %s\n%s", _("There is no such setting."), settings_keys_help);
      g_printerr (_("“%s” is not a setting; the keys are listed above.\n"), wanted);
      return EXIT_FAILURE;
    }
  if (json)
    {
      root = json_builder_get_root (b);
      od_ctl_print_json (root);
    }
  return EXIT_SUCCESS;
}

static gboolean
set_key (OdSettings  *settings,
         const char  *key,
         const char  *value,
         GError     **error)
{
  static const struct {
    const char *key;
    void      (*setter) (OdSettings *, gboolean);
  } switches[] = {
    { "features.external_cloud", od_settings_set_external_cloud },
    { "features.telemetry", od_settings_set_telemetry },
    { "features.summary_reports", od_settings_set_summary_reports },
    { "processing.enabled", od_settings_set_processing_enabled },
    { "models.customize", od_settings_set_customize_models },
    { "models.all", od_settings_set_all_models_checked },
    { "sources.manage", od_settings_set_manage_sources },
    { "websites.manage", od_settings_set_manage_websites },
  };
  gboolean on = FALSE;
  gboolean is_switch = parse_switch (value, &on);

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    if (g_str_equal (key, switches[i].key))
      {
        if (!is_switch)
          goto not_a_switch;
        switches[i].setter (settings, on);
        return TRUE;
      }

  if (g_str_equal (key, "processing.mode"))
    {
      OdProcessingMode mode = od_processing_mode_from_string (value);
      if (mode == 0)
        {
          g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID,
                       _("processing.mode: “%s” is not a mode. Use local, blended or cloud."), value);
          return FALSE;
        }
      od_settings_set_processing_mode (settings, mode);
      return TRUE;
    }
  if (g_str_has_prefix (key, "models.provider."))
    {
      OdProvider *provider = od_settings_lookup_provider (settings, key + strlen ("models.provider."));
      if (provider == NULL)
        {
          g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_NOT_FOUND,
                       _("%s: there is no such provider. Use openai, anthropic, gemini, azure-openai or bedrock."),
                       key);
          return FALSE;
        }
      if (!is_switch)
        goto not_a_switch;
      od_provider_set_enabled (provider, on);
      return TRUE;
    }
  if (g_str_has_prefix (key, "models.allow."))
    {
      OdModel *model = od_settings_lookup_model (settings, key + strlen ("models.allow."));
      if (model == NULL)
        {
          g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_NOT_FOUND,
                       _("%s: there is no such model. `orgdeskctl settings get --org=SLUG models.allow` lists them."),
                       key);
          return FALSE;
        }
      if (!is_switch)
        goto not_a_switch;
      od_model_set_checked (model, on);
      return TRUE;
    }
  if (g_str_has_prefix (key, "models.default."))
    {
      OdDefaultModel which = od_default_model_from_string (key + strlen ("models.default."));
      const char *id = g_ascii_strcasecmp (value, "none") == 0 ? NULL : value;

      if (which == 0)
        {
          g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_UNKNOWN_KEY,
                       _("%s: use models.default.accurate, .fast, .fallback_accurate or .fallback_fast."), key);
          return FALSE;
        }
      if (id != NULL && od_settings_lookup_model (settings, id) == NULL)
        {
          g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_NOT_FOUND,
                       _("%s: “%s” is not in the model catalogue. `orgdeskctl settings get --org=SLUG "
                         "models.allowed` lists the allowed models."), key, value);
          return FALSE;
        }
      od_settings_set_default_model (settings, which, id);
      return TRUE;
    }
  if (g_str_equal (key, "sources.deny") || g_str_equal (key, "sources.allow"))
    {
      OdSourceApp *app = od_settings_lookup_application (settings, value);
      if (app == NULL)
        {
          g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_NOT_FOUND,
                       _("There is no application “%s” in the catalogue. Add it with sources.add "
                         "NAME=BUNDLE_ID."), value);
          return FALSE;
        }
      od_source_app_set_denied (app, g_str_equal (key, "sources.deny"));
      return TRUE;
    }
  if (g_str_equal (key, "sources.add"))
    {
      const char *equals = strchr (value, '=');
      g_autofree char *name = NULL;
      g_auto(GStrv) ids = NULL;

      if (equals == NULL)
        {
          g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID,
                       _("sources.add: give NAME=BUNDLE_ID[,BUNDLE_ID…], e.g. \"Acme IDE=com.acme.ide\"."));
          return FALSE;
        }
      name = g_strndup (value, equals - value);
      ids = g_strsplit (equals + 1, ",", -1);
      return od_settings_add_application (settings, name, (const char * const *) ids, error) != NULL;
    }
  if (g_str_equal (key, "sources.remove"))
    {
      OdSourceApp *app = od_settings_lookup_application (settings, value);
      if (app == NULL)
        {
          g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_NOT_FOUND,
                       _("There is no application “%s” in the catalogue."), value);
          return FALSE;
        }
      return od_settings_remove_application (settings, app, error);
    }
  if (g_str_equal (key, "websites.add"))
    return od_settings_add_website (settings, value, error) != NULL;
  if (g_str_equal (key, "websites.remove"))
    return od_settings_remove_website (settings, value, error);

  g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_UNKNOWN_KEY,
               _("“%s” is not a setting that can be set. `orgdeskctl settings keys` lists them."), key);
  return FALSE;

not_a_switch:
  g_set_error (error, OD_SETTINGS_ERROR, OD_SETTINGS_ERROR_INVALID,
               _("%s: “%s” is not on or off."), key, value);
  return FALSE;
}

int
od_ctl_settings_set (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl settings set --org=SLUG KEY VALUE   (orgdeskctl settings keys lists the keys)";
  g_autofree char *slug = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdSettings) settings = NULL;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 3)
    {
      g_printerr ("%s", settings_keys_help);
      return od_ctl_usage_error (usage, _("Give one KEY and its VALUE."));
    }

  if (!open_org (ctl, slug, usage, TRUE, &org, &actor, &error) ||
      !(settings = od_settings_load (ctl->repository, od_organization_get_id (org), &error)) ||
      !set_key (settings, argv[1], argv[2], &error) ||
      !od_settings_save (settings, ctl->repository, actor, &error))
    return od_ctl_fail (error);
  return EXIT_SUCCESS;
}

int
od_ctl_settings_keys (OdCtl *ctl, int argc, char **argv)
{
  if (argc > 1)
    return od_ctl_usage_error ("orgdeskctl settings keys", _("Unexpected argument “%s”."), argv[1]);
  g_print ("%s", settings_keys_help);
  return EXIT_SUCCESS;
}

/* ---------------------------------------------------------------------------------------------
 * website add | remove | list | import
 */

static int
website_change (OdCtl *ctl, int argc, char **argv, gboolean add)
{
  const char *usage = add ? "orgdeskctl website add --org=SLUG DOMAIN_OR_URL…"
                          : "orgdeskctl website remove --org=SLUG DOMAIN_OR_URL…";
  g_autofree char *slug = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdSettings) settings = NULL;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    return od_ctl_usage_error (usage, _("Name at least one website."));

  if (!open_org (ctl, slug, usage, TRUE, &org, &actor, &error) ||
      !(settings = od_settings_load (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);
  /* All or nothing: one refused website leaves the list as it was. */
  for (int i = 1; i < argc; i++)
    {
      gboolean ok = add ? od_settings_add_website (settings, argv[i], &error) != NULL
                        : od_settings_remove_website (settings, argv[i], &error);
      if (!ok)
        return od_ctl_fail (error);
    }
  if (!od_settings_save (settings, ctl->repository, actor, &error))
    return od_ctl_fail (error);
  return EXIT_SUCCESS;
}

int
od_ctl_website_add (OdCtl *ctl, int argc, char **argv)
{
  return website_change (ctl, argc, argv, TRUE);
}

int
od_ctl_website_remove (OdCtl *ctl, int argc, char **argv)
{
  return website_change (ctl, argc, argv, FALSE);
}

int
od_ctl_website_list (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl website list --org=SLUG [--json]";
  g_autofree char *slug = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdSettings) settings = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GListModel *websites;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (!open_org (ctl, slug, usage, FALSE, &org, NULL, &error) ||
      !(settings = od_settings_load (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);

  websites = od_settings_get_websites (settings);
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (websites); i++)
    {
      g_autoptr(OdWebsite) website = g_list_model_get_item (websites, i);

      if (!json)
        {
          const char *display = od_website_get_display_host (website);
          if (g_str_equal (display, od_website_get_host (website)))
            g_print ("%s\n", display);
          else
            g_print ("%s  (%s)\n", od_website_get_host (website), display);
          continue;
        }
      json_builder_begin_object (b);
      od_ctl_add_string (b, "host", od_website_get_host (website));
      od_ctl_add_string (b, "display_host", od_website_get_display_host (website));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      od_ctl_print_json (root);
    }
  return EXIT_SUCCESS;
}

int
od_ctl_website_import (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl website import --org=SLUG FILE [--dry-run] [--json]";
  g_autofree char *slug = NULL;
  gboolean json = FALSE, dry_run = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdSettings) settings = NULL;
  g_autoptr(GListModel) review = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint rejected = 0, added = 0;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return od_ctl_usage_error (usage, _("Give one file to import."));

  if (!open_org (ctl, slug, usage, TRUE, &org, &actor, &error) ||
      !(settings = od_settings_load (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);
  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[1]);
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);

    /* Refused before reading it whole. */
    if (info != NULL && g_file_info_get_size (info) > OD_WEBSITE_IMPORT_MAX_BYTES)
      {
        g_set_error (&error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_FILE,
                     _("The file is larger than 50 MB. Split it into smaller files and import each."));
        return od_ctl_fail (error);
      }
    if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
      return od_ctl_fail (error);
  }
  if (!(review = od_settings_review_websites (settings, contents, length, &error)))
    return od_ctl_fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (review); i++)
    {
      g_autoptr(OdWebsiteImportRow) row = g_list_model_get_item (review, i);
      OdWebsiteImportOutcome outcome = od_website_import_row_get_outcome (row);

      if (outcome != OD_WEBSITE_IMPORT_WILL_ADD)
        rejected++;
      if (!json)
        {
          g_print ("%6u  %-32s  %-28s  %s%s%s\n", od_website_import_row_get_line (row),
                   od_website_import_row_get_input (row),
                   od_website_import_row_get_normalized (row) ? od_website_import_row_get_normalized (row) : "-",
                   od_website_import_outcome_get_label (outcome),
                   od_website_import_row_get_message (row) ? ": " : "",
                   od_website_import_row_get_message (row) ? od_website_import_row_get_message (row) : "");
          continue;
        }
      json_builder_begin_object (b);
      od_ctl_add_int (b, "line", od_website_import_row_get_line (row));
      od_ctl_add_string (b, "input", od_website_import_row_get_input (row));
      od_ctl_add_string (b, "normalized", od_website_import_row_get_normalized (row));
      od_ctl_add_string (b, "outcome", od_website_import_outcome_to_string (outcome));
      od_ctl_add_string (b, "message", od_website_import_row_get_message (row));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      od_ctl_print_json (root);
    }

  if (!dry_run)
    {
      added = od_settings_add_reviewed_websites (settings, review);
      if (added > 0 && !od_settings_save (settings, ctl->repository, actor, &error))
        return od_ctl_fail (error);
    }
  if (!json)
    g_printerr (dry_run ? _("%u to add, %u rejected; nothing was changed (--dry-run).\n")
                        : _("%u added, %u rejected.\n"),
                dry_run ? g_list_model_get_n_items (review) - rejected : added, rejected);
  return rejected > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* ---------------------------------------------------------------------------------------------
 * credential set | list | delete
 */

/* Like od_ctl_parse_options(), but a mistake never repeats what was typed: it may be a key pasted
 * in the wrong place. Only an unknown option's name is named. */
static gboolean
parse_without_echo (const char    *usage,
                    GOptionEntry  *entries,
                    int           *argc,
                    char        ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *unknown = NULL;

  for (int i = 1; i < *argc && unknown == NULL; i++)
    {
      const char *arg = (*argv)[i];
      gboolean known = FALSE;
      gsize length;

      if (!g_str_has_prefix (arg, "--"))
        continue;
      length = strcspn (arg + 2, "=");
      for (GOptionEntry *e = entries; e->long_name != NULL && !known; e++)
        known = strlen (e->long_name) == length && strncmp (e->long_name, arg + 2, length) == 0;
      if (!known)
        unknown = g_strndup (arg, length + 2);
    }

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (unknown != NULL)
    {
      od_ctl_usage_error (usage, _("Unknown option “%s”."), unknown);
      return FALSE;
    }
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      od_ctl_usage_error (usage, "%s", _("An option is missing its value."));
      return FALSE;
    }
  return TRUE;
}

/* The secret: all of standard input without the final line break, asked for without echo when
 * standard input is a terminal. */
static char *
read_secret (GError **error)
{
  GString *text = g_string_sized_new (128);
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  int c;

  if (tty)
    {
      g_printerr ("%s", _("API key (not shown): "));
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  while ((c = getchar ()) != EOF && !(tty && c == '\n'))
    {
      if (text->len >= MAX_SECRET_INPUT)
        break;
      g_string_append_c (text, (char) c);
    }
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  if (text->len >= MAX_SECRET_INPUT)
    {
      explicit_bzero (text->str, text->len);
      g_string_free (text, TRUE);
      g_set_error (error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_INVALID,
                   _("Standard input holds more than 64 KB, which is no API key. Give the key alone."));
      return NULL;
    }
  while (text->len > 0 && g_ascii_isspace (text->str[text->len - 1]))
    text->str[--text->len] = '\0';
  return g_string_free (text, FALSE);
}

static void
secret_free (char *secret)
{
  od_credential_secret_free (secret);
}

typedef char *SecretText;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (SecretText, secret_free, NULL)

int
od_ctl_credential_set (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage =
    "orgdeskctl credential set --org=SLUG --provider=PROVIDER --name=NAME [--field=KEY=VALUE…] "
    "[--service-account-file=PATH]   (the key on standard input)";
  g_autofree char *slug = NULL, *provider = NULL, *name = NULL, *sa_file = NULL;
  g_auto(GStrv) field_args = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider, NULL, NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, NULL, NULL },
    { "field", 0, 0, G_OPTION_ARG_STRING_ARRAY, &field_args, NULL, NULL },
    { "service-account-file", 0, 0, G_OPTION_ARG_FILENAME, &sa_file, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdCredential) existing = NULL;
  g_autoptr(OdCredential) stored = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_auto(SecretText) secret = NULL;
  g_auto(Wait) wait = { 0 };
  GError *error = NULL;

  if (!parse_without_echo (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument. The key is read from standard input, never "
                                        "from the command line (which other users and the shell history see)."));
  if (provider == NULL || name == NULL)
    return od_ctl_usage_error (usage, _("Give the provider with --provider and a name with --name."));
  if (sa_file != NULL && !g_str_equal (provider, "gemini"))
    return od_ctl_usage_error (usage, _("--service-account-file is for the gemini provider only."));

  if (field_args != NULL)
    {
      fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; field_args[i]; i++)
        {
          const char *equals = strchr (field_args[i], '=');
          if (equals == NULL || equals == field_args[i])
            return od_ctl_usage_error (usage, _("--field takes KEY=VALUE, e.g. --field=project_id=proj_123."));
          g_hash_table_insert (fields, g_strndup (field_args[i], equals - field_args[i]), g_strdup (equals + 1));
        }
    }

  if (!open_org (ctl, slug, usage, TRUE, &org, &actor, &error))
    return od_ctl_fail (error);
  existing = od_credential_store_find (ctl->repository, od_organization_get_id (org), name, NULL);
  if (existing != NULL)
    {
      g_autofree char *wanted = g_utf8_casefold (g_strstrip (name), -1);
      g_autofree char *found = g_utf8_casefold (od_credential_get_name (existing), -1);

      if (!g_str_equal (wanted, found))
        g_clear_object (&existing);   /* found by id, not by name: this is a new name */
    }
  if (existing != NULL && !g_str_equal (od_credential_get_provider (existing), provider))
    {
      g_set_error (&error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_EXISTS,
                   _("The API key “%s” is for %s, not %s. Delete it first, or choose another name."),
                   od_credential_get_name (existing),
                   od_credential_provider_get_label (od_credential_get_provider (existing)), provider);
      return od_ctl_fail (error);
    }

  if (sa_file != NULL)
    {
      gsize length = 0;
      if (!g_file_get_contents (sa_file, &secret, &length, &error))
        return od_ctl_fail (error);
    }
  else if (!(secret = read_secret (&error)))
    return od_ctl_fail (error);
  if (*secret == '\0' && existing == NULL)
    {
      g_set_error (&error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_INVALID,
                   _("Give the key on standard input, e.g. `orgdeskctl credential set … < key.txt`."));
      return od_ctl_fail (error);
    }

  wait_init (&wait);
  if (existing == NULL)
    {
      od_credential_store_create_async (ctl->repository, actor, provider, name, fields, secret, NULL, wait_cb, &wait);
      stored = od_credential_store_create_finish (ctl->repository, wait_for (&wait), &error);
    }
  else
    {
      od_credential_store_update_async (ctl->repository, actor, od_credential_get_id (existing), name, fields,
                                        *secret ? secret : NULL, NULL, wait_cb, &wait);
      stored = od_credential_store_update_finish (ctl->repository, wait_for (&wait), &error);
    }
  if (stored == NULL)
    return od_ctl_fail (error);

  if (*od_credential_get_last_four (stored))
    g_print (_("Stored the %s key “%s” (ending in %s) in the keyring.\n"),
             od_credential_provider_get_label (od_credential_get_provider (stored)), od_credential_get_name (stored),
             od_credential_get_last_four (stored));
  else
    g_print (_("Stored the %s key “%s” in the keyring.\n"),
             od_credential_provider_get_label (od_credential_get_provider (stored)), od_credential_get_name (stored));
  return EXIT_SUCCESS;
}

int
od_ctl_credential_list (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl credential list --org=SLUG [--json]";
  g_autofree char *slug = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(GListModel) credentials = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (!open_org (ctl, slug, usage, FALSE, &org, NULL, &error) ||
      !(credentials = od_credential_store_list (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (credentials); i++)
    {
      g_autoptr(OdCredential) c = g_list_model_get_item (credentials, i);
      g_autoptr(JsonNode) fields = json_from_string (od_credential_get_fields_json (c), NULL);

      if (!json)
        {
          g_autofree char *when = od_ctl_format_time (od_credential_get_updated_at (c));
          g_autofree char *masked = *od_credential_get_last_four (c)
                                    ? g_strconcat ("••••", od_credential_get_last_four (c), NULL)
                                    : g_strdup ("••••");
          g_print ("%4lld  %-28s  %-14s  %-9s  %s\n", (long long) od_credential_get_id (c),
                   od_credential_get_name (c), od_credential_provider_get_label (od_credential_get_provider (c)),
                   masked, when);
          continue;
        }
      json_builder_begin_object (b);
      od_ctl_add_int (b, "id", od_credential_get_id (c));
      od_ctl_add_string (b, "name", od_credential_get_name (c));
      od_ctl_add_string (b, "provider", od_credential_get_provider (c));
      json_builder_set_member_name (b, "fields");
      if (fields != NULL)
        json_builder_add_value (b, g_steal_pointer (&fields));
      else
        json_builder_add_null_value (b);
      od_ctl_add_string (b, "last_four", od_credential_get_last_four (c));
      od_ctl_add_time (b, "created_at", od_credential_get_created_at (c));
      od_ctl_add_time (b, "updated_at", od_credential_get_updated_at (c));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      od_ctl_print_json (root);
    }
  return EXIT_SUCCESS;
}

int
od_ctl_credential_delete (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl credential delete --org=SLUG (--name=NAME | ID)";
  g_autofree char *slug = NULL, *name = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdCredential) credential = NULL;
  g_auto(Wait) wait = { 0 };
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if ((name == NULL) == (argc != 2) || argc > 2)
    return od_ctl_usage_error (usage, _("Name the API key with --name, or give its id."));

  if (!open_org (ctl, slug, usage, TRUE, &org, &actor, &error) ||
      !(credential = od_credential_store_find (ctl->repository, od_organization_get_id (org),
                                               name ? name : argv[1], &error)))
    return od_ctl_fail (error);

  wait_init (&wait);
  od_credential_store_delete_async (ctl->repository, actor, od_credential_get_id (credential), NULL, wait_cb, &wait);
  if (!od_credential_store_delete_finish (ctl->repository, wait_for (&wait), &error))
    return od_ctl_fail (error);
  g_print (_("Deleted the API key “%s” and its secret.\n"), od_credential_get_name (credential));
  return EXIT_SUCCESS;
}

/* ---------------------------------------------------------------------------------------------
 * policy export | import | diff | publish | history | restore
 */

int
od_ctl_policy_export (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl policy export --org=SLUG [--output=FILE]";
  g_autofree char *slug = NULL, *output = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autofree char *text = NULL;
  g_auto(OdCtlOutput) out = { 0 };
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (!open_org (ctl, slug, usage, FALSE, &org, NULL, &error) ||
      !(text = od_policy_export (ctl->repository, od_organization_get_id (org), &error)) ||
      !od_ctl_output_open (&out, output, &error) ||
      !g_output_stream_write_all (out.stream, text, strlen (text), NULL, NULL, &error) ||
      !od_ctl_output_commit (&out, &error))
    return od_ctl_fail (error);
  return EXIT_SUCCESS;
}

int
od_ctl_policy_import (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl policy import --org=SLUG FILE [--dry-run]";
  g_autofree char *slug = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(GListModel) issues = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return od_ctl_usage_error (usage, _("Give one policy file (\"-\" for standard input)."));

  if (!open_org (ctl, slug, usage, TRUE, &org, &actor, &error))
    return od_ctl_fail (error);
  if (g_str_equal (argv[1], "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      g_autoptr(GByteArray) data = g_byte_array_new ();
      guint8 chunk[64 * 1024];
      gssize n;

      /* Refused as soon as it grows past the limit: endless input cannot fill the memory. */
      while ((n = g_input_stream_read (in, chunk, sizeof chunk, NULL, &error)) > 0)
        {
          g_byte_array_append (data, chunk, (guint) n);
          if (!od_policy_check_size (data->len, &error))
            return od_ctl_fail (error);
        }
      if (n < 0)
        return od_ctl_fail (error);
      length = data->len;
      g_byte_array_append (data, (const guint8 *) "", 1);   /* text, even when empty */
      contents = (char *) g_byte_array_free (g_steal_pointer (&data), FALSE);
    }
  else
    {
      g_autoptr(GFileInfo) info = NULL;

      file = g_file_new_for_commandline_arg (argv[1]);
      /* A file too large is refused before it is read whole. */
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
      if (info != NULL && !od_policy_check_size (g_file_info_get_size (info), &error))
        return od_ctl_fail (error);
      if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
        return od_ctl_fail (error);
    }

  if (!od_policy_import (ctl->repository, actor, od_organization_get_id (org), contents, (gssize) length,
                         dry_run, &issues, &changes, &error))
    {
      print_issues (issues);
      return od_ctl_fail (error);
    }
  print_changes (changes);
  if (g_list_model_get_n_items (changes) == 0)
    g_printerr ("%s\n", _("The document matches the current settings; nothing to change."));
  else if (dry_run)
    g_printerr ("%s\n", _("The document is valid; nothing was changed (--dry-run)."));
  else
    g_printerr ("%s\n", _("Imported. Publish to send the policy to members’ installs."));
  return EXIT_SUCCESS;
}

int
od_ctl_policy_diff (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl policy diff --org=SLUG [--json]";
  g_autofree char *slug = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(GListModel) changes = NULL;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (!open_org (ctl, slug, usage, FALSE, &org, NULL, &error) ||
      !(changes = od_policy_diff_unpublished (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      add_changes_json (b, changes);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      od_ctl_print_json (json_object_get_member (json_node_get_object (root), "changes"));
    }
  else
    print_changes (changes);
  return EXIT_SUCCESS;
}

int
od_ctl_policy_publish (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl policy publish --org=SLUG --folder=DIR [--json]";
  g_autofree char *slug = NULL, *folder = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &folder, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdPolicyRevision) revision = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GListModel) before = NULL;
  g_autofree char *path = NULL;
  gint64 last = 0;
  gboolean published;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (folder == NULL)
    return od_ctl_usage_error (usage, _("Choose the folder to publish to with --folder."));

  if (!open_org (ctl, slug, usage, TRUE, &org, &actor, &error) ||
      !(before = od_policy_list_revisions (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);
  if (g_list_model_get_n_items (before) > 0)
    {
      g_autoptr(OdPolicyRevision) newest = g_list_model_get_item (before, 0);
      last = od_policy_revision_get_revision (newest);
    }
  if (!(revision = od_policy_publish (ctl->repository, actor, od_organization_get_id (org), folder, &changes,
                                      &error)))
    return od_ctl_fail (error);

  published = od_policy_revision_get_revision (revision) > last;
  path = g_build_filename (od_policy_revision_get_folder (revision), od_policy_revision_get_file_name (revision), NULL);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      od_ctl_add_int (b, "revision", od_policy_revision_get_revision (revision));
      json_builder_set_member_name (b, "published");
      json_builder_add_boolean_value (b, published);
      od_ctl_add_string (b, "folder", od_policy_revision_get_folder (revision));
      od_ctl_add_string (b, "file", od_policy_revision_get_file_name (revision));
      od_ctl_add_time (b, "published_at", od_policy_revision_get_published_at (revision));
      add_changes_json (b, changes);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      od_ctl_print_json (root);
      return EXIT_SUCCESS;
    }
  print_changes (changes);
  if (published)
    g_print (_("Published revision %lld to %s (%u changes).\n"), (long long) od_policy_revision_get_revision (revision),
             path, g_list_model_get_n_items (changes));
  else
    g_print (_("Nothing changed since revision %lld (%s); nothing was published.\n"),
             (long long) od_policy_revision_get_revision (revision), path);
  return EXIT_SUCCESS;
}

int
od_ctl_policy_history (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl policy history --org=SLUG [--json]";
  g_autofree char *slug = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);
  if (!open_org (ctl, slug, usage, FALSE, &org, NULL, &error) ||
      !(revisions = od_policy_list_revisions (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (revisions); i++)
    {
      g_autoptr(OdPolicyRevision) r = g_list_model_get_item (revisions, i);

      if (!json)
        {
          g_autofree char *when = od_ctl_format_time (od_policy_revision_get_published_at (r));
          g_autofree char *path = g_build_filename (od_policy_revision_get_folder (r),
                                                    od_policy_revision_get_file_name (r), NULL);
          g_print ("r%-5lld  %s  %-20s  %s\n", (long long) od_policy_revision_get_revision (r), when,
                   od_policy_revision_get_published_by_name (r), path);
          continue;
        }
      json_builder_begin_object (b);
      od_ctl_add_int (b, "revision", od_policy_revision_get_revision (r));
      od_ctl_add_time (b, "published_at", od_policy_revision_get_published_at (r));
      od_ctl_add_string (b, "published_by", od_policy_revision_get_published_by_name (r));
      od_ctl_add_string (b, "folder", od_policy_revision_get_folder (r));
      od_ctl_add_string (b, "file", od_policy_revision_get_file_name (r));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      od_ctl_print_json (root);
    }
  return EXIT_SUCCESS;
}

int
od_ctl_policy_restore (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl policy restore --org=SLUG REVISION";
  g_autofree char *slug = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(GListModel) changes = NULL;
  const char *text;
  guint64 revision = 0;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return od_ctl_usage_error (usage, _("Give the revision to restore (`orgdeskctl policy history` lists them)."));
  text = argv[1][0] == 'r' ? argv[1] + 1 : argv[1];
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &revision, NULL))
    return od_ctl_usage_error (usage, _("“%s” is not a revision number."), argv[1]);

  if (!open_org (ctl, slug, usage, TRUE, &org, &actor, &error) ||
      !od_policy_restore (ctl->repository, actor, od_organization_get_id (org), (gint64) revision, &changes, &error))
    return od_ctl_fail (error);
  print_changes (changes);
  g_printerr (_("Restored revision %lld into the settings. Publish to send it to members’ installs.\n"),
              (long long) revision);
  return EXIT_SUCCESS;
}
