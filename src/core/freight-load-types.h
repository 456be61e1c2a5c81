/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Enums and the error domain of the load pipeline (FreightLoadDescription, FreightLoad,
 * FreightLoadJob). The overview is in freight-load.h. */

#define FREIGHT_LOAD_ERROR (freight_load_error_quark ())

/**
 * FreightLoadError:
 * @FREIGHT_LOAD_ERROR_FAILED: any other failure of the pipeline
 * @FREIGHT_LOAD_ERROR_INVALID: the load description is incomplete or inconsistent (no
 *   source file, a mapping for another object, a part size over the limit…)
 * @FREIGHT_LOAD_ERROR_SOURCE_CHANGED: the source file is not what the load prepared (its
 *   header, size or time stamp differ); the results cannot be written from it
 * @FREIGHT_LOAD_ERROR_NOT_RESUMABLE: there is no unfinished run with that id, or it
 *   belongs to another org
 * @FREIGHT_LOAD_ERROR_JOURNAL: the journal cannot be read or written
 * @FREIGHT_LOAD_ERROR_JOB: Salesforce refused a job step after the retries (creating,
 *   uploading or closing a job); the run can be resumed once the cause is fixed
 *
 * Errors of the load pipeline. Errors of the parts below pass through in their own
 * domains (G_IO_ERROR, FREIGHT_CSV_ERROR, FREIGHT_API_ERROR, FREIGHT_RECONCILE_ERROR…).
 * A job that ends `Failed` is not an error of the load: its rows land in unprocessed.csv
 * with the job's error message.
 */
typedef enum
{
  FREIGHT_LOAD_ERROR_FAILED,
  FREIGHT_LOAD_ERROR_INVALID,
  FREIGHT_LOAD_ERROR_SOURCE_CHANGED,
  FREIGHT_LOAD_ERROR_NOT_RESUMABLE,
  FREIGHT_LOAD_ERROR_JOURNAL,
  FREIGHT_LOAD_ERROR_JOB,
} FreightLoadError;

/**
 * FreightLoadState:
 * @FREIGHT_LOAD_STATE_IDLE: not started
 * @FREIGHT_LOAD_STATE_RUNNING: preparing parts, running jobs, writing results
 * @FREIGHT_LOAD_STATE_CANCELLING: freight_load_cancel() was called: open jobs are being
 *   aborted and the results of every row written
 * @FREIGHT_LOAD_STATE_FINISHED: every source row is in one of the result files (some may
 *   have failed: see the counts)
 * @FREIGHT_LOAD_STATE_CANCELLED: cancelled; every source row is in one of the result
 *   files, those never loaded in unprocessed.csv with the reason
 * @FREIGHT_LOAD_STATE_INTERRUPTED: stopped through the #GCancellable of
 *   freight_load_run_async() (the window closed, the process is ending): the jobs go on
 *   in the org and the run can be resumed from the journal
 * @FREIGHT_LOAD_STATE_FAILED: stopped by an error (see freight_load_run_finish()); the
 *   run can usually be resumed once the cause is fixed
 *
 * Where a load stands.
 */
typedef enum
{
  FREIGHT_LOAD_STATE_IDLE,
  FREIGHT_LOAD_STATE_RUNNING,
  FREIGHT_LOAD_STATE_CANCELLING,
  FREIGHT_LOAD_STATE_FINISHED,
  FREIGHT_LOAD_STATE_CANCELLED,
  FREIGHT_LOAD_STATE_INTERRUPTED,
  FREIGHT_LOAD_STATE_FAILED,
} FreightLoadState;

/**
 * FreightLoadJobState:
 * @FREIGHT_LOAD_JOB_STATE_PREPARING: the part is being written to the spool folder
 * @FREIGHT_LOAD_JOB_STATE_WAITING: prepared; waits for a free job slot
 * @FREIGHT_LOAD_JOB_STATE_CREATING: the ingest job is being created
 * @FREIGHT_LOAD_JOB_STATE_UPLOADING: the part is being uploaded
 * @FREIGHT_LOAD_JOB_STATE_CLOSING: the upload is being marked complete
 * @FREIGHT_LOAD_JOB_STATE_QUEUED: Salesforce has the job (`UploadComplete`)
 * @FREIGHT_LOAD_JOB_STATE_IN_PROGRESS: Salesforce is processing it (`InProgress`)
 * @FREIGHT_LOAD_JOB_STATE_ABORTING: the job is being aborted (the load was cancelled)
 * @FREIGHT_LOAD_JOB_STATE_DOWNLOADING: the job ended; its results are being downloaded
 * @FREIGHT_LOAD_JOB_STATE_RECONCILING: its results are being joined to the source rows
 * @FREIGHT_LOAD_JOB_STATE_COMPLETE: done: the job ended `JobComplete` and its rows are in
 *   the result files
 * @FREIGHT_LOAD_JOB_STATE_FAILED: done: the job ended `Failed` (see the error message);
 *   its unprocessed rows are in unprocessed.csv
 * @FREIGHT_LOAD_JOB_STATE_ABORTED: done: the job was aborted, or never sent because the
 *   load was cancelled; its unprocessed rows are in unprocessed.csv
 * @FREIGHT_LOAD_JOB_STATE_SKIPPED: done: every row of the part was left out (pre-flight,
 *   unreadable rows), so it needed no job
 *
 * Where the job of one part stands.
 */
typedef enum
{
  FREIGHT_LOAD_JOB_STATE_PREPARING,
  FREIGHT_LOAD_JOB_STATE_WAITING,
  FREIGHT_LOAD_JOB_STATE_CREATING,
  FREIGHT_LOAD_JOB_STATE_UPLOADING,
  FREIGHT_LOAD_JOB_STATE_CLOSING,
  FREIGHT_LOAD_JOB_STATE_QUEUED,
  FREIGHT_LOAD_JOB_STATE_IN_PROGRESS,
  FREIGHT_LOAD_JOB_STATE_ABORTING,
  FREIGHT_LOAD_JOB_STATE_DOWNLOADING,
  FREIGHT_LOAD_JOB_STATE_RECONCILING,
  FREIGHT_LOAD_JOB_STATE_COMPLETE,
  FREIGHT_LOAD_JOB_STATE_FAILED,
  FREIGHT_LOAD_JOB_STATE_ABORTED,
  FREIGHT_LOAD_JOB_STATE_SKIPPED,
} FreightLoadJobState;

/* Parts close before this many bytes: under the 150 MB Bulk API limit after base64. */
#define FREIGHT_LOAD_MAX_PART_SIZE     (100 * 1000 * 1000)
#define FREIGHT_LOAD_DEFAULT_PART_SIZE FREIGHT_LOAD_MAX_PART_SIZE
#define FREIGHT_LOAD_DEFAULT_JOBS_IN_FLIGHT 4
#define FREIGHT_LOAD_MAX_JOBS_IN_FLIGHT     25

#define FREIGHT_TYPE_LOAD_STATE (freight_load_state_get_type ())
#define FREIGHT_TYPE_LOAD_JOB_STATE (freight_load_job_state_get_type ())

GQuark      freight_load_error_quark                 (void);
GType       freight_load_state_get_type              (void) G_GNUC_CONST;
GType       freight_load_job_state_get_type          (void) G_GNUC_CONST;

const char *freight_load_state_to_string             (FreightLoadState     state);
const char *freight_load_job_state_to_string         (FreightLoadJobState  state);
const char *freight_load_job_state_get_display_name  (FreightLoadJobState  state);
gboolean    freight_load_job_state_is_done           (FreightLoadJobState  state);

G_END_DECLS
