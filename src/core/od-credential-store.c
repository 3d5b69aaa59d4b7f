/* od-credential-store.c — credentials: validation, the keyring, and keeping it in step with the rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each operation is a small chain run from the caller's main context: database steps go to the
 * repository's worker thread (od_repository_run_async), keyring steps use libsecret's async API
 * with a cancellable that a timeout fires. Secrets are copied only into memory that is overwritten
 * before it is freed, and never formatted into a message.
 */
#define G_LOG_DOMAIN "OdCredentialStore"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "od-credential.h"
#include "od-credential-store.h"
#include "od-member.h"
#include "od-repository.h"
#include "od-settings-private.h"

#define MAX_NAME_CHARS 200
#define MAX_FIELD_CHARS 2048
#define MAX_SECRET_BYTES (64 * 1024)
#define MIN_SECRET_FOR_LAST_FOUR 12

G_DEFINE_QUARK (od-credential-error-quark, od_credential_error)

static guint timeout_seconds = OD_CREDENTIAL_TIMEOUT_SECONDS;

/* ---------------------------------------------------------------------------------------------
 * Providers and their forms
 */

static const char * const providers[] = { "openai", "anthropic", "gemini", "azure-openai", "bedrock", NULL };

static const OdCredentialField openai_fields[] = {
  { "api_key", N_("API key"), TRUE, TRUE, NULL },
  { "organization_id", N_("Organization ID"), FALSE, FALSE, NULL },
  { "project_id", N_("Project ID"), FALSE, FALSE, NULL },
  { "api_url", N_("API URL"), FALSE, FALSE, "https://api.openai.com" },
};

static const OdCredentialField anthropic_fields[] = {
  { "api_key", N_("API key"), TRUE, TRUE, NULL },
  { "api_url", N_("API URL"), FALSE, FALSE, "https://api.anthropic.com" },
};

static const OdCredentialField gemini_fields[] = {
  { "api_key", N_("API key or Vertex AI service-account JSON"), TRUE, TRUE, NULL },
};

static const OdCredentialField azure_fields[] = {
  { "endpoint", N_("Endpoint"), TRUE, FALSE, NULL },
  { "api_key", N_("API key"), TRUE, TRUE, NULL },
  { "deployment", N_("Deployment"), TRUE, FALSE, NULL },
  { "api_version", N_("API version"), FALSE, FALSE, "2024-10-21" },
};

static const OdCredentialField bedrock_fields[] = {
  { "access_key_id", N_("Access key ID"), TRUE, FALSE, NULL },
  { "secret_access_key", N_("Secret access key"), TRUE, TRUE, NULL },
  { "region", N_("Region"), TRUE, FALSE, NULL },
};

static const struct {
  const char              *id;
  const char              *label;
  const OdCredentialField *fields;
  guint                    n_fields;
} forms[] = {
  { "openai", "OpenAI", openai_fields, G_N_ELEMENTS (openai_fields) },
  { "anthropic", "Anthropic", anthropic_fields, G_N_ELEMENTS (anthropic_fields) },
  { "gemini", "Google Gemini", gemini_fields, G_N_ELEMENTS (gemini_fields) },
  { "azure-openai", "Azure OpenAI", azure_fields, G_N_ELEMENTS (azure_fields) },
  { "bedrock", "AWS Bedrock", bedrock_fields, G_N_ELEMENTS (bedrock_fields) },
};

const char * const *
od_credential_store_get_providers (void)
{
  return providers;
}

static guint
form_index (const char *provider)
{
  for (guint i = 0; provider && i < G_N_ELEMENTS (forms); i++)
    if (g_str_equal (forms[i].id, provider))
      return i;
  return G_MAXUINT;
}

const char *
od_credential_provider_get_label (const char *provider)
{
  guint i = form_index (provider);

  return i == G_MAXUINT ? NULL : forms[i].label;
}

const OdCredentialField *
od_credential_provider_get_fields (const char *provider,
                                   guint      *n_fields)
{
  guint i = form_index (provider);

  g_return_val_if_fail (n_fields != NULL, NULL);

  *n_fields = i == G_MAXUINT ? 0 : forms[i].n_fields;
  return i == G_MAXUINT ? NULL : forms[i].fields;
}

const SecretSchema *
od_credential_store_get_schema (void)
{
  static const SecretSchema schema = {
    OD_CREDENTIAL_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "organization-id", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "credential-id", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { NULL, 0 },
    }
  };

  return &schema;
}

void
od_credential_store_set_timeout (guint seconds)
{
  timeout_seconds = seconds > 0 ? seconds : OD_CREDENTIAL_TIMEOUT_SECONDS;
}

void
od_credential_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

/* ---------------------------------------------------------------------------------------------
 * Validation
 */

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_url (const char  *label,
           const char  *value,
           gboolean     https_only,
           GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && (https_only || g_strcmp0 (scheme, "http") != 0)))
    return invalid (error, https_only
                    ? _("%s: “%s” is not an https:// address. Enter it like https://my-resource.openai.azure.com.")
                    : _("%s: “%s” is not a web address. Enter it like https://api.example.com."),
                    label, value);
  return TRUE;
}

static gboolean
check_region (const char  *label,
              const char  *value,
              GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (value, "-", -1);
  guint n = g_strv_length (parts);
  gboolean ok = n >= 3;

  for (guint i = 0; ok && i < n; i++)
    {
      ok = parts[i][0] != '\0';
      for (const char *p = parts[i]; ok && *p; p++)
        ok = (i + 1 < n) ? g_ascii_islower (*p) : g_ascii_isdigit (*p);
    }
  if (!ok)
    return invalid (error, _("%s: “%s” is not an AWS region. Enter one such as us-east-1 or eu-west-3."),
                    label, value);
  return TRUE;
}

static gboolean
check_access_key_id (const char  *label,
                     const char  *value,
                     GError     **error)
{
  gsize length = strlen (value);
  gboolean ok = length >= 16 && length <= 128;

  for (const char *p = value; ok && *p; p++)
    ok = g_ascii_isupper (*p) || g_ascii_isdigit (*p);
  if (!ok)
    return invalid (error, _("%s: an AWS access key ID is 16 or more capital letters and digits, such as "
                             "AKIAIOSFODNN7EXAMPLE."), label);
  return TRUE;
}

/* What a Vertex AI service-account key file must hold; sets the non-secret parts aside. */
static gboolean
check_service_account (const char  *json,
                       char       **client_email,
                       char       **project_id,
                       char       **key_id,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  const char *type;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return invalid (error, _("Google Gemini: the service-account file is not valid JSON. Download the key "
                             "file again from the Google Cloud console."));
  object = json_node_get_object (json_parser_get_root (parser));
  type = json_object_get_string_member_with_default (object, "type", NULL);
  if (g_strcmp0 (type, "service_account") != 0)
    return invalid (error, _("Google Gemini: the JSON file is not a service-account key (its \"type\" is not "
                             "\"service_account\"). Use the key file of a Vertex AI service account."));
  if (json_object_get_string_member_with_default (object, "private_key", NULL) == NULL ||
      json_object_get_string_member_with_default (object, "client_email", NULL) == NULL)
    return invalid (error, _("Google Gemini: the service-account file has no \"private_key\" or "
                             "\"client_email\". Download the key file again."));
  *client_email = g_strdup (json_object_get_string_member (object, "client_email"));
  *project_id = g_strdup (json_object_get_string_member_with_default (object, "project_id", NULL));
  *key_id = g_strdup (json_object_get_string_member_with_default (object, "private_key_id", NULL));
  return TRUE;
}

static gboolean
check_secret (const char  *provider,
              const char  *label,
              const char  *secret,
              GError     **error)
{
  if (!g_utf8_validate (secret, -1, NULL) || strlen (secret) > MAX_SECRET_BYTES)
    return invalid (error, _("%s: the value is not text of a reasonable size. Paste the key again."), label);
  if (g_str_equal (provider, "gemini") && secret[0] == '{')
    return TRUE;   /* checked as a service account */
  for (const char *p = secret; *p; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)) || g_unichar_iscntrl (g_utf8_get_char (p)))
      return invalid (error, _("%s: the key contains a space or a line break. Paste it again without them."),
                      label);
  return TRUE;
}

static char *
trimmed_or_null (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

gboolean
od_credential_validate (const char  *provider,
                        const char  *name,
                        GHashTable  *fields,
                        const char  *secret,
                        gboolean     secret_required,
                        GError     **error)
{
  g_autofree char *trimmed_name = trimmed_or_null (name);
  const OdCredentialField *form;
  guint n_fields, index;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  index = form_index (provider);
  if (index == G_MAXUINT)
    {
      g_autofree char *list = g_strjoinv (", ", (GStrv) providers);
      g_set_error (error, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_UNKNOWN_PROVIDER,
                   _("“%s” is not a provider Orgdesk knows. Use one of: %s."), provider ? provider : "", list);
      return FALSE;
    }
  form = forms[index].fields;
  n_fields = forms[index].n_fields;

  if (trimmed_name == NULL || !g_utf8_validate (trimmed_name, -1, NULL))
    return invalid (error, _("Name: enter a name for this API key, e.g. “Production”."));
  if (g_utf8_strlen (trimmed_name, -1) > MAX_NAME_CHARS)
    return invalid (error, _("Name: it is longer than %u characters."), MAX_NAME_CHARS);

  if (fields != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, fields);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          gboolean known = FALSE;

          for (guint i = 0; i < n_fields; i++)
            if (g_str_equal (form[i].key, key))
              {
                if (form[i].secret)
                  return invalid (error, _("%s is the secret: give it on standard input (or in the secret "
                                           "field), never with the other fields."), _(form[i].label));
                known = TRUE;
              }
          if (!known)
            {
              g_autoptr(GString) list = g_string_new (NULL);
              for (guint i = 0; i < n_fields; i++)
                if (!form[i].secret)
                  g_string_append_printf (list, "%s%s", list->len ? ", " : "", form[i].key);
              return invalid (error, _("%s has no field “%s”. Its fields are: %s."), forms[index].label,
                              (const char *) key, list->len ? list->str : _("none besides the name and key"));
            }
          if (value != NULL && (!g_utf8_validate (value, -1, NULL) || g_utf8_strlen (value, -1) > MAX_FIELD_CHARS))
            return invalid (error, _("%s: the value is not text of a reasonable size."), (const char *) key);
        }
    }

  for (guint i = 0; i < n_fields; i++)
    {
      const OdCredentialField *f = &form[i];
      g_autofree char *value = NULL;

      if (f->secret)
        {
          if (secret == NULL || *secret == '\0')
            {
              if (secret_required)
                return invalid (error, _("%s: enter it; it is required for %s."), _(f->label), forms[index].label);
              continue;
            }
          if (!check_secret (provider, _(f->label), secret, error))
            return FALSE;
          if (g_str_equal (provider, "gemini") && secret[0] == '{')
            {
              g_autofree char *email = NULL, *project = NULL, *key_id = NULL;
              if (!check_service_account (secret, &email, &project, &key_id, error))
                return FALSE;
            }
          continue;
        }

      value = trimmed_or_null (fields ? g_hash_table_lookup (fields, f->key) : NULL);
      if (value == NULL)
        {
          if (f->required)
            return invalid (error, _("%s: enter it; it is required for %s."), _(f->label), forms[index].label);
          continue;
        }
      if (g_str_equal (f->key, "api_url") && !check_url (_(f->label), value, FALSE, error))
        return FALSE;
      if (g_str_equal (f->key, "endpoint") && !check_url (_(f->label), value, TRUE, error))
        return FALSE;
      if (g_str_equal (f->key, "region") && !check_region (_(f->label), value, error))
        return FALSE;
      if (g_str_equal (f->key, "access_key_id") && !check_access_key_id (_(f->label), value, error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The non-secret fields as stored: trimmed, defaults filled in, sorted by key; for a Gemini service
 * account also its e-mail and project. Also gives the last four characters to show. */
static char *
build_fields_json (const char  *provider,
                   GHashTable  *fields,
                   const char  *secret,
                   char       **last_four)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const OdCredentialField *form;
  const char *shown = secret;
  g_autofree char *email = NULL, *project = NULL, *key_id = NULL;
  guint n_fields;

  form = od_credential_provider_get_fields (provider, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      char *value;

      if (form[i].secret)
        continue;
      value = trimmed_or_null (fields ? g_hash_table_lookup (fields, form[i].key) : NULL);
      if (value == NULL && form[i].default_value != NULL)
        value = g_strdup (form[i].default_value);
      if (value != NULL)
        g_hash_table_insert (values, (gpointer) form[i].key, value);
    }
  if (g_str_equal (provider, "gemini") && secret != NULL)
    {
      gboolean service_account = secret[0] == '{' &&
                                 check_service_account (secret, &email, &project, &key_id, NULL);

      g_hash_table_insert (values, (gpointer) "auth", g_strdup (service_account ? "service_account" : "api_key"));
      if (service_account)
        {
          g_hash_table_insert (values, (gpointer) "client_email", g_strdup (email));
          if (project != NULL)
            g_hash_table_insert (values, (gpointer) "project_id", g_strdup (project));
          shown = key_id;
        }
    }

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, values);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (keys, key);
  }
  g_ptr_array_sort (keys, compare_keys);
  json_builder_begin_object (b);
  for (guint i = 0; i < keys->len; i++)
    {
      json_builder_set_member_name (b, g_ptr_array_index (keys, i));
      json_builder_add_string_value (b, g_hash_table_lookup (values, g_ptr_array_index (keys, i)));
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  *last_four = NULL;
  if (secret != NULL)
    {
      glong length = shown ? g_utf8_strlen (shown, -1) : 0;

      *last_four = length >= MIN_SECRET_FOR_LAST_FOUR ? g_utf8_substring (shown, length - 4, length) : g_strdup ("");
    }
  return json_to_string (root, FALSE);
}

/* ---------------------------------------------------------------------------------------------
 * The keyring, with a timeout
 */

typedef enum
{
  KEYRING_STORE,
  KEYRING_LOOKUP,
  KEYRING_CLEAR,
} KeyringOp;

typedef struct
{
  KeyringOp     op;
  GCancellable *cancellable;   /* fired by the timeout or by the caller's cancellable */
  GCancellable *caller;
  gulong        caller_handler;
  GSource      *timeout;
  gboolean      timed_out;
} KeyringCall;

static void
keyring_call_free (gpointer data)
{
  KeyringCall *call = data;

  if (call->timeout != NULL)
    {
      g_source_destroy (call->timeout);
      g_source_unref (call->timeout);
    }
  if (call->caller_handler != 0)
    g_cancellable_disconnect (call->caller, call->caller_handler);
  g_clear_object (&call->caller);
  g_clear_object (&call->cancellable);
  g_free (call);
}

static gboolean
keyring_timeout_cb (gpointer user_data)
{
  KeyringCall *call = user_data;

  call->timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

/* Turns what libsecret or D-Bus said into OD_CREDENTIAL_ERROR_NO_KEYRING with a message that says
 * what happened and what to do. The caller's own cancellation stays G_IO_ERROR_CANCELLED. */
static GError *
keyring_error (KeyringCall *call,
               GError      *cause)
{
  const char *outcome = call->op == KEYRING_STORE ? _("Nothing was stored.") : _("Nothing was changed.");
  GError *error;

  if (call->timed_out)
    error = g_error_new (OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_NO_KEYRING,
                         _("The keyring did not answer within %u seconds. It may be locked and waiting for "
                           "its password: unlock it and try again. %s"), timeout_seconds, outcome);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (cause);
  else if (g_error_matches (cause, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
           g_error_matches (cause, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
    error = g_error_new (OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_NO_KEYRING,
                         _("No keyring is available: no Secret Service (such as GNOME Keyring) runs in this "
                           "session. Start one and try again; Orgdesk keeps API keys only in the keyring. %s"),
                         outcome);
  else if (g_error_matches (cause, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
           (cause->message != NULL && strstr (cause->message, "/collection/") != NULL))
    error = g_error_new (OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_NO_KEYRING,
                         _("The keyring is locked and no unlock prompt can be shown. Unlock it (for example "
                           "by logging in to the desktop) and try again. %s"), outcome);
  else
    error = g_error_new (OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_NO_KEYRING,
                         _("The keyring cannot be reached (%s). Orgdesk keeps API keys only in the keyring "
                           "(the Secret Service); make one available and try again. %s"),
                         cause->message, outcome);
  return error;
}

static void
keyring_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeyringCall *call = g_task_get_task_data (task);
  g_autoptr(GError) cause = NULL;

  switch (call->op)
    {
    case KEYRING_STORE:
      if (secret_password_store_finish (result, &cause))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      break;

    case KEYRING_LOOKUP:
      {
        char *secret = secret_password_lookup_finish (result, &cause);
        if (cause == NULL)
          {
            /* NULL without an error: no such item (or a locked collection that hides it). */
            g_task_return_pointer (task, secret, (GDestroyNotify) od_credential_secret_free);
            return;
          }
        od_credential_secret_free (secret);
      }
      break;

    case KEYRING_CLEAR:
    default:
      /* FALSE without an error: there was nothing to clear, which is what we wanted. */
      secret_password_clear_finish (result, &cause);
      if (cause == NULL)
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      break;
    }

  g_task_return_error (task, keyring_error (call, cause));
}

static void
keyring_call (KeyringOp            op,
              gint64               organization_id,
              gint64               credential_id,
              const char          *label,
              const char          *secret,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  KeyringCall *call = g_new0 (KeyringCall, 1);

  g_task_set_source_tag (task, keyring_call);
  call->op = op;
  call->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      call->caller = g_object_ref (cancellable);
      call->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                    g_object_ref (call->cancellable), g_object_unref);
    }
  call->timeout = g_timeout_source_new_seconds (timeout_seconds);
  g_source_set_callback (call->timeout, keyring_timeout_cb, call, NULL);
  g_source_attach (call->timeout, g_task_get_context (task));
  g_task_set_task_data (task, call, keyring_call_free);

  g_hash_table_insert (attributes, (gpointer) "organization-id",
                       g_strdup_printf ("%" G_GINT64_FORMAT, organization_id));
  g_hash_table_insert (attributes, (gpointer) "credential-id",
                       g_strdup_printf ("%" G_GINT64_FORMAT, credential_id));

  switch (op)
    {
    case KEYRING_STORE:
      secret_password_storev (od_credential_store_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                              label, secret, call->cancellable, keyring_done_cb, task);
      break;

    case KEYRING_LOOKUP:
      secret_password_lookupv (od_credential_store_get_schema (), attributes, call->cancellable,
                               keyring_done_cb, task);
      break;

    case KEYRING_CLEAR:
    default:
      secret_password_clearv (od_credential_store_get_schema (), attributes, call->cancellable,
                              keyring_done_cb, task);
      break;
    }
}

static gboolean
keyring_call_finish (GAsyncResult  *result,
                     GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static char *
keyring_lookup_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
keyring_label (const char *provider,
               const char *name)
{
  /* Translators: the label of the keyring item, e.g. "Orgdesk API key “Production” (OpenAI)" */
  return g_strdup_printf (_("Orgdesk API key “%s” (%s)"), name, od_credential_provider_get_label (provider));
}

/* ---------------------------------------------------------------------------------------------
 * Operations: each a chain of database and keyring steps
 */

typedef struct
{
  OdRepository *repository;
  OdMember     *actor;
  gint64        organization_id;
  gint64        credential_id;
  char         *provider;
  char         *name;
  GHashTable   *fields;
  char         *secret;        /* the new secret, or NULL */
  char         *old_secret;    /* kept to put back when an edit fails */
  char         *fields_json;
  char         *last_four;
  OdCredential *credential;
  GError       *failure;       /* what went wrong while the keyring is being put back */
} Op;

static void
op_free (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->repository);
  g_clear_object (&op->actor);
  g_free (op->provider);
  g_free (op->name);
  g_clear_pointer (&op->fields, g_hash_table_unref);
  g_clear_pointer (&op->secret, od_credential_secret_free);
  g_clear_pointer (&op->old_secret, od_credential_secret_free);
  g_free (op->fields_json);
  g_free (op->last_four);
  g_clear_object (&op->credential);
  g_clear_error (&op->failure);
  g_free (op);
}

static GHashTable *
copy_fields (GHashTable *fields)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (fields == NULL)
    return copy;
  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

static GTask *
op_task_new (OdRepository        *repository,
             OdMember            *actor,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (repository, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  g_task_set_source_tag (task, source_tag);
  op->repository = g_object_ref (repository);
  op->actor = actor ? g_object_ref (actor) : NULL;
  op->organization_id = actor ? od_member_get_organization_id (actor) : 0;
  g_task_set_task_data (task, op, op_free);
  return task;
}

/* Database steps, on the repository's worker thread. */

static gpointer
reserve_in_worker (OdRepository  *repository,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Op *op = data;
  gint64 id = _od_credentials_reserve (repository, op->actor, op->name, error);

  return id > 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

static gpointer
insert_in_worker (OdRepository  *repository,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Op *op = data;

  return _od_credentials_insert (repository, op->actor, op->credential_id, op->provider, op->name,
                                 op->fields_json, op->last_four, error);
}

static gpointer
get_in_worker (OdRepository  *repository,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Op *op = data;

  return _od_credentials_get (repository, op->actor, op->credential_id, error);
}

static gpointer
update_in_worker (OdRepository  *repository,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Op *op = data;

  return _od_credentials_update (repository, op->actor, op->credential_id, op->name, op->fields_json,
                                 op->last_four, error);
}

static gpointer
delete_in_worker (OdRepository  *repository,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Op *op = data;

  return _od_credentials_delete (repository, op->actor, op->credential_id, error) ? GINT_TO_POINTER (1) : NULL;
}

static gpointer
release_in_worker (OdRepository  *repository,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Op *op = data;

  _od_credentials_release (repository, op->credential_id);
  return GINT_TO_POINTER (1);
}

/* The worker's data is the Op itself, kept alive by the task until the chain ends. A step that
 * follows a change in the keyring cannot be cancelled: its result must not be dropped. */
static void
run_step (GTask               *task,
          OdRepositoryFunc     func,
          gboolean             cancellable,
          GDestroyNotify       result_free,
          GAsyncReadyCallback  callback)
{
  Op *op = g_task_get_task_data (task);

  od_repository_run_async (op->repository, func, op, NULL, result_free,
                           cancellable ? g_task_get_cancellable (task) : NULL, callback, task);
}

/* create: reserve → store → insert (→ clear on failure) */

static void
create_released_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);

  od_repository_run_finish (OD_REPOSITORY (source), result, NULL);
  g_task_return_error (task, g_steal_pointer (&op->failure));
}

/* The chain failed (op->failure): give the reserved id back, then report. */
static void
create_fail (GTask *task)
{
  run_step (task, release_in_worker, FALSE, NULL, create_released_cb);
}

static void
create_cleared_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!keyring_call_finish (result, &error))
    g_warning ("The secret of credential %" G_GINT64_FORMAT " could not be cleared after a failed save: %s",
               op->credential_id, error->message);
  create_fail (task);
}

static void
create_inserted_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  OdCredential *credential;

  credential = od_repository_run_finish (OD_REPOSITORY (source), result, &op->failure);
  if (credential == NULL)
    {
      /* No row: take the secret back out so no orphan stays in the keyring. */
      keyring_call (KEYRING_CLEAR, op->organization_id, op->credential_id, NULL, NULL, NULL,
                    create_cleared_cb, task);
      return;
    }
  g_task_return_pointer (task, credential, g_object_unref);
  g_object_unref (task);
}

static void
create_stored_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (!keyring_call_finish (result, &error))
    {
      /* Cancelled, the keyring may have stored it all the same: take it out again. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          op->failure = error;
          keyring_call (KEYRING_CLEAR, op->organization_id, op->credential_id, NULL, NULL, NULL,
                        create_cleared_cb, task);
          return;
        }
      op->failure = error;
      create_fail (task);
      return;
    }
  run_step (task, insert_in_worker, FALSE, g_object_unref, create_inserted_cb);
}

static void
create_reserved_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autofree gint64 *id = NULL;
  g_autofree char *label = NULL;
  GError *error = NULL;

  id = od_repository_run_finish (OD_REPOSITORY (source), result, &error);
  if (id == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  op->credential_id = *id;
  label = keyring_label (op->provider, op->name);
  keyring_call (KEYRING_STORE, op->organization_id, op->credential_id, label, op->secret,
                g_task_get_cancellable (task), create_stored_cb, task);
}

void
od_credential_store_create_async (OdRepository        *repository,
                                  OdMember            *actor,
                                  const char          *provider,
                                  const char          *name,
                                  GHashTable          *fields,
                                  const char          *secret,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  Op *op;
  GError *error = NULL;

  g_return_if_fail (OD_IS_REPOSITORY (repository));
  g_return_if_fail (actor == NULL || OD_IS_MEMBER (actor));

  task = op_task_new (repository, actor, od_credential_store_create_async, cancellable, callback, user_data);
  if (!od_credential_validate (provider, name, fields, secret, TRUE, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  op = g_task_get_task_data (task);
  op->provider = g_strdup (provider);
  op->name = trimmed_or_null (name);
  op->fields = copy_fields (fields);
  op->secret = g_strdup (secret);
  op->fields_json = build_fields_json (provider, fields, secret, &op->last_four);
  run_step (task, reserve_in_worker, TRUE, g_free, create_reserved_cb);
}

OdCredential *
od_credential_store_create_finish (OdRepository  *repository,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, repository), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* update: load → (lookup old → store new) → update (→ put the old secret back on failure) */

static void
update_restored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!keyring_call_finish (result, &error))
    g_warning ("The previous secret of credential %" G_GINT64_FORMAT " could not be put back: %s",
               op->credential_id, error->message);
  g_task_return_error (task, g_steal_pointer (&op->failure));
}

/* The row could not take the new secret: the keyring gets the old one back (or none). */
static void
restore_old_secret (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  if (op->old_secret != NULL)
    {
      g_autofree char *label = keyring_label (op->provider, od_credential_get_name (op->credential));
      keyring_call (KEYRING_STORE, op->organization_id, op->credential_id, label, op->old_secret, NULL,
                    update_restored_cb, task);
    }
  else
    keyring_call (KEYRING_CLEAR, op->organization_id, op->credential_id, NULL, NULL, NULL,
                  update_restored_cb, task);
}

static void
update_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  OdCredential *credential;

  credential = od_repository_run_finish (OD_REPOSITORY (source), result, &op->failure);
  if (credential != NULL)
    {
      g_task_return_pointer (task, credential, g_object_unref);
      g_object_unref (task);
      return;
    }
  if (op->secret == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&op->failure));
      g_object_unref (task);
      return;
    }
  restore_old_secret (task);
}

static void
update_stored_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (!keyring_call_finish (result, &error))
    {
      /* Cancelled, the keyring may have replaced it all the same: put the old one back. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          op->failure = error;
          restore_old_secret (task);
          return;
        }
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  run_step (task, update_in_worker, FALSE, g_object_unref, update_written_cb);
}

static void
update_looked_up_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autofree char *label = NULL;
  GError *error = NULL;

  op->old_secret = keyring_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  label = keyring_label (op->provider, op->name ? op->name : od_credential_get_name (op->credential));
  keyring_call (KEYRING_STORE, op->organization_id, op->credential_id, label, op->secret,
                g_task_get_cancellable (task), update_stored_cb, task);
}

/* The non-secret fields of a stored credential, as a form would hold them. */
static GHashTable *
stored_fields (OdCredential *credential)
{
  g_autoptr(JsonNode) node = json_from_string (od_credential_get_fields_json (credential), NULL);
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const OdCredentialField *form;
  guint n_fields;

  form = od_credential_provider_get_fields (od_credential_get_provider (credential), &n_fields);
  for (guint i = 0; node && JSON_NODE_HOLDS_OBJECT (node) && i < n_fields; i++)
    {
      const char *value;

      if (form[i].secret)
        continue;
      value = json_object_get_string_member_with_default (json_node_get_object (node), form[i].key, NULL);
      if (value != NULL)
        g_hash_table_insert (fields, g_strdup (form[i].key), g_strdup (value));
    }
  return fields;
}

static void
update_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->credential = od_repository_run_finish (OD_REPOSITORY (source), result, &error);
  if (op->credential == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  op->provider = g_strdup (od_credential_get_provider (op->credential));
  if (op->fields == NULL)
    op->fields = stored_fields (op->credential);
  if (!od_credential_validate (op->provider, op->name ? op->name : od_credential_get_name (op->credential),
                               op->fields, op->secret, FALSE, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  /* A Gemini key's stored fields come from the secret itself: keep them unless it changes. */
  if (op->secret != NULL || !g_str_equal (op->provider, "gemini"))
    op->fields_json = build_fields_json (op->provider, op->fields, op->secret, &op->last_four);

  if (op->secret == NULL)
    run_step (task, update_in_worker, FALSE, g_object_unref, update_written_cb);
  else
    keyring_call (KEYRING_LOOKUP, op->organization_id, op->credential_id, NULL, NULL,
                  g_task_get_cancellable (task), update_looked_up_cb, task);
}

void
od_credential_store_update_async (OdRepository        *repository,
                                  OdMember            *actor,
                                  gint64               credential_id,
                                  const char          *name,
                                  GHashTable          *fields,
                                  const char          *secret,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (OD_IS_REPOSITORY (repository));
  g_return_if_fail (actor == NULL || OD_IS_MEMBER (actor));

  task = op_task_new (repository, actor, od_credential_store_update_async, cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  op->credential_id = credential_id;
  op->name = trimmed_or_null (name);
  op->fields = fields ? copy_fields (fields) : NULL;
  op->secret = secret && *secret ? g_strdup (secret) : NULL;
  run_step (task, get_in_worker, TRUE, g_object_unref, update_loaded_cb);
}

OdCredential *
od_credential_store_update_finish (OdRepository  *repository,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, repository), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* delete: load → clear → delete */

static void
delete_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (od_repository_run_finish (OD_REPOSITORY (source), result, &error) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
delete_cleared_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!keyring_call_finish (result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  run_step (task, delete_in_worker, FALSE, NULL, delete_done_cb);
}

static void
delete_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->credential = od_repository_run_finish (OD_REPOSITORY (source), result, &error);
  if (op->credential == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  keyring_call (KEYRING_CLEAR, op->organization_id, op->credential_id, NULL, NULL,
                g_task_get_cancellable (task), delete_cleared_cb, task);
}

void
od_credential_store_delete_async (OdRepository        *repository,
                                  OdMember            *actor,
                                  gint64               credential_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (OD_IS_REPOSITORY (repository));
  g_return_if_fail (actor == NULL || OD_IS_MEMBER (actor));

  task = op_task_new (repository, actor, od_credential_store_delete_async, cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  op->credential_id = credential_id;
  run_step (task, get_in_worker, TRUE, g_object_unref, delete_loaded_cb);
}

gboolean
od_credential_store_delete_finish (OdRepository  *repository,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, repository), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* lookup: load → lookup */

static void
lookup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;
  char *secret;

  secret = keyring_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else if (secret == NULL)
    g_task_return_new_error (task, OD_CREDENTIAL_ERROR, OD_CREDENTIAL_ERROR_SECRET_MISSING,
                             _("The keyring holds no secret for “%s”. It may be locked, or the key was removed "
                               "outside Orgdesk: unlock the keyring, or set the key again."),
                             od_credential_get_name (op->credential));
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) od_credential_secret_free);
}

static void
lookup_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->credential = od_repository_run_finish (OD_REPOSITORY (source), result, &error);
  if (op->credential == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  keyring_call (KEYRING_LOOKUP, op->organization_id, op->credential_id, NULL, NULL,
                g_task_get_cancellable (task), lookup_done_cb, task);
}

void
od_credential_store_lookup_async (OdRepository        *repository,
                                  OdMember            *actor,
                                  gint64               credential_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (OD_IS_REPOSITORY (repository));
  g_return_if_fail (actor == NULL || OD_IS_MEMBER (actor));

  task = op_task_new (repository, actor, od_credential_store_lookup_async, cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  op->credential_id = credential_id;
  run_step (task, get_in_worker, TRUE, g_object_unref, lookup_loaded_cb);
}

char *
od_credential_store_lookup_finish (OdRepository  *repository,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, repository), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------------------------------
 * Metadata
 */

GListModel *
od_credential_store_list (OdRepository  *repository,
                          gint64         organization_id,
                          GError       **error)
{
  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _od_credentials_list (repository, organization_id, error);
}

OdCredential *
od_credential_store_find (OdRepository  *repository,
                          gint64         organization_id,
                          const char    *name_or_id,
                          GError       **error)
{
  g_return_val_if_fail (OD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _od_credentials_find (repository, organization_id, name_or_id, error);
}
