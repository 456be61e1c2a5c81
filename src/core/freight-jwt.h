/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long a JWT bearer assertion is good for; Salesforce asks for a few minutes. */
#define FREIGHT_JWT_LIFETIME_SECONDS 180

gboolean  freight_jwt_check_key          (const char  *key_file,
                                          const char  *passphrase,
                                          GError     **error);
char     *freight_jwt_sign               (const char  *key_file,
                                          const char  *passphrase,
                                          const char  *issuer,
                                          const char  *subject,
                                          const char  *audience,
                                          gint64       expires_unix,
                                          GError     **error);
char     *freight_base64url_encode       (const guint8 *data,
                                          gsize         len);
gboolean  freight_random_bytes           (guint8      *buffer,
                                          gsize        len);
char     *freight_pkce_challenge         (const char  *verifier);

G_END_DECLS
