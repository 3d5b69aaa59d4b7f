/* od-query-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "OdQueryList"

#include "config.h"

#include "od-query-list.h"

struct _OdQueryList
{
  OdPagedList          parent_instance;

  const char * const  *areas;
  OdQueryCountFunc     count;
  OdQueryFetchFunc     fetch;
  gpointer             query;
  GDestroyNotify       query_free;
};

G_DEFINE_FINAL_TYPE (OdQueryList, od_query_list, OD_TYPE_PAGED_LIST)

static gboolean
od_query_list_count (OdPagedList  *list,
                     guint        *n_rows,
                     GError      **error)
{
  OdQueryList *self = OD_QUERY_LIST (list);

  return self->count (od_paged_list_get_repository (list), od_paged_list_get_organization_id (list),
                      self->query, n_rows, error);
}

static GPtrArray *
od_query_list_fetch (OdPagedList  *list,
                     gpointer      after,
                     guint         offset,
                     guint         limit,
                     GError      **error)
{
  OdQueryList *self = OD_QUERY_LIST (list);
  g_autoptr(GListModel) rows = NULL;
  GPtrArray *page;
  guint n;

  rows = self->fetch (od_paged_list_get_repository (list), od_paged_list_get_organization_id (list),
                      self->query, after, offset, limit, error);
  if (rows == NULL)
    return NULL;

  n = g_list_model_get_n_items (rows);
  page = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (page, g_list_model_get_item (rows, i));
  return page;
}

static gboolean
od_query_list_affects (OdPagedList *list,
                       const char  *area)
{
  OdQueryList *self = OD_QUERY_LIST (list);

  return self->areas == NULL || g_strv_contains ((const char * const *) self->areas, area);
}

static void
od_query_list_finalize (GObject *object)
{
  OdQueryList *self = (OdQueryList *) object;

  if (self->query_free != NULL)
    g_clear_pointer (&self->query, self->query_free);

  G_OBJECT_CLASS (od_query_list_parent_class)->finalize (object);
}

static void
od_query_list_class_init (OdQueryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OdPagedListClass *list_class = OD_PAGED_LIST_CLASS (klass);

  object_class->finalize = od_query_list_finalize;

  list_class->count = od_query_list_count;
  list_class->fetch = od_query_list_fetch;
  list_class->affects = od_query_list_affects;
}

static void
od_query_list_init (OdQueryList *self)
{
}

GListModel *
_od_query_list_new (OdRepository        *repository,
                    gint64               organization_id,
                    GType                item_type,
                    const char * const  *areas,
                    OdQueryCountFunc     count,
                    OdQueryFetchFunc     fetch,
                    gpointer             query,
                    GDestroyNotify       query_free,
                    GError             **error)
{
  g_autoptr(OdQueryList) self = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (count != NULL && fetch != NULL, NULL);

  self = g_object_new (OD_TYPE_QUERY_LIST,
                       "repository", repository,
                       "organization-id", organization_id,
                       "item-type", item_type,
                       NULL);
  self->areas = areas;
  self->count = count;
  self->fetch = fetch;
  self->query = query;
  self->query_free = query_free;
  if (!od_paged_list_load (OD_PAGED_LIST (self), error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&self));
}
