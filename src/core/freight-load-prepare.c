/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-load"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-csv-dialect.h"
#include "freight-csv-reader.h"
#include "freight-csv-reader-private.h"
#include "freight-load-prepare.h"
#include "freight-load-types.h"
#include "freight-reconcile-private.h"
#include "freight-spool-part.h"
#include "freight-transform-private.h"

/* See freight-load-prepare.h. */

#define OUT_BUFFER_SIZE (1024 * 1024)

typedef enum
{
  RECORD_NONE,      /* nothing read ahead */
  RECORD_ROW,       /* a row to send, formatted in self->line */
  RECORD_SKIPPED,   /* a record to leave out, its reason in self->reason */
} RecordKind;

struct _FreightPreparer
{
  FreightPreparerSettings  s;
  gboolean                 special[256];
  const char              *eol;
  gsize                    eol_len;
  guint64                  part_size;

  GFileInputStream        *in;
  FreightCsvReader        *reader;
  guint64                  source_size;
  FreightTransform       **transforms;     /* per output, of the plan */
  int                     *columns;        /* per output: its one source column, or -1 */
  gboolean                 same_delimiter; /* unquoted source fields need no quotes */
  GString                 *joined;
  GString                 *converted;
  guint                    n_outputs;
  const char             **fields;
  gsize                   *lengths;
  guint                    fields_alloc;

  FreightCsvReader        *exclusions;
  gboolean                 exclusion_pending;
  guint64                  exclusion_row;

  /* The record read ahead, which starts the next part. */
  RecordKind               kind;
  guint64                  record;
  guint64                  record_offset;
  guint64                  record_line;
  GString                 *line;
  GString                 *reason;
  gboolean                 at_end;
  guint64                  end_offset;
  guint64                  end_line;
  guint64                  blank_lines_seen;
  guint                    next_number;

  /* Content hashes, when the column kinds are known. */
  FreightReconcileKind    *kinds;
  FreightRowHasher        *hasher;
  FreightHashWriter       *hashes;
  guint64                  row_hash;
  guint64                  row_check;

  /* The part being written. */
  GOutputStream           *out;
  GString                 *out_buf;
  guint64                  out_bytes;

  GMutex                   lock;
  char                    *stop_reason;
  gint                     stopping;
  guint64                  rows_done;     /* atomically: rows written to parts */
  guint64                  offset_done;   /* atomically: source bytes consumed */
};

FreightPreparer *
_freight_preparer_new (const FreightPreparerSettings *settings)
{
  FreightPreparer *self = g_new0 (FreightPreparer, 1);

  g_return_val_if_fail (G_IS_FILE (settings->source), NULL);
  g_return_val_if_fail (settings->plan != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (settings->spool_dir), NULL);

  self->s = *settings;
  g_object_ref (self->s.source);
  g_object_ref (self->s.spool_dir);
  freight_mapping_plan_ref (self->s.plan);
  if (self->s.exclusions != NULL)
    g_object_ref (self->s.exclusions);
  if (self->s.job_delimiter == '\0')
    self->s.job_delimiter = ',';

  self->special[(guchar) self->s.job_delimiter] = TRUE;
  self->special['"'] = TRUE;
  self->special['\r'] = TRUE;
  self->special['\n'] = TRUE;
  self->eol = freight_csv_line_ending_get_sequence (self->s.job_line_ending);
  self->eol_len = strlen (self->eol);
  self->part_size = self->s.part_size > 0 && self->s.part_size <= FREIGHT_LOAD_MAX_PART_SIZE
                      ? self->s.part_size : FREIGHT_LOAD_MAX_PART_SIZE;

  self->n_outputs = freight_mapping_plan_get_n_outputs (self->s.plan);
  self->transforms = g_new (FreightTransform *, MAX (self->n_outputs, 1));
  self->columns = g_new (int, MAX (self->n_outputs, 1));
  for (guint i = 0; i < self->n_outputs; i++)
    {
      self->transforms[i] = freight_mapping_plan_get_output_transform (self->s.plan, i);
      self->columns[i] = _freight_mapping_plan_get_output_column (self->s.plan, i);
    }
  /* An unquoted field of a strict reader holds no delimiter, quote or line break. */
  self->same_delimiter = self->s.dialect.delimiter == self->s.job_delimiter &&
                         (self->s.flags & FREIGHT_CSV_READER_LENIENT) == 0;
  self->joined = g_string_sized_new (256);
  if (self->s.kinds != NULL)
    {
      self->kinds = g_memdup2 (self->s.kinds,
                               sizeof (FreightReconcileKind) * MAX (self->n_outputs, 1));
      self->hasher = _freight_row_hasher_new (self->kinds, self->n_outputs);
    }
  self->s.kinds = NULL;   /* the caller's: self->kinds is the copy */
  self->converted = g_string_sized_new (256);
  self->line = g_string_sized_new (4096);
  self->reason = g_string_new (NULL);
  self->out_buf = g_string_sized_new (OUT_BUFFER_SIZE + 64 * 1024);
  g_mutex_init (&self->lock);
  return self;
}

void
_freight_preparer_free (FreightPreparer *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->s.source);
  g_clear_object (&self->s.spool_dir);
  g_clear_pointer (&self->s.plan, freight_mapping_plan_unref);
  g_clear_object (&self->s.exclusions);
  g_clear_object (&self->reader);
  g_clear_object (&self->in);
  g_clear_object (&self->exclusions);
  g_clear_object (&self->out);
  g_free (self->transforms);
  g_free (self->columns);
  g_clear_pointer (&self->hasher, _freight_row_hasher_free);
  g_free (self->kinds);
  g_clear_pointer (&self->hashes, _freight_hash_writer_free);
  g_string_free (self->joined, TRUE);
  g_string_free (self->converted, TRUE);
  g_free (self->fields);
  g_free (self->lengths);
  g_string_free (self->line, TRUE);
  g_string_free (self->reason, TRUE);
  g_string_free (self->out_buf, TRUE);
  g_mutex_clear (&self->lock);
  g_free (self->stop_reason);
  g_free (self);
}

/**
 * _freight_preparer_stop:
 * @reason: why the rest is not sent, for unprocessed.csv
 *
 * From the next record on, leaves every record out with @reason: the part being written
 * ends there and one last part takes the rest of the source as skipped records. Any
 * thread.
 */
void
_freight_preparer_stop (FreightPreparer *self,
                        const char      *reason)
{
  g_mutex_lock (&self->lock);
  if (self->stop_reason == NULL)
    self->stop_reason = g_strdup (reason);
  g_mutex_unlock (&self->lock);
  g_atomic_int_set (&self->stopping, TRUE);
}

guint64
_freight_preparer_get_rows (FreightPreparer *self)
{
  return (guint64) g_atomic_pointer_get ((gpointer *) &self->rows_done);
}

guint64
_freight_preparer_get_offset (FreightPreparer *self)
{
  return (guint64) g_atomic_pointer_get ((gpointer *) &self->offset_done);
}

guint64
_freight_preparer_get_source_size (FreightPreparer *self)
{
  return self->source_size;
}

static void
publish_progress (FreightPreparer *self,
                  guint64          rows,
                  guint64          offset)
{
  g_atomic_pointer_set ((gpointer *) &self->rows_done, (gpointer) (guintptr) rows);
  g_atomic_pointer_set ((gpointer *) &self->offset_done, (gpointer) (guintptr) offset);
}

/* --- Opening --- */

static gboolean
check_header (FreightPreparer     *self,
              const char * const  *header,
              GError             **error)
{
  const char * const *expected = freight_mapping_plan_get_source_header (self->s.plan);
  g_autofree char *name = g_file_get_basename (self->s.source);

  if (g_strv_equal (header, expected))
    return TRUE;
  g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_SOURCE_CHANGED,
               _("The columns of “%s” are not those the mapping was made for; it changed "
                 "since it was chosen. Choose the file again and check the mapping."), name);
  return FALSE;
}

static gboolean
open_exclusions (FreightPreparer  *self,
                 guint64           first_record,
                 GCancellable     *cancellable,
                 GError          **error)
{
  if (self->s.exclusions == NULL)
    return TRUE;
  self->exclusions = freight_csv_reader_new_for_file (self->s.exclusions, NULL,
                                                      FREIGHT_CSV_READER_FLAGS_NONE,
                                                      cancellable, error);
  if (self->exclusions == NULL ||
      !freight_csv_reader_read_header (self->exclusions, cancellable, error))
    return FALSE;

  /* Rows before a resumed run's first record belong to parts already prepared. */
  for (;;)
    {
      g_autoptr(GError) local = NULL;
      const char *number;

      if (!freight_csv_reader_next_row (self->exclusions, cancellable, &local))
        {
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          self->exclusion_pending = FALSE;
          return TRUE;
        }
      number = freight_csv_reader_get_field (self->exclusions, 0, NULL);
      if (number == NULL ||
          !g_ascii_string_to_unsigned (number, 10, 1, G_MAXUINT64, &self->exclusion_row, NULL))
        {
          g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_FAILED,
                       _("The list of excluded rows in the spool folder is damaged; start "
                         "the load again"));
          return FALSE;
        }
      if (self->exclusion_row >= first_record)
        {
          self->exclusion_pending = TRUE;
          return TRUE;
        }
    }
}

/* Is @record excluded? Advances the list past it; the reason goes into self->reason. */
static gboolean
is_excluded (FreightPreparer  *self,
             guint64           record,
             GCancellable     *cancellable,
             GError          **error)
{
  gboolean excluded = FALSE;

  while (self->exclusion_pending && self->exclusion_row <= record)
    {
      g_autoptr(GError) local = NULL;
      const char *number;

      if (self->exclusion_row == record)
        {
          const char *reason = freight_csv_reader_get_field (self->exclusions, 1, NULL);

          g_string_assign (self->reason, reason != NULL && *reason != '\0'
                                           ? reason : _("excluded by pre-flight"));
          excluded = TRUE;
        }
      if (!freight_csv_reader_next_row (self->exclusions, cancellable, &local))
        {
          self->exclusion_pending = FALSE;
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          break;
        }
      number = freight_csv_reader_get_field (self->exclusions, 0, NULL);
      if (number == NULL ||
          !g_ascii_string_to_unsigned (number, 10, 1, G_MAXUINT64, &self->exclusion_row, NULL))
        self->exclusion_pending = FALSE;
    }
  return excluded;
}

/**
 * _freight_preparer_open:
 * @first_part: the number of the first part to write (1 for a new load)
 * @first_record: the source record it starts with (1 for a new load)
 * @offset: where that record starts in the source (ignored for record 1)
 * @line: its physical line (ignored for record 1)
 *
 * Opens the source (and the exclusions), checking that its header is the plan's.
 */
gboolean
_freight_preparer_open (FreightPreparer  *self,
                        guint             first_part,
                        guint64           first_record,
                        guint64           offset,
                        guint64           line,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = g_file_get_basename (self->s.source);

  g_return_val_if_fail (self->reader == NULL, FALSE);
  g_return_val_if_fail (first_part >= 1 && first_record >= 1, FALSE);

  self->in = g_file_read (self->s.source, cancellable, error);
  if (self->in == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (self->in, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                         cancellable, error);
  if (info == NULL)
    return FALSE;
  self->source_size = g_file_info_get_size (info);

  self->reader = freight_csv_reader_new (G_INPUT_STREAM (self->in), name, &self->s.dialect,
                                         self->s.flags);
  if (!freight_csv_reader_read_header (self->reader, cancellable, error) ||
      !check_header (self, freight_csv_reader_get_column_names (self->reader), error))
    return FALSE;

  if (first_record > 1)
    {
      g_autoptr(FreightCsvReader) resumed = NULL;
      const char * const *columns = freight_mapping_plan_get_source_header (self->s.plan);

      if (!g_seekable_seek (G_SEEKABLE (self->in), offset, G_SEEK_SET, cancellable, error))
        return FALSE;
      resumed = freight_csv_reader_new (G_INPUT_STREAM (self->in), name, &self->s.dialect,
                                        self->s.flags);
      _freight_csv_reader_start_at (resumed, offset, line, first_record, columns);
      g_set_object (&self->reader, resumed);
    }

  self->next_number = first_part;
  self->end_offset = offset;
  self->end_line = line;
  return open_exclusions (self, first_record, cancellable, error);
}

/* --- Formatting --- */

/* Room for @extra more bytes at the end of @out; the caller advances out->len. */
static inline char *
reserve (GString *out,
         gsize    extra)
{
  gsize len = out->len;

  if (G_UNLIKELY (len + extra + 1 > out->allocated_len))
    {
      g_string_set_size (out, len + extra);
      out->len = len;
    }
  return out->str + len;
}

static inline void
append_bytes (GString    *out,
              const char *bytes,
              gsize       len)
{
  memcpy (reserve (out, len), bytes, len);
  out->len += len;
}

static inline void
append_field (FreightPreparer *self,
              GString         *out,
              const char      *value,
              gsize            len)
{
  const guint8 *v = (const guint8 *) value;
  gsize i = 0;
  char *p;

  while (i < len && !self->special[v[i]])
    i++;
  if (G_LIKELY (i == len))
    {
      append_bytes (out, value, len);
      return;
    }

  p = reserve (out, 2 * len + 2);
  *p++ = '"';
  for (i = 0; i < len; i++)
    {
      if (v[i] == '"')
        *p++ = '"';
      *p++ = v[i];
    }
  *p++ = '"';
  out->len = p - out->str;
}

/* Maps the reader's current row into self->line, without its line ending: output by
 * output, each through its transform unless the value passes through it unchanged (the
 * common case, checked without parsing or copying). */
static void
format_row (FreightPreparer *self)
{
  guint n = freight_csv_reader_get_n_fields (self->reader);

  if (n > self->fields_alloc)
    {
      self->fields_alloc = MAX (n, 16);
      self->fields = g_renew (const char *, self->fields, self->fields_alloc);
      self->lengths = g_renew (gsize, self->lengths, self->fields_alloc);
    }
  /* The reader's fields directly (freight-csv-reader-private.h): this runs for every
   * cell of the file. */
  for (guint i = 0; i < n; i++)
    {
      const FreightCsvField *f = &self->reader->fields[i];

      self->fields[i] = (const char *) f->start;
      self->lengths[i] = f->end - f->start;
    }

  self->line->len = 0;
  for (guint i = 0; i < self->n_outputs; i++)
    {
      FreightTransform *transform = self->transforms[i];
      int column = self->columns[i];
      gboolean clean = FALSE;
      const char *value;
      gsize len;

      if (G_LIKELY (column >= 0))
        {
          if ((guint) column < n)
            {
              value = self->fields[column];
              len = self->lengths[column];
              clean = self->same_delimiter &&
                      !(self->reader->fields[column].flags & FREIGHT_CSV_FIELD_QUOTED);
            }
          else
            {
              value = "";
              len = 0;
            }
        }
      else
        _freight_mapping_plan_source_value (self->s.plan, i, self->fields, self->lengths, n,
                                            self->joined, &value, &len);

      if (!_freight_transform_passes_through (transform, value, len))
        {
          g_autoptr(GError) local = NULL;

          /* A value that does not convert goes as written: Salesforce says what is
           * wrong. */
          clean = FALSE;
          if (freight_transform_apply (transform, value, len, self->converted, NULL, &local))
            {
              value = self->converted->str;
              len = self->converted->len;
            }
        }
      if (self->hasher != NULL)
        _freight_row_hasher_add (self->hasher, i, value, len);
      if (i > 0)
        *reserve (self->line, 1) = self->s.job_delimiter, self->line->len++;
      if (clean)
        append_bytes (self->line, value, len);
      else
        append_field (self, self->line, value, len);
    }
  /* One empty field alone would be a blank line, which is no record. */
  if (self->line->len == 0)
    append_bytes (self->line, "\"\"", 2);
  if (self->hasher != NULL)
    _freight_row_hasher_finish (self->hasher, &self->row_hash, &self->row_check);
}

/* --- Reading records --- */

/* Reads the next record into self->kind; RECORD_NONE at the end of the source. */
static gboolean
read_record (FreightPreparer  *self,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(GError) row_error = NULL;
  g_autoptr(GError) local = NULL;
  gboolean row_ok;

  self->kind = RECORD_NONE;
  if (self->at_end)
    return TRUE;

  row_ok = freight_csv_reader_next_row (self->reader, cancellable, &row_error);
  if (!row_ok && row_error == NULL)
    {
      self->at_end = TRUE;
      return TRUE;
    }
  if (!row_ok && !freight_csv_error_is_row_level (row_error))
    {
      g_propagate_error (error, g_steal_pointer (&row_error));
      return FALSE;
    }

  self->record = self->reader->record_number;
  self->record_offset = self->reader->offset;
  self->record_line = self->reader->line;

  if (G_UNLIKELY (g_atomic_int_get (&self->stopping)))
    {
      g_mutex_lock (&self->lock);
      g_string_assign (self->reason, self->stop_reason);
      g_mutex_unlock (&self->lock);
      self->kind = RECORD_SKIPPED;
      return TRUE;
    }

  if (is_excluded (self, self->record, cancellable, &local))
    {
      self->kind = RECORD_SKIPPED;
      return TRUE;
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!row_ok)
    {
      /* The reader could not read the row as it should: it cannot be sent as it is. */
      g_string_assign (self->reason, row_error->message);
      self->kind = RECORD_SKIPPED;
      return TRUE;
    }

  format_row (self);
  self->kind = RECORD_ROW;
  return TRUE;
}

/* --- Writing a part --- */

static gboolean
flush_out (FreightPreparer  *self,
           GCancellable     *cancellable,
           GError          **error)
{
  if (self->out_buf->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (self->out, self->out_buf->str, self->out_buf->len, NULL,
                                  cancellable, error))
    return FALSE;
  g_string_truncate (self->out_buf, 0);
  return TRUE;
}

static gboolean
open_part_csv (FreightPreparer   *self,
               FreightSpoolPart  *part,
               GCancellable      *cancellable,
               GError           **error)
{
  if (self->hasher != NULL)
    {
      g_autoptr(GFile) hashes = freight_spool_part_get_file (part, FREIGHT_SPOOL_FILE_HASHES);

      self->hashes = _freight_hash_writer_new (hashes, self->kinds, self->n_outputs,
                                               _freight_row_hasher_get_seed (self->hasher),
                                               cancellable, error);
      if (self->hashes == NULL)
        return FALSE;
    }

  g_autoptr(GFile) file = freight_spool_part_get_file (part, FREIGHT_SPOOL_FILE_CSV);
  g_autoptr(GFileOutputStream) out = NULL;
  const char * const *header = freight_mapping_plan_get_header (self->s.plan);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return FALSE;
  self->out = G_OUTPUT_STREAM (g_steal_pointer (&out));
  g_string_truncate (self->out_buf, 0);
  for (guint i = 0; header[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (self->out_buf, self->s.job_delimiter);
      append_field (self, self->out_buf, header[i], strlen (header[i]));
    }
  g_string_append_len (self->out_buf, self->eol, self->eol_len);
  self->out_bytes = self->out_buf->len;
  return TRUE;
}

static gboolean
close_part_csv (FreightPreparer   *self,
                GCancellable      *cancellable,
                GError           **error)
{
  g_autoptr(GOutputStream) out = NULL;

  if (self->out == NULL)
    return TRUE;
  if (!flush_out (self, cancellable, error))
    return FALSE;
  out = g_steal_pointer (&self->out);
  if (self->hashes != NULL)
    {
      g_autoptr(FreightHashWriter) hashes = g_steal_pointer (&self->hashes);

      if (!_freight_hash_writer_finish (hashes, cancellable, error))
        return FALSE;
    }
  return g_output_stream_close (out, cancellable, error);
}

static gboolean
delete_stale_csv (FreightSpoolPart  *part,
                  GCancellable      *cancellable,
                  GError           **error)
{
  static const FreightSpoolFile files[] = { FREIGHT_SPOOL_FILE_CSV, FREIGHT_SPOOL_FILE_HASHES };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GFile) file = freight_spool_part_get_file (part, files[i]);
      g_autoptr(GError) local = NULL;

      if (!g_file_delete (file, cancellable, &local) &&
          !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return TRUE;
}

/* Whether the row in self->line must start a new part. */
static gboolean
part_is_full (FreightPreparer *self,
              guint64          n_rows)
{
  if (n_rows == 0)
    return FALSE;
  if (self->s.part_rows > 0 && n_rows >= self->s.part_rows)
    return TRUE;
  return self->out_bytes + self->line->len + self->eol_len > self->part_size;
}

/**
 * _freight_preparer_peek:
 * @number: (out): the number the next part will have
 * @record: (out): the record it will start with
 * @offset: (out): where that record starts in the source
 * @line: (out): its physical line
 *
 * Reads ahead to the next record, so that the pipeline can journal a part before
 * writing it.
 *
 * Returns: %TRUE if there is a next part; %FALSE at the end of the source (without an
 *   error) or on an error
 */
gboolean
_freight_preparer_peek (FreightPreparer  *self,
                        guint            *number,
                        guint64          *record,
                        guint64          *offset,
                        guint64          *line,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_return_val_if_fail (self->reader != NULL, FALSE);

  if (self->kind == RECORD_NONE && !read_record (self, cancellable, error))
    return FALSE;
  if (self->kind == RECORD_NONE)
    return FALSE;
  *number = self->next_number;
  *record = self->record;
  *offset = self->record_offset;
  *line = self->record_line;
  return TRUE;
}

/**
 * _freight_preparer_next_part:
 * @info: (out caller-allocates): what the part holds
 *
 * Writes the next part. Blocks.
 *
 * Returns: %TRUE if a part was written; %FALSE at the end of the source (without an
 *   error) or on an error
 */
gboolean
_freight_preparer_next_part (FreightPreparer  *self,
                             FreightPartInfo  *info,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_autoptr(FreightSpoolPart) part = NULL;
  guint64 blank_before;

  g_return_val_if_fail (self->reader != NULL, FALSE);

  memset (info, 0, sizeof *info);
  if (self->kind == RECORD_NONE && !read_record (self, cancellable, error))
    return FALSE;
  if (self->kind == RECORD_NONE)
    return FALSE;

  part = freight_spool_part_new (self->s.spool_dir, self->next_number);
  info->number = self->next_number++;
  info->first_record = self->record;
  info->offset = self->record_offset;
  info->line = self->record_line;
  blank_before = self->blank_lines_seen;
  if (!freight_spool_part_begin (part, self->record, self->record_offset, self->record_line,
                                 cancellable, error) ||
      !delete_stale_csv (part, cancellable, error))
    return FALSE;

  while (self->kind != RECORD_NONE)
    {
      if (self->kind == RECORD_ROW)
        {
          if (part_is_full (self, info->n_rows))
            break;
          if (self->out == NULL && !open_part_csv (self, part, cancellable, error))
            return FALSE;
          append_bytes (self->out_buf, self->line->str, self->line->len);
          append_bytes (self->out_buf, self->eol, self->eol_len);
          self->out_bytes += self->line->len + self->eol_len;
          if (self->out_buf->len >= OUT_BUFFER_SIZE && !flush_out (self, cancellable, error))
            return FALSE;
          if (!freight_spool_part_add_row (part, self->record, cancellable, error))
            return FALSE;
          if (self->hashes != NULL &&
              !_freight_hash_writer_commit (self->hashes, self->row_hash, self->row_check,
                                            cancellable, error))
            return FALSE;
          info->n_rows++;
          publish_progress (self, _freight_preparer_get_rows (self) + 1, self->record_offset);
        }
      else if (!freight_spool_part_add_skipped (part, self->record, self->reason->str,
                                                cancellable, error))
        return FALSE;
      else
        info->n_skipped++;

      info->last_record = self->record;
      if (!read_record (self, cancellable, error))
        return FALSE;
      /* A part that got rows ends where the load was stopped: the rest goes on its own. */
      if (self->kind == RECORD_SKIPPED && info->n_rows > 0 &&
          g_atomic_int_get (&self->stopping))
        break;
    }

  self->blank_lines_seen = freight_csv_reader_get_n_blank_lines (self->reader);
  info->n_blank_lines = self->blank_lines_seen - blank_before;
  if (self->kind != RECORD_NONE)
    {
      info->end_offset = self->record_offset;
      info->end_line = self->record_line;
    }
  else
    {
      info->end_offset = self->source_size;
      info->end_line = 0;
    }
  info->bytes = self->out != NULL ? self->out_bytes : 0;
  if (!close_part_csv (self, cancellable, error) ||
      !freight_spool_part_finish (part, info->last_record, cancellable, error))
    return FALSE;
  publish_progress (self, _freight_preparer_get_rows (self),
                    self->kind != RECORD_NONE ? self->record_offset : self->source_size);
  return TRUE;
}
