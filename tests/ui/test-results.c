/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "freight-results-page.h"
#include "freight-resumer.h"
#include "wizard-fixture.h"

/* The Results step against a real freight-local-org: an insert with failing rows (loaded
 * through the core in the set-up, to reach the results at once) → the counts → fix rows in
 * the grid (edit cells, fill a column of the rows one error filter shows) → Resubmit → the
 * counts and files updated. Screenshots of the summary and the grid, light and dark, at
 * 1280×800 and 800×600. */

static const char accounts[] =
  "Company,Key,Staff\n"
  "Acme,U-1,10\n"
  ",U-2,20\n"
  "Globex,U-3,lots\n"
  ",U-4,40\n"
  "Initech,U-5,50\n"
  "Umbrella,U-6,many\n";

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static FreightDescribeObject *
describe (FreightOrgSession *session,
          const char        *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) json = freight_org_session_describe_sobject (session, name, NULL,
                                                                     &error);
  FreightDescribeObject *object;

  g_assert_no_error (error);
  object = freight_describe_object_new_from_json (json, &error);
  g_assert_no_error (error);
  return object;
}

/* Inserts the accounts with the core's load pipeline; returns the run's folder. */
static GFile *
load_accounts (FreightOrgSession *session,
               FreightJournal    *journal)
{
  g_autofree char *path = wizard_fixture_write_file ("accounts.csv", accounts);
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFile) output = g_file_new_build_filename (g_get_home_dir (), "Freight", NULL);
  g_autoptr(FreightDescribeObject) object = describe (session, "Account");
  g_autoptr(FreightDescribeObject) user = describe (session, "User");
  g_autoptr(FreightMapping) mapping = freight_mapping_new ();
  g_autoptr(FreightLoadDescription) description = freight_load_description_new ();
  g_autoptr(FreightLoad) load = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *columns[] = { "Company", "Key", "Staff", NULL };
  FreightCsvDialect dialect;

  freight_mapping_set_object (mapping, object);
  freight_mapping_add_related_object (mapping, user);
  freight_mapping_set_operation (mapping, FREIGHT_OPERATION_INSERT);
  freight_mapping_set_source_columns (mapping, columns);
  freight_mapping_map_column (mapping, "Company", "Name", &error);
  g_assert_no_error (error);
  freight_mapping_map_column (mapping, "Key", "External_Id__c", &error);
  g_assert_no_error (error);
  freight_mapping_map_column (mapping, "Staff", "NumberOfEmployees", &error);
  g_assert_no_error (error);

  freight_csv_dialect_init (&dialect);
  freight_load_description_set_session (description, session);
  freight_load_description_set_org_name (description, "Local Org");
  freight_load_description_set_journal (description, journal);
  freight_load_description_set_object_name (description, "Account");
  freight_load_description_set_operation (description, FREIGHT_OPERATION_INSERT);
  freight_load_description_set_source_file (description, source);
  freight_load_description_set_source_dialect (description, &dialect);
  freight_load_description_set_mapping (description, mapping);
  freight_load_description_set_output_dir (description, output);
  freight_load_description_set_poll_interval (description, 200);
  load = freight_load_new (description);
  freight_load_run_async (load, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (freight_load_run_finish (load, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (freight_load_get_rows_failed (load), ==, 4);
  return g_object_ref (freight_load_get_run_dir (load));
}

static void
edit_cell (GtkWidget  *page,
           const char *old_text,
           const char *new_text)
{
  GtkWidget *cell = ui_test_find_widget (page, GTK_TYPE_EDITABLE_LABEL, "text", old_text);

  g_assert_nonnull (cell);
  gtk_editable_label_start_editing (GTK_EDITABLE_LABEL (cell));
  ui_test_settle ();
  gtk_editable_set_text (GTK_EDITABLE (cell), new_text);
  gtk_editable_label_stop_editing (GTK_EDITABLE_LABEL (cell), TRUE);
  ui_test_settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, new_text);
}

static gboolean
find_chooser (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        {
          *(GtkFileChooser **) data = GTK_FILE_CHOOSER (toplevel);
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  const char *path;
  const char *expected;
} CopyWait;

static gboolean
copy_complete (gpointer data)
{
  CopyWait *wait = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (wait->path, &contents, NULL, NULL) &&
         g_strcmp0 (contents, wait->expected) == 0;
}

/* Save a Copy of failed.csv, through the file chooser as the user would. */
static void
save_copy (GtkWidget *page,
           GFile     *run_dir)
{
  g_autofree char *dir = g_build_filename (g_get_home_dir (), "Documents", NULL);
  g_autofree char *path = g_build_filename (dir, "failed-copy.csv", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) original = g_file_get_child (run_dir, "failed.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  GtkFileChooser *chooser = NULL;

  g_assert_true (gtk_widget_activate_action (page, "results.save", "s", "failed.csv"));
  g_assert_true (ui_test_wait_until (find_chooser, &chooser));
  ui_test_settle ();
  gtk_file_chooser_set_current_folder (chooser, folder, &error);
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (chooser, "failed-copy.csv");
  ui_test_settle ();
  {
    g_autoptr(GFile) chosen = gtk_file_chooser_get_file (chooser);
    g_autofree char *chosen_path = chosen != NULL ? g_file_get_path (chosen) : NULL;

    g_assert_cmpstr (chosen_path, ==, path);
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_file_load_contents (original, NULL, &expected, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (expected, "U-4"));
  g_assert_true (ui_test_wait_until (copy_complete, &(CopyWait) { path, expected }));
}

static void
assert_label (GtkWidget  *page,
              const char *name,
              const char *text)
{
  GtkLabel *label = GTK_LABEL (gtk_widget_get_template_child (page,
                                                              FREIGHT_TYPE_RESULTS_PAGE,
                                                              name));

  g_assert_cmpstr (gtk_label_get_text (label), ==, text);
}

static void
test_results (void)
{
  g_autoptr(LoHarness) org = wizard_fixture_start_org ();
  g_autoptr(FreightOrgSession) session = wizard_fixture_connect (org);
  g_autofree char *journal_path = g_build_filename (g_get_user_data_dir (), "freight",
                                                    "journal.db", NULL);
  g_autofree char *journal_dir = g_path_get_dirname (journal_path);
  g_autoptr(FreightJournal) journal = NULL;
  g_autoptr(GFile) run_dir = NULL;
  g_autoptr(GError) error = NULL;
  FreightRunResults *results;
  FreightWindow *window;
  GtkWidget *page;
  GtkDropDown *filter;
  GtkDropDown *fill_column;
  GtkWidget *fill_entry;
  GListModel *groups;
  guint invalid_type = 0;

  g_assert_cmpint (g_mkdir_with_parents (journal_dir, 0700), ==, 0);
  journal = freight_journal_open (journal_path, &error);
  g_assert_no_error (error);
  run_dir = load_accounts (session, journal);

  window = wizard_fixture_open_window (session, 1280, 800);
  freight_window_show_results (window, run_dir, journal);
  page = ui_test_find_widget (GTK_WIDGET (window), FREIGHT_TYPE_RESULTS_PAGE, NULL, NULL);
  g_assert_nonnull (page);
  wizard_fixture_wait_property (page, "busy", FALSE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_STACK,
                                                     "visible-child-name", "results"))),
                   ==, "results");

  /* The counts. */
  results = freight_results_page_get_results (FREIGHT_RESULTS_PAGE (page));
  g_assert_cmpuint (freight_run_results_get_n_succeeded (results), ==, 2);
  g_assert_cmpuint (freight_run_results_get_n_failed (results), ==, 4);
  assert_label (page, "succeeded_label", "2");
  assert_label (page, "failed_label", "4");
  assert_label (page, "unprocessed_label", "0");
  groups = freight_run_results_get_failure_groups (results);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  wizard_fixture_screenshots (GTK_WIDGET (window), "results-page");

  /* Fix failed rows: the grid. */
  gtk_widget_activate_action (page, "results.fix", NULL);
  ui_test_settle ();
  g_assert_nonnull (ui_test_find_widget (page, GTK_TYPE_COLUMN_VIEW, NULL, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  ui_test_settle ();

  /* Row 2 gets its name in the grid. */
  edit_cell (page, "", "Fixed Two");

  /* The rows with a bad number: filtered, then the column filled. */
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(FreightFailureGroup) group = g_list_model_get_item (groups, i);

      if (g_str_equal (freight_failure_group_get_error_code (group),
                       "INVALID_TYPE_ON_FIELD_IN_RECORD"))
        invalid_type = i + 1;
    }
  g_assert_cmpuint (invalid_type, >, 0);
  filter = GTK_DROP_DOWN (gtk_widget_get_template_child (page, FREIGHT_TYPE_RESULTS_PAGE,
                                                         "filter_dropdown"));
  /* As a click on the filter would, the focus leaves the cell first. */
  gtk_widget_grab_focus (GTK_WIDGET (filter));
  ui_test_settle ();
  gtk_drop_down_set_selected (filter, invalid_type);
  ui_test_settle ();
  g_assert_null (ui_test_find_widget (page, GTK_TYPE_EDITABLE_LABEL, "text", "Fixed Two"));
  g_assert_nonnull (ui_test_find_widget (page, GTK_TYPE_EDITABLE_LABEL, "text", "lots"));
  fill_column = GTK_DROP_DOWN (gtk_widget_get_template_child (page, FREIGHT_TYPE_RESULTS_PAGE,
                                                              "fill_column_dropdown"));
  gtk_drop_down_set_selected (fill_column, 2);
  fill_entry = GTK_WIDGET (gtk_widget_get_template_child (page, FREIGHT_TYPE_RESULTS_PAGE,
                                                          "fill_entry"));
  gtk_editable_set_text (GTK_EDITABLE (fill_entry), "70");
  gtk_widget_activate_action (page, "results.fill", NULL);
  ui_test_settle ();
  g_assert_null (ui_test_find_widget (page, GTK_TYPE_EDITABLE_LABEL, "text", "lots"));
  g_assert_null (ui_test_find_widget (page, GTK_TYPE_EDITABLE_LABEL, "text", "many"));
  g_assert_nonnull (ui_test_find_widget (page, GTK_TYPE_EDITABLE_LABEL, "text", "70"));
  gtk_drop_down_set_selected (filter, 0);
  ui_test_settle ();
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (
                     gtk_widget_get_template_child (page, FREIGHT_TYPE_RESULTS_PAGE,
                                                    "resubmit_button"))),
                   ==, "_Resubmit 3 Edited Rows");
  wizard_fixture_screenshots (GTK_WIDGET (window), "results-fix");

  /* Resubmit: the three edited rows go, row 4 stays. */
  gtk_widget_activate_action (page, "results.resubmit", NULL);
  g_assert_true (freight_results_page_get_busy (FREIGHT_RESULTS_PAGE (page)));
  wizard_fixture_wait_property (page, "busy", FALSE);
  results = freight_results_page_get_results (FREIGHT_RESULTS_PAGE (page));
  g_assert_cmpuint (freight_run_results_get_n_succeeded (results), ==, 5);
  g_assert_cmpuint (freight_run_results_get_n_failed (results), ==, 1);
  g_assert_cmpuint (freight_run_results_get_n_resubmits (results), ==, 1);
  assert_label (page, "succeeded_label", "5");
  assert_label (page, "failed_label", "1");
  g_assert_cmpuint (g_list_model_get_n_items (freight_run_results_get_failed_rows (results)),
                    ==, 1);
  wizard_fixture_screenshots (GTK_WIDGET (window), "results-fix-after");

  gtk_widget_activate_action (page, "results.back", NULL);
  ui_test_settle ();
  save_copy (page, run_dir);
  wizard_fixture_screenshots (GTK_WIDGET (window), "results-page-after");

  /* New Load keeps the org and goes back to the object step. */
  gtk_widget_activate_action (page, "results.new-load", NULL);
  ui_test_settle ();
  g_assert_cmpuint (freight_window_get_step (window), ==, 1);
  g_assert_nonnull (freight_wizard_get_session (freight_window_get_wizard (window)));
}

/* A past run opened on its own (as the Jobs window does), without an org: its result files
 * in the source's dialect (semicolons, a BOM), read back; nothing can be resubmitted. */
static void
test_past_run (void)
{
  g_autofree char *dir = g_build_filename (g_get_home_dir (), "Freight", "past-run", NULL);
  g_autoptr(GFile) run_dir = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *success = NULL;
  FreightResultsPage *page;
  GtkWidget *window;
  FreightRunResults *results;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  summary = g_build_filename (dir, "summary.json", NULL);
  g_file_set_contents (summary,
                       "{ \"object\": \"Contact\", \"operation\": \"upsert\",\n"
                       "  \"org\": { \"name\": \"Sandbox\" },\n"
                       "  \"counts\": { \"rows\": 3, \"succeeded\": 1, \"failed\": 2,\n"
                       "              \"unprocessed\": 0 } }\n", -1, &error);
  g_assert_no_error (error);
  failed = g_build_filename (dir, "failed.csv", NULL);
  g_file_set_contents (failed,
                       "\xEF\xBB\xBF"
                       "Freight Row;Freight Error Code;Freight Error Message;"
                       "Freight Error Fields;Nachname;E-Mail\r\n"
                       "2;INVALID_EMAIL_ADDRESS;Email: invalid email address: x;Email;"
                       "Müller;x\r\n"
                       "3;DUPLICATE_VALUE;duplicate value found;;\"Smith; Jr.\";s@example.com\r\n",
                       -1, &error);
  g_assert_no_error (error);
  success = g_build_filename (dir, "success.csv", NULL);
  g_file_set_contents (success, "\xEF\xBB\xBF" "Freight Row;Freight Id;Freight Created;"
                       "Nachname;E-Mail\r\n1;003000000000001AAA;true;Weber;w@example.com\r\n",
                       -1, &error);
  g_assert_no_error (error);

  page = freight_results_page_new_for_run (run_dir, NULL, NULL);
  window = adw_window_new ();
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  wizard_fixture_wait_property (page, "busy", FALSE);

  results = freight_results_page_get_results (page);
  g_assert_cmpuint (freight_run_results_get_n_failed (results), ==, 2);
  g_assert_cmpstr (freight_run_results_get_columns (results)[0], ==, "Nachname");
  assert_label (GTK_WIDGET (page), "succeeded_label", "1");
  assert_label (GTK_WIDGET (page), "failed_label", "2");
  gtk_widget_activate_action (GTK_WIDGET (page), "results.fix", NULL);
  ui_test_settle ();
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_EDITABLE_LABEL, "text",
                                         "Smith; Jr."));
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_EDITABLE_LABEL, "text",
                                         "Müller"));
  /* No org: nothing to send the rows to. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "results.resubmit", NULL) &&
                  freight_results_page_get_busy (page));
  g_assert_false (freight_results_page_get_busy (page));
  ui_test_screenshot (window, "results-past-run-fix-800x600");
  ui_test_close_window (GTK_WINDOW (window));
}

static void
interrupt_uploaded (FreightLoad  *load,
                    GParamSpec   *pspec,
                    GCancellable *cancellable)
{
  /* Stop once the rows are uploaded: the job goes on in the org, the journal keeps it. */
  if (freight_load_get_rows_uploaded (load) > 0)
    g_cancellable_cancel (cancellable);
}

static void
interrupt_on_load (FreightResubmit *resubmit,
                   GParamSpec      *pspec,
                   GCancellable    *cancellable)
{
  if (freight_resubmit_get_load (resubmit) != NULL)
    g_signal_connect_object (freight_resubmit_get_load (resubmit), "notify::rows-uploaded",
                             G_CALLBACK (interrupt_uploaded), cancellable, 0);
}

static gboolean
resumer_finished (gpointer resumer)
{
  return freight_resumer_get_n_running (resumer) == 0 &&
         freight_resumer_get_n_finished (resumer) > GPOINTER_TO_UINT (
           g_object_get_data (resumer, "finished-before"));
}

static guint
count_accounts (LoHarness  *org,
                const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = lo_harness_password_login (org, &error);
  g_autofree char *soql = g_strdup_printf ("SELECT Id FROM Account WHERE External_Id__c = '%s'",
                                           key);
  g_autofree char *escaped = g_uri_escape_string (soql, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/services/data/v62.0/query?q=%s", escaped);
  g_autoptr(LoResponse) response = NULL;
  g_autoptr(JsonNode) json = NULL;

  g_assert_no_error (error);
  response = lo_harness_request (org, "GET", path, NULL, NULL, 0, token);
  json = lo_response_get_json (response);
  g_assert_nonnull (json);
  return json_object_get_int_member (json_node_get_object (json), "totalSize");
}

/* A resubmit interrupted while its job runs (the app was closed or killed) is continued
 * by the app once it connects to the org again: its load resumed, not sent twice, and the
 * outcome folded into the run's files. */
static void
test_resumed_resubmit (void)
{
  g_autoptr(LoHarness) org = wizard_fixture_start_org ();
  g_autoptr(FreightOrgSession) session = wizard_fixture_connect (org);
  g_autofree char *journal_path = g_build_filename (g_get_user_data_dir (), "freight",
                                                    "journal.db", NULL);
  g_autofree char *journal_dir = g_path_get_dirname (journal_path);
  FreightResumer *resumer = freight_application_get_resumer (ui_test_get_application ());
  g_autoptr(FreightJournal) journal = NULL;
  g_autoptr(FreightJournalRun) run = NULL;
  g_autoptr(FreightRunResults) before = NULL;
  g_autoptr(FreightRunResults) after = NULL;
  g_autoptr(FreightResubmit) resubmit = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) run_dir = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *rows;
  FreightWindow *window;
  gint64 run_id;

  g_assert_cmpint (g_mkdir_with_parents (journal_dir, 0700), ==, 0);
  journal = freight_journal_open (journal_path, &error);
  g_assert_no_error (error);
  run_dir = load_accounts (session, journal);

  /* Row 2 fixed and sent again, then the sending stops after the upload. */
  before = freight_run_results_new (run_dir);
  g_assert_true (freight_run_results_load (before, NULL, &error));
  g_assert_no_error (error);
  rows = freight_run_results_get_failed_rows (before);
  resubmit = freight_resubmit_new (run_dir, session, journal);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(FreightFailedRow) row = g_list_model_get_item (rows, i);

      if (freight_failed_row_get_row (row) != 2)
        continue;
      freight_failed_row_set_value (row, 0, "Fixed Two");
      freight_resubmit_add_row (resubmit, 2, freight_failed_row_get_values (row));
    }
  g_assert_cmpuint (freight_resubmit_get_n_rows (resubmit), ==, 1);
  g_signal_connect (resubmit, "notify::load", G_CALLBACK (interrupt_on_load), cancellable);
  freight_resubmit_run_async (resubmit, cancellable, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (freight_resubmit_run_finish (resubmit, result, &error));
  g_clear_error (&error);
  run_id = freight_resubmit_get_journal_id (resubmit);
  run = freight_journal_get_run (journal, run_id, &error);
  g_assert_no_error (error);
  g_assert_false (freight_journal_run_is_finished (run));
  g_clear_pointer (&run, freight_journal_run_free);

  /* Freight connects to the org: the resubmit goes on by itself. */
  g_object_set_data (G_OBJECT (resumer), "finished-before",
                     GUINT_TO_POINTER (freight_resumer_get_n_finished (resumer)));
  window = wizard_fixture_open_window (session, 1280, 800);
  g_assert_true (ui_test_wait_until (resumer_finished, resumer));

  run = freight_journal_get_run (journal, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (run->state, ==, FREIGHT_JOURNAL_STATE_DONE);
  after = freight_run_results_new (run_dir);
  g_assert_true (freight_run_results_load (after, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (freight_run_results_get_n_succeeded (after), ==, 3);
  g_assert_cmpuint (freight_run_results_get_n_failed (after), ==, 3);
  g_assert_cmpuint (freight_run_results_get_n_resubmits (after), ==, 1);
  /* Sent once: one record with the row's key. */
  g_assert_cmpuint (count_accounts (org, "U-2"), ==, 1);
  ui_test_close_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/freight/ui/results/fix-and-resubmit", test_results);
  g_test_add_func ("/freight/ui/results/past-run", test_past_run);
  g_test_add_func ("/freight/ui/results/resumed-resubmit", test_resumed_resubmit);

  return ui_test_run ();
}
