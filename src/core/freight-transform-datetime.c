/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-transform"

#include "config.h"

#include <math.h>
#include <string.h>

#include "freight-transform-private.h"

/* Dates are calendar dates: they are parsed into year, month and day and written back
 * from those, never through an instant, so no time zone can move them by a day. */

#define MIN_YEAR 1700
#define MAX_YEAR 4000

typedef struct
{
  const char *p;
  const char *end;
} Cursor;

static gboolean
at_end (const Cursor *c)
{
  return c->p >= c->end;
}

static gboolean
peek (const Cursor *c,
      char          ch)
{
  return c->p < c->end && *c->p == ch;
}

static gboolean
accept (Cursor *c,
        char    ch)
{
  if (!peek (c, ch))
    return FALSE;
  c->p++;
  return TRUE;
}

static gboolean
skip_spaces (Cursor *c)
{
  const char *start = c->p;

  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
    c->p++;
  return c->p > start;
}

/* Reads at least @min and at most @max digits; returns how many, 0 if fewer than @min. */
static guint
read_digits (Cursor *c,
             guint   min,
             guint   max,
             int    *value)
{
  guint n = 0;
  int v = 0;

  while (n < max && c->p + n < c->end && g_ascii_isdigit (c->p[n]))
    {
      v = v * 10 + (c->p[n] - '0');
      n++;
    }
  if (n < min)
    return 0;
  c->p += n;
  *value = v;
  return n;
}

static gboolean
read_year (Cursor *c,
           int    *year)
{
  guint n = read_digits (c, 2, 4, year);

  if (n == 2)
    {
      /* Spreadsheets' two-digit year window. */
      *year += *year < 30 ? 2000 : 1900;
      return TRUE;
    }
  return n == 4;
}

static gboolean
looks_iso (const Cursor *c)
{
  if (c->end - c->p < 5)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (c->p[i]))
      return FALSE;
  return c->p[4] == '-';
}

static gboolean
parse_ymd (Cursor                *c,
           char                   separator,
           FreightParsedDateTime *r)
{
  return read_digits (c, 4, 4, &r->year) && accept (c, separator)
         && read_digits (c, 1, 2, &r->month) && accept (c, separator)
         && read_digits (c, 1, 2, &r->day);
}

static gboolean
parse_date_part (Cursor                *c,
                 FreightDateFormat      format,
                 FreightParsedDateTime *r)
{
  if (looks_iso (c))
    return parse_ymd (c, '-', r);

  switch (format)
    {
    case FREIGHT_DATE_FORMAT_DMY_DOT:
      return read_digits (c, 1, 2, &r->day) && accept (c, '.')
             && read_digits (c, 1, 2, &r->month) && accept (c, '.') && read_year (c, &r->year);
    case FREIGHT_DATE_FORMAT_DMY_SLASH:
      return read_digits (c, 1, 2, &r->day) && accept (c, '/')
             && read_digits (c, 1, 2, &r->month) && accept (c, '/') && read_year (c, &r->year);
    case FREIGHT_DATE_FORMAT_MDY_SLASH:
      return read_digits (c, 1, 2, &r->month) && accept (c, '/')
             && read_digits (c, 1, 2, &r->day) && accept (c, '/') && read_year (c, &r->year);
    case FREIGHT_DATE_FORMAT_YMD_SLASH:
      return parse_ymd (c, '/', r);
    case FREIGHT_DATE_FORMAT_DMY_DASH:
      return read_digits (c, 1, 2, &r->day) && accept (c, '-')
             && read_digits (c, 1, 2, &r->month) && accept (c, '-') && read_year (c, &r->year);
    case FREIGHT_DATE_FORMAT_ISO:
    case FREIGHT_DATE_FORMAT_EXCEL_SERIAL:
    default:
      return FALSE;
    }
}

static gboolean
accept_word (Cursor     *c,
             const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (c->end - c->p) < len || g_ascii_strncasecmp (c->p, word, len) != 0)
    return FALSE;
  c->p += len;
  return TRUE;
}

/* `Z`, `UTC`, `GMT`, `+HH`, `+HHMM`, `+HH:MM` */
static gboolean
parse_offset (Cursor                *c,
              FreightParsedDateTime *r)
{
  int sign;
  int hours;
  int minutes = 0;

  if (accept (c, 'Z') || accept (c, 'z') || accept_word (c, "UTC") || accept_word (c, "GMT"))
    {
      r->has_offset = TRUE;
      r->offset_seconds = 0;
      return TRUE;
    }
  if (accept (c, '+'))
    sign = 1;
  else if (accept (c, '-'))
    sign = -1;
  else
    return FALSE;
  if (!read_digits (c, 2, 2, &hours))
    return FALSE;
  if (accept (c, ':'))
    {
      if (!read_digits (c, 2, 2, &minutes))
        return FALSE;
    }
  else if (!at_end (c) && g_ascii_isdigit (*c->p) && !read_digits (c, 2, 2, &minutes))
    return FALSE;
  if (hours > 18 || minutes > 59)
    return FALSE;
  r->has_offset = TRUE;
  r->offset_seconds = sign * (hours * 3600 + minutes * 60);
  return TRUE;
}

/* H:mm[:ss[.fff]] [AM|PM] */
static FreightParseStatus
parse_time_part (Cursor                *c,
                 FreightParsedDateTime *r)
{
  gboolean am = FALSE;
  gboolean pm = FALSE;

  if (!read_digits (c, 1, 2, &r->hour) || !accept (c, ':')
      || !read_digits (c, 2, 2, &r->minute))
    return FREIGHT_PARSE_SYNTAX;
  if (accept (c, ':'))
    {
      if (!read_digits (c, 2, 2, &r->second))
        return FREIGHT_PARSE_SYNTAX;
      if (accept (c, '.') || accept (c, ','))
        {
          int digit;
          guint n = 0;

          /* Milliseconds; finer digits are dropped, as Salesforce keeps milliseconds. */
          while (read_digits (c, 1, 1, &digit))
            {
              if (n < 3)
                r->millisecond = r->millisecond * 10 + digit;
              n++;
            }
          if (n == 0)
            return FREIGHT_PARSE_SYNTAX;
          for (; n < 3; n++)
            r->millisecond *= 10;
        }
    }
  r->has_time = TRUE;

  skip_spaces (c);
  if (accept_word (c, "am") || accept_word (c, "a.m."))
    am = TRUE;
  else if (accept_word (c, "pm") || accept_word (c, "p.m."))
    pm = TRUE;

  if (am || pm)
    {
      if (r->hour < 1 || r->hour > 12)
        return FREIGHT_PARSE_BAD_TIME;
      r->hour = r->hour % 12 + (pm ? 12 : 0);
    }
  if (r->hour > 23 || r->minute > 59 || r->second > 59)
    return FREIGHT_PARSE_BAD_TIME;
  return FREIGHT_PARSE_OK;
}

static FreightParseStatus
check_date (const FreightParsedDateTime *r)
{
  if (r->month < 1 || r->month > 12)
    return FREIGHT_PARSE_BAD_MONTH;
  if (r->day < 1 || r->day > _freight_days_in_month (r->year, r->month))
    return FREIGHT_PARSE_BAD_DAY;
  if (r->year < MIN_YEAR || r->year > MAX_YEAR)
    return FREIGHT_PARSE_OUT_OF_RANGE;
  return FREIGHT_PARSE_OK;
}

/* Spreadsheet day numbers count from 1900-01-01 as day 1 and believe in 1900-02-29 (day
 * 60), so from day 61 on they count from 1899-12-30. */
static FreightParseStatus
parse_excel_serial (Cursor                *c,
                    FreightParsedDateTime *r)
{
  gint64 serial = 0;
  gint64 day_number;
  double fraction = 0;
  double scale = 0.1;
  guint n = 0;
  gint64 ms;

  while (!at_end (c) && g_ascii_isdigit (*c->p) && n < 7)
    {
      serial = serial * 10 + (*c->p++ - '0');
      n++;
    }
  if (n == 0)
    return FREIGHT_PARSE_SYNTAX;
  if (accept (c, '.') || accept (c, ','))
    {
      while (!at_end (c) && g_ascii_isdigit (*c->p))
        {
          fraction += (*c->p++ - '0') * scale;
          scale /= 10;
        }
    }
  if (!at_end (c))
    return FREIGHT_PARSE_SYNTAX;
  if (serial == 60)
    {
      r->year = 1900, r->month = 2, r->day = 29;
      return FREIGHT_PARSE_BAD_DAY;
    }

  ms = (gint64) llround (fraction * 86400000.0);
  if (ms >= 86400000)
    {
      serial++;
      ms = 0;
    }
  day_number = _freight_days_from_civil (1899, 12, serial < 60 ? 31 : 30) + serial;
  _freight_civil_from_days (day_number, &r->year, &r->month, &r->day);
  if (fraction > 0 || ms > 0)
    {
      r->has_time = TRUE;
      r->hour = ms / 3600000;
      r->minute = ms / 60000 % 60;
      r->second = ms / 1000 % 60;
      r->millisecond = ms % 1000;
    }
  return check_date (r);
}

/**
 * _freight_parse_date_time:
 *
 * Parses a date with an optional time of day and offset (see #FreightDateFormat).
 */
FreightParseStatus
_freight_parse_date_time (const char            *text,
                          gsize                  length,
                          FreightDateFormat      format,
                          FreightParsedDateTime *r)
{
  Cursor c = { text, text + length };
  FreightParseStatus status;

  memset (r, 0, sizeof *r);

  if (format == FREIGHT_DATE_FORMAT_EXCEL_SERIAL && !looks_iso (&c))
    return parse_excel_serial (&c, r);

  if (!parse_date_part (&c, format, r))
    return FREIGHT_PARSE_SYNTAX;
  status = check_date (r);
  if (status != FREIGHT_PARSE_OK || at_end (&c))
    return status;

  /* `1940-06-07Z`: a date with an offset, as Salesforce's own samples have it. */
  if (parse_offset (&c, r))
    return at_end (&c) ? FREIGHT_PARSE_OK : FREIGHT_PARSE_SYNTAX;

  if (!accept (&c, 'T') && !accept (&c, 't') && !skip_spaces (&c))
    return FREIGHT_PARSE_SYNTAX;
  status = parse_time_part (&c, r);
  if (status != FREIGHT_PARSE_OK)
    return status;
  skip_spaces (&c);
  if (!at_end (&c) && !parse_offset (&c, r))
    return FREIGHT_PARSE_SYNTAX;
  return at_end (&c) ? FREIGHT_PARSE_OK : FREIGHT_PARSE_SYNTAX;
}

/**
 * _freight_parse_time_of_day:
 *
 * Parses `H:mm[:ss[.SSS]]` with an optional `AM`/`PM` and a trailing `Z`.
 */
FreightParseStatus
_freight_parse_time_of_day (const char            *text,
                            gsize                  length,
                            FreightParsedDateTime *r)
{
  Cursor c = { text, text + length };
  FreightParseStatus status;

  memset (r, 0, sizeof *r);
  status = parse_time_part (&c, r);
  if (status != FREIGHT_PARSE_OK)
    return status;
  skip_spaces (&c);
  accept (&c, 'Z');
  return at_end (&c) ? FREIGHT_PARSE_OK : FREIGHT_PARSE_SYNTAX;
}

int
_freight_days_in_month (int year,
                        int month)
{
  g_assert (month >= 1 && month <= 12);
  return g_date_get_days_in_month (month, CLAMP (year, 1, G_MAXUINT16));
}

/* Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm). */
gint64
_freight_days_from_civil (int year,
                          int month,
                          int day)
{
  gint64 y = year - (month <= 2 ? 1 : 0);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

void
_freight_civil_from_days (gint64  days,
                          int    *year,
                          int    *month,
                          int    *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;

  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (yoe + era * 400 + (*month <= 2 ? 1 : 0));
}

static gint32
find_offset (GTimeZone *tz,
             gint64     utc)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc);

  return g_time_zone_get_offset (tz, interval);
}

/* g_time_zone_find_interval() walks the zone's transitions one by one, and resolving a
 * local time asks it about five times. Each thread remembers, per UTC day, whether a
 * zone keeps one offset all day (zones change offset at most once a day), so a file of
 * datetimes asks GLib about each day only twice. */
#define N_CACHED_DAYS 512

typedef struct
{
  guint    zone;                /* the transform's zone serial; 0 for an empty slot */
  gint64   day;
  gint32   offset;
  gboolean uniform;
} CachedDay;

static _Thread_local CachedDay cached_days[N_CACHED_DAYS];

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static gint32
offset_at (GTimeZone *tz,
           guint      zone,
           gint64     utc)
{
  gint64 day = floor_div (utc, 86400);
  CachedDay *slot = &cached_days[(guint64) day % N_CACHED_DAYS];

  if (slot->zone != zone || slot->day != day)
    {
      gint32 first = find_offset (tz, day * 86400);

      slot->zone = zone;
      slot->day = day;
      slot->offset = first;
      slot->uniform = first == find_offset (tz, day * 86400 + 86399);
    }
  return slot->uniform ? slot->offset : find_offset (tz, utc);
}

guint
_freight_resolve_local_time (GTimeZone *tz,
                             guint      zone,
                             gint64     local,
                             gint64     utc[2],
                             gint64    *gap_start,
                             gint64    *gap_end)
{
  /* Offsets in force a day either side cover any transition near @local (zones do not
   * change offset twice within two days); each offset whose reading of @local is an
   * instant showing that offset is a solution. */
  gint32 before = offset_at (tz, zone, local - 86400);
  gint32 after = offset_at (tz, zone, local + 86400);
  gint32 candidates[3] = { before, offset_at (tz, zone, local), after };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      gint64 instant = local - candidates[i];
      gboolean seen = FALSE;

      for (guint j = 0; j < i; j++)
        seen |= candidates[j] == candidates[i];
      if (seen || offset_at (tz, zone, instant) != candidates[i])
        continue;
      if (n == 0 || utc[0] != instant)
        utc[n++] = instant;
      if (n == 2)
        break;
    }
  if (n == 2 && utc[1] < utc[0])
    {
      gint64 tmp = utc[0];

      utc[0] = utc[1];
      utc[1] = tmp;
    }

  if (n == 0)
    {
      /* The transition lies between the instants @local names under either offset:
       * find it to say which wall-clock hour the zone skips. */
      gint64 lo = local - after;
      gint64 hi = local - before;

      while (hi - lo > 1)
        {
          gint64 mid = lo + (hi - lo) / 2;

          if (offset_at (tz, zone, mid) == before)
            lo = mid;
          else
            hi = mid;
        }
      utc[0] = local - before;
      if (gap_start != NULL)
        *gap_start = hi + before;
      if (gap_end != NULL)
        *gap_end = hi + after;
    }
  return n;
}
