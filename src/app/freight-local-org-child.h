/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight.h"

G_BEGIN_DECLS

/* The alias the local org is saved under; its row on the Connect page starts it. */
#define FREIGHT_LOCAL_ORG_ALIAS "local-org"

#define FREIGHT_TYPE_LOCAL_ORG_CHILD (freight_local_org_child_get_type ())

G_DECLARE_FINAL_TYPE (FreightLocalOrgChild, freight_local_org_child,
                      FREIGHT, LOCAL_ORG_CHILD, GObject)

FreightLocalOrgChild *freight_local_org_child_new            (void);
const char           *freight_local_org_child_get_url        (FreightLocalOrgChild *self);
void                  freight_local_org_child_sign_in_async  (FreightLocalOrgChild *self,
                                                              FreightOrgStore      *store,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
FreightOrgSession    *freight_local_org_child_sign_in_finish (FreightLocalOrgChild *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                  freight_local_org_child_stop           (FreightLocalOrgChild *self);

char                 *freight_local_org_find_program         (GError              **error);
char                 *freight_local_org_find_samples         (void);
gboolean              freight_local_org_is_local             (FreightOrg           *org);

G_END_DECLS
