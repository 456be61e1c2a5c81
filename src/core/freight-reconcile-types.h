/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Types shared by the reconciliation files; the overview is in freight-reconcile.h. */

#define FREIGHT_RECONCILE_ERROR (freight_reconcile_error_quark ())

/**
 * FreightReconcileError:
 * @FREIGHT_RECONCILE_ERROR_FAILED: any other failure
 * @FREIGHT_RECONCILE_ERROR_SPOOL: a spool file of the part is missing, truncated or does
 *   not agree with the others (the part's rows, its record numbers, its outcome)
 * @FREIGHT_RECONCILE_ERROR_RESULT: a result file downloaded from Salesforce cannot be used
 *   at all (e.g. its header lacks `sf__Id`)
 * @FREIGHT_RECONCILE_ERROR_SOURCE: the source file does not hold the part's rows where the
 *   part says (it changed or was truncated since the load started)
 * @FREIGHT_RECONCILE_ERROR_INVALID: the caller passed an inconsistent description
 *   (e.g. column kinds for a different number of columns)
 *
 * Errors of reconciliation. I/O errors pass through in the G_IO_ERROR domain, CSV syntax
 * errors of the part or the source in FREIGHT_CSV_ERROR.
 */
typedef enum
{
  FREIGHT_RECONCILE_ERROR_FAILED,
  FREIGHT_RECONCILE_ERROR_SPOOL,
  FREIGHT_RECONCILE_ERROR_RESULT,
  FREIGHT_RECONCILE_ERROR_SOURCE,
  FREIGHT_RECONCILE_ERROR_INVALID,
} FreightReconcileError;

/**
 * FreightReconcileKind:
 * @FREIGHT_RECONCILE_KIND_TEXT: compared exactly, byte for byte
 * @FREIGHT_RECONCILE_KIND_NUMBER: compared as IEEE doubles, as Salesforce stores them
 *   (`912260031` = `9.12260031E8`, `1` = `1.0` = `1.00`)
 * @FREIGHT_RECONCILE_KIND_DATE: compared as calendar days (`2024-03-01` = `2024-03-01Z` =
 *   `2024-03-01T00:00:00.000Z`)
 * @FREIGHT_RECONCILE_KIND_DATETIME: compared as instants, to the millisecond
 *   (`2024-03-01T10:00:00+01:00` = `2024-03-01T09:00:00.000Z`); no offset means UTC
 * @FREIGHT_RECONCILE_KIND_TIME: compared as times of day, to the millisecond
 * @FREIGHT_RECONCILE_KIND_BOOLEAN: `true`/`false`, `1`/`0`, `yes`/`no`, any case
 * @FREIGHT_RECONCILE_KIND_ID: Salesforce ids: a 15-character id equals its 18-character form
 *
 * How the values of one sent column are compared with their echo in the results. The
 * pipeline derives it from the field's describe type (a relationship column takes the type
 * of the parent's key field). In every kind an empty value and `#N/A` are the same (no
 * value), and a value that does not parse as its kind is compared as text.
 */
typedef enum
{
  FREIGHT_RECONCILE_KIND_TEXT,
  FREIGHT_RECONCILE_KIND_NUMBER,
  FREIGHT_RECONCILE_KIND_DATE,
  FREIGHT_RECONCILE_KIND_DATETIME,
  FREIGHT_RECONCILE_KIND_TIME,
  FREIGHT_RECONCILE_KIND_BOOLEAN,
  FREIGHT_RECONCILE_KIND_ID,
} FreightReconcileKind;

#define FREIGHT_RECONCILE_N_KINDS (FREIGHT_RECONCILE_KIND_ID + 1)

/**
 * FreightJobEndState:
 * @FREIGHT_JOB_END_COMPLETE: the job ended `JobComplete`
 * @FREIGHT_JOB_END_FAILED: the job ended `Failed` (its `errorMessage` says why)
 * @FREIGHT_JOB_END_ABORTED: the job ended `Aborted`
 *
 * The final state of the ingest job of a part; it decides the reason given to rows
 * Salesforce did not process.
 */
typedef enum
{
  FREIGHT_JOB_END_COMPLETE,
  FREIGHT_JOB_END_FAILED,
  FREIGHT_JOB_END_ABORTED,
} FreightJobEndState;

/**
 * FreightResultColumn:
 * @FREIGHT_RESULT_COLUMN_NONE: not one of Freight's columns
 * @FREIGHT_RESULT_COLUMN_ROW: `Freight Row`: the source record number (1 = first data row)
 * @FREIGHT_RESULT_COLUMN_ID: `Freight Id`: the record Id (success.csv)
 * @FREIGHT_RESULT_COLUMN_CREATED: `Freight Created`: `true` or `false` (success.csv)
 * @FREIGHT_RESULT_COLUMN_ERROR_CODE: `Freight Error Code` (failed.csv)
 * @FREIGHT_RESULT_COLUMN_ERROR_MESSAGE: `Freight Error Message` (failed.csv)
 * @FREIGHT_RESULT_COLUMN_ERROR_FIELDS: `Freight Error Fields`: comma-separated field names
 *   (failed.csv)
 * @FREIGHT_RESULT_COLUMN_REASON: `Freight Reason` (unprocessed.csv)
 *
 * The columns Freight puts before the source columns in its result files. When a result
 * file is loaded again, mapping must leave these columns out, and the `Freight Row` column
 * carries the original row number through to the new results.
 */
typedef enum
{
  FREIGHT_RESULT_COLUMN_NONE,
  FREIGHT_RESULT_COLUMN_ROW,
  FREIGHT_RESULT_COLUMN_ID,
  FREIGHT_RESULT_COLUMN_CREATED,
  FREIGHT_RESULT_COLUMN_ERROR_CODE,
  FREIGHT_RESULT_COLUMN_ERROR_MESSAGE,
  FREIGHT_RESULT_COLUMN_ERROR_FIELDS,
  FREIGHT_RESULT_COLUMN_REASON,
} FreightResultColumn;

/* The file names of a run's result folder. */
#define FREIGHT_RESULT_FILE_SUCCESS     "success.csv"
#define FREIGHT_RESULT_FILE_FAILED      "failed.csv"
#define FREIGHT_RESULT_FILE_UNPROCESSED "unprocessed.csv"
/* Only written when Salesforce returned result rows that match no row Freight sent. */
#define FREIGHT_RESULT_FILE_UNMATCHED   "unmatched-results.csv"

GQuark freight_reconcile_error_quark (void);

const char           *freight_reconcile_kind_to_string      (FreightReconcileKind  kind);
gboolean              freight_reconcile_kind_from_string    (const char           *string,
                                                             FreightReconcileKind *kind);
FreightReconcileKind  freight_reconcile_kind_for_field_type (const char           *field_type);

FreightResultColumn  freight_result_column_from_name  (const char          *name);
const char          *freight_result_column_get_name   (FreightResultColumn  column);
gboolean             freight_result_column_is_freight (const char          *name);
int                  freight_result_columns_find_row  (const char * const  *names,
                                                       guint                n_names);

G_END_DECLS
