/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-load-journal"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "freight-csv-dialect.h"
#include "freight-journal-private.h"
#include "freight-load-journal.h"
#include "freight-load.h"

/* See freight-load-journal.h; the tables are migration 2 of freight-journal-schema.c. */

static const char * const step_names[] = {
  [FREIGHT_PART_STEP_PREPARING] = "preparing",
  [FREIGHT_PART_STEP_PREPARED] = "prepared",
  [FREIGHT_PART_STEP_CREATING] = "creating",
  [FREIGHT_PART_STEP_CREATED] = "created",
  [FREIGHT_PART_STEP_UPLOADING] = "uploading",
  [FREIGHT_PART_STEP_UPLOADED] = "uploaded",
  [FREIGHT_PART_STEP_CLOSING] = "closing",
  [FREIGHT_PART_STEP_CLOSED] = "closed",
  [FREIGHT_PART_STEP_ABORTING] = "aborting",
  [FREIGHT_PART_STEP_ENDED] = "ended",
  [FREIGHT_PART_STEP_DOWNLOADING] = "downloading",
  [FREIGHT_PART_STEP_DOWNLOADED] = "downloaded",
  [FREIGHT_PART_STEP_RECONCILED] = "reconciled",
  [FREIGHT_PART_STEP_WRITING] = "writing",
  [FREIGHT_PART_STEP_WRITTEN] = "written",
};

const char *
_freight_part_step_to_string (FreightPartStep step)
{
  g_return_val_if_fail (step < G_N_ELEMENTS (step_names), NULL);

  return step_names[step];
}

gboolean
_freight_part_step_from_string (const char      *name,
                                FreightPartStep *step)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (step_names); i++)
    if (strcmp (name, step_names[i]) == 0)
      {
        *step = i;
        return TRUE;
      }
  return FALSE;
}

/* The journal's run states (freight-journal.h) for a load: "done" and "cancelled" are
 * over; a load stopped by an error stays resumable ("stopped"), unlike a "failed" run. */
static const char * const journal_states[] = {
  [FREIGHT_LOAD_STATE_IDLE] = FREIGHT_JOURNAL_STATE_RUNNING,
  [FREIGHT_LOAD_STATE_RUNNING] = FREIGHT_JOURNAL_STATE_RUNNING,
  [FREIGHT_LOAD_STATE_CANCELLING] = "cancelling",
  [FREIGHT_LOAD_STATE_FINISHED] = FREIGHT_JOURNAL_STATE_DONE,
  [FREIGHT_LOAD_STATE_CANCELLED] = FREIGHT_JOURNAL_STATE_CANCELLED,
  [FREIGHT_LOAD_STATE_INTERRUPTED] = "interrupted",
  [FREIGHT_LOAD_STATE_FAILED] = "stopped",
};

const char *
_freight_load_state_to_journal (FreightLoadState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (journal_states), NULL);

  return journal_states[state];
}

FreightLoadState
_freight_load_state_from_journal (const char *state)
{
  for (guint i = FREIGHT_LOAD_STATE_RUNNING; i < G_N_ELEMENTS (journal_states); i++)
    if (g_strcmp0 (state, journal_states[i]) == 0)
      return i;
  return FREIGHT_LOAD_STATE_FAILED;
}

/* --- Records --- */

FreightRunRecord *
_freight_run_record_new (void)
{
  FreightRunRecord *run = g_new0 (FreightRunRecord, 1);

  freight_csv_dialect_init (&run->dialect);
  run->job_delimiter = ',';
  return run;
}

void
_freight_run_record_free (FreightRunRecord *run)
{
  if (run == NULL)
    return;
  g_free (run->org_id);
  g_free (run->user_id);
  g_free (run->instance_url);
  g_free (run->org_name);
  g_free (run->object);
  g_free (run->operation);
  g_free (run->external_id);
  g_free (run->source_path);
  g_free (run->mapping);
  g_free (run->header);
  g_free (run->column_kinds);
  g_free (run->run_dir);
  g_free (run->spool_dir);
  g_free (run->error);
  g_free (run);
}

FreightPartRecord *
_freight_part_record_new (void)
{
  return g_new0 (FreightPartRecord, 1);
}

FreightPartRecord *
_freight_part_record_copy (const FreightPartRecord *part)
{
  FreightPartRecord *copy = g_memdup2 (part, sizeof *part);

  copy->job_id = g_strdup (part->job_id);
  copy->job_state = g_strdup (part->job_state);
  copy->job_error = g_strdup (part->job_error);
  return copy;
}

void
_freight_part_record_free (FreightPartRecord *part)
{
  if (part == NULL)
    return;
  g_free (part->job_id);
  g_free (part->job_state);
  g_free (part->job_error);
  g_free (part);
}

/* --- SQLite helpers, under the journal's lock --- */

static sqlite3_stmt *
prepare (FreightJournal  *journal,
         const char      *sql,
         GError         **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (_freight_journal_get_db (journal), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _freight_journal_set_error (journal, error, _("Could not read the load from the journal"));
      return NULL;
    }
  return stmt;
}

static gboolean
step_done (FreightJournal  *journal,
           sqlite3_stmt    *stmt,
           GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    _freight_journal_set_error (journal, error, _("Could not record a step of the load in "
                                                  "the journal"));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/* Runs a sequence of statements as one transaction; @work returns FALSE to roll back. */
typedef gboolean (*WorkFunc) (FreightJournal *journal,
                              gconstpointer   data,
                              GError        **error);

static gboolean
in_transaction (FreightJournal  *journal,
                WorkFunc         work,
                gconstpointer    data,
                GError         **error)
{
  gboolean ok;

  if (!freight_journal_begin (journal, error))
    return FALSE;
  _freight_journal_lock (journal);
  ok = work (journal, data, error);
  _freight_journal_unlock (journal);
  if (!ok)
    {
      freight_journal_rollback (journal);
      return FALSE;
    }
  return freight_journal_commit (journal, error);
}

/* --- Output state as JSON --- */

static char *
output_state_to_json (const FreightReconcileOutputState *state)
{
  return g_strdup_printf ("{\"sizes\":[%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%"
                          G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT "],"
                          "\"succeeded\":%" G_GUINT64_FORMAT ",\"failed\":%" G_GUINT64_FORMAT
                          ",\"unprocessed\":%" G_GUINT64_FORMAT ",\"skipped\":%"
                          G_GUINT64_FORMAT ",\"ambiguous\":%" G_GUINT64_FORMAT
                          ",\"unmatched\":%" G_GUINT64_FORMAT "}",
                          state->sizes[0], state->sizes[1], state->sizes[2], state->sizes[3],
                          state->n_succeeded, state->n_failed, state->n_unprocessed,
                          state->n_skipped, state->n_ambiguous, state->n_unmatched);
}

static gboolean
output_state_from_json (const char                  *text,
                        FreightReconcileOutputState *state)
{
  memset (state, 0, sizeof *state);
  return text != NULL &&
         sscanf (text, "{\"sizes\":[%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%"
                 G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT "],"
                 "\"succeeded\":%" G_GUINT64_FORMAT ",\"failed\":%" G_GUINT64_FORMAT
                 ",\"unprocessed\":%" G_GUINT64_FORMAT ",\"skipped\":%" G_GUINT64_FORMAT
                 ",\"ambiguous\":%" G_GUINT64_FORMAT ",\"unmatched\":%" G_GUINT64_FORMAT "}",
                 &state->sizes[0], &state->sizes[1], &state->sizes[2], &state->sizes[3],
                 &state->n_succeeded, &state->n_failed, &state->n_unprocessed,
                 &state->n_skipped, &state->n_ambiguous, &state->n_unmatched) == 10;
}

/* --- Runs --- */

/* What freight_journal_list_runs() shows of a load, and `freight-cli resume` uses to sign
 * in again. */
static JsonObject *
run_spec (const FreightRunRecord *run)
{
  JsonObject *spec = json_object_new ();

  json_object_set_string_member (spec, "object", run->object);
  json_object_set_string_member (spec, "operation", run->operation);
  if (run->external_id != NULL)
    json_object_set_string_member (spec, "external_id", run->external_id);
  json_object_set_string_member (spec, "source", run->source_path);
  if (run->org_name != NULL)
    json_object_set_string_member (spec, "org_name", run->org_name);
  if (run->org_id != NULL)
    json_object_set_string_member (spec, "org_id", run->org_id);
  if (run->instance_url != NULL)
    json_object_set_string_member (spec, "instance_url", run->instance_url);
  return spec;
}

static gboolean
insert_load_run (FreightJournal  *journal,
                 gconstpointer    data,
                 GError         **error)
{
  const FreightRunRecord *run = data;
  sqlite3_stmt *stmt;
  int i = 1;

  stmt = prepare (journal,
    "INSERT INTO load_runs (run_id, org_id, user_id, instance_url, org_name, object,"
    " operation, external_id, source_path, source_size, source_mtime, source_delimiter,"
    " source_encoding, source_line_ending, source_bom, source_flags, mapping, header,"
    " column_kinds, job_delimiter, job_line_ending, part_size, part_rows, jobs_in_flight,"
    " poll_interval, max_poll_interval, keep_spool, run_dir, spool_dir, all_prepared,"
    " finished_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
    " ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, 0)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, i++, run->id);
  bind_text (stmt, i++, run->org_id);
  bind_text (stmt, i++, run->user_id);
  bind_text (stmt, i++, run->instance_url);
  bind_text (stmt, i++, run->org_name);
  bind_text (stmt, i++, run->object);
  bind_text (stmt, i++, run->operation);
  bind_text (stmt, i++, run->external_id);
  bind_text (stmt, i++, run->source_path);
  sqlite3_bind_int64 (stmt, i++, run->source_size);
  sqlite3_bind_int64 (stmt, i++, run->source_mtime);
  sqlite3_bind_int (stmt, i++, run->dialect.delimiter);
  bind_text (stmt, i++, freight_csv_encoding_to_string (run->dialect.encoding));
  bind_text (stmt, i++, freight_csv_line_ending_to_string (run->dialect.line_ending));
  sqlite3_bind_int (stmt, i++, run->dialect.has_bom);
  sqlite3_bind_int (stmt, i++, run->flags);
  bind_text (stmt, i++, run->mapping);
  bind_text (stmt, i++, run->header);
  bind_text (stmt, i++, run->column_kinds);
  sqlite3_bind_int (stmt, i++, run->job_delimiter);
  bind_text (stmt, i++, freight_csv_line_ending_to_string (run->job_line_ending));
  sqlite3_bind_int64 (stmt, i++, run->part_size);
  sqlite3_bind_int64 (stmt, i++, run->part_rows);
  sqlite3_bind_int (stmt, i++, run->jobs_in_flight);
  sqlite3_bind_int (stmt, i++, run->poll_interval);
  sqlite3_bind_int (stmt, i++, run->max_poll_interval);
  sqlite3_bind_int (stmt, i++, run->keep_spool);
  bind_text (stmt, i++, run->run_dir);
  bind_text (stmt, i++, run->spool_dir);
  sqlite3_bind_int (stmt, i++, run->all_prepared);
  return step_done (journal, stmt, error);
}

/**
 * _freight_load_journal_create_run:
 * @run: the new run; its id is set
 *
 * Adds the load to the journal's runs, with its own row of `load_runs`.
 */
gboolean
_freight_load_journal_create_run (FreightJournal    *journal,
                                  FreightRunRecord  *run,
                                  GError           **error)
{
  g_autoptr(JsonObject) spec = run_spec (run);

  if (!freight_journal_begin (journal, error))
    return FALSE;
  run->id = freight_journal_add_run (journal, FREIGHT_LOAD_RUN_KIND,
                                     run->org_name != NULL ? run->org_name : run->instance_url,
                                     spec, run->run_dir, error);
  if (run->id == 0)
    {
      freight_journal_rollback (journal);
      return FALSE;
    }
  _freight_journal_lock (journal);
  if (!insert_load_run (journal, run, error))
    {
      _freight_journal_unlock (journal);
      freight_journal_rollback (journal);
      return FALSE;
    }
  _freight_journal_unlock (journal);
  return freight_journal_commit (journal, error);
}

static gboolean
update_load_run (FreightJournal  *journal,
                 gconstpointer    data,
                 GError         **error)
{
  const FreightRunRecord *run = data;
  sqlite3_stmt *stmt;

  stmt = prepare (journal, "UPDATE load_runs SET all_prepared = ?1, finished_at = ?2"
                           " WHERE run_id = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, run->all_prepared);
  sqlite3_bind_int64 (stmt, 2, run->finished_at);
  sqlite3_bind_int64 (stmt, 3, run->id);
  if (!step_done (journal, stmt, error))
    return FALSE;
  return freight_journal_set_run_state (journal, run->id,
                                        _freight_load_state_to_journal (run->state),
                                        run->error, error);
}

/**
 * _freight_load_journal_save_run:
 *
 * Saves the run's state (with its error message), whether every part is prepared, and
 * when it finished.
 */
gboolean
_freight_load_journal_save_run (FreightJournal          *journal,
                                const FreightRunRecord  *run,
                                GError                 **error)
{
  return in_transaction (journal, update_load_run, run, error);
}

/* --- Parts --- */

typedef struct
{
  gint64                             run_id;
  const FreightPartRecord           *part;
  const char                        *detail;
  const FreightReconcileOutputState *state;
} PartWork;

static gboolean
upsert_part (FreightJournal  *journal,
             gconstpointer    data,
             GError         **error)
{
  const PartWork *work = data;
  const FreightPartRecord *part = work->part;
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time ();
  int i = 1;

  stmt = prepare (journal,
    "INSERT OR REPLACE INTO load_parts (run_id, number, step, first_record, last_record,"
    " source_offset, source_line, end_offset, end_line, n_rows, n_skipped, bytes,"
    " n_blank_lines, job_id, job_state, job_error, n_processed, n_failed, attempts,"
    " created_at, ended_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
    " ?18, ?19, ?20, ?21, ?22)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, i++, work->run_id);
  sqlite3_bind_int (stmt, i++, part->info.number);
  bind_text (stmt, i++, _freight_part_step_to_string (part->step));
  sqlite3_bind_int64 (stmt, i++, part->info.first_record);
  sqlite3_bind_int64 (stmt, i++, part->info.last_record);
  sqlite3_bind_int64 (stmt, i++, part->info.offset);
  sqlite3_bind_int64 (stmt, i++, part->info.line);
  sqlite3_bind_int64 (stmt, i++, part->info.end_offset);
  sqlite3_bind_int64 (stmt, i++, part->info.end_line);
  sqlite3_bind_int64 (stmt, i++, part->info.n_rows);
  sqlite3_bind_int64 (stmt, i++, part->info.n_skipped);
  sqlite3_bind_int64 (stmt, i++, part->info.bytes);
  sqlite3_bind_int64 (stmt, i++, part->info.n_blank_lines);
  bind_text (stmt, i++, part->job_id);
  bind_text (stmt, i++, part->job_state);
  bind_text (stmt, i++, part->job_error);
  sqlite3_bind_int64 (stmt, i++, part->n_processed);
  sqlite3_bind_int64 (stmt, i++, part->n_failed);
  sqlite3_bind_int (stmt, i++, part->attempts);
  sqlite3_bind_int64 (stmt, i++, part->created_at);
  sqlite3_bind_int64 (stmt, i++, part->ended_at);
  sqlite3_bind_int64 (stmt, i++, now);
  if (!step_done (journal, stmt, error))
    return FALSE;

  stmt = prepare (journal, "INSERT INTO load_steps (run_id, part, step, at, detail)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, work->run_id);
  sqlite3_bind_int (stmt, 2, part->info.number);
  bind_text (stmt, 3, _freight_part_step_to_string (part->step));
  sqlite3_bind_int64 (stmt, 4, now);
  bind_text (stmt, 5, work->detail);
  if (!step_done (journal, stmt, error))
    return FALSE;

  if (work->state == NULL)
    return TRUE;
  {
    g_autofree char *json = output_state_to_json (work->state);

    stmt = prepare (journal, "UPDATE load_runs SET output_state = ?1 WHERE run_id = ?2", error);
    if (stmt == NULL)
      return FALSE;
    bind_text (stmt, 1, json);
    sqlite3_bind_int64 (stmt, 2, work->run_id);
    return step_done (journal, stmt, error);
  }
}

/**
 * _freight_load_journal_save_part:
 * @detail: (nullable): a note for the log (e.g. the job id, an error)
 *
 * Saves the part's row and logs its step, durably, in one transaction.
 */
gboolean
_freight_load_journal_save_part (FreightJournal           *journal,
                                 gint64                    run_id,
                                 const FreightPartRecord  *part,
                                 const char               *detail,
                                 GError                  **error)
{
  PartWork work = { run_id, part, detail, NULL };

  return in_transaction (journal, upsert_part, &work, error);
}

/**
 * _freight_load_journal_part_written:
 * @state: where the result files stand now
 *
 * Saves the part as written together with the run's output state, in one transaction:
 * after a crash, the result files are cut back to that state and the parts not written
 * yet are appended again.
 */
gboolean
_freight_load_journal_part_written (FreightJournal                    *journal,
                                    gint64                             run_id,
                                    const FreightPartRecord           *part,
                                    const FreightReconcileOutputState *state,
                                    GError                           **error)
{
  PartWork work = { run_id, part, NULL, state };

  g_return_val_if_fail (part->step == FREIGHT_PART_STEP_WRITTEN, FALSE);

  return in_transaction (journal, upsert_part, &work, error);
}

/**
 * _freight_load_journal_save_job:
 * @state: what became of the job: `open`, `uploading`, `uploaded`, `abandoned`, `closed`,
 *   `ended`
 *
 * Records a job of the run; jobs are never forgotten, also those given up.
 */
gboolean
_freight_load_journal_save_job (FreightJournal  *journal,
                                gint64           run_id,
                                guint            part,
                                const char      *job_id,
                                const char      *state,
                                GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time ();
  gboolean ok = FALSE;

  _freight_journal_lock (journal);
  stmt = prepare (journal,
    "INSERT INTO load_jobs (job_id, run_id, part, state, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?5)"
    " ON CONFLICT (job_id) DO UPDATE SET state = ?4, updated_at = ?5", error);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, job_id);
      sqlite3_bind_int64 (stmt, 2, run_id);
      sqlite3_bind_int (stmt, 3, part);
      bind_text (stmt, 4, state);
      sqlite3_bind_int64 (stmt, 5, now);
      ok = step_done (journal, stmt, error);
    }
  _freight_journal_unlock (journal);
  return ok;
}

/* --- Reading --- */

#define RUN_COLUMNS \
  "r.id, r.state, r.created_at, l.finished_at, l.org_id, l.user_id, l.instance_url," \
  " l.org_name, l.object, l.operation, l.external_id, l.source_path, l.source_size," \
  " l.source_mtime, l.source_delimiter, l.source_encoding, l.source_line_ending," \
  " l.source_bom, l.source_flags, l.mapping, l.header, l.column_kinds, l.job_delimiter," \
  " l.job_line_ending, l.part_size, l.part_rows, l.jobs_in_flight, l.poll_interval," \
  " l.max_poll_interval, l.keep_spool, l.run_dir, l.spool_dir, l.all_prepared," \
  " l.output_state, r.error_message"

static FreightRunRecord *
read_run (sqlite3_stmt *stmt)
{
  FreightRunRecord *run = _freight_run_record_new ();
  g_autofree char *state = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *line_ending = NULL;
  g_autofree char *job_line_ending = NULL;
  g_autofree char *output_state = NULL;
  int i = 0;

  run->id = sqlite3_column_int64 (stmt, i++);
  state = column_text (stmt, i++);
  run->state = _freight_load_state_from_journal (state);
  run->created_at = sqlite3_column_int64 (stmt, i++);
  run->finished_at = sqlite3_column_int64 (stmt, i++);
  run->org_id = column_text (stmt, i++);
  run->user_id = column_text (stmt, i++);
  run->instance_url = column_text (stmt, i++);
  run->org_name = column_text (stmt, i++);
  run->object = column_text (stmt, i++);
  run->operation = column_text (stmt, i++);
  run->external_id = column_text (stmt, i++);
  run->source_path = column_text (stmt, i++);
  run->source_size = sqlite3_column_int64 (stmt, i++);
  run->source_mtime = sqlite3_column_int64 (stmt, i++);
  run->dialect.delimiter = (char) sqlite3_column_int (stmt, i++);
  encoding = column_text (stmt, i++);
  line_ending = column_text (stmt, i++);
  freight_csv_encoding_from_string (encoding, &run->dialect.encoding);
  freight_csv_line_ending_from_string (line_ending, &run->dialect.line_ending);
  run->dialect.has_bom = sqlite3_column_int (stmt, i++);
  run->flags = sqlite3_column_int (stmt, i++);
  run->mapping = column_text (stmt, i++);
  run->header = column_text (stmt, i++);
  run->column_kinds = column_text (stmt, i++);
  run->job_delimiter = (char) sqlite3_column_int (stmt, i++);
  job_line_ending = column_text (stmt, i++);
  freight_csv_line_ending_from_string (job_line_ending, &run->job_line_ending);
  run->part_size = sqlite3_column_int64 (stmt, i++);
  run->part_rows = sqlite3_column_int64 (stmt, i++);
  run->jobs_in_flight = sqlite3_column_int (stmt, i++);
  run->poll_interval = sqlite3_column_int (stmt, i++);
  run->max_poll_interval = sqlite3_column_int (stmt, i++);
  run->keep_spool = sqlite3_column_int (stmt, i++);
  run->run_dir = column_text (stmt, i++);
  run->spool_dir = column_text (stmt, i++);
  run->all_prepared = sqlite3_column_int (stmt, i++);
  output_state = column_text (stmt, i++);
  run->has_output_state = output_state_from_json (output_state, &run->output_state);
  run->error = column_text (stmt, i++);
  return run;
}

static FreightPartRecord *
read_part (sqlite3_stmt *stmt)
{
  FreightPartRecord *part = _freight_part_record_new ();
  g_autofree char *step = NULL;
  int i = 0;

  part->info.number = sqlite3_column_int (stmt, i++);
  step = column_text (stmt, i++);
  if (!_freight_part_step_from_string (step, &part->step))
    part->step = FREIGHT_PART_STEP_PREPARING;
  part->info.first_record = sqlite3_column_int64 (stmt, i++);
  part->info.last_record = sqlite3_column_int64 (stmt, i++);
  part->info.offset = sqlite3_column_int64 (stmt, i++);
  part->info.line = sqlite3_column_int64 (stmt, i++);
  part->info.end_offset = sqlite3_column_int64 (stmt, i++);
  part->info.end_line = sqlite3_column_int64 (stmt, i++);
  part->info.n_rows = sqlite3_column_int64 (stmt, i++);
  part->info.n_skipped = sqlite3_column_int64 (stmt, i++);
  part->info.bytes = sqlite3_column_int64 (stmt, i++);
  part->info.n_blank_lines = sqlite3_column_int64 (stmt, i++);
  part->job_id = column_text (stmt, i++);
  part->job_state = column_text (stmt, i++);
  part->job_error = column_text (stmt, i++);
  part->n_processed = sqlite3_column_int64 (stmt, i++);
  part->n_failed = sqlite3_column_int64 (stmt, i++);
  part->attempts = sqlite3_column_int (stmt, i++);
  part->created_at = sqlite3_column_int64 (stmt, i++);
  part->ended_at = sqlite3_column_int64 (stmt, i++);
  return part;
}

/**
 * _freight_load_journal_load_run:
 * @parts: (out) (optional): the run's parts in order, #FreightPartRecord
 *
 * Returns: (transfer full): the run, or %NULL with #FREIGHT_LOAD_ERROR_NOT_RESUMABLE if the
 *   journal has no load @run_id
 */
FreightRunRecord *
_freight_load_journal_load_run (FreightJournal  *journal,
                                gint64           run_id,
                                GPtrArray      **parts,
                                GError         **error)
{
  g_autoptr(FreightRunRecord) run = NULL;
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  _freight_journal_lock (journal);
  stmt = prepare (journal, "SELECT " RUN_COLUMNS " FROM runs r JOIN load_runs l"
                           " ON l.run_id = r.id WHERE r.id = ?1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, run_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    run = read_run (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _freight_journal_set_error (journal, error, _("Could not read the load from the journal"));
      goto out;
    }
  if (run == NULL)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);

      g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_NOT_RESUMABLE,
                   _("The journal has no load %s. List the unfinished loads to find its "
                     "number."), id);
      goto out;
    }

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) _freight_part_record_free);
  stmt = prepare (journal,
    "SELECT number, step, first_record, last_record, source_offset, source_line,"
    " end_offset, end_line, n_rows, n_skipped, bytes, n_blank_lines, job_id, job_state,"
    " job_error, n_processed, n_failed, attempts, created_at, ended_at"
    " FROM load_parts WHERE run_id = ?1 ORDER BY number", error);
  if (stmt == NULL)
    {
      g_clear_pointer (&run, _freight_run_record_free);
      goto out;
    }
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_part (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _freight_journal_set_error (journal, error, _("Could not read the load from the journal"));
      g_clear_pointer (&run, _freight_run_record_free);
    }

out:
  _freight_journal_unlock (journal);
  if (run != NULL && parts != NULL)
    *parts = g_steal_pointer (&list);
  return g_steal_pointer (&run);
}

/**
 * _freight_load_journal_list_jobs:
 *
 * Returns: (transfer full): the ids of every job the run created, oldest first
 */
GPtrArray *
_freight_load_journal_list_jobs (FreightJournal  *journal,
                                 gint64           run_id,
                                 GError         **error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  _freight_journal_lock (journal);
  stmt = prepare (journal, "SELECT job_id FROM load_jobs WHERE run_id = ?1"
                           " ORDER BY created_at, rowid", error);
  if (stmt == NULL)
    {
      _freight_journal_unlock (journal);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (jobs, column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _freight_journal_set_error (journal, error, _("Could not read the load from the journal"));
      _freight_journal_unlock (journal);
      return NULL;
    }
  _freight_journal_unlock (journal);
  return g_steal_pointer (&jobs);
}
