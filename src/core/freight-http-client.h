/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_HTTP_CLIENT (freight_http_client_get_type ())

G_DECLARE_FINAL_TYPE (FreightHttpClient, freight_http_client, FREIGHT, HTTP_CLIENT, GObject)

FreightHttpClient   *freight_http_client_new                  (const char           *ca_file,
                                                               GError              **error);
const char          *freight_http_client_get_ca_file          (FreightHttpClient    *self);
guint                freight_http_client_get_connection_count (FreightHttpClient    *self);
FreightHttpResponse *freight_http_client_send                 (FreightHttpClient    *self,
                                                               FreightHttpRequest   *request,
                                                               GCancellable         *cancellable,
                                                               GError              **error);
void                 freight_http_client_send_async           (FreightHttpClient    *self,
                                                               FreightHttpRequest   *request,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
FreightHttpResponse *freight_http_client_send_finish          (FreightHttpClient    *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);

G_END_DECLS
