/* od-feed-view.c — an updates feed, newest first, as a list view over a lazy list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The updates are od_repository_list_updates_paged(): a GListModel that knows its row count and
 * reads pages of rows (each with its comment count) only for the positions the GtkListView asks
 * for. Making it runs one count(*) on the repository's worker; after that the list re-counts on
 * the repository's "changed" signal itself and reports only the positions that changed.
 *
 * A GtkListView makes row widgets (OdUpdateRow) for the rows on screen and more around them
 * (GTK 4.8 keeps about 200), and reuses them as it scrolls: bind gives a row its update, and the
 * row reads that update's reactions on the repository's worker. Only the first few rows are made at once;
 * the others are made a few at a time when the main loop is idle, in the order the list view
 * asked for them, so the first rows are drawn before the rest are built. What a person opened or typed in a row (comments shown, a half-written comment)
 * belongs to the update, not to the reused widget: the feed keeps it in `states`, keyed by update
 * id, and gives it back when the update is bound again. When a change replaces the row that has
 * the focus, the focus goes to the same control of the row that now shows that update.
 *
 * The list's first item is the feed's head: what the page shows above the updates (see
 * od_feed_view_take_enclosing_scroller()), then the empty state, an error and a spinner.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-feed-util.h"
#include "od-feed-view.h"
#include "od-member.h"
#include "od-paged-list.h"
#include "od-update.h"
#include "od-update-row.h"

/* Rows made as soon as they are bound, at most a screenful at a time (a change replaces a row
 * or two; opening the feed asks for about 200); the others wait for an idle main loop */
#define N_ROWS_AT_ONCE 6
#define N_ROWS_PER_IDLE 4

typedef struct
{
  gboolean  expanded;
  char     *draft;
} RowState;

struct _OdFeedView
{
  AdwBin              parent_instance;

  OdRepository       *repository;
  OdMember           *actor;
  gint64              organization_id;
  gint64              team_id;
  GListModel         *updates;         /* the lazy list shown, or an empty store */
  GListStore         *updates_holder;  /* holds `updates`, for a model that stays the same */
  GListModel         *updates_flat;    /* OdUpdate items: what od_feed_view_get_model() gives */
  GObject            *head_item;       /* the list's first item */
  GtkNoSelection     *selection;       /* the head item, then the updates */
  GHashTable         *states;          /* update id → RowState */
  GHashTable         *bound;           /* update id → OdUpdateRow showing it */
  GCancellable       *cancellable;
  gulong              changed_handler;
  gulong              updates_handler;
  guint               n_row_widgets;
  GQueue              waiting;         /* GtkListItems bound before their row was made */
  guint               make_rows_source;
  guint               n_made_now;      /* rows made since the main loop was last idle */
  guint               idle_source;
  char               *head_name;       /* how the first item reads to a screen reader */
  gint64              focus_update_id; /* the row that had the focus before a change */
  char               *focus_part;

  /* Template widgets */
  GtkScrolledWindow  *scroller;
  AdwClampScrollable *clamp;
  GtkListView        *list;
  GtkWidget          *head;
  GtkBox             *header_slot;
  AdwStatusPage      *empty_status;
  GtkLabel           *error_label;
  GtkSpinner         *spinner;

  guint               loading : 1;
  guint               loaded_once : 1;
  guint               binding : 1;
};

G_DEFINE_FINAL_TYPE (OdFeedView, od_feed_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TEAM_ID,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
row_state_free (RowState *state)
{
  g_free (state->draft);
  g_free (state);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
update_empty (OdFeedView *self)
{
  gboolean empty = g_list_model_get_n_items (self->updates_flat) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->empty_status),
                          empty && self->loaded_once && !gtk_widget_get_visible (GTK_WIDGET (self->error_label)));
}

/* Rows, their state and the focus */

static void
forget_row (OdFeedView  *self,
            OdUpdateRow *row)
{
  OdUpdate *update = od_update_row_get_update (row);
  gint64 id;

  if (update == NULL)
    return;

  id = od_update_get_id (update);
  if (g_hash_table_lookup (self->bound, &id) == row)
    g_hash_table_remove (self->bound, &id);
}

/* A row's comments were opened or closed, or its draft changed: remember it for that update */
static void
row_state_cb (OdFeedView  *self,
              GParamSpec  *pspec,
              OdUpdateRow *row)
{
  OdUpdate *update = od_update_row_get_update (row);
  const char *draft = od_update_row_get_draft (row);
  gboolean expanded = od_update_row_get_expanded (row);
  RowState *state;
  gint64 id;

  if (self->binding || update == NULL)
    return;

  id = od_update_get_id (update);
  if (!expanded && (draft == NULL || *draft == '\0'))
    {
      g_hash_table_remove (self->states, &id);
      return;
    }

  state = g_new0 (RowState, 1);
  state->expanded = expanded;
  state->draft = g_strdup (draft);
  g_hash_table_insert (self->states, g_memdup2 (&id, sizeof id), state);
}

static void
restore_focus (OdFeedView *self)
{
  OdUpdateRow *row;

  if (self->focus_part == NULL)
    return;

  row = g_hash_table_lookup (self->bound, &self->focus_update_id);
  if (row == NULL)
    return;

  if (!gtk_widget_has_focus (GTK_WIDGET (row)) &&
      gtk_widget_get_focus_child (GTK_WIDGET (row)) == NULL)
    od_update_row_restore_focus (row, self->focus_part);

  g_clear_pointer (&self->focus_part, g_free);
}

static OdUpdateRow *
make_row (OdFeedView  *self,
          GtkListItem *item)
{
  GtkWidget *row = od_update_row_new (self->repository, self->actor);

  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_bottom (row, 12);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (row_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "notify::draft", G_CALLBACK (row_state_cb), self, G_CONNECT_SWAPPED);

  /* The item keeps its row while it shows the head instead */
  g_object_set_data_full (G_OBJECT (item), "od-row", g_object_ref_sink (row), g_object_unref);
  self->n_row_widgets++;

  return OD_UPDATE_ROW (row);
}

static gboolean
main_loop_idle_cb (gpointer data)
{
  OdFeedView *self = data;

  self->n_made_now = 0;
  self->idle_source = 0;
  return G_SOURCE_REMOVE;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          OdFeedView               *self)
{
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void bind_update (OdFeedView  *self,
                         GtkListItem *item,
                         OdUpdateRow *row,
                         OdUpdate    *update);

static gboolean
make_rows_cb (gpointer data)
{
  OdFeedView *self = data;

  for (guint i = 0; i < N_ROWS_PER_IDLE && !g_queue_is_empty (&self->waiting); i++)
    {
      GtkListItem *item = g_queue_pop_head (&self->waiting);
      gpointer object = gtk_list_item_get_item (item);

      if (OD_IS_UPDATE (object) && g_object_get_data (G_OBJECT (item), "od-row") == NULL)
        bind_update (self, item, make_row (self, item), object);
    }

  if (!g_queue_is_empty (&self->waiting))
    return G_SOURCE_CONTINUE;

  self->make_rows_source = 0;
  return G_SOURCE_REMOVE;
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         OdFeedView               *self)
{
  gpointer object = gtk_list_item_get_item (item);
  OdUpdateRow *row = g_object_get_data (G_OBJECT (item), "od-row");

  if (object == self->head_item)
    {
      GtkWidget *owner;

      gtk_list_item_set_child (item, self->head);
      owner = gtk_widget_get_parent (self->head);
      if (owner != NULL)
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (owner),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, self->head_name,
                                          -1);
          gtk_accessible_reset_property (GTK_ACCESSIBLE (owner), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
        }
      return;
    }

  if (!OD_IS_UPDATE (object))
    return;

  if (row == NULL && self->n_made_now < N_ROWS_AT_ONCE)
    {
      self->n_made_now++;
      if (self->idle_source == 0)
        self->idle_source = g_idle_add (main_loop_idle_cb, self);
    }
  else if (row == NULL)
    {
      if (g_queue_find (&self->waiting, item) == NULL)
        g_queue_push_tail (&self->waiting, item);
      if (self->make_rows_source == 0)
        self->make_rows_source = g_idle_add (make_rows_cb, self);
      return;
    }

  bind_update (self, item, row != NULL ? row : make_row (self, item), OD_UPDATE (object));
}

static void
bind_update (OdFeedView  *self,
             GtkListItem *item,
             OdUpdateRow *row,
             OdUpdate    *update)
{
  RowState *state;
  gint64 id;

  if (gtk_list_item_get_child (item) != GTK_WIDGET (row))
    gtk_list_item_set_child (item, GTK_WIDGET (row));

  id = od_update_get_id (update);
  state = g_hash_table_lookup (self->states, &id);

  self->binding = TRUE;
  od_update_row_set_source (row, self->repository, self->actor);
  od_update_row_set_update (row, update);
  if (state != NULL)
    {
      od_update_row_set_draft (row, state->draft);
      od_update_row_set_expanded (row, state->expanded);
    }
  self->binding = FALSE;

  g_hash_table_insert (self->bound, g_memdup2 (&id, sizeof id), row);

  if (self->focus_part != NULL && self->focus_update_id == id)
    restore_focus (self);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           OdFeedView               *self)
{
  OdUpdateRow *row = g_object_get_data (G_OBJECT (item), "od-row");

  if (gtk_list_item_get_child (item) == self->head)
    {
      gtk_list_item_set_child (item, NULL);
      return;
    }

  if (row != NULL)
    forget_row (self, row);
}

static void
teardown_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             OdFeedView               *self)
{
  OdUpdateRow *row = g_object_get_data (G_OBJECT (item), "od-row");

  g_queue_remove (&self->waiting, item);
  if (gtk_list_item_get_child (item) == self->head)
    gtk_list_item_set_child (item, NULL);
  if (row != NULL)
    {
      forget_row (self, row);
      g_object_set_data (G_OBJECT (item), "od-row", NULL);
      self->n_row_widgets--;
    }
}

/* Before the list view replaces rows: which update's row has the focus, and where */
static void
items_changing_cb (OdFeedView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->list));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, OD_TYPE_UPDATE_ROW) : NULL;

  g_clear_pointer (&self->focus_part, g_free);

  if (row == NULL || !gtk_widget_is_ancestor (row, GTK_WIDGET (self->list)) ||
      od_update_row_get_update (OD_UPDATE_ROW (row)) == NULL)
    return;

  self->focus_update_id = od_update_get_id (od_update_row_get_update (OD_UPDATE_ROW (row)));
  self->focus_part = od_update_row_save_focus (OD_UPDATE_ROW (row));
}

/* Reactions are not part of an update's row in the list: the rows shown read theirs again, each
 * on the worker */
static void
refresh_reactions (OdFeedView *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    od_update_row_reload_reactions (OD_UPDATE_ROW (value));
}

static void
repository_changed_cb (OdFeedView   *self,
                       gint64        organization_id,
                       const char   *area,
                       OdRepository *repository)
{
  if ((organization_id == self->organization_id || organization_id == 0) &&
      (area == NULL || g_str_equal (area, "updates")))
    refresh_reactions (self);
}

/* Loading */

static void
set_updates (OdFeedView *self,
             GListModel *updates)
{
  if (self->updates != NULL)
    g_clear_signal_handler (&self->updates_handler, self->updates);
  g_set_object (&self->updates, updates);
  self->updates_handler = g_signal_connect_object (updates, "items-changed", G_CALLBACK (update_empty),
                                                   self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_list_store_splice (self->updates_holder, 0, g_list_model_get_n_items (G_LIST_MODEL (self->updates_holder)),
                       (gpointer *) &updates, 1);
}

typedef struct
{
  gint64 organization_id;
  gint64 team_id;
} ListRequest;

static gpointer
make_list_func (OdRepository  *repository,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  ListRequest *request = data;

  /* Counts the rows and nothing else; the list view asks for the rows it shows */
  return od_repository_list_updates_paged (repository, request->organization_id, request->team_id, error);
}

static void
list_made (GtkWidget    *widget,
           gpointer      result,
           const GError *error)
{
  OdFeedView *self = OD_FEED_VIEW (widget);
  g_autoptr(GListModel) updates = result;

  set_loading (self, FALSE);

  if (updates == NULL)
    {
      gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      update_empty (self);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  self->loaded_once = TRUE;
  set_updates (self, updates);
  update_empty (self);
}

static void
scroll_to_top (OdFeedView *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->clamp));

  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
reset (OdFeedView *self)
{
  g_autoptr(GListStore) none = g_list_store_new (OD_TYPE_UPDATE);
  ListRequest *request;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->loaded_once = FALSE;
  set_updates (self, G_LIST_MODEL (none));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_loading (self, FALSE);
  update_empty (self);
  scroll_to_top (self);

  if (self->repository == NULL || self->organization_id == 0 || self->actor == NULL)
    return;

  request = g_new0 (ListRequest, 1);
  request->organization_id = self->organization_id;
  request->team_id = self->team_id;

  set_loading (self, TRUE);
  od_widget_run (GTK_WIDGET (self), self->repository, self->cancellable, make_list_func,
                 request, g_free, g_object_unref, list_made);
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

  if (self->repository != repository)
    {
      if (self->repository != NULL)
        g_clear_signal_handler (&self->changed_handler, self->repository);
      if (repository != NULL)
        self->changed_handler = g_signal_connect_object (repository, "changed",
                                                         G_CALLBACK (repository_changed_cb), self,
                                                         G_CONNECT_SWAPPED);
    }

  g_set_object (&self->repository, repository);
  g_set_object (&self->actor, actor);
  self->organization_id = organization_id;
  g_hash_table_remove_all (self->states);

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

/* The page's scroller is going, with the list in it: give back what the head holds (it holds
 * the feed itself, which holds the head) */
static void
list_destroy_cb (OdFeedView *self)
{
  GtkWidget *child;

  g_object_ref (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->header_slot))) != NULL)
    gtk_box_remove (self->header_slot, child);
  g_object_unref (self);
}

void
od_feed_view_take_enclosing_scroller (OdFeedView *self,
                                      const char *name)
{
  GtkWidget *parent;
  GtkWidget *scroller;
  GtkWidget *content;
  g_autoptr(GtkWidget) page_content = NULL;
  g_autoptr(GtkWidget) clamp = NULL;

  g_return_if_fail (OD_IS_FEED_VIEW (self));
  g_return_if_fail (name != NULL);

  g_free (self->head_name);
  self->head_name = g_strdup (name);

  parent = gtk_widget_get_parent (GTK_WIDGET (self));
  scroller = parent != NULL ? gtk_widget_get_ancestor (parent, GTK_TYPE_SCROLLED_WINDOW) : NULL;
  g_return_if_fail (scroller != NULL);

  /* What the page's scroller showed (a scrolled window puts a viewport around it) */
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  if (GTK_IS_VIEWPORT (content))
    {
      page_content = g_object_ref (gtk_viewport_get_child (GTK_VIEWPORT (content)));
      gtk_viewport_set_child (GTK_VIEWPORT (content), NULL);
    }
  else
    {
      page_content = g_object_ref (content);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), NULL);
    }

  /* The list clamps its items: a clamp around the page's content takes its sizes to the list */
  if (ADW_IS_CLAMP (page_content))
    {
      AdwClamp *page_clamp = ADW_CLAMP (page_content);
      GtkWidget *inner = g_object_ref (adw_clamp_get_child (page_clamp));

      adw_clamp_scrollable_set_maximum_size (self->clamp, adw_clamp_get_maximum_size (page_clamp));
      adw_clamp_scrollable_set_tightening_threshold (self->clamp, adw_clamp_get_tightening_threshold (page_clamp));
      adw_clamp_set_child (page_clamp, NULL);
      g_object_unref (page_content);
      page_content = inner;
    }

  /* The list scrolls in the page's scroller; the page's content is its first item */
  clamp = g_object_ref (GTK_WIDGET (self->clamp));
  gtk_scrolled_window_set_child (self->scroller, NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);

  gtk_box_append (self->header_slot, page_content);
  gtk_widget_set_visible (GTK_WIDGET (self->header_slot), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);

  g_signal_connect_object (self->list, "destroy", G_CALLBACK (list_destroy_cb), self, G_CONNECT_SWAPPED);
}

void
od_feed_view_refresh (OdFeedView *self)
{
  g_return_if_fail (OD_IS_FEED_VIEW (self));

  if (OD_IS_PAGED_LIST (self->updates))
    od_paged_list_reload (OD_PAGED_LIST (self->updates));
  refresh_reactions (self);
}

GListModel *
od_feed_view_get_model (OdFeedView *self)
{
  g_return_val_if_fail (OD_IS_FEED_VIEW (self), NULL);

  return self->updates_flat;
}

gboolean
od_feed_view_get_loading (OdFeedView *self)
{
  g_return_val_if_fail (OD_IS_FEED_VIEW (self), FALSE);

  return self->loading;
}

GtkWidget *
od_feed_view_get_row (OdFeedView *self,
                      guint       position)
{
  g_autoptr(OdUpdate) update = NULL;
  gint64 id;

  g_return_val_if_fail (OD_IS_FEED_VIEW (self), NULL);

  if (position >= g_list_model_get_n_items (self->updates_flat))
    return NULL;

  update = g_list_model_get_item (self->updates_flat, position);
  if (update == NULL)
    return NULL;

  id = od_update_get_id (update);
  return g_hash_table_lookup (self->bound, &id);
}

guint
od_feed_view_get_n_row_widgets (OdFeedView *self)
{
  g_return_val_if_fail (OD_IS_FEED_VIEW (self), 0);

  return self->n_row_widgets;
}

static void
od_feed_view_dispose (GObject *object)
{
  OdFeedView *self = (OdFeedView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->make_rows_source, g_source_remove);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->repository != NULL)
    g_clear_signal_handler (&self->changed_handler, self->repository);
  if (self->updates != NULL)
    g_clear_signal_handler (&self->updates_handler, self->updates);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_FEED_VIEW);
  g_queue_clear (&self->waiting);

  G_OBJECT_CLASS (od_feed_view_parent_class)->dispose (object);
}

static void
od_feed_view_finalize (GObject *object)
{
  OdFeedView *self = (OdFeedView *)object;

  g_clear_object (&self->repository);
  g_clear_object (&self->actor);
  g_clear_object (&self->updates);
  g_clear_object (&self->updates_holder);
  g_clear_object (&self->updates_flat);
  g_clear_object (&self->head_item);
  g_clear_object (&self->selection);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->states, g_hash_table_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->focus_part, g_free);
  g_clear_pointer (&self->head_name, g_free);

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

  properties[PROP_TEAM_ID] =
    g_param_spec_int64 ("team-id", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-feed-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OdFeedView, scroller);
  gtk_widget_class_bind_template_child (widget_class, OdFeedView, clamp);
  gtk_widget_class_bind_template_child (widget_class, OdFeedView, list);
  gtk_widget_class_bind_template_child (widget_class, OdFeedView, head);
  gtk_widget_class_bind_template_child (widget_class, OdFeedView, header_slot);
  gtk_widget_class_bind_template_child (widget_class, OdFeedView, empty_status);
  gtk_widget_class_bind_template_child (widget_class, OdFeedView, error_label);
  gtk_widget_class_bind_template_child (widget_class, OdFeedView, spinner);
}

static void
od_feed_view_init (OdFeedView *self)
{
  g_autoptr(GListStore) sections = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GListStore) head_items = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GListStore) none = g_list_store_new (OD_TYPE_UPDATE);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->team_id = OD_FEED_VIEW_ALL_UPDATES;
  self->head_name = g_strdup (_("State of the updates"));
  self->states = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) row_state_free);
  self->bound = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();

  /* The head item, then the updates: one list for the list view */
  self->head_item = g_object_new (G_TYPE_OBJECT, NULL);
  g_list_store_append (head_items, self->head_item);
  self->updates_holder = g_list_store_new (G_TYPE_LIST_MODEL);
  self->updates_flat = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_object_ref (self->updates_holder))));
  set_updates (self, G_LIST_MODEL (none));
  g_list_store_append (sections, head_items);
  g_list_store_append (sections, self->updates_flat);
  self->selection = gtk_no_selection_new (G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_object_ref (sections)))));

  /* Connected before the list view's own handler, and after it */
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (items_changing_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (restore_focus), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cb), self, 0);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (teardown_cb), self, 0);
  gtk_list_view_set_factory (self->list, factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));
}

GtkWidget *
od_feed_view_new (void)
{
  return g_object_new (OD_TYPE_FEED_VIEW, NULL);
}
