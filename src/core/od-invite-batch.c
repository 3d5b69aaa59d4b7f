/* od-invite-batch.c — a list of invitations to review, then send
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows live in one GArray of plain structs, so a 100,000-row file is one allocation plus
 * each row's strings; the GUI can wrap it in a list model of its own. Duplicates are found with
 * one hash table of normalized addresses; the outcomes are decided in one pass in row order.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "od-csv.h"
#include "od-email.h"
#include "od-invite-batch-private.h"

#define CSV_CHUNK_SIZE (64 * 1024)

struct _OdInviteBatch
{
  GObject     parent_instance;

  GArray     *rows;                 /* OdInviteRow */
  GHashTable *keys;                 /* key → first row index + 1; keys owned by the rows */
  gboolean    prepared;
  gboolean    reviewed;
  gboolean    applied;
  OdRole      default_role;
  guint       counts[OD_INVITE_N_OUTCOMES];
  guint       n_seats;
  guint       n_members;
  guint       n_pending;
  char       *invite_reasons[OD_ROLE_OWNER + 1];  /* shared by the rows that will be invited */
};

G_DEFINE_FINAL_TYPE (OdInviteBatch, od_invite_batch, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (OdInviteOutcome, od_invite_outcome,
  G_DEFINE_ENUM_VALUE (OD_INVITE_OUTCOME_WILL_INVITE, "will-invite"),
  G_DEFINE_ENUM_VALUE (OD_INVITE_OUTCOME_INVALID_EMAIL, "invalid-email"),
  G_DEFINE_ENUM_VALUE (OD_INVITE_OUTCOME_DUPLICATE_IN_FILE, "duplicate-in-file"),
  G_DEFINE_ENUM_VALUE (OD_INVITE_OUTCOME_ALREADY_MEMBER, "already-member"),
  G_DEFINE_ENUM_VALUE (OD_INVITE_OUTCOME_ALREADY_INVITED, "already-invited"),
  G_DEFINE_ENUM_VALUE (OD_INVITE_OUTCOME_UNKNOWN_ROLE, "unknown-role"),
  G_DEFINE_ENUM_VALUE (OD_INVITE_OUTCOME_NOT_ALLOWED_FOR_YOUR_ROLE, "not-allowed-for-your-role"),
  G_DEFINE_ENUM_VALUE (OD_INVITE_OUTCOME_OVER_SEAT_LIMIT, "over-seat-limit"))

static const struct {
  const char *nick;
  const char *label;
} outcomes[OD_INVITE_N_OUTCOMES] = {
  { "will-invite",               N_("Will invite") },
  { "invalid-email",             N_("Invalid email") },
  { "duplicate-in-file",         N_("Duplicate in file") },
  { "already-member",            N_("Already a member") },
  { "already-invited",           N_("Already invited") },
  { "unknown-role",              N_("Unknown role") },
  { "not-allowed-for-your-role", N_("Not allowed for your role") },
  { "over-seat-limit",           N_("Over the seat limit") },
};

const char *
od_invite_outcome_to_string (OdInviteOutcome outcome)
{
  g_return_val_if_fail (outcome < OD_INVITE_N_OUTCOMES, "");
  return outcomes[outcome].nick;
}

const char *
od_invite_outcome_get_label (OdInviteOutcome outcome)
{
  g_return_val_if_fail (outcome < OD_INVITE_N_OUTCOMES, "");
  return _(outcomes[outcome].label);
}

/* ---------------------------------------------------------------------------------------------
 * Rows
 */

static void
row_clear (gpointer data)
{
  OdInviteRow *row = data;

  g_clear_pointer (&row->email, g_free);
  g_clear_pointer (&row->role_text, g_free);
  g_clear_pointer (&row->trimmed, g_free);
  g_clear_pointer (&row->key, g_free);
  g_clear_pointer (&row->email_error, g_free);
  g_clear_pointer (&row->reason, g_free);
  g_clear_pointer (&row->code, g_free);
}

/* Adding rows invalidates the review and the duplicate table. */
static void
invalidate (OdInviteBatch *self)
{
  self->prepared = FALSE;
  self->reviewed = FALSE;
  self->applied = FALSE;
  g_hash_table_remove_all (self->keys);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

void
od_invite_batch_add (OdInviteBatch *self,
                     guint          line,
                     const char    *email,
                     const char    *role_text)
{
  OdInviteRow row = { 0 };

  g_return_if_fail (OD_IS_INVITE_BATCH (self));
  g_return_if_fail (email != NULL);

  row.line = line;
  row.email = g_strdup (email);
  row.role_text = is_blank (role_text) ? NULL : g_strdup (role_text);
  g_array_append_val (self->rows, row);
  invalidate (self);
}

void
od_invite_batch_take_rows (OdInviteBatch *self,
                           GArray        *csv_rows)
{
  g_return_if_fail (OD_IS_INVITE_BATCH (self));
  g_return_if_fail (csv_rows != NULL);

  for (guint i = 0; i < csv_rows->len; i++)
    {
      OdCsvRow *in = &g_array_index (csv_rows, OdCsvRow, i);
      OdInviteRow row = { 0 };

      row.line = in->line;
      row.email = g_steal_pointer (&in->email);
      row.role_text = is_blank (in->role_text) ? NULL : g_steal_pointer (&in->role_text);
      g_array_append_val (self->rows, row);
    }
  g_array_set_size (csv_rows, 0);
  invalidate (self);
}

OdInviteBatch *
od_invite_batch_new (void)
{
  return g_object_new (OD_TYPE_INVITE_BATCH, NULL);
}

OdInviteBatch *
od_invite_batch_new_from_csv (GBytes  *bytes,
                              GError **error)
{
  g_autoptr(GArray) rows = NULL;
  OdInviteBatch *self;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(rows = od_csv_parse_invitations (bytes, error)))
    return NULL;
  self = od_invite_batch_new ();
  od_invite_batch_take_rows (self, rows);
  return self;
}

OdInviteBatch *
od_invite_batch_new_from_list (const char  *text,
                               gssize       length,
                               GError     **error)
{
  g_autoptr(GArray) rows = NULL;
  OdInviteBatch *self;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (text);
  if (!(rows = od_csv_parse_address_list (text, length, error)))
    return NULL;
  self = od_invite_batch_new ();
  od_invite_batch_take_rows (self, rows);
  return self;
}

/* ---------------------------------------------------------------------------------------------
 * Accessors
 */

static OdInviteRow *
row_at (OdInviteBatch *self,
        guint          i)
{
  return &g_array_index (self->rows, OdInviteRow, i);
}

guint
od_invite_batch_get_n_rows (OdInviteBatch *self)
{
  g_return_val_if_fail (OD_IS_INVITE_BATCH (self), 0);
  return self->rows->len;
}

gboolean
od_invite_batch_is_reviewed (OdInviteBatch *self)
{
  g_return_val_if_fail (OD_IS_INVITE_BATCH (self), FALSE);
  return self->reviewed;
}

gboolean
od_invite_batch_is_applied (OdInviteBatch *self)
{
  g_return_val_if_fail (OD_IS_INVITE_BATCH (self), FALSE);
  return self->applied;
}

OdRole
od_invite_batch_get_default_role (OdInviteBatch *self)
{
  g_return_val_if_fail (OD_IS_INVITE_BATCH (self), OD_ROLE_NONE);
  return self->default_role;
}

void
od_invite_batch_set_default_role (OdInviteBatch *self,
                                  OdRole         role)
{
  g_return_if_fail (OD_IS_INVITE_BATCH (self));
  g_return_if_fail (role >= OD_ROLE_READ && role <= OD_ROLE_OWNER);

  if (self->default_role != role)
    {
      self->default_role = role;
      self->reviewed = FALSE;
    }
}

#define RETURN_ROW_OR(self, i, fallback) \
  G_STMT_START { \
    g_return_val_if_fail (OD_IS_INVITE_BATCH (self), fallback); \
    g_return_val_if_fail (i < self->rows->len, fallback); \
  } G_STMT_END

guint
od_invite_batch_get_line (OdInviteBatch *self, guint i)
{
  RETURN_ROW_OR (self, i, 0);
  return row_at (self, i)->line;
}

const char *
od_invite_batch_get_email (OdInviteBatch *self, guint i)
{
  RETURN_ROW_OR (self, i, NULL);
  return row_at (self, i)->email;
}

const char *
od_invite_batch_get_role_text (OdInviteBatch *self, guint i)
{
  RETURN_ROW_OR (self, i, NULL);
  return row_at (self, i)->role_text;
}

OdRole
od_invite_batch_get_role (OdInviteBatch *self, guint i)
{
  RETURN_ROW_OR (self, i, OD_ROLE_NONE);
  return row_at (self, i)->role;
}

OdInviteOutcome
od_invite_batch_get_outcome (OdInviteBatch *self, guint i)
{
  RETURN_ROW_OR (self, i, OD_INVITE_OUTCOME_WILL_INVITE);
  return row_at (self, i)->outcome;
}

const char *
od_invite_batch_get_reason (OdInviteBatch *self, guint i)
{
  OdInviteRow *row;

  RETURN_ROW_OR (self, i, NULL);
  row = row_at (self, i);
  if (!self->reviewed)
    return "";
  if (row->outcome != OD_INVITE_OUTCOME_WILL_INVITE)
    return row->reason;

  if (self->invite_reasons[row->role] == NULL)
    self->invite_reasons[row->role] =
      /* Translators: %s is a role such as "Write" */
      g_strdup_printf (self->applied ? _("Invited as %s.") : _("Will be invited as %s."),
                       od_role_get_label (row->role));
  return self->invite_reasons[row->role];
}

guint
od_invite_batch_get_duplicate_of (OdInviteBatch *self, guint i)
{
  RETURN_ROW_OR (self, i, 0);
  return row_at (self, i)->duplicate_of;
}

const char *
od_invite_batch_get_code (OdInviteBatch *self, guint i)
{
  RETURN_ROW_OR (self, i, NULL);
  return row_at (self, i)->code;
}

guint
od_invite_batch_get_count (OdInviteBatch   *self,
                           OdInviteOutcome  outcome)
{
  g_return_val_if_fail (OD_IS_INVITE_BATCH (self), 0);
  g_return_val_if_fail (outcome < OD_INVITE_N_OUTCOMES, 0);
  return self->counts[outcome];
}

guint
od_invite_batch_get_n_rejected (OdInviteBatch *self)
{
  g_return_val_if_fail (OD_IS_INVITE_BATCH (self), 0);
  return self->reviewed ? self->rows->len - self->counts[OD_INVITE_OUTCOME_WILL_INVITE] : 0;
}

guint
od_invite_batch_get_seats_total (OdInviteBatch *self)
{
  g_return_val_if_fail (OD_IS_INVITE_BATCH (self), 0);
  return self->n_seats;
}

guint
od_invite_batch_get_seats_used (OdInviteBatch *self)
{
  g_return_val_if_fail (OD_IS_INVITE_BATCH (self), 0);
  return self->n_members + self->n_pending;
}

guint
od_invite_batch_get_seats_free (OdInviteBatch *self)
{
  guint used;

  g_return_val_if_fail (OD_IS_INVITE_BATCH (self), 0);
  used = self->n_members + self->n_pending;
  return self->n_seats > used ? self->n_seats - used : 0;
}

guint
od_invite_batch_get_seats_needed (OdInviteBatch *self)
{
  g_return_val_if_fail (OD_IS_INVITE_BATCH (self), 0);
  return self->counts[OD_INVITE_OUTCOME_WILL_INVITE];
}

char *
od_invite_batch_describe_seats (OdInviteBatch *self)
{
  g_autofree char *usage = NULL;
  guint free_seats, needed, over;

  g_return_val_if_fail (OD_IS_INVITE_BATCH (self), NULL);

  if (!self->reviewed)
    return g_strdup ("");

  free_seats = od_invite_batch_get_seats_free (self);
  needed = self->counts[OD_INVITE_OUTCOME_WILL_INVITE];
  over = self->counts[OD_INVITE_OUTCOME_OVER_SEAT_LIMIT];
  /* Translators: "(12 of 20 seats in use)" */
  usage = g_strdup_printf (_("(%u of %u seats in use)"), self->n_members + self->n_pending, self->n_seats);

  if (over > 0)
    return g_strdup_printf (ngettext ("Uses all %u free seats %s; %u more row needs a seat: add %u seat to invite it too.",
                                      "Uses all %u free seats %s; %u more rows need seats: add %u seats to invite them too.",
                                      over),
                            free_seats, usage, over, over);
  return g_strdup_printf (ngettext ("Uses %u of %u free seat %s.", "Uses %u of %u free seats %s.", free_seats),
                          needed, free_seats, usage);
}

/* ---------------------------------------------------------------------------------------------
 * Review
 */

/* od_email_normalize() of an address already trimmed: for ASCII, casefolding is lowercasing. */
static char *
email_key (const char *trimmed)
{
  for (const char *p = trimmed; *p; p++)
    if ((guchar) *p >= 0x80)
      return g_utf8_casefold (trimmed, -1);
  return g_ascii_strdown (trimmed, -1);
}

void
_od_invite_batch_prepare (OdInviteBatch *self)
{
  if (self->prepared)
    return;

  g_hash_table_remove_all (self->keys);
  for (guint i = 0; i < self->rows->len; i++)
    {
      OdInviteRow *row = row_at (self, i);
      g_autoptr(GError) error = NULL;
      gpointer first;

      g_clear_pointer (&row->trimmed, g_free);
      g_clear_pointer (&row->key, g_free);
      g_clear_pointer (&row->email_error, g_free);
      row->duplicate_of = 0;

      if (!od_email_validate (row->email, &error))
        {
          row->email_error = g_strdup (error->message);
          continue;
        }
      row->trimmed = g_strstrip (g_strdup (row->email));
      row->key = email_key (row->trimmed);

      first = g_hash_table_lookup (self->keys, row->key);
      if (first != NULL)
        row->duplicate_of = row_at (self, GPOINTER_TO_UINT (first) - 1)->line;
      else
        g_hash_table_insert (self->keys, row->key, GUINT_TO_POINTER (i + 1));
    }
  self->prepared = TRUE;
}

GHashTable *
_od_invite_batch_get_keys (OdInviteBatch *self)
{
  _od_invite_batch_prepare (self);
  return self->keys;
}

OdInviteRow *
_od_invite_batch_get_row (OdInviteBatch *self,
                          guint          i)
{
  g_assert (i < self->rows->len);
  return row_at (self, i);
}

void
_od_invite_batch_clear_marks (OdInviteBatch *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      row_at (self, i)->is_member = FALSE;
      row_at (self, i)->is_invited = FALSE;
    }
}

static void
set_outcome (OdInviteBatch   *self,
             OdInviteRow     *row,
             OdInviteOutcome  outcome,
             char            *reason)
{
  row->outcome = outcome;
  g_free (row->reason);
  row->reason = reason;
  self->counts[outcome]++;
}

void
_od_invite_batch_decide (OdInviteBatch *self,
                         OdRole         actor_role,
                         OdRole         default_role,
                         guint          n_seats,
                         guint          n_members,
                         guint          n_pending)
{
  g_autoptr(GError) denied = NULL;
  g_autofree char *owner_only = NULL;
  guint free_seats, candidates = 0, granted = 0;

  _od_invite_batch_prepare (self);

  self->default_role = default_role;
  self->n_seats = n_seats;
  self->n_members = n_members;
  self->n_pending = n_pending;
  self->applied = FALSE;
  memset (self->counts, 0, sizeof self->counts);
  for (guint r = 0; r < G_N_ELEMENTS (self->invite_reasons); r++)
    g_clear_pointer (&self->invite_reasons[r], g_free);

  od_role_check (actor_role, OD_ACTION_INVITE, &denied);
  owner_only = g_strdup_printf (_("Only an Owner can invite an Owner; your role is %s."),
                                od_role_get_label (actor_role));

  /* First pass: every check but the seats. Rows still in the running are left at WILL_INVITE
   * without being counted. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      OdInviteRow *row = row_at (self, i);

      g_clear_pointer (&row->code, g_free);
      g_clear_pointer (&row->reason, g_free);
      row->role = row->role_text ? od_role_from_string (row->role_text) : default_role;

      if (denied != NULL)
        set_outcome (self, row, OD_INVITE_OUTCOME_NOT_ALLOWED_FOR_YOUR_ROLE, g_strdup (denied->message));
      else if (row->email_error != NULL)
        set_outcome (self, row, OD_INVITE_OUTCOME_INVALID_EMAIL, g_strdup (row->email_error));
      else if (row->duplicate_of != 0)
        set_outcome (self, row, OD_INVITE_OUTCOME_DUPLICATE_IN_FILE,
                     g_strdup_printf (_("%s is already on line %u of this list. Keep one of the two rows."),
                                      row->trimmed, row->duplicate_of));
      else if (row->is_member)
        set_outcome (self, row, OD_INVITE_OUTCOME_ALREADY_MEMBER,
                     g_strdup_printf (_("%s is already a member of this organization."), row->trimmed));
      else if (row->is_invited)
        set_outcome (self, row, OD_INVITE_OUTCOME_ALREADY_INVITED,
                     g_strdup_printf (_("%s has already been invited. Resend the invitation instead."),
                                      row->trimmed));
      else if (row->role == OD_ROLE_NONE)
        {
          g_autofree char *text = g_strstrip (g_strdup (row->role_text));

          set_outcome (self, row, OD_INVITE_OUTCOME_UNKNOWN_ROLE,
                       g_strdup_printf (_("Unknown role “%s”. Use read, write, admin or owner."), text));
        }
      else if (row->role == OD_ROLE_OWNER && actor_role < OD_ROLE_OWNER)
        set_outcome (self, row, OD_INVITE_OUTCOME_NOT_ALLOWED_FOR_YOUR_ROLE, g_strdup (owner_only));
      else
        {
          row->outcome = OD_INVITE_OUTCOME_WILL_INVITE;
          candidates++;
        }
    }

  /* Second pass: the free seats go to the remaining rows in row order. */
  free_seats = n_seats > n_members + n_pending ? n_seats - n_members - n_pending : 0;
  for (guint i = 0; i < self->rows->len && candidates > 0; i++)
    {
      OdInviteRow *row = row_at (self, i);

      if (row->outcome != OD_INVITE_OUTCOME_WILL_INVITE || row->reason != NULL)
        continue;
      if (granted < free_seats)
        {
          self->counts[OD_INVITE_OUTCOME_WILL_INVITE]++;
          granted++;
        }
      else if (free_seats == 0)
        set_outcome (self, row, OD_INVITE_OUTCOME_OVER_SEAT_LIMIT,
                     g_strdup_printf (_("All %u seats are in use (%u members, %u pending invitations). "
                                        "Add seats to invite %s."),
                                      n_seats, n_members, n_pending, row->trimmed));
      else
        set_outcome (self, row, OD_INVITE_OUTCOME_OVER_SEAT_LIMIT,
                     g_strdup_printf (ngettext ("No seat is left for %s: the rows above it take every free seat. "
                                                "Add %u seat to invite every row.",
                                                "No seat is left for %s: the rows above it take every free seat. "
                                                "Add %u seats to invite every row.", candidates - free_seats),
                                      row->trimmed, candidates - free_seats));
    }

  self->reviewed = TRUE;
}

void
_od_invite_batch_set_applied (OdInviteBatch *self,
                              gboolean       applied)
{
  self->applied = applied;
  for (guint r = 0; r < G_N_ELEMENTS (self->invite_reasons); r++)
    g_clear_pointer (&self->invite_reasons[r], g_free);
  if (!applied)
    for (guint i = 0; i < self->rows->len; i++)
      g_clear_pointer (&row_at (self, i)->code, g_free);
}

/* ---------------------------------------------------------------------------------------------
 * The rejected rows as CSV
 */

static void
append_rejected_row (OdInviteBatch *self,
                     GString       *out,
                     guint          i)
{
  OdInviteRow *row = row_at (self, i);
  char line[16];

  g_snprintf (line, sizeof line, "%u", row->line);
  od_csv_append_field (out, row->email, FALSE);
  g_string_append_c (out, ',');
  od_csv_append_field (out, row->role_text, FALSE);
  g_string_append_c (out, ',');
  g_string_append (out, line);
  g_string_append_c (out, ',');
  od_csv_append_field (out, od_invite_batch_get_reason (self, i), FALSE);
  g_string_append (out, "\r\n");
}

static gboolean
is_rejected (OdInviteBatch *self,
             guint          i)
{
  return self->reviewed && row_at (self, i)->outcome != OD_INVITE_OUTCOME_WILL_INVITE;
}

char *
od_invite_batch_format_rejected_csv (OdInviteBatch *self)
{
  GString *out;

  g_return_val_if_fail (OD_IS_INVITE_BATCH (self), NULL);

  out = g_string_new ("email,role,line,reason\r\n");
  for (guint i = 0; i < self->rows->len; i++)
    if (is_rejected (self, i))
      append_rejected_row (self, out, i);
  return g_string_free (out, FALSE);
}

gboolean
od_invite_batch_write_rejected_csv (OdInviteBatch  *self,
                                    GOutputStream  *stream,
                                    GCancellable   *cancellable,
                                    GError        **error)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (OD_IS_INVITE_BATCH (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  out = g_string_sized_new (CSV_CHUNK_SIZE + 1024);
  g_string_append (out, "email,role,line,reason\r\n");
  for (guint i = 0; i < self->rows->len; i++)
    {
      if (is_rejected (self, i))
        append_rejected_row (self, out, i);
      if (out->len >= CSV_CHUNK_SIZE || i + 1 == self->rows->len)
        {
          if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (out, 0);
        }
    }
  if (out->len > 0 && !g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
    return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------
 * GObject
 */

static void
od_invite_batch_finalize (GObject *object)
{
  OdInviteBatch *self = (OdInviteBatch *) object;

  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  for (guint r = 0; r < G_N_ELEMENTS (self->invite_reasons); r++)
    g_clear_pointer (&self->invite_reasons[r], g_free);

  G_OBJECT_CLASS (od_invite_batch_parent_class)->finalize (object);
}

static void
od_invite_batch_class_init (OdInviteBatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = od_invite_batch_finalize;
}

static void
od_invite_batch_init (OdInviteBatch *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (OdInviteRow));
  g_array_set_clear_func (self->rows, row_clear);
  self->keys = g_hash_table_new (g_str_hash, g_str_equal);
  self->default_role = OD_ROLE_WRITE;
}
