/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-oauth"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-http-error.h"
#include "freight-jwt.h"
#include "freight-loopback-server.h"
#include "freight-oauth-client.h"
#include "freight-oauth-token.h"
#include "freight-web-sign-in.h"

/* The OAuth 2.0 web-server flow with PKCE (salesforce-api.md §6.2, §6.3) in the system
 * browser, as RFC 8252 describes it for native apps:
 *
 *   1. start(): listen on 127.0.0.1, make a PKCE verifier (96 random bytes, base64url)
 *      and its S256 challenge, a random `state`, and the authorize URL. The caller opens
 *      that URL in the browser (the app with gtk_show_uri(), the CLI with xdg-open).
 *   2. wait_for_code_async(): the user signs in and allows access; the browser comes back
 *      to http://localhost:PORT/OauthRedirect?code=…&state=…. A `state` other than ours is
 *      refused, so an answer meant for another sign-in (or forged by a web page) is never
 *      used. A timeout and the cancellable end the wait.
 *   3. redeem(): the code and the verifier go to the token endpoint (blocking: a worker
 *      thread), which gives the access and refresh tokens.
 *   4. answer_browser(): the waiting browser tab gets a success or failure page.
 *
 * The code, verifier and state are secrets of this sign-in and are never logged. */

struct _FreightWebSignIn
{
  GObject                parent_instance;

  FreightOAuthClient    *oauth;
  FreightLoopbackServer *server;
  guint                  port;
  char                  *scope;
  char                  *prompt;
  char                  *login_hint;

  char                  *verifier;
  char                  *state;
  char                  *redirect_uri;
  char                  *authorize_url;

  /* the running wait */
  GTask                 *wait_task;
  GCancellable          *wait_cancellable;
  GCancellable          *caller_cancellable;
  gulong                 caller_cancelled_id;
  GSource               *timeout_source;
  gboolean               timed_out;
  guint                  timeout_seconds;
};

G_DEFINE_FINAL_TYPE (FreightWebSignIn, freight_web_sign_in, G_TYPE_OBJECT)

static void
wipe_string (char **str)
{
  if (*str != NULL)
    memset (*str, 0, strlen (*str));
  g_clear_pointer (str, g_free);
}

static void
freight_web_sign_in_dispose (GObject *object)
{
  FreightWebSignIn *self = FREIGHT_WEB_SIGN_IN (object);

  freight_web_sign_in_stop (self);

  G_OBJECT_CLASS (freight_web_sign_in_parent_class)->dispose (object);
}

static void
freight_web_sign_in_finalize (GObject *object)
{
  FreightWebSignIn *self = FREIGHT_WEB_SIGN_IN (object);

  g_clear_object (&self->oauth);
  g_clear_object (&self->server);
  g_clear_pointer (&self->scope, g_free);
  g_clear_pointer (&self->prompt, g_free);
  g_clear_pointer (&self->login_hint, g_free);
  wipe_string (&self->verifier);
  wipe_string (&self->state);
  g_clear_pointer (&self->redirect_uri, g_free);
  wipe_string (&self->authorize_url);

  G_OBJECT_CLASS (freight_web_sign_in_parent_class)->finalize (object);
}

static void
freight_web_sign_in_class_init (FreightWebSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = freight_web_sign_in_dispose;
  object_class->finalize = freight_web_sign_in_finalize;
}

static void
freight_web_sign_in_init (FreightWebSignIn *self)
{
  self->port = FREIGHT_WEB_SIGN_IN_DEFAULT_PORT;
  self->scope = g_strdup (FREIGHT_WEB_SIGN_IN_DEFAULT_SCOPE);
  self->prompt = g_strdup ("login");
}

/**
 * freight_web_sign_in_new:
 * @oauth_client: the login host's client, with the connected app's consumer key (and
 *   secret, if the app has one that must be sent)
 *
 * Returns: (transfer full): a web sign-in that has not started
 */
FreightWebSignIn *
freight_web_sign_in_new (FreightOAuthClient *oauth_client)
{
  FreightWebSignIn *self;

  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (oauth_client), NULL);
  g_return_val_if_fail (freight_oauth_client_get_client_id (oauth_client) != NULL, NULL);

  self = g_object_new (FREIGHT_TYPE_WEB_SIGN_IN, NULL);
  self->oauth = g_object_ref (oauth_client);
  return self;
}

/**
 * freight_web_sign_in_get_oauth_client:
 * @self: a web sign-in
 *
 * Returns: (transfer none): its OAuth client
 */
FreightOAuthClient *
freight_web_sign_in_get_oauth_client (FreightWebSignIn *self)
{
  g_return_val_if_fail (FREIGHT_IS_WEB_SIGN_IN (self), NULL);
  return self->oauth;
}

/**
 * freight_web_sign_in_set_port:
 * @self: a web sign-in that has not started
 * @port: the loopback port of the redirect URI; 0 for any free port (only for orgs whose
 *   connected app accepts any loopback port, such as freight-local-org)
 */
void
freight_web_sign_in_set_port (FreightWebSignIn *self,
                              guint             port)
{
  g_return_if_fail (FREIGHT_IS_WEB_SIGN_IN (self));
  g_return_if_fail (self->server == NULL);
  g_return_if_fail (port <= G_MAXUINT16);

  self->port = port;
}

/**
 * freight_web_sign_in_get_port:
 * @self: a web sign-in
 *
 * Returns: the port; after freight_web_sign_in_start(), the one really listened on
 */
guint
freight_web_sign_in_get_port (FreightWebSignIn *self)
{
  g_return_val_if_fail (FREIGHT_IS_WEB_SIGN_IN (self), 0);
  return self->port;
}

/**
 * freight_web_sign_in_set_scope:
 * @self: a web sign-in that has not started
 * @scope: (nullable): space-separated scopes; %NULL for "refresh_token api web"
 */
void
freight_web_sign_in_set_scope (FreightWebSignIn *self,
                               const char       *scope)
{
  g_return_if_fail (FREIGHT_IS_WEB_SIGN_IN (self));

  g_free (self->scope);
  self->scope = g_strdup (scope != NULL ? scope : FREIGHT_WEB_SIGN_IN_DEFAULT_SCOPE);
}

/**
 * freight_web_sign_in_set_prompt:
 * @self: a web sign-in that has not started
 * @prompt: (nullable): the authorize request's `prompt`: "login" (the default: always
 *   ask which user signs in), "consent", "select_account", or %NULL to send none
 */
void
freight_web_sign_in_set_prompt (FreightWebSignIn *self,
                                const char       *prompt)
{
  g_return_if_fail (FREIGHT_IS_WEB_SIGN_IN (self));

  g_free (self->prompt);
  self->prompt = prompt != NULL && *prompt != '\0' ? g_strdup (prompt) : NULL;
}

/**
 * freight_web_sign_in_set_login_hint:
 * @self: a web sign-in that has not started
 * @login_hint: (nullable): a username to fill in on the login page
 */
void
freight_web_sign_in_set_login_hint (FreightWebSignIn *self,
                                    const char       *login_hint)
{
  g_return_if_fail (FREIGHT_IS_WEB_SIGN_IN (self));

  g_free (self->login_hint);
  self->login_hint = login_hint != NULL && *login_hint != '\0' ? g_strdup (login_hint) : NULL;
}

static char *
random_text (gsize n_bytes)
{
  g_autofree guint8 *bytes = g_malloc (n_bytes);
  char *text;

  if (!freight_random_bytes (bytes, n_bytes))
    return NULL;
  text = freight_base64url_encode (bytes, n_bytes);
  memset (bytes, 0, n_bytes);
  return text;
}

/**
 * freight_web_sign_in_start:
 * @self: a web sign-in
 * @error: return location for a FREIGHT_AUTH_ERROR_LISTENER
 *
 * Listens on 127.0.0.1 and builds the authorize URL; open it in the browser next, then
 * wait with freight_web_sign_in_wait_for_code_async(). The listener's connections are
 * served in the calling thread's default main context.
 *
 * Returns: %TRUE when the browser can be opened
 */
gboolean
freight_web_sign_in_start (FreightWebSignIn  *self,
                           GError           **error)
{
  g_autoptr(FreightLoopbackServer) server = NULL;
  g_autoptr(GString) url = NULL;
  g_autofree char *authorize = NULL;
  g_autofree char *challenge = NULL;
  const char *params[16];
  guint n = 0;

  g_return_val_if_fail (FREIGHT_IS_WEB_SIGN_IN (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  server = freight_loopback_server_new (FREIGHT_WEB_SIGN_IN_PATH);
  if (!freight_loopback_server_listen (server, self->port, error))
    return FALSE;

  self->verifier = random_text (96);
  self->state = random_text (24);
  if (self->verifier == NULL || self->state == NULL)
    {
      g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_FAILED,
                   _("The system gave no random numbers for the sign-in. Try again."));
      freight_loopback_server_stop (server);
      return FALSE;
    }
  challenge = freight_pkce_challenge (self->verifier);

  self->port = freight_loopback_server_get_port (server);
  self->server = g_steal_pointer (&server);
  self->redirect_uri = g_strdup_printf ("http://localhost:%u%s", self->port,
                                        FREIGHT_WEB_SIGN_IN_PATH);

  params[n++] = "response_type";
  params[n++] = "code";
  params[n++] = "client_id";
  params[n++] = freight_oauth_client_get_client_id (self->oauth);
  params[n++] = "redirect_uri";
  params[n++] = self->redirect_uri;
  params[n++] = "scope";
  params[n++] = self->scope;
  params[n++] = "state";
  params[n++] = self->state;
  params[n++] = "code_challenge";
  params[n++] = challenge;
  params[n++] = "code_challenge_method";
  params[n++] = "S256";

  authorize = freight_oauth_client_build_url (self->oauth, "authorize");
  url = g_string_new (authorize);
  for (guint i = 0; i < n; i += 2)
    {
      g_autofree char *value = g_uri_escape_string (params[i + 1], NULL, FALSE);

      g_string_append_printf (url, "%c%s=%s", i == 0 ? '?' : '&', params[i], value);
    }
  if (self->prompt != NULL)
    {
      g_autofree char *value = g_uri_escape_string (self->prompt, NULL, FALSE);

      g_string_append_printf (url, "&prompt=%s", value);
    }
  if (self->login_hint != NULL)
    {
      g_autofree char *value = g_uri_escape_string (self->login_hint, NULL, FALSE);

      g_string_append_printf (url, "&login_hint=%s", value);
    }
  self->authorize_url = g_string_free (g_steal_pointer (&url), FALSE);

  g_debug ("Web sign-in started; the browser comes back to %s", self->redirect_uri);
  return TRUE;
}

/**
 * freight_web_sign_in_get_authorize_url:
 * @self: a started web sign-in
 *
 * Returns: (nullable): the URL to open in the system browser
 */
const char *
freight_web_sign_in_get_authorize_url (FreightWebSignIn *self)
{
  g_return_val_if_fail (FREIGHT_IS_WEB_SIGN_IN (self), NULL);
  return self->authorize_url;
}

/**
 * freight_web_sign_in_get_redirect_uri:
 * @self: a started web sign-in
 *
 * Returns: (nullable): the callback URL the connected app must accept,
 *   http://localhost:PORT/OauthRedirect
 */
const char *
freight_web_sign_in_get_redirect_uri (FreightWebSignIn *self)
{
  g_return_val_if_fail (FREIGHT_IS_WEB_SIGN_IN (self), NULL);
  return self->redirect_uri;
}

/**
 * freight_web_sign_in_get_state:
 * @self: a started web sign-in
 *
 * Returns: (nullable): the `state` the browser must bring back
 */
const char *
freight_web_sign_in_get_state (FreightWebSignIn *self)
{
  g_return_val_if_fail (FREIGHT_IS_WEB_SIGN_IN (self), NULL);
  return self->state;
}

static void
end_wait (FreightWebSignIn *self)
{
  if (self->timeout_source != NULL)
    {
      g_source_destroy (self->timeout_source);
      g_clear_pointer (&self->timeout_source, g_source_unref);
    }
  if (self->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (self->caller_cancellable, self->caller_cancelled_id);
      self->caller_cancelled_id = 0;
      g_clear_object (&self->caller_cancellable);
    }
  g_clear_object (&self->wait_cancellable);
}

static void
caller_cancelled (GCancellable *cancellable,
                  GCancellable *wait_cancellable)
{
  g_cancellable_cancel (wait_cancellable);
}

static gboolean
wait_timed_out (gpointer user_data)
{
  FreightWebSignIn *self = user_data;

  g_debug ("The browser did not come back in time");
  self->timed_out = TRUE;
  g_clear_pointer (&self->timeout_source, g_source_unref);
  g_cancellable_cancel (self->wait_cancellable);
  return G_SOURCE_REMOVE;
}

static void
fail_in_browser (FreightWebSignIn *self,
                 const GError     *error)
{
  freight_web_sign_in_answer_browser (self, error, NULL);
}

static void
wait_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FreightWebSignIn) self = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&self->wait_task);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GError) error = NULL;
  const char *state;
  const char *oauth_error;
  const char *code;

  params = freight_loopback_server_wait_finish (FREIGHT_LOOPBACK_SERVER (source), result,
                                                &error);
  end_wait (self);

  if (params == NULL)
    {
      if (self->timed_out && self->timeout_seconds < 120)
        g_task_return_new_error (task, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_TIMED_OUT,
                                 g_dngettext (GETTEXT_PACKAGE,
                                              "The browser did not come back within %u "
                                              "second. Sign in again, and finish the "
                                              "sign-in in the browser.",
                                              "The browser did not come back within %u "
                                              "seconds. Sign in again, and finish the "
                                              "sign-in in the browser.",
                                              self->timeout_seconds),
                                 self->timeout_seconds);
      else if (self->timed_out)
        g_task_return_new_error (task, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_TIMED_OUT,
                                 g_dngettext (GETTEXT_PACKAGE,
                                              "The browser did not come back within %u "
                                              "minute. Sign in again, and finish the "
                                              "sign-in in the browser.",
                                              "The browser did not come back within %u "
                                              "minutes. Sign in again, and finish the "
                                              "sign-in in the browser.",
                                              self->timeout_seconds / 60),
                                 self->timeout_seconds / 60);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  state = g_hash_table_lookup (params, "state");
  oauth_error = g_hash_table_lookup (params, "error");
  code = g_hash_table_lookup (params, "code");

  if (state == NULL || self->state == NULL || !g_str_equal (state, self->state))
    {
      g_set_error (&error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_STATE_MISMATCH,
                   _("The browser brought back an answer that does not belong to this "
                     "sign-in (its state does not match), so Freight did not use it. Sign in "
                     "again from Freight, in one browser tab."));
      fail_in_browser (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (oauth_error != NULL)
    {
      const char *description = g_hash_table_lookup (params, "error_description");

      if (g_str_equal (oauth_error, "access_denied") || g_str_equal (oauth_error, "access-denied"))
        freight_set_remote_error (&error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_ACCESS_DENIED,
                                  0, oauth_error,
                                  _("Access was denied in the browser (%s). To use this org, "
                                    "sign in again and choose Allow."),
                                  description != NULL ? description : oauth_error);
      else
        freight_set_remote_error (&error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_FAILED,
                                  0, oauth_error,
                                  _("The org refused the sign-in: %s (%s). Check the "
                                    "consumer key and the connected app’s callback URL %s."),
                                  description != NULL ? description : oauth_error,
                                  oauth_error, self->redirect_uri);
      fail_in_browser (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (code == NULL || *code == '\0')
    {
      g_set_error (&error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_REQUEST,
                   _("The browser came back without an authorization code. Sign in again."));
      fail_in_browser (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_strdup (code), g_free);
}

/**
 * freight_web_sign_in_wait_for_code_async:
 * @self: a started web sign-in
 * @timeout_seconds: how long the user has to sign in; 0 for
 *   FREIGHT_WEB_SIGN_IN_DEFAULT_TIMEOUT
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when the browser came back
 * @user_data: data for @callback
 *
 * Waits for the browser to come back with an authorization code.
 */
void
freight_web_sign_in_wait_for_code_async (FreightWebSignIn    *self,
                                         guint                timeout_seconds,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FREIGHT_IS_WEB_SIGN_IN (self));
  g_return_if_fail (self->server != NULL);
  g_return_if_fail (self->wait_task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_web_sign_in_wait_for_code_async);

  self->timeout_seconds = timeout_seconds > 0 ? timeout_seconds
                                              : FREIGHT_WEB_SIGN_IN_DEFAULT_TIMEOUT;
  self->timed_out = FALSE;
  self->wait_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      self->caller_cancellable = g_object_ref (cancellable);
      self->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                         G_CALLBACK (caller_cancelled),
                                                         g_object_ref (self->wait_cancellable),
                                                         g_object_unref);
    }
  self->timeout_source = g_timeout_source_new_seconds (self->timeout_seconds);
  g_source_set_callback (self->timeout_source, wait_timed_out, self, NULL);
  g_source_set_static_name (self->timeout_source, "[freight] web sign-in timeout");
  g_source_attach (self->timeout_source, g_main_context_get_thread_default ());

  self->wait_task = g_steal_pointer (&task);
  freight_loopback_server_wait_async (self->server, self->wait_cancellable, wait_done,
                                      g_object_ref (self));
}

/**
 * freight_web_sign_in_wait_for_code_finish:
 * @self: a web sign-in
 * @result: the result given to the callback
 * @error: return location for an error: FREIGHT_AUTH_ERROR_STATE_MISMATCH,
 *   FREIGHT_AUTH_ERROR_ACCESS_DENIED, FREIGHT_AUTH_ERROR_TIMED_OUT, G_IO_ERROR_CANCELLED…
 *
 * Returns: (transfer full): the authorization code (a secret, good for one use)
 */
char *
freight_web_sign_in_wait_for_code_finish (FreightWebSignIn  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == freight_web_sign_in_wait_for_code_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * freight_web_sign_in_redeem:
 * @self: a started web sign-in
 * @code: the code from freight_web_sign_in_wait_for_code_finish()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Trades the code and this sign-in's PKCE verifier for tokens. Blocks: call it from a
 * worker thread.
 *
 * Returns: (transfer full): the token, with a refresh token when the scope has one
 */
FreightOAuthToken *
freight_web_sign_in_redeem (FreightWebSignIn  *self,
                            const char        *code,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_return_val_if_fail (FREIGHT_IS_WEB_SIGN_IN (self), NULL);
  g_return_val_if_fail (self->verifier != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return freight_oauth_client_authorization_code_grant (self->oauth, code, self->redirect_uri,
                                                        self->verifier, cancellable, error);
}

/**
 * freight_web_sign_in_answer_browser:
 * @self: a web sign-in
 * @error: (nullable): why the sign-in failed, or %NULL when it worked
 * @signed_in_as: (nullable): who is signed in, e.g. "Ada Admin (admin@example.com)"
 *
 * Shows the browser tab that came back a page saying how the sign-in ended. Does nothing
 * when no browser is waiting (or the page was already sent).
 */
void
freight_web_sign_in_answer_browser (FreightWebSignIn *self,
                                    const GError     *error,
                                    const char       *signed_in_as)
{
  g_autofree char *message = NULL;

  g_return_if_fail (FREIGHT_IS_WEB_SIGN_IN (self));

  if (self->server == NULL)
    return;

  if (error == NULL)
    {
      message = signed_in_as != NULL
                ? g_strdup_printf (_("Freight is signed in as %s. You can close this tab and "
                                     "return to Freight."), signed_in_as)
                : g_strdup (_("Freight is signed in. You can close this tab and return to "
                              "Freight."));
      freight_loopback_server_respond (self->server, TRUE, _("Signed in to Salesforce"),
                                       message);
    }
  else
    {
      message = g_strdup_printf (_("%s Return to Freight to try again."), error->message);
      freight_loopback_server_respond (self->server, FALSE, _("Sign-in failed"), message);
    }
}

/**
 * freight_web_sign_in_stop:
 * @self: a web sign-in
 *
 * Closes the listener (answer the browser first). A running wait ends with
 * G_IO_ERROR_CANCELLED.
 */
void
freight_web_sign_in_stop (FreightWebSignIn *self)
{
  g_return_if_fail (FREIGHT_IS_WEB_SIGN_IN (self));

  if (self->server != NULL)
    freight_loopback_server_stop (self->server);
}
