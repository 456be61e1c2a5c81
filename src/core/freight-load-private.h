/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-bulk-client.h"
#include "freight-load.h"
#include "freight-load-journal.h"
#include "freight-load-prepare.h"
#include "freight-preflight-result.h"
#include "freight-reconcile.h"

G_BEGIN_DECLS

/* Shared by the files of FreightLoad:
 *   freight-load.c         the object, its properties on the main context, the public API
 *   freight-load-setup.c   starting a new run and rebuilding one from the journal
 *   freight-load-run.c     the scheduler thread: parts, job slots, the poller, cancel
 *   freight-load-steps.c   the blocking steps on the pool: job start, poll, abort, results
 *   freight-load-summary.c summary.json
 * Not part of the public API. */

/* One part as the main context sees it. */
typedef struct
{
  guint                part;
  char                *job_id;
  FreightLoadJobState  state;
  guint64              rows;
  guint64              rows_skipped;
  guint64              rows_processed;
  guint64              rows_failed;
  guint64              bytes;
  guint64              bytes_uploaded;
  char                *error_message;
} FreightJobStatus;

/* The run as the main context sees it, handed over under FreightLoadRun:lock. */
typedef struct
{
  FreightLoadState  state;
  char             *run_id;
  GFile            *run_dir;
  guint64           rows_total;
  guint64           rows_prepared;
  guint64           rows_skipped;
  guint64           rows_uploaded;
  guint64           rows_processed;
  guint64           rows_succeeded;
  guint64           rows_failed;
  guint64           rows_unprocessed;
  guint64           n_ambiguous;
  guint64           bytes_prepared;
  guint64           bytes_uploaded;
  double            fraction;
  guint             n_jobs_failed;
  GArray           *jobs;          /* FreightJobStatus, by part */
  GPtrArray        *diagnostics;   /* FreightLoadDiagnostic added since the last hand-over */
} FreightLoadSnapshot;

/* One part as the scheduler sees it. */
typedef struct
{
  FreightPartRecord       *rec;
  FreightLoadJobState      state;
  gboolean                 busy;            /* a step runs on the pool for it */
  gboolean                 in_flight;       /* holds a job slot */
  gint64                   next_poll;       /* monotonic µs, when closed */
  guint                    interval;        /* ms until the poll after next_poll */
  guint                    poll_failures;
  guint64                  bytes_uploaded;  /* atomically, while uploading */
  GCancellable            *cancellable;     /* of the step running for it */
  FreightReconcileResult  *result;
} FreightLoadPart;

typedef struct _FreightLoadRun FreightLoadRun;

struct _FreightLoadRun
{
  /* Fixed once the run is set up. */
  FreightLoad                 *load;            /* weak: the load owns the run */
  GMainContext                *main_context;
  FreightOrgSession           *session;
  FreightBulkClient           *client;
  FreightJournal              *journal;
  FreightRunRecord            *record;
  FreightMappingPlan          *plan;            /* NULL once every part is prepared */
  FreightReconcileKind        *kinds;
  guint                        n_kinds;
  GFile                       *source;
  GFile                       *run_dir;
  GFile                       *spool_dir;
  GFile                       *exclusions;      /* spool/exclusions.csv, or NULL */
  GFile                       *output_parent;   /* the description's output folder */
  FreightExclusionCursor      *exclusion_cursor;
  gint64                       resume_id;
  int                          claim;           /* freight_journal_claim_run(), or -1 */
  GCancellable                *cancellable;     /* the caller's: stops the run */
  GCancellable                *stop;            /* stops every step: a stop or an error */
  gulong                       cancelled_id;
  gint64                       started;         /* monotonic µs */
  gboolean                     resumed;

  /* The scheduler's, on its thread. */
  GAsyncQueue                 *events;
  GThreadPool                 *pool;
  GPtrArray                   *parts;           /* FreightLoadPart, index = number - 1 */
  FreightReconcileOutput      *output;
  guint                        n_busy;
  guint                        next_write;      /* the part to append next */
  gboolean                     writing;
  gboolean                     polling;
  gboolean                     all_prepared;
  gboolean                     cancelling;
  gboolean                     stopping;
  GError                      *error;
  gint64                       poll_not_before; /* monotonic µs: Retry-After */
  FreightReconcileOutputState  output_state;    /* after the last part written */

  /* The preparer thread. */
  GThread                     *prep_thread;
  FreightPreparer             *preparer;
  GMutex                       prep_lock;
  GCond                        prep_cond;
  guint                        n_waiting;       /* prepared parts without a job yet */
  gboolean                     prep_quit;
  guint                        prep_number;     /* where the preparer starts */
  guint64                      prep_record;
  guint64                      prep_offset;
  guint64                      prep_line;

  /* Handing over to the main context. */
  GMutex                       lock;
  FreightLoadSnapshot          snapshot;
  gboolean                     publish_pending;
  gint64                       last_publish;
};

/* freight-load.c */
FreightLoadJob *_freight_load_job_new          (guint                   part);
void            _freight_load_job_update       (FreightLoadJob         *self,
                                                const FreightJobStatus *status);
void            _freight_load_publish          (FreightLoadRun         *run,
                                                gboolean                now);
void            _freight_job_status_clear      (FreightJobStatus       *status);

/* freight-load-setup.c */
FreightLoadRun *_freight_load_run_new          (FreightLoad            *load);
void            _freight_load_run_free         (FreightLoadRun         *run);
gboolean        _freight_load_setup_new        (FreightLoadRun         *run,
                                                FreightLoadDescription *description,
                                                GError                **error);
gboolean        _freight_load_setup_resume     (FreightLoadRun         *run,
                                                gint64                  run_id,
                                                FreightJournal         *journal,
                                                GError                **error);
gboolean        _freight_load_setup_worker     (FreightLoadRun         *run,
                                                GError                **error);
gboolean        _freight_load_setup_plan       (FreightLoadRun         *run,
                                                GError                **error);
void            _freight_load_remove_spool     (FreightLoadRun         *run);

/* freight-load-run.c */
gboolean        _freight_load_run_schedule     (FreightLoadRun         *run,
                                                GError                **error);
void            _freight_load_run_cancel       (FreightLoadRun         *run);

/* freight-load-progress.c */
FreightLoadJobState _freight_load_part_ui_state (const FreightPartRecord *rec);
void            _freight_load_update_snapshot  (FreightLoadRun         *run);
void            _freight_load_add_final_event  (FreightLoadRun         *run,
                                                FreightLoadState        state);

/* freight-load-steps.c: blocking, on the pool */
gboolean        _freight_load_step_start       (FreightLoadRun         *run,
                                                FreightPartRecord      *rec,
                                                FreightLoadPart        *part,
                                                GCancellable           *cancellable,
                                                GError                **error);
gboolean        _freight_load_step_abort       (FreightLoadRun         *run,
                                                FreightPartRecord      *rec,
                                                GCancellable           *cancellable,
                                                GError                **error);
FreightBulkJob *_freight_load_step_poll        (FreightLoadRun         *run,
                                                const char             *job_id,
                                                GCancellable           *cancellable,
                                                GError                **error);
gboolean        _freight_load_step_results     (FreightLoadRun         *run,
                                                FreightPartRecord      *rec,
                                                FreightReconcileResult **result,
                                                GCancellable           *cancellable,
                                                GError                **error);
gboolean        _freight_load_step_write       (FreightLoadRun         *run,
                                                FreightPartRecord      *rec,
                                                FreightReconcileResult *result,
                                                GCancellable           *cancellable,
                                                GError                **error);
gboolean        _freight_load_save_part        (FreightLoadRun         *run,
                                                FreightPartRecord      *rec,
                                                FreightPartStep         step,
                                                const char             *detail,
                                                GError                **error);
void            _freight_load_set_job_end      (FreightPartRecord      *rec,
                                                FreightBulkJob         *job);
FreightSpoolPart *_freight_load_spool_part     (FreightLoadRun         *run,
                                                const FreightPartRecord *rec);

/* freight-load-summary.c */
JsonNode       *_freight_load_build_summary    (FreightLoadRun         *run);
gboolean        _freight_load_write_summary    (FreightLoadRun         *run,
                                                GError                **error);

G_END_DECLS
