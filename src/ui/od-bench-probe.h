/* od-bench-probe.h — measuring start-up for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* When ORGDESK_BENCH_FIRST_FRAME is set in the environment: after the first frame of the first
 * window of `app` has been painted, print "first-frame-ms=… rss-kb=…" (time since `start_us`, a
 * g_get_monotonic_time() taken at the top of main, and the resident set size then) to standard
 * error and quit. Otherwise does nothing. */
void od_bench_probe_install (GApplication *app,
                             gint64        start_us);

/* In that mode, also prints "mark NAME ms=…" (time since start_us) to standard error, to see
 * where start-up goes; otherwise does nothing. */
void od_bench_probe_mark    (const char   *name);

G_END_DECLS
