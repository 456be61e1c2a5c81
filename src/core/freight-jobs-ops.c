/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-jobs"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "freight-bulk-client.h"
#include "freight-export.h"
#include "freight-jobs.h"
#include "freight-jobs-private.h"

/* What FreightJobs does with the org's jobs: refresh, show, abort, delete, download the
 * result files. Each operation has a network part (op_work(), any thread: the worker of
 * the _async calls) and a model part (op_apply(), the thread that made the model). */

/* Operations -------------------------------------------------------------------------- */

typedef enum
{
  OP_REFRESH,
  OP_SHOW,
  OP_ABORT,
  OP_DELETE,
  OP_DOWNLOAD,
} Op;

typedef struct
{
  Op                  op;
  char               *job_id;
  char               *folder;
  gboolean            kind_known;
  FreightBulkJobKind  kind;

  /* Results, from the worker */
  GPtrArray          *jobs;       /* OP_REFRESH */
  FreightBulkJob     *job;        /* OP_SHOW, OP_ABORT, OP_DOWNLOAD */
  char              **files;      /* OP_DOWNLOAD */
} OpData;

static void
op_data_free (OpData *data)
{
  g_free (data->job_id);
  g_free (data->folder);
  g_clear_pointer (&data->jobs, g_ptr_array_unref);
  g_clear_object (&data->job);
  g_strfreev (data->files);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpData, op_data_free)

static OpData *
op_data_new (FreightJobs *self,
             Op           op,
             const char  *job_id,
             const char  *folder)
{
  OpData *data = g_new0 (OpData, 1);
  FreightBulkJob *known = freight_jobs_lookup (self, job_id);

  data->op = op;
  data->job_id = g_strdup (job_id);
  data->folder = g_strdup (folder);
  if (known != NULL)
    {
      data->kind_known = TRUE;
      data->kind = freight_bulk_job_get_kind (known);
    }
  return data;
}

static gboolean
resolve_kind (FreightBulkClient  *client,
              OpData             *data,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autoptr(FreightBulkJob) job = NULL;

  if (data->kind_known)
    return TRUE;
  job = freight_bulk_client_find_job (client, data->job_id, cancellable, error);
  if (job == NULL)
    return FALSE;
  data->kind = freight_bulk_job_get_kind (job);
  data->kind_known = TRUE;
  return TRUE;
}

static char *
result_path (const char *folder,
             const char *job_id,
             const char *suffix)
{
  g_autofree char *name = g_strconcat (job_id, "-", suffix, NULL);

  return g_build_filename (folder, name, NULL);
}

/* Ingest jobs: the three result sets; query jobs: every page joined into one file. */
static char **
download (FreightBulkClient  *client,
          FreightBulkJob     *job,
          const char         *folder,
          GCancellable       *cancellable,
          GError            **error)
{
  g_autoptr(GStrvBuilder) files = g_strv_builder_new ();
  const char *id = freight_bulk_job_get_id (job);
  FreightBulkJobState state = freight_bulk_job_get_state (job);

  if (!freight_bulk_job_is_terminal (job))
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                   _("Job %s is %s: its results can be downloaded once it is complete, "
                     "failed or aborted."), id,
                   freight_bulk_job_state_get_display_name (state));
      return NULL;
    }
  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), folder, g_strerror (saved_errno));
      return NULL;
    }

  if (freight_bulk_job_get_kind (job) == FREIGHT_BULK_JOB_KIND_INGEST)
    {
      for (FreightBulkResults r = 0; r < FREIGHT_BULK_N_RESULTS; r++)
        {
          g_autofree char *path = result_path (folder, id,
                                               freight_bulk_results_get_file_name (r));

          if (!freight_bulk_client_download_results (client, id, r, path, NULL, NULL,
                                                     cancellable, error))
            return NULL;
          g_strv_builder_add (files, path);
        }
    }
  else
    {
      g_autoptr(FreightExport) export = NULL;
      g_autofree char *path = result_path (folder, id, "results.csv");

      if (state != FREIGHT_BULK_JOB_STATE_JOB_COMPLETE)
        {
          g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                       _("Query job %s is %s: it has no results."), id,
                       freight_bulk_job_state_get_display_name (state));
          return NULL;
        }
      export = freight_export_new (freight_bulk_client_get_session (client));
      freight_export_set_job_id (export, id);
      freight_export_set_output_path (export, path);
      if (!freight_export_run (export, cancellable, error))
        return NULL;
      g_strv_builder_add (files, path);
    }

  return g_strv_builder_end (files);
}

/* The network part of an operation; any thread. */
static gboolean
op_work (FreightBulkClient  *client,
         OpData             *data,
         GCancellable       *cancellable,
         GError            **error)
{
  switch (data->op)
    {
    case OP_REFRESH:
      {
        g_autoptr(GPtrArray) queries = NULL;

        data->jobs = freight_bulk_client_list_jobs (client, FREIGHT_BULK_JOB_KIND_INGEST,
                                                    cancellable, error);
        if (data->jobs == NULL)
          return FALSE;
        queries = freight_bulk_client_list_jobs (client, FREIGHT_BULK_JOB_KIND_QUERY,
                                                 cancellable, error);
        if (queries == NULL)
          return FALSE;
        for (guint i = 0; i < queries->len; i++)
          g_ptr_array_add (data->jobs, g_object_ref (g_ptr_array_index (queries, i)));
        return TRUE;
      }

    case OP_SHOW:
      data->job = freight_bulk_client_find_job (client, data->job_id, cancellable, error);
      return data->job != NULL;

    case OP_ABORT:
      {
        g_autoptr(FreightBulkJob) aborted = NULL;

        if (!resolve_kind (client, data, cancellable, error))
          return FALSE;
        aborted = freight_bulk_client_abort_job (client, data->kind, data->job_id,
                                                 cancellable, error);
        if (aborted == NULL)
          return FALSE;
        /* The abort answer has no counters; a GET has. */
        data->job = freight_bulk_client_get_job (client, data->kind, data->job_id,
                                                 cancellable, NULL);
        if (data->job == NULL)
          data->job = g_steal_pointer (&aborted);
        return TRUE;
      }

    case OP_DELETE:
      return resolve_kind (client, data, cancellable, error)
             && freight_bulk_client_delete_job (client, data->kind, data->job_id, cancellable,
                                                error);

    case OP_DOWNLOAD:
      data->job = freight_bulk_client_find_job (client, data->job_id, cancellable, error);
      if (data->job == NULL)
        return FALSE;
      data->files = download (client, data->job, data->folder, cancellable, error);
      return data->files != NULL;

    default:
      g_assert_not_reached ();
    }
}

/* The model part; the owner's thread. */
static void
op_apply (FreightJobs *self,
          OpData      *data)
{
  switch (data->op)
    {
    case OP_REFRESH:
      _freight_jobs_apply_listing (self, data->jobs);
      break;

    case OP_SHOW:
    case OP_ABORT:
    case OP_DOWNLOAD:
      g_set_object (&data->job, _freight_jobs_merge_job (self, data->job));
      _freight_jobs_rebuild (self);
      break;

    case OP_DELETE:
      _freight_jobs_forget_job (self, data->job_id);
      _freight_jobs_rebuild (self);
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
run_sync (FreightJobs   *self,
          OpData        *data,
          GCancellable  *cancellable,
          GError       **error)
{
  gboolean ok;

  if (data->op == OP_REFRESH)
    _freight_jobs_set_loading (self, TRUE);
  ok = op_work (freight_jobs_get_client (self), data, cancellable, error);
  if (ok)
    op_apply (self, data);
  if (data->op == OP_REFRESH)
    _freight_jobs_set_loading (self, FALSE);
  return ok;
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  FreightJobs *self = source_object;
  GError *error = NULL;

  if (op_work (freight_jobs_get_client (self), task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Back in the owner's context: apply, then finish the caller's task. */
static void
op_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  FreightJobs *self = FREIGHT_JOBS (source);
  g_autoptr(GTask) outer = user_data;
  OpData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (data->op == OP_REFRESH)
    _freight_jobs_set_loading (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  op_apply (self, data);
  g_task_return_boolean (outer, TRUE);
}

static void
run_async (FreightJobs         *self,
           OpData              *data,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = g_task_new (self, cancellable, op_done, outer);

  /* The caller's task owns the data: its _finish reads the results. */
  g_task_set_source_tag (outer, source_tag);
  g_task_set_source_tag (inner, source_tag);
  g_task_set_task_data (outer, data, (GDestroyNotify) op_data_free);
  g_task_set_task_data (inner, data, NULL);
  if (data->op == OP_REFRESH)
    _freight_jobs_set_loading (self, TRUE);
  g_task_run_in_thread (inner, op_thread);
}

static OpData *
finish (FreightJobs   *self,
        GAsyncResult  *result,
        gpointer       source_tag,
        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_task_get_task_data (G_TASK (result));
}

/**
 * freight_jobs_refresh:
 * @self: a model
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Lists every ingest and query job of the org (all pages) and merges them into the
 * model. Blocks; call it on the thread that made the model.
 *
 * Returns: %TRUE when the model holds the org's jobs
 */
gboolean
freight_jobs_refresh (FreightJobs   *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(OpData) data = NULL;

  g_return_val_if_fail (FREIGHT_IS_JOBS (self), FALSE);

  data = op_data_new (self, OP_REFRESH, NULL, NULL);
  return run_sync (self, data, cancellable, error);
}

/**
 * freight_jobs_refresh_async:
 * @self: a model
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the model holds the org's jobs
 * @user_data: data for @callback
 *
 * freight_jobs_refresh() with the listing on a worker thread.
 */
void
freight_jobs_refresh_async (FreightJobs         *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (FREIGHT_IS_JOBS (self));

  run_async (self, op_data_new (self, OP_REFRESH, NULL, NULL), freight_jobs_refresh_async,
             cancellable, callback, user_data);
}

gboolean
freight_jobs_refresh_finish (FreightJobs   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish (self, result, freight_jobs_refresh_async, error) != NULL;
}

/**
 * freight_jobs_show:
 * @self: a model
 * @job_id: an ingest or query job
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Fetches the job's current state, counters and timings into the model. Blocks.
 *
 * Returns: (transfer full): the model's job
 */
FreightBulkJob *
freight_jobs_show (FreightJobs   *self,
                   const char    *job_id,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(OpData) data = NULL;

  g_return_val_if_fail (FREIGHT_IS_JOBS (self), NULL);

  data = op_data_new (self, OP_SHOW, job_id, NULL);
  if (!run_sync (self, data, cancellable, error))
    return NULL;
  return g_steal_pointer (&data->job);
}

void
freight_jobs_show_async (FreightJobs         *self,
                         const char          *job_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (FREIGHT_IS_JOBS (self));

  run_async (self, op_data_new (self, OP_SHOW, job_id, NULL), freight_jobs_show_async,
             cancellable, callback, user_data);
}

/**
 * freight_jobs_show_finish:
 * @self: a model
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the model's job
 */
FreightBulkJob *
freight_jobs_show_finish (FreightJobs   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  OpData *data = finish (self, result, freight_jobs_show_async, error);

  return data != NULL ? g_object_ref (data->job) : NULL;
}

/**
 * freight_jobs_abort:
 * @self: a model
 * @job_id: an unfinished ingest or query job
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Aborts the job; the model's job shows its new state. Blocks.
 *
 * Returns: (transfer full): the model's job
 */
FreightBulkJob *
freight_jobs_abort (FreightJobs   *self,
                    const char    *job_id,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(OpData) data = NULL;

  g_return_val_if_fail (FREIGHT_IS_JOBS (self), NULL);

  data = op_data_new (self, OP_ABORT, job_id, NULL);
  if (!run_sync (self, data, cancellable, error))
    return NULL;
  return g_steal_pointer (&data->job);
}

void
freight_jobs_abort_async (FreightJobs         *self,
                          const char          *job_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (FREIGHT_IS_JOBS (self));

  run_async (self, op_data_new (self, OP_ABORT, job_id, NULL), freight_jobs_abort_async,
             cancellable, callback, user_data);
}

/**
 * freight_jobs_abort_finish:
 * @self: a model
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the model's job
 */
FreightBulkJob *
freight_jobs_abort_finish (FreightJobs   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  OpData *data = finish (self, result, freight_jobs_abort_async, error);

  return data != NULL ? g_object_ref (data->job) : NULL;
}

/**
 * freight_jobs_delete:
 * @self: a model
 * @job_id: a finished (or closed ingest) job
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Deletes the job with its data and results, and drops it from the model. Blocks.
 *
 * Returns: %TRUE when the job is gone
 */
gboolean
freight_jobs_delete (FreightJobs   *self,
                     const char    *job_id,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(OpData) data = NULL;

  g_return_val_if_fail (FREIGHT_IS_JOBS (self), FALSE);

  data = op_data_new (self, OP_DELETE, job_id, NULL);
  return run_sync (self, data, cancellable, error);
}

void
freight_jobs_delete_async (FreightJobs         *self,
                           const char          *job_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (FREIGHT_IS_JOBS (self));

  run_async (self, op_data_new (self, OP_DELETE, job_id, NULL), freight_jobs_delete_async,
             cancellable, callback, user_data);
}

gboolean
freight_jobs_delete_finish (FreightJobs   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return finish (self, result, freight_jobs_delete_async, error) != NULL;
}

/**
 * freight_jobs_download_results:
 * @self: a model
 * @job_id: a finished job of any tool
 * @folder: where to save the files (created when missing)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Saves the job's result files, named after the job: for an ingest job
 * `ID-success.csv`, `ID-failed.csv` and `ID-unprocessed.csv` as the org serves them; for
 * a query job `ID-results.csv`, every page joined with one header. Blocks.
 *
 * Returns: (transfer full): the files written
 */
char **
freight_jobs_download_results (FreightJobs   *self,
                               const char    *job_id,
                               const char    *folder,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(OpData) data = NULL;

  g_return_val_if_fail (FREIGHT_IS_JOBS (self), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  data = op_data_new (self, OP_DOWNLOAD, job_id, folder);
  if (!run_sync (self, data, cancellable, error))
    return NULL;
  return g_steal_pointer (&data->files);
}

void
freight_jobs_download_results_async (FreightJobs         *self,
                                     const char          *job_id,
                                     const char          *folder,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (FREIGHT_IS_JOBS (self));
  g_return_if_fail (folder != NULL);

  run_async (self, op_data_new (self, OP_DOWNLOAD, job_id, folder),
             freight_jobs_download_results_async, cancellable, callback, user_data);
}

/**
 * freight_jobs_download_results_finish:
 * @self: a model
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the files written
 */
char **
freight_jobs_download_results_finish (FreightJobs   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  OpData *data = finish (self, result, freight_jobs_download_results_async, error);

  return data != NULL ? g_strdupv (data->files) : NULL;
}
