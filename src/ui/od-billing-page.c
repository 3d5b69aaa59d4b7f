/* od-billing-page.c — the subscription: plan, seats, term, discount, contact and history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Admin and Owner only (the window hides the page from the others, and the core refuses them
 * anyway). Everything is read on the repository's worker thread (od_page_run) in one go — the
 * subscription, the seat minimum and the billing history — and every change goes there too;
 * the repository's "changed" signal then reloads the page. Nothing changes until the person
 * confirms: a new seat count shows its prorated quote and waits for Apply, a new term shows the
 * new total in a dialog, cancelling asks first. The core's refusals are shown in a toast, or
 * under the field they are about. Money is integer cents throughout (od_format_cents).
 */
#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "od-billing-contact-form.h"
#include "od-billing-event.h"
#include "od-billing-page-private.h"
#include "od-format.h"
#include "od-subscription.h"
#include "od-ui-util.h"
#include "od-window.h"

typedef enum
{
  ROW_PLAN,
  ROW_STATUS,
  ROW_PRICE,
  ROW_TOTAL,
  ROW_STARTED,
  ROW_NEXT_BILLING,
  ROW_PENDING_TERM,
  ROW_DISCOUNT,
  N_ROWS
} Row;

struct _OdBillingPage
{
  OdPage                parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  AdwPreferencesGroup  *plan_group;
  AdwActionRow         *seats_row;
  GtkSpinButton        *seats_spin;
  GtkAdjustment        *seats_adjustment;
  AdwActionRow         *quote_row;
  GtkButton            *reset_seats_button;
  GtkButton            *apply_seats_button;
  AdwComboRow          *term_row;
  GtkStringList        *term_list;
  AdwActionRow         *discount_row;
  GtkButton            *remove_discount_button;
  AdwEntryRow          *discount_entry;
  GtkWidget            *discount_message_row;
  GtkLabel             *discount_message;
  AdwActionRow         *cancel_row;
  GtkButton            *cancel_button;
  OdBillingContactForm *contact_form;
  GtkListBox           *history_list;
  GtkButton            *export_button;
  AdwStatusPage        *error_status;

  GtkWidget            *rows[N_ROWS];

  OdSubscription       *subscription;
  guint                 minimum_seats;
  guint                 quote_serial;

  guint                 updating : 1;      /* the page, not the person, is setting a value */
  guint                 applying_seats : 1;
  guint                 quote_ready : 1;
};

G_DEFINE_FINAL_TYPE (OdBillingPage, od_billing_page, OD_TYPE_PAGE)

/* ---------------------------------------------------------------------------------------------
 * Words
 */

static const OdTerm terms[] = { OD_TERM_MONTHLY, OD_TERM_QUARTERLY, OD_TERM_YEARLY };

static guint
term_position (OdTerm term)
{
  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    if (terms[i] == term)
      return i;
  return 0;
}

static const char *
term_label (OdTerm term)
{
  switch (term)
    {
    case OD_TERM_MONTHLY:   return _("Monthly");
    case OD_TERM_QUARTERLY: return _("Quarterly");
    case OD_TERM_YEARLY:    return _("Yearly");
    case OD_TERM_NONE:
    default:                return _("Unknown");
    }
}

/* The term inside a sentence: "Switches to yearly on …" */
static const char *
term_word (OdTerm term)
{
  switch (term)
    {
    case OD_TERM_MONTHLY:   return C_("term in a sentence", "monthly");
    case OD_TERM_QUARTERLY: return C_("term in a sentence", "quarterly");
    case OD_TERM_YEARLY:    return C_("term in a sentence", "yearly");
    case OD_TERM_NONE:
    default:                return "";
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
    case OD_TERM_NONE:
    default:                return g_strdup (amount);
    }
}

static char *
per_term_cents (OdTerm term,
                gint64 cents)
{
  g_autofree char *amount = od_format_cents (cents);

  return per_term (term, amount);
}

static char *
per_seat (OdTerm term)
{
  g_autofree char *amount = od_format_cents (od_term_get_price_cents (term));

  switch (term)
    {
    /* Translators: the price of one seat, e.g. "$22.99 per seat per month" */
    case OD_TERM_MONTHLY:   return g_strdup_printf (_("%s per seat per month"), amount);
    case OD_TERM_QUARTERLY: return g_strdup_printf (_("%s per seat per quarter"), amount);
    case OD_TERM_YEARLY:    return g_strdup_printf (_("%s per seat per year"), amount);
    case OD_TERM_NONE:
    default:                return g_strdup (amount);
    }
}

static gboolean
subscription_renews (OdSubscription *subscription)
{
  return od_subscription_get_status (subscription) == OD_SUBSCRIPTION_ACTIVE &&
         !od_subscription_get_cancel_at_period_end (subscription);
}

/* The discount that applies to the period starting at the next billing date */
static guint
next_percent_off (OdSubscription *subscription)
{
  if (od_subscription_get_discount_code (subscription) == NULL ||
      od_subscription_get_discount_starts_at (subscription) > od_subscription_get_next_billing_at (subscription))
    return 0;

  return od_subscription_get_discount_percent (subscription);
}

/* "Title: value" as one sentence for a screen reader, and the title and value on screen */
static void
set_row_sentence (GtkWidget  *row,
                  const char *title,
                  const char *subtitle)
{
  g_autofree char *sentence = NULL;

  if (subtitle != NULL && *subtitle != '\0')
    /* Translators: how a row with a title and a subtitle reads to a screen reader */
    sentence = g_strdup_printf (_("%s: %s"), title, subtitle);
  else
    sentence = g_strdup (title);

  /* GTK 4.8 reads the labelled-by relation (the title) and the label one after the other */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  -1);
}

/* od_value_row_set_value(), and a value that may wrap: on a narrow window a long value ("Canceled
 * — ends on December 28, 2026") goes onto two lines instead of widening the page */
static void
set_value (GtkWidget  *row,
           const char *value)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "od-value-label");

  od_value_row_set_value (row, value);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD);
  gtk_label_set_width_chars (label, -1);
  /* As wide as its text where there is room, wrapped between words where there is not */
  gtk_label_set_natural_wrap_mode (label, GTK_NATURAL_WRAP_NONE);
}

/* GTK 4.8 names a button after its label (with the mnemonic) before its accessible label:
 * drop that relation so that the accessible label is what a screen reader says. */
static void
use_accessible_label (GtkButton  *button,
                      const char *label)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
show_toast (OdBillingPage *self,
            AdwToast      *toast)
{
  g_autoptr(AdwToast) owned = toast;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (OD_IS_WINDOW (root))
    od_window_add_toast (OD_WINDOW (root), g_steal_pointer (&owned));
  else
    g_debug ("Billing: %s", adw_toast_get_title (toast));
}

static void
show_message (OdBillingPage *self,
              const char    *message)
{
  g_autofree char *escaped = g_markup_escape_text (message != NULL ? message : "", -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  show_toast (self, toast);
}

/* ---------------------------------------------------------------------------------------------
 * Loading
 */

typedef struct
{
  OdSubscription *subscription;
  char           *minimum_text;
  guint           minimum;
  GListModel     *history;
} BillingState;

static void
billing_state_free (BillingState *state)
{
  g_clear_object (&state->subscription);
  g_clear_pointer (&state->minimum_text, g_free);
  g_clear_object (&state->history);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BillingState, billing_state_free)

static gpointer
load_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  gint64 organization_id = *(gint64 *)data;
  g_autoptr(BillingState) state = g_new0 (BillingState, 1);

  state->subscription = od_repository_get_subscription (repository, organization_id, error);
  if (state->subscription == NULL)
    return NULL;

  state->minimum_text = od_repository_describe_seat_minimum (repository, organization_id,
                                                             &state->minimum, error);
  if (state->minimum_text == NULL)
    return NULL;

  state->history = od_repository_list_billing_history (repository, organization_id, error);
  if (state->history == NULL)
    return NULL;

  return g_steal_pointer (&state);
}

static void
update_plan (OdBillingPage *self)
{
  OdSubscription *sub = self->subscription;
  OdTerm term = od_subscription_get_term (sub);
  OdTerm pending = od_subscription_get_pending_term (sub);
  guint seats = od_subscription_get_seats (sub);
  gint64 next = od_subscription_get_next_billing_at (sub);
  g_autofree char *next_date = od_format_long_date (next);
  g_autofree char *started = od_format_long_date (od_subscription_get_started_at (sub));
  g_autofree char *status = NULL;
  g_autofree char *price = per_seat (term);
  g_autofree char *total = NULL;
  g_autofree char *next_billing = NULL;
  g_autofree char *period_total = NULL;
  const char *code = od_subscription_get_discount_code (sub);

  if (od_subscription_get_status (sub) == OD_SUBSCRIPTION_CANCELED)
    /* Translators: the status of a subscription that has ended; %s is a date */
    status = g_strdup_printf (_("Canceled — ended on %s"), next_date);
  else if (od_subscription_get_cancel_at_period_end (sub))
    /* Translators: the status of a canceled subscription that is active until %s */
    status = g_strdup_printf (_("Canceled — ends on %s"), next_date);
  else
    status = g_strdup (_("Active"));

  if (od_subscription_get_discount_active (sub))
    {
      guint percent = od_subscription_get_discount_percent (sub);

      period_total = per_term_cents (term, od_billing_total (term, seats, percent));
      total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: "$413.82 per month for 20 seats, 10 % off" */
                                            "%s for %u seat, %u %% off",
                                            "%s for %u seats, %u %% off", seats),
                               period_total, seats, percent);
    }
  else
    {
      period_total = per_term_cents (term, od_subscription_get_total_cents (sub));
      total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: "$459.80 per month for 20 seats" */
                                            "%s for %u seat", "%s for %u seats", seats),
                               period_total, seats);
    }

  if (od_subscription_get_status (sub) == OD_SUBSCRIPTION_CANCELED)
    next_billing = g_strdup (_("None: the subscription has ended"));
  else if (od_subscription_get_cancel_at_period_end (sub))
    /* Translators: the next billing date of a canceled subscription; %s is a date */
    next_billing = g_strdup_printf (_("None: the subscription ends on %s"), next_date);
  else
    {
      g_autofree char *charge = od_format_cents (od_subscription_get_next_charge_cents (sub));

      /* Translators: the next billing date and what it will charge, "December 28, 2026, $459.80" */
      next_billing = g_strdup_printf (_("%s, %s"), next_date, charge);
    }

  set_value (self->rows[ROW_PLAN], od_subscription_get_plan (sub));
  set_value (self->rows[ROW_STATUS], status);
  set_value (self->rows[ROW_PRICE], price);
  set_value (self->rows[ROW_TOTAL], total);
  set_value (self->rows[ROW_STARTED], started);
  set_value (self->rows[ROW_NEXT_BILLING], next_billing);

  gtk_widget_set_visible (self->rows[ROW_PENDING_TERM], pending != OD_TERM_NONE);
  if (pending != OD_TERM_NONE)
    {
      /* Translators: a pending change of the billing term, "Switches to yearly on March 31, 2027" */
      g_autofree char *text = g_strdup_printf (_("Switches to %s on %s"), term_word (pending), next_date);

      set_value (self->rows[ROW_PENDING_TERM], text);
    }

  gtk_widget_set_visible (self->rows[ROW_DISCOUNT], code != NULL);
  if (code != NULL)
    {
      g_autofree char *since = od_format_long_date (od_subscription_get_discount_starts_at (sub));
      g_autofree char *text = NULL;

      if (od_subscription_get_discount_active (sub))
        /* Translators: a discount code in effect, "WELCOME10 — 10 % off since March 31, 2027" */
        text = g_strdup_printf (_("%s — %u %% off since %s"), code,
                                od_subscription_get_discount_percent (sub), since);
      else
        /* Translators: a discount code to come, "WELCOME10 — 10 % off from March 31, 2027" */
        text = g_strdup_printf (_("%s — %u %% off from %s"), code,
                                od_subscription_get_discount_percent (sub), since);
      set_value (self->rows[ROW_DISCOUNT], text);
    }
}

static void request_quote (OdBillingPage *self);

static void
update_seats (OdBillingPage *self,
              BillingState  *state)
{
  guint seats = od_subscription_get_seats (state->subscription);
  guint previous = self->subscription != NULL ? od_subscription_get_seats (self->subscription) : 0;
  guint value = (guint) gtk_spin_button_get_value_as_int (self->seats_spin);
  g_autofree char *sentence = NULL;

  /* Keep a change the person is making, unless it was just applied or is no longer allowed */
  if (previous == 0 || value == previous || value < state->minimum || self->applying_seats)
    value = seats;

  self->minimum_seats = state->minimum;
  self->updating = TRUE;
  gtk_adjustment_configure (self->seats_adjustment, value, state->minimum, OD_BILLING_MAX_SEATS,
                            1, 10, 0);
  self->updating = FALSE;

  adw_action_row_set_subtitle (self->seats_row, state->minimum_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->seats_spin),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state->minimum_text,
                                  -1);
  /* Translators: the seats row for a screen reader, "Seats: 20" */
  sentence = g_strdup_printf (_("Seats: %u"), seats);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->seats_row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->seats_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state->minimum_text,
                                  -1);
}

static void
update_term (OdBillingPage *self)
{
  OdTerm next = od_subscription_get_next_term (self->subscription);
  g_autofree char *sentence = NULL;
  g_autofree char *price = per_seat (next);

  self->updating = TRUE;
  adw_combo_row_set_selected (self->term_row, term_position (next));
  self->updating = FALSE;

  /* Translators: the term row for a screen reader, "Billing term: Monthly, $22.99 per seat per month" */
  sentence = g_strdup_printf (_("Billing term: %s, %s"), term_label (next), price);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->term_row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->term_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  -1);
}

static void
update_discount (OdBillingPage *self)
{
  OdSubscription *sub = self->subscription;
  const char *code = od_subscription_get_discount_code (sub);

  gtk_widget_set_visible (GTK_WIDGET (self->discount_row), code != NULL);
  if (code != NULL)
    {
      g_autofree char *since = od_format_long_date (od_subscription_get_discount_starts_at (sub));
      g_autofree char *subtitle = NULL;
      g_autofree char *remove = NULL;

      if (od_subscription_get_discount_active (sub))
        /* Translators: "10 % off since March 31, 2027" */
        subtitle = g_strdup_printf (_("%u %% off since %s"), od_subscription_get_discount_percent (sub), since);
      else
        /* Translators: "10 % off from March 31, 2027" */
        subtitle = g_strdup_printf (_("%u %% off from %s"), od_subscription_get_discount_percent (sub), since);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->discount_row), code);
      adw_action_row_set_subtitle (self->discount_row, subtitle);
      set_row_sentence (GTK_WIDGET (self->discount_row), code, subtitle);

      /* Translators: the Remove button for a screen reader; %s is a discount code */
      remove = g_strdup_printf (_("Remove the discount code %s"), code);
      use_accessible_label (self->remove_discount_button, remove);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_discount_button), remove);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->discount_entry),
                                 code != NULL ? _("Replace with another code") : _("Discount code"));
}

static void
update_cancel (OdBillingPage *self)
{
  OdSubscription *sub = self->subscription;
  g_autofree char *date = od_format_long_date (od_subscription_get_next_billing_at (sub));
  g_autofree char *subtitle = NULL;
  const char *title;

  gtk_widget_remove_css_class (GTK_WIDGET (self->cancel_button), "destructive-action");
  gtk_widget_remove_css_class (GTK_WIDGET (self->cancel_button), "suggested-action");

  if (subscription_renews (sub))
    {
      title = _("Cancel subscription");
      /* Translators: %s is the next billing date */
      subtitle = g_strdup_printf (_("It stays active until %s and then ends. You can resume it until then."), date);
      gtk_button_set_label (self->cancel_button, _("_Cancel Subscription…"));
      gtk_widget_add_css_class (GTK_WIDGET (self->cancel_button), "destructive-action");
    }
  else
    {
      title = _("Resume subscription");
      if (od_subscription_get_status (sub) == OD_SUBSCRIPTION_CANCELED)
        /* Translators: %s is the date the subscription ended */
        subtitle = g_strdup_printf (_("It ended on %s. Resuming starts a new billing period today."), date);
      else
        /* Translators: %s is the date the canceled subscription ends */
        subtitle = g_strdup_printf (_("It ends on %s. Resume it to keep renewing."), date);
      gtk_button_set_label (self->cancel_button, _("_Resume Subscription…"));
      gtk_widget_add_css_class (GTK_WIDGET (self->cancel_button), "suggested-action");
    }

  /* gtk_button_set_label() may have made a new label: let it wrap with large text */
  od_widget_fit_large_text (GTK_WIDGET (self->cancel_button));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cancel_row), title);
  adw_action_row_set_subtitle (self->cancel_row, subtitle);
  set_row_sentence (GTK_WIDGET (self->cancel_row), title, subtitle);
  use_accessible_label (self->cancel_button, title);
}

static gboolean
replace_day_cb (const GMatchInfo *match,
                GString          *result,
                gpointer          user_data)
{
  g_autofree char *year = g_match_info_fetch (match, 1);
  g_autofree char *month = g_match_info_fetch (match, 2);
  g_autofree char *day = g_match_info_fetch (match, 3);
  g_autoptr(GDateTime) noon = g_date_time_new_local (atoi (year), atoi (month), atoi (day), 12, 0, 0);

  if (noon != NULL)
    {
      g_autofree char *text = od_format_long_date (g_date_time_to_unix (noon));
      g_string_append (result, text);
    }
  else
    {
      g_autofree char *all = g_match_info_fetch (match, 0);
      g_string_append (result, all);
    }

  return FALSE;
}

/* The core writes the days in a change's summary as 2027-03-31 (as in its CSV); the page reads
 * them as every other date on it: "March 31, 2027" */
static char *
readable_summary (const char *summary)
{
  static GRegex *day;
  char *text;

  if (g_once_init_enter (&day))
    g_once_init_leave (&day, g_regex_new ("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b", G_REGEX_OPTIMIZE, 0, NULL));

  text = g_regex_replace_eval (day, summary != NULL ? summary : "", -1, 0, 0, replace_day_cb, NULL, NULL);

  return text != NULL ? text : g_strdup (summary);
}

static GtkWidget *
create_history_row (gpointer item,
                    gpointer user_data)
{
  OdBillingEvent *event = item;
  gint64 amount = od_billing_event_get_amount_cents (event);
  g_autofree char *date = od_format_long_date (od_billing_event_get_created_at (event));
  g_autofree char *subtitle = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *charged = NULL;
  g_autofree char *summary = readable_summary (od_billing_event_get_summary (event));
  GtkWidget *row = adw_action_row_new ();

  /* Translators: who made a billing change and when, "March 31, 2027 · Alex Morgan" */
  subtitle = g_strdup_printf (_("%s · %s"), date, od_billing_event_get_actor_name (event));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (amount > 0)
    {
      GtkWidget *label;

      charged = od_format_cents (amount);
      label = gtk_label_new (charged);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

      /* Translators: a billing history row for a screen reader:
       * "March 31, 2027, Alex Morgan: Seats: 10 → 12. Charged $38.32." */
      sentence = g_strdup_printf (_("%s, %s: %s. Charged %s."), date,
                                  od_billing_event_get_actor_name (event),
                                  summary, charged);
    }
  else
    {
      /* Translators: a billing history row for a screen reader, with nothing charged */
      sentence = g_strdup_printf (_("%s, %s: %s."), date, od_billing_event_get_actor_name (event),
                                  summary);
    }

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  -1);

  return row;
}

static void
load_done (OdPage       *page,
           gpointer      result,
           const GError *error)
{
  OdBillingPage *self = OD_BILLING_PAGE (page);
  g_autoptr(BillingState) state = result;
  g_autoptr(OdBillingContact) contact = NULL;

  if (state == NULL)
    {
      od_status_page_set_plain_description (self->error_status, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  update_seats (self, state);
  g_set_object (&self->subscription, state->subscription);
  self->applying_seats = FALSE;

  update_plan (self);
  update_term (self);
  update_discount (self);
  update_cancel (self);

  /* The form keeps what the person is typing; a saved or untouched form shows the file */
  if (!od_billing_contact_form_get_dirty (self->contact_form))
    {
      contact = od_subscription_dup_contact (state->subscription);
      od_billing_contact_form_set_contact (self->contact_form, contact);
    }

  gtk_list_box_bind_model (self->history_list, state->history, create_history_row, self, NULL);

  gtk_stack_set_visible_child_name (self->stack, "subscription");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "billing.export", TRUE);

  request_quote (self);
}

static void
od_billing_page_reload (OdPage *page)
{
  gint64 organization_id = od_page_get_organization_id (page);

  if (organization_id == 0 || !od_role_can (od_page_get_actor_role (page), OD_ACTION_MANAGE_BILLING))
    return;

  od_page_run (page, load_func, g_memdup2 (&organization_id, sizeof organization_id), g_free,
               (GDestroyNotify)billing_state_free, load_done);
}

/* ---------------------------------------------------------------------------------------------
 * Changes: one worker function for every kind, whose result says how it went
 */

typedef enum
{
  CHANGE_SEATS,
  CHANGE_TERM,
  CHANGE_DISCOUNT,
  CHANGE_CANCEL,
  CHANGE_RESUME,
  CHANGE_CONTACT,
} ChangeKind;

typedef struct
{
  ChangeKind        kind;
  OdMember         *actor;
  guint             seats;
  OdTerm            term;
  char             *code;         /* the discount code to set (NULL removes it) */
  char             *old_code;     /* the code it replaces, for Undo */
  gint64            effective_at; /* when the change takes effect, for the toast */
  OdBillingContact *contact;

  /* Set by the worker */
  gboolean          ok;
  GError           *error;
  GHashTable       *field_errors;
} Change;

static void
change_free (Change *change)
{
  g_clear_object (&change->actor);
  g_clear_pointer (&change->code, g_free);
  g_clear_pointer (&change->old_code, g_free);
  g_clear_pointer (&change->contact, od_billing_contact_free);
  g_clear_error (&change->error);
  g_clear_pointer (&change->field_errors, g_hash_table_unref);
  g_free (change);
}

static Change *
change_new (OdBillingPage *self,
            ChangeKind     kind)
{
  Change *change = g_new0 (Change, 1);
  OdMember *actor = od_page_get_actor (OD_PAGE (self));

  change->kind = kind;
  change->actor = actor != NULL ? g_object_ref (actor) : NULL;

  return change;
}

static gpointer
change_func (OdRepository  *repository,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Change *change = data;

  switch (change->kind)
    {
    case CHANGE_SEATS:
      change->ok = od_repository_set_seats (repository, change->actor, change->seats, &change->error);
      break;
    case CHANGE_TERM:
      change->ok = od_repository_set_term (repository, change->actor, change->term, &change->error);
      break;
    case CHANGE_DISCOUNT:
      change->ok = od_repository_set_discount_code (repository, change->actor, change->code, &change->error);
      break;
    case CHANGE_CANCEL:
      change->ok = od_repository_cancel_subscription (repository, change->actor, &change->error);
      break;
    case CHANGE_RESUME:
      change->ok = od_repository_resume_subscription (repository, change->actor, &change->error);
      break;
    case CHANGE_CONTACT:
      change->ok = od_repository_save_billing_contact (repository, change->actor, change->contact,
                                                       &change->field_errors, &change->error);
      break;
    default:
      g_assert_not_reached ();
    }

  /* The outcome is in the change itself, which is also the result: od_page_run frees it as
   * the worker's data once the done callback has returned. */
  return change;
}

static void change_done (OdPage       *page,
                         gpointer      result,
                         const GError *error);

static void
run_change (OdBillingPage *self,
            Change        *change)
{
  od_page_run (OD_PAGE (self), change_func, change, (GDestroyNotify)change_free, NULL, change_done);
}

/* ---------------------------------------------------------------------------------------------
 * Seats
 */

typedef struct
{
  gint64       organization_id;
  guint        seats;
  guint        serial;
  gboolean     ok;
  OdSeatQuote  quote;
  GError      *error;
} Quote;

static void
quote_free (Quote *quote)
{
  g_clear_error (&quote->error);
  g_free (quote);
}

static gpointer
quote_func (OdRepository  *repository,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Quote *quote = g_memdup2 (data, sizeof (Quote));

  quote->error = NULL;
  quote->ok = od_repository_quote_seats (repository, quote->organization_id, quote->seats,
                                         &quote->quote, &quote->error);
  return quote;
}

static char *
describe_quote (OdBillingPage     *self,
                const OdSeatQuote *quote,
                char             **title)
{
  OdSubscription *sub = self->subscription;
  OdTerm next_term = od_subscription_get_next_term (sub);
  g_autofree char *end = od_format_long_date (quote->period_end);
  g_autofree char *now = od_format_cents (quote->prorated_cents);
  g_autofree char *then = per_term_cents (next_term, quote->period_total_cents);

  if (quote->seats > quote->current_seats)
    {
      guint added = quote->seats - quote->current_seats;

      /* Translators: the title of a seat change, "Adds 5 seats" */
      *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Adds %u seat", "Adds %u seats", added), added);

      if (od_subscription_get_status (sub) != OD_SUBSCRIPTION_ACTIVE)
        return g_strdup (_("Nothing is charged now: the subscription has ended. The seats count when it is resumed."));
      if (od_subscription_get_cancel_at_period_end (sub))
        /* Translators: "$38.32 now for the rest of this period, which ends on March 31, 2027." */
        return g_strdup_printf (_("%s now for the rest of this period, which ends on %s."), now, end);
      /* Translators: "$38.32 now for the rest of this period, then $459.80 per month" */
      return g_strdup_printf (_("%s now for the rest of this period, then %s"), now, then);
    }
  else
    {
      guint removed = quote->current_seats - quote->seats;

      /* Translators: the title of a seat change, "Removes 3 seats" */
      *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Removes %u seat", "Removes %u seats", removed),
                                removed);

      if (!subscription_renews (sub))
        return g_strdup (_("Removed seats are not refunded."));
      /* Translators: "Takes effect at the renewal on March 31, 2027, then $390.83 per month. Removed seats are not refunded." */
      return g_strdup_printf (_("Takes effect at the renewal on %s, then %s. Removed seats are not refunded."),
                              end, then);
    }
}

static void
show_quote (OdBillingPage *self,
            const char    *title,
            const char    *subtitle,
            gboolean       ready)
{
  g_autofree char *sentence = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quote_row), title);
  adw_action_row_set_subtitle (self->quote_row, subtitle);
  set_row_sentence (GTK_WIDGET (self->quote_row), title, subtitle);

  self->quote_ready = ready;
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_seats_button), ready && !self->applying_seats);
  gtk_widget_set_visible (GTK_WIDGET (self->quote_row), TRUE);
}

static void
quote_done (OdPage       *page,
            gpointer      result,
            const GError *error)
{
  OdBillingPage *self = OD_BILLING_PAGE (page);
  Quote *quote = result;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (quote == NULL || quote->serial != self->quote_serial || self->subscription == NULL)
    {
      g_clear_pointer (&quote, quote_free);
      return;
    }

  if (!quote->ok)
    {
      show_quote (self, _("This seat count is not possible"), quote->error->message, FALSE);
      quote_free (quote);
      return;
    }

  subtitle = describe_quote (self, &quote->quote, &title);
  show_quote (self, title, subtitle, TRUE);
  quote_free (quote);
}

static void
request_quote (OdBillingPage *self)
{
  guint seats = (guint) gtk_spin_button_get_value_as_int (self->seats_spin);
  Quote request = { 0 };

  self->quote_serial++;
  self->quote_ready = FALSE;

  if (self->subscription == NULL || seats == od_subscription_get_seats (self->subscription))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->quote_row), FALSE);
      return;
    }

  request.organization_id = od_page_get_organization_id (OD_PAGE (self));
  request.seats = seats;
  request.serial = self->quote_serial;

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_seats_button), FALSE);
  od_page_run (OD_PAGE (self), quote_func, g_memdup2 (&request, sizeof request), g_free,
               (GDestroyNotify)quote_free, quote_done);
}

static void
seats_value_changed_cb (OdBillingPage *self)
{
  if (self->updating)
    return;

  request_quote (self);
}

static void
reset_seats_clicked_cb (OdBillingPage *self)
{
  if (self->subscription == NULL)
    return;

  gtk_spin_button_set_value (self->seats_spin, od_subscription_get_seats (self->subscription));
  gtk_widget_grab_focus (GTK_WIDGET (self->seats_spin));
}

static void
apply_seats_clicked_cb (OdBillingPage *self)
{
  Change *change;

  if (self->subscription == NULL || !self->quote_ready || self->applying_seats)
    return;

  change = change_new (self, CHANGE_SEATS);
  change->seats = (guint) gtk_spin_button_get_value_as_int (self->seats_spin);

  self->applying_seats = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_seats_button), FALSE);
  run_change (self, change);
}

/* ---------------------------------------------------------------------------------------------
 * Term
 */

static const char *
switch_heading (OdTerm term)
{
  switch (term)
    {
    case OD_TERM_MONTHLY:   return _("Switch to Monthly Billing?");
    case OD_TERM_QUARTERLY: return _("Switch to Quarterly Billing?");
    case OD_TERM_YEARLY:    return _("Switch to Yearly Billing?");
    case OD_TERM_NONE:
    default:                return "";
    }
}

static const char *
keep_heading (OdTerm term)
{
  switch (term)
    {
    case OD_TERM_MONTHLY:   return _("Keep Monthly Billing?");
    case OD_TERM_QUARTERLY: return _("Keep Quarterly Billing?");
    case OD_TERM_YEARLY:    return _("Keep Yearly Billing?");
    case OD_TERM_NONE:
    default:                return "";
    }
}

static void
revert_term (OdBillingPage *self)
{
  if (self->subscription == NULL)
    return;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->term_row,
                              term_position (od_subscription_get_next_term (self->subscription)));
  self->updating = FALSE;
}

static void
term_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  OdBillingPage    *self)
{
  OdTerm term = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "od-term"));
  Change *change;

  if (g_strcmp0 (response, "change") != 0 || self->subscription == NULL)
    {
      revert_term (self);
      return;
    }

  change = change_new (self, CHANGE_TERM);
  change->term = term;
  change->effective_at = od_subscription_get_next_billing_at (self->subscription);
  run_change (self, change);
}

/* The dialog that confirms a new term, with the total it brings; public for tests through the
 * combo row (the dialog is a transient window of the page's window). */
static void
confirm_term (OdBillingPage *self,
              OdTerm         term)
{
  OdSubscription *sub = self->subscription;
  OdTerm current = od_subscription_get_term (sub);
  OdTerm next = od_subscription_get_next_term (sub);
  guint seats = od_subscription_get_seats (sub);
  guint percent = next_percent_off (sub);
  g_autofree char *date = od_format_long_date (od_subscription_get_next_billing_at (sub));
  g_autofree char *new_total = per_term_cents (term, od_billing_total (term, seats, percent));
  g_autofree char *old_total = per_term_cents (next, od_billing_total (next, seats, percent));
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *heading;
  GtkWidget *dialog;

  if (!subscription_renews (sub))
    {
      heading = switch_heading (term);
      /* Translators: the subscription does not renew; "… 20 seats would cost $5,519.80 per year." */
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The subscription does not renew. If it is resumed, %u seat will cost %s.",
                                           "The subscription does not renew. If it is resumed, %u seats will cost %s.",
                                           seats),
                              seats, new_total);
    }
  else if (term == current)
    {
      heading = keep_heading (term);
      /* Translators: withdrawing a pending term change; "… on March 31, 2027, 20 seats stay $459.80 per month." */
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The switch to %s billing is withdrawn. From %s, %u seat stays %s instead of %s.",
                                           "The switch to %s billing is withdrawn. From %s, %u seats stay %s instead of %s.",
                                           seats),
                              term_word (next), date, seats, new_total, old_total);
    }
  else
    {
      heading = switch_heading (term);
      /* Translators: "From March 31, 2027, 20 seats cost $5,519.80 per year instead of $459.80 per month. Nothing is charged today." */
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "From %s, %u seat costs %s instead of %s. Nothing is charged today.",
                                           "From %s, %u seats cost %s instead of %s. Nothing is charged today.",
                                           seats),
                              date, seats, new_total, old_total);
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "change", _("C_hange Term"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "change",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "change");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "od-term", GINT_TO_POINTER (term));
  g_signal_connect_object (dialog, "response", G_CALLBACK (term_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
term_selected_cb (OdBillingPage *self)
{
  guint position = adw_combo_row_get_selected (self->term_row);
  OdTerm term;

  if (self->updating || self->subscription == NULL || position >= G_N_ELEMENTS (terms))
    return;

  term = terms[position];
  if (term == od_subscription_get_next_term (self->subscription))
    return;

  confirm_term (self, term);
}

/* ---------------------------------------------------------------------------------------------
 * Discount
 */

static void
show_discount_error (OdBillingPage *self,
                     const char    *message)
{
  gboolean shown = message != NULL && *message != '\0';
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->discount_entry)));

  gtk_label_set_text (self->discount_message, shown ? message : "");
  gtk_widget_set_visible (self->discount_message_row, shown);

  if (shown)
    gtk_widget_add_css_class (GTK_WIDGET (self->discount_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->discount_entry), "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (text),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               shown ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (shown)
    gtk_accessible_update_property (GTK_ACCESSIBLE (text),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
discount_changed_cb (OdBillingPage *self)
{
  show_discount_error (self, NULL);
}

static void
discount_apply_cb (OdBillingPage *self)
{
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->discount_entry))));
  g_autoptr(GError) error = NULL;
  Change *change;

  if (self->subscription == NULL)
    return;

  if (*code == '\0')
    {
      show_discount_error (self, _("Enter a discount code."));
      return;
    }

  /* The shape and the known codes are pure arithmetic: say what is wrong at once */
  if (!od_billing_check_discount_code (code, NULL, NULL, &error))
    {
      show_discount_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->discount_entry));
      return;
    }

  change = change_new (self, CHANGE_DISCOUNT);
  change->code = g_steal_pointer (&code);
  change->effective_at = od_subscription_get_next_billing_at (self->subscription);
  run_change (self, change);
}

static void
undo_remove_discount_cb (AdwToast      *toast,
                         OdBillingPage *self)
{
  const char *code = g_object_get_data (G_OBJECT (toast), "od-code");
  Change *change;

  if (code == NULL)
    return;

  change = change_new (self, CHANGE_DISCOUNT);
  change->code = g_strdup (code);
  run_change (self, change);
}

static void
remove_discount_clicked_cb (OdBillingPage *self)
{
  Change *change;

  if (self->subscription == NULL || od_subscription_get_discount_code (self->subscription) == NULL)
    return;

  change = change_new (self, CHANGE_DISCOUNT);
  change->old_code = g_strdup (od_subscription_get_discount_code (self->subscription));
  run_change (self, change);
}

/* ---------------------------------------------------------------------------------------------
 * Cancel and resume
 */

static void
cancel_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    OdBillingPage    *self)
{
  ChangeKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "od-kind"));
  Change *change;

  if (g_strcmp0 (response, "confirm") != 0 || self->subscription == NULL)
    return;

  change = change_new (self, kind);
  change->effective_at = od_subscription_get_next_billing_at (self->subscription);
  run_change (self, change);
}

static void
cancel_clicked_cb (OdBillingPage *self)
{
  OdSubscription *sub = self->subscription;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *date = NULL;
  g_autofree char *body = NULL;
  g_autofree char *total = NULL;
  const char *heading, *confirm;
  ChangeKind kind;
  GtkWidget *dialog;
  guint seats;
  OdTerm term;

  if (sub == NULL)
    return;

  date = od_format_long_date (od_subscription_get_next_billing_at (sub));
  seats = od_subscription_get_seats (sub);
  term = od_subscription_get_next_term (sub);

  if (subscription_renews (sub))
    {
      kind = CHANGE_CANCEL;
      heading = _("Cancel the Subscription?");
      confirm = _("_Cancel Subscription");
      /* Translators: %s is the next billing date */
      body = g_strdup_printf (_("It stays active until %s and then ends; it will not renew and nothing more "
                                "is charged. You can resume it until then."), date);
    }
  else if (od_subscription_get_status (sub) == OD_SUBSCRIPTION_ACTIVE)
    {
      kind = CHANGE_RESUME;
      heading = _("Resume the Subscription?");
      confirm = _("_Resume");
      total = per_term_cents (term, od_billing_total (term, seats, next_percent_off (sub)));
      /* Translators: "It renews on March 31, 2027 at $459.80 per month for 20 seats." */
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "It renews on %s at %s for %u seat.",
                                           "It renews on %s at %s for %u seats.", seats),
                              date, total, seats);
    }
  else
    {
      g_autofree char *charge = NULL;

      kind = CHANGE_RESUME;
      heading = _("Resume the Subscription?");
      confirm = _("_Resume");
      charge = od_format_cents (od_billing_total (term, seats, od_subscription_get_discount_code (sub) != NULL
                                                              ? od_subscription_get_discount_percent (sub) : 0));
      /* Translators: "A new billing period starts today, and $459.80 is charged now for 20 seats." */
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "A new billing period starts today, and %s is charged now for %u seat.",
                                           "A new billing period starts today, and %s is charged now for %u seats.",
                                           seats),
                              charge, seats);
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", kind == CHANGE_CANCEL ? _("_Keep Subscription") : _("_Not Now"),
                                    "confirm", confirm,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              kind == CHANGE_CANCEL ? ADW_RESPONSE_DESTRUCTIVE
                                                                    : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "od-kind", GINT_TO_POINTER (kind));
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------------------------------------
 * Billing contact
 */

static void
contact_save_cb (OdBillingPage *self)
{
  Change *change;

  if (self->subscription == NULL || od_billing_contact_form_get_busy (self->contact_form))
    return;

  change = change_new (self, CHANGE_CONTACT);
  change->contact = od_billing_contact_form_dup_contact (self->contact_form);

  od_billing_contact_form_set_busy (self->contact_form, TRUE);
  run_change (self, change);
}

/* ---------------------------------------------------------------------------------------------
 * The outcome of a change
 */

static void
change_done (OdPage       *page,
             gpointer      result,
             const GError *error)
{
  OdBillingPage *self = OD_BILLING_PAGE (page);
  Change *change = result;
  g_autofree char *date = NULL;
  g_autofree char *message = NULL;

  if (change == NULL)
    {
      /* Only when the worker could not run it at all */
      show_message (self, error != NULL ? error->message : NULL);
      return;
    }

  date = od_format_long_date (change->effective_at);

  switch (change->kind)
    {
    case CHANGE_SEATS:
      if (!change->ok)
        {
          self->applying_seats = FALSE;
          gtk_widget_set_sensitive (GTK_WIDGET (self->apply_seats_button), self->quote_ready);
          show_message (self, change->error->message);
          return;
        }
      /* Translators: a toast after the seat count changed */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The subscription now has %u seat.",
                                              "The subscription now has %u seats.", change->seats),
                                 change->seats);
      show_message (self, message);
      /* The repository's "changed" signal reloads the page; without a change (the same count
       * meanwhile) the quote goes away here */
      self->applying_seats = FALSE;
      request_quote (self);
      break;

    case CHANGE_TERM:
      if (!change->ok)
        {
          revert_term (self);
          show_message (self, change->error->message);
          return;
        }
      if (self->subscription != NULL && change->term == od_subscription_get_term (self->subscription))
        /* Translators: a toast after a pending term change was withdrawn */
        message = g_strdup_printf (_("Billing stays %s."), term_word (change->term));
      else
        /* Translators: a toast after the term changed: "Billing switches to yearly on March 31, 2027." */
        message = g_strdup_printf (_("Billing switches to %s on %s."), term_word (change->term), date);
      show_message (self, message);
      break;

    case CHANGE_DISCOUNT:
      if (!change->ok)
        {
          if (change->code != NULL)
            {
              show_discount_error (self, change->error->message);
              gtk_widget_grab_focus (GTK_WIDGET (self->discount_entry));
            }
          else
            show_message (self, change->error->message);
          return;
        }
      if (change->code != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->discount_entry), "");
          show_discount_error (self, NULL);
          /* Translators: a toast after a discount code was entered; %s is the date it applies from */
          message = g_strdup_printf (_("The discount code applies from %s."), date);
          show_message (self, message);
        }
      else
        {
          AdwToast *toast;

          toast = adw_toast_new (_("Discount code removed"));
          if (change->old_code != NULL)
            {
              adw_toast_set_button_label (toast, _("_Undo"));
              g_object_set_data_full (G_OBJECT (toast), "od-code", g_strdup (change->old_code), g_free);
              g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_remove_discount_cb),
                                       self, 0);
            }
          show_toast (self, toast);
        }
      break;

    case CHANGE_CANCEL:
      if (!change->ok)
        {
          show_message (self, change->error->message);
          return;
        }
      /* Translators: a toast after the subscription was canceled; %s is the date it ends */
      message = g_strdup_printf (_("Subscription canceled. It stays active until %s."), date);
      show_message (self, message);
      break;

    case CHANGE_RESUME:
      if (!change->ok)
        {
          show_message (self, change->error->message);
          return;
        }
      show_message (self, _("Subscription resumed."));
      break;

    case CHANGE_CONTACT:
      od_billing_contact_form_set_busy (self->contact_form, FALSE);
      if (!change->ok)
        {
          /* Every problem under its field, and the summary in a toast */
          od_billing_contact_form_set_errors (self->contact_form, change->field_errors);
          show_message (self, change->error->message);
          return;
        }
      {
        g_autoptr(OdBillingContact) saved = od_billing_contact_normalize (change->contact);

        od_billing_contact_form_set_contact (self->contact_form, saved);
      }
      show_message (self, _("Billing contact saved."));
      break;

    default:
      g_assert_not_reached ();
    }
}

/* ---------------------------------------------------------------------------------------------
 * Export
 */

typedef struct
{
  gint64  organization_id;
  GFile  *file;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_clear_object (&request->file);
  g_free (request);
}

static gpointer
export_func (OdRepository  *repository,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ExportRequest *request = data;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = NULL;
  gboolean existed = g_file_query_exists (request->file, NULL);

  stream = g_file_replace (request->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, error);
  if (stream == NULL)
    return NULL;

  if (od_repository_export_billing_history (repository, request->organization_id,
                                            G_OUTPUT_STREAM (stream), cancellable, error) &&
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    return g_object_ref (request->file);

  /* Leave no half-written file: closing with a cancelled cancellable keeps what was there */
  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
  if (!existed)
    g_file_delete (request->file, NULL, NULL);

  return NULL;
}

static void
exported (OdPage       *page,
          gpointer      result,
          const GError *error)
{
  OdBillingPage *self = OD_BILLING_PAGE (page);
  g_autoptr(GFile) file = result;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (file == NULL)
    {
      /* Translators: a toast when the export failed; %s is the reason */
      message = g_strdup_printf (_("Could not export the billing history: %s"),
                                 error != NULL ? error->message : "");
      show_message (self, message);
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: a toast after the export, e.g. "Billing history exported to “billing.csv”" */
  message = g_strdup_printf (_("Billing history exported to “%s”"), name);
  show_message (self, message);
}

void
od_billing_page_export_to_file (OdBillingPage *self,
                                GFile         *file)
{
  ExportRequest *request;

  g_return_if_fail (OD_IS_BILLING_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  request = g_new0 (ExportRequest, 1);
  request->organization_id = od_page_get_organization_id (OD_PAGE (self));
  request->file = g_object_ref (file);

  od_page_run (OD_PAGE (self), export_func, request, (GDestroyNotify)export_request_free,
               g_object_unref, exported);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
save_dialog_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OdBillingPage) self = user_data;
  g_autoptr(GFile) file = NULL;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);
  if (file != NULL)
    od_billing_page_export_to_file (self, file);
}
#else
static void
file_chooser_response_cb (GtkNativeDialog *native,
                          int              response,
                          OdBillingPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        od_billing_page_export_to_file (self, file);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}
#endif

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OdBillingPage *self = OD_BILLING_PAGE (widget);
  OdOrganization *organization = od_page_get_organization (OD_PAGE (self));
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (organization == NULL)
    return;

  name = g_strdup_printf ("%s-billing-history.csv", od_organization_get_slug (organization));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_title (dialog, _("Export Billing History"));
    gtk_file_dialog_set_initial_name (dialog, name);
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_save (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                          od_page_get_cancellable (OD_PAGE (self)),
                          save_dialog_done_cb, g_object_ref (self));
  }
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (_("Export Billing History"),
                                          GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          GTK_FILE_CHOOSER_ACTION_SAVE,
                                          _("_Export"), _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    g_signal_connect_object (native, "response", G_CALLBACK (file_chooser_response_cb), self, 0);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

/* ---------------------------------------------------------------------------------------------
 * GObject
 */

/* Another organization: nothing of the last one (an edit, a quote, a half-typed contact) stays */
static void
organization_changed_cb (OdBillingPage *self,
                         GParamSpec    *pspec,
                         gpointer       user_data)
{
  g_clear_object (&self->subscription);
  self->applying_seats = FALSE;
  self->quote_serial++;
  gtk_widget_set_visible (GTK_WIDGET (self->quote_row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->discount_entry), "");
  show_discount_error (self, NULL);
  od_billing_contact_form_set_contact (self->contact_form, NULL);
  od_billing_contact_form_set_busy (self->contact_form, FALSE);
  gtk_list_box_bind_model (self->history_list, NULL, NULL, NULL, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "billing.export", FALSE);
}

static void
od_billing_page_dispose (GObject *object)
{
  OdBillingPage *self = OD_BILLING_PAGE (object);

  /* The root child is a bound template child: let AdwBin drop it before the template does */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), OD_TYPE_BILLING_PAGE);
  g_clear_object (&self->subscription);

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

  g_type_ensure (OD_TYPE_BILLING_CONTACT_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-billing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, plan_group);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, seats_row);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, seats_spin);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, seats_adjustment);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, quote_row);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, reset_seats_button);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, apply_seats_button);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, term_row);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, term_list);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, discount_row);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, remove_discount_button);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, discount_entry);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, discount_message_row);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, discount_message);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, cancel_row);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, contact_form);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, history_list);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, OdBillingPage, error_status);
  gtk_widget_class_bind_template_callback (widget_class, seats_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_seats_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_seats_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, term_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, discount_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, discount_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_discount_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, contact_save_cb);

  gtk_widget_class_install_action (widget_class, "billing.export", NULL, export_action);
}

static void
od_billing_page_init (OdBillingPage *self)
{
  static const struct {
    Row         row;
    const char *title;
  } rows[] = {
    { ROW_PLAN,         N_("Plan") },
    { ROW_STATUS,       N_("Status") },
    { ROW_PRICE,        N_("Price") },
    { ROW_TOTAL,        N_("Total") },
    { ROW_STARTED,      N_("Started") },
    { ROW_NEXT_BILLING, N_("Next billing date") },
    { ROW_PENDING_TERM, N_("Term change") },
    { ROW_DISCOUNT,     N_("Discount") },
  };
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  od_page_set_title (OD_PAGE (self), _("Billing"));
  od_page_set_icon_name (OD_PAGE (self), "auth-smartcard-symbolic");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row = od_value_row_new (_(rows[i].title));

      /* od_value_row_set_value() names the row "Title: value"; the title alone is not its name */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      self->rows[rows[i].row] = row;
      adw_preferences_group_add (self->plan_group, row);
    }
  gtk_widget_set_visible (self->rows[ROW_PENDING_TERM], FALSE);
  gtk_widget_set_visible (self->rows[ROW_DISCOUNT], FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      g_autofree char *price = per_seat (terms[i]);
      /* Translators: a term and its price, "Monthly — $22.99 per seat per month" */
      g_autofree char *item = g_strdup_printf (_("%s — %s"), term_label (terms[i]), price);

      gtk_string_list_append (self->term_list, item);
    }

  placeholder = gtk_label_new (_("No billing changes yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->history_list, placeholder);

  /* The spin button's name is "Seats" (from the .ui), not that and its row's title again */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->seats_spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  use_accessible_label (self->apply_seats_button, _("Apply the new seat count"));
  use_accessible_label (self->reset_seats_button, _("Reset the seat count"));
  use_accessible_label (self->export_button, _("Export the billing history as CSV"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "billing.export", FALSE);

  g_signal_connect (self, "notify::organization", G_CALLBACK (organization_changed_cb), NULL);
}

/* For tests: the parts of the page a person uses, by name */
GtkWidget *
_od_billing_page_get_part (OdBillingPage *self,
                           const char    *name)
{
  const struct {
    const char *name;
    GtkWidget  *widget;
  } parts[] = {
    { "seats-row",       GTK_WIDGET (self->seats_row) },
    { "seats-spin",      GTK_WIDGET (self->seats_spin) },
    { "quote-row",       GTK_WIDGET (self->quote_row) },
    { "apply-seats",     GTK_WIDGET (self->apply_seats_button) },
    { "term-row",        GTK_WIDGET (self->term_row) },
    { "discount-entry",  GTK_WIDGET (self->discount_entry) },
    { "discount-row",    GTK_WIDGET (self->discount_row) },
    { "cancel-button",   GTK_WIDGET (self->cancel_button) },
    { "contact-form",    GTK_WIDGET (self->contact_form) },
    { "history-list",    GTK_WIDGET (self->history_list) },
    { "plan-row",        self->rows[ROW_PLAN] },
    { "status-row",      self->rows[ROW_STATUS] },
    { "total-row",       self->rows[ROW_TOTAL] },
    { "next-billing-row", self->rows[ROW_NEXT_BILLING] },
    { "pending-term-row", self->rows[ROW_PENDING_TERM] },
  };

  g_return_val_if_fail (OD_IS_BILLING_PAGE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (parts[i].name, name))
      return parts[i].widget;

  g_return_val_if_reached (NULL);
}
