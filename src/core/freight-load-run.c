/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-load"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-http-error.h"
#include "freight-load-private.h"

/* The scheduler (design.md §4.2–4.4): one thread that owns the run's state and decides
 * what happens next. It reacts to events from the preparer thread (a part begun, a part
 * prepared, the end) and from the steps it hands to the pool (a job started, a poll
 * answered, results joined, a part written), and keeps:
 *
 * - at most jobs-in-flight jobs between their creation and their end, later parts waiting
 *   (the preparer stays at most that many parts ahead, to bound the spool);
 * - one poller for all closed jobs: each job's next poll comes poll-interval after it was
 *   closed, and the wait grows by half after every poll that finds nothing new, up to
 *   max-poll-interval; a 429 holds every poll back;
 * - the results of at most two parts downloading and joining at once, and the parts
 *   appended to the result files one at a time, in order;
 * - on freight_load_cancel(): the preparer leaves the rest of the source out, parts
 *   without a job are not sent, open jobs are aborted, and every row is still written;
 * - on the caller's #GCancellable or an error: every step stops where it is, the journal
 *   says where, and the run can be resumed. */

#define MAX_RESULTS_AT_ONCE  2
#define MAX_POLL_FAILURES    10
#define RATE_LIMIT_PAUSE_US  (30 * G_USEC_PER_SEC)
#define PROGRESS_TICK_MS     200

typedef enum
{
  TASK_START,
  TASK_ABORT,
  TASK_RESULTS,
  TASK_WRITE,
  TASK_POLL,
} TaskKind;

typedef struct
{
  TaskKind                kind;
  guint                   part;
  FreightPartRecord      *rec;
  FreightReconcileResult *result;
  GCancellable           *cancellable;
  GArray                 *poll_parts;   /* guint */
  GPtrArray              *poll_ids;     /* char * */
  GPtrArray              *poll_jobs;    /* FreightBulkJob * or NULL */
  GPtrArray              *poll_errors;  /* GError * or NULL */
  GError                 *error;
} Task;

typedef enum
{
  EVENT_PREPARING,
  EVENT_PREPARED,
  EVENT_PREPARE_DONE,
  EVENT_PREPARE_FAILED,
  EVENT_TASK_DONE,
  EVENT_CANCEL,
  EVENT_WAKE,
} EventKind;

typedef struct
{
  EventKind          kind;
  FreightPartRecord *rec;
  Task              *task;
  GError            *error;
} Event;

static void
task_free (Task *task)
{
  _freight_part_record_free (task->rec);
  g_clear_object (&task->result);
  g_clear_object (&task->cancellable);
  g_clear_pointer (&task->poll_parts, g_array_unref);
  g_clear_pointer (&task->poll_ids, g_ptr_array_unref);
  g_clear_pointer (&task->poll_jobs, g_ptr_array_unref);
  g_clear_pointer (&task->poll_errors, g_ptr_array_unref);
  g_clear_error (&task->error);
  g_free (task);
}

static void
push_event (FreightLoadRun    *run,
            EventKind          kind,
            FreightPartRecord *rec,
            Task              *task,
            GError            *error)
{
  Event *event = g_new0 (Event, 1);

  event->kind = kind;
  event->rec = rec;
  event->task = task;
  event->error = error;
  g_async_queue_push (run->events, event);
}

static void
event_free (Event *event)
{
  _freight_part_record_free (event->rec);
  if (event->task != NULL)
    task_free (event->task);
  g_clear_error (&event->error);
  g_free (event);
}

static FreightLoadPart *
get_part (FreightLoadRun *run,
          guint           number)
{
  g_assert (number >= 1 && number <= run->parts->len);
  return g_ptr_array_index (run->parts, number - 1);
}

static void
replace_rec (FreightLoadPart   *part,
             FreightPartRecord *rec)
{
  _freight_part_record_free (part->rec);
  part->rec = rec;
  part->state = _freight_load_part_ui_state (rec);
}

/* --- Stopping --- */

static void
fail (FreightLoadRun *run,
      GError         *error)
{
  if (run->error == NULL)
    run->error = error;
  else
    g_error_free (error);
  run->stopping = TRUE;
  g_cancellable_cancel (run->stop);
  g_mutex_lock (&run->prep_lock);
  run->prep_quit = TRUE;
  g_cond_broadcast (&run->prep_cond);
  g_mutex_unlock (&run->prep_lock);
}

static void
on_cancelled (GCancellable   *cancellable,
              FreightLoadRun *run)
{
  g_cancellable_cancel (run->stop);
  g_mutex_lock (&run->prep_lock);
  run->prep_quit = TRUE;
  g_cond_broadcast (&run->prep_cond);
  g_mutex_unlock (&run->prep_lock);
  push_event (run, EVENT_WAKE, NULL, NULL, NULL);
}

/**
 * _freight_load_run_cancel:
 *
 * Asks the scheduler to cancel the load (abort, write every row); any thread.
 */
void
_freight_load_run_cancel (FreightLoadRun *run)
{
  push_event (run, EVENT_CANCEL, NULL, NULL, NULL);
}

/* --- The preparer thread --- */

static gboolean
wait_for_room (FreightLoadRun *run)
{
  gboolean go_on;

  g_mutex_lock (&run->prep_lock);
  while (!run->prep_quit && !run->cancelling &&
         run->n_waiting >= MAX (run->record->jobs_in_flight, 2))
    g_cond_wait (&run->prep_cond, &run->prep_lock);
  go_on = !run->prep_quit;
  g_mutex_unlock (&run->prep_lock);
  return go_on;
}

static gpointer
prepare_thread (gpointer data)
{
  FreightLoadRun *run = data;
  GError *error = NULL;

  if (!_freight_preparer_open (run->preparer, run->prep_number, run->prep_record,
                               run->prep_offset, run->prep_line, run->stop, &error))
    goto failed;

  while (wait_for_room (run))
    {
      g_autoptr(FreightPartRecord) rec = _freight_part_record_new ();

      if (!_freight_preparer_peek (run->preparer, &rec->info.number, &rec->info.first_record,
                                   &rec->info.offset, &rec->info.line, run->stop, &error))
        {
          if (error != NULL)
            goto failed;
          push_event (run, EVENT_PREPARE_DONE, NULL, NULL, NULL);
          return NULL;
        }
      if (!_freight_load_save_part (run, rec, FREIGHT_PART_STEP_PREPARING, NULL, &error))
        goto failed;
      push_event (run, EVENT_PREPARING, _freight_part_record_copy (rec), NULL, NULL);

      if (!_freight_preparer_next_part (run->preparer, &rec->info, run->stop, &error))
        {
          if (error == NULL)
            error = g_error_new_literal (FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_FAILED,
                                         "The source ended while a part was prepared");
          goto failed;
        }
      g_mutex_lock (&run->prep_lock);
      run->n_waiting++;
      g_mutex_unlock (&run->prep_lock);
      if (!_freight_load_save_part (run, rec, FREIGHT_PART_STEP_PREPARED, NULL, &error))
        goto failed;
      push_event (run, EVENT_PREPARED, g_steal_pointer (&rec), NULL, NULL);
    }
  /* Stopped: the scheduler knows why. */
  push_event (run, EVENT_PREPARE_FAILED, NULL, NULL,
              g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped"));
  return NULL;

failed:
  push_event (run, EVENT_PREPARE_FAILED, NULL, NULL, error);
  return NULL;
}

static void
start_preparer (FreightLoadRun *run)
{
  FreightPreparerSettings settings = { 0 };

  run->prep_number = 1;
  run->prep_record = 1;
  run->prep_offset = 0;
  run->prep_line = 0;
  for (guint i = 0; i < run->parts->len; i++)
    {
      FreightPartRecord *rec = get_part (run, i + 1)->rec;

      if (rec->step == FREIGHT_PART_STEP_PREPARING)
        {
          /* Begun but not finished: prepared again from its start. */
          run->prep_number = rec->info.number;
          run->prep_record = rec->info.first_record;
          run->prep_offset = rec->info.offset;
          run->prep_line = rec->info.line;
          while (run->parts->len > i)
            {
              FreightLoadPart *gone = g_ptr_array_steal_index (run->parts, run->parts->len - 1);

              _freight_part_record_free (gone->rec);
              g_free (gone);
            }
          break;
        }
      run->prep_number = rec->info.number + 1;
      run->prep_record = rec->info.last_record + 1;
      run->prep_offset = rec->info.end_offset;
      run->prep_line = rec->info.end_line;
    }
  for (guint i = 0; i < run->parts->len; i++)
    if (get_part (run, i + 1)->rec->step == FREIGHT_PART_STEP_PREPARED)
      run->n_waiting++;

  settings.source = run->source;
  settings.dialect = run->record->dialect;
  settings.flags = run->record->flags;
  settings.plan = run->plan;
  settings.spool_dir = run->spool_dir;
  settings.job_delimiter = run->record->job_delimiter;
  settings.job_line_ending = run->record->job_line_ending;
  settings.part_size = run->record->part_size;
  settings.part_rows = run->record->part_rows;
  settings.exclusions = run->exclusions;
  settings.kinds = run->kinds;
  run->preparer = _freight_preparer_new (&settings);
  if (run->cancelling)
    _freight_preparer_stop (run->preparer, _("not sent: the load was cancelled"));
  run->prep_thread = g_thread_new ("freight-prepare", prepare_thread, run);
}

/* --- Steps on the pool --- */

static void
clear_object (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
clear_error (gpointer error)
{
  if (error != NULL)
    g_error_free (error);
}

static void
run_task (gpointer data,
          gpointer user_data)
{
  Task *task = data;
  FreightLoadRun *run = user_data;

  switch (task->kind)
    {
    case TASK_START:
      _freight_load_step_start (run, task->rec, get_part (run, task->part), task->cancellable,
                                &task->error);
      break;

    case TASK_ABORT:
      _freight_load_step_abort (run, task->rec, task->cancellable, &task->error);
      break;

    case TASK_RESULTS:
      _freight_load_step_results (run, task->rec, &task->result, task->cancellable,
                                  &task->error);
      break;

    case TASK_WRITE:
      _freight_load_step_write (run, task->rec, task->result, task->cancellable, &task->error);
      break;

    case TASK_POLL:
      task->poll_jobs = g_ptr_array_new_with_free_func (clear_object);
      task->poll_errors = g_ptr_array_new_with_free_func (clear_error);
      for (guint i = 0; i < task->poll_ids->len; i++)
        {
          GError *error = NULL;
          FreightBulkJob *job = _freight_load_step_poll (run, task->poll_ids->pdata[i],
                                                         task->cancellable, &error);

          g_ptr_array_add (task->poll_jobs, job);
          g_ptr_array_add (task->poll_errors, error);
        }
      break;

    default:
      g_assert_not_reached ();
    }
  push_event (run, EVENT_TASK_DONE, NULL, task, NULL);
}

static Task *
new_task (FreightLoadRun  *run,
          TaskKind         kind,
          FreightLoadPart *part)
{
  Task *task = g_new0 (Task, 1);

  task->kind = kind;
  task->cancellable = g_cancellable_new ();
  if (part != NULL)
    {
      task->part = part->rec->info.number;
      task->rec = _freight_part_record_copy (part->rec);
      part->busy = TRUE;
      g_set_object (&part->cancellable, task->cancellable);
    }
  return task;
}

static void
stop_task_when_stopped (GCancellable *stop,
                        GCancellable *task_cancellable)
{
  g_cancellable_cancel (task_cancellable);
}

static void
push_task (FreightLoadRun *run,
           Task           *task)
{
  /* The run's stop stops every step. */
  g_signal_connect_object (run->stop, "cancelled", G_CALLBACK (stop_task_when_stopped),
                           task->cancellable, 0);
  if (g_cancellable_is_cancelled (run->stop))
    g_cancellable_cancel (task->cancellable);
  run->n_busy++;
  g_thread_pool_push (run->pool, task, NULL);
}

/* --- Dispatching --- */

static gboolean
save_in_scheduler (FreightLoadRun    *run,
                   FreightLoadPart   *part,
                   FreightPartStep    step,
                   const char        *detail)
{
  GError *error = NULL;

  if (!_freight_load_save_part (run, part->rec, step, detail, &error))
    {
      fail (run, error);
      return FALSE;
    }
  part->state = _freight_load_part_ui_state (part->rec);
  return TRUE;
}

static void
leave_waiting (FreightLoadRun *run)
{
  g_mutex_lock (&run->prep_lock);
  if (run->n_waiting > 0)
    run->n_waiting--;
  g_cond_broadcast (&run->prep_cond);
  g_mutex_unlock (&run->prep_lock);
}

static void
release_slot (FreightLoadPart *part)
{
  part->in_flight = FALSE;
}

/* A part without a job when the load is cancelled: its rows are not sent. */
static void
mark_not_sent (FreightLoadRun  *run,
               FreightLoadPart *part)
{
  g_free (part->rec->job_error);
  part->rec->job_error = g_strdup (_("not sent: the load was cancelled"));
  g_clear_pointer (&part->rec->job_id, g_free);
  g_clear_pointer (&part->rec->job_state, g_free);
  release_slot (part);
  save_in_scheduler (run, part, FREIGHT_PART_STEP_ENDED, part->rec->job_error);
}

static guint
count_in_flight (FreightLoadRun *run)
{
  guint n = 0;

  for (guint i = 0; i < run->parts->len; i++)
    n += get_part (run, i + 1)->in_flight;
  return n;
}

static void
dispatch_part (FreightLoadRun  *run,
               FreightLoadPart *part,
               guint           *n_in_flight,
               guint           *n_results)
{
  FreightPartStep step = part->rec->step;

  if (part->busy || run->stopping)
    return;

  if (step == FREIGHT_PART_STEP_PREPARED && part->rec->info.n_rows == 0)
    {
      /* Every record of the part was left out: nothing to send. */
      leave_waiting (run);
      save_in_scheduler (run, part, FREIGHT_PART_STEP_ENDED, NULL);
      step = part->rec->step;
    }

  if (run->cancelling)
    {
      if (step == FREIGHT_PART_STEP_PREPARED || step == FREIGHT_PART_STEP_CREATING)
        {
          if (step == FREIGHT_PART_STEP_PREPARED && !part->in_flight)
            leave_waiting (run);
          mark_not_sent (run, part);
          return;
        }
      if (step >= FREIGHT_PART_STEP_CREATED && step <= FREIGHT_PART_STEP_ABORTING)
        {
          push_task (run, new_task (run, TASK_ABORT, part));
          return;
        }
    }
  else if (step >= FREIGHT_PART_STEP_PREPARED && step <= FREIGHT_PART_STEP_CLOSING)
    {
      gboolean has_job = step >= FREIGHT_PART_STEP_CREATED;

      /* A resumed part with a job holds its slot already. */
      if (!part->in_flight && !has_job && *n_in_flight >= run->record->jobs_in_flight)
        return;
      if (!part->in_flight)
        {
          part->in_flight = TRUE;
          (*n_in_flight)++;
          if (step == FREIGHT_PART_STEP_PREPARED || step == FREIGHT_PART_STEP_CREATING)
            leave_waiting (run);
        }
      push_task (run, new_task (run, TASK_START, part));
      return;
    }
  else if (step == FREIGHT_PART_STEP_ABORTING)
    {
      /* Resumed in the middle of a cancel that the run forgot: finish the abort. */
      push_task (run, new_task (run, TASK_ABORT, part));
      return;
    }

  if (step == FREIGHT_PART_STEP_CLOSED && !part->in_flight)
    {
      part->in_flight = TRUE;
      (*n_in_flight)++;
    }

  if ((step >= FREIGHT_PART_STEP_ENDED && step <= FREIGHT_PART_STEP_DOWNLOADED) ||
      ((step == FREIGHT_PART_STEP_RECONCILED || step == FREIGHT_PART_STEP_WRITING) &&
       part->result == NULL))
    {
      if (*n_results >= MAX_RESULTS_AT_ONCE)
        return;
      (*n_results)++;
      push_task (run, new_task (run, TASK_RESULTS, part));
      return;
    }

  if ((step == FREIGHT_PART_STEP_RECONCILED || step == FREIGHT_PART_STEP_WRITING) &&
      part->rec->info.number == run->next_write && !run->writing)
    {
      Task *task = new_task (run, TASK_WRITE, part);

      task->result = g_object_ref (part->result);
      run->writing = TRUE;
      push_task (run, task);
    }
}

static void
dispatch_poll (FreightLoadRun *run)
{
  gint64 now = g_get_monotonic_time ();
  Task *task = NULL;

  if (run->polling || run->stopping || now < run->poll_not_before)
    return;
  for (guint i = 0; i < run->parts->len; i++)
    {
      FreightLoadPart *part = get_part (run, i + 1);

      if (part->busy || part->rec->step != FREIGHT_PART_STEP_CLOSED || part->next_poll > now)
        continue;
      if (task == NULL)
        {
          task = new_task (run, TASK_POLL, NULL);
          task->poll_parts = g_array_new (FALSE, FALSE, sizeof (guint));
          task->poll_ids = g_ptr_array_new_with_free_func (g_free);
        }
      g_array_append_val (task->poll_parts, part->rec->info.number);
      g_ptr_array_add (task->poll_ids, g_strdup (part->rec->job_id));
      part->busy = TRUE;
    }
  if (task != NULL)
    {
      run->polling = TRUE;
      push_task (run, task);
    }
}

static void
dispatch (FreightLoadRun *run)
{
  guint n_in_flight = count_in_flight (run);
  guint n_results = 0;

  if (run->stopping)
    return;
  for (guint i = 0; i < run->parts->len; i++)
    {
      FreightLoadPart *part = get_part (run, i + 1);

      if (part->busy && part->rec->step >= FREIGHT_PART_STEP_ENDED &&
          part->rec->step <= FREIGHT_PART_STEP_WRITING && !(run->writing &&
                                                             part->rec->info.number ==
                                                             run->next_write))
        n_results++;
    }
  for (guint i = 0; i < run->parts->len && !run->stopping; i++)
    dispatch_part (run, get_part (run, i + 1), &n_in_flight, &n_results);
  dispatch_poll (run);
}

/* --- Events --- */

static void
schedule_first_poll (FreightLoadRun  *run,
                     FreightLoadPart *part)
{
  part->interval = run->record->poll_interval;
  part->next_poll = g_get_monotonic_time () + (gint64) part->interval * 1000;
  part->poll_failures = 0;
}

static void
handle_polled (FreightLoadRun *run,
               Task           *task)
{
  gint64 now = g_get_monotonic_time ();

  run->polling = FALSE;
  for (guint i = 0; i < task->poll_parts->len; i++)
    {
      FreightLoadPart *part = get_part (run, g_array_index (task->poll_parts, guint, i));
      FreightBulkJob *job = task->poll_jobs->pdata[i];
      GError *error = task->poll_errors->pdata[i];
      gboolean progress;

      part->busy = FALSE;
      if (part->rec->step != FREIGHT_PART_STEP_CLOSED)
        continue;
      if (job == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            continue;
          if (error->domain == FREIGHT_AUTH_ERROR ||
              g_error_matches (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_NOT_FOUND) ||
              ++part->poll_failures > MAX_POLL_FAILURES)
            {
              fail (run, g_error_copy (error));
              return;
            }
          if (g_error_matches (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_RATE_LIMITED))
            run->poll_not_before = now + RATE_LIMIT_PAUSE_US;
          part->interval = MIN (part->interval * 2, run->record->max_poll_interval);
          part->next_poll = now + (gint64) part->interval * 1000;
          continue;
        }

      part->poll_failures = 0;
      progress = g_strcmp0 (part->rec->job_state, freight_bulk_job_get_state_name (job)) != 0 ||
                 (guint64) MAX (freight_bulk_job_get_number_records_processed (job), 0)
                   != part->rec->n_processed;
      _freight_load_set_job_end (part->rec, job);
      part->state = _freight_load_part_ui_state (part->rec);
      if (freight_bulk_job_is_terminal (job))
        {
          release_slot (part);
          if (!_freight_load_journal_save_job (run->journal, run->record->id,
                                               part->rec->info.number, part->rec->job_id,
                                               "ended", NULL))
            g_debug ("could not note job %s as ended", part->rec->job_id);
          save_in_scheduler (run, part, FREIGHT_PART_STEP_ENDED, part->rec->job_state);
          continue;
        }
      /* Slow down while nothing happens; keep the pace while the job moves. */
      if (!progress)
        part->interval = MIN (part->interval * 3 / 2, run->record->max_poll_interval);
      part->next_poll = now + (gint64) part->interval * 1000;
    }
}

static void
delete_part_files (FreightLoadRun          *run,
                   const FreightPartRecord *rec)
{
  g_autoptr(FreightSpoolPart) spool = NULL;

  if (run->record->keep_spool)
    return;
  spool = _freight_load_spool_part (run, rec);
  for (guint i = 0; i < FREIGHT_SPOOL_N_FILES; i++)
    {
      g_autoptr(GFile) file = freight_spool_part_get_file (spool, i);

      g_file_delete (file, NULL, NULL);
    }
}

static void
handle_task (FreightLoadRun *run,
             Task           *task)
{
  FreightLoadPart *part = task->part > 0 ? get_part (run, task->part) : NULL;
  GError *error = g_steal_pointer (&task->error);
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  run->n_busy--;
  if (task->kind == TASK_POLL)
    {
      handle_polled (run, task);
      g_clear_error (&error);
      return;
    }

  part->busy = FALSE;
  g_clear_object (&part->cancellable);
  replace_rec (part, g_steal_pointer (&task->rec));

  if (task->kind == TASK_WRITE)
    run->writing = FALSE;
  if (error != NULL)
    {
      /* A start interrupted by freight_load_cancel(): its job is aborted next. */
      if (cancelled && (run->stopping || (run->cancelling && task->kind == TASK_START)))
        g_clear_error (&error);
      else
        fail (run, g_steal_pointer (&error));
      return;
    }

  switch (task->kind)
    {
    case TASK_START:
    case TASK_ABORT:
      if (part->rec->step == FREIGHT_PART_STEP_CLOSED)
        schedule_first_poll (run, part);
      if (part->rec->step >= FREIGHT_PART_STEP_ENDED)
        release_slot (part);
      break;

    case TASK_RESULTS:
      g_set_object (&part->result, task->result);
      break;

    case TASK_WRITE:
      g_mutex_lock (&run->lock);
      freight_reconcile_output_get_state (run->output, &run->output_state);
      g_mutex_unlock (&run->lock);
      g_clear_object (&part->result);
      run->next_write++;
      delete_part_files (run, part->rec);
      break;

    case TASK_POLL:
    default:
      g_assert_not_reached ();
    }
}

static void
handle_event (FreightLoadRun *run,
              Event          *event)
{
  switch (event->kind)
    {
    case EVENT_PREPARING:
      {
        FreightLoadPart *part = g_new0 (FreightLoadPart, 1);

        part->rec = g_steal_pointer (&event->rec);
        part->state = FREIGHT_LOAD_JOB_STATE_PREPARING;
        g_assert (part->rec->info.number == run->parts->len + 1);
        g_ptr_array_add (run->parts, part);
      }
      break;

    case EVENT_PREPARED:
      {
        guint number = event->rec->info.number;

        replace_rec (get_part (run, number), g_steal_pointer (&event->rec));
      }
      break;

    case EVENT_PREPARE_DONE:
      {
        GError *error = NULL;

        g_thread_join (g_steal_pointer (&run->prep_thread));
        run->all_prepared = TRUE;
        g_clear_pointer (&run->plan, freight_mapping_plan_unref);
        run->record->all_prepared = TRUE;
        if (!_freight_load_journal_save_run (run->journal, run->record, &error))
          fail (run, error);
      }
      break;

    case EVENT_PREPARE_FAILED:
      g_thread_join (g_steal_pointer (&run->prep_thread));
      if (!g_error_matches (event->error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !run->stopping)
        fail (run, g_steal_pointer (&event->error));
      break;

    case EVENT_TASK_DONE:
      handle_task (run, event->task);
      break;

    case EVENT_CANCEL:
      if (!run->cancelling && !run->stopping)
        {
          GError *error = NULL;

          g_mutex_lock (&run->prep_lock);
          run->cancelling = TRUE;
          g_cond_broadcast (&run->prep_cond);
          g_mutex_unlock (&run->prep_lock);
          run->record->state = FREIGHT_LOAD_STATE_CANCELLING;
          if (!_freight_load_journal_save_run (run->journal, run->record, &error))
            fail (run, error);
          if (run->preparer != NULL)
            _freight_preparer_stop (run->preparer, _("not sent: the load was cancelled"));
          /* Steps that talk to a job stop where they are; the job is aborted next. */
          for (guint i = 0; i < run->parts->len; i++)
            {
              FreightLoadPart *part = get_part (run, i + 1);

              if (part->busy && part->cancellable != NULL &&
                  part->rec->step < FREIGHT_PART_STEP_CLOSED)
                g_cancellable_cancel (part->cancellable);
            }
          g_mutex_lock (&run->lock);
          run->snapshot.state = FREIGHT_LOAD_STATE_CANCELLING;
          g_mutex_unlock (&run->lock);
        }
      break;

    case EVENT_WAKE:
      if (g_cancellable_is_cancelled (run->cancellable) && !run->stopping)
        fail (run, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                        _("The load was stopped; resume it to go on.")));
      break;

    default:
      g_assert_not_reached ();
    }
}

/* --- The loop --- */

static gint64
next_wakeup_ms (FreightLoadRun *run)
{
  gint64 now = g_get_monotonic_time ();
  gint64 wake = G_MAXINT64;

  for (guint i = 0; i < run->parts->len; i++)
    {
      FreightLoadPart *part = get_part (run, i + 1);

      if (part->rec->step == FREIGHT_PART_STEP_UPLOADING ||
          (part->busy && part->rec->step == FREIGHT_PART_STEP_CREATED))
        wake = MIN (wake, now + PROGRESS_TICK_MS * 1000);
      if (part->rec->step == FREIGHT_PART_STEP_CLOSED && !part->busy && !run->polling)
        wake = MIN (wake, MAX (part->next_poll, run->poll_not_before));
    }
  if (run->prep_thread != NULL)
    wake = MIN (wake, now + PROGRESS_TICK_MS * 1000);
  if (wake == G_MAXINT64)
    return 1000;
  return MAX ((wake - now + 999) / 1000, 0);
}

static gboolean
all_written (FreightLoadRun *run)
{
  if (!run->all_prepared || run->prep_thread != NULL || run->n_busy > 0)
    return FALSE;
  for (guint i = 0; i < run->parts->len; i++)
    if (get_part (run, i + 1)->rec->step != FREIGHT_PART_STEP_WRITTEN)
      return FALSE;
  return TRUE;
}

static void
set_final_state (FreightLoadRun   *run,
                 FreightLoadState  state)
{
  g_autoptr(GError) error = NULL;

  run->record->state = state;
  if (state == FREIGHT_LOAD_STATE_FINISHED || state == FREIGHT_LOAD_STATE_CANCELLED)
    run->record->finished_at = g_get_real_time ();
  g_free (run->record->error);
  run->record->error = run->error != NULL ? g_strdup (run->error->message) : NULL;
  if (!_freight_load_journal_save_run (run->journal, run->record, &error))
    g_warning ("%s", error->message);
  if (state != FREIGHT_LOAD_STATE_FAILED || run->record->error != NULL)
    _freight_load_add_final_event (run, state);

  g_mutex_lock (&run->lock);
  run->snapshot.state = state;
  g_mutex_unlock (&run->lock);
}

static gboolean
finish (FreightLoadRun  *run,
        GError         **error)
{
  guint64 n_records = run->parts->len > 0
                        ? get_part (run, run->parts->len)->rec->info.last_record : 0;

  if (!freight_reconcile_output_close (run->output, NULL, error) ||
      !freight_reconcile_output_check (run->output, n_records, error))
    return FALSE;
  g_mutex_lock (&run->lock);
  freight_reconcile_output_get_state (run->output, &run->output_state);
  g_mutex_unlock (&run->lock);
  set_final_state (run, run->cancelling ? FREIGHT_LOAD_STATE_CANCELLED
                                        : FREIGHT_LOAD_STATE_FINISHED);
  if (!_freight_load_write_summary (run, error))
    return FALSE;
  _freight_load_remove_spool (run);
  return TRUE;
}

/**
 * _freight_load_run_schedule:
 *
 * Runs the load until every row is written, the run is stopped, or an error; blocks.
 */
gboolean
_freight_load_run_schedule (FreightLoadRun  *run,
                            GError         **error)
{
  gboolean done = FALSE;

  run->pool = g_thread_pool_new (run_task, run, run->record->jobs_in_flight + 3, FALSE, NULL);
  if (run->cancellable != NULL)
    run->cancelled_id = g_cancellable_connect (run->cancellable, G_CALLBACK (on_cancelled),
                                               run, NULL);
  g_mutex_lock (&run->lock);
  freight_reconcile_output_get_state (run->output, &run->output_state);
  g_mutex_unlock (&run->lock);
  if (!run->all_prepared)
    start_preparer (run);
  for (guint i = 0; i < run->parts->len; i++)
    {
      FreightLoadPart *part = get_part (run, i + 1);

      if (part->rec->step == FREIGHT_PART_STEP_CLOSED)
        {
          /* Resumed: ask about it now. */
          part->interval = run->record->poll_interval;
          part->next_poll = 0;
        }
    }

  for (;;)
    {
      Event *event;

      dispatch (run);
      _freight_load_update_snapshot (run);
      _freight_load_publish (run, FALSE);
      if (all_written (run) && !run->stopping)
        {
          done = TRUE;
          break;
        }
      if (run->stopping && run->n_busy == 0 && run->prep_thread == NULL)
        break;
      event = g_async_queue_timeout_pop (run->events, next_wakeup_ms (run) * 1000);
      while (event != NULL)
        {
          handle_event (run, event);
          event_free (event);
          event = g_async_queue_try_pop (run->events);
        }
    }

  g_thread_pool_free (g_steal_pointer (&run->pool), FALSE, TRUE);
  if (run->cancelled_id != 0)
    g_cancellable_disconnect (run->cancellable, run->cancelled_id);

  if (done && !finish (run, &run->error))
    done = FALSE;
  if (!done)
    {
      if (run->error == NULL)
        run->error = g_error_new_literal (FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_FAILED,
                                          "The load stopped");
      set_final_state (run, g_error_matches (run->error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                              ? FREIGHT_LOAD_STATE_INTERRUPTED : FREIGHT_LOAD_STATE_FAILED);
      g_propagate_error (error, g_error_copy (run->error));
    }
  _freight_load_update_snapshot (run);
  _freight_load_publish (run, TRUE);
  return done;
}
