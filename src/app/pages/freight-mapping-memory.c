/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-mapping-memory"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "freight-mapping-memory.h"

/* The files are read and written in a worker thread: a slow home folder must not stall
 * the window. */

/**
 * _freight_mapping_memory_dup_path:
 * @key: a memory key
 *
 * Returns: (transfer full): where the mapping for @key is remembered
 */
char *
_freight_mapping_memory_dup_path (const char *key)
{
  g_autofree char *name = g_strconcat (key, ".json", NULL);

  return g_build_filename (g_get_user_data_dir (), "freight", "mappings", name, NULL);
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autofree char *path = _freight_mapping_memory_dup_path (task_data);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (!json_parser_load_from_mapped_file (parser, path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, json_node_copy (json_parser_get_root (parser)),
                         (GDestroyNotify) json_node_unref);
}

/**
 * _freight_mapping_memory_lookup_async:
 * @key: a memory key
 *
 * Reads the mapping remembered for @key, if there is one.
 */
void
_freight_mapping_memory_lookup_async (const char          *key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (key != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _freight_mapping_memory_lookup_async);
  g_task_set_task_data (task, g_strdup (key), g_free);
  g_task_run_in_thread (task, lookup_thread);
}

/**
 * _freight_mapping_memory_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the remembered mapping's JSON, or %NULL without an
 *   error if nothing is remembered
 */
JsonNode *
_freight_mapping_memory_lookup_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  char **data = task_data;
  g_autofree char *path = _freight_mapping_memory_dup_path (data[0]);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not create the folder %s: %s"), dir,
                               g_strerror (saved_errno));
      return;
    }

  if (!g_file_set_contents_full (path, data[1], -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * _freight_mapping_memory_save_async:
 * @key: a memory key
 * @mapping: what freight_mapping_to_json() made
 *
 * Remembers @mapping for @key, replacing what was remembered.
 */
void
_freight_mapping_memory_save_async (const char          *key,
                                    JsonNode            *mapping,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char **data;

  g_return_if_fail (key != NULL);
  g_return_if_fail (mapping != NULL);

  /* JSON nodes are not for sharing between threads; text is. */
  data = g_new0 (char *, 3);
  data[0] = g_strdup (key);
  data[1] = json_to_string (mapping, TRUE);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _freight_mapping_memory_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, save_thread);
}

gboolean
_freight_mapping_memory_save_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
