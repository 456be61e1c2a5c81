/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "freight-csv-types.h"

G_BEGIN_DECLS

/* FreightRunResults: what a finished load's result folder says (design.md §2), read on a
 * worker thread: the counts of summary.json, the failures grouped by error code and field
 * (for a chart), and the rows of failed.csv with their errors as a list model whose values
 * can be edited before a resubmit (FreightResubmit).
 *
 *   results = freight_run_results_new (run_dir);
 *   freight_run_results_load_async (results, cancellable, done, data);
 *   … freight_run_results_load_finish () …
 *   freight_run_results_get_failed_rows (results)   (FreightFailedRow items)
 */

/* The error code of rows a resubmit could not get processed (its job failed or was
 * aborted): they stay in failed.csv with the reason as the message. */
#define FREIGHT_ERROR_CODE_NOT_PROCESSED "FREIGHT_NOT_PROCESSED"

/* --- FreightFailedRow: one row of failed.csv --- */

#define FREIGHT_TYPE_FAILED_ROW (freight_failed_row_get_type ())

G_DECLARE_FINAL_TYPE (FreightFailedRow, freight_failed_row, FREIGHT, FAILED_ROW, GObject)

FreightFailedRow   *freight_failed_row_new                (guint64             row,
                                                           const char         *error_code,
                                                           const char         *error_message,
                                                           const char         *error_fields,
                                                           const char * const *values);
guint64             freight_failed_row_get_row            (FreightFailedRow   *self);
const char         *freight_failed_row_get_error_code     (FreightFailedRow   *self);
const char         *freight_failed_row_get_error_message  (FreightFailedRow   *self);
const char         *freight_failed_row_get_error_fields   (FreightFailedRow   *self);
gboolean            freight_failed_row_has_error_field    (FreightFailedRow   *self,
                                                           const char         *field);
guint               freight_failed_row_get_n_values       (FreightFailedRow   *self);
const char * const *freight_failed_row_get_values         (FreightFailedRow   *self);
const char         *freight_failed_row_get_value          (FreightFailedRow   *self,
                                                           guint               column);
void                freight_failed_row_set_value          (FreightFailedRow   *self,
                                                           guint               column,
                                                           const char         *value);
gboolean            freight_failed_row_get_edited         (FreightFailedRow   *self);
void                freight_failed_row_set_edited         (FreightFailedRow   *self,
                                                           gboolean            edited);

/* --- FreightFailureGroup: failed rows with one error code and field --- */

#define FREIGHT_TYPE_FAILURE_GROUP (freight_failure_group_get_type ())

G_DECLARE_FINAL_TYPE (FreightFailureGroup, freight_failure_group,
                      FREIGHT, FAILURE_GROUP, GObject)

const char *freight_failure_group_get_error_code (FreightFailureGroup *self);
const char *freight_failure_group_get_field      (FreightFailureGroup *self);
guint64     freight_failure_group_get_n_rows     (FreightFailureGroup *self);

/* --- FreightRunResults --- */

#define FREIGHT_TYPE_RUN_RESULTS (freight_run_results_get_type ())

G_DECLARE_FINAL_TYPE (FreightRunResults, freight_run_results, FREIGHT, RUN_RESULTS, GObject)

FreightRunResults  *freight_run_results_new               (GFile              *run_dir);
GFile              *freight_run_results_get_run_dir       (FreightRunResults  *self);
GFile              *freight_run_results_get_file          (FreightRunResults  *self,
                                                           const char         *name);

void                freight_run_results_load_async        (FreightRunResults  *self,
                                                           GCancellable       *cancellable,
                                                           GAsyncReadyCallback callback,
                                                           gpointer            user_data);
gboolean            freight_run_results_load_finish       (FreightRunResults  *self,
                                                           GAsyncResult       *result,
                                                           GError            **error);
gboolean            freight_run_results_load              (FreightRunResults  *self,
                                                           GCancellable       *cancellable,
                                                           GError            **error);

JsonObject         *freight_run_results_get_summary       (FreightRunResults  *self);
const char         *freight_run_results_get_org_name      (FreightRunResults  *self);
const char         *freight_run_results_get_object_name   (FreightRunResults  *self);
const char         *freight_run_results_get_operation     (FreightRunResults  *self);
guint64             freight_run_results_get_n_rows        (FreightRunResults  *self);
guint64             freight_run_results_get_n_succeeded   (FreightRunResults  *self);
guint64             freight_run_results_get_n_failed      (FreightRunResults  *self);
guint64             freight_run_results_get_n_unprocessed (FreightRunResults  *self);
guint               freight_run_results_get_n_resubmits   (FreightRunResults  *self);

const char * const *freight_run_results_get_columns       (FreightRunResults  *self);
GListModel         *freight_run_results_get_failed_rows   (FreightRunResults  *self);
GListModel         *freight_run_results_get_failure_groups (FreightRunResults *self);
gboolean            freight_run_results_is_error_column   (FreightRunResults  *self,
                                                           FreightFailedRow   *row,
                                                           guint               column);

/* Reading and writing result files (shared with FreightResubmit). */
gboolean            freight_run_results_sniff             (GFile              *file,
                                                           FreightCsvDialect  *dialect,
                                                           GCancellable       *cancellable,
                                                           GError            **error);

G_END_DECLS
