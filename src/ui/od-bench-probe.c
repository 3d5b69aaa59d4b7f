/* od-bench-probe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "od-bench-probe.h"

typedef struct
{
  GApplication *app;
  gint64        start_us;
  gulong        handler;
} Probe;

static gint64 probe_start_us = -1;

void
od_bench_probe_mark (const char *name)
{
  if (probe_start_us < 0)
    return;
  fprintf (stderr, "mark %s ms=%.1f\n", name, (g_get_monotonic_time () - probe_start_us) / 1000.0);
}

static long
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : -1;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Probe         *probe)
{
  double ms = (g_get_monotonic_time () - probe->start_us) / 1000.0;

  g_signal_handler_disconnect (clock, probe->handler);
  od_bench_probe_mark ("first-frame");
  fprintf (stderr, "first-frame-ms=%.1f rss-kb=%ld\n", ms, resident_kb ());
  fflush (stderr);
  g_application_quit (probe->app);
  g_free (probe);
}

static void
realize_cb (GtkWidget *window,
            Probe     *probe)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  od_bench_probe_mark ("realize");
  g_signal_connect_swapped (clock, "layout", G_CALLBACK (od_bench_probe_mark), "layout");
  g_signal_connect_swapped (clock, "paint", G_CALLBACK (od_bench_probe_mark), "paint");
  probe->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), probe);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 gint64         *start_us)
{
  Probe *probe;

  if (g_object_get_data (G_OBJECT (app), "od-bench-probed"))
    return;
  g_object_set_data (G_OBJECT (app), "od-bench-probed", GINT_TO_POINTER (1));

  probe = g_new0 (Probe, 1);
  probe->app = G_APPLICATION (app);
  probe->start_us = *start_us;
  od_bench_probe_mark ("window-added");
  g_signal_connect_after (window, "realize", G_CALLBACK (realize_cb), probe);
}

static void
free_start (gpointer  data,
            GClosure *closure)
{
  g_free (data);
}

void
od_bench_probe_install (GApplication *app,
                        gint64        start_us)
{
  gint64 *start;

  if (g_getenv ("ORGDESK_BENCH_FIRST_FRAME") == NULL)
    return;
  start = g_new (gint64, 1);
  *start = start_us;
  probe_start_us = start_us;
  g_signal_connect_data (app, "window-added", G_CALLBACK (window_added_cb), start,
                         free_start, 0);
}
