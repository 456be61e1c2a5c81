/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-csv-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_CSV_READER (freight_csv_reader_get_type ())

G_DECLARE_FINAL_TYPE (FreightCsvReader, freight_csv_reader, FREIGHT, CSV_READER, GObject)

FreightCsvReader *freight_csv_reader_new                (GInputStream            *stream,
                                                         const char              *file_name,
                                                         const FreightCsvDialect *dialect,
                                                         FreightCsvReaderFlags    flags);
FreightCsvReader *freight_csv_reader_new_for_file       (GFile                   *file,
                                                         const FreightCsvDialect *dialect,
                                                         FreightCsvReaderFlags    flags,
                                                         GCancellable            *cancellable,
                                                         GError                 **error);

const FreightCsvDialect *
                  freight_csv_reader_get_dialect        (FreightCsvReader        *self);
FreightCsvReaderFlags
                  freight_csv_reader_get_flags          (FreightCsvReader        *self);
const char       *freight_csv_reader_get_file_name      (FreightCsvReader        *self);

gboolean          freight_csv_reader_read_header        (FreightCsvReader        *self,
                                                         GCancellable            *cancellable,
                                                         GError                 **error);
guint             freight_csv_reader_get_n_columns      (FreightCsvReader        *self);
const char       *freight_csv_reader_get_column_name    (FreightCsvReader        *self,
                                                         guint                    column);
const char * const *
                  freight_csv_reader_get_column_names   (FreightCsvReader        *self);

gboolean          freight_csv_reader_next_row           (FreightCsvReader        *self,
                                                         GCancellable            *cancellable,
                                                         GError                 **error);
guint             freight_csv_reader_get_n_fields       (FreightCsvReader        *self);
const char       *freight_csv_reader_get_field          (FreightCsvReader        *self,
                                                         guint                    i,
                                                         gsize                   *len);
guint64           freight_csv_reader_get_record_number  (FreightCsvReader        *self);
guint64           freight_csv_reader_get_line           (FreightCsvReader        *self);
guint64           freight_csv_reader_get_offset         (FreightCsvReader        *self);
guint64           freight_csv_reader_get_n_blank_lines  (FreightCsvReader        *self);
gboolean          freight_csv_reader_get_error_position (FreightCsvReader        *self,
                                                         guint64                 *line,
                                                         guint                   *column);

G_END_DECLS
