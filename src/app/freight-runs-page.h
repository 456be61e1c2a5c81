/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "freight.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_RUNS_PAGE (freight_runs_page_get_type ())

G_DECLARE_FINAL_TYPE (FreightRunsPage, freight_runs_page, FREIGHT, RUNS_PAGE, AdwBin)

void     freight_runs_page_set_session (FreightRunsPage   *self,
                                        FreightOrgSession *session);
void     freight_runs_page_reload      (FreightRunsPage   *self);
gboolean freight_runs_page_get_loading (FreightRunsPage   *self);
guint    freight_runs_page_get_n_runs  (FreightRunsPage   *self);

G_END_DECLS
