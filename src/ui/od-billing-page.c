/* od-billing-page.c — the subscription: plan, term, seats and what they cost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-billing-page.h"
#include "od-format.h"
#include "od-subscription.h"
#include "od-ui-util.h"

typedef enum
{
  ROW_PLAN,
  ROW_STATUS,
  ROW_TERM,
  ROW_PRICE,
  ROW_SEATS,
  ROW_TOTAL,
  ROW_STARTED,
  ROW_NEXT_BILLING,
  ROW_DISCOUNT,
  ROW_CONTACT_NAME,
  ROW_CONTACT_EMAIL,
  ROW_CONTACT_PHONE,
  ROW_ADDRESS,
  N_ROWS
} Row;

struct _OdBillingPage
{
  OdPage               parent_instance;

  GtkStack            *stack;
  AdwPreferencesGroup *subscription_group;
  AdwPreferencesGroup *contact_group;
  AdwStatusPage       *error_status;

  GtkWidget           *rows[N_ROWS];
};

G_DEFINE_FINAL_TYPE (OdBillingPage, od_billing_page, OD_TYPE_PAGE)

static const char *
term_label (OdTerm term)
{
  switch (term)
    {
    case OD_TERM_MONTHLY:   return _("Monthly");
    case OD_TERM_QUARTERLY: return _("Quarterly");
    case OD_TERM_YEARLY:    return _("Yearly");
    default:                return _("Unknown");
    }
}

static char *
per_term (OdTerm      term,
          const char *amount)
{
  switch (term)
    {
    /* Translators: an amount of money per billing period, e.g. "$22.99 per month" */
    case OD_TERM_MONTHLY:   return g_strdup_printf (_("%s per month"), amount);
    case OD_TERM_QUARTERLY: return g_strdup_printf (_("%s per quarter"), amount);
    case OD_TERM_YEARLY:    return g_strdup_printf (_("%s per year"), amount);
    default:                return g_strdup (amount);
    }
}

static const char *
status_label (OdSubscriptionStatus status)
{
  switch (status)
    {
    case OD_SUBSCRIPTION_ACTIVE:   return _("Active");
    case OD_SUBSCRIPTION_CANCELED: return _("Canceled");
    default:                       return _("Unknown");
    }
}

static gpointer
load_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return od_repository_get_subscription (repository, *(gint64 *)data, error);
}

static char *
format_address (OdSubscription *subscription)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) city_line = g_string_new (NULL);
  const char *parts[] = {
    od_subscription_get_city (subscription),
    od_subscription_get_region (subscription),
    od_subscription_get_postal_code (subscription),
  };

  if (od_subscription_get_street (subscription) && *od_subscription_get_street (subscription))
    g_ptr_array_add (lines, g_strdup (od_subscription_get_street (subscription)));

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (city_line->len > 0)
        g_string_append (city_line, i == 1 ? ", " : " ");
      g_string_append (city_line, parts[i]);
    }
  if (city_line->len > 0)
    g_ptr_array_add (lines, g_string_free (g_steal_pointer (&city_line), FALSE));

  if (od_subscription_get_country (subscription) && *od_subscription_get_country (subscription))
    g_ptr_array_add (lines, g_strdup (od_subscription_get_country (subscription)));

  g_ptr_array_add (lines, NULL);

  return g_strjoinv ("\n", (char **)lines->pdata);
}

static void
load_done (OdPage       *page,
           gpointer      result,
           const GError *error)
{
  OdBillingPage *self = OD_BILLING_PAGE (page);
  g_autoptr(OdSubscription) subscription = result;
  g_autofree char *price = NULL, *price_text = NULL;
  g_autofree char *total = NULL, *total_text = NULL;
  g_autofree char *seats = NULL;
  g_autofree char *started = NULL;
  g_autofree char *next_billing = NULL;
  g_autofree char *address = NULL;
  OdTerm term;

  if (subscription == NULL)
    {
      od_status_page_set_plain_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  term = od_subscription_get_term (subscription);
  price = od_format_cents (od_subscription_get_price_cents (subscription));
  price_text = per_term (term, price);
  total = od_format_cents (od_subscription_get_total_cents (subscription));
  total_text = per_term (term, total);
  seats = g_strdup_printf ("%u", od_subscription_get_seats (subscription));
  started = od_format_date (od_subscription_get_started_at (subscription));
  next_billing = od_format_date (od_subscription_get_next_billing_at (subscription));
  address = format_address (subscription);

  od_value_row_set_value (self->rows[ROW_PLAN], od_subscription_get_plan (subscription));
  od_value_row_set_value (self->rows[ROW_STATUS],
                          status_label (od_subscription_get_status (subscription)));
  od_value_row_set_value (self->rows[ROW_TERM], term_label (term));
  od_value_row_set_value (self->rows[ROW_PRICE], price_text);
  od_value_row_set_value (self->rows[ROW_SEATS], seats);
  od_value_row_set_value (self->rows[ROW_TOTAL], total_text);
  od_value_row_set_value (self->rows[ROW_STARTED], started);
  od_value_row_set_value (self->rows[ROW_NEXT_BILLING], next_billing);
  od_value_row_set_value (self->rows[ROW_DISCOUNT], od_subscription_get_discount_code (subscription));
  od_value_row_set_value (self->rows[ROW_CONTACT_NAME], od_subscription_get_contact_name (subscription));
  od_value_row_set_value (self->rows[ROW_CONTACT_EMAIL], od_subscription_get_contact_email (subscription));
  od_value_row_set_value (self->rows[ROW_CONTACT_PHONE], od_subscription_get_contact_phone (subscription));
  od_value_row_set_value (self->rows[ROW_ADDRESS], address);

  gtk_stack_set_visible_child_name (self->stack, "subscription");
}

static void
od_billing_page_reload (OdPage *page)
{
  gint64 organization_id = od_page_get_organization_id (page);

  if (organization_id == 0 || !od_role_can (od_page_get_actor_role (page), OD_ACTION_MANAGE_BILLING))
    return;

  od_page_run (page, load_func, g_memdup2 (&organization_id, sizeof organization_id), g_free,
               g_object_unref, load_done);
}

static void
od_billing_page_dispose (GObject *object)
{
  /* The root child is a bound template child: let AdwBin drop it before the template does */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), OD_TYPE_BILLING_PAGE);

  G_OBJECT_CLASS (od_billing_page_parent_class)->dispose (object);
}

static void
od_billing_page_class_init (OdBillingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OdPageClass *page_class = OD_PAGE_CLASS (klass);

  object_class->dispose = od_billing_page_dispose;

  page_class->reload = od_billing_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-billing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, subscription_group);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, contact_group);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, error_status);
}

static void
od_billing_page_init (OdBillingPage *self)
{
  const struct {
    Row         row;
    const char *title;
    gboolean    contact;
  } rows[] = {
    { ROW_PLAN,          N_("Plan"), FALSE },
    { ROW_STATUS,        N_("Status"), FALSE },
    { ROW_TERM,          N_("Term"), FALSE },
    { ROW_PRICE,         N_("Price per seat"), FALSE },
    { ROW_SEATS,         N_("Seats"), FALSE },
    { ROW_TOTAL,         N_("Total"), FALSE },
    { ROW_STARTED,       N_("Started"), FALSE },
    { ROW_NEXT_BILLING,  N_("Next billing date"), FALSE },
    { ROW_DISCOUNT,      N_("Discount code"), FALSE },
    { ROW_CONTACT_NAME,  N_("Name"), TRUE },
    { ROW_CONTACT_EMAIL, N_("Email"), TRUE },
    { ROW_CONTACT_PHONE, N_("Phone"), TRUE },
    { ROW_ADDRESS,       N_("Address"), TRUE },
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  od_page_set_title (OD_PAGE (self), _("Billing"));
  od_page_set_icon_name (OD_PAGE (self), "auth-smartcard-symbolic");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row = od_value_row_new (_(rows[i].title));

      self->rows[rows[i].row] = row;
      adw_preferences_group_add (rows[i].contact ? self->contact_group : self->subscription_group,
                                 row);
    }
}
