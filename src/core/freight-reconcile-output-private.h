/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-csv-writer.h"
#include "freight-reconcile-output.h"

G_BEGIN_DECLS

/* Shared by freight-reconcile-output.c (the run's result files) and
 * freight-reconcile-output-part.c (appending one part to them). Not part of the public
 * API. */

#define _FREIGHT_RESULT_N_FILES 4

typedef struct
{
  GFile            *file;
  GFileIOStream    *stream;
  FreightCsvWriter *writer;
} FreightOutFile;

struct _FreightReconcileOutput
{
  GObject                      parent_instance;

  GFile                       *dir;
  GFile                       *source;
  FreightCsvDialect            source_dialect;
  FreightCsvReaderFlags        source_flags;
  char                       **columns;     /* of the source */
  guint                        n_columns;
  gboolean                    *drop;        /* per source column: one of Freight's */
  int                          row_column;  /* the source's `Freight Row`, or -1 */
  gboolean                     bom;
  GInputStream                *source_in;

  FreightOutFile               files[_FREIGHT_RESULT_N_FILES];
  FreightReconcileOutputState  state;
  GArray                      *covered;     /* pairs of guint64: ranges appended */
  gboolean                     closed;
};

gboolean _freight_reconcile_output_open_file  (FreightReconcileOutput  *self,
                                               FreightResultFileKind    kind,
                                               guint64                  size,
                                               gboolean                 resume,
                                               GCancellable            *cancellable,
                                               GError                 **error);
gboolean _freight_reconcile_output_write_part (FreightReconcileOutput  *self,
                                               FreightSpoolPart        *part,
                                               FreightReconcileResult  *result,
                                               GCancellable            *cancellable,
                                               GError                 **error);

G_END_DECLS
