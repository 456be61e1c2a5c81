/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for what the HTTP layer reads from servers and writes to debug logs.
 * The first input byte picks a status; the rest is an answer body, a form, a header or a
 * Retry-After value. Checks:
 * - every error answer becomes a FREIGHT_API_ERROR or FREIGHT_AUTH_ERROR with a valid
 *   UTF-8 message;
 * - redacted forms and JSON keep no value of a secret field or member;
 * - Retry-After parses to -1 or a delay, never a negative one. */
#include "config.h"

#include <string.h>

#include "freight.h"
#include "freight-http-private.h"

static void
check_form (const char *text,
            gsize       len)
{
  g_autofree char *redacted = _freight_http_redact_form (text, len);
  g_auto(GStrv) pairs = g_strsplit (redacted, "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *name = NULL;

      if (eq == NULL)
        continue;
      name = g_uri_unescape_segment (pairs[i], eq, NULL);
      if (name == NULL || _freight_http_is_secret_name (name, -1))
        g_assert_cmpstr (eq + 1, ==, "[REDACTED]");
    }
}

static void
check_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);

          if (_freight_http_is_secret_name (l->data, -1) && !JSON_NODE_HOLDS_NULL (member))
            g_assert_cmpstr (json_node_get_string (member), ==, "[REDACTED]");
          else
            check_node (member);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        check_node (json_array_get_element (array, i));
    }
}

static void
check_json (const char *text,
            gsize       len)
{
  g_autofree char *redacted = _freight_http_redact_json (text, len);
  g_autoptr(JsonParser) parser = NULL;

  if (redacted == NULL)
    return;

  parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (parser, redacted, -1, NULL));
  check_node (json_parser_get_root (parser));
}

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = NULL;
  g_autofree char *header = NULL;
  g_autofree char *described = NULL;
  g_autofree char *url = NULL;
  GError *error;
  guint status;

  if (size < 1)
    return 0;

  status = 300 + data[0] * 3 % 300;
  data++;
  size--;

  error = _freight_http_error_from_answer ("GET", "https://x.test/services/data", status,
                                           data, size);
  g_assert_true (error->domain == FREIGHT_API_ERROR || error->domain == FREIGHT_AUTH_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (freight_error_get_http_status (error), ==, status);
  g_error_free (error);

  /* The rest as text, up to its first NUL. */
  text = g_strndup ((const char *) data, size);
  check_form (text, strlen (text));
  check_json (text, strlen (text));
  g_assert_cmpint (_freight_http_parse_retry_after (text, 1445412480), >=, -1);

  header = _freight_http_redact_header (text, strlen (text));
  if (g_ascii_strncasecmp (text, "Authorization:", 14) == 0)
    g_assert_true (g_str_has_suffix (header, "[REDACTED]"));

  described = _freight_http_describe_body ("application/json", data, size);
  g_assert_true (g_utf8_validate (described, -1, NULL));
  g_clear_pointer (&described, g_free);
  described = _freight_http_describe_body ("application/x-www-form-urlencoded", data, size);
  g_assert_true (g_utf8_validate (described, -1, NULL));

  url = g_strconcat ("https://x.test/a?", text, NULL);
  g_free (_freight_http_redact_url (url));

  return 0;
}
