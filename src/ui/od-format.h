/* od-format.h — how numbers, money and times read in the interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *od_format_cents          (gint64      cents);
char *od_format_date           (gint64      unix_time);
char *od_format_relative_time  (gint64      unix_time,
                                gint64      now);
char *od_format_journal_action (const char *action);
char *od_format_long_date      (gint64      unix_time);

G_END_DECLS
