/* od-paged-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Holds the row count and at most MAX_PAGES pages of PAGE_SIZE rows around what was asked for
 * last, never one object per row of the query. get_item() for a position outside the cached
 * pages loads its page with one query (the subclass's fetch, which may seek after the last row
 * of the page before). The repository's "changed" signal (for an area the subclass says matters)
 * makes the list count again: the rows it still holds at the top and at the bottom are compared
 * with the new ones, so items-changed covers only the positions in between.
 */
#define G_LOG_DOMAIN "OdPagedList"

#include "config.h"

#include "od-paged-list.h"

#define PAGE_SIZE 128
#define MAX_PAGES 16

typedef struct
{
  OdRepository *repository;
  gint64        organization_id;
  GType         item_type;
  guint         n_items;
  GHashTable   *pages;          /* page index → GPtrArray of items */
  GQueue        recent;         /* page indexes, most recent first */
} OdPagedListPrivate;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (OdPagedList, od_paged_list, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (OdPagedList)
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_ORGANIZATION_ID,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static GType
od_paged_list_get_item_type (GListModel *model)
{
  OdPagedListPrivate *priv = od_paged_list_get_instance_private (OD_PAGED_LIST (model));

  return priv->item_type;
}

static guint
od_paged_list_get_n_items (GListModel *model)
{
  OdPagedListPrivate *priv = od_paged_list_get_instance_private (OD_PAGED_LIST (model));

  return priv->n_items;
}

static void
touch_page (OdPagedListPrivate *priv,
            guint               page)
{
  GList *link = g_queue_find (&priv->recent, GUINT_TO_POINTER (page));

  if (link != NULL)
    g_queue_delete_link (&priv->recent, link);
  g_queue_push_head (&priv->recent, GUINT_TO_POINTER (page));

  while (g_queue_get_length (&priv->recent) > MAX_PAGES)
    g_hash_table_remove (priv->pages, g_queue_pop_tail (&priv->recent));
}

/* A page far below the pages held starts from the nearest one above it when the subclass can
 * seek (fetch_near): a jump down the list (a scrollbar drag, a fast scroll) then walks the rows
 * between the two pages, not every row from the top. */
static GPtrArray *
fetch_page (OdPagedList  *self,
            guint         page,
            GError      **error)
{
  OdPagedListPrivate *priv = od_paged_list_get_instance_private (self);
  OdPagedListClass *klass = OD_PAGED_LIST_GET_CLASS (self);
  GPtrArray *previous = page > 0 ? g_hash_table_lookup (priv->pages, GUINT_TO_POINTER (page - 1)) : NULL;
  gpointer after = previous && previous->len == PAGE_SIZE ? g_ptr_array_index (previous, PAGE_SIZE - 1) : NULL;
  GPtrArray *nearest = NULL;
  guint nearest_page = 0;

  if (klass->fetch_near == NULL)
    return klass->fetch (self, after, page * PAGE_SIZE, PAGE_SIZE, error);

  for (GList *l = priv->recent.head; l != NULL; l = l->next)
    {
      guint held = GPOINTER_TO_UINT (l->data);
      GPtrArray *rows = g_hash_table_lookup (priv->pages, l->data);

      if (held < page && rows->len == PAGE_SIZE && (nearest == NULL || held > nearest_page))
        {
          nearest = rows;
          nearest_page = held;
        }
    }
  if (nearest == NULL)
    return klass->fetch_near (self, NULL, page * PAGE_SIZE, page * PAGE_SIZE, PAGE_SIZE, error);

  return klass->fetch_near (self, g_ptr_array_index (nearest, PAGE_SIZE - 1),
                            (page - nearest_page - 1) * PAGE_SIZE, page * PAGE_SIZE, PAGE_SIZE, error);
}

static gpointer
od_paged_list_get_item (GListModel *model,
                        guint       position)
{
  OdPagedList *self = OD_PAGED_LIST (model);
  OdPagedListPrivate *priv = od_paged_list_get_instance_private (self);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= priv->n_items)
    return NULL;

  rows = g_hash_table_lookup (priv->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      g_autoptr(GError) error = NULL;

      rows = fetch_page (self, page, &error);
      if (rows == NULL)
        {
          g_warning ("Could not load rows %u–%u: %s", page * PAGE_SIZE,
                     page * PAGE_SIZE + PAGE_SIZE - 1, error->message);
          return NULL;
        }
      g_hash_table_insert (priv->pages, GUINT_TO_POINTER (page), rows);
    }
  touch_page (priv, page);

  if (position % PAGE_SIZE >= rows->len)
    return NULL; /* rows vanished under us; the "changed" signal will count again */

  return g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = od_paged_list_get_item_type;
  iface->get_n_items = od_paged_list_get_n_items;
  iface->get_item = od_paged_list_get_item;
}

/* Two snapshots of a row are the same when every readable property has the same value (an
 * object- or other boxed-valued property compares by identity, so it counts as changed) */
static gboolean
same_row (GObject *a,
          GObject *b)
{
  g_autofree GParamSpec **specs = NULL;
  guint n_specs;

  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;

  specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      if (!(specs[i]->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&va, specs[i]->value_type);
      g_value_init (&vb, specs[i]->value_type);
      g_object_get_property (a, specs[i]->name, &va);
      g_object_get_property (b, specs[i]->name, &vb);
      if (specs[i]->value_type == G_TYPE_STRV)
        {
          const char * const none[] = { NULL };
          const char * const *sa = g_value_get_boxed (&va);
          const char * const *sb = g_value_get_boxed (&vb);

          if (!g_strv_equal (sa ? sa : none, sb ? sb : none))
            return FALSE;
        }
      else if (g_param_values_cmp (specs[i], &va, &vb) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
od_paged_list_load (OdPagedList  *self,
                    GError      **error)
{
  OdPagedListPrivate *priv = od_paged_list_get_instance_private (self);

  g_return_val_if_fail (OD_IS_PAGED_LIST (self), FALSE);

  g_hash_table_remove_all (priv->pages);
  g_queue_clear (&priv->recent);
  return OD_PAGED_LIST_GET_CLASS (self)->count (self, &priv->n_items, error);
}

void
od_paged_list_reload (OdPagedList *self)
{
  OdPagedListPrivate *priv = od_paged_list_get_instance_private (self);
  g_autoptr(GHashTable) old_pages = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *old_first, *old_last = NULL;
  guint old_n = priv->n_items, new_n = 0;
  guint prefix = 0, suffix = 0;

  g_return_if_fail (OD_IS_PAGED_LIST (self));

  if (!OD_PAGED_LIST_GET_CLASS (self)->count (self, &new_n, &error))
    {
      g_warning ("Could not count the rows: %s", error->message);
      g_clear_error (&error);
      new_n = 0;
    }

  old_pages = g_steal_pointer (&priv->pages);
  priv->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_clear (&priv->recent);
  priv->n_items = new_n;

  /* The same rows at the top: the first page as it is now is needed anyway */
  old_first = g_hash_table_lookup (old_pages, GUINT_TO_POINTER (0));
  if (old_first != NULL && new_n > 0)
    {
      GPtrArray *new_first = fetch_page (self, 0, &error);

      if (new_first != NULL)
        {
          g_hash_table_insert (priv->pages, GUINT_TO_POINTER (0), new_first);
          touch_page (priv, 0);
          while (prefix < old_first->len && prefix < new_first->len &&
                 same_row (g_ptr_array_index (old_first, prefix), g_ptr_array_index (new_first, prefix)))
            prefix++;
        }
      g_clear_error (&error);
    }

  /* The same rows at the bottom, as far as the old last page tells */
  if (old_n > 0)
    old_last = g_hash_table_lookup (old_pages, GUINT_TO_POINTER ((old_n - 1) / PAGE_SIZE));
  if (old_last != NULL && old_last->len > 0 && MIN (old_n, new_n) > prefix)
    {
      guint room = MIN (MIN (old_n, new_n) - prefix, old_last->len);
      g_autoptr(GPtrArray) new_tail = OD_PAGED_LIST_GET_CLASS (self)->fetch (self, NULL, new_n - room,
                                                                              room, &error);

      while (new_tail != NULL && suffix < room && suffix < new_tail->len &&
             same_row (g_ptr_array_index (old_last, old_last->len - 1 - suffix),
                       g_ptr_array_index (new_tail, new_tail->len - 1 - suffix)))
        suffix++;
      /* A tail read short (rows vanished meanwhile) proves nothing */
      if (new_tail == NULL || new_tail->len != room)
        suffix = 0;
      g_clear_error (&error);
    }

  if (old_n - prefix - suffix > 0 || new_n - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix,
                                new_n - prefix - suffix);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
repository_changed_cb (OdPagedList  *self,
                       gint64        organization_id,
                       const char   *area,
                       OdRepository *repository)
{
  OdPagedListPrivate *priv = od_paged_list_get_instance_private (self);
  OdPagedListClass *klass = OD_PAGED_LIST_GET_CLASS (self);

  if (organization_id != priv->organization_id && organization_id != 0)
    return;
  if (klass->affects == NULL || klass->affects (self, area))
    od_paged_list_reload (self);
}

static void
od_paged_list_constructed (GObject *object)
{
  OdPagedList *self = OD_PAGED_LIST (object);
  OdPagedListPrivate *priv = od_paged_list_get_instance_private (self);

  G_OBJECT_CLASS (od_paged_list_parent_class)->constructed (object);

  g_assert (OD_IS_REPOSITORY (priv->repository));
  g_signal_connect_object (priv->repository, "changed", G_CALLBACK (repository_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
od_paged_list_finalize (GObject *object)
{
  OdPagedListPrivate *priv = od_paged_list_get_instance_private (OD_PAGED_LIST (object));

  g_clear_pointer (&priv->pages, g_hash_table_unref);
  g_queue_clear (&priv->recent);
  g_clear_object (&priv->repository);

  G_OBJECT_CLASS (od_paged_list_parent_class)->finalize (object);
}

static void
od_paged_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OdPagedListPrivate *priv = od_paged_list_get_instance_private (OD_PAGED_LIST (object));

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, priv->repository);
      break;
    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, priv->organization_id);
      break;
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, priv->item_type);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, priv->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_paged_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OdPagedListPrivate *priv = od_paged_list_get_instance_private (OD_PAGED_LIST (object));

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      priv->repository = g_value_dup_object (value);
      break;
    case PROP_ORGANIZATION_ID:
      priv->organization_id = g_value_get_int64 (value);
      break;
    case PROP_ITEM_TYPE:
      priv->item_type = g_value_get_gtype (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_paged_list_class_init (OdPagedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = od_paged_list_constructed;
  object_class->finalize = od_paged_list_finalize;
  object_class->get_property = od_paged_list_get_property;
  object_class->set_property = od_paged_list_set_property;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, OD_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_paged_list_init (OdPagedList *self)
{
  OdPagedListPrivate *priv = od_paged_list_get_instance_private (self);

  priv->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&priv->recent);
}

OdRepository *
od_paged_list_get_repository (OdPagedList *self)
{
  OdPagedListPrivate *priv = od_paged_list_get_instance_private (self);

  g_return_val_if_fail (OD_IS_PAGED_LIST (self), NULL);
  return priv->repository;
}

gint64
od_paged_list_get_organization_id (OdPagedList *self)
{
  OdPagedListPrivate *priv = od_paged_list_get_instance_private (self);

  g_return_val_if_fail (OD_IS_PAGED_LIST (self), 0);
  return priv->organization_id;
}
