/* test-roles.c — the permission table of SPEC §3, cell by cell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "od-error.h"
#include "od-role.h"

/* The SPEC §3 table: which roles may do what. R W A O */
static const struct {
  OdAction action;
  gboolean allowed[4];
} matrix[] = {
  { OD_ACTION_VIEW,                   { TRUE,  TRUE,  TRUE,  TRUE } },
  { OD_ACTION_REACT,                  { TRUE,  TRUE,  TRUE,  TRUE } },
  { OD_ACTION_POST_UPDATE,            { FALSE, TRUE,  TRUE,  TRUE } },
  { OD_ACTION_COMMENT,                { FALSE, TRUE,  TRUE,  TRUE } },
  { OD_ACTION_EDIT_OWN_POST,          { FALSE, TRUE,  TRUE,  TRUE } },
  { OD_ACTION_EDIT_ANY_POST,          { FALSE, FALSE, TRUE,  TRUE } },
  { OD_ACTION_MANAGE_TEAMS,           { FALSE, FALSE, TRUE,  TRUE } },
  { OD_ACTION_MANAGE_TEAM_MEMBERSHIP, { FALSE, FALSE, TRUE,  TRUE } },
  { OD_ACTION_INVITE,                 { FALSE, FALSE, TRUE,  TRUE } },
  { OD_ACTION_REMOVE_MEMBER,          { FALSE, FALSE, TRUE,  TRUE } },
  { OD_ACTION_CHANGE_ROLE,            { FALSE, FALSE, TRUE,  TRUE } },
  { OD_ACTION_MANAGE_BILLING,         { FALSE, FALSE, TRUE,  TRUE } },
  { OD_ACTION_MANAGE_SETTINGS,        { FALSE, FALSE, TRUE,  TRUE } },
  { OD_ACTION_MANAGE_OWNERS,          { FALSE, FALSE, FALSE, TRUE } },
  { OD_ACTION_DELETE_ORGANIZATION,    { FALSE, FALSE, FALSE, TRUE } },
};

static void
test_matrix_covers_every_action (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (matrix), ==, OD_ACTION_LAST - 1);
}

static void
test_matrix (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (matrix); i++)
    for (OdRole role = OD_ROLE_READ; role <= OD_ROLE_OWNER; role++)
      {
        g_autoptr(GError) error = NULL;
        gboolean expected = matrix[i].allowed[role - 1];
        gboolean ok = od_role_check (role, matrix[i].action, &error);

        if (ok != expected)
          g_error ("role %s, action %d: expected %s", od_role_to_string (role), matrix[i].action,
                   expected ? "allowed" : "denied");
        g_assert_cmpint (od_role_can (role, matrix[i].action), ==, expected);
        if (expected)
          g_assert_no_error (error);
        else
          {
            g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_DENIED);
            /* The message names the role the person has. */
            g_assert_nonnull (strstr (error->message, od_role_get_label (role)));
          }
      }
}

static void
test_no_role_can_do_nothing (void)
{
  g_autoptr(GError) error = NULL;

  for (OdAction a = 1; a < OD_ACTION_LAST; a++)
    g_assert_false (od_role_can (OD_ROLE_NONE, a));
  g_assert_false (od_role_check (OD_ROLE_NONE, OD_ACTION_VIEW, &error));
  g_assert_error (error, OD_PERMISSION_ERROR, OD_PERMISSION_ERROR_NOT_MEMBER);
}

static void
test_role_strings (void)
{
  g_assert_cmpint (od_role_from_string ("read"), ==, OD_ROLE_READ);
  g_assert_cmpint (od_role_from_string ("WRITE"), ==, OD_ROLE_WRITE);
  g_assert_cmpint (od_role_from_string (" Admin "), ==, OD_ROLE_ADMIN);
  g_assert_cmpint (od_role_from_string ("oWnEr"), ==, OD_ROLE_OWNER);
  g_assert_cmpint (od_role_from_string ("root"), ==, OD_ROLE_NONE);
  g_assert_cmpint (od_role_from_string (""), ==, OD_ROLE_NONE);
  g_assert_cmpint (od_role_from_string (NULL), ==, OD_ROLE_NONE);
  for (OdRole r = OD_ROLE_READ; r <= OD_ROLE_OWNER; r++)
    g_assert_cmpint (od_role_from_string (od_role_to_string (r)), ==, r);
}

/* Changing roles: Admins move people among Read/Write/Admin; only Owners touch Owner. */
static void
test_role_changes (void)
{
  static const struct {
    OdRole actor, from, to;
    guint n_owners;
    GQuark domain;
    int code;          /* 0: allowed */
  } cases[] = {
    { OD_ROLE_ADMIN, OD_ROLE_READ,  OD_ROLE_WRITE, 1, 0, 0 },
    { OD_ROLE_ADMIN, OD_ROLE_WRITE, OD_ROLE_ADMIN, 1, 0, 0 },
    { OD_ROLE_ADMIN, OD_ROLE_ADMIN, OD_ROLE_READ,  1, 0, 0 },
    { OD_ROLE_ADMIN, OD_ROLE_WRITE, OD_ROLE_OWNER, 1, 0, OD_PERMISSION_ERROR_DENIED },
    { OD_ROLE_ADMIN, OD_ROLE_OWNER, OD_ROLE_ADMIN, 2, 0, OD_PERMISSION_ERROR_DENIED },
    { OD_ROLE_WRITE, OD_ROLE_READ,  OD_ROLE_WRITE, 1, 0, OD_PERMISSION_ERROR_DENIED },
    { OD_ROLE_READ,  OD_ROLE_READ,  OD_ROLE_WRITE, 1, 0, OD_PERMISSION_ERROR_DENIED },
    { OD_ROLE_OWNER, OD_ROLE_WRITE, OD_ROLE_OWNER, 1, 0, 0 },
    { OD_ROLE_OWNER, OD_ROLE_OWNER, OD_ROLE_ADMIN, 2, 0, 0 },
    { OD_ROLE_OWNER, OD_ROLE_OWNER, OD_ROLE_ADMIN, 1, 0, OD_PERMISSION_ERROR_LAST_OWNER },
    { OD_ROLE_OWNER, OD_ROLE_OWNER, OD_ROLE_READ,  1, 0, OD_PERMISSION_ERROR_LAST_OWNER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = od_role_check_change (cases[i].actor, cases[i].from, cases[i].to,
                                          cases[i].n_owners, &error);
      if (cases[i].code == 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, OD_PERMISSION_ERROR, cases[i].code);
        }
    }

  {
    g_autoptr(GError) error = NULL;
    g_assert_false (od_role_check_change (OD_ROLE_OWNER, OD_ROLE_READ, 0, 1, &error));
    g_assert_error (error, OD_VALIDATION_ERROR, OD_VALIDATION_ERROR_INVALID);
  }
}

static void
test_removals (void)
{
  static const struct {
    OdRole actor, target;
    gboolean self;
    guint n_owners;
    int code;
  } cases[] = {
    { OD_ROLE_ADMIN, OD_ROLE_WRITE, FALSE, 1, 0 },
    { OD_ROLE_ADMIN, OD_ROLE_ADMIN, FALSE, 1, 0 },
    { OD_ROLE_ADMIN, OD_ROLE_OWNER, FALSE, 2, OD_PERMISSION_ERROR_DENIED },
    { OD_ROLE_WRITE, OD_ROLE_READ,  FALSE, 1, OD_PERMISSION_ERROR_DENIED },
    { OD_ROLE_READ,  OD_ROLE_READ,  TRUE,  1, 0 },              /* anyone may leave */
    { OD_ROLE_OWNER, OD_ROLE_OWNER, TRUE,  1, OD_PERMISSION_ERROR_LAST_OWNER },
    { OD_ROLE_OWNER, OD_ROLE_OWNER, TRUE,  2, 0 },
    { OD_ROLE_OWNER, OD_ROLE_OWNER, FALSE, 2, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = od_role_check_removal (cases[i].actor, cases[i].target, cases[i].self,
                                           cases[i].n_owners, &error);
      if (cases[i].code == 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, OD_PERMISSION_ERROR, cases[i].code);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/roles/matrix-covers-every-action", test_matrix_covers_every_action);
  g_test_add_func ("/roles/matrix", test_matrix);
  g_test_add_func ("/roles/no-role", test_no_role_can_do_nothing);
  g_test_add_func ("/roles/strings", test_role_strings);
  g_test_add_func ("/roles/changes", test_role_changes);
  g_test_add_func ("/roles/removals", test_removals);

  return g_test_run ();
}
