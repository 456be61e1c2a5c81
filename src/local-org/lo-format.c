/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-format"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lo-format.h"

/**
 * lo_format_job_timestamp:
 *
 * Returns: the form Bulk job JSON and REST use: `2021-08-31T01:31:13.000+0000`.
 */
char *
lo_format_job_timestamp (gint64 unix_usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_usec / G_USEC_PER_SEC);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03d+0000",
                          g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt), g_date_time_get_second (dt),
                          (int) ((unix_usec % G_USEC_PER_SEC) / 1000));
}

/* The storage form of lo-schema.h: UTC, milliseconds, "Z". */
void
lo_format_storage_datetime (gint64 unix_usec,
                            char   out[LO_DATETIME_STORAGE_LEN + 1])
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_usec / G_USEC_PER_SEC);

  g_snprintf (out, LO_DATETIME_STORAGE_LEN + 1, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
              g_date_time_get_year (dt), g_date_time_get_month (dt),
              g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
              g_date_time_get_minute (dt), g_date_time_get_second (dt),
              (int) ((unix_usec % G_USEC_PER_SEC) / 1000));
}

/* REST JSON writes datetimes with a "+0000" offset instead of "Z". */
char *
lo_format_rest_datetime (const char *stored)
{
  gsize len = strlen (stored);

  if (len == LO_DATETIME_STORAGE_LEN && stored[len - 1] == 'Z')
    return g_strdup_printf ("%.*s+0000", (int) len - 1, stored);
  return g_strdup (stored);
}

/**
 * lo_format_java_double:
 *
 * Writes @value as Java's Double.toString() does, which is how the platform echoes
 * double, currency and percent values: the shortest digits that read back as the same
 * double, plain between 10^-3 and 10^7 ("100.0", "0.001"), else in computerized
 * scientific notation ("9.12260031E8", "1.0E-4").
 */
void
lo_format_java_double (double value,
                       char  *out,
                       gsize  size)
{
  char sci[40];
  char digits[24];
  int exponent;
  int n_digits = 0;
  int precision;
  const char *p;
  GString *s;
  double magnitude = fabs (value);

  if (value == 0)
    {
      g_strlcpy (out, signbit (value) ? "-0.0" : "0.0", size);
      return;
    }
  if (!isfinite (value))
    {
      g_strlcpy (out, isnan (value) ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"), size);
      return;
    }

  for (precision = 1; precision <= 17; precision++)
    {
      g_snprintf (sci, sizeof sci, "%.*e", precision - 1, magnitude);
      if (g_ascii_strtod (sci, NULL) == magnitude)
        break;
    }

  for (p = sci; *p != '\0' && *p != 'e'; p++)
    if (g_ascii_isdigit (*p))
      digits[n_digits++] = *p;
  digits[n_digits] = '\0';
  exponent = atoi (p + 1);
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    digits[--n_digits] = '\0';

  s = g_string_new (value < 0 ? "-" : "");
  if (magnitude >= 1e-3 && magnitude < 1e7)
    {
      if (exponent >= 0)
        {
          for (int i = 0; i <= exponent; i++)
            g_string_append_c (s, i < n_digits ? digits[i] : '0');
          g_string_append_c (s, '.');
          if (exponent + 1 < n_digits)
            g_string_append (s, digits + exponent + 1);
          else
            g_string_append_c (s, '0');
        }
      else
        {
          g_string_append (s, "0.");
          for (int i = 0; i < -exponent - 1; i++)
            g_string_append_c (s, '0');
          g_string_append (s, digits);
        }
    }
  else
    {
      g_string_append_c (s, digits[0]);
      g_string_append_c (s, '.');
      g_string_append (s, n_digits > 1 ? digits + 1 : "0");
      g_string_append_printf (s, "E%d", exponent);
    }
  g_strlcpy (out, s->str, size);
  g_string_free (s, TRUE);
}

static gboolean
read_digits (const char **p,
             int          n,
             int         *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

static gboolean
read_ymd (const char **p,
          int         *y,
          int         *m,
          int         *d)
{
  if (!read_digits (p, 4, y) || **p != '-')
    return FALSE;
  (*p)++;
  if (!read_digits (p, 2, m) || **p != '-')
    return FALSE;
  (*p)++;
  if (!read_digits (p, 2, d))
    return FALSE;
  return *y >= 1700 && *y <= 4000 && g_date_valid_dmy (*d, *m, *y);
}

/**
 * lo_parse_date:
 *
 * Accepts what Bulk CSV allows for a date field: `yyyy-MM-dd`, optionally followed by
 * `Z` (as Salesforce's own sample files write it).
 */
gboolean
lo_parse_date (const char *text,
               char        out[LO_DATE_LEN + 1])
{
  const char *p = text;
  int y, m, d;

  if (!read_ymd (&p, &y, &m, &d))
    return FALSE;
  if (*p == 'Z')
    p++;
  if (*p != '\0')
    return FALSE;
  g_snprintf (out, LO_DATE_LEN + 1, "%04d-%02d-%02d", y, m, d);
  return TRUE;
}

/**
 * lo_parse_datetime:
 *
 * Accepts `yyyy-MM-ddTHH:mm:ss[.SSS][Z|±HH:mm|±HHmm]` and converts it to the UTC
 * storage form. A missing offset means UTC (the documented formats always carry one;
 * reading a bare value as GMT is this org's choice). A bare date means midnight UTC.
 */
gboolean
lo_parse_datetime (const char *text,
                   char        out[LO_DATETIME_STORAGE_LEN + 1])
{
  const char *p = text;
  int y, m, d, hh = 0, mm = 0, ss = 0, ms = 0, oh = 0, om = 0, sign = 0;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GTimeZone) tz = NULL;

  if (!read_ymd (&p, &y, &m, &d))
    return FALSE;
  if (*p == 'T')
    {
      p++;
      if (!read_digits (&p, 2, &hh) || *p++ != ':' || !read_digits (&p, 2, &mm))
        return FALSE;
      if (*p == ':')
        {
          p++;
          if (!read_digits (&p, 2, &ss))
            return FALSE;
          if (*p == '.')
            {
              int n = 0;

              p++;
              while (g_ascii_isdigit (*p))
                {
                  if (n < 3)
                    ms = ms * 10 + (*p - '0');
                  n++;
                  p++;
                }
              if (n == 0)
                return FALSE;
              for (; n < 3; n++)
                ms *= 10;
            }
        }
      if (*p == 'Z')
        p++;
      else if (*p == '+' || *p == '-')
        {
          sign = *p == '+' ? 1 : -1;
          p++;
          if (!read_digits (&p, 2, &oh))
            return FALSE;
          if (*p == ':')
            p++;
          if (!read_digits (&p, 2, &om))
            return FALSE;
        }
    }
  else if (*p == 'Z')
    p++;
  if (*p != '\0' || hh > 23 || mm > 59 || ss > 59 || oh > 14 || om > 59)
    return FALSE;

  tz = g_time_zone_new_offset (sign * (oh * 3600 + om * 60));
  local = g_date_time_new (tz, y, m, d, hh, mm, ss);
  if (local == NULL)
    return FALSE;
  utc = g_date_time_to_utc (local);
  lo_format_storage_datetime (g_date_time_to_unix (utc) * G_USEC_PER_SEC + ms * 1000, out);
  return TRUE;
}

/* Decimal or scientific notation; no hex, no inf/nan, no surrounding spaces. */
gboolean
lo_parse_double (const char *text,
                 double     *out)
{
  char *end = NULL;
  const char *p;

  if (text[0] == '\0')
    return FALSE;
  for (p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr ("+-.eE", *p) == NULL)
      return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

/* Whole numbers; "5.0" is accepted as 5, as the platform does for int fields. */
gboolean
lo_parse_int (const char *text,
              gint64     *out)
{
  double d;

  if (!lo_parse_double (text, &d) || d != floor (d) || fabs (d) > 2147483647.0)
    return FALSE;
  *out = (gint64) d;
  return TRUE;
}

/* true/false in any case, and 1/0, as the Bulk API accepts. */
gboolean
lo_parse_boolean (const char *text,
                  gboolean   *out)
{
  if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1"))
    *out = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0"))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

char *
lo_random_token (GRand *rand,
                 guint  n_chars)
{
  static const char alphabet[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  char *s = g_malloc (n_chars + 1);

  for (guint i = 0; i < n_chars; i++)
    s[i] = alphabet[g_rand_int_range (rand, 0, 62)];
  s[n_chars] = '\0';
  return s;
}
