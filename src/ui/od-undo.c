/* od-undo.c — a change that can be taken back from its toast or with Ctrl+Z
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page that has just made a destructive change (deleted a team, an update, a comment; took a
 * member out of a team) wraps the way back in an OdUndo and shows it with od_undo_show_toast().
 * The window remembers the last one, so that Ctrl+Z (win.undo) takes back the last change made
 * in this session even after its toast has gone. Undoing runs on the repository's worker; the
 * core may refuse (the member has joined again, …) and its message is shown in a toast.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-feed-util.h"
#include "od-member.h"
#include "od-undo.h"

#define LAST_UNDO_KEY "od-last-undo"

struct _OdUndo
{
  GObject           parent_instance;

  OdRepository     *repository;
  OdRepositoryFunc  func;
  gpointer          data;
  GDestroyNotify    data_free;

  GWeakRef          window;
  GWeakRef          toast;

  guint             used : 1;
};

G_DEFINE_FINAL_TYPE (OdUndo, od_undo, G_TYPE_OBJECT)

typedef struct
{
  OdMember *actor;
  gint64    journal_id;
} JournalUndo;

static void
journal_undo_free (JournalUndo *undo)
{
  g_clear_object (&undo->actor);
  g_free (undo);
}

static gpointer
journal_undo_func (OdRepository  *repository,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  JournalUndo *undo = data;

  if (od_repository_undo (repository, undo->actor, undo->journal_id, error) == 0)
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
od_undo_finalize (GObject *object)
{
  OdUndo *self = (OdUndo *)object;

  if (self->data_free != NULL && self->data != NULL)
    self->data_free (self->data);
  g_clear_object (&self->repository);
  g_weak_ref_clear (&self->window);
  g_weak_ref_clear (&self->toast);

  G_OBJECT_CLASS (od_undo_parent_class)->finalize (object);
}

static void
od_undo_class_init (OdUndoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = od_undo_finalize;
}

static void
od_undo_init (OdUndo *self)
{
  g_weak_ref_init (&self->window, NULL);
  g_weak_ref_init (&self->toast, NULL);
}

OdUndo *
od_undo_new (OdRepository     *repository,
             OdRepositoryFunc  func,
             gpointer          data,
             GDestroyNotify    data_free)
{
  OdUndo *self;

  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_object_new (OD_TYPE_UNDO, NULL);
  self->repository = g_object_ref (repository);
  self->func = func;
  self->data = data;
  self->data_free = data_free;

  return self;
}

OdUndo *
od_undo_new_for_journal (OdRepository *repository,
                         OdMember     *actor,
                         gint64        journal_id)
{
  JournalUndo *undo;

  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (OD_IS_MEMBER (actor), NULL);
  g_return_val_if_fail (journal_id > 0, NULL);

  undo = g_new0 (JournalUndo, 1);
  undo->actor = g_object_ref (actor);
  undo->journal_id = journal_id;

  return od_undo_new (repository, journal_undo_func, undo, (GDestroyNotify)journal_undo_free);
}

gboolean
od_undo_get_used (OdUndo *self)
{
  g_return_val_if_fail (OD_IS_UNDO (self), TRUE);

  return self->used;
}

static void
toast_button_clicked_cb (AdwToast *toast,
                         OdUndo   *self)
{
  g_autoptr(GtkWindow) window = g_weak_ref_get (&self->window);

  if (window != NULL)
    od_undo_run (self, GTK_WIDGET (window));
}

void
od_undo_show_toast (OdUndo     *self,
                    GtkWidget  *widget,
                    const char *title)
{
  g_autofree char *escaped = NULL;
  GtkWindow *window;
  AdwToast *toast;

  g_return_if_fail (OD_IS_UNDO (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);

  window = od_widget_get_window (widget);
  g_weak_ref_set (&self->window, window);
  if (window != NULL)
    g_object_set_data_full (G_OBJECT (window), LAST_UNDO_KEY,
                            g_object_ref (self), g_object_unref);

  /* An AdwToast's title is markup */
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  /* The toast keeps its change alive even when a newer one has become the window's last */
  g_object_set_data_full (G_OBJECT (toast), "od-undo", g_object_ref (self), g_object_unref);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (toast_button_clicked_cb), self);
  g_weak_ref_set (&self->toast, toast);

  od_widget_add_toast (widget, toast);
}

static gpointer
undo_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  OdUndo *self = data;

  return self->func (repository, self->data, cancellable, error);
}

static void
undo_done (GtkWidget    *widget,
           gpointer      result,
           const GError *error)
{
  if (result == NULL)
    od_widget_show_toast (widget, error != NULL ? error->message : _("The change could not be undone."));
}

void
od_undo_run (OdUndo    *self,
             GtkWidget *widget)
{
  g_autoptr(OdUndo) keep = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GtkWindow) window = NULL;

  g_return_if_fail (OD_IS_UNDO (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (self->used)
    return;
  keep = g_object_ref (self);
  self->used = TRUE;

  /* Pressing Ctrl+Z takes the toast away as well */
  if ((toast = g_weak_ref_get (&self->toast)) != NULL)
    adw_toast_dismiss (toast);

  if ((window = g_weak_ref_get (&self->window)) != NULL &&
      g_object_get_data (G_OBJECT (window), LAST_UNDO_KEY) == self)
    g_object_set_data (G_OBJECT (window), LAST_UNDO_KEY, NULL);

  od_widget_run (window != NULL ? GTK_WIDGET (window) : widget, self->repository, NULL,
                 undo_func, g_object_ref (self), g_object_unref, NULL, undo_done);
}

OdUndo *
od_undo_get_last (GtkWindow *window)
{
  OdUndo *undo;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  undo = g_object_get_data (G_OBJECT (window), LAST_UNDO_KEY);

  return undo != NULL && !undo->used ? undo : NULL;
}

/* Ctrl+Z: takes back the last change of this window; FALSE when there is none. */
gboolean
od_undo_run_last (GtkWindow *window)
{
  OdUndo *undo;

  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);

  if ((undo = od_undo_get_last (window)) == NULL)
    return FALSE;

  od_undo_run (undo, GTK_WIDGET (window));

  return TRUE;
}
