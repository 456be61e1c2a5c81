/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "freight-csv-types.h"
#include "freight-reconcile-result.h"
#include "freight-reconcile-types.h"
#include "freight-spool-part.h"

G_BEGIN_DECLS

/**
 * FreightResultFile:
 * @FREIGHT_RESULT_FILE_KIND_SUCCESS: `success.csv`
 * @FREIGHT_RESULT_FILE_KIND_FAILED: `failed.csv`
 * @FREIGHT_RESULT_FILE_KIND_UNPROCESSED: `unprocessed.csv`
 * @FREIGHT_RESULT_FILE_KIND_UNMATCHED: `unmatched-results.csv` (only when needed)
 *
 * The files a run writes in its result folder.
 */
typedef enum
{
  FREIGHT_RESULT_FILE_KIND_SUCCESS,
  FREIGHT_RESULT_FILE_KIND_FAILED,
  FREIGHT_RESULT_FILE_KIND_UNPROCESSED,
  FREIGHT_RESULT_FILE_KIND_UNMATCHED,
} FreightResultFileKind;

/**
 * FreightReconcileOutputState:
 * @sizes: the size in bytes of success.csv, failed.csv, unprocessed.csv and
 *   unmatched-results.csv (0: not created)
 * @n_succeeded: rows in success.csv
 * @n_failed: rows in failed.csv
 * @n_unprocessed: rows in unprocessed.csv
 * @n_skipped: of them, rows that were never sent (pre-flight, unreadable)
 * @n_ambiguous: ambiguous joins so far
 * @n_unmatched: result rows that matched no sent row so far
 *
 * Where a run's result files stood after a part, for the journal: a run resumed after a
 * crash reopens its files at the state recorded after the last part it finished.
 */
typedef struct
{
  guint64 sizes[4];
  guint64 n_succeeded;
  guint64 n_failed;
  guint64 n_unprocessed;
  guint64 n_skipped;
  guint64 n_ambiguous;
  guint64 n_unmatched;
} FreightReconcileOutputState;

#define FREIGHT_TYPE_RECONCILE_OUTPUT (freight_reconcile_output_get_type ())

G_DECLARE_FINAL_TYPE (FreightReconcileOutput, freight_reconcile_output,
                      FREIGHT, RECONCILE_OUTPUT, GObject)

FreightReconcileOutput *
freight_reconcile_output_new (GFile                             *dir,
                              GFile                             *source,
                              const FreightCsvDialect           *source_dialect,
                              FreightCsvReaderFlags              source_flags,
                              const FreightReconcileOutputState *resume_from,
                              GCancellable                      *cancellable,
                              GError                           **error);

gboolean freight_reconcile_output_append_part (FreightReconcileOutput  *self,
                                               FreightSpoolPart        *part,
                                               FreightReconcileResult  *result,
                                               GCancellable            *cancellable,
                                               GError                 **error);
gboolean freight_reconcile_output_close       (FreightReconcileOutput  *self,
                                               GCancellable            *cancellable,
                                               GError                 **error);
gboolean freight_reconcile_output_check       (FreightReconcileOutput  *self,
                                               guint64                  n_source_records,
                                               GError                 **error);

GFile   *freight_reconcile_output_get_file    (FreightReconcileOutput      *self,
                                               FreightResultFileKind        kind);
void     freight_reconcile_output_get_state   (FreightReconcileOutput      *self,
                                               FreightReconcileOutputState *state);
guint64  freight_reconcile_output_get_n_rows  (FreightReconcileOutput      *self);
void     freight_reconcile_output_add_summary (FreightReconcileOutput      *self,
                                               JsonBuilder                 *builder);

G_END_DECLS
