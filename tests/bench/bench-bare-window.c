/* bench-bare-window.c — the baseline for start-up: a bare libadwaita window, measured with the
 * same probe as orgdesk (first frame painted, resident memory then)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "od-bench-probe.h"

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Hello"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gint64 start_us = g_get_monotonic_time ();
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.orgdesk.BenchBare",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  od_bench_probe_install (G_APPLICATION (app), start_us);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
