/* main.c — the orgdesk program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "od-application.h"
#include "od-bench-probe.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(OdApplication) app = NULL;
  gint64 start_us = g_get_monotonic_time ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Orgdesk"));

  app = od_application_new ();
  od_bench_probe_install (G_APPLICATION (app), start_us);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
