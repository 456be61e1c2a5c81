/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "freight.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_MAPPING_ROW (freight_mapping_row_get_type ())

G_DECLARE_FINAL_TYPE (FreightMappingRow, freight_mapping_row, FREIGHT, MAPPING_ROW, AdwExpanderRow)

GtkWidget  *freight_mapping_row_new         (FreightMapping    *mapping,
                                             const char        *column);
const char *freight_mapping_row_get_column  (FreightMappingRow *self);
void        freight_mapping_row_set_samples (FreightMappingRow *self,
                                             const char        *samples);
void        freight_mapping_row_set_choices (FreightMappingRow *self,
                                             GListModel        *choices);
void        freight_mapping_row_sync        (FreightMappingRow *self);
const char *freight_mapping_row_get_target_title (FreightMappingRow *self);
GtkWidget  *freight_mapping_row_get_picker  (FreightMappingRow *self);

G_END_DECLS
