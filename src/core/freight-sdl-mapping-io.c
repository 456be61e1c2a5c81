/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-sdl-mapping"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-properties.h"
#include "freight-sdl-entry.h"
#include "freight-sdl-mapping.h"
#include "freight-sdl-private.h"
#include "freight-sdl-target.h"

/* Reading and writing FreightSdlMapping as .sdl files; see freight-sdl-mapping.c for what
 * is read and how it is written. */

static gboolean
is_constant (const char *key)
{
  gsize len = strlen (key);

  return len >= 2 && key[0] == '"' && key[len - 1] == '"';
}

/* Splits a comma-separated list, strips each item and skips empty ones, as Data Loader's
 * StringTokenizer and String.trim() do. Returns FALSE if an item was only blanks. */
static gboolean
split_list (const char  *text,
            GPtrArray  **items)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  *items = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item;

      if (parts[i][0] == '\0')
        continue;
      item = _freight_sdl_strip (parts[i]);
      if (item[0] == '\0')
        {
          g_free (item);
          return FALSE;
        }
      g_ptr_array_add (*items, item);
    }
  g_ptr_array_add (*items, NULL);

  return TRUE;
}

static FreightSdlEntry *
parse_load_entry (const char  *key,
                  const char  *value,
                  const char  *constant,
                  GError     **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) targets = NULL;

  if (constant == NULL)
    {
      if (!split_list (key, &columns))
        {
          g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_COLUMN,
                       _("the list of columns “%s” has an empty name; remove the extra "
                         "comma"),
                       key);
          return NULL;
        }
      /* Only commas: Data Loader finds no column in it and ignores the line. */
      if (columns->len == 1)
        return NULL;
    }

  if (!split_list (value, &items))
    {
      g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_TARGET,
                   _("the list of fields “%s” has an empty name; remove the extra comma"),
                   value);
      return NULL;
    }

  targets = g_ptr_array_new_with_free_func ((GDestroyNotify) freight_sdl_target_unref);
  for (guint i = 0; i + 1 < items->len; i++)
    {
      FreightSdlTarget *target = freight_sdl_target_parse (g_ptr_array_index (items, i), error);

      if (target == NULL)
        return NULL;
      g_ptr_array_add (targets, target);
    }

  return freight_sdl_entry_new (columns != NULL ? (const char * const *) columns->pdata : NULL,
                                constant, targets);
}

static FreightSdlEntry *
parse_extract_entry (const char  *key,
                     const char  *value,
                     const char  *constant,
                     GError     **error)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (
    (GDestroyNotify) freight_sdl_target_unref);
  g_autofree char *column = _freight_sdl_strip (value);
  const char *columns[] = { column, NULL };

  if (constant == NULL)
    {
      g_autofree char *field = _freight_sdl_strip (key);

      if (field[0] == '\0')
        {
          g_set_error_literal (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_TARGET,
                               _("the field name is empty"));
          return NULL;
        }
      g_ptr_array_add (targets, freight_sdl_target_new_field (field));
    }

  if (column[0] == '\0' && value[0] != '\0')
    {
      g_set_error_literal (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_COLUMN,
                           _("the column name is empty"));
      return NULL;
    }
  if (strchr (column, ',') != NULL)
    {
      g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_COLUMN,
                   _("“%s”: an extract mapping writes each field to one column; remove the "
                     "comma"),
                   column);
      return NULL;
    }

  return freight_sdl_entry_new (column[0] != '\0' ? columns : NULL, constant, targets);
}

static void
convert_properties_error (GError **error,
                          GError  *local_error)
{
  int code = FREIGHT_SDL_ERROR_ENCODING;

  if (g_error_matches (local_error, FREIGHT_PROPERTIES_ERROR, FREIGHT_PROPERTIES_ERROR_ESCAPE))
    code = FREIGHT_SDL_ERROR_ESCAPE;

  g_set_error_literal (error, FREIGHT_SDL_ERROR, code, local_error->message);
}

/**
 * freight_sdl_mapping_new_from_bytes:
 * @bytes: the file's contents
 * @display_name: the file name to start error messages with, e.g. `mapping.sdl`
 * @direction: whether the file maps a load or an extract
 * @error: return location for a #FREIGHT_SDL_ERROR
 *
 * Reads an .sdl file. Error messages name the file and the line, e.g.
 * `mapping.sdl: line 7: “Name” is mapped twice (first on line 3)`.
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL with @error set
 */
FreightSdlMapping *
freight_sdl_mapping_new_from_bytes (GBytes               *bytes,
                                    const char           *display_name,
                                    FreightSdlDirection   direction,
                                    GError              **error)
{
  g_autoptr(FreightProperties) properties = NULL;
  g_autoptr(FreightSdlMapping) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (direction == FREIGHT_SDL_DIRECTION_LOAD
                        || direction == FREIGHT_SDL_DIRECTION_EXTRACT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  properties = freight_properties_new_from_bytes (bytes, display_name, &local_error);
  if (properties == NULL)
    {
      convert_properties_error (error, local_error);
      return NULL;
    }

  self = freight_sdl_mapping_new (direction);

  for (guint i = 0; i < freight_properties_get_n_items (properties); i++)
    {
      const char *key = freight_properties_get_key (properties, i);
      const char *value = freight_properties_get_value (properties, i);
      guint line = freight_properties_get_line (properties, i);
      g_autoptr(FreightSdlEntry) entry = NULL;
      g_autofree char *constant = NULL;

      if (key[0] == '\0')
        continue;

      if (is_constant (key))
        {
          constant = g_strndup (key + 1, strlen (key) - 2);
        }
      else if (key[0] == '"')
        {
          g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_CONSTANT,
                       _("%s: line %u: the constant %s has no closing double quote; write "
                         "a space inside a constant as “\\ ”, e.g. "
                         "\"Some\\ Description\"=Description"),
                       display_name, line, key);
          return NULL;
        }

      if (direction == FREIGHT_SDL_DIRECTION_LOAD)
        entry = parse_load_entry (key, value, constant, &local_error);
      else
        entry = parse_extract_entry (key, value, constant, &local_error);

      if (entry != NULL)
        {
          _freight_sdl_entry_set_line (entry, line);
          freight_sdl_mapping_add (self, entry, &local_error);
        }

      if (local_error != NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("%s: line %u: "), display_name, line);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

static void
set_read_error (GError **error,
                GFile   *file,
                GError  *local_error)
{
  g_autofree char *name = NULL;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (local_error));
      return;
    }

  name = g_file_get_basename (file);
  g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_IO,
               _("%s: could not read the mapping file: %s"), name, local_error->message);
}

static FreightSdlMapping *
mapping_from_contents (GFile                *file,
                       char                 *contents,
                       gsize                 len,
                       FreightSdlDirection   direction,
                       GError              **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (contents, len);
  g_autofree char *name = g_file_get_basename (file);

  return freight_sdl_mapping_new_from_bytes (bytes, name, direction, error);
}

/**
 * freight_sdl_mapping_new_from_file:
 * @file: an .sdl file
 * @direction: whether the file maps a load or an extract
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #FREIGHT_SDL_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Reads an .sdl file, blocking; error messages start with the file's base name. See
 * freight_sdl_mapping_new_from_file_async() for the main thread.
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL with @error set
 */
FreightSdlMapping *
freight_sdl_mapping_new_from_file (GFile                *file,
                                   FreightSdlDirection   direction,
                                   GCancellable         *cancellable,
                                   GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, &local_error))
    {
      set_read_error (error, file, local_error);
      return NULL;
    }

  return mapping_from_contents (file, contents, len, direction, error);
}

static void
load_contents_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GFile *file = G_FILE (source_object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) error = NULL;
  FreightSdlMapping *mapping;
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_load_contents_finish (file, result, &contents, &len, NULL, &local_error))
    {
      set_read_error (&error, file, local_error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* .sdl files are a few kilobytes: parsing here does not hold up the main loop. */
  mapping = mapping_from_contents (file, contents, len,
                                   GPOINTER_TO_INT (g_task_get_task_data (task)), &error);
  if (mapping == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, mapping, (GDestroyNotify) freight_sdl_mapping_unref);
}

/**
 * freight_sdl_mapping_new_from_file_async:
 * @file: an .sdl file
 * @direction: whether the file maps a load or an extract
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file has been read
 * @user_data: data for @callback
 *
 * Reads an .sdl file without blocking.
 */
void
freight_sdl_mapping_new_from_file_async (GFile                *file,
                                         FreightSdlDirection   direction,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_sdl_mapping_new_from_file_async);
  g_task_set_task_data (task, GINT_TO_POINTER (direction), NULL);

  g_file_load_contents_async (file, cancellable, load_contents_cb, task);
}

/**
 * freight_sdl_mapping_new_from_file_finish:
 * @result: the result given to the callback
 * @error: return location for a #FREIGHT_SDL_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL with @error set
 */
FreightSdlMapping *
freight_sdl_mapping_new_from_file_finish (GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result,
                                                  freight_sdl_mapping_new_from_file_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
entry_key_text (FreightSdlMapping *self,
                FreightSdlEntry   *entry)
{
  const char *constant = freight_sdl_entry_get_constant (entry);

  if (constant != NULL)
    return g_strconcat ("\"", constant, "\"", NULL);

  if (freight_sdl_mapping_get_direction (self) == FREIGHT_SDL_DIRECTION_EXTRACT)
    return g_strdup (freight_sdl_target_get_field (freight_sdl_entry_get_target (entry, 0)));

  return g_strjoinv (",", (char **) freight_sdl_entry_get_columns (entry));
}

static char *
entry_value_text (FreightSdlMapping *self,
                  FreightSdlEntry   *entry)
{
  GString *value;

  if (freight_sdl_mapping_get_direction (self) == FREIGHT_SDL_DIRECTION_EXTRACT)
    {
      const char *column = freight_sdl_entry_get_columns (entry)[0];

      return g_strdup (column != NULL ? column : "");
    }

  value = g_string_new (NULL);
  for (guint i = 0; i < freight_sdl_entry_get_n_targets (entry); i++)
    {
      FreightSdlTarget *target = freight_sdl_entry_get_target (entry, i);
      g_autofree char *text = freight_sdl_target_to_string (target);

      if (i > 0)
        g_string_append (value, ", ");
      g_string_append (value, text);
    }

  return g_string_free (value, FALSE);
}

/**
 * freight_sdl_mapping_to_bytes:
 *
 * Writes the mapping as an .sdl file that Data Loader and Freight read back unchanged:
 * `#Mapping values`, then one escaped, ASCII `key=value` line per entry, in order.
 *
 * Returns: (transfer full): the file's contents
 */
GBytes *
freight_sdl_mapping_to_bytes (FreightSdlMapping *self)
{
  g_autoptr(FreightProperties) properties = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  properties = freight_properties_new ();
  for (guint i = 0; i < freight_sdl_mapping_get_n_entries (self); i++)
    {
      FreightSdlEntry *entry = freight_sdl_mapping_get_entry (self, i);
      g_autofree char *key = entry_key_text (self, entry);
      g_autofree char *value = entry_value_text (self, entry);

      freight_properties_append (properties, key, value);
    }

  /* Data Loader's own first line; the file is otherwise identical for the same mapping. */
  return freight_properties_to_bytes (properties, "Mapping values");
}

static void
set_write_error (GError **error,
                 GFile   *file,
                 GError  *local_error)
{
  g_autofree char *name = NULL;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (local_error));
      return;
    }

  name = g_file_get_basename (file);
  g_set_error (error, FREIGHT_SDL_ERROR, FREIGHT_SDL_ERROR_IO,
               _("%s: could not save the mapping: %s"), name, local_error->message);
}

/**
 * freight_sdl_mapping_save_file:
 * @file: where to save
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #FREIGHT_SDL_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Writes freight_sdl_mapping_to_bytes() to @file, replacing it atomically; blocking.
 *
 * Returns: %TRUE if the file was saved
 */
gboolean
freight_sdl_mapping_save_file (FreightSdlMapping  *self,
                               GFile              *file,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  const char *data;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = freight_sdl_mapping_to_bytes (self);
  data = g_bytes_get_data (bytes, &len);
  if (!g_file_replace_contents (file, data, len, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, cancellable, &local_error))
    {
      set_write_error (error, file, local_error);
      return FALSE;
    }

  return TRUE;
}

static void
replace_contents_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GFile *file = G_FILE (source_object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (file, result, NULL, &local_error))
    {
      set_write_error (&error, file, local_error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * freight_sdl_mapping_save_file_async:
 * @file: where to save
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file has been written
 * @user_data: data for @callback
 *
 * Writes the mapping to @file without blocking; later changes to the mapping do not
 * affect what is written.
 */
void
freight_sdl_mapping_save_file_async (FreightSdlMapping   *self,
                                     GFile               *file,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GBytes) bytes = NULL;
  GTask *task;

  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_sdl_mapping_save_file_async);

  bytes = freight_sdl_mapping_to_bytes (self);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                                       replace_contents_cb, task);
}

/**
 * freight_sdl_mapping_save_file_finish:
 * @result: the result given to the callback
 * @error: return location for a #FREIGHT_SDL_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE if the file was saved
 */
gboolean
freight_sdl_mapping_save_file_finish (FreightSdlMapping  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, freight_sdl_mapping_save_file_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
