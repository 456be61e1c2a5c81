/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-load"

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "freight-load-private.h"
#include "freight-org-session.h"

/* See freight-load.h for the overview. This file is the object the app and the CLI see:
 * its properties live on the main context of freight_load_run_async()'s caller and follow
 * snapshots that the run's threads hand over (at most every 100 ms, and at once for
 * state changes). */

#define PUBLISH_INTERVAL_US (100 * 1000)

struct _FreightLoad
{
  GObject                 parent_instance;

  FreightLoadDescription *description;
  char                   *resume_id;
  FreightOrgSession      *resume_session;
  FreightJournal         *journal;

  FreightLoadRun         *run;
  GTask                  *task;
  GThread                *worker;
  GTimer                 *timer;
  guint                   elapsed_id;
  gboolean                cancel_requested;

  char                   *run_id;
  GFile                  *run_dir;
  FreightLoadState        state;
  guint64                 rows_total;
  guint64                 rows_prepared;
  guint64                 rows_skipped;
  guint64                 rows_uploaded;
  guint64                 rows_processed;
  guint64                 rows_succeeded;
  guint64                 rows_failed;
  guint64                 rows_unprocessed;
  guint64                 n_ambiguous;
  guint64                 bytes_prepared;
  guint64                 bytes_uploaded;
  double                  fraction;
  double                  estimate;
  guint                   n_jobs_failed;
  GListStore             *jobs;
  GListStore             *diagnostics;
  JsonNode               *summary;
};

G_DEFINE_FINAL_TYPE (FreightLoad, freight_load, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DESCRIPTION,
  PROP_RUN_ID,
  PROP_RUN_DIR,
  PROP_STATE,
  PROP_ROWS_TOTAL,
  PROP_ROWS_PREPARED,
  PROP_ROWS_SKIPPED,
  PROP_ROWS_UPLOADED,
  PROP_ROWS_PROCESSED,
  PROP_ROWS_SUCCEEDED,
  PROP_ROWS_FAILED,
  PROP_ROWS_UNPROCESSED,
  PROP_N_AMBIGUOUS,
  PROP_BYTES_PREPARED,
  PROP_BYTES_UPLOADED,
  PROP_FRACTION,
  PROP_ELAPSED,
  PROP_ESTIMATE,
  PROP_N_JOBS_FAILED,
  PROP_JOBS,
  PROP_DIAGNOSTICS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
freight_load_dispose (GObject *object)
{
  FreightLoad *self = (FreightLoad *) object;

  g_clear_handle_id (&self->elapsed_id, g_source_remove);

  G_OBJECT_CLASS (freight_load_parent_class)->dispose (object);
}

static void
freight_load_finalize (GObject *object)
{
  FreightLoad *self = (FreightLoad *) object;

  /* A running load is kept alive by its task: the run is over here. */
  g_clear_pointer (&self->run, _freight_load_run_free);
  g_clear_object (&self->description);
  g_clear_pointer (&self->resume_id, g_free);
  g_clear_object (&self->resume_session);
  g_clear_object (&self->journal);
  g_clear_pointer (&self->timer, g_timer_destroy);
  g_clear_pointer (&self->run_id, g_free);
  g_clear_object (&self->run_dir);
  g_clear_object (&self->jobs);
  g_clear_object (&self->diagnostics);
  g_clear_pointer (&self->summary, json_node_unref);

  G_OBJECT_CLASS (freight_load_parent_class)->finalize (object);
}

static void
freight_load_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FreightLoad *self = FREIGHT_LOAD (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_object (value, self->description);
      break;
    case PROP_RUN_ID:
      g_value_set_string (value, self->run_id);
      break;
    case PROP_RUN_DIR:
      g_value_set_object (value, self->run_dir);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ROWS_TOTAL:
      g_value_set_uint64 (value, self->rows_total);
      break;
    case PROP_ROWS_PREPARED:
      g_value_set_uint64 (value, self->rows_prepared);
      break;
    case PROP_ROWS_SKIPPED:
      g_value_set_uint64 (value, self->rows_skipped);
      break;
    case PROP_ROWS_UPLOADED:
      g_value_set_uint64 (value, self->rows_uploaded);
      break;
    case PROP_ROWS_PROCESSED:
      g_value_set_uint64 (value, self->rows_processed);
      break;
    case PROP_ROWS_SUCCEEDED:
      g_value_set_uint64 (value, self->rows_succeeded);
      break;
    case PROP_ROWS_FAILED:
      g_value_set_uint64 (value, self->rows_failed);
      break;
    case PROP_ROWS_UNPROCESSED:
      g_value_set_uint64 (value, self->rows_unprocessed);
      break;
    case PROP_N_AMBIGUOUS:
      g_value_set_uint64 (value, self->n_ambiguous);
      break;
    case PROP_BYTES_PREPARED:
      g_value_set_uint64 (value, self->bytes_prepared);
      break;
    case PROP_BYTES_UPLOADED:
      g_value_set_uint64 (value, self->bytes_uploaded);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_ELAPSED:
      g_value_set_double (value, freight_load_get_elapsed (self));
      break;
    case PROP_ESTIMATE:
      g_value_set_double (value, self->estimate);
      break;
    case PROP_N_JOBS_FAILED:
      g_value_set_uint (value, self->n_jobs_failed);
      break;
    case PROP_JOBS:
      g_value_set_object (value, self->jobs);
      break;
    case PROP_DIAGNOSTICS:
      g_value_set_object (value, self->diagnostics);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_load_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FreightLoad *self = FREIGHT_LOAD (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      self->description = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
count_spec (const char *name)
{
  return g_param_spec_uint64 (name, NULL, NULL, 0, G_MAXUINT64, 0,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                              G_PARAM_STATIC_NAME);
}

static void
freight_load_class_init (FreightLoadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = freight_load_dispose;
  object_class->finalize = freight_load_finalize;
  object_class->get_property = freight_load_get_property;
  object_class->set_property = freight_load_set_property;

  /** FreightLoad:description: what to load (%NULL for a resumed run). */
  properties[PROP_DESCRIPTION] =
    g_param_spec_object ("description", NULL, NULL, FREIGHT_TYPE_LOAD_DESCRIPTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /** FreightLoad:run-id: the run's id in the journal, for `freight-cli resume`. */
  properties[PROP_RUN_ID] = g_param_spec_string ("run-id", NULL, NULL, NULL, flags);
  /** FreightLoad:run-dir: the folder of the result files. */
  properties[PROP_RUN_DIR] = g_param_spec_object ("run-dir", NULL, NULL, G_TYPE_FILE, flags);
  /** FreightLoad:state: where the load stands. */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, FREIGHT_TYPE_LOAD_STATE, FREIGHT_LOAD_STATE_IDLE,
                       flags);
  /** FreightLoad:rows-total: the source's records, once all are read (else 0). */
  properties[PROP_ROWS_TOTAL] = count_spec ("rows-total");
  /** FreightLoad:rows-prepared: rows written to parts, to be sent. */
  properties[PROP_ROWS_PREPARED] = count_spec ("rows-prepared");
  /** FreightLoad:rows-skipped: records left out (pre-flight, unreadable, not sent). */
  properties[PROP_ROWS_SKIPPED] = count_spec ("rows-skipped");
  /** FreightLoad:rows-uploaded: rows Salesforce has received. */
  properties[PROP_ROWS_UPLOADED] = count_spec ("rows-uploaded");
  /** FreightLoad:rows-processed: rows Salesforce processed, failed ones included. */
  properties[PROP_ROWS_PROCESSED] = count_spec ("rows-processed");
  /** FreightLoad:rows-succeeded: rows loaded (in success.csv once written). */
  properties[PROP_ROWS_SUCCEEDED] = count_spec ("rows-succeeded");
  /** FreightLoad:rows-failed: rows Salesforce rejected (failed.csv). */
  properties[PROP_ROWS_FAILED] = count_spec ("rows-failed");
  /** FreightLoad:rows-unprocessed: rows in unprocessed.csv so far. */
  properties[PROP_ROWS_UNPROCESSED] = count_spec ("rows-unprocessed");
  /** FreightLoad:n-ambiguous: results matched among rows that sent the same values. */
  properties[PROP_N_AMBIGUOUS] = count_spec ("n-ambiguous");
  /** FreightLoad:bytes-prepared: the size of the parts prepared. */
  properties[PROP_BYTES_PREPARED] = count_spec ("bytes-prepared");
  /** FreightLoad:bytes-uploaded: how much of them Salesforce has received. */
  properties[PROP_BYTES_UPLOADED] = count_spec ("bytes-uploaded");
  /** FreightLoad:fraction: how far the load is, from 0 to 1. */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0, flags);
  /** FreightLoad:elapsed: seconds since the run started (notified every second). */
  properties[PROP_ELAPSED] =
    g_param_spec_double ("elapsed", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  /** FreightLoad:estimate: seconds still to go, or -1 while unknown. */
  properties[PROP_ESTIMATE] =
    g_param_spec_double ("estimate", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  /** FreightLoad:n-jobs-failed: jobs that ended Failed (a job-level error). */
  properties[PROP_N_JOBS_FAILED] =
    g_param_spec_uint ("n-jobs-failed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /** FreightLoad:jobs: a #GListModel of #FreightLoadJob, one per part. */
  properties[PROP_JOBS] = g_param_spec_object ("jobs", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  /** FreightLoad:diagnostics: a #GListModel of #FreightLoadDiagnostic. */
  properties[PROP_DIAGNOSTICS] =
    g_param_spec_object ("diagnostics", NULL, NULL, G_TYPE_LIST_MODEL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_load_init (FreightLoad *self)
{
  self->jobs = g_list_store_new (FREIGHT_TYPE_LOAD_JOB);
  self->diagnostics = g_list_store_new (FREIGHT_TYPE_LOAD_DIAGNOSTIC);
  self->estimate = -1;
}

/**
 * freight_load_new:
 * @description: what to load; validated when the run starts
 *
 * Returns: (transfer full): a load, not started
 */
FreightLoad *
freight_load_new (FreightLoadDescription *description)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD_DESCRIPTION (description), NULL);

  return g_object_new (FREIGHT_TYPE_LOAD, "description", description, NULL);
}

/**
 * freight_load_new_resume:
 * @run_id: the number of an unfinished load of the journal (freight_journal_list_runs()
 *   with the kind "load")
 * @session: the org the run loads into, signed in
 * @journal: (nullable): the journal, or %NULL for the user's
 *
 * Returns: (transfer full): a load that continues the run where it stopped when
 *   freight_load_run_async() is called
 */
FreightLoad *
freight_load_new_resume (const char        *run_id,
                         FreightOrgSession *session,
                         FreightJournal    *journal)
{
  FreightLoad *self;

  g_return_val_if_fail (run_id != NULL, NULL);
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (session), NULL);

  self = g_object_new (FREIGHT_TYPE_LOAD, NULL);
  self->resume_id = g_strdup (run_id);
  self->resume_session = g_object_ref (session);
  if (journal != NULL)
    self->journal = g_object_ref (journal);
  self->run_id = g_strdup (run_id);
  return self;
}

/* --- Snapshots from the run --- */

void
_freight_job_status_clear (FreightJobStatus *status)
{
  g_clear_pointer (&status->job_id, g_free);
  g_clear_pointer (&status->error_message, g_free);
}

#define TAKE_COUNT(field, PROP)                                                  \
  if (self->field != snapshot.field)                                            \
    {                                                                            \
      self->field = snapshot.field;                                              \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);              \
    }

static void
update_estimate (FreightLoad *self)
{
  double elapsed = freight_load_get_elapsed (self);
  double estimate = -1;

  if (self->state == FREIGHT_LOAD_STATE_RUNNING && self->fraction >= 0.01 && elapsed > 1)
    estimate = elapsed * (1 - self->fraction) / self->fraction;
  else if (self->state != FREIGHT_LOAD_STATE_RUNNING &&
           self->state != FREIGHT_LOAD_STATE_CANCELLING &&
           self->state != FREIGHT_LOAD_STATE_IDLE)
    estimate = 0;
  if (self->estimate != estimate)
    {
      self->estimate = estimate;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ESTIMATE]);
    }
}

/* Takes the run's latest snapshot; main context only. */
static void
apply_snapshot (FreightLoad *self)
{
  FreightLoadRun *run = self->run;
  FreightLoadSnapshot snapshot = { 0 };
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GArray) jobs = NULL;
  g_autofree char *run_id = NULL;
  g_autoptr(GFile) run_dir = NULL;

  if (run == NULL)
    return;

  g_mutex_lock (&run->lock);
  run->publish_pending = FALSE;
  snapshot = run->snapshot;
  run_id = g_strdup (run->snapshot.run_id);
  run_dir = run->snapshot.run_dir != NULL ? g_object_ref (run->snapshot.run_dir) : NULL;
  jobs = g_array_new (FALSE, TRUE, sizeof (FreightJobStatus));
  g_array_set_clear_func (jobs, (GDestroyNotify) _freight_job_status_clear);
  for (guint i = 0; i < run->snapshot.jobs->len; i++)
    {
      FreightJobStatus copy = g_array_index (run->snapshot.jobs, FreightJobStatus, i);

      copy.job_id = g_strdup (copy.job_id);
      copy.error_message = g_strdup (copy.error_message);
      g_array_append_val (jobs, copy);
    }
  diagnostics = g_steal_pointer (&run->snapshot.diagnostics);
  run->snapshot.diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_unlock (&run->lock);

  g_object_freeze_notify (G_OBJECT (self));
  if (run_id != NULL && g_strcmp0 (self->run_id, run_id) != 0)
    {
      g_free (self->run_id);
      self->run_id = g_steal_pointer (&run_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN_ID]);
    }
  if (run_dir != NULL && self->run_dir == NULL)
    {
      self->run_dir = g_steal_pointer (&run_dir);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN_DIR]);
    }
  TAKE_COUNT (rows_total, PROP_ROWS_TOTAL)
  TAKE_COUNT (rows_prepared, PROP_ROWS_PREPARED)
  TAKE_COUNT (rows_skipped, PROP_ROWS_SKIPPED)
  TAKE_COUNT (rows_uploaded, PROP_ROWS_UPLOADED)
  TAKE_COUNT (rows_processed, PROP_ROWS_PROCESSED)
  TAKE_COUNT (rows_succeeded, PROP_ROWS_SUCCEEDED)
  TAKE_COUNT (rows_failed, PROP_ROWS_FAILED)
  TAKE_COUNT (rows_unprocessed, PROP_ROWS_UNPROCESSED)
  TAKE_COUNT (n_ambiguous, PROP_N_AMBIGUOUS)
  TAKE_COUNT (bytes_prepared, PROP_BYTES_PREPARED)
  TAKE_COUNT (bytes_uploaded, PROP_BYTES_UPLOADED)
  TAKE_COUNT (fraction, PROP_FRACTION)
  TAKE_COUNT (n_jobs_failed, PROP_N_JOBS_FAILED)

  /* New parts first, so that the model only grows at its end. */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->jobs)); i < jobs->len; i++)
    {
      g_autoptr(FreightLoadJob) job =
        _freight_load_job_new (g_array_index (jobs, FreightJobStatus, i).part);

      _freight_load_job_update (job, &g_array_index (jobs, FreightJobStatus, i));
      g_list_store_append (self->jobs, job);
    }
  for (guint i = 0; i < jobs->len; i++)
    {
      g_autoptr(FreightLoadJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs), i);

      _freight_load_job_update (job, &g_array_index (jobs, FreightJobStatus, i));
    }
  if (diagnostics->len > 0)
    g_list_store_splice (self->diagnostics,
                         g_list_model_get_n_items (G_LIST_MODEL (self->diagnostics)), 0,
                         diagnostics->pdata, diagnostics->len);

  /* The state last, so that counts are final when it says the load ended. */
  if (self->state != snapshot.state)
    {
      self->state = snapshot.state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  update_estimate (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
apply_snapshot_idle (gpointer data)
{
  FreightLoad *self = data;

  apply_snapshot (self);
  return G_SOURCE_REMOVE;
}

/**
 * _freight_load_publish:
 * @now: hand over at once (a change of state); else at most every 100 ms
 *
 * Called by the run's threads after changing FreightLoadRun:snapshot under its lock.
 */
void
_freight_load_publish (FreightLoadRun *run,
                       gboolean        now)
{
  gint64 time = g_get_monotonic_time ();
  gint64 delay = -1;

  g_mutex_lock (&run->lock);
  if (!run->publish_pending)
    {
      /* A change within the interval is handed over when it ends, not dropped. */
      delay = now ? 0 : MAX (0, run->last_publish + PUBLISH_INTERVAL_US - time);
      run->publish_pending = TRUE;
      run->last_publish = time + delay;
    }
  g_mutex_unlock (&run->lock);

  if (delay == 0)
    {
      g_main_context_invoke_full (run->main_context, G_PRIORITY_DEFAULT, apply_snapshot_idle,
                                  g_object_ref (run->load), g_object_unref);
    }
  else if (delay > 0)
    {
      g_autoptr(GSource) source = g_timeout_source_new (delay / 1000 + 1);

      g_source_set_callback (source, apply_snapshot_idle, g_object_ref (run->load),
                             g_object_unref);
      g_source_set_static_name (source, "[freight] load progress");
      g_source_attach (source, run->main_context);
    }
}

static gboolean
tick_elapsed (gpointer data)
{
  FreightLoad *self = data;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
  update_estimate (self);
  return G_SOURCE_CONTINUE;
}

/* --- Running --- */

/* Ends the task on the main context, after the last snapshot. */
static gboolean
complete_in_main (gpointer data)
{
  GTask *task = data;
  FreightLoad *self = g_task_get_source_object (task);
  GError *error = g_task_get_task_data (task);

  apply_snapshot (self);
  g_clear_handle_id (&self->elapsed_id, g_source_remove);
  g_timer_stop (self->timer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
  if (self->run != NULL && self->summary == NULL)
    self->summary = _freight_load_build_summary (self->run);
  /* The run stopped, over or not: another load object or process may go on with it. */
  if (self->run != NULL)
    {
      freight_journal_release_run (self->run->claim);
      self->run->claim = -1;
    }
  g_clear_pointer (&self->worker, g_thread_unref);
  g_clear_object (&self->task);
  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static gpointer
worker_main (gpointer data)
{
  GTask *task = data;
  FreightLoad *self = g_task_get_source_object (task);
  FreightLoadRun *run = self->run;
  g_autoptr(GError) error = NULL;

  if (_freight_load_setup_worker (run, &error))
    _freight_load_run_schedule (run, &error);
  if (error != NULL)
    g_task_set_task_data (task, g_steal_pointer (&error), (GDestroyNotify) g_error_free);
  g_main_context_invoke_full (run->main_context, G_PRIORITY_DEFAULT, complete_in_main,
                              task, NULL);
  return NULL;
}

/**
 * freight_load_run_async:
 * @self: a load that has not run yet
 * @cancellable: (nullable): stops the run without aborting its jobs: it can be resumed
 *   (closing the window, ending the process); freight_load_cancel() aborts instead
 * @callback: called on this thread's main context when the run is over
 * @user_data: data for @callback
 *
 * Starts the load. The description is checked and copied now: the mapping is compiled,
 * the pre-flight exclusions are taken and the run is saved in the journal before any
 * request is made.
 */
void
freight_load_run_async (FreightLoad         *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_if_fail (FREIGHT_IS_LOAD (self));
  g_return_if_fail (self->task == NULL && self->run == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_load_run_async);
  g_task_set_name (task, "freight-load");

  self->run = _freight_load_run_new (self);
  if (cancellable != NULL)
    self->run->cancellable = g_object_ref (cancellable);
  if (self->description != NULL)
    ok = _freight_load_setup_new (self->run, self->description, &error);
  else
    {
      guint64 id = 0;

      ok = g_ascii_string_to_unsigned (self->resume_id, 10, 1, G_MAXINT64, &id, NULL);
      if (!ok)
        g_set_error (&error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_NOT_RESUMABLE,
                     _("“%s” is not the number of a load. List the unfinished loads to find "
                       "it."), self->resume_id);
      else
        ok = _freight_load_setup_resume (self->run, id, self->journal, &error);
    }
  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->resume_session != NULL)
    self->run->session = g_object_ref (self->resume_session);

  self->timer = g_timer_new ();
  self->elapsed_id = g_timeout_add_seconds (1, tick_elapsed, self);
  self->state = FREIGHT_LOAD_STATE_RUNNING;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (self->cancel_requested)
    _freight_load_run_cancel (self->run);

  self->task = g_object_ref (task);
  self->worker = g_thread_new ("freight-load", worker_main, g_steal_pointer (&task));
}

/**
 * freight_load_run_finish:
 *
 * Returns: %TRUE if the run ended FINISHED or CANCELLED (every source row is in a result
 *   file); %FALSE with @error (G_IO_ERROR_CANCELLED when stopped through the
 *   #GCancellable) when it can be resumed
 */
gboolean
freight_load_run_finish (FreightLoad   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * freight_load_cancel:
 *
 * Cancels the load: nothing more is sent, the open jobs are aborted, and the rows not
 * loaded go to unprocessed.csv with the reason. The run ends CANCELLED once every row is
 * written.
 */
void
freight_load_cancel (FreightLoad *self)
{
  g_return_if_fail (FREIGHT_IS_LOAD (self));

  self->cancel_requested = TRUE;
  if (self->run != NULL && self->task != NULL)
    _freight_load_run_cancel (self->run);
}

/* --- Getters --- */

FreightLoadDescription *
freight_load_get_description (FreightLoad *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD (self), NULL);
  return self->description;
}

const char *
freight_load_get_run_id (FreightLoad *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD (self), NULL);
  return self->run_id;
}

/**
 * freight_load_get_run_dir:
 *
 * Returns: (transfer none) (nullable): the run's folder, once the run has started
 */
GFile *
freight_load_get_run_dir (FreightLoad *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD (self), NULL);
  return self->run_dir;
}

FreightLoadState
freight_load_get_state (FreightLoad *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD (self), FREIGHT_LOAD_STATE_IDLE);
  return self->state;
}

#define DEFINE_COUNT_GETTER(name)                                 \
  guint64                                                         \
  freight_load_get_##name (FreightLoad *self)                     \
  {                                                               \
    g_return_val_if_fail (FREIGHT_IS_LOAD (self), 0);             \
    return self->name;                                            \
  }

DEFINE_COUNT_GETTER (rows_total)
DEFINE_COUNT_GETTER (rows_prepared)
DEFINE_COUNT_GETTER (rows_skipped)
DEFINE_COUNT_GETTER (rows_uploaded)
DEFINE_COUNT_GETTER (rows_processed)
DEFINE_COUNT_GETTER (rows_succeeded)
DEFINE_COUNT_GETTER (rows_failed)
DEFINE_COUNT_GETTER (rows_unprocessed)
DEFINE_COUNT_GETTER (n_ambiguous)
DEFINE_COUNT_GETTER (bytes_prepared)
DEFINE_COUNT_GETTER (bytes_uploaded)

double
freight_load_get_fraction (FreightLoad *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD (self), 0);
  return self->fraction;
}

double
freight_load_get_elapsed (FreightLoad *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD (self), 0);
  return self->timer != NULL ? g_timer_elapsed (self->timer, NULL) : 0;
}

double
freight_load_get_estimate (FreightLoad *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD (self), -1);
  return self->estimate;
}

guint
freight_load_get_n_jobs_failed (FreightLoad *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD (self), 0);
  return self->n_jobs_failed;
}

/**
 * freight_load_get_jobs:
 *
 * Returns: (transfer none): a #GListModel of #FreightLoadJob, one per part, in order
 */
GListModel *
freight_load_get_jobs (FreightLoad *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD (self), NULL);
  return G_LIST_MODEL (self->jobs);
}

/**
 * freight_load_get_diagnostics:
 *
 * Returns: (transfer none): a #GListModel of #FreightLoadDiagnostic
 */
GListModel *
freight_load_get_diagnostics (FreightLoad *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD (self), NULL);
  return G_LIST_MODEL (self->diagnostics);
}

/**
 * freight_load_get_result_file:
 *
 * Returns: (transfer full) (nullable): one of the run's result files, once the run has
 *   started (the file may not exist: unmatched-results.csv only when needed)
 */
GFile *
freight_load_get_result_file (FreightLoad           *self,
                              FreightResultFileKind  kind)
{
  static const char * const names[] = {
    [FREIGHT_RESULT_FILE_KIND_SUCCESS] = FREIGHT_RESULT_FILE_SUCCESS,
    [FREIGHT_RESULT_FILE_KIND_FAILED] = FREIGHT_RESULT_FILE_FAILED,
    [FREIGHT_RESULT_FILE_KIND_UNPROCESSED] = FREIGHT_RESULT_FILE_UNPROCESSED,
    [FREIGHT_RESULT_FILE_KIND_UNMATCHED] = FREIGHT_RESULT_FILE_UNMATCHED,
  };

  g_return_val_if_fail (FREIGHT_IS_LOAD (self), NULL);
  g_return_val_if_fail (kind < G_N_ELEMENTS (names), NULL);

  if (self->run_dir == NULL)
    return NULL;
  return g_file_get_child (self->run_dir, names[kind]);
}

/**
 * freight_load_dup_summary:
 *
 * Returns: (transfer full) (nullable): what summary.json holds, once the run is over
 */
JsonNode *
freight_load_dup_summary (FreightLoad *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOAD (self), NULL);

  return self->summary != NULL ? json_node_ref (self->summary) : NULL;
}

/**
 * freight_load_tune_allocator:
 *
 * Makes the C library give big buffers back to the system as soon as they are freed; call
 * it once, first thing in main(), in a program that runs loads.
 *
 * A load joins each part through an index of about 18 bytes per row (16 MB for a part of
 * 100 MB), built on whichever pool thread reconciles the part. glibc raises its mmap
 * threshold to the size of the largest block freed, so from the second part on the indexes
 * come from the threads' arenas, where freed memory stays: a 5-million-row load grew to
 * 72 MiB instead of staying near 40. A fixed threshold keeps memory constant.
 */
void
freight_load_tune_allocator (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 1024 * 1024);
#endif
}
