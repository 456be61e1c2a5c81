/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-types.h"

G_BEGIN_DECLS

/**
 * FreightAuthMethod:
 * @FREIGHT_AUTH_METHOD_NONE: not signed in
 * @FREIGHT_AUTH_METHOD_PASSWORD: username + password (+ security token)
 * @FREIGHT_AUTH_METHOD_ACCESS_TOKEN: a pasted access token; cannot be renewed
 * @FREIGHT_AUTH_METHOD_REFRESH_TOKEN: a stored refresh token (e.g. from the web flow)
 * @FREIGHT_AUTH_METHOD_WEB: the OAuth web-server flow with PKCE
 * @FREIGHT_AUTH_METHOD_JWT: the JWT bearer flow with a private key
 * @FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS: the client credentials flow of a connected app
 *   (it runs as the app's "Run As" user)
 *
 * How an org was signed in to, which decides how its session is renewed.
 */
typedef enum
{
  FREIGHT_AUTH_METHOD_NONE,
  FREIGHT_AUTH_METHOD_PASSWORD,
  FREIGHT_AUTH_METHOD_ACCESS_TOKEN,
  FREIGHT_AUTH_METHOD_REFRESH_TOKEN,
  FREIGHT_AUTH_METHOD_WEB,
  FREIGHT_AUTH_METHOD_JWT,
  FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS,
} FreightAuthMethod;

#define FREIGHT_TYPE_AUTH_METHOD (freight_auth_method_get_type ())

GType              freight_auth_method_get_type    (void) G_GNUC_CONST;
const char        *freight_auth_method_to_string   (FreightAuthMethod method);
FreightAuthMethod  freight_auth_method_from_string (const char       *name);

#define FREIGHT_TYPE_AUTH (freight_auth_get_type ())

G_DECLARE_DERIVABLE_TYPE (FreightAuth, freight_auth, FREIGHT, AUTH, GObject)

/**
 * FreightAuthClass:
 * @renew: obtains a new token without asking the user (refresh-token grant, password grant
 *   again, a new JWT assertion…). Runs on a worker thread, never twice at once for one
 *   object. @current is the token being replaced, or %NULL when there is none yet. Return
 *   a FREIGHT_AUTH_ERROR_SESSION_EXPIRED (or another FREIGHT_AUTH_ERROR) when only the
 *   user can sign in again; other errors (network) leave the session usable.
 * @revoke: ends the session at the server (sign-out). Runs on a worker thread.
 *
 * The base class keeps the current token, makes renewals single-flight, and tells the
 * main context when the session needs the user. Sign-in methods subclass it: the HTTP
 * layer only knows this class.
 */
struct _FreightAuthClass
{
  GObjectClass parent_class;

  FreightOAuthToken *(*renew)  (FreightAuth        *self,
                                FreightOAuthToken  *current,
                                GCancellable       *cancellable,
                                GError            **error);
  gboolean           (*revoke) (FreightAuth        *self,
                                GCancellable       *cancellable,
                                GError            **error);

  /*< private >*/
  gpointer padding[8];
};

FreightAuthMethod  freight_auth_get_method         (FreightAuth          *self);
FreightOAuthClient *freight_auth_get_oauth_client  (FreightAuth          *self);
FreightOAuthToken *freight_auth_dup_token          (FreightAuth          *self);
void               freight_auth_set_token          (FreightAuth          *self,
                                                    FreightOAuthToken    *token);
gboolean           freight_auth_get_needs_sign_in  (FreightAuth          *self);
guint              freight_auth_get_renew_count    (FreightAuth          *self);
FreightOAuthToken *freight_auth_ensure_token       (FreightAuth          *self,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
void               freight_auth_ensure_token_async (FreightAuth          *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
FreightOAuthToken *freight_auth_ensure_token_finish (FreightAuth         *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
gboolean           freight_auth_renew              (FreightAuth          *self,
                                                    const char           *stale_access_token,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
void               freight_auth_session_expired    (FreightAuth          *self,
                                                    const char           *stale_access_token,
                                                    GError              **error);
gboolean           freight_auth_revoke             (FreightAuth          *self,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
void               freight_auth_revoke_async       (FreightAuth          *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean           freight_auth_revoke_finish      (FreightAuth          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
