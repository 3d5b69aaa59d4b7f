/* od-website-import-dialog.h — the review of a file of websites before they are denied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-settings.h"

G_BEGIN_DECLS

#define OD_TYPE_WEBSITE_IMPORT_DIALOG (od_website_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (OdWebsiteImportDialog, od_website_import_dialog, OD, WEBSITE_IMPORT_DIALOG, AdwWindow)

/* review: the GListModel of OdWebsiteImportRow from od_settings_review_websites().
 * Signals: "added" (guint n_added) after the accepted lines were added to settings (as unsaved
 * edits); the dialog then closes. */
OdWebsiteImportDialog *od_website_import_dialog_new    (GtkWindow             *parent,
                                                        OdSettings            *settings,
                                                        const char            *file_name,
                                                        GListModel            *review);
/* What the Add button does */
guint                  od_website_import_dialog_add    (OdWebsiteImportDialog *self);

G_END_DECLS
