/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-http"

#include "config.h"

#include <string.h>

#include "freight-auth.h"
#include "freight-http-private.h"
#include "freight-http-request.h"

/* One HTTP request as FreightHttpClient sends it: method, URL, headers, a body from memory
 * or from a file, where the answer goes (memory or a file), whether the request may be
 * sent again after a failure, and the auth object that supplies its bearer token.
 *
 * A request is a description: the client never changes it, so a request can be sent
 * again, but not by two threads at the same time. */

struct _FreightHttpRequest
{
  GObject                  parent_instance;

  char                    *method;
  char                    *url;
  GPtrArray               *headers;        /* "Name: value" strings */
  gboolean                 retry_safe;
  FreightAuth             *auth;

  GBytes                  *body;
  GString                 *form;
  char                    *body_file;
  char                    *content_type;

  char                    *response_file;

  FreightHttpProgressFunc  progress_func;
  gpointer                 progress_data;
  GDestroyNotify           progress_destroy;
};

G_DEFINE_FINAL_TYPE (FreightHttpRequest, freight_http_request, G_TYPE_OBJECT)

/* Header lines may hold a bearer token: wipe them before freeing. */
static void
wipe_free (gpointer data)
{
  char *str = data;

  memset (str, 0, strlen (str));
  g_free (str);
}

enum {
  PROP_0,
  PROP_METHOD,
  PROP_URL,
  PROP_RETRY_SAFE,
  PROP_AUTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
freight_http_request_constructed (GObject *object)
{
  FreightHttpRequest *self = FREIGHT_HTTP_REQUEST (object);

  G_OBJECT_CLASS (freight_http_request_parent_class)->constructed (object);

  if (self->method == NULL)
    self->method = g_strdup ("GET");

  /* Reads can always be repeated; anything that changes data must opt in. */
  self->retry_safe = g_str_equal (self->method, "GET") || g_str_equal (self->method, "HEAD");
}

static void
freight_http_request_finalize (GObject *object)
{
  FreightHttpRequest *self = FREIGHT_HTTP_REQUEST (object);

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);

  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_object (&self->auth);
  g_clear_pointer (&self->body, g_bytes_unref);
  if (self->form != NULL)
    {
      /* Form bodies carry passwords and tokens: wipe them before freeing. */
      memset (self->form->str, 0, self->form->len);
      g_string_free (self->form, TRUE);
    }
  g_clear_pointer (&self->body_file, g_free);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->response_file, g_free);

  G_OBJECT_CLASS (freight_http_request_parent_class)->finalize (object);
}

static void
freight_http_request_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FreightHttpRequest *self = FREIGHT_HTTP_REQUEST (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_RETRY_SAFE:
      g_value_set_boolean (value, self->retry_safe);
      break;

    case PROP_AUTH:
      g_value_set_object (value, self->auth);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_http_request_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FreightHttpRequest *self = FREIGHT_HTTP_REQUEST (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      self->method = g_ascii_strup (g_value_get_string (value) ?: "GET", -1);
      break;

    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;

    case PROP_RETRY_SAFE:
      freight_http_request_set_retry_safe (self, g_value_get_boolean (value));
      break;

    case PROP_AUTH:
      freight_http_request_set_auth (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_http_request_class_init (FreightHttpRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = freight_http_request_constructed;
  object_class->finalize = freight_http_request_finalize;
  object_class->get_property = freight_http_request_get_property;
  object_class->set_property = freight_http_request_set_property;

  properties[PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL,
                         "GET",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * FreightHttpRequest:retry-safe:
   *
   * Whether the client may send the request again after a connection fault, a 429 or a
   * 5xx answer. %TRUE by default for GET and HEAD, %FALSE for everything else: set it
   * only for requests that do no harm when the server receives them twice.
   */
  properties[PROP_RETRY_SAFE] =
    g_param_spec_boolean ("retry-safe", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AUTH] =
    g_param_spec_object ("auth", NULL, NULL,
                         FREIGHT_TYPE_AUTH,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_http_request_init (FreightHttpRequest *self)
{
  self->headers = g_ptr_array_new_with_free_func (wipe_free);
}

/**
 * freight_http_request_new:
 * @method: the HTTP method, e.g. "GET" or "PATCH"
 * @url: the absolute URL
 *
 * Returns: (transfer full): a new request without body
 */
FreightHttpRequest *
freight_http_request_new (const char *method,
                          const char *url)
{
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (FREIGHT_TYPE_HTTP_REQUEST,
                       "method", method,
                       "url", url,
                       NULL);
}

const char *
freight_http_request_get_method (FreightHttpRequest *self)
{
  g_return_val_if_fail (FREIGHT_IS_HTTP_REQUEST (self), NULL);

  return self->method;
}

const char *
freight_http_request_get_url (FreightHttpRequest *self)
{
  g_return_val_if_fail (FREIGHT_IS_HTTP_REQUEST (self), NULL);

  return self->url;
}

static gssize
find_header (FreightHttpRequest *self,
             const char         *name)
{
  gsize name_len = strlen (name);

  for (guint i = 0; i < self->headers->len; i++)
    {
      const char *line = g_ptr_array_index (self->headers, i);

      if (g_ascii_strncasecmp (line, name, name_len) == 0 && line[name_len] == ':')
        return i;
    }

  return -1;
}

/**
 * freight_http_request_set_header:
 * @self: a request
 * @name: a header name
 * @value: (nullable): its value, or %NULL to remove the header
 *
 * Sets a request header, replacing any earlier value. The client adds `User-Agent`,
 * `Sforce-Call-Options`, `Accept-Encoding`, `Content-Type` and `Authorization` itself.
 */
void
freight_http_request_set_header (FreightHttpRequest *self,
                                 const char         *name,
                                 const char         *value)
{
  gssize index;

  g_return_if_fail (FREIGHT_IS_HTTP_REQUEST (self));
  g_return_if_fail (name != NULL && *name != '\0' && strchr (name, ':') == NULL);
  g_return_if_fail (value == NULL || strpbrk (value, "\r\n") == NULL);

  index = find_header (self, name);
  if (index >= 0)
    g_ptr_array_remove_index (self->headers, index);
  if (value != NULL)
    g_ptr_array_add (self->headers, g_strdup_printf ("%s: %s", name, value));
}

/**
 * freight_http_request_get_header:
 * @self: a request
 * @name: a header name, any case
 *
 * Returns: (nullable): the value set with freight_http_request_set_header()
 */
const char *
freight_http_request_get_header (FreightHttpRequest *self,
                                 const char         *name)
{
  gssize index;
  const char *line;

  g_return_val_if_fail (FREIGHT_IS_HTTP_REQUEST (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = find_header (self, name);
  if (index < 0)
    return NULL;

  line = (const char *) g_ptr_array_index (self->headers, index) + strlen (name) + 1;
  while (*line == ' ')
    line++;
  return line;
}

gboolean
freight_http_request_get_retry_safe (FreightHttpRequest *self)
{
  g_return_val_if_fail (FREIGHT_IS_HTTP_REQUEST (self), FALSE);

  return self->retry_safe;
}

void
freight_http_request_set_retry_safe (FreightHttpRequest *self,
                                     gboolean            retry_safe)
{
  g_return_if_fail (FREIGHT_IS_HTTP_REQUEST (self));

  retry_safe = !!retry_safe;
  if (self->retry_safe == retry_safe)
    return;

  self->retry_safe = retry_safe;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_SAFE]);
}

/**
 * freight_http_request_get_auth:
 * @self: a request
 *
 * Returns: (transfer none) (nullable): the auth object that signs the request
 */
FreightAuth *
freight_http_request_get_auth (FreightHttpRequest *self)
{
  g_return_val_if_fail (FREIGHT_IS_HTTP_REQUEST (self), NULL);

  return self->auth;
}

/**
 * freight_http_request_set_auth:
 * @self: a request
 * @auth: (nullable): the auth object whose access token goes in `Authorization: Bearer`
 *
 * With an auth object, a 401 answer whose body contains `INVALID_SESSION_ID` makes the
 * client renew the token through @auth once and send the request again.
 */
void
freight_http_request_set_auth (FreightHttpRequest *self,
                               FreightAuth        *auth)
{
  g_return_if_fail (FREIGHT_IS_HTTP_REQUEST (self));
  g_return_if_fail (auth == NULL || FREIGHT_IS_AUTH (auth));

  if (g_set_object (&self->auth, auth))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTH]);
}

static void
clear_body (FreightHttpRequest *self)
{
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->body_file, g_free);
  g_clear_pointer (&self->content_type, g_free);
  if (self->form != NULL)
    {
      memset (self->form->str, 0, self->form->len);
      g_string_free (self->form, TRUE);
      self->form = NULL;
    }
}

/**
 * freight_http_request_set_body_bytes:
 * @self: a request
 * @body: the body
 * @content_type: its media type, e.g. "application/json"
 *
 * Sends @body from memory.
 */
void
freight_http_request_set_body_bytes (FreightHttpRequest *self,
                                     GBytes             *body,
                                     const char         *content_type)
{
  g_return_if_fail (FREIGHT_IS_HTTP_REQUEST (self));
  g_return_if_fail (body != NULL);
  g_return_if_fail (content_type != NULL);

  clear_body (self);
  self->body = g_bytes_ref (body);
  self->content_type = g_strdup (content_type);
}

/**
 * freight_http_request_set_body_json:
 * @self: a request
 * @node: a JSON value
 *
 * Sends @node as `application/json; charset=UTF-8`.
 */
void
freight_http_request_set_body_json (FreightHttpRequest *self,
                                    JsonNode           *node)
{
  g_autofree char *text = NULL;
  gsize len = 0;

  g_return_if_fail (FREIGHT_IS_HTTP_REQUEST (self));
  g_return_if_fail (node != NULL);

  text = json_to_string (node, FALSE);
  len = strlen (text);
  clear_body (self);
  self->body = g_bytes_new_take (g_steal_pointer (&text), len);
  self->content_type = g_strdup ("application/json; charset=UTF-8");
}

/**
 * freight_http_request_add_form_field:
 * @self: a request
 * @name: a field name
 * @value: its value
 *
 * Adds a field to an `application/x-www-form-urlencoded` body, as OAuth token requests
 * use. Debug output never shows the values of secret fields (password, client_secret,
 * tokens, assertion, code, code_verifier).
 */
void
freight_http_request_add_form_field (FreightHttpRequest *self,
                                     const char         *name,
                                     const char         *value)
{
  g_autofree char *escaped_name = NULL;
  g_autofree char *escaped_value = NULL;

  g_return_if_fail (FREIGHT_IS_HTTP_REQUEST (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  if (self->form == NULL)
    {
      clear_body (self);
      self->form = g_string_new (NULL);
      self->content_type = g_strdup ("application/x-www-form-urlencoded");
    }

  escaped_name = g_uri_escape_string (name, NULL, FALSE);
  escaped_value = g_uri_escape_string (value, NULL, FALSE);
  if (self->form->len > 0)
    g_string_append_c (self->form, '&');
  g_string_append_printf (self->form, "%s=%s", escaped_name, escaped_value);
  memset (escaped_value, 0, strlen (escaped_value));
}

/**
 * freight_http_request_set_body_file:
 * @self: a request
 * @path: a file to send as the body; it is read as the transfer goes, never loaded whole
 * @content_type: its media type, e.g. "text/csv"
 *
 * Streams the body from @path. The file is opened when the request is sent (again on a
 * retry), so it must not change until the request ends.
 */
void
freight_http_request_set_body_file (FreightHttpRequest *self,
                                    const char         *path,
                                    const char         *content_type)
{
  g_return_if_fail (FREIGHT_IS_HTTP_REQUEST (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (content_type != NULL);

  clear_body (self);
  self->body_file = g_strdup (path);
  self->content_type = g_strdup (content_type);
}

const char *
freight_http_request_get_body_file (FreightHttpRequest *self)
{
  g_return_val_if_fail (FREIGHT_IS_HTTP_REQUEST (self), NULL);

  return self->body_file;
}

/**
 * freight_http_request_set_response_file:
 * @self: a request
 * @path: (nullable): where to write a successful answer's body, or %NULL for memory
 *
 * Streams a 2xx answer's body to @path (through `@path.part`, renamed when the body is
 * complete, so @path never holds half an answer). Error answers stay in memory.
 */
void
freight_http_request_set_response_file (FreightHttpRequest *self,
                                        const char         *path)
{
  g_return_if_fail (FREIGHT_IS_HTTP_REQUEST (self));

  g_free (self->response_file);
  self->response_file = g_strdup (path);
}

const char *
freight_http_request_get_response_file (FreightHttpRequest *self)
{
  g_return_val_if_fail (FREIGHT_IS_HTTP_REQUEST (self), NULL);

  return self->response_file;
}

/**
 * freight_http_request_set_progress_func:
 * @self: a request
 * @func: (nullable): the function to call as bytes go out and come in
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data with the request
 *
 * See #FreightHttpProgressFunc for the thread it runs on.
 */
void
freight_http_request_set_progress_func (FreightHttpRequest      *self,
                                        FreightHttpProgressFunc  func,
                                        gpointer                 user_data,
                                        GDestroyNotify           destroy)
{
  g_return_if_fail (FREIGHT_IS_HTTP_REQUEST (self));

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);

  self->progress_func = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

/* For the client. */

GPtrArray *
_freight_http_request_get_headers (FreightHttpRequest *self)
{
  return self->headers;
}

const char *
_freight_http_request_get_content_type (FreightHttpRequest *self)
{
  return self->content_type;
}

/* The in-memory body (JSON, form or bytes), or NULL for none or a file body. The form
 * body is shared, not copied, so a secret exists in one place only. */
const guint8 *
_freight_http_request_peek_body (FreightHttpRequest *self,
                                 gsize              *len)
{
  if (self->form != NULL)
    {
      *len = self->form->len;
      return (const guint8 *) self->form->str;
    }
  if (self->body != NULL)
    return g_bytes_get_data (self->body, len);

  *len = 0;
  return NULL;
}

void
_freight_http_request_report_progress (FreightHttpRequest *self,
                                       guint64             uploaded,
                                       guint64             upload_total,
                                       guint64             downloaded,
                                       guint64             download_total)
{
  if (self->progress_func != NULL)
    self->progress_func (uploaded, upload_total, downloaded, download_total,
                         self->progress_data);
}
