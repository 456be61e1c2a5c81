/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-problem.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_PREFLIGHT_RESULT (freight_preflight_result_get_type ())

G_DECLARE_FINAL_TYPE (FreightPreflightResult, freight_preflight_result,
                      FREIGHT, PREFLIGHT_RESULT, GObject)

typedef struct _FreightExclusionCursor FreightExclusionCursor;

guint64                 freight_preflight_result_get_n_rows (FreightPreflightResult *self);
guint64                 freight_preflight_result_get_n_error_rows (FreightPreflightResult *self);
guint64                 freight_preflight_result_get_n_warning_rows
                                (FreightPreflightResult *self);
guint64                 freight_preflight_result_get_count (FreightPreflightResult *self,
                                                            FreightProblemKind      kind);
guint64                 freight_preflight_result_get_n_problems (FreightPreflightResult *self);
GListModel             *freight_preflight_result_get_problems (FreightPreflightResult *self);
gboolean                freight_preflight_result_lookup_error_row
                                (FreightPreflightResult  *self,
                                 guint64                  row,
                                 guint64                 *line,
                                 FreightProblemKind      *kind,
                                 char                   **reason);

gboolean                freight_preflight_result_get_exclude_rows_with_errors
                                (FreightPreflightResult *self);
void                    freight_preflight_result_set_exclude_rows_with_errors
                                (FreightPreflightResult *self,
                                 gboolean                exclude);
void                    freight_preflight_result_exclude_row (FreightPreflightResult *self,
                                                              guint64                 row);
void                    freight_preflight_result_include_row (FreightPreflightResult *self,
                                                              guint64                 row);
guint64                 freight_preflight_result_get_n_excluded (FreightPreflightResult *self);
gboolean                freight_preflight_result_is_row_excluded
                                (FreightPreflightResult  *self,
                                 guint64                  row,
                                 char                   **reason);
FreightExclusionCursor *freight_preflight_result_open_exclusions (FreightPreflightResult  *self,
                                                                  GError                 **error);

G_END_DECLS
