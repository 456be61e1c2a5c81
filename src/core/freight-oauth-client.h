/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_LOGIN_URL_PRODUCTION "https://login.salesforce.com"
#define FREIGHT_LOGIN_URL_SANDBOX    "https://test.salesforce.com"

#define FREIGHT_TYPE_OAUTH_CLIENT (freight_oauth_client_get_type ())

G_DECLARE_FINAL_TYPE (FreightOAuthClient, freight_oauth_client, FREIGHT, OAUTH_CLIENT, GObject)

FreightOAuthClient *freight_oauth_client_new              (FreightHttpClient   *http,
                                                           const char          *login_url,
                                                           const char          *client_id,
                                                           const char          *client_secret);
FreightHttpClient  *freight_oauth_client_get_http_client  (FreightOAuthClient  *self);
const char         *freight_oauth_client_get_login_url    (FreightOAuthClient  *self);
const char         *freight_oauth_client_get_client_id    (FreightOAuthClient  *self);
const char         *freight_oauth_client_get_client_secret (FreightOAuthClient *self);
char               *freight_oauth_client_build_url        (FreightOAuthClient  *self,
                                                           const char          *endpoint);
FreightOAuthToken  *freight_oauth_client_request_token    (FreightOAuthClient  *self,
                                                           const char          *grant_type,
                                                           const char * const  *fields,
                                                           gboolean             send_client,
                                                           GCancellable        *cancellable,
                                                           GError             **error);
FreightOAuthToken  *freight_oauth_client_password_grant   (FreightOAuthClient  *self,
                                                           const char          *username,
                                                           const char          *password,
                                                           const char          *security_token,
                                                           GCancellable        *cancellable,
                                                           GError             **error);
FreightOAuthToken  *freight_oauth_client_authorization_code_grant
                                                          (FreightOAuthClient  *self,
                                                           const char          *code,
                                                           const char          *redirect_uri,
                                                           const char          *code_verifier,
                                                           GCancellable        *cancellable,
                                                           GError             **error);
FreightOAuthToken  *freight_oauth_client_jwt_bearer_grant (FreightOAuthClient  *self,
                                                           const char          *assertion,
                                                           const char          *username,
                                                           GCancellable        *cancellable,
                                                           GError             **error);
FreightOAuthToken  *freight_oauth_client_client_credentials_grant
                                                          (FreightOAuthClient  *self,
                                                           GCancellable        *cancellable,
                                                           GError             **error);
FreightOAuthToken  *freight_oauth_client_refresh_grant    (FreightOAuthClient  *self,
                                                           const char          *refresh_token,
                                                           GCancellable        *cancellable,
                                                           GError             **error);
gboolean            freight_oauth_client_revoke           (FreightOAuthClient  *self,
                                                           const char          *token,
                                                           GCancellable        *cancellable,
                                                           GError             **error);
JsonObject         *freight_oauth_client_get_userinfo     (FreightOAuthClient  *self,
                                                           FreightOAuthToken   *token,
                                                           GCancellable        *cancellable,
                                                           GError             **error);

G_END_DECLS
