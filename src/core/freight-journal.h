/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_JOURNAL_ERROR (freight_journal_error_quark ())

/**
 * FreightJournalError:
 * @FREIGHT_JOURNAL_ERROR_OPEN: the journal file cannot be created or opened
 * @FREIGHT_JOURNAL_ERROR_TOO_NEW: the journal was written by a newer Freight
 * @FREIGHT_JOURNAL_ERROR_FAILED: reading or writing the journal failed (disk full, …)
 * @FREIGHT_JOURNAL_ERROR_NOT_FOUND: no such run or step
 * @FREIGHT_JOURNAL_ERROR_BUSY: the run is going on in another process (or another
 *   object of this one)
 */
typedef enum
{
  FREIGHT_JOURNAL_ERROR_OPEN,
  FREIGHT_JOURNAL_ERROR_TOO_NEW,
  FREIGHT_JOURNAL_ERROR_FAILED,
  FREIGHT_JOURNAL_ERROR_NOT_FOUND,
  FREIGHT_JOURNAL_ERROR_BUSY,
} FreightJournalError;

GQuark freight_journal_error_quark (void);

/* The conventional run states; a run in any other state is unfinished. */
#define FREIGHT_JOURNAL_STATE_RUNNING   "running"
#define FREIGHT_JOURNAL_STATE_DONE      "done"
#define FREIGHT_JOURNAL_STATE_FAILED    "failed"
#define FREIGHT_JOURNAL_STATE_CANCELLED "cancelled"

/**
 * FreightJournalRun:
 * @id: the run's number
 * @kind: what runs: "export", "load", …
 * @state: "running", "done", "failed", "cancelled" or a kind's own unfinished state
 * @org: the org it runs against: a saved org's alias, or an instance URL
 * @spec: everything needed to start the run again (kind-specific JSON)
 * @output_path: (nullable): the file or folder the run writes
 * @error_message: (nullable): why it failed
 * @created_at: microseconds since the epoch
 * @updated_at: microseconds since the epoch
 *
 * One run (an export, a load) as the journal records it.
 */
typedef struct
{
  gint64      id;
  char       *kind;
  char       *state;
  char       *org;
  JsonObject *spec;
  char       *output_path;
  char       *error_message;
  gint64      created_at;
  gint64      updated_at;
} FreightJournalRun;

/**
 * FreightJournalStep:
 * @id: the step's number
 * @run_id: the run it belongs to
 * @kind: what kind of step: "query-job", "part", …
 * @key: which one, unique within the run and kind (a job id, a part number)
 * @state: the kind's own state name
 * @data: the step's progress (kind-specific JSON)
 * @created_at: microseconds since the epoch
 * @updated_at: microseconds since the epoch
 *
 * One step of a run, written before and after it happens.
 */
typedef struct
{
  gint64      id;
  gint64      run_id;
  char       *kind;
  char       *key;
  char       *state;
  JsonObject *data;
  gint64      created_at;
  gint64      updated_at;
} FreightJournalStep;

/**
 * FreightJournalEvent:
 * @id: the event's number
 * @run_id: the run it belongs to
 * @at: microseconds since the epoch
 * @level: "info", "warning" or "error"
 * @message: what happened, for people
 *
 * Something worth telling the user later about a run.
 */
typedef struct
{
  gint64  id;
  gint64  run_id;
  gint64  at;
  char   *level;
  char   *message;
} FreightJournalEvent;

#define FREIGHT_TYPE_JOURNAL_RUN (freight_journal_run_get_type ())
#define FREIGHT_TYPE_JOURNAL_STEP (freight_journal_step_get_type ())
#define FREIGHT_TYPE_JOURNAL_EVENT (freight_journal_event_get_type ())

GType                freight_journal_run_get_type       (void) G_GNUC_CONST;
FreightJournalRun   *freight_journal_run_copy           (const FreightJournalRun   *run);
void                 freight_journal_run_free           (FreightJournalRun         *run);
gboolean             freight_journal_run_is_finished    (const FreightJournalRun   *run);

GType                freight_journal_step_get_type      (void) G_GNUC_CONST;
FreightJournalStep  *freight_journal_step_copy          (const FreightJournalStep  *step);
void                 freight_journal_step_free          (FreightJournalStep        *step);

GType                freight_journal_event_get_type     (void) G_GNUC_CONST;
FreightJournalEvent *freight_journal_event_copy         (const FreightJournalEvent *event);
void                 freight_journal_event_free         (FreightJournalEvent       *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightJournalRun, freight_journal_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightJournalStep, freight_journal_step_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightJournalEvent, freight_journal_event_free)

#define FREIGHT_TYPE_JOURNAL (freight_journal_get_type ())

G_DECLARE_FINAL_TYPE (FreightJournal, freight_journal, FREIGHT, JOURNAL, GObject)

char                *freight_journal_get_default_path   (void);
FreightJournal      *freight_journal_open               (const char                *path,
                                                         GError                   **error);
const char          *freight_journal_get_path           (FreightJournal            *self);
int                  freight_journal_claim_run          (FreightJournal            *self,
                                                         gint64                     run_id,
                                                         GError                   **error);
void                 freight_journal_release_run        (int                        claim);
int                  freight_journal_get_schema_version (FreightJournal            *self);

gboolean             freight_journal_begin              (FreightJournal            *self,
                                                         GError                   **error);
gboolean             freight_journal_commit             (FreightJournal            *self,
                                                         GError                   **error);
void                 freight_journal_rollback           (FreightJournal            *self);

gint64               freight_journal_add_run            (FreightJournal            *self,
                                                         const char                *kind,
                                                         const char                *org,
                                                         JsonObject                *spec,
                                                         const char                *output_path,
                                                         GError                   **error);
gboolean             freight_journal_set_run_state      (FreightJournal            *self,
                                                         gint64                     run_id,
                                                         const char                *state,
                                                         const char                *error_message,
                                                         GError                   **error);
FreightJournalRun   *freight_journal_get_run            (FreightJournal            *self,
                                                         gint64                     run_id,
                                                         GError                   **error);
GPtrArray           *freight_journal_list_runs          (FreightJournal            *self,
                                                         const char                *kind,
                                                         gboolean                   unfinished,
                                                         GError                   **error);
gboolean             freight_journal_delete_run         (FreightJournal            *self,
                                                         gint64                     run_id,
                                                         GError                   **error);

gint64               freight_journal_put_step           (FreightJournal            *self,
                                                         gint64                     run_id,
                                                         const char                *kind,
                                                         const char                *key,
                                                         const char                *state,
                                                         JsonObject                *data,
                                                         GError                   **error);
FreightJournalStep  *freight_journal_get_step           (FreightJournal            *self,
                                                         gint64                     run_id,
                                                         const char                *kind,
                                                         const char                *key,
                                                         GError                   **error);
GPtrArray           *freight_journal_list_steps         (FreightJournal            *self,
                                                         gint64                     run_id,
                                                         const char                *kind,
                                                         GError                   **error);

gboolean             freight_journal_add_event          (FreightJournal            *self,
                                                         gint64                     run_id,
                                                         const char                *level,
                                                         const char                *message,
                                                         GError                   **error);
GPtrArray           *freight_journal_list_events        (FreightJournal            *self,
                                                         gint64                     run_id,
                                                         GError                   **error);

G_END_DECLS
