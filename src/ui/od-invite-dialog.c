/* od-invite-dialog.c — invite people: type, paste or import addresses, review, then send
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Step "who": rows of an address and a role ("Add Another"), a pasted list, a CSV file (chosen,
 * or dropped on the window) and the default role for rows that name none. "Review" puts them
 * all in one OdInviteBatch and reviews it on the repository's worker (step "reviewing", with
 * Cancel); step "review" shows every row's outcome, the counts and the seat impact, and offers
 * to save the rejected rows or to add seats. Nothing is sent until "Invite N People": the batch
 * is applied on the worker (step "applying": progress and Cancel, which rolls everything back),
 * then the dialog says "invited" and closes.
 *
 * The batch is not thread-safe: while the worker has it, the dialog only shows snapshots of its
 * rows (OdInviteReviewRow) made on the worker.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "od-csv.h"
#include "od-invite-dialog.h"
#include "od-invite-review-row.h"
#include "od-member.h"
#include "od-members-util.h"
#include "od-window.h"
#include "od-ui-util.h"

struct _OdInviteDialog
{
  AdwWindow       parent_instance;

  OdRepository   *repository;
  OdMember       *actor;
  OdInviteBatch  *batch;
  GListStore     *review_rows;
  GCancellable   *work_cancellable;   /* the review or apply that runs */
  GCancellable   *file_cancellable;   /* the file being read */
  GBytes         *file_bytes;
  char           *file_name;
  guint           file_rows;
  GPtrArray      *person_rows;        /* AdwEntryRow */
  const char     *step;
  guint           serial;
  guint           busy_saving : 1;

  GtkWidget      *content_box;
  AdwWindowTitle *window_title;
  GtkWidget      *cancel_button;
  GtkWidget      *back_button;
  GtkWidget      *review_button;
  GtkWidget      *apply_button;
  GtkWidget      *add_row_button;
  GtkWidget      *import_button;
  GtkWidget      *work_cancel_button;
  GtkStack       *step_stack;
  AdwPreferencesGroup *people_group;
  GtkTextView    *paste_view;
  GtkWidget      *paste_placeholder;
  GtkWidget      *file_list;
  AdwActionRow   *file_row;
  GtkWidget      *file_spinner;
  AdwComboRow    *default_role_row;
  GtkLabel       *who_message;
  GtkSpinner     *work_spinner;
  GtkLabel       *work_label;
  GtkProgressBar *work_progress;
  GtkLabel       *summary_label;
  GtkLabel       *counts_label;
  GtkLabel       *seats_label;
  GtkLabel       *review_message;
  GtkWidget      *add_seats_button;
  GtkWidget      *save_rejected_button;
  GtkColumnView  *review_view;
};

G_DEFINE_FINAL_TYPE (OdInviteDialog, od_invite_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STEP,
  N_PROPS
};

enum {
  SIGNAL_INVITED,
  SIGNAL_ADD_SEATS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The roles this actor may give, least first: Owner only for an Owner */
static guint
n_roles (OdInviteDialog *self)
{
  OdRole role = self->actor != NULL ? od_member_get_role (self->actor) : OD_ROLE_NONE;

  return od_role_can (role, OD_ACTION_MANAGE_OWNERS) ? 4 : 3;
}

static GListModel *
roles_model (OdInviteDialog *self)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_roles (self); i++)
    gtk_string_list_append (list, od_role_get_label (OD_ROLE_READ + i));

  return G_LIST_MODEL (list);
}

static OdRole
role_at (guint position)
{
  return position != GTK_INVALID_LIST_POSITION && position < 4 ? OD_ROLE_READ + position : OD_ROLE_WRITE;
}

static void
set_step (OdInviteDialog *self,
          const char     *step)
{
  gboolean review = g_str_equal (step, "review");
  gboolean who = g_str_equal (step, "who");
  gboolean working = !review && !who;

  if (g_strcmp0 (self->step, step) == 0)
    return;

  self->step = g_intern_string (step);

  gtk_stack_set_visible_child_name (self->step_stack, working ? "working" : step);
  gtk_widget_set_visible (self->back_button, review);
  gtk_widget_set_visible (self->cancel_button, !review);
  gtk_widget_set_visible (self->review_button, who);
  gtk_widget_set_visible (self->apply_button, review);
  gtk_widget_set_sensitive (self->cancel_button, !working);
  gtk_spinner_set_spinning (self->work_spinner, working);

  if (who)
    adw_window_title_set_subtitle (self->window_title, _("Who to invite"));
  else if (review)
    adw_window_title_set_subtitle (self->window_title, _("Review: nothing is sent yet"));
  else if (g_str_equal (step, "applying"))
    adw_window_title_set_subtitle (self->window_title, _("Sending the invitations"));
  else
    adw_window_title_set_subtitle (self->window_title, _("Checking the addresses"));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

static void
show_who_message (OdInviteDialog *self,
                  const char     *message)
{
  gtk_label_set_text (self->who_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->who_message), message != NULL && *message != '\0');
  od_window_announce_for (GTK_WIDGET (self), message);
}

static void
show_review_message (OdInviteDialog *self,
                     const char     *message)
{
  gtk_label_set_text (self->review_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->review_message), message != NULL && *message != '\0');
  od_window_announce_for (GTK_WIDGET (self), message);
}

/* ---------------------------------------------------------------------------------------------
 * People typed in
 */

static void
update_person_labels (OdInviteDialog *self)
{
  for (guint i = 0; i < self->person_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->person_rows, i);
      GtkWidget *dropdown = g_object_get_data (G_OBJECT (row), "od-role");
      GtkWidget *remove = g_object_get_data (G_OBJECT (row), "od-remove");
      g_autofree char *email = NULL;
      g_autofree char *role = NULL;
      g_autofree char *remove_label = NULL;

      /* Translators: accessible names of the fields of the n-th person to invite */
      email = g_strdup_printf (_("Email of person %u"), i + 1);
      role = g_strdup_printf (_("Role of person %u"), i + 1);
      remove_label = g_strdup_printf (_("Remove person %u"), i + 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (row))),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, email,
                                      -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, role,
                                      -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                      -1);
      /* The last one left can only be emptied */
      gtk_widget_set_visible (remove, self->person_rows->len > 1);
    }
}

static void remove_person_clicked_cb (GtkButton      *button,
                                      OdInviteDialog *self);

static void
person_activated_cb (AdwEntryRow    *row,
                     OdInviteDialog *self)
{
  /* Enter in the last filled row asks for another one */
  if (g_ptr_array_index (self->person_rows, self->person_rows->len - 1) == (gpointer)row &&
      *gtk_editable_get_text (GTK_EDITABLE (row)) != '\0')
    gtk_widget_activate_action (GTK_WIDGET (self), "invite.add-row", NULL);
}

static GtkWidget *
add_person_row (OdInviteDialog *self)
{
  g_autoptr(GListModel) roles = roles_model (self);
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *dropdown = gtk_drop_down_new (g_object_ref (roles), NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Email"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), TRUE);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                              adw_combo_row_get_selected (self->default_role_row));
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (dropdown, _("Role"));
  gtk_widget_add_css_class (dropdown, "flat");

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_person_clicked_cb), self, 0);

  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), dropdown);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  od_widget_name_drop_down_buttons (dropdown);
  g_object_set_data (G_OBJECT (row), "od-role", dropdown);
  g_object_set_data (G_OBJECT (row), "od-remove", remove);
  g_object_set_data (G_OBJECT (remove), "od-row", row);
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (person_activated_cb), self, 0);

  adw_preferences_group_add (self->people_group, row);
  g_ptr_array_add (self->person_rows, row);
  update_person_labels (self);

  return row;
}

static void
remove_person_clicked_cb (GtkButton      *button,
                          OdInviteDialog *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "od-row");
  guint index;

  if (row == NULL || !g_ptr_array_find (self->person_rows, row, &index))
    return;

  g_ptr_array_remove_index (self->person_rows, index);
  adw_preferences_group_remove (self->people_group, row);
  update_person_labels (self);

  if (self->person_rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->person_rows, MIN (index, self->person_rows->len - 1)));
}

static void
add_row_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OdInviteDialog *self = OD_INVITE_DIALOG (widget);
  GtkWidget *row = add_person_row (self);

  gtk_widget_grab_focus (row);
}

/* ---------------------------------------------------------------------------------------------
 * The CSV file: chosen or dropped, its size checked before it is read, parsed on a thread to
 * report its rows (or why it is refused) at once; the review parses it again
 */

static void
set_file_state (OdInviteDialog *self,
                const char     *title,
                const char     *subtitle,
                gboolean        loading,
                gboolean        failed)
{
  gtk_widget_set_visible (self->file_list, title != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), title != NULL ? title : "");
  adw_action_row_set_subtitle (self->file_row, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (self->file_spinner, loading);
  gtk_spinner_set_spinning (GTK_SPINNER (self->file_spinner), loading);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->file_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->file_row), "error");
}

static void
clear_file (OdInviteDialog *self)
{
  if (self->file_cancellable != NULL)
    g_cancellable_cancel (self->file_cancellable);
  g_clear_object (&self->file_cancellable);
  g_clear_pointer (&self->file_bytes, g_bytes_unref);
  g_clear_pointer (&self->file_name, g_free);
  self->file_rows = 0;
  set_file_state (self, NULL, NULL, FALSE, FALSE);
}

static void
clear_file_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  clear_file (OD_INVITE_DIALOG (widget));
}

static void
parse_file_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autoptr(GArray) rows = NULL;
  GError *error = NULL;

  rows = od_csv_parse_invitations (task_data, &error);
  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, rows->len);
}

static void
parse_file_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  OdInviteDialog *self = OD_INVITE_DIALOG (object);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_task_get_task_data (G_TASK (result));
  gssize n = g_task_propagate_int (G_TASK (result), &error);
  g_autofree char *subtitle = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (n < 0)
    {
      set_file_state (self, self->file_name, error->message, FALSE, TRUE);
      return;
    }

  self->file_bytes = g_bytes_ref (bytes);
  self->file_rows = (guint) n;
  /* Translators: how many rows a CSV file holds, shown under its name */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u address to review", "%u addresses to review",
                                           self->file_rows),
                              self->file_rows);
  set_file_state (self, self->file_name, subtitle, FALSE, FALSE);
}

static void
load_bytes_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OdInviteDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  g_autoptr(GTask) task = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (bytes == NULL)
    {
      set_file_state (self, self->file_name, error->message, FALSE, TRUE);
      return;
    }

  task = g_task_new (self, self->file_cancellable, parse_file_done_cb, NULL);
  g_task_set_source_tag (task, load_bytes_cb);
  g_task_set_task_data (task, g_steal_pointer (&bytes), (GDestroyNotify)g_bytes_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, parse_file_thread);
}

static void
query_size_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OdInviteDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (info != NULL)
    {
      g_free (self->file_name);
      self->file_name = g_strdup (g_file_info_get_display_name (info));
    }

  /* A file too large is refused before anything is read */
  if (info == NULL || !od_csv_check_size ((guint64) g_file_info_get_size (info), &error))
    {
      set_file_state (self, self->file_name, error->message, FALSE, TRUE);
      return;
    }

  set_file_state (self, self->file_name, _("Reading…"), TRUE, FALSE);
  g_file_load_bytes_async (G_FILE (object), self->file_cancellable, load_bytes_cb, g_object_ref (self));
}

void
od_invite_dialog_import_file (OdInviteDialog *self,
                              GFile          *file)
{
  g_return_if_fail (OD_IS_INVITE_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (g_strcmp0 (self->step, "who") != 0)
    return;

  clear_file (self);
  self->file_cancellable = g_cancellable_new ();
  self->file_name = g_file_get_basename (file);
  set_file_state (self, self->file_name, _("Reading…"), TRUE, FALSE);
  show_who_message (self, NULL);

  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->file_cancellable,
                           query_size_cb, g_object_ref (self));
}

static GtkFileFilter *
csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");

  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
open_dialog_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OdInviteDialog) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    od_invite_dialog_import_file (self, file);
}
#else
static void
open_response_cb (GtkNativeDialog *native,
                  int              response,
                  OdInviteDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        od_invite_dialog_import_file (self, file);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}
#endif

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OdInviteDialog *self = OD_INVITE_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = csv_filter ();

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_title (dialog, _("Import Invitations"));
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, open_dialog_done_cb, g_object_ref (self));
  }
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (_("Import Invitations"), GTK_WINDOW (self),
                                          GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    g_signal_connect_object (native, "response", G_CALLBACK (open_response_cb), self, 0);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         OdInviteDialog *self)
{
  GFile *file = NULL;

  if (g_strcmp0 (self->step, "who") != 0)
    return FALSE;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      file = files != NULL ? files->data : NULL;
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      file = g_value_get_object (value);
    }

  if (file == NULL)
    return FALSE;

  od_invite_dialog_import_file (self, file);
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------
 * Work on the repository's worker. The cancellable goes in the job's data, not to run_async, so
 * that a cancelled job still hands back what it has to say (a GTask would drop it).
 */

typedef void (*DoneFunc) (OdInviteDialog *self,
                          gpointer        result,
                          const GError   *error);

typedef struct
{
  OdInviteDialog *self;
  guint           serial;
  GDestroyNotify  result_free;
  DoneFunc        done;
} RunData;

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  RunData *data = user_data;
  g_autoptr(GError) error = NULL;
  gpointer value = od_repository_run_finish (OD_REPOSITORY (object), result, &error);

  /* The dialog was closed meanwhile, or started other work */
  if (data->serial != data->self->serial)
    {
      if (value != NULL && data->result_free != NULL)
        data->result_free (value);
    }
  else
    {
      data->done (data->self, value, error);
    }

  g_object_unref (data->self);
  g_free (data);
}

static void
run (OdInviteDialog   *self,
     OdRepositoryFunc  func,
     gpointer          data,
     GDestroyNotify    data_free,
     GDestroyNotify    result_free,
     DoneFunc          done)
{
  RunData *run_data = g_new0 (RunData, 1);

  run_data->self = g_object_ref (self);
  run_data->serial = self->serial;
  run_data->result_free = result_free;
  run_data->done = done;

  od_repository_run_async (self->repository, func, data, data_free, result_free, NULL,
                           run_cb, run_data);
}

static GCancellable *
new_work_cancellable (OdInviteDialog *self)
{
  if (self->work_cancellable != NULL)
    g_cancellable_cancel (self->work_cancellable);
  g_clear_object (&self->work_cancellable);
  self->work_cancellable = g_cancellable_new ();

  return self->work_cancellable;
}

/* The review table, made on the worker from the batch it has just reviewed or applied */

typedef struct
{
  guint     n_typed;
  guint     n_pasted;
  char     *file_name;
  gboolean  several_sources;
} Places;

static void
places_free (Places *places)
{
  g_free (places->file_name);
  g_free (places);
}

static GListStore *
make_rows (OdInviteBatch *batch,
           const Places  *places)
{
  GListStore *store = g_list_store_new (OD_TYPE_INVITE_REVIEW_ROW);
  guint n = od_invite_batch_get_n_rows (batch);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      guint line = od_invite_batch_get_line (batch, i);
      g_autofree char *place = NULL;

      if (i < places->n_typed)
        /* Translators: a review row typed in the dialog, e.g. "Row 2" */
        place = g_strdup_printf (_("Row %u"), line);
      else if (!places->several_sources)
        place = g_strdup_printf (_("Line %u"), line);
      else if (i < places->n_typed + places->n_pasted)
        /* Translators: a review row from the pasted list, e.g. "Pasted, line 3" */
        place = g_strdup_printf (_("Pasted, line %u"), line);
      else
        /* Translators: a review row from a file, e.g. "team.csv, line 4" */
        place = g_strdup_printf (_("%s, line %u"), places->file_name, line);

      g_ptr_array_add (rows, od_invite_review_row_new (batch, i, place));
    }

  g_list_store_splice (store, 0, 0, rows->pdata, rows->len);
  return store;
}

/* Review */

typedef struct
{
  char  *email;
  char  *role;
} Person;

typedef struct
{
  OdMember     *actor;
  GCancellable *cancellable;
  GArray       *people;       /* Person */
  char         *pasted;
  GBytes       *file_bytes;
  char         *file_name;
  OdRole        default_role;
} ReviewRequest;

typedef struct
{
  OdInviteBatch *batch;
  GListStore    *rows;
  GError        *error;
} WorkResult;

static void
person_clear (Person *person)
{
  g_free (person->email);
  g_free (person->role);
}

static void
review_request_free (ReviewRequest *request)
{
  g_clear_object (&request->actor);
  g_clear_object (&request->cancellable);
  g_clear_pointer (&request->people, g_array_unref);
  g_clear_pointer (&request->pasted, g_free);
  g_clear_pointer (&request->file_bytes, g_bytes_unref);
  g_clear_pointer (&request->file_name, g_free);
  g_free (request);
}

static void
work_result_free (WorkResult *result)
{
  g_clear_object (&result->batch);
  g_clear_object (&result->rows);
  g_clear_error (&result->error);
  g_free (result);
}

static gpointer
review_func (OdRepository  *repository,
             gpointer       data,
             GCancellable  *unused,
             GError       **error)
{
  ReviewRequest *request = data;
  WorkResult *result = g_new0 (WorkResult, 1);
  g_autoptr(OdInviteBatch) batch = od_invite_batch_new ();
  Places *places = g_new0 (Places, 1);
  guint n_sources = 0;

  /* Where each row came from stays with the batch, for the tables after the apply */
  g_object_set_data_full (G_OBJECT (batch), "od-places", places, (GDestroyNotify)places_free);

  for (guint i = 0; i < request->people->len; i++)
    {
      Person *person = &g_array_index (request->people, Person, i);

      od_invite_batch_add (batch, i + 1, person->email, person->role);
    }
  places->n_typed = request->people->len;
  n_sources += places->n_typed > 0;

  if (request->pasted != NULL)
    {
      g_autoptr(GArray) rows = od_csv_parse_address_list (request->pasted, strlen (request->pasted),
                                                          &result->error);

      if (rows == NULL)
        {
          g_prefix_error (&result->error, _("The pasted list: "));
          return result;
        }
      places->n_pasted = rows->len;
      n_sources += rows->len > 0;
      od_invite_batch_take_rows (batch, rows);
    }

  if (request->file_bytes != NULL)
    {
      g_autoptr(GArray) rows = od_csv_parse_invitations (request->file_bytes, &result->error);

      if (rows == NULL)
        return result;
      n_sources += rows->len > 0;
      od_invite_batch_take_rows (batch, rows);
    }

  places->file_name = g_strdup (request->file_name);
  places->several_sources = n_sources > 1;

  if (!od_repository_review_invitations (repository, request->actor, batch, request->default_role,
                                         request->cancellable, &result->error))
    return result;

  result->rows = make_rows (batch, places);
  result->batch = g_steal_pointer (&batch);
  return result;
}

static void
show_review (OdInviteDialog *self)
{
  OdInviteBatch *batch = self->batch;
  guint n_will = od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_WILL_INVITE);
  guint n_rejected = od_invite_batch_get_n_rejected (batch);
  guint n_over = od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_OVER_SEAT_LIMIT);
  g_autoptr(GString) counts = g_string_new (NULL);
  g_autofree char *summary = NULL;
  g_autofree char *seats = od_invite_batch_describe_seats (batch);
  g_autofree char *apply_label = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  if (n_will == 0)
    summary = g_strdup (_("Nobody can be invited from this list"));
  else if (n_rejected == 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person will be invited",
                                            "All %u people will be invited", n_will),
                               n_will);
  else
    /* Translators: the review's summary, e.g. "2 will be invited, 3 will not" */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u will be invited, %u will not",
                                            "%u will be invited, %u will not", n_rejected),
                               n_will, n_rejected);

  for (OdInviteOutcome outcome = OD_INVITE_OUTCOME_WILL_INVITE; outcome < OD_INVITE_N_OUTCOMES; outcome++)
    {
      guint n = od_invite_batch_get_count (batch, outcome);

      if (n == 0)
        continue;
      if (counts->len > 0)
        g_string_append (counts, " · ");
      /* Translators: one outcome's count in the review, e.g. "Invalid email: 2" */
      g_string_append_printf (counts, _("%s: %u"), od_invite_outcome_get_label (outcome), n);
    }

  gtk_label_set_text (self->summary_label, summary);
  gtk_label_set_text (self->counts_label, counts->str);
  gtk_label_set_text (self->seats_label, seats);
  gtk_widget_set_visible (self->add_seats_button,
                          n_over > 0 && od_role_can (od_member_get_role (self->actor), OD_ACTION_MANAGE_BILLING));
  gtk_widget_set_visible (self->save_rejected_button, n_rejected > 0);

  /* Translators: the button that sends the invitations, e.g. "Invite 3 People" */
  apply_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Invite %u Person", "_Invite %u People", n_will),
                                 n_will);
  gtk_button_set_label (GTK_BUTTON (self->apply_button), apply_label);
  od_button_set_accessible_name (self->apply_button, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invite.apply", n_will > 0);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->review_rows)));
  gtk_column_view_set_model (self->review_view, GTK_SELECTION_MODEL (selection));

  set_step (self, "review");
}

static void
review_done (OdInviteDialog *self,
             gpointer        data,
             const GError   *error)
{
  WorkResult *result = data;

  if (result == NULL || result->error != NULL)
    {
      const GError *shown = result != NULL ? result->error : error;

      set_step (self, "who");
      if (g_error_matches (shown, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_who_message (self, _("The review was stopped. Nothing was sent."));
      else
        show_who_message (self, shown != NULL ? shown->message : _("The addresses could not be checked."));
      if (result != NULL)
        work_result_free (result);
      return;
    }

  g_set_object (&self->batch, result->batch);
  g_set_object (&self->review_rows, result->rows);
  work_result_free (result);

  show_review_message (self, NULL);
  show_review (self);
}

static void
paste_changed_cb (OdInviteDialog *self,
                  GtkTextBuffer  *buffer)
{
  gtk_widget_set_visible (self->paste_placeholder, gtk_text_buffer_get_char_count (buffer) == 0);
}

static char *
pasted_text (OdInviteDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->paste_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
od_invite_dialog_review (OdInviteDialog *self)
{
  ReviewRequest *request;
  g_autofree char *pasted = NULL;
  g_autofree char *stripped = NULL;

  g_return_if_fail (OD_IS_INVITE_DIALOG (self));

  if (g_strcmp0 (self->step, "who") != 0)
    return;

  request = g_new0 (ReviewRequest, 1);
  request->actor = g_object_ref (self->actor);
  request->people = g_array_new (FALSE, TRUE, sizeof (Person));
  g_array_set_clear_func (request->people, (GDestroyNotify)person_clear);
  request->default_role = role_at (adw_combo_row_get_selected (self->default_role_row));

  for (guint i = 0; i < self->person_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->person_rows, i);
      GtkDropDown *dropdown = g_object_get_data (G_OBJECT (row), "od-role");
      g_autofree char *email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
      Person person;

      if (*email == '\0')
        continue;
      person.email = g_steal_pointer (&email);
      person.role = g_strdup (od_role_to_string (role_at (gtk_drop_down_get_selected (dropdown))));
      g_array_append_val (request->people, person);
    }

  pasted = pasted_text (self);
  stripped = g_strstrip (g_strdup (pasted));
  if (*stripped != '\0')
    request->pasted = g_steal_pointer (&pasted);
  if (self->file_bytes != NULL)
    {
      request->file_bytes = g_bytes_ref (self->file_bytes);
      request->file_name = g_strdup (self->file_name);
    }

  if (request->people->len == 0 && request->pasted == NULL && request->file_bytes == NULL)
    {
      review_request_free (request);
      show_who_message (self, _("Add at least one address: type it, paste a list or import a file."));
      return;
    }

  show_who_message (self, NULL);
  request->cancellable = g_object_ref (new_work_cancellable (self));
  self->serial++;

  gtk_label_set_text (self->work_label, _("Checking the addresses…"));
  gtk_widget_set_visible (GTK_WIDGET (self->work_progress), FALSE);
  set_step (self, "reviewing");

  run (self, review_func, request, (GDestroyNotify)review_request_free,
       (GDestroyNotify)work_result_free, review_done);
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  od_invite_dialog_review (OD_INVITE_DIALOG (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OdInviteDialog *self = OD_INVITE_DIALOG (widget);

  if (g_strcmp0 (self->step, "review") != 0 || self->busy_saving)
    return;

  set_step (self, "who");
}

/* Apply */

typedef struct
{
  gatomicrefcount  ref_count;
  GWeakRef         dialog;
  guint            done;
  guint            total;
  guint            source;   /* an idle is on its way (atomic) */
} Progress;

static Progress *
progress_new (OdInviteDialog *self)
{
  Progress *progress = g_new0 (Progress, 1);

  g_atomic_ref_count_init (&progress->ref_count);
  g_weak_ref_init (&progress->dialog, self);

  return progress;
}

static Progress *
progress_ref (Progress *progress)
{
  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

static void
progress_unref (Progress *progress)
{
  if (g_atomic_ref_count_dec (&progress->ref_count))
    {
      g_weak_ref_clear (&progress->dialog);
      g_free (progress);
    }
}

static gboolean
progress_idle_cb (gpointer user_data)
{
  Progress *progress = user_data;
  g_autoptr(OdInviteDialog) self = g_weak_ref_get (&progress->dialog);
  guint done = g_atomic_int_get (&progress->done);
  guint total = g_atomic_int_get (&progress->total);

  g_atomic_int_set (&progress->source, 0);

  if (self != NULL && g_strcmp0 (self->step, "applying") == 0 && total > 0)
    {
      g_autofree char *text = NULL;

      /* Translators: the progress of sending invitations, e.g. "1200 of 5000" */
      text = g_strdup_printf (_("%u of %u"), done, total);
      gtk_progress_bar_set_fraction (self->work_progress, (double) done / total);
      gtk_progress_bar_set_text (self->work_progress, text);
    }

  return G_SOURCE_REMOVE;
}

/* On the worker: coalesced into at most one idle at a time on the main context */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_atomic_int_set (&progress->done, done);
  g_atomic_int_set (&progress->total, total);
  if (g_atomic_int_compare_and_exchange (&progress->source, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle_cb, progress_ref (progress),
                     (GDestroyNotify)progress_unref);
}

typedef struct
{
  OdMember      *actor;
  OdInviteBatch *batch;
  GCancellable  *cancellable;
  Progress      *progress;
} ApplyRequest;

static void
apply_request_free (ApplyRequest *request)
{
  g_clear_object (&request->actor);
  g_clear_object (&request->batch);
  g_clear_object (&request->cancellable);
  g_clear_pointer (&request->progress, progress_unref);
  g_free (request);
}

static gpointer
apply_func (OdRepository  *repository,
            gpointer       data,
            GCancellable  *unused,
            GError       **error)
{
  ApplyRequest *request = data;
  WorkResult *result = g_new0 (WorkResult, 1);
  Places *places = g_object_get_data (G_OBJECT (request->batch), "od-places");

  od_repository_apply_invitations (repository, request->actor, request->batch, request->cancellable,
                                   progress_cb, request->progress, &result->error);

  /* The apply reviewed again: the table shows what it found, whatever happened */
  result->rows = make_rows (request->batch, places);
  result->batch = g_object_ref (request->batch);
  return result;
}

static void
apply_done (OdInviteDialog *self,
            gpointer        data,
            const GError   *error)
{
  WorkResult *result = data;
  guint n_invited;

  if (result == NULL)
    {
      set_step (self, "review");
      show_review_message (self, error != NULL ? error->message : "");
      return;
    }

  g_set_object (&self->review_rows, result->rows);

  if (result->error != NULL)
    {
      show_review (self);
      if (g_error_matches (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_review_message (self, _("Cancelled: nobody was invited."));
      else
        /* Translators: why the invitations were not sent; nothing was */
        show_review_message (self, result->error->message);
      work_result_free (result);
      return;
    }

  n_invited = od_invite_batch_is_applied (self->batch)
              ? od_invite_batch_get_count (self->batch, OD_INVITE_OUTCOME_WILL_INVITE) : 0;
  work_result_free (result);

  if (n_invited == 0)
    {
      show_review (self);
      show_review_message (self, _("Nobody was invited: the organization changed meanwhile, see the review."));
      return;
    }

  g_signal_emit (self, signals[SIGNAL_INVITED], 0, n_invited);
  gtk_window_close (GTK_WINDOW (self));
}

void
od_invite_dialog_apply (OdInviteDialog *self)
{
  ApplyRequest *request;
  g_autofree char *text = NULL;
  guint n_will;

  g_return_if_fail (OD_IS_INVITE_DIALOG (self));

  if (g_strcmp0 (self->step, "review") != 0 || self->batch == NULL || self->busy_saving)
    return;

  n_will = od_invite_batch_get_count (self->batch, OD_INVITE_OUTCOME_WILL_INVITE);
  if (n_will == 0)
    return;

  request = g_new0 (ApplyRequest, 1);
  request->actor = g_object_ref (self->actor);
  request->batch = g_object_ref (self->batch);
  request->cancellable = g_object_ref (new_work_cancellable (self));
  request->progress = progress_new (self);
  self->serial++;

  show_review_message (self, NULL);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Inviting %u person…", "Inviting %u people…", n_will),
                          n_will);
  gtk_label_set_text (self->work_label, text);
  gtk_progress_bar_set_fraction (self->work_progress, 0.0);
  gtk_progress_bar_set_text (self->work_progress, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->work_progress), TRUE);
  set_step (self, "applying");

  run (self, apply_func, request, (GDestroyNotify)apply_request_free,
       (GDestroyNotify)work_result_free, apply_done);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  od_invite_dialog_apply (OD_INVITE_DIALOG (widget));
}

void
od_invite_dialog_cancel_work (OdInviteDialog *self)
{
  g_return_if_fail (OD_IS_INVITE_DIALOG (self));

  if (self->work_cancellable != NULL)
    g_cancellable_cancel (self->work_cancellable);
}

static void
cancel_work_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  od_invite_dialog_cancel_work (OD_INVITE_DIALOG (widget));
}

/* Save the rejected rows, and Add Seats */

typedef struct
{
  OdInviteBatch *batch;
  GFile         *file;
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_clear_object (&request->batch);
  g_clear_object (&request->file);
  g_free (request);
}

static gpointer
save_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  SaveRequest *request = data;
  g_autoptr(GFileOutputStream) stream = NULL;
  gboolean existed = g_file_query_exists (request->file, NULL);

  stream = g_file_replace (request->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return NULL;

  if (!od_invite_batch_write_rejected_csv (request->batch, G_OUTPUT_STREAM (stream), NULL, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      /* Closing a cancelled stream keeps a file that existed; a new one goes */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      if (!existed)
        g_file_delete (request->file, NULL, NULL);
      return NULL;
    }

  return g_object_ref (request->file);
}

static void
save_done (OdInviteDialog *self,
           gpointer        result,
           const GError   *error)
{
  g_autoptr(GFile) file = result;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  self->busy_saving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invite.apply", TRUE);

  if (file == NULL)
    {
      /* Translators: %s is why the file could not be written */
      message = g_strdup_printf (_("Could not save the rejected rows: %s"), error != NULL ? error->message : "");
      show_review_message (self, message);
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("The rejected rows were saved to “%s”: fix them there and import the file again."), name);
  show_review_message (self, message);
}

void
od_invite_dialog_save_rejected (OdInviteDialog *self,
                                GFile          *file)
{
  SaveRequest *request;

  g_return_if_fail (OD_IS_INVITE_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->batch == NULL || self->busy_saving || g_strcmp0 (self->step, "review") != 0)
    return;

  request = g_new0 (SaveRequest, 1);
  request->batch = g_object_ref (self->batch);
  request->file = g_object_ref (file);
  self->busy_saving = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invite.apply", FALSE);

  run (self, save_func, request, (GDestroyNotify)save_request_free, g_object_unref, save_done);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
save_dialog_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OdInviteDialog) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    od_invite_dialog_save_rejected (self, file);
}
#else
static void
save_response_cb (GtkNativeDialog *native,
                  int              response,
                  OdInviteDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        od_invite_dialog_save_rejected (self, file);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}
#endif

static void
save_rejected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OdInviteDialog *self = OD_INVITE_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = csv_filter ();
  const char *name = _("rejected-invitations.csv");

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_title (dialog, _("Save Rejected Rows"));
    gtk_file_dialog_set_initial_name (dialog, name);
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, save_dialog_done_cb, g_object_ref (self));
  }
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (_("Save Rejected Rows"), GTK_WINDOW (self),
                                          GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    g_signal_connect_object (native, "response", G_CALLBACK (save_response_cb), self, 0);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

static void
add_seats_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OdInviteDialog *self = OD_INVITE_DIALOG (widget);

  g_signal_emit (self, signals[SIGNAL_ADD_SEATS], 0);
  gtk_window_close (GTK_WINDOW (self));
}

/* ---------------------------------------------------------------------------------------------
 * Review table cells
 */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gtk_list_item_set_child (item, od_cell_label_new (6));
}

static void
setup_place_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gtk_list_item_set_child (item, od_cell_label_new (7));
}

static void
setup_email_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gtk_list_item_set_child (item, od_cell_label_new (18));
}

static void
setup_outcome_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gtk_list_item_set_child (item, od_cell_label_new (12));
}

static void
setup_reason_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = od_cell_label_new (16);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (item, label);
}

static GtkLabel *
item_label (GtkListItem *item)
{
  return GTK_LABEL (gtk_list_item_get_child (item));
}

static void
bind_place_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  OdInviteReviewRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = item_label (item);

  gtk_label_set_text (label, od_invite_review_row_get_place (row));
  od_cell_set_row_label (GTK_WIDGET (label), od_invite_review_row_get_sentence (row));
}

static void
bind_email_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  OdInviteReviewRow *row = gtk_list_item_get_item (item);

  gtk_label_set_text (item_label (item), od_invite_review_row_get_email (row));
}

static void
bind_role_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  OdInviteReviewRow *row = gtk_list_item_get_item (item);

  gtk_label_set_text (item_label (item), od_invite_review_row_get_role (row));
}

static void
bind_outcome_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  OdInviteReviewRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = GTK_WIDGET (item_label (item));
  gboolean ok = od_invite_review_row_get_outcome (row) == OD_INVITE_OUTCOME_WILL_INVITE;

  gtk_label_set_text (GTK_LABEL (label), od_invite_review_row_get_outcome_label (row));
  if (ok)
    {
      gtk_widget_add_css_class (label, "success");
      gtk_widget_remove_css_class (label, "error");
    }
  else
    {
      gtk_widget_add_css_class (label, "error");
      gtk_widget_remove_css_class (label, "success");
    }
}

static void
bind_reason_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  OdInviteReviewRow *row = gtk_list_item_get_item (item);
  const char *reason = od_invite_review_row_get_reason (row);

  gtk_label_set_text (item_label (item), reason != NULL ? reason : "");
  od_cell_set_tooltip (GTK_WIDGET (item_label (item)), reason);
}

/* ---------------------------------------------------------------------------------------------
 * GObject
 */

static gboolean
od_invite_dialog_close_request (GtkWindow *window)
{
  OdInviteDialog *self = OD_INVITE_DIALOG (window);

  /* Closing stops the work: a cancelled apply rolls everything back */
  od_invite_dialog_cancel_work (self);
  if (self->file_cancellable != NULL)
    g_cancellable_cancel (self->file_cancellable);
  self->serial++;

  return GTK_WINDOW_CLASS (od_invite_dialog_parent_class)->close_request (window);
}

static void
od_invite_dialog_dispose (GObject *object)
{
  OdInviteDialog *self = (OdInviteDialog *)object;

  self->serial++;
  od_invite_dialog_cancel_work (self);
  if (self->file_cancellable != NULL)
    g_cancellable_cancel (self->file_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_INVITE_DIALOG);

  g_clear_object (&self->repository);
  g_clear_object (&self->actor);
  g_clear_object (&self->batch);
  g_clear_object (&self->review_rows);
  g_clear_object (&self->work_cancellable);
  g_clear_object (&self->file_cancellable);
  g_clear_pointer (&self->file_bytes, g_bytes_unref);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->person_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (od_invite_dialog_parent_class)->dispose (object);
}

static void
od_invite_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OdInviteDialog *self = OD_INVITE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_string (value, self->step);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_invite_dialog_class_init (OdInviteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = od_invite_dialog_dispose;
  object_class->get_property = od_invite_dialog_get_property;
  window_class->close_request = od_invite_dialog_close_request;

  properties[PROP_STEP] =
    g_param_spec_string ("step", NULL, NULL, "who",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_INVITED] =
    g_signal_new ("invited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SIGNAL_ADD_SEATS] =
    g_signal_new ("add-seats", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-invite-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, content_box);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, review_button);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, add_row_button);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, work_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, step_stack);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, people_group);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, paste_view);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, paste_placeholder);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, file_list);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, file_spinner);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, default_role_row);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, who_message);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, work_spinner);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, work_label);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, work_progress);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, counts_label);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, seats_label);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, review_message);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, add_seats_button);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, save_rejected_button);
  gtk_widget_class_bind_template_child (widget_class, OdInviteDialog, review_view);
  gtk_widget_class_bind_template_callback (widget_class, setup_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_place_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_email_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_outcome_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_reason_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_place_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_email_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_role_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_outcome_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_reason_cb);

  gtk_widget_class_install_action (widget_class, "invite.add-row", NULL, add_row_action);
  gtk_widget_class_install_action (widget_class, "invite.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "invite.clear-file", NULL, clear_file_action);
  gtk_widget_class_install_action (widget_class, "invite.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "invite.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "invite.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "invite.cancel-work", NULL, cancel_work_action);
  gtk_widget_class_install_action (widget_class, "invite.save-rejected", NULL, save_rejected_action);
  gtk_widget_class_install_action (widget_class, "invite.add-seats", NULL, add_seats_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
od_invite_dialog_init (OdInviteDialog *self)
{
  GtkDropTarget *drop;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_widget_init_template (GTK_WIDGET (self));
  od_widget_fit_large_text (GTK_WIDGET (self));
  od_widget_name_drop_down_buttons (GTK_WIDGET (self));

  self->person_rows = g_ptr_array_new ();
  self->step = g_intern_static_string ("who");

  od_button_set_accessible_name (self->cancel_button, NULL);
  od_button_set_accessible_name (self->back_button, NULL);
  od_button_set_accessible_name (self->review_button, NULL);
  od_button_set_accessible_name (self->work_cancel_button, NULL);
  od_button_set_accessible_name (self->add_seats_button, NULL);
  od_button_set_accessible_name (self->save_rejected_button, NULL);
  od_button_set_accessible_name (self->add_row_button, _("Add another person"));
  od_button_set_accessible_name (self->import_button, _("Import CSV"));

  g_signal_connect_object (gtk_text_view_get_buffer (self->paste_view), "changed",
                           G_CALLBACK (paste_changed_cb), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (self->content_box, GTK_EVENT_CONTROLLER (drop));
}

OdInviteDialog *
od_invite_dialog_new (GtkWindow    *parent,
                      OdRepository *repository,
                      OdMember     *actor)
{
  OdInviteDialog *self;
  g_autoptr(GListModel) roles = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (OD_IS_MEMBER (actor), NULL);

  self = g_object_new (OD_TYPE_INVITE_DIALOG,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->repository = g_object_ref (repository);
  self->actor = g_object_ref (actor);

  /* No wider or taller than the window it is for (a phone, a narrow window) */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   MIN (width, gtk_widget_get_width (GTK_WIDGET (parent))),
                                   MIN (height, gtk_widget_get_height (GTK_WIDGET (parent))));
    }

  roles = roles_model (self);
  adw_combo_row_set_model (self->default_role_row, roles);
  adw_combo_row_set_selected (self->default_role_row, OD_ROLE_WRITE - OD_ROLE_READ);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invite.apply", FALSE);
  add_person_row (self);
  gtk_widget_grab_focus (g_ptr_array_index (self->person_rows, 0));

  return self;
}

const char *
od_invite_dialog_get_step (OdInviteDialog *self)
{
  g_return_val_if_fail (OD_IS_INVITE_DIALOG (self), NULL);

  return self->step;
}

void
od_invite_dialog_set_pasted_text (OdInviteDialog *self,
                                  const char     *text)
{
  g_return_if_fail (OD_IS_INVITE_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->paste_view), text != NULL ? text : "", -1);
}

GListModel *
od_invite_dialog_get_review_rows (OdInviteDialog *self)
{
  g_return_val_if_fail (OD_IS_INVITE_DIALOG (self), NULL);

  return self->review_rows != NULL ? G_LIST_MODEL (self->review_rows) : NULL;
}

OdInviteBatch *
od_invite_dialog_get_batch (OdInviteDialog *self)
{
  g_return_val_if_fail (OD_IS_INVITE_DIALOG (self), NULL);

  return self->batch;
}
