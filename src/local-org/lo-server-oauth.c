/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-server"

#include "config.h"

#include <string.h>

#include "lo-server-private.h"

/* OAuth 2.0 (§6): token, authorize (a login-and-consent page), revoke, userinfo, and the
 * identity URL. */

static const char *
form_get (GHashTable *form,
          const char *name)
{
  const char *value = form ? g_hash_table_lookup (form, name) : NULL;

  return value != NULL && value[0] != '\0' ? value : NULL;
}

static void
reply_token (LoRequest *req,
             JsonNode  *reply,
             GError    *error)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  soup_message_headers_replace (headers, "Cache-Control", "no-cache,must-revalidate,"
                                "max-age=0,no-store,private");
  if (reply == NULL)
    {
      _lo_server_reply_oauth_error (req, SOUP_STATUS_BAD_REQUEST, lo_auth_error_code (error),
                                    error ? error->message : "authentication failure");
      return;
    }
  _lo_server_reply_json (req, SOUP_STATUS_OK, reply);
}

/* client_credentials and others may send the client in HTTP Basic auth. */
static void
basic_client (LoRequest  *req,
              char      **client_id,
              char      **client_secret)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  g_autofree guchar *decoded = NULL;
  gsize len;
  char *colon;
  g_autofree char *text = NULL;

  if (value == NULL || g_ascii_strncasecmp (value, "Basic ", 6) != 0)
    return;
  decoded = g_base64_decode (value + 6, &len);
  text = g_strndup ((const char *) decoded, len);
  colon = strchr (text, ':');
  if (colon == NULL)
    return;
  *colon = '\0';
  *client_id = g_uri_unescape_string (text, NULL);
  *client_secret = g_uri_unescape_string (colon + 1, NULL);
}

static void
handle_token (LoRequest *req)
{
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *basic_id = NULL;
  g_autofree char *basic_secret = NULL;
  LoAuth *auth = req->server->auth;
  const char *grant;
  const char *client_id;
  const char *client_secret;

  if (!g_str_equal (req->method, "POST"))
    {
      _lo_server_reply_oauth_error (req, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                                    "must use HTTP POST");
      return;
    }
  form = _lo_server_parse_form_body (req);
  basic_client (req, &basic_id, &basic_secret);
  grant = form_get (form, "grant_type");
  client_id = form_get (form, "client_id") ? form_get (form, "client_id") : basic_id;
  client_secret = form_get (form, "client_secret") ? form_get (form, "client_secret")
                                                    : basic_secret;

  if (g_strcmp0 (grant, "password") == 0)
    {
      LoUser *user;

      if (lo_auth_check_client (auth, client_id, client_secret, TRUE, &error))
        {
          user = lo_auth_check_password (auth, form_get (form, "username"),
                                         form_get (form, "password"));
          if (user == NULL)
            g_set_error_literal (&error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_GRANT,
                                 "authentication failure");
          else
            reply = lo_auth_issue (auth, user, client_id, "api web", FALSE, NULL, &error);
        }
    }
  else if (g_strcmp0 (grant, "refresh_token") == 0)
    reply = lo_auth_refresh (auth, form_get (form, "refresh_token"), client_id, client_secret,
                             &error);
  else if (g_strcmp0 (grant, "authorization_code") == 0)
    reply = lo_auth_redeem_code (auth, form_get (form, "code"), client_id, client_secret,
                                 form_get (form, "redirect_uri"),
                                 form_get (form, "code_verifier"), &error);
  else if (g_strcmp0 (grant, "urn:ietf:params:oauth:grant-type:jwt-bearer") == 0)
    {
      g_autofree char *jwt_client = NULL;
      LoUser *user = lo_auth_verify_jwt (auth, form_get (form, "assertion"), &jwt_client,
                                         &error);

      if (user != NULL)
        reply = lo_auth_issue (auth, user, jwt_client, "api web", FALSE, NULL, &error);
    }
  else if (g_strcmp0 (grant, "client_credentials") == 0)
    {
      /* The connected app runs as the org's first user (its "Run As" user). */
      if (g_strcmp0 (client_id, req->server->config->consumer_key) != 0)
        g_set_error_literal (&error, LO_AUTH_ERROR, LO_AUTH_ERROR_INVALID_CLIENT,
                             "invalid client credentials");
      else if (lo_auth_check_client (auth, client_id, client_secret, TRUE, &error))
        reply = lo_auth_issue (auth, g_ptr_array_index (req->server->schema->users, 0),
                               client_id, "api", FALSE, NULL, &error);
    }
  else
    g_set_error_literal (&error, LO_AUTH_ERROR, LO_AUTH_ERROR_UNSUPPORTED_GRANT_TYPE,
                         "grant type not supported");
  reply_token (req, reply, error);
}

static void
handle_revoke (LoRequest *req)
{
  g_autoptr(GHashTable) form = NULL;
  const char *token;

  form = g_str_equal (req->method, "POST") ? _lo_server_parse_form_body (req) : NULL;
  token = form_get (form, "token") ? form_get (form, "token")
                                   : _lo_server_query_param (req, "token");
  if (!lo_auth_revoke (req->server->auth, token))
    {
      _lo_server_reply_oauth_error (req, SOUP_STATUS_BAD_REQUEST,
                                    token ? "invalid_token" : "unsupported_token_type",
                                    token ? "invalid token" : "missing token");
      return;
    }
  soup_server_message_set_status (req->msg, SOUP_STATUS_OK, NULL);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_urls (JsonBuilder *b,
          LoRequest   *req)
{
  static const struct { const char *key, *path; } urls[] = {
    { "enterprise", "/services/Soap/c/{version}/" },
    { "metadata", "/services/Soap/m/{version}/" },
    { "partner", "/services/Soap/u/{version}/" },
    { "rest", "/services/data/v{version}/" },
    { "sobjects", "/services/data/v{version}/sobjects/" },
    { "search", "/services/data/v{version}/search/" },
    { "query", "/services/data/v{version}/query/" },
    { "recent", "/services/data/v{version}/recent/" },
    { "tooling_soap", "/services/Soap/T/{version}/" },
    { "tooling_rest", "/services/data/v{version}/tooling/" },
  };

  json_builder_set_member_name (b, "urls");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *url = g_strconcat (req->server->base_url, urls[i].path, NULL);

      add_string (b, urls[i].key, url);
    }
  json_builder_end_object (b);
}

/* The OpenID Connect userinfo the sf CLI reads at login (user_id, organization_id,
 * preferred_username). */
static void
handle_userinfo (LoRequest *req,
                 gboolean   identity)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id_url = NULL;
  g_autofree char *name = NULL;
  LoUser *user;
  LoSchema *schema = req->server->schema;

  if (!_lo_server_authenticate (req))
    return;
  user = req->session->user;
  id_url = lo_auth_identity_url (req->server->auth, user);
  name = g_strjoin (" ", user->first_name ? user->first_name : "",
                    user->last_name ? user->last_name : "", NULL);
  g_strstrip (name);

  json_builder_begin_object (b);
  if (identity)
    {
      add_string (b, "id", id_url);
      json_builder_set_member_name (b, "asserted_user");
      json_builder_add_boolean_value (b, TRUE);
      add_string (b, "user_id", user->id);
      add_string (b, "organization_id", schema->org_id);
      add_string (b, "username", user->username);
      add_string (b, "nick_name", user->alias);
      add_string (b, "display_name", name);
    }
  else
    {
      add_string (b, "sub", id_url);
      add_string (b, "user_id", user->id);
      add_string (b, "organization_id", schema->org_id);
      add_string (b, "preferred_username", user->username);
      add_string (b, "nickname", user->alias);
      add_string (b, "name", name);
    }
  add_string (b, "email", user->email);
  json_builder_set_member_name (b, "email_verified");
  json_builder_add_boolean_value (b, TRUE);
  add_string (b, identity ? "first_name" : "given_name", user->first_name);
  add_string (b, identity ? "last_name" : "family_name", user->last_name);
  add_string (b, identity ? "timezone" : "zoneinfo", user->time_zone);
  json_builder_set_member_name (b, "active");
  json_builder_add_boolean_value (b, TRUE);
  add_string (b, "user_type", "STANDARD");
  add_string (b, "language", user->language);
  add_string (b, "locale", user->locale);
  json_builder_set_member_name (b, "utcOffset");
  json_builder_add_int_value (b, 3600000);
  add_urls (b, req);
  json_builder_set_member_name (b, "is_app_installed");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  _lo_server_reply_json (req, SOUP_STATUS_OK, root);
}

void
_lo_server_handle_identity (LoRequest *req)
{
  LoSchema *schema = req->server->schema;

  if (req->n_segments != 3 || g_strcmp0 (req->segments[1], schema->org_id) != 0
      || !_lo_server_authenticate (req))
    {
      if (req->session == NULL && req->n_segments == 3
          && g_strcmp0 (req->segments[1], schema->org_id) == 0)
        return;
      _lo_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "NOT_FOUND",
                              "The requested resource does not exist");
      return;
    }
  g_clear_pointer (&req->session, lo_session_free);
  handle_userinfo (req, TRUE);
}

/* The authorize page ---------------------------------------------------------------- */

static const char *authorize_params[] = {
  "response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge",
  "code_challenge_method", "prompt", "display", "login_hint", "nonce",
};

static void
reply_html (LoRequest  *req,
            guint       status,
            const char *html)
{
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, "text/html;charset=UTF-8", SOUP_MEMORY_COPY,
                                    html, strlen (html));
}

static void
reply_page (LoRequest  *req,
            GHashTable *params,
            const char *problem)
{
  g_autoptr(GString) html = g_string_new (NULL);
  const char *client = g_hash_table_lookup (params, "client_id");
  const char *scope = g_hash_table_lookup (params, "scope");
  const char *hint = g_hash_table_lookup (params, "login_hint");
  g_autofree char *client_html = g_markup_escape_text (client ? client : "", -1);
  g_autofree char *scope_html = g_markup_escape_text (scope ? scope : "api", -1);
  g_autofree char *hint_html = g_markup_escape_text (hint ? hint : "", -1);

  g_string_append (html,
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width\">"
    "<title>Login | Freight Local Org</title><style>"
    "body{font-family:Cantarell,sans-serif;background:#f3f3f3;margin:0}"
    "main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;"
    "box-shadow:0 1px 4px #0003}h1{font-size:1.4rem}label{display:block;margin-top:1rem}"
    "input[type=text],input[type=password]{width:100%;padding:.5rem;box-sizing:border-box}"
    ".buttons{margin-top:1.5rem;display:flex;gap:1rem}button{padding:.5rem 1.2rem}"
    ".problem{color:#c01c28}</style></head><body><main>"
    "<h1>Freight Local Org</h1>");
  g_string_append_printf (html, "<p><strong>%s</strong> asks to access your data "
                          "(scopes: <code>%s</code>).</p>", client_html, scope_html);
  if (problem != NULL)
    g_string_append_printf (html, "<p class=\"problem\" role=\"alert\">%s</p>", problem);
  g_string_append (html, "<form method=\"post\" action=\"/services/oauth2/authorize\">");
  for (guint i = 0; i < G_N_ELEMENTS (authorize_params); i++)
    {
      const char *value = g_hash_table_lookup (params, authorize_params[i]);
      g_autofree char *escaped = NULL;

      if (value == NULL)
        continue;
      escaped = g_markup_escape_text (value, -1);
      g_string_append_printf (html, "<input type=\"hidden\" name=\"%s\" value=\"%s\">",
                              authorize_params[i], escaped);
    }
  g_string_append_printf (html,
    "<label for=\"username\">Username</label>"
    "<input type=\"text\" id=\"username\" name=\"username\" value=\"%s\" "
    "autocomplete=\"username\" autofocus>"
    "<label for=\"password\">Password</label>"
    "<input type=\"password\" id=\"password\" name=\"password\" "
    "autocomplete=\"current-password\">"
    "<div class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"allow\">"
    "Log In and Allow</button><button type=\"submit\" name=\"action\" value=\"deny\">"
    "Deny</button></div></form></main></body></html>", hint_html);
  reply_html (req, SOUP_STATUS_OK, html->str);
}

static void
redirect (LoRequest  *req,
          const char *redirect_uri,
          const char *first_name,
          const char *first_value,
          const char *second_name,
          const char *second_value,
          const char *state)
{
  g_autoptr(GString) url = g_string_new (redirect_uri);
  g_autofree char *v1 = g_uri_escape_string (first_value, NULL, FALSE);
  g_autofree char *v2 = second_value ? g_uri_escape_string (second_value, NULL, FALSE) : NULL;

  g_string_append_c (url, strchr (redirect_uri, '?') ? '&' : '?');
  g_string_append_printf (url, "%s=%s", first_name, v1);
  if (v2 != NULL)
    g_string_append_printf (url, "&%s=%s", second_name, v2);
  if (state != NULL)
    {
      g_autofree char *s = g_uri_escape_string (state, NULL, FALSE);

      g_string_append_printf (url, "&state=%s", s);
    }
  soup_server_message_set_redirect (req->msg, SOUP_STATUS_FOUND, url->str);
}

static void
handle_authorize (LoRequest *req)
{
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *params;
  const char *client_id;
  const char *redirect_uri;
  const char *action;
  LoUser *user;
  g_autofree char *code = NULL;

  if (g_str_equal (req->method, "POST"))
    {
      form = _lo_server_parse_form_body (req);
      params = form;
    }
  else
    params = req->query;
  if (params == NULL)
    {
      reply_html (req, SOUP_STATUS_BAD_REQUEST,
                  "<!DOCTYPE html><p>error=invalid_request: missing parameters</p>");
      return;
    }
  client_id = form_get (params, "client_id");
  redirect_uri = form_get (params, "redirect_uri");
  if (!lo_auth_check_client (req->server->auth, client_id, NULL, FALSE, &error))
    {
      g_autofree char *html = g_strdup_printf ("<!DOCTYPE html><p>error=%s: %s</p>",
                                               lo_auth_error_code (error), error->message);

      reply_html (req, SOUP_STATUS_BAD_REQUEST, html);
      return;
    }
  if (!lo_auth_redirect_uri_ok (req->server->auth, redirect_uri))
    {
      reply_html (req, SOUP_STATUS_BAD_REQUEST, "<!DOCTYPE html><p>error=redirect_uri_mismatch:"
                  " redirect_uri must match configuration</p>");
      return;
    }
  if (g_strcmp0 (form_get (params, "response_type"), "code") != 0)
    {
      redirect (req, redirect_uri, "error", "unsupported_response_type", "error_description",
                "response type not supported", form_get (params, "state"));
      return;
    }

  if (req->server->config->auto_approve && form == NULL)
    user = g_ptr_array_index (req->server->schema->users, 0);
  else if (form == NULL)
    {
      reply_page (req, params, NULL);
      return;
    }
  else
    {
      action = form_get (form, "action");
      if (g_strcmp0 (action, "deny") == 0)
        {
          redirect (req, redirect_uri, "error", "access_denied", "error_description",
                    "end-user denied authorization", form_get (form, "state"));
          return;
        }
      user = lo_auth_check_password (req->server->auth, form_get (form, "username"),
                                     form_get (form, "password"));
      if (user == NULL)
        {
          reply_page (req, params, "Please check your username and password. If you still "
                      "can't log in, contact your Salesforce administrator.");
          return;
        }
    }
  code = lo_auth_new_code (req->server->auth, user, client_id, redirect_uri,
                           form_get (params, "scope") ? form_get (params, "scope") : "api",
                           form_get (params, "code_challenge"),
                           form_get (params, "code_challenge_method"));
  redirect (req, redirect_uri, "code", code, NULL, NULL, form_get (params, "state"));
}

void
_lo_server_handle_oauth (LoRequest *req)
{
  const char *what = req->n_segments == 3 ? req->segments[2] : "";

  if (g_str_equal (what, "token"))
    handle_token (req);
  else if (g_str_equal (what, "authorize"))
    handle_authorize (req);
  else if (g_str_equal (what, "revoke"))
    handle_revoke (req);
  else if (g_str_equal (what, "userinfo"))
    handle_userinfo (req, FALSE);
  else
    _lo_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "NOT_FOUND",
                            "The requested resource does not exist");
}
