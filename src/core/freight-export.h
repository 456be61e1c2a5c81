/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-bulk-types.h"
#include "freight-csv-types.h"
#include "freight-types.h"

G_BEGIN_DECLS

/**
 * FreightExportState:
 * @FREIGHT_EXPORT_STATE_IDLE: not started
 * @FREIGHT_EXPORT_STATE_CREATING: creating the query job
 * @FREIGHT_EXPORT_STATE_WAITING: the org runs the query
 * @FREIGHT_EXPORT_STATE_DOWNLOADING: result pages are written to the file
 * @FREIGHT_EXPORT_STATE_DONE: the file is complete
 * @FREIGHT_EXPORT_STATE_FAILED: the export stopped on an error
 * @FREIGHT_EXPORT_STATE_CANCELLED: cancelled; the job was aborted and the file removed
 */
typedef enum
{
  FREIGHT_EXPORT_STATE_IDLE,
  FREIGHT_EXPORT_STATE_CREATING,
  FREIGHT_EXPORT_STATE_WAITING,
  FREIGHT_EXPORT_STATE_DOWNLOADING,
  FREIGHT_EXPORT_STATE_DONE,
  FREIGHT_EXPORT_STATE_FAILED,
  FREIGHT_EXPORT_STATE_CANCELLED,
} FreightExportState;

#define FREIGHT_TYPE_EXPORT_STATE (freight_export_state_get_type ())

GType       freight_export_state_get_type (void) G_GNUC_CONST;
const char *freight_export_state_to_string (FreightExportState state);

/* The kind of journal run an export records. */
#define FREIGHT_EXPORT_RUN_KIND "export"

#define FREIGHT_TYPE_EXPORT (freight_export_get_type ())

G_DECLARE_FINAL_TYPE (FreightExport, freight_export, FREIGHT, EXPORT, GObject)

FreightExport        *freight_export_new                   (FreightOrgSession     *session);
FreightExport        *freight_export_new_for_run           (FreightOrgSession     *session,
                                                            FreightJournal        *journal,
                                                            gint64                 run_id,
                                                            GError               **error);
char                 *freight_export_build_soql            (const char            *object,
                                                            const char * const    *fields,
                                                            GError               **error);

FreightOrgSession    *freight_export_get_session           (FreightExport         *self);
FreightJournal       *freight_export_get_journal           (FreightExport         *self);
void                  freight_export_set_journal           (FreightExport         *self,
                                                            FreightJournal        *journal);
const char           *freight_export_get_org_name          (FreightExport         *self);
void                  freight_export_set_org_name          (FreightExport         *self,
                                                            const char            *org_name);
const char           *freight_export_get_object            (FreightExport         *self);
void                  freight_export_set_object            (FreightExport         *self,
                                                            const char            *object);
const char * const   *freight_export_get_fields            (FreightExport         *self);
void                  freight_export_set_fields            (FreightExport         *self,
                                                            const char * const    *fields);
const char           *freight_export_get_soql              (FreightExport         *self);
void                  freight_export_set_soql              (FreightExport         *self,
                                                            const char            *soql);
FreightBulkOperation  freight_export_get_operation         (FreightExport         *self);
void                  freight_export_set_operation         (FreightExport         *self,
                                                            FreightBulkOperation   operation);
const char           *freight_export_get_output_path       (FreightExport         *self);
void                  freight_export_set_output_path       (FreightExport         *self,
                                                            const char            *path);
char                  freight_export_get_delimiter         (FreightExport         *self);
void                  freight_export_set_delimiter         (FreightExport         *self,
                                                            char                   delimiter);
FreightCsvLineEnding  freight_export_get_line_ending       (FreightExport         *self);
void                  freight_export_set_line_ending       (FreightExport         *self,
                                                            FreightCsvLineEnding   line_ending);
guint64               freight_export_get_page_size         (FreightExport         *self);
void                  freight_export_set_page_size         (FreightExport         *self,
                                                            guint64                page_size);
void                  freight_export_set_poll_interval     (FreightExport         *self,
                                                            guint                  min_ms,
                                                            guint                  max_ms);

FreightExportState    freight_export_get_state             (FreightExport         *self);
char                 *freight_export_dup_job_id            (FreightExport         *self);
void                  freight_export_set_job_id            (FreightExport         *self,
                                                            const char            *job_id);
gint64                freight_export_get_run_id            (FreightExport         *self);
guint64               freight_export_get_rows_written      (FreightExport         *self);
guint64               freight_export_get_rows_total        (FreightExport         *self);
guint                 freight_export_get_pages             (FreightExport         *self);
guint64               freight_export_get_bytes_written     (FreightExport         *self);
char                 *freight_export_dup_query             (FreightExport         *self);

gboolean              freight_export_run                   (FreightExport         *self,
                                                            GCancellable          *cancellable,
                                                            GError               **error);
void                  freight_export_run_async             (FreightExport         *self,
                                                            GCancellable          *cancellable,
                                                            GAsyncReadyCallback    callback,
                                                            gpointer               user_data);
gboolean              freight_export_run_finish            (FreightExport         *self,
                                                            GAsyncResult          *result,
                                                            GError               **error);

G_END_DECLS
