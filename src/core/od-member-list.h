/* od-member-list.h — a GListModel of OdMember that pages rows in from SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "od-paged-list.h"
#include "od-types.h"
#include "od-repository.h"

G_BEGIN_DECLS

#define OD_TYPE_MEMBER_LIST (od_member_list_get_type ())
G_DECLARE_FINAL_TYPE (OdMemberList, od_member_list, OD, MEMBER_LIST, OdPagedList)

/* Properties (read-only): "search" string, "role" OdRole (NONE: any), "team-id" gint64 (0: any),
 * "sort" guint (an OdMemberSort), "descending" gboolean; and OdPagedList's "organization-id",
 * "n-items" */
gint64       od_member_list_get_organization_id (OdMemberList *self);
const char  *od_member_list_get_search          (OdMemberList *self);
OdRole       od_member_list_get_role            (OdMemberList *self);
gint64       od_member_list_get_team_id         (OdMemberList *self);
OdMemberSort od_member_list_get_sort            (OdMemberList *self);
gboolean     od_member_list_get_descending      (OdMemberList *self);
/* Counts again; emits items-changed for the rows that may have changed (od_paged_list_reload) */
void         od_member_list_reload              (OdMemberList *self);

/* Every member the list shows ("Select All"), as its search and filters match them in the file
 * now, except the member ids in `excluded` (may be NULL): changes their role, or removes them,
 * with the rules and journal rows of od_repository_set_members_role() and
 * od_repository_remove_members(), all in one transaction. Nothing is changed when any of them is
 * refused, or when they are not `expected` in number (the list changed since the person was
 * asked). *n_changed: the members whose role changed, or who were removed. Blocks: call it on
 * the repository's worker (od_repository_run_async()). */
gboolean     od_member_list_set_role_all        (OdMemberList  *self,
                                                 OdMember      *actor,
                                                 GArray        *excluded,
                                                 guint          expected,
                                                 OdRole         role,
                                                 guint         *n_changed,
                                                 GError       **error);
gboolean     od_member_list_remove_all          (OdMemberList  *self,
                                                 OdMember      *actor,
                                                 GArray        *excluded,
                                                 guint          expected,
                                                 guint         *n_removed,
                                                 GError       **error);
/* The ids of the members the list shows, as its search and filters match them in the file now,
 * except `excluded` (may be NULL), in no particular order. Blocks, like the two above. */
GArray      *od_member_list_get_ids             (OdMemberList  *self,
                                                 GArray        *excluded,
                                                 GError       **error);

G_END_DECLS
