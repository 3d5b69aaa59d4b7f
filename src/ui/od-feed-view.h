/* od-feed-view.h — an updates feed, newest first, as a list view over a lazy list
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

/* For a page whose content (a scrolled window's) ends with the feed: the feed's list becomes
 * that scrolled window's content, and what it showed before becomes the list's first item
 * (named `name` for screen readers), so that the list view does the scrolling. Call once,
 * after the page's template is built. */
void        od_feed_view_take_enclosing_scroller (OdFeedView *self,
                                                  const char *name);

/* Reads the rows shown again (after a change): the lazy list re-counts and reports the
 * positions that changed; the rows on screen read their reactions again */
void        od_feed_view_refresh         (OdFeedView   *self);

/* The OdUpdate items, newest first (the same model for the feed's whole life) */
GListModel *od_feed_view_get_model       (OdFeedView   *self);
gboolean    od_feed_view_get_loading     (OdFeedView   *self);
/* The OdUpdateRow showing the update at position, or NULL when it is not on screen */
GtkWidget  *od_feed_view_get_row         (OdFeedView   *self,
                                          guint         position);
/* How many row widgets exist (they are reused as the list scrolls) */
guint       od_feed_view_get_n_row_widgets (OdFeedView *self);

G_END_DECLS
