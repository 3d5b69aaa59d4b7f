/* od-update-row.c — one update in a feed: text, tags, reactions, comments, edit and delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row shows a snapshot (OdUpdate). A feed (a GtkListView) reuses one row for many updates
 * as it scrolls: od_update_row_set_update() with another update starts the row afresh (comments
 * folded, no draft), and the feed puts back what the person had open or typed for that update
 * (od_update_row_set_expanded(), od_update_row_set_draft()). Answers from the worker name the
 * update they are for, so an answer that arrives after the row moved on is dropped.
 * Everything it changes goes through the repository's worker: reactions (the counts come back
 * with the answer), comments (loaded when first shown), edit (OdPostDialog) and delete (after a
 * confirmation, with an Undo toast shown even when the row is gone by then). Buttons the acting
 * member's role does not allow are hidden; the core checks again and its refusal is shown in a
 * toast.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-comment.h"
#include "od-feed-util.h"
#include "od-member.h"
#include "od-format.h"
#include "od-post-dialog.h"
#include "od-undo.h"
#include "od-update-row.h"
#include "od-wrap-box.h"

struct _OdUpdateRow
{
  AdwBin         parent_instance;

  OdRepository  *repository;
  OdMember      *actor;
  OdUpdate      *update;
  GCancellable  *cancellable;
  GPtrArray     *reaction_buttons;     /* GtkToggleButton, in od_reaction_get_choices() order */
  guint          n_comments_shown;

  /* Template widgets */
  AdwAvatar     *avatar;
  GtkLabel      *title_label;
  GtkLabel      *meta_label;
  GtkWidget     *edit_button;
  GtkWidget     *delete_button;
  GtkBox        *tags_box;
  GtkBox        *content_box;
  GtkWidget     *reactions_box;     /* OdWrapBox */
  GtkToggleButton *comments_button;
  GtkImage      *comments_arrow;
  GtkLabel      *comments_label;
  GtkRevealer   *comments_revealer;
  GtkListBox    *comments_list;
  GtkWidget     *compose_box;
  GtkEntry      *comment_entry;

  guint          updating_reactions : 1;
  guint          comments_loaded : 1;
  guint          loading_comments : 1;
  guint          sending_comment : 1;
};

G_DEFINE_FINAL_TYPE (OdUpdateRow, od_update_row, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_UPDATE,
  PROP_EXPANDED,
  PROP_DRAFT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_comments (OdUpdateRow *self);

static OdRole
actor_role (OdUpdateRow *self)
{
  return self->actor != NULL ? od_member_get_role (self->actor) : OD_ROLE_NONE;
}

static gint64
actor_id (OdUpdateRow *self)
{
  return self->actor != NULL ? od_member_get_id (self->actor) : 0;
}

/* What the role allows with a post or comment by author_id (SPEC §3) */
static gboolean
may_change (OdUpdateRow *self,
            gint64       author_id)
{
  OdRole role = actor_role (self);

  if (od_role_can (role, OD_ACTION_EDIT_ANY_POST))
    return TRUE;

  return author_id != 0 && author_id == actor_id (self) && od_role_can (role, OD_ACTION_EDIT_OWN_POST);
}

gboolean
od_update_row_can_edit (OdUpdateRow *self)
{
  g_return_val_if_fail (OD_IS_UPDATE_ROW (self), FALSE);

  return self->update != NULL && may_change (self, od_update_get_author_id (self->update));
}

static void
remove_all_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else
        gtk_box_remove (GTK_BOX (widget), child);
    }
}

static GtkWidget *
paragraph_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "update-paragraph");

  return label;
}

/* Plain text with paragraphs: blank lines separate paragraphs, single line breaks are kept. */
static void
set_content (OdUpdateRow *self,
             const char  *content)
{
  g_auto(GStrv) lines = g_strsplit (content != NULL ? content : "", "\n", -1);
  g_autoptr(GString) paragraph = g_string_new (NULL);

  remove_all_children (GTK_WIDGET (self->content_box));

  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];
      g_autofree char *stripped = line != NULL ? g_strstrip (g_strdup (line)) : NULL;

      if (line == NULL || *stripped == '\0')
        {
          if (paragraph->len > 0)
            {
              gtk_box_append (self->content_box, paragraph_label_new (paragraph->str));
              g_string_truncate (paragraph, 0);
            }
          if (line == NULL)
            break;
          continue;
        }

      if (paragraph->len > 0)
        g_string_append_c (paragraph, '\n');
      g_string_append (paragraph, g_strchomp (lines[i]));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->content_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->content_box)) != NULL);
}

static void
set_tags (OdUpdateRow        *self,
          const char * const *tags)
{
  guint n = tags != NULL ? g_strv_length ((char **)tags) : 0;

  remove_all_children (GTK_WIDGET (self->tags_box));

  /* Small pills on one line; on a narrow window long tags are shortened (the full text stays
   * in the tooltip and for screen readers) */
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *label = gtk_label_new (tags[i]);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_widget_set_tooltip_text (label, tags[i]);
      gtk_widget_add_css_class (label, "tag");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (self->tags_box, label);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), n > 0);
}

static void
set_reaction (OdUpdateRow *self,
              guint        index,
              guint        count,
              gboolean     mine)
{
  GtkToggleButton *button = g_ptr_array_index (self->reaction_buttons, index);
  const char *emoji = od_reaction_get_choices ()[index];
  const char *name = od_reaction_get_name (emoji);
  g_autofree char *label = NULL;
  g_autofree char *sentence = NULL;

  if (count > 0)
    /* Translators: an emoji and how many reacted with it, e.g. "👍 3" */
    label = g_strdup_printf (_("%s %u"), emoji, count);
  else
    label = g_strdup (emoji);

  if (count == 0)
    /* Translators: how a reaction button reads to a screen reader, e.g. "Thumbs up, no reactions" */
    sentence = g_strdup_printf (_("%s, no reactions"), name);
  else if (mine)
    sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s, %u reaction, you reacted",
                                             "%s, %u reactions, you reacted", count),
                                name, count);
  else
    sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s, %u reaction",
                                             "%s, %u reactions", count),
                                name, count);

  self->updating_reactions = TRUE;
  gtk_button_set_label (GTK_BUTTON (button), label);
  gtk_toggle_button_set_active (button, mine);
  self->updating_reactions = FALSE;
  od_button_use_accessible_label (GTK_WIDGET (button));

  gtk_widget_set_tooltip_text (GTK_WIDGET (button), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  -1);
}

static void
set_reactions (OdUpdateRow *self,
               GListModel  *reactions)
{
  const char * const *choices = od_reaction_get_choices ();
  guint n = reactions != NULL ? g_list_model_get_n_items (reactions) : 0;

  for (guint i = 0; choices[i] != NULL; i++)
    {
      guint count = 0;
      gboolean mine = FALSE;

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(OdReaction) reaction = g_list_model_get_item (reactions, j);

          if (g_strcmp0 (od_reaction_get_emoji (reaction), choices[i]) == 0)
            {
              count = od_reaction_get_count (reaction);
              mine = od_reaction_get_mine (reaction);
              break;
            }
        }

      set_reaction (self, i, count, mine);
    }
}

static void
update_comments_button (OdUpdateRow *self)
{
  guint n = self->update != NULL ? od_update_get_n_comments (self->update) : 0;
  gboolean expanded = gtk_toggle_button_get_active (self->comments_button);
  g_autofree char *text = NULL;

  if (n > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u comment", "%u comments", n), n);
  else
    text = g_strdup (_("Comments"));

  gtk_label_set_text (self->comments_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->comments_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  gtk_image_set_from_icon_name (self->comments_arrow, expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->comments_button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, expanded,
                               -1);
}

static GtkWidget *
sentence_target (OdUpdateRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (parent != NULL &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (parent)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    return parent;
  return GTK_WIDGET (self);
}

/* Another update in the same widget: nothing of the last one stays (comments, draft, state) */
static void
start_afresh (OdUpdateRow *self)
{
  self->comments_loaded = FALSE;
  self->loading_comments = FALSE;
  self->sending_comment = FALSE;
  self->n_comments_shown = 0;
  remove_all_children (GTK_WIDGET (self->comments_list));
  gtk_widget_set_visible (GTK_WIDGET (self->comments_list), FALSE);

  /* Folded at once: a hidden revealer does not animate */
  gtk_widget_set_visible (GTK_WIDGET (self->comments_revealer), FALSE);
  gtk_toggle_button_set_active (self->comments_button, FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->comment_entry), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
}

static void
update_sentence (OdUpdateRow *self)
{
  OdUpdate *update = self->update;
  const char *team = od_update_get_team_name (update);
  const char *author = od_update_get_author_name (update);
  guint n_comments = od_update_get_n_comments (update);
  g_autofree char *when = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *comments = NULL;
  g_autofree char *full = NULL;

  if (author == NULL || *author == '\0')
    author = _("Someone");

  when = od_format_relative_time (od_update_get_created_at (update),
                                  g_get_real_time () / G_USEC_PER_SEC);
  exact = od_format_exact_time (od_update_get_created_at (update));

  if (team != NULL)
    /* Translators: author · team · time, e.g. "Ana Silva · Design · 3 hours ago" */
    meta = g_strdup_printf (_("%s · %s · %s"), author, team, when);
  else
    /* Translators: author · time, e.g. "Ana Silva · 3 hours ago" */
    meta = g_strdup_printf (_("%s · %s"), author, when);

  if (od_update_get_edited_at (update) > 0)
    {
      /* Translators: appended to an update's author and time when it was edited */
      g_autofree char *edited = g_strdup_printf (_("%s · edited"), meta);
      g_free (meta);
      meta = g_steal_pointer (&edited);
    }

  gtk_label_set_text (self->meta_label, meta);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->meta_label), exact);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->meta_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, exact,
                                  -1);

  if (team != NULL)
    /* Translators: how an update reads to a screen reader: title, author, team, time */
    sentence = g_strdup_printf (_("%s, by %s in %s, %s"), od_update_get_title (update),
                                author, team, when);
  else
    /* Translators: how an update reads to a screen reader: title, author, time */
    sentence = g_strdup_printf (_("%s, by %s, %s"), od_update_get_title (update), author, when);

  comments = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u comment", "%u comments", n_comments),
                              n_comments);
  /* Translators: an update's sentence, then its number of comments */
  full = g_strdup_printf (_("%s, %s"), sentence, comments);

  /* The row reads as one sentence: the list view's row (role list item) when the row is in one */
  gtk_accessible_update_property (GTK_ACCESSIBLE (sentence_target (self)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, full,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, exact,
                                  -1);
}

void
od_update_row_set_update (OdUpdateRow *self,
                          OdUpdate    *update)
{
  gboolean can_change;
  gboolean same;
  OdRole role;

  g_return_if_fail (OD_IS_UPDATE_ROW (self));
  g_return_if_fail (OD_IS_UPDATE (update));

  role = actor_role (self);
  same = self->update != NULL && od_update_get_id (self->update) == od_update_get_id (update);

  if (g_set_object (&self->update, update))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATE]);

  if (!same)
    start_afresh (self);

  gtk_label_set_text (self->title_label, od_update_get_title (update));
  adw_avatar_set_text (self->avatar, od_update_get_author_name (update));
  set_tags (self, od_update_get_tags (update));
  set_content (self, od_update_get_content (update));
  update_sentence (self);
  update_comments_button (self);

  can_change = may_change (self, od_update_get_author_id (update));
  gtk_widget_set_visible (self->edit_button, can_change);
  gtk_widget_set_visible (self->delete_button, can_change);

  for (guint i = 0; i < self->reaction_buttons->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->reaction_buttons, i),
                              od_role_can (role, OD_ACTION_REACT));
  /* Another update's counts must not show meanwhile */
  if (!same)
    set_reactions (self, NULL);
  od_update_row_reload_reactions (self);

  gtk_widget_set_visible (self->compose_box, od_role_can (role, OD_ACTION_COMMENT));

  /* Someone commented (or a comment went): show the comments as they are now */
  if (gtk_toggle_button_get_active (self->comments_button) &&
      (!self->comments_loaded || self->n_comments_shown != od_update_get_n_comments (update)))
    load_comments (self);
}

void
od_update_row_set_source (OdUpdateRow  *self,
                          OdRepository *repository,
                          OdMember     *actor)
{
  g_return_if_fail (OD_IS_UPDATE_ROW (self));
  g_return_if_fail (!repository || OD_IS_REPOSITORY (repository));
  g_return_if_fail (!actor || OD_IS_MEMBER (actor));

  g_set_object (&self->repository, repository);
  g_set_object (&self->actor, actor);
}

const char *
od_update_row_get_draft (OdUpdateRow *self)
{
  g_return_val_if_fail (OD_IS_UPDATE_ROW (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->comment_entry));
}

void
od_update_row_set_draft (OdUpdateRow *self,
                         const char  *draft)
{
  g_return_if_fail (OD_IS_UPDATE_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), draft != NULL ? draft : "");
}

/* Where the focus is inside the row, as a name od_update_row_restore_focus() understands */
char *
od_update_row_save_focus (OdUpdateRow *self)
{
  GtkRoot *root;
  GtkWidget *focus;
  const char * const *choices = od_reaction_get_choices ();

  g_return_val_if_fail (OD_IS_UPDATE_ROW (self), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;

  if (focus == GTK_WIDGET (self->comment_entry) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->comment_entry)))
    return g_strdup ("entry");
  if (focus == GTK_WIDGET (self->comments_button))
    return g_strdup ("comments");
  if (focus == self->edit_button)
    return g_strdup ("edit");
  if (focus == self->delete_button)
    return g_strdup ("delete");
  for (guint i = 0; i < self->reaction_buttons->len; i++)
    if (focus == g_ptr_array_index (self->reaction_buttons, i))
      return g_strdup (choices[i]);

  return g_strdup ("row");
}

gboolean
od_update_row_restore_focus (OdUpdateRow *self,
                             const char  *part)
{
  GtkWidget *target = NULL;

  g_return_val_if_fail (OD_IS_UPDATE_ROW (self), FALSE);

  if (g_strcmp0 (part, "entry") == 0)
    target = GTK_WIDGET (self->comment_entry);
  else if (g_strcmp0 (part, "comments") == 0)
    target = GTK_WIDGET (self->comments_button);
  else if (g_strcmp0 (part, "edit") == 0)
    target = self->edit_button;
  else if (g_strcmp0 (part, "delete") == 0)
    target = self->delete_button;
  else if (part != NULL)
    target = od_update_row_get_reaction_button (self, part);

  if (target != NULL && gtk_widget_is_visible (target) && gtk_widget_grab_focus (target))
    return TRUE;

  return gtk_widget_grab_focus (GTK_WIDGET (self->comments_button));
}

OdUpdate *
od_update_row_get_update (OdUpdateRow *self)
{
  g_return_val_if_fail (OD_IS_UPDATE_ROW (self), NULL);

  return self->update;
}

GtkWidget *
od_update_row_get_reaction_button (OdUpdateRow *self,
                                   const char  *emoji)
{
  const char * const *choices = od_reaction_get_choices ();

  g_return_val_if_fail (OD_IS_UPDATE_ROW (self), NULL);

  for (guint i = 0; choices[i] != NULL && i < self->reaction_buttons->len; i++)
    {
      if (g_strcmp0 (choices[i], emoji) == 0)
        return g_ptr_array_index (self->reaction_buttons, i);
    }

  return NULL;
}

/* Reactions */

typedef struct
{
  OdRepository *repository;
  OdMember     *actor;
  gint64        update_id;
  gint64        organization_id;
  gint64        item_id;
  char         *text;
  GWeakRef      row;             /* the row that asked, while it lives */
} Request;

/* An answer from the worker, naming the update it is for: a row that shows another update by
 * then drops it */
typedef struct
{
  Request *request;
  GObject *object;               /* reactions, comments or the new comment */
  gint64   journal_id;           /* a deletion's journal entry, to undo it */
} Reply;

static void
request_free (Request *request)
{
  g_clear_object (&request->repository);
  g_clear_object (&request->actor);
  g_weak_ref_clear (&request->row);
  g_free (request->text);
  g_free (request);
}

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->request, request_free);
  g_clear_object (&reply->object);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static Request *
request_new (OdUpdateRow *self,
             gint64       item_id,
             const char  *text)
{
  Request *request = g_new0 (Request, 1);

  request->repository = g_object_ref (self->repository);
  request->actor = g_object_ref (self->actor);
  request->update_id = od_update_get_id (self->update);
  request->organization_id = od_update_get_organization_id (self->update);
  request->item_id = item_id;
  request->text = g_strdup (text);
  g_weak_ref_init (&request->row, self);

  return request;
}

/* Runs func with the request; done gets a Reply that owns the request */
typedef struct
{
  OdRepositoryFunc func;
  Request         *request;
  gboolean         returns_id;  /* func returns a gint64 (g_free), else an object */
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->request, request_free);
  g_free (job);
}

static gpointer
job_func (OdRepository  *repository,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Job *job = data;
  Reply *reply;
  gpointer result = job->func (repository, job->request, cancellable, error);

  if (result == NULL)
    return NULL;

  reply = g_new0 (Reply, 1);
  if (job->returns_id)
    {
      reply->journal_id = *(gint64 *) result;
      g_free (result);
    }
  else
    {
      reply->object = result;
    }
  reply->request = g_steal_pointer (&job->request);
  return reply;
}

static void comment_deleted (GtkWidget    *widget,
                             gpointer      result,
                             const GError *error);
static void update_deleted  (GtkWidget    *widget,
                             gpointer      result,
                             const GError *error);

/* widget: the row, or the window for a change whose toast must outlive the row */
static void
row_run (OdUpdateRow        *self,
         GtkWidget          *widget,
         GCancellable       *cancellable,
         OdRepositoryFunc    func,
         Request            *request,
         OdWidgetResultFunc  done)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->request = request;
  job->returns_id = done == comment_deleted || done == update_deleted;
  od_widget_run (widget, self->repository, cancellable, job_func, job, (GDestroyNotify) job_free,
                 (GDestroyNotify) reply_free, done);
}

/* The row that asked, if it still shows the update the reply is for */
static OdUpdateRow *
reply_row (Reply *reply)
{
  g_autoptr(OdUpdateRow) row = reply != NULL ? g_weak_ref_get (&reply->request->row) : NULL;

  if (row == NULL || row->update == NULL ||
      od_update_get_id (row->update) != reply->request->update_id)
    return NULL;
  return row; /* still owned by its parent */
}

static gpointer
toggle_reaction_func (OdRepository  *repository,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  Request *request = data;
  gboolean reacted = FALSE;

  if (!od_repository_toggle_reaction (repository, request->actor, request->update_id,
                                      request->text, &reacted, error))
    return NULL;

  return od_repository_list_reactions (repository, request->update_id,
                                       od_member_get_id (request->actor), error);
}

static gpointer
list_reactions_func (OdRepository  *repository,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  Request *request = data;

  return od_repository_list_reactions (repository, request->update_id,
                                       od_member_get_id (request->actor), error);
}

static void
reactions_loaded (GtkWidget    *widget,
                  gpointer      result,
                  const GError *error)
{
  g_autoptr(Reply) reply = result;
  OdUpdateRow *row = reply_row (reply);

  if (row != NULL)
    set_reactions (row, G_LIST_MODEL (reply->object));
}

void
od_update_row_reload_reactions (OdUpdateRow *self)
{
  g_return_if_fail (OD_IS_UPDATE_ROW (self));

  if (self->update != NULL && self->repository != NULL && self->actor != NULL)
    row_run (self, GTK_WIDGET (self), self->cancellable, list_reactions_func,
             request_new (self, 0, NULL), reactions_loaded);
}

static void
reaction_toggled (GtkWidget    *widget,
                  gpointer      result,
                  const GError *error)
{
  OdUpdateRow *self = OD_UPDATE_ROW (widget);
  g_autoptr(Reply) reply = result;

  if (reply != NULL)
    {
      if (reply_row (reply) == self)
        set_reactions (self, G_LIST_MODEL (reply->object));
      return;
    }

  od_widget_show_toast (widget, error != NULL ? error->message : NULL);

  /* Put the buttons back as the database has them */
  od_update_row_reload_reactions (self);
}

static void
reaction_button_toggled_cb (OdUpdateRow     *self,
                            GtkToggleButton *button)
{
  const char *emoji = g_object_get_data (G_OBJECT (button), "od-emoji");

  if (self->updating_reactions || self->update == NULL || self->actor == NULL)
    return;

  row_run (self, GTK_WIDGET (self), self->cancellable, toggle_reaction_func,
           request_new (self, 0, emoji), reaction_toggled);
}

/* Comments */

static gpointer
list_comments_func (OdRepository  *repository,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Request *request = data;

  return od_repository_list_comments (repository, request->update_id, error);
}

static void
comment_delete_clicked_cb (OdUpdateRow *self,
                           GtkButton   *button);

static GtkWidget *
comment_row_new (OdUpdateRow *self,
                 OdComment   *comment)
{
  const char *author = od_comment_get_author_name (comment);
  g_autofree char *when = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *sentence = NULL;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *text_box;
  GtkWidget *header;
  GtkWidget *author_label;
  GtkWidget *time_label;
  GtkWidget *content;

  if (author == NULL || *author == '\0')
    author = _("Someone");

  when = od_format_relative_time (od_comment_get_created_at (comment),
                                  g_get_real_time () / G_USEC_PER_SEC);
  exact = od_format_exact_time (od_comment_get_created_at (comment));

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (box, "comment");

  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (text_box, TRUE);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  author_label = gtk_label_new (author);
  gtk_label_set_xalign (GTK_LABEL (author_label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (author_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (author_label, "caption-heading");
  time_label = gtk_label_new (when);
  gtk_label_set_xalign (GTK_LABEL (time_label), 0.0f);
  gtk_widget_add_css_class (time_label, "caption");
  gtk_widget_add_css_class (time_label, "dim-label");
  gtk_widget_set_tooltip_text (time_label, exact);
  gtk_accessible_update_property (GTK_ACCESSIBLE (time_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, exact,
                                  -1);
  gtk_box_append (GTK_BOX (header), author_label);
  gtk_box_append (GTK_BOX (header), time_label);

  content = paragraph_label_new (od_comment_get_content (comment));

  gtk_box_append (GTK_BOX (text_box), header);
  gtk_box_append (GTK_BOX (text_box), content);
  gtk_box_append (GTK_BOX (box), text_box);

  if (may_change (self, od_comment_get_author_id (comment)))
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *name = NULL;

      /* Translators: the accessible name of a button, e.g. "Delete comment by Ana Silva" */
      name = g_strdup_printf (_("Delete comment by %s"), author);
      gtk_widget_set_tooltip_text (button, _("Delete Comment"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "od-comment-id",
                              g_memdup2 (&(gint64){ od_comment_get_id (comment) }, sizeof (gint64)),
                              g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (comment_delete_clicked_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Translators: how a comment reads to a screen reader: author, time, text */
  sentence = g_strdup_printf (_("%s, %s: %s"), author, when, od_comment_get_content (comment));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, exact,
                                  -1);

  return row;
}

static void
comments_loaded (GtkWidget    *widget,
                 gpointer      result,
                 const GError *error)
{
  OdUpdateRow *self = OD_UPDATE_ROW (widget);
  g_autoptr(Reply) reply = result;
  GListModel *comments;
  guint n;

  if (reply == NULL)
    {
      self->loading_comments = FALSE;
      od_widget_show_toast (widget, error != NULL ? error->message : NULL);
      return;
    }

  /* Asked for an update the row no longer shows: its own question is under way */
  if (reply_row (reply) != self)
    return;

  self->loading_comments = FALSE;
  comments = G_LIST_MODEL (reply->object);
  n = g_list_model_get_n_items (comments);

  remove_all_children (GTK_WIDGET (self->comments_list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdComment) comment = g_list_model_get_item (comments, i);
      gtk_list_box_append (self->comments_list, comment_row_new (self, comment));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->comments_list), n > 0);
  self->comments_loaded = TRUE;
  self->n_comments_shown = n;
}

static void
load_comments (OdUpdateRow *self)
{
  if (self->update == NULL || self->actor == NULL || self->loading_comments)
    return;

  self->loading_comments = TRUE;
  row_run (self, GTK_WIDGET (self), self->cancellable, list_comments_func,
           request_new (self, 0, NULL), comments_loaded);
}

gboolean
od_update_row_get_expanded (OdUpdateRow *self)
{
  g_return_val_if_fail (OD_IS_UPDATE_ROW (self), FALSE);

  return gtk_toggle_button_get_active (self->comments_button);
}

void
od_update_row_set_expanded (OdUpdateRow *self,
                            gboolean     expanded)
{
  g_return_if_fail (OD_IS_UPDATE_ROW (self));

  gtk_toggle_button_set_active (self->comments_button, expanded);
}

static void
comments_revealed_cb (OdUpdateRow *self)
{
  if (!gtk_revealer_get_child_revealed (self->comments_revealer) &&
      !gtk_revealer_get_reveal_child (self->comments_revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->comments_revealer), FALSE);
}

static void
comments_toggled_cb (OdUpdateRow *self)
{
  gboolean expanded = gtk_toggle_button_get_active (self->comments_button);

  /* A folded revealer still takes the box's spacing: show it only while it is open */
  if (expanded)
    gtk_widget_set_visible (GTK_WIDGET (self->comments_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->comments_revealer, expanded);
  update_comments_button (self);

  if (expanded && !self->comments_loaded)
    load_comments (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

static gpointer
add_comment_func (OdRepository  *repository,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Request *request = data;

  return od_repository_add_comment (repository, request->actor, request->update_id,
                                    request->text, error);
}

static void
comment_added (GtkWidget    *widget,
               gpointer      result,
               const GError *error)
{
  OdUpdateRow *self = OD_UPDATE_ROW (widget);
  g_autoptr(Reply) reply = result;

  /* A row given another update meanwhile is not sending anything */
  if (reply != NULL && reply_row (reply) != self)
    return;

  self->sending_comment = FALSE;

  if (reply == NULL)
    {
      /* The text comes back to be sent again, unless something else was typed meanwhile */
      if (*od_update_row_get_draft (self) == '\0')
        od_update_row_set_draft (self, g_object_get_data (G_OBJECT (widget), "od-sending"));
      od_widget_show_toast (widget, error != NULL ? error->message : NULL);
      return;
    }

  load_comments (self);
}

/* The entry is emptied at once (and the feed forgets the draft): the change may give the update
 * a new row before the answer comes; the focus stays in the entry */
static void
send_comment (OdUpdateRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->comment_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0' || self->update == NULL || self->actor == NULL || self->sending_comment)
    return;

  self->sending_comment = TRUE;
  g_object_set_data_full (G_OBJECT (self), "od-sending", g_strdup (text), g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
  row_run (self, GTK_WIDGET (self), self->cancellable, add_comment_func,
           request_new (self, 0, stripped), comment_added);
}

static void
comment_activate_cb (OdUpdateRow *self)
{
  send_comment (self);
}

static void
comment_changed_cb (OdUpdateRow *self)
{
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->comment_entry))));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "update.comment", *stripped != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
}

static void
comment_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  send_comment (OD_UPDATE_ROW (widget));
}

static gpointer
delete_comment_func (OdRepository  *repository,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  Request *request = data;
  gint64 journal_id;

  if (!od_repository_delete_comment (repository, request->actor, request->item_id, error))
    return NULL;

  journal_id = od_find_last_journal_entry (repository, request->organization_id, "comment.delete",
                                           od_member_get_id (request->actor));

  return g_memdup2 (&journal_id, sizeof journal_id);
}

/* widget: the window (the row may be gone, and the Undo toast must still be offered) */
static void
comment_deleted (GtkWidget    *widget,
                 gpointer      result,
                 const GError *error)
{
  g_autoptr(Reply) reply = result;
  OdUpdateRow *row;

  if (reply == NULL)
    {
      od_widget_show_toast (widget, error != NULL ? error->message : NULL);
      return;
    }

  if (reply->journal_id > 0)
    {
      g_autoptr(OdUndo) undo = od_undo_new_for_journal (reply->request->repository, reply->request->actor,
                                                        reply->journal_id);
      od_undo_show_toast (undo, widget, _("Comment deleted"));
    }
  else
    {
      od_widget_show_toast (widget, _("Comment deleted"));
    }

  if ((row = reply_row (reply)) != NULL)
    load_comments (row);
}

/* The window a change's toast goes to, which outlives the row */
static GtkWidget *
toast_target (OdUpdateRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return root != NULL ? GTK_WIDGET (root) : GTK_WIDGET (self);
}

static void
comment_delete_clicked_cb (OdUpdateRow *self,
                           GtkButton   *button)
{
  gint64 *comment_id = g_object_get_data (G_OBJECT (button), "od-comment-id");

  if (comment_id == NULL || self->update == NULL || self->actor == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  row_run (self, toast_target (self), NULL, delete_comment_func,
           request_new (self, *comment_id, NULL), comment_deleted);
}

/* Edit and delete */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OdUpdateRow *self = OD_UPDATE_ROW (widget);
  OdPostDialog *dialog;

  if (self->update == NULL || self->actor == NULL || self->repository == NULL)
    return;

  dialog = od_post_dialog_new_for_edit (widget, self->repository, self->actor, self->update);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gpointer
delete_update_func (OdRepository  *repository,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Request *request = data;
  gint64 journal_id;

  if (!od_repository_delete_update (repository, request->actor, request->update_id, error))
    return NULL;

  journal_id = od_find_last_journal_entry (repository, request->organization_id, "update.delete",
                                           od_member_get_id (request->actor));

  return g_memdup2 (&journal_id, sizeof journal_id);
}

/* widget: the window */
static void
update_deleted (GtkWidget    *widget,
                gpointer      result,
                const GError *error)
{
  g_autoptr(Reply) reply = result;
  g_autofree char *title = NULL;

  if (reply == NULL)
    {
      od_widget_show_toast (widget, error != NULL ? error->message : NULL);
      return;
    }

  /* Translators: a toast after an update was deleted, with an Undo button */
  title = g_strdup_printf (_("Update “%s” deleted"), reply->request->text);

  if (reply->journal_id > 0)
    {
      g_autoptr(OdUndo) undo = od_undo_new_for_journal (reply->request->repository, reply->request->actor,
                                                        reply->journal_id);
      od_undo_show_toast (undo, widget, title);
    }
  else
    {
      od_widget_show_toast (widget, title);
    }
}

static void
delete_response_cb (OdUpdateRow      *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "delete") != 0 || self->update == NULL || self->actor == NULL)
    return;

  row_run (self, toast_target (self), NULL, delete_update_func,
           request_new (self, 0, od_update_get_title (self->update)), update_deleted);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OdUpdateRow *self = OD_UPDATE_ROW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->update == NULL)
    return;

  /* Translators: the question before an update is deleted */
  heading = g_strdup_printf (_("Delete “%s”?"), od_update_get_title (self->update));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Its comments and reactions are deleted with it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
od_update_row_dispose (GObject *object)
{
  OdUpdateRow *self = (OdUpdateRow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_UPDATE_ROW);

  G_OBJECT_CLASS (od_update_row_parent_class)->dispose (object);
}

static void
od_update_row_finalize (GObject *object)
{
  OdUpdateRow *self = (OdUpdateRow *)object;

  g_clear_object (&self->repository);
  g_clear_object (&self->actor);
  g_clear_object (&self->update);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->reaction_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (od_update_row_parent_class)->finalize (object);
}

static void
od_update_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OdUpdateRow *self = OD_UPDATE_ROW (object);

  switch (prop_id)
    {
    case PROP_UPDATE:
      g_value_set_object (value, self->update);
      break;

    case PROP_EXPANDED:
      g_value_set_boolean (value, od_update_row_get_expanded (self));
      break;

    case PROP_DRAFT:
      g_value_set_string (value, od_update_row_get_draft (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_update_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OdUpdateRow *self = OD_UPDATE_ROW (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      od_update_row_set_expanded (self, g_value_get_boolean (value));
      break;

    case PROP_DRAFT:
      od_update_row_set_draft (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_update_row_class_init (OdUpdateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = od_update_row_dispose;
  object_class->finalize = od_update_row_finalize;
  object_class->get_property = od_update_row_get_property;
  object_class->set_property = od_update_row_set_property;

  properties[PROP_UPDATE] =
    g_param_spec_object ("update", NULL, NULL,
                         OD_TYPE_UPDATE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The comment being written */
  properties[PROP_DRAFT] =
    g_param_spec_string ("draft", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OD_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-update-row.ui");
  gtk_widget_class_bind_template_child (widget_class, OdUpdateRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, OdUpdateRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, OdUpdateRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, OdUpdateRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, OdUpdateRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, OdUpdateRow, tags_box);
  gtk_widget_class_bind_template_child (widget_class, OdUpdateRow, content_box);
  gtk_widget_class_bind_template_child (widget_class, OdUpdateRow, reactions_box);
  gtk_widget_class_bind_template_child (widget_class, OdUpdateRow, comments_button);
  gtk_widget_class_bind_template_child (widget_class, OdUpdateRow, comments_arrow);
  gtk_widget_class_bind_template_child (widget_class, OdUpdateRow, comments_label);
  gtk_widget_class_bind_template_child (widget_class, OdUpdateRow, comments_revealer);
  gtk_widget_class_bind_template_child (widget_class, OdUpdateRow, comments_list);
  gtk_widget_class_bind_template_child (widget_class, OdUpdateRow, compose_box);
  gtk_widget_class_bind_template_child (widget_class, OdUpdateRow, comment_entry);
  gtk_widget_class_bind_template_callback (widget_class, comments_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, comments_revealed_cb);
  gtk_widget_class_bind_template_callback (widget_class, comment_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, comment_changed_cb);

  gtk_widget_class_install_action (widget_class, "update.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "update.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "update.comment", NULL, comment_action);
}

static void
od_update_row_init (OdUpdateRow *self)
{
  const char * const *choices = od_reaction_get_choices ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->reaction_buttons = g_ptr_array_new ();

  for (guint i = 0; choices[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();

      gtk_widget_add_css_class (button, "reaction");
      g_object_set_data (G_OBJECT (button), "od-emoji", (gpointer)choices[i]);
      g_signal_connect_object (button, "toggled", G_CALLBACK (reaction_button_toggled_cb),
                               self, G_CONNECT_SWAPPED);
      od_wrap_box_append (OD_WRAP_BOX (self->reactions_box), button);
      g_ptr_array_add (self->reaction_buttons, button);
      set_reaction (self, i, 0, FALSE);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "update.comment", FALSE);
  update_comments_button (self);
}

GtkWidget *
od_update_row_new (OdRepository *repository,
                   OdMember     *actor)
{
  OdUpdateRow *self;

  g_return_val_if_fail (!repository || OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (!actor || OD_IS_MEMBER (actor), NULL);

  self = g_object_new (OD_TYPE_UPDATE_ROW, NULL);
  g_set_object (&self->repository, repository);
  g_set_object (&self->actor, actor);

  return GTK_WIDGET (self);
}
