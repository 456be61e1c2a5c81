/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-reconcile"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-reconcile-private.h"

/* part-NNNN.hashes (see freight-reconcile-private.h): the content hashes of a part's rows,
 * computed by the load pipeline from the values it writes into the part, so that the join
 * needs no second reading of the part. The canonical form is the join's own
 * (_freight_reconcile_canon_write()), column by column in the part's order. */

#define MAGIC         "FRHASH01"
#define MAGIC_LENGTH  8
#define BUFFER_ROWS   4096

struct _FreightRowHasher
{
  FreightReconcileKind *kinds;
  guint                 n_columns;
  guint64               seed;
  guint8               *row;        /* canonical content of the row in hand */
  gsize                 len;
  gsize                 size;
};

struct _FreightHashWriter
{
  GOutputStream        *out;
  guint64               n_rows;
  guint64              *buffer;     /* hash, check pairs not written yet */
  guint                 buffered;
};

static void
put64 (guint8  *p,
       guint64  v)
{
  v = GUINT64_TO_LE (v);
  memcpy (p, &v, 8);
}

static guint64
get64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, 8);
  return GUINT64_FROM_LE (v);
}

static gsize
header_size (guint n_columns)
{
  return MAGIC_LENGTH + 8 + 8 + 4 + n_columns;
}

/* --- Hashing rows --- */

FreightRowHasher *
_freight_row_hasher_new (const FreightReconcileKind *kinds,
                         guint                       n_columns)
{
  FreightRowHasher *self = g_new0 (FreightRowHasher, 1);

  self->kinds = g_memdup2 (kinds, sizeof (FreightReconcileKind) * MAX (n_columns, 1));
  self->n_columns = n_columns;
  self->seed = ((guint64) g_random_int () << 32) | g_random_int ();
  self->size = 4096;
  self->row = g_malloc (self->size);
  return self;
}

guint64
_freight_row_hasher_get_seed (FreightRowHasher *self)
{
  return self->seed;
}

/* Adds the value of @column (the columns come in order, from 0) to the row in hand. */
void
_freight_row_hasher_add (FreightRowHasher *self,
                         guint             column,
                         const char       *value,
                         gsize             len)
{
  gsize at = column == 0 ? 0 : self->len;

  /* Called for every value a load sends: no allocation unless the row outgrows the
   * buffer. */
  if (G_UNLIKELY (at + FREIGHT_RECONCILE_CANON_BOUND (len) > self->size))
    {
      self->size = MAX (2 * self->size, at + FREIGHT_RECONCILE_CANON_BOUND (len));
      self->row = g_realloc (self->row, self->size);
    }
  self->len = at + _freight_reconcile_canon_write_fast (self->row + at, self->kinds[column],
                                                        value, len);
}

void
_freight_row_hasher_finish (FreightRowHasher *self,
                            guint64          *hash,
                            guint64          *check)
{
  *hash = _freight_reconcile_hash (self->row, self->len, self->seed);
  *check = _freight_reconcile_check (self->row, self->len, self->seed);
}

void
_freight_row_hasher_free (FreightRowHasher *self)
{
  if (self == NULL)
    return;
  g_free (self->kinds);
  g_free (self->row);
  g_free (self);
}

/* --- Writing --- */

FreightHashWriter *
_freight_hash_writer_new (GFile                      *file,
                          const FreightReconcileKind *kinds,
                          guint                       n_columns,
                          guint64                     seed,
                          GCancellable               *cancellable,
                          GError                    **error)
{
  g_autoptr(FreightHashWriter) self = g_new0 (FreightHashWriter, 1);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autofree guint8 *header = g_malloc0 (header_size (n_columns));
  guint32 columns = GUINT32_TO_LE (n_columns);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return NULL;
  self->out = G_OUTPUT_STREAM (g_steal_pointer (&out));
  self->buffer = g_new (guint64, 2 * BUFFER_ROWS);

  /* The row count is filled in by _freight_hash_writer_finish(). */
  memcpy (header, MAGIC, MAGIC_LENGTH);
  put64 (header + MAGIC_LENGTH, seed);
  memcpy (header + MAGIC_LENGTH + 16, &columns, 4);
  for (guint i = 0; i < n_columns; i++)
    header[MAGIC_LENGTH + 20 + i] = (guint8) kinds[i];
  if (!g_output_stream_write_all (self->out, header, header_size (n_columns), NULL,
                                  cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

static gboolean
flush (FreightHashWriter  *self,
       GCancellable       *cancellable,
       GError            **error)
{
  gsize size = self->buffered * 2 * sizeof (guint64);

  self->buffered = 0;
  return g_output_stream_write_all (self->out, self->buffer, size, NULL, cancellable, error);
}

/* Records a row of the part (in order). */
gboolean
_freight_hash_writer_commit (FreightHashWriter  *self,
                             guint64             hash,
                             guint64             check,
                             GCancellable       *cancellable,
                             GError            **error)
{
  self->buffer[2 * self->buffered] = GUINT64_TO_LE (hash);
  self->buffer[2 * self->buffered + 1] = GUINT64_TO_LE (check);
  self->buffered++;
  self->n_rows++;
  if (G_UNLIKELY (self->buffered == BUFFER_ROWS))
    return flush (self, cancellable, error);
  return TRUE;
}

gboolean
_freight_hash_writer_finish (FreightHashWriter  *self,
                             GCancellable       *cancellable,
                             GError            **error)
{
  guint8 count[8];

  put64 (count, self->n_rows);
  return flush (self, cancellable, error) &&
         g_seekable_seek (G_SEEKABLE (self->out), MAGIC_LENGTH + 8, G_SEEK_SET, cancellable,
                          error) &&
         g_output_stream_write_all (self->out, count, 8, NULL, cancellable, error) &&
         g_output_stream_close (self->out, cancellable, error);
}

void
_freight_hash_writer_free (FreightHashWriter *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->out);
  g_free (self->buffer);
  g_free (self);
}

/* --- Reading --- */

struct _FreightHashReader
{
  GInputStream     *in;
  GFileInputStream *lookup;   /* a second handle, for checks of single rows */
  gsize             header;
  guint64           seed;
  guint             n_rows;
  guint64          *buffer;
  guint             buffered;
  guint             next;
};

/**
 * _freight_hash_reader_new:
 *
 * Opens @file if it holds the hashes of @n_rows rows of the columns @kinds.
 *
 * Returns: (nullable): the reader, or %NULL (without an error) when the file is absent or
 *   for other rows or columns: the part is then read instead
 */
FreightHashReader *
_freight_hash_reader_new (GFile                      *file,
                          const FreightReconcileKind *kinds,
                          guint                       n_columns,
                          guint                       n_rows,
                          GCancellable               *cancellable,
                          GError                    **error)
{
  g_autoptr(FreightHashReader) self = g_new0 (FreightHashReader, 1);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree guint8 *header = NULL;
  gsize n_read;
  guint32 columns;

  in = g_file_read (file, cancellable, &local);
  if (in == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return NULL;
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  self->header = header_size (n_columns);
  header = g_malloc (self->header);
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), header, self->header, &n_read,
                                cancellable, error))
    return NULL;
  memcpy (&columns, header + MAGIC_LENGTH + 16, 4);
  if (n_read != self->header || memcmp (header, MAGIC, MAGIC_LENGTH) != 0 ||
      get64 (header + MAGIC_LENGTH + 8) != n_rows || GUINT32_FROM_LE (columns) != n_columns)
    return NULL;
  for (guint i = 0; i < n_columns; i++)
    if (header[MAGIC_LENGTH + 20 + i] != (guint8) kinds[i])
      return NULL;

  self->seed = get64 (header + MAGIC_LENGTH);
  self->n_rows = n_rows;
  self->in = g_buffered_input_stream_new_sized (G_INPUT_STREAM (in), 256 * 1024);
  self->lookup = g_file_read (file, cancellable, error);
  if (self->lookup == NULL)
    return NULL;
  self->buffer = g_new (guint64, 2 * BUFFER_ROWS);
  return g_steal_pointer (&self);
}

guint64
_freight_hash_reader_get_seed (FreightHashReader *self)
{
  return self->seed;
}

/* The hash and check of the next row, in order. */
gboolean
_freight_hash_reader_next (FreightHashReader  *self,
                           guint64            *hash,
                           guint64            *check,
                           GCancellable       *cancellable,
                           GError            **error)
{
  if (self->next == self->buffered)
    {
      gsize n_read;

      if (!g_input_stream_read_all (self->in, self->buffer, 2 * BUFFER_ROWS * sizeof (guint64),
                                    &n_read, cancellable, error))
        return FALSE;
      self->buffered = n_read / (2 * sizeof (guint64));
      self->next = 0;
      if (self->buffered == 0)
        {
          g_set_error_literal (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SPOOL,
                               _("A part’s row hashes end early; prepare the part again"));
          return FALSE;
        }
    }
  *hash = GUINT64_FROM_LE (self->buffer[2 * self->next]);
  *check = GUINT64_FROM_LE (self->buffer[2 * self->next + 1]);
  self->next++;
  return TRUE;
}

/* The hash @ahead rows after the next one, if it is in the buffer already (for prefetching:
 * no read). */
gboolean
_freight_hash_reader_peek (FreightHashReader *self,
                           guint              ahead,
                           guint64           *hash)
{
  gsize at = self->next + ahead;

  if (at >= self->buffered)
    return FALSE;
  *hash = GUINT64_FROM_LE (self->buffer[2 * at]);
  return TRUE;
}

/* The check of part row @row, read on its own. */
gboolean
_freight_hash_reader_get_check (FreightHashReader  *self,
                                guint               row,
                                guint64            *check,
                                GCancellable       *cancellable,
                                GError            **error)
{
  guint8 bytes[8];
  gsize n_read;

  if (!g_seekable_seek (G_SEEKABLE (self->lookup), self->header + (goffset) row * 16 + 8,
                        G_SEEK_SET, cancellable, error) ||
      !g_input_stream_read_all (G_INPUT_STREAM (self->lookup), bytes, 8, &n_read, cancellable,
                                error))
    return FALSE;
  if (n_read != 8)
    {
      g_set_error_literal (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SPOOL,
                           _("A part’s row hashes end early; prepare the part again"));
      return FALSE;
    }
  *check = get64 (bytes);
  return TRUE;
}

void
_freight_hash_reader_free (FreightHashReader *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->in);
  g_clear_object (&self->lookup);
  g_free (self->buffer);
  g_free (self);
}
