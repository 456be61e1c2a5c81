/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lo-harness.h"

/* Protocol tests of Bulk 2.0 query jobs (§3): create, poll, pages and locators, states. */

#define QJOBS "/services/data/v62.0/jobs/query"

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
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json));
  first = json_array_get_object_element (json_node_get_array (json), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "errorCode"), ==, code);
  if (message != NULL)
    g_assert_cmpstr (json_object_get_string_member (first, "message"), ==, message);
}

static void
load (LoHarness  *o,
      const char *object,
      const char *operation,
      const char *csv)
{
  g_autofree char *body = g_strdup_printf ("{\"object\":\"%s\",\"operation\":\"%s\"}", object,
                                           operation);
  g_autoptr(LoResponse) created = lo_harness_post_json (o, "/services/data/v62.0/jobs/ingest",
                                                        body);
  g_autoptr(JsonNode) json = lo_response_get_json (created);
  const char *id = json_object_get_string_member (json_node_get_object (json), "id");
  g_autofree char *path = g_strdup_printf ("/services/data/v62.0/jobs/ingest/%s", id);
  g_autofree char *batches = g_strdup_printf ("%s/batches", path);
  g_autoptr(LoResponse) put = lo_harness_request (o, "PUT", batches, "text/csv", csv, -1, NULL);
  g_autoptr(LoResponse) closed = lo_harness_request (o, "PATCH", path, "application/json",
                                                     "{\"state\":\"UploadComplete\"}", -1, NULL);
  g_autoptr(JsonObject) job = NULL;

  lo_assert_status (put, 201);
  lo_assert_status (closed, 200);
  job = lo_harness_wait_for_job (o, path);
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 0);
}

static char *
start_query (LoHarness  *o,
             const char *body,
             JsonObject **reply)
{
  g_autoptr(LoResponse) r = lo_harness_post_json (o, QJOBS, body);
  g_autoptr(JsonNode) json = NULL;

  lo_assert_status (r, 200);
  json = lo_response_get_json (r);
  if (reply != NULL)
    *reply = json_object_ref (json_node_get_object (json));
  return g_strdup (json_object_get_string_member (json_node_get_object (json), "id"));
}

static char *
run_query (LoHarness  *o,
           const char *body,
           JsonObject **info)
{
  g_autofree char *id = start_query (o, body, NULL);
  g_autofree char *path = g_strdup_printf ("%s/%s", QJOBS, id);
  JsonObject *job = lo_harness_wait_for_job (o, path);

  if (info != NULL)
    *info = job;
  else
    json_object_unref (job);
  return g_steal_pointer (&id);
}

static void
test_create_reply (void)
{
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *id = start_query (org, "{\"operation\":\"query\",\"query\":"
                                     "\"SELECT Id FROM Account\"}", &reply);
  g_autoptr(GList) members = json_object_get_members (reply);
  const char *expected[] = { "id", "operation", "object", "createdById", "createdDate",
                             "systemModstamp", "state", "concurrencyMode", "contentType",
                             "apiVersion", "lineEnding", "columnDelimiter" };
  g_autofree char *path = g_strdup_printf ("%s/%s", QJOBS, id);
  g_autoptr(JsonObject) job = lo_harness_wait_for_job (org, path);
  GList *l = members;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++, l = l->next)
    g_assert_cmpstr (l->data, ==, expected[i]);
  g_assert_null (l);
  g_assert_cmpstr (json_object_get_string_member (reply, "state"), ==, "UploadComplete");
  g_assert_cmpstr (json_object_get_string_member (reply, "object"), ==, "Account");
  g_assert_true (g_str_has_prefix (id, "750"));
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "JobComplete");
  g_assert_cmpstr (json_object_get_string_member (job, "jobType"), ==, "V2Query");
  g_assert_true (json_object_has_member (job, "numberRecordsProcessed"));
  g_assert_false (json_object_has_member (job, "numberRecordsFailed"));
  g_assert_false (json_object_has_member (job, "contentUrl"));
}

static void
test_pages (void)
{
  g_autoptr(JsonObject) info = NULL;
  g_autofree char *id = run_query (org, "{\"operation\":\"query\",\"query\":\"SELECT Name, "
                                   "Amount__c, Paid__c, Due_Date__c, Account__r.Name FROM "
                                   "Invoice__c WHERE External_Id__c LIKE 'PG-%' ORDER BY Name\"}",
                                   &info);
  g_autofree char *first = g_strdup_printf ("%s/%s/results?maxRecords=2", QJOBS, id);
  g_autoptr(LoResponse) p1 = lo_harness_get (org, first);
  g_autofree char *second = NULL;
  g_autoptr(LoResponse) p2 = NULL;
  g_autofree char *all_path = g_strdup_printf ("%s/%s/results", QJOBS, id);
  g_autoptr(LoResponse) all = lo_harness_get (org, all_path);
  const char *header = "\"Name\",\"Amount__c\",\"Paid__c\",\"Due_Date__c\",\"Account__r.Name\"\n";

  g_assert_cmpint (json_object_get_int_member (info, "numberRecordsProcessed"), ==, 3);
  lo_assert_status (p1, 200);
  g_assert_true (g_str_has_prefix (lo_response_get_header (p1, "Content-Type"), "text/csv"));
  g_assert_cmpstr (lo_response_get_header (p1, "Sforce-NumberOfRecords"), ==, "2");
  g_assert_cmpstr (lo_response_get_header (p1, "Sforce-Locator"), !=, "null");
  g_assert_true (g_str_has_prefix (p1->text, header));
  g_assert_true (strstr (p1->text, "\"INV-") != NULL);
  g_assert_true (strstr (p1->text, ",\"1.0E7\",\"false\",\"2024-07-01\",\"Paging Parent\"\n")
                 != NULL);
  second = g_strdup_printf ("%s/%s/results?locator=%s&maxRecords=2", QJOBS, id,
                            lo_response_get_header (p1, "Sforce-Locator"));
  p2 = lo_harness_get (org, second);
  lo_assert_status (p2, 200);
  g_assert_cmpstr (lo_response_get_header (p2, "Sforce-NumberOfRecords"), ==, "1");
  g_assert_cmpstr (lo_response_get_header (p2, "Sforce-Locator"), ==, "null");
  g_assert_true (g_str_has_prefix (p2->text, header));
  g_assert_true (strstr (p2->text, ",\"12.5\",\"true\",\"\",\"\"\n") != NULL);
  /* Without maxRecords every row is on one page. */
  g_assert_cmpstr (lo_response_get_header (all, "Sforce-NumberOfRecords"), ==, "3");
  g_assert_cmpstr (lo_response_get_header (all, "Sforce-Locator"), ==, "null");
}

static void
test_default_page_size (void)
{
  const char *args[] = { "--default-page-size=2", NULL };
  g_autoptr(LoHarness) paged = lo_harness_start (args);
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LoResponse) p1 = NULL;
  g_autoptr(LoResponse) bad = NULL;
  g_autofree char *bad_path = NULL;
  int pages = 0;
  int rows = 0;
  g_autofree char *locator = NULL;

  load (paged, "Contact", "insert", "LastName\nP1\nP2\nP3\nP4\nP5\n");
  id = run_query (paged, "{\"operation\":\"query\",\"query\":\"SELECT LastName FROM Contact\"}",
                  NULL);
  do
    {
      g_autoptr(LoResponse) r = NULL;

      g_free (path);
      path = locator ? g_strdup_printf ("%s/%s/results?locator=%s", QJOBS, id, locator)
                     : g_strdup_printf ("%s/%s/results", QJOBS, id);
      r = lo_harness_get (paged, path);
      lo_assert_status (r, 200);
      g_assert_true (g_str_has_prefix (r->text, "\"LastName\"\n"));
      rows += atoi (lo_response_get_header (r, "Sforce-NumberOfRecords"));
      g_free (locator);
      locator = g_strdup (lo_response_get_header (r, "Sforce-Locator"));
      pages++;
    }
  while (!g_str_equal (locator, "null"));
  g_assert_cmpint (pages, ==, 3);
  g_assert_cmpint (rows, ==, 5);
  bad_path = g_strdup_printf ("%s/%s/results?locator=%%24%%24", QJOBS, id);
  bad = lo_harness_get (paged, bad_path);
  assert_error (bad, 400, "INVALIDLOCATOR", NULL);
  p1 = lo_harness_get (paged, QJOBS);
  lo_assert_status (p1, 200);
  g_assert_true (strstr (p1->text, "\"jobType\":\"V2Query\"") != NULL);
  lo_harness_stop (paged);
}

static void
test_query_all (void)
{
  g_autofree char *q = NULL;
  g_autofree char *qa = NULL;
  g_autofree char *q_path = NULL;
  g_autofree char *qa_path = NULL;
  g_autoptr(LoResponse) q_r = NULL;
  g_autoptr(LoResponse) qa_r = NULL;
  g_autoptr(LoResponse) ids = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *record;
  g_autofree char *csv = NULL;

  load (org, "Lead", "insert", "LastName,Company\nGhost,Recycle Co\n");
  ids = lo_harness_get (org, "/services/data/v62.0/query?q=SELECT+Id+FROM+Lead+WHERE+"
                        "LastName+=+'Ghost'");
  json = lo_response_get_json (ids);
  record = json_array_get_object_element (json_object_get_array_member (
                                            json_node_get_object (json), "records"), 0);
  csv = g_strdup_printf ("Id\n%s\n", json_object_get_string_member (record, "Id"));
  load (org, "Lead", "delete", csv);
  q = run_query (org, "{\"operation\":\"query\",\"query\":\"SELECT LastName, IsDeleted FROM "
                 "Lead WHERE LastName = 'Ghost'\"}", NULL);
  qa = run_query (org, "{\"operation\":\"queryAll\",\"query\":\"SELECT LastName, IsDeleted FROM "
                  "Lead WHERE LastName = 'Ghost'\"}", NULL);
  q_path = g_strdup_printf ("%s/%s/results", QJOBS, q);
  qa_path = g_strdup_printf ("%s/%s/results", QJOBS, qa);
  q_r = lo_harness_get (org, q_path);
  qa_r = lo_harness_get (org, qa_path);
  g_assert_cmpstr (q_r->text, ==, "\"LastName\",\"IsDeleted\"\n");
  g_assert_cmpstr (qa_r->text, ==, "\"LastName\",\"IsDeleted\"\n\"Ghost\",\"true\"\n");
}

static void
test_states (void)
{
  g_autofree char *id = run_query (org, "{\"operation\":\"query\",\"query\":"
                                   "\"SELECT Id FROM User\"}", NULL);
  g_autofree char *path = g_strdup_printf ("%s/%s", QJOBS, id);
  g_autoptr(LoResponse) abort = lo_harness_request (org, "PATCH", path, "application/json",
                                                    "{\"state\":\"Aborted\"}", -1, NULL);
  g_autofree char *v61 = g_strdup_printf ("/services/data/v61.0/jobs/query/%s/results", id);
  g_autoptr(LoResponse) mismatch = lo_harness_get (org, v61);
  g_autofree char *pages_path = g_strdup_printf ("%s/%s/resultPages", QJOBS, id);
  g_autoptr(LoResponse) pages = lo_harness_get (org, pages_path);
  g_autoptr(LoResponse) deleted = lo_harness_request (org, "DELETE", path, NULL, NULL, 0, NULL);
  g_autoptr(LoResponse) gone = lo_harness_get (org, path);
  g_autofree char *id2 = start_query (org, "{\"operation\":\"query\",\"query\":"
                                      "\"SELECT Id FROM Account\"}", NULL);
  g_autofree char *path2 = g_strdup_printf ("%s/%s", QJOBS, id2);
  g_autofree char *results2 = g_strdup_printf ("%s/results", path2);
  g_autoptr(LoResponse) abort2 = lo_harness_request (org, "PATCH", path2, "application/json",
                                                     "{\"state\":\"Aborted\"}", -1, NULL);
  g_autoptr(LoResponse) early = lo_harness_get (org, results2);

  assert_error (abort, 400, "INVALIDJOBSTATE", "Aborting already Completed Job not allowed");
  assert_error (mismatch, 409, "INVALIDJOB", NULL);
  lo_assert_status (pages, 200);
  g_assert_true (strstr (pages->text, "\"resultPages\":[{\"resultUrl\":") != NULL);
  g_assert_true (strstr (pages->text, "\"done\":true") != NULL);
  lo_assert_status (deleted, 204);
  assert_error (gone, 404, "NOT_FOUND", "The requested resource does not exist");
  /* The abort races the worker: either it won, or the job had already finished. */
  if (abort2->status == 200)
    assert_error (early, 412, "JOB_NOT_COMPLETE",
                  "can only download query results of successfully completed bulk job with "
                  "status: JOB_COMPLETE. Current status: ABORTED");
  else
    assert_error (abort2, 400, "INVALIDJOBSTATE", "Aborting already Completed Job not allowed");
}

static void
test_create_errors (void)
{
  g_autoptr(LoResponse) field = lo_harness_post_json (org, QJOBS, "{\"operation\":\"query\","
                                                      "\"query\":\"SELECT Nope FROM Account\"}");
  g_autoptr(LoResponse) type = lo_harness_post_json (org, QJOBS, "{\"operation\":\"query\","
                                                     "\"query\":\"SELECT Id FROM Nope__c\"}");
  g_autoptr(LoResponse) op = lo_harness_post_json (org, QJOBS, "{\"operation\":\"select\","
                                                   "\"query\":\"SELECT Id FROM Account\"}");
  g_autoptr(LoResponse) json = lo_harness_post_json (org, QJOBS, "not json");

  assert_error (field, 400, "INVALID_FIELD", NULL);
  assert_error (type, 400, "INVALID_TYPE", NULL);
  assert_error (op, 400, "INVALIDJOB", NULL);
  assert_error (json, 400, "API_ERROR", NULL);
}

static void
test_delimiter (void)
{
  g_autofree char *id = run_query (org, "{\"operation\":\"query\",\"query\":\"SELECT Username, "
                                   "IsActive FROM User\",\"columnDelimiter\":\"PIPE\","
                                   "\"lineEnding\":\"CRLF\"}", NULL);
  g_autofree char *path = g_strdup_printf ("%s/%s/results", QJOBS, id);
  g_autoptr(LoResponse) r = lo_harness_get (org, path);

  g_assert_cmpstr (r->text, ==, "\"Username\"|\"IsActive\"\r\n"
                                "\"admin@freight.local\"|\"true\"\r\n");
}

/* REST /query pages of 2000 records, nextRecordsUrl to the rest. */
static void
test_rest_paging (void)
{
  g_autoptr(GString) csv = g_string_new ("LastName,Department\n");
  g_autoptr(LoResponse) first = NULL;
  g_autoptr(LoResponse) second = NULL;
  g_autoptr(JsonNode) j1 = NULL;
  g_autoptr(JsonNode) j2 = NULL;
  JsonObject *page;

  for (int i = 0; i < 2500; i++)
    g_string_append_printf (csv, "Rest %04d,Paging\n", i);
  load (org, "Contact", "insert", csv->str);
  first = lo_harness_get (org, "/services/data/v62.0/query?q=SELECT+LastName+FROM+Contact+"
                          "WHERE+Department+=+'Paging'+ORDER+BY+LastName");
  lo_assert_status (first, 200);
  j1 = lo_response_get_json (first);
  page = json_node_get_object (j1);
  g_assert_cmpint (json_object_get_int_member (page, "totalSize"), ==, 2500);
  g_assert_false (json_object_get_boolean_member (page, "done"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "records")), ==,
                    2000);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (page, "nextRecordsUrl"),
                                   "/services/data/v62.0/query/"));
  second = lo_harness_get (org, json_object_get_string_member (page, "nextRecordsUrl"));
  lo_assert_status (second, 200);
  j2 = lo_response_get_json (second);
  page = json_node_get_object (j2);
  g_assert_true (json_object_get_boolean_member (page, "done"));
  g_assert_false (json_object_has_member (page, "nextRecordsUrl"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "records")), ==,
                    500);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (page,
                                                                                  "records"), 0),
                     "LastName"), ==, "Rest 2000");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  org = lo_harness_start (NULL);
  load (org, "Account", "insert", "Name\nPaging Parent\n");
  {
    g_autoptr(LoResponse) r = lo_harness_get (org, "/services/data/v62.0/query?q=SELECT+Id+FROM"
                                              "+Account+WHERE+Name+=+'Paging+Parent'");
    g_autoptr(JsonNode) json = lo_response_get_json (r);
    JsonObject *rec = json_array_get_object_element (json_object_get_array_member (
                                                       json_node_get_object (json), "records"), 0);
    g_autofree char *csv = g_strdup_printf ("External_Id__c,Amount__c,Invoice_Date__c,"
                                            "Due_Date__c,Account__c,Paid__c\n"
                                            "PG-1,10000000,2024-06-01,2024-07-01,%s,false\n"
                                            "PG-2,10000000,2024-06-01,2024-07-01,%s,false\n"
                                            "PG-3,12.5,2024-06-01,,,true\n",
                                            json_object_get_string_member (rec, "Id"),
                                            json_object_get_string_member (rec, "Id"));

    load (org, "Invoice__c", "insert", csv);
  }
  g_test_add_func ("/local-org/query/create-reply", test_create_reply);
  g_test_add_func ("/local-org/query/pages", test_pages);
  g_test_add_func ("/local-org/query/default-page-size", test_default_page_size);
  g_test_add_func ("/local-org/query/query-all", test_query_all);
  g_test_add_func ("/local-org/query/states", test_states);
  g_test_add_func ("/local-org/query/create-errors", test_create_errors);
  g_test_add_func ("/local-org/query/delimiter", test_delimiter);
  g_test_add_func ("/local-org/query/rest-paging", test_rest_paging);
  status = g_test_run ();
  lo_harness_stop (org);
  lo_harness_free (org);
  return status;
}
