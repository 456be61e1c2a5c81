/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * FreightDateFormat:
 * @FREIGHT_DATE_FORMAT_ISO: `yyyy-MM-dd`, optionally `THH:mm:ss.SSS` and an offset
 * @FREIGHT_DATE_FORMAT_DMY_DOT: `dd.MM.yyyy` (German, Swiss, …)
 * @FREIGHT_DATE_FORMAT_DMY_SLASH: `dd/MM/yyyy` (British, French, …)
 * @FREIGHT_DATE_FORMAT_MDY_SLASH: `MM/dd/yyyy` (US)
 * @FREIGHT_DATE_FORMAT_YMD_SLASH: `yyyy/MM/dd` (Japanese, …)
 * @FREIGHT_DATE_FORMAT_DMY_DASH: `dd-MM-yyyy` (Dutch, …)
 * @FREIGHT_DATE_FORMAT_EXCEL_SERIAL: spreadsheet day numbers (45000 is 2023-03-15), with
 *   the time of day as a fraction
 *
 * How dates are written in a source column. Besides the chosen format, ISO dates
 * (`yyyy-MM-dd`) are always understood: they cannot be mistaken for another format. Day
 * and month may have one digit; formats other than ISO accept two-digit years as
 * spreadsheets do (00–29 are 2000–2029, 30–99 are 1930–1999). A time may follow the date
 * after a space (or `T`): `H:mm`, `H:mm:ss` or `H:mm:ss.SSS`, with `AM`/`PM` for a 12-hour
 * clock, and an offset (`Z`, `+02:00`, `-0500`) that overrides the time zone.
 */
typedef enum
{
  FREIGHT_DATE_FORMAT_ISO,
  FREIGHT_DATE_FORMAT_DMY_DOT,
  FREIGHT_DATE_FORMAT_DMY_SLASH,
  FREIGHT_DATE_FORMAT_MDY_SLASH,
  FREIGHT_DATE_FORMAT_YMD_SLASH,
  FREIGHT_DATE_FORMAT_DMY_DASH,
  FREIGHT_DATE_FORMAT_EXCEL_SERIAL,
} FreightDateFormat;

/**
 * FreightDecimalSeparator:
 * @FREIGHT_DECIMAL_SEPARATOR_POINT: `1234.5`
 * @FREIGHT_DECIMAL_SEPARATOR_COMMA: `1234,5`
 */
typedef enum
{
  FREIGHT_DECIMAL_SEPARATOR_POINT,
  FREIGHT_DECIMAL_SEPARATOR_COMMA,
} FreightDecimalSeparator;

/**
 * FreightDigitGrouping:
 * @FREIGHT_DIGIT_GROUPING_NONE: `1234567`
 * @FREIGHT_DIGIT_GROUPING_COMMA: `1,234,567`
 * @FREIGHT_DIGIT_GROUPING_POINT: `1.234.567`
 * @FREIGHT_DIGIT_GROUPING_SPACE: `1 234 567` (also with no-break and narrow no-break spaces)
 * @FREIGHT_DIGIT_GROUPING_APOSTROPHE: `1'234'567` (also with ’)
 *
 * The separator between groups of three digits. Numbers without it are understood too.
 */
typedef enum
{
  FREIGHT_DIGIT_GROUPING_NONE,
  FREIGHT_DIGIT_GROUPING_COMMA,
  FREIGHT_DIGIT_GROUPING_POINT,
  FREIGHT_DIGIT_GROUPING_SPACE,
  FREIGHT_DIGIT_GROUPING_APOSTROPHE,
} FreightDigitGrouping;

#define FREIGHT_TYPE_DATE_FORMAT (freight_date_format_get_type ())
#define FREIGHT_TYPE_DECIMAL_SEPARATOR (freight_decimal_separator_get_type ())
#define FREIGHT_TYPE_DIGIT_GROUPING (freight_digit_grouping_get_type ())
#define FREIGHT_TYPE_VALUE_FORMAT (freight_value_format_get_type ())

G_DECLARE_FINAL_TYPE (FreightValueFormat, freight_value_format, FREIGHT, VALUE_FORMAT, GObject)

GType                   freight_date_format_get_type (void) G_GNUC_CONST;
GType                   freight_decimal_separator_get_type (void) G_GNUC_CONST;
GType                   freight_digit_grouping_get_type (void) G_GNUC_CONST;
const char             *freight_date_format_get_pattern (FreightDateFormat format);

FreightValueFormat     *freight_value_format_new (void);
FreightValueFormat     *freight_value_format_copy (FreightValueFormat *self);
gboolean                freight_value_format_equal (FreightValueFormat *a,
                                                    FreightValueFormat *b);

FreightDateFormat       freight_value_format_get_date_format (FreightValueFormat *self);
void                    freight_value_format_set_date_format (FreightValueFormat *self,
                                                              FreightDateFormat   date_format);
const char             *freight_value_format_get_time_zone (FreightValueFormat *self);
void                    freight_value_format_set_time_zone (FreightValueFormat *self,
                                                            const char         *time_zone);
FreightDecimalSeparator freight_value_format_get_decimal_separator (FreightValueFormat *self);
void                    freight_value_format_set_decimal_separator
                                (FreightValueFormat      *self,
                                 FreightDecimalSeparator  separator);
FreightDigitGrouping    freight_value_format_get_digit_grouping (FreightValueFormat *self);
void                    freight_value_format_set_digit_grouping (FreightValueFormat   *self,
                                                                 FreightDigitGrouping  grouping);
const char * const     *freight_value_format_get_true_words (FreightValueFormat *self);
void                    freight_value_format_set_true_words (FreightValueFormat *self,
                                                             const char * const *words);
const char * const     *freight_value_format_get_false_words (FreightValueFormat *self);
void                    freight_value_format_set_false_words (FreightValueFormat *self,
                                                              const char * const *words);

JsonNode               *freight_value_format_to_json (FreightValueFormat *self);
FreightValueFormat     *freight_value_format_new_from_json (JsonNode  *node,
                                                            GError   **error);

G_END_DECLS
