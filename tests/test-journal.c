/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "freight.h"

/* The local journal: schema creation and versioning, runs, steps and events, transactions,
 * two openers of one file, threads, and files it must refuse. */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("freight-journal-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sub", "journal.db", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static JsonObject *
spec_new (const char *query)
{
  JsonObject *spec = json_object_new ();

  json_object_set_string_member (spec, "query", query);
  json_object_set_int_member (spec, "page_size", 50000);
  return spec;
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightJournal) journal = freight_journal_open (f->path, &error);
  g_autofree char *default_path = freight_journal_get_default_path ();
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_cmpstr (freight_journal_get_path (journal), ==, f->path);
  g_assert_cmpint (freight_journal_get_schema_version (journal), >=, 1);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_str_has_suffix (default_path, "/freight/journal.db"));
}

static void
test_runs (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightJournal) journal = freight_journal_open (f->path, &error);
  g_autoptr(JsonObject) spec = spec_new ("SELECT Id FROM Account");
  g_autoptr(FreightJournalRun) run = NULL;
  g_autoptr(FreightJournalRun) copy = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) exports = NULL;
  g_autoptr(GPtrArray) unfinished = NULL;
  gint64 id;
  gint64 load;

  g_assert_no_error (error);
  id = freight_journal_add_run (journal, "export", "local", spec, "/tmp/out.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  load = freight_journal_add_run (journal, "load", "https://x.my.salesforce.com", NULL, NULL,
                                  &error);
  g_assert_no_error (error);

  run = freight_journal_get_run (journal, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run->id, ==, id);
  g_assert_cmpstr (run->kind, ==, "export");
  g_assert_cmpstr (run->state, ==, FREIGHT_JOURNAL_STATE_RUNNING);
  g_assert_cmpstr (run->org, ==, "local");
  g_assert_cmpstr (run->output_path, ==, "/tmp/out.csv");
  g_assert_null (run->error_message);
  g_assert_cmpstr (json_object_get_string_member (run->spec, "query"), ==,
                   "SELECT Id FROM Account");
  g_assert_cmpint (json_object_get_int_member (run->spec, "page_size"), ==, 50000);
  g_assert_cmpint (run->created_at, >, 0);
  g_assert_false (freight_journal_run_is_finished (run));
  copy = freight_journal_run_copy (run);
  g_assert_cmpstr (json_object_get_string_member (copy->spec, "query"), ==,
                   "SELECT Id FROM Account");

  g_assert_true (freight_journal_set_run_state (journal, load, FREIGHT_JOURNAL_STATE_FAILED,
                                                "no network", &error));
  g_assert_no_error (error);

  all = freight_journal_list_runs (journal, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  exports = freight_journal_list_runs (journal, "export", FALSE, &error);
  g_assert_cmpuint (exports->len, ==, 1);
  unfinished = freight_journal_list_runs (journal, NULL, TRUE, &error);
  g_assert_cmpuint (unfinished->len, ==, 1);
  g_assert_cmpint (((FreightJournalRun *) g_ptr_array_index (unfinished, 0))->id, ==, id);
  g_clear_pointer (&run, freight_journal_run_free);
  run = freight_journal_get_run (journal, load, &error);
  g_assert_cmpstr (run->error_message, ==, "no network");
  g_assert_true (freight_journal_run_is_finished (run));

  g_assert_null (freight_journal_get_run (journal, 9999, &error));
  g_assert_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (freight_journal_set_run_state (journal, 9999, "done", NULL, &error));
  g_assert_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_NOT_FOUND);
}

static void
test_steps_events (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightJournal) journal = freight_journal_open (f->path, &error);
  g_autoptr(JsonObject) first = json_object_new ();
  g_autoptr(JsonObject) second = json_object_new ();
  g_autoptr(FreightJournalStep) step = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 run;
  gint64 a;
  gint64 b;

  g_assert_no_error (error);
  run = freight_journal_add_run (journal, "export", NULL, NULL, NULL, &error);
  json_object_set_string_member (first, "locator", "MTAw");
  json_object_set_int_member (first, "bytes", 1234);
  a = freight_journal_put_step (journal, run, "query-job", "750A", "waiting", first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, >, 0);

  /* The same (kind, key) again replaces state and data, keeping the id. */
  json_object_set_null_member (second, "locator");
  json_object_set_int_member (second, "bytes", 5678);
  b = freight_journal_put_step (journal, run, "query-job", "750A", "done", second, &error);
  g_assert_no_error (error);
  g_assert_cmpint (b, ==, a);
  freight_journal_put_step (journal, run, "part", "1", "uploaded", NULL, &error);
  g_assert_no_error (error);

  step = freight_journal_get_step (journal, run, "query-job", "750A", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (step->state, ==, "done");
  g_assert_cmpint (json_object_get_int_member (step->data, "bytes"), ==, 5678);
  g_assert_true (json_object_get_null_member (step->data, "locator"));
  g_assert_cmpint (step->run_id, ==, run);
  g_assert_cmpint (step->updated_at, >=, step->created_at);

  steps = freight_journal_list_steps (journal, run, NULL, &error);
  g_assert_cmpuint (steps->len, ==, 2);
  g_clear_pointer (&steps, g_ptr_array_unref);
  steps = freight_journal_list_steps (journal, run, "part", &error);
  g_assert_cmpuint (steps->len, ==, 1);
  g_assert_cmpstr (((FreightJournalStep *) g_ptr_array_index (steps, 0))->key, ==, "1");

  g_assert_null (freight_journal_get_step (journal, run, "query-job", "750B", &error));
  g_assert_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (freight_journal_add_event (journal, run, "warning", "page 2 again", &error));
  g_assert_true (freight_journal_add_event (journal, run, "info", "done", &error));
  events = freight_journal_list_events (journal, run, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (((FreightJournalEvent *) g_ptr_array_index (events, 0))->message, ==,
                   "page 2 again");

  /* Deleting a run takes its steps and events along. */
  g_assert_true (freight_journal_delete_run (journal, run, &error));
  g_clear_pointer (&steps, g_ptr_array_unref);
  steps = freight_journal_list_steps (journal, run, NULL, &error);
  g_assert_cmpuint (steps->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = freight_journal_list_events (journal, run, &error);
  g_assert_cmpuint (events->len, ==, 0);
  g_assert_false (freight_journal_delete_run (journal, run, &error));
  g_assert_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_NOT_FOUND);
}

static void
test_transactions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightJournal) journal = freight_journal_open (f->path, &error);
  g_autoptr(GPtrArray) runs = NULL;
  gint64 kept;

  g_assert_no_error (error);

  g_assert_true (freight_journal_begin (journal, &error));
  freight_journal_add_run (journal, "export", NULL, NULL, NULL, &error);
  freight_journal_rollback (journal);
  runs = freight_journal_list_runs (journal, NULL, FALSE, &error);
  g_assert_cmpuint (runs->len, ==, 0);

  g_assert_true (freight_journal_begin (journal, &error));
  kept = freight_journal_add_run (journal, "export", NULL, NULL, NULL, &error);
  g_assert_true (freight_journal_begin (journal, &error));
  freight_journal_put_step (journal, kept, "query-job", "x", "created", NULL, &error);
  g_assert_true (freight_journal_commit (journal, &error));
  g_assert_true (freight_journal_commit (journal, &error));
  g_assert_no_error (error);
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = freight_journal_list_steps (journal, kept, NULL, &error);
  g_assert_cmpuint (runs->len, ==, 1);

  /* A step of a run that does not exist breaks the foreign key. */
  g_assert_cmpint (freight_journal_put_step (journal, 4242, "part", "1", "x", NULL, &error),
                   ==, 0);
  g_assert_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_FAILED);
}

static void
test_reopen_and_share (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightJournal) one = freight_journal_open (f->path, &error);
  g_autoptr(FreightJournal) two = NULL;
  g_autoptr(FreightJournalRun) run = NULL;
  gint64 id;

  g_assert_no_error (error);
  id = freight_journal_add_run (one, "export", "a", NULL, NULL, &error);

  /* A second opener (another process) sees the run and can change it. */
  two = freight_journal_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_journal_get_schema_version (two), ==,
                   freight_journal_get_schema_version (one));
  run = freight_journal_get_run (two, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (run->org, ==, "a");
  g_assert_true (freight_journal_set_run_state (two, id, "done", NULL, &error));
  g_clear_pointer (&run, freight_journal_run_free);
  run = freight_journal_get_run (one, id, &error);
  g_assert_cmpstr (run->state, ==, "done");
}

static void
test_refuses (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightJournal) journal = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *blocked = g_build_filename (f->dir, "file", "journal.db", NULL);
  g_autofree char *file = g_build_filename (f->dir, "file", NULL);
  sqlite3 *db = NULL;

  /* Written by a newer Freight. */
  journal = freight_journal_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&journal);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  journal = freight_journal_open (f->path, &error);
  g_assert_null (journal);
  g_assert_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "Update Freight"));
  g_clear_error (&error);

  /* Not a database at all. */
  g_file_set_contents (garbage, "this is not SQLite, but it is long enough to be read "
                       "as a header of one and then refused by it.............", -1, NULL);
  journal = freight_journal_open (garbage, &error);
  g_assert_null (journal);
  g_assert_true (error->domain == FREIGHT_JOURNAL_ERROR);
  g_clear_error (&error);

  /* A folder that cannot be made. */
  g_file_set_contents (file, "", -1, NULL);
  journal = freight_journal_open (blocked, &error);
  g_assert_null (journal);
  g_assert_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_OPEN);
}

static gpointer
writer_thread (gpointer data)
{
  FreightJournal *journal = data;
  gint64 run = freight_journal_add_run (journal, "load", NULL, NULL, NULL, NULL);

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *key = g_strdup_printf ("%u", i);

      g_assert_cmpint (freight_journal_put_step (journal, run, "part", key, "done", NULL,
                                                 NULL), >, 0);
    }
  return GINT_TO_POINTER ((int) run);
}

static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightJournal) journal = freight_journal_open (f->path, &error);
  GThread *threads[4];

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("writer", writer_thread, journal);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      gint64 run = GPOINTER_TO_INT (g_thread_join (threads[i]));
      g_autoptr(GPtrArray) steps = freight_journal_list_steps (journal, run, NULL, &error);

      g_assert_cmpuint (steps->len, ==, 50);
    }
}

/* One process, or object, at a time goes on with a run; the claim ends with its holder,
 * a killed process too (the child here). */
static void
test_claims (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightJournal) journal = freight_journal_open (f->path, &error);
  g_autoptr(FreightJournal) other = NULL;
  g_autoptr(JsonObject) spec = json_object_new ();
  gint64 id;
  int claim;
  int again;
  GPid pid;

  g_assert_no_error (error);
  id = freight_journal_add_run (journal, "load", "local", spec, "/tmp/out", &error);
  g_assert_no_error (error);

  claim = freight_journal_claim_run (journal, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (claim, >=, 0);

  /* Another object of the journal, as another window would have. */
  other = freight_journal_open (f->path, &error);
  g_assert_no_error (error);
  again = freight_journal_claim_run (other, id, &error);
  g_assert_error (error, FREIGHT_JOURNAL_ERROR, FREIGHT_JOURNAL_ERROR_BUSY);
  g_assert_cmpint (again, ==, -1);
  g_assert_nonnull (strstr (error->message, "another Freight window or process"));
  g_clear_error (&error);

  freight_journal_release_run (claim);
  again = freight_journal_claim_run (other, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, >=, 0);
  freight_journal_release_run (again);

  /* A process holding the claim is killed: the run is free again. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      while (freight_journal_claim_run (other, id, NULL) < 0)
        g_usleep (1000);
      pause ();
      _exit (0);
    }
  for (int i = 0; i < 500; i++)
    {
      again = freight_journal_claim_run (journal, id, NULL);
      if (again < 0)
        break;
      freight_journal_release_run (again);
      g_usleep (10000);
    }
  g_assert_cmpint (again, ==, -1);
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  again = freight_journal_claim_run (journal, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, >=, 0);
  freight_journal_release_run (again);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/freight/journal/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("create", test_create);
  ADD ("runs", test_runs);
  ADD ("steps-events", test_steps_events);
  ADD ("transactions", test_transactions);
  ADD ("reopen-and-share", test_reopen_and_share);
  ADD ("refuses", test_refuses);
  ADD ("threads", test_threads);
  ADD ("claims", test_claims);

  return g_test_run ();
}
