/* od-update.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-types.h"
#include "od-role.h"

G_BEGIN_DECLS

#define OD_TYPE_UPDATE (od_update_get_type ())
G_DECLARE_FINAL_TYPE (OdUpdate, od_update, OD, UPDATE, GObject)

/* Properties: "id" gint64, "organization-id" gint64, "team-id" gint64 (0 = organization-wide),
 *   "team-name" string (NULL when organization-wide), "author-id" gint64, "author-name" string,
 *   "title" string, "content" string, "tags" GStrv, "created-at" gint64,
 *   "edited-at" gint64 (0 = never edited), "n-comments" guint
 */
/* The longest text an update may have, in characters: longer is refused when posting or editing
 * (OD_VALIDATION_ERROR_TOO_LONG). Ample for an announcement, and one that a feed lays out at once. */
#define OD_UPDATE_MAX_CONTENT_LENGTH 65536

gint64              od_update_get_id              (OdUpdate *self);
gint64              od_update_get_organization_id (OdUpdate *self);
gint64              od_update_get_team_id         (OdUpdate *self);
const char         *od_update_get_team_name       (OdUpdate *self);
gint64              od_update_get_author_id       (OdUpdate *self);
const char         *od_update_get_author_name     (OdUpdate *self);
const char         *od_update_get_title           (OdUpdate *self);
const char         *od_update_get_content         (OdUpdate *self);
const char * const *od_update_get_tags            (OdUpdate *self);
gint64              od_update_get_created_at      (OdUpdate *self);
gint64              od_update_get_edited_at       (OdUpdate *self);
guint               od_update_get_n_comments      (OdUpdate *self);

G_END_DECLS
