/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-csv-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_CSV_INDEX (freight_csv_index_get_type ())

G_DECLARE_FINAL_TYPE (FreightCsvIndex, freight_csv_index, FREIGHT, CSV_INDEX, GObject)

FreightCsvIndex    *freight_csv_index_new                (GFile                   *file,
                                                          const FreightCsvDialect *dialect,
                                                          FreightCsvReaderFlags    flags);
GFile              *freight_csv_index_get_file           (FreightCsvIndex         *self);
guint64             freight_csv_index_get_n_rows_counted (FreightCsvIndex         *self);
gboolean            freight_csv_index_get_complete       (FreightCsvIndex         *self);
const GError       *freight_csv_index_get_error          (FreightCsvIndex         *self);
const char * const *freight_csv_index_get_column_names   (FreightCsvIndex         *self);
gboolean            freight_csv_index_get_dialect        (FreightCsvIndex         *self,
                                                          FreightCsvDialect       *dialect);

G_END_DECLS
