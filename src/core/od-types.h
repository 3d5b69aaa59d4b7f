/* od-types.h — forward declarations of Orgdesk's core types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _OdOrganization  OdOrganization;
typedef struct _OdMember        OdMember;
typedef struct _OdInvitation    OdInvitation;
typedef struct _OdTeam          OdTeam;
typedef struct _OdUpdate        OdUpdate;
typedef struct _OdSubscription  OdSubscription;
typedef struct _OdCredential    OdCredential;
typedef struct _OdJournalEntry  OdJournalEntry;
typedef struct _OdRepository    OdRepository;
typedef struct _OdMemberList    OdMemberList;
typedef struct _OdBillingEvent  OdBillingEvent;

G_END_DECLS
