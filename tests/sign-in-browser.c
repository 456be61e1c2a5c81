/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "sign-in-browser.h"

struct _SignInBrowser
{
  GThread             *thread;
  char                *url;
  SignInBrowserMode    mode;
  char                *username;
  char                *password;
  SignInBrowserResult *result;
};

static gboolean
accept_any_certificate (SoupMessage          *msg,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        gpointer              user_data)
{
  return TRUE;
}

static char *
unescape_html (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      static const struct { const char *entity; char c; } entities[] = {
        { "&amp;", '&' }, { "&quot;", '"' }, { "&lt;", '<' }, { "&gt;", '>' },
        { "&#39;", '\'' }, { "&apos;", '\'' },
      };
      gboolean done = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (entities) && *p == '&'; i++)
        if (g_str_has_prefix (p, entities[i].entity))
          {
            g_string_append_c (out, entities[i].c);
            p += strlen (entities[i].entity) - 1;
            done = TRUE;
            break;
          }
      if (!done)
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The hidden inputs of the login form, as a form body with the user's answers. */
static char *
form_body (const char        *html,
           SignInBrowserMode  mode,
           const char        *username,
           const char        *password)
{
  g_autoptr(GRegex) regex = g_regex_new ("<input type=\"hidden\" name=\"([^\"]+)\" "
                                         "value=\"([^\"]*)\">", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) body = g_string_new (NULL);

  g_regex_match (regex, html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *raw = g_match_info_fetch (match, 2);
      g_autofree char *value = unescape_html (raw);
      g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

      g_string_append_printf (body, "%s%s=%s", body->len > 0 ? "&" : "", name, escaped);
      g_match_info_next (match, NULL);
    }

  {
    g_autofree char *user = g_uri_escape_string (username, NULL, FALSE);
    g_autofree char *pass = g_uri_escape_string (mode == SIGN_IN_BROWSER_WRONG_PASSWORD
                                                 ? "not-the-password" : password, NULL, FALSE);

    g_string_append_printf (body, "&username=%s&password=%s&action=%s", user, pass,
                            mode == SIGN_IN_BROWSER_DENY ? "deny" : "allow");
  }
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static char *
forge_state (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_hash_table_insert (params, g_strdup ("state"), g_strdup ("forged-by-another-page"));
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

      g_string_append_printf (query, "%s%s=%s", query->len > 0 ? "&" : "", (char *) key,
                              escaped);
    }
  return g_strdup_printf ("%s://%s:%d%s?%s", g_uri_get_scheme (uri), g_uri_get_host (uri),
                          g_uri_get_port (uri), g_uri_get_path (uri), query->str);
}

static gpointer
browse (gpointer data)
{
  SignInBrowser *self = data;
  SignInBrowserResult *result = g_new0 (SignInBrowserResult, 1);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autofree char *url = g_strdup (self->url);
  g_autofree char *post_body = NULL;

  for (guint hops = 0; hops < 10; hops++)
    {
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      const char *location;
      g_autofree char *text = NULL;

      if (post_body != NULL)
        {
          g_autoptr(GUri) base = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
          g_autoptr(GUri) action = g_uri_parse_relative (base, "/services/oauth2/authorize",
                                                         G_URI_FLAGS_NONE, NULL);
          g_autofree char *action_url = g_uri_to_string (action);
          g_autoptr(GBytes) bytes = g_bytes_new (post_body, strlen (post_body));

          msg = soup_message_new ("POST", action_url);
          soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded",
                                                    bytes);
          g_clear_pointer (&post_body, g_free);
          result->posted_form = TRUE;
        }
      else
        msg = soup_message_new ("GET", url);

      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
      body = soup_session_send_and_read (session, msg, NULL, &error);
      g_free (result->final_url);
      result->final_url = g_strdup (url);
      if (body == NULL)
        {
          result->error = g_strdup (error->message);
          break;
        }

      result->final_status = soup_message_get_status (msg);
      text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      location = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                               "Location");

      if (SOUP_STATUS_IS_REDIRECTION (result->final_status) && location != NULL)
        {
          g_free (url);
          url = g_str_has_prefix (location, "http://localhost")
                && self->mode == SIGN_IN_BROWSER_FORGE_STATE
                ? forge_state (location) : g_strdup (location);
          continue;
        }

      g_free (result->final_body);
      result->final_body = g_steal_pointer (&text);
      if (result->final_status == 200 && strstr (result->final_body, "<form") != NULL
          && !result->posted_form)
        {
          post_body = form_body (result->final_body, self->mode, self->username,
                                 self->password);
          continue;
        }
      break;
    }

  self->result = result;
  return NULL;
}

SignInBrowser *
sign_in_browser_open (const char        *authorize_url,
                      SignInBrowserMode  mode,
                      const char        *username,
                      const char        *password)
{
  SignInBrowser *self = g_new0 (SignInBrowser, 1);

  self->url = g_strdup (authorize_url);
  self->mode = mode;
  self->username = g_strdup (username);
  self->password = g_strdup (password);
  self->thread = g_thread_new ("test-browser", browse, self);
  return self;
}

/* Waits for the browser to finish; iterate the main context meanwhile if the listener
 * runs there. */
SignInBrowserResult *
sign_in_browser_close (SignInBrowser *self)
{
  SignInBrowserResult *result;

  g_thread_join (self->thread);
  result = self->result;
  g_free (self->url);
  g_free (self->username);
  g_free (self->password);
  g_free (self);
  return result;
}

void
sign_in_browser_result_free (SignInBrowserResult *result)
{
  if (result == NULL)
    return;
  g_free (result->final_url);
  g_free (result->final_body);
  g_free (result->error);
  g_free (result);
}
