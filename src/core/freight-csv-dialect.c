/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-csv-dialect"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-csv-dialect.h"
#include "freight-csv-private.h"

/* A CSV dialect (delimiter, encoding, line ending, BOM) and the names its parts go by: the
 * Bulk API's `columnDelimiter`/`lineEnding` values, the strings of CLI flags and summary.json,
 * and the labels the UI shows. */

typedef struct
{
  char        delimiter;
  const char *bulk_name;
  const char *display_name;
} DelimiterInfo;

static const DelimiterInfo delimiters[] = {
  { ',', "COMMA", N_("Comma") },
  { ';', "SEMICOLON", N_("Semicolon") },
  { '\t', "TAB", N_("Tab") },
  { '|', "PIPE", N_("Pipe") },
  { '^', "CARET", N_("Caret") },
  { '`', "BACKQUOTE", N_("Backquote") },
};

typedef struct
{
  const char *name;
  const char *display_name;
} EncodingInfo;

/* Indexed by FreightCsvEncoding; names as IANA registers them. */
static const EncodingInfo encodings[FREIGHT_CSV_N_ENCODINGS] = {
  { "UTF-8", N_("Unicode (UTF-8)") },
  { "UTF-16LE", N_("Unicode (UTF-16 little-endian)") },
  { "UTF-16BE", N_("Unicode (UTF-16 big-endian)") },
  { "windows-1252", N_("Western (Windows-1252)") },
  { "ISO-8859-1", N_("Western (ISO-8859-1)") },
};

static const struct
{
  const char *alias;
  FreightCsvEncoding encoding;
} encoding_aliases[] = {
  { "utf8", FREIGHT_CSV_ENCODING_UTF8 },
  { "utf16le", FREIGHT_CSV_ENCODING_UTF16LE },
  { "utf16be", FREIGHT_CSV_ENCODING_UTF16BE },
  { "cp1252", FREIGHT_CSV_ENCODING_WINDOWS_1252 },
  { "windows1252", FREIGHT_CSV_ENCODING_WINDOWS_1252 },
  { "win1252", FREIGHT_CSV_ENCODING_WINDOWS_1252 },
  { "iso88591", FREIGHT_CSV_ENCODING_ISO_8859_1 },
  { "latin1", FREIGHT_CSV_ENCODING_ISO_8859_1 },
  { "l1", FREIGHT_CSV_ENCODING_ISO_8859_1 },
};

typedef struct
{
  const char *name;
  const char *sequence;
  const char *display_name;
} LineEndingInfo;

static const LineEndingInfo line_endings[] = {
  { "LF", "\n", N_("Unix (LF)") },
  { "CRLF", "\r\n", N_("Windows (CRLF)") },
  { "CR", "\r", N_("Classic Mac (CR)") },
};

/**
 * freight_csv_dialect_init:
 * @dialect: the dialect to fill in
 *
 * Sets @dialect to what Salesforce expects: comma, UTF-8 without a BOM, LF.
 */
void
freight_csv_dialect_init (FreightCsvDialect *dialect)
{
  g_return_if_fail (dialect != NULL);

  dialect->delimiter = ',';
  dialect->encoding = FREIGHT_CSV_ENCODING_UTF8;
  dialect->line_ending = FREIGHT_CSV_LINE_ENDING_LF;
  dialect->has_bom = FALSE;
}

gboolean
freight_csv_dialect_equal (const FreightCsvDialect *a,
                           const FreightCsvDialect *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->delimiter == b->delimiter &&
         a->encoding == b->encoding &&
         a->line_ending == b->line_ending &&
         !a->has_bom == !b->has_bom;
}

static const DelimiterInfo *
find_delimiter (char delimiter)
{
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i].delimiter == delimiter)
      return &delimiters[i];
  return NULL;
}

/**
 * freight_csv_delimiter_to_bulk_name:
 * @delimiter: a delimiter character
 *
 * Returns: the Bulk API `columnDelimiter` value for @delimiter (`,` is "COMMA", `` ` `` is
 *   "BACKQUOTE", …), or %NULL when the Bulk API does not support it.
 */
const char *
freight_csv_delimiter_to_bulk_name (char delimiter)
{
  const DelimiterInfo *info = find_delimiter (delimiter);

  return info != NULL ? info->bulk_name : NULL;
}

/**
 * freight_csv_delimiter_from_bulk_name:
 * @name: a Bulk API `columnDelimiter` value, e.g. "SEMICOLON" (case-insensitive)
 * @delimiter: (out): the delimiter character
 *
 * Returns: %TRUE if @name is one of the six values the Bulk API knows
 */
gboolean
freight_csv_delimiter_from_bulk_name (const char *name,
                                      char       *delimiter)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (delimiter != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (g_ascii_strcasecmp (name, delimiters[i].bulk_name) == 0)
      {
        *delimiter = delimiters[i].delimiter;
        return TRUE;
      }
  return FALSE;
}

/**
 * freight_csv_delimiter_get_display_name:
 * @delimiter: a delimiter character
 *
 * Returns: a translated label for @delimiter ("Comma", …), or %NULL for an unknown one
 */
const char *
freight_csv_delimiter_get_display_name (char delimiter)
{
  const DelimiterInfo *info = find_delimiter (delimiter);

  return info != NULL ? _(info->display_name) : NULL;
}

/**
 * freight_csv_encoding_to_string:
 * @encoding: an encoding
 *
 * Returns: the IANA name of @encoding ("UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252",
 *   "ISO-8859-1"), as used in CLI flags and summary.json
 */
const char *
freight_csv_encoding_to_string (FreightCsvEncoding encoding)
{
  g_return_val_if_fail (encoding < FREIGHT_CSV_N_ENCODINGS, NULL);

  return encodings[encoding].name;
}

/* Lower-cases @string and drops '-', '_' and spaces, so "UTF-8", "utf8" and "Utf_8" match. */
static char *
normalize_name (const char *string)
{
  GString *s = g_string_new (NULL);

  for (const char *p = string; *p != '\0'; p++)
    if (*p != '-' && *p != '_' && *p != ' ')
      g_string_append_c (s, g_ascii_tolower (*p));
  return g_string_free (s, FALSE);
}

/**
 * freight_csv_encoding_from_string:
 * @string: an encoding name, case-insensitive: "UTF-8", "utf8", "UTF-16LE", "UTF-16BE",
 *   "windows-1252", "cp1252", "ISO-8859-1", "latin1", …
 * @encoding: (out): the encoding
 *
 * Returns: %TRUE if @string names an encoding Freight reads
 */
gboolean
freight_csv_encoding_from_string (const char         *string,
                                  FreightCsvEncoding *encoding)
{
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (string != NULL, FALSE);
  g_return_val_if_fail (encoding != NULL, FALSE);

  wanted = normalize_name (string);
  for (guint i = 0; i < FREIGHT_CSV_N_ENCODINGS; i++)
    {
      g_autofree char *name = normalize_name (encodings[i].name);

      if (g_str_equal (wanted, name))
        {
          *encoding = i;
          return TRUE;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (encoding_aliases); i++)
    if (g_str_equal (wanted, encoding_aliases[i].alias))
      {
        *encoding = encoding_aliases[i].encoding;
        return TRUE;
      }
  return FALSE;
}

/**
 * freight_csv_encoding_get_display_name:
 * @encoding: an encoding
 *
 * Returns: a translated label for @encoding, e.g. "Western (Windows-1252)"
 */
const char *
freight_csv_encoding_get_display_name (FreightCsvEncoding encoding)
{
  g_return_val_if_fail (encoding < FREIGHT_CSV_N_ENCODINGS, NULL);

  return _(encodings[encoding].display_name);
}

/**
 * freight_csv_line_ending_to_string:
 * @line_ending: a line ending
 *
 * Returns: "LF", "CRLF" or "CR" (the first two are also the Bulk API `lineEnding` values)
 */
const char *
freight_csv_line_ending_to_string (FreightCsvLineEnding line_ending)
{
  g_return_val_if_fail (line_ending <= FREIGHT_CSV_LINE_ENDING_CR, NULL);

  return line_endings[line_ending].name;
}

/**
 * freight_csv_line_ending_from_string:
 * @string: "LF", "CRLF" or "CR", case-insensitive
 * @line_ending: (out): the line ending
 *
 * Returns: %TRUE if @string names a line ending
 */
gboolean
freight_csv_line_ending_from_string (const char           *string,
                                     FreightCsvLineEnding *line_ending)
{
  g_return_val_if_fail (string != NULL, FALSE);
  g_return_val_if_fail (line_ending != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (line_endings); i++)
    if (g_ascii_strcasecmp (string, line_endings[i].name) == 0)
      {
        *line_ending = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * freight_csv_line_ending_get_sequence:
 * @line_ending: a line ending
 *
 * Returns: the characters of @line_ending: "\n", "\r\n" or "\r"
 */
const char *
freight_csv_line_ending_get_sequence (FreightCsvLineEnding line_ending)
{
  g_return_val_if_fail (line_ending <= FREIGHT_CSV_LINE_ENDING_CR, NULL);

  return line_endings[line_ending].sequence;
}

/**
 * freight_csv_line_ending_get_display_name:
 * @line_ending: a line ending
 *
 * Returns: a translated label for @line_ending, e.g. "Windows (CRLF)"
 */
const char *
freight_csv_line_ending_get_display_name (FreightCsvLineEnding line_ending)
{
  g_return_val_if_fail (line_ending <= FREIGHT_CSV_LINE_ENDING_CR, NULL);

  return _(line_endings[line_ending].display_name);
}
