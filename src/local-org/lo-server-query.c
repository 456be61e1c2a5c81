/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-server"

#include "config.h"

#include <string.h>

#include "lo-query-job.h"
#include "lo-server-private.h"

/* Bulk 2.0 query job endpoints (§3). */

static void
reply_soql_error (LoRequest    *req,
                  const GError *error)
{
  const char *code = error->domain == LO_SOQL_ERROR ? lo_soql_error_code_name (error->code)
                                                    : "API_ERROR";

  _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, code, error->message);
}

static void
handle_create (LoRequest *req)
{
  g_autoptr(JsonNode) root = _lo_server_parse_json_body (req);
  g_autoptr(GError) error = NULL;
  g_autoptr(LoSoqlQuery) query = NULL;
  g_autoptr(LoJob) job = NULL;
  g_autofree char *reply = NULL;
  JsonObject *o;
  const char *operation;
  const char *soql;

  if (root == NULL)
    return;
  o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  operation = o ? json_object_get_string_member_with_default (o, "operation", NULL) : NULL;
  soql = o ? json_object_get_string_member_with_default (o, "query", NULL) : NULL;
  if (g_strcmp0 (operation, "query") != 0 && g_strcmp0 (operation, "queryAll") != 0)
    {
      g_autofree char *message = g_strdup_printf ("InvalidJob : Invalid operation: %s",
                                                  operation ? operation : "(none)");

      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDJOB", message);
      return;
    }
  if (soql == NULL || soql[0] == '\0')
    {
      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDJOB",
                              "InvalidJob : The query is missing");
      return;
    }
  if (!_lo_server_check_format_options (req, o))
    return;
  /* The SOQL is checked when the job is created, so a bad query answers 400 with the
   * compiler's errorCode rather than a Failed job (unconfirmed which the real org does). */
  query = lo_query_job_compile (req->server->schema, soql, g_str_equal (operation, "queryAll"),
                                TRUE, req->session->user->time_zone, &error);
  if (query == NULL)
    {
      reply_soql_error (req, error);
      return;
    }
  if (!query->object->queryable)
    {
      g_autofree char *message = g_strdup_printf ("Entity '%s' is not supported by the Bulk "
                                                  "API.", query->object->name);

      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDENTITY", message);
      return;
    }
  job = lo_jobs_create (req->server->jobs, LO_JOB_QUERY, &error);
  if (job == NULL)
    {
      _lo_server_reply_error (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, "UNKNOWN_EXCEPTION",
                              error->message);
      return;
    }
  job->operation = g_strdup (operation);
  job->object = g_strdup (query->object->name);
  job->created_by = g_strdup (req->session->user->id);
  job->query = g_strdup (soql);
  _lo_server_apply_format_options (req, job, o);
  reply = lo_job_to_json (job, LO_JOB_JSON_CREATE);
  lo_jobs_submit (req->server->jobs, job);
  _lo_server_reply_json_string (req, SOUP_STATUS_OK, reply);
}

static void
handle_patch (LoRequest *req,
              LoJob     *job)
{
  g_autoptr(JsonNode) root = _lo_server_parse_json_body (req);
  const char *state;

  if (root == NULL)
    return;
  state = JSON_NODE_HOLDS_OBJECT (root)
          ? json_object_get_string_member_with_default (json_node_get_object (root), "state",
                                                        NULL)
          : NULL;
  if (g_strcmp0 (state, "Aborted") != 0)
    {
      g_autofree char *message = g_strdup_printf ("InvalidJobState : Invalid state change: %s",
                                                  state ? state : "(none)");

      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDJOBSTATE", message);
      return;
    }
  if (!lo_job_transition (job, LO_JOB_STATE_BIT (LO_JOB_UPLOAD_COMPLETE)
                          | LO_JOB_STATE_BIT (LO_JOB_IN_PROGRESS), LO_JOB_ABORTED, NULL))
    {
      _lo_server_reply_job_state_error (req, job, "abort");
      return;
    }
  lo_job_save (job, NULL);
  _lo_server_reply_job (req, job, LO_JOB_JSON_PATCH);
}

static const char *
status_name (LoJobState state)
{
  static const char *names[] = {
    "OPEN", "UPLOAD_COMPLETE", "IN_PROGRESS", "ABORTED", "JOB_COMPLETE", "FAILED",
  };

  return names[state];
}

static gboolean
check_results_ready (LoRequest *req,
                     LoJob     *job)
{
  LoJobState state = lo_job_get_state (job);

  if (state != LO_JOB_JOB_COMPLETE)
    {
      g_autofree char *message =
        g_strdup_printf ("can only download query results of successfully completed bulk job "
                         "with status: JOB_COMPLETE. Current status: %s", status_name (state));

      _lo_server_reply_error (req, SOUP_STATUS_PRECONDITION_FAILED, "JOB_NOT_COMPLETE", message);
      return FALSE;
    }
  if (g_strcmp0 (req->version, job->api_version) != 0)
    {
      /* Results must be fetched with the job's API version (§1); the body is this org's. */
      g_autofree char *message =
        g_strdup_printf ("The job was created with API version %s; fetch its results with "
                         "the same version", job->api_version);

      _lo_server_reply_error (req, SOUP_STATUS_CONFLICT, "INVALIDJOB", message);
      return FALSE;
    }
  return TRUE;
}

/* maxRecords, else --default-page-size, else every row in one page (§8.13). */
static gboolean
page_size (LoRequest *req,
           guint64   *size)
{
  const char *max = _lo_server_query_param (req, "maxRecords");

  *size = req->server->config->default_page_size;
  if (max == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (max, 10, 1, G_MAXUINT64, size, NULL))
    {
      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDJOB",
                              "InvalidJob : maxRecords must be a positive number");
      return FALSE;
    }
  return TRUE;
}

static void
handle_results (LoRequest *req,
                LoJob     *job)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  const char *locator = _lo_server_query_param (req, "locator");
  g_autofree char *header = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *next = NULL;
  g_autofree char *count = NULL;
  guint64 start = 0;
  guint64 size;
  guint64 n = 0;
  guint64 next_start = 0;
  goffset offset = 0;
  goffset length = 0;

  if (!check_results_ready (req, job) || !page_size (req, &size))
    return;
  if ((locator != NULL && locator[0] != '\0' && !g_str_equal (locator, "null")
       && !lo_query_job_parse_locator (locator, &start))
      || !lo_query_job_get_page (job, start, size, &header, &rows, &offset, &length, &n,
                                 &next_start))
    {
      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDLOCATOR",
                              "Invalid locator: the locator does not belong to this job");
      return;
    }
  next = next_start > 0 ? lo_query_job_format_locator (next_start) : g_strdup ("null");
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  soup_message_headers_replace (headers, "Sforce-Locator", next);
  soup_message_headers_replace (headers, "Sforce-NumberOfRecords", count);
  _lo_server_reply_file (req, "text/csv", header, rows, offset, length);
}

/* resultPages (v58+): up to five page URLs at a time. */
static void
handle_result_pages (LoRequest *req,
                     LoJob     *job)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *locator = _lo_server_query_param (req, "locator");
  guint64 start = 0;
  guint64 size;
  int pages = 0;

  if (!check_results_ready (req, job) || !page_size (req, &size))
    return;
  if (locator != NULL && !lo_query_job_parse_locator (locator, &start))
    {
      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDLOCATOR",
                              "Invalid locator: the locator does not belong to this job");
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "resultPages");
  json_builder_begin_array (b);
  while (pages < 5)
    {
      g_autofree char *header = NULL;
      g_autofree char *rows = NULL;
      g_autofree char *page_locator = NULL;
      g_autofree char *url = NULL;
      goffset offset, length;
      guint64 n, next;

      if (!lo_query_job_get_page (job, start, size, &header, &rows, &offset, &length, &n,
                                  &next))
        break;
      page_locator = lo_query_job_format_locator (start);
      url = size > 0
            ? g_strdup_printf ("/services/data/v%s/jobs/query/%s/results?locator=%s&"
                               "maxRecords=%" G_GUINT64_FORMAT, req->version, job->id,
                               page_locator, size)
            : g_strdup_printf ("/services/data/v%s/jobs/query/%s/results", req->version,
                               job->id);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "resultUrl");
      json_builder_add_string_value (b, url);
      json_builder_end_object (b);
      pages++;
      start = next;
      if (next == 0)
        break;
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "nextRecordsUrl");
  if (pages == 5 && start > 0)
    {
      g_autofree char *loc = lo_query_job_format_locator (start);
      g_autofree char *url = g_strdup_printf ("/services/data/v%s/jobs/query/%s/resultPages?"
                                              "locator=%s", req->version, job->id, loc);

      json_builder_add_string_value (b, url);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "done");
  json_builder_add_boolean_value (b, !(pages == 5 && start > 0));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  _lo_server_reply_json (req, SOUP_STATUS_OK, root);
}

void
_lo_server_handle_query_jobs (LoRequest *req)
{
  char **s = req->segments;
  guint n = req->n_segments;
  g_autoptr(LoJob) job = NULL;

  if (n == 5)
    {
      if (g_str_equal (req->method, "POST"))
        handle_create (req);
      else if (g_str_equal (req->method, "GET"))
        _lo_server_reply_job_list (req, LO_JOB_QUERY);
      else
        _lo_server_reply_method_not_allowed (req, "GET,POST");
      return;
    }
  job = lo_jobs_lookup (req->server->jobs, LO_JOB_QUERY, s[5]);
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
  if (!g_str_equal (req->method, "GET"))
    {
      _lo_server_reply_method_not_allowed (req, "GET");
      return;
    }
  if (g_str_equal (s[6], "results"))
    handle_results (req, job);
  else if (g_str_equal (s[6], "resultPages"))
    handle_result_pages (req, job);
  else
    _lo_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "NOT_FOUND",
                            "The requested resource does not exist");
}
