/* od-update-row.h — one update in a feed: text, tags, reactions, comments, edit and delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-repository.h"
#include "od-update.h"

G_BEGIN_DECLS

#define OD_TYPE_UPDATE_ROW (od_update_row_get_type ())
G_DECLARE_FINAL_TYPE (OdUpdateRow, od_update_row, OD, UPDATE_ROW, AdwBin)

GtkWidget  *od_update_row_new               (OdRepository *repository,
                                             OdMember     *actor);
/* The repository and acting member a reused row works with from now on */
void        od_update_row_set_source        (OdUpdateRow  *self,
                                             OdRepository *repository,
                                             OdMember     *actor);
OdUpdate   *od_update_row_get_update        (OdUpdateRow  *self);
/* Another update than the one shown starts the row afresh: comments folded and not loaded, no
 * draft, no reaction counts until the worker has read them (it is asked at once) */
void        od_update_row_set_update        (OdUpdateRow  *self,
                                             OdUpdate     *update);
/* Reads the update's reactions again on the worker (after another change to the organization) */
void        od_update_row_reload_reactions  (OdUpdateRow  *self);
/* "expanded": the comments are shown; "draft": the comment being written */
gboolean    od_update_row_get_expanded      (OdUpdateRow  *self);
void        od_update_row_set_expanded      (OdUpdateRow  *self,
                                             gboolean      expanded);
const char *od_update_row_get_draft         (OdUpdateRow  *self);
void        od_update_row_set_draft         (OdUpdateRow  *self,
                                             const char   *draft);
/* Which of the row's controls has the focus (NULL: none), to give it back to the row that
 * shows the same update after the list changed */
char       *od_update_row_save_focus        (OdUpdateRow  *self);
gboolean    od_update_row_restore_focus     (OdUpdateRow  *self,
                                             const char   *part);

/* For tests: the toggle button of a reaction (one of od_reaction_get_choices()) */
GtkWidget  *od_update_row_get_reaction_button (OdUpdateRow *self,
                                               const char  *emoji);
gboolean    od_update_row_can_edit          (OdUpdateRow  *self);

G_END_DECLS
