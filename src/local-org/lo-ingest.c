/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-ingest"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "freight.h"
#include "lo-dml.h"
#include "lo-format.h"
#include "lo-ingest-plan.h"
#include "lo-ingest.h"

/*
 * Runs an ingest job on a worker thread: reads the upload as a stream, applies it in
 * internal batches of 10,000 rows (one transaction each, counters updated as each batch
 * finishes), and writes the three result files.
 *
 * Result rows come back in batch-completion order: each batch's results are written to a
 * segment, and the segments are joined in an order drawn from --seed, as parallel batches
 * on a real org finish in no set order. Double, currency and percent values are echoed as
 * the platform normalizes them (912260031 -> 9.12260031E8). --in-order turns both off.
 * Result files use the job's delimiter and line ending (unconfirmed on real orgs).
 */

typedef struct
{
  goffset start;
  goffset length;
} Segment;

typedef struct
{
  LoJob             *job;
  LoJobContext      *context;
  FreightCsvDialect  dialect;
  const char        *eol;
  char             **header;
  guint              n_columns;
  LoIngestPlan      *plan;
  gboolean           normalize;
  /* the batch being read */
  GByteArray        *bytes;
  GArray            *offsets;      /* gsize: start of each field in bytes */
  GArray            *lengths;      /* gsize */
  GArray            *row_starts;   /* guint: first field of each row */
  GPtrArray         *row_errors;   /* char*: reader error of a row, or NULL */
  /* results */
  char              *success_seg;
  char              *failed_seg;
  char              *unprocessed_seg;
  GOutputStream     *success_out;
  GOutputStream     *failed_out;
  GOutputStream     *unprocessed_out;
  FreightCsvWriter  *success;
  FreightCsvWriter  *failed;
  FreightCsvWriter  *unprocessed;
  GArray            *success_segments;
  GArray            *failed_segments;
  gint64             n_processed;
  gint64             n_failed;
  gint64             started_usec;
} Run;

char *
lo_ingest_upload_path (LoJob *job,
                       int    n)
{
  g_autofree char *name = g_strdup_printf ("upload-%d.csv", n);

  return lo_job_get_path (job, name);
}

static const char *result_names[] = { "success.csv", "failed.csv", "unprocessed.csv" };

/* The header row of the upload (for results of a job that never ran). */
static char *
upload_header_line (LoJob          *job,
                    LoIngestResult  which)
{
  g_autofree char *path = lo_ingest_upload_path (job, 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FreightCsvReader) reader = NULL;
  FreightCsvDialect dialect;
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean crlf = g_strcmp0 (job->line_ending, "CRLF") == 0;

  freight_csv_dialect_init (&dialect);
  freight_csv_delimiter_from_bulk_name (job->column_delimiter, &dialect.delimiter);
  if (which == LO_INGEST_RESULT_SUCCESS)
    g_string_append_printf (line, "\"sf__Id\"%c\"sf__Created\"", dialect.delimiter);
  else if (which == LO_INGEST_RESULT_FAILED)
    g_string_append_printf (line, "\"sf__Id\"%c\"sf__Error\"", dialect.delimiter);
  reader = freight_csv_reader_new_for_file (file, &dialect, FREIGHT_CSV_READER_LENIENT, NULL,
                                            NULL);
  if (reader != NULL && freight_csv_reader_read_header (reader, NULL, NULL))
    for (guint i = 0; i < freight_csv_reader_get_n_columns (reader); i++)
      {
        if (line->len > 0)
          g_string_append_c (line, dialect.delimiter);
        g_string_append (line, freight_csv_reader_get_column_name (reader, i));
      }
  g_string_append (line, crlf ? "\r\n" : "\n");
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/**
 * lo_ingest_result_path:
 * @prefix: (out): bytes to send before the file, or %NULL
 *
 * Returns: the file holding the result set. A job aborted before it ran has none: then
 *   every uploaded row is unprocessed, and the other two sets are a header row only.
 */
char *
lo_ingest_result_path (LoJob           *job,
                       LoIngestResult   which,
                       char           **prefix)
{
  char *path = lo_job_get_path (job, result_names[which]);

  *prefix = NULL;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  g_free (path);
  if (which == LO_INGEST_RESULT_UNPROCESSED)
    {
      path = lo_ingest_upload_path (job, 1);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
  *prefix = upload_header_line (job, which);
  return NULL;
}

static gboolean
open_segment (Run               *run,
              const char        *name,
              char             **path,
              GOutputStream    **out,
              FreightCsvWriter **writer,
              GError           **error)
{
  FILE *file;

  *path = lo_job_get_path (run->job, name);
  file = fopen (*path, "wb");
  if (file == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Cannot write %s", *path);
      return FALSE;
    }
  fclose (file);
  {
    g_autoptr(GFile) f = g_file_new_for_path (*path);

    *out = G_OUTPUT_STREAM (g_file_replace (f, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error));
  }
  if (*out == NULL)
    return FALSE;
  *writer = freight_csv_writer_new (*out, run->dialect.delimiter, run->dialect.line_ending,
                                    FREIGHT_CSV_QUOTE_ALWAYS);
  return TRUE;
}

static void
run_clear (Run *run)
{
  g_strfreev (run->header);
  g_clear_pointer (&run->plan, lo_ingest_plan_free);
  g_clear_pointer (&run->bytes, g_byte_array_unref);
  g_clear_pointer (&run->offsets, g_array_unref);
  g_clear_pointer (&run->lengths, g_array_unref);
  g_clear_pointer (&run->row_starts, g_array_unref);
  g_clear_pointer (&run->row_errors, g_ptr_array_unref);
  g_clear_object (&run->success);
  g_clear_object (&run->failed);
  g_clear_object (&run->unprocessed);
  g_clear_object (&run->success_out);
  g_clear_object (&run->failed_out);
  g_clear_object (&run->unprocessed_out);
  g_clear_pointer (&run->success_segments, g_array_unref);
  g_clear_pointer (&run->failed_segments, g_array_unref);
  if (run->success_seg != NULL)
    g_unlink (run->success_seg);
  if (run->failed_seg != NULL)
    g_unlink (run->failed_seg);
  if (run->unprocessed_seg != NULL)
    g_unlink (run->unprocessed_seg);
  g_free (run->success_seg);
  g_free (run->failed_seg);
  g_free (run->unprocessed_seg);
}

static void
write_echo (Run        *run,
            FreightCsvWriter *writer,
            guint       row,
            gboolean    normalize)
{
  guint first = g_array_index (run->row_starts, guint, row);
  guint end = row + 1 < run->row_starts->len ? g_array_index (run->row_starts, guint, row + 1)
                                             : run->offsets->len;

  for (guint c = 0; c < run->n_columns; c++)
    {
      const char *value = "";
      gsize len = 0;

      if (first + c < end)
        {
          value = (const char *) run->bytes->data + g_array_index (run->offsets, gsize, first + c);
          len = g_array_index (run->lengths, gsize, first + c);
        }
      if (normalize && run->plan != NULL && c < run->plan->columns->len
          && ((LoColumn *) run->plan->columns->pdata[c])->normalize_echo && len > 0)
        {
          double d;

          if (lo_parse_double (value, &d))
            {
              char buf[40];

              lo_format_java_double (d, buf, sizeof buf);
              freight_csv_writer_add_field (writer, buf, -1);
              continue;
            }
        }
      freight_csv_writer_add_field (writer, value, len);
    }
}

static gboolean
end_row (FreightCsvWriter *writer)
{
  return freight_csv_writer_end_row (writer, NULL, NULL);
}

/* Reads up to one internal batch of rows. Returns FALSE on a fatal reader error. */
static gboolean
read_batch (Run               *run,
            FreightCsvReader  *reader,
            gboolean          *eof,
            char             **fatal)
{
  g_byte_array_set_size (run->bytes, 0);
  g_array_set_size (run->offsets, 0);
  g_array_set_size (run->lengths, 0);
  g_array_set_size (run->row_starts, 0);
  g_ptr_array_set_size (run->row_errors, 0);

  while (run->row_starts->len < LO_INTERNAL_BATCH_SIZE)
    {
      g_autoptr(GError) error = NULL;
      guint start = run->offsets->len;
      gboolean ok = freight_csv_reader_next_row (reader, NULL, &error);

      if (!ok && error == NULL)
        {
          *eof = TRUE;
          return TRUE;
        }
      if (!ok && !freight_csv_error_is_row_level (error))
        {
          *fatal = g_strdup_printf ("InvalidBatch : %s", error->message);
          return FALSE;
        }
      g_array_append_val (run->row_starts, start);
      g_ptr_array_add (run->row_errors, ok ? NULL : g_strdup (error->message));
      for (guint i = 0; i < freight_csv_reader_get_n_fields (reader); i++)
        {
          gsize len;
          const char *value = freight_csv_reader_get_field (reader, i, &len);
          gsize offset = run->bytes->len;

          g_byte_array_append (run->bytes, (const guint8 *) value, len);
          g_byte_array_append (run->bytes, (const guint8 *) "", 1);
          g_array_append_val (run->offsets, offset);
          g_array_append_val (run->lengths, len);
        }
    }
  return TRUE;
}

static gboolean
stop_requested (Run *run)
{
  LoJobState state = lo_job_get_state (run->job);

  return state == LO_JOB_ABORTED || run->job->deleted
         || g_atomic_int_get (run->context->stopping);
}

/* --rows-per-second: waits until @done rows are due, watching for an abort. */
static gboolean
throttle (Run    *run,
          gint64  done)
{
  guint rps = run->context->config->rows_per_second;
  gint64 due;

  if (rps == 0)
    return TRUE;
  due = run->started_usec + done * G_USEC_PER_SEC / rps;
  while (g_get_monotonic_time () < due)
    {
      if (stop_requested (run))
        return FALSE;
      g_usleep (MIN (due - g_get_monotonic_time (), 50000));
    }
  return TRUE;
}

static void
write_unprocessed_batch (Run *run,
                         guint from)
{
  for (guint r = from; r < run->row_starts->len; r++)
    {
      write_echo (run, run->unprocessed, r, FALSE);
      end_row (run->unprocessed);
    }
}

/* Applies one batch in one transaction. Returns FALSE if the job must stop (abort,
 * shutdown) after @rows_done rows of the batch; the rest are then unprocessed. */
static gboolean
apply_batch (Run    *run,
             LoDml  *dml,
             guint  *rows_done,
             char  **fatal)
{
  g_autoptr(GString) error_text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree const char **values = g_new0 (const char *, run->n_columns + 1);
  g_autofree gsize *lengths = g_new0 (gsize, run->n_columns + 1);
  guint64 success_start = freight_csv_writer_get_bytes_written (run->success);
  guint64 failed_start = freight_csv_writer_get_bytes_written (run->failed);
  gint64 batch_start = g_get_monotonic_time ();
  gint64 failed = 0;
  guint n_rows = run->row_starts->len;
  gboolean stopped = FALSE;
  guint r;

  if (!lo_dml_begin (dml, &error))
    {
      *fatal = g_strdup_printf ("InternalServerError : %s", error->message);
      return FALSE;
    }
  for (r = 0; r < n_rows; r++)
    {
      LoDmlRow row;
      guint first = g_array_index (run->row_starts, guint, r);
      guint end = r + 1 < n_rows ? g_array_index (run->row_starts, guint, r + 1)
                                 : run->offsets->len;

      for (guint c = 0; c < run->n_columns; c++)
        {
          values[c] = first + c < end ? (const char *) run->bytes->data
                                        + g_array_index (run->offsets, gsize, first + c) : "";
          lengths[c] = first + c < end ? g_array_index (run->lengths, gsize, first + c) : 0;
        }
      row.values = values;
      row.lengths = lengths;
      row.n_values = run->n_columns;
      if (run->row_errors->pdata[r] == NULL)
        lo_dml_note_key (dml, &row);
    }
  for (r = 0; r < n_rows; r++)
    {
      LoDmlRow row;
      char id[19];
      gboolean created;
      gboolean ok;
      guint first = g_array_index (run->row_starts, guint, r);
      guint end = r + 1 < n_rows ? g_array_index (run->row_starts, guint, r + 1)
                                 : run->offsets->len;

      if ((r % 100) == 0 && run->context->config->rows_per_second > 0 && r > 0)
        {
          /* A throttled job commits what it has before it waits, so the write lock is
           * not held while it sleeps and other jobs and API calls go on meanwhile (a real
           * org commits in chunks of 200 records, not whole batches, either). */
          gboolean go_on;

          if (!lo_dml_pause (dml, &error))
            {
              lo_dml_rollback (dml);
              *fatal = g_strdup_printf ("InternalServerError : %s", error->message);
              return FALSE;
            }
          go_on = throttle (run, run->n_processed + r) && !stop_requested (run);
          if (!lo_dml_resume (dml, &error))
            {
              *fatal = g_strdup_printf ("InternalServerError : %s", error->message);
              return FALSE;
            }
          if (!go_on)
            {
              stopped = TRUE;
              break;
            }
        }
      else if ((r % 100) == 0
               && (!throttle (run, run->n_processed + r) || stop_requested (run)))
        {
          stopped = TRUE;
          break;
        }
      for (guint c = 0; c < run->n_columns; c++)
        {
          values[c] = first + c < end ? (const char *) run->bytes->data
                                        + g_array_index (run->offsets, gsize, first + c) : "";
          lengths[c] = first + c < end ? g_array_index (run->lengths, gsize, first + c) : 0;
        }
      row.values = values;
      row.lengths = lengths;
      row.n_values = run->n_columns;
      if (run->row_errors->pdata[r] != NULL)
        {
          /* A row the CSV reader could not read as the header says (this org's text). */
          g_string_printf (error_text, "INVALID_INPUT:%s:--",
                           (char *) run->row_errors->pdata[r]);
          id[0] = '\0';
          ok = FALSE;
        }
      else
        ok = lo_dml_apply (dml, &row, id, &created, error_text);
      if (ok)
        {
          freight_csv_writer_add_field (run->success, id, -1);
          freight_csv_writer_add_field (run->success, created ? "true" : "false", -1);
          write_echo (run, run->success, r, run->normalize);
          end_row (run->success);
        }
      else
        {
          freight_csv_writer_add_field (run->failed, id, -1);
          freight_csv_writer_add_field (run->failed, error_text->str, error_text->len);
          write_echo (run, run->failed, r, run->normalize);
          end_row (run->failed);
          failed++;
        }
    }
  if (!lo_dml_commit (dml, &error))
    {
      lo_dml_rollback (dml);
      *fatal = g_strdup_printf ("InternalServerError : %s", error->message);
      return FALSE;
    }
  freight_csv_writer_flush (run->success, NULL, NULL);
  freight_csv_writer_flush (run->failed, NULL, NULL);
  {
    Segment s = { success_start, freight_csv_writer_get_bytes_written (run->success)
                                 - success_start };
    Segment f = { failed_start, freight_csv_writer_get_bytes_written (run->failed)
                                - failed_start };

    g_array_append_val (run->success_segments, s);
    g_array_append_val (run->failed_segments, f);
  }
  run->n_processed += r;
  run->n_failed += failed;
  lo_job_add_counts (run->job, r, failed, (g_get_monotonic_time () - batch_start) / 1000);
  g_atomic_int_inc (&run->context->counters->bulk_batches);
  lo_job_save (run->job, NULL);
  *rows_done = r;
  return !stopped;
}

static void
write_header_line (FILE       *out,
                   Run        *run,
                   const char *first,
                   const char *second)
{
  if (first != NULL)
    fprintf (out, "\"%s\"%c\"%s\"", first, run->dialect.delimiter, second);
  for (guint i = 0; i < run->n_columns; i++)
    {
      if (first != NULL || i > 0)
        fputc (run->dialect.delimiter, out);
      fputs (run->header[i], out);
    }
  fputs (run->eol, out);
}

static void
copy_range (FILE   *in,
            FILE   *out,
            goffset start,
            goffset length)
{
  char buf[64 * 1024];

  if (fseeko (in, start, SEEK_SET) != 0)
    return;
  while (length > 0)
    {
      size_t n = fread (buf, 1, MIN ((goffset) sizeof buf, length), in);

      if (n == 0)
        break;
      fwrite (buf, 1, n, out);
      length -= n;
    }
}

/* Joins a result set's segments into its final file, in batch-completion order. */
static void
assemble (Run        *run,
          LoIngestResult which,
          const char *seg_path,
          GArray     *segments,
          const char *first,
          const char *second)
{
  g_autofree char *final = lo_job_get_path (run->job, result_names[which]);
  g_autofree char *tmp = g_strconcat (final, ".tmp", NULL);
  g_autofree guint *order = g_new (guint, MAX (1, segments ? segments->len : 1));
  FILE *in = seg_path ? fopen (seg_path, "rb") : NULL;
  FILE *out = fopen (tmp, "wb");
  guint n = segments ? segments->len : 0;

  if (out == NULL)
    {
      if (in != NULL)
        fclose (in);
      return;
    }
  write_header_line (out, run, first, second);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  if (run->normalize && n > 1)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (run->context->config->seed
                                                    ^ g_str_hash (run->job->id));

      gboolean identity = TRUE;

      for (guint i = n - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (rand, 0, i + 1);
          guint t = order[i];

          order[i] = order[j];
          order[j] = t;
        }
      /* Parallel batches seldom finish in input order; never pretend they did. */
      for (guint i = 0; i < n && identity; i++)
        identity = order[i] == i;
      if (identity)
        {
          order[0] = 1;
          order[1] = 0;
        }
    }
  if (in != NULL)
    {
      if (segments == NULL)
        {
          GStatBuf st;

          if (g_stat (seg_path, &st) == 0)
            copy_range (in, out, 0, st.st_size);
        }
      for (guint i = 0; i < n; i++)
        {
          Segment *s = &g_array_index (segments, Segment, order[i]);

          copy_range (in, out, s->start, s->length);
        }
      fclose (in);
    }
  fclose (out);
  g_rename (tmp, final);
}

static void
finish_results (Run *run)
{
  if (run->success != NULL)
    freight_csv_writer_flush (run->success, NULL, NULL);
  if (run->failed != NULL)
    freight_csv_writer_flush (run->failed, NULL, NULL);
  if (run->unprocessed != NULL)
    freight_csv_writer_flush (run->unprocessed, NULL, NULL);
  g_clear_object (&run->success);
  g_clear_object (&run->failed);
  g_clear_object (&run->unprocessed);
  if (run->success_out != NULL)
    g_output_stream_close (run->success_out, NULL, NULL);
  if (run->failed_out != NULL)
    g_output_stream_close (run->failed_out, NULL, NULL);
  if (run->unprocessed_out != NULL)
    g_output_stream_close (run->unprocessed_out, NULL, NULL);
  assemble (run, LO_INGEST_RESULT_SUCCESS, run->success_seg, run->success_segments,
            "sf__Id", "sf__Created");
  assemble (run, LO_INGEST_RESULT_FAILED, run->failed_seg, run->failed_segments,
            "sf__Id", "sf__Error");
  assemble (run, LO_INGEST_RESULT_UNPROCESSED, run->unprocessed_seg, NULL, NULL, NULL);
}

static void
end_job (Run        *run,
         LoJobState  state,
         const char *error_message)
{
  LoJobState old;

  finish_results (run);
  /* An abort that came in while the job ran wins over its end. */
  if (lo_job_transition (run->job, LO_JOB_STATE_BIT (LO_JOB_IN_PROGRESS), state, &old)
      && error_message != NULL)
    lo_job_set_state (run->job, state, error_message);
  lo_job_save (run->job, NULL);
}

/* A job that failed before its first row: every row is unprocessed, counters stay 0/0. */
static void
fail_whole_job (Run        *run,
                const char *message)
{
  g_autofree char *upload = lo_ingest_upload_path (run->job, 1);
  g_autofree char *unprocessed = lo_job_get_path (run->job, result_names[2]);
  g_autoptr(GFile) from = g_file_new_for_path (upload);
  g_autoptr(GFile) to = g_file_new_for_path (unprocessed);

  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL);
  g_clear_pointer (&run->unprocessed_seg, g_free);
  assemble (run, LO_INGEST_RESULT_SUCCESS, NULL, NULL, "sf__Id", "sf__Created");
  assemble (run, LO_INGEST_RESULT_FAILED, NULL, NULL, "sf__Id", "sf__Error");
  lo_job_transition (run->job, LO_JOB_STATE_BIT (LO_JOB_IN_PROGRESS), LO_JOB_FAILED, NULL);
  lo_job_set_state (run->job, lo_job_get_state (run->job), message);
  lo_job_save (run->job, NULL);
}

void
lo_ingest_run (LoJob        *job,
               LoJobContext *context)
{
  Run run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(LoDml) dml = NULL;
  g_autofree char *upload = NULL;
  g_autofree char *job_error = NULL;
  g_autofree char *fatal = NULL;
  LoSchema *schema = lo_store_get_schema (context->store);
  LoOperation operation;
  LoJobState old;
  gboolean eof = FALSE;
  gboolean stopped = FALSE;
  const char * const *names;

  if (!lo_job_transition (job, LO_JOB_STATE_BIT (LO_JOB_UPLOAD_COMPLETE), LO_JOB_IN_PROGRESS,
                          &old))
    return;

  run.job = job;
  run.context = context;
  run.started_usec = g_get_monotonic_time ();
  run.normalize = !context->config->in_order;
  freight_csv_dialect_init (&run.dialect);
  freight_csv_delimiter_from_bulk_name (job->column_delimiter, &run.dialect.delimiter);
  run.dialect.line_ending = g_strcmp0 (job->line_ending, "CRLF") == 0
                            ? FREIGHT_CSV_LINE_ENDING_CRLF : FREIGHT_CSV_LINE_ENDING_LF;
  run.eol = run.dialect.line_ending == FREIGHT_CSV_LINE_ENDING_CRLF ? "\r\n" : "\n";
  run.bytes = g_byte_array_new ();
  run.offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  run.lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  run.row_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  run.row_errors = g_ptr_array_new_with_free_func (g_free);
  run.success_segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  run.failed_segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  run.header = g_new0 (char *, 1);

  if (!open_segment (&run, "success.seg", &run.success_seg, &run.success_out, &run.success,
                     &error)
      || !open_segment (&run, "failed.seg", &run.failed_seg, &run.failed_out, &run.failed,
                        &error)
      || !open_segment (&run, "unprocessed.seg", &run.unprocessed_seg, &run.unprocessed_out,
                        &run.unprocessed, &error))
    {
      g_autofree char *message = g_strdup_printf ("InternalServerError : %s", error->message);

      end_job (&run, LO_JOB_FAILED, message);
      run_clear (&run);
      return;
    }

  upload = lo_ingest_upload_path (job, 1);
  if (job->n_uploads == 0 || !g_file_test (upload, G_FILE_TEST_EXISTS))
    {
      /* Closed without data: nothing to do, as a real job with an empty upload. */
      end_job (&run, LO_JOB_JOB_COMPLETE, NULL);
      run_clear (&run);
      return;
    }
  file = g_file_new_for_path (upload);
  reader = freight_csv_reader_new_for_file (file, &run.dialect, FREIGHT_CSV_READER_FLAGS_NONE,
                                            NULL, &error);
  if (reader == NULL || !freight_csv_reader_read_header (reader, NULL, &error))
    {
      if (error != NULL && g_error_matches (error, FREIGHT_CSV_ERROR,
                                            FREIGHT_CSV_ERROR_EMPTY_FILE))
        end_job (&run, LO_JOB_JOB_COMPLETE, NULL);
      else
        {
          g_autofree char *message = g_strdup_printf ("InvalidBatch : %s",
                                                      error ? error->message : "unreadable");

          fail_whole_job (&run, message);
        }
      run_clear (&run);
      return;
    }
  run.n_columns = freight_csv_reader_get_n_columns (reader);
  names = freight_csv_reader_get_column_names (reader);
  g_strfreev (run.header);
  run.header = g_strdupv ((char **) names);
  lo_operation_from_string (job->operation, &operation);
  run.plan = lo_ingest_plan_new (schema, lo_schema_lookup_object (schema, job->object),
                                 operation, job->external_id_field,
                                 (const char * const *) run.header, run.n_columns, &job_error);
  if (run.plan == NULL)
    {
      fail_whole_job (&run, job_error);
      run_clear (&run);
      return;
    }
  dml = lo_dml_new (context->store, run.plan, job->created_by, context->config->faults, &error);
  if (dml == NULL)
    {
      g_autofree char *message = g_strdup_printf ("InternalServerError : %s", error->message);

      fail_whole_job (&run, message);
      run_clear (&run);
      return;
    }

  while (!eof && !stopped)
    {
      guint done = 0;

      if (!read_batch (&run, reader, &eof, &fatal))
        break;
      if (run.row_starts->len == 0)
        break;
      if (stop_requested (&run))
        {
          write_unprocessed_batch (&run, 0);
          stopped = TRUE;
          break;
        }
      if (!apply_batch (&run, dml, &done, &fatal))
        {
          write_unprocessed_batch (&run, done);
          stopped = TRUE;
        }
    }
  /* Rows after an abort, a shutdown or a fatal error are unprocessed. */
  while (stopped && !eof && fatal == NULL && read_batch (&run, reader, &eof, &fatal)
         && run.row_starts->len > 0)
    write_unprocessed_batch (&run, 0);

  if (fatal != NULL)
    end_job (&run, LO_JOB_FAILED, fatal);
  else if (g_atomic_int_get (context->stopping) && lo_job_get_state (job) == LO_JOB_IN_PROGRESS)
    end_job (&run, LO_JOB_FAILED, "InternalServerError : the org shut down while the job ran");
  else
    end_job (&run, LO_JOB_JOB_COMPLETE, NULL);
  run_clear (&run);
}
