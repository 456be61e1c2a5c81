/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-http"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "freight-http-error.h"
#include "freight-http-private.h"
#include "freight-http-transfer.h"
#include "freight-version.h"

/* One attempt: set up the curl handle from a FreightHttpRequest, drive it on its own multi
 * handle (so a GCancellable can wake the wait at once), stream the body in and out, and
 * report what happened. */

#define MAX_ERROR_BODY (256 * 1024)
#define POLL_INTERVAL_MS 1000

typedef struct
{
  FreightHttpRequest              *request;
  const FreightHttpTransferConfig *config;
  GCancellable                    *cancellable;
  CURL                            *easy;

  /* request body */
  const guint8                    *mem_body;
  gsize                            mem_len;
  gsize                            mem_pos;
  int                              in_fd;

  /* response */
  GHashTable                      *headers;
  GByteArray                      *body;
  gboolean                         sink_decided;
  gboolean                         to_file;
  const char                       *part_path;
  int                              out_fd;
  gboolean                         body_truncated;

  /* a local failure inside a callback (reading the body file, writing the part file) */
  GError                          *local_error;
} Transfer;

void
_freight_http_outcome_clear (FreightHttpOutcome *outcome)
{
  g_clear_pointer (&outcome->headers, g_hash_table_unref);
  g_clear_pointer (&outcome->body, g_bytes_unref);
  memset (outcome, 0, sizeof *outcome);
}

static char *
url_host (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

static size_t
header_cb (char   *buffer,
           size_t  size,
           size_t  nitems,
           void   *user_data)
{
  Transfer *t = user_data;
  gsize len = size * nitems;
  const char *colon;
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  const char *old;

  /* A new status line starts a new answer (after "100 Continue"): forget the old one. */
  if (len >= 5 && memcmp (buffer, "HTTP/", 5) == 0)
    {
      g_hash_table_remove_all (t->headers);
      return len;
    }

  colon = memchr (buffer, ':', len);
  if (colon == NULL)
    return len;

  name = g_ascii_strdown (buffer, colon - buffer);
  value = g_strstrip (g_strndup (colon + 1, buffer + len - colon - 1));

  old = g_hash_table_lookup (t->headers, name);
  if (old != NULL)
    {
      char *joined = g_strconcat (old, ", ", value, NULL);

      g_hash_table_replace (t->headers, g_steal_pointer (&name), joined);
    }
  else
    g_hash_table_replace (t->headers, g_steal_pointer (&name), g_steal_pointer (&value));

  return len;
}

static gboolean
decide_sink (Transfer  *t,
             GError   **error)
{
  long status = 0;

  t->sink_decided = TRUE;
  curl_easy_getinfo (t->easy, CURLINFO_RESPONSE_CODE, &status);

  if (t->part_path == NULL || status < 200 || status > 299)
    return TRUE;

  t->out_fd = g_open (t->part_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (t->out_fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the download to %s: %s"),
                   t->part_path, g_strerror (saved_errno));
      return FALSE;
    }

  t->to_file = TRUE;
  return TRUE;
}

static size_t
write_cb (char   *ptr,
          size_t  size,
          size_t  nmemb,
          void   *user_data)
{
  Transfer *t = user_data;
  gsize len = size * nmemb;
  gsize done = 0;

  if (!t->sink_decided && !decide_sink (t, &t->local_error))
    return 0;

  if (!t->to_file)
    {
      long status = 0;

      /* Error bodies are for messages: keep enough to read, not a flood. */
      curl_easy_getinfo (t->easy, CURLINFO_RESPONSE_CODE, &status);
      if ((status < 200 || status > 299) && t->body->len + len > MAX_ERROR_BODY)
        {
          t->body_truncated = TRUE;
          return len;
        }
      g_byte_array_append (t->body, (const guint8 *) ptr, len);
      return len;
    }

  while (done < len)
    {
      gssize written = write (t->out_fd, ptr + done, len - done);

      if (written < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (&t->local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not write the download to %s: %s"),
                       t->part_path, g_strerror (saved_errno));
          return 0;
        }
      done += written;
    }

  return len;
}

static size_t
read_cb (char   *buffer,
         size_t  size,
         size_t  nitems,
         void   *user_data)
{
  Transfer *t = user_data;
  gsize want = size * nitems;

  if (t->in_fd < 0)
    {
      gsize n = MIN (want, t->mem_len - t->mem_pos);

      memcpy (buffer, t->mem_body + t->mem_pos, n);
      t->mem_pos += n;
      return n;
    }

  for (;;)
    {
      gssize n = read (t->in_fd, buffer, want);

      if (n >= 0)
        return n;
      if (errno == EINTR)
        continue;

      g_set_error (&t->local_error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Could not read %s while uploading it: %s"),
                   freight_http_request_get_body_file (t->request), g_strerror (errno));
      return CURL_READFUNC_ABORT;
    }
}

/* curl rewinds the body to send it again on a fresh connection when a kept-alive one
 * died after the request went out. The server may have acted on it, so only retry-safe
 * requests may go again; for the others the transfer fails and the caller finds out
 * what happened (design.md §4). */
static int
seek_cb (void       *user_data,
         curl_off_t  offset,
         int         origin)
{
  Transfer *t = user_data;

  if (origin != SEEK_SET || offset < 0 || !freight_http_request_get_retry_safe (t->request))
    return CURL_SEEKFUNC_CANTSEEK;

  if (t->in_fd < 0)
    {
      if ((guint64) offset > t->mem_len)
        return CURL_SEEKFUNC_FAIL;
      t->mem_pos = offset;
      return CURL_SEEKFUNC_OK;
    }

  return lseek (t->in_fd, offset, SEEK_SET) == offset ? CURL_SEEKFUNC_OK : CURL_SEEKFUNC_FAIL;
}

static int
xferinfo_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Transfer *t = user_data;

  if (g_cancellable_is_cancelled (t->cancellable))
    return 1;

  _freight_http_request_report_progress (t->request, ulnow, ultotal, dlnow, dltotal);
  return 0;
}

static void
log_lines (char        prefix,
           const char *data,
           gsize       len)
{
  const char *p = data;
  const char *end = data + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      g_autofree char *line = _freight_http_redact_header (p, line_end - p);

      if (*line != '\0')
        g_debug ("%c %s", prefix, line);
      p = nl != NULL ? nl + 1 : end;
    }
}

static int
debug_cb (CURL          *handle,
          curl_infotype  type,
          char          *data,
          size_t         size,
          void          *user_data)
{
  switch (type)
    {
    case CURLINFO_TEXT:
      {
        g_autofree char *text = g_strndup (data, size);

        g_debug ("* %s", g_strchomp (text));
      }
      break;

    case CURLINFO_HEADER_OUT:
      log_lines ('>', data, size);
      break;

    case CURLINFO_HEADER_IN:
      log_lines ('<', data, size);
      break;

    case CURLINFO_DATA_IN:
    case CURLINFO_DATA_OUT:
    case CURLINFO_SSL_DATA_IN:
    case CURLINFO_SSL_DATA_OUT:
    case CURLINFO_END:
    default:
      /* Bodies are logged once, redacted, by the client; never raw. */
      break;
    }

  return 0;
}

static gboolean
open_body (Transfer  *t,
           gint64    *size,
           GError   **error)
{
  const char *path = freight_http_request_get_body_file (t->request);
  struct stat st;

  if (path == NULL)
    {
      t->mem_body = _freight_http_request_peek_body (t->request, &t->mem_len);
      *size = t->mem_body != NULL ? (gint64) t->mem_len : -1;
      return TRUE;
    }

  t->in_fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (t->in_fd < 0 || fstat (t->in_fd, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open %s to upload it: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  *size = st.st_size;
  return TRUE;
}

/* Small bodies go at once; large ones (file uploads) wait for "100 Continue", so a
 * refused request (an expired session, say) does not send 100 MB for nothing. */
#define EXPECT_CONTINUE_THRESHOLD (1024 * 1024)

static struct curl_slist *
build_headers (FreightHttpRequest *request,
               const char         *access_token,
               gint64              body_size)
{
  GPtrArray *headers = _freight_http_request_get_headers (request);
  const char *content_type = _freight_http_request_get_content_type (request);
  struct curl_slist *list = NULL;

  list = curl_slist_append (list, "Sforce-Call-Options: client=Freight");

  if (content_type != NULL)
    {
      g_autofree char *line = g_strdup_printf ("Content-Type: %s", content_type);

      list = curl_slist_append (list, line);
    }

  for (guint i = 0; i < headers->len; i++)
    list = curl_slist_append (list, g_ptr_array_index (headers, i));

  if (body_size >= 0 && body_size < EXPECT_CONTINUE_THRESHOLD)
    list = curl_slist_append (list, "Expect:");

  if (access_token != NULL)
    {
      g_autofree char *line = g_strdup_printf ("Authorization: Bearer %s", access_token);

      list = curl_slist_append (list, line);
      memset (line, 0, strlen (line));
    }

  return list;
}

static void
wipe_slist (struct curl_slist *list)
{
  for (struct curl_slist *l = list; l != NULL; l = l->next)
    if (g_ascii_strncasecmp (l->data, "Authorization:", 14) == 0)
      memset (l->data, 0, strlen (l->data));
  curl_slist_free_all (list);
}

static void
setup_handle (Transfer           *t,
              struct curl_slist  *headers,
              gint64              body_size,
              char               *errbuf)
{
  CURL *easy = t->easy;
  const char *method = freight_http_request_get_method (t->request);

  curl_easy_setopt (easy, CURLOPT_URL, freight_http_request_get_url (t->request));
  curl_easy_setopt (easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (easy, CURLOPT_SHARE, t->config->share);
  curl_easy_setopt (easy, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt (easy, CURLOPT_USERAGENT, freight_get_user_agent ());
  curl_easy_setopt (easy, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (easy, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt (easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt (easy, CURLOPT_CONNECTTIMEOUT, (long) t->config->connect_timeout);
  curl_easy_setopt (easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (easy, CURLOPT_LOW_SPEED_TIME, (long) t->config->low_speed_time);

  /* TLS is always verified; an extra CA adds to the system's, never replaces checks. */
  curl_easy_setopt (easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (easy, CURLOPT_SSL_VERIFYHOST, 2L);
  if (t->config->ca_blob != NULL)
    {
      struct curl_blob blob;
      gsize len = 0;

      blob.data = (void *) g_bytes_get_data (t->config->ca_blob, &len);
      blob.len = len;
      blob.flags = CURL_BLOB_NOCOPY;
      curl_easy_setopt (easy, CURLOPT_CAINFO_BLOB, &blob);
    }

  curl_easy_setopt (easy, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (easy, CURLOPT_HEADERDATA, t);
  curl_easy_setopt (easy, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (easy, CURLOPT_WRITEDATA, t);
  curl_easy_setopt (easy, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (easy, CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
  curl_easy_setopt (easy, CURLOPT_XFERINFODATA, t);

  if (t->config->debug)
    {
      curl_easy_setopt (easy, CURLOPT_VERBOSE, 1L);
      curl_easy_setopt (easy, CURLOPT_DEBUGFUNCTION, debug_cb);
    }

  if (g_str_equal (method, "HEAD"))
    curl_easy_setopt (easy, CURLOPT_NOBODY, 1L);
  else if (body_size >= 0)
    {
      curl_easy_setopt (easy, CURLOPT_UPLOAD, 1L);
      curl_easy_setopt (easy, CURLOPT_READFUNCTION, read_cb);
      curl_easy_setopt (easy, CURLOPT_READDATA, t);
      curl_easy_setopt (easy, CURLOPT_SEEKFUNCTION, seek_cb);
      curl_easy_setopt (easy, CURLOPT_SEEKDATA, t);
      curl_easy_setopt (easy, CURLOPT_INFILESIZE_LARGE, (curl_off_t) body_size);
      curl_easy_setopt (easy, CURLOPT_CUSTOMREQUEST, method);
    }
  else if (g_str_equal (method, "GET"))
    curl_easy_setopt (easy, CURLOPT_HTTPGET, 1L);
  else if (g_str_equal (method, "POST") || g_str_equal (method, "PUT")
           || g_str_equal (method, "PATCH"))
    {
      /* A method that normally has a body, sent without one: say so with a length. */
      curl_easy_setopt (easy, CURLOPT_POSTFIELDS, "");
      curl_easy_setopt (easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) 0);
      curl_easy_setopt (easy, CURLOPT_CUSTOMREQUEST, method);
    }
  else
    curl_easy_setopt (easy, CURLOPT_CUSTOMREQUEST, method);
}

static gboolean
is_retryable_code (CURLcode code)
{
  switch (code)
    {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SEND_FAIL_REWIND:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
set_transfer_error (GError     **error,
                    CURLcode     code,
                    const char  *url,
                    const char  *detail)
{
  g_autofree char *host = url_host (url);

  switch (code)
    {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      g_set_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_INVALID_URL,
                   _("The address %s is not a valid http or https URL (%s)."), url, detail);
      break;

    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      g_set_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_RESOLVE,
                   _("Could not find the server %s (%s). Check the login or instance URL "
                     "and your network connection."), host, detail);
      break;

    case CURLE_COULDNT_CONNECT:
      g_set_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_CONNECT,
                   _("Could not connect to %s (%s). Check the address and your network "
                     "connection."), host, detail);
      break;

    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_TIMEOUT,
                   _("The connection to %s timed out (%s). Check your network connection "
                     "and try again."), host, detail);
      break;

    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      g_set_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_TLS,
                   _("The certificate of %s is not trusted (%s). Freight only talks to "
                     "servers whose certificate it trusts; if this is your own server with a "
                     "self-signed certificate, trust that certificate as the org’s CA "
                     "certificate file."),
                   host, detail);
      break;

    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_ENGINE_INITFAILED:
      g_set_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_TLS,
                   _("The secure connection to %s could not be verified (%s). Freight only "
                     "talks to servers whose certificate it trusts. If this is your own "
                     "server with a self-signed certificate, add that certificate as a "
                     "trusted CA certificate file in the connection settings."),
                   host, detail);
      break;

    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SEND_FAIL_REWIND:
      g_set_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_CONNECTION_LOST,
                   _("The connection to %s broke before the answer was complete (%s). "
                     "Try again."), host, detail);
      break;

    default:
      g_set_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_FAILED,
                   _("The request to %s failed (%s)."), host, detail);
    }
}

static CURLcode
drive (CURLM        *multi,
       CURL         *easy,
       GCancellable *cancellable)
{
  struct curl_waitfd extra = { 0 };
  GPollFD pollfd;
  gboolean have_pollfd = FALSE;
  CURLcode result = CURLE_OK;
  gboolean finished = FALSE;
  CURLMsg *msg;
  int pending;

  if (cancellable != NULL && g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      have_pollfd = TRUE;
      extra.fd = pollfd.fd;
      extra.events = CURL_WAIT_POLLIN;
    }

  curl_multi_add_handle (multi, easy);

  for (;;)
    {
      int running = 0;
      CURLMcode mc = curl_multi_perform (multi, &running);

      if (mc != CURLM_OK)
        {
          result = CURLE_FAILED_INIT;
          break;
        }

      while ((msg = curl_multi_info_read (multi, &pending)) != NULL)
        {
          if (msg->msg == CURLMSG_DONE && msg->easy_handle == easy)
            {
              result = msg->data.result;
              finished = TRUE;
            }
        }

      if (finished || running == 0)
        break;

      if (g_cancellable_is_cancelled (cancellable))
        {
          result = CURLE_ABORTED_BY_CALLBACK;
          break;
        }

      curl_multi_poll (multi, have_pollfd ? &extra : NULL, have_pollfd ? 1 : 0,
                       POLL_INTERVAL_MS, NULL);
    }

  /* Removing a handle mid-transfer closes its connection; a finished one returns its
   * connection to the multi handle's cache for the next request. */
  curl_multi_remove_handle (multi, easy);

  if (have_pollfd)
    g_cancellable_release_fd (cancellable);

  return result;
}

/**
 * _freight_http_transfer_run:
 * @multi: a multi handle with nothing in it; its connection cache is reused
 * @easy: an easy handle, freshly reset
 * @config: the client's settings
 * @request: what to send
 * @access_token: (nullable): the bearer token
 * @part_path: (nullable): where a 2xx body goes instead of memory
 * @cancellable: (nullable): stops the transfer at once
 * @outcome: (out caller-allocates): the answer, when there was one
 * @error: return location for a transfer error (then @outcome says if it is retryable)
 *
 * Returns: %TRUE when an HTTP answer arrived completely, whatever its status
 */
gboolean
_freight_http_transfer_run (CURLM                           *multi,
                            CURL                            *easy,
                            const FreightHttpTransferConfig *config,
                            FreightHttpRequest              *request,
                            const char                      *access_token,
                            const char                      *part_path,
                            GCancellable                    *cancellable,
                            FreightHttpOutcome              *outcome,
                            GError                         **error)
{
  Transfer t = { 0 };
  struct curl_slist *headers = NULL;
  char errbuf[CURL_ERROR_SIZE] = "";
  gint64 body_size = -1;
  CURLcode code;
  long status = 0;
  long request_size = 0;
  long connects = 0;
  gboolean ok = FALSE;

  memset (outcome, 0, sizeof *outcome);

  t.request = request;
  t.config = config;
  t.cancellable = cancellable;
  t.easy = easy;
  t.in_fd = -1;
  t.out_fd = -1;
  t.part_path = part_path;
  t.headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  t.body = g_byte_array_new ();

  if (!open_body (&t, &body_size, error))
    goto out;

  headers = build_headers (request, access_token, body_size);
  setup_handle (&t, headers, body_size, errbuf);

  code = drive (multi, easy, cancellable);

  curl_easy_getinfo (easy, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo (easy, CURLINFO_REQUEST_SIZE, &request_size);
  curl_easy_getinfo (easy, CURLINFO_NUM_CONNECTS, &connects);
  outcome->new_connections = connects;
  outcome->nothing_sent = request_size == 0;

  if (code == CURLE_OK && !t.sink_decided && !decide_sink (&t, &t.local_error))
    code = CURLE_WRITE_ERROR;

  if (t.out_fd >= 0 && close (t.out_fd) != 0 && code == CURLE_OK)
    {
      g_set_error (&t.local_error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Could not write the download to %s: %s"), part_path, g_strerror (errno));
      code = CURLE_WRITE_ERROR;
    }
  t.out_fd = -1;

  if (code != CURLE_OK)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (t.local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&t.local_error));
          goto out;
        }

      outcome->retryable = is_retryable_code (code);
      set_transfer_error (error, code, freight_http_request_get_url (request),
                          *errbuf != '\0' ? errbuf : curl_easy_strerror (code));
      goto out;
    }

  outcome->status = status;
  outcome->headers = g_hash_table_ref (t.headers);
  outcome->body_in_file = t.to_file;
  if (!t.to_file)
    outcome->body = g_byte_array_free_to_bytes (g_steal_pointer (&t.body));
  ok = TRUE;

out:
  if (t.in_fd >= 0)
    close (t.in_fd);
  if (t.out_fd >= 0)
    close (t.out_fd);
  if (headers != NULL)
    wipe_slist (headers);
  /* The handle must not keep pointers to this stack frame or the freed header list. */
  curl_easy_reset (easy);
  g_clear_pointer (&t.headers, g_hash_table_unref);
  if (t.body != NULL)
    g_byte_array_unref (t.body);
  g_clear_error (&t.local_error);

  return ok;
}
