/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-bulk-client.h"
#include "freight-http-response.h"

G_BEGIN_DECLS

/* Shared by the files of FreightBulkClient, FreightExport and FreightJobs. */

char                *_freight_bulk_job_path            (FreightBulkJobKind   kind,
                                                        const char          *job_id,
                                                        const char          *suffix);
FreightBulkJob      *_freight_bulk_client_send_job     (FreightBulkClient   *self,
                                                        FreightBulkJobKind   kind,
                                                        const char          *method,
                                                        const char          *path,
                                                        JsonNode            *body,
                                                        gboolean             retry_safe,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
FreightHttpResponse *_freight_bulk_client_download     (FreightBulkClient   *self,
                                                        const char          *path,
                                                        const char          *file,
                                                        FreightHttpProgressFunc progress,
                                                        gpointer             progress_data,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
gboolean             _freight_bulk_add_format          (JsonObject          *body,
                                                        char                 delimiter,
                                                        FreightCsvLineEnding line_ending,
                                                        GError             **error);
gboolean             _freight_bulk_sleep               (guint                ms,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
guint                _freight_bulk_next_wait           (guint                current_ms,
                                                        guint                min_ms,
                                                        guint                max_ms);
gboolean             _freight_bulk_is_transient_error  (const GError        *error);
gboolean             _freight_bulk_append_page         (int                  out_fd,
                                                        const char          *out_path,
                                                        const char          *page_file,
                                                        GByteArray          *header,
                                                        guint64             *appended,
                                                        GCancellable        *cancellable,
                                                        GError             **error);

G_END_DECLS
