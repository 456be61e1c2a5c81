/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight.h"
#include "http-fixture.h"

/* TLS is always verified: a loopback HTTPS server with a self-signed certificate is
 * refused with a message that says what to do, and accepted once its certificate is
 * trusted through the client's CA file option. */

typedef struct
{
  char        *tmpdir;
  char        *cert;
  char        *key;
  HttpFixture *fixture;
} Fixture;

static void
hello_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  http_fixture_reply_json (msg, 200, "[{\"version\":\"66.0\"}]");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *standard_error = NULL;
  int status = 0;

  f->tmpdir = http_fixture_make_tmpdir ();
  f->cert = g_build_filename (f->tmpdir, "local-org.crt", NULL);
  f->key = g_build_filename (f->tmpdir, "local-org.key", NULL);

  {
    const char *argv[] = {
      "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
      "-nodes", "-days", "3650", "-subj", "/CN=freight-local-org",
      "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-keyout", f->key, "-out", f->cert, NULL
    };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                  NULL, NULL, NULL, &standard_error, &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("openssl failed: %s", standard_error);
  }

  f->fixture = http_fixture_new (f->cert, f->key);
  g_assert_true (g_str_has_prefix (http_fixture_get_url (f->fixture), "https://"));
  http_fixture_add_handler (f->fixture, "/services/data", hello_handler, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->fixture, http_fixture_free);
  http_fixture_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->cert);
  g_free (f->key);
}

static FreightHttpResponse *
get_versions (Fixture            *f,
              FreightHttpClient  *client,
              GError            **error)
{
  g_autofree char *url = g_strconcat (http_fixture_get_url (f->fixture), "/services/data",
                                      NULL);
  g_autoptr(FreightHttpRequest) request = freight_http_request_new ("GET", url);

  return freight_http_client_send (client, request, NULL, error);
}

static void
test_self_signed_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(FreightHttpClient) client = freight_http_client_new (NULL, NULL);
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = get_versions (f, client, &error);
  g_assert_null (response);
  g_assert_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_TLS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (error->message, "certificate"));
  g_assert_nonnull (strstr (error->message, "CA certificate file"));
  /* A certificate problem is not retried: nothing would change. */
  g_assert_cmpuint (http_fixture_count_requests (f->fixture, "/services/data"), ==, 0);
}

static void
test_trusted_ca_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(FreightHttpClient) client = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(FreightHttpResponse) again = NULL;
  g_autoptr(GError) error = NULL;

  client = freight_http_client_new (f->cert, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (freight_http_client_get_ca_file (client), ==, f->cert);

  response = get_versions (f, client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_http_response_get_status (response), ==, 200);

  /* The TLS connection is reused like any other. */
  again = get_versions (f, client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_http_client_get_connection_count (client), ==, 1);
}

static void
test_bad_ca_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightHttpClient) missing = NULL;
  g_autoptr(FreightHttpClient) not_pem = NULL;
  g_autofree char *missing_path = g_build_filename (f->tmpdir, "nope.crt", NULL);

  missing = freight_http_client_new (missing_path, &error);
  g_assert_null (missing);
  g_assert_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_CA_FILE);
  g_assert_nonnull (strstr (error->message, "nope.crt"));
  g_clear_error (&error);

  /* A private key is not a certificate. */
  not_pem = freight_http_client_new (f->key, &error);
  g_assert_null (not_pem);
  g_assert_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_CA_FILE);
  g_assert_nonnull (strstr (error->message, "PEM"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/freight/http-tls/self-signed-refused", Fixture, NULL, fixture_set_up,
              test_self_signed_refused, fixture_tear_down);
  g_test_add ("/freight/http-tls/trusted-ca-file", Fixture, NULL, fixture_set_up,
              test_trusted_ca_file, fixture_tear_down);
  g_test_add ("/freight/http-tls/bad-ca-file", Fixture, NULL, fixture_set_up,
              test_bad_ca_file, fixture_tear_down);

  return g_test_run ();
}
