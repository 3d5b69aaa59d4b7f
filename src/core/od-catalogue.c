/* od-catalogue.c — the model catalogue and the Global applications, from the core's GResource
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The resource is reached through od_core_catalogue_get_resource() rather than the global
 * resource table: referencing it keeps its object file in every program that links the static
 * core library, with no link_whole needed.
 */
#define G_LOG_DOMAIN "OdCatalogue"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "od-catalogue.h"
#include "od-catalogue-resources.h"

#define RESOURCE_PREFIX "/io/github/orgdesk/Orgdesk/catalogue/"

G_DEFINE_ENUM_TYPE (OdModelBadge, od_model_badge,
  G_DEFINE_ENUM_VALUE (OD_MODEL_BADGE_ACCURATE, "accurate"),
  G_DEFINE_ENUM_VALUE (OD_MODEL_BADGE_FAST, "fast"))

typedef struct
{
  GArray *providers;     /* OdCatalogueProvider */
  GArray *models;        /* OdCatalogueModel */
  GArray *applications;  /* OdCatalogueApplication */
} Catalogue;

const char *
od_model_badge_to_string (OdModelBadge badge)
{
  return badge == OD_MODEL_BADGE_FAST ? "Fast" : "Accurate";
}

const char *
od_model_badge_get_label (OdModelBadge badge)
{
  /* Translators: a model's badge in the Models settings */
  return badge == OD_MODEL_BADGE_FAST ? C_("model badge", "Fast") : C_("model badge", "Accurate");
}

static JsonNode *
load_json (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  const char *data;

  bytes = g_resource_lookup_data (od_core_catalogue_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_critical ("The shipped catalogue %s is missing: %s", path, error->message);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &size);
  if (!json_parser_load_from_data (parser, data, (gssize) size, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_critical ("The shipped catalogue %s is not a JSON object: %s", path,
                  error ? error->message : "wrong root");
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  /* Interned: the catalogue lives as long as the process. */
  return g_intern_string (json_node_get_string (node));
}

static JsonArray *
member_array (JsonNode   *root,
              const char *name)
{
  JsonObject *object = root ? json_node_get_object (root) : NULL;

  if (object == NULL || !json_object_has_member (object, name) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, name)))
    return NULL;
  return json_object_get_array_member (object, name);
}

static void
load_models (Catalogue *catalogue)
{
  g_autoptr(JsonNode) root = load_json ("models.json");
  JsonArray *providers = member_array (root, "providers");
  JsonArray *models = member_array (root, "models");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; providers && i < json_array_get_length (providers); i++)
    {
      JsonObject *o = json_array_get_object_element (providers, i);
      OdCatalogueProvider p = { o ? member_string (o, "id") : NULL, o ? member_string (o, "name") : NULL };

      if (p.id == NULL || p.name == NULL || !g_hash_table_add (seen, (gpointer) p.id))
        {
          g_critical ("Provider %u of the shipped model catalogue is invalid or repeated", i);
          continue;
        }
      g_array_append_val (catalogue->providers, p);
    }

  for (guint i = 0; models && i < json_array_get_length (models); i++)
    {
      JsonObject *o = json_array_get_object_element (models, i);
      OdCatalogueModel m = { 0 };
      const char *badge;

      if (o == NULL)
        continue;
      m.id = member_string (o, "id");
      m.provider = member_string (o, "provider");
      m.name = member_string (o, "name");
      m.description = member_string (o, "description");
      badge = member_string (o, "badge");
      m.badge = g_strcmp0 (badge, "Fast") == 0 ? OD_MODEL_BADGE_FAST
              : g_strcmp0 (badge, "Accurate") == 0 ? OD_MODEL_BADGE_ACCURATE : 0;
      if (m.id == NULL || m.name == NULL || m.badge == 0 || m.provider == NULL ||
          !g_hash_table_contains (seen, m.provider) || !g_hash_table_add (seen, (gpointer) m.id))
        {
          g_critical ("Model %u of the shipped model catalogue is invalid or repeated", i);
          continue;
        }
      if (m.description == NULL)
        m.description = "";
      g_array_append_val (catalogue->models, m);
    }
}

static void
load_applications (Catalogue *catalogue)
{
  g_autoptr(JsonNode) root = load_json ("applications.json");
  JsonArray *apps = member_array (root, "applications");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; apps && i < json_array_get_length (apps); i++)
    {
      JsonObject *o = json_array_get_object_element (apps, i);
      OdCatalogueApplication a = { 0 };
      JsonNode *ids = o ? json_object_get_member (o, "bundle_identifiers") : NULL;
      g_autoptr(GPtrArray) bundle_ids = g_ptr_array_new ();

      if (o == NULL)
        continue;
      a.id = member_string (o, "id");
      a.name = member_string (o, "name");
      for (guint k = 0; ids && JSON_NODE_HOLDS_ARRAY (ids) && k < json_array_get_length (json_node_get_array (ids)); k++)
        {
          JsonNode *id = json_array_get_element (json_node_get_array (ids), k);
          if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
            g_ptr_array_add (bundle_ids, (gpointer) g_intern_string (json_node_get_string (id)));
        }
      if (a.id == NULL || a.name == NULL || bundle_ids->len == 0 || !g_hash_table_add (seen, (gpointer) a.id))
        {
          g_critical ("Application %u of the shipped catalogue is invalid or repeated", i);
          continue;
        }
      g_ptr_array_add (bundle_ids, NULL);
      /* Kept for the life of the process, like the interned strings it points to. */
      a.bundle_ids = (const char * const *) g_ptr_array_free (g_steal_pointer (&bundle_ids), FALSE);
      g_array_append_val (catalogue->applications, a);
    }
}

static gpointer
load_catalogue (gpointer data)
{
  Catalogue *catalogue = g_new0 (Catalogue, 1);

  catalogue->providers = g_array_new (FALSE, TRUE, sizeof (OdCatalogueProvider));
  catalogue->models = g_array_new (FALSE, TRUE, sizeof (OdCatalogueModel));
  catalogue->applications = g_array_new (FALSE, TRUE, sizeof (OdCatalogueApplication));
  load_models (catalogue);
  load_applications (catalogue);
  return catalogue;
}

static Catalogue *
get_catalogue (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_catalogue, NULL);
}

const OdCatalogueProvider *
od_catalogue_get_providers (guint *n_providers)
{
  Catalogue *c = get_catalogue ();

  g_return_val_if_fail (n_providers != NULL, NULL);
  *n_providers = c->providers->len;
  return (const OdCatalogueProvider *) (gpointer) c->providers->data;
}

const OdCatalogueModel *
od_catalogue_get_models (guint *n_models)
{
  Catalogue *c = get_catalogue ();

  g_return_val_if_fail (n_models != NULL, NULL);
  *n_models = c->models->len;
  return (const OdCatalogueModel *) (gpointer) c->models->data;
}

const OdCatalogueApplication *
od_catalogue_get_applications (guint *n_applications)
{
  Catalogue *c = get_catalogue ();

  g_return_val_if_fail (n_applications != NULL, NULL);
  *n_applications = c->applications->len;
  return (const OdCatalogueApplication *) (gpointer) c->applications->data;
}

const OdCatalogueProvider *
od_catalogue_lookup_provider (const char *id)
{
  Catalogue *c = get_catalogue ();

  g_return_val_if_fail (id != NULL, NULL);
  for (guint i = 0; i < c->providers->len; i++)
    if (g_str_equal (g_array_index (c->providers, OdCatalogueProvider, i).id, id))
      return &g_array_index (c->providers, OdCatalogueProvider, i);
  return NULL;
}

const OdCatalogueModel *
od_catalogue_lookup_model (const char *id)
{
  Catalogue *c = get_catalogue ();

  g_return_val_if_fail (id != NULL, NULL);
  for (guint i = 0; i < c->models->len; i++)
    if (g_str_equal (g_array_index (c->models, OdCatalogueModel, i).id, id))
      return &g_array_index (c->models, OdCatalogueModel, i);
  return NULL;
}

const OdCatalogueApplication *
od_catalogue_lookup_application (const char *id)
{
  Catalogue *c = get_catalogue ();

  g_return_val_if_fail (id != NULL, NULL);
  for (guint i = 0; i < c->applications->len; i++)
    if (g_str_equal (g_array_index (c->applications, OdCatalogueApplication, i).id, id))
      return &g_array_index (c->applications, OdCatalogueApplication, i);
  return NULL;
}

const OdCatalogueApplication *
od_catalogue_find_application (const char *name)
{
  Catalogue *c = get_catalogue ();
  g_autofree char *key = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  stripped = g_strstrip (g_strdup (name));
  key = g_utf8_casefold (stripped, -1);
  for (guint i = 0; i < c->applications->len; i++)
    {
      const OdCatalogueApplication *a = &g_array_index (c->applications, OdCatalogueApplication, i);
      g_autofree char *candidate = g_utf8_casefold (a->name, -1);

      if (g_str_equal (key, candidate))
        return a;
    }
  return NULL;
}
