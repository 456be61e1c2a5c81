/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-bulk"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-bulk-client.h"
#include "freight-bulk-client-private.h"
#include "freight-http-response.h"

/* Query jobs (salesforce-api.md §3): create, and result pages by locator. */

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/**
 * freight_bulk_client_create_query_job:
 * @self: a client
 * @soql: the SOQL query
 * @operation: query, or queryAll to include deleted and archived records
 * @delimiter: the results' column delimiter: `,` `;` TAB `|` `^` or `` ` ``
 * @line_ending: LF or CRLF
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * POST …/jobs/query. The org checks the SOQL (a bad query answers 400 with an errorCode
 * such as INVALID_FIELD or MALFORMED_QUERY). Not retry-safe. Blocks.
 *
 * Returns: (transfer full): the new job, UploadComplete
 */
FreightBulkJob *
freight_bulk_client_create_query_job (FreightBulkClient     *self,
                                      const char            *soql,
                                      FreightBulkOperation   operation,
                                      char                   delimiter,
                                      FreightCsvLineEnding   line_ending,
                                      GCancellable          *cancellable,
                                      GError               **error)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *path = NULL;
  FreightBulkJob *job;

  g_return_val_if_fail (FREIGHT_IS_BULK_CLIENT (self), NULL);

  if (is_blank (soql))
    {
      g_set_error_literal (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                           _("The query is empty. Give a SOQL query such as "
                             "SELECT Id, Name FROM Account."));
      return NULL;
    }
  if (operation != FREIGHT_BULK_OPERATION_QUERY && operation != FREIGHT_BULK_OPERATION_QUERY_ALL)
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an operation of a query job. Use query or queryAll."),
                   freight_bulk_operation_to_string (operation));
      return NULL;
    }

  json_object_set_string_member (body, "operation", freight_bulk_operation_to_string (operation));
  json_object_set_string_member (body, "query", soql);
  if (!_freight_bulk_add_format (body, delimiter, line_ending, error))
    return NULL;

  node = json_node_init_object (json_node_alloc (), body);
  path = _freight_bulk_job_path (FREIGHT_BULK_JOB_KIND_QUERY, NULL, NULL);
  job = _freight_bulk_client_send_job (self, FREIGHT_BULK_JOB_KIND_QUERY, "POST", path, node,
                                       FALSE, cancellable, error);
  if (job == NULL)
    g_prefix_error (error, _("Could not create the query job: "));
  return job;
}

/**
 * freight_bulk_client_download_page:
 * @self: a client
 * @job_id: a JobComplete query job
 * @api_version: (nullable): the API version the job was created with (its `apiVersion`);
 *   the org answers 409 to another. %NULL for the session's
 * @locator: (nullable): %NULL for the first page, else a locator from the previous page
 * @max_records: the most rows in this page, or 0 for the org's choice
 * @file: where to save the page; it appears only once complete
 * @next_locator: (out) (optional) (transfer full) (nullable): the next page's locator, or
 *   %NULL after the last page
 * @n_records: (out) (optional): the rows in this page (`Sforce-NumberOfRecords`)
 * @progress: (nullable) (scope call): called with the bytes received, on this thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * GET …/jobs/query/{id}/results?locator=…&maxRecords=…, streamed to @file byte for byte
 * (compressed on the wire when the org agrees). Every page starts with the header row.
 * A locator stays valid while the job exists, so a page can be fetched again.
 * Retry-safe. Before the job completes the org answers 412 JOB_NOT_COMPLETE. Blocks.
 *
 * Returns: %TRUE when @file holds the page
 */
gboolean
freight_bulk_client_download_page (FreightBulkClient        *self,
                                   const char               *job_id,
                                   const char               *api_version,
                                   const char               *locator,
                                   guint64                   max_records,
                                   const char               *file,
                                   char                    **next_locator,
                                   guint64                  *n_records,
                                   FreightHttpProgressFunc   progress,
                                   gpointer                  progress_data,
                                   GCancellable             *cancellable,
                                   GError                  **error)
{
  g_autoptr(FreightHttpResponse) response = NULL;
  g_autoptr(GString) path = g_string_new (NULL);
  const char *next;
  const char *count;
  char separator = '?';

  g_return_val_if_fail (FREIGHT_IS_BULK_CLIENT (self), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  if (next_locator != NULL)
    *next_locator = NULL;
  if (n_records != NULL)
    *n_records = 0;

  if (!freight_bulk_check_job_id (job_id, error))
    return FALSE;

  if (api_version != NULL)
    g_string_append_printf (path, "/services/data/v%s/", api_version);
  g_string_append_printf (path, "jobs/query/%s/results", job_id);
  if (locator != NULL && *locator != '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (locator, NULL, FALSE);

      g_string_append_printf (path, "%clocator=%s", separator, escaped);
      separator = '&';
    }
  if (max_records > 0)
    g_string_append_printf (path, "%cmaxRecords=%" G_GUINT64_FORMAT, separator, max_records);

  response = _freight_bulk_client_download (self, path->str, file, progress, progress_data,
                                            cancellable, error);
  if (response == NULL)
    {
      g_prefix_error (error, _("Could not download the results of query job %s: "), job_id);
      return FALSE;
    }

  /* The literal "null" marks the last page; a missing header is taken as the last page
   * too, rather than asking for the same page forever. */
  next = freight_http_response_get_header (response, "Sforce-Locator");
  if (next_locator != NULL && next != NULL && *next != '\0' && !g_str_equal (next, "null"))
    *next_locator = g_strdup (next);

  count = freight_http_response_get_header (response, "Sforce-NumberOfRecords");
  if (n_records != NULL && count != NULL)
    *n_records = g_ascii_strtoull (count, NULL, 10);

  return TRUE;
}
