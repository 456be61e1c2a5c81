/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-reconcile-output"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-csv-reader.h"
#include "freight-csv-private.h"
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

#define ROWS_IN_BUFFER 8192

typedef struct
{
  GInputStream *in;
  guint64       next;
  gboolean      has_next;
  guint64       buffer[ROWS_IN_BUFFER];   /* record numbers read ahead, little-endian */
  guint         buffered;
  guint         used;
} RowsIn;

static gboolean
rows_in_advance (RowsIn        *rows,
                 GCancellable  *cancellable,
                 GError       **error)
{
  if (rows->used == rows->buffered)
    {
      gsize n_read;

      /* Thousands at a time: this runs for every row of the part. */
      if (!g_input_stream_read_all (rows->in, rows->buffer, sizeof rows->buffer, &n_read,
                                    cancellable, error))
        return FALSE;
      rows->buffered = n_read / sizeof (guint64);
      rows->used = 0;
      if (rows->buffered == 0)
        {
          rows->has_next = FALSE;
          return TRUE;
        }
    }
  rows->has_next = TRUE;
  rows->next = GUINT64_FROM_LE (rows->buffer[rows->used++]);
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
  char                   *source_name;
  gboolean                raw;        /* copy source rows as they are (see open_source_at) */
  GString                *repaired;
  guint64                 record;
  char                    number[24];
  gsize                   number_len;
  char                   *no_result_reason;
  char                   *unprocessed_reason;
} Append;

/* The extra fields Freight puts before the source's: text and length. */
typedef struct
{
  const char *text;
  gsize       len;
} Extra;

static void
add_source_fields (Append           *append,
                   FreightCsvWriter *writer,
                   gboolean          sent)
{
  FreightReconcileOutput *self = append->self;
  guint n_fields;

  if (append->raw)
    {
      gsize len;
      const guint8 *bytes = _freight_csv_reader_get_row_bytes (append->source, &len);

      /* Bytes not valid in UTF-8 are written as U+FFFD, as the reader gives them. A row
       * that was sent is valid (the reader refuses others, and the source is checked
       * unchanged): only rows left out are checked. */
      if (G_UNLIKELY (!sent && _freight_csv_utf8_check_padded (bytes, len) < len))
        {
          g_string_truncate (append->repaired, 0);
          _freight_csv_utf8_repair (append->repaired, bytes, len);
          _freight_csv_writer_add_raw (writer, append->repaired->str, append->repaired->len);
        }
      else
        _freight_csv_writer_add_raw (writer, (const char *) bytes, len);
      return;
    }

  n_fields = freight_csv_reader_get_n_fields (append->source);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *value;
      gsize len;

      if (i < self->n_columns && self->drop[i])
        continue;
      value = freight_csv_reader_get_field (append->source, i, &len);
      freight_csv_writer_add_field (writer, value, len);
    }
}

/* A Salesforce id as results give it: letters and digits only. */
static gboolean
is_plain_id (const char *text,
             gsize       len)
{
  if (len > 255)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
write_row (Append            *append,
           FreightResultFileKind kind,
           const Extra       *extra,
           guint              n_extra,
           GError           **error)
{
  FreightReconcileOutput *self = append->self;
  FreightCsvWriter *writer = self->files[kind].writer;
  const char *row = append->number;
  gsize row_len = append->number_len;

  if (self->row_column >= 0 && !append->raw &&
      (guint) self->row_column < freight_csv_reader_get_n_fields (append->source))
    row = freight_csv_reader_get_field (append->source, self->row_column, &row_len);
  if (kind == FREIGHT_RESULT_FILE_KIND_SUCCESS && row == append->number &&
      is_plain_id (extra[0].text, extra[0].len))
    {
      /* Digits, an id and true or false never need quotes: one write for all three. */
      char prefix[24 + 1 + 255 + 1 + 5];
      gsize at = 0;

      memcpy (prefix, row, row_len);
      at = row_len;
      prefix[at++] = self->source_dialect.delimiter;
      memcpy (prefix + at, extra[0].text, extra[0].len);
      at += extra[0].len;
      prefix[at++] = self->source_dialect.delimiter;
      memcpy (prefix + at, extra[1].text, extra[1].len);
      at += extra[1].len;
      _freight_csv_writer_add_raw (writer, prefix, at);
    }
  else
    {
      freight_csv_writer_add_field (writer, row, row_len);
      for (guint i = 0; i < n_extra; i++)
        freight_csv_writer_add_field (writer, extra[i].text, extra[i].len);
    }
  add_source_fields (append, writer, kind != FREIGHT_RESULT_FILE_KIND_UNPROCESSED);
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
  Extra extra[] = { { reason, strlen (reason) } };

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
        gboolean created = (outcome->flags & FREIGHT_OUTCOME_CREATED) != 0;
        Extra extra[] = {
          { outcome->id, outcome->id_len },
          { created ? "true" : "false", created ? 4 : 5 },
        };

        return write_row (append, FREIGHT_RESULT_FILE_KIND_SUCCESS, extra, 2, error);
      }

    case FREIGHT_OUTCOME_FAILED:
      {
        g_autoptr(FreightSfError) sf_error = freight_sf_error_parse (outcome->text,
                                                                     outcome->text_len);
        Extra extra[] = {
          { sf_error->code, strlen (sf_error->code) },
          { sf_error->message, strlen (sf_error->message) },
          { sf_error->fields, strlen (sf_error->fields) },
        };

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
  gboolean drops = FALSE;

  if (!g_seekable_seek (G_SEEKABLE (self->source_in), offset, G_SEEK_SET, append->cancellable,
                        error))
    return FALSE;
  append->source_name = g_file_get_basename (self->source);
  append->source = freight_csv_reader_new (self->source_in, append->source_name,
                                           &self->source_dialect, self->source_flags);
  /* When no column is left out, a source row goes to the result file as it was read,
   * quotes and all (the result files have the source's delimiter): no field is parsed
   * or quoted again. */
  for (guint i = 0; i < self->n_columns; i++)
    drops |= self->drop[i];
  append->raw = !drops && self->row_column < 0;
  _freight_csv_reader_start_at (append->source, offset,
                                freight_spool_part_get_source_line (append->part),
                                freight_spool_part_get_first_record (append->part),
                                (const char * const *) self->columns);
  return TRUE;
}

/* The record number in decimal, without printf's cost on every row. */
static gsize
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
  return len;
}

static gboolean
next_source_row (Append   *append,
                 GError  **error)
{
  g_autoptr(GError) local = NULL;
  const char *name = append->source_name;
  gboolean ok;

  if (append->raw)
    ok = _freight_csv_reader_skip_row (append->source, append->cancellable, &local);
  else
    ok = freight_csv_reader_next_row (append->source, append->cancellable, &local);
  if (!ok)
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
      append->number_len = format_number (append->number, append->record);
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
  g_autofree RowsIn *rows_in = g_new0 (RowsIn, 1);
  SkippedIn skipped = { NULL, 0, FALSE };
  Append append = { 0 };
  guint part_row = 0;
  gboolean ok = FALSE;

  append.self = self;
  append.part = part;
  append.result = result;
  append.cancellable = cancellable;
  append.repaired = g_string_new (NULL);
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
  rows_in->in = G_INPUT_STREAM (g_object_ref (rows_stream));

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
      !rows_in_advance (rows_in, cancellable, error))
    goto out;
  if (skipped.reader != NULL)
    {
      g_autofree char *skipped_name = g_file_get_basename (skipped_file);

      if (!skipped_in_advance (&skipped, skipped_name, cancellable, error))
        goto out;
    }
  if (!append_records (&append, rows_in, &skipped, outcomes, &part_row, error))
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
  g_free (append.source_name);
  g_string_free (append.repaired, TRUE);
  g_clear_object (&rows_in->in);
  g_clear_object (&skipped.reader);
  g_free (append.unprocessed_reason);
  if (append.no_result_reason != append.unprocessed_reason)
    g_free (append.no_result_reason);
  return ok;
}
