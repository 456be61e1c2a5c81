/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-wizard-page.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_RESULTS_PAGE (freight_results_page_get_type ())

G_DECLARE_FINAL_TYPE (FreightResultsPage, freight_results_page,
                      FREIGHT, RESULTS_PAGE, FreightWizardPage)

FreightResultsPage *freight_results_page_new          (void);
FreightResultsPage *freight_results_page_new_for_run  (GFile              *run_dir,
                                                       FreightOrgSession  *session,
                                                       FreightJournal     *journal);
void                freight_results_page_set_run      (FreightResultsPage *self,
                                                       GFile              *run_dir,
                                                       FreightOrgSession  *session,
                                                       FreightJournal     *journal);
GFile              *freight_results_page_get_run_dir  (FreightResultsPage *self);
FreightRunResults  *freight_results_page_get_results  (FreightResultsPage *self);
gboolean            freight_results_page_get_busy     (FreightResultsPage *self);
gint64              freight_results_page_get_resubmit_run_id
                                                      (FreightResultsPage *self);
void                freight_results_page_show_fix     (FreightResultsPage *self,
                                                       gboolean            fix);

G_END_DECLS
