/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-jobs-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "freight-export-window.h"
#include "freight-job-details-window.h"
#include "freight-jobs-page.h"
#include "freight-jobs-window.h"
#include "freight-runs-page.h"
#include "freight-ui-test.h"
#include "ui-org.h"

/* The jobs window against a real freight-local-org that lists two jobs a page and
 * processes 100 rows a second: the org's jobs in every state, filters, details, abort,
 * delete and result files; Freight's past runs, and resuming an interrupted export. */

static const char * const org_args[] = {
  "--jobs-page-size=2", "--rows-per-second=100", NULL,
};

#define CONTACTS_QUERY "SELECT Id, LastName, Email FROM Contact ORDER BY LastName"

static BulkFixture org;
static char *done_id;       /* a finished insert into Account, one row failed */
static char *failed_id;     /* a Failed insert (a column the object does not have) */
static char *open_id;       /* an Open insert into Contact, without data */
static char *query_id;      /* a finished query */
static char *lead_id;       /* a finished insert into Lead */
static char *slow_id;       /* an insert of 6,000 accounts: a minute at 100 rows a second */

#define N_JOBS 7

static void
create_jobs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) done = NULL;
  g_autoptr(FreightBulkJob) failed = NULL;
  g_autoptr(FreightBulkJob) open = NULL;
  g_autoptr(FreightBulkJob) query = NULL;
  g_autoptr(FreightBulkJob) finished = NULL;
  g_autoptr(FreightBulkJob) lead = NULL;
  g_autoptr(FreightBulkJob) contacts = NULL;
  g_autoptr(FreightBulkJob) slow = NULL;
  g_autofree char *contacts_csv = ui_org_contacts (10);
  g_autofree char *accounts = bulk_fixture_accounts (1, 6000);

  done = bulk_fixture_load (&org, "Account", FREIGHT_BULK_OPERATION_INSERT, NULL,
                            "Name,External_Id__c\nAlpha,J-1\n,J-2\n");
  done_id = g_strdup (freight_bulk_job_get_id (done));
  failed = bulk_fixture_load (&org, "Account", FREIGHT_BULK_OPERATION_INSERT, NULL,
                              "Nope__c\nx\n");
  failed_id = g_strdup (freight_bulk_job_get_id (failed));
  lead = bulk_fixture_load (&org, "Lead", FREIGHT_BULK_OPERATION_INSERT, NULL,
                            "LastName,Company\nDoe,ACME\n");
  lead_id = g_strdup (freight_bulk_job_get_id (lead));
  contacts = bulk_fixture_load (&org, "Contact", FREIGHT_BULK_OPERATION_INSERT, NULL,
                                contacts_csv);
  g_assert_cmpint (freight_bulk_job_get_number_records_failed (contacts), ==, 0);
  open = freight_bulk_client_create_ingest_job (org.client, "Contact",
                                                FREIGHT_BULK_OPERATION_INSERT, NULL, ',',
                                                FREIGHT_CSV_LINE_ENDING_LF, NULL, NULL, &error);
  g_assert_no_error (error);
  open_id = g_strdup (freight_bulk_job_get_id (open));
  query = freight_bulk_client_create_query_job (org.client, "SELECT Name FROM Lead",
                                                FREIGHT_BULK_OPERATION_QUERY, ',',
                                                FREIGHT_CSV_LINE_ENDING_LF, NULL, &error);
  g_assert_no_error (error);
  query_id = g_strdup (freight_bulk_job_get_id (query));
  finished = freight_bulk_client_wait_for_job (org.client, FREIGHT_BULK_JOB_KIND_QUERY,
                                               query_id, 10, 50, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  slow = ui_org_start_job (&org, "Account", accounts);
  slow_id = g_strdup (freight_bulk_job_get_id (slow));
}

static GtkWidget *
open_jobs_window (void)
{
  FreightWindow *main_window = ui_org_main_window (&org);
  GtkWidget *window;

  gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-jobs", NULL);
  window = GTK_WIDGET (ui_test_wait_for_window (FREIGHT_TYPE_JOBS_WINDOW));
  g_assert_true (freight_jobs_window_get_session (FREIGHT_JOBS_WINDOW (window)) ==
                 org.session);
  return window;
}

static FreightJobsPage *
get_jobs_page (GtkWidget *window)
{
  GtkWidget *page = ui_test_find_widget (window, FREIGHT_TYPE_JOBS_PAGE, NULL, NULL);

  g_assert_nonnull (page);
  return FREIGHT_JOBS_PAGE (page);
}

static FreightRunsPage *
get_runs_page (GtkWidget *window)
{
  GtkWidget *page = ui_test_find_widget (window, FREIGHT_TYPE_RUNS_PAGE, NULL, NULL);

  g_assert_nonnull (page);
  return FREIGHT_RUNS_PAGE (page);
}

static gboolean
jobs_listed (gpointer data)
{
  FreightJobs *jobs = freight_jobs_page_get_jobs (data);

  return !freight_jobs_get_loading (jobs) && freight_jobs_get_n_all (jobs) >= N_JOBS - 1;
}

static GtkSelectionModel *
get_table (GtkWidget *window)
{
  GtkWidget *view = ui_test_find_widget (window, GTK_TYPE_COLUMN_VIEW, NULL, NULL);

  g_assert_nonnull (view);
  return gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
}

static guint
table_rows (GtkWidget *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (get_table (window)));
}

static void
select_job (GtkWidget  *window,
            const char *id)
{
  GtkSelectionModel *model = get_table (window);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(FreightBulkJob) job = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (g_str_equal (freight_bulk_job_get_id (job), id))
        {
          gtk_selection_model_select_item (model, i, TRUE);
          ui_test_settle ();
          return;
        }
    }
  g_error ("Job %s is not in the table", id);
}

static gboolean
action_enabled (GtkWidget  *widget,
                const char *name)
{
  GtkWidget *button = ui_test_find_widget (widget, GTK_TYPE_BUTTON, "action-name", name);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static const char *
visible_content (GtkWidget *window)
{
  GtkWidget *stack = ui_test_find_widget (GTK_WIDGET (get_jobs_page (window)), GTK_TYPE_STACK,
                                          "name", "jobs-content");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
content_is_empty (gpointer window)
{
  return g_strcmp0 (visible_content (window), "empty") == 0;
}

static gboolean
runs_loaded (gpointer page)
{
  return !freight_runs_page_get_loading (page);
}

static void
test_empty (void)
{
  BulkFixture empty = { 0 };
  FreightWindow *main_window;
  GtkWidget *window;
  GtkWidget *status;

  /* Nothing to show before an org is connected. */
  g_application_activate (G_APPLICATION (ui_test_get_application ()));
  main_window = FREIGHT_WINDOW (ui_test_wait_for_window (FREIGHT_TYPE_WINDOW));
  freight_window_set_session (main_window, NULL);
  gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-jobs", NULL);
  gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-export", NULL);
  ui_test_settle ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (ui_test_get_application ()))
                 ->next);

  bulk_fixture_start (&empty, NULL);
  main_window = ui_org_main_window (&empty);
  gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-jobs", NULL);
  window = GTK_WIDGET (ui_test_wait_for_window (FREIGHT_TYPE_JOBS_WINDOW));
  g_assert_true (ui_test_wait_until (content_is_empty, window));
  status = ui_test_find_widget (window, ADW_TYPE_STATUS_PAGE, "title", "No Bulk Jobs");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_is_drawable (status));
  ui_test_screenshots (window, "jobs-empty");

  /* No runs in the journal yet either. */
  freight_jobs_window_show_page (FREIGHT_JOBS_WINDOW (window), "runs");
  g_assert_true (ui_test_wait_until (runs_loaded, get_runs_page (window)));
  status = ui_test_find_widget (window, ADW_TYPE_STATUS_PAGE, "title", "No Runs Yet");
  g_assert_true (gtk_widget_is_drawable (status));
  ui_test_screenshots (window, "runs-empty");

  ui_test_close_window (GTK_WINDOW (window));
  freight_window_set_session (main_window, NULL);
  bulk_fixture_stop (&empty);
}

static FreightBulkJob *
model_job (GtkWidget  *window,
           const char *id)
{
  return freight_jobs_lookup (freight_jobs_page_get_jobs (get_jobs_page (window)), id);
}

static gboolean
counters_known (gpointer window)
{
  FreightBulkJob *job = model_job (window, done_id);

  return job != NULL && freight_bulk_job_get_number_records_processed (job) == 2;
}

/* The running job's counters are asked for and shown as they grow. */
static gboolean
slow_counted (gpointer window)
{
  FreightBulkJob *job = model_job (window, slow_id);
  JsonObject *json = job != NULL ? freight_bulk_job_get_json (job) : NULL;

  return json != NULL && json_object_has_member (json, "numberRecordsProcessed");
}

static void
test_list (void)
{
  GtkWidget *window = open_jobs_window ();
  FreightJobsPage *page = get_jobs_page (window);
  GtkWidget *view;
  GListModel *columns;
  const char *titles[] = {
    "Job ID", "Object", "Operation", "State", "Created", "Processed", "Failed", "API",
    "Created By",
  };

  /* Every job of every listing page, newest first; counters as the rows show. */
  g_assert_true (ui_test_wait_until (jobs_listed, page));
  g_assert_cmpuint (freight_jobs_get_n_all (freight_jobs_page_get_jobs (page)), ==, N_JOBS);
  g_assert_cmpuint (table_rows (window), ==, N_JOBS);
  g_assert_cmpstr (visible_content (window), ==, "list");
  g_assert_true (ui_test_wait_until (counters_known, window));
  g_assert_cmpint (freight_bulk_job_get_number_records_failed (model_job (window, done_id)), ==,
                   1);
  g_assert_cmpint (freight_bulk_job_get_state (model_job (window, failed_id)), ==,
                   FREIGHT_BULK_JOB_STATE_FAILED);
  g_assert_true (ui_test_wait_until (slow_counted, window));

  view = ui_test_find_widget (window, GTK_TYPE_COLUMN_VIEW, NULL, NULL);
  columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[i]);
    }

  /* Nothing selected, nothing to do to a job. */
  g_assert_null (freight_jobs_page_get_selected (page));
  g_assert_false (action_enabled (window, "jobs.abort"));
  g_assert_false (action_enabled (window, "jobs.details"));

  ui_test_screenshots (window, "jobs");

  /* A finished job can be looked at but not aborted; an open one can be aborted. */
  select_job (window, done_id);
  g_assert_true (action_enabled (window, "jobs.details"));
  g_assert_false (action_enabled (window, "jobs.abort"));
  select_job (window, open_id);
  g_assert_true (action_enabled (window, "jobs.abort"));
  ui_test_screenshots (window, "jobs-selected");
}

static GtkDropDown *
get_dropdown (GtkWidget  *window,
              const char *tooltip)
{
  GtkWidget *dropdown = ui_test_find_widget (window, GTK_TYPE_DROP_DOWN, "tooltip-text",
                                             tooltip);

  g_assert_nonnull (dropdown);
  return GTK_DROP_DOWN (dropdown);
}

static void
select_string (GtkDropDown *dropdown,
               const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), text))
        {
          gtk_drop_down_set_selected (dropdown, i);
          ui_test_settle ();
          return;
        }
    }
  g_error ("“%s” is not in the drop-down", text);
}

static void
test_filters (void)
{
  GtkWidget *window = open_jobs_window ();
  GtkDropDown *state = get_dropdown (window, "Show jobs in this state");
  GtkDropDown *object = get_dropdown (window, "Show jobs on this object");

  g_assert_true (ui_test_wait_until (jobs_listed, get_jobs_page (window)));

  /* By state: the one Failed job. */
  select_string (state, "Failed");
  g_assert_cmpuint (table_rows (window), ==, 1);
  select_string (state, "All States");
  g_assert_cmpuint (table_rows (window), ==, N_JOBS);

  /* By object: the load and the query on Lead; with a state, the Complete ones of Account
   * (the insert with a failed row). */
  select_string (object, "Lead");
  g_assert_cmpuint (table_rows (window), ==, 2);
  select_string (object, "Account");
  select_string (state, "Complete");
  g_assert_cmpuint (table_rows (window), ==, 1);
  ui_test_screenshots (window, "jobs-filtered");

  /* Nothing matches: said so, and the filters can be cleared. */
  select_string (state, "Aborted");
  select_string (object, "Contact");
  g_assert_cmpuint (table_rows (window), ==, 0);
  g_assert_cmpstr (visible_content (window), ==, "no-match");
  ui_test_screenshots (window, "jobs-no-match");
  gtk_widget_activate_action (GTK_WIDGET (get_jobs_page (window)), "jobs.clear-filters", NULL);
  ui_test_settle ();
  g_assert_cmpuint (table_rows (window), ==, N_JOBS);
  ui_test_close_window (GTK_WINDOW (window));
}

static void
test_details (void)
{
  GtkWidget *window = open_jobs_window ();
  GtkWindow *details;

  g_assert_true (ui_test_wait_until (jobs_listed, get_jobs_page (window)));
  g_assert_true (ui_test_wait_until (counters_known, window));
  select_job (window, done_id);
  gtk_widget_activate_action (GTK_WIDGET (get_jobs_page (window)), "jobs.details", NULL);
  details = ui_test_wait_for_window (FREIGHT_TYPE_JOB_DETAILS_WINDOW);
  ui_test_settle ();
  ui_test_screenshots (GTK_WIDGET (details), "job-details");
  ui_test_close_window (details);
  ui_test_close_window (GTK_WINDOW (window));
}

static gboolean
file_has_rows (gpointer path)
{
  g_autofree char *text = NULL;

  return g_file_get_contents (path, &text, NULL, NULL) && strstr (text, "\n") != NULL;
}

static void
test_download (void)
{
  GtkWidget *window = open_jobs_window ();
  g_autofree char *folder = bulk_fixture_path (&org, "downloads");
  g_autofree char *success = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_true (ui_test_wait_until (jobs_listed, get_jobs_page (window)));
  g_assert_true (ui_test_wait_until (counters_known, window));
  select_job (window, done_id);
  g_assert_true (action_enabled (window, "jobs.download"));

  /* What the folder chooser's Download does. */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  _freight_jobs_page_download_to (get_jobs_page (window), done_id, folder);

  /* The job's files: the row that went in and the one that failed. */
  dir = g_dir_open (folder, 0, NULL);
  for (int i = 0; i < 500 && (success == NULL || failed == NULL); i++)
    {
      ui_test_settle ();
      g_dir_rewind (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          if (strstr (name, "success") != NULL && success == NULL)
            success = g_build_filename (folder, name, NULL);
          if (strstr (name, "fail") != NULL && failed == NULL)
            failed = g_build_filename (folder, name, NULL);
        }
      g_usleep (10000);
    }
  g_assert_nonnull (success);
  g_assert_nonnull (failed);
  g_assert_true (ui_test_wait_until (file_has_rows, success));
  g_assert_true (g_file_get_contents (success, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Alpha"));
  g_clear_pointer (&text, g_free);
  g_assert_true (ui_test_wait_until (file_has_rows, failed));
  g_assert_true (g_file_get_contents (failed, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "J-2"));
  ui_test_settle ();
  ui_test_screenshots (window, "jobs-downloaded");
  ui_test_close_window (GTK_WINDOW (window));
}

static gboolean
slow_aborted (gpointer window)
{
  FreightBulkJob *job = model_job (window, slow_id);

  return job != NULL && freight_bulk_job_get_state (job) == FREIGHT_BULK_JOB_STATE_ABORTED;
}

static void
test_abort (void)
{
  GtkWidget *window = open_jobs_window ();
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  g_assert_true (ui_test_wait_until (jobs_listed, get_jobs_page (window)));
  select_job (window, slow_id);
  g_assert_true (action_enabled (window, "jobs.abort"));

  /* Asked first; keeping it running changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (get_jobs_page (window)), "jobs.abort", NULL);
  dialog = ui_org_wait_for_message_dialog ();
  ui_test_screenshots (dialog, "jobs-abort-confirm");
  ui_org_respond (dialog, "_Keep Running");
  job = freight_bulk_client_get_job (org.client, FREIGHT_BULK_JOB_KIND_INGEST, slow_id, NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_bulk_job_get_state (job), ==, FREIGHT_BULK_JOB_STATE_IN_PROGRESS);
  g_clear_object (&job);

  gtk_widget_activate_action (GTK_WIDGET (get_jobs_page (window)), "jobs.abort", NULL);
  dialog = ui_org_wait_for_message_dialog ();
  ui_org_respond (dialog, "_Abort Job");
  g_assert_true (ui_test_wait_until (slow_aborted, window));
  job = freight_bulk_client_get_job (org.client, FREIGHT_BULK_JOB_KIND_INGEST, slow_id, NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_bulk_job_get_state (job), ==, FREIGHT_BULK_JOB_STATE_ABORTED);
  g_assert_cmpint (freight_bulk_job_get_number_records_processed (job), <, 6000);
  g_assert_false (action_enabled (window, "jobs.abort"));
  ui_test_settle ();
  ui_test_screenshots (window, "jobs-aborted");
  ui_test_close_window (GTK_WINDOW (window));
}

static gboolean
export_done (gpointer window)
{
  return g_strcmp0 (freight_export_window_get_page (window), "done") == 0;
}

static gboolean
runs_listed (gpointer page)
{
  return !freight_runs_page_get_loading (page) && freight_runs_page_get_n_runs (page) >= 2;
}

/* Freight's past runs: a finished export with its folder, an interrupted one with Resume,
 * which continues it in the export window to the same file as the org's records. */
static void
test_runs (void)
{
  GtkWidget *window = open_jobs_window ();
  FreightRunsPage *runs = get_runs_page (window);
  g_autofree char *done_path = bulk_fixture_path (&org, "contacts-done.csv");
  g_autofree char *path = bulk_fixture_path (&org, "contacts.csv");
  const char * const fields[] = { "Id", "LastName", "Email", NULL };
  g_autoptr(JsonArray) records = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  FreightExportWindow *export;
  GtkWidget *resume;
  gint64 run_id;

  ui_org_add_export_run (&org, CONTACTS_QUERY, "Contact", done_path, 4, 0);
  run_id = ui_org_add_export_run (&org, CONTACTS_QUERY, "Contact", path, 4, 1);

  freight_jobs_window_show_page (FREIGHT_JOBS_WINDOW (window), "runs");
  freight_runs_page_reload (runs);
  g_assert_true (ui_test_wait_until (runs_listed, runs));
  ui_test_settle ();
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (runs), GTK_TYPE_LABEL, "label",
                                         "Interrupted"));
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (runs), GTK_TYPE_LABEL, "label", "Done"));
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (runs), GTK_TYPE_BUTTON, "tooltip-text",
                                         "Open Folder"));
  resume = ui_test_find_widget (GTK_WIDGET (runs), GTK_TYPE_BUTTON, "label", "_Resume");
  g_assert_nonnull (resume);
  g_assert_true (gtk_widget_is_sensitive (resume));
  ui_test_screenshots (window, "runs");

  /* Resume: the export window continues it from its last page to the end. */
  g_signal_emit_by_name (resume, "clicked");
  export = FREIGHT_EXPORT_WINDOW (ui_test_wait_for_window (FREIGHT_TYPE_EXPORT_WINDOW));
  g_assert_true (ui_test_wait_until (export_done, export));
  g_assert_cmpint (freight_export_get_run_id (freight_export_window_get_export (export)), ==,
                   run_id);
  records = ui_org_rest_records (&org, CONTACTS_QUERY, FALSE);
  expected = ui_org_records_csv (records, fields);
  g_assert_true (g_file_get_contents (path, &got, NULL, NULL));
  ui_org_assert_same_lines (got, expected);
  ui_test_close_window (GTK_WINDOW (export));

  /* Both are done now. */
  freight_runs_page_reload (runs);
  g_assert_true (ui_test_wait_until (runs_listed, runs));
  ui_test_settle ();
  g_assert_null (ui_test_find_widget (GTK_WIDGET (runs), GTK_TYPE_LABEL, "label",
                                      "Interrupted"));
  ui_test_screenshots (window, "runs-finished");
  ui_test_close_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  bulk_fixture_start (&org, org_args);
  create_jobs ();

  g_test_add_func ("/freight/ui/jobs/empty", test_empty);
  g_test_add_func ("/freight/ui/jobs/list", test_list);
  g_test_add_func ("/freight/ui/jobs/filters", test_filters);
  g_test_add_func ("/freight/ui/jobs/details", test_details);
  g_test_add_func ("/freight/ui/jobs/download", test_download);
  g_test_add_func ("/freight/ui/jobs/abort", test_abort);
  g_test_add_func ("/freight/ui/jobs/runs", test_runs);

  status = ui_test_run ();
  bulk_fixture_stop (&org);
  return status;
}
