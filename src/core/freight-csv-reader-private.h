/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-csv-reader.h"

G_BEGIN_DECLS

/* Shared by freight-csv-reader.c (the object and its API) and freight-csv-reader-parse.c
 * (input, scanning and checks), and used by the row index. */

#define FREIGHT_CSV_DEFAULT_CHUNK_SIZE (512 * 1024)
#define FREIGHT_CSV_MIN_CHUNK_SIZE     4

/* A row that runs past this is almost always a quote that is never closed; stopping keeps
 * memory bounded. */
#define FREIGHT_CSV_ROW_MAX_BYTES  (8 * 1024 * 1024)
#define FREIGHT_CSV_ROW_MAX_FIELDS 32768

enum
{
  FREIGHT_CSV_FIELD_QUOTED  = 1 << 0,
  FREIGHT_CSV_FIELD_ESCAPED = 1 << 1,   /* holds doubled quotes to collapse */
  FREIGHT_CSV_FIELD_MIXED   = 1 << 2,   /* text follows its closing quote (quote_end) */
};

typedef struct
{
  guint8 *start;       /* the text, after an opening quote */
  guint8 *end;         /* one past the text: closing quote, delimiter, line break or EOF */
  guint8 *quote_end;   /* FREIGHT_CSV_FIELD_MIXED: that quote, kept as data */
  guint32 breaks;      /* line breaks in the row before the field */
  guint32 flags;
} FreightCsvField;

typedef enum
{
  FREIGHT_CSV_READ_ROW,
  FREIGHT_CSV_READ_ROW_WITH_ERROR,   /* a row-level error: the row is there */
  FREIGHT_CSV_READ_END,
  FREIGHT_CSV_READ_FAILED,           /* fatal or I/O error: no row */
} FreightCsvReadResult;

struct _FreightCsvReader
{
  GObject                parent_instance;

  GInputStream          *stream;
  char                  *file_name;
  FreightCsvDialect      dialect;
  FreightCsvReaderFlags  flags;
  gsize                  chunk_size;

  /* Decoded UTF-8: [pos, end) is not parsed yet; buf[end] is a sentinel line break, and
   * _FREIGHT_CSV_PADDING readable bytes follow it for vector loads. */
  guint8                *buf;
  gsize                  size;
  gsize                  pos;
  gsize                  end;
  gboolean               eof;
  gboolean               started;
  guint64                pos_offset;   /* source offset of buf[pos] */
  guint64                pos_line;     /* physical line of buf[pos] */

  /* The source bytes, for encodings other than UTF-8. */
  guint8                *raw;
  gsize                  raw_size;
  gsize                  raw_pos;
  gsize                  raw_end;
  gboolean               raw_eof;

  /* The current row. */
  FreightCsvField                 *fields;
  guint                  n_fields;
  guint                  fields_alloc;
  guint64                record_number;
  guint64                line;
  guint64                offset;
  const guint8          *row_start;   /* the current row as read, without its terminator */
  gsize                  row_len;
  GString               *scratch;

  /* The header; n_columns is 0 until it is known. */
  GPtrArray             *column_names;
  guint                  n_columns;
  gboolean               header_done;
  gboolean               row_pending;
  GError                *pending_error;
  guint64                pending_error_line;
  guint                  pending_error_column;

  guint64                n_blank_lines;
  GError                *fatal_error;
  guint64                fatal_error_line;
  guint                  fatal_error_column;
  guint64                error_line;     /* of the last error, 0 if it had none */
  guint                  error_column;
};

void                 _freight_csv_reader_ensure_buffers (FreightCsvReader   *self);
FreightCsvReadResult _freight_csv_reader_read_row       (FreightCsvReader   *self,
                                                         gboolean            full,
                                                         GCancellable       *cancellable,
                                                         GError            **error);
const char          *_freight_csv_reader_column_name    (FreightCsvReader   *self,
                                                         guint               field);
void                 _freight_csv_reader_set_error      (FreightCsvReader   *self,
                                                         GError            **error,
                                                         FreightCsvError     code,
                                                         guint64             line,
                                                         guint               column,
                                                         const char         *column_name,
                                                         const char         *detail);

/* For the row index: start a reader in the middle of a file it has already read once. */

void     _freight_csv_reader_set_chunk_size (FreightCsvReader   *self,
                                             gsize               chunk_size);
void     _freight_csv_reader_start_at       (FreightCsvReader   *self,
                                             guint64             offset,
                                             guint64             line,
                                             guint64             record_number,
                                             const char * const *column_names);
gboolean _freight_csv_reader_skip_row       (FreightCsvReader   *self,
                                             GCancellable       *cancellable,
                                             GError            **error);

/* After _freight_csv_reader_skip_row(): the row's bytes as read (decoded to UTF-8, quotes
 * and delimiters as they are, not validated), valid until the next read. For copying
 * whole rows unchanged into another CSV file of the same delimiter. */
const guint8 *_freight_csv_reader_get_row_bytes (FreightCsvReader   *self,
                                                 gsize              *len);

G_END_DECLS
