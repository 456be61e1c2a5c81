/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-reconcile-output"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-csv-reader.h"
#include "freight-csv-reader-private.h"
#include "freight-reconcile-output-private.h"
#include "freight-reconcile-result-private.h"
#include "freight-sf-error.h"

/* Appending one part to the run's result files: the source records of the part's range are
 * streamed once, beside the part's record numbers (part-NNNN.rows), its skipped records
 * (part-NNNN.skipped) and the outcomes of its rows read back in row order
 * (part-NNNN.outcome). A record goes to exactly one file by construction; whatever does not
 * add up (a record neither sent nor skipped, a source that ends early, record numbers out
 * of order) is an error or an error diagnostic, never a silently missing row. */

#define CANCEL_CHECK_ROWS 4096

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
      /* Numbers go into messages as text: xgettext cannot read G_GUINT64_FORMAT. */
      g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                               freight_csv_reader_get_line (skipped->reader));

      g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SPOOL,
                   _("The skipped rows “%s” are damaged (line %s); prepare the part again"),
                   name, line);
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
  FreightOutFile *out = &self->files[FREIGHT_RESULT_FILE_KIND_UNMATCHED];

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
      if (!_freight_reconcile_output_open_file (self, FREIGHT_RESULT_FILE_KIND_UNMATCHED, 0,
                                                FALSE, cancellable, error) ||
          !freight_csv_writer_write_row (out->writer,
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
                       _("“%s” ends before record %s; it changed since the load started. "
                         "Restore the original file to write the results."),
                       name, append->number);
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
                   _("“%s” does not have record %s where the load found it; it changed "
                     "since the load started. Restore the original file to write the "
                     "results."), name, append->number);
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
      /* The pipeline says why when it aborted the job itself (the load was cancelled). */
      append->unprocessed_reason = append->no_result_reason =
        job_error != NULL && *job_error != '\0' ? g_strdup (job_error)
                                                 : g_strdup (_("job aborted"));
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
      format_number (append->number, append->record);
      if (!next_source_row (append, error))
        return FALSE;

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


/*
 * _freight_reconcile_output_write_part:
 *
 * Streams the part's source range beside its record numbers, its skipped records and its
 * outcomes, writing each record to one result file; then copies its unmatched results.
 */
gboolean
_freight_reconcile_output_write_part (FreightReconcileOutput  *self,
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
  gboolean ok = FALSE;

  part_name = freight_spool_part_get_file_name (part, FREIGHT_SPOOL_FILE_CSV);

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

  if (freight_reconcile_result_get_n_unmatched (result) > 0 &&
      !copy_unmatched (self, part, cancellable, error))
    goto out;
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
