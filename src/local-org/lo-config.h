/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LoFaults LoFaults;

/* The org's settings, from the command line; read-only once the server runs. */
typedef struct
{
  guint        port;
  char        *data_dir;
  char        *schema_path;
  char        *tls_cert;
  char        *tls_key;
  char        *consumer_key;
  char        *consumer_secret;
  char        *jwt_certificate;
  gint64       token_lifetime_s;
  guint        rows_per_second;      /* 0: as fast as possible */
  guint        default_page_size;    /* 0: all rows in one page */
  guint        jobs_page_size;       /* jobs per page of a job listing */
  guint        seed;
  gboolean     auto_approve;
  gboolean     grant_hard_delete;
  gboolean     in_order;             /* results in input order, echoes verbatim */
  LoFaults    *faults;
} LoConfig;

/* Live counters behind /limits; updated atomically from any thread. */
typedef struct
{
  gint         api_requests;
  gint         bulk_batches;
  gint         query_jobs;
  gint         ingest_jobs;
} LoCounters;

#define LO_LIMIT_API_REQUESTS   15000000
#define LO_LIMIT_BULK_BATCHES   15000
#define LO_LIMIT_QUERY_JOBS     10000
#define LO_INTERNAL_BATCH_SIZE  10000

G_END_DECLS
