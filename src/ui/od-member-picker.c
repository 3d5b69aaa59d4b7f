/* od-member-picker.c — choose members of the organization to add to a team
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is od_repository_list_members() for what is typed in the search field: a lazy model
 * that counts its rows and reads only the pages the list view shows, asked again on each change
 * of the search, so an organization of 100,000 members is as quick as one of ten. Adding keeps
 * the dialog open, so that several members can be added one after the other; members already in
 * the team are marked so.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-feed-util.h"
#include "od-member.h"
#include "od-member-picker.h"
#include "od-ui-util.h"

struct _OdMemberPicker
{
  AdwWindow        parent_instance;

  OdRepository    *repository;
  OdMember        *actor;
  OdTeam          *team;
  GListModel      *members;         /* OdMember, for the current search */
  GHashTable      *in_team;         /* member ids (gint64 *) */
  GHashTable      *bound_items;     /* GtkListItem → NULL, the rows on screen */
  GCancellable    *cancellable;

  AdwWindowTitle  *window_title;
  GtkSearchEntry  *search_entry;
  GtkStack        *stack;
  GtkListView     *list_view;
  AdwStatusPage   *empty_status;
};

G_DEFINE_FINAL_TYPE (OdMemberPicker, od_member_picker, ADW_TYPE_WINDOW)

typedef struct
{
  OdMember *actor;
  gint64    team_id;
  gint64    member_id;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->actor);
  g_free (request);
}

gboolean
od_member_picker_is_in_team (OdMemberPicker *self,
                             gint64          member_id)
{
  g_return_val_if_fail (OD_IS_MEMBER_PICKER (self), FALSE);

  return g_hash_table_contains (self->in_team, &member_id);
}

static void
update_item (OdMemberPicker *self,
             GtkListItem    *list_item)
{
  OdMember *member = gtk_list_item_get_item (list_item);
  GtkWidget *name = g_object_get_data (G_OBJECT (list_item), "od-name");
  GtkWidget *email = g_object_get_data (G_OBJECT (list_item), "od-email");
  GtkWidget *button = g_object_get_data (G_OBJECT (list_item), "od-add");
  GtkWidget *added = g_object_get_data (G_OBJECT (list_item), "od-added");
  g_autofree char *button_name = NULL;
  gboolean in_team;

  if (member == NULL)
    return;

  in_team = od_member_picker_is_in_team (self, od_member_get_id (member));

  gtk_label_set_text (GTK_LABEL (name), od_member_get_name (member));
  gtk_label_set_text (GTK_LABEL (email), od_member_get_email (member));
  gtk_widget_set_visible (button, !in_team);
  gtk_widget_set_visible (added, in_team);

  /* Translators: the accessible name of a button, e.g. "Add Ana Silva (ana@example.com)" */
  button_name = g_strdup_printf (_("Add %s (%s)"), od_member_get_name (member),
                                 od_member_get_email (member));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button_name,
                                  -1);
}

static gpointer
add_func (OdRepository  *repository,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Request *request = data;

  if (!od_repository_add_team_member (repository, request->actor, request->team_id,
                                      request->member_id, error))
    return NULL;

  return g_memdup2 (&request->member_id, sizeof request->member_id);
}

static void
add_done (GtkWidget    *widget,
          gpointer      result,
          const GError *error)
{
  OdMemberPicker *self = OD_MEMBER_PICKER (widget);
  g_autofree gint64 *member_id = result;
  GHashTableIter iter;
  gpointer list_item;

  if (member_id == NULL)
    {
      od_widget_show_toast (widget, error != NULL ? error->message : NULL);
      return;
    }

  g_hash_table_add (self->in_team, g_memdup2 (member_id, sizeof *member_id));

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    update_item (self, list_item);
}

void
od_member_picker_add (OdMemberPicker *self,
                      guint           position)
{
  g_autoptr(OdMember) member = NULL;
  Request *request;

  g_return_if_fail (OD_IS_MEMBER_PICKER (self));

  if (self->members == NULL || position >= g_list_model_get_n_items (self->members))
    return;

  member = g_list_model_get_item (self->members, position);
  if (member == NULL || od_member_picker_is_in_team (self, od_member_get_id (member)))
    return;

  request = g_new0 (Request, 1);
  request->actor = g_object_ref (self->actor);
  request->team_id = od_team_get_id (self->team);
  request->member_id = od_member_get_id (member);

  od_widget_run (GTK_WIDGET (self), self->repository, self->cancellable, add_func,
                 request, (GDestroyNotify)request_free, g_free, add_done);
}

static void
add_clicked_cb (GtkButton   *button,
                GtkListItem *list_item)
{
  GtkWidget *picker = gtk_widget_get_ancestor (GTK_WIDGET (button), OD_TYPE_MEMBER_PICKER);

  if (picker != NULL)
    od_member_picker_add (OD_MEMBER_PICKER (picker), gtk_list_item_get_position (list_item));
}

static void
list_activate_cb (OdMemberPicker *self,
                  guint           position)
{
  od_member_picker_add (self, position);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          OdMemberPicker           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *email = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add"));
  GtkWidget *added = gtk_label_new (_("In the team"));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (email), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (email), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (email, "dim-label");
  gtk_widget_add_css_class (email, "caption");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (added, "dim-label");
  gtk_widget_add_css_class (added, "caption");

  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), email);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), added);

  od_button_use_accessible_label (button);
  g_signal_connect (button, "clicked", G_CALLBACK (add_clicked_cb), list_item);
  g_object_set_data (G_OBJECT (list_item), "od-name", name);
  g_object_set_data (G_OBJECT (list_item), "od-email", email);
  g_object_set_data (G_OBJECT (list_item), "od-add", button);
  g_object_set_data (G_OBJECT (list_item), "od-added", added);

  gtk_list_item_set_child (list_item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         OdMemberPicker           *self)
{
  g_hash_table_add (self->bound_items, list_item);
  update_item (self, list_item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           OdMemberPicker           *self)
{
  g_hash_table_remove (self->bound_items, list_item);
}

static void
set_members (OdMemberPicker *self,
             GListModel     *members)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_set_object (&self->members, members);

  selection = gtk_no_selection_new (members != NULL ? g_object_ref (members) : NULL);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  gtk_stack_set_visible_child_name (self->stack,
                                    members != NULL && g_list_model_get_n_items (members) > 0
                                    ? "list" : "empty");
}

void
od_member_picker_set_search (OdMemberPicker *self,
                             const char     *search)
{
  g_autoptr(GListModel) members = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (OD_IS_MEMBER_PICKER (self));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), search ? search : "") != 0)
    {
      /* search-changed comes back here */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search ? search : "");
    }

  /* A lazy model: this only counts; rows are read as the list shows them */
  members = od_repository_list_members (self->repository, od_team_get_organization_id (self->team),
                                        search, &error);
  if (members == NULL)
    {
      od_status_page_set_plain_description (self->empty_status, error->message);
      set_members (self, NULL);
      return;
    }

  if (search != NULL && *search != '\0')
    {
      /* Translators: shown when no member matches the search text */
      g_autofree char *text = g_strdup_printf (_("No member matches “%s”."), search);
      od_status_page_set_plain_description (self->empty_status, text);
    }
  else
    {
      od_status_page_set_plain_description (self->empty_status, NULL);
    }

  set_members (self, members);
}

static void
search_changed_cb (OdMemberPicker *self)
{
  od_member_picker_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (OdMemberPicker *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

GListModel *
od_member_picker_get_model (OdMemberPicker *self)
{
  g_return_val_if_fail (OD_IS_MEMBER_PICKER (self), NULL);

  return self->members;
}

static void
od_member_picker_dispose (GObject *object)
{
  OdMemberPicker *self = (OdMemberPicker *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->bound_items != NULL)
    g_hash_table_remove_all (self->bound_items);
  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_MEMBER_PICKER);

  G_OBJECT_CLASS (od_member_picker_parent_class)->dispose (object);
}

static void
od_member_picker_finalize (GObject *object)
{
  OdMemberPicker *self = (OdMemberPicker *)object;

  g_clear_object (&self->repository);
  g_clear_object (&self->actor);
  g_clear_object (&self->team);
  g_clear_object (&self->members);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->in_team, g_hash_table_unref);
  g_clear_pointer (&self->bound_items, g_hash_table_unref);

  G_OBJECT_CLASS (od_member_picker_parent_class)->finalize (object);
}

static void
od_member_picker_class_init (OdMemberPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = od_member_picker_dispose;
  object_class->finalize = od_member_picker_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-member-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, OdMemberPicker, window_title);
  gtk_widget_class_bind_template_child (widget_class, OdMemberPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OdMemberPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, OdMemberPicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, OdMemberPicker, empty_status);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
od_member_picker_init (OdMemberPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  od_widget_fit_large_text (GTK_WIDGET (self));
  od_widget_name_drop_down_buttons (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->in_team = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->bound_items = g_hash_table_new (NULL, NULL);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

OdMemberPicker *
od_member_picker_new (GtkWidget    *parent,
                      OdRepository *repository,
                      OdMember     *actor,
                      OdTeam       *team,
                      GListModel   *team_members)
{
  g_autofree char *subtitle = NULL;
  OdMemberPicker *self;
  GtkRoot *root;
  guint n;

  g_return_val_if_fail (!parent || GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (OD_IS_MEMBER (actor), NULL);
  g_return_val_if_fail (OD_IS_TEAM (team), NULL);
  g_return_val_if_fail (!team_members || G_IS_LIST_MODEL (team_members), NULL);

  self = g_object_new (OD_TYPE_MEMBER_PICKER, NULL);
  self->repository = g_object_ref (repository);
  self->actor = g_object_ref (actor);
  self->team = g_object_ref (team);

  root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));

  n = team_members != NULL ? g_list_model_get_n_items (team_members) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdMember) member = g_list_model_get_item (team_members, i);
      gint64 id = od_member_get_id (member);

      g_hash_table_add (self->in_team, g_memdup2 (&id, sizeof id));
    }

  /* Translators: the subtitle of the Add Members dialog: "To Design" */
  subtitle = g_strdup_printf (_("To %s"), od_team_get_name (team));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  od_member_picker_set_search (self, NULL);

  return self;
}
