/* od-invite-review-row.c — one row of the invite dialog's review table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-invite-review-row.h"
#include "od-role.h"

struct _OdInviteReviewRow
{
  GObject          parent_instance;

  char            *place;
  guint            line;
  char            *email;
  char            *role;
  OdInviteOutcome  outcome;
  char            *reason;
  char            *sentence;
};

G_DEFINE_FINAL_TYPE (OdInviteReviewRow, od_invite_review_row, G_TYPE_OBJECT)

/* How each outcome reads inside a sentence */
static const char *
outcome_phrase (OdInviteOutcome outcome)
{
  switch (outcome)
    {
    case OD_INVITE_OUTCOME_WILL_INVITE:               return _("will be invited");
    case OD_INVITE_OUTCOME_INVALID_EMAIL:             return _("invalid email");
    case OD_INVITE_OUTCOME_DUPLICATE_IN_FILE:         return _("duplicate in the list");
    case OD_INVITE_OUTCOME_ALREADY_MEMBER:            return _("already a member");
    case OD_INVITE_OUTCOME_ALREADY_INVITED:           return _("already invited");
    case OD_INVITE_OUTCOME_UNKNOWN_ROLE:              return _("unknown role");
    case OD_INVITE_OUTCOME_NOT_ALLOWED_FOR_YOUR_ROLE: return _("not allowed for your role");
    case OD_INVITE_OUTCOME_OVER_SEAT_LIMIT:           return _("over the seat limit");
    default:                                          return "";
    }
}

static void
od_invite_review_row_finalize (GObject *object)
{
  OdInviteReviewRow *self = (OdInviteReviewRow *)object;

  g_free (self->place);
  g_free (self->email);
  g_free (self->role);
  g_free (self->reason);
  g_free (self->sentence);

  G_OBJECT_CLASS (od_invite_review_row_parent_class)->finalize (object);
}

static void
od_invite_review_row_class_init (OdInviteReviewRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = od_invite_review_row_finalize;
}

static void
od_invite_review_row_init (OdInviteReviewRow *self)
{
}

OdInviteReviewRow *
od_invite_review_row_new (OdInviteBatch *batch,
                          guint          i,
                          const char    *place)
{
  OdInviteReviewRow *self;
  OdRole role;
  const char *role_text;

  g_return_val_if_fail (OD_IS_INVITE_BATCH (batch), NULL);
  g_return_val_if_fail (i < od_invite_batch_get_n_rows (batch), NULL);

  self = g_object_new (OD_TYPE_INVITE_REVIEW_ROW, NULL);
  self->place = g_strdup (place);
  self->line = od_invite_batch_get_line (batch, i);
  self->email = g_strdup (od_invite_batch_get_email (batch, i));
  self->outcome = od_invite_batch_get_outcome (batch, i);
  self->reason = g_strdup (od_invite_batch_get_reason (batch, i));

  role = od_invite_batch_get_role (batch, i);
  role_text = od_invite_batch_get_role_text (batch, i);
  if (role != OD_ROLE_NONE)
    self->role = g_strdup (od_role_get_label (role));
  else if (role_text != NULL)
    self->role = g_strdup (role_text);
  else
    self->role = g_strdup (od_role_get_label (od_invite_batch_get_default_role (batch)));

  /* Translators: how a review row is read by a screen reader: where it came from, the address,
   * the role and what will happen, e.g. "Line 4, bob@example.com, Write, already a member" */
  self->sentence = g_strdup_printf (_("%s, %s, %s, %s"), self->place,
                                    *self->email != '\0' ? self->email : _("no address"),
                                    self->role, outcome_phrase (self->outcome));

  return self;
}

const char *
od_invite_review_row_get_place (OdInviteReviewRow *self)
{
  g_return_val_if_fail (OD_IS_INVITE_REVIEW_ROW (self), NULL);
  return self->place;
}

guint
od_invite_review_row_get_line (OdInviteReviewRow *self)
{
  g_return_val_if_fail (OD_IS_INVITE_REVIEW_ROW (self), 0);
  return self->line;
}

const char *
od_invite_review_row_get_email (OdInviteReviewRow *self)
{
  g_return_val_if_fail (OD_IS_INVITE_REVIEW_ROW (self), NULL);
  return self->email;
}

const char *
od_invite_review_row_get_role (OdInviteReviewRow *self)
{
  g_return_val_if_fail (OD_IS_INVITE_REVIEW_ROW (self), NULL);
  return self->role;
}

OdInviteOutcome
od_invite_review_row_get_outcome (OdInviteReviewRow *self)
{
  g_return_val_if_fail (OD_IS_INVITE_REVIEW_ROW (self), OD_INVITE_OUTCOME_WILL_INVITE);
  return self->outcome;
}

const char *
od_invite_review_row_get_outcome_label (OdInviteReviewRow *self)
{
  g_return_val_if_fail (OD_IS_INVITE_REVIEW_ROW (self), NULL);
  return od_invite_outcome_get_label (self->outcome);
}

const char *
od_invite_review_row_get_reason (OdInviteReviewRow *self)
{
  g_return_val_if_fail (OD_IS_INVITE_REVIEW_ROW (self), NULL);
  return self->reason;
}

const char *
od_invite_review_row_get_sentence (OdInviteReviewRow *self)
{
  g_return_val_if_fail (OD_IS_INVITE_REVIEW_ROW (self), NULL);
  return self->sentence;
}
