/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "freight-wizard.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_ORG_INDICATOR (freight_org_indicator_get_type ())

G_DECLARE_FINAL_TYPE (FreightOrgIndicator, freight_org_indicator,
                      FREIGHT, ORG_INDICATOR, AdwBin)

void        freight_org_indicator_set_wizard (FreightOrgIndicator *self,
                                              FreightWizard       *wizard);
FreightOrg *freight_org_indicator_get_org    (FreightOrgIndicator *self);

G_END_DECLS
