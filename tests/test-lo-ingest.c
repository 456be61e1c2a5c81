/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lo-ingest-helpers.h"

/* Protocol tests of the Bulk 2.0 ingest endpoints (§2): reply shapes, states, errors,
 * uploads, listing, result files and their order, against a running freight-local-org. */

static void
test_create_reply (void)
{
  g_autoptr(LoResponse) r = lo_harness_post_json (org, JOBS,
                                                  "{\"object\":\"Account\",\"operation\":"
                                                  "\"insert\",\"lineEnding\":\"LF\"}");
  g_autoptr(JsonNode) json = lo_response_get_json (r);
  JsonObject *job = json_node_get_object (json);
  g_autoptr(GList) members = json_object_get_members (job);
  const char *expected[] = { "id", "operation", "object", "createdById", "createdDate",
                             "systemModstamp", "state", "concurrencyMode", "contentType",
                             "apiVersion", "contentUrl", "lineEnding", "columnDelimiter" };
  g_autofree char *content_url = NULL;
  g_autofree char *get_path = NULL;
  g_autoptr(LoResponse) fresh = NULL;
  GList *l = members;

  lo_assert_status (r, 200);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++, l = l->next)
    g_assert_cmpstr (l->data, ==, expected[i]);
  g_assert_null (l);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (job, "id"), "750"));
  g_assert_cmpuint (strlen (json_object_get_string_member (job, "id")), ==, 18);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "Open");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"
                                       "\\+0000$",
                                       json_object_get_string_member (job, "createdDate"), 0, 0));
  g_assert_true (strstr (r->text, "\"apiVersion\":62.0") != NULL);
  content_url = g_strdup_printf ("services/data/v62.0/jobs/ingest/%s/batches",
                                 json_object_get_string_member (job, "id"));
  g_assert_cmpstr (json_object_get_string_member (job, "contentUrl"), ==, content_url);

  /* A fresh Open job has no counters yet; GET adds jobType. */
  get_path = job_path (json_object_get_string_member (job, "id"), NULL);
  fresh = lo_harness_get (org, get_path);
  lo_assert_status (fresh, 200);
  g_assert_true (strstr (fresh->text, "\"jobType\":\"V2Ingest\"") != NULL);
  g_assert_null (strstr (fresh->text, "numberRecordsProcessed"));
  g_assert_true (strstr (fresh->text, "\"contentUrl\"") != NULL);
}

static void
test_insert_results (void)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = run_job ("Account", "insert",
                                       "Name,AnnualRevenue,NumberOfEmployees\n"
                                       "Acme,912260031,10\n"
                                       ",5,3\n"
                                       "Globex,abc,2\n", &id);
  g_autofree char *ok = results (id, "successfulResults");
  g_autofree char *failed = results (id, "failedResults");
  g_autofree char *unprocessed = results (id, "unprocessedrecords");
  g_autofree char *new_id = first_id (ok);
  g_autofree char *soql = g_strdup_printf ("SELECT Name, AnnualRevenue, OwnerId FROM Account "
                                           "WHERE Id = '%s'", new_id);
  g_autoptr(JsonObject) record = query_one (soql);
  g_autofree char *expected_ok = g_strdup_printf ("\"sf__Id\",\"sf__Created\",Name,"
                                                  "AnnualRevenue,NumberOfEmployees\n"
                                                  "\"%s\",\"true\",\"Acme\",\"9.12260031E8\","
                                                  "\"10\"\n", new_id);

  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "JobComplete");
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsProcessed"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 2);
  g_assert_false (json_object_has_member (job, "errorMessage"));
  g_assert_cmpstr (ok, ==, expected_ok);
  g_assert_cmpstr (failed, ==,
                   "\"sf__Id\",\"sf__Error\",Name,AnnualRevenue,NumberOfEmployees\n"
                   "\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\","
                   "\"\",\"5.0\",\"3\"\n"
                   "\"\",\"INVALID_TYPE_ON_FIELD_IN_RECORD:Annual Revenue: value not of required "
                   "type: abc:AnnualRevenue --\",\"Globex\",\"abc\",\"2\"\n");
  g_assert_cmpstr (unprocessed, ==, "Name,AnnualRevenue,NumberOfEmployees\n");
  g_assert_nonnull (record);
  g_assert_cmpstr (json_object_get_string_member (record, "Name"), ==, "Acme");
  g_assert_cmpfloat (json_object_get_double_member (record, "AnnualRevenue"), ==, 912260031.0);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (record, "OwnerId"), "005"));
}

static void
test_second_put (void)
{
  g_autofree char *id = create_job (org, "{\"object\":\"Account\",\"operation\":\"insert\"}");
  g_autoptr(LoResponse) closed = NULL;
  g_autoptr(LoResponse) aborted = NULL;
  g_autofree char *message = NULL;

  upload (org, id, "Name\nA\n");
  upload (org, id, "Name\nB\n");
  closed = patch_state (org, id, "UploadComplete");
  message = g_strdup_printf ("Found multipe contents for job: <%.15s>, please 'Close' / 'Abort' "
                             "/ 'Delete' the current Job then create a new Job and make sure you "
                             "only do 'PUT' once on a given Job.", id);
  assert_error (closed, 400, "INVALIDJOB", message);
  aborted = patch_state (org, id, "Aborted");
  lo_assert_status (aborted, 200);
  g_assert_true (strstr (aborted->text, "\"state\":\"Aborted\"") != NULL);
}

static void
test_invalid_state (void)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = run_job ("Account", "insert", "Name\nState Test\n", &id);
  g_autoptr(LoResponse) again = patch_state (org, id, "UploadComplete");
  g_autoptr(LoResponse) abort = patch_state (org, id, "Aborted");
  g_autoptr(LoResponse) bogus = patch_state (org, id, "JobComplete");
  g_autofree char *batches = job_path (id, "batches");
  g_autoptr(LoResponse) put = lo_harness_request (org, "PUT", batches, "text/csv", "Name\nX\n",
                                                  -1, NULL);

  assert_error (again, 400, "INVALIDJOBSTATE", "Closing already Completed Job not allowed");
  assert_error (abort, 400, "INVALIDJOBSTATE", "Aborting already Completed Job not allowed");
  assert_error (bogus, 400, "INVALIDJOBSTATE", NULL);
  assert_error (put, 400, "INVALIDJOBSTATE", NULL);
}

static void
test_results_before_end (void)
{
  g_autofree char *id = create_job (org, "{\"object\":\"Account\",\"operation\":\"insert\"}");
  g_autofree char *path = job_path (id, "successfulResults");
  g_autoptr(LoResponse) r = lo_harness_get (org, path);

  assert_error (r, 400, "INVALIDJOBSTATE", NULL);
}

static void
test_delete_job (void)
{
  g_autofree char *open_id = create_job (org, "{\"object\":\"Account\",\"operation\":\"insert\"}");
  g_autofree char *open_path = job_path (open_id, NULL);
  g_autoptr(LoResponse) refused = lo_harness_request (org, "DELETE", open_path, NULL, NULL, 0,
                                                      NULL);
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = run_job ("Account", "insert", "Name\nDelete Me\n", &id);
  g_autofree char *path = job_path (id, NULL);
  g_autoptr(LoResponse) deleted = lo_harness_request (org, "DELETE", path, NULL, NULL, 0, NULL);
  g_autoptr(LoResponse) gone = lo_harness_get (org, path);
  g_autoptr(LoResponse) unknown = lo_harness_get (org, JOBS "/7505j00000AbCdEAAA");
  g_autoptr(LoResponse) malformed = lo_harness_get (org, JOBS "/nonsense");

  assert_error (refused, 400, "API_ERROR",
                "Error encountered when deleting the job because the job is not terminated");
  lo_assert_status (deleted, 204);
  g_assert_cmpuint (g_bytes_get_size (deleted->body), ==, 0);
  assert_error (gone, 404, "NOT_FOUND", "The requested resource does not exist");
  assert_error (unknown, 404, "NOT_FOUND", "The requested resource does not exist");
  assert_error (malformed, 404, "NOT_FOUND", "The requested resource does not exist");
}

static void
test_create_errors (void)
{
  g_autoptr(LoResponse) entity = lo_harness_post_json (org, JOBS, "{\"object\":\"Nope__c\","
                                                       "\"operation\":\"insert\"}");
  g_autoptr(LoResponse) operation = lo_harness_post_json (org, JOBS, "{\"object\":\"Account\","
                                                          "\"operation\":\"INSERT\"}");
  g_autoptr(LoResponse) upsert = lo_harness_post_json (org, JOBS, "{\"object\":\"Invoice__c\","
                                                       "\"operation\":\"upsert\","
                                                       "\"externalIdFieldName\":\"Amount__c\"}");
  g_autoptr(LoResponse) json = lo_harness_post_json (org, JOBS, "{\"object\":");
  g_autoptr(LoResponse) delimiter = lo_harness_post_json (org, JOBS, "{\"object\":\"Account\","
                                                          "\"operation\":\"insert\","
                                                          "\"columnDelimiter\":\"SPACE\"}");
  g_autoptr(LoResponse) hard = lo_harness_post_json (org, JOBS, "{\"object\":\"Account\","
                                                     "\"operation\":\"hardDelete\"}");

  assert_error (entity, 400, "INVALIDENTITY",
                "Entity 'Nope__c' is not supported by the Bulk API.");
  assert_error (operation, 400, "INVALIDJOB", NULL);
  assert_error (upsert, 400, "INVALIDJOB",
                "InvalidJob : Field name provided, Amount__c does not match an External ID, "
                "Salesforce Id, or indexed field for Invoice__c");
  assert_error (json, 400, "API_ERROR", NULL);
  assert_error (delimiter, 400, "INVALIDJOB", NULL);
  assert_error (hard, 400, "FEATURENOTENABLED", NULL);
}

static void
test_list (void)
{
  const char *args[] = { "--jobs-page-size=2", NULL };
  g_autoptr(LoHarness) small = lo_harness_start (args);
  g_autoptr(LoResponse) first = NULL;
  g_autoptr(LoResponse) second = NULL;
  g_autoptr(LoResponse) classic = NULL;
  g_autoptr(JsonNode) json1 = NULL;
  g_autoptr(JsonNode) json2 = NULL;
  JsonObject *page;

  for (int i = 0; i < 3; i++)
    g_free (create_job (small, "{\"object\":\"Account\",\"operation\":\"insert\"}"));
  first = lo_harness_get (small, JOBS);
  lo_assert_status (first, 200);
  json1 = lo_response_get_json (first);
  page = json_node_get_object (json1);
  g_assert_false (json_object_get_boolean_member (page, "done"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "records")), ==, 2);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (page, "nextRecordsUrl"),
                                   JOBS "?queryLocator="));
  g_assert_true (strstr (first->text, "\"jobType\":\"V2Ingest\"") != NULL);
  second = lo_harness_get (small, json_object_get_string_member (page, "nextRecordsUrl"));
  lo_assert_status (second, 200);
  json2 = lo_response_get_json (second);
  page = json_node_get_object (json2);
  g_assert_true (json_object_get_boolean_member (page, "done"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "records")), ==, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (page, "nextRecordsUrl")));
  classic = lo_harness_get (small, JOBS "?jobType=Classic");
  lo_assert_status (classic, 200);
  g_assert_true (strstr (classic->text, "\"records\":[]") != NULL);
  lo_harness_stop (small);
}

static void
test_path_tolerance (void)
{
  g_autoptr(LoResponse) created = lo_harness_post_json (org, "/services/data/v62.0/jobs/ingest//",
                                                        "{\"object\":\"Account\","
                                                        "\"operation\":\"insert\"}");
  g_autoptr(JsonNode) json = lo_response_get_json (created);
  const char *id = json_object_get_string_member (json_node_get_object (json), "id");
  g_autofree char *batches = g_strdup_printf ("%s/%s/batches/", JOBS, id);
  g_autofree char *job = g_strdup_printf ("%s/%s/", JOBS, id);
  g_autofree char *unprocessed = g_strdup_printf ("%s/%s/unprocessedRecords/", JOBS, id);
  g_autoptr(LoResponse) put = lo_harness_request (org, "PUT", batches,
                                                  "text/csv; charset=UTF-8", "Name\nSlash\n", -1,
                                                  NULL);
  g_autoptr(LoResponse) closed = lo_harness_request (org, "PATCH", job, "application/json",
                                                     "{\"state\":\"UploadComplete\"}", -1, NULL);
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(LoResponse) results_r = NULL;

  lo_assert_status (created, 200);
  lo_assert_status (put, 201);
  lo_assert_status (closed, 200);
  done = lo_harness_wait_for_job (org, job);
  g_assert_cmpint (json_object_get_int_member (done, "numberRecordsProcessed"), ==, 1);
  results_r = lo_harness_get (org, unprocessed);
  lo_assert_status (results_r, 200);
  g_assert_cmpstr (results_r->text, ==, "Name\n");
}

static void
test_chunked_upload (void)
{
  g_autofree char *id = create_job (org, "{\"object\":\"Contact\",\"operation\":\"insert\"}");
  g_autofree char *batches = job_path (id, "batches");
  g_autofree char *path = job_path (id, NULL);
  g_autoptr(GString) csv = g_string_new ("LastName,Email\n");
  g_autoptr(LoResponse) put = NULL;
  g_autoptr(LoResponse) closed = NULL;
  g_autoptr(JsonObject) job = NULL;

  for (int i = 0; i < 5000; i++)
    g_string_append_printf (csv, "Chunk %d,chunk%d@example.com\n", i, i);
  put = lo_harness_put_chunked (org, batches, csv->str, csv->len);
  lo_assert_status (put, 201);
  closed = patch_state (org, id, "UploadComplete");
  lo_assert_status (closed, 200);
  job = lo_harness_wait_for_job (org, path);
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsProcessed"), ==, 5000);
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 0);
}

static void
test_multipart (void)
{
  const char *body =
    "--BOUNDARY\r\n"
    "Content-Type: application/json\r\n"
    "Content-Disposition: form-data; name=\"job\"\r\n\r\n"
    "{\"object\":\"Contact\",\"contentType\":\"CSV\",\"operation\":\"insert\"}\r\n"
    "--BOUNDARY\r\n"
    "Content-Type: text/csv\r\n"
    "Content-Disposition: form-data; name=\"content\"; filename=\"content\"\r\n\r\n"
    "LastName,FirstName\nMultipart,Mia\n\r\n"
    "--BOUNDARY--\r\n";
  g_autoptr(LoResponse) r = lo_harness_request (org, "POST", JOBS,
                                                "multipart/form-data; boundary=BOUNDARY", body,
                                                -1, NULL);
  g_autoptr(JsonNode) json = lo_response_get_json (r);
  const char *id = json_object_get_string_member (json_node_get_object (json), "id");
  g_autofree char *path = job_path (id, NULL);
  g_autoptr(JsonObject) job = NULL;
  g_autoptr(JsonObject) record = NULL;

  lo_assert_status (r, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "state"), ==,
                   "UploadComplete");
  job = lo_harness_wait_for_job (org, path);
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsProcessed"), ==, 1);
  record = query_one ("SELECT Name FROM Contact WHERE LastName = 'Multipart'");
  g_assert_cmpstr (json_object_get_string_member (record, "Name"), ==, "Mia Multipart");
}

static void
assert_failed_job (const char *object,
                   const char *operation,
                   const char *csv,
                   const char *message)
{
  g_autofree char *id = NULL;
  g_autofree char *body = g_strdup_printf ("{\"object\":\"%s\",\"operation\":\"%s\"%s}",
                                           object, operation,
                                           g_str_equal (operation, "upsert")
                                           ? ",\"externalIdFieldName\":\"External_Id__c\"" : "");
  g_autoptr(JsonObject) job = run_job_on (org, body, csv, &id);
  g_autofree char *unprocessed = results (id, "unprocessedrecords");

  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "Failed");
  g_assert_cmpstr (json_object_get_string_member (job, "errorMessage"), ==, message);
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsProcessed"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 0);
  g_assert_cmpstr (unprocessed, ==, csv);
}

static void
test_header_errors (void)
{
  assert_failed_job ("Account", "insert", "Name,Bogus__c\nA,1\n",
                     "InvalidBatch : Field name not found : Bogus__c");
  assert_failed_job ("Account", "insert", "Name,CreatedDate\nA,2024-01-01T00:00:00Z\n",
                     "InvalidBatch : Field name not found : CreatedDate");
  assert_failed_job ("Contact", "insert", "LastName,Acount.Name\nA,B\n",
                     "InvalidBatch : Unable to find relationship: Acount");
  assert_failed_job ("Contact", "insert", "LastName,Account:ReportsTo.Email\nA,b@c.de\n",
                     "InvalidBatch : type is not needed for non polymorphic foreign key "
                     "references: ReportsTo");
  assert_failed_job ("Invoice__c", "upsert", "Amount__c\n1\n",
                     "InvalidBatch : External ID field External_Id__c is not in the header");
}

static void
check_order (LoHarness *o,
             gboolean   expect_input_order)
{
  g_autoptr(GString) csv = g_string_new ("LastName,Department\n");
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = NULL;
  g_autofree char *ok = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean in_order = TRUE;
  int last = -1;

  for (int i = 0; i < 25000; i++)
    g_string_append_printf (csv, "Order,%d\n", i);
  job = run_job_on (o, "{\"object\":\"Contact\",\"operation\":\"insert\"}", csv->str, &id);
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsProcessed"), ==, 25000);
  ok = results_on (o, id, "successfulResults");
  lines = data_lines (ok);
  g_assert_cmpuint (g_strv_length (lines), ==, 25000);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *dep = strrchr (lines[i], ',');
      int n = atoi (dep + 2);

      if (n < last)
        in_order = FALSE;
      last = n;
    }
  g_assert_true (in_order == expect_input_order);
}

static void
test_result_order (void)
{
  const char *args[] = { "--in-order", NULL };
  g_autoptr(LoHarness) ordered = lo_harness_start (args);

  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = NULL;
  g_autofree char *ok = NULL;

  check_order (org, FALSE);
  check_order (ordered, TRUE);
  /* --in-order also echoes values as they were sent. */
  job = run_job_on (ordered, "{\"object\":\"Account\",\"operation\":\"insert\"}",
                    "Name,AnnualRevenue\nVerbatim,912260031\n", &id);
  ok = results_on (ordered, id, "successfulResults");
  g_assert_true (g_str_has_suffix (ok, ",\"true\",\"Verbatim\",\"912260031\"\n"));
  lo_harness_stop (ordered);
}

static void
test_progress_and_abort (void)
{
  const char *args[] = { "--rows-per-second=20000", NULL };
  g_autoptr(LoHarness) slow = lo_harness_start (args);
  g_autoptr(GString) csv = g_string_new ("LastName\n");
  g_autofree char *id = create_job (slow, "{\"object\":\"Contact\",\"operation\":\"insert\"}");
  g_autofree char *path = job_path (id, NULL);
  g_autoptr(LoResponse) closed = NULL;
  g_autoptr(LoResponse) aborted = NULL;
  g_autoptr(JsonObject) job = NULL;
  g_autofree char *unprocessed = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 seen = -1;

  for (int i = 0; i < 60000; i++)
    g_string_append_printf (csv, "Slow %d\n", i);
  upload (slow, id, csv->str);
  closed = patch_state (slow, id, "UploadComplete");
  lo_assert_status (closed, 200);
  /* Counters grow batch by batch while the job runs. */
  for (int i = 0; i < 200 && seen <= 0; i++)
    {
      g_autoptr(LoResponse) r = lo_harness_get (slow, path);
      g_autoptr(JsonNode) json = lo_response_get_json (r);
      JsonObject *info = json_node_get_object (json);

      if (g_str_equal (json_object_get_string_member (info, "state"), "InProgress")
          && json_object_has_member (info, "numberRecordsProcessed"))
        seen = json_object_get_int_member (info, "numberRecordsProcessed");
      g_usleep (20000);
    }
  g_assert_cmpint (seen % 10000, ==, 0);
  g_assert_cmpint (seen, >, 0);
  g_assert_cmpint (seen, <, 60000);
  aborted = patch_state (slow, id, "Aborted");
  lo_assert_status (aborted, 200);
  job = lo_harness_wait_for_job (slow, path);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "Aborted");
  unprocessed = results_on (slow, id, "unprocessedrecords");
  lines = data_lines (unprocessed);
  /* Once the results are there, the counters include the rows of the interrupted batch. */
  g_clear_pointer (&job, json_object_unref);
  job = lo_harness_wait_for_job (slow, path);
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsProcessed")
                   + g_strv_length (lines), ==, 60000);
  g_assert_cmpuint (g_strv_length (lines), >, 0);
  lo_harness_stop (slow);
}

/* A throttled job must not hold the org's write lock while it waits: other jobs are created
 * and run meanwhile (the app's jobs page lists and aborts a slow job this way). */
static void
test_throttled_job_leaves_org_usable (void)
{
  const char *args[] = { "--rows-per-second=200", NULL };
  g_autoptr(LoHarness) slow = lo_harness_start (args);
  g_autoptr(GString) csv = g_string_new ("LastName\n");
  g_autofree char *id = create_job (slow, "{\"object\":\"Contact\",\"operation\":\"insert\"}");
  g_autofree char *path = job_path (id, NULL);
  g_autofree char *other = NULL;
  g_autoptr(LoResponse) closed = NULL;
  g_autoptr(LoResponse) aborted = NULL;
  g_autoptr(JsonObject) job = NULL;
  gint64 start;

  for (int i = 0; i < 5000; i++)
    g_string_append_printf (csv, "Slow %d\n", i);
  upload (slow, id, csv->str);
  closed = patch_state (slow, id, "UploadComplete");
  lo_assert_status (closed, 200);
  g_usleep (G_USEC_PER_SEC);

  /* The slow job is now in the middle of its only batch (25 s at this rate). */
  start = g_get_monotonic_time ();
  other = create_job (slow, "{\"object\":\"Account\",\"operation\":\"insert\"}");
  upload (slow, other, "Name\nQuick\n");
  g_clear_pointer (&closed, lo_response_free);
  closed = patch_state (slow, other, "UploadComplete");
  lo_assert_status (closed, 200);
  g_clear_pointer (&job, json_object_unref);
  {
    g_autofree char *other_path = job_path (other, NULL);

    job = lo_harness_wait_for_job (slow, other_path);
  }
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "JobComplete");
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsProcessed"), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  aborted = patch_state (slow, id, "Aborted");
  lo_assert_status (aborted, 200);
  g_clear_pointer (&job, json_object_unref);
  job = lo_harness_wait_for_job (slow, path);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "Aborted");
  lo_harness_stop (slow);
}

static void
test_empty_upload (void)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = run_job ("Account", "insert", "", &id);
  g_autofree char *ok = results (id, "successfulResults");

  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "JobComplete");
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsProcessed"), ==, 0);
  g_assert_cmpstr (ok, ==, "\"sf__Id\",\"sf__Created\"\n");
}

static void
test_delimiter (void)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = run_job_on (org, "{\"object\":\"Contact\",\"operation\":\"insert\","
                                          "\"columnDelimiter\":\"SEMICOLON\","
                                          "\"lineEnding\":\"CRLF\"}",
                                          "LastName;Title\r\nSemi;\"a;b\"\r\n", &id);
  g_autofree char *ok = results (id, "successfulResults");

  g_assert_cmpstr (json_object_get_string_member (job, "columnDelimiter"), ==, "SEMICOLON");
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 0);
  g_assert_true (g_str_has_prefix (ok, "\"sf__Id\";\"sf__Created\";LastName;Title\r\n"));
  g_assert_true (g_str_has_suffix (ok, "\"true\";\"Semi\";\"a;b\"\r\n"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  org = lo_harness_start (NULL);
  g_test_add_func ("/local-org/ingest/create-reply", test_create_reply);
  g_test_add_func ("/local-org/ingest/insert-results", test_insert_results);
  g_test_add_func ("/local-org/ingest/second-put", test_second_put);
  g_test_add_func ("/local-org/ingest/invalid-state", test_invalid_state);
  g_test_add_func ("/local-org/ingest/results-before-end", test_results_before_end);
  g_test_add_func ("/local-org/ingest/delete-job", test_delete_job);
  g_test_add_func ("/local-org/ingest/create-errors", test_create_errors);
  g_test_add_func ("/local-org/ingest/list", test_list);
  g_test_add_func ("/local-org/ingest/path-tolerance", test_path_tolerance);
  g_test_add_func ("/local-org/ingest/chunked-upload", test_chunked_upload);
  g_test_add_func ("/local-org/ingest/multipart", test_multipart);
  g_test_add_func ("/local-org/ingest/header-errors", test_header_errors);
  g_test_add_func ("/local-org/ingest/result-order", test_result_order);
  g_test_add_func ("/local-org/ingest/progress-and-abort", test_progress_and_abort);
  g_test_add_func ("/local-org/ingest/throttled-job-leaves-org-usable",
                   test_throttled_job_leaves_org_usable);
  g_test_add_func ("/local-org/ingest/empty-upload", test_empty_upload);
  g_test_add_func ("/local-org/ingest/delimiter", test_delimiter);
  status = g_test_run ();
  lo_harness_stop (org);
  lo_harness_free (org);
  return status;
}
