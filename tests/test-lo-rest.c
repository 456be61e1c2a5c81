/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lo-harness.h"

/* Protocol tests of the REST resources: versions, describe, records, limits, query. */

static LoHarness *org;

static JsonObject *
get_object (const char *path)
{
  g_autoptr(LoResponse) r = lo_harness_get (org, path);
  g_autoptr(JsonNode) json = NULL;

  lo_assert_status (r, 200);
  g_assert_true (g_str_has_prefix (lo_response_get_header (r, "Content-Type"),
                                   "application/json"));
  json = lo_response_get_json (r);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json));
  return json_object_ref (json_node_get_object (json));
}

static void
assert_error (LoResponse *r,
              guint       status,
              const char *code,
              const char *message)
{
  g_autoptr(JsonNode) json = lo_response_get_json (r);
  JsonObject *first;

  lo_assert_status (r, status);
  g_assert_true (g_str_has_prefix (lo_response_get_header (r, "Content-Type"),
                                   "application/json"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json));
  first = json_array_get_object_element (json_node_get_array (json), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "errorCode"), ==, code);
  if (message != NULL)
    g_assert_cmpstr (json_object_get_string_member (first, "message"), ==, message);
}

static void
test_versions (void)
{
  g_autoptr(LoResponse) r = lo_harness_request (org, "GET", "/services/data", NULL, NULL, 0, "");
  g_autoptr(JsonNode) json = lo_response_get_json (r);
  JsonArray *versions;
  JsonObject *last;

  lo_assert_status (r, 200);
  versions = json_node_get_array (json);
  g_assert_cmpuint (json_array_get_length (versions), ==, 36);
  last = json_array_get_object_element (versions, 35);
  g_assert_cmpstr (json_object_get_string_member (last, "version"), ==, "66.0");
  g_assert_cmpstr (json_object_get_string_member (last, "label"), ==, "Spring '26");
  g_assert_cmpstr (json_object_get_string_member (last, "url"), ==, "/services/data/v66.0");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (versions, 0),
                                                  "label"), ==, "Summer '14");
}

static void
test_version_root (void)
{
  g_autoptr(JsonObject) root = get_object ("/services/data/v62.0");
  g_autoptr(LoResponse) retired = lo_harness_get (org, "/services/data/v30.0/sobjects");
  g_autoptr(LoResponse) future = lo_harness_get (org, "/services/data/v67.0");
  g_autoptr(LoResponse) latest = lo_harness_get (org, "/services/data/latest/limits");

  g_assert_cmpstr (json_object_get_string_member (root, "sobjects"), ==,
                   "/services/data/v62.0/sobjects");
  g_assert_cmpstr (json_object_get_string_member (root, "limits"), ==,
                   "/services/data/v62.0/limits");
  assert_error (retired, 410, "UNSUPPORTED_API_VERSION", NULL);
  assert_error (future, 404, "NOT_FOUND", "The requested resource does not exist");
  lo_assert_status (latest, 200);
}

static void
test_unauthorized (void)
{
  g_autoptr(LoResponse) none = lo_harness_request (org, "GET", "/services/data/v62.0/sobjects",
                                                   NULL, NULL, 0, "");
  g_autoptr(LoResponse) bad = lo_harness_request (org, "GET", "/services/data/v62.0/limits",
                                                  NULL, NULL, 0, "00Dbogus!token");
  g_autoptr(LoResponse) jobs = lo_harness_request (org, "GET",
                                                   "/services/data/v62.0/jobs/ingest",
                                                   NULL, NULL, 0, "nope");

  assert_error (none, 401, "INVALID_SESSION_ID", "Session expired or invalid");
  assert_error (bad, 401, "INVALID_SESSION_ID", "Session expired or invalid");
  assert_error (jobs, 401, "INVALID_SESSION_ID", "Session expired or invalid");
}

static void
test_describe_global (void)
{
  g_autoptr(JsonObject) root = get_object ("/services/data/v62.0/sobjects");
  JsonArray *objects = json_object_get_array_member (root, "sobjects");
  gboolean found = FALSE;

  g_assert_cmpstr (json_object_get_string_member (root, "encoding"), ==, "UTF-8");
  g_assert_cmpint (json_object_get_int_member (root, "maxBatchSize"), ==, 200);
  g_assert_cmpuint (json_array_get_length (objects), ==, 8);
  for (guint i = 0; i < json_array_get_length (objects); i++)
    {
      JsonObject *o = json_array_get_object_element (objects, i);

      if (g_str_equal (json_object_get_string_member (o, "name"), "Invoice__c"))
        {
          found = TRUE;
          g_assert_true (json_object_get_boolean_member (o, "custom"));
          g_assert_cmpstr (json_object_get_string_member (o, "keyPrefix"), ==, "a01");
          g_assert_cmpstr (json_object_get_string_member (
                             json_object_get_object_member (o, "urls"), "describe"), ==,
                           "/services/data/v62.0/sobjects/Invoice__c/describe");
        }
    }
  g_assert_true (found);
}

static JsonObject *
find_field (JsonObject *describe,
            const char *name)
{
  JsonArray *fields = json_object_get_array_member (describe, "fields");

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *f = json_array_get_object_element (fields, i);

      if (g_str_equal (json_object_get_string_member (f, "name"), name))
        return f;
    }
  return NULL;
}

static void
test_describe (void)
{
  g_autoptr(JsonObject) invoice = get_object ("/services/data/v62.0/sobjects/Invoice__c/describe");
  g_autoptr(JsonObject) task = get_object ("/services/data/v62.0/sobjects/task/describe");
  g_autoptr(JsonObject) account = get_object ("/services/data/v62.0/sobjects/Account/describe");
  g_autoptr(LoResponse) missing =
    lo_harness_get (org, "/services/data/v62.0/sobjects/Nope__c/describe");
  JsonObject *f;
  JsonArray *children;
  gboolean has_contacts = FALSE;

  f = find_field (invoice, "External_Id__c");
  g_assert_true (json_object_get_boolean_member (f, "externalId"));
  g_assert_true (json_object_get_boolean_member (f, "unique"));
  g_assert_true (json_object_get_boolean_member (f, "filterable"));
  f = find_field (invoice, "Status__c");
  g_assert_true (json_object_get_boolean_member (f, "restrictedPicklist"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (f, "picklistValues")),
                    ==, 5);
  f = find_field (invoice, "Approval_Status__c");
  g_assert_false (json_object_get_boolean_member (f, "updateable"));
  g_assert_false (json_object_has_member (f, "x-readOnlyReason"));
  f = find_field (invoice, "Amount__c");
  g_assert_cmpstr (json_object_get_string_member (f, "type"), ==, "currency");
  g_assert_cmpint (json_object_get_int_member (f, "scale"), ==, 2);
  f = find_field (task, "WhoId");
  g_assert_true (json_object_get_boolean_member (f, "polymorphicForeignKey"));
  g_assert_cmpstr (json_object_get_string_member (f, "relationshipName"), ==, "Who");
  children = json_object_get_array_member (account, "childRelationships");
  for (guint i = 0; i < json_array_get_length (children); i++)
    {
      JsonObject *c = json_array_get_object_element (children, i);

      if (g_strcmp0 (json_object_get_string_member (c, "relationshipName"), "Contacts") == 0)
        has_contacts = g_str_equal (json_object_get_string_member (c, "field"), "AccountId");
    }
  g_assert_true (has_contacts);
  g_assert_cmpstr (json_object_get_string_member (account, "name"), ==, "Account");
  assert_error (missing, 404, "NOT_FOUND", NULL);
}

static void
test_user_record (void)
{
  g_autoptr(JsonObject) info = get_object ("/services/oauth2/userinfo");
  const char *user_id = json_object_get_string_member (info, "user_id");
  g_autofree char *path = g_strdup_printf ("/services/data/v51.0/sobjects/User/%s", user_id);
  g_autofree char *short_path = g_strdup_printf ("/services/data/v51.0/sobjects/User/%.15s",
                                                 user_id);
  g_autofree char *fields = g_strdup_printf ("%s?fields=Username,Email", path);
  g_autoptr(JsonObject) user = get_object (path);
  g_autoptr(JsonObject) user15 = get_object (short_path);
  g_autoptr(JsonObject) some = get_object (fields);
  g_autoptr(LoResponse) missing =
    lo_harness_get (org, "/services/data/v51.0/sobjects/User/005000000000000AAA");
  g_autoptr(LoResponse) bad_field = NULL;
  g_autofree char *bad = g_strdup_printf ("%s?fields=Nope", path);

  g_assert_cmpstr (json_object_get_string_member (info, "preferred_username"), ==,
                   "admin@freight.local");
  g_assert_cmpstr (json_object_get_string_member (user, "Username"), ==, "admin@freight.local");
  g_assert_cmpstr (json_object_get_string_member (user, "Id"), ==, user_id);
  g_assert_true (json_object_get_boolean_member (user, "IsActive"));
  g_assert_cmpstr (json_object_get_string_member (user, "CreatedDate"), ==,
                   "2024-01-01T00:00:00.000+0000");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (user, "attributes"), "type"), ==, "User");
  g_assert_cmpstr (json_object_get_string_member (user15, "Id"), ==, user_id);
  g_assert_cmpuint (json_object_get_size (some), ==, 3);
  assert_error (missing, 404, "NOT_FOUND", NULL);
  bad_field = lo_harness_get (org, bad);
  assert_error (bad_field, 400, "INVALID_FIELD", NULL);
}

static gint64
remaining (JsonObject *limits,
           const char *name)
{
  return json_object_get_int_member (json_object_get_object_member (limits, name), "Remaining");
}

static void
test_limits (void)
{
  g_autoptr(JsonObject) before = get_object ("/services/data/v62.0/limits");
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(LoResponse) job = NULL;

  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (before, "DailyBulkApiBatches"), "Max"), ==,
                   15000);
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (before, "DailyBulkV2QueryJobs"), "Max"), ==,
                   10000);
  job = lo_harness_post_json (org, "/services/data/v62.0/jobs/query",
                              "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Account\"}");
  lo_assert_status (job, 200);
  after = get_object ("/services/data/v62.0/limits");
  /* The limits call itself and the job creation both count. */
  g_assert_cmpint (remaining (after, "DailyApiRequests"), ==,
                   remaining (before, "DailyApiRequests") - 2);
  /* An ingest job of 15,000 rows is two internal batches. */
  {
    g_autoptr(GString) csv = g_string_new ("LastName\n");
    g_autoptr(LoResponse) created = lo_harness_post_json (org,
                                                          "/services/data/v62.0/jobs/ingest",
                                                          "{\"object\":\"Contact\","
                                                          "\"operation\":\"insert\"}");
    g_autoptr(JsonNode) json = lo_response_get_json (created);
    g_autofree char *path =
      g_strdup_printf ("/services/data/v62.0/jobs/ingest/%s",
                       json_object_get_string_member (json_node_get_object (json), "id"));
    g_autofree char *batches = g_strdup_printf ("%s/batches", path);
    g_autoptr(LoResponse) put = NULL;
    g_autoptr(LoResponse) closed = NULL;
    g_autoptr(JsonObject) done = NULL;
    g_autoptr(JsonObject) last = NULL;

    for (int i = 0; i < 15000; i++)
      g_string_append_printf (csv, "Limit %d\n", i);
    put = lo_harness_request (org, "PUT", batches, "text/csv", csv->str, csv->len, NULL);
    closed = lo_harness_request (org, "PATCH", path, "application/json",
                                 "{\"state\":\"UploadComplete\"}", -1, NULL);
    done = lo_harness_wait_for_job (org, path);
    last = get_object ("/services/data/v62.0/limits");
    g_assert_cmpint (remaining (last, "DailyBulkApiBatches"), ==,
                     remaining (after, "DailyBulkApiBatches") - 2);
  }
  g_assert_cmpint (remaining (after, "DailyBulkV2QueryJobs"), ==,
                   remaining (before, "DailyBulkV2QueryJobs") - 1);
}

static void
test_query (void)
{
  g_autoptr(JsonObject) all = get_object ("/services/data/v62.0/query?q=SELECT+Id,+Username,"
                                          "+Manager.Name+FROM+User");
  g_autoptr(LoResponse) scratch =
    lo_harness_get (org, "/services/data/v51.0/query?q=SELECT+Id+FROM+ScratchOrgInfo+limit+1");
  g_autoptr(LoResponse) tooling =
    lo_harness_get (org, "/services/data/v51.0/tooling/query?q=SELECT+Id+FROM+SandboxProcess");
  g_autoptr(LoResponse) empty = lo_harness_get (org, "/services/data/v62.0/query");
  JsonObject *record;

  g_assert_cmpint (json_object_get_int_member (all, "totalSize"), ==, 1);
  g_assert_true (json_object_get_boolean_member (all, "done"));
  record = json_array_get_object_element (json_object_get_array_member (all, "records"), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "Username"), ==,
                   "admin@freight.local");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (
                                     json_object_get_object_member (record, "attributes"),
                                     "url"), "/services/data/v62.0/sobjects/User/005"));
  g_assert_true (json_object_has_member (record, "Manager"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (record, "Manager")));
  lo_assert_status (scratch, 400);
  lo_assert_status (tooling, 400);
  assert_error (empty, 400, "MALFORMED_QUERY", NULL);
}

static void
test_identity (void)
{
  g_autoptr(JsonObject) info = get_object ("/services/oauth2/userinfo");
  const char *sub = json_object_get_string_member (info, "sub");
  g_autoptr(JsonObject) identity = get_object (sub);

  g_assert_true (g_str_has_prefix (sub, lo_harness_get_url (org)));
  g_assert_cmpstr (json_object_get_string_member (identity, "username"), ==,
                   "admin@freight.local");
  g_assert_cmpstr (json_object_get_string_member (identity, "organization_id"), ==,
                   json_object_get_string_member (info, "organization_id"));
  g_assert_true (g_str_has_suffix (sub, json_object_get_string_member (info, "user_id")));
}

static void
test_method_not_allowed (void)
{
  g_autoptr(LoResponse) r = lo_harness_request (org, "DELETE", "/services/data/v62.0/limits",
                                                NULL, NULL, 0, NULL);

  assert_error (r, 405, "METHOD_NOT_ALLOWED", NULL);
}

/* Records, jobs and tokens stay in --data-dir across a restart. */
static void
test_restart_keeps_data (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lo-restart-XXXXXX", NULL);
  g_autofree char *arg = g_strdup_printf ("--data-dir=%s", dir);
  const char *args[] = { arg, NULL };
  g_autoptr(LoHarness) first = lo_harness_start (args);
  g_autoptr(LoHarness) second = NULL;
  g_autoptr(LoResponse) created = NULL;
  g_autoptr(LoResponse) put = NULL;
  g_autoptr(LoResponse) closed = NULL;
  g_autoptr(LoResponse) again = NULL;
  g_autoptr(LoResponse) records = NULL;
  g_autoptr(LoResponse) old_token = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autofree char *path = NULL;
  g_autofree char *batches = NULL;
  g_autofree char *token = g_strdup (lo_harness_get_access_token (first));
  g_autofree char *rm = NULL;

  created = lo_harness_post_json (first, "/services/data/v62.0/jobs/ingest",
                                  "{\"object\":\"Account\",\"operation\":\"insert\"}");
  json = lo_response_get_json (created);
  path = g_strdup_printf ("/services/data/v62.0/jobs/ingest/%s",
                          json_object_get_string_member (json_node_get_object (json), "id"));
  batches = g_strdup_printf ("%s/batches", path);
  put = lo_harness_request (first, "PUT", batches, "text/csv", "Name\nSurvivor\n", -1, NULL);
  closed = lo_harness_request (first, "PATCH", path, "application/json",
                               "{\"state\":\"UploadComplete\"}", -1, NULL);
  done = lo_harness_wait_for_job (first, path);
  lo_harness_stop (first);

  second = lo_harness_start (args);
  again = lo_harness_get (second, path);
  lo_assert_status (again, 200);
  g_assert_true (strstr (again->text, "\"state\":\"JobComplete\"") != NULL);
  records = lo_harness_get (second, "/services/data/v62.0/query?q=SELECT+Name+FROM+Account+"
                            "WHERE+Name+=+'Survivor'");
  g_assert_true (strstr (records->text, "\"totalSize\":1") != NULL);
  old_token = lo_harness_request (second, "GET", "/services/data/v62.0/limits", NULL, NULL, 0,
                                  token);
  lo_assert_status (old_token, 200);
  lo_harness_stop (second);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_assert_cmpint (system (rm), ==, 0);
}

/* Without --data-dir the org keeps its data in a temporary folder it removes at exit. */
static void
test_temporary_data_dir (void)
{
  g_autoptr(LoHarness) o = lo_harness_start (NULL);
  g_autofree char *fd_dir = g_strdup_printf ("/proc/%d/fd", (int) lo_harness_get_pid (o));
  g_autoptr(GDir) dir = g_dir_open (fd_dir, 0, NULL);
  g_autofree char *db = NULL;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL && db == NULL)
    {
      g_autofree char *link = g_build_filename (fd_dir, name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_suffix (target, "/org.sqlite"))
        db = g_steal_pointer (&target);
    }
  g_assert_nonnull (db);
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  lo_harness_stop (o);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

static void
test_tls (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lo-tls-XXXXXX", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *command = g_strdup_printf ("openssl req -x509 -newkey rsa:2048 -nodes "
                                              "-subj /CN=127.0.0.1 -days 1 -keyout '%s' "
                                              "-out '%s' 2>/dev/null", key, cert);
  g_autofree char *cert_arg = g_strdup_printf ("--tls-cert=%s", cert);
  g_autofree char *key_arg = g_strdup_printf ("--tls-key=%s", key);
  const char *args[] = { cert_arg, key_arg, NULL };
  g_autoptr(LoHarness) o = NULL;
  g_autoptr(LoResponse) r = NULL;

  g_assert_cmpint (system (command), ==, 0);
  o = lo_harness_start (args);
  g_assert_true (g_str_has_prefix (lo_harness_get_url (o), "https://127.0.0.1:"));
  r = lo_harness_get (o, "/services/data/v62.0/limits");
  lo_assert_status (r, 200);
  lo_harness_stop (o);
  g_unlink (cert);
  g_unlink (key);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  org = lo_harness_start (NULL);
  g_test_add_func ("/local-org/rest/versions", test_versions);
  g_test_add_func ("/local-org/rest/version-root", test_version_root);
  g_test_add_func ("/local-org/rest/unauthorized", test_unauthorized);
  g_test_add_func ("/local-org/rest/describe-global", test_describe_global);
  g_test_add_func ("/local-org/rest/describe", test_describe);
  g_test_add_func ("/local-org/rest/user-record", test_user_record);
  g_test_add_func ("/local-org/rest/limits", test_limits);
  g_test_add_func ("/local-org/rest/query", test_query);
  g_test_add_func ("/local-org/rest/identity", test_identity);
  g_test_add_func ("/local-org/rest/method-not-allowed", test_method_not_allowed);
  g_test_add_func ("/local-org/rest/restart-keeps-data", test_restart_keeps_data);
  g_test_add_func ("/local-org/rest/temporary-data-dir", test_temporary_data_dir);
  g_test_add_func ("/local-org/rest/tls", test_tls);
  status = g_test_run ();
  lo_harness_stop (org);
  lo_harness_free (org);
  return status;
}
