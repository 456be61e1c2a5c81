/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-bulk"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-bulk-client.h"
#include "freight-bulk-client-private.h"
#include "freight-csv-dialect.h"
#include "freight-http-error.h"
#include "freight-http-request.h"
#include "freight-http-response.h"
#include "freight-org-session.h"
#include "freight-org-session-private.h"

/* Ingest jobs (salesforce-api.md §2): create, one PUT of the data, close, results. */

/* sObject and field API names: letters, digits and underscores (`__c`, `ns__X__c`). */
static gboolean
is_api_name (const char *name)
{
  if (name == NULL || !g_ascii_isalpha (name[0]))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* Adds columnDelimiter and lineEnding, which ingest and query jobs share. */
gboolean
_freight_bulk_add_format (JsonObject            *body,
                          char                   delimiter,
                          FreightCsvLineEnding   line_ending,
                          GError               **error)
{
  const char *bulk_name = freight_csv_delimiter_to_bulk_name (delimiter);

  if (bulk_name == NULL)
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                   _("The Bulk API does not support “%c” as a delimiter. Use a comma, "
                     "semicolon, tab, pipe, caret or backquote."), delimiter);
      return FALSE;
    }
  if (line_ending != FREIGHT_CSV_LINE_ENDING_LF && line_ending != FREIGHT_CSV_LINE_ENDING_CRLF)
    {
      g_set_error_literal (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                           _("The Bulk API supports only LF and CRLF line endings."));
      return FALSE;
    }

  json_object_set_string_member (body, "contentType", "CSV");
  json_object_set_string_member (body, "columnDelimiter", bulk_name);
  json_object_set_string_member (body, "lineEnding",
                                 line_ending == FREIGHT_CSV_LINE_ENDING_CRLF ? "CRLF" : "LF");
  return TRUE;
}

/**
 * freight_bulk_client_create_ingest_job:
 * @self: a client
 * @object: the sObject's API name, e.g. "Account"
 * @operation: insert, update, upsert, delete or hardDelete
 * @external_id: (nullable): the external ID field of an upsert (required then)
 * @delimiter: the data's column delimiter: `,` `;` TAB `|` `^` or `` ` ``
 * @line_ending: LF or CRLF
 * @rule_id: (nullable): a Case or Lead assignment rule id
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * POST …/jobs/ingest. Not retry-safe: a repeated create would leave a second Open job.
 * Blocks.
 *
 * Returns: (transfer full): the new job, Open
 */
FreightBulkJob *
freight_bulk_client_create_ingest_job (FreightBulkClient     *self,
                                       const char            *object,
                                       FreightBulkOperation   operation,
                                       const char            *external_id,
                                       char                   delimiter,
                                       FreightCsvLineEnding   line_ending,
                                       const char            *rule_id,
                                       GCancellable          *cancellable,
                                       GError               **error)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *path = NULL;
  FreightBulkJob *job;

  g_return_val_if_fail (FREIGHT_IS_BULK_CLIENT (self), NULL);

  if (!is_api_name (object))
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an object API name (such as Account or Invoice__c)."),
                   object != NULL ? object : "");
      return NULL;
    }
  if (freight_bulk_operation_get_kind (operation) != FREIGHT_BULK_JOB_KIND_INGEST
      || operation == FREIGHT_BULK_OPERATION_UNKNOWN)
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an operation of an ingest job. Use insert, update, upsert, "
                     "delete or hardDelete."), freight_bulk_operation_to_string (operation));
      return NULL;
    }
  if (operation == FREIGHT_BULK_OPERATION_UPSERT && !is_api_name (external_id))
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                   _("An upsert into %s needs an external ID field (such as "
                     "External_Id__c or Id)."), object);
      return NULL;
    }
  if (rule_id != NULL && !freight_bulk_check_job_id (rule_id, NULL))
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an assignment rule id."), rule_id);
      return NULL;
    }

  json_object_set_string_member (body, "object", object);
  json_object_set_string_member (body, "operation", freight_bulk_operation_to_string (operation));
  if (operation == FREIGHT_BULK_OPERATION_UPSERT)
    json_object_set_string_member (body, "externalIdFieldName", external_id);
  if (!_freight_bulk_add_format (body, delimiter, line_ending, error))
    return NULL;
  if (rule_id != NULL)
    json_object_set_string_member (body, "assignmentRuleId", rule_id);

  node = json_node_init_object (json_node_alloc (), body);
  path = _freight_bulk_job_path (FREIGHT_BULK_JOB_KIND_INGEST, NULL, NULL);
  job = _freight_bulk_client_send_job (self, FREIGHT_BULK_JOB_KIND_INGEST, "POST", path, node,
                                       FALSE, cancellable, error);
  if (job == NULL)
    g_prefix_error (error, _("Could not create the %s job on %s: "),
                    freight_bulk_operation_to_string (operation), object);
  return job;
}

/**
 * freight_bulk_client_upload_job_data:
 * @self: a client
 * @job_id: an Open ingest job
 * @file: the CSV data, header first, in the job's delimiter and line ending (UTF-8, at
 *   most 100 MB so it stays under 150 MB once the org encodes it)
 * @progress: (nullable) (scope call): called with the bytes sent, on this thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * One PUT of @file to …/jobs/ingest/{id}/batches, streamed from disk. Give a job its data
 * once: the org refuses to close a job with two uploads. Retry-safe (see the top of
 * freight-bulk-client.c). The org does not check the data here: a bad header makes the
 * job Failed later. Blocks.
 *
 * Returns: %TRUE when the org took the data (201 Created)
 */
gboolean
freight_bulk_client_upload_job_data (FreightBulkClient        *self,
                                     const char               *job_id,
                                     const char               *file,
                                     FreightHttpProgressFunc   progress,
                                     gpointer                  progress_data,
                                     GCancellable             *cancellable,
                                     GError                  **error)
{
  FreightOrgSession *session;
  g_autoptr(FreightHttpRequest) request = NULL;
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (FREIGHT_IS_BULK_CLIENT (self), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  if (!freight_bulk_check_job_id (job_id, error))
    return FALSE;

  session = freight_bulk_client_get_session (self);
  if (!_freight_org_session_ensure_connected (session, cancellable, error))
    return FALSE;

  path = _freight_bulk_job_path (FREIGHT_BULK_JOB_KIND_INGEST, job_id, "/batches");
  request = freight_org_session_new_request (session, "PUT", path, error);
  if (request == NULL)
    return FALSE;
  freight_http_request_set_body_file (request, file, "text/csv");
  freight_http_request_set_retry_safe (request, TRUE);
  if (progress != NULL)
    freight_http_request_set_progress_func (request, progress, progress_data, NULL);

  response = freight_org_session_send (session, request, cancellable, error);
  if (response == NULL)
    {
      g_prefix_error (error, _("Could not upload %s to job %s: "), file, job_id);
      return FALSE;
    }
  if (freight_http_response_get_status (response) != 201)
    g_debug ("PUT of job %s data answered %u, not 201", job_id,
             freight_http_response_get_status (response));

  return TRUE;
}

/**
 * freight_bulk_client_close_job:
 * @self: a client
 * @job_id: an Open ingest job with its data
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * PATCH `{"state":"UploadComplete"}`: the org starts processing. Not retry-safe: when
 * the answer is lost, GET the job (UploadComplete or later means it was closed) before
 * closing again. Blocks.
 *
 * Returns: (transfer full): the job as the org answered (without counters)
 */
FreightBulkJob *
freight_bulk_client_close_job (FreightBulkClient  *self,
                               const char         *job_id,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  FreightBulkJob *job;

  g_return_val_if_fail (FREIGHT_IS_BULK_CLIENT (self), NULL);

  if (!freight_bulk_check_job_id (job_id, error))
    return NULL;

  json_object_set_string_member (object, "state", "UploadComplete");
  body = json_node_init_object (json_node_alloc (), object);
  path = _freight_bulk_job_path (FREIGHT_BULK_JOB_KIND_INGEST, job_id, NULL);
  job = _freight_bulk_client_send_job (self, FREIGHT_BULK_JOB_KIND_INGEST, "PATCH", path, body,
                                       FALSE, cancellable, error);
  if (job == NULL)
    g_prefix_error (error, _("Could not close job %s: "), job_id);
  return job;
}

/**
 * freight_bulk_client_download_results:
 * @self: a client
 * @job_id: a finished ingest job (JobComplete, Failed or Aborted)
 * @results: which result set
 * @file: where to save it; it appears only once complete
 * @progress: (nullable) (scope call): called with the bytes received, on this thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * GET …/successfulResults, …/failedResults or …/unprocessedrecords, streamed to @file
 * byte for byte as the org sends it (compressed on the wire when the org agrees).
 * Retry-safe. Blocks.
 *
 * Returns: %TRUE when @file holds the results
 */
gboolean
freight_bulk_client_download_results (FreightBulkClient        *self,
                                      const char               *job_id,
                                      FreightBulkResults        results,
                                      const char               *file,
                                      FreightHttpProgressFunc   progress,
                                      gpointer                  progress_data,
                                      GCancellable             *cancellable,
                                      GError                  **error)
{
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (FREIGHT_IS_BULK_CLIENT (self), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  if (!freight_bulk_check_job_id (job_id, error))
    return FALSE;

  suffix = g_strconcat ("/", freight_bulk_results_to_string (results), NULL);
  path = _freight_bulk_job_path (FREIGHT_BULK_JOB_KIND_INGEST, job_id, suffix);
  response = _freight_bulk_client_download (self, path, file, progress, progress_data,
                                            cancellable, error);
  if (response == NULL)
    {
      g_prefix_error (error, _("Could not download the %s of job %s: "),
                      freight_bulk_results_to_string (results), job_id);
      return FALSE;
    }
  return TRUE;
}
