/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-auth"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-auth.h"
#include "freight-http-error.h"
#include "freight-oauth-client.h"
#include "freight-oauth-token.h"

/* The session's credentials, shared by every request to one org.
 *
 * Worker threads ask for the current token and, when the server says the session is
 * invalid, for a renewal. Renewals are single-flight: the first thread to report a stale
 * token runs the subclass's renew(); threads that report the same stale token meanwhile
 * wait for that outcome instead of starting their own, and a thread reporting a token that
 * was already replaced simply gets the new one. When renewal is impossible the object
 * enters the "needs sign-in" state, which the main context hears about through
 * notify::needs-sign-in. */

typedef struct
{
  FreightAuthMethod   method;
  FreightOAuthClient *oauth_client;
  GMainContext       *owner_context;

  GMutex              mutex;
  GCond               cond;
  FreightOAuthToken  *token;
  gboolean            needs_sign_in;
  gboolean            renewing;
  guint64             round;          /* renewals finished so far */
  GError             *round_error;    /* how the last one ended */
  guint               renew_count;    /* renew() calls, for diagnostics and tests */
} FreightAuthPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (FreightAuth, freight_auth, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FreightAuthMethod, freight_auth_method,
  G_DEFINE_ENUM_VALUE (FREIGHT_AUTH_METHOD_NONE, "none"),
  G_DEFINE_ENUM_VALUE (FREIGHT_AUTH_METHOD_PASSWORD, "password"),
  G_DEFINE_ENUM_VALUE (FREIGHT_AUTH_METHOD_ACCESS_TOKEN, "access-token"),
  G_DEFINE_ENUM_VALUE (FREIGHT_AUTH_METHOD_REFRESH_TOKEN, "refresh-token"),
  G_DEFINE_ENUM_VALUE (FREIGHT_AUTH_METHOD_WEB, "web"),
  G_DEFINE_ENUM_VALUE (FREIGHT_AUTH_METHOD_JWT, "jwt"),
  G_DEFINE_ENUM_VALUE (FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS, "client-credentials"))

enum {
  PROP_0,
  PROP_METHOD,
  PROP_OAUTH_CLIENT,
  PROP_TOKEN,
  PROP_NEEDS_SIGN_IN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * freight_auth_method_to_string:
 * @method: a sign-in method
 *
 * Returns: its stable name, as saved orgs record it: "password", "access-token",
 *   "refresh-token", "web", "jwt", "client-credentials" or "none"
 */
const char *
freight_auth_method_to_string (FreightAuthMethod method)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (freight_auth_method_get_type ());
  GEnumValue *value = g_enum_get_value (klass, method);

  return value != NULL ? value->value_nick : "none";
}

/**
 * freight_auth_method_from_string:
 * @name: (nullable): a name from freight_auth_method_to_string()
 *
 * Returns: the method, or %FREIGHT_AUTH_METHOD_NONE when @name is unknown
 */
FreightAuthMethod
freight_auth_method_from_string (const char *name)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (freight_auth_method_get_type ());
  GEnumValue *value;

  if (name == NULL)
    return FREIGHT_AUTH_METHOD_NONE;

  value = g_enum_get_value_by_nick (klass, name);
  return value != NULL ? (FreightAuthMethod) value->value : FREIGHT_AUTH_METHOD_NONE;
}

typedef struct
{
  FreightAuth *self;
  GParamSpec  *pspec;
} NotifyData;

static gboolean
notify_in_owner_context (gpointer user_data)
{
  NotifyData *data = user_data;

  g_object_notify_by_pspec (G_OBJECT (data->self), data->pspec);
  g_object_unref (data->self);
  g_free (data);
  return G_SOURCE_REMOVE;
}

/* Property changes may happen on any thread; notifications always arrive in the main
 * context of the thread that made the object, so handlers may touch widgets. */
static void
notify_owner (FreightAuth *self,
              GParamSpec  *pspec)
{
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);
  NotifyData *data;
  GSource *source;

  /* In the owner context's own dispatch (the main thread, usually): notify now. */
  if (g_main_context_is_owner (priv->owner_context))
    {
      g_object_notify_by_pspec (G_OBJECT (self), pspec);
      return;
    }

  /* Not g_main_context_invoke(): from a worker thread without a thread-default context
   * it would run the handler right there when the main context is idle. */
  data = g_new0 (NotifyData, 1);
  data->self = g_object_ref (self);
  data->pspec = pspec;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, notify_in_owner_context, data, NULL);
  g_source_set_static_name (source, "[freight] FreightAuth notify");
  g_source_attach (source, priv->owner_context);
  g_source_unref (source);
}

static gboolean
freight_auth_real_revoke (FreightAuth   *self,
                          GCancellable  *cancellable,
                          GError       **error)
{
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);
  g_autoptr(FreightOAuthToken) token = freight_auth_dup_token (self);
  const char *secret;

  if (token == NULL || priv->oauth_client == NULL)
    return TRUE;

  /* Revoking the refresh token also ends every access token issued from it. */
  secret = freight_oauth_token_get_refresh_token (token);
  if (secret == NULL)
    secret = freight_oauth_token_get_access_token (token);

  return freight_oauth_client_revoke (priv->oauth_client, secret, cancellable, error);
}

static void
freight_auth_constructed (GObject *object)
{
  FreightAuth *self = FREIGHT_AUTH (object);
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);

  G_OBJECT_CLASS (freight_auth_parent_class)->constructed (object);

  /* Objects made on a worker thread (sign-in tasks) notify the global default context,
   * where the application runs. */
  priv->owner_context = g_main_context_ref_thread_default ();
}

static void
freight_auth_finalize (GObject *object)
{
  FreightAuth *self = FREIGHT_AUTH (object);
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);

  g_clear_object (&priv->oauth_client);
  g_clear_object (&priv->token);
  g_clear_error (&priv->round_error);
  g_clear_pointer (&priv->owner_context, g_main_context_unref);
  g_mutex_clear (&priv->mutex);
  g_cond_clear (&priv->cond);

  G_OBJECT_CLASS (freight_auth_parent_class)->finalize (object);
}

static void
freight_auth_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FreightAuth *self = FREIGHT_AUTH (object);
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_enum (value, priv->method);
      break;

    case PROP_OAUTH_CLIENT:
      g_value_set_object (value, priv->oauth_client);
      break;

    case PROP_TOKEN:
      g_value_take_object (value, freight_auth_dup_token (self));
      break;

    case PROP_NEEDS_SIGN_IN:
      g_value_set_boolean (value, freight_auth_get_needs_sign_in (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_auth_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FreightAuth *self = FREIGHT_AUTH (object);
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_METHOD:
      priv->method = g_value_get_enum (value);
      break;

    case PROP_OAUTH_CLIENT:
      priv->oauth_client = g_value_dup_object (value);
      break;

    case PROP_TOKEN:
      freight_auth_set_token (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_auth_class_init (FreightAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = freight_auth_constructed;
  object_class->finalize = freight_auth_finalize;
  object_class->get_property = freight_auth_get_property;
  object_class->set_property = freight_auth_set_property;

  klass->revoke = freight_auth_real_revoke;

  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL,
                       freight_auth_method_get_type (),
                       FREIGHT_AUTH_METHOD_NONE,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * FreightAuth:oauth-client:
   *
   * The token endpoint client used to renew and revoke, or %NULL.
   */
  properties[PROP_OAUTH_CLIENT] =
    g_param_spec_object ("oauth-client", NULL, NULL,
                         FREIGHT_TYPE_OAUTH_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * FreightAuth:token:
   *
   * The current token, or %NULL. Renewals replace it from worker threads; the
   * notification arrives in the main context of the thread that created the object.
   */
  properties[PROP_TOKEN] =
    g_param_spec_object ("token", NULL, NULL,
                         FREIGHT_TYPE_OAUTH_TOKEN,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FreightAuth:needs-sign-in:
   *
   * %TRUE once the session ended in a way only the user can repair (a renewal was refused,
   * or a renewed token was refused too). Setting a new token clears it.
   */
  properties[PROP_NEEDS_SIGN_IN] =
    g_param_spec_boolean ("needs-sign-in", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_auth_init (FreightAuth *self)
{
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);

  g_mutex_init (&priv->mutex);
  g_cond_init (&priv->cond);
}

FreightAuthMethod
freight_auth_get_method (FreightAuth *self)
{
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);

  g_return_val_if_fail (FREIGHT_IS_AUTH (self), FREIGHT_AUTH_METHOD_NONE);

  return priv->method;
}

/**
 * freight_auth_get_oauth_client:
 * @self: an auth object
 *
 * Returns: (transfer none) (nullable): the token endpoint client
 */
FreightOAuthClient *
freight_auth_get_oauth_client (FreightAuth *self)
{
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);

  g_return_val_if_fail (FREIGHT_IS_AUTH (self), NULL);

  return priv->oauth_client;
}

/**
 * freight_auth_dup_token:
 * @self: an auth object
 *
 * Thread-safe.
 *
 * Returns: (transfer full) (nullable): the current token
 */
FreightOAuthToken *
freight_auth_dup_token (FreightAuth *self)
{
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);
  FreightOAuthToken *token;

  g_return_val_if_fail (FREIGHT_IS_AUTH (self), NULL);

  g_mutex_lock (&priv->mutex);
  token = priv->token != NULL ? g_object_ref (priv->token) : NULL;
  g_mutex_unlock (&priv->mutex);

  return token;
}

/**
 * freight_auth_set_token:
 * @self: an auth object
 * @token: (nullable): a token from a new sign-in, or %NULL to sign out
 *
 * Replaces the token and, with a token, leaves the "needs sign-in" state. Thread-safe;
 * notifications are emitted in the main context of the thread that made the object.
 */
void
freight_auth_set_token (FreightAuth       *self,
                        FreightOAuthToken *token)
{
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);
  gboolean token_changed;
  gboolean state_changed = FALSE;

  g_return_if_fail (FREIGHT_IS_AUTH (self));
  g_return_if_fail (token == NULL || FREIGHT_IS_OAUTH_TOKEN (token));

  g_mutex_lock (&priv->mutex);
  token_changed = g_set_object (&priv->token, token);
  if (token != NULL && priv->needs_sign_in)
    {
      priv->needs_sign_in = FALSE;
      state_changed = TRUE;
    }
  g_mutex_unlock (&priv->mutex);

  if (token_changed)
    notify_owner (self, properties[PROP_TOKEN]);
  if (state_changed)
    notify_owner (self, properties[PROP_NEEDS_SIGN_IN]);
}

gboolean
freight_auth_get_needs_sign_in (FreightAuth *self)
{
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);
  gboolean needs_sign_in;

  g_return_val_if_fail (FREIGHT_IS_AUTH (self), FALSE);

  g_mutex_lock (&priv->mutex);
  needs_sign_in = priv->needs_sign_in;
  g_mutex_unlock (&priv->mutex);

  return needs_sign_in;
}

/**
 * freight_auth_get_renew_count:
 * @self: an auth object
 *
 * Returns: how many renewals ran (each is one call to the token endpoint or equivalent)
 */
guint
freight_auth_get_renew_count (FreightAuth *self)
{
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);
  guint count;

  g_return_val_if_fail (FREIGHT_IS_AUTH (self), 0);

  g_mutex_lock (&priv->mutex);
  count = priv->renew_count;
  g_mutex_unlock (&priv->mutex);

  return count;
}

static char *
describe_instance (FreightOAuthToken *token)
{
  g_autoptr(GUri) uri = NULL;

  if (token == NULL)
    return g_strdup (_("this org"));

  uri = g_uri_parse (freight_oauth_token_get_instance_url (token), G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (_("this org"));
  return g_strdup (g_uri_get_host (uri));
}

static void
set_session_expired_error (GError            **error,
                           FreightOAuthToken  *token)
{
  g_autofree char *where = describe_instance (token);

  freight_set_remote_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SESSION_EXPIRED,
                            401, "INVALID_SESSION_ID",
                            _("Your Salesforce session at %s has expired or was ended. "
                              "Sign in again."),
                            where);
}

static gboolean
is_sign_in_error (const GError *error)
{
  return error->domain == FREIGHT_AUTH_ERROR;
}

static void
cancelled_cb (GCancellable *cancellable,
              FreightAuth  *self)
{
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);

  g_mutex_lock (&priv->mutex);
  g_cond_broadcast (&priv->cond);
  g_mutex_unlock (&priv->mutex);
}

/**
 * freight_auth_renew:
 * @self: an auth object
 * @stale_access_token: (nullable): the access token the server refused, or %NULL when
 *   there is no token yet
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Makes sure the current token is newer than @stale_access_token. If another thread
 * already renewed it, returns at once; if a renewal is running, waits for it and shares
 * its outcome; otherwise runs one. Blocks: call it from a worker thread.
 *
 * Returns: %TRUE when there is a token newer than @stale_access_token
 */
gboolean
freight_auth_renew (FreightAuth   *self,
                    const char    *stale_access_token,
                    GCancellable  *cancellable,
                    GError       **error)
{
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);
  g_autoptr(FreightOAuthToken) current = NULL;
  g_autoptr(FreightOAuthToken) renewed = NULL;
  g_autoptr(GError) local_error = NULL;
  gulong cancelled_id = 0;
  gboolean entered_sign_in_state = FALSE;

  g_return_val_if_fail (FREIGHT_IS_AUTH (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (cancellable != NULL)
    cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);

  g_mutex_lock (&priv->mutex);

  for (;;)
    {
      guint64 waited_round;

      if (priv->token != NULL
          && g_strcmp0 (freight_oauth_token_get_access_token (priv->token),
                        stale_access_token) != 0)
        {
          /* Someone else renewed it already. */
          g_mutex_unlock (&priv->mutex);
          g_cancellable_disconnect (cancellable, cancelled_id);
          return TRUE;
        }

      if (priv->needs_sign_in)
        {
          set_session_expired_error (error, priv->token);
          g_mutex_unlock (&priv->mutex);
          g_cancellable_disconnect (cancellable, cancelled_id);
          return FALSE;
        }

      if (!priv->renewing)
        break;

      waited_round = priv->round;
      while (priv->renewing && priv->round == waited_round
             && !g_cancellable_is_cancelled (cancellable))
        g_cond_wait (&priv->cond, &priv->mutex);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_mutex_unlock (&priv->mutex);
          g_cancellable_disconnect (cancellable, cancelled_id);
          return FALSE;
        }

      /* The renewal we waited for failed: share its error, unless it failed only
       * because the thread that ran it gave up; then loop and try ourselves. */
      if (priv->round_error != NULL
          && !g_error_matches (priv->round_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_error_copy (priv->round_error));
          g_mutex_unlock (&priv->mutex);
          g_cancellable_disconnect (cancellable, cancelled_id);
          return FALSE;
        }
    }

  priv->renewing = TRUE;
  priv->renew_count++;
  current = priv->token != NULL ? g_object_ref (priv->token) : NULL;
  g_mutex_unlock (&priv->mutex);
  g_cancellable_disconnect (cancellable, cancelled_id);

  g_debug ("Renewing the session (method %s)", freight_auth_method_to_string (priv->method));
  renewed = FREIGHT_AUTH_GET_CLASS (self)->renew (self, current, cancellable, &local_error);
  g_assert (renewed != NULL || local_error != NULL);

  g_mutex_lock (&priv->mutex);
  priv->renewing = FALSE;
  priv->round++;
  g_clear_error (&priv->round_error);
  if (renewed != NULL)
    g_set_object (&priv->token, renewed);
  else
    {
      priv->round_error = g_error_copy (local_error);
      if (is_sign_in_error (local_error) && !priv->needs_sign_in)
        {
          priv->needs_sign_in = TRUE;
          entered_sign_in_state = TRUE;
        }
    }
  g_cond_broadcast (&priv->cond);
  g_mutex_unlock (&priv->mutex);

  if (renewed != NULL)
    {
      g_debug ("Session renewed");
      notify_owner (self, properties[PROP_TOKEN]);
      return TRUE;
    }

  g_debug ("Renewing the session failed: %s", local_error->message);
  if (entered_sign_in_state)
    notify_owner (self, properties[PROP_NEEDS_SIGN_IN]);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * freight_auth_ensure_token:
 * @self: an auth object
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns the current token, or obtains a first one when there is none (e.g. a saved org
 * known by its refresh token only). Blocks: call it from a worker thread.
 *
 * Returns: (transfer full): the token
 */
FreightOAuthToken *
freight_auth_ensure_token (FreightAuth   *self,
                           GCancellable  *cancellable,
                           GError       **error)
{
  FreightOAuthToken *token;

  g_return_val_if_fail (FREIGHT_IS_AUTH (self), NULL);

  token = freight_auth_dup_token (self);
  if (token != NULL)
    return token;

  if (!freight_auth_renew (self, NULL, cancellable, error))
    return NULL;

  token = freight_auth_dup_token (self);
  if (token == NULL)
    set_session_expired_error (error, NULL);
  return token;
}

static void
ensure_token_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  FreightOAuthToken *token;

  token = freight_auth_ensure_token (source_object, cancellable, &error);
  if (token != NULL)
    g_task_return_pointer (task, token, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * freight_auth_ensure_token_async:
 * @self: an auth object
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * freight_auth_ensure_token() on a worker thread: signs in an auth object made with a
 * `_new()` constructor (JWT, client credentials, password, a saved refresh token).
 */
void
freight_auth_ensure_token_async (FreightAuth         *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FREIGHT_IS_AUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_auth_ensure_token_async);
  g_task_run_in_thread (task, ensure_token_thread);
}

/**
 * freight_auth_ensure_token_finish:
 * @self: an auth object
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the token
 */
FreightOAuthToken *
freight_auth_ensure_token_finish (FreightAuth   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == freight_auth_ensure_token_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * freight_auth_session_expired:
 * @self: an auth object
 * @stale_access_token: the token that was refused although it had just been renewed
 * @error: return location for the FREIGHT_AUTH_ERROR_SESSION_EXPIRED to report
 *
 * Called by the HTTP layer when a renewed token is refused too: the session cannot be
 * repaired without the user. Enters the "needs sign-in" state unless a newer token
 * arrived meanwhile.
 */
void
freight_auth_session_expired (FreightAuth  *self,
                              const char   *stale_access_token,
                              GError      **error)
{
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);
  gboolean entered = FALSE;

  g_return_if_fail (FREIGHT_IS_AUTH (self));

  g_mutex_lock (&priv->mutex);
  if (!priv->needs_sign_in
      && (priv->token == NULL
          || g_strcmp0 (freight_oauth_token_get_access_token (priv->token),
                        stale_access_token) == 0))
    {
      priv->needs_sign_in = TRUE;
      entered = TRUE;
    }
  set_session_expired_error (error, priv->token);
  g_mutex_unlock (&priv->mutex);

  if (entered)
    notify_owner (self, properties[PROP_NEEDS_SIGN_IN]);
}

/**
 * freight_auth_revoke:
 * @self: an auth object
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Signs out: revokes the session's tokens at the server, then forgets them. Blocks.
 *
 * Returns: %TRUE when the server confirmed
 */
gboolean
freight_auth_revoke (FreightAuth   *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  FreightAuthPrivate *priv = freight_auth_get_instance_private (self);
  gboolean changed = FALSE;

  g_return_val_if_fail (FREIGHT_IS_AUTH (self), FALSE);

  if (!FREIGHT_AUTH_GET_CLASS (self)->revoke (self, cancellable, error))
    return FALSE;

  g_mutex_lock (&priv->mutex);
  if (priv->token != NULL)
    {
      g_clear_object (&priv->token);
      changed = TRUE;
    }
  priv->needs_sign_in = TRUE;
  g_mutex_unlock (&priv->mutex);

  if (changed)
    notify_owner (self, properties[PROP_TOKEN]);
  notify_owner (self, properties[PROP_NEEDS_SIGN_IN]);
  return TRUE;
}

static void
revoke_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (freight_auth_revoke (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
freight_auth_revoke_async (FreightAuth         *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FREIGHT_IS_AUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_auth_revoke_async);
  g_task_run_in_thread (task, revoke_thread);
}

gboolean
freight_auth_revoke_finish (FreightAuth   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == freight_auth_revoke_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
