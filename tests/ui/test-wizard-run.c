/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-wizard-run"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-mapping-page.h"
#include "freight-object-page.h"
#include "freight-review-page.h"
#include "freight-run-page.h"
#include "ui-notifications.h"
#include "wizard-fixture.h"

/* Loads run from the window against a real freight-local-org: an insert of the bundled
 * sample accounts through every step, its counts checked against the org; a slow load
 * cancelled after a confirmation; a slow load kept running after its window was closed,
 * with the desktop notification at its end and the window back on activation. */

#define SLOW_ROWS_PER_SECOND "--rows-per-second=40"
#define SLOW_ROWS            400

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

static gboolean
next_enabled (gpointer data)
{
  GtkWidget *button = wizard_fixture_find_button (GTK_WIDGET (window), "win.next");

  return gtk_widget_get_visible (button) && gtk_widget_is_sensitive (button);
}

static void
next (const char *title)
{
  g_assert_true (ui_test_wait_until (next_enabled, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL));
  ui_test_settle ();
  g_assert_cmpstr (get_title (), ==, title);
}

static gboolean
has_one_item (gpointer model)
{
  return g_list_model_get_n_items (model) == 1;
}

static gboolean
preflight_done (gpointer wizard)
{
  return freight_wizard_get_preflight_result (wizard) != NULL &&
         freight_wizard_get_preflight (wizard) == NULL;
}

static gboolean
rows_built (gpointer page)
{
  return !freight_mapping_page_get_building (page);
}

/* Object (insert into Account, found by typing), file (dropped), mapping (auto-mapped),
 * review (checked): the window ends on the Review step, ready to start. */
static void
prepare_insert (const char *path,
                const char *screenshots)
{
  FreightWizard *wizard = get_wizard ();
  GtkWidget *page = get_page (FREIGHT_TYPE_OBJECT_PAGE);
  GtkListView *list;
  GtkWidget *search;
  GtkWidget *mapping_page;
  g_autofree char *name = NULL;

  g_assert_cmpstr (get_title (), ==, "Choose Object");
  wizard_fixture_wait_objects (wizard);
  g_signal_emit_by_name (wizard_fixture_find_toggle (page, "_Insert"), "clicked");
  search = ui_test_find_widget (page, GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
  list = wizard_fixture_find_list_view (page, "object-list");
  gtk_editable_set_text (GTK_EDITABLE (search), "Account");
  g_assert_true (ui_test_wait_until (has_one_item, gtk_list_view_get_model (list)));
  g_signal_emit_by_name (search, "activate");
  wizard_fixture_wait_object (wizard);
  ui_test_settle ();
  g_assert_cmpstr (freight_wizard_get_object_name (wizard), ==, "Account");
  if (screenshots != NULL)
    {
      name = g_strdup_printf ("%s-1-object", screenshots);
      gtk_editable_set_text (GTK_EDITABLE (search), "");
      ui_test_settle ();
      wizard_fixture_screenshots (GTK_WIDGET (window), name);
    }
  if (g_strcmp0 (get_title (), "Choose File") != 0)
    next ("Choose File");

  wizard_fixture_drop_file (window, path);
  wizard_fixture_wait_counted (wizard);
  ui_test_settle ();
  if (screenshots != NULL)
    {
      g_free (name);
      name = g_strdup_printf ("%s-2-file", screenshots);
      wizard_fixture_screenshots (GTK_WIDGET (window), name);
    }

  next ("Map Fields");
  mapping_page = get_page (FREIGHT_TYPE_MAPPING_PAGE);
  g_assert_true (ui_test_wait_until (rows_built, mapping_page));
  if (!next_enabled (NULL))
    {
      g_assert_true (gtk_widget_activate_action (mapping_page, "mapping.auto-map", NULL));
      ui_test_settle ();
    }
  if (screenshots != NULL)
    {
      g_free (name);
      name = g_strdup_printf ("%s-3-mapping", screenshots);
      wizard_fixture_screenshots (GTK_WIDGET (window), name);
    }

  next ("Review");
  g_assert_true (ui_test_wait_until (preflight_done, wizard));
  ui_test_settle ();
  if (screenshots != NULL)
    {
      g_free (name);
      name = g_strdup_printf ("%s-4-review", screenshots);
      wizard_fixture_screenshots (GTK_WIDGET (window), name);
    }
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
                                         NULL, NULL);
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

  prepare_insert (path, "run-insert");
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
    GTK_STACK (gtk_widget_get_parent (gtk_widget_get_parent (get_page (FREIGHT_TYPE_RUN_PAGE)))),
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

static gboolean
some_processed (gpointer wizard)
{
  FreightLoad *load = freight_wizard_get_load (wizard);

  return load != NULL && freight_load_get_rows_processed (load) > 0;
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

  g_settings_set_int (ui_test_get_settings (), "rows-per-part", 100);
  window = wizard_fixture_open_window (session, 800, 600);
  wizard = get_wizard ();
  before = count_records (org, "Account");
  prepare_insert (path, NULL);
  start ();
  load = freight_wizard_get_load (wizard);
  page = get_page (FREIGHT_TYPE_RUN_PAGE);

  /* Rows are being processed, slowly. */
  g_assert_true (ui_test_wait_until (some_processed, wizard));
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
  g_assert_cmpuint (freight_load_get_rows_unprocessed (load), >, 0);
  g_assert_cmpuint (freight_load_get_rows_succeeded (load) +
                    freight_load_get_rows_failed (load) +
                    freight_load_get_rows_unprocessed (load), ==, SLOW_ROWS);
  g_assert_cmpuint (freight_load_get_rows_succeeded (load), ==,
                    count_records (org, "Account") - before);
  g_assert_cmpstr (get_title (), ==, "Results");
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, "title",
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

static void
test_close_keep_running (void)
{
  const char *args[] = { SLOW_ROWS_PER_SECOND, NULL };
  g_autoptr(LoHarness) org = wizard_fixture_start_org_with (args);
  g_autoptr(FreightOrgSession) session = wizard_fixture_connect (org);
  g_autofree char *path = write_accounts ("background.csv", SLOW_ROWS / 4);
  g_autofree char *screenshot = NULL;
  FreightWizard *wizard;
  FreightLoad *load;
  AdwMessageDialog *dialog;
  guint n_notifications;

  window = wizard_fixture_open_window (session, 800, 600);
  wizard = get_wizard ();
  prepare_insert (path, NULL);
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
                   "100 rows succeeded, 0 failed");
  g_assert_cmpuint (count_records (org, "Account"), >=, 100);

  /* Activating Freight brings the window back, on the results. */
  g_application_activate (G_APPLICATION (ui_test_get_application ()));
  ui_test_settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (get_title (), ==, "Results");

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

  return ui_test_run ();
}
