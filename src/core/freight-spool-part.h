/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-csv-types.h"
#include "freight-reconcile-types.h"

G_BEGIN_DECLS

/**
 * FreightSpoolFile:
 * @FREIGHT_SPOOL_FILE_CSV: `part-NNNN.csv`: the exact bytes uploaded (header of API names
 *   or relationship paths, the job's delimiter and line ending)
 * @FREIGHT_SPOOL_FILE_ROWS: `part-NNNN.rows`: the source record number of each data row
 *   of the part, in order, as little-endian 64-bit integers
 * @FREIGHT_SPOOL_FILE_SKIPPED: `part-NNNN.skipped`: the source records of the part's range
 *   that are not in the part, as CSV (comma, LF) with the header `Freight Row,Freight
 *   Reason`, in ascending order; absent when there are none
 * @FREIGHT_SPOOL_FILE_SUCCESS: `part-NNNN.success.csv`: the job's successfulResults
 * @FREIGHT_SPOOL_FILE_FAILED: `part-NNNN.failed.csv`: the job's failedResults
 * @FREIGHT_SPOOL_FILE_UNPROCESSED: `part-NNNN.unprocessed.csv`: the job's
 *   unprocessedrecords (may be absent)
 * @FREIGHT_SPOOL_FILE_OUTCOME: `part-NNNN.outcome`: the outcome of each part row, written
 *   by freight_reconcile_part()
 * @FREIGHT_SPOOL_FILE_UNMATCHED: `part-NNNN.unmatched.csv`: result rows that match no row
 *   of the part, written by freight_reconcile_part() when there are any
 * @FREIGHT_SPOOL_FILE_HASHES: `part-NNNN.hashes`: the content hash of each row of the part,
 *   written while the part is prepared (optional: without it, freight_reconcile_part()
 *   reads the part to compute them)
 *
 * The files of one part in the spool folder.
 */
typedef enum
{
  FREIGHT_SPOOL_FILE_CSV,
  FREIGHT_SPOOL_FILE_ROWS,
  FREIGHT_SPOOL_FILE_SKIPPED,
  FREIGHT_SPOOL_FILE_SUCCESS,
  FREIGHT_SPOOL_FILE_FAILED,
  FREIGHT_SPOOL_FILE_UNPROCESSED,
  FREIGHT_SPOOL_FILE_OUTCOME,
  FREIGHT_SPOOL_FILE_UNMATCHED,
  FREIGHT_SPOOL_FILE_HASHES,
} FreightSpoolFile;

#define FREIGHT_SPOOL_N_FILES (FREIGHT_SPOOL_FILE_HASHES + 1)

#define FREIGHT_TYPE_SPOOL_PART (freight_spool_part_get_type ())

G_DECLARE_FINAL_TYPE (FreightSpoolPart, freight_spool_part, FREIGHT, SPOOL_PART, GObject)

FreightSpoolPart *freight_spool_part_new           (GFile            *dir,
                                                    guint             number);
GFile            *freight_spool_part_get_dir       (FreightSpoolPart *self);
guint             freight_spool_part_get_number    (FreightSpoolPart *self);
GFile            *freight_spool_part_get_file      (FreightSpoolPart *self,
                                                    FreightSpoolFile  which);
char             *freight_spool_part_get_file_name (FreightSpoolPart *self,
                                                    FreightSpoolFile  which);

/* The job's CSV dialect (default: comma, LF). */
void                 freight_spool_part_set_dialect     (FreightSpoolPart     *self,
                                                         char                  delimiter,
                                                         FreightCsvLineEnding  line_ending);
char                 freight_spool_part_get_delimiter   (FreightSpoolPart     *self);
FreightCsvLineEnding freight_spool_part_get_line_ending (FreightSpoolPart     *self);

/* How each sent column compares, in the order of the part's header. */
void freight_spool_part_set_column_kinds (FreightSpoolPart           *self,
                                          const FreightReconcileKind *kinds,
                                          guint                       n_kinds);
const FreightReconcileKind *
     freight_spool_part_get_column_kinds (FreightSpoolPart           *self,
                                          guint                      *n_kinds);

/* How the part's job ended. */
void                freight_spool_part_set_job_end   (FreightSpoolPart   *self,
                                                      FreightJobEndState  state,
                                                      const char         *error_message);
FreightJobEndState  freight_spool_part_get_job_end   (FreightSpoolPart   *self);
const char         *freight_spool_part_get_job_error (FreightSpoolPart   *self);

/* The source records [first, last] the part covers, and where the first starts. */
void    freight_spool_part_set_source_range  (FreightSpoolPart *self,
                                              guint64           first_record,
                                              guint64           last_record,
                                              guint64           offset,
                                              guint64           line);
guint64 freight_spool_part_get_first_record  (FreightSpoolPart *self);
guint64 freight_spool_part_get_last_record   (FreightSpoolPart *self);
guint64 freight_spool_part_get_source_offset (FreightSpoolPart *self);
guint64 freight_spool_part_get_source_line   (FreightSpoolPart *self);

/* Writing the record numbers while the pipeline writes part-NNNN.csv. */
gboolean freight_spool_part_begin         (FreightSpoolPart  *self,
                                           guint64            first_record,
                                           guint64            offset,
                                           guint64            line,
                                           GCancellable      *cancellable,
                                           GError           **error);
gboolean freight_spool_part_add_row       (FreightSpoolPart  *self,
                                           guint64            record,
                                           GCancellable      *cancellable,
                                           GError           **error);
gboolean freight_spool_part_add_skipped   (FreightSpoolPart  *self,
                                           guint64            record,
                                           const char        *reason,
                                           GCancellable      *cancellable,
                                           GError           **error);
gboolean freight_spool_part_finish        (FreightSpoolPart  *self,
                                           guint64            last_record,
                                           GCancellable      *cancellable,
                                           GError           **error);
guint64  freight_spool_part_get_n_rows    (FreightSpoolPart  *self);
guint64  freight_spool_part_get_n_skipped (FreightSpoolPart  *self);

G_END_DECLS
