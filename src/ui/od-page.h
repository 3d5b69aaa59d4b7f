/* od-page.h — the base of every area page (Overview, Members, …)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "od-repository.h"
#include "od-organization.h"
#include "od-member.h"

G_BEGIN_DECLS

#define OD_TYPE_PAGE (od_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (OdPage, od_page, OD, PAGE, AdwBin)

struct _OdPageClass
{
  AdwBinClass parent_class;

  /* Called (from an idle) when the repository, organization or actor changed, or when the
   * repository emitted "changed" for this page's organization. */
  void (*reload) (OdPage *self);

  gpointer padding[8];
};

/* Called on the main thread with the result of func (transfer full, NULL on error), unless the
 * page's cancellable was cancelled in the meantime (then the result is freed and nothing is
 * called). */
typedef void (*OdPageResultFunc) (OdPage       *self,
                                  gpointer      result,
                                  const GError *error);

OdRepository   *od_page_get_repository   (OdPage           *self);
void            od_page_set_repository   (OdPage           *self,
                                          OdRepository     *repository);
OdOrganization *od_page_get_organization (OdPage           *self);
void            od_page_set_organization (OdPage           *self,
                                          OdOrganization   *organization);
gint64          od_page_get_organization_id (OdPage        *self);
OdMember       *od_page_get_actor        (OdPage           *self);
void            od_page_set_actor        (OdPage           *self,
                                          OdMember         *actor);
OdRole          od_page_get_actor_role   (OdPage           *self);
const char     *od_page_get_title        (OdPage           *self);
void            od_page_set_title        (OdPage           *self,
                                          const char       *title);
const char     *od_page_get_icon_name    (OdPage           *self);
void            od_page_set_icon_name    (OdPage           *self,
                                          const char       *icon_name);
GCancellable   *od_page_get_cancellable  (OdPage           *self);
void            od_page_queue_reload     (OdPage           *self);
void            od_page_run              (OdPage           *self,
                                          OdRepositoryFunc  func,
                                          gpointer          data,
                                          GDestroyNotify    data_free,
                                          GDestroyNotify    result_free,
                                          OdPageResultFunc  done);

G_END_DECLS
