/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-load-journal"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sqlite3.h>
#include <string.h>

#include "freight-csv-dialect.h"
#include "freight-load-journal.h"
#include "freight-load-types.h"

/* See freight-load-journal.h. */

struct _FreightLoadJournal
{
  sqlite3 *db;
  char    *path;
  GMutex   lock;
};

/* The load tables; each statement runs once, in order, when the journal's user_version is
 * below its index + 1. */
static const char * const migrations[] = {
  "CREATE TABLE load_runs ("
  "  id TEXT PRIMARY KEY,"
  "  state TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  finished_at INTEGER,"
  "  org_id TEXT, user_id TEXT, instance_url TEXT, org_name TEXT,"
  "  object TEXT NOT NULL, operation TEXT NOT NULL, external_id TEXT,"
  "  source_path TEXT NOT NULL, source_size INTEGER NOT NULL, source_mtime INTEGER NOT NULL,"
  "  source_delimiter INTEGER NOT NULL, source_encoding TEXT NOT NULL,"
  "  source_line_ending TEXT NOT NULL, source_bom INTEGER NOT NULL, source_flags INTEGER NOT NULL,"
  "  mapping TEXT NOT NULL, header TEXT NOT NULL, column_kinds TEXT NOT NULL,"
  "  job_delimiter INTEGER NOT NULL, job_line_ending TEXT NOT NULL,"
  "  part_size INTEGER NOT NULL, part_rows INTEGER NOT NULL, jobs_in_flight INTEGER NOT NULL,"
  "  poll_interval INTEGER NOT NULL, max_poll_interval INTEGER NOT NULL,"
  "  keep_spool INTEGER NOT NULL,"
  "  run_dir TEXT NOT NULL, spool_dir TEXT NOT NULL,"
  "  all_prepared INTEGER NOT NULL DEFAULT 0,"
  "  output_state TEXT,"
  "  error TEXT"
  ");"
  "CREATE TABLE load_parts ("
  "  run_id TEXT NOT NULL REFERENCES load_runs (id) ON DELETE CASCADE,"
  "  number INTEGER NOT NULL,"
  "  step TEXT NOT NULL,"
  "  first_record INTEGER NOT NULL, last_record INTEGER NOT NULL,"
  "  source_offset INTEGER NOT NULL, source_line INTEGER NOT NULL,"
  "  end_offset INTEGER NOT NULL, end_line INTEGER NOT NULL,"
  "  n_rows INTEGER NOT NULL, n_skipped INTEGER NOT NULL, bytes INTEGER NOT NULL,"
  "  n_blank_lines INTEGER NOT NULL,"
  "  job_id TEXT, job_state TEXT, job_error TEXT,"
  "  n_processed INTEGER NOT NULL DEFAULT 0, n_failed INTEGER NOT NULL DEFAULT 0,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL DEFAULT 0, ended_at INTEGER NOT NULL DEFAULT 0,"
  "  updated_at INTEGER NOT NULL,"
  "  PRIMARY KEY (run_id, number)"
  ");"
  "CREATE TABLE load_jobs ("
  "  job_id TEXT PRIMARY KEY,"
  "  run_id TEXT NOT NULL REFERENCES load_runs (id) ON DELETE CASCADE,"
  "  part INTEGER NOT NULL,"
  "  state TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX load_jobs_run ON load_jobs (run_id);"
  "CREATE TABLE load_steps ("
  "  run_id TEXT NOT NULL REFERENCES load_runs (id) ON DELETE CASCADE,"
  "  part INTEGER,"
  "  step TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  detail TEXT"
  ");"
  "CREATE INDEX load_steps_run ON load_steps (run_id);",
};

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
  g_free (run->id);
  g_free (run->state);
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

/* --- SQLite helpers --- */

typedef enum
{
  READING,
  WRITING,
  OPENING,
} Access;

static gboolean
sql_error (FreightLoadJournal  *self,
           GError             **error,
           Access               access)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : "";

  if (access == READING)
    g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_JOURNAL,
                 _("The journal “%s” could not be read: %s. Check that no other program "
                   "damaged the file."), self->path, detail);
  else if (access == WRITING)
    g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_JOURNAL,
                 _("The journal “%s” could not be written: %s. Check that the disk is not "
                   "full and that no other program holds the file."), self->path, detail);
  else
    g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_JOURNAL,
                 _("The journal “%s” could not be opened: %s. Check the file’s permissions."),
                 self->path, detail);
  return FALSE;
}

static sqlite3_stmt *
prepare (FreightLoadJournal  *self,
         const char          *sql,
         GError             **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sql_error (self, error, READING);
      return NULL;
    }
  return stmt;
}

static gboolean
exec (FreightLoadJournal  *self,
      const char          *sql,
      GError             **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return sql_error (self, error, WRITING);
  return TRUE;
}

static gboolean
step_done (FreightLoadJournal  *self,
           sqlite3_stmt        *stmt,
           GError             **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_error (self, error, WRITING);
  return TRUE;
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

/* --- Opening --- */

/**
 * _freight_load_journal_default_path:
 *
 * Returns: `$XDG_DATA_HOME/freight/journal.sqlite`, or `$FREIGHT_JOURNAL` when set
 */
char *
_freight_load_journal_default_path (void)
{
  const char *override = g_getenv ("FREIGHT_JOURNAL");

  if (override != NULL && *override != '\0')
    return g_strdup (override);
  return g_build_filename (g_get_user_data_dir (), "freight", "journal.sqlite", NULL);
}

static gboolean
migrate (FreightLoadJournal  *self,
         GError             **error)
{
  sqlite3_stmt *stmt;
  int version = 0;

  stmt = prepare (self, "PRAGMA user_version", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  for (guint i = version; i < G_N_ELEMENTS (migrations); i++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", i + 1);

      if (!exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!exec (self, migrations[i], error) || !exec (self, bump, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (!exec (self, "COMMIT", error))
        return FALSE;
    }
  return TRUE;
}

/**
 * _freight_load_journal_open:
 * @path: (nullable): the journal file, or %NULL for the user's
 *
 * Opens (creating if needed) the journal and brings its load tables up to date.
 */
FreightLoadJournal *
_freight_load_journal_open (const char  *path,
                            GError     **error)
{
  g_autoptr(FreightLoadJournal) self = g_new0 (FreightLoadJournal, 1);
  g_autofree char *dir = NULL;

  g_mutex_init (&self->lock);
  self->path = path != NULL ? g_strdup (path) : _freight_load_journal_default_path ();
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_JOURNAL,
                   _("The journal’s folder “%s” could not be made: %s"), dir,
                   g_strerror (saved_errno));
      return NULL;
    }
  if (sqlite3_open_v2 (self->path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      sql_error (self, error, OPENING);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 10000);
  /* Every step is written through before the action it announces (design.md §4.5). */
  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = FULL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error) ||
      !migrate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
_freight_load_journal_free (FreightLoadJournal *self)
{
  if (self == NULL)
    return;
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self);
}

const char *
_freight_load_journal_get_path (FreightLoadJournal *self)
{
  return self->path;
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

/**
 * _freight_load_journal_save_run:
 *
 * Inserts or replaces the run's row, all but its output state (see
 * _freight_load_journal_part_written()).
 */
gboolean
_freight_load_journal_save_run (FreightLoadJournal      *self,
                                const FreightRunRecord  *run,
                                GError                 **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;
  int i = 1;

  g_mutex_lock (&self->lock);
  stmt = prepare (self,
    "INSERT INTO load_runs (id, state, created_at, updated_at, finished_at, org_id, user_id,"
    " instance_url, org_name, object, operation, external_id, source_path, source_size,"
    " source_mtime, source_delimiter, source_encoding, source_line_ending, source_bom,"
    " source_flags, mapping, header, column_kinds, job_delimiter, job_line_ending, part_size,"
    " part_rows, jobs_in_flight, poll_interval, max_poll_interval, keep_spool, run_dir,"
    " spool_dir, all_prepared, error)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
    " ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34,"
    " ?35)"
    " ON CONFLICT (id) DO UPDATE SET state = ?2, updated_at = ?4, finished_at = ?5,"
    " org_name = ?9, all_prepared = ?34, error = ?35", error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  bind_text (stmt, i++, run->id);
  bind_text (stmt, i++, run->state);
  sqlite3_bind_int64 (stmt, i++, run->created_at);
  sqlite3_bind_int64 (stmt, i++, g_get_real_time ());
  if (run->finished_at > 0)
    sqlite3_bind_int64 (stmt, i++, run->finished_at);
  else
    sqlite3_bind_null (stmt, i++);
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
  bind_text (stmt, i++, run->error);
  ok = step_done (self, stmt, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

static gboolean
upsert_part (FreightLoadJournal       *self,
             const char               *run_id,
             const FreightPartRecord  *part,
             const char               *detail,
             GError                  **error)
{
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time ();
  int i = 1;

  stmt = prepare (self,
    "INSERT OR REPLACE INTO load_parts (run_id, number, step, first_record, last_record,"
    " source_offset, source_line, end_offset, end_line, n_rows, n_skipped, bytes,"
    " n_blank_lines, job_id, job_state, job_error, n_processed, n_failed, attempts,"
    " created_at, ended_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
    " ?18, ?19, ?20, ?21, ?22)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, i++, run_id);
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
  if (!step_done (self, stmt, error))
    return FALSE;

  stmt = prepare (self, "INSERT INTO load_steps (run_id, part, step, at, detail)"
                        " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, run_id);
  sqlite3_bind_int (stmt, 2, part->info.number);
  bind_text (stmt, 3, _freight_part_step_to_string (part->step));
  sqlite3_bind_int64 (stmt, 4, now);
  bind_text (stmt, 5, detail);
  return step_done (self, stmt, error);
}

static gboolean
in_transaction (FreightLoadJournal  *self,
                gboolean             ok,
                GError             **error)
{
  if (ok)
    return exec (self, "COMMIT", error);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * _freight_load_journal_save_part:
 * @detail: (nullable): a note for the log (e.g. the job id, an error)
 *
 * Saves the part's row and logs its step, durably, in one transaction.
 */
gboolean
_freight_load_journal_save_part (FreightLoadJournal       *self,
                                 const char               *run_id,
                                 const FreightPartRecord  *part,
                                 const char               *detail,
                                 GError                  **error)
{
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = exec (self, "BEGIN IMMEDIATE", error);
  if (ok)
    ok = in_transaction (self, upsert_part (self, run_id, part, detail, error), error);
  g_mutex_unlock (&self->lock);
  return ok;
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
_freight_load_journal_part_written (FreightLoadJournal                *self,
                                    const char                        *run_id,
                                    const FreightPartRecord           *part,
                                    const FreightReconcileOutputState *state,
                                    GError                           **error)
{
  g_autofree char *json = output_state_to_json (state);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (part->step == FREIGHT_PART_STEP_WRITTEN, FALSE);

  g_mutex_lock (&self->lock);
  ok = exec (self, "BEGIN IMMEDIATE", error);
  if (ok)
    {
      ok = upsert_part (self, run_id, part, NULL, error);
      if (ok)
        {
          stmt = prepare (self, "UPDATE load_runs SET output_state = ?1, updated_at = ?2"
                                " WHERE id = ?3", error);
          ok = stmt != NULL;
          if (ok)
            {
              bind_text (stmt, 1, json);
              sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
              bind_text (stmt, 3, run_id);
              ok = step_done (self, stmt, error);
            }
        }
      ok = in_transaction (self, ok, error);
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * _freight_load_journal_save_job:
 * @state: what became of the job: `open`, `uploading`, `abandoned`, `closed`, `ended`
 *
 * Records a job of the run; jobs are never forgotten, also those given up.
 */
gboolean
_freight_load_journal_save_job (FreightLoadJournal  *self,
                                const char          *run_id,
                                guint                part,
                                const char          *job_id,
                                const char          *state,
                                GError             **error)
{
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time ();
  gboolean ok;

  g_mutex_lock (&self->lock);
  stmt = prepare (self,
    "INSERT INTO load_jobs (job_id, run_id, part, state, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?5)"
    " ON CONFLICT (job_id) DO UPDATE SET state = ?4, updated_at = ?5", error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  bind_text (stmt, 1, job_id);
  bind_text (stmt, 2, run_id);
  sqlite3_bind_int (stmt, 3, part);
  bind_text (stmt, 4, state);
  sqlite3_bind_int64 (stmt, 5, now);
  ok = step_done (self, stmt, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

/* --- Reading --- */

#define RUN_COLUMNS \
  "id, state, created_at, finished_at, org_id, user_id, instance_url, org_name, object," \
  " operation, external_id, source_path, source_size, source_mtime, source_delimiter," \
  " source_encoding, source_line_ending, source_bom, source_flags, mapping, header," \
  " column_kinds, job_delimiter, job_line_ending, part_size, part_rows, jobs_in_flight," \
  " poll_interval, max_poll_interval, keep_spool, run_dir, spool_dir, all_prepared," \
  " output_state, error"

static FreightRunRecord *
read_run (sqlite3_stmt *stmt)
{
  FreightRunRecord *run = _freight_run_record_new ();
  g_autofree char *encoding = NULL;
  g_autofree char *line_ending = NULL;
  g_autofree char *job_line_ending = NULL;
  g_autofree char *output_state = NULL;
  int i = 0;

  run->id = column_text (stmt, i++);
  run->state = column_text (stmt, i++);
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
 *   journal has no run @run_id
 */
FreightRunRecord *
_freight_load_journal_load_run (FreightLoadJournal  *self,
                                const char          *run_id,
                                GPtrArray          **parts,
                                GError             **error)
{
  g_autoptr(FreightRunRecord) run = NULL;
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_mutex_lock (&self->lock);
  stmt = prepare (self, "SELECT " RUN_COLUMNS " FROM load_runs WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;
  bind_text (stmt, 1, run_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    run = read_run (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sql_error (self, error, READING);
      goto out;
    }
  if (run == NULL)
    {
      g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_NOT_RESUMABLE,
                   _("The journal has no load “%s”. List the loads to find its id."), run_id);
      goto out;
    }

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) _freight_part_record_free);
  stmt = prepare (self,
    "SELECT number, step, first_record, last_record, source_offset, source_line,"
    " end_offset, end_line, n_rows, n_skipped, bytes, n_blank_lines, job_id, job_state,"
    " job_error, n_processed, n_failed, attempts, created_at, ended_at"
    " FROM load_parts WHERE run_id = ?1 ORDER BY number", error);
  if (stmt == NULL)
    {
      g_clear_pointer (&run, _freight_run_record_free);
      goto out;
    }
  bind_text (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_part (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sql_error (self, error, READING);
      g_clear_pointer (&run, _freight_run_record_free);
    }

out:
  g_mutex_unlock (&self->lock);
  if (run != NULL && parts != NULL)
    *parts = g_steal_pointer (&list);
  return g_steal_pointer (&run);
}

/**
 * _freight_load_journal_list_runs:
 * @unfinished: only runs that can be resumed (running, cancelling, interrupted, failed)
 *
 * Returns: (transfer full): #FreightRunRecord, newest first (without output state)
 */
GPtrArray *
_freight_load_journal_list_runs (FreightLoadJournal  *self,
                                 gboolean             unfinished,
                                 GError             **error)
{
  g_autoptr(GPtrArray) runs =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _freight_run_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_mutex_lock (&self->lock);
  stmt = prepare (self, unfinished
                          ? "SELECT " RUN_COLUMNS " FROM load_runs WHERE state NOT IN"
                            " ('finished', 'cancelled') ORDER BY created_at DESC"
                          : "SELECT " RUN_COLUMNS " FROM load_runs ORDER BY created_at DESC",
                  error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (runs, read_run (stmt));
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->lock);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_JOURNAL,
                   _("The journal “%s” could not be read: %s. Check that no other program "
                     "damaged the file."), self->path, sqlite3_errstr (rc));
      return NULL;
    }
  return g_steal_pointer (&runs);
}

/**
 * _freight_load_journal_list_jobs:
 *
 * Returns: (transfer full): the ids of every job the run created, oldest first
 */
GPtrArray *
_freight_load_journal_list_jobs (FreightLoadJournal  *self,
                                 const char          *run_id,
                                 GError             **error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_mutex_lock (&self->lock);
  stmt = prepare (self, "SELECT job_id FROM load_jobs WHERE run_id = ?1"
                        " ORDER BY created_at, rowid", error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  bind_text (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (jobs, column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->lock);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_JOURNAL,
                   _("The journal “%s” could not be read: %s. Check that no other program "
                     "damaged the file."), self->path, sqlite3_errstr (rc));
      return NULL;
    }
  return g_steal_pointer (&jobs);
}
