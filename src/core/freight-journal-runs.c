/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-journal"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-journal.h"
#include "freight-journal-private.h"

/* The journal's records: runs, their steps and their events (see freight-journal.c for
 * the file and freight-journal-schema.c for the tables). Each call takes the journal's
 * lock, so it is safe from any thread and joins a transaction the thread has begun. */

/* Statements ----------------------------------------------------------------------- */

static sqlite3_stmt *
prepare (FreightJournal  *self,
         const char      *sql,
         GError         **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (_freight_journal_get_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _freight_journal_set_error (self, error, _("Could not prepare a statement of the journal"));
      return NULL;
    }
  return stmt;
}

static char *
object_to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;

  if (object == NULL)
    return g_strdup ("{}");
  node = json_node_init_object (json_node_alloc (), object);
  return json_to_string (node, FALSE);
}

static JsonObject *
text_to_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return json_object_new ();
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

#define RUN_COLUMNS "id, kind, state, org, spec, output_path, error_message, created_at, " \
                    "updated_at"

static FreightJournalRun *
read_run (sqlite3_stmt *stmt)
{
  FreightJournalRun *run = g_new0 (FreightJournalRun, 1);
  g_autofree char *spec = column_text (stmt, 4);

  run->id = sqlite3_column_int64 (stmt, 0);
  run->kind = column_text (stmt, 1);
  run->state = column_text (stmt, 2);
  run->org = column_text (stmt, 3);
  run->spec = text_to_object (spec);
  run->output_path = column_text (stmt, 5);
  run->error_message = column_text (stmt, 6);
  run->created_at = sqlite3_column_int64 (stmt, 7);
  run->updated_at = sqlite3_column_int64 (stmt, 8);
  return run;
}

#define STEP_COLUMNS "id, run_id, kind, key, state, data, created_at, updated_at"

static FreightJournalStep *
read_step (sqlite3_stmt *stmt)
{
  FreightJournalStep *step = g_new0 (FreightJournalStep, 1);
  g_autofree char *data = column_text (stmt, 5);

  step->id = sqlite3_column_int64 (stmt, 0);
  step->run_id = sqlite3_column_int64 (stmt, 1);
  step->kind = column_text (stmt, 2);
  step->key = column_text (stmt, 3);
  step->state = column_text (stmt, 4);
  step->data = text_to_object (data);
  step->created_at = sqlite3_column_int64 (stmt, 6);
  step->updated_at = sqlite3_column_int64 (stmt, 7);
  return step;
}

/* Runs ----------------------------------------------------------------------------- */

/**
 * freight_journal_add_run:
 * @self: a journal
 * @kind: "export", "load", …
 * @org: (nullable): the org: a saved org's alias or an instance URL
 * @spec: (nullable): what starts the run again
 * @output_path: (nullable): the file or folder the run writes
 * @error: return location for an error
 *
 * Records a new run, in the "running" state. Blocks.
 *
 * Returns: the run's id, or 0 on error
 */
gint64
freight_journal_add_run (FreightJournal  *self,
                         const char      *kind,
                         const char      *org,
                         JsonObject      *spec,
                         const char      *output_path,
                         GError         **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time ();
  gint64 id = 0;

  g_return_val_if_fail (FREIGHT_IS_JOURNAL (self), 0);
  g_return_val_if_fail (kind != NULL, 0);

  text = object_to_text (spec);
  _freight_journal_lock (self);
  stmt = prepare (self, "INSERT INTO runs (kind, state, org, spec, output_path, created_at, "
                  "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, FREIGHT_JOURNAL_STATE_RUNNING, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, org, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, output_path, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 6, now);
      sqlite3_bind_int64 (stmt, 7, now);
      if (sqlite3_step (stmt) == SQLITE_DONE)
        id = sqlite3_last_insert_rowid (_freight_journal_get_db (self));
      else
        _freight_journal_set_error (self, error, _("Could not record a run in the journal"));
      sqlite3_finalize (stmt);
    }
  _freight_journal_unlock (self);
  return id;
}

static gboolean
changed_one_row (FreightJournal  *self,
                 sqlite3_stmt    *stmt,
                 gint64           id,
                 const char      *what,
                 GError         **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _freight_journal_set_error (self, error, what);
      return FALSE;
    }
  if (sqlite3_changes (_freight_journal_get_db (self)) == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_NOT_FOUND,
                   _("The journal has no run %s."), number);
      return FALSE;
    }
  return TRUE;
}

/**
 * freight_journal_set_run_state:
 * @self: a journal
 * @run_id: a run
 * @state: its new state
 * @error_message: (nullable): why it failed
 * @error: return location for an error
 *
 * Blocks.
 *
 * Returns: %TRUE when recorded
 */
gboolean
freight_journal_set_run_state (FreightJournal  *self,
                               gint64           run_id,
                               const char      *state,
                               const char      *error_message,
                               GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (FREIGHT_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  _freight_journal_lock (self);
  stmt = prepare (self, "UPDATE runs SET state = ?, error_message = ?, updated_at = ? "
                  "WHERE id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, state, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, error_message, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
      sqlite3_bind_int64 (stmt, 4, run_id);
      ok = changed_one_row (self, stmt, run_id,
                            _("Could not record the state of a run in the journal"), error);
      sqlite3_finalize (stmt);
    }
  _freight_journal_unlock (self);
  return ok;
}

/**
 * freight_journal_get_run:
 * @self: a journal
 * @run_id: a run
 * @error: return location for an error (FREIGHT_JOURNAL_ERROR_NOT_FOUND when none)
 *
 * Blocks.
 *
 * Returns: (transfer full): the run
 */
FreightJournalRun *
freight_journal_get_run (FreightJournal  *self,
                         gint64           run_id,
                         GError         **error)
{
  FreightJournalRun *run = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FREIGHT_IS_JOURNAL (self), NULL);

  _freight_journal_lock (self);
  stmt = prepare (self, "SELECT " RUN_COLUMNS " FROM runs WHERE id = ?", error);
  if (stmt != NULL)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, run_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        run = read_run (stmt);
      else if (rc == SQLITE_DONE)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);

          g_set_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_NOT_FOUND,
                       _("The journal has no run %s. “freight-cli resume --list” shows the "
                         "runs that can be continued."), number);
        }
      else
        _freight_journal_set_error (self, error, _("Could not read a run from the journal"));
      sqlite3_finalize (stmt);
    }
  _freight_journal_unlock (self);
  return run;
}

/**
 * freight_journal_list_runs:
 * @self: a journal
 * @kind: (nullable): only runs of this kind
 * @unfinished: only runs that are not done, failed or cancelled
 * @error: return location for an error
 *
 * Blocks.
 *
 * Returns: (transfer full) (element-type FreightJournalRun): the runs, oldest first
 */
GPtrArray *
freight_journal_list_runs (FreightJournal  *self,
                           const char      *kind,
                           gboolean         unfinished,
                           GError         **error)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                              freight_journal_run_free);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (FREIGHT_IS_JOURNAL (self), NULL);

  _freight_journal_lock (self);
  stmt = prepare (self, "SELECT " RUN_COLUMNS " FROM runs "
                  "WHERE (?1 IS NULL OR kind = ?1) "
                  "AND (?2 = 0 OR state NOT IN ('done', 'failed', 'cancelled')) "
                  "ORDER BY id", error);
  if (stmt != NULL)
    {
      int rc;

      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, unfinished ? 1 : 0);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (runs, read_run (stmt));
      ok = rc == SQLITE_DONE;
      if (!ok)
        _freight_journal_set_error (self, error, _("Could not list the runs in the journal"));
      sqlite3_finalize (stmt);
    }
  _freight_journal_unlock (self);
  return ok ? g_steal_pointer (&runs) : NULL;
}

/**
 * freight_journal_delete_run:
 * @self: a journal
 * @run_id: a run
 * @error: return location for an error
 *
 * Forgets a run with its steps and events. Blocks.
 *
 * Returns: %TRUE when the run is gone
 */
gboolean
freight_journal_delete_run (FreightJournal  *self,
                            gint64           run_id,
                            GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (FREIGHT_IS_JOURNAL (self), FALSE);

  _freight_journal_lock (self);
  stmt = prepare (self, "DELETE FROM runs WHERE id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, run_id);
      ok = changed_one_row (self, stmt, run_id,
                            _("Could not delete a run from the journal"), error);
      sqlite3_finalize (stmt);
    }
  _freight_journal_unlock (self);
  return ok;
}

/* Steps ---------------------------------------------------------------------------- */

/**
 * freight_journal_put_step:
 * @self: a journal
 * @run_id: a run
 * @kind: the kind of step
 * @key: which one
 * @state: its state
 * @data: (nullable): its progress
 * @error: return location for an error
 *
 * Records the step (run, kind, key), or replaces its state and data. Also touches the
 * run's updated_at. Blocks.
 *
 * Returns: the step's id, or 0 on error
 */
gint64
freight_journal_put_step (FreightJournal  *self,
                          gint64           run_id,
                          const char      *kind,
                          const char      *key,
                          const char      *state,
                          JsonObject      *data,
                          GError         **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *touch = NULL;
  gint64 now = g_get_real_time ();
  gint64 id = 0;

  g_return_val_if_fail (FREIGHT_IS_JOURNAL (self), 0);
  g_return_val_if_fail (kind != NULL && key != NULL && state != NULL, 0);

  text = object_to_text (data);
  if (!freight_journal_begin (self, error))
    return 0;

  stmt = prepare (self, "INSERT INTO steps (run_id, kind, key, state, data, created_at, "
                  "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) "
                  "ON CONFLICT (run_id, kind, key) DO UPDATE SET state = excluded.state, "
                  "data = excluded.data, updated_at = excluded.updated_at "
                  "RETURNING id", error);
  touch = stmt != NULL ? prepare (self, "UPDATE runs SET updated_at = ? WHERE id = ?", error)
                       : NULL;
  if (touch != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, run_id);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, state, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 6, now);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      else
        _freight_journal_set_error (self, error, _("Could not record a step in the journal"));

      sqlite3_bind_int64 (touch, 1, now);
      sqlite3_bind_int64 (touch, 2, run_id);
      if (id != 0 && sqlite3_step (touch) != SQLITE_DONE)
        {
          _freight_journal_set_error (self, error, _("Could not record a step in the journal"));
          id = 0;
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (touch);

  if (id == 0)
    {
      freight_journal_rollback (self);
      return 0;
    }
  return freight_journal_commit (self, error) ? id : 0;
}

/**
 * freight_journal_get_step:
 * @self: a journal
 * @run_id: a run
 * @kind: the kind of step
 * @key: which one
 * @error: return location for an error (FREIGHT_JOURNAL_ERROR_NOT_FOUND when none)
 *
 * Blocks.
 *
 * Returns: (transfer full): the step
 */
FreightJournalStep *
freight_journal_get_step (FreightJournal  *self,
                          gint64           run_id,
                          const char      *kind,
                          const char      *key,
                          GError         **error)
{
  FreightJournalStep *step = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FREIGHT_IS_JOURNAL (self), NULL);

  _freight_journal_lock (self);
  stmt = prepare (self, "SELECT " STEP_COLUMNS " FROM steps "
                  "WHERE run_id = ? AND kind = ? AND key = ?", error);
  if (stmt != NULL)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, run_id);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        step = read_step (stmt);
      else if (rc == SQLITE_DONE)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);

          g_set_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_NOT_FOUND,
                       _("Run %s has no step %s %s in the journal."), number, kind, key);
        }
      else
        _freight_journal_set_error (self, error, _("Could not read a step from the journal"));
      sqlite3_finalize (stmt);
    }
  _freight_journal_unlock (self);
  return step;
}

/**
 * freight_journal_list_steps:
 * @self: a journal
 * @run_id: a run
 * @kind: (nullable): only steps of this kind
 * @error: return location for an error
 *
 * Blocks.
 *
 * Returns: (transfer full) (element-type FreightJournalStep): the steps, in the order
 *   they were first recorded
 */
GPtrArray *
freight_journal_list_steps (FreightJournal  *self,
                            gint64           run_id,
                            const char      *kind,
                            GError         **error)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                               freight_journal_step_free);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (FREIGHT_IS_JOURNAL (self), NULL);

  _freight_journal_lock (self);
  stmt = prepare (self, "SELECT " STEP_COLUMNS " FROM steps "
                  "WHERE run_id = ?1 AND (?2 IS NULL OR kind = ?2) ORDER BY id", error);
  if (stmt != NULL)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, run_id);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (steps, read_step (stmt));
      ok = rc == SQLITE_DONE;
      if (!ok)
        _freight_journal_set_error (self, error,
                                    _("Could not list the steps of a run in the journal"));
      sqlite3_finalize (stmt);
    }
  _freight_journal_unlock (self);
  return ok ? g_steal_pointer (&steps) : NULL;
}

/* Events --------------------------------------------------------------------------- */

/**
 * freight_journal_add_event:
 * @self: a journal
 * @run_id: a run
 * @level: "info", "warning" or "error"
 * @message: what happened, for people
 * @error: return location for an error
 *
 * Blocks.
 *
 * Returns: %TRUE when recorded
 */
gboolean
freight_journal_add_event (FreightJournal  *self,
                           gint64           run_id,
                           const char      *level,
                           const char      *message,
                           GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (FREIGHT_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (level != NULL && message != NULL, FALSE);

  _freight_journal_lock (self);
  stmt = prepare (self, "INSERT INTO events (run_id, at, level, message) VALUES (?, ?, ?, ?)",
                  error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, run_id);
      sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
      sqlite3_bind_text (stmt, 3, level, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, message, -1, SQLITE_TRANSIENT);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      if (!ok)
        _freight_journal_set_error (self, error, _("Could not record an event in the journal"));
      sqlite3_finalize (stmt);
    }
  _freight_journal_unlock (self);
  return ok;
}

/**
 * freight_journal_list_events:
 * @self: a journal
 * @run_id: a run
 * @error: return location for an error
 *
 * Blocks.
 *
 * Returns: (transfer full) (element-type FreightJournalEvent): the run's events, oldest
 *   first
 */
GPtrArray *
freight_journal_list_events (FreightJournal  *self,
                             gint64           run_id,
                             GError         **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                freight_journal_event_free);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (FREIGHT_IS_JOURNAL (self), NULL);

  _freight_journal_lock (self);
  stmt = prepare (self, "SELECT id, run_id, at, level, message FROM events "
                  "WHERE run_id = ? ORDER BY id", error);
  if (stmt != NULL)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, run_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          FreightJournalEvent *event = g_new0 (FreightJournalEvent, 1);

          event->id = sqlite3_column_int64 (stmt, 0);
          event->run_id = sqlite3_column_int64 (stmt, 1);
          event->at = sqlite3_column_int64 (stmt, 2);
          event->level = column_text (stmt, 3);
          event->message = column_text (stmt, 4);
          g_ptr_array_add (events, event);
        }
      ok = rc == SQLITE_DONE;
      if (!ok)
        _freight_journal_set_error (self, error,
                                    _("Could not list the events of a run in the journal"));
      sqlite3_finalize (stmt);
    }
  _freight_journal_unlock (self);
  return ok ? g_steal_pointer (&events) : NULL;
}
