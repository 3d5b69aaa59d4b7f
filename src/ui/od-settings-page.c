/* od-settings-page.c — the organization's settings (read-only for now)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-settings-page.h"
#include "od-ui-util.h"

typedef enum
{
  ROW_NAME,
  ROW_SLUG,
  ROW_DESCRIPTION,
  ROW_CONTACT_NAME,
  ROW_CONTACT_EMAIL,
  ROW_CONTACT_PHONE,
  ROW_ADDRESS,
  ROW_DOMAINS,
  ROW_SSO_TENANT,
  N_ROWS
} Row;

typedef enum
{
  GROUP_GENERAL,
  GROUP_CONTACT,
  GROUP_SIGN_IN,
} Group;

struct _OdSettingsPage
{
  OdPage               parent_instance;

  GtkStack            *stack;
  AdwPreferencesGroup *general_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *sign_in_group;
  AdwStatusPage       *error_status;

  GtkWidget           *rows[N_ROWS];
};

G_DEFINE_FINAL_TYPE (OdSettingsPage, od_settings_page, OD_TYPE_PAGE)

static gpointer
load_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return od_repository_get_organization (repository, *(gint64 *)data, error);
}

static void
load_done (OdPage       *page,
           gpointer      result,
           const GError *error)
{
  OdSettingsPage *self = OD_SETTINGS_PAGE (page);
  g_autoptr(OdOrganization) organization = result;
  g_autofree char *domains = NULL;
  const char * const *domain_list;

  if (organization == NULL)
    {
      od_status_page_set_plain_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  domain_list = od_organization_get_domains (organization);
  if (domain_list != NULL)
    domains = g_strjoinv (", ", (char **)domain_list);

  od_value_row_set_value (self->rows[ROW_NAME], od_organization_get_name (organization));
  od_value_row_set_value (self->rows[ROW_SLUG], od_organization_get_slug (organization));
  od_value_row_set_value (self->rows[ROW_DESCRIPTION], od_organization_get_description (organization));
  od_value_row_set_value (self->rows[ROW_CONTACT_NAME], od_organization_get_contact_name (organization));
  od_value_row_set_value (self->rows[ROW_CONTACT_EMAIL], od_organization_get_contact_email (organization));
  od_value_row_set_value (self->rows[ROW_CONTACT_PHONE], od_organization_get_contact_phone (organization));
  od_value_row_set_value (self->rows[ROW_ADDRESS], od_organization_get_address (organization));
  od_value_row_set_value (self->rows[ROW_DOMAINS], domains);
  od_value_row_set_value (self->rows[ROW_SSO_TENANT], od_organization_get_sso_tenant (organization));

  gtk_stack_set_visible_child_name (self->stack, "settings");
}

static void
od_settings_page_reload (OdPage *page)
{
  gint64 organization_id = od_page_get_organization_id (page);

  if (organization_id == 0 || !od_role_can (od_page_get_actor_role (page), OD_ACTION_MANAGE_SETTINGS))
    return;

  od_page_run (page, load_func, g_memdup2 (&organization_id, sizeof organization_id), g_free,
               g_object_unref, load_done);
}

static void
od_settings_page_dispose (GObject *object)
{
  /* The root child is a bound template child: let AdwBin drop it before the template does */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), OD_TYPE_SETTINGS_PAGE);

  G_OBJECT_CLASS (od_settings_page_parent_class)->dispose (object);
}

static void
od_settings_page_class_init (OdSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OdPageClass *page_class = OD_PAGE_CLASS (klass);

  object_class->dispose = od_settings_page_dispose;

  page_class->reload = od_settings_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, general_group);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, contact_group);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, sign_in_group);
  gtk_widget_class_bind_template_child (widget_class, OdSettingsPage, error_status);
}

static void
od_settings_page_init (OdSettingsPage *self)
{
  const struct {
    Row         row;
    const char *title;
    Group       group;
  } rows[] = {
    { ROW_NAME,          N_("Name"), GROUP_GENERAL },
    { ROW_SLUG,          N_("Slug"), GROUP_GENERAL },
    { ROW_DESCRIPTION,   N_("Description"), GROUP_GENERAL },
    { ROW_CONTACT_NAME,  N_("Name"), GROUP_CONTACT },
    { ROW_CONTACT_EMAIL, N_("Email"), GROUP_CONTACT },
    { ROW_CONTACT_PHONE, N_("Phone"), GROUP_CONTACT },
    { ROW_ADDRESS,       N_("Postal address"), GROUP_CONTACT },
    { ROW_DOMAINS,       N_("Associated email domains"), GROUP_SIGN_IN },
    { ROW_SSO_TENANT,    N_("SSO tenant"), GROUP_SIGN_IN },
  };
  AdwPreferencesGroup *groups[3];

  gtk_widget_init_template (GTK_WIDGET (self));

  groups[GROUP_GENERAL] = self->general_group;
  groups[GROUP_CONTACT] = self->contact_group;
  groups[GROUP_SIGN_IN] = self->sign_in_group;

  od_page_set_title (OD_PAGE (self), _("Settings"));
  od_page_set_icon_name (OD_PAGE (self), "emblem-system-symbolic");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row = od_value_row_new (_(rows[i].title));

      self->rows[rows[i].row] = row;
      adw_preferences_group_add (groups[rows[i].group], row);
    }
}
