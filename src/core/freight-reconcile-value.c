/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-reconcile-value"

#include "config.h"

#include <math.h>
#include <string.h>

#include "freight-reconcile-private.h"
#include "freight-sf-id.h"

/* Canonical forms of sent and echoed values, and the content hash of a row.
 *
 * Salesforce echoes the values of a job's columns in its result files as it parsed them:
 * numbers as Java doubles (`9.12260031E8`), datetimes possibly in another offset or
 * precision, booleans in another case. Each kind maps every spelling of a value to one byte
 * string, so that rows compare by plain bytes and hash consistently. */

enum
{
  TAG_NULL     = FREIGHT_RECONCILE_TAG_NULL,
  TAG_TEXT     = FREIGHT_RECONCILE_TAG_TEXT,
  TAG_NUMBER   = 'N',
  TAG_DATE     = 'D',
  TAG_DATETIME = 'S',
  TAG_TIME     = 'M',
  TAG_BOOLEAN  = 'B',
  TAG_ID       = 'I',
};

#define MS_PER_DAY G_GINT64_CONSTANT (86400000)

static guint64 hash_mask = G_MAXUINT64;

void
_freight_reconcile_set_hash_mask (guint64 mask)
{
  hash_mask = mask;
}

guint64
_freight_reconcile_get_hash_mask (void)
{
  return hash_mask;
}

static gsize
write_text (guint8     *dest,
            const char *value,
            gsize       len)
{
  guint32 len32 = GUINT32_TO_LE ((guint32) MIN (len, G_MAXUINT32));

  dest[0] = TAG_TEXT;
  memcpy (dest + 1, &len32, 4);
  memcpy (dest + 5, value, len);
  return 5 + len;
}

static gsize
write_int64 (guint8  *dest,
             guint8   tag,
             gint64   value)
{
  guint64 le = GUINT64_TO_LE ((guint64) value);

  dest[0] = tag;
  memcpy (dest + 1, &le, 8);
  return 9;
}

static void
trim (const char **value,
      gsize       *len)
{
  const char *p = *value;
  gsize n = *len;

  while (n > 0 && g_ascii_isspace (p[0]))
    p++, n--;
  while (n > 0 && g_ascii_isspace (p[n - 1]))
    n--;
  *value = p;
  *len = n;
}

static gboolean
is_null (const char *value,
         gsize       len)
{
  return len == 0 || (len == 4 && memcmp (value, "#N/A", 4) == 0);
}

/* Reads exactly @n digits. */
static gboolean
read_digits (const char **p,
             const char  *end,
             guint        n,
             guint       *value)
{
  guint v = 0;

  if ((gsize) (end - *p) < n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      char c = (*p)[i];

      if (!g_ascii_isdigit (c))
        return FALSE;
      v = v * 10 + (guint) (c - '0');
    }
  *p += n;
  *value = v;
  return TRUE;
}

static gboolean
is_leap_year (guint year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static guint
days_in_month (guint year,
               guint month)
{
  static const guint8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && is_leap_year (year))
    return 29;
  return days[month - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static gint64
days_from_civil (gint64 year,
                 guint  month,
                 guint  day)
{
  gint64 era;
  gint64 yoe, doy, doe;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = year - era * 400;
  doy = (153 * ((gint64) month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* yyyy-MM-dd */
static gboolean
parse_date (const char **p,
            const char  *end,
            gint64      *days)
{
  const char *s = *p;
  guint year, month, day;

  if (!read_digits (&s, end, 4, &year) || s == end || *s++ != '-' ||
      !read_digits (&s, end, 2, &month) || s == end || *s++ != '-' ||
      !read_digits (&s, end, 2, &day))
    return FALSE;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month (year, month))
    return FALSE;
  *days = days_from_civil (year, month, day);
  *p = s;
  return TRUE;
}

/* HH:mm[:ss[.fraction]] to milliseconds; digits past the millisecond are dropped, as
 * Salesforce keeps milliseconds. */
static gboolean
parse_time (const char **p,
            const char  *end,
            gint64      *ms)
{
  const char *s = *p;
  guint hour, minute, second = 0, milli = 0;

  if (!read_digits (&s, end, 2, &hour) || s == end || *s++ != ':' ||
      !read_digits (&s, end, 2, &minute))
    return FALSE;
  if (s < end && *s == ':')
    {
      s++;
      if (!read_digits (&s, end, 2, &second))
        return FALSE;
      if (s < end && (*s == '.' || *s == ','))
        {
          guint scale = 100;

          s++;
          if (s == end || !g_ascii_isdigit (*s))
            return FALSE;
          for (; s < end && g_ascii_isdigit (*s); s++)
            {
              milli += (guint) (*s - '0') * scale;
              scale /= 10;
            }
        }
    }
  if (hour > 23 || minute > 59 || second > 60)
    return FALSE;
  *ms = (((gint64) hour * 60 + minute) * 60 + second) * 1000 + milli;
  *p = s;
  return TRUE;
}

/* Z | ±HH:mm | ±HHmm | ±HH, to milliseconds east of UTC. */
static gboolean
parse_zone (const char **p,
            const char  *end,
            gint64      *offset_ms)
{
  const char *s = *p;
  guint hours, minutes = 0;
  int sign;

  if (s == end)
    return FALSE;
  if (*s == 'Z' || *s == 'z')
    {
      *offset_ms = 0;
      *p = s + 1;
      return TRUE;
    }
  if (*s != '+' && *s != '-')
    return FALSE;
  sign = *s++ == '-' ? -1 : 1;
  if (!read_digits (&s, end, 2, &hours))
    return FALSE;
  if (s < end && *s == ':')
    {
      s++;
      if (!read_digits (&s, end, 2, &minutes))
        return FALSE;
    }
  else if (s < end && !read_digits (&s, end, 2, &minutes))
    return FALSE;
  if (hours > 18 || minutes > 59)
    return FALSE;
  *offset_ms = sign * ((gint64) hours * 60 + minutes) * 60 * 1000;
  *p = s;
  return TRUE;
}

static gboolean
canon_date (const char *value,
            gsize       len,
            gint64     *days)
{
  const char *p = value, *end = value + len;
  gint64 ms, offset_ms;

  if (!parse_date (&p, end, days))
    return FALSE;
  if (p == end)
    return TRUE;
  /* A date echoed with a zone or as midnight of a datetime is still that date. */
  if (*p == 'T' || *p == 't' || *p == ' ')
    {
      p++;
      if (!parse_time (&p, end, &ms))
        return FALSE;
    }
  if (p < end && !parse_zone (&p, end, &offset_ms))
    return FALSE;
  return p == end;
}

static gboolean
canon_datetime (const char *value,
                gsize       len,
                gint64     *instant_ms)
{
  const char *p = value, *end = value + len;
  gint64 days, ms = 0, offset_ms = 0;

  if (!parse_date (&p, end, &days))
    return FALSE;
  if (p < end && (*p == 'T' || *p == 't' || *p == ' '))
    {
      p++;
      if (!parse_time (&p, end, &ms))
        return FALSE;
    }
  if (p < end && !parse_zone (&p, end, &offset_ms))
    return FALSE;
  if (p != end)
    return FALSE;
  *instant_ms = days * MS_PER_DAY + ms - offset_ms;
  return TRUE;
}

static gboolean
canon_time (const char *value,
            gsize       len,
            gint64     *time_ms)
{
  const char *p = value, *end = value + len;
  gint64 ms, offset_ms = 0;

  if (!parse_time (&p, end, &ms))
    return FALSE;
  if (p < end && !parse_zone (&p, end, &offset_ms))
    return FALSE;
  if (p != end)
    return FALSE;
  ms = (ms - offset_ms) % MS_PER_DAY;
  *time_ms = ms < 0 ? ms + MS_PER_DAY : ms;
  return TRUE;
}

/* Decimal and scientific notation only: no hex, no inf/nan, no digit grouping. */
static gboolean
is_decimal_number (const char *value,
                   gsize       len)
{
  gsize i = 0, digits = 0;

  if (i < len && (value[i] == '+' || value[i] == '-'))
    i++;
  for (; i < len && g_ascii_isdigit (value[i]); i++)
    digits++;
  if (i < len && value[i] == '.')
    for (i++; i < len && g_ascii_isdigit (value[i]); i++)
      digits++;
  if (digits == 0)
    return FALSE;
  if (i < len && (value[i] == 'e' || value[i] == 'E'))
    {
      gsize exp_digits = 0;

      i++;
      if (i < len && (value[i] == '+' || value[i] == '-'))
        i++;
      for (; i < len && g_ascii_isdigit (value[i]); i++)
        exp_digits++;
      if (exp_digits == 0)
        return FALSE;
    }
  return i == len;
}

/* Most numbers in a load have few digits and a small exponent: then the double is the
 * mantissa times an exact power of ten, correctly rounded in one operation (Clinger's fast
 * path). Other numbers go through g_ascii_strtod(). */
static gboolean
fast_decimal (const char *value,
              gsize       len,
              double     *d)
{
  static const double powers[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  };
  guint64 mantissa = 0;
  gsize i = 0;
  int exponent = 0, digits = 0, exp_value = 0, exp_sign = 1;
  gboolean negative = FALSE;

  if (value[0] == '+' || value[0] == '-')
    negative = value[i++] == '-';
  for (; i < len && g_ascii_isdigit (value[i]); i++)
    {
      if (mantissa == 0 && value[i] == '0')
        continue;
      if (++digits > 15)
        return FALSE;
      mantissa = mantissa * 10 + (value[i] - '0');
    }
  if (i < len && value[i] == '.')
    for (i++; i < len && g_ascii_isdigit (value[i]); i++)
      {
        exponent--;
        if (mantissa == 0 && value[i] == '0')
          continue;
        if (++digits > 15)
          return FALSE;
        mantissa = mantissa * 10 + (value[i] - '0');
      }
  if (i < len && (value[i] == 'e' || value[i] == 'E'))
    {
      i++;
      if (i < len && (value[i] == '+' || value[i] == '-'))
        exp_sign = value[i++] == '-' ? -1 : 1;
      for (; i < len && g_ascii_isdigit (value[i]); i++)
        {
          if (exp_value > 1000)
            return FALSE;
          exp_value = exp_value * 10 + (value[i] - '0');
        }
    }
  exponent += exp_sign * exp_value;
  if (mantissa == 0)
    exponent = 0;
  if (exponent < -22 || exponent > 22)
    return FALSE;

  *d = (double) mantissa;
  *d = exponent < 0 ? *d / powers[-exponent] : *d * powers[exponent];
  if (negative)
    *d = -*d;
  return TRUE;
}

/* A plain integer of up to 15 digits, the common case: exactly the double fast_decimal()
 * makes of it, without its bookkeeping. */
static inline gboolean
plain_integer (const char *value,
               gsize       len,
               double     *d)
{
  gboolean negative = FALSE;
  gsize i = 0;
  gint64 v = 0;

  if (len > 0 && (value[0] == '-' || value[0] == '+'))
    {
      negative = value[0] == '-';
      i = 1;
    }
  if (i == len || len - i > 15)
    return FALSE;
  for (; i < len; i++)
    {
      guint digit = (guint8) value[i] - '0';

      if (digit > 9)
        return FALSE;
      v = v * 10 + digit;
    }
  *d = negative ? -(double) v : (double) v;
  return TRUE;
}

static gboolean
canon_number (const char *value,
              gsize       len,
              gint64     *bits)
{
  char stack_buf[64];
  g_autofree char *heap_buf = NULL;
  char *buf;
  double d;

  if (plain_integer (value, len, &d))
    ;
  else if (!is_decimal_number (value, len))
    return FALSE;
  else if (!fast_decimal (value, len, &d))
    {
      if (len < sizeof stack_buf)
        buf = stack_buf;
      else
        buf = heap_buf = g_malloc (len + 1);
      memcpy (buf, value, len);
      buf[len] = '\0';
      d = g_ascii_strtod (buf, NULL);
    }
  if (!isfinite (d))
    return FALSE;
  if (d == 0.0)
    d = 0.0; /* -0 is 0 */
  memcpy (bits, &d, sizeof d);
  return TRUE;
}

static gboolean
ascii_equal (const char *value,
             gsize       len,
             const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (value, word, len) == 0;
}

static gboolean
canon_boolean (const char *value,
               gsize       len,
               gboolean   *b)
{
  if (ascii_equal (value, len, "true") || ascii_equal (value, len, "1") ||
      ascii_equal (value, len, "yes"))
    *b = TRUE;
  else if (ascii_equal (value, len, "false") || ascii_equal (value, len, "0") ||
           ascii_equal (value, len, "no"))
    *b = FALSE;
  else
    return FALSE;
  return TRUE;
}

/**
 * _freight_reconcile_canon_write:
 * @dest: room for FREIGHT_RECONCILE_CANON_BOUND (@len) bytes
 * @kind: the column's kind
 * @value: (array length=len): the value as sent or as echoed
 *
 * Writes the canonical form of @value: no value (empty or `#N/A`), the parsed value of
 * @kind, or, when @value does not parse as @kind, the text itself.
 *
 * Returns: the number of bytes written
 */
gsize
_freight_reconcile_canon_write (guint8               *dest,
                                FreightReconcileKind  kind,
                                const char           *value,
                                gsize                 len)
{
  const char *trimmed = value;
  gsize trimmed_len = len;
  gint64 v;
  gboolean b;

  g_assert (value != NULL || len == 0);

  if (kind != FREIGHT_RECONCILE_KIND_TEXT)
    trim (&trimmed, &trimmed_len);
  if (is_null (trimmed, trimmed_len))
    {
      dest[0] = TAG_NULL;
      return 1;
    }

  switch (kind)
    {
    case FREIGHT_RECONCILE_KIND_NUMBER:
      if (canon_number (trimmed, trimmed_len, &v))
        return write_int64 (dest, TAG_NUMBER, v);
      break;

    case FREIGHT_RECONCILE_KIND_DATE:
      if (canon_date (trimmed, trimmed_len, &v))
        return write_int64 (dest, TAG_DATE, v);
      break;

    case FREIGHT_RECONCILE_KIND_DATETIME:
      if (canon_datetime (trimmed, trimmed_len, &v))
        return write_int64 (dest, TAG_DATETIME, v);
      break;

    case FREIGHT_RECONCILE_KIND_TIME:
      if (canon_time (trimmed, trimmed_len, &v))
        return write_int64 (dest, TAG_TIME, v);
      break;

    case FREIGHT_RECONCILE_KIND_BOOLEAN:
      if (canon_boolean (trimmed, trimmed_len, &b))
        return write_int64 (dest, TAG_BOOLEAN, b);
      break;

    case FREIGHT_RECONCILE_KIND_ID:
      if (freight_sf_id_is_valid (trimmed, trimmed_len))
        {
          /* The first 15 characters name the record; the suffix only encodes their case. */
          dest[0] = TAG_ID;
          memcpy (dest + 1, trimmed, FREIGHT_SF_ID_LENGTH_15);
          return 1 + FREIGHT_SF_ID_LENGTH_15;
        }
      break;

    case FREIGHT_RECONCILE_KIND_TEXT:
    default:
      break;
    }

  return write_text (dest, value, len);
}

/**
 * _freight_reconcile_canon_append:
 *
 * Appends the canonical form of @value to @out; see _freight_reconcile_canon_write().
 */
void
_freight_reconcile_canon_append (GByteArray           *out,
                                 FreightReconcileKind  kind,
                                 const char           *value,
                                 gsize                 len)
{
  guint old = out->len;

  g_byte_array_set_size (out, old + FREIGHT_RECONCILE_CANON_BOUND (len));
  g_byte_array_set_size (out, old + _freight_reconcile_canon_write (out->data + old, kind,
                                                                    value, len));
}

/* --- Content hash ---
 *
 * A 64-bit multiply-mix hash in the style of wyhash: fast on short rows, well mixed, and
 * seeded per index so that no fixed input collides on purpose. */

#define P0 G_GUINT64_CONSTANT (0xa0761d6478bd642f)
#define P1 G_GUINT64_CONSTANT (0xe7037ed1a0b428db)
#define P2 G_GUINT64_CONSTANT (0x8ebc6af09c88c6e3)
#define P3 G_GUINT64_CONSTANT (0x589965cc75374cc3)

static inline guint64
mix (guint64 a,
     guint64 b)
{
#ifdef __SIZEOF_INT128__
  unsigned __int128 r = (unsigned __int128) a * b;

  return (guint64) r ^ (guint64) (r >> 64);
#else
  guint64 ha = a >> 32, hb = b >> 32, la = (guint32) a, lb = (guint32) b;
  guint64 rh = ha * hb, rm0 = ha * lb, rm1 = hb * la, rl = la * lb;
  guint64 t = rl + (rm0 << 32), c = t < rl;
  guint64 lo = t + (rm1 << 32);

  c += lo < t;
  return lo ^ (rh + (rm0 >> 32) + (rm1 >> 32) + c);
#endif
}

static inline guint64
read64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, 8);
  return GUINT64_FROM_LE (v);
}

static inline guint64
read32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

static guint64 hash_unmasked (const guint8 *data,
                               gsize         len,
                               guint64       seed);

guint64
_freight_reconcile_hash (const guint8 *data,
                         gsize         len,
                         guint64       seed)
{
  return hash_unmasked (data, len, seed) & hash_mask;
}

/* A second, independent hash of the same content (never masked): with the first, 128 bits
 * that tell rows apart without comparing them. */
guint64
_freight_reconcile_check (const guint8 *data,
                          gsize         len,
                          guint64       seed)
{
  return hash_unmasked (data, len, seed ^ G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
}

static guint64
hash_unmasked (const guint8 *data,
               gsize         len,
               guint64       seed)
{
  const guint8 *p = data;
  guint64 a, b;

  seed ^= mix (seed ^ P0, P1);
  if (len <= 16)
    {
      if (len >= 4)
        {
          gsize shift = (len >> 3) << 2;

          a = (read32 (p) << 32) | read32 (p + shift);
          b = (read32 (p + len - 4) << 32) | read32 (p + len - 4 - shift);
        }
      else if (len > 0)
        {
          a = ((guint64) p[0] << 16) | ((guint64) p[len >> 1] << 8) | p[len - 1];
          b = 0;
        }
      else
        a = b = 0;
    }
  else
    {
      gsize i = len;

      if (i > 48)
        {
          guint64 see1 = seed, see2 = seed;

          do
            {
              seed = mix (read64 (p) ^ P1, read64 (p + 8) ^ seed);
              see1 = mix (read64 (p + 16) ^ P2, read64 (p + 24) ^ see1);
              see2 = mix (read64 (p + 32) ^ P3, read64 (p + 40) ^ see2);
              p += 48;
              i -= 48;
            }
          while (i > 48);
          seed ^= see1 ^ see2;
        }
      while (i > 16)
        {
          seed = mix (read64 (p) ^ P1, read64 (p + 8) ^ seed);
          i -= 16;
          p += 16;
        }
      a = read64 (p + i - 16);
      b = read64 (p + i - 8);
    }

  a ^= P1;
  b ^= seed;
  {
#ifdef __SIZEOF_INT128__
    unsigned __int128 r = (unsigned __int128) a * b;

    a = (guint64) r;
    b = (guint64) (r >> 64);
#else
    guint64 m = mix (a, b);

    a ^= m;
    b ^= m >> 17;
#endif
  }
  return mix (a ^ P0 ^ len, b ^ P1);
}
