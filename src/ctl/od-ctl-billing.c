/* od-ctl-billing.c — orgdeskctl: billing show, history, export, set-term, quote-seats, discount,
 * cancel, resume, contact set|show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Amounts in --json output are integer cents (keys ending in _cents); dates are ISO 8601 in UTC.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>
#include <json-glib/json-glib.h>

#include "od-billing.h"
#include "od-billing-contact.h"
#include "od-billing-event.h"
#include "od-country.h"
#include "od-error.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-repository.h"
#include "od-subscription.h"

#include "od-ctl.h"

static char *
format_day (gint64 unix_time)
{
  g_autoptr(GDateTime) when = NULL;

  if (unix_time <= 0 || !(when = g_date_time_new_from_unix_utc (unix_time)))
    return g_strdup ("-");
  return g_date_time_format (when, "%Y-%m-%d");
}

static void
add_bool (JsonBuilder *b,
          const char  *key,
          gboolean     value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_boolean_value (b, value);
}

/* A JSON text stored by the core, as a nested value (null when absent or unreadable). */
static void
add_json_text (JsonBuilder *b,
               const char  *key,
               const char  *json)
{
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;

  json_builder_set_member_name (b, key);
  if (node != NULL)
    json_builder_add_value (b, g_steal_pointer (&node));
  else
    json_builder_add_null_value (b);
}

static void
print_builder (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  od_ctl_print_json (root);
}

static void
build_contact (JsonBuilder            *b,
               const OdBillingContact *contact)
{
  json_builder_begin_object (b);
  for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
    od_ctl_add_string (b, od_billing_contact_field_to_string (i), od_billing_contact_get (contact, i));
  json_builder_end_object (b);
}

/* The organization and the acting member, for the commands that change something. */
static gboolean
org_and_actor (OdCtl           *ctl,
               const char      *slug,
               const char      *usage,
               OdOrganization **org,
               OdMember       **actor,
               GError         **error)
{
  return (*org = od_ctl_require_org (ctl, slug, usage, error)) != NULL &&
         (*actor = od_ctl_acting_member (ctl, *org, error)) != NULL;
}

/* ---------------------------------------------------------------------------------------------
 * show
 */

int
od_ctl_billing_show (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl billing show --org=SLUG [--json]";
  g_autofree char *slug = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  g_autoptr(OdBillingContact) contact = NULL;
  g_autofree char *minimum_text = NULL;
  GError *error = NULL;
  guint members = 0, pending = 0, minimum = 0;
  OdSubscriptionStatus status;
  OdTerm term, pending_term;
  gboolean cancel_at_end;
  const char *code;
  gint64 next;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(sub = od_repository_get_subscription (ctl->repository, od_organization_get_id (org), &error)) ||
      !od_repository_get_seat_usage (ctl->repository, od_organization_get_id (org), &members, &pending,
                                     NULL, &error) ||
      !(minimum_text = od_repository_describe_seat_minimum (ctl->repository, od_organization_get_id (org),
                                                            &minimum, &error)))
    return od_ctl_fail (error);

  status = od_subscription_get_status (sub);
  term = od_subscription_get_term (sub);
  pending_term = od_subscription_get_pending_term (sub);
  cancel_at_end = od_subscription_get_cancel_at_period_end (sub);
  code = od_subscription_get_discount_code (sub);
  next = od_subscription_get_next_billing_at (sub);
  contact = od_subscription_dup_contact (sub);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      gboolean renews = status == OD_SUBSCRIPTION_ACTIVE && !cancel_at_end;

      json_builder_begin_object (b);
      od_ctl_add_string (b, "organization", od_organization_get_slug (org));
      od_ctl_add_string (b, "plan", od_subscription_get_plan (sub));
      od_ctl_add_string (b, "status", od_subscription_status_to_string (status));
      add_bool (b, "cancel_at_period_end", cancel_at_end);
      od_ctl_add_string (b, "term", od_term_to_string (term));
      od_ctl_add_string (b, "pending_term", pending_term != OD_TERM_NONE ? od_term_to_string (pending_term) : NULL);
      od_ctl_add_int (b, "price_per_seat_cents", od_subscription_get_price_cents (sub));
      od_ctl_add_int (b, "seats", od_subscription_get_seats (sub));
      od_ctl_add_int (b, "seats_used", members + pending);
      od_ctl_add_int (b, "members", members);
      od_ctl_add_int (b, "pending_invitations", pending);
      od_ctl_add_int (b, "minimum_seats", minimum);
      od_ctl_add_string (b, "seat_minimum", minimum_text);
      od_ctl_add_int (b, "total_cents", od_subscription_get_total_cents (sub));
      od_ctl_add_int (b, "next_charge_cents", od_subscription_get_next_charge_cents (sub));
      od_ctl_add_time (b, "started_at", od_subscription_get_started_at (sub));
      od_ctl_add_time (b, "period_started_at", od_subscription_get_period_started_at (sub));
      od_ctl_add_time (b, "next_billing_at", renews ? next : 0);
      od_ctl_add_time (b, "ends_at", renews ? 0 : next);
      json_builder_set_member_name (b, "discount");
      if (code != NULL)
        {
          json_builder_begin_object (b);
          od_ctl_add_string (b, "code", code);
          od_ctl_add_int (b, "percent_off", od_subscription_get_discount_percent (sub));
          od_ctl_add_time (b, "starts_at", od_subscription_get_discount_starts_at (sub));
          add_bool (b, "active", od_subscription_get_discount_active (sub));
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "contact");
      build_contact (b, contact);
      json_builder_end_object (b);
      print_builder (b);
      return EXIT_SUCCESS;
    }

  {
    g_autofree char *price = od_billing_format_cents (od_subscription_get_price_cents (sub));
    g_autofree char *total = od_billing_format_cents (od_subscription_get_total_cents (sub));
    g_autofree char *next_charge = od_billing_format_cents (od_subscription_get_next_charge_cents (sub));
    g_autofree char *started = format_day (od_subscription_get_started_at (sub));
    g_autofree char *period_start = format_day (od_subscription_get_period_started_at (sub));
    g_autofree char *next_day = format_day (next);
    const char *per = od_billing_term_period_label (term);

    g_print ("%-16s%s (%s)\n", _("Plan:"), od_subscription_get_plan (sub), od_subscription_status_to_string (status));
    g_print ("%-16s%s, %s %s %s\n", _("Term:"), od_term_to_string (term), price, _("per seat"), per);
    g_print ("%-16s%u (%u %s)\n", _("Seats:"), od_subscription_get_seats (sub), members + pending, _("used"));
    g_print ("%-16s%s\n", "", minimum_text);
    g_print ("%-16s%s %s\n", _("Total:"), total, per);
    g_print ("%-16s%s\n", _("Started:"), started);
    if (status == OD_SUBSCRIPTION_CANCELED)
      g_print ("%-16s%s\n", _("Ended:"), next_day);
    else
      {
        g_print ("%-16s%s – %s\n", _("Period:"), period_start, next_day);
        if (cancel_at_end)
          g_print ("%-16s%s (%s)\n", _("Ends:"), next_day, _("canceled, does not renew"));
        else
          g_print ("%-16s%s (%s)\n", _("Next billing:"), next_day, next_charge);
      }
    if (pending_term != OD_TERM_NONE)
      g_print ("%-16s%s %s %s\n", _("Pending term:"), od_term_to_string (pending_term), _("from"), next_day);
    if (code != NULL)
      {
        g_autofree char *starts = format_day (od_subscription_get_discount_starts_at (sub));

        g_print ("%-16s%s, %u%% %s %s%s\n", _("Discount:"), code, od_subscription_get_discount_percent (sub),
                 _("off from"), starts, od_subscription_get_discount_active (sub) ? _(" (applies now)") : "");
      }
    else
      g_print ("%-16s%s\n", _("Discount:"), _("none"));
  }
  return EXIT_SUCCESS;
}

/* ---------------------------------------------------------------------------------------------
 * history and export
 */

int
od_ctl_billing_history (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl billing history --org=SLUG [--json]";
  g_autofree char *slug = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  GError *error = NULL;
  guint n;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !(events = od_repository_list_billing_history (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);

  n = g_list_model_get_n_items (events);
  if (json)
    {
      b = json_builder_new ();
      json_builder_begin_array (b);
    }
  else
    g_print ("%-10s  %-20s  %-8s  %12s  %s\n", "DATE", "ACTOR", "KIND", "AMOUNT", "SUMMARY");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdBillingEvent) e = g_list_model_get_item (events, i);

      if (json)
        {
          gint64 period_total = od_billing_event_get_period_total_cents (e);

          json_builder_begin_object (b);
          od_ctl_add_int (b, "id", od_billing_event_get_id (e));
          od_ctl_add_time (b, "date", od_billing_event_get_created_at (e));
          od_ctl_add_string (b, "actor", od_billing_event_get_actor_name (e));
          od_ctl_add_string (b, "kind", od_billing_event_get_kind (e));
          od_ctl_add_string (b, "summary", od_billing_event_get_summary (e));
          add_json_text (b, "before", od_billing_event_get_before_json (e));
          add_json_text (b, "after", od_billing_event_get_after_json (e));
          od_ctl_add_int (b, "amount_cents", od_billing_event_get_amount_cents (e));
          json_builder_set_member_name (b, "period_total_cents");
          if (period_total >= 0)
            json_builder_add_int_value (b, period_total);
          else
            json_builder_add_null_value (b);
          od_ctl_add_time (b, "effective_at", od_billing_event_get_effective_at (e));
          json_builder_end_object (b);
        }
      else
        {
          g_autofree char *day = format_day (od_billing_event_get_created_at (e));
          g_autofree char *amount = od_billing_format_cents (od_billing_event_get_amount_cents (e));

          g_print ("%-10s  %-20s  %-8s  %12s  %s\n", day, od_billing_event_get_actor_name (e),
                   od_billing_event_get_kind (e), amount, od_billing_event_get_summary (e));
        }
    }

  if (json)
    {
      json_builder_end_array (b);
      print_builder (b);
    }
  return EXIT_SUCCESS;
}

int
od_ctl_billing_export (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl billing export --org=SLUG [--output=FILE]";
  g_autofree char *slug = NULL, *output = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)))
    return od_ctl_fail (error);

  if (output != NULL && !g_str_equal (output, "-"))
    {
      /* Written to a temporary file that replaces FILE only when complete. */
      file = g_file_new_for_commandline_arg (output);
      stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
      if (stream == NULL)
        {
          g_prefix_error (&error, "%s: ", output);
          return od_ctl_fail (error);
        }
    }
  else
    stream = g_unix_output_stream_new (1, FALSE);

  if (!od_repository_export_billing_history (ctl->repository, od_organization_get_id (org), stream,
                                             NULL, &error))
    {
      /* Closing with a cancelled cancellable leaves FILE as it was. */
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (stream, abandon, NULL);
      return od_ctl_fail (error);
    }
  if (!g_output_stream_close (stream, NULL, &error))
    return od_ctl_fail (error);
  return EXIT_SUCCESS;
}

/* ---------------------------------------------------------------------------------------------
 * set-term, quote-seats, discount
 */

int
od_ctl_billing_set_term (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl billing set-term --org=SLUG (monthly|quarterly|yearly)";
  g_autofree char *slug = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  g_autofree char *next_day = NULL;
  g_autofree char *total = NULL;
  GError *error = NULL;
  OdTerm term;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return od_ctl_usage_error (usage, _("Give the new term: monthly, quarterly or yearly."));
  term = od_term_from_string (argv[1]);
  if (term == OD_TERM_NONE)
    return od_ctl_usage_error (usage, _("Unknown term “%s”. Use monthly, quarterly or yearly."), argv[1]);

  if (!org_and_actor (ctl, slug, usage, &org, &actor, &error) ||
      !od_repository_set_term (ctl->repository, actor, term, &error) ||
      !(sub = od_repository_get_subscription (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);

  next_day = format_day (od_subscription_get_next_billing_at (sub));
  total = od_billing_format_cents (od_subscription_get_next_charge_cents (sub));
  if (od_subscription_get_pending_term (sub) == term)
    g_print (_("The term changes to %s on %s; from then on the total is %s %s.\n"),
             od_term_to_string (term), next_day, total, od_billing_term_period_label (term));
  else
    g_print (_("The term is %s; no change is pending.\n"), od_term_to_string (term));
  return EXIT_SUCCESS;
}

int
od_ctl_billing_quote_seats (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl billing quote-seats --org=SLUG N [--json]";
  g_autofree char *slug = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  GError *error = NULL;
  OdSeatQuote quote;
  guint seats;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || !od_ctl_parse_count (argv[1], &seats))
    return od_ctl_usage_error (usage, _("Give the number of seats as a whole number."));

  if (!(org = od_ctl_require_org (ctl, slug, usage, &error)) ||
      !od_repository_quote_seats (ctl->repository, od_organization_get_id (org), seats, &quote, &error))
    return od_ctl_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      od_ctl_add_int (b, "current_seats", quote.current_seats);
      od_ctl_add_int (b, "seats", quote.seats);
      od_ctl_add_int (b, "minimum_seats", quote.minimum_seats);
      od_ctl_add_int (b, "added_seats", quote.added_seats);
      od_ctl_add_int (b, "price_per_seat_cents", quote.price_per_seat_cents);
      od_ctl_add_int (b, "percent_off", quote.percent_off);
      od_ctl_add_int (b, "remaining_days", quote.remaining_days);
      od_ctl_add_int (b, "period_days", quote.period_days);
      od_ctl_add_time (b, "period_start", quote.period_start);
      od_ctl_add_time (b, "period_end", quote.period_end);
      od_ctl_add_int (b, "prorated_cents", quote.prorated_cents);
      od_ctl_add_int (b, "period_total_cents", quote.period_total_cents);
      json_builder_end_object (b);
      print_builder (b);
      return EXIT_SUCCESS;
    }

  {
    g_autofree char *prorated = od_billing_format_cents (quote.prorated_cents);
    g_autofree char *price = od_billing_format_cents (quote.price_per_seat_cents);
    g_autofree char *period_total = od_billing_format_cents (quote.period_total_cents);
    g_autofree char *end = format_day (quote.period_end);

    g_print (_("Seats: %u → %u (at least %u).\n"), quote.current_seats, quote.seats, quote.minimum_seats);
    if (quote.added_seats > 0)
      g_print (_("Charged now: %s (%u × %s for %u of %u days).\n"), prorated, quote.added_seats, price,
               quote.remaining_days, quote.period_days);
    else
      g_print (_("Charged now: %s (fewer seats are not refunded).\n"), prorated);
    g_print (_("From %s: %s per period.\n"), end, period_total);
  }
  return EXIT_SUCCESS;
}

int
od_ctl_billing_discount (OdCtl *ctl, int argc, char **argv)
{
  static const char *usage = "orgdeskctl billing discount --org=SLUG (CODE|--remove)";
  g_autofree char *slug = NULL;
  gboolean remove = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (remove ? argc != 1 : argc != 2)
    return od_ctl_usage_error (usage, _("Give one discount code, or --remove."));

  if (!org_and_actor (ctl, slug, usage, &org, &actor, &error) ||
      !od_repository_set_discount_code (ctl->repository, actor, remove ? NULL : argv[1], &error) ||
      !(sub = od_repository_get_subscription (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);

  if (od_subscription_get_discount_code (sub) != NULL)
    {
      g_autofree char *starts = format_day (od_subscription_get_discount_starts_at (sub));

      g_print (_("Discount code %s: %u%% off from %s.\n"), od_subscription_get_discount_code (sub),
               od_subscription_get_discount_percent (sub), starts);
    }
  else
    g_print ("%s\n", _("No discount code applies."));
  return EXIT_SUCCESS;
}

/* ---------------------------------------------------------------------------------------------
 * cancel, resume
 */

static int
cancel_or_resume (OdCtl      *ctl,
                  int         argc,
                  char      **argv,
                  const char *usage,
                  gboolean    cancel)
{
  g_autofree char *slug = NULL;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  g_autofree char *day = NULL;
  GError *error = NULL;

  if (!od_ctl_parse_options (usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (usage, _("Unexpected argument “%s”."), argv[1]);

  if (!org_and_actor (ctl, slug, usage, &org, &actor, &error) ||
      !(cancel ? od_repository_cancel_subscription (ctl->repository, actor, &error)
               : od_repository_resume_subscription (ctl->repository, actor, &error)) ||
      !(sub = od_repository_get_subscription (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);

  day = format_day (od_subscription_get_next_billing_at (sub));
  if (od_subscription_get_status (sub) == OD_SUBSCRIPTION_CANCELED)
    g_print (_("The subscription ended on %s.\n"), day);
  else if (od_subscription_get_cancel_at_period_end (sub))
    g_print (_("The subscription is canceled: it stays active until %s and does not renew.\n"), day);
  else
    g_print (_("The subscription is active; it renews on %s.\n"), day);
  return EXIT_SUCCESS;
}

int
od_ctl_billing_cancel (OdCtl *ctl, int argc, char **argv)
{
  return cancel_or_resume (ctl, argc, argv, "orgdeskctl billing cancel --org=SLUG", TRUE);
}

int
od_ctl_billing_resume (OdCtl *ctl, int argc, char **argv)
{
  return cancel_or_resume (ctl, argc, argv, "orgdeskctl billing resume --org=SLUG", FALSE);
}

/* ---------------------------------------------------------------------------------------------
 * contact set|show
 */

static const char contact_usage[] =
  "orgdeskctl billing contact set --org=SLUG [--name=NAME] [--email=EMAIL] [--phone=PHONE]"
  " [--country=CODE] [--street=TEXT] [--city=TEXT] [--region=TEXT] [--postal-code=CODE]\n"
  "       orgdeskctl billing contact show --org=SLUG [--json]";

static int
contact_set (OdCtl *ctl, int argc, char **argv)
{
  g_autofree char *slug = NULL;
  char *values[OD_BILLING_CONTACT_N_FIELDS] = { NULL };
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &values[OD_BILLING_CONTACT_NAME], NULL, NULL },
    { "email", 0, 0, G_OPTION_ARG_STRING, &values[OD_BILLING_CONTACT_EMAIL], NULL, NULL },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &values[OD_BILLING_CONTACT_PHONE], NULL, NULL },
    { "country", 0, 0, G_OPTION_ARG_STRING, &values[OD_BILLING_CONTACT_COUNTRY], NULL, NULL },
    { "street", 0, 0, G_OPTION_ARG_STRING, &values[OD_BILLING_CONTACT_STREET], NULL, NULL },
    { "city", 0, 0, G_OPTION_ARG_STRING, &values[OD_BILLING_CONTACT_CITY], NULL, NULL },
    { "region", 0, 0, G_OPTION_ARG_STRING, &values[OD_BILLING_CONTACT_REGION], NULL, NULL },
    { "postal-code", 0, 0, G_OPTION_ARG_STRING, &values[OD_BILLING_CONTACT_POSTAL_CODE], NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) actor = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  g_autoptr(OdBillingContact) contact = NULL;
  g_autoptr(GHashTable) field_errors = NULL;
  GError *error = NULL;
  int status = EXIT_SUCCESS;

  if (!od_ctl_parse_options (contact_usage, entries, &argc, &argv))
    status = EXIT_USAGE;
  else if (argc > 1)
    status = od_ctl_usage_error (contact_usage, _("Unexpected argument “%s”."), argv[1]);
  else if (!org_and_actor (ctl, slug, contact_usage, &org, &actor, &error) ||
           !(sub = od_repository_get_subscription (ctl->repository, od_organization_get_id (org), &error)))
    status = od_ctl_fail (error);
  else
    {
      /* The options given replace those fields; the others keep what is saved. */
      contact = od_subscription_dup_contact (sub);
      for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
        if (values[i] != NULL)
          od_billing_contact_set (contact, i, values[i]);

      if (!od_repository_save_billing_contact (ctl->repository, actor, contact, &field_errors, &error))
        {
          g_printerr ("orgdeskctl: %s\n", error->message);
          g_clear_error (&error);
          for (guint i = 0; field_errors != NULL && i < OD_BILLING_CONTACT_N_FIELDS; i++)
            {
              const char *field = od_billing_contact_field_to_string (i);
              const char *message = g_hash_table_lookup (field_errors, field);

              if (message != NULL)
                g_printerr ("%s: %s\n", field, message);
            }
          status = EXIT_FAILURE;
        }
      else
        g_print ("%s\n", _("The billing contact was saved."));
    }

  for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
    g_free (values[i]);
  return status;
}

static int
contact_show (OdCtl *ctl, int argc, char **argv)
{
  g_autofree char *slug = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &slug, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdSubscription) sub = NULL;
  g_autoptr(OdBillingContact) contact = NULL;
  GError *error = NULL;

  if (!od_ctl_parse_options (contact_usage, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return od_ctl_usage_error (contact_usage, _("Unexpected argument “%s”."), argv[1]);

  if (!(org = od_ctl_require_org (ctl, slug, contact_usage, &error)) ||
      !(sub = od_repository_get_subscription (ctl->repository, od_organization_get_id (org), &error)))
    return od_ctl_fail (error);
  contact = od_subscription_dup_contact (sub);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      build_contact (b, contact);
      print_builder (b);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < OD_BILLING_CONTACT_N_FIELDS; i++)
    {
      g_autofree char *label = g_strconcat (od_billing_contact_field_get_label (i), ":", NULL);
      const char *value = od_billing_contact_get (contact, i);

      if (i == OD_BILLING_CONTACT_COUNTRY && od_country_lookup (value) != NULL)
        g_print ("%-27s%s (%s)\n", label, value, od_country_get_display_name (od_country_lookup (value)));
      else
        g_print ("%-27s%s\n", label, *value ? value : "-");
    }
  return EXIT_SUCCESS;
}

int
od_ctl_billing_contact (OdCtl *ctl, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "set"))
    return contact_set (ctl, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "show"))
    return contact_show (ctl, argc - 1, argv + 1);
  return od_ctl_usage_error (contact_usage, _("Say what to do with the contact: set or show."));
}
