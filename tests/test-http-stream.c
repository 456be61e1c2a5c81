/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "freight.h"
#include "http-fixture.h"

/* Bodies streamed from and to files with constant memory, and cancellation of a
 * transfer (download, upload) and of a backoff wait. */

typedef struct
{
  HttpFixture       *fixture;
  FreightHttpClient *client;
  char              *tmpdir;
} Fixture;

static void
retry_later_handler (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Retry-After", "60");
  soup_server_message_set_status (msg, 503, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->fixture = http_fixture_new (NULL, NULL);
  http_fixture_add_handler (f->fixture, "/download", http_download_handler, NULL);
  http_fixture_add_handler (f->fixture, "/upload", http_upload_handler, NULL);
  http_fixture_add_handler (f->fixture, "/busy", retry_later_handler, NULL);
  http_fixture_stream_request_bodies (f->fixture, "/upload");

  f->client = freight_http_client_new (NULL, &error);
  g_assert_no_error (error);
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

static guint64
large_size (void)
{
  const char *mb = g_getenv ("FREIGHT_TEST_LARGE_MB");

  if (mb != NULL)
    return g_ascii_strtoull (mb, NULL, 10) * 1024 * 1024;
  return (http_fixture_peak_rss_kib () < 0 ? 32 : 192) * (guint64) 1024 * 1024;
}

typedef struct
{
  guint64 max_uploaded;
  guint64 max_downloaded;
  guint64 upload_total;
} Progress;

static void
record_progress (guint64  uploaded,
                 guint64  upload_total,
                 guint64  downloaded,
                 guint64  download_total,
                 gpointer user_data)
{
  Progress *progress = user_data;

  progress->max_uploaded = MAX (progress->max_uploaded, uploaded);
  progress->max_downloaded = MAX (progress->max_downloaded, downloaded);
  progress->upload_total = MAX (progress->upload_total, upload_total);
}

static void
test_stream_upload (Fixture       *f,
                    gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (f->tmpdir, "part-1.csv", NULL);
      g_autofree char *url = url_for (f, "/upload");
      g_autoptr(FreightHttpRequest) request = freight_http_request_new ("PUT", url);
      g_autoptr(FreightHttpResponse) response = NULL;
      g_autoptr(JsonObject) reply = NULL;
      g_autofree char *expected = NULL;
      guint64 size = large_size ();
      Progress progress = { 0 };
      glong before;
      glong after;

      http_write_pattern_file (path, size);
      expected = http_pattern_sha256 (size);
      before = http_fixture_peak_rss_kib ();

      freight_http_request_set_body_file (request, path, "text/csv");
      freight_http_request_set_progress_func (request, record_progress, &progress, NULL);
      response = freight_http_client_send (f->client, request, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (freight_http_response_get_status (response), ==, 201);

      after = http_fixture_peak_rss_kib ();
      reply = freight_http_response_get_json_object (response, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (json_object_get_int_member (reply, "size"), ==, size);
      g_assert_cmpstr (json_object_get_string_member (reply, "sha256"), ==, expected);
      g_assert_cmpstr (json_object_get_string_member (reply, "content_type"), ==, "text/csv");
      g_assert_cmpuint (progress.max_uploaded, ==, size);
      g_assert_cmpuint (progress.upload_total, ==, size);

      /* Client and server share this process: neither may hold the body. */
      if (before >= 0)
        {
          g_test_message ("peak RSS %ld KiB before, %ld KiB after %" G_GUINT64_FORMAT
                          " MiB upload", before, after, size >> 20);
          g_assert_cmpint (after - before, <, 48 * 1024);
        }
      return;
    }

  g_test_trap_subprocess (NULL, 300 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_stream_download (Fixture       *f,
                      gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (f->tmpdir, "successfulResults.csv", NULL);
      g_autofree char *part = g_strconcat (path, ".part", NULL);
      guint64 size = large_size ();
      g_autofree char *url = g_strdup_printf ("%s/download?size=%" G_GUINT64_FORMAT,
                                              http_fixture_get_url (f->fixture), size);
      g_autoptr(FreightHttpRequest) request = freight_http_request_new ("GET", url);
      g_autoptr(FreightHttpResponse) response = NULL;
      g_autofree char *expected = http_pattern_sha256 (size);
      g_autofree char *actual = NULL;
      guint64 actual_size = 0;
      Progress progress = { 0 };
      glong before = http_fixture_peak_rss_kib ();
      glong after;

      freight_http_request_set_response_file (request, path);
      freight_http_request_set_progress_func (request, record_progress, &progress, NULL);
      response = freight_http_client_send (f->client, request, NULL, &error);
      g_assert_no_error (error);
      after = http_fixture_peak_rss_kib ();

      g_assert_null (freight_http_response_get_body (response));
      g_assert_cmpstr (freight_http_response_get_body_file (response), ==, path);
      g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
      actual = http_file_sha256 (path, &actual_size);
      g_assert_cmpuint (actual_size, ==, size);
      g_assert_cmpstr (actual, ==, expected);
      g_assert_cmpuint (progress.max_downloaded, ==, size);

      if (before >= 0)
        {
          g_test_message ("peak RSS %ld KiB before, %ld KiB after %" G_GUINT64_FORMAT
                          " MiB download", before, after, size >> 20);
          g_assert_cmpint (after - before, <, 48 * 1024);
        }
      return;
    }

  g_test_trap_subprocess (NULL, 300 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

typedef struct
{
  Fixture             *f;
  FreightHttpRequest  *request;
  GCancellable        *cancellable;
  GMutex               mutex;
  GCond                cond;
  gboolean             started;
  GError              *error;
  gint64               returned_at;
} CancelRun;

static void
cancel_progress (guint64  uploaded,
                 guint64  upload_total,
                 guint64  downloaded,
                 guint64  download_total,
                 gpointer user_data)
{
  CancelRun *run = user_data;

  if (uploaded > 0 || downloaded > 0)
    {
      g_mutex_lock (&run->mutex);
      run->started = TRUE;
      g_cond_broadcast (&run->cond);
      g_mutex_unlock (&run->mutex);
    }
}

static gpointer
cancel_thread (gpointer data)
{
  CancelRun *run = data;
  g_autoptr(FreightHttpResponse) response = NULL;

  response = freight_http_client_send (run->f->client, run->request, run->cancellable,
                                       &run->error);
  run->returned_at = g_get_monotonic_time ();
  g_assert_null (response);

  g_mutex_lock (&run->mutex);
  run->started = TRUE;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->mutex);
  return NULL;
}

/* Starts the request on a thread, waits for the first bytes (or, with wait_for_path, for
 * the server to see the request), cancels, and returns how long the request took to
 * give up. */
static double
run_and_cancel (Fixture            *f,
                FreightHttpRequest *request,
                const char         *wait_for_path,
                GError            **error)
{
  CancelRun run = { 0 };
  GThread *thread;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gint64 cancelled_at;

  run.f = f;
  run.request = request;
  run.cancellable = g_cancellable_new ();
  g_mutex_init (&run.mutex);
  g_cond_init (&run.cond);
  if (wait_for_path == NULL)
    freight_http_request_set_progress_func (request, cancel_progress, &run, NULL);

  thread = g_thread_new ("send", cancel_thread, &run);

  if (wait_for_path != NULL)
    {
      while (http_fixture_count_requests (f->fixture, wait_for_path) == 0
             && g_get_monotonic_time () < deadline)
        g_usleep (10000);
    }
  else
    {
      g_mutex_lock (&run.mutex);
      while (!run.started)
        if (!g_cond_wait_until (&run.cond, &run.mutex, deadline))
          break;
      g_mutex_unlock (&run.mutex);
    }

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (run.cancellable);
  g_thread_join (thread);

  freight_http_request_set_progress_func (request, NULL, NULL, NULL);
  g_propagate_error (error, run.error);
  g_object_unref (run.cancellable);
  g_mutex_clear (&run.mutex);
  g_cond_clear (&run.cond);
  return (run.returned_at - cancelled_at) / 1e6;
}

static void
test_cancel_download (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->tmpdir, "results.csv", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autofree char *url = url_for (f, "/download?size=104857600&stall=1");
  g_autoptr(FreightHttpRequest) request = freight_http_request_new ("GET", url);
  double took;

  freight_http_request_set_response_file (request, path);
  took = run_and_cancel (f, request, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_message ("download stopped %.3f s after cancel", took);
  /* Prompt, yet with room for a loaded machine (typically a few milliseconds). */
  g_assert_cmpfloat (took, <, 3.0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

static gint stalled_server_stop;

static void
stalled_upload_handler (GSocketConnection *connection,
                        guint              index,
                        gpointer           user_data)
{
  g_autoptr(GString) head = g_string_new (NULL);
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  const char *go_on = "HTTP/1.1 100 Continue\r\n\r\n";

  if (!http_raw_read_request_head (connection, head))
    return;
  g_output_stream_write_all (out, go_on, strlen (go_on), NULL, NULL, NULL);

  /* Read nothing more: the client's buffers fill and its upload stalls. */
  while (!g_atomic_int_get (&stalled_server_stop))
    g_usleep (10000);
}

static void
test_cancel_upload (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(HttpRawServer) raw = http_raw_server_new (stalled_upload_handler, NULL);
  g_autofree char *url = g_strconcat (http_raw_server_get_url (raw), "/batches", NULL);
  g_autofree char *path = g_build_filename (f->tmpdir, "part.csv", NULL);
  g_autoptr(FreightHttpRequest) request = freight_http_request_new ("PUT", url);
  g_autoptr(GError) error = NULL;
  double took;

  http_write_pattern_file (path, 64 * 1024 * 1024);
  freight_http_request_set_body_file (request, path, "text/csv");
  g_atomic_int_set (&stalled_server_stop, 0);

  took = run_and_cancel (f, request, NULL, &error);
  g_atomic_int_set (&stalled_server_stop, 1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_message ("upload stopped %.3f s after cancel", took);
  g_assert_cmpfloat (took, <, 3.0);
}

static void
test_cancel_backoff (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = url_for (f, "/busy");
  g_autoptr(FreightHttpRequest) request = freight_http_request_new ("GET", url);
  double took;

  took = run_and_cancel (f, request, "/busy", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (took, <, 3.0);
  g_assert_cmpuint (http_fixture_count_requests (f->fixture, "/busy"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/freight/http-stream/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("upload", test_stream_upload);
  ADD ("download", test_stream_download);
  ADD ("cancel/download", test_cancel_download);
  ADD ("cancel/upload", test_cancel_upload);
  ADD ("cancel/backoff", test_cancel_backoff);

#undef ADD

  return g_test_run ();
}
