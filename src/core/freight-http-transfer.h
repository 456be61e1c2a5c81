/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <curl/curl.h>
#include <gio/gio.h>

#include "freight-http-request.h"

G_BEGIN_DECLS

/* One attempt of a request on one curl handle; FreightHttpClient decides about retries. */

typedef struct
{
  CURLSH     *share;
  GBytes     *ca_blob;          /* nullable: trusted CAs when an extra CA file is set */
  guint       connect_timeout;  /* seconds */
  guint       low_speed_time;   /* seconds below 1 byte/s before giving up */
  gboolean    debug;            /* trace headers and bodies, redacted */
} FreightHttpTransferConfig;

typedef struct
{
  guint       status;
  GHashTable *headers;          /* lower-case name → value */
  GBytes     *body;             /* in memory: any non-2xx body, or a 2xx one without file */
  gboolean    body_in_file;     /* a 2xx body went to the part file */
  gboolean    nothing_sent;     /* the request never left this computer */
  gboolean    retryable;        /* a connection fault worth another attempt */
  guint       new_connections;
} FreightHttpOutcome;

gboolean _freight_http_transfer_run   (CURLM                           *multi,
                                       CURL                            *easy,
                                       const FreightHttpTransferConfig *config,
                                       FreightHttpRequest              *request,
                                       const char                      *access_token,
                                       const char                      *part_path,
                                       GCancellable                    *cancellable,
                                       FreightHttpOutcome              *outcome,
                                       GError                         **error);
void     _freight_http_outcome_clear  (FreightHttpOutcome              *outcome);

G_END_DECLS
