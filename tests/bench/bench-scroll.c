/* bench-scroll.c — scrolling the Members page from top to bottom in the real window, against
 * a bare GtkListView of as many one-label rows scrolled the same way
 *
 *   bench-scroll DATABASE [STEPS]     (needs a display: run it inside tests/headless.sh)
 *
 * Each frame moves the list down by 1/STEPS of its height (400 steps unless told), so every
 * frame shows rows it has not shown before: GTK 4.8 keeps 200 rows bound around what is shown,
 * and at 100,000 members each step jumps past all of them, so each frame binds 200 new rows and
 * the members list reads a page or two from SQLite. Prints the frames drawn, the longest and the
 * mean frame for both, and the ratios.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <adwaita.h>

#include "od-repository.h"
#include "od-window.h"

#define DEFAULT_STEPS 400

static guint steps = DEFAULT_STEPS;

typedef struct
{
  GtkScrolledWindow *scroller;
  GMainLoop         *loop;
  gint64             last_us;
  guint              frames;
  double             longest_ms;
  double             total_ms;
  guint              tick_id;
} Run;

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Run *run = user_data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (run->scroller);
  double bottom = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
  gint64 now = g_get_monotonic_time ();

  if (run->last_us > 0)
    {
      double ms = (now - run->last_us) / 1000.0;

      run->frames++;
      run->total_ms += ms;
      run->longest_ms = MAX (run->longest_ms, ms);
    }
  run->last_us = now;

  if (bottom <= 0)
    return G_SOURCE_CONTINUE;  /* nothing to scroll yet: the rows are still coming */
  if (gtk_adjustment_get_value (adj) >= bottom)
    {
      g_main_loop_quit (run->loop);
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (adj, MIN (bottom, gtk_adjustment_get_value (adj) + bottom / steps + 1));
  return G_SOURCE_CONTINUE;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
n_rows (GtkWidget *list)
{
  GListModel *model = GTK_IS_COLUMN_VIEW (list)
                      ? G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (list)))
                      : G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

static void
scroll (GtkWidget *root,
        GtkWidget *list,
        Run       *run)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  /* Let the window settle (the page loads its rows on the worker) */
  while (g_get_monotonic_time () < deadline && n_rows (list) == 0)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  run->scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW));
  run->loop = g_main_loop_new (NULL, FALSE);
  gtk_widget_add_tick_callback (list, tick_cb, run, NULL);
  g_main_loop_run (run->loop);
  g_main_loop_unref (run->loop);
}

static void
setup_label_cb (GtkListItemFactory *factory,
                GtkListItem        *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_label_cb (GtkListItemFactory *factory,
               GtkListItem        *item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static void
print_run (const char *what,
           Run        *run)
{
  printf ("%-28s frames %5u, longest %7.1f ms, mean %6.1f ms\n", what, run->frames,
          run->longest_ms, run->frames ? run->total_ms / run->frames : 0);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdRepository) repo = NULL;
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  OdWindow *window;
  GtkWidget *bare, *scroller, *view, *columns;
  guint n_members;
  Run app_run = { 0 }, bare_run = { 0 };

  if (argc < 2 || argc > 3 || (argc == 3 && (steps = (guint) atoi (argv[2])) == 0))
    {
      g_printerr ("usage: %s DATABASE [STEPS]\n", argv[0]);
      return 2;
    }
  gtk_init ();
  adw_init ();
  if (!(repo = od_repository_open (argv[1], &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* The real window on its Members page */
  window = od_window_new (NULL, repo, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "members");
  while (!(columns = find_descendant (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW)))
    g_main_context_iteration (NULL, TRUE);
  scroll (GTK_WIDGET (window), columns, &app_run);
  n_members = n_rows (columns);
  gtk_window_destroy (GTK_WINDOW (window));

  /* The baseline: as many rows of one label each, from memory */
  for (guint i = 0; i < n_members; i++)
    {
      g_autofree char *text = g_strdup_printf ("Member %u", i);

      gtk_string_list_append (strings, text);
    }
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (strings)))),
                            g_object_ref (factory));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  bare = adw_window_new ();
  adw_window_set_content (ADW_WINDOW (bare), scroller);
  gtk_window_set_default_size (GTK_WINDOW (bare), 1100, 720);
  gtk_window_present (GTK_WINDOW (bare));
  scroll (bare, view, &bare_run);
  gtk_window_destroy (GTK_WINDOW (bare));

  printf ("== scrolling %u members top to bottom in %u steps\n", n_members, steps);
  print_run ("members page (SQLite pages)", &app_run);
  print_run ("bare GtkListView (memory)", &bare_run);
  printf ("ratio: longest frame %.2f, mean frame %.2f\n",
          app_run.longest_ms / MAX (bare_run.longest_ms, 0.001),
          (app_run.total_ms / MAX (app_run.frames, 1)) / MAX (bare_run.total_ms / MAX (bare_run.frames, 1), 0.001));
  return 0;
}
