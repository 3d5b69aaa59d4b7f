/* od-credential.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-credential.h"

struct _OdCredential
{
  GObject parent_instance;

  gint64  id;
  gint64  organization_id;
  char   *provider;
  char   *name;
  char   *fields_json;
  char   *last_four;
  gint64  created_at;
  gint64  updated_at;
};

G_DEFINE_FINAL_TYPE (OdCredential, od_credential, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ORGANIZATION_ID,
  PROP_PROVIDER,
  PROP_NAME,
  PROP_FIELDS_JSON,
  PROP_LAST_FOUR,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
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
od_credential_finalize (GObject *object)
{
  OdCredential *self = (OdCredential *)object;

  g_clear_pointer (&self->provider, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->fields_json, g_free);
  g_clear_pointer (&self->last_four, g_free);

  G_OBJECT_CLASS (od_credential_parent_class)->finalize (object);
}

static void
od_credential_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OdCredential *self = OD_CREDENTIAL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;

    case PROP_PROVIDER:
      g_value_set_string (value, self->provider);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_FIELDS_JSON:
      g_value_set_string (value, self->fields_json);
      break;

    case PROP_LAST_FOUR:
      g_value_set_string (value, self->last_four);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_credential_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OdCredential *self = OD_CREDENTIAL (object);
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

    case PROP_PROVIDER:
      changed = set_string (&self->provider, string_or_empty (value));
      break;

    case PROP_NAME:
      changed = set_string (&self->name, string_or_empty (value));
      break;

    case PROP_FIELDS_JSON:
      changed = set_string (&self->fields_json, string_or_empty (value));
      break;

    case PROP_LAST_FOUR:
      changed = set_string (&self->last_four, string_or_empty (value));
      break;

    case PROP_CREATED_AT:
      changed = self->created_at != g_value_get_int64 (value);
      self->created_at = g_value_get_int64 (value);
      break;

    case PROP_UPDATED_AT:
      changed = self->updated_at != g_value_get_int64 (value);
      self->updated_at = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
od_credential_class_init (OdCredentialClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_credential_finalize;
  object_class->get_property = od_credential_get_property;
  object_class->set_property = od_credential_set_property;

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

  properties[PROP_PROVIDER] =
    g_param_spec_string ("provider", NULL, NULL,
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

  properties[PROP_FIELDS_JSON] =
    g_param_spec_string ("fields-json", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_FOUR] =
    g_param_spec_string ("last-four", NULL, NULL,
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

  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_credential_init (OdCredential *self)
{

}

gint64
od_credential_get_id (OdCredential *self)
{
  g_return_val_if_fail (OD_IS_CREDENTIAL (self), 0);

  return self->id;
}

gint64
od_credential_get_organization_id (OdCredential *self)
{
  g_return_val_if_fail (OD_IS_CREDENTIAL (self), 0);

  return self->organization_id;
}

const char *
od_credential_get_provider (OdCredential *self)
{
  g_return_val_if_fail (OD_IS_CREDENTIAL (self), NULL);

  return self->provider;
}

const char *
od_credential_get_name (OdCredential *self)
{
  g_return_val_if_fail (OD_IS_CREDENTIAL (self), NULL);

  return self->name;
}

const char *
od_credential_get_fields_json (OdCredential *self)
{
  g_return_val_if_fail (OD_IS_CREDENTIAL (self), NULL);

  return self->fields_json;
}

const char *
od_credential_get_last_four (OdCredential *self)
{
  g_return_val_if_fail (OD_IS_CREDENTIAL (self), NULL);

  return self->last_four;
}

gint64
od_credential_get_created_at (OdCredential *self)
{
  g_return_val_if_fail (OD_IS_CREDENTIAL (self), 0);

  return self->created_at;
}

gint64
od_credential_get_updated_at (OdCredential *self)
{
  g_return_val_if_fail (OD_IS_CREDENTIAL (self), 0);

  return self->updated_at;
}
