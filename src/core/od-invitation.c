/* od-invitation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-invitation.h"

G_DEFINE_ENUM_TYPE (OdInvitationState, od_invitation_state,
  G_DEFINE_ENUM_VALUE (OD_INVITATION_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (OD_INVITATION_ACCEPTED, "accepted"),
  G_DEFINE_ENUM_VALUE (OD_INVITATION_REVOKED, "revoked"),
  G_DEFINE_ENUM_VALUE (OD_INVITATION_EXPIRED, "expired"))

const char *
od_invitation_state_to_string (OdInvitationState state)
{
  switch (state)
    {
    case OD_INVITATION_PENDING:  return "pending";
    case OD_INVITATION_ACCEPTED: return "accepted";
    case OD_INVITATION_REVOKED:  return "revoked";
    case OD_INVITATION_EXPIRED:  return "expired";
    default:                     return NULL;
    }
}

struct _OdInvitation
{
  GObject           parent_instance;

  gint64            id;
  gint64            organization_id;
  char             *email;
  OdRole            role;
  gint64            invited_by_id;
  char             *invited_by_name;
  gint64            created_at;
  gint64            expires_at;
  guint             times_sent;
  OdInvitationState state;
  char             *code;
};

G_DEFINE_FINAL_TYPE (OdInvitation, od_invitation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ORGANIZATION_ID,
  PROP_EMAIL,
  PROP_ROLE,
  PROP_INVITED_BY_ID,
  PROP_INVITED_BY_NAME,
  PROP_CREATED_AT,
  PROP_EXPIRES_AT,
  PROP_TIMES_SENT,
  PROP_STATE,
  PROP_CODE,
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
od_invitation_finalize (GObject *object)
{
  OdInvitation *self = (OdInvitation *)object;

  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->invited_by_name, g_free);
  g_clear_pointer (&self->code, g_free);

  G_OBJECT_CLASS (od_invitation_parent_class)->finalize (object);
}

static void
od_invitation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OdInvitation *self = OD_INVITATION (object);

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

    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;

    case PROP_INVITED_BY_ID:
      g_value_set_int64 (value, self->invited_by_id);
      break;

    case PROP_INVITED_BY_NAME:
      g_value_set_string (value, self->invited_by_name);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_EXPIRES_AT:
      g_value_set_int64 (value, self->expires_at);
      break;

    case PROP_TIMES_SENT:
      g_value_set_uint (value, self->times_sent);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_invitation_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OdInvitation *self = OD_INVITATION (object);
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

    case PROP_ROLE:
      changed = self->role != (OdRole)g_value_get_enum (value);
      self->role = g_value_get_enum (value);
      break;

    case PROP_INVITED_BY_ID:
      changed = self->invited_by_id != g_value_get_int64 (value);
      self->invited_by_id = g_value_get_int64 (value);
      break;

    case PROP_INVITED_BY_NAME:
      changed = set_string (&self->invited_by_name, string_or_empty (value));
      break;

    case PROP_CREATED_AT:
      changed = self->created_at != g_value_get_int64 (value);
      self->created_at = g_value_get_int64 (value);
      break;

    case PROP_EXPIRES_AT:
      changed = self->expires_at != g_value_get_int64 (value);
      self->expires_at = g_value_get_int64 (value);
      break;

    case PROP_TIMES_SENT:
      changed = self->times_sent != g_value_get_uint (value);
      self->times_sent = g_value_get_uint (value);
      break;

    case PROP_STATE:
      changed = self->state != (OdInvitationState)g_value_get_enum (value);
      self->state = g_value_get_enum (value);
      break;

    case PROP_CODE:
      changed = set_string (&self->code, string_or_empty (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
od_invitation_class_init (OdInvitationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_invitation_finalize;
  object_class->get_property = od_invitation_get_property;
  object_class->set_property = od_invitation_set_property;

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

  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL,
                       OD_TYPE_ROLE,
                       OD_ROLE_READ,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_INVITED_BY_ID] =
    g_param_spec_int64 ("invited-by-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_INVITED_BY_NAME] =
    g_param_spec_string ("invited-by-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_EXPIRES_AT] =
    g_param_spec_int64 ("expires-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_TIMES_SENT] =
    g_param_spec_uint ("times-sent", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       OD_TYPE_INVITATION_STATE,
                       OD_INVITATION_PENDING,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_invitation_init (OdInvitation *self)
{
  self->role = OD_ROLE_READ;
  self->state = OD_INVITATION_PENDING;
}

gint64
od_invitation_get_id (OdInvitation *self)
{
  g_return_val_if_fail (OD_IS_INVITATION (self), 0);

  return self->id;
}

gint64
od_invitation_get_organization_id (OdInvitation *self)
{
  g_return_val_if_fail (OD_IS_INVITATION (self), 0);

  return self->organization_id;
}

const char *
od_invitation_get_email (OdInvitation *self)
{
  g_return_val_if_fail (OD_IS_INVITATION (self), NULL);

  return self->email;
}

OdRole
od_invitation_get_role (OdInvitation *self)
{
  g_return_val_if_fail (OD_IS_INVITATION (self), OD_ROLE_NONE);

  return self->role;
}

gint64
od_invitation_get_invited_by_id (OdInvitation *self)
{
  g_return_val_if_fail (OD_IS_INVITATION (self), 0);

  return self->invited_by_id;
}

const char *
od_invitation_get_invited_by_name (OdInvitation *self)
{
  g_return_val_if_fail (OD_IS_INVITATION (self), NULL);

  return self->invited_by_name;
}

gint64
od_invitation_get_created_at (OdInvitation *self)
{
  g_return_val_if_fail (OD_IS_INVITATION (self), 0);

  return self->created_at;
}

gint64
od_invitation_get_expires_at (OdInvitation *self)
{
  g_return_val_if_fail (OD_IS_INVITATION (self), 0);

  return self->expires_at;
}

guint
od_invitation_get_times_sent (OdInvitation *self)
{
  g_return_val_if_fail (OD_IS_INVITATION (self), 0);

  return self->times_sent;
}

OdInvitationState
od_invitation_get_state (OdInvitation *self)
{
  g_return_val_if_fail (OD_IS_INVITATION (self), 0);

  return self->state;
}

const char *
od_invitation_get_code (OdInvitation *self)
{
  g_return_val_if_fail (OD_IS_INVITATION (self), NULL);

  return self->code;
}
