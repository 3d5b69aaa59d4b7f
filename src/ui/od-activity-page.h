/* od-activity-page.h — the organization's journal, newest first, searchable, with Undo and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-journal-entry.h"
#include "od-page.h"

G_BEGIN_DECLS

#define OD_TYPE_ACTIVITY_PAGE (od_activity_page_get_type ())
G_DECLARE_FINAL_TYPE (OdActivityPage, od_activity_page, OD, ACTIVITY_PAGE, OdPage)

void       od_activity_page_focus_search   (OdActivityPage *self);
/* Sets the search text and reads the journal again at once */
void       od_activity_page_set_search     (OdActivityPage *self,
                                            const char     *search);
/* Takes the change back; the core's refusal is shown in a toast */
void       od_activity_page_undo           (OdActivityPage *self,
                                            OdJournalEntry *entry);
/* Writes the whole journal as CSV or JSON to file, on the repository's worker */
void       od_activity_page_export_to_file (OdActivityPage *self,
                                            GFile          *file,
                                            gboolean        as_json);

/* For tests: the rows shown (0 while loading) */
guint      od_activity_page_get_n_rows     (OdActivityPage *self);
GtkWidget *od_activity_page_get_row        (OdActivityPage *self,
                                            guint           position);
const char *od_activity_page_get_row_sentence (OdActivityPage *self,
                                               guint           position);
gboolean   od_activity_page_get_loading    (OdActivityPage *self);

G_END_DECLS
