/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * FreightProblemSeverity:
 * @FREIGHT_PROBLEM_ERROR: stops the load (a mapping problem) or the row (a row problem)
 * @FREIGHT_PROBLEM_WARNING: worth a look; the load or the row goes on
 */
typedef enum
{
  FREIGHT_PROBLEM_ERROR,
  FREIGHT_PROBLEM_WARNING,
} FreightProblemSeverity;

/**
 * FreightProblemKind:
 * @FREIGHT_PROBLEM_NO_OBJECT: no object chosen (or its describe not loaded)
 * @FREIGHT_PROBLEM_NOTHING_MAPPED: no column is mapped
 * @FREIGHT_PROBLEM_UNKNOWN_COLUMN: a mapped column is not in the file
 * @FREIGHT_PROBLEM_UNKNOWN_FIELD: the target field does not exist
 * @FREIGHT_PROBLEM_NOT_WRITABLE: the target cannot be written by the operation
 * @FREIGHT_PROBLEM_DUPLICATE_TARGET: two entries write the same field
 * @FREIGHT_PROBLEM_MISSING_REQUIRED_FIELD: a field required on insert is not mapped
 * @FREIGHT_PROBLEM_MISSING_ID: update or delete without the Id column
 * @FREIGHT_PROBLEM_DELETE_EXTRA_FIELD: a delete maps more than Id
 * @FREIGHT_PROBLEM_EXTERNAL_ID: the upsert's external ID field is unset, unknown, not a
 *   key or not mapped
 * @FREIGHT_PROBLEM_RELATIONSHIP: a relationship target names no lookup, a wrong object
 *   type, or a parent field that is no key
 * @FREIGHT_PROBLEM_RELATED_OBJECT_UNKNOWN: the parent object’s describe is not loaded, so
 *   a relationship target cannot be checked (a warning)
 * @FREIGHT_PROBLEM_INVALID_CONSTANT: a constant is not a valid value for its field
 * @FREIGHT_PROBLEM_INVALID_FORMAT: a column’s format cannot be used (unknown time zone…)
 * @FREIGHT_PROBLEM_AMBIGUOUS_COLUMN: auto-map found several fields for a column, or
 *   several columns for a field, and mapped none (a warning)
 * @FREIGHT_PROBLEM_CSV_ROW: the CSV reader could not read the row as it should (wrong
 *   number of fields, a stray quote, bad bytes)
 * @FREIGHT_PROBLEM_REQUIRED_BLANK: a value the record must have is blank
 * @FREIGHT_PROBLEM_INVALID_VALUE: a value is not a date, number, boolean, email… as the
 *   field needs
 * @FREIGHT_PROBLEM_TOO_LONG: text longer than the field holds
 * @FREIGHT_PROBLEM_NOT_IN_PICKLIST: a value a restricted picklist does not have
 * @FREIGHT_PROBLEM_INVALID_ID: a malformed record ID
 * @FREIGHT_PROBLEM_DUPLICATE_KEY: the row repeats an earlier row’s external ID or Id
 * @FREIGHT_PROBLEM_MISSING_ROW_ID: an update or delete row without an Id
 * @FREIGHT_PROBLEM_AMBIGUOUS_TIME: a local time that happens twice (a warning)
 * @FREIGHT_PROBLEM_ROUNDED: a number with more decimals than the field keeps (a warning)
 *
 * What a problem is about; the pre-flight result counts problems by kind.
 */
typedef enum
{
  FREIGHT_PROBLEM_NO_OBJECT,
  FREIGHT_PROBLEM_NOTHING_MAPPED,
  FREIGHT_PROBLEM_UNKNOWN_COLUMN,
  FREIGHT_PROBLEM_UNKNOWN_FIELD,
  FREIGHT_PROBLEM_NOT_WRITABLE,
  FREIGHT_PROBLEM_DUPLICATE_TARGET,
  FREIGHT_PROBLEM_MISSING_REQUIRED_FIELD,
  FREIGHT_PROBLEM_MISSING_ID,
  FREIGHT_PROBLEM_DELETE_EXTRA_FIELD,
  FREIGHT_PROBLEM_EXTERNAL_ID,
  FREIGHT_PROBLEM_RELATIONSHIP,
  FREIGHT_PROBLEM_RELATED_OBJECT_UNKNOWN,
  FREIGHT_PROBLEM_INVALID_CONSTANT,
  FREIGHT_PROBLEM_INVALID_FORMAT,
  FREIGHT_PROBLEM_AMBIGUOUS_COLUMN,
  FREIGHT_PROBLEM_CSV_ROW,
  FREIGHT_PROBLEM_REQUIRED_BLANK,
  FREIGHT_PROBLEM_INVALID_VALUE,
  FREIGHT_PROBLEM_TOO_LONG,
  FREIGHT_PROBLEM_NOT_IN_PICKLIST,
  FREIGHT_PROBLEM_INVALID_ID,
  FREIGHT_PROBLEM_DUPLICATE_KEY,
  FREIGHT_PROBLEM_MISSING_ROW_ID,
  FREIGHT_PROBLEM_AMBIGUOUS_TIME,
  FREIGHT_PROBLEM_ROUNDED,
} FreightProblemKind;

#define FREIGHT_PROBLEM_N_KINDS (FREIGHT_PROBLEM_ROUNDED + 1)

#define FREIGHT_TYPE_PROBLEM_SEVERITY (freight_problem_severity_get_type ())
#define FREIGHT_TYPE_PROBLEM_KIND (freight_problem_kind_get_type ())
#define FREIGHT_TYPE_PROBLEM (freight_problem_get_type ())

G_DECLARE_FINAL_TYPE (FreightProblem, freight_problem, FREIGHT, PROBLEM, GObject)

GType                  freight_problem_severity_get_type (void) G_GNUC_CONST;
GType                  freight_problem_kind_get_type (void) G_GNUC_CONST;

FreightProblem        *freight_problem_new (FreightProblemSeverity  severity,
                                            FreightProblemKind      kind,
                                            guint64                 row,
                                            guint64                 line,
                                            const char             *column,
                                            const char             *field,
                                            const char             *message);
FreightProblemSeverity freight_problem_get_severity (FreightProblem *self);
FreightProblemKind     freight_problem_get_kind (FreightProblem *self);
guint64                freight_problem_get_row (FreightProblem *self);
guint64                freight_problem_get_line (FreightProblem *self);
const char            *freight_problem_get_column (FreightProblem *self);
const char            *freight_problem_get_field (FreightProblem *self);
const char            *freight_problem_get_message (FreightProblem *self);
char                  *freight_problem_to_string (FreightProblem *self);

G_END_DECLS
