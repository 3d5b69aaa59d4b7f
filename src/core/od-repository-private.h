/* od-repository-private.h — what the core's own types need from the repository
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "od-repository.h"

G_BEGIN_DECLS

guint       _od_repository_count_members  (OdRepository  *self,
                                           gint64         organization_id,
                                           const char    *search,
                                           GError       **error);
GPtrArray  *_od_repository_fetch_members  (OdRepository  *self,
                                           gint64         organization_id,
                                           const char    *search,
                                           OdMember      *after,
                                           guint          offset,
                                           guint          limit,
                                           GError       **error);

GListModel *_od_member_list_new           (OdRepository  *repository,
                                           gint64         organization_id,
                                           const char    *search,
                                           GError       **error);

G_END_DECLS
