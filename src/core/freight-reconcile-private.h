/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "freight-reconcile-types.h"

G_BEGIN_DECLS

/* Helpers shared by the reconciliation files. Not part of the public API. */

/* --- Canonical values (freight-reconcile-value.c) ---
 *
 * A row's content is compared through its canonical form: per joined column a tag byte and a
 * payload, so that two values are equal for their kind exactly when their canonical bytes
 * are equal. The forms are unambiguous when concatenated (fixed payloads or a length). */

/* The most bytes the canonical form of a value of @len bytes takes. */
#define FREIGHT_RECONCILE_CANON_BOUND(len) ((gsize) (len) + 16)

gsize    _freight_reconcile_canon_write    (guint8               *dest,
                                            FreightReconcileKind  kind,
                                            const char           *value,
                                            gsize                 len);

/* The tags of no value and of text, which _freight_reconcile_canon_write_fast() writes. */
#define FREIGHT_RECONCILE_TAG_NULL 0x00
#define FREIGHT_RECONCILE_TAG_TEXT 'T'

/* _freight_reconcile_canon_write() for the loops over every cell of a load: a text value
 * (most columns) is written in place, without a call; other kinds go the long way. */
static inline gsize
_freight_reconcile_canon_write_fast (guint8               *dest,
                                     FreightReconcileKind  kind,
                                     const char           *value,
                                     gsize                 len)
{
  guint32 len32;

  if (kind != FREIGHT_RECONCILE_KIND_TEXT)
    return _freight_reconcile_canon_write (dest, kind, value, len);
  if (len == 0 || (len == 4 && memcmp (value, "#N/A", 4) == 0))
    {
      dest[0] = FREIGHT_RECONCILE_TAG_NULL;
      return 1;
    }
  len32 = GUINT32_TO_LE ((guint32) MIN (len, G_MAXUINT32));
  dest[0] = FREIGHT_RECONCILE_TAG_TEXT;
  memcpy (dest + 1, &len32, 4);
  memcpy (dest + 5, value, len);
  return 5 + len;
}
void     _freight_reconcile_canon_append   (GByteArray           *out,
                                            FreightReconcileKind  kind,
                                            const char           *value,
                                            gsize                 len);
guint64  _freight_reconcile_hash           (const guint8         *data,
                                            gsize                 len,
                                            guint64               seed);
guint64  _freight_reconcile_check          (const guint8         *data,
                                            gsize                 len,
                                            guint64               seed);

/* --- Row hashes written while a part is prepared (freight-reconcile-hashes.c) ---
 *
 * part-NNNN.hashes: the magic "FRHASH01", the seed, the number of rows and of columns
 * (64 and 32 bits, little-endian), a kind byte per column, then per row its content hash
 * and check (see above) over the canonical form of every column. When every column is
 * echoed by the results, freight_reconcile_part() builds its index from this file instead
 * of reading the part, and takes equal hashes and checks (128 bits) for equal content. */

typedef struct _FreightRowHasher FreightRowHasher;

FreightRowHasher *
         _freight_row_hasher_new           (const FreightReconcileKind *kinds,
                                            guint                       n_columns);
guint64  _freight_row_hasher_get_seed      (FreightRowHasher           *hasher);
void     _freight_row_hasher_add           (FreightRowHasher           *hasher,
                                            guint                       column,
                                            const char                 *value,
                                            gsize                       len);
void     _freight_row_hasher_finish        (FreightRowHasher           *hasher,
                                            guint64                    *hash,
                                            guint64                    *check);
void     _freight_row_hasher_free          (FreightRowHasher           *hasher);

typedef struct _FreightHashWriter FreightHashWriter;

FreightHashWriter *
         _freight_hash_writer_new          (GFile                      *file,
                                            const FreightReconcileKind *kinds,
                                            guint                       n_columns,
                                            guint64                     seed,
                                            GCancellable               *cancellable,
                                            GError                    **error);
gboolean _freight_hash_writer_commit       (FreightHashWriter          *writer,
                                            guint64                     hash,
                                            guint64                     check,
                                            GCancellable               *cancellable,
                                            GError                    **error);
gboolean _freight_hash_writer_finish       (FreightHashWriter          *writer,
                                            GCancellable               *cancellable,
                                            GError                    **error);
void     _freight_hash_writer_free         (FreightHashWriter          *writer);

typedef struct _FreightHashReader FreightHashReader;

FreightHashReader *
         _freight_hash_reader_new          (GFile                      *file,
                                            const FreightReconcileKind *kinds,
                                            guint                       n_columns,
                                            guint                       n_rows,
                                            GCancellable               *cancellable,
                                            GError                    **error);
guint64  _freight_hash_reader_get_seed     (FreightHashReader          *reader);
gboolean _freight_hash_reader_next         (FreightHashReader          *reader,
                                            guint64                    *hash,
                                            guint64                    *check,
                                            GCancellable               *cancellable,
                                            GError                    **error);
gboolean _freight_hash_reader_peek         (FreightHashReader          *reader,
                                            guint                       ahead,
                                            guint64                    *hash);
gboolean _freight_hash_reader_get_check    (FreightHashReader          *reader,
                                            guint                       row,
                                            guint64                    *check,
                                            GCancellable               *cancellable,
                                            GError                    **error);
void     _freight_hash_reader_free         (FreightHashReader          *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightRowHasher, _freight_row_hasher_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightHashWriter, _freight_hash_writer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightHashReader, _freight_hash_reader_free)

/* Tests only: keep only these bits of every content hash, to force collisions. */
void     _freight_reconcile_set_hash_mask  (guint64               mask);
guint64  _freight_reconcile_get_hash_mask  (void);

/* --- The join index (freight-reconcile-index.c) ---
 *
 * Open addressing over the 64-bit content hashes of a part's rows. A slot holds one group of
 * rows with identical content (their chain runs through a per-row array); rows whose hashes
 * are equal but whose content differs get separate slots marked as collided, and are told
 * apart by an exact comparison the caller makes against the part file. */

typedef struct _FreightReconcileIndex FreightReconcileIndex;

/* Compares the content of part row @row with the caller's current row. */
typedef gboolean (*FreightReconcileCompareFunc) (guint      row,
                                                 gpointer   user_data,
                                                 gboolean  *equal,
                                                 GError   **error);

typedef enum
{
  FREIGHT_RECONCILE_TAKE_NONE,
  FREIGHT_RECONCILE_TAKE_ROW,
  FREIGHT_RECONCILE_TAKE_EXHAUSTED,
} FreightReconcileTake;

/* The most rows one part may have. */
#define FREIGHT_RECONCILE_MAX_PART_ROWS ((1u << 29) - 2)

FreightReconcileIndex *
         _freight_reconcile_index_new            (guint                        n_rows);
void     _freight_reconcile_index_free           (FreightReconcileIndex       *index);
gsize    _freight_reconcile_index_get_size       (FreightReconcileIndex       *index);
guint    _freight_reconcile_index_get_n_collided (FreightReconcileIndex       *index);
gboolean _freight_reconcile_index_insert         (FreightReconcileIndex       *index,
                                                  guint                        row,
                                                  guint64                      hash,
                                                  FreightReconcileCompareFunc  compare,
                                                  gpointer                     user_data,
                                                  GError                     **error);
void     _freight_reconcile_index_prefetch       (FreightReconcileIndex       *index,
                                                  guint64                      hash);
gboolean _freight_reconcile_index_take           (FreightReconcileIndex       *index,
                                                  guint64                      hash,
                                                  FreightReconcileCompareFunc  compare,
                                                  gpointer                     user_data,
                                                  FreightReconcileTake        *take,
                                                  guint                       *row,
                                                  gboolean                    *ambiguous,
                                                  GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightReconcileIndex, _freight_reconcile_index_free)

/* --- The outcome file (freight-reconcile-outcome.c) ---
 *
 * What happened to each row of a part, written in the order results arrive and read back in
 * row order, with memory bounded by a bucket of rows rather than the part. */

typedef enum
{
  FREIGHT_OUTCOME_NONE,        /* no result names the row */
  FREIGHT_OUTCOME_SUCCESS,     /* in successfulResults */
  FREIGHT_OUTCOME_FAILED,      /* in failedResults */
  FREIGHT_OUTCOME_UNPROCESSED, /* in unprocessedrecords */
} FreightOutcomeKind;

typedef enum
{
  FREIGHT_OUTCOME_CREATED   = 1 << 0, /* sf__Created was true */
  FREIGHT_OUTCOME_AMBIGUOUS = 1 << 1, /* the row had identical twins */
} FreightOutcomeFlags;

typedef struct
{
  FreightOutcomeKind  kind;
  FreightOutcomeFlags flags;
  const char         *id;      /* sf__Id, not NUL-terminated */
  gsize               id_len;
  const char         *text;    /* sf__Error, not NUL-terminated */
  gsize               text_len;
} FreightOutcome;

/* Counts kept in the outcome file, so that a later process can write the part. */
typedef struct
{
  guint64 n_rows;
  guint64 n_succeeded;
  guint64 n_failed;
  guint64 n_unprocessed;
  guint64 n_ambiguous;
  guint64 n_unmatched;
} FreightOutcomeCounts;

typedef struct _FreightOutcomeWriter FreightOutcomeWriter;
typedef struct _FreightOutcomeReader FreightOutcomeReader;

FreightOutcomeWriter *
         _freight_outcome_writer_new    (GFile                       *file,
                                         guint                        n_rows,
                                         GCancellable                *cancellable,
                                         GError                     **error);
gboolean _freight_outcome_writer_add    (FreightOutcomeWriter        *writer,
                                         guint                        row,
                                         const FreightOutcome        *outcome,
                                         GCancellable                *cancellable,
                                         GError                     **error);
gboolean _freight_outcome_writer_finish (FreightOutcomeWriter        *writer,
                                         const FreightOutcomeCounts  *counts,
                                         GCancellable                *cancellable,
                                         GError                     **error);
void     _freight_outcome_writer_free   (FreightOutcomeWriter        *writer);

FreightOutcomeReader *
         _freight_outcome_reader_new        (GFile                 *file,
                                             GCancellable          *cancellable,
                                             GError               **error);
const FreightOutcomeCounts *
         _freight_outcome_reader_get_counts (FreightOutcomeReader  *reader);
gboolean _freight_outcome_reader_get        (FreightOutcomeReader  *reader,
                                             guint                  row,
                                             FreightOutcome        *outcome,
                                             GCancellable          *cancellable,
                                             GError               **error);
void     _freight_outcome_reader_free       (FreightOutcomeReader  *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightOutcomeWriter, _freight_outcome_writer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightOutcomeReader, _freight_outcome_reader_free)

G_END_DECLS
