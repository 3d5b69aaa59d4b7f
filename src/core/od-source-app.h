/* od-source-app.h — an application in the LTM Sources catalogue, allowed or denied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define OD_TYPE_SOURCE_APP (od_source_app_get_type ())
G_DECLARE_FINAL_TYPE (OdSourceApp, od_source_app, OD, SOURCE_APP, GObject)

/* Properties:
 *   "catalogue-id" string (construct-only): the shipped entry's id, NULL for a custom one
 *   "name" string, "bundle-ids" GStrv (construct-only)
 *   "global" gboolean (read-only): a shipped entry, shown with the Global tag; it cannot be removed
 *   "denied" gboolean (read-write): the application is a denied source
 */
const char          *od_source_app_get_catalogue_id  (OdSourceApp *self);
const char          *od_source_app_get_name          (OdSourceApp *self);
const char * const  *od_source_app_get_bundle_ids    (OdSourceApp *self);
gboolean             od_source_app_get_global        (OdSourceApp *self);
gboolean             od_source_app_get_denied        (OdSourceApp *self);
void                 od_source_app_set_denied        (OdSourceApp *self,
                                                      gboolean     denied);
/* For the search field: a case-insensitive match on the name or any bundle id. */
gboolean             od_source_app_matches           (OdSourceApp *self,
                                                      const char  *search);

G_END_DECLS
