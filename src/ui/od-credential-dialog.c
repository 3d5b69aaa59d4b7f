/* od-credential-dialog.c — add or edit one API key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form is the provider's (od_credential_provider_get_fields()): a name, the non-secret
 * fields and the one secret, typed into a password row; Google Gemini may take a Vertex AI
 * service-account JSON file instead. Editing shows the masked key and replaces it only when a new
 * one is typed. Saving goes through the credential store, which puts the secret in the keyring and
 * nowhere else; when no keyring can be reached its message is shown here and nothing is stored.
 *
 * The secret is never put in a label, a log or a toast, and the copies this dialog makes are
 * overwritten before they are freed.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "od-credential-dialog.h"
#include "od-credential-store.h"
#include "od-ui-util.h"

#define MAX_SERVICE_ACCOUNT_BYTES (64 * 1024)

struct _OdCredentialDialog
{
  AdwWindow             parent_instance;

  OdRepository         *repository;
  OdMember             *actor;
  OdCredential         *credential;      /* the one edited, or NULL when adding */
  GCancellable         *cancellable;
  char                 *provider;
  GPtrArray            *rows;            /* the rows of fields_group, rebuilt per provider */
  GHashTable           *fields;          /* key → its entry row (keys are the core's strings) */
  const char           *secret_key;      /* the secret field's key */
  GtkWidget            *file_row;        /* Gemini: the service-account file */
  char                 *file_secret;     /* its content, when one was chosen */
  char                 *error;
  GtkFileChooserNative *chooser;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkWidget            *cancel_button;
  GtkWidget            *save_button;
  GtkWidget            *spinner;
  AdwComboRow          *provider_row;
  AdwPreferencesGroup  *fields_group;
  GtkLabel             *error_label;

  guint                 busy : 1;
  guint                 filling : 1;
};

G_DEFINE_FINAL_TYPE (OdCredentialDialog, od_credential_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (OdCredentialDialog *self,
            const char         *message)
{
  gboolean shown = message != NULL && *message != '\0';

  g_free (self->error);
  self->error = g_strdup (shown ? message : "");
  gtk_label_set_text (self->error_label, self->error);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), shown);
}

static void
set_busy (OdCredentialDialog *self,
          gboolean            busy)
{
  self->busy = busy;
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "credential.save", !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fields_group), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->provider_row), !busy && self->credential == NULL);
}

static void
clear_file_secret (OdCredentialDialog *self)
{
  g_clear_pointer (&self->file_secret, od_credential_secret_free);
}

static void
clear_secret_rows (OdCredentialDialog *self)
{
  GtkWidget *row;

  if (self->fields == NULL || self->secret_key == NULL)
    return;

  row = g_hash_table_lookup (self->fields, self->secret_key);
  if (row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
field_changed_cb (OdCredentialDialog *self)
{
  if (!self->filling && !self->busy)
    show_error (self, NULL);
}

static void
secret_changed_cb (OdCredentialDialog *self,
                   GtkEditable        *row)
{
  /* Typing a key replaces a chosen service-account file */
  if (!self->filling && self->file_secret != NULL && *gtk_editable_get_text (row) != '\0')
    {
      clear_file_secret (self);
      if (self->file_row != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (self->file_row), _("None chosen"));
    }
  field_changed_cb (self);
}

static void
entry_activated_cb (OdCredentialDialog *self)
{
  od_credential_dialog_submit (self);
}

static void
label_row (GtkWidget  *row,
           const char *label,
           gboolean    required)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));

  /* GTK 4.8 shows the row (not its inner text field) to a screen reader: name both, without the
   * star that marks a required field on screen */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, required,
                                  -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, required,
                                  -1);
}

static GtkWidget *
add_entry_row (OdCredentialDialog *self,
               const char         *key,
               const char         *label,
               gboolean            required,
               gboolean            secret)
{
  g_autofree char *title = NULL;
  GtkWidget *row = secret ? adw_password_entry_row_new () : adw_entry_row_new ();

  /* Translators: the title of a required field, e.g. "Name *" */
  title = required ? g_strdup_printf (_("%s *"), label) : g_strdup (label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  label_row (row, label, required);

  if (secret)
    g_signal_connect_swapped (row, "changed", G_CALLBACK (secret_changed_cb), self);
  else
    g_signal_connect_swapped (row, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (entry_activated_cb), self);

  adw_preferences_group_add (self->fields_group, row);
  g_ptr_array_add (self->rows, row);
  g_hash_table_insert (self->fields, (gpointer) key, row);
  return row;
}

/* Gemini: a Vertex AI service-account key file instead of an API key */

static void
service_account_loaded_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(OdCredentialDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  g_autofree char *subtitle = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  if (length > MAX_SERVICE_ACCOUNT_BYTES || !g_utf8_validate (contents, length, NULL))
    {
      od_credential_secret_free (contents);
      show_error (self, _("That file is not a service-account key: it should be a small JSON file."));
      return;
    }

  clear_file_secret (self);
  self->file_secret = contents;
  g_strstrip (self->file_secret);

  /* The key row is what a file replaces */
  self->filling = TRUE;
  clear_secret_rows (self);
  self->filling = FALSE;

  /* Translators: the service-account file chosen, e.g. "Chosen: vertex-key.json" */
  subtitle = g_strdup_printf (_("Chosen: %s"), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->file_row), subtitle);
  show_error (self, NULL);
}

static void
file_chooser_response_cb (GtkNativeDialog    *native,
                          int                 response,
                          OdCredentialDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  g_file_load_contents_async (file, self->cancellable, service_account_loaded_cb, g_object_ref (self));
}

static void
choose_file_clicked_cb (OdCredentialDialog *self)
{
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();

  gtk_file_filter_set_name (json, _("Service-account keys (JSON)"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_suffix (json, "json");

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose a Service-Account Key"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), json);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (file_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Builds the provider's form, filled from the credential when editing */
static void
build_form (OdCredentialDialog *self)
{
  const OdCredentialField *fields;
  g_autoptr(JsonNode) values = NULL;
  JsonObject *object = NULL;
  guint n_fields = 0;
  GtkWidget *name_row;

  self->filling = TRUE;

  clear_secret_rows (self);
  clear_file_secret (self);
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->fields_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->fields);
  self->secret_key = NULL;
  self->file_row = NULL;

  if (self->credential != NULL)
    {
      values = json_from_string (od_credential_get_fields_json (self->credential), NULL);
      if (values != NULL && JSON_NODE_HOLDS_OBJECT (values))
        object = json_node_get_object (values);
    }

  name_row = add_entry_row (self, "name", _("Name"), TRUE, FALSE);
  if (self->credential != NULL)
    gtk_editable_set_text (GTK_EDITABLE (name_row), od_credential_get_name (self->credential));

  fields = od_credential_provider_get_fields (self->provider, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const OdCredentialField *field = &fields[i];
      const char *label = _(field->label);
      GtkWidget *row;

      if (field->secret)
        {
          self->secret_key = field->key;

          if (self->credential != NULL)
            {
              const char *last_four = od_credential_get_last_four (self->credential);
              g_autofree char *current_title = NULL;
              g_autofree char *masked = NULL;
              g_autofree char *new_label = NULL;
              GtkWidget *current;

              /* Translators: the row that shows the stored key masked, e.g. "Current API key" */
              current_title = g_strdup_printf (_("Current %s"), label);
              masked = last_four != NULL && *last_four != '\0'
                       /* Translators: a masked secret showing its last four characters */
                       ? g_strdup_printf (_("•••• %s"), last_four) : g_strdup (_("••••"));
              current = adw_action_row_new ();
              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (current), FALSE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (current), current_title);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (current), masked);
              adw_preferences_group_add (self->fields_group, current);
              g_ptr_array_add (self->rows, current);

              /* Translators: the field that replaces a stored key, e.g. "New API key" */
              new_label = g_strdup_printf (_("New %s (leave empty to keep the current one)"), label);
              add_entry_row (self, field->key, new_label, FALSE, TRUE);
            }
          else
            add_entry_row (self, field->key, label, field->required, TRUE);

          if (g_str_equal (self->provider, "gemini"))
            {
              GtkWidget *button = gtk_button_new_with_mnemonic (_("Choose _File…"));

              self->file_row = adw_action_row_new ();
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row),
                                             _("Or a Vertex AI service-account key file"));
              adw_action_row_set_subtitle (ADW_ACTION_ROW (self->file_row), _("None chosen"));
              gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
              gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              _("Choose a Vertex AI service-account key file"),
                                              -1);
              gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
              g_signal_connect_swapped (button, "clicked", G_CALLBACK (choose_file_clicked_cb), self);
              adw_action_row_add_suffix (ADW_ACTION_ROW (self->file_row), button);
              adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->file_row), button);
              adw_preferences_group_add (self->fields_group, self->file_row);
              g_ptr_array_add (self->rows, self->file_row);
            }
          continue;
        }

      row = add_entry_row (self, field->key, label, field->required, FALSE);
      if (object != NULL && json_object_has_member (object, field->key) &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (object, field->key)))
        gtk_editable_set_text (GTK_EDITABLE (row), json_object_get_string_member (object, field->key));
      else if (self->credential == NULL && field->default_value != NULL)
        gtk_editable_set_text (GTK_EDITABLE (row), field->default_value);
    }

  self->filling = FALSE;
  show_error (self, NULL);
}

static void
provider_selected_cb (OdCredentialDialog *self)
{
  const char * const *providers = od_credential_store_get_providers ();
  guint selected = adw_combo_row_get_selected (self->provider_row);

  if (self->filling || self->credential != NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  for (guint i = 0; providers[i] != NULL; i++)
    if (i == selected && g_strcmp0 (self->provider, providers[i]) != 0)
      {
        g_free (self->provider);
        self->provider = g_strdup (providers[i]);
        build_form (self);
      }
}

/* Saving */

static void
saved (OdCredentialDialog *self,
       OdCredential       *credential)
{
  set_busy (self, FALSE);
  clear_secret_rows (self);
  clear_file_secret (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, credential);
  gtk_window_close (GTK_WINDOW (self));
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OdCredentialDialog) self = user_data;
  g_autoptr(OdCredential) credential = NULL;
  g_autoptr(GError) error = NULL;

  credential = od_credential_store_create_finish (OD_REPOSITORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (credential == NULL)
    {
      set_busy (self, FALSE);
      show_error (self, error->message);
      return;
    }

  saved (self, credential);
}

static void
update_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OdCredentialDialog) self = user_data;
  g_autoptr(OdCredential) credential = NULL;
  g_autoptr(GError) error = NULL;

  credential = od_credential_store_update_finish (OD_REPOSITORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (credential == NULL)
    {
      set_busy (self, FALSE);
      show_error (self, error->message);
      return;
    }

  saved (self, credential);
}

void
od_credential_dialog_submit (OdCredentialDialog *self)
{
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  char *secret = NULL;
  const OdCredentialField *form;
  guint n_fields = 0;

  g_return_if_fail (OD_IS_CREDENTIAL_DIALOG (self));

  if (self->busy)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (g_hash_table_lookup (self->fields, "name"))));
  fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  form = od_credential_provider_get_fields (self->provider, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      GtkEditable *row = g_hash_table_lookup (self->fields, form[i].key);
      char *value;

      if (row == NULL)
        continue;

      if (form[i].secret)
        {
          if (self->file_secret != NULL)
            secret = g_strdup (self->file_secret);
          else
            {
              secret = g_strstrip (g_strdup (gtk_editable_get_text (row)));
              if (*secret == '\0')
                g_clear_pointer (&secret, od_credential_secret_free);
            }
          continue;
        }

      value = g_strstrip (g_strdup (gtk_editable_get_text (row)));
      if (*value != '\0')
        g_hash_table_insert (fields, (gpointer) form[i].key, value);
      else
        g_free (value);
    }

  if (!od_credential_validate (self->provider, name, fields, secret, self->credential == NULL, &error))
    {
      g_clear_pointer (&secret, od_credential_secret_free);
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  set_busy (self, TRUE);

  if (self->credential == NULL)
    od_credential_store_create_async (self->repository, self->actor, self->provider, name, fields, secret,
                                      self->cancellable, create_cb, g_object_ref (self));
  else
    od_credential_store_update_async (self->repository, self->actor, od_credential_get_id (self->credential),
                                      name, fields, secret,
                                      self->cancellable, update_cb, g_object_ref (self));

  /* The store keeps its own copy */
  g_clear_pointer (&secret, od_credential_secret_free);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  od_credential_dialog_submit (OD_CREDENTIAL_DIALOG (widget));
}

/* GObject */

static gboolean
od_credential_dialog_close_request (GtkWindow *window)
{
  OdCredentialDialog *self = OD_CREDENTIAL_DIALOG (window);

  /* Closing while the keyring works takes nothing back: the store finishes or fails alone */
  clear_secret_rows (self);
  clear_file_secret (self);

  return GTK_WINDOW_CLASS (od_credential_dialog_parent_class)->close_request (window);
}

static void
od_credential_dialog_dispose (GObject *object)
{
  OdCredentialDialog *self = (OdCredentialDialog *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  clear_file_secret (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_CREDENTIAL_DIALOG);

  g_clear_object (&self->repository);
  g_clear_object (&self->actor);
  g_clear_object (&self->credential);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_hash_table_unref);

  G_OBJECT_CLASS (od_credential_dialog_parent_class)->dispose (object);
}

static void
od_credential_dialog_finalize (GObject *object)
{
  OdCredentialDialog *self = (OdCredentialDialog *)object;

  g_free (self->provider);
  g_free (self->error);

  G_OBJECT_CLASS (od_credential_dialog_parent_class)->finalize (object);
}

static void
od_credential_dialog_class_init (OdCredentialDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = od_credential_dialog_dispose;
  object_class->finalize = od_credential_dialog_finalize;
  window_class->close_request = od_credential_dialog_close_request;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, OD_TYPE_CREDENTIAL);

  /* Read as a dialog, not as a filler */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-credential-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OdCredentialDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, OdCredentialDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, OdCredentialDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, OdCredentialDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, OdCredentialDialog, provider_row);
  gtk_widget_class_bind_template_child (widget_class, OdCredentialDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, OdCredentialDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, provider_selected_cb);

  gtk_widget_class_install_action (widget_class, "credential.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
od_credential_dialog_init (OdCredentialDialog *self)
{
  g_autoptr(GtkStringList) providers = gtk_string_list_new (NULL);
  const char * const *ids = od_credential_store_get_providers ();

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->fields = g_hash_table_new (g_str_hash, g_str_equal);
  self->error = g_strdup ("");

  gtk_widget_init_template (GTK_WIDGET (self));
  od_widget_fit_large_text (GTK_WIDGET (self));
  od_widget_name_drop_down_buttons (GTK_WIDGET (self));

  /* GTK 4.8 reads "_Save Save": the .ui names the buttons */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->save_button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->cancel_button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  for (guint i = 0; ids[i] != NULL; i++)
    gtk_string_list_append (providers, od_credential_provider_get_label (ids[i]));
  self->filling = TRUE;
  adw_combo_row_set_model (self->provider_row, G_LIST_MODEL (providers));
  self->filling = FALSE;
}

OdCredentialDialog *
od_credential_dialog_new (GtkWindow    *parent,
                          OdRepository *repository,
                          OdMember     *actor,
                          OdCredential *credential)
{
  OdCredentialDialog *self;
  const char * const *ids = od_credential_store_get_providers ();

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (OD_IS_MEMBER (actor), NULL);
  g_return_val_if_fail (!credential || OD_IS_CREDENTIAL (credential), NULL);

  self = g_object_new (OD_TYPE_CREDENTIAL_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->repository = g_object_ref (repository);
  self->actor = g_object_ref (actor);
  self->credential = credential != NULL ? g_object_ref (credential) : NULL;
  self->provider = g_strdup (credential != NULL ? od_credential_get_provider (credential) : ids[0]);

  self->filling = TRUE;
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], self->provider) == 0)
      adw_combo_row_set_selected (self->provider_row, i);
  self->filling = FALSE;

  if (credential != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit API Key"));
      adw_window_title_set_title (self->window_title, _("Edit API Key"));
      adw_window_title_set_subtitle (self->window_title, od_credential_get_name (credential));
      gtk_widget_set_sensitive (GTK_WIDGET (self->provider_row), FALSE);
    }

  build_form (self);
  gtk_widget_grab_focus (g_hash_table_lookup (self->fields, "name"));

  return self;
}

const char *
od_credential_dialog_get_provider (OdCredentialDialog *self)
{
  g_return_val_if_fail (OD_IS_CREDENTIAL_DIALOG (self), NULL);

  return self->provider;
}

void
od_credential_dialog_set_provider (OdCredentialDialog *self,
                                   const char         *provider)
{
  const char * const *ids = od_credential_store_get_providers ();

  g_return_if_fail (OD_IS_CREDENTIAL_DIALOG (self));
  g_return_if_fail (self->credential == NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], provider) == 0)
      adw_combo_row_set_selected (self->provider_row, i);
}

GtkWidget *
od_credential_dialog_get_field (OdCredentialDialog *self,
                                const char         *key)
{
  g_return_val_if_fail (OD_IS_CREDENTIAL_DIALOG (self), NULL);

  return g_hash_table_lookup (self->fields, key);
}

const char *
od_credential_dialog_get_error (OdCredentialDialog *self)
{
  g_return_val_if_fail (OD_IS_CREDENTIAL_DIALOG (self), NULL);

  return self->error;
}
