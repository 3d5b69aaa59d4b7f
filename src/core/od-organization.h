/* od-organization.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-types.h"
#include "od-role.h"

G_BEGIN_DECLS

#define OD_TYPE_ORGANIZATION (od_organization_get_type ())
G_DECLARE_FINAL_TYPE (OdOrganization, od_organization, OD, ORGANIZATION, GObject)

/* Properties (all read-write, notified only on real change):
 *   "id" gint64, "name" string, "slug" string, "description" string,
 *   "contact-name" string, "contact-email" string, "contact-phone" string,
 *   "address" string (postal address, may contain new lines),
 *   "domains" GStrv (associated email domains), "sso-tenant" string (NULL when unset),
 *   "created-at" gint64 (Unix seconds, UTC), "team-creation-role" OdRole (default ADMIN)
 */
gint64              od_organization_get_id                 (OdOrganization *self);
const char         *od_organization_get_name               (OdOrganization *self);
const char         *od_organization_get_slug               (OdOrganization *self);
const char         *od_organization_get_description        (OdOrganization *self);
const char         *od_organization_get_contact_name       (OdOrganization *self);
const char         *od_organization_get_contact_email      (OdOrganization *self);
const char         *od_organization_get_contact_phone      (OdOrganization *self);
const char         *od_organization_get_address            (OdOrganization *self);
const char * const *od_organization_get_domains            (OdOrganization *self);
const char         *od_organization_get_sso_tenant         (OdOrganization *self);
gint64              od_organization_get_created_at         (OdOrganization *self);
OdRole              od_organization_get_team_creation_role (OdOrganization *self);

G_END_DECLS
