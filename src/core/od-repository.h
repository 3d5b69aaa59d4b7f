/* od-repository.h — the one SQLite file behind Orgdesk, and every rule applied to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every public function is safe to call from any thread: the connection is guarded by a lock and
 * each mutation runs in one transaction together with its journal row. The GUI calls the blocking
 * functions through od_repository_run_async(), which runs them in order on one worker thread.
 *
 * A mutation takes the acting member (`actor`): their role is read again inside the transaction,
 * so a stale object can never grant more than the database says.
 */
#pragma once

#include <gio/gio.h>

#include "od-comment.h"
#include "od-types.h"
#include "od-role.h"
#include "od-invitation.h"
#include "od-invite-batch.h"
#include "od-subscription.h"
#include "od-billing.h"
#include "od-billing-contact.h"

G_BEGIN_DECLS

#define OD_SCHEMA_VERSION 7
#define OD_APPLICATION_ID_MAGIC 0x4f724464 /* "OrDd", stored in PRAGMA application_id */
#define OD_INVITATION_LIFETIME_DAYS 7

#define OD_TYPE_REPOSITORY (od_repository_get_type ())
G_DECLARE_FINAL_TYPE (OdRepository, od_repository, OD, REPOSITORY, GObject)

/* Signals:
 *   "changed" (gint64 organization_id, const char *area) — emitted on the main context of the
 *   thread that opened the repository after a mutation through this object has committed.
 *   area is one of "organizations", "members", "invitations", "teams", "updates", "subscription",
 *   "journal", "settings", "credentials", "policy". organization_id is 0 for changes to the list of organizations.
 */

char           *od_repository_get_default_path     (void);
OdRepository   *od_repository_open                 (const char     *path,
                                                    GError        **error);
void            od_repository_open_async           (const char     *path,
                                                    GCancellable   *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer        user_data);
OdRepository   *od_repository_open_finish          (GAsyncResult   *result,
                                                    GError        **error);
const char     *od_repository_get_path             (OdRepository   *self);
int             od_repository_get_schema_version   (OdRepository   *self);

/* Run func (which may call any blocking od_repository_* function) on the repository's worker
 * thread, in submission order. Its return value (owned, freed with result_free if it is never
 * collected) is given back by od_repository_run_finish(). */
typedef gpointer (*OdRepositoryFunc) (OdRepository  *self,
                                      gpointer       data,
                                      GCancellable  *cancellable,
                                      GError       **error);
void            od_repository_run_async            (OdRepository   *self,
                                                    OdRepositoryFunc func,
                                                    gpointer        data,
                                                    GDestroyNotify  data_free,
                                                    GDestroyNotify  result_free,
                                                    GCancellable   *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer        user_data);
gpointer        od_repository_run_finish           (OdRepository   *self,
                                                    GAsyncResult   *result,
                                                    GError        **error);

/* Organizations */
OdOrganization *od_repository_create_organization  (OdRepository   *self,
                                                    const char     *name,
                                                    const char     *owner_email,
                                                    const char     *owner_name,
                                                    guint           seats,
                                                    GError        **error);
GListModel     *od_repository_list_organizations   (OdRepository   *self,
                                                    GError        **error);
OdOrganization *od_repository_lookup_organization  (OdRepository   *self,
                                                    const char     *slug,
                                                    GError        **error);
OdOrganization *od_repository_get_organization     (OdRepository   *self,
                                                    gint64          organization_id,
                                                    GError        **error);
gboolean        od_repository_save_organization    (OdRepository   *self,
                                                    OdMember       *actor,
                                                    OdOrganization *organization,
                                                    GError        **error);
gboolean        od_repository_delete_organization  (OdRepository   *self,
                                                    OdMember       *actor,
                                                    GError        **error);

/* Members */
OdMember       *od_repository_get_member           (OdRepository   *self,
                                                    gint64          member_id,
                                                    GError        **error);
OdMember       *od_repository_find_member          (OdRepository   *self,
                                                    gint64          organization_id,
                                                    const char     *email,
                                                    GError        **error);
OdMember       *od_repository_get_first_owner      (OdRepository   *self,
                                                    gint64          organization_id,
                                                    GError        **error);
/* A GListModel of OdMember, sorted by name then email, filtered by a search text (NULL or "" for
 * all). It loads rows lazily a page at a time and follows the repository's "changed" signal. */
GListModel     *od_repository_list_members         (OdRepository   *self,
                                                    gint64          organization_id,
                                                    const char     *search,
                                                    GError        **error);
/* The order of od_repository_list_members_full(): by one column, ties broken by name then email
 * (Teams: the team names as shown; members in no team come last either way). Name and email
 * walk an index; the others sort the matching rows. */
typedef enum
{
  OD_MEMBER_SORT_NAME,
  OD_MEMBER_SORT_EMAIL,
  OD_MEMBER_SORT_ROLE,
  OD_MEMBER_SORT_TEAMS,
  OD_MEMBER_SORT_JOINED,
  OD_MEMBER_SORT_LAST_ACTIVE,
} OdMemberSort;

/* The same lazy list (an OdMemberList), narrowed to one role (OD_ROLE_NONE for any) and one team
 * (0 for any), in the given order. */
GListModel     *od_repository_list_members_full    (OdRepository   *self,
                                                    gint64          organization_id,
                                                    const char     *search,
                                                    OdRole          role,
                                                    gint64          team_id,
                                                    OdMemberSort    sort,
                                                    gboolean        descending,
                                                    GError        **error);
guint           od_repository_count_owners         (OdRepository   *self,
                                                    gint64          organization_id,
                                                    GError        **error);
gboolean        od_repository_get_seat_usage       (OdRepository   *self,
                                                    gint64          organization_id,
                                                    guint          *n_members,
                                                    guint          *n_pending,
                                                    guint          *n_seats,
                                                    GError        **error);
gboolean        od_repository_set_member_role      (OdRepository   *self,
                                                    OdMember       *actor,
                                                    gint64          member_id,
                                                    OdRole          role,
                                                    GError        **error);
gboolean        od_repository_remove_member        (OdRepository   *self,
                                                    OdMember       *actor,
                                                    gint64          member_id,
                                                    GError        **error);
/* Bulk changes to a selection (a GArray of gint64 member ids): one transaction, all or nothing,
 * with the rules of the single change applied to each member in turn (only Owners touch Owners;
 * the organization keeps an Owner, so demoting or removing every Owner fails as a whole). The
 * first refusal names the member and nothing is changed. One journal row per member changed,
 * as the single functions write. Removing yourself among others is done last. */
gboolean        od_repository_set_members_role     (OdRepository   *self,
                                                    OdMember       *actor,
                                                    GArray         *member_ids,
                                                    OdRole          role,
                                                    GError        **error);
gboolean        od_repository_remove_members       (OdRepository   *self,
                                                    OdMember       *actor,
                                                    GArray         *member_ids,
                                                    GError        **error);

typedef enum
{
  OD_EXPORT_FORMAT_CSV,
  OD_EXPORT_FORMAT_JSON,
} OdExportFormat;

/* Writes every member matching search (NULL or "" for all) in list order: name, email, role,
 * teams, joined, last active (ISO 8601 UTC; empty/null when never active).
 * CSV: a header row, RFC 4180 quoting, CRLF line ends; a field starting with = + - @ tab or CR
 * is written with a leading ' so that spreadsheets do not run it as a formula (OWASP).
 * JSON: one array of objects {name, email, role, teams[], joined_at, last_active_at}.
 * Reads a page at a time, so the database is not held for the whole export; checks the
 * cancellable between pages. The stream is not closed. */
gboolean        od_repository_export_members       (OdRepository   *self,
                                                    gint64          organization_id,
                                                    const char     *search,
                                                    OdExportFormat  format,
                                                    GOutputStream  *stream,
                                                    GCancellable   *cancellable,
                                                    GError        **error);
/* The same for the rows and order of od_repository_list_members_full(). */
gboolean        od_repository_export_members_full  (OdRepository   *self,
                                                    gint64          organization_id,
                                                    const char     *search,
                                                    OdRole          role,
                                                    gint64          team_id,
                                                    OdMemberSort    sort,
                                                    gboolean        descending,
                                                    OdExportFormat  format,
                                                    GOutputStream  *stream,
                                                    GCancellable   *cancellable,
                                                    GError        **error);

/* Invitations */
OdInvitation   *od_repository_invite               (OdRepository   *self,
                                                    OdMember       *actor,
                                                    const char     *email,
                                                    OdRole          role,
                                                    GError        **error);
GListModel     *od_repository_list_invitations     (OdRepository   *self,
                                                    gint64          organization_id,
                                                    GError        **error);
/* The same rows as a lazy list (OdPagedList): only the pages asked for are read */
GListModel     *od_repository_list_invitations_paged (OdRepository  *self,
                                                    gint64          organization_id,
                                                    GError        **error);
gboolean        od_repository_revoke_invitation    (OdRepository   *self,
                                                    OdMember       *actor,
                                                    gint64          invitation_id,
                                                    GError        **error);
/* Revokes a selection (a GArray of gint64 invitation ids, pending or expired) in one
 * transaction, all or nothing, with one "invitation.revoke" journal row per invitation. */
gboolean        od_repository_revoke_invitations   (OdRepository   *self,
                                                    OdMember       *actor,
                                                    GArray         *invitation_ids,
                                                    GError        **error);
/* A pending or expired invitation makes a fresh start: pending, expiring OD_INVITATION_LIFETIME_DAYS
 * from now, sent once more ("invitation.resend"). An expired one needs a free seat again and
 * an address that is not a member or invited since. Accepted and revoked ones are refused. */
OdInvitation   *od_repository_resend_invitation    (OdRepository   *self,
                                                    OdMember       *actor,
                                                    gint64          invitation_id,
                                                    GError        **error);
/* The invitation with this id, whatever its state, if it is the organization's; else NULL with
 * OD_REPOSITORY_ERROR_NOT_FOUND. */
OdInvitation   *od_repository_get_invitation       (OdRepository   *self,
                                                    gint64          organization_id,
                                                    gint64          invitation_id,
                                                    GError        **error);
/* The open (pending, else the newest expired) invitation for an address. */
OdInvitation   *od_repository_find_invitation      (OdRepository   *self,
                                                    gint64          organization_id,
                                                    const char     *email,
                                                    GError        **error);

/* Bulk invitations (od-invite-batch.h). Review gives every row its outcome and writes nothing;
 * for an actor below Admin every row is "not allowed for your role". Apply reviews again inside
 * its one BEGIN IMMEDIATE transaction (the actor's role, members, invitations and seats as they
 * are now, so a change made meanwhile cannot over-fill the seats; the batch's outcomes are
 * updated), inserts every row that will be invited and writes one "invitation.bulk-create"
 * journal row (the count and the first 100 addresses). Any failure, or cancelling (checked
 * every 100 rows, right after progress is reported; G_IO_ERROR_CANCELLED), rolls it all back.
 * progress (may be NULL) is called on the thread that runs apply, with done/total counting the
 * rows to invite. Apply uses the batch's default role (od_invite_batch_set_default_role(), which
 * each review sets). */
gboolean        od_repository_review_invitations   (OdRepository   *self,
                                                    OdMember       *actor,
                                                    OdInviteBatch  *batch,
                                                    OdRole          default_role,
                                                    GCancellable   *cancellable,
                                                    GError        **error);
gboolean        od_repository_apply_invitations    (OdRepository   *self,
                                                    OdMember       *actor,
                                                    OdInviteBatch  *batch,
                                                    GCancellable   *cancellable,
                                                    OdInviteProgressFunc progress,
                                                    gpointer        user_data,
                                                    GError        **error);
OdMember       *od_repository_accept_invitation    (OdRepository   *self,
                                                    const char     *code,
                                                    const char     *name,
                                                    GError        **error);

/* Teams */
OdTeam         *od_repository_create_team          (OdRepository   *self,
                                                    OdMember       *actor,
                                                    const char     *name,
                                                    const char     *description,
                                                    GError        **error);
gboolean        od_repository_delete_team          (OdRepository   *self,
                                                    OdMember       *actor,
                                                    gint64          team_id,
                                                    GError        **error);
gboolean        od_repository_add_team_member      (OdRepository   *self,
                                                    OdMember       *actor,
                                                    gint64          team_id,
                                                    gint64          member_id,
                                                    GError        **error);
GListModel     *od_repository_list_teams           (OdRepository   *self,
                                                    gint64          organization_id,
                                                    GError        **error);

/* Updates: team_id 0 posts organization-wide. */
OdUpdate       *od_repository_post_update          (OdRepository   *self,
                                                    OdMember       *actor,
                                                    gint64          team_id,
                                                    const char     *title,
                                                    const char     *content,
                                                    const char     *tags,
                                                    GError        **error);
gboolean        od_repository_edit_update          (OdRepository   *self,
                                                    OdMember       *actor,
                                                    gint64          update_id,
                                                    const char     *title,
                                                    const char     *content,
                                                    GError        **error);
gboolean        od_repository_delete_update        (OdRepository   *self,
                                                    OdMember       *actor,
                                                    gint64          update_id,
                                                    GError        **error);
/* team_id < 0: every update; 0: organization-wide only; > 0: that team's. Newest first. */
GListModel     *od_repository_list_updates         (OdRepository   *self,
                                                    gint64          organization_id,
                                                    gint64          team_id,
                                                    guint           limit,
                                                    GError        **error);

/* Subscription (the rules of money and dates are in od-billing.h). Reading the subscription or
 * its history, and every change to it, first rolls the period over when the next billing date
 * has passed (see od_repository_roll_over_subscription). Every change needs the acting member to
 * manage billing (Admin or Owner) and writes a billing_history row and a journal row. */
OdSubscription *od_repository_get_subscription     (OdRepository   *self,
                                                    gint64          organization_id,
                                                    GError        **error);
/* Never below the seats used (members + pending invitations), nor below 1. Added seats are
 * charged, prorated, for the rest of the period; removed ones are not refunded. */
gboolean        od_repository_set_seats            (OdRepository   *self,
                                                    OdMember       *actor,
                                                    guint           seats,
                                                    GError        **error);
/* What set_seats (seats) would charge now and per period from then on, without changing
 * anything; fails with the same message as set_seats when the count is not allowed. */
gboolean        od_repository_quote_seats          (OdRepository   *self,
                                                    gint64          organization_id,
                                                    guint           seats,
                                                    OdSeatQuote    *quote,
                                                    GError        **error);
/* "You have 12 members and 3 pending invitations, so you need at least 15 seats." */
char           *od_repository_describe_seat_minimum (OdRepository  *self,
                                                    gint64          organization_id,
                                                    guint          *minimum,
                                                    GError        **error);
/* The term from the next period on (pending until then); the current term again withdraws a
 * pending change. */
gboolean        od_repository_set_term             (OdRepository   *self,
                                                    OdMember       *actor,
                                                    OdTerm          term,
                                                    GError        **error);
/* A discount code (od_billing_check_discount_code) for the periods from the next one; NULL or
 * "" removes the code. */
gboolean        od_repository_set_discount_code    (OdRepository   *self,
                                                    OdMember       *actor,
                                                    const char     *code,
                                                    GError        **error);
/* Cancel: active until the next billing date, then no renewal. Resume before then restores it;
 * after it has ended, resume starts a new period today and charges it. Both do nothing when
 * there is nothing to do. */
gboolean        od_repository_cancel_subscription  (OdRepository   *self,
                                                    OdMember       *actor,
                                                    GError        **error);
gboolean        od_repository_resume_subscription  (OdRepository   *self,
                                                    OdMember       *actor,
                                                    GError        **error);
/* Saves the contact only when every field is valid (od_billing_contact_validate); otherwise
 * fails with OD_VALIDATION_ERROR_INVALID and, when field_errors is not NULL, sets it to the table
 * of field name → message. */
gboolean        od_repository_save_billing_contact (OdRepository   *self,
                                                    OdMember       *actor,
                                                    const OdBillingContact *contact,
                                                    GHashTable    **field_errors,
                                                    GError        **error);
/* OdBillingEvent items, newest first. */
GListModel     *od_repository_list_billing_history (OdRepository   *self,
                                                    gint64          organization_id,
                                                    GError        **error);
/* The history as CSV, oldest first (id, date, actor, kind, summary, amount, amount_cents,
 * period_total_cents, effective_at, before, after); text cells that start with = + - @ get a
 * leading single quote so that no spreadsheet runs them. */
gboolean        od_repository_export_billing_history (OdRepository *self,
                                                    gint64          organization_id,
                                                    GOutputStream  *stream,
                                                    GCancellable   *cancellable,
                                                    GError        **error);
/* Ends or renews the subscription for every billing date that has passed: the pending term
 * becomes the term and each new period's charge goes into the ledger. *n_periods (may be NULL)
 * is set to the renewals recorded. Called by the functions above; public for a timer. */
gboolean        od_repository_roll_over_subscription (OdRepository *self,
                                                    gint64          organization_id,
                                                    guint          *n_periods,
                                                    GError        **error);

/* Teams, continued */
OdTeam         *od_repository_get_team             (OdRepository   *self,
                                                    gint64          team_id,
                                                    GError        **error);
/* Rename and/or describe; description NULL keeps the current one. */
gboolean        od_repository_update_team          (OdRepository   *self,
                                                    OdMember       *actor,
                                                    gint64          team_id,
                                                    const char     *name,
                                                    const char     *description,
                                                    GError        **error);
gboolean        od_repository_remove_team_member   (OdRepository   *self,
                                                    OdMember       *actor,
                                                    gint64          team_id,
                                                    gint64          member_id,
                                                    GError        **error);
GListModel     *od_repository_list_team_members    (OdRepository   *self,
                                                    gint64          team_id,
                                                    GError        **error);

/* The rows od_repository_list_updates() returns as a lazy list (OdPagedList) */
GListModel     *od_repository_list_updates_paged   (OdRepository   *self,
                                                    gint64          organization_id,
                                                    gint64          team_id,
                                                    GError        **error);
/* Updates, continued: the page after (before_created_at, before_id), newest first. */
GListModel     *od_repository_list_updates_page    (OdRepository   *self,
                                                    gint64          organization_id,
                                                    gint64          team_id,
                                                    gint64          before_created_at,
                                                    gint64          before_id,
                                                    guint           limit,
                                                    GError        **error);
/* Adds the actor's reaction, or takes it back; *reacted tells which. */
gboolean        od_repository_toggle_reaction      (OdRepository   *self,
                                                    OdMember       *actor,
                                                    gint64          update_id,
                                                    const char     *emoji,
                                                    gboolean       *reacted,
                                                    GError        **error);
/* OdReaction items (emoji, count, whether member_id reacted so), in od_reaction_get_choices() order. */
GListModel     *od_repository_list_reactions       (OdRepository   *self,
                                                    gint64          update_id,
                                                    gint64          member_id,
                                                    GError        **error);
GListModel     *od_repository_list_comments        (OdRepository   *self,
                                                    gint64          update_id,
                                                    GError        **error);
OdComment      *od_repository_add_comment          (OdRepository   *self,
                                                    OdMember       *actor,
                                                    gint64          update_id,
                                                    const char     *content,
                                                    GError        **error);
gboolean        od_repository_delete_comment       (OdRepository   *self,
                                                    OdMember       *actor,
                                                    gint64          comment_id,
                                                    GError        **error);

/* Journal, newest first */
GListModel     *od_repository_list_journal         (OdRepository   *self,
                                                    gint64          organization_id,
                                                    guint           limit,
                                                    GError        **error);
guint           od_repository_count_journal        (OdRepository   *self,
                                                    gint64          organization_id,
                                                    GError        **error);

/* The rows od_repository_search_journal() returns as a lazy list (OdPagedList) */
GListModel     *od_repository_list_journal_paged   (OdRepository   *self,
                                                    gint64          organization_id,
                                                    const char     *search,
                                                    const char     *kind,
                                                    gint64          actor_id,
                                                    GError        **error);
GListModel     *od_repository_search_journal       (OdRepository   *self,
                                                    gint64          organization_id,
                                                    const char     *search,
                                                    const char     *kind,
                                                    gint64          actor_id,
                                                    gint64          before_id,
                                                    guint           limit,
                                                    GError        **error);
gboolean        od_repository_export_journal       (OdRepository   *self,
                                                    gint64          organization_id,
                                                    gboolean        as_json,
                                                    GOutputStream  *stream,
                                                    GCancellable   *cancellable,
                                                    GError        **error);

/* Undo: member removals, role changes, invitation revocations, team, update and comment
 * deletions put back exactly as they were; itself journaled as "undo". Returns the new journal
 * entry's id, or 0 with an error that says why it no longer applies. */
gboolean        od_repository_action_is_undoable   (const char     *action);
gboolean        od_repository_get_undo_state       (OdRepository   *self,
                                                    gint64          journal_id,
                                                    gboolean       *undone,
                                                    GError        **error);
gint64          od_repository_undo                 (OdRepository   *self,
                                                    OdMember       *actor,
                                                    gint64          journal_id,
                                                    GError        **error);

/* A new organization filled with deterministic synthetic data; returns it. */
OdOrganization *od_repository_create_demo          (OdRepository   *self,
                                                    guint           n_members,
                                                    guint           n_teams,
                                                    guint           n_updates,
                                                    guint           seats,
                                                    GError        **error);

G_END_DECLS
