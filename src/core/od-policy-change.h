/* od-policy-change.h — one line of the difference between two policy documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A changed value is a removal of the old value and an addition of the new one at the same path.
 * An array element added or removed is shown at the array's path with "[]" appended, e.g.
 *   + $.external_provider.denied_workstream_pattern_engine_websites.denied_websites[]: {"url":"example.com"}
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  OD_POLICY_CHANGE_REMOVED = 1,
  OD_POLICY_CHANGE_ADDED,
} OdPolicyChangeKind;

#define OD_TYPE_POLICY_CHANGE_KIND (od_policy_change_kind_get_type ())
GType od_policy_change_kind_get_type (void) G_GNUC_CONST;

#define OD_TYPE_POLICY_CHANGE (od_policy_change_get_type ())
G_DECLARE_FINAL_TYPE (OdPolicyChange, od_policy_change, OD, POLICY_CHANGE, GObject)

/* Properties (construct-only): "kind" OdPolicyChangeKind, "path" string, "value" string (compact JSON) */
OdPolicyChange     *od_policy_change_new        (OdPolicyChangeKind  kind,
                                                 const char         *path,
                                                 const char         *value);
OdPolicyChangeKind  od_policy_change_get_kind   (OdPolicyChange     *self);
const char         *od_policy_change_get_path   (OdPolicyChange     *self);
const char         *od_policy_change_get_value  (OdPolicyChange     *self);
/* "+ PATH: VALUE" or "- PATH: VALUE" */
char               *od_policy_change_to_string  (OdPolicyChange     *self);

G_END_DECLS
