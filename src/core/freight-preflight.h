/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-csv-types.h"
#include "freight-mapping-plan.h"
#include "freight-preflight-result.h"

G_BEGIN_DECLS

/* How many problems of each kind a result lists (it counts them all). */
#define FREIGHT_PREFLIGHT_DEFAULT_MAX_PROBLEMS_PER_KIND 100

#define FREIGHT_TYPE_PREFLIGHT (freight_preflight_get_type ())

G_DECLARE_FINAL_TYPE (FreightPreflight, freight_preflight, FREIGHT, PREFLIGHT, GObject)

FreightPreflight       *freight_preflight_new (FreightMappingPlan      *plan,
                                               GFile                   *file,
                                               const FreightCsvDialect *dialect);
FreightMappingPlan     *freight_preflight_get_plan (FreightPreflight *self);
GFile                  *freight_preflight_get_file (FreightPreflight *self);
guint                   freight_preflight_get_max_problems_per_kind (FreightPreflight *self);
void                    freight_preflight_set_max_problems_per_kind (FreightPreflight *self,
                                                                     guint             max);
GFile                  *freight_preflight_get_temp_directory (FreightPreflight *self);
void                    freight_preflight_set_temp_directory (FreightPreflight *self,
                                                              GFile            *directory);
gsize                   freight_preflight_get_memory_limit (FreightPreflight *self);
void                    freight_preflight_set_memory_limit (FreightPreflight *self,
                                                            gsize             limit);
guint64                 freight_preflight_get_rows_checked (FreightPreflight *self);
double                  freight_preflight_get_fraction (FreightPreflight *self);
gboolean                freight_preflight_get_running (FreightPreflight *self);

void                    freight_preflight_run_async (FreightPreflight    *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
FreightPreflightResult *freight_preflight_run_finish (FreightPreflight  *self,
                                                      GAsyncResult      *result,
                                                      GError           **error);
FreightPreflightResult *freight_preflight_run (FreightPreflight  *self,
                                               GCancellable      *cancellable,
                                               GError           **error);

G_END_DECLS
