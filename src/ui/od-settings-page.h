/* od-settings-page.h — the organization's settings (SPEC §4.6, §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-page.h"
#include "od-settings.h"

G_BEGIN_DECLS

#define OD_TYPE_SETTINGS_PAGE (od_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (OdSettingsPage, od_settings_page, OD, SETTINGS_PAGE, OdPage)

/* The tab on screen: "general", "teams", "features", "api-keys", "models", "sources",
 * "websites" or "policy" */
const char *od_settings_page_get_tab         (OdSettingsPage *self);
void        od_settings_page_set_tab         (OdSettingsPage *self,
                                              const char     *name);
/* Whether something differs from what was loaded (the unsaved-changes bar shows) */
gboolean    od_settings_page_get_has_changes (OdSettingsPage *self);
/* The settings being edited (NULL until loaded) */
OdSettings *od_settings_page_get_settings    (OdSettingsPage *self);
/* What the page's file choosers lead to, for a file already chosen (tests use them) */
void        od_settings_page_import_websites (OdSettingsPage *self,
                                              GFile          *file);
void        od_settings_page_export_policy   (OdSettingsPage *self,
                                              GFile          *file);
void        od_settings_page_publish_policy  (OdSettingsPage *self,
                                              GFile          *folder);
void        od_settings_page_import_policy   (OdSettingsPage *self,
                                              GFile          *file);
/* Whether the page has loaded the organization and its settings */
gboolean    od_settings_page_get_loaded      (OdSettingsPage *self);

G_END_DECLS
