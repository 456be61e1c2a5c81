/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-auth"

#include "config.h"

#include "freight-client-credentials-auth.h"
#include "freight-oauth-client.h"

/* The client credentials flow (salesforce-api.md §6.2): the connected app itself signs
 * in with its consumer key and secret and acts as the "Run As" user an admin chose for
 * it. No refresh token exists; a renewal runs the grant again. The secret lives in the
 * OAuth client's memory and, for a saved org, in the keyring. */

struct _FreightClientCredentialsAuth
{
  FreightAuth parent_instance;
};

G_DEFINE_FINAL_TYPE (FreightClientCredentialsAuth, freight_client_credentials_auth,
                     FREIGHT_TYPE_AUTH)

static FreightOAuthToken *
freight_client_credentials_auth_renew (FreightAuth        *auth,
                                       FreightOAuthToken  *current,
                                       GCancellable       *cancellable,
                                       GError            **error)
{
  return freight_oauth_client_client_credentials_grant (freight_auth_get_oauth_client (auth),
                                                        cancellable, error);
}

static void
freight_client_credentials_auth_class_init (FreightClientCredentialsAuthClass *klass)
{
  FreightAuthClass *auth_class = FREIGHT_AUTH_CLASS (klass);

  auth_class->renew = freight_client_credentials_auth_renew;
}

static void
freight_client_credentials_auth_init (FreightClientCredentialsAuth *self)
{
}

/**
 * freight_client_credentials_auth_new:
 * @oauth_client: the client of the org's My Domain, with consumer key and secret
 *
 * An auth object that is not signed in yet: its first use signs in.
 *
 * Returns: (transfer full): the auth object
 */
FreightAuth *
freight_client_credentials_auth_new (FreightOAuthClient *oauth_client)
{
  g_return_val_if_fail (FREIGHT_IS_OAUTH_CLIENT (oauth_client), NULL);
  g_return_val_if_fail (freight_oauth_client_get_client_id (oauth_client) != NULL, NULL);

  return g_object_new (FREIGHT_TYPE_CLIENT_CREDENTIALS_AUTH,
                       "method", FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS,
                       "oauth-client", oauth_client,
                       NULL);
}

/**
 * freight_client_credentials_auth_sign_in:
 * @oauth_client: the client of the org's My Domain, with consumer key and secret
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Signs in now. Blocks: the window uses FreightSignIn.
 *
 * Returns: (transfer full): the signed-in auth object
 */
FreightAuth *
freight_client_credentials_auth_sign_in (FreightOAuthClient  *oauth_client,
                                         GCancellable        *cancellable,
                                         GError             **error)
{
  g_autoptr(FreightAuth) auth = freight_client_credentials_auth_new (oauth_client);

  if (!freight_auth_renew (auth, NULL, cancellable, error))
    return NULL;
  return g_steal_pointer (&auth);
}
