/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-wizard-private.h"

/* The CSV file of the load: its size, its dialect (sniffed by the index's worker, or
 * chosen by the user) and the FreightCsvIndex over its rows, which counts them in a
 * worker thread and reads the rows a preview shows on demand. */

static void
index_columns_cb (FreightWizard   *self,
                  GParamSpec      *pspec,
                  FreightCsvIndex *index)
{
  const char * const *columns = freight_csv_index_get_column_names (index);
  FreightCsvDialect dialect;
  gboolean header_changed;

  g_assert (index == self->index);

  if (!self->dialect_overridden && freight_csv_index_get_dialect (index, &dialect))
    {
      self->dialect = dialect;
      self->dialect_known = TRUE;
      _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_DIALECT);
    }

  if (columns == NULL)
    return;

  header_changed = self->columns == NULL ||
                   !g_strv_equal ((const char * const *) self->columns, columns);
  g_strfreev (self->columns);
  self->columns = g_strdupv ((char **) columns);

  /* Entries of columns this file does not have would only be errors now. */
  if (header_changed)
    {
      FreightMapping *mapping = self->mapping;
      g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < freight_mapping_get_n_entries (mapping); i++)
        {
          const char * const *entry_columns;

          entry_columns = freight_mapping_entry_get_columns (freight_mapping_get_entry (mapping,
                                                                                        i));
          for (guint j = 0; entry_columns != NULL && entry_columns[j] != NULL; j++)
            if (!g_strv_contains (columns, entry_columns[j]))
              g_ptr_array_add (gone, g_strdup (entry_columns[j]));
        }
      for (guint i = 0; i < gone->len; i++)
        freight_mapping_unmap_column (mapping, g_ptr_array_index (gone, i));
    }

  freight_mapping_set_source_columns (self->mapping, columns);
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_COLUMNS);
  _freight_wizard_update_ready (self);
}

static void
index_rows_cb (FreightWizard   *self,
               GParamSpec      *pspec,
               FreightCsvIndex *index)
{
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_N_ROWS);
}

static void
index_complete_cb (FreightWizard   *self,
                   GParamSpec      *pspec,
                   FreightCsvIndex *index)
{
  FreightCsvDialect dialect;

  /* A file too short to sniff gets its dialect only at the end. */
  if (!self->dialect_known && freight_csv_index_get_dialect (index, &dialect))
    {
      self->dialect = dialect;
      self->dialect_known = TRUE;
      _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_DIALECT);
    }
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_ROWS_COUNTED);
}

static void
drop_index (FreightWizard *self)
{
  if (self->index == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->index, self);
  g_clear_object (&self->index);
}

static void
open_index (FreightWizard           *self,
            const FreightCsvDialect *dialect)
{
  g_assert (self->file != NULL);

  drop_index (self);
  self->index = freight_csv_index_new (self->file, dialect, FREIGHT_CSV_READER_FLAGS_NONE);
  g_signal_connect_object (self->index, "notify::column-names",
                           G_CALLBACK (index_columns_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->index, "notify::n-rows-counted",
                           G_CALLBACK (index_rows_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->index, "notify::complete",
                           G_CALLBACK (index_complete_cb), self, G_CONNECT_SWAPPED);

  _freight_wizard_clear_preflight (self);
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_INDEX);
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_N_ROWS);
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_ROWS_COUNTED);
}

static void
query_size_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FreightWizard) self = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      /* The index reports what is wrong with the file; the size only decorates. */
      g_debug ("No size of the CSV file: %s", error->message);
      return;
    }
  if (!g_file_equal (G_FILE (object), self->file))
    return;

  self->file_size = g_file_info_get_size (info);
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_FILE_SIZE);
}

void
_freight_wizard_clear_file (FreightWizard *self)
{
  g_cancellable_cancel (self->file_cancellable);
  g_clear_object (&self->file_cancellable);
  self->file_cancellable = g_cancellable_new ();

  drop_index (self);
  g_clear_pointer (&self->columns, g_strfreev);
  self->file_size = 0;
  self->dialect_known = FALSE;
  self->dialect_overridden = FALSE;
  freight_csv_dialect_init (&self->dialect);
  freight_mapping_set_source_columns (self->mapping, NULL);
}

void
_freight_wizard_file_dispose (FreightWizard *self)
{
  g_cancellable_cancel (self->file_cancellable);
  g_clear_object (&self->file_cancellable);
  drop_index (self);
  g_clear_object (&self->file);
  g_clear_pointer (&self->columns, g_strfreev);
}

GFile *
freight_wizard_get_file (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->file;
}

/**
 * freight_wizard_set_file:
 * @self: a #FreightWizard
 * @file: (nullable): the CSV file to load
 *
 * Chooses the file: its dialect is sniffed and its rows counted in a worker thread, and
 * the properties follow as they become known (FreightWizard:dialect, :columns, :n-rows,
 * :rows-counted). Also the path a dropped file takes.
 */
void
freight_wizard_set_file (FreightWizard *self,
                         GFile         *file)
{
  g_return_if_fail (FREIGHT_IS_WIZARD (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file,
                                                                                 file)))
    return;

  g_object_freeze_notify (G_OBJECT (self));

  _freight_wizard_clear_file (self);
  g_set_object (&self->file, file);
  if (file != NULL)
    {
      g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                               G_PRIORITY_DEFAULT, self->file_cancellable, query_size_cb,
                               g_object_ref (self));
      open_index (self, NULL);
    }
  else
    {
      _freight_wizard_clear_preflight (self);
      _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_INDEX);
    }

  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_FILE);
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_FILE_SIZE);
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_DIALECT);
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_DIALECT_OVERRIDDEN);
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_COLUMNS);
  _freight_wizard_update_ready (self);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * freight_wizard_get_file_size:
 * @self: a #FreightWizard
 *
 * Returns: the file's size in bytes, 0 until known
 */
guint64
freight_wizard_get_file_size (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), 0);

  return self->file_size;
}

/**
 * freight_wizard_get_dialect:
 * @self: a #FreightWizard
 * @dialect: (out): the file's dialect
 *
 * Returns: whether the dialect is known yet
 */
gboolean
freight_wizard_get_dialect (FreightWizard     *self,
                            FreightCsvDialect *dialect)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), FALSE);
  g_return_val_if_fail (dialect != NULL, FALSE);

  *dialect = self->dialect;
  return self->dialect_known;
}

/**
 * freight_wizard_set_dialect:
 * @self: a #FreightWizard with a file
 * @dialect: (nullable): how to read the file, or %NULL to sniff it again
 *
 * Reads the file again with @dialect: the preview, the header and the count start over.
 */
void
freight_wizard_set_dialect (FreightWizard           *self,
                            const FreightCsvDialect *dialect)
{
  g_return_if_fail (FREIGHT_IS_WIZARD (self));
  g_return_if_fail (self->file != NULL);

  if (dialect != NULL && self->dialect_known && freight_csv_dialect_equal (dialect,
                                                                          &self->dialect))
    return;
  if (dialect == NULL && !self->dialect_overridden)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  self->dialect_overridden = dialect != NULL;
  self->dialect_known = dialect != NULL;
  if (dialect != NULL)
    self->dialect = *dialect;
  open_index (self, dialect);

  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_DIALECT);
  _freight_wizard_notify (self, FREIGHT_WIZARD_PROP_DIALECT_OVERRIDDEN);

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
freight_wizard_get_dialect_overridden (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), FALSE);

  return self->dialect_overridden;
}

/**
 * freight_wizard_get_index:
 * @self: a #FreightWizard
 *
 * Returns: (transfer none) (nullable): the file's rows, a GListModel of
 *   #FreightCsvRecord that grows while they are counted; a new one when the dialect
 *   changes
 */
FreightCsvIndex *
freight_wizard_get_index (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return self->index;
}

/**
 * freight_wizard_get_columns:
 * @self: a #FreightWizard
 *
 * Returns: (transfer none) (nullable): the file's header, once read
 */
const char * const *
freight_wizard_get_columns (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), NULL);

  return (const char * const *) self->columns;
}

guint64
freight_wizard_get_n_rows (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), 0);

  return self->index != NULL ? freight_csv_index_get_n_rows_counted (self->index) : 0;
}

/**
 * freight_wizard_get_rows_counted:
 * @self: a #FreightWizard
 *
 * Returns: whether the whole file has been counted (or the count ended at an error)
 */
gboolean
freight_wizard_get_rows_counted (FreightWizard *self)
{
  g_return_val_if_fail (FREIGHT_IS_WIZARD (self), FALSE);

  return self->index != NULL && freight_csv_index_get_complete (self->index);
}
