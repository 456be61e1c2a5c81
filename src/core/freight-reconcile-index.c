/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-reconcile-index"

#include "config.h"

#include "freight-reconcile-private.h"

/* The join index of one part: which rows sent which content, without the rows.
 *
 * Per row it keeps the 64-bit content hash and a link to the next row of the same content,
 * side by side (12 bytes, one cache line for both: results arrive in random order, so memory
 * latency is what the join spends its time on); slots (4 bytes each, 1.5 per row) hold one
 * group of identical rows each, as the row at the head of the group's chain plus flags.
 * About 18 bytes a row.
 *
 * Linear probing without deletions keeps every slot of a hash between the hash's home
 * position and the next empty slot, so one probe run finds all groups sharing a hash. Taking
 * a row advances the group's head, which makes a group of k identical rows cost O(k) in all.
 * A group that runs out keeps its slot (flagged exhausted) so that a surplus result with its
 * content is recognized as such instead of probing on. */

#define SLOT_ROW_MASK  ((1u << 29) - 1)
#define SLOT_MULTI     (1u << 29) /* the group has two or more rows */
#define SLOT_COLLIDED  (1u << 30) /* another group has the same hash */
#define SLOT_EXHAUSTED (1u << 31) /* every row of the group has been taken */

#define CHAIN_END G_MAXUINT32

/* Per row: the hash's low and high halves, then the next row with the same content (or
 * CHAIN_END). */
#define ROW_WORDS 3

struct _FreightReconcileIndex
{
  guint32 *rows;   /* ROW_WORDS per row */
  guint32 *slots;  /* 0 = empty, else (head row + 1) | flags */
  guint    n_rows;
  guint    n_slots;
  guint    n_collided;
};

FreightReconcileIndex *
_freight_reconcile_index_new (guint n_rows)
{
  FreightReconcileIndex *index;

  g_assert (n_rows <= FREIGHT_RECONCILE_MAX_PART_ROWS);

  index = g_new0 (FreightReconcileIndex, 1);
  index->n_rows = n_rows;
  index->n_slots = n_rows + n_rows / 2 + 1;
  index->rows = g_new (guint32, (gsize) MAX (n_rows, 1) * ROW_WORDS);
  index->slots = g_new0 (guint32, index->n_slots);
  return index;
}

void
_freight_reconcile_index_free (FreightReconcileIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->rows);
  g_free (index->slots);
  g_free (index);
}

/* The bytes the index holds, for the benchmark's accounting. */
gsize
_freight_reconcile_index_get_size (FreightReconcileIndex *index)
{
  return sizeof *index + (gsize) MAX (index->n_rows, 1) * ROW_WORDS * sizeof (guint32) +
         (gsize) index->n_slots * sizeof (guint32);
}

guint
_freight_reconcile_index_get_n_collided (FreightReconcileIndex *index)
{
  return index->n_collided;
}

static inline guint
home_slot (FreightReconcileIndex *index,
           guint64                hash)
{
  /* Lemire's multiply-shift range reduction over the high half, which is well mixed. */
  return (guint) (((hash >> 32) * (guint64) index->n_slots) >> 32);
}

static inline guint64
row_hash (FreightReconcileIndex *index,
          guint                  row)
{
  const guint32 *words = index->rows + (gsize) row * ROW_WORDS;

  return ((guint64) words[1] << 32) | words[0];
}

static inline guint32 *
row_next (FreightReconcileIndex *index,
          guint                  row)
{
  return index->rows + (gsize) row * ROW_WORDS + 2;
}

static inline guint
slot_row (guint32 slot)
{
  return (slot & SLOT_ROW_MASK) - 1;
}

static inline guint
next_slot (FreightReconcileIndex *index,
           guint                  i)
{
  return i + 1 == index->n_slots ? 0 : i + 1;
}

/**
 * _freight_reconcile_index_prefetch:
 * @hash: the hash of a row about to be inserted
 *
 * Starts loading the slot @hash goes to into the cache: rows are inserted in order but land
 * in random slots, so a build that announces rows some way ahead waits far less for
 * memory.
 */
void
_freight_reconcile_index_prefetch (FreightReconcileIndex *index,
                                   guint64                hash)
{
  __builtin_prefetch (&index->slots[home_slot (index, hash)], 1);
}

/**
 * _freight_reconcile_index_insert:
 * @row: the next row of the part, in order
 * @hash: the hash of its content
 * @compare: compares a row's content with @row's (called only when hashes are equal)
 *
 * Adds @row to the group of rows with the same content, or starts a group.
 */
gboolean
_freight_reconcile_index_insert (FreightReconcileIndex        *index,
                                 guint                         row,
                                 guint64                       hash,
                                 FreightReconcileCompareFunc   compare,
                                 gpointer                      user_data,
                                 GError                      **error)
{
  gboolean same_hash = FALSE;
  guint i;

  g_assert (row < index->n_rows);

  index->rows[(gsize) row * ROW_WORDS] = (guint32) hash;
  index->rows[(gsize) row * ROW_WORDS + 1] = (guint32) (hash >> 32);
  *row_next (index, row) = CHAIN_END;

  for (i = home_slot (index, hash); index->slots[i] != 0; i = next_slot (index, i))
    {
      guint32 slot = index->slots[i];
      guint head = slot_row (slot);
      gboolean equal;

      if (row_hash (index, head) != hash)
        continue;
      if (!compare (head, user_data, &equal, error))
        return FALSE;
      if (equal)
        {
          /* Prepend: the group's rows are interchangeable, and the new head is the row the
           * caller holds, which keeps its comparison cache warm. */
          *row_next (index, row) = head;
          index->slots[i] = (row + 1) | (slot & ~SLOT_ROW_MASK) | SLOT_MULTI;
          return TRUE;
        }
      if (!(slot & SLOT_COLLIDED))
        {
          index->slots[i] |= SLOT_COLLIDED;
          index->n_collided++;
        }
      same_hash = TRUE;
    }

  index->slots[i] = (row + 1) | (same_hash ? SLOT_COLLIDED : 0);
  if (same_hash)
    index->n_collided++;
  return TRUE;
}

/**
 * _freight_reconcile_index_take:
 * @hash: the hash of a result row's content
 * @compare: compares a row's content with the result row's (called only to tell apart
 *   groups whose hashes collide)
 * @take: (out): whether a row was taken, none has this content, or all rows with this
 *   content are already taken
 * @row: (out): the row taken
 * @ambiguous: (out): whether the row taken had identical twins (then which of them a
 *   result lands on is arbitrary)
 *
 * Takes the next untaken row whose content is the result row's.
 */
gboolean
_freight_reconcile_index_take (FreightReconcileIndex        *index,
                               guint64                       hash,
                               FreightReconcileCompareFunc   compare,
                               gpointer                      user_data,
                               FreightReconcileTake         *take,
                               guint                        *row,
                               gboolean                     *ambiguous,
                               GError                      **error)
{
  *take = FREIGHT_RECONCILE_TAKE_NONE;
  *row = 0;
  *ambiguous = FALSE;

  if (index->n_rows == 0)
    return TRUE;

  for (guint i = home_slot (index, hash); index->slots[i] != 0; i = next_slot (index, i))
    {
      guint32 slot = index->slots[i];
      guint head = slot_row (slot);

      if (row_hash (index, head) != hash)
        continue;
      if (slot & SLOT_COLLIDED)
        {
          gboolean equal;

          if (!compare (head, user_data, &equal, error))
            return FALSE;
          if (!equal)
            continue;
        }

      if (slot & SLOT_EXHAUSTED)
        {
          *take = FREIGHT_RECONCILE_TAKE_EXHAUSTED;
          return TRUE;
        }

      *take = FREIGHT_RECONCILE_TAKE_ROW;
      *row = head;
      *ambiguous = (slot & SLOT_MULTI) != 0;
      if (*row_next (index, head) == CHAIN_END)
        index->slots[i] |= SLOT_EXHAUSTED;
      else
        index->slots[i] = (*row_next (index, head) + 1) | (slot & ~SLOT_ROW_MASK);
      return TRUE;
    }

  return TRUE;
}
