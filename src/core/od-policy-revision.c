/* od-policy-revision.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-policy-revision.h"

struct _OdPolicyRevision
{
  GObject  parent_instance;

  gint64   organization_id;
  gint64   revision;
  gint64   published_at;
  char    *published_by_name;
  char    *folder;
  char    *file_name;
  char    *document;
};

G_DEFINE_FINAL_TYPE (OdPolicyRevision, od_policy_revision, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ORGANIZATION_ID,
  PROP_REVISION,
  PROP_PUBLISHED_AT,
  PROP_PUBLISHED_BY_NAME,
  PROP_FOLDER,
  PROP_FILE_NAME,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
od_policy_revision_finalize (GObject *object)
{
  OdPolicyRevision *self = (OdPolicyRevision *) object;

  g_clear_pointer (&self->published_by_name, g_free);
  g_clear_pointer (&self->folder, g_free);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->document, g_free);

  G_OBJECT_CLASS (od_policy_revision_parent_class)->finalize (object);
}

static void
od_policy_revision_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OdPolicyRevision *self = OD_POLICY_REVISION (object);

  switch (prop_id)
    {
    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;

    case PROP_REVISION:
      g_value_set_int64 (value, self->revision);
      break;

    case PROP_PUBLISHED_AT:
      g_value_set_int64 (value, self->published_at);
      break;

    case PROP_PUBLISHED_BY_NAME:
      g_value_set_string (value, self->published_by_name);
      break;

    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;

    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;

    case PROP_DOCUMENT:
      g_value_set_string (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_policy_revision_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  OdPolicyRevision *self = OD_POLICY_REVISION (object);

  switch (prop_id)
    {
    case PROP_ORGANIZATION_ID:
      self->organization_id = g_value_get_int64 (value);
      break;

    case PROP_REVISION:
      self->revision = g_value_get_int64 (value);
      break;

    case PROP_PUBLISHED_AT:
      self->published_at = g_value_get_int64 (value);
      break;

    case PROP_PUBLISHED_BY_NAME:
      self->published_by_name = g_value_dup_string (value);
      break;

    case PROP_FOLDER:
      self->folder = g_value_dup_string (value);
      break;

    case PROP_FILE_NAME:
      self->file_name = g_value_dup_string (value);
      break;

    case PROP_DOCUMENT:
      self->document = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_policy_revision_class_init (OdPolicyRevisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = od_policy_revision_finalize;
  object_class->get_property = od_policy_revision_get_property;
  object_class->set_property = od_policy_revision_set_property;

  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REVISION] = g_param_spec_int64 ("revision", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PUBLISHED_AT] =
    g_param_spec_int64 ("published-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_PUBLISHED_BY_NAME] = g_param_spec_string ("published-by-name", NULL, NULL, NULL, flags);
  properties[PROP_FOLDER] = g_param_spec_string ("folder", NULL, NULL, NULL, flags);
  properties[PROP_FILE_NAME] = g_param_spec_string ("file-name", NULL, NULL, NULL, flags);
  properties[PROP_DOCUMENT] = g_param_spec_string ("document", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_policy_revision_init (OdPolicyRevision *self)
{
}

gint64
od_policy_revision_get_organization_id (OdPolicyRevision *self)
{
  g_return_val_if_fail (OD_IS_POLICY_REVISION (self), 0);
  return self->organization_id;
}

gint64
od_policy_revision_get_revision (OdPolicyRevision *self)
{
  g_return_val_if_fail (OD_IS_POLICY_REVISION (self), 0);
  return self->revision;
}

gint64
od_policy_revision_get_published_at (OdPolicyRevision *self)
{
  g_return_val_if_fail (OD_IS_POLICY_REVISION (self), 0);
  return self->published_at;
}

const char *
od_policy_revision_get_published_by_name (OdPolicyRevision *self)
{
  g_return_val_if_fail (OD_IS_POLICY_REVISION (self), NULL);
  return self->published_by_name;
}

const char *
od_policy_revision_get_folder (OdPolicyRevision *self)
{
  g_return_val_if_fail (OD_IS_POLICY_REVISION (self), NULL);
  return self->folder;
}

const char *
od_policy_revision_get_file_name (OdPolicyRevision *self)
{
  g_return_val_if_fail (OD_IS_POLICY_REVISION (self), NULL);
  return self->file_name;
}

const char *
od_policy_revision_get_document (OdPolicyRevision *self)
{
  g_return_val_if_fail (OD_IS_POLICY_REVISION (self), NULL);
  return self->document;
}
