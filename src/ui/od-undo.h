/* od-undo.h — a change that can be taken back from its toast or with Ctrl+Z
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-repository.h"

G_BEGIN_DECLS

#define OD_TYPE_UNDO (od_undo_get_type ())
G_DECLARE_FINAL_TYPE (OdUndo, od_undo, OD, UNDO, GObject)

/* func runs on the repository's worker thread; it returns a non-NULL pointer that needs no
 * freeing (e.g. GINT_TO_POINTER (TRUE)) when it took the change back, else NULL and an error. */
OdUndo   *od_undo_new               (OdRepository     *repository,
                                     OdRepositoryFunc  func,
                                     gpointer          data,
                                     GDestroyNotify    data_free);
/* Undoes a journal entry with od_repository_undo() as actor */
OdUndo   *od_undo_new_for_journal   (OdRepository     *repository,
                                     OdMember         *actor,
                                     gint64            journal_id);

/* Shows title in a toast with an Undo button in widget's main window, and makes this the
 * window's last change (what Ctrl+Z takes back). */
void      od_undo_show_toast        (OdUndo           *self,
                                     GtkWidget        *widget,
                                     const char       *title);
/* Takes the change back (once); a refusal from the core is shown in a toast. */
void      od_undo_run               (OdUndo           *self,
                                     GtkWidget        *widget);
gboolean  od_undo_get_used          (OdUndo           *self);

/* The last change shown with od_undo_show_toast() in this window, if not yet undone */
OdUndo   *od_undo_get_last          (GtkWindow        *window);
gboolean  od_undo_run_last          (GtkWindow        *window);

G_END_DECLS
