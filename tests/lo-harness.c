/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "lo-harness.h"

struct _LoHarness
{
  GSubprocess *process;
  char        *url;
  char        *access_token;
  SoupSession *session;
  gboolean     fresh_connections;
};

/* The org's TLS certificate in tests is self-signed. */
static gboolean
accept_any_certificate (SoupMessage          *msg,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        gpointer              user_data)
{
  return TRUE;
}

static void
child_setup (gpointer data)
{
  /* The org dies with the test, even when an assertion aborts it. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/**
 * lo_harness_start_full:
 * @extra_args: (nullable): more command-line options for freight-local-org
 * @log_in: get an access token for the demo user
 *
 * Returns: (nullable): the running org, or %NULL with @error set.
 */
LoHarness *
lo_harness_start_full (const char * const *extra_args,
                       gboolean            log_in,
                       GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(LoHarness) self = g_new0 (LoHarness, 1);
  const char *binary = g_getenv ("FREIGHT_LOCAL_ORG");
  gsize len;

  if (binary == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "FREIGHT_LOCAL_ORG is not set (run the tests through meson)");
      return NULL;
    }
  g_ptr_array_add (argv, (gpointer) binary);
  g_ptr_array_add (argv, (gpointer) "--port=0");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra_args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                error);
  if (self->process == NULL)
    return NULL;
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  self->url = g_data_input_stream_read_line_utf8 (out, &len, NULL, error);
  if (self->url == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "freight-local-org exited before printing its URL");
      return NULL;
    }
  self->session = soup_session_new_with_options ("timeout", 60, NULL);
  if (log_in)
    {
      self->access_token = lo_harness_password_login (self, error);
      if (self->access_token == NULL)
        return NULL;
    }
  return g_steal_pointer (&self);
}

/* Starts an org and logs in, or fails the test. */
LoHarness *
lo_harness_start (const char * const *extra_args)
{
  g_autoptr(GError) error = NULL;
  LoHarness *self = lo_harness_start_full (extra_args, TRUE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (self);
  return self;
}

/* Stops the org with SIGTERM and checks that it exits cleanly. */
void
lo_harness_stop (LoHarness *self)
{
  g_autoptr(GError) error = NULL;

  if (self->process == NULL)
    return;
  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (self->process));
  g_assert_cmpint (g_subprocess_get_exit_status (self->process), ==, 0);
  g_clear_object (&self->process);
}

void
lo_harness_free (LoHarness *self)
{
  if (self == NULL)
    return;
  if (self->process != NULL)
    {
      g_subprocess_force_exit (self->process);
      g_subprocess_wait (self->process, NULL, NULL);
      g_clear_object (&self->process);
    }
  g_clear_object (&self->session);
  g_free (self->url);
  g_free (self->access_token);
  g_free (self);
}

const char *
lo_harness_get_url (LoHarness *self)
{
  return self->url;
}

const char *
lo_harness_get_access_token (LoHarness *self)
{
  return self->access_token;
}

GPid
lo_harness_get_pid (LoHarness *self)
{
  const char *id = self->process ? g_subprocess_get_identifier (self->process) : NULL;

  return id ? (GPid) g_ascii_strtoll (id, NULL, 10) : 0;
}

/* A password-grant login as the demo user through the org's connected app. */
char *
lo_harness_password_login (LoHarness  *self,
                           GError    **error)
{
  g_autoptr(LoResponse) r = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *form = NULL;

  form = soup_form_encode ("grant_type", "password", "client_id", LO_HARNESS_CONSUMER_KEY,
                           "client_secret", LO_HARNESS_CONSUMER_SECRET,
                           "username", LO_HARNESS_USERNAME, "password", LO_HARNESS_PASSWORD,
                           NULL);
  r = lo_harness_request (self, "POST", "/services/oauth2/token",
                          "application/x-www-form-urlencoded", form, -1, "");
  json = r->status == 200 ? lo_response_get_json (r) : NULL;
  if (json == NULL || !JSON_NODE_HOLDS_OBJECT (json))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "login failed (%u): %s", r->status,
                   r->text);
      return NULL;
    }
  return g_strdup (json_object_get_string_member (json_node_get_object (json),
                                                  "access_token"));
}

/**
 * lo_harness_request:
 * @path: a path on the org, or an absolute URL
 * @token: (nullable): %NULL for the harness's access token, "" for none
 */
LoResponse *
lo_harness_request (LoHarness  *self,
                    const char *method,
                    const char *path,
                    const char *content_type,
                    const char *body,
                    gssize      length,
                    const char *token)
{
  g_autofree char *url = g_str_has_prefix (path, "http") ? g_strdup (path)
                                                         : g_strconcat (self->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  LoResponse *response = g_new0 (LoResponse, 1);
  gsize size;

  g_assert_nonnull (msg);
  /* Tests see redirects as they are (the OAuth authorize flow answers 302). */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (self->fresh_connections)
    soup_message_add_flags (msg, SOUP_MESSAGE_NEW_CONNECTION);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
  if (token == NULL)
    token = self->access_token;
  if (token != NULL && token[0] != '\0')
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  response->body = soup_session_send_and_read (self->session, msg, NULL, &error);
  if (response->body == NULL)
    {
      response->body = g_bytes_new (NULL, 0);
      response->status = 0;
      response->text = g_strdup (error ? error->message : "");
      return response;
    }
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  g_bytes_get_data (response->body, &size);
  response->text = g_strndup (g_bytes_get_data (response->body, NULL), size);
  return response;
}

/* A PUT whose body goes out with Transfer-Encoding: chunked, as jsforce sends uploads. */
LoResponse *
lo_harness_put_chunked (LoHarness  *self,
                        const char *path,
                        const char *data,
                        gsize       length)
{
  g_autofree char *url = g_strconcat (self->url, path, NULL);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", self->access_token);
  g_autoptr(SoupMessage) msg = soup_message_new ("PUT", url);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, length, NULL);
  g_autoptr(GError) error = NULL;
  LoResponse *response = g_new0 (LoResponse, 1);
  gsize size;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (self->fresh_connections)
    soup_message_add_flags (msg, SOUP_MESSAGE_NEW_CONNECTION);
  soup_message_set_request_body (msg, "text/csv", stream, -1);
  response->body = soup_session_send_and_read (self->session, msg, NULL, &error);
  if (response->body == NULL)
    response->body = g_bytes_new (NULL, 0);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  g_bytes_get_data (response->body, &size);
  response->text = g_strndup (g_bytes_get_data (response->body, NULL), size);
  return response;
}

/* Sends each request on a new connection, so that libsoup never silently repeats an
 * idempotent request whose reused connection broke (fault tests want to see the break). */
void
lo_harness_set_fresh_connections (LoHarness *self,
                                  gboolean   fresh)
{
  self->fresh_connections = fresh;
}

LoResponse *
lo_harness_get (LoHarness  *self,
                const char *path)
{
  return lo_harness_request (self, "GET", path, NULL, NULL, 0, NULL);
}

LoResponse *
lo_harness_post_json (LoHarness  *self,
                      const char *path,
                      const char *json)
{
  return lo_harness_request (self, "POST", path, "application/json", json, -1, NULL);
}

LoResponse *
lo_harness_post_form (LoHarness  *self,
                      const char *path,
                      const char *form)
{
  return lo_harness_request (self, "POST", path, "application/x-www-form-urlencoded", form, -1,
                             "");
}

JsonNode *
lo_response_get_json (LoResponse *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, response->text, -1, NULL))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

const char *
lo_response_get_header (LoResponse *response,
                        const char *name)
{
  return response->headers ? soup_message_headers_get_one (response->headers, name) : NULL;
}

void
lo_response_free (LoResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->text);
  g_free (response);
}

JsonObject *
lo_harness_wait_for_job (LoHarness  *self,
                         const char *job_path)
{
  for (int i = 0; i < 600; i++)
    {
      g_autoptr(LoResponse) r = lo_harness_get (self, job_path);
      g_autoptr(JsonNode) json = NULL;
      const char *state;

      lo_assert_status (r, 200);
      json = lo_response_get_json (r);
      state = json_object_get_string_member (json_node_get_object (json), "state");
      if (g_str_equal (state, "JobComplete") || g_str_equal (state, "Failed")
          || g_str_equal (state, "Aborted"))
        return json_object_ref (json_node_get_object (json));
      g_usleep (50000);
    }
  g_error ("%s did not finish in 30 s", job_path);
  return NULL;
}
