/* od-post-dialog.h — post an update, or edit one's title and text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-repository.h"
#include "od-update.h"

G_BEGIN_DECLS

#define OD_TYPE_POST_DIALOG (od_post_dialog_get_type ())
G_DECLARE_FINAL_TYPE (OdPostDialog, od_post_dialog, OD, POST_DIALOG, AdwWindow)

/* teams: OdTeam items offered under "Post to" besides the whole organization (may be NULL);
 * team_id: the one chosen at first (0: the whole organization). */
OdPostDialog *od_post_dialog_new          (GtkWidget    *parent,
                                           OdRepository *repository,
                                           OdMember     *actor,
                                           GListModel   *teams,
                                           gint64        team_id);
/* Edits the title and text of update; its tags and team stay as they are. */
OdPostDialog *od_post_dialog_new_for_edit (GtkWidget    *parent,
                                           OdRepository *repository,
                                           OdMember     *actor,
                                           OdUpdate     *update);

void          od_post_dialog_set_title_text   (OdPostDialog *self,
                                               const char   *title);
void          od_post_dialog_set_content_text (OdPostDialog *self,
                                               const char   *content);
void          od_post_dialog_set_tags_text    (OdPostDialog *self,
                                               const char   *tags);
gint64        od_post_dialog_get_team_id      (OdPostDialog *self);
void          od_post_dialog_submit           (OdPostDialog *self);

G_END_DECLS
