/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FREIGHT_TYPE_CSV_RECORD (freight_csv_record_get_type ())

G_DECLARE_FINAL_TYPE (FreightCsvRecord, freight_csv_record, FREIGHT, CSV_RECORD, GObject)

FreightCsvRecord   *freight_csv_record_new               (guint64             record_number,
                                                          guint64             line,
                                                          guint64             offset,
                                                          const char * const *fields,
                                                          gssize              n_fields,
                                                          const GError       *error);
guint64             freight_csv_record_get_record_number (FreightCsvRecord   *self);
guint64             freight_csv_record_get_line          (FreightCsvRecord   *self);
guint64             freight_csv_record_get_offset        (FreightCsvRecord   *self);
guint               freight_csv_record_get_n_fields      (FreightCsvRecord   *self);
const char         *freight_csv_record_get_field         (FreightCsvRecord   *self,
                                                          guint               i);
const char * const *freight_csv_record_get_fields        (FreightCsvRecord   *self);
const GError       *freight_csv_record_get_error         (FreightCsvRecord   *self);

G_END_DECLS
