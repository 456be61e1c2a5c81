/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-wizard-page.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_MAPPING_PAGE (freight_mapping_page_get_type ())

G_DECLARE_FINAL_TYPE (FreightMappingPage, freight_mapping_page,
                      FREIGHT, MAPPING_PAGE, FreightWizardPage)

GtkWidget *freight_mapping_page_new          (void);
gboolean   freight_mapping_page_get_building (FreightMappingPage *self);

G_END_DECLS
