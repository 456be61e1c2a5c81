/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-reconcile-output.h"
#include "freight-reconcile-result.h"
#include "freight-reconcile-types.h"
#include "freight-spool-part.h"

G_BEGIN_DECLS

/* Reconciliation: every source row of a load in exactly one of the run's result files.
 *
 * How the pipeline uses it, per part (see freight-spool-part.h for the files):
 *
 *   part = freight_spool_part_new (spool_dir, n);
 *   freight_spool_part_set_dialect (part, job_delimiter, job_line_ending);
 *   freight_spool_part_set_column_kinds (part, kinds, n_sent_columns);
 *   freight_spool_part_begin (part, first_record, offset, line, …);
 *   for each source record of the part's range, in order:
 *     written to part-NNNN.csv  → freight_spool_part_add_row (part, record, …);
 *     left out (pre-flight, CSV error) → freight_spool_part_add_skipped (part, record, why…);
 *   freight_spool_part_finish (part, 0, …);
 *   … the job runs; its three result files are downloaded to part-NNNN.{success,failed,
 *   unprocessed}.csv …
 *   freight_spool_part_set_job_end (part, state, error_message);
 *   result = freight_reconcile_part (part, …);            (worker thread)
 *   freight_reconcile_output_append_part (output, part, result, …);
 *   freight_reconcile_output_get_state (output, &state);   (journal it)
 *
 * with one FreightReconcileOutput per run (freight_reconcile_output_new() writes the
 * headers; freight_reconcile_output_close() and freight_reconcile_output_check() end it).
 * Parts are appended in source order if the files are to be in source order; any order is
 * correct.
 *
 * The join. Salesforce returns results in no guaranteed order and echoes the sent values
 * possibly normalized, so result rows are matched to part rows by content: each sent value
 * is put in a canonical form for its column's kind (FreightReconcileKind), and the row's
 * canonical bytes are hashed to 64 bits. One pass over the part indexes the hashes (open
 * addressing; rows with equal hashes are compared exactly, re-reading the part when
 * needed, so identical rows form one group and colliding different rows stay apart); one
 * pass over each result file takes, per result row, the next untaken row of its group (a
 * result row is compared exactly only where different sent rows share its hash; otherwise
 * equal 64-bit hashes are taken as equal content, wrong only if an echo that matches no
 * sent row collides with one, about n / 2^64 per result row).
 * Rows of a group are interchangeable: results that land in a group of two or more rows
 * count as ambiguous joins. A result row that matches no untaken row is an error
 * diagnostic and is kept in part-NNNN.unmatched.csv (then in the run's
 * unmatched-results.csv), never dropped. The outcome of each row goes to part-NNNN.outcome.
 *
 * Memory. While joining, about 18 bytes per part row (hash, chain link, slots) plus fixed
 * buffers (CSV readers, a 256-row cache, at most 1 MiB of outcome buffers); while writing,
 * the outcomes of one bucket of rows (at most 1/128 of the part, at least 8192 rows). Rows
 * are never held. tests/bench/reconcile/run.sh measures it.
 *
 * The result files (in the source's delimiter and line ending, UTF-8):
 *   success.csv      Freight Row, Freight Id, Freight Created, source columns…
 *   failed.csv       Freight Row, Freight Error Code, Freight Error Message,
 *                    Freight Error Fields, source columns…
 *   unprocessed.csv  Freight Row, Freight Reason, source columns…
 * Freight Row is the source record number (1 = first data row), or, when the source is a
 * result file of Freight loaded again, the value of its Freight Row column; the source's
 * own Freight columns are not repeated. Unprocessed reasons: the skipped row's reason;
 * "job aborted" (or, for a job the pipeline aborted itself, the error message it set on
 * the part, such as "job aborted: the load was cancelled"); "job failed: <errorMessage>";
 * "not processed by Salesforce" (listed in
 * unprocessedrecords of a completed job); "no result returned by Salesforce". */

FreightReconcileResult *freight_reconcile_part (FreightSpoolPart  *part,
                                                GCancellable      *cancellable,
                                                GError           **error);

G_END_DECLS
