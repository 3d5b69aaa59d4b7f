/* od-application.c — the application: options, actions, settings, the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "od-application.h"
#include "od-repository.h"
#include "od-window.h"

struct _OdApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;        /* NULL when the schema is not installed */
  char           *database_path;
  OdRepository   *repository;
};

G_DEFINE_FINAL_TYPE (OdApplication, od_application, ADW_TYPE_APPLICATION)

static const char * const color_schemes[] = { "default", "light", "dark" };

static AdwColorScheme
color_scheme_from_string (const char *name)
{
  if (g_strcmp0 (name, "light") == 0)
    return ADW_COLOR_SCHEME_FORCE_LIGHT;
  if (g_strcmp0 (name, "dark") == 0)
    return ADW_COLOR_SCHEME_FORCE_DARK;
  return ADW_COLOR_SCHEME_DEFAULT;
}

static void
apply_color_scheme (OdApplication *self,
                    const char    *name)
{
  GAction *action;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      color_scheme_from_string (name));

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "color-scheme");
  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (name));
}

static void
settings_color_scheme_changed_cb (OdApplication *self,
                                  const char    *key,
                                  GSettings     *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "color-scheme");

  apply_color_scheme (self, name);
}

static void
color_scheme_change_state_cb (GSimpleAction *action,
                              GVariant      *value,
                              gpointer       user_data)
{
  OdApplication *self = user_data;
  const char *name = g_variant_get_string (value, NULL);

  if (!g_strv_contains (color_schemes, name))
    return;

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "color-scheme", name); /* applied by "changed" */
  else
    apply_color_scheme (self, name);
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Close the windows first so that they save their size and page */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (app);
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Orgdesk contributors", NULL };
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("Orgdesk"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Orgdesk contributors"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/orgdesk/orgdesk",
                        "issue-url", "https://github.com/orgdesk/orgdesk/issues",
                        "copyright", "© 2024 The Orgdesk contributors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static void
shortcuts_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated_cb },
  { "about", about_activated_cb },
  { "shortcuts", shortcuts_activated_cb },
  { "color-scheme", NULL, "s", "'default'", color_scheme_change_state_cb },
};

static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("GSettings schema %s is not installed; settings are not kept", APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static gint
od_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  OdApplication *self = OD_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &path) && path != NULL && *path)
    {
      g_free (self->database_path);
      self->database_path = g_canonicalize_filename (path, NULL);

      /* Another database is another instance: do not hand this one to a running Orgdesk */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (od_application_parent_class)->handle_local_options (app, options);
}

static void
od_application_startup (GApplication *app)
{
  OdApplication *self = OD_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (od_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);

  self->settings = lookup_settings ();

  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::color-scheme",
                               G_CALLBACK (settings_color_scheme_changed_cb),
                               self, G_CONNECT_SWAPPED);
      settings_color_scheme_changed_cb (self, "color-scheme", self->settings);
    }
}

static void
od_application_activate (GApplication *app)
{
  OdApplication *self = OD_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->database_path == NULL)
    {
      g_autofree char *dir = NULL;

      self->database_path = od_repository_get_default_path ();

      /* The default folder may not exist yet on a first start */
      dir = g_path_get_dirname (self->database_path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        g_debug ("Could not create %s: %s", dir, g_strerror (errno));
    }

  if (self->repository == NULL)
    self->repository = od_repository_open (self->database_path, &error);

  window = GTK_WINDOW (od_window_new (GTK_APPLICATION (self), self->repository, self->settings));

  if (self->repository == NULL)
    od_window_show_open_error (OD_WINDOW (window), self->database_path, error);

  gtk_window_present (window);
}

static void
od_application_dispose (GObject *object)
{
  OdApplication *self = (OdApplication *)object;

  g_clear_object (&self->repository);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (od_application_parent_class)->dispose (object);
}

static void
od_application_finalize (GObject *object)
{
  OdApplication *self = (OdApplication *)object;

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (od_application_parent_class)->finalize (object);
}

static void
od_application_class_init (OdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = od_application_dispose;
  object_class->finalize = od_application_finalize;

  app_class->handle_local_options = od_application_handle_local_options;
  app_class->startup = od_application_startup;
  app_class->activate = od_application_activate;
}

static void
od_application_init (OdApplication *self)
{
  static const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the Orgdesk database at PATH instead of the default one"), N_("PATH") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Run your organizations: members, invitations, "
                                              "seats, teams, updates and billing."));
}

OdApplication *
od_application_new (void)
{
  return g_object_new (OD_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/orgdesk/Orgdesk",
                       NULL);
}

/* Returns: (nullable) (transfer none): the settings, or NULL when the schema is not installed */
GSettings *
od_application_get_settings (OdApplication *self)
{
  g_return_val_if_fail (OD_IS_APPLICATION (self), NULL);

  return self->settings;
}

const char *
od_application_get_database_path (OdApplication *self)
{
  g_return_val_if_fail (OD_IS_APPLICATION (self), NULL);

  return self->database_path;
}
