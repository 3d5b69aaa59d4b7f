/* od-provider.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-provider.h"

struct _OdProvider
{
  GObject   parent_instance;

  char     *id;
  char     *name;
  gboolean  enabled;
};

G_DEFINE_FINAL_TYPE (OdProvider, od_provider, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
od_provider_finalize (GObject *object)
{
  OdProvider *self = (OdProvider *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (od_provider_parent_class)->finalize (object);
}

static void
od_provider_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OdProvider *self = OD_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_provider_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  OdProvider *self = OD_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_ENABLED:
      od_provider_set_enabled (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_provider_class_init (OdProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_provider_finalize;
  object_class->get_property = od_provider_get_property;
  object_class->set_property = od_provider_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_provider_init (OdProvider *self)
{
  self->enabled = TRUE;
}

const char *
od_provider_get_id (OdProvider *self)
{
  g_return_val_if_fail (OD_IS_PROVIDER (self), NULL);

  return self->id;
}

const char *
od_provider_get_name (OdProvider *self)
{
  g_return_val_if_fail (OD_IS_PROVIDER (self), NULL);

  return self->name;
}

gboolean
od_provider_get_enabled (OdProvider *self)
{
  g_return_val_if_fail (OD_IS_PROVIDER (self), FALSE);

  return self->enabled;
}

void
od_provider_set_enabled (OdProvider *self,
                         gboolean    enabled)
{
  g_return_if_fail (OD_IS_PROVIDER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}
