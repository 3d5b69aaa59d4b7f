/* od-member-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The members of an organization as an OdPagedList: the query (search, role, team, order) is
 * SQL (_od_repository_count/fetch_members_query); in name or email order a page starts with an
 * index seek after the last member of the nearest page held above it, then skips the rows in
 * between (OdPagedList's fetch_near), instead of counting rows from the top. Changes to members (team
 * membership is announced as "members" too) make the list count again.
 */
#define G_LOG_DOMAIN "OdMemberList"

#include "config.h"

#include "od-member.h"
#include "od-member-list-private.h"

struct _OdMemberList
{
  OdPagedList   parent_instance;

  char         *search;
  OdRole        role;
  gint64        team_id;
  OdMemberSort  sort;
  gboolean      descending;
  GArray       *match_ids;    /* a broad search: the ids it matches, ascending; else NULL */
};

static guint broad_search_minimum = 1024;

void
_od_member_list_set_broad_search_minimum (guint n_matches)
{
  broad_search_minimum = n_matches;
}

G_DEFINE_FINAL_TYPE (OdMemberList, od_member_list, OD_TYPE_PAGED_LIST)

enum {
  PROP_0,
  PROP_SEARCH,
  PROP_ROLE,
  PROP_TEAM_ID,
  PROP_SORT,
  PROP_DESCENDING,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
fill_query (OdMemberList  *self,
            OdMemberQuery *query)
{
  *query = (OdMemberQuery) { self->search, self->role, self->team_id, self->sort, self->descending };
}

static gboolean
has_index_order (OdMemberList *self)
{
  return self->sort == OD_MEMBER_SORT_NAME || self->sort == OD_MEMBER_SORT_EMAIL;
}

/* A search alone in name or email order reads the ids it matches (their number is the count);
 * when there are many, pages are found by walking the index and keeping those ids
 * (_od_member_list_fetch_in) instead of sorting every match for each page. */
static gboolean
od_member_list_count (OdPagedList  *list,
                      guint        *n_rows,
                      GError      **error)
{
  OdMemberList *self = OD_MEMBER_LIST (list);
  GError *local_error = NULL;
  OdMemberQuery query;

  g_clear_pointer (&self->match_ids, g_array_unref);
  if (self->search != NULL && self->role == OD_ROLE_NONE && self->team_id == 0 && has_index_order (self))
    {
      g_autoptr(GArray) ids = NULL;

      if (!_od_member_list_match_ids (od_paged_list_get_repository (list),
                                      od_paged_list_get_organization_id (list),
                                      self->search, &ids, error))
        return FALSE;
      if (ids != NULL)
        {
          *n_rows = ids->len;
          if (ids->len > 0 && ids->len >= broad_search_minimum)
            self->match_ids = g_steal_pointer (&ids);
          return TRUE;
        }
    }

  fill_query (self, &query);
  *n_rows = _od_repository_count_members_query (od_paged_list_get_repository (list),
                                                od_paged_list_get_organization_id (list),
                                                &query, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
od_member_list_fetch_near (OdPagedList  *list,
                           gpointer      anchor,
                           guint         skip,
                           guint         offset,
                           guint         limit,
                           GError      **error)
{
  OdMemberList *self = OD_MEMBER_LIST (list);
  OdMemberQuery query;

  /* Name and email orders have an index to seek in; the others count rows from the top */
  if (!has_index_order (self))
    anchor = NULL;

  fill_query (self, &query);
  if (self->match_ids != NULL)
    {
      GPtrArray *rows = NULL;

      if (!_od_member_list_fetch_in (od_paged_list_get_repository (list),
                                     od_paged_list_get_organization_id (list), &query,
                                     self->match_ids, anchor, anchor ? skip : offset, limit,
                                     &rows, error))
        return NULL;
      if (rows != NULL)
        return rows;
      /* The matches are too far apart in the index: sort them, now and from now on */
      g_clear_pointer (&self->match_ids, g_array_unref);
    }

  return _od_repository_fetch_members_query (od_paged_list_get_repository (list),
                                             od_paged_list_get_organization_id (list),
                                             &query, anchor, anchor ? skip : offset, limit, error);
}

static GPtrArray *
od_member_list_fetch (OdPagedList  *list,
                      gpointer      after,
                      guint         offset,
                      guint         limit,
                      GError      **error)
{
  return od_member_list_fetch_near (list, after, 0, offset, limit, error);
}

static gboolean
od_member_list_affects (OdPagedList *list,
                        const char  *area)
{
  return g_str_equal (area, "members");
}

void
od_member_list_reload (OdMemberList *self)
{
  g_return_if_fail (OD_IS_MEMBER_LIST (self));

  od_paged_list_reload (OD_PAGED_LIST (self));
}

static void
od_member_list_finalize (GObject *object)
{
  OdMemberList *self = (OdMemberList *) object;

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->match_ids, g_array_unref);

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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_member_list_class_init (OdMemberListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OdPagedListClass *list_class = OD_PAGED_LIST_CLASS (klass);

  object_class->finalize = od_member_list_finalize;
  object_class->get_property = od_member_list_get_property;

  list_class->count = od_member_list_count;
  list_class->fetch = od_member_list_fetch;
  list_class->fetch_near = od_member_list_fetch_near;
  list_class->affects = od_member_list_affects;

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
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_member_list_init (OdMemberList *self)
{
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
  g_autoptr(OdMemberList) self = g_object_new (OD_TYPE_MEMBER_LIST,
                                               "repository", repository,
                                               "organization-id", organization_id,
                                               "item-type", OD_TYPE_MEMBER,
                                               NULL);

  self->search = query->search && *query->search ? g_strstrip (g_strdup (query->search)) : NULL;
  self->role = query->role;
  self->team_id = MAX (query->team_id, 0);
  self->sort = query->sort;
  self->descending = query->descending;
  if (!od_paged_list_load (OD_PAGED_LIST (self), error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&self));
}

gint64
od_member_list_get_organization_id (OdMemberList *self)
{
  g_return_val_if_fail (OD_IS_MEMBER_LIST (self), 0);
  return od_paged_list_get_organization_id (OD_PAGED_LIST (self));
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
