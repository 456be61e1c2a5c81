/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-bulk"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-bulk-client.h"
#include "freight-bulk-client-private.h"
#include "freight-http-error.h"
#include "freight-http-request.h"
#include "freight-http-response.h"
#include "freight-org-session.h"
#include "freight-org-session-private.h"

/* The Bulk API 2.0 client: one call per endpoint of salesforce-api.md §2 and §3, on a
 * FreightOrgSession (which signs, retries and counts the requests).
 *
 * Every call blocks and is safe from any thread; the _async variants in
 * freight-bulk-client-async.c run them on a worker for the main thread.
 *
 * Retry-safety, per call, decides whether the HTTP layer may send a request again after
 * a connection fault, a 429 or a 5xx:
 * - GET (job info, listings, results), DELETE and the PUT of job data are retry-safe. A
 *   repeated PUT can at worst give a job two contents, which Salesforce refuses at close
 *   (INVALIDJOB "Found multipe contents"), so no row is ever processed twice.
 * - POST (create) and PATCH (close, abort) are not: a repeated create makes a second job,
 *   and a PATCH whose answer was lost may have taken effect. The caller checks with
 *   freight_bulk_client_get_job() before trying again (design.md §4).
 *
 * Errors the org answers with are FREIGHT_API_ERROR carrying Salesforce's errorCode
 * (freight_error_get_remote_code()), prefixed with what Freight was doing. */

struct _FreightBulkClient
{
  GObject            parent_instance;

  FreightOrgSession *session;
};

G_DEFINE_FINAL_TYPE (FreightBulkClient, freight_bulk_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
freight_bulk_client_finalize (GObject *object)
{
  FreightBulkClient *self = FREIGHT_BULK_CLIENT (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (freight_bulk_client_parent_class)->finalize (object);
}

static void
freight_bulk_client_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FreightBulkClient *self = FREIGHT_BULK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_bulk_client_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FreightBulkClient *self = FREIGHT_BULK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_bulk_client_class_init (FreightBulkClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_bulk_client_finalize;
  object_class->get_property = freight_bulk_client_get_property;
  object_class->set_property = freight_bulk_client_set_property;

  /**
   * FreightBulkClient:session:
   *
   * The org session every request goes through.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FREIGHT_TYPE_ORG_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                          | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_bulk_client_init (FreightBulkClient *self)
{
}

/**
 * freight_bulk_client_new:
 * @session: a signed-in org session
 *
 * Returns: (transfer full): a Bulk API 2.0 client for the org
 */
FreightBulkClient *
freight_bulk_client_new (FreightOrgSession *session)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (session), NULL);

  return g_object_new (FREIGHT_TYPE_BULK_CLIENT, "session", session, NULL);
}

/**
 * freight_bulk_client_get_session:
 * @self: a client
 *
 * Returns: (transfer none): the org session
 */
FreightOrgSession *
freight_bulk_client_get_session (FreightBulkClient *self)
{
  g_return_val_if_fail (FREIGHT_IS_BULK_CLIENT (self), NULL);
  return self->session;
}

/* Helpers shared with the other files ------------------------------------------------ */

/* "jobs/ingest/{id}{suffix}" under the session's API version; @job_id NULL for the
 * collection. */
char *
_freight_bulk_job_path (FreightBulkJobKind  kind,
                        const char         *job_id,
                        const char         *suffix)
{
  return g_strconcat ("jobs/", freight_bulk_job_kind_to_string (kind),
                      job_id != NULL ? "/" : "", job_id != NULL ? job_id : "",
                      suffix != NULL ? suffix : "", NULL);
}

/* Sends JSON and reads a job info answer. */
FreightBulkJob *
_freight_bulk_client_send_job (FreightBulkClient   *self,
                               FreightBulkJobKind   kind,
                               const char          *method,
                               const char          *path,
                               JsonNode            *body,
                               gboolean             retry_safe,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autoptr(JsonNode) answer = NULL;

  answer = freight_org_session_send_json (self->session, method, path, body, retry_safe,
                                          cancellable, error);
  if (answer == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (answer))
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_RESPONSE,
                   _("The org answered %s %s without a job description. Check that the "
                     "instance URL is a Salesforce org."), method, path);
      return NULL;
    }

  return freight_bulk_job_new_from_json (json_node_get_object (answer), kind, error);
}

/* GET @path into @file, asking for CSV (compressed on the wire when the org agrees). */
FreightHttpResponse *
_freight_bulk_client_download (FreightBulkClient        *self,
                               const char               *path,
                               const char               *file,
                               FreightHttpProgressFunc   progress,
                               gpointer                  progress_data,
                               GCancellable             *cancellable,
                               GError                  **error)
{
  g_autoptr(FreightHttpRequest) request = NULL;

  if (!_freight_org_session_ensure_connected (self->session, cancellable, error))
    return NULL;

  request = freight_org_session_new_request (self->session, "GET", path, error);
  if (request == NULL)
    return NULL;

  freight_http_request_set_header (request, "Accept", "text/csv");
  freight_http_request_set_retry_safe (request, TRUE);
  freight_http_request_set_response_file (request, file);
  if (progress != NULL)
    freight_http_request_set_progress_func (request, progress, progress_data, NULL);

  return freight_org_session_send (self->session, request, cancellable, error);
}

/* Sleeps @ms, waking at once when @cancellable fires. */
gboolean
_freight_bulk_sleep (guint          ms,
                     GCancellable  *cancellable,
                     GError       **error)
{
  GPollFD fd;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &fd))
    {
      g_usleep ((gulong) ms * 1000);
      return TRUE;
    }

  g_poll (&fd, 1, (gint) ms);
  g_cancellable_release_fd (cancellable);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* The poll interval grows by half each time, from @min_ms up to @max_ms (~1 s to ~30 s
 * by default): every poll is an API request counted against the org's allocation. */
guint
_freight_bulk_next_wait (guint current_ms,
                         guint min_ms,
                         guint max_ms)
{
  guint64 next;

  if (current_ms < min_ms)
    return min_ms;
  next = (guint64) current_ms + current_ms / 2;
  return (guint) MIN (next, (guint64) MAX (max_ms, min_ms));
}

/* Faults that are worth waiting out while a job runs: the HTTP layer has already retried
 * them, but a poll can simply come again later. */
gboolean
_freight_bulk_is_transient_error (const GError *error)
{
  if (error->domain == FREIGHT_HTTP_ERROR)
    return error->code == FREIGHT_HTTP_ERROR_CONNECT
           || error->code == FREIGHT_HTTP_ERROR_TIMEOUT
           || error->code == FREIGHT_HTTP_ERROR_CONNECTION_LOST
           || error->code == FREIGHT_HTTP_ERROR_RESOLVE;
  if (error->domain == FREIGHT_API_ERROR)
    return error->code == FREIGHT_API_ERROR_SERVER
           || error->code == FREIGHT_API_ERROR_RATE_LIMITED;
  return FALSE;
}

/* A NOT_FOUND about a job gets the likely reasons. */
static void
explain_job_error (GError     **error,
                   const char  *job_id)
{
  if (error == NULL || *error == NULL)
    return;
  if (g_error_matches (*error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_NOT_FOUND))
    g_prefix_error (error, _("The org has no Bulk job %s (a wrong id, another kind of job, "
                             "or deleted: finished jobs are deleted after 7 days): "), job_id);
}

/* Both kinds ------------------------------------------------------------------------ */

/**
 * freight_bulk_client_get_job:
 * @self: a client
 * @kind: ingest or query
 * @job_id: the job's id
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * GET …/jobs/{kind}/{id}: the job's state, counters and timings. Retry-safe. Blocks.
 *
 * Returns: (transfer full): the job
 */
FreightBulkJob *
freight_bulk_client_get_job (FreightBulkClient   *self,
                             FreightBulkJobKind   kind,
                             const char          *job_id,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_autofree char *path = NULL;
  FreightBulkJob *job;

  g_return_val_if_fail (FREIGHT_IS_BULK_CLIENT (self), NULL);

  if (!freight_bulk_check_job_id (job_id, error))
    return NULL;

  path = _freight_bulk_job_path (kind, job_id, NULL);
  job = _freight_bulk_client_send_job (self, kind, "GET", path, NULL, TRUE, cancellable,
                                       error);
  if (job == NULL)
    explain_job_error (error, job_id);
  return job;
}

/**
 * freight_bulk_client_find_job:
 * @self: a client
 * @job_id: the id of an ingest or a query job
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Ingest and query jobs share the id prefix 750, so a bare id says nothing of its kind:
 * this asks /jobs/ingest, then /jobs/query. Blocks.
 *
 * Returns: (transfer full): the job
 */
FreightBulkJob *
freight_bulk_client_find_job (FreightBulkClient  *self,
                              const char         *job_id,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  FreightBulkJob *job;

  g_return_val_if_fail (FREIGHT_IS_BULK_CLIENT (self), NULL);

  if (!freight_bulk_check_job_id (job_id, error))
    return NULL;

  path = _freight_bulk_job_path (FREIGHT_BULK_JOB_KIND_INGEST, job_id, NULL);
  job = _freight_bulk_client_send_job (self, FREIGHT_BULK_JOB_KIND_INGEST, "GET", path, NULL,
                                       TRUE, cancellable, &local_error);
  if (job != NULL && freight_bulk_job_get_kind (job) == FREIGHT_BULK_JOB_KIND_INGEST)
    return job;
  if (job == NULL && !g_error_matches (local_error, FREIGHT_API_ERROR,
                                       FREIGHT_API_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_clear_object (&job);

  return freight_bulk_client_get_job (self, FREIGHT_BULK_JOB_KIND_QUERY, job_id, cancellable,
                                      error);
}

/**
 * freight_bulk_client_abort_job:
 * @self: a client
 * @kind: ingest or query
 * @job_id: the job's id
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * PATCH `{"state":"Aborted"}`. Not retry-safe: after a lost answer, GET the job to see
 * whether it was aborted. A job that is already finished answers INVALIDJOBSTATE. Blocks.
 *
 * Returns: (transfer full): the job as the org answered (without counters)
 */
FreightBulkJob *
freight_bulk_client_abort_job (FreightBulkClient   *self,
                               FreightBulkJobKind   kind,
                               const char          *job_id,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *path = NULL;
  FreightBulkJob *job;

  g_return_val_if_fail (FREIGHT_IS_BULK_CLIENT (self), NULL);

  if (!freight_bulk_check_job_id (job_id, error))
    return NULL;

  json_object_set_string_member (object, "state", "Aborted");
  body = json_node_init_object (json_node_alloc (), object);
  path = _freight_bulk_job_path (kind, job_id, NULL);
  job = _freight_bulk_client_send_job (self, kind, "PATCH", path, body, FALSE, cancellable,
                                       error);
  if (job == NULL)
    {
      explain_job_error (error, job_id);
      g_prefix_error (error, _("Could not abort job %s: "), job_id);
    }
  return job;
}

/**
 * freight_bulk_client_delete_job:
 * @self: a client
 * @kind: ingest or query
 * @job_id: the job's id
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * DELETE the job, its data and results. Only finished (and closed ingest) jobs can be
 * deleted. Retry-safe. Blocks.
 *
 * Returns: %TRUE when the job is gone
 */
gboolean
freight_bulk_client_delete_job (FreightBulkClient   *self,
                                FreightBulkJobKind   kind,
                                const char          *job_id,
                                GCancellable        *cancellable,
                                GError             **error)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (FREIGHT_IS_BULK_CLIENT (self), FALSE);

  if (!freight_bulk_check_job_id (job_id, error))
    return FALSE;

  path = _freight_bulk_job_path (kind, job_id, NULL);
  answer = freight_org_session_send_json (self->session, "DELETE", path, NULL, TRUE,
                                          cancellable, error);
  if (answer == NULL)
    {
      explain_job_error (error, job_id);
      g_prefix_error (error, _("Could not delete job %s: "), job_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * freight_bulk_client_list_jobs_page:
 * @self: a client
 * @kind: ingest or query
 * @page_url: (nullable): %NULL for the first page, else the URL the previous page gave
 * @next_page_url: (out) (optional) (transfer full) (nullable): the next page's URL, or
 *   %NULL after the last page
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * One page (up to 1000 jobs) of the org's jobs of @kind, of any tool, in no particular
 * order. Retry-safe. Blocks.
 *
 * Returns: (transfer full) (element-type FreightBulkJob): the jobs of this page
 */
GPtrArray *
freight_bulk_client_list_jobs_page (FreightBulkClient   *self,
                                    FreightBulkJobKind   kind,
                                    const char          *page_url,
                                    char               **next_page_url,
                                    GCancellable        *cancellable,
                                    GError             **error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *path = NULL;
  JsonObject *object;
  JsonNode *records;
  JsonNode *next;

  g_return_val_if_fail (FREIGHT_IS_BULK_CLIENT (self), NULL);

  if (next_page_url != NULL)
    *next_page_url = NULL;

  /* Only the org's own paths: a listing must not send the token elsewhere. */
  if (page_url != NULL && !g_str_has_prefix (page_url, "/services/data/"))
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_RESPONSE,
                   _("The org gave “%s” as the next page of its job list; Freight only "
                     "follows paths under /services/data/."), page_url);
      return NULL;
    }

  path = page_url != NULL ? g_strdup (page_url) : _freight_bulk_job_path (kind, NULL, NULL);
  answer = freight_org_session_send_json (self->session, "GET", path, NULL, TRUE, cancellable,
                                          error);
  if (answer == NULL)
    {
      g_prefix_error (error, _("Could not list the org’s %s jobs: "),
                      freight_bulk_job_kind_to_string (kind));
      return NULL;
    }

  object = JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  records = object != NULL ? json_object_get_member (object, "records") : NULL;
  if (records == NULL || !JSON_NODE_HOLDS_ARRAY (records))
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_RESPONSE,
                   _("The org’s list of %s jobs has no records. Check that the instance "
                     "URL is a Salesforce org."), freight_bulk_job_kind_to_string (kind));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (records)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (records), i);
      g_autoptr(GError) local_error = NULL;
      FreightBulkJob *job;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      job = freight_bulk_job_new_from_json (json_node_get_object (element), kind,
                                            &local_error);
      if (job == NULL)
        {
          g_debug ("Skipping a listed job: %s", local_error->message);
          continue;
        }
      g_ptr_array_add (jobs, job);
    }

  next = json_object_get_member (object, "nextRecordsUrl");
  if (next_page_url != NULL && next != NULL && JSON_NODE_HOLDS_VALUE (next)
      && json_node_get_value_type (next) == G_TYPE_STRING
      && !json_object_get_boolean_member_with_default (object, "done", FALSE))
    *next_page_url = g_strdup (json_node_get_string (next));

  return g_steal_pointer (&jobs);
}

/**
 * freight_bulk_client_list_jobs:
 * @self: a client
 * @kind: ingest or query
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Every page of freight_bulk_client_list_jobs_page(). Blocks.
 *
 * Returns: (transfer full) (element-type FreightBulkJob): all the org's jobs of @kind
 */
GPtrArray *
freight_bulk_client_list_jobs (FreightBulkClient   *self,
                               FreightBulkJobKind   kind,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen_pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);
  g_autofree char *page = NULL;

  g_return_val_if_fail (FREIGHT_IS_BULK_CLIENT (self), NULL);

  do
    {
      g_autoptr(GPtrArray) jobs = NULL;
      char *next = NULL;

      jobs = freight_bulk_client_list_jobs_page (self, kind, page, &next, cancellable, error);
      if (jobs == NULL)
        return NULL;
      for (guint i = 0; i < jobs->len; i++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (jobs, i)));

      g_free (page);
      page = next;
      /* A server that hands out the same page again would keep us here forever. */
      if (page != NULL && !g_hash_table_add (seen_pages, g_strdup (page)))
        {
          g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_RESPONSE,
                       _("The org’s job list repeats the page %s."), page);
          return NULL;
        }
    }
  while (page != NULL);

  return g_steal_pointer (&all);
}

/**
 * freight_bulk_client_wait_for_job:
 * @self: a client
 * @kind: ingest or query
 * @job_id: the job's id
 * @min_wait_ms: the first interval between polls (e.g. 1000)
 * @max_wait_ms: the longest interval (e.g. 30000)
 * @on_poll: (nullable) (scope call): called after each poll, on this thread
 * @user_data: data for @on_poll
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Polls the job until it is JobComplete, Failed or Aborted, waiting longer each time (by
 * half, up to @max_wait_ms). A 429 or 503 answer is retried by the HTTP layer after the
 * delay its Retry-After header asks; faults it could not retry away (5xx, 429, dropped
 * connections) only delay the next poll.
 * An Open ingest job is never going to finish by itself; waiting on one is an error.
 * Blocks.
 *
 * Returns: (transfer full): the job in its final state
 */
FreightBulkJob *
freight_bulk_client_wait_for_job (FreightBulkClient   *self,
                                  FreightBulkJobKind   kind,
                                  const char          *job_id,
                                  guint                min_wait_ms,
                                  guint                max_wait_ms,
                                  FreightBulkJobFunc   on_poll,
                                  gpointer             user_data,
                                  GCancellable        *cancellable,
                                  GError             **error)
{
  guint wait_ms = 0;
  guint faults = 0;

  g_return_val_if_fail (FREIGHT_IS_BULK_CLIENT (self), NULL);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(FreightBulkJob) job = NULL;

      job = freight_bulk_client_get_job (self, kind, job_id, cancellable, &local_error);
      if (job == NULL)
        {
          /* Ten polls in a row that failed even after the HTTP layer's retries: the org
           * is not coming back soon. */
          if (!_freight_bulk_is_transient_error (local_error) || ++faults >= 10)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_debug ("Poll of %s failed, trying again: %s", job_id, local_error->message);
        }
      else
        {
          faults = 0;
          if (on_poll != NULL)
            on_poll (job, user_data);
          if (freight_bulk_job_is_terminal (job))
            return g_steal_pointer (&job);
          if (freight_bulk_job_get_state (job) == FREIGHT_BULK_JOB_STATE_OPEN)
            {
              g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                           _("Job %s is still open: it will not run until its data is "
                             "uploaded and the job is closed."), job_id);
              return NULL;
            }
        }

      wait_ms = _freight_bulk_next_wait (wait_ms, min_wait_ms, max_wait_ms);
      if (!_freight_bulk_sleep (wait_ms, cancellable, error))
        return NULL;
    }
}
