/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-server"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>

#include "lo-server-private.h"

#define SEND_BLOCK (64 * 1024)

G_DEFINE_TYPE (LoServer, lo_server, G_TYPE_OBJECT)

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  return g_rmdir (path) == 0;
}

static void
lo_server_finalize (GObject *object)
{
  LoServer *self = LO_SERVER (object);

  lo_server_stop (self);
  g_clear_object (&self->jobs);
  g_clear_object (&self->auth);
  g_clear_object (&self->store);
  g_clear_pointer (&self->schema, lo_schema_unref);
  g_clear_pointer (&self->cursors, g_hash_table_unref);
  if (self->temp_data_dir && self->data_dir != NULL)
    remove_tree (self->data_dir);
  g_free (self->data_dir);
  g_free (self->base_url);

  G_OBJECT_CLASS (lo_server_parent_class)->finalize (object);
}

static void
lo_server_class_init (LoServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lo_server_finalize;
}

static void
lo_server_init (LoServer *self)
{
}

/**
 * lo_server_new:
 *
 * Loads the schema and opens the data directory (a temporary one, removed when the
 * server is finalized, unless config->data_dir names one).
 */
LoServer *
lo_server_new (LoConfig  *config,
               GError   **error)
{
  g_autoptr(LoServer) self = g_object_new (LO_TYPE_SERVER, NULL);
  g_autofree char *db_path = NULL;
  g_autofree char *jobs_dir = NULL;

  g_return_val_if_fail (config != NULL, NULL);

  self->config = config;
  self->schema = lo_schema_load (config->schema_path, error);
  if (self->schema == NULL)
    return NULL;
  if (config->data_dir != NULL)
    {
      if (g_mkdir_with_parents (config->data_dir, 0700) != 0)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                       "Cannot create the data directory %s: %s", config->data_dir,
                       g_strerror (errno));
          return NULL;
        }
      self->data_dir = g_strdup (config->data_dir);
    }
  else
    {
      self->data_dir = g_dir_make_tmp ("freight-local-org-XXXXXX", error);
      if (self->data_dir == NULL)
        return NULL;
      self->temp_data_dir = TRUE;
    }
  db_path = g_build_filename (self->data_dir, "org.sqlite", NULL);
  jobs_dir = g_build_filename (self->data_dir, "jobs", NULL);
  self->store = lo_store_open (db_path, self->schema, error);
  if (self->store == NULL)
    return NULL;
  self->auth = lo_auth_new (config, self->schema, self->store, error);
  if (self->auth == NULL)
    return NULL;
  self->jobs = lo_jobs_new (config, &self->counters, self->schema, self->store, db_path,
                            jobs_dir, error);
  if (self->jobs == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

const char *
lo_server_get_base_url (LoServer *self)
{
  g_return_val_if_fail (LO_IS_SERVER (self), NULL);

  return self->base_url;
}

/* Ends the HTTP side and lets running jobs finish their current batch. */
void
lo_server_stop (LoServer *self)
{
  g_return_if_fail (LO_IS_SERVER (self));

  if (self->soup != NULL)
    {
      soup_server_disconnect (self->soup);
      g_clear_object (&self->soup);
      /* Let libsoup finish closing the client connections it has queued. */
      for (int i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
        ;
    }
  if (self->jobs != NULL)
    lo_jobs_shutdown (self->jobs);
}

/* Replies ------------------------------------------------------------------------- */

void
_lo_server_reply_json_string (LoRequest  *req,
                              guint       status,
                              const char *json)
{
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, "application/json;charset=UTF-8",
                                    SOUP_MEMORY_COPY, json, strlen (json));
}

void
_lo_server_reply_json (LoRequest *req,
                       guint      status,
                       JsonNode  *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  _lo_server_reply_json_string (req, status, text);
}

/* The error envelope of §4.1: a JSON array of {errorCode, message}. */
void
_lo_server_reply_error (LoRequest  *req,
                        guint       status,
                        const char *error_code,
                        const char *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "errorCode");
  json_builder_add_string_value (b, error_code);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  _lo_server_reply_json (req, status, root);
}

void
_lo_server_reply_oauth_error (LoRequest  *req,
                              guint       status,
                              const char *error,
                              const char *description)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, error);
  json_builder_set_member_name (b, "error_description");
  json_builder_add_string_value (b, description);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  _lo_server_reply_json (req, status, root);
}

/* Streaming a file slice: one block at a time, the next when the last is written, so a
 * large result never sits in memory. */
typedef struct
{
  FILE    *file;
  goffset  remaining;
  goffset  sent;
  goffset  drop_after;   /* -1: never */
} FileSend;

static void
file_send_free (gpointer data)
{
  FileSend *send = data;

  if (send->file != NULL)
    fclose (send->file);
  g_free (send);
}

static void
send_next_block (SoupServerMessage *msg,
                 gpointer           user_data)
{
  FileSend *send = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize want = (gsize) MIN (send->remaining, SEND_BLOCK);
  char *buf;
  gsize n;

  if (send->drop_after >= 0 && send->sent >= send->drop_after)
    {
      /* --faults drop-download: the connection dies in the middle of the body. */
      GSocket *socket = soup_server_message_get_socket (msg);

      send->drop_after = -1;
      if (socket != NULL)
        g_socket_shutdown (socket, TRUE, TRUE, NULL);
      send->remaining = 0;
      return;
    }
  if (send->remaining <= 0)
    {
      soup_message_body_complete (body);
      return;
    }
  buf = g_malloc (want);
  n = fread (buf, 1, want, send->file);
  if (n == 0)
    {
      g_free (buf);
      soup_message_body_complete (body);
      send->remaining = 0;
      return;
    }
  send->remaining -= n;
  send->sent += n;
  soup_message_body_append (body, SOUP_MEMORY_TAKE, buf, n);
  soup_server_message_unpause (msg);
}

/**
 * _lo_server_reply_file:
 * @prefix: (nullable): bytes sent before the slice (a CSV header row)
 * @length: bytes of @path from @offset, or -1 for the rest of the file
 *
 * Answers 200 with @prefix and a slice of @path, streamed from disk.
 */
void
_lo_server_reply_file (LoRequest  *req,
                       const char *content_type,
                       const char *prefix,
                       const char *path,
                       goffset     offset,
                       goffset     length)
{
  SoupServerMessage *msg = req->msg;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  FileSend *send = g_new0 (FileSend, 1);
  gsize prefix_len = prefix ? strlen (prefix) : 0;
  GStatBuf st;

  send->drop_after = -1;
  send->file = path ? fopen (path, "rb") : NULL;
  if (send->file != NULL && g_stat (path, &st) == 0)
    {
      if (length < 0 || offset + length > st.st_size)
        length = MAX (0, st.st_size - offset);
      if (fseeko (send->file, offset, SEEK_SET) != 0)
        length = 0;
    }
  else
    length = 0;
  send->remaining = length;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, content_type, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CONTENT_LENGTH);
  soup_message_headers_set_content_length (headers, prefix_len + length);
  soup_message_body_set_accumulate (body, FALSE);
  if (lo_faults_drop_download (req->server->config->faults))
    send->drop_after = MAX (1, (prefix_len + length) / 2);
  if (prefix_len > 0)
    soup_message_body_append (body, SOUP_MEMORY_COPY, prefix, prefix_len);
  g_object_set_data_full (G_OBJECT (msg), "lo-file-send", send, file_send_free);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (send_next_block), send);
  if (prefix_len == 0)
    send_next_block (msg, send);
  else if (send->remaining == 0 && send->drop_after < 0)
    soup_message_body_complete (body);
}

/* Requests ------------------------------------------------------------------------ */

const char *
_lo_server_query_param (LoRequest  *req,
                        const char *name)
{
  return req->query ? g_hash_table_lookup (req->query, name) : NULL;
}

JsonNode *
_lo_server_parse_json_body (LoRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len == 0 || !json_parser_load_from_data (parser, data, len, &error))
    {
      /* The real service's text for a body it cannot read (§3.2). */
      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "API_ERROR",
                              "Value does not match expected type at [line:1, column:1]");
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

GHashTable *
_lo_server_parse_form_body (LoRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return soup_form_decode (text);
}

static const char *
bearer_token (LoRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");

  if (value == NULL)
    return NULL;
  if (g_ascii_strncasecmp (value, "Bearer ", 7) == 0)
    return value + 7;
  if (g_ascii_strncasecmp (value, "OAuth ", 6) == 0)
    return value + 6;
  return NULL;
}

/* Checks the access token; on failure answers 401 INVALID_SESSION_ID (§4.3). Every
 * authenticated call counts toward DailyApiRequests. */
gboolean
_lo_server_authenticate (LoRequest *req)
{
  const char *token = bearer_token (req);

  if (token != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (token));

      req->session = lo_auth_check_access (req->server->auth, trimmed);
    }
  if (req->session == NULL)
    {
      _lo_server_reply_error (req, SOUP_STATUS_UNAUTHORIZED, "INVALID_SESSION_ID",
                              "Session expired or invalid");
      return FALSE;
    }
  g_atomic_int_inc (&req->server->counters.api_requests);
  return TRUE;
}

LoRequest *
_lo_server_request_ref (LoRequest *req)
{
  req->ref_count++;
  return req;
}

/* Drops a reference; the last one frees the request. */
void
_lo_server_request_free (LoRequest *req)
{
  if (--req->ref_count > 0)
    return;
  g_strfreev (req->segments);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_free (req->version);
  g_clear_pointer (&req->session, lo_session_free);
  g_object_unref (req->msg);
  g_object_unref (req->server);
  g_free (req);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoRequest, _lo_server_request_free)

static gboolean
is_jobs_path (LoRequest *req)
{
  return req->n_segments >= 5 && g_str_equal (req->segments[0], "services")
         && g_str_equal (req->segments[1], "data") && g_str_equal (req->segments[3], "jobs");
}

static LoEndpoint
classify (LoRequest *req)
{
  if (req->n_segments >= 2 && g_str_equal (req->segments[1], "oauth2"))
    return LO_ENDPOINT_OAUTH;
  if (!is_jobs_path (req))
    return LO_ENDPOINT_REST;
  if (req->n_segments == 5)
    return g_str_equal (req->method, "POST") ? LO_ENDPOINT_CREATE : LO_ENDPOINT_LIST;
  if (req->n_segments == 6)
    {
      if (g_str_equal (req->method, "PATCH"))
        return LO_ENDPOINT_CLOSE;
      if (g_str_equal (req->method, "DELETE"))
        return LO_ENDPOINT_DELETE;
      return LO_ENDPOINT_STATUS;
    }
  if (g_str_equal (req->segments[6], "batches"))
    return LO_ENDPOINT_UPLOAD;
  return LO_ENDPOINT_RESULTS;
}

static void
reply_versions (LoRequest *req)
{
  static const char *seasons[] = { "Summer", "Winter", "Spring" };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (int v = LO_API_VERSION_MIN; v <= LO_API_VERSION_MAX; v++)
    {
      int k = v - 31;
      g_autofree char *label = g_strdup_printf ("%s '%02d", seasons[k % 3], 14 + (k + 2) / 3);
      g_autofree char *url = g_strdup_printf ("/services/data/v%d.0", v);
      g_autofree char *version = g_strdup_printf ("%d.0", v);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, label);
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, url);
      json_builder_set_member_name (b, "version");
      json_builder_add_string_value (b, version);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  _lo_server_reply_json (req, SOUP_STATUS_OK, root);
}

/* Parses "v62.0" (or "latest"); answers 404 or 410 itself when it is not served. */
static gboolean
parse_version (LoRequest *req)
{
  const char *text = req->segments[2];
  guint64 major;
  char *end = NULL;

  if (g_str_equal (text, "latest"))
    {
      req->version = g_strdup_printf ("%d.0", LO_API_VERSION_MAX);
      return TRUE;
    }
  if (text[0] != 'v' || !g_ascii_isdigit (text[1]))
    goto not_found;
  major = g_ascii_strtoull (text + 1, &end, 10);
  if (end == NULL || (*end != '\0' && !g_str_equal (end, ".0")))
    goto not_found;
  if (major > LO_API_VERSION_MAX)
    goto not_found;
  if (major < LO_API_VERSION_MIN)
    {
      /* The body of a retired version's 410 is not documented; this org names the
       * version so the caller knows what to change. */
      g_autofree char *message = g_strdup_printf ("API version %" G_GUINT64_FORMAT ".0 is "
                                                  "retired; use %d.0 or later",
                                                  major, LO_API_VERSION_MIN);

      _lo_server_reply_error (req, SOUP_STATUS_GONE, "UNSUPPORTED_API_VERSION", message);
      return FALSE;
    }
  req->version = g_strdup_printf ("%" G_GUINT64_FORMAT ".0", major);
  return TRUE;

not_found:
  _lo_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "NOT_FOUND",
                          "The requested resource does not exist");
  return FALSE;
}

static void
reply_home (LoRequest *req)
{
  g_autofree char *html = g_strdup_printf (
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Freight Local Org</title>"
    "</head><body><h1>%s</h1><p>A local stand-in for a Salesforce org. Instance URL: "
    "<code>%s</code>. Demo login: <code>%s</code>.</p></body></html>",
    req->server->schema->org_name ? req->server->schema->org_name : "Freight Local Org",
    req->server->base_url,
    ((LoUser *) g_ptr_array_index (req->server->schema->users, 0))->username);

  soup_server_message_set_status (req->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (req->msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    html, strlen (html));
}

static void
dispatch (LoRequest *req)
{
  char **s = req->segments;

  if (req->n_segments == 0)
    {
      reply_home (req);
      return;
    }
  if (g_str_equal (s[0], "id"))
    {
      _lo_server_handle_identity (req);
      return;
    }
  if (!g_str_equal (s[0], "services") || req->n_segments < 2)
    goto not_found;
  if (g_str_equal (s[1], "oauth2"))
    {
      _lo_server_handle_oauth (req);
      return;
    }
  if (!g_str_equal (s[1], "data"))
    goto not_found;
  if (req->n_segments == 2)
    {
      reply_versions (req);
      return;
    }
  if (!parse_version (req))
    return;
  if (!_lo_server_authenticate (req))
    return;
  if (req->n_segments >= 5 && g_str_equal (s[3], "jobs") && g_str_equal (s[4], "ingest"))
    _lo_server_handle_ingest (req);
  else if (req->n_segments >= 5 && g_str_equal (s[3], "jobs") && g_str_equal (s[4], "query"))
    _lo_server_handle_query_jobs (req);
  else
    _lo_server_handle_rest (req);
  return;

not_found:
  _lo_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "NOT_FOUND",
                          "The requested resource does not exist");
}

static void
answer (LoRequest *req)
{
  LoFaultReply fault;
  guint retry_after = 1;

  fault = lo_faults_reply (req->server->config->faults, classify (req), &retry_after);
  switch (fault)
    {
    case LO_FAULT_HTTP_500:
      _lo_server_reply_error (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, "UNKNOWN_EXCEPTION",
                              "An unexpected error occurred. Please include this ErrorId "
                              "if you contact support: 1234567890-12345 (-1234567890)");
      return;
    case LO_FAULT_HTTP_503:
      _lo_server_reply_error (req, SOUP_STATUS_SERVICE_UNAVAILABLE, "SERVER_UNAVAILABLE",
                              "Server is unavailable, please try again later");
      return;
    case LO_FAULT_HTTP_429:
      {
        g_autofree char *seconds = g_strdup_printf ("%u", retry_after);

        soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                      "Retry-After", seconds);
        _lo_server_reply_error (req, 429, "REQUEST_LIMIT_EXCEEDED",
                                "ConcurrentPerOrgLongTxn Limit exceeded.");
        return;
      }
    case LO_FAULT_NONE:
    default:
      break;
    }
  dispatch (req);
}

static gboolean
answer_later (gpointer data)
{
  LoRequest *req = data;

  answer (req);
  soup_server_message_unpause (req->msg);
  _lo_server_request_free (req);
  return G_SOURCE_REMOVE;
}

static LoRequest *
request_new (LoServer          *self,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  LoRequest *req = g_new0 (LoRequest, 1);
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  GPtrArray *segments = g_ptr_array_new ();

  req->ref_count = 1;
  req->server = g_object_ref (self);
  req->msg = g_object_ref (msg);
  req->method = soup_server_message_get_method (msg);
  /* Tolerate "//" and a trailing "/" as real clients send them (§2.1). */
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (segments, g_uri_unescape_string (parts[i], NULL));
  req->n_segments = segments->len;
  g_ptr_array_add (segments, NULL);
  req->segments = (char **) g_ptr_array_free (segments, FALSE);
  for (guint i = 0; i < req->n_segments; i++)
    if (req->segments[i] == NULL)
      req->segments[i] = g_strdup ("");
  if (query != NULL)
    req->query = g_hash_table_ref (query);
  return req;
}

static void
handle_any (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  LoServer *self = user_data;
  g_autoptr(LoRequest) req = request_new (self, msg, path, query);
  guint latency = lo_faults_latency_ms (self->config->faults);

  if (latency > 0)
    {
      soup_server_message_pause (msg);
      g_timeout_add (latency, answer_later, g_steal_pointer (&req));
      return;
    }
  answer (req);
}

/* A Node client on a reused connection stalls ~40 ms per request when Nagle is on. */
static void
request_started (SoupServer        *server,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket != NULL)
    g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
}

gboolean
lo_server_start (LoServer  *self,
                 GError   **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, self->config->port);
  g_autoptr(GTlsCertificate) certificate = NULL;
  SoupServerListenOptions options = 0;
  GSList *listeners;
  gboolean tls = self->config->tls_cert != NULL;

  g_return_val_if_fail (LO_IS_SERVER (self), FALSE);

  if (tls)
    {
      certificate = g_tls_certificate_new_from_files (self->config->tls_cert,
                                                      self->config->tls_key
                                                      ? self->config->tls_key
                                                      : self->config->tls_cert, error);
      if (certificate == NULL)
        return FALSE;
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }
  self->soup = soup_server_new ("server-header", "freight-local-org", NULL);
  if (certificate != NULL)
    soup_server_set_tls_certificate (self->soup, certificate);
  soup_server_add_handler (self->soup, NULL, handle_any, self, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started), self);
  _lo_server_setup_uploads (self);
  if (!soup_server_listen (self->soup, address, options, error))
    return FALSE;

  /* The port from the listening socket (soup_server_get_uris() leaks an address in
   * libsoup 3.2). */
  listeners = soup_server_get_listeners (self->soup);
  if (listeners != NULL)
    {
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (listeners->data, error);

      if (local == NULL)
        {
          g_slist_free (listeners);
          return FALSE;
        }
      self->base_url =
        g_strdup_printf ("%s://127.0.0.1:%u", tls ? "https" : "http",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
    }
  g_slist_free (listeners);
  lo_auth_set_base_url (self->auth, self->base_url);
  return self->base_url != NULL;
}
