/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-bulk-job.h"
#include "freight-bulk-types.h"
#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_JOBS (freight_jobs_get_type ())

G_DECLARE_FINAL_TYPE (FreightJobs, freight_jobs, FREIGHT, JOBS, GObject)

FreightJobs         *freight_jobs_new                    (FreightOrgSession    *session);
FreightBulkClient   *freight_jobs_get_client             (FreightJobs          *self);

FreightBulkJobState  freight_jobs_get_state_filter       (FreightJobs          *self);
void                 freight_jobs_set_state_filter       (FreightJobs          *self,
                                                          FreightBulkJobState   state);
const char          *freight_jobs_get_object_filter      (FreightJobs          *self);
void                 freight_jobs_set_object_filter      (FreightJobs          *self,
                                                          const char           *object);
gboolean             freight_jobs_get_show_ingest        (FreightJobs          *self);
void                 freight_jobs_set_show_ingest        (FreightJobs          *self,
                                                          gboolean              show);
gboolean             freight_jobs_get_show_query         (FreightJobs          *self);
void                 freight_jobs_set_show_query         (FreightJobs          *self,
                                                          gboolean              show);
gboolean             freight_jobs_get_loading            (FreightJobs          *self);
guint                freight_jobs_get_n_all              (FreightJobs          *self);
guint                freight_jobs_count_unfinished       (FreightJobs          *self);
FreightBulkJob      *freight_jobs_lookup                 (FreightJobs          *self,
                                                          const char           *job_id);

gboolean             freight_jobs_refresh                (FreightJobs          *self,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
void                 freight_jobs_refresh_async          (FreightJobs          *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean             freight_jobs_refresh_finish         (FreightJobs          *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

FreightBulkJob      *freight_jobs_show                   (FreightJobs          *self,
                                                          const char           *job_id,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
void                 freight_jobs_show_async             (FreightJobs          *self,
                                                          const char           *job_id,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
FreightBulkJob      *freight_jobs_show_finish            (FreightJobs          *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
FreightBulkJob      *freight_jobs_abort                  (FreightJobs          *self,
                                                          const char           *job_id,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
void                 freight_jobs_abort_async            (FreightJobs          *self,
                                                          const char           *job_id,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
FreightBulkJob      *freight_jobs_abort_finish           (FreightJobs          *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
gboolean             freight_jobs_delete                 (FreightJobs          *self,
                                                          const char           *job_id,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
void                 freight_jobs_delete_async           (FreightJobs          *self,
                                                          const char           *job_id,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean             freight_jobs_delete_finish          (FreightJobs          *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
char               **freight_jobs_download_results       (FreightJobs          *self,
                                                          const char           *job_id,
                                                          const char           *folder,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
void                 freight_jobs_download_results_async (FreightJobs          *self,
                                                          const char           *job_id,
                                                          const char           *folder,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
char               **freight_jobs_download_results_finish
                                                         (FreightJobs          *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

G_END_DECLS
