/* od-member-list-private.h — what OdMemberList and the repository share for broad searches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-member-list.h"
#include "od-repository-private.h"

G_BEGIN_DECLS

/* The ids of the members a search finds, ascending (*ids NULL when the search is not a word
 * search through the FTS5 index, such as "" or "@"). Implemented in od-repository-members.c. */
gboolean _od_member_list_match_ids (OdRepository         *self,
                                    gint64                organization_id,
                                    const char           *search,
                                    GArray              **ids,
                                    GError              **error);
/* A page of the members whose id is in `ids` (ascending), in the query's order, which must be by
 * name or email: an index walk that starts after `after` (or at the top) and skips `skip`
 * matches. *rows stays NULL (and this returns TRUE) when the matches are too sparse among the
 * rows for the walk to be worth it; the caller then sorts the matches instead. */
gboolean _od_member_list_fetch_in  (OdRepository         *self,
                                    gint64                organization_id,
                                    const OdMemberQuery  *query,
                                    GArray               *ids,
                                    OdMember             *after,
                                    guint                 skip,
                                    guint                 limit,
                                    GPtrArray           **rows,
                                    GError              **error);
/* For tests: the fewest matches for which a search walks the index (default 1024) */
void     _od_member_list_set_broad_search_minimum (guint n_matches);

G_END_DECLS
