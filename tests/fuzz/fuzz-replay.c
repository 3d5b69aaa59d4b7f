/* fuzz-replay.c — runs a fuzz target's LLVMFuzzerTestOneInput over files, without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with each tests/fuzz/fuzz-*.c in a normal (gcc) build, so that the seed corpus and the
 * regression inputs run as ordinary tests, with or without the sanitizers:
 *
 *   fuzz-csv tests/fuzz/corpus/csv tests/fuzz/regressions/csv
 *
 * Each argument is a file or a folder (its files, in name order; no recursion). A crash, an
 * abort from a broken invariant or a sanitizer report fails the test; the input being replayed
 * is named on standard error first, so the failure says which file to look at.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>

#include "fuzz-target.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
replay_file (const char  *path,
             guint       *n_inputs)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("fuzz-replay: %s\n", error->message);
      return FALSE;
    }
  g_printerr ("fuzz-replay: %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  /* A copy of exactly the file's size, so that ASan sees a read past its end (and, as libFuzzer
   * gives, a pointer that is not NULL for an empty file). */
  {
    g_autofree uint8_t *data = g_malloc (MAX (length, 1));

    if (length > 0)
      memcpy (data, contents, length);
    LLVMFuzzerTestOneInput (data, length);
  }
  (*n_inputs)++;
  return TRUE;
}

static gboolean
replay_folder (const char  *path,
               guint       *n_inputs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  gboolean ok = TRUE;

  if (dir == NULL)
    {
      g_printerr ("fuzz-replay: %s\n", error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    if (!g_file_test (names->pdata[i], G_FILE_TEST_IS_DIR))
      ok = replay_file (names->pdata[i], n_inputs) && ok;
  return ok;
}

int
main (int    argc,
      char **argv)
{
  guint n_inputs = 0;
  gboolean ok = TRUE;

  if (argc < 2)
    {
      g_printerr ("Usage: %s FILE_OR_FOLDER…\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        ok = replay_folder (argv[i], &n_inputs) && ok;
      else
        ok = replay_file (argv[i], &n_inputs) && ok;
    }
  if (n_inputs == 0)
    {
      g_printerr ("fuzz-replay: no input found\n");
      return 1;
    }
  g_print ("%u inputs replayed\n", n_inputs);
  return ok ? 0 : 1;
}
