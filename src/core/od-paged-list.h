/* od-paged-list.h — the base of the lazy list models: a row count and a few pages of rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "od-repository.h"

G_BEGIN_DECLS

#define OD_TYPE_PAGED_LIST (od_paged_list_get_type ())
G_DECLARE_DERIVABLE_TYPE (OdPagedList, od_paged_list, OD, PAGED_LIST, GObject)

struct _OdPagedListClass
{
  GObjectClass parent_class;

  /* The number of rows the query matches; FALSE with error set when it could not be read */
  gboolean   (*count)   (OdPagedList  *self,
                         guint        *n_rows,
                         GError      **error);
  /* Rows [offset, offset + limit) in list order, as a GPtrArray of objects of the item type
   * (fewer at the end). `after` is the row at offset - 1 when the list has it, for a keyset
   * seek; the implementation may ignore it and count offset rows instead. */
  GPtrArray *(*fetch)   (OdPagedList  *self,
                         gpointer      after,
                         guint         offset,
                         guint         limit,
                         GError      **error);
  /* Whether a repository change to `area` can change the rows (default: every area) */
  gboolean   (*affects) (OdPagedList  *self,
                         const char   *area);
  /* Optional, used instead of fetch when set: rows [offset, offset + limit), where `anchor` (when
   * not NULL) is the row at offset - skip - 1, the last row of the nearest page the list holds
   * above offset. An implementation that can seek (an index on the order) starts right after the
   * anchor and skips `skip` rows, instead of counting `offset` rows from the top. */
  GPtrArray *(*fetch_near) (OdPagedList  *self,
                            gpointer      anchor,
                            guint         skip,
                            guint         offset,
                            guint         limit,
                            GError      **error);

  gpointer padding[7];
};

/* Properties: "repository" (construct-only), "organization-id" gint64 (construct-only),
 * "item-type" GType (construct-only), "n-items" guint (read-only) */
OdRepository *od_paged_list_get_repository      (OdPagedList *self);
gint64        od_paged_list_get_organization_id (OdPagedList *self);

/* Reads the count (once, when the list is made: a subclass calls this when its query is set) */
gboolean      od_paged_list_load                (OdPagedList  *self,
                                                 GError      **error);
/* Counts again and compares what it can see of the old rows (the first page, the last one)
 * with the new ones; emits items-changed for the positions in between that may differ. */
void          od_paged_list_reload              (OdPagedList *self);

G_END_DECLS
