/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-wizard-page.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_FILE_PAGE (freight_file_page_get_type ())

G_DECLARE_FINAL_TYPE (FreightFilePage, freight_file_page,
                      FREIGHT, FILE_PAGE, FreightWizardPage)

GtkWidget *freight_file_page_new (void);

G_END_DECLS
