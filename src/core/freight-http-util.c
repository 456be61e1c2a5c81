/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-http"

#include "config.h"

#include <glib/gi18n.h>
#include <curl/curl.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "freight-http-error.h"
#include "freight-http-private.h"

/* Pure helpers of the HTTP layer: backoff, Retry-After, redaction of secrets in debug
 * output, and turning Salesforce error answers into GErrors. */

#define REDACTED "[REDACTED]"
#define MAX_LOGGED_BODY 2048

/* Form fields, JSON members and query parameters whose values are secrets. */
static const char * const secret_names[] = {
  "password",
  "client_secret",
  "refresh_token",
  "access_token",
  "assertion",
  "code",
  "code_verifier",
  "token",
  "id_token",
  "sessionid",
  "session_id",
  "signature",
};

/* Headers whose values are secrets. */
static const char * const secret_headers[] = {
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
};

/**
 * _freight_http_backoff_delay:
 * @base_ms: the delay before the first retry
 * @max_ms: the longest delay
 * @attempt: 0 for the first retry, 1 for the second…
 * @random01: a random number in [0, 1)
 *
 * Exponential backoff with "equal jitter": the ceiling doubles with every attempt (up to
 * @max_ms), and the delay is drawn from its upper half, so clients that failed together do
 * not come back together, yet every retry still waits at least half the ceiling.
 *
 * Returns: the delay in milliseconds
 */
guint
_freight_http_backoff_delay (guint  base_ms,
                             guint  max_ms,
                             guint  attempt,
                             double random01)
{
  guint64 ceiling = base_ms;

  for (guint i = 0; i < attempt && ceiling < max_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, (guint64) max_ms);

  random01 = CLAMP (random01, 0.0, 1.0);
  return (guint) (ceiling / 2 + (guint64) (random01 * (double) (ceiling - ceiling / 2)));
}

/**
 * _freight_http_parse_retry_after:
 * @value: (nullable): a Retry-After header: delta-seconds or an HTTP-date
 * @now_unix: the current time, seconds since the epoch
 *
 * Returns: the delay it asks for in milliseconds (0 for a date in the past), or -1 when
 *   @value is missing or not understood
 */
gint64
_freight_http_parse_retry_after (const char *value,
                                 gint64      now_unix)
{
  time_t when;

  if (value == NULL)
    return -1;

  while (g_ascii_isspace (*value))
    value++;
  if (*value == '\0')
    return -1;

  if (g_ascii_isdigit (*value))
    {
      guint64 seconds;
      char *end = NULL;

      seconds = g_ascii_strtoull (value, &end, 10);
      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end == NULL || *end != '\0')
        return -1;
      return (gint64) MIN (seconds, (guint64) G_MAXINT32) * 1000;
    }

  when = curl_getdate (value, NULL);
  if (when == (time_t) -1)
    return -1;
  if ((gint64) when <= now_unix)
    return 0;
  return MIN ((gint64) when - now_unix, (gint64) G_MAXINT32) * 1000;
}

gboolean
_freight_http_is_secret_name (const char *name,
                              gssize      len)
{
  if (len < 0)
    len = strlen (name);

  for (guint i = 0; i < G_N_ELEMENTS (secret_names); i++)
    {
      if (strlen (secret_names[i]) == (gsize) len
          && g_ascii_strncasecmp (name, secret_names[i], len) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * _freight_http_redact_header:
 * @line: a header line, "Name: value", with or without its CRLF
 * @len: its length
 *
 * Returns: (transfer full): the line without line ending, its value replaced when secret
 */
char *
_freight_http_redact_header (const char *line,
                             gsize       len)
{
  const char *colon;

  while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == '\n'))
    len--;

  colon = memchr (line, ':', len);
  if (colon != NULL)
    {
      gsize name_len = colon - line;

      for (guint i = 0; i < G_N_ELEMENTS (secret_headers); i++)
        {
          if (strlen (secret_headers[i]) == name_len
              && g_ascii_strncasecmp (line, secret_headers[i], name_len) == 0)
            {
              const char *value = colon + 1;
              const char *space;

              /* Keep the scheme ("Bearer") which helps debugging and is no secret. */
              while (value < line + len && *value == ' ')
                value++;
              space = memchr (value, ' ', line + len - value);
              if (space != NULL && i < 2)
                return g_strdup_printf ("%.*s: %.*s " REDACTED, (int) name_len, line,
                                        (int) (space - value), value);
              return g_strdup_printf ("%.*s: " REDACTED, (int) name_len, line);
            }
        }
    }

  return g_strndup (line, len);
}

/* Redacts "name=value" pairs separated by '&' (forms and query strings). */
static void
redact_pairs (GString    *out,
              const char *text,
              gsize       len)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *pair_end = amp != NULL ? amp : end;
      const char *eq = memchr (p, '=', pair_end - p);

      if (eq != NULL)
        {
          g_autofree char *name = g_uri_unescape_segment (p, eq, NULL);

          if (name == NULL || _freight_http_is_secret_name (name, -1))
            {
              g_string_append_len (out, p, eq - p);
              g_string_append (out, "=" REDACTED);
            }
          else
            g_string_append_len (out, p, pair_end - p);
        }
      else
        g_string_append_len (out, p, pair_end - p);

      if (amp != NULL)
        g_string_append_c (out, '&');
      p = amp != NULL ? amp + 1 : end;
    }
}

/**
 * _freight_http_redact_form:
 * @body: an application/x-www-form-urlencoded body
 * @len: its length
 *
 * Returns: (transfer full): @body with the values of secret fields replaced
 */
char *
_freight_http_redact_form (const char *body,
                           gsize       len)
{
  GString *out = g_string_sized_new (len);

  redact_pairs (out, body, len);
  return g_string_free (out, FALSE);
}

/**
 * _freight_http_redact_url:
 * @url: a URL
 *
 * Returns: (transfer full): @url with the values of secret query parameters replaced
 */
char *
_freight_http_redact_url (const char *url)
{
  const char *query = strchr (url, '?');
  GString *out;

  if (query == NULL)
    return g_strdup (url);

  out = g_string_new_len (url, query - url + 1);
  redact_pairs (out, query + 1, strlen (query + 1));
  return g_string_free (out, FALSE);
}

static void
redact_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *member = json_object_get_member (object, name);

          if (_freight_http_is_secret_name (name, -1) && !JSON_NODE_HOLDS_NULL (member))
            json_object_set_string_member (object, name, REDACTED);
          else
            redact_node (member);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        redact_node (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE
           && !isfinite (json_node_get_double (node)))
    {
      /* 1e999 parses as infinity, which JSON cannot write back. */
      json_node_init_null (node);
    }
}

/**
 * _freight_http_redact_json:
 * @body: a JSON document
 * @len: its length
 *
 * Returns: (transfer full) (nullable): @body with the values of secret members replaced,
 *   or %NULL when @body is not JSON (then show none of it)
 */
char *
_freight_http_redact_json (const char *body,
                           gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, body, len, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL)
    return NULL;

  redact_node (root);
  return json_to_string (root, FALSE);
}

/**
 * _freight_http_describe_body:
 * @content_type: (nullable): the body's media type
 * @body: the body
 * @len: its length
 *
 * Renders a body for debug output: JSON and forms redacted and shortened; record data
 * (CSV) and anything else only as its size, since it is the user's data.
 *
 * Returns: (transfer full): a printable description
 */
char *
_freight_http_describe_body (const char   *content_type,
                             const guint8 *body,
                             gsize         len)
{
  g_autofree char *text = NULL;

  if (len == 0)
    return g_strdup ("(empty)");

  if (content_type != NULL && strstr (content_type, "json") != NULL)
    text = _freight_http_redact_json ((const char *) body, len);
  else if (content_type != NULL && strstr (content_type, "x-www-form-urlencoded") != NULL)
    text = _freight_http_redact_form ((const char *) body, len);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes of %s)", len,
                            content_type != NULL ? content_type : "data");

  if (strlen (text) > MAX_LOGGED_BODY)
    {
      const char *cut = g_utf8_find_prev_char (text, text + MAX_LOGGED_BODY);

      return g_strdup_printf ("%.*s… (%" G_GSIZE_FORMAT " bytes)",
                              (int) (cut - text), text, len);
    }

  return g_steal_pointer (&text);
}

/**
 * _freight_http_url_is_loopback:
 * @url: an absolute URL
 *
 * Returns: whether @url points at this computer (localhost, 127.0.0.0/8, ::1)
 */
gboolean
_freight_http_url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
_freight_http_body_has_invalid_session (const guint8 *body,
                                        gsize         len)
{
  static const char needle[] = "INVALID_SESSION_ID";

  if (body == NULL || len < sizeof needle - 1)
    return FALSE;

  return g_strstr_len ((const char *) body, len, needle) != NULL;
}

static int
api_code_for_status (guint status)
{
  switch (status)
    {
    case 400: return FREIGHT_API_ERROR_BAD_REQUEST;
    case 401: return FREIGHT_API_ERROR_UNAUTHORIZED;
    case 403: return FREIGHT_API_ERROR_FORBIDDEN;
    case 404: return FREIGHT_API_ERROR_NOT_FOUND;
    case 409: return FREIGHT_API_ERROR_CONFLICT;
    case 410: return FREIGHT_API_ERROR_GONE;
    case 412: return FREIGHT_API_ERROR_PRECONDITION_FAILED;
    case 429: return FREIGHT_API_ERROR_RATE_LIMITED;
    default:
      return status >= 500 ? FREIGHT_API_ERROR_SERVER : FREIGHT_API_ERROR_FAILED;
    }
}

static int
auth_code_for_oauth_error (const char *oauth_error)
{
  if (g_strcmp0 (oauth_error, "invalid_grant") == 0
      || g_strcmp0 (oauth_error, "inactive_user") == 0
      || g_strcmp0 (oauth_error, "inactive_org") == 0)
    return FREIGHT_AUTH_ERROR_INVALID_GRANT;
  if (g_strcmp0 (oauth_error, "invalid_client") == 0
      || g_strcmp0 (oauth_error, "invalid_client_id") == 0
      || g_strcmp0 (oauth_error, "invalid_client_credentials") == 0)
    return FREIGHT_AUTH_ERROR_INVALID_CLIENT;
  if (g_strcmp0 (oauth_error, "unsupported_grant_type") == 0)
    return FREIGHT_AUTH_ERROR_UNSUPPORTED_GRANT;
  if (g_strcmp0 (oauth_error, "invalid_request") == 0)
    return FREIGHT_AUTH_ERROR_INVALID_REQUEST;
  return FREIGHT_AUTH_ERROR_FAILED;
}

static const char *
status_phrase (guint status)
{
  switch (status)
    {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 412: return "Precondition Failed";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default:  return "";
    }
}

static const char *
advice_for_status (guint status)
{
  if (status == 429 || status == 503)
    return _("The org is busy; wait a few minutes and try again.");
  if (status >= 500)
    return _("The server failed; try again later.");
  if (status == 404)
    return _("Check the instance URL and the API version.");
  return "";
}

/**
 * _freight_http_error_from_answer:
 * @method: the request's method
 * @url: the request's URL
 * @status: the HTTP status, 300 or more
 * @body: (nullable): the answer's body
 * @len: its length
 *
 * Turns an error answer into a GError: Salesforce's `[{"errorCode","message"}]` into a
 * FREIGHT_API_ERROR carrying errorCode, OAuth's `{"error","error_description"}` into a
 * FREIGHT_AUTH_ERROR carrying error, anything else into a FREIGHT_API_ERROR by status.
 *
 * Returns: (transfer full): the error
 */
GError *
_freight_http_error_from_answer (const char   *method,
                                 const char   *url,
                                 guint         status,
                                 const guint8 *body,
                                 gsize         len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *safe_url = _freight_http_redact_url (url);
  GError *error = NULL;
  JsonNode *root = NULL;
  JsonObject *object = NULL;

  if (body != NULL && len > 0 && json_parser_load_from_data (parser, (const char *) body,
                                                             len, NULL))
    root = json_parser_get_root (parser);

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root)
      && json_array_get_length (json_node_get_array (root)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (root), 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        object = json_node_get_object (first);
    }
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    object = json_node_get_object (root);

  if (object != NULL && json_object_has_member (object, "error")
      && !json_object_has_member (object, "errorCode"))
    {
      const char *oauth_error = json_object_get_string_member_with_default (object, "error",
                                                                           NULL);
      const char *description =
        json_object_get_string_member_with_default (object, "error_description", NULL);

      if (oauth_error != NULL)
        {
          freight_set_remote_error (&error, FREIGHT_AUTH_ERROR,
                                    auth_code_for_oauth_error (oauth_error),
                                    status, oauth_error,
                                    "%s (%s)",
                                    description != NULL && *description != '\0'
                                      ? description : oauth_error,
                                    oauth_error);
          return error;
        }
    }

  if (object != NULL && json_object_has_member (object, "errorCode"))
    {
      const char *error_code = json_object_get_string_member_with_default (object,
                                                                          "errorCode",
                                                                          NULL);
      const char *message = json_object_get_string_member_with_default (object, "message",
                                                                        NULL);
      g_autoptr(GString) fields = g_string_new (NULL);

      if (json_object_has_member (object, "fields")
          && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "fields")))
        {
          JsonArray *array = json_object_get_array_member (object, "fields");

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              const char *field = json_node_get_string (json_array_get_element (array, i));

              if (field == NULL)
                continue;
              if (fields->len > 0)
                g_string_append (fields, ", ");
              g_string_append (fields, field);
            }
        }

      if (error_code != NULL)
        {
          int code = api_code_for_status (status);

          if (fields->len > 0)
            freight_set_remote_error (&error, FREIGHT_API_ERROR, code, status, error_code,
                                      _("%s (%s; fields: %s)"),
                                      message != NULL ? message : error_code, error_code,
                                      fields->str);
          else
            freight_set_remote_error (&error, FREIGHT_API_ERROR, code, status, error_code,
                                      "%s (%s)",
                                      message != NULL ? message : error_code, error_code);
          return error;
        }
    }

  freight_set_remote_error (&error, FREIGHT_API_ERROR, api_code_for_status (status), status,
                            NULL,
                            _("The server answered HTTP %u %s to %s %s. %s"),
                            status, status_phrase (status), method, safe_url,
                            advice_for_status (status));
  return error;
}
