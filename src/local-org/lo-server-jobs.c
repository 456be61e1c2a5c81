/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-server"

#include "config.h"

#include <string.h>

#include "lo-server-private.h"

/* What ingest and query jobs answer alike: job info, state errors, delete, listing. */

static const char *delimiters[] = { "COMMA", "TAB", "SEMICOLON", "PIPE", "CARET", "BACKQUOTE" };

void
_lo_server_reply_job (LoRequest *req,
                      LoJob     *job,
                      LoJobJson  what)
{
  g_autofree char *json = lo_job_to_json (job, what);

  _lo_server_reply_json_string (req, SOUP_STATUS_OK, json);
}

void
_lo_server_reply_method_not_allowed (LoRequest  *req,
                                     const char *allowed)
{
  g_autofree char *message = g_strdup_printf ("HTTP Method '%s' not allowed. Allowed are %s",
                                              req->method, allowed);

  _lo_server_reply_error (req, SOUP_STATUS_METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", message);
}

/**
 * _lo_server_reply_job_state_error:
 * @action: what was tried ("abort", "close", "upload data to", …)
 *
 * 400 INVALIDJOBSTATE. Only the abort text is documented ("Aborting already Completed Job
 * not allowed"); the others follow its pattern and name the current state.
 */
void
_lo_server_reply_job_state_error (LoRequest  *req,
                                  LoJob      *job,
                                  const char *action)
{
  LoJobState state = lo_job_get_state (job);
  g_autofree char *message = NULL;

  if (g_str_equal (action, "abort"))
    message = g_strdup_printf ("Aborting already %s Job not allowed",
                               state == LO_JOB_JOB_COMPLETE ? "Completed"
                               : lo_job_state_to_string (state));
  else if (g_str_equal (action, "close"))
    message = g_strdup_printf ("Closing already %s Job not allowed",
                               state == LO_JOB_JOB_COMPLETE ? "Completed"
                               : lo_job_state_to_string (state));
  else
    message = g_strdup_printf ("Unable to %s the job because its state is %s", action,
                               lo_job_state_to_string (state));
  _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDJOBSTATE", message);
}

/* DELETE: only once the job can no longer change (§2.6, §3.4). */
void
_lo_server_delete_job (LoRequest *req,
                       LoJob     *job)
{
  LoJobState state = lo_job_get_state (job);
  gboolean allowed = lo_job_state_is_terminal (state)
                     || (job->kind == LO_JOB_INGEST && state == LO_JOB_UPLOAD_COMPLETE);

  if (!allowed)
    {
      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "API_ERROR",
                              "Error encountered when deleting the job because the job is "
                              "not terminated");
      return;
    }
  lo_jobs_delete (req->server->jobs, job);
  soup_server_message_set_status (req->msg, SOUP_STATUS_NO_CONTENT, NULL);
}

/* GET /jobs/ingest and /jobs/query: 1000 jobs a page, nextRecordsUrl to the next. */
void
_lo_server_reply_job_list (LoRequest *req,
                           LoJobKind  kind)
{
  g_autoptr(GPtrArray) jobs = lo_jobs_list (req->server->jobs, kind);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *locator = _lo_server_query_param (req, "queryLocator");
  const char *job_type = _lo_server_query_param (req, "jobType");
  const char *pk = _lo_server_query_param (req, "isPkChunkingEnabled");
  guint page = req->server->config->jobs_page_size;
  guint start = 0;
  guint end;
  const char *dash;

  if (locator != NULL)
    {
      guint64 v;

      dash = strrchr (locator, '-');
      if (dash == NULL || !g_ascii_string_to_unsigned (dash + 1, 10, 0, G_MAXUINT, &v, NULL))
        {
          _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALID_QUERY_LOCATOR",
                                  "invalid query locator");
          return;
        }
      start = (guint) v;
    }
  /* Only V2 jobs live here; other job types and PK chunking filter everything out. */
  if ((job_type != NULL && !g_str_equal (job_type, kind == LO_JOB_INGEST ? "V2Ingest"
                                                                         : "V2Query"))
      || g_strcmp0 (pk, "true") == 0)
    g_ptr_array_set_size (jobs, 0);

  start = MIN (start, jobs->len);
  end = MIN (jobs->len, start + page);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "done");
  json_builder_add_boolean_value (b, end >= jobs->len);
  json_builder_set_member_name (b, "records");
  json_builder_begin_array (b);
  for (guint i = start; i < end; i++)
    {
      json_builder_begin_object (b);
      lo_job_build_json (g_ptr_array_index (jobs, i), LO_JOB_JSON_LIST, b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "nextRecordsUrl");
  if (end < jobs->len)
    {
      g_autofree char *url = g_strdup_printf ("/services/data/v%s/jobs/%s?queryLocator="
                                              "01g5j00000LoCaLAAA-%u", req->version,
                                              kind == LO_JOB_INGEST ? "ingest" : "query", end);

      json_builder_add_string_value (b, url);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  _lo_server_reply_json (req, SOUP_STATUS_OK, root);
}

gboolean
_lo_server_check_format_options (LoRequest  *req,
                                 JsonObject *o)
{
  const char *delimiter = json_object_get_string_member_with_default (o, "columnDelimiter",
                                                                      "COMMA");
  const char *line_ending = json_object_get_string_member_with_default (o, "lineEnding", "LF");
  const char *content_type = json_object_get_string_member_with_default (o, "contentType",
                                                                         "CSV");
  gboolean ok = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    ok |= g_str_equal (delimiter, delimiters[i]);
  if (!ok || (!g_str_equal (line_ending, "LF") && !g_str_equal (line_ending, "CRLF"))
      || !g_str_equal (content_type, "CSV"))
    {
      g_autofree char *message =
        g_strdup_printf ("InvalidJob : Invalid value for %s: %s",
                         !ok ? "columnDelimiter"
                         : !g_str_equal (content_type, "CSV") ? "contentType" : "lineEnding",
                         !ok ? delimiter
                         : !g_str_equal (content_type, "CSV") ? content_type : line_ending);

      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALIDJOB", message);
      return FALSE;
    }
  return TRUE;
}

void
_lo_server_apply_format_options (LoRequest  *req,
                                 LoJob      *job,
                                 JsonObject *o)
{
  g_free (job->column_delimiter);
  job->column_delimiter =
    g_strdup (json_object_get_string_member_with_default (o, "columnDelimiter", "COMMA"));
  g_free (job->line_ending);
  job->line_ending = g_strdup (json_object_get_string_member_with_default (o, "lineEnding",
                                                                           "LF"));
  g_free (job->api_version);
  job->api_version = g_strdup (req->version);
}
