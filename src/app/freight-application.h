/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "freight.h"
#include "freight-local-org-child.h"
#include "freight-resumer.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_APPLICATION (freight_application_get_type ())

G_DECLARE_FINAL_TYPE (FreightApplication, freight_application,
                      FREIGHT, APPLICATION, AdwApplication)

FreightApplication *freight_application_new           (void);
gboolean            freight_application_get_local_org (FreightApplication *self);
void                freight_application_set_local_org (FreightApplication *self,
                                                       gboolean            local_org);
FreightOrgStore    *freight_application_get_org_store (FreightApplication *self);
FreightLocalOrgChild *
                    freight_application_get_local_org_child (FreightApplication *self);
FreightResumer     *freight_application_get_resumer   (FreightApplication *self);

G_END_DECLS
