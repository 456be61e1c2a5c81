/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a running load shows: the state of each part's job, the counts and fraction of
 * the snapshot handed to FreightLoad, and the run's history at its end. */

#include "config.h"

#include <glib/gi18n.h>

#include "freight-load-private.h"

/**
 * _freight_load_part_ui_state:
 *
 * Returns: the state a part's job shows, from its record
 */
FreightLoadJobState
_freight_load_part_ui_state (const FreightPartRecord *rec)
{
  switch (rec->step)
    {
    case FREIGHT_PART_STEP_PREPARING:
      return FREIGHT_LOAD_JOB_STATE_PREPARING;
    case FREIGHT_PART_STEP_PREPARED:
      return FREIGHT_LOAD_JOB_STATE_WAITING;
    case FREIGHT_PART_STEP_CREATING:
    case FREIGHT_PART_STEP_CREATED:
      return FREIGHT_LOAD_JOB_STATE_CREATING;
    case FREIGHT_PART_STEP_UPLOADING:
      return FREIGHT_LOAD_JOB_STATE_UPLOADING;
    case FREIGHT_PART_STEP_UPLOADED:
    case FREIGHT_PART_STEP_CLOSING:
      return FREIGHT_LOAD_JOB_STATE_CLOSING;
    case FREIGHT_PART_STEP_CLOSED:
      return g_strcmp0 (rec->job_state, "InProgress") == 0
               ? FREIGHT_LOAD_JOB_STATE_IN_PROGRESS : FREIGHT_LOAD_JOB_STATE_QUEUED;
    case FREIGHT_PART_STEP_ABORTING:
      return FREIGHT_LOAD_JOB_STATE_ABORTING;
    case FREIGHT_PART_STEP_ENDED:
    case FREIGHT_PART_STEP_DOWNLOADING:
      return FREIGHT_LOAD_JOB_STATE_DOWNLOADING;
    case FREIGHT_PART_STEP_DOWNLOADED:
    case FREIGHT_PART_STEP_RECONCILED:
    case FREIGHT_PART_STEP_WRITING:
      return FREIGHT_LOAD_JOB_STATE_RECONCILING;
    case FREIGHT_PART_STEP_WRITTEN:
    default:
      if (rec->info.n_rows == 0)
        return FREIGHT_LOAD_JOB_STATE_SKIPPED;
      if (g_strcmp0 (rec->job_state, "JobComplete") == 0)
        return FREIGHT_LOAD_JOB_STATE_COMPLETE;
      if (g_strcmp0 (rec->job_state, "Failed") == 0)
        return FREIGHT_LOAD_JOB_STATE_FAILED;
      return FREIGHT_LOAD_JOB_STATE_ABORTED;
    }
}

/**
 * _freight_load_update_snapshot:
 *
 * Sums the parts' records up into FreightLoadRun:snapshot, under the run's lock: the rows
 * and bytes of each step, every part's job status, and the fraction done. Called from the
 * scheduler thread after each change.
 */
void
_freight_load_update_snapshot (FreightLoadRun *run)
{
  FreightLoadSnapshot *s = &run->snapshot;
  guint64 written = 0;
  guint64 estimated_total;
  double done;

  g_mutex_lock (&run->lock);
  s->rows_prepared = s->rows_skipped = s->rows_uploaded = 0;
  s->rows_processed = s->rows_failed = s->bytes_prepared = s->bytes_uploaded = 0;
  s->n_jobs_failed = 0;
  for (guint i = 0; i < run->parts->len; i++)
    {
      FreightLoadPart *part = g_ptr_array_index (run->parts, i);
      FreightPartRecord *rec = part->rec;
      FreightJobStatus *status;
      guint64 bytes_up = 0, processed = rec->n_processed, failed = rec->n_failed;

      if (i >= s->jobs->len)
        {
          FreightJobStatus fresh = { 0 };

          fresh.part = rec->info.number;
          g_array_append_val (s->jobs, fresh);
        }
      status = &g_array_index (s->jobs, FreightJobStatus, i);

      if (rec->step >= FREIGHT_PART_STEP_PREPARED)
        {
          s->rows_prepared += rec->info.n_rows;
          s->rows_skipped += rec->info.n_skipped;
          s->bytes_prepared += rec->info.bytes;
        }
      if (rec->step == FREIGHT_PART_STEP_UPLOADING)
        bytes_up = MIN ((guint64) g_atomic_pointer_get ((gpointer *) &part->bytes_uploaded),
                        rec->info.bytes);
      else if (rec->step >= FREIGHT_PART_STEP_UPLOADED && rec->step <= FREIGHT_PART_STEP_WRITTEN &&
               (rec->job_id != NULL || rec->step >= FREIGHT_PART_STEP_CLOSED) &&
               rec->job_error == NULL)
        bytes_up = rec->info.bytes;
      s->bytes_uploaded += bytes_up;
      if (rec->info.bytes > 0)
        s->rows_uploaded += rec->info.n_rows * bytes_up / rec->info.bytes;
      if (part->result != NULL)
        {
          processed = freight_reconcile_result_get_n_succeeded (part->result) +
                      freight_reconcile_result_get_n_failed (part->result);
          failed = freight_reconcile_result_get_n_failed (part->result);
        }
      s->rows_processed += processed;
      s->rows_failed += failed;
      if (rec->step == FREIGHT_PART_STEP_WRITTEN)
        written += rec->info.n_rows + rec->info.n_skipped;
      if (g_strcmp0 (rec->job_state, "Failed") == 0)
        s->n_jobs_failed++;

      g_free (status->job_id);
      status->job_id = g_strdup (rec->job_id);
      status->state = part->state;
      status->rows = rec->info.n_rows;
      status->rows_skipped = rec->info.n_skipped;
      status->rows_processed = processed;
      status->rows_failed = failed;
      status->bytes = rec->info.bytes;
      status->bytes_uploaded = bytes_up;
      g_free (status->error_message);
      status->error_message = g_strdup (rec->job_error);
    }
  /* Written parts count as in the files, whatever the polls said. */
  s->rows_succeeded = s->rows_processed - MIN (s->rows_failed, s->rows_processed);
  s->rows_unprocessed = run->output_state.n_unprocessed;
  s->n_ambiguous = run->output_state.n_ambiguous;
  if (run->all_prepared && run->parts->len > 0)
    s->rows_total = ((FreightLoadPart *) g_ptr_array_index (run->parts, run->parts->len - 1))
                      ->rec->info.last_record;

  if (run->all_prepared)
    estimated_total = s->rows_total;
  else
    {
      guint64 size = run->preparer != NULL ? _freight_preparer_get_source_size (run->preparer) : 0;
      guint64 offset = run->preparer != NULL ? _freight_preparer_get_offset (run->preparer) : 0;
      guint64 seen = s->rows_prepared + s->rows_skipped;

      estimated_total = offset > 0 && size > 0 ? seen * size / offset : seen;
    }
  done = (double) (s->rows_uploaded + s->rows_processed + 2 * written);
  s->fraction = estimated_total > 0 ? CLAMP (done / (4.0 * estimated_total), 0.0, 1.0) : 0;
  g_mutex_unlock (&run->lock);
}

/**
 * _freight_load_add_final_event:
 *
 * Records the end of the run in its history, for the user to find later: the counts when
 * it finished or was cancelled, the error when it stopped.
 */
void
_freight_load_add_final_event (FreightLoadRun   *run,
                               FreightLoadState  state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *succeeded = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *unprocessed = NULL;

  g_mutex_lock (&run->lock);
  succeeded = g_strdup_printf ("%" G_GUINT64_FORMAT, run->snapshot.rows_succeeded);
  failed = g_strdup_printf ("%" G_GUINT64_FORMAT, run->snapshot.rows_failed);
  unprocessed = g_strdup_printf ("%" G_GUINT64_FORMAT, run->snapshot.rows_unprocessed);
  g_mutex_unlock (&run->lock);

  if (state == FREIGHT_LOAD_STATE_FINISHED)
    message = g_strdup_printf (_("Loaded: %s rows succeeded, %s failed, %s unprocessed."),
                               succeeded, failed, unprocessed);
  else if (state == FREIGHT_LOAD_STATE_CANCELLED)
    message = g_strdup_printf (_("Cancelled: open jobs were aborted; %s rows succeeded, %s "
                                 "failed, %s unprocessed."), succeeded, failed, unprocessed);
  if (!freight_journal_add_event (run->journal, run->record->id,
                                  message != NULL ? "info" : "warning",
                                  message != NULL ? message : run->record->error, &error))
    g_debug ("Could not record the end of load %s: %s", run->snapshot.run_id, error->message);
}
