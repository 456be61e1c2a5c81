/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-resume"

#include "config.h"

#include <signal.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "freight-jobs-window.h"
#include "freight-results-page.h"
#include "freight-resumer.h"
#include "freight-runs-page.h"
#include "freight-ui-test.h"
#include "ui-notifications.h"
#include "ui-org.h"

/* A load and an export killed in their middle go on when Freight starts: freight-cli load (the same
 * journal as the app, in the session's data folder) is killed with SIGKILL while its jobs
 * run on a slow freight-local-org; then the app connects to that org and continues the
 * load by itself, with a toast in the main window and the progress on the runs page, to
 * its end: every source row in exactly one result file, every record in the org once. */

#define N_ROWS 2400
#define CONTACTS_QUERY "SELECT Id, LastName, Email FROM Contact ORDER BY LastName"

static const char * const org_args[] = {
  "--rows-per-second=20", NULL,
};

static BulkFixture org;

static FreightJournal *
open_journal (void)
{
  g_autofree char *path = freight_journal_get_default_path ();
  g_autoptr(GError) error = NULL;
  FreightJournal *journal = freight_journal_open (path, &error);

  g_assert_no_error (error);
  return journal;
}

static FreightJournalRun *
only_load_run (gboolean unfinished)
{
  g_autoptr(FreightJournal) journal = open_journal ();
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  runs = freight_journal_list_runs (journal, FREIGHT_LOAD_RUN_KIND, unfinished, &error);
  g_assert_no_error (error);
  if (runs->len == 0)
    return NULL;
  g_assert_cmpuint (runs->len, ==, 1);
  return freight_journal_run_copy (g_ptr_array_index (runs, 0));
}

/* Starts freight-cli load of @file and kills it once its first jobs have some rows. */
static void
load_and_kill (const char *file,
               const char *output)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("FREIGHT_CLI");
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gint64 started = 0;

  g_assert_nonnull (cli);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "FREIGHT_INSTANCE_URL",
                                lo_harness_get_url (org.org), TRUE);
  g_subprocess_launcher_setenv (launcher, "FREIGHT_ACCESS_TOKEN",
                                lo_harness_get_access_token (org.org), TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli, "load",
                                         "--object", "Account", "--operation", "insert",
                                         "--file", file, "--output-dir", output,
                                         "--part-rows", "300", "--jobs-in-flight", "2",
                                         "--no-preflight", NULL);
  g_assert_no_error (error);

  /* Killed a second and a half after the journal has the run: its jobs are running by then
   * (eight parts of 300 rows, two at a time, at 20 rows a second: a minute or more). */
  while (TRUE)
    {
      g_autoptr(FreightJournalRun) run = NULL;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (g_subprocess_get_identifier (process) == NULL)
        g_error ("freight-cli load ended before it was killed");
      run = only_load_run (TRUE);
      if (run != NULL && started == 0)
        started = g_get_monotonic_time ();
      if (started != 0 && g_get_monotonic_time () - started > 1500 * 1000)
        break;
      g_usleep (20000);
    }

  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
}

static gboolean
resume_started (gpointer resumer)
{
  return freight_resumer_get_n_running (resumer) > 0 ||
         freight_resumer_get_n_finished (resumer) > 0;
}

/* Both: the load and the export. */
static gboolean
resume_finished (gpointer resumer)
{
  return freight_resumer_get_n_running (resumer) == 0 &&
         freight_resumer_get_n_finished (resumer) == 2;
}

static gboolean
some_rows_processed (gpointer data)
{
  FreightResumer *resumer = data;
  g_autoptr(FreightJournalRun) run = only_load_run (FALSE);
  guint64 done = 0;
  guint64 total = 0;

  return run != NULL && freight_resumer_get_progress (resumer, run->id, &done, &total) &&
         total > 0 && done > 0;
}

/* ui_test_wait_until() for up to @seconds (a load of its own pace takes longer than the
 * usual wait). */
static gboolean
wait_long (GSourceFunc condition,
           gpointer    data,
           guint       seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      ui_test_settle ();
      g_usleep (20000);
    }
  return TRUE;
}

/* The "Freight Row" values of a result file, added to @rows; fails on one seen before. */
static guint
collect_rows (const char *dir,
              const char *name,
              GHashTable *rows)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(GError) error = NULL;
  int column = -1;
  guint n = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  header = g_strsplit (lines[0], ",", -1);
  for (guint i = 0; header[i] != NULL; i++)
    {
      g_strstrip (header[i]);
      if (g_str_equal (header[i], "\"Freight Row\"") || g_str_equal (header[i], "Freight Row"))
        column = (int) i;
    }
  g_assert_cmpint (column, >=, 0);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) values = NULL;
      char *value;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      values = g_strsplit (lines[i], ",", -1);
      g_assert_cmpuint (g_strv_length (values), >, (guint) column);
      value = g_strdup (values[column]);
      g_strdelimit (value, "\"", ' ');
      g_strstrip (value);
      g_assert_false (g_hash_table_contains (rows, value));
      g_hash_table_add (rows, value);
      n++;
    }
  return n;
}

static gint64
org_count (const char *soql)
{
  g_autofree char *escaped = g_uri_escape_string (soql, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/services/data/v%s/query?q=%s",
                                           FREIGHT_DEFAULT_API_VERSION, escaped);
  g_autoptr(LoResponse) response = lo_harness_get (org.org, path);
  g_autoptr(JsonNode) json = NULL;

  lo_assert_status (response, 200);
  json = lo_response_get_json (response);
  return json_object_get_int_member (json_node_get_object (json), "totalSize");
}

static gboolean
run_row_done (gpointer runs_page)
{
  return ui_test_find_widget (runs_page, GTK_TYPE_LABEL, "label", "Done") != NULL &&
         ui_test_find_widget (runs_page, GTK_TYPE_LABEL, "label", "Continuing") == NULL &&
         ui_test_find_widget (runs_page, GTK_TYPE_LABEL, "label", "Interrupted") == NULL;
}

/* A results page shown in a window of its own, its run read. */
static gboolean
results_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *page = ui_test_find_widget (window, FREIGHT_TYPE_RESULTS_PAGE, NULL, NULL);

      if (page != NULL && !freight_results_page_get_busy (FREIGHT_RESULTS_PAGE (page)) &&
          freight_results_page_get_results (FREIGHT_RESULTS_PAGE (page)) != NULL)
        {
          *(GtkWidget **) data = page;
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_resume_killed_load (void)
{
  g_autofree char *csv = bulk_fixture_accounts (1, N_ROWS);
  g_autofree char *file = bulk_fixture_write (&org, "accounts.csv", csv);
  g_autofree char *output = bulk_fixture_path (&org, "results");
  FreightResumer *resumer = freight_application_get_resumer (ui_test_get_application ());
  g_autoptr(FreightJournalRun) killed = NULL;
  g_autoptr(FreightJournalRun) done = NULL;
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  FreightWindow *main_window;
  FreightJobsWindow *jobs;
  GtkWidget *runs_page;
  GtkWidget *resume_bar;
  GtkWidget *run_row;
  GtkWidget *results_button;
  GtkWidget *results_page;
  g_autofree char *contacts_csv = ui_org_contacts (10);
  g_autofree char *export_path = bulk_fixture_path (&org, "contacts.csv");
  const char * const contact_fields[] = { "Id", "LastName", "Email", NULL };
  g_autoptr(FreightBulkJob) contacts = NULL;
  g_autoptr(JsonArray) records = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autoptr(FreightJournal) journal = open_journal ();
  g_autoptr(FreightJournalRun) export_run = NULL;
  g_autoptr(GError) error = NULL;
  gint64 export_id;
  guint n_notifications;
  gboolean load_running;

  g_assert_cmpint (g_mkdir_with_parents (output, 0700), ==, 0);
  load_and_kill (file, output);
  killed = only_load_run (TRUE);
  g_assert_nonnull (killed);
  g_assert_false (freight_journal_run_is_finished (killed));
  g_assert_cmpuint (freight_resumer_get_n_finished (resumer), ==, 0);

  /* And an export killed in the middle of its second page. */
  contacts = bulk_fixture_load (&org, "Contact", FREIGHT_BULK_OPERATION_INSERT, NULL,
                                contacts_csv);
  g_assert_cmpint (freight_bulk_job_get_number_records_failed (contacts), ==, 0);
  export_id = ui_org_add_export_run (&org, CONTACTS_QUERY, "Contact", export_path, 4, 1);

  /* Freight starts on that org: the load goes on, and the window says so. */
  main_window = ui_org_main_window (&org);
  g_assert_true (ui_test_wait_until (resume_started, resumer));
  g_assert_true (wait_long (some_rows_processed, resumer, 90));

  /* The runs page shows it continuing, with its progress. */
  gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-runs", NULL);
  jobs = FREIGHT_JOBS_WINDOW (ui_test_wait_for_window (FREIGHT_TYPE_JOBS_WINDOW));
  runs_page = ui_test_find_widget (GTK_WIDGET (jobs), FREIGHT_TYPE_RUNS_PAGE, NULL, NULL);
  g_assert_nonnull (runs_page);
  g_assert_true (ui_test_wait_until ((GSourceFunc) freight_runs_page_get_n_runs, runs_page));
  resume_bar = NULL;
  for (int i = 0; i < 20 && resume_bar == NULL; i++)
    {
      ui_test_settle ();
      resume_bar = ui_test_find_widget (runs_page, GTK_TYPE_PROGRESS_BAR, NULL, NULL);
    }
  g_assert_nonnull (resume_bar);
  g_test_message ("progress: %s", gtk_progress_bar_get_text (GTK_PROGRESS_BAR (resume_bar)));
  g_assert_nonnull (ui_test_find_widget (runs_page, GTK_TYPE_LABEL, "label", "Continuing"));
  ui_test_screenshots (GTK_WIDGET (jobs), "runs-resuming");
  ui_test_screenshots (GTK_WIDGET (main_window), "resume-toast");

  /* Its windows closed, it goes on to its end, and a notification says so. */
  n_notifications = ui_notifications_get_n ();
  ui_test_close_window (GTK_WINDOW (jobs));
  ui_test_close_window (GTK_WINDOW (main_window));
  /* (A load of 2,400 rows at 40 rows a second is far from done by now.) */
  load_running = some_rows_processed (resumer);
  g_assert_true (wait_long (resume_finished, resumer, 120));
  ui_test_settle ();
  if (load_running)
    {
      g_assert_cmpuint (ui_notifications_get_n (), >=, n_notifications + 1);
      g_assert_cmpstr (ui_notifications_get_summary (ui_notifications_get_n () - 1), ==,
                       "The interrupted run “Insert into Account” is done");
    }
  else
    g_test_message ("The load ended before its windows closed: no notification to check");

  /* The export went on from its last page: the file is the org's contacts. */
  records = ui_org_rest_records (&org, CONTACTS_QUERY, FALSE);
  expected = ui_org_records_csv (records, contact_fields);
  g_assert_true (g_file_get_contents (export_path, &got, NULL, NULL));
  ui_org_assert_same_lines (got, expected);
  export_run = freight_journal_get_run (journal, export_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (export_run->state, ==, FREIGHT_JOURNAL_STATE_DONE);

  /* Every row accounted for, each record once. */
  g_assert_null (only_load_run (TRUE));
  done = only_load_run (FALSE);
  g_assert_cmpint (done->id, ==, killed->id);
  g_assert_cmpstr (done->state, ==, FREIGHT_JOURNAL_STATE_DONE);
  g_assert_nonnull (done->output_path);

  g_assert_cmpuint (collect_rows (done->output_path, "success.csv", rows), ==, N_ROWS);
  collect_rows (done->output_path, "failed.csv", rows);
  collect_rows (done->output_path, "unprocessed.csv", rows);
  g_assert_cmpuint (g_hash_table_size (rows), ==, N_ROWS);
  for (guint i = 1; i <= N_ROWS; i++)
    {
      g_autofree char *row = g_strdup_printf ("%u", i);

      g_assert_true (g_hash_table_contains (rows, row));
    }

  /* As many accounts as rows (each row in success.csv once: no record twice). */
  g_assert_cmpint (org_count ("SELECT Id FROM Account"), ==, N_ROWS);

  /* Freight opened again: the runs page has it done, with its rows and its folder. */
  main_window = ui_org_main_window (&org);
  gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-runs", NULL);
  jobs = FREIGHT_JOBS_WINDOW (ui_test_wait_for_window (FREIGHT_TYPE_JOBS_WINDOW));
  runs_page = ui_test_find_widget (GTK_WIDGET (jobs), FREIGHT_TYPE_RUNS_PAGE, NULL, NULL);
  g_assert_true (ui_test_wait_until (run_row_done, runs_page));
  run_row = ui_test_find_widget (runs_page, ADW_TYPE_ACTION_ROW, "title", "Insert into Account");
  g_assert_nonnull (run_row);
  g_assert_nonnull (ui_test_find_widget (runs_page, ADW_TYPE_ACTION_ROW, "title",
                                         "Export of Contact"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (run_row)),
                            "2,400 rows"));
  g_assert_nonnull (ui_test_find_widget (run_row, GTK_TYPE_BUTTON, "tooltip-text",
                                         "Open Folder"));
  ui_test_screenshots (GTK_WIDGET (jobs), "runs-resumed");

  /* Its results open from there, in a window of their own, without a new load to start. */
  results_button = ui_test_find_widget (run_row, GTK_TYPE_BUTTON, "label", "Resul_ts");
  g_assert_nonnull (results_button);
  g_signal_emit_by_name (results_button, "clicked");
  g_assert_true (ui_test_wait_until (results_shown, &results_page));
  g_assert_cmpuint (freight_run_results_get_n_succeeded (
                      freight_results_page_get_results (FREIGHT_RESULTS_PAGE (results_page))),
                    ==, N_ROWS);
  g_assert_false (gtk_widget_get_visible (
    GTK_WIDGET (gtk_widget_get_template_child (results_page, FREIGHT_TYPE_RESULTS_PAGE,
                                               "new_load_button"))));
  ui_test_screenshots (GTK_WIDGET (gtk_widget_get_root (results_page)), "runs-results");
  ui_test_close_window (GTK_WINDOW (gtk_widget_get_root (results_page)));
  ui_test_close_window (GTK_WINDOW (jobs));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  bulk_fixture_start (&org, org_args);

  g_test_add_func ("/freight/ui/resume/killed-load-and-export", test_resume_killed_load);

  status = ui_test_run ();
  bulk_fixture_stop (&org);
  return status;
}
