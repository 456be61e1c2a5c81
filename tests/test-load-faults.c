/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "load-harness.h"

/* Loads against a freight-local-org that misbehaves on purpose (--faults): uploads and
 * downloads cut off mid-transfer, 429 and 5xx answers, access tokens that expire during
 * the load, rows the org cannot lock. Every load must end with each source row in exactly
 * one result file and each record in the org exactly once. Also: cancelling a load,
 * pre-flight exclusions, and failed.csv loaded again as is after fixing it. */

static void
fixture_set_up (LoadFixture   *f,
                gconstpointer  data)
{
  load_fixture_start (f, data);
}

static void
fixture_tear_down (LoadFixture   *f,
                   gconstpointer  data)
{
  load_fixture_stop (f);
}

static char *
make_accounts (guint n)
{
  GString *text = g_string_new ("Name,Key,Employees\n");

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "Company %u,K-%u,%u\n", i, i, i);
  return g_string_free (text, FALSE);
}

static FreightLoadDescription *
accounts_description (LoadFixture  *f,
                      guint         n,
                      guint         part_rows,
                      GFile       **source_out)
{
  g_autofree char *text = make_accounts (n);
  g_autoptr(GFile) source = load_fixture_write (f, "accounts.csv", text);
  g_autoptr(FreightMapping) mapping = load_fixture_mapping (f, "Account",
                                                            FREIGHT_OPERATION_INSERT, NULL,
                                                            source);
  FreightLoadDescription *description;

  load_fixture_map (mapping, "Name", "Name");
  load_fixture_map (mapping, "Key", "External_Id__c");
  load_fixture_map (mapping, "Employees", "NumberOfEmployees");
  description = load_fixture_description (f, mapping, source);
  freight_load_description_set_part_rows (description, part_rows);
  freight_load_description_set_jobs_in_flight (description, 2);
  if (source_out != NULL)
    *source_out = g_steal_pointer (&source);
  return description;
}

/* Every source row in exactly one result file, and the org holding one record per
 * success row, with the row's own key. */
static void
assert_complete (LoadFixture *f,
                 FreightLoad *load,
                 guint        n)
{
  g_autoptr(LoadCsv) success = load_fixture_result (load, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_autoptr(LoadCsv) failed = load_fixture_result (load, FREIGHT_RESULT_FILE_KIND_FAILED);
  g_autoptr(LoadCsv) unprocessed = load_fixture_result (load,
                                                        FREIGHT_RESULT_FILE_KIND_UNPROCESSED);
  g_autoptr(JsonArray) records = load_fixture_query (f, "SELECT Id, External_Id__c FROM Account");
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  LoadCsv *files[] = { success, failed, unprocessed };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    for (guint r = 0; r < files[i]->rows->len; r++)
      {
        const char *row = load_csv_get (files[i], r, "Freight Row");

        g_assert_false (g_hash_table_contains (rows, row));
        g_hash_table_add (rows, g_strdup (row));
      }
  g_assert_cmpuint (g_hash_table_size (rows), ==, n);

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      g_hash_table_insert (ids, (char *) json_object_get_string_member (record,
                                                                        "External_Id__c"),
                           (char *) json_object_get_string_member (record, "Id"));
    }
  /* No duplicates: as many records as keys, and every success row is its own record. */
  g_assert_cmpuint (json_array_get_length (records), ==, g_hash_table_size (ids));
  g_assert_cmpuint (json_array_get_length (records), ==, success->rows->len);
  for (guint r = 0; r < success->rows->len; r++)
    g_assert_cmpstr (g_hash_table_lookup (ids, load_csv_get (success, r, "Key")), ==,
                     load_csv_get (success, r, "Freight Id"));
}

static FreightLoad *
run_accounts (LoadFixture *f,
              guint        n,
              guint        part_rows)
{
  g_autoptr(FreightLoadDescription) description = accounts_description (f, n, part_rows, NULL);
  g_autoptr(GError) error = NULL;
  FreightLoad *load = load_fixture_run (f, description, &error);

  g_assert_no_error (error);
  g_assert_cmpint (freight_load_get_state (load), ==, FREIGHT_LOAD_STATE_FINISHED);
  return load;
}

static void
test_faults_transfers (LoadFixture   *f,
                       gconstpointer  data)
{
  g_autoptr(FreightLoad) load = run_accounts (f, 90, 30);

  g_assert_cmpuint (freight_load_get_rows_succeeded (load), ==, 90);
  assert_complete (f, load, 90);
}

/* Every request late by a random delay, and 5xx and 429 answers on the endpoints the
 * transfers test leaves alone: the upload itself, the close and the first polls. */
static void
test_faults_latency (LoadFixture   *f,
                     gconstpointer  data)
{
  g_autoptr(FreightLoad) load = run_accounts (f, 600, 100);

  g_assert_cmpuint (g_list_model_get_n_items (freight_load_get_jobs (load)), >=, 6);
  g_assert_cmpuint (freight_load_get_rows_succeeded (load), ==, 600);
  assert_complete (f, load, 600);
}

static void
test_faults_lock_rows (LoadFixture   *f,
                       gconstpointer  data)
{
  g_autoptr(FreightLoad) load = run_accounts (f, 200, 100);
  g_autoptr(LoadCsv) failed = load_fixture_result (load, FREIGHT_RESULT_FILE_KIND_FAILED);

  g_assert_cmpuint (failed->rows->len, >, 0);
  g_assert_cmpuint (freight_load_get_rows_failed (load), ==, failed->rows->len);
  for (guint r = 0; r < failed->rows->len; r++)
    {
      g_assert_cmpstr (load_csv_get (failed, r, "Freight Error Code"), ==,
                       "UNABLE_TO_LOCK_ROW");
      g_assert_nonnull (strstr (load_csv_get (failed, r, "Freight Error Message"),
                                "unable to obtain exclusive access"));
    }
  assert_complete (f, load, 200);
}

static void
count_token (FreightAuth *auth,
             GParamSpec  *pspec,
             guint       *n_tokens)
{
  (*n_tokens)++;
}

static void
test_faults_token_expiry (LoadFixture   *f,
                          gconstpointer  data)
{
  g_autoptr(FreightLoad) load = NULL;
  guint n_tokens = 0;

  /* Tokens live two seconds and the org processes 100 rows a second (parts of 200 rows,
   * two jobs at once): the load outlives several tokens and renews them by itself. */
  g_signal_connect (f->auth, "notify::token", G_CALLBACK (count_token), &n_tokens);
  load = run_accounts (f, 1200, 200);
  g_signal_handlers_disconnect_by_func (f->auth, count_token, &n_tokens);

  g_assert_cmpuint (n_tokens, >=, 1);
  g_assert_cmpuint (freight_load_get_rows_succeeded (load), ==, 1200);
  assert_complete (f, load, 1200);
}

/* --- Cancel --- */

static void
cancel_after_first_job (FreightLoad *load,
                        GParamSpec  *pspec,
                        gpointer     user_data)
{
  GListModel *jobs = freight_load_get_jobs (load);

  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(FreightLoadJob) job = g_list_model_get_item (jobs, i);

      if (freight_load_job_state_is_done (freight_load_job_get_state (job)))
        {
          g_signal_handlers_disconnect_by_func (load, cancel_after_first_job, user_data);
          freight_load_cancel (load);
          return;
        }
    }
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_cancel (LoadFixture   *f,
             gconstpointer  data)
{
  /* Four parts of 200 rows, each taking the org a second or more, two at a time. */
  g_autoptr(FreightLoadDescription) description = accounts_description (f, 800, 200, NULL);
  g_autoptr(FreightLoad) load = freight_load_new (description);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LoadCsv) success = NULL;
  g_autoptr(LoadCsv) unprocessed = NULL;
  g_autoptr(GError) error = NULL;
  guint not_sent = 0, aborted = 0;

  /* Any notification: rows-processed may count a job's rows before the job is done. */
  g_signal_connect (load, "notify", G_CALLBACK (cancel_after_first_job), NULL);
  freight_load_run_async (load, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (freight_load_run_finish (load, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (freight_load_get_state (load), ==, FREIGHT_LOAD_STATE_CANCELLED);

  success = load_fixture_result (load, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  unprocessed = load_fixture_result (load, FREIGHT_RESULT_FILE_KIND_UNPROCESSED);
  g_assert_cmpuint (success->rows->len, >=, 200);
  g_assert_cmpuint (unprocessed->rows->len, >, 0);
  for (guint r = 0; r < unprocessed->rows->len; r++)
    {
      const char *reason = load_csv_get (unprocessed, r, "Freight Reason");

      if (g_str_equal (reason, "not sent: the load was cancelled"))
        not_sent++;
      else if (g_str_equal (reason, "job aborted: the load was cancelled"))
        aborted++;
      else
        g_error ("unexpected reason: %s", reason);
    }
  g_assert_cmpuint (not_sent + aborted, ==, unprocessed->rows->len);
  /* The load's counts say what the files hold, aborted jobs' processed rows included. */
  g_assert_cmpuint (freight_load_get_rows_succeeded (load), ==, success->rows->len);
  g_assert_cmpuint (freight_load_get_rows_unprocessed (load), ==, unprocessed->rows->len);
  g_assert_cmpuint (freight_load_get_rows_succeeded (load) + freight_load_get_rows_failed (load) +
                    freight_load_get_rows_unprocessed (load), ==, 800);
  assert_complete (f, load, 800);
}

/* --- Pre-flight and failed.csv --- */

static void
test_preflight_exclusions (LoadFixture   *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) source = load_fixture_write (f, "checked.csv",
    "Name,Key,Employees\n"
    "Good,P-1,1\n"
    ",P-2,2\n"
    "Bad number,P-3,many\n"
    "Good too,P-4,4\n"
    "Repeat,P-4,5\n");
  g_autoptr(FreightMapping) mapping = load_fixture_mapping (f, "Account",
                                                            FREIGHT_OPERATION_INSERT, NULL,
                                                            source);
  g_autoptr(FreightMappingPlan) plan = NULL;
  g_autoptr(FreightPreflight) preflight = NULL;
  g_autoptr(FreightPreflightResult) checked = NULL;
  g_autoptr(FreightLoadDescription) description = NULL;
  g_autoptr(FreightLoad) load = NULL;
  g_autoptr(LoadCsv) success = NULL;
  g_autoptr(LoadCsv) unprocessed = NULL;
  g_autoptr(JsonArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  load_fixture_map (mapping, "Name", "Name");
  load_fixture_map (mapping, "Key", "External_Id__c");
  load_fixture_map (mapping, "Employees", "NumberOfEmployees");
  plan = freight_mapping_plan_new (mapping, freight_mapping_get_source_columns (mapping),
                                   &error);
  g_assert_no_error (error);
  preflight = freight_preflight_new (plan, source, NULL);
  checked = freight_preflight_run (preflight, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_preflight_result_get_n_error_rows (checked), ==, 3);
  freight_preflight_result_set_exclude_rows_with_errors (checked, TRUE);

  description = load_fixture_description (f, mapping, source);
  freight_load_description_set_preflight_result (description, checked);
  load = load_fixture_run (f, description, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_load_get_rows_skipped (load), ==, 3);

  success = load_fixture_result (load, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_assert_cmpuint (success->rows->len, ==, 2);
  g_assert_cmpstr (load_csv_get (success, 0, "Freight Row"), ==, "1");
  g_assert_cmpstr (load_csv_get (success, 1, "Freight Row"), ==, "4");
  unprocessed = load_fixture_result (load, FREIGHT_RESULT_FILE_KIND_UNPROCESSED);
  g_assert_cmpuint (unprocessed->rows->len, ==, 3);
  g_assert_cmpstr (load_csv_get (unprocessed, 0, "Freight Row"), ==, "2");
  g_assert_nonnull (strstr (load_csv_get (unprocessed, 0, "Freight Reason"), "blank"));
  g_assert_cmpstr (load_csv_get (unprocessed, 1, "Employees"), ==, "many");
  g_assert_nonnull (strstr (load_csv_get (unprocessed, 2, "Freight Reason"), "repeats"));
  accounts = load_fixture_query (f, "SELECT Id FROM Account");
  g_assert_cmpuint (json_array_get_length (accounts), ==, 2);
}

static void
test_failed_reloaded (LoadFixture   *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) accounts = load_fixture_write (f, "accounts.csv", "Name,Key\nAcme,A-1\n");
  g_autoptr(GFile) contacts = load_fixture_write (f, "contacts.csv",
    "Last,Mail,Company\nSchmidt,anna@example.com,A-1\nNobody,no@example.com,A-404\n"
    "Okafor,ben@example.com,A-1\nLost,lost@example.com,A-405\n");
  g_autoptr(FreightMapping) account_mapping = load_fixture_mapping (f, "Account",
                                                                    FREIGHT_OPERATION_INSERT,
                                                                    NULL, accounts);
  g_autoptr(FreightMapping) contact_mapping = load_fixture_mapping (f, "Contact",
                                                                    FREIGHT_OPERATION_INSERT,
                                                                    NULL, contacts);
  g_autoptr(FreightMapping) again_mapping = NULL;
  g_autoptr(FreightLoadDescription) description = NULL;
  g_autoptr(FreightLoad) first = NULL;
  g_autoptr(FreightLoad) second = NULL;
  g_autoptr(FreightLoad) third = NULL;
  g_autoptr(LoadCsv) success = NULL;
  g_autoptr(GFile) fixed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *failed_text = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(JsonArray) contact_records = NULL;

  load_fixture_map (account_mapping, "Name", "Name");
  load_fixture_map (account_mapping, "Key", "External_Id__c");
  description = load_fixture_description (f, account_mapping, accounts);
  first = load_fixture_run (f, description, &error);
  g_assert_no_error (error);
  g_clear_object (&description);

  load_fixture_map (contact_mapping, "Last", "LastName");
  load_fixture_map (contact_mapping, "Mail", "Email");
  load_fixture_map (contact_mapping, "Company", "Account.External_Id__c");
  description = load_fixture_description (f, contact_mapping, contacts);
  second = load_fixture_run (f, description, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_load_get_rows_failed (second), ==, 2);
  g_clear_object (&description);

  /* Fix the parents in failed.csv, as in a spreadsheet, and load the file as it is. */
  failed_text = load_fixture_read (freight_load_get_run_dir (second), "failed.csv");
  edited = g_string_new (failed_text);
  g_string_replace (edited, ",A-404\n", ",A-1\n", 0);
  g_string_replace (edited, ",A-405\n", ",A-1\n", 0);
  fixed = load_fixture_write (f, "failed-fixed.csv", edited->str);

  again_mapping = load_fixture_mapping (f, "Contact", FREIGHT_OPERATION_INSERT, NULL, fixed);
  load_fixture_map (again_mapping, "Last", "LastName");
  load_fixture_map (again_mapping, "Mail", "Email");
  load_fixture_map (again_mapping, "Company", "Account.External_Id__c");
  description = load_fixture_description (f, again_mapping, fixed);
  third = load_fixture_run (f, description, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_load_get_rows_succeeded (third), ==, 2);

  /* The original row numbers come through, and Freight's own columns are not repeated. */
  success = load_fixture_result (third, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_assert_cmpuint (success->rows->len, ==, 2);
  g_assert_cmpstr (load_csv_get (success, 0, "Freight Row"), ==, "2");
  g_assert_cmpstr (load_csv_get (success, 1, "Freight Row"), ==, "4");
  g_assert_cmpstr (success->header[3], ==, "Last");
  g_assert_cmpuint (g_strv_length (success->header), ==, 6);
  contact_records = load_fixture_query (f, "SELECT Id FROM Contact");
  g_assert_cmpuint (json_array_get_length (contact_records), ==, 4);
}

static const char * const transfer_faults[] = {
  "--faults", "drop-upload=2x,drop-download=2x,http429@status=3x,http503@create=1x,"
  "http500@close=1x,http503@results=2x,retry-after=1", NULL
};
static const char * const latency_faults[] = {
  "--faults", "latency=5-60,http500@upload=1x,http429@close=2x,http500@status=2x,"
  "http503@upload=0.1,retry-after=1", "--seed", "11", NULL
};
static const char * const lock_faults[] = { "--faults", "lock-rows=0.05", "--seed", "3", NULL };
static const char * const expiring_tokens[] = {
  "--faults", "token-expiry=2", "--rows-per-second", "100", NULL
};
static const char * const slow_org[] = { "--rows-per-second", "100", NULL };

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/freight/load-faults/transfers", LoadFixture, transfer_faults,
              fixture_set_up, test_faults_transfers, fixture_tear_down);
  g_test_add ("/freight/load-faults/latency", LoadFixture, latency_faults,
              fixture_set_up, test_faults_latency, fixture_tear_down);
  g_test_add ("/freight/load-faults/lock-rows", LoadFixture, lock_faults,
              fixture_set_up, test_faults_lock_rows, fixture_tear_down);
  g_test_add ("/freight/load-faults/token-expiry", LoadFixture, expiring_tokens,
              fixture_set_up, test_faults_token_expiry, fixture_tear_down);
  g_test_add ("/freight/load-faults/cancel", LoadFixture, slow_org,
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/freight/load-faults/preflight-exclusions", LoadFixture, NULL,
              fixture_set_up, test_preflight_exclusions, fixture_tear_down);
  g_test_add ("/freight/load-faults/failed-reloaded", LoadFixture, NULL,
              fixture_set_up, test_failed_reloaded, fixture_tear_down);

  return g_test_run ();
}
