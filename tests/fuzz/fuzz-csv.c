/* fuzz-csv.c — the invitation CSV parser, the pasted-list parser and the review on top of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a whole file. Besides "no crash, no leak, no UB", it checks:
 *   - a file is parsed or refused with an OD_CSV_ERROR and a message, never both nor neither;
 *   - rows start on increasing physical lines, emails are UTF-8, a role is NULL or not blank;
 *   - the review gives every row one outcome and the counts add up;
 *   - the rejected rows saved as CSV read back as the same rows (emails and roles as written).
 */
#include "config.h"

#include "od-csv.h"
#include "od-invite-batch.h"
#include "od-invite-batch-private.h"

#include "fuzz-target.h"

static void
check_rows (GArray   *rows,
            gboolean  strictly_increasing)
{
  guint last_line = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      OdCsvRow *row = &g_array_index (rows, OdCsvRow, i);

      fuzz_check (row->line >= 1);
      fuzz_check (strictly_increasing ? row->line > last_line : row->line >= last_line);
      last_line = row->line;
      fuzz_check (row->email != NULL);
      fuzz_check (g_utf8_validate (row->email, -1, NULL));
      if (row->role_text != NULL)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (row->role_text));

          fuzz_check (g_utf8_validate (row->role_text, -1, NULL));
          fuzz_check (*stripped != '\0');
        }
    }
}

static void
check_error (const GError *error)
{
  fuzz_check (error != NULL);
  fuzz_check (error->domain == OD_CSV_ERROR);
  fuzz_check (error->message != NULL && *error->message != '\0');
  fuzz_check (g_utf8_validate (error->message, -1, NULL));
}

/* Reviews the rows as an actor with the given role would, with a few seats. */
static void
check_review (GBytes  *bytes,
              guint    variant)
{
  static const OdRole roles[] = { OD_ROLE_ADMIN, OD_ROLE_OWNER, OD_ROLE_WRITE };
  g_autoptr(GError) error = NULL;
  g_autoptr(OdInviteBatch) batch = od_invite_batch_new_from_csv (bytes, &error);
  g_autoptr(GArray) again = NULL;
  g_autofree char *rejected = NULL;
  guint n_rows, total = 0, n_rejected, k = 0;

  if (batch == NULL)
    return;
  n_rows = od_invite_batch_get_n_rows (batch);
  _od_invite_batch_decide (batch, roles[variant % G_N_ELEMENTS (roles)], OD_ROLE_WRITE,
                           variant % 11, variant % 3, variant % 2);
  for (guint o = 0; o < OD_INVITE_N_OUTCOMES; o++)
    total += od_invite_batch_get_count (batch, o);
  fuzz_check (total == n_rows);
  n_rejected = od_invite_batch_get_n_rejected (batch);
  fuzz_check (n_rejected == n_rows - od_invite_batch_get_count (batch, OD_INVITE_OUTCOME_WILL_INVITE));

  for (guint i = 0; i < n_rows; i++)
    {
      OdInviteOutcome outcome = od_invite_batch_get_outcome (batch, i);
      const char *reason = od_invite_batch_get_reason (batch, i);

      fuzz_check (outcome < OD_INVITE_N_OUTCOMES);
      if (outcome != OD_INVITE_OUTCOME_WILL_INVITE)
        fuzz_check (reason != NULL && g_utf8_validate (reason, -1, NULL));
      if (outcome == OD_INVITE_OUTCOME_DUPLICATE_IN_FILE)
        fuzz_check (od_invite_batch_get_duplicate_of (batch, i) < od_invite_batch_get_line (batch, i));
    }

  /* The rejected rows, written and read back. */
  rejected = od_invite_batch_format_rejected_csv (batch);
  again = od_csv_parse_invitations_data (rejected, strlen (rejected), &error);
  fuzz_check (again != NULL);
  fuzz_check (again->len == n_rejected);
  for (guint i = 0; i < n_rows; i++)
    {
      OdCsvRow *row;

      if (od_invite_batch_get_outcome (batch, i) == OD_INVITE_OUTCOME_WILL_INVITE)
        continue;
      row = &g_array_index (again, OdCsvRow, k++);
      fuzz_check (g_str_equal (row->email, od_invite_batch_get_email (batch, i)));
      fuzz_check (g_strcmp0 (row->role_text, od_invite_batch_get_role_text (batch, i)) == 0);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) list_error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) list = NULL;
  g_autoptr(GBytes) bytes = NULL;

  fuzz_init_once ();

  rows = od_csv_parse_invitations_data ((const char *) data, size, &error);
  if (rows != NULL)
    {
      fuzz_check (error == NULL);
      check_rows (rows, TRUE);
    }
  else
    check_error (error);

  list = od_csv_parse_address_list ((const char *) data, size, &list_error);
  if (list != NULL)
    {
      fuzz_check (list_error == NULL);
      check_rows (list, FALSE);
      for (guint i = 0; i < list->len; i++)
        fuzz_check (*g_array_index (list, OdCsvRow, i).email != '\0');
    }
  else
    check_error (list_error);

  /* Both refuse the same files for their encoding. */
  fuzz_check ((error != NULL && error->code == OD_CSV_ERROR_NOT_UTF8) ==
              (list_error != NULL && list_error->code == OD_CSV_ERROR_NOT_UTF8));

  bytes = g_bytes_new_static (data, size);
  check_review (bytes, (guint) size);
  return 0;
}
