/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-types.h"

G_BEGIN_DECLS

/* The loopback port the redirect URI uses unless told otherwise: the one of the
 * Salesforce CLI's callback URL (http://localhost:1717/OauthRedirect), so a connected
 * app set up for it works too. */
#define FREIGHT_WEB_SIGN_IN_DEFAULT_PORT    1717
#define FREIGHT_WEB_SIGN_IN_DEFAULT_TIMEOUT 300
#define FREIGHT_WEB_SIGN_IN_DEFAULT_SCOPE   "refresh_token api web"
#define FREIGHT_WEB_SIGN_IN_PATH            "/OauthRedirect"

#define FREIGHT_TYPE_WEB_SIGN_IN (freight_web_sign_in_get_type ())

G_DECLARE_FINAL_TYPE (FreightWebSignIn, freight_web_sign_in, FREIGHT, WEB_SIGN_IN, GObject)

FreightWebSignIn  *freight_web_sign_in_new                  (FreightOAuthClient  *oauth_client);
FreightOAuthClient *freight_web_sign_in_get_oauth_client    (FreightWebSignIn    *self);
void               freight_web_sign_in_set_port             (FreightWebSignIn    *self,
                                                             guint                port);
guint              freight_web_sign_in_get_port             (FreightWebSignIn    *self);
void               freight_web_sign_in_set_scope            (FreightWebSignIn    *self,
                                                             const char          *scope);
void               freight_web_sign_in_set_prompt           (FreightWebSignIn    *self,
                                                             const char          *prompt);
void               freight_web_sign_in_set_login_hint       (FreightWebSignIn    *self,
                                                             const char          *login_hint);
gboolean           freight_web_sign_in_start                (FreightWebSignIn    *self,
                                                             GError             **error);
const char        *freight_web_sign_in_get_authorize_url    (FreightWebSignIn    *self);
const char        *freight_web_sign_in_get_redirect_uri     (FreightWebSignIn    *self);
const char        *freight_web_sign_in_get_state            (FreightWebSignIn    *self);
void               freight_web_sign_in_wait_for_code_async  (FreightWebSignIn    *self,
                                                             guint                timeout_seconds,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
char              *freight_web_sign_in_wait_for_code_finish (FreightWebSignIn    *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
FreightOAuthToken *freight_web_sign_in_redeem               (FreightWebSignIn    *self,
                                                             const char          *code,
                                                             GCancellable        *cancellable,
                                                             GError             **error);
void               freight_web_sign_in_answer_browser       (FreightWebSignIn    *self,
                                                             const GError        *error,
                                                             const char          *signed_in_as);
void               freight_web_sign_in_stop                 (FreightWebSignIn    *self);

G_END_DECLS
