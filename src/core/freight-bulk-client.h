/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-bulk-job.h"
#include "freight-bulk-types.h"
#include "freight-csv-types.h"
#include "freight-http-request.h"
#include "freight-types.h"

G_BEGIN_DECLS

/**
 * FreightBulkJobFunc:
 * @job: the job as the last poll saw it
 * @user_data: the data given with the function
 *
 * Called after each poll of freight_bulk_client_wait_for_job(), on the polling thread.
 */
typedef void (*FreightBulkJobFunc) (FreightBulkJob *job,
                                    gpointer        user_data);

#define FREIGHT_TYPE_BULK_CLIENT (freight_bulk_client_get_type ())

G_DECLARE_FINAL_TYPE (FreightBulkClient, freight_bulk_client, FREIGHT, BULK_CLIENT, GObject)

FreightBulkClient *freight_bulk_client_new               (FreightOrgSession        *session);
FreightOrgSession *freight_bulk_client_get_session       (FreightBulkClient        *self);

/* Ingest jobs */
FreightBulkJob    *freight_bulk_client_create_ingest_job (FreightBulkClient        *self,
                                                          const char               *object,
                                                          FreightBulkOperation      operation,
                                                          const char               *external_id,
                                                          char                      delimiter,
                                                          FreightCsvLineEnding      line_ending,
                                                          const char               *rule_id,
                                                          GCancellable             *cancellable,
                                                          GError                  **error);
gboolean           freight_bulk_client_upload_job_data   (FreightBulkClient        *self,
                                                          const char               *job_id,
                                                          const char               *file,
                                                          FreightHttpProgressFunc   progress,
                                                          gpointer                  progress_data,
                                                          GCancellable             *cancellable,
                                                          GError                  **error);
FreightBulkJob    *freight_bulk_client_close_job         (FreightBulkClient        *self,
                                                          const char               *job_id,
                                                          GCancellable             *cancellable,
                                                          GError                  **error);
gboolean           freight_bulk_client_download_results  (FreightBulkClient        *self,
                                                          const char               *job_id,
                                                          FreightBulkResults        results,
                                                          const char               *file,
                                                          FreightHttpProgressFunc   progress,
                                                          gpointer                  progress_data,
                                                          GCancellable             *cancellable,
                                                          GError                  **error);

/* Query jobs */
FreightBulkJob    *freight_bulk_client_create_query_job  (FreightBulkClient        *self,
                                                          const char               *soql,
                                                          FreightBulkOperation      operation,
                                                          char                      delimiter,
                                                          FreightCsvLineEnding      line_ending,
                                                          GCancellable             *cancellable,
                                                          GError                  **error);
gboolean           freight_bulk_client_download_page     (FreightBulkClient        *self,
                                                          const char               *job_id,
                                                          const char               *api_version,
                                                          const char               *locator,
                                                          guint64                   max_records,
                                                          const char               *file,
                                                          char                    **next_locator,
                                                          guint64                  *n_records,
                                                          FreightHttpProgressFunc   progress,
                                                          gpointer                  progress_data,
                                                          GCancellable             *cancellable,
                                                          GError                  **error);

/* Both kinds */
FreightBulkJob    *freight_bulk_client_get_job           (FreightBulkClient        *self,
                                                          FreightBulkJobKind        kind,
                                                          const char               *job_id,
                                                          GCancellable             *cancellable,
                                                          GError                  **error);
FreightBulkJob    *freight_bulk_client_find_job          (FreightBulkClient        *self,
                                                          const char               *job_id,
                                                          GCancellable             *cancellable,
                                                          GError                  **error);
FreightBulkJob    *freight_bulk_client_abort_job         (FreightBulkClient        *self,
                                                          FreightBulkJobKind        kind,
                                                          const char               *job_id,
                                                          GCancellable             *cancellable,
                                                          GError                  **error);
gboolean           freight_bulk_client_delete_job        (FreightBulkClient        *self,
                                                          FreightBulkJobKind        kind,
                                                          const char               *job_id,
                                                          GCancellable             *cancellable,
                                                          GError                  **error);
GPtrArray         *freight_bulk_client_list_jobs_page    (FreightBulkClient        *self,
                                                          FreightBulkJobKind        kind,
                                                          const char               *page_url,
                                                          char                    **next_page_url,
                                                          GCancellable             *cancellable,
                                                          GError                  **error);
GPtrArray         *freight_bulk_client_list_jobs         (FreightBulkClient        *self,
                                                          FreightBulkJobKind        kind,
                                                          GCancellable             *cancellable,
                                                          GError                  **error);
FreightBulkJob    *freight_bulk_client_wait_for_job      (FreightBulkClient        *self,
                                                          FreightBulkJobKind        kind,
                                                          const char               *job_id,
                                                          guint                     min_wait_ms,
                                                          guint                     max_wait_ms,
                                                          FreightBulkJobFunc        on_poll,
                                                          gpointer                  user_data,
                                                          GCancellable             *cancellable,
                                                          GError                  **error);

/* For the main thread: the calls above on a worker thread. */
void               freight_bulk_client_get_job_async     (FreightBulkClient        *self,
                                                          FreightBulkJobKind        kind,
                                                          const char               *job_id,
                                                          GCancellable             *cancellable,
                                                          GAsyncReadyCallback       callback,
                                                          gpointer                  user_data);
FreightBulkJob    *freight_bulk_client_get_job_finish    (FreightBulkClient        *self,
                                                          GAsyncResult             *result,
                                                          GError                  **error);
void               freight_bulk_client_find_job_async    (FreightBulkClient        *self,
                                                          const char               *job_id,
                                                          GCancellable             *cancellable,
                                                          GAsyncReadyCallback       callback,
                                                          gpointer                  user_data);
FreightBulkJob    *freight_bulk_client_find_job_finish   (FreightBulkClient        *self,
                                                          GAsyncResult             *result,
                                                          GError                  **error);
void               freight_bulk_client_abort_job_async   (FreightBulkClient        *self,
                                                          FreightBulkJobKind        kind,
                                                          const char               *job_id,
                                                          GCancellable             *cancellable,
                                                          GAsyncReadyCallback       callback,
                                                          gpointer                  user_data);
FreightBulkJob    *freight_bulk_client_abort_job_finish  (FreightBulkClient        *self,
                                                          GAsyncResult             *result,
                                                          GError                  **error);
void               freight_bulk_client_delete_job_async  (FreightBulkClient        *self,
                                                          FreightBulkJobKind        kind,
                                                          const char               *job_id,
                                                          GCancellable             *cancellable,
                                                          GAsyncReadyCallback       callback,
                                                          gpointer                  user_data);
gboolean           freight_bulk_client_delete_job_finish (FreightBulkClient        *self,
                                                          GAsyncResult             *result,
                                                          GError                  **error);
void               freight_bulk_client_list_jobs_async   (FreightBulkClient        *self,
                                                          FreightBulkJobKind        kind,
                                                          GCancellable             *cancellable,
                                                          GAsyncReadyCallback       callback,
                                                          gpointer                  user_data);
GPtrArray         *freight_bulk_client_list_jobs_finish  (FreightBulkClient        *self,
                                                          GAsyncResult             *result,
                                                          GError                  **error);

G_END_DECLS
