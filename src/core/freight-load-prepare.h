/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-csv-types.h"
#include "freight-mapping-plan.h"
#include "freight-reconcile-types.h"

G_BEGIN_DECLS

/* The part preparer of the load pipeline (design.md §4.1), internal to libfreight.
 *
 * Streams the source CSV once, maps each record through the plan and writes Bulk-ready
 * parts into the spool folder in the layout freight-spool-part.h describes: part-NNNN.csv
 * (the job's header, delimiter and line ending), part-NNNN.rows (the record number of each
 * row), part-NNNN.hashes (each row's content hash, so that the join need not read the part
 * again; with the column kinds only) and part-NNNN.skipped (the records of the part's
 * range left out, with the reason: excluded by pre-flight, rejected by the CSV reader, or
 * not sent because the load was stopped). A part closes before it would pass the byte limit or at the row cap; records
 * left out between two sent rows belong to the part of the row before them, so the parts'
 * ranges cover every record of the source. A part whose records were all left out has no
 * part-NNNN.csv and needs no job.
 *
 * A value the mapping cannot convert is sent as written, for Salesforce to judge: pre-flight
 * is where such rows are found and excluded if the user wants.
 *
 * Memory is constant: one row at a time, a 1 MiB output buffer and the reader's buffers.
 * It runs on one worker thread; _freight_preparer_stop() and the progress getters may be
 * called from any thread. */

typedef struct
{
  guint    number;
  guint64  first_record;
  guint64  last_record;
  guint64  offset;          /* where first_record starts in the source */
  guint64  line;            /* and its physical line */
  guint64  n_rows;          /* sent */
  guint64  n_skipped;       /* left out */
  guint64  bytes;           /* of part-NNNN.csv, 0 when there is none */
  guint64  n_blank_lines;   /* skipped in the range */
  guint64  end_offset;      /* where the record after last_record starts */
  guint64  end_line;
} FreightPartInfo;

typedef struct
{
  GFile                 *source;
  FreightCsvDialect      dialect;
  FreightCsvReaderFlags  flags;
  FreightMappingPlan    *plan;
  GFile                 *spool_dir;
  char                   job_delimiter;
  FreightCsvLineEnding   job_line_ending;
  guint64                part_size;       /* bytes; 0 for the Bulk API limit */
  guint64                part_rows;       /* 0 for no cap */
  GFile                 *exclusions;      /* nullable: CSV of Freight Row, Freight Reason */
  const FreightReconcileKind *kinds;      /* nullable: per output, for part-NNNN.hashes */
} FreightPreparerSettings;

typedef struct _FreightPreparer FreightPreparer;

FreightPreparer *_freight_preparer_new             (const FreightPreparerSettings *settings);
void             _freight_preparer_free            (FreightPreparer  *self);
gboolean         _freight_preparer_open            (FreightPreparer  *self,
                                                    guint             first_part,
                                                    guint64           first_record,
                                                    guint64           offset,
                                                    guint64           line,
                                                    GCancellable     *cancellable,
                                                    GError          **error);
gboolean         _freight_preparer_peek            (FreightPreparer  *self,
                                                    guint            *number,
                                                    guint64          *record,
                                                    guint64          *offset,
                                                    guint64          *line,
                                                    GCancellable     *cancellable,
                                                    GError          **error);
gboolean         _freight_preparer_next_part       (FreightPreparer  *self,
                                                    FreightPartInfo  *info,
                                                    GCancellable     *cancellable,
                                                    GError          **error);
void             _freight_preparer_stop            (FreightPreparer  *self,
                                                    const char       *reason);
guint64          _freight_preparer_get_rows        (FreightPreparer  *self);
guint64          _freight_preparer_get_offset      (FreightPreparer  *self);
guint64          _freight_preparer_get_source_size (FreightPreparer  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightPreparer, _freight_preparer_free)

G_END_DECLS
