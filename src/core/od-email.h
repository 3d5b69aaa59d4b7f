/* od-email.h — email address checks shared by every path that takes an address
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  od_email_validate   (const char  *email,
                               GError     **error);
char     *od_email_normalize  (const char  *email);  /* trimmed and lower-cased: the comparison key */

G_END_DECLS
