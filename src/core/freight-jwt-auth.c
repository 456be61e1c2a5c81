/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-auth"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-http-error.h"
#include "freight-jwt-auth.h"
#include "freight-jwt.h"
#include "freight-login-url.h"
#include "freight-oauth-client.h"
#include "freight-oauth-token.h"

/* The JWT bearer flow (salesforce-api.md §6.2): the user's private key signs a short-lived
 * assertion naming the connected app (consumer key) and the user; the org checks it with
 * the certificate the app holds. No refresh token exists: every renewal signs a new
 * assertion, reading the key file again (so a replaced key is picked up). The passphrase
 * lives only in this object's memory and, for a saved org, in the keyring. */

struct _FreightJwtAuth
{
  FreightAuth  parent_instance;

  char        *username;
  char        *key_file;
  char        *passphrase;
  char        *audience;
};

G_DEFINE_FINAL_TYPE (FreightJwtAuth, freight_jwt_auth, FREIGHT_TYPE_AUTH)

static FreightOAuthToken *
freight_jwt_auth_renew (FreightAuth        *auth,
                        FreightOAuthToken  *current,
                        GCancellable       *cancellable,
                        GError            **error)
{
  FreightJwtAuth *self = FREIGHT_JWT_AUTH (auth);
  FreightOAuthClient *oauth = freight_auth_get_oauth_client (auth);
  g_autofree char *assertion = NULL;
  FreightOAuthToken *token;
  gint64 expires = g_get_real_time () / G_USEC_PER_SEC + FREIGHT_JWT_LIFETIME_SECONDS;

  assertion = freight_jwt_sign (self->key_file, self->passphrase,
                                freight_oauth_client_get_client_id (oauth),
                                self->username, self->audience, expires, error);
  if (assertion == NULL)
    return NULL;

  token = freight_oauth_client_jwt_bearer_grant (oauth, assertion, self->username,
                                                 cancellable, error);
  memset (assertion, 0, strlen (assertion));
  return token;
}

static void
wipe_string (char **str)
{
  if (*str != NULL)
    memset (*str, 0, strlen (*str));
  g_clear_pointer (str, g_free);
}

static void
freight_jwt_auth_finalize (GObject *object)
{
  FreightJwtAuth *self = FREIGHT_JWT_AUTH (object);

  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->key_file, g_free);
  g_clear_pointer (&self->audience, g_free);
  wipe_string (&self->passphrase);

  G_OBJECT_CLASS (freight_jwt_auth_parent_class)->finalize (object);
}

static void
freight_jwt_auth_class_init (FreightJwtAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FreightAuthClass *auth_class = FREIGHT_AUTH_CLASS (klass);

  object_class->finalize = freight_jwt_auth_finalize;
  auth_class->renew = freight_jwt_auth_renew;
}

static void
freight_jwt_auth_init (FreightJwtAuth *self)
{
}

/**
 * freight_jwt_auth_new:
 * @oauth_client: the login host's client; its client id is the consumer key (`iss`)
 * @username: the Salesforce username (`sub`)
 * @key_file: the PEM RSA private key whose certificate the connected app holds
 * @passphrase: (nullable): the key's passphrase
 *
 * An auth object that is not signed in yet: its first use signs in. The audience (`aud`)
 * follows from the login URL (freight_login_url_jwt_audience()).
 *
 * Returns: (transfer full): the auth object
 */
FreightAuth *
freight_jwt_auth_new (FreightOAuthClient *oauth_client,
                      const char         *username,
                      const char         *key_file,
                      const char         *passphrase)
{
  FreightJwtAuth *self;

  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (oauth_client), NULL);
  g_return_val_if_fail (freight_oauth_client_get_client_id (oauth_client) != NULL, NULL);
  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (key_file != NULL, NULL);

  self = g_object_new (FREIGHT_TYPE_JWT_AUTH,
                       "method", FREIGHT_AUTH_METHOD_JWT,
                       "oauth-client", oauth_client,
                       NULL);
  self->username = g_strdup (username);
  self->key_file = g_strdup (key_file);
  self->passphrase = passphrase != NULL && *passphrase != '\0' ? g_strdup (passphrase) : NULL;
  self->audience =
    freight_login_url_jwt_audience (freight_oauth_client_get_login_url (oauth_client));

  return FREIGHT_AUTH (self);
}

const char *
freight_jwt_auth_get_username (FreightJwtAuth *self)
{
  g_return_val_if_fail (FREIGHT_IS_JWT_AUTH (self), NULL);
  return self->username;
}

const char *
freight_jwt_auth_get_key_file (FreightJwtAuth *self)
{
  g_return_val_if_fail (FREIGHT_IS_JWT_AUTH (self), NULL);
  return self->key_file;
}

/**
 * freight_jwt_auth_get_audience:
 * @self: an auth object
 *
 * Returns: the `aud` claim its assertions carry
 */
const char *
freight_jwt_auth_get_audience (FreightJwtAuth *self)
{
  g_return_val_if_fail (FREIGHT_IS_JWT_AUTH (self), NULL);
  return self->audience;
}

/**
 * freight_jwt_auth_sign_in:
 * @oauth_client: the login host's client with the consumer key
 * @username: the Salesforce username
 * @key_file: the PEM RSA private key
 * @passphrase: (nullable): its passphrase
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Checks the key, then signs in now. Blocks: the window uses FreightSignIn, or
 * freight_auth_ensure_token_async() on an object from freight_jwt_auth_new().
 *
 * Returns: (transfer full): the signed-in auth object
 */
FreightAuth *
freight_jwt_auth_sign_in (FreightOAuthClient  *oauth_client,
                          const char          *username,
                          const char          *key_file,
                          const char          *passphrase,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autoptr(FreightAuth) auth = NULL;

  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (oauth_client), NULL);

  if (!freight_jwt_check_key (key_file, passphrase, error))
    return NULL;

  auth = freight_jwt_auth_new (oauth_client, username, key_file, passphrase);
  if (!freight_auth_renew (auth, NULL, cancellable, error))
    return NULL;

  return g_steal_pointer (&auth);
}
