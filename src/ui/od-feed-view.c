/* od-feed-view.c — an updates feed, newest first, that loads more as it is scrolled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The feed holds only the pages it has read: the first one, then one more each time the
 * scrolled window it sits in reaches its bottom edge (or "Load More Updates" is pressed), read
 * with a keyset seek after the last update shown (od_repository_list_updates_page), together
 * with each update's reactions, on the repository's worker.
 *
 * After a change (od_feed_view_refresh) the same number of newest updates is read again and
 * the rows are updated in place: a row for an update that is still there keeps its widget, so
 * comments someone opened stay open and focus stays where it was.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-comment.h"
#include "od-feed-util.h"
#include "od-member.h"
#include "od-feed-view.h"
#include "od-update.h"
#include "od-update-row.h"

#define PAGE_SIZE 20

struct _OdFeedView
{
  AdwBin             parent_instance;

  OdRepository      *repository;
  OdMember          *actor;
  gint64             organization_id;
  gint64             team_id;
  GListStore        *updates;          /* OdUpdate, as shown */
  GHashTable        *rows;             /* update id → OdUpdateRow (owned by the list) */
  GCancellable      *cancellable;
  GtkScrolledWindow *scroller;
  gulong             edge_handler;
  guint              generation;

  /* Template widgets */
  GtkListBox        *list;
  AdwStatusPage     *empty_status;
  GtkLabel          *error_label;
  GtkSpinner        *spinner;
  GtkWidget         *more_button;

  guint              loading : 1;
  guint              has_more : 1;
  guint              refresh_pending : 1;
  guint              loaded_once : 1;
};

G_DEFINE_FINAL_TYPE (OdFeedView, od_feed_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TEAM_ID,
  PROP_LOADING,
  PROP_HAS_MORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  guint      generation;
  gboolean   append;
  gint64     organization_id;
  gint64     team_id;
  gint64     actor_id;
  gint64     before_created_at;
  gint64     before_id;
  guint      limit;

  /* The answer */
  GPtrArray *updates;       /* OdUpdate */
  GPtrArray *reactions;     /* GListModel of OdReaction, one per update */
  gboolean   has_more;
} Page;

static void
page_free (Page *page)
{
  g_clear_pointer (&page->updates, g_ptr_array_unref);
  g_clear_pointer (&page->reactions, g_ptr_array_unref);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Page, page_free)

static gpointer
page_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Page *request = data;
  g_autoptr(Page) page = g_new0 (Page, 1);
  g_autoptr(GListModel) updates = NULL;
  guint n;

  *page = *request;
  page->updates = g_ptr_array_new_with_free_func (g_object_unref);
  page->reactions = g_ptr_array_new_with_free_func (g_object_unref);

  /* One more than asked tells whether there is more */
  updates = od_repository_list_updates_page (repository, request->organization_id, request->team_id,
                                             request->before_created_at, request->before_id,
                                             request->limit + 1, error);
  if (updates == NULL)
    return NULL;

  n = g_list_model_get_n_items (updates);
  page->has_more = n > request->limit;
  n = MIN (n, request->limit);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdUpdate) update = g_list_model_get_item (updates, i);
      GListModel *reactions;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      reactions = od_repository_list_reactions (repository, od_update_get_id (update),
                                                request->actor_id, error);
      if (reactions == NULL)
        return NULL;

      g_ptr_array_add (page->updates, g_steal_pointer (&update));
      g_ptr_array_add (page->reactions, reactions);
    }

  return g_steal_pointer (&page);
}

static void
set_loading (OdFeedView *self,
             gboolean    loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feed.load-more", !loading && self->has_more);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_has_more (OdFeedView *self,
              gboolean    has_more)
{
  gtk_widget_set_visible (self->more_button, has_more);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feed.load-more", !self->loading && has_more);

  if (self->has_more == !!has_more)
    return;

  self->has_more = !!has_more;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

static GtkWidget *
create_row (OdFeedView *self,
            OdUpdate   *update,
            GListModel *reactions)
{
  GtkWidget *row = od_update_row_new (self->repository, self->actor);

  od_update_row_set_update (OD_UPDATE_ROW (row), update, reactions);
  g_hash_table_insert (self->rows, g_memdup2 (&(gint64){ od_update_get_id (update) }, sizeof (gint64)),
                       row);

  return row;
}

static void
remove_row (OdFeedView *self,
            gint64      id)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, &id);

  if (row == NULL)
    return;

  g_hash_table_remove (self->rows, &id);
  gtk_list_box_remove (self->list, row);
}

static void
update_empty (OdFeedView *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->updates)) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->list), !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_status),
                          empty && self->loaded_once && !gtk_widget_get_visible (GTK_WIDGET (self->error_label)));
}

/* The newest updates again: rows of updates still there are given the new snapshot in place */
static void
apply_refresh (OdFeedView *self,
               Page       *page)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GList) shown = g_hash_table_get_keys (self->rows);
  g_autofree gint64 *new_ids = g_new0 (gint64, page->updates->len + 1);

  for (guint i = 0; i < page->updates->len; i++)
    {
      new_ids[i] = od_update_get_id (g_ptr_array_index (page->updates, i));
      g_hash_table_add (ids, &new_ids[i]);
    }

  for (GList *l = shown; l != NULL; l = l->next)
    {
      gint64 id = *(gint64 *)l->data;

      if (!g_hash_table_contains (ids, &id))
        remove_row (self, id);
    }

  for (guint i = 0; i < page->updates->len; i++)
    {
      OdUpdate *update = g_ptr_array_index (page->updates, i);
      GListModel *reactions = g_ptr_array_index (page->reactions, i);
      GtkWidget *row = g_hash_table_lookup (self->rows, &new_ids[i]);

      if (row == NULL)
        {
          gtk_list_box_insert (self->list, create_row (self, update, reactions), i);
          continue;
        }

      od_update_row_set_update (OD_UPDATE_ROW (row), update, reactions);

      if (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) != (int)i)
        {
          g_object_ref (row);
          gtk_list_box_remove (self->list, row);
          gtk_list_box_insert (self->list, row, i);
          g_object_unref (row);
        }
    }

  g_list_store_splice (self->updates, 0, g_list_model_get_n_items (G_LIST_MODEL (self->updates)),
                       page->updates->pdata, page->updates->len);
}

static void
apply_append (OdFeedView *self,
              Page       *page)
{
  for (guint i = 0; i < page->updates->len; i++)
    {
      OdUpdate *update = g_ptr_array_index (page->updates, i);
      gint64 id = od_update_get_id (update);

      if (g_hash_table_contains (self->rows, &id))
        continue;

      gtk_list_box_append (self->list, create_row (self, update, g_ptr_array_index (page->reactions, i)));
      g_list_store_append (self->updates, update);
    }
}

static void start_load (OdFeedView *self,
                        gboolean    append);

static void
page_loaded (GtkWidget    *widget,
             gpointer      result,
             const GError *error)
{
  OdFeedView *self = OD_FEED_VIEW (widget);
  g_autoptr(Page) page = result;

  /* The answer to a question asked before the feed started again (another team, organization) */
  if (page != NULL && page->generation != self->generation)
    return;

  set_loading (self, FALSE);

  if (page == NULL)
    {
      gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      update_empty (self);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  self->loaded_once = TRUE;

  if (page->append)
    apply_append (self, page);
  else
    apply_refresh (self, page);

  set_has_more (self, page->has_more);
  update_empty (self);

  if (self->refresh_pending)
    {
      self->refresh_pending = FALSE;
      start_load (self, FALSE);
    }
}

static void
start_load (OdFeedView *self,
            gboolean    append)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->updates));
  Page *request;

  if (self->repository == NULL || self->organization_id == 0 || self->actor == NULL)
    return;

  if (self->loading)
    {
      /* One question at a time; a refresh asked meanwhile runs after it */
      if (!append)
        self->refresh_pending = TRUE;
      return;
    }

  request = g_new0 (Page, 1);
  request->generation = self->generation;
  request->append = append;
  request->organization_id = self->organization_id;
  request->team_id = self->team_id;
  request->actor_id = od_member_get_id (self->actor);

  if (append && n_shown > 0)
    {
      g_autoptr(OdUpdate) last = g_list_model_get_item (G_LIST_MODEL (self->updates), n_shown - 1);

      request->before_created_at = od_update_get_created_at (last);
      request->before_id = od_update_get_id (last);
      request->limit = PAGE_SIZE;
    }
  else
    {
      request->append = FALSE;
      request->limit = MAX (PAGE_SIZE, n_shown);
    }

  set_loading (self, TRUE);
  od_widget_run (GTK_WIDGET (self), self->repository, self->cancellable, page_func,
                 request, g_free, (GDestroyNotify)page_free, page_loaded);
}

static void
reset (OdFeedView *self)
{
  GHashTableIter iter;
  gpointer row;

  self->generation++;
  self->refresh_pending = FALSE;
  self->loaded_once = FALSE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    {
      g_hash_table_iter_remove (&iter);
      gtk_list_box_remove (self->list, row);
    }
  g_list_store_remove_all (self->updates);

  set_loading (self, FALSE);
  set_has_more (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_empty (self);

  start_load (self, FALSE);
}

gboolean
od_feed_view_set_source (OdFeedView   *self,
                         OdRepository *repository,
                         gint64        organization_id,
                         OdMember     *actor)
{
  gboolean same_actor;

  g_return_val_if_fail (OD_IS_FEED_VIEW (self), FALSE);
  g_return_val_if_fail (!repository || OD_IS_REPOSITORY (repository), FALSE);
  g_return_val_if_fail (!actor || OD_IS_MEMBER (actor), FALSE);

  /* A newer snapshot of the same member with the same role changes nothing shown */
  same_actor = (self->actor == NULL && actor == NULL) ||
               (self->actor != NULL && actor != NULL &&
                od_member_get_id (self->actor) == od_member_get_id (actor) &&
                od_member_get_role (self->actor) == od_member_get_role (actor));

  if (self->repository == repository && self->organization_id == organization_id && same_actor)
    return FALSE;

  g_set_object (&self->repository, repository);
  g_set_object (&self->actor, actor);
  self->organization_id = organization_id;

  reset (self);

  return TRUE;
}

gint64
od_feed_view_get_team_id (OdFeedView *self)
{
  g_return_val_if_fail (OD_IS_FEED_VIEW (self), OD_FEED_VIEW_ALL_UPDATES);

  return self->team_id;
}

void
od_feed_view_set_team_id (OdFeedView *self,
                          gint64      team_id)
{
  g_return_if_fail (OD_IS_FEED_VIEW (self));

  if (team_id < 0)
    team_id = OD_FEED_VIEW_ALL_UPDATES;

  if (self->team_id == team_id)
    return;

  self->team_id = team_id;
  reset (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEAM_ID]);
}

void
od_feed_view_set_empty_text (OdFeedView *self,
                             const char *title,
                             const char *description)
{
  g_return_if_fail (OD_IS_FEED_VIEW (self));

  adw_status_page_set_title (self->empty_status, title);
  adw_status_page_set_description (self->empty_status, description);
}

void
od_feed_view_refresh (OdFeedView *self)
{
  g_return_if_fail (OD_IS_FEED_VIEW (self));

  start_load (self, FALSE);
}

void
od_feed_view_load_more (OdFeedView *self)
{
  g_return_if_fail (OD_IS_FEED_VIEW (self));

  if (self->has_more && !self->loading)
    start_load (self, TRUE);
}

GListModel *
od_feed_view_get_model (OdFeedView *self)
{
  g_return_val_if_fail (OD_IS_FEED_VIEW (self), NULL);

  return G_LIST_MODEL (self->updates);
}

gboolean
od_feed_view_get_loading (OdFeedView *self)
{
  g_return_val_if_fail (OD_IS_FEED_VIEW (self), FALSE);

  return self->loading;
}

gboolean
od_feed_view_get_has_more (OdFeedView *self)
{
  g_return_val_if_fail (OD_IS_FEED_VIEW (self), FALSE);

  return self->has_more;
}

GtkWidget *
od_feed_view_get_row (OdFeedView *self,
                      guint       position)
{
  g_return_val_if_fail (OD_IS_FEED_VIEW (self), NULL);

  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, position));
}

static void
load_more_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  od_feed_view_load_more (OD_FEED_VIEW (widget));
}

static void
edge_reached_cb (OdFeedView        *self,
                 GtkPositionType    position,
                 GtkScrolledWindow *scroller)
{
  if (position == GTK_POS_BOTTOM && gtk_widget_get_mapped (GTK_WIDGET (self)))
    od_feed_view_load_more (self);
}

/* Loading more follows the scrolled window the feed is in, whichever page that is */
static void
od_feed_view_root (GtkWidget *widget)
{
  OdFeedView *self = OD_FEED_VIEW (widget);
  GtkWidget *scroller;

  GTK_WIDGET_CLASS (od_feed_view_parent_class)->root (widget);

  scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scroller != NULL)
    {
      self->scroller = GTK_SCROLLED_WINDOW (scroller);
      self->edge_handler = g_signal_connect_object (scroller, "edge-reached",
                                                    G_CALLBACK (edge_reached_cb), self,
                                                    G_CONNECT_SWAPPED);
    }
}

static void
od_feed_view_unroot (GtkWidget *widget)
{
  OdFeedView *self = OD_FEED_VIEW (widget);

  if (self->scroller != NULL)
    g_clear_signal_handler (&self->edge_handler, self->scroller);
  self->scroller = NULL;

  GTK_WIDGET_CLASS (od_feed_view_parent_class)->unroot (widget);
}

static void
od_feed_view_dispose (GObject *object)
{
  OdFeedView *self = (OdFeedView *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->rows != NULL)
    g_hash_table_remove_all (self->rows);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_FEED_VIEW);

  G_OBJECT_CLASS (od_feed_view_parent_class)->dispose (object);
}

static void
od_feed_view_finalize (GObject *object)
{
  OdFeedView *self = (OdFeedView *)object;

  g_clear_object (&self->repository);
  g_clear_object (&self->actor);
  g_clear_object (&self->updates);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (od_feed_view_parent_class)->finalize (object);
}

static void
od_feed_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  OdFeedView *self = OD_FEED_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEAM_ID:
      g_value_set_int64 (value, self->team_id);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_feed_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  OdFeedView *self = OD_FEED_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEAM_ID:
      od_feed_view_set_team_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_feed_view_class_init (OdFeedViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = od_feed_view_dispose;
  object_class->finalize = od_feed_view_finalize;
  object_class->get_property = od_feed_view_get_property;
  object_class->set_property = od_feed_view_set_property;

  widget_class->root = od_feed_view_root;
  widget_class->unroot = od_feed_view_unroot;

  properties[PROP_TEAM_ID] =
    g_param_spec_int64 ("team-id", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HAS_MORE] =
    g_param_spec_boolean ("has-more", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-feed-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OdFeedView, list);
  gtk_widget_class_bind_template_child (widget_class, OdFeedView, empty_status);
  gtk_widget_class_bind_template_child (widget_class, OdFeedView, error_label);
  gtk_widget_class_bind_template_child (widget_class, OdFeedView, spinner);
  gtk_widget_class_bind_template_child (widget_class, OdFeedView, more_button);

  gtk_widget_class_install_action (widget_class, "feed.load-more", NULL, load_more_action);
}

static void
od_feed_view_init (OdFeedView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->team_id = OD_FEED_VIEW_ALL_UPDATES;
  self->updates = g_list_store_new (OD_TYPE_UPDATE);
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feed.load-more", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
  od_button_use_accessible_label (self->more_button);
}

GtkWidget *
od_feed_view_new (void)
{
  return g_object_new (OD_TYPE_FEED_VIEW, NULL);
}
