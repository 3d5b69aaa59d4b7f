/* od-member-list.h — a GListModel of OdMember that pages rows in from SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "od-types.h"

G_BEGIN_DECLS

#define OD_TYPE_MEMBER_LIST (od_member_list_get_type ())
G_DECLARE_FINAL_TYPE (OdMemberList, od_member_list, OD, MEMBER_LIST, GObject)

/* Properties: "organization-id" gint64, "search" string (read-only), "n-items" guint */
gint64       od_member_list_get_organization_id (OdMemberList *self);
const char  *od_member_list_get_search          (OdMemberList *self);
/* Drops the cached pages and re-counts; emits items-changed for the whole range. */
void         od_member_list_reload              (OdMemberList *self);

G_END_DECLS
