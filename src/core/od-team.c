/* od-team.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-team.h"

struct _OdTeam
{
  GObject parent_instance;

  gint64  id;
  gint64  organization_id;
  char   *name;
  char   *description;
  guint   n_members;
  gint64  created_at;
};

G_DEFINE_FINAL_TYPE (OdTeam, od_team, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ORGANIZATION_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_N_MEMBERS,
  PROP_CREATED_AT,
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
od_team_finalize (GObject *object)
{
  OdTeam *self = (OdTeam *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (od_team_parent_class)->finalize (object);
}

static void
od_team_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  OdTeam *self = OD_TEAM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_N_MEMBERS:
      g_value_set_uint (value, self->n_members);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_team_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  OdTeam *self = OD_TEAM (object);
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

    case PROP_NAME:
      changed = set_string (&self->name, string_or_empty (value));
      break;

    case PROP_DESCRIPTION:
      changed = set_string (&self->description, string_or_empty (value));
      break;

    case PROP_N_MEMBERS:
      changed = self->n_members != g_value_get_uint (value);
      self->n_members = g_value_get_uint (value);
      break;

    case PROP_CREATED_AT:
      changed = self->created_at != g_value_get_int64 (value);
      self->created_at = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
od_team_class_init (OdTeamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_team_finalize;
  object_class->get_property = od_team_get_property;
  object_class->set_property = od_team_set_property;

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

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_N_MEMBERS] =
    g_param_spec_uint ("n-members", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_team_init (OdTeam *self)
{

}

gint64
od_team_get_id (OdTeam *self)
{
  g_return_val_if_fail (OD_IS_TEAM (self), 0);

  return self->id;
}

gint64
od_team_get_organization_id (OdTeam *self)
{
  g_return_val_if_fail (OD_IS_TEAM (self), 0);

  return self->organization_id;
}

const char *
od_team_get_name (OdTeam *self)
{
  g_return_val_if_fail (OD_IS_TEAM (self), NULL);

  return self->name;
}

const char *
od_team_get_description (OdTeam *self)
{
  g_return_val_if_fail (OD_IS_TEAM (self), NULL);

  return self->description;
}

guint
od_team_get_n_members (OdTeam *self)
{
  g_return_val_if_fail (OD_IS_TEAM (self), 0);

  return self->n_members;
}

gint64
od_team_get_created_at (OdTeam *self)
{
  g_return_val_if_fail (OD_IS_TEAM (self), 0);

  return self->created_at;
}
