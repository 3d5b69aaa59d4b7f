/* fuzz-policy.c — checking and applying a policy document (the path of `orgdeskctl policy import`)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the document's text. It is parsed as od_policy_import() does (od_policy_parse(),
 * which refuses a text too large or nested too deep for json-glib's parser), then applied to
 * default settings with od_policy_apply() (the check that reports every problem at its JSON
 * path). Checks:
 *   - a refused document has at least one issue, each at a path starting with "$" and with a
 *     UTF-8 message, and leaves the settings as they were;
 *   - an applied one has no issue, and the document built from the result applies again to
 *     fresh settings without an issue and builds the same document (export ∘ import is stable);
 *   - the diff between the defaults and the result runs and names paths starting with "$".
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "od-organization.h"
#include "od-policy.h"
#include "od-policy-change.h"
#include "od-policy-issue.h"
#include "od-settings.h"

#include "fuzz-target.h"

static OdSettings *
default_settings (void)
{
  return g_object_new (OD_TYPE_SETTINGS, "organization-id", (gint64) 1, NULL);
}

static char *
document_text (OdSettings     *settings,
               OdOrganization *organization)
{
  g_autoptr(JsonNode) document = od_policy_build (settings, organization, 1, 0);

  return od_policy_to_text (document);
}

static void
check_issues (GListModel *issues)
{
  for (guint i = 0; i < g_list_model_get_n_items (issues); i++)
    {
      g_autoptr(OdPolicyIssue) issue = g_list_model_get_item (issues, i);
      const char *path = od_policy_issue_get_path (issue);
      const char *message = od_policy_issue_get_message (issue);

      fuzz_check (path != NULL && path[0] == '$');
      fuzz_check (g_utf8_validate (path, -1, NULL));
      fuzz_check (message != NULL && *message != '\0');
      fuzz_check (g_utf8_validate (message, -1, NULL));
    }
}

static void
check_applied (OdSettings     *settings,
               OdOrganization *organization)
{
  g_autoptr(OdSettings) fresh = default_settings ();
  g_autoptr(OdSettings) defaults = default_settings ();
  g_autoptr(JsonNode) document = od_policy_build (settings, organization, 1, 0);
  g_autoptr(JsonNode) default_document = od_policy_build (defaults, organization, 1, 0);
  g_autoptr(GListModel) issues = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autofree char *text = od_policy_to_text (document);
  g_autofree char *text_again = NULL;

  fuzz_check (od_policy_apply (fresh, document, &issues));
  fuzz_check (g_list_model_get_n_items (issues) == 0);
  text_again = document_text (fresh, organization);
  fuzz_check (g_str_equal (text, text_again));

  changes = od_policy_diff (default_document, document);
  for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
    {
      g_autoptr(OdPolicyChange) change = g_list_model_get_item (changes, i);
      fuzz_check (od_policy_change_get_path (change)[0] == '$');
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(OdSettings) settings = NULL;
  g_autoptr(OdOrganization) organization = NULL;
  g_autoptr(GListModel) issues = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gboolean applied;

  fuzz_init_once ();

  root = od_policy_parse ((const char *) data, (gssize) size, &error);
  if (root == NULL)
    {
      fuzz_check (error != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  settings = default_settings ();
  organization = g_object_new (OD_TYPE_ORGANIZATION, "id", (gint64) 1, "slug", "acme", "name", "Acme", NULL);
  before = document_text (settings, organization);

  applied = od_policy_apply (settings, root, &issues);
  check_issues (issues);
  if (!applied)
    {
      fuzz_check (g_list_model_get_n_items (issues) > 0);
      after = document_text (settings, organization);
      fuzz_check (g_str_equal (before, after));
      return 0;
    }
  fuzz_check (g_list_model_get_n_items (issues) == 0);
  check_applied (settings, organization);
  return 0;
}
