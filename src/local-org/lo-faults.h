/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "lo-config.h"

G_BEGIN_DECLS

#define LO_FAULTS_ERROR (lo_faults_error_quark ())

typedef enum
{
  LO_FAULTS_ERROR_PARSE,
} LoFaultsError;

/* The endpoint classes a fault can target. */
typedef enum
{
  LO_ENDPOINT_ANY,
  LO_ENDPOINT_CREATE,       /* POST jobs/ingest, jobs/query */
  LO_ENDPOINT_UPLOAD,       /* PUT …/batches */
  LO_ENDPOINT_CLOSE,        /* PATCH a job */
  LO_ENDPOINT_STATUS,       /* GET a job */
  LO_ENDPOINT_LIST,         /* GET jobs/ingest, jobs/query */
  LO_ENDPOINT_DELETE,       /* DELETE a job */
  LO_ENDPOINT_RESULTS,      /* ingest results, query results */
  LO_ENDPOINT_REST,         /* /services/data… other than jobs */
  LO_ENDPOINT_OAUTH,        /* /services/oauth2/… */
  LO_N_ENDPOINTS
} LoEndpoint;

typedef enum
{
  LO_FAULT_NONE,
  LO_FAULT_HTTP_500,
  LO_FAULT_HTTP_503,
  LO_FAULT_HTTP_429,
} LoFaultReply;

#define LO_FAULTS_HELP \
  "Faults (--faults SPEC, rules separated by commas; P is a probability 0..1 drawn\n" \
  "from --seed, or Nx for the first N matching requests):\n" \
  "  latency=MS[-MS]        delay every request by MS (or a random MS in the range)\n" \
  "  http500@EP=P           answer 500 UNKNOWN_EXCEPTION on endpoint class EP\n" \
  "  http503@EP=P           answer 503 SERVER_UNAVAILABLE on EP\n" \
  "  http429@EP=P           answer 429 REQUEST_LIMIT_EXCEEDED with Retry-After on EP\n" \
  "  retry-after=S          the Retry-After seconds of http429 (default 1)\n" \
  "  drop-upload=P          close the connection in the middle of a PUT …/batches\n" \
  "  drop-download=P        close the connection in the middle of a results download\n" \
  "  token-expiry=S         access tokens expire S seconds after they are issued\n" \
  "  lock-rows=P            a share P of ingest rows fail with UNABLE_TO_LOCK_ROW\n" \
  "  EP is one of any, create, upload, close, status, list, delete, results, rest, oauth.\n" \
  "  Example: --faults 'latency=20,http503@status=2x,lock-rows=0.01' --seed 7\n"

GQuark        lo_faults_error_quark   (void);
LoFaults     *lo_faults_new           (const char  *spec,
                                       guint        seed,
                                       GError     **error);
void          lo_faults_free          (LoFaults    *self);
guint         lo_faults_latency_ms    (LoFaults    *self);
LoFaultReply  lo_faults_reply         (LoFaults    *self,
                                       LoEndpoint   endpoint,
                                       guint       *retry_after_s);
gboolean      lo_faults_drop_upload   (LoFaults    *self);
gboolean      lo_faults_drop_download (LoFaults    *self);
gint64        lo_faults_token_expiry  (LoFaults    *self);
gboolean      lo_faults_lock_row      (LoFaults    *self);
gboolean      lo_faults_has_lock_rows (LoFaults    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoFaults, lo_faults_free)

G_END_DECLS
