/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"
#include "http-fixture.h"
#include "lo-harness.h"

/* The connection layer against the real freight-local-org process: password login of the
 * demo user, a pasted token, API version negotiation, the describe cache, limits, token
 * renewal when the org's token lifetime ends (password and refresh-token sessions, and
 * the sign-in-again state of a pasted token), retries on the org's injected faults, and
 * TLS with the org's self-signed certificate. */

#define REDIRECT_URI "http://localhost:1717/OauthRedirect"

typedef struct
{
  LoHarness         *org;
  FreightHttpClient *http;
  char              *tmpdir;
} Fixture;

static void
start_org (Fixture            *f,
           const char * const *args)
{
  g_autoptr(GError) error = NULL;

  f->org = lo_harness_start_full (args, FALSE, &error);
  g_assert_no_error (error);
  f->http = freight_http_client_new (NULL, &error);
  g_assert_no_error (error);
  g_object_set (f->http, "retry-base-delay", 50, NULL);
  f->tmpdir = http_fixture_make_tmpdir ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  start_org (f, data);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->http);
  if (f->org != NULL)
    lo_harness_stop (f->org);
  g_clear_pointer (&f->org, lo_harness_free);
  if (f->tmpdir != NULL)
    http_fixture_remove_tree (f->tmpdir);
  g_clear_pointer (&f->tmpdir, g_free);
}

static FreightOAuthClient *
make_oauth (Fixture *f)
{
  return freight_oauth_client_new (f->http, lo_harness_get_url (f->org),
                                   LO_HARNESS_CONSUMER_KEY, LO_HARNESS_CONSUMER_SECRET);
}

static FreightAuth *
password_login (Fixture *f)
{
  g_autoptr(FreightOAuthClient) oauth = make_oauth (f);
  g_autoptr(GError) error = NULL;
  FreightAuth *auth;

  auth = freight_password_auth_sign_in (oauth, LO_HARNESS_USERNAME, LO_HARNESS_PASSWORD,
                                        NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (auth);
  return auth;
}

static FreightOrgSession *
make_session (Fixture     *f,
              FreightAuth *auth,
              const char  *max_version)
{
  g_autofree char *cache = g_build_filename (f->tmpdir, "cache", NULL);

  return g_object_new (FREIGHT_TYPE_ORG_SESSION,
                       "http-client", f->http,
                       "auth", auth,
                       "max-api-version", max_version,
                       "cache-dir", cache,
                       NULL);
}

/* Waits (up to a minute) until the org refuses @token: token lifetimes are the org's
 * clock, so the test asks the org rather than guessing with a sleep. */
static void
wait_until_refused (Fixture    *f,
                    const char *token)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(LoResponse) r = lo_harness_request (f->org, "GET",
                                                    "/services/data/v66.0/limits",
                                                    NULL, NULL, 0, token);

      if (r->status == 401)
        return;
      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (100 * 1000);
    }
}

static void
test_password_login (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = password_login (f);
  g_autoptr(FreightOAuthToken) token = freight_auth_dup_token (auth);
  g_autoptr(FreightOrgSession) session = make_session (f, auth, NULL);
  g_autoptr(FreightOAuthClient) oauth = make_oauth (f);
  g_autoptr(FreightAuth) wrong = NULL;
  g_autoptr(JsonObject) identity = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *org_id = NULL;

  g_assert_cmpstr (freight_oauth_token_get_instance_url (token), ==,
                   lo_harness_get_url (f->org));
  g_assert_true (freight_sf_id_is_valid (freight_oauth_token_get_org_id (token), -1));
  g_assert_true (g_str_has_prefix (freight_oauth_token_get_org_id (token), "00D"));
  g_assert_true (g_str_has_prefix (freight_oauth_token_get_user_id (token), "005"));

  g_assert_true (freight_org_session_connect (session, NULL, &error));
  g_assert_no_error (error);
  identity = freight_org_session_dup_identity (session);
  g_assert_nonnull (identity);
  g_assert_cmpstr (json_object_get_string_member (identity, "preferred_username"), ==,
                   LO_HARNESS_USERNAME);
  org_id = freight_org_session_dup_org_id (session);
  g_assert_true (freight_sf_id_equal (org_id, freight_oauth_token_get_org_id (token)));

  wrong = freight_password_auth_sign_in (oauth, LO_HARNESS_USERNAME, "not-the-password",
                                         NULL, NULL, &error);
  g_assert_null (wrong);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_GRANT);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "invalid_grant");
  g_assert_nonnull (strstr (error->message, "security token"));
}

static void
test_pasted_token (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = password_login (f);
  g_autoptr(FreightOAuthToken) token = freight_auth_dup_token (auth);
  g_autoptr(FreightAuth) pasted = NULL;
  g_autoptr(FreightAuth) bogus = NULL;
  g_autoptr(FreightOAuthToken) pasted_token = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(JsonObject) limits = NULL;
  g_autoptr(GError) error = NULL;

  pasted = freight_access_token_auth_sign_in (f->http, lo_harness_get_url (f->org),
                                              freight_oauth_token_get_access_token (token),
                                              NULL, &error);
  g_assert_no_error (error);
  pasted_token = freight_auth_dup_token (pasted);
  g_assert_cmpstr (freight_oauth_token_get_org_id (pasted_token), ==,
                   freight_oauth_token_get_org_id (token));
  g_assert_cmpstr (freight_oauth_token_get_user_id (pasted_token), ==,
                   freight_oauth_token_get_user_id (token));

  session = make_session (f, pasted, NULL);
  limits = freight_org_session_get_limits (session, NULL, &error);
  g_assert_no_error (error);

  bogus = freight_access_token_auth_sign_in (f->http, lo_harness_get_url (f->org),
                                             "00D000000000000!AQ.not-a-token", NULL, &error);
  g_assert_null (bogus);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_TOKEN);
}

static void
test_negotiate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = password_login (f);
  g_autoptr(FreightOrgSession) session = make_session (f, auth, NULL);
  g_autoptr(FreightOrgSession) older = make_session (f, auth, "v60");
  g_autoptr(LoResponse) listed = lo_harness_get (f->org, "/services/data");
  g_autoptr(JsonNode) versions = lo_response_get_json (listed);
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *older_version = NULL;
  g_autofree char *expected = NULL;
  JsonArray *array = json_node_get_array (versions);
  double highest = 0;

  /* The highest version the org lists that is not above Freight's 66.0. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *v = json_object_get_string_member (json_array_get_object_element (array, i),
                                                     "version");
      double value = g_ascii_strtod (v, NULL);

      if (value <= 66.0 && value > highest)
        highest = value;
    }
  expected = g_strdup_printf ("%.1f", highest);

  g_assert_true (freight_org_session_connect (session, NULL, &error));
  g_assert_no_error (error);
  version = freight_org_session_dup_api_version (session);
  g_assert_cmpstr (version, ==, expected);

  g_assert_true (freight_org_session_connect (older, NULL, &error));
  older_version = freight_org_session_dup_api_version (older);
  g_assert_cmpstr (older_version, ==, "60.0");
}

static void
test_describe_cache (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = password_login (f);
  g_autoptr(FreightOrgSession) session = make_session (f, auth, NULL);
  g_autoptr(FreightOrgSession) later = NULL;
  g_autoptr(JsonObject) global = NULL;
  g_autoptr(JsonObject) account = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) from_disk = NULL;
  g_autoptr(GError) error = NULL;
  guint before;
  guint after_first;

  g_assert_true (freight_org_session_connect (session, NULL, &error));
  before = freight_org_session_get_request_count (session);

  global = freight_org_session_describe_global (session, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (global, "sobjects")),
                    >, 5);
  account = freight_org_session_describe_sobject (session, "Account", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (account, "name"), ==, "Account");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (account, "fields")),
                    >, 10);
  after_first = freight_org_session_get_request_count (session);
  g_assert_cmpuint (after_first, ==, before + 2);

  /* A cache hit: no second request. */
  again = freight_org_session_describe_sobject (session, "Account", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_equal (again, account));
  g_assert_cmpuint (freight_org_session_get_request_count (session), ==, after_first);

  /* Another session on the same org reads the disk cache. */
  later = make_session (f, auth, NULL);
  g_assert_true (freight_org_session_connect (later, NULL, &error));
  before = freight_org_session_get_request_count (later);
  from_disk = freight_org_session_describe_sobject (later, "Account", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_org_session_get_request_count (later), ==, before);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (from_disk, "fields")),
                    ==,
                    json_array_get_length (json_object_get_array_member (account, "fields")));
}

static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = password_login (f);
  g_autoptr(FreightOrgSession) session = make_session (f, auth, NULL);
  g_autoptr(JsonObject) limits = NULL;
  g_autoptr(GError) error = NULL;
  gint64 max = 0;
  gint64 remaining = 0;

  limits = freight_org_session_get_limits (session, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (freight_limits_lookup (limits, "DailyBulkApiBatches", &max, &remaining));
  g_assert_cmpint (max, >, 0);
  g_assert_cmpint (remaining, <=, max);
  g_assert_true (freight_limits_lookup (limits, "DailyApiRequests", &max, &remaining));
}

static void
test_password_renewal (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = password_login (f);
  g_autoptr(FreightOrgSession) session = make_session (f, auth, NULL);
  g_autoptr(FreightOAuthToken) first = NULL;
  g_autoptr(FreightOAuthToken) second = NULL;
  g_autoptr(JsonObject) describe = NULL;
  g_autoptr(GError) error = NULL;

  guint renewals;

  g_assert_true (freight_org_session_connect (session, NULL, &error));
  g_assert_no_error (error);
  first = freight_auth_dup_token (auth);
  renewals = freight_auth_get_renew_count (auth);

  /* The org's token lifetime ends: the next call renews by itself and succeeds. */
  wait_until_refused (f, freight_oauth_token_get_access_token (first));
  describe = freight_org_session_describe_sobject (session, "Contact", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (describe);

  second = freight_auth_dup_token (auth);
  g_assert_cmpuint (freight_auth_get_renew_count (auth), >, renewals);
  g_assert_cmpstr (freight_oauth_token_get_access_token (first), !=,
                   freight_oauth_token_get_access_token (second));
  g_assert_false (freight_auth_get_needs_sign_in (auth));
}

/* The web flow's first half, as a browser would run it with --auto-approve: the
 * authorization code for a PKCE challenge. */
static char *
authorize (Fixture    *f,
           const char *challenge)
{
  g_autofree char *query = soup_form_encode ("response_type", "code",
                                             "client_id", "PlatformCLI",
                                             "redirect_uri", REDIRECT_URI,
                                             "scope", "refresh_token api web",
                                             "state", "st4te",
                                             "code_challenge", challenge,
                                             "code_challenge_method", "S256",
                                             NULL);
  g_autofree char *path = g_strconcat ("/services/oauth2/authorize?", query, NULL);
  g_autoptr(LoResponse) r = lo_harness_request (f->org, "GET", path, NULL, NULL, 0, "");
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;

  g_assert_cmpuint (r->status, ==, 302);
  uri = g_uri_parse (lo_response_get_header (r, "Location"), G_URI_FLAGS_NONE, NULL);
  params = soup_form_decode (g_uri_get_query (uri));
  return g_strdup (g_hash_table_lookup (params, "code"));
}

static char *
s256 (const char *verifier)
{
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char *b64;

  g_checksum_update (sum, (const guchar *) verifier, -1);
  g_checksum_get_digest (sum, digest, &len);
  b64 = g_base64_encode (digest, len);
  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  *strchr (b64, '=') = '\0';
  return b64;
}

static void
test_refresh_token_renewal (Fixture       *f,
                            gconstpointer  data)
{
  const char *verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXkdBjftJeZ4CVP-mB92K27uh";
  g_autofree char *challenge = s256 (verifier);
  g_autofree char *code = authorize (f, challenge);
  g_autoptr(FreightOAuthClient) oauth = freight_oauth_client_new (f->http,
                                                                   lo_harness_get_url (f->org),
                                                                   "PlatformCLI", NULL);
  const char *fields[] = {
    "code", code,
    "redirect_uri", REDIRECT_URI,
    "code_verifier", verifier,
    NULL
  };
  g_autoptr(FreightOAuthToken) token = NULL;
  g_autoptr(FreightOAuthToken) renewed = NULL;
  g_autoptr(FreightAuth) auth = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(JsonObject) limits = NULL;
  g_autoptr(JsonObject) after_revoke = NULL;
  g_autoptr(JsonObject) signed_out = NULL;
  g_autoptr(GError) error = NULL;

  /* The token endpoint client takes the web flow's grant as issue 5 will send it. */
  token = freight_oauth_client_request_token (oauth, "authorization_code", fields, TRUE,
                                              NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (freight_oauth_token_get_refresh_token (token));

  auth = freight_refresh_token_auth_new (oauth, FREIGHT_AUTH_METHOD_WEB,
                                         freight_oauth_token_get_refresh_token (token), token);
  session = make_session (f, auth, NULL);
  g_assert_true (freight_org_session_connect (session, NULL, &error));
  g_assert_no_error (error);

  wait_until_refused (f, freight_oauth_token_get_access_token (token));
  limits = freight_org_session_get_limits (session, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_auth_get_renew_count (auth), >=, 1);
  renewed = freight_auth_dup_token (auth);
  g_assert_cmpstr (freight_oauth_token_get_refresh_token (renewed), ==,
                   freight_oauth_token_get_refresh_token (token));

  /* An admin revokes the app's access: renewing is refused, the user must sign in. */
  g_assert_true (freight_oauth_client_revoke (oauth,
                                              freight_oauth_token_get_refresh_token (token),
                                              NULL, &error));
  g_assert_no_error (error);
  wait_until_refused (f, freight_oauth_token_get_access_token (renewed));
  after_revoke = freight_org_session_get_limits (session, NULL, &error);
  g_assert_null (after_revoke);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SESSION_EXPIRED);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "invalid_grant");
  g_assert_nonnull (strstr (error->message, "Sign in again"));
  g_assert_true (freight_auth_get_needs_sign_in (auth));
  g_clear_error (&error);

  /* Signing out forgets the token; the session then says so. */
  g_assert_true (freight_auth_revoke (auth, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (freight_auth_dup_token (auth));
  signed_out = freight_org_session_get_limits (session, NULL, &error);
  g_assert_null (signed_out);
  g_assert_error (error, FREIGHT_ORG_ERROR, FREIGHT_ORG_ERROR_NOT_SIGNED_IN);
}

static void
test_pasted_token_expires (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(FreightAuth) login = password_login (f);
  g_autoptr(FreightOAuthToken) token = freight_auth_dup_token (login);
  g_autoptr(FreightAuth) pasted = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(JsonObject) limits = NULL;
  g_autoptr(GError) error = NULL;

  pasted = freight_access_token_auth_sign_in (f->http, lo_harness_get_url (f->org),
                                              freight_oauth_token_get_access_token (token),
                                              NULL, &error);
  g_assert_no_error (error);
  session = make_session (f, pasted, NULL);
  g_assert_true (freight_org_session_connect (session, NULL, &error));

  wait_until_refused (f, freight_oauth_token_get_access_token (token));
  limits = freight_org_session_get_limits (session, NULL, &error);
  g_assert_null (limits);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SESSION_EXPIRED);
  g_assert_nonnull (strstr (error->message, "Paste a new access token"));
  g_assert_true (freight_auth_get_needs_sign_in (pasted));
}

static void
test_fault_retries (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = password_login (f);
  g_autoptr(FreightOrgSession) session = make_session (f, auth, NULL);
  g_autoptr(JsonObject) limits = NULL;
  g_autoptr(JsonObject) describe = NULL;
  g_autoptr(GError) error = NULL;

  /* With --faults http503@rest=2x,http429@rest=1x the org's first REST answers are
   * 503, 503 and 429 (Retry-After: 1): the session gets through all the same. */
  g_assert_true (freight_org_session_connect (session, NULL, &error));
  g_assert_no_error (error);
  limits = freight_org_session_get_limits (session, NULL, &error);
  g_assert_no_error (error);
  describe = freight_org_session_describe_sobject (session, "Account", NULL, &error);
  g_assert_no_error (error);

  /* /services/data, userinfo, the Organization query, limits, describe: five calls,
   * and at least the two 503s were retried. */
  g_test_message ("%u requests", freight_org_session_get_request_count (session));
  g_assert_cmpuint (freight_org_session_get_request_count (session), >=, 5 + 2);
}

static void
tls_set_up (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *cert_arg = NULL;
  g_autofree char *key_arg = NULL;
  g_autofree char *standard_error = NULL;
  int status = 0;

  f->tmpdir = http_fixture_make_tmpdir ();
  cert = g_build_filename (f->tmpdir, "local-org.crt", NULL);
  key = g_build_filename (f->tmpdir, "local-org.key", NULL);
  {
    const char *argv[] = {
      "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
      "-nodes", "-days", "3650", "-subj", "/CN=freight-local-org",
      "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-keyout", key, "-out", cert, NULL
    };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                  NULL, NULL, NULL, &standard_error, &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("openssl failed: %s", standard_error);
  }

  cert_arg = g_strconcat ("--tls-cert=", cert, NULL);
  key_arg = g_strconcat ("--tls-key=", key, NULL);
  {
    const char *args[] = { cert_arg, key_arg, NULL };

    f->org = lo_harness_start_full (args, FALSE, &error);
    g_assert_no_error (error);
  }
}

static void
test_tls (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *cert = g_build_filename (f->tmpdir, "local-org.crt", NULL);
  g_autoptr(FreightHttpClient) untrusting = freight_http_client_new (NULL, NULL);
  g_autoptr(FreightHttpClient) trusting = NULL;
  g_autoptr(FreightOAuthClient) refused = NULL;
  g_autoptr(FreightOAuthClient) accepted = NULL;
  g_autoptr(FreightAuth) none = NULL;
  g_autoptr(FreightAuth) auth = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (lo_harness_get_url (f->org), "https://"));

  refused = freight_oauth_client_new (untrusting, lo_harness_get_url (f->org),
                                      LO_HARNESS_CONSUMER_KEY, LO_HARNESS_CONSUMER_SECRET);
  none = freight_password_auth_sign_in (refused, LO_HARNESS_USERNAME, LO_HARNESS_PASSWORD,
                                        NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "CA certificate file"));
  g_clear_error (&error);

  trusting = freight_http_client_new (cert, &error);
  g_assert_no_error (error);
  accepted = freight_oauth_client_new (trusting, lo_harness_get_url (f->org),
                                       LO_HARNESS_CONSUMER_KEY, LO_HARNESS_CONSUMER_SECRET);
  auth = freight_password_auth_sign_in (accepted, LO_HARNESS_USERNAME, LO_HARNESS_PASSWORD,
                                        NULL, NULL, &error);
  g_assert_no_error (error);
  session = g_object_new (FREIGHT_TYPE_ORG_SESSION,
                          "http-client", trusting,
                          "auth", auth,
                          "cache-dir", "",
                          NULL);
  g_assert_true (freight_org_session_connect (session, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const plain[] = { NULL };
  static const char * const short_tokens[] = { "--token-lifetime=4", NULL };
  static const char * const web[] = { "--token-lifetime=4", "--auto-approve", NULL };
  static const char * const faulty[] = {
    "--faults=http503@rest=2x,http429@rest=1x,retry-after=1", NULL
  };

  g_test_init (&argc, &argv, NULL);

#define ADD(path, args, func) \
  g_test_add ("/freight/local-org-session/" path, Fixture, args, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("password-login", plain, test_password_login);
  ADD ("pasted-token", plain, test_pasted_token);
  ADD ("negotiate", plain, test_negotiate);
  ADD ("describe-cache", plain, test_describe_cache);
  ADD ("limits", plain, test_limits);
  ADD ("renew/password", short_tokens, test_password_renewal);
  ADD ("renew/refresh-token", web, test_refresh_token_renewal);
  ADD ("renew/pasted-token-expires", short_tokens, test_pasted_token_expires);
  ADD ("fault-retries", faulty, test_fault_retries);

#undef ADD

  g_test_add ("/freight/local-org-session/tls", Fixture, NULL, tls_set_up, test_tls,
              fixture_tear_down);

  return g_test_run ();
}
