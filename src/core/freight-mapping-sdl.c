/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-mapping"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-mapping-private.h"
#include "freight-sdl-entry.h"
#include "freight-sdl-mapping.h"

/*
 * Data Loader .sdl files hold what a FreightMapping's entries hold, less the per-column
 * formats and blank policies (Data Loader sets those for the whole load). An .sdl entry
 * with several targets (`State=BillingState, ShippingState`) becomes one entry per target;
 * writing gathers entries with the same source back into one line.
 */

/* Data Loader writes every relationship with its object type (`Parent:Account-Ext__c`) and
 * drops the type for the Bulk API when the lookup is not polymorphic; so does Freight, as
 * far as the object's describe tells. */
static FreightSdlTarget *
bulk_target (FreightMapping   *self,
             FreightSdlTarget *target)
{
  const char *relationship = freight_sdl_target_get_relationship (target);
  const char *object_type = freight_sdl_target_get_object_type (target);
  FreightDescribeField *lookup;

  if (self->object == NULL || object_type == NULL)
    return freight_sdl_target_ref (target);
  lookup = freight_describe_object_lookup_relationship (self->object, relationship);
  if (lookup == NULL || freight_describe_field_is_polymorphic (lookup)
      || !freight_describe_field_references (lookup, object_type))
    return freight_sdl_target_ref (target);
  return freight_sdl_target_new_relationship (relationship, NULL,
                                              freight_sdl_target_get_id_field (target));
}

/**
 * freight_mapping_load_sdl:
 * @self: a mapping
 * @sdl: a load mapping read from an .sdl file
 * @error: return location for a #FREIGHT_MAPPING_ERROR
 *
 * Replaces the entries with those of @sdl. Lines that leave a column unmapped are
 * skipped. Set the object first: relationship targets of lookups that are not polymorphic
 * lose the object type Data Loader writes, as the Bulk API wants. Two lines that set one
 * field (Data Loader lets the later win) are both kept, so the problems list shows the
 * clash instead of hiding a column.
 *
 * Returns: %TRUE if loaded; on error nothing changed
 */
gboolean
freight_mapping_load_sdl (FreightMapping     *self,
                          FreightSdlMapping  *sdl,
                          GError            **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), FALSE);
  g_return_val_if_fail (sdl != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (freight_sdl_mapping_get_direction (sdl) != FREIGHT_SDL_DIRECTION_LOAD)
    {
      g_set_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_INVALID,
                   _("This .sdl file maps an export, not a load. Choose a mapping file made "
                     "for inserts, updates, upserts or deletes."));
      return FALSE;
    }

  n = freight_sdl_mapping_get_n_entries (sdl);
  for (guint i = 0; i < n; i++)
    {
      FreightSdlEntry *sdl_entry = freight_sdl_mapping_get_entry (sdl, i);
      const char * const *columns = freight_sdl_entry_get_columns (sdl_entry);
      const char *constant = freight_sdl_entry_get_constant (sdl_entry);

      for (guint j = 0; j < freight_sdl_entry_get_n_targets (sdl_entry); j++)
        {
          g_autoptr(FreightSdlTarget) target =
            bulk_target (self, freight_sdl_entry_get_target (sdl_entry, j));

          if (constant != NULL)
            g_ptr_array_add (entries, freight_mapping_entry_new_for_constant (constant, target));
          else
            g_ptr_array_add (entries, freight_mapping_entry_new_for_columns (columns, target));
        }
    }

  _freight_mapping_freeze (self);
  freight_mapping_remove_all (self);
  for (guint i = 0; i < entries->len; i++)
    freight_mapping_add_entry (self, g_ptr_array_index (entries, i));
  _freight_mapping_thaw (self);
  return TRUE;
}

static gboolean
same_source (FreightMappingEntry *a,
             FreightMappingEntry *b)
{
  return g_strcmp0 (freight_mapping_entry_get_constant (a),
                    freight_mapping_entry_get_constant (b)) == 0
         && g_strv_equal (freight_mapping_entry_get_columns (a),
                          freight_mapping_entry_get_columns (b));
}

static gboolean
column_in_entries (FreightMapping *self,
                   const char     *column)
{
  g_autoptr(GPtrArray) entries = freight_mapping_get_entries_for_column (self, column);

  return entries->len > 0;
}

/**
 * freight_mapping_to_sdl:
 * @self: a mapping
 * @error: return location for a #FREIGHT_SDL_ERROR
 *
 * Gathers entries that read the same columns (or constant) into one line, in the order of
 * their first entry, and adds `COLUMN=` lines for the file’s unmapped columns, as Data
 * Loader writes them.
 *
 * Returns: (transfer full) (nullable): the .sdl mapping, or %NULL if an entry cannot be
 *   written to an .sdl file (a column in two different column lists)
 */
FreightSdlMapping *
freight_mapping_to_sdl (FreightMapping  *self,
                        GError         **error)
{
  g_autoptr(FreightSdlMapping) sdl = freight_sdl_mapping_new (FREIGHT_SDL_DIRECTION_LOAD);
  g_autoptr(GHashTable) written = g_hash_table_new (NULL, NULL);
  guint n;

  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n = freight_mapping_get_n_entries (self);
  for (guint i = 0; i < n; i++)
    {
      FreightMappingEntry *entry = freight_mapping_get_entry (self, i);
      g_autoptr(GPtrArray) targets = NULL;
      g_autoptr(FreightSdlEntry) sdl_entry = NULL;
      const char *constant = freight_mapping_entry_get_constant (entry);

      if (g_hash_table_contains (written, entry))
        continue;
      targets = g_ptr_array_new_with_free_func ((GDestroyNotify) freight_sdl_target_unref);
      for (guint j = i; j < n; j++)
        {
          FreightMappingEntry *other = freight_mapping_get_entry (self, j);

          if (!same_source (entry, other))
            continue;
          g_ptr_array_add (targets,
                           freight_sdl_target_ref (freight_mapping_entry_get_target (other)));
          g_hash_table_add (written, other);
        }
      sdl_entry = freight_sdl_entry_new (constant != NULL
                                         ? NULL : freight_mapping_entry_get_columns (entry),
                                         constant, targets);
      if (!freight_sdl_mapping_add (sdl, sdl_entry, error))
        return NULL;
    }

  for (guint i = 0; self->source_columns != NULL && self->source_columns[i] != NULL; i++)
    {
      const char *columns[] = { self->source_columns[i], NULL };
      g_autoptr(FreightSdlEntry) unmapped = NULL;

      if (column_in_entries (self, self->source_columns[i]))
        continue;
      unmapped = freight_sdl_entry_new (columns, NULL, NULL);
      if (!freight_sdl_mapping_add (sdl, unmapped, error))
        return NULL;
    }
  return g_steal_pointer (&sdl);
}
