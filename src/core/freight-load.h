/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "freight-load-description.h"
#include "freight-load-diagnostic.h"
#include "freight-load-job.h"
#include "freight-load-types.h"
#include "freight-reconcile-output.h"
#include "freight-types.h"

G_BEGIN_DECLS

/* FreightLoad: one run of the load pipeline (design.md §4).
 *
 *   load = freight_load_new (description);                 (or freight_load_new_resume ())
 *   g_object_bind_property (load, "rows-processed", …);    (any property below)
 *   freight_load_run_async (load, cancellable, done, data);
 *   … freight_load_cancel (load) aborts the open jobs, and the run ends CANCELLED …
 *   freight_load_run_finish (load, result, &error);
 *
 * The run works on threads of its own: one prepares the parts (streaming the source
 * through the mapping into part-NNNN.csv files of at most 100 MB in the spool folder), one
 * schedules: it starts a job per part while at most jobs-in-flight jobs are open, polls
 * them all from one poller (from poll-interval, slowing to max-poll-interval, as
 * Retry-After asks), and once a job has ended downloads its three result sets, joins
 * them to the source rows by content and appends every row of the part to the run's
 * success.csv, failed.csv or unprocessed.csv. Blocking steps (HTTP, files) run on a pool.
 * The properties change on the main context of the caller of freight_load_run_async().
 *
 * Every step is saved in the journal before and after it happens, so that
 * freight_load_new_resume() continues a run that stopped at any point (a crash, a lost
 * connection, the #GCancellable): a part whose upload may have reached a job is sent again
 * only through a new job after aborting that one, a close whose answer was lost is checked
 * with a GET, a job that was processing is just polled again.
 *
 * The run's folder, in the description's output folder and named after the source file
 * and the start time, holds the three result files and summary.json; its spool folder
 * (.spool) goes once the run is done. */

/* The kind of a load's run in the journal (FreightJournalRun:kind). */
#define FREIGHT_LOAD_RUN_KIND "load"

#define FREIGHT_TYPE_LOAD (freight_load_get_type ())

G_DECLARE_FINAL_TYPE (FreightLoad, freight_load, FREIGHT, LOAD, GObject)

FreightLoad            *freight_load_new                 (FreightLoadDescription *description);
FreightLoad            *freight_load_new_resume          (const char             *run_id,
                                                          FreightOrgSession      *session,
                                                          FreightJournal         *journal);

FreightLoadDescription *freight_load_get_description     (FreightLoad            *self);
const char             *freight_load_get_run_id          (FreightLoad            *self);
GFile                  *freight_load_get_run_dir         (FreightLoad            *self);
FreightLoadState        freight_load_get_state           (FreightLoad            *self);
guint64                 freight_load_get_rows_total      (FreightLoad            *self);
guint64                 freight_load_get_rows_prepared   (FreightLoad            *self);
guint64                 freight_load_get_rows_skipped    (FreightLoad            *self);
guint64                 freight_load_get_rows_uploaded   (FreightLoad            *self);
guint64                 freight_load_get_rows_processed  (FreightLoad            *self);
guint64                 freight_load_get_rows_succeeded  (FreightLoad            *self);
guint64                 freight_load_get_rows_failed     (FreightLoad            *self);
guint64                 freight_load_get_rows_unprocessed (FreightLoad           *self);
guint64                 freight_load_get_n_ambiguous     (FreightLoad            *self);
guint64                 freight_load_get_bytes_prepared  (FreightLoad            *self);
guint64                 freight_load_get_bytes_uploaded  (FreightLoad            *self);
double                  freight_load_get_fraction        (FreightLoad            *self);
double                  freight_load_get_elapsed         (FreightLoad            *self);
double                  freight_load_get_estimate        (FreightLoad            *self);
guint                   freight_load_get_n_jobs_failed   (FreightLoad            *self);
GListModel             *freight_load_get_jobs            (FreightLoad            *self);
GListModel             *freight_load_get_diagnostics     (FreightLoad            *self);
GFile                  *freight_load_get_result_file     (FreightLoad            *self,
                                                          FreightResultFileKind   kind);
JsonNode               *freight_load_dup_summary         (FreightLoad            *self);

void                    freight_load_run_async           (FreightLoad            *self,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);
gboolean                freight_load_run_finish          (FreightLoad            *self,
                                                          GAsyncResult           *result,
                                                          GError                **error);
void                    freight_load_cancel              (FreightLoad            *self);

void                    freight_load_tune_allocator      (void);

G_END_DECLS
