/* od-role.c — roles and the permission rules of SPEC §3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "od-error.h"
#include "od-role.h"

G_DEFINE_ENUM_TYPE (OdRole, od_role,
  G_DEFINE_ENUM_VALUE (OD_ROLE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (OD_ROLE_READ, "read"),
  G_DEFINE_ENUM_VALUE (OD_ROLE_WRITE, "write"),
  G_DEFINE_ENUM_VALUE (OD_ROLE_ADMIN, "admin"),
  G_DEFINE_ENUM_VALUE (OD_ROLE_OWNER, "owner"))

static const struct {
  OdAction    action;
  OdRole      minimum;
  const char *label;
} action_rules[] = {
  { OD_ACTION_VIEW,                   OD_ROLE_READ,  N_("view the organization") },
  { OD_ACTION_REACT,                  OD_ROLE_READ,  N_("react to updates") },
  { OD_ACTION_POST_UPDATE,            OD_ROLE_WRITE, N_("post updates") },
  { OD_ACTION_COMMENT,                OD_ROLE_WRITE, N_("comment on updates") },
  { OD_ACTION_EDIT_OWN_POST,          OD_ROLE_WRITE, N_("edit or delete your own posts") },
  { OD_ACTION_EDIT_ANY_POST,          OD_ROLE_ADMIN, N_("edit or delete other members’ posts") },
  { OD_ACTION_MANAGE_TEAMS,           OD_ROLE_ADMIN, N_("create or delete teams") },
  { OD_ACTION_MANAGE_TEAM_MEMBERSHIP, OD_ROLE_ADMIN, N_("change who is in a team") },
  { OD_ACTION_INVITE,                 OD_ROLE_ADMIN, N_("invite members") },
  { OD_ACTION_REMOVE_MEMBER,          OD_ROLE_ADMIN, N_("remove members") },
  { OD_ACTION_CHANGE_ROLE,            OD_ROLE_ADMIN, N_("change members’ roles") },
  { OD_ACTION_MANAGE_BILLING,         OD_ROLE_ADMIN, N_("manage billing") },
  { OD_ACTION_MANAGE_SETTINGS,        OD_ROLE_ADMIN, N_("change the organization’s settings") },
  { OD_ACTION_MANAGE_OWNERS,          OD_ROLE_OWNER, N_("grant or remove the Owner role") },
  { OD_ACTION_DELETE_ORGANIZATION,    OD_ROLE_OWNER, N_("delete the organization") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (action_rules) == OD_ACTION_LAST - 1);

const char *
od_role_to_string (OdRole role)
{
  switch (role)
    {
    case OD_ROLE_READ:  return "read";
    case OD_ROLE_WRITE: return "write";
    case OD_ROLE_ADMIN: return "admin";
    case OD_ROLE_OWNER: return "owner";
    case OD_ROLE_NONE:
    default:            return "none";
    }
}

const char *
od_role_get_label (OdRole role)
{
  switch (role)
    {
    case OD_ROLE_READ:  return _("Read");
    case OD_ROLE_WRITE: return _("Write");
    case OD_ROLE_ADMIN: return _("Admin");
    case OD_ROLE_OWNER: return _("Owner");
    case OD_ROLE_NONE:
    default:            return _("No role");
    }
}

OdRole
od_role_from_string (const char *text)
{
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return OD_ROLE_NONE;

  stripped = g_strstrip (g_strdup (text));

  for (OdRole role = OD_ROLE_READ; role <= OD_ROLE_OWNER; role++)
    if (g_ascii_strcasecmp (stripped, od_role_to_string (role)) == 0)
      return role;

  return OD_ROLE_NONE;
}

OdRole
od_action_minimum_role (OdAction action)
{
  g_return_val_if_fail (action > 0 && action < OD_ACTION_LAST, OD_ROLE_OWNER);

  return action_rules[action - 1].minimum;
}

const char *
od_action_get_label (OdAction action)
{
  g_return_val_if_fail (action > 0 && action < OD_ACTION_LAST, "");

  return _(action_rules[action - 1].label);
}

gboolean
od_role_can (OdRole   role,
             OdAction action)
{
  if (action <= 0 || action >= OD_ACTION_LAST)
    return FALSE;

  return role >= OD_ROLE_READ && role >= od_action_minimum_role (action);
}

gboolean
od_role_check (OdRole    role,
               OdAction  action,
               GError  **error)
{
  if (role < OD_ROLE_READ)
    {
      g_set_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_NOT_MEMBER,
                   _("Only members of the organization can %s."),
                   od_action_get_label (action));
      return FALSE;
    }

  if (!od_role_can (role, action))
    {
      OdRole minimum = od_action_minimum_role (action);

      /* Translators: e.g. "Only an Admin or Owner can invite members; your role is Write." */
      g_set_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED,
                   minimum == OD_ROLE_OWNER
                   ? _("Only an Owner can %s; your role is %s.")
                   : minimum == OD_ROLE_ADMIN
                   ? _("Only an Admin or Owner can %s; your role is %s.")
                   : _("Only members with the Write role or higher can %s; your role is %s."),
                   od_action_get_label (action), od_role_get_label (role));
      return FALSE;
    }

  return TRUE;
}

gboolean
od_role_check_change (OdRole    actor_role,
                      OdRole    old_role,
                      OdRole    new_role,
                      guint     n_owners,
                      GError  **error)
{
  if (new_role < OD_ROLE_READ || new_role > OD_ROLE_OWNER)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                   _("Unknown role. Use read, write, admin or owner."));
      return FALSE;
    }

  if (!od_role_check (actor_role, OD_ACTION_CHANGE_ROLE, error))
    return FALSE;

  if ((old_role == OD_ROLE_OWNER || new_role == OD_ROLE_OWNER) &&
      !od_role_check (actor_role, OD_ACTION_MANAGE_OWNERS, error))
    return FALSE;

  if (old_role == OD_ROLE_OWNER && new_role != OD_ROLE_OWNER && n_owners <= 1)
    {
      g_set_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_LAST_OWNER,
                   _("This is the organization’s only Owner. Make another member Owner first."));
      return FALSE;
    }

  return TRUE;
}

gboolean
od_role_check_removal (OdRole    actor_role,
                       OdRole    target_role,
                       gboolean  removing_self,
                       guint     n_owners,
                       GError  **error)
{
  if (!removing_self)
    {
      if (!od_role_check (actor_role, OD_ACTION_REMOVE_MEMBER, error))
        return FALSE;

      if (target_role == OD_ROLE_OWNER &&
          !od_role_check (actor_role, OD_ACTION_MANAGE_OWNERS, error))
        return FALSE;
    }
  else if (actor_role < OD_ROLE_READ)
    {
      return od_role_check (actor_role, OD_ACTION_VIEW, error);
    }

  if (target_role == OD_ROLE_OWNER && n_owners <= 1)
    {
      g_set_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_LAST_OWNER,
                   removing_self
                   ? _("You are the organization’s only Owner and cannot leave. Make another member Owner first.")
                   : _("This is the organization’s only Owner. Make another member Owner first."));
      return FALSE;
    }

  return TRUE;
}
