/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "freight-types.h"

G_BEGIN_DECLS

/**
 * FreightHttpProgressFunc:
 * @uploaded: request body bytes sent so far
 * @upload_total: size of the request body, or 0 when unknown or empty
 * @downloaded: response body bytes received so far (as they arrive on the wire)
 * @download_total: expected size of the response body, or 0 when unknown
 * @user_data: the data given with the function
 *
 * Reports the progress of a transfer. It is called on the thread that runs the transfer,
 * not the main thread; hand values over to the main context before touching any widget.
 * A retried transfer starts again from zero.
 */
typedef void (*FreightHttpProgressFunc) (guint64  uploaded,
                                         guint64  upload_total,
                                         guint64  downloaded,
                                         guint64  download_total,
                                         gpointer user_data);

#define FREIGHT_TYPE_HTTP_REQUEST (freight_http_request_get_type ())

G_DECLARE_FINAL_TYPE (FreightHttpRequest, freight_http_request, FREIGHT, HTTP_REQUEST, GObject)

FreightHttpRequest *freight_http_request_new               (const char              *method,
                                                            const char              *url);
const char         *freight_http_request_get_method        (FreightHttpRequest      *self);
const char         *freight_http_request_get_url           (FreightHttpRequest      *self);
void                freight_http_request_set_header        (FreightHttpRequest      *self,
                                                            const char              *name,
                                                            const char              *value);
const char         *freight_http_request_get_header        (FreightHttpRequest      *self,
                                                            const char              *name);
gboolean            freight_http_request_get_retry_safe    (FreightHttpRequest      *self);
void                freight_http_request_set_retry_safe    (FreightHttpRequest      *self,
                                                            gboolean                 retry_safe);
FreightAuth        *freight_http_request_get_auth          (FreightHttpRequest      *self);
void                freight_http_request_set_auth          (FreightHttpRequest      *self,
                                                            FreightAuth             *auth);
void                freight_http_request_set_body_bytes    (FreightHttpRequest      *self,
                                                            GBytes                  *body,
                                                            const char              *content_type);
void                freight_http_request_set_body_json     (FreightHttpRequest      *self,
                                                            JsonNode                *node);
void                freight_http_request_add_form_field    (FreightHttpRequest      *self,
                                                            const char              *name,
                                                            const char              *value);
void                freight_http_request_set_body_file     (FreightHttpRequest      *self,
                                                            const char              *path,
                                                            const char              *content_type);
const char         *freight_http_request_get_body_file     (FreightHttpRequest      *self);
void                freight_http_request_set_response_file (FreightHttpRequest      *self,
                                                            const char              *path);
const char         *freight_http_request_get_response_file (FreightHttpRequest      *self);
void                freight_http_request_set_progress_func (FreightHttpRequest      *self,
                                                            FreightHttpProgressFunc  func,
                                                            gpointer                 user_data,
                                                            GDestroyNotify           destroy);

G_END_DECLS
