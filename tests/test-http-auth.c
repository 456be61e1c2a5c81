/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"
#include "http-fixture.h"

/* Sign-in and token renewal against a fake token endpoint: the single-flight renewal
 * shared by concurrent requests, the "sign in again" state, password, refresh-token and
 * pasted-token sign-ins, OAuth errors, revoke. The real local org runs the same flows in
 * test-local-org-session.c. */

#define ORG_ID  "00D000000000001EAA"
#define USER_ID "005000000000001AAA"
#define N_CONCURRENT 8

typedef struct
{
  HttpFixture       *fixture;
  FreightHttpClient *client;
  FreightOAuthClient *oauth;

  GMutex             mutex;
  char              *current_token;
  guint              issued;
  guint              refresh_grants;
  guint              password_grants;
  guint              unauthorized;
  guint              barrier;            /* hold refresh answers until this many 401s */
  SoupServerMessage *held;
  gboolean           refuse_refresh;
  char              *revoked;
} Fixture;

static const char invalid_session[] =
  "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]";

/* Server side ---------------------------------------------------------------------- */

static char *
issue_token (Fixture    *f,
             const char *refresh_token)
{
  g_autofree char *token = NULL;

  g_mutex_lock (&f->mutex);
  f->issued++;
  token = g_strdup_printf ("00D000000000001!AQ.at-%u", f->issued);
  g_free (f->current_token);
  f->current_token = g_strdup (token);
  g_mutex_unlock (&f->mutex);

  return g_strdup_printf ("{\"access_token\":\"%s\",\"instance_url\":\"%s\","
                          "\"id\":\"%s/id/" ORG_ID "/" USER_ID "\",\"token_type\":\"Bearer\","
                          "\"issued_at\":\"1708058728442\",\"scope\":\"api web\"%s%s%s}",
                          token, http_fixture_get_url (f->fixture),
                          http_fixture_get_url (f->fixture),
                          refresh_token != NULL ? ",\"refresh_token\":\"" : "",
                          refresh_token != NULL ? refresh_token : "",
                          refresh_token != NULL ? "\"" : "");
}

static gboolean
bearer_is_current (Fixture           *f,
                   SoupServerMessage *msg)
{
  const char *authorization = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization");
  gboolean ok;

  g_mutex_lock (&f->mutex);
  ok = authorization != NULL && f->current_token != NULL
       && g_str_has_prefix (authorization, "Bearer ")
       && g_str_equal (authorization + 7, f->current_token);
  g_mutex_unlock (&f->mutex);

  return ok;
}

static void
release_held (Fixture *f)
{
  SoupServerMessage *held;
  g_autofree char *reply = NULL;

  g_mutex_lock (&f->mutex);
  held = g_steal_pointer (&f->held);
  g_mutex_unlock (&f->mutex);

  if (held == NULL)
    return;

  reply = issue_token (f, NULL);
  http_fixture_reply_json (held, 200, reply);
  soup_server_message_unpause (held);
  g_object_unref (held);
}

static void
api_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Fixture *f = user_data;
  gboolean release = FALSE;

  if (g_str_equal (path, "/api") && bearer_is_current (f, msg))
    {
      http_fixture_reply_json (msg, 200, "{\"ok\":true}");
      return;
    }

  if (g_str_equal (path, "/api-forbidden"))
    {
      http_fixture_reply_json (msg, 401, "[{\"errorCode\":\"API_DISABLED_FOR_ORG\","
                                         "\"message\":\"API is not enabled\"}]");
      return;
    }

  g_mutex_lock (&f->mutex);
  f->unauthorized++;
  release = f->held != NULL && f->unauthorized >= f->barrier;
  g_mutex_unlock (&f->mutex);

  http_fixture_reply_json (msg, 401, invalid_session);
  if (release)
    release_held (f);
}

static gboolean
release_after_timeout (gpointer data)
{
  /* Safety net: never hang the test if the barrier is not reached. */
  release_held (data);
  return G_SOURCE_REMOVE;
}

static void
token_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GHashTable) form = soup_form_decode (body->data != NULL ? body->data : "");
  const char *grant = g_hash_table_lookup (form, "grant_type");
  g_autofree char *reply = NULL;

  if (g_strcmp0 (grant, "refresh_token") == 0)
    {
      gboolean hold;

      g_mutex_lock (&f->mutex);
      f->refresh_grants++;
      hold = f->unauthorized < f->barrier;
      g_mutex_unlock (&f->mutex);

      if (f->refuse_refresh || g_strcmp0 (g_hash_table_lookup (form, "refresh_token"),
                                          "5Aep-refresh") != 0)
        {
          http_fixture_reply_json (msg, 400, "{\"error\":\"invalid_grant\","
                                             "\"error_description\":\"expired access/refresh "
                                             "token\"}");
          return;
        }

      if (hold)
        {
          g_mutex_lock (&f->mutex);
          f->held = g_object_ref (msg);
          g_mutex_unlock (&f->mutex);
          {
            GSource *timeout = g_timeout_source_new_seconds (30);

            soup_server_message_pause (msg);
            g_source_set_callback (timeout, release_after_timeout, f, NULL);
            g_source_attach (timeout, g_main_context_get_thread_default ());
            g_source_unref (timeout);
          }
          return;
        }

      reply = issue_token (f, NULL);
      http_fixture_reply_json (msg, 200, reply);
      return;
    }

  if (g_strcmp0 (grant, "password") == 0)
    {
      g_mutex_lock (&f->mutex);
      f->password_grants++;
      g_mutex_unlock (&f->mutex);

      if (g_strcmp0 (g_hash_table_lookup (form, "username"), "admin@freight.local") != 0
          || g_strcmp0 (g_hash_table_lookup (form, "password"), "freightTOKEN42") != 0)
        {
          http_fixture_reply_json (msg, 400, "{\"error\":\"invalid_grant\","
                                             "\"error_description\":\"authentication "
                                             "failure\"}");
          return;
        }
      g_assert_cmpstr (g_hash_table_lookup (form, "client_id"), ==, "3MVG9-key");
      g_assert_cmpstr (g_hash_table_lookup (form, "client_secret"), ==, "consumer-secret");
      reply = issue_token (f, NULL);
      http_fixture_reply_json (msg, 200, reply);
      return;
    }

  http_fixture_reply_json (msg, 400, "{\"error\":\"unsupported_grant_type\","
                                     "\"error_description\":\"grant type not supported\"}");
}

static void
userinfo_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  Fixture *f = user_data;

  if (!bearer_is_current (f, msg))
    {
      soup_server_message_set_status (msg, 403, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC,
                                        "Bad_OAuth_Token", 15);
      return;
    }

  http_fixture_reply_json (msg, 200, "{\"user_id\":\"" USER_ID "\",\"organization_id\":\""
                                     ORG_ID "\",\"preferred_username\":\"admin@freight.local\","
                                     "\"name\":\"Ada Admin\"}");
}

static void
revoke_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GHashTable) form = soup_form_decode (body->data != NULL ? body->data : "");

  g_mutex_lock (&f->mutex);
  g_free (f->revoked);
  f->revoked = g_strdup (g_hash_table_lookup (form, "token"));
  g_mutex_unlock (&f->mutex);

  soup_server_message_set_status (msg, 200, NULL);
}

/* Set-up --------------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_mutex_init (&f->mutex);
  f->fixture = http_fixture_new (NULL, NULL);
  http_fixture_add_handler (f->fixture, "/api", api_handler, f);
  http_fixture_add_handler (f->fixture, "/api-always-401", api_handler, f);
  http_fixture_add_handler (f->fixture, "/api-forbidden", api_handler, f);
  http_fixture_add_handler (f->fixture, "/services/oauth2/token", token_handler, f);
  http_fixture_add_handler (f->fixture, "/services/oauth2/userinfo", userinfo_handler, f);
  http_fixture_add_handler (f->fixture, "/services/oauth2/revoke", revoke_handler, f);

  f->client = freight_http_client_new (NULL, &error);
  g_assert_no_error (error);
  f->oauth = freight_oauth_client_new (f->client, http_fixture_get_url (f->fixture),
                                       "3MVG9-key", "consumer-secret");
  f->current_token = g_strdup ("00D000000000001!AQ.at-0");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->oauth);
  g_clear_object (&f->client);
  g_clear_pointer (&f->fixture, http_fixture_free);
  g_free (f->current_token);
  g_free (f->revoked);
  g_mutex_clear (&f->mutex);
}

static FreightAuth *
make_refresh_auth (Fixture    *f,
                   const char *access_token)
{
  g_autoptr(FreightOAuthToken) token = NULL;

  if (access_token != NULL)
    token = freight_oauth_token_new (access_token, http_fixture_get_url (f->fixture),
                                     "5Aep-refresh");
  return freight_refresh_token_auth_new (f->oauth, FREIGHT_AUTH_METHOD_REFRESH_TOKEN,
                                         "5Aep-refresh", token);
}

static FreightHttpResponse *
send_authorized (Fixture      *f,
                 FreightAuth  *auth,
                 const char   *path,
                 GError      **error)
{
  g_autofree char *url = g_strconcat (http_fixture_get_url (f->fixture), path, NULL);
  g_autoptr(FreightHttpRequest) request = freight_http_request_new ("POST", url);

  /* Not retry-safe: the renewal retry must happen anyway, since a 401 did nothing. */
  freight_http_request_set_auth (request, auth);
  return freight_http_client_send (f->client, request, NULL, error);
}

/* Tests ---------------------------------------------------------------------------- */

typedef struct
{
  Fixture     *f;
  FreightAuth *auth;
  GError      *error;
  guint        status;
} Worker;

static gpointer
worker_thread (gpointer data)
{
  Worker *worker = data;
  g_autoptr(FreightHttpResponse) response = NULL;

  response = send_authorized (worker->f, worker->auth, "/api", &worker->error);
  if (response != NULL)
    worker->status = freight_http_response_get_status (response);
  return NULL;
}

static void
test_single_flight (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = NULL;
  Worker workers[N_CONCURRENT] = { 0 };
  GThread *threads[N_CONCURRENT];

  /* Every request goes out with the expired token; the token endpoint answers only once
   * all of them were refused, so they all need the renewal at the same time. */
  auth = make_refresh_auth (f, "00D000000000001!AQ.expired");
  f->barrier = N_CONCURRENT;

  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      workers[i].f = f;
      workers[i].auth = auth;
      threads[i] = g_thread_new ("worker", worker_thread, &workers[i]);
    }
  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      g_thread_join (threads[i]);
      g_assert_no_error (workers[i].error);
      g_assert_cmpuint (workers[i].status, ==, 200);
    }

  g_assert_cmpuint (f->refresh_grants, ==, 1);
  g_assert_cmpuint (freight_auth_get_renew_count (auth), ==, 1);
  g_assert_cmpuint (f->unauthorized, ==, N_CONCURRENT);
  g_assert_cmpuint (http_fixture_count_requests (f->fixture, "/api"), ==, 2 * N_CONCURRENT);
  g_assert_false (freight_auth_get_needs_sign_in (auth));
}

static void
test_second_401 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = make_refresh_auth (f, "00D000000000001!AQ.expired");
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = send_authorized (f, auth, "/api-always-401", &error);
  g_assert_null (response);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SESSION_EXPIRED);
  g_assert_nonnull (strstr (error->message, "Sign in again"));
  g_assert_cmpuint (f->refresh_grants, ==, 1);
  g_assert_cmpuint (http_fixture_count_requests (f->fixture, "/api-always-401"), ==, 2);
  g_assert_true (freight_auth_get_needs_sign_in (auth));
  g_clear_error (&error);

  /* From now on the session stays ended: no more renewals behind the user's back. */
  response = send_authorized (f, auth, "/api-always-401", &error);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SESSION_EXPIRED);
  g_assert_cmpuint (f->refresh_grants, ==, 1);
  g_assert_cmpuint (freight_auth_get_renew_count (auth), ==, 1);
}

static gpointer
refused_thread (gpointer data)
{
  Worker *worker = data;
  g_autoptr(FreightHttpResponse) response = NULL;

  response = send_authorized (worker->f, worker->auth, "/api", &worker->error);
  g_assert_null (response);
  return NULL;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  GThread **owner = user_data;

  /* Notifications arrive in the main context, never on the worker. */
  *owner = g_thread_self ();
}

static void
test_refresh_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = make_refresh_auth (f, "00D000000000001!AQ.expired");
  GThread *notified_on = NULL;
  Worker worker = { f, auth, NULL, 0 };
  GThread *thread;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  f->refuse_refresh = TRUE;
  g_signal_connect (auth, "notify::needs-sign-in", G_CALLBACK (notify_cb), &notified_on);

  thread = g_thread_new ("worker", refused_thread, &worker);
  g_thread_join (thread);
  while (notified_on == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  g_assert_error (worker.error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SESSION_EXPIRED);
  g_assert_cmpstr (freight_error_get_remote_code (worker.error), ==, "invalid_grant");
  g_assert_nonnull (strstr (worker.error->message, "Sign in again"));
  g_assert_true (freight_auth_get_needs_sign_in (auth));
  g_assert_true (notified_on == g_thread_self ());
  g_error_free (worker.error);
}

static void
test_401_without_invalid_session (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = make_refresh_auth (f, "00D000000000001!AQ.at-0");
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = send_authorized (f, auth, "/api-forbidden", &error);
  g_assert_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "API_DISABLED_FOR_ORG");
  g_assert_cmpuint (f->refresh_grants, ==, 0);
}

static void
test_lazy_refresh_token (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = make_refresh_auth (f, NULL);
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightOAuthToken) token = NULL;

  /* A saved org known by its refresh token alone gets an access token on first use. */
  g_assert_null (freight_auth_dup_token (auth));
  response = send_authorized (f, auth, "/api", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->refresh_grants, ==, 1);
  token = freight_auth_dup_token (auth);
  g_assert_cmpstr (freight_oauth_token_get_org_id (token), ==, ORG_ID);
  g_assert_cmpstr (freight_oauth_token_get_refresh_token (token), ==, "5Aep-refresh");
  g_assert_cmpuint (http_fixture_count_requests (f->fixture, "/api"), ==, 1);
}

static void
test_password_sign_in (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = NULL;
  g_autoptr(FreightAuth) wrong = NULL;
  g_autoptr(FreightOAuthToken) token = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  auth = freight_password_auth_sign_in (f->oauth, "admin@freight.local", "freight",
                                        "TOKEN42", NULL, &error);
  g_assert_no_error (error);
  token = freight_auth_dup_token (auth);
  g_assert_cmpstr (freight_oauth_token_get_org_id (token), ==, ORG_ID);
  g_assert_cmpstr (freight_oauth_token_get_user_id (token), ==, USER_ID);
  g_assert_cmpstr (freight_oauth_token_get_instance_url (token), ==,
                   http_fixture_get_url (f->fixture));
  g_assert_cmpint (freight_auth_get_method (auth), ==, FREIGHT_AUTH_METHOD_PASSWORD);

  /* The token expires (another sign-in replaced it): the password renews it. */
  g_clear_object (&token);
  g_free (f->current_token);
  f->current_token = g_strdup ("someone-else");
  response = send_authorized (f, auth, "/api", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->password_grants, ==, 2);

  wrong = freight_password_auth_sign_in (f->oauth, "admin@freight.local", "wrong", NULL,
                                         NULL, &error);
  g_assert_null (wrong);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_GRANT);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "invalid_grant");
  g_assert_nonnull (strstr (error->message, "security token"));
  g_assert_nonnull (strstr (error->message, "admin@freight.local"));
}

static void
sign_in_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  FreightAuth **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = freight_password_auth_sign_in_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_password_sign_in_async (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = NULL;

  freight_password_auth_sign_in_async (f->oauth, "admin@freight.local", "freightTOKEN42",
                                       NULL, NULL, sign_in_done, &auth);
  while (auth == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (freight_auth_get_needs_sign_in (auth));
}

static void
test_unsupported_grant (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(FreightOAuthToken) token = NULL;
  g_autoptr(GError) error = NULL;
  const char *fields[] = { "assertion", "eyJ", NULL };

  token = freight_oauth_client_request_token (f->oauth, "urn:example:unknown", fields, FALSE,
                                              NULL, &error);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_UNSUPPORTED_GRANT);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "unsupported_grant_type");
}

static void
test_pasted_token (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = NULL;
  g_autoptr(FreightAuth) bad = NULL;
  g_autoptr(FreightOAuthToken) token = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pasted = g_strdup_printf ("  %s\n", f->current_token);

  auth = freight_access_token_auth_sign_in (f->client, http_fixture_get_url (f->fixture),
                                            pasted, NULL, &error);
  g_assert_no_error (error);
  token = freight_auth_dup_token (auth);
  g_assert_cmpstr (freight_oauth_token_get_org_id (token), ==, ORG_ID);
  g_assert_cmpstr (freight_oauth_token_get_user_id (token), ==, USER_ID);

  response = send_authorized (f, auth, "/api", &error);
  g_assert_no_error (error);
  g_clear_object (&response);

  /* A pasted token cannot be renewed: the user has to act. */
  g_free (f->current_token);
  f->current_token = g_strdup ("rotated");
  response = send_authorized (f, auth, "/api", &error);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SESSION_EXPIRED);
  g_assert_nonnull (strstr (error->message, "Paste a new access token"));
  g_assert_true (freight_auth_get_needs_sign_in (auth));
  g_assert_cmpuint (f->refresh_grants + f->password_grants, ==, 0);
  g_clear_error (&error);

  bad = freight_access_token_auth_sign_in (f->client, http_fixture_get_url (f->fixture),
                                           "not-a-token", NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_TOKEN);
  g_assert_nonnull (strstr (error->message, "fresh token"));
}

static void
test_revoke (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(FreightAuth) auth = make_refresh_auth (f, "00D000000000001!AQ.at-0");
  g_autoptr(GError) error = NULL;

  g_assert_true (freight_auth_revoke (auth, NULL, &error));
  g_assert_no_error (error);
  /* The refresh token is what must die: it would mint new access tokens. */
  g_assert_cmpstr (f->revoked, ==, "5Aep-refresh");
  g_assert_null (freight_auth_dup_token (auth));
  g_assert_true (freight_auth_get_needs_sign_in (auth));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/freight/http-auth/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("renew/single-flight", test_single_flight);
  ADD ("renew/second-401", test_second_401);
  ADD ("renew/refused", test_refresh_refused);
  ADD ("renew/other-401", test_401_without_invalid_session);
  ADD ("renew/lazy-refresh-token", test_lazy_refresh_token);
  ADD ("password", test_password_sign_in);
  ADD ("password-async", test_password_sign_in_async);
  ADD ("unsupported-grant", test_unsupported_grant);
  ADD ("pasted-token", test_pasted_token);
  ADD ("revoke", test_revoke);

#undef ADD

  return g_test_run ();
}
