/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-auth.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_PASSWORD_AUTH (freight_password_auth_get_type ())

G_DECLARE_FINAL_TYPE (FreightPasswordAuth, freight_password_auth,
                      FREIGHT, PASSWORD_AUTH, FreightAuth)

FreightAuth *freight_password_auth_new            (FreightOAuthClient   *oauth_client,
                                                   const char           *username,
                                                   const char           *password,
                                                   const char           *security_token);
const char  *freight_password_auth_get_username   (FreightPasswordAuth  *self);
FreightAuth *freight_password_auth_sign_in        (FreightOAuthClient   *oauth_client,
                                                   const char           *username,
                                                   const char           *password,
                                                   const char           *security_token,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void         freight_password_auth_sign_in_async  (FreightOAuthClient   *oauth_client,
                                                   const char           *username,
                                                   const char           *password,
                                                   const char           *security_token,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
FreightAuth *freight_password_auth_sign_in_finish (GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
