/* od-members-page.h — seat usage, the members table and the pending invitations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-page.h"

G_BEGIN_DECLS

#define OD_TYPE_MEMBERS_PAGE (od_members_page_get_type ())
G_DECLARE_FINAL_TYPE (OdMembersPage, od_members_page, OD, MEMBERS_PAGE, OdPage)

/* Properties: "view" string (read-only): "members" or "invitations", the view shown */

void        od_members_page_focus_search   (OdMembersPage  *self);
void        od_members_page_show_member    (OdMembersPage  *self,
                                            OdMember       *member);
const char *od_members_page_get_view       (OdMembersPage  *self);
void        od_members_page_show_view      (OdMembersPage  *self,
                                            const char     *view);
/* Opens the invite dialog (Admin and Owner only; NULL otherwise). After invitations are sent
 * the page shows its Pending Invitations view. */
GtkWidget  *od_members_page_invite         (OdMembersPage  *self);
/* Writes the members shown (search, filters, order) to file on the worker; a toast reports */
void        od_members_page_export_to_file (OdMembersPage  *self,
                                            GFile          *file,
                                            OdExportFormat  format);

G_END_DECLS
