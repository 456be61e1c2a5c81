/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-csv-types.h"

G_BEGIN_DECLS

void                 freight_csv_dialect_init                 (FreightCsvDialect    *dialect);
gboolean             freight_csv_dialect_equal                (const FreightCsvDialect *a,
                                                               const FreightCsvDialect *b);

const char          *freight_csv_delimiter_to_bulk_name       (char                  delimiter);
gboolean             freight_csv_delimiter_from_bulk_name     (const char           *name,
                                                               char                 *delimiter);
const char          *freight_csv_delimiter_get_display_name   (char                  delimiter);

const char          *freight_csv_encoding_to_string           (FreightCsvEncoding    encoding);
gboolean             freight_csv_encoding_from_string         (const char           *string,
                                                               FreightCsvEncoding   *encoding);
const char          *freight_csv_encoding_get_display_name    (FreightCsvEncoding    encoding);

const char          *freight_csv_line_ending_to_string        (FreightCsvLineEnding  line_ending);
gboolean             freight_csv_line_ending_from_string      (const char           *string,
                                                               FreightCsvLineEnding *line_ending);
const char          *freight_csv_line_ending_get_sequence     (FreightCsvLineEnding  line_ending);
const char          *freight_csv_line_ending_get_display_name (FreightCsvLineEnding  line_ending);

G_END_DECLS
