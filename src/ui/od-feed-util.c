/* od-feed-util.c — helpers shared by the feed, teams and activity widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-feed-util.h"
#include "od-journal-entry.h"
#include "od-window.h"

typedef struct
{
  GtkWidget          *widget;
  GCancellable       *cancellable;
  GDestroyNotify      result_free;
  OdWidgetResultFunc  done;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->widget);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static void
od_widget_run_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RunData *data = user_data;
  g_autoptr(GError) error = NULL;
  gpointer value;

  value = od_repository_run_finish (OD_REPOSITORY (object), result, &error);

  if ((data->cancellable != NULL && g_cancellable_is_cancelled (data->cancellable)) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (value != NULL && data->result_free != NULL)
        data->result_free (value);
    }
  else
    {
      data->done (data->widget, value, error);
    }

  run_data_free (data);
}

/* Runs func on the repository's worker thread and hands its result to done on the main thread;
 * the widget is kept alive meanwhile. */
void
od_widget_run (GtkWidget          *widget,
               OdRepository       *repository,
               GCancellable       *cancellable,
               OdRepositoryFunc    func,
               gpointer            data,
               GDestroyNotify      data_free,
               GDestroyNotify      result_free,
               OdWidgetResultFunc  done)
{
  RunData *run;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (func != NULL);
  g_return_if_fail (done != NULL);

  if (repository == NULL)
    {
      if (data != NULL && data_free != NULL)
        data_free (data);
      return;
    }

  run = g_new0 (RunData, 1);
  run->widget = g_object_ref (widget);
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  run->result_free = result_free;
  run->done = done;

  od_repository_run_async (repository, func, data, data_free, result_free,
                           cancellable, od_widget_run_cb, run);
}

/* The main window a widget belongs to, following a dialog to the window it is for. */
GtkWindow *
od_widget_get_window (GtkWidget *widget)
{
  GtkRoot *root;
  GtkWindow *window;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return NULL;

  window = GTK_WINDOW (root);
  while (!OD_IS_WINDOW (window) && gtk_window_get_transient_for (window) != NULL)
    window = gtk_window_get_transient_for (window);

  return window;
}

/* GTK 4.8 reads a text button's accessible label and then the label it is labelled by
 * ("_Post Post"): the .ui or the code names the button, so drop the relation. Call it again after
 * gtk_button_set_label(). */
void
od_button_use_accessible_label (GtkWidget *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* Shows the toast in the main window's toast overlay (the pages have none of their own). */
void
od_widget_add_toast (GtkWidget *widget,
                     AdwToast  *toast)
{
  g_autoptr(AdwToast) owned = toast;
  GtkWindow *window;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  window = od_widget_get_window (widget);

  if (OD_IS_WINDOW (window))
    od_window_add_toast (OD_WINDOW (window), g_steal_pointer (&owned));
  else
    g_debug ("No window to show a toast in: %s", adw_toast_get_title (toast));
}

/* A plain toast: a message the person reads once, e.g. why the core refused a change. */
void
od_widget_show_toast (GtkWidget  *widget,
                      const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message != NULL ? message : "", -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  od_widget_add_toast (widget, toast);
}

gint64
od_find_last_journal_entry (OdRepository *repository,
                            gint64        organization_id,
                            const char   *action,
                            gint64        actor_id)
{
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(OdJournalEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (repository), 0);
  g_return_val_if_fail (action != NULL, 0);

  entries = od_repository_search_journal (repository, organization_id, NULL, action, actor_id,
                                          0, 1, &error);
  if (entries == NULL)
    {
      g_warning ("Could not find the journal entry of %s: %s", action, error->message);
      return 0;
    }

  if (g_list_model_get_n_items (entries) == 0)
    return 0;

  entry = g_list_model_get_item (entries, 0);

  /* search_journal matches the kind as a prefix: make sure it is this very action */
  if (g_strcmp0 (od_journal_entry_get_action (entry), action) != 0)
    return 0;

  return od_journal_entry_get_id (entry);
}

/* The full local date and time, for tooltips and accessible descriptions */
char *
od_format_exact_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time <= 0)
    return g_strdup ("");

  dt = g_date_time_new_from_unix_local (unix_time);
  if (dt == NULL)
    return g_strdup ("");

  /* Translators: a full date and time, see g_date_time_format(); e.g. “Tuesday, March 5, 2024, 14:05” */
  return g_date_time_format (dt, _("%A, %B %-e, %Y, %H:%M"));
}

static const struct {
  const char *emoji;
  const char *name;
} reaction_names[] = {
  { "👍", N_("Thumbs up") },
  { "🎉", N_("Celebrate") },
  { "❤️", N_("Heart") },
  { "😄", N_("Smile") },
  { "👀", N_("Eyes") },
  { "🚀", N_("Rocket") },
};

/* A reaction's name for screen readers and tooltips; the emoji itself when it is not known */
const char *
od_reaction_get_name (const char *emoji)
{
  g_return_val_if_fail (emoji != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (reaction_names); i++)
    {
      if (g_str_equal (reaction_names[i].emoji, emoji))
        return _(reaction_names[i].name);
    }

  return emoji;
}
