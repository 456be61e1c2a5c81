/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-journal.h"
#include "freight-load-prepare.h"
#include "freight-load-types.h"
#include "freight-reconcile-output.h"

G_BEGIN_DECLS

/* The load pipeline's tables in the journal (FreightJournal, freight-journal-schema.c),
 * internal to libfreight.
 *
 * A load is a row of the journal's `runs` (kind "load": its state, its org, a spec with
 * what `freight-cli resume` lists, the run folder, why it stopped) and a row of
 * `load_runs` with everything needed to continue it: the org's ids, object, operation, the
 * source file with its size and time stamp, dialect, the mapping's JSON, the parts' header
 * and column kinds, the run and spool folders, how far the preparation got, and where the
 * result files stood after the last part written. Each part is one row of `load_parts`
 * whose `step` says what was done last; the pipeline saves the row before a step that
 * talks to Salesforce or writes files and again after it (design.md §4.5). Every job a
 * run created, also those it gave up, is a row of `load_jobs`, and `load_steps` logs
 * every saved step with its time.
 *
 * All functions take the journal's lock (safe from any thread) and block. */

/**
 * FreightPartStep:
 *
 * The last thing done for a part; "…ING" steps are saved before the action and their
 * successors after it, so a run that stopped in between knows what may have happened.
 */
typedef enum
{
  FREIGHT_PART_STEP_PREPARING,    /* writing part-NNNN.* */
  FREIGHT_PART_STEP_PREPARED,     /* the part's files are complete */
  FREIGHT_PART_STEP_CREATING,     /* POST jobs/ingest sent; the job id may be lost */
  FREIGHT_PART_STEP_CREATED,      /* the job exists, is Open and has no data */
  FREIGHT_PART_STEP_UPLOADING,    /* PUT …/batches sent: the job may have any data */
  FREIGHT_PART_STEP_UPLOADED,     /* PUT answered 201 */
  FREIGHT_PART_STEP_CLOSING,      /* PATCH UploadComplete sent: the answer may be lost */
  FREIGHT_PART_STEP_CLOSED,       /* the job is UploadComplete or later: poll it */
  FREIGHT_PART_STEP_ABORTING,     /* PATCH Aborted sent (the load is being cancelled) */
  FREIGHT_PART_STEP_ENDED,        /* the job is JobComplete, Failed or Aborted */
  FREIGHT_PART_STEP_DOWNLOADING,  /* getting the three result files */
  FREIGHT_PART_STEP_DOWNLOADED,   /* the three result files are in the spool folder */
  FREIGHT_PART_STEP_RECONCILED,   /* part-NNNN.outcome is written */
  FREIGHT_PART_STEP_WRITING,      /* appending the part's rows to the result files */
  FREIGHT_PART_STEP_WRITTEN,      /* done; the run's output state includes the part */
} FreightPartStep;

typedef struct
{
  FreightPartInfo  info;
  FreightPartStep  step;
  char            *job_id;        /* the current job, or NULL */
  char            *job_state;     /* its last known state name, or NULL */
  char            *job_error;     /* the errorMessage of a Failed job, or why not sent */
  guint64          n_processed;   /* numberRecordsProcessed */
  guint64          n_failed;      /* numberRecordsFailed */
  guint            attempts;      /* jobs created for the part */
  gint64           created_at;    /* µs since the epoch, of the job */
  gint64           ended_at;
} FreightPartRecord;

typedef struct
{
  gint64                 id;              /* the journal's run id */
  FreightLoadState       state;
  gint64                 created_at;      /* µs since the epoch */
  gint64                 finished_at;
  char                  *org_id;
  char                  *user_id;
  char                  *instance_url;
  char                  *org_name;
  char                  *object;
  char                  *operation;
  char                  *external_id;
  char                  *source_path;
  guint64                source_size;
  guint64                source_mtime;    /* µs */
  FreightCsvDialect      dialect;
  FreightCsvReaderFlags  flags;
  char                  *mapping;         /* JSON */
  char                  *header;          /* JSON array */
  char                  *column_kinds;    /* "text,number,…" */
  char                   job_delimiter;
  FreightCsvLineEnding   job_line_ending;
  guint64                part_size;
  guint64                part_rows;
  guint                  jobs_in_flight;
  guint                  poll_interval;
  guint                  max_poll_interval;
  gboolean               keep_spool;
  char                  *run_dir;
  char                  *spool_dir;
  gboolean               all_prepared;
  gboolean               has_output_state;
  FreightReconcileOutputState output_state;
  char                  *error;
} FreightRunRecord;

gboolean            _freight_load_journal_create_run  (FreightJournal           *journal,
                                                       FreightRunRecord         *run,
                                                       GError                  **error);
gboolean            _freight_load_journal_save_run    (FreightJournal           *journal,
                                                       const FreightRunRecord   *run,
                                                       GError                  **error);
gboolean            _freight_load_journal_save_part   (FreightJournal           *journal,
                                                       gint64                    run_id,
                                                       const FreightPartRecord  *part,
                                                       const char               *detail,
                                                       GError                  **error);
gboolean            _freight_load_journal_part_written (FreightJournal          *journal,
                                                       gint64                    run_id,
                                                       const FreightPartRecord  *part,
                                                       const FreightReconcileOutputState *state,
                                                       GError                  **error);
gboolean            _freight_load_journal_save_job    (FreightJournal           *journal,
                                                       gint64                    run_id,
                                                       guint                     part,
                                                       const char               *job_id,
                                                       const char               *state,
                                                       GError                  **error);
FreightRunRecord   *_freight_load_journal_load_run    (FreightJournal           *journal,
                                                       gint64                    run_id,
                                                       GPtrArray               **parts,
                                                       GError                  **error);
GPtrArray          *_freight_load_journal_list_jobs   (FreightJournal           *journal,
                                                       gint64                    run_id,
                                                       GError                  **error);
const char         *_freight_load_state_to_journal    (FreightLoadState          state);
FreightLoadState    _freight_load_state_from_journal  (const char               *state);

const char         *_freight_part_step_to_string      (FreightPartStep           step);
gboolean            _freight_part_step_from_string    (const char               *name,
                                                       FreightPartStep          *step);

FreightRunRecord   *_freight_run_record_new           (void);
void                _freight_run_record_free          (FreightRunRecord         *run);
FreightPartRecord  *_freight_part_record_new          (void);
FreightPartRecord  *_freight_part_record_copy         (const FreightPartRecord  *part);
void                _freight_part_record_free         (FreightPartRecord        *part);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightRunRecord, _freight_run_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightPartRecord, _freight_part_record_free)

G_END_DECLS
