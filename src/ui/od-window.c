/* od-window.c — the main window: organization switcher, sidebar of areas, stack of pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns the choice of organization and of the acting member, and hands both to every
 * page (OdPage). The sidebar is a GtkListBox bound to the pages of the GtkStack, so a page that
 * is hidden (an area the acting member's role may not use) hides its row as well.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "od-error.h"
#include "od-window.h"
#include "od-feed-util.h"
#include "od-page.h"
#include "od-welcome-page.h"
#include "od-overview-page.h"
#include "od-members-page.h"
#include "od-teams-page.h"
#include "od-billing-page.h"
#include "od-settings-page.h"
#include "od-activity-page.h"
#include "od-undo.h"
#include "od-ui-util.h"
#include "od-command-palette.h"

struct _OdWindow
{
  AdwApplicationWindow  parent_instance;

  OdRepository         *repository;
  GSettings            *settings;
  OdOrganization       *organization;
  OdMember             *actor;
  GHashTable           *identities;     /* slug → the person's email there */
  GListModel           *organizations;

  /* Template widgets */
  GtkStack             *main_stack;
  AdwBin               *welcome_bin;
  OdWelcomePage        *welcome_page;   /* made into welcome_bin when first shown */
  AdwLeaflet           *leaflet;
  GtkDropDown          *org_dropdown;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *content_title;
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *announcer;
  GtkStack             *pages_stack;
  AdwStatusPage        *error_status;

  /* Each area is a light AdwBin in pages_stack (keeping the sidebar's title, icon and
   * visibility); its OdPage is made into it by ensure_page() when first needed */
  AdwBin               *page_bins[6];
  OdPage               *pages[6];

  guint                 updating_organizations : 1;
  guint                 updating_selection : 1;
  guint                 restored_page : 1;
};

G_DEFINE_FINAL_TYPE (OdWindow, od_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_SETTINGS,
  PROP_ORGANIZATION,
  PROP_ACTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The areas, in sidebar order; Alt+1 … Alt+6 follow it. A page whose action the acting member's
 * role does not allow is hidden together with its sidebar row. The title and icon are the
 * sidebar's, known before the page itself is made. */
static const struct {
  const char *name;
  GType     (*get_type) (void);
  OdAction    action;
  const char *title;
  const char *icon_name;
} page_table[] = {
  { "overview", od_overview_page_get_type, OD_ACTION_VIEW,            N_("Overview"), "user-home-symbolic" },
  { "members",  od_members_page_get_type,  OD_ACTION_VIEW,            N_("Members"),  "system-users-symbolic" },
  { "teams",    od_teams_page_get_type,    OD_ACTION_VIEW,            N_("Teams"),    "network-workgroup-symbolic" },
  { "billing",  od_billing_page_get_type,  OD_ACTION_MANAGE_BILLING,  N_("Billing"),  "auth-smartcard-symbolic" },
  { "settings", od_settings_page_get_type, OD_ACTION_MANAGE_SETTINGS, N_("Settings"), "emblem-system-symbolic" },
  { "activity", od_activity_page_get_type, OD_ACTION_VIEW,            N_("Activity"), "document-open-recent-symbolic" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (page_table) == 6);

static int
page_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    if (g_strcmp0 (page_table[i].name, name) == 0)
      return i;

  return -1;
}

/* The page of area i, made (and given the repository, organization and actor) the first time it
 * is needed: when shown, or asked for by an action, the command palette or a test. Opening the
 * window thus makes only the page shown first. */
static OdPage *
ensure_page (OdWindow *self,
             guint     i)
{
  g_assert (i < G_N_ELEMENTS (page_table));

  if (self->pages[i] == NULL)
    {
      OdPage *page = g_object_new (page_table[i].get_type (), NULL);

      self->pages[i] = page;
      od_page_set_repository (page, self->repository);
      od_page_set_organization (page, self->organization);
      od_page_set_actor (page, self->actor);
      adw_bin_set_child (self->page_bins[i], GTK_WIDGET (page));
      od_widget_fit_large_text (GTK_WIDGET (page));
      od_widget_name_drop_down_buttons (GTK_WIDGET (page));
    }

  return self->pages[i];
}

static void
show_view (OdWindow   *self,
           const char *name)
{
  gtk_stack_set_visible_child_name (self->main_stack, name);
}

static void welcome_organization_ready_cb (OdWindow       *self,
                                           OdOrganization *organization,
                                           const char     *email,
                                           gboolean        created,
                                           OdWelcomePage  *page);
static void welcome_back_cb              (OdWindow       *self,
                                           OdWelcomePage  *page);

/* The welcome page is made only when shown: opening an existing organization does not need it */
static void
ensure_welcome_page (OdWindow *self)
{
  if (self->welcome_page != NULL)
    return;

  self->welcome_page = OD_WELCOME_PAGE (od_welcome_page_new ());
  if (self->repository != NULL)
    od_welcome_page_set_repository (self->welcome_page, self->repository);
  g_signal_connect_object (self->welcome_page, "organization-ready",
                           G_CALLBACK (welcome_organization_ready_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->welcome_page, "back",
                           G_CALLBACK (welcome_back_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->welcome_bin, GTK_WIDGET (self->welcome_page));
}

static void
show_welcome (OdWindow *self,
              gboolean  can_go_back)
{
  ensure_welcome_page (self);
  od_welcome_page_reset (self->welcome_page);
  od_welcome_page_set_can_go_back (self->welcome_page, can_go_back);
  show_view (self, "welcome");
  od_welcome_page_focus (self->welcome_page);
}

static void
show_error (OdWindow   *self,
            const char *title,
            const char *message)
{
  adw_status_page_set_title (self->error_status, title);
  od_status_page_set_plain_description (self->error_status, message);
  show_view (self, "error");
}

static gboolean
page_is_available (OdWindow   *self,
                   const char *name)
{
  GtkWidget *child = gtk_stack_get_child_by_name (self->pages_stack, name);

  if (child == NULL)
    return FALSE;

  return gtk_stack_page_get_visible (gtk_stack_get_page (self->pages_stack, child));
}

/* The page on screen, made if needed */
static OdPage *
ensure_visible_page (OdWindow *self)
{
  int i = page_index (gtk_stack_get_visible_child_name (self->pages_stack));

  return i >= 0 ? ensure_page (self, i) : NULL;
}

static gboolean
show_page (OdWindow   *self,
           const char *name)
{
  if (!page_is_available (self, name))
    return FALSE;

  gtk_stack_set_visible_child_name (self->pages_stack, name);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") == 0)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  return TRUE;
}

static void
update_actor (OdWindow *self,
              OdMember *actor)
{
  OdRole role = actor != NULL ? od_member_get_role (actor) : OD_ROLE_NONE;
  gboolean changed;

  changed = g_set_object (&self->actor, actor);

  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    {
      GtkStackPage *page = gtk_stack_get_page (self->pages_stack, GTK_WIDGET (self->page_bins[i]));

      gtk_stack_page_set_visible (page, od_role_can (role, page_table[i].action));
      if (self->pages[i] != NULL)
        od_page_set_actor (self->pages[i], actor);
    }

  /* Ctrl+I: only Admins and Owners invite */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.invite", od_role_can (role, OD_ACTION_INVITE));

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}

static void
remember_identity (OdWindow   *self,
                   const char *slug,
                   const char *email)
{
  g_autoptr(GVariant) old = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key, *value;

  if (email == NULL || *email == '\0')
    return;
  g_hash_table_insert (self->identities, g_strdup (slug), g_strdup (email));
  if (self->settings == NULL)
    return;

  old = g_settings_get_value (self->settings, "identities");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_str_equal (key, slug))
      g_variant_builder_add (&builder, "{ss}", key, value);
  g_variant_builder_add (&builder, "{ss}", slug, email);
  g_settings_set_value (self->settings, "identities", g_variant_builder_end (&builder));
}

static OdMember *
lookup_identity (OdWindow       *self,
                 OdOrganization *organization)
{
  const char *slug = od_organization_get_slug (organization);
  g_autofree char *email = g_strdup (g_hash_table_lookup (self->identities, slug));

  if (email == NULL && self->settings != NULL)
    {
      g_autoptr(GVariant) all = g_settings_get_value (self->settings, "identities");
      g_variant_lookup (all, slug, "s", &email);
    }
  if (email == NULL)
    return NULL;
  return od_repository_find_member (self->repository, od_organization_get_id (organization), email, NULL);
}

static void
select_organization (OdWindow       *self,
                     OdOrganization *organization,
                     gboolean        show_main)
{
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (OD_IS_WINDOW (self));
  g_assert (OD_IS_ORGANIZATION (organization));

  /* The acting member is the person using the app: the member whose email they created or
   * joined this organization with (remembered per organization), else its first Owner — the
   * same default as orgdeskctl's --as. */
  actor = lookup_identity (self, organization);
  if (actor == NULL)
    actor = od_repository_get_first_owner (self->repository,
                                           od_organization_get_id (organization),
                                           &error);
  if (actor == NULL)
    g_warning ("No acting member for %s: %s", od_organization_get_slug (organization),
               error != NULL ? error->message : "no owner");

  if (g_set_object (&self->organization, organization))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION]);

  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    {
      if (self->pages[i] == NULL)
        continue;
      od_page_set_repository (self->pages[i], self->repository);
      od_page_set_organization (self->pages[i], organization);
    }

  update_actor (self, actor);

  adw_window_title_set_subtitle (self->content_title, od_organization_get_name (organization));

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-organization",
                           od_organization_get_slug (organization));

  if (!self->restored_page)
    {
      g_autofree char *last_page = NULL;

      self->restored_page = TRUE;

      if (self->settings != NULL)
        last_page = g_settings_get_string (self->settings, "last-page");

      gtk_stack_set_visible_child_name (self->pages_stack,
                                        last_page != NULL && page_is_available (self, last_page)
                                        ? last_page : "overview");
    }

  /* The page on screen is made now; the others when they are first needed */
  ensure_visible_page (self);

  if (show_main)
    show_view (self, "main");
}

static guint
find_organization (GListModel *model,
                   gint64      id,
                   const char *slug)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdOrganization) org = g_list_model_get_item (model, i);

      if (id > 0 && od_organization_get_id (org) == id)
        return i;
      if (slug != NULL && g_strcmp0 (od_organization_get_slug (org), slug) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Reads the list of organizations again and selects select_id, or else the current one, or the
 * last one used, or the first. With show_main, the main view is shown (else the view stays, so
 * that a change elsewhere does not take the person off the welcome page). */
static void
load_organizations (OdWindow *self,
                    gint64    select_id,
                    gboolean  show_main)
{
  g_autoptr(GListModel) organizations = NULL;
  g_autoptr(OdOrganization) organization = NULL;
  g_autoptr(GError) error = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  organizations = od_repository_list_organizations (self->repository, &error);

  if (organizations == NULL)
    {
      show_error (self, _("Could Not Read the Organizations"), error->message);
      return;
    }

  g_set_object (&self->organizations, organizations);

  self->updating_organizations = TRUE;
  gtk_drop_down_set_model (self->org_dropdown, organizations);
  self->updating_organizations = FALSE;

  if (g_list_model_get_n_items (organizations) == 0)
    {
      show_welcome (self, FALSE);
      return;
    }

  if (select_id > 0)
    position = find_organization (organizations, select_id, NULL);

  if (position == GTK_INVALID_LIST_POSITION && self->organization != NULL)
    position = find_organization (organizations, od_organization_get_id (self->organization), NULL);

  if (position == GTK_INVALID_LIST_POSITION && self->settings != NULL)
    {
      g_autofree char *slug = g_settings_get_string (self->settings, "last-organization");

      if (slug[0] != '\0')
        position = find_organization (organizations, 0, slug);
    }

  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;

  self->updating_organizations = TRUE;
  gtk_drop_down_set_selected (self->org_dropdown, position);
  self->updating_organizations = FALSE;

  organization = g_list_model_get_item (organizations, position);
  select_organization (self, organization,
                       show_main || g_strcmp0 (od_window_get_view_name (self), "welcome") != 0);
}

static void
org_dropdown_selected_cb (OdWindow    *self,
                          GParamSpec  *pspec,
                          GtkDropDown *dropdown)
{
  OdOrganization *organization;

  if (self->updating_organizations)
    return;

  organization = gtk_drop_down_get_selected_item (dropdown);
  if (organization != NULL && organization != self->organization)
    select_organization (self, organization, TRUE);
}

static void
repository_changed_cb (OdWindow     *self,
                       gint64        organization_id,
                       const char   *area,
                       OdRepository *repository)
{
  if (g_strcmp0 (area, "organizations") == 0)
    {
      load_organizations (self, 0, FALSE);
      return;
    }

  /* The acting member's role may have changed: show or hide the areas accordingly */
  if (g_strcmp0 (area, "members") == 0 && self->actor != NULL &&
      self->organization != NULL && organization_id == od_organization_get_id (self->organization))
    {
      g_autoptr(OdMember) actor = od_repository_get_member (repository,
                                                            od_member_get_id (self->actor),
                                                            NULL);
      if (actor != NULL)
        update_actor (self, actor);
    }
}

static GtkWidget *
create_sidebar_row_cb (gpointer item,
                       gpointer user_data)
{
  GtkStackPage *page = item;
  OdWindow *self = user_data;
  g_autofree char *shortcut = NULL;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *image;
  GtkWidget *label;

  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    {
      if (gtk_stack_page_get_child (page) == GTK_WIDGET (self->page_bins[i]))
        /* Translators: the keyboard shortcut of a sidebar row, e.g. "Alt+2" */
        shortcut = g_strdup_printf (_("Alt+%u"), i + 1);
    }

  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  image = gtk_image_new_from_icon_name (gtk_stack_page_get_icon_name (page));
  label = gtk_label_new (gtk_stack_page_get_title (page));

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_widget_set_name (row, gtk_stack_page_get_name (page));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_stack_page_get_title (page),
                                  -1);
  if (shortcut != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, shortcut,
                                    -1);

  g_object_bind_property (page, "visible", row, "visible", G_BINDING_SYNC_CREATE);

  return row;
}

static void
sync_sidebar_selection (OdWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->pages_stack);
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)) != NULL; i++)
    {
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), name) == 0)
        {
          self->updating_selection = TRUE;
          gtk_list_box_select_row (self->sidebar_list, row);
          self->updating_selection = FALSE;
          break;
        }
    }
}

static void
pages_stack_visible_child_cb (OdWindow   *self,
                              GParamSpec *pspec,
                              GtkStack   *stack)
{
  int i = page_index (gtk_stack_get_visible_child_name (stack));

  if (i >= 0)
    adw_window_title_set_title (self->content_title, _(page_table[i].title));

  /* Until an organization is chosen, no page is made: the first one shown may be another */
  if (self->organization != NULL)
    ensure_visible_page (self);

  sync_sidebar_selection (self);
}

static void
sidebar_row_selected_cb (OdWindow      *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  if (row == NULL || self->updating_selection)
    return;

  gtk_stack_set_visible_child_name (self->pages_stack, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
sidebar_row_activated_cb (OdWindow      *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list)
{
  gtk_stack_set_visible_child_name (self->pages_stack, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (OdWindow  *self,
                 GtkButton *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
welcome_organization_ready_cb (OdWindow       *self,
                               OdOrganization *organization,
                               const char     *email,
                               gboolean        created,
                               OdWelcomePage  *page)
{
  remember_identity (self, od_organization_get_slug (organization), email);
  load_organizations (self, od_organization_get_id (organization), TRUE);

  if (self->organization != NULL &&
      od_organization_get_id (self->organization) == od_organization_get_id (organization))
    {
      /* A new organization starts with inviting people; a joined one with its news */
      self->restored_page = TRUE;
      show_page (self, created ? "members" : "overview");
    }
}

static void
welcome_back_cb (OdWindow      *self,
                 OdWelcomePage *page)
{
  if (self->organization != NULL)
    show_view (self, "main");
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OdWindow *self = OD_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0 ||
      !show_page (self, name))
    gtk_widget_error_bell (widget);
}

static void
add_organization_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  OdWindow *self = OD_WINDOW (widget);

  if (self->repository != NULL)
    show_welcome (self, self->organization != NULL);
}

/* Asks the page on screen to run one of its page.* actions (page.new, page.find); FALSE when it
 * has none, or none enabled for this role */
static gboolean
activate_page_action (OdWindow   *self,
                      const char *action_name)
{
  OdPage *page;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0 ||
      (page = ensure_visible_page (self)) == NULL)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (page), action_name, NULL);
}

/* Ctrl+N: a new update on the Overview, a new team on Teams */
static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  if (!activate_page_action (OD_WINDOW (widget), "page.new"))
    gtk_widget_error_bell (widget);
}

/* Ctrl+I: the invite dialog, from any page (the Members page owns it, and shows the pending
 * invitations once they are sent) */
static void
invite_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OdWindow *self = OD_WINDOW (widget);
  GtkWidget *members = od_window_get_page (self, "members");

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0 ||
      !OD_IS_MEMBERS_PAGE (members) ||
      od_members_page_invite (OD_MEMBERS_PAGE (members)) == NULL)
    gtk_widget_error_bell (widget);
}

/* Ctrl+Z: takes back the last change made in this window (the last toast's Undo) */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  if (!od_undo_run_last (GTK_WINDOW (widget)))
    gtk_widget_error_bell (widget);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OdWindow *self = OD_WINDOW (widget);

  /* The page on screen searches itself (Teams, Activity); elsewhere, search the members */
  if (activate_page_action (self, "page.find"))
    return;

  if (show_page (self, "members"))
    od_members_page_focus_search (OD_MEMBERS_PAGE (od_window_get_page (self, "members")));
  else
    gtk_widget_error_bell (widget);
}

/* Ctrl+K: go to a page, member or team, or run an action, by typing */
static void
command_palette_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  OdWindow *self = OD_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  gtk_window_present (GTK_WINDOW (od_command_palette_new (self)));
}

static void
save_window_state (OdWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  if (self->organization != NULL && gtk_stack_get_visible_child_name (self->pages_stack) != NULL)
    g_settings_set_string (self->settings, "last-page",
                           gtk_stack_get_visible_child_name (self->pages_stack));
  g_settings_apply (self->settings);
}

static void
restore_window_state (OdWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
od_window_close_request (GtkWindow *window)
{
  save_window_state (OD_WINDOW (window));

  return GTK_WINDOW_CLASS (od_window_parent_class)->close_request (window);
}

static void
od_window_constructed (GObject *object)
{
  OdWindow *self = (OdWindow *)object;

  G_OBJECT_CLASS (od_window_parent_class)->constructed (object);

  restore_window_state (self);

  if (self->repository != NULL)
    {
      g_signal_connect_object (self->repository, "changed",
                               G_CALLBACK (repository_changed_cb),
                               self, G_CONNECT_SWAPPED);
      load_organizations (self, 0, TRUE);
    }
}

static void
od_window_dispose (GObject *object)
{
  OdWindow *self = (OdWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_WINDOW);

  g_clear_object (&self->organizations);
  g_clear_object (&self->organization);
  g_clear_object (&self->actor);
  g_clear_pointer (&self->identities, g_hash_table_unref);
  g_clear_object (&self->repository);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (od_window_parent_class)->dispose (object);
}

static void
od_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  OdWindow *self = OD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_ORGANIZATION:
      g_value_set_object (value, self->organization);
      break;

    case PROP_ACTOR:
      g_value_set_object (value, self->actor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  OdWindow *self = OD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      self->repository = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_window_class_init (OdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = od_window_constructed;
  object_class->dispose = od_window_dispose;
  object_class->get_property = od_window_get_property;
  object_class->set_property = od_window_set_property;

  window_class->close_request = od_window_close_request;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL,
                         OD_TYPE_REPOSITORY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ORGANIZATION] =
    g_param_spec_object ("organization", NULL, NULL,
                         OD_TYPE_ORGANIZATION,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTOR] =
    g_param_spec_object ("actor", NULL, NULL,
                         OD_TYPE_MEMBER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  od_message_dialogs_name_responses ();

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, OdWindow, welcome_bin);
  gtk_widget_class_bind_template_child (widget_class, OdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, OdWindow, org_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, OdWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, OdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OdWindow, announcer);
  gtk_widget_class_bind_template_child (widget_class, OdWindow, pages_stack);
  gtk_widget_class_bind_template_child (widget_class, OdWindow, error_status);
  gtk_widget_class_bind_template_callback (widget_class, org_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, pages_stack_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.add-organization", NULL, add_organization_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.invite", NULL, invite_action);
  gtk_widget_class_install_action (widget_class, "win.command-palette", NULL, command_palette_action);

  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", page_table[i].name);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.invite", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.command-palette", NULL);
}

static void
od_window_init (OdWindow *self)
{
  g_autoptr(GListModel) stack_pages = NULL;

  self->identities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  od_widget_name_drop_down_buttons (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    {
      GtkStackPage *stack_page;

      self->page_bins[i] = ADW_BIN (adw_bin_new ());
      od_widget_hide_from_at_when_unmapped (GTK_WIDGET (self->page_bins[i]));
      stack_page = gtk_stack_add_titled (self->pages_stack, GTK_WIDGET (self->page_bins[i]),
                                         page_table[i].name, _(page_table[i].title));
      gtk_stack_page_set_icon_name (stack_page, page_table[i].icon_name);
    }

  od_widget_hide_from_at_when_unmapped (GTK_WIDGET (self->leaflet));
  od_widget_hide_from_at_when_unmapped (gtk_stack_get_child_by_name (self->main_stack, "error"));

  stack_pages = G_LIST_MODEL (gtk_stack_get_pages (self->pages_stack));
  gtk_list_box_bind_model (self->sidebar_list, stack_pages, create_sidebar_row_cb, self, NULL);
  sync_sidebar_selection (self);
}

OdWindow *
od_window_new (GtkApplication *application,
               OdRepository   *repository,
               GSettings      *settings)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!repository || OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  return g_object_new (OD_TYPE_WINDOW,
                       "application", application,
                       "repository", repository,
                       "settings", settings,
                       NULL);
}

/* Shows why the database could not be opened; the file is not touched again. */
void
od_window_show_open_error (OdWindow     *self,
                           const char   *path,
                           const GError *error)
{
  g_autofree char *message = NULL;
  const char *title;

  g_return_if_fail (OD_IS_WINDOW (self));

  if (g_error_matches (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NEWER_SCHEMA))
    title = _("Database From a Newer Orgdesk");
  else if (g_error_matches (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_ORGDESK) ||
           g_error_matches (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_DATABASE))
    title = _("Not an Orgdesk Database");
  else if (g_error_matches (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_CORRUPT))
    title = _("Damaged Database");
  else
    title = _("Could Not Open the Database");

  /* The core's messages are written for people and usually name the file already */
  if (error == NULL)
    message = g_strdup_printf (_("File: %s"), path != NULL ? path : "");
  else if (path == NULL || strstr (error->message, path) != NULL)
    message = g_strdup (error->message);
  else
    /* Translators: an error message, then the file it is about */
    message = g_strdup_printf (_("%s\n\nFile: %s"), error->message, path);

  show_error (self, title, message);
}

OdRepository *
od_window_get_repository (OdWindow *self)
{
  g_return_val_if_fail (OD_IS_WINDOW (self), NULL);

  return self->repository;
}

OdOrganization *
od_window_get_organization (OdWindow *self)
{
  g_return_val_if_fail (OD_IS_WINDOW (self), NULL);

  return self->organization;
}

OdMember *
od_window_get_actor (OdWindow *self)
{
  g_return_val_if_fail (OD_IS_WINDOW (self), NULL);

  return self->actor;
}

/* "welcome", "main" or "error" */
const char *
od_window_get_view_name (OdWindow *self)
{
  g_return_val_if_fail (OD_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/* "overview", "members", … */
const char *
od_window_get_page_name (OdWindow *self)
{
  g_return_val_if_fail (OD_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->pages_stack);
}

/* The page of an area, made now if it was not yet; NULL for an unknown name */
GtkWidget *
od_window_get_page (OdWindow   *self,
                    const char *name)
{
  int i;

  g_return_val_if_fail (OD_IS_WINDOW (self), NULL);

  i = page_index (name);
  return i >= 0 ? GTK_WIDGET (ensure_page (self, i)) : NULL;
}

/* The sidebar title and icon of an area, without making its page; FALSE for an unknown name */
gboolean
od_window_get_page_info (OdWindow    *self,
                         const char  *name,
                         const char **title,
                         const char **icon_name)
{
  int i;

  g_return_val_if_fail (OD_IS_WINDOW (self), FALSE);

  i = page_index (name);
  if (title != NULL)
    *title = i >= 0 ? _(page_table[i].title) : NULL;
  if (icon_name != NULL)
    *icon_name = i >= 0 ? page_table[i].icon_name : NULL;

  return i >= 0;
}

/* Whether the acting member's role may use an area (its sidebar row is shown) */
gboolean
od_window_page_is_available (OdWindow   *self,
                             const char *name)
{
  g_return_val_if_fail (OD_IS_WINDOW (self), FALSE);

  return page_is_available (self, name);
}

void
od_window_add_toast (OdWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (OD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  od_window_announce (self, adw_toast_get_title (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Names the window's status (an empty widget with the status role) after a message, for screen
 * readers: what toasts and other status changes say. The message may hold Pango markup. */
void
od_window_announce (OdWindow   *self,
                    const char *message)
{
  g_autofree char *text = NULL;

  g_return_if_fail (OD_IS_WINDOW (self));

  if (message == NULL || !pango_parse_markup (message, -1, 0, NULL, &text, NULL, NULL))
    text = g_strdup (message != NULL ? message : "");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->announcer),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

/* Announces a message from any widget of the window, or of a dialog whose transient parent is
 * the window (a form's validation error); does nothing outside an OdWindow. */
void
od_window_announce_for (GtkWidget  *widget,
                        const char *message)
{
  GtkWindow *window;

  if (widget == NULL || message == NULL || *message == '\0')
    return;

  window = od_widget_get_window (widget);
  if (OD_IS_WINDOW (window))
    od_window_announce (OD_WINDOW (window), message);
}
