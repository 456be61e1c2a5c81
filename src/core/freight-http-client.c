/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-http"

#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "freight-auth.h"
#include "freight-http-client.h"
#include "freight-http-error.h"
#include "freight-http-private.h"
#include "freight-http-transfer.h"
#include "freight-oauth-token.h"

/* Freight's one HTTP layer, on libcurl.
 *
 * Connections: curl 7.88 cannot share one connection cache between threads, so the client
 * keeps a pool of curl multi handles, each with its own connection cache; a request takes
 * the most recently used idle handle and gives it back, so requests in a row reuse one
 * connection and concurrent requests use one connection each. DNS answers and TLS sessions
 * are shared by all handles through a curl share handle with proper locks.
 *
 * Each request attempt runs on its multi handle with the GCancellable's file descriptor
 * in the poll set, so cancelling stops a transfer at once rather than at the next
 * progress tick.
 *
 * Retries (requests marked retry-safe, and any request that never left this computer):
 * connection faults, 429 and 5xx, after an exponential backoff with jitter or the delay a
 * Retry-After header asks for. curl's own resend of a request whose kept-alive connection
 * died under it is allowed for retry-safe requests only (the body cannot be rewound for
 * the others), so an insert is never sent twice behind the caller's back.
 *
 * A 401 with INVALID_SESSION_ID renews the token through the request's FreightAuth
 * (single-flight) and sends the request once more; a second 401 ends in
 * FREIGHT_AUTH_ERROR_SESSION_EXPIRED. */

#define MAX_IDLE_HANDLES 8

typedef struct
{
  CURLM *multi;
  CURL  *easy;
} PooledHandle;

struct _FreightHttpClient
{
  GObject       parent_instance;

  char         *ca_file;
  GBytes       *ca_blob;

  CURLSH       *share;
  GMutex        share_locks[CURL_LOCK_DATA_LAST];

  GMutex        pool_lock;
  GQueue        idle;

  guint         connect_timeout;
  guint         low_speed_time;
  guint         max_retries;
  guint         retry_base_delay;
  guint         retry_max_delay;
  guint         max_retry_after;
  guint         connection_count;
};

static void freight_http_client_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FreightHttpClient, freight_http_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      freight_http_client_initable_iface_init))

enum {
  PROP_0,
  PROP_CA_FILE,
  PROP_CONNECT_TIMEOUT,
  PROP_LOW_SPEED_TIME,
  PROP_MAX_RETRIES,
  PROP_RETRY_BASE_DELAY,
  PROP_RETRY_MAX_DELAY,
  PROP_MAX_RETRY_AFTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const system_ca_bundles[] = {
  "/etc/ssl/certs/ca-certificates.crt",
  "/etc/pki/tls/certs/ca-bundle.crt",
  "/etc/ssl/ca-bundle.pem",
  "/etc/ssl/cert.pem",
};

static void
share_lock (CURL             *handle,
            curl_lock_data    data,
            curl_lock_access  access,
            void             *user_data)
{
  FreightHttpClient *self = user_data;

  g_mutex_lock (&self->share_locks[data]);
}

static void
share_unlock (CURL           *handle,
              curl_lock_data  data,
              void           *user_data)
{
  FreightHttpClient *self = user_data;

  g_mutex_unlock (&self->share_locks[data]);
}

static char *
find_system_ca_bundle (void)
{
  CURL *easy = curl_easy_init ();
  char *path = NULL;

  if (easy != NULL)
    {
      const char *builtin = NULL;

      if (curl_easy_getinfo (easy, CURLINFO_CAINFO, &builtin) == CURLE_OK && builtin != NULL
          && g_file_test (builtin, G_FILE_TEST_IS_REGULAR))
        path = g_strdup (builtin);
      curl_easy_cleanup (easy);
    }

  for (guint i = 0; path == NULL && i < G_N_ELEMENTS (system_ca_bundles); i++)
    if (g_file_test (system_ca_bundles[i], G_FILE_TEST_IS_REGULAR))
      path = g_strdup (system_ca_bundles[i]);

  return path;
}

/* curl can trust either its built-in CA list or a given one; to trust an extra CA *as
 * well*, hand it the system bundle and the extra certificate together. */
static gboolean
load_ca_blob (FreightHttpClient  *self,
              GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *system_path = NULL;
  g_autofree char *system = NULL;
  gsize extra_len = 0;
  gsize system_len = 0;
  GString *blob;

  if (!g_file_get_contents (self->ca_file, &extra, &extra_len, &local_error))
    {
      g_set_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_CA_FILE,
                   _("Could not read the CA certificate file: %s"), local_error->message);
      return FALSE;
    }

  if (g_strstr_len (extra, extra_len, "-----BEGIN CERTIFICATE-----") == NULL)
    {
      g_set_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_CA_FILE,
                   _("The CA certificate file %s holds no PEM certificate (a block starting "
                     "with “-----BEGIN CERTIFICATE-----”). Export the certificate in PEM "
                     "format and choose that file."),
                   self->ca_file);
      return FALSE;
    }

  system_path = find_system_ca_bundle ();
  if (system_path == NULL || !g_file_get_contents (system_path, &system, &system_len, NULL))
    g_debug ("No system CA bundle found; trusting only %s", self->ca_file);

  blob = g_string_sized_new (system_len + extra_len + 1);
  if (system != NULL)
    {
      g_string_append_len (blob, system, system_len);
      g_string_append_c (blob, '\n');
    }
  g_string_append_len (blob, extra, extra_len);
  self->ca_blob = g_string_free_to_bytes (blob);

  return TRUE;
}

static gboolean
freight_http_client_initable_init (GInitable     *initable,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  FreightHttpClient *self = FREIGHT_HTTP_CLIENT (initable);

  if (self->ca_file != NULL && !load_ca_blob (self, error))
    return FALSE;

  return TRUE;
}

static void
freight_http_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = freight_http_client_initable_init;
}

static void
pooled_handle_free (PooledHandle *handle)
{
  curl_easy_cleanup (handle->easy);
  curl_multi_cleanup (handle->multi);
  g_free (handle);
}

static void
freight_http_client_finalize (GObject *object)
{
  FreightHttpClient *self = FREIGHT_HTTP_CLIENT (object);
  PooledHandle *handle;

  while ((handle = g_queue_pop_head (&self->idle)) != NULL)
    pooled_handle_free (handle);

  curl_share_cleanup (self->share);
  for (guint i = 0; i < G_N_ELEMENTS (self->share_locks); i++)
    g_mutex_clear (&self->share_locks[i]);
  g_mutex_clear (&self->pool_lock);

  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->ca_blob, g_bytes_unref);

  G_OBJECT_CLASS (freight_http_client_parent_class)->finalize (object);
}

static inline guint
atomic_uint (guint *field)
{
  return (guint) g_atomic_int_get ((gint *) field);
}

static guint *
uint_field (FreightHttpClient *self,
            guint              prop_id)
{
  switch (prop_id)
    {
    case PROP_CONNECT_TIMEOUT: return &self->connect_timeout;
    case PROP_LOW_SPEED_TIME: return &self->low_speed_time;
    case PROP_MAX_RETRIES: return &self->max_retries;
    case PROP_RETRY_BASE_DELAY: return &self->retry_base_delay;
    case PROP_RETRY_MAX_DELAY: return &self->retry_max_delay;
    case PROP_MAX_RETRY_AFTER: return &self->max_retry_after;
    default: return NULL;
    }
}

static void
freight_http_client_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FreightHttpClient *self = FREIGHT_HTTP_CLIENT (object);
  guint *field = uint_field (self, prop_id);

  if (field != NULL)
    {
      g_value_set_uint (value, atomic_uint (field));
      return;
    }

  switch (prop_id)
    {
    case PROP_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_http_client_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FreightHttpClient *self = FREIGHT_HTTP_CLIENT (object);
  guint *field = uint_field (self, prop_id);

  /* Tuning values are read by worker threads at the start of each attempt. */
  if (field != NULL)
    {
      guint new_value = g_value_get_uint (value);

      if (atomic_uint (field) != new_value)
        {
          g_atomic_int_set (field, new_value);
          g_object_notify_by_pspec (object, pspec);
        }
      return;
    }

  switch (prop_id)
    {
    case PROP_CA_FILE:
      self->ca_file = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_http_client_class_init (FreightHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags tuning = (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                              | G_PARAM_STATIC_STRINGS);

  object_class->finalize = freight_http_client_finalize;
  object_class->get_property = freight_http_client_get_property;
  object_class->set_property = freight_http_client_set_property;

  curl_global_init (CURL_GLOBAL_DEFAULT);

  /**
   * FreightHttpClient:ca-file:
   *
   * A PEM file with a CA certificate to trust in addition to the system's, e.g. the
   * self-signed certificate of a local org.
   */
  properties[PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /** FreightHttpClient:connect-timeout: seconds allowed to open a connection. */
  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL, 1, 3600, 30, tuning);

  /** FreightHttpClient:low-speed-time: seconds a transfer may stall before it fails. */
  properties[PROP_LOW_SPEED_TIME] =
    g_param_spec_uint ("low-speed-time", NULL, NULL, 1, 86400, 300, tuning);

  /** FreightHttpClient:max-retries: further attempts after the first one. */
  properties[PROP_MAX_RETRIES] =
    g_param_spec_uint ("max-retries", NULL, NULL, 0, 100, 4, tuning);

  /** FreightHttpClient:retry-base-delay: milliseconds; the backoff's first ceiling. */
  properties[PROP_RETRY_BASE_DELAY] =
    g_param_spec_uint ("retry-base-delay", NULL, NULL, 0, 600000, 1000, tuning);

  /** FreightHttpClient:retry-max-delay: milliseconds; the backoff's highest ceiling. */
  properties[PROP_RETRY_MAX_DELAY] =
    g_param_spec_uint ("retry-max-delay", NULL, NULL, 0, 3600000, 60000, tuning);

  /** FreightHttpClient:max-retry-after: seconds; longer Retry-After waits are shortened. */
  properties[PROP_MAX_RETRY_AFTER] =
    g_param_spec_uint ("max-retry-after", NULL, NULL, 0, 86400, 300, tuning);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_http_client_init (FreightHttpClient *self)
{
  g_mutex_init (&self->pool_lock);
  for (guint i = 0; i < G_N_ELEMENTS (self->share_locks); i++)
    g_mutex_init (&self->share_locks[i]);

  self->share = curl_share_init ();
  curl_share_setopt (self->share, CURLSHOPT_LOCKFUNC, share_lock);
  curl_share_setopt (self->share, CURLSHOPT_UNLOCKFUNC, share_unlock);
  curl_share_setopt (self->share, CURLSHOPT_USERDATA, self);
  curl_share_setopt (self->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt (self->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
}

/**
 * freight_http_client_new:
 * @ca_file: (nullable): a PEM CA certificate to trust besides the system's
 * @error: return location for a FREIGHT_HTTP_ERROR_CA_FILE
 *
 * Returns: (transfer full): a new client
 */
FreightHttpClient *
freight_http_client_new (const char  *ca_file,
                         GError     **error)
{
  return g_initable_new (FREIGHT_TYPE_HTTP_CLIENT, NULL, error,
                         "ca-file", ca_file,
                         NULL);
}

const char *
freight_http_client_get_ca_file (FreightHttpClient *self)
{
  g_return_val_if_fail (FREIGHT_IS_HTTP_CLIENT (self), NULL);

  return self->ca_file;
}

/**
 * freight_http_client_get_connection_count:
 * @self: a client
 *
 * Returns: how many connections the client has opened so far (reused ones count once)
 */
guint
freight_http_client_get_connection_count (FreightHttpClient *self)
{
  g_return_val_if_fail (FREIGHT_IS_HTTP_CLIENT (self), 0);

  return atomic_uint (&self->connection_count);
}

static PooledHandle *
take_handle (FreightHttpClient *self)
{
  PooledHandle *handle;

  g_mutex_lock (&self->pool_lock);
  handle = g_queue_pop_head (&self->idle);
  g_mutex_unlock (&self->pool_lock);

  if (handle != NULL)
    return handle;

  handle = g_new0 (PooledHandle, 1);
  handle->multi = curl_multi_init ();
  handle->easy = curl_easy_init ();
  if (handle->multi == NULL || handle->easy == NULL)
    g_error ("libcurl could not allocate a handle");
  return handle;
}

static void
return_handle (FreightHttpClient *self,
               PooledHandle      *handle)
{
  g_mutex_lock (&self->pool_lock);
  if (g_queue_get_length (&self->idle) < MAX_IDLE_HANDLES)
    {
      g_queue_push_head (&self->idle, handle);
      handle = NULL;
    }
  g_mutex_unlock (&self->pool_lock);

  if (handle != NULL)
    pooled_handle_free (handle);
}

static gboolean
sleep_cancellable (guint          ms,
                   GCancellable  *cancellable,
                   GError       **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;
  GPollFD pollfd;

  if (cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      g_usleep ((gulong) ms * 1000);
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }

  for (;;)
    {
      gint64 remaining = deadline - g_get_monotonic_time ();

      if (g_cancellable_is_cancelled (cancellable) || remaining <= 0)
        break;
      g_poll (&pollfd, 1, (int) MIN ((remaining + 999) / 1000, G_MAXINT));
    }

  g_cancellable_release_fd (cancellable);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
check_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_INVALID_URL,
                   _("“%s” is not a valid web address. Use a full URL such as "
                     "https://login.salesforce.com."), url);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      /* Tokens and passwords never cross a network unencrypted; plain http is only for
       * a local org on this computer. */
      if (_freight_http_url_is_loopback (url))
        return TRUE;

      g_set_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_INSECURE,
                   _("Freight does not send data to %s over unencrypted http. Use an "
                     "https:// address."), g_uri_get_host (uri));
      return FALSE;
    }

  g_set_error (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_INVALID_URL,
               _("“%s” is not an http or https address."), url);
  return FALSE;
}

static gboolean
is_retryable_status (guint status)
{
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

static char *
make_part_path (const char *path)
{
  return g_strconcat (path, ".part", NULL);
}

static void
log_body (const char   *direction,
          const char   *content_type,
          GBytes       *body)
{
  g_autofree char *text = NULL;
  const guint8 *data;
  gsize len = 0;

  if (body == NULL)
    return;

  data = g_bytes_get_data (body, &len);
  text = _freight_http_describe_body (content_type, data, len);
  g_debug ("%s body: %s", direction, text);
}

/**
 * freight_http_client_send:
 * @self: a client
 * @request: the request
 * @cancellable: (nullable): stops the transfer, a backoff wait, or a token renewal
 * @error: return location for an error
 *
 * Sends @request, retrying and renewing the token as the class description says. Blocks:
 * call it from a worker thread, or use freight_http_client_send_async().
 *
 * Errors: FREIGHT_HTTP_ERROR when no complete answer arrived; FREIGHT_API_ERROR (with the
 * Salesforce errorCode) or FREIGHT_AUTH_ERROR (with the OAuth error) for error answers;
 * FREIGHT_AUTH_ERROR_SESSION_EXPIRED when the user must sign in again; G_IO_ERROR for the
 * local body files and G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full): the 2xx answer
 */
FreightHttpResponse *
freight_http_client_send (FreightHttpClient   *self,
                          FreightHttpRequest  *request,
                          GCancellable        *cancellable,
                          GError             **error)
{
  FreightAuth *auth;
  const char *method;
  const char *url;
  const char *response_file;
  g_autofree char *part_path = NULL;
  g_autofree char *safe_url = NULL;
  gboolean renewed = FALSE;
  guint retries = 0;
  guint attempts = 0;

  g_return_val_if_fail (FREIGHT_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (FREIGHT_IS_HTTP_REQUEST (request), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  method = freight_http_request_get_method (request);
  url = freight_http_request_get_url (request);
  auth = freight_http_request_get_auth (request);
  response_file = freight_http_request_get_response_file (request);
  safe_url = _freight_http_redact_url (url);

  if (!check_url (url, error))
    return NULL;

  if (response_file != NULL)
    part_path = make_part_path (response_file);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(FreightOAuthToken) token = NULL;
      FreightHttpTransferConfig config = { 0 };
      FreightHttpOutcome outcome = { 0 };
      PooledHandle *handle;
      gint64 started;
      gint64 delay_ms = -1;
      gboolean answered;
      const char *access_token = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;

      if (auth != NULL)
        {
          token = freight_auth_ensure_token (auth, cancellable, error);
          if (token == NULL)
            goto fail;
          access_token = freight_oauth_token_get_access_token (token);
        }

      config.share = self->share;
      config.ca_blob = self->ca_blob;
      config.connect_timeout = atomic_uint (&self->connect_timeout);
      config.low_speed_time = atomic_uint (&self->low_speed_time);
      config.debug = !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN);

      attempts++;
      g_debug ("%s %s (attempt %u)", method, safe_url, attempts);
      if (config.debug && freight_http_request_get_body_file (request) == NULL)
        {
          gsize len = 0;
          const guint8 *data = _freight_http_request_peek_body (request, &len);

          if (data != NULL)
            {
              g_autofree char *text =
                _freight_http_describe_body (_freight_http_request_get_content_type (request),
                                             data, len);

              g_debug ("request body: %s", text);
            }
        }

      started = g_get_monotonic_time ();
      handle = take_handle (self);
      answered = _freight_http_transfer_run (handle->multi, handle->easy, &config, request,
                                             access_token, part_path, cancellable,
                                             &outcome, &local_error);
      return_handle (self, handle);
      g_atomic_int_add (&self->connection_count, outcome.new_connections);

      if (!answered)
        {
          g_debug ("%s %s failed after %.2f s: %s", method, safe_url,
                   (g_get_monotonic_time () - started) / 1e6, local_error->message);

          if (outcome.retryable
              && (freight_http_request_get_retry_safe (request) || outcome.nothing_sent)
              && retries < atomic_uint (&self->max_retries))
            {
              delay_ms = _freight_http_backoff_delay (atomic_uint (&self->retry_base_delay),
                                                      atomic_uint (&self->retry_max_delay),
                                                      retries, g_random_double ());
              g_debug ("Retrying %s %s in %" G_GINT64_FORMAT " ms", method, safe_url,
                       delay_ms);
              _freight_http_outcome_clear (&outcome);
              retries++;
              if (!sleep_cancellable (delay_ms, cancellable, error))
                goto fail;
              continue;
            }

          _freight_http_outcome_clear (&outcome);
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }

      g_debug ("%s %s -> %u in %.2f s", method, safe_url, outcome.status,
               (g_get_monotonic_time () - started) / 1e6);
      if (config.debug)
        log_body ("response", g_hash_table_lookup (outcome.headers, "content-type"),
                  outcome.body);

      if (outcome.status >= 200 && outcome.status < 300)
        {
          FreightHttpResponse *response;

          if (outcome.body_in_file && g_rename (part_path, response_file) != 0)
            {
              int saved_errno = errno;

              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           _("Could not save the download as %s: %s"),
                           response_file, g_strerror (saved_errno));
              _freight_http_outcome_clear (&outcome);
              goto fail;
            }

          response = _freight_http_response_new (url, outcome.status, outcome.headers,
                                                 outcome.body,
                                                 outcome.body_in_file ? response_file : NULL,
                                                 attempts);
          _freight_http_outcome_clear (&outcome);
          return response;
        }

      if (outcome.status == 401 && auth != NULL && outcome.body != NULL
          && _freight_http_body_has_invalid_session (g_bytes_get_data (outcome.body, NULL),
                                                     g_bytes_get_size (outcome.body)))
        {
          _freight_http_outcome_clear (&outcome);

          if (renewed)
            {
              /* The freshly renewed token was refused too: only the user can help. */
              freight_auth_session_expired (auth, access_token, error);
              goto fail;
            }

          renewed = TRUE;
          if (!freight_auth_renew (auth, access_token, cancellable, error))
            goto fail;
          continue;
        }

      if (is_retryable_status (outcome.status)
          && freight_http_request_get_retry_safe (request)
          && retries < atomic_uint (&self->max_retries))
        {
          const char *retry_after = g_hash_table_lookup (outcome.headers, "retry-after");
          guint max_wait_ms = atomic_uint (&self->max_retry_after) * 1000;

          delay_ms = _freight_http_parse_retry_after (retry_after,
                                                      g_get_real_time () / G_USEC_PER_SEC);
          if (delay_ms < 0)
            delay_ms = _freight_http_backoff_delay (atomic_uint (&self->retry_base_delay),
                                                    atomic_uint (&self->retry_max_delay),
                                                    retries, g_random_double ());
          delay_ms = MIN (delay_ms, (gint64) max_wait_ms);

          g_debug ("HTTP %u: retrying %s %s in %" G_GINT64_FORMAT " ms%s", outcome.status,
                   method, safe_url, delay_ms, retry_after != NULL ? " (Retry-After)" : "");
          _freight_http_outcome_clear (&outcome);
          retries++;
          if (!sleep_cancellable (delay_ms, cancellable, error))
            goto fail;
          continue;
        }

      {
        gsize len = 0;
        const guint8 *data = outcome.body != NULL ? g_bytes_get_data (outcome.body, &len)
                                                  : NULL;

        g_propagate_error (error, _freight_http_error_from_answer (method, url,
                                                                  outcome.status,
                                                                  data, len));
      }
      _freight_http_outcome_clear (&outcome);
      goto fail;
    }

fail:
  if (part_path != NULL)
    g_unlink (part_path);
  return NULL;
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  FreightHttpResponse *response;

  response = freight_http_client_send (source_object, task_data, cancellable, &error);
  if (response != NULL)
    g_task_return_pointer (task, response, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * freight_http_client_send_async:
 * @self: a client
 * @request: the request; do not change it until the call ends
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when the request ends
 * @user_data: data for @callback
 *
 * Sends @request on a worker thread; see freight_http_client_send().
 */
void
freight_http_client_send_async (FreightHttpClient   *self,
                                FreightHttpRequest  *request,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FREIGHT_IS_HTTP_CLIENT (self));
  g_return_if_fail (FREIGHT_IS_HTTP_REQUEST (request));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_http_client_send_async);
  g_task_set_task_data (task, g_object_ref (request), g_object_unref);
  g_task_run_in_thread (task, send_thread);
}

/**
 * freight_http_client_send_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the 2xx answer
 */
FreightHttpResponse *
freight_http_client_send_finish (FreightHttpClient  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == freight_http_client_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
