/* od-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-error.h"

G_DEFINE_QUARK (od-repository-error-quark, od_repository_error)
G_DEFINE_QUARK (od-permission-error-quark, od_permission_error)
G_DEFINE_QUARK (od-validation-error-quark, od_validation_error)
