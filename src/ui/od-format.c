/* od-format.c — how numbers, money and times read in the interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-format.h"

/* US dollars from cents, with integer arithmetic only: 2299 → "$22.99", 137940 → "$1,379.40" */
char *
od_format_cents (gint64 cents)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autoptr(GString) str = g_string_new (NULL);
  guint64 magnitude;
  guint64 dollars;
  guint len;

  magnitude = cents < 0 ? (guint64)(-(cents + 1)) + 1 : (guint64)cents;
  dollars = magnitude / 100;

  g_string_printf (digits, "%" G_GUINT64_FORMAT, dollars);
  len = digits->len;

  if (cents < 0)
    g_string_append_c (str, '-');
  g_string_append_c (str, '$');

  for (guint i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (str, ',');
      g_string_append_c (str, digits->str[i]);
    }

  g_string_append_printf (str, ".%02u", (guint)(magnitude % 100));

  return g_string_free (g_steal_pointer (&str), FALSE);
}

char *
od_format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time <= 0)
    return g_strdup (C_("date", "Never"));

  dt = g_date_time_new_from_unix_local (unix_time);
  if (dt == NULL)
    return g_strdup ("");

  /* Translators: a date, see g_date_time_format(); e.g. “Mar 5, 2024” */
  return g_date_time_format (dt, _("%b %-e, %Y"));
}

char *
od_format_relative_time (gint64 unix_time,
                         gint64 now)
{
  gint64 delta;

  if (unix_time <= 0)
    return g_strdup (C_("time", "Never"));

  delta = now - unix_time;

  if (delta < 0)
    return od_format_date (unix_time);

  if (delta < 60)
    return g_strdup (_("Just now"));

  if (delta < 60 * 60)
    {
      guint minutes = (guint)(delta / 60);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute ago", "%u minutes ago", minutes),
                              minutes);
    }

  if (delta < 24 * 60 * 60)
    {
      guint hours = (guint)(delta / (60 * 60));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour ago", "%u hours ago", hours),
                              hours);
    }

  if (delta < 7 * 24 * 60 * 60)
    {
      guint days = (guint)(delta / (24 * 60 * 60));

      if (days == 1)
        return g_strdup (_("Yesterday"));

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day ago", "%u days ago", days),
                              days);
    }

  return od_format_date (unix_time);
}

static const struct {
  const char *action;
  const char *label;
} journal_actions[] = {
  { "organization.create", N_("created the organization") },
  { "organization.update", N_("changed the organization") },
  { "organization.save",   N_("changed the organization") },
  { "organization.delete", N_("deleted the organization") },
  { "member.add",          N_("added a member") },
  { "member.join",         N_("joined") },
  { "member.role",         N_("changed the role of") },
  { "member.remove",       N_("removed") },
  { "invitation.create",   N_("invited") },
  { "invitation.resend",   N_("resent the invitation to") },
  { "invitation.revoke",   N_("revoked the invitation to") },
  { "invitation.accept",   N_("accepted the invitation for") },
  { "team.create",         N_("created the team") },
  { "team.delete",         N_("deleted the team") },
  { "team.rename",         N_("renamed the team") },
  { "team.add-member",     N_("added to a team:") },
  { "team.remove-member",  N_("removed from a team:") },
  { "update.post",         N_("posted") },
  { "update.edit",         N_("edited") },
  { "update.delete",       N_("deleted the update") },
  { "subscription.seats",  N_("changed the seats") },
  { "subscription.term",   N_("changed the billing term") },
  { "subscription.discount", N_("changed the discount code") },
  { "subscription.cancel", N_("canceled the subscription") },
  { "subscription.resume", N_("resumed the subscription") },
  { "subscription.contact", N_("changed the billing contact") },
  { "subscription.renew",  N_("renewed the subscription") },
  { "subscription.end",    N_("ended the subscription") },
  { "organization.demo",   N_("created the demo organization") },
};

/* A journal action ("member.role") as words ("changed the role of"); unknown actions are shown
 * as they are stored, so that nothing is hidden. */
char *
od_format_journal_action (const char *action)
{
  if (action == NULL)
    return g_strdup ("");

  for (guint i = 0; i < G_N_ELEMENTS (journal_actions); i++)
    {
      if (g_str_equal (action, journal_actions[i].action))
        return g_strdup (_(journal_actions[i].label));
    }

  return g_strdup (action);
}

/* A date that reads in full, in the local time zone: "March 31, 2027" */
char *
od_format_long_date (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time <= 0)
    return g_strdup (C_("date", "Never"));

  dt = g_date_time_new_from_unix_local (unix_time);
  if (dt == NULL)
    return g_strdup ("");

  /* Translators: a date in full, see g_date_time_format(); e.g. “March 31, 2027” */
  return g_date_time_format (dt, _("%B %-e, %Y"));
}
