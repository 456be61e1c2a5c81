/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "freight-reconcile-types.h"

G_BEGIN_DECLS

/**
 * FreightReconcileSeverity:
 * @FREIGHT_RECONCILE_SEVERITY_WARNING: worth telling (ambiguous joins, a column Salesforce
 *   did not echo)
 * @FREIGHT_RECONCILE_SEVERITY_ERROR: something does not add up (a result row that matches
 *   no sent row, rows without any result from a completed job)
 */
typedef enum
{
  FREIGHT_RECONCILE_SEVERITY_WARNING,
  FREIGHT_RECONCILE_SEVERITY_ERROR,
} FreightReconcileSeverity;

/**
 * FreightReconcileDiagnostic:
 * @severity: how serious
 * @record: the source record it concerns, or 0
 * @message: a sentence for the user, saying where and what to do
 */
typedef struct
{
  FreightReconcileSeverity  severity;
  guint64                   record;
  char                     *message;
} FreightReconcileDiagnostic;

/* The most diagnostics one part keeps; the rest are only counted. */
#define FREIGHT_RECONCILE_MAX_DIAGNOSTICS 50

#define FREIGHT_TYPE_RECONCILE_RESULT (freight_reconcile_result_get_type ())

G_DECLARE_FINAL_TYPE (FreightReconcileResult, freight_reconcile_result,
                      FREIGHT, RECONCILE_RESULT, GObject)

guint    freight_reconcile_result_get_part_number         (FreightReconcileResult *self);
guint64  freight_reconcile_result_get_n_rows              (FreightReconcileResult *self);
guint64  freight_reconcile_result_get_n_succeeded         (FreightReconcileResult *self);
guint64  freight_reconcile_result_get_n_failed            (FreightReconcileResult *self);
guint64  freight_reconcile_result_get_n_unprocessed       (FreightReconcileResult *self);
guint64  freight_reconcile_result_get_n_no_result         (FreightReconcileResult *self);
guint64  freight_reconcile_result_get_n_ambiguous         (FreightReconcileResult *self);
guint64  freight_reconcile_result_get_n_unmatched         (FreightReconcileResult *self);
guint64  freight_reconcile_result_get_n_dropped_diagnostics (FreightReconcileResult *self);
gboolean freight_reconcile_result_has_errors              (FreightReconcileResult *self);

const FreightReconcileDiagnostic *
freight_reconcile_result_get_diagnostics (FreightReconcileResult *self,
                                          guint                  *n_diagnostics);

G_END_DECLS
