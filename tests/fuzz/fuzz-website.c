/* fuzz-website.c — normalizing a denied website, and the import review of a file of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is an import file; each of its lines is also normalized on its own. Checks:
 *   - a normalized host is lower-case ASCII (a bracketed IPv6 address, or a name of at most 253
 *     characters in labels of letters, digits and inner hyphens), and normalizing it again gives
 *     it back (idempotent), and so does normalizing the Unicode form that is shown for it;
 *   - a refused one comes with an OD_WEBSITE_ERROR and a UTF-8 message;
 *   - the review gives each non-blank line one row, on increasing lines, whose normalized host is
 *     what od_website_normalize() gives, and adds no host twice nor one already denied.
 */
#include "config.h"

#include <gio/gio.h>

#include "od-website.h"
#include "od-website-import.h"

#include "fuzz-target.h"

#define MAX_LINES 64

static void
check_host (const char *host)
{
  gsize length = strlen (host);

  fuzz_check (length > 0);
  if (host[0] == '[')
    {
      fuzz_check (host[length - 1] == ']');
      return;
    }
  fuzz_check (length <= 253);
  fuzz_check (host[0] != '.' && host[length - 1] != '.');
  for (const char *p = host; *p; p++)
    fuzz_check (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '.');
  fuzz_check (strstr (host, "..") == NULL);
}

static void
check_normalize (const char *input)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = od_website_normalize (input, &error);
  g_autofree char *again = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(OdWebsite) website = NULL;
  g_autofree char *from_display = NULL;
  g_autoptr(GError) display_error = NULL;

  if (host == NULL)
    {
      fuzz_check (error != NULL && error->domain == OD_WEBSITE_ERROR);
      fuzz_check (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  fuzz_check (error == NULL);
  check_host (host);

  again = od_website_normalize (host, &again_error);
  fuzz_check (again != NULL);
  fuzz_check (g_str_equal (again, host));

  website = od_website_new (host);
  fuzz_check (g_utf8_validate (od_website_get_display_host (website), -1, NULL));
  from_display = od_website_normalize (od_website_get_display_host (website), &display_error);
  fuzz_check (from_display != NULL);
  fuzz_check (g_str_equal (from_display, host));
}

static void
check_review (const char *text,
              gsize       length)
{
  static const char * const denied_hosts[] = { "example.com", "xn--bcher-kva.example", "10.0.0.1", NULL };
  g_autoptr(GListStore) denied = g_list_store_new (OD_TYPE_WEBSITE);
  g_autoptr(GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) rows = NULL;
  guint last_line = 0;

  for (guint i = 0; denied_hosts[i]; i++)
    {
      g_autoptr(OdWebsite) website = od_website_new (denied_hosts[i]);
      g_list_store_append (denied, website);
    }

  rows = od_website_review_import (text, length, G_LIST_MODEL (denied), &error);
  if (rows == NULL)
    {
      fuzz_check (error != NULL && error->domain == OD_WEBSITE_ERROR);
      fuzz_check (g_utf8_validate (error->message, -1, NULL));
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(OdWebsiteImportRow) row = g_list_model_get_item (rows, i);
      const char *input = od_website_import_row_get_input (row);
      const char *normalized = od_website_import_row_get_normalized (row);
      g_autofree char *expected = od_website_normalize (input, NULL);

      fuzz_check (od_website_import_row_get_line (row) > last_line);
      last_line = od_website_import_row_get_line (row);
      fuzz_check (g_strcmp0 (normalized, expected) == 0);
      switch (od_website_import_row_get_outcome (row))
        {
        case OD_WEBSITE_IMPORT_WILL_ADD:
          fuzz_check (normalized != NULL);
          fuzz_check (!g_strv_contains (denied_hosts, normalized));
          fuzz_check (g_hash_table_add (added, (gpointer) normalized));
          break;
        case OD_WEBSITE_IMPORT_INVALID:
          fuzz_check (normalized == NULL);
          fuzz_check (od_website_import_row_get_message (row) != NULL);
          break;
        case OD_WEBSITE_IMPORT_DUPLICATE_IN_FILE:
          fuzz_check (g_hash_table_contains (added, normalized));
          break;
        case OD_WEBSITE_IMPORT_ALREADY_DENIED:
          fuzz_check (g_strv_contains (denied_hosts, normalized));
          break;
        default:
          fuzz_check (!"an outcome out of range");
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", MAX_LINES + 1);

  fuzz_init_once ();

  for (guint i = 0; lines[i] != NULL && i < MAX_LINES; i++)
    check_normalize (lines[i]);
  check_review ((const char *) data, size);
  return 0;
}
