/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-csv-reader"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-csv-dialect.h"
#include "freight-csv-private.h"
#include "freight-csv-reader-private.h"
#include "freight-csv-sniffer.h"

/* A streaming CSV reader: RFC 4180 plus what real files do, in UTF-8, UTF-16LE/BE,
 * Windows-1252 or ISO-8859-1, always handing out UTF-8. The parsing itself is in
 * freight-csv-reader-parse.c.
 *
 * - Rows end with LF, CRLF or CR, mixed; quoted fields may hold the delimiter, doubled
 *   quotes and line breaks of any kind. A byte order mark of the file's encoding is skipped.
 * - Blank lines: a line with nothing on it is not a record in a file with two or more
 *   columns, as most CSV loaders see it (pandas, CsvHelper, Python's DictReader): a
 *   spreadsheet writes an empty row of such a file as ",,,", so a blank line there is a
 *   stray line break. It is counted (freight_csv_reader_get_n_blank_lines(), for the run's
 *   summary) and keeps line numbers right. In a one-column file a blank line is a record
 *   with one empty field, because that is how spreadsheets write an empty cell there.
 * - Strict mode (the default) reports a quote inside an unquoted field, or text after a
 *   closing quote, as a row-level STRAY_QUOTE error. LENIENT reads both the way
 *   spreadsheets do, keeping the quote as data: `5" screen` is `5" screen`, `"a"b` is `a"b`.
 *   Either way the row's fields are the same, so that nothing is lost.
 * - Row-level errors (stray quote, field count, invalid text, NUL, a field over 131,072
 *   characters) leave the row readable; invalid bytes and NULs read as U+FFFD. Fatal errors
 *   (a quote never closed, a row over 8 MiB) end reading.
 * - Record numbers count data rows from 1; lines count physical lines from 1; offsets are
 *   bytes of the source, in its encoding, from where the stream was. */

G_DEFINE_FINAL_TYPE (FreightCsvReader, freight_csv_reader, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STREAM,
  PROP_FILE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
freight_csv_reader_finalize (GObject *object)
{
  FreightCsvReader *self = (FreightCsvReader *) object;

  g_clear_object (&self->stream);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->buf, g_free);
  g_clear_pointer (&self->raw, g_free);
  g_clear_pointer (&self->fields, g_free);
  g_string_free (self->scratch, TRUE);
  g_clear_pointer (&self->column_names, g_ptr_array_unref);
  g_clear_error (&self->pending_error);
  g_clear_error (&self->fatal_error);

  G_OBJECT_CLASS (freight_csv_reader_parent_class)->finalize (object);
}

static void
freight_csv_reader_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FreightCsvReader *self = FREIGHT_CSV_READER (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      g_value_set_object (value, self->stream);
      break;

    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_csv_reader_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FreightCsvReader *self = FREIGHT_CSV_READER (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      self->stream = g_value_dup_object (value);
      break;

    case PROP_FILE_NAME:
      g_free (self->file_name);
      self->file_name = g_value_dup_string (value);
      if (self->file_name == NULL)
        self->file_name = g_strdup (_("CSV input"));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_csv_reader_class_init (FreightCsvReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_csv_reader_finalize;
  object_class->get_property = freight_csv_reader_get_property;
  object_class->set_property = freight_csv_reader_set_property;

  properties[PROP_STREAM] =
    g_param_spec_object ("stream", NULL, NULL,
                         G_TYPE_INPUT_STREAM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FILE_NAME] =
    g_param_spec_string ("file-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_csv_reader_init (FreightCsvReader *self)
{
  freight_csv_dialect_init (&self->dialect);
  self->chunk_size = FREIGHT_CSV_DEFAULT_CHUNK_SIZE;
  self->pos_line = 1;
  self->scratch = g_string_new (NULL);
}

/**
 * freight_csv_reader_new:
 * @stream: the CSV text
 * @file_name: (nullable): the name that error messages use, e.g. "accounts.csv"
 * @dialect: (nullable): the dialect (%NULL: comma-separated UTF-8)
 * @flags: #FreightCsvReaderFlags
 *
 * Creates a reader of @stream from its current position on. Offsets count from there.
 *
 * Returns: (transfer full): a new #FreightCsvReader
 */
FreightCsvReader *
freight_csv_reader_new (GInputStream            *stream,
                        const char              *file_name,
                        const FreightCsvDialect *dialect,
                        FreightCsvReaderFlags    flags)
{
  FreightCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (dialect == NULL || _freight_csv_is_valid_delimiter (dialect->delimiter),
                        NULL);
  g_return_val_if_fail (dialect == NULL || dialect->encoding < FREIGHT_CSV_N_ENCODINGS, NULL);

  self = g_object_new (FREIGHT_TYPE_CSV_READER,
                       "stream", stream,
                       "file-name", file_name,
                       NULL);
  if (dialect != NULL)
    self->dialect = *dialect;
  self->flags = flags;
  return self;
}

/**
 * freight_csv_reader_new_for_file:
 * @file: a CSV file
 * @dialect: (nullable): the dialect, or %NULL to sniff it with freight_csv_sniff_file()
 * @flags: #FreightCsvReaderFlags
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an I/O error
 *
 * Opens @file for reading. Error messages name it by its base name.
 *
 * Returns: (transfer full): a new #FreightCsvReader, or %NULL with @error set
 */
FreightCsvReader *
freight_csv_reader_new_for_file (GFile                   *file,
                                 const FreightCsvDialect *dialect,
                                 FreightCsvReaderFlags    flags,
                                 GCancellable            *cancellable,
                                 GError                 **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *name = NULL;
  FreightCsvDialect sniffed;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (dialect == NULL)
    {
      if (!freight_csv_sniff_file (file, &sniffed, cancellable, error))
        return NULL;
      dialect = &sniffed;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  name = g_file_get_basename (file);
  return freight_csv_reader_new (G_INPUT_STREAM (stream), name, dialect, flags);
}

const FreightCsvDialect *
freight_csv_reader_get_dialect (FreightCsvReader *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_READER (self), NULL);

  return &self->dialect;
}

FreightCsvReaderFlags
freight_csv_reader_get_flags (FreightCsvReader *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_READER (self), 0);

  return self->flags;
}

const char *
freight_csv_reader_get_file_name (FreightCsvReader *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_READER (self), NULL);

  return self->file_name;
}

static void
set_column_names (FreightCsvReader   *self,
                  const char * const *names,
                  guint               n)
{
  g_clear_pointer (&self->column_names, g_ptr_array_unref);
  self->column_names = g_ptr_array_new_full (n + 1, g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->column_names, g_strdup (names[i]));
  g_ptr_array_add (self->column_names, NULL);
  self->n_columns = n;
}

static gboolean
check_header_names (FreightCsvReader *self,
                    GError          **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->n_columns; i++)
    {
      const char *name = g_ptr_array_index (self->column_names, i);
      g_autofree char *folded = NULL;
      gpointer first;

      if (*name == '\0')
        {
          _freight_csv_reader_set_error (self, error, FREIGHT_CSV_ERROR_EMPTY_HEADER,
                                         self->line + self->fields[i].breaks, i + 1, NULL,
                                         _("the header has no name for this column; give "
                                           "every column a name (the Salesforce field it "
                                           "holds)"));
          return FALSE;
        }

      folded = g_utf8_casefold (name, -1);
      if (g_hash_table_lookup_extended (seen, folded, NULL, &first))
        {
          g_autofree char *detail =
            g_strdup_printf (_("column %u already has this name (names are compared "
                               "ignoring case); give every column its own name"),
                             GPOINTER_TO_UINT (first));

          _freight_csv_reader_set_error (self, error, FREIGHT_CSV_ERROR_DUPLICATE_HEADER,
                                         self->line + self->fields[i].breaks, i + 1, name, detail);
          return FALSE;
        }
      g_hash_table_insert (seen, g_steal_pointer (&folded), GUINT_TO_POINTER (i + 1));
    }
  return TRUE;
}

/**
 * freight_csv_reader_read_header:
 * @self: a #FreightCsvReader
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Reads the header row (blank lines before it are skipped). With
 * %FREIGHT_CSV_READER_NO_HEADER, looks at the first row instead, names the columns
 * “Column 1”, “Column 2”, … and keeps the row for freight_csv_reader_next_row().
 *
 * On %FREIGHT_CSV_ERROR_EMPTY_HEADER, %FREIGHT_CSV_ERROR_DUPLICATE_HEADER or a row-level
 * error in the header row, the column names are still available and reading can go on;
 * any error here concerns the whole file. Calling it again after that returns %TRUE.
 * freight_csv_reader_next_row() calls it if it was not called.
 *
 * Returns: %TRUE if the header is good
 */
gboolean
freight_csv_reader_read_header (FreightCsvReader *self,
                                GCancellable     *cancellable,
                                GError          **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GPtrArray) names = NULL;
  FreightCsvReadResult result;

  g_return_val_if_fail (FREIGHT_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->error_line = 0;
  self->error_column = 0;

  if (self->header_done)
    return TRUE;

  result = _freight_csv_reader_read_row (self, TRUE, cancellable, &local);
  if (result == FREIGHT_CSV_READ_FAILED)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (result == FREIGHT_CSV_READ_END)
    {
      if (self->flags & FREIGHT_CSV_READER_NO_HEADER)
        g_set_error (error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_EMPTY_FILE,
                     _("%s: the file is empty"), self->file_name);
      else
        g_set_error (error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_EMPTY_FILE,
                     _("%s: the file is empty; a CSV file for Salesforce starts with a "
                       "header row of field names"), self->file_name);
      return FALSE;
    }

  self->header_done = TRUE;
  names = g_ptr_array_new_with_free_func (g_free);

  if (self->flags & FREIGHT_CSV_READER_NO_HEADER)
    {
      for (guint i = 0; i < self->n_fields; i++)
        g_ptr_array_add (names, g_strdup_printf (_("Column %u"), i + 1));
      set_column_names (self, (const char * const *) names->pdata, names->len);
      self->row_pending = TRUE;
      self->pending_error = g_steal_pointer (&local);
      self->pending_error_line = self->error_line;
      self->pending_error_column = self->error_column;
      return TRUE;
    }

  for (guint i = 0; i < self->n_fields; i++)
    g_ptr_array_add (names, g_strdup ((const char *) self->fields[i].start));
  set_column_names (self, (const char * const *) names->pdata, names->len);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return check_header_names (self, error);
}

/**
 * freight_csv_reader_get_n_columns:
 * @self: a #FreightCsvReader
 *
 * Returns: the number of columns of the header, 0 before it is read
 */
guint
freight_csv_reader_get_n_columns (FreightCsvReader *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_READER (self), 0);

  return self->n_columns;
}

/**
 * freight_csv_reader_get_column_name:
 * @self: a #FreightCsvReader
 * @column: a column, from 0
 *
 * Returns: (nullable): the name of @column, or %NULL if there is no such column
 */
const char *
freight_csv_reader_get_column_name (FreightCsvReader *self,
                                    guint             column)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_READER (self), NULL);

  if (self->column_names == NULL || column >= self->n_columns)
    return NULL;
  return g_ptr_array_index (self->column_names, column);
}

/**
 * freight_csv_reader_get_column_names:
 * @self: a #FreightCsvReader
 *
 * Returns: (nullable) (array zero-terminated=1): the column names, %NULL before the
 *   header is read
 */
const char * const *
freight_csv_reader_get_column_names (FreightCsvReader *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_READER (self), NULL);

  if (self->column_names == NULL)
    return NULL;
  return (const char * const *) self->column_names->pdata;
}

/**
 * freight_csv_reader_next_row:
 * @self: a #FreightCsvReader
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Reads the next record. Returns %FALSE without an error at the end of the input. When
 * freight_csv_error_is_row_level() says so of @error, the row was read (its fields, record
 * number and position are available) and the next call goes on with the next row;
 * otherwise reading is over: parse errors repeat on every further call.
 *
 * Returns: %TRUE if a row was read without error
 */
gboolean
freight_csv_reader_next_row (FreightCsvReader *self,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_autoptr(GError) local = NULL;
  FreightCsvReadResult result;

  g_return_val_if_fail (FREIGHT_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->header_done)
    {
      if (!freight_csv_reader_read_header (self, cancellable, &local))
        {
          if ((self->flags & FREIGHT_CSV_READER_NO_HEADER) &&
              g_error_matches (local, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_EMPTY_FILE))
            return FALSE;
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }

  self->error_line = 0;
  self->error_column = 0;

  if (self->row_pending)
    {
      self->row_pending = FALSE;
      self->record_number++;
      if (self->pending_error != NULL)
        {
          self->error_line = self->pending_error_line;
          self->error_column = self->pending_error_column;
          g_propagate_error (error, g_steal_pointer (&self->pending_error));
          return FALSE;
        }
      return TRUE;
    }

  result = _freight_csv_reader_read_row (self, TRUE, cancellable, error);
  if (result == FREIGHT_CSV_READ_ROW || result == FREIGHT_CSV_READ_ROW_WITH_ERROR)
    self->record_number++;
  return result == FREIGHT_CSV_READ_ROW;
}

/**
 * freight_csv_reader_get_n_fields:
 * @self: a #FreightCsvReader
 *
 * Returns: the number of fields of the current row (0 when there is none)
 */
guint
freight_csv_reader_get_n_fields (FreightCsvReader *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_READER (self), 0);

  return self->n_fields;
}

/**
 * freight_csv_reader_get_field:
 * @self: a #FreightCsvReader
 * @i: a field of the current row, from 0
 * @len: (out) (optional): its length in bytes
 *
 * Returns: (nullable): the field as NUL-terminated UTF-8, valid until the next
 *   freight_csv_reader_next_row(), or %NULL if the row has no field @i
 */
const char *
freight_csv_reader_get_field (FreightCsvReader *self,
                              guint             i,
                              gsize            *len)
{
  const FreightCsvField *f;

  /* Called for every field of every row: a full type check would cost a third of the
   * time it takes to parse the field. */
  g_return_val_if_fail (self != NULL, NULL);

  if (i >= self->n_fields)
    {
      if (len != NULL)
        *len = 0;
      return NULL;
    }

  f = &self->fields[i];
  if (len != NULL)
    *len = f->end - f->start;
  return (const char *) f->start;
}

/**
 * freight_csv_reader_get_record_number:
 * @self: a #FreightCsvReader
 *
 * Returns: the record number of the current row: 1 for the first data row (blank lines
 *   that are skipped do not count)
 */
guint64
freight_csv_reader_get_record_number (FreightCsvReader *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_READER (self), 0);

  return self->record_number;
}

/**
 * freight_csv_reader_get_line:
 * @self: a #FreightCsvReader
 *
 * Returns: the physical line, from 1, where the current row starts
 */
guint64
freight_csv_reader_get_line (FreightCsvReader *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_READER (self), 0);

  return self->line;
}

/**
 * freight_csv_reader_get_offset:
 * @self: a #FreightCsvReader
 *
 * Returns: the offset in bytes of the source where the current row starts
 */
guint64
freight_csv_reader_get_offset (FreightCsvReader *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_READER (self), 0);

  return self->offset;
}

/**
 * freight_csv_reader_get_n_blank_lines:
 * @self: a #FreightCsvReader
 *
 * Returns: how many blank lines were skipped so far (see the file's comment)
 */
guint64
freight_csv_reader_get_n_blank_lines (FreightCsvReader *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_READER (self), 0);

  return self->n_blank_lines;
}

/**
 * freight_csv_reader_get_error_position:
 * @self: a #FreightCsvReader
 * @line: (out) (optional): the physical line of the last error, from 1
 * @column: (out) (optional): its column, from 1 (0 when it concerns a whole line)
 *
 * Returns: %TRUE if the last call that failed reported a position
 */
gboolean
freight_csv_reader_get_error_position (FreightCsvReader *self,
                                       guint64          *line,
                                       guint            *column)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_READER (self), FALSE);

  if (line != NULL)
    *line = self->error_line;
  if (column != NULL)
    *column = self->error_column;
  return self->error_line > 0;
}

void
_freight_csv_reader_set_chunk_size (FreightCsvReader *self,
                                    gsize             chunk_size)
{
  g_return_if_fail (FREIGHT_IS_CSV_READER (self));
  g_return_if_fail (self->buf == NULL);

  self->chunk_size = MAX (chunk_size, FREIGHT_CSV_MIN_CHUNK_SIZE);
}

/*
 * _freight_csv_reader_start_at:
 *
 * For a reader whose stream was moved to the start of a row it read before (at @offset,
 * @line, with @record_number): reads on from there with the header @column_names.
 */
void
_freight_csv_reader_start_at (FreightCsvReader   *self,
                              guint64             offset,
                              guint64             line,
                              guint64             record_number,
                              const char * const *column_names)
{
  g_return_if_fail (FREIGHT_IS_CSV_READER (self));
  g_return_if_fail (self->buf == NULL);
  g_return_if_fail (record_number > 0);
  g_return_if_fail (column_names != NULL);

  self->pos_offset = offset;
  self->pos_line = line;
  self->record_number = record_number - 1;
  self->started = TRUE;
  self->header_done = TRUE;
  set_column_names (self, column_names, g_strv_length ((char **) column_names));
}

const guint8 *
_freight_csv_reader_get_row_bytes (FreightCsvReader *self,
                                   gsize            *len)
{
  *len = self->row_len;
  return self->row_start;
}

/*
 * _freight_csv_reader_skip_row:
 *
 * Finds the next row without converting it, for counting rows: its record number, line and
 * offset are set, not its fields, and only fatal errors are reported.
 *
 * Returns: %TRUE if there was a row, %FALSE at the end or on error
 */
gboolean
_freight_csv_reader_skip_row (FreightCsvReader *self,
                              GCancellable     *cancellable,
                              GError          **error)
{
  FreightCsvReadResult result;

  g_return_val_if_fail (FREIGHT_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (self->header_done, FALSE);

  if (self->row_pending)
    {
      self->row_pending = FALSE;
      g_clear_error (&self->pending_error);
      self->record_number++;
      return TRUE;
    }

  result = _freight_csv_reader_read_row (self, FALSE, cancellable, error);
  self->n_fields = 0;
  if (result != FREIGHT_CSV_READ_ROW)
    return FALSE;
  self->record_number++;
  return TRUE;
}
