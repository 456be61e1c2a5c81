/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "load-harness.h"

/* Fixing failed rows of a finished load and sending them again (FreightResubmit), and
 * reading a run's results (FreightRunResults), against freight-local-org. */

static void
fixture_set_up (LoadFixture   *f,
                gconstpointer  data)
{
  load_fixture_start (f, NULL);
}

static void
fixture_tear_down (LoadFixture   *f,
                   gconstpointer  data)
{
  load_fixture_stop (f);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static FreightRunResults *
read_results (GFile *run_dir)
{
  g_autoptr(FreightRunResults) results = freight_run_results_new (run_dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  freight_run_results_load_async (results, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (freight_run_results_load_finish (results, result, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&results);
}

static gboolean
run_resubmit (FreightResubmit  *resubmit,
              GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  freight_resubmit_run_async (resubmit, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return freight_resubmit_run_finish (resubmit, result, error);
}

static FreightFailedRow *
find_failed (FreightRunResults *results,
             guint64            row)
{
  GListModel *rows = freight_run_results_get_failed_rows (results);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(FreightFailedRow) failed = g_list_model_get_item (rows, i);

      if (freight_failed_row_get_row (failed) == row)
        return failed;
    }
  return NULL;
}

static guint
find_column (FreightRunResults *results,
             const char        *name)
{
  const char * const *columns = freight_run_results_get_columns (results);

  for (guint i = 0; columns[i] != NULL; i++)
    if (g_str_equal (columns[i], name))
      return i;
  g_assert_not_reached ();
}

/* Every row 1…n is in exactly one of the three files; returns the rows of success.csv. */
static LoadCsv *
assert_complete (GFile *run_dir,
                 guint  n)
{
  const char *names[] = { "success.csv", "failed.csv", "unprocessed.csv" };
  g_autofree guint *seen = g_new0 (guint, n + 1);
  LoadCsv *success = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autoptr(GFile) file = g_file_get_child (run_dir, names[k]);
      LoadCsv *csv;

      if (!g_file_query_exists (file, NULL))
        continue;
      csv = load_csv_read (file);
      for (guint i = 0; i < csv->rows->len; i++)
        {
          guint64 row = g_ascii_strtoull (load_csv_get (csv, i, "Freight Row"), NULL, 10);

          g_assert_cmpuint (row, >=, 1);
          g_assert_cmpuint (row, <=, n);
          seen[row]++;
        }
      if (k == 0)
        success = csv;
      else
        load_csv_free (csv);
    }
  for (guint i = 1; i <= n; i++)
    g_assert_cmpuint (seen[i], ==, 1);
  g_assert_nonnull (success);
  return success;
}

/* Every Id of success.csv is the org's Account with the row's external ID. */
static void
assert_ids_exist (LoadFixture *f,
                  LoadCsv     *success)
{
  g_autoptr(JsonArray) records = load_fixture_query (f, "SELECT Id, External_Id__c FROM Account");
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      g_hash_table_insert (by_key,
                           (char *) json_object_get_string_member (record, "External_Id__c"),
                           (char *) json_object_get_string_member (record, "Id"));
    }
  for (guint i = 0; i < success->rows->len; i++)
    {
      const char *id = load_csv_get (success, i, "Freight Id");

      g_assert_cmpuint (strlen (id), ==, 18);
      g_assert_cmpstr (g_hash_table_lookup (by_key, load_csv_get (success, i, "Key")), ==, id);
    }
}

static JsonObject *
read_summary (GFile *run_dir)
{
  g_autofree char *text = load_fixture_read (run_dir, "summary.json");
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_nonnull (text);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static FreightLoad *
first_load (LoadFixture *f)
{
  g_autoptr(GFile) source = load_fixture_write (f, "accounts.csv",
    "Company,Key,Staff\n"
    "Acme,R-1,10\n"
    ",R-2,20\n"
    "Globex,R-3,lots\n"
    ",R-4,40\n"
    "Initech,R-5,50\n"
    "\"Umbrella, Corp\",R-6,many\n");
  g_autoptr(FreightMapping) mapping = load_fixture_mapping (f, "Account",
                                                            FREIGHT_OPERATION_INSERT, NULL,
                                                            source);
  g_autoptr(FreightLoadDescription) description = NULL;
  g_autoptr(GError) error = NULL;
  FreightLoad *load;

  load_fixture_map (mapping, "Company", "Name");
  load_fixture_map (mapping, "Key", "External_Id__c");
  load_fixture_map (mapping, "Staff", "NumberOfEmployees");
  description = load_fixture_description (f, mapping, source);
  load = load_fixture_run (f, description, &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_load_get_state (load), ==, FREIGHT_LOAD_STATE_FINISHED);
  g_assert_cmpuint (freight_load_get_rows_succeeded (load), ==, 2);
  g_assert_cmpuint (freight_load_get_rows_failed (load), ==, 4);
  return load;
}

static void
test_results_read (LoadFixture   *f,
                   gconstpointer  data)
{
  g_autoptr(FreightLoad) load = first_load (f);
  g_autoptr(FreightRunResults) results = read_results (freight_load_get_run_dir (load));
  GListModel *groups = freight_run_results_get_failure_groups (results);
  GListModel *rows = freight_run_results_get_failed_rows (results);
  const char * const *columns = freight_run_results_get_columns (results);
  FreightFailedRow *row;
  guint64 total = 0;

  g_assert_cmpuint (freight_run_results_get_n_rows (results), ==, 6);
  g_assert_cmpuint (freight_run_results_get_n_succeeded (results), ==, 2);
  g_assert_cmpuint (freight_run_results_get_n_failed (results), ==, 4);
  g_assert_cmpuint (freight_run_results_get_n_unprocessed (results), ==, 0);
  g_assert_cmpstr (freight_run_results_get_object_name (results), ==, "Account");
  g_assert_cmpstr (freight_run_results_get_operation (results), ==, "insert");
  g_assert_cmpuint (freight_run_results_get_n_resubmits (results), ==, 0);

  g_assert_cmpuint (g_strv_length ((char **) columns), ==, 3);
  g_assert_cmpstr (columns[0], ==, "Company");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  row = find_failed (results, 6);
  g_assert_nonnull (row);
  g_assert_cmpstr (freight_failed_row_get_value (row, 0), ==, "Umbrella, Corp");
  g_assert_cmpstr (freight_failed_row_get_error_code (row), ==,
                   "INVALID_TYPE_ON_FIELD_IN_RECORD");
  g_assert_true (freight_failed_row_has_error_field (row, "NumberOfEmployees"));
  g_assert_true (freight_run_results_is_error_column (results, row, 2));
  g_assert_false (freight_run_results_is_error_column (results, row, 0));
  row = find_failed (results, 2);
  g_assert_cmpstr (freight_failed_row_get_error_code (row), ==, "REQUIRED_FIELD_MISSING");
  g_assert_true (freight_failed_row_has_error_field (row, "Name"));
  g_assert_true (freight_run_results_is_error_column (results, row, 0));
  g_assert_false (freight_run_results_is_error_column (results, row, 1));
  g_assert_false (freight_failed_row_get_edited (row));
  freight_failed_row_set_value (row, 0, "Fixed");
  g_assert_true (freight_failed_row_get_edited (row));

  /* Two groups of two rows each. */
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(FreightFailureGroup) group = g_list_model_get_item (groups, i);

      g_assert_cmpuint (freight_failure_group_get_n_rows (group), ==, 2);
      if (g_str_equal (freight_failure_group_get_error_code (group), "REQUIRED_FIELD_MISSING"))
        g_assert_cmpstr (freight_failure_group_get_field (group), ==, "Name");
      else
        g_assert_cmpstr (freight_failure_group_get_field (group), ==, "NumberOfEmployees");
      total += freight_failure_group_get_n_rows (group);
    }
  g_assert_cmpuint (total, ==, 4);
}

static void
test_resubmit (LoadFixture   *f,
               gconstpointer  data)
{
  g_autoptr(FreightLoad) load = first_load (f);
  GFile *run_dir = freight_load_get_run_dir (load);
  g_autoptr(FreightRunResults) results = read_results (run_dir);
  g_autoptr(FreightRunResults) after = NULL;
  g_autoptr(FreightResubmit) resubmit = NULL;
  g_autoptr(FreightResubmit) again = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_autoptr(LoadCsv) success = NULL;
  g_autoptr(LoadCsv) failed = NULL;
  g_autoptr(GFile) failed_file = g_file_get_child (run_dir, "failed.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightJournalRun) journal_run = NULL;
  g_autofree char *success_text = NULL;
  g_autofree char *failed_text = NULL;
  g_autofree char *success_again = NULL;
  g_autofree char *failed_again = NULL;
  guint company = find_column (results, "Company");
  guint staff = find_column (results, "Staff");
  FreightFailedRow *row;
  JsonArray *resubmits;
  JsonArray *jobs;
  guint n_resubmit_jobs = 0;

  /* Row 2 gets its name, row 6 a number; row 3 is still bad, in another way; row 4 is not
   * sent. */
  row = find_failed (results, 2);
  freight_failed_row_set_value (row, company, "Fixed Two");
  row = find_failed (results, 6);
  freight_failed_row_set_value (row, staff, "60");
  row = find_failed (results, 3);
  freight_failed_row_set_value (row, company, "");
  freight_failed_row_set_value (row, staff, "30");

  resubmit = freight_resubmit_new (run_dir, f->session, f->journal);
  for (guint64 r = 2; r <= 6; r++)
    {
      row = find_failed (results, r);
      if (row != NULL && freight_failed_row_get_edited (row))
        freight_resubmit_add_row (resubmit, r, freight_failed_row_get_values (row));
    }
  g_assert_cmpuint (freight_resubmit_get_n_rows (resubmit), ==, 3);
  g_assert_true (run_resubmit (resubmit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (freight_resubmit_get_number (resubmit), ==, 1);
  g_assert_cmpuint (freight_resubmit_get_n_succeeded (resubmit), ==, 2);
  g_assert_cmpuint (freight_resubmit_get_n_failed (resubmit), ==, 1);
  g_assert_nonnull (freight_resubmit_get_load (resubmit));

  /* Fixed rows moved to success.csv with Ids of the org, in row order. */
  success = assert_complete (run_dir, 6);
  g_assert_cmpuint (success->rows->len, ==, 4);
  g_assert_cmpstr (load_csv_get (success, 0, "Freight Row"), ==, "1");
  g_assert_cmpstr (load_csv_get (success, 1, "Freight Row"), ==, "2");
  g_assert_cmpstr (load_csv_get (success, 1, "Company"), ==, "Fixed Two");
  g_assert_cmpstr (load_csv_get (success, 2, "Freight Row"), ==, "5");
  g_assert_cmpstr (load_csv_get (success, 3, "Freight Row"), ==, "6");
  g_assert_cmpstr (load_csv_get (success, 3, "Company"), ==, "Umbrella, Corp");
  g_assert_cmpstr (load_csv_get (success, 3, "Staff"), ==, "60");
  g_assert_cmpstr (load_csv_get (success, 3, "Freight Created"), ==, "true");
  assert_ids_exist (f, success);

  /* Row 3 stays failed with its new error and values; row 4 keeps its old one. */
  failed = load_csv_read (failed_file);
  g_assert_cmpuint (failed->rows->len, ==, 2);
  g_assert_cmpstr (load_csv_get (failed, 0, "Freight Row"), ==, "3");
  g_assert_cmpstr (load_csv_get (failed, 0, "Freight Error Code"), ==, "REQUIRED_FIELD_MISSING");
  g_assert_cmpstr (load_csv_get (failed, 0, "Staff"), ==, "30");
  g_assert_cmpstr (load_csv_get (failed, 1, "Freight Row"), ==, "4");
  g_assert_cmpstr (load_csv_get (failed, 1, "Freight Error Code"), ==, "REQUIRED_FIELD_MISSING");

  /* The counts, the new job and the resubmit in summary.json. */
  summary = read_summary (run_dir);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (summary, "counts"),
                                               "succeeded"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (summary, "counts"),
                                               "failed"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (summary, "counts"),
                                               "unprocessed"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (summary, "counts"),
                                               "rows"), ==, 6);
  resubmits = json_object_get_array_member (summary, "resubmits");
  g_assert_cmpuint (json_array_get_length (resubmits), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (resubmits, 0),
                                               "succeeded"), ==, 2);
  jobs = json_object_get_array_member (summary, "jobs");
  for (guint i = 0; i < json_array_get_length (jobs); i++)
    {
      JsonObject *job = json_array_get_object_element (jobs, i);

      if (json_object_get_int_member_with_default (job, "resubmit", 0) == 1)
        {
          n_resubmit_jobs++;
          g_assert_nonnull (json_object_get_string_member (job, "job_id"));
        }
    }
  g_assert_cmpuint (n_resubmit_jobs, ==, 1);

  /* The journal has the resubmit as done. */
  journal_run = freight_journal_get_run (f->journal, freight_resubmit_get_journal_id (resubmit),
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpstr (journal_run->kind, ==, "resubmit");
  g_assert_cmpstr (journal_run->state, ==, "done");

  /* A crash after the load and before the fold was recorded: resuming folds again, and the
   * files come out the same. */
  success_text = load_fixture_read (run_dir, "success.csv");
  failed_text = load_fixture_read (run_dir, "failed.csv");
  g_assert_true (freight_journal_set_run_state (f->journal, journal_run->id, "running", NULL,
                                                &error));
  again = freight_resubmit_new_resume (journal_run->id, f->session, f->journal);
  g_assert_true (run_resubmit (again, &error));
  g_assert_no_error (error);
  g_assert_null (freight_resubmit_get_load (again));
  success_again = load_fixture_read (run_dir, "success.csv");
  failed_again = load_fixture_read (run_dir, "failed.csv");
  g_assert_cmpstr (success_again, ==, success_text);
  g_assert_cmpstr (failed_again, ==, failed_text);
  g_clear_pointer (&summary, json_object_unref);
  summary = read_summary (run_dir);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (summary, "resubmits")),
                    ==, 1);

  /* The reader sees the new state; the failed file loads again as it is. */
  after = read_results (run_dir);
  g_assert_cmpuint (freight_run_results_get_n_succeeded (after), ==, 4);
  g_assert_cmpuint (freight_run_results_get_n_failed (after), ==, 2);
  g_assert_cmpuint (freight_run_results_get_n_resubmits (after), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (freight_run_results_get_failed_rows (after)), ==,
                    2);
}

/* A second resubmit of the same run: the last failed rows go through. */
static void
test_resubmit_twice (LoadFixture   *f,
                     gconstpointer  data)
{
  g_autoptr(FreightLoad) load = first_load (f);
  GFile *run_dir = freight_load_get_run_dir (load);
  g_autoptr(GError) error = NULL;
  g_autoptr(LoadCsv) success = NULL;
  g_autoptr(FreightRunResults) end = NULL;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(FreightRunResults) results = read_results (run_dir);
      g_autoptr(FreightResubmit) resubmit = freight_resubmit_new (run_dir, f->session,
                                                                  f->journal);
      GListModel *rows = freight_run_results_get_failed_rows (results);
      guint n = g_list_model_get_n_items (rows);

      /* Round one fixes the names only; round two the numbers too. */
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FreightFailedRow) row = g_list_model_get_item (rows, i);
          g_autofree char *name = g_strdup_printf ("Row %" G_GUINT64_FORMAT,
                                                   freight_failed_row_get_row (row));

          if (*freight_failed_row_get_value (row, 0) == '\0')
            freight_failed_row_set_value (row, 0, name);
          if (round == 1)
            freight_failed_row_set_value (row, 2, "7");
          freight_resubmit_add_row (resubmit, freight_failed_row_get_row (row),
                                    freight_failed_row_get_values (row));
        }
      g_assert_true (run_resubmit (resubmit, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (freight_resubmit_get_number (resubmit), ==, round + 1);
    }
  success = assert_complete (run_dir, 6);
  g_assert_cmpuint (success->rows->len, ==, 6);
  assert_ids_exist (f, success);
  end = read_results (run_dir);
  g_assert_cmpuint (freight_run_results_get_n_succeeded (end), ==, 6);
  g_assert_cmpuint (freight_run_results_get_n_failed (end), ==, 0);
  g_assert_cmpuint (freight_run_results_get_n_resubmits (end), ==, 2);
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

/* A resubmit stopped while its load runs (the window closed, the process ended) goes on
 * from the journal: the load is resumed, not sent twice, and the outcome folded. */
static void
test_resubmit_interrupted (LoadFixture   *f,
                           gconstpointer  data)
{
  g_autoptr(FreightLoad) load = first_load (f);
  GFile *run_dir = freight_load_get_run_dir (load);
  g_autoptr(FreightRunResults) results = read_results (run_dir);
  g_autoptr(FreightResubmit) resubmit = freight_resubmit_new (run_dir, f->session, f->journal);
  g_autoptr(FreightResubmit) resumed = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightJournalRun) run = NULL;
  g_autoptr(LoadCsv) success = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_autoptr(JsonArray) records = NULL;
  FreightFailedRow *row = find_failed (results, 2);
  JsonArray *jobs;
  guint n_jobs = 0;

  freight_failed_row_set_value (row, 0, "Interrupted Two");
  freight_resubmit_add_row (resubmit, 2, freight_failed_row_get_values (row));
  g_signal_connect (resubmit, "notify::load", G_CALLBACK (interrupt_on_load), cancellable);
  freight_resubmit_run_async (resubmit, cancellable, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (freight_resubmit_run_finish (resubmit, result, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (freight_load_get_state (freight_resubmit_get_load (resubmit)), ==,
                   FREIGHT_LOAD_STATE_INTERRUPTED);
  g_assert_nonnull (freight_load_get_run_id (freight_resubmit_get_load (resubmit)));

  /* Nothing folded yet; the journal has the resubmit unfinished. */
  g_clear_pointer (&results, g_object_unref);
  results = read_results (run_dir);
  g_assert_cmpuint (freight_run_results_get_n_failed (results), ==, 4);
  run = freight_journal_get_run (f->journal, freight_resubmit_get_journal_id (resubmit),
                                 &error);
  g_assert_no_error (error);
  g_assert_false (freight_journal_run_is_finished (run));

  if (GPOINTER_TO_INT (data))
    {
      /* freight-cli resume continues every unfinished run: the resubmit (which finishes
       * its load) and then nothing more. */
      const char *args[] = { "resume", NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(FreightJournalRun) after = NULL;

      g_assert_cmpint (load_fixture_cli (f, args, &out, &err), ==, 0);
      g_assert_nonnull (strstr (out, "Resubmit of 1 rows: 1 succeeded, 0 failed again"));
      after = freight_journal_get_run (f->journal, run->id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (after->state, ==, "done");
    }
  else
    {
      resumed = freight_resubmit_new_resume (run->id, f->session, f->journal);
      g_assert_true (run_resubmit (resumed, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (freight_resubmit_get_number (resumed), ==, 1);
    }
  success = assert_complete (run_dir, 6);
  g_assert_cmpuint (success->rows->len, ==, 3);
  assert_ids_exist (f, success);

  /* Sent once: one record with the row's key, one resubmit job. */
  records = load_fixture_query (f, "SELECT Id FROM Account WHERE External_Id__c = 'R-2'");
  g_assert_cmpuint (json_array_get_length (records), ==, 1);
  summary = read_summary (run_dir);
  jobs = json_object_get_array_member (summary, "jobs");
  for (guint i = 0; i < json_array_get_length (jobs); i++)
    n_jobs += json_object_get_int_member_with_default (json_array_get_object_element (jobs, i),
                                                       "resubmit", 0) == 1;
  g_assert_cmpuint (n_jobs, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/freight/results/read", LoadFixture, NULL,
              fixture_set_up, test_results_read, fixture_tear_down);
  g_test_add ("/freight/resubmit/fix-and-fold", LoadFixture, NULL,
              fixture_set_up, test_resubmit, fixture_tear_down);
  g_test_add ("/freight/resubmit/twice", LoadFixture, NULL,
              fixture_set_up, test_resubmit_twice, fixture_tear_down);
  g_test_add ("/freight/resubmit/interrupted", LoadFixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_resubmit_interrupted, fixture_tear_down);
  g_test_add ("/freight/resubmit/interrupted-cli", LoadFixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_resubmit_interrupted, fixture_tear_down);
  return g_test_run ();
}
