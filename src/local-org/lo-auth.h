/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "lo-config.h"
#include "lo-schema.h"
#include "lo-store.h"

G_BEGIN_DECLS

#define LO_AUTH_ERROR (lo_auth_error_quark ())

/* OAuth error codes, as the token endpoint spells them in "error". */
typedef enum
{
  LO_AUTH_ERROR_INVALID_GRANT,
  LO_AUTH_ERROR_INVALID_CLIENT_ID,
  LO_AUTH_ERROR_INVALID_CLIENT,
  LO_AUTH_ERROR_INVALID_REQUEST,
  LO_AUTH_ERROR_UNSUPPORTED_GRANT_TYPE,
  LO_AUTH_ERROR_INVALID_TOKEN,
  LO_AUTH_ERROR_REDIRECT_URI_MISMATCH,
  LO_AUTH_ERROR_SERVER,
} LoAuthError;

#define LO_TYPE_AUTH (lo_auth_get_type ())

G_DECLARE_FINAL_TYPE (LoAuth, lo_auth, LO, AUTH, GObject)

/* What an access token stands for. */
typedef struct
{
  LoUser  *user;
  char    *client_id;
  char    *scope;
} LoSession;

GQuark      lo_auth_error_quark       (void);
const char *lo_auth_error_code        (const GError   *error);
LoAuth     *lo_auth_new               (const LoConfig *config,
                                       LoSchema       *schema,
                                       LoStore        *store,
                                       GError        **error);
void        lo_auth_set_base_url      (LoAuth         *self,
                                       const char     *base_url);
gboolean    lo_auth_check_client      (LoAuth         *self,
                                       const char     *client_id,
                                       const char     *client_secret,
                                       gboolean        secret_required,
                                       GError        **error);
JsonNode   *lo_auth_issue             (LoAuth         *self,
                                       LoUser         *user,
                                       const char     *client_id,
                                       const char     *scope,
                                       gboolean        with_refresh_token,
                                       const char     *refresh_token,
                                       GError        **error);
LoSession  *lo_auth_check_access      (LoAuth         *self,
                                       const char     *access_token);
JsonNode   *lo_auth_refresh           (LoAuth         *self,
                                       const char     *refresh_token,
                                       const char     *client_id,
                                       const char     *client_secret,
                                       GError        **error);
gboolean    lo_auth_revoke            (LoAuth         *self,
                                       const char     *token);
char       *lo_auth_new_code          (LoAuth         *self,
                                       LoUser         *user,
                                       const char     *client_id,
                                       const char     *redirect_uri,
                                       const char     *scope,
                                       const char     *code_challenge,
                                       const char     *code_challenge_method);
JsonNode   *lo_auth_redeem_code       (LoAuth         *self,
                                       const char     *code,
                                       const char     *client_id,
                                       const char     *client_secret,
                                       const char     *redirect_uri,
                                       const char     *code_verifier,
                                       GError        **error);
LoUser     *lo_auth_verify_jwt        (LoAuth         *self,
                                       const char     *assertion,
                                       char          **client_id,
                                       GError        **error);
LoUser     *lo_auth_check_password    (LoAuth         *self,
                                       const char     *username,
                                       const char     *password);
gboolean    lo_auth_redirect_uri_ok   (LoAuth         *self,
                                       const char     *redirect_uri);
char       *lo_auth_identity_url      (LoAuth         *self,
                                       LoUser         *user);
void        lo_session_free           (LoSession      *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoSession, lo_session_free)

G_END_DECLS
