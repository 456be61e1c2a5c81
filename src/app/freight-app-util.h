/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "freight.h"

G_BEGIN_DECLS

/* Small helpers the pages share: numbers and names as users read them. */

char       *_freight_format_count          (guint64           n);
const char *_freight_operation_get_label   (FreightOperation  operation);
const char *_freight_operation_get_summary (FreightOperation  operation);
char       *_freight_dup_display_path      (GFile            *file);

G_END_DECLS
