/* od-page.c — the base of every area page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page knows the repository, the organization it shows and the acting member. Whenever one of
 * them changes, or the repository reports a committed change for the organization, the page is
 * asked to reload (once, from an idle, however many changes arrived). Work on the database goes
 * through od_page_run(), which runs it on the repository's worker thread and drops the result
 * when the page's cancellable was cancelled meanwhile (organization switched, page disposed).
 */
#include "config.h"

#include "od-page.h"
#include "od-ui-util.h"
#include "od-wrap-box.h"

typedef struct
{
  OdRepository   *repository;
  OdOrganization *organization;
  OdMember       *actor;
  char           *title;
  char           *icon_name;
  GCancellable   *cancellable;
  gulong          changed_handler;
  guint           reload_source;
  guint           reload_when_mapped : 1;
} OdPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (OdPage, od_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_ORGANIZATION,
  PROP_ACTOR,
  PROP_TITLE,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  OdPage           *page;
  GCancellable     *cancellable;
  GDestroyNotify    result_free;
  OdPageResultFunc  done;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->page);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
reset_cancellable (OdPage *self)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->cancellable = g_cancellable_new ();

  od_widget_hide_from_at_when_unmapped (GTK_WIDGET (self));
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  OdPage *self = user_data;
  OdPagePrivate *priv = od_page_get_instance_private (self);

  priv->reload_source = 0;

  if (OD_PAGE_GET_CLASS (self)->reload != NULL)
    OD_PAGE_GET_CLASS (self)->reload (self);

  return G_SOURCE_REMOVE;
}

/* Pages that are not on screen reload when they are shown: opening a large organization
 * then loads only what the first visible page needs. */
void
od_page_queue_reload (OdPage *self)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  g_return_if_fail (OD_IS_PAGE (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      priv->reload_when_mapped = TRUE;
      return;
    }

  if (priv->reload_source == 0)
    priv->reload_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, reload_idle_cb, self, NULL);
}

static void
repository_changed_cb (OdPage       *self,
                       gint64        organization_id,
                       const char   *area,
                       OdRepository *repository)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  if (priv->organization == NULL)
    return;

  /* 0 is a change to the list of organizations, which may be a rename of ours */
  if (organization_id == 0 || organization_id == od_organization_get_id (priv->organization))
    od_page_queue_reload (self);
}

static void
od_page_dispose (GObject *object)
{
  OdPage *self = (OdPage *)object;
  OdPagePrivate *priv = od_page_get_instance_private (self);

  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  g_clear_handle_id (&priv->reload_source, g_source_remove);
  if (priv->repository != NULL)
    g_clear_signal_handler (&priv->changed_handler, priv->repository);

  G_OBJECT_CLASS (od_page_parent_class)->dispose (object);
}

static void
od_page_finalize (GObject *object)
{
  OdPage *self = (OdPage *)object;
  OdPagePrivate *priv = od_page_get_instance_private (self);

  g_clear_object (&priv->repository);
  g_clear_object (&priv->organization);
  g_clear_object (&priv->actor);
  g_clear_object (&priv->cancellable);
  g_clear_pointer (&priv->title, g_free);
  g_clear_pointer (&priv->icon_name, g_free);

  G_OBJECT_CLASS (od_page_parent_class)->finalize (object);
}

static void
od_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  OdPage *self = OD_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, od_page_get_repository (self));
      break;

    case PROP_ORGANIZATION:
      g_value_set_object (value, od_page_get_organization (self));
      break;

    case PROP_ACTOR:
      g_value_set_object (value, od_page_get_actor (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, od_page_get_title (self));
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, od_page_get_icon_name (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  OdPage *self = OD_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      od_page_set_repository (self, g_value_get_object (value));
      break;

    case PROP_ORGANIZATION:
      od_page_set_organization (self, g_value_get_object (value));
      break;

    case PROP_ACTOR:
      od_page_set_actor (self, g_value_get_object (value));
      break;

    case PROP_TITLE:
      od_page_set_title (self, g_value_get_string (value));
      break;

    case PROP_ICON_NAME:
      od_page_set_icon_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
od_page_map (GtkWidget *widget)
{
  OdPage *self = OD_PAGE (widget);
  OdPagePrivate *priv = od_page_get_instance_private (self);

  GTK_WIDGET_CLASS (od_page_parent_class)->map (widget);

  if (priv->reload_when_mapped)
    {
      priv->reload_when_mapped = FALSE;
      od_page_queue_reload (self);
    }
}

static void
od_page_class_init (OdPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* Pages' .ui files use it (the builder cannot find a type in a static library by itself) */
  g_type_ensure (OD_TYPE_WRAP_BOX);

  object_class->dispose = od_page_dispose;
  object_class->finalize = od_page_finalize;
  object_class->get_property = od_page_get_property;
  object_class->set_property = od_page_set_property;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL,
                         OD_TYPE_REPOSITORY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ORGANIZATION] =
    g_param_spec_object ("organization", NULL, NULL,
                         OD_TYPE_ORGANIZATION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTOR] =
    g_param_spec_object ("actor", NULL, NULL,
                         OD_TYPE_MEMBER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  GTK_WIDGET_CLASS (klass)->map = od_page_map;
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
od_page_init (OdPage *self)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();

  od_widget_hide_from_at_when_unmapped (GTK_WIDGET (self));
}

OdRepository *
od_page_get_repository (OdPage *self)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  g_return_val_if_fail (OD_IS_PAGE (self), NULL);

  return priv->repository;
}

void
od_page_set_repository (OdPage       *self,
                        OdRepository *repository)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  g_return_if_fail (OD_IS_PAGE (self));
  g_return_if_fail (!repository || OD_IS_REPOSITORY (repository));

  if (priv->repository == repository)
    return;

  if (priv->repository != NULL)
    g_clear_signal_handler (&priv->changed_handler, priv->repository);

  g_set_object (&priv->repository, repository);

  if (repository != NULL)
    priv->changed_handler = g_signal_connect_object (repository, "changed",
                                                     G_CALLBACK (repository_changed_cb),
                                                     self, G_CONNECT_SWAPPED);

  reset_cancellable (self);
  od_page_queue_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
}

OdOrganization *
od_page_get_organization (OdPage *self)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  g_return_val_if_fail (OD_IS_PAGE (self), NULL);

  return priv->organization;
}

gint64
od_page_get_organization_id (OdPage *self)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  g_return_val_if_fail (OD_IS_PAGE (self), 0);

  return priv->organization != NULL ? od_organization_get_id (priv->organization) : 0;
}

void
od_page_set_organization (OdPage         *self,
                          OdOrganization *organization)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  g_return_if_fail (OD_IS_PAGE (self));
  g_return_if_fail (!organization || OD_IS_ORGANIZATION (organization));

  if (priv->organization == organization)
    return;

  g_set_object (&priv->organization, organization);
  reset_cancellable (self);
  od_page_queue_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION]);
}

OdMember *
od_page_get_actor (OdPage *self)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  g_return_val_if_fail (OD_IS_PAGE (self), NULL);

  return priv->actor;
}

OdRole
od_page_get_actor_role (OdPage *self)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  g_return_val_if_fail (OD_IS_PAGE (self), OD_ROLE_NONE);

  return priv->actor != NULL ? od_member_get_role (priv->actor) : OD_ROLE_NONE;
}

void
od_page_set_actor (OdPage   *self,
                   OdMember *actor)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  g_return_if_fail (OD_IS_PAGE (self));
  g_return_if_fail (!actor || OD_IS_MEMBER (actor));

  if (priv->actor == actor)
    return;

  g_set_object (&priv->actor, actor);
  od_page_queue_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}

const char *
od_page_get_title (OdPage *self)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  g_return_val_if_fail (OD_IS_PAGE (self), NULL);

  return priv->title;
}

void
od_page_set_title (OdPage     *self,
                   const char *title)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  g_return_if_fail (OD_IS_PAGE (self));

  if (set_str (&priv->title, title))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

const char *
od_page_get_icon_name (OdPage *self)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  g_return_val_if_fail (OD_IS_PAGE (self), NULL);

  return priv->icon_name;
}

void
od_page_set_icon_name (OdPage     *self,
                       const char *icon_name)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  g_return_if_fail (OD_IS_PAGE (self));

  if (set_str (&priv->icon_name, icon_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

/* The cancellable of the current organization: cancelled when it changes and on dispose. */
GCancellable *
od_page_get_cancellable (OdPage *self)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);

  g_return_val_if_fail (OD_IS_PAGE (self), NULL);

  return priv->cancellable;
}

static void
od_page_run_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RunData *data = user_data;
  g_autoptr(GError) error = NULL;
  gpointer value;

  value = od_repository_run_finish (OD_REPOSITORY (object), result, &error);

  if (g_cancellable_is_cancelled (data->cancellable) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (value != NULL && data->result_free != NULL)
        data->result_free (value);
    }
  else
    {
      data->done (data->page, value, error);
    }

  run_data_free (data);
}

void
od_page_run (OdPage           *self,
             OdRepositoryFunc  func,
             gpointer          data,
             GDestroyNotify    data_free,
             GDestroyNotify    result_free,
             OdPageResultFunc  done)
{
  OdPagePrivate *priv = od_page_get_instance_private (self);
  RunData *run;

  g_return_if_fail (OD_IS_PAGE (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (done != NULL);

  if (priv->repository == NULL)
    {
      if (data_free != NULL && data != NULL)
        data_free (data);
      return;
    }

  run = g_new0 (RunData, 1);
  run->page = g_object_ref (self);
  run->cancellable = g_object_ref (priv->cancellable);
  run->result_free = result_free;
  run->done = done;

  od_repository_run_async (priv->repository, func, data, data_free, result_free,
                           priv->cancellable, od_page_run_cb, run);
}
