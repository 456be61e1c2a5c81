/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"
#include "freight-http-private.h"

/* The HTTP layer's pure helpers: backoff, Retry-After, redaction, error bodies. */

static void
test_backoff_bounds (void)
{
  /* The ceiling doubles per attempt; the delay lies in its upper half. */
  for (guint attempt = 0; attempt < 6; attempt++)
    {
      guint ceiling = 1000u << attempt;

      g_assert_cmpuint (_freight_http_backoff_delay (1000, 60000, attempt, 0.0), ==,
                        ceiling / 2);
      g_assert_cmpuint (_freight_http_backoff_delay (1000, 60000, attempt, 0.999), <=,
                        ceiling);
      g_assert_cmpuint (_freight_http_backoff_delay (1000, 60000, attempt, 0.999), >=,
                        ceiling - ceiling / 500);
    }

  /* Capped, however many attempts. */
  g_assert_cmpuint (_freight_http_backoff_delay (1000, 60000, 30, 1.0), ==, 60000);
  g_assert_cmpuint (_freight_http_backoff_delay (1000, 60000, 1000, 0.0), ==, 30000);

  /* Jitter spreads clients that failed together. */
  g_assert_cmpuint (_freight_http_backoff_delay (1000, 60000, 3, 0.1), <,
                    _freight_http_backoff_delay (1000, 60000, 3, 0.9));
}

static void
test_retry_after (void)
{
  /* 2015-10-21 07:28:00 UTC */
  const gint64 now = 1445412480;

  g_assert_cmpint (_freight_http_parse_retry_after (NULL, now), ==, -1);
  g_assert_cmpint (_freight_http_parse_retry_after ("", now), ==, -1);
  g_assert_cmpint (_freight_http_parse_retry_after ("120", now), ==, 120000);
  g_assert_cmpint (_freight_http_parse_retry_after (" 0 ", now), ==, 0);
  g_assert_cmpint (_freight_http_parse_retry_after ("12abc", now), ==, -1);
  g_assert_cmpint (_freight_http_parse_retry_after ("soon", now), ==, -1);
  g_assert_cmpint (_freight_http_parse_retry_after ("Wed, 21 Oct 2015 07:28:30 GMT", now),
                   ==, 30000);
  /* A date in the past means now. */
  g_assert_cmpint (_freight_http_parse_retry_after ("Wed, 21 Oct 2015 07:00:00 GMT", now),
                   ==, 0);
}

static void
test_redact_header (void)
{
  const char *line = "Authorization: Bearer 00Dxx!AQ.secret\r\n";
  g_autofree char *bearer = _freight_http_redact_header (line, strlen (line));
  g_autofree char *cookie = _freight_http_redact_header ("Set-Cookie: sid=abc", 19);
  g_autofree char *plain = _freight_http_redact_header ("Content-Type: text/csv\r\n", 24);

  g_assert_cmpstr (bearer, ==, "Authorization: Bearer [REDACTED]");
  g_assert_cmpstr (cookie, ==, "Set-Cookie: [REDACTED]");
  g_assert_cmpstr (plain, ==, "Content-Type: text/csv");
}

static void
test_redact_form (void)
{
  const char *form = "grant_type=password&client_id=3MVG9&client_secret=s3cr3t"
                     "&username=admin%40freight.local&password=freight%21tok"
                     "&refresh_token=5Aep&assertion=eyJ&code=aPrx&code_verifier=v";
  g_autofree char *redacted = _freight_http_redact_form (form, strlen (form));
  g_autofree char *url = _freight_http_redact_url ("https://h/services/oauth2/revoke"
                                                   "?token=00D!abc&x=1");

  g_assert_cmpstr (redacted, ==,
                   "grant_type=password&client_id=3MVG9&client_secret=[REDACTED]"
                   "&username=admin%40freight.local&password=[REDACTED]"
                   "&refresh_token=[REDACTED]&assertion=[REDACTED]&code=[REDACTED]"
                   "&code_verifier=[REDACTED]");
  g_assert_cmpstr (url, ==, "https://h/services/oauth2/revoke?token=[REDACTED]&x=1");
}

static void
test_redact_json (void)
{
  const char *reply = "{\"access_token\":\"00Dxx!AQ.tok\",\"instance_url\":\"https://x\","
                      "\"id\":\"https://login/id/00D/005\",\"refresh_token\":\"5Aep\","
                      "\"nested\":[{\"password\":\"pw\"}],\"signature\":\"sig\"}";
  g_autofree char *redacted = _freight_http_redact_json (reply, strlen (reply));
  g_autofree char *described = _freight_http_describe_body ("application/json",
                                                            (const guint8 *) reply,
                                                            strlen (reply));
  g_autofree char *csv = _freight_http_describe_body ("text/csv",
                                                      (const guint8 *) "a,b\n1,2\n", 8);

  g_assert_null (strstr (redacted, "00Dxx"));
  g_assert_null (strstr (redacted, "5Aep"));
  g_assert_null (strstr (redacted, "pw\""));
  g_assert_null (strstr (redacted, "sig\""));
  g_assert_nonnull (strstr (redacted, "https://x"));
  g_assert_cmpstr (described, ==, redacted);
  /* Record data is the user's: only its size is shown. */
  g_assert_cmpstr (csv, ==, "(8 bytes of text/csv)");
  g_assert_null (_freight_http_redact_json ("not json", 8));
}

/* A number too large for a double stays JSON (found by fuzz-http-answer). */
static void
test_redact_json_huge_number (void)
{
  g_autofree char *alone = _freight_http_redact_json ("88E8888888", 10);
  g_autofree char *inside = _freight_http_redact_json ("{\"n\":[-1e999,2]}", 16);

  g_assert_cmpstr (alone, ==, "null");
  g_assert_cmpstr (inside, ==, "{\"n\":[null,2]}");
}

static void
test_loopback (void)
{
  g_assert_true (_freight_http_url_is_loopback ("http://127.0.0.1:8080/x"));
  g_assert_true (_freight_http_url_is_loopback ("http://localhost/"));
  g_assert_true (_freight_http_url_is_loopback ("http://[::1]:1/"));
  g_assert_false (_freight_http_url_is_loopback ("http://10.0.0.1/"));
  g_assert_false (_freight_http_url_is_loopback ("https://login.salesforce.com"));
}

static void
test_error_bodies (void)
{
  const char *sf = "[{\"errorCode\":\"INVALIDJOBSTATE\",\"message\":\"Aborting already "
                   "Completed Job not allowed\"}]";
  const char *fields = "[{\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"message\":\"Required "
                       "fields are missing: [Name]\",\"fields\":[\"Name\"]}]";
  const char *oauth = "{\"error\":\"unsupported_grant_type\",\"error_description\":"
                      "\"grant type not supported\"}";
  GError *error;

  error = _freight_http_error_from_answer ("PATCH", "https://x/jobs/ingest/750", 400,
                                           (const guint8 *) sf, strlen (sf));
  g_assert_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_BAD_REQUEST);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "INVALIDJOBSTATE");
  g_assert_cmpuint (freight_error_get_http_status (error), ==, 400);
  g_assert_cmpstr (error->message, ==,
                   "Aborting already Completed Job not allowed (INVALIDJOBSTATE)");
  {
    /* The code survives copies (GTask, GAsyncResult). */
    GError *copy = g_error_copy (error);

    g_assert_cmpstr (freight_error_get_remote_code (copy), ==, "INVALIDJOBSTATE");
    g_error_free (copy);
  }
  g_error_free (error);

  error = _freight_http_error_from_answer ("POST", "https://x/sobjects/Account", 400,
                                           (const guint8 *) fields, strlen (fields));
  g_assert_nonnull (strstr (error->message, "fields: Name"));
  g_error_free (error);

  error = _freight_http_error_from_answer ("POST", "https://x/services/oauth2/token", 400,
                                           (const guint8 *) oauth, strlen (oauth));
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_UNSUPPORTED_GRANT);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "unsupported_grant_type");
  g_error_free (error);

  error = _freight_http_error_from_answer ("GET", "https://x/services/data?q=1", 503,
                                           (const guint8 *) "<html>", 6);
  g_assert_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_SERVER);
  g_assert_null (freight_error_get_remote_code (error));
  g_assert_nonnull (strstr (error->message, "HTTP 503 Service Unavailable"));
  g_error_free (error);

  error = _freight_http_error_from_answer ("GET", "https://x/limits", 429, NULL, 0);
  g_assert_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_RATE_LIMITED);
  g_error_free (error);

  g_assert_true (_freight_http_body_has_invalid_session (
    (const guint8 *) "[{\"errorCode\":\"INVALID_SESSION_ID\"}]", 36));
  g_assert_false (_freight_http_body_has_invalid_session ((const guint8 *) "Bad_OAuth", 9));
}

static void
test_token_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (
    "{\"access_token\":\"00D5g000004Bz9e!AQ\",\"instance_url\":\"https://acme.my.salesforce"
    ".com/\",\"id\":\"https://login.salesforce.com/id/00D5g000004Bz9eEAC/0055g00000A1b2cAAB\","
    "\"token_type\":\"Bearer\",\"issued_at\":\"1708058728442\",\"scope\":\"api\"}", NULL);
  g_autoptr(JsonNode) bad = json_from_string ("{\"access_token\":\"x\"}", NULL);
  g_autoptr(FreightOAuthToken) token = NULL;
  g_autoptr(FreightOAuthToken) missing = NULL;

  token = freight_oauth_token_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (freight_oauth_token_get_instance_url (token), ==,
                   "https://acme.my.salesforce.com");
  g_assert_cmpstr (freight_oauth_token_get_org_id (token), ==, "00D5g000004Bz9eEAC");
  g_assert_cmpstr (freight_oauth_token_get_user_id (token), ==, "0055g00000A1b2cAAB");
  g_assert_cmpint (freight_oauth_token_get_issued_at (token), ==, 1708058728442);
  g_assert_null (freight_oauth_token_get_refresh_token (token));

  missing = freight_oauth_token_new_from_json (json_node_get_object (bad), &error);
  g_assert_null (missing);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_TOKEN);
}

static void
test_auth_method_names (void)
{
  for (FreightAuthMethod m = FREIGHT_AUTH_METHOD_NONE;
       m <= FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS; m++)
    g_assert_cmpint (freight_auth_method_from_string (freight_auth_method_to_string (m)), ==,
                     m);
  g_assert_cmpstr (freight_auth_method_to_string (FREIGHT_AUTH_METHOD_ACCESS_TOKEN), ==,
                   "access-token");
  g_assert_cmpint (freight_auth_method_from_string ("bogus"), ==, FREIGHT_AUTH_METHOD_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/freight/http-util/backoff-bounds", test_backoff_bounds);
  g_test_add_func ("/freight/http-util/retry-after", test_retry_after);
  g_test_add_func ("/freight/http-util/redact-header", test_redact_header);
  g_test_add_func ("/freight/http-util/redact-form", test_redact_form);
  g_test_add_func ("/freight/http-util/redact-json", test_redact_json);
  g_test_add_func ("/freight/http-util/redact-json-huge-number", test_redact_json_huge_number);
  g_test_add_func ("/freight/http-util/loopback", test_loopback);
  g_test_add_func ("/freight/http-util/error-bodies", test_error_bodies);
  g_test_add_func ("/freight/http-util/token-json", test_token_json);
  g_test_add_func ("/freight/http-util/auth-method-names", test_auth_method_names);

  return g_test_run ();
}
