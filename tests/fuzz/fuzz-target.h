/* fuzz-target.h — what every fuzz target in tests/fuzz shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A target checks its invariants with fuzz_check(): unlike g_assert() it cannot be compiled out,
 * and it aborts, which libFuzzer and fuzz-replay.c both report as a crash with the input.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define fuzz_check(expr)                                                              \
  G_STMT_START {                                                                      \
    if (G_UNLIKELY (!(expr)))                                                         \
      {                                                                               \
        fprintf (stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #expr);  \
        abort ();                                                                     \
      }                                                                               \
  } G_STMT_END

/* Warnings and criticals (a g_return_if_fail() that fired) are bugs here: make them abort. */
static inline void
fuzz_init_once (void)
{
  static gboolean done;

  if (!done)
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      done = TRUE;
    }
}

/* A NUL-terminated copy of the input (the parsers under test take C strings). */
static inline char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  char *text = g_malloc (size + 1);

  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';
  return text;
}
