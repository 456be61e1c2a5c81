/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-wizard-page.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_RUN_PAGE (freight_run_page_get_type ())

G_DECLARE_FINAL_TYPE (FreightRunPage, freight_run_page, FREIGHT, RUN_PAGE, FreightWizardPage)

GtkWidget  *freight_run_page_new            (void);
const char *freight_run_page_get_count_text (FreightRunPage *self);
void        freight_run_page_ask_cancel     (FreightRunPage *self);

char       *_freight_format_duration        (double          seconds);

G_END_DECLS
