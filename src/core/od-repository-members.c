/* od-repository-members.c — the repository's members: lookups, the lazy list's queries, roles, removal
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
 * Members
 */

OdMember *
od_repository_get_member (OdRepository  *self,
                          gint64         member_id,
                          GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return _od_load_member (self, member_id, error);
}

OdMember *
od_repository_find_member (OdRepository  *self,
                           gint64         organization_id,
                           const char    *email,
                           GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  OdMember *member = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (email != NULL, NULL);

  key = od_email_normalize (email);
  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _od_prepare (self, "SELECT " MEMBER_COLUMNS " FROM members m"
                        " WHERE m.organization_id = ? AND m.email_key = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  _od_bind_text (stmt, 2, key);
  if (!_od_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    member = _od_member_from_row (stmt);
  else
    g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND,
                 _("%s is not a member of this organization."), email);
  sqlite3_reset (stmt);
  return member;
}

OdMember *
od_repository_get_first_owner (OdRepository  *self,
                               gint64         organization_id,
                               GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  gint64 id = 0;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!_od_query_int64 (self, "SELECT id FROM members WHERE organization_id = ? AND role = 4"
                          " ORDER BY joined_at, id LIMIT 1", organization_id, 0, &id, error))
    return NULL;
  if (id == 0)
    {
      _od_not_found (error, _("The organization has no Owner."));
      return NULL;
    }
  return _od_load_member (self, id, error);
}

/* "%text%" for LIKE, with the wildcards in the text escaped. */
static char *
like_pattern (const char *search)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = search; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

static gboolean
has_search (const char *search)
{
  return search != NULL && *search != '\0';
}

guint
_od_repository_count_members (OdRepository  *self,
                              gint64         organization_id,
                              const char    *search,
                              GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt;
  gboolean has_row;
  guint n;

  if (has_search (search))
    {
      g_autofree char *pattern = like_pattern (search);

      stmt = _od_prepare (self, "SELECT count(*) FROM members WHERE organization_id = ?"
                            " AND (name LIKE ?2 ESCAPE '\\' OR email LIKE ?2 ESCAPE '\\')", error);
      if (stmt == NULL)
        return 0;
      _od_bind_text (stmt, 2, pattern);
    }
  else
    {
      stmt = _od_prepare (self, "SELECT count(*) FROM members WHERE organization_id = ?", error);
      if (stmt == NULL)
        return 0;
    }
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (!_od_step_row (self, stmt, &has_row, error))
    return 0;
  n = has_row ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return n;
}

/* One page of members in list order. When `after` (the last member of the previous page) is
 * given, the page starts right after it with an index seek instead of counting `offset` rows,
 * so reading the list from top to bottom costs one index walk in all. */
GPtrArray *
_od_repository_fetch_members (OdRepository  *self,
                              gint64         organization_id,
                              const char    *search,
                              OdMember      *after,
                              guint          offset,
                              guint          limit,
                              GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *pattern = has_search (search) ? like_pattern (search) : NULL;
  g_autofree char *after_key = NULL;
  sqlite3_stmt *stmt;
  int rc;

#define SEARCH_CLAUSE " AND (m.name LIKE ?2 ESCAPE '\\' OR m.email LIKE ?2 ESCAPE '\\')"
#define AFTER_CLAUSE " AND m.name >= ?5 COLLATE NOCASE AND (m.name > ?5 COLLATE NOCASE OR m.email_key > ?6)"
#define ORDER_CLAUSE " ORDER BY m.name COLLATE NOCASE, m.email_key LIMIT ?3 OFFSET ?4"
#define FROM_CLAUSE "SELECT " MEMBER_COLUMNS " FROM members m WHERE m.organization_id = ?1"

  if (pattern && after)
    stmt = _od_prepare (self, FROM_CLAUSE SEARCH_CLAUSE AFTER_CLAUSE ORDER_CLAUSE, error);
  else if (pattern)
    stmt = _od_prepare (self, FROM_CLAUSE SEARCH_CLAUSE ORDER_CLAUSE, error);
  else if (after)
    stmt = _od_prepare (self, FROM_CLAUSE AFTER_CLAUSE ORDER_CLAUSE, error);
  else
    stmt = _od_prepare (self, FROM_CLAUSE ORDER_CLAUSE, error);

#undef SEARCH_CLAUSE
#undef AFTER_CLAUSE
#undef ORDER_CLAUSE
#undef FROM_CLAUSE

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  if (pattern)
    _od_bind_text (stmt, 2, pattern);
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, after ? 0 : offset);
  if (after)
    {
      after_key = od_email_normalize (od_member_get_email (after));
      _od_bind_text (stmt, 5, od_member_get_name (after));
      _od_bind_text (stmt, 6, after_key);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, _od_member_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _od_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GListModel *
od_repository_list_members (OdRepository  *self,
                            gint64         organization_id,
                            const char    *search,
                            GError       **error)
{
  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  return _od_member_list_new (self, organization_id, search, error);
}

guint
od_repository_count_owners (OdRepository  *self,
                            gint64         organization_id,
                            GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  guint n = 0;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  _od_count_owners (self, organization_id, &n, error);
  return n;
}

gboolean
_od_seat_usage (OdRepository  *self,
            gint64         organization_id,
            guint         *n_members,
            guint         *n_pending,
            guint         *n_seats,
            GError       **error)
{
  gint64 members = 0, pending = 0, seats = 0;

  if (!_od_query_int64 (self, "SELECT count(*) FROM members WHERE organization_id = ?",
                    organization_id, 0, &members, error) ||
      !_od_query_int64 (self, "SELECT count(*) FROM invitations WHERE organization_id = ? AND state = 1"
                          " AND expires_at > ?", organization_id, _od_now_seconds (), &pending, error) ||
      !_od_query_int64 (self, "SELECT seats FROM subscriptions WHERE organization_id = ?",
                    organization_id, 0, &seats, error))
    return FALSE;

  if (n_members)
    *n_members = members;
  if (n_pending)
    *n_pending = pending;
  if (n_seats)
    *n_seats = seats;
  return TRUE;
}

gboolean
od_repository_get_seat_usage (OdRepository  *self,
                              gint64         organization_id,
                              guint         *n_members,
                              guint         *n_pending,
                              guint         *n_seats,
                              GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  return _od_seat_usage (self, organization_id, n_members, n_pending, n_seats, error);
}

/* Loads the target member and checks it belongs to the actor's organization. */
OdMember *
_od_load_target_member (OdRepository  *self,
                    const Actor   *who,
                    gint64         member_id,
                    GError       **error)
{
  g_autoptr(OdMember) member = _od_load_member (self, member_id, error);

  if (member == NULL)
    return NULL;
  if (od_member_get_organization_id (member) != who->organization_id)
    {
      _od_not_found (error, _("That member is not in your organization."));
      return NULL;
    }
  return g_steal_pointer (&member);
}

gboolean
od_repository_set_member_role (OdRepository  *self,
                               OdMember      *actor,
                               gint64         member_id,
                               OdRole         role,
                               GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdMember) target = NULL;
  g_autoptr(OdMember) after = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *target_text = NULL;
  sqlite3_stmt *stmt;
  guint n_owners = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor (self, actor, &who, error) ||
      !(target = _od_load_target_member (self, &who, member_id, error)) ||
      !_od_count_owners (self, who.organization_id, &n_owners, error) ||
      !od_role_check_change (who.role, od_member_get_role (target), role, n_owners, error))
    goto out;

  if (od_member_get_role (target) == role)
    {
      ok = TRUE;
      goto out;
    }

  stmt = _od_prepare (self, "UPDATE members SET role = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int (stmt, 1, role);
  sqlite3_bind_int64 (stmt, 2, member_id);
  if (!_od_step_done (self, stmt, error))
    goto out;

  if (!(after = _od_load_member (self, member_id, error)))
    goto out;
  before_json = _od_member_json (target);
  after_json = _od_member_json (after);
  target_text = g_strdup_printf ("%s <%s>", od_member_get_name (target), od_member_get_email (target));
  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "member.role", target_text,
                       before_json, after_json, error))
    goto out;

  _od_queue_change (self, who.organization_id, "members");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

gboolean
od_repository_remove_member (OdRepository  *self,
                             OdMember      *actor,
                             gint64         member_id,
                             GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdMember) target = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *target_text = NULL;
  sqlite3_stmt *stmt;
  guint n_owners = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor (self, actor, &who, error) ||
      !(target = _od_load_target_member (self, &who, member_id, error)) ||
      !_od_count_owners (self, who.organization_id, &n_owners, error) ||
      !od_role_check_removal (who.role, od_member_get_role (target), who.id == member_id,
                              n_owners, error))
    goto out;

  before_json = _od_member_json (target);
  stmt = _od_prepare (self, "DELETE FROM members WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (!_od_step_done (self, stmt, error))
    goto out;

  target_text = g_strdup_printf ("%s <%s>", od_member_get_name (target), od_member_get_email (target));
  if (!_od_journal_append (self, who.organization_id, who.id, who.name,
                       who.id == member_id ? "member.leave" : "member.remove",
                       target_text, before_json, NULL, error))
    goto out;

  _od_queue_change (self, who.organization_id, "members");
  _od_queue_change (self, who.organization_id, "teams");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}
