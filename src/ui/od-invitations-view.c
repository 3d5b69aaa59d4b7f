/* od-invitations-view.c — the pending invitations of an organization (Members page)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A table of the invitations that are pending or expired, newest first: a lazy list
 * (od_repository_list_invitations_paged()) made and counted on the repository's worker, whose
 * rows are read a page at a time as the table shows them. The list counts again by itself when
 * the repository reports a change to the organization's invitations or members (an invitation
 * accepted becomes a member) and says which positions changed. Expired invitations are marked and
 * hold no seat. Admins and Owners get each row's menu (resend, copy the invite code, revoke) and,
 * for a selection, a bar to revoke them all; a revocation asks first and can be undone from its
 * toast.
 *
 * The view sits hidden behind the Members tab most of the time, yet its count is wanted at once
 * (the tab's badge, the seat card). GTK 4.8's column view makes and binds up to 200 rows for any
 * model it is given, shown or not: so the table gets the list only once the view is first
 * mapped, and a row's menu is made only when it is opened. An action on one invitation reads it
 * by id (od_repository_get_invitation()), never by walking the list.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-format.h"
#include "od-invitation.h"
#include "od-invitations-view.h"
#include "od-journal-undo.h"
#include "od-member.h"
#include "od-members-util.h"
#include "od-ui-util.h"
#include "od-wrap-box.h"

struct _OdInvitationsView
{
  AdwBin             parent_instance;

  OdRepository      *repository;
  gint64             organization_id;
  OdMember          *actor;
  GCancellable      *cancellable;
  gulong             changed_handler;
  guint              serial;
  guint              reload_source;

  GListModel        *invitations;      /* the lazy list */
  gulong             invitations_handler;
  guint              n_notified;       /* n-items as last notified */
  GtkMultiSelection *selection;        /* the table's model: the list, once the view was shown */
  gboolean           shown;            /* mapped at least once */

  GtkStack          *list_stack;
  GtkColumnView     *column_view;
  GtkColumnViewColumn *actions_column;
  AdwStatusPage     *empty_status;
  AdwStatusPage     *error_status;
  GtkRevealer       *action_revealer;
  GtkLabel          *selection_label;
  GtkWidget         *revoke_button;
  GtkWidget         *clear_button;
};

G_DEFINE_FINAL_TYPE (OdInvitationsView, od_invitations_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
can_manage (OdInvitationsView *self)
{
  return self->actor != NULL && od_role_can (od_member_get_role (self->actor), OD_ACTION_INVITE);
}

/* Work on the repository's worker */

typedef void (*DoneFunc) (OdInvitationsView *self,
                          gpointer           result,
                          const GError      *error);

typedef struct
{
  OdInvitationsView *self;
  GCancellable      *cancellable;
  GDestroyNotify     result_free;
  DoneFunc           done;
} RunData;

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  RunData *data = user_data;
  g_autoptr(GError) error = NULL;
  gpointer value = od_repository_run_finish (OD_REPOSITORY (object), result, &error);

  if (g_cancellable_is_cancelled (data->cancellable) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (value != NULL && data->result_free != NULL)
        data->result_free (value);
    }
  else
    {
      data->done (data->self, value, error);
    }

  g_object_unref (data->self);
  g_object_unref (data->cancellable);
  g_free (data);
}

static void
run (OdInvitationsView *self,
     OdRepositoryFunc   func,
     gpointer           data,
     GDestroyNotify     data_free,
     GDestroyNotify     result_free,
     DoneFunc           done)
{
  RunData *run_data;

  if (self->repository == NULL)
    {
      if (data != NULL && data_free != NULL)
        data_free (data);
      return;
    }

  run_data = g_new0 (RunData, 1);
  run_data->self = g_object_ref (self);
  run_data->cancellable = g_object_ref (self->cancellable);
  run_data->result_free = result_free;
  run_data->done = done;

  od_repository_run_async (self->repository, func, data, data_free, result_free,
                           self->cancellable, run_cb, run_data);
}

/* Loading */

static void
update_state (OdInvitationsView *self)
{
  guint n = self->invitations != NULL ? g_list_model_get_n_items (self->invitations) : 0;

  if (self->invitations == NULL)
    return;

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  od_status_page_set_plain_description (self->empty_status,
                                        can_manage (self)
                                        ? _("Invite people to the organization: their invitations wait here until they join.")
                                        : _("Nobody has been invited and not joined yet."));
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
update_selection (OdInvitationsView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  if (self->selection != NULL)
    {
      selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
      n = (guint) gtk_bitset_get_size (selected);
    }

  /* Translators: how many invitations are selected in the table */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u invitation selected",
                                       "%u invitations selected", n), n);
  gtk_label_set_text (self->selection_label, text);
  gtk_revealer_set_reveal_child (self->action_revealer, n > 0 && can_manage (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invitations.revoke-selected",
                                 n > 0 && can_manage (self));
}

static void
selection_changed_cb (OdInvitationsView *self)
{
  update_selection (self);
}

static void
notify_n_items (OdInvitationsView *self)
{
  guint n = od_invitations_view_get_n_items (self);

  if (n != self->n_notified)
    {
      self->n_notified = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

/* The list counted again (shown or not) */
static void
invitations_changed_cb (OdInvitationsView *self)
{
  update_state (self);
  notify_n_items (self);
}

/* The table's rows changed: a selected row may have gone */
static void
selection_items_changed_cb (OdInvitationsView *self)
{
  update_selection (self);
}

/* The table binds rows only for a view that has been shown; NULL empties it at once */
static void
attach_table (OdInvitationsView *self)
{
  GListModel *model = self->shown ? self->invitations : NULL;

  if (gtk_multi_selection_get_model (self->selection) != model)
    gtk_multi_selection_set_model (self->selection, model);
}

static void
set_invitations (OdInvitationsView *self,
                 GListModel        *invitations)
{
  if (self->invitations == invitations)
    return;

  if (self->invitations != NULL)
    g_clear_signal_handler (&self->invitations_handler, self->invitations);
  g_set_object (&self->invitations, invitations);
  if (invitations != NULL)
    self->invitations_handler = g_signal_connect_object (invitations, "items-changed",
                                                         G_CALLBACK (invitations_changed_cb),
                                                         self, G_CONNECT_SWAPPED);

  attach_table (self);
  update_state (self);
  update_selection (self);
  notify_n_items (self);
}

typedef struct
{
  gint64 organization_id;
  guint  serial;
} LoadRequest;

typedef struct
{
  guint       serial;
  GListModel *invitations;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_object (&result->invitations);
  g_free (result);
}

static gpointer
load_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  LoadRequest *request = data;
  g_autoptr(GListModel) invitations = NULL;
  LoadResult *result;

  /* Only counts: the table reads the rows it shows */
  if (!(invitations = od_repository_list_invitations_paged (repository, request->organization_id, error)))
    return NULL;

  result = g_new0 (LoadResult, 1);
  result->serial = request->serial;
  result->invitations = g_steal_pointer (&invitations);
  return result;
}

static void
load_done (OdInvitationsView *self,
           gpointer           data,
           const GError      *error)
{
  LoadResult *result = data;

  if (result == NULL)
    {
      od_status_page_set_plain_description (self->error_status, error != NULL ? error->message : "");
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      return;
    }

  if (result->serial == self->serial)
    set_invitations (self, result->invitations);

  load_result_free (result);
}

void
od_invitations_view_reload (OdInvitationsView *self)
{
  LoadRequest *request;

  g_return_if_fail (OD_IS_INVITATIONS_VIEW (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (self->repository == NULL || self->organization_id == 0)
    {
      set_invitations (self, NULL);
      return;
    }

  request = g_new0 (LoadRequest, 1);
  request->organization_id = self->organization_id;
  request->serial = ++self->serial;

  run (self, load_func, request, g_free, (GDestroyNotify)load_result_free, load_done);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  OdInvitationsView *self = user_data;

  self->reload_source = 0;
  od_invitations_view_reload (self);

  return G_SOURCE_REMOVE;
}

static void
repository_changed_cb (OdInvitationsView *self,
                       gint64             organization_id,
                       const char        *area,
                       OdRepository      *repository)
{
  /* The lazy list shown counts again by itself; only a view without one reads it anew */
  if (organization_id != self->organization_id || self->invitations != NULL)
    return;

  /* An accepted invitation turns into a member: both areas change */
  if ((g_strcmp0 (area, "invitations") == 0 || g_strcmp0 (area, "members") == 0) &&
      self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, reload_idle_cb, self, NULL);
}

void
od_invitations_view_set_context (OdInvitationsView *self,
                                 OdRepository      *repository,
                                 gint64             organization_id,
                                 OdMember          *actor)
{
  g_return_if_fail (OD_IS_INVITATIONS_VIEW (self));
  g_return_if_fail (!repository || OD_IS_REPOSITORY (repository));
  g_return_if_fail (!actor || OD_IS_MEMBER (actor));

  g_set_object (&self->actor, actor);

  if (self->repository != repository || self->organization_id != organization_id)
    {
      if (self->repository != NULL)
        g_clear_signal_handler (&self->changed_handler, self->repository);
      g_set_object (&self->repository, repository);
      if (repository != NULL)
        self->changed_handler = g_signal_connect_object (repository, "changed",
                                                         G_CALLBACK (repository_changed_cb),
                                                         self, G_CONNECT_SWAPPED);
      self->organization_id = organization_id;

      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      set_invitations (self, NULL);
    }

  gtk_column_view_column_set_visible (self->actions_column, can_manage (self));
  update_selection (self);
  od_invitations_view_reload (self);
}

GListModel *
od_invitations_view_get_model (OdInvitationsView *self)
{
  g_return_val_if_fail (OD_IS_INVITATIONS_VIEW (self), NULL);

  return self->invitations;
}

guint
od_invitations_view_get_n_items (OdInvitationsView *self)
{
  g_return_val_if_fail (OD_IS_INVITATIONS_VIEW (self), 0);

  return self->invitations != NULL ? g_list_model_get_n_items (self->invitations) : 0;
}

/* Formatting */

static gboolean
is_expired (OdInvitation *invitation,
            gint64        now)
{
  return od_invitation_get_state (invitation) == OD_INVITATION_EXPIRED ||
         od_invitation_get_expires_at (invitation) <= now;
}

char *
od_invitations_format_expiry (gint64 expires_at,
                              gint64 now)
{
  gint64 delta = expires_at - now;

  if (delta <= 0)
    return g_strdup (C_("invitation", "Expired"));

  if (delta < 60 * 60)
    {
      guint minutes = MAX ((guint) (delta / 60), 1);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u minute", "in %u minutes", minutes),
                              minutes);
    }

  if (delta < 24 * 60 * 60)
    {
      guint hours = (guint) (delta / (60 * 60));

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u hour", "in %u hours", hours),
                              hours);
    }

  {
    guint days = (guint) ((delta + 12 * 60 * 60) / (24 * 60 * 60));

    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u day", "in %u days", days), days);
  }
}

static char *
times_sent_text (guint times)
{
  if (times <= 1)
    return g_strdup (C_("times sent", "Once"));
  if (times == 2)
    return g_strdup (C_("times sent", "Twice"));

  /* Translators: how many times an invitation was sent */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u time", "%u times", times), times);
}

static char *
describe_invitation (OdInvitation *invitation,
                     gint64        now)
{
  g_autofree char *expiry = NULL;
  g_autofree char *sent = NULL;
  const char *by = od_invitation_get_invited_by_name (invitation);
  guint times = od_invitation_get_times_sent (invitation);

  if (is_expired (invitation, now))
    {
      expiry = g_strdup (_("expired"));
    }
  else
    {
      g_autofree char *when = od_invitations_format_expiry (od_invitation_get_expires_at (invitation), now);

      /* Translators: part of a pending invitation's sentence, e.g. "expires in 3 days" */
      expiry = g_strdup_printf (_("expires %s"), when);
    }

  if (times <= 1)
    sent = g_strdup (_("sent once"));
  else if (times == 2)
    sent = g_strdup (_("sent twice"));
  else
    sent = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "sent %u time", "sent %u times", times), times);

  /* Translators: how a pending invitation row is read by a screen reader:
   * "bob@example.com, Write, invited by Ana Silva, expires in 3 days, sent once" */
  return g_strdup_printf (_("%s, %s, invited by %s, %s, %s"),
                          od_invitation_get_email (invitation),
                          od_role_get_label (od_invitation_get_role (invitation)),
                          by != NULL && *by != '\0' ? by : _("a former member"),
                          expiry,
                          sent);
}

/* Cells */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gtk_list_item_set_child (item, od_cell_label_new (10));
}

static void
setup_email_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gtk_list_item_set_child (item, od_cell_label_new (24));
}

static GtkLabel *
item_label (GtkListItem *item)
{
  return GTK_LABEL (gtk_list_item_get_child (item));
}

static void
bind_email_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  OdInvitation *invitation = gtk_list_item_get_item (item);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *sentence = describe_invitation (invitation, now);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), od_invitation_get_email (invitation));
  od_cell_set_row_label (label, sentence);

  /* An expired invitation holds no seat: its address is dimmed, its expiry marked */
  if (is_expired (invitation, now))
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void
bind_role_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  OdInvitation *invitation = gtk_list_item_get_item (item);

  gtk_label_set_text (item_label (item), od_role_get_label (od_invitation_get_role (invitation)));
}

static void
bind_invited_by_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  OdInvitation *invitation = gtk_list_item_get_item (item);
  const char *by = od_invitation_get_invited_by_name (invitation);

  gtk_label_set_text (item_label (item), by != NULL && *by != '\0' ? by : "—");
}

static void
bind_sent_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  OdInvitation *invitation = gtk_list_item_get_item (item);
  g_autofree char *text = od_format_relative_time (od_invitation_get_created_at (invitation),
                                                   g_get_real_time () / G_USEC_PER_SEC);

  gtk_label_set_text (item_label (item), text);
}

static void
bind_expires_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  OdInvitation *invitation = gtk_list_item_get_item (item);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean expired = is_expired (invitation, now);
  g_autofree char *text = expired ? g_strdup (C_("invitation", "Expired"))
                                  : od_invitations_format_expiry (od_invitation_get_expires_at (invitation), now);
  g_autofree char *exact = od_format_date (od_invitation_get_expires_at (invitation));
  GtkLabel *label = item_label (item);

  gtk_label_set_text (label, text);
  od_cell_set_tooltip (GTK_WIDGET (label), exact);
  if (expired)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "heading");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "heading");
    }
}

static void
bind_times_sent_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  OdInvitation *invitation = gtk_list_item_get_item (item);
  g_autofree char *text = times_sent_text (od_invitation_get_times_sent (invitation));

  gtk_label_set_text (item_label (item), text);
}

static void
setup_actions_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gtk_list_item_set_child (item, od_row_menu_button_new ());
}

static GMenuModel *
row_menu (gint64 invitation_id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();
  g_autoptr(GMenuItem) resend = g_menu_item_new (_("_Resend Invitation"), NULL);
  g_autoptr(GMenuItem) copy = g_menu_item_new (_("_Copy Invite Code"), NULL);
  g_autoptr(GMenuItem) revoke = g_menu_item_new (_("Re_voke Invitation…"), NULL);
  GVariant *id = g_variant_new_int64 (invitation_id);

  g_variant_ref_sink (id);
  g_menu_item_set_action_and_target_value (resend, "invitations.resend", id);
  g_menu_item_set_action_and_target_value (copy, "invitations.copy-code", id);
  g_menu_item_set_action_and_target_value (revoke, "invitations.revoke", id);
  g_variant_unref (id);

  g_menu_append_item (menu, resend);
  g_menu_append_item (menu, copy);
  g_menu_append_item (danger, revoke);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));

  return G_MENU_MODEL (menu);
}

#define INVITATION_KEY "od-invitation"

/* The menu is made when it is opened (click, Menu key), not for each of the rows bound */
static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  OdInvitation *invitation = g_object_get_data (G_OBJECT (button), INVITATION_KEY);
  g_autoptr(GMenuModel) menu = NULL;

  if (invitation == NULL)
    return;
  menu = row_menu (od_invitation_get_id (invitation));
  gtk_menu_button_set_menu_model (button, menu);
}

static void
bind_actions_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  OdInvitation *invitation = gtk_list_item_get_item (item);
  GtkWidget *button = gtk_list_item_get_child (item);
  g_autofree char *label = NULL;

  /* The menu of the invitation this row showed before goes; the new one is made on opening */
  if (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)) != NULL)
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), NULL);
  g_object_set_data_full (G_OBJECT (button), INVITATION_KEY, g_object_ref (invitation), g_object_unref);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_menu_cb, NULL, NULL);
  /* Translators: the accessible name of a pending invitation's menu button */
  label = g_strdup_printf (_("Actions for the invitation to %s"), od_invitation_get_email (invitation));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* Actions */

typedef struct
{
  OdMember *actor;
  gint64    organization_id;
  GArray   *ids;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->actor);
  g_clear_pointer (&request->ids, g_array_unref);
  g_free (request);
}

static Request *
request_new (OdInvitationsView *self,
             GArray            *ids)
{
  Request *request = g_new0 (Request, 1);

  request->actor = g_object_ref (self->actor);
  request->organization_id = self->organization_id;
  request->ids = g_array_ref (ids);

  return request;
}

static gpointer
resend_func (OdRepository  *repository,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Request *request = data;

  return od_repository_resend_invitation (repository, request->actor,
                                          g_array_index (request->ids, gint64, 0), error);
}

static void
resend_done (OdInvitationsView *self,
             gpointer           result,
             const GError      *error)
{
  g_autoptr(OdInvitation) invitation = result;
  g_autofree char *message = NULL;

  if (invitation == NULL)
    {
      od_toast_show (GTK_WIDGET (self), error != NULL ? error->message : "");
      return;
    }

  /* Translators: a toast after an invitation was sent again; %s is an email address */
  message = g_strdup_printf (_("Invitation to %s sent again; it expires in %u days"),
                             od_invitation_get_email (invitation), OD_INVITATION_LIFETIME_DAYS);
  od_toast_show (GTK_WIDGET (self), message);
}

static void
resend_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OdInvitationsView *self = OD_INVITATIONS_VIEW (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = g_variant_get_int64 (parameter);

  if (!can_manage (self))
    return;

  g_array_append_val (ids, id);
  run (self, resend_func, request_new (self, ids), (GDestroyNotify)request_free,
       g_object_unref, resend_done);
}

/* One invitation read by id, on the worker */
static gpointer
get_func (OdRepository  *repository,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Request *request = data;

  return od_repository_get_invitation (repository, request->organization_id,
                                       g_array_index (request->ids, gint64, 0), error);
}

static void
get_invitation (OdInvitationsView *self,
                gint64             invitation_id,
                DoneFunc           done)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, invitation_id);
  run (self, get_func, request_new (self, ids), (GDestroyNotify)request_free, g_object_unref, done);
}

static gboolean
is_open (OdInvitation *invitation)
{
  OdInvitationState state = od_invitation_get_state (invitation);

  return state == OD_INVITATION_PENDING || state == OD_INVITATION_EXPIRED;
}

static void
copy_code_done (OdInvitationsView *self,
                gpointer           result,
                const GError      *error)
{
  g_autoptr(OdInvitation) invitation = result;

  if (invitation == NULL)
    {
      od_toast_show (GTK_WIDGET (self), error != NULL ? error->message : "");
      return;
    }
  if (!is_open (invitation))
    {
      od_toast_show (GTK_WIDGET (self), _("That invitation was accepted or revoked: its code no longer works."));
      return;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), od_invitation_get_code (invitation));
  od_toast_show (GTK_WIDGET (self), _("Code copied"));
}

static void
copy_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OdInvitationsView *self = OD_INVITATIONS_VIEW (widget);

  if (!can_manage (self))
    return;

  get_invitation (self, g_variant_get_int64 (parameter), copy_code_done);
}

typedef struct
{
  guint   n_revoked;
  GArray *journal_ids;
} RevokeResult;

static void
revoke_result_free (RevokeResult *result)
{
  g_clear_pointer (&result->journal_ids, g_array_unref);
  g_free (result);
}

static gpointer
revoke_func (OdRepository  *repository,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Request *request = data;
  RevokeResult *result;
  gint64 since = od_journal_get_newest_id (repository, request->organization_id);

  if (!od_repository_revoke_invitations (repository, request->actor, request->ids, error))
    return NULL;

  result = g_new0 (RevokeResult, 1);
  result->n_revoked = request->ids->len;
  result->journal_ids = od_journal_find_since (repository, request->organization_id,
                                               "invitation.revoke",
                                               od_member_get_id (request->actor),
                                               since, request->ids->len);
  return result;
}

static void
revoke_done (OdInvitationsView *self,
             gpointer           data,
             const GError      *error)
{
  RevokeResult *result = data;
  g_autofree char *title = NULL;

  if (result == NULL)
    {
      od_toast_show (GTK_WIDGET (self), error != NULL ? error->message : "");
      return;
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Invitation revoked",
                                        "%u invitations revoked", result->n_revoked),
                           result->n_revoked);
  if (result->journal_ids->len > 0)
    {
      g_autoptr(OdUndo) undo = od_journal_undo_new (self->repository, self->actor, result->journal_ids);

      od_undo_show_toast (undo, GTK_WIDGET (self), title);
    }
  else
    {
      od_toast_show (GTK_WIDGET (self), title);
    }

  revoke_result_free (result);
}

static void
revoke_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    OdInvitationsView *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "od-ids");

  if (g_strcmp0 (response, "confirm") != 0 || ids == NULL || !can_manage (self))
    return;

  run (self, revoke_func, request_new (self, ids), (GDestroyNotify)request_free,
       (GDestroyNotify)revoke_result_free, revoke_done);
}

/* invitation: the one revoked when ids holds one, to name it (NULL: not named) */
static void
present_revoke_dialog (OdInvitationsView *self,
                       GArray            *ids,
                       OdInvitation      *invitation)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (ids->len == 0 || !can_manage (self))
    return;

  if (ids->len == 1)
    {
      /* Translators: the question before an invitation is revoked; %s is an email address */
      heading = invitation != NULL
                ? g_strdup_printf (_("Revoke the Invitation to %s?"), od_invitation_get_email (invitation))
                : g_strdup (_("Revoke the Invitation?"));
    }
  else
    {
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Revoke %u Invitation?",
                                              "Revoke %u Invitations?", ids->len),
                                 ids->len);
    }

  dialog = od_confirm_dialog_new (GTK_WIDGET (self), heading,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "Its invite code stops working at once and its seat is freed; you can undo this from the toast.",
                                               "Their invite codes stop working at once and their seats are freed; you can undo this from the toast.",
                                               ids->len),
                                  ids->len == 1 ? _("_Revoke Invitation") : _("_Revoke Invitations"),
                                  TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "od-ids", g_array_ref (ids), (GDestroyNotify)g_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (revoke_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
revoke_one_done (OdInvitationsView *self,
                 gpointer           result,
                 const GError      *error)
{
  g_autoptr(OdInvitation) invitation = result;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id;

  if (invitation == NULL)
    {
      od_toast_show (GTK_WIDGET (self), error != NULL ? error->message : "");
      return;
    }

  id = od_invitation_get_id (invitation);
  g_array_append_val (ids, id);
  present_revoke_dialog (self, ids, invitation);
}

/* One invitation is named in the question: it is read first */
static void
confirm_revoke (OdInvitationsView *self,
                GArray            *ids)
{
  if (ids->len == 0 || !can_manage (self))
    return;

  if (ids->len == 1)
    get_invitation (self, g_array_index (ids, gint64, 0), revoke_one_done);
  else
    present_revoke_dialog (self, ids, NULL);
}

static void
revoke_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = g_variant_get_int64 (parameter);

  g_array_append_val (ids, id);
  confirm_revoke (OD_INVITATIONS_VIEW (widget), ids);
}

static GArray *
selected_ids (OdInvitationsView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint position;

  if (self->invitations == NULL)
    return ids;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(OdInvitation) invitation = g_list_model_get_item (self->invitations, position);

      if (invitation != NULL)
        {
          gint64 id = od_invitation_get_id (invitation);

          g_array_append_val (ids, id);
        }
    }

  return ids;
}

void
od_invitations_view_revoke_selected (OdInvitationsView *self)
{
  g_autoptr(GArray) ids = NULL;

  g_return_if_fail (OD_IS_INVITATIONS_VIEW (self));

  ids = selected_ids (self);
  confirm_revoke (self, ids);
}

static void
revoke_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  od_invitations_view_revoke_selected (OD_INVITATIONS_VIEW (widget));
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  OdInvitationsView *self = OD_INVITATIONS_VIEW (widget);

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

/* GObject */

static void
od_invitations_view_map (GtkWidget *widget)
{
  OdInvitationsView *self = OD_INVITATIONS_VIEW (widget);

  GTK_WIDGET_CLASS (od_invitations_view_parent_class)->map (widget);

  if (!self->shown)
    {
      self->shown = TRUE;
      attach_table (self);
    }
}

static void
od_invitations_view_dispose (GObject *object)
{
  OdInvitationsView *self = (OdInvitationsView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->repository != NULL)
    g_clear_signal_handler (&self->changed_handler, self->repository);
  if (self->invitations != NULL)
    g_clear_signal_handler (&self->invitations_handler, self->invitations);

  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_INVITATIONS_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->invitations);
  g_clear_object (&self->repository);
  g_clear_object (&self->actor);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (od_invitations_view_parent_class)->dispose (object);
}

static void
od_invitations_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  OdInvitationsView *self = OD_INVITATIONS_VIEW (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, od_invitations_view_get_n_items (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_invitations_view_class_init (OdInvitationsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = od_invitations_view_dispose;
  object_class->get_property = od_invitations_view_get_property;
  widget_class->map = od_invitations_view_map;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OD_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-invitations-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OdInvitationsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, OdInvitationsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, OdInvitationsView, actions_column);
  gtk_widget_class_bind_template_child (widget_class, OdInvitationsView, empty_status);
  gtk_widget_class_bind_template_child (widget_class, OdInvitationsView, error_status);
  gtk_widget_class_bind_template_child (widget_class, OdInvitationsView, action_revealer);
  gtk_widget_class_bind_template_child (widget_class, OdInvitationsView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, OdInvitationsView, revoke_button);
  gtk_widget_class_bind_template_child (widget_class, OdInvitationsView, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, setup_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_email_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_actions_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_email_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_role_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_invited_by_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_sent_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_expires_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_times_sent_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_actions_cb);

  gtk_widget_class_install_action (widget_class, "invitations.resend", "x", resend_action);
  gtk_widget_class_install_action (widget_class, "invitations.copy-code", "x", copy_code_action);
  gtk_widget_class_install_action (widget_class, "invitations.revoke", "x", revoke_action);
  gtk_widget_class_install_action (widget_class, "invitations.revoke-selected", NULL, revoke_selected_action);
  gtk_widget_class_install_action (widget_class, "invitations.clear-selection", NULL, clear_selection_action);
}

static void
od_invitations_view_init (OdInvitationsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->selection = gtk_multi_selection_new (NULL);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (selection_items_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  od_column_view_add_row_menus (self->column_view);
  od_button_set_accessible_name (self->revoke_button, NULL);
  od_button_set_accessible_name (self->clear_button, NULL);

  gtk_column_view_column_set_visible (self->actions_column, FALSE);
  update_selection (self);
}
