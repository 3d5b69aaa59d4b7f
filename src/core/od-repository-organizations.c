/* od-repository-organizations.c — the repository's organizations: create, look up, save, delete
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
#include <libsecret/secret.h>
#include <sqlite3.h>

#include "od-credential-store.h"
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
 * Organizations
 */

static char *
slug_base (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
      if (slug->len >= 48)
        break;
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "org");
  return g_string_free (slug, FALSE);
}

char *
_od_unique_slug (OdRepository  *self,
             const char    *name,
             GError       **error)
{
  g_autofree char *base = slug_base (name);
  sqlite3_stmt *stmt = _od_prepare (self, "SELECT 1 FROM organizations WHERE slug = ?", error);

  if (stmt == NULL)
    return NULL;

  for (guint n = 1; ; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);
      gboolean has_row;

      sqlite3_reset (stmt);
      _od_bind_text (stmt, 1, candidate);
      if (!_od_step_row (self, stmt, &has_row, error))
        return NULL;
      sqlite3_reset (stmt);
      if (!has_row)
        return g_steal_pointer (&candidate);
    }
}

/* Whether the organization has a member with this comparison key (od_email_normalize). */
gboolean
_od_member_exists (OdRepository  *self,
               gint64         organization_id,
               const char    *email_key,
               gboolean      *exists,
               GError       **error)
{
  sqlite3_stmt *stmt = _od_prepare (self, "SELECT 1 FROM members WHERE organization_id = ? AND email_key = ?",
                                error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  _od_bind_text (stmt, 2, email_key);
  if (!_od_step_row (self, stmt, exists, error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_od_insert_member (OdRepository  *self,
               gint64         organization_id,
               const char    *email,
               const char    *name,
               OdRole         role,
               gint64         joined_at,
               gint64        *member_id,
               GError       **error)
{
  g_autofree char *key = od_email_normalize (email);
  g_autofree char *trimmed_email = g_strstrip (g_strdup (email));
  g_autofree char *trimmed_name = g_strstrip (g_strdup (name));
  sqlite3_stmt *stmt;
  gboolean has_row;

  if (!_od_member_exists (self, organization_id, key, &has_row, error))
    return FALSE;
  if (has_row)
    {
      g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS,
                   _("%s is already a member of this organization."), trimmed_email);
      return FALSE;
    }

  stmt = _od_prepare (self,
    "INSERT INTO members (organization_id, email, email_key, name, role, joined_at, last_active_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  _od_bind_text (stmt, 2, trimmed_email);
  _od_bind_text (stmt, 3, key);
  _od_bind_text (stmt, 4, trimmed_name);
  sqlite3_bind_int (stmt, 5, role);
  sqlite3_bind_int64 (stmt, 6, joined_at);
  sqlite3_bind_int64 (stmt, 7, joined_at);
  if (!_od_step_done (self, stmt, error))
    return FALSE;
  *member_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gint64
_od_next_billing_after (gint64 start,
                    OdTerm term)
{
  g_autoptr(GDateTime) from = g_date_time_new_from_unix_utc (start);
  g_autoptr(GDateTime) next = g_date_time_add_months (from, od_term_get_months (term));

  return g_date_time_to_unix (next);
}

OdOrganization *
_od_load_organization (OdRepository  *self,
                   gint64         id,
                   const char    *slug,
                   GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;
  OdOrganization *org = NULL;

  stmt = _od_prepare (self, slug == NULL
                        ? "SELECT " ORGANIZATION_COLUMNS " FROM organizations o WHERE o.id = ?"
                        : "SELECT " ORGANIZATION_COLUMNS " FROM organizations o WHERE o.slug = ?",
                  error);
  if (stmt == NULL)
    return NULL;
  if (slug != NULL)
    _od_bind_text (stmt, 1, slug);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (!_od_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    org = _od_organization_from_row (self, stmt);
  else if (slug != NULL)
    g_set_error (error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_NOT_FOUND,
                 _("There is no organization “%s”. `orgdeskctl org list` shows them all."), slug);
  else
    _od_not_found (error, _("That organization no longer exists."));
  sqlite3_reset (stmt);
  return org;
}

OdOrganization *
od_repository_create_organization (OdRepository  *self,
                                   const char    *name,
                                   const char    *owner_email,
                                   const char    *owner_name,
                                   guint          seats,
                                   GError       **error)
{
  g_autofree char *slug = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *after = NULL;
  OdOrganization *org = NULL;
  gint64 org_id = 0, owner_id = 0, now = _od_now_seconds ();
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  if (!_od_validate_text (name, _("organization name"), MAX_NAME_LENGTH, error) ||
      !od_email_validate (owner_email, error) ||
      !_od_validate_text (owner_name, _("name for yourself"), MAX_NAME_LENGTH, error))
    return NULL;
  if (seats == 0)
    seats = 5;

  trimmed = g_strstrip (g_strdup (name));

  if (!_od_txn_begin (self, error))
    return NULL;

  if (!(slug = _od_unique_slug (self, trimmed, error)))
    goto out;

  stmt = _od_prepare (self, "INSERT INTO organizations (name, slug, created_at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  _od_bind_text (stmt, 1, trimmed);
  _od_bind_text (stmt, 2, slug);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!_od_step_done (self, stmt, error))
    goto out;
  org_id = sqlite3_last_insert_rowid (self->db);

  if (!_od_insert_member (self, org_id, owner_email, owner_name, OD_ROLE_OWNER, now, &owner_id, error))
    goto out;

  stmt = _od_prepare (self,
    "INSERT INTO subscriptions (organization_id, plan, term, seats, status, started_at, next_billing_at)"
    " VALUES (?, 'Teams', ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, org_id);
  sqlite3_bind_int (stmt, 2, OD_TERM_MONTHLY);
  sqlite3_bind_int (stmt, 3, seats);
  sqlite3_bind_int (stmt, 4, OD_SUBSCRIPTION_ACTIVE);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int64 (stmt, 6, _od_next_billing_after (now, OD_TERM_MONTHLY));
  if (!_od_step_done (self, stmt, error))
    goto out;

  {
    JsonBuilder *b = _od_json_begin ();
    _od_json_add_string (b, "name", trimmed);
    _od_json_add_string (b, "slug", slug);
    _od_json_add_int (b, "seats", seats);
    after = _od_json_end (b);
  }
  if (!_od_journal_append (self, org_id, owner_id, owner_name, "organization.create", trimmed,
                       NULL, after, error))
    goto out;

  if (!(org = _od_load_organization (self, org_id, NULL, error)))
    goto out;

  _od_queue_change (self, 0, "organizations");
  ok = TRUE;

out:
  if (!_od_txn_end (self, ok, error))
    g_clear_object (&org);
  return org;
}

GListModel *
od_repository_list_organizations (OdRepository  *self,
                                  GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GListStore) store = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _od_prepare (self, "SELECT " ORGANIZATION_COLUMNS " FROM organizations o ORDER BY o.name COLLATE NOCASE, o.id",
                  error);
  if (stmt == NULL)
    return NULL;

  /* Collect ids first: loading domains uses another statement. */
  store = g_list_store_new (OD_TYPE_ORGANIZATION);
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (ids, id);
      }
    sqlite3_reset (stmt);
    if (rc != SQLITE_DONE)
      {
        _od_set_sqlite_error (self, rc, error);
        return NULL;
      }
    for (guint i = 0; i < ids->len; i++)
      {
        g_autoptr(OdOrganization) org = _od_load_organization (self, g_array_index (ids, gint64, i), NULL, error);
        if (org == NULL)
          return NULL;
        g_list_store_append (store, org);
      }
  }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

OdOrganization *
od_repository_lookup_organization (OdRepository  *self,
                                   const char    *slug,
                                   GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return _od_load_organization (self, 0, slug, error);
}

OdOrganization *
od_repository_get_organization (OdRepository  *self,
                                gint64         organization_id,
                                GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return _od_load_organization (self, organization_id, NULL, error);
}

static char *
organization_json (OdOrganization *org)
{
  JsonBuilder *b = _od_json_begin ();
  const char * const *domains = od_organization_get_domains (org);

  _od_json_add_string (b, "name", od_organization_get_name (org));
  _od_json_add_string (b, "description", od_organization_get_description (org));
  _od_json_add_string (b, "contact_name", od_organization_get_contact_name (org));
  _od_json_add_string (b, "contact_email", od_organization_get_contact_email (org));
  _od_json_add_string (b, "contact_phone", od_organization_get_contact_phone (org));
  _od_json_add_string (b, "address", od_organization_get_address (org));
  _od_json_add_string (b, "sso_tenant", od_organization_get_sso_tenant (org));
  _od_json_add_string (b, "team_creation_role", od_role_to_string (od_organization_get_team_creation_role (org)));
  json_builder_set_member_name (b, "domains");
  json_builder_begin_array (b);
  for (guint i = 0; domains && domains[i]; i++)
    json_builder_add_string_value (b, domains[i]);
  json_builder_end_array (b);
  return _od_json_end (b);
}

gboolean
od_repository_save_organization (OdRepository    *self,
                                 OdMember        *actor,
                                 OdOrganization  *organization,
                                 GError         **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdOrganization) before = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  const char * const *domains;
  OdRole team_role;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (OD_IS_ORGANIZATION (organization), FALSE);

  if (!_od_validate_text (od_organization_get_name (organization), _("organization name"),
                      MAX_NAME_LENGTH, error))
    return FALSE;
  team_role = od_organization_get_team_creation_role (organization);
  if (team_role != OD_ROLE_WRITE && team_role != OD_ROLE_ADMIN)
    {
      g_set_error_literal (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                           _("Teams can be created by Admins only, or by Write members and up."));
      return FALSE;
    }

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor_for (self, actor, OD_ACTION_MANAGE_SETTINGS, &who, error))
    goto out;
  if (who.organization_id != od_organization_get_id (organization))
    {
      g_set_error_literal (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_NOT_MEMBER,
                           _("You are not a member of that organization."));
      goto out;
    }
  if (!(before = _od_load_organization (self, who.organization_id, NULL, error)))
    goto out;

  stmt = _od_prepare (self,
    "UPDATE organizations SET name = ?, description = ?, contact_name = ?, contact_email = ?,"
    " contact_phone = ?, address = ?, sso_tenant = ?, team_creation_role = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  _od_bind_text (stmt, 1, od_organization_get_name (organization));
  _od_bind_text (stmt, 2, od_organization_get_description (organization));
  _od_bind_text (stmt, 3, od_organization_get_contact_name (organization));
  _od_bind_text (stmt, 4, od_organization_get_contact_email (organization));
  _od_bind_text (stmt, 5, od_organization_get_contact_phone (organization));
  _od_bind_text (stmt, 6, od_organization_get_address (organization));
  _od_bind_text (stmt, 7, od_organization_get_sso_tenant (organization));
  sqlite3_bind_int (stmt, 8, team_role);
  sqlite3_bind_int64 (stmt, 9, who.organization_id);
  if (!_od_step_done (self, stmt, error))
    goto out;

  stmt = _od_prepare (self, "DELETE FROM organization_domains WHERE organization_id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  if (!_od_step_done (self, stmt, error))
    goto out;

  domains = od_organization_get_domains (organization);
  for (guint i = 0; domains && domains[i]; i++)
    {
      g_autofree char *domain = g_utf8_strdown (domains[i], -1);

      stmt = _od_prepare (self, "INSERT INTO organization_domains (organization_id, domain, position)"
                            " VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, who.organization_id);
      _od_bind_text (stmt, 2, g_strstrip (domain));
      sqlite3_bind_int (stmt, 3, i);
      if (!_od_step_done (self, stmt, error))
        {
          if (g_error_matches (*error, OD_REPOSITORY_ERROR, OD_REPOSITORY_ERROR_EXISTS))
            {
              g_clear_error (error);
              g_set_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID,
                           _("The domain “%s” is listed twice."), domain);
            }
          goto out;
        }
    }

  before_json = organization_json (before);
  after_json = organization_json (organization);
  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "organization.update",
                       od_organization_get_name (organization), before_json, after_json, error))
    goto out;

  _od_queue_change (self, 0, "organizations");
  ok = TRUE;

out:
  return _od_txn_end (self, ok, error);
}

typedef struct
{
  gboolean  done;
  GError   *error;
} ClearWait;

static void
clear_secrets_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  ClearWait *wait = user_data;

  /* FALSE without an error: the keyring held nothing of the organization. */
  secret_password_clear_finish (result, &wait->error);
  wait->done = TRUE;
}

static gboolean
clear_secrets_timeout_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_REMOVE;
}

/* Removes every keyring item that carries the organization's id: all its API keys, and any an
 * interrupted create left behind. Blocks (on a private main context, so from any thread) for at
 * most OD_CREDENTIAL_TIMEOUT_SECONDS. */
static gboolean
clear_organization_secrets (gint64    organization_id,
                            GError  **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GHashTable) attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GSource *timeout = g_timeout_source_new_seconds (OD_CREDENTIAL_TIMEOUT_SECONDS);
  ClearWait wait = { 0 };

  g_hash_table_insert (attributes, (gpointer) "organization-id",
                       g_strdup_printf ("%" G_GINT64_FORMAT, organization_id));
  g_main_context_push_thread_default (context);
  g_source_set_callback (timeout, clear_secrets_timeout_cb, cancellable, NULL);
  g_source_attach (timeout, context);
  secret_password_clearv (od_credential_store_get_schema (), attributes, cancellable,
                          clear_secrets_done_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  g_source_unref (timeout);
  g_main_context_pop_thread_default (context);

  if (wait.error != NULL)
    {
      g_set_error (error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_NO_KEYRING,
                   _("The organization’s API keys could not be removed from the keyring (%s). Nothing was "
                     "deleted. Make the keyring available (unlock it) and try again, or delete the API "
                     "keys in Settings first."),
                   g_cancellable_is_cancelled (cancellable) ? _("it did not answer in time") : wait.error->message);
      g_clear_error (&wait.error);
      return FALSE;
    }
  return TRUE;
}

/* Whether the actor may delete their organization, and whether it ever had an API key. */
static gboolean
check_delete_organization (OdRepository  *self,
                           OdMember      *actor,
                           gint64        *organization_id,
                           gboolean      *has_secrets,
                           GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_auto(Actor) who = { 0 };
  gint64 n = 0;

  if (!_od_load_actor_for (self, actor, OD_ACTION_DELETE_ORGANIZATION, &who, error) ||
      !_od_query_int64 (self, "SELECT count(*) FROM credential_ids WHERE organization_id = ?",
                        who.organization_id, 0, &n, error))
    return FALSE;
  *organization_id = who.organization_id;
  *has_secrets = n > 0;
  return TRUE;
}

/* The keyring items go first, as when one API key is deleted: if the keyring cannot be reached
 * the organization stays, so that no secret outlives it unseen (organization ids are reused).
 * An organization that never had an API key does not touch the keyring. */
gboolean
od_repository_delete_organization (OdRepository  *self,
                                   OdMember      *actor,
                                   GError       **error)
{
  g_auto(Actor) who = { 0 };
  g_autoptr(OdOrganization) before = NULL;
  g_autofree char *before_json = NULL;
  sqlite3_stmt *stmt;
  gint64 organization_id = 0;
  gboolean has_secrets = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (OD_IS_REPOSITORY (self), FALSE);

  if (!check_delete_organization (self, actor, &organization_id, &has_secrets, error))
    return FALSE;
  if (has_secrets && !clear_organization_secrets (organization_id, error))
    return FALSE;

  if (!_od_txn_begin (self, error))
    return FALSE;

  if (!_od_load_actor_for (self, actor, OD_ACTION_DELETE_ORGANIZATION, &who, error))
    goto out;
  if (!(before = _od_load_organization (self, who.organization_id, NULL, error)))
    goto out;

  stmt = _od_prepare (self, "DELETE FROM organizations WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, who.organization_id);
  if (!_od_step_done (self, stmt, error))
    goto out;

  before_json = organization_json (before);
  if (!_od_journal_append (self, who.organization_id, who.id, who.name, "organization.delete",
                       od_organization_get_name (before), before_json, NULL, error))
    goto out;

  _od_queue_change (self, 0, "organizations");
  _od_queue_change (self, who.organization_id, "members");
  ok = TRUE;

out:
  if (!_od_txn_end (self, ok, error))
    {
      if (has_secrets)
        g_prefix_error (error, "%s ", _("The organization’s API keys were removed from the keyring, but the "
                                        "organization was not deleted; enter its keys again in Settings."));
      return FALSE;
    }
  return TRUE;
}
