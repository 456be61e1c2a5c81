/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_OAUTH_TOKEN (freight_oauth_token_get_type ())

G_DECLARE_FINAL_TYPE (FreightOAuthToken, freight_oauth_token, FREIGHT, OAUTH_TOKEN, GObject)

FreightOAuthToken *freight_oauth_token_new                (const char          *access_token,
                                                           const char          *instance_url,
                                                           const char          *refresh_token);
FreightOAuthToken *freight_oauth_token_new_from_json      (JsonObject          *reply,
                                                           GError             **error);
FreightOAuthToken *freight_oauth_token_copy_with_identity (FreightOAuthToken   *self,
                                                           const char          *org_id,
                                                           const char          *user_id);
FreightOAuthToken *freight_oauth_token_copy_with_refresh_token
                                                          (FreightOAuthToken   *self,
                                                           const char          *refresh_token);
const char        *freight_oauth_token_get_access_token   (FreightOAuthToken   *self);
const char        *freight_oauth_token_get_refresh_token  (FreightOAuthToken   *self);
const char        *freight_oauth_token_get_instance_url   (FreightOAuthToken   *self);
const char        *freight_oauth_token_get_id_url         (FreightOAuthToken   *self);
const char        *freight_oauth_token_get_org_id         (FreightOAuthToken   *self);
const char        *freight_oauth_token_get_user_id        (FreightOAuthToken   *self);
const char        *freight_oauth_token_get_scope          (FreightOAuthToken   *self);
gint64             freight_oauth_token_get_issued_at      (FreightOAuthToken   *self);

G_END_DECLS
