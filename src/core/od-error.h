/* od-error.h — error domains of the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OD_REPOSITORY_ERROR (od_repository_error_quark ())
#define OD_PERMISSION_ERROR (od_permission_error_quark ())
#define OD_VALIDATION_ERROR (od_validation_error_quark ())

typedef enum
{
  OD_REPOSITORY_ERROR_OPEN = 1,      /* the file could not be opened or created */
  OD_REPOSITORY_ERROR_NOT_ORGDESK,   /* a SQLite file of another application */
  OD_REPOSITORY_ERROR_NOT_DATABASE,  /* not a SQLite file at all */
  OD_REPOSITORY_ERROR_CORRUPT,       /* a damaged SQLite file */
  OD_REPOSITORY_ERROR_NEWER_SCHEMA,  /* written by a newer Orgdesk */
  OD_REPOSITORY_ERROR_READ_ONLY,     /* the file or its folder cannot be written */
  OD_REPOSITORY_ERROR_FULL,          /* the disk is full */
  OD_REPOSITORY_ERROR_BUSY,          /* another program held the database too long */
  OD_REPOSITORY_ERROR_NOT_FOUND,     /* the thing asked for does not exist */
  OD_REPOSITORY_ERROR_EXISTS,        /* a unique name or email is taken */
  OD_REPOSITORY_ERROR_FAILED,        /* any other SQLite failure */
} OdRepositoryError;

typedef enum
{
  OD_PERMISSION_ERROR_DENIED = 1,    /* the acting member's role does not allow it */
  OD_PERMISSION_ERROR_LAST_OWNER,    /* it would leave the organization without an Owner */
  OD_PERMISSION_ERROR_NOT_MEMBER,    /* the acting person is not a member of the organization */
} OdPermissionError;

typedef enum
{
  OD_VALIDATION_ERROR_INVALID = 1,   /* a value has the wrong shape */
  OD_VALIDATION_ERROR_REQUIRED,      /* a required value is missing */
  OD_VALIDATION_ERROR_TOO_LONG,      /* a value is longer than allowed */
  OD_VALIDATION_ERROR_OUT_OF_RANGE,  /* a number is outside the allowed range */
  OD_VALIDATION_ERROR_SEAT_LIMIT,    /* every seat of the subscription is taken */
  OD_VALIDATION_ERROR_INVITE_CODE,   /* an invite code that is unknown, used, revoked or expired */
  OD_VALIDATION_ERROR_CANNOT_UNDO,   /* the change can no longer be undone (says why) */
} OdValidationError;

GQuark od_repository_error_quark (void);
GQuark od_permission_error_quark (void);
GQuark od_validation_error_quark (void);

G_END_DECLS
