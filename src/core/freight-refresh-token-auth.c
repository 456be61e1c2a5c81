/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-auth"

#include "config.h"

#include <string.h>

#include "freight-oauth-client.h"
#include "freight-oauth-token.h"
#include "freight-refresh-token-auth.h"

/* A session kept alive by a refresh token: what the web-server flow (and a saved org
 * signed in through it) leaves behind. Renewal is the refresh_token grant. */

struct _FreightRefreshTokenAuth
{
  FreightAuth  parent_instance;

  GMutex       mutex;
  char        *refresh_token;
};

G_DEFINE_FINAL_TYPE (FreightRefreshTokenAuth, freight_refresh_token_auth, FREIGHT_TYPE_AUTH)

static FreightOAuthToken *
freight_refresh_token_auth_renew (FreightAuth        *auth,
                                  FreightOAuthToken  *current,
                                  GCancellable       *cancellable,
                                  GError            **error)
{
  FreightRefreshTokenAuth *self = FREIGHT_REFRESH_TOKEN_AUTH (auth);
  g_autofree char *refresh_token = freight_refresh_token_auth_dup_refresh_token (self);
  FreightOAuthToken *token;

  token = freight_oauth_client_refresh_grant (freight_auth_get_oauth_client (auth),
                                              refresh_token, cancellable, error);
  memset (refresh_token, 0, strlen (refresh_token));

  /* The server may rotate the refresh token; keep the newest. */
  if (token != NULL)
    {
      g_mutex_lock (&self->mutex);
      if (g_strcmp0 (self->refresh_token, freight_oauth_token_get_refresh_token (token)) != 0)
        {
          memset (self->refresh_token, 0, strlen (self->refresh_token));
          g_free (self->refresh_token);
          self->refresh_token = g_strdup (freight_oauth_token_get_refresh_token (token));
        }
      g_mutex_unlock (&self->mutex);
    }

  return token;
}

/* Revoking the refresh token ends every access token issued from it, even when this
 * object holds none yet (a saved org not used since it was loaded). */
static gboolean
freight_refresh_token_auth_revoke (FreightAuth   *auth,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  FreightRefreshTokenAuth *self = FREIGHT_REFRESH_TOKEN_AUTH (auth);
  g_autofree char *refresh_token = freight_refresh_token_auth_dup_refresh_token (self);
  gboolean ok;

  ok = freight_oauth_client_revoke (freight_auth_get_oauth_client (auth), refresh_token,
                                    cancellable, error);
  memset (refresh_token, 0, strlen (refresh_token));
  return ok;
}

static void
freight_refresh_token_auth_finalize (GObject *object)
{
  FreightRefreshTokenAuth *self = FREIGHT_REFRESH_TOKEN_AUTH (object);

  if (self->refresh_token != NULL)
    memset (self->refresh_token, 0, strlen (self->refresh_token));
  g_clear_pointer (&self->refresh_token, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (freight_refresh_token_auth_parent_class)->finalize (object);
}

static void
freight_refresh_token_auth_class_init (FreightRefreshTokenAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FreightAuthClass *auth_class = FREIGHT_AUTH_CLASS (klass);

  object_class->finalize = freight_refresh_token_auth_finalize;
  auth_class->renew = freight_refresh_token_auth_renew;
  auth_class->revoke = freight_refresh_token_auth_revoke;
}

static void
freight_refresh_token_auth_init (FreightRefreshTokenAuth *self)
{
  g_mutex_init (&self->mutex);
}

/**
 * freight_refresh_token_auth_new:
 * @oauth_client: the client of the host that issued the refresh token
 * @method: how the refresh token was obtained (%FREIGHT_AUTH_METHOD_REFRESH_TOKEN, or
 *   %FREIGHT_AUTH_METHOD_WEB for the browser flow)
 * @refresh_token: the refresh token
 * @token: (nullable): a current access token, if one is at hand; without it the first
 *   request renews
 *
 * Returns: (transfer full): the auth object
 */
FreightAuth *
freight_refresh_token_auth_new (FreightOAuthClient *oauth_client,
                                FreightAuthMethod   method,
                                const char         *refresh_token,
                                FreightOAuthToken  *token)
{
  FreightRefreshTokenAuth *self;

  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (oauth_client), NULL);
  g_return_val_if_fail (refresh_token != NULL && *refresh_token != '\0', NULL);

  self = g_object_new (FREIGHT_TYPE_REFRESH_TOKEN_AUTH,
                       "method", method,
                       "oauth-client", oauth_client,
                       "token", token,
                       NULL);
  self->refresh_token = g_strdup (refresh_token);

  return FREIGHT_AUTH (self);
}

/**
 * freight_refresh_token_auth_dup_refresh_token:
 * @self: an auth object
 *
 * Returns: (transfer full): the current refresh token (a secret)
 */
char *
freight_refresh_token_auth_dup_refresh_token (FreightRefreshTokenAuth *self)
{
  char *copy;

  g_return_val_if_fail (FREIGHT_IS_REFRESH_TOKEN_AUTH (self), NULL);

  g_mutex_lock (&self->mutex);
  copy = g_strdup (self->refresh_token);
  g_mutex_unlock (&self->mutex);

  return copy;
}
