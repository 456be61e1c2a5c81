/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-journal"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "freight-journal.h"
#include "freight-journal-private.h"

/* The local journal: an SQLite file in the user data folder that records every run
 * (export, load) and its steps before and after they happen, so that a run interrupted
 * by a crash, a kill or a closed window can be continued (freight-cli resume, the app).
 *
 * The file is shared by the app and freight-cli processes: WAL mode lets them read while
 * one writes, a busy timeout makes writers queue, and every commit is synced so that a
 * step the journal says happened did happen. Within a process the object is thread-safe:
 * one recursive lock guards the connection, held from freight_journal_begin() to
 * _commit(). The schema and its migrations are in freight-journal-schema.c. */

#define BUSY_TIMEOUT_MS 10000

struct _FreightJournal
{
  GObject   parent_instance;

  char     *path;
  sqlite3  *db;
  GRecMutex lock;
  guint     depth;        /* nested freight_journal_begin() calls, under lock */
  int       version;
};

G_DEFINE_FINAL_TYPE (FreightJournal, freight_journal, G_TYPE_OBJECT)
G_DEFINE_QUARK (freight-journal-error-quark, freight_journal_error)
G_DEFINE_BOXED_TYPE (FreightJournalRun, freight_journal_run,
                     freight_journal_run_copy, freight_journal_run_free)
G_DEFINE_BOXED_TYPE (FreightJournalStep, freight_journal_step,
                     freight_journal_step_copy, freight_journal_step_free)
G_DEFINE_BOXED_TYPE (FreightJournalEvent, freight_journal_event,
                     freight_journal_event_copy, freight_journal_event_free)

/* Records ------------------------------------------------------------------------- */

static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;

  if (object == NULL)
    return NULL;
  node = json_node_init_object (json_node_alloc (), object);
  copy = json_node_copy (node);
  return json_object_ref (json_node_get_object (copy));
}

/**
 * freight_journal_run_copy:
 * @run: a run
 *
 * Returns: (transfer full): a deep copy
 */
FreightJournalRun *
freight_journal_run_copy (const FreightJournalRun *run)
{
  FreightJournalRun *copy = g_new0 (FreightJournalRun, 1);

  copy->id = run->id;
  copy->kind = g_strdup (run->kind);
  copy->state = g_strdup (run->state);
  copy->org = g_strdup (run->org);
  copy->spec = copy_object (run->spec);
  copy->output_path = g_strdup (run->output_path);
  copy->error_message = g_strdup (run->error_message);
  copy->created_at = run->created_at;
  copy->updated_at = run->updated_at;
  return copy;
}

void
freight_journal_run_free (FreightJournalRun *run)
{
  if (run == NULL)
    return;
  g_free (run->kind);
  g_free (run->state);
  g_free (run->org);
  g_clear_pointer (&run->spec, json_object_unref);
  g_free (run->output_path);
  g_free (run->error_message);
  g_free (run);
}

/**
 * freight_journal_run_is_finished:
 * @run: a run
 *
 * Returns: %TRUE when the run is done, failed or cancelled: nothing to continue
 */
gboolean
freight_journal_run_is_finished (const FreightJournalRun *run)
{
  g_return_val_if_fail (run != NULL, TRUE);

  return g_strcmp0 (run->state, FREIGHT_JOURNAL_STATE_DONE) == 0
         || g_strcmp0 (run->state, FREIGHT_JOURNAL_STATE_FAILED) == 0
         || g_strcmp0 (run->state, FREIGHT_JOURNAL_STATE_CANCELLED) == 0;
}

/**
 * freight_journal_step_copy:
 * @step: a step
 *
 * Returns: (transfer full): a deep copy
 */
FreightJournalStep *
freight_journal_step_copy (const FreightJournalStep *step)
{
  FreightJournalStep *copy = g_new0 (FreightJournalStep, 1);

  copy->id = step->id;
  copy->run_id = step->run_id;
  copy->kind = g_strdup (step->kind);
  copy->key = g_strdup (step->key);
  copy->state = g_strdup (step->state);
  copy->data = copy_object (step->data);
  copy->created_at = step->created_at;
  copy->updated_at = step->updated_at;
  return copy;
}

void
freight_journal_step_free (FreightJournalStep *step)
{
  if (step == NULL)
    return;
  g_free (step->kind);
  g_free (step->key);
  g_free (step->state);
  g_clear_pointer (&step->data, json_object_unref);
  g_free (step);
}

/**
 * freight_journal_event_copy:
 * @event: an event
 *
 * Returns: (transfer full): a copy
 */
FreightJournalEvent *
freight_journal_event_copy (const FreightJournalEvent *event)
{
  FreightJournalEvent *copy = g_new0 (FreightJournalEvent, 1);

  copy->id = event->id;
  copy->run_id = event->run_id;
  copy->at = event->at;
  copy->level = g_strdup (event->level);
  copy->message = g_strdup (event->message);
  return copy;
}

void
freight_journal_event_free (FreightJournalEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->level);
  g_free (event->message);
  g_free (event);
}

/* The object ---------------------------------------------------------------------- */

static void
freight_journal_finalize (GObject *object)
{
  FreightJournal *self = FREIGHT_JOURNAL (object);

  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->path, g_free);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (freight_journal_parent_class)->finalize (object);
}

static void
freight_journal_class_init (FreightJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_journal_finalize;
}

static void
freight_journal_init (FreightJournal *self)
{
  g_rec_mutex_init (&self->lock);
}

sqlite3 *
_freight_journal_lock (FreightJournal *self)
{
  g_rec_mutex_lock (&self->lock);
  return self->db;
}

void
_freight_journal_unlock (FreightJournal *self)
{
  g_rec_mutex_unlock (&self->lock);
}

/* The connection, for a caller that holds the lock. */
sqlite3 *
_freight_journal_get_db (FreightJournal *self)
{
  return self->db;
}

/* @what says what failed, e.g. "Could not record a run in the journal"; the file, SQLite's
 * reason and what to do follow. */
void
_freight_journal_set_error (FreightJournal  *self,
                            GError         **error,
                            const char      *what)
{
  int primary = sqlite3_extended_errcode (self->db) & 0xff;

  g_set_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_FAILED,
               "%s (%s): %s%s", what, self->path, sqlite3_errmsg (self->db),
               primary == SQLITE_FULL ? _(". Free some disk space and try again.")
               : primary == SQLITE_BUSY ? _(". Another Freight is busy with the journal; "
                                            "try again when it is done.")
               : primary == SQLITE_READONLY ? _(". Check that you can write to the file.")
               : "");
}

static gboolean
exec (FreightJournal  *self,
      const char      *sql,
      const char      *what,
      GError         **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _freight_journal_set_error (self, error, what);
      return FALSE;
    }
  return TRUE;
}

static int
read_user_version (FreightJournal *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
migrate (FreightJournal  *self,
         GError         **error)
{
  int latest = _freight_journal_migrations[_freight_journal_n_migrations - 1].version;

  self->version = read_user_version (self);
  if (self->version < 0)
    {
      _freight_journal_set_error (self, error,
                                  _("Could not read the schema version of the journal"));
      return FALSE;
    }
  if (self->version > latest)
    {
      g_set_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_TOO_NEW,
                   _("The journal %s was written by a newer version of Freight (schema %d; "
                     "this version knows up to %d). Update Freight."),
                   self->path, self->version, latest);
      return FALSE;
    }

  for (guint i = 0; i < _freight_journal_n_migrations; i++)
    {
      const FreightJournalMigration *m = &_freight_journal_migrations[i];
      g_autofree char *set_version = NULL;

      if (m->version <= self->version)
        continue;

      /* Another process may have migrated meanwhile: check again inside the lock. */
      if (!exec (self, "BEGIN IMMEDIATE",
                 _("Could not start a transaction in the journal"), error))
        return FALSE;
      if (read_user_version (self) >= m->version)
        {
          exec (self, "COMMIT", _("Could not commit to the journal"), NULL);
          self->version = read_user_version (self);
          continue;
        }
      set_version = g_strdup_printf ("PRAGMA user_version = %d", m->version);
      if (!exec (self, m->sql, _("Could not update the schema of the journal"), error)
          || !exec (self, set_version, _("Could not update the schema of the journal"), error)
          || !exec (self, "COMMIT", _("Could not commit to the journal"), error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      g_debug ("Journal %s migrated to schema %d", self->path, m->version);
      self->version = m->version;
    }
  return TRUE;
}

/**
 * freight_journal_get_default_path:
 *
 * Returns: (transfer full): the journal's place in the user data folder,
 *   `$XDG_DATA_HOME/freight/journal.db`
 */
char *
freight_journal_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "freight", "journal.db", NULL);
}

/**
 * freight_journal_open:
 * @path: (nullable): the journal file, or %NULL for freight_journal_get_default_path()
 * @error: return location for a FREIGHT_JOURNAL_ERROR
 *
 * Opens the journal, creating the file and its folder (private to the user) when needed,
 * and brings its schema up to date. Blocks.
 *
 * Returns: (transfer full): the journal
 */
FreightJournal *
freight_journal_open (const char  *path,
                      GError     **error)
{
  g_autoptr(FreightJournal) self = g_object_new (FREIGHT_TYPE_JOURNAL, NULL);
  g_autofree char *dir = NULL;
  int rc;

  self->path = path != NULL ? g_strdup (path) : freight_journal_get_default_path ();
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_OPEN,
                   _("Could not create the folder %s for the journal: %s"), dir,
                   g_strerror (saved_errno));
      return NULL;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_OPEN,
                   _("Could not open the journal %s: %s"), self->path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  g_chmod (self->path, 0600);

  if (!exec (self, "PRAGMA journal_mode = WAL", _("Could not set up the journal"), error)
      || !exec (self, "PRAGMA synchronous = FULL", _("Could not set up the journal"), error)
      || !exec (self, "PRAGMA foreign_keys = ON", _("Could not set up the journal"), error))
    {
      g_prefix_error (error, _("The file may not be a Freight journal: "));
      return NULL;
    }

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * freight_journal_claim_run:
 * @run_id: a run of the journal
 *
 * Claims run @run_id for the caller until freight_journal_release_run(): one process (and
 * one object in it) at a time goes on with a run, so that a run resumed by the app while
 * `freight-cli` still runs it is not sent twice. The claim is an exclusive lock on a file
 * beside the journal (runs/ID.lock); it ends with the process, however that ends.
 *
 * Returns: the claim, or -1 with %FREIGHT_JOURNAL_ERROR_BUSY when the run is claimed
 *   already
 */
int
freight_journal_claim_run (FreightJournal  *self,
                           gint64           run_id,
                           GError         **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *runs = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *number = NULL;
  int fd;

  g_return_val_if_fail (FREIGHT_IS_JOURNAL (self), -1);
  g_return_val_if_fail (run_id > 0, -1);

  /* Numbers go into messages as text: xgettext cannot read G_GINT64_FORMAT. */
  number = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);

  dir = g_path_get_dirname (self->path);
  runs = g_build_filename (dir, "runs", NULL);
  name = g_strdup_printf ("%" G_GINT64_FORMAT ".lock", run_id);
  path = g_build_filename (runs, name, NULL);
  g_mkdir_with_parents (runs, 0700);
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_FAILED,
                   _("Could not claim run %s (%s): %s"), number, path,
                   g_strerror (saved));
      return -1;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      close (fd);
      if (saved == EWOULDBLOCK)
        g_set_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_BUSY,
                     _("Run %s is going on in another Freight window or process; it "
                       "continues there."), number);
      else
        g_set_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_FAILED,
                     _("Could not claim run %s (%s): %s"), number, path,
                     g_strerror (saved));
      return -1;
    }
  return fd;
}

/**
 * freight_journal_release_run:
 * @claim: what freight_journal_claim_run() returned, or -1
 *
 * Lets the run go: another process may go on with it.
 */
void
freight_journal_release_run (int claim)
{
  if (claim >= 0)
    close (claim);
}

/**
 * freight_journal_get_path:
 * @self: a journal
 *
 * Returns: the journal's file
 */
const char *
freight_journal_get_path (FreightJournal *self)
{
  g_return_val_if_fail (FREIGHT_IS_JOURNAL (self), NULL);
  return self->path;
}

/**
 * freight_journal_get_schema_version:
 * @self: a journal
 *
 * Returns: the schema version of the file (the newest this Freight knows)
 */
int
freight_journal_get_schema_version (FreightJournal *self)
{
  g_return_val_if_fail (FREIGHT_IS_JOURNAL (self), 0);
  return self->version;
}

/* Transactions --------------------------------------------------------------------- */

/**
 * freight_journal_begin:
 * @self: a journal
 * @error: return location for an error
 *
 * Starts a transaction: what is written until freight_journal_commit() lands together
 * or not at all. Holds the journal for this thread until then; calls nest.
 *
 * Returns: %TRUE when the transaction started (then commit or roll back)
 */
gboolean
freight_journal_begin (FreightJournal  *self,
                       GError         **error)
{
  g_return_val_if_fail (FREIGHT_IS_JOURNAL (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (self->depth == 0 && !exec (self, "BEGIN IMMEDIATE",
                                 _("Could not start a transaction in the journal"), error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }
  self->depth++;
  return TRUE;
}

/**
 * freight_journal_commit:
 * @self: a journal
 * @error: return location for an error
 *
 * Ends the transaction of freight_journal_begin(); the outermost commit writes it.
 *
 * Returns: %TRUE when committed; on failure everything since the outermost begin is
 *   rolled back
 */
gboolean
freight_journal_commit (FreightJournal  *self,
                        GError         **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (FREIGHT_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  self->depth--;
  if (self->depth == 0 && !exec (self, "COMMIT", _("Could not commit to the journal"), error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      ok = FALSE;
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * freight_journal_rollback:
 * @self: a journal
 *
 * Abandons the transaction of freight_journal_begin(), including what enclosing
 * transactions wrote since their begin.
 */
void
freight_journal_rollback (FreightJournal *self)
{
  g_return_if_fail (FREIGHT_IS_JOURNAL (self));
  g_return_if_fail (self->depth > 0);

  self->depth--;
  if (self->depth == 0 || sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_rec_mutex_unlock (&self->lock);
}
