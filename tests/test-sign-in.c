/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"
#include "http-fixture.h"
#include "lo-harness.h"
#include "sign-in-fixture.h"

/* Every sign-in method against the real freight-local-org, as the window and the CLI run
 * them (FreightSignIn): the web flow with PKCE and the loopback listener driven by a
 * scripted browser (login and consent page, auto-approve, a forged state, Deny, a
 * timeout, a cancel), PKCE verifier mismatch, JWT bearer with key pairs made by openssl
 * (passphrase, wrong key, wrong key type), password (and a wrong one), a pasted token,
 * client credentials, renewal when the org's token lifetime ends in the middle of work
 * with concurrent requests (exactly one renewal), and TLS with a self-signed
 * certificate (refused, then trusted through the CA file option). */

typedef struct
{
  LoHarness  *org;
  char       *tmpdir;
  SignInKeys *keys;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char * const *args = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  f->tmpdir = http_fixture_make_tmpdir ();
  f->keys = sign_in_keys_new (f->tmpdir);
  g_ptr_array_add (argv, g_strconcat ("--jwt-certificate=", f->keys->certificate, NULL));
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  f->org = lo_harness_start_full ((const char * const *) argv->pdata, FALSE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->org != NULL)
    lo_harness_stop (f->org);
  g_clear_pointer (&f->org, lo_harness_free);
  g_clear_pointer (&f->keys, sign_in_keys_free);
  http_fixture_remove_tree (f->tmpdir);
  g_clear_pointer (&f->tmpdir, g_free);
}

static FreightSignIn *
new_sign_in (Fixture           *f,
             FreightAuthMethod  method)
{
  FreightSignIn *sign_in = freight_sign_in_new (method);

  freight_sign_in_set_login_url (sign_in, lo_harness_get_url (f->org));
  freight_sign_in_set_client_id (sign_in, LO_HARNESS_CONSUMER_KEY);
  freight_sign_in_set_port (sign_in, 0);
  return sign_in;
}

/* The session really works: the org answers a describe with it. */
static void
assert_session_works (FreightOrgSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) describe = NULL;

  g_assert_nonnull (session);
  describe = freight_org_session_describe_sobject (session, "Account", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (describe, "name"), ==, "Account");
}

/* Web flow ---------------------------------------------------------------------------- */

static void
test_web_login_and_consent (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = new_sign_in (f, FREIGHT_AUTH_METHOD_WEB);
  g_autoptr(GPtrArray) states = sign_in_record_states (sign_in);
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(SignInBrowserResult) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) authorize = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *state_text = NULL;
  g_autofree char *refresh_token = NULL;
  FreightOrg *org;
  FreightAuth *auth;

  session = sign_in_run_web (sign_in, NULL, SIGN_IN_BROWSER_ALLOW, &page, &error);
  g_assert_no_error (error);
  assert_session_works (session);

  /* The authorize request: PKCE S256, a state, the loopback redirect. */
  authorize = g_uri_parse (freight_sign_in_get_authorize_url (sign_in), G_URI_FLAGS_ENCODED,
                           NULL);
  params = g_uri_parse_params (g_uri_get_query (authorize), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_cmpstr (g_uri_get_path (authorize), ==, "/services/oauth2/authorize");
  g_assert_cmpstr (g_hash_table_lookup (params, "response_type"), ==, "code");
  g_assert_cmpstr (g_hash_table_lookup (params, "client_id"), ==, LO_HARNESS_CONSUMER_KEY);
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge_method"), ==, "S256");
  g_assert_cmpuint (strlen (g_hash_table_lookup (params, "code_challenge")), ==, 43);
  g_assert_cmpuint (strlen (g_hash_table_lookup (params, "state")), >=, 32);
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (params, "redirect_uri"),
                                   "http://localhost:"));
  g_assert_true (g_str_has_suffix (g_hash_table_lookup (params, "redirect_uri"),
                                   "/OauthRedirect"));
  g_assert_cmpstr (g_hash_table_lookup (params, "redirect_uri"), ==,
                   freight_sign_in_get_redirect_uri (sign_in));

  /* The browser filled in the login page and saw Freight's success page. */
  g_assert_null (page->error);
  g_assert_true (page->posted_form);
  g_assert_cmpuint (page->final_status, ==, 200);
  g_assert_true (g_str_has_prefix (page->final_url, "http://localhost:"));
  g_assert_nonnull (strstr (page->final_body, "Signed in to Salesforce"));
  g_assert_nonnull (strstr (page->final_body, LO_HARNESS_USERNAME));

  state_text = sign_in_states_to_string (states);
  g_assert_cmpstr (state_text, ==,
                   "waiting-for-browser requesting-token connecting done");

  org = freight_sign_in_get_org (sign_in);
  g_assert_cmpstr (freight_org_get_alias (org), ==, LO_HARNESS_USERNAME);
  g_assert_cmpstr (freight_org_get_username (org), ==, LO_HARNESS_USERNAME);
  g_assert_cmpstr (freight_org_get_login_url (org), ==, lo_harness_get_url (f->org));
  g_assert_cmpstr (freight_org_get_instance_url (org), ==, lo_harness_get_url (f->org));
  g_assert_cmpint (freight_org_get_auth_method (org), ==, FREIGHT_AUTH_METHOD_WEB);
  g_assert_nonnull (freight_org_get_org_id (org));
  g_assert_nonnull (freight_org_get_user_name (org));
  g_assert_false (freight_org_get_is_production (org));

  auth = freight_org_session_get_auth (session);
  g_assert_true (FREIGHT_IS_REFRESH_TOKEN_AUTH (auth));
  refresh_token = freight_refresh_token_auth_dup_refresh_token (FREIGHT_REFRESH_TOKEN_AUTH (auth));
  g_assert_nonnull (refresh_token);
}

static void
test_web_auto_approve (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = new_sign_in (f, FREIGHT_AUTH_METHOD_WEB);
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(SignInBrowserResult) page = NULL;
  g_autoptr(GError) error = NULL;

  session = sign_in_run_web (sign_in, NULL, SIGN_IN_BROWSER_ALLOW, &page, &error);
  g_assert_no_error (error);
  assert_session_works (session);
  /* The org approved by itself: no login page was shown. */
  g_assert_false (page->posted_form);
  g_assert_cmpuint (page->final_status, ==, 200);
}

static void
test_web_wrong_state (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = new_sign_in (f, FREIGHT_AUTH_METHOD_WEB);
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(SignInBrowserResult) page = NULL;
  g_autoptr(GError) error = NULL;

  session = sign_in_run_web (sign_in, NULL, SIGN_IN_BROWSER_FORGE_STATE, &page, &error);
  g_assert_null (session);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_STATE_MISMATCH);
  g_assert_nonnull (strstr (error->message, "does not belong to this sign-in"));
  g_assert_cmpint (freight_sign_in_get_state (sign_in), ==, FREIGHT_SIGN_IN_STATE_FAILED);

  /* The browser was told too, and the code it carried was never redeemed. */
  g_assert_cmpuint (page->final_status, ==, 400);
  g_assert_nonnull (strstr (page->final_body, "Sign-in failed"));
  g_assert_null (freight_sign_in_get_org (sign_in));
}

static void
test_web_denied (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = new_sign_in (f, FREIGHT_AUTH_METHOD_WEB);
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(SignInBrowserResult) page = NULL;
  g_autoptr(GError) error = NULL;

  session = sign_in_run_web (sign_in, NULL, SIGN_IN_BROWSER_DENY, &page, &error);
  g_assert_null (session);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, "choose Allow"));
  g_assert_cmpuint (page->final_status, ==, 400);
}

static void
test_web_timeout (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = new_sign_in (f, FREIGHT_AUTH_METHOD_WEB);
  g_autoptr(FreightSignIn) again = new_sign_in (f, FREIGHT_AUTH_METHOD_WEB);
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(FreightOrgSession) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) redirect = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Nobody opens the browser. */
  freight_sign_in_set_timeout (sign_in, 1);
  session = sign_in_run (sign_in, NULL, NULL, &error);
  g_assert_null (session);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "did not come back within 1 second"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  /* The listener is closed: the same port serves the next sign-in. */
  redirect = g_uri_parse (freight_sign_in_get_redirect_uri (sign_in), G_URI_FLAGS_NONE, NULL);
  freight_sign_in_set_port (again, g_uri_get_port (redirect));
  g_clear_error (&error);
  second = sign_in_run_web (again, NULL, SIGN_IN_BROWSER_ALLOW, NULL, &error);
  g_assert_no_error (error);
  assert_session_works (second);
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_web_cancel (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = new_sign_in (f, FREIGHT_AUTH_METHOD_WEB);
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GUri) redirect = NULL;

  g_timeout_add (200, cancel_soon, cancellable);
  session = sign_in_run (sign_in, NULL, cancellable, &error);
  g_assert_null (session);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (freight_sign_in_get_state (sign_in), ==, FREIGHT_SIGN_IN_STATE_FAILED);

  /* Nothing listens any more. */
  redirect = g_uri_parse (freight_sign_in_get_redirect_uri (sign_in), G_URI_FLAGS_NONE, NULL);
  g_clear_error (&error);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1",
                                                g_uri_get_port (redirect), NULL, &error);
  g_assert_null (connection);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

/* The org refuses a code redeemed with another verifier than its challenge's. */
static void
test_web_pkce_mismatch (Fixture       *f,
                        gconstpointer  data)
{
  const char *verifier = "the-verifier-of-the-sign-in-that-asked-for-the-code-0123456789abc";
  g_autofree char *challenge = freight_pkce_challenge (verifier);
  const char *redirect_uri = "http://localhost:1717/OauthRedirect";
  g_autofree char *query = soup_form_encode ("response_type", "code",
                                             "client_id", LO_HARNESS_CONSUMER_KEY,
                                             "redirect_uri", redirect_uri,
                                             "scope", "refresh_token api",
                                             "state", "s",
                                             "code_challenge", challenge,
                                             "code_challenge_method", "S256", NULL);
  g_autofree char *path = g_strconcat ("/services/oauth2/authorize?", query, NULL);
  g_autoptr(FreightHttpClient) http = freight_http_client_new (NULL, NULL);
  g_autoptr(FreightOAuthClient) oauth = freight_oauth_client_new (http,
                                                                   lo_harness_get_url (f->org),
                                                                   LO_HARNESS_CONSUMER_KEY,
                                                                   NULL);
  g_autoptr(FreightOAuthToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GUri) location = NULL;
  char *code;
  g_autoptr(LoResponse) r = lo_harness_request (f->org, "GET", path, NULL, NULL, 0, "");

  g_assert_cmpuint (r->status, ==, 302);
  location = g_uri_parse (lo_response_get_header (r, "Location"), G_URI_FLAGS_NONE, NULL);
  params = soup_form_decode (g_uri_get_query (location));
  code = g_hash_table_lookup (params, "code");

  token = freight_oauth_client_authorization_code_grant (oauth, code, redirect_uri,
                                                         "a-verifier-an-attacker-guessed-but-"
                                                         "which-is-not-the-right-one-000",
                                                         NULL, &error);
  g_assert_null (token);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "invalid_request");
  g_assert_nonnull (strstr (error->message, "refused the browser sign-in"));
  g_assert_nonnull (strstr (error->message, "invalid code verifier"));
  g_clear_error (&error);

  /* Without a verifier at all. */
  token = freight_oauth_client_authorization_code_grant (oauth, code, redirect_uri, NULL,
                                                         NULL, &error);
  g_assert_null (token);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_GRANT);
  g_clear_error (&error);

  /* The right verifier still works (the code was not spent by the refusals). */
  token = freight_oauth_client_authorization_code_grant (oauth, code, redirect_uri, verifier,
                                                         NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (freight_oauth_token_get_refresh_token (token));
}

/* JWT bearer ------------------------------------------------------------------------- */

static FreightSignIn *
new_jwt (Fixture    *f,
         const char *key_file)
{
  FreightSignIn *sign_in = new_sign_in (f, FREIGHT_AUTH_METHOD_JWT);

  freight_sign_in_set_username (sign_in, LO_HARNESS_USERNAME);
  freight_sign_in_set_key_file (sign_in, key_file);
  return sign_in;
}

static void
test_jwt (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = new_jwt (f, f->keys->key);
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(GError) error = NULL;
  FreightOrg *org;

  session = sign_in_run (sign_in, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_session_works (session);
  g_assert_true (FREIGHT_IS_JWT_AUTH (freight_org_session_get_auth (session)));
  /* A local org is its own audience. */
  g_assert_cmpstr (freight_jwt_auth_get_audience (FREIGHT_JWT_AUTH (
                     freight_org_session_get_auth (session))), ==, lo_harness_get_url (f->org));

  org = freight_sign_in_get_org (sign_in);
  g_assert_cmpint (freight_org_get_auth_method (org), ==, FREIGHT_AUTH_METHOD_JWT);
  g_assert_cmpstr (freight_org_get_key_file (org), ==, f->keys->key);
}

static void
test_jwt_passphrase (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = new_jwt (f, f->keys->encrypted_key);
  g_autoptr(FreightOrgSession) none = NULL;
  g_autoptr(FreightOrgSession) wrong = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(GError) error = NULL;

  none = sign_in_run (sign_in, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_KEY_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "protected by a passphrase"));
  g_clear_error (&error);

  freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_KEY_PASSPHRASE, "not it");
  wrong = sign_in_run (sign_in, NULL, NULL, &error);
  g_assert_null (wrong);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_KEY_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "does not open the private key"));
  g_clear_error (&error);

  freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_KEY_PASSPHRASE,
                              SIGN_IN_KEY_PASSPHRASE);
  session = sign_in_run (sign_in, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_session_works (session);
}

static void
test_jwt_wrong_key (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(FreightSignIn) other = new_jwt (f, f->keys->other_key);
  g_autoptr(FreightSignIn) ec = new_jwt (f, f->keys->ec_key);
  g_autoptr(FreightSignIn) nobody = new_jwt (f, f->keys->key);
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(GError) error = NULL;

  /* A key whose certificate the connected app does not hold: the org refuses. */
  session = sign_in_run (other, NULL, NULL, &error);
  g_assert_null (session);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_GRANT);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "invalid_grant");
  g_assert_nonnull (strstr (error->message, "did not accept the JWT sign-in for "
                                            LO_HARNESS_USERNAME));
  g_assert_nonnull (strstr (error->message, "certificate of this private key"));
  g_clear_error (&error);

  /* Not an RSA key: caught before any request. */
  session = sign_in_run (ec, NULL, NULL, &error);
  g_assert_null (session);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_PRIVATE_KEY);
  g_assert_nonnull (strstr (error->message, "not an RSA key"));
  g_clear_error (&error);

  /* A user the org does not know. */
  freight_sign_in_set_username (nobody, "nobody@freight.local");
  session = sign_in_run (nobody, NULL, NULL, &error);
  g_assert_null (session);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_GRANT);
  g_assert_nonnull (strstr (error->message, "nobody@freight.local"));
}

/* Password, token, client credentials --------------------------------------------------- */

static void
test_password (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = new_sign_in (f, FREIGHT_AUTH_METHOD_PASSWORD);
  g_autoptr(FreightOrgSession) wrong = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(GError) error = NULL;

  freight_sign_in_set_username (sign_in, LO_HARNESS_USERNAME);
  freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_CLIENT_SECRET,
                              LO_HARNESS_CONSUMER_SECRET);
  freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_PASSWORD, "wrong password");
  wrong = sign_in_run (sign_in, NULL, NULL, &error);
  g_assert_null (wrong);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_GRANT);
  g_assert_nonnull (strstr (error->message, "did not accept the sign-in for "
                                            LO_HARNESS_USERNAME));
  g_assert_nonnull (strstr (error->message, "security token"));
  g_clear_error (&error);

  freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_PASSWORD, LO_HARNESS_PASSWORD);
  session = sign_in_run (sign_in, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_session_works (session);
  g_assert_cmpint (freight_org_get_auth_method (freight_sign_in_get_org (sign_in)), ==,
                   FREIGHT_AUTH_METHOD_PASSWORD);
}

static void
test_token (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = freight_sign_in_new (FREIGHT_AUTH_METHOD_ACCESS_TOKEN);
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(FreightOrgSession) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = lo_harness_password_login (f->org, &error);

  g_assert_no_error (error);
  freight_sign_in_set_instance_url (sign_in, lo_harness_get_url (f->org));
  freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_ACCESS_TOKEN, "00Dnot!valid");
  refused = sign_in_run (sign_in, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_TOKEN);
  g_clear_error (&error);

  freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_ACCESS_TOKEN, token);
  session = sign_in_run (sign_in, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_session_works (session);
  g_assert_cmpstr (freight_org_get_username (freight_sign_in_get_org (sign_in)), ==,
                   LO_HARNESS_USERNAME);
}

static void
test_client_credentials (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = new_sign_in (f, FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS);
  g_autoptr(FreightSignIn) shared = new_sign_in (f, FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS);
  g_autoptr(FreightOrgSession) wrong = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(GError) error = NULL;

  /* login.salesforce.com cannot know which org's app this is. */
  freight_sign_in_set_login_url (shared, "production");
  freight_sign_in_set_secret (shared, FREIGHT_ORG_SECRET_CLIENT_SECRET, "x");
  g_assert_false (freight_sign_in_validate (shared, &error));
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_LOGIN_URL);
  g_assert_nonnull (strstr (error->message, "My Domain"));
  g_clear_error (&error);

  freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_CLIENT_SECRET, "not the secret");
  wrong = sign_in_run (sign_in, NULL, NULL, &error);
  g_assert_null (wrong);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_CLIENT);
  g_assert_nonnull (strstr (error->message, "consumer key and secret"));
  g_clear_error (&error);

  freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_CLIENT_SECRET,
                              LO_HARNESS_CONSUMER_SECRET);
  session = sign_in_run (sign_in, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_session_works (session);
  g_assert_true (FREIGHT_IS_CLIENT_CREDENTIALS_AUTH (freight_org_session_get_auth (session)));
  /* It runs as the app's Run As user. */
  g_assert_cmpstr (freight_org_get_username (freight_sign_in_get_org (sign_in)), ==,
                   LO_HARNESS_USERNAME);
}

/* Renewal in the middle of work --------------------------------------------------------- */

typedef struct
{
  FreightOrgSession *session;
  GError            *error;
} Worker;

static gpointer
limits_worker (gpointer data)
{
  Worker *worker = data;
  g_autoptr(JsonObject) limits = freight_org_session_get_limits (worker->session, NULL,
                                                                 &worker->error);

  return NULL;
}

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

/* The org's tokens live 3 seconds. Every method renews by itself; concurrent requests
 * that all meet the expired token share exactly one renewal. */
static void
check_concurrent_renewal (Fixture           *f,
                          FreightOrgSession *session)
{
  FreightAuth *auth = freight_org_session_get_auth (session);
  g_autoptr(FreightOAuthToken) first = freight_auth_dup_token (auth);
  g_autoptr(FreightOAuthToken) renewed = NULL;
  Worker workers[8] = { { 0 } };
  GThread *threads[8];
  guint before;

  wait_until_refused (f, freight_oauth_token_get_access_token (first));
  before = freight_auth_get_renew_count (auth);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      workers[i].session = session;
      threads[i] = g_thread_new ("limits", limits_worker, &workers[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_no_error (workers[i].error);
    }

  g_assert_cmpuint (freight_auth_get_renew_count (auth), ==, before + 1);
  renewed = freight_auth_dup_token (auth);
  g_assert_cmpstr (freight_oauth_token_get_access_token (renewed), !=,
                   freight_oauth_token_get_access_token (first));
  g_assert_false (freight_auth_get_needs_sign_in (auth));
}

static void
test_renew_concurrent (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(FreightSignIn) web = new_sign_in (f, FREIGHT_AUTH_METHOD_WEB);
  g_autoptr(FreightSignIn) jwt = new_jwt (f, f->keys->encrypted_key);
  g_autoptr(FreightSignIn) cc = new_sign_in (f, FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS);
  g_autoptr(FreightOrgSession) web_session = NULL;
  g_autoptr(FreightOrgSession) jwt_session = NULL;
  g_autoptr(FreightOrgSession) cc_session = NULL;
  g_autoptr(GError) error = NULL;

  web_session = sign_in_run_web (web, NULL, SIGN_IN_BROWSER_ALLOW, NULL, &error);
  g_assert_no_error (error);
  check_concurrent_renewal (f, web_session);

  freight_sign_in_set_secret (jwt, FREIGHT_ORG_SECRET_KEY_PASSPHRASE, SIGN_IN_KEY_PASSPHRASE);
  jwt_session = sign_in_run (jwt, NULL, NULL, &error);
  g_assert_no_error (error);
  check_concurrent_renewal (f, jwt_session);

  freight_sign_in_set_secret (cc, FREIGHT_ORG_SECRET_CLIENT_SECRET,
                              LO_HARNESS_CONSUMER_SECRET);
  cc_session = sign_in_run (cc, NULL, NULL, &error);
  g_assert_no_error (error);
  check_concurrent_renewal (f, cc_session);
}

/* Work that outlives several token lifetimes never sees an error. */
static void
test_renew_during_work (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = new_sign_in (f, FREIGHT_AUTH_METHOD_WEB);
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end;
  guint requests = 0;

  session = sign_in_run_web (sign_in, NULL, SIGN_IN_BROWSER_ALLOW, NULL, &error);
  g_assert_no_error (error);

  end = g_get_monotonic_time () + 8 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      g_autoptr(JsonObject) limits = freight_org_session_get_limits (session, NULL, &error);

      g_assert_no_error (error);
      requests++;
      g_usleep (200 * 1000);
    }

  g_assert_cmpuint (requests, >, 10);
  g_assert_cmpuint (freight_auth_get_renew_count (freight_org_session_get_auth (session)), >=,
                    2);
  g_assert_false (freight_auth_get_needs_sign_in (freight_org_session_get_auth (session)));
}

/* TLS --------------------------------------------------------------------------------- */

typedef struct
{
  LoHarness *org;
  char      *tmpdir;
  char      *cert;
} TlsFixture;

static void
tls_set_up (TlsFixture    *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *cert_arg = NULL;
  g_autofree char *key_arg = NULL;

  f->tmpdir = http_fixture_make_tmpdir ();
  f->cert = sign_in_make_tls_cert (f->tmpdir, &key);
  cert_arg = g_strconcat ("--tls-cert=", f->cert, NULL);
  key_arg = g_strconcat ("--tls-key=", key, NULL);
  {
    const char *args[] = { cert_arg, key_arg, NULL };

    f->org = lo_harness_start_full (args, FALSE, &error);
    g_assert_no_error (error);
  }
}

static void
tls_tear_down (TlsFixture    *f,
               gconstpointer  data)
{
  lo_harness_stop (f->org);
  g_clear_pointer (&f->org, lo_harness_free);
  http_fixture_remove_tree (f->tmpdir);
  g_clear_pointer (&f->tmpdir, g_free);
  g_clear_pointer (&f->cert, g_free);
}

static void
test_tls (TlsFixture    *f,
          gconstpointer  data)
{
  g_autoptr(FreightSignIn) sign_in = freight_sign_in_new (FREIGHT_AUTH_METHOD_PASSWORD);
  g_autoptr(FreightOrgSession) refused = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (lo_harness_get_url (f->org), "https://127.0.0.1:"));
  freight_sign_in_set_login_url (sign_in, lo_harness_get_url (f->org));
  freight_sign_in_set_client_id (sign_in, LO_HARNESS_CONSUMER_KEY);
  freight_sign_in_set_username (sign_in, LO_HARNESS_USERNAME);
  freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_PASSWORD, LO_HARNESS_PASSWORD);
  freight_sign_in_set_secret (sign_in, FREIGHT_ORG_SECRET_CLIENT_SECRET,
                              LO_HARNESS_CONSUMER_SECRET);

  /* Verified always: a self-signed certificate is refused, with what to do. */
  refused = sign_in_run (sign_in, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "The certificate of 127.0.0.1:"));
  g_assert_nonnull (strstr (error->message, "is not trusted"));
  g_assert_nonnull (strstr (error->message, "CA certificate file"));
  g_clear_error (&error);

  /* Trusted through the org's CA file setting. */
  freight_sign_in_set_ca_file (sign_in, f->cert);
  session = sign_in_run (sign_in, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_session_works (session);
  g_assert_cmpstr (freight_org_get_ca_file (freight_sign_in_get_org (sign_in)), ==, f->cert);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const plain[] = { NULL };
  static const char * const auto_approve[] = { "--auto-approve", NULL };
  static const char * const short_tokens[] = { "--token-lifetime=3", "--auto-approve", NULL };

  g_test_init (&argc, &argv, NULL);

#define ADD(path, args, func) \
  g_test_add ("/freight/sign-in/" path, Fixture, args, fixture_set_up, func, fixture_tear_down)

  ADD ("web/login-and-consent", plain, test_web_login_and_consent);
  ADD ("web/auto-approve", auto_approve, test_web_auto_approve);
  ADD ("web/wrong-state", plain, test_web_wrong_state);
  ADD ("web/denied", plain, test_web_denied);
  ADD ("web/timeout", auto_approve, test_web_timeout);
  ADD ("web/cancel", plain, test_web_cancel);
  ADD ("web/pkce-mismatch", auto_approve, test_web_pkce_mismatch);
  ADD ("jwt/sign-in", plain, test_jwt);
  ADD ("jwt/passphrase", plain, test_jwt_passphrase);
  ADD ("jwt/wrong-key", plain, test_jwt_wrong_key);
  ADD ("password", plain, test_password);
  ADD ("token", plain, test_token);
  ADD ("client-credentials", plain, test_client_credentials);
  ADD ("renew/concurrent", short_tokens, test_renew_concurrent);
  ADD ("renew/during-work", short_tokens, test_renew_during_work);

#undef ADD

  g_test_add ("/freight/sign-in/tls", TlsFixture, NULL, tls_set_up, test_tls, tls_tear_down);

  return g_test_run ();
}
