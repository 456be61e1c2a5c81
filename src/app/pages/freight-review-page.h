/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-wizard-page.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_REVIEW_PAGE (freight_review_page_get_type ())

G_DECLARE_FINAL_TYPE (FreightReviewPage, freight_review_page,
                      FREIGHT, REVIEW_PAGE, FreightWizardPage)

GtkWidget *freight_review_page_new (void);

G_END_DECLS
