/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-csv-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_CSV_WRITER (freight_csv_writer_get_type ())

G_DECLARE_FINAL_TYPE (FreightCsvWriter, freight_csv_writer, FREIGHT, CSV_WRITER, GObject)

FreightCsvWriter *freight_csv_writer_new               (GOutputStream        *stream,
                                                        char                  delimiter,
                                                        FreightCsvLineEnding  ending,
                                                        FreightCsvQuoteMode   mode);
void              freight_csv_writer_add_field         (FreightCsvWriter     *self,
                                                        const char           *value,
                                                        gssize                len);
gboolean          freight_csv_writer_end_row           (FreightCsvWriter     *self,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
gboolean          freight_csv_writer_write_row         (FreightCsvWriter     *self,
                                                        const char * const   *fields,
                                                        gssize                n_fields,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
gboolean          freight_csv_writer_flush             (FreightCsvWriter     *self,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
guint64           freight_csv_writer_get_bytes_written (FreightCsvWriter     *self);
guint64           freight_csv_writer_get_n_rows        (FreightCsvWriter     *self);

G_END_DECLS
