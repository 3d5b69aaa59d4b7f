/* safety-writer.c — an in-process writer, as the GUI's repository is: N mixed changes queued on
 * the repository's worker thread with od_repository_run_async() and collected in a main loop,
 * while other processes write the same file (tests/safety/test_concurrent_writers.py).
 *
 *   safety-writer DATABASE SLUG N TAG [PAUSE_MS]
 *
 * With PAUSE_MS, one change at a time with that pause after each (as a person clicks), so that the
 * writer stays busy while the other processes run; without, all N are queued at once.
 * Operation i is, by i % 5: create a team, invite an address, change the role of
 * TAG-target@busy.example (read ↔ write), post an update, set the seats (to 300000 + i). Prints one
 * line per kind, "KIND COUNT" of the changes that succeeded, and every failure on standard error;
 * exits 1 when any failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <gio/gio.h>

#include "od-invitation.h"
#include "od-member.h"
#include "od-organization.h"
#include "od-repository.h"
#include "od-team.h"
#include "od-update.h"

#define N_KINDS 5
static const char * const kind_names[N_KINDS] = { "team", "invite", "role", "post", "seats" };

typedef struct
{
  guint     index;
  const char *tag;
  OdMember *actor;
  gint64    target_id;
} Op;

typedef struct
{
  OdRepository *repo;
  OdMember     *actor;
  gint64        target_id;
  const char   *tag;
  guint         n, next, pause_ms;
  guint         pending;
  guint         done[N_KINDS];
  guint         failed;
} Tally;

static void submit_next (Tally *tally);

typedef struct
{
  Tally *tally;
  guint  kind;
} Waiting;

static gpointer
run_op (OdRepository  *repo,
        gpointer       data,
        GCancellable  *cancellable,
        GError       **error)
{
  Op *op = data;
  g_autofree char *text = NULL;
  gboolean ok = FALSE;

  switch (op->index % N_KINDS)
    {
    case 0:
      {
        g_autoptr(OdTeam) team = NULL;
        text = g_strdup_printf ("In-process %s %u", op->tag, op->index);
        team = od_repository_create_team (repo, op->actor, text, "", error);
        ok = team != NULL;
      }
      break;
    case 1:
      {
        g_autoptr(OdInvitation) inv = NULL;
        text = g_strdup_printf ("%s-%u@inprocess.example", op->tag, op->index);
        inv = od_repository_invite (repo, op->actor, text, OD_ROLE_WRITE, error);
        ok = inv != NULL;
      }
      break;
    case 2:
      /* They start as Write; every second change makes them Write again: each one is a real change. */
      ok = od_repository_set_member_role (repo, op->actor, op->target_id,
                                          (op->index / N_KINDS) % 2 == 0 ? OD_ROLE_READ : OD_ROLE_WRITE, error);
      break;
    case 3:
      {
        g_autoptr(OdUpdate) update = NULL;
        text = g_strdup_printf ("In-process update %s %u", op->tag, op->index);
        update = od_repository_post_update (repo, op->actor, 0, text, "Written by the in-process writer.", "", error);
        ok = update != NULL;
      }
      break;
    default:
      ok = od_repository_set_seats (repo, op->actor, 300000 + op->index, error);
      break;
    }
  return ok ? GINT_TO_POINTER (1) : NULL;
}

static void
op_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree Waiting *waiting = user_data;
  Tally *tally = waiting->tally;
  guint kind = waiting->kind;
  g_autoptr(GError) error = NULL;

  if (od_repository_run_finish (OD_REPOSITORY (source), result, &error) != NULL)
    tally->done[kind]++;
  else
    {
      tally->failed++;
      fprintf (stderr, "safety-writer: %s failed: %s\n", kind_names[kind], error ? error->message : "?");
    }
  tally->pending--;
  if (tally->pause_ms > 0 && tally->next < tally->n)
    g_timeout_add_once (tally->pause_ms, (GSourceOnceFunc) submit_next, tally);
}

static void
op_free (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->actor);
  g_free (op);
}

static void
submit_next (Tally *tally)
{
  Op *op = g_new0 (Op, 1);
  Waiting *waiting = g_new0 (Waiting, 1);

  waiting->tally = tally;
  waiting->kind = tally->next % N_KINDS;
  op->index = tally->next++;
  op->tag = tally->tag;
  op->actor = g_object_ref (tally->actor);
  op->target_id = tally->target_id;
  tally->pending++;
  od_repository_run_async (tally->repo, run_op, op, op_free, NULL, NULL, op_done_cb, waiting);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdRepository) repo = NULL;
  g_autoptr(OdOrganization) org = NULL;
  g_autoptr(OdMember) owner = NULL;
  g_autoptr(OdMember) target = NULL;
  g_autofree char *target_email = NULL;
  Tally tally = { 0 };
  guint64 n;

  if (argc < 5 || argc > 6 || !g_ascii_string_to_unsigned (argv[3], 10, 1, 1000000, &n, NULL))
    {
      fprintf (stderr, "Usage: safety-writer DATABASE SLUG N TAG [PAUSE_MS]\n");
      return 2;
    }
  repo = od_repository_open (argv[1], &error);
  if (repo != NULL)
    org = od_repository_lookup_organization (repo, argv[2], &error);
  if (org != NULL)
    owner = od_repository_get_first_owner (repo, od_organization_get_id (org), &error);
  target_email = g_strdup_printf ("%s-target@busy.example", argv[4]);
  if (owner != NULL)
    target = od_repository_find_member (repo, od_organization_get_id (org), target_email, &error);
  if (target == NULL)
    {
      fprintf (stderr, "safety-writer: %s\n", error ? error->message : "no such member");
      return 1;
    }

  tally.repo = repo;
  tally.actor = owner;
  tally.target_id = od_member_get_id (target);
  tally.tag = argv[4];
  tally.n = n;
  tally.pause_ms = argc == 6 ? (guint) g_ascii_strtoull (argv[5], NULL, 10) : 0;
  do
    submit_next (&tally);
  while (tally.pause_ms == 0 && tally.next < tally.n);
  while (tally.pending > 0 || tally.next < tally.n)
    g_main_context_iteration (NULL, TRUE);

  for (guint k = 0; k < N_KINDS; k++)
    printf ("%s %u\n", kind_names[k], tally.done[k]);
  return tally.failed == 0 ? 0 : 1;
}
