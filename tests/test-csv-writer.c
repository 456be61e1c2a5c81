/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"

typedef struct
{
  GOutputStream    *stream;
  FreightCsvWriter *writer;
} Fixture;

static void
fixture_init (Fixture              *f,
              char                  delimiter,
              FreightCsvLineEnding  ending,
              FreightCsvQuoteMode   mode)
{
  f->stream = g_memory_output_stream_new_resizable ();
  f->writer = freight_csv_writer_new (f->stream, delimiter, ending, mode);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->writer);
  g_clear_object (&f->stream);
}

/* What reached the stream, as a string. */
static char *
written (Fixture *f)
{
  GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (f->stream);

  if (g_memory_output_stream_get_data_size (memory) == 0)
    return g_strdup ("");
  return g_strndup (g_memory_output_stream_get_data (memory),
                    g_memory_output_stream_get_data_size (memory));
}

static void
write_row (Fixture            *f,
           const char * const *fields)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (freight_csv_writer_write_row (f->writer, fields, -1, NULL, &error));
  g_assert_no_error (error);
}

static char *
flush_and_get (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (freight_csv_writer_flush (f->writer, NULL, &error));
  g_assert_no_error (error);
  return written (f);
}

static void
test_quote_when_needed (void)
{
  Fixture f;
  g_autofree char *out = NULL;

  fixture_init (&f, ',', FREIGHT_CSV_LINE_ENDING_LF, FREIGHT_CSV_QUOTE_WHEN_NEEDED);
  write_row (&f, (const char *[]) { "plain", "a,b", "say \"hi\"", "line\nbreak", "cr\rhere",
                                    NULL });
  write_row (&f, (const char *[]) { " lead", "trail ", "\ttab", "in side", "", "Zoë;|", NULL });
  out = flush_and_get (&f);

  g_assert_cmpstr (out, ==,
                   "plain,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\rhere\"\n"
                   "\" lead\",\"trail \",\"\ttab\",in side,,Zoë;|\n");
  g_assert_cmpuint (freight_csv_writer_get_bytes_written (f.writer), ==, strlen (out));
  g_assert_cmpuint (freight_csv_writer_get_n_rows (f.writer), ==, 2);
  fixture_clear (&f);
}

static void
test_quote_always (void)
{
  Fixture f;
  g_autofree char *out = NULL;

  fixture_init (&f, ';', FREIGHT_CSV_LINE_ENDING_CRLF, FREIGHT_CSV_QUOTE_ALWAYS);
  write_row (&f, (const char *[]) { "a", "", "b\"c", "d;e", NULL });
  write_row (&f, (const char *[]) { "", NULL });
  out = flush_and_get (&f);

  g_assert_cmpstr (out, ==, "\"a\";\"\";\"b\"\"c\";\"d;e\"\r\n\"\"\r\n");
  fixture_clear (&f);
}

static void
test_line_endings (void)
{
  static const struct
  {
    FreightCsvLineEnding  ending;
    const char           *expected;
  } cases[] = {
    { FREIGHT_CSV_LINE_ENDING_LF, "a,b\n1,2\n" },
    { FREIGHT_CSV_LINE_ENDING_CRLF, "a,b\r\n1,2\r\n" },
    { FREIGHT_CSV_LINE_ENDING_CR, "a,b\r1,2\r" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture f;
      g_autofree char *out = NULL;

      fixture_init (&f, ',', cases[i].ending, FREIGHT_CSV_QUOTE_WHEN_NEEDED);
      write_row (&f, (const char *[]) { "a", "b", NULL });
      write_row (&f, (const char *[]) { "1", "2", NULL });
      out = flush_and_get (&f);
      g_assert_cmpstr (out, ==, cases[i].expected);
      fixture_clear (&f);
    }
}

static void
test_delimiters (void)
{
  static const char delimiters[] = { ',', ';', '\t', '|', '^', '`' };

  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    {
      char d = delimiters[i];
      GString *others = g_string_new ("x");
      g_autofree char *mine = g_strdup_printf ("a%cb", d);
      g_autofree char *expected = NULL;
      g_autofree char *out = NULL;
      Fixture f;

      /* The other delimiters are data like any other; the writer's own needs quotes. */
      for (guint j = 0; j < G_N_ELEMENTS (delimiters); j++)
        if (j != i)
          g_string_append_c (others, delimiters[j]);
      g_string_append_c (others, 'x');

      fixture_init (&f, d, FREIGHT_CSV_LINE_ENDING_LF, FREIGHT_CSV_QUOTE_WHEN_NEEDED);
      write_row (&f, (const char *[]) { others->str, mine, NULL });
      out = flush_and_get (&f);
      expected = g_strdup_printf ("%s%c\"%s\"\n", others->str, d, mine);
      g_assert_cmpstr (out, ==, expected);
      g_string_free (others, TRUE);
      fixture_clear (&f);
    }
}

static void
test_empty_rows (void)
{
  Fixture f;
  g_autofree char *out = NULL;

  fixture_init (&f, ',', FREIGHT_CSV_LINE_ENDING_LF, FREIGHT_CSV_QUOTE_WHEN_NEEDED);
  /* One empty field: quoted, or a reader would take it for a blank line. */
  write_row (&f, (const char *[]) { "", NULL });
  /* No fields at all: the same. */
  g_assert_true (freight_csv_writer_end_row (f.writer, NULL, NULL));
  /* Two empty fields are just a delimiter. */
  write_row (&f, (const char *[]) { "", "", NULL });
  /* NULL fields are empty. */
  g_assert_true (freight_csv_writer_write_row (f.writer, (const char *[]) { "a", NULL, "c" }, 3,
                                               NULL, NULL));
  out = flush_and_get (&f);

  g_assert_cmpstr (out, ==, "\"\"\n\"\"\n,\na,,c\n");
  g_assert_cmpuint (freight_csv_writer_get_n_rows (f.writer), ==, 4);
  fixture_clear (&f);
}

static void
test_bom_like_first_field (void)
{
  Fixture f;
  g_autofree char *out = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  fixture_init (&f, ',', FREIGHT_CSV_LINE_ENDING_LF, FREIGHT_CSV_QUOTE_WHEN_NEEDED);
  write_row (&f, (const char *[]) { "\xEF\xBB\xBFId", "\xEF\xBB\xBFx", NULL });
  write_row (&f, (const char *[]) { "\xEF\xBB\xBF" "1", "2", NULL });
  out = flush_and_get (&f);

  /* Only at the very start of the output could it pass for a byte order mark. */
  g_assert_cmpstr (out, ==, "\"\xEF\xBB\xBFId\",\xEF\xBB\xBFx\n\xEF\xBB\xBF" "1,2\n");

  /* And it reads back as data. */
  in = g_memory_input_stream_new_from_data (out, -1, NULL);
  reader = freight_csv_reader_new (in, "bom.csv", NULL, FREIGHT_CSV_READER_NO_HEADER);
  g_assert_true (freight_csv_reader_next_row (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (freight_csv_reader_get_field (reader, 0, NULL), ==, "\xEF\xBB\xBFId");
  g_assert_cmpstr (freight_csv_reader_get_field (reader, 1, NULL), ==, "\xEF\xBB\xBFx");
  fixture_clear (&f);
}

static void
test_lengths (void)
{
  Fixture f;
  GMemoryOutputStream *memory;

  fixture_init (&f, ',', FREIGHT_CSV_LINE_ENDING_LF, FREIGHT_CSV_QUOTE_WHEN_NEEDED);
  freight_csv_writer_add_field (f.writer, "abcdef", 3);
  freight_csv_writer_add_field (f.writer, "x,y", 1);
  freight_csv_writer_add_field (f.writer, "a\0b", 3);
  /* NULL is empty, whatever the length. */
  freight_csv_writer_add_field (f.writer, NULL, 5);
  g_assert_true (freight_csv_writer_end_row (f.writer, NULL, NULL));
  g_assert_true (freight_csv_writer_flush (f.writer, NULL, NULL));
  memory = G_MEMORY_OUTPUT_STREAM (f.stream);
  g_assert_cmpmem (g_memory_output_stream_get_data (memory),
                   g_memory_output_stream_get_data_size (memory), "abc,x,a\0b,\n", 11);
  fixture_clear (&f);
}

static void
test_buffering (void)
{
  Fixture f;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *big = g_strnfill (40 * 1024, 'x');
  guint64 expected_bytes;

  fixture_init (&f, ',', FREIGHT_CSV_LINE_ENDING_LF, FREIGHT_CSV_QUOTE_WHEN_NEEDED);
  write_row (&f, (const char *[]) { "a", "b", NULL });
  before = written (&f);
  g_assert_cmpstr (before, ==, "");
  g_assert_cmpuint (freight_csv_writer_get_bytes_written (f.writer), ==, 4);

  /* Past 64 KiB, end_row() writes the buffer out. */
  write_row (&f, (const char *[]) { big, NULL });
  write_row (&f, (const char *[]) { big, NULL });
  g_clear_pointer (&before, g_free);
  before = written (&f);
  expected_bytes = 4 + 2 * (40 * 1024 + 1);
  g_assert_cmpuint (strlen (before), ==, expected_bytes);

  /* A row that is not ended is never written out, not even by a flush. */
  freight_csv_writer_add_field (f.writer, "half", -1);
  after = flush_and_get (&f);
  g_assert_cmpuint (strlen (after), ==, expected_bytes);
  g_assert_cmpuint (freight_csv_writer_get_bytes_written (f.writer), ==, expected_bytes + 4);
  freight_csv_writer_add_field (f.writer, "row", -1);
  g_assert_true (freight_csv_writer_end_row (f.writer, NULL, NULL));
  g_clear_pointer (&after, g_free);
  after = flush_and_get (&f);
  g_assert_true (g_str_has_suffix (after, "xxx\nhalf,row\n"));
  g_assert_cmpuint (freight_csv_writer_get_bytes_written (f.writer), ==, strlen (after));
  fixture_clear (&f);
}

static void
test_io_error (void)
{
  Fixture f;
  g_autoptr(GError) error = NULL;

  fixture_init (&f, ',', FREIGHT_CSV_LINE_ENDING_LF, FREIGHT_CSV_QUOTE_WHEN_NEEDED);
  g_assert_true (g_output_stream_close (f.stream, NULL, NULL));
  write_row (&f, (const char *[]) { "a", NULL });
  g_assert_false (freight_csv_writer_flush (f.writer, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  fixture_clear (&f);
}

/* Random fields from pieces that need every kind of care. */
static char *
random_field (GRand *rand)
{
  static const char *pieces[] = {
    "a", "Zoë", "🚚", ",", ";", "\t", "|", "^", "`", "\"", "\"\"", "\r", "\n", "\r\n", " ",
    "x y", "#N/A", "0012", "\xEF\xBB\xBF",
  };
  GString *s = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 6);

  for (guint i = 0; i < n; i++)
    g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (s, FALSE);
}

/* Written then read back, every field comes back as it was. */
static void
test_round_trip (void)
{
  static const char delimiters[] = { ',', ';', '\t', '|', '^', '`' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (4180);

  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    for (FreightCsvLineEnding ending = 0; ending <= FREIGHT_CSV_LINE_ENDING_CR; ending++)
      for (FreightCsvQuoteMode mode = 0; mode <= FREIGHT_CSV_QUOTE_ALWAYS; mode++)
        {
          g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
          g_autoptr(GInputStream) in = NULL;
          g_autoptr(FreightCsvReader) reader = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(GBytes) bytes = NULL;
          FreightCsvDialect dialect;
          guint n_columns = g_rand_int_range (rand, 1, 5);
          Fixture f;

          fixture_init (&f, delimiters[d], ending, mode);
          for (guint r = 0; r < 200; r++)
            {
              char **row = g_new0 (char *, n_columns + 1);

              for (guint c = 0; c < n_columns; c++)
                row[c] = r == 0 ? g_strdup_printf ("Column%u", c) : random_field (rand);
              write_row (&f, (const char * const *) row);
              g_ptr_array_add (rows, row);
            }
          g_assert_true (freight_csv_writer_flush (f.writer, NULL, NULL));
          g_assert_true (g_output_stream_close (f.stream, NULL, NULL));
          bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (f.stream));
          g_assert_cmpuint (g_bytes_get_size (bytes), ==,
                            freight_csv_writer_get_bytes_written (f.writer));

          freight_csv_dialect_init (&dialect);
          dialect.delimiter = delimiters[d];
          in = g_memory_input_stream_new_from_bytes (bytes);
          reader = freight_csv_reader_new (in, "round-trip.csv", &dialect, 0);
          g_assert_true (freight_csv_reader_read_header (reader, NULL, &error));
          g_assert_no_error (error);
          for (guint r = 1; r < rows->len; r++)
            {
              char **row = g_ptr_array_index (rows, r);

              g_assert_true (freight_csv_reader_next_row (reader, NULL, &error));
              g_assert_no_error (error);
              g_assert_cmpuint (freight_csv_reader_get_n_fields (reader), ==, n_columns);
              for (guint c = 0; c < n_columns; c++)
                g_assert_cmpstr (freight_csv_reader_get_field (reader, c, NULL), ==, row[c]);
            }
          g_assert_false (freight_csv_reader_next_row (reader, NULL, &error));
          g_assert_no_error (error);
          fixture_clear (&f);
        }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/freight/csv-writer/quote-when-needed", test_quote_when_needed);
  g_test_add_func ("/freight/csv-writer/quote-always", test_quote_always);
  g_test_add_func ("/freight/csv-writer/line-endings", test_line_endings);
  g_test_add_func ("/freight/csv-writer/delimiters", test_delimiters);
  g_test_add_func ("/freight/csv-writer/empty-rows", test_empty_rows);
  g_test_add_func ("/freight/csv-writer/bom-like-first-field", test_bom_like_first_field);
  g_test_add_func ("/freight/csv-writer/lengths", test_lengths);
  g_test_add_func ("/freight/csv-writer/buffering", test_buffering);
  g_test_add_func ("/freight/csv-writer/io-error", test_io_error);
  g_test_add_func ("/freight/csv-writer/round-trip", test_round_trip);

  return g_test_run ();
}
