/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "load-harness.h"

/* The load pipeline against freight-local-org, in process: every operation, parts and jobs
 * in flight, results shuffled and normalized by the org joined back right, the result
 * files byte for byte, summary.json and the journal, and the poller's backoff. */

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

/* Every success row's Id is the org's record with the row's external ID. */
static void
assert_ids_match (LoadFixture *f,
                  LoadCsv     *success,
                  const char  *object,
                  const char  *key_column,
                  const char  *key_field)
{
  g_autofree char *soql = g_strdup_printf ("SELECT Id, %s FROM %s", key_field, object);
  g_autoptr(JsonArray) records = load_fixture_query (f, soql);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      const char *key = json_object_get_string_member_with_default (record, key_field, NULL);

      if (key != NULL)
        {
          g_assert_null (g_hash_table_lookup (by_key, key));
          g_hash_table_insert (by_key, (char *) key,
                               (char *) json_object_get_string_member (record, "Id"));
        }
    }
  for (guint i = 0; i < success->rows->len; i++)
    {
      const char *key = load_csv_get (success, i, key_column);
      const char *id = load_csv_get (success, i, "Freight Id");

      g_assert_cmpstr (g_hash_table_lookup (by_key, key), ==, id);
    }
}

static void
test_load_insert (LoadFixture   *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) source = load_fixture_write (f, "accounts.csv",
    "Company,Key,Staff,Note\n"
    "Acme,A-1,10,first\n"
    "\"Globex, Inc.\",A-2,20,\"two\nlines\"\n"
    "Initech,A-3,,\n"
    "Umbrella,A-4,40,x\n");
  g_autoptr(FreightMapping) mapping = load_fixture_mapping (f, "Account",
                                                            FREIGHT_OPERATION_INSERT, NULL,
                                                            source);
  g_autoptr(FreightLoadDescription) description = NULL;
  g_autoptr(FreightLoad) load = NULL;
  g_autoptr(LoadCsv) success = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *unprocessed = NULL;
  g_autofree char *summary_text = NULL;
  g_autoptr(GFile) spool = NULL;
  JsonObject *counts;

  load_fixture_map (mapping, "Company", "Name");
  load_fixture_map (mapping, "Key", "External_Id__c");
  load_fixture_map (mapping, "Staff", "NumberOfEmployees");
  description = load_fixture_description (f, mapping, source);
  load = load_fixture_run (f, description, &error);
  g_assert_no_error (error);

  g_assert_cmpint (freight_load_get_state (load), ==, FREIGHT_LOAD_STATE_FINISHED);
  g_assert_cmpuint (freight_load_get_rows_total (load), ==, 4);
  g_assert_cmpuint (freight_load_get_rows_succeeded (load), ==, 4);
  g_assert_cmpuint (freight_load_get_rows_failed (load), ==, 0);
  g_assert_cmpuint (freight_load_get_rows_unprocessed (load), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (freight_load_get_jobs (load)), ==, 1);

  success = load_fixture_result (load, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_assert_cmpuint (success->rows->len, ==, 4);
  g_assert_cmpstr (success->header[0], ==, "Freight Row");
  g_assert_cmpstr (success->header[1], ==, "Freight Id");
  g_assert_cmpstr (success->header[2], ==, "Freight Created");
  g_assert_cmpstr (success->header[3], ==, "Company");
  g_assert_cmpstr (load_csv_get (success, 1, "Freight Row"), ==, "2");
  g_assert_cmpstr (load_csv_get (success, 1, "Company"), ==, "Globex, Inc.");
  g_assert_cmpstr (load_csv_get (success, 1, "Note"), ==, "two\nlines");
  g_assert_cmpstr (load_csv_get (success, 1, "Freight Created"), ==, "true");
  assert_ids_match (f, success, "Account", "Key", "External_Id__c");

  failed = load_fixture_read (freight_load_get_run_dir (load), "failed.csv");
  g_assert_cmpstr (failed, ==,
                   "Freight Row,Freight Error Code,Freight Error Message,Freight Error Fields,"
                   "Company,Key,Staff,Note\n");
  unprocessed = load_fixture_read (freight_load_get_run_dir (load), "unprocessed.csv");
  g_assert_cmpstr (unprocessed, ==, "Freight Row,Freight Reason,Company,Key,Staff,Note\n");

  summary = freight_load_dup_summary (load);
  g_assert_nonnull (summary);
  counts = json_object_get_object_member (json_node_get_object (summary), "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "rows"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (counts, "succeeded"), ==, 4);
  summary_text = load_fixture_read (freight_load_get_run_dir (load), "summary.json");
  g_assert_nonnull (strstr (summary_text, "\"operation\" : \"insert\""));
  spool = g_file_get_child (freight_load_get_run_dir (load), ".spool");
  g_assert_false (g_file_query_exists (spool, NULL));
}

/* Watches the load's jobs model for how many jobs were open at once. */
typedef struct
{
  FreightLoad *load;
  guint        max_open;
} JobWatch;

static void
count_open_jobs (JobWatch *watch)
{
  GListModel *jobs = freight_load_get_jobs (watch->load);
  guint open = 0;

  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(FreightLoadJob) job = g_list_model_get_item (jobs, i);
      FreightLoadJobState state = freight_load_job_get_state (job);

      if (state >= FREIGHT_LOAD_JOB_STATE_CREATING && state <= FREIGHT_LOAD_JOB_STATE_ABORTING)
        open++;
    }
  watch->max_open = MAX (watch->max_open, open);
}

static void
on_rows_processed (FreightLoad *load,
                   GParamSpec  *pspec,
                   JobWatch    *watch)
{
  count_open_jobs (watch);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static char *
make_accounts (guint       n,
               const char *prefix)
{
  GString *text = g_string_new ("Name,External Key,Employees,Revenue,Since\n");

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "Company %u,%s-%u,%u,%u,2020-0%u-1%u\n", i, prefix, i, i,
                            i * 1000 + 31, 1 + i % 9, i % 10);
  return g_string_free (text, FALSE);
}

#define N_PART_ROWS 1200
#define PART_SIZE   8000

static void
test_load_parts (LoadFixture   *f,
                 gconstpointer  data)
{
  g_autofree char *text = make_accounts (N_PART_ROWS, "P");
  g_autoptr(GFile) source = load_fixture_write (f, "parts.csv", text);
  g_autoptr(FreightMapping) mapping = load_fixture_mapping (f, "Account",
                                                            FREIGHT_OPERATION_INSERT, NULL,
                                                            source);
  g_autoptr(FreightLoadDescription) description = NULL;
  g_autoptr(FreightLoad) load = NULL;
  g_autoptr(LoadCsv) success = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JobWatch watch = { 0 };
  GListModel *jobs;

  load_fixture_map (mapping, "Name", "Name");
  load_fixture_map (mapping, "External Key", "External_Id__c");
  load_fixture_map (mapping, "Employees", "NumberOfEmployees");
  load_fixture_map (mapping, "Revenue", "AnnualRevenue");
  load_fixture_map (mapping, "Since", "SLAExpirationDate__c");
  description = load_fixture_description (f, mapping, source);
  /* 1200 rows of ~45 bytes in parts under 8000 bytes: 6 or more parts, each slowed down
   * by the org (--rows-per-second), so that jobs overlap. */
  freight_load_description_set_part_size (description, PART_SIZE);
  freight_load_description_set_jobs_in_flight (description, 3);

  load = freight_load_new (description);
  watch.load = load;
  g_signal_connect (load, "notify", G_CALLBACK (on_rows_processed), &watch);
  freight_load_run_async (load, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (freight_load_run_finish (load, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (freight_load_get_state (load), ==, FREIGHT_LOAD_STATE_FINISHED);

  jobs = freight_load_get_jobs (load);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), >=, 6);
  g_assert_cmpuint (watch.max_open, >=, 2);
  g_assert_cmpuint (watch.max_open, <=, 3);
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(FreightLoadJob) job = g_list_model_get_item (jobs, i);

      g_assert_cmpint (freight_load_job_get_state (job), ==, FREIGHT_LOAD_JOB_STATE_COMPLETE);
      g_assert_cmpuint (freight_load_job_get_bytes (job), <=, PART_SIZE);
      g_assert_true (g_str_has_prefix (freight_load_job_get_job_id (job), "750"));
    }

  success = load_fixture_result (load, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_assert_cmpuint (success->rows->len, ==, N_PART_ROWS);
  for (guint i = 0; i < N_PART_ROWS; i++)
    {
      g_autofree char *row = g_strdup_printf ("%u", i + 1);
      g_autofree char *key = g_strdup_printf ("P-%u", i + 1);

      /* In source order, each with its own record's Id. */
      g_assert_cmpstr (load_csv_get (success, i, "Freight Row"), ==, row);
      g_assert_cmpstr (load_csv_get (success, i, "External Key"), ==, key);
    }
  assert_ids_match (f, success, "Account", "External Key", "External_Id__c");
}

/* --- The poller --- */

/* When each status request of an ingest job starts, from the HTTP layer's debug log. */
typedef struct
{
  GMutex  lock;
  GArray *times;   /* gint64, monotonic */
} PollLog;

static void
log_poll (const char     *domain,
          GLogLevelFlags  level,
          const char     *message,
          gpointer        user_data)
{
  PollLog *log = user_data;
  const char *path = strstr (message, "/jobs/ingest/750");
  gint64 now = g_get_monotonic_time ();

  /* "GET …/jobs/ingest/750… (attempt 1)": the job itself, not its results. */
  if (!g_str_has_prefix (message, "GET ") || path == NULL || strchr (path + 14, '/') != NULL ||
      strstr (message, "(attempt") == NULL)
    return;
  g_mutex_lock (&log->lock);
  g_array_append_val (log->times, now);
  g_mutex_unlock (&log->lock);
}

static void
test_load_poll_backoff (LoadFixture   *f,
                        gconstpointer  data)
{
  g_autofree char *text = make_accounts (150, "B");
  g_autoptr(GFile) source = load_fixture_write (f, "slow.csv", text);
  g_autoptr(FreightMapping) mapping = load_fixture_mapping (f, "Account",
                                                            FREIGHT_OPERATION_INSERT, NULL,
                                                            source);
  g_autoptr(FreightLoadDescription) description = NULL;
  g_autoptr(FreightLoad) load = NULL;
  g_autoptr(GError) error = NULL;
  PollLog log = { 0 };
  gint64 first_gap = 0, max_gap = 0;
  guint handler;

  load_fixture_map (mapping, "Name", "Name");
  load_fixture_map (mapping, "External Key", "External_Id__c");
  description = load_fixture_description (f, mapping, source);
  /* Polls from 50 ms, slowing down by half each time nothing moves, to at most 400 ms. */
  freight_load_description_set_poll_interval (description, 50);
  freight_load_description_set_max_poll_interval (description, 400);

  g_mutex_init (&log.lock);
  log.times = g_array_new (FALSE, FALSE, sizeof (gint64));
  handler = g_log_set_handler ("freight-http", G_LOG_LEVEL_DEBUG, log_poll, &log);
  load = load_fixture_run (f, description, &error);
  g_log_remove_handler ("freight-http", handler);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_load_get_rows_succeeded (load), ==, 150);

  /* The org takes 100 rows at once, then nothing for 2 s (50 rows a second), then the last
   * 50: while nothing moves, the polls slow down to the longest interval and stay there. */
  g_assert_cmpuint (log.times->len, >=, 6);
  g_assert_cmpuint (log.times->len, <=, 40);
  for (guint i = 1; i < log.times->len; i++)
    {
      gint64 gap = g_array_index (log.times, gint64, i) - g_array_index (log.times, gint64, i - 1);

      g_test_message ("poll %u: %" G_GINT64_FORMAT " ms after the one before", i, gap / 1000);
      g_assert_cmpint (gap, >=, 45 * 1000);
      if (i == 1)
        first_gap = gap;
      max_gap = MAX (max_gap, gap);
    }
  g_assert_cmpint (first_gap, <, 300 * 1000);
  g_assert_cmpint (max_gap, >=, 390 * 1000);
  g_assert_cmpint (max_gap, <, 1000 * 1000);   /* the longest interval holds */
  g_assert_cmpint (max_gap, >=, 3 * first_gap);
  g_array_unref (log.times);
  g_mutex_clear (&log.lock);
}

static const char * const slow_org[] = { "--rows-per-second", "400", NULL };
static const char * const very_slow_org[] = { "--rows-per-second", "50", NULL };

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/freight/load/insert", LoadFixture, NULL,
              fixture_set_up, test_load_insert, fixture_tear_down);

  g_test_add ("/freight/load/parts", LoadFixture, slow_org,
              fixture_set_up, test_load_parts, fixture_tear_down);
  g_test_add ("/freight/load/poll-backoff", LoadFixture, very_slow_org,
              fixture_set_up, test_load_poll_backoff, fixture_tear_down);

  return g_test_run ();
}
