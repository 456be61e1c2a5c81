/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-auth.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_REFRESH_TOKEN_AUTH (freight_refresh_token_auth_get_type ())

G_DECLARE_FINAL_TYPE (FreightRefreshTokenAuth, freight_refresh_token_auth,
                      FREIGHT, REFRESH_TOKEN_AUTH, FreightAuth)

FreightAuth *freight_refresh_token_auth_new               (FreightOAuthClient      *oauth_client,
                                                           FreightAuthMethod        method,
                                                           const char              *refresh_token,
                                                           FreightOAuthToken       *token);
char        *freight_refresh_token_auth_dup_refresh_token (FreightRefreshTokenAuth *self);

G_END_DECLS
