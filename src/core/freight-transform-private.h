/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-transform.h"

G_BEGIN_DECLS

/* A transform whose values are read as @value_field's type while blanks clear (or may not
 * clear) @target_field: for a relationship column, the parent's key field and the lookup. */
FreightTransform  *_freight_transform_new_full (FreightDescribeField  *value_field,
                                                FreightDescribeField  *target_field,
                                                FreightValueFormat    *format,
                                                FreightBlankPolicy     blank_policy,
                                                GError               **error);

/* Whether freight_transform_apply() would send @value exactly as it is, with no flags and
 * no error: the load pipeline's quick check for the common case (text within its length,
 * plain numbers, ids, exact picklist values, blanks that leave fields as they are). FALSE
 * means "apply the transform", not that the value is wrong. */
gboolean           _freight_transform_passes_through (FreightTransform *self,
                                                      const char       *value,
                                                      gsize             length);

/* Shared by freight-transform.c and its parsers in freight-transform-datetime.c and
 * freight-transform-number.c. Parsers report why a value failed through a reason that
 * the transform turns into a message. */

typedef struct
{
  int      year;
  int      month;
  int      day;
  int      hour;
  int      minute;
  int      second;
  int      millisecond;
  int      offset_seconds;
  gboolean has_time;
  gboolean has_offset;
} FreightParsedDateTime;

typedef enum
{
  FREIGHT_PARSE_OK,
  FREIGHT_PARSE_SYNTAX,             /* not in the expected format */
  FREIGHT_PARSE_BAD_MONTH,
  FREIGHT_PARSE_BAD_DAY,
  FREIGHT_PARSE_BAD_TIME,
  FREIGHT_PARSE_OUT_OF_RANGE,
} FreightParseStatus;

FreightParseStatus _freight_parse_date_time    (const char            *text,
                                                gsize                  length,
                                                FreightDateFormat      format,
                                                FreightParsedDateTime *result);
FreightParseStatus _freight_parse_time_of_day  (const char            *text,
                                                gsize                  length,
                                                FreightParsedDateTime *result);
int                _freight_days_in_month      (int                    year,
                                                int                    month);
gint64             _freight_days_from_civil    (int                    year,
                                                int                    month,
                                                int                    day);
void               _freight_civil_from_days    (gint64                 days,
                                                int                   *year,
                                                int                   *month,
                                                int                   *day);

/* Local wall-clock seconds (since 1970-01-01 as if UTC) to UTC: the number of instants
 * that show that wall-clock time in @tz (0 in a gap, 2 in an overlap), earliest first in
 * @utc. For a gap, @utc[0] is where the wall clock would be had it not jumped (the time
 * read with the offset before the jump), and @gap_start/@gap_end the wall-clock times
 * the jump goes from and to. @zone is a number unique to @tz in this process (not 0). */
guint              _freight_resolve_local_time (GTimeZone             *tz,
                                                guint                  zone,
                                                gint64                 local,
                                                gint64                 utc[2],
                                                gint64                *gap_start,
                                                gint64                *gap_end);

typedef struct
{
  char     digits[80];                 /* significant digits, no leading zeros */
  guint    n_digits;
  int      point;                      /* digits before the decimal point */
  gboolean negative;
  gboolean percent;                    /* written with a % sign */
  gboolean currency;                   /* written with a currency symbol */
} FreightParsedNumber;

FreightParseStatus _freight_parse_number       (const char            *text,
                                                gsize                  length,
                                                gunichar               decimal,
                                                FreightDigitGrouping   grouping,
                                                FreightParsedNumber   *result);
gboolean           _freight_number_round       (FreightParsedNumber   *number,
                                                guint                  scale);
guint              _freight_number_integer_digits (const FreightParsedNumber *number);
gboolean           _freight_number_has_fraction   (const FreightParsedNumber *number);
void               _freight_number_format      (const FreightParsedNumber *number,
                                                GString               *out);

G_END_DECLS
