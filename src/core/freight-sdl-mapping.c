/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-sdl-mapping"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-sdl-entry.h"
#include "freight-sdl-mapping.h"
#include "freight-sdl-private.h"
#include "freight-sdl-target.h"

/**
 * FreightSdlMapping:
 *
 * The entries of a Salesforce Data Loader `.sdl` mapping file, in file order, for a load
 * or an extract (see freight-sdl.c for the format as Data Loader reads and writes it).
 * This is the file's data only: nothing here knows the org's objects or fields.
 *
 * What Freight reads, and why:
 * - Comments, blank lines and lines with an empty key (`=AnnualRevenue`) are skipped:
 *   Data Loader never matches an empty key to a CSV column or field either.
 * - A blank value means "not mapped" and is kept as an unmapped entry: Data Loader writes
 *   `COLUMN=` for every CSV column left unmapped, and ignores such lines when loading;
 *   its samples also hold a constant that sets nothing (`"4-205817"=`).
 * - Empty items of a comma-separated list (`a,,b`, a trailing comma) are skipped, as Data
 *   Loader's StringTokenizer does; an item of only blanks (`a, ,b`) is an error, because
 *   Data Loader turns it into an empty field name and fails the whole load on it.
 * - A key that starts with `"` but does not end with one is an error. Data Loader takes
 *   it for a CSV column that never matches and silently drops the constant; it happens
 *   when a constant holds an unescaped space (`"Some Description"=Description`, where
 *   the key ends at the space).
 * - A field with a `=` in a load mapping is an error: a blank in the key was not escaped
 *   (`Account Name=Name`), which Data Loader reads as column "Account" mapped to a field
 *   "Name=Name".
 * - A CSV column listed twice (compared case-insensitively, as Data Loader does), the same
 *   constant on two lines, or, in an extract mapping, the same SOQL field or CSV column on
 *   two lines is an error: Data Loader silently keeps only the last line.
 * - The same field set by two lines is not an error here (Data Loader lets a constant win
 *   over a column); a mapping model with the org's describe data can judge it.
 *
 * Writing produces what Properties.store() would, so Data Loader reads it back: one
 * `key=value` line per entry, in order, after a `#Mapping values` comment; columns joined
 * with `,`, fields with `, `, relationships in Data Loader's `Parent:Account-Oracle_Id__c`
 * form, and everything escaped to ASCII.
 */

struct _FreightSdlMapping
{
  gatomicrefcount      ref_count;
  FreightSdlDirection  direction;
  GPtrArray           *entries;
  /* case-folded CSV column → FreightSdlEntry, borrowed from entries */
  GHashTable          *columns;
  /* "\"constant\"" as is, or in an extract mapping the case-folded SOQL field → entry */
  GHashTable          *keys;
};

G_DEFINE_BOXED_TYPE (FreightSdlMapping, freight_sdl_mapping,
                     freight_sdl_mapping_ref, freight_sdl_mapping_unref)

/**
 * freight_sdl_mapping_new:
 *
 * Returns: (transfer full): an empty mapping
 */
FreightSdlMapping *
freight_sdl_mapping_new (FreightSdlDirection direction)
{
  FreightSdlMapping *self;

  g_return_val_if_fail (direction == FREIGHT_SDL_DIRECTION_LOAD
                        || direction == FREIGHT_SDL_DIRECTION_EXTRACT, NULL);

  self = g_new0 (FreightSdlMapping, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->direction = direction;
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) freight_sdl_entry_unref);
  self->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

FreightSdlMapping *
freight_sdl_mapping_ref (FreightSdlMapping *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
freight_sdl_mapping_unref (FreightSdlMapping *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_hash_table_unref (self->columns);
      g_hash_table_unref (self->keys);
      g_ptr_array_unref (self->entries);
      g_free (self);
    }
}

/* The key an entry takes in self->keys, or NULL for a load entry keyed by columns. */
static char *
entry_key (FreightSdlMapping *self,
           FreightSdlEntry   *entry)
{
  const char *constant = freight_sdl_entry_get_constant (entry);

  if (constant != NULL)
    return g_strconcat ("\"", constant, "\"", NULL);

  if (self->direction == FREIGHT_SDL_DIRECTION_EXTRACT)
    {
      FreightSdlTarget *field = freight_sdl_entry_get_target (entry, 0);

      return g_utf8_casefold (freight_sdl_target_get_field (field), -1);
    }

  return NULL;
}

static gboolean
check_shape (FreightSdlMapping  *self,
             FreightSdlEntry    *entry,
             GError            **error)
{
  const char * const *columns = freight_sdl_entry_get_columns (entry);
  gboolean has_constant = freight_sdl_entry_get_constant (entry) != NULL;
  guint n_targets = freight_sdl_entry_get_n_targets (entry);

  if (self->direction == FREIGHT_SDL_DIRECTION_LOAD)
    {
      if (has_constant == (columns[0] != NULL))
        {
          g_set_error_literal (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_INVALID_ENTRY,
                               _("an entry of a load mapping maps either CSV columns or a "
                                 "constant"));
          return FALSE;
        }
      return TRUE;
    }

  if (has_constant == (n_targets > 0) || n_targets > 1)
    {
      g_set_error_literal (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_INVALID_ENTRY,
                           _("an entry of an extract mapping maps either one SOQL field or "
                             "a constant"));
      return FALSE;
    }
  if (columns[0] != NULL && columns[1] != NULL)
    {
      g_set_error_literal (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_INVALID_ENTRY,
                           _("an entry of an extract mapping writes to one CSV column only"));
      return FALSE;
    }

  return TRUE;
}

/* Whether @column can be written as part of a key and read back the same. */
static gboolean
check_column (const char  *column,
              GError     **error)
{
  g_autofree char *stripped = _freight_sdl_strip (column);

  if (stripped[0] == '\0' || strcmp (stripped, column) != 0 || strchr (column, ',') != NULL)
    {
      g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_COLUMN,
                   _("“%s” can't be a column name in a mapping file: it must not be empty, "
                     "begin or end with a blank, or contain a comma"),
                   column);
      return FALSE;
    }

  if (column[0] == '"')
    {
      g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_COLUMN,
                   _("“%s” can't be a column name in a mapping file: a name that begins "
                     "with a double quote is read as a constant, and a constant must be the "
                     "whole key, e.g. \"Aerospace\"=Industry"),
                   column);
      return FALSE;
    }

  return TRUE;
}

static void
set_duplicate_column_error (FreightSdlMapping  *self,
                            GError            **error,
                            const char         *column,
                            FreightSdlEntry    *entry,
                            FreightSdlEntry    *first)
{
  guint line = freight_sdl_entry_get_line (entry);
  guint first_line = freight_sdl_entry_get_line (first);

  if (self->direction == FREIGHT_SDL_DIRECTION_EXTRACT)
    {
      if (line > 0 && first_line > 0)
        g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_DUPLICATE,
                     _("column “%s” is written twice (first on line %u)"), column, first_line);
      else
        g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_DUPLICATE,
                     _("column “%s” is already written by another entry"), column);
    }
  else if (first == entry)
    {
      g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_DUPLICATE,
                   _("“%s” appears twice in the same list of columns"), column);
    }
  else if (line > 0 && first_line > 0)
    {
      g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_DUPLICATE,
                   _("“%s” is mapped twice (first on line %u)"), column, first_line);
    }
  else
    {
      g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_DUPLICATE,
                   _("“%s” is already mapped"), column);
    }
}

static void
set_duplicate_key_error (FreightSdlMapping  *self,
                         GError            **error,
                         FreightSdlEntry    *entry,
                         FreightSdlEntry    *first)
{
  const char *constant = freight_sdl_entry_get_constant (entry);
  guint first_line = freight_sdl_entry_get_line (first);
  gboolean lines = freight_sdl_entry_get_line (entry) > 0 && first_line > 0;

  if (constant == NULL)
    {
      const char *field = freight_sdl_target_get_field (freight_sdl_entry_get_target (entry, 0));

      if (lines)
        g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_DUPLICATE,
                     _("“%s” is mapped twice (first on line %u)"), field, first_line);
      else
        g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_DUPLICATE,
                     _("“%s” is already mapped"), field);
    }
  else if (!lines)
    {
      g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_DUPLICATE,
                   _("the constant \"%s\" is already mapped"), constant);
    }
  else if (self->direction == FREIGHT_SDL_DIRECTION_LOAD)
    {
      g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_DUPLICATE,
                   _("the constant \"%s\" appears twice (first on line %u) and Data Loader "
                     "would use only the last line; list all its fields on one line, "
                     "separated by commas"),
                   constant, first_line);
    }
  else
    {
      g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_DUPLICATE,
                   _("the constant \"%s\" appears twice (first on line %u) and Data Loader "
                     "would use only the last line"),
                   constant, first_line);
    }
}

static gboolean
check_entry (FreightSdlMapping  *self,
             FreightSdlEntry    *entry,
             GError            **error)
{
  const char * const *columns = freight_sdl_entry_get_columns (entry);
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *key = NULL;
  FreightSdlEntry *first;

  if (!check_shape (self, entry, error))
    return FALSE;

  for (guint i = 0; columns[i] != NULL; i++)
    {
      if (!check_column (columns[i], error))
        return FALSE;
    }

  for (guint i = 0; i < freight_sdl_entry_get_n_targets (entry); i++)
    {
      if (!_freight_sdl_target_check (freight_sdl_entry_get_target (entry, i),
                                      self->direction, error))
        return FALSE;
    }

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; columns[i] != NULL; i++)
    {
      char *folded = g_utf8_casefold (columns[i], -1);

      first = g_hash_table_lookup (self->columns, folded);
      if (first == NULL && g_hash_table_contains (seen, folded))
        first = entry;
      if (first != NULL)
        {
          g_free (folded);
          set_duplicate_column_error (self, error, columns[i], entry, first);
          return FALSE;
        }
      g_hash_table_add (seen, folded);
    }

  key = entry_key (self, entry);
  if (key != NULL && (first = g_hash_table_lookup (self->keys, key)) != NULL)
    {
      set_duplicate_key_error (self, error, entry, first);
      return FALSE;
    }

  return TRUE;
}

/**
 * freight_sdl_mapping_add:
 * @entry: the entry to append
 * @error: return location for a #FREIGHT_SDL_ERROR
 *
 * Appends @entry if it fits the mapping's direction, can be written to an .sdl file and
 * read back the same, and maps no CSV column (case-insensitively), constant or extract
 * field that another entry already maps.
 *
 * Returns: %TRUE if @entry was added
 */
gboolean
freight_sdl_mapping_add (FreightSdlMapping  *self,
                         FreightSdlEntry    *entry,
                         GError            **error)
{
  const char * const *columns;
  char *key;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_entry (self, entry, error))
    return FALSE;

  g_ptr_array_add (self->entries, freight_sdl_entry_ref (entry));
  columns = freight_sdl_entry_get_columns (entry);
  for (guint i = 0; columns[i] != NULL; i++)
    g_hash_table_insert (self->columns, g_utf8_casefold (columns[i], -1), entry);
  key = entry_key (self, entry);
  if (key != NULL)
    g_hash_table_insert (self->keys, key, entry);

  return TRUE;
}

/**
 * freight_sdl_mapping_remove:
 * @position: the position of the entry to remove
 */
void
freight_sdl_mapping_remove (FreightSdlMapping *self,
                            guint              position)
{
  FreightSdlEntry *entry;
  const char * const *columns;
  g_autofree char *key = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (position < self->entries->len);

  entry = g_ptr_array_index (self->entries, position);
  columns = freight_sdl_entry_get_columns (entry);
  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (columns[i], -1);

      g_hash_table_remove (self->columns, folded);
    }
  key = entry_key (self, entry);
  if (key != NULL)
    g_hash_table_remove (self->keys, key);

  g_ptr_array_remove_index (self->entries, position);
}

FreightSdlDirection
freight_sdl_mapping_get_direction (FreightSdlMapping *self)
{
  g_return_val_if_fail (self != NULL, FREIGHT_SDL_DIRECTION_LOAD);

  return self->direction;
}

guint
freight_sdl_mapping_get_n_entries (FreightSdlMapping *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

/**
 * freight_sdl_mapping_get_entry:
 *
 * Returns: (transfer none): the entry at @position, in file order
 */
FreightSdlEntry *
freight_sdl_mapping_get_entry (FreightSdlMapping *self,
                               guint              position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, position);
}

/**
 * freight_sdl_mapping_lookup_column:
 * @column: a CSV header
 * @position: (out) (optional): the entry's position
 *
 * Finds the entry that maps @column, compared case-insensitively as Data Loader does. In a
 * load mapping this may be an entry of several columns, or one that leaves @column
 * unmapped (see freight_sdl_entry_is_mapped()).
 *
 * Returns: (transfer none) (nullable): the entry, or %NULL if no entry names @column
 */
FreightSdlEntry *
freight_sdl_mapping_lookup_column (FreightSdlMapping *self,
                                   const char        *column,
                                   guint             *position)
{
  g_autofree char *folded = NULL;
  FreightSdlEntry *entry;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column != NULL && g_utf8_validate (column, -1, NULL), NULL);

  folded = g_utf8_casefold (column, -1);
  entry = g_hash_table_lookup (self->columns, folded);
  if (entry != NULL && position != NULL)
    g_ptr_array_find (self->entries, entry, position);

  return entry;
}

/**
 * freight_sdl_mapping_equal:
 *
 * Whether @a and @b go the same direction and have equal entries (see
 * freight_sdl_entry_equal()) in the same order.
 */
gboolean
freight_sdl_mapping_equal (FreightSdlMapping *a,
                           FreightSdlMapping *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->direction != b->direction || a->entries->len != b->entries->len)
    return FALSE;

  for (guint i = 0; i < a->entries->len; i++)
    {
      if (!freight_sdl_entry_equal (g_ptr_array_index (a->entries, i),
                                    g_ptr_array_index (b->entries, i)))
        return FALSE;
    }

  return TRUE;
}
