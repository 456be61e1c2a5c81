/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the CSV engine. The first input byte chooses the delimiter, the
 * encoding, the reader flags and the read size; the rest is the file. Checks:
 * - the sniffer always yields a usable dialect;
 * - the vector UTF-8 validator agrees with the plain one;
 * - every field is valid, NUL-free UTF-8 of the length reported; record numbers count up
 *   by one, lines and offsets only grow;
 * - rows read without error, written with the writer and read back strictly, are the same
 *   rows (the writer's output is always valid CSV). */
#include "config.h"

#include <string.h>

#include "freight.h"
#include "freight-csv-private.h"
#include "freight-csv-reader-private.h"

#define MAX_ROWS 2000

static const char delimiters[] = { ',', ';', '\t', '|', '^', '`' };

static void
check_sniffer (const guint8 *data,
               size_t        size)
{
  FreightCsvDialect dialect;

  freight_csv_sniff (data, size, &dialect);
  g_assert_nonnull (memchr (delimiters, dialect.delimiter, sizeof delimiters));
  g_assert_cmpint (dialect.encoding, <, FREIGHT_CSV_N_ENCODINGS);
  g_assert_cmpint (dialect.line_ending, <=, FREIGHT_CSV_LINE_ENDING_CR);
}

static void
check_validators (const guint8 *data,
                  size_t        size)
{
  g_autofree guint8 *padded = g_malloc (size + 16);

  memcpy (padded, data, size);
  memset (padded + size, 0x80, 16);
  g_assert_cmpuint (_freight_csv_utf8_check_padded (padded, size), ==,
                    _freight_csv_utf8_check (data, size, TRUE));
}

static GBytes *
write_rows (char               delimiter,
            const char * const *header,
            GPtrArray          *rows)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(FreightCsvWriter) writer = freight_csv_writer_new (out, delimiter,
                                                               FREIGHT_CSV_LINE_ENDING_LF,
                                                               FREIGHT_CSV_QUOTE_WHEN_NEEDED);

  if (header != NULL)
    g_assert_true (freight_csv_writer_write_row (writer, header, -1, NULL, NULL));
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (freight_csv_writer_write_row (writer, g_ptr_array_index (rows, i), -1,
                                                 NULL, NULL));
  g_assert_true (freight_csv_writer_flush (writer, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==,
                    freight_csv_writer_get_bytes_written (writer));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
check_round_trip (char                  delimiter,
                  FreightCsvReaderFlags flags,
                  const char * const   *header,
                  GPtrArray            *rows)
{
  g_autoptr(GBytes) bytes = write_rows (delimiter, header, rows);
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  FreightCsvDialect dialect;

  freight_csv_dialect_init (&dialect);
  dialect.delimiter = delimiter;
  reader = freight_csv_reader_new (in, "round-trip.csv", &dialect, flags);

  if (header != NULL)
    {
      g_assert_true (freight_csv_reader_read_header (reader, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstrv (freight_csv_reader_get_column_names (reader), header);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const char * const *row = g_ptr_array_index (rows, i);
      guint n = g_strv_length ((char **) row);

      g_assert_true (freight_csv_reader_next_row (reader, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (freight_csv_reader_get_n_fields (reader), ==, n);
      for (guint j = 0; j < n; j++)
        g_assert_cmpstr (freight_csv_reader_get_field (reader, j, NULL), ==, row[j]);
    }
  g_assert_false (freight_csv_reader_next_row (reader, NULL, &error));
  g_assert_no_error (error);
}

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = NULL;
  FreightCsvDialect dialect;
  FreightCsvReaderFlags flags = 0;
  gboolean header_ok;
  guint64 last_line = 0;
  guint64 last_offset = 0;
  guint64 expected_record = 1;
  guint8 control;

  if (size < 1)
    return 0;
  control = data[0];
  data++;
  size--;

  check_sniffer (data, size);
  check_validators (data, size);

  freight_csv_dialect_init (&dialect);
  dialect.delimiter = delimiters[control % G_N_ELEMENTS (delimiters)];
  dialect.encoding = (control / G_N_ELEMENTS (delimiters)) % FREIGHT_CSV_N_ENCODINGS;
  if (control & 0x40)
    flags |= FREIGHT_CSV_READER_LENIENT;
  if (control & 0x80)
    flags |= FREIGHT_CSV_READER_NO_HEADER;

  stream = g_memory_input_stream_new_from_data (data, size, NULL);
  reader = freight_csv_reader_new (stream, "fuzz.csv", &dialect, flags);
  /* Small reads cut the input everywhere; the default 512 KiB would only slow fuzzing. */
  _freight_csv_reader_set_chunk_size (reader, (control & 0x20) ? 1 + control % 13 : 4096);

  header_ok = freight_csv_reader_read_header (reader, NULL, &error);
  if (!header_ok && g_error_matches (error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_EMPTY_FILE))
    return 0;
  g_clear_error (&error);
  if (freight_csv_reader_get_column_names (reader) != NULL)
    header = g_strdupv ((char **) freight_csv_reader_get_column_names (reader));

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (;;)
    {
      gboolean ok = freight_csv_reader_next_row (reader, NULL, &error);
      guint n;
      char **row;

      if (!ok && (error == NULL || !freight_csv_error_is_row_level (error)))
        break;

      g_assert_cmpuint (freight_csv_reader_get_record_number (reader), ==, expected_record);
      expected_record++;
      g_assert_cmpuint (freight_csv_reader_get_line (reader), >, last_line);
      last_line = freight_csv_reader_get_line (reader);
      g_assert_cmpuint (freight_csv_reader_get_offset (reader), >=, last_offset);
      g_assert_cmpuint (freight_csv_reader_get_offset (reader), <, size);
      last_offset = freight_csv_reader_get_offset (reader);

      n = freight_csv_reader_get_n_fields (reader);
      g_assert_cmpuint (n, >, 0);
      row = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          gsize len;
          const char *field = freight_csv_reader_get_field (reader, i, &len);

          g_assert_nonnull (field);
          g_assert_cmpuint (strlen (field), ==, len);
          g_assert_true (g_utf8_validate (field, len, NULL));
          row[i] = g_strdup (field);
        }

      if (ok && rows->len < MAX_ROWS)
        g_ptr_array_add (rows, row);
      else
        g_strfreev (row);
      g_clear_error (&error);
    }

  /* The good rows, and a good header, survive a trip through the writer. */
  if (header_ok)
    check_round_trip (dialect.delimiter, flags & FREIGHT_CSV_READER_NO_HEADER,
                      (flags & FREIGHT_CSV_READER_NO_HEADER) ? NULL
                      : (const char * const *) header,
                      rows);
  return 0;
}
