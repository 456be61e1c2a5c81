/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "freight.h"
#include "http-fixture.h"

/* FreightOrgSession against a fake org: API version negotiation, identity, describe
 * caching in memory and on disk, limits, URL building. The same session against the real
 * local org is in test-local-org-session.c. */

#define ORG_ID  "00D000000000001EAA"
#define USER_ID "005000000000001AAA"

typedef struct
{
  HttpFixture       *fixture;
  FreightHttpClient *client;
  FreightAuth       *auth;
  char              *tmpdir;
  const char        *versions;
} Fixture;

static void
org_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Fixture *f = user_data;
  const char *authorization = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization");

  if (g_strcmp0 (authorization, "Bearer 00D!session") != 0)
    {
      http_fixture_reply_json (msg, 401, "[{\"errorCode\":\"INVALID_SESSION_ID\","
                                         "\"message\":\"Session expired or invalid\"}]");
      return;
    }

  if (g_str_equal (path, "/services/data"))
    http_fixture_reply_json (msg, 200, f->versions);
  else if (g_str_equal (path, "/services/oauth2/userinfo"))
    http_fixture_reply_json (msg, 200, "{\"user_id\":\"" USER_ID "\",\"organization_id\":\""
                                       ORG_ID "\",\"preferred_username\":\"ada@acme.test\","
                                       "\"name\":\"Ada Admin\"}");
  else if (g_str_has_suffix (path, "/query"))
    http_fixture_reply_json (msg, 200, "{\"totalSize\":1,\"done\":true,\"records\":[{"
                                       "\"Name\":\"Acme\",\"IsSandbox\":true,"
                                       "\"OrganizationType\":\"Developer Edition\"}]}");
  else if (g_str_equal (path, "/services/data/v66.0/sobjects"))
    http_fixture_reply_json (msg, 200, "{\"encoding\":\"UTF-8\",\"maxBatchSize\":200,"
                                       "\"sobjects\":[{\"name\":\"Account\","
                                       "\"label\":\"Account\",\"createable\":true}]}");
  else if (g_str_equal (path, "/services/data/v66.0/sobjects/Account/describe"))
    http_fixture_reply_json (msg, 200, "{\"name\":\"Account\",\"fields\":[{\"name\":\"Id\","
                                       "\"type\":\"id\"},{\"name\":\"Name\","
                                       "\"type\":\"string\",\"length\":255}]}");
  else if (g_str_equal (path, "/services/data/v66.0/limits"))
    http_fixture_reply_json (msg, 200, "{\"DailyApiRequests\":{\"Max\":15000,"
                                       "\"Remaining\":14990},\"DailyBulkApiBatches\":{"
                                       "\"Max\":15000,\"Remaining\":15000}}");
  else
    http_fixture_reply_json (msg, 404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The "
                                       "requested resource does not exist\"}]");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightOAuthToken) pasted = NULL;
  g_autoptr(FreightOAuthToken) token = NULL;

  f->versions = "[{\"label\":\"Winter '20\",\"url\":\"/services/data/v47.0\","
                "\"version\":\"47.0\"},{\"label\":\"Spring '26\",\"url\":\"/services/data/"
                "v66.0\",\"version\":\"66.0\"},{\"label\":\"Summer '26\",\"url\":\"/services/"
                "data/v67.0\",\"version\":\"67.0\"},{\"label\":\"Spring '24\",\"url\":\""
                "/services/data/v60.0\",\"version\":\"60.0\"}]";
  f->fixture = http_fixture_new (NULL, NULL);
  http_fixture_add_handler (f->fixture, "/services", org_handler, f);
  f->client = freight_http_client_new (NULL, &error);
  g_assert_no_error (error);
  g_object_set (f->client, "retry-base-delay", 10, NULL);

  pasted = freight_oauth_token_new ("00D!session", http_fixture_get_url (f->fixture), NULL);
  token = freight_oauth_token_copy_with_identity (pasted, ORG_ID, USER_ID);
  f->auth = freight_access_token_auth_new (f->client, token);
  f->tmpdir = http_fixture_make_tmpdir ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->auth);
  g_clear_object (&f->client);
  g_clear_pointer (&f->fixture, http_fixture_free);
  http_fixture_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

static FreightOrgSession *
make_session (Fixture    *f,
              const char *max_version,
              gint64      max_age)
{
  g_autofree char *cache = g_build_filename (f->tmpdir, "cache", NULL);

  return g_object_new (FREIGHT_TYPE_ORG_SESSION,
                       "http-client", f->client,
                       "auth", f->auth,
                       "max-api-version", max_version,
                       "cache-dir", cache,
                       "cache-max-age", max_age,
                       NULL);
}

static void
test_negotiate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(FreightOrgSession) session = make_session (f, NULL, 3600);
  g_autoptr(FreightOrgSession) older = make_session (f, "v60", 3600);
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *older_version = NULL;
  g_autoptr(JsonObject) identity = NULL;
  g_autofree char *org_id = NULL;

  g_assert_null (freight_org_session_dup_api_version (session));
  g_assert_true (freight_org_session_connect (session, NULL, &error));
  g_assert_no_error (error);

  /* The org offers 67.0, but Freight stops at its maximum. */
  version = freight_org_session_dup_api_version (session);
  g_assert_cmpstr (version, ==, "66.0");

  identity = freight_org_session_dup_identity (session);
  g_assert_cmpstr (json_object_get_string_member (identity, "preferred_username"), ==,
                   "ada@acme.test");
  g_assert_cmpstr (json_object_get_string_member (identity, "organization_name"), ==, "Acme");
  g_assert_true (json_object_get_boolean_member (identity, "is_sandbox"));
  org_id = freight_org_session_dup_org_id (session);
  g_assert_cmpstr (org_id, ==, ORG_ID);

  g_assert_true (freight_org_session_connect (older, NULL, &error));
  older_version = freight_org_session_dup_api_version (older);
  g_assert_cmpstr (older_version, ==, "60.0");
}

static void
test_negotiate_too_old (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(FreightOrgSession) session = make_session (f, NULL, 3600);
  g_autoptr(GError) error = NULL;

  f->versions = "[{\"version\":\"42.0\"},{\"version\":\"45.0\"}]";
  g_assert_false (freight_org_session_connect (session, NULL, &error));
  g_assert_error (error, FREIGHT_ORG_ERROR, FREIGHT_ORG_ERROR_API_VERSION);
  g_assert_nonnull (strstr (error->message, "45.0"));
  g_assert_nonnull (strstr (error->message, "47.0"));
  g_clear_error (&error);

  f->versions = "{\"not\":\"a list\"}";
  g_assert_false (freight_org_session_connect (session, NULL, &error));
  g_assert_error (error, FREIGHT_ORG_ERROR, FREIGHT_ORG_ERROR_API_VERSION);
}

static void
test_build_url (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(FreightOrgSession) session = make_session (f, "65.0", 3600);
  const char *base = http_fixture_get_url (f->fixture);
  g_autofree char *before = freight_org_session_build_url (session, "limits");
  g_autofree char *after = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *content_url = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  expected = g_strconcat (base, "/services/data/v65.0/limits", NULL);
  g_assert_cmpstr (before, ==, expected);

  f->versions = "[{\"version\":\"58.0\"},{\"version\":\"62.0\"}]";
  g_assert_true (freight_org_session_connect (session, NULL, &error));
  after = freight_org_session_build_url (session, "jobs/ingest");
  g_free (expected);
  expected = g_strconcat (base, "/services/data/v62.0/jobs/ingest", NULL);
  g_assert_cmpstr (after, ==, expected);

  /* Paths from the server: nextRecordsUrl (absolute) and contentUrl (relative). */
  absolute = freight_org_session_build_url (session, "/services/data/v62.0/jobs/ingest?"
                                                      "queryLocator=01g-2000");
  g_free (expected);
  expected = g_strconcat (base, "/services/data/v62.0/jobs/ingest?queryLocator=01g-2000",
                          NULL);
  g_assert_cmpstr (absolute, ==, expected);
  content_url = freight_org_session_build_url (session, "services/data/v62.0/jobs/ingest/"
                                                         "750x/batches");
  g_free (expected);
  expected = g_strconcat (base, "/services/data/v62.0/jobs/ingest/750x/batches", NULL);
  g_assert_cmpstr (content_url, ==, expected);
}

static void
test_describe_cache (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(FreightOrgSession) session = make_session (f, NULL, 3600);
  g_autoptr(FreightOrgSession) later = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) from_disk = NULL;
  g_autoptr(JsonObject) global = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  const char *describe_path = "/services/data/v66.0/sobjects/Account/describe";
  guint requests;

  first = freight_org_session_describe_sobject (session, "Account", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Account");
  g_assert_cmpuint (http_fixture_count_requests (f->fixture, describe_path), ==, 1);
  requests = freight_org_session_get_request_count (session);

  /* The second describe is served from memory: no request at all. */
  second = freight_org_session_describe_sobject (session, "account", NULL, &error);
  g_assert_no_error (error);
  /* Each caller gets its own object (json-glib objects must not cross threads). */
  g_assert_true (second != first);
  g_assert_true (json_object_equal (second, first));
  g_assert_cmpuint (http_fixture_count_requests (f->fixture, describe_path), ==, 1);
  g_assert_cmpuint (freight_org_session_get_request_count (session), ==, requests);

  /* A new session (say, the next run of freight-cli) reads it from disk. */
  file = g_build_filename (f->tmpdir, "cache", ORG_ID, "v66.0", "account.json", NULL);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  later = make_session (f, NULL, 3600);
  g_assert_true (freight_org_session_connect (later, NULL, &error));
  from_disk = freight_org_session_describe_sobject (later, "Account", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (from_disk, "fields")),
                    ==, 2);
  g_assert_cmpuint (http_fixture_count_requests (f->fixture, describe_path), ==, 1);

  global = freight_org_session_describe_global (session, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (global, "sobjects"));

  /* Forgetting removes the files too. */
  freight_org_session_forget_describes (session);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

static void
test_describe_expired (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(FreightOrgSession) session = make_session (f, NULL, 0);
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;

  first = freight_org_session_describe_sobject (session, "Account", NULL, &error);
  g_assert_no_error (error);

  /* Make the entry a minute old on disk and in memory: with max-age 0 both expire. */
  file = g_build_filename (f->tmpdir, "cache", ORG_ID, "v66.0", "account.json", NULL);
  {
    struct utimbuf times = { time (NULL) - 60, time (NULL) - 60 };

    g_assert_cmpint (g_utime (file, &times), ==, 0);
  }
  g_usleep (1100 * 1000);
  second = freight_org_session_describe_sobject (session, "Account", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (http_fixture_count_requests (f->fixture,
                                                 "/services/data/v66.0/sobjects/Account/"
                                                 "describe"), ==, 2);
}

static void
test_describe_errors (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(FreightOrgSession) session = make_session (f, NULL, 3600);
  g_autoptr(JsonObject) missing = NULL;
  g_autoptr(JsonObject) bad = NULL;
  g_autoptr(GError) error = NULL;

  missing = freight_org_session_describe_sobject (session, "Invoice__c", NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Invoice__c does not exist"));
  g_clear_error (&error);

  bad = freight_org_session_describe_sobject (session, "../../etc/passwd", NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, FREIGHT_ORG_ERROR, FREIGHT_ORG_ERROR_INVALID_NAME);
}

static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(FreightOrgSession) session = make_session (f, NULL, 3600);
  g_autoptr(JsonObject) limits = NULL;
  g_autoptr(GError) error = NULL;
  gint64 max = 0;
  gint64 remaining = 0;

  limits = freight_org_session_get_limits (session, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (freight_limits_lookup (limits, "DailyApiRequests", &max, &remaining));
  g_assert_cmpint (max, ==, 15000);
  g_assert_cmpint (remaining, ==, 14990);
  g_assert_false (freight_limits_lookup (limits, "NoSuchLimit", NULL, NULL));
}

static gpointer
describe_thread (gpointer data)
{
  FreightOrgSession *session = data;

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) describe = NULL;
      g_autoptr(JsonObject) global = NULL;

      describe = freight_org_session_describe_sobject (session, "Account", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (describe, "name"), ==, "Account");
      global = freight_org_session_describe_global (session, NULL, &error);
      g_assert_no_error (error);
    }
  return NULL;
}

static void
test_concurrent_describes (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(FreightOrgSession) session = make_session (f, NULL, 3600);
  GThread *threads[8];
  g_autoptr(GError) error = NULL;

  /* Workers share one session and its cache; each gets objects of its own. */
  g_assert_true (freight_org_session_connect (session, NULL, &error));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("describe", describe_thread, session);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (http_fixture_count_requests (f->fixture,
                                                 "/services/data/v66.0/sobjects/Account/"
                                                 "describe"), >=, 1);
}

static void
describe_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  JsonObject **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = freight_org_session_describe_sobject_finish (FREIGHT_ORG_SESSION (source), result,
                                                      &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(FreightOrgSession) session = make_session (f, NULL, 3600);
  g_autoptr(JsonObject) describe = NULL;

  freight_org_session_describe_sobject_async (session, "Account", NULL, describe_done,
                                              &describe);
  while (describe == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (json_object_get_string_member (describe, "name"), ==, "Account");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/freight/org-session/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("negotiate", test_negotiate);
  ADD ("negotiate-too-old", test_negotiate_too_old);
  ADD ("build-url", test_build_url);
  ADD ("describe-cache", test_describe_cache);
  ADD ("describe-expired", test_describe_expired);
  ADD ("describe-errors", test_describe_errors);
  ADD ("limits", test_limits);
  ADD ("concurrent-describes", test_concurrent_describes);
  ADD ("async", test_async);

#undef ADD

  return g_test_run ();
}
