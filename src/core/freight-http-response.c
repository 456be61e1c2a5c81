/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-http"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-http-error.h"
#include "freight-http-private.h"
#include "freight-http-response.h"

/* The answer to a FreightHttpRequest: status, headers, and the body in memory or the
 * path of the file it was streamed to. Immutable once the client hands it out. */

struct _FreightHttpResponse
{
  GObject     parent_instance;

  guint       status;
  GHashTable *headers;      /* lower-case name → value; repeated headers joined by ", " */
  GBytes     *body;
  char       *body_file;
  char       *url;
  guint       attempts;
};

G_DEFINE_FINAL_TYPE (FreightHttpResponse, freight_http_response, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_BODY_FILE,
  PROP_ATTEMPTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
freight_http_response_finalize (GObject *object)
{
  FreightHttpResponse *self = FREIGHT_HTTP_RESPONSE (object);

  g_clear_pointer (&self->headers, g_hash_table_unref);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->body_file, g_free);
  g_clear_pointer (&self->url, g_free);

  G_OBJECT_CLASS (freight_http_response_parent_class)->finalize (object);
}

static void
freight_http_response_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  FreightHttpResponse *self = FREIGHT_HTTP_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;

    case PROP_BODY_FILE:
      g_value_set_string (value, self->body_file);
      break;

    case PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_http_response_class_init (FreightHttpResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_http_response_finalize;
  object_class->get_property = freight_http_response_get_property;

  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL,
                       0, 999, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_BODY_FILE] =
    g_param_spec_string ("body-file", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * FreightHttpResponse:attempts:
   *
   * How many times the request went out before this answer (1 when it was not retried).
   */
  properties[PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_http_response_init (FreightHttpResponse *self)
{
  self->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

FreightHttpResponse *
_freight_http_response_new (const char *url,
                            guint       status,
                            GHashTable *headers,
                            GBytes     *body,
                            const char *body_file,
                            guint       attempts)
{
  FreightHttpResponse *self = g_object_new (FREIGHT_TYPE_HTTP_RESPONSE, NULL);

  self->url = g_strdup (url);
  self->status = status;
  if (headers != NULL)
    {
      g_hash_table_unref (self->headers);
      self->headers = g_hash_table_ref (headers);
    }
  self->body = body != NULL ? g_bytes_ref (body) : NULL;
  self->body_file = g_strdup (body_file);
  self->attempts = attempts;

  return self;
}

/**
 * freight_http_response_get_status:
 * @self: a response
 *
 * Returns: the HTTP status code
 */
guint
freight_http_response_get_status (FreightHttpResponse *self)
{
  g_return_val_if_fail (FREIGHT_IS_HTTP_RESPONSE (self), 0);

  return self->status;
}

/**
 * freight_http_response_get_header:
 * @self: a response
 * @name: a header name, any case
 *
 * Returns: (nullable): the header's value; several occurrences are joined with ", "
 */
const char *
freight_http_response_get_header (FreightHttpResponse *self,
                                  const char          *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (FREIGHT_IS_HTTP_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = g_ascii_strdown (name, -1);
  return g_hash_table_lookup (self->headers, key);
}

/**
 * freight_http_response_get_body:
 * @self: a response
 *
 * Returns: (transfer none) (nullable): the body, decompressed; %NULL when it was streamed
 *   to a file
 */
GBytes *
freight_http_response_get_body (FreightHttpResponse *self)
{
  g_return_val_if_fail (FREIGHT_IS_HTTP_RESPONSE (self), NULL);

  return self->body;
}

/**
 * freight_http_response_get_body_file:
 * @self: a response
 *
 * Returns: (nullable): the file the body was streamed to, or %NULL
 */
const char *
freight_http_response_get_body_file (FreightHttpResponse *self)
{
  g_return_val_if_fail (FREIGHT_IS_HTTP_RESPONSE (self), NULL);

  return self->body_file;
}

guint
freight_http_response_get_attempts (FreightHttpResponse *self)
{
  g_return_val_if_fail (FREIGHT_IS_HTTP_RESPONSE (self), 0);

  return self->attempts;
}

/**
 * freight_http_response_get_json:
 * @self: a response with a body in memory
 * @error: return location for a FREIGHT_API_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full): the parsed body
 */
JsonNode *
freight_http_response_get_json (FreightHttpResponse  *self,
                                GError              **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize len = 0;

  g_return_val_if_fail (FREIGHT_IS_HTTP_RESPONSE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->body == NULL || g_bytes_get_size (self->body) == 0)
    {
      freight_set_remote_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_INVALID_RESPONSE,
                                self->status, NULL,
                                _("The server at %s sent an empty answer where data was "
                                  "expected. Try again later."),
                                self->url);
      return NULL;
    }

  data = g_bytes_get_data (self->body, &len);
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, len, &local_error)
      || json_parser_get_root (parser) == NULL)
    {
      freight_set_remote_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_INVALID_RESPONSE,
                                self->status, NULL,
                                _("The server at %s sent an answer that is not valid JSON "
                                  "(%s). Is the instance URL a Salesforce org?"),
                                self->url,
                                local_error != NULL ? local_error->message : _("empty"));
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

/**
 * freight_http_response_get_json_object:
 * @self: a response with a body in memory
 * @error: return location for a FREIGHT_API_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full): the body, which must be a JSON object
 */
JsonObject *
freight_http_response_get_json_object (FreightHttpResponse  *self,
                                       GError              **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (FREIGHT_IS_HTTP_RESPONSE (self), NULL);

  node = freight_http_response_get_json (self, error);
  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      freight_set_remote_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_INVALID_RESPONSE,
                                self->status, NULL,
                                _("The server at %s sent JSON of an unexpected shape (an "
                                  "object was expected)."),
                                self->url);
      return NULL;
    }

  return json_object_ref (json_node_get_object (node));
}
