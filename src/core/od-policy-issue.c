/* od-policy-issue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-policy-issue.h"

struct _OdPolicyIssue
{
  GObject  parent_instance;

  char    *path;
  char    *message;
};

G_DEFINE_FINAL_TYPE (OdPolicyIssue, od_policy_issue, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
od_policy_issue_finalize (GObject *object)
{
  OdPolicyIssue *self = (OdPolicyIssue *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (od_policy_issue_parent_class)->finalize (object);
}

static void
od_policy_issue_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OdPolicyIssue *self = OD_POLICY_ISSUE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_policy_issue_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  OdPolicyIssue *self = OD_POLICY_ISSUE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    case PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_policy_issue_class_init (OdPolicyIssueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = od_policy_issue_finalize;
  object_class->get_property = od_policy_issue_get_property;
  object_class->set_property = od_policy_issue_set_property;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_policy_issue_init (OdPolicyIssue *self)
{
}

OdPolicyIssue *
od_policy_issue_new (const char *path,
                     const char *message)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  return g_object_new (OD_TYPE_POLICY_ISSUE, "path", path, "message", message, NULL);
}

const char *
od_policy_issue_get_path (OdPolicyIssue *self)
{
  g_return_val_if_fail (OD_IS_POLICY_ISSUE (self), NULL);

  return self->path;
}

const char *
od_policy_issue_get_message (OdPolicyIssue *self)
{
  g_return_val_if_fail (OD_IS_POLICY_ISSUE (self), NULL);

  return self->message;
}

char *
od_policy_issue_to_string (OdPolicyIssue *self)
{
  g_return_val_if_fail (OD_IS_POLICY_ISSUE (self), NULL);

  return g_strdup_printf ("%s: %s", self->path, self->message);
}
