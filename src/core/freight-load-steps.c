/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-load"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-http-error.h"
#include "freight-load-private.h"
#include "freight-operation.h"

/* The blocking steps of a part, run on the load's pool (design.md §4.2–4.5). Each works
 * on a copy of the part's record that only its thread touches, saves every step in the
 * journal before and after it happens, and leaves the record at the last step done, so
 * that the scheduler (or a resumed run) knows exactly what to do next:
 *
 *   PREPARED/CREATING → create a job                         → CREATED
 *   CREATED          → PUT the part (UPLOADING while it runs) → UPLOADED
 *   UPLOADING        → the job may hold any part of the data: abort it, new job
 *   UPLOADED         → PATCH UploadComplete (CLOSING)          → CLOSED
 *   CLOSING          → GET the job: still Open → close again; later → CLOSED
 *   CLOSED           → poll                                    → ENDED
 *   ENDED            → download the results (DOWNLOADING)      → DOWNLOADED
 *   DOWNLOADED       → join them to the rows                   → RECONCILED
 *   RECONCILED       → append the rows to the result files     → WRITTEN
 *
 * A job that may have received data is never given the part again: a new job is. So no
 * row is processed twice, whatever the operation. */

/* Uploads that fail (after the HTTP layer's retries) before the run gives up. */
#define MAX_JOBS_PER_PART   3
#define MAX_CREATE_ATTEMPTS 5
#define CREATE_RETRY_MS     500

gboolean
_freight_load_save_part (FreightLoadRun     *run,
                         FreightPartRecord  *rec,
                         FreightPartStep     step,
                         const char         *detail,
                         GError            **error)
{
  rec->step = step;
  return _freight_load_journal_save_part (run->journal, run->record->id, rec, detail, error);
}

static gboolean
save_job (FreightLoadRun     *run,
          FreightPartRecord  *rec,
          const char         *state,
          GError            **error)
{
  return _freight_load_journal_save_job (run->journal, run->record->id, rec->info.number,
                                         rec->job_id, state, error);
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/**
 * _freight_load_set_job_end:
 *
 * Copies what the part's record keeps of a job: its state and counters, and its error
 * message once Failed.
 */
void
_freight_load_set_job_end (FreightPartRecord *rec,
                           FreightBulkJob    *job)
{
  gint64 processed = freight_bulk_job_get_number_records_processed (job);
  gint64 failed = freight_bulk_job_get_number_records_failed (job);

  set_string (&rec->job_state, freight_bulk_job_get_state_name (job));
  if (processed >= 0)
    rec->n_processed = processed;
  if (failed >= 0)
    rec->n_failed = failed;
  if (freight_bulk_job_get_state (job) == FREIGHT_BULK_JOB_STATE_FAILED)
    set_string (&rec->job_error, freight_bulk_job_get_error_message (job));
  if (freight_bulk_job_is_terminal (job) && rec->ended_at == 0)
    rec->ended_at = g_get_real_time ();
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
add_diagnostic (FreightLoadRun          *run,
                FreightProblemSeverity   severity,
                guint                    part,
                const char              *message)
{
  g_mutex_lock (&run->lock);
  g_ptr_array_add (run->snapshot.diagnostics,
                   freight_load_diagnostic_new (severity, part, 0, message));
  g_mutex_unlock (&run->lock);
}

/* --- Starting a job --- */

/* A failure that may go away: a lost connection, a 5xx, a 429. */
static gboolean
is_transient (const GError *error)
{
  return g_error_matches (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_SERVER) ||
         g_error_matches (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_RATE_LIMITED) ||
         (error != NULL && error->domain == FREIGHT_HTTP_ERROR &&
          error->code != FREIGHT_HTTP_ERROR_INVALID_URL &&
          error->code != FREIGHT_HTTP_ERROR_INSECURE &&
          error->code != FREIGHT_HTTP_ERROR_CA_FILE);
}

static gboolean
sleep_cancellable (guint          ms,
                   GCancellable  *cancellable,
                   GError       **error)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (MIN (50000, MAX (until - g_get_monotonic_time (), 0)));
    }
  return TRUE;
}

/* An answer of the org that trying again will not change (as opposed to a lost
 * connection, a 5xx, a 429 or a session to renew). */
static gboolean
is_refusal (const GError *error)
{
  if (error == NULL || error->domain != FREIGHT_API_ERROR)
    return error != NULL && error->domain == FREIGHT_BULK_ERROR &&
           error->code == FREIGHT_BULK_ERROR_INVALID_ARGUMENT;
  return error->code != FREIGHT_API_ERROR_UNAUTHORIZED &&
         error->code != FREIGHT_API_ERROR_RATE_LIMITED &&
         error->code != FREIGHT_API_ERROR_SERVER &&
         error->code != FREIGHT_API_ERROR_INVALID_RESPONSE;
}

static gboolean
create_job (FreightLoadRun     *run,
            FreightPartRecord  *rec,
            GCancellable       *cancellable,
            GError            **error)
{
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(GError) local = NULL;
  FreightOperation operation;
  FreightBulkOperation bulk_operation;

  if (rec->attempts >= MAX_JOBS_PER_PART)
    {
      g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_JOB,
                   _("Part %u could not be sent after %u jobs; see the messages above. "
                     "Resume the load once the connection to the org works again."),
                   rec->info.number, rec->attempts);
      return FALSE;
    }
  if (!_freight_load_save_part (run, rec, FREIGHT_PART_STEP_CREATING, NULL, error))
    return FALSE;

  freight_operation_from_string (run->record->operation, &operation);
  bulk_operation = freight_bulk_operation_from_string (freight_operation_to_string (operation));
  /* A create is not retried by the HTTP layer (a repeat could make a second job), but a
   * second job that never gets data is harmless: it stays Open and empty. So a create
   * that failed on the way is tried again here. */
  for (guint attempt = 0; ; attempt++)
    {
      g_clear_error (&local);
      job = freight_bulk_client_create_ingest_job (run->client, run->record->object,
                                                   bulk_operation, run->record->external_id,
                                                   run->record->job_delimiter,
                                                   run->record->job_line_ending, NULL,
                                                   cancellable, &local);
      if (job != NULL || attempt + 1 >= MAX_CREATE_ATTEMPTS || !is_transient (local) ||
          !sleep_cancellable (CREATE_RETRY_MS << attempt, cancellable, error))
        break;
    }
  if (job == NULL && local == NULL)
    return FALSE;   /* cancelled while waiting */
  if (job == NULL && is_refusal (local))
    {
      /* The org will not run this job (no permission, an object the Bulk API refuses…):
       * a job-level failure, like a job that ends Failed. The part's rows go to
       * unprocessed.csv with the org's reason; the other parts try for themselves. */
      set_string (&rec->job_state, "Failed");
      set_string (&rec->job_error, local->message);
      rec->ended_at = g_get_real_time ();
      add_diagnostic (run, FREIGHT_PROBLEM_ERROR, rec->info.number, local->message);
      return _freight_load_save_part (run, rec, FREIGHT_PART_STEP_ENDED, local->message, error);
    }
  if (job == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  set_string (&rec->job_id, freight_bulk_job_get_id (job));
  set_string (&rec->job_state, freight_bulk_job_get_state_name (job));
  g_clear_pointer (&rec->job_error, g_free);
  rec->n_processed = rec->n_failed = 0;
  rec->attempts++;
  rec->created_at = g_get_real_time ();
  rec->ended_at = 0;
  return save_job (run, rec, "open", error) &&
         _freight_load_save_part (run, rec, FREIGHT_PART_STEP_CREATED, rec->job_id, error);
}

typedef enum
{
  ABANDON_FAILED,
  ABANDON_DONE,        /* back to PREPARED: a new job comes next */
  ABANDON_WAS_CLOSED,  /* the job was closed after all: CLOSED, to be polled */
} AbandonResult;

/* The part's job may hold some of its data, or all of it twice: it must never process.
 * Aborts it and takes the part back to PREPARED for a new job, unless the job turns out
 * to be closed already (then it is polled like any other). */
static AbandonResult
abandon_job (FreightLoadRun     *run,
             FreightPartRecord  *rec,
             const char         *why,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *message = NULL;

  job = freight_bulk_client_abort_job (run->client, FREIGHT_BULK_JOB_KIND_INGEST, rec->job_id,
                                       cancellable, &local);
  if (job == NULL && g_error_matches (local, FREIGHT_API_ERROR, FREIGHT_API_ERROR_NOT_FOUND))
    g_clear_error (&local);
  else if (job == NULL && local->domain == FREIGHT_API_ERROR)
    {
      /* Refused: is the job past Open already? */
      g_clear_error (&local);
      job = freight_bulk_client_get_job (run->client, FREIGHT_BULK_JOB_KIND_INGEST,
                                         rec->job_id, cancellable, error);
      if (job == NULL)
        return ABANDON_FAILED;
      if (freight_bulk_job_get_state (job) != FREIGHT_BULK_JOB_STATE_OPEN &&
          freight_bulk_job_get_state (job) != FREIGHT_BULK_JOB_STATE_ABORTED)
        {
          _freight_load_set_job_end (rec, job);
          if (!_freight_load_save_part (run, rec, FREIGHT_PART_STEP_CLOSED, rec->job_id, error))
            return ABANDON_FAILED;
          return ABANDON_WAS_CLOSED;
        }
    }
  else if (job == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return ABANDON_FAILED;
    }

  message = g_strdup_printf (_("Part %u: %s; its job %s was aborted and the part is sent "
                               "again through a new job."), rec->info.number, why,
                             rec->job_id);
  add_diagnostic (run, FREIGHT_PROBLEM_WARNING, rec->info.number, message);
  if (!save_job (run, rec, "abandoned", error))
    return ABANDON_FAILED;
  g_clear_pointer (&rec->job_id, g_free);
  g_clear_pointer (&rec->job_state, g_free);
  if (!_freight_load_save_part (run, rec, FREIGHT_PART_STEP_PREPARED, message, error))
    return ABANDON_FAILED;
  return ABANDON_DONE;
}

static void
upload_progress (guint64  uploaded,
                 guint64  upload_total,
                 guint64  downloaded,
                 guint64  download_total,
                 gpointer user_data)
{
  FreightLoadPart *part = user_data;

  g_atomic_pointer_set ((gpointer *) &part->bytes_uploaded, (gpointer) (guintptr) uploaded);
}

static gboolean
upload (FreightLoadRun     *run,
        FreightPartRecord  *rec,
        FreightLoadPart    *part,
        GCancellable       *cancellable,
        GError            **error)
{
  g_autoptr(FreightSpoolPart) spool = _freight_load_spool_part (run, rec);
  g_autoptr(GFile) file = freight_spool_part_get_file (spool, FREIGHT_SPOOL_FILE_CSV);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) local = NULL;

  if (!save_job (run, rec, "uploading", error) ||
      !_freight_load_save_part (run, rec, FREIGHT_PART_STEP_UPLOADING, rec->job_id, error))
    return FALSE;

  g_atomic_pointer_set ((gpointer *) &part->bytes_uploaded, NULL);
  if (freight_bulk_client_upload_job_data (run->client, rec->job_id, path, upload_progress,
                                           part, cancellable, &local))
    {
      g_atomic_pointer_set ((gpointer *) &part->bytes_uploaded,
                            (gpointer) (guintptr) rec->info.bytes);
      return save_job (run, rec, "uploaded", error) &&
             _freight_load_save_part (run, rec, FREIGHT_PART_STEP_UPLOADED, rec->job_id, error);
    }
  if (is_cancelled (local))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  /* The org may have any part of the data: this job must never run. */
  g_atomic_pointer_set ((gpointer *) &part->bytes_uploaded, NULL);
  return abandon_job (run, rec, local->message, cancellable, error) != ABANDON_FAILED;
}

static gboolean
close_job (FreightLoadRun     *run,
           FreightPartRecord  *rec,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(GError) local = NULL;
  gboolean refused;

  if (rec->step != FREIGHT_PART_STEP_CLOSING)
    {
      if (!_freight_load_save_part (run, rec, FREIGHT_PART_STEP_CLOSING, rec->job_id, error))
        return FALSE;
      job = freight_bulk_client_close_job (run->client, rec->job_id, cancellable, &local);
      if (job != NULL)
        {
          _freight_load_set_job_end (rec, job);
          return save_job (run, rec, "closed", error) &&
                 _freight_load_save_part (run, rec, FREIGHT_PART_STEP_CLOSED, rec->job_id,
                                          error);
        }
      if (is_cancelled (local))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }

  /* The answer was lost (a dropped connection, a 5xx: the PATCH may have been applied),
   * or the org refused: what became of the job? */
  refused = is_refusal (local);
  job = freight_bulk_client_get_job (run->client, FREIGHT_BULK_JOB_KIND_INGEST, rec->job_id,
                                     cancellable, error);
  if (job == NULL)
    return FALSE;

  if (freight_bulk_job_get_state (job) == FREIGHT_BULK_JOB_STATE_OPEN)
    {
      if (refused)
        return abandon_job (run, rec, local->message, cancellable, error) != ABANDON_FAILED;
      /* Not closed: close it again (the loop comes back here). */
      return _freight_load_save_part (run, rec, FREIGHT_PART_STEP_UPLOADED, local != NULL
                                        ? local->message : NULL, error);
    }
  if (freight_bulk_job_get_state (job) == FREIGHT_BULK_JOB_STATE_ABORTED &&
      rec->step == FREIGHT_PART_STEP_CLOSING && refused)
    return abandon_job (run, rec, local->message, cancellable, error) != ABANDON_FAILED;

  _freight_load_set_job_end (rec, job);
  return save_job (run, rec, "closed", error) &&
         _freight_load_save_part (run, rec, FREIGHT_PART_STEP_CLOSED, rec->job_id, error);
}

/**
 * _freight_load_step_start:
 * @rec: the part's record, at PREPARED, CREATING, CREATED, UPLOADING, UPLOADED or CLOSING
 * @part: the scheduler's part, for the upload progress
 *
 * Takes the part to a closed job (CLOSED). On an error the record is at the last step
 * done.
 */
gboolean
_freight_load_step_start (FreightLoadRun     *run,
                          FreightPartRecord  *rec,
                          FreightLoadPart    *part,
                          GCancellable       *cancellable,
                          GError            **error)
{
  while (rec->step < FREIGHT_PART_STEP_CLOSED)
    {
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      switch (rec->step)
        {
        case FREIGHT_PART_STEP_PREPARED:
        case FREIGHT_PART_STEP_CREATING:
          /* A job whose create answer was lost is Open and empty: it never runs. */
          ok = create_job (run, rec, cancellable, error);
          break;

        case FREIGHT_PART_STEP_CREATED:
          ok = upload (run, rec, part, cancellable, error);
          break;

        case FREIGHT_PART_STEP_UPLOADING:
          ok = abandon_job (run, rec, _("its upload was interrupted"), cancellable,
                            error) != ABANDON_FAILED;
          break;

        case FREIGHT_PART_STEP_UPLOADED:
        case FREIGHT_PART_STEP_CLOSING:
          ok = close_job (run, rec, cancellable, error);
          break;

        case FREIGHT_PART_STEP_PREPARING:
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* --- Polling and aborting --- */

FreightBulkJob *
_freight_load_step_poll (FreightLoadRun  *run,
                         const char      *job_id,
                         GCancellable    *cancellable,
                         GError         **error)
{
  return freight_bulk_client_get_job (run->client, FREIGHT_BULK_JOB_KIND_INGEST, job_id,
                                      cancellable, error);
}

/**
 * _freight_load_step_abort:
 * @rec: a part with a job (CREATED … CLOSED, or ABORTING)
 *
 * The load is being cancelled: aborts the part's job and records how it ended (a job
 * that completed meanwhile keeps its results).
 */
gboolean
_freight_load_step_abort (FreightLoadRun     *run,
                          FreightPartRecord  *rec,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (rec->job_id != NULL, FALSE);

  if (!_freight_load_save_part (run, rec, FREIGHT_PART_STEP_ABORTING, rec->job_id, error))
    return FALSE;
  job = freight_bulk_client_abort_job (run->client, FREIGHT_BULK_JOB_KIND_INGEST, rec->job_id,
                                       cancellable, &local);
  if (job == NULL || !freight_bulk_job_is_terminal (job))
    {
      if (local != NULL && local->domain != FREIGHT_API_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      /* Ended already, or the answer was short: ask. */
      g_clear_object (&job);
      job = freight_bulk_client_get_job (run->client, FREIGHT_BULK_JOB_KIND_INGEST,
                                         rec->job_id, cancellable, error);
      if (job == NULL)
        return FALSE;
    }
  _freight_load_set_job_end (rec, job);
  if (!freight_bulk_job_is_terminal (job))
    return _freight_load_save_part (run, rec, FREIGHT_PART_STEP_CLOSED, rec->job_id, error);
  if (freight_bulk_job_get_state (job) == FREIGHT_BULK_JOB_STATE_ABORTED)
    set_string (&rec->job_error, _("job aborted: the load was cancelled"));
  return save_job (run, rec, "ended", error) &&
         _freight_load_save_part (run, rec, FREIGHT_PART_STEP_ENDED, rec->job_state, error);
}

/* --- Results --- */

FreightSpoolPart *
_freight_load_spool_part (FreightLoadRun          *run,
                          const FreightPartRecord *rec)
{
  FreightSpoolPart *spool = freight_spool_part_new (run->spool_dir, rec->info.number);
  FreightJobEndState end = FREIGHT_JOB_END_ABORTED;

  freight_spool_part_set_dialect (spool, run->record->job_delimiter,
                                  run->record->job_line_ending);
  freight_spool_part_set_column_kinds (spool, run->kinds, run->n_kinds);
  freight_spool_part_set_source_range (spool, rec->info.first_record, rec->info.last_record,
                                       rec->info.offset, rec->info.line);
  if (g_strcmp0 (rec->job_state, "JobComplete") == 0 || rec->info.n_rows == 0)
    end = FREIGHT_JOB_END_COMPLETE;
  else if (g_strcmp0 (rec->job_state, "Failed") == 0)
    end = FREIGHT_JOB_END_FAILED;
  freight_spool_part_set_job_end (spool, end, rec->job_error);
  return spool;
}

static gboolean
download (FreightLoadRun     *run,
          FreightPartRecord  *rec,
          FreightSpoolPart   *spool,
          GCancellable       *cancellable,
          GError            **error)
{
  static const struct
  {
    FreightBulkResults results;
    FreightSpoolFile   file;
  } sets[] = {
    { FREIGHT_BULK_RESULTS_SUCCESSFUL, FREIGHT_SPOOL_FILE_SUCCESS },
    { FREIGHT_BULK_RESULTS_FAILED, FREIGHT_SPOOL_FILE_FAILED },
    { FREIGHT_BULK_RESULTS_UNPROCESSED, FREIGHT_SPOOL_FILE_UNPROCESSED },
  };

  if (!_freight_load_save_part (run, rec, FREIGHT_PART_STEP_DOWNLOADING, rec->job_id, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autoptr(GFile) file = freight_spool_part_get_file (spool, sets[i].file);
      g_autofree char *path = g_file_get_path (file);

      if (!freight_bulk_client_download_results (run->client, rec->job_id, sets[i].results,
                                                 path, NULL, NULL, cancellable, error))
        return FALSE;
    }
  return _freight_load_save_part (run, rec, FREIGHT_PART_STEP_DOWNLOADED, rec->job_id, error);
}

static void
report_reconcile (FreightLoadRun         *run,
                  const FreightPartRecord *rec,
                  FreightReconcileResult *result)
{
  guint n;
  const FreightReconcileDiagnostic *diagnostics =
    freight_reconcile_result_get_diagnostics (result, &n);

  g_mutex_lock (&run->lock);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (run->snapshot.diagnostics,
                     freight_load_diagnostic_new (diagnostics[i].severity ==
                                                    FREIGHT_RECONCILE_SEVERITY_ERROR
                                                    ? FREIGHT_PROBLEM_ERROR
                                                    : FREIGHT_PROBLEM_WARNING,
                                                  rec->info.number, diagnostics[i].record,
                                                  diagnostics[i].message));
  g_mutex_unlock (&run->lock);
}

/**
 * _freight_load_step_results:
 * @rec: a part whose job ended (ENDED, DOWNLOADING, DOWNLOADED or later), or one that was
 *   never sent (no job id)
 * @result: (out): the join's counts and diagnostics
 *
 * Downloads the job's three result sets and joins them to the part's rows.
 */
gboolean
_freight_load_step_results (FreightLoadRun           *run,
                            FreightPartRecord        *rec,
                            FreightReconcileResult  **result,
                            GCancellable             *cancellable,
                            GError                  **error)
{
  g_autoptr(FreightSpoolPart) spool = _freight_load_spool_part (run, rec);
  g_autofree char *detail = NULL;

  if (rec->job_id != NULL && rec->step < FREIGHT_PART_STEP_DOWNLOADED &&
      !download (run, rec, spool, cancellable, error))
    return FALSE;

  *result = freight_reconcile_part (spool, cancellable, error);
  if (*result == NULL)
    return FALSE;
  report_reconcile (run, rec, *result);
  detail = g_strdup_printf ("%" G_GUINT64_FORMAT " succeeded, %" G_GUINT64_FORMAT " failed, %"
                            G_GUINT64_FORMAT " unprocessed",
                            freight_reconcile_result_get_n_succeeded (*result),
                            freight_reconcile_result_get_n_failed (*result),
                            freight_reconcile_result_get_n_unprocessed (*result));
  return _freight_load_save_part (run, rec, FREIGHT_PART_STEP_RECONCILED, detail, error);
}

/**
 * _freight_load_step_write:
 * @rec: a reconciled part (RECONCILED or WRITING); the parts before it are written
 *
 * Appends every record of the part's range to the run's result files and saves the files'
 * state with the part in one transaction.
 */
gboolean
_freight_load_step_write (FreightLoadRun          *run,
                          FreightPartRecord       *rec,
                          FreightReconcileResult  *result,
                          GCancellable            *cancellable,
                          GError                 **error)
{
  g_autoptr(FreightSpoolPart) spool = _freight_load_spool_part (run, rec);
  FreightReconcileOutputState state;

  if (!_freight_load_save_part (run, rec, FREIGHT_PART_STEP_WRITING, NULL, error) ||
      !freight_reconcile_output_append_part (run->output, spool, result, cancellable, error))
    return FALSE;
  freight_reconcile_output_get_state (run->output, &state);
  rec->step = FREIGHT_PART_STEP_WRITTEN;
  return _freight_load_journal_part_written (run->journal, run->record->id, rec, &state, error);
}
