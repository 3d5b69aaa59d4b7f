/* od-feed-view.h — an updates feed, newest first, that loads more as it is scrolled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-repository.h"

G_BEGIN_DECLS

#define OD_FEED_VIEW_ALL_UPDATES ((gint64)-1)

#define OD_TYPE_FEED_VIEW (od_feed_view_get_type ())
G_DECLARE_FINAL_TYPE (OdFeedView, od_feed_view, OD, FEED_VIEW, AdwBin)

GtkWidget  *od_feed_view_new             (void);
/* Shows the updates of organization_id as actor sees them; starts again from the newest (and
 * returns TRUE) when that is not what it shows already. */
gboolean    od_feed_view_set_source      (OdFeedView   *self,
                                          OdRepository *repository,
                                          gint64        organization_id,
                                          OdMember     *actor);
/* OD_FEED_VIEW_ALL_UPDATES: every update; 0: organization-wide ones; > 0: one team's */
gint64      od_feed_view_get_team_id     (OdFeedView   *self);
void        od_feed_view_set_team_id     (OdFeedView   *self,
                                          gint64        team_id);
void        od_feed_view_set_empty_text  (OdFeedView   *self,
                                          const char   *title,
                                          const char   *description);

/* Reads the updates shown so far again (after a change), keeping what is open */
void        od_feed_view_refresh         (OdFeedView   *self);
void        od_feed_view_load_more       (OdFeedView   *self);

/* The OdUpdate items shown, newest first */
GListModel *od_feed_view_get_model       (OdFeedView   *self);
gboolean    od_feed_view_get_loading     (OdFeedView   *self);
gboolean    od_feed_view_get_has_more    (OdFeedView   *self);
GtkWidget  *od_feed_view_get_row         (OdFeedView   *self,
                                          guint         position);

G_END_DECLS
