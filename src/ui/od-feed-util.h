/* od-feed-util.h — helpers shared by the feed, teams and activity widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-repository.h"

G_BEGIN_DECLS

/* Called on the main thread with the result of func (transfer full, NULL on error), unless
 * cancellable was cancelled meanwhile (then the result is freed and nothing is called). */
typedef void (*OdWidgetResultFunc) (GtkWidget    *widget,
                                    gpointer      result,
                                    const GError *error);

void        od_widget_run             (GtkWidget          *widget,
                                       OdRepository       *repository,
                                       GCancellable       *cancellable,
                                       OdRepositoryFunc    func,
                                       gpointer            data,
                                       GDestroyNotify      data_free,
                                       GDestroyNotify      result_free,
                                       OdWidgetResultFunc  done);

void        od_widget_add_toast       (GtkWidget          *widget,
                                       AdwToast           *toast);
void        od_widget_show_toast      (GtkWidget          *widget,
                                       const char         *message);
GtkWindow  *od_widget_get_window      (GtkWidget          *widget);
void        od_button_use_accessible_label (GtkWidget     *button);

/* The id of the newest journal entry with this action by this member (0 when none): the entry
 * a change just wrote, to undo it. Call it on the worker right after the change. */
gint64      od_find_last_journal_entry (OdRepository      *repository,
                                        gint64             organization_id,
                                        const char        *action,
                                        gint64             actor_id);

char       *od_format_exact_time      (gint64              unix_time);
const char *od_reaction_get_name      (const char         *emoji);

G_END_DECLS
