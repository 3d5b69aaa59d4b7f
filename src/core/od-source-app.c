/* od-source-app.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "od-source-app.h"

struct _OdSourceApp
{
  GObject    parent_instance;

  char      *catalogue_id;
  char      *name;
  GStrv      bundle_ids;
  gboolean   denied;
};

G_DEFINE_FINAL_TYPE (OdSourceApp, od_source_app, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATALOGUE_ID,
  PROP_NAME,
  PROP_BUNDLE_IDS,
  PROP_GLOBAL,
  PROP_DENIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
od_source_app_finalize (GObject *object)
{
  OdSourceApp *self = (OdSourceApp *) object;

  g_clear_pointer (&self->catalogue_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->bundle_ids, g_strfreev);

  G_OBJECT_CLASS (od_source_app_parent_class)->finalize (object);
}

static void
od_source_app_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OdSourceApp *self = OD_SOURCE_APP (object);

  switch (prop_id)
    {
    case PROP_CATALOGUE_ID:
      g_value_set_string (value, self->catalogue_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_BUNDLE_IDS:
      g_value_set_boxed (value, self->bundle_ids);
      break;

    case PROP_GLOBAL:
      g_value_set_boolean (value, self->catalogue_id != NULL);
      break;

    case PROP_DENIED:
      g_value_set_boolean (value, self->denied);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_source_app_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OdSourceApp *self = OD_SOURCE_APP (object);

  switch (prop_id)
    {
    case PROP_CATALOGUE_ID:
      self->catalogue_id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_BUNDLE_IDS:
      self->bundle_ids = g_value_dup_boxed (value);
      if (self->bundle_ids == NULL)
        self->bundle_ids = g_new0 (char *, 1);
      break;

    case PROP_DENIED:
      od_source_app_set_denied (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_source_app_class_init (OdSourceAppClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_source_app_finalize;
  object_class->get_property = od_source_app_get_property;
  object_class->set_property = od_source_app_set_property;

  properties[PROP_CATALOGUE_ID] =
    g_param_spec_string ("catalogue-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUNDLE_IDS] =
    g_param_spec_boxed ("bundle-ids", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_GLOBAL] =
    g_param_spec_boolean ("global", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DENIED] =
    g_param_spec_boolean ("denied", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_source_app_init (OdSourceApp *self)
{
}

const char *
od_source_app_get_catalogue_id (OdSourceApp *self)
{
  g_return_val_if_fail (OD_IS_SOURCE_APP (self), NULL);

  return self->catalogue_id;
}

const char *
od_source_app_get_name (OdSourceApp *self)
{
  g_return_val_if_fail (OD_IS_SOURCE_APP (self), NULL);

  return self->name;
}

const char * const *
od_source_app_get_bundle_ids (OdSourceApp *self)
{
  g_return_val_if_fail (OD_IS_SOURCE_APP (self), NULL);

  return (const char * const *) self->bundle_ids;
}

gboolean
od_source_app_get_global (OdSourceApp *self)
{
  g_return_val_if_fail (OD_IS_SOURCE_APP (self), FALSE);

  return self->catalogue_id != NULL;
}

gboolean
od_source_app_get_denied (OdSourceApp *self)
{
  g_return_val_if_fail (OD_IS_SOURCE_APP (self), FALSE);

  return self->denied;
}

void
od_source_app_set_denied (OdSourceApp *self,
                          gboolean     denied)
{
  g_return_if_fail (OD_IS_SOURCE_APP (self));

  denied = !!denied;
  if (self->denied == denied)
    return;
  self->denied = denied;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DENIED]);
}

static gboolean
contains_folded (const char *haystack,
                 const char *folded_needle)
{
  g_autofree char *folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, folded_needle) != NULL;
}

gboolean
od_source_app_matches (OdSourceApp *self,
                       const char  *search)
{
  g_autofree char *needle = NULL;

  g_return_val_if_fail (OD_IS_SOURCE_APP (self), FALSE);

  if (search == NULL || *search == '\0')
    return TRUE;
  needle = g_utf8_casefold (search, -1);
  if (contains_folded (self->name, needle))
    return TRUE;
  for (guint i = 0; self->bundle_ids[i]; i++)
    if (contains_folded (self->bundle_ids[i], needle))
      return TRUE;
  return FALSE;
}
