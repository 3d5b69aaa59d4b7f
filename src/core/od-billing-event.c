/* od-billing-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-billing-event.h"

struct _OdBillingEvent
{
  GObject parent_instance;

  gint64  id;
  gint64  organization_id;
  gint64  created_at;
  char   *actor_name;
  char   *kind;
  char   *summary;
  char   *before_json;
  char   *after_json;
  gint64  amount_cents;
  gint64  period_total_cents;
  gint64  effective_at;
};

G_DEFINE_FINAL_TYPE (OdBillingEvent, od_billing_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ORGANIZATION_ID,
  PROP_CREATED_AT,
  PROP_ACTOR_NAME,
  PROP_KIND,
  PROP_SUMMARY,
  PROP_BEFORE_JSON,
  PROP_AFTER_JSON,
  PROP_AMOUNT_CENTS,
  PROP_PERIOD_TOTAL_CENTS,
  PROP_EFFECTIVE_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
od_billing_event_finalize (GObject *object)
{
  OdBillingEvent *self = (OdBillingEvent *)object;

  g_clear_pointer (&self->actor_name, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->before_json, g_free);
  g_clear_pointer (&self->after_json, g_free);

  G_OBJECT_CLASS (od_billing_event_parent_class)->finalize (object);
}

static void
od_billing_event_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OdBillingEvent *self = OD_BILLING_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_ACTOR_NAME:
      g_value_set_string (value, self->actor_name);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_BEFORE_JSON:
      g_value_set_string (value, self->before_json);
      break;

    case PROP_AFTER_JSON:
      g_value_set_string (value, self->after_json);
      break;

    case PROP_AMOUNT_CENTS:
      g_value_set_int64 (value, self->amount_cents);
      break;

    case PROP_PERIOD_TOTAL_CENTS:
      g_value_set_int64 (value, self->period_total_cents);
      break;

    case PROP_EFFECTIVE_AT:
      g_value_set_int64 (value, self->effective_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_billing_event_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OdBillingEvent *self = OD_BILLING_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_ORGANIZATION_ID:
      self->organization_id = g_value_get_int64 (value);
      break;

    case PROP_CREATED_AT:
      self->created_at = g_value_get_int64 (value);
      break;

    case PROP_ACTOR_NAME:
      g_free (self->actor_name);
      self->actor_name = g_value_dup_string (value);
      break;

    case PROP_KIND:
      g_free (self->kind);
      self->kind = g_value_dup_string (value);
      break;

    case PROP_SUMMARY:
      g_free (self->summary);
      self->summary = g_value_dup_string (value);
      break;

    case PROP_BEFORE_JSON:
      g_free (self->before_json);
      self->before_json = g_value_dup_string (value);
      break;

    case PROP_AFTER_JSON:
      g_free (self->after_json);
      self->after_json = g_value_dup_string (value);
      break;

    case PROP_AMOUNT_CENTS:
      self->amount_cents = g_value_get_int64 (value);
      break;

    case PROP_PERIOD_TOTAL_CENTS:
      self->period_total_cents = g_value_get_int64 (value);
      break;

    case PROP_EFFECTIVE_AT:
      self->effective_at = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_billing_event_class_init (OdBillingEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_billing_event_finalize;
  object_class->get_property = od_billing_event_get_property;
  object_class->set_property = od_billing_event_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTOR_NAME] =
    g_param_spec_string ("actor-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_BEFORE_JSON] =
    g_param_spec_string ("before-json", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_AFTER_JSON] =
    g_param_spec_string ("after-json", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_AMOUNT_CENTS] =
    g_param_spec_int64 ("amount-cents", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_PERIOD_TOTAL_CENTS] =
    g_param_spec_int64 ("period-total-cents", NULL, NULL,
                        G_MININT64, G_MAXINT64, -1,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_EFFECTIVE_AT] =
    g_param_spec_int64 ("effective-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_billing_event_init (OdBillingEvent *self)
{
  self->period_total_cents = -1;
}

gint64
od_billing_event_get_id (OdBillingEvent *self)
{
  g_return_val_if_fail (OD_IS_BILLING_EVENT (self), 0);

  return self->id;
}

gint64
od_billing_event_get_organization_id (OdBillingEvent *self)
{
  g_return_val_if_fail (OD_IS_BILLING_EVENT (self), 0);

  return self->organization_id;
}

gint64
od_billing_event_get_created_at (OdBillingEvent *self)
{
  g_return_val_if_fail (OD_IS_BILLING_EVENT (self), 0);

  return self->created_at;
}

const char *
od_billing_event_get_actor_name (OdBillingEvent *self)
{
  g_return_val_if_fail (OD_IS_BILLING_EVENT (self), NULL);

  return self->actor_name;
}

const char *
od_billing_event_get_kind (OdBillingEvent *self)
{
  g_return_val_if_fail (OD_IS_BILLING_EVENT (self), NULL);

  return self->kind;
}

const char *
od_billing_event_get_summary (OdBillingEvent *self)
{
  g_return_val_if_fail (OD_IS_BILLING_EVENT (self), NULL);

  return self->summary;
}

const char *
od_billing_event_get_before_json (OdBillingEvent *self)
{
  g_return_val_if_fail (OD_IS_BILLING_EVENT (self), NULL);

  return self->before_json;
}

const char *
od_billing_event_get_after_json (OdBillingEvent *self)
{
  g_return_val_if_fail (OD_IS_BILLING_EVENT (self), NULL);

  return self->after_json;
}

gint64
od_billing_event_get_amount_cents (OdBillingEvent *self)
{
  g_return_val_if_fail (OD_IS_BILLING_EVENT (self), 0);

  return self->amount_cents;
}

gint64
od_billing_event_get_period_total_cents (OdBillingEvent *self)
{
  g_return_val_if_fail (OD_IS_BILLING_EVENT (self), 0);

  return self->period_total_cents;
}

gint64
od_billing_event_get_effective_at (OdBillingEvent *self)
{
  g_return_val_if_fail (OD_IS_BILLING_EVENT (self), 0);

  return self->effective_at;
}
