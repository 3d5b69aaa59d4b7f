/* od-member-picker.h — choose members of the organization to add to a team
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-repository.h"
#include "od-team.h"

G_BEGIN_DECLS

#define OD_TYPE_MEMBER_PICKER (od_member_picker_get_type ())
G_DECLARE_FINAL_TYPE (OdMemberPicker, od_member_picker, OD, MEMBER_PICKER, AdwWindow)

/* team_members: the OdMember items already in the team (may be NULL) */
OdMemberPicker *od_member_picker_new        (GtkWidget      *parent,
                                             OdRepository   *repository,
                                             OdMember       *actor,
                                             OdTeam         *team,
                                             GListModel     *team_members);
void            od_member_picker_set_search (OdMemberPicker *self,
                                             const char     *search);
/* The OdMember items offered for the current search (a lazy model) */
GListModel     *od_member_picker_get_model  (OdMemberPicker *self);
/* Adds the member at position of the model to the team */
void            od_member_picker_add        (OdMemberPicker *self,
                                             guint           position);
gboolean        od_member_picker_is_in_team (OdMemberPicker *self,
                                             gint64          member_id);

G_END_DECLS
