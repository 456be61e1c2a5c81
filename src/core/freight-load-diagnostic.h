/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "freight-problem.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_LOAD_DIAGNOSTIC (freight_load_diagnostic_get_type ())

G_DECLARE_FINAL_TYPE (FreightLoadDiagnostic, freight_load_diagnostic,
                      FREIGHT, LOAD_DIAGNOSTIC, GObject)

FreightLoadDiagnostic  *freight_load_diagnostic_new          (FreightProblemSeverity  severity,
                                                              guint                   part,
                                                              guint64                 row,
                                                              const char             *message);
FreightProblemSeverity  freight_load_diagnostic_get_severity (FreightLoadDiagnostic *self);
guint                   freight_load_diagnostic_get_part     (FreightLoadDiagnostic *self);
guint64                 freight_load_diagnostic_get_row      (FreightLoadDiagnostic *self);
const char             *freight_load_diagnostic_get_message  (FreightLoadDiagnostic *self);

G_END_DECLS
