/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-auth"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-access-token-auth.h"
#include "freight-http-error.h"
#include "freight-oauth-client.h"
#include "freight-oauth-token.h"

/* A pasted access token with its instance URL (e.g. from `sf org display`). It cannot be
 * renewed: when the org refuses it, the user must paste a new one or sign in another way.
 * Revoking goes to the instance's own OAuth endpoint. */

struct _FreightAccessTokenAuth
{
  FreightAuth parent_instance;
};

G_DEFINE_FINAL_TYPE (FreightAccessTokenAuth, freight_access_token_auth, FREIGHT_TYPE_AUTH)

static FreightOAuthToken *
freight_access_token_auth_renew (FreightAuth        *auth,
                                 FreightOAuthToken  *current,
                                 GCancellable       *cancellable,
                                 GError            **error)
{
  freight_set_remote_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SESSION_EXPIRED,
                            401, "INVALID_SESSION_ID",
                            _("The access token for %s has expired or was revoked. Paste a "
                              "new access token, or sign in with a username and password "
                              "or through the browser, which renew by themselves."),
                            current != NULL ? freight_oauth_token_get_instance_url (current)
                                            : _("this org"));
  return NULL;
}

static void
freight_access_token_auth_class_init (FreightAccessTokenAuthClass *klass)
{
  FreightAuthClass *auth_class = FREIGHT_AUTH_CLASS (klass);

  auth_class->renew = freight_access_token_auth_renew;
}

static void
freight_access_token_auth_init (FreightAccessTokenAuth *self)
{
}

/**
 * freight_access_token_auth_new:
 * @http: the HTTP client
 * @token: the pasted token
 *
 * Returns: (transfer full): the auth object, not validated
 */
FreightAuth *
freight_access_token_auth_new (FreightHttpClient *http,
                               FreightOAuthToken *token)
{
  g_autoptr(FreightOAuthClient) oauth = NULL;

  g_return_val_if_fail (FREIGHT_IS_OAUTH_TOKEN (token), NULL);

  oauth = freight_oauth_client_new (http, freight_oauth_token_get_instance_url (token),
                                    NULL, NULL);
  return g_object_new (FREIGHT_TYPE_ACCESS_TOKEN_AUTH,
                       "method", FREIGHT_AUTH_METHOD_ACCESS_TOKEN,
                       "oauth-client", oauth,
                       "token", token,
                       NULL);
}

/**
 * freight_access_token_auth_sign_in:
 * @http: the HTTP client
 * @instance_url: the org's instance URL
 * @access_token: the pasted token
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Checks the token with one cheap call (userinfo), which also tells the org and user ids.
 * Blocks.
 *
 * Returns: (transfer full): the auth object, with a token that knows its org and user
 */
FreightAuth *
freight_access_token_auth_sign_in (FreightHttpClient  *http,
                                   const char         *instance_url,
                                   const char         *access_token,
                                   GCancellable       *cancellable,
                                   GError            **error)
{
  g_autoptr(FreightOAuthToken) pasted = NULL;
  g_autoptr(FreightOAuthToken) token = NULL;
  g_autoptr(FreightOAuthClient) oauth = NULL;
  g_autoptr(JsonObject) userinfo = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (instance_url != NULL, NULL);
  g_return_val_if_fail (access_token != NULL, NULL);

  trimmed = g_strstrip (g_strdup (access_token));
  if (*trimmed == '\0')
    {
      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_TOKEN,
                   _("The access token is empty. Paste the whole token."));
      return NULL;
    }

  pasted = freight_oauth_token_new (trimmed, instance_url, NULL);
  memset (trimmed, 0, strlen (trimmed));
  if (pasted == NULL)
    {
      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_TOKEN,
                   _("“%s” is not an instance URL. Use the full address of the org, such "
                     "as https://mydomain.my.salesforce.com."), instance_url);
      return NULL;
    }

  oauth = freight_oauth_client_new (http, instance_url, NULL, NULL);
  userinfo = freight_oauth_client_get_userinfo (oauth, pasted, cancellable, error);
  if (userinfo == NULL)
    return NULL;

  token = freight_oauth_token_copy_with_identity (
    pasted,
    json_object_get_string_member_with_default (userinfo, "organization_id", NULL),
    json_object_get_string_member_with_default (userinfo, "user_id", NULL));

  return freight_access_token_auth_new (http, token);
}

typedef struct
{
  FreightHttpClient *http;
  char              *instance_url;
  char              *access_token;
} SignInData;

static void
sign_in_data_free (SignInData *data)
{
  g_clear_object (&data->http);
  g_free (data->instance_url);
  if (data->access_token != NULL)
    memset (data->access_token, 0, strlen (data->access_token));
  g_free (data->access_token);
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

  auth = freight_access_token_auth_sign_in (data->http, data->instance_url,
                                            data->access_token, cancellable, &error);
  if (auth != NULL)
    g_task_return_pointer (task, auth, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
freight_access_token_auth_sign_in_async (FreightHttpClient   *http,
                                         const char          *instance_url,
                                         const char          *access_token,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignInData *data;

  g_return_if_fail (instance_url != NULL);
  g_return_if_fail (access_token != NULL);

  data = g_new0 (SignInData, 1);
  data->http = g_object_ref (http);
  data->instance_url = g_strdup (instance_url);
  data->access_token = g_strdup (access_token);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_access_token_auth_sign_in_async);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_data_free);
  g_task_run_in_thread (task, sign_in_thread);
}

/**
 * freight_access_token_auth_sign_in_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the auth object
 */
FreightAuth *
freight_access_token_auth_sign_in_finish (GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == freight_access_token_auth_sign_in_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
