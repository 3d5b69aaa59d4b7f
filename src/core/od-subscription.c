/* od-subscription.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "od-billing.h"
#include "od-subscription.h"

G_DEFINE_ENUM_TYPE (OdTerm, od_term,
  G_DEFINE_ENUM_VALUE (OD_TERM_NONE, "none"),
  G_DEFINE_ENUM_VALUE (OD_TERM_MONTHLY, "monthly"),
  G_DEFINE_ENUM_VALUE (OD_TERM_QUARTERLY, "quarterly"),
  G_DEFINE_ENUM_VALUE (OD_TERM_YEARLY, "yearly"))

G_DEFINE_ENUM_TYPE (OdSubscriptionStatus, od_subscription_status,
  G_DEFINE_ENUM_VALUE (OD_SUBSCRIPTION_ACTIVE, "active"),
  G_DEFINE_ENUM_VALUE (OD_SUBSCRIPTION_CANCELED, "canceled"))

const char *
od_term_to_string (OdTerm term)
{
  switch (term)
    {
    case OD_TERM_MONTHLY:   return "monthly";
    case OD_TERM_QUARTERLY: return "quarterly";
    case OD_TERM_YEARLY:    return "yearly";
    default:                return NULL;
    }
}

OdTerm
od_term_from_string (const char *text)
{
  if (text == NULL)
    return 0;

  if (g_ascii_strcasecmp (text, "monthly") == 0)
    return OD_TERM_MONTHLY;
  if (g_ascii_strcasecmp (text, "quarterly") == 0)
    return OD_TERM_QUARTERLY;
  if (g_ascii_strcasecmp (text, "yearly") == 0)
    return OD_TERM_YEARLY;

  return 0;
}

gint64
od_term_get_price_cents (OdTerm term)
{
  switch (term)
    {
    case OD_TERM_MONTHLY:   return 2299;
    case OD_TERM_QUARTERLY: return 6999;
    case OD_TERM_YEARLY:    return 27599;
    default:                return 0;
    }
}

guint
od_term_get_months (OdTerm term)
{
  switch (term)
    {
    case OD_TERM_MONTHLY:   return 1;
    case OD_TERM_QUARTERLY: return 3;
    case OD_TERM_YEARLY:    return 12;
    default:                return 0;
    }
}

const char *
od_subscription_status_to_string (OdSubscriptionStatus status)
{
  switch (status)
    {
    case OD_SUBSCRIPTION_ACTIVE:   return "active";
    case OD_SUBSCRIPTION_CANCELED: return "canceled";
    default:                       return NULL;
    }
}

struct _OdSubscription
{
  GObject              parent_instance;

  gint64               organization_id;
  char                *plan;
  OdTerm               term;
  guint                seats;
  OdSubscriptionStatus status;
  gint64               started_at;
  gint64               next_billing_at;
  char                *discount_code;
  char                *contact_name;
  char                *contact_email;
  char                *contact_phone;
  char                *country;
  char                *street;
  char                *city;
  char                *region;
  char                *postal_code;
  gint64               period_started_at;
  OdTerm               pending_term;
  gboolean             cancel_at_period_end;
  guint                discount_percent;
  gint64               discount_starts_at;
};

G_DEFINE_FINAL_TYPE (OdSubscription, od_subscription, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ORGANIZATION_ID,
  PROP_PLAN,
  PROP_TERM,
  PROP_SEATS,
  PROP_STATUS,
  PROP_STARTED_AT,
  PROP_NEXT_BILLING_AT,
  PROP_DISCOUNT_CODE,
  PROP_PRICE_CENTS,
  PROP_TOTAL_CENTS,
  PROP_CONTACT_NAME,
  PROP_CONTACT_EMAIL,
  PROP_CONTACT_PHONE,
  PROP_COUNTRY,
  PROP_STREET,
  PROP_CITY,
  PROP_REGION,
  PROP_POSTAL_CODE,
  PROP_PERIOD_STARTED_AT,
  PROP_PENDING_TERM,
  PROP_CANCEL_AT_PERIOD_END,
  PROP_DISCOUNT_PERCENT,
  PROP_DISCOUNT_STARTS_AT,
  PROP_DISCOUNT_ACTIVE,
  PROP_NEXT_CHARGE_CENTS,
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
od_subscription_finalize (GObject *object)
{
  OdSubscription *self = (OdSubscription *)object;

  g_clear_pointer (&self->plan, g_free);
  g_clear_pointer (&self->discount_code, g_free);
  g_clear_pointer (&self->contact_name, g_free);
  g_clear_pointer (&self->contact_email, g_free);
  g_clear_pointer (&self->contact_phone, g_free);
  g_clear_pointer (&self->country, g_free);
  g_clear_pointer (&self->street, g_free);
  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->postal_code, g_free);

  G_OBJECT_CLASS (od_subscription_parent_class)->finalize (object);
}

static void
od_subscription_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OdSubscription *self = OD_SUBSCRIPTION (object);

  switch (prop_id)
    {
    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;

    case PROP_PLAN:
      g_value_set_string (value, self->plan);
      break;

    case PROP_TERM:
      g_value_set_enum (value, self->term);
      break;

    case PROP_SEATS:
      g_value_set_uint (value, self->seats);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_STARTED_AT:
      g_value_set_int64 (value, self->started_at);
      break;

    case PROP_NEXT_BILLING_AT:
      g_value_set_int64 (value, self->next_billing_at);
      break;

    case PROP_DISCOUNT_CODE:
      g_value_set_string (value, self->discount_code);
      break;

    case PROP_PRICE_CENTS:
      g_value_set_int64 (value, od_subscription_get_price_cents (self));
      break;

    case PROP_TOTAL_CENTS:
      g_value_set_int64 (value, od_subscription_get_total_cents (self));
      break;

    case PROP_CONTACT_NAME:
      g_value_set_string (value, self->contact_name);
      break;

    case PROP_CONTACT_EMAIL:
      g_value_set_string (value, self->contact_email);
      break;

    case PROP_CONTACT_PHONE:
      g_value_set_string (value, self->contact_phone);
      break;

    case PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;

    case PROP_STREET:
      g_value_set_string (value, self->street);
      break;

    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;

    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;

    case PROP_POSTAL_CODE:
      g_value_set_string (value, self->postal_code);
      break;

    case PROP_PERIOD_STARTED_AT:
      g_value_set_int64 (value, self->period_started_at);
      break;

    case PROP_PENDING_TERM:
      g_value_set_enum (value, self->pending_term);
      break;

    case PROP_CANCEL_AT_PERIOD_END:
      g_value_set_boolean (value, self->cancel_at_period_end);
      break;

    case PROP_DISCOUNT_PERCENT:
      g_value_set_uint (value, self->discount_percent);
      break;

    case PROP_DISCOUNT_STARTS_AT:
      g_value_set_int64 (value, self->discount_starts_at);
      break;

    case PROP_DISCOUNT_ACTIVE:
      g_value_set_boolean (value, od_subscription_get_discount_active (self));
      break;

    case PROP_NEXT_CHARGE_CENTS:
      g_value_set_int64 (value, od_subscription_get_next_charge_cents (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_subscription_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  OdSubscription *self = OD_SUBSCRIPTION (object);
  gint64 old_price = od_subscription_get_price_cents (self);
  gint64 old_total = od_subscription_get_total_cents (self);
  gint64 old_next_charge = od_subscription_get_next_charge_cents (self);
  gboolean old_discount_active = od_subscription_get_discount_active (self);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_ORGANIZATION_ID:
      changed = self->organization_id != g_value_get_int64 (value);
      self->organization_id = g_value_get_int64 (value);
      break;

    case PROP_PLAN:
      changed = set_string (&self->plan, string_or_empty (value));
      break;

    case PROP_TERM:
      changed = self->term != (OdTerm)g_value_get_enum (value);
      self->term = g_value_get_enum (value);
      break;

    case PROP_SEATS:
      changed = self->seats != g_value_get_uint (value);
      self->seats = g_value_get_uint (value);
      break;

    case PROP_STATUS:
      changed = self->status != (OdSubscriptionStatus)g_value_get_enum (value);
      self->status = g_value_get_enum (value);
      break;

    case PROP_STARTED_AT:
      changed = self->started_at != g_value_get_int64 (value);
      self->started_at = g_value_get_int64 (value);
      break;

    case PROP_NEXT_BILLING_AT:
      changed = self->next_billing_at != g_value_get_int64 (value);
      self->next_billing_at = g_value_get_int64 (value);
      break;

    case PROP_DISCOUNT_CODE:
      changed = set_string (&self->discount_code, g_value_get_string (value));
      break;

    case PROP_CONTACT_NAME:
      changed = set_string (&self->contact_name, string_or_empty (value));
      break;

    case PROP_CONTACT_EMAIL:
      changed = set_string (&self->contact_email, string_or_empty (value));
      break;

    case PROP_CONTACT_PHONE:
      changed = set_string (&self->contact_phone, string_or_empty (value));
      break;

    case PROP_COUNTRY:
      changed = set_string (&self->country, string_or_empty (value));
      break;

    case PROP_STREET:
      changed = set_string (&self->street, string_or_empty (value));
      break;

    case PROP_CITY:
      changed = set_string (&self->city, string_or_empty (value));
      break;

    case PROP_REGION:
      changed = set_string (&self->region, string_or_empty (value));
      break;

    case PROP_POSTAL_CODE:
      changed = set_string (&self->postal_code, string_or_empty (value));
      break;

    case PROP_PERIOD_STARTED_AT:
      changed = self->period_started_at != g_value_get_int64 (value);
      self->period_started_at = g_value_get_int64 (value);
      break;

    case PROP_PENDING_TERM:
      changed = self->pending_term != (OdTerm)g_value_get_enum (value);
      self->pending_term = g_value_get_enum (value);
      break;

    case PROP_CANCEL_AT_PERIOD_END:
      changed = self->cancel_at_period_end != g_value_get_boolean (value);
      self->cancel_at_period_end = g_value_get_boolean (value);
      break;

    case PROP_DISCOUNT_PERCENT:
      changed = self->discount_percent != g_value_get_uint (value);
      self->discount_percent = g_value_get_uint (value);
      break;

    case PROP_DISCOUNT_STARTS_AT:
      changed = self->discount_starts_at != g_value_get_int64 (value);
      self->discount_starts_at = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);

  if (old_price != od_subscription_get_price_cents (self))
    g_object_notify_by_pspec (object, properties[PROP_PRICE_CENTS]);

  if (old_total != od_subscription_get_total_cents (self))
    g_object_notify_by_pspec (object, properties[PROP_TOTAL_CENTS]);

  if (old_next_charge != od_subscription_get_next_charge_cents (self))
    g_object_notify_by_pspec (object, properties[PROP_NEXT_CHARGE_CENTS]);

  if (old_discount_active != od_subscription_get_discount_active (self))
    g_object_notify_by_pspec (object, properties[PROP_DISCOUNT_ACTIVE]);
}

static void
od_subscription_class_init (OdSubscriptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_subscription_finalize;
  object_class->get_property = od_subscription_get_property;
  object_class->set_property = od_subscription_set_property;

  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_PLAN] =
    g_param_spec_string ("plan", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_TERM] =
    g_param_spec_enum ("term", NULL, NULL,
                       OD_TYPE_TERM,
                       OD_TERM_MONTHLY,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_SEATS] =
    g_param_spec_uint ("seats", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       OD_TYPE_SUBSCRIPTION_STATUS,
                       OD_SUBSCRIPTION_ACTIVE,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_STARTED_AT] =
    g_param_spec_int64 ("started-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_NEXT_BILLING_AT] =
    g_param_spec_int64 ("next-billing-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_DISCOUNT_CODE] =
    g_param_spec_string ("discount-code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_PRICE_CENTS] =
    g_param_spec_int64 ("price-cents", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_TOTAL_CENTS] =
    g_param_spec_int64 ("total-cents", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTACT_NAME] =
    g_param_spec_string ("contact-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTACT_EMAIL] =
    g_param_spec_string ("contact-email", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTACT_PHONE] =
    g_param_spec_string ("contact-phone", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_STREET] =
    g_param_spec_string ("street", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_POSTAL_CODE] =
    g_param_spec_string ("postal-code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_PERIOD_STARTED_AT] =
    g_param_spec_int64 ("period-started-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_PENDING_TERM] =
    g_param_spec_enum ("pending-term", NULL, NULL,
                       OD_TYPE_TERM,
                       OD_TERM_NONE,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_CANCEL_AT_PERIOD_END] =
    g_param_spec_boolean ("cancel-at-period-end", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_DISCOUNT_PERCENT] =
    g_param_spec_uint ("discount-percent", NULL, NULL,
                       0, 100, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_DISCOUNT_STARTS_AT] =
    g_param_spec_int64 ("discount-starts-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_DISCOUNT_ACTIVE] =
    g_param_spec_boolean ("discount-active", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_NEXT_CHARGE_CENTS] =
    g_param_spec_int64 ("next-charge-cents", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_subscription_init (OdSubscription *self)
{
  self->term = OD_TERM_MONTHLY;
  self->status = OD_SUBSCRIPTION_ACTIVE;
}

gint64
od_subscription_get_organization_id (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), 0);

  return self->organization_id;
}

const char *
od_subscription_get_plan (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), NULL);

  return self->plan;
}

OdTerm
od_subscription_get_term (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), 0);

  return self->term;
}

guint
od_subscription_get_seats (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), 0);

  return self->seats;
}

OdSubscriptionStatus
od_subscription_get_status (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), 0);

  return self->status;
}

gint64
od_subscription_get_started_at (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), 0);

  return self->started_at;
}

gint64
od_subscription_get_next_billing_at (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), 0);

  return self->next_billing_at;
}

const char *
od_subscription_get_discount_code (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), NULL);

  return self->discount_code;
}

gint64
od_subscription_get_price_cents (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), 0);

  return od_term_get_price_cents (self->term);
}

gint64
od_subscription_get_total_cents (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), 0);

  return od_term_get_price_cents (self->term) * (gint64)self->seats;
}

const char *
od_subscription_get_contact_name (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), NULL);

  return self->contact_name;
}

const char *
od_subscription_get_contact_email (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), NULL);

  return self->contact_email;
}

const char *
od_subscription_get_contact_phone (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), NULL);

  return self->contact_phone;
}

const char *
od_subscription_get_country (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), NULL);

  return self->country;
}

const char *
od_subscription_get_street (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), NULL);

  return self->street;
}

const char *
od_subscription_get_city (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), NULL);

  return self->city;
}

const char *
od_subscription_get_region (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), NULL);

  return self->region;
}

const char *
od_subscription_get_postal_code (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), NULL);

  return self->postal_code;
}

gint64
od_subscription_get_period_started_at (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), 0);

  return self->period_started_at;
}

OdTerm
od_subscription_get_pending_term (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), OD_TERM_NONE);

  return self->pending_term;
}

OdTerm
od_subscription_get_next_term (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), OD_TERM_NONE);

  return self->pending_term != OD_TERM_NONE ? self->pending_term : self->term;
}

gboolean
od_subscription_get_cancel_at_period_end (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), FALSE);

  return self->cancel_at_period_end;
}

guint
od_subscription_get_discount_percent (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), 0);

  return self->discount_percent;
}

gint64
od_subscription_get_discount_starts_at (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), 0);

  return self->discount_starts_at;
}

gboolean
od_subscription_get_discount_active (OdSubscription *self)
{
  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), FALSE);

  return self->discount_percent > 0 && self->discount_starts_at <= self->period_started_at;
}

gint64
od_subscription_get_next_charge_cents (OdSubscription *self)
{
  guint percent_off;

  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), 0);

  if (self->status != OD_SUBSCRIPTION_ACTIVE || self->cancel_at_period_end)
    return 0;
  percent_off = self->discount_starts_at <= self->next_billing_at ? self->discount_percent : 0;
  return od_billing_total (od_subscription_get_next_term (self), self->seats, percent_off);
}

OdBillingContact *
od_subscription_dup_contact (OdSubscription *self)
{
  OdBillingContact *contact;

  g_return_val_if_fail (OD_IS_SUBSCRIPTION (self), NULL);

  contact = od_billing_contact_new ();
  od_billing_contact_set (contact, OD_BILLING_CONTACT_NAME, self->contact_name);
  od_billing_contact_set (contact, OD_BILLING_CONTACT_EMAIL, self->contact_email);
  od_billing_contact_set (contact, OD_BILLING_CONTACT_PHONE, self->contact_phone);
  od_billing_contact_set (contact, OD_BILLING_CONTACT_COUNTRY, self->country);
  od_billing_contact_set (contact, OD_BILLING_CONTACT_STREET, self->street);
  od_billing_contact_set (contact, OD_BILLING_CONTACT_CITY, self->city);
  od_billing_contact_set (contact, OD_BILLING_CONTACT_REGION, self->region);
  od_billing_contact_set (contact, OD_BILLING_CONTACT_POSTAL_CODE, self->postal_code);
  return contact;
}
