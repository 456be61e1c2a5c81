/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-load-prepare.h"
#include "freight-reconcile-output.h"

G_BEGIN_DECLS

/* The load pipeline's tables in the journal (SQLite), internal to libfreight.
 *
 * A run is one row of `load_runs`: what was loaded (org, object, operation, source file and
 * its size and time stamp, dialect, mapping JSON, the parts' header and column kinds), where
 * (the run and spool folders), how far the preparation got, and where the result files
 * stood after the last part written. Each part is one row of `load_parts` whose `step` says
 * what was done last; the pipeline saves the row before a step that talks to Salesforce or
 * writes files and again after it (design.md §4.5). Every job a run created, also those it
 * gave up, is a row of `load_jobs`, and `load_steps` logs every saved step with its time.
 *
 * All functions are thread-safe (one connection behind a lock) and block. */

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
  char                  *id;
  char                  *state;           /* FreightLoadState nick */
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

typedef struct _FreightLoadJournal FreightLoadJournal;

FreightLoadJournal *_freight_load_journal_open        (const char               *path,
                                                       GError                  **error);
void                _freight_load_journal_free        (FreightLoadJournal       *self);
char               *_freight_load_journal_default_path (void);
const char         *_freight_load_journal_get_path    (FreightLoadJournal       *self);

gboolean            _freight_load_journal_save_run    (FreightLoadJournal       *self,
                                                       const FreightRunRecord   *run,
                                                       GError                  **error);
gboolean            _freight_load_journal_save_part   (FreightLoadJournal       *self,
                                                       const char               *run_id,
                                                       const FreightPartRecord  *part,
                                                       const char               *detail,
                                                       GError                  **error);
gboolean            _freight_load_journal_part_written (FreightLoadJournal      *self,
                                                       const char               *run_id,
                                                       const FreightPartRecord  *part,
                                                       const FreightReconcileOutputState *state,
                                                       GError                  **error);
gboolean            _freight_load_journal_save_job    (FreightLoadJournal       *self,
                                                       const char               *run_id,
                                                       guint                     part,
                                                       const char               *job_id,
                                                       const char               *state,
                                                       GError                  **error);
FreightRunRecord   *_freight_load_journal_load_run    (FreightLoadJournal       *self,
                                                       const char               *run_id,
                                                       GPtrArray               **parts,
                                                       GError                  **error);
GPtrArray          *_freight_load_journal_list_runs   (FreightLoadJournal       *self,
                                                       gboolean                  unfinished,
                                                       GError                  **error);
GPtrArray          *_freight_load_journal_list_jobs   (FreightLoadJournal       *self,
                                                       const char               *run_id,
                                                       GError                  **error);

const char         *_freight_part_step_to_string      (FreightPartStep           step);
gboolean            _freight_part_step_from_string    (const char               *name,
                                                       FreightPartStep          *step);

FreightRunRecord   *_freight_run_record_new           (void);
void                _freight_run_record_free          (FreightRunRecord         *run);
FreightPartRecord  *_freight_part_record_new          (void);
FreightPartRecord  *_freight_part_record_copy         (const FreightPartRecord  *part);
void                _freight_part_record_free         (FreightPartRecord        *part);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightLoadJournal, _freight_load_journal_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightRunRecord, _freight_run_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightPartRecord, _freight_part_record_free)

G_END_DECLS
