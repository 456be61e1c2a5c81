/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-auth"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-http-error.h"
#include "freight-oauth-client.h"
#include "freight-oauth-token.h"
#include "freight-password-auth.h"

/* Username + password (+ security token) sign-in. The password grant gives no refresh
 * token, so a renewal signs in again with the same credentials, which live only in this
 * object's memory (and, for a saved org, in the keyring). */

struct _FreightPasswordAuth
{
  FreightAuth  parent_instance;

  char        *username;
  char        *password;
  char        *security_token;
};

G_DEFINE_FINAL_TYPE (FreightPasswordAuth, freight_password_auth, FREIGHT_TYPE_AUTH)

static void
wipe_string (char **str)
{
  if (*str != NULL)
    memset (*str, 0, strlen (*str));
  g_clear_pointer (str, g_free);
}

static FreightOAuthToken *
freight_password_auth_renew (FreightAuth        *auth,
                             FreightOAuthToken  *current,
                             GCancellable       *cancellable,
                             GError            **error)
{
  FreightPasswordAuth *self = FREIGHT_PASSWORD_AUTH (auth);
  FreightOAuthClient *oauth = freight_auth_get_oauth_client (auth);
  const char *refresh_token = current != NULL ? freight_oauth_token_get_refresh_token (current)
                                              : NULL;

  /* Some orgs do hand out a refresh token; prefer it over sending the password again. */
  if (refresh_token != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      FreightOAuthToken *token;

      token = freight_oauth_client_refresh_grant (oauth, refresh_token, cancellable,
                                                  &local_error);
      if (token != NULL)
        return token;
      if (!g_error_matches (local_error, FREIGHT_AUTH_ERROR,
                            FREIGHT_AUTH_ERROR_SESSION_EXPIRED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  return freight_oauth_client_password_grant (oauth, self->username, self->password,
                                              self->security_token, cancellable, error);
}

static void
freight_password_auth_finalize (GObject *object)
{
  FreightPasswordAuth *self = FREIGHT_PASSWORD_AUTH (object);

  g_clear_pointer (&self->username, g_free);
  wipe_string (&self->password);
  wipe_string (&self->security_token);

  G_OBJECT_CLASS (freight_password_auth_parent_class)->finalize (object);
}

static void
freight_password_auth_class_init (FreightPasswordAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FreightAuthClass *auth_class = FREIGHT_AUTH_CLASS (klass);

  object_class->finalize = freight_password_auth_finalize;
  auth_class->renew = freight_password_auth_renew;
}

static void
freight_password_auth_init (FreightPasswordAuth *self)
{
}

/**
 * freight_password_auth_new:
 * @oauth_client: the login host's client
 * @username: the Salesforce username
 * @password: the password
 * @security_token: (nullable): the security token
 *
 * An auth object that is not signed in yet: its first use signs in.
 *
 * Returns: (transfer full): the auth object
 */
FreightAuth *
freight_password_auth_new (FreightOAuthClient *oauth_client,
                           const char         *username,
                           const char         *password,
                           const char         *security_token)
{
  FreightPasswordAuth *self;

  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (oauth_client), NULL);
  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  self = g_object_new (FREIGHT_TYPE_PASSWORD_AUTH,
                       "method", FREIGHT_AUTH_METHOD_PASSWORD,
                       "oauth-client", oauth_client,
                       NULL);
  self->username = g_strdup (username);
  self->password = g_strdup (password);
  self->security_token = security_token != NULL && *security_token != '\0'
                         ? g_strdup (security_token) : NULL;

  return FREIGHT_AUTH (self);
}

const char *
freight_password_auth_get_username (FreightPasswordAuth *self)
{
  g_return_val_if_fail (FREIGHT_IS_PASSWORD_AUTH (self), NULL);

  return self->username;
}

/**
 * freight_password_auth_sign_in:
 * @oauth_client: the login host's client
 * @username: the Salesforce username
 * @password: the password
 * @security_token: (nullable): the security token
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Signs in now. Blocks: use freight_password_auth_sign_in_async() on the main thread.
 *
 * Returns: (transfer full): the signed-in auth object
 */
FreightAuth *
freight_password_auth_sign_in (FreightOAuthClient  *oauth_client,
                               const char          *username,
                               const char          *password,
                               const char          *security_token,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autoptr(FreightAuth) auth = NULL;

  auth = freight_password_auth_new (oauth_client, username, password, security_token);
  if (!freight_auth_renew (auth, NULL, cancellable, error))
    return NULL;

  return g_steal_pointer (&auth);
}

typedef struct
{
  FreightOAuthClient *oauth_client;
  char               *username;
  char               *password;
  char               *security_token;
} SignInData;

static void
sign_in_data_free (SignInData *data)
{
  g_clear_object (&data->oauth_client);
  g_free (data->username);
  wipe_string (&data->password);
  wipe_string (&data->security_token);
  g_free (data);
}

static void
sign_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SignInData *data = task_data;
  GError *error = NULL;
  FreightAuth *auth;

  auth = freight_password_auth_sign_in (data->oauth_client, data->username, data->password,
                                        data->security_token, cancellable, &error);
  if (auth != NULL)
    g_task_return_pointer (task, auth, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
freight_password_auth_sign_in_async (FreightOAuthClient  *oauth_client,
                                     const char          *username,
                                     const char          *password,
                                     const char          *security_token,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignInData *data;

  g_return_if_fail (FREIGHT_IS_OAUTH_CLIENT (oauth_client));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  data = g_new0 (SignInData, 1);
  data->oauth_client = g_object_ref (oauth_client);
  data->username = g_strdup (username);
  data->password = g_strdup (password);
  data->security_token = g_strdup (security_token);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_password_auth_sign_in_async);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_data_free);
  g_task_run_in_thread (task, sign_in_thread);
}

/**
 * freight_password_auth_sign_in_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the signed-in auth object
 */
FreightAuth *
freight_password_auth_sign_in_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == freight_password_auth_sign_in_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
