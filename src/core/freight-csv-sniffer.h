/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-csv-types.h"

G_BEGIN_DECLS

/* How much of the start of a file the sniffer looks at. */
#define FREIGHT_CSV_SNIFF_SIZE (64 * 1024)

gboolean freight_csv_sniff      (const guint8      *data,
                                 gsize              len,
                                 FreightCsvDialect *out);
gboolean freight_csv_sniff_file (GFile             *file,
                                 FreightCsvDialect *out,
                                 GCancellable      *cancellable,
                                 GError           **error);

G_END_DECLS
