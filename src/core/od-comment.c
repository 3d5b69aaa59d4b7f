/* od-comment.c — comments and reactions: read-only snapshots of rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-comment.h"

struct _OdComment
{
  GObject  parent_instance;

  gint64   id;
  gint64   update_id;
  gint64   author_id;
  char    *author_name;
  char    *content;
  gint64   created_at;
};

G_DEFINE_FINAL_TYPE (OdComment, od_comment, G_TYPE_OBJECT)

enum {
  COMMENT_PROP_0,
  COMMENT_PROP_ID,
  COMMENT_PROP_UPDATE_ID,
  COMMENT_PROP_AUTHOR_ID,
  COMMENT_PROP_AUTHOR_NAME,
  COMMENT_PROP_CONTENT,
  COMMENT_PROP_CREATED_AT,
  COMMENT_N_PROPS
};

static GParamSpec *comment_properties[COMMENT_N_PROPS];

static void
od_comment_finalize (GObject *object)
{
  OdComment *self = (OdComment *) object;

  g_clear_pointer (&self->author_name, g_free);
  g_clear_pointer (&self->content, g_free);

  G_OBJECT_CLASS (od_comment_parent_class)->finalize (object);
}

static void
od_comment_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OdComment *self = OD_COMMENT (object);

  switch (prop_id)
    {
    case COMMENT_PROP_ID:          g_value_set_int64 (value, self->id); break;
    case COMMENT_PROP_UPDATE_ID:   g_value_set_int64 (value, self->update_id); break;
    case COMMENT_PROP_AUTHOR_ID:   g_value_set_int64 (value, self->author_id); break;
    case COMMENT_PROP_AUTHOR_NAME: g_value_set_string (value, self->author_name); break;
    case COMMENT_PROP_CONTENT:     g_value_set_string (value, self->content); break;
    case COMMENT_PROP_CREATED_AT:  g_value_set_int64 (value, self->created_at); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_comment_class_init (OdCommentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = od_comment_finalize;
  object_class->get_property = od_comment_get_property;

  comment_properties[COMMENT_PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  comment_properties[COMMENT_PROP_UPDATE_ID] = g_param_spec_int64 ("update-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  comment_properties[COMMENT_PROP_AUTHOR_ID] = g_param_spec_int64 ("author-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  comment_properties[COMMENT_PROP_AUTHOR_NAME] = g_param_spec_string ("author-name", NULL, NULL, "", flags);
  comment_properties[COMMENT_PROP_CONTENT] = g_param_spec_string ("content", NULL, NULL, "", flags);
  comment_properties[COMMENT_PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, COMMENT_N_PROPS, comment_properties);
}

static void
od_comment_init (OdComment *self)
{
}

OdComment *
od_comment_new (gint64      id,
                gint64      update_id,
                gint64      author_id,
                const char *author_name,
                const char *content,
                gint64      created_at)
{
  OdComment *self = g_object_new (OD_TYPE_COMMENT, NULL);

  self->id = id;
  self->update_id = update_id;
  self->author_id = author_id;
  self->author_name = g_strdup (author_name ? author_name : "");
  self->content = g_strdup (content ? content : "");
  self->created_at = created_at;
  return self;
}

gint64
od_comment_get_id (OdComment *self)
{
  g_return_val_if_fail (OD_IS_COMMENT (self), 0);
  return self->id;
}

gint64
od_comment_get_update_id (OdComment *self)
{
  g_return_val_if_fail (OD_IS_COMMENT (self), 0);
  return self->update_id;
}

gint64
od_comment_get_author_id (OdComment *self)
{
  g_return_val_if_fail (OD_IS_COMMENT (self), 0);
  return self->author_id;
}

const char *
od_comment_get_author_name (OdComment *self)
{
  g_return_val_if_fail (OD_IS_COMMENT (self), "");
  return self->author_name;
}

const char *
od_comment_get_content (OdComment *self)
{
  g_return_val_if_fail (OD_IS_COMMENT (self), "");
  return self->content;
}

gint64
od_comment_get_created_at (OdComment *self)
{
  g_return_val_if_fail (OD_IS_COMMENT (self), 0);
  return self->created_at;
}

/* ------------------------------------------------------------------------------------------- */

struct _OdReaction
{
  GObject   parent_instance;

  char     *emoji;
  guint     count;
  gboolean  mine;
};

G_DEFINE_FINAL_TYPE (OdReaction, od_reaction, G_TYPE_OBJECT)

enum {
  REACTION_PROP_0,
  REACTION_PROP_EMOJI,
  REACTION_PROP_COUNT,
  REACTION_PROP_MINE,
  REACTION_N_PROPS
};

static GParamSpec *reaction_properties[REACTION_N_PROPS];

static void
od_reaction_finalize (GObject *object)
{
  OdReaction *self = (OdReaction *) object;

  g_clear_pointer (&self->emoji, g_free);

  G_OBJECT_CLASS (od_reaction_parent_class)->finalize (object);
}

static void
od_reaction_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OdReaction *self = OD_REACTION (object);

  switch (prop_id)
    {
    case REACTION_PROP_EMOJI: g_value_set_string (value, self->emoji); break;
    case REACTION_PROP_COUNT: g_value_set_uint (value, self->count); break;
    case REACTION_PROP_MINE:  g_value_set_boolean (value, self->mine); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_reaction_class_init (OdReactionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = od_reaction_finalize;
  object_class->get_property = od_reaction_get_property;

  reaction_properties[REACTION_PROP_EMOJI] = g_param_spec_string ("emoji", NULL, NULL, "", flags);
  reaction_properties[REACTION_PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  reaction_properties[REACTION_PROP_MINE] = g_param_spec_boolean ("mine", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, REACTION_N_PROPS, reaction_properties);
}

static void
od_reaction_init (OdReaction *self)
{
}

OdReaction *
od_reaction_new (const char *emoji,
                 guint       count,
                 gboolean    mine)
{
  OdReaction *self = g_object_new (OD_TYPE_REACTION, NULL);

  self->emoji = g_strdup (emoji);
  self->count = count;
  self->mine = mine;
  return self;
}

const char *
od_reaction_get_emoji (OdReaction *self)
{
  g_return_val_if_fail (OD_IS_REACTION (self), "");
  return self->emoji;
}

guint
od_reaction_get_count (OdReaction *self)
{
  g_return_val_if_fail (OD_IS_REACTION (self), 0);
  return self->count;
}

gboolean
od_reaction_get_mine (OdReaction *self)
{
  g_return_val_if_fail (OD_IS_REACTION (self), FALSE);
  return self->mine;
}

const char * const *
od_reaction_get_choices (void)
{
  static const char * const choices[] = { "👍", "🎉", "❤️", "😄", "👀", "🚀", NULL };
  return choices;
}
