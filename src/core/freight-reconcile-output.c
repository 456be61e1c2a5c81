/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-reconcile-output"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-csv-reader.h"
#include "freight-reconcile-output-private.h"

/* The result files of a run: every source row in exactly one of success.csv, failed.csv and
 * unprocessed.csv, in the source's column order and dialect, after Freight's own columns.
 * Appending a part is in freight-reconcile-output-part.c.
 *
 * When the source is itself a result file of Freight (a re-load of failed.csv), its
 * `Freight Row` column carries the original row number through and its other Freight
 * columns are dropped, so that a row keeps its number however often it is loaded again. */

static const char * const file_names[_FREIGHT_RESULT_N_FILES] = {
  FREIGHT_RESULT_FILE_SUCCESS,
  FREIGHT_RESULT_FILE_FAILED,
  FREIGHT_RESULT_FILE_UNPROCESSED,
  FREIGHT_RESULT_FILE_UNMATCHED,
};

G_DEFINE_FINAL_TYPE (FreightReconcileOutput, freight_reconcile_output, G_TYPE_OBJECT)

static void
out_file_clear (FreightOutFile *out)
{
  g_clear_object (&out->writer);
  g_clear_object (&out->stream);
  g_clear_object (&out->file);
}

static void
freight_reconcile_output_finalize (GObject *object)
{
  FreightReconcileOutput *self = (FreightReconcileOutput *) object;

  for (guint i = 0; i < _FREIGHT_RESULT_N_FILES; i++)
    out_file_clear (&self->files[i]);
  g_clear_object (&self->dir);
  g_clear_object (&self->source);
  g_clear_pointer (&self->columns, g_strfreev);
  g_clear_pointer (&self->drop, g_free);
  g_clear_object (&self->source_in);
  g_clear_pointer (&self->covered, g_array_unref);

  G_OBJECT_CLASS (freight_reconcile_output_parent_class)->finalize (object);
}

static void
freight_reconcile_output_class_init (FreightReconcileOutputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_reconcile_output_finalize;
}

static void
freight_reconcile_output_init (FreightReconcileOutput *self)
{
  self->row_column = -1;
  self->covered = g_array_new (FALSE, FALSE, sizeof (guint64));
}

static gboolean
read_source_header (FreightReconcileOutput  *self,
                    GCancellable            *cancellable,
                    GError                 **error)
{
  g_autoptr(FreightCsvReader) reader = NULL;

  reader = freight_csv_reader_new_for_file (self->source, &self->source_dialect,
                                            self->source_flags, cancellable, error);
  if (reader == NULL || !freight_csv_reader_read_header (reader, cancellable, error))
    return FALSE;

  self->columns = g_strdupv ((char **) freight_csv_reader_get_column_names (reader));
  self->n_columns = freight_csv_reader_get_n_columns (reader);
  self->drop = g_new0 (gboolean, MAX (self->n_columns, 1));
  for (guint i = 0; i < self->n_columns; i++)
    {
      FreightResultColumn column = freight_result_column_from_name (self->columns[i]);

      self->drop[i] = column != FREIGHT_RESULT_COLUMN_NONE;
      if (column == FREIGHT_RESULT_COLUMN_ROW && self->row_column < 0)
        self->row_column = i;
    }
  return TRUE;
}

static gboolean
write_header (FreightReconcileOutput  *self,
              FreightOutFile          *out,
              FreightResultFileKind    kind,
              GCancellable            *cancellable,
              GError                 **error)
{
  static const FreightResultColumn extra[][4] = {
    [FREIGHT_RESULT_FILE_KIND_SUCCESS] = {
      FREIGHT_RESULT_COLUMN_ROW, FREIGHT_RESULT_COLUMN_ID, FREIGHT_RESULT_COLUMN_CREATED,
    },
    [FREIGHT_RESULT_FILE_KIND_FAILED] = {
      FREIGHT_RESULT_COLUMN_ROW, FREIGHT_RESULT_COLUMN_ERROR_CODE,
      FREIGHT_RESULT_COLUMN_ERROR_MESSAGE, FREIGHT_RESULT_COLUMN_ERROR_FIELDS,
    },
    [FREIGHT_RESULT_FILE_KIND_UNPROCESSED] = {
      FREIGHT_RESULT_COLUMN_ROW, FREIGHT_RESULT_COLUMN_REASON,
    },
  };

  g_assert (kind < FREIGHT_RESULT_FILE_KIND_UNMATCHED);

  for (guint i = 0; i < G_N_ELEMENTS (extra[kind]) && extra[kind][i] != 0; i++)
    freight_csv_writer_add_field (out->writer, freight_result_column_get_name (extra[kind][i]),
                                  -1);
  for (guint i = 0; i < self->n_columns; i++)
    if (!self->drop[i])
      freight_csv_writer_add_field (out->writer, self->columns[i], -1);
  return freight_csv_writer_end_row (out->writer, cancellable, error);
}

/* Opens a result file: a new one (after a stale one is removed), or an existing one cut back
 * to @size when a run resumes. */
gboolean
_freight_reconcile_output_open_file (FreightReconcileOutput  *self,
               FreightResultFileKind    kind,
               guint64                  size,
               gboolean                 resume,
               GCancellable            *cancellable,
               GError                 **error)
{
  FreightOutFile *out = &self->files[kind];
  g_autoptr(GError) local = NULL;
  GOutputStream *stream;

  out->file = g_file_get_child (self->dir, file_names[kind]);
  if (resume)
    {
      out->stream = g_file_open_readwrite (out->file, cancellable, error);
      if (out->stream == NULL ||
          !g_seekable_truncate (G_SEEKABLE (out->stream), size, cancellable, error) ||
          !g_seekable_seek (G_SEEKABLE (out->stream), size, G_SEEK_SET, cancellable, error))
        return FALSE;
    }
  else
    {
      if (!g_file_delete (out->file, cancellable, &local) &&
          !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      out->stream = g_file_create_readwrite (out->file, G_FILE_CREATE_NONE, cancellable, error);
      if (out->stream == NULL)
        return FALSE;
      stream = g_io_stream_get_output_stream (G_IO_STREAM (out->stream));
      if (self->bom &&
          !g_output_stream_write_all (stream, "\xEF\xBB\xBF", 3, NULL, cancellable, error))
        return FALSE;
    }

  stream = g_io_stream_get_output_stream (G_IO_STREAM (out->stream));
  if (kind == FREIGHT_RESULT_FILE_KIND_UNMATCHED)
    out->writer = freight_csv_writer_new (stream, ',', FREIGHT_CSV_LINE_ENDING_LF,
                                          FREIGHT_CSV_QUOTE_WHEN_NEEDED);
  else
    out->writer = freight_csv_writer_new (stream, self->source_dialect.delimiter,
                                          self->source_dialect.line_ending,
                                          FREIGHT_CSV_QUOTE_WHEN_NEEDED);
  if (!resume && kind != FREIGHT_RESULT_FILE_KIND_UNMATCHED)
    return write_header (self, out, kind, cancellable, error);
  return TRUE;
}

/**
 * freight_reconcile_output_new:
 * @dir: the run's result folder (existing)
 * @source: the source CSV file of the load
 * @source_dialect: its dialect, as the pipeline reads it
 * @source_flags: the reader flags the pipeline reads it with
 * @resume_from: (nullable): the state freight_reconcile_output_get_state() gave after the
 *   last part finished, to reopen the files of a run that stopped; %NULL for a new run
 *
 * Opens the run's result files and writes their headers: Freight's columns, then every
 * column of the source except Freight's own. The files use the source's delimiter and line
 * ending, in UTF-8, with a byte order mark when the source had one or was not UTF-8 (so that
 * spreadsheets read the text right).
 *
 * Returns: (transfer full): the run's output, or %NULL with @error set
 */
FreightReconcileOutput *
freight_reconcile_output_new (GFile                             *dir,
                              GFile                             *source,
                              const FreightCsvDialect           *source_dialect,
                              FreightCsvReaderFlags              source_flags,
                              const FreightReconcileOutputState *resume_from,
                              GCancellable                      *cancellable,
                              GError                           **error)
{
  g_autoptr(FreightReconcileOutput) self = NULL;

  g_return_val_if_fail (G_IS_FILE (dir), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);
  g_return_val_if_fail (source_dialect != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (FREIGHT_TYPE_RECONCILE_OUTPUT, NULL);
  self->dir = g_object_ref (dir);
  self->source = g_object_ref (source);
  self->source_dialect = *source_dialect;
  self->source_flags = source_flags;
  self->bom = source_dialect->has_bom || source_dialect->encoding != FREIGHT_CSV_ENCODING_UTF8;
  if (self->source_dialect.line_ending == FREIGHT_CSV_LINE_ENDING_CR)
    self->source_dialect.line_ending = FREIGHT_CSV_LINE_ENDING_LF;

  if (!read_source_header (self, cancellable, error))
    return NULL;
  self->source_in = G_INPUT_STREAM (g_file_read (source, cancellable, error));
  if (self->source_in == NULL)
    return NULL;

  if (resume_from != NULL)
    {
      for (guint kind = 0; kind < FREIGHT_RESULT_FILE_KIND_UNMATCHED; kind++)
        if (resume_from->sizes[kind] == 0)
          {
            g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_INVALID,
                         "Cannot resume the result files of “%s”: the state has no size for "
                         "“%s”", g_file_peek_path (dir), file_names[kind]);
            return NULL;
          }
      self->state = *resume_from;
    }
  for (guint kind = 0; kind < FREIGHT_RESULT_FILE_KIND_UNMATCHED; kind++)
    if (!_freight_reconcile_output_open_file (self, kind, self->state.sizes[kind],
                                              resume_from != NULL, cancellable, error))
      return NULL;
  if (resume_from != NULL && resume_from->sizes[FREIGHT_RESULT_FILE_KIND_UNMATCHED] > 0 &&
      !_freight_reconcile_output_open_file (self, FREIGHT_RESULT_FILE_KIND_UNMATCHED,
                                            resume_from->sizes[FREIGHT_RESULT_FILE_KIND_UNMATCHED],
                                            TRUE, cancellable, error))
    return NULL;
  if (resume_from == NULL)
    {
      for (guint kind = 0; kind < FREIGHT_RESULT_FILE_KIND_UNMATCHED; kind++)
        if (!freight_csv_writer_flush (self->files[kind].writer, cancellable, error))
          return NULL;
      freight_reconcile_output_get_state (self, &self->state);
    }
  return g_steal_pointer (&self);
}

static gboolean
check_range (FreightReconcileOutput  *self,
             guint64                  first,
             guint64                  last,
             const char              *name,
             GError                 **error)
{
  for (guint i = 0; i < self->covered->len; i += 2)
    {
      guint64 a = g_array_index (self->covered, guint64, i);
      guint64 b = g_array_index (self->covered, guint64, i + 1);

      if (first <= b && a <= last)
        {
          g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_INVALID,
                       "The records %" G_GUINT64_FORMAT "–%" G_GUINT64_FORMAT " of “%s” are "
                       "already in the result files", MAX (a, first), MIN (b, last), name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
flush_all (FreightReconcileOutput  *self,
           GCancellable            *cancellable,
           GError                 **error)
{
  for (guint kind = 0; kind < _FREIGHT_RESULT_N_FILES; kind++)
    if (self->files[kind].writer != NULL &&
        !freight_csv_writer_flush (self->files[kind].writer, cancellable, error))
      return FALSE;
  return TRUE;
}

/**
 * freight_reconcile_output_append_part:
 * @part: a part reconciled by freight_reconcile_part()
 * @result: what freight_reconcile_part() returned for it (its diagnostics gain those of
 *   the writing)
 *
 * Streams the part's range of the source and appends each source record to exactly one of
 * the result files: the rows of the part by their outcome, its skipped rows to
 * unprocessed.csv with their reason. Then copies the part's unmatched results, if any, to
 * unmatched-results.csv, and flushes every file. The output's state afterwards is what a
 * resumed run reopens.
 *
 * Returns: %FALSE with @error set when the spool or the source does not add up; the files
 *   may then hold part of the range, and the run must reopen them at the previous state
 */
gboolean
freight_reconcile_output_append_part (FreightReconcileOutput  *self,
                                      FreightSpoolPart        *part,
                                      FreightReconcileResult  *result,
                                      GCancellable            *cancellable,
                                      GError                 **error)
{
  g_autofree char *part_name = NULL;
  guint64 first, last;

  g_return_val_if_fail (FREIGHT_IS_RECONCILE_OUTPUT (self), FALSE);
  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (part), FALSE);
  g_return_val_if_fail (FREIGHT_IS_RECONCILE_RESULT (result), FALSE);
  g_return_val_if_fail (!self->closed, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  first = freight_spool_part_get_first_record (part);
  last = freight_spool_part_get_last_record (part);
  part_name = freight_spool_part_get_file_name (part, FREIGHT_SPOOL_FILE_CSV);
  if (first == 0)
    {
      g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_INVALID,
                   "The source range of “%s” is not set", part_name);
      return FALSE;
    }
  if (!check_range (self, first, last, part_name, error) ||
      !_freight_reconcile_output_write_part (self, part, result, cancellable, error) ||
      !flush_all (self, cancellable, error))
    return FALSE;

  self->state.n_ambiguous += freight_reconcile_result_get_n_ambiguous (result);
  self->state.n_unmatched += freight_reconcile_result_get_n_unmatched (result);
  g_array_append_val (self->covered, first);
  g_array_append_val (self->covered, last);
  freight_reconcile_output_get_state (self, &self->state);
  return TRUE;
}

/**
 * freight_reconcile_output_close:
 *
 * Flushes and closes the result files.
 */
gboolean
freight_reconcile_output_close (FreightReconcileOutput  *self,
                                GCancellable            *cancellable,
                                GError                 **error)
{
  g_return_val_if_fail (FREIGHT_IS_RECONCILE_OUTPUT (self), FALSE);

  if (self->closed)
    return TRUE;
  self->closed = TRUE;
  if (!flush_all (self, cancellable, error))
    return FALSE;
  for (guint kind = 0; kind < _FREIGHT_RESULT_N_FILES; kind++)
    if (self->files[kind].stream != NULL &&
        !g_io_stream_close (G_IO_STREAM (self->files[kind].stream), cancellable, error))
      return FALSE;
  return TRUE;
}

/**
 * freight_reconcile_output_check:
 * @n_source_records: the records of the source (as the pipeline counted them)
 *
 * Checks that the result files together hold exactly the source's records: the parts
 * appended in this process cover disjoint ranges, and the rows written across
 * success.csv, failed.csv and unprocessed.csv (also before a resume) are as many as the
 * source has.
 *
 * Returns: %FALSE with @error set, saying what is missing, if they do not
 */
gboolean
freight_reconcile_output_check (FreightReconcileOutput  *self,
                                guint64                  n_source_records,
                                GError                 **error)
{
  guint64 n_rows;

  g_return_val_if_fail (FREIGHT_IS_RECONCILE_OUTPUT (self), FALSE);

  n_rows = freight_reconcile_output_get_n_rows (self);
  if (n_rows != n_source_records)
    {
      /* Numbers go into messages as text: xgettext cannot read G_GUINT64_FORMAT. */
      g_autofree char *written = g_strdup_printf ("%" G_GUINT64_FORMAT, n_rows);
      g_autofree char *expected = g_strdup_printf ("%" G_GUINT64_FORMAT, n_source_records);

      g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_FAILED,
                   _("The result files hold %s rows but the source has %s; some parts are "
                     "missing from them"), written, expected);
      return FALSE;
    }
  return TRUE;
}

/**
 * freight_reconcile_output_get_file:
 *
 * Returns: (transfer full): one of the run's result files (which may not exist yet)
 */
GFile *
freight_reconcile_output_get_file (FreightReconcileOutput *self,
                                   FreightResultFileKind   kind)
{
  g_return_val_if_fail (FREIGHT_IS_RECONCILE_OUTPUT (self), NULL);
  g_return_val_if_fail (kind < _FREIGHT_RESULT_N_FILES, NULL);

  return g_file_get_child (self->dir, file_names[kind]);
}

/**
 * freight_reconcile_output_get_state:
 * @state: (out caller-allocates): the counts and the sizes of the files
 *
 * Meaningful after freight_reconcile_output_append_part() returned %TRUE: the pipeline
 * journals it to resume the run there.
 */
void
freight_reconcile_output_get_state (FreightReconcileOutput      *self,
                                    FreightReconcileOutputState *state)
{
  g_return_if_fail (FREIGHT_IS_RECONCILE_OUTPUT (self));
  g_return_if_fail (state != NULL);

  *state = self->state;
  for (guint kind = 0; kind < _FREIGHT_RESULT_N_FILES; kind++)
    state->sizes[kind] = self->files[kind].stream != NULL
                           ? (guint64) g_seekable_tell (G_SEEKABLE (self->files[kind].stream))
                           : 0;
}

/**
 * freight_reconcile_output_get_n_rows:
 *
 * Returns: the rows written to success.csv, failed.csv and unprocessed.csv together
 */
guint64
freight_reconcile_output_get_n_rows (FreightReconcileOutput *self)
{
  g_return_val_if_fail (FREIGHT_IS_RECONCILE_OUTPUT (self), 0);

  return self->state.n_succeeded + self->state.n_failed + self->state.n_unprocessed;
}

/**
 * freight_reconcile_output_add_summary:
 * @builder: a #JsonBuilder inside an object
 *
 * Adds the run's counts to summary.json: `rows`, `succeeded`, `failed`, `unprocessed`,
 * `skipped` (of the unprocessed, rows never sent), `ambiguous_joins`, `unmatched_results`.
 */
void
freight_reconcile_output_add_summary (FreightReconcileOutput *self,
                                      JsonBuilder            *builder)
{
  g_return_if_fail (FREIGHT_IS_RECONCILE_OUTPUT (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  {
    const struct
    {
      const char *name;
      guint64     value;
    } members[] = {
      { "rows", freight_reconcile_output_get_n_rows (self) },
      { "succeeded", self->state.n_succeeded },
      { "failed", self->state.n_failed },
      { "unprocessed", self->state.n_unprocessed },
      { "skipped", self->state.n_skipped },
      { "ambiguous_joins", self->state.n_ambiguous },
      { "unmatched_results", self->state.n_unmatched },
    };

    for (guint i = 0; i < G_N_ELEMENTS (members); i++)
      {
        json_builder_set_member_name (builder, members[i].name);
        json_builder_add_int_value (builder, (gint64) members[i].value);
      }
  }
}
