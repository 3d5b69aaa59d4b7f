/* od-settings-page.c — the organization's settings (SPEC §4.6, §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tabs (an AdwViewStack, switched by an AdwViewSwitcher, or by a drop-down on a narrow window):
 * General, Teams, Features, API Keys, Models, LTM Sources, LTM Websites and Policy.
 *
 * One save model: every tab but API Keys edits a copy — the OdOrganization loaded for General and
 * Teams, the OdSettings for the policy tabs — and a bar at the bottom shows while anything
 * differs from what was loaded, with Save (Ctrl+S) and Discard. Save writes the organization
 * (od_repository_save_organization) and then the settings (od_settings_save_async), both on the
 * repository's worker; Discard loads both again. API keys are stored one at a time from their
 * dialog (OdCredentialDialog), the danger zone and the policy actions act at once after a
 * confirmation.
 *
 * The page follows the repository's "changed" signal by area: a change to the settings or the
 * organization made elsewhere (orgdeskctl, another window) is shown when nothing is being edited
 * here, and is merged by the core when the edits are saved.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "od-credential-dialog.h"
#include "od-credential-store.h"
#include "od-email.h"
#include "od-error.h"
#include "od-format.h"
#include "od-policy.h"
#include "od-policy-dialog.h"
#include "od-settings.h"
#include "od-settings-page.h"
#include "od-team.h"
#include "od-ui-util.h"
#include "od-website-import-dialog.h"
#include "od-window.h"

/* The tabs, in order; the drop-down for a narrow window lists the same */
static const char * const tab_names[] = {
  "general", "teams", "features", "api-keys", "models", "sources", "websites", "policy",
};

typedef enum
{
  STALE_ORGANIZATION = 1 << 0,
  STALE_SETTINGS     = 1 << 1,
  STALE_CREDENTIALS  = 1 << 2,
  STALE_TEAMS        = 1 << 3,
  STALE_REVISIONS    = 1 << 4,
  STALE_ALL          = (1 << 5) - 1,
} Stale;

struct _OdSettingsPage
{
  OdPage               parent_instance;

  /* What is shown */
  gint64               loaded_organization_id;
  gint64               loaded_actor_id;
  OdOrganization      *organization;        /* as loaded or last saved */
  OdSettings          *settings;            /* edited in place */
  GPtrArray           *bindings;            /* GBinding: settings ↔ widgets */
  GPtrArray           *watched;             /* objects of the settings whose notify we follow */
  GPtrArray           *domains;             /* char *: the associated domains being edited */
  GPtrArray           *default_choices[5];  /* char * model ids (NULL: none), by OdDefaultModel */
  GtkCustomFilter     *applications_filter;
  GtkFilterListModel  *applications_model;
  OdRepository        *watched_repository;
  gulong               changed_handler;
  guint                stale;
  guint                dirty_source;
  char                *save_error;          /* why the last save failed, until the next edit */
  GtkFileChooserNative *chooser;

  gint64               loading_organization_id;
  guint                loaded : 1;
  guint                saving : 1;
  guint                updating : 1;        /* filling widgets: not an edit */
  guint                force : 1;           /* Discard: replace edits with what is saved */
  guint                has_changes : 1;
  guint                has_problems : 1;

  /* Template widgets */
  GtkStack            *stack;
  AdwStatusPage       *error_status;
  AdwSqueezer         *switcher_squeezer;
  GtkDropDown         *tab_dropdown;
  AdwViewStack        *tabs;
  GtkRevealer         *save_revealer;
  GtkLabel            *unsaved_label;
  GtkLabel            *save_error_label;
  GtkWidget           *save_button;
  GtkWidget           *discard_button;

  AdwEntryRow         *name_row;
  AdwEntryRow         *description_row;
  GtkLabel            *slug_label;
  GtkLabel            *name_error_label;
  AdwEntryRow         *contact_name_row;
  AdwEntryRow         *contact_email_row;
  AdwEntryRow         *contact_phone_row;
  GtkLabel            *contact_error_label;
  GtkTextView         *address_view;
  AdwEntryRow         *domain_entry_row;
  GtkLabel            *domain_error_label;
  GtkListBox          *domains_list;
  AdwEntryRow         *sso_row;
  AdwActionRow        *delete_row;
  GtkWidget           *delete_button;

  AdwComboRow         *team_role_row;
  AdwPreferencesGroup *teams_group;
  GtkListBox          *teams_list;
  GtkWidget           *manage_teams_button;

  AdwActionRow        *external_cloud_row;
  GtkSwitch           *external_cloud_switch;
  AdwActionRow        *telemetry_row;
  GtkSwitch           *telemetry_switch;
  AdwActionRow        *summary_reports_row;
  GtkSwitch           *summary_reports_switch;
  AdwActionRow        *processing_row;
  GtkSwitch           *processing_switch;
  AdwComboRow         *processing_mode_row;
  GtkStringList       *processing_modes;

  GtkListBox          *credentials_list;
  GtkWidget           *add_credential_button;

  AdwActionRow        *customize_models_row;
  GtkSwitch           *customize_models_switch;
  GtkWidget           *allow_all_button;
  GtkWidget           *allow_none_button;
  AdwPreferencesGroup *providers_group;
  GPtrArray           *provider_rows;       /* AdwExpanderRow */
  AdwComboRow         *default_accurate_row;
  AdwComboRow         *default_fast_row;
  AdwComboRow         *fallback_accurate_row;
  AdwComboRow         *fallback_fast_row;

  AdwPreferencesGroup *manage_sources_group;
  AdwActionRow        *manage_sources_row;
  GtkSwitch           *manage_sources_switch;
  GtkWidget           *add_application_button;
  GtkSearchEntry      *applications_search;
  GtkListBox          *applications_list;

  AdwPreferencesGroup *manage_websites_group;
  AdwActionRow        *manage_websites_row;
  GtkSwitch           *manage_websites_switch;
  GtkWidget           *import_websites_button;
  AdwEntryRow         *website_entry_row;
  GtkLabel            *website_error_label;
  GtkListBox          *websites_list;

  GtkWidget           *publish_button;
  GtkWidget           *export_button;
  GtkWidget           *import_button;
  GtkLabel            *policy_note_label;
  GtkListBox          *revisions_list;
};

G_DEFINE_FINAL_TYPE (OdSettingsPage, od_settings_page, OD_TYPE_PAGE)

enum {
  PROP_0,
  PROP_HAS_CHANGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void queue_update_state (OdSettingsPage *self);
static void update_state (OdSettingsPage *self);
static void update_actions (OdSettingsPage *self);

/* ---------------------------------------------------------------------------------------------
 * Small helpers
 */

static AdwComboRow *
default_row (OdSettingsPage *self,
             OdDefaultModel  which)
{
  switch (which)
    {
    case OD_DEFAULT_MODEL_ACCURATE:          return self->default_accurate_row;
    case OD_DEFAULT_MODEL_FAST:              return self->default_fast_row;
    case OD_DEFAULT_MODEL_FALLBACK_ACCURATE: return self->fallback_accurate_row;
    case OD_DEFAULT_MODEL_FALLBACK_FAST:     return self->fallback_fast_row;
    default:                                 g_assert_not_reached ();
    }
}

static char *
editable_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static void
set_editable_text (gpointer    editable,
                   const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (editable)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (editable), text != NULL ? text : "");
}

static char *
address_text (OdSettingsPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->address_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

/* Text the person typed and text loaded compare equal when both are empty */
static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* The text field of an entry row is what a screen reader lands on: name it after the row */
static void
label_entry_row (gpointer row)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));

  gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                  -1);
}

/* A switch reads as its row: "Telemetry, switch, on", with the subtitle as its description */
static void
label_switch (GtkSwitch    *sw,
              AdwActionRow *row)
{
  const char *subtitle = adw_action_row_get_subtitle (row);

  gtk_accessible_update_property (GTK_ACCESSIBLE (sw),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                  -1);
  /* The row points its title at the switch as well, which would read the title twice */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  if (subtitle != NULL && *subtitle != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (sw),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                    -1);
}

static void
reset_labelled_by_cb (GtkWidget *button)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* GTK 4.8 names a button by its accessible label and then by the mnemonic label that points
 * back at it ("_Save Save"): the .ui names the buttons, so drop the relation — again once the
 * button is on screen, since AdwButtonContent points its label at the button only then */
static void
drop_labelled_by (GtkWidget *button)
{
  reset_labelled_by_cb (button);
  g_signal_connect (button, "map", G_CALLBACK (reset_labelled_by_cb), NULL);
}

/* The list inside a preferences group without a title is named "GtkListBox": name it */
static GtkWidget *find_descendant (GtkWidget *root, GType type);

static void
name_group_list (AdwPreferencesGroup *group,
                 const char          *name)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (group), GTK_TYPE_LIST_BOX);

  g_return_if_fail (list != NULL);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* A row of plain text that reads as one sentence (and not as the sentence followed by its title,
 * which GTK 4.8 adds from the row's labelled-by relation) */
static GtkWidget *
text_row_new (const char *title,
              const char *subtitle,
              const char *suffix,
              const char *sentence)
{
  GtkWidget *row = od_text_row_new (title, subtitle, suffix, sentence);

  if (sentence != NULL)
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  return row;
}

static GtkWidget *
icon_button_new (const char *icon_name,
                 const char *accessible_label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, accessible_label);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  return button;
}

/* Shows or clears a field's problem: the message under it, the row in red, and the field
 * marked invalid and described by the message for a screen reader */
static void
show_field_error (gpointer    row,
                  GtkLabel   *label,
                  const char *message)
{
  gboolean shown = message != NULL && *message != '\0';
  GtkAccessible *field = GTK_ACCESSIBLE (row);

  if (GTK_IS_EDITABLE (row) && gtk_editable_get_delegate (GTK_EDITABLE (row)) != NULL)
    field = GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (row)));

  if (label != NULL)
    {
      gtk_label_set_text (label, shown ? message : "");
      gtk_widget_set_visible (GTK_WIDGET (label), shown);
    }

  if (row != NULL)
    {
      if (shown)
        gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
    }

  gtk_accessible_update_state (field,
                               GTK_ACCESSIBLE_STATE_INVALID,
                               shown ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (shown)
    gtk_accessible_update_property (field, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (field, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  /* and said aloud: the window's status reads it */
  if (shown && row != NULL)
    od_window_announce_for (GTK_WIDGET (row), message);
}

static void
show_toast (OdSettingsPage *self,
            const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *escaped = g_markup_escape_text (message != NULL ? message : "", -1);
  AdwToast *toast;

  if (!OD_IS_WINDOW (root))
    {
      g_debug ("%s", message);
      return;
    }

  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 6);
  od_window_add_toast (OD_WINDOW (root), toast);
}

static GtkWindow *
parent_window (OdSettingsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Runs func on the repository's worker like od_page_run(), but is not cancelled when the window
 * hands the page a fresh copy of the same organization (it does after every rename or save):
 * done is called whenever the page still shows that organization, else the result is dropped. */
typedef struct
{
  OdSettingsPage   *page;
  gint64            organization_id;
  GDestroyNotify    result_free;
  OdPageResultFunc  done;
  gboolean          always;
} Job;

static void
job_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  gpointer value;

  value = od_repository_run_finish (OD_REPOSITORY (object), result, &error);

  if (job->always || job->organization_id == od_page_get_organization_id (OD_PAGE (job->page)))
    job->done (OD_PAGE (job->page), value, error);
  else if (value != NULL && job->result_free != NULL)
    job->result_free (value);

  g_object_unref (job->page);
  g_free (job);
}

static void
run_job_full (OdSettingsPage   *self,
              OdRepositoryFunc  func,
              gpointer          data,
              GDestroyNotify    data_free,
              GDestroyNotify    result_free,
              OdPageResultFunc  done,
              gboolean          always)
{
  OdRepository *repository = od_page_get_repository (OD_PAGE (self));
  Job *job;

  if (repository == NULL)
    {
      if (data != NULL && data_free != NULL)
        data_free (data);
      return;
    }

  job = g_new0 (Job, 1);
  job->page = g_object_ref (self);
  job->organization_id = od_page_get_organization_id (OD_PAGE (self));
  job->result_free = result_free;
  job->done = done;
  job->always = always;
  od_repository_run_async (repository, func, data, data_free, result_free, NULL, job_cb, job);
}

static void
run_job (OdSettingsPage   *self,
         OdRepositoryFunc  func,
         gpointer          data,
         GDestroyNotify    data_free,
         GDestroyNotify    result_free,
         OdPageResultFunc  done)
{
  run_job_full (self, func, data, data_free, result_free, done, FALSE);
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
placeholder_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

/* ---------------------------------------------------------------------------------------------
 * Loading
 */

typedef struct
{
  gint64  organization_id;
  guint   what;            /* Stale flags */
} LoadRequest;

typedef struct
{
  guint           what;
  gint64          organization_id;
  OdOrganization *organization;
  OdSettings     *settings;
  GListModel     *credentials;
  GListModel     *teams;
  GListModel     *revisions;
  GError         *error;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_object (&result->organization);
  g_clear_object (&result->settings);
  g_clear_object (&result->credentials);
  g_clear_object (&result->teams);
  g_clear_object (&result->revisions);
  g_clear_error (&result->error);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

static gpointer
load_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  LoadRequest *request = data;
  LoadResult *result = g_new0 (LoadResult, 1);
  GError **e = &result->error;

  result->what = request->what;
  result->organization_id = request->organization_id;

  if ((request->what & STALE_ORGANIZATION) && *e == NULL)
    result->organization = od_repository_get_organization (repository, request->organization_id, e);
  if ((request->what & STALE_SETTINGS) && *e == NULL)
    result->settings = od_settings_load (repository, request->organization_id, e);
  if ((request->what & STALE_CREDENTIALS) && *e == NULL)
    result->credentials = od_credential_store_list (repository, request->organization_id, e);
  if ((request->what & STALE_TEAMS) && *e == NULL)
    result->teams = od_repository_list_teams (repository, request->organization_id, e);
  if ((request->what & STALE_REVISIONS) && *e == NULL)
    result->revisions = od_policy_list_revisions (repository, request->organization_id, e);

  return result;
}

/* General and Teams: the form as the person left it differs from the organization loaded */
static gboolean
general_has_changes (OdSettingsPage *self)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *contact_name = NULL;
  g_autofree char *contact_email = NULL;
  g_autofree char *contact_phone = NULL;
  g_autofree char *address = NULL;
  g_autofree char *sso = NULL;
  const char * const *domains;
  guint n_domains;
  OdRole role;

  if (self->organization == NULL)
    return FALSE;

  name = editable_text (self->name_row);
  description = editable_text (self->description_row);
  contact_name = editable_text (self->contact_name_row);
  contact_email = editable_text (self->contact_email_row);
  contact_phone = editable_text (self->contact_phone_row);
  address = address_text (self);
  sso = editable_text (self->sso_row);
  role = adw_combo_row_get_selected (self->team_role_row) == 1 ? OD_ROLE_WRITE : OD_ROLE_ADMIN;

  if (!same_text (name, od_organization_get_name (self->organization)) ||
      !same_text (description, od_organization_get_description (self->organization)) ||
      !same_text (contact_name, od_organization_get_contact_name (self->organization)) ||
      !same_text (contact_email, od_organization_get_contact_email (self->organization)) ||
      !same_text (contact_phone, od_organization_get_contact_phone (self->organization)) ||
      !same_text (address, od_organization_get_address (self->organization)) ||
      !same_text (sso, od_organization_get_sso_tenant (self->organization)) ||
      role != od_organization_get_team_creation_role (self->organization))
    return TRUE;

  domains = od_organization_get_domains (self->organization);
  n_domains = domains != NULL ? g_strv_length ((char **) domains) : 0;
  if (n_domains != self->domains->len)
    return TRUE;
  for (guint i = 0; i < n_domains; i++)
    if (g_strcmp0 (domains[i], g_ptr_array_index (self->domains, i)) != 0)
      return TRUE;

  return FALSE;
}

static gboolean
has_changes (OdSettingsPage *self)
{
  return general_has_changes (self) ||
         (self->settings != NULL && od_settings_has_changes (self->settings));
}

static void
domain_remove_clicked_cb (GtkButton      *button,
                          OdSettingsPage *self);

static void
add_domain_row (OdSettingsPage *self,
                const char     *domain)
{
  g_autofree char *remove_label = NULL;
  GtkWidget *row;
  GtkWidget *button;

  row = text_row_new (domain, NULL, NULL, domain);
  /* Translators: the button that takes an email domain off the list, e.g. "Remove example.com" */
  remove_label = g_strdup_printf (_("Remove %s"), domain);
  button = icon_button_new ("user-trash-symbolic", remove_label);
  g_object_set_data_full (G_OBJECT (button), "od-domain", g_strdup (domain), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (domain_remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_append (self->domains_list, row);
}

static void
fill_domains (OdSettingsPage *self)
{
  remove_all_rows (self->domains_list);
  for (guint i = 0; i < self->domains->len; i++)
    add_domain_row (self, g_ptr_array_index (self->domains, i));
  gtk_widget_set_visible (GTK_WIDGET (self->domains_list), self->domains->len > 0);
}

/* Puts the organization into the General and Teams forms */
static void
fill_general (OdSettingsPage *self)
{
  OdOrganization *org = self->organization;
  const char * const *domains = od_organization_get_domains (org);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->address_view);
  g_autofree char *address = address_text (self);

  self->updating = TRUE;

  set_editable_text (self->name_row, od_organization_get_name (org));
  set_editable_text (self->description_row, od_organization_get_description (org));
  set_editable_text (self->contact_name_row, od_organization_get_contact_name (org));
  set_editable_text (self->contact_email_row, od_organization_get_contact_email (org));
  set_editable_text (self->contact_phone_row, od_organization_get_contact_phone (org));
  set_editable_text (self->sso_row, od_organization_get_sso_tenant (org));
  if (!same_text (address, od_organization_get_address (org)))
    gtk_text_buffer_set_text (buffer, od_organization_get_address (org) != NULL ?
                              od_organization_get_address (org) : "", -1);
  gtk_label_set_text (self->slug_label, od_organization_get_slug (org));

  g_ptr_array_set_size (self->domains, 0);
  for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
    g_ptr_array_add (self->domains, g_strdup (domains[i]));
  fill_domains (self);

  adw_combo_row_set_selected (self->team_role_row,
                              od_organization_get_team_creation_role (org) == OD_ROLE_WRITE ? 1 : 0);

  show_field_error (self->name_row, self->name_error_label, NULL);
  show_field_error (self->contact_email_row, self->contact_error_label, NULL);
  show_field_error (self->domain_entry_row, self->domain_error_label, NULL);

  self->updating = FALSE;
}

static void
fill_teams (OdSettingsPage *self,
            GListModel     *teams)
{
  guint n = g_list_model_get_n_items (teams);
  g_autofree char *description = NULL;

  remove_all_rows (self->teams_list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdTeam) team = g_list_model_get_item (teams, i);
      guint n_members = od_team_get_n_members (team);
      g_autofree char *count = NULL;
      g_autofree char *sentence = NULL;
      GtkWidget *row;

      /* Translators: how many members a team has */
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", n_members), n_members);
      /* Translators: how a team's row reads to a screen reader: "Design, 4 members" */
      sentence = g_strdup_printf (_("%s, %s"), od_team_get_name (team), count);
      row = text_row_new (od_team_get_name (team), od_team_get_description (team), count, sentence);
      gtk_list_box_append (self->teams_list, row);
    }

  if (n == 0)
    description = g_strdup (_("No teams yet. Create them on the Teams page."));
  else
    /* Translators: the description of the Teams group in Settings */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u team. Add, delete and change teams on the Teams page.",
                                                "%u teams. Add, delete and change teams on the Teams page.",
                                                n), n);
  adw_preferences_group_set_description (self->teams_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->teams_list), n > 0);
}

/* API keys */

static void credential_edit_clicked_cb (GtkButton *button, OdSettingsPage *self);
static void credential_delete_clicked_cb (GtkButton *button, OdSettingsPage *self);

static char *
masked_secret (OdCredential *credential)
{
  const char *last_four = od_credential_get_last_four (credential);

  if (last_four == NULL || *last_four == '\0')
    /* Translators: a short secret whose last characters are not shown */
    return g_strdup (_("••••"));
  /* Translators: a masked secret that shows its last four characters, e.g. "•••• 1a2b" */
  return g_strdup_printf (_("•••• %s"), last_four);
}

static void
fill_credentials (OdSettingsPage *self,
                  GListModel     *credentials)
{
  guint n = g_list_model_get_n_items (credentials);

  remove_all_rows (self->credentials_list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdCredential) credential = g_list_model_get_item (credentials, i);
      const char *provider = od_credential_provider_get_label (od_credential_get_provider (credential));
      const char *last_four = od_credential_get_last_four (credential);
      g_autofree char *masked = masked_secret (credential);
      g_autofree char *updated = od_format_date (od_credential_get_updated_at (credential));
      g_autofree char *subtitle = NULL;
      g_autofree char *sentence = NULL;
      g_autofree char *edit_label = NULL;
      g_autofree char *delete_label = NULL;
      GtkWidget *row;
      GtkWidget *button;

      if (provider == NULL)
        provider = od_credential_get_provider (credential);

      /* Translators: an API key's subtitle: provider, masked secret, when it changed,
       * e.g. "OpenAI · •••• 1a2b · updated Mar 5, 2024" */
      subtitle = g_strdup_printf (_("%s · %s · updated %s"), provider, masked, updated);
      if (last_four != NULL && *last_four != '\0')
        /* Translators: how an API key's row reads to a screen reader */
        sentence = g_strdup_printf (_("%s, %s key ending in %s, updated %s"),
                                    od_credential_get_name (credential), provider, last_four, updated);
      else
        sentence = g_strdup_printf (_("%s, %s key, updated %s"),
                                    od_credential_get_name (credential), provider, updated);

      row = text_row_new (od_credential_get_name (credential), subtitle, NULL, sentence);
      g_object_set_data_full (G_OBJECT (row), "od-credential", g_object_ref (credential), g_object_unref);

      /* Translators: a button on an API key's row, e.g. "Edit Production" */
      edit_label = g_strdup_printf (_("Edit %s"), od_credential_get_name (credential));
      button = icon_button_new ("document-edit-symbolic", edit_label);
      g_object_set_data_full (G_OBJECT (button), "od-credential", g_object_ref (credential), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (credential_edit_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      /* Translators: a button on an API key's row, e.g. "Delete Production" */
      delete_label = g_strdup_printf (_("Delete %s"), od_credential_get_name (credential));
      button = icon_button_new ("user-trash-symbolic", delete_label);
      g_object_set_data_full (G_OBJECT (button), "od-credential", g_object_ref (credential), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (credential_delete_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      gtk_list_box_append (self->credentials_list, row);
    }
}

/* Policy revisions */

static void revision_restore_clicked_cb (GtkButton *button, OdSettingsPage *self);

static void
fill_revisions (OdSettingsPage *self,
                GListModel     *revisions)
{
  guint n = g_list_model_get_n_items (revisions);

  remove_all_rows (self->revisions_list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdPolicyRevision) revision = g_list_model_get_item (revisions, i);
      gint64 number = od_policy_revision_get_revision (revision);
      g_autofree char *title = NULL;
      g_autofree char *when = od_format_date (od_policy_revision_get_published_at (revision));
      g_autofree char *subtitle = NULL;
      g_autofree char *sentence = NULL;
      g_autofree char *restore_label = NULL;
      GtkWidget *row;
      GtkWidget *button;

      /* Translators: a published policy revision, e.g. "Revision 3" */
      title = g_strdup_printf (_("Revision %" G_GINT64_FORMAT), number);
      /* Translators: e.g. "Published Mar 5, 2024 by Ana Silva to /srv/policy" */
      subtitle = g_strdup_printf (_("Published %s by %s to %s"), when,
                                  od_policy_revision_get_published_by_name (revision),
                                  od_policy_revision_get_folder (revision));
      sentence = g_strdup_printf (_("%s, %s"), title, subtitle);
      row = text_row_new (title, subtitle, i == 0 ? _("Latest") : NULL, sentence);
      g_object_set_data_full (G_OBJECT (row), "od-folder",
                              g_strdup (od_policy_revision_get_folder (revision)), g_free);

      /* Translators: a button that makes the settings what a revision published */
      restore_label = g_strdup_printf (_("Restore revision %" G_GINT64_FORMAT), number);
      button = gtk_button_new_with_mnemonic (_("_Restore…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, restore_label,
                                      -1);
      drop_labelled_by (button);
      g_object_set_data (G_OBJECT (button), "od-revision", GINT_TO_POINTER ((int) number));
      g_signal_connect (button, "clicked", G_CALLBACK (revision_restore_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      gtk_list_box_append (self->revisions_list, row);
    }
}

/* ---------------------------------------------------------------------------------------------
 * The settings bound to the widgets
 */

static gboolean
mode_to_index_cb (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  int mode = g_value_get_enum (from);

  g_value_set_uint (to, mode >= OD_PROCESSING_LOCAL && mode <= OD_PROCESSING_CLOUD ?
                        (guint) (mode - OD_PROCESSING_LOCAL) : 0);
  return TRUE;
}

static gboolean
index_to_mode_cb (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  guint index = g_value_get_uint (from);

  if (index > OD_PROCESSING_CLOUD - OD_PROCESSING_LOCAL)
    return FALSE;
  g_value_set_enum (to, OD_PROCESSING_LOCAL + index);
  return TRUE;
}

static void
bind (OdSettingsPage *self,
      gpointer        source,
      const char     *source_property,
      gpointer        target,
      const char     *target_property,
      GBindingFlags   flags)
{
  GBinding *binding = g_object_bind_property (source, source_property, target, target_property,
                                              flags | G_BINDING_SYNC_CREATE);

  g_ptr_array_add (self->bindings, g_object_ref (binding));
}

static void
settings_notify_cb (OdSettingsPage *self)
{
  if (!self->updating)
    queue_update_state (self);
}

static void
watch (OdSettingsPage *self,
       gpointer        object)
{
  g_signal_connect_swapped (object, "notify", G_CALLBACK (settings_notify_cb), self);
  g_ptr_array_add (self->watched, g_object_ref (object));
}

static void
unwatch_all (OdSettingsPage *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    {
      GObject *object = g_ptr_array_index (self->watched, i);

      g_signal_handlers_disconnect_by_data (object, self);
    }
  g_ptr_array_set_size (self->watched, 0);

  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
}

static void
models_items_changed_cb (OdSettingsPage *self)
{
  if (!self->updating)
    queue_update_state (self);
}

static void
watch_list (OdSettingsPage *self,
            GListModel     *list)
{
  g_signal_connect_swapped (list, "items-changed", G_CALLBACK (models_items_changed_cb), self);
  g_ptr_array_add (self->watched, g_object_ref (list));
}

/* Models: one expander per provider with a check per model */

static void
update_provider_subtitle (AdwExpanderRow *row)
{
  OdSettings *settings = g_object_get_data (G_OBJECT (row), "od-settings");
  OdProvider *provider = g_object_get_data (G_OBJECT (row), "od-provider");
  GListModel *models = od_settings_get_models (settings);
  guint n = g_list_model_get_n_items (models);
  guint n_models = 0, n_allowed = 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdModel) model = g_list_model_get_item (models, i);

      if (g_strcmp0 (od_model_get_provider (model), od_provider_get_id (provider)) != 0)
        continue;
      n_models++;
      if (od_model_get_allowed (model))
        n_allowed++;
    }

  if (!od_provider_get_enabled (provider))
    subtitle = g_strdup (_("Off: none of its models is allowed"));
  else
    /* Translators: e.g. "3 of 5 models allowed" */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u model allowed",
                                             "%u of %u models allowed", n_models),
                                n_allowed, n_models);
  adw_expander_row_set_subtitle (row, subtitle);
}

static void
model_allowed_cb (AdwExpanderRow *row)
{
  update_provider_subtitle (row);
}

static GtkWidget *
badge_new (OdModelBadge badge)
{
  GtkWidget *label = gtk_label_new (od_model_badge_get_label (badge));

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "model-badge");
  gtk_widget_add_css_class (label, badge == OD_MODEL_BADGE_FAST ? "fast" : "accurate");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static void
build_providers (OdSettingsPage *self)
{
  GListModel *providers = od_settings_get_providers (self->settings);
  GListModel *models = od_settings_get_models (self->settings);
  guint n_providers = g_list_model_get_n_items (providers);
  guint n_models = g_list_model_get_n_items (models);

  for (guint i = 0; i < self->provider_rows->len; i++)
    adw_preferences_group_remove (self->providers_group, g_ptr_array_index (self->provider_rows, i));
  g_ptr_array_set_size (self->provider_rows, 0);

  for (guint p = 0; p < n_providers; p++)
    {
      g_autoptr(OdProvider) provider = g_list_model_get_item (providers, p);
      g_autofree char *switch_label = NULL;
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *enable_switch;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), od_provider_get_name (provider));
      adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (expander), TRUE);
      g_object_set_data_full (G_OBJECT (expander), "od-provider", g_object_ref (provider), g_object_unref);
      g_object_set_data_full (G_OBJECT (expander), "od-settings", g_object_ref (self->settings), g_object_unref);
      bind (self, provider, "enabled", expander, "enable-expansion", G_BINDING_BIDIRECTIONAL);
      watch (self, provider);
      g_signal_connect_object (provider, "notify::enabled", G_CALLBACK (model_allowed_cb),
                               expander, G_CONNECT_SWAPPED);

      /* The row's own switch: name it for screen readers */
      enable_switch = find_descendant (expander, GTK_TYPE_SWITCH);
      if (enable_switch != NULL)
        {
          /* Translators: the switch of a model provider, e.g. "Enable OpenAI" */
          switch_label = g_strdup_printf (_("Enable %s"), od_provider_get_name (provider));
          gtk_accessible_update_property (GTK_ACCESSIBLE (enable_switch),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, switch_label,
                                          -1);
        }

      for (guint m = 0; m < n_models; m++)
        {
          g_autoptr(OdModel) model = g_list_model_get_item (models, m);
          g_autofree char *check_label = NULL;
          g_autofree char *check_description = NULL;
          GtkWidget *row;
          GtkWidget *check;

          if (g_strcmp0 (od_model_get_provider (model), od_provider_get_id (provider)) != 0)
            continue;

          row = text_row_new (od_model_get_name (model), od_model_get_description (model), NULL,
                              od_model_get_name (model));
          check = gtk_check_button_new ();
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge_new (od_model_get_badge (model)));
          bind (self, model, "checked", check, "active", G_BINDING_BIDIRECTIONAL);
          g_object_bind_property (self->customize_models_switch, "active", row, "sensitive",
                                  G_BINDING_SYNC_CREATE);

          /* Translators: a model's check box, e.g. "Allow GPT-4.1" */
          check_label = g_strdup_printf (_("Allow %s"), od_model_get_name (model));
          /* Translators: a model's check box description: its badge, then what it is */
          check_description = g_strdup_printf (_("%s. %s"), od_model_badge_get_label (od_model_get_badge (model)),
                                               od_model_get_description (model));
          gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, check_label,
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, check_description,
                                          -1);
          gtk_accessible_reset_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
          watch (self, model);
          g_signal_connect_object (model, "notify::allowed", G_CALLBACK (model_allowed_cb),
                                   expander, G_CONNECT_SWAPPED);
        }

      update_provider_subtitle (ADW_EXPANDER_ROW (expander));
      adw_preferences_group_add (self->providers_group, expander);
      g_ptr_array_add (self->provider_rows, expander);
    }
}

/* Default models: each combo lists "None" and the allowed models (and the current choice when it
 * is not allowed, so that the problem can be seen and fixed) */

static void
refresh_default_row (OdSettingsPage *self,
                     OdDefaultModel  which)
{
  AdwComboRow *row = default_row (self, which);
  const char *current = od_settings_get_default_model (self->settings, which);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) allowed = od_settings_dup_allowed_models (self->settings);
  GPtrArray *old = self->default_choices[which];
  gboolean current_listed = current == NULL;
  gboolean was_updating = self->updating;
  gboolean same = TRUE;
  guint selected = 0;

  g_ptr_array_add (ids, NULL);
  for (guint i = 0; allowed[i] != NULL; i++)
    {
      g_ptr_array_add (ids, g_strdup (allowed[i]));
      if (g_strcmp0 (allowed[i], current) == 0)
        current_listed = TRUE;
    }
  if (!current_listed)
    g_ptr_array_add (ids, g_strdup (current));

  if (old == NULL || old->len != ids->len)
    same = FALSE;
  for (guint i = 0; same && i < ids->len; i++)
    same = g_strcmp0 (g_ptr_array_index (old, i), g_ptr_array_index (ids, i)) == 0;

  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), current) == 0)
      selected = i;

  self->updating = TRUE;
  if (!same)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      for (guint i = 0; i < ids->len; i++)
        {
          const char *id = g_ptr_array_index (ids, i);
          OdModel *model = id != NULL ? od_settings_lookup_model (self->settings, id) : NULL;
          g_autofree char *name = NULL;

          if (id == NULL)
            name = g_strdup (C_("default model", "None"));
          else if (model == NULL)
            /* Translators: a default model that is not in the catalogue */
            name = g_strdup_printf (_("%s (unknown)"), id);
          else if (!od_model_get_allowed (model))
            /* Translators: a default model that is not allowed, e.g. "GPT-4.1 (not allowed)" */
            name = g_strdup_printf (_("%s (not allowed)"), od_model_get_name (model));
          else
            name = g_strdup (od_model_get_name (model));
          gtk_string_list_append (names, name);
        }

      g_clear_pointer (&self->default_choices[which], g_ptr_array_unref);
      self->default_choices[which] = g_steal_pointer (&ids);
      adw_combo_row_set_model (row, G_LIST_MODEL (names));
    }
  adw_combo_row_set_selected (row, selected);
  self->updating = was_updating;
}

static void
default_model_selected_cb (OdSettingsPage *self,
                           GParamSpec     *pspec,
                           AdwComboRow    *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || self->settings == NULL)
    return;

  for (OdDefaultModel which = OD_DEFAULT_MODEL_ACCURATE; which <= OD_DEFAULT_MODEL_FALLBACK_FAST; which++)
    {
      GPtrArray *ids = self->default_choices[which];

      if (default_row (self, which) != row || ids == NULL || selected >= ids->len)
        continue;
      od_settings_set_default_model (self->settings, which, g_ptr_array_index (ids, selected));
    }
}

/* LTM Sources */

static void application_remove_clicked_cb (GtkButton *button, OdSettingsPage *self);

static gboolean
application_matches_cb (gpointer item,
                        gpointer user_data)
{
  OdSettingsPage *self = user_data;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->applications_search));

  return od_source_app_matches (OD_SOURCE_APP (item), search);
}

static GtkWidget *
create_application_row_cb (gpointer item,
                           gpointer user_data)
{
  OdSourceApp *app = item;
  OdSettingsPage *self = user_data;
  const char * const *bundle_ids = od_source_app_get_bundle_ids (app);
  g_autofree char *subtitle = g_strjoinv (", ", (char **) bundle_ids);
  g_autofree char *sentence = NULL;
  g_autofree char *switch_label = NULL;
  GtkWidget *row;
  GtkWidget *sw;

  if (od_source_app_get_global (app))
    /* Translators: how a shipped application's row reads,
     * e.g. "Slack, Global application, com.tinyspeck.slackmacgap" */
    sentence = g_strdup_printf (_("%s, Global application, %s"), od_source_app_get_name (app), subtitle);
  else
    sentence = g_strdup_printf (_("%s, %s"), od_source_app_get_name (app), subtitle);

  row = text_row_new (od_source_app_get_name (app), subtitle, NULL, sentence);

  if (od_source_app_get_global (app))
    {
      GtkWidget *tag = gtk_label_new (C_("application", "Global"));

      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (tag, "settings-tag");
      gtk_widget_add_css_class (tag, "caption");
      gtk_widget_set_tooltip_text (tag, _("Shipped with Orgdesk"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }
  else
    {
      g_autofree char *remove_label = NULL;
      GtkWidget *button;

      /* Translators: removes an added application, e.g. "Remove Acme Notes" */
      remove_label = g_strdup_printf (_("Remove %s"), od_source_app_get_name (app));
      button = icon_button_new ("user-trash-symbolic", remove_label);
      g_object_set_data_full (G_OBJECT (button), "od-application", g_object_ref (app), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (application_remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  sw = gtk_switch_new ();
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  /* On: members' installs may capture from it; off: it is a denied source */
  g_object_bind_property (app, "denied", sw, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  /* Translators: the switch of an application source, e.g. "Allow Slack" */
  switch_label = g_strdup_printf (_("Allow %s"), od_source_app_get_name (app));
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, switch_label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Off denies it as a source of members’ installs"),
                                  -1);
  gtk_widget_set_tooltip_text (sw, _("Allowed as a source"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  return row;
}

static void
update_applications_placeholder (OdSettingsPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->applications_search));
  g_autofree char *text = NULL;

  if (search != NULL && *search != '\0')
    /* Translators: shown when no application matches the search */
    text = g_strdup_printf (_("No application matches “%s”"), search);
  else
    text = g_strdup (_("No applications"));
  gtk_list_box_set_placeholder (self->applications_list, placeholder_new (text));
}

static void
applications_search_changed_cb (OdSettingsPage *self)
{
  if (self->applications_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->applications_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_applications_placeholder (self);
}

/* LTM Websites */

static void website_remove_clicked_cb (GtkButton *button, OdSettingsPage *self);

static GtkWidget *
create_website_row_cb (gpointer item,
                       gpointer user_data)
{
  OdWebsite *website = item;
  OdSettingsPage *self = user_data;
  const char *host = od_website_get_host (website);
  const char *display = od_website_get_display_host (website);
  g_autofree char *remove_label = NULL;
  GtkWidget *row;
  GtkWidget *button;

  row = text_row_new (display, g_strcmp0 (display, host) != 0 ? host : NULL, NULL, display);

  /* Translators: takes a website off the denied list, e.g. "Remove example.com" */
  remove_label = g_strdup_printf (_("Remove %s"), display);
  button = icon_button_new ("user-trash-symbolic", remove_label);
  g_object_set_data_full (G_OBJECT (button), "od-host", g_strdup (host), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (website_remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

/* Replaces the settings shown with these (NULL clears) */
static void
bind_settings (OdSettingsPage *self,
               OdSettings     *settings)
{
  unwatch_all (self);
  g_set_object (&self->settings, settings);

  gtk_list_box_bind_model (self->applications_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->websites_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->applications_model);
  for (guint i = 0; i < G_N_ELEMENTS (self->default_choices); i++)
    g_clear_pointer (&self->default_choices[i], g_ptr_array_unref);

  if (settings == NULL)
    return;

  self->updating = TRUE;

  bind (self, settings, "external-cloud", self->external_cloud_switch, "active", G_BINDING_BIDIRECTIONAL);
  bind (self, settings, "telemetry", self->telemetry_switch, "active", G_BINDING_BIDIRECTIONAL);
  bind (self, settings, "summary-reports", self->summary_reports_switch, "active", G_BINDING_BIDIRECTIONAL);
  bind (self, settings, "processing-enabled", self->processing_switch, "active", G_BINDING_BIDIRECTIONAL);
  g_ptr_array_add (self->bindings,
                   g_object_ref (g_object_bind_property_full (settings, "processing-mode",
                                                              self->processing_mode_row, "selected",
                                                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                                              mode_to_index_cb, index_to_mode_cb,
                                                              NULL, NULL)));
  bind (self, settings, "customize-models", self->customize_models_switch, "active", G_BINDING_BIDIRECTIONAL);
  bind (self, settings, "manage-sources", self->manage_sources_switch, "active", G_BINDING_BIDIRECTIONAL);
  bind (self, settings, "manage-websites", self->manage_websites_switch, "active", G_BINDING_BIDIRECTIONAL);
  watch (self, settings);

  build_providers (self);
  for (OdDefaultModel which = OD_DEFAULT_MODEL_ACCURATE; which <= OD_DEFAULT_MODEL_FALLBACK_FAST; which++)
    refresh_default_row (self, which);

  /* Applications, filtered by the search */
  self->applications_model =
    gtk_filter_list_model_new (g_object_ref (od_settings_get_applications (settings)),
                               GTK_FILTER (g_object_ref (self->applications_filter)));
  gtk_list_box_bind_model (self->applications_list, G_LIST_MODEL (self->applications_model),
                           create_application_row_cb, self, NULL);
  watch_list (self, od_settings_get_applications (settings));
  {
    GListModel *apps = od_settings_get_applications (settings);

    for (guint i = 0, n = g_list_model_get_n_items (apps); i < n; i++)
      {
        g_autoptr(OdSourceApp) app = g_list_model_get_item (apps, i);
        watch (self, app);
      }
  }

  gtk_list_box_bind_model (self->websites_list, od_settings_get_websites (settings),
                           create_website_row_cb, self, NULL);
  watch_list (self, od_settings_get_websites (settings));

  show_field_error (self->website_entry_row, self->website_error_label, NULL);

  self->updating = FALSE;
}

/* Whether two snapshots of the settings hold the same values */
static gboolean
same_settings (OdSettings *a,
               OdSettings *b)
{
  g_autoptr(JsonNode) ja = NULL;
  g_autoptr(JsonNode) jb = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  ja = od_settings_to_json (a);
  jb = od_settings_to_json (b);
  return json_node_equal (ja, jb);
}

static void
load_done (OdPage       *page,
           gpointer      data,
           const GError *error)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (page);
  g_autoptr(LoadResult) result = data;
  gboolean editing;

  self->loading_organization_id = 0;

  if (result == NULL || result->organization_id != od_page_get_organization_id (page))
    {
      if (error != NULL)
        g_warning ("Could not load the settings: %s", error->message);
      od_page_queue_reload (page);
      return;
    }

  if (result->error != NULL)
    {
      /* A missing organization is being deleted: the window is about to show another one */
      if (!g_error_matches (result->error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND))
        {
          od_status_page_set_plain_description (self->error_status, result->error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      return;
    }

  /* Edits in progress are kept; the core merges what changed meanwhile when they are saved */
  editing = has_changes (self) && !self->force;

  if (result->organization != NULL && !editing)
    {
      g_set_object (&self->organization, result->organization);
      fill_general (self);
    }
  if (result->settings != NULL && !editing &&
      (self->settings == NULL || self->force || !same_settings (self->settings, result->settings)))
    bind_settings (self, result->settings);

  if (editing)
    self->stale |= result->what & (STALE_ORGANIZATION | STALE_SETTINGS);

  if (result->credentials != NULL)
    fill_credentials (self, result->credentials);
  if (result->teams != NULL)
    fill_teams (self, result->teams);
  if (result->revisions != NULL)
    fill_revisions (self, result->revisions);

  /* Discard (or a restore) is done once what it asked for has been loaded */
  if ((result->what & (STALE_ORGANIZATION | STALE_SETTINGS)) == (STALE_ORGANIZATION | STALE_SETTINGS))
    self->force = FALSE;

  if (self->organization != NULL && self->settings != NULL)
    {
      self->loaded = TRUE;
      gtk_stack_set_visible_child_name (self->stack, "settings");
    }

  update_state (self);

  if (self->stale != 0 && !editing)
    od_page_queue_reload (page);
}

static void
od_settings_page_reload (OdPage *page)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (page);
  gint64 organization_id = od_page_get_organization_id (page);
  OdMember *actor = od_page_get_actor (page);
  gint64 actor_id = actor != NULL ? od_member_get_id (actor) : 0;
  LoadRequest *request;
  guint what;

  update_actions (self);

  if (organization_id == 0 || !od_role_can (od_page_get_actor_role (page), OD_ACTION_MANAGE_SETTINGS))
    return;

  if (organization_id != self->loaded_organization_id || actor_id != self->loaded_actor_id)
    {
      /* Another organization (or person): nothing of the last one stays */
      self->loaded_organization_id = organization_id;
      self->loaded_actor_id = actor_id;
      self->loaded = FALSE;
      self->saving = FALSE;
      g_clear_object (&self->organization);
      bind_settings (self, NULL);
      g_ptr_array_set_size (self->domains, 0);
      self->stale = STALE_ALL;
      self->force = TRUE;
      g_clear_pointer (&self->save_error, g_free);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }

  if (self->loading_organization_id == organization_id)
    return;

  what = self->stale;
  if ((has_changes (self) && !self->force) || self->saving)
    what &= ~(STALE_ORGANIZATION | STALE_SETTINGS);
  if (what == 0)
    return;

  self->stale &= ~what;
  self->loading_organization_id = organization_id;

  request = g_new0 (LoadRequest, 1);
  request->organization_id = organization_id;
  request->what = what;
  run_job (self, load_func, request, g_free, (GDestroyNotify) load_result_free, load_done);
}

static void
repository_changed_cb (OdSettingsPage *self,
                       gint64          organization_id,
                       const char     *area,
                       OdRepository   *repository)
{
  gint64 current = od_page_get_organization_id (OD_PAGE (self));

  if (organization_id == 0 && g_strcmp0 (area, "organizations") == 0)
    self->stale |= STALE_ORGANIZATION;
  if (organization_id != current || current == 0)
    return;

  if (g_strcmp0 (area, "settings") == 0)
    self->stale |= STALE_SETTINGS;
  else if (g_strcmp0 (area, "policy") == 0)
    self->stale |= STALE_SETTINGS | STALE_REVISIONS;
  else if (g_strcmp0 (area, "credentials") == 0)
    self->stale |= STALE_CREDENTIALS;
  else if (g_strcmp0 (area, "teams") == 0 || g_strcmp0 (area, "members") == 0)
    self->stale |= STALE_TEAMS;
}

static void
repository_notify_cb (OdSettingsPage *self)
{
  OdRepository *repository = od_page_get_repository (OD_PAGE (self));

  if (repository == self->watched_repository)
    return;

  if (self->watched_repository != NULL)
    g_clear_signal_handler (&self->changed_handler, self->watched_repository);
  g_set_object (&self->watched_repository, repository);
  if (repository != NULL)
    self->changed_handler = g_signal_connect_object (repository, "changed",
                                                     G_CALLBACK (repository_changed_cb),
                                                     self, G_CONNECT_SWAPPED);
  self->loaded_organization_id = 0;
}

/* ---------------------------------------------------------------------------------------------
 * The state of the unsaved-changes bar, problems and actions
 */

static gboolean
check_general (OdSettingsPage  *self,
               char           **problem)
{
  g_autofree char *name = editable_text (self->name_row);
  g_autofree char *email = editable_text (self->contact_email_row);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (self->organization == NULL)
    return TRUE;

  if (*name == '\0')
    {
      show_field_error (self->name_row, self->name_error_label,
                        _("Enter a name for the organization."));
      if (*problem == NULL)
        *problem = g_strdup (_("Enter a name for the organization."));
      ok = FALSE;
    }
  else
    show_field_error (self->name_row, self->name_error_label, NULL);

  if (*email != '\0' && !od_email_validate (email, &error))
    {
      show_field_error (self->contact_email_row, self->contact_error_label, error->message);
      if (*problem == NULL)
        /* Translators: a problem with the contact email, shown in the unsaved-changes bar */
        *problem = g_strdup_printf (_("Contact email: %s"), error->message);
      ok = FALSE;
    }
  else
    show_field_error (self->contact_email_row, self->contact_error_label, NULL);

  return ok;
}

/* The problems od_settings_validate() finds, each shown on the row its JSON path names */
static gboolean
check_settings (OdSettingsPage  *self,
                char           **problem)
{
  g_autoptr(GListModel) issues = NULL;
  guint n;

  for (OdDefaultModel which = OD_DEFAULT_MODEL_ACCURATE; which <= OD_DEFAULT_MODEL_FALLBACK_FAST; which++)
    {
      AdwComboRow *row = default_row (self, which);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "");
      show_field_error (row, NULL, NULL);
    }

  if (self->settings == NULL)
    return TRUE;

  issues = od_settings_validate (self->settings);
  n = g_list_model_get_n_items (issues);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdPolicyIssue) issue = g_list_model_get_item (issues, i);
      const char *path = od_policy_issue_get_path (issue);
      const char *last = strrchr (path, '.');
      OdDefaultModel which = last != NULL &&
                             g_str_has_prefix (path, "$.external_provider.allowed_cloud_models.default_models.")
                             ? od_default_model_from_string (last + 1) : 0;
      g_autofree char *escaped = g_markup_escape_text (od_policy_issue_get_message (issue), -1);

      if (*problem == NULL)
        *problem = g_strdup (od_policy_issue_get_message (issue));

      if (which != 0)
        {
          AdwComboRow *row = default_row (self, which);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
          show_field_error (row, NULL, od_policy_issue_get_message (issue));
        }
      /* A path this page does not know only shows in the bar */
    }

  return n == 0;
}

static void
update_actions (OdSettingsPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  OdRole role = od_page_get_actor_role (OD_PAGE (self));
  gboolean ready = self->loaded && !self->saving;
  gboolean owner = role == OD_ROLE_OWNER;

  gtk_widget_action_set_enabled (widget, "page.save",
                                 ready && self->has_changes && !self->has_problems);
  gtk_widget_action_set_enabled (widget, "page.discard", ready && self->has_changes);
  gtk_widget_action_set_enabled (widget, "page.delete-organization", ready && owner);
  gtk_widget_action_set_enabled (widget, "page.add-credential", ready);
  gtk_widget_action_set_enabled (widget, "page.add-application", ready);
  gtk_widget_action_set_enabled (widget, "page.import-websites", ready);
  gtk_widget_action_set_enabled (widget, "page.publish-policy", ready && !self->has_changes);
  gtk_widget_action_set_enabled (widget, "page.export-policy", ready && !self->has_changes);
  gtk_widget_action_set_enabled (widget, "page.import-policy", ready && !self->has_changes);

  gtk_widget_set_sensitive (GTK_WIDGET (self->revisions_list), ready && !self->has_changes);
  gtk_widget_set_visible (GTK_WIDGET (self->policy_note_label), self->has_changes);

  adw_action_row_set_subtitle (self->delete_row,
                               owner ? _("Deletes its members, teams, updates, settings and API keys for "
                                         "everyone. This cannot be undone.")
                                     : _("Only an Owner can delete the organization."));
}

static void
update_state (OdSettingsPage *self)
{
  gboolean changes = has_changes (self);
  g_autofree char *problem = NULL;
  g_autofree char *bar_text = NULL;
  gboolean ok;

  g_clear_handle_id (&self->dirty_source, g_source_remove);

  ok = check_general (self, &problem);
  ok = check_settings (self, &problem) && ok;

  /* The bar says why the last save failed, else what stops the next one */
  if (self->save_error != NULL)
    bar_text = g_strdup (self->save_error);
  else if (problem != NULL && changes)
    /* Translators: in the unsaved-changes bar; %s is the first problem found */
    bar_text = g_strdup_printf (_("Fix this to save: %s"), problem);
  gtk_label_set_text (self->save_error_label, bar_text != NULL ? bar_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->save_error_label), bar_text != NULL && !self->saving);
  if (bar_text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, bar_text,
                                    -1);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Save (Ctrl+S)"),
                                    -1);

  if (self->settings != NULL)
    for (OdDefaultModel which = OD_DEFAULT_MODEL_ACCURATE; which <= OD_DEFAULT_MODEL_FALLBACK_FAST; which++)
      refresh_default_row (self, which);

  self->has_problems = !ok;
  gtk_revealer_set_reveal_child (self->save_revealer, changes || self->saving);
  gtk_label_set_text (self->unsaved_label, self->saving ? _("Saving…") : _("Unsaved changes"));

  if ((gboolean) self->has_changes != changes)
    {
      self->has_changes = changes;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CHANGES]);
    }

  update_actions (self);
}

static gboolean
update_state_idle_cb (gpointer user_data)
{
  OdSettingsPage *self = user_data;

  self->dirty_source = 0;
  update_state (self);
  return G_SOURCE_REMOVE;
}

static void
queue_update_state (OdSettingsPage *self)
{
  /* An edit answers the last failure */
  g_clear_pointer (&self->save_error, g_free);

  if (self->dirty_source == 0)
    self->dirty_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_state_idle_cb, self, NULL);
}

static void
general_changed_cb (OdSettingsPage *self)
{
  if (!self->updating)
    queue_update_state (self);
}

static void
processing_mode_selected_cb (OdSettingsPage *self)
{
  if (!self->updating)
    queue_update_state (self);
}

/* ---------------------------------------------------------------------------------------------
 * General: associated domains
 */

static void
domain_entry_changed_cb (OdSettingsPage *self)
{
  if (!self->updating)
    show_field_error (self->domain_entry_row, self->domain_error_label, NULL);
}

static void
domain_apply_cb (OdSettingsPage *self)
{
  g_autofree char *text = editable_text (self->domain_entry_row);
  g_autofree char *domain = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;
  const char *start = text;

  if (*start == '@')
    start++;
  domain = g_utf8_strdown (start, -1);

  if (*domain == '\0')
    {
      show_field_error (self->domain_entry_row, self->domain_error_label,
                        _("Enter a domain, e.g. example.com."));
      return;
    }

  /* A domain is valid when an address at it is */
  address = g_strconcat ("postmaster@", domain, NULL);
  if (!od_email_validate (address, &error))
    {
      show_field_error (self->domain_entry_row, self->domain_error_label, error->message);
      return;
    }

  for (guint i = 0; i < self->domains->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->domains, i), domain) == 0)
      {
        g_autofree char *message = g_strdup_printf (_("“%s” is already listed."), domain);

        show_field_error (self->domain_entry_row, self->domain_error_label, message);
        return;
      }

  g_ptr_array_add (self->domains, g_strdup (domain));
  add_domain_row (self, domain);
  gtk_widget_set_visible (GTK_WIDGET (self->domains_list), TRUE);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->domain_entry_row), "");
  self->updating = FALSE;
  show_field_error (self->domain_entry_row, self->domain_error_label, NULL);
  queue_update_state (self);
}

static void
domain_remove_clicked_cb (GtkButton      *button,
                          OdSettingsPage *self)
{
  const char *domain = g_object_get_data (G_OBJECT (button), "od-domain");

  for (guint i = 0; i < self->domains->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->domains, i), domain) == 0)
      {
        g_ptr_array_remove_index (self->domains, i);
        break;
      }

  fill_domains (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->domain_entry_row));
  queue_update_state (self);
}

/* ---------------------------------------------------------------------------------------------
 * Save and Discard
 */

static OdOrganization *
edited_organization (OdSettingsPage *self)
{
  g_autofree GParamSpec **pspecs = NULL;
  g_autofree char *name = editable_text (self->name_row);
  g_autofree char *description = editable_text (self->description_row);
  g_autofree char *contact_name = editable_text (self->contact_name_row);
  g_autofree char *contact_email = editable_text (self->contact_email_row);
  g_autofree char *contact_phone = editable_text (self->contact_phone_row);
  g_autofree char *address = address_text (self);
  g_autofree char *sso = editable_text (self->sso_row);
  g_autoptr(GStrvBuilder) domains = g_strv_builder_new ();
  g_auto(GStrv) domain_list = NULL;
  OdOrganization *copy;
  guint n_pspecs;

  /* A copy of what was loaded (every property), then the form's values over it */
  copy = g_object_new (OD_TYPE_ORGANIZATION, NULL);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self->organization), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
          (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (self->organization), pspecs[i]->name, &value);
      g_object_set_property (G_OBJECT (copy), pspecs[i]->name, &value);
    }

  for (guint i = 0; i < self->domains->len; i++)
    g_strv_builder_add (domains, g_ptr_array_index (self->domains, i));
  domain_list = g_strv_builder_end (domains);

  g_object_set (copy,
                "name", name,
                "description", description,
                "contact-name", contact_name,
                "contact-email", contact_email,
                "contact-phone", contact_phone,
                "address", address,
                "sso-tenant", *sso != '\0' ? sso : NULL,
                "domains", domain_list,
                "team-creation-role", adw_combo_row_get_selected (self->team_role_row) == 1
                                      ? OD_ROLE_WRITE : OD_ROLE_ADMIN,
                NULL);
  return copy;
}

typedef struct
{
  OdMember       *actor;
  OdOrganization *organization;
} SaveOrganization;

static void
save_organization_free (SaveOrganization *save)
{
  g_clear_object (&save->actor);
  g_clear_object (&save->organization);
  g_free (save);
}

static gpointer
save_organization_func (OdRepository  *repository,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  SaveOrganization *save = data;

  if (!od_repository_save_organization (repository, save->actor, save->organization, error))
    return NULL;
  return g_object_ref (save->organization);
}

static void
save_failed (OdSettingsPage *self,
             const char     *message)
{
  self->saving = FALSE;
  g_free (self->save_error);
  self->save_error = g_strdup (message);
  update_state (self);
}

static void
save_finished (OdSettingsPage *self)
{
  self->saving = FALSE;
  g_clear_pointer (&self->save_error, g_free);
  update_state (self);
  show_toast (self, _("Settings saved"));

  /* What changed elsewhere while saving */
  if (self->stale != 0)
    od_page_queue_reload (OD_PAGE (self));
}

static void
save_settings_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OdSettingsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!od_settings_save_finish (OD_SETTINGS (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || OD_SETTINGS (object) != self->settings)
        return;
      save_failed (self, error->message);
      return;
    }

  if (OD_SETTINGS (object) != self->settings)
    return;

  /* The save merged what others changed meanwhile into these settings */
  self->stale &= ~STALE_SETTINGS;
  save_finished (self);
}

static void
save_settings (OdSettingsPage *self)
{
  if (self->settings == NULL || !od_settings_has_changes (self->settings))
    {
      save_finished (self);
      return;
    }

  od_settings_save_async (self->settings, od_page_get_repository (OD_PAGE (self)),
                          od_page_get_actor (OD_PAGE (self)),
                          NULL,
                          save_settings_cb, g_object_ref (self));
}

static void
save_organization_done (OdPage       *page,
                        gpointer      result,
                        const GError *error)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (page);
  g_autoptr(OdOrganization) organization = result;

  if (organization == NULL)
    {
      save_failed (self, error != NULL ? error->message : _("The organization could not be saved."));
      return;
    }

  g_set_object (&self->organization, organization);
  self->stale &= ~STALE_ORGANIZATION;
  save_settings (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (widget);

  update_state (self);
  if (!self->loaded || self->saving || !self->has_changes || self->has_problems)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  self->saving = TRUE;
  update_state (self);

  if (general_has_changes (self))
    {
      SaveOrganization *save = g_new0 (SaveOrganization, 1);

      save->actor = g_object_ref (od_page_get_actor (OD_PAGE (self)));
      save->organization = edited_organization (self);
      run_job (self, save_organization_func, save, (GDestroyNotify) save_organization_free,
                   g_object_unref, save_organization_done);
    }
  else
    save_settings (self);
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (widget);

  if (self->saving)
    return;

  self->force = TRUE;
  self->stale |= STALE_ORGANIZATION | STALE_SETTINGS;
  g_clear_pointer (&self->save_error, g_free);
  show_field_error (self->website_entry_row, self->website_error_label, NULL);
  show_field_error (self->domain_entry_row, self->domain_error_label, NULL);
  od_settings_page_reload (OD_PAGE (self));
}

/* ---------------------------------------------------------------------------------------------
 * Danger zone
 */

typedef struct
{
  OdMember *actor;
  gint64    organization_id;
  char     *name;
} DeleteRequest;

static void
delete_request_free (DeleteRequest *request)
{
  g_clear_object (&request->actor);
  g_free (request->name);
  g_free (request);
}

static gpointer
delete_organization_func (OdRepository  *repository,
                          gpointer       data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  DeleteRequest *request = data;
  DeleteRequest *deleted;

  if (!od_repository_delete_organization (repository, request->actor, error))
    return NULL;

  deleted = g_new0 (DeleteRequest, 1);
  deleted->organization_id = request->organization_id;
  deleted->name = g_strdup (request->name);
  return deleted;
}

static void
clear_secrets_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_message ("The deleted organization's API keys stay in the keyring: %s", error->message);
}

static void
delete_organization_done (OdPage       *page,
                          gpointer      result,
                          const GError *error)
{
  DeleteRequest *deleted = result;
  g_autofree char *message = NULL;

  if (deleted == NULL)
    {
      show_toast (OD_SETTINGS_PAGE (page), error != NULL ? error->message : NULL);
      return;
    }

  /* Its API keys leave the keyring with it (best effort: a locked keyring keeps them, and the
   * log says so) */
  secret_password_clear (od_credential_store_get_schema (), NULL, clear_secrets_cb, NULL,
                         "organization-id", (int) deleted->organization_id,
                         NULL);

  /* Translators: a toast after an organization was deleted */
  message = g_strdup_printf (_("Deleted “%s”"), deleted->name);
  show_toast (OD_SETTINGS_PAGE (page), message);
  delete_request_free (deleted);
}

static void
delete_entry_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "od-name");

  adw_message_dialog_set_response_enabled (dialog, "delete",
                                           g_strcmp0 (gtk_editable_get_text (entry), name) == 0);
}

static void
delete_entry_activate_cb (GtkEntry         *entry,
                          AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "delete"))
    adw_message_dialog_response (dialog, "delete");
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    OdSettingsPage   *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "od-entry");
  const char *name = g_object_get_data (G_OBJECT (dialog), "od-name");
  gint64 organization_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "od-organization-id"));
  DeleteRequest *request;

  if (g_strcmp0 (response, "delete") != 0 ||
      g_strcmp0 (gtk_editable_get_text (entry), name) != 0 ||
      organization_id != od_page_get_organization_id (OD_PAGE (self)))
    return;

  request = g_new0 (DeleteRequest, 1);
  request->actor = g_object_ref (od_page_get_actor (OD_PAGE (self)));
  request->organization_id = organization_id;
  request->name = g_strdup (name);

  /* Its result matters after the window has moved on to another organization */
  run_job_full (self, delete_organization_func, request, (GDestroyNotify) delete_request_free,
                (GDestroyNotify) delete_request_free, delete_organization_done, TRUE);
}

static void
delete_organization_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (widget);
  OdOrganization *organization = self->organization;
  g_autofree char *heading = NULL;
  g_autofree char *prompt = NULL;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *entry;

  if (organization == NULL || od_page_get_actor_role (OD_PAGE (self)) != OD_ROLE_OWNER)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  /* Translators: the heading of the dialog that deletes an organization */
  heading = g_strdup_printf (_("Delete “%s”?"), od_organization_get_name (organization));
  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("Its members, invitations, teams, updates, settings, policy history and "
                                     "API keys are deleted for everyone. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Organization"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "delete", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* Translators: asks to type the organization's name to confirm its deletion */
  prompt = g_strdup_printf (_("Type “%s” to confirm"), od_organization_get_name (organization));
  label = gtk_label_new (prompt);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  entry = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Organization name to confirm"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, prompt,
                                  -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data_full (G_OBJECT (dialog), "od-name",
                          g_strdup (od_organization_get_name (organization)), g_free);
  g_object_set_data (G_OBJECT (dialog), "od-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "od-organization-id",
                     GSIZE_TO_POINTER ((gsize) od_organization_get_id (organization)));
  g_signal_connect (entry, "changed", G_CALLBACK (delete_entry_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (delete_entry_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ---------------------------------------------------------------------------------------------
 * API keys
 */

static void
credential_saved_cb (OdSettingsPage     *self,
                     OdCredential       *credential,
                     OdCredentialDialog *dialog)
{
  g_autofree char *message = NULL;

  /* Translators: a toast after an API key was stored, e.g. "Saved the API key “Production”" */
  message = g_strdup_printf (_("Saved the API key “%s”"), od_credential_get_name (credential));
  show_toast (self, message);
  self->stale |= STALE_CREDENTIALS;
  od_page_queue_reload (OD_PAGE (self));
}

static void
open_credential_dialog (OdSettingsPage *self,
                        OdCredential   *credential)
{
  OdCredentialDialog *dialog;

  dialog = od_credential_dialog_new (parent_window (self),
                                     od_page_get_repository (OD_PAGE (self)),
                                     od_page_get_actor (OD_PAGE (self)),
                                     credential);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (credential_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_credential_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_credential_dialog (OD_SETTINGS_PAGE (widget), NULL);
}

static void
credential_edit_clicked_cb (GtkButton      *button,
                            OdSettingsPage *self)
{
  open_credential_dialog (self, g_object_get_data (G_OBJECT (button), "od-credential"));
}

static void
credential_deleted_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OdSettingsPage *self = OD_SETTINGS_PAGE (g_task_get_source_object (task));
  g_autoptr(GError) error = NULL;
  const char *name = g_task_get_task_data (task);
  g_autofree char *message = NULL;

  if (!od_credential_store_delete_finish (OD_REPOSITORY (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }

  /* Translators: a toast after an API key was deleted */
  message = g_strdup_printf (_("Deleted the API key “%s”"), name);
  show_toast (self, message);
  self->stale |= STALE_CREDENTIALS;
  od_page_queue_reload (OD_PAGE (self));
}

static void
credential_delete_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               OdSettingsPage   *self)
{
  OdCredential *credential = g_object_get_data (G_OBJECT (dialog), "od-credential");
  GTask *task;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  /* A task only to carry the page and the name to the callback */
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, g_strdup (od_credential_get_name (credential)), g_free);
  od_credential_store_delete_async (od_page_get_repository (OD_PAGE (self)),
                                    od_page_get_actor (OD_PAGE (self)),
                                    od_credential_get_id (credential),
                                    od_page_get_cancellable (OD_PAGE (self)),
                                    credential_deleted_cb, task);
}

static void
credential_delete_clicked_cb (GtkButton      *button,
                              OdSettingsPage *self)
{
  OdCredential *credential = g_object_get_data (G_OBJECT (button), "od-credential");
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: the heading of the dialog that deletes an API key */
  heading = g_strdup_printf (_("Delete the API Key “%s”?"), od_credential_get_name (credential));
  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("Its secret is removed from the keyring. Members’ installs that use it "
                                     "stop working with this provider until another key is added."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "od-credential", g_object_ref (credential), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (credential_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------------------------------------
 * Models
 */

static void
allow_all_clicked_cb (OdSettingsPage *self)
{
  if (self->settings != NULL)
    od_settings_set_all_models_checked (self->settings, TRUE);
}

static void
allow_none_clicked_cb (OdSettingsPage *self)
{
  if (self->settings != NULL)
    od_settings_set_all_models_checked (self->settings, FALSE);
}

/* ---------------------------------------------------------------------------------------------
 * LTM Sources: Add Application
 */

/* Splits "a, b\nc" into bundle ids */
static GStrv
split_bundle_ids (const char *text)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[,\\s]+", text != NULL ? text : "", 0, 0);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

/* Checks the form against a copy of the settings with the core's own rules; NULL when fine */
static char *
check_application (OdSettings *settings,
                   const char *name,
                   const char *bundle_text)
{
  g_autoptr(OdSettings) copy = NULL;
  g_auto(GStrv) ids = split_bundle_ids (bundle_text);
  g_autoptr(GError) error = NULL;

  if (name == NULL || *name == '\0')
    return g_strdup (_("Enter the application’s name."));
  if (ids[0] == NULL)
    return g_strdup (_("Enter at least one bundle identifier, e.g. com.example.app."));

  copy = od_settings_copy (settings);
  if (od_settings_add_application (copy, name, (const char * const *) ids, &error) == NULL)
    return g_strdup (error->message);
  return NULL;
}

static void
application_form_changed_cb (AdwMessageDialog *dialog)
{
  OdSettings *settings = g_object_get_data (G_OBJECT (dialog), "od-settings");
  GtkWidget *name_row = g_object_get_data (G_OBJECT (dialog), "od-name-row");
  GtkWidget *ids_row = g_object_get_data (G_OBJECT (dialog), "od-ids-row");
  GtkLabel *error_label = g_object_get_data (G_OBJECT (dialog), "od-error-label");
  g_autofree char *name = editable_text (name_row);
  g_autofree char *ids = editable_text (ids_row);
  g_autofree char *problem = check_application (settings, name, ids);
  gboolean typed = *name != '\0' && *ids != '\0';

  adw_message_dialog_set_response_enabled (dialog, "add", problem == NULL);
  /* Say what is wrong once there is something to judge */
  show_field_error (NULL, error_label, typed ? problem : NULL);
}

static void
application_form_activated_cb (AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "add"))
    adw_message_dialog_response (dialog, "add");
}

static void
application_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         OdSettingsPage   *self)
{
  OdSettings *settings = g_object_get_data (G_OBJECT (dialog), "od-settings");
  GtkWidget *name_row = g_object_get_data (G_OBJECT (dialog), "od-name-row");
  GtkWidget *ids_row = g_object_get_data (G_OBJECT (dialog), "od-ids-row");
  g_autofree char *name = editable_text (name_row);
  g_autofree char *ids_text = editable_text (ids_row);
  g_auto(GStrv) ids = split_bundle_ids (ids_text);
  g_autoptr(GError) error = NULL;
  OdSourceApp *app;

  if (g_strcmp0 (response, "add") != 0 || settings != self->settings)
    return;

  app = od_settings_add_application (settings, name, (const char * const *) ids, &error);
  if (app == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  watch (self, app);
  /* Show it even when the search would hide it */
  gtk_editable_set_text (GTK_EDITABLE (self->applications_search), "");
  queue_update_state (self);
}

static void
add_application_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (widget);
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *list;
  GtkWidget *name_row;
  GtkWidget *ids_row;
  GtkWidget *error_label;

  if (self->settings == NULL)
    return;

  dialog = adw_message_dialog_new (parent_window (self), _("Add Application"),
                                   _("The application is added as a denied source. Separate several bundle "
                                     "identifiers with commas."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Name"));
  ids_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ids_row), _("Bundle identifiers"));
  label_entry_row (name_row);
  label_entry_row (ids_row);
  gtk_list_box_append (GTK_LIST_BOX (list), name_row);
  gtk_list_box_append (GTK_LIST_BOX (list), ids_row);
  error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0.0f);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_add_css_class (error_label, "caption");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), error_label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data_full (G_OBJECT (dialog), "od-settings", g_object_ref (self->settings), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "od-name-row", name_row);
  g_object_set_data (G_OBJECT (dialog), "od-ids-row", ids_row);
  g_object_set_data (G_OBJECT (dialog), "od-error-label", error_label);
  g_signal_connect_swapped (name_row, "changed", G_CALLBACK (application_form_changed_cb), dialog);
  g_signal_connect_swapped (ids_row, "changed", G_CALLBACK (application_form_changed_cb), dialog);
  g_signal_connect_swapped (name_row, "entry-activated", G_CALLBACK (gtk_widget_grab_focus), ids_row);
  g_signal_connect_swapped (ids_row, "entry-activated", G_CALLBACK (application_form_activated_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (application_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name_row);
}

static void
application_remove_clicked_cb (GtkButton      *button,
                               OdSettingsPage *self)
{
  OdSourceApp *app = g_object_get_data (G_OBJECT (button), "od-application");
  g_autoptr(GError) error = NULL;

  if (self->settings == NULL)
    return;

  if (!od_settings_remove_application (self->settings, app, &error))
    show_toast (self, error->message);
  queue_update_state (self);
}

/* ---------------------------------------------------------------------------------------------
 * LTM Websites
 */

static void
website_entry_changed_cb (OdSettingsPage *self)
{
  if (!self->updating)
    show_field_error (self->website_entry_row, self->website_error_label, NULL);
}

static void
website_apply_cb (OdSettingsPage *self)
{
  g_autofree char *text = editable_text (self->website_entry_row);
  g_autoptr(GError) error = NULL;

  if (self->settings == NULL)
    return;

  if (od_settings_add_website (self->settings, text, &error) == NULL)
    {
      show_field_error (self->website_entry_row, self->website_error_label, error->message);
      return;
    }

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->website_entry_row), "");
  self->updating = FALSE;
  show_field_error (self->website_entry_row, self->website_error_label, NULL);
  queue_update_state (self);
}

static void
website_remove_clicked_cb (GtkButton      *button,
                           OdSettingsPage *self)
{
  const char *host = g_object_get_data (G_OBJECT (button), "od-host");
  g_autoptr(GError) error = NULL;

  if (self->settings == NULL)
    return;

  /* The button goes with its row: move the focus somewhere that stays */
  gtk_widget_grab_focus (GTK_WIDGET (self->website_entry_row));
  if (!od_settings_remove_website (self->settings, host, &error))
    show_toast (self, error->message);
  queue_update_state (self);
}

static void
websites_added_cb (OdSettingsPage        *self,
                   guint                  n_added,
                   OdWebsiteImportDialog *dialog)
{
  g_autofree char *message = NULL;

  /* Translators: a toast after importing denied websites; Save keeps them */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Added %u website. Save to keep it.",
                                          "Added %u websites. Save to keep them.", n_added),
                             n_added);
  show_toast (self, message);
  queue_update_state (self);
}

typedef struct
{
  OdSettingsPage *page;
  OdSettings     *settings;
  char           *file_name;
} ReadFile;

static void
read_file_free (ReadFile *read)
{
  g_clear_object (&read->page);
  g_clear_object (&read->settings);
  g_free (read->file_name);
  g_free (read);
}

static void
show_message (OdSettingsPage *self,
              const char     *heading,
              const char     *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, NULL);

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
websites_file_loaded_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  ReadFile *read = user_data;
  OdSettingsPage *self = read->page;
  g_autofree char *contents = NULL;
  g_autoptr(GListModel) review = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("Could Not Read the File"), error->message);
      read_file_free (read);
      return;
    }

  if (read->settings != self->settings)
    {
      read_file_free (read);
      return;
    }

  review = od_settings_review_websites (self->settings, contents, length, &error);
  if (review == NULL)
    show_message (self, _("Could Not Import the File"), error->message);
  else
    {
      OdWebsiteImportDialog *dialog = od_website_import_dialog_new (parent_window (self), self->settings,
                                                                    read->file_name, review);

      g_signal_connect_object (dialog, "added", G_CALLBACK (websites_added_cb), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
    }

  read_file_free (read);
}

static void
import_websites_response_cb (GtkNativeDialog *native,
                             int              response,
                             OdSettingsPage  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_clear_object (&self->chooser);
  if (file != NULL)
    od_settings_page_import_websites (self, file);
}

/* Reads a text or CSV file of websites and shows the review of every line */
void
od_settings_page_import_websites (OdSettingsPage *self,
                                  GFile          *file)
{
  ReadFile *read;

  g_return_if_fail (OD_IS_SETTINGS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->settings == NULL)
    return;

  read = g_new0 (ReadFile, 1);
  read->page = g_object_ref (self);
  read->settings = g_object_ref (self->settings);
  read->file_name = g_file_get_basename (file);
  g_file_load_contents_async (file, od_page_get_cancellable (OD_PAGE (self)),
                              websites_file_loaded_cb, read);
}

static GtkFileChooserNative *
chooser_new (OdSettingsPage       *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept_label)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (title, parent_window (self), action, accept_label, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  return self->chooser;
}

static void
import_websites_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (widget);
  g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (text, _("Text and CSV files"));
  gtk_file_filter_add_mime_type (text, "text/plain");
  gtk_file_filter_add_mime_type (text, "text/csv");
  gtk_file_filter_add_suffix (text, "txt");
  gtk_file_filter_add_suffix (text, "csv");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  chooser = chooser_new (self, _("Import Denied Websites"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), text);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_websites_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---------------------------------------------------------------------------------------------
 * Policy: export, publish, import, restore
 */

typedef struct
{
  OdMember   *actor;
  gint64      organization_id;
  GFile      *file;
  char       *folder;
  char       *text;
  gsize       length;
  gint64      revision;
  gboolean    dry_run;
} PolicyJob;

typedef struct
{
  gboolean    ok;
  GListModel *issues;
  GListModel *changes;
  GError     *error;
} PolicyResult;

static void
policy_job_free (PolicyJob *job)
{
  g_clear_object (&job->actor);
  g_clear_object (&job->file);
  g_free (job->folder);
  g_free (job->text);
  g_free (job);
}

static void
policy_result_free (PolicyResult *result)
{
  g_clear_object (&result->issues);
  g_clear_object (&result->changes);
  g_clear_error (&result->error);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolicyResult, policy_result_free)

static PolicyJob *
policy_job_new (OdSettingsPage *self)
{
  PolicyJob *job = g_new0 (PolicyJob, 1);

  job->actor = g_object_ref (od_page_get_actor (OD_PAGE (self)));
  job->organization_id = od_page_get_organization_id (OD_PAGE (self));
  return job;
}

/* Export */

static gpointer
export_func (OdRepository  *repository,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  PolicyJob *job = data;
  g_autofree char *text = od_policy_export (repository, job->organization_id, error);

  if (text == NULL)
    return NULL;
  if (!g_file_replace_contents (job->file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, cancellable, error))
    return NULL;
  return g_file_get_basename (job->file);
}

static void
export_done (OdPage       *page,
             gpointer      result,
             const GError *error)
{
  g_autofree char *name = result;
  g_autofree char *message = NULL;

  if (name == NULL)
    {
      show_message (OD_SETTINGS_PAGE (page), _("Could Not Export the Policy"),
                    error != NULL ? error->message : "");
      return;
    }

  /* Translators: a toast after the policy was written to a file */
  message = g_strdup_printf (_("Exported the policy to “%s”"), name);
  show_toast (OD_SETTINGS_PAGE (page), message);
}

static void
export_response_cb (GtkNativeDialog *native,
                    int              response,
                    OdSettingsPage  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_clear_object (&self->chooser);
  if (file != NULL)
    od_settings_page_export_policy (self, file);
}

/* Writes the current policy document (of the saved settings) to file */
void
od_settings_page_export_policy (OdSettingsPage *self,
                                GFile          *file)
{
  PolicyJob *job;

  g_return_if_fail (OD_IS_SETTINGS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  job = policy_job_new (self);
  job->file = g_object_ref (file);
  run_job (self, export_func, job, (GDestroyNotify) policy_job_free, g_free, export_done);
}

static void
export_policy_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (widget);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->organization == NULL)
    return;

  chooser = chooser_new (self, _("Export Policy"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  name = od_policy_file_name (od_organization_get_slug (self->organization), 0);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Publish */

static void
publish_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OdSettingsPage) self = user_data;
  g_autoptr(OdPolicyRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  revision = od_policy_publish_finish (OD_REPOSITORY (object), result, NULL, &error);
  if (revision == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("Could Not Publish the Policy"), error->message);
      return;
    }

  /* Translators: a toast after publishing, e.g. "Published revision 3 to /srv/policy" */
  message = g_strdup_printf (_("Published revision %" G_GINT64_FORMAT " to %s"),
                             od_policy_revision_get_revision (revision),
                             od_policy_revision_get_folder (revision));
  show_toast (self, message);
  self->stale |= STALE_REVISIONS;
  od_page_queue_reload (OD_PAGE (self));
}

static void
publish_confirmed_cb (OdSettingsPage *self,
                      OdPolicyDialog *dialog)
{
  const char *folder = g_object_get_data (G_OBJECT (dialog), "od-folder");

  od_policy_publish_async (od_page_get_repository (OD_PAGE (self)),
                           od_page_get_actor (OD_PAGE (self)),
                           od_page_get_organization_id (OD_PAGE (self)),
                           folder,
                           od_page_get_cancellable (OD_PAGE (self)),
                           publish_cb, g_object_ref (self));
}

static gpointer
diff_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  PolicyJob *job = data;

  return od_policy_diff_unpublished (repository, job->organization_id, error);
}

static void
diff_done (OdPage       *page,
           gpointer      result,
           const GError *error)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (page);
  g_autoptr(GListModel) changes = result;
  const char *publish_folder = g_object_get_data (G_OBJECT (self), "od-publish-folder");
  g_autofree char *body = NULL;
  OdPolicyDialog *dialog;

  if (changes == NULL)
    {
      show_message (self, _("Could Not Compare the Policy"), error != NULL ? error->message : "");
      return;
    }

  if (g_list_model_get_n_items (changes) == 0)
    /* Translators: the publish dialog when nothing changed; %s is a folder */
    body = g_strdup_printf (_("Nothing changed since the last published revision. Publishing to %s writes "
                              "its files again."), publish_folder);
  else
    /* Translators: the publish dialog; %s is a folder */
    body = g_strdup_printf (_("Members’ installs that read %s apply these changes. Lines starting with + are "
                              "added, with − removed."), publish_folder);

  dialog = od_policy_dialog_new (parent_window (self), _("Publish Policy?"), body, changes, _("_Publish"));
  g_object_set_data_full (G_OBJECT (dialog), "od-folder", g_strdup (publish_folder), g_free);
  g_signal_connect_object (dialog, "confirmed", G_CALLBACK (publish_confirmed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
publish_response_cb (GtkNativeDialog *native,
                     int              response,
                     OdSettingsPage  *self)
{
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_clear_object (&self->chooser);
  if (folder != NULL)
    od_settings_page_publish_policy (self, folder);
}

/* Shows what publishing to folder changes, and publishes when that is confirmed */
void
od_settings_page_publish_policy (OdSettingsPage *self,
                                 GFile          *folder)
{
  g_return_if_fail (OD_IS_SETTINGS_PAGE (self));
  g_return_if_fail (G_IS_FILE (folder));

  if (g_file_peek_path (folder) == NULL)
    {
      show_message (self, _("Could Not Publish the Policy"),
                    _("Choose a folder on this computer or on a mounted share."));
      return;
    }

  g_object_set_data_full (G_OBJECT (self), "od-publish-folder", g_file_get_path (folder), g_free);
  run_job (self, diff_func, policy_job_new (self), (GDestroyNotify) policy_job_free,
           g_object_unref, diff_done);
}

static void
publish_policy_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (widget);
  GtkFileChooserNative *chooser;
  GtkListBoxRow *latest = gtk_list_box_get_row_at_index (self->revisions_list, 0);

  chooser = chooser_new (self, _("Publish Policy to Folder"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                         _("_Choose"));

  /* Start where the last revision went */
  if (latest != NULL)
    {
      const char *folder = g_object_get_data (G_OBJECT (latest), "od-folder");

      if (folder != NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_path (folder);
          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), file, NULL);
        }
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (publish_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Import */

static gpointer
import_func (OdRepository  *repository,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  PolicyJob *job = data;
  PolicyResult *result = g_new0 (PolicyResult, 1);

  result->ok = od_policy_import (repository, job->actor, job->organization_id, job->text,
                                 (gssize) job->length, job->dry_run, &result->issues,
                                 &result->changes, &result->error);
  return result;
}

static void import_done (OdPage *page, gpointer data, const GError *error);

static void
import_confirmed_cb (OdSettingsPage *self,
                     OdPolicyDialog *dialog)
{
  PolicyJob *job = policy_job_new (self);

  job->text = g_strdup (g_object_get_data (G_OBJECT (dialog), "od-text"));
  job->length = strlen (job->text);
  job->dry_run = FALSE;
  run_job (self, import_func, job, (GDestroyNotify) policy_job_free,
               (GDestroyNotify) policy_result_free, import_done);
}

static void
import_done (OdPage       *page,
             gpointer      data,
             const GError *error)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (page);
  g_autoptr(PolicyResult) result = data;
  const char *text = g_object_get_data (G_OBJECT (self), "od-import-text");
  OdPolicyDialog *dialog;

  if (result == NULL)
    {
      g_object_set_data (G_OBJECT (self), "od-import-text", NULL);
      show_message (self, _("Could Not Import the Policy"), error != NULL ? error->message : "");
      return;
    }

  if (!result->ok)
    {
      g_object_set_data (G_OBJECT (self), "od-import-text", NULL);
      if (result->issues != NULL && g_list_model_get_n_items (result->issues) > 0)
        {
          dialog = od_policy_dialog_new (parent_window (self), _("The Policy Has Problems"),
                                         _("Nothing was imported. Each problem is shown at its place in "
                                           "the document."),
                                         result->issues, NULL);
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        show_message (self, _("Could Not Import the Policy"),
                      result->error != NULL ? result->error->message : "");
      return;
    }

  if (text != NULL)
    {
      /* A dry run went well: show what it would change, and import on confirmation */
      g_autofree char *owned = g_strdup (text);

      g_object_set_data (G_OBJECT (self), "od-import-text", NULL);
      dialog = od_policy_dialog_new (parent_window (self), _("Import Policy?"),
                                     g_list_model_get_n_items (result->changes) > 0
                                     ? _("The settings change as listed. Publish afterwards to send them to "
                                         "members’ installs.")
                                     : _("The document holds the settings as they are: nothing changes."),
                                     result->changes, _("_Import"));
      g_object_set_data_full (G_OBJECT (dialog), "od-text", g_steal_pointer (&owned), g_free);
      g_signal_connect_object (dialog, "confirmed", G_CALLBACK (import_confirmed_cb), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  show_toast (self, _("Imported the policy. Publish it to send it to members’ installs."));
  self->stale |= STALE_ORGANIZATION | STALE_SETTINGS;
  self->force = TRUE;
  od_page_queue_reload (page);
}

static void
policy_file_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(OdSettingsPage) self = user_data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  PolicyJob *job;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("Could Not Read the File"), error->message);
      return;
    }

  if (!g_utf8_validate (contents, length, NULL))
    {
      show_message (self, _("Could Not Import the Policy"), _("The file is not UTF-8 text."));
      return;
    }

  g_object_set_data_full (G_OBJECT (self), "od-import-text", g_strndup (contents, length), g_free);
  job = policy_job_new (self);
  job->text = g_strndup (contents, length);
  job->length = length;
  job->dry_run = TRUE;
  run_job (self, import_func, job, (GDestroyNotify) policy_job_free,
               (GDestroyNotify) policy_result_free, import_done);
}

static void
import_policy_response_cb (GtkNativeDialog *native,
                           int              response,
                           OdSettingsPage  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_clear_object (&self->chooser);
  if (file != NULL)
    od_settings_page_import_policy (self, file);
}

/* Checks the document in file: lists its problems (and imports nothing), or shows what it
 * changes and imports it when that is confirmed */
void
od_settings_page_import_policy (OdSettingsPage *self,
                                GFile          *file)
{
  g_return_if_fail (OD_IS_SETTINGS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, od_page_get_cancellable (OD_PAGE (self)),
                              policy_file_loaded_cb, g_object_ref (self));
}

static void
import_policy_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (widget);
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (json, _("Policy documents (JSON)"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  chooser = chooser_new (self, _("Import Policy"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_policy_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Restore */

static gpointer
restore_func (OdRepository  *repository,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  PolicyJob *job = data;

  if (!od_policy_restore (repository, job->actor, job->organization_id, job->revision, NULL, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
restore_done (OdPage       *page,
              gpointer      result,
              const GError *error)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (page);

  if (result == NULL)
    {
      show_message (self, _("Could Not Restore the Revision"), error != NULL ? error->message : "");
      return;
    }

  show_toast (self, _("Restored the revision. Publish to send it to members’ installs again."));
  self->stale |= STALE_ORGANIZATION | STALE_SETTINGS;
  self->force = TRUE;
  od_page_queue_reload (page);
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     OdSettingsPage   *self)
{
  PolicyJob *job;

  if (g_strcmp0 (response, "restore") != 0 || self->has_changes)
    return;

  job = policy_job_new (self);
  job->revision = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "od-revision"));
  run_job (self, restore_func, job, (GDestroyNotify) policy_job_free, NULL, restore_done);
}

static void
revision_restore_clicked_cb (GtkButton      *button,
                             OdSettingsPage *self)
{
  int revision = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "od-revision"));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: the heading of the dialog that restores a published policy revision */
  heading = g_strdup_printf (_("Restore Revision %d?"), revision);
  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("The Features, Models, LTM Sources and LTM Websites settings become what "
                                     "this revision published. Publish afterwards to send them out again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "od-revision", GINT_TO_POINTER (revision));
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------------------------------------
 * Tabs
 */

static void
tabs_visible_child_cb (OdSettingsPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->tabs);

  for (guint i = 0; i < G_N_ELEMENTS (tab_names); i++)
    if (g_strcmp0 (tab_names[i], name) == 0 && gtk_drop_down_get_selected (self->tab_dropdown) != i)
      gtk_drop_down_set_selected (self->tab_dropdown, i);
}

static void
tab_dropdown_selected_cb (OdSettingsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->tab_dropdown);

  if (selected < G_N_ELEMENTS (tab_names))
    adw_view_stack_set_visible_child_name (self->tabs, tab_names[selected]);
}

const char *
od_settings_page_get_tab (OdSettingsPage *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS_PAGE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->tabs);
}

void
od_settings_page_set_tab (OdSettingsPage *self,
                          const char     *name)
{
  g_return_if_fail (OD_IS_SETTINGS_PAGE (self));
  g_return_if_fail (name != NULL);

  adw_view_stack_set_visible_child_name (self->tabs, name);
}

gboolean
od_settings_page_get_has_changes (OdSettingsPage *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS_PAGE (self), FALSE);

  return self->has_changes;
}

OdSettings *
od_settings_page_get_settings (OdSettingsPage *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS_PAGE (self), NULL);

  return self->settings;
}

gboolean
od_settings_page_get_loaded (OdSettingsPage *self)
{
  g_return_val_if_fail (OD_IS_SETTINGS_PAGE (self), FALSE);

  return self->loaded;
}

/* ---------------------------------------------------------------------------------------------
 * GObject
 */

static void
od_settings_page_dispose (GObject *object)
{
  OdSettingsPage *self = (OdSettingsPage *)object;

  g_clear_handle_id (&self->dirty_source, g_source_remove);
  if (self->watched_repository != NULL)
    g_clear_signal_handler (&self->changed_handler, self->watched_repository);
  g_clear_object (&self->watched_repository);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  if (self->bindings != NULL)
    bind_settings (self, NULL);

  /* The root child is a bound template child: let AdwBin drop it before the template does */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), OD_TYPE_SETTINGS_PAGE);

  g_clear_object (&self->organization);
  g_clear_object (&self->applications_filter);
  g_clear_pointer (&self->save_error, g_free);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->domains, g_ptr_array_unref);
  g_clear_pointer (&self->provider_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (od_settings_page_parent_class)->dispose (object);
}

static void
od_settings_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (object);

  switch (prop_id)
    {
    case PROP_HAS_CHANGES:
      g_value_set_boolean (value, self->has_changes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The page's few style additions (model badges, the Global tag), once per display */
static void
load_style (void)
{
  static gboolean loaded;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded || display == NULL)
    return;

  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/orgdesk/Orgdesk/ui/od-settings-page.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
od_settings_page_class_init (OdSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OdPageClass *page_class = OD_PAGE_CLASS (klass);

  object_class->dispose = od_settings_page_dispose;
  object_class->get_property = od_settings_page_get_property;

  page_class->reload = od_settings_page_reload;

  properties[PROP_HAS_CHANGES] =
    g_param_spec_boolean ("has-changes", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, switcher_squeezer);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, tab_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, tabs);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, save_revealer);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, unsaved_label);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, save_error_label);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, discard_button);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, description_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, slug_label);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, contact_name_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, contact_email_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, contact_phone_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, contact_error_label);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, address_view);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, domain_entry_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, domain_error_label);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, domains_list);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, sso_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, delete_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, team_role_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, teams_group);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, teams_list);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, manage_teams_button);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, external_cloud_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, external_cloud_switch);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, telemetry_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, telemetry_switch);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, summary_reports_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, summary_reports_switch);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, processing_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, processing_switch);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, processing_mode_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, processing_modes);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, credentials_list);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, add_credential_button);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, customize_models_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, customize_models_switch);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, allow_all_button);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, allow_none_button);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, providers_group);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, default_accurate_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, default_fast_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, fallback_accurate_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, fallback_fast_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, manage_sources_group);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, manage_sources_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, manage_sources_switch);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, add_application_button);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, applications_search);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, applications_list);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, manage_websites_group);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, manage_websites_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, manage_websites_switch);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, import_websites_button);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, website_entry_row);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, website_error_label);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, websites_list);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, publish_button);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, policy_note_label);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, revisions_list);

  gtk_widget_class_bind_template_callback (widget_class, tab_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, tabs_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, general_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, domain_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, domain_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, processing_mode_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, allow_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, allow_none_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, default_model_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, applications_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, website_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, website_entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "page.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "page.discard", NULL, discard_action);
  gtk_widget_class_install_action (widget_class, "page.delete-organization", NULL, delete_organization_action);
  gtk_widget_class_install_action (widget_class, "page.add-credential", NULL, add_credential_action);
  gtk_widget_class_install_action (widget_class, "page.add-application", NULL, add_application_action);
  gtk_widget_class_install_action (widget_class, "page.import-websites", NULL, import_websites_action);
  gtk_widget_class_install_action (widget_class, "page.publish-policy", NULL, publish_policy_action);
  gtk_widget_class_install_action (widget_class, "page.export-policy", NULL, export_policy_action);
  gtk_widget_class_install_action (widget_class, "page.import-policy", NULL, import_policy_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "page.save", NULL);
}

static void
od_settings_page_init (OdSettingsPage *self)
{
  g_autoptr(GtkStringList) tab_titles = gtk_string_list_new (NULL);
  GtkWidget *named_buttons[6];

  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->domains = g_ptr_array_new_with_free_func (g_free);
  self->provider_rows = g_ptr_array_new ();
  self->applications_filter = gtk_custom_filter_new (application_matches_cb, self, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  load_style ();

  od_page_set_title (OD_PAGE (self), _("Settings"));
  od_page_set_icon_name (OD_PAGE (self), "emblem-system-symbolic");

  g_signal_connect (self, "notify::repository", G_CALLBACK (repository_notify_cb), NULL);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->address_view), "changed",
                            G_CALLBACK (general_changed_cb), self);

  for (OdProcessingMode mode = OD_PROCESSING_LOCAL; mode <= OD_PROCESSING_CLOUD; mode++)
    gtk_string_list_append (self->processing_modes, od_processing_mode_get_label (mode));

  /* The drop-down of a narrow window lists the tabs by title */
  for (guint i = 0; i < G_N_ELEMENTS (tab_names); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (self->tabs, tab_names[i]);

      gtk_string_list_append (tab_titles, adw_view_stack_page_get_title (adw_view_stack_get_page (self->tabs, child)));
    }
  gtk_drop_down_set_model (self->tab_dropdown, G_LIST_MODEL (tab_titles));

  /* What is not on screen stays out of the accessibility tree (GTK 4.8 keeps hidden stack pages
   * and the squeezer's other switchers in it) */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    od_widget_hide_from_at_when_unmapped (child);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->switcher_squeezer));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      od_widget_hide_from_at_when_unmapped (child);
      if (ADW_IS_VIEW_SWITCHER (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Settings tabs"),
                                        -1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tab_names); i++)
    od_widget_hide_from_at_when_unmapped (adw_view_stack_get_child_by_name (self->tabs, tab_names[i]));
  od_widget_hide_from_at_when_unmapped (gtk_revealer_get_child (self->save_revealer));

  /* Names for screen readers */
  name_group_list (self->manage_sources_group, _("Application sources"));
  name_group_list (self->manage_websites_group, _("Denied websites policy"));
  label_entry_row (self->name_row);
  label_entry_row (self->description_row);
  label_entry_row (self->contact_name_row);
  label_entry_row (self->contact_email_row);
  label_entry_row (self->contact_phone_row);
  label_entry_row (self->domain_entry_row);
  label_entry_row (self->sso_row);
  label_entry_row (self->website_entry_row);
  label_switch (self->external_cloud_switch, self->external_cloud_row);
  label_switch (self->telemetry_switch, self->telemetry_row);
  label_switch (self->summary_reports_switch, self->summary_reports_row);
  label_switch (self->processing_switch, self->processing_row);
  label_switch (self->customize_models_switch, self->customize_models_row);
  label_switch (self->manage_sources_switch, self->manage_sources_row);
  label_switch (self->manage_websites_switch, self->manage_websites_row);

  named_buttons[0] = self->save_button;
  named_buttons[1] = self->discard_button;
  named_buttons[2] = self->delete_button;
  named_buttons[3] = self->publish_button;
  named_buttons[4] = self->export_button;
  named_buttons[5] = self->import_button;
  for (guint i = 0; i < G_N_ELEMENTS (named_buttons); i++)
    drop_labelled_by (named_buttons[i]);
  drop_labelled_by (self->add_credential_button);
  drop_labelled_by (self->add_application_button);
  drop_labelled_by (self->import_websites_button);
  drop_labelled_by (self->manage_teams_button);
  drop_labelled_by (self->allow_all_button);
  drop_labelled_by (self->allow_none_button);

  gtk_list_box_set_placeholder (self->credentials_list,
                                placeholder_new (_("No API keys yet. Add one for each model provider "
                                                   "members’ installs should use.")));
  gtk_list_box_set_placeholder (self->websites_list, placeholder_new (_("No denied websites")));
  gtk_list_box_set_placeholder (self->revisions_list,
                                placeholder_new (_("Not published yet. Publish writes the first revision.")));
  update_applications_placeholder (self);

  update_actions (self);
}
