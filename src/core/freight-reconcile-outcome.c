/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-reconcile-outcome"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-reconcile-private.h"

/* The outcome file of a part: per row, which result named it, with the record Id or the
 * error. Results arrive in Salesforce's order and the writing of the result files goes in
 * row order, so the file is a distribution of records into buckets of consecutive rows:
 * each bucket collects its records in a small buffer that goes to the file as a chunk when
 * full; reading a row loads its bucket's chunks. Memory is one buffer per bucket while
 * writing (at most 128 × 8 KiB) and one bucket while reading, and all I/O is sequential
 * appends and chunk-sized reads.
 *
 * Layout, little-endian:
 *   magic    "FRTOUT1\n"
 *   chunks   { u32 bucket, u32 length, records[length bytes] } …
 *   records  { u32 row, u8 kind, u8 flags, u16 id_length, u32 text_length, id, text }
 *   directory { u32 bucket, u32 length, u64 offset of the chunk's records } × n_chunks
 *   footer   { u64 directory offset, u64 n_chunks, u32 n_rows, u32 rows per bucket,
 *              u32 n_buckets, u32 0, u64 counts[6], "FRTEND1\n" }
 */

#define FILE_MAGIC        "FRTOUT1\n"
#define FOOTER_MAGIC      "FRTEND1\n"
#define MAGIC_SIZE        8
#define CHUNK_SIZE        (8 * 1024)
#define MAX_BUCKETS       128
#define MIN_BUCKET_ROWS   8192
#define RECORD_HEADER     12
#define CHUNK_HEADER      8
#define DIRECTORY_ENTRY   16
#define N_COUNTS          6
#define FOOTER_SIZE       (8 + 8 + 4 + 4 + 4 + 4 + 8 * N_COUNTS + MAGIC_SIZE)

typedef struct
{
  guint32 bucket;
  guint32 length;
  guint64 offset;
} Chunk;

struct _FreightOutcomeWriter
{
  GFile          *file;
  GOutputStream  *out;
  guint           n_rows;
  guint           rows_per_bucket;
  guint           n_buckets;
  GByteArray    **buckets;
  GArray         *chunks;
  guint64         offset;
};

struct _FreightOutcomeReader
{
  GFile                *file;
  GInputStream         *in;
  FreightOutcomeCounts  counts;
  guint                 n_rows;
  guint                 rows_per_bucket;
  guint                 n_buckets;
  GArray               *chunks;        /* sorted by bucket, then file order */
  guint                *bucket_first;  /* n_buckets + 1 indexes into chunks */

  guint                 loaded;        /* the bucket in blob, or G_MAXUINT */
  GByteArray           *blob;
  guint32              *slots;         /* per row of the bucket: offset in blob + 1, or 0 */
};

static void
put32 (guint8  *p,
       guint32  v)
{
  v = GUINT32_TO_LE (v);
  memcpy (p, &v, 4);
}

static void
put64 (guint8  *p,
       guint64  v)
{
  v = GUINT64_TO_LE (v);
  memcpy (p, &v, 8);
}

static guint32
get32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

static guint64
get64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, 8);
  return GUINT64_FROM_LE (v);
}

static void
bucket_layout (guint  n_rows,
               guint *rows_per_bucket,
               guint *n_buckets)
{
  guint per = MAX (MIN_BUCKET_ROWS, (n_rows + MAX_BUCKETS - 1) / MAX_BUCKETS);

  *rows_per_bucket = per;
  *n_buckets = MAX (1, (n_rows + per - 1) / per);
}

FreightOutcomeWriter *
_freight_outcome_writer_new (GFile         *file,
                             guint          n_rows,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(FreightOutcomeWriter) writer = g_new0 (FreightOutcomeWriter, 1);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local = NULL;

  /* No temporary file and no fsync: a file cut short by a crash has no footer, and the
   * reader then asks for the part to be reconciled again. */
  if (!g_file_delete (file, cancellable, &local) &&
      !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  out = g_file_create (file, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return NULL;
  writer->file = g_object_ref (file);
  writer->out = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 64 * 1024);
  writer->n_rows = n_rows;
  bucket_layout (n_rows, &writer->rows_per_bucket, &writer->n_buckets);
  writer->buckets = g_new0 (GByteArray *, writer->n_buckets);
  writer->chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));

  if (!g_output_stream_write_all (writer->out, FILE_MAGIC, MAGIC_SIZE, NULL, cancellable,
                                  error))
    return NULL;
  writer->offset = MAGIC_SIZE;
  return g_steal_pointer (&writer);
}

static gboolean
flush_bucket (FreightOutcomeWriter  *writer,
              guint                  bucket,
              GCancellable          *cancellable,
              GError               **error)
{
  GByteArray *buf = writer->buckets[bucket];
  guint8 header[CHUNK_HEADER];
  Chunk chunk;

  if (buf == NULL || buf->len == 0)
    return TRUE;

  put32 (header, bucket);
  put32 (header + 4, buf->len);
  if (!g_output_stream_write_all (writer->out, header, sizeof header, NULL, cancellable, error) ||
      !g_output_stream_write_all (writer->out, buf->data, buf->len, NULL, cancellable, error))
    return FALSE;

  chunk.bucket = bucket;
  chunk.length = buf->len;
  chunk.offset = writer->offset + CHUNK_HEADER;
  g_array_append_val (writer->chunks, chunk);
  writer->offset += CHUNK_HEADER + buf->len;
  g_byte_array_set_size (buf, 0);
  return TRUE;
}

gboolean
_freight_outcome_writer_add (FreightOutcomeWriter  *writer,
                             guint                  row,
                             const FreightOutcome  *outcome,
                             GCancellable          *cancellable,
                             GError               **error)
{
  guint bucket = row / writer->rows_per_bucket;
  gsize id_len = MIN (outcome->id_len, G_MAXUINT16);
  gsize text_len = MIN (outcome->text_len, G_MAXUINT32 - CHUNK_SIZE);
  guint8 header[RECORD_HEADER];
  GByteArray *buf;

  g_assert (row < writer->n_rows);
  g_assert (outcome->kind != FREIGHT_OUTCOME_NONE);

  if (writer->buckets[bucket] == NULL)
    writer->buckets[bucket] = g_byte_array_sized_new (CHUNK_SIZE);
  buf = writer->buckets[bucket];
  if (buf->len > 0 && buf->len + RECORD_HEADER + id_len + text_len > CHUNK_SIZE &&
      !flush_bucket (writer, bucket, cancellable, error))
    return FALSE;

  put32 (header, row);
  header[4] = outcome->kind;
  header[5] = outcome->flags;
  header[6] = id_len & 0xff;
  header[7] = id_len >> 8;
  put32 (header + 8, text_len);
  /* One resize per result row, then plain copies. */
  {
    gsize at = buf->len;

    g_byte_array_set_size (buf, at + RECORD_HEADER + id_len + text_len);
    memcpy (buf->data + at, header, RECORD_HEADER);
    if (id_len > 0)
      memcpy (buf->data + at + RECORD_HEADER, outcome->id, id_len);
    if (text_len > 0)
      memcpy (buf->data + at + RECORD_HEADER + id_len, outcome->text, text_len);
  }

  if (buf->len >= CHUNK_SIZE)
    return flush_bucket (writer, bucket, cancellable, error);
  return TRUE;
}

gboolean
_freight_outcome_writer_finish (FreightOutcomeWriter        *writer,
                                const FreightOutcomeCounts  *counts,
                                GCancellable                *cancellable,
                                GError                     **error)
{
  guint8 footer[FOOTER_SIZE];
  guint64 directory_offset;
  const guint64 values[N_COUNTS] = {
    counts->n_rows, counts->n_succeeded, counts->n_failed, counts->n_unprocessed,
    counts->n_ambiguous, counts->n_unmatched,
  };

  for (guint b = 0; b < writer->n_buckets; b++)
    if (!flush_bucket (writer, b, cancellable, error))
      return FALSE;

  directory_offset = writer->offset;
  for (guint i = 0; i < writer->chunks->len; i++)
    {
      const Chunk *chunk = &g_array_index (writer->chunks, Chunk, i);
      guint8 entry[DIRECTORY_ENTRY];

      put32 (entry, chunk->bucket);
      put32 (entry + 4, chunk->length);
      put64 (entry + 8, chunk->offset);
      if (!g_output_stream_write_all (writer->out, entry, sizeof entry, NULL, cancellable,
                                      error))
        return FALSE;
    }

  put64 (footer, directory_offset);
  put64 (footer + 8, writer->chunks->len);
  put32 (footer + 16, writer->n_rows);
  put32 (footer + 20, writer->rows_per_bucket);
  put32 (footer + 24, writer->n_buckets);
  put32 (footer + 28, 0);
  for (guint i = 0; i < N_COUNTS; i++)
    put64 (footer + 32 + 8 * i, values[i]);
  memcpy (footer + 32 + 8 * N_COUNTS, FOOTER_MAGIC, MAGIC_SIZE);

  return g_output_stream_write_all (writer->out, footer, sizeof footer, NULL, cancellable,
                                    error) &&
         g_output_stream_close (writer->out, cancellable, error);
}

void
_freight_outcome_writer_free (FreightOutcomeWriter *writer)
{
  if (writer == NULL)
    return;
  if (writer->out != NULL && !g_output_stream_is_closed (writer->out))
    {
      /* Abandoned: leave no outcome that looks finished. */
      g_output_stream_close (writer->out, NULL, NULL);
      g_file_delete (writer->file, NULL, NULL);
    }
  g_clear_object (&writer->out);
  g_clear_object (&writer->file);
  for (guint b = 0; b < writer->n_buckets; b++)
    g_clear_pointer (&writer->buckets[b], g_byte_array_unref);
  g_free (writer->buckets);
  g_clear_pointer (&writer->chunks, g_array_unref);
  g_free (writer);
}

static gboolean
corrupt (FreightOutcomeReader  *reader,
         GError               **error,
         const char            *what)
{
  g_autofree char *name = g_file_get_basename (reader->file);

  g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SPOOL,
               _("The outcome file “%s” is damaged (%s); reconcile the part again"),
               name, what);
  return FALSE;
}

static gboolean
read_at (FreightOutcomeReader  *reader,
         guint64                offset,
         void                  *buf,
         gsize                  len,
         GCancellable          *cancellable,
         GError               **error)
{
  gsize n_read;

  if (!g_seekable_seek (G_SEEKABLE (reader->in), offset, G_SEEK_SET, cancellable, error) ||
      !g_input_stream_read_all (reader->in, buf, len, &n_read, cancellable, error))
    return FALSE;
  if (n_read != len)
    return corrupt (reader, error, "truncated");
  return TRUE;
}

static int
compare_chunks (gconstpointer a,
                gconstpointer b)
{
  const Chunk *ca = a, *cb = b;

  if (ca->bucket != cb->bucket)
    return ca->bucket < cb->bucket ? -1 : 1;
  if (ca->offset != cb->offset)
    return ca->offset < cb->offset ? -1 : 1;
  return 0;
}

FreightOutcomeReader *
_freight_outcome_reader_new (GFile         *file,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(FreightOutcomeReader) reader = g_new0 (FreightOutcomeReader, 1);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree guint8 *directory = NULL;
  guint8 footer[FOOTER_SIZE];
  guint8 magic[MAGIC_SIZE];
  guint64 size, directory_offset, n_chunks, counts[N_COUNTS];
  guint expected_per, expected_buckets;

  reader->file = g_object_ref (file);
  reader->loaded = G_MAXUINT;
  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;
  reader->in = G_INPUT_STREAM (g_steal_pointer (&in));
  info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (reader->in),
                                         G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, error);
  if (info == NULL)
    return NULL;
  size = g_file_info_get_size (info);
  if (size < MAGIC_SIZE + FOOTER_SIZE)
    {
      corrupt (reader, error, "too short");
      return NULL;
    }
  if (!read_at (reader, 0, magic, MAGIC_SIZE, cancellable, error) ||
      !read_at (reader, size - FOOTER_SIZE, footer, FOOTER_SIZE, cancellable, error))
    return NULL;
  if (memcmp (magic, FILE_MAGIC, MAGIC_SIZE) != 0 ||
      memcmp (footer + 32 + 8 * N_COUNTS, FOOTER_MAGIC, MAGIC_SIZE) != 0)
    {
      corrupt (reader, error, "not an outcome file");
      return NULL;
    }

  directory_offset = get64 (footer);
  n_chunks = get64 (footer + 8);
  reader->n_rows = get32 (footer + 16);
  reader->rows_per_bucket = get32 (footer + 20);
  reader->n_buckets = get32 (footer + 24);
  for (guint i = 0; i < N_COUNTS; i++)
    counts[i] = get64 (footer + 32 + 8 * i);
  reader->counts = (FreightOutcomeCounts) {
    counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]
  };

  bucket_layout (reader->n_rows, &expected_per, &expected_buckets);
  if (reader->rows_per_bucket != expected_per || reader->n_buckets != expected_buckets ||
      reader->counts.n_rows != reader->n_rows || directory_offset < MAGIC_SIZE ||
      directory_offset > size - FOOTER_SIZE ||
      n_chunks != (size - FOOTER_SIZE - directory_offset) / DIRECTORY_ENTRY ||
      (size - FOOTER_SIZE - directory_offset) % DIRECTORY_ENTRY != 0)
    {
      corrupt (reader, error, "inconsistent footer");
      return NULL;
    }

  directory = g_malloc (MAX (n_chunks * DIRECTORY_ENTRY, 1));
  if (!read_at (reader, directory_offset, directory, n_chunks * DIRECTORY_ENTRY, cancellable,
                error))
    return NULL;
  reader->chunks = g_array_sized_new (FALSE, FALSE, sizeof (Chunk), n_chunks);
  for (guint64 i = 0; i < n_chunks; i++)
    {
      Chunk chunk = {
        get32 (directory + i * DIRECTORY_ENTRY),
        get32 (directory + i * DIRECTORY_ENTRY + 4),
        get64 (directory + i * DIRECTORY_ENTRY + 8),
      };

      if (chunk.bucket >= reader->n_buckets || chunk.offset < MAGIC_SIZE + CHUNK_HEADER ||
          chunk.offset > directory_offset || chunk.length > directory_offset - chunk.offset)
        {
          corrupt (reader, error, "bad directory");
          return NULL;
        }
      g_array_append_val (reader->chunks, chunk);
    }
  g_array_sort (reader->chunks, compare_chunks);

  reader->bucket_first = g_new0 (guint, reader->n_buckets + 1);
  for (guint i = 0, b = 0; b <= reader->n_buckets; b++)
    {
      while (i < reader->chunks->len && g_array_index (reader->chunks, Chunk, i).bucket < b)
        i++;
      reader->bucket_first[b] = i;
    }

  reader->blob = g_byte_array_new ();
  reader->slots = g_new (guint32, reader->rows_per_bucket);
  return g_steal_pointer (&reader);
}

const FreightOutcomeCounts *
_freight_outcome_reader_get_counts (FreightOutcomeReader *reader)
{
  return &reader->counts;
}

static gboolean
load_bucket (FreightOutcomeReader  *reader,
             guint                  bucket,
             GCancellable          *cancellable,
             GError               **error)
{
  guint first_row = bucket * reader->rows_per_bucket;
  gsize pos = 0;

  reader->loaded = G_MAXUINT;
  g_byte_array_set_size (reader->blob, 0);
  memset (reader->slots, 0, sizeof (guint32) * reader->rows_per_bucket);

  for (guint i = reader->bucket_first[bucket]; i < reader->bucket_first[bucket + 1]; i++)
    {
      const Chunk *chunk = &g_array_index (reader->chunks, Chunk, i);
      gsize at = reader->blob->len;

      if ((guint64) at + chunk->length >= G_MAXUINT32)
        return corrupt (reader, error, "bucket too large");
      g_byte_array_set_size (reader->blob, at + chunk->length);
      if (!read_at (reader, chunk->offset, reader->blob->data + at, chunk->length, cancellable,
                    error))
        return FALSE;
    }

  while (pos < reader->blob->len)
    {
      const guint8 *p = reader->blob->data + pos;
      guint32 row, text_len;
      guint id_len;

      if (reader->blob->len - pos < RECORD_HEADER)
        return corrupt (reader, error, "cut record");
      row = get32 (p);
      id_len = p[6] | (p[7] << 8);
      text_len = get32 (p + 8);
      if (row < first_row || row - first_row >= reader->rows_per_bucket ||
          row >= reader->n_rows || p[4] == FREIGHT_OUTCOME_NONE ||
          p[4] > FREIGHT_OUTCOME_UNPROCESSED ||
          (gsize) id_len + text_len > reader->blob->len - pos - RECORD_HEADER)
        return corrupt (reader, error, "bad record");
      if (reader->slots[row - first_row] != 0)
        return corrupt (reader, error, "a row with two outcomes");
      reader->slots[row - first_row] = pos + 1;
      pos += RECORD_HEADER + id_len + text_len;
    }

  reader->loaded = bucket;
  return TRUE;
}

/**
 * _freight_outcome_reader_get:
 * @row: a row of the part
 * @outcome: (out): its outcome; the id and text stay valid until the next call
 *
 * Reading rows in ascending order loads each bucket once.
 */
gboolean
_freight_outcome_reader_get (FreightOutcomeReader  *reader,
                             guint                  row,
                             FreightOutcome        *outcome,
                             GCancellable          *cancellable,
                             GError               **error)
{
  guint bucket;
  guint32 slot;
  const guint8 *p;

  memset (outcome, 0, sizeof *outcome);
  if (row >= reader->n_rows)
    return corrupt (reader, error, "fewer rows than the part");

  bucket = row / reader->rows_per_bucket;
  if (reader->loaded != bucket && !load_bucket (reader, bucket, cancellable, error))
    return FALSE;

  slot = reader->slots[row - bucket * reader->rows_per_bucket];
  if (slot == 0)
    return TRUE;

  p = reader->blob->data + slot - 1;
  outcome->kind = p[4];
  outcome->flags = p[5];
  outcome->id_len = p[6] | (p[7] << 8);
  outcome->text_len = get32 (p + 8);
  outcome->id = (const char *) p + RECORD_HEADER;
  outcome->text = outcome->id + outcome->id_len;
  return TRUE;
}

void
_freight_outcome_reader_free (FreightOutcomeReader *reader)
{
  if (reader == NULL)
    return;
  g_clear_object (&reader->file);
  g_clear_object (&reader->in);
  g_clear_pointer (&reader->chunks, g_array_unref);
  g_clear_pointer (&reader->blob, g_byte_array_unref);
  g_free (reader->bucket_first);
  g_free (reader->slots);
  g_free (reader);
}
