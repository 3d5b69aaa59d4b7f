/* od-repository-invitations.c — the repository's invitations: invite, revoke, accept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "OdRepository"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "od-email.h"
#include "od-error.h"
#include "od-invitation.h"
#include "od-journal-entry.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-repository-private.h"
#include "od-subscription.h"
#include "od-team.h"
#include "od-update.h"

/* ---------------------------------------------------------------------------------------------
 * Invitations
 */

#define CODE_ALPHABET "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
#define CODE_GROUPS 4
#define CODE_GROUP_LENGTH 5

/* 100 random bits from the kernel, as four groups of five unambiguous characters. */
char *
_od_new_invite_code (void)
{
  guint8 bytes[CODE_GROUPS * CODE_GROUP_LENGTH];
  GString *code = g_string_new (NULL);
  gsize got = 0;

  while (got < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + got, sizeof bytes - got, 0);
      if (n < 0 && errno != EINTR)
        g_error ("The kernel gave no random bytes: %s", g_strerror (errno));
      if (n > 0)
        got += n;
    }

  for (guint i = 0; i < sizeof bytes; i++)
    {
      if (i > 0 && i % CODE_GROUP_LENGTH == 0)
        g_string_append_c (code, '-');
      g_string_append_c (code, CODE_ALPHABET[bytes[i] & 31]);
    }
  return g_string_free (code, FALSE);
}

/* Accepts codes typed with any case, spaces or dashes. */
static char *
normalize_invite_code (const char *text)
{
  GString *code = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isalnum (*p))
        continue;
      if (n > 0 && n % CODE_GROUP_LENGTH == 0)
        g_string_append_c (code, '-');
      g_string_append_c (code, g_ascii_toupper (*p));
      n++;
    }
  return g_string_free (code, FALSE);
}

OdInvitation *
_od_load_invitation (OdRepository  *self,
                 gint64         invitation_id,
                 GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, "SELECT " INVITATION_COLUMNS " FROM invitations i WHERE i.id = ?",
                                error);
  gboolean has_row;
  OdInvitation *invitation = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, invitation_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    invitation = _od_invitation_from_row (stmt);
  else
    _od_not_found (error, _("That invitation no longer exists."));
  sqlite3_reset (stmt);
  return invitation;
}

OdInvitation *
od_repository_invite (OdRepository  *self,
                      OdMember      *actor,
                      const char    *email,
                      OdRole         role,
                      GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autofree char *key = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *code = NULL;
  g_autofree char *after_json = NULL;
  OdInvitation *invitation = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  guint n_members = 0, n_pending = 0, n_seats = 0;
  gint64 now = _od_now_seconds ();
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  if (!od_email_validate (email, error))
    return NULL;
  if (role < OD_ROLE_READ || role > OD_ROLE_OWNER)
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                           _("Unknown role. Use read, write, admin or owner."));
      return NULL;
    }

  key = od_email_normalize (email);
  trimmed = g_strstrip (g_strdup (email));

  if (!_od_txn_begin (self, error))
    return NULL;

  if (!_od_load_actor_for (self, actor, OD_ACTION_INVITE, &who, error))
    goto out;
  if (role == OD_ROLE_OWNER && !od_role_check (who.role, OD_ACTION_MANAGE_OWNERS, error))
    goto out;

  if (!_od_member_exists (self, who.organization_id, key, &has_row, error))
    goto out;
  if (has_row)
    {
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS,
                   _("%s is already a member of this organization."), trimmed);
      goto out;
    }

  stmt = _od_prepare (self, "SELECT 1 FROM invitations WHERE organization_id = ? AND email_key = ?"
                        " AND state = 1 AND expires_at > ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  _od_bind_text (stmt, 2, key);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!_od_step_row (self, stmt, &has_row, error))
    goto out;
  sqlite3_reset (stmt);
  if (has_row)
    {
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS,
                   _("%s has already been invited. Resend the invitation instead."), trimmed);
      goto out;
    }

  if (!_od_seat_usage (self, who.organization_id, &n_members, &n_pending, &n_seats, error))
    goto out;
  if (n_members + n_pending + 1 > n_seats)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_SEAT_LIMIT,
                   _("All %u seats are in use (%u members, %u pending invitations). Add seats to invite %s."),
                   n_seats, n_members, n_pending, trimmed);
      goto out;
    }

  /* An earlier invitation that was revoked or expired keeps its row for the history. */
  code = _od_new_invite_code ();
  stmt = _od_prepare (self,
    "INSERT INTO invitations (organization_id, email, email_key, role, invited_by, invited_by_name,"
    " created_at, expires_at, times_sent, state, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  _od_bind_text (stmt, 2, trimmed);
  _od_bind_text (stmt, 3, key);
  sqlite3_bind_int (stmt, 4, role);
  sqlite3_bind_int64 (stmt, 5, who.id);
  _od_bind_text (stmt, 6, who.name);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now + OD_INVITATION_LIFETIME_DAYS * 24 * 3600);
  _od_bind_text (stmt, 9, code);
  if (!_od_step_done (self, stmt, error))
    goto out;

  if (!(invitation = _od_load_invitation (self, sqlite3_last_insert_rowid (self->db), error)))
    goto out;

  after_json = _od_invitation_json (invitation);
  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "invitation.create", trimmed,
                       NULL, after_json, error))
    goto out;

  _od_queue_change (self, who.organization_id, "invitations");
  ok = TRUE;

out:
  if (!_od_txn_end (self, ok, error))
    g_clear_object (&invitation);
  return invitation;
}

GListModel *
od_repository_list_invitations (OdRepository  *self,
                                gint64         organization_id,
                                GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _od_prepare (self, "SELECT " INVITATION_COLUMNS " FROM invitations i"
                        " WHERE i.organization_id = ? AND i.state IN (1, 4)"
                        " ORDER BY i.created_at DESC, i.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);

  return _od_collect_rows (self, stmt, OD_TYPE_INVITATION, (RowFunc) _od_invitation_from_row, error);
}

static gboolean
set_invitation_state (OdRepository       *self,
                      gint64              invitation_id,
                      OdInvitationState   state,
                      GError            **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, "UPDATE invitations SET state = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, state);
  sqlite3_bind_int64 (stmt, 2, invitation_id);
  return _od_step_done (self, stmt, error);
}

gboolean
od_repository_revoke_invitation (OdRepository  *self,
                                 OdMember      *actor,
                                 gint64         invitation_id,
                                 GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdInvitation) invitation = NULL;
  g_autofree char *before_json = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor_for (self, actor, OD_ACTION_INVITE, &who, error) ||
      !(invitation = _od_load_invitation (self, invitation_id, error)))
    goto out;
  if (od_invitation_get_organization_id (invitation) != who.organization_id)
    {
      _od_not_found (error, _("That invitation is not in your organization."));
      goto out;
    }
  if (od_invitation_get_role (invitation) == OD_ROLE_OWNER &&
      !od_role_check (who.role, OD_ACTION_MANAGE_OWNERS, error))
    goto out;
  if (od_invitation_get_state (invitation) != OD_INVITATION_PENDING &&
      od_invitation_get_state (invitation) != OD_INVITATION_EXPIRED)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                   _("The invitation for %s is already %s."), od_invitation_get_email (invitation),
                   od_invitation_state_to_string (od_invitation_get_state (invitation)));
      goto out;
    }

  before_json = _od_invitation_json (invitation);
  if (!set_invitation_state (self, invitation_id, OD_INVITATION_REVOKED, error) ||
      !_od_journal_append (self, who.organization_id, who.id, who.name, "invitation.revoke",
                       od_invitation_get_email (invitation), before_json, NULL, error))
    goto out;

  _od_queue_change (self, who.organization_id, "invitations");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

OdMember *
od_repository_accept_invitation (OdRepository  *self,
                                 const char    *code,
                                 const char    *name,
                                 GError       **error)
{
  g_autofree char *normalized = NULL;
  g_autoptr(OdInvitation) invitation = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  OdMember *member = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 invitation_id = 0, member_id = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  if (code == NULL || !g_utf8_validate (code, -1, NULL) ||
      *(normalized = normalize_invite_code (code)) == '\0')
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_REQUIRED,
                           _("Enter the invite code from your invitation."));
      return NULL;
    }
  if (!_od_validate_text (name, _("name"), MAX_NAME_LENGTH, error))
    return NULL;

  if (!_od_txn_begin (self, error))
    return NULL;

  stmt = _od_prepare (self, "SELECT id FROM invitations WHERE code = ?", error);
  if (stmt == NULL)
    goto out;
  _od_bind_text (stmt, 1, normalized);
  if (!_od_step_row (self, stmt, &has_row, error))
    goto out;
  invitation_id = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (invitation_id == 0)
    {
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVITE_CODE,
                   _("No invitation has the code %s. Check it for typos."), normalized);
      goto out;
    }
  if (!(invitation = _od_load_invitation (self, invitation_id, error)))
    goto out;

  switch (od_invitation_get_state (invitation))
    {
    case OD_INVITATION_ACCEPTED:
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVITE_CODE,
                   _("The invite code %s has already been used. Each code works once."), normalized);
      goto out;
    case OD_INVITATION_REVOKED:
      g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVITE_CODE,
                   _("The invitation with code %s was revoked by the organization. Ask an admin for a new one."),
                   normalized);
      goto out;
    case OD_INVITATION_EXPIRED:
      {
        g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (od_invitation_get_expires_at (invitation));
        g_autofree char *date = g_date_time_format (when, "%x");

        g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVITE_CODE,
                     _("The invite code %s expired on %s. Ask an admin to resend the invitation."),
                     normalized, date);
        goto out;
      }
    case OD_INVITATION_PENDING:
    default:
      break;
    }

  if (!_od_insert_member (self, od_invitation_get_organization_id (invitation),
                      od_invitation_get_email (invitation), name, od_invitation_get_role (invitation),
                      _od_now_seconds (), &member_id, error) ||
      !set_invitation_state (self, invitation_id, OD_INVITATION_ACCEPTED, error) ||
      !(member = _od_load_member (self, member_id, error)))
    goto out;

  before_json = _od_invitation_json (invitation);
  after_json = _od_member_json (member);
  if (!_od_journal_append (self, od_member_get_organization_id (member), member_id,
                       od_member_get_name (member), "invitation.accept",
                       od_member_get_email (member), before_json, after_json, error))
    goto out;

  _od_queue_change (self, od_member_get_organization_id (member), "members");
  _od_queue_change (self, od_member_get_organization_id (member), "invitations");
  ok = TRUE;

out:
  if (!_od_txn_end (self, ok, error))
    g_clear_object (&member);
  return member;
}
