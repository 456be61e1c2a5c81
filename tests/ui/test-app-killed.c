/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "freight-resumer.h"
#include "freight-review-page.h"
#include "wizard-fixture.h"

/* The app killed in the middle of a load (SIGKILL: nothing saved on the way out) and
 * started again: once it connects to the org, it continues the run from the journal, and
 * every row of the file ends in exactly one result file, each record made once.
 *
 * The first app is this program run again as a child (FREIGHT_TEST_CHILD_URL and
 * FREIGHT_TEST_CHILD_FILE set): it drives the wizard to Start on a slow org and kills
 * itself once the org is processing rows. The test's own app starts only after the child
 * died, as the application is unique on the session bus. */

#define N_ROWS       900
#define CHILD_URL    "FREIGHT_TEST_CHILD_URL"
#define CHILD_FILE   "FREIGHT_TEST_CHILD_FILE"
#define CHILD_WAIT_S 90

static LoHarness *org;

static gboolean
rows_processed (FreightWizard *wizard)
{
  FreightLoad *load = freight_wizard_get_load (wizard);

  return load != NULL && freight_load_get_rows_processed (load) > 0;
}

/* The first app: a load started in the window, then the process killed. */
static int
run_child (const char *url,
           const char *path)
{
  g_autoptr(FreightOrgSession) session = wizard_fixture_connect_url (url);
  gint64 deadline = g_get_monotonic_time () + CHILD_WAIT_S * G_USEC_PER_SEC;
  FreightWindow *window;
  FreightWizard *wizard;
  GtkWidget *review;

  /* Six parts, one job at a time: most of the file is not sent when the app dies. */
  g_settings_set_int (ui_test_get_settings (), "rows-per-part", 150);
  g_settings_set_int (ui_test_get_settings (), "jobs-in-flight", 1);
  window = wizard_fixture_open_window (session, 1280, 800);
  wizard = freight_window_get_wizard (window);
  wizard_fixture_prepare_insert (window, path, NULL);
  review = ui_test_find_widget (GTK_WIDGET (window), FREIGHT_TYPE_REVIEW_PAGE, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (review, "review.start", NULL));
  while (!rows_processed (wizard))
    {
      if (g_get_monotonic_time () > deadline)
        return 3;
      g_main_context_iteration (NULL, TRUE);
    }
  ui_test_screenshot (GTK_WIDGET (window), "app-killed-before");
  kill (getpid (), SIGKILL);
  return 4;
}

static gboolean
resumed (FreightResumer *resumer)
{
  return freight_resumer_get_n_finished (resumer) > 0 &&
         freight_resumer_get_n_running (resumer) == 0;
}

static guint64
count_accounts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = lo_harness_password_login (org, &error);
  g_autoptr(LoResponse) response = NULL;
  g_autoptr(JsonNode) json = NULL;

  g_assert_no_error (error);
  response = lo_harness_request (org, "GET",
                                 "/services/data/v66.0/query?q=SELECT+Id+FROM+Account", NULL,
                                 NULL, 0, token);
  g_assert_cmpuint (response->status, ==, 200);
  json = lo_response_get_json (response);
  return (guint64) json_object_get_int_member (json_node_get_object (json), "totalSize");
}

/* Adds the Freight Row of every record of a result file to @rows; returns how many. */
static guint
collect_rows (const char *folder,
              const char *name,
              GHashTable *rows)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;
  lines = g_strsplit (contents, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "Freight Row,"));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autofree char *row = NULL;

      if (*lines[i] == '\0')
        continue;
      row = g_strndup (lines[i], strcspn (lines[i], ","));
      /* Each source row in one file, once. */
      g_assert_true (g_hash_table_add (rows, g_steal_pointer (&row)));
      n++;
    }
  return n;
}

static void
test_app_killed (void)
{
  g_autoptr(FreightOrgSession) session = wizard_fixture_connect (org);
  g_autofree char *journal_path = g_build_filename (g_get_user_data_dir (), "freight",
                                                    "journal.db", NULL);
  FreightResumer *resumer = freight_application_get_resumer (ui_test_get_application ());
  g_autoptr(FreightJournal) journal = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  FreightJournalRun *run;
  FreightWindow *window;

  /* The killed app left its run unfinished in the journal. */
  journal = freight_journal_open (journal_path, &error);
  g_assert_no_error (error);
  runs = freight_journal_list_runs (journal, FREIGHT_LOAD_RUN_KIND, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  run = g_ptr_array_index (runs, 0);
  g_assert_false (freight_journal_run_is_finished (run));
  g_assert_cmpuint (count_accounts (), <, N_ROWS);

  /* Freight started again on that org: the run goes on by itself, to its end. */
  window = wizard_fixture_open_window (session, 1280, 800);
  while (!resumed (resumer))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  ui_test_settle ();
  wizard_fixture_screenshots (GTK_WIDGET (window), "app-killed-resumed");

  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = freight_journal_list_runs (journal, FREIGHT_LOAD_RUN_KIND, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  run = g_ptr_array_index (runs, 0);
  g_assert_cmpstr (run->state, ==, FREIGHT_JOURNAL_STATE_DONE);
  g_assert_nonnull (run->output_path);

  /* Every row in exactly one file, all of them loaded, and no record twice. */
  g_assert_cmpuint (collect_rows (run->output_path, "success.csv", rows), ==, N_ROWS);
  collect_rows (run->output_path, "failed.csv", rows);
  collect_rows (run->output_path, "unprocessed.csv", rows);
  g_assert_cmpuint (g_hash_table_size (rows), ==, N_ROWS);
  g_assert_cmpuint (count_accounts (), ==, N_ROWS);
  ui_test_close_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *args[] = { "--rows-per-second=150", NULL };
  g_autoptr(GString) csv = g_string_new ("External ID,Account Name,Employees\n");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  if (g_getenv (CHILD_URL) != NULL)
    {
      ui_test_init (&argc, &argv);
      return run_child (g_getenv (CHILD_URL), g_getenv (CHILD_FILE));
    }

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* The first app loads into a slow org, and dies in the middle. */
  org = wizard_fixture_start_org_with (args);
  for (guint i = 1; i <= N_ROWS; i++)
    g_string_append_printf (csv, "KILL-%05u,Killed App Account %u,%u\n", i, i, i % 500);
  path = wizard_fixture_write_file ("killed.csv", csv->str);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, CHILD_URL, lo_harness_get_url (org), TRUE);
  g_subprocess_launcher_setenv (launcher, CHILD_FILE, path, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, argv[0], NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_if_signaled (child))
    g_error ("the first app ended with status %d instead of being killed",
             g_subprocess_get_exit_status (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  /* Then Freight starts again. */
  ui_test_start_app ();
  g_test_add_func ("/freight/ui/app-killed/resumed", test_app_killed);
  status = ui_test_run ();
  lo_harness_free (org);
  return status;
}
