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
};

const guint _freight_journal_n_migrations = G_N_ELEMENTS (_freight_journal_migrations);
