/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-wizard-run"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-results-page.h"
#include "freight-review-page.h"
#include "freight-run-page.h"
#include "ui-notifications.h"
#include "wizard-fixture.h"

/* Loads run from the window against a real freight-local-org: an insert of the bundled
 * sample accounts through every step, its counts checked against the org; a slow load
 * cancelled after a confirmation; a slow load kept running after its window was closed,
 * with the desktop notification at its end and the window back on activation. */

/* The local org throttles every hundred rows of a job: parts have more. */
#define SLOW_ROWS_PER_SECOND "--rows-per-second=50"
#define SLOW_ROWS            800

static FreightWindow *window;

static FreightWizard *
get_wizard (void)
{
  return freight_window_get_wizard (window);
}

static GtkWidget *
get_page (GType type)
{
  GtkWidget *page = ui_test_find_widget (GTK_WIDGET (window), type, NULL, NULL);

  g_assert_nonnull (page);
  return page;
}

static const char *
get_title (void)
{
  GtkWidget *title = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL,
                                          NULL);

  return adw_window_title_get_title (ADW_WINDOW_TITLE (title));
}

static void
start (void)
{
  GtkWidget *page = get_page (FREIGHT_TYPE_REVIEW_PAGE);

  g_assert_true (gtk_widget_activate_action (page, "review.start", NULL));
  ui_test_settle ();
  g_assert_cmpstr (get_title (), ==, "Run");
  g_assert_true (freight_wizard_get_load_running (get_wizard ()));
  /* No way back while it runs. */
  g_assert_false (gtk_widget_is_sensitive (wizard_fixture_find_button (GTK_WIDGET (window),
                                                                      "win.back")));
}

/* How many records of @object the org holds, asked over its REST API. */
static guint64
count_records (LoHarness  *org,
               const char *object)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = lo_harness_password_login (org, &error);
  g_autofree char *path = NULL;
  g_autoptr(LoResponse) response = NULL;
  g_autoptr(JsonNode) json = NULL;

  g_assert_no_error (error);
  path = g_strdup_printf ("/services/data/v66.0/query?q=SELECT+Id+FROM+%s", object);
  response = lo_harness_request (org, "GET", path, NULL, NULL, 0, token);
  g_assert_cmpuint (response->status, ==, 200);
  json = lo_response_get_json (response);
  return (guint64) json_object_get_int_member (json_node_get_object (json), "totalSize");
}

static guint
count_job_rows (void)
{
  GtkWidget *list = ui_test_find_widget (get_page (FREIGHT_TYPE_RUN_PAGE), GTK_TYPE_LIST_BOX,
                                         "name", "jobs");
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      n++;
  return n;
}

static void
test_insert (void)
{
  g_autoptr(LoHarness) org = wizard_fixture_start_org ();
  g_autoptr(FreightOrgSession) session = wizard_fixture_connect (org);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "samples",
                                                 "accounts.csv", NULL);
  g_autofree char *count = NULL;
  FreightWizard *wizard;
  FreightLoad *load;
  guint64 before;
  guint64 after;
  guint64 sent;

  /* Parts of ten rows: three jobs for the 24 accounts. */
  g_settings_set_int (ui_test_get_settings (), "rows-per-part", 10);
  window = wizard_fixture_open_window (session, 800, 600);
  wizard = get_wizard ();
  before = count_records (org, "Account");

  wizard_fixture_prepare_insert (window, path, "run-insert");
  start ();
  load = freight_wizard_get_load (wizard);
  g_assert_cmpstr (freight_load_description_get_object_name (
                     freight_load_get_description (load)), ==, "Account");
  g_assert_cmpint (freight_load_description_get_operation (freight_load_get_description (load)),
                   ==, FREIGHT_OPERATION_INSERT);
  wizard_fixture_wait_load (wizard);

  /* The run page's counts are the org's. */
  g_assert_null (freight_wizard_get_load_error (wizard));
  g_assert_cmpint (freight_load_get_state (load), ==, FREIGHT_LOAD_STATE_FINISHED);
  after = count_records (org, "Account");
  g_assert_cmpuint (freight_load_get_rows_succeeded (load), ==, after - before);
  g_assert_cmpuint (after - before, >, 0);
  sent = freight_load_get_rows_total (load) - freight_load_get_rows_skipped (load);
  g_assert_cmpuint (freight_load_get_rows_processed (load), ==, sent);
  count = g_strdup_printf ("%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " rows processed",
                           sent, sent);
  g_assert_cmpstr (freight_run_page_get_count_text (
                     FREIGHT_RUN_PAGE (get_page (FREIGHT_TYPE_RUN_PAGE))), ==, count);
  g_assert_cmpuint (count_job_rows (), ==, 3);
  g_assert_cmpuint (freight_load_get_rows_succeeded (load) +
                    freight_load_get_rows_failed (load) +
                    freight_load_get_rows_unprocessed (load), ==, 24);

  /* The results step follows on its own; the Run page as it ended, for the record. */
  g_assert_cmpstr (get_title (), ==, "Results");
  wizard_fixture_screenshots (GTK_WIDGET (window), "run-insert-6-results");
  gtk_stack_set_visible_child_name (
    GTK_STACK (gtk_widget_get_ancestor (get_page (FREIGHT_TYPE_RUN_PAGE), GTK_TYPE_STACK)),
    "run");
  wizard_fixture_screenshots (GTK_WIDGET (window), "run-insert-5-run-done");

  g_settings_reset (ui_test_get_settings (), "rows-per-part");
  ui_test_close_window (GTK_WINDOW (window));
  lo_harness_stop (org);
}

/* A file of @n accounts, each with its own external ID. */
static char *
write_accounts (const char *name,
                guint       n)
{
  g_autoptr(GString) csv = g_string_new ("External ID,Account Name,Employees\n");

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (csv, "RUN-%05u,Run Test Account %u,%u\n", i, i, i % 500);
  return wizard_fixture_write_file (name, csv->str);
}

/* The rows of one of the load's result files, without its header. */
static guint64
count_lines (FreightLoad          *load,
             FreightResultFileKind kind)
{
  GFile *file = freight_load_get_result_file (load, kind);
  g_autofree char *contents = NULL;
  guint64 lines = 0;

  if (file == NULL || !g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL))
    return 0;
  for (const char *c = contents; *c != '\0'; c++)
    lines += *c == '\n';
  return lines > 0 ? lines - 1 : 0;
}

static gboolean
some_uploaded (gpointer wizard)
{
  FreightLoad *load = freight_wizard_get_load (wizard);

  return load != NULL && freight_load_get_rows_uploaded (load) > 0;
}

static void
test_cancel (void)
{
  const char *args[] = { SLOW_ROWS_PER_SECOND, NULL };
  g_autoptr(LoHarness) org = wizard_fixture_start_org_with (args);
  g_autoptr(FreightOrgSession) session = wizard_fixture_connect (org);
  g_autofree char *path = write_accounts ("cancel.csv", SLOW_ROWS);
  g_autofree char *screenshot = NULL;
  FreightWizard *wizard;
  FreightLoad *load;
  AdwMessageDialog *dialog;
  GtkWidget *page;
  guint64 before;

  g_settings_set_int (ui_test_get_settings (), "rows-per-part", 400);
  window = wizard_fixture_open_window (session, 800, 600);
  wizard = get_wizard ();
  before = count_records (org, "Account");
  wizard_fixture_prepare_insert (window, path, NULL);
  start ();
  load = freight_wizard_get_load (wizard);
  page = get_page (FREIGHT_TYPE_RUN_PAGE);

  /* Rows are uploaded and being processed, slowly. */
  g_assert_true (ui_test_wait_until (some_uploaded, wizard));
  ui_test_settle ();
  g_assert_true (freight_wizard_get_load_running (wizard));
  wizard_fixture_screenshots (GTK_WIDGET (window), "run-page-running");

  /* Cancel asks first; keeping on changes nothing. */
  g_assert_true (gtk_widget_activate_action (page, "run.cancel", NULL));
  dialog = wizard_fixture_wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cancel the Load?");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "cancel"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "keep");
  screenshot = ui_test_screenshot (GTK_WIDGET (dialog), "run-confirm-cancel");
  wizard_fixture_respond (dialog, "_Keep Loading");
  g_assert_true (freight_wizard_get_load_running (wizard));
  g_assert_cmpint (freight_load_get_state (load), ==, FREIGHT_LOAD_STATE_RUNNING);

  g_assert_true (gtk_widget_activate_action (page, "run.cancel", NULL));
  dialog = wizard_fixture_wait_for_dialog ();
  wizard_fixture_respond (dialog, "_Cancel Load");
  wizard_fixture_wait_load (wizard);

  /* Every row has its result; the rows never processed are unprocessed. */
  g_assert_cmpint (freight_load_get_state (load), ==, FREIGHT_LOAD_STATE_CANCELLED);
  for (guint i = 0; i < g_list_model_get_n_items (freight_load_get_jobs (load)); i++)
    {
      g_autoptr(FreightLoadJob) job = g_list_model_get_item (freight_load_get_jobs (load), i);

      g_test_message ("part %u: %s, %" G_GUINT64_FORMAT " rows, %" G_GUINT64_FORMAT
                      " processed, %" G_GUINT64_FORMAT " failed",
                      freight_load_job_get_part (job),
                      freight_load_job_state_to_string (freight_load_job_get_state (job)),
                      freight_load_job_get_rows (job), freight_load_job_get_rows_processed (job),
                      freight_load_job_get_rows_failed (job));
    }
  g_test_message ("total %" G_GUINT64_FORMAT ", succeeded %" G_GUINT64_FORMAT ", failed %"
                  G_GUINT64_FORMAT ", unprocessed %" G_GUINT64_FORMAT,
                  freight_load_get_rows_total (load), freight_load_get_rows_succeeded (load),
                  freight_load_get_rows_failed (load), freight_load_get_rows_unprocessed (load));
  /* The result files hold every row, and success.csv the records the org has now. */
  g_assert_cmpuint (count_lines (load, FREIGHT_RESULT_FILE_KIND_SUCCESS) +
                    count_lines (load, FREIGHT_RESULT_FILE_KIND_FAILED) +
                    count_lines (load, FREIGHT_RESULT_FILE_KIND_UNPROCESSED), ==, SLOW_ROWS);
  g_assert_cmpuint (count_lines (load, FREIGHT_RESULT_FILE_KIND_UNPROCESSED), >, 0);
  g_assert_cmpuint (count_lines (load, FREIGHT_RESULT_FILE_KIND_SUCCESS), ==,
                    count_records (org, "Account") - before);
  /* The load's counts say the same. */
  g_assert_cmpuint (freight_load_get_rows_succeeded (load) + freight_load_get_rows_failed (load) +
                    freight_load_get_rows_unprocessed (load), ==, SLOW_ROWS);
  g_assert_cmpuint (freight_load_get_rows_succeeded (load), ==,
                    count_records (org, "Account") - before);
  g_assert_cmpstr (get_title (), ==, "Results");
  /* The Results step (FreightResultsPage) says the load was cancelled. */
  wizard_fixture_wait_property (ui_test_find_widget (GTK_WIDGET (window),
                                                     FREIGHT_TYPE_RESULTS_PAGE, NULL, NULL),
                                "busy", FALSE);
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "label",
                                         "Load Cancelled"));

  g_settings_reset (ui_test_get_settings (), "rows-per-part");
  ui_test_close_window (GTK_WINDOW (window));
  lo_harness_stop (org);
}

static gboolean
window_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_close_keep_running (void)
{
  const char *args[] = { SLOW_ROWS_PER_SECOND, NULL };
  g_autoptr(LoHarness) org = wizard_fixture_start_org_with (args);
  g_autoptr(FreightOrgSession) session = wizard_fixture_connect (org);
  g_autofree char *path = write_accounts ("background.csv", SLOW_ROWS / 2);
  g_autofree char *screenshot = NULL;
  FreightWizard *wizard;
  FreightLoad *load;
  AdwMessageDialog *dialog;
  guint n_notifications;

  window = wizard_fixture_open_window (session, 800, 600);
  wizard = get_wizard ();
  wizard_fixture_prepare_insert (window, path, NULL);
  start ();
  load = freight_wizard_get_load (wizard);
  n_notifications = ui_notifications_get_n ();

  /* Closing asks; "Don't Close" keeps the window. */
  gtk_window_close (GTK_WINDOW (window));
  dialog = wizard_fixture_wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Keep the Load Running?");
  screenshot = ui_test_screenshot (GTK_WIDGET (dialog), "run-confirm-close");
  wizard_fixture_respond (dialog, "_Don’t Close");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (freight_wizard_get_load_running (wizard));

  /* "Keep Running" hides the window; the load goes on. */
  gtk_window_close (GTK_WINDOW (window));
  dialog = wizard_fixture_wait_for_dialog ();
  wizard_fixture_respond (dialog, "_Keep Running");
  g_assert_true (ui_test_wait_until (window_hidden, window));
  g_assert_true (freight_wizard_get_load_running (wizard));
  g_assert_cmpint (freight_load_get_state (load), ==, FREIGHT_LOAD_STATE_RUNNING);

  /* Its end is told by a notification. */
  wizard_fixture_wait_load (wizard);
  g_assert_cmpint (freight_load_get_state (load), ==, FREIGHT_LOAD_STATE_FINISHED);
  g_assert_cmpuint (ui_notifications_get_n (), ==, n_notifications + 1);
  g_assert_cmpstr (ui_notifications_get_summary (n_notifications), ==, "Load Finished");
  g_assert_cmpstr (ui_notifications_get_body (n_notifications), ==,
                   "400 rows succeeded, 0 failed");
  g_assert_cmpuint (count_records (org, "Account"), >=, 400);

  /* Activating Freight brings the window back, on the results. */
  g_application_activate (G_APPLICATION (ui_test_get_application ()));
  ui_test_settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (get_title (), ==, "Results");

  ui_test_close_window (GTK_WINDOW (window));
  lo_harness_stop (org);
}

/* Closing the window during a load and choosing to cancel it: the window goes at once,
 * the load is cancelled in the background, and the window is destroyed once it has ended. */
static void
test_close_cancel (void)
{
  const char *args[] = { SLOW_ROWS_PER_SECOND, NULL };
  g_autoptr(LoHarness) org = wizard_fixture_start_org_with (args);
  g_autoptr(FreightOrgSession) session = wizard_fixture_connect (org);
  g_autofree char *path = write_accounts ("closed.csv", SLOW_ROWS / 2);
  g_autoptr(FreightWizard) wizard = NULL;
  g_autoptr(FreightLoad) load = NULL;
  AdwMessageDialog *dialog;
  gpointer alive;

  window = wizard_fixture_open_window (session, 800, 600);
  wizard = g_object_ref (get_wizard ());
  wizard_fixture_prepare_insert (window, path, NULL);
  start ();
  load = g_object_ref (freight_wizard_get_load (wizard));
  g_assert_true (ui_test_wait_until (some_uploaded, wizard));

  alive = window;
  g_object_add_weak_pointer (G_OBJECT (window), &alive);
  gtk_window_close (GTK_WINDOW (window));
  dialog = wizard_fixture_wait_for_dialog ();
  wizard_fixture_respond (dialog, "_Cancel Load");
  g_assert_true (alive == NULL || !gtk_widget_get_visible (alive));
  g_assert_true (freight_load_get_state (load) == FREIGHT_LOAD_STATE_CANCELLING ||
                 freight_load_get_state (load) == FREIGHT_LOAD_STATE_CANCELLED);

  wizard_fixture_wait_load (wizard);
  g_assert_cmpint (freight_load_get_state (load), ==, FREIGHT_LOAD_STATE_CANCELLED);
  g_assert_true (ui_test_wait_until (is_null, &alive));
  window = NULL;
  lo_harness_stop (org);
}

/* Salesforce refuses every job: the load stops, the Run page says why, and Back leads to the
 * review to try again. */
static void
test_failed (void)
{
  const char *args[] = { "--faults=http500@create=1", NULL };
  g_autoptr(LoHarness) org = wizard_fixture_start_org_with (args);
  g_autoptr(FreightOrgSession) session = wizard_fixture_connect (org);
  g_autofree char *path = write_accounts ("refused.csv", 10);
  FreightWizard *wizard;
  GtkWidget *page;
  const char *message;

  window = wizard_fixture_open_window (session, 800, 600);
  wizard = get_wizard ();
  wizard_fixture_prepare_insert (window, path, NULL);
  start ();
  wizard_fixture_wait_load (wizard);

  g_assert_nonnull (freight_wizard_get_load_error (wizard));
  g_assert_cmpint (freight_load_get_state (freight_wizard_get_load (wizard)), ==,
                   FREIGHT_LOAD_STATE_FAILED);
  g_assert_cmpstr (get_title (), ==, "Run");
  page = get_page (FREIGHT_TYPE_RUN_PAGE);
  message = wizard_fixture_find_label (page, "The load stopped: ");
  g_assert_nonnull (message);
  g_test_message ("%s", message);
  g_assert_true (gtk_widget_is_sensitive (wizard_fixture_find_button (GTK_WIDGET (window),
                                                                     "win.back")));
  wizard_fixture_screenshots (GTK_WIDGET (window), "run-page-failed");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  ui_test_settle ();
  g_assert_cmpstr (get_title (), ==, "Review");

  ui_test_close_window (GTK_WINDOW (window));
  lo_harness_stop (org);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/freight/ui/wizard/run/insert", test_insert);
  g_test_add_func ("/freight/ui/wizard/run/cancel", test_cancel);
  g_test_add_func ("/freight/ui/wizard/run/close-keep-running", test_close_keep_running);
  g_test_add_func ("/freight/ui/wizard/run/close-cancel", test_close_cancel);
  g_test_add_func ("/freight/ui/wizard/run/failed", test_failed);

  return ui_test_run ();
}
