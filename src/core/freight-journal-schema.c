/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-journal"

#include "config.h"

#include "freight-journal-private.h"

/* The journal's schema history. Opening a journal applies, in order and each in its own
 * transaction, every migration newer than the file's `PRAGMA user_version`.
 *
 * To change the schema, append a migration with the next version; never edit one that
 * has shipped, since journals out there already ran it. Modules with state of their own
 * (the load pipeline's parts, say) add their tables here, keyed to runs(id) with
 * ON DELETE CASCADE, and reach them through _freight_journal_lock().
 *
 * Version 1: the generic run / step / event model every kind of run shares.
 *   runs    one export or load: its kind, state, org, the JSON spec that starts it
 *           again, where it writes, why it failed
 *   steps   the run's steps by (kind, key), e.g. ("query-job", "750…"), each with a state
 *           and JSON data, written before and after the step happens
 *   events  messages about a run for the user (info, warning, error)
 * Version 2: the load pipeline's own tables (freight-load-journal.c); a load is also a
 * row of runs (kind "load").
 *   load_runs   one per load: everything needed to continue it (the org's ids, object,
 *               operation, the source with its size and time stamp, dialect, mapping,
 *               the parts' header and column kinds, folders), how far the preparation got
 *               and where the result files stood after the last part written
 *   load_parts  one per part: its source range and counts, its job, and the last step
 *               done, saved before and after each step
 *   load_jobs   every ingest job a load created, also those it gave up
 *   load_steps  the log of every step saved, with its time
 * Times are microseconds since the epoch. */

const FreightJournalMigration _freight_journal_migrations[] = {
  {
    1,
    "CREATE TABLE runs ("
    "  id            INTEGER PRIMARY KEY,"
    "  kind          TEXT    NOT NULL,"
    "  state         TEXT    NOT NULL,"
    "  org           TEXT,"
    "  spec          TEXT    NOT NULL DEFAULT '{}',"
    "  output_path   TEXT,"
    "  error_message TEXT,"
    "  created_at    INTEGER NOT NULL,"
    "  updated_at    INTEGER NOT NULL"
    ");"
    "CREATE INDEX runs_by_kind_state ON runs (kind, state);"
    "CREATE TABLE steps ("
    "  id         INTEGER PRIMARY KEY,"
    "  run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    "  kind       TEXT    NOT NULL,"
    "  key        TEXT    NOT NULL,"
    "  state      TEXT    NOT NULL,"
    "  data       TEXT    NOT NULL DEFAULT '{}',"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL,"
    "  UNIQUE (run_id, kind, key)"
    ");"
    "CREATE TABLE events ("
    "  id      INTEGER PRIMARY KEY,"
    "  run_id  INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    "  at      INTEGER NOT NULL,"
    "  level   TEXT    NOT NULL,"
    "  message TEXT    NOT NULL"
    ");"
    "CREATE INDEX events_by_run ON events (run_id);"
  },
  {
    2,
    "CREATE TABLE load_runs ("
    "  run_id             INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,"
    "  org_id             TEXT,"
    "  user_id            TEXT,"
    "  instance_url       TEXT,"
    "  org_name           TEXT,"
    "  object             TEXT    NOT NULL,"
    "  operation          TEXT    NOT NULL,"
    "  external_id        TEXT,"
    "  source_path        TEXT    NOT NULL,"
    "  source_size        INTEGER NOT NULL,"
    "  source_mtime       INTEGER NOT NULL,"
    "  source_delimiter   INTEGER NOT NULL,"
    "  source_encoding    TEXT    NOT NULL,"
    "  source_line_ending TEXT    NOT NULL,"
    "  source_bom         INTEGER NOT NULL,"
    "  source_flags       INTEGER NOT NULL,"
    "  mapping            TEXT    NOT NULL,"
    "  header             TEXT    NOT NULL,"
    "  column_kinds       TEXT    NOT NULL,"
    "  job_delimiter      INTEGER NOT NULL,"
    "  job_line_ending    TEXT    NOT NULL,"
    "  part_size          INTEGER NOT NULL,"
    "  part_rows          INTEGER NOT NULL,"
    "  jobs_in_flight     INTEGER NOT NULL,"
    "  poll_interval      INTEGER NOT NULL,"
    "  max_poll_interval  INTEGER NOT NULL,"
    "  keep_spool         INTEGER NOT NULL,"
    "  run_dir            TEXT    NOT NULL,"
    "  spool_dir          TEXT    NOT NULL,"
    "  all_prepared       INTEGER NOT NULL DEFAULT 0,"
    "  output_state       TEXT,"
    "  finished_at        INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE TABLE load_parts ("
    "  run_id        INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    "  number        INTEGER NOT NULL,"
    "  step          TEXT    NOT NULL,"
    "  first_record  INTEGER NOT NULL,"
    "  last_record   INTEGER NOT NULL,"
    "  source_offset INTEGER NOT NULL,"
    "  source_line   INTEGER NOT NULL,"
    "  end_offset    INTEGER NOT NULL,"
    "  end_line      INTEGER NOT NULL,"
    "  n_rows        INTEGER NOT NULL,"
    "  n_skipped     INTEGER NOT NULL,"
    "  bytes         INTEGER NOT NULL,"
    "  n_blank_lines INTEGER NOT NULL,"
    "  job_id        TEXT,"
    "  job_state     TEXT,"
    "  job_error     TEXT,"
    "  n_processed   INTEGER NOT NULL DEFAULT 0,"
    "  n_failed      INTEGER NOT NULL DEFAULT 0,"
    "  attempts      INTEGER NOT NULL DEFAULT 0,"
    "  created_at    INTEGER NOT NULL DEFAULT 0,"
    "  ended_at      INTEGER NOT NULL DEFAULT 0,"
    "  updated_at    INTEGER NOT NULL,"
    "  PRIMARY KEY (run_id, number)"
    ");"
    "CREATE TABLE load_jobs ("
    "  job_id     TEXT    PRIMARY KEY,"
    "  run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    "  part       INTEGER NOT NULL,"
    "  state      TEXT    NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL"
    ");"
    "CREATE INDEX load_jobs_by_run ON load_jobs (run_id);"
    "CREATE TABLE load_steps ("
    "  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    "  part   INTEGER,"
    "  step   TEXT    NOT NULL,"
    "  at     INTEGER NOT NULL,"
    "  detail TEXT"
    ");"
    "CREATE INDEX load_steps_by_run ON load_steps (run_id);"
  },
};

const guint _freight_journal_n_migrations = G_N_ELEMENTS (_freight_journal_migrations);
