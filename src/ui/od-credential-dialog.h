/* od-credential-dialog.h — add or edit one API key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-credential.h"
#include "od-member.h"
#include "od-repository.h"

G_BEGIN_DECLS

#define OD_TYPE_CREDENTIAL_DIALOG (od_credential_dialog_get_type ())
G_DECLARE_FINAL_TYPE (OdCredentialDialog, od_credential_dialog, OD, CREDENTIAL_DIALOG, AdwWindow)

/* credential NULL adds a new key. Signals: "saved" (OdCredential *) once the keyring and the
 * database hold it; the dialog then closes. */
OdCredentialDialog *od_credential_dialog_new          (GtkWindow          *parent,
                                                       OdRepository       *repository,
                                                       OdMember           *actor,
                                                       OdCredential       *credential);
/* For tests and the keyboard: what Save does */
void                od_credential_dialog_submit       (OdCredentialDialog *self);
/* The provider of the form ("openai", …), and choosing another one (adding only) */
const char         *od_credential_dialog_get_provider (OdCredentialDialog *self);
void                od_credential_dialog_set_provider (OdCredentialDialog *self,
                                                       const char         *provider);
/* The entry row of a field: "name" or a key of od_credential_provider_get_fields() */
GtkWidget          *od_credential_dialog_get_field    (OdCredentialDialog *self,
                                                       const char         *key);
/* The message shown when the core refused the form ("" when none) */
const char         *od_credential_dialog_get_error    (OdCredentialDialog *self);

G_END_DECLS
