/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-bulk"

#include "config.h"

#include "freight-bulk-client.h"

/* The _async/_finish variants of FreightBulkClient's calls that the app's jobs page
 * makes from the main thread: each runs the blocking call on a worker thread. */

typedef enum
{
  OP_GET,
  OP_FIND,
  OP_ABORT,
  OP_DELETE,
  OP_LIST,
} Op;

typedef struct
{
  Op                  op;
  FreightBulkJobKind  kind;
  char               *job_id;
} OpData;

static void
op_data_free (OpData *data)
{
  g_free (data->job_id);
  g_free (data);
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  FreightBulkClient *self = source_object;
  OpData *data = task_data;
  GError *error = NULL;
  FreightBulkJob *job = NULL;
  GPtrArray *jobs;

  switch (data->op)
    {
    case OP_GET:
      job = freight_bulk_client_get_job (self, data->kind, data->job_id, cancellable, &error);
      break;

    case OP_FIND:
      job = freight_bulk_client_find_job (self, data->job_id, cancellable, &error);
      break;

    case OP_ABORT:
      job = freight_bulk_client_abort_job (self, data->kind, data->job_id, cancellable,
                                           &error);
      break;

    case OP_DELETE:
      if (freight_bulk_client_delete_job (self, data->kind, data->job_id, cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;

    case OP_LIST:
      jobs = freight_bulk_client_list_jobs (self, data->kind, cancellable, &error);
      if (jobs != NULL)
        g_task_return_pointer (task, jobs, (GDestroyNotify) g_ptr_array_unref);
      else
        g_task_return_error (task, error);
      return;

    default:
      g_assert_not_reached ();
    }

  if (job != NULL)
    g_task_return_pointer (task, job, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
run_op (FreightBulkClient   *self,
        Op                   op,
        FreightBulkJobKind   kind,
        const char          *job_id,
        gpointer             source_tag,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpData *data = g_new0 (OpData, 1);

  data->op = op;
  data->kind = kind;
  data->job_id = g_strdup (job_id);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);
  g_task_run_in_thread (task, op_thread);
}

static gpointer
finish_pointer (FreightBulkClient  *self,
                GAsyncResult       *result,
                gpointer            source_tag,
                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * freight_bulk_client_get_job_async:
 * @self: a client
 * @kind: ingest or query
 * @job_id: the job's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * freight_bulk_client_get_job() on a worker thread.
 */
void
freight_bulk_client_get_job_async (FreightBulkClient   *self,
                                   FreightBulkJobKind   kind,
                                   const char          *job_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (FREIGHT_IS_BULK_CLIENT (self));

  run_op (self, OP_GET, kind, job_id, freight_bulk_client_get_job_async, cancellable,
          callback, user_data);
}

/**
 * freight_bulk_client_get_job_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the job
 */
FreightBulkJob *
freight_bulk_client_get_job_finish (FreightBulkClient  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  return finish_pointer (self, result, freight_bulk_client_get_job_async, error);
}

/**
 * freight_bulk_client_find_job_async:
 * @self: a client
 * @job_id: the id of an ingest or a query job
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * freight_bulk_client_find_job() on a worker thread.
 */
void
freight_bulk_client_find_job_async (FreightBulkClient   *self,
                                    const char          *job_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (FREIGHT_IS_BULK_CLIENT (self));

  run_op (self, OP_FIND, FREIGHT_BULK_JOB_KIND_INGEST, job_id,
          freight_bulk_client_find_job_async, cancellable, callback, user_data);
}

/**
 * freight_bulk_client_find_job_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the job
 */
FreightBulkJob *
freight_bulk_client_find_job_finish (FreightBulkClient  *self,
                                     GAsyncResult       *result,
                                     GError            **error)
{
  return finish_pointer (self, result, freight_bulk_client_find_job_async, error);
}

/**
 * freight_bulk_client_abort_job_async:
 * @self: a client
 * @kind: ingest or query
 * @job_id: the job's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * freight_bulk_client_abort_job() on a worker thread.
 */
void
freight_bulk_client_abort_job_async (FreightBulkClient   *self,
                                     FreightBulkJobKind   kind,
                                     const char          *job_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (FREIGHT_IS_BULK_CLIENT (self));

  run_op (self, OP_ABORT, kind, job_id, freight_bulk_client_abort_job_async, cancellable,
          callback, user_data);
}

/**
 * freight_bulk_client_abort_job_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the job as the org answered
 */
FreightBulkJob *
freight_bulk_client_abort_job_finish (FreightBulkClient  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  return finish_pointer (self, result, freight_bulk_client_abort_job_async, error);
}

/**
 * freight_bulk_client_delete_job_async:
 * @self: a client
 * @kind: ingest or query
 * @job_id: the job's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * freight_bulk_client_delete_job() on a worker thread.
 */
void
freight_bulk_client_delete_job_async (FreightBulkClient   *self,
                                      FreightBulkJobKind   kind,
                                      const char          *job_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (FREIGHT_IS_BULK_CLIENT (self));

  run_op (self, OP_DELETE, kind, job_id, freight_bulk_client_delete_job_async, cancellable,
          callback, user_data);
}

/**
 * freight_bulk_client_delete_job_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the job is gone
 */
gboolean
freight_bulk_client_delete_job_finish (FreightBulkClient  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == freight_bulk_client_delete_job_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * freight_bulk_client_list_jobs_async:
 * @self: a client
 * @kind: ingest or query
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * freight_bulk_client_list_jobs() on a worker thread.
 */
void
freight_bulk_client_list_jobs_async (FreightBulkClient   *self,
                                     FreightBulkJobKind   kind,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (FREIGHT_IS_BULK_CLIENT (self));

  run_op (self, OP_LIST, kind, NULL, freight_bulk_client_list_jobs_async, cancellable,
          callback, user_data);
}

/**
 * freight_bulk_client_list_jobs_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type FreightBulkJob): the jobs
 */
GPtrArray *
freight_bulk_client_list_jobs_finish (FreightBulkClient  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  return finish_pointer (self, result, freight_bulk_client_list_jobs_async, error);
}
