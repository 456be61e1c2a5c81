/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <string.h>

#include "freight.h"
#include "http-fixture.h"
#include "sign-in-keys.h"

/* The sign-in building blocks without a server: login URLs, JWT assertions (checked
 * with the certificate), PKCE, the loopback listener answering raw HTTP, the web flow's
 * checks of what the browser brings back, the Salesforce CLI's answers, and the
 * settings a FreightSignIn needs. */

static char *tmpdir;
static SignInKeys *keys;

/* Login URLs ------------------------------------------------------------------------ */

static void
test_login_url_normalize (void)
{
  static const struct { const char *in, *out; } good[] = {
    { "production", "https://login.salesforce.com" },
    { " Sandbox ", "https://test.salesforce.com" },
    { "MyDomain.my.salesforce.com/", "https://mydomain.my.salesforce.com" },
    { "https://acme--uat.sandbox.my.salesforce.com",
      "https://acme--uat.sandbox.my.salesforce.com" },
    { "https://acme.my.site.com/partners/", "https://acme.my.site.com/partners" },
    { "http://127.0.0.1:8080/", "http://127.0.0.1:8080" },
    { "http://localhost:1234", "http://localhost:1234" },
    { "https://login.salesforce.com:443", "https://login.salesforce.com:443" },
  };
  static const struct { const char *in, *message; } bad[] = {
    { "", "empty" },
    { "http://example.com", "plain http" },
    { "ftp://example.com", "not an https address" },
    { "https://user:pw@example.com", "user name, query or fragment" },
    { "https://example.com/?next=1", "user name, query or fragment" },
    { "https://acme.lightning.force.com", "https://acme.my.salesforce.com" },
    { "https://", "not a login URL" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = freight_login_url_normalize (good[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, good[i].out);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = freight_login_url_normalize (bad[i].in, &error);

      g_assert_null (url);
      g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_LOGIN_URL);
      if (strstr (error->message, bad[i].message) == NULL)
        g_error ("“%s”: message “%s” lacks “%s”", bad[i].in, error->message,
                 bad[i].message);
    }
}

static void
test_login_url_kinds (void)
{
  static const struct
  {
    const char *url;
    gboolean    sandbox;
    gboolean    shared;
    const char *audience;
  } cases[] = {
    { "https://login.salesforce.com", FALSE, TRUE, "https://login.salesforce.com" },
    { "https://test.salesforce.com", TRUE, TRUE, "https://test.salesforce.com" },
    { "https://acme.my.salesforce.com", FALSE, FALSE, "https://login.salesforce.com" },
    { "https://acme--uat.sandbox.my.salesforce.com", TRUE, FALSE,
      "https://test.salesforce.com" },
    { "https://acme--uat.my.salesforce.com", TRUE, FALSE, "https://test.salesforce.com" },
    { "https://acme.my.site.com/partners", FALSE, FALSE, "https://acme.my.site.com/partners" },
    { "http://127.0.0.1:8080", FALSE, FALSE, "http://127.0.0.1:8080" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *audience = freight_login_url_jwt_audience (cases[i].url);

      g_assert_cmpint (freight_login_url_is_sandbox (cases[i].url), ==, cases[i].sandbox);
      g_assert_cmpint (freight_login_url_is_shared_host (cases[i].url), ==, cases[i].shared);
      g_assert_cmpstr (audience, ==, cases[i].audience);
    }
  g_assert_true (freight_login_url_is_loopback ("http://localhost:1"));
  g_assert_true (freight_login_url_is_loopback ("http://[::1]:1"));
  g_assert_false (freight_login_url_is_loopback ("https://acme.my.salesforce.com"));
  g_assert_false (freight_login_url_is_sandbox (NULL));
}

/* Org facts --------------------------------------------------------------------------- */

static void
test_org_production (void)
{
  g_autoptr(FreightOrg) prod = freight_org_new ("acme");
  g_autoptr(FreightOrg) sandbox = freight_org_new ("acme-uat");
  g_autoptr(FreightOrg) local = freight_org_new ("local");
  g_autoptr(FreightOrg) flagged = freight_org_new ("flagged");
  g_autoptr(FreightOrg) copy = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autofree char *name = NULL;

  freight_org_set_login_url (prod, "https://acme.my.salesforce.com");
  freight_org_set_instance_url (prod, "https://acme.my.salesforce.com");
  freight_org_set_login_url (sandbox, "https://test.salesforce.com");
  freight_org_set_instance_url (sandbox, "https://acme--uat.sandbox.my.salesforce.com");
  freight_org_set_instance_url (local, "http://127.0.0.1:4000");
  freight_org_set_login_url (flagged, "https://acme.my.salesforce.com");
  freight_org_set_is_sandbox (flagged, TRUE);

  g_assert_true (freight_org_get_is_production (prod));
  g_assert_false (freight_org_get_is_production (sandbox));
  g_assert_false (freight_org_get_is_production (local));
  g_assert_false (freight_org_get_is_production (flagged));

  /* The key file is a fact of the org (its passphrase is a secret elsewhere). */
  freight_org_set_key_file (prod, "/home/ada/.ssh/salesforce.key");
  freight_org_set_org_name (prod, "Acme Corporation");
  json = freight_org_to_json (prod);
  g_assert_cmpstr (json_object_get_string_member (json, "keyFile"), ==,
                   "/home/ada/.ssh/salesforce.key");
  copy = freight_org_new_from_json (json, NULL);
  g_assert_cmpstr (freight_org_get_key_file (copy), ==, "/home/ada/.ssh/salesforce.key");
  name = freight_org_dup_display_name (copy);
  g_assert_cmpstr (name, ==, "Acme Corporation");
}

/* JWT and PKCE ------------------------------------------------------------------------ */

static JsonObject *
decode_part (const char *part)
{
  g_autoptr(GString) b64 = g_string_new (part);
  g_autofree guchar *raw = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize len;

  g_strdelimit (b64->str, "-", '+');
  g_strdelimit (b64->str, "_", '/');
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');
  raw = g_base64_decode (b64->str, &len);
  node = json_from_string ((const char *) raw, NULL);
  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static gboolean
verify_rs256 (const char *assertion,
              const char *certificate)
{
  const char *last_dot = strrchr (assertion, '.');
  g_autofree char *input = g_strndup (assertion, last_dot - assertion);
  g_autoptr(GString) b64 = g_string_new (last_dot + 1);
  g_autofree guchar *signature = NULL;
  g_autofree char *pem = NULL;
  gsize signature_len;
  gsize pem_len;
  gboolean ok;
  X509 *x509;
  EVP_PKEY *key;
  EVP_MD_CTX *ctx;
  BIO *bio;

  g_strdelimit (b64->str, "-", '+');
  g_strdelimit (b64->str, "_", '/');
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');
  signature = g_base64_decode (b64->str, &signature_len);

  g_assert_true (g_file_get_contents (certificate, &pem, &pem_len, NULL));
  bio = BIO_new_mem_buf (pem, (int) pem_len);
  x509 = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
  BIO_free (bio);
  key = X509_get_pubkey (x509);
  ctx = EVP_MD_CTX_new ();
  ok = EVP_DigestVerifyInit (ctx, NULL, EVP_sha256 (), NULL, key) == 1
       && EVP_DigestVerify (ctx, signature, signature_len, (const guchar *) input,
                            strlen (input)) == 1;
  EVP_MD_CTX_free (ctx);
  EVP_PKEY_free (key);
  X509_free (x509);
  return ok;
}

static void
test_jwt_assertion (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autofree char *assertion = NULL;
  g_autofree char *encrypted = NULL;
  gint64 exp = g_get_real_time () / G_USEC_PER_SEC + FREIGHT_JWT_LIFETIME_SECONDS;

  assertion = freight_jwt_sign (keys->key, NULL, "3MVG9consumer.key", "ada@acme.example",
                                "https://login.salesforce.com", exp, &error);
  g_assert_no_error (error);

  parts = g_strsplit (assertion, ".", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  header = decode_part (parts[0]);
  claims = decode_part (parts[1]);
  g_assert_cmpuint (json_object_get_size (header), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (header, "alg"), ==, "RS256");
  g_assert_cmpstr (json_object_get_string_member (claims, "iss"), ==, "3MVG9consumer.key");
  g_assert_cmpstr (json_object_get_string_member (claims, "sub"), ==, "ada@acme.example");
  g_assert_cmpstr (json_object_get_string_member (claims, "aud"), ==,
                   "https://login.salesforce.com");
  g_assert_cmpint (json_object_get_int_member (claims, "exp"), ==, exp);
  g_assert_true (verify_rs256 (assertion, keys->certificate));

  /* The same key behind a passphrase signs the same way. */
  encrypted = freight_jwt_sign (keys->encrypted_key, SIGN_IN_KEY_PASSPHRASE, "k", "u", "a",
                                exp, &error);
  g_assert_no_error (error);
  g_assert_true (verify_rs256 (encrypted, keys->certificate));
}

static void
test_jwt_key_errors (void)
{
  g_autofree char *not_pem = g_build_filename (tmpdir, "not-a-key.txt", NULL);
  g_autofree char *missing = g_build_filename (tmpdir, "missing.key", NULL);
  static const struct { int code; const char *message; } expected[] = {
    { FREIGHT_AUTH_ERROR_KEY_PASSPHRASE, "protected by a passphrase" },
    { FREIGHT_AUTH_ERROR_KEY_PASSPHRASE, "does not open the private key" },
    { FREIGHT_AUTH_ERROR_PRIVATE_KEY, "not an RSA key" },
    { FREIGHT_AUTH_ERROR_PRIVATE_KEY, "holds no PEM private key" },
    { FREIGHT_AUTH_ERROR_PRIVATE_KEY, "Could not read the private key file" },
  };
  const char *files[] = { keys->encrypted_key, keys->encrypted_key, keys->ec_key, not_pem,
                          missing };
  const char *passphrases[] = { NULL, "wrong", NULL, NULL, NULL };

  g_assert_true (g_file_set_contents (not_pem, "just some text\n", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *assertion = freight_jwt_sign (files[i], passphrases[i], "k", "u", "a",
                                                     0, &error);

      g_assert_null (assertion);
      g_assert_error (error, FREIGHT_AUTH_ERROR, expected[i].code);
      g_assert_nonnull (strstr (error->message, expected[i].message));
      g_assert_false (freight_jwt_check_key (files[i], passphrases[i], NULL));
    }
  g_assert_true (freight_jwt_check_key (keys->key, NULL, NULL));
  /* A passphrase given for a plain key does no harm. */
  g_assert_true (freight_jwt_check_key (keys->key, "unused", NULL));
}

static void
test_pkce (void)
{
  /* RFC 7636 appendix B. */
  const char *verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  g_autofree char *challenge = freight_pkce_challenge (verifier);
  const guint8 bytes[] = { 0xfb, 0xff, 0xbf, 0x00 };
  g_autofree char *text = freight_base64url_encode (bytes, sizeof bytes);

  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  g_assert_cmpstr (text, ==, "-_-_AA");
}

/* The loopback listener over raw HTTP -------------------------------------------------- */

typedef struct
{
  guint     port;
  char     *request;
  char     *response;
  gboolean  done;
} Raw;

static gpointer
raw_thread (gpointer data)
{
  Raw *raw = data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  guint8 buffer[4096];
  gssize n;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", raw->port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             raw->request, strlen (raw->request), NULL, NULL, &error);
  g_assert_no_error (error);
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                   buffer, sizeof buffer, NULL, NULL)) > 0)
    g_byte_array_append (answer, buffer, n);
  raw->response = g_strndup ((const char *) answer->data, answer->len);
  g_atomic_int_set (&raw->done, TRUE);
  return NULL;
}

/* Sends @request from another thread while this thread's main context runs. */
static GThread *
raw_send (Raw        *raw,
          guint       port,
          const char *request)
{
  raw->port = port;
  raw->request = g_strdup (request);
  raw->done = FALSE;
  return g_thread_new ("raw", raw_thread, raw);
}

static char *
raw_finish (Raw     *raw,
            GThread *thread)
{
  while (!g_atomic_int_get (&raw->done))
    g_main_context_iteration (NULL, FALSE);
  g_thread_join (thread);
  g_free (raw->request);
  return raw->response;
}

static char *
raw_exchange (guint       port,
              const char *request)
{
  Raw raw = { 0 };
  GThread *thread = raw_send (&raw, port, request);

  return raw_finish (&raw, thread);
}

typedef struct
{
  GHashTable *params;
  GError     *error;
  gboolean    done;
} WaitResult;

static void
wait_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  WaitResult *wait = data;

  wait->params = freight_loopback_server_wait_finish (FREIGHT_LOOPBACK_SERVER (source), result,
                                                      &wait->error);
  wait->done = TRUE;
}

static void
test_loopback_server (void)
{
  g_autoptr(FreightLoopbackServer) server = freight_loopback_server_new ("/OauthRedirect");
  g_autoptr(FreightLoopbackServer) busy = freight_loopback_server_new ("/OauthRedirect");
  g_autoptr(GError) error = NULL;
  g_autofree char *not_found = NULL;
  g_autofree char *wrong_method = NULL;
  g_autofree char *garbage = NULL;
  g_autofree char *huge_request = NULL;
  g_autofree char *too_big = NULL;
  g_autofree char *page = NULL;
  g_autofree char *late = NULL;
  WaitResult wait = { 0 };
  Raw raw = { 0 };
  GThread *thread;
  guint port;

  g_assert_true (freight_loopback_server_listen (server, 0, &error));
  g_assert_no_error (error);
  port = freight_loopback_server_get_port (server);
  g_assert_cmpuint (port, >, 0);

  /* The same port cannot be taken twice. */
  g_assert_false (freight_loopback_server_listen (busy, port, &error));
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_LISTENER);
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  g_clear_error (&error);

  freight_loopback_server_wait_async (server, NULL, wait_done, &wait);

  not_found = raw_exchange (port, "GET /favicon.ico HTTP/1.1\r\nHost: localhost\r\n\r\n");
  g_assert_true (g_str_has_prefix (not_found, "HTTP/1.1 404 "));
  g_assert_nonnull (strstr (not_found, "Referrer-Policy: no-referrer"));
  wrong_method = raw_exchange (port, "POST /OauthRedirect HTTP/1.1\r\n\r\n");
  g_assert_true (g_str_has_prefix (wrong_method, "HTTP/1.1 405 "));
  garbage = raw_exchange (port, "hello\r\n\r\n");
  g_assert_true (g_str_has_prefix (garbage, "HTTP/1.1 400 "));
  huge_request = g_strdup_printf ("GET /OauthRedirect?x=%0*d", 20000, 0);
  too_big = raw_exchange (port, huge_request);
  g_assert_true (g_str_has_prefix (too_big, "HTTP/1.1 431 "));
  g_assert_false (wait.done);

  /* The redirect: its parameters come back decoded; the browser waits for the page. */
  thread = raw_send (&raw, port, "GET /OauthRedirect?code=aPrx%21c%2Fd&state=st%20ate "
                                 "HTTP/1.1\r\nHost: localhost:1717\r\n\r\n");
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  g_assert_cmpstr (g_hash_table_lookup (wait.params, "code"), ==, "aPrx!c/d");
  g_assert_cmpstr (g_hash_table_lookup (wait.params, "state"), ==, "st ate");
  g_assert_false (g_atomic_int_get (&raw.done));

  freight_loopback_server_respond (server, TRUE, "Signed <in>", "All good & done.");
  page = raw_finish (&raw, thread);
  g_assert_true (g_str_has_prefix (page, "HTTP/1.1 200 OK\r\n"));
  g_assert_nonnull (strstr (page, "Cache-Control: no-store"));
  g_assert_nonnull (strstr (page, "<h1>Signed &lt;in&gt;</h1>"));
  g_assert_nonnull (strstr (page, "All good &amp; done."));

  /* Nobody waits any more. */
  late = raw_exchange (port, "GET /OauthRedirect?code=x&state=y HTTP/1.1\r\n\r\n");
  g_assert_true (g_str_has_prefix (late, "HTTP/1.1 409 "));

  g_hash_table_unref (wait.params);
  freight_loopback_server_stop (server);
}

static void
test_loopback_server_cancel (void)
{
  g_autoptr(FreightLoopbackServer) server = freight_loopback_server_new ("/OauthRedirect");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  WaitResult wait = { 0 };
  WaitResult stopped = { 0 };

  g_assert_true (freight_loopback_server_listen (server, 0, NULL));
  freight_loopback_server_wait_async (server, cancellable, wait_done, &wait);
  g_cancellable_cancel (cancellable);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&wait.error);

  freight_loopback_server_wait_async (server, NULL, wait_done, &stopped);
  freight_loopback_server_stop (server);
  while (!stopped.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (stopped.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&stopped.error);
}

/* The web flow's checks, without an org -------------------------------------------- */

typedef struct
{
  char     *code;
  GError   *error;
  gboolean  done;
} CodeResult;

static void
code_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  CodeResult *code = data;

  code->code = freight_web_sign_in_wait_for_code_finish (FREIGHT_WEB_SIGN_IN (source), result,
                                                         &code->error);
  code->done = TRUE;
}

/* Starts a web sign-in, sends the browser back with @query (STATE stands for the right
 * state), and returns what the browser was shown. */
static char *
come_back_with (const char  *query,
                char       **code,
                GError     **error)
{
  g_autoptr(FreightHttpClient) http = freight_http_client_new (NULL, NULL);
  g_autoptr(FreightOAuthClient) oauth = freight_oauth_client_new (http, NULL, "3MVG9key", NULL);
  g_autoptr(FreightWebSignIn) web = freight_web_sign_in_new (oauth);
  g_autoptr(GString) request = NULL;
  g_autofree char *escaped_state = NULL;
  g_autofree char *page = NULL;
  CodeResult result = { 0 };
  Raw raw = { 0 };
  GThread *thread;

  freight_web_sign_in_set_port (web, 0);
  g_assert_true (freight_web_sign_in_start (web, NULL));
  g_assert_true (g_str_has_prefix (freight_web_sign_in_get_authorize_url (web),
                                   "https://login.salesforce.com/services/oauth2/authorize?"
                                   "response_type=code&client_id=3MVG9key&redirect_uri="
                                   "http%3A%2F%2Flocalhost%3A"));
  g_assert_nonnull (strstr (freight_web_sign_in_get_authorize_url (web),
                            "&prompt=login"));

  escaped_state = g_uri_escape_string (freight_web_sign_in_get_state (web), NULL, FALSE);
  request = g_string_new ("GET /OauthRedirect?");
  g_string_append (request, query);
  g_string_replace (request, "STATE", escaped_state, 0);
  g_string_append (request, " HTTP/1.1\r\nHost: localhost\r\n\r\n");

  freight_web_sign_in_wait_for_code_async (web, 30, NULL, code_done, &result);
  thread = raw_send (&raw, freight_web_sign_in_get_port (web), request->str);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);

  if (result.code != NULL)
    freight_web_sign_in_answer_browser (web, NULL, "Ada (ada@acme.example)");
  page = raw_finish (&raw, thread);
  freight_web_sign_in_stop (web);

  *code = result.code;
  if (result.error != NULL)
    g_propagate_error (error, result.error);
  return g_steal_pointer (&page);
}

static void
test_web_answers (void)
{
  static const struct { const char *query; int code; const char *message; } refused[] = {
    { "code=aPrx1&state=someone-elses", FREIGHT_AUTH_ERROR_STATE_MISMATCH,
      "does not belong to this sign-in" },
    { "code=aPrx1", FREIGHT_AUTH_ERROR_STATE_MISMATCH, "does not belong to this sign-in" },
    { "error=access_denied&error_description=end-user+denied+authorization&state=STATE",
      FREIGHT_AUTH_ERROR_ACCESS_DENIED, "end-user denied authorization" },
    { "error=redirect_uri_mismatch&state=STATE", FREIGHT_AUTH_ERROR_FAILED,
      "callback URL http://localhost:" },
    { "state=STATE", FREIGHT_AUTH_ERROR_INVALID_REQUEST, "without an authorization code" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *page = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) refusal = NULL;
      g_autofree char *none = NULL;
      g_autofree char *failure = come_back_with (refused[i].query, &none, &refusal);

      g_assert_null (none);
      g_assert_error (refusal, FREIGHT_AUTH_ERROR, refused[i].code);
      if (strstr (refusal->message, refused[i].message) == NULL)
        g_error ("%s: “%s” lacks “%s”", refused[i].query, refusal->message,
                 refused[i].message);
      g_assert_true (g_str_has_prefix (failure, "HTTP/1.1 400 "));
      g_assert_nonnull (strstr (failure, "Sign-in failed"));
    }

  page = come_back_with ("code=aPrx%2Bcode&state=STATE", &code, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "aPrx+code");
  g_assert_true (g_str_has_prefix (page, "HTTP/1.1 200 OK"));
  g_assert_nonnull (strstr (page, "Ada (ada@acme.example)"));
}

/* The Salesforce CLI's answers ------------------------------------------------------- */

static char *
read_sf (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sf-cli", name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_sf_cli_parse (void)
{
  g_autofree char *list = read_sf ("org-list.json");
  g_autofree char *display = read_sf ("org-display-access-token.json");
  g_autofree char *display_web = read_sf ("org-display-web.json");
  g_autofree char *legacy = read_sf ("org-display-legacy.json");
  g_autofree char *auth_url = read_sf ("auth-url-web.json");
  g_autofree char *no_auth_url = read_sf ("auth-url-none.json");
  g_autofree char *access_token = read_sf ("access-token.json");
  g_autofree char *not_found = read_sf ("org-display-not-found.json");
  g_autoptr(GPtrArray) orgs = NULL;
  g_autoptr(FreightSignIn) token = NULL;
  g_autoptr(FreightSignIn) web = NULL;
  g_autoptr(FreightSignIn) old = NULL;
  g_autoptr(FreightSignIn) hidden = NULL;
  g_autoptr(FreightSignIn) missing = NULL;
  g_autoptr(GError) error = NULL;
  FreightOrg *org;

  orgs = freight_sf_cli_parse_org_list (list, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgs->len, ==, 1);
  org = orgs->pdata[0];
  g_assert_cmpstr (freight_org_get_alias (org), ==, "local");
  g_assert_cmpstr (freight_org_get_username (org), ==, "admin@freight.local");
  g_assert_cmpstr (freight_org_get_org_id (org), ==, "00D5j00000FrEiGEAV");
  g_assert_true (g_str_has_prefix (freight_org_get_instance_url (org), "http://127.0.0.1:"));

  /* sf 2.150: secrets hidden in org display, shown by org auth. */
  token = freight_sf_cli_parse_sign_in (display, no_auth_url, access_token, &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_sign_in_get_method (token), ==, FREIGHT_AUTH_METHOD_ACCESS_TOKEN);
  g_assert_true (freight_sign_in_has_secret (token, FREIGHT_ORG_SECRET_ACCESS_TOKEN));
  g_assert_true (g_str_has_prefix (freight_sign_in_get_instance_url (token),
                                   "http://127.0.0.1:"));
  g_assert_cmpstr (freight_sign_in_get_alias (token), ==, "local");
  g_assert_cmpstr (freight_sign_in_get_username (token), ==, "admin@freight.local");
  g_assert_true (freight_sign_in_validate (token, NULL));

  web = freight_sf_cli_parse_sign_in (display_web, auth_url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_sign_in_get_method (web), ==, FREIGHT_AUTH_METHOD_REFRESH_TOKEN);
  g_assert_cmpstr (freight_sign_in_get_client_id (web), ==, "PlatformCLI");
  g_assert_true (freight_sign_in_has_secret (web, FREIGHT_ORG_SECRET_REFRESH_TOKEN));
  g_assert_false (freight_sign_in_has_secret (web, FREIGHT_ORG_SECRET_CLIENT_SECRET));
  g_assert_true (g_str_has_prefix (freight_sign_in_get_login_url (web), "https://127.0.0.1:"));
  g_assert_true (freight_sign_in_validate (web, NULL));

  /* Older CLIs: everything in org display. */
  old = freight_sf_cli_parse_sign_in (legacy, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_sign_in_get_method (old), ==, FREIGHT_AUTH_METHOD_REFRESH_TOKEN);
  g_assert_cmpstr (freight_sign_in_get_login_url (old), ==, "https://acme.my.salesforce.com");
  g_assert_cmpstr (freight_sign_in_get_alias (old), ==, "acme");

  /* Hidden secrets and no org auth answers: nothing to sign in with. */
  hidden = freight_sf_cli_parse_sign_in (display, NULL, NULL, &error);
  g_assert_null (hidden);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SF_CLI);
  g_assert_nonnull (strstr (error->message, "holds no usable sign-in for admin@freight.local"));
  g_clear_error (&error);

  missing = freight_sf_cli_parse_sign_in (not_found, NULL, NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SF_CLI);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "NamedOrgNotFoundError");
  g_assert_nonnull (strstr (error->message, "No authorization information found for nosuch"));
  g_clear_error (&error);

  g_assert_null (freight_sf_cli_parse_org_list ("not json", -1, &error));
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SF_CLI);
}

typedef struct
{
  gpointer  result;
  GError   *error;
  gboolean  done;
} SfResult;

static void
sf_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  SfResult *sf = data;

  sf->result = freight_sf_cli_import_finish (FREIGHT_SF_CLI (source), result, &sf->error);
  sf->done = TRUE;
}

static void
sf_list_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  SfResult *sf = data;

  sf->result = freight_sf_cli_list_orgs_finish (FREIGHT_SF_CLI (source), result, &sf->error);
  sf->done = TRUE;
}

static FreightSignIn *
sf_import (FreightSfCli  *sf,
           const char    *target,
           GError       **error)
{
  SfResult result = { 0 };

  freight_sf_cli_import_async (sf, target, NULL, sf_import_done, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  if (result.error != NULL)
    g_propagate_error (error, result.error);
  return result.result;
}

/* The import runs the CLI's commands in order (a stand-in answers as sf 2.150 did). */
static void
test_sf_cli_import (void)
{
  g_autofree char *fake = g_test_build_filename (G_TEST_DIST, "data", "sf-cli", "fake-sf",
                                                 NULL);
  g_autofree char *log = g_build_filename (tmpdir, "fake-sf.log", NULL);
  g_autofree char *calls = NULL;
  g_autoptr(FreightSfCli) sf = freight_sf_cli_new (fake);
  g_autoptr(FreightSfCli) none = freight_sf_cli_new ("/nonexistent/sf");
  g_autoptr(FreightSignIn) local = NULL;
  g_autoptr(FreightSignIn) webby = NULL;
  g_autoptr(FreightSignIn) nosuch = NULL;
  g_autoptr(FreightSignIn) broken = NULL;
  g_autoptr(GPtrArray) orgs = NULL;
  g_autoptr(GError) error = NULL;
  SfResult list = { 0 };

  g_setenv ("FAKE_SF_LOG", log, TRUE);
  g_assert_true (freight_sf_cli_is_available (sf));

  freight_sf_cli_list_orgs_async (sf, NULL, sf_list_done, &list);
  while (!list.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (list.error);
  orgs = list.result;
  g_assert_cmpuint (orgs->len, ==, 1);

  local = sf_import (sf, "local", &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_sign_in_get_method (local), ==, FREIGHT_AUTH_METHOD_ACCESS_TOKEN);

  webby = sf_import (sf, "webby", &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_sign_in_get_method (webby), ==, FREIGHT_AUTH_METHOD_REFRESH_TOKEN);

  nosuch = sf_import (sf, "nosuch", &error);
  g_assert_null (nosuch);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SF_CLI);
  g_assert_nonnull (strstr (error->message, "Could not import nosuch from the Salesforce CLI"));
  g_clear_error (&error);

  broken = sf_import (none, "local", &error);
  g_assert_null (broken);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SF_CLI);
  g_assert_nonnull (strstr (error->message, "/nonexistent/sf"));

  g_assert_true (g_file_get_contents (log, &calls, NULL, NULL));
  g_assert_cmpstr (calls, ==,
                   "org list --json\n"
                   "org display --target-org local --verbose --json\n"
                   "org auth show-sfdx-auth-url --target-org local --json\n"
                   "org auth show-access-token --target-org local --json\n"
                   "org display --target-org webby --verbose --json\n"
                   "org auth show-sfdx-auth-url --target-org webby --json\n"
                   "org display --target-org nosuch --verbose --json\n");
  g_unsetenv ("FAKE_SF_LOG");
}

/* What each method needs ------------------------------------------------------------- */

static void
test_validate (void)
{
  static const struct
  {
    FreightAuthMethod method;
    const char       *login_url;
    const char       *client_id;
    const char       *username;
    const char       *key_file;
    int               secret;
    int               code;
    const char       *message;
  } cases[] = {
    { FREIGHT_AUTH_METHOD_WEB, NULL, NULL, NULL, NULL, -1, FREIGHT_AUTH_ERROR_MISSING,
      "callback URL http://localhost:1717/OauthRedirect" },
    { FREIGHT_AUTH_METHOD_WEB, "http://example.com", "k", NULL, NULL, -1,
      FREIGHT_AUTH_ERROR_INVALID_LOGIN_URL, "plain http" },
    { FREIGHT_AUTH_METHOD_WEB, "sandbox", "k", NULL, NULL, -1, 0, NULL },
    { FREIGHT_AUTH_METHOD_PASSWORD, NULL, "k", NULL, NULL, FREIGHT_ORG_SECRET_PASSWORD,
      FREIGHT_AUTH_ERROR_MISSING, "Enter the username" },
    { FREIGHT_AUTH_METHOD_PASSWORD, NULL, "k", "u", NULL, -1, FREIGHT_AUTH_ERROR_MISSING,
      "Enter the password" },
    { FREIGHT_AUTH_METHOD_PASSWORD, NULL, NULL, "u", NULL, FREIGHT_ORG_SECRET_PASSWORD,
      FREIGHT_AUTH_ERROR_MISSING, "consumer key and secret" },
    { FREIGHT_AUTH_METHOD_JWT, NULL, "k", "u", NULL, -1, FREIGHT_AUTH_ERROR_MISSING,
      "private key file" },
    { FREIGHT_AUTH_METHOD_JWT, NULL, "k", NULL, "/k.pem", -1, FREIGHT_AUTH_ERROR_MISSING,
      "username" },
    { FREIGHT_AUTH_METHOD_JWT, NULL, "k", "u", "/k.pem", -1, 0, NULL },
    { FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS, "acme.my.salesforce.com", "k", NULL, NULL, -1,
      FREIGHT_AUTH_ERROR_MISSING, "consumer secret" },
    { FREIGHT_AUTH_METHOD_CLIENT_CREDENTIALS, "acme.my.salesforce.com", "k", NULL, NULL,
      FREIGHT_ORG_SECRET_CLIENT_SECRET, 0, NULL },
    { FREIGHT_AUTH_METHOD_ACCESS_TOKEN, NULL, NULL, NULL, NULL, FREIGHT_ORG_SECRET_ACCESS_TOKEN,
      FREIGHT_AUTH_ERROR_MISSING, "instance URL" },
    { FREIGHT_AUTH_METHOD_REFRESH_TOKEN, NULL, "k", NULL, NULL, -1,
      FREIGHT_AUTH_ERROR_MISSING, "no refresh token" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FreightSignIn) sign_in = freight_sign_in_new (cases[i].method);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      freight_sign_in_set_login_url (sign_in, cases[i].login_url);
      freight_sign_in_set_client_id (sign_in, cases[i].client_id);
      freight_sign_in_set_username (sign_in, cases[i].username);
      freight_sign_in_set_key_file (sign_in, cases[i].key_file);
      if (cases[i].secret >= 0)
        freight_sign_in_set_secret (sign_in, cases[i].secret, "s3cret");

      ok = freight_sign_in_validate (sign_in, &error);
      if (OAUTH_CLIENT_ID[0] != '\0' && cases[i].client_id == NULL)
        continue;
      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, FREIGHT_AUTH_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].message);
    }
}

static void
test_sign_in_for_org (void)
{
  g_autoptr(FreightOrg) org = freight_org_new ("acme-jwt");
  g_autoptr(FreightOrg) imported = freight_org_new ("from-sf");
  g_autoptr(FreightSignIn) again = NULL;
  g_autoptr(FreightSignIn) web = NULL;

  freight_org_set_login_url (org, "https://acme.my.salesforce.com");
  freight_org_set_client_id (org, "3MVG9key");
  freight_org_set_username (org, "ada@acme.example");
  freight_org_set_key_file (org, "/home/ada/jwt.key");
  freight_org_set_ca_file (org, "/etc/acme-ca.pem");
  freight_org_set_auth_method (org, FREIGHT_AUTH_METHOD_JWT);

  again = freight_sign_in_new_for_org (org);
  g_assert_cmpint (freight_sign_in_get_method (again), ==, FREIGHT_AUTH_METHOD_JWT);
  g_assert_cmpstr (freight_sign_in_get_alias (again), ==, "acme-jwt");
  g_assert_cmpstr (freight_sign_in_get_login_url (again), ==, "https://acme.my.salesforce.com");
  g_assert_cmpstr (freight_sign_in_get_client_id (again), ==, "3MVG9key");
  g_assert_cmpstr (freight_sign_in_get_username (again), ==, "ada@acme.example");
  g_assert_cmpstr (freight_sign_in_get_key_file (again), ==, "/home/ada/jwt.key");
  g_assert_cmpstr (freight_sign_in_get_ca_file (again), ==, "/etc/acme-ca.pem");
  g_assert_cmpint (freight_sign_in_get_state (again), ==, FREIGHT_SIGN_IN_STATE_IDLE);

  /* An org whose refresh token came from elsewhere signs in again through the browser. */
  freight_org_set_auth_method (imported, FREIGHT_AUTH_METHOD_REFRESH_TOKEN);
  web = freight_sign_in_new_for_org (imported);
  g_assert_cmpint (freight_sign_in_get_method (web), ==, FREIGHT_AUTH_METHOD_WEB);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = http_fixture_make_tmpdir ();
  keys = sign_in_keys_new (tmpdir);

  g_test_add_func ("/freight/sign-in-unit/login-url/normalize", test_login_url_normalize);
  g_test_add_func ("/freight/sign-in-unit/login-url/kinds", test_login_url_kinds);
  g_test_add_func ("/freight/sign-in-unit/org/production", test_org_production);
  g_test_add_func ("/freight/sign-in-unit/jwt/assertion", test_jwt_assertion);
  g_test_add_func ("/freight/sign-in-unit/jwt/key-errors", test_jwt_key_errors);
  g_test_add_func ("/freight/sign-in-unit/pkce", test_pkce);
  g_test_add_func ("/freight/sign-in-unit/loopback/answers", test_loopback_server);
  g_test_add_func ("/freight/sign-in-unit/loopback/cancel", test_loopback_server_cancel);
  g_test_add_func ("/freight/sign-in-unit/web/answers", test_web_answers);
  g_test_add_func ("/freight/sign-in-unit/sf-cli/parse", test_sf_cli_parse);
  g_test_add_func ("/freight/sign-in-unit/sf-cli/import", test_sf_cli_import);
  g_test_add_func ("/freight/sign-in-unit/validate", test_validate);
  g_test_add_func ("/freight/sign-in-unit/for-org", test_sign_in_for_org);

  status = g_test_run ();

  http_fixture_remove_tree (tmpdir);
  sign_in_keys_free (keys);
  g_free (tmpdir);
  return status;
}
