/* od-update.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-update.h"

struct _OdUpdate
{
  GObject parent_instance;

  gint64  id;
  gint64  organization_id;
  gint64  team_id;
  char   *team_name;
  gint64  author_id;
  char   *author_name;
  char   *title;
  char   *content;
  char  **tags;
  gint64  created_at;
  gint64  edited_at;
  guint   n_comments;
};

G_DEFINE_FINAL_TYPE (OdUpdate, od_update, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ORGANIZATION_ID,
  PROP_TEAM_ID,
  PROP_TEAM_NAME,
  PROP_AUTHOR_ID,
  PROP_AUTHOR_NAME,
  PROP_TITLE,
  PROP_CONTENT,
  PROP_TAGS,
  PROP_CREATED_AT,
  PROP_EDITED_AT,
  PROP_N_COMMENTS,
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

static gboolean
set_strv (char             ***field,
          const char * const  *value)
{
  if (*field == NULL && value == NULL)
    return FALSE;

  if (*field != NULL && value != NULL &&
      g_strv_equal ((const char * const *)*field, value))
    return FALSE;

  g_strfreev (*field);
  *field = g_strdupv ((char **)value);
  return TRUE;
}

static void
od_update_finalize (GObject *object)
{
  OdUpdate *self = (OdUpdate *)object;

  g_clear_pointer (&self->team_name, g_free);
  g_clear_pointer (&self->author_name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (od_update_parent_class)->finalize (object);
}

static void
od_update_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  OdUpdate *self = OD_UPDATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;

    case PROP_TEAM_ID:
      g_value_set_int64 (value, self->team_id);
      break;

    case PROP_TEAM_NAME:
      g_value_set_string (value, self->team_name);
      break;

    case PROP_AUTHOR_ID:
      g_value_set_int64 (value, self->author_id);
      break;

    case PROP_AUTHOR_NAME:
      g_value_set_string (value, self->author_name);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_CONTENT:
      g_value_set_string (value, self->content);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_EDITED_AT:
      g_value_set_int64 (value, self->edited_at);
      break;

    case PROP_N_COMMENTS:
      g_value_set_uint (value, self->n_comments);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_update_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  OdUpdate *self = OD_UPDATE (object);
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

    case PROP_TEAM_ID:
      changed = self->team_id != g_value_get_int64 (value);
      self->team_id = g_value_get_int64 (value);
      break;

    case PROP_TEAM_NAME:
      changed = set_string (&self->team_name, g_value_get_string (value));
      break;

    case PROP_AUTHOR_ID:
      changed = self->author_id != g_value_get_int64 (value);
      self->author_id = g_value_get_int64 (value);
      break;

    case PROP_AUTHOR_NAME:
      changed = set_string (&self->author_name, string_or_empty (value));
      break;

    case PROP_TITLE:
      changed = set_string (&self->title, string_or_empty (value));
      break;

    case PROP_CONTENT:
      changed = set_string (&self->content, string_or_empty (value));
      break;

    case PROP_TAGS:
      changed = set_strv (&self->tags, g_value_get_boxed (value));
      break;

    case PROP_CREATED_AT:
      changed = self->created_at != g_value_get_int64 (value);
      self->created_at = g_value_get_int64 (value);
      break;

    case PROP_EDITED_AT:
      changed = self->edited_at != g_value_get_int64 (value);
      self->edited_at = g_value_get_int64 (value);
      break;

    case PROP_N_COMMENTS:
      changed = self->n_comments != g_value_get_uint (value);
      self->n_comments = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
od_update_class_init (OdUpdateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_update_finalize;
  object_class->get_property = od_update_get_property;
  object_class->set_property = od_update_set_property;

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

  properties[PROP_TEAM_ID] =
    g_param_spec_int64 ("team-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_TEAM_NAME] =
    g_param_spec_string ("team-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_AUTHOR_ID] =
    g_param_spec_int64 ("author-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_AUTHOR_NAME] =
    g_param_spec_string ("author-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTENT] =
    g_param_spec_string ("content", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_EDITED_AT] =
    g_param_spec_int64 ("edited-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_N_COMMENTS] =
    g_param_spec_uint ("n-comments", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_update_init (OdUpdate *self)
{

}

gint64
od_update_get_id (OdUpdate *self)
{
  g_return_val_if_fail (OD_IS_UPDATE (self), 0);

  return self->id;
}

gint64
od_update_get_organization_id (OdUpdate *self)
{
  g_return_val_if_fail (OD_IS_UPDATE (self), 0);

  return self->organization_id;
}

gint64
od_update_get_team_id (OdUpdate *self)
{
  g_return_val_if_fail (OD_IS_UPDATE (self), 0);

  return self->team_id;
}

const char *
od_update_get_team_name (OdUpdate *self)
{
  g_return_val_if_fail (OD_IS_UPDATE (self), NULL);

  return self->team_name;
}

gint64
od_update_get_author_id (OdUpdate *self)
{
  g_return_val_if_fail (OD_IS_UPDATE (self), 0);

  return self->author_id;
}

const char *
od_update_get_author_name (OdUpdate *self)
{
  g_return_val_if_fail (OD_IS_UPDATE (self), NULL);

  return self->author_name;
}

const char *
od_update_get_title (OdUpdate *self)
{
  g_return_val_if_fail (OD_IS_UPDATE (self), NULL);

  return self->title;
}

const char *
od_update_get_content (OdUpdate *self)
{
  g_return_val_if_fail (OD_IS_UPDATE (self), NULL);

  return self->content;
}

const char * const *
od_update_get_tags (OdUpdate *self)
{
  g_return_val_if_fail (OD_IS_UPDATE (self), NULL);

  return (const char * const *)self->tags;
}

gint64
od_update_get_created_at (OdUpdate *self)
{
  g_return_val_if_fail (OD_IS_UPDATE (self), 0);

  return self->created_at;
}

gint64
od_update_get_edited_at (OdUpdate *self)
{
  g_return_val_if_fail (OD_IS_UPDATE (self), 0);

  return self->edited_at;
}

guint
od_update_get_n_comments (OdUpdate *self)
{
  g_return_val_if_fail (OD_IS_UPDATE (self), 0);

  return self->n_comments;
}
