/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lo-harness.h"

/* Protocol tests of Bulk 2.0 ingest (§2): endpoints, reply shapes, errors and row
 * semantics, against a running freight-local-org. */

#define JOBS "/services/data/v62.0/jobs/ingest"

static LoHarness *org;

static void
assert_error (LoResponse *r,
              guint       status,
              const char *code,
              const char *message)
{
  g_autoptr(JsonNode) json = lo_response_get_json (r);
  JsonObject *first;

  lo_assert_status (r, status);
  g_assert_nonnull (json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json));
  first = json_array_get_object_element (json_node_get_array (json), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "errorCode"), ==, code);
  if (message != NULL)
    g_assert_cmpstr (json_object_get_string_member (first, "message"), ==, message);
}

static char *
create_job (LoHarness  *o,
            const char *body)
{
  g_autoptr(LoResponse) r = lo_harness_post_json (o, JOBS, body);
  g_autoptr(JsonNode) json = NULL;

  lo_assert_status (r, 200);
  json = lo_response_get_json (r);
  return g_strdup (json_object_get_string_member (json_node_get_object (json), "id"));
}

static char *
job_path (const char *id,
          const char *suffix)
{
  return g_strdup_printf ("%s/%s%s%s", JOBS, id, suffix ? "/" : "", suffix ? suffix : "");
}

static void
upload (LoHarness  *o,
        const char *id,
        const char *csv)
{
  g_autofree char *path = job_path (id, "batches");
  g_autoptr(LoResponse) r = lo_harness_request (o, "PUT", path, "text/csv", csv, -1, NULL);

  lo_assert_status (r, 201);
  g_assert_cmpuint (g_bytes_get_size (r->body), ==, 0);
}

static LoResponse *
patch_state (LoHarness  *o,
             const char *id,
             const char *state)
{
  g_autofree char *path = job_path (id, NULL);
  g_autofree char *body = g_strdup_printf ("{\"state\":\"%s\"}", state);

  return lo_harness_request (o, "PATCH", path, "application/json; charset=utf-8", body, -1,
                             NULL);
}

/* create, PUT, close, wait: the sequence every client runs. */
static JsonObject *
run_job_on (LoHarness  *o,
            const char *create_body,
            const char *csv,
            char      **id_out)
{
  g_autofree char *id = create_job (o, create_body);
  g_autofree char *path = job_path (id, NULL);
  g_autoptr(LoResponse) closed = NULL;

  upload (o, id, csv);
  closed = patch_state (o, id, "UploadComplete");
  lo_assert_status (closed, 200);
  if (id_out != NULL)
    *id_out = g_strdup (id);
  return lo_harness_wait_for_job (o, path);
}

static JsonObject *
run_job (const char *object,
         const char *operation,
         const char *csv,
         char      **id_out)
{
  g_autofree char *body = g_strdup_printf ("{\"object\":\"%s\",\"operation\":\"%s\"}", object,
                                           operation);

  return run_job_on (org, body, csv, id_out);
}

static char *
results_on (LoHarness  *o,
            const char *id,
            const char *which)
{
  g_autofree char *path = job_path (id, which);
  g_autoptr(LoResponse) r = lo_harness_get (o, path);

  lo_assert_status (r, 200);
  g_assert_true (g_str_has_prefix (lo_response_get_header (r, "Content-Type"), "text/csv"));
  return g_strdup (r->text);
}

static char *
results (const char *id,
         const char *which)
{
  return results_on (org, id, which);
}

static JsonObject *
query_one (const char *soql)
{
  g_autofree char *escaped = g_uri_escape_string (soql, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/services/data/v62.0/queryAll?q=%s", escaped);
  g_autoptr(LoResponse) r = lo_harness_get (org, path);
  g_autoptr(JsonNode) json = NULL;
  JsonArray *records;

  lo_assert_status (r, 200);
  json = lo_response_get_json (r);
  records = json_object_get_array_member (json_node_get_object (json), "records");
  if (json_array_get_length (records) == 0)
    return NULL;
  return json_object_ref (json_array_get_object_element (records, 0));
}

/* The id in the first data row of a result file. */
static char *
first_id (const char *csv)
{
  const char *line = strchr (csv, '\n');

  g_assert_nonnull (line);
  return g_strndup (line + 2, 18);
}

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
test_upsert (void)
{
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  const char *create = "{\"object\":\"Invoice__c\",\"operation\":\"upsert\","
                       "\"externalIdFieldName\":\"External_Id__c\"}";
  g_autoptr(JsonObject) first = run_job_on (org, create,
                                            "External_Id__c,Amount__c,Invoice_Date__c\n"
                                            "UP-1,100,2024-03-01\n"
                                            "UP-2,200,2024-03-02\n", &id1);
  g_autoptr(JsonObject) second = run_job_on (org, create,
                                             "External_Id__c,Amount__c\n"
                                             "up-1,150.5\n"
                                             "UP-3,300\n"
                                             "UP-3,301\n"
                                             ",5\n", &id2);
  g_autofree char *ok = results (id2, "successfulResults");
  g_autofree char *failed = results (id2, "failedResults");
  g_autoptr(JsonObject) record = query_one ("SELECT Amount__c, Invoice_Date__c FROM Invoice__c "
                                            "WHERE External_Id__c = 'UP-1'");

  g_assert_cmpint (json_object_get_int_member (first, "numberRecordsFailed"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (second, "externalIdFieldName"), ==,
                   "External_Id__c");
  g_assert_cmpint (json_object_get_int_member (second, "numberRecordsProcessed"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (second, "numberRecordsFailed"), ==, 3);
  g_assert_true (strstr (ok, "\"false\",\"up-1\",\"150.5\"") != NULL);
  g_assert_true (strstr (failed, "DUPLICATE_EXTERNAL_ID:Duplicate external id specified: UP-3:"
                         "External_Id__c --") != NULL);
  g_assert_true (strstr (failed, "MISSING_ARGUMENT:External_Id__c not specified:--") != NULL);
  g_assert_cmpfloat (json_object_get_double_member (record, "Amount__c"), ==, 150.5);
  g_assert_cmpstr (json_object_get_string_member (record, "Invoice_Date__c"), ==, "2024-03-01");
}

static void
test_upsert_by_id (void)
{
  g_autofree char *id = NULL;
  g_autofree char *job2 = NULL;
  g_autoptr(JsonObject) job = run_job ("Account", "insert", "Name\nById\n", &id);
  g_autofree char *ok = results (id, "successfulResults");
  g_autofree char *account = first_id (ok);
  g_autofree char *csv = g_strdup_printf ("Id,Name\n%s,By Id Updated\n,By Id New\n", account);
  g_autoptr(JsonObject) upsert = run_job_on (org, "{\"object\":\"Account\",\"operation\":"
                                             "\"upsert\",\"externalIdFieldName\":\"Id\"}", csv,
                                             &job2);
  g_autofree char *ok2 = results (job2, "successfulResults");
  g_autofree char *failed2 = results (job2, "failedResults");
  g_autofree char *expected = g_strdup_printf ("\"%s\",\"false\",\"%s\",\"By Id Updated\"",
                                               account, account);

  g_test_message ("failed: %s", failed2);

  g_assert_cmpint (json_object_get_int_member (upsert, "numberRecordsFailed"), ==, 0);
  g_assert_true (strstr (ok2, expected) != NULL);
  g_assert_true (strstr (ok2, "\"true\",\"\",\"By Id New\"") != NULL);
}

static char *
insert_one (const char *object,
            const char *csv)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = run_job (object, "insert", csv, &id);
  g_autofree char *ok = results (id, "successfulResults");

  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 0);
  return first_id (ok);
}

static void
test_update (void)
{
  g_autofree char *contact = insert_one ("Contact", "LastName,FirstName,Title,Phone\n"
                                         "Update,Ursula,Boss,123\n");
  g_autofree char *csv = g_strdup_printf ("Id,Title,Phone,LastName\n"
                                          "%s,,#N/A,\n"
                                          "%.15s,Chief,,\n"
                                          "003bogus,,,\n"
                                          "%s,,,#N/A\n"
                                          ",X,,\n", contact, contact, contact);
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = run_job ("Contact", "update", csv, &id);
  g_autofree char *failed = results (id, "failedResults");
  g_autofree char *soql = g_strdup_printf ("SELECT Title, Phone, LastName FROM Contact "
                                           "WHERE Id = '%s'", contact);
  g_autoptr(JsonObject) record = query_one (soql);
  g_autofree char *required = g_strdup_printf ("\"%s\",\"REQUIRED_FIELD_MISSING:Required fields "
                                               "are missing: [LastName]:LastName --\"", contact);

  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsProcessed"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (record, "Title"), ==, "Chief");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (record, "Phone")));
  g_assert_cmpstr (json_object_get_string_member (record, "LastName"), ==, "Update");
  g_assert_true (strstr (failed, "MALFORMED_ID:Contact ID: id value of incorrect type: "
                         "003bogus:Id --") != NULL);
  g_assert_true (strstr (failed, required) != NULL);
  g_assert_true (strstr (failed, "MISSING_ARGUMENT:Id not specified in an update call:--")
                 != NULL);
}

static void
test_delete_rows (void)
{
  g_autofree char *account = insert_one ("Account", "Name\nTo Recycle\n");
  g_autofree char *csv = g_strdup_printf ("Id\n%s\n", account);
  g_autofree char *id = NULL;
  g_autofree char *again_id = NULL;
  g_autoptr(JsonObject) job = run_job ("Account", "delete", csv, &id);
  g_autoptr(JsonObject) again = run_job ("Account", "delete", csv, &again_id);
  g_autofree char *ok = results (id, "successfulResults");
  g_autofree char *failed = results (again_id, "failedResults");
  g_autofree char *soql = g_strdup_printf ("SELECT Id, IsDeleted FROM Account WHERE Id = '%s'",
                                           account);
  g_autofree char *live = g_strdup_printf ("/services/data/v62.0/query?q=SELECT+Id+FROM+Account"
                                           "+WHERE+Id+=+'%s'", account);
  g_autoptr(JsonObject) record = query_one (soql);
  g_autoptr(LoResponse) live_r = lo_harness_get (org, live);
  g_autofree char *expected = g_strdup_printf ("\"%s\",\"false\",\"%s\"", account, account);

  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 0);
  g_assert_true (strstr (ok, expected) != NULL);
  g_assert_true (json_object_get_boolean_member (record, "IsDeleted"));
  g_assert_true (strstr (live_r->text, "\"totalSize\":0") != NULL);
  g_assert_true (strstr (failed, "ENTITY_IS_DELETED:entity is deleted:--") != NULL);
}

static void
test_hard_delete (void)
{
  const char *args[] = { "--grant-hard-delete", NULL };
  g_autoptr(LoHarness) granted = lo_harness_start (args);
  g_autofree char *insert_id = NULL;
  g_autofree char *delete_id = NULL;
  g_autoptr(JsonObject) inserted = run_job_on (granted, "{\"object\":\"Lead\",\"operation\":"
                                               "\"insert\"}", "LastName,Company\nHard,Gone Inc\n",
                                               &insert_id);
  g_autofree char *ok = results_on (granted, insert_id, "successfulResults");
  g_autofree char *lead = first_id (ok);
  g_autofree char *csv = g_strdup_printf ("Id\n%s\n", lead);
  g_autoptr(JsonObject) deleted = run_job_on (granted, "{\"object\":\"Lead\",\"operation\":"
                                              "\"hardDelete\"}", csv, &delete_id);
  g_autofree char *path = g_strdup_printf ("/services/data/v62.0/queryAll?q=SELECT+Id+FROM+Lead"
                                           "+WHERE+Id+=+'%s'", lead);
  g_autoptr(LoResponse) r = lo_harness_get (granted, path);

  g_assert_cmpint (json_object_get_int_member (deleted, "numberRecordsFailed"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (deleted, "operation"), ==, "hardDelete");
  g_assert_true (strstr (r->text, "\"totalSize\":0") != NULL);
  lo_harness_stop (granted);
}

static void
test_relationships (void)
{
  g_autofree char *boss = insert_one ("Contact", "LastName,Email\nBoss,boss@example.com\n");
  g_autofree char *lead = insert_one ("Lead", "LastName,Company,Email\nLee,Lead Co,"
                                      "lead@example.com\n");
  g_autofree char *invoice = insert_one ("Invoice__c", "External_Id__c,Amount__c,"
                                         "Invoice_Date__c\nREL-1,10,2024-01-01\n");
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = run_job ("Contact", "insert",
                                       "LastName,ReportsTo.Email\n"
                                       "Worker,BOSS@example.com\n"
                                       "Orphan,nobody@example.com\n"
                                       "Blank,\n", &id);
  g_autofree char *failed = results (id, "failedResults");
  g_autoptr(JsonObject) worker = query_one ("SELECT ReportsToId FROM Contact "
                                            "WHERE LastName = 'Worker'");
  g_autofree char *task_id = NULL;
  g_autoptr(JsonObject) tasks = run_job ("Task", "insert",
                                         "Subject,Lead:Who.Email,Invoice__c:What.External_Id__c\n"
                                         "Call,lead@example.com,REL-1\n", &task_id);
  g_autoptr(JsonObject) task = query_one ("SELECT WhoId, WhatId FROM Task "
                                          "WHERE Subject = 'Call'");

  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (worker, "ReportsToId"), ==, boss);
  g_assert_true (strstr (failed, "INVALID_FIELD:Foreign key external ID: nobody@example.com not "
                         "found for field Email in entity Contact:--") != NULL);
  g_assert_cmpint (json_object_get_int_member (tasks, "numberRecordsFailed"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (task, "WhoId"), ==, lead);
  g_assert_cmpstr (json_object_get_string_member (task, "WhatId"), ==, invoice);
}

static void
test_types (void)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job =
    run_job ("Invoice__c", "insert",
             "External_Id__c,Amount__c,Invoice_Date__c,Status__c,Contact_Email__c,Paid__c,"
             "Sent_At__c,Account__c,Tax_Rate__c\n"
             "T-1,1,2024-02-30,,,,,,\n"
             "T-2,1,2024-02-01,Lost,,,,,\n"
             "T-3,1,2024-02-01,,not-an-email,,,,\n"
             "T-4,1,2024-02-01,,,maybe,,,\n"
             "T-5,1,2024-02-01,,,,yesterday,,\n"
             "T-6,1,2024-02-01,,,,,001nope,\n"
             "T-7,1,2024-02-01,,,,,0015j00000AAAAA,\n"
             "T-8,1e20,2024-02-01,,,,,,\n"
             "T-9,1,2024-02-01,Paid,a@b.de,TRUE,2024-02-01T10:00:00+01:00,,12.345\n", &id);
  g_autofree char *failed = results (id, "failedResults");
  g_autoptr(JsonObject) record = query_one ("SELECT Status__c, Paid__c, Sent_At__c, Tax_Rate__c "
                                            "FROM Invoice__c WHERE External_Id__c = 'T-9'");

  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 8);
  g_assert_true (strstr (failed, "INVALID_TYPE_ON_FIELD_IN_RECORD:Invoice Date: value not of "
                         "required type: 2024-02-30:Invoice_Date__c --") != NULL);
  g_assert_true (strstr (failed, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Status: bad value for "
                         "restricted picklist field: Lost:Status__c --") != NULL);
  g_assert_true (strstr (failed, "INVALID_EMAIL_ADDRESS:Contact Email: invalid email address: "
                         "not-an-email:Contact_Email__c --") != NULL);
  g_assert_true (strstr (failed, "value not of required type: maybe:Paid__c --") != NULL);
  g_assert_true (strstr (failed, "value not of required type: yesterday:Sent_At__c --") != NULL);
  g_assert_true (strstr (failed, "MALFORMED_ID:Account: id value of incorrect type: 001nope:"
                         "Account__c --") != NULL);
  g_assert_true (strstr (failed, "INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--")
                 != NULL);
  g_assert_true (strstr (failed, "NUMBER_OUTSIDE_VALID_RANGE:Amount: value outside of valid "
                         "range on numeric field: 1e20:Amount__c --") != NULL);
  g_assert_cmpstr (json_object_get_string_member (record, "Status__c"), ==, "Paid");
  g_assert_true (json_object_get_boolean_member (record, "Paid__c"));
  g_assert_cmpstr (json_object_get_string_member (record, "Sent_At__c"), ==,
                   "2024-02-01T09:00:00.000+0000");
  g_assert_cmpfloat (json_object_get_double_member (record, "Tax_Rate__c"), ==, 12.35);
}

static void
test_string_too_long (void)
{
  g_autoptr(GString) csv = g_string_new ("External_Id__c,Amount__c,Invoice_Date__c\n");
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = NULL;
  g_autofree char *failed = NULL;

  g_string_append (csv, "LONG-");
  for (int i = 0; i < 40; i++)
    g_string_append_c (csv, 'x');
  g_string_append (csv, ",1,2024-01-01\n");
  job = run_job ("Invoice__c", "insert", csv->str, &id);
  failed = results (id, "failedResults");
  g_assert_true (strstr (failed, "STRING_TOO_LONG:External ID: data value too large: LONG-")
                 != NULL);
  g_assert_true (strstr (failed, "(max length=40):External_Id__c --") != NULL);
}

static void
test_defaults (void)
{
  g_autofree char *invoice = insert_one ("Invoice__c", "External_Id__c,Amount__c,"
                                         "Invoice_Date__c,Approval_Status__c\n"
                                         "DEF-1,5,2024-05-01,\n");
  g_autofree char *soql = g_strdup_printf ("SELECT Name, Status__c, Paid__c, OwnerId, "
                                           "CreatedDate, CreatedById, Approval_Status__c "
                                           "FROM Invoice__c WHERE Id = '%s'", invoice);
  g_autoptr(JsonObject) record = query_one (soql);

  g_assert_true (g_regex_match_simple ("^INV-\\d{6}$", json_object_get_string_member (record,
                                                                                     "Name"),
                                       0, 0));
  g_assert_cmpstr (json_object_get_string_member (record, "Status__c"), ==, "Draft");
  g_assert_false (json_object_get_boolean_member (record, "Paid__c"));
  g_assert_cmpstr (json_object_get_string_member (record, "OwnerId"), ==,
                   json_object_get_string_member (record, "CreatedById"));
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"
                                       "\\+0000$",
                                       json_object_get_string_member (record, "CreatedDate"),
                                       0, 0));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (record, "Approval_Status__c")));
}

static void
test_rules_and_security (void)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = run_job ("Invoice__c", "insert",
                                       "External_Id__c,Amount__c,Invoice_Date__c,Due_Date__c,"
                                       "Approval_Status__c\n"
                                       "RULE-1,1,2024-05-10,2024-05-01,\n"
                                       "RULE-2,1,2024-05-10,2024-05-20,Approved\n"
                                       "RULE-3,1,2024-05-10,2024-05-20,\n", &id);
  g_autofree char *failed = results (id, "failedResults");

  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 2);
  g_assert_true (strstr (failed, "\"FIELD_CUSTOM_VALIDATION_EXCEPTION:The due date cannot be "
                         "before the invoice date.:Due_Date__c --\"") != NULL);
  g_assert_true (strstr (failed, "\"INVALID_FIELD_FOR_INSERT_UPDATE:Unable to create/update "
                         "fields: Approval_Status__c. Please check the security settings of "
                         "this field and verify that it is read/write for your profile or "
                         "permission set.:Approval_Status__c --\"") != NULL);
}

static void
test_unique (void)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = run_job ("Invoice__c", "insert",
                                       "External_Id__c,Amount__c,Invoice_Date__c\n"
                                       "UNIQ-1,1,2024-01-01\n"
                                       "uniq-1,2,2024-01-01\n", &id);
  g_autofree char *ok = results (id, "successfulResults");
  g_autofree char *failed = results (id, "failedResults");
  g_autofree char *first = first_id (ok);
  g_autofree char *expected = g_strdup_printf ("DUPLICATE_VALUE:duplicate value found: "
                                               "External_Id__c duplicates value on record with "
                                               "id: %s:--", first);

  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 1);
  g_assert_true (strstr (failed, expected) != NULL);
}

static GStrv
data_lines (const char *csv)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 1; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_strv_builder_add (b, lines[i]);
  return g_strv_builder_end (b);
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

  check_order (org, FALSE);
  check_order (ordered, TRUE);
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
  g_test_add_func ("/local-org/ingest/upsert", test_upsert);
  g_test_add_func ("/local-org/ingest/upsert-by-id", test_upsert_by_id);
  g_test_add_func ("/local-org/ingest/update", test_update);
  g_test_add_func ("/local-org/ingest/delete-rows", test_delete_rows);
  g_test_add_func ("/local-org/ingest/hard-delete", test_hard_delete);
  g_test_add_func ("/local-org/ingest/relationships", test_relationships);
  g_test_add_func ("/local-org/ingest/types", test_types);
  g_test_add_func ("/local-org/ingest/string-too-long", test_string_too_long);
  g_test_add_func ("/local-org/ingest/defaults", test_defaults);
  g_test_add_func ("/local-org/ingest/rules-and-security", test_rules_and_security);
  g_test_add_func ("/local-org/ingest/unique", test_unique);
  g_test_add_func ("/local-org/ingest/result-order", test_result_order);
  g_test_add_func ("/local-org/ingest/progress-and-abort", test_progress_and_abort);
  g_test_add_func ("/local-org/ingest/empty-upload", test_empty_upload);
  g_test_add_func ("/local-org/ingest/delimiter", test_delimiter);
  status = g_test_run ();
  lo_harness_stop (org);
  lo_harness_free (org);
  return status;
}
