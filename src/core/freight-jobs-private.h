/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-jobs.h"

G_BEGIN_DECLS

/* Shared by freight-jobs.c (the model) and freight-jobs-ops.c (what it does). */

FreightBulkJob *_freight_jobs_merge_job     (FreightJobs    *self,
                                             FreightBulkJob *job);
void            _freight_jobs_forget_job    (FreightJobs    *self,
                                             const char     *job_id);
void            _freight_jobs_rebuild       (FreightJobs    *self);
void            _freight_jobs_apply_listing (FreightJobs    *self,
                                             GPtrArray      *jobs);
void            _freight_jobs_set_loading   (FreightJobs    *self,
                                             gboolean        loading);

G_END_DECLS
