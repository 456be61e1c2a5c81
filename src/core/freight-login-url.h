/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *freight_login_url_normalize       (const char  *text,
                                             GError     **error);
gboolean  freight_login_url_is_sandbox      (const char  *url);
gboolean  freight_login_url_is_loopback     (const char  *url);
gboolean  freight_login_url_is_shared_host  (const char  *url);
char     *freight_login_url_jwt_audience    (const char  *url);
char     *freight_login_url_get_host        (const char  *url);

G_END_DECLS
