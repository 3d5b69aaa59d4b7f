/* bench-search.c — a search keystroke over the members list: the time until the lazy model has
 * its new items (count + the first visible page), against the same query run bare on SQLite, as a
 * LIKE scan and as the FTS5 prefix query the model itself makes
 *
 *   bench-search DATABASE SLUG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <sqlite3.h>

#include "od-member.h"
#include "od-organization.h"
#include "od-repository.h"

#define VISIBLE_ROWS 40
#define ROUNDS 5

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* The baseline: count and the first page of the same LIKE query, straight through sqlite3. */
static double
bare_query (sqlite3 *db, gint64 org_id, const char *text)
{
  g_autofree char *pattern = g_strdup_printf ("%%%s%%", text);
  sqlite3_stmt *count, *page;
  double start = now_ms ();

  sqlite3_prepare_v2 (db, "SELECT count(*) FROM members WHERE organization_id = ?1"
                          " AND (name LIKE ?2 OR email LIKE ?2)", -1, &count, NULL);
  sqlite3_bind_int64 (count, 1, org_id);
  sqlite3_bind_text (count, 2, pattern, -1, SQLITE_TRANSIENT);
  sqlite3_step (count);
  sqlite3_finalize (count);

  sqlite3_prepare_v2 (db, "SELECT id, name, email, role FROM members WHERE organization_id = ?1"
                          " AND (name LIKE ?2 OR email LIKE ?2)"
                          " ORDER BY name COLLATE NOCASE, email_key LIMIT ?3", -1, &page, NULL);
  sqlite3_bind_int64 (page, 1, org_id);
  sqlite3_bind_text (page, 2, pattern, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (page, 3, VISIBLE_ROWS);
  while (sqlite3_step (page) == SQLITE_ROW)
    ;
  sqlite3_finalize (page);
  return now_ms () - start;
}

/* The other baseline: the same FTS5 prefix query the model makes (one "word"* per run of letters
 * and digits, within the organization's scope token), count and first page, on bare SQLite */
static double
bare_fts_query (sqlite3 *db, gint64 org_id, const char *text)
{
  g_autoptr(GString) match = g_string_new (NULL);
  sqlite3_stmt *count, *page;
  double start;

  g_string_printf (match, "scope:org%" G_GINT64_FORMAT, org_id);
  for (const char *p = text; *p; )
    {
      const char *word;

      while (*p && !g_ascii_isalnum (*p))
        p++;
      if (*p == '\0')
        break;
      word = p;
      while (g_ascii_isalnum (*p))
        p++;
      g_string_append_printf (match, " AND {name email}:\"%.*s\"*", (int) (p - word), word);
    }

  start = now_ms ();
  sqlite3_prepare_v2 (db, "SELECT count(*) FROM members_fts WHERE members_fts MATCH ?1", -1, &count, NULL);
  sqlite3_bind_text (count, 1, match->str, -1, SQLITE_TRANSIENT);
  sqlite3_step (count);
  sqlite3_finalize (count);

  sqlite3_prepare_v2 (db, "SELECT m.id, m.name, m.email, m.role FROM (SELECT rowid AS fid FROM members_fts"
                          " WHERE members_fts MATCH ?1) f CROSS JOIN members m ON m.id = f.fid"
                          " ORDER BY m.name COLLATE NOCASE, m.email_key LIMIT ?2", -1, &page, NULL);
  sqlite3_bind_text (page, 1, match->str, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (page, 2, VISIBLE_ROWS);
  while (sqlite3_step (page) == SQLITE_ROW)
    ;
  sqlite3_finalize (page);
  return now_ms () - start;
}

static double
model_query (OdRepository *repo, gint64 org_id, const char *text)
{
  double start = now_ms ();
  g_autoptr(GListModel) model = od_repository_list_members (repo, org_id, text, NULL);
  guint n = MIN (g_list_model_get_n_items (model), VISIBLE_ROWS);

  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (model, i));
  return now_ms () - start;
}

int
main (int argc, char **argv)
{
  static const char *keystrokes[] = { "s", "si", "sil", "silv", "silva", "a", "an", "ana", "ana.", "zzz" };
  g_autoptr(GError) error = NULL;
  g_autoptr(OdRepository) repo = NULL;
  g_autoptr(OdOrganization) org = NULL;
  sqlite3 *db;
  double worst_model = 0, worst_bare = 0, worst_fts = 0, sum_model = 0, sum_bare = 0, sum_fts = 0;

  if (argc != 3)
    {
      g_printerr ("usage: %s DATABASE SLUG\n", argv[0]);
      return 2;
    }
  repo = od_repository_open (argv[1], &error);
  if (repo == NULL || !(org = od_repository_lookup_organization (repo, argv[2], &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READONLY, NULL);

  printf ("%-8s %10s %10s %8s %10s %8s\n", "search", "model ms", "LIKE ms", "ratio", "FTS5 ms", "ratio");
  for (guint k = 0; k < G_N_ELEMENTS (keystrokes); k++)
    {
      double best_model = G_MAXDOUBLE, best_bare = G_MAXDOUBLE, best_fts = G_MAXDOUBLE;

      /* Best of a few rounds each: the machines are shared and noisy. */
      for (guint r = 0; r < ROUNDS; r++)
        {
          best_model = MIN (best_model, model_query (repo, od_organization_get_id (org), keystrokes[k]));
          best_bare = MIN (best_bare, bare_query (db, od_organization_get_id (org), keystrokes[k]));
          best_fts = MIN (best_fts, bare_fts_query (db, od_organization_get_id (org), keystrokes[k]));
        }
      printf ("%-8s %10.2f %10.2f %8.2f %10.2f %8.2f\n", keystrokes[k], best_model, best_bare,
              best_model / best_bare, best_fts, best_model / best_fts);
      worst_fts = MAX (worst_fts, best_fts);
      sum_fts += best_fts;
      worst_model = MAX (worst_model, best_model);
      worst_bare = MAX (worst_bare, best_bare);
      sum_model += best_model;
      sum_bare += best_bare;
    }
  printf ("worst keystroke: model %.2f ms, bare LIKE %.2f ms, bare FTS5 %.2f ms;"
          " total ratio %.2f to LIKE, %.2f to FTS5\n",
          worst_model, worst_bare, worst_fts, sum_model / sum_bare, sum_model / sum_fts);
  sqlite3_close (db);
  return 0;
}
