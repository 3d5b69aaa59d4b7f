/* od-activity-page.c — the organization's journal, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "od-activity-page.h"
#include "od-format.h"
#include "od-journal-entry.h"
#include "od-ui-util.h"

/* The newest entries shown; search and paging come with the full Activity page */
#define N_ENTRIES 200

struct _OdActivityPage
{
  OdPage         parent_instance;

  GtkStack      *stack;
  GtkLabel      *summary_label;
  GtkListBox    *list;
  AdwStatusPage *error_status;
};

G_DEFINE_FINAL_TYPE (OdActivityPage, od_activity_page, OD_TYPE_PAGE)

typedef struct
{
  GListModel *entries;
  guint       n_total;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_object (&snapshot->entries);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static gpointer
load_func (OdRepository  *repository,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  gint64 organization_id = *(gint64 *)data;
  g_autoptr(Snapshot) snapshot = g_new0 (Snapshot, 1);

  if (!(snapshot->entries = od_repository_list_journal (repository, organization_id,
                                                        N_ENTRIES, error)))
    return NULL;

  snapshot->n_total = od_repository_count_journal (repository, organization_id, NULL);

  return g_steal_pointer (&snapshot);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  OdJournalEntry *entry = item;
  g_autofree char *action = od_format_journal_action (od_journal_entry_get_action (entry));
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  g_autofree char *sentence = NULL;
  const char *actor = od_journal_entry_get_actor_name (entry);
  const char *target = od_journal_entry_get_target (entry);

  if (actor == NULL || *actor == '\0')
    actor = _("Someone");
  if (target == NULL)
    target = "";

  when = od_format_relative_time (od_journal_entry_get_created_at (entry),
                                  g_get_real_time () / G_USEC_PER_SEC);

  /* Translators: actor, action, target, e.g. "Ana Silva invited bob@example.com" */
  title = g_strdup_printf (_("%s %s %s"), actor, action, target);
  /* Translators: how a journal row reads to a screen reader: actor, action, target, time */
  sentence = g_strdup_printf (_("%s, %s, %s, %s"), actor, action, target, when);

  return od_text_row_new (g_strstrip (title), when, NULL, sentence);
}

static void
load_done (OdPage       *page,
           gpointer      result,
           const GError *error)
{
  OdActivityPage *self = OD_ACTIVITY_PAGE (page);
  g_autoptr(Snapshot) snapshot = result;
  g_autofree char *summary = NULL;
  guint n_shown;

  if (snapshot == NULL)
    {
      od_status_page_set_plain_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  n_shown = g_list_model_get_n_items (snapshot->entries);

  if (snapshot->n_total > n_shown)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The newest %u of %u change",
                                            "The newest %u of %u changes",
                                            snapshot->n_total),
                               n_shown, snapshot->n_total);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", n_shown),
                               n_shown);
  gtk_label_set_text (self->summary_label, summary);

  gtk_list_box_bind_model (self->list, snapshot->entries, create_row_cb, self, NULL);
  gtk_stack_set_visible_child_name (self->stack, n_shown > 0 ? "list" : "empty");
}

static void
od_activity_page_reload (OdPage *page)
{
  gint64 organization_id = od_page_get_organization_id (page);

  if (organization_id == 0)
    return;

  od_page_run (page, load_func, g_memdup2 (&organization_id, sizeof organization_id), g_free,
               (GDestroyNotify)snapshot_free, load_done);
}

static void
od_activity_page_dispose (GObject *object)
{
  /* The root child is a bound template child: let AdwBin drop it before the template does */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), OD_TYPE_ACTIVITY_PAGE);

  G_OBJECT_CLASS (od_activity_page_parent_class)->dispose (object);
}

static void
od_activity_page_class_init (OdActivityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OdPageClass *page_class = OD_PAGE_CLASS (klass);

  object_class->dispose = od_activity_page_dispose;

  page_class->reload = od_activity_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgdesk/Orgdesk/ui/od-activity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdActivityPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OdActivityPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OdActivityPage, list);
  gtk_widget_class_bind_template_child (widget_class, OdActivityPage, error_status);
}

static void
od_activity_page_init (OdActivityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  od_page_set_title (OD_PAGE (self), _("Activity"));
  od_page_set_icon_name (OD_PAGE (self), "document-open-recent-symbolic");
}
