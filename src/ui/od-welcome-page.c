/* od-welcome-page.c — create an organization or join one with an invite code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "od-error.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-ui-util.h"
#include "od-welcome-page.h"

/* The seats a new organization starts with: 0 lets the core choose its default */
#define DEFAULT_SEATS 0

struct _OdWelcomePage
{
  AdwBin         parent_instance;

  OdRepository  *repository;
  GCancellable  *cancellable;
  gboolean       can_go_back;
  gboolean       busy;

  GtkWidget     *back_button;
  AdwEntryRow   *org_name_row;
  AdwEntryRow   *owner_name_row;
  AdwEntryRow   *owner_email_row;
  GtkLabel      *create_error_label;
  GtkButton     *create_button;
  AdwEntryRow   *code_row;
  AdwEntryRow   *join_name_row;
  GtkLabel      *join_error_label;
  GtkButton     *join_button;
};

G_DEFINE_FINAL_TYPE (OdWelcomePage, od_welcome_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_CAN_GO_BACK,
  N_PROPS
};

enum {
  ORGANIZATION_READY,
  BACK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char *organization;
  char *name;
  char *email;
  char *code;
} Request;

typedef struct
{
  OdOrganization *organization;
  OdMember       *member;
  char           *email;   /* the person's email in that organization */
} Outcome;

static void
request_free (Request *request)
{
  g_free (request->organization);
  g_free (request->name);
  g_free (request->email);
  g_free (request->code);
  g_free (request);
}

static void
outcome_free (Outcome *outcome)
{
  g_clear_object (&outcome->organization);
  g_clear_object (&outcome->member);
  g_free (outcome->email);
  g_free (outcome);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Outcome, outcome_free)

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_row_error (AdwEntryRow *row,
               gboolean     error)
{
  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (row))),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (row))),
                                  GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
show_message (GtkLabel   *label,
              const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL && *message != '\0');
}

static gboolean
looks_like_email (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at != text && at[1] != '\0' && strchr (at + 1, '@') == NULL &&
         strpbrk (text, " \t\n,;") == NULL;
}

static void
set_busy (OdWelcomePage *self,
          gboolean       busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->join_button), !busy);
}

static gboolean
message_mentions (const GError *error,
                  const char   *word)
{
  g_autofree char *lower = g_utf8_strdown (error->message, -1);

  return strstr (lower, word) != NULL;
}

static void
finish (OdWelcomePage *self,
        Outcome       *outcome,
        gboolean       created)
{
  g_assert (OD_IS_ORGANIZATION (outcome->organization));

  g_signal_emit (self, signals[ORGANIZATION_READY], 0, outcome->organization, outcome->email, created);
}

/* Create */

static gpointer
create_organization_func (OdRepository  *repository,
                          gpointer       data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  Request *request = data;
  Outcome *outcome;
  OdOrganization *organization;

  organization = od_repository_create_organization (repository, request->organization, request->email,
                                                    request->name, DEFAULT_SEATS, error);
  if (organization == NULL)
    return NULL;

  outcome = g_new0 (Outcome, 1);
  outcome->organization = organization;
  outcome->email = g_strdup (request->email);
  return outcome;
}

static void
create_organization_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(OdWelcomePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Outcome) outcome = NULL;

  outcome = od_repository_run_finish (OD_REPOSITORY (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (outcome == NULL)
    {
      AdwEntryRow *row = NULL;

      show_message (self->create_error_label, error->message);

      if (message_mentions (error, "email"))
        row = self->owner_email_row;
      else if (error->domain == OD_VALIDATION_ERROR && message_mentions (error, "your name"))
        row = self->owner_name_row;
      else if (error->domain == OD_VALIDATION_ERROR || error->code == OD_REPOSITORY_ERROR_EXISTS)
        row = self->org_name_row;

      if (row != NULL)
        {
          set_row_error (row, TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (row));
        }
      return;
    }

  finish (self, outcome, TRUE);
}

static void
create_clicked_cb (OdWelcomePage *self)
{
  g_autofree char *org_name = row_text (self->org_name_row);
  g_autofree char *owner_name = row_text (self->owner_name_row);
  g_autofree char *email = row_text (self->owner_email_row);
  g_autoptr(GString) problems = g_string_new (NULL);
  AdwEntryRow *first_invalid = NULL;
  Request *request;

  if (self->busy || self->repository == NULL)
    return;

  set_row_error (self->org_name_row, org_name[0] == '\0');
  set_row_error (self->owner_name_row, owner_name[0] == '\0');
  set_row_error (self->owner_email_row, !looks_like_email (email));

  if (org_name[0] == '\0')
    {
      g_string_append_printf (problems, "%s\n", _("Enter the organization’s name."));
      first_invalid = self->org_name_row;
    }
  if (owner_name[0] == '\0')
    {
      g_string_append_printf (problems, "%s\n", _("Enter your name."));
      first_invalid = first_invalid ? first_invalid : self->owner_name_row;
    }
  if (!looks_like_email (email))
    {
      g_string_append_printf (problems, "%s\n",
                              _("Enter your email address, such as ana@example.com."));
      first_invalid = first_invalid ? first_invalid : self->owner_email_row;
    }

  if (first_invalid != NULL)
    {
      g_strchomp (problems->str);
      show_message (self->create_error_label, problems->str);
      gtk_widget_grab_focus (GTK_WIDGET (first_invalid));
      return;
    }

  show_message (self->create_error_label, NULL);
  set_busy (self, TRUE);

  request = g_new0 (Request, 1);
  request->organization = g_steal_pointer (&org_name);
  request->name = g_steal_pointer (&owner_name);
  request->email = g_steal_pointer (&email);

  od_repository_run_async (self->repository, create_organization_func,
                           request, (GDestroyNotify)request_free,
                           (GDestroyNotify)outcome_free, self->cancellable,
                           create_organization_cb, g_object_ref (self));
}

/* Join */

static gpointer
accept_invitation_func (OdRepository  *repository,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  Request *request = data;
  g_autoptr(OdMember) member = NULL;
  g_autoptr(OdOrganization) organization = NULL;
  Outcome *outcome;

  member = od_repository_accept_invitation (repository, request->code, request->name, error);
  if (member == NULL)
    return NULL;

  organization = od_repository_get_organization (repository,
                                                 od_member_get_organization_id (member),
                                                 error);
  if (organization == NULL)
    return NULL;

  outcome = g_new0 (Outcome, 1);
  outcome->organization = g_steal_pointer (&organization);
  outcome->email = g_strdup (od_member_get_email (member));
  outcome->member = g_steal_pointer (&member);
  return outcome;
}

static void
accept_invitation_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(OdWelcomePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Outcome) outcome = NULL;

  outcome = od_repository_run_finish (OD_REPOSITORY (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (outcome == NULL)
    {
      AdwEntryRow *row;

      show_message (self->join_error_label, error->message);

      if (error->domain == OD_VALIDATION_ERROR && message_mentions (error, "name"))
        row = self->join_name_row;
      else
        row = self->code_row;

      set_row_error (row, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (row));
      return;
    }

  finish (self, outcome, FALSE);
}

static void
join_clicked_cb (OdWelcomePage *self)
{
  g_autofree char *code = row_text (self->code_row);
  g_autofree char *name = row_text (self->join_name_row);
  g_autoptr(GString) problems = g_string_new (NULL);
  AdwEntryRow *first_invalid = NULL;
  Request *request;

  if (self->busy || self->repository == NULL)
    return;

  set_row_error (self->code_row, code[0] == '\0');
  set_row_error (self->join_name_row, name[0] == '\0');

  if (code[0] == '\0')
    {
      g_string_append_printf (problems, "%s\n", _("Enter the invite code you were sent."));
      first_invalid = self->code_row;
    }
  if (name[0] == '\0')
    {
      g_string_append_printf (problems, "%s\n", _("Enter your name."));
      first_invalid = first_invalid ? first_invalid : self->join_name_row;
    }

  if (first_invalid != NULL)
    {
      g_strchomp (problems->str);
      show_message (self->join_error_label, problems->str);
      gtk_widget_grab_focus (GTK_WIDGET (first_invalid));
      return;
    }

  show_message (self->join_error_label, NULL);
  set_busy (self, TRUE);

  request = g_new0 (Request, 1);
  request->code = g_steal_pointer (&code);
  request->name = g_steal_pointer (&name);

  od_repository_run_async (self->repository, accept_invitation_func,
                           request, (GDestroyNotify)request_free,
                           (GDestroyNotify)outcome_free, self->cancellable,
                           accept_invitation_cb, g_object_ref (self));
}

static void
row_changed_cb (AdwEntryRow *row)
{
  set_row_error (row, FALSE);
}

static void
back_clicked_cb (OdWelcomePage *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

static void
label_entry_row (AdwEntryRow *row)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));

  /* The text field is what a screen reader lands on: give it the row's title as its name */
  gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                  -1);
}

static void
od_welcome_page_dispose (GObject *object)
{
  OdWelcomePage *self = (OdWelcomePage *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), OD_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (od_welcome_page_parent_class)->dispose (object);
}

static void
od_welcome_page_finalize (GObject *object)
{
  OdWelcomePage *self = (OdWelcomePage *)object;

  g_clear_object (&self->repository);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (od_welcome_page_parent_class)->finalize (object);
}

static void
od_welcome_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OdWelcomePage *self = OD_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;

    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, self->can_go_back);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_welcome_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  OdWelcomePage *self = OD_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      od_welcome_page_set_repository (self, g_value_get_object (value));
      break;

    case PROP_CAN_GO_BACK:
      od_welcome_page_set_can_go_back (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_welcome_page_class_init (OdWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = od_welcome_page_dispose;
  object_class->finalize = od_welcome_page_finalize;
  object_class->get_property = od_welcome_page_get_property;
  object_class->set_property = od_welcome_page_set_property;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL,
                         OD_TYPE_REPOSITORY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ORGANIZATION_READY] =
    g_signal_new ("organization-ready",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, OD_TYPE_ORGANIZATION, G_TYPE_STRING, G_TYPE_BOOLEAN);

  signals[BACK] =
    g_signal_new ("back",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdWelcomePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, OdWelcomePage, org_name_row);
  gtk_widget_class_bind_template_child (widget_class, OdWelcomePage, owner_name_row);
  gtk_widget_class_bind_template_child (widget_class, OdWelcomePage, owner_email_row);
  gtk_widget_class_bind_template_child (widget_class, OdWelcomePage, create_error_label);
  gtk_widget_class_bind_template_child (widget_class, OdWelcomePage, create_button);
  gtk_widget_class_bind_template_child (widget_class, OdWelcomePage, code_row);
  gtk_widget_class_bind_template_child (widget_class, OdWelcomePage, join_name_row);
  gtk_widget_class_bind_template_child (widget_class, OdWelcomePage, join_error_label);
  gtk_widget_class_bind_template_child (widget_class, OdWelcomePage, join_button);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, join_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
}

static void
od_welcome_page_init (OdWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  od_widget_fit_large_text (GTK_WIDGET (self));
  od_widget_name_drop_down_buttons (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  label_entry_row (self->org_name_row);
  label_entry_row (self->owner_name_row);
  label_entry_row (self->owner_email_row);
  label_entry_row (self->code_row);
  label_entry_row (self->join_name_row);

  od_widget_hide_from_at_when_unmapped (GTK_WIDGET (self));

  /* GTK 4.8 names a button by its label property *and* by the mnemonic label that points back at
   * it ("_Join Organization Join Organization"): the .ui names the buttons, drop the relation */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->create_button),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->join_button),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

GtkWidget *
od_welcome_page_new (void)
{
  return g_object_new (OD_TYPE_WELCOME_PAGE, NULL);
}

OdRepository *
od_welcome_page_get_repository (OdWelcomePage *self)
{
  g_return_val_if_fail (OD_IS_WELCOME_PAGE (self), NULL);

  return self->repository;
}

void
od_welcome_page_set_repository (OdWelcomePage *self,
                                OdRepository  *repository)
{
  g_return_if_fail (OD_IS_WELCOME_PAGE (self));
  g_return_if_fail (!repository || OD_IS_REPOSITORY (repository));

  if (g_set_object (&self->repository, repository))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
}

gboolean
od_welcome_page_get_can_go_back (OdWelcomePage *self)
{
  g_return_val_if_fail (OD_IS_WELCOME_PAGE (self), FALSE);

  return self->can_go_back;
}

void
od_welcome_page_set_can_go_back (OdWelcomePage *self,
                                 gboolean       can_go_back)
{
  g_return_if_fail (OD_IS_WELCOME_PAGE (self));

  can_go_back = !!can_go_back;

  if (self->can_go_back == can_go_back)
    return;

  self->can_go_back = can_go_back;
  gtk_widget_set_visible (self->back_button, can_go_back);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
}

/* Empties the forms (they may hold what was typed for another organization) */
void
od_welcome_page_reset (OdWelcomePage *self)
{
  AdwEntryRow *rows[] = {
    self->org_name_row, self->owner_name_row, self->owner_email_row,
    self->code_row, self->join_name_row,
  };

  g_return_if_fail (OD_IS_WELCOME_PAGE (self));

  if (self->busy)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
      set_row_error (rows[i], FALSE);
    }

  show_message (self->create_error_label, NULL);
  show_message (self->join_error_label, NULL);
}

void
od_welcome_page_focus (OdWelcomePage *self)
{
  g_return_if_fail (OD_IS_WELCOME_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->org_name_row));
}
