/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-soql"

#include "config.h"

#include <string.h>

#include "lo-soql-private.h"

/* 0001-01-01 and 9999-12-31, as days since 1970-01-01. */
#define MIN_DAY G_GINT64_CONSTANT (-719162)
#define MAX_DAY G_GINT64_CONSTANT (2932896)

/* LAST_N_DAYS:n and friends clamp n here: past it every range already reaches beyond the
 * storable dates, and the arithmetic below stays far from overflowing. */
#define MAX_N G_GINT64_CONSTANT (10000000)

static const struct
{
  const char        *name;
  LoSoqlDateFormula  formula;
  gboolean           takes_n;
} formulas[] = {
  { "YESTERDAY", LO_SOQL_DATE_YESTERDAY, FALSE },
  { "TODAY", LO_SOQL_DATE_TODAY, FALSE },
  { "TOMORROW", LO_SOQL_DATE_TOMORROW, FALSE },
  { "LAST_WEEK", LO_SOQL_DATE_LAST_WEEK, FALSE },
  { "THIS_WEEK", LO_SOQL_DATE_THIS_WEEK, FALSE },
  { "NEXT_WEEK", LO_SOQL_DATE_NEXT_WEEK, FALSE },
  { "LAST_MONTH", LO_SOQL_DATE_LAST_MONTH, FALSE },
  { "THIS_MONTH", LO_SOQL_DATE_THIS_MONTH, FALSE },
  { "NEXT_MONTH", LO_SOQL_DATE_NEXT_MONTH, FALSE },
  { "LAST_90_DAYS", LO_SOQL_DATE_LAST_90_DAYS, FALSE },
  { "NEXT_90_DAYS", LO_SOQL_DATE_NEXT_90_DAYS, FALSE },
  { "LAST_N_DAYS", LO_SOQL_DATE_LAST_N_DAYS, TRUE },
  { "NEXT_N_DAYS", LO_SOQL_DATE_NEXT_N_DAYS, TRUE },
  { "N_DAYS_AGO", LO_SOQL_DATE_N_DAYS_AGO, TRUE },
  { "LAST_N_WEEKS", LO_SOQL_DATE_LAST_N_WEEKS, TRUE },
  { "NEXT_N_WEEKS", LO_SOQL_DATE_NEXT_N_WEEKS, TRUE },
  { "N_WEEKS_AGO", LO_SOQL_DATE_N_WEEKS_AGO, TRUE },
  { "LAST_N_MONTHS", LO_SOQL_DATE_LAST_N_MONTHS, TRUE },
  { "NEXT_N_MONTHS", LO_SOQL_DATE_NEXT_N_MONTHS, TRUE },
  { "N_MONTHS_AGO", LO_SOQL_DATE_N_MONTHS_AGO, TRUE },
  { "THIS_QUARTER", LO_SOQL_DATE_THIS_QUARTER, FALSE },
  { "LAST_QUARTER", LO_SOQL_DATE_LAST_QUARTER, FALSE },
  { "NEXT_QUARTER", LO_SOQL_DATE_NEXT_QUARTER, FALSE },
  { "LAST_N_QUARTERS", LO_SOQL_DATE_LAST_N_QUARTERS, TRUE },
  { "NEXT_N_QUARTERS", LO_SOQL_DATE_NEXT_N_QUARTERS, TRUE },
  { "N_QUARTERS_AGO", LO_SOQL_DATE_N_QUARTERS_AGO, TRUE },
  { "THIS_YEAR", LO_SOQL_DATE_THIS_YEAR, FALSE },
  { "LAST_YEAR", LO_SOQL_DATE_LAST_YEAR, FALSE },
  { "NEXT_YEAR", LO_SOQL_DATE_NEXT_YEAR, FALSE },
  { "LAST_N_YEARS", LO_SOQL_DATE_LAST_N_YEARS, TRUE },
  { "NEXT_N_YEARS", LO_SOQL_DATE_NEXT_N_YEARS, TRUE },
  { "N_YEARS_AGO", LO_SOQL_DATE_N_YEARS_AGO, TRUE },
  /* The local org keeps Salesforce's default fiscal year: it starts in January, so fiscal
   * quarters and years are calendar ones. */
  { "THIS_FISCAL_QUARTER", LO_SOQL_DATE_THIS_QUARTER, FALSE },
  { "LAST_FISCAL_QUARTER", LO_SOQL_DATE_LAST_QUARTER, FALSE },
  { "NEXT_FISCAL_QUARTER", LO_SOQL_DATE_NEXT_QUARTER, FALSE },
  { "LAST_N_FISCAL_QUARTERS", LO_SOQL_DATE_LAST_N_QUARTERS, TRUE },
  { "NEXT_N_FISCAL_QUARTERS", LO_SOQL_DATE_NEXT_N_QUARTERS, TRUE },
  { "N_FISCAL_QUARTERS_AGO", LO_SOQL_DATE_N_QUARTERS_AGO, TRUE },
  { "THIS_FISCAL_YEAR", LO_SOQL_DATE_THIS_YEAR, FALSE },
  { "LAST_FISCAL_YEAR", LO_SOQL_DATE_LAST_YEAR, FALSE },
  { "NEXT_FISCAL_YEAR", LO_SOQL_DATE_NEXT_YEAR, FALSE },
  { "LAST_N_FISCAL_YEARS", LO_SOQL_DATE_LAST_N_YEARS, TRUE },
  { "NEXT_N_FISCAL_YEARS", LO_SOQL_DATE_NEXT_N_YEARS, TRUE },
  { "N_FISCAL_YEARS_AGO", LO_SOQL_DATE_N_YEARS_AGO, TRUE },
};

/* H. Hinnant's days_from_civil / civil_from_days, for any year without overflow here. */
static gint64
days_from_civil (gint64 y,
                 gint64 m,
                 gint64 d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 gint64 *year,
                 gint64 *month,
                 gint64 *day)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = yoe + era * 400 + (*month <= 2);
}

static gint64
days_in_month (gint64 year,
               gint64 month)
{
  static const guint8 lengths[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  return month == 2 && leap ? 29 : lengths[month - 1];
}

/* ISO weekday, Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
static gint64
weekday_of (gint64 day)
{
  return ((day % 7) + 7 + 3) % 7 + 1;
}

/* The first day of month number @index, counted as year * 12 + month - 1. */
static gint64
month_start (gint64 index)
{
  gint64 year = index >= 0 ? index / 12 : (index - 11) / 12;

  return days_from_civil (year, index - year * 12 + 1, 1);
}

gboolean
_lo_soql_date_formula_lookup (const char        *word,
                              LoSoqlDateFormula *formula,
                              gboolean          *takes_n)
{
  for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
    if (g_ascii_strcasecmp (formulas[i].name, word) == 0)
      {
        *formula = formulas[i].formula;
        *takes_n = formulas[i].takes_n;
        return TRUE;
      }
  return FALSE;
}

static LoSoqlBound
bound (gint64 day)
{
  LoSoqlBound result = { LO_SOQL_BOUND_DAY, day };

  if (day < MIN_DAY)
    result.kind = LO_SOQL_BOUND_BEFORE_ALL;
  else if (day > MAX_DAY)
    result.kind = LO_SOQL_BOUND_AFTER_ALL;
  return result;
}

/**
 * _lo_soql_date_formula_range:
 * @today: the user's current date
 *
 * Computes the days a relative date literal covers, as Salesforce's "Date Formats and Date
 * Literals in WHERE" defines them: LAST_N_DAYS:n and LAST_90_DAYS include today, NEXT_N_DAYS:n
 * and NEXT_90_DAYS start tomorrow, LAST_N_WEEKS/MONTHS/QUARTERS/YEARS:n are the n whole units
 * before the current one and NEXT_N_…:n the n whole units after it. Weeks start on
 * @first_day_of_week.
 */
void
_lo_soql_date_formula_range (LoSoqlDateFormula  formula,
                             gint64             n,
                             gint64             today,
                             GDateWeekday       first_day_of_week,
                             LoSoqlDayRange    *range)
{
  gint64 year, month, day, week, mon, quarter, jan;
  gint64 start, end;

  g_assert (first_day_of_week >= G_DATE_MONDAY && first_day_of_week <= G_DATE_SUNDAY);

  n = CLAMP (n, -MAX_N, MAX_N);
  civil_from_days (today, &year, &month, &day);
  week = today - (weekday_of (today) - first_day_of_week + 7) % 7;
  mon = year * 12 + month - 1;
  quarter = mon - (month - 1) % 3;
  jan = year * 12;

  switch (formula)
    {
    case LO_SOQL_DATE_YESTERDAY: start = today - 1; end = today; break;
    case LO_SOQL_DATE_TODAY: start = today; end = today + 1; break;
    case LO_SOQL_DATE_TOMORROW: start = today + 1; end = today + 2; break;
    case LO_SOQL_DATE_LAST_WEEK: start = week - 7; end = week; break;
    case LO_SOQL_DATE_THIS_WEEK: start = week; end = week + 7; break;
    case LO_SOQL_DATE_NEXT_WEEK: start = week + 7; end = week + 14; break;
    case LO_SOQL_DATE_LAST_90_DAYS: start = today - 90; end = today + 1; break;
    case LO_SOQL_DATE_NEXT_90_DAYS: start = today + 1; end = today + 91; break;
    case LO_SOQL_DATE_LAST_N_DAYS: start = today - n; end = today + 1; break;
    case LO_SOQL_DATE_NEXT_N_DAYS: start = today + 1; end = today + 1 + n; break;
    case LO_SOQL_DATE_N_DAYS_AGO: start = today - n; end = start + 1; break;
    case LO_SOQL_DATE_LAST_N_WEEKS: start = week - 7 * n; end = week; break;
    case LO_SOQL_DATE_NEXT_N_WEEKS: start = week + 7; end = week + 7 + 7 * n; break;
    case LO_SOQL_DATE_N_WEEKS_AGO: start = week - 7 * n; end = start + 7; break;
    case LO_SOQL_DATE_LAST_MONTH:
      start = month_start (mon - 1); end = month_start (mon); break;
    case LO_SOQL_DATE_THIS_MONTH:
      start = month_start (mon); end = month_start (mon + 1); break;
    case LO_SOQL_DATE_NEXT_MONTH:
      start = month_start (mon + 1); end = month_start (mon + 2); break;
    case LO_SOQL_DATE_LAST_N_MONTHS:
      start = month_start (mon - n); end = month_start (mon); break;
    case LO_SOQL_DATE_NEXT_N_MONTHS:
      start = month_start (mon + 1); end = month_start (mon + 1 + n); break;
    case LO_SOQL_DATE_N_MONTHS_AGO:
      start = month_start (mon - n); end = month_start (mon - n + 1); break;
    case LO_SOQL_DATE_THIS_QUARTER:
      start = month_start (quarter); end = month_start (quarter + 3); break;
    case LO_SOQL_DATE_LAST_QUARTER:
      start = month_start (quarter - 3); end = month_start (quarter); break;
    case LO_SOQL_DATE_NEXT_QUARTER:
      start = month_start (quarter + 3); end = month_start (quarter + 6); break;
    case LO_SOQL_DATE_LAST_N_QUARTERS:
      start = month_start (quarter - 3 * n); end = month_start (quarter); break;
    case LO_SOQL_DATE_NEXT_N_QUARTERS:
      start = month_start (quarter + 3); end = month_start (quarter + 3 + 3 * n); break;
    case LO_SOQL_DATE_N_QUARTERS_AGO:
      start = month_start (quarter - 3 * n); end = month_start (quarter - 3 * n + 3); break;
    case LO_SOQL_DATE_THIS_YEAR:
      start = month_start (jan); end = month_start (jan + 12); break;
    case LO_SOQL_DATE_LAST_YEAR:
      start = month_start (jan - 12); end = month_start (jan); break;
    case LO_SOQL_DATE_NEXT_YEAR:
      start = month_start (jan + 12); end = month_start (jan + 24); break;
    case LO_SOQL_DATE_LAST_N_YEARS:
      start = month_start (jan - 12 * n); end = month_start (jan); break;
    case LO_SOQL_DATE_NEXT_N_YEARS:
      start = month_start (jan + 12); end = month_start (jan + 12 + 12 * n); break;
    case LO_SOQL_DATE_N_YEARS_AGO:
      start = month_start (jan - 12 * n); end = month_start (jan - 12 * n + 12); break;
    default:
      g_assert_not_reached ();
    }

  range->start = bound (start);
  range->end = bound (end);
}

/* The user's current date, as days since 1970-01-01. */
gint64
_lo_soql_today (GDateTime *now,
                GTimeZone *time_zone)
{
  g_autoptr(GDateTime) local = NULL;

  local = now != NULL ? g_date_time_to_timezone (now, time_zone)
                      : g_date_time_new_now (time_zone);
  /* Only a clock at the very end of year 9999 falls outside GLib's range once moved. */
  if (local == NULL)
    local = g_date_time_ref (now);
  return days_from_civil (g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local));
}

static gboolean
parse_digits (const char *s,
              guint       count,
              gint64     *value)
{
  *value = 0;
  for (guint i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      *value = *value * 10 + (s[i] - '0');
    }
  return TRUE;
}

static gboolean
parse_ymd (const char *text,
           gint64     *day)
{
  gint64 year, month, mday;

  if (!parse_digits (text, 4, &year) || text[4] != '-' || !parse_digits (text + 5, 2, &month)
      || text[7] != '-' || !parse_digits (text + 8, 2, &mday))
    return FALSE;
  if (year < 1 || month < 1 || month > 12 || mday < 1 || mday > days_in_month (year, month))
    return FALSE;
  *day = days_from_civil (year, month, mday);
  return TRUE;
}

/* A date literal, YYYY-MM-DD, of a real calendar day. */
gboolean
_lo_soql_parse_date (const char *text,
                     gint64     *day)
{
  return strlen (text) == 10 && parse_ymd (text, day);
}

/**
 * _lo_soql_parse_datetime:
 * @utc: (out caller-allocates): the instant as stored, "YYYY-MM-DDTHH:MM:SS.sssZ"
 *
 * Parses YYYY-MM-DDThh:mm:ss[.fff] followed by Z or an offset (+hh:mm, +hhmm, +hh), as
 * Salesforce's grammar allows. Salesforce's own grammar has no fraction; accepting one costs
 * nothing and many tools send ".000Z".
 */
gboolean
_lo_soql_parse_datetime (const char *text,
                         char        utc[25])
{
  gint64 day, hour, minute, second, millis = 0, offset = 0, seconds;
  gint64 year, month, mday, oh = 0, om = 0;
  const char *p = text + 19;

  if (strlen (text) < 20 || !parse_ymd (text, &day) || (text[10] != 'T' && text[10] != 't')
      || !parse_digits (text + 11, 2, &hour) || text[13] != ':'
      || !parse_digits (text + 14, 2, &minute) || text[16] != ':'
      || !parse_digits (text + 17, 2, &second) || hour > 23 || minute > 59 || second > 59)
    return FALSE;

  if (*p == '.')
    {
      gint64 scale = 100;

      if (!g_ascii_isdigit (p[1]))
        return FALSE;
      for (p++; g_ascii_isdigit (*p); p++, scale /= 10)
        millis += (*p - '0') * scale;
    }

  if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
    offset = 0;
  else if (*p == '+' || *p == '-')
    {
      gsize rest = strlen (p + 1);

      if (!parse_digits (p + 1, 2, &oh)
          || !(rest == 2 || (rest == 4 && parse_digits (p + 3, 2, &om))
               || (rest == 5 && p[3] == ':' && parse_digits (p + 4, 2, &om)))
          || oh > 23 || om > 59)
        return FALSE;
      offset = (*p == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    }
  else
    return FALSE;

  seconds = day * 86400 + hour * 3600 + minute * 60 + second - offset;
  day = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  seconds -= day * 86400;
  if (day < MIN_DAY || day > MAX_DAY)
    return FALSE;
  civil_from_days (day, &year, &month, &mday);
  g_snprintf (utc, 25, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", (int) year, (int) month,
              (int) mday, (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60),
              (int) millis);
  return TRUE;
}

/* "YYYY-MM-DD", as date fields are stored. */
char *
_lo_soql_format_day (gint64 day)
{
  gint64 year, month, mday;

  g_assert (day >= MIN_DAY && day <= MAX_DAY);
  civil_from_days (day, &year, &month, &mday);
  return g_strdup_printf ("%04d-%02d-%02d", (int) year, (int) month, (int) mday);
}

/**
 * _lo_soql_format_day_start:
 *
 * Returns: (nullable): the UTC instant the day starts at in @time_zone, as datetime fields
 *   are stored, or %NULL when that instant falls outside years 1 to 9999. Where a DST change
 *   skips midnight, GLib moves the start to the first existing local time.
 */
char *
_lo_soql_format_day_start (gint64     day,
                           GTimeZone *time_zone)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  gint64 year, month, mday;

  g_assert (day >= MIN_DAY && day <= MAX_DAY);
  civil_from_days (day, &year, &month, &mday);
  local = g_date_time_new (time_zone, year, month, mday, 0, 0, 0);
  if (local == NULL || (utc = g_date_time_to_utc (local)) == NULL)
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.000Z", g_date_time_get_year (utc),
                          g_date_time_get_month (utc), g_date_time_get_day_of_month (utc),
                          g_date_time_get_hour (utc), g_date_time_get_minute (utc),
                          g_date_time_get_second (utc));
}
