/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "lo-faults.h"
#include "lo-ingest-plan.h"
#include "lo-store.h"

G_BEGIN_DECLS

/*
 * LoDml: applies ingest rows to the record store with the platform's per-row checks and
 * error texts (§4.4). One per running job, on the worker's own store connection, with
 * prepared statements reused for every row.
 */
typedef struct _LoDml LoDml;

/* One row of a batch: its values, as many as the header has columns. */
typedef struct
{
  const char * const *values;
  const gsize        *lengths;
  guint               n_values;
} LoDmlRow;

LoDml    *lo_dml_new            (LoStore        *store,
                                 LoIngestPlan   *plan,
                                 const char     *user_id,
                                 LoFaults       *faults,
                                 GError        **error);
void      lo_dml_free           (LoDml          *self);
gboolean  lo_dml_begin          (LoDml          *self,
                                 GError        **error);
gboolean  lo_dml_commit         (LoDml          *self,
                                 GError        **error);
gboolean lo_dml_pause    (LoDml        *self,
                          GError      **error);
gboolean lo_dml_resume   (LoDml        *self,
                          GError      **error);
void      lo_dml_rollback       (LoDml          *self);
void      lo_dml_note_key       (LoDml          *self,
                                 const LoDmlRow *row);
gboolean  lo_dml_apply          (LoDml          *self,
                                 const LoDmlRow *row,
                                 char            id[19],
                                 gboolean       *created,
                                 GString        *error_text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoDml, lo_dml_free)

G_END_DECLS
