/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_HTTP_RESPONSE (freight_http_response_get_type ())

G_DECLARE_FINAL_TYPE (FreightHttpResponse, freight_http_response, FREIGHT, HTTP_RESPONSE, GObject)

guint       freight_http_response_get_status        (FreightHttpResponse  *self);
const char *freight_http_response_get_header        (FreightHttpResponse  *self,
                                                     const char           *name);
GBytes     *freight_http_response_get_body          (FreightHttpResponse  *self);
const char *freight_http_response_get_body_file     (FreightHttpResponse  *self);
guint       freight_http_response_get_attempts      (FreightHttpResponse  *self);
JsonNode   *freight_http_response_get_json          (FreightHttpResponse  *self,
                                                     GError              **error);
JsonObject *freight_http_response_get_json_object   (FreightHttpResponse  *self,
                                                     GError              **error);

G_END_DECLS
