/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-server"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "lo-ingest.h"
#include "lo-server-private.h"

/* Bulk 2.0 ingest endpoints (§2). */

static const char *operations[] = { "insert", "update", "upsert", "delete", "hardDelete" };

/* Uploads ------------------------------------------------------------------------- */

/* A PUT …/batches body goes straight to a file in the job's folder, chunk by chunk, so
 * a 150 MB upload never sits in memory. */
typedef struct
{
  LoJob   *job;
  FILE    *file;
  char    *path;
  goffset  size;
  gboolean failed;
  gboolean drop;
} Upload;

static void
upload_free (gpointer data)
{
  Upload *upload = data;

  if (upload->file != NULL)
    fclose (upload->file);
  if (upload->path != NULL)
    g_unlink (upload->path);
  g_free (upload->path);
  g_clear_object (&upload->job);
  g_free (upload);
}

static void
upload_got_chunk (SoupServerMessage *msg,
                  GBytes            *chunk,
                  gpointer           user_data)
{
  Upload *upload = user_data;
  gsize len;
  const char *data = g_bytes_get_data (chunk, &len);

  if (upload->file != NULL && !upload->failed
      && fwrite (data, 1, len, upload->file) != len)
    upload->failed = TRUE;
  upload->size += len;
  if (upload->drop)
    {
      /* --faults drop-upload: the connection dies after the first chunk arrived. */
      GSocket *socket = soup_server_message_get_socket (msg);

      upload->drop = FALSE;
      upload->failed = TRUE;
      if (socket != NULL)
        g_socket_shutdown (socket, TRUE, TRUE, NULL);
    }
}

/* The job id of "/services/data/vNN.N/jobs/ingest/{id}/batches", or NULL. */
static char *
upload_job_id (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr(GPtrArray) s = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (s, parts[i]);
  if (s->len == 7 && g_str_equal (s->pdata[0], "services") && g_str_equal (s->pdata[1], "data")
      && g_str_equal (s->pdata[3], "jobs") && g_str_equal (s->pdata[4], "ingest")
      && g_str_equal (s->pdata[6], "batches"))
    return g_strdup (s->pdata[5]);
  return NULL;
}

static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  LoServer *self = user_data;
  g_autofree char *id = NULL;
  Upload *upload;

  if (!g_str_equal (soup_server_message_get_method (msg), "PUT")
      || (id = upload_job_id (path)) == NULL)
    return;

  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  upload = g_new0 (Upload, 1);
  upload->job = lo_jobs_lookup (self->jobs, LO_JOB_INGEST, id);
  /* Only an Open job takes data; for others the body is read and dropped, and the
   * handler answers the error once it has arrived. */
  if (upload->job != NULL && lo_job_get_state (upload->job) == LO_JOB_OPEN)
    {
      g_autofree char *name = g_strdup_printf ("upload-%p.part", (gpointer) msg);

      upload->path = lo_job_get_path (upload->job, name);
      upload->file = fopen (upload->path, "wb");
      upload->failed = upload->file == NULL;
      upload->drop = lo_faults_drop_upload (self->config->faults);
    }
  g_object_set_data_full (G_OBJECT (msg), "lo-upload", upload, upload_free);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (upload_got_chunk), upload);
}

void
_lo_server_setup_uploads (LoServer *self)
{
  soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
}

static void
handle_upload (LoRequest *req,
               LoJob     *job)
{
  Upload *upload = g_object_get_data (G_OBJECT (req->msg), "lo-upload");
  LoJobState state = lo_job_get_state (job);
  g_autofree char *final = NULL;
  int n;

  if (state != LO_JOB_OPEN || upload == NULL || upload->job != job)
    {
      _lo_server_reply_job_state_error (req, job, "upload data to");
      return;
    }
  if (upload->failed || fclose (upload->file) != 0)
    {
      upload->file = NULL;
      _lo_server_reply_error (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, "UNKNOWN_EXCEPTION",
                              "The upload could not be stored");
      return;
    }
  upload->file = NULL;
  g_mutex_lock (&job->lock);
  n = ++job->n_uploads;
  g_mutex_unlock (&job->lock);
  final = lo_ingest_upload_path (job, n);
  if (g_rename (upload->path, final) != 0)
    {
      _lo_server_reply_error (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, "UNKNOWN_EXCEPTION",
                              "The upload could not be stored");
      return;
    }
  g_clear_pointer (&upload->path, g_free);
  lo_job_save (job, NULL);
  soup_server_message_set_status (req->msg, SOUP_STATUS_CREATED, NULL);
}

/* Create ------------------------------------------------------------------------- */

static gboolean
check_ingest_options (LoRequest   *req,
                      JsonObject  *o,
                      LoObject   **object_out,
                      const char **operation_out)
{
  LoSchema *schema = req->server->schema;
  const char *object_name = json_object_get_string_member_with_default (o, "object", NULL);
  const char *operation = json_object_get_string_member_with_default (o, "operation", NULL);
  const char *ext = json_object_get_string_member_with_default (o, "externalIdFieldName",
                                                                NULL);
  LoObject *object;
  guint i;

  for (i = 0; operation != NULL && i < G_N_ELEMENTS (operations); i++)
    if (g_str_equal (operation, operations[i]))
      break;
  if (operation == NULL || i == G_N_ELEMENTS (operations))
    {
      g_autofree char *message = g_strdup_printf ("InvalidJob : Invalid operation: %s",
                                                  operation ? operation : "(none)");

      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDJOB", message);
      return FALSE;
    }
  object = object_name ? lo_schema_lookup_object (schema, object_name) : NULL;
  if (object == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Entity '%s' is not supported by the "
                                                  "Bulk API.", object_name ? object_name : "");

      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDENTITY", message);
      return FALSE;
    }
  if (g_str_equal (operation, "upsert"))
    {
      LoField *field = ext ? lo_object_lookup_field (object, ext) : NULL;

      if (field == NULL || !(field->external_id || field->type == LO_FIELD_ID
                             || (field->id_lookup && field->unique)))
        {
          g_autofree char *message =
            g_strdup_printf ("InvalidJob : Field name provided, %s does not match an External "
                             "ID, Salesforce Id, or indexed field for %s", ext ? ext : "",
                             object->name);

          _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDJOB", message);
          return FALSE;
        }
    }
  if (g_str_equal (operation, "hardDelete") && !req->server->config->grant_hard_delete
      && !req->session->user->hard_delete_permission)
    {
      /* The sf CLI recognizes FEATURENOTENABLED on a hardDelete create and explains the
       * missing "Bulk API Hard Delete" permission (§4.3); the text is this org's. */
      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "FEATURENOTENABLED",
                              "FeatureNotEnabled : The user does not have the Bulk API Hard "
                              "Delete permission");
      return FALSE;
    }
  *object_out = object;
  *operation_out = operation;
  return TRUE;
}

static LoJob *
create_ingest_job (LoRequest  *req,
                   JsonObject *o)
{
  g_autoptr(GError) error = NULL;
  LoObject *object;
  const char *operation;
  LoJob *job;

  if (!check_ingest_options (req, o, &object, &operation)
      || !_lo_server_check_format_options (req, o))
    return NULL;
  job = lo_jobs_create (req->server->jobs, LO_JOB_INGEST, &error);
  if (job == NULL)
    {
      _lo_server_reply_error (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, "UNKNOWN_EXCEPTION",
                              error->message);
      return NULL;
    }
  job->operation = g_strdup (operation);
  job->object = g_strdup (object->name);
  job->created_by = g_strdup (req->session->user->id);
  if (g_str_equal (operation, "upsert"))
    job->external_id_field =
      g_strdup (lo_object_lookup_field (object,
                                        json_object_get_string_member (o, "externalIdFieldName"))
                ->name);
  job->assignment_rule_id =
    g_strdup (json_object_get_string_member_with_default (o, "assignmentRuleId", NULL));
  _lo_server_apply_format_options (req, job, o);
  return job;
}

/* multipart/form-data: a "job" part with the JSON and a "content" part with the CSV. */
static void
handle_create_multipart (LoRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  g_autoptr(GBytes) body =
    soup_message_body_flatten (soup_server_message_get_request_body (req->msg));
  g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LoJob) job = NULL;
  g_autofree char *path = NULL;
  GBytes *job_part = NULL;
  GBytes *content = NULL;
  g_autofree char *reply = NULL;

  for (int i = 0; multipart != NULL && i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *part_headers;
      GBytes *part_body;
      g_autoptr(GHashTable) params = NULL;
      const char *name;

      soup_multipart_get_part (multipart, i, &part_headers, &part_body);
      if (!soup_message_headers_get_content_disposition (part_headers, NULL, &params))
        continue;
      name = g_hash_table_lookup (params, "name");
      if (g_strcmp0 (name, "job") == 0)
        job_part = part_body;
      else if (g_strcmp0 (name, "content") == 0)
        content = part_body;
    }
  if (job_part == NULL || content == NULL
      || !json_parser_load_from_data (parser, g_bytes_get_data (job_part, NULL),
                                      g_bytes_get_size (job_part), NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDJOB",
                              "InvalidJob : a multipart job needs a \"job\" part with JSON and "
                              "a \"content\" part with CSV");
      return;
    }
  /* The documented limit of the multipart form is 100,000 characters of CSV. */
  if (g_bytes_get_size (content) > 100000 * 4)
    {
      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDJOB",
                              "InvalidJob : The content of a multipart request is limited to "
                              "100000 characters; upload larger data with PUT");
      return;
    }
  job = create_ingest_job (req, json_node_get_object (json_parser_get_root (parser)));
  if (job == NULL)
    return;
  job->n_uploads = 1;
  path = lo_ingest_upload_path (job, 1);
  if (!g_file_set_contents (path, g_bytes_get_data (content, NULL), g_bytes_get_size (content),
                            NULL))
    {
      _lo_server_reply_error (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, "UNKNOWN_EXCEPTION",
                              "The upload could not be stored");
      return;
    }
  lo_job_set_state (job, LO_JOB_UPLOAD_COMPLETE, NULL);
  reply = lo_job_to_json (job, LO_JOB_JSON_CREATE);
  lo_jobs_submit (req->server->jobs, job);
  _lo_server_reply_json_string (req, SOUP_STATUS_OK, reply);
}

static void
handle_create (LoRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LoJob) job = NULL;
  g_autofree char *reply = NULL;

  if (g_strcmp0 (type, "multipart/form-data") == 0)
    {
      handle_create_multipart (req);
      return;
    }
  root = _lo_server_parse_json_body (req);
  if (root == NULL)
    return;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "API_ERROR",
                              "Value does not match expected type at [line:1, column:1]");
      return;
    }
  job = create_ingest_job (req, json_node_get_object (root));
  if (job == NULL)
    return;
  lo_job_save (job, NULL);
  reply = lo_job_to_json (job, LO_JOB_JSON_CREATE);
  /* 200, as the documented query create shows; the ingest create's status is not printed
   * anywhere (200 or 201 is unconfirmed) and every client accepts 200. */
  _lo_server_reply_json_string (req, SOUP_STATUS_OK, reply);
}

/* Close / abort ------------------------------------------------------------------- */

static void
handle_patch (LoRequest *req,
              LoJob     *job)
{
  g_autoptr(JsonNode) root = _lo_server_parse_json_body (req);
  g_autofree char *reply = NULL;
  const char *state;
  LoJobState old;

  if (root == NULL)
    return;
  state = JSON_NODE_HOLDS_OBJECT (root)
          ? json_object_get_string_member_with_default (json_node_get_object (root), "state",
                                                        NULL)
          : NULL;
  if (g_strcmp0 (state, "UploadComplete") == 0)
    {
      int uploads;

      g_mutex_lock (&job->lock);
      uploads = job->n_uploads;
      g_mutex_unlock (&job->lock);
      if (lo_job_get_state (job) == LO_JOB_OPEN && uploads > 1)
        {
          g_autofree char *message = NULL;

          /* The real text, typo and 15-character id included (§2.4). */
          message = g_strdup_printf ("Found multipe contents for job: <%.15s>, please "
                                     "'Close' / 'Abort' / 'Delete' the current Job then "
                                     "create a new Job and make sure you only do 'PUT' "
                                     "once on a given Job.", job->id);
          _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDJOB", message);
          return;
        }
      if (!lo_job_transition (job, LO_JOB_STATE_BIT (LO_JOB_OPEN), LO_JOB_UPLOAD_COMPLETE,
                              &old))
        {
          _lo_server_reply_job_state_error (req, job, "close");
          return;
        }
      reply = lo_job_to_json (job, LO_JOB_JSON_PATCH);
      lo_jobs_submit (req->server->jobs, job);
    }
  else if (g_strcmp0 (state, "Aborted") == 0)
    {
      if (!lo_job_transition (job, LO_JOB_STATE_BIT (LO_JOB_OPEN)
                              | LO_JOB_STATE_BIT (LO_JOB_UPLOAD_COMPLETE)
                              | LO_JOB_STATE_BIT (LO_JOB_IN_PROGRESS), LO_JOB_ABORTED, &old))
        {
          _lo_server_reply_job_state_error (req, job, "abort");
          return;
        }
      lo_job_save (job, NULL);
      reply = lo_job_to_json (job, LO_JOB_JSON_PATCH);
    }
  else
    {
      g_autofree char *message = g_strdup_printf ("InvalidJobState : Invalid state change: "
                                                  "%s", state ? state : "(none)");

      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDJOBSTATE", message);
      return;
    }
  _lo_server_reply_json_string (req, SOUP_STATUS_OK, reply);
}

typedef struct
{
  LoRequest *req;
  LoJob     *job;
  char      *which;
} PendingResults;

static void handle_results (LoRequest  *req,
                            LoJob      *job,
                            const char *which);

static gboolean
retry_results (gpointer data)
{
  PendingResults *pending = data;

  if (lo_job_is_busy (pending->job))
    return G_SOURCE_CONTINUE;
  handle_results (pending->req, pending->job, pending->which);
  soup_server_message_unpause (pending->req->msg);
  _lo_server_request_free (pending->req);
  g_object_unref (pending->job);
  g_free (pending->which);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static void
handle_results (LoRequest  *req,
                LoJob      *job,
                const char *which)
{
  LoJobState state = lo_job_get_state (job);
  g_autofree char *path = NULL;
  g_autofree char *prefix = NULL;
  LoIngestResult result;

  if (g_ascii_strcasecmp (which, "successfulResults") == 0)
    result = LO_INGEST_RESULT_SUCCESS;
  else if (g_ascii_strcasecmp (which, "failedResults") == 0)
    result = LO_INGEST_RESULT_FAILED;
  else if (g_ascii_strcasecmp (which, "unprocessedrecords") == 0)
    result = LO_INGEST_RESULT_UNPROCESSED;
  else
    {
      _lo_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "NOT_FOUND",
                              "The requested resource does not exist");
      return;
    }
  /* Results exist once a job ended; this org refuses them before (unconfirmed, §2.8). */
  if (!lo_job_state_is_terminal (state))
    {
      _lo_server_reply_job_state_error (req, job, "get the results of");
      return;
    }
  /* An abort ends a running job at once, but its worker still writes the results of the
   * batch it was in: the download waits for them. */
  if (lo_job_is_busy (job))
    {
      PendingResults *pending = g_new0 (PendingResults, 1);

      pending->req = _lo_server_request_ref (req);
      pending->job = g_object_ref (job);
      pending->which = g_strdup (which);
      soup_server_message_pause (req->msg);
      g_timeout_add (20, retry_results, pending);
      return;
    }
  path = lo_ingest_result_path (job, result, &prefix);
  _lo_server_reply_file (req, "text/csv", prefix, path, 0, -1);
}

static void
handle_list (LoRequest *req)
{
  _lo_server_reply_job_list (req, LO_JOB_INGEST);
}

void
_lo_server_handle_ingest (LoRequest *req)
{
  char **s = req->segments;
  guint n = req->n_segments;
  g_autoptr(LoJob) job = NULL;

  if (n == 5)
    {
      if (g_str_equal (req->method, "POST"))
        handle_create (req);
      else if (g_str_equal (req->method, "GET"))
        handle_list (req);
      else
        _lo_server_reply_method_not_allowed (req, "GET,POST");
      return;
    }
  job = lo_jobs_lookup (req->server->jobs, LO_JOB_INGEST, s[5]);
  if (job == NULL || n > 7)
    {
      _lo_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "NOT_FOUND",
                              "The requested resource does not exist");
      return;
    }
  if (n == 6)
    {
      if (g_str_equal (req->method, "GET"))
        _lo_server_reply_job (req, job, LO_JOB_JSON_GET);
      else if (g_str_equal (req->method, "PATCH"))
        handle_patch (req, job);
      else if (g_str_equal (req->method, "DELETE"))
        _lo_server_delete_job (req, job);
      else
        _lo_server_reply_method_not_allowed (req, "GET,PATCH,DELETE");
      return;
    }
  if (g_str_equal (s[6], "batches"))
    {
      if (g_str_equal (req->method, "PUT"))
        handle_upload (req, job);
      else
        _lo_server_reply_method_not_allowed (req, "PUT");
      return;
    }
  if (g_str_equal (req->method, "GET"))
    handle_results (req, job, s[6]);
  else
    _lo_server_reply_method_not_allowed (req, "GET");
}
