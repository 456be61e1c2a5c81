/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"
#include "freight-csv-reader-private.h"

/* Every input is read several times: with the default buffer and with tiny reads that cut
 * rows, quotes, line breaks and characters at every possible place. All readings must
 * agree to the byte, positions and error messages included. */
static const gsize chunk_sizes[] = { 0, 4, 5, 7, 13 };

typedef struct
{
  char     **header;
  GError    *header_error;
  GPtrArray *rows;      /* of GStrv */
  GArray    *records;   /* of guint64 */
  GArray    *lines;     /* of guint64 */
  GArray    *offsets;   /* of guint64 */
  GPtrArray *errors;    /* of GError, NULL for a good row */
  GError    *end_error; /* the error that ended reading, NULL at the end of the input */
  guint64    n_blank_lines;
} Result;

static void
result_free (Result *r)
{
  g_strfreev (r->header);
  g_clear_error (&r->header_error);
  g_ptr_array_unref (r->rows);
  g_array_unref (r->records);
  g_array_unref (r->lines);
  g_array_unref (r->offsets);
  g_ptr_array_unref (r->errors);
  g_clear_error (&r->end_error);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

static void
free_error (gpointer error)
{
  if (error != NULL)
    g_error_free (error);
}

static gboolean
header_error_allows_rows (const GError *error)
{
  return error == NULL ||
         freight_csv_error_is_row_level (error) ||
         g_error_matches (error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_EMPTY_HEADER) ||
         g_error_matches (error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_DUPLICATE_HEADER);
}

/* A reader's last error position is the one its message gives. */
static void
assert_error_position (FreightCsvReader *reader,
                       const GError     *error)
{
  g_autofree char *where = NULL;
  guint64 line = 0;
  guint column = 0;

  if (error->domain != FREIGHT_CSV_ERROR ||
      error->code == FREIGHT_CSV_ERROR_EMPTY_FILE)
    return;

  g_assert_true (freight_csv_reader_get_error_position (reader, &line, &column));
  g_assert_cmpuint (line, >, 0);
  if (column > 0)
    where = g_strdup_printf (": line %" G_GUINT64_FORMAT ", column %u", line, column);
  else
    where = g_strdup_printf (": line %" G_GUINT64_FORMAT ": ", line);
  g_assert_nonnull (strstr (error->message, where));
}

static Result *
read_with_chunk (const void              *data,
                 gsize                    len,
                 const FreightCsvDialect *dialect,
                 FreightCsvReaderFlags    flags,
                 gsize                    chunk)
{
  g_autoptr(GInputStream) stream =
    g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);
  g_autoptr(FreightCsvReader) reader = freight_csv_reader_new (stream, "test.csv", dialect,
                                                               flags);
  Result *r = g_new0 (Result, 1);

  r->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  r->records = g_array_new (FALSE, FALSE, sizeof (guint64));
  r->lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  r->offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
  r->errors = g_ptr_array_new_with_free_func (free_error);

  if (chunk > 0)
    _freight_csv_reader_set_chunk_size (reader, chunk);

  if (!freight_csv_reader_read_header (reader, NULL, &r->header_error))
    assert_error_position (reader, r->header_error);
  r->header = g_strdupv ((char **) freight_csv_reader_get_column_names (reader));
  if (r->header != NULL)
    g_assert_cmpuint (g_strv_length (r->header), ==, freight_csv_reader_get_n_columns (reader));

  if (header_error_allows_rows (r->header_error))
    for (;;)
      {
        GError *error = NULL;
        GStrvBuilder *builder;
        guint64 value;

        if (!freight_csv_reader_next_row (reader, NULL, &error))
          {
            if (error != NULL)
              assert_error_position (reader, error);
            if (error == NULL)
              {
                g_assert_cmpuint (freight_csv_reader_get_n_fields (reader), ==, 0);
                break;
              }
            if (!freight_csv_error_is_row_level (error))
              {
                r->end_error = g_steal_pointer (&error);
                /* Fatal errors repeat. */
                g_assert_false (freight_csv_reader_next_row (reader, NULL, &error));
                g_assert_error (error, r->end_error->domain, r->end_error->code);
                g_assert_cmpstr (error->message, ==, r->end_error->message);
                assert_error_position (reader, error);
                g_clear_error (&error);
                break;
              }
          }

        builder = g_strv_builder_new ();
        for (guint i = 0; i < freight_csv_reader_get_n_fields (reader); i++)
          {
            gsize field_len;
            const char *field = freight_csv_reader_get_field (reader, i, &field_len);

            g_assert_nonnull (field);
            g_assert_cmpuint (strlen (field), ==, field_len);
            g_assert_true (g_utf8_validate (field, field_len, NULL));
            g_strv_builder_add (builder, field);
          }
        g_assert_null (freight_csv_reader_get_field (reader,
                                                     freight_csv_reader_get_n_fields (reader),
                                                     NULL));
        g_ptr_array_add (r->rows, g_strv_builder_end (builder));
        g_strv_builder_unref (builder);

        value = freight_csv_reader_get_record_number (reader);
        g_array_append_val (r->records, value);
        value = freight_csv_reader_get_line (reader);
        g_array_append_val (r->lines, value);
        value = freight_csv_reader_get_offset (reader);
        g_array_append_val (r->offsets, value);
        g_ptr_array_add (r->errors, error);
      }

  r->n_blank_lines = freight_csv_reader_get_n_blank_lines (reader);
  return r;
}

static const GError *
row_error (const Result *r,
           guint         i)
{
  g_assert_cmpuint (i, <, r->errors->len);
  return g_ptr_array_index (r->errors, i);
}

static void
assert_same_error (const GError *a,
                   const GError *b)
{
  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }
  g_assert_error (b, a->domain, a->code);
  g_assert_cmpstr (a->message, ==, b->message);
}

static void
assert_same_result (const Result *a,
                    const Result *b)
{
  if (a->header == NULL || b->header == NULL)
    g_assert_true (a->header == b->header);
  else
    g_assert_cmpstrv (a->header, b->header);
  assert_same_error (a->header_error, b->header_error);
  g_assert_cmpuint (a->rows->len, ==, b->rows->len);
  for (guint i = 0; i < a->rows->len; i++)
    {
      g_assert_true (g_strv_equal (g_ptr_array_index (a->rows, i),
                                   g_ptr_array_index (b->rows, i)));
      g_assert_cmpuint (g_array_index (a->records, guint64, i), ==,
                        g_array_index (b->records, guint64, i));
      g_assert_cmpuint (g_array_index (a->lines, guint64, i), ==,
                        g_array_index (b->lines, guint64, i));
      g_assert_cmpuint (g_array_index (a->offsets, guint64, i), ==,
                        g_array_index (b->offsets, guint64, i));
      assert_same_error (row_error (a, i), row_error (b, i));
    }
  assert_same_error (a->end_error, b->end_error);
  g_assert_cmpuint (a->n_blank_lines, ==, b->n_blank_lines);
}

static Result *
read_bytes (const void              *data,
            gsize                    len,
            const FreightCsvDialect *dialect,
            FreightCsvReaderFlags    flags)
{
  Result *first = read_with_chunk (data, len, dialect, flags, chunk_sizes[0]);

  for (guint i = 1; i < G_N_ELEMENTS (chunk_sizes); i++)
    {
      g_autoptr(Result) other = read_with_chunk (data, len, dialect, flags, chunk_sizes[i]);

      assert_same_result (first, other);
    }
  return first;
}

static Result *
read_text (const char           *text,
           FreightCsvReaderFlags flags)
{
  return read_bytes (text, strlen (text), NULL, flags);
}

static Result *
read_data_file (const char           *name,
                FreightCsvEncoding    encoding,
                FreightCsvReaderFlags flags)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  FreightCsvDialect dialect;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  freight_csv_dialect_init (&dialect);
  dialect.encoding = encoding;
  return read_bytes (contents, len, &dialect, flags);
}

/* Asserts row @i is @... (NULL-terminated), with record number @record and line @line. */
static void
assert_row (const Result *r,
            guint         i,
            guint64       record,
            guint64       line,
            ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expected = NULL;
  const char *field;
  va_list args;

  va_start (args, line);
  while ((field = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (builder, field);
  va_end (args);
  expected = g_strv_builder_end (builder);

  g_assert_cmpuint (i, <, r->rows->len);
  g_assert_cmpstrv (g_ptr_array_index (r->rows, i), expected);
  g_assert_cmpuint (g_array_index (r->records, guint64, i), ==, record);
  g_assert_cmpuint (g_array_index (r->lines, guint64, i), ==, line);
}

static void
assert_row_error (const Result *r,
                  guint         i,
                  gint          code,
                  const char   *message)
{
  const GError *error = row_error (r, i);

  g_assert_error (error, FREIGHT_CSV_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_true (freight_csv_error_is_row_level (error));
}

static void
assert_no_errors (const Result *r)
{
  g_assert_no_error (r->header_error);
  for (guint i = 0; i < r->errors->len; i++)
    g_assert_no_error (row_error (r, i));
  g_assert_no_error (r->end_error);
}

static void
test_simple (void)
{
  g_autoptr(Result) r = read_text ("Name,Phone,City\n"
                                   "Acme,555-0100,Berlin\n"
                                   "Globex,,Paris\n", 0);
  const char *header[] = { "Name", "Phone", "City", NULL };

  assert_no_errors (r);
  g_assert_cmpstrv (r->header, header);
  g_assert_cmpuint (r->rows->len, ==, 2);
  assert_row (r, 0, 1, 2, "Acme", "555-0100", "Berlin", NULL);
  assert_row (r, 1, 2, 3, "Globex", "", "Paris", NULL);
  g_assert_cmpuint (g_array_index (r->offsets, guint64, 0), ==, 16);
  g_assert_cmpuint (g_array_index (r->offsets, guint64, 1), ==, 37);
}

static void
test_reader_accessors (void)
{
  g_autoptr(GInputStream) stream =
    g_memory_input_stream_new_from_data ("a;b\n1;2\n", -1, NULL);
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  FreightCsvDialect dialect;
  gsize len = 99;

  freight_csv_dialect_init (&dialect);
  dialect.delimiter = ';';
  reader = freight_csv_reader_new (stream, NULL, &dialect, FREIGHT_CSV_READER_LENIENT);
  g_assert_cmpint (freight_csv_reader_get_dialect (reader)->delimiter, ==, ';');
  g_assert_cmpint (freight_csv_reader_get_flags (reader), ==, FREIGHT_CSV_READER_LENIENT);
  g_assert_cmpstr (freight_csv_reader_get_file_name (reader), ==, "CSV input");
  g_assert_cmpuint (freight_csv_reader_get_n_columns (reader), ==, 0);
  g_assert_null (freight_csv_reader_get_column_names (reader));

  /* next_row() reads the header when nobody did. */
  g_assert_true (freight_csv_reader_next_row (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (freight_csv_reader_get_n_columns (reader), ==, 2);
  g_assert_cmpstr (freight_csv_reader_get_column_name (reader, 1), ==, "b");
  g_assert_null (freight_csv_reader_get_column_name (reader, 2));
  g_assert_cmpstr (freight_csv_reader_get_field (reader, 1, &len), ==, "2");
  g_assert_cmpuint (len, ==, 1);
  g_assert_null (freight_csv_reader_get_field (reader, 2, &len));
  g_assert_cmpuint (len, ==, 0);
  g_assert_true (freight_csv_reader_read_header (reader, NULL, &error));

  g_assert_false (freight_csv_reader_next_row (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (freight_csv_reader_next_row (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (freight_csv_reader_get_error_position (reader, NULL, NULL));
}

static void
test_quoted_delimiter (void)
{
  g_autoptr(Result) r = read_text ("Name,Note\n"
                                   "\"Acme, Inc.\",\"a,b,c\"\n"
                                   "\"\",\",\"\n", 0);

  assert_no_errors (r);
  assert_row (r, 0, 1, 2, "Acme, Inc.", "a,b,c", NULL);
  assert_row (r, 1, 2, 3, "", ",", NULL);
}

static void
test_doubled_quotes (void)
{
  g_autoptr(Result) r = read_text ("Name,Note\n"
                                   "\"He said \"\"hi\"\"\",\"\"\"\"\n"
                                   "\"\"\"quoted\"\"\",\"a\"\"\"\"b\"\n", 0);

  assert_no_errors (r);
  assert_row (r, 0, 1, 2, "He said \"hi\"", "\"", NULL);
  assert_row (r, 1, 2, 3, "\"quoted\"", "a\"\"b", NULL);
}

static void
test_quoted_newline (void)
{
  g_autoptr(Result) r = read_text ("Id,Description\n"
                                   "1,\"first\nsecond\"\n"
                                   "2,\"crlf\r\ninside\"\r\n"
                                   "3,\"cr\rinside\"\r"
                                   "4,\"two\n\nblank\"\n"
                                   "5,after\n", 0);

  assert_no_errors (r);
  assert_row (r, 0, 1, 2, "1", "first\nsecond", NULL);
  assert_row (r, 1, 2, 4, "2", "crlf\r\ninside", NULL);
  assert_row (r, 2, 3, 6, "3", "cr\rinside", NULL);
  assert_row (r, 3, 4, 8, "4", "two\n\nblank", NULL);
  assert_row (r, 4, 5, 11, "5", "after", NULL);
}

static void
test_line_endings (void)
{
  g_autoptr(Result) crlf = read_text ("a,b\r\n1,2\r\n3,4\r\n", 0);
  g_autoptr(Result) cr = read_text ("a,b\r1,2\r3,4\r", 0);
  g_autoptr(Result) mixed = read_text ("a,b\n1,2\r\n3,4\r5,6\n7,8", 0);

  assert_no_errors (crlf);
  assert_row (crlf, 0, 1, 2, "1", "2", NULL);
  assert_row (crlf, 1, 2, 3, "3", "4", NULL);
  g_assert_cmpuint (crlf->rows->len, ==, 2);
  g_assert_cmpuint (g_array_index (crlf->offsets, guint64, 1), ==, 10);

  assert_no_errors (cr);
  assert_row (cr, 0, 1, 2, "1", "2", NULL);
  assert_row (cr, 1, 2, 3, "3", "4", NULL);
  g_assert_cmpuint (cr->rows->len, ==, 2);

  /* Mixed, and the last row without a line ending. */
  assert_no_errors (mixed);
  g_assert_cmpuint (mixed->rows->len, ==, 4);
  assert_row (mixed, 0, 1, 2, "1", "2", NULL);
  assert_row (mixed, 1, 2, 3, "3", "4", NULL);
  assert_row (mixed, 2, 3, 4, "5", "6", NULL);
  assert_row (mixed, 3, 4, 5, "7", "8", NULL);
  g_assert_cmpuint (g_array_index (mixed->offsets, guint64, 3), ==, 17);
}

static void
test_utf8_bom (void)
{
  g_autoptr(Result) r = read_text ("\xEF\xBB\xBFId,Name\n1,Zo\xC3\xAB\n", 0);
  g_autoptr(Result) file = read_data_file ("accounts-utf8-bom.csv", FREIGHT_CSV_ENCODING_UTF8, 0);
  const char *header[] = { "Id", "Name", NULL };

  assert_no_errors (r);
  g_assert_cmpstrv (r->header, header);
  assert_row (r, 0, 1, 2, "1", "Zoë", NULL);
  /* Offsets are in the file, BOM included. */
  g_assert_cmpuint (g_array_index (r->offsets, guint64, 0), ==, 11);

  assert_no_errors (file);
  g_assert_cmpstr (file->header[0], ==, "Name");
  assert_row (file, 0, 1, 2, "Zoë Müller", "Zürich", "“Smart” quotes – and € 5", NULL);
  assert_row (file, 1, 2, 3, "François", "Besançon", "naïve café, très bien", NULL);
}

static void
test_delimiters (void)
{
  static const struct
  {
    const char *file;
    char        delimiter;
  } cases[] = {
    { "comma.csv", ',' },
    { "semicolon.csv", ';' },
    { "tab.tsv", '\t' },
    { "pipe.csv", '|' },
    { "caret.csv", '^' },
    { "backquote.csv", '`' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", cases[i].file,
                                                     NULL);
      g_autofree char *contents = NULL;
      g_autoptr(Result) r = NULL;
      FreightCsvDialect dialect;
      gsize len;
      const char *header[] = { "Id", "Name", "Amount", "Tags", NULL };

      g_test_message ("%s", cases[i].file);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      freight_csv_dialect_init (&dialect);
      dialect.delimiter = cases[i].delimiter;
      r = read_bytes (contents, len, &dialect, 0);

      assert_no_errors (r);
      g_assert_cmpstrv (r->header, header);
      g_assert_cmpuint (r->rows->len, ==, 4);
      assert_row (r, 0, 1, 2, "1", "Acme, Inc.", "1,5", "a;b", NULL);
      assert_row (r, 1, 2, 3, "2", "Globex | Co", "2,75", "c^d", NULL);
      assert_row (r, 2, 3, 4, "3", "Initech `x`", "10", "e\tf", NULL);
      assert_row (r, 3, 4, 5, "4", "Hooli", "3", "g", NULL);
    }
}

static void
test_empty_fields (void)
{
  g_autoptr(Result) r = read_text ("a,b,c\n"
                                   ",,\n"
                                   "1,2,\n"
                                   "\"\",\"\",\"\"\n"
                                   "x,y,", 0);

  assert_no_errors (r);
  assert_row (r, 0, 1, 2, "", "", "", NULL);
  assert_row (r, 1, 2, 3, "1", "2", "", NULL);
  assert_row (r, 2, 3, 4, "", "", "", NULL);
  assert_row (r, 3, 4, 5, "x", "y", "", NULL);
}

static void
test_blank_lines (void)
{
  /* Several columns: blank lines are skipped, counted, and lines stay right. */
  g_autoptr(Result) multi = read_text ("\n\nName,City\n"
                                       "Acme,Berlin\n"
                                       "\n"
                                       "\r\n"
                                       "Globex,Paris\n"
                                       "\n", 0);
  /* One column: a blank line is an empty cell, as spreadsheets write it. */
  g_autoptr(Result) single = read_text ("Email\n"
                                        "a@example.com\n"
                                        "\n"
                                        "b@example.com\n", 0);
  /* A quoted empty field is never blank. */
  g_autoptr(Result) quoted = read_text ("a,b\n\"\"\n1,2\n", 0);
  const char *header[] = { "Name", "City", NULL };

  assert_no_errors (multi);
  g_assert_cmpstrv (multi->header, header);
  g_assert_cmpuint (multi->rows->len, ==, 2);
  assert_row (multi, 0, 1, 4, "Acme", "Berlin", NULL);
  assert_row (multi, 1, 2, 7, "Globex", "Paris", NULL);
  g_assert_cmpuint (multi->n_blank_lines, ==, 5);

  assert_no_errors (single);
  g_assert_cmpuint (single->rows->len, ==, 3);
  assert_row (single, 0, 1, 2, "a@example.com", NULL);
  assert_row (single, 1, 2, 3, "", NULL);
  assert_row (single, 2, 3, 4, "b@example.com", NULL);
  g_assert_cmpuint (single->n_blank_lines, ==, 0);

  g_assert_cmpuint (quoted->rows->len, ==, 2);
  assert_row (quoted, 0, 1, 2, "", NULL);
  assert_row_error (quoted, 0, FREIGHT_CSV_ERROR_TOO_FEW_FIELDS,
                    "test.csv: line 2, column 2 (“b”): this row has 1 field, but the header "
                    "has 2 columns");
  assert_row (quoted, 1, 2, 3, "1", "2", NULL);
}

static void
test_unterminated_quote (void)
{
  g_autoptr(Result) r = read_text ("Id,Name,Note\n"
                                   "1,Acme,ok\n"
                                   "2,\"Globex\n"
                                   "3,Initech,never closed\n", 0);

  g_assert_cmpuint (r->rows->len, ==, 1);
  assert_row (r, 0, 1, 2, "1", "Acme", "ok", NULL);
  g_assert_error (r->end_error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_UNTERMINATED_QUOTE);
  g_assert_cmpstr (r->end_error->message, ==,
                   "test.csv: line 3, column 2 (“Name”): the quoted field that starts here "
                   "is never closed; add the closing quote (\")");
  g_assert_false (freight_csv_error_is_row_level (r->end_error));
}

static void
test_unterminated_quote_position (void)
{
  g_autoptr(GInputStream) stream =
    g_memory_input_stream_new_from_data ("a,b\n\"x\ny\",1\n2,\"z\n\n", -1, NULL);
  g_autoptr(FreightCsvReader) reader = freight_csv_reader_new (stream, "x.csv", NULL, 0);
  g_autoptr(GError) error = NULL;
  guint64 line = 0;
  guint column = 0;

  g_assert_true (freight_csv_reader_next_row (reader, NULL, &error));
  g_assert_false (freight_csv_reader_next_row (reader, NULL, &error));
  g_assert_error (error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_UNTERMINATED_QUOTE);
  g_assert_cmpstr (error->message, ==,
                   "x.csv: line 4, column 2 (“b”): the quoted field that starts here is never "
                   "closed; add the closing quote (\")");
  g_assert_true (freight_csv_reader_get_error_position (reader, &line, &column));
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpuint (column, ==, 2);
}

static void
test_stray_quote (void)
{
  const char *text = "Name,Size,Note\n"
                     "TV,5\" screen,ok\n"
                     "Radio,small,fine\n"
                     "Lamp,\"x\"y,z\n";
  g_autoptr(Result) strict = read_text (text, 0);
  g_autoptr(Result) lenient = read_text (text, FREIGHT_CSV_READER_LENIENT);

  /* Strict: each row is reported, and still readable, as the lenient reading has it. */
  g_assert_no_error (strict->end_error);
  g_assert_cmpuint (strict->rows->len, ==, 3);
  assert_row (strict, 0, 1, 2, "TV", "5\" screen", "ok", NULL);
  assert_row_error (strict, 0, FREIGHT_CSV_ERROR_STRAY_QUOTE,
                    "test.csv: line 2, column 2 (“Size”): a quote (\") inside a field that "
                    "does not start with one; put the whole field in quotes and double its "
                    "quotes (\"\"), or read the file in lenient mode");
  assert_row (strict, 1, 2, 3, "Radio", "small", "fine", NULL);
  g_assert_no_error (row_error (strict, 1));
  assert_row (strict, 2, 3, 4, "Lamp", "x\"y", "z", NULL);
  assert_row_error (strict, 2, FREIGHT_CSV_ERROR_STRAY_QUOTE,
                    "test.csv: line 4, column 2 (“Size”): text follows the closing quote of "
                    "this field; double the quotes inside a quoted field (\"\"), or read the "
                    "file in lenient mode");

  /* Lenient: the quotes are data. */
  assert_no_errors (lenient);
  g_assert_cmpuint (lenient->rows->len, ==, 3);
  assert_row (lenient, 0, 1, 2, "TV", "5\" screen", "ok", NULL);
  assert_row (lenient, 2, 3, 4, "Lamp", "x\"y", "z", NULL);
}

static void
test_lenient_quotes (void)
{
  g_autoptr(Result) r = read_text ("a,b\n"
                                   "He said \"hi\",\"5\" screen\"\n"
                                   "\"a\"\"b\"c\"d,\"\"\"x\"\"\"\n",
                                   FREIGHT_CSV_READER_LENIENT);

  assert_no_errors (r);
  g_assert_cmpuint (r->rows->len, ==, 2);
  /* A quote then text: the quote was data. */
  assert_row (r, 0, 1, 2, "He said \"hi\"", "5\" screen\"", NULL);
  /* Doubled quotes count only inside the quoted part. */
  assert_row (r, 1, 2, 3, "a\"b\"c\"d", "\"x\"", NULL);
}

static void
test_too_many_fields (void)
{
  g_autoptr(Result) r = read_text ("Name,Amount,City\n"
                                   "Acme,1,5,Berlin\n"
                                   "Globex,2,Paris\n", 0);

  g_assert_no_error (r->end_error);
  g_assert_cmpuint (r->rows->len, ==, 2);
  assert_row (r, 0, 1, 2, "Acme", "1", "5", "Berlin", NULL);
  assert_row_error (r, 0, FREIGHT_CSV_ERROR_TOO_MANY_FIELDS,
                    "test.csv: line 2, column 4: this row has 4 fields, but the header has 3 "
                    "columns; quote values that contain the delimiter (Comma)");
  assert_row (r, 1, 2, 3, "Globex", "2", "Paris", NULL);
  g_assert_no_error (row_error (r, 1));
}

static void
test_too_few_fields (void)
{
  g_autoptr(Result) r = read_text ("Name,Amount,City\n"
                                   "Acme,\"multi\nline\"\n"
                                   "Globex,2,Paris\n", 0);

  g_assert_no_error (r->end_error);
  g_assert_cmpuint (r->rows->len, ==, 2);
  assert_row (r, 0, 1, 2, "Acme", "multi\nline", NULL);
  assert_row_error (r, 0, FREIGHT_CSV_ERROR_TOO_FEW_FIELDS,
                    "test.csv: line 3, column 3 (“City”): this row has 2 fields, but the "
                    "header has 3 columns");
  assert_row (r, 1, 2, 4, "Globex", "2", "Paris", NULL);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(Result) r = read_text ("Name,City\n"
                                   "Acme,Berlin\n"
                                   "Caf\xE9,Par\xC3is\n"
                                   "\"multi\nline\",\xF0\x9F\x9A\x9A \xED\xA0\x80\n"
                                   "Globex,Z\xC3\xBCrich\n", 0);

  g_assert_no_error (r->end_error);
  g_assert_cmpuint (r->rows->len, ==, 4);
  assert_row (r, 0, 1, 2, "Acme", "Berlin", NULL);
  /* Bad bytes become U+FFFD so the row can go on to a result file. */
  assert_row (r, 1, 2, 3, "Caf\xEF\xBF\xBD", "Par\xEF\xBF\xBDis", NULL);
  assert_row_error (r, 1, FREIGHT_CSV_ERROR_INVALID_ENCODING,
                    "test.csv: line 3, column 1 (“Name”): byte 0xE9 is not valid UTF-8; "
                    "choose the file’s encoding (files saved by Excel are often "
                    "Windows-1252)");
  /* A surrogate encoded in UTF-8 is not valid UTF-8. */
  assert_row (r, 2, 3, 4, "multi\nline", "🚚 \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", NULL);
  assert_row_error (r, 2, FREIGHT_CSV_ERROR_INVALID_ENCODING,
                    "test.csv: line 5, column 2 (“City”): byte 0xED is not valid UTF-8; "
                    "choose the file’s encoding (files saved by Excel are often "
                    "Windows-1252)");
  assert_row (r, 3, 4, 6, "Globex", "Zürich", NULL);
  g_assert_no_error (row_error (r, 3));
}

static void
test_overlong_utf8 (void)
{
  static const char *bad[] = {
    "\xC0\xAF",           /* overlong '/' */
    "\xE0\x80\xAF",       /* overlong, 3 bytes */
    "\xF0\x80\x80\xAF",   /* overlong, 4 bytes */
    "\xF4\x90\x80\x80",   /* above U+10FFFF */
    "\x80",               /* a lone continuation byte */
    "\xF8\x88\x80\x80\x80",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf ("a\nx%sy\n", bad[i]);
      g_autoptr(Result) r = read_text (text, 0);
      const GError *error;

      g_assert_cmpuint (r->rows->len, ==, 1);
      error = row_error (r, 0);
      g_assert_error (error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_INVALID_ENCODING);
      g_assert_true (g_str_has_prefix (((char **) g_ptr_array_index (r->rows, 0))[0],
                                       "x\xEF\xBF\xBD"));
    }
}

static void
test_nul_byte (void)
{
  static const char text[] = "Name,Note\nAcme,a\0b\nGlobex,ok\n";
  g_autoptr(Result) r = read_bytes (text, sizeof text - 1, NULL, 0);

  g_assert_no_error (r->end_error);
  g_assert_cmpuint (r->rows->len, ==, 2);
  assert_row (r, 0, 1, 2, "Acme", "a\xEF\xBF\xBD" "b", NULL);
  assert_row_error (r, 0, FREIGHT_CSV_ERROR_NUL_BYTE,
                    "test.csv: line 2, column 2 (“Note”): the field contains a NUL character; "
                    "is this a binary file, or UTF-16 text without a byte order mark? Choose "
                    "the file’s encoding");
  assert_row (r, 1, 2, 3, "Globex", "ok", NULL);
}

static void
test_field_too_long (void)
{
  GString *text = g_string_new ("Id,Description,Note\n1,");
  g_autoptr(Result) r = NULL;
  const char *field;

  /* Exactly the limit, in two-byte characters: fine. */
  for (guint i = 0; i < FREIGHT_CSV_MAX_FIELD_CHARS; i++)
    g_string_append (text, "é");
  g_string_append (text, ",a\n2,\"");
  /* One more than the limit, quoted: a row-level error. */
  for (guint i = 0; i <= FREIGHT_CSV_MAX_FIELD_CHARS; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\",b\n3,short,c\n");

  r = read_with_chunk (text->str, text->len, NULL, 0, 0);
  g_string_free (text, TRUE);

  g_assert_no_error (r->end_error);
  g_assert_cmpuint (r->rows->len, ==, 3);
  g_assert_no_error (row_error (r, 0));
  field = ((char **) g_ptr_array_index (r->rows, 0))[1];
  g_assert_cmpuint (g_utf8_strlen (field, -1), ==, FREIGHT_CSV_MAX_FIELD_CHARS);
  field = ((char **) g_ptr_array_index (r->rows, 1))[1];
  g_assert_cmpuint (strlen (field), ==, FREIGHT_CSV_MAX_FIELD_CHARS + 1);
  assert_row_error (r, 1, FREIGHT_CSV_ERROR_FIELD_TOO_LONG,
                    "test.csv: line 3, column 2 (“Description”): the field has 131073 "
                    "characters; Salesforce accepts at most 131072");
  assert_row (r, 2, 3, 4, "3", "short", "c", NULL);
}

static void
test_row_too_long (void)
{
  gsize len = 12 * 1024 * 1024;
  g_autofree char *text = g_malloc (len);
  g_autoptr(Result) r = NULL;

  /* A quote that is never closed in a big file: reading stops after 8 MiB. */
  memset (text, 'x', len);
  memcpy (text, "a,b\n1,2\n3,\"", 11);
  for (gsize i = 100; i < len; i += 100)
    text[i] = '\n';

  r = read_with_chunk (text, len, NULL, 0, 0);
  g_assert_cmpuint (r->rows->len, ==, 1);
  g_assert_error (r->end_error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_ROW_TOO_LONG);
  g_assert_cmpstr (r->end_error->message, ==,
                   "test.csv: line 3, column 2 (“b”): the quoted field that starts here runs "
                   "on for more than 8 MiB; is its closing quote missing?");
  g_assert_false (freight_csv_error_is_row_level (r->end_error));

  /* The same with tiny reads (their rescans must stay cheap). */
  g_clear_pointer (&r, result_free);
  r = read_with_chunk (text, len, NULL, 0, 5);
  g_assert_error (r->end_error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_ROW_TOO_LONG);
}

static void
test_too_many_fields_in_row (void)
{
  GString *text = g_string_new ("a\n");
  g_autoptr(Result) r = NULL;

  for (guint i = 0; i < 40000; i++)
    g_string_append_c (text, ',');
  g_string_append_c (text, '\n');

  r = read_with_chunk (text->str, text->len, NULL, 0, 0);
  g_string_free (text, TRUE);
  g_assert_error (r->end_error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_ROW_TOO_LONG);
  g_assert_cmpstr (r->end_error->message, ==,
                   "test.csv: line 2, column 32768: the row has more than 32768 fields");
}

static void
test_empty_header (void)
{
  g_autoptr(Result) r = read_text ("Name,,City\nAcme,x,Berlin\n", 0);
  const char *header[] = { "Name", "", "City", NULL };

  g_assert_error (r->header_error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_EMPTY_HEADER);
  g_assert_cmpstr (r->header_error->message, ==,
                   "test.csv: line 1, column 2: the header has no name for this column; give "
                   "every column a name (the Salesforce field it holds)");
  g_assert_false (freight_csv_error_is_row_level (r->header_error));
  /* The header and the rows are still there, for a preview. */
  g_assert_cmpstrv (r->header, header);
  assert_row (r, 0, 1, 2, "Acme", "x", "Berlin", NULL);
}

static void
test_duplicate_header (void)
{
  g_autoptr(Result) r = read_text ("\n\"Name\",Phone,name\n1,2,3\n", 0);
  g_autoptr(Result) unicode = read_text ("Größe,GRÖSSE\n1,2\n", 0);

  g_assert_error (r->header_error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_DUPLICATE_HEADER);
  g_assert_cmpstr (r->header_error->message, ==,
                   "test.csv: line 2, column 3 (“name”): column 1 already has this name "
                   "(names are compared ignoring case); give every column its own name");
  assert_row (r, 0, 1, 3, "1", "2", "3", NULL);

  g_assert_error (unicode->header_error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_DUPLICATE_HEADER);
}

static void
test_empty_file (void)
{
  static const char *inputs[] = { "", "\xEF\xBB\xBF", "\n\n\r\n" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(Result) r = read_text (inputs[i], 0);
      g_autoptr(Result) no_header = read_text (inputs[i], FREIGHT_CSV_READER_NO_HEADER);

      g_assert_error (r->header_error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_EMPTY_FILE);
      g_assert_cmpstr (r->header_error->message, ==,
                       "test.csv: the file is empty; a CSV file for Salesforce starts with a "
                       "header row of field names");
      g_assert_null (r->header);
      g_assert_cmpuint (r->rows->len, ==, 0);

      /* Without a header, an empty file is just one without rows. */
      g_assert_error (no_header->header_error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_EMPTY_FILE);
      g_assert_cmpstr (no_header->header_error->message, ==, "test.csv: the file is empty");
    }
}

static void
test_empty_file_next_row (void)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("", 0, NULL);
  g_autoptr(FreightCsvReader) reader = freight_csv_reader_new (stream, "x.csv", NULL,
                                                               FREIGHT_CSV_READER_NO_HEADER);
  g_autoptr(GInputStream) stream2 = g_memory_input_stream_new_from_data ("", 0, NULL);
  g_autoptr(FreightCsvReader) reader2 = freight_csv_reader_new (stream2, "x.csv", NULL, 0);
  g_autoptr(GError) error = NULL;

  g_assert_false (freight_csv_reader_next_row (reader, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (freight_csv_reader_next_row (reader2, NULL, &error));
  g_assert_error (error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_EMPTY_FILE);
}

static void
test_no_header (void)
{
  g_autoptr(Result) r = read_text ("\n1,Acme\n2,Globex\n", FREIGHT_CSV_READER_NO_HEADER);
  g_autoptr(Result) bad_first = read_text ("1,\"a\"b\n2,c,d\n",
                                           FREIGHT_CSV_READER_NO_HEADER);
  const char *header[] = { "Column 1", "Column 2", NULL };

  assert_no_errors (r);
  g_assert_cmpstrv (r->header, header);
  g_assert_cmpuint (r->rows->len, ==, 2);
  assert_row (r, 0, 1, 2, "1", "Acme", NULL);
  assert_row (r, 1, 2, 3, "2", "Globex", NULL);

  /* The first row's own error belongs to the row, not to the header. */
  g_assert_no_error (bad_first->header_error);
  g_assert_cmpuint (bad_first->rows->len, ==, 2);
  assert_row (bad_first, 0, 1, 1, "1", "a\"b", NULL);
  assert_row_error (bad_first, 0, FREIGHT_CSV_ERROR_STRAY_QUOTE,
                    "test.csv: line 1, column 2: text follows the closing quote of this "
                    "field; double the quotes inside a quoted field (\"\"), or read the file "
                    "in lenient mode");
  assert_row_error (bad_first, 1, FREIGHT_CSV_ERROR_TOO_MANY_FIELDS,
                    "test.csv: line 2, column 3: this row has 3 fields, but the header has 2 "
                    "columns; quote values that contain the delimiter (Comma)");
}

static void
test_header_row_error (void)
{
  g_autoptr(Result) r = read_text ("Name,Si\"ze\n1,2\n", 0);

  g_assert_error (r->header_error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_STRAY_QUOTE);
  g_assert_cmpstr (r->header[1], ==, "Si\"ze");
  assert_row (r, 0, 1, 2, "1", "2", NULL);
}

static void
test_windows_1252 (void)
{
  g_autoptr(Result) r = read_data_file ("accounts-windows-1252.csv",
                                        FREIGHT_CSV_ENCODING_WINDOWS_1252, 0);
  /* Every byte from 0x80 up, in both single-byte encodings. */
  GString *all = g_string_new ("a\n");
  g_autoptr(Result) cp1252 = NULL;
  g_autoptr(Result) latin1 = NULL;
  FreightCsvDialect dialect;
  g_autofree char *expected_latin1 = NULL;
  const char *expected_1252 =
    "€\xEF\xBF\xBD‚ƒ„…†‡ˆ‰Š‹Œ\xEF\xBF\xBDŽ\xEF\xBF\xBD\xEF\xBF\xBD‘’“”•–—˜™š›œ\xEF\xBF\xBDžŸ";

  assert_no_errors (r);
  assert_row (r, 0, 1, 2, "Zoë Müller", "Zürich", "“Smart” quotes – and € 5", NULL);
  assert_row (r, 1, 2, 3, "François", "Besançon", "naïve café, très bien", NULL);
  g_assert_cmpuint (g_array_index (r->offsets, guint64, 1), ==, 60);

  for (guint b = 0x80; b < 0xA0; b++)
    g_string_append_c (all, b);
  g_string_append_c (all, '\n');
  for (guint b = 0xA0; b <= 0xFF; b++)
    g_string_append_c (all, b);
  g_string_append_c (all, '\n');

  freight_csv_dialect_init (&dialect);
  dialect.encoding = FREIGHT_CSV_ENCODING_WINDOWS_1252;
  cp1252 = read_bytes (all->str, all->len, &dialect, 0);
  dialect.encoding = FREIGHT_CSV_ENCODING_ISO_8859_1;
  latin1 = read_bytes (all->str, all->len, &dialect, 0);

  /* The five bytes Windows-1252 leaves undefined are an error in it. */
  assert_row (cp1252, 0, 1, 2, expected_1252, NULL);
  assert_row_error (cp1252, 0, FREIGHT_CSV_ERROR_INVALID_ENCODING,
                    "test.csv: line 2, column 1 (“a”): the text is not valid windows-1252; "
                    "choose the file’s encoding");
  g_assert_no_error (row_error (cp1252, 1));
  g_assert_cmpuint (g_array_index (cp1252->offsets, guint64, 1), ==, 2 + 33);

  expected_latin1 = g_convert (all->str + 2, 32, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
  assert_row (latin1, 0, 1, 2, expected_latin1, NULL);
  g_clear_pointer (&expected_latin1, g_free);
  expected_latin1 = g_convert (all->str + 35, 96, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
  assert_row (latin1, 1, 2, 3, expected_latin1, NULL);
  assert_row (cp1252, 1, 2, 3, expected_latin1, NULL);
  assert_no_errors (latin1);
  g_string_free (all, TRUE);
}

static void
test_iso_8859_1 (void)
{
  g_autoptr(Result) r = read_data_file ("accounts-iso-8859-1.csv",
                                        FREIGHT_CSV_ENCODING_ISO_8859_1, 0);

  assert_no_errors (r);
  assert_row (r, 0, 1, 2, "Zoë Müller", "Zürich", "control \xC2\x8D here", NULL);
  assert_row (r, 1, 2, 3, "François", "Besançon", "naïve", NULL);
  g_assert_cmpuint (g_array_index (r->offsets, guint64, 1), ==, 48);
}

static void
test_utf16 (void)
{
  static const struct
  {
    const char         *file;
    FreightCsvEncoding  encoding;
  } cases[] = {
    { "accounts-utf16le.csv", FREIGHT_CSV_ENCODING_UTF16LE },
    { "accounts-utf16be.csv", FREIGHT_CSV_ENCODING_UTF16BE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Result) r = read_data_file (cases[i].file, cases[i].encoding, 0);
      const char *header[] = { "Name", "City", "Note", NULL };

      g_test_message ("%s", cases[i].file);
      assert_no_errors (r);
      g_assert_cmpstrv (r->header, header);
      g_assert_cmpuint (r->rows->len, ==, 3);
      assert_row (r, 0, 1, 2, "Zoë Müller", "Zürich", "“Smart” quotes – and € 5", NULL);
      assert_row (r, 1, 2, 3, "François", "Besançon", "naïve café, très bien", NULL);
      assert_row (r, 2, 3, 4, "Freight", "Köln", "🚚 on its way", NULL);
      /* Offsets in the UTF-16 file: BOM, then two bytes a unit. */
      g_assert_cmpuint (g_array_index (r->offsets, guint64, 0), ==, 2 + 2 * 16);
      g_assert_cmpuint (g_array_index (r->offsets, guint64, 1), ==, 2 + 2 * (16 + 44));
      g_assert_cmpuint (g_array_index (r->offsets, guint64, 2), ==, 2 + 2 * (16 + 44 + 43));
    }
}

static void
test_invalid_utf16 (void)
{
  /* "a\n", a lone high surrogate, "\n", a lone low surrogate, "x\n", then one odd byte. */
  static const guint8 le[] = {
    'a', 0, '\n', 0,
    0x00, 0xD8, '\n', 0,
    0x00, 0xDC, 'x', 0, '\n', 0,
    'y',
  };
  FreightCsvDialect dialect;
  g_autoptr(Result) r = NULL;

  freight_csv_dialect_init (&dialect);
  dialect.encoding = FREIGHT_CSV_ENCODING_UTF16LE;
  r = read_bytes (le, sizeof le, &dialect, 0);

  g_assert_cmpuint (r->rows->len, ==, 3);
  assert_row (r, 0, 1, 2, "\xEF\xBF\xBD", NULL);
  assert_row_error (r, 0, FREIGHT_CSV_ERROR_INVALID_ENCODING,
                    "test.csv: line 2, column 1 (“a”): the text is not valid UTF-16LE; choose "
                    "the file’s encoding");
  assert_row (r, 1, 2, 3, "\xEF\xBF\xBDx", NULL);
  assert_row (r, 2, 3, 4, "\xEF\xBF\xBD", NULL);
  g_assert_error (row_error (r, 2), FREIGHT_CSV_ERROR,
                  FREIGHT_CSV_ERROR_INVALID_ENCODING);
  g_assert_cmpuint (g_array_index (r->offsets, guint64, 1), ==, 8);
  g_assert_cmpuint (g_array_index (r->offsets, guint64, 2), ==, 14);
}

static void
test_utf16_nul (void)
{
  static const guint8 be[] = { 0xFE, 0xFF, 0, 'a', 0, '\n', 0, 'b', 0, 0, 0, 'c', 0, '\n' };
  FreightCsvDialect dialect;
  g_autoptr(Result) r = NULL;

  freight_csv_dialect_init (&dialect);
  dialect.encoding = FREIGHT_CSV_ENCODING_UTF16BE;
  r = read_bytes (be, sizeof be, &dialect, 0);

  g_assert_cmpuint (r->rows->len, ==, 1);
  assert_row (r, 0, 1, 2, "b\xEF\xBF\xBD" "c", NULL);
  g_assert_error (row_error (r, 0), FREIGHT_CSV_ERROR,
                  FREIGHT_CSV_ERROR_NUL_BYTE);
}

static void
test_new_for_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv",
                                                 "accounts-windows-1252.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/freight/accounts.csv");
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(FreightCsvReader) none = NULL;
  g_autoptr(GError) error = NULL;

  /* No dialect: sniffed. */
  reader = freight_csv_reader_new_for_file (file, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_csv_reader_get_dialect (reader)->encoding, ==,
                   FREIGHT_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpstr (freight_csv_reader_get_file_name (reader), ==, "accounts-windows-1252.csv");
  g_assert_true (freight_csv_reader_next_row (reader, NULL, &error));
  g_assert_cmpstr (freight_csv_reader_get_field (reader, 2, NULL), ==,
                   "“Smart” quotes – and € 5");

  none = freight_csv_reader_new_for_file (missing, NULL, 0, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_cancelled (void)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("a,b\n1,2\n", -1,
                                                                        NULL);
  g_autoptr(FreightCsvReader) reader = freight_csv_reader_new (stream, "x.csv", NULL, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (freight_csv_reader_next_row (reader, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (freight_csv_error_is_row_level (error));
  g_clear_error (&error);

  /* Nothing was lost: reading goes on. */
  g_assert_true (freight_csv_reader_next_row (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (freight_csv_reader_get_field (reader, 0, NULL), ==, "1");
}

/* A reader started at a row's offset reads on exactly as the first one did. */
static void
test_start_at (void)
{
  const char *text = "Name,Note\n"
                     "a,\"x\ny\"\n"
                     "b,2\n"
                     "\n"
                     "c,3\n";
  g_autoptr(Result) r = read_text (text, 0);
  const char *header[] = { "Name", "Note", NULL };

  assert_no_errors (r);
  for (guint i = 0; i < r->rows->len; i++)
    {
      guint64 offset = g_array_index (r->offsets, guint64, i);
      g_autoptr(GInputStream) stream =
        g_memory_input_stream_new_from_data (text + offset, strlen (text) - offset, NULL);
      g_autoptr(FreightCsvReader) reader = freight_csv_reader_new (stream, "test.csv", NULL, 0);
      g_autoptr(GError) error = NULL;

      _freight_csv_reader_start_at (reader, offset, g_array_index (r->lines, guint64, i),
                                    g_array_index (r->records, guint64, i), header);
      for (guint j = i; j < r->rows->len; j++)
        {
          char **row = g_ptr_array_index (r->rows, j);

          g_assert_true (freight_csv_reader_next_row (reader, NULL, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (freight_csv_reader_get_field (reader, 0, NULL), ==, row[0]);
          g_assert_cmpstr (freight_csv_reader_get_field (reader, 1, NULL), ==, row[1]);
          g_assert_cmpuint (freight_csv_reader_get_record_number (reader), ==,
                            g_array_index (r->records, guint64, j));
          g_assert_cmpuint (freight_csv_reader_get_line (reader), ==,
                            g_array_index (r->lines, guint64, j));
          g_assert_cmpuint (freight_csv_reader_get_offset (reader), ==,
                            g_array_index (r->offsets, guint64, j));
        }
      g_assert_false (freight_csv_reader_next_row (reader, NULL, &error));
      g_assert_no_error (error);
    }
}

/* _freight_csv_reader_skip_row() finds the same rows as next_row(). */
static void
test_skip_row (void)
{
  const char *text = "a,b\n1,\"x\r\ny\"\n\n2,\"bad\"q\n3\n\"4\",5";
  g_autoptr(Result) r = read_text (text, 0);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (text, -1, NULL);
  g_autoptr(FreightCsvReader) reader = freight_csv_reader_new (stream, "test.csv", NULL, 0);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_cmpuint (r->rows->len, ==, 4);
  g_assert_true (freight_csv_reader_read_header (reader, NULL, &error));
  while (_freight_csv_reader_skip_row (reader, NULL, &error))
    {
      g_assert_cmpuint (freight_csv_reader_get_record_number (reader), ==,
                        g_array_index (r->records, guint64, n));
      g_assert_cmpuint (freight_csv_reader_get_line (reader), ==,
                        g_array_index (r->lines, guint64, n));
      g_assert_cmpuint (freight_csv_reader_get_offset (reader), ==,
                        g_array_index (r->offsets, guint64, n));
      g_assert_cmpuint (freight_csv_reader_get_n_fields (reader), ==, 0);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);
}

/* Many rows with every kind of field, across buffer refills. */
static void
test_many_rows (void)
{
  GString *text = g_string_new ("Id,Name,Note\r\n");
  g_autoptr(Result) r = NULL;

  for (guint i = 0; i < 3000; i++)
    {
      switch (i % 5)
        {
        case 0:
          g_string_append_printf (text, "%u,plain %u,x\r\n", i, i);
          break;
        case 1:
          g_string_append_printf (text, "%u,\"comma, %u\",\"quote \"\"%u\"\"\"\n", i, i, i);
          break;
        case 2:
          g_string_append_printf (text, "%u,\"line\nbreak %u\",Zoë\r", i, i);
          break;
        case 3:
          g_string_append_printf (text, "%u,,\"\"\n", i);
          break;
        default:
          g_string_append_printf (text, "%u,🚚 %u,\"crlf\r\n\"\r\n", i, i);
          break;
        }
    }

  r = read_bytes (text->str, text->len, NULL, 0);
  g_string_free (text, TRUE);

  assert_no_errors (r);
  g_assert_cmpuint (r->rows->len, ==, 3000);
  for (guint i = 0; i < 3000; i++)
    {
      char **row = g_ptr_array_index (r->rows, i);
      g_autofree char *id = g_strdup_printf ("%u", i);
      g_autofree char *name = NULL;
      g_autofree char *note = NULL;

      switch (i % 5)
        {
        case 0:
          name = g_strdup_printf ("plain %u", i);
          note = g_strdup ("x");
          break;
        case 1:
          name = g_strdup_printf ("comma, %u", i);
          note = g_strdup_printf ("quote \"%u\"", i);
          break;
        case 2:
          name = g_strdup_printf ("line\nbreak %u", i);
          note = g_strdup ("Zoë");
          break;
        case 3:
          name = g_strdup ("");
          note = g_strdup ("");
          break;
        default:
          name = g_strdup_printf ("🚚 %u", i);
          note = g_strdup ("crlf\r\n");
          break;
        }
      g_assert_cmpstr (row[0], ==, id);
      g_assert_cmpstr (row[1], ==, name);
      g_assert_cmpstr (row[2], ==, note);
      /* Lines 2.., one more after each row with a break inside quotes. */
      g_assert_cmpuint (g_array_index (r->lines, guint64, i), ==, 2 + i + (i + 2) / 5 + i / 5);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/freight/csv-reader/simple", test_simple);
  g_test_add_func ("/freight/csv-reader/accessors", test_reader_accessors);
  g_test_add_func ("/freight/csv-reader/quoted-delimiter", test_quoted_delimiter);
  g_test_add_func ("/freight/csv-reader/doubled-quotes", test_doubled_quotes);
  g_test_add_func ("/freight/csv-reader/quoted-newline", test_quoted_newline);
  g_test_add_func ("/freight/csv-reader/line-endings", test_line_endings);
  g_test_add_func ("/freight/csv-reader/utf8-bom", test_utf8_bom);
  g_test_add_func ("/freight/csv-reader/delimiters", test_delimiters);
  g_test_add_func ("/freight/csv-reader/empty-fields", test_empty_fields);
  g_test_add_func ("/freight/csv-reader/blank-lines", test_blank_lines);
  g_test_add_func ("/freight/csv-reader/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/freight/csv-reader/unterminated-quote-position",
                   test_unterminated_quote_position);
  g_test_add_func ("/freight/csv-reader/stray-quote", test_stray_quote);
  g_test_add_func ("/freight/csv-reader/lenient-quotes", test_lenient_quotes);
  g_test_add_func ("/freight/csv-reader/too-many-fields", test_too_many_fields);
  g_test_add_func ("/freight/csv-reader/too-few-fields", test_too_few_fields);
  g_test_add_func ("/freight/csv-reader/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/freight/csv-reader/overlong-utf8", test_overlong_utf8);
  g_test_add_func ("/freight/csv-reader/nul-byte", test_nul_byte);
  g_test_add_func ("/freight/csv-reader/field-too-long", test_field_too_long);
  g_test_add_func ("/freight/csv-reader/row-too-long", test_row_too_long);
  g_test_add_func ("/freight/csv-reader/too-many-fields-in-row", test_too_many_fields_in_row);
  g_test_add_func ("/freight/csv-reader/empty-header", test_empty_header);
  g_test_add_func ("/freight/csv-reader/duplicate-header", test_duplicate_header);
  g_test_add_func ("/freight/csv-reader/empty-file", test_empty_file);
  g_test_add_func ("/freight/csv-reader/empty-file-next-row", test_empty_file_next_row);
  g_test_add_func ("/freight/csv-reader/no-header", test_no_header);
  g_test_add_func ("/freight/csv-reader/header-row-error", test_header_row_error);
  g_test_add_func ("/freight/csv-reader/windows-1252", test_windows_1252);
  g_test_add_func ("/freight/csv-reader/iso-8859-1", test_iso_8859_1);
  g_test_add_func ("/freight/csv-reader/utf16", test_utf16);
  g_test_add_func ("/freight/csv-reader/invalid-utf16", test_invalid_utf16);
  g_test_add_func ("/freight/csv-reader/utf16-nul", test_utf16_nul);
  g_test_add_func ("/freight/csv-reader/new-for-file", test_new_for_file);
  g_test_add_func ("/freight/csv-reader/cancelled", test_cancelled);
  g_test_add_func ("/freight/csv-reader/start-at", test_start_at);
  g_test_add_func ("/freight/csv-reader/skip-row", test_skip_row);
  g_test_add_func ("/freight/csv-reader/many-rows", test_many_rows);

  return g_test_run ();
}
