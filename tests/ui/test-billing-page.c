/* test-billing-page.c — the Billing page on a real (temporary) database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: run through tests/headless.sh. Without one the tests are skipped.
 * Each test drives the page as a person would (the spin button, Apply, the term combo and its
 * dialog, the contact form's Save) and checks both what the page shows and what the database
 * holds afterwards.
 */
#define _GNU_SOURCE   /* dl_iterate_phdr(), in keep-quark-block.h */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "od-billing-contact-form.h"
#include "od-billing-page-private.h"
#include "od-billing-private.h"
#include "od-format.h"
#include "od-organization.h"
#include "od-repository.h"
#include "keep-quark-block.h"

#define TIMEOUT_SECONDS 10

typedef struct
{
  char           *dir;
  OdRepository   *repository;
  OdOrganization *organization;
  OdMember       *owner;
  GtkWindow      *window;
  OdBillingPage  *page;
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture);

static gboolean
wait_for (Fixture   *fixture,
          Condition  condition)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (!condition (fixture))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

static GtkWidget *
part (Fixture    *fixture,
      const char *name)
{
  return _od_billing_page_get_part (fixture->page, name);
}

static gint64
organization_id (Fixture *fixture)
{
  return od_organization_get_id (fixture->organization);
}

static OdSubscription *
subscription (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  OdSubscription *sub = od_repository_get_subscription (fixture->repository, organization_id (fixture), &error);

  g_assert_no_error (error);
  return sub;
}

static const char *
row_value (GtkWidget *row)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "od-value-label");

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (label);
}

static gboolean
page_loaded (Fixture *fixture)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (part (fixture, "seats-spin"));

  /* The adjustment's lower bound is 1 until the page has read the seat minimum */
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->page)) &&
         gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (spin)) > 1;
}

static void
fixture_open (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("orgdesk-test-billing-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "orgdesk.db", NULL);
  fixture->repository = od_repository_open (path, &error);
  g_assert_no_error (error);

  /* A fixed "now" inside the first period, so that proration is the same for the page and the
   * expectations below */
  fixture->organization = od_repository_create_demo (fixture->repository, 12, 2, 3, 0, &error);
  g_assert_no_error (error);
  {
    g_autoptr(OdSubscription) sub = subscription (fixture);

    _od_repository_set_billing_clock (fixture->repository,
                                      od_subscription_get_started_at (sub) + 9 * 24 * 60 * 60);
  }

  fixture->owner = od_repository_get_first_owner (fixture->repository, organization_id (fixture), &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (fixture->window, 900, 1000);

  fixture->page = g_object_new (OD_TYPE_BILLING_PAGE, NULL);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  od_page_set_repository (OD_PAGE (fixture->page), fixture->repository);
  od_page_set_organization (OD_PAGE (fixture->page), fixture->organization);
  od_page_set_actor (OD_PAGE (fixture->page), fixture->owner);

  gtk_window_present (fixture->window);
  g_assert_true (wait_for (fixture, page_loaded));
}

static void
remove_all (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
close_dialogs (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (window))
        gtk_window_destroy (window);
    }
}

static void
fixture_close (Fixture *fixture)
{
  close_dialogs ();
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->owner);
  g_clear_object (&fixture->organization);
  g_clear_object (&fixture->repository);
  remove_all (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* The one AdwMessageDialog on screen, if any */
static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* What a click on one of the dialog's buttons does: the response, then the dialog closes */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
dialog_shown (Fixture *fixture)
{
  return find_dialog () != NULL;
}

/* Seats */

static void
test_seat_minimum (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  g_autofree char *explanation = NULL;
  guint n_members = 0, n_pending = 0, n_seats = 0, minimum = 0;
  GtkSpinButton *spin;
  GtkAdjustment *adjustment;

  fixture_open (&fixture);
  sub = subscription (&fixture);

  g_assert_true (od_repository_get_seat_usage (fixture.repository, organization_id (&fixture),
                                               &n_members, &n_pending, &n_seats, &error));
  g_assert_no_error (error);
  explanation = od_repository_describe_seat_minimum (fixture.repository, organization_id (&fixture),
                                                     &minimum, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (minimum, ==, n_members + n_pending);

  spin = GTK_SPIN_BUTTON (part (&fixture, "seats-spin"));
  adjustment = gtk_spin_button_get_adjustment (spin);

  /* The stepper starts at the seat count and cannot go below the seats used */
  g_assert_cmpuint ((guint) gtk_adjustment_get_lower (adjustment), ==, n_members + n_pending);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, od_subscription_get_seats (sub));
  gtk_spin_button_set_value (spin, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, n_members + n_pending);

  /* …and says why, on screen and to screen readers */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (part (&fixture, "seats-row"))), ==, explanation);
  gtk_test_accessible_assert_property (spin, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, explanation);
  gtk_test_accessible_assert_property (spin, GTK_ACCESSIBLE_PROPERTY_LABEL, "Seats");

  fixture_close (&fixture);
}

static gboolean
quote_ready (Fixture *fixture)
{
  return gtk_widget_get_visible (part (fixture, "quote-row")) &&
         gtk_widget_get_sensitive (part (fixture, "apply-seats"));
}

static guint expected_seats;

static gboolean
seats_saved (Fixture *fixture)
{
  g_autoptr(OdSubscription) sub = subscription (fixture);

  return od_subscription_get_seats (sub) == expected_seats;
}

static gboolean
page_shows_new_seats (Fixture *fixture)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (part (fixture, "seats-spin"));
  g_autofree char *needle = g_strdup_printf ("for %u seats", expected_seats);

  return !gtk_widget_get_visible (part (fixture, "quote-row")) &&
         (guint) gtk_spin_button_get_value_as_int (spin) == expected_seats &&
         strstr (row_value (part (fixture, "total-row")), needle) != NULL;
}

static void
test_raise_seats (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OdSubscription) before = NULL;
  g_autoptr(OdSubscription) after = NULL;
  g_autofree char *now = NULL, *then = NULL, *expected = NULL, *total = NULL;
  GtkSpinButton *spin;
  GtkWidget *quote_row;
  OdSeatQuote quote;
  guint seats;

  fixture_open (&fixture);
  before = subscription (&fixture);
  seats = od_subscription_get_seats (before);
  spin = GTK_SPIN_BUTTON (part (&fixture, "seats-spin"));
  quote_row = part (&fixture, "quote-row");

  g_assert_false (gtk_widget_get_visible (quote_row));

  /* Raising the count shows what it costs, and changes nothing yet */
  gtk_spin_button_set_value (spin, seats + 5);
  g_assert_true (wait_for (&fixture, quote_ready));

  g_assert_true (od_repository_quote_seats (fixture.repository, organization_id (&fixture), seats + 5,
                                            &quote, &error));
  g_assert_no_error (error);
  g_assert_cmpint (quote.prorated_cents, >, 0);
  now = od_format_cents (quote.prorated_cents);
  then = od_format_cents (quote.period_total_cents);
  expected = g_strdup_printf ("%s now for the rest of this period, then %s per month", now, then);

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (quote_row)), ==, "Adds 5 seats");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (quote_row)), ==, expected);
  {
    g_autofree char *sentence = g_strdup_printf ("Adds 5 seats: %s", expected);
    gtk_test_accessible_assert_property (quote_row, GTK_ACCESSIBLE_PROPERTY_LABEL, sentence);
  }
  {
    g_autoptr(OdSubscription) unchanged = subscription (&fixture);
    g_assert_cmpuint (od_subscription_get_seats (unchanged), ==, seats);
  }

  /* Apply raises the seats in the database, and the page follows */
  expected_seats = seats + 5;
  g_signal_emit_by_name (part (&fixture, "apply-seats"), "clicked");
  g_assert_true (wait_for (&fixture, seats_saved));
  g_assert_true (wait_for (&fixture, page_shows_new_seats));

  after = subscription (&fixture);
  total = od_format_cents (od_subscription_get_total_cents (after));
  g_assert_nonnull (strstr (row_value (part (&fixture, "total-row")), total));
  g_assert_cmpuint (od_subscription_get_total_cents (after), ==, 2299 * (seats + 5));

  /* The ledger shows it, newest first */
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (part (&fixture, "history-list")), 0);
    g_autofree char *summary = g_strdup_printf ("Seats: %u → %u", seats, seats + 5);

    g_assert_nonnull (row);
    g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), summary));
  }

  /* Lowering says when it takes effect and that nothing is refunded */
  gtk_spin_button_set_value (spin, seats + 2);
  g_assert_true (wait_for (&fixture, quote_ready));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (quote_row)), ==, "Removes 3 seats");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (quote_row)), "not refunded"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (quote_row)), "renewal"));

  fixture_close (&fixture);
}

/* Term */

static gboolean
term_pending (Fixture *fixture)
{
  g_autoptr(OdSubscription) sub = subscription (fixture);

  return od_subscription_get_pending_term (sub) == OD_TERM_YEARLY &&
         gtk_widget_get_visible (part (fixture, "pending-term-row"));
}

static gboolean
no_dialog (Fixture *fixture)
{
  return find_dialog () == NULL;
}

static void
test_term_change (void)
{
  Fixture fixture = { 0 };
  g_autoptr(OdSubscription) sub = NULL;
  g_autofree char *total = NULL, *expected = NULL;
  AdwComboRow *term_row;
  AdwMessageDialog *dialog;
  guint seats;

  fixture_open (&fixture);
  sub = subscription (&fixture);
  seats = od_subscription_get_seats (sub);
  term_row = ADW_COMBO_ROW (part (&fixture, "term-row"));
  g_assert_cmpuint (adw_combo_row_get_selected (term_row), ==, 0);

  /* Cancelling the dialog leaves the term as it was */
  adw_combo_row_set_selected (term_row, 1);
  g_assert_true (wait_for (&fixture, dialog_shown));
  respond (find_dialog (), "cancel");
  g_assert_true (wait_for (&fixture, no_dialog));
  g_assert_cmpuint (adw_combo_row_get_selected (term_row), ==, 0);

  /* Yearly: the dialog shows the new total before anything changes */
  adw_combo_row_set_selected (term_row, 2);
  g_assert_true (wait_for (&fixture, dialog_shown));
  dialog = find_dialog ();
  total = od_format_cents (od_billing_total (OD_TERM_YEARLY, seats, 0));
  expected = g_strdup_printf ("%s per year", total);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Switch to Yearly Billing?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), expected));
  {
    g_autoptr(OdSubscription) unchanged = subscription (&fixture);
    g_assert_cmpint (od_subscription_get_pending_term (unchanged), ==, OD_TERM_NONE);
  }

  respond (dialog, "change");
  g_assert_true (wait_for (&fixture, term_pending));
  g_assert_true (g_str_has_prefix (row_value (part (&fixture, "pending-term-row")), "Switches to yearly on "));
  g_assert_cmpuint (adw_combo_row_get_selected (term_row), ==, 2);

  fixture_close (&fixture);
}

/* Billing contact */

static OdBillingContactForm *
contact_form (Fixture *fixture)
{
  return OD_BILLING_CONTACT_FORM (part (fixture, "contact-form"));
}

static void
set_field (Fixture               *fixture,
           OdBillingContactField  field,
           const char            *text)
{
  GtkWidget *widget = od_billing_contact_form_get_field_widget (contact_form (fixture), field);

  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static gboolean
errors_shown (Fixture *fixture)
{
  return od_billing_contact_form_get_error (contact_form (fixture), OD_BILLING_CONTACT_EMAIL) != NULL &&
         !od_billing_contact_form_get_busy (contact_form (fixture));
}

static gboolean
contact_saved (Fixture *fixture)
{
  g_autoptr(OdSubscription) sub = subscription (fixture);

  return g_strcmp0 (od_subscription_get_contact_email (sub), "ap@acme.example") == 0 &&
         !od_billing_contact_form_get_busy (contact_form (fixture));
}

static void
test_contact_form (void)
{
  Fixture fixture = { 0 };
  g_autoptr(OdSubscription) before = NULL;
  g_autoptr(OdSubscription) after = NULL;
  g_autoptr(OdBillingContact) original = NULL;
  g_autoptr(OdBillingContact) unchanged = NULL;
  OdBillingContactForm *form;
  GtkWidget *email_row, *email_text;
  GtkWidget *country;
  guint us = GTK_INVALID_LIST_POSITION;

  fixture_open (&fixture);
  form = contact_form (&fixture);
  before = subscription (&fixture);
  original = od_subscription_dup_contact (before);
  g_assert_false (od_billing_contact_form_get_dirty (form));

  /* The form shows the saved contact */
  email_row = od_billing_contact_form_get_field_widget (form, OD_BILLING_CONTACT_EMAIL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email_row)), ==,
                   od_subscription_get_contact_email (before));

  /* Invalid: every problem under its field, and nothing saved */
  set_field (&fixture, OD_BILLING_CONTACT_EMAIL, "not an address");
  set_field (&fixture, OD_BILLING_CONTACT_STREET, "");
  set_field (&fixture, OD_BILLING_CONTACT_POSTAL_CODE, "ABCDE");
  g_assert_true (od_billing_contact_form_get_dirty (form));

  country = od_billing_contact_form_get_field_widget (form, OD_BILLING_CONTACT_COUNTRY);
  {
    GListModel *names = gtk_drop_down_get_model (GTK_DROP_DOWN (country));

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      {
        g_autoptr(GtkStringObject) name = g_list_model_get_item (names, i);

        if (g_str_equal (gtk_string_object_get_string (name), "United States"))
          us = i;
      }
  }
  g_assert_cmpuint (us, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (country), us);

  g_signal_emit_by_name (form, "save");
  g_assert_true (wait_for (&fixture, errors_shown));

  g_assert_nonnull (od_billing_contact_form_get_error (form, OD_BILLING_CONTACT_EMAIL));
  g_assert_nonnull (od_billing_contact_form_get_error (form, OD_BILLING_CONTACT_STREET));
  g_assert_nonnull (od_billing_contact_form_get_error (form, OD_BILLING_CONTACT_POSTAL_CODE));
  g_assert_null (od_billing_contact_form_get_error (form, OD_BILLING_CONTACT_NAME));
  g_assert_null (od_billing_contact_form_get_error (form, OD_BILLING_CONTACT_CITY));
  g_assert_true (gtk_widget_has_css_class (email_row, "error"));
  g_assert_false (gtk_widget_has_css_class (od_billing_contact_form_get_field_widget (form, OD_BILLING_CONTACT_NAME),
                                            "error"));

  email_text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (email_row)));
  gtk_test_accessible_assert_state (email_text, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  gtk_test_accessible_assert_property (email_text, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       od_billing_contact_form_get_error (form, OD_BILLING_CONTACT_EMAIL));

  after = subscription (&fixture);
  unchanged = od_subscription_dup_contact (after);
  g_assert_true (od_billing_contact_equal (unchanged, original));
  g_clear_object (&after);

  /* Editing a field takes its message away */
  set_field (&fixture, OD_BILLING_CONTACT_EMAIL, "ap@acme.example");
  g_assert_null (od_billing_contact_form_get_error (form, OD_BILLING_CONTACT_EMAIL));
  g_assert_false (gtk_widget_has_css_class (email_row, "error"));
  gtk_test_accessible_assert_state (email_text, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);

  /* Valid: saved, in its normal form */
  set_field (&fixture, OD_BILLING_CONTACT_STREET, "500 Pine Street");
  set_field (&fixture, OD_BILLING_CONTACT_CITY, "Seattle");
  set_field (&fixture, OD_BILLING_CONTACT_REGION, "WA");
  set_field (&fixture, OD_BILLING_CONTACT_POSTAL_CODE, "98101");
  g_signal_emit_by_name (form, "save");
  g_assert_true (wait_for (&fixture, contact_saved));

  after = subscription (&fixture);
  g_assert_cmpstr (od_subscription_get_street (after), ==, "500 Pine Street");
  g_assert_cmpstr (od_subscription_get_country (after), ==, "US");
  g_assert_cmpstr (od_subscription_get_postal_code (after), ==, "98101");
  for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
    g_assert_null (od_billing_contact_form_get_error (form, i));
  g_assert_false (od_billing_contact_form_get_dirty (form));

  fixture_close (&fixture);
}

/* Discount, cancel and export */

static gboolean
discount_error_shown (Fixture *fixture)
{
  return gtk_widget_has_css_class (part (fixture, "discount-entry"), "error");
}

static gboolean
discount_saved (Fixture *fixture)
{
  g_autoptr(OdSubscription) sub = subscription (fixture);

  return g_strcmp0 (od_subscription_get_discount_code (sub), "WELCOME10") == 0 &&
         gtk_widget_get_visible (part (fixture, "discount-row"));
}

static gboolean
cancel_saved (Fixture *fixture)
{
  g_autoptr(OdSubscription) sub = subscription (fixture);

  return od_subscription_get_cancel_at_period_end (sub) &&
         g_str_has_prefix (row_value (part (fixture, "status-row")), "Canceled — ends on ");
}

static char *export_path;

static gboolean
exported (Fixture *fixture)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (export_path, &contents, NULL, NULL) &&
         g_str_has_prefix (contents, "id,date,actor,kind,summary") &&
         strstr (contents, "WELCOME10") != NULL;
}

static void
test_discount_cancel_export (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GFile) file = NULL;
  GtkWidget *entry;
  AdwMessageDialog *dialog;

  fixture_open (&fixture);
  entry = part (&fixture, "discount-entry");

  /* A malformed code is refused where it was typed */
  gtk_editable_set_text (GTK_EDITABLE (entry), "no");
  g_signal_emit_by_name (entry, "apply");
  g_assert_true (wait_for (&fixture, discount_error_shown));
  g_assert_false (gtk_widget_get_visible (part (&fixture, "discount-row")));

  gtk_editable_set_text (GTK_EDITABLE (entry), "welcome10");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "apply");
  g_assert_true (wait_for (&fixture, discount_saved));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* Cancel asks first, in the destructive style */
  g_signal_emit_by_name (part (&fixture, "cancel-button"), "clicked");
  g_assert_true (wait_for (&fixture, dialog_shown));
  dialog = find_dialog ();
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "confirm"), ==, ADW_RESPONSE_DESTRUCTIVE);
  respond (dialog, "confirm");
  g_assert_true (wait_for (&fixture, cancel_saved));

  /* Export writes the ledger as CSV */
  export_path = g_build_filename (fixture.dir, "billing.csv", NULL);
  file = g_file_new_for_path (export_path);
  od_billing_page_export_to_file (fixture.page, file);
  g_assert_true (wait_for (&fixture, exported));
  g_clear_pointer (&export_path, g_free);

  fixture_close (&fixture);
}

/* Switching organizations leaves nothing of the last one behind */
static OdOrganization *second_organization;

static gboolean
second_loaded (Fixture *fixture)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (part (fixture, "seats-spin"));
  GtkWidget *name = od_billing_contact_form_get_field_widget (contact_form (fixture), OD_BILLING_CONTACT_NAME);

  return gtk_spin_button_get_value_as_int (spin) == 7 &&
         gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (spin)) == 1 &&
         g_str_equal (gtk_editable_get_text (GTK_EDITABLE (name)), "") &&
         !gtk_widget_get_visible (part (fixture, "quote-row"));
}

static void
test_switch_organization (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OdMember) owner = NULL;
  GtkSpinButton *spin;

  fixture_open (&fixture);
  second_organization = od_repository_create_organization (fixture.repository, "Second Org",
                                                           "olga@second.example", "Olga Owner", 7, &error);
  g_assert_no_error (error);
  owner = od_repository_get_first_owner (fixture.repository, od_organization_get_id (second_organization), &error);
  g_assert_no_error (error);

  /* An edit in progress on the first organization… */
  spin = GTK_SPIN_BUTTON (part (&fixture, "seats-spin"));
  gtk_spin_button_set_value (spin, gtk_spin_button_get_value_as_int (spin) + 3);
  g_assert_true (wait_for (&fixture, quote_ready));
  set_field (&fixture, OD_BILLING_CONTACT_NAME, "Half typed");

  /* …is gone on the second */
  od_page_set_organization (OD_PAGE (fixture.page), second_organization);
  od_page_set_actor (OD_PAGE (fixture.page), owner);
  g_assert_true (wait_for (&fixture, second_loaded));
  g_assert_false (od_billing_contact_form_get_dirty (contact_form (&fixture)));

  g_clear_object (&second_organization);
  fixture_close (&fixture);
}

/* Every state of the page fits a phone-sized window (360 px, as the adaptive window folds) */
static gboolean
plan_shows_everything (Fixture *fixture)
{
  return gtk_widget_get_visible (part (fixture, "pending-term-row")) &&
         g_str_has_prefix (row_value (part (fixture, "status-row")), "Canceled") &&
         gtk_widget_get_visible (part (fixture, "discount-row")) &&
         gtk_widget_get_visible (part (fixture, "quote-row"));
}

static void
test_narrow (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  int minimum = 0;

  fixture_open (&fixture);
  sub = subscription (&fixture);
  g_assert_true (od_repository_set_term (fixture.repository, fixture.owner, OD_TERM_QUARTERLY, &error));
  g_assert_true (od_repository_set_discount_code (fixture.repository, fixture.owner, "NONPROFIT25", &error));
  g_assert_true (od_repository_cancel_subscription (fixture.repository, fixture.owner, &error));
  g_assert_no_error (error);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (part (&fixture, "seats-spin")), od_subscription_get_seats (sub) + 100);
  g_assert_true (wait_for (&fixture, plan_shows_everything));

  gtk_widget_measure (GTK_WIDGET (fixture.page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  fixture_close (&fixture);
}

static void
test_format_long_date (void)
{
  g_autoptr(GDateTime) local = g_date_time_new_local (2027, 3, 31, 12, 0, 0);
  g_autofree char *text = od_format_long_date (g_date_time_to_unix (local));

  g_assert_cmpstr (text, ==, "March 31, 2027");
}

static void
test_skipped (void)
{
  g_test_skip ("no display (run through tests/headless.sh)");
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/format/long-date", test_format_long_date);
      g_test_add_func ("/billing-page/skipped", test_skipped);
      return g_test_run ();
    }

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  od_test_keep_quark_block ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/format/long-date", test_format_long_date);
  g_test_add_func ("/billing-page/seat-minimum", test_seat_minimum);
  g_test_add_func ("/billing-page/raise-seats", test_raise_seats);
  g_test_add_func ("/billing-page/term-change", test_term_change);
  g_test_add_func ("/billing-page/contact-form", test_contact_form);
  g_test_add_func ("/billing-page/discount-cancel-export", test_discount_cancel_export);
  g_test_add_func ("/billing-page/narrow", test_narrow);
  g_test_add_func ("/billing-page/switch-organization", test_switch_organization);

  return g_test_run ();
}
