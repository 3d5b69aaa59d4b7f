/* od-provider.h — a model provider of the catalogue and whether the organization enables it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define OD_TYPE_PROVIDER (od_provider_get_type ())
G_DECLARE_FINAL_TYPE (OdProvider, od_provider, OD, PROVIDER, GObject)

/* Properties: "id" string (construct-only), "name" string (construct-only),
 *   "enabled" gboolean (read-write; the Models tab's switch for the provider) */
const char  *od_provider_get_id       (OdProvider *self);
const char  *od_provider_get_name     (OdProvider *self);
gboolean     od_provider_get_enabled  (OdProvider *self);
void         od_provider_set_enabled  (OdProvider *self,
                                       gboolean    enabled);

G_END_DECLS
