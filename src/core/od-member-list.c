/* od-member-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Holds the row count and a few pages of OdMember objects around what was asked for last, never
 * one object per member of the organization. get_item() for a position outside the cached pages
 * loads that page with one query (an index walk over members_by_name, or the email key, when the
 * list is in one of those orders). The repository's "changed" signal makes the list re-count and
 * drop its pages.
 */
#define G_LOG_DOMAIN "OdMemberList"

#include "config.h"

#include "od-member.h"
#include "od-member-list.h"
#include "od-repository-private.h"

#define PAGE_SIZE 128
#define MAX_PAGES 16

struct _OdMemberList
{
  GObject       parent_instance;

  OdRepository *repository;
  gint64        organization_id;
  char         *search;
  OdRole        role;
  gint64        team_id;
  OdMemberSort  sort;
  gboolean      descending;
  guint         n_items;
  GHashTable   *pages;          /* page index → GPtrArray of OdMember */
  GQueue        recent;         /* page indexes, most recent first */
};

enum {
  PROP_0,
  PROP_ORGANIZATION_ID,
  PROP_SEARCH,
  PROP_ROLE,
  PROP_TEAM_ID,
  PROP_SORT,
  PROP_DESCENDING,
  PROP_N_ITEMS,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
fill_query (OdMemberList  *self,
            OdMemberQuery *query)
{
  *query = (OdMemberQuery) { self->search, self->role, self->team_id, self->sort, self->descending };
}

static GType
od_member_list_get_item_type (GListModel *model)
{
  return OD_TYPE_MEMBER;
}

static guint
od_member_list_get_n_items (GListModel *model)
{
  return OD_MEMBER_LIST (model)->n_items;
}

static void
touch_page (OdMemberList *self,
            guint         page)
{
  GList *link = g_queue_find (&self->recent, GUINT_TO_POINTER (page));

  if (link != NULL)
    g_queue_unlink (&self->recent, link), g_list_free (link);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));

  while (g_queue_get_length (&self->recent) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));
}

static gpointer
od_member_list_get_item (GListModel *model,
                         guint       position)
{
  OdMemberList *self = OD_MEMBER_LIST (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *previous = page > 0 ? g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page - 1)) : NULL;
      OdMember *after = previous && previous->len == PAGE_SIZE ? g_ptr_array_index (previous, PAGE_SIZE - 1) : NULL;

      OdMemberQuery query;

      fill_query (self, &query);
      rows = _od_repository_fetch_members_query (self->repository, self->organization_id, &query,
                                                 after, page * PAGE_SIZE, PAGE_SIZE, &error);
      if (rows == NULL)
        {
          g_warning ("Could not load members %u–%u: %s", page * PAGE_SIZE,
                     page * PAGE_SIZE + PAGE_SIZE - 1, error->message);
          return NULL;
        }
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
    }
  touch_page (self, page);

  if (position % PAGE_SIZE >= rows->len)
    return NULL; /* rows vanished under us; the "changed" signal will re-count */

  return g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = od_member_list_get_item_type;
  iface->get_n_items = od_member_list_get_n_items;
  iface->get_item = od_member_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (OdMemberList, od_member_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

void
od_member_list_reload (OdMemberList *self)
{
  g_autoptr(GError) error = NULL;
  OdMemberQuery query;
  guint old_n, new_n;

  g_return_if_fail (OD_IS_MEMBER_LIST (self));

  fill_query (self, &query);
  old_n = self->n_items;
  new_n = _od_repository_count_members_query (self->repository, self->organization_id, &query, &error);
  if (error != NULL)
    {
      g_warning ("Could not count members: %s", error->message);
      new_n = 0;
    }

  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
  self->n_items = new_n;

  if (old_n > 0 || new_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
repository_changed_cb (OdMemberList *self,
                       gint64        organization_id,
                       const char   *area,
                       OdRepository *repository)
{
  if (organization_id != self->organization_id && organization_id != 0)
    return;
  /* Changes to team membership are announced as "members" too. */
  if (g_str_equal (area, "members"))
    od_member_list_reload (self);
}

static void
od_member_list_finalize (GObject *object)
{
  OdMemberList *self = (OdMemberList *) object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->recent);
  g_clear_pointer (&self->search, g_free);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (od_member_list_parent_class)->finalize (object);
}

static void
od_member_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OdMemberList *self = OD_MEMBER_LIST (object);

  switch (prop_id)
    {
    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    case PROP_TEAM_ID:
      g_value_set_int64 (value, self->team_id);
      break;
    case PROP_SORT:
      g_value_set_uint (value, self->sort);
      break;
    case PROP_DESCENDING:
      g_value_set_boolean (value, self->descending);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_member_list_class_init (OdMemberListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_member_list_finalize;
  object_class->get_property = od_member_list_get_property;

  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, OD_TYPE_ROLE, OD_ROLE_NONE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEAM_ID] =
    g_param_spec_int64 ("team-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_uint ("sort", NULL, NULL, OD_MEMBER_SORT_NAME, OD_MEMBER_SORT_LAST_ACTIVE,
                       OD_MEMBER_SORT_NAME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCENDING] =
    g_param_spec_boolean ("descending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_member_list_init (OdMemberList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent);
}

GListModel *
_od_member_list_new (OdRepository  *repository,
                     gint64         organization_id,
                     const char    *search,
                     GError       **error)
{
  OdMemberQuery query = { search, OD_ROLE_NONE, 0, OD_MEMBER_SORT_NAME, FALSE };

  return _od_member_list_new_query (repository, organization_id, &query, error);
}

GListModel *
_od_member_list_new_query (OdRepository         *repository,
                           gint64                organization_id,
                           const OdMemberQuery  *query,
                           GError              **error)
{
  g_autoptr(OdMemberList) self = g_object_new (OD_TYPE_MEMBER_LIST, NULL);
  GError *local_error = NULL;
  OdMemberQuery own;

  self->repository = g_object_ref (repository);
  self->organization_id = organization_id;
  self->search = query->search && *query->search ? g_strstrip (g_strdup (query->search)) : NULL;
  self->role = query->role;
  self->team_id = MAX (query->team_id, 0);
  self->sort = query->sort;
  self->descending = query->descending;
  fill_query (self, &own);
  self->n_items = _od_repository_count_members_query (repository, organization_id, &own, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  g_signal_connect_object (repository, "changed", G_CALLBACK (repository_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return G_LIST_MODEL (g_steal_pointer (&self));
}

gint64
od_member_list_get_organization_id (OdMemberList *self)
{
  g_return_val_if_fail (OD_IS_MEMBER_LIST (self), 0);
  return self->organization_id;
}

const char *
od_member_list_get_search (OdMemberList *self)
{
  g_return_val_if_fail (OD_IS_MEMBER_LIST (self), NULL);
  return self->search;
}

OdRole
od_member_list_get_role (OdMemberList *self)
{
  g_return_val_if_fail (OD_IS_MEMBER_LIST (self), OD_ROLE_NONE);
  return self->role;
}

gint64
od_member_list_get_team_id (OdMemberList *self)
{
  g_return_val_if_fail (OD_IS_MEMBER_LIST (self), 0);
  return self->team_id;
}

OdMemberSort
od_member_list_get_sort (OdMemberList *self)
{
  g_return_val_if_fail (OD_IS_MEMBER_LIST (self), OD_MEMBER_SORT_NAME);
  return self->sort;
}

gboolean
od_member_list_get_descending (OdMemberList *self)
{
  g_return_val_if_fail (OD_IS_MEMBER_LIST (self), FALSE);
  return self->descending;
}
