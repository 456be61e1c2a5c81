/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-spool-part"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-csv-writer.h"
#include "freight-spool-part.h"

/* One part of a load in the spool folder: the names of its files, what reconciliation needs
 * to know about it (the job's dialect, the kinds of its columns, how its job ended, the
 * source range it covers), and the writing of its record-number sidecars.
 *
 * The object holds no rows; the pipeline can rebuild it from its journal after a restart
 * and reconcile a part whose files are already on disk. */

/* Record numbers gathered before a write: 64 KiB. */
#define ROWS_BUFFER 8192

struct _FreightSpoolPart
{
  GObject               parent_instance;

  GFile                *dir;
  guint                 number;

  char                  delimiter;
  FreightCsvLineEnding  line_ending;
  GArray               *kinds;
  FreightJobEndState    job_end;
  char                 *job_error;

  guint64               first_record;
  guint64               last_record;
  guint64               source_offset;
  guint64               source_line;

  /* Writing the sidecars */
  GOutputStream        *rows_out;
  guint64              *rows_buf;     /* record numbers not written yet, little-endian */
  guint                 rows_buffered;
  GOutputStream        *skipped_stream;
  FreightCsvWriter     *skipped_out;
  guint64               last_added;
  guint64               n_rows;
  guint64               n_skipped;
};

G_DEFINE_FINAL_TYPE (FreightSpoolPart, freight_spool_part, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DIR,
  PROP_NUMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const suffixes[FREIGHT_SPOOL_N_FILES] = {
  [FREIGHT_SPOOL_FILE_CSV] = ".csv",
  [FREIGHT_SPOOL_FILE_ROWS] = ".rows",
  [FREIGHT_SPOOL_FILE_SKIPPED] = ".skipped",
  [FREIGHT_SPOOL_FILE_SUCCESS] = ".success.csv",
  [FREIGHT_SPOOL_FILE_FAILED] = ".failed.csv",
  [FREIGHT_SPOOL_FILE_UNPROCESSED] = ".unprocessed.csv",
  [FREIGHT_SPOOL_FILE_OUTCOME] = ".outcome",
  [FREIGHT_SPOOL_FILE_UNMATCHED] = ".unmatched.csv",
  [FREIGHT_SPOOL_FILE_HASHES] = ".hashes",
};

static void
freight_spool_part_finalize (GObject *object)
{
  FreightSpoolPart *self = (FreightSpoolPart *) object;

  g_clear_object (&self->dir);
  g_clear_pointer (&self->kinds, g_array_unref);
  g_clear_pointer (&self->job_error, g_free);
  g_clear_object (&self->rows_out);
  g_free (self->rows_buf);
  g_clear_object (&self->skipped_out);
  g_clear_object (&self->skipped_stream);

  G_OBJECT_CLASS (freight_spool_part_parent_class)->finalize (object);
}

static void
freight_spool_part_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FreightSpoolPart *self = FREIGHT_SPOOL_PART (object);

  switch (prop_id)
    {
    case PROP_DIR:
      g_value_set_object (value, self->dir);
      break;

    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_spool_part_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FreightSpoolPart *self = FREIGHT_SPOOL_PART (object);

  switch (prop_id)
    {
    case PROP_DIR:
      self->dir = g_value_dup_object (value);
      break;

    case PROP_NUMBER:
      self->number = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_spool_part_class_init (FreightSpoolPartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_spool_part_finalize;
  object_class->get_property = freight_spool_part_get_property;
  object_class->set_property = freight_spool_part_set_property;

  properties[PROP_DIR] =
    g_param_spec_object ("dir", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL,
                       0, 9999, 1,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_spool_part_init (FreightSpoolPart *self)
{
  self->delimiter = ',';
  self->line_ending = FREIGHT_CSV_LINE_ENDING_LF;
  self->kinds = g_array_new (FALSE, FALSE, sizeof (FreightReconcileKind));
  self->job_end = FREIGHT_JOB_END_COMPLETE;
}

/**
 * freight_spool_part_new:
 * @dir: the spool folder of the load
 * @number: the part's number, from 0 to 9999
 *
 * Returns: (transfer full): the part `part-NNNN` in @dir
 */
FreightSpoolPart *
freight_spool_part_new (GFile *dir,
                        guint  number)
{
  g_return_val_if_fail (G_IS_FILE (dir), NULL);
  g_return_val_if_fail (number <= 9999, NULL);

  return g_object_new (FREIGHT_TYPE_SPOOL_PART,
                       "dir", dir,
                       "number", number,
                       NULL);
}

GFile *
freight_spool_part_get_dir (FreightSpoolPart *self)
{
  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), NULL);

  return self->dir;
}

guint
freight_spool_part_get_number (FreightSpoolPart *self)
{
  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), 0);

  return self->number;
}

/**
 * freight_spool_part_get_file_name:
 *
 * Returns: (transfer full): the base name of one of the part's files, e.g.
 *   `part-0003.failed.csv`
 */
char *
freight_spool_part_get_file_name (FreightSpoolPart *self,
                                  FreightSpoolFile  which)
{
  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), NULL);
  g_return_val_if_fail (which < FREIGHT_SPOOL_N_FILES, NULL);

  return g_strdup_printf ("part-%04u%s", self->number, suffixes[which]);
}

/**
 * freight_spool_part_get_file:
 *
 * Returns: (transfer full): one of the part's files
 */
GFile *
freight_spool_part_get_file (FreightSpoolPart *self,
                             FreightSpoolFile  which)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), NULL);
  g_return_val_if_fail (which < FREIGHT_SPOOL_N_FILES, NULL);

  name = freight_spool_part_get_file_name (self, which);
  return g_file_get_child (self->dir, name);
}

void
freight_spool_part_set_dialect (FreightSpoolPart     *self,
                                char                  delimiter,
                                FreightCsvLineEnding  line_ending)
{
  g_return_if_fail (FREIGHT_IS_SPOOL_PART (self));
  g_return_if_fail (delimiter != '\0' && delimiter != '"' && delimiter != '\r' &&
                    delimiter != '\n');

  self->delimiter = delimiter;
  self->line_ending = line_ending;
}

char
freight_spool_part_get_delimiter (FreightSpoolPart *self)
{
  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), ',');

  return self->delimiter;
}

FreightCsvLineEnding
freight_spool_part_get_line_ending (FreightSpoolPart *self)
{
  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), FREIGHT_CSV_LINE_ENDING_LF);

  return self->line_ending;
}

/**
 * freight_spool_part_set_column_kinds:
 * @kinds: (array length=n_kinds): one kind per column of the part's header, in order
 *
 * Sets how each sent column's values compare with their echo in the results.
 */
void
freight_spool_part_set_column_kinds (FreightSpoolPart           *self,
                                     const FreightReconcileKind *kinds,
                                     guint                       n_kinds)
{
  g_return_if_fail (FREIGHT_IS_SPOOL_PART (self));
  g_return_if_fail (kinds != NULL || n_kinds == 0);

  g_array_set_size (self->kinds, 0);
  g_array_append_vals (self->kinds, kinds, n_kinds);
}

/**
 * freight_spool_part_get_column_kinds:
 * @n_kinds: (out): the number of kinds
 *
 * Returns: (array length=n_kinds): the kinds set with freight_spool_part_set_column_kinds()
 */
const FreightReconcileKind *
freight_spool_part_get_column_kinds (FreightSpoolPart *self,
                                     guint            *n_kinds)
{
  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), NULL);
  g_return_val_if_fail (n_kinds != NULL, NULL);

  *n_kinds = self->kinds->len;
  return (const FreightReconcileKind *) (gpointer) self->kinds->data;
}

/**
 * freight_spool_part_set_job_end:
 * @state: how the job ended
 * @error_message: (nullable): the job's `errorMessage` (for a Failed job)
 */
void
freight_spool_part_set_job_end (FreightSpoolPart   *self,
                                FreightJobEndState  state,
                                const char         *error_message)
{
  g_return_if_fail (FREIGHT_IS_SPOOL_PART (self));
  g_return_if_fail (state <= FREIGHT_JOB_END_ABORTED);

  self->job_end = state;
  g_free (self->job_error);
  self->job_error = g_strdup (error_message);
}

FreightJobEndState
freight_spool_part_get_job_end (FreightSpoolPart *self)
{
  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), FREIGHT_JOB_END_COMPLETE);

  return self->job_end;
}

const char *
freight_spool_part_get_job_error (FreightSpoolPart *self)
{
  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), NULL);

  return self->job_error;
}

/**
 * freight_spool_part_set_source_range:
 * @first_record: the first source record the part covers (1 = first data row)
 * @last_record: the last one (>= @first_record)
 * @offset: the byte offset in the source file where @first_record starts, as
 *   freight_csv_reader_get_offset() tells it
 * @line: the physical line, from 1, where it starts (for error messages)
 *
 * Sets the part's range when it was not written through freight_spool_part_begin() in this
 * process (after a restart).
 */
void
freight_spool_part_set_source_range (FreightSpoolPart *self,
                                     guint64           first_record,
                                     guint64           last_record,
                                     guint64           offset,
                                     guint64           line)
{
  g_return_if_fail (FREIGHT_IS_SPOOL_PART (self));
  g_return_if_fail (first_record >= 1);
  g_return_if_fail (last_record >= first_record);

  self->first_record = first_record;
  self->last_record = last_record;
  self->source_offset = offset;
  self->source_line = MAX (line, 1);
}

guint64
freight_spool_part_get_first_record (FreightSpoolPart *self)
{
  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), 0);

  return self->first_record;
}

guint64
freight_spool_part_get_last_record (FreightSpoolPart *self)
{
  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), 0);

  return self->last_record;
}

guint64
freight_spool_part_get_source_offset (FreightSpoolPart *self)
{
  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), 0);

  return self->source_offset;
}

guint64
freight_spool_part_get_source_line (FreightSpoolPart *self)
{
  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), 0);

  return self->source_line;
}

/**
 * freight_spool_part_begin:
 * @first_record: the first source record the part covers
 * @offset: the byte offset in the source where that record starts
 * @line: the physical line where it starts
 *
 * Starts the part's sidecars, replacing any left from an earlier attempt. Then, while the
 * pipeline writes `part-NNNN.csv`, it tells every source record of the range, in order:
 * the ones written with freight_spool_part_add_row(), the others with
 * freight_spool_part_add_skipped().
 */
gboolean
freight_spool_part_begin (FreightSpoolPart  *self,
                          guint64            first_record,
                          guint64            offset,
                          guint64            line,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr(GFile) rows = NULL;
  g_autoptr(GFile) skipped = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), FALSE);
  g_return_val_if_fail (first_record >= 1, FALSE);
  g_return_val_if_fail (self->rows_out == NULL, FALSE);

  skipped = freight_spool_part_get_file (self, FREIGHT_SPOOL_FILE_SKIPPED);
  if (!g_file_delete (skipped, cancellable, &local) &&
      !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  rows = freight_spool_part_get_file (self, FREIGHT_SPOOL_FILE_ROWS);
  out = g_file_replace (rows, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return FALSE;
  self->rows_out = G_OUTPUT_STREAM (g_steal_pointer (&out));
  if (self->rows_buf == NULL)
    self->rows_buf = g_new (guint64, ROWS_BUFFER);
  self->rows_buffered = 0;

  self->first_record = first_record;
  self->last_record = first_record;
  self->source_offset = offset;
  self->source_line = MAX (line, 1);
  self->last_added = first_record - 1;
  self->n_rows = 0;
  self->n_skipped = 0;
  return TRUE;
}

static gboolean
check_order (FreightSpoolPart  *self,
             guint64            record,
             GError           **error)
{
  if (record <= self->last_added)
    {
      g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_INVALID,
                   "Part %u: record %" G_GUINT64_FORMAT " added after record %"
                   G_GUINT64_FORMAT "; records must be added in ascending order",
                   self->number, record, self->last_added);
      return FALSE;
    }
  self->last_added = record;
  self->last_record = record;
  return TRUE;
}

/**
 * freight_spool_part_add_row:
 * @record: the source record number of the row just written to the part
 */
static gboolean
flush_rows (FreightSpoolPart  *self,
            GCancellable      *cancellable,
            GError           **error)
{
  gsize size = self->rows_buffered * sizeof (guint64);

  self->rows_buffered = 0;
  return g_output_stream_write_all (self->rows_out, self->rows_buf, size, NULL, cancellable,
                                    error);
}

gboolean
freight_spool_part_add_row (FreightSpoolPart  *self,
                            guint64            record,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_return_val_if_fail (self != NULL && self->rows_out != NULL, FALSE);

  /* Called for every row a load sends: buffered here rather than through a stream. */
  if (G_UNLIKELY (record <= self->last_added) && !check_order (self, record, error))
    return FALSE;
  self->last_added = self->last_record = record;
  self->rows_buf[self->rows_buffered++] = GUINT64_TO_LE (record);
  self->n_rows++;
  if (G_UNLIKELY (self->rows_buffered == ROWS_BUFFER))
    return flush_rows (self, cancellable, error);
  return TRUE;
}

/**
 * freight_spool_part_add_skipped:
 * @record: a source record of the part's range that is not in the part
 * @reason: why, for `unprocessed.csv` (e.g. the pre-flight problem, or the CSV error)
 */
gboolean
freight_spool_part_add_skipped (FreightSpoolPart  *self,
                                guint64            record,
                                const char        *reason,
                                GCancellable      *cancellable,
                                GError           **error)
{
  char number[24];

  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), FALSE);
  g_return_val_if_fail (self->rows_out != NULL, FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  if (!check_order (self, record, error))
    return FALSE;
  if (self->skipped_out == NULL)
    {
      g_autoptr(GFile) file = freight_spool_part_get_file (self, FREIGHT_SPOOL_FILE_SKIPPED);
      g_autoptr(GFileOutputStream) out = NULL;
      const char *header[] = {
        freight_result_column_get_name (FREIGHT_RESULT_COLUMN_ROW),
        freight_result_column_get_name (FREIGHT_RESULT_COLUMN_REASON),
      };

      out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
      if (out == NULL)
        return FALSE;
      self->skipped_stream = G_OUTPUT_STREAM (g_steal_pointer (&out));
      self->skipped_out = freight_csv_writer_new (self->skipped_stream, ',',
                                                  FREIGHT_CSV_LINE_ENDING_LF,
                                                  FREIGHT_CSV_QUOTE_WHEN_NEEDED);
      if (!freight_csv_writer_write_row (self->skipped_out, header, 2, cancellable, error))
        return FALSE;
    }

  g_snprintf (number, sizeof number, "%" G_GUINT64_FORMAT, record);
  freight_csv_writer_add_field (self->skipped_out, number, -1);
  freight_csv_writer_add_field (self->skipped_out, reason, -1);
  if (!freight_csv_writer_end_row (self->skipped_out, cancellable, error))
    return FALSE;
  self->n_skipped++;
  return TRUE;
}

/**
 * freight_spool_part_finish:
 * @last_record: the last source record the part covers, or 0 for the last one added
 *
 * Closes the sidecars. The part's range is then [first, last].
 */
gboolean
freight_spool_part_finish (FreightSpoolPart  *self,
                           guint64            last_record,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autoptr(GOutputStream) rows_out = NULL;
  g_autoptr(FreightCsvWriter) skipped_out = NULL;
  g_autoptr(GOutputStream) skipped_stream = NULL;

  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), FALSE);
  g_return_val_if_fail (self->rows_out != NULL, FALSE);
  g_return_val_if_fail (last_record == 0 || last_record >= self->last_added, FALSE);

  if (self->rows_buffered > 0 && !flush_rows (self, cancellable, error))
    return FALSE;
  rows_out = g_steal_pointer (&self->rows_out);
  skipped_out = g_steal_pointer (&self->skipped_out);
  skipped_stream = g_steal_pointer (&self->skipped_stream);

  if (last_record != 0)
    self->last_record = last_record;
  if (skipped_out != NULL)
    {
      if (!freight_csv_writer_flush (skipped_out, cancellable, error) ||
          !g_output_stream_close (skipped_stream, cancellable, error))
        return FALSE;
    }
  return g_output_stream_close (rows_out, cancellable, error);
}

/**
 * freight_spool_part_get_n_rows:
 *
 * Returns: the rows added since freight_spool_part_begin()
 */
guint64
freight_spool_part_get_n_rows (FreightSpoolPart *self)
{
  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), 0);

  return self->n_rows;
}

/**
 * freight_spool_part_get_n_skipped:
 *
 * Returns: the records skipped since freight_spool_part_begin()
 */
guint64
freight_spool_part_get_n_skipped (FreightSpoolPart *self)
{
  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (self), 0);

  return self->n_skipped;
}
