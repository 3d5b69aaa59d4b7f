/* od-command-palette.c — Ctrl+K: jump to a page, member or team, or run an action, by typing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every keystroke asks the core: members through the FTS5 search of od_repository_list_members()
 * (an OdMemberList that counts the matches and loads only the first page of them, of which a few
 * are shown), teams from od_repository_list_teams(). Nothing loads every member. Each result row
 * is named with one sentence ("Ana Silva, member, ana@example.com") and a status line says how
 * many results there are, for screen readers (GTK 4.8 has no announcement API: the line has the
 * status role and its text changes).
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "od-command-palette.h"
#include "od-members-page.h"
#include "od-page.h"
#include "od-team.h"
#include "od-teams-page.h"

#define MAX_MEMBERS 8
#define MAX_TEAMS   8

struct _OdCommandPalette
{
  AdwWindow       parent_instance;

  OdWindow       *window;          /* weak */

  GtkSearchEntry *search_entry;
  GtkStack       *results_stack;
  GtkListBox     *list_box;
  GtkLabel       *status_label;
};

G_DEFINE_FINAL_TYPE (OdCommandPalette, od_command_palette, ADW_TYPE_WINDOW)

typedef enum
{
  RESULT_PAGE,
  RESULT_ACTION,
  RESULT_TEAM,
  RESULT_MEMBER,
} ResultKind;


typedef struct
{
  ResultKind  kind;
  const char *page;      /* the page to show (static) */
  const char *action;    /* then the action to run there (static), or NULL */
  GObject    *item;      /* OdMember or OdTeam */
  char       *sentence;
} Result;

static void
result_free (Result *result)
{
  g_clear_object (&result->item);
  g_free (result->sentence);
  g_free (result);
}

static Result *
result_new (ResultKind  kind,
            const char *page,
            const char *action,
            gpointer    item,
            char       *sentence)
{
  Result *result = g_new0 (Result, 1);

  result->kind = kind;
  result->page = page;
  result->action = action;
  result->item = item != NULL ? g_object_ref (item) : NULL;
  result->sentence = sentence;

  return result;
}

/* The common actions: what they are called and found by, the page shown first (NULL: none),
 * the action then run, and who may run it */
static const struct {
  const char *title;
  const char *keywords;
  const char *icon_name;
  const char *page;
  const char *action;
  const char *shortcut;
  OdAction    needs;
} actions[] = {
  { N_("Invite Members"), "add people email", "list-add-symbolic", NULL, "win.invite", N_("Ctrl+I"), OD_ACTION_INVITE },
  { N_("New Team"), "create group", "list-add-symbolic", "teams", "page.new", NULL, OD_ACTION_MANAGE_TEAMS },
  { N_("Post Update"), "new announcement news", "document-edit-symbolic", "overview", "page.new", NULL, OD_ACTION_POST_UPDATE },
  { N_("Undo"), "revert back", "edit-undo-symbolic", NULL, "win.undo", N_("Ctrl+Z"), OD_ACTION_VIEW },
  { N_("Keyboard Shortcuts"), "keys help", "preferences-desktop-keyboard-shortcuts-symbolic", NULL, "win.show-help-overlay", N_("Ctrl+?"), OD_ACTION_VIEW },
};

static const char * const page_names[] = {
  "overview", "members", "teams", "billing", "settings", "activity",
};

static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized, -1);
}

/* Every word of the (folded) query appears in the title or the keywords */
static gboolean
matches (const char *query,
         const char *title,
         const char *keywords)
{
  g_autofree char *joined = g_strconcat (title, " ", keywords != NULL ? keywords : "", NULL);
  g_autofree char *haystack = fold (joined);
  g_auto(GStrv) words = g_strsplit_set (query, " \t", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (haystack, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

static void
add_row (OdCommandPalette *self,
         Result           *result,
         const char       *icon_name,
         const char       *title,
         const char       *subtitle,
         const char       *kind)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *kind_label = gtk_label_new (kind);

  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_accessible_update_state (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (texts), label);
  if (subtitle != NULL && *subtitle != '\0')
    {
      GtkWidget *sub = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (sub), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_add_css_class (sub, "caption");
      gtk_box_append (GTK_BOX (texts), sub);
    }
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);

  gtk_widget_add_css_class (kind_label, "dim-label");
  gtk_widget_add_css_class (kind_label, "caption");

  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), kind_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, result->sentence,
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "od-result", result, (GDestroyNotify)result_free);
  gtk_list_box_append (self->list_box, row);
}

static gboolean
page_available (OdCommandPalette *self,
                const char       *name)
{
  /* Asks the window, which makes a page only when it is opened */
  return od_window_page_is_available (self->window, name);
}

static OdRole
actor_role (OdCommandPalette *self)
{
  OdMember *actor = od_window_get_actor (self->window);

  return actor != NULL ? od_member_get_role (actor) : OD_ROLE_NONE;
}

static void
add_pages (OdCommandPalette *self,
           const char       *query)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      g_autofree char *shortcut = NULL;
      const char *title;
      const char *icon_name;

      if (!page_available (self, page_names[i]))
        continue;
      od_window_get_page_info (self->window, page_names[i], &title, &icon_name);
      if (!matches (query, title, page_names[i]))
        continue;

      /* Translators: the keyboard shortcut of a page, e.g. "Alt+2" */
      shortcut = g_strdup_printf (_("Alt+%u"), i + 1);
      add_row (self,
               result_new (RESULT_PAGE, page_names[i], NULL, NULL,
                           /* Translators: a result of the command palette as a screen reader reads it: a page and its shortcut */
                           g_strdup_printf (_("%s, page, %s"), title, shortcut)),
               icon_name, title, shortcut, _("Page"));
    }
}

static void
add_actions (OdCommandPalette *self,
             const char       *query)
{
  OdRole role = actor_role (self);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      const char *title = g_dgettext (GETTEXT_PACKAGE, actions[i].title);
      const char *shortcut = actions[i].shortcut != NULL ? g_dgettext (GETTEXT_PACKAGE, actions[i].shortcut) : NULL;
      char *sentence;

      if (!od_role_can (role, actions[i].needs) ||
          (actions[i].page != NULL && !page_available (self, actions[i].page)) ||
          !matches (query, title, actions[i].keywords))
        continue;

      if (shortcut != NULL)
        /* Translators: a result of the command palette as a screen reader reads it: an action and its shortcut */
        sentence = g_strdup_printf (_("%s, action, %s"), title, shortcut);
      else
        /* Translators: a result of the command palette as a screen reader reads it */
        sentence = g_strdup_printf (_("%s, action"), title);

      add_row (self, result_new (RESULT_ACTION, actions[i].page, actions[i].action, NULL, sentence),
               actions[i].icon_name, title, shortcut, _("Action"));
    }
}

static void
add_teams (OdCommandPalette *self,
           OdRepository     *repository,
           gint64            organization_id,
           const char       *query)
{
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(GError) error = NULL;
  guint shown = 0;

  if (!page_available (self, "teams"))
    return;
  teams = od_repository_list_teams (repository, organization_id, &error);
  if (teams == NULL)
    {
      g_debug ("Command palette: no teams: %s", error->message);
      return;
    }

  for (guint i = 0; shown < MAX_TEAMS && i < g_list_model_get_n_items (teams); i++)
    {
      g_autoptr(OdTeam) team = g_list_model_get_item (teams, i);
      guint n = od_team_get_n_members (team);
      g_autofree char *count = NULL;

      if (!matches (query, od_team_get_name (team), od_team_get_description (team)))
        continue;

      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", n), n);
      add_row (self,
               result_new (RESULT_TEAM, "teams", NULL, team,
                           /* Translators: a result of the command palette as a screen reader reads it: "Design, team, 4 members" */
                           g_strdup_printf (_("%s, team, %s"), od_team_get_name (team), count)),
               "system-users-symbolic", od_team_get_name (team), count, _("Team"));
      shown++;
    }
}

static void
add_members (OdCommandPalette *self,
             OdRepository     *repository,
             gint64            organization_id,
             const char       *text)
{
  g_autoptr(GListModel) members = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (!page_available (self, "members"))
    return;

  /* The core's search (word prefixes of names and emails); only the first rows are read */
  members = od_repository_list_members (repository, organization_id, text, &error);
  if (members == NULL)
    {
      g_debug ("Command palette: no members: %s", error->message);
      return;
    }

  n = MIN (g_list_model_get_n_items (members), MAX_MEMBERS);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdMember) member = g_list_model_get_item (members, i);

      if (member == NULL)
        continue;
      add_row (self,
               result_new (RESULT_MEMBER, "members", NULL, member,
                           /* Translators: a result of the command palette as a screen reader reads it: "Ana Silva, member, ana@example.com" */
                           g_strdup_printf (_("%s, member, %s"), od_member_get_name (member),
                                            od_member_get_email (member))),
               "avatar-default-symbolic", od_member_get_name (member), od_member_get_email (member),
               od_role_get_label (od_member_get_role (member)));
    }
}

/* The line under the results: a status (the role screen readers follow) whose name changes */
static void
set_status (OdCommandPalette *self,
            const char       *text)
{
  gtk_label_set_text (self->status_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
refresh (OdCommandPalette *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *query = fold (stripped);
  OdRepository *repository = NULL;
  OdOrganization *organization = NULL;
  g_autofree char *status = NULL;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  if (self->window != NULL && g_strcmp0 (od_window_get_view_name (self->window), "main") == 0)
    {
      repository = od_window_get_repository (self->window);
      organization = od_window_get_organization (self->window);
    }

  if (repository != NULL && organization != NULL)
    {
      add_pages (self, query);
      add_actions (self, query);
      /* People and teams only once something is typed: never a list of every member */
      if (*query != '\0')
        {
          add_teams (self, repository, od_organization_get_id (organization), query);
          add_members (self, repository, od_organization_get_id (organization), stripped);
        }
    }

  n = od_command_palette_get_n_results (self);
  gtk_stack_set_visible_child_name (self->results_stack, n > 0 ? "results" : "empty");
  if (n > 0)
    gtk_list_box_select_row (self->list_box, gtk_list_box_get_row_at_index (self->list_box, 0));

  if (n == 0)
    status = g_strdup (_("No results"));
  else
    /* Translators: the status line of the command palette, read out by screen readers */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u result: Enter opens the first",
                                           "%u results: Up and Down choose, Enter opens",
                                           n), n);
  set_status (self, status);
}

/* An action of a page just shown: the page enables its actions when it reloads, which it does
 * in an idle once mapped (OdPage), so the action waits for that */
typedef struct
{
  GtkWidget *page;
  char      *action;
} PageAction;

static void
page_action_free (gpointer data)
{
  PageAction *page_action = data;

  g_object_unref (page_action->page);
  g_free (page_action->action);
  g_free (page_action);
}

static gboolean
run_page_action_cb (gpointer data)
{
  PageAction *page_action = data;

  if (!gtk_widget_activate_action (page_action->page, page_action->action, NULL))
    gtk_widget_error_bell (page_action->page);

  return G_SOURCE_REMOVE;
}

/* Runs the action after the page's reload, which runs at a higher idle priority */
static void
run_page_action_after_reload (GtkWidget  *page,
                              const char *action)
{
  PageAction *page_action = g_new0 (PageAction, 1);

  page_action->page = g_object_ref (page);
  page_action->action = g_strdup (action);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, run_page_action_cb, page_action, page_action_free);
}

static void
page_mapped_cb (GtkWidget *page,
                gpointer   action)
{
  run_page_action_after_reload (page, action);
  g_signal_handlers_disconnect_by_func (page, page_mapped_cb, action);
}

/* Runs a result on the window, after the palette has closed (so that focus goes back there) */
static void
run_result (OdWindow *window,
            Result   *result)
{
  GtkWidget *page = result->page != NULL ? od_window_get_page (window, result->page) : NULL;
  gboolean ok = TRUE;

  if (result->page != NULL)
    ok = gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", result->page) &&
         g_strcmp0 (od_window_get_page_name (window), result->page) == 0;

  if (!ok)
    {
      gtk_widget_error_bell (GTK_WIDGET (window));
      return;
    }

  switch (result->kind)
    {
    case RESULT_PAGE:
      /* From the top of the page, wherever the focus was in it before */
      gtk_root_set_focus (GTK_ROOT (window), NULL);
      gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
      break;

    case RESULT_ACTION:
      /* A page just shown sets up its actions when it reloads, for the acting member */
      if (page == NULL)
        {
          if (!gtk_widget_activate_action (GTK_WIDGET (window), result->action, NULL))
            gtk_widget_error_bell (GTK_WIDGET (window));
        }
      else if (gtk_widget_get_mapped (page))
        run_page_action_after_reload (page, result->action);
      else
        g_signal_connect_data (page, "map", G_CALLBACK (page_mapped_cb), g_strdup (result->action),
                               (GClosureNotify) (void (*) (void)) g_free, 0);
      break;

    case RESULT_TEAM:
      od_teams_page_show_team (OD_TEAMS_PAGE (page), OD_TEAM (result->item));
      break;

    case RESULT_MEMBER:
      od_members_page_show_member (OD_MEMBERS_PAGE (page), OD_MEMBER (result->item));
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
activate_row (OdCommandPalette *self,
              GtkListBoxRow    *row)
{
  g_autoptr(OdWindow) window = NULL;
  Result *result;

  if (row == NULL || self->window == NULL)
    return FALSE;

  result = g_object_steal_data (G_OBJECT (row), "od-result");
  if (result == NULL)
    return FALSE;

  window = g_object_ref (self->window);
  gtk_window_destroy (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (window));
  run_result (window, result);
  result_free (result);

  return TRUE;
}

static void
search_changed_cb (OdCommandPalette *self)
{
  refresh (self);
}

static void
search_activate_cb (OdCommandPalette *self)
{
  if (!od_command_palette_activate (self))
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
stop_search_cb (OdCommandPalette *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
row_activated_cb (OdCommandPalette *self,
                  GtkListBoxRow    *row)
{
  activate_row (self, row);
}

/* Up and Down move through the results while the focus stays in the search entry */
static gboolean
key_pressed_cb (OdCommandPalette      *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkListBoxRow *row;
  int index;
  int step;

  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    step = -1;
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    step = 1;
  else
    return GDK_EVENT_PROPAGATE;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_entry)))
    return GDK_EVENT_PROPAGATE;

  row = gtk_list_box_get_selected_row (self->list_box);
  index = row != NULL ? gtk_list_box_row_get_index (row) + step : 0;
  row = gtk_list_box_get_row_at_index (self->list_box, MAX (index, 0));
  if (row == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return GDK_EVENT_STOP;
    }

  gtk_list_box_select_row (self->list_box, row);
  /* Scrolls the row into view; the focus goes back to the entry at once */
  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
  /* The screen reader hears the chosen result through the status line */
  set_status (self, ((Result *)g_object_get_data (G_OBJECT (row), "od-result"))->sentence);

  return GDK_EVENT_STOP;
}

static void
od_command_palette_dispose (GObject *object)
{
  OdCommandPalette *self = (OdCommandPalette *)object;

  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_COMMAND_PALETTE);

  G_OBJECT_CLASS (od_command_palette_parent_class)->dispose (object);
}

static void
od_command_palette_class_init (OdCommandPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = od_command_palette_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-command-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, OdCommandPalette, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OdCommandPalette, results_stack);
  gtk_widget_class_bind_template_child (widget_class, OdCommandPalette, list_box);
  gtk_widget_class_bind_template_child (widget_class, OdCommandPalette, status_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
od_command_palette_init (OdCommandPalette *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

OdCommandPalette *
od_command_palette_new (OdWindow *window)
{
  OdCommandPalette *self;

  g_return_val_if_fail (OD_IS_WINDOW (window), NULL);

  self = g_object_new (OD_TYPE_COMMAND_PALETTE,
                       "transient-for", window,
                       "application", gtk_window_get_application (GTK_WINDOW (window)),
                       NULL);
  g_set_weak_pointer (&self->window, window);
  refresh (self);

  return self;
}

void
od_command_palette_set_text (OdCommandPalette *self,
                             const char       *text)
{
  g_return_if_fail (OD_IS_COMMAND_PALETTE (self));

  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  refresh (self);
}

guint
od_command_palette_get_n_results (OdCommandPalette *self)
{
  guint n = 0;

  g_return_val_if_fail (OD_IS_COMMAND_PALETTE (self), 0);

  while (gtk_list_box_get_row_at_index (self->list_box, n) != NULL)
    n++;

  return n;
}

const char *
od_command_palette_get_result (OdCommandPalette *self,
                               guint             i)
{
  GtkListBoxRow *row;
  Result *result;

  g_return_val_if_fail (OD_IS_COMMAND_PALETTE (self), NULL);

  row = gtk_list_box_get_row_at_index (self->list_box, i);
  result = row != NULL ? g_object_get_data (G_OBJECT (row), "od-result") : NULL;

  return result != NULL ? result->sentence : NULL;
}

gboolean
od_command_palette_activate (OdCommandPalette *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (OD_IS_COMMAND_PALETTE (self), FALSE);

  row = gtk_list_box_get_selected_row (self->list_box);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->list_box, 0);

  return activate_row (self, row);
}
