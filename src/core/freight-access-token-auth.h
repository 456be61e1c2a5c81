/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-auth.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_ACCESS_TOKEN_AUTH (freight_access_token_auth_get_type ())

G_DECLARE_FINAL_TYPE (FreightAccessTokenAuth, freight_access_token_auth,
                      FREIGHT, ACCESS_TOKEN_AUTH, FreightAuth)

FreightAuth *freight_access_token_auth_new            (FreightHttpClient    *http,
                                                       FreightOAuthToken    *token);
FreightAuth *freight_access_token_auth_sign_in        (FreightHttpClient    *http,
                                                       const char           *instance_url,
                                                       const char           *access_token,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
void         freight_access_token_auth_sign_in_async  (FreightHttpClient    *http,
                                                       const char           *instance_url,
                                                       const char           *access_token,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
FreightAuth *freight_access_token_auth_sign_in_finish (GAsyncResult         *result,
                                                       GError              **error);

G_END_DECLS
