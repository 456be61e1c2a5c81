/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-reconcile-types.h"

G_BEGIN_DECLS

/* Helpers shared by the reconciliation files. Not part of the public API. */

/* --- Canonical values (freight-reconcile-value.c) ---
 *
 * A row's content is compared through its canonical form: per joined column a tag byte and a
 * payload, so that two values are equal for their kind exactly when their canonical bytes
 * are equal. The forms are unambiguous when concatenated (fixed payloads or a length). */

void     _freight_reconcile_canon_append   (GByteArray           *out,
                                            FreightReconcileKind  kind,
                                            const char           *value,
                                            gsize                 len);
guint64  _freight_reconcile_hash           (const guint8         *data,
                                            gsize                 len,
                                            guint64               seed);

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

FreightReconcileIndex *_freight_reconcile_index_new          (guint                        n_rows);
void                   _freight_reconcile_index_free         (FreightReconcileIndex       *index);
gsize                  _freight_reconcile_index_get_size     (FreightReconcileIndex       *index);
gboolean               _freight_reconcile_index_insert       (FreightReconcileIndex       *index,
                                                              guint                        row,
                                                              guint64                      hash,
                                                              FreightReconcileCompareFunc  compare,
                                                              gpointer                     user_data,
                                                              GError                     **error);
gboolean               _freight_reconcile_index_take         (FreightReconcileIndex       *index,
                                                              guint64                      hash,
                                                              FreightReconcileCompareFunc  compare,
                                                              gpointer                     user_data,
                                                              FreightReconcileTake        *take,
                                                              guint                       *row,
                                                              gboolean                    *ambiguous,
                                                              GError                     **error);
guint                  _freight_reconcile_index_get_n_collided (FreightReconcileIndex     *index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightReconcileIndex, _freight_reconcile_index_free)

G_END_DECLS
