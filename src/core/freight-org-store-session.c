/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-org"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-auth.h"
#include "freight-http-client.h"
#include "freight-http-error.h"
#include "freight-oauth-token.h"
#include "freight-org-private.h"
#include "freight-org-session.h"
#include "freight-org-store.h"

/* Using a saved org: opening a session with its keyring secrets and its own trusted CA
 * file, keeping the keyring up to date when the session renews its tokens, and signing
 * out (revoke at the server, then forget the facts and the secrets). */

gboolean
_freight_org_store_do_sign_out (FreightOrgStore      *self,
                                const char           *alias,
                                FreightSignOutFlags   flags,
                                GCancellable         *cancellable,
                                GError              **error)
{
  g_autoptr(FreightOrg) org = _freight_org_store_dup_org (self, alias);
  g_autoptr(FreightHttpClient) http = NULL;
  g_autoptr(FreightAuth) auth = NULL;
  g_autoptr(GError) local_error = NULL;

  if (org == NULL)
    {
      g_set_error (error, FREIGHT_ORG_STORE_ERROR, FREIGHT_ORG_STORE_ERROR_NOT_FOUND,
                   _("There is no saved org “%s”."), alias);
      return FALSE;
    }

  /* A refresh token from elsewhere (the Salesforce CLI's, imported) belongs to that
   * tool: revoking it would sign the tool out too. Freight only forgets it. */
  if (freight_org_get_auth_method (org) == FREIGHT_AUTH_METHOD_REFRESH_TOKEN)
    {
      g_debug ("Not revoking %s: its refresh token came from another tool", alias);
      return _freight_org_store_do_remove (self, alias, cancellable, error);
    }

  http = freight_http_client_new (freight_org_get_ca_file (org), &local_error);
  if (http != NULL)
    auth = _freight_org_store_do_create_auth (self, org, http, cancellable, &local_error);
  if (auth != NULL)
    freight_auth_revoke (auth, cancellable, &local_error);

  if (local_error != NULL)
    {
      if (g_error_matches (local_error, FREIGHT_ORG_STORE_ERROR,
                           FREIGHT_ORG_STORE_ERROR_NO_SECRET))
        g_debug ("Nothing to revoke for %s", alias);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
               || (flags & FREIGHT_SIGN_OUT_FORCE) == 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      else
        g_debug ("Signing out of %s without revoking: %s", alias, local_error->message);
    }

  return _freight_org_store_do_remove (self, alias, cancellable, error);
}

FreightOrgSession *
_freight_org_store_do_open_session (FreightOrgStore  *self,
                                    FreightOrg       *org,
                                    GCancellable     *cancellable,
                                    GError          **error)
{
  g_autoptr(FreightHttpClient) http = NULL;
  g_autoptr(FreightAuth) auth = NULL;
  g_autoptr(FreightOrgSession) session = NULL;

  http = freight_http_client_new (freight_org_get_ca_file (org), error);
  if (http == NULL)
    return NULL;

  auth = _freight_org_store_do_create_auth (self, org, http, cancellable, error);
  if (auth == NULL)
    return NULL;

  session = freight_org_session_new (http, auth);
  if (!freight_org_session_connect (session, cancellable, error))
    return NULL;

  return g_steal_pointer (&session);
}

/**
 * freight_org_store_sign_out:
 * @self: a store
 * @alias: a saved org's alias
 * @flags: what to do when the server cannot revoke
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Signs out of a saved org: revokes its tokens at the server (the refresh token, which
 * ends its access tokens too, or the access token), then removes its keyring items and
 * its entry in the saved orgs file. A refresh token imported from another tool
 * (%FREIGHT_AUTH_METHOD_REFRESH_TOKEN, e.g. the Salesforce CLI's) is not revoked, which
 * would sign that tool out too: it is only forgotten. Blocks (network, D-Bus).
 *
 * Returns: %TRUE when the org is gone
 */
gboolean
freight_org_store_sign_out (FreightOrgStore      *self,
                            const char           *alias,
                            FreightSignOutFlags   flags,
                            GCancellable         *cancellable,
                            GError              **error)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (alias != NULL, FALSE);

  if (!_freight_org_store_do_sign_out (self, alias, flags, cancellable, error))
    return FALSE;
  _freight_org_store_sync_model (self);
  return TRUE;
}

/**
 * freight_org_store_open_session:
 * @self: a store
 * @org: a saved org
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Connects to a saved org: an HTTP client trusting the org's CA file, the auth object
 * from its keyring secrets, a session that has negotiated the API version and read who
 * is signed in. Renewed tokens are written back to the keyring
 * (freight_org_store_track_auth()). Blocks.
 *
 * Returns: (transfer full): the connected session
 */
FreightOrgSession *
freight_org_store_open_session (FreightOrgStore  *self,
                                FreightOrg       *org,
                                GCancellable     *cancellable,
                                GError          **error)
{
  FreightOrgSession *session;

  g_return_val_if_fail (FREIGHT_IS_ORG_STORE (self), NULL);
  g_return_val_if_fail (FREIGHT_IS_ORG (org), NULL);

  session = _freight_org_store_do_open_session (self, org, cancellable, error);
  if (session != NULL)
    freight_org_store_track_auth (self, org, freight_org_session_get_auth (session));
  return session;
}

/* Keeping the keyring up to date ----------------------------------------------------- */

typedef struct
{
  GWeakRef    store;
  FreightOrg *org;
  char       *access_token;
  char       *refresh_token;
} Tracker;

static void
wipe (char **value)
{
  if (*value != NULL)
    memset (*value, 0, strlen (*value));
  g_clear_pointer (value, g_free);
}

static void
tracker_free (gpointer  data,
              GClosure *closure)
{
  Tracker *tracker = data;

  g_weak_ref_clear (&tracker->store);
  g_clear_object (&tracker->org);
  wipe (&tracker->access_token);
  wipe (&tracker->refresh_token);
  g_free (tracker);
}

static void
token_changed (FreightAuth *auth,
               GParamSpec  *pspec,
               Tracker     *tracker)
{
  g_autoptr(FreightOrgStore) store = g_weak_ref_get (&tracker->store);
  g_autoptr(FreightOAuthToken) token = freight_auth_dup_token (auth);
  g_autoptr(FreightOrg) saved = NULL;
  const char *access_token;
  const char *refresh_token;

  if (store == NULL || token == NULL)
    return;

  /* Signed out (or replaced by another account) meanwhile: write nothing back. */
  saved = _freight_org_store_dup_org (store, freight_org_get_alias (tracker->org));
  if (saved == NULL
      || g_strcmp0 (freight_org_get_org_id (saved), freight_org_get_org_id (tracker->org)) != 0
      || g_strcmp0 (freight_org_get_username (saved),
                    freight_org_get_username (tracker->org)) != 0)
    return;

  access_token = freight_oauth_token_get_access_token (token);
  refresh_token = freight_oauth_token_get_refresh_token (token);

  if (g_strcmp0 (access_token, tracker->access_token) != 0)
    {
      wipe (&tracker->access_token);
      tracker->access_token = g_strdup (access_token);
      _freight_org_keyring_store_async (saved, FREIGHT_ORG_SECRET_ACCESS_TOKEN, access_token);
    }

  /* An org may rotate the refresh token; the old one then stops working. */
  if (refresh_token != NULL && g_strcmp0 (refresh_token, tracker->refresh_token) != 0)
    {
      wipe (&tracker->refresh_token);
      tracker->refresh_token = g_strdup (refresh_token);
      _freight_org_keyring_store_async (saved, FREIGHT_ORG_SECRET_REFRESH_TOKEN,
                                        refresh_token);
    }
}

/**
 * freight_org_store_track_auth:
 * @self: a store
 * @org: the saved org @auth signs in to
 * @auth: its auth object
 *
 * Writes @auth's renewed access token (and a rotated refresh token) to the keyring
 * whenever it changes, as long as @org stays saved, so the next start needs no renewal
 * and a rotated refresh token is never lost. Notifications arrive in @auth's main
 * context; the keyring writes do not block it.
 */
void
freight_org_store_track_auth (FreightOrgStore *self,
                              FreightOrg      *org,
                              FreightAuth     *auth)
{
  g_autoptr(FreightOAuthToken) token = NULL;
  Tracker *tracker;

  g_return_if_fail (FREIGHT_IS_ORG_STORE (self));
  g_return_if_fail (FREIGHT_IS_ORG (org));
  g_return_if_fail (FREIGHT_IS_AUTH (auth));

  token = freight_auth_dup_token (auth);
  tracker = g_new0 (Tracker, 1);
  g_weak_ref_init (&tracker->store, self);
  tracker->org = freight_org_copy (org);
  if (token != NULL)
    {
      tracker->access_token = g_strdup (freight_oauth_token_get_access_token (token));
      tracker->refresh_token = g_strdup (freight_oauth_token_get_refresh_token (token));
    }

  g_signal_connect_data (auth, "notify::token", G_CALLBACK (token_changed), tracker,
                         tracker_free, 0);
}
