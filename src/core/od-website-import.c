/* od-website-import.c — the per-line review of a denied-websites file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "od-website.h"
#include "od-website-import.h"

G_DEFINE_ENUM_TYPE (OdWebsiteImportOutcome, od_website_import_outcome,
  G_DEFINE_ENUM_VALUE (OD_WEBSITE_IMPORT_WILL_ADD, "will-add"),
  G_DEFINE_ENUM_VALUE (OD_WEBSITE_IMPORT_INVALID, "invalid"),
  G_DEFINE_ENUM_VALUE (OD_WEBSITE_IMPORT_DUPLICATE_IN_FILE, "duplicate-in-file"),
  G_DEFINE_ENUM_VALUE (OD_WEBSITE_IMPORT_ALREADY_DENIED, "already-denied"))

const char *
od_website_import_outcome_to_string (OdWebsiteImportOutcome outcome)
{
  switch (outcome)
    {
    case OD_WEBSITE_IMPORT_WILL_ADD:          return "will-add";
    case OD_WEBSITE_IMPORT_INVALID:           return "invalid";
    case OD_WEBSITE_IMPORT_DUPLICATE_IN_FILE: return "duplicate-in-file";
    case OD_WEBSITE_IMPORT_ALREADY_DENIED:    return "already-denied";
    default:                                  return "unknown";
    }
}

const char *
od_website_import_outcome_get_label (OdWebsiteImportOutcome outcome)
{
  switch (outcome)
    {
    case OD_WEBSITE_IMPORT_WILL_ADD:          return _("Will add");
    case OD_WEBSITE_IMPORT_INVALID:           return _("Invalid website");
    case OD_WEBSITE_IMPORT_DUPLICATE_IN_FILE: return _("Duplicate in file");
    case OD_WEBSITE_IMPORT_ALREADY_DENIED:    return _("Already denied");
    default:                                  return "";
    }
}

struct _OdWebsiteImportRow
{
  GObject                 parent_instance;

  guint                   line;
  char                   *input;
  char                   *normalized;
  OdWebsiteImportOutcome  outcome;
  char                   *message;
};

G_DEFINE_FINAL_TYPE (OdWebsiteImportRow, od_website_import_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LINE,
  PROP_INPUT,
  PROP_NORMALIZED,
  PROP_OUTCOME,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
od_website_import_row_finalize (GObject *object)
{
  OdWebsiteImportRow *self = (OdWebsiteImportRow *) object;

  g_clear_pointer (&self->input, g_free);
  g_clear_pointer (&self->normalized, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (od_website_import_row_parent_class)->finalize (object);
}

static void
od_website_import_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  OdWebsiteImportRow *self = OD_WEBSITE_IMPORT_ROW (object);

  switch (prop_id)
    {
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;

    case PROP_INPUT:
      g_value_set_string (value, self->input);
      break;

    case PROP_NORMALIZED:
      g_value_set_string (value, self->normalized);
      break;

    case PROP_OUTCOME:
      g_value_set_enum (value, self->outcome);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_website_import_row_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  OdWebsiteImportRow *self = OD_WEBSITE_IMPORT_ROW (object);

  switch (prop_id)
    {
    case PROP_LINE:
      self->line = g_value_get_uint (value);
      break;

    case PROP_INPUT:
      self->input = g_value_dup_string (value);
      break;

    case PROP_NORMALIZED:
      self->normalized = g_value_dup_string (value);
      break;

    case PROP_OUTCOME:
      self->outcome = g_value_get_enum (value);
      break;

    case PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_website_import_row_class_init (OdWebsiteImportRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = od_website_import_row_finalize;
  object_class->get_property = od_website_import_row_get_property;
  object_class->set_property = od_website_import_row_set_property;

  properties[PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_INPUT] = g_param_spec_string ("input", NULL, NULL, NULL, flags);
  properties[PROP_NORMALIZED] = g_param_spec_string ("normalized", NULL, NULL, NULL, flags);
  properties[PROP_OUTCOME] =
    g_param_spec_enum ("outcome", NULL, NULL, OD_TYPE_WEBSITE_IMPORT_OUTCOME,
                       OD_WEBSITE_IMPORT_WILL_ADD, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
od_website_import_row_init (OdWebsiteImportRow *self)
{
  self->outcome = OD_WEBSITE_IMPORT_WILL_ADD;
}

guint
od_website_import_row_get_line (OdWebsiteImportRow *self)
{
  g_return_val_if_fail (OD_IS_WEBSITE_IMPORT_ROW (self), 0);
  return self->line;
}

const char *
od_website_import_row_get_input (OdWebsiteImportRow *self)
{
  g_return_val_if_fail (OD_IS_WEBSITE_IMPORT_ROW (self), NULL);
  return self->input;
}

const char *
od_website_import_row_get_normalized (OdWebsiteImportRow *self)
{
  g_return_val_if_fail (OD_IS_WEBSITE_IMPORT_ROW (self), NULL);
  return self->normalized;
}

OdWebsiteImportOutcome
od_website_import_row_get_outcome (OdWebsiteImportRow *self)
{
  g_return_val_if_fail (OD_IS_WEBSITE_IMPORT_ROW (self), OD_WEBSITE_IMPORT_INVALID);
  return self->outcome;
}

const char *
od_website_import_row_get_message (OdWebsiteImportRow *self)
{
  g_return_val_if_fail (OD_IS_WEBSITE_IMPORT_ROW (self), NULL);
  return self->message;
}

/* ---------------------------------------------------------------------------------------------
 * Review
 */

/* The first field of a CSV line: unquoted up to the first comma, or RFC 4180 quoted. */
static char *
first_field (const char *line)
{
  GString *field;

  if (line[0] != '"')
    return g_strndup (line, strcspn (line, ","));

  field = g_string_new (NULL);
  for (const char *p = line + 1; *p; p++)
    {
      if (*p == '"' && p[1] == '"')
        {
          g_string_append_c (field, '"');
          p++;
        }
      else if (*p == '"')
        break;
      else
        g_string_append_c (field, *p);
    }
  return g_string_free (field, FALSE);
}

static gboolean
is_header (const char *field)
{
  static const char * const names[] = { "url", "urls", "domain", "domains", "website", "websites",
                                        "host", "hosts", "site", "sites", NULL };
  g_autofree char *key = g_ascii_strdown (field, -1);

  return g_strv_contains (names, g_strstrip (key));
}

GListModel *
od_website_review_import (const char  *text,
                          gsize        length,
                          GListModel  *denied,
                          GError     **error)
{
  g_autoptr(GListStore) rows = NULL;
  g_autoptr(GHashTable) existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) in_file = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *end, *p;
  const char *invalid = NULL;
  guint line_number = 0;
  gboolean first = TRUE;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (denied == NULL || G_IS_LIST_MODEL (denied), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > OD_WEBSITE_IMPORT_MAX_BYTES)
    {
      g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_FILE,
                   _("The file is larger than 50 MB. Split it into smaller files and import each."));
      return NULL;
    }
  if (!g_utf8_validate_len (text, length, &invalid))
    {
      guint bad_line = 1;

      for (p = text; p < invalid; p++)
        if (*p == '\n')
          bad_line++;
      g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_FILE,
                   _("The file is not UTF-8 text (line %u). Save it as UTF-8 and import it again."),
                   bad_line);
      return NULL;
    }

  end = text + length;
  {
    guint n_lines = 0;

    for (p = text; p < end; p++)
      if (*p == '\n')
        n_lines++;
    if (length > 0 && end[-1] != '\n')
      n_lines++;
    if (n_lines > OD_WEBSITE_IMPORT_MAX_LINES)
      {
        g_set_error (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_FILE,
                     _("The file has %u lines, more than the %u that can be imported at once. Split it "
                       "into smaller files."), n_lines, OD_WEBSITE_IMPORT_MAX_LINES);
        return NULL;
      }
  }

  for (guint i = 0; denied != NULL && i < g_list_model_get_n_items (denied); i++)
    {
      g_autoptr(OdWebsite) website = g_list_model_get_item (denied, i);
      g_hash_table_add (existing, g_strdup (od_website_get_host (website)));
    }

  rows = g_list_store_new (OD_TYPE_WEBSITE_IMPORT_ROW);
  p = text;
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      gsize line_length = (eol ? eol : end) - p;
      g_autofree char *line = g_strndup (p, line_length);
      g_autofree char *field = NULL;
      g_autofree char *normalized = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(OdWebsiteImportRow) row = NULL;
      OdWebsiteImportOutcome outcome;
      const char *message = NULL;

      line_number++;
      p = eol ? eol + 1 : end;

      g_strstrip (line);
      if (*line == '\0' || *line == '#')
        continue;
      field = g_strstrip (first_field (line));
      if (first && is_header (field))
        {
          first = FALSE;
          continue;
        }
      first = FALSE;

      normalized = od_website_normalize (field, &local_error);
      if (normalized == NULL)
        {
          outcome = OD_WEBSITE_IMPORT_INVALID;
          message = local_error->message;
        }
      else if (g_hash_table_contains (existing, normalized))
        {
          outcome = OD_WEBSITE_IMPORT_ALREADY_DENIED;
          message = _("Already in the denied websites.");
        }
      else if (!g_hash_table_add (in_file, g_strdup (normalized)))
        {
          outcome = OD_WEBSITE_IMPORT_DUPLICATE_IN_FILE;
          message = _("An earlier line has the same website.");
        }
      else
        outcome = OD_WEBSITE_IMPORT_WILL_ADD;

      row = g_object_new (OD_TYPE_WEBSITE_IMPORT_ROW,
                          "line", line_number,
                          "input", field,
                          "normalized", normalized,
                          "outcome", outcome,
                          "message", message,
                          NULL);
      g_list_store_append (rows, row);
    }

  /* The list may not outgrow OD_WEBSITE_MAX_DENIED: all of the file, or none of it. */
  if (g_hash_table_size (existing) + g_hash_table_size (in_file) > OD_WEBSITE_MAX_DENIED)
    {
      g_autofree char *message = od_website_describe_too_many (g_hash_table_size (existing),
                                                               g_hash_table_size (in_file));

      g_set_error_literal (error, OD_WEBSITE_ERROR, OD_WEBSITE_ERROR_TOO_MANY, message);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&rows));
}
