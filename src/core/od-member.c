/* od-member.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-member.h"

struct _OdMember
{
  GObject parent_instance;

  gint64  id;
  gint64  organization_id;
  char   *email;
  char   *name;
  OdRole  role;
  gint64  joined_at;
  gint64  last_active_at;
  char   *teams;
  guint   n_teams;
};

G_DEFINE_FINAL_TYPE (OdMember, od_member, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ORGANIZATION_ID,
  PROP_EMAIL,
  PROP_NAME,
  PROP_ROLE,
  PROP_JOINED_AT,
  PROP_LAST_ACTIVE_AT,
  PROP_TEAMS,
  PROP_N_TEAMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static const char *
string_or_empty (const GValue *value)
{
  const char *str = g_value_get_string (value);

  return str != NULL ? str : "";
}

static void
od_member_finalize (GObject *object)
{
  OdMember *self = (OdMember *)object;

  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->teams, g_free);

  G_OBJECT_CLASS (od_member_parent_class)->finalize (object);
}

static void
od_member_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  OdMember *self = OD_MEMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;

    case PROP_JOINED_AT:
      g_value_set_int64 (value, self->joined_at);
      break;

    case PROP_LAST_ACTIVE_AT:
      g_value_set_int64 (value, self->last_active_at);
      break;

    case PROP_TEAMS:
      g_value_set_string (value, self->teams);
      break;

    case PROP_N_TEAMS:
      g_value_set_uint (value, self->n_teams);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_member_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  OdMember *self = OD_MEMBER (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_ID:
      changed = self->id != g_value_get_int64 (value);
      self->id = g_value_get_int64 (value);
      break;

    case PROP_ORGANIZATION_ID:
      changed = self->organization_id != g_value_get_int64 (value);
      self->organization_id = g_value_get_int64 (value);
      break;

    case PROP_EMAIL:
      changed = set_string (&self->email, string_or_empty (value));
      break;

    case PROP_NAME:
      changed = set_string (&self->name, string_or_empty (value));
      break;

    case PROP_ROLE:
      changed = self->role != (OdRole)g_value_get_enum (value);
      self->role = g_value_get_enum (value);
      break;

    case PROP_JOINED_AT:
      changed = self->joined_at != g_value_get_int64 (value);
      self->joined_at = g_value_get_int64 (value);
      break;

    case PROP_LAST_ACTIVE_AT:
      changed = self->last_active_at != g_value_get_int64 (value);
      self->last_active_at = g_value_get_int64 (value);
      break;

    case PROP_TEAMS:
      changed = set_string (&self->teams, string_or_empty (value));
      break;

    case PROP_N_TEAMS:
      changed = self->n_teams != g_value_get_uint (value);
      self->n_teams = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
od_member_class_init (OdMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_member_finalize;
  object_class->get_property = od_member_get_property;
  object_class->set_property = od_member_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL,
                       OD_TYPE_ROLE,
                       OD_ROLE_READ,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_JOINED_AT] =
    g_param_spec_int64 ("joined-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_ACTIVE_AT] =
    g_param_spec_int64 ("last-active-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_TEAMS] =
    g_param_spec_string ("teams", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_N_TEAMS] =
    g_param_spec_uint ("n-teams", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_member_init (OdMember *self)
{
  self->role = OD_ROLE_READ;
  self->teams = g_strdup ("");
}

gint64
od_member_get_id (OdMember *self)
{
  g_return_val_if_fail (OD_IS_MEMBER (self), 0);

  return self->id;
}

gint64
od_member_get_organization_id (OdMember *self)
{
  g_return_val_if_fail (OD_IS_MEMBER (self), 0);

  return self->organization_id;
}

const char *
od_member_get_email (OdMember *self)
{
  g_return_val_if_fail (OD_IS_MEMBER (self), NULL);

  return self->email;
}

const char *
od_member_get_name (OdMember *self)
{
  g_return_val_if_fail (OD_IS_MEMBER (self), NULL);

  return self->name;
}

OdRole
od_member_get_role (OdMember *self)
{
  g_return_val_if_fail (OD_IS_MEMBER (self), OD_ROLE_NONE);

  return self->role;
}

gint64
od_member_get_joined_at (OdMember *self)
{
  g_return_val_if_fail (OD_IS_MEMBER (self), 0);

  return self->joined_at;
}

gint64
od_member_get_last_active_at (OdMember *self)
{
  g_return_val_if_fail (OD_IS_MEMBER (self), 0);

  return self->last_active_at;
}

const char *
od_member_get_teams (OdMember *self)
{
  g_return_val_if_fail (OD_IS_MEMBER (self), NULL);

  return self->teams;
}

guint
od_member_get_n_teams (OdMember *self)
{
  g_return_val_if_fail (OD_IS_MEMBER (self), 0);

  return self->n_teams;
}
