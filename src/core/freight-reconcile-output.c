/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-reconcile-output"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-csv-reader.h"
#include "freight-csv-reader-private.h"
#include "freight-csv-writer.h"
#include "freight-reconcile-output.h"
#include "freight-reconcile-result-private.h"
#include "freight-sf-error.h"

/* The result files of a run: every source row in exactly one of success.csv, failed.csv and
 * unprocessed.csv, in the source's column order and dialect, after Freight's own columns.
 *
 * Each part is appended by streaming the source records of its range once, beside its
 * record numbers (part-NNNN.rows), its skipped records (part-NNNN.skipped) and the outcome
 * of its rows read back in row order (part-NNNN.outcome). A record goes to exactly one file
 * by construction; whatever does not add up (a record neither sent nor skipped, a source
 * that ends early, record numbers out of order) is an error or an error diagnostic, never a
 * silently missing row.
 *
 * When the source is itself a result file of Freight (a re-load of failed.csv), its
 * `Freight Row` column carries the original row number through and its other Freight
 * columns are dropped, so that a row keeps its number however often it is loaded again. */

#define N_FILES 4
#define CANCEL_CHECK_ROWS 4096

static const char * const file_names[N_FILES] = {
  FREIGHT_RESULT_FILE_SUCCESS,
  FREIGHT_RESULT_FILE_FAILED,
  FREIGHT_RESULT_FILE_UNPROCESSED,
  FREIGHT_RESULT_FILE_UNMATCHED,
};

typedef struct
{
  GFile            *file;
  GFileIOStream    *stream;
  FreightCsvWriter *writer;
} OutFile;

struct _FreightReconcileOutput
{
  GObject                      parent_instance;

  GFile                       *dir;
  GFile                       *source;
  FreightCsvDialect            source_dialect;
  FreightCsvReaderFlags        source_flags;
  char                       **columns;     /* of the source */
  guint                        n_columns;
  gboolean                    *drop;        /* per source column: one of Freight's */
  int                          row_column;  /* the source's `Freight Row`, or -1 */
  gboolean                     bom;
  GInputStream                *source_in;

  OutFile                      files[N_FILES];
  FreightReconcileOutputState  state;
  GArray                      *covered;     /* pairs of guint64: ranges appended */
  gboolean                     closed;
};

G_DEFINE_FINAL_TYPE (FreightReconcileOutput, freight_reconcile_output, G_TYPE_OBJECT)

static void
out_file_clear (OutFile *out)
{
  g_clear_object (&out->writer);
  g_clear_object (&out->stream);
  g_clear_object (&out->file);
}

static void
freight_reconcile_output_finalize (GObject *object)
{
  FreightReconcileOutput *self = (FreightReconcileOutput *) object;

  for (guint i = 0; i < N_FILES; i++)
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
              OutFile                 *out,
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
static gboolean
open_out_file (FreightReconcileOutput  *self,
               FreightResultFileKind    kind,
               guint64                  size,
               gboolean                 resume,
               GCancellable            *cancellable,
               GError                 **error)
{
  OutFile *out = &self->files[kind];
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
    if (!open_out_file (self, kind, self->state.sizes[kind], resume_from != NULL, cancellable,
                        error))
      return NULL;
  if (resume_from != NULL && resume_from->sizes[FREIGHT_RESULT_FILE_KIND_UNMATCHED] > 0 &&
      !open_out_file (self, FREIGHT_RESULT_FILE_KIND_UNMATCHED,
                      resume_from->sizes[FREIGHT_RESULT_FILE_KIND_UNMATCHED], TRUE, cancellable,
                      error))
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

/* --- Reading a part's sidecars --- */

typedef struct
{
  GInputStream *in;
  guint64       next;
  gboolean      has_next;
} RowsIn;

static gboolean
rows_in_advance (RowsIn        *rows,
                 GCancellable  *cancellable,
                 GError       **error)
{
  guint64 le;
  gsize n_read;

  if (!g_input_stream_read_all (rows->in, &le, sizeof le, &n_read, cancellable, error))
    return FALSE;
  rows->has_next = n_read == sizeof le;
  rows->next = GUINT64_FROM_LE (le);
  return TRUE;
}

typedef struct
{
  FreightCsvReader *reader;
  guint64           next;
  gboolean          has_next;
} SkippedIn;

static gboolean
skipped_in_advance (SkippedIn     *skipped,
                    const char    *name,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GError) local = NULL;
  const char *number;
  guint64 record;

  skipped->has_next = FALSE;
  if (skipped->reader == NULL)
    return TRUE;
  if (!freight_csv_reader_next_row (skipped->reader, cancellable, &local))
    {
      if (local == NULL)
        return TRUE;
      g_propagate_prefixed_error (error, g_steal_pointer (&local),
                                  _("The skipped rows “%s” are damaged; prepare the part "
                                    "again: "), name);
      return FALSE;
    }
  number = freight_csv_reader_get_field (skipped->reader, 0, NULL);
  if (number == NULL || !g_ascii_string_to_unsigned (number, 10, 1, G_MAXUINT64, &record, NULL))
    {
      g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SPOOL,
                   _("The skipped rows “%s” are damaged (line %" G_GUINT64_FORMAT "); prepare "
                     "the part again"), name, freight_csv_reader_get_line (skipped->reader));
      return FALSE;
    }
  skipped->next = record;
  skipped->has_next = TRUE;
  return TRUE;
}

static const char *
skipped_reason (SkippedIn *skipped)
{
  const char *reason = freight_csv_reader_get_field (skipped->reader, 1, NULL);

  return reason != NULL ? reason : "";
}

/* --- Writing rows --- */

typedef struct
{
  FreightReconcileOutput *self;
  FreightSpoolPart       *part;
  FreightReconcileResult *result;
  GCancellable           *cancellable;
  FreightCsvReader       *source;
  guint64                 record;
  char                    number[24];
  char                   *no_result_reason;
  char                   *unprocessed_reason;
} Append;

static gboolean
write_row (Append            *append,
           FreightResultFileKind kind,
           const char * const *extra,
           guint              n_extra,
           GError           **error)
{
  FreightReconcileOutput *self = append->self;
  FreightCsvWriter *writer = self->files[kind].writer;
  guint n_fields = freight_csv_reader_get_n_fields (append->source);
  const char *row;
  gsize row_len;

  if (self->row_column >= 0 && (guint) self->row_column < n_fields)
    row = freight_csv_reader_get_field (append->source, self->row_column, &row_len);
  else
    {
      row = append->number;
      row_len = strlen (row);
    }
  freight_csv_writer_add_field (writer, row, row_len);
  for (guint i = 0; i < n_extra; i++)
    freight_csv_writer_add_field (writer, extra[i], -1);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *value;
      gsize len;

      if (i < self->n_columns && self->drop[i])
        continue;
      value = freight_csv_reader_get_field (append->source, i, &len);
      freight_csv_writer_add_field (writer, value, len);
    }
  if (!freight_csv_writer_end_row (writer, append->cancellable, error))
    return FALSE;

  if (kind == FREIGHT_RESULT_FILE_KIND_SUCCESS)
    self->state.n_succeeded++;
  else if (kind == FREIGHT_RESULT_FILE_KIND_FAILED)
    self->state.n_failed++;
  else
    self->state.n_unprocessed++;
  return TRUE;
}

static gboolean
write_unprocessed (Append      *append,
                   const char  *reason,
                   GError     **error)
{
  const char *extra[] = { reason };

  return write_row (append, FREIGHT_RESULT_FILE_KIND_UNPROCESSED, extra, 1, error);
}

static gboolean
write_outcome (Append                *append,
               const FreightOutcome  *outcome,
               GError               **error)
{
  switch (outcome->kind)
    {
    case FREIGHT_OUTCOME_SUCCESS:
      {
        g_autofree char *id = g_strndup (outcome->id, outcome->id_len);
        const char *extra[] = {
          id, (outcome->flags & FREIGHT_OUTCOME_CREATED) ? "true" : "false"
        };

        return write_row (append, FREIGHT_RESULT_FILE_KIND_SUCCESS, extra, 2, error);
      }

    case FREIGHT_OUTCOME_FAILED:
      {
        g_autoptr(FreightSfError) sf_error = freight_sf_error_parse (outcome->text,
                                                                     outcome->text_len);
        const char *extra[] = { sf_error->code, sf_error->message, sf_error->fields };

        return write_row (append, FREIGHT_RESULT_FILE_KIND_FAILED, extra, 3, error);
      }

    case FREIGHT_OUTCOME_UNPROCESSED:
      return write_unprocessed (append, append->unprocessed_reason, error);

    case FREIGHT_OUTCOME_NONE:
    default:
      return write_unprocessed (append, append->no_result_reason, error);
    }
}

static gboolean
spool_error (GError     **error,
             const char  *name,
             const char  *what)
{
  g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SPOOL,
               _("The part “%s” does not add up (%s); prepare it again"), name, what);
  return FALSE;
}

/* Copies the part's unmatched results into the run's unmatched-results.csv. */
static gboolean
copy_unmatched (FreightReconcileOutput  *self,
                FreightSpoolPart        *part,
                GCancellable            *cancellable,
                GError                 **error)
{
  g_autoptr(GFile) file = freight_spool_part_get_file (part, FREIGHT_SPOOL_FILE_UNMATCHED);
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GError) local = NULL;
  OutFile *out = &self->files[FREIGHT_RESULT_FILE_KIND_UNMATCHED];

  reader = freight_csv_reader_new_for_file (file, NULL, FREIGHT_CSV_READER_FLAGS_NONE,
                                            cancellable, &local);
  if (reader == NULL && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  if (reader == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!freight_csv_reader_read_header (reader, cancellable, error))
    return FALSE;

  if (out->writer == NULL)
    {
      if (!open_out_file (self, FREIGHT_RESULT_FILE_KIND_UNMATCHED, 0, FALSE, cancellable, error)
          || !freight_csv_writer_write_row (out->writer,
                                            freight_csv_reader_get_column_names (reader),
                                            freight_csv_reader_get_n_columns (reader),
                                            cancellable, error))
        return FALSE;
    }
  while (freight_csv_reader_next_row (reader, cancellable, &local))
    {
      guint n = freight_csv_reader_get_n_fields (reader);

      for (guint i = 0; i < n; i++)
        {
          gsize len;
          const char *value = freight_csv_reader_get_field (reader, i, &len);

          freight_csv_writer_add_field (out->writer, value, len);
        }
      if (!freight_csv_writer_end_row (out->writer, cancellable, error))
        return FALSE;
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
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
open_source_at (Append                  *append,
                GError                 **error)
{
  FreightReconcileOutput *self = append->self;
  guint64 offset = freight_spool_part_get_source_offset (append->part);
  g_autofree char *name = g_file_get_basename (self->source);

  if (!g_seekable_seek (G_SEEKABLE (self->source_in), offset, G_SEEK_SET, append->cancellable,
                        error))
    return FALSE;
  append->source = freight_csv_reader_new (self->source_in, name, &self->source_dialect,
                                           self->source_flags);
  _freight_csv_reader_start_at (append->source, offset,
                                freight_spool_part_get_source_line (append->part),
                                freight_spool_part_get_first_record (append->part),
                                (const char * const *) self->columns);
  return TRUE;
}

/* The record number in decimal, without printf's cost on every row. */
static void
format_number (char    buf[24],
               guint64 n)
{
  char tmp[24];
  gsize len = 0;

  do
    {
      tmp[len++] = '0' + n % 10;
      n /= 10;
    }
  while (n > 0);
  for (gsize i = 0; i < len; i++)
    buf[i] = tmp[len - 1 - i];
  buf[len] = '\0';
}

static gboolean
next_source_row (Append   *append,
                 GError  **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *name = g_file_get_basename (append->self->source);

  if (!freight_csv_reader_next_row (append->source, append->cancellable, &local))
    {
      if (local == NULL)
        {
          g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SOURCE,
                       _("“%s” ends before record %" G_GUINT64_FORMAT "; it changed since the "
                         "load started. Restore the original file to write the results."),
                       name, append->record);
          return FALSE;
        }
      if (!freight_csv_error_is_row_level (local))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      /* A row the reader rejects is still written, as read; the part lists it as skipped. */
    }
  if (freight_csv_reader_get_record_number (append->source) != append->record)
    {
      g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SOURCE,
                   _("“%s” does not have record %" G_GUINT64_FORMAT " where the load found "
                     "it; it changed since the load started. Restore the original file to "
                     "write the results."), name, append->record);
      return FALSE;
    }
  return TRUE;
}

static void
set_reasons (Append *append)
{
  const char *job_error = freight_spool_part_get_job_error (append->part);

  switch (freight_spool_part_get_job_end (append->part))
    {
    case FREIGHT_JOB_END_FAILED:
      append->unprocessed_reason = append->no_result_reason =
        job_error != NULL && *job_error != '\0'
          ? g_strdup_printf (_("job failed: %s"), job_error)
          : g_strdup (_("job failed"));
      break;

    case FREIGHT_JOB_END_ABORTED:
      append->unprocessed_reason = append->no_result_reason = g_strdup (_("job aborted"));
      break;

    case FREIGHT_JOB_END_COMPLETE:
    default:
      append->unprocessed_reason = g_strdup (_("not processed by Salesforce"));
      append->no_result_reason = g_strdup (_("no result returned by Salesforce"));
      break;
    }
}

static gboolean
append_records (Append                *append,
                RowsIn                *rows,
                SkippedIn             *skipped,
                FreightOutcomeReader  *outcomes,
                guint                 *part_row,
                GError               **error)
{
  g_autofree char *rows_name = freight_spool_part_get_file_name (append->part,
                                                                 FREIGHT_SPOOL_FILE_ROWS);
  g_autofree char *skipped_name = freight_spool_part_get_file_name (append->part,
                                                                    FREIGHT_SPOOL_FILE_SKIPPED);
  guint64 last = freight_spool_part_get_last_record (append->part);

  for (append->record = freight_spool_part_get_first_record (append->part);
       append->record <= last; append->record++)
    {
      gboolean sent, was_skipped;

      if (append->record % CANCEL_CHECK_ROWS == 0 &&
          g_cancellable_set_error_if_cancelled (append->cancellable, error))
        return FALSE;
      if (!next_source_row (append, error))
        return FALSE;
      format_number (append->number, append->record);

      if (rows->has_next && rows->next < append->record)
        return spool_error (error, rows_name, _("record numbers out of order"));
      if (skipped->has_next && skipped->next < append->record)
        return spool_error (error, skipped_name, _("record numbers out of order"));
      sent = rows->has_next && rows->next == append->record;
      was_skipped = skipped->has_next && skipped->next == append->record;

      if (sent)
        {
          FreightOutcome outcome;

          if (!_freight_outcome_reader_get (outcomes, *part_row, &outcome, append->cancellable,
                                            error) ||
              !write_outcome (append, &outcome, error))
            return FALSE;
          (*part_row)++;
          if (!rows_in_advance (rows, append->cancellable, error))
            return FALSE;
          if (was_skipped)
            _freight_reconcile_result_add_diagnostic (
              append->result, FREIGHT_RECONCILE_SEVERITY_ERROR, append->record,
              _("Row %s was both sent and listed as skipped; its result is the one from "
                "Salesforce"), append->number);
        }
      else if (was_skipped)
        {
          append->self->state.n_skipped++;
          if (!write_unprocessed (append, skipped_reason (skipped), error))
            return FALSE;
        }
      else
        {
          /* Not in the part and not skipped: the part's sidecars are wrong. The row still
           * lands in exactly one file, with a reason that says what to do. */
          append->self->state.n_skipped++;
          _freight_reconcile_result_add_diagnostic (
            append->result, FREIGHT_RECONCILE_SEVERITY_ERROR, append->record,
            _("Row %s of the part’s range was neither sent nor skipped"), append->number);
          if (!write_unprocessed (append, _("not sent (Freight lost track of this row); check "
                                            "the org before loading it again"), error))
            return FALSE;
        }
      if (was_skipped &&
          !skipped_in_advance (skipped, skipped_name, append->cancellable, error))
        return FALSE;
    }

  if (rows->has_next)
    return spool_error (error, rows_name, _("rows beyond the part’s range"));
  if (skipped->has_next)
    return spool_error (error, skipped_name, _("skipped rows beyond the part’s range"));
  return TRUE;
}

static gboolean
flush_all (FreightReconcileOutput  *self,
           GCancellable            *cancellable,
           GError                 **error)
{
  for (guint kind = 0; kind < N_FILES; kind++)
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
  g_autoptr(GFile) rows_file = NULL;
  g_autoptr(GFile) skipped_file = NULL;
  g_autoptr(GFile) outcome_file = NULL;
  g_autoptr(GFileInputStream) rows_stream = NULL;
  g_autoptr(FreightOutcomeReader) outcomes = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *part_name = NULL;
  RowsIn rows = { NULL, 0, FALSE };
  SkippedIn skipped = { NULL, 0, FALSE };
  Append append = { self, part, result, cancellable, NULL, 0, "", NULL, NULL };
  guint part_row = 0;
  guint64 first, last;
  gboolean ok = FALSE;

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
  if (!check_range (self, first, last, part_name, error))
    return FALSE;

  outcome_file = freight_spool_part_get_file (part, FREIGHT_SPOOL_FILE_OUTCOME);
  outcomes = _freight_outcome_reader_new (outcome_file, cancellable, &local);
  if (outcomes == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SPOOL,
                     _("The part “%s” has not been reconciled yet"), part_name);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  rows_file = freight_spool_part_get_file (part, FREIGHT_SPOOL_FILE_ROWS);
  rows_stream = g_file_read (rows_file, cancellable, error);
  if (rows_stream == NULL)
    return FALSE;
  rows.in = g_buffered_input_stream_new_sized (G_INPUT_STREAM (rows_stream), 64 * 1024);

  skipped_file = freight_spool_part_get_file (part, FREIGHT_SPOOL_FILE_SKIPPED);
  skipped.reader = freight_csv_reader_new_for_file (skipped_file, NULL,
                                                    FREIGHT_CSV_READER_FLAGS_NONE, cancellable,
                                                    &local);
  if (skipped.reader == NULL && !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto out;
    }
  g_clear_error (&local);

  set_reasons (&append);
  if (!open_source_at (&append, error) ||
      !rows_in_advance (&rows, cancellable, error))
    goto out;
  if (skipped.reader != NULL)
    {
      g_autofree char *skipped_name = g_file_get_basename (skipped_file);

      if (!skipped_in_advance (&skipped, skipped_name, cancellable, error))
        goto out;
    }
  if (!append_records (&append, &rows, &skipped, outcomes, &part_row, error))
    goto out;
  if (part_row != _freight_outcome_reader_get_counts (outcomes)->n_rows)
    {
      spool_error (error, part_name, _("its outcome is for another number of rows"));
      goto out;
    }

  self->state.n_ambiguous += freight_reconcile_result_get_n_ambiguous (result);
  self->state.n_unmatched += freight_reconcile_result_get_n_unmatched (result);
  if (freight_reconcile_result_get_n_unmatched (result) > 0 &&
      !copy_unmatched (self, part, cancellable, error))
    goto out;
  if (!flush_all (self, cancellable, error))
    goto out;

  g_array_append_val (self->covered, first);
  g_array_append_val (self->covered, last);
  freight_reconcile_output_get_state (self, &self->state);
  ok = TRUE;

out:
  g_clear_object (&append.source);
  g_clear_object (&rows.in);
  g_clear_object (&skipped.reader);
  g_free (append.unprocessed_reason);
  if (append.no_result_reason != append.unprocessed_reason)
    g_free (append.no_result_reason);
  return ok;
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
  for (guint kind = 0; kind < N_FILES; kind++)
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
      g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_FAILED,
                   _("The result files hold %" G_GUINT64_FORMAT " rows but the source has %"
                     G_GUINT64_FORMAT "; some parts are missing from them"),
                   n_rows, n_source_records);
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
  g_return_val_if_fail (kind < N_FILES, NULL);

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
  for (guint kind = 0; kind < N_FILES; kind++)
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

  g_return_if_fail (FREIGHT_IS_RECONCILE_OUTPUT (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      json_builder_set_member_name (builder, members[i].name);
      json_builder_add_int_value (builder, (gint64) members[i].value);
    }
}
