/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-csv-types.h"
#include "freight-mapping-plan.h"
#include "freight-preflight-result.h"

G_BEGIN_DECLS

/*
 * FreightSpillSort: an external merge sort of byte records (a key and a payload) in
 * bounded memory. Records gather in a buffer; a full buffer is sorted and written to a
 * run file in @dir; reading merges the runs. Keys compare as bytes (memcmp, then the
 * shorter first); equal keys come out in the order they went in.
 */
typedef struct _FreightSpillSort FreightSpillSort;

FreightSpillSort *_freight_spill_sort_new     (const char        *dir,
                                               const char        *name,
                                               gsize              memory_limit);
void              _freight_spill_sort_free    (FreightSpillSort  *self);
gboolean          _freight_spill_sort_add     (FreightSpillSort  *self,
                                               const void        *key,
                                               gsize              key_length,
                                               const void        *payload,
                                               gsize              payload_length,
                                               GError           **error);
gboolean          _freight_spill_sort_finish  (FreightSpillSort  *self,
                                               GError           **error);
gboolean          _freight_spill_sort_next    (FreightSpillSort  *self,
                                               const guint8     **key,
                                               gsize             *key_length,
                                               const guint8     **payload,
                                               gsize             *payload_length,
                                               GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightSpillSort, _freight_spill_sort_free)

/* Big-endian, so that memcmp orders row numbers numerically. */
static inline void
_freight_put_u64 (guint8  *out,
                  guint64  value)
{
  for (int i = 7; i >= 0; i--, value >>= 8)
    out[i] = value & 0xff;
}

static inline guint64
_freight_get_u64 (const guint8 *in)
{
  guint64 value = 0;

  for (int i = 0; i < 8; i++)
    value = value << 8 | in[i];
  return value;
}

/* The rows with errors, as pre-flight leaves them in the result's folder: an index of
 * fixed-size records sorted by row, and their reasons (UTF-8, one after another). */
#define FREIGHT_ERROR_INDEX_FILE "error-rows.index"
#define FREIGHT_ERROR_REASONS_FILE "error-rows.reasons"
#define FREIGHT_ERROR_ROW_SIZE 32

typedef struct
{
  guint64 row;
  guint64 line;
  guint64 reason_offset;
  guint32 reason_length;
  guint32 kind;
} FreightErrorRow;

void      _freight_error_row_encode  (const FreightErrorRow *row,
                                      guint8                 out[FREIGHT_ERROR_ROW_SIZE]);
void      _freight_error_row_decode  (const guint8           in[FREIGHT_ERROR_ROW_SIZE],
                                      FreightErrorRow       *row);
gboolean  _freight_read_at           (int                    fd,
                                      void                  *buffer,
                                      gsize                  length,
                                      guint64                offset,
                                      const char            *path,
                                      GError               **error);

FreightPreflightResult *_freight_preflight_result_new (const char    *directory,
                                                       guint64        n_rows,
                                                       guint64        n_error_rows,
                                                       guint64        n_warning_rows,
                                                       const guint64 *counts,
                                                       GPtrArray     *problems);

FreightExclusionCursor *_freight_exclusion_cursor_new (GObject       *owner,
                                                       const char    *directory,
                                                       gboolean       exclude_errors,
                                                       GArray        *excluded,
                                                       GHashTable    *included,
                                                       GError       **error);

/* What pre-flight's worker thread works on (freight-preflight-check.c): copies and
 * references only, so the FreightPreflight may change meanwhile. */
typedef struct
{
  gatomicrefcount     ref_count;
  FreightMappingPlan *plan;
  GFile              *file;
  FreightCsvDialect   dialect;
  gboolean            has_dialect;
  guint               max_problems_per_kind;
  char               *temp_directory;
  gsize               memory_limit;
  /* progress, written by the worker */
  gsize               rows;
  gsize               permille;
} FreightPreflightJob;

FreightPreflightJob    *_freight_preflight_job_ref   (FreightPreflightJob  *job);
void                    _freight_preflight_job_unref (FreightPreflightJob  *job);
FreightPreflightResult *_freight_preflight_run_job   (FreightPreflightJob  *job,
                                                      GCancellable         *cancellable,
                                                      GError              **error);

G_END_DECLS
