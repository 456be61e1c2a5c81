/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-csv-sniffer"

#include "config.h"

#include <string.h>

#include "freight-csv-dialect.h"
#include "freight-csv-private.h"
#include "freight-csv-sniffer.h"

/* Guesses a file's dialect from its first bytes:
 * - encoding: a byte order mark decides; else UTF-16 by its zero bytes; else UTF-8 if the
 *   bytes are (mostly) valid UTF-8; else Windows-1252, or ISO-8859-1 when a byte appears
 *   that Windows-1252 leaves undefined;
 * - delimiter: for each candidate, its count outside quotes in every record; the candidate
 *   whose count is the same on the most records wins, then the one with more fields, then
 *   the earlier of , ; TAB | ^ `;
 * - line ending: the terminator most records outside quotes end with. */

#define MAX_RECORDS 2000

static const char candidates[] = { ',', ';', '\t', '|', '^', '`' };
#define N_CANDIDATES G_N_ELEMENTS (candidates)

typedef struct
{
  guint counts[N_CANDIDATES];
} RecordCounts;

static gsize
detect_bom (const guint8      *data,
            gsize              len,
            FreightCsvDialect *out)
{
  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      out->encoding = FREIGHT_CSV_ENCODING_UTF8;
      out->has_bom = TRUE;
      return 3;
    }
  if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    {
      out->encoding = FREIGHT_CSV_ENCODING_UTF16LE;
      out->has_bom = TRUE;
      return 2;
    }
  if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    {
      out->encoding = FREIGHT_CSV_ENCODING_UTF16BE;
      out->has_bom = TRUE;
      return 2;
    }
  return 0;
}

/* UTF-16 without a byte order mark: text that is mostly ASCII has a zero in every other byte. */
static gboolean
guess_utf16 (const guint8       *data,
             gsize               len,
             FreightCsvEncoding *encoding)
{
  gsize pairs = MIN (len, 4096) / 2;
  gsize even_zeros = 0;
  gsize odd_zeros = 0;

  if (pairs < 2)
    return FALSE;

  for (gsize i = 0; i < pairs; i++)
    {
      even_zeros += data[2 * i] == 0;
      odd_zeros += data[2 * i + 1] == 0;
    }

  if (odd_zeros * 3 > pairs && even_zeros * 20 < pairs)
    {
      *encoding = FREIGHT_CSV_ENCODING_UTF16LE;
      return TRUE;
    }
  if (even_zeros * 3 > pairs && odd_zeros * 20 < pairs)
    {
      *encoding = FREIGHT_CSV_ENCODING_UTF16BE;
      return TRUE;
    }
  return FALSE;
}

/* Whether the bytes from @data on are the start of a UTF-8 sequence that @len cuts off. */
static gboolean
is_truncated_sequence (const guint8 *data,
                       gsize         len)
{
  guint8 lead = data[0];
  gsize need;

  if (lead >= 0xC2 && lead <= 0xDF)
    need = 2;
  else if (lead >= 0xE0 && lead <= 0xEF)
    need = 3;
  else if (lead >= 0xF0 && lead <= 0xF4)
    need = 4;
  else
    return FALSE;

  if (len >= need)
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if ((data[i] & 0xC0) != 0x80)
      return FALSE;
  return TRUE;
}

static FreightCsvEncoding
guess_8bit_or_utf8 (const guint8 *data,
                    gsize         len)
{
  gsize n_multi = 0;
  gsize n_bad = 0;
  gboolean undefined_in_1252 = FALSE;
  gsize i = 0;

  while (i < len)
    {
      gsize n;

      if (data[i] < 0x80)
        {
          i++;
          continue;
        }
      n = _freight_csv_utf8_sequence_length (data + i, len - i);
      if (n > 1)
        {
          n_multi++;
          i += n;
          continue;
        }
      if (is_truncated_sequence (data + i, len - i))
        break;
      n_bad++;
      if (data[i] == 0x81 || data[i] == 0x8D || data[i] == 0x8F || data[i] == 0x90 ||
          data[i] == 0x9D)
        undefined_in_1252 = TRUE;
      i++;
    }

  /* A few bad bytes in text that is otherwise UTF-8 are damage the reader reports, not a
   * sign of another encoding. */
  if (n_bad == 0 || n_multi > n_bad)
    return FREIGHT_CSV_ENCODING_UTF8;
  return undefined_in_1252 ? FREIGHT_CSV_ENCODING_ISO_8859_1 : FREIGHT_CSV_ENCODING_WINDOWS_1252;
}

/* The most frequent count among @records for candidate @k (ties: the larger count). */
static guint
mode_of (const RecordCounts *records,
         guint               n_records,
         guint               k,
         guint              *frequency)
{
  g_autoptr(GHashTable) freq = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint best = 0;
  guint best_freq = 0;

  for (guint r = 0; r < n_records; r++)
    {
      gpointer count = GUINT_TO_POINTER (records[r].counts[k]);
      guint f = GPOINTER_TO_UINT (g_hash_table_lookup (freq, count));

      g_hash_table_insert (freq, count, GUINT_TO_POINTER (f + 1));
    }

  g_hash_table_iter_init (&iter, freq);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint c = GPOINTER_TO_UINT (key);
      guint f = GPOINTER_TO_UINT (value);

      if (f > best_freq || (f == best_freq && c > best))
        {
          best = c;
          best_freq = f;
        }
    }

  *frequency = best_freq;
  return best;
}

static gboolean
analyze (const guint8      *text,
         gsize              len,
         FreightCsvDialect *out)
{
  g_autoptr(GArray) records = g_array_new (FALSE, TRUE, sizeof (RecordCounts));
  RecordCounts current = { { 0 } };
  gboolean in_quote = FALSE;
  gboolean has_content = FALSE;
  guint n_terminated = 0;
  guint n_lf = 0, n_crlf = 0, n_cr = 0;
  guint best_k = 0;
  guint best_mode = 0;
  guint best_freq = 0;

  for (gsize i = 0; i < len && records->len < MAX_RECORDS; i++)
    {
      guint8 c = text[i];

      if (c == '"')
        {
          in_quote = !in_quote;
          has_content = TRUE;
          continue;
        }
      if (in_quote)
        continue;

      if (c == '\n' || c == '\r')
        {
          if (c == '\n')
            n_lf++;
          else if (i + 1 < len && text[i + 1] == '\n')
            {
              n_crlf++;
              i++;
            }
          else
            n_cr++;

          if (has_content)
            {
              g_array_append_val (records, current);
              n_terminated++;
            }
          memset (&current, 0, sizeof current);
          has_content = FALSE;
          continue;
        }

      has_content = TRUE;
      for (guint k = 0; k < N_CANDIDATES; k++)
        if (c == (guint8) candidates[k])
          current.counts[k]++;
    }

  /* The last record may be cut off by the end of the sample; use it only when there is
   * little else to go by. */
  if (has_content && !in_quote && n_terminated < 2 && records->len < MAX_RECORDS)
    g_array_append_val (records, current);

  if (n_crlf >= n_lf && n_crlf >= n_cr && n_crlf > 0)
    out->line_ending = FREIGHT_CSV_LINE_ENDING_CRLF;
  else if (n_cr > n_lf)
    out->line_ending = FREIGHT_CSV_LINE_ENDING_CR;
  else
    out->line_ending = FREIGHT_CSV_LINE_ENDING_LF;

  for (guint k = 0; k < N_CANDIDATES; k++)
    {
      guint freq;
      guint mode = mode_of ((RecordCounts *) (gpointer) records->data, records->len, k, &freq);

      if (mode == 0)
        continue;
      if (freq > best_freq || (freq == best_freq && mode > best_mode))
        {
          best_k = k;
          best_mode = mode;
          best_freq = freq;
        }
    }

  if (best_mode == 0)
    return FALSE;

  out->delimiter = candidates[best_k];
  return TRUE;
}

/**
 * freight_csv_sniff:
 * @data: the first bytes of a file (FREIGHT_CSV_SNIFF_SIZE is plenty)
 * @len: the length of @data
 * @out: (out): the dialect found
 *
 * Guesses the delimiter, encoding, line ending and byte order mark of a CSV file from its
 * start. @out is always filled in; what cannot be told keeps the value of
 * freight_csv_dialect_init().
 *
 * Returns: %TRUE if a delimiter was found, %FALSE if @out holds the default comma (an empty
 *   or a one-column file)
 */
gboolean
freight_csv_sniff (const guint8      *data,
                   gsize              len,
                   FreightCsvDialect *out)
{
  g_autofree guint8 *text = NULL;
  gsize skip;
  gsize in_used = 0;
  gsize text_len = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  freight_csv_dialect_init (out);
  if (len == 0)
    return FALSE;

  skip = detect_bom (data, len, out);
  if (!out->has_bom && !guess_utf16 (data, len, &out->encoding))
    out->encoding = guess_8bit_or_utf8 (data, len);

  /* Decode to UTF-8 so that the structure is the same bytes in every encoding; the sample
   * may end inside a character, which at worst makes the last record look odd. */
  text = g_malloc ((len - skip) * 3 + _FREIGHT_CSV_DECODE_MAX_STEP + 1);
  _freight_csv_decode (out->encoding, data + skip, len - skip, TRUE,
                       text, (len - skip) * 3 + _FREIGHT_CSV_DECODE_MAX_STEP,
                       &in_used, &text_len);

  return analyze (text, text_len, out);
}

/**
 * freight_csv_sniff_file:
 * @file: a CSV file
 * @out: (out): the dialect found
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an I/O error
 *
 * Reads the first FREIGHT_CSV_SNIFF_SIZE bytes of @file and calls freight_csv_sniff(). An
 * empty file gets the defaults (the reader then reports it as empty).
 *
 * Returns: %TRUE unless @file could not be read
 */
gboolean
freight_csv_sniff_file (GFile             *file,
                        FreightCsvDialect *out,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree guint8 *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;

  data = g_malloc (FREIGHT_CSV_SNIFF_SIZE);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data, FREIGHT_CSV_SNIFF_SIZE, &len,
                                cancellable, error))
    return FALSE;

  freight_csv_sniff (data, len, out);
  return TRUE;
}
