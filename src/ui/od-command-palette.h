/* od-command-palette.h — Ctrl+K: jump to a page, member or team, or run an action, by typing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-window.h"

G_BEGIN_DECLS

#define OD_TYPE_COMMAND_PALETTE (od_command_palette_get_type ())
G_DECLARE_FINAL_TYPE (OdCommandPalette, od_command_palette, OD, COMMAND_PALETTE, AdwWindow)

OdCommandPalette *od_command_palette_new         (OdWindow         *window);
/* Replaces the search text and fills the results at once (no wait for the search delay) */
void              od_command_palette_set_text    (OdCommandPalette *self,
                                                  const char       *text);
guint             od_command_palette_get_n_results (OdCommandPalette *self);
/* The accessible sentence of result i ("Ana Silva, member, ana@example.com"), or NULL */
const char       *od_command_palette_get_result  (OdCommandPalette *self,
                                                  guint             i);
/* Runs the selected result (or the first) and closes the palette; FALSE when there is none */
gboolean          od_command_palette_activate    (OdCommandPalette *self);

G_END_DECLS
