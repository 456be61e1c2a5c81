/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "freight.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_JOBS_PAGE (freight_jobs_page_get_type ())

G_DECLARE_FINAL_TYPE (FreightJobsPage, freight_jobs_page, FREIGHT, JOBS_PAGE, AdwBin)

FreightJobs    *freight_jobs_page_get_jobs     (FreightJobsPage *self);
void            freight_jobs_page_set_session  (FreightJobsPage   *self,
                                                FreightOrgSession *session);
void            freight_jobs_page_refresh      (FreightJobsPage *self);
FreightBulkJob *freight_jobs_page_get_selected (FreightJobsPage *self);

/* What can be done with a job, for the page's and the details window's actions. */
gboolean        _freight_jobs_page_can_abort    (FreightBulkJob  *job);
gboolean        _freight_jobs_page_can_delete   (FreightBulkJob  *job);
gboolean        _freight_jobs_page_can_download (FreightBulkJob  *job);
void            _freight_jobs_page_abort        (FreightJobsPage *self,
                                                 FreightBulkJob  *job,
                                                 GtkWindow       *parent);
void            _freight_jobs_page_download_to  (FreightJobsPage *self,
                                                 const char      *job_id,
                                                 const char      *folder);
void            _freight_jobs_page_delete       (FreightJobsPage *self,
                                                 FreightBulkJob  *job,
                                                 GtkWindow       *parent);
void            _freight_jobs_page_download     (FreightJobsPage *self,
                                                 FreightBulkJob  *job,
                                                 GtkWindow       *parent);

G_END_DECLS
