/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <string.h>

#include "lo-harness.h"

/* Protocol tests of the OAuth endpoints (§6): every grant, the authorize page, revoke,
 * userinfo and token lifetimes. */

#define TOKEN "/services/oauth2/token"
#define REDIRECT "http://localhost:1717/OauthRedirect"

static LoHarness *org;

static JsonObject *
token_ok (LoHarness  *o,
          const char *form)
{
  g_autoptr(LoResponse) r = lo_harness_post_form (o, TOKEN, form);
  g_autoptr(JsonNode) json = lo_response_get_json (r);

  lo_assert_status (r, 200);
  g_assert_true (g_str_has_prefix (lo_response_get_header (r, "Content-Type"),
                                   "application/json"));
  return json_object_ref (json_node_get_object (json));
}

static void
token_error (LoHarness  *o,
             const char *form,
             const char *error,
             const char *description)
{
  g_autoptr(LoResponse) r = lo_harness_post_form (o, TOKEN, form);
  g_autoptr(JsonNode) json = lo_response_get_json (r);
  JsonObject *obj = json_node_get_object (json);

  lo_assert_status (r, 400);
  g_assert_cmpstr (json_object_get_string_member (obj, "error"), ==, error);
  if (description != NULL)
    g_assert_cmpstr (json_object_get_string_member (obj, "error_description"), ==, description);
}

static guint
status_with_token (LoHarness  *o,
                   const char *token)
{
  g_autoptr(LoResponse) r = lo_harness_request (o, "GET", "/services/data/v62.0/limits", NULL,
                                                NULL, 0, token);

  return r->status;
}

static void
test_password (void)
{
  g_autofree char *form = soup_form_encode ("grant_type", "password",
                                            "client_id", LO_HARNESS_CONSUMER_KEY,
                                            "client_secret", LO_HARNESS_CONSUMER_SECRET,
                                            "username", LO_HARNESS_USERNAME,
                                            "password", LO_HARNESS_PASSWORD, NULL);
  g_autoptr(JsonObject) t = token_ok (org, form);
  g_autoptr(GList) members = json_object_get_members (t);
  const char *expected[] = { "access_token", "signature", "scope", "instance_url", "id",
                             "token_type", "issued_at" };
  const char *issued = json_object_get_string_member (t, "issued_at");
  gint64 ms = g_ascii_strtoll (issued, NULL, 10);
  g_autofree char *bad_password = soup_form_encode ("grant_type", "password",
                                                    "client_id", LO_HARNESS_CONSUMER_KEY,
                                                    "client_secret", LO_HARNESS_CONSUMER_SECRET,
                                                    "username", LO_HARNESS_USERNAME,
                                                    "password", "wrong", NULL);
  g_autofree char *bad_client = soup_form_encode ("grant_type", "password", "client_id", "nope",
                                                  "username", LO_HARNESS_USERNAME,
                                                  "password", LO_HARNESS_PASSWORD, NULL);
  g_autofree char *bad_secret = soup_form_encode ("grant_type", "password",
                                                  "client_id", LO_HARNESS_CONSUMER_KEY,
                                                  "client_secret", "wrong",
                                                  "username", LO_HARNESS_USERNAME,
                                                  "password", LO_HARNESS_PASSWORD, NULL);
  GList *l = members;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++, l = l->next)
    g_assert_cmpstr (l->data, ==, expected[i]);
  g_assert_true (strchr (json_object_get_string_member (t, "access_token"), '!') != NULL);
  g_assert_cmpstr (json_object_get_string_member (t, "instance_url"), ==,
                   lo_harness_get_url (org));
  g_assert_cmpstr (json_object_get_string_member (t, "token_type"), ==, "Bearer");
  g_assert_true (g_regex_match_simple ("/id/00D\\w{15}/005\\w{15}$",
                                       json_object_get_string_member (t, "id"), 0, 0));
  g_assert_cmpint (ABS (ms - g_get_real_time () / 1000), <, 60000);
  g_assert_false (json_object_has_member (t, "refresh_token"));
  g_assert_cmpuint (status_with_token (org, json_object_get_string_member (t, "access_token")),
                    ==, 200);
  token_error (org, bad_password, "invalid_grant", "authentication failure");
  token_error (org, bad_client, "invalid_client_id", "client identifier invalid");
  token_error (org, bad_secret, "invalid_client", "invalid client credentials");
  token_error (org, "grant_type=magic", "unsupported_grant_type", "grant type not supported");
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

/* Fills the login form as a browser would, and returns the code from the redirect. */
static char *
browser_login (const char *challenge,
               const char *method)
{
  g_autofree char *query = soup_form_encode ("response_type", "code",
                                             "client_id", "PlatformCLI",
                                             "redirect_uri", REDIRECT,
                                             "scope", "refresh_token api web",
                                             "state", "st4te", "code_challenge", challenge,
                                             method ? "code_challenge_method" : NULL, method,
                                             NULL);
  g_autofree char *page_path = g_strdup_printf ("/services/oauth2/authorize?%s", query);
  g_autoptr(LoResponse) page = lo_harness_request (org, "GET", page_path, NULL, NULL, 0, "");
  g_autofree char *form = soup_form_encode ("response_type", "code",
                                            "client_id", "PlatformCLI",
                                            "redirect_uri", REDIRECT,
                                            "scope", "refresh_token api web",
                                            "state", "st4te", "code_challenge", challenge,
                                            "username", LO_HARNESS_USERNAME,
                                            "password", LO_HARNESS_PASSWORD,
                                            "action", "allow",
                                            method ? "code_challenge_method" : NULL, method,
                                            NULL);
  g_autoptr(LoResponse) posted = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;

  lo_assert_status (page, 200);
  g_assert_true (g_str_has_prefix (lo_response_get_header (page, "Content-Type"), "text/html"));
  g_assert_true (strstr (page->text,
                         "<form method=\"post\" action=\"/services/oauth2/authorize\">") != NULL);
  g_assert_true (strstr (page->text, "name=\"password\"") != NULL);
  posted = lo_harness_post_form (org, "/services/oauth2/authorize", form);
  lo_assert_status (posted, 302);
  uri = g_uri_parse (lo_response_get_header (posted, "Location"), G_URI_FLAGS_NONE, NULL);
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/OauthRedirect");
  params = soup_form_decode (g_uri_get_query (uri));
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "st4te");
  return g_strdup (g_hash_table_lookup (params, "code"));
}

static char *
exchange_form (const char *code,
               const char *verifier)
{
  return soup_form_encode ("grant_type", "authorization_code", "code", code,
                           "client_id", "PlatformCLI", "redirect_uri", REDIRECT,
                           verifier ? "code_verifier" : NULL, verifier, NULL);
}

static void
test_authorization_code (void)
{
  const char *verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXkdBjftJeZ4CVP-mB92K27uh";
  g_autofree char *challenge = s256 (verifier);
  g_autofree char *code = browser_login (challenge, NULL);
  g_autofree char *form = exchange_form (code, verifier);
  g_autoptr(JsonObject) t = token_ok (org, form);
  g_autofree char *again = NULL;
  g_autofree char *code2 = browser_login (challenge, "S256");
  g_autofree char *wrong = exchange_form (code2, "not-the-verifier");
  g_autofree char *code3 = browser_login (challenge, "S256");
  g_autofree char *missing = exchange_form (code3, NULL);
  g_autofree char *refresh_form = NULL;
  g_autoptr(JsonObject) refreshed = NULL;
  g_autofree char *revoke = NULL;
  g_autoptr(LoResponse) revoked = NULL;
  g_autoptr(LoResponse) revoked_again = NULL;

  g_assert_true (json_object_has_member (t, "refresh_token"));
  g_assert_cmpstr (json_object_get_string_member (t, "scope"), ==, "refresh_token api web");
  g_assert_cmpuint (status_with_token (org, json_object_get_string_member (t, "access_token")),
                    ==, 200);
  /* A code serves once. */
  again = exchange_form (code, verifier);
  token_error (org, again, "invalid_grant", NULL);
  token_error (org, wrong, "invalid_request", "invalid code verifier");
  token_error (org, missing, "invalid_grant", "invalid code verifier");

  refresh_form = soup_form_encode ("grant_type", "refresh_token", "client_id", "PlatformCLI",
                                   "refresh_token", json_object_get_string_member (t,
                                                                                  "refresh_token"),
                                   NULL);
  refreshed = token_ok (org, refresh_form);
  g_assert_false (json_object_has_member (refreshed, "refresh_token"));
  g_assert_true (json_object_has_member (refreshed, "signature"));
  g_assert_cmpuint (status_with_token (org, json_object_get_string_member (refreshed,
                                                                           "access_token")),
                    ==, 200);

  /* Revoking the refresh token ends the access tokens issued from it. */
  revoke = soup_form_encode ("token", json_object_get_string_member (t, "refresh_token"), NULL);
  revoked = lo_harness_post_form (org, "/services/oauth2/revoke", revoke);
  lo_assert_status (revoked, 200);
  g_assert_cmpuint (status_with_token (org, json_object_get_string_member (refreshed,
                                                                           "access_token")),
                    ==, 401);
  g_assert_cmpuint (status_with_token (org, json_object_get_string_member (t, "access_token")),
                    ==, 401);
  token_error (org, refresh_form, "invalid_grant", "expired access/refresh token");
  revoked_again = lo_harness_post_form (org, "/services/oauth2/revoke", revoke);
  lo_assert_status (revoked_again, 400);
}

static void
test_authorize_page (void)
{
  g_autofree char *deny = soup_form_encode ("response_type", "code", "client_id", "PlatformCLI",
                                            "redirect_uri", REDIRECT, "state", "s",
                                            "action", "deny", NULL);
  g_autofree char *wrong = soup_form_encode ("response_type", "code", "client_id", "PlatformCLI",
                                             "redirect_uri", REDIRECT, "username",
                                             LO_HARNESS_USERNAME, "password", "bad",
                                             "action", "allow", NULL);
  g_autoptr(LoResponse) denied = lo_harness_post_form (org, "/services/oauth2/authorize", deny);
  g_autoptr(LoResponse) retry = lo_harness_post_form (org, "/services/oauth2/authorize", wrong);
  g_autoptr(LoResponse) bad_redirect =
    lo_harness_request (org, "GET", "/services/oauth2/authorize?response_type=code&client_id="
                        "PlatformCLI&redirect_uri=https%3A%2F%2Fevil.example%2F", NULL, NULL, 0,
                        "");
  g_autoptr(LoResponse) bad_client =
    lo_harness_request (org, "GET", "/services/oauth2/authorize?response_type=code&client_id="
                        "Nope&redirect_uri=http%3A%2F%2Flocalhost%3A1717%2F", NULL, NULL, 0, "");

  lo_assert_status (denied, 302);
  g_assert_true (g_str_has_prefix (lo_response_get_header (denied, "Location"),
                                   REDIRECT "?error=access_denied&error_description="));
  lo_assert_status (retry, 200);
  g_assert_true (strstr (retry->text, "Please check your username and password") != NULL);
  lo_assert_status (bad_redirect, 400);
  g_assert_true (strstr (bad_redirect->text, "redirect_uri_mismatch") != NULL);
  lo_assert_status (bad_client, 400);
  g_assert_true (strstr (bad_client->text, "invalid_client_id") != NULL);
}

static void
test_auto_approve (void)
{
  const char *args[] = { "--auto-approve", NULL };
  g_autoptr(LoHarness) o = lo_harness_start (args);
  g_autoptr(LoResponse) r =
    lo_harness_request (o, "GET", "/services/oauth2/authorize?response_type=code&client_id="
                        LO_HARNESS_CONSUMER_KEY "&redirect_uri=http%3A%2F%2F127.0.0.1%3A7171%2F"
                        "OauthRedirect&scope=api+refresh_token", NULL, NULL, 0, "");
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *form = NULL;
  g_autoptr(JsonObject) t = NULL;

  lo_assert_status (r, 302);
  uri = g_uri_parse (lo_response_get_header (r, "Location"), G_URI_FLAGS_NONE, NULL);
  params = soup_form_decode (g_uri_get_query (uri));
  form = soup_form_encode ("grant_type", "authorization_code",
                           "code", g_hash_table_lookup (params, "code"),
                           "client_id", LO_HARNESS_CONSUMER_KEY,
                           "client_secret", LO_HARNESS_CONSUMER_SECRET,
                           "redirect_uri", "http://127.0.0.1:7171/OauthRedirect", NULL);
  t = token_ok (o, form);
  g_assert_true (json_object_has_member (t, "refresh_token"));
  lo_harness_stop (o);
}

static void
test_client_credentials (void)
{
  g_autofree char *basic = g_base64_encode ((const guchar *) LO_HARNESS_CONSUMER_KEY ":"
                                            LO_HARNESS_CONSUMER_SECRET,
                                            strlen (LO_HARNESS_CONSUMER_KEY ":"
                                                    LO_HARNESS_CONSUMER_SECRET));
  g_autofree char *url = g_strconcat (lo_harness_get_url (org), TOKEN, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *auth = g_strdup_printf ("Basic %s", basic);
  g_autoptr(GBytes) body = g_bytes_new_static ("grant_type=client_credentials", 29);
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *wrong = soup_form_encode ("grant_type", "client_credentials",
                                             "client_id", LO_HARNESS_CONSUMER_KEY,
                                             "client_secret", "nope", NULL);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (g_strstr_len (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply),
                               "\"access_token\"") != NULL);
  token_error (org, wrong, "invalid_client", "invalid client credentials");
}

/* JWT bearer ------------------------------------------------------------------------ */

static EVP_PKEY *
make_key (void)
{
  EVP_PKEY *key = EVP_RSA_gen (2048);

  g_assert_nonnull (key);
  return key;
}

static char *
write_certificate (EVP_PKEY *key)
{
  X509 *cert = X509_new ();
  X509_NAME *name;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("lo-jwt-XXXXXX.pem", &path, NULL);
  FILE *f = fdopen (fd, "w");

  ASN1_INTEGER_set (X509_get_serialNumber (cert), 1);
  X509_gmtime_adj (X509_getm_notBefore (cert), 0);
  X509_gmtime_adj (X509_getm_notAfter (cert), 3600);
  X509_set_pubkey (cert, key);
  name = X509_get_subject_name (cert);
  X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_ASC, (const guchar *) "freight", -1, -1, 0);
  X509_set_issuer_name (cert, name);
  g_assert_true (X509_sign (cert, key, EVP_sha256 ()) > 0);
  PEM_write_X509 (f, cert);
  fclose (f);
  X509_free (cert);
  return g_steal_pointer (&path);
}

static char *
b64url (const void *data,
        gsize       len)
{
  char *s = g_base64_encode (data, len);
  char *eq;

  g_strdelimit (s, "+", '-');
  g_strdelimit (s, "/", '_');
  eq = strchr (s, '=');
  if (eq != NULL)
    *eq = '\0';
  return s;
}

static char *
make_jwt (EVP_PKEY   *key,
          const char *claims)
{
  const char *header = "{\"alg\":\"RS256\"}";
  g_autofree char *h = b64url (header, strlen (header));
  g_autofree char *c = b64url (claims, strlen (claims));
  g_autofree char *input = g_strdup_printf ("%s.%s", h, c);
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  guchar sig[512];
  size_t sig_len = sizeof sig;
  g_autofree char *s = NULL;

  g_assert_true (EVP_DigestSignInit (ctx, NULL, EVP_sha256 (), NULL, key) == 1);
  g_assert_true (EVP_DigestSign (ctx, sig, &sig_len, (const guchar *) input,
                                 strlen (input)) == 1);
  EVP_MD_CTX_free (ctx);
  s = b64url (sig, sig_len);
  return g_strdup_printf ("%s.%s", input, s);
}

static char *
jwt_form (EVP_PKEY   *key,
          const char *claims)
{
  g_autofree char *jwt = make_jwt (key, claims);

  return soup_form_encode ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer",
                           "assertion", jwt, NULL);
}

static void
test_jwt (void)
{
  EVP_PKEY *key = make_key ();
  EVP_PKEY *other = make_key ();
  g_autofree char *cert = write_certificate (key);
  g_autofree char *arg = g_strdup_printf ("--jwt-certificate=%s", cert);
  const char *args[] = { arg, NULL };
  g_autoptr(LoHarness) o = lo_harness_start (args);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *good = g_strdup_printf ("{\"iss\":\"" LO_HARNESS_CONSUMER_KEY "\",\"sub\":"
                                           "\"" LO_HARNESS_USERNAME "\",\"aud\":"
                                           "\"https://login.salesforce.com\",\"exp\":%"
                                           G_GINT64_FORMAT "}", now + 180);
  g_autofree char *string_exp = g_strdup_printf ("{\"iss\":\"" LO_HARNESS_CONSUMER_KEY "\","
                                                 "\"sub\":\"" LO_HARNESS_USERNAME "\",\"aud\":"
                                                 "\"https://test.salesforce.com\",\"exp\":\"%"
                                                 G_GINT64_FORMAT "\"}", now + 180);
  g_autofree char *ms_exp = g_strdup_printf ("{\"iss\":\"" LO_HARNESS_CONSUMER_KEY "\",\"sub\":"
                                             "\"" LO_HARNESS_USERNAME "\",\"aud\":"
                                             "\"https://login.salesforce.com\",\"exp\":%"
                                             G_GINT64_FORMAT "}", now * 1000 + 300);
  g_autofree char *expired = g_strdup_printf ("{\"iss\":\"" LO_HARNESS_CONSUMER_KEY "\",\"sub\":"
                                              "\"" LO_HARNESS_USERNAME "\",\"aud\":"
                                              "\"https://login.salesforce.com\",\"exp\":%"
                                              G_GINT64_FORMAT "}", now - 10);
  g_autofree char *audience = g_strdup_printf ("{\"iss\":\"" LO_HARNESS_CONSUMER_KEY "\",\"sub\":"
                                               "\"" LO_HARNESS_USERNAME "\",\"aud\":"
                                               "\"https://evil.example\",\"exp\":%"
                                               G_GINT64_FORMAT "}", now + 180);
  g_autofree char *issuer = g_strdup_printf ("{\"iss\":\"someone\",\"sub\":\""
                                             LO_HARNESS_USERNAME "\",\"aud\":"
                                             "\"https://login.salesforce.com\",\"exp\":%"
                                             G_GINT64_FORMAT "}", now + 180);
  g_autofree char *f1 = jwt_form (key, good);
  g_autofree char *f2 = jwt_form (key, string_exp);
  g_autofree char *f3 = jwt_form (key, ms_exp);
  g_autofree char *f4 = jwt_form (other, good);
  g_autofree char *f5 = jwt_form (key, expired);
  g_autofree char *f6 = jwt_form (key, audience);
  g_autofree char *f7 = jwt_form (key, issuer);
  g_autoptr(JsonObject) t1 = token_ok (o, f1);
  g_autoptr(JsonObject) t2 = token_ok (o, f2);
  g_autoptr(JsonObject) t3 = token_ok (o, f3);

  g_assert_cmpuint (status_with_token (o, json_object_get_string_member (t1, "access_token")),
                    ==, 200);
  g_assert_true (json_object_has_member (t2, "access_token"));
  g_assert_true (json_object_has_member (t3, "access_token"));
  token_error (o, f4, "invalid_grant", "invalid assertion");
  token_error (o, f5, "invalid_grant", "expired authorization code");
  token_error (o, f6, "invalid_grant", "audience is invalid");
  token_error (o, f7, "invalid_client_id", "client identifier invalid");
  /* Without a configured certificate nobody approved the app for JWT. */
  token_error (org, f1, "invalid_grant", "user hasn't approved this consumer");
  lo_harness_stop (o);
  g_unlink (cert);
  EVP_PKEY_free (key);
  EVP_PKEY_free (other);
}

static void
test_token_lifetime (void)
{
  const char *args[] = { "--token-lifetime=1", NULL };
  g_autoptr(LoHarness) o = lo_harness_start (args);
  g_autoptr(LoResponse) r = NULL;

  g_assert_cmpuint (status_with_token (o, lo_harness_get_access_token (o)), ==, 200);
  g_usleep (1500 * 1000);
  r = lo_harness_request (o, "GET", "/services/data/v62.0/limits", NULL, NULL, 0, NULL);
  lo_assert_status (r, 401);
  g_assert_true (strstr (r->text, "INVALID_SESSION_ID") != NULL);
  lo_harness_stop (o);
}

static void
test_userinfo (void)
{
  g_autoptr(LoResponse) r = lo_harness_get (org, "/services/oauth2/userinfo");
  g_autoptr(LoResponse) anonymous = lo_harness_request (org, "GET", "/services/oauth2/userinfo",
                                                        NULL, NULL, 0, "");
  g_autoptr(JsonNode) json = lo_response_get_json (r);
  JsonObject *info = json_node_get_object (json);

  lo_assert_status (r, 200);
  g_assert_cmpstr (json_object_get_string_member (info, "preferred_username"), ==,
                   LO_HARNESS_USERNAME);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (info, "user_id"), "005"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (info, "organization_id"),
                                   "00D"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (
                                     json_object_get_object_member (info, "urls"), "rest"),
                                   "/services/data/v{version}/"));
  lo_assert_status (anonymous, 401);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  org = lo_harness_start (NULL);
  g_test_add_func ("/local-org/oauth/password", test_password);
  g_test_add_func ("/local-org/oauth/authorization-code", test_authorization_code);
  g_test_add_func ("/local-org/oauth/authorize-page", test_authorize_page);
  g_test_add_func ("/local-org/oauth/auto-approve", test_auto_approve);
  g_test_add_func ("/local-org/oauth/client-credentials", test_client_credentials);
  g_test_add_func ("/local-org/oauth/jwt", test_jwt);
  g_test_add_func ("/local-org/oauth/token-lifetime", test_token_lifetime);
  g_test_add_func ("/local-org/oauth/userinfo", test_userinfo);
  status = g_test_run ();
  lo_harness_stop (org);
  lo_harness_free (org);
  return status;
}
