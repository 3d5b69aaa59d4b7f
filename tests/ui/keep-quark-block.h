/* keep-quark-block.h — lets widget tests pass LeakSanitizer although GLib leaks its first quark block
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GLib leaks its first block of quarks by design once a process has more than 2048 of them
 * (gquark.c grows the table without freeing the old block, which lock-free readers may still
 * hold). A widget test that shows several pages and dialogs has more. LeakSanitizer cannot tell
 * that block from a leak of ours (GLib has no frame pointers, so both stacks end in g_malloc, and
 * a suppression would hide our leaks too), so keep the block reachable instead: find GLib's
 * pointer to it before the table grows, and hold a copy.
 *
 * Call od_test_keep_quark_block () first thing in main(), before gtk_test_init(). It does
 * nothing outside AddressSanitizer builds. Define _GNU_SOURCE before any include.
 */
#pragma once

#include <string.h>
#include <glib.h>

#if defined(__SANITIZE_ADDRESS__)
#include <link.h>

/* From the sanitizer runtime (sanitizer/allocator_interface.h, which GCC 12 does not ship) */
int    __sanitizer_get_ownership      (const volatile void *p);
size_t __sanitizer_get_allocated_size (const volatile void *p);

static gpointer od_test_glib_first_quark_block;

static int
od_test_find_quark_block_cb (struct dl_phdr_info *info,
                             size_t               size,
                             void                *data)
{
  const char *first = g_quark_to_string (1);

  if (strstr (info->dlpi_name, "libglib-2.0.so") == NULL)
    return 0;

  for (int i = 0; i < info->dlpi_phnum; i++)
    {
      const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
      gpointer *words;
      gsize n_words;

      if (segment->p_type != PT_LOAD || (segment->p_flags & PF_W) == 0)
        continue;

      words = (gpointer *) (info->dlpi_addr + segment->p_vaddr);
      n_words = segment->p_memsz / sizeof (gpointer);
      for (gsize j = 0; j < n_words; j++)
        {
          const char * const *candidate = words[j];

          if (candidate != NULL && __sanitizer_get_ownership (candidate) &&
              __sanitizer_get_allocated_size (candidate) == 2048 * sizeof (char *) &&
              candidate[0] == NULL && candidate[1] == first)
            {
              od_test_glib_first_quark_block = (gpointer) candidate;
              return 1;
            }
        }
    }

  return 1;
}

static inline void
od_test_keep_quark_block (void)
{
  dl_iterate_phdr (od_test_find_quark_block_cb, NULL);
  if (od_test_glib_first_quark_block == NULL)
    g_printerr ("# could not find GLib's first quark block; LeakSanitizer may report it\n");
}
#else
static inline void
od_test_keep_quark_block (void)
{
}
#endif
