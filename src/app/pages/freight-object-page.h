/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-wizard-page.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_OBJECT_PAGE (freight_object_page_get_type ())

G_DECLARE_FINAL_TYPE (FreightObjectPage, freight_object_page,
                      FREIGHT, OBJECT_PAGE, FreightWizardPage)

GtkWidget *freight_object_page_new (void);

G_END_DECLS
