/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-oauth"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-http-error.h"
#include "freight-loopback-server.h"

/* The OAuth loopback redirect listener: a tiny HTTP/1.1 server on 127.0.0.1 (never on
 * another interface) that waits for the browser to come back from the authorize page to
 * one path, e.g. /OauthRedirect?code=…&state=…. It hands that request's query to the
 * caller and holds the browser's connection until the caller answers with a success or
 * failure page. Any other request (a favicon, a second tab) gets a short page and is
 * closed. Besides the HTTP layer, this is the only socket Freight opens.
 *
 * Everything runs in the main context that was the thread's default when
 * freight_loopback_server_wait_async() was called; no thread is involved. */

#define MAX_HEAD_BYTES       16384
#define CLIENT_TIMEOUT_SECS  20

typedef struct _Client Client;

struct _FreightLoopbackServer
{
  GObject          parent_instance;

  char            *path;
  GSocketListener *listener;
  GCancellable    *stop_cancellable;
  guint            port;
  gboolean         accepting;

  GList           *clients;       /* Client, open connections */
  Client          *held;          /* the redirect, waiting for freight_loopback_server_respond() */
  GTask           *wait_task;
  GSource         *cancel_source;
};

struct _Client
{
  FreightLoopbackServer *server;
  GSocketConnection     *connection;
  GCancellable          *cancellable;
  GByteArray            *head;
  guint8                 buffer[2048];
  GSource               *timeout;
  char                  *reply;
  gboolean               busy;      /* a read or write is pending */
  gboolean               closing;
};

G_DEFINE_FINAL_TYPE (FreightLoopbackServer, freight_loopback_server, G_TYPE_OBJECT)

static void accept_next (FreightLoopbackServer *self);

static void
client_free (Client *client)
{
  g_io_stream_close (G_IO_STREAM (client->connection), NULL, NULL);
  g_clear_pointer (&client->head, g_byte_array_unref);
  g_clear_object (&client->connection);
  g_clear_object (&client->cancellable);
  g_clear_pointer (&client->reply, g_free);
  g_clear_object (&client->server);
  g_free (client);
}

static void
client_stop_timeout (Client *client)
{
  if (client->timeout != NULL)
    {
      g_source_destroy (client->timeout);
      g_clear_pointer (&client->timeout, g_source_unref);
    }
}

/* Forgets the client and aborts its pending read; its memory and connection go as soon
 * as no operation of its is pending. Do not touch @client afterwards. */
static void
client_close (Client *client)
{
  FreightLoopbackServer *self = client->server;

  if (!client->closing)
    {
      client->closing = TRUE;
      self->clients = g_list_remove (self->clients, client);
      if (self->held == client)
        self->held = NULL;
      client_stop_timeout (client);
      g_cancellable_cancel (client->cancellable);
    }
  if (!client->busy)
    client_free (client);
}

static char *
build_page (gboolean    success,
            const char *title,
            const char *message)
{
  g_autofree char *title_html = g_markup_escape_text (title, -1);
  g_autofree char *message_html = g_markup_escape_text (message, -1);

  return g_strdup_printf (
    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width\">"
    "<title>%s</title><style>"
    "body{font-family:Cantarell,system-ui,sans-serif;background:#fafafa;color:#2e3436;"
    "margin:0}main{max-width:32rem;margin:5rem auto;padding:2rem;background:#fff;"
    "border-radius:12px;box-shadow:0 1px 4px #0002}h1{font-size:1.4rem;color:%s}"
    "p{line-height:1.5}</style></head><body><main><h1>%s</h1><p>%s</p></main>"
    "</body></html>\n",
    title_html, success ? "#26a269" : "#c01c28", title_html, message_html);
}

static void
write_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;

  client->busy = FALSE;
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    g_debug ("Could not answer the browser: %s", error->message);
  client_close (client);
}

/* Sends one complete answer, then closes the connection. */
static void
client_reply (Client     *client,
              guint       status,
              const char *reason,
              gboolean    success,
              const char *title,
              const char *message)
{
  g_autofree char *page = build_page (success, title, message);
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (client->connection));

  client_stop_timeout (client);

  /* No caching, no referrer (the URL held the code), nothing loaded from elsewhere. */
  client->reply = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                                   "Content-Type: text/html; charset=utf-8\r\n"
                                   "Content-Length: %zu\r\n"
                                   "Cache-Control: no-store\r\n"
                                   "Referrer-Policy: no-referrer\r\n"
                                   "Content-Security-Policy: default-src 'none'; "
                                   "style-src 'unsafe-inline'\r\n"
                                   "X-Content-Type-Options: nosniff\r\n"
                                   "Connection: close\r\n"
                                   "\r\n%s",
                                   status, reason, strlen (page), page);
  client->busy = TRUE;
  g_output_stream_write_all_async (out, client->reply, strlen (client->reply),
                                   G_PRIORITY_DEFAULT, NULL, write_done, client);
}

static gboolean
client_timed_out (gpointer user_data)
{
  Client *client = user_data;

  g_debug ("A connection to the loopback listener sent no request in time");
  g_clear_pointer (&client->timeout, g_source_unref);
  client_close (client);
  return G_SOURCE_REMOVE;
}

static void
complete_wait (FreightLoopbackServer *self,
               GHashTable            *params,
               GError                *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->wait_task);

  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  if (task == NULL)
    return;
  if (params != NULL)
    g_task_return_pointer (task, params, (GDestroyNotify) g_hash_table_unref);
  else
    g_task_return_error (task, error);
}

static void
handle_head (Client *client)
{
  FreightLoopbackServer *self = client->server;
  g_autofree char *head = g_strndup ((const char *) client->head->data, client->head->len);
  g_auto(GStrv) request_line = NULL;
  const char *target;
  const char *query;
  g_autofree char *path = NULL;
  GHashTable *params;
  char *eol;

  eol = strpbrk (head, "\r\n");
  if (eol != NULL)
    *eol = '\0';
  request_line = g_strsplit (head, " ", 3);

  if (g_strv_length (request_line) != 3 || !g_str_has_prefix (request_line[2], "HTTP/1."))
    {
      client_reply (client, 400, "Bad Request", FALSE, _("Freight"),
                    _("This is Freight’s sign-in listener. Return to Freight."));
      return;
    }

  target = request_line[1];
  query = strchr (target, '?');
  path = query != NULL ? g_strndup (target, query - target) : g_strdup (target);

  if (g_strcmp0 (path, self->path) != 0)
    {
      client_reply (client, 404, "Not Found", FALSE, _("Freight"),
                    _("This is Freight’s sign-in listener. Return to Freight."));
      return;
    }

  if (!g_str_equal (request_line[0], "GET"))
    {
      client_reply (client, 405, "Method Not Allowed", FALSE, _("Freight"),
                    _("This is Freight’s sign-in listener. Return to Freight."));
      return;
    }

  if (self->wait_task == NULL || self->held != NULL)
    {
      client_reply (client, 409, "Conflict", FALSE, _("Sign-in already handled"),
                    _("Freight is not waiting for this sign-in any more. Return to Freight "
                      "and start the sign-in again if you need to."));
      return;
    }

  params = query != NULL
           ? g_uri_parse_params (query + 1, -1, "&", G_URI_PARAMS_WWW_FORM, NULL)
           : NULL;
  if (params == NULL)
    params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* The browser waits for the caller's verdict; the caller answers soon. */
  client_stop_timeout (client);
  self->held = client;
  g_debug ("The browser came back to the loopback listener");
  complete_wait (self, params, NULL);
}

static gssize
find_head_end (GByteArray *head)
{
  for (guint i = 0; i + 1 < head->len; i++)
    {
      if (head->data[i] == '\n' && head->data[i + 1] == '\n')
        return i + 2;
      if (i + 3 < head->len && memcmp (head->data + i, "\r\n\r\n", 4) == 0)
        return i + 4;
    }
  return -1;
}

static void client_read (Client *client);

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;
  gssize n;

  client->busy = FALSE;
  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (n <= 0 || client->closing)
    {
      client_close (client);
      return;
    }

  g_byte_array_append (client->head, client->buffer, n);
  if (find_head_end (client->head) >= 0)
    {
      handle_head (client);
      return;
    }
  if (client->head->len > MAX_HEAD_BYTES)
    {
      client_reply (client, 431, "Request Header Fields Too Large", FALSE, _("Freight"),
                    _("This is Freight’s sign-in listener. Return to Freight."));
      return;
    }
  client_read (client);
}

static void
client_read (Client *client)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (client->connection));

  client->busy = TRUE;
  g_input_stream_read_async (in, client->buffer, sizeof client->buffer, G_PRIORITY_DEFAULT,
                             client->cancellable, read_done, client);
}

static void
accept_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FreightLoopbackServer) self = user_data;
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;
  Client *client;

  self->accepting = FALSE;
  connection = g_socket_listener_accept_finish (G_SOCKET_LISTENER (source), result, NULL,
                                                &error);
  if (connection == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
        {
          g_debug ("The loopback listener could not accept a connection: %s", error->message);
          accept_next (self);
        }
      return;
    }

  client = g_new0 (Client, 1);
  client->server = g_object_ref (self);
  client->connection = connection;
  client->cancellable = g_cancellable_new ();
  client->head = g_byte_array_new ();
  client->timeout = g_timeout_source_new_seconds (CLIENT_TIMEOUT_SECS);
  g_source_set_callback (client->timeout, client_timed_out, client, NULL);
  g_source_set_static_name (client->timeout, "[freight] loopback client timeout");
  g_source_attach (client->timeout, g_main_context_get_thread_default ());
  self->clients = g_list_prepend (self->clients, client);
  client_read (client);

  accept_next (self);
}

static void
accept_next (FreightLoopbackServer *self)
{
  if (self->accepting || self->listener == NULL
      || g_cancellable_is_cancelled (self->stop_cancellable))
    return;
  self->accepting = TRUE;
  g_socket_listener_accept_async (self->listener, self->stop_cancellable, accept_done,
                                  g_object_ref (self));
}

static void
freight_loopback_server_dispose (GObject *object)
{
  FreightLoopbackServer *self = FREIGHT_LOOPBACK_SERVER (object);

  freight_loopback_server_stop (self);

  G_OBJECT_CLASS (freight_loopback_server_parent_class)->dispose (object);
}

static void
freight_loopback_server_finalize (GObject *object)
{
  FreightLoopbackServer *self = FREIGHT_LOOPBACK_SERVER (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->stop_cancellable);

  G_OBJECT_CLASS (freight_loopback_server_parent_class)->finalize (object);
}

static void
freight_loopback_server_class_init (FreightLoopbackServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = freight_loopback_server_dispose;
  object_class->finalize = freight_loopback_server_finalize;
}

static void
freight_loopback_server_init (FreightLoopbackServer *self)
{
  self->stop_cancellable = g_cancellable_new ();
}

/**
 * freight_loopback_server_new:
 * @path: the redirect path to wait for, e.g. "/OauthRedirect"
 *
 * Returns: (transfer full): a server that does not listen yet
 */
FreightLoopbackServer *
freight_loopback_server_new (const char *path)
{
  FreightLoopbackServer *self;

  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  self = g_object_new (FREIGHT_TYPE_LOOPBACK_SERVER, NULL);
  self->path = g_strdup (path);
  return self;
}

const char *
freight_loopback_server_get_path (FreightLoopbackServer *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOOPBACK_SERVER (self), NULL);
  return self->path;
}

/**
 * freight_loopback_server_listen:
 * @self: a server
 * @port: the TCP port on 127.0.0.1, or 0 for any free one
 * @error: return location for a FREIGHT_AUTH_ERROR_LISTENER
 *
 * Opens the listening socket. Connections are accepted once
 * freight_loopback_server_wait_async() runs.
 *
 * Returns: %TRUE when listening
 */
gboolean
freight_loopback_server_listen (FreightLoopbackServer  *self,
                                guint                   port,
                                GError                **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GSocketListener) listener = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (FREIGHT_IS_LOOPBACK_SERVER (self), FALSE);
  g_return_val_if_fail (self->listener == NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);

  listener = g_socket_listener_new ();
  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  if (!g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &effective, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_LISTENER,
                     _("Port %u on 127.0.0.1 is in use by another program, perhaps another "
                       "sign-in. Finish or close that one, or choose another port (it must "
                       "match the callback URL of the connected app)."), port);
      else
        g_set_error (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_LISTENER,
                     _("Freight could not listen on 127.0.0.1 port %u for the browser’s "
                       "answer: %s"), port, local_error->message);
      return FALSE;
    }

  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  self->listener = g_steal_pointer (&listener);
  g_debug ("Listening for the OAuth redirect on 127.0.0.1:%u%s", self->port, self->path);
  return TRUE;
}

/**
 * freight_loopback_server_get_port:
 * @self: a server
 *
 * Returns: the port it listens on (the chosen one when 0 was asked), or 0
 */
guint
freight_loopback_server_get_port (FreightLoopbackServer *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOOPBACK_SERVER (self), 0);
  return self->port;
}

static gboolean
wait_cancelled (GCancellable *cancellable,
                gpointer      user_data)
{
  FreightLoopbackServer *self = user_data;
  GError *error = NULL;

  g_cancellable_set_error_if_cancelled (cancellable, &error);
  complete_wait (self, NULL, error);
  return G_SOURCE_REMOVE;
}

/**
 * freight_loopback_server_wait_async:
 * @self: a listening server
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the browser came back to the path
 * @user_data: data for @callback
 *
 * Waits for the first GET of the redirect path. Answer that request with
 * freight_loopback_server_respond() once the caller knows the outcome.
 */
void
freight_loopback_server_wait_async (FreightLoopbackServer *self,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FREIGHT_IS_LOOPBACK_SERVER (self));
  g_return_if_fail (self->wait_task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_loopback_server_wait_async);

  if (self->listener == NULL || g_cancellable_is_cancelled (self->stop_cancellable))
    {
      g_task_return_new_error (task, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_LISTENER,
                               _("The sign-in listener is closed. Start the sign-in again."));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  self->wait_task = g_steal_pointer (&task);
  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (wait_cancelled), self, NULL);
      g_source_set_static_name (self->cancel_source, "[freight] loopback wait cancelled");
      g_source_attach (self->cancel_source, g_main_context_get_thread_default ());
    }
  accept_next (self);
}

/**
 * freight_loopback_server_wait_finish:
 * @self: a server
 * @result: the result given to the callback
 * @error: return location for an error (G_IO_ERROR_CANCELLED when cancelled)
 *
 * Returns: (transfer full) (element-type utf8 utf8): the decoded query parameters of the
 *   redirect, e.g. code and state, or error and error_description
 */
GHashTable *
freight_loopback_server_wait_finish (FreightLoopbackServer  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == freight_loopback_server_wait_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * freight_loopback_server_respond:
 * @self: a server
 * @success: whether the sign-in worked (the page is green or red)
 * @title: the page's heading
 * @message: one paragraph for the user
 *
 * Answers the redirect request the wait returned, then closes its connection. Does
 * nothing when there is none.
 */
void
freight_loopback_server_respond (FreightLoopbackServer *self,
                                 gboolean               success,
                                 const char            *title,
                                 const char            *message)
{
  Client *client;

  g_return_if_fail (FREIGHT_IS_LOOPBACK_SERVER (self));
  g_return_if_fail (title != NULL && message != NULL);

  client = g_steal_pointer (&self->held);
  if (client == NULL || client->closing)
    return;
  client_reply (client, success ? 200 : 400, success ? "OK" : "Bad Request", success, title,
                message);
}

/**
 * freight_loopback_server_stop:
 * @self: a server
 *
 * Closes the listening socket and every open connection; a pending wait ends with
 * G_IO_ERROR_CANCELLED.
 */
void
freight_loopback_server_stop (FreightLoopbackServer *self)
{
  g_return_if_fail (FREIGHT_IS_LOOPBACK_SERVER (self));

  g_cancellable_cancel (self->stop_cancellable);
  if (self->listener != NULL)
    {
      g_socket_listener_close (self->listener);
      g_clear_object (&self->listener);
    }
  while (self->clients != NULL)
    client_close (self->clients->data);
  self->held = NULL;

  if (self->wait_task != NULL)
    complete_wait (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                    _("The sign-in was stopped.")));
}
