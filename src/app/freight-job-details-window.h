/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "freight-jobs-page.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_JOB_DETAILS_WINDOW (freight_job_details_window_get_type ())

G_DECLARE_FINAL_TYPE (FreightJobDetailsWindow, freight_job_details_window,
                      FREIGHT, JOB_DETAILS_WINDOW, AdwWindow)

FreightJobDetailsWindow *freight_job_details_window_new     (FreightJobsPage         *page,
                                                             FreightBulkJob          *job);
FreightBulkJob          *freight_job_details_window_get_job (FreightJobDetailsWindow *self);

G_END_DECLS
