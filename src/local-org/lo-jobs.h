/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "lo-config.h"
#include "lo-job.h"
#include "lo-schema.h"
#include "lo-store.h"

G_BEGIN_DECLS

#define LO_TYPE_JOBS (lo_jobs_get_type ())

G_DECLARE_FINAL_TYPE (LoJobs, lo_jobs, LO, JOBS, GObject)

/* What a job runner needs, one per worker thread. */
typedef struct
{
  LoStore          *store;      /* the worker thread's own connection */
  const LoConfig   *config;
  LoCounters       *counters;
  gint             *stopping;   /* set when the org shuts down */
} LoJobContext;

LoJobs    *lo_jobs_new         (const LoConfig  *config,
                                LoCounters      *counters,
                                LoSchema        *schema,
                                LoStore         *store,
                                const char      *db_path,
                                const char      *jobs_dir,
                                GError         **error);
LoJob     *lo_jobs_create      (LoJobs          *self,
                                LoJobKind        kind,
                                GError         **error);
LoJob     *lo_jobs_lookup      (LoJobs          *self,
                                LoJobKind        kind,
                                const char      *id);
GPtrArray *lo_jobs_list        (LoJobs          *self,
                                LoJobKind        kind);
void       lo_jobs_delete      (LoJobs          *self,
                                LoJob           *job);
void       lo_jobs_submit      (LoJobs          *self,
                                LoJob           *job);
void       lo_jobs_shutdown    (LoJobs          *self);

G_END_DECLS
