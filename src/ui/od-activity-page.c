/* od-activity-page.c — the organization's journal, newest first, searchable, with Undo and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The journal is a lazy list (od_repository_list_journal_paged(): search text, kind of change,
 * who made it, all done by SQL) made on the repository's worker, which reads only its count; the
 * list view then asks it for the rows it shows, a page at a time. The list counts again by itself
 * on the repository's "changed" signal and says which positions changed. Each row reads as the
 * core's sentence for the entry (od_journal_entry_describe()), and a change that can still be
 * taken back has an Undo button; the core's reason when it no longer can is shown in a toast.
 * Export writes the whole journal as CSV or JSON to a file chosen through the file chooser portal.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-activity-page.h"
#include "od-feed-util.h"
#include "od-format.h"
#include "od-journal-entry.h"
#include "od-ui-util.h"

/* How far back the first load looks for people to offer in the "Changes by" filter */
#define N_SCANNED_FOR_ACTORS 1000

struct _OdActivityPage
{
  OdPage          parent_instance;

  GListModel     *journal;           /* the lazy list of OdJournalEntry shown */
  GHashTable     *actors;            /* actor id (gint64 *) → name, seen in this organization */
  GArray         *actor_ids;         /* gint64 per item of actor_dropdown; 0 is everyone */
  gint64          actors_organization_id;
  gint64          journal_organization_id;
  OdRole          bound_role;        /* the role the rows' Undo buttons were made for */
  guint           generation;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkSearchEntry *search_entry;
  GtkDropDown    *kind_dropdown;
  GtkDropDown    *actor_dropdown;
  GtkLabel       *summary_label;
  GtkStack       *stack;
  GtkListView    *list;
  AdwStatusPage  *error_status;
  GtkSpinner     *spinner;

  guint           loading : 1;
  guint           refresh_pending : 1;
  guint           updating_actors : 1;
};

G_DEFINE_FINAL_TYPE (OdActivityPage, od_activity_page, OD_TYPE_PAGE)

/* The kinds of change, in kind_dropdown order, as journal action prefixes */
static const char * const kinds[] = {
  NULL, "member", "invitation", "team", "update", "subscription", "organization",
};


typedef struct
{
  guint       generation;
  gboolean    scan_actors;
  gint64      organization_id;
  char       *search;
  char       *kind;
  gint64      actor_id;

  /* The answer */
  GListModel *journal;       /* the lazy list: only counted so far */
  GHashTable *actors;        /* id → name, when scan_actors */
} Page;

static void
page_free (Page *page)
{
  g_free (page->search);
  g_free (page->kind);
  g_clear_object (&page->journal);
  g_clear_pointer (&page->actors, g_hash_table_unref);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Page, page_free)

static void
add_actors (GHashTable *actors,
            GListModel *entries)
{
  guint n = g_list_model_get_n_items (entries);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdJournalEntry) entry = g_list_model_get_item (entries, i);
      gint64 id = od_journal_entry_get_actor_id (entry);
      const char *name = od_journal_entry_get_actor_name (entry);

      if (id > 0 && name != NULL && *name != '\0' && !g_hash_table_contains (actors, &id))
        g_hash_table_insert (actors, g_memdup2 (&id, sizeof id), g_strdup (name));
    }
}

static gpointer
page_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Page *request = data;
  g_autoptr(Page) page = g_new0 (Page, 1);

  page->generation = request->generation;
  page->organization_id = request->organization_id;
  page->journal = od_repository_list_journal_paged (repository, request->organization_id,
                                                    request->search, request->kind,
                                                    request->actor_id, error);
  if (page->journal == NULL)
    return NULL;

  if (request->scan_actors)
    {
      g_autoptr(GListModel) recent = NULL;

      page->actors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      recent = od_repository_search_journal (repository, request->organization_id, NULL, NULL, 0, 0,
                                             N_SCANNED_FOR_ACTORS, error);
      if (recent == NULL)
        return NULL;
      add_actors (page->actors, recent);
    }

  return g_steal_pointer (&page);
}

/* Filters */

static const char *
get_kind (OdActivityPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  return selected < G_N_ELEMENTS (kinds) ? kinds[selected] : NULL;
}

static gint64
get_actor_id (OdActivityPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->actor_dropdown);

  return selected < self->actor_ids->len ? g_array_index (self->actor_ids, gint64, selected) : 0;
}

static gboolean
is_filtered (OdActivityPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return (search != NULL && *search != '\0') || get_kind (self) != NULL || get_actor_id (self) != 0;
}

typedef struct
{
  gint64      id;
  const char *name;
} Actor;

static int
compare_actors (gconstpointer a,
                gconstpointer b)
{
  return g_utf8_collate (((const Actor *)a)->name, ((const Actor *)b)->name);
}

/* Everyone, Only mine, then the people seen in the journal by name */
static void
update_actor_dropdown (OdActivityPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GArray) actors = g_array_new (FALSE, FALSE, sizeof (Actor));
  OdMember *me = od_page_get_actor (OD_PAGE (self));
  gint64 my_id = me != NULL ? od_member_get_id (me) : 0;
  gint64 selected_id = get_actor_id (self);
  guint selected = 0;
  GHashTableIter iter;
  gpointer key, value;
  gint64 id;

  g_array_set_size (self->actor_ids, 0);

  gtk_string_list_append (names, _("Everyone"));
  id = 0;
  g_array_append_val (self->actor_ids, id);

  if (my_id > 0)
    {
      gtk_string_list_append (names, _("Only Mine"));
      g_array_append_val (self->actor_ids, my_id);
      if (selected_id == my_id)
        selected = 1;
    }

  g_hash_table_iter_init (&iter, self->actors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Actor actor = { *(gint64 *)key, value };

      if (actor.id != my_id)
        g_array_append_val (actors, actor);
    }
  g_array_sort (actors, compare_actors);

  for (guint i = 0; i < actors->len; i++)
    {
      Actor *actor = &g_array_index (actors, Actor, i);

      gtk_string_list_append (names, actor->name);
      g_array_append_val (self->actor_ids, actor->id);
      if (actor->id == selected_id)
        selected = self->actor_ids->len - 1;
    }

  self->updating_actors = TRUE;
  gtk_drop_down_set_model (self->actor_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->actor_dropdown, selected);
  self->updating_actors = FALSE;
}

/* Rows */

/* Whether the acting member's role could make the change the entry records, and so take it back */
static gboolean
may_undo (OdActivityPage *self,
          OdJournalEntry *entry)
{
  OdRole role = od_page_get_actor_role (OD_PAGE (self));
  OdMember *me = od_page_get_actor (OD_PAGE (self));
  const char *action = od_journal_entry_get_action (entry);

  if (g_str_has_prefix (action, "member."))
    return od_role_can (role, OD_ACTION_REMOVE_MEMBER) && od_role_can (role, OD_ACTION_CHANGE_ROLE);
  if (g_str_has_prefix (action, "invitation."))
    return od_role_can (role, OD_ACTION_INVITE);
  if (g_str_has_prefix (action, "team."))
    return od_role_can (role, OD_ACTION_MANAGE_TEAMS);
  if (g_str_equal (action, "update.delete") || g_str_equal (action, "comment.delete"))
    return od_role_can (role, OD_ACTION_EDIT_ANY_POST) ||
           (me != NULL && od_journal_entry_get_actor_id (entry) == od_member_get_id (me) &&
            od_role_can (role, OD_ACTION_EDIT_OWN_POST));

  return od_role_can (role, OD_ACTION_MANAGE_SETTINGS);
}

static void undo_clicked_cb (OdActivityPage *self,
                             GtkButton      *button);

/* Each row is made once (setup) and shows whichever entry the list view gives it (bind): an
 * avatar, the sentence, the time, then "Undone" or an Undo button */
typedef struct
{
  GtkWidget *avatar;
  GtkWidget *sentence_label;
  GtkWidget *time_label;
  GtkWidget *undone_label;
  GtkWidget *undo_button;
} RowWidgets;

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              OdActivityPage           *self)
{
  RowWidgets *widgets = g_new0 (RowWidgets, 1);
  GtkWidget *box;
  GtkWidget *text_box;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "activity-row");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  widgets->avatar = adw_avatar_new (32, NULL, TRUE);
  gtk_widget_set_valign (widgets->avatar, GTK_ALIGN_START);
  gtk_accessible_update_state (GTK_ACCESSIBLE (widgets->avatar), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);

  widgets->sentence_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (widgets->sentence_label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (widgets->sentence_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (widgets->sentence_label), PANGO_WRAP_WORD_CHAR);

  widgets->time_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (widgets->time_label), 0.0f);
  gtk_widget_add_css_class (widgets->time_label, "caption");
  gtk_widget_add_css_class (widgets->time_label, "dim-label");

  widgets->undone_label = gtk_label_new (_("Undone"));
  gtk_widget_add_css_class (widgets->undone_label, "dim-label");
  gtk_widget_add_css_class (widgets->undone_label, "caption");
  gtk_widget_set_valign (widgets->undone_label, GTK_ALIGN_CENTER);

  widgets->undo_button = gtk_button_new_with_mnemonic (_("_Undo"));
  gtk_widget_set_valign (widgets->undo_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (widgets->undo_button, _("Undo This Change"));
  od_button_use_accessible_label (widgets->undo_button);
  g_signal_connect_object (widgets->undo_button, "clicked", G_CALLBACK (undo_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (text_box), widgets->sentence_label);
  gtk_box_append (GTK_BOX (text_box), widgets->time_label);
  gtk_box_append (GTK_BOX (box), widgets->avatar);
  gtk_box_append (GTK_BOX (box), text_box);
  gtk_box_append (GTK_BOX (box), widgets->undone_label);
  gtk_box_append (GTK_BOX (box), widgets->undo_button);

  g_object_set_data_full (G_OBJECT (box), "od-row-widgets", widgets, g_free);
  g_object_set_data (G_OBJECT (box), "od-list-item", item);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, box);
}

/* The list view's own row (the widget with the LIST_ITEM role) that holds the row's box */
static GtkWidget *
row_of (GtkWidget *child)
{
  GtkWidget *parent = child != NULL ? gtk_widget_get_parent (child) : NULL;

  if (parent != NULL &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (parent)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    return parent;
  return NULL;
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             OdActivityPage           *self)
{
  OdJournalEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  RowWidgets *widgets = g_object_get_data (G_OBJECT (box), "od-row-widgets");
  OdRepository *repository = od_page_get_repository (OD_PAGE (self));
  g_autofree char *sentence = NULL;
  g_autofree char *when = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *full = NULL;
  const char *actor;
  gboolean undoable, undone = FALSE;
  GtkWidget *row;

  if (entry == NULL)
    return;

  sentence = od_journal_entry_describe (entry);
  actor = od_journal_entry_get_actor_name (entry);
  when = od_format_relative_time (od_journal_entry_get_created_at (entry),
                                  g_get_real_time () / G_USEC_PER_SEC);
  exact = od_format_exact_time (od_journal_entry_get_created_at (entry));

  /* Whether it was taken back: one indexed look-up for the rows on screen only */
  undoable = od_repository_action_is_undoable (od_journal_entry_get_action (entry));
  if (undoable && repository != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!od_repository_get_undo_state (repository, od_journal_entry_get_id (entry), &undone, &error))
        g_debug ("Could not read the undo state: %s", error->message);
    }

  adw_avatar_set_text (ADW_AVATAR (widgets->avatar), actor != NULL && *actor != '\0' ? actor : NULL);
  gtk_label_set_text (GTK_LABEL (widgets->sentence_label), sentence);
  gtk_label_set_text (GTK_LABEL (widgets->time_label), when);
  gtk_widget_set_tooltip_text (widgets->time_label, exact);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widgets->time_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, exact,
                                  -1);

  gtk_widget_set_visible (widgets->undone_label, undoable && undone);
  gtk_widget_set_visible (widgets->undo_button, undoable && !undone && may_undo (self, entry));
  gtk_widget_set_sensitive (widgets->undo_button, TRUE);
  if (gtk_widget_get_visible (widgets->undo_button))
    {
      g_autofree char *name = NULL;

      /* Translators: the accessible name of an Undo button: "Undo: Ana Silva removed Bo Li" */
      name = g_strdup_printf (_("Undo: %s"), sentence);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widgets->undo_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
    }
  g_object_set_data_full (G_OBJECT (widgets->undo_button), "od-entry", g_object_ref (entry),
                          g_object_unref);

  if (undone)
    /* Translators: how an undone journal row reads: sentence, time */
    full = g_strdup_printf (_("%s, %s, undone"), sentence, when);
  else
    /* Translators: how a journal row reads to a screen reader: sentence, time */
    full = g_strdup_printf (_("%s, %s"), sentence, when);

  /* The row reads as one sentence: the list view's row when there is one, else the box */
  row = row_of (box);
  if (row == NULL)
    row = box;
  /* Kept on our own box: renaming GTK's row widget changes its CSS id on every bind */
  g_object_set_data_full (G_OBJECT (box), "od-sentence", g_steal_pointer (&sentence), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, full,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, exact,
                                  -1);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               OdActivityPage           *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  RowWidgets *widgets = g_object_get_data (G_OBJECT (box), "od-row-widgets");

  g_object_set_data (G_OBJECT (widgets->undo_button), "od-entry", NULL);
}

static void
update_state (OdActivityPage *self)
{
  g_autofree char *summary = NULL;
  guint n = self->journal != NULL ? g_list_model_get_n_items (self->journal) : 0;

  if (n == 0)
    summary = g_strdup ("");
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", n), n);

  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack,
                                    n > 0 ? "list" : is_filtered (self) ? "no-results" : "empty");
}

static void
set_loading (OdActivityPage *self,
             gboolean        loading)
{
  self->loading = !!loading;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
}

/* The repository's "changed" makes the lazy list count again and say what moved */
static void
journal_items_changed_cb (OdActivityPage *self)
{
  update_state (self);
}

static void
set_journal (OdActivityPage *self,
             GListModel     *journal,
             gint64          organization_id)
{
  g_autoptr(GtkSelectionModel) selection = NULL;

  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_func (self->journal, journal_items_changed_cb, self);
  g_set_object (&self->journal, journal);
  self->journal_organization_id = journal != NULL ? organization_id : 0;
  self->bound_role = od_page_get_actor_role (OD_PAGE (self));

  if (journal != NULL)
    {
      g_signal_connect_object (journal, "items-changed", G_CALLBACK (journal_items_changed_cb),
                               self, G_CONNECT_SWAPPED);
      selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (journal)));
    }
  gtk_list_view_set_model (self->list, selection);
}

static void start_load (OdActivityPage *self);

static void
page_loaded (OdPage       *page,
             gpointer      result,
             const GError *error)
{
  OdActivityPage *self = OD_ACTIVITY_PAGE (page);
  g_autoptr(Page) loaded = result;

  if (loaded != NULL && loaded->generation != self->generation)
    return;

  set_loading (self, FALSE);

  if (loaded == NULL)
    {
      set_journal (self, NULL, 0);
      od_status_page_set_plain_description (self->error_status, error != NULL ? error->message : "");
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_label_set_text (self->summary_label, "");
      return;
    }

  set_journal (self, loaded->journal, loaded->organization_id);

  if (loaded->actors != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, loaded->actors);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_hash_table_contains (self->actors, key))
          g_hash_table_insert (self->actors, g_memdup2 (key, sizeof (gint64)), g_strdup (value));
      update_actor_dropdown (self);
    }

  update_state (self);

  if (self->refresh_pending)
    {
      self->refresh_pending = FALSE;
      start_load (self);
    }
}

/* Makes the lazy list for the filters as they are now, on the repository's worker */
static void
start_load (OdActivityPage *self)
{
  gint64 organization_id = od_page_get_organization_id (OD_PAGE (self));
  Page *request;

  if (organization_id == 0)
    return;

  if (self->loading)
    {
      self->refresh_pending = TRUE;
      return;
    }

  request = g_new0 (Page, 1);
  request->generation = self->generation;
  request->organization_id = organization_id;
  request->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  request->kind = g_strdup (get_kind (self));
  request->actor_id = get_actor_id (self);

  /* The people to filter by: once per organization */
  if (self->actors_organization_id != organization_id)
    {
      self->actors_organization_id = organization_id;
      g_hash_table_remove_all (self->actors);
      request->scan_actors = TRUE;
    }

  set_loading (self, TRUE);
  od_page_run (OD_PAGE (self), page_func, request, (GDestroyNotify)page_free,
               (GDestroyNotify)page_free, page_loaded);
}

/* Another list, e.g. with other filters; the one shown stays until the new one is counted */
static void
restart (OdActivityPage *self)
{
  self->generation++;
  self->refresh_pending = FALSE;
  set_loading (self, FALSE);
  start_load (self);
}

static void
filters_changed_cb (OdActivityPage *self)
{
  restart (self);
}

static void
actor_selected_cb (OdActivityPage *self)
{
  if (!self->updating_actors)
    restart (self);
}

/* Undo */

typedef struct
{
  OdMember *actor;
  gint64    journal_id;
} UndoRequest;

static void
undo_request_free (UndoRequest *request)
{
  g_clear_object (&request->actor);
  g_free (request);
}

static gpointer
undo_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  UndoRequest *request = data;

  if (od_repository_undo (repository, request->actor, request->journal_id, error) == 0)
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
undo_done (OdPage       *page,
           gpointer      result,
           const GError *error)
{
  /* Done: the repository's "changed" reloads the list. Refused: say why. */
  if (result == NULL)
    od_widget_show_toast (GTK_WIDGET (page), error != NULL ? error->message : NULL);
}

void
od_activity_page_undo (OdActivityPage *self,
                       OdJournalEntry *entry)
{
  UndoRequest *request;
  OdMember *actor;

  g_return_if_fail (OD_IS_ACTIVITY_PAGE (self));
  g_return_if_fail (OD_IS_JOURNAL_ENTRY (entry));

  if ((actor = od_page_get_actor (OD_PAGE (self))) == NULL)
    return;

  request = g_new0 (UndoRequest, 1);
  request->actor = g_object_ref (actor);
  request->journal_id = od_journal_entry_get_id (entry);

  od_page_run (OD_PAGE (self), undo_func, request, (GDestroyNotify)undo_request_free, NULL,
               undo_done);
}

static void
undo_clicked_cb (OdActivityPage *self,
                 GtkButton      *button)
{
  OdJournalEntry *entry = g_object_get_data (G_OBJECT (button), "od-entry");

  if (entry == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  od_activity_page_undo (self, entry);
}

/* Export */

typedef struct
{
  gint64    organization_id;
  gboolean  as_json;
  GFile    *file;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_clear_object (&request->file);
  g_free (request);
}

static gpointer
export_func (OdRepository  *repository,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ExportRequest *request = data;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = NULL;
  gboolean existed = g_file_query_exists (request->file, NULL);

  stream = g_file_replace (request->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, error);
  if (stream == NULL)
    return NULL;

  if (od_repository_export_journal (repository, request->organization_id, request->as_json,
                                    G_OUTPUT_STREAM (stream), cancellable, error) &&
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    return g_object_ref (request->file);

  /* Leave no half-written file: closing with a cancelled cancellable keeps what was there */
  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
  if (!existed)
    g_file_delete (request->file, NULL, NULL);

  return NULL;
}

static void
exported (OdPage       *page,
          gpointer      result,
          const GError *error)
{
  g_autoptr(GFile) file = result;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (file == NULL)
    {
      /* Translators: a toast when the export failed; %s is the reason */
      message = g_strdup_printf (_("Could not export the activity: %s"),
                                 error != NULL ? error->message : "");
      od_widget_show_toast (GTK_WIDGET (page), message);
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: a toast after the export, e.g. "Activity exported to “activity.csv”" */
  message = g_strdup_printf (_("Activity exported to “%s”"), name);
  od_widget_show_toast (GTK_WIDGET (page), message);
}

void
od_activity_page_export_to_file (OdActivityPage *self,
                                 GFile          *file,
                                 gboolean        as_json)
{
  ExportRequest *request;

  g_return_if_fail (OD_IS_ACTIVITY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  request = g_new0 (ExportRequest, 1);
  request->organization_id = od_page_get_organization_id (OD_PAGE (self));
  request->as_json = as_json;
  request->file = g_object_ref (file);

  od_page_run (OD_PAGE (self), export_func, request, (GDestroyNotify)export_request_free,
               g_object_unref, exported);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
save_dialog_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OdActivityPage) self = user_data;
  g_autoptr(GFile) file = NULL;
  gboolean as_json = GPOINTER_TO_INT (g_object_get_data (object, "od-as-json"));

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);
  if (file != NULL)
    od_activity_page_export_to_file (self, file, as_json);
}
#else
static void
file_chooser_response_cb (GtkNativeDialog *native,
                          int              response,
                          OdActivityPage  *self)
{
  gboolean as_json = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "od-as-json"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        od_activity_page_export_to_file (self, file, as_json);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}
#endif

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OdActivityPage *self = OD_ACTIVITY_PAGE (widget);
  OdOrganization *organization = od_page_get_organization (OD_PAGE (self));
  gboolean as_json = g_strcmp0 (g_variant_get_string (parameter, NULL), "json") == 0;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (organization == NULL)
    return;

  name = g_strdup_printf ("%s-activity.%s", od_organization_get_slug (organization),
                          as_json ? "json" : "csv");

  if (as_json)
    {
      gtk_file_filter_set_name (filter, _("JSON files"));
      gtk_file_filter_add_mime_type (filter, "application/json");
      gtk_file_filter_add_suffix (filter, "json");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("CSV files"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_suffix (filter, "csv");
    }

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_title (dialog, _("Export Activity"));
    gtk_file_dialog_set_initial_name (dialog, name);
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    g_object_set_data (G_OBJECT (dialog), "od-as-json", GINT_TO_POINTER (as_json));
    gtk_file_dialog_save (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                          od_page_get_cancellable (OD_PAGE (self)),
                          save_dialog_done_cb, g_object_ref (self));
  }
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (_("Export Activity"),
                                          GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          GTK_FILE_CHOOSER_ACTION_SAVE,
                                          _("_Export"), _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    g_object_set_data (G_OBJECT (native), "od-as-json", GINT_TO_POINTER (as_json));
    g_signal_connect_object (native, "response", G_CALLBACK (file_chooser_response_cb), self, 0);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

/* Ctrl+F */

void
od_activity_page_focus_search (OdActivityPage *self)
{
  g_return_if_fail (OD_IS_ACTIVITY_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  od_activity_page_focus_search (OD_ACTIVITY_PAGE (widget));
}

void
od_activity_page_set_search (OdActivityPage *self,
                             const char     *search)
{
  g_return_if_fail (OD_IS_ACTIVITY_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search != NULL ? search : "");
  /* Without waiting for the entry's pause after typing */
  restart (self);
}

guint
od_activity_page_get_n_rows (OdActivityPage *self)
{
  g_return_val_if_fail (OD_IS_ACTIVITY_PAGE (self), 0);

  return self->loading || self->journal == NULL ? 0 : g_list_model_get_n_items (self->journal);
}

/* The list view's row showing position, when it has one (the rows near what is on screen) */
GtkWidget *
od_activity_page_get_row (OdActivityPage *self,
                          guint           position)
{
  g_return_val_if_fail (OD_IS_ACTIVITY_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_widget_get_first_child (child);
      GtkListItem *item = box != NULL ? g_object_get_data (G_OBJECT (box), "od-list-item") : NULL;

      if (item != NULL && gtk_list_item_get_item (item) != NULL &&
          gtk_list_item_get_position (item) == position)
        return child;
    }

  return NULL;
}

gboolean
od_activity_page_get_loading (OdActivityPage *self)
{
  g_return_val_if_fail (OD_IS_ACTIVITY_PAGE (self), FALSE);

  return self->loading;
}

/* The sentence the row at position reads as, when that row is bound */
const char *
od_activity_page_get_row_sentence (OdActivityPage *self,
                                   guint           position)
{
  GtkWidget *row = od_activity_page_get_row (self, position);
  GtkWidget *box = row != NULL ? gtk_widget_get_first_child (row) : NULL;

  return box != NULL ? g_object_get_data (G_OBJECT (box), "od-sentence") : NULL;
}

/* OdPage */

static void
od_activity_page_reload (OdPage *page)
{
  OdActivityPage *self = OD_ACTIVITY_PAGE (page);
  gint64 organization_id = od_page_get_organization_id (page);

  if (organization_id == 0)
    return;

  /* Another organization: its people and filters are not this one's */
  if (self->actors_organization_id != organization_id)
    {
      self->updating_actors = TRUE;
      gtk_drop_down_set_selected (self->actor_dropdown, 0);
      self->updating_actors = FALSE;
      restart (self);
      return;
    }

  /* A change: the lazy list has counted again by itself; another role makes other Undo buttons */
  if (self->journal == NULL || self->journal_organization_id != organization_id ||
      self->bound_role != od_page_get_actor_role (page))
    restart (self);
  else
    update_state (self);
}

static void
od_activity_page_dispose (GObject *object)
{
  OdActivityPage *self = (OdActivityPage *)object;

  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_func (self->journal, journal_items_changed_cb, self);
  if (self->list != NULL)
    gtk_list_view_set_model (self->list, NULL);

  /* The root child is a bound template child: let AdwBin drop it before the template does */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), OD_TYPE_ACTIVITY_PAGE);

  g_clear_object (&self->journal);
  g_clear_pointer (&self->actors, g_hash_table_unref);
  g_clear_pointer (&self->actor_ids, g_array_unref);

  G_OBJECT_CLASS (od_activity_page_parent_class)->dispose (object);
}

static void
od_activity_page_class_init (OdActivityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OdPageClass *page_class = OD_PAGE_CLASS (klass);

  object_class->dispose = od_activity_page_dispose;

  page_class->reload = od_activity_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-activity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdActivityPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, OdActivityPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OdActivityPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdActivityPage, actor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdActivityPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OdActivityPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OdActivityPage, list);
  gtk_widget_class_bind_template_child (widget_class, OdActivityPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, OdActivityPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, actor_selected_cb);

  gtk_widget_class_install_action (widget_class, "page.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "activity.export", "s", export_action);
}

static void
od_activity_page_init (OdActivityPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->actors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->actor_ids = g_array_new (FALSE, TRUE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list, factory);

  update_actor_dropdown (self);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    od_widget_hide_from_at_when_unmapped (child);

  od_page_set_title (OD_PAGE (self), _("Activity"));
  od_page_set_icon_name (OD_PAGE (self), "document-open-recent-symbolic");
}
