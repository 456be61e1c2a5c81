/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-csv-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-csv-dialect.h"
#include "freight-csv-private.h"
#include "freight-csv-reader-private.h"

/* Parsing for FreightCsvReader (see freight-csv-reader.c for what it accepts).
 *
 * Memory stays constant: the reader keeps one buffer of decoded text, refilled with big
 * reads, and parses rows in it in place. A row is parsed in two passes:
 * 1. scan_row() finds the fields' bounds (a vector search for the delimiter, quote and line
 *    breaks) without touching the text, so that a row cut off by the end of the buffer can
 *    simply be scanned again after a refill;
 * 2. finish_row() validates the row's UTF-8 in one go (a vector test for ASCII), collapses
 *    doubled quotes and NUL-terminates each field where it lies.
 * No field is ever allocated on its own. Other encodings are decoded to UTF-8 on the way
 * into the buffer; bytes they do not allow become a marker that pass 2 reports. */

typedef enum
{
  PROBLEM_NONE,
  PROBLEM_QUOTE_IN_UNQUOTED,
  PROBLEM_TEXT_AFTER_QUOTE,
  PROBLEM_ENCODING,
  PROBLEM_NUL,
  PROBLEM_TOO_MANY_FIELDS,
  PROBLEM_TOO_FEW_FIELDS,
} ProblemKind;

typedef struct
{
  ProblemKind   kind;
  const guint8 *at;
  guint         field;
} Problem;

typedef enum
{
  SCAN_ROW,
  SCAN_END,
  SCAN_MORE,
  SCAN_FATAL,
} ScanResult;

typedef struct
{
  guint8  *start;
  guint8  *content_end;   /* the row's terminator, or EOF */
  guint8  *next;          /* the next row */
  guint    breaks;        /* line breaks the row spans, its terminator included */
  guint    n_fields;
  gboolean blank;
  Problem  problem;
} Row;

G_DEFINE_QUARK (freight-csv-error-quark, freight_csv_error)

/**
 * freight_csv_error_is_row_level:
 * @error: an error from freight_csv_reader_next_row()
 *
 * Returns: %TRUE if @error concerns only the current row: its fields stay readable and the
 *   next freight_csv_reader_next_row() continues with the next row
 */
gboolean
freight_csv_error_is_row_level (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain != FREIGHT_CSV_ERROR)
    return FALSE;

  switch ((FreightCsvError) error->code)
    {
    case FREIGHT_CSV_ERROR_STRAY_QUOTE:
    case FREIGHT_CSV_ERROR_TOO_MANY_FIELDS:
    case FREIGHT_CSV_ERROR_TOO_FEW_FIELDS:
    case FREIGHT_CSV_ERROR_INVALID_ENCODING:
    case FREIGHT_CSV_ERROR_NUL_BYTE:
    case FREIGHT_CSV_ERROR_FIELD_TOO_LONG:
      return TRUE;

    case FREIGHT_CSV_ERROR_UNTERMINATED_QUOTE:
    case FREIGHT_CSV_ERROR_EMPTY_HEADER:
    case FREIGHT_CSV_ERROR_DUPLICATE_HEADER:
    case FREIGHT_CSV_ERROR_EMPTY_FILE:
    case FREIGHT_CSV_ERROR_ROW_TOO_LONG:
    default:
      return FALSE;
    }
}

/* Scanning. buf[end] always holds a line break, so a search stops there at the latest. */

typedef struct
{
#ifdef _FREIGHT_CSV_SSE2
  __m128i delimiter;
  __m128i quote;
  __m128i cr;
  __m128i lf;
#else
  guint8  delimiter;
#endif
} Scanner;

static inline void
scanner_init (Scanner *s,
              guint8   delimiter)
{
#ifdef _FREIGHT_CSV_SSE2
  s->delimiter = _mm_set1_epi8 ((char) delimiter);
  s->quote = _mm_set1_epi8 ('"');
  s->cr = _mm_set1_epi8 ('\r');
  s->lf = _mm_set1_epi8 ('\n');
#else
  s->delimiter = delimiter;
#endif
}

/* The first delimiter, quote, CR or LF from @p on. */
static inline guint8 *
scan_unquoted (const Scanner *s,
               guint8        *p)
{
#ifdef _FREIGHT_CSV_SSE2
  for (;;)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) p);
      __m128i m = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, s->delimiter),
                                              _mm_cmpeq_epi8 (v, s->quote)),
                                _mm_or_si128 (_mm_cmpeq_epi8 (v, s->cr),
                                              _mm_cmpeq_epi8 (v, s->lf)));
      guint bits = _mm_movemask_epi8 (m);

      if (bits != 0)
        return p + __builtin_ctz (bits);
      p += 16;
    }
#else
  while (*p != s->delimiter && *p != '"' && *p != '\r' && *p != '\n')
    p++;
  return p;
#endif
}

/* The first quote, CR or LF from @p on. */
static inline guint8 *
scan_quoted (const Scanner *s,
             guint8        *p)
{
#ifdef _FREIGHT_CSV_SSE2
  for (;;)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) p);
      __m128i m = _mm_or_si128 (_mm_cmpeq_epi8 (v, s->quote),
                                _mm_or_si128 (_mm_cmpeq_epi8 (v, s->cr),
                                              _mm_cmpeq_epi8 (v, s->lf)));
      guint bits = _mm_movemask_epi8 (m);

      if (bits != 0)
        return p + __builtin_ctz (bits);
      p += 16;
    }
#else
  while (*p != '"' && *p != '\r' && *p != '\n')
    p++;
  return p;
#endif
}

/* Line breaks (LF, CRLF or a lone CR) in [from, to), which lies inside one row. */
static guint
count_breaks (const guint8 *from,
              const guint8 *to)
{
  guint n = 0;

  for (const guint8 *p = from; p < to; p++)
    if (*p == '\n' || (*p == '\r' && (p + 1 >= to || p[1] != '\n')))
      n++;
  return n;
}

static inline const guint8 *
field_origin (const FreightCsvField *f)
{
  return (f->flags & FREIGHT_CSV_FIELD_QUOTED) ? f->start - 1 : f->start;
}

/* Errors. */

const char *
_freight_csv_reader_column_name (FreightCsvReader *self,
                                 guint             field)
{
  if (self->column_names == NULL || field >= self->n_columns ||
      (self->flags & FREIGHT_CSV_READER_NO_HEADER))
    return NULL;
  return g_ptr_array_index (self->column_names, field);
}

/* Sets @error to “FILE: line L, column C (“NAME”): DETAIL”; @column counts from 1, 0: none. */
void
_freight_csv_reader_set_error (FreightCsvReader *self,
                               GError          **error,
                               FreightCsvError   code,
                               guint64           line,
                               guint             column,
                               const char       *column_name,
                               const char       *detail)
{
  g_autofree char *line_str = g_strdup_printf ("%" G_GUINT64_FORMAT, line);

  self->error_line = line;
  self->error_column = column;

  if (column == 0)
    g_set_error (error, FREIGHT_CSV_ERROR, code, _("%s: line %s: %s"),
                 self->file_name, line_str, detail);
  else if (column_name != NULL && *column_name != '\0')
    g_set_error (error, FREIGHT_CSV_ERROR, code, _("%s: line %s, column %u (“%s”): %s"),
                 self->file_name, line_str, column, column_name, detail);
  else
    g_set_error (error, FREIGHT_CSV_ERROR, code, _("%s: line %s, column %u: %s"),
                 self->file_name, line_str, column, detail);
}

static void
set_fatal (FreightCsvReader *self,
           GError          **error,
           FreightCsvError   code,
           guint64           line,
           guint             field,
           const char       *detail)
{
  g_autoptr(GError) local = NULL;

  _freight_csv_reader_set_error (self, &local, code, line, field + 1,
                                 _freight_csv_reader_column_name (self, field), detail);
  g_clear_error (&self->fatal_error);
  self->fatal_error = g_error_copy (local);
  self->fatal_error_line = self->error_line;
  self->fatal_error_column = self->error_column;
  g_propagate_error (error, g_steal_pointer (&local));
}

static gboolean
propagate_fatal (FreightCsvReader *self,
                 GError          **error)
{
  if (self->fatal_error == NULL)
    return FALSE;
  self->error_line = self->fatal_error_line;
  self->error_column = self->fatal_error_column;
  g_propagate_error (error, g_error_copy (self->fatal_error));
  return TRUE;
}

static void
row_too_long (FreightCsvReader *self,
              guint             field,
              guint             breaks,
              gboolean          quoted,
              GError          **error)
{
  g_autofree char *detail = NULL;

  if (field >= FREIGHT_CSV_ROW_MAX_FIELDS)
    detail = g_strdup_printf (_("the row has more than %u fields"), FREIGHT_CSV_ROW_MAX_FIELDS);
  else if (quoted)
    detail = g_strdup (_("the quoted field that starts here runs on for more than 8 MiB; "
                         "is its closing quote missing?"));
  else
    detail = g_strdup (_("the row is longer than 8 MiB"));

  set_fatal (self, error, FREIGHT_CSV_ERROR_ROW_TOO_LONG, self->pos_line + breaks,
             MIN (field, FREIGHT_CSV_ROW_MAX_FIELDS - 1), detail);
}

static inline void
note_problem (Row          *row,
              ProblemKind   kind,
              const guint8 *at,
              guint         field)
{
  if (row->problem.kind != PROBLEM_NONE && row->problem.at <= at)
    return;
  row->problem.kind = kind;
  row->problem.at = at;
  row->problem.field = field;
}

/* Input. */

static gboolean
read_raw (FreightCsvReader *self,
          GCancellable     *cancellable,
          GError          **error)
{
  gsize left = self->raw_end - self->raw_pos;
  gssize n;

  memmove (self->raw, self->raw + self->raw_pos, left);
  self->raw_pos = 0;
  self->raw_end = left;

  n = g_input_stream_read (self->stream, self->raw + self->raw_end,
                           self->raw_size - self->raw_end, cancellable, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    self->raw_eof = TRUE;
  self->raw_end += n;
  return TRUE;
}

/* Reads or decodes up to @max more bytes into the buffer, which has room for them. */
static gboolean
read_some (FreightCsvReader *self,
           gsize             max,
           GCancellable     *cancellable,
           GError          **error)
{
  if (self->dialect.encoding == FREIGHT_CSV_ENCODING_UTF8)
    {
      gssize n = g_input_stream_read (self->stream, self->buf + self->end, max,
                                      cancellable, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        self->eof = TRUE;
      self->end += n;
      return TRUE;
    }

  for (;;)
    {
      gsize used = 0;
      gsize out = 0;

      if (self->raw_pos == self->raw_end && !self->raw_eof &&
          !read_raw (self, cancellable, error))
        return FALSE;

      _freight_csv_decode (self->dialect.encoding, self->raw + self->raw_pos,
                           self->raw_end - self->raw_pos, self->raw_eof,
                           self->buf + self->end,
                           MIN (MAX (max, _FREIGHT_CSV_DECODE_MAX_STEP),
                                self->size - self->end),
                           &used, &out);
      self->raw_pos += used;
      self->end += out;

      if (self->raw_eof && self->raw_pos == self->raw_end)
        {
          self->eof = TRUE;
          return TRUE;
        }
      if (out > 0)
        return TRUE;
      /* Only part of a character is left: read the rest behind it. */
      if (!read_raw (self, cancellable, error))
        return FALSE;
    }
}

/* Makes room in the buffer (dropping what was parsed) and reads or decodes more into it.
 * The row cut off at the end of the buffer is scanned again from its start after this, so
 * for a long row it reads at least as much again as the row has so far: the rescans of a
 * row then add up to a small multiple of its length, whatever size the stream's reads are. */
static gboolean
refill (FreightCsvReader *self,
        GCancellable     *cancellable,
        GError          **error)
{
  gsize keep = self->end - self->pos;
  gsize want = MAX (self->chunk_size, keep);
  gsize start_end;

  /* No more than the longest row needs (then scan_row() gives up on it). */
  if (keep < FREIGHT_CSV_ROW_MAX_BYTES)
    want = MIN (want, FREIGHT_CSV_ROW_MAX_BYTES - keep + self->chunk_size);
  else
    want = self->chunk_size;
  gboolean ok = TRUE;

  g_assert (!self->eof);

  /* Not every stream checks (memory streams do not). */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (self->pos > 0)
    {
      memmove (self->buf, self->buf + self->pos, keep);
      self->pos = 0;
      self->end = keep;
    }
  /* The decoders need room for one more character than asked for. */
  if (self->size - self->end < want + _FREIGHT_CSV_DECODE_MAX_STEP)
    {
      self->size = MAX (self->size * 2, self->end + want + _FREIGHT_CSV_DECODE_MAX_STEP);
      self->buf = g_realloc (self->buf, self->size + _FREIGHT_CSV_PADDING);
    }

  start_end = self->end;
  do
    ok = read_some (self, want - (self->end - start_end), cancellable, error);
  while (ok && !self->eof && self->end - start_end < MIN (keep, want));

  self->buf[self->end] = '\n';
  return ok;
}

/* Skips a byte order mark of the file's encoding at the very start. */
static gboolean
start (FreightCsvReader *self,
       GCancellable     *cancellable,
       GError          **error)
{
  if (self->dialect.encoding == FREIGHT_CSV_ENCODING_UTF8)
    {
      while (self->end - self->pos < 3 && !self->eof)
        if (!refill (self, cancellable, error))
          return FALSE;
      if (self->end - self->pos >= 3 && memcmp (self->buf + self->pos, "\xEF\xBB\xBF", 3) == 0)
        {
          self->pos += 3;
          self->pos_offset += 3;
        }
    }
  else if (self->dialect.encoding == FREIGHT_CSV_ENCODING_UTF16LE ||
           self->dialect.encoding == FREIGHT_CSV_ENCODING_UTF16BE)
    {
      const char *bom = self->dialect.encoding == FREIGHT_CSV_ENCODING_UTF16LE ?
                        "\xFF\xFE" : "\xFE\xFF";

      while (self->raw_end - self->raw_pos < 2 && !self->raw_eof)
        if (!read_raw (self, cancellable, error))
          return FALSE;
      if (self->raw_end - self->raw_pos >= 2 && memcmp (self->raw + self->raw_pos, bom, 2) == 0)
        {
          self->raw_pos += 2;
          self->pos_offset += 2;
        }
    }

  self->started = TRUE;
  return TRUE;
}

/* Pass 1: finds the bounds of the fields of the row at buf[pos], without changing it. */
static ScanResult
scan_row (FreightCsvReader *self,
          Row              *row,
          GError          **error)
{
  guint8 *const buf_end = self->buf + self->end;
  const gboolean eof = self->eof;
  const gboolean strict = (self->flags & FREIGHT_CSV_READER_LENIENT) == 0;
  const guint8 delimiter = self->dialect.delimiter;
  guint8 *p = self->buf + self->pos;
  guint n = 0;
  guint breaks = 0;
  guint field_breaks = 0;
  Scanner scanner;

  row->start = p;
  row->problem.kind = PROBLEM_NONE;
  row->problem.at = NULL;
  row->problem.field = 0;

  if (p == buf_end)
    return eof ? SCAN_END : SCAN_MORE;

  scanner_init (&scanner, delimiter);

  for (;;)
    {
      FreightCsvField *f;
      guint8 *q;

      if (G_UNLIKELY (n == self->fields_alloc))
        {
          if (n >= FREIGHT_CSV_ROW_MAX_FIELDS)
            {
              row_too_long (self, n, breaks, FALSE, error);
              return SCAN_FATAL;
            }
          self->fields_alloc = MIN (MAX (16, self->fields_alloc * 2), FREIGHT_CSV_ROW_MAX_FIELDS);
          self->fields = g_renew (FreightCsvField, self->fields, self->fields_alloc);
        }

      f = &self->fields[n];
      f->breaks = field_breaks = breaks;
      f->flags = 0;

      if (p == buf_end)
        {
          /* The row ends in a delimiter at the end of the data: one more empty field. */
          if (!eof)
            goto more;
          f->start = f->end = p;
          n++;
          row->content_end = row->next = p;
          break;
        }

      if (*p == '"')
        {
          f->flags = FREIGHT_CSV_FIELD_QUOTED;
          f->start = p + 1;
          q = p + 1;
          for (;;)
            {
              q = scan_quoted (&scanner, q);
              if (q >= buf_end)
                {
                  if (!eof)
                    goto more;
                  set_fatal (self, error, FREIGHT_CSV_ERROR_UNTERMINATED_QUOTE,
                             self->pos_line + f->breaks, n,
                             _("the quoted field that starts here is never closed; "
                               "add the closing quote (\")"));
                  return SCAN_FATAL;
                }
              if (*q == '"')
                {
                  if (q + 1 == buf_end && !eof)
                    goto more;
                  if (q + 1 < buf_end && q[1] == '"')
                    {
                      f->flags |= FREIGHT_CSV_FIELD_ESCAPED;
                      q += 2;
                      continue;
                    }
                  break;
                }
              breaks++;
              if (*q == '\r')
                {
                  if (q + 1 == buf_end && !eof)
                    goto more;
                  if (q + 1 < buf_end && q[1] == '\n')
                    q++;
                }
              q++;
            }

          /* q is at the closing quote. */
          if (q + 1 == buf_end || q[1] == delimiter || q[1] == '\n' || q[1] == '\r')
            {
              f->end = q;
              q++;
            }
          else
            {
              /* Text follows: the quote was data after all, and the field goes on
               * unquoted (what spreadsheets read). */
              if (strict)
                note_problem (row, PROBLEM_TEXT_AFTER_QUOTE, q, n);
              f->flags |= FREIGHT_CSV_FIELD_MIXED;
              f->quote_end = q;
              q = scan_unquoted (&scanner, q + 1);
              while (q < buf_end && *q == '"')
                q = scan_unquoted (&scanner, q + 1);
              if (q >= buf_end)
                {
                  if (!eof)
                    goto more;
                  q = buf_end;
                }
              f->end = q;
            }
        }
      else
        {
          f->start = p;
          q = scan_unquoted (&scanner, p);
          while (G_UNLIKELY (q < buf_end && *q == '"'))
            {
              if (strict)
                note_problem (row, PROBLEM_QUOTE_IN_UNQUOTED, q, n);
              q = scan_unquoted (&scanner, q + 1);
            }
          if (q >= buf_end)
            {
              if (!eof)
                goto more;
              q = buf_end;
            }
          f->end = q;
        }
      n++;

      if (q == buf_end)
        {
          row->content_end = row->next = q;
          break;
        }
      if (*q == delimiter)
        {
          p = q + 1;
          continue;
        }

      row->content_end = q;
      if (*q == '\r')
        {
          if (q + 1 == buf_end && !eof)
            goto more;
          row->next = (q + 1 < buf_end && q[1] == '\n') ? q + 2 : q + 1;
        }
      else
        row->next = q + 1;
      breaks++;
      break;
    }

  row->n_fields = n;
  row->breaks = breaks;
  row->blank = n == 1 && self->fields[0].flags == 0 &&
               self->fields[0].start == self->fields[0].end;
  return SCAN_ROW;

more:
  if ((gsize) (buf_end - row->start) >= FREIGHT_CSV_ROW_MAX_BYTES)
    {
      row_too_long (self, n, field_breaks, *p == '"', error);
      return SCAN_FATAL;
    }
  return SCAN_MORE;
}

/* Pass 1 for a row that is only skipped (no fields wanted): a row without quotes or CRs
 * ends at the first LF, found in one vector search. Anything else (quotes, CRs, a row cut
 * off by the end of the buffer, more bytes than a row may have fields) is left to
 * scan_row(). */
static gboolean
scan_plain_row (FreightCsvReader *self,
                Row              *row)
{
  guint8 *const buf_end = self->buf + self->end;
  guint8 *p = self->buf + self->pos;
  guint8 *q;
  Scanner scanner;

  if (p == buf_end)
    return FALSE;
  scanner_init (&scanner, self->dialect.delimiter);
  q = scan_quoted (&scanner, p);
  if (q >= buf_end || *q != '\n' || (gsize) (q - p) >= FREIGHT_CSV_ROW_MAX_FIELDS)
    return FALSE;

  row->start = p;
  row->content_end = q;
  row->next = q + 1;
  row->breaks = 1;
  row->n_fields = 0;
  row->blank = q == p;
  row->problem.kind = PROBLEM_NONE;
  row->problem.at = NULL;
  row->problem.field = 0;
  return TRUE;
}

static void
consume (FreightCsvReader *self,
         const Row        *row)
{
  gsize n = row->next - row->start;

  if (self->dialect.encoding == FREIGHT_CSV_ENCODING_UTF8)
    self->pos_offset += n;
  else
    self->pos_offset += _freight_csv_source_length (self->dialect.encoding, row->start, n);
  self->pos_line += row->breaks;
  self->pos += n;
}

static guint
field_containing (FreightCsvReader *self,
                  guint             n_fields,
                  const guint8     *at)
{
  guint i = 0;

  while (i + 1 < n_fields && field_origin (&self->fields[i + 1]) <= at)
    i++;
  return i;
}

static void
problem_to_error (FreightCsvReader *self,
                  const Row        *row,
                  GError          **error)
{
  const Problem *pb = &row->problem;
  const FreightCsvField *f = &self->fields[MIN (pb->field, row->n_fields - 1)];
  guint64 line = self->line + f->breaks + count_breaks (field_origin (f), pb->at);
  g_autofree char *detail = NULL;
  FreightCsvError code = FREIGHT_CSV_ERROR_STRAY_QUOTE;

  switch (pb->kind)
    {
    case PROBLEM_QUOTE_IN_UNQUOTED:
      detail = g_strdup (_("a quote (\") inside a field that does not start with one; "
                           "put the whole field in quotes and double its quotes (\"\"), "
                           "or read the file in lenient mode"));
      break;

    case PROBLEM_TEXT_AFTER_QUOTE:
      detail = g_strdup (_("text follows the closing quote of this field; double the quotes "
                           "inside a quoted field (\"\"), or read the file in lenient mode"));
      break;

    case PROBLEM_ENCODING:
      code = FREIGHT_CSV_ERROR_INVALID_ENCODING;
      if (self->dialect.encoding == FREIGHT_CSV_ENCODING_UTF8)
        detail = g_strdup_printf (_("byte 0x%02X is not valid UTF-8; choose the file’s "
                                    "encoding (files saved by Excel are often "
                                    "Windows-1252)"), *pb->at);
      else
        detail = g_strdup_printf (_("the text is not valid %s; choose the file’s encoding"),
                                  freight_csv_encoding_to_string (self->dialect.encoding));
      break;

    case PROBLEM_NUL:
      code = FREIGHT_CSV_ERROR_NUL_BYTE;
      detail = g_strdup (_("the field contains a NUL character; is this a binary file, or "
                           "UTF-16 text without a byte order mark? Choose the file’s "
                           "encoding"));
      break;

    case PROBLEM_TOO_MANY_FIELDS:
    case PROBLEM_TOO_FEW_FIELDS:
      {
        g_autofree char *has = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "this row has %u field",
                                                             "this row has %u fields",
                                                             row->n_fields),
                                                row->n_fields);
        g_autofree char *header = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "the header has %u column",
                                                                "the header has %u columns",
                                                                self->n_columns),
                                                   self->n_columns);

        if (pb->kind == PROBLEM_TOO_MANY_FIELDS)
          {
            code = FREIGHT_CSV_ERROR_TOO_MANY_FIELDS;
            /* Translators: the first %s is “this row has N fields”, the second “the header
             * has N columns”, the third the delimiter's name, e.g. “Comma”. */
            detail = g_strdup_printf (_("%s, but %s; quote values that contain the "
                                        "delimiter (%s)"), has, header,
                                      freight_csv_delimiter_get_display_name (
                                        self->dialect.delimiter) ?: "?");
          }
        else
          {
            code = FREIGHT_CSV_ERROR_TOO_FEW_FIELDS;
            /* Translators: the first %s is “this row has N fields”, the second “the header
             * has N columns”. */
            detail = g_strdup_printf (_("%s, but %s"), has, header);
          }
      }
      break;

    case PROBLEM_NONE:
    default:
      g_assert_not_reached ();
    }

  _freight_csv_reader_set_error (self, error, code, line, pb->field + 1,
                                 _freight_csv_reader_column_name (self, pb->field), detail);
}

/* Collapses the doubled quotes of a quoted field in place. */
static void
unescape (FreightCsvField *f)
{
  gboolean mixed = (f->flags & FREIGHT_CSV_FIELD_MIXED) != 0;
  guint8 *quoted_end = mixed ? f->quote_end : f->end;
  guint8 *w = f->start;
  guint8 *r = f->start;

  while (r < quoted_end)
    {
      guint8 *dq = memchr (r, '"', quoted_end - r);
      gsize n = dq != NULL ? (gsize) (dq + 1 - r) : (gsize) (quoted_end - r);

      memmove (w, r, n);
      w += n;
      r += dq != NULL ? n + 1 : n;
    }
  if (mixed)
    {
      gsize n = f->end - f->quote_end;

      memmove (w, f->quote_end, n);
      w += n;
    }
  f->end = w;
}

/* Pass 2: checks the row and turns its fields into NUL-terminated UTF-8. Returns FALSE with
 * a row-level error if the row has one. */
static gboolean
finish_row (FreightCsvReader *self,
            Row              *row,
            GError          **error)
{
  gsize len = row->content_end - row->start;
  gsize bad = _freight_csv_utf8_check_padded (row->start, len);
  g_autoptr(GError) local = NULL;
  const guint8 *problem_at = NULL;
  guint n = row->n_fields;

  if (G_UNLIKELY (bad < len))
    {
      const guint8 *at = row->start + bad;

      note_problem (row, *at == 0 ? PROBLEM_NUL : PROBLEM_ENCODING, at,
                    field_containing (self, n, at));
    }

  if (self->n_columns > 0 && n != self->n_columns)
    {
      if (n > self->n_columns)
        note_problem (row, PROBLEM_TOO_MANY_FIELDS, field_origin (&self->fields[self->n_columns]),
                      self->n_columns);
      else
        note_problem (row, PROBLEM_TOO_FEW_FIELDS, row->content_end, n);
    }

  /* The position needs the row as it was read. */
  if (G_UNLIKELY (row->problem.kind != PROBLEM_NONE))
    {
      problem_to_error (self, row, &local);
      problem_at = row->problem.at;
    }

  for (guint i = 0; i < n; i++)
    {
      FreightCsvField *f = &self->fields[i];

      if (G_UNLIKELY (f->flags & FREIGHT_CSV_FIELD_ESCAPED))
        unescape (f);
      *f->end = '\0';
    }

  if (G_UNLIKELY (bad < len))
    {
      g_autofree gsize *offsets = g_new (gsize, n);

      g_string_truncate (self->scratch, 0);
      for (guint i = 0; i < n; i++)
        {
          offsets[i] = self->scratch->len;
          _freight_csv_utf8_repair (self->scratch, self->fields[i].start,
                                    self->fields[i].end - self->fields[i].start);
          g_string_append_c (self->scratch, '\0');
        }
      for (guint i = 0; i < n; i++)
        {
          FreightCsvField *f = &self->fields[i];
          guint8 *s = (guint8 *) self->scratch->str + offsets[i];

          f->end = s + strlen ((const char *) s);
          f->start = s;
        }
    }

  /* Only a row longer than the limit can have a field over it. */
  for (guint i = 0; len > FREIGHT_CSV_MAX_FIELD_CHARS && i < n; i++)
    {
      FreightCsvField *f = &self->fields[i];
      gsize chars;

      if (f->end - f->start <= FREIGHT_CSV_MAX_FIELD_CHARS)
        continue;
      chars = _freight_csv_utf8_count_chars (f->start, f->end - f->start);
      /* After a repair the fields live elsewhere and the encoding error is reported. */
      if (chars > FREIGHT_CSV_MAX_FIELD_CHARS && bad >= len)
        {
          const guint8 *origin = field_origin (f);

          if (problem_at == NULL || origin < problem_at)
            {
              g_autofree char *detail = NULL;

              g_clear_error (&local);
              /* chars is below FREIGHT_CSV_ROW_MAX_BYTES. */
              detail = g_strdup_printf (_("the field has %u characters; Salesforce accepts "
                                          "at most %u"),
                                        (guint) chars, FREIGHT_CSV_MAX_FIELD_CHARS);
              _freight_csv_reader_set_error (self, &local, FREIGHT_CSV_ERROR_FIELD_TOO_LONG,
                                             self->line + f->breaks, i + 1,
                                             _freight_csv_reader_column_name (self, i), detail);
            }
          break;
        }
    }

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* Allocates the buffers once the chunk size is final. */
void
_freight_csv_reader_ensure_buffers (FreightCsvReader *self)
{
  if (self->buf != NULL)
    return;

  self->size = 2 * self->chunk_size;
  self->buf = g_malloc (self->size + _FREIGHT_CSV_PADDING);
  self->buf[0] = '\n';
  if (self->dialect.encoding != FREIGHT_CSV_ENCODING_UTF8)
    {
      self->raw_size = MAX (self->chunk_size, 16);
      self->raw = g_malloc (self->raw_size);
    }
}

/* Reads the next row that is not a blank line to skip; with @full, also pass 2. */
FreightCsvReadResult
_freight_csv_reader_read_row (FreightCsvReader *self,
                              gboolean          full,
                              GCancellable     *cancellable,
                              GError          **error)
{
  Row row;

  self->n_fields = 0;

  if (propagate_fatal (self, error))
    return FREIGHT_CSV_READ_FAILED;

  _freight_csv_reader_ensure_buffers (self);

  for (;;)
    {
      ScanResult result;

      if (!self->started && !start (self, cancellable, error))
        return FREIGHT_CSV_READ_FAILED;

      if (!full && scan_plain_row (self, &row))
        result = SCAN_ROW;
      else
        result = scan_row (self, &row, error);
      if (result == SCAN_MORE)
        {
          if (!refill (self, cancellable, error))
            return FREIGHT_CSV_READ_FAILED;
          continue;
        }
      if (result == SCAN_END)
        return FREIGHT_CSV_READ_END;
      if (result == SCAN_FATAL)
        return FREIGHT_CSV_READ_FAILED;

      self->line = self->pos_line;
      self->offset = self->pos_offset;
      self->row_start = row.start;
      self->row_len = row.content_end - row.start;
      consume (self, &row);

      if (row.blank && self->n_columns != 1)
        {
          self->n_blank_lines++;
          continue;
        }
      break;
    }

  self->n_fields = row.n_fields;
  if (!full)
    return FREIGHT_CSV_READ_ROW;
  return finish_row (self, &row, error) ? FREIGHT_CSV_READ_ROW : FREIGHT_CSV_READ_ROW_WITH_ERROR;
}
