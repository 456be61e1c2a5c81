/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-org"

#include "config.h"

#include "freight-org-session.h"

/* The _async/_finish variants of FreightOrgSession's blocking calls, for the main
 * thread: each runs the sync call on a worker thread. */

typedef enum
{
  OP_CONNECT,
  OP_DESCRIBE_GLOBAL,
  OP_DESCRIBE_SOBJECT,
  OP_LIMITS,
} Op;

typedef struct
{
  Op    op;
  char *name;
} OpData;

static void
op_data_free (OpData *data)
{
  g_free (data->name);
  g_free (data);
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  FreightOrgSession *self = source_object;
  OpData *data = task_data;
  GError *error = NULL;
  JsonObject *object = NULL;

  switch (data->op)
    {
    case OP_CONNECT:
      if (freight_org_session_connect (self, cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;

    case OP_DESCRIBE_GLOBAL:
      object = freight_org_session_describe_global (self, cancellable, &error);
      break;

    case OP_DESCRIBE_SOBJECT:
      object = freight_org_session_describe_sobject (self, data->name, cancellable, &error);
      break;

    case OP_LIMITS:
      object = freight_org_session_get_limits (self, cancellable, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (object != NULL)
    g_task_return_pointer (task, object, (GDestroyNotify) json_object_unref);
  else
    g_task_return_error (task, error);
}

static void
run_op (FreightOrgSession   *self,
        Op                   op,
        const char          *name,
        gpointer             source_tag,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpData *data = g_new0 (OpData, 1);

  data->op = op;
  data->name = g_strdup (name);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);
  g_task_run_in_thread (task, op_thread);
}

void
freight_org_session_connect_async (FreightOrgSession   *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (FREIGHT_IS_ORG_SESSION (self));

  run_op (self, OP_CONNECT, NULL, freight_org_session_connect_async, cancellable, callback,
          user_data);
}

gboolean
freight_org_session_connect_finish (FreightOrgSession  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == freight_org_session_connect_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
freight_org_session_describe_global_async (FreightOrgSession   *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (FREIGHT_IS_ORG_SESSION (self));

  run_op (self, OP_DESCRIBE_GLOBAL, NULL, freight_org_session_describe_global_async,
          cancellable, callback, user_data);
}

/**
 * freight_org_session_describe_global_finish:
 * @self: a session
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the describeGlobal answer, a new object of the caller's
 */
JsonObject *
freight_org_session_describe_global_finish (FreightOrgSession  *self,
                                            GAsyncResult       *result,
                                            GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == freight_org_session_describe_global_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
freight_org_session_describe_sobject_async (FreightOrgSession   *self,
                                            const char          *name,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (FREIGHT_IS_ORG_SESSION (self));
  g_return_if_fail (name != NULL);

  run_op (self, OP_DESCRIBE_SOBJECT, name, freight_org_session_describe_sobject_async,
          cancellable, callback, user_data);
}

/**
 * freight_org_session_describe_sobject_finish:
 * @self: a session
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the describe answer, a new object of the caller's
 */
JsonObject *
freight_org_session_describe_sobject_finish (FreightOrgSession  *self,
                                             GAsyncResult       *result,
                                             GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == freight_org_session_describe_sobject_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
freight_org_session_get_limits_async (FreightOrgSession   *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (FREIGHT_IS_ORG_SESSION (self));

  run_op (self, OP_LIMITS, NULL, freight_org_session_get_limits_async, cancellable, callback,
          user_data);
}

/**
 * freight_org_session_get_limits_finish:
 * @self: a session
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the limits object
 */
JsonObject *
freight_org_session_get_limits_finish (FreightOrgSession  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == freight_org_session_get_limits_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
