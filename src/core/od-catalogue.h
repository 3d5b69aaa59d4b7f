/* od-catalogue.h — what Orgdesk ships: the model catalogue and the Global applications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both are JSON files in the core's GResource (src/core/catalogue/), read once with json-glib.
 * Model ids are unique across the whole catalogue (Azure deployments carry an "azure/" prefix),
 * so a policy document can name a model by its id alone.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  OD_MODEL_BADGE_ACCURATE = 1,
  OD_MODEL_BADGE_FAST,
} OdModelBadge;

#define OD_TYPE_MODEL_BADGE (od_model_badge_get_type ())
GType        od_model_badge_get_type   (void) G_GNUC_CONST;
const char  *od_model_badge_to_string  (OdModelBadge  badge);   /* "Accurate" or "Fast" */
const char  *od_model_badge_get_label  (OdModelBadge  badge);   /* translated */

typedef struct
{
  const char *id;            /* "openai", "anthropic", "gemini", "azure-openai", "bedrock" */
  const char *name;          /* "OpenAI", … */
} OdCatalogueProvider;

typedef struct
{
  const char   *id;          /* what a policy document names, e.g. "gpt-4.1" */
  const char   *provider;    /* an OdCatalogueProvider id */
  const char   *name;
  const char   *description;
  OdModelBadge  badge;
} OdCatalogueModel;

typedef struct
{
  const char         *id;           /* stable key, e.g. "vscode" */
  const char         *name;         /* "Visual Studio Code" */
  const char * const *bundle_ids;   /* NULL-terminated */
} OdCatalogueApplication;

/* Arrays in catalogue order, valid for the life of the process. */
const OdCatalogueProvider    *od_catalogue_get_providers        (guint       *n_providers);
const OdCatalogueModel       *od_catalogue_get_models           (guint       *n_models);
const OdCatalogueApplication *od_catalogue_get_applications     (guint       *n_applications);

const OdCatalogueProvider    *od_catalogue_lookup_provider      (const char  *id);
const OdCatalogueModel       *od_catalogue_lookup_model         (const char  *id);
const OdCatalogueApplication *od_catalogue_lookup_application   (const char  *id);
/* Case-insensitive match on the application's name. */
const OdCatalogueApplication *od_catalogue_find_application     (const char  *name);

G_END_DECLS
