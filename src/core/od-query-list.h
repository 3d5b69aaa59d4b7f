/* od-query-list.h — an OdPagedList over one SQL query given as a count and a fetch function
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The journal, the pending invitations and the updates feeds are OdQueryLists made by the
 * repository (od_repository_list_*_paged()); the members list is its own OdPagedList because it
 * has properties of its own.
 */
#pragma once

#include "od-paged-list.h"

G_BEGIN_DECLS

/* Both run with the repository's lock free to take; `query` is the list's own copy */
typedef gboolean    (*OdQueryCountFunc) (OdRepository  *repository,
                                         gint64         organization_id,
                                         gconstpointer  query,
                                         guint         *n_rows,
                                         GError       **error);
/* Rows [offset, offset + limit) in list order; `after` is the row at offset - 1 when known */
typedef GListModel *(*OdQueryFetchFunc) (OdRepository  *repository,
                                         gint64         organization_id,
                                         gconstpointer  query,
                                         GObject       *after,
                                         guint          offset,
                                         guint          limit,
                                         GError       **error);

#define OD_TYPE_QUERY_LIST (od_query_list_get_type ())
G_DECLARE_FINAL_TYPE (OdQueryList, od_query_list, OD, QUERY_LIST, OdPagedList)

/* Takes `query` (freed with query_free). `areas`: the repository change areas that can change
 * the rows (static strings, NULL-terminated), or NULL for every area. Counts once. */
GListModel *_od_query_list_new (OdRepository        *repository,
                                gint64               organization_id,
                                GType                item_type,
                                const char * const  *areas,
                                OdQueryCountFunc     count,
                                OdQueryFetchFunc     fetch,
                                gpointer             query,
                                GDestroyNotify       query_free,
                                GError             **error);

G_END_DECLS
