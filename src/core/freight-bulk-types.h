/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Enums and the error domain shared by the Bulk API 2.0 client, the jobs model and the
 * export. The string forms are the names the Bulk API uses on the wire. */

/**
 * FreightBulkJobKind:
 * @FREIGHT_BULK_JOB_KIND_INGEST: a job under /jobs/ingest (insert, update, upsert, delete,
 *   hardDelete)
 * @FREIGHT_BULK_JOB_KIND_QUERY: a job under /jobs/query (query, queryAll)
 */
typedef enum
{
  FREIGHT_BULK_JOB_KIND_INGEST,
  FREIGHT_BULK_JOB_KIND_QUERY,
} FreightBulkJobKind;

/**
 * FreightBulkJobState:
 * @FREIGHT_BULK_JOB_STATE_UNKNOWN: a state this version of Freight does not know
 * @FREIGHT_BULK_JOB_STATE_OPEN: an ingest job that takes data
 * @FREIGHT_BULK_JOB_STATE_UPLOAD_COMPLETE: closed (ingest) or created (query), waiting
 * @FREIGHT_BULK_JOB_STATE_IN_PROGRESS: being processed
 * @FREIGHT_BULK_JOB_STATE_JOB_COMPLETE: processed; results can be downloaded
 * @FREIGHT_BULK_JOB_STATE_FAILED: the job as a whole failed (see its error message)
 * @FREIGHT_BULK_JOB_STATE_ABORTED: aborted by a user
 */
typedef enum
{
  FREIGHT_BULK_JOB_STATE_UNKNOWN,
  FREIGHT_BULK_JOB_STATE_OPEN,
  FREIGHT_BULK_JOB_STATE_UPLOAD_COMPLETE,
  FREIGHT_BULK_JOB_STATE_IN_PROGRESS,
  FREIGHT_BULK_JOB_STATE_JOB_COMPLETE,
  FREIGHT_BULK_JOB_STATE_FAILED,
  FREIGHT_BULK_JOB_STATE_ABORTED,
} FreightBulkJobState;

/**
 * FreightBulkOperation:
 * @FREIGHT_BULK_OPERATION_UNKNOWN: an operation this version of Freight does not know
 * @FREIGHT_BULK_OPERATION_INSERT: insert
 * @FREIGHT_BULK_OPERATION_UPDATE: update
 * @FREIGHT_BULK_OPERATION_UPSERT: upsert (needs an external ID field)
 * @FREIGHT_BULK_OPERATION_DELETE: delete (to the recycle bin)
 * @FREIGHT_BULK_OPERATION_HARD_DELETE: hardDelete (needs the Bulk API Hard Delete permission)
 * @FREIGHT_BULK_OPERATION_QUERY: query (records that are not deleted)
 * @FREIGHT_BULK_OPERATION_QUERY_ALL: queryAll (deleted and archived records too)
 */
typedef enum
{
  FREIGHT_BULK_OPERATION_UNKNOWN,
  FREIGHT_BULK_OPERATION_INSERT,
  FREIGHT_BULK_OPERATION_UPDATE,
  FREIGHT_BULK_OPERATION_UPSERT,
  FREIGHT_BULK_OPERATION_DELETE,
  FREIGHT_BULK_OPERATION_HARD_DELETE,
  FREIGHT_BULK_OPERATION_QUERY,
  FREIGHT_BULK_OPERATION_QUERY_ALL,
} FreightBulkOperation;

/**
 * FreightBulkResults:
 * @FREIGHT_BULK_RESULTS_SUCCESSFUL: `successfulResults`: sf__Id, sf__Created, the row
 * @FREIGHT_BULK_RESULTS_FAILED: `failedResults`: sf__Id, sf__Error, the row
 * @FREIGHT_BULK_RESULTS_UNPROCESSED: `unprocessedrecords`: rows never processed
 *
 * The three result sets of an ingest job.
 */
typedef enum
{
  FREIGHT_BULK_RESULTS_SUCCESSFUL,
  FREIGHT_BULK_RESULTS_FAILED,
  FREIGHT_BULK_RESULTS_UNPROCESSED,
} FreightBulkResults;

#define FREIGHT_BULK_N_RESULTS (FREIGHT_BULK_RESULTS_UNPROCESSED + 1)

#define FREIGHT_BULK_ERROR (freight_bulk_error_quark ())

/**
 * FreightBulkError:
 * @FREIGHT_BULK_ERROR_INVALID_ARGUMENT: a job id, object or field name, delimiter or
 *   other value that Freight will not send
 * @FREIGHT_BULK_ERROR_INVALID_RESPONSE: the org answered something Freight cannot read
 * @FREIGHT_BULK_ERROR_JOB_FAILED: the job ended in the Failed state
 * @FREIGHT_BULK_ERROR_JOB_ABORTED: the job was aborted (by someone else)
 * @FREIGHT_BULK_ERROR_HEADER_MISMATCH: a result page's header differs from the first page's
 * @FREIGHT_BULK_ERROR_NOT_RESUMABLE: an interrupted run that cannot be continued
 *
 * Errors the Bulk client finds itself. Errors the org answers with are FREIGHT_API_ERROR
 * and carry Salesforce's errorCode (freight_error_get_remote_code()).
 */
typedef enum
{
  FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
  FREIGHT_BULK_ERROR_INVALID_RESPONSE,
  FREIGHT_BULK_ERROR_JOB_FAILED,
  FREIGHT_BULK_ERROR_JOB_ABORTED,
  FREIGHT_BULK_ERROR_HEADER_MISMATCH,
  FREIGHT_BULK_ERROR_NOT_RESUMABLE,
} FreightBulkError;

GQuark                freight_bulk_error_quark                (void);

#define FREIGHT_TYPE_BULK_JOB_KIND (freight_bulk_job_kind_get_type ())
#define FREIGHT_TYPE_BULK_JOB_STATE (freight_bulk_job_state_get_type ())
#define FREIGHT_TYPE_BULK_OPERATION (freight_bulk_operation_get_type ())
#define FREIGHT_TYPE_BULK_RESULTS (freight_bulk_results_get_type ())

GType                 freight_bulk_job_kind_get_type          (void) G_GNUC_CONST;
GType                 freight_bulk_job_state_get_type         (void) G_GNUC_CONST;
GType                 freight_bulk_operation_get_type         (void) G_GNUC_CONST;
GType                 freight_bulk_results_get_type           (void) G_GNUC_CONST;

const char           *freight_bulk_job_kind_to_string         (FreightBulkJobKind     kind);
gboolean              freight_bulk_job_kind_from_string       (const char            *name,
                                                               FreightBulkJobKind    *kind);

const char           *freight_bulk_job_state_to_string        (FreightBulkJobState    state);
FreightBulkJobState   freight_bulk_job_state_from_string      (const char            *name);
const char           *freight_bulk_job_state_get_display_name (FreightBulkJobState    state);
gboolean              freight_bulk_job_state_is_terminal      (FreightBulkJobState    state);

const char           *freight_bulk_operation_to_string        (FreightBulkOperation   operation);
FreightBulkOperation  freight_bulk_operation_from_string      (const char            *name);
const char           *freight_bulk_operation_get_display_name (FreightBulkOperation   operation);
FreightBulkJobKind    freight_bulk_operation_get_kind         (FreightBulkOperation   operation);

const char           *freight_bulk_results_to_string          (FreightBulkResults     results);
gboolean              freight_bulk_results_from_string        (const char            *name,
                                                               FreightBulkResults    *results);
const char           *freight_bulk_results_get_file_name      (FreightBulkResults     results);

gboolean              freight_bulk_check_job_id               (const char            *job_id,
                                                               GError               **error);

G_END_DECLS
