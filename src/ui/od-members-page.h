/* od-members-page.h — seat usage and the members table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-page.h"

G_BEGIN_DECLS

#define OD_TYPE_MEMBERS_PAGE (od_members_page_get_type ())
G_DECLARE_FINAL_TYPE (OdMembersPage, od_members_page, OD, MEMBERS_PAGE, OdPage)

void od_members_page_focus_search (OdMembersPage *self);

G_END_DECLS
