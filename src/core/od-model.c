/* od-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-model.h"
#include "od-settings-private.h"

struct _OdModel
{
  GObject       parent_instance;

  char         *id;
  char         *provider;
  char         *name;
  char         *description;
  OdModelBadge  badge;
  gboolean      checked;
  gboolean      allowed;
};

G_DEFINE_FINAL_TYPE (OdModel, od_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PROVIDER,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_BADGE,
  PROP_CHECKED,
  PROP_ALLOWED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
od_model_finalize (GObject *object)
{
  OdModel *self = (OdModel *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->provider, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (od_model_parent_class)->finalize (object);
}

static void
od_model_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  OdModel *self = OD_MODEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_PROVIDER:
      g_value_set_string (value, self->provider);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_BADGE:
      g_value_set_enum (value, self->badge);
      break;

    case PROP_CHECKED:
      g_value_set_boolean (value, self->checked);
      break;

    case PROP_ALLOWED:
      g_value_set_boolean (value, self->allowed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_model_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  OdModel *self = OD_MODEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_PROVIDER:
      self->provider = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_DESCRIPTION:
      self->description = g_value_dup_string (value);
      break;

    case PROP_BADGE:
      self->badge = g_value_get_enum (value);
      break;

    case PROP_CHECKED:
      od_model_set_checked (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_model_class_init (OdModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_model_finalize;
  object_class->get_property = od_model_get_property;
  object_class->set_property = od_model_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROVIDER] =
    g_param_spec_string ("provider", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BADGE] =
    g_param_spec_enum ("badge", NULL, NULL, OD_TYPE_MODEL_BADGE, OD_MODEL_BADGE_ACCURATE,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CHECKED] =
    g_param_spec_boolean ("checked", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ALLOWED] =
    g_param_spec_boolean ("allowed", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_model_init (OdModel *self)
{
  self->badge = OD_MODEL_BADGE_ACCURATE;
  self->checked = TRUE;
  self->allowed = TRUE;
}

OdModel *
_od_model_new (const OdCatalogueModel *entry)
{
  return g_object_new (OD_TYPE_MODEL,
                       "id", entry->id,
                       "provider", entry->provider,
                       "name", entry->name,
                       "description", entry->description,
                       "badge", entry->badge,
                       NULL);
}

void
_od_model_set_allowed (OdModel  *self,
                       gboolean  allowed)
{
  allowed = !!allowed;
  if (self->allowed == allowed)
    return;
  self->allowed = allowed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOWED]);
}

const char *
od_model_get_id (OdModel *self)
{
  g_return_val_if_fail (OD_IS_MODEL (self), NULL);

  return self->id;
}

const char *
od_model_get_provider (OdModel *self)
{
  g_return_val_if_fail (OD_IS_MODEL (self), NULL);

  return self->provider;
}

const char *
od_model_get_name (OdModel *self)
{
  g_return_val_if_fail (OD_IS_MODEL (self), NULL);

  return self->name;
}

const char *
od_model_get_description (OdModel *self)
{
  g_return_val_if_fail (OD_IS_MODEL (self), NULL);

  return self->description;
}

OdModelBadge
od_model_get_badge (OdModel *self)
{
  g_return_val_if_fail (OD_IS_MODEL (self), OD_MODEL_BADGE_ACCURATE);

  return self->badge;
}

gboolean
od_model_get_checked (OdModel *self)
{
  g_return_val_if_fail (OD_IS_MODEL (self), FALSE);

  return self->checked;
}

void
od_model_set_checked (OdModel  *self,
                      gboolean  checked)
{
  g_return_if_fail (OD_IS_MODEL (self));

  checked = !!checked;
  if (self->checked == checked)
    return;
  self->checked = checked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
}

gboolean
od_model_get_allowed (OdModel *self)
{
  g_return_val_if_fail (OD_IS_MODEL (self), FALSE);

  return self->allowed;
}
