/* od-organization.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-organization.h"

struct _OdOrganization
{
  GObject parent_instance;

  gint64  id;
  char   *name;
  char   *slug;
  char   *description;
  char   *contact_name;
  char   *contact_email;
  char   *contact_phone;
  char   *address;
  char  **domains;
  char   *sso_tenant;
  gint64  created_at;
  OdRole  team_creation_role;
};

G_DEFINE_FINAL_TYPE (OdOrganization, od_organization, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SLUG,
  PROP_DESCRIPTION,
  PROP_CONTACT_NAME,
  PROP_CONTACT_EMAIL,
  PROP_CONTACT_PHONE,
  PROP_ADDRESS,
  PROP_DOMAINS,
  PROP_SSO_TENANT,
  PROP_CREATED_AT,
  PROP_TEAM_CREATION_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static const char *
string_or_empty (const GValue *value)
{
  const char *str = g_value_get_string (value);

  return str != NULL ? str : "";
}

static gboolean
set_strv (char             ***field,
          const char * const  *value)
{
  if (*field == NULL && value == NULL)
    return FALSE;

  if (*field != NULL && value != NULL &&
      g_strv_equal ((const char * const *)*field, value))
    return FALSE;

  g_strfreev (*field);
  *field = g_strdupv ((char **)value);
  return TRUE;
}

static void
od_organization_finalize (GObject *object)
{
  OdOrganization *self = (OdOrganization *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->slug, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->contact_name, g_free);
  g_clear_pointer (&self->contact_email, g_free);
  g_clear_pointer (&self->contact_phone, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->domains, g_strfreev);
  g_clear_pointer (&self->sso_tenant, g_free);

  G_OBJECT_CLASS (od_organization_parent_class)->finalize (object);
}

static void
od_organization_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OdOrganization *self = OD_ORGANIZATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_SLUG:
      g_value_set_string (value, self->slug);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_CONTACT_NAME:
      g_value_set_string (value, self->contact_name);
      break;

    case PROP_CONTACT_EMAIL:
      g_value_set_string (value, self->contact_email);
      break;

    case PROP_CONTACT_PHONE:
      g_value_set_string (value, self->contact_phone);
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;

    case PROP_DOMAINS:
      g_value_set_boxed (value, self->domains);
      break;

    case PROP_SSO_TENANT:
      g_value_set_string (value, self->sso_tenant);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_TEAM_CREATION_ROLE:
      g_value_set_enum (value, self->team_creation_role);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_organization_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  OdOrganization *self = OD_ORGANIZATION (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_ID:
      changed = self->id != g_value_get_int64 (value);
      self->id = g_value_get_int64 (value);
      break;

    case PROP_NAME:
      changed = set_string (&self->name, string_or_empty (value));
      break;

    case PROP_SLUG:
      changed = set_string (&self->slug, string_or_empty (value));
      break;

    case PROP_DESCRIPTION:
      changed = set_string (&self->description, string_or_empty (value));
      break;

    case PROP_CONTACT_NAME:
      changed = set_string (&self->contact_name, string_or_empty (value));
      break;

    case PROP_CONTACT_EMAIL:
      changed = set_string (&self->contact_email, string_or_empty (value));
      break;

    case PROP_CONTACT_PHONE:
      changed = set_string (&self->contact_phone, string_or_empty (value));
      break;

    case PROP_ADDRESS:
      changed = set_string (&self->address, string_or_empty (value));
      break;

    case PROP_DOMAINS:
      changed = set_strv (&self->domains, g_value_get_boxed (value));
      break;

    case PROP_SSO_TENANT:
      changed = set_string (&self->sso_tenant, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      changed = self->created_at != g_value_get_int64 (value);
      self->created_at = g_value_get_int64 (value);
      break;

    case PROP_TEAM_CREATION_ROLE:
      changed = self->team_creation_role != (OdRole)g_value_get_enum (value);
      self->team_creation_role = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
od_organization_class_init (OdOrganizationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_organization_finalize;
  object_class->get_property = od_organization_get_property;
  object_class->set_property = od_organization_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SLUG] =
    g_param_spec_string ("slug", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTACT_NAME] =
    g_param_spec_string ("contact-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTACT_EMAIL] =
    g_param_spec_string ("contact-email", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTACT_PHONE] =
    g_param_spec_string ("contact-phone", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_DOMAINS] =
    g_param_spec_boxed ("domains", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_SSO_TENANT] =
    g_param_spec_string ("sso-tenant", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_TEAM_CREATION_ROLE] =
    g_param_spec_enum ("team-creation-role", NULL, NULL,
                       OD_TYPE_ROLE,
                       OD_ROLE_ADMIN,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_organization_init (OdOrganization *self)
{
  self->team_creation_role = OD_ROLE_ADMIN;
}

gint64
od_organization_get_id (OdOrganization *self)
{
  g_return_val_if_fail (OD_IS_ORGANIZATION (self), 0);

  return self->id;
}

const char *
od_organization_get_name (OdOrganization *self)
{
  g_return_val_if_fail (OD_IS_ORGANIZATION (self), NULL);

  return self->name;
}

const char *
od_organization_get_slug (OdOrganization *self)
{
  g_return_val_if_fail (OD_IS_ORGANIZATION (self), NULL);

  return self->slug;
}

const char *
od_organization_get_description (OdOrganization *self)
{
  g_return_val_if_fail (OD_IS_ORGANIZATION (self), NULL);

  return self->description;
}

const char *
od_organization_get_contact_name (OdOrganization *self)
{
  g_return_val_if_fail (OD_IS_ORGANIZATION (self), NULL);

  return self->contact_name;
}

const char *
od_organization_get_contact_email (OdOrganization *self)
{
  g_return_val_if_fail (OD_IS_ORGANIZATION (self), NULL);

  return self->contact_email;
}

const char *
od_organization_get_contact_phone (OdOrganization *self)
{
  g_return_val_if_fail (OD_IS_ORGANIZATION (self), NULL);

  return self->contact_phone;
}

const char *
od_organization_get_address (OdOrganization *self)
{
  g_return_val_if_fail (OD_IS_ORGANIZATION (self), NULL);

  return self->address;
}

const char * const *
od_organization_get_domains (OdOrganization *self)
{
  g_return_val_if_fail (OD_IS_ORGANIZATION (self), NULL);

  return (const char * const *)self->domains;
}

const char *
od_organization_get_sso_tenant (OdOrganization *self)
{
  g_return_val_if_fail (OD_IS_ORGANIZATION (self), NULL);

  return self->sso_tenant;
}

gint64
od_organization_get_created_at (OdOrganization *self)
{
  g_return_val_if_fail (OD_IS_ORGANIZATION (self), 0);

  return self->created_at;
}

OdRole
od_organization_get_team_creation_role (OdOrganization *self)
{
  g_return_val_if_fail (OD_IS_ORGANIZATION (self), OD_ROLE_ADMIN);

  return self->team_creation_role;
}
