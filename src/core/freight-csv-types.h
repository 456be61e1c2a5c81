/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Enums and plain structs shared by the CSV engine's files (dialect, sniffer, reader,
 * writer, index). */

/**
 * FreightCsvEncoding:
 *
 * The character encoding of a CSV file. The reader converts all of them to UTF-8.
 */
typedef enum
{
  FREIGHT_CSV_ENCODING_UTF8,
  FREIGHT_CSV_ENCODING_UTF16LE,
  FREIGHT_CSV_ENCODING_UTF16BE,
  FREIGHT_CSV_ENCODING_WINDOWS_1252,
  FREIGHT_CSV_ENCODING_ISO_8859_1,
} FreightCsvEncoding;

#define FREIGHT_CSV_N_ENCODINGS (FREIGHT_CSV_ENCODING_ISO_8859_1 + 1)

/**
 * FreightCsvLineEnding:
 *
 * The row terminator of a CSV file. The reader accepts all three, mixed; the dialect
 * records the one a file mostly uses and the one a writer produces.
 */
typedef enum
{
  FREIGHT_CSV_LINE_ENDING_LF,
  FREIGHT_CSV_LINE_ENDING_CRLF,
  FREIGHT_CSV_LINE_ENDING_CR,
} FreightCsvLineEnding;

/**
 * FreightCsvDialect:
 * @delimiter: the field delimiter: `,` `;` TAB `|` `^` or `` ` ``
 * @encoding: the character encoding
 * @line_ending: the line ending the file uses (informative for reading)
 * @has_bom: whether the file starts with a byte order mark
 */
typedef struct
{
  char                 delimiter;
  FreightCsvEncoding   encoding;
  FreightCsvLineEnding line_ending;
  gboolean             has_bom;
} FreightCsvDialect;

#define FREIGHT_CSV_ERROR (freight_csv_error_quark ())

/**
 * FreightCsvError:
 * @FREIGHT_CSV_ERROR_UNTERMINATED_QUOTE: a quoted field is never closed (fatal)
 * @FREIGHT_CSV_ERROR_STRAY_QUOTE: a quote inside an unquoted field, or text after a closing
 *   quote (strict mode only; row-level)
 * @FREIGHT_CSV_ERROR_TOO_MANY_FIELDS: more fields than the header has columns (row-level)
 * @FREIGHT_CSV_ERROR_TOO_FEW_FIELDS: fewer fields than the header has columns (row-level)
 * @FREIGHT_CSV_ERROR_INVALID_ENCODING: bytes that are not valid in the file's encoding
 *   (row-level; the row's fields hold U+FFFD in their place)
 * @FREIGHT_CSV_ERROR_NUL_BYTE: a NUL character (row-level; replaced by U+FFFD)
 * @FREIGHT_CSV_ERROR_FIELD_TOO_LONG: a field over 131,072 characters (row-level)
 * @FREIGHT_CSV_ERROR_EMPTY_HEADER: a header column without a name
 * @FREIGHT_CSV_ERROR_DUPLICATE_HEADER: two header columns with the same name, ignoring case
 * @FREIGHT_CSV_ERROR_EMPTY_FILE: the file has no header row (nothing but blank lines)
 * @FREIGHT_CSV_ERROR_ROW_TOO_LONG: a row longer than 8 MiB or with more than 32,768 fields,
 *   almost always a quote that is never closed (fatal)
 *
 * Errors of the CSV reader. I/O errors pass through in the G_IO_ERROR domain.
 */
typedef enum
{
  FREIGHT_CSV_ERROR_UNTERMINATED_QUOTE,
  FREIGHT_CSV_ERROR_STRAY_QUOTE,
  FREIGHT_CSV_ERROR_TOO_MANY_FIELDS,
  FREIGHT_CSV_ERROR_TOO_FEW_FIELDS,
  FREIGHT_CSV_ERROR_INVALID_ENCODING,
  FREIGHT_CSV_ERROR_NUL_BYTE,
  FREIGHT_CSV_ERROR_FIELD_TOO_LONG,
  FREIGHT_CSV_ERROR_EMPTY_HEADER,
  FREIGHT_CSV_ERROR_DUPLICATE_HEADER,
  FREIGHT_CSV_ERROR_EMPTY_FILE,
  FREIGHT_CSV_ERROR_ROW_TOO_LONG,
} FreightCsvError;

/**
 * FreightCsvReaderFlags:
 * @FREIGHT_CSV_READER_FLAGS_NONE: strict RFC 4180, the first row is the header
 * @FREIGHT_CSV_READER_LENIENT: accept quotes inside unquoted fields and text after a
 *   closing quote, as spreadsheets and hand-edited files have them, keeping the quote as data
 * @FREIGHT_CSV_READER_NO_HEADER: the first row is data; columns are named “Column 1”, …
 */
typedef enum
{
  FREIGHT_CSV_READER_FLAGS_NONE = 0,
  FREIGHT_CSV_READER_LENIENT    = 1 << 0,
  FREIGHT_CSV_READER_NO_HEADER  = 1 << 1,
} FreightCsvReaderFlags;

/**
 * FreightCsvQuoteMode:
 * @FREIGHT_CSV_QUOTE_WHEN_NEEDED: quote fields with the delimiter, a quote, CR, LF, or
 *   leading or trailing white space
 * @FREIGHT_CSV_QUOTE_ALWAYS: quote every field
 */
typedef enum
{
  FREIGHT_CSV_QUOTE_WHEN_NEEDED,
  FREIGHT_CSV_QUOTE_ALWAYS,
} FreightCsvQuoteMode;

/* The most characters Salesforce accepts in one field (a long text area). */
#define FREIGHT_CSV_MAX_FIELD_CHARS 131072

GQuark   freight_csv_error_quark         (void);
gboolean freight_csv_error_is_row_level (const GError *error);

G_END_DECLS
