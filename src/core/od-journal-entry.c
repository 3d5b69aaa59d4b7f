/* od-journal-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "od-journal-entry.h"

struct _OdJournalEntry
{
  GObject parent_instance;

  gint64  id;
  gint64  organization_id;
  gint64  actor_id;
  char   *actor_name;
  char   *action;
  char   *target;
  char   *before_json;
  char   *after_json;
  gint64  created_at;
};

G_DEFINE_FINAL_TYPE (OdJournalEntry, od_journal_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ORGANIZATION_ID,
  PROP_ACTOR_ID,
  PROP_ACTOR_NAME,
  PROP_ACTION,
  PROP_TARGET,
  PROP_BEFORE_JSON,
  PROP_AFTER_JSON,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static const char *
string_or_empty (const GValue *value)
{
  const char *str = g_value_get_string (value);

  return str != NULL ? str : "";
}

static void
od_journal_entry_finalize (GObject *object)
{
  OdJournalEntry *self = (OdJournalEntry *)object;

  g_clear_pointer (&self->actor_name, g_free);
  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->target, g_free);
  g_clear_pointer (&self->before_json, g_free);
  g_clear_pointer (&self->after_json, g_free);

  G_OBJECT_CLASS (od_journal_entry_parent_class)->finalize (object);
}

static void
od_journal_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OdJournalEntry *self = OD_JOURNAL_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;

    case PROP_ACTOR_ID:
      g_value_set_int64 (value, self->actor_id);
      break;

    case PROP_ACTOR_NAME:
      g_value_set_string (value, self->actor_name);
      break;

    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;

    case PROP_TARGET:
      g_value_set_string (value, self->target);
      break;

    case PROP_BEFORE_JSON:
      g_value_set_string (value, self->before_json);
      break;

    case PROP_AFTER_JSON:
      g_value_set_string (value, self->after_json);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_journal_entry_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OdJournalEntry *self = OD_JOURNAL_ENTRY (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_ID:
      changed = self->id != g_value_get_int64 (value);
      self->id = g_value_get_int64 (value);
      break;

    case PROP_ORGANIZATION_ID:
      changed = self->organization_id != g_value_get_int64 (value);
      self->organization_id = g_value_get_int64 (value);
      break;

    case PROP_ACTOR_ID:
      changed = self->actor_id != g_value_get_int64 (value);
      self->actor_id = g_value_get_int64 (value);
      break;

    case PROP_ACTOR_NAME:
      changed = set_string (&self->actor_name, string_or_empty (value));
      break;

    case PROP_ACTION:
      changed = set_string (&self->action, string_or_empty (value));
      break;

    case PROP_TARGET:
      changed = set_string (&self->target, string_or_empty (value));
      break;

    case PROP_BEFORE_JSON:
      changed = set_string (&self->before_json, g_value_get_string (value));
      break;

    case PROP_AFTER_JSON:
      changed = set_string (&self->after_json, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      changed = self->created_at != g_value_get_int64 (value);
      self->created_at = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
od_journal_entry_class_init (OdJournalEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_journal_entry_finalize;
  object_class->get_property = od_journal_entry_get_property;
  object_class->set_property = od_journal_entry_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTOR_ID] =
    g_param_spec_int64 ("actor-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTOR_NAME] =
    g_param_spec_string ("actor-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTION] =
    g_param_spec_string ("action", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_TARGET] =
    g_param_spec_string ("target", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_BEFORE_JSON] =
    g_param_spec_string ("before-json", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_AFTER_JSON] =
    g_param_spec_string ("after-json", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_journal_entry_init (OdJournalEntry *self)
{

}

gint64
od_journal_entry_get_id (OdJournalEntry *self)
{
  g_return_val_if_fail (OD_IS_JOURNAL_ENTRY (self), 0);

  return self->id;
}

gint64
od_journal_entry_get_organization_id (OdJournalEntry *self)
{
  g_return_val_if_fail (OD_IS_JOURNAL_ENTRY (self), 0);

  return self->organization_id;
}

gint64
od_journal_entry_get_actor_id (OdJournalEntry *self)
{
  g_return_val_if_fail (OD_IS_JOURNAL_ENTRY (self), 0);

  return self->actor_id;
}

const char *
od_journal_entry_get_actor_name (OdJournalEntry *self)
{
  g_return_val_if_fail (OD_IS_JOURNAL_ENTRY (self), NULL);

  return self->actor_name;
}

const char *
od_journal_entry_get_action (OdJournalEntry *self)
{
  g_return_val_if_fail (OD_IS_JOURNAL_ENTRY (self), NULL);

  return self->action;
}

const char *
od_journal_entry_get_target (OdJournalEntry *self)
{
  g_return_val_if_fail (OD_IS_JOURNAL_ENTRY (self), NULL);

  return self->target;
}

const char *
od_journal_entry_get_before_json (OdJournalEntry *self)
{
  g_return_val_if_fail (OD_IS_JOURNAL_ENTRY (self), NULL);

  return self->before_json;
}

const char *
od_journal_entry_get_after_json (OdJournalEntry *self)
{
  g_return_val_if_fail (OD_IS_JOURNAL_ENTRY (self), NULL);

  return self->after_json;
}

gint64
od_journal_entry_get_created_at (OdJournalEntry *self)
{
  g_return_val_if_fail (OD_IS_JOURNAL_ENTRY (self), 0);

  return self->created_at;
}

/* ------------------------------------------------------------------------------------------- */

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (json == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static const char *
role_label (const char *role)
{
  return od_role_get_label (od_role_from_string (role));
}

char *
od_journal_entry_describe (OdJournalEntry *self)
{
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  const char *actor, *action, *target;

  g_return_val_if_fail (OD_IS_JOURNAL_ENTRY (self), NULL);

  actor = self->actor_name && *self->actor_name ? self->actor_name : _("Someone");
  action = self->action ? self->action : "";
  target = self->target ? self->target : "";
  before = parse_object (self->before_json);
  after = parse_object (self->after_json);

  if (g_str_equal (action, "organization.create"))
    return g_strdup_printf (_("%s created the organization %s"), actor, target);
  if (g_str_equal (action, "organization.demo"))
    return g_strdup_printf (_("%s filled %s with demo data"), actor, target);
  if (g_str_equal (action, "organization.update"))
    return g_strdup_printf (_("%s changed the organization’s details"), actor);
  if (g_str_equal (action, "organization.delete"))
    return g_strdup_printf (_("%s deleted the organization %s"), actor, target);
  if (g_str_equal (action, "member.role"))
    return g_strdup_printf (_("%s changed %s’s role from %s to %s"), actor,
                            member_string (before, "name") ? member_string (before, "name") : target,
                            role_label (member_string (before, "role")),
                            role_label (member_string (after, "role")));
  if (g_str_equal (action, "member.remove"))
    return g_strdup_printf (_("%s removed %s from the organization"), actor, target);
  if (g_str_equal (action, "member.leave"))
    return g_strdup_printf (_("%s left the organization"), actor);
  if (g_str_equal (action, "invitation.create"))
    return g_strdup_printf (_("%s invited %s as %s"), actor, target, role_label (member_string (after, "role")));
  if (g_str_equal (action, "invitation.revoke"))
    return g_strdup_printf (_("%s revoked the invitation for %s"), actor, target);
  if (g_str_equal (action, "invitation.resend"))
    return g_strdup_printf (_("%s resent the invitation for %s"), actor, target);
  if (g_str_equal (action, "invitation.accept"))
    return g_strdup_printf (_("%s joined with an invitation (%s)"), actor, target);
  if (g_str_equal (action, "team.create"))
    return g_strdup_printf (_("%s created the team %s"), actor, target);
  if (g_str_equal (action, "team.update"))
    return g_strdup_printf (_("%s changed the team %s"), actor, target);
  if (g_str_equal (action, "team.delete"))
    return g_strdup_printf (_("%s deleted the team %s"), actor, target);
  if (g_str_equal (action, "team.add-member"))
    return g_strdup_printf (_("%s added %s"), actor, target);
  if (g_str_equal (action, "team.remove-member"))
    return g_strdup_printf (_("%s took %s out of the team"), actor, target);
  if (g_str_equal (action, "update.post"))
    return g_strdup_printf (_("%s posted “%s”"), actor, target);
  if (g_str_equal (action, "update.edit"))
    return g_strdup_printf (_("%s edited “%s”"), actor, target);
  if (g_str_equal (action, "update.delete"))
    return g_strdup_printf (_("%s deleted the update “%s”"), actor, target);
  if (g_str_equal (action, "update.comment"))
    return g_strdup_printf (_("%s commented on “%s”"), actor, target);
  if (g_str_equal (action, "comment.delete"))
    return g_strdup_printf (_("%s deleted a comment"), actor);
  if (g_str_equal (action, "update.react"))
    return g_strdup_printf (_("%s reacted %s"), actor, target);
  if (g_str_equal (action, "update.unreact"))
    return g_strdup_printf (_("%s took back a reaction %s"), actor, target);
  if (g_str_equal (action, "subscription.seats"))
    return g_strdup_printf (_("%s changed the seats from %d to %d"), actor,
                            (int) member_int (before, "seats"), (int) member_int (after, "seats"));
  if (g_str_equal (action, "subscription.term"))
    return member_string (after, "pending_term") != NULL
           ? g_strdup_printf (_("%s changed the term to %s from the next period"), actor,
                              member_string (after, "pending_term"))
           : g_strdup_printf (_("%s kept the term %s"), actor, target);
  if (g_str_equal (action, "subscription.discount"))
    return member_string (after, "code") != NULL
           ? g_strdup_printf (_("%s entered the discount code %s"), actor, target)
           : g_strdup_printf (_("%s removed the discount code %s"), actor, target);
  if (g_str_equal (action, "subscription.cancel"))
    return g_strdup_printf (_("%s canceled the subscription"), actor);
  if (g_str_equal (action, "subscription.resume"))
    return g_strdup_printf (_("%s resumed the subscription"), actor);
  if (g_str_equal (action, "subscription.contact"))
    return g_strdup_printf (_("%s changed the billing contact"), actor);
  if (g_str_equal (action, "subscription.renew"))
    return g_strdup_printf (_("The subscription renewed (%s)"), target);
  if (g_str_equal (action, "subscription.end"))
    return g_strdup (_("The subscription ended"));
  if (g_str_equal (action, "invitation.bulk-create"))
    return g_strdup_printf (_("%s sent %s"), actor, target);
  if (g_str_equal (action, "settings.update"))
    return g_strdup_printf (_("%s changed the organization’s policy settings"), actor);
  if (g_str_equal (action, "policy.import"))
    return g_strdup_printf (_("%s imported a policy document"), actor);
  if (g_str_equal (action, "policy.restore"))
    return g_strdup_printf (_("%s restored the policy to %s"), actor, target);
  if (g_str_equal (action, "policy.publish"))
    return g_strdup_printf (_("%s published the policy as %s"), actor, target);
  if (g_str_equal (action, "credential.create"))
    return g_strdup_printf (_("%s added the API key %s"), actor, target);
  if (g_str_equal (action, "credential.update"))
    return g_strdup_printf (_("%s changed the API key %s"), actor, target);
  if (g_str_equal (action, "credential.delete"))
    return g_strdup_printf (_("%s deleted the API key %s"), actor, target);
  if (g_str_equal (action, "undo"))
    return g_strdup_printf (_("%s undid a change (%s: %s)"), actor,
                            member_string (after, "action") ? member_string (after, "action") : "?", target);

  return *target ? g_strdup_printf ("%s: %s — %s", actor, action, target)
                 : g_strdup_printf ("%s: %s", actor, action);
}
