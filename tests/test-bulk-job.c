/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"

/* FreightBulkJob from the real reply shapes of salesforce-api.md §2.3 and §3.3, merging
 * a shorter reply into a fuller one, and the Bulk enums' wire names. */

static JsonObject *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static FreightBulkJob *
job_from (const char         *json,
          FreightBulkJobKind  kind)
{
  g_autoptr(JsonObject) object = parse (json);
  g_autoptr(GError) error = NULL;
  FreightBulkJob *job = freight_bulk_job_new_from_json (object, kind, &error);

  g_assert_no_error (error);
  g_assert_nonnull (job);
  return job;
}

#define GET_UPSERT                                                                         \
  "{\"id\":\"750XX00000000AAAAA\",\"operation\":\"upsert\",\"object\":\"Account\","       \
  "\"createdById\":\"005XX00000000AAAAA\",\"createdDate\":\"2024-01-03T23:52:01.000+0000\"," \
  "\"systemModstamp\":\"2024-01-03T23:52:05.000+0000\",\"state\":\"JobComplete\","         \
  "\"externalIdFieldName\":\"Ext_Id__c\",\"concurrencyMode\":\"Parallel\","                \
  "\"contentType\":\"CSV\",\"apiVersion\":60.0,\"jobType\":\"V2Ingest\","                  \
  "\"lineEnding\":\"LF\",\"columnDelimiter\":\"COMMA\",\"numberRecordsProcessed\":3,"       \
  "\"numberRecordsFailed\":1,\"retries\":0,\"totalProcessingTime\":120,"                   \
  "\"apiActiveProcessingTime\":80,\"apexProcessingTime\":0}"

static void
test_get_reply (void)
{
  g_autoptr(FreightBulkJob) job = job_from (GET_UPSERT, FREIGHT_BULK_JOB_KIND_INGEST);
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2024, 1, 3, 23, 52, 1);
  g_autofree char *state = NULL;
  gint64 failed = 0;

  g_assert_cmpstr (freight_bulk_job_get_id (job), ==, "750XX00000000AAAAA");
  g_assert_cmpint (freight_bulk_job_get_kind (job), ==, FREIGHT_BULK_JOB_KIND_INGEST);
  g_assert_cmpint (freight_bulk_job_get_operation (job), ==, FREIGHT_BULK_OPERATION_UPSERT);
  g_assert_cmpstr (freight_bulk_job_get_operation_name (job), ==, "upsert");
  g_assert_cmpstr (freight_bulk_job_get_object (job), ==, "Account");
  g_assert_cmpint (freight_bulk_job_get_state (job), ==, FREIGHT_BULK_JOB_STATE_JOB_COMPLETE);
  g_assert_cmpstr (freight_bulk_job_get_state_name (job), ==, "JobComplete");
  g_assert_cmpstr (freight_bulk_job_get_external_id_field_name (job), ==, "Ext_Id__c");
  g_assert_cmpstr (freight_bulk_job_get_created_by_id (job), ==, "005XX00000000AAAAA");
  g_assert_true (g_date_time_equal (freight_bulk_job_get_created_date (job), expected));
  g_assert_nonnull (freight_bulk_job_get_system_modstamp (job));
  g_assert_cmpstr (freight_bulk_job_get_api_version (job), ==, "60.0");
  g_assert_cmpstr (freight_bulk_job_get_job_type (job), ==, "V2Ingest");
  g_assert_cmpstr (freight_bulk_job_get_concurrency_mode (job), ==, "Parallel");
  g_assert_cmpstr (freight_bulk_job_get_content_type (job), ==, "CSV");
  g_assert_cmpstr (freight_bulk_job_get_line_ending (job), ==, "LF");
  g_assert_cmpstr (freight_bulk_job_get_column_delimiter (job), ==, "COMMA");
  g_assert_null (freight_bulk_job_get_content_url (job));
  g_assert_null (freight_bulk_job_get_error_message (job));
  g_assert_null (freight_bulk_job_get_assignment_rule_id (job));
  g_assert_cmpint (freight_bulk_job_get_number_records_processed (job), ==, 3);
  g_assert_cmpint (freight_bulk_job_get_number_records_failed (job), ==, 1);
  g_assert_cmpint (freight_bulk_job_get_retries (job), ==, 0);
  g_assert_cmpint (freight_bulk_job_get_total_processing_time (job), ==, 120);
  g_assert_cmpint (freight_bulk_job_get_api_active_processing_time (job), ==, 80);
  g_assert_cmpint (freight_bulk_job_get_apex_processing_time (job), ==, 0);
  g_assert_true (freight_bulk_job_is_terminal (job));

  /* Properties, for list rows bound to a job. */
  g_object_get (job, "state-name", &state, "number-records-failed", &failed, NULL);
  g_assert_cmpstr (state, ==, "JobComplete");
  g_assert_cmpint (failed, ==, 1);

  /* Everything the org sent is kept for --json. */
  g_assert_cmpint (json_object_get_int_member (freight_bulk_job_get_json (job),
                                               "apexProcessingTime"), ==, 0);
}

static void
test_create_reply (void)
{
  g_autoptr(FreightBulkJob) job = NULL;

  job = job_from ("{\"id\":\"7503h00000CV7GpAAL\",\"operation\":\"insert\","
                  "\"object\":\"Contact\",\"createdById\":\"0053h000002uxYMAAY\","
                  "\"createdDate\":\"2021-08-31T01:31:13.000+0000\","
                  "\"systemModstamp\":\"2021-08-31T01:31:13.000+0000\",\"state\":\"Open\","
                  "\"concurrencyMode\":\"Parallel\",\"contentType\":\"CSV\","
                  "\"apiVersion\":52.0,\"contentUrl\":"
                  "\"services/data/v52.0/jobs/ingest/7503h00000CV7GpAAL/batches\","
                  "\"lineEnding\":\"LF\",\"columnDelimiter\":\"COMMA\"}",
                  FREIGHT_BULK_JOB_KIND_INGEST);

  g_assert_cmpint (freight_bulk_job_get_state (job), ==, FREIGHT_BULK_JOB_STATE_OPEN);
  g_assert_cmpstr (freight_bulk_job_get_content_url (job), ==,
                   "services/data/v52.0/jobs/ingest/7503h00000CV7GpAAL/batches");
  g_assert_cmpstr (freight_bulk_job_get_api_version (job), ==, "52.0");
  g_assert_cmpint (freight_bulk_job_get_number_records_processed (job), ==, 0);
  g_assert_false (freight_bulk_job_is_terminal (job));
}

static void
test_query_and_failed (void)
{
  g_autoptr(FreightBulkJob) query = NULL;
  g_autoptr(FreightBulkJob) failed = NULL;
  g_autoptr(FreightBulkJob) listed = NULL;

  /* An apiVersion given as an integer, and a query job known by its operation. */
  query = job_from ("{\"id\":\"750R0000000zlh9IAA\",\"operation\":\"queryAll\","
                    "\"object\":\"Account\",\"state\":\"UploadComplete\",\"apiVersion\":62}",
                    FREIGHT_BULK_JOB_KIND_INGEST);
  g_assert_cmpint (freight_bulk_job_get_kind (query), ==, FREIGHT_BULK_JOB_KIND_QUERY);
  g_assert_cmpint (freight_bulk_job_get_operation (query), ==,
                   FREIGHT_BULK_OPERATION_QUERY_ALL);
  g_assert_cmpstr (freight_bulk_job_get_api_version (query), ==, "62.0");

  failed = job_from ("{\"id\":\"750XX00000000BBBBB\",\"operation\":\"insert\","
                     "\"object\":\"Contact\",\"state\":\"Failed\",\"jobType\":\"V2Ingest\","
                     "\"numberRecordsProcessed\":0,\"numberRecordsFailed\":0,"
                     "\"errorMessage\":\"InvalidBatch : Field name not found : "
                     "ContactId__c\"}", FREIGHT_BULK_JOB_KIND_INGEST);
  g_assert_cmpint (freight_bulk_job_get_state (failed), ==, FREIGHT_BULK_JOB_STATE_FAILED);
  g_assert_cmpstr (freight_bulk_job_get_error_message (failed), ==,
                   "InvalidBatch : Field name not found : ContactId__c");

  /* A Bulk v1 job in a listing: unknown operation and state stay readable. */
  listed = job_from ("{\"id\":\"750XX00000000CCCCC\",\"operation\":\"merge\","
                     "\"object\":\"Lead\",\"state\":\"Closed\",\"jobType\":\"Classic\"}",
                     FREIGHT_BULK_JOB_KIND_QUERY);
  g_assert_cmpint (freight_bulk_job_get_kind (listed), ==, FREIGHT_BULK_JOB_KIND_INGEST);
  g_assert_cmpint (freight_bulk_job_get_operation (listed), ==, FREIGHT_BULK_OPERATION_UNKNOWN);
  g_assert_cmpstr (freight_bulk_job_get_operation_name (listed), ==, "merge");
  g_assert_cmpint (freight_bulk_job_get_state (listed), ==, FREIGHT_BULK_JOB_STATE_UNKNOWN);
  g_assert_cmpstr (freight_bulk_job_get_state_name (listed), ==, "Closed");
}

static void
test_invalid (void)
{
  const char *bad[] = {
    "{}",
    "{\"id\":42}",
    "{\"id\":\"750/../../x\"}",
    "{\"id\":\"750XX\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonObject) object = parse (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(FreightBulkJob) job = NULL;

      job = freight_bulk_job_new_from_json (object, FREIGHT_BULK_JOB_KIND_INGEST, &error);
      g_assert_null (job);
      g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_RESPONSE);
    }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static gboolean
has (GPtrArray  *names,
     const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return TRUE;
  return FALSE;
}

static void
test_update (void)
{
  g_autoptr(FreightBulkJob) job = job_from (GET_UPSERT, FREIGHT_BULK_JOB_KIND_INGEST);
  g_autoptr(FreightBulkJob) patch = NULL;
  g_autoptr(FreightBulkJob) same = job_from (GET_UPSERT, FREIGHT_BULK_JOB_KIND_INGEST);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (job, "notify", G_CALLBACK (count_notify), names);

  /* Nothing new: no notification. */
  g_assert_false (freight_bulk_job_update (job, same));
  g_assert_cmpuint (names->len, ==, 0);

  /* A PATCH reply has no counters: they stay. */
  patch = job_from ("{\"id\":\"750XX00000000AAAAA\",\"operation\":\"upsert\","
                    "\"object\":\"Account\",\"state\":\"Aborted\","
                    "\"systemModstamp\":\"2024-01-03T23:59:00.000+0000\"}",
                    FREIGHT_BULK_JOB_KIND_INGEST);
  g_assert_true (freight_bulk_job_update (job, patch));
  g_assert_cmpint (freight_bulk_job_get_state (job), ==, FREIGHT_BULK_JOB_STATE_ABORTED);
  g_assert_cmpint (freight_bulk_job_get_number_records_processed (job), ==, 3);
  g_assert_true (has (names, "state"));
  g_assert_true (has (names, "state-name"));
  g_assert_true (has (names, "system-modstamp"));
  g_assert_false (has (names, "number-records-processed"));
  g_assert_false (has (names, "object"));
  g_assert_cmpstr (json_object_get_string_member (freight_bulk_job_get_json (job), "state"),
                   ==, "Aborted");
  g_assert_cmpint (json_object_get_int_member (freight_bulk_job_get_json (job),
                                               "numberRecordsProcessed"), ==, 3);
}

static void
test_enums (void)
{
  FreightBulkJobKind kind;
  FreightBulkResults results;
  g_autoptr(GError) error = NULL;

  for (int op = FREIGHT_BULK_OPERATION_INSERT; op <= FREIGHT_BULK_OPERATION_QUERY_ALL; op++)
    {
      const char *name = freight_bulk_operation_to_string (op);

      g_assert_cmpint (freight_bulk_operation_from_string (name), ==, op);
      g_assert_nonnull (freight_bulk_operation_get_display_name (op));
    }
  g_assert_cmpstr (freight_bulk_operation_to_string (FREIGHT_BULK_OPERATION_HARD_DELETE), ==,
                   "hardDelete");
  g_assert_cmpint (freight_bulk_operation_from_string ("HARDDELETE"), ==,
                   FREIGHT_BULK_OPERATION_HARD_DELETE);
  g_assert_cmpint (freight_bulk_operation_from_string ("merge"), ==,
                   FREIGHT_BULK_OPERATION_UNKNOWN);
  g_assert_cmpint (freight_bulk_operation_get_kind (FREIGHT_BULK_OPERATION_QUERY_ALL), ==,
                   FREIGHT_BULK_JOB_KIND_QUERY);
  g_assert_cmpint (freight_bulk_operation_get_kind (FREIGHT_BULK_OPERATION_DELETE), ==,
                   FREIGHT_BULK_JOB_KIND_INGEST);

  for (int s = FREIGHT_BULK_JOB_STATE_OPEN; s <= FREIGHT_BULK_JOB_STATE_ABORTED; s++)
    {
      g_assert_cmpint (freight_bulk_job_state_from_string (freight_bulk_job_state_to_string (s)),
                       ==, s);
      g_assert_nonnull (freight_bulk_job_state_get_display_name (s));
    }
  g_assert_cmpstr (freight_bulk_job_state_to_string (FREIGHT_BULK_JOB_STATE_UPLOAD_COMPLETE),
                   ==, "UploadComplete");
  g_assert_false (freight_bulk_job_state_is_terminal (FREIGHT_BULK_JOB_STATE_IN_PROGRESS));
  g_assert_true (freight_bulk_job_state_is_terminal (FREIGHT_BULK_JOB_STATE_FAILED));

  g_assert_true (freight_bulk_job_kind_from_string ("Query", &kind));
  g_assert_cmpint (kind, ==, FREIGHT_BULK_JOB_KIND_QUERY);
  g_assert_false (freight_bulk_job_kind_from_string ("batch", &kind));
  g_assert_cmpstr (freight_bulk_job_kind_to_string (FREIGHT_BULK_JOB_KIND_INGEST), ==, "ingest");

  g_assert_true (freight_bulk_results_from_string ("unprocessedRecords", &results));
  g_assert_cmpint (results, ==, FREIGHT_BULK_RESULTS_UNPROCESSED);
  g_assert_true (freight_bulk_results_from_string ("failed", &results));
  g_assert_cmpint (results, ==, FREIGHT_BULK_RESULTS_FAILED);
  g_assert_false (freight_bulk_results_from_string ("all", &results));
  g_assert_cmpstr (freight_bulk_results_to_string (FREIGHT_BULK_RESULTS_SUCCESSFUL), ==,
                   "successfulResults");
  g_assert_cmpstr (freight_bulk_results_get_file_name (FREIGHT_BULK_RESULTS_UNPROCESSED), ==,
                   "unprocessed.csv");

  g_assert_true (freight_bulk_check_job_id ("7503h00000CV7GpAAL", NULL));
  g_assert_true (freight_bulk_check_job_id ("7503h00000CV7Gp", NULL));
  g_assert_false (freight_bulk_check_job_id ("7503h00000CV7G", NULL));
  g_assert_false (freight_bulk_check_job_id (NULL, NULL));
  g_assert_false (freight_bulk_check_job_id ("7503h00000CV7G?AAL", &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "7503h00000CV7G?AAL"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/freight/bulk-job/get-reply", test_get_reply);
  g_test_add_func ("/freight/bulk-job/create-reply", test_create_reply);
  g_test_add_func ("/freight/bulk-job/query-and-failed", test_query_and_failed);
  g_test_add_func ("/freight/bulk-job/invalid", test_invalid);
  g_test_add_func ("/freight/bulk-job/update", test_update);
  g_test_add_func ("/freight/bulk-job/enums", test_enums);

  return g_test_run ();
}
