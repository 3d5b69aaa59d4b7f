/* bench-members-switch.c — the first switch to the Members page in the real window
 *
 *   bench-members-switch DATABASE [ROUNDS]   (needs a display: run it inside tests/headless.sh)
 *
 * Opens the window on DATABASE's first organization (the Overview), waits for it to settle,
 * then shows the Members page and measures, from that moment:
 *   - table:   the first frame drawn with the members table mapped and holding rows;
 *   - pending: when the pending invitations view has its count (it loads on the worker);
 *   - settled: the last moment the main loop was busy for more than 50 ms in the 10 s after;
 *   - stall:   the longest time the main loop could not run a 2 ms timer in those 10 s;
 *   - cpu:     the CPU time of the main thread until the table's frame, and in the whole 10 s:
 *              on a busy machine it varies much less than the times above.
 * Then it shows the Pending Invitations tab and measures, from that moment, the first frame with
 * the invitations table holding rows ("tab"), and the main thread's CPU time until then.
 * Each round makes a new window. Run it on an organization with and without pending
 * invitations to see what they cost (tests/bench/README.md has the figures).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <adwaita.h>

#include "od-invitations-view.h"
#include "od-members-page.h"
#include "od-repository.h"
#include "od-window.h"

#define WATCH_US (10 * G_USEC_PER_SEC)
#define BUSY_US  (50 * 1000)

typedef struct
{
  gint64     start_us;
  gint64     table_us;
  gint64     pending_us;
  gint64     last_busy_us;
  gint64     last_tick_us;
  gint64     stall_us;
  gint64     cpu_start_us;
  gint64     cpu_table_us;
  gint64     cpu_end_us;
  gint64     tab_start_us;
  gint64     tab_us;
  gint64     cpu_tab_start_us;
  gint64     cpu_tab_us;
  GtkWidget *window;
  GtkWidget *table;
  GtkWidget *pending;
} Round;

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type,
           gboolean   mapped)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (!mapped || gtk_widget_get_mapped (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type, mapped);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
n_rows (GtkWidget *table)
{
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (table));

  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Round         *round)
{
  if (round->tab_start_us != 0 && round->tab_us == 0)
    {
      GtkWidget *table = find_type (round->pending, GTK_TYPE_COLUMN_VIEW, TRUE);

      if (table != NULL && n_rows (table) > 0)
        {
          round->tab_us = g_get_monotonic_time ();
          round->cpu_tab_us = thread_cpu_us ();
        }
      return;
    }
  if (round->start_us == 0 || round->table_us != 0)
    return;
  if (round->table == NULL)
    round->table = find_type (round->window, GTK_TYPE_COLUMN_VIEW, TRUE);
  if (round->table != NULL && gtk_widget_get_mapped (round->table) && n_rows (round->table) > 0)
    {
      round->table_us = g_get_monotonic_time ();
      round->cpu_table_us = thread_cpu_us ();
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  Round *round = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - round->last_tick_us;

  if (round->start_us != 0 && round->tab_start_us == 0 && gap > BUSY_US)
    round->last_busy_us = now;
  if (round->start_us != 0 && round->tab_start_us == 0)
    round->stall_us = MAX (round->stall_us, gap);
  round->last_tick_us = now;

  if (round->pending_us == 0 && round->start_us != 0)
    {
      if (round->pending == NULL)
        round->pending = find_type (round->window, OD_TYPE_INVITATIONS_VIEW, FALSE);
      if (round->pending != NULL && od_invitations_view_get_n_items (OD_INVITATIONS_VIEW (round->pending)) > 0)
        round->pending_us = now;
    }
  return G_SOURCE_CONTINUE;
}

static void
spin_for (gint64 us)
{
  gint64 end = g_get_monotonic_time () + us;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
}

static gboolean
run_round (OdRepository *repo,
           Round        *round)
{
  GdkFrameClock *clock;
  gulong paint_handler;
  guint tick;
  gint64 deadline;

  round->window = GTK_WIDGET (od_window_new (NULL, repo, NULL));
  gtk_window_set_default_size (GTK_WINDOW (round->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (round->window));
  while (!gtk_widget_get_mapped (round->window))
    g_main_context_iteration (NULL, TRUE);
  spin_for (3 * G_USEC_PER_SEC);  /* the Overview loads its cards and feed */

  clock = gtk_widget_get_frame_clock (round->window);
  paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), round);
  round->last_tick_us = g_get_monotonic_time ();
  tick = g_timeout_add_full (G_PRIORITY_HIGH, 2, tick_cb, round, NULL);

  round->cpu_start_us = thread_cpu_us ();
  round->start_us = round->last_busy_us = g_get_monotonic_time ();
  if (g_getenv ("BENCH_PRINT_CLOCK") != NULL)  /* to line up with `perf record -k CLOCK_MONOTONIC` */
    g_printerr ("switch at monotonic %.6f s\n", round->start_us / 1e6);
  gtk_widget_activate_action (round->window, "win.show-page", "s", "members");

  deadline = round->start_us + WATCH_US;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  round->cpu_end_us = thread_cpu_us ();

  if (round->pending != NULL)
    {
      round->cpu_tab_start_us = thread_cpu_us ();
      round->tab_start_us = g_get_monotonic_time ();
      if (g_getenv ("BENCH_PRINT_CLOCK") != NULL)
        g_printerr ("tab at monotonic %.6f s\n", round->tab_start_us / 1e6);
      od_members_page_show_view (OD_MEMBERS_PAGE (gtk_widget_get_ancestor (round->pending, OD_TYPE_MEMBERS_PAGE)),
                                 "invitations");
      deadline = round->tab_start_us + WATCH_US;
      while (g_get_monotonic_time () < deadline && round->tab_us == 0)
        g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (tick);
  g_signal_handler_disconnect (clock, paint_handler);
  gtk_window_destroy (GTK_WINDOW (round->window));
  spin_for (300 * 1000);
  return round->table_us != 0;
}

static double
ms (gint64 us,
    gint64 start_us)
{
  return us != 0 ? (us - start_us) / 1000.0 : -1;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdRepository) repo = NULL;
  guint rounds = argc > 2 ? (guint) atoi (argv[2]) : 3;

  if (argc < 2)
    {
      g_printerr ("usage: %s DATABASE [ROUNDS]\n", argv[0]);
      return 2;
    }
  gtk_init ();
  adw_init ();
  if (!(repo = od_repository_open (argv[1], &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < rounds; i++)
    {
      Round round = { 0 };

      if (!run_round (repo, &round))
        printf ("round %u: the members table never showed rows\n", i + 1);
      else
        printf ("round %u: table %7.1f ms  pending %7.1f ms  settled %7.1f ms  stall %6.1f ms"
                "  cpu %6.1f ms (%6.1f ms in all)  tab %7.1f ms  cpu %6.1f ms\n",
                i + 1, ms (round.table_us, round.start_us), ms (round.pending_us, round.start_us),
                ms (round.last_busy_us, round.start_us), round.stall_us / 1000.0,
                ms (round.cpu_table_us, round.cpu_start_us), ms (round.cpu_end_us, round.cpu_start_us),
                ms (round.tab_us, round.tab_start_us), ms (round.cpu_tab_us, round.cpu_tab_start_us));
      fflush (stdout);
    }
  return 0;
}
