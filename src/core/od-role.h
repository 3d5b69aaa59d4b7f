/* od-role.h — roles and the permission rules of SPEC §3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Least to most; the numeric order is the order of power. */
typedef enum
{
  OD_ROLE_NONE = 0,
  OD_ROLE_READ = 1,
  OD_ROLE_WRITE,
  OD_ROLE_ADMIN,
  OD_ROLE_OWNER,
} OdRole;

#define OD_TYPE_ROLE (od_role_get_type ())
GType        od_role_get_type          (void) G_GNUC_CONST;

/* Every capability the core checks before a change (SPEC §3 table). */
typedef enum
{
  OD_ACTION_VIEW = 1,              /* overview, members, teams, updates */
  OD_ACTION_REACT,
  OD_ACTION_POST_UPDATE,
  OD_ACTION_COMMENT,
  OD_ACTION_EDIT_OWN_POST,         /* edit or delete one's own post or comment */
  OD_ACTION_EDIT_ANY_POST,         /* edit or delete others' posts */
  OD_ACTION_MANAGE_TEAMS,          /* create, rename, delete teams */
  OD_ACTION_MANAGE_TEAM_MEMBERSHIP,
  OD_ACTION_INVITE,
  OD_ACTION_REMOVE_MEMBER,
  OD_ACTION_CHANGE_ROLE,           /* among Read, Write, Admin */
  OD_ACTION_MANAGE_BILLING,
  OD_ACTION_MANAGE_SETTINGS,
  OD_ACTION_MANAGE_OWNERS,         /* grant or remove Owner */
  OD_ACTION_DELETE_ORGANIZATION,
  OD_ACTION_LAST
} OdAction;

const char  *od_role_to_string         (OdRole        role);  /* "read", "write", … */
const char  *od_role_get_label         (OdRole        role);  /* translated "Read", … */
OdRole       od_role_from_string       (const char   *text);  /* case-insensitive; NONE if unknown */
const char  *od_action_get_label       (OdAction      action);

OdRole       od_action_minimum_role    (OdAction      action);
gboolean     od_role_can               (OdRole        role,
                                        OdAction      action);
gboolean     od_role_check             (OdRole        role,
                                        OdAction      action,
                                        GError      **error);
gboolean     od_role_check_change      (OdRole        actor_role,
                                        OdRole        old_role,
                                        OdRole        new_role,
                                        guint         n_owners,
                                        GError      **error);
gboolean     od_role_check_removal     (OdRole        actor_role,
                                        OdRole        target_role,
                                        gboolean      removing_self,
                                        guint         n_owners,
                                        GError      **error);

G_END_DECLS
