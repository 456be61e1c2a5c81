/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-sign-in"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-access-token-auth.h"
#include "freight-client-credentials-auth.h"
#include "freight-http-client.h"
#include "freight-http-error.h"
#include "freight-jwt-auth.h"
#include "freight-login-url.h"
#include "freight-oauth-client.h"
#include "freight-oauth-token.h"
#include "freight-org-session.h"
#include "freight-org-store.h"
#include "freight-org.h"
#include "freight-password-auth.h"
#include "freight-refresh-token-auth.h"
#include "freight-sign-in-private.h"
#include "freight-web-sign-in.h"

/* The sign-in itself, driven from the main context:
 *
 *   check settings → [web: listen, authorize URL, wait for the browser] →
 *   token (worker thread) → connect: API version, user, org (worker thread) →
 *   [save: facts to the config folder, secrets to the keyring (worker thread)] → done
 *
 * FreightSignIn:state follows each step. Every failure ends the run with one error that
 * says what to do; the browser tab of a web sign-in learns the outcome too. */

typedef struct
{
  FreightOrgStore    *store;
  FreightHttpClient  *http;
  FreightOAuthClient *oauth;
  FreightWebSignIn   *web;
  char               *url;          /* normalized login URL (instance URL for a token) */
  FreightAuthMethod   method;
  char               *username;
  char               *instance_url;
  char               *key_file;
  FreightOrgSecrets  *secrets;
  char               *code;
  FreightAuth        *auth;
  FreightOrgSession  *session;
  FreightOrg         *org;
} Run;

static void
run_free (Run *run)
{
  if (run->web != NULL)
    freight_web_sign_in_stop (run->web);
  g_clear_object (&run->store);
  g_clear_object (&run->http);
  g_clear_object (&run->oauth);
  g_clear_object (&run->web);
  g_free (run->url);
  g_free (run->username);
  g_free (run->instance_url);
  g_free (run->key_file);
  freight_org_secrets_free (run->secrets);
  if (run->code != NULL)
    memset (run->code, 0, strlen (run->code));
  g_free (run->code);
  g_clear_object (&run->auth);
  g_clear_object (&run->session);
  g_clear_object (&run->org);
  g_free (run);
}

static const char *
secret (Run                  *run,
        FreightOrgSecretKind  kind)
{
  return freight_org_secrets_get (run->secrets, kind);
}

static void
fail (GTask  *task,
      GError *error)
{
  FreightSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  if (run->web != NULL)
    {
      freight_web_sign_in_answer_browser (run->web, error, NULL);
      freight_web_sign_in_stop (run->web);
    }
  self->running = FALSE;
  _freight_sign_in_set_state (self, FREIGHT_SIGN_IN_STATE_FAILED);
  g_task_return_error (task, error);
}

static void
succeed (GTask *task)
{
  FreightSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  if (run->web != NULL)
    freight_web_sign_in_stop (run->web);
  self->running = FALSE;
  _freight_sign_in_set_state (self, FREIGHT_SIGN_IN_STATE_DONE);
  g_task_return_pointer (task, g_object_ref (run->session), g_object_unref);
}

/* Step: the token ---------------------------------------------------------------- */

static FreightAuth *
auth_from_web_token (Run                *run,
                     FreightOAuthToken  *token)
{
  const char *refresh_token = freight_oauth_token_get_refresh_token (token);

  if (refresh_token != NULL)
    return freight_refresh_token_auth_new (run->oauth, FREIGHT_AUTH_METHOD_WEB, refresh_token,
                                           token);

  /* The connected app gave no refresh token (its scopes lack refresh_token): the session
   * works until the token expires, then asks the user to sign in again. */
  g_debug ("The web sign-in gave no refresh token");
  return freight_access_token_auth_new (run->http, token);
}

static void
token_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;
  FreightAuth *auth = NULL;

  switch (run->method)
    {
    case FREIGHT_AUTH_METHOD_WEB:
      {
        g_autoptr(FreightOAuthToken) token = freight_web_sign_in_redeem (run->web, run->code,
                                                                         cancellable, &error);

        if (token != NULL)
          auth = auth_from_web_token (run, token);
      }
      break;

    case FREIGHT_AUTH_METHOD_PASSWORD:
      auth = freight_password_auth_sign_in (run->oauth, run->username,
                                            secret (run, FREIGHT_ORG_SECRET_PASSWORD),
                                            secret (run, FREIGHT_ORG_SECRET_SECURITY_TOKEN),
                                            cancellable, &error);
      break;

    case FREIGHT_AUTH_METHOD_JWT:
      auth = freight_jwt_auth_sign_in (run->oauth, run->username, run->key_file,
                                       secret (run, FREIGHT_ORG_SECRET_KEY_PASSPHRASE),
                                       cancellable, &error);
      break;

    case FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS:
      auth = freight_client_credentials_auth_sign_in (run->oauth, cancellable, &error);
      break;

    case FREIGHT_AUTH_METHOD_ACCESS_TOKEN:
      auth = freight_access_token_auth_sign_in (run->http, run->url,
                                                secret (run, FREIGHT_ORG_SECRET_ACCESS_TOKEN),
                                                cancellable, &error);
      break;

    case FREIGHT_AUTH_METHOD_REFRESH_TOKEN:
      auth = freight_refresh_token_auth_new (run->oauth, FREIGHT_AUTH_METHOD_REFRESH_TOKEN,
                                             secret (run, FREIGHT_ORG_SECRET_REFRESH_TOKEN),
                                             NULL);
      if (!freight_auth_renew (auth, NULL, cancellable, &error))
        g_clear_object (&auth);
      break;

    case FREIGHT_AUTH_METHOD_NONE:
    default:
      g_assert_not_reached ();
    }

  if (auth != NULL)
    g_task_return_pointer (task, auth, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void connect_done (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
token_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FreightSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  run->auth = g_task_propagate_pointer (G_TASK (result), &error);
  if (run->auth == NULL)
    {
      fail (task, error);
      return;
    }

  _freight_sign_in_set_state (self, FREIGHT_SIGN_IN_STATE_CONNECTING);
  run->session = freight_org_session_new (run->http, run->auth);
  freight_org_session_connect_async (run->session, g_task_get_cancellable (task),
                                     connect_done, g_object_ref (task));
}

static void
request_token (GTask *task)
{
  FreightSignIn *self = g_task_get_source_object (task);
  g_autoptr(GTask) inner = NULL;

  _freight_sign_in_set_state (self, FREIGHT_SIGN_IN_STATE_REQUESTING_TOKEN);

  inner = g_task_new (self, g_task_get_cancellable (task), token_done, g_object_ref (task));
  g_task_set_source_tag (inner, request_token);
  g_task_set_task_data (inner, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (inner, token_thread);
}

static void
code_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  run->code = freight_web_sign_in_wait_for_code_finish (FREIGHT_WEB_SIGN_IN (source), result,
                                                        &error);
  if (run->code == NULL)
    {
      fail (task, error);
      return;
    }
  request_token (task);
}

/* Step: the org's facts, then saving ------------------------------------------------ */

static FreightOrg *
build_org (FreightSignIn *self,
           Run           *run)
{
  g_autoptr(JsonObject) identity = freight_org_session_dup_identity (run->session);
  g_autoptr(FreightOrg) org = NULL;
  const char *alias = self->alias;
  const char *username = NULL;

  if (identity != NULL)
    username = json_object_get_string_member_with_default (identity, "preferred_username",
                                                          NULL);
  if (username == NULL)
    username = run->username;
  if (alias == NULL)
    alias = username;
  if (alias == NULL)
    {
      g_autofree char *host = freight_login_url_get_host (run->url);

      org = freight_org_new (host != NULL ? host : "org");
    }
  else
    org = freight_org_new (alias);

  freight_org_set_login_url (org, run->url);
  freight_org_set_username (org, username);
  if (run->method != FREIGHT_AUTH_METHOD_ACCESS_TOKEN)
    freight_org_set_client_id (org, _freight_sign_in_effective_client_id (self));
  freight_org_set_ca_file (org, self->ca_file);
  if (run->method == FREIGHT_AUTH_METHOD_JWT)
    freight_org_set_key_file (org, run->key_file);
  freight_org_update_from_session (org, run->session);
  if (freight_login_url_is_sandbox (run->url))
    freight_org_set_is_sandbox (org, TRUE);

  return g_steal_pointer (&org);
}

/* What goes to the keyring: the secrets this method renews with, and the current tokens. */
static FreightOrgSecrets *
secrets_to_save (Run *run)
{
  g_autoptr(FreightOAuthToken) token = freight_auth_dup_token (run->auth);
  FreightOrgSecrets *out = freight_org_secrets_new ();
  static const FreightOrgSecretKind password_kinds[] = {
    FREIGHT_ORG_SECRET_PASSWORD, FREIGHT_ORG_SECRET_SECURITY_TOKEN,
    FREIGHT_ORG_SECRET_CLIENT_SECRET,
  };

  switch (run->method)
    {
    case FREIGHT_AUTH_METHOD_PASSWORD:
      for (guint i = 0; i < G_N_ELEMENTS (password_kinds); i++)
        freight_org_secrets_set (out, password_kinds[i], secret (run, password_kinds[i]));
      break;

    case FREIGHT_AUTH_METHOD_JWT:
      freight_org_secrets_set (out, FREIGHT_ORG_SECRET_KEY_PASSPHRASE,
                               secret (run, FREIGHT_ORG_SECRET_KEY_PASSPHRASE));
      break;

    case FREIGHT_AUTH_METHOD_WEB:
    case FREIGHT_AUTH_METHOD_REFRESH_TOKEN:
    case FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS:
      freight_org_secrets_set (out, FREIGHT_ORG_SECRET_CLIENT_SECRET,
                               secret (run, FREIGHT_ORG_SECRET_CLIENT_SECRET));
      break;

    case FREIGHT_AUTH_METHOD_ACCESS_TOKEN:
    case FREIGHT_AUTH_METHOD_NONE:
    default:
      break;
    }

  if (FREIGHT_IS_REFRESH_TOKEN_AUTH (run->auth))
    {
      g_autofree char *refresh_token =
        freight_refresh_token_auth_dup_refresh_token (FREIGHT_REFRESH_TOKEN_AUTH (run->auth));

      freight_org_secrets_set (out, FREIGHT_ORG_SECRET_REFRESH_TOKEN, refresh_token);
      memset (refresh_token, 0, strlen (refresh_token));
    }
  if (token != NULL)
    freight_org_secrets_set (out, FREIGHT_ORG_SECRET_ACCESS_TOKEN,
                             freight_oauth_token_get_access_token (token));
  return out;
}

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  FreightOrg *saved;
  GError *error = NULL;

  if (!freight_org_store_save_finish (FREIGHT_ORG_STORE (source), result, &error))
    {
      fail (task, error);
      return;
    }

  saved = freight_org_store_lookup (run->store, freight_org_get_alias (run->org));
  freight_org_store_track_auth (run->store, saved != NULL ? saved : run->org, run->auth);
  succeed (task);
}

static char *
describe_user (FreightOrg *org)
{
  const char *name = freight_org_get_user_name (org);
  const char *username = freight_org_get_username (org);

  if (name != NULL && username != NULL)
    return g_strdup_printf ("%s (%s)", name, username);
  return g_strdup (username != NULL ? username : name);
}

static void
connect_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FreightSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(FreightOrgSecrets) secrets = NULL;
  GError *error = NULL;

  if (!freight_org_session_connect_finish (FREIGHT_ORG_SESSION (source), result, &error))
    {
      fail (task, error);
      return;
    }

  run->org = build_org (self, run);
  _freight_sign_in_set_org (self, run->org);

  if (run->web != NULL)
    {
      g_autofree char *who = describe_user (run->org);

      freight_web_sign_in_answer_browser (run->web, NULL, who);
    }

  if (run->store == NULL)
    {
      succeed (task);
      return;
    }

  _freight_sign_in_set_state (self, FREIGHT_SIGN_IN_STATE_SAVING);
  secrets = secrets_to_save (run);
  freight_org_store_save_async (run->store, run->org, secrets, g_task_get_cancellable (task),
                                save_done, g_object_ref (task));
}

/* Start --------------------------------------------------------------------------- */

/**
 * freight_sign_in_run_async:
 * @self: a sign-in that is not running
 * @store: (nullable): where to save the org on success (facts and keyring secrets);
 *   %NULL to only sign in
 * @cancellable: (nullable): a #GCancellable; cancelling also closes the web flow's
 *   listener and tells the waiting browser tab
 * @callback: called in the calling thread's main context when the sign-in ended
 * @user_data: data for @callback
 *
 * Signs in as the settings say, following FreightSignIn:state. For the web flow, open
 * FreightSignIn:authorize-url in the system browser when the state becomes
 * %FREIGHT_SIGN_IN_STATE_WAITING_FOR_BROWSER (the app with gtk_show_uri(), the CLI with
 * xdg-open); the wait ends after FreightSignIn:timeout seconds. Call it from a thread
 * with a running main context (the main thread).
 */
void
freight_sign_in_run_async (FreightSignIn       *self,
                           FreightOrgStore     *store,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Run *run;

  g_return_if_fail (FREIGHT_IS_SIGN_IN (self));
  g_return_if_fail (store == NULL || FREIGHT_IS_ORG_STORE (store));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_sign_in_run_async);

  run = g_new0 (Run, 1);
  run->method = self->method;
  run->store = store != NULL ? g_object_ref (store) : NULL;
  run->username = g_strdup (self->username);
  run->instance_url = g_strdup (self->instance_url);
  run->key_file = g_strdup (self->key_file);
  run->secrets = freight_org_secrets_copy (self->secrets);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  self->running = TRUE;
  _freight_sign_in_set_org (self, NULL);
  _freight_sign_in_set_browser (self, NULL, NULL);
  _freight_sign_in_set_state (self, FREIGHT_SIGN_IN_STATE_IDLE);

  run->url = _freight_sign_in_check (self, &error);
  if (run->url == NULL)
    {
      fail (task, error);
      return;
    }

  run->http = freight_http_client_new (self->ca_file, &error);
  if (run->http == NULL)
    {
      fail (task, error);
      return;
    }
  run->oauth = freight_oauth_client_new (run->http, run->url,
                                         _freight_sign_in_effective_client_id (self),
                                         secret (run, FREIGHT_ORG_SECRET_CLIENT_SECRET));

  if (run->method != FREIGHT_AUTH_METHOD_WEB)
    {
      request_token (task);
      return;
    }

  run->web = freight_web_sign_in_new (run->oauth);
  freight_web_sign_in_set_port (run->web, self->port);
  freight_web_sign_in_set_login_hint (run->web, self->username);
  if (!freight_web_sign_in_start (run->web, &error))
    {
      fail (task, error);
      return;
    }

  _freight_sign_in_set_browser (self, freight_web_sign_in_get_authorize_url (run->web),
                                freight_web_sign_in_get_redirect_uri (run->web));
  _freight_sign_in_set_state (self, FREIGHT_SIGN_IN_STATE_WAITING_FOR_BROWSER);
  freight_web_sign_in_wait_for_code_async (run->web, self->timeout, cancellable, code_done,
                                           g_object_ref (task));
}

/**
 * freight_sign_in_run_finish:
 * @self: a sign-in
 * @result: the result given to the callback
 * @error: return location for an error: FREIGHT_AUTH_ERROR (what to fix is in the
 *   message), FREIGHT_HTTP_ERROR (network, TLS), FREIGHT_ORG_STORE_ERROR (keyring,
 *   saved orgs file), G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the connected session; the org's facts are in
 *   FreightSignIn:org (and saved, when a store was given)
 */
FreightOrgSession *
freight_sign_in_run_finish (FreightSignIn  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == freight_sign_in_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
