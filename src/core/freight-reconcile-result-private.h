/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-reconcile-private.h"
#include "freight-reconcile-result.h"

G_BEGIN_DECLS

FreightReconcileResult *
     _freight_reconcile_result_new            (guint                       part_number,
                                               const FreightOutcomeCounts *counts);
void _freight_reconcile_result_set_counts     (FreightReconcileResult     *self,
                                               const FreightOutcomeCounts *counts);
void _freight_reconcile_result_add_diagnostic (FreightReconcileResult     *self,
                                               FreightReconcileSeverity    severity,
                                               guint64                     record,
                                               const char                 *format,
                                               ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
