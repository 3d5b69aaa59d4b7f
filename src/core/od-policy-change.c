/* od-policy-change.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-policy-change.h"

G_DEFINE_ENUM_TYPE (OdPolicyChangeKind, od_policy_change_kind,
  G_DEFINE_ENUM_VALUE (OD_POLICY_CHANGE_REMOVED, "removed"),
  G_DEFINE_ENUM_VALUE (OD_POLICY_CHANGE_ADDED, "added"))

struct _OdPolicyChange
{
  GObject             parent_instance;

  OdPolicyChangeKind  kind;
  char               *path;
  char               *value;
};

G_DEFINE_FINAL_TYPE (OdPolicyChange, od_policy_change, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_PATH,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
od_policy_change_finalize (GObject *object)
{
  OdPolicyChange *self = (OdPolicyChange *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->value, g_free);

  G_OBJECT_CLASS (od_policy_change_parent_class)->finalize (object);
}

static void
od_policy_change_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OdPolicyChange *self = OD_POLICY_CHANGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_policy_change_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OdPolicyChange *self = OD_POLICY_CHANGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    case PROP_VALUE:
      self->value = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_policy_change_class_init (OdPolicyChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = od_policy_change_finalize;
  object_class->get_property = od_policy_change_get_property;
  object_class->set_property = od_policy_change_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, OD_TYPE_POLICY_CHANGE_KIND, OD_POLICY_CHANGE_ADDED, flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_policy_change_init (OdPolicyChange *self)
{
  self->kind = OD_POLICY_CHANGE_ADDED;
}

OdPolicyChange *
od_policy_change_new (OdPolicyChangeKind  kind,
                      const char         *path,
                      const char         *value)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  return g_object_new (OD_TYPE_POLICY_CHANGE, "kind", kind, "path", path, "value", value, NULL);
}

OdPolicyChangeKind
od_policy_change_get_kind (OdPolicyChange *self)
{
  g_return_val_if_fail (OD_IS_POLICY_CHANGE (self), OD_POLICY_CHANGE_ADDED);

  return self->kind;
}

const char *
od_policy_change_get_path (OdPolicyChange *self)
{
  g_return_val_if_fail (OD_IS_POLICY_CHANGE (self), NULL);

  return self->path;
}

const char *
od_policy_change_get_value (OdPolicyChange *self)
{
  g_return_val_if_fail (OD_IS_POLICY_CHANGE (self), NULL);

  return self->value;
}

char *
od_policy_change_to_string (OdPolicyChange *self)
{
  g_return_val_if_fail (OD_IS_POLICY_CHANGE (self), NULL);

  return g_strdup_printf ("%c %s: %s", self->kind == OD_POLICY_CHANGE_ADDED ? '+' : '-',
                          self->path, self->value);
}
