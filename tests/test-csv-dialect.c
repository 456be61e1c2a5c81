/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"

static void
test_dialect_init (void)
{
  FreightCsvDialect dialect;
  FreightCsvDialect other;

  memset (&dialect, 0x55, sizeof dialect);
  freight_csv_dialect_init (&dialect);
  g_assert_cmpint (dialect.delimiter, ==, ',');
  g_assert_cmpint (dialect.encoding, ==, FREIGHT_CSV_ENCODING_UTF8);
  g_assert_cmpint (dialect.line_ending, ==, FREIGHT_CSV_LINE_ENDING_LF);
  g_assert_false (dialect.has_bom);

  freight_csv_dialect_init (&other);
  g_assert_true (freight_csv_dialect_equal (&dialect, &other));
  other.delimiter = ';';
  g_assert_false (freight_csv_dialect_equal (&dialect, &other));
}

static void
test_bulk_names (void)
{
  static const struct
  {
    char        delimiter;
    const char *name;
  } cases[] = {
    { ',', "COMMA" }, { ';', "SEMICOLON" }, { '\t', "TAB" },
    { '|', "PIPE" }, { '^', "CARET" }, { '`', "BACKQUOTE" },
  };
  char delimiter = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *lower = g_ascii_strdown (cases[i].name, -1);

      g_assert_cmpstr (freight_csv_delimiter_to_bulk_name (cases[i].delimiter), ==,
                       cases[i].name);
      delimiter = 0;
      g_assert_true (freight_csv_delimiter_from_bulk_name (cases[i].name, &delimiter));
      g_assert_cmpint (delimiter, ==, cases[i].delimiter);
      delimiter = 0;
      g_assert_true (freight_csv_delimiter_from_bulk_name (lower, &delimiter));
      g_assert_cmpint (delimiter, ==, cases[i].delimiter);
      g_assert_nonnull (freight_csv_delimiter_get_display_name (cases[i].delimiter));
    }

  g_assert_null (freight_csv_delimiter_to_bulk_name (':'));
  g_assert_null (freight_csv_delimiter_get_display_name (':'));
  delimiter = 'x';
  g_assert_false (freight_csv_delimiter_from_bulk_name ("COLON", &delimiter));
  g_assert_cmpint (delimiter, ==, 'x');
  g_assert_cmpstr (freight_csv_delimiter_get_display_name ('\t'), ==, "Tab");
}

static void
test_encoding_strings (void)
{
  static const struct
  {
    const char         *string;
    FreightCsvEncoding  encoding;
  } aliases[] = {
    { "UTF-8", FREIGHT_CSV_ENCODING_UTF8 },
    { "utf8", FREIGHT_CSV_ENCODING_UTF8 },
    { "UTF-16LE", FREIGHT_CSV_ENCODING_UTF16LE },
    { "utf-16le", FREIGHT_CSV_ENCODING_UTF16LE },
    { "UTF-16BE", FREIGHT_CSV_ENCODING_UTF16BE },
    { "windows-1252", FREIGHT_CSV_ENCODING_WINDOWS_1252 },
    { "CP1252", FREIGHT_CSV_ENCODING_WINDOWS_1252 },
    { "ISO-8859-1", FREIGHT_CSV_ENCODING_ISO_8859_1 },
    { "latin1", FREIGHT_CSV_ENCODING_ISO_8859_1 },
    { "Latin-1", FREIGHT_CSV_ENCODING_ISO_8859_1 },
  };
  FreightCsvEncoding encoding;

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      encoding = 99;
      g_assert_true (freight_csv_encoding_from_string (aliases[i].string, &encoding));
      g_assert_cmpint (encoding, ==, aliases[i].encoding);
    }

  /* Every name round-trips. */
  for (encoding = 0; encoding < FREIGHT_CSV_N_ENCODINGS; encoding++)
    {
      FreightCsvEncoding back = 99;

      g_assert_true (freight_csv_encoding_from_string (freight_csv_encoding_to_string (encoding),
                                                       &back));
      g_assert_cmpint (back, ==, encoding);
      g_assert_nonnull (freight_csv_encoding_get_display_name (encoding));
    }

  g_assert_cmpstr (freight_csv_encoding_to_string (FREIGHT_CSV_ENCODING_WINDOWS_1252), ==,
                   "windows-1252");
  g_assert_cmpstr (freight_csv_encoding_get_display_name (FREIGHT_CSV_ENCODING_UTF8), ==,
                   "Unicode (UTF-8)");
  g_assert_false (freight_csv_encoding_from_string ("EBCDIC", &encoding));
  g_assert_false (freight_csv_encoding_from_string ("", &encoding));
}

static void
test_line_ending_strings (void)
{
  static const struct
  {
    FreightCsvLineEnding  ending;
    const char           *name;
    const char           *sequence;
  } cases[] = {
    { FREIGHT_CSV_LINE_ENDING_LF, "LF", "\n" },
    { FREIGHT_CSV_LINE_ENDING_CRLF, "CRLF", "\r\n" },
    { FREIGHT_CSV_LINE_ENDING_CR, "CR", "\r" },
  };
  FreightCsvLineEnding ending;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *lower = g_ascii_strdown (cases[i].name, -1);

      g_assert_cmpstr (freight_csv_line_ending_to_string (cases[i].ending), ==, cases[i].name);
      g_assert_cmpstr (freight_csv_line_ending_get_sequence (cases[i].ending), ==,
                       cases[i].sequence);
      ending = 99;
      g_assert_true (freight_csv_line_ending_from_string (lower, &ending));
      g_assert_cmpint (ending, ==, cases[i].ending);
      g_assert_nonnull (freight_csv_line_ending_get_display_name (cases[i].ending));
    }
  g_assert_false (freight_csv_line_ending_from_string ("LFCR", &ending));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/freight/csv-dialect/init", test_dialect_init);
  g_test_add_func ("/freight/csv-dialect/bulk-names", test_bulk_names);
  g_test_add_func ("/freight/csv-dialect/encoding-strings", test_encoding_strings);
  g_test_add_func ("/freight/csv-dialect/line-ending-strings", test_line_ending_strings);

  return g_test_run ();
}
