/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-bulk-client.h"
#include "freight-export.h"
#include "freight-journal.h"

G_BEGIN_DECLS

/* Shared by freight-export.c (the object) and freight-export-run.c (the worker). */

typedef struct
{
  FreightExportState  state;
  char               *job_id;
  char               *query;
  gint64              run_id;
  guint64             rows_written;
  guint64             rows_total;
  guint64             bytes_written;
  guint               pages;
} FreightExportProgress;

/* The configuration a run works from, copied when it starts. */
typedef struct
{
  FreightOrgSession    *session;
  FreightBulkClient    *client;
  FreightJournal       *journal;
  char                 *org_name;
  char                 *object;
  char                **fields;
  char                 *soql;
  FreightBulkOperation  operation;
  char                 *output_path;
  char                  delimiter;
  FreightCsvLineEnding  line_ending;
  guint64               page_size;
  guint                 min_poll_ms;
  guint                 max_poll_ms;
  char                 *job_id;       /* an existing job to download, or NULL */
  gint64                run_id;       /* a journal run to continue, or 0 */
} FreightExportConfig;

FreightExportConfig *_freight_export_dup_config   (FreightExport             *self);
FreightExportConfig *_freight_export_start        (FreightExport             *self,
                                                   GError                   **error);
void                 _freight_export_publish      (FreightExport             *self);
void                 _freight_export_publish_if_owner (FreightExport         *self);
void                 _freight_export_config_free  (FreightExportConfig       *config);
void                 _freight_export_update       (FreightExport             *self,
                                                   const FreightExportProgress *progress);
gboolean             _freight_export_work         (FreightExport             *self,
                                                   FreightExportConfig       *config,
                                                   GCancellable              *cancellable,
                                                   GError                   **error);
gboolean             _freight_export_restore      (FreightExportConfig       *config,
                                                   const FreightJournalRun   *run,
                                                   GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightExportConfig, _freight_export_config_free)

G_END_DECLS
