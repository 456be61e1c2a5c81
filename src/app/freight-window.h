/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "freight-application.h"
#include "freight-results-page.h"
#include "freight-wizard.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_WINDOW (freight_window_get_type ())

G_DECLARE_FINAL_TYPE (FreightWindow, freight_window, FREIGHT, WINDOW, AdwApplicationWindow)

FreightWindow *freight_window_new           (FreightApplication *application);
guint          freight_window_get_step      (FreightWindow      *self);
guint          freight_window_get_n_steps   (FreightWindow      *self);
FreightWizard *freight_window_get_wizard    (FreightWindow      *self);
FreightResultsPage *
              freight_window_get_results_page (FreightWindow  *self);
void           freight_window_start_wizard  (FreightWindow      *self,
                                             FreightOrgSession  *session);
void           freight_window_show_results  (FreightWindow      *self,
                                             GFile              *run_dir,
                                             FreightJournal     *journal);
FreightOrgSession *freight_window_get_session (FreightWindow     *self);
void           freight_window_set_session   (FreightWindow      *self,
                                             FreightOrgSession  *session);
void           freight_window_add_toast     (FreightWindow      *self,
                                             AdwToast           *toast);

G_END_DECLS
