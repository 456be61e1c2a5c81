/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-sdl-entry"

#include "config.h"

#include "freight-sdl-entry.h"
#include "freight-sdl-private.h"
#include "freight-sdl-target.h"

/**
 * FreightSdlEntry:
 *
 * One line of an .sdl file: CSV columns on one side, Salesforce fields on the other, and
 * possibly a constant in place of one of them.
 *
 * In a load mapping (`Street1,Street2=BillingStreet, ShippingStreet`,
 * `"Aerospace"=Industry`) the key is either the columns or the constant, and the targets
 * are what it sets; none means the columns are not mapped (`SYSTEMMODSTAMP=`). Several
 * columns are joined by Data Loader as "value1, value2" (see freight-sdl.c).
 *
 * In an extract mapping (`Account.Name=Account_Name`, `"2024"=Year`) the key is one
 * %FREIGHT_SDL_TARGET_FIELD target, a SOQL field path, or the constant, and the value is
 * at most one column; none means the field is not written.
 *
 * Entries are immutable and reference counted; freight_sdl_mapping_add() checks that an
 * entry fits the mapping's direction.
 */

struct _FreightSdlEntry
{
  gatomicrefcount   ref_count;
  char            **columns;
  char             *constant;
  GPtrArray        *targets;
  guint             line;
};

G_DEFINE_BOXED_TYPE (FreightSdlEntry, freight_sdl_entry,
                     freight_sdl_entry_ref, freight_sdl_entry_unref)

/**
 * freight_sdl_entry_new:
 * @columns: (nullable) (array zero-terminated=1): the CSV columns
 * @constant: (nullable): the constant, without its quotes
 * @targets: (nullable) (element-type FreightSdlTarget): the Salesforce side
 *
 * Returns: (transfer full): a new entry, not yet from any line of a file
 */
FreightSdlEntry *
freight_sdl_entry_new (const char * const *columns,
                       const char         *constant,
                       GPtrArray          *targets)
{
  FreightSdlEntry *self;

  g_return_val_if_fail (constant == NULL || g_utf8_validate (constant, -1, NULL), NULL);
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    g_return_val_if_fail (g_utf8_validate (columns[i], -1, NULL), NULL);

  self = g_new0 (FreightSdlEntry, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->columns = columns != NULL ? g_strdupv ((char **) columns) : g_new0 (char *, 1);
  self->constant = g_strdup (constant);
  self->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) freight_sdl_target_unref);
  for (guint i = 0; targets != NULL && i < targets->len; i++)
    g_ptr_array_add (self->targets, freight_sdl_target_ref (g_ptr_array_index (targets, i)));

  return self;
}

FreightSdlEntry *
freight_sdl_entry_ref (FreightSdlEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
freight_sdl_entry_unref (FreightSdlEntry *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_strfreev (self->columns);
      g_free (self->constant);
      g_ptr_array_unref (self->targets);
      g_free (self);
    }
}

/* Only while the parser still owns the entry alone. */
void
_freight_sdl_entry_set_line (FreightSdlEntry *entry,
                             guint            line)
{
  entry->line = line;
}

/**
 * freight_sdl_entry_get_columns:
 *
 * Returns: (array zero-terminated=1) (transfer none): the CSV columns, in the file's order;
 *   empty for a load constant or an unmapped extract field
 */
const char * const *
freight_sdl_entry_get_columns (FreightSdlEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->columns;
}

/**
 * freight_sdl_entry_get_constant:
 *
 * Returns: (nullable): the constant, without its quotes, or %NULL
 */
const char *
freight_sdl_entry_get_constant (FreightSdlEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->constant;
}

guint
freight_sdl_entry_get_n_targets (FreightSdlEntry *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->targets->len;
}

/**
 * freight_sdl_entry_get_target:
 *
 * Returns: (transfer none): the target at @position, in the file's order
 */
FreightSdlTarget *
freight_sdl_entry_get_target (FreightSdlEntry *self,
                              guint            position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->targets->len, NULL);

  return g_ptr_array_index (self->targets, position);
}

/**
 * freight_sdl_entry_get_line:
 *
 * Returns: the line (from 1) of the file where the entry was defined, or 0 for an entry
 *   that was not read from a file
 */
guint
freight_sdl_entry_get_line (FreightSdlEntry *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->line;
}

/**
 * freight_sdl_entry_is_mapped:
 *
 * Whether both sides of the `=` are filled: in a load mapping, whether the columns or the
 * constant set any field; in an extract mapping, whether the field or the constant is
 * written to a column.
 */
gboolean
freight_sdl_entry_is_mapped (FreightSdlEntry *self)
{
  guint sides;

  g_return_val_if_fail (self != NULL, FALSE);

  /* The key is exactly one of the three, so two present sides mean a filled value. */
  sides = (self->columns[0] != NULL) + (self->targets->len > 0) + (self->constant != NULL);
  return sides >= 2;
}

/**
 * freight_sdl_entry_equal:
 *
 * Whether @a and @b map the same columns, constant and targets, compared exactly; where
 * they were defined does not matter.
 */
gboolean
freight_sdl_entry_equal (FreightSdlEntry *a,
                         FreightSdlEntry *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (g_strcmp0 (a->constant, b->constant) != 0
      || !g_strv_equal ((const char * const *) a->columns, (const char * const *) b->columns)
      || a->targets->len != b->targets->len)
    return FALSE;

  for (guint i = 0; i < a->targets->len; i++)
    {
      if (!freight_sdl_target_equal (g_ptr_array_index (a->targets, i),
                                     g_ptr_array_index (b->targets, i)))
        return FALSE;
    }

  return TRUE;
}
