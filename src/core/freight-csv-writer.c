/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-csv-writer"

#include "config.h"

#include <string.h>

#include "freight-csv-private.h"
#include "freight-csv-writer.h"

/* A buffered RFC 4180 writer of UTF-8 CSV, for Bulk API parts and result files.
 *
 * A field is quoted when it holds the delimiter, a quote, CR or LF, or starts or ends with
 * white space (which tools that trim would lose); quotes inside are doubled. A row that is
 * one empty field is written as `""`, since a blank line is not a record to most readers
 * (Freight's included, for files of two or more columns). A first field that starts with
 * U+FEFF is quoted too, so that it is not taken for a byte order mark. */

#define FLUSH_SIZE (64 * 1024)

struct _FreightCsvWriter
{
  GObject               parent_instance;

  GOutputStream        *stream;
  char                  delimiter;
  FreightCsvLineEnding  line_ending;
  FreightCsvQuoteMode   quote_mode;
  gboolean              special[256];   /* bytes that make a field need quotes */

  GString              *buf;
  gsize                 row_start;      /* in buf: what comes before are whole rows */
  guint                 n_fields;       /* of the row being written */
  gboolean              row_is_empty;   /* its fields so far are one empty, unquoted field */
  guint64               bytes_written;
  guint64               n_rows;
};

G_DEFINE_FINAL_TYPE (FreightCsvWriter, freight_csv_writer, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STREAM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
freight_csv_writer_finalize (GObject *object)
{
  FreightCsvWriter *self = (FreightCsvWriter *) object;

  g_clear_object (&self->stream);
  g_string_free (self->buf, TRUE);

  G_OBJECT_CLASS (freight_csv_writer_parent_class)->finalize (object);
}

static void
freight_csv_writer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FreightCsvWriter *self = FREIGHT_CSV_WRITER (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      g_value_set_object (value, self->stream);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_csv_writer_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FreightCsvWriter *self = FREIGHT_CSV_WRITER (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      self->stream = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_csv_writer_class_init (FreightCsvWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_csv_writer_finalize;
  object_class->get_property = freight_csv_writer_get_property;
  object_class->set_property = freight_csv_writer_set_property;

  properties[PROP_STREAM] =
    g_param_spec_object ("stream", NULL, NULL,
                         G_TYPE_OUTPUT_STREAM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_csv_writer_init (FreightCsvWriter *self)
{
  self->buf = g_string_sized_new (FLUSH_SIZE + 4096);
}

/**
 * freight_csv_writer_new:
 * @stream: where the CSV goes
 * @delimiter: the field delimiter (not a quote, CR or LF)
 * @ending: the line ending after each row
 * @mode: when to quote fields
 *
 * Creates a writer of UTF-8 CSV. Rows are buffered: call freight_csv_writer_flush() at
 * the end; a writer that is dropped without it writes nothing more.
 *
 * Returns: (transfer full): a new #FreightCsvWriter
 */
FreightCsvWriter *
freight_csv_writer_new (GOutputStream        *stream,
                        char                  delimiter,
                        FreightCsvLineEnding  ending,
                        FreightCsvQuoteMode   mode)
{
  FreightCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);
  g_return_val_if_fail (_freight_csv_is_valid_delimiter (delimiter), NULL);
  g_return_val_if_fail (ending <= FREIGHT_CSV_LINE_ENDING_CR, NULL);
  g_return_val_if_fail (mode <= FREIGHT_CSV_QUOTE_ALWAYS, NULL);

  self = g_object_new (FREIGHT_TYPE_CSV_WRITER,
                       "stream", stream,
                       NULL);
  self->delimiter = delimiter;
  self->line_ending = ending;
  self->quote_mode = mode;
  self->special[(guint8) delimiter] = TRUE;
  self->special['"'] = TRUE;
  self->special['\r'] = TRUE;
  self->special['\n'] = TRUE;
  self->row_is_empty = TRUE;
  return self;
}

static gboolean
needs_quotes (FreightCsvWriter *self,
              const guint8     *value,
              gsize             len)
{
  if (self->quote_mode == FREIGHT_CSV_QUOTE_ALWAYS)
    return TRUE;
  if (len == 0)
    return FALSE;
  if (value[0] == ' ' || value[0] == '\t' || value[len - 1] == ' ' || value[len - 1] == '\t')
    return TRUE;
  if (self->bytes_written == 0 && len >= 3 && memcmp (value, "\xEF\xBB\xBF", 3) == 0)
    return TRUE;
  for (gsize i = 0; i < len; i++)
    if (self->special[value[i]])
      return TRUE;
  return FALSE;
}

static inline void
append (FreightCsvWriter *self,
        const void       *data,
        gsize             len)
{
  GString *buf = self->buf;

  /* Inline rather than g_string_append_len(): this runs for every field of every row of
   * a load's result files. The buffer stays NUL-terminated for GString's sake. */
  if (G_UNLIKELY (buf->len + len + 1 > buf->allocated_len))
    {
      gsize old = buf->len;

      g_string_set_size (buf, old + len);
      buf->len = old;
    }
  memcpy (buf->str + buf->len, data, len);
  buf->len += len;
  buf->str[buf->len] = '\0';
  self->bytes_written += len;
}

static void
append_quoted (FreightCsvWriter *self,
               const guint8     *value,
               gsize             len)
{
  const guint8 *p = value;
  const guint8 *end = value + len;

  append (self, "\"", 1);
  while (p < end)
    {
      const guint8 *q = memchr (p, '"', end - p);

      if (q == NULL)
        {
          append (self, p, end - p);
          break;
        }
      append (self, p, q + 1 - p);
      append (self, "\"", 1);
      p = q + 1;
    }
  append (self, "\"", 1);
}

/**
 * freight_csv_writer_add_field:
 * @self: a #FreightCsvWriter
 * @value: (nullable): the field's text in UTF-8 (%NULL: empty)
 * @len: its length in bytes, or -1 if it is NUL-terminated
 *
 * Adds a field to the row being written; freight_csv_writer_end_row() ends the row.
 */
void
freight_csv_writer_add_field (FreightCsvWriter *self,
                              const char       *value,
                              gssize            len)
{
  gsize n;

  g_return_if_fail (FREIGHT_IS_CSV_WRITER (self));

  if (value == NULL)
    {
      value = "";
      len = 0;
    }
  n = len < 0 ? strlen (value) : (gsize) len;

  if (self->n_fields > 0)
    append (self, &self->delimiter, 1);

  if (needs_quotes (self, (const guint8 *) value, n))
    {
      append_quoted (self, (const guint8 *) value, n);
      self->row_is_empty = FALSE;
    }
  else
    {
      append (self, value, n);
      self->row_is_empty = self->n_fields == 0 && n == 0;
    }
  self->n_fields++;
}

void
_freight_csv_writer_add_raw (FreightCsvWriter *self,
                             const char       *text,
                             gsize             len)
{
  if (self->n_fields > 0)
    append (self, &self->delimiter, 1);
  append (self, text, len);
  self->row_is_empty = FALSE;
  self->n_fields++;
}

static gboolean
write_buffer (FreightCsvWriter *self,
              GCancellable     *cancellable,
              GError          **error)
{
  gsize written = 0;
  gboolean ok;

  if (self->row_start == 0)
    return TRUE;

  /* Only whole rows: a reader of the stream never sees half a row. */
  ok = g_output_stream_write_all (self->stream, self->buf->str, self->row_start, &written,
                                  cancellable, error);
  g_string_erase (self->buf, 0, written);
  self->row_start -= written;
  return ok;
}

/**
 * freight_csv_writer_end_row:
 * @self: a #FreightCsvWriter
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an I/O error
 *
 * Ends the row being written with the line ending, and writes the buffer out when it is
 * full. A row without fields is written as one empty field.
 *
 * Returns: %TRUE unless writing failed
 */
gboolean
freight_csv_writer_end_row (FreightCsvWriter *self,
                            GCancellable     *cancellable,
                            GError          **error)
{
  const char *ending;

  g_return_val_if_fail (FREIGHT_IS_CSV_WRITER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->n_fields <= 1 && self->row_is_empty)
    append (self, "\"\"", 2);

  ending = self->line_ending == FREIGHT_CSV_LINE_ENDING_CRLF ? "\r\n" :
           self->line_ending == FREIGHT_CSV_LINE_ENDING_CR ? "\r" : "\n";
  append (self, ending, strlen (ending));
  self->row_start = self->buf->len;
  self->n_fields = 0;
  self->row_is_empty = TRUE;
  self->n_rows++;

  if (self->buf->len >= FLUSH_SIZE)
    return write_buffer (self, cancellable, error);
  return TRUE;
}

/**
 * freight_csv_writer_write_row:
 * @self: a #FreightCsvWriter
 * @fields: (array length=n_fields): the fields (%NULL ones are empty)
 * @n_fields: how many, or -1 if @fields is %NULL-terminated
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an I/O error
 *
 * Writes a whole row: freight_csv_writer_add_field() for each field, then
 * freight_csv_writer_end_row().
 *
 * Returns: %TRUE unless writing failed
 */
gboolean
freight_csv_writer_write_row (FreightCsvWriter   *self,
                              const char * const *fields,
                              gssize              n_fields,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_WRITER (self), FALSE);
  g_return_val_if_fail (fields != NULL || n_fields <= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_fields < 0)
    n_fields = fields != NULL ? g_strv_length ((char **) fields) : 0;

  for (gssize i = 0; i < n_fields; i++)
    freight_csv_writer_add_field (self, fields[i], -1);
  return freight_csv_writer_end_row (self, cancellable, error);
}

/**
 * freight_csv_writer_flush:
 * @self: a #FreightCsvWriter
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an I/O error
 *
 * Writes out the buffered rows and flushes the stream. A row that was not ended stays
 * buffered.
 *
 * Returns: %TRUE unless writing failed
 */
gboolean
freight_csv_writer_flush (FreightCsvWriter *self,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_WRITER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_buffer (self, cancellable, error) &&
         g_output_stream_flush (self->stream, cancellable, error);
}

/**
 * freight_csv_writer_get_bytes_written:
 * @self: a #FreightCsvWriter
 *
 * Returns: the size of the CSV produced so far, buffered bytes included (to cap parts)
 */
guint64
freight_csv_writer_get_bytes_written (FreightCsvWriter *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_WRITER (self), 0);

  return self->bytes_written;
}

/**
 * freight_csv_writer_get_n_rows:
 * @self: a #FreightCsvWriter
 *
 * Returns: the number of rows ended so far
 */
guint64
freight_csv_writer_get_n_rows (FreightCsvWriter *self)
{
  g_return_val_if_fail (FREIGHT_IS_CSV_WRITER (self), 0);

  return self->n_rows;
}
