/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "freight.h"
#include "http-fixture.h"

/* The HTTP layer's mechanics against a real server on loopback: headers, connection
 * reuse, retries, backoff, Retry-After, compression, error bodies. Streamed bodies and
 * cancellation are in test-http-stream.c, token renewal in test-http-auth.c. */

typedef struct
{
  HttpFixture       *fixture;
  FreightHttpClient *client;
  char              *tmpdir;
} Fixture;

/* Server side ---------------------------------------------------------------------- */

static guint
query_uint (GHashTable *query,
            const char *name,
            guint       fallback)
{
  const char *value = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  return value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

static void
echo_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  const char *names[] = { "User-Agent", "Sforce-Call-Options", "Accept-Encoding",
                          "Content-Type", "X-Test" };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, soup_server_message_get_method (msg));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = soup_message_headers_get_one (headers, names[i]);

      json_builder_set_member_name (builder, names[i]);
      if (value != NULL)
        json_builder_add_string_value (builder, value);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body->data != NULL ? body->data : "");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  http_fixture_reply_json (msg, 200, json);
}

/* /fail?status=S&times=N[&retry_after=X][&retry_after_date=S]: N failures, then 200. */
static void
fail_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  HttpFixture *fixture = user_data;
  guint hits = http_fixture_count_requests (fixture, path);
  guint times = query_uint (query, "times", G_MAXUINT);
  guint status = query_uint (query, "status", 503);
  const char *retry_after = query != NULL ? g_hash_table_lookup (query, "retry_after") : NULL;
  guint retry_after_date = query_uint (query, "retry_after_date", 0);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (hits > times)
    {
      http_fixture_reply_json (msg, 200, "{\"ok\":true}");
      return;
    }

  if (retry_after != NULL)
    soup_message_headers_replace (headers, "Retry-After", retry_after);
  if (retry_after_date > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) when = g_date_time_add_seconds (now, retry_after_date);
      g_autofree char *date = soup_date_time_to_string (when, SOUP_DATE_HTTP);

      soup_message_headers_replace (headers, "Retry-After", date);
    }

  if (status == 404)
    http_fixture_reply_json (msg, 404, "[{\"errorCode\":\"NOT_FOUND\","
                                       "\"message\":\"The requested resource does not "
                                       "exist\"}]");
  else if (status == 400)
    http_fixture_reply_json (msg, 400, "{\"error\":\"invalid_grant\","
                                       "\"error_description\":\"authentication failure\"}");
  else
    soup_server_message_set_status (msg, status, NULL);
}

static const char gzip_text[] =
  "\"Id\",\"Name\"\n\"001000000000001AAA\",\"Acme\"\n\"001000000000002AAA\",\"Globex\"\n";

static void
gzip_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  const char *accept = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Accept-Encoding");
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP,
                                                                 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (accept == NULL || strstr (accept, "gzip") == NULL)
    {
      soup_server_message_set_status (msg, 406, NULL);
      return;
    }

  for (guint i = 0; i < 2000; i++)
    g_string_append (text, gzip_text);

  out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_assert_true (g_output_stream_write_all (out, text->str, text->len, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  compressed = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Encoding", "gzip");
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/csv", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (compressed, NULL),
                                    g_bytes_get_size (compressed));
}

/* Set-up --------------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->fixture = http_fixture_new (NULL, NULL);
  http_fixture_add_handler (f->fixture, "/echo", echo_handler, f->fixture);
  http_fixture_add_handler (f->fixture, "/fail", fail_handler, f->fixture);
  http_fixture_add_handler (f->fixture, "/gzip", gzip_handler, f->fixture);

  f->client = freight_http_client_new (NULL, &error);
  g_assert_no_error (error);
  /* Quick retries; tests that measure delays set their own. */
  g_object_set (f->client, "retry-base-delay", 10, "retry-max-delay", 100, NULL);

  f->tmpdir = http_fixture_make_tmpdir ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_pointer (&f->fixture, http_fixture_free);
  http_fixture_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

static char *
url_for (Fixture    *f,
         const char *path)
{
  return g_strconcat (http_fixture_get_url (f->fixture), path, NULL);
}

static FreightHttpResponse *
send_simple (Fixture     *f,
             const char  *method,
             const char  *path,
             GError     **error)
{
  g_autofree char *url = url_for (f, path);
  g_autoptr(FreightHttpRequest) request = freight_http_request_new (method, url);

  return freight_http_client_send (f->client, request, NULL, error);
}

/* Tests ---------------------------------------------------------------------------- */

static void
test_headers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = url_for (f, "/echo");
  g_autoptr(FreightHttpRequest) request = freight_http_request_new ("patch", url);
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"state\":\"UploadComplete\"}", NULL);
  g_autofree char *user_agent = g_strdup_printf ("Freight/%s", freight_get_version ());

  freight_http_request_set_header (request, "X-Test", "one");
  freight_http_request_set_header (request, "x-test", "two");
  g_assert_cmpstr (freight_http_request_get_header (request, "X-TEST"), ==, "two");
  freight_http_request_set_body_json (request, body);

  response = freight_http_client_send (f->client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_http_response_get_status (response), ==, 200);
  g_assert_cmpuint (freight_http_response_get_attempts (response), ==, 1);

  reply = freight_http_response_get_json_object (response, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (reply, "method"), ==, "PATCH");
  g_assert_cmpstr (json_object_get_string_member (reply, "User-Agent"), ==, user_agent);
  g_assert_cmpstr (json_object_get_string_member (reply, "Sforce-Call-Options"), ==,
                   "client=Freight");
  g_assert_nonnull (strstr (json_object_get_string_member (reply, "Accept-Encoding"),
                            "gzip"));
  g_assert_cmpstr (json_object_get_string_member (reply, "X-Test"), ==, "two");
  g_assert_cmpstr (json_object_get_string_member (reply, "Content-Type"), ==,
                   "application/json; charset=UTF-8");
  g_assert_cmpstr (json_object_get_string_member (reply, "body"), ==,
                   "{\"state\":\"UploadComplete\"}");
  g_assert_nonnull (strstr (freight_http_response_get_header (response, "CONTENT-TYPE"),
                            "application/json"));
}

static void
test_reuse (Fixture       *f,
            gconstpointer  data)
{
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FreightHttpResponse) response = send_simple (f, "GET", "/echo", &error);

      g_assert_no_error (error);
      g_assert_nonnull (response);
    }

  g_assert_cmpuint (http_fixture_count_requests (f->fixture, "/echo"), ==, 5);
  g_assert_cmpuint (http_fixture_count_connections (f->fixture), ==, 1);
  g_assert_cmpuint (freight_http_client_get_connection_count (f->client), ==, 1);
}

static void
test_retry_5xx (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightHttpResponse) r500 = NULL;
  g_autoptr(FreightHttpResponse) r503 = NULL;

  r500 = send_simple (f, "GET", "/fail?status=500&times=2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_http_response_get_attempts (r500), ==, 3);
  g_assert_cmpuint (http_fixture_count_requests (f->fixture, "/fail"), ==, 3);

  http_fixture_reset_counts (f->fixture);
  r503 = send_simple (f, "GET", "/fail?status=503&times=1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_http_response_get_attempts (r503), ==, 2);
}

static void
test_retry_exhausted (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;

  g_object_set (f->client, "max-retries", 2, NULL);
  response = send_simple (f, "GET", "/fail?status=503", &error);
  g_assert_null (response);
  g_assert_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_SERVER);
  g_assert_cmpuint (freight_error_get_http_status (error), ==, 503);
  g_assert_nonnull (strstr (error->message, "503"));
  g_assert_nonnull (strstr (error->message, "try again"));
  g_assert_cmpuint (http_fixture_count_requests (f->fixture, "/fail"), ==, 3);
}

static void
test_not_retry_safe (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autofree char *url = url_for (f, "/fail?status=503&times=1");
  g_autoptr(FreightHttpRequest) request = freight_http_request_new ("POST", url);
  g_autoptr(FreightHttpRequest) marked = freight_http_request_new ("POST", url);

  freight_http_request_add_form_field (request, "a", "b");
  response = freight_http_client_send (f->client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_SERVER);
  g_assert_cmpuint (http_fixture_count_requests (f->fixture, "/fail"), ==, 1);
  g_clear_error (&error);

  /* The same POST marked retry-safe (an idempotent upsert, say) is retried. */
  http_fixture_reset_counts (f->fixture);
  freight_http_request_set_retry_safe (marked, TRUE);
  response = freight_http_client_send (f->client, marked, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_http_response_get_attempts (response), ==, 2);
}

static void
test_retry_after_seconds (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  response = send_simple (f, "GET", "/fail?status=429&times=1&retry_after=2", &error);
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  g_assert_cmpuint (freight_http_response_get_attempts (response), ==, 2);
  /* The backoff alone would wait 10 ms; Retry-After asks for 2 s. */
  g_assert_cmpfloat (elapsed, >=, 2.0);
  g_assert_cmpfloat (elapsed, <, 30.0);
}

static void
test_retry_after_date (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  /* An HTTP-date three seconds ahead: whole seconds, so at least two of them remain. */
  response = send_simple (f, "GET", "/fail?status=503&times=1&retry_after_date=3", &error);
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  g_assert_cmpuint (freight_http_response_get_attempts (response), ==, 2);
  g_assert_cmpfloat (elapsed, >=, 1.0);
  g_assert_cmpfloat (elapsed, <, 30.0);
}

static void
test_retry_after_capped (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  g_object_set (f->client, "max-retry-after", 1, NULL);
  response = send_simple (f, "GET", "/fail?status=429&times=1&retry_after=3600", &error);
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  g_assert_cmpfloat (elapsed, >=, 1.0);
  g_assert_cmpfloat (elapsed, <, 30.0);
}

static void
test_backoff_growth (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(GArray) times = NULL;

  g_object_set (f->client, "retry-base-delay", 100, "retry-max-delay", 10000, NULL);
  response = send_simple (f, "GET", "/fail?status=502&times=3", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_http_response_get_attempts (response), ==, 4);

  times = http_fixture_dup_arrival_times (f->fixture, "/fail");
  g_assert_cmpuint (times->len, ==, 4);
  /* Ceilings 100, 200, 400 ms; each wait is at least half its ceiling. */
  for (guint i = 1; i < times->len; i++)
    {
      gint64 gap = g_array_index (times, gint64, i) - g_array_index (times, gint64, i - 1);

      g_assert_cmpint (gap, >=, (gint64) (50 << (i - 1)) * 1000);
    }
}

static void
reset_mid_body_handler (GSocketConnection *connection,
                        guint              index,
                        gpointer           user_data)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) head = g_string_new (NULL);
  g_autofree char *body = http_pattern_block (0, 100000);
  const char *reply = "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\n"
                      "Content-Length: 100000\r\nConnection: close\r\n\r\n";

  if (!http_raw_read_request_head (connection, head))
    return;

  g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
  if (index == 0)
    {
      g_output_stream_write_all (out, body, 5000, NULL, NULL, NULL);
      g_output_stream_flush (out, NULL, NULL);
      http_raw_reset (connection);
      return;
    }
  g_output_stream_write_all (out, body, 100000, NULL, NULL, NULL);
}

static void
test_retry_reset_mid_body (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(HttpRawServer) raw = http_raw_server_new (reset_mid_body_handler, NULL);
  g_autofree char *url = g_strconcat (http_raw_server_get_url (raw), "/results", NULL);
  g_autoptr(FreightHttpRequest) request = freight_http_request_new ("GET", url);
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = http_pattern_block (0, 100000);
  GBytes *body;

  response = freight_http_client_send (f->client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_http_response_get_attempts (response), ==, 2);
  g_assert_cmpuint (http_raw_server_count (raw), ==, 2);
  body = freight_http_response_get_body (response);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), expected, 100000);
}

static void
reset_after_request_handler (GSocketConnection *connection,
                             guint              index,
                             gpointer           user_data)
{
  g_autoptr(GString) head = g_string_new (NULL);

  if (http_raw_read_request_head (connection, head))
    http_raw_reset (connection);
}

static void
test_post_not_retried_after_reset (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(HttpRawServer) raw = http_raw_server_new (reset_after_request_handler, NULL);
  g_autofree char *url = g_strconcat (http_raw_server_get_url (raw), "/jobs", NULL);
  g_autoptr(FreightHttpRequest) request = freight_http_request_new ("POST", url);
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);

  freight_http_request_set_body_bytes (request, body, "application/json");
  response = freight_http_client_send (f->client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_CONNECTION_LOST);
  /* The server may have acted on it: an insert must never go twice. */
  g_assert_cmpuint (http_raw_server_count (raw), ==, 1);
}

/* Connection 0 answers one request and keeps the connection, then reads the next
 * request and drops the connection without a word, as a server whose keep-alive timer ran
 * out at that very moment. Later connections answer every request. */
static void
dies_on_reuse_handler (GSocketConnection *connection,
                       guint              index,
                       gpointer           user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  for (guint served = 0;; served++)
    {
      g_autoptr(GString) head = g_string_new (NULL);
      g_autofree char *reply = NULL;
      const char *length;
      gsize body_len = 0;

      if (!http_raw_read_request_head (connection, head))
        return;
      length = strstr (head->str, "Content-Length: ");
      if (length != NULL)
        body_len = g_ascii_strtoull (length + 16, NULL, 10);
      if (body_len > 0)
        {
          g_autofree char *body = g_malloc (body_len);
          gsize read_len = 0;

          if (!g_input_stream_read_all (in, body, body_len, &read_len, NULL, NULL))
            return;
        }

      if (index == 0 && served == 1)
        {
          http_raw_reset (connection);
          return;
        }

      reply = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                               "Content-Length: 2\r\n\r\n{}");
      if (!g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL))
        return;
    }
}

static void
test_reused_connection_dies (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(HttpRawServer) raw = http_raw_server_new (dies_on_reuse_handler, NULL);
  g_autofree char *url = g_strconcat (http_raw_server_get_url (raw), "/jobs/ingest/750x",
                                      NULL);
  g_autoptr(FreightHttpRequest) first = freight_http_request_new ("GET", url);
  g_autoptr(FreightHttpRequest) patch = freight_http_request_new ("PATCH", url);
  g_autoptr(FreightHttpRequest) put = freight_http_request_new ("PUT", url);
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"state\":\"UploadComplete\"}", 26);
  g_autoptr(GError) error = NULL;

  /* A PATCH may have reached the server: it is never sent again behind the caller's
   * back, the caller hears the connection broke and checks. */
  response = freight_http_client_send (f->client, first, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&response);
  freight_http_request_set_body_bytes (patch, body, "application/json");
  response = freight_http_client_send (f->client, patch, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_CONNECTION_LOST);
  g_clear_error (&error);

  /* A retry-safe request with a body goes again on a fresh connection. */
  response = freight_http_client_send (f->client, first, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&response);
  freight_http_request_set_body_bytes (put, body, "application/json");
  freight_http_request_set_retry_safe (put, TRUE);
  response = freight_http_client_send (f->client, put, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_http_response_get_status (response), ==, 200);
}

static void
test_connect_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightHttpRequest) request = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was free a moment ago and has no listener now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  url = g_strdup_printf ("http://127.0.0.1:%u/services/data", port);
  request = freight_http_request_new ("POST", url);
  response = freight_http_client_send (f->client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

static void
test_gzip (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightHttpResponse) response = send_simple (f, "GET", "/gzip", &error);
  GBytes *body;
  gsize len = 0;
  const char *text;

  g_assert_no_error (error);
  g_assert_cmpstr (freight_http_response_get_header (response, "content-encoding"), ==,
                   "gzip");
  body = freight_http_response_get_body (response);
  text = g_bytes_get_data (body, &len);
  g_assert_cmpuint (len, ==, 2000 * strlen (gzip_text));
  g_assert_true (g_str_has_prefix (text, gzip_text));
  g_assert_cmpmem (text + len - strlen (gzip_text), strlen (gzip_text),
                   gzip_text, strlen (gzip_text));
}

static void
test_error_answer_not_in_file (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->tmpdir, "failedResults.csv", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autofree char *url = url_for (f, "/fail?status=404");
  g_autoptr(FreightHttpRequest) request = freight_http_request_new ("GET", url);
  g_autoptr(FreightHttpResponse) response = NULL;

  freight_http_request_set_response_file (request, path);
  response = freight_http_client_send (f->client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_NOT_FOUND);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "NOT_FOUND");
  g_assert_cmpuint (freight_error_get_http_status (error), ==, 404);
  g_assert_nonnull (strstr (error->message, "The requested resource does not exist"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

static void
test_oauth_error_answer (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightHttpResponse) response = send_simple (f, "POST", "/fail?status=400",
                                                         &error);

  g_assert_null (response);
  g_assert_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_INVALID_GRANT);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "invalid_grant");
  g_assert_cmpuint (freight_error_get_http_status (error), ==, 400);
  g_assert_nonnull (strstr (error->message, "authentication failure"));
}

static void
test_insecure_url (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightHttpRequest) request =
    freight_http_request_new ("GET", "http://example.com/services/data");
  g_autoptr(FreightHttpRequest) bad = freight_http_request_new ("GET", "ftp://example.com/");
  g_autoptr(FreightHttpResponse) response = NULL;

  response = freight_http_client_send (f->client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "https://"));
  g_clear_error (&error);

  response = freight_http_client_send (f->client, bad, NULL, &error);
  g_assert_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_INVALID_URL);
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  FreightHttpResponse **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = freight_http_client_send_finish (FREIGHT_HTTP_CLIENT (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *url = url_for (f, "/echo");
  g_autoptr(FreightHttpRequest) request = freight_http_request_new ("GET", url);
  g_autoptr(FreightHttpResponse) response = NULL;

  freight_http_client_send_async (f->client, request, NULL, async_done, &response);
  while (response == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (freight_http_response_get_status (response), ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/freight/http-client/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("headers", test_headers);
  ADD ("reuse", test_reuse);
  ADD ("retry/5xx", test_retry_5xx);
  ADD ("retry/exhausted", test_retry_exhausted);
  ADD ("retry/not-retry-safe", test_not_retry_safe);
  ADD ("retry/retry-after-seconds", test_retry_after_seconds);
  ADD ("retry/retry-after-date", test_retry_after_date);
  ADD ("retry/retry-after-capped", test_retry_after_capped);
  ADD ("retry/backoff-growth", test_backoff_growth);
  ADD ("retry/reset-mid-body", test_retry_reset_mid_body);
  ADD ("retry/post-not-retried-after-reset", test_post_not_retried_after_reset);
  ADD ("retry/connect-refused", test_connect_refused);
  ADD ("retry/reused-connection-dies", test_reused_connection_dies);
  ADD ("gzip", test_gzip);
  ADD ("errors/not-in-file", test_error_answer_not_in_file);
  ADD ("errors/oauth", test_oauth_error_answer);
  ADD ("errors/insecure-url", test_insecure_url);
  ADD ("async", test_async);

#undef ADD

  return g_test_run ();
}
