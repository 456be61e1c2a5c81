/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-auth.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_CLIENT_CREDENTIALS_AUTH (freight_client_credentials_auth_get_type ())

G_DECLARE_FINAL_TYPE (FreightClientCredentialsAuth, freight_client_credentials_auth,
                      FREIGHT, CLIENT_CREDENTIALS_AUTH, FreightAuth)

FreightAuth *freight_client_credentials_auth_new     (FreightOAuthClient  *oauth_client);
FreightAuth *freight_client_credentials_auth_sign_in (FreightOAuthClient  *oauth_client,
                                                      GCancellable        *cancellable,
                                                      GError             **error);

G_END_DECLS
