/* od-model.h — a model of the catalogue, its check in the Models tab, and whether it is allowed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "od-catalogue.h"

G_BEGIN_DECLS

#define OD_TYPE_MODEL (od_model_get_type ())
G_DECLARE_FINAL_TYPE (OdModel, od_model, OD, MODEL, GObject)

/* Properties:
 *   "id", "provider", "name", "description" string, "badge" OdModelBadge (construct-only)
 *   "checked" gboolean (read-write): the model's check when "Customize allowed models" is on
 *   "allowed" gboolean (read-only): what members may use — with customizing off, every model of an
 *     enabled provider; with it on, the checked models of enabled providers. OdSettings keeps it
 *     up to date and notifies it. */
const char    *od_model_get_id           (OdModel  *self);
const char    *od_model_get_provider     (OdModel  *self);
const char    *od_model_get_name         (OdModel  *self);
const char    *od_model_get_description  (OdModel  *self);
OdModelBadge   od_model_get_badge        (OdModel  *self);
gboolean       od_model_get_checked      (OdModel  *self);
void           od_model_set_checked      (OdModel  *self,
                                          gboolean  checked);
gboolean       od_model_get_allowed      (OdModel  *self);

G_END_DECLS
