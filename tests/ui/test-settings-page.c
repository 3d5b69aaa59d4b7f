/* test-settings-page.c — the Settings page on a real (temporary) database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: run through tests/headless.sh. Without one the tests are skipped.
 *
 * What it proves: an edit shows the unsaved-changes bar; Save writes it (read back with a fresh
 * OdSettings / organization from the repository); Discard brings back what is saved; an invalid
 * website shows the core's own message and adds nothing; a default model that is not allowed is
 * shown on its row and blocks Save; deleting the organization needs its exact name, and then the
 * window moves on to another organization.
 */
#define _GNU_SOURCE   /* dl_iterate_phdr(), in keep-quark-block.h */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "od-credential-dialog.h"
#include "od-credential-store.h"
#include "od-organization.h"
#include "od-policy.h"
#include "od-policy-dialog.h"
#include <json-glib/json-glib.h>
#include "od-repository.h"
#include "od-settings.h"
#include "od-settings-page.h"
#include "od-website.h"
#include "od-website-import.h"
#include "od-website-import-dialog.h"
#include "od-window.h"
#include "keep-quark-block.h"

#define TIMEOUT_SECONDS 10

typedef struct
{
  char           *dir;
  OdRepository   *repository;
  OdOrganization *organization;
  OdWindow       *window;
  OdSettingsPage *page;
} Fixture;

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

/* Lets pending idles (the page coalesces its updates in one) run */
static void
spin (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 10;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
page_loaded (gpointer data)
{
  return od_settings_page_get_loaded (OD_SETTINGS_PAGE (data));
}

static gboolean
page_has_changes (gpointer data)
{
  return od_settings_page_get_has_changes (OD_SETTINGS_PAGE (data));
}

static gboolean
page_has_no_changes (gpointer data)
{
  return !od_settings_page_get_has_changes (OD_SETTINGS_PAGE (data));
}

/* The first descendant of this type whose preferences-row title (or, for other widgets, name)
 * is title; NULL title matches any */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *name = ADW_IS_PREFERENCES_ROW (root)
                         ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root))
                         : gtk_widget_get_name (root);

      if (title == NULL || g_strcmp0 (name, title) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_visible_label (GtkWidget  *root,
                    const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_visible_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_row (Fixture    *fixture,
          GType       type,
          const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (fixture->page), type, title);

  g_assert_nonnull (row);
  return row;
}

static GtkSwitch *
find_switch (Fixture    *fixture,
             const char *row_title)
{
  GtkWidget *row = find_row (fixture, ADW_TYPE_ACTION_ROW, row_title);
  GtkWidget *sw = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

  g_assert_true (GTK_IS_SWITCH (sw));
  return GTK_SWITCH (sw);
}

static GtkRevealer *
find_save_bar (Fixture *fixture)
{
  GtkWidget *revealer = find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_REVEALER, "save-bar");

  g_assert_nonnull (revealer);
  return GTK_REVEALER (revealer);
}

static void
remove_all (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_open (Fixture *fixture,
              gboolean second_organization)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("orgdesk-test-settings-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "orgdesk.db", NULL);
  fixture->repository = od_repository_open (path, &error);
  g_assert_no_error (error);

  if (second_organization)
    {
      g_autoptr(OdOrganization) other = od_repository_create_organization (fixture->repository, "Zeta Works",
                                                                           "zoe@zeta.example", "Zoe Zeta",
                                                                           5, &error);
      g_assert_no_error (error);
    }

  /* The demo organization sorts first, so the window opens on it */
  fixture->organization = od_repository_create_demo (fixture->repository, 6, 2, 2, 0, &error);
  g_assert_no_error (error);

  fixture->window = od_window_new (NULL, fixture->repository, NULL);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (wait_for (is_mapped, fixture->window));
  g_assert_cmpint (od_organization_get_id (od_window_get_organization (fixture->window)), ==,
                   od_organization_get_id (fixture->organization));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "settings"));
  fixture->page = OD_SETTINGS_PAGE (od_window_get_page (fixture->window, "settings"));
  g_assert_true (OD_IS_SETTINGS_PAGE (fixture->page));
  g_assert_true (wait_for (page_loaded, fixture->page));
  g_assert_false (od_settings_page_get_has_changes (fixture->page));
  g_assert_false (gtk_revealer_get_reveal_child (find_save_bar (fixture)));
}

static void
fixture_close (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->organization);
  g_clear_object (&fixture->repository);
  remove_all (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static OdSettings *
load_saved (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  OdSettings *settings = od_settings_load (fixture->repository,
                                           od_organization_get_id (fixture->organization), &error);

  g_assert_no_error (error);
  return settings;
}

/* Features: a switch shows the bar; Save writes it; the bar goes */
static void
test_settings_save (void)
{
  Fixture fixture = { 0 };
  g_autoptr(OdSettings) before = NULL;
  g_autoptr(OdSettings) after = NULL;
  GtkSwitch *telemetry;
  gboolean was;

  fixture_open (&fixture, FALSE);
  od_settings_page_set_tab (fixture.page, "features");
  before = load_saved (&fixture);

  telemetry = find_switch (&fixture, "Telemetry");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (telemetry), GTK_ACCESSIBLE_PROPERTY_LABEL, "Telemetry");
  was = gtk_switch_get_active (telemetry);
  g_assert_cmpint (was, ==, od_settings_get_telemetry (before));

  gtk_switch_set_active (telemetry, !was);
  g_assert_true (wait_for (page_has_changes, fixture.page));
  g_assert_true (gtk_revealer_get_reveal_child (find_save_bar (&fixture)));

  /* Nothing is written before Save */
  {
    g_autoptr(OdSettings) unsaved = load_saved (&fixture);
    g_assert_cmpint (od_settings_get_telemetry (unsaved), ==, was);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "page.save", NULL));
  g_assert_true (wait_for (page_has_no_changes, fixture.page));
  spin ();
  g_assert_false (gtk_revealer_get_reveal_child (find_save_bar (&fixture)));

  after = load_saved (&fixture);
  g_assert_cmpint (od_settings_get_telemetry (after), ==, !was);
  g_assert_cmpint (od_settings_get_external_cloud (after), ==, od_settings_get_external_cloud (before));

  /* General: the description and a domain go through od_repository_save_organization */
  {
    g_autoptr(OdOrganization) saved = NULL;
    g_autoptr(GError) error = NULL;
    GtkWidget *description = find_row (&fixture, ADW_TYPE_ENTRY_ROW, "Description");
    GtkWidget *domain = find_row (&fixture, ADW_TYPE_ENTRY_ROW, "Add a domain");
    const char * const *domains;
    gboolean found = FALSE;

    od_settings_page_set_tab (fixture.page, "general");
    gtk_editable_set_text (GTK_EDITABLE (description), "Saved from the settings test");
    gtk_editable_set_text (GTK_EDITABLE (domain), "@Research.Example");
    g_signal_emit_by_name (domain, "entry-activated");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (domain)), ==, "");
    g_assert_true (wait_for (page_has_changes, fixture.page));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "page.save", NULL));
    g_assert_true (wait_for (page_has_no_changes, fixture.page));

    saved = od_repository_get_organization (fixture.repository, od_organization_get_id (fixture.organization),
                                            &error);
    g_assert_no_error (error);
    g_assert_cmpstr (od_organization_get_description (saved), ==, "Saved from the settings test");
    domains = od_organization_get_domains (saved);
    for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
      found |= g_strcmp0 (domains[i], "research.example") == 0;
    g_assert_true (found);
  }

  fixture_close (&fixture);
}

/* Discard brings back what is saved, on every tab at once */
static void
test_settings_discard (void)
{
  Fixture fixture = { 0 };
  g_autoptr(OdSettings) before = NULL;
  g_autoptr(OdSettings) after = NULL;
  GtkSwitch *cloud;
  GtkWidget *name;
  g_autofree char *name_before = NULL;
  gboolean was;

  fixture_open (&fixture, FALSE);
  before = load_saved (&fixture);

  od_settings_page_set_tab (fixture.page, "features");
  cloud = find_switch (&fixture, "External Cloud");
  was = gtk_switch_get_active (cloud);
  gtk_switch_set_active (cloud, !was);

  od_settings_page_set_tab (fixture.page, "general");
  name = find_row (&fixture, ADW_TYPE_ENTRY_ROW, "Name");
  name_before = g_strdup (gtk_editable_get_text (GTK_EDITABLE (name)));
  gtk_editable_set_text (GTK_EDITABLE (name), "Renamed but not saved");
  g_assert_true (wait_for (page_has_changes, fixture.page));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "page.discard", NULL));
  g_assert_true (wait_for (page_has_no_changes, fixture.page));
  spin ();

  cloud = find_switch (&fixture, "External Cloud");
  g_assert_cmpint (gtk_switch_get_active (cloud), ==, was);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, name_before);
  g_assert_false (gtk_revealer_get_reveal_child (find_save_bar (&fixture)));

  after = load_saved (&fixture);
  g_assert_cmpint (od_settings_get_external_cloud (after), ==, od_settings_get_external_cloud (before));

  fixture_close (&fixture);
}

/* An invalid website shows the core's own message, marks the field and adds nothing */
static void
test_settings_invalid_website (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) expected = NULL;
  g_autofree char *normalized = NULL;
  OdSettings *settings;
  GtkWidget *entry;
  GtkWidget *group;
  guint n_before;

  fixture_open (&fixture, FALSE);
  od_settings_page_set_tab (fixture.page, "websites");
  settings = od_settings_page_get_settings (fixture.page);
  n_before = g_list_model_get_n_items (od_settings_get_websites (settings));

  normalized = od_website_normalize ("not a host", &expected);
  g_assert_null (normalized);
  g_assert_nonnull (expected);

  entry = find_row (&fixture, ADW_TYPE_ENTRY_ROW, "Add a website");
  gtk_editable_set_text (GTK_EDITABLE (entry), "not a host");
  g_signal_emit_by_name (entry, "entry-activated");
  spin ();

  g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_websites (settings)), ==, n_before);
  g_assert_false (od_settings_page_get_has_changes (fixture.page));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "not a host");

  /* The message under the field is the core's, word for word */
  group = gtk_widget_get_ancestor (entry, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_nonnull (group);
  g_assert_nonnull (find_visible_label (group, expected->message));

  /* Typing again clears the message; a valid URL is added as its host */
  gtk_editable_set_text (GTK_EDITABLE (entry), "https://Example.ORG/path");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_websites (settings)), ==, n_before + 1);
  g_assert_true (wait_for (page_has_changes, fixture.page));

  /* The same host again is a duplicate: refused, with the core's message */
  gtk_editable_set_text (GTK_EDITABLE (entry), "example.org");
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_websites (settings)), ==, n_before + 1);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));

  fixture_close (&fixture);
}

static gboolean
row_has_error (gpointer data)
{
  return gtk_widget_has_css_class (GTK_WIDGET (data), "error");
}

static gboolean
row_is_fine (gpointer data)
{
  return !gtk_widget_has_css_class (GTK_WIDGET (data), "error");
}

/* A default model that is not allowed: its row says why, and Save does nothing */
static void
test_settings_model_issue (void)
{
  Fixture fixture = { 0 };
  OdSettings *settings;
  GListModel *models;
  g_autoptr(OdModel) model = NULL;
  OdProvider *provider;
  GtkWidget *accurate;
  g_autoptr(OdSettings) saved = NULL;

  fixture_open (&fixture, FALSE);
  od_settings_page_set_tab (fixture.page, "models");
  settings = od_settings_page_get_settings (fixture.page);
  models = od_settings_get_models (settings);
  g_assert_cmpuint (g_list_model_get_n_items (models), >, 0);
  model = g_list_model_get_item (models, 0);

  od_settings_set_default_model (settings, OD_DEFAULT_MODEL_ACCURATE, od_model_get_id (model));
  provider = od_settings_lookup_provider (settings, od_model_get_provider (model));
  g_assert_nonnull (provider);
  od_provider_set_enabled (provider, FALSE);
  g_assert_false (od_model_get_allowed (model));
  g_assert_true (wait_for (page_has_changes, fixture.page));
  spin ();

  accurate = find_row (&fixture, ADW_TYPE_COMBO_ROW, "Accurate");
  g_assert_true (wait_for (row_has_error, accurate));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (accurate)), "not an allowed model"));

  /* Save is disabled: nothing reaches the database */
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "page.save", NULL);
  spin ();
  g_assert_true (od_settings_page_get_has_changes (fixture.page));
  saved = load_saved (&fixture);
  g_assert_true (od_provider_get_enabled (od_settings_lookup_provider (saved, od_model_get_provider (model))));

  /* Allowing the provider again clears the problem */
  od_provider_set_enabled (provider, TRUE);
  g_assert_true (wait_for (row_is_fine, accurate));

  fixture_close (&fixture);
}

/* Policy: publish shows the diff and writes the revision; export writes the document; an import
 * with problems lists them and changes nothing; a good one changes the settings once confirmed */

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }

  return NULL;
}

static gboolean
policy_dialog_shown (gpointer data)
{
  return find_toplevel (OD_TYPE_POLICY_DIALOG) != NULL;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

typedef struct
{
  Fixture  *fixture;
  gboolean  telemetry;
} Telemetry;

static gboolean
telemetry_saved (gpointer data)
{
  Telemetry *expected = data;
  g_autoptr(OdSettings) saved = load_saved (expected->fixture);
  OdSettings *shown = od_settings_page_get_settings (expected->fixture->page);

  return od_settings_get_telemetry (saved) == expected->telemetry &&
         shown != NULL && od_settings_get_telemetry (shown) == expected->telemetry;
}

static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_lines (GtkWindow *dialog)
{
  GtkWidget *list = find_widget (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, NULL);
  guint n = 0;

  g_assert_nonnull (list);
  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n) != NULL)
    n++;
  return n;
}

static void
test_settings_policy (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *revision_file = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *good_path = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *revision_name = NULL;
  g_autoptr(GFile) folder_file = NULL;
  g_autoptr(GFile) export_file = NULL;
  g_autoptr(GFile) bad_file = NULL;
  g_autoptr(GFile) good_file = NULL;
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(OdSettings) before = NULL;
  g_autoptr(OdSettings) unchanged = NULL;
  JsonObject *telemetry;
  Telemetry expected;
  GtkWindow *dialog;

  fixture_open (&fixture, FALSE);
  od_settings_page_set_tab (fixture.page, "policy");
  before = load_saved (&fixture);

  /* Publish: the first revision lists everything as added */
  folder = g_build_filename (fixture.dir, "published", NULL);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  folder_file = g_file_new_for_path (folder);
  od_settings_page_publish_policy (fixture.page, folder_file);
  g_assert_true (wait_for (policy_dialog_shown, NULL));
  dialog = find_toplevel (OD_TYPE_POLICY_DIALOG);
  g_assert_cmpuint (count_lines (dialog), >, 5);
  od_policy_dialog_confirm (OD_POLICY_DIALOG (dialog));
  revision_name = od_policy_file_name (od_organization_get_slug (fixture.organization), 1);
  revision_file = g_build_filename (folder, revision_name, NULL);
  g_assert_true (wait_for (file_exists, revision_file));
  revisions = od_policy_list_revisions (fixture.repository, od_organization_get_id (fixture.organization), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 1);

  /* Export */
  export_path = g_build_filename (fixture.dir, "exported.json", NULL);
  export_file = g_file_new_for_path (export_path);
  od_settings_page_export_policy (fixture.page, export_file);
  g_assert_true (wait_for (file_exists, export_path));
  spin ();
  g_assert_true (g_file_get_contents (export_path, &exported, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (exported, "\"schema_version\""));

  /* An import with problems: listed, nothing applied */
  bad_path = g_build_filename (fixture.dir, "bad.json", NULL);
  g_assert_true (g_file_set_contents (bad_path, "{\"schema_version\": 1, \"analytics\": 3}", -1, &error));
  bad_file = g_file_new_for_path (bad_path);
  od_settings_page_import_policy (fixture.page, bad_file);
  g_assert_true (wait_for (policy_dialog_shown, NULL));
  dialog = find_toplevel (OD_TYPE_POLICY_DIALOG);
  g_assert_cmpuint (count_lines (dialog), >, 0);
  /* Only Close: there is nothing to confirm */
  g_assert_false (gtk_widget_get_visible (find_action_button (GTK_WIDGET (dialog), "policy.confirm")));
  gtk_window_close (dialog);
  spin ();
  unchanged = load_saved (&fixture);
  g_assert_cmpint (od_settings_get_telemetry (unchanged), ==, od_settings_get_telemetry (before));

  /* A good import: the exported document with telemetry switched */
  g_assert_true (json_parser_load_from_data (parser, exported, -1, &error));
  telemetry = json_object_get_object_member (json_object_get_object_member (
    json_node_get_object (json_parser_get_root (parser)), "analytics"), "telemetry");
  json_object_set_string_member (telemetry, "enabled", od_settings_get_telemetry (before) ? "DISABLED" : "ENABLED");
  changed = json_to_string (json_parser_get_root (parser), TRUE);
  good_path = g_build_filename (fixture.dir, "good.json", NULL);
  g_assert_true (g_file_set_contents (good_path, changed, -1, &error));
  good_file = g_file_new_for_path (good_path);
  od_settings_page_import_policy (fixture.page, good_file);
  g_assert_true (wait_for (policy_dialog_shown, NULL));
  dialog = find_toplevel (OD_TYPE_POLICY_DIALOG);
  g_assert_cmpuint (count_lines (dialog), ==, 2);   /* - old value, + new value */
  od_policy_dialog_confirm (OD_POLICY_DIALOG (dialog));

  expected.fixture = &fixture;
  expected.telemetry = !od_settings_get_telemetry (before);
  g_assert_true (wait_for (telemetry_saved, &expected));
  g_assert_false (od_settings_page_get_has_changes (fixture.page));

  fixture_close (&fixture);
}

/* Deleting needs the exact name; then the window shows the other organization */

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
organization_gone (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(OdOrganization) organization = NULL;
  OdOrganization *shown = od_window_get_organization (fixture->window);

  organization = od_repository_get_organization (fixture->repository,
                                                 od_organization_get_id (fixture->organization), NULL);
  return organization == NULL && shown != NULL &&
         od_organization_get_id (shown) != od_organization_get_id (fixture->organization);
}

static void
test_settings_delete_organization (void)
{
  Fixture fixture = { 0 };
  g_autofree char *wrong = NULL;
  const char *name;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  fixture_open (&fixture, TRUE);
  name = od_organization_get_name (fixture.organization);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "page.delete-organization", NULL));
  g_assert_true (wait_for (dialog_shown, NULL));
  dialog = find_message_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));

  entry = find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (entry);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Organization name to confirm");

  /* Almost the name is not the name */
  wrong = g_ascii_strdown (name, -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), wrong);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));

  /* The exact name makes the destructive button sensitive */
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "delete"));

  adw_message_dialog_response (dialog, "delete");
  g_assert_true (wait_for (organization_gone, &fixture));
  g_assert_cmpstr (od_organization_get_name (od_window_get_organization (fixture.window)), ==, "Zeta Works");
  g_assert_cmpstr (od_window_get_view_name (fixture.window), ==, "main");

  fixture_close (&fixture);
}

/* Import from a file: the review adds only the accepted lines, as unsaved edits */

static GtkWindow *find_toplevel (GType type);

static gboolean
import_dialog_shown (gpointer data)
{
  return find_toplevel (OD_TYPE_WEBSITE_IMPORT_DIALOG) != NULL;
}

static void
test_settings_import_websites (void)
{
  Fixture fixture = { 0 };
  static const char contents[] = "url\nhttps://one.example.com/a\nnot a host\ntwo.example.org\nONE.example.com\n";
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  OdWebsiteImportDialog *dialog;
  OdSettings *settings;
  guint n_before;

  fixture_open (&fixture, FALSE);
  od_settings_page_set_tab (fixture.page, "websites");
  settings = od_settings_page_get_settings (fixture.page);
  n_before = g_list_model_get_n_items (od_settings_get_websites (settings));

  path = g_build_filename (fixture.dir, "websites.csv", NULL);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  od_settings_page_import_websites (fixture.page, file);
  g_assert_true (wait_for (import_dialog_shown, NULL));
  dialog = OD_WEBSITE_IMPORT_DIALOG (find_toplevel (OD_TYPE_WEBSITE_IMPORT_DIALOG));

  /* Nothing is added before Add; then only the two valid, new hosts */
  g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_websites (settings)), ==, n_before);
  g_assert_cmpuint (od_website_import_dialog_add (dialog), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (od_settings_get_websites (settings)), ==, n_before + 2);
  g_assert_true (wait_for (page_has_changes, fixture.page));

  fixture_close (&fixture);
}

/* API keys: the dialog stores through the keyring; the list shows the last four characters;
 * editing without a new key keeps it */

typedef struct
{
  OdCredential *saved;
} Saved;

static void
credential_saved_cb (OdCredentialDialog *dialog,
                     OdCredential       *credential,
                     Saved              *saved)
{
  g_set_object (&saved->saved, credential);
}

static gboolean
dialog_done (gpointer data)
{
  OdCredentialDialog *dialog = data;

  return !gtk_widget_get_visible (GTK_WIDGET (dialog)) ||
         *od_credential_dialog_get_error (dialog) != '\0';
}

static void
test_settings_credential_dialog (void)
{
  Fixture fixture = { 0 };
  static const char secret[] = "sk-widget-test-0123456789WXyz";
  g_autoptr(OdCredentialDialog) dialog = NULL;
  g_autoptr(OdCredentialDialog) edit = NULL;
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(GError) error = NULL;
  Saved saved = { NULL };

  fixture_open (&fixture, FALSE);
  od_settings_page_set_tab (fixture.page, "api-keys");

  dialog = g_object_ref_sink (od_credential_dialog_new (GTK_WINDOW (fixture.window), fixture.repository,
                                                        od_window_get_actor (fixture.window), NULL));
  g_signal_connect (dialog, "saved", G_CALLBACK (credential_saved_cb), &saved);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (od_credential_dialog_get_provider (dialog), ==, "openai");
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (od_credential_dialog_get_field (dialog, "api_key")));

  /* The required key is missing: the core's message, nothing stored */
  gtk_editable_set_text (GTK_EDITABLE (od_credential_dialog_get_field (dialog, "name")), "Widget test");
  od_credential_dialog_submit (dialog);
  g_assert_cmpstr (od_credential_dialog_get_error (dialog), !=, "");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  gtk_editable_set_text (GTK_EDITABLE (od_credential_dialog_get_field (dialog, "api_key")), secret);
  od_credential_dialog_submit (dialog);
  g_assert_true (wait_for (dialog_done, dialog));

  if (g_strcmp0 (od_credential_dialog_get_error (dialog), "") != 0)
    {
      /* No keyring here: the message says so and nothing was stored */
      stored = od_credential_store_list (fixture.repository, od_organization_get_id (fixture.organization), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 0);
      g_test_message ("no keyring: %s", od_credential_dialog_get_error (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_clear_object (&dialog);
      fixture_close (&fixture);
      return;
    }

  g_assert_nonnull (saved.saved);
  g_assert_cmpstr (od_credential_get_last_four (saved.saved), ==, "WXyz");
  g_assert_null (strstr (od_credential_get_fields_json (saved.saved), secret));

  /* Edit: a new name, no new key: the key is kept */
  edit = g_object_ref_sink (od_credential_dialog_new (GTK_WINDOW (fixture.window), fixture.repository,
                                                      od_window_get_actor (fixture.window), saved.saved));
  g_signal_connect (edit, "saved", G_CALLBACK (credential_saved_cb), &saved);
  gtk_window_present (GTK_WINDOW (edit));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (od_credential_dialog_get_field (edit, "name"))), ==,
                   "Widget test");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (od_credential_dialog_get_field (edit, "api_key"))), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (od_credential_dialog_get_field (edit, "name")), "Widget test renamed");
  od_credential_dialog_submit (edit);
  g_assert_true (wait_for (dialog_done, edit));
  g_assert_cmpstr (od_credential_dialog_get_error (edit), ==, "");
  g_assert_cmpstr (od_credential_get_name (saved.saved), ==, "Widget test renamed");
  g_assert_cmpstr (od_credential_get_last_four (saved.saved), ==, "WXyz");

  g_clear_object (&saved.saved);
  /* The dialogs go before the window they belong to */
  g_clear_object (&dialog);
  g_clear_object (&edit);
  fixture_close (&fixture);
}

static void
test_skipped (void)
{
  g_test_skip ("No display (run through tests/headless.sh)");
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/settings-page/skipped", test_skipped);
      return g_test_run ();
    }

  od_test_keep_quark_block ();
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/settings-page/save", test_settings_save);
  g_test_add_func ("/settings-page/discard", test_settings_discard);
  g_test_add_func ("/settings-page/invalid-website", test_settings_invalid_website);
  g_test_add_func ("/settings-page/model-issue", test_settings_model_issue);
  g_test_add_func ("/settings-page/import-websites", test_settings_import_websites);
  g_test_add_func ("/settings-page/credential-dialog", test_settings_credential_dialog);
  g_test_add_func ("/settings-page/policy", test_settings_policy);
  g_test_add_func ("/settings-page/delete-organization", test_settings_delete_organization);

  return g_test_run ();
}
