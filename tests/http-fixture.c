/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "http-fixture.h"

#define CHUNK (64 * 1024)

struct _HttpFixture
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;
  char         *cert_file;
  char         *key_file;

  GMutex        mutex;
  GCond         cond;
  gboolean      ready;
  GError       *error;
  GHashTable   *connections;     /* "ip:port" set */
  GHashTable   *requests;        /* path → GArray of arrival times (gint64 µs) */
  GPtrArray    *streamed_paths;
};

typedef struct
{
  guint64    size;
  GChecksum *sha256;
} BodyStats;

static void
body_stats_free (BodyStats *stats)
{
  g_checksum_free (stats->sha256);
  g_free (stats);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              BodyStats         *stats)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (chunk, &len);

  stats->size += len;
  g_checksum_update (stats->sha256, data, len);
}

static void
got_headers_cb (SoupServerMessage *msg,
                HttpFixture       *fixture)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  gboolean streamed = FALSE;
  BodyStats *stats;

  g_mutex_lock (&fixture->mutex);
  for (guint i = 0; i < fixture->streamed_paths->len; i++)
    if (g_str_equal (g_ptr_array_index (fixture->streamed_paths, i), path))
      streamed = TRUE;
  g_mutex_unlock (&fixture->mutex);

  if (!streamed)
    return;

  stats = g_new0 (BodyStats, 1);
  stats->sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  g_object_set_data_full (G_OBJECT (msg), "body-stats", stats,
                          (GDestroyNotify) body_stats_free);
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), stats);
}

void
http_fixture_stream_request_bodies (HttpFixture *fixture,
                                    const char  *path)
{
  g_mutex_lock (&fixture->mutex);
  g_ptr_array_add (fixture->streamed_paths, g_strdup (path));
  g_mutex_unlock (&fixture->mutex);
}

gboolean
http_fixture_get_streamed_body (SoupServerMessage  *msg,
                                guint64            *size,
                                char              **sha256)
{
  BodyStats *stats = g_object_get_data (G_OBJECT (msg), "body-stats");

  if (stats == NULL)
    return FALSE;
  *size = stats->size;
  *sha256 = g_strdup (g_checksum_get_string (stats->sha256));
  return TRUE;
}

typedef struct
{
  HttpFixture        *fixture;
  char               *path;
  SoupServerCallback  callback;
  gpointer            user_data;
  gboolean            done;
} AddHandler;

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    HttpFixture       *fixture)
{
  GSocketAddress *address = soup_server_message_get_remote_address (msg);
  g_autofree char *key = NULL;

  if (G_IS_INET_SOCKET_ADDRESS (address))
    {
      GInetSocketAddress *inet = G_INET_SOCKET_ADDRESS (address);
      g_autofree char *ip = g_inet_address_to_string (g_inet_socket_address_get_address (inet));

      key = g_strdup_printf ("%s:%u", ip, g_inet_socket_address_get_port (inet));
    }
  else
    key = g_strdup_printf ("%p", (gpointer) soup_server_message_get_socket (msg));

  g_mutex_lock (&fixture->mutex);
  g_hash_table_add (fixture->connections, g_steal_pointer (&key));
  g_mutex_unlock (&fixture->mutex);

  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), fixture);
}

static void
count_request (HttpFixture *fixture,
               const char  *path)
{
  GArray *times;
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&fixture->mutex);
  times = g_hash_table_lookup (fixture->requests, path);
  if (times == NULL)
    {
      times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (fixture->requests, g_strdup (path), times);
    }
  g_array_append_val (times, now);
  g_mutex_unlock (&fixture->mutex);
}

static void
counting_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  AddHandler *entry = user_data;

  count_request (entry->fixture, path);
  entry->callback (server, msg, path, query, entry->user_data);
}

static void
free_entry (gpointer data)
{
  AddHandler *entry = data;

  g_free (entry->path);
  g_free (entry);
}

static gboolean
add_handler_in_thread (gpointer data)
{
  AddHandler *request = data;
  HttpFixture *fixture = request->fixture;
  AddHandler *entry = g_new0 (AddHandler, 1);

  entry->fixture = fixture;
  entry->path = g_strdup (request->path);
  entry->callback = request->callback;
  entry->user_data = request->user_data;
  soup_server_add_handler (fixture->server, request->path, counting_handler, entry,
                           free_entry);

  g_mutex_lock (&fixture->mutex);
  request->done = TRUE;
  g_cond_broadcast (&fixture->cond);
  g_mutex_unlock (&fixture->mutex);
  return G_SOURCE_REMOVE;
}

static gpointer
server_thread (gpointer data)
{
  HttpFixture *fixture = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  GSList *uris;
  SoupServerListenOptions options = SOUP_SERVER_LISTEN_IPV4_ONLY;

  g_main_context_push_thread_default (fixture->context);

  if (fixture->cert_file != NULL)
    {
      certificate = g_tls_certificate_new_from_files (fixture->cert_file, fixture->key_file,
                                                      &error);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }

  if (error == NULL)
    {
      fixture->server = soup_server_new ("tls-certificate", certificate, NULL);
      g_signal_connect (fixture->server, "request-started", G_CALLBACK (request_started_cb),
                        fixture);
      soup_server_listen_local (fixture->server, 0, options, &error);
    }

  if (error == NULL)
    {
      uris = soup_server_get_uris (fixture->server);
      fixture->url = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
      /* "http://127.0.0.1:1234/" → without the slash */
      if (g_str_has_suffix (fixture->url, "/"))
        fixture->url[strlen (fixture->url) - 1] = '\0';
    }

  g_mutex_lock (&fixture->mutex);
  fixture->ready = TRUE;
  fixture->error = g_steal_pointer (&error);
  g_cond_broadcast (&fixture->cond);
  g_mutex_unlock (&fixture->mutex);

  if (fixture->error == NULL)
    g_main_loop_run (fixture->loop);

  /* libsoup 3.2 never frees a connection the client closed while it was idle (fixed in
   * 3.3, GNOME/libsoup d20c6601); tests/valgrind.supp names that leak. */
  while (g_main_context_iteration (fixture->context, FALSE))
    ;
  if (fixture->server != NULL)
    {
      soup_server_disconnect (fixture->server);
      while (g_main_context_iteration (fixture->context, FALSE))
        ;
      g_clear_object (&fixture->server);
    }
  while (g_main_context_iteration (fixture->context, FALSE))
    ;

  g_main_context_pop_thread_default (fixture->context);
  return NULL;
}

HttpFixture *
http_fixture_new (const char *cert_file,
                  const char *key_file)
{
  HttpFixture *fixture = g_new0 (HttpFixture, 1);

  g_mutex_init (&fixture->mutex);
  g_cond_init (&fixture->cond);
  fixture->cert_file = g_strdup (cert_file);
  fixture->key_file = g_strdup (key_file);
  fixture->connections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_array_unref);
  fixture->streamed_paths = g_ptr_array_new_with_free_func (g_free);
  fixture->context = g_main_context_new ();
  fixture->loop = g_main_loop_new (fixture->context, FALSE);
  fixture->thread = g_thread_new ("http-fixture", server_thread, fixture);

  g_mutex_lock (&fixture->mutex);
  while (!fixture->ready)
    g_cond_wait (&fixture->cond, &fixture->mutex);
  g_mutex_unlock (&fixture->mutex);

  g_assert_no_error (fixture->error);
  return fixture;
}

static gboolean
quit_in_thread (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
http_fixture_free (HttpFixture *fixture)
{
  g_main_context_invoke (fixture->context, quit_in_thread, fixture->loop);
  g_thread_join (fixture->thread);

  g_main_loop_unref (fixture->loop);
  g_main_context_unref (fixture->context);
  g_hash_table_unref (fixture->connections);
  g_hash_table_unref (fixture->requests);
  g_ptr_array_unref (fixture->streamed_paths);
  g_clear_error (&fixture->error);
  g_free (fixture->url);
  g_free (fixture->cert_file);
  g_free (fixture->key_file);
  g_mutex_clear (&fixture->mutex);
  g_cond_clear (&fixture->cond);
  g_free (fixture);
}

const char *
http_fixture_get_url (HttpFixture *fixture)
{
  return fixture->url;
}

void
http_fixture_add_handler (HttpFixture        *fixture,
                          const char         *path,
                          SoupServerCallback  callback,
                          gpointer            user_data)
{
  AddHandler request = { fixture, (char *) path, callback, user_data, FALSE };

  g_main_context_invoke (fixture->context, add_handler_in_thread, &request);

  g_mutex_lock (&fixture->mutex);
  while (!request.done)
    g_cond_wait (&fixture->cond, &fixture->mutex);
  g_mutex_unlock (&fixture->mutex);
}

guint
http_fixture_count_connections (HttpFixture *fixture)
{
  guint count;

  g_mutex_lock (&fixture->mutex);
  count = g_hash_table_size (fixture->connections);
  g_mutex_unlock (&fixture->mutex);

  return count;
}

guint
http_fixture_count_requests (HttpFixture *fixture,
                             const char  *path)
{
  GArray *times;
  guint count;

  g_mutex_lock (&fixture->mutex);
  times = g_hash_table_lookup (fixture->requests, path);
  count = times != NULL ? times->len : 0;
  g_mutex_unlock (&fixture->mutex);

  return count;
}

GArray *
http_fixture_dup_arrival_times (HttpFixture *fixture,
                                const char  *path)
{
  GArray *times;
  GArray *copy = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_mutex_lock (&fixture->mutex);
  times = g_hash_table_lookup (fixture->requests, path);
  if (times != NULL)
    g_array_append_vals (copy, times->data, times->len);
  g_mutex_unlock (&fixture->mutex);

  return copy;
}

void
http_fixture_reset_counts (HttpFixture *fixture)
{
  g_mutex_lock (&fixture->mutex);
  g_hash_table_remove_all (fixture->connections);
  g_hash_table_remove_all (fixture->requests);
  g_mutex_unlock (&fixture->mutex);
}

void
http_fixture_reply_json (SoupServerMessage *msg,
                         guint              status,
                         const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json;charset=UTF-8", SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

/* Raw socket server */

struct _HttpRawServer
{
  GSocketService *service;
  GThread        *thread;
  GMainContext   *context;
  GMainLoop      *loop;
  char           *url;
  HttpRawHandler  handler;
  gpointer        user_data;
  GMutex          mutex;
  GCond           cond;
  gboolean        ready;
  guint           count;
};

static gboolean
raw_run_cb (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source_object,
            HttpRawServer          *server)
{
  guint index;

  g_mutex_lock (&server->mutex);
  index = server->count++;
  g_mutex_unlock (&server->mutex);

  server->handler (connection, index, server->user_data);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static gpointer
raw_thread (gpointer data)
{
  HttpRawServer *server = data;
  g_autoptr(GError) error = NULL;
  guint16 port;

  g_main_context_push_thread_default (server->context);

  server->service = g_threaded_socket_service_new (8);
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (server->service), NULL,
                                              &error);
  g_assert_no_error (error);
  g_signal_connect (server->service, "run", G_CALLBACK (raw_run_cb), server);
  g_socket_service_start (server->service);
  server->url = g_strdup_printf ("http://127.0.0.1:%u", port);

  g_mutex_lock (&server->mutex);
  server->ready = TRUE;
  g_cond_broadcast (&server->cond);
  g_mutex_unlock (&server->mutex);

  g_main_loop_run (server->loop);

  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  while (g_main_context_iteration (server->context, FALSE))
    ;
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

HttpRawServer *
http_raw_server_new (HttpRawHandler handler,
                     gpointer       user_data)
{
  HttpRawServer *server = g_new0 (HttpRawServer, 1);

  g_mutex_init (&server->mutex);
  g_cond_init (&server->cond);
  server->handler = handler;
  server->user_data = user_data;
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  server->thread = g_thread_new ("http-raw", raw_thread, server);

  g_mutex_lock (&server->mutex);
  while (!server->ready)
    g_cond_wait (&server->cond, &server->mutex);
  g_mutex_unlock (&server->mutex);

  return server;
}

void
http_raw_server_free (HttpRawServer *server)
{
  g_main_context_invoke (server->context, quit_in_thread, server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_free (server->url);
  g_mutex_clear (&server->mutex);
  g_cond_clear (&server->cond);
  g_free (server);
}

const char *
http_raw_server_get_url (HttpRawServer *server)
{
  return server->url;
}

guint
http_raw_server_count (HttpRawServer *server)
{
  guint count;

  g_mutex_lock (&server->mutex);
  count = server->count;
  g_mutex_unlock (&server->mutex);

  return count;
}

gboolean
http_raw_read_request_head (GSocketConnection *connection,
                            GString           *head)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));

  while (strstr (head->str, "\r\n\r\n") == NULL)
    {
      char c;
      gssize n = g_input_stream_read (in, &c, 1, NULL, NULL);

      if (n <= 0)
        return FALSE;
      g_string_append_c (head, c);
    }

  return TRUE;
}

/* Close with SO_LINGER 0: the peer sees a reset, not an orderly end. */
void
http_raw_reset (GSocketConnection *connection)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  struct linger linger = { 1, 0 };

  setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
  g_socket_close (socket, NULL);
}

glong
http_fixture_peak_rss_kib (void)
{
  struct rusage usage;
  const char *preload = g_getenv ("LD_PRELOAD");

#if defined(__SANITIZE_ADDRESS__)
  return -1;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return -1;
#endif
#endif

  if (preload != NULL && strstr (preload, "vgpreload") != NULL)
    return -1;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_maxrss;
}

char *
http_fixture_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("freight-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
http_fixture_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          http_fixture_remove_tree (child);
        }
      if (dir != NULL)
        g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static gboolean
contains_bytes (const char *haystack,
                gsize       len,
                const char *needle)
{
  gsize needle_len = strlen (needle);

  for (gsize i = 0; needle_len > 0 && i + needle_len <= len; i++)
    if (haystack[i] == needle[0] && memcmp (haystack + i, needle, needle_len) == 0)
      return TRUE;
  return FALSE;
}

static void
scan_tree (const char          *path,
           const char * const  *secrets,
           guint               *files)
{
  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          scan_tree (child, secrets, files);
        }
      if (dir != NULL)
        g_dir_close (dir);
      return;
    }

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, NULL))
        return;
      (*files)++;
      for (guint i = 0; secrets[i] != NULL; i++)
        if (contains_bytes (contents, len, secrets[i]))
          g_error ("A secret (%.6s…) was written to %s", secrets[i], path);
    }
}

/* Fails the test if a file under @path holds one of @secrets; returns the files read. */
guint
http_fixture_assert_no_secret_in_tree (const char         *path,
                                       const char * const *secrets)
{
  guint files = 0;

  scan_tree (path, secrets, &files);
  return files;
}

guint
http_fixture_assert_no_secret_in_files (const char * const *secrets)
{
  const char *listed = g_getenv ("FREIGHT_TEST_SCAN_DIRS");
  g_auto(GStrv) dirs = NULL;
  guint files = 0;

  if (listed != NULL)
    dirs = g_strsplit (listed, ":", -1);
  else
    {
      const char *defaults[] = {
        g_get_user_config_dir (), g_get_user_data_dir (), g_get_user_cache_dir (), NULL
      };

      dirs = g_strdupv ((char **) defaults);
    }

  for (guint i = 0; dirs[i] != NULL; i++)
    scan_tree (dirs[i], secrets, &files);

  g_test_message ("scanned %u files for secrets", files);
  return files;
}

/* Test data and streaming handlers */

static guint
fixture_query_uint (GHashTable *query,
            const char *name,
            guint       fallback)
{
  const char *value = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  return value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

char *
http_pattern_block (guint64 offset,
               gsize   len)
{
  char *block = g_malloc (len);

  for (gsize i = 0; i < len; i++)
    block[i] = (char) (((offset + i) * 131 + ((offset + i) >> 12)) & 0xff);
  return block;
}

char *
http_pattern_sha256 (guint64 size)
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint64 offset = 0; offset < size; offset += CHUNK)
    {
      gsize len = MIN (CHUNK, size - offset);
      g_autofree char *block = http_pattern_block (offset, len);

      g_checksum_update (sha, (const guchar *) block, len);
    }
  return g_strdup (g_checksum_get_string (sha));
}

char *
http_file_sha256 (const char *path,
             guint64    *size)
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *buffer = g_malloc (CHUNK);
  FILE *file = g_fopen (path, "rb");
  gsize n;

  g_assert_nonnull (file);
  *size = 0;
  while ((n = fread (buffer, 1, CHUNK, file)) > 0)
    {
      g_checksum_update (sha, (const guchar *) buffer, n);
      *size += n;
    }
  fclose (file);
  return g_strdup (g_checksum_get_string (sha));
}

void
http_write_pattern_file (const char *path,
                    guint64     size)
{
  FILE *file = g_fopen (path, "wb");

  g_assert_nonnull (file);
  for (guint64 offset = 0; offset < size; offset += CHUNK)
    {
      gsize len = MIN (CHUNK, size - offset);
      g_autofree char *block = http_pattern_block (offset, len);

      g_assert_cmpuint (fwrite (block, 1, len, file), ==, len);
    }
  g_assert_cmpint (fclose (file), ==, 0);
}

typedef struct
{
  guint64 size;
  guint64 sent;
  gboolean stall;
} DownloadState;

static void
append_next_chunk (SoupServerMessage *msg,
                   DownloadState     *state)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize len;

  if (state->sent >= state->size)
    {
      soup_message_body_complete (body);
      return;
    }

  len = MIN (CHUNK, state->size - state->sent);
  soup_message_body_append_take (body, (guchar *) http_pattern_block (state->sent, len), len);
  state->sent += len;
}

static void
wrote_chunk_cb (SoupServerMessage *msg,
                DownloadState     *state)
{
  if (state->stall && state->sent >= 4 * CHUNK)
    {
      /* Keep the connection open, send nothing more. */
      soup_server_message_pause (msg);
      return;
    }
  append_next_chunk (msg, state);
}

/* /download?size=N[&stall=1]: N bytes of the test pattern, produced as they are sent. */
void
http_download_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  DownloadState *state = g_new0 (DownloadState, 1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  state->size = fixture_query_uint (query, "size", 1024);
  state->stall = fixture_query_uint (query, "stall", 0) != 0;
  g_object_set_data_full (G_OBJECT (msg), "download-state", state, g_free);

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (headers, "text/csv", NULL);
  soup_message_headers_set_content_length (headers, state->size);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), state);
  append_next_chunk (msg, state);
}

void
http_upload_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  g_autofree char *sha = NULL;
  g_autofree char *json = NULL;
  guint64 size = 0;

  g_assert_true (http_fixture_get_streamed_body (msg, &size, &sha));
  json = g_strdup_printf ("{\"size\":%" G_GUINT64_FORMAT ",\"sha256\":\"%s\","
                          "\"content_type\":\"%s\"}",
                          size, sha,
                          soup_message_headers_get_content_type (
                            soup_server_message_get_request_headers (msg), NULL));
  http_fixture_reply_json (msg, 201, json);
}
