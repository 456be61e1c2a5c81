/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-csv-codec"

#include "config.h"

#include <string.h>

#include "freight-csv-private.h"

/* Character decoders to UTF-8 and the UTF-8 validator. They are written by hand rather than
 * with iconv/GConverter because the reader calls them on every byte of multi-gigabyte files:
 * each has a word-at-a-time path for ASCII, the common case. */

#define ASCII_MASK G_GUINT64_CONSTANT (0x8080808080808080)

/* Windows-1252 0x80–0x9F; 0 marks the five bytes the code page leaves undefined. */
static const guint16 cp1252_c1[32] = {
  0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
  0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static inline guint64
load64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, sizeof v);
  return v;
}

static inline gsize
put_utf8 (guint8  *out,
          gunichar c)
{
  if (c < 0x80)
    {
      out[0] = c;
      return 1;
    }
  if (c < 0x800)
    {
      out[0] = 0xC0 | (c >> 6);
      out[1] = 0x80 | (c & 0x3F);
      return 2;
    }
  if (c < 0x10000)
    {
      out[0] = 0xE0 | (c >> 12);
      out[1] = 0x80 | ((c >> 6) & 0x3F);
      out[2] = 0x80 | (c & 0x3F);
      return 3;
    }
  out[0] = 0xF0 | (c >> 18);
  out[1] = 0x80 | ((c >> 12) & 0x3F);
  out[2] = 0x80 | ((c >> 6) & 0x3F);
  out[3] = 0x80 | (c & 0x3F);
  return 4;
}

static void
decode_single_byte (gboolean      windows_1252,
                    const guint8 *in,
                    gsize         in_len,
                    guint8       *out,
                    gsize         out_size,
                    gsize        *in_used,
                    gsize        *out_used)
{
  gsize i = 0;
  gsize o = 0;

  while (i < in_len && o + _FREIGHT_CSV_DECODE_MAX_STEP <= out_size)
    {
      guint8 b;

      /* Copy runs of ASCII eight bytes at a time. */
      while (i + 8 <= in_len && o + 8 <= out_size && (load64 (in + i) & ASCII_MASK) == 0)
        {
          memcpy (out + o, in + i, 8);
          i += 8;
          o += 8;
        }
      if (o + _FREIGHT_CSV_DECODE_MAX_STEP > out_size || i >= in_len)
        break;

      b = in[i++];
      if (b < 0x80)
        out[o++] = b;
      else if (windows_1252 && b < 0xA0)
        {
          gunichar c = cp1252_c1[b - 0x80];

          if (c == 0)
            out[o++] = _FREIGHT_CSV_MARK_INVALID;
          else
            o += put_utf8 (out + o, c);
        }
      else
        o += put_utf8 (out + o, b);
    }

  *in_used = i;
  *out_used = o;
}

static void
decode_utf16 (gboolean      big_endian,
              const guint8 *in,
              gsize         in_len,
              gboolean      at_eof,
              guint8       *out,
              gsize         out_size,
              gsize        *in_used,
              gsize        *out_used)
{
  gsize i = 0;
  gsize o = 0;
  guint hi = big_endian ? 0 : 1;
  guint lo = big_endian ? 1 : 0;

  while (o + _FREIGHT_CSV_DECODE_MAX_STEP <= out_size)
    {
      guint unit;

      if (in_len - i < 2)
        {
          if (i < in_len && at_eof)
            {
              out[o++] = _FREIGHT_CSV_MARK_ODD_BYTE;
              i++;
            }
          break;
        }

      unit = (in[i + hi] << 8) | in[i + lo];
      if (unit < 0xD800 || unit > 0xDFFF)
        {
          o += put_utf8 (out + o, unit);
          i += 2;
        }
      else if (unit <= 0xDBFF)
        {
          guint low;

          if (in_len - i < 4)
            {
              if (!at_eof)
                break;
              out[o++] = _FREIGHT_CSV_MARK_INVALID;
              i += 2;
              continue;
            }
          low = (in[i + 2 + hi] << 8) | in[i + 2 + lo];
          if (low >= 0xDC00 && low <= 0xDFFF)
            {
              o += put_utf8 (out + o, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
              i += 4;
            }
          else
            {
              out[o++] = _FREIGHT_CSV_MARK_INVALID;
              i += 2;
            }
        }
      else
        {
          /* A low surrogate with no high one before it. */
          out[o++] = _FREIGHT_CSV_MARK_INVALID;
          i += 2;
        }
    }

  *in_used = i;
  *out_used = o;
}

/*
 * _freight_csv_decode:
 *
 * Converts @in from @encoding to UTF-8 in @out, as far as both buffers allow. Input that is
 * not valid in @encoding becomes a marker byte that is not valid UTF-8. An incomplete
 * character at the end of @in is left unused unless @at_eof. Progress is guaranteed while
 * @out has room for _FREIGHT_CSV_DECODE_MAX_STEP bytes and @in holds a whole character.
 */
void
_freight_csv_decode (FreightCsvEncoding  encoding,
                     const guint8       *in,
                     gsize               in_len,
                     gboolean            at_eof,
                     guint8             *out,
                     gsize               out_size,
                     gsize              *in_used,
                     gsize              *out_used)
{
  switch (encoding)
    {
    case FREIGHT_CSV_ENCODING_UTF8:
      {
        gsize n = MIN (in_len, out_size);

        memcpy (out, in, n);
        *in_used = *out_used = n;
      }
      break;

    case FREIGHT_CSV_ENCODING_UTF16LE:
    case FREIGHT_CSV_ENCODING_UTF16BE:
      decode_utf16 (encoding == FREIGHT_CSV_ENCODING_UTF16BE, in, in_len, at_eof,
                    out, out_size, in_used, out_used);
      break;

    case FREIGHT_CSV_ENCODING_WINDOWS_1252:
    case FREIGHT_CSV_ENCODING_ISO_8859_1:
      decode_single_byte (encoding == FREIGHT_CSV_ENCODING_WINDOWS_1252, in, in_len,
                          out, out_size, in_used, out_used);
      break;

    default:
      g_assert_not_reached ();
    }
}

/*
 * _freight_csv_source_length:
 *
 * Returns how many bytes of the source file @encoding needed for @utf8, which a decoder
 * produced (whole characters only): the reader reports row offsets in the source file.
 */
guint64
_freight_csv_source_length (FreightCsvEncoding  encoding,
                            const guint8       *utf8,
                            gsize               len)
{
  guint64 n = 0;
  gsize i;

  switch (encoding)
    {
    case FREIGHT_CSV_ENCODING_UTF8:
      return len;

    case FREIGHT_CSV_ENCODING_WINDOWS_1252:
    case FREIGHT_CSV_ENCODING_ISO_8859_1:
      /* One source byte per character (markers included). */
      return _freight_csv_utf8_count_chars (utf8, len);

    case FREIGHT_CSV_ENCODING_UTF16LE:
    case FREIGHT_CSV_ENCODING_UTF16BE:
      for (i = 0; i < len; i++)
        {
          guint8 b = utf8[i];

          if ((b & 0xC0) == 0x80)
            continue;
          if (b == _FREIGHT_CSV_MARK_ODD_BYTE)
            n += 1;
          else if (b >= 0xF0 && b <= 0xF4)
            n += 4;
          else
            n += 2;
        }
      return n;

    default:
      g_assert_not_reached ();
    }
}

/*
 * _freight_csv_utf8_sequence_length:
 *
 * Returns the length of the well-formed UTF-8 sequence (RFC 3629) at the start of @data,
 * or 0 when it is not one (or is cut off by @len).
 */
gsize
_freight_csv_utf8_sequence_length (const guint8 *data,
                                   gsize         len)
{
  guint8 c = data[0];
  guint8 lo = 0x80, hi = 0xBF;
  gsize n;
  gsize i;

  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    {
      n = 3;
      if (c == 0xE0)
        lo = 0xA0;
      else if (c == 0xED)
        hi = 0x9F;
    }
  else if (c >= 0xF0 && c <= 0xF4)
    {
      n = 4;
      if (c == 0xF0)
        lo = 0x90;
      else if (c == 0xF4)
        hi = 0x8F;
    }
  else
    return 0;

  if (len < n)
    return 0;
  if (data[1] < lo || data[1] > hi)
    return 0;
  for (i = 2; i < n; i++)
    if ((data[i] & 0xC0) != 0x80)
      return 0;
  return n;
}

/*
 * _freight_csv_utf8_check:
 *
 * Returns the offset of the first byte of @data that does not start a well-formed UTF-8
 * sequence (or is NUL, if @nul_is_error), or @len when all of it is valid.
 */
gsize
_freight_csv_utf8_check (const guint8 *data,
                         gsize         len,
                         gboolean      nul_is_error)
{
  gsize i = 0;

  while (i < len)
    {
      gsize n;

      if (!nul_is_error)
        while (i + 8 <= len && (load64 (data + i) & ASCII_MASK) == 0)
          i += 8;
      if (i >= len)
        break;
      if (data[i] == 0 && nul_is_error)
        return i;
      n = _freight_csv_utf8_sequence_length (data + i, len - i);
      if (n == 0)
        return i;
      i += n;
    }

  return len;
}

/*
 * _freight_csv_utf8_check_padded:
 *
 * Like _freight_csv_utf8_check() with NUL an error, for the reader's hot path: @data must
 * be followed by at least 16 readable bytes (they are loaded but ignored).
 */
gsize
_freight_csv_utf8_check_padded (const guint8 *data,
                                gsize         len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize n;

#ifdef _FREIGHT_CSV_SSE2
      {
        const __m128i zero = _mm_setzero_si128 ();

        for (;;)
          {
            __m128i v = _mm_loadu_si128 ((const __m128i *) (data + i));
            guint bits = _mm_movemask_epi8 (v) | _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, zero));

            if (len - i < 16)
              bits &= (1u << (len - i)) - 1;
            if (bits != 0)
              {
                i += __builtin_ctz (bits);
                break;
              }
            i += 16;
            if (i >= len)
              return len;
          }
      }
#else
      /* A zero byte or one with the high bit set stops the word loop. */
      while (i + 8 <= len)
        {
          guint64 v = load64 (data + i);

          if (((v - G_GUINT64_CONSTANT (0x0101010101010101)) | v) & ASCII_MASK)
            break;
          i += 8;
        }
      while (i < len && data[i] != 0 && data[i] < 0x80)
        i++;
      if (i >= len)
        return len;
#endif

      if (data[i] == 0)
        return i;
      n = _freight_csv_utf8_sequence_length (data + i, len - i);
      if (n == 0)
        return i;
      i += n;
    }

  return len;
}

/* Returns the number of characters in valid UTF-8 (or of lead and marker bytes in any). */
gsize
_freight_csv_utf8_count_chars (const guint8 *data,
                               gsize         len)
{
  gsize n = 0;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 v = load64 (data + i);

      if ((v & ASCII_MASK) == 0)
        n += 8;
      else
        {
          guint j;

          for (j = 0; j < 8; j++)
            n += (data[i + j] & 0xC0) != 0x80;
        }
    }
  for (; i < len; i++)
    n += (data[i] & 0xC0) != 0x80;

  return n;
}

/* Appends @data to @out with each invalid byte and each NUL replaced by U+FFFD. */
void
_freight_csv_utf8_repair (GString      *out,
                          const guint8 *data,
                          gsize         len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize n = data[i] == 0 ? 0 : _freight_csv_utf8_sequence_length (data + i, len - i);

      if (n == 0)
        {
          g_string_append_len (out, "\xEF\xBF\xBD", 3);
          i++;
        }
      else
        {
          g_string_append_len (out, (const char *) data + i, n);
          i += n;
        }
    }
}

gboolean
_freight_csv_is_valid_delimiter (char delimiter)
{
  return delimiter > 0 && delimiter != '"' && delimiter != '\r' && delimiter != '\n';
}
