/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"
#include "http-fixture.h"

/* Secrets never reach the logs, even with G_MESSAGES_DEBUG=all: a child process signs
 * in with a password and a consumer secret, gets tokens, has one renewed, validates a
 * pasted token and signs out, with every debug message on; the parent reads all it
 * printed and looks for each secret. */

#define PASSWORD      "pw-Tr0ub4dor-3"
#define SECURITY      "SECTOKEN77"
#define CLIENT_SECRET "cs-8f2e1d0c9b"
#define ACCESS_1      "00D000000000001!AQ-access-one"
#define ACCESS_2      "00D000000000001!AQ-access-two"
#define REFRESH       "5Aep861-refresh-zz"
#define PASTED        "00D000000000001!AQ-pasted-tok"

static const char * const secrets[] = {
  PASSWORD, SECURITY, CLIENT_SECRET, ACCESS_1, ACCESS_2, REFRESH, PASTED, NULL
};

typedef struct
{
  HttpFixture *fixture;
  GMutex       mutex;
  const char  *valid;
} Org;

static void
token_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Org *org = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GHashTable) form = soup_form_decode (body->data != NULL ? body->data : "");
  const char *grant = g_hash_table_lookup (form, "grant_type");
  g_autofree char *reply = NULL;
  const char *token;

  if (g_strcmp0 (grant, "password") == 0
      && g_strcmp0 (g_hash_table_lookup (form, "password"), PASSWORD SECURITY) == 0
      && g_strcmp0 (g_hash_table_lookup (form, "client_secret"), CLIENT_SECRET) == 0)
    token = ACCESS_1;
  else if (g_strcmp0 (grant, "refresh_token") == 0
           && g_strcmp0 (g_hash_table_lookup (form, "refresh_token"), REFRESH) == 0)
    token = ACCESS_2;
  else
    {
      http_fixture_reply_json (msg, 400, "{\"error\":\"invalid_grant\","
                                         "\"error_description\":\"authentication failure\"}");
      return;
    }

  g_mutex_lock (&org->mutex);
  org->valid = token;
  g_mutex_unlock (&org->mutex);

  reply = g_strdup_printf ("{\"access_token\":\"%s\",\"refresh_token\":\"%s\","
                           "\"instance_url\":\"%s\",\"id\":\"%s/id/00D000000000001EAA/"
                           "005000000000001AAA\",\"token_type\":\"Bearer\","
                           "\"signature\":\"c2lnbmF0dXJl\",\"issued_at\":\"1708058728442\"}",
                           token, REFRESH, http_fixture_get_url (org->fixture),
                           http_fixture_get_url (org->fixture));
  http_fixture_reply_json (msg, 200, reply);
}

static void
api_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Org *org = user_data;
  const char *authorization = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization");
  gboolean ok;

  g_mutex_lock (&org->mutex);
  ok = authorization != NULL && org->valid != NULL
       && g_str_equal (authorization + strlen ("Bearer "), org->valid);
  g_mutex_unlock (&org->mutex);

  if (g_str_equal (path, "/services/oauth2/revoke"))
    soup_server_message_set_status (msg, 200, NULL);
  else if (!ok && g_strcmp0 (authorization, "Bearer " PASTED) != 0)
    http_fixture_reply_json (msg, 401, "[{\"errorCode\":\"INVALID_SESSION_ID\","
                                       "\"message\":\"Session expired or invalid\"}]");
  else if (g_str_equal (path, "/services/oauth2/userinfo"))
    http_fixture_reply_json (msg, 200, "{\"user_id\":\"005000000000001AAA\","
                                       "\"organization_id\":\"00D000000000001EAA\"}");
  else
    http_fixture_reply_json (msg, 200, "{\"ok\":true,\"access_token\":\"" ACCESS_1 "\"}");
}

static void
run_flows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightHttpClient) client = freight_http_client_new (NULL, &error);
  g_autoptr(FreightOAuthClient) oauth = NULL;
  g_autoptr(FreightAuth) auth = NULL;
  g_autoptr(FreightAuth) pasted = NULL;
  g_autoptr(FreightHttpRequest) request = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autofree char *url = NULL;
  Org org = { 0 };

  g_mutex_init (&org.mutex);
  org.fixture = http_fixture_new (NULL, NULL);
  http_fixture_add_handler (org.fixture, "/services/oauth2/token", token_handler, &org);
  http_fixture_add_handler (org.fixture, "/services", api_handler, &org);
  oauth = freight_oauth_client_new (client, http_fixture_get_url (org.fixture), "3MVG9-key",
                                    CLIENT_SECRET);

  /* Password sign-in: the form carries the password, token and consumer secret. */
  auth = freight_password_auth_sign_in (oauth, "admin@freight.local", PASSWORD, SECURITY,
                                        NULL, &error);
  g_assert_no_error (error);

  /* An authorized call whose answer even echoes a token. */
  url = g_strconcat (http_fixture_get_url (org.fixture), "/services/data/v66.0/limits", NULL);
  request = freight_http_request_new ("GET", url);
  freight_http_request_set_auth (request, auth);
  response = freight_http_client_send (client, request, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&response);

  /* The token is refused: renewed with the refresh token, the call sent again. */
  g_mutex_lock (&org.mutex);
  org.valid = "something-else";
  g_mutex_unlock (&org.mutex);
  response = freight_http_client_send (client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_auth_get_renew_count (auth), ==, 2);

  /* A pasted token, validated with userinfo; then signing out revokes. */
  pasted = freight_access_token_auth_sign_in (client, http_fixture_get_url (org.fixture),
                                              PASTED, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (freight_auth_revoke (auth, NULL, &error));
  g_assert_no_error (error);

  http_fixture_free (org.fixture);
  g_mutex_clear (&org.mutex);
}

static void
test_no_secret_in_debug_output (void)
{
  if (g_test_subprocess ())
    {
      g_assert_cmpstr (g_getenv ("G_MESSAGES_DEBUG"), ==, "all");
      run_flows ();
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  /* The debug output is there, and detailed… */
  g_test_trap_assert_stdout ("*POST http://127.0.0.1:*/services/oauth2/token*");
  g_test_trap_assert_stdout ("*> Authorization: Bearer [REDACTED]*");
  g_test_trap_assert_stdout ("*password=[REDACTED]*");
  g_test_trap_assert_stdout ("*client_secret=[REDACTED]*");
  g_test_trap_assert_stdout ("*\"access_token\":\"[REDACTED]\"*");
  g_test_trap_assert_stdout ("*Renewing the session*");

  /* …and holds no secret, on either stream. */
  for (guint i = 0; secrets[i] != NULL; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (secrets[i], NULL, FALSE);
      g_autofree char *pattern = g_strdup_printf ("*%s*", secrets[i]);
      g_autofree char *escaped_pattern = g_strdup_printf ("*%s*", escaped);

      g_test_trap_assert_stdout_unmatched (pattern);
      g_test_trap_assert_stderr_unmatched (pattern);
      g_test_trap_assert_stdout_unmatched (escaped_pattern);
      g_test_trap_assert_stderr_unmatched (escaped_pattern);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Before any thread exists; the child process inherits it. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/freight/http-logs/no-secret-in-debug-output",
                   test_no_secret_in_debug_output);

  return g_test_run ();
}
