/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-org"

#include "config.h"

#include "freight-org-private.h"
#include "freight-org-session.h"
#include "freight-org-store.h"

/* The _async/_finish side of FreightOrgStore: each operation runs on a worker thread;
 * back on the thread that owns the store, the list model follows the saved list, then
 * the caller's callback runs. */

typedef enum
{
  OP_LOAD,
  OP_SAVE,
  OP_REMOVE,
  OP_SET_DEFAULT,
  OP_CREATE_AUTH,
  OP_SIGN_OUT,
  OP_OPEN_SESSION,
} Op;

typedef struct
{
  Op                 op;
  FreightOrg        *org;
  FreightOrgSecrets *secrets;
  char              *alias;
  FreightHttpClient *http;
  FreightSignOutFlags flags;
  GTask             *outer;
} OpData;

static void
op_data_free (OpData *data)
{
  g_clear_object (&data->org);
  freight_org_secrets_free (data->secrets);
  g_free (data->alias);
  g_clear_object (&data->http);
  g_clear_object (&data->outer);
  g_free (data);
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  FreightOrgStore *self = source_object;
  OpData *data = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (data->op)
    {
    case OP_LOAD:
      ok = _freight_org_store_read_file (self, &error);
      break;

    case OP_SAVE:
      ok = _freight_org_store_do_save (self, data->org, data->secrets, cancellable, &error);
      break;

    case OP_REMOVE:
      ok = _freight_org_store_do_remove (self, data->alias, cancellable, &error);
      break;

    case OP_SET_DEFAULT:
      ok = _freight_org_store_do_set_default (self, data->alias, &error);
      break;

    case OP_SIGN_OUT:
      ok = _freight_org_store_do_sign_out (self, data->alias, data->flags, cancellable,
                                           &error);
      break;

    case OP_OPEN_SESSION:
      {
        FreightOrgSession *session = _freight_org_store_do_open_session (self, data->org,
                                                                         cancellable,
                                                                         &error);

        if (session != NULL)
          g_task_return_pointer (task, session, g_object_unref);
        else
          g_task_return_error (task, error);
      }
      return;

    case OP_CREATE_AUTH:
      {
        FreightAuth *auth = _freight_org_store_do_create_auth (self, data->org, data->http,
                                                               cancellable, &error);

        if (auth != NULL)
          g_task_return_pointer (task, auth, g_object_unref);
        else
          g_task_return_error (task, error);
      }
      return;

    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Back on the owner thread: update the model, then complete the caller's task. */
static void
op_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  FreightOrgStore *self = FREIGHT_ORG_STORE (source);
  OpData *data = g_task_get_task_data (G_TASK (result));
  GTask *outer = data->outer;
  GError *error = NULL;

  if (data->op == OP_OPEN_SESSION)
    {
      FreightOrgSession *session = g_task_propagate_pointer (G_TASK (result), &error);

      if (session != NULL)
        {
          freight_org_store_track_auth (self, data->org,
                                        freight_org_session_get_auth (session));
          g_task_return_pointer (outer, session, g_object_unref);
        }
      else
        g_task_return_error (outer, error);
      return;
    }

  if (data->op == OP_CREATE_AUTH)
    {
      FreightAuth *auth = g_task_propagate_pointer (G_TASK (result), &error);

      if (auth != NULL)
        g_task_return_pointer (outer, auth, g_object_unref);
      else
        g_task_return_error (outer, error);
      return;
    }

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      _freight_org_store_sync_model (self);
      g_task_return_boolean (outer, TRUE);
    }
  else
    g_task_return_error (outer, error);
}

static void
run_op (FreightOrgStore     *self,
        OpData              *data,
        gpointer             source_tag,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;

  data->outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (data->outer, source_tag);

  inner = g_task_new (self, cancellable, op_done, NULL);
  g_task_set_source_tag (inner, run_op);
  g_task_set_task_data (inner, data, (GDestroyNotify) op_data_free);
  g_task_run_in_thread (inner, op_thread);
}

static gboolean
op_finish (FreightOrgStore  *self,
           GAsyncResult     *result,
           gpointer          source_tag,
           GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gpointer
op_finish_pointer (FreightOrgStore  *self,
                   GAsyncResult     *result,
                   gpointer          source_tag,
                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
freight_org_store_load_async (FreightOrgStore     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  OpData *data;

  g_return_if_fail (FREIGHT_IS_ORG_STORE (self));

  data = g_new0 (OpData, 1);
  data->op = OP_LOAD;
  run_op (self, data, freight_org_store_load_async, cancellable, callback, user_data);
}

gboolean
freight_org_store_load_finish (FreightOrgStore  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  return op_finish (self, result, freight_org_store_load_async, error);
}

/**
 * freight_org_store_save_async:
 * @self: a store
 * @org: the org; it is copied
 * @secrets: (nullable): its secrets; they are copied
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the org is saved
 * @user_data: data for @callback
 *
 * See freight_org_store_save().
 */
void
freight_org_store_save_async (FreightOrgStore     *self,
                              FreightOrg          *org,
                              FreightOrgSecrets   *secrets,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  OpData *data;

  g_return_if_fail (FREIGHT_IS_ORG_STORE (self));
  g_return_if_fail (FREIGHT_IS_ORG (org));

  data = g_new0 (OpData, 1);
  data->op = OP_SAVE;
  data->org = freight_org_copy (org);
  data->secrets = freight_org_secrets_copy (secrets);
  run_op (self, data, freight_org_store_save_async, cancellable, callback, user_data);
}

gboolean
freight_org_store_save_finish (FreightOrgStore  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  return op_finish (self, result, freight_org_store_save_async, error);
}

void
freight_org_store_remove_async (FreightOrgStore     *self,
                                const char          *alias,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  OpData *data;

  g_return_if_fail (FREIGHT_IS_ORG_STORE (self));
  g_return_if_fail (alias != NULL);

  data = g_new0 (OpData, 1);
  data->op = OP_REMOVE;
  data->alias = g_strdup (alias);
  run_op (self, data, freight_org_store_remove_async, cancellable, callback, user_data);
}

gboolean
freight_org_store_remove_finish (FreightOrgStore  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  return op_finish (self, result, freight_org_store_remove_async, error);
}

void
freight_org_store_set_default_async (FreightOrgStore     *self,
                                     const char          *alias,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  OpData *data;

  g_return_if_fail (FREIGHT_IS_ORG_STORE (self));
  g_return_if_fail (alias != NULL);

  data = g_new0 (OpData, 1);
  data->op = OP_SET_DEFAULT;
  data->alias = g_strdup (alias);
  run_op (self, data, freight_org_store_set_default_async, cancellable, callback, user_data);
}

gboolean
freight_org_store_set_default_finish (FreightOrgStore  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  return op_finish (self, result, freight_org_store_set_default_async, error);
}

void
freight_org_store_create_auth_async (FreightOrgStore     *self,
                                     FreightOrg          *org,
                                     FreightHttpClient   *http,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  OpData *data;

  g_return_if_fail (FREIGHT_IS_ORG_STORE (self));
  g_return_if_fail (FREIGHT_IS_ORG (org));

  data = g_new0 (OpData, 1);
  data->op = OP_CREATE_AUTH;
  data->org = freight_org_copy (org);
  data->http = g_object_ref (http);
  run_op (self, data, freight_org_store_create_auth_async, cancellable, callback, user_data);
}

/**
 * freight_org_store_create_auth_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the auth object
 */
FreightAuth *
freight_org_store_create_auth_finish (FreightOrgStore  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  return op_finish_pointer (self, result, freight_org_store_create_auth_async, error);
}

/**
 * freight_org_store_sign_out_async:
 * @self: a store
 * @alias: a saved org's alias
 * @flags: what to do when the server cannot revoke
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the org is gone, or could not be signed out
 * @user_data: data for @callback
 *
 * See freight_org_store_sign_out(). The list model drops the org before @callback runs.
 */
void
freight_org_store_sign_out_async (FreightOrgStore      *self,
                                  const char           *alias,
                                  FreightSignOutFlags   flags,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  OpData *data;

  g_return_if_fail (FREIGHT_IS_ORG_STORE (self));
  g_return_if_fail (alias != NULL);

  data = g_new0 (OpData, 1);
  data->op = OP_SIGN_OUT;
  data->alias = g_strdup (alias);
  data->flags = flags;
  run_op (self, data, freight_org_store_sign_out_async, cancellable, callback, user_data);
}

gboolean
freight_org_store_sign_out_finish (FreightOrgStore  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  return op_finish (self, result, freight_org_store_sign_out_async, error);
}

/**
 * freight_org_store_open_session_async:
 * @self: a store
 * @org: a saved org; it is copied
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the session is connected, or could not be
 * @user_data: data for @callback
 *
 * See freight_org_store_open_session().
 */
void
freight_org_store_open_session_async (FreightOrgStore     *self,
                                      FreightOrg          *org,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  OpData *data;

  g_return_if_fail (FREIGHT_IS_ORG_STORE (self));
  g_return_if_fail (FREIGHT_IS_ORG (org));

  data = g_new0 (OpData, 1);
  data->op = OP_OPEN_SESSION;
  data->org = freight_org_copy (org);
  run_op (self, data, freight_org_store_open_session_async, cancellable, callback, user_data);
}

/**
 * freight_org_store_open_session_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error; FREIGHT_AUTH_ERROR_SESSION_EXPIRED means the user
 *   must sign in again (run a FreightSignIn made with freight_sign_in_new_for_org())
 *
 * Returns: (transfer full): the connected session
 */
FreightOrgSession *
freight_org_store_open_session_finish (FreightOrgStore  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  return op_finish_pointer (self, result, freight_org_store_open_session_async, error);
}
