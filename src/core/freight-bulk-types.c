/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-bulk"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-bulk-types.h"

/* The enum nicks are the Bulk API's own spellings, so that converting to and from the
 * wire is a lookup in the enum class. */

G_DEFINE_QUARK (freight-bulk-error-quark, freight_bulk_error)

G_DEFINE_ENUM_TYPE (FreightBulkJobKind, freight_bulk_job_kind,
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_JOB_KIND_INGEST, "ingest"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_JOB_KIND_QUERY, "query"))

G_DEFINE_ENUM_TYPE (FreightBulkJobState, freight_bulk_job_state,
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_JOB_STATE_UNKNOWN, "Unknown"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_JOB_STATE_OPEN, "Open"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_JOB_STATE_UPLOAD_COMPLETE, "UploadComplete"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_JOB_STATE_IN_PROGRESS, "InProgress"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_JOB_STATE_JOB_COMPLETE, "JobComplete"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_JOB_STATE_FAILED, "Failed"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_JOB_STATE_ABORTED, "Aborted"))

G_DEFINE_ENUM_TYPE (FreightBulkOperation, freight_bulk_operation,
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_OPERATION_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_OPERATION_INSERT, "insert"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_OPERATION_UPDATE, "update"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_OPERATION_UPSERT, "upsert"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_OPERATION_DELETE, "delete"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_OPERATION_HARD_DELETE, "hardDelete"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_OPERATION_QUERY, "query"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_OPERATION_QUERY_ALL, "queryAll"))

G_DEFINE_ENUM_TYPE (FreightBulkResults, freight_bulk_results,
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_RESULTS_SUCCESSFUL, "successfulResults"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_RESULTS_FAILED, "failedResults"),
  G_DEFINE_ENUM_VALUE (FREIGHT_BULK_RESULTS_UNPROCESSED, "unprocessedrecords"))

static const char *
enum_to_nick (GType type,
              int   value,
              int   fallback)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  if (v == NULL)
    v = g_enum_get_value (klass, fallback);
  return v->value_nick;
}

/* Case-insensitive: jobs listed by other tools and users typing on a command line do not
 * always agree with the API on case. */
static gboolean
enum_from_nick (GType       type,
                const char *nick,
                int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  if (nick == NULL)
    return FALSE;
  for (guint i = 0; i < klass->n_values; i++)
    if (g_ascii_strcasecmp (klass->values[i].value_nick, nick) == 0)
      {
        *value = klass->values[i].value;
        return TRUE;
      }
  return FALSE;
}

/**
 * freight_bulk_job_kind_to_string:
 * @kind: a job kind
 *
 * Returns: "ingest" or "query", as in the API's paths
 */
const char *
freight_bulk_job_kind_to_string (FreightBulkJobKind kind)
{
  return enum_to_nick (FREIGHT_TYPE_BULK_JOB_KIND, kind, FREIGHT_BULK_JOB_KIND_INGEST);
}

/**
 * freight_bulk_job_kind_from_string:
 * @name: (nullable): "ingest" or "query"
 * @kind: (out): the kind
 *
 * Returns: %TRUE when @name is a kind
 */
gboolean
freight_bulk_job_kind_from_string (const char         *name,
                                   FreightBulkJobKind *kind)
{
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (!enum_from_nick (FREIGHT_TYPE_BULK_JOB_KIND, name, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

/**
 * freight_bulk_job_state_to_string:
 * @state: a job state
 *
 * Returns: the API's name of @state, e.g. "UploadComplete"
 */
const char *
freight_bulk_job_state_to_string (FreightBulkJobState state)
{
  return enum_to_nick (FREIGHT_TYPE_BULK_JOB_STATE, state, FREIGHT_BULK_JOB_STATE_UNKNOWN);
}

/**
 * freight_bulk_job_state_from_string:
 * @name: (nullable): a state as the API names it, e.g. "JobComplete" (any case)
 *
 * Returns: the state, or %FREIGHT_BULK_JOB_STATE_UNKNOWN
 */
FreightBulkJobState
freight_bulk_job_state_from_string (const char *name)
{
  int value;

  if (!enum_from_nick (FREIGHT_TYPE_BULK_JOB_STATE, name, &value))
    return FREIGHT_BULK_JOB_STATE_UNKNOWN;
  return value;
}

/**
 * freight_bulk_job_state_get_display_name:
 * @state: a job state
 *
 * Returns: a translated name for people
 */
const char *
freight_bulk_job_state_get_display_name (FreightBulkJobState state)
{
  switch (state)
    {
    case FREIGHT_BULK_JOB_STATE_OPEN:
      return C_("job state", "Open");
    case FREIGHT_BULK_JOB_STATE_UPLOAD_COMPLETE:
      return C_("job state", "Upload complete");
    case FREIGHT_BULK_JOB_STATE_IN_PROGRESS:
      return C_("job state", "In progress");
    case FREIGHT_BULK_JOB_STATE_JOB_COMPLETE:
      return C_("job state", "Complete");
    case FREIGHT_BULK_JOB_STATE_FAILED:
      return C_("job state", "Failed");
    case FREIGHT_BULK_JOB_STATE_ABORTED:
      return C_("job state", "Aborted");
    case FREIGHT_BULK_JOB_STATE_UNKNOWN:
    default:
      return C_("job state", "Unknown");
    }
}

/**
 * freight_bulk_job_state_is_terminal:
 * @state: a job state
 *
 * Returns: %TRUE for JobComplete, Failed and Aborted: states a job never leaves
 */
gboolean
freight_bulk_job_state_is_terminal (FreightBulkJobState state)
{
  return state == FREIGHT_BULK_JOB_STATE_JOB_COMPLETE
         || state == FREIGHT_BULK_JOB_STATE_FAILED
         || state == FREIGHT_BULK_JOB_STATE_ABORTED;
}

/**
 * freight_bulk_operation_to_string:
 * @operation: an operation
 *
 * Returns: the API's name of @operation, e.g. "hardDelete"
 */
const char *
freight_bulk_operation_to_string (FreightBulkOperation operation)
{
  return enum_to_nick (FREIGHT_TYPE_BULK_OPERATION, operation,
                       FREIGHT_BULK_OPERATION_UNKNOWN);
}

/**
 * freight_bulk_operation_from_string:
 * @name: (nullable): an operation as the API names it (any case)
 *
 * Returns: the operation, or %FREIGHT_BULK_OPERATION_UNKNOWN
 */
FreightBulkOperation
freight_bulk_operation_from_string (const char *name)
{
  int value;

  if (!enum_from_nick (FREIGHT_TYPE_BULK_OPERATION, name, &value))
    return FREIGHT_BULK_OPERATION_UNKNOWN;
  return value;
}

/**
 * freight_bulk_operation_get_display_name:
 * @operation: an operation
 *
 * Returns: a translated name for people
 */
const char *
freight_bulk_operation_get_display_name (FreightBulkOperation operation)
{
  switch (operation)
    {
    case FREIGHT_BULK_OPERATION_INSERT:
      return C_("operation", "Insert");
    case FREIGHT_BULK_OPERATION_UPDATE:
      return C_("operation", "Update");
    case FREIGHT_BULK_OPERATION_UPSERT:
      return C_("operation", "Upsert");
    case FREIGHT_BULK_OPERATION_DELETE:
      return C_("operation", "Delete");
    case FREIGHT_BULK_OPERATION_HARD_DELETE:
      return C_("operation", "Hard delete");
    case FREIGHT_BULK_OPERATION_QUERY:
      return C_("operation", "Query");
    case FREIGHT_BULK_OPERATION_QUERY_ALL:
      return C_("operation", "Query all");
    case FREIGHT_BULK_OPERATION_UNKNOWN:
    default:
      return C_("operation", "Unknown");
    }
}

/**
 * freight_bulk_operation_get_kind:
 * @operation: an operation
 *
 * Returns: %FREIGHT_BULK_JOB_KIND_QUERY for query and queryAll, else ingest
 */
FreightBulkJobKind
freight_bulk_operation_get_kind (FreightBulkOperation operation)
{
  return operation == FREIGHT_BULK_OPERATION_QUERY
         || operation == FREIGHT_BULK_OPERATION_QUERY_ALL
         ? FREIGHT_BULK_JOB_KIND_QUERY : FREIGHT_BULK_JOB_KIND_INGEST;
}

/**
 * freight_bulk_results_to_string:
 * @results: a result set
 *
 * Returns: the last segment of its path, e.g. "successfulResults"
 */
const char *
freight_bulk_results_to_string (FreightBulkResults results)
{
  return enum_to_nick (FREIGHT_TYPE_BULK_RESULTS, results, FREIGHT_BULK_RESULTS_SUCCESSFUL);
}

/**
 * freight_bulk_results_from_string:
 * @name: (nullable): "successfulResults", "failedResults" or "unprocessedrecords" (any case),
 *   or the short names "success", "failed", "unprocessed"
 * @results: (out): the result set
 *
 * Returns: %TRUE when @name names a result set
 */
gboolean
freight_bulk_results_from_string (const char         *name,
                                  FreightBulkResults *results)
{
  static const char * const short_names[] = { "success", "failed", "unprocessed" };
  int value;

  g_return_val_if_fail (results != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (short_names); i++)
    if (g_ascii_strcasecmp (name, short_names[i]) == 0)
      {
        *results = i;
        return TRUE;
      }
  if (!enum_from_nick (FREIGHT_TYPE_BULK_RESULTS, name, &value))
    return FALSE;
  *results = value;
  return TRUE;
}

/**
 * freight_bulk_results_get_file_name:
 * @results: a result set
 *
 * Returns: the end of the file name a result set is saved under: "success.csv",
 *   "failed.csv" or "unprocessed.csv"
 */
const char *
freight_bulk_results_get_file_name (FreightBulkResults results)
{
  switch (results)
    {
    case FREIGHT_BULK_RESULTS_FAILED:
      return "failed.csv";
    case FREIGHT_BULK_RESULTS_UNPROCESSED:
      return "unprocessed.csv";
    case FREIGHT_BULK_RESULTS_SUCCESSFUL:
    default:
      return "success.csv";
    }
}

/**
 * freight_bulk_check_job_id:
 * @job_id: (nullable): a job id as a user or the org gave it
 * @error: return location for a FREIGHT_BULK_ERROR_INVALID_ARGUMENT
 *
 * Job ids go into URL paths, so anything but 15 or 18 letters and digits is refused
 * before a request is made.
 *
 * Returns: %TRUE when @job_id looks like a Salesforce id
 */
gboolean
freight_bulk_check_job_id (const char  *job_id,
                           GError     **error)
{
  gsize len = job_id != NULL ? strlen (job_id) : 0;
  gboolean ok = len == 15 || len == 18;

  for (gsize i = 0; ok && i < len; i++)
    ok = g_ascii_isalnum (job_id[i]);

  if (!ok)
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a Bulk job id. Job ids have 15 or 18 letters and digits "
                     "and start with 750."), job_id != NULL ? job_id : "");
      return FALSE;
    }
  return TRUE;
}
