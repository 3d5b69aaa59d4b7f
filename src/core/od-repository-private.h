/* od-repository-private.h — what the repository's own files share, and what the core's other
 * types need from it. Nothing outside src/core includes this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "od-invitation.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-repository.h"
#include "od-schema-triggers.h"
#include "od-team.h"

G_BEGIN_DECLS

#define MAX_NAME_LENGTH 200
#define MAX_CONTENT_LENGTH (1024 * 1024)

struct _OdRepository
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  GRecMutex     lock;
  GHashTable   *statements;    /* SQL text → sqlite3_stmt* */
  GThreadPool  *worker;        /* one thread: run_async calls run in order */
  GMainContext *main_context;  /* where "changed" is emitted */
  GThread      *main_thread;   /* the thread that iterates it, when known */
  GArray       *pending;       /* OdChange queued inside the transaction */
  int           schema_version;
};

typedef struct
{
  gint64      organization_id;
  const char *area;            /* a static string */
} OdChange;

/* Turns the current row of a statement into a new object. */
#define ORGANIZATION_COLUMNS \
  "o.id, o.name, o.slug, o.description, o.contact_name, o.contact_email, o.contact_phone," \
  " o.address, o.sso_tenant, o.created_at, o.team_creation_role"

#define MEMBER_COLUMNS \
  "m.id, m.organization_id, m.email, m.name, m.role, m.joined_at, m.last_active_at," \
  " (SELECT group_concat(name, ', ') FROM (SELECT t.name AS name FROM team_members tm" \
  "   JOIN teams t ON t.id = tm.team_id WHERE tm.member_id = m.id ORDER BY t.name_key))," \
  " (SELECT count(*) FROM team_members tm WHERE tm.member_id = m.id)"

#define INVITATION_COLUMNS \
  "i.id, i.organization_id, i.email, i.role, i.invited_by, i.invited_by_name, i.created_at," \
  " i.expires_at, i.times_sent, i.state, i.code"

#define TEAM_COLUMNS \
  "t.id, t.organization_id, t.name, t.description, t.created_at," \
  " (SELECT count(*) FROM team_members tm WHERE tm.team_id = t.id)"

#define UPDATE_COLUMNS \
  "u.id, u.organization_id, u.team_id, t.name, u.author_id, u.author_name, u.title, u.content," \
  " u.tags, u.created_at, u.edited_at, (SELECT count(*) FROM comments c WHERE c.update_id = u.id)"

typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

typedef struct
{
  gint64  id;
  gint64  organization_id;
  OdRole  role;
  char   *name;
} Actor;

/* Shared by the repository's files (od-repository*.c). Statement helpers expect the lock held. */
gint64
_od_now_seconds (void);

gboolean
_od_set_sqlite_error (OdRepository *self,
                      int rc,
                      GError **error);

gboolean
_od_not_found (GError **error,
               const char *message);

sqlite3_stmt *
_od_prepare (OdRepository *self,
             const char *sql,
             GError **error);

gboolean
_od_step_done (OdRepository *self,
               sqlite3_stmt *stmt,
               GError **error);

gboolean
_od_step_row (OdRepository *self,
              sqlite3_stmt *stmt,
              gboolean *has_row,
              GError **error);

gboolean
_od_exec (OdRepository *self,
          const char *sql,
          GError **error);

void
_od_bind_text (sqlite3_stmt *stmt,
               int index,
               const char *text);

const char *
_od_column_text (sqlite3_stmt *stmt,
                 int index);

const char *
_od_column_text_or_null (sqlite3_stmt *stmt,
                         int index);

GListModel *
_od_collect_rows (OdRepository *self,
                  sqlite3_stmt *stmt,
                  GType type,
                  RowFunc row_func,
                  GError **error);

gboolean
_od_query_int64 (OdRepository *self,
                 const char *sql,
                 gint64 arg1,
                 gint64 arg2,
                 gint64 *out,
                 GError **error);

gboolean
_od_txn_begin (OdRepository *self,
               GError **error);

gboolean
_od_txn_end (OdRepository *self,
             gboolean ok,
             GError **error);

void
_od_queue_change (OdRepository *self,
                  gint64 organization_id,
                  const char *area);

JsonBuilder *
_od_json_begin (void);

void
_od_json_add_string (JsonBuilder *builder,
                     const char *key,
                     const char *value);

void
_od_json_add_int (JsonBuilder *builder,
                  const char *key,
                  gint64 value);

char *
_od_json_end (JsonBuilder *builder);

char *
_od_member_json (OdMember *member);

gboolean
_od_journal_append (OdRepository *self,
                    gint64 organization_id,
                    gint64 actor_id,
                    const char *actor_name,
                    const char *action,
                    const char *target,
                    const char *before_json,
                    const char *after_json,
                    GError **error);

OdOrganization *
_od_organization_from_row (OdRepository *self,
                           sqlite3_stmt *stmt);

OdMember *
_od_member_from_row (sqlite3_stmt *stmt);

OdInvitation *
_od_invitation_from_row (sqlite3_stmt *stmt);

char *
_od_invitation_json (OdInvitation *invitation);

void
_od_actor_clear (Actor *actor);

gboolean
_od_load_actor (OdRepository *self,
                OdMember *member,
                Actor *actor,
                GError **error);

gboolean
_od_load_actor_for (OdRepository *self,
                    OdMember *member,
                    OdAction action,
                    Actor *actor,
                    GError **error);

OdMember *
_od_load_member (OdRepository *self,
                 gint64 member_id,
                 GError **error);

gboolean
_od_count_owners (OdRepository *self,
                  gint64 organization_id,
                  guint *n_owners,
                  GError **error);

gboolean
_od_validate_text (const char *text,
                   const char *what,
                   gsize max_length,
                   GError **error);

gboolean
_od_member_exists (OdRepository *self,
                   gint64 organization_id,
                   const char *email_key,
                   gboolean *exists,
                   GError **error);

gboolean
_od_insert_member (OdRepository *self,
                   gint64 organization_id,
                   const char *email,
                   const char *name,
                   OdRole role,
                   gint64 joined_at,
                   gint64 *member_id,
                   GError **error);

gint64
_od_next_billing_after (gint64 start,
                        OdTerm term);

char *
_od_unique_slug (OdRepository *self,
                 const char *name,
                 GError **error);

OdOrganization *
_od_load_organization (OdRepository *self,
                       gint64 id,
                       const char *slug,
                       GError **error);

gboolean
_od_seat_usage (OdRepository *self,
                gint64 organization_id,
                guint *n_members,
                guint *n_pending,
                guint *n_seats,
                GError **error);

OdMember *
_od_load_target_member (OdRepository *self,
                        const Actor *who,
                        gint64 member_id,
                        GError **error);

OdTeam *
_od_load_team (OdRepository *self,
               const Actor *who,
               gint64 team_id,
               GError **error);

char *
_od_normalize_tags (const char *tags);

char *
_od_new_invite_code (void);

OdInvitation *
_od_load_invitation (OdRepository *self,
                     gint64 invitation_id,
                     GError **error);

OdTeam *
_od_team_from_row (sqlite3_stmt *stmt);

/* Snapshots and Undo (od-repository-undo.c) */
gboolean
_od_snapshot_rows (OdRepository *self,
                   JsonBuilder *builder,
                   const char *key,
                   const char *sql,
                   gint64 id,
                   GError **error);
gboolean
_od_snapshot_ids (OdRepository *self,
                  JsonBuilder *builder,
                  const char *key,
                  const char *sql,
                  gint64 id,
                  GError **error);
gboolean
_od_restore_rows (OdRepository *self,
                  JsonObject *snapshot,
                  const char *table,
                  GHashTable *remaps,
                  guint *n_restored,
                  GError **error);
gboolean
_od_restore_references (OdRepository *self,
                        JsonObject *snapshot,
                        const char *key,
                        const char *table,
                        const char *column,
                        gint64 value,
                        GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Actor, _od_actor_clear)

/* For OdMemberList */
guint       _od_repository_count_members  (OdRepository  *self,
                                           gint64         organization_id,
                                           const char    *search,
                                           GError       **error);
GPtrArray  *_od_repository_fetch_members  (OdRepository  *self,
                                           gint64         organization_id,
                                           const char    *search,
                                           OdMember      *after,
                                           guint          offset,
                                           guint          limit,
                                           GError       **error);

GListModel *_od_member_list_new           (OdRepository  *repository,
                                           gint64         organization_id,
                                           const char    *search,
                                           GError       **error);

/* What a member list shows (od_repository_list_members_full()): search NULL or "" for all, role
 * OD_ROLE_NONE for any, team_id 0 for any. */
typedef struct
{
  const char   *search;
  OdRole        role;
  gint64        team_id;
  OdMemberSort  sort;
  gboolean      descending;
} OdMemberQuery;

guint       _od_repository_count_members_query (OdRepository        *self,
                                                gint64               organization_id,
                                                const OdMemberQuery *query,
                                                GError             **error);
GPtrArray  *_od_repository_fetch_members_query (OdRepository        *self,
                                                gint64               organization_id,
                                                const OdMemberQuery *query,
                                                OdMember            *after,
                                                guint                offset,
                                                guint                limit,
                                                GError             **error);
GListModel *_od_member_list_new_query          (OdRepository        *repository,
                                                gint64               organization_id,
                                                const OdMemberQuery *query,
                                                GError             **error);

G_END_DECLS
