/* od-comment.h — a comment on an update
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define OD_TYPE_COMMENT (od_comment_get_type ())
G_DECLARE_FINAL_TYPE (OdComment, od_comment, OD, COMMENT, GObject)

/* Read-only snapshot of a row: "id", "update-id", "author-id" (0 when the author left),
 * "author-name", "content", "created-at" */
gint64       od_comment_get_id          (OdComment *self);
gint64       od_comment_get_update_id   (OdComment *self);
gint64       od_comment_get_author_id   (OdComment *self);
const char  *od_comment_get_author_name (OdComment *self);
const char  *od_comment_get_content     (OdComment *self);
gint64       od_comment_get_created_at  (OdComment *self);

OdComment   *od_comment_new             (gint64      id,
                                         gint64      update_id,
                                         gint64      author_id,
                                         const char *author_name,
                                         const char *content,
                                         gint64      created_at);

#define OD_TYPE_REACTION (od_reaction_get_type ())
G_DECLARE_FINAL_TYPE (OdReaction, od_reaction, OD, REACTION, GObject)

/* One emoji on an update: "emoji", "count", "mine" (whether the asking member reacted so) */
const char  *od_reaction_get_emoji      (OdReaction *self);
guint        od_reaction_get_count      (OdReaction *self);
gboolean     od_reaction_get_mine       (OdReaction *self);

OdReaction  *od_reaction_new            (const char *emoji,
                                         guint       count,
                                         gboolean    mine);

/* The reactions Orgdesk offers, in order; NULL-terminated. */
const char * const *od_reaction_get_choices (void);

G_END_DECLS
