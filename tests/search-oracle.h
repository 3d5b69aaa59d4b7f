/* search-oracle.h — what a member search should find, written plainly for tests to compare with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A member matches when every word of the search is the beginning of a word of their name or
 * email address, ignoring case and diacritics ("ana sil" finds "Ana Silva" and
 * "ana.silva3@…"). Words are runs of letters and digits. A search with no word at all falls
 * back to a plain substring match of the text.
 */
#pragma once

#include <string.h>
#include <glib.h>

static inline GPtrArray *
oracle_words (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  g_autofree char *lower = g_ascii_strdown (ascii, -1);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = lower;

  while (*p)
    {
      const char *start;

      while (*p && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (*p && g_ascii_isalnum (*p))
        p++;
      if (p > start)
        g_ptr_array_add (words, g_strndup (start, p - start));
    }
  return words;
}

static inline gboolean
oracle_matches (const char *search,
                const char *name,
                const char *email)
{
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GPtrArray) have = NULL;
  g_autoptr(GPtrArray) have_email = NULL;

  if (search == NULL || *search == '\0')
    return TRUE;
  wanted = oracle_words (search);
  if (wanted->len == 0)
    return strstr (name, search) != NULL || strstr (email, search) != NULL;

  have = oracle_words (name);
  have_email = oracle_words (email);
  for (guint i = 0; i < have_email->len; i++)
    g_ptr_array_add (have, g_strdup (g_ptr_array_index (have_email, i)));

  for (guint w = 0; w < wanted->len; w++)
    {
      gboolean found = FALSE;

      for (guint h = 0; h < have->len && !found; h++)
        found = g_str_has_prefix (g_ptr_array_index (have, h), g_ptr_array_index (wanted, w));
      if (!found)
        return FALSE;
    }
  return TRUE;
}
