/* od-repository-demo.c — the repository's a demo organization with deterministic synthetic data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "OdRepository"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "od-email.h"
#include "od-error.h"
#include "od-invitation.h"
#include "od-journal-entry.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-repository-private.h"
#include "od-subscription.h"
#include "od-team.h"
#include "od-update.h"

/* ---------------------------------------------------------------------------------------------
 * Demo data
 */

#define DEMO_SEED 20261128
#define DEMO_EPOCH G_GINT64_CONSTANT (1761955200) /* 2025-11-01: the data looks the same on every run */

static const char * const demo_first[] = {
  "Ana", "Bo", "Chen", "Dara", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kavya", "Luca",
  "Maya", "Noor", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tomás", "Uma", "Viktor", "Wen",
  "Xavier", "Yara", "Zoe", "Aiko", "Björn", "Camila", "Dmitri", "Emeka", "Fatima", "Gabriel",
  "Hana", "Ivan", "Julia", "Kofi", "Leila", "Mateo", "Nadia",
};
static const char * const demo_last[] = {
  "Silva", "Larsen", "Wang", "Okafor", "Yilmaz", "Adeyemi", "Novak", "Tanaka", "García", "Müller",
  "Iyer", "Rossi", "Cohen", "Haddad", "Farouk", "Sharma", "O’Brien", "Moreno", "Kallio", "Ferreira",
  "Kim", "Petrov", "Li", "Dubois", "Mensah", "Jensen", "Sato", "Andersson", "Costa", "Volkov",
  "Nwosu", "Rahman", "Martin", "Suzuki", "Horvat", "Schmidt", "Asante", "Karimi", "López", "Nowak",
};
static const char * const demo_teams[] = {
  "Platform", "Mobile", "Web", "Data", "Security", "Developer Experience", "Design", "Support",
  "Infrastructure", "Growth", "Billing", "Search", "Machine Learning", "Quality", "Release",
  "Documentation", "Partnerships", "Research", "Observability", "Identity",
};
static const char * const demo_subjects[] = {
  "Release 4.2 is out", "Planning for next quarter", "On-call handbook updated", "New onboarding guide",
  "Deprecating the old API keys", "Team offsite recap", "Welcome to our new members",
  "Incident review: search latency", "Model policy changes", "Hack week results",
};
static const char * const demo_tags[] = {
  "release", "planning", "ops", "people", "security", "policy", "api", "docs",
};

static const char *
pick (GRand *rand, const char * const *list, guint n)
{
  return list[g_rand_int_range (rand, 0, n)];
}

static char *
demo_email_part (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

OdOrganization *
od_repository_create_demo (OdRepository  *self,
                           guint          n_members,
                           guint          n_teams,
                           guint          n_updates,
                           guint          seats,
                           GError       **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (DEMO_SEED);
  g_autoptr(GArray) writers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) team_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *slug = NULL;
  g_autofree char *after = NULL;
  OdOrganization *org = NULL;
  sqlite3_stmt *stmt;
  gint64 org_id, owner_id, now = _od_now_seconds ();
  guint n_pending;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  n_members = MAX (n_members, 1);
  n_pending = MIN (n_members / 20, 50);
  if (seats == 0)
    seats = n_members + n_pending + MAX (5, n_members / 10);
  if (seats < n_members + n_pending)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_OUT_OF_RANGE,
                   _("%u seats are too few for %u members and %u pending invitations."),
                   seats, n_members, n_pending);
      return NULL;
    }

  if (!_od_txn_begin (self, error))
    return NULL;

  if (!(slug = _od_unique_slug (self, "Northwind Labs", error)))
    goto out;

  stmt = _od_prepare (self, "INSERT INTO organizations (name, slug, description, contact_name, contact_email,"
                        " address, created_at) VALUES ('Northwind Labs', ?, ?, 'Alex Morgan',"
                        " 'alex.morgan@northwind.example', ?, ?)", error);
  if (stmt == NULL)
    goto out;
  _od_bind_text (stmt, 1, slug);
  _od_bind_text (stmt, 2, "A demonstration organization with synthetic members, teams and updates.");
  _od_bind_text (stmt, 3, "1 Harbour Street\nSeattle, WA 98101\nUnited States");
  sqlite3_bind_int64 (stmt, 4, DEMO_EPOCH - 730 * 86400);
  if (!_od_step_done (self, stmt, error))
    goto out;
  org_id = sqlite3_last_insert_rowid (self->db);

  stmt = _od_prepare (self, "INSERT INTO organization_domains (organization_id, domain, position)"
                        " VALUES (?, 'northwind.example', 0)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, org_id);
  if (!_od_step_done (self, stmt, error))
    goto out;

  if (!_od_insert_member (self, org_id, "alex.morgan@northwind.example", "Alex Morgan", OD_ROLE_OWNER,
                      DEMO_EPOCH - 730 * 86400, &owner_id, error))
    goto out;
  g_array_append_val (writers, owner_id);

  stmt = _od_prepare (self, "INSERT INTO teams (organization_id, name, name_key, description, created_at)"
                        " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  for (guint i = 0; i < n_teams; i++)
    {
      const char *base = demo_teams[i % G_N_ELEMENTS (demo_teams)];
      guint round = i / G_N_ELEMENTS (demo_teams);
      g_autofree char *name = round == 0 ? g_strdup (base) : g_strdup_printf ("%s %u", base, round + 1);
      g_autofree char *key = g_utf8_casefold (name, -1);
      g_autofree char *description = g_strdup_printf ("The %s team.", name);
      gint64 id;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, org_id);
      _od_bind_text (stmt, 2, name);
      _od_bind_text (stmt, 3, key);
      _od_bind_text (stmt, 4, description);
      sqlite3_bind_int64 (stmt, 5, DEMO_EPOCH - 600 * 86400);
      if (!_od_step_done (self, stmt, error))
        goto out;
      id = sqlite3_last_insert_rowid (self->db);
      g_array_append_val (team_ids, id);
    }

  if (team_ids->len > 0)
    {
      stmt = _od_prepare (self, "INSERT OR IGNORE INTO team_members (team_id, member_id) VALUES (?, ?)", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, g_array_index (team_ids, gint64, 0));
      sqlite3_bind_int64 (stmt, 2, owner_id);
      if (!_od_step_done (self, stmt, error))
        goto out;
    }

  /* Index the members for search in one statement after the loop, not row by row. */
  if (!_od_exec (self, "DROP TRIGGER members_fts_insert", error))
    goto out;

  stmt = _od_prepare (self,
    "INSERT INTO members (organization_id, email, email_key, name, role, joined_at, last_active_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  for (guint i = 1; i < n_members; i++)
    {
      const char *first = pick (rand, demo_first, G_N_ELEMENTS (demo_first));
      const char *last = pick (rand, demo_last, G_N_ELEMENTS (demo_last));
      g_autofree char *name = g_strdup_printf ("%s %s", first, last);
      g_autofree char *f = demo_email_part (first);
      g_autofree char *l = demo_email_part (last);
      g_autofree char *email = g_strdup_printf ("%s.%s%u@northwind.example", f, l, i);
      guint dice = g_rand_int_range (rand, 0, 100);
      OdRole role = dice < 2 ? OD_ROLE_ADMIN : dice < 62 ? OD_ROLE_WRITE : OD_ROLE_READ;
      gint64 joined = DEMO_EPOCH - g_rand_int_range (rand, 1, 700) * 86400 + g_rand_int_range (rand, 0, 86400);
      gint64 active = joined + g_rand_int_range (rand, 0, (DEMO_EPOCH - joined) / 3600 + 1) * 3600;
      gint64 id;

      if (i % 997 == 0)
        role = OD_ROLE_OWNER;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, org_id);
      _od_bind_text (stmt, 2, email);
      _od_bind_text (stmt, 3, email);
      _od_bind_text (stmt, 4, name);
      sqlite3_bind_int (stmt, 5, role);
      sqlite3_bind_int64 (stmt, 6, joined);
      sqlite3_bind_int64 (stmt, 7, active);
      if (!_od_step_done (self, stmt, error))
        goto out;
      id = sqlite3_last_insert_rowid (self->db);
      if (role >= OD_ROLE_WRITE && writers->len < 500)
        g_array_append_val (writers, id);

      /* One to three teams each. */
      for (guint k = 0, n = team_ids->len ? g_rand_int_range (rand, 1, 4) : 0; k < n; k++)
        {
          sqlite3_stmt *join = _od_prepare (self, "INSERT OR IGNORE INTO team_members (team_id, member_id)"
                                              " VALUES (?, ?)", error);
          if (join == NULL)
            goto out;
          sqlite3_bind_int64 (join, 1, g_array_index (team_ids, gint64,
                                                      g_rand_int_range (rand, 0, team_ids->len)));
          sqlite3_bind_int64 (join, 2, id);
          if (!_od_step_done (self, join, error))
            goto out;
        }
    }

  stmt = _od_prepare (self, "INSERT INTO members_fts (rowid, name, email, scope)"
                            " SELECT id, name, email, 'org' || organization_id FROM members"
                            " WHERE organization_id = ? AND id != ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, org_id);
  sqlite3_bind_int64 (stmt, 2, owner_id);
  if (!_od_step_done (self, stmt, error) ||
      !_od_exec (self, OD_MEMBERS_FTS_INSERT_TRIGGER, error))
    goto out;

  stmt = _od_prepare (self, "INSERT INTO updates (organization_id, team_id, author_id, author_name, title,"
                        " content, tags, created_at) SELECT ?, ?, id, name, ?, ?, ?, ? FROM members"
                        " WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  for (guint i = 0; i < n_updates; i++)
    {
      const char *subject = pick (rand, demo_subjects, G_N_ELEMENTS (demo_subjects));
      g_autofree char *title = g_strdup_printf ("%s (#%u)", subject, i + 1);
      g_autofree char *tags = g_strdup_printf ("%s,%s", pick (rand, demo_tags, G_N_ELEMENTS (demo_tags)),
                                               pick (rand, demo_tags, G_N_ELEMENTS (demo_tags)));
      g_autofree char *clean_tags = _od_normalize_tags (tags);
      g_autofree char *content = g_strdup_printf (
        "%s.\n\nThis is synthetic update number %u, written for trying Orgdesk out. Reply in the "
        "comments or react to let the author know you read it.", subject, i + 1);
      gboolean for_team = team_ids->len > 0 && g_rand_int_range (rand, 0, 10) < 3;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, org_id);
      if (for_team)
        sqlite3_bind_int64 (stmt, 2, g_array_index (team_ids, gint64,
                                                     g_rand_int_range (rand, 0, team_ids->len)));
      else
        sqlite3_bind_null (stmt, 2);
      _od_bind_text (stmt, 3, title);
      _od_bind_text (stmt, 4, content);
      _od_bind_text (stmt, 5, clean_tags);
      sqlite3_bind_int64 (stmt, 6, DEMO_EPOCH - (gint64) (n_updates - i) * 3 * 3600);
      sqlite3_bind_int64 (stmt, 7, g_array_index (writers, gint64,
                                                  g_rand_int_range (rand, 0, writers->len)));
      if (!_od_step_done (self, stmt, error))
        goto out;
    }

  stmt = _od_prepare (self,
    "INSERT INTO invitations (organization_id, email, email_key, role, invited_by, invited_by_name,"
    " created_at, expires_at, times_sent, state, code)"
    " VALUES (?, ?, ?, ?, ?, 'Alex Morgan', ?, ?, 1, 1, ?)", error);
  if (stmt == NULL)
    goto out;
  for (guint i = 0; i < n_pending; i++)
    {
      g_autofree char *email = g_strdup_printf ("candidate%u@partner.example", i + 1);
      g_autofree char *code = _od_new_invite_code ();

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, org_id);
      _od_bind_text (stmt, 2, email);
      _od_bind_text (stmt, 3, email);
      sqlite3_bind_int (stmt, 4, i % 5 == 0 ? OD_ROLE_ADMIN : OD_ROLE_WRITE);
      sqlite3_bind_int64 (stmt, 5, owner_id);
      sqlite3_bind_int64 (stmt, 6, now - (i % 6) * 86400);
      sqlite3_bind_int64 (stmt, 7, now + (OD_INVITATION_LIFETIME_DAYS - i % 6) * 86400);
      _od_bind_text (stmt, 8, code);
      if (!_od_step_done (self, stmt, error))
        goto out;
    }

  stmt = _od_prepare (self,
    "INSERT INTO subscriptions (organization_id, plan, term, seats, status, started_at, next_billing_at,"
    " contact_name, contact_email, country, street, city, region, postal_code)"
    " VALUES (?, 'Teams', ?, ?, ?, ?, ?, 'Alex Morgan', 'billing@northwind.example', 'US',"
    " '1 Harbour Street', 'Seattle', 'WA', '98101')", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, org_id);
  sqlite3_bind_int (stmt, 2, OD_TERM_MONTHLY);
  sqlite3_bind_int (stmt, 3, seats);
  sqlite3_bind_int (stmt, 4, OD_SUBSCRIPTION_ACTIVE);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int64 (stmt, 6, _od_next_billing_after (now, OD_TERM_MONTHLY));
  if (!_od_step_done (self, stmt, error))
    goto out;

  {
    JsonBuilder *b = _od_json_begin ();
    _od_json_add_string (b, "slug", slug);
    _od_json_add_int (b, "members", n_members);
    _od_json_add_int (b, "teams", n_teams);
    _od_json_add_int (b, "updates", n_updates);
    _od_json_add_int (b, "pending_invitations", n_pending);
    _od_json_add_int (b, "seats", seats);
    after = _od_json_end (b);
  }
  if (!_od_journal_append (self, org_id, owner_id, "Alex Morgan", "organization.demo", "Northwind Labs",
                       NULL, after, error) ||
      !(org = _od_load_organization (self, org_id, NULL, error)))
    goto out;

  _od_queue_change (self, 0, "organizations");
  ok = TRUE;

out:
  if (!_od_txn_end (self, ok, error))
    g_clear_object (&org);
  return org;
}
