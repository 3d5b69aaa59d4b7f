/* od-repository-teams.c — the repository's teams
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
 * Teams
 */

OdTeam *
_od_team_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (OD_TYPE_TEAM,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "organization-id", sqlite3_column_int64 (stmt, 1),
                       "name", _od_column_text (stmt, 2),
                       "description", _od_column_text (stmt, 3),
                       "created-at", sqlite3_column_int64 (stmt, 4),
                       "n-members", (guint) sqlite3_column_int (stmt, 5),
                       NULL);
}

OdTeam *
_od_load_team (OdRepository  *self,
           const Actor   *who,
           gint64         team_id,
           GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, "SELECT " TEAM_COLUMNS " FROM teams t WHERE t.id = ?", error);
  gboolean has_row;
  OdTeam *team = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, team_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row && (who == NULL || sqlite3_column_int64 (stmt, 1) == who->organization_id))
    team = _od_team_from_row (stmt);
  else
    _od_not_found (error, _("That team no longer exists."));
  sqlite3_reset (stmt);
  return team;
}

static char *
team_json (OdTeam *team)
{
  JsonBuilder *b = _od_json_begin ();

  _od_json_add_int (b, "id", od_team_get_id (team));
  _od_json_add_string (b, "name", od_team_get_name (team));
  _od_json_add_string (b, "description", od_team_get_description (team));
  _od_json_add_int (b, "members", od_team_get_n_members (team));
  return _od_json_end (b);
}

static char *
team_snapshot_json (OdRepository  *self,
                    OdTeam        *team,
                    GError       **error)
{
  g_autoptr(JsonBuilder) b = _od_json_begin ();
  gint64 id = od_team_get_id (team);

  _od_json_add_int (b, "id", id);
  _od_json_add_string (b, "name", od_team_get_name (team));
  _od_json_add_string (b, "description", od_team_get_description (team));
  _od_json_add_int (b, "members", od_team_get_n_members (team));
  json_builder_set_member_name (b, "snapshot");
  json_builder_begin_object (b);
  if (!_od_snapshot_rows (self, b, "teams", "SELECT * FROM teams WHERE id = ?", id, error) ||
      !_od_snapshot_rows (self, b, "team_members", "SELECT * FROM team_members WHERE team_id = ?", id, error) ||
      !_od_snapshot_rows (self, b, "updates", "SELECT * FROM updates WHERE team_id = ?", id, error) ||
      !_od_snapshot_rows (self, b, "reactions", "SELECT r.* FROM reactions r JOIN updates u ON u.id = r.update_id"
                                                " WHERE u.team_id = ?", id, error) ||
      !_od_snapshot_rows (self, b, "comments", "SELECT c.* FROM comments c JOIN updates u ON u.id = c.update_id"
                                               " WHERE u.team_id = ?", id, error))
    return NULL;
  json_builder_end_object (b);
  return _od_json_end (g_steal_pointer (&b));
}

OdTeam *
od_repository_create_team (OdRepository  *self,
                           OdMember      *actor,
                           const char    *name,
                           const char    *description,
                           GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autofree char *trimmed = NULL;
  g_autofree char *key = NULL;
  g_autofree char *after_json = NULL;
  OdTeam *team = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 minimum = OD_ROLE_ADMIN;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  if (!_od_validate_text (name, _("team name"), MAX_NAME_LENGTH, error))
    return NULL;
  trimmed = g_strstrip (g_strdup (name));
  key = g_utf8_casefold (trimmed, -1);

  if (!_od_txn_begin (self, error))
    return NULL;

  if (!_od_load_actor (self, actor, &who, error) ||
      !_od_query_int64 (self, "SELECT team_creation_role FROM organizations WHERE id = ?",
                    who.organization_id, 0, &minimum, error))
    goto out;
  if (who.role < minimum)
    {
      g_set_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED,
                   minimum == OD_ROLE_WRITE
                   ? _("Only members with the Write role or higher can create teams; your role is %s.")
                   : _("Only an Admin or Owner can create teams; your role is %s."),
                   od_role_get_label (who.role));
      goto out;
    }

  stmt = _od_prepare (self, "SELECT 1 FROM teams WHERE organization_id = ? AND name_key = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  _od_bind_text (stmt, 2, key);
  if (!_od_step_row (self, stmt, &has_row, error))
    goto out;
  sqlite3_reset (stmt);
  if (has_row)
    {
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS,
                   _("There is already a team named “%s”. Choose another name."), trimmed);
      goto out;
    }

  stmt = _od_prepare (self, "INSERT INTO teams (organization_id, name, name_key, description, created_at)"
                        " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  _od_bind_text (stmt, 2, trimmed);
  _od_bind_text (stmt, 3, key);
  _od_bind_text (stmt, 4, description ? description : "");
  sqlite3_bind_int64 (stmt, 5, _od_now_seconds ());
  if (!_od_step_done (self, stmt, error) ||
      !(team = _od_load_team (self, &who, sqlite3_last_insert_rowid (self->db), error)))
    goto out;

  after_json = team_json (team);
  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "team.create", trimmed,
                       NULL, after_json, error))
    goto out;

  _od_queue_change (self, who.organization_id, "teams");
  ok = TRUE;

out:
  if (!_od_txn_end (self, ok, error))
    g_clear_object (&team);
  return team;
}

gboolean
od_repository_delete_team (OdRepository  *self,
                           OdMember      *actor,
                           gint64         team_id,
                           GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdTeam) team = NULL;
  g_autofree char *before_json = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor_for (self, actor, OD_ACTION_MANAGE_TEAMS, &who, error) ||
      !(team = _od_load_team (self, &who, team_id, error)))
    goto out;

  /* Everything the cascade will take, so that Undo can put it back. */
  if (!(before_json = team_snapshot_json (self, team, error)))
    goto out;

  stmt = _od_prepare (self, "DELETE FROM teams WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, team_id);
  if (!_od_step_done (self, stmt, error))
    goto out;

  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "team.delete",
                       od_team_get_name (team), before_json, NULL, error))
    goto out;

  _od_queue_change (self, who.organization_id, "teams");
  _od_queue_change (self, who.organization_id, "updates");
  _od_queue_change (self, who.organization_id, "members");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

gboolean
od_repository_add_team_member (OdRepository  *self,
                               OdMember      *actor,
                               gint64         team_id,
                               gint64         member_id,
                               GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdTeam) team = NULL;
  g_autoptr(OdMember) member = NULL;
  g_autofree char *target = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor_for (self, actor, OD_ACTION_MANAGE_TEAM_MEMBERSHIP, &who, error) ||
      !(team = _od_load_team (self, &who, team_id, error)) ||
      !(member = _od_load_target_member (self, &who, member_id, error)))
    goto out;

  stmt = _od_prepare (self, "INSERT OR IGNORE INTO team_members (team_id, member_id) VALUES (?, ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, team_id);
  sqlite3_bind_int64 (stmt, 2, member_id);
  if (!_od_step_done (self, stmt, error))
    goto out;

  if (sqlite3_changes (self->db) > 0)
    {
      target = g_strdup_printf ("%s → %s", od_member_get_email (member), od_team_get_name (team));
      if (!_od_journal_append (self, who.organization_id, who.id, who.name, "team.add-member", target,
                           NULL, NULL, error))
        goto out;
      _od_queue_change (self, who.organization_id, "teams");
      _od_queue_change (self, who.organization_id, "members");
    }
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

GListModel *
od_repository_list_teams (OdRepository  *self,
                          gint64         organization_id,
                          GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _od_prepare (self, "SELECT " TEAM_COLUMNS " FROM teams t WHERE t.organization_id = ?"
                        " ORDER BY t.name_key", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);

  return _od_collect_rows (self, stmt, OD_TYPE_TEAM, (RowFunc) _od_team_from_row, error);
}

gboolean
od_repository_update_team (OdRepository  *self,
                           OdMember      *actor,
                           gint64         team_id,
                           const char    *name,
                           const char    *description,
                           GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdTeam) before = NULL;
  g_autoptr(OdTeam) after = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *key = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_validate_text (name, _("team name"), MAX_NAME_LENGTH, error))
    return FALSE;
  if (description != NULL && !g_utf8_validate (description, -1, NULL))
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                           _("The team description is not valid UTF-8 text."));
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (name));
  key = g_utf8_casefold (trimmed, -1);

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor_for (self, actor, OD_ACTION_MANAGE_TEAMS, &who, error) ||
      !(before = _od_load_team (self, &who, team_id, error)))
    goto out;

  stmt = _od_prepare (self, "SELECT 1 FROM teams WHERE organization_id = ? AND name_key = ? AND id != ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  _od_bind_text (stmt, 2, key);
  sqlite3_bind_int64 (stmt, 3, team_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    goto out;
  sqlite3_reset (stmt);
  if (has_row)
    {
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS,
                   _("There is already a team named “%s”. Choose another name."), trimmed);
      goto out;
    }

  stmt = _od_prepare (self, "UPDATE teams SET name = ?, name_key = ?, description = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  _od_bind_text (stmt, 1, trimmed);
  _od_bind_text (stmt, 2, key);
  _od_bind_text (stmt, 3, description ? description : od_team_get_description (before));
  sqlite3_bind_int64 (stmt, 4, team_id);
  if (!_od_step_done (self, stmt, error) ||
      !(after = _od_load_team (self, &who, team_id, error)))
    goto out;

  before_json = team_json (before);
  after_json = team_json (after);
  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "team.update", trimmed,
                           before_json, after_json, error))
    goto out;

  _od_queue_change (self, who.organization_id, "teams");
  _od_queue_change (self, who.organization_id, "members");
  _od_queue_change (self, who.organization_id, "updates");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

gboolean
od_repository_remove_team_member (OdRepository  *self,
                                  OdMember      *actor,
                                  gint64         team_id,
                                  gint64         member_id,
                                  GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdTeam) team = NULL;
  g_autoptr(OdMember) member = NULL;
  g_autofree char *target = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor_for (self, actor, OD_ACTION_MANAGE_TEAM_MEMBERSHIP, &who, error) ||
      !(team = _od_load_team (self, &who, team_id, error)) ||
      !(member = _od_load_target_member (self, &who, member_id, error)))
    goto out;

  stmt = _od_prepare (self, "DELETE FROM team_members WHERE team_id = ? AND member_id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, team_id);
  sqlite3_bind_int64 (stmt, 2, member_id);
  if (!_od_step_done (self, stmt, error))
    goto out;

  if (sqlite3_changes (self->db) > 0)
    {
      target = g_strdup_printf ("%s → %s", od_member_get_email (member), od_team_get_name (team));
      if (!_od_journal_append (self, who.organization_id, who.id, who.name, "team.remove-member", target,
                               NULL, NULL, error))
        goto out;
      _od_queue_change (self, who.organization_id, "teams");
      _od_queue_change (self, who.organization_id, "members");
    }
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

GListModel *
od_repository_list_team_members (OdRepository  *self,
                                 gint64         team_id,
                                 GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _od_prepare (self, "SELECT " MEMBER_COLUMNS " FROM team_members x JOIN members m ON m.id = x.member_id"
                            " WHERE x.team_id = ? ORDER BY m.name COLLATE NOCASE, m.email_key", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, team_id);
  return _od_collect_rows (self, stmt, OD_TYPE_MEMBER, (RowFunc) _od_member_from_row, error);
}

OdTeam *
od_repository_get_team (OdRepository  *self,
                        gint64         team_id,
                        GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return _od_load_team (self, NULL, team_id, error);
}
