/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-http-request.h"
#include "freight-http-response.h"

G_BEGIN_DECLS

/* Shared by the files of the connection layer and its tests; not for the app or CLI. */

/* freight-http-request.c */
GPtrArray           *_freight_http_request_get_headers      (FreightHttpRequest *self);
const char          *_freight_http_request_get_content_type (FreightHttpRequest *self);
const guint8        *_freight_http_request_peek_body        (FreightHttpRequest *self,
                                                             gsize              *len);
void                 _freight_http_request_report_progress  (FreightHttpRequest *self,
                                                             guint64             uploaded,
                                                             guint64             upload_total,
                                                             guint64             downloaded,
                                                             guint64             download_total);

/* freight-http-response.c */
FreightHttpResponse *_freight_http_response_new             (const char         *url,
                                                             guint               status,
                                                             GHashTable         *headers,
                                                             GBytes             *body,
                                                             const char         *body_file,
                                                             guint               attempts);

/* freight-http-util.c */
guint                _freight_http_backoff_delay            (guint               base_ms,
                                                             guint               max_ms,
                                                             guint               attempt,
                                                             double              random01);
gint64               _freight_http_parse_retry_after        (const char         *value,
                                                             gint64              now_unix);
gboolean             _freight_http_is_secret_name           (const char         *name,
                                                             gssize              len);
char                *_freight_http_redact_header            (const char         *line,
                                                             gsize               len);
char                *_freight_http_redact_form              (const char         *body,
                                                             gsize               len);
char                *_freight_http_redact_json              (const char         *body,
                                                             gsize               len);
char                *_freight_http_redact_url               (const char         *url);
char                *_freight_http_describe_body            (const char         *content_type,
                                                             const guint8       *body,
                                                             gsize               len);
gboolean             _freight_http_url_is_loopback          (const char         *url);
GError              *_freight_http_error_from_answer        (const char         *method,
                                                             const char         *url,
                                                             guint               status,
                                                             const guint8       *body,
                                                             gsize               len);
gboolean             _freight_http_body_has_invalid_session (const guint8       *body,
                                                             gsize               len);

G_END_DECLS
