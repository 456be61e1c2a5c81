/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"

static GBytes *
load_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
sniff_string (const char        *text,
              gboolean           expect_found,
              FreightCsvDialect *out)
{
  g_assert_cmpint (freight_csv_sniff ((const guint8 *) text, strlen (text), out), ==,
                   expect_found);
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
      g_autoptr(GBytes) bytes = load_data (cases[i].file);
      FreightCsvDialect dialect;
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);

      g_test_message ("%s", cases[i].file);
      g_assert_true (freight_csv_sniff (data, len, &dialect));
      g_assert_cmpint (dialect.delimiter, ==, cases[i].delimiter);
      g_assert_cmpint (dialect.encoding, ==, FREIGHT_CSV_ENCODING_UTF8);
      g_assert_cmpint (dialect.line_ending, ==, FREIGHT_CSV_LINE_ENDING_LF);
      g_assert_false (dialect.has_bom);
    }
}

/* Commas inside quotes must not count; the delimiter with the steady count wins. */
static void
test_delimiter_consistency (void)
{
  FreightCsvDialect dialect;

  sniff_string ("Name;Amount;Note\n"
                "\"Acme, Inc.\";1,5;\"x, y, z\"\n"
                "Globex;2,75;plain\n"
                "Initech;3;\"a,b\"\n", TRUE, &dialect);
  g_assert_cmpint (dialect.delimiter, ==, ';');

  /* Quoted line breaks do not split records. */
  sniff_string ("a|b|c\n"
                "1|\"line\nwith, commas, here\"|3\n"
                "4|5|6\n", TRUE, &dialect);
  g_assert_cmpint (dialect.delimiter, ==, '|');

  /* Equally steady: more fields wins. */
  sniff_string ("a\tb,c\td\n1\t2,3\t4\n", TRUE, &dialect);
  g_assert_cmpint (dialect.delimiter, ==, '\t');

  /* A header alone. */
  sniff_string ("Id^Name^Email", TRUE, &dialect);
  g_assert_cmpint (dialect.delimiter, ==, '^');
}

static void
test_one_column (void)
{
  FreightCsvDialect dialect;

  sniff_string ("Id\n001000000000001\n001000000000002\n", FALSE, &dialect);
  g_assert_cmpint (dialect.delimiter, ==, ',');
  g_assert_cmpint (dialect.encoding, ==, FREIGHT_CSV_ENCODING_UTF8);

  g_assert_false (freight_csv_sniff ((const guint8 *) "", 0, &dialect));
  g_assert_cmpint (dialect.delimiter, ==, ',');
  g_assert_cmpint (dialect.line_ending, ==, FREIGHT_CSV_LINE_ENDING_LF);
}

static void
test_line_endings (void)
{
  static const struct
  {
    const char           *file;
    FreightCsvLineEnding  ending;
  } cases[] = {
    { "lf.csv", FREIGHT_CSV_LINE_ENDING_LF },
    { "crlf.csv", FREIGHT_CSV_LINE_ENDING_CRLF },
    { "cr.csv", FREIGHT_CSV_LINE_ENDING_CR },
  };
  FreightCsvDialect dialect;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = load_data (cases[i].file);
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);

      g_test_message ("%s", cases[i].file);
      g_assert_true (freight_csv_sniff (data, len, &dialect));
      g_assert_cmpint (dialect.line_ending, ==, cases[i].ending);
      g_assert_cmpint (dialect.delimiter, ==, ',');
    }

  /* A line break inside quotes is not a line ending. */
  sniff_string ("a,b\r\n\"x\ny\",1\r\n2,3\r\n", TRUE, &dialect);
  g_assert_cmpint (dialect.line_ending, ==, FREIGHT_CSV_LINE_ENDING_CRLF);
}

static void
test_encodings (void)
{
  static const struct
  {
    const char         *file;
    FreightCsvEncoding  encoding;
    gboolean            has_bom;
    FreightCsvLineEnding ending;
  } cases[] = {
    { "accounts-utf8-bom.csv", FREIGHT_CSV_ENCODING_UTF8, TRUE, FREIGHT_CSV_LINE_ENDING_CRLF },
    { "accounts-utf16le.csv", FREIGHT_CSV_ENCODING_UTF16LE, TRUE, FREIGHT_CSV_LINE_ENDING_CRLF },
    { "accounts-utf16be.csv", FREIGHT_CSV_ENCODING_UTF16BE, TRUE, FREIGHT_CSV_LINE_ENDING_CRLF },
    { "accounts-windows-1252.csv", FREIGHT_CSV_ENCODING_WINDOWS_1252, FALSE,
      FREIGHT_CSV_LINE_ENDING_CRLF },
    { "accounts-iso-8859-1.csv", FREIGHT_CSV_ENCODING_ISO_8859_1, FALSE,
      FREIGHT_CSV_LINE_ENDING_LF },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = load_data (cases[i].file);
      FreightCsvDialect dialect;
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);

      g_test_message ("%s", cases[i].file);
      g_assert_true (freight_csv_sniff (data, len, &dialect));
      g_assert_cmpint (dialect.encoding, ==, cases[i].encoding);
      g_assert_cmpint (dialect.has_bom, ==, cases[i].has_bom);
      g_assert_cmpint (dialect.line_ending, ==, cases[i].ending);
      g_assert_cmpint (dialect.delimiter, ==, ',');
    }
}

static void
test_utf16_without_bom (void)
{
  /* "a;b\n1;2\n" in UTF-16, both byte orders. */
  static const guint8 le[] = "a\0;\0b\0\n\0" "1\0;\0" "2\0\n\0";
  static const guint8 be[] = "\0a\0;\0b\0\n" "\0" "1\0;\0" "2\0\n";
  FreightCsvDialect dialect;

  g_assert_true (freight_csv_sniff (le, sizeof le - 1, &dialect));
  g_assert_cmpint (dialect.encoding, ==, FREIGHT_CSV_ENCODING_UTF16LE);
  g_assert_false (dialect.has_bom);
  g_assert_cmpint (dialect.delimiter, ==, ';');

  g_assert_true (freight_csv_sniff (be, sizeof be - 1, &dialect));
  g_assert_cmpint (dialect.encoding, ==, FREIGHT_CSV_ENCODING_UTF16BE);
  g_assert_cmpint (dialect.delimiter, ==, ';');
}

static void
test_utf8_edge_cases (void)
{
  FreightCsvDialect dialect;
  /* "é" cut in half by the end of the sample is still UTF-8. */
  static const char cut[] = "a,b\nx,caf\xC3";
  /* One stray Latin-1 byte in text that is otherwise UTF-8: damage, not another encoding. */
  static const char damaged[] = "a,b\nZo\xC3\xAB,M\xC3\xBCller\nx,caf\xE9\n";
  /* Mostly Latin-1 bytes. */
  static const char latin[] = "a,b\nZo\xEB,M\xFCller\nx,caf\xE9\n";

  sniff_string (cut, TRUE, &dialect);
  g_assert_cmpint (dialect.encoding, ==, FREIGHT_CSV_ENCODING_UTF8);
  sniff_string (damaged, TRUE, &dialect);
  g_assert_cmpint (dialect.encoding, ==, FREIGHT_CSV_ENCODING_UTF8);
  sniff_string (latin, TRUE, &dialect);
  g_assert_cmpint (dialect.encoding, ==, FREIGHT_CSV_ENCODING_WINDOWS_1252);
  sniff_string ("plain,ascii\n1,2\n", TRUE, &dialect);
  g_assert_cmpint (dialect.encoding, ==, FREIGHT_CSV_ENCODING_UTF8);
  g_assert_false (dialect.has_bom);
}

static void
test_sniff_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", "semicolon.csv",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/freight/test.csv");
  g_autoptr(GError) error = NULL;
  FreightCsvDialect dialect;

  g_assert_true (freight_csv_sniff_file (file, &dialect, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dialect.delimiter, ==, ';');

  g_assert_false (freight_csv_sniff_file (missing, &dialect, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/freight/csv-sniffer/delimiters", test_delimiters);
  g_test_add_func ("/freight/csv-sniffer/delimiter-consistency", test_delimiter_consistency);
  g_test_add_func ("/freight/csv-sniffer/one-column", test_one_column);
  g_test_add_func ("/freight/csv-sniffer/line-endings", test_line_endings);
  g_test_add_func ("/freight/csv-sniffer/encodings", test_encodings);
  g_test_add_func ("/freight/csv-sniffer/utf16-without-bom", test_utf16_without_bom);
  g_test_add_func ("/freight/csv-sniffer/utf8-edge-cases", test_utf8_edge_cases);
  g_test_add_func ("/freight/csv-sniffer/sniff-file", test_sniff_file);

  return g_test_run ();
}
