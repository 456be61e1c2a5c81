/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-auth.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_JWT_AUTH (freight_jwt_auth_get_type ())

G_DECLARE_FINAL_TYPE (FreightJwtAuth, freight_jwt_auth, FREIGHT, JWT_AUTH, FreightAuth)

FreightAuth *freight_jwt_auth_new           (FreightOAuthClient  *oauth_client,
                                             const char          *username,
                                             const char          *key_file,
                                             const char          *passphrase);
const char  *freight_jwt_auth_get_username  (FreightJwtAuth      *self);
const char  *freight_jwt_auth_get_key_file  (FreightJwtAuth      *self);
const char  *freight_jwt_auth_get_audience  (FreightJwtAuth      *self);
FreightAuth *freight_jwt_auth_sign_in       (FreightOAuthClient  *oauth_client,
                                             const char          *username,
                                             const char          *key_file,
                                             const char          *passphrase,
                                             GCancellable        *cancellable,
                                             GError             **error);

G_END_DECLS
