/* od-welcome-page.h — create an organization or join one with an invite code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-repository.h"

G_BEGIN_DECLS

#define OD_TYPE_WELCOME_PAGE (od_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (OdWelcomePage, od_welcome_page, OD, WELCOME_PAGE, AdwBin)

/* Signals:
 *   "organization-ready" (OdOrganization *organization, gboolean created) — an organization was
 *     created (created = TRUE) or joined with an invite code.
 *   "back" — the person chose not to add an organization after all.
 */

GtkWidget    *od_welcome_page_new              (void);
OdRepository *od_welcome_page_get_repository   (OdWelcomePage *self);
void          od_welcome_page_set_repository   (OdWelcomePage *self,
                                                OdRepository  *repository);
gboolean      od_welcome_page_get_can_go_back  (OdWelcomePage *self);
void          od_welcome_page_set_can_go_back  (OdWelcomePage *self,
                                                gboolean       can_go_back);
void          od_welcome_page_reset            (OdWelcomePage *self);
void          od_welcome_page_focus            (OdWelcomePage *self);

G_END_DECLS
