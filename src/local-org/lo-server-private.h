/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "lo-auth.h"
#include "lo-config.h"
#include "lo-faults.h"
#include "lo-jobs.h"
#include "lo-schema.h"
#include "lo-server.h"
#include "lo-store.h"

G_BEGIN_DECLS

/* API versions: v31.0 (Summer '14) is the oldest still served; older ones answer 410
 * as they do since Salesforce retired them in Summer '25. */
#define LO_API_VERSION_MIN 31
#define LO_API_VERSION_MAX 66

struct _LoServer
{
  GObject      parent_instance;

  LoConfig    *config;            /* not owned */
  LoSchema    *schema;
  LoStore     *store;             /* the main thread's connection */
  LoAuth      *auth;
  LoJobs      *jobs;
  LoCounters   counters;
  SoupServer  *soup;
  char        *base_url;
  char        *data_dir;
  gboolean     temp_data_dir;
  GHashTable  *cursors;           /* REST query locator -> Cursor */
  guint        cursor_serial;
};

/* One request being answered. */
typedef struct
{
  int                ref_count;
  LoServer          *server;
  SoupServerMessage *msg;
  const char        *method;
  char             **segments;      /* path segments, empty ones dropped */
  guint              n_segments;
  GHashTable        *query;         /* (nullable) */
  char              *version;       /* "62.0" under /services/data/vNN.N */
  LoSession         *session;       /* after authentication */
} LoRequest;

LoRequest *_lo_server_request_ref      (LoRequest    *req);
void      _lo_server_request_free      (LoRequest    *req);
void      _lo_server_reply_json        (LoRequest    *req,
                                        guint         status,
                                        JsonNode     *node);
void      _lo_server_reply_json_string (LoRequest    *req,
                                        guint         status,
                                        const char   *json);
void      _lo_server_reply_error       (LoRequest    *req,
                                        guint         status,
                                        const char   *error_code,
                                        const char   *message);
void      _lo_server_reply_oauth_error (LoRequest    *req,
                                        guint         status,
                                        const char   *error,
                                        const char   *description);
void      _lo_server_reply_file        (LoRequest    *req,
                                        const char   *content_type,
                                        const char   *prefix,
                                        const char   *path,
                                        goffset       offset,
                                        goffset       length);
gboolean  _lo_server_authenticate      (LoRequest    *req);
JsonNode *_lo_server_parse_json_body   (LoRequest    *req);
GHashTable *_lo_server_parse_form_body (LoRequest    *req);
const char *_lo_server_query_param     (LoRequest    *req,
                                        const char   *name);

void      _lo_server_handle_rest       (LoRequest    *req);
void      _lo_server_handle_rest_query (LoRequest    *req,
                                        gboolean      query_all,
                                        const char   *locator);
void      _lo_server_handle_oauth      (LoRequest    *req);
void      _lo_server_handle_identity   (LoRequest    *req);
void      _lo_server_handle_ingest     (LoRequest    *req);
void      _lo_server_handle_query_jobs (LoRequest    *req);
void      _lo_server_setup_uploads     (LoServer     *self);

/* Shared by the ingest and query job endpoints (lo-server-jobs.c). */
void      _lo_server_reply_job         (LoRequest    *req,
                                        LoJob        *job,
                                        LoJobJson     what);
void      _lo_server_reply_job_state_error (LoRequest *req,
                                        LoJob        *job,
                                        const char   *action);
void      _lo_server_reply_method_not_allowed (LoRequest *req,
                                        const char   *allowed);
void      _lo_server_delete_job        (LoRequest    *req,
                                        LoJob        *job);
void      _lo_server_reply_job_list    (LoRequest    *req,
                                        LoJobKind     kind);
gboolean  _lo_server_check_format_options (LoRequest *req,
                                        JsonObject   *options);
void      _lo_server_apply_format_options (LoRequest *req,
                                        LoJob        *job,
                                        JsonObject   *options);

G_END_DECLS
