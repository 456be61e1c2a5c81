/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "freight.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_PREVIEW_CELL (freight_preview_cell_get_type ())

G_DECLARE_FINAL_TYPE (FreightPreviewCell, freight_preview_cell, FREIGHT, PREVIEW_CELL, GtkWidget)

GtkWidget  *freight_preview_cell_new      (void);
const char *freight_preview_cell_get_text (FreightPreviewCell *self);
void        freight_preview_cell_set_text (FreightPreviewCell *self,
                                           const char         *text);
void        freight_preview_cell_set_xalign (FreightPreviewCell *self,
                                             float               xalign);
void        freight_preview_cell_set_line_height (FreightPreviewCell *self,
                                                  int                 height);
void        freight_preview_cell_set_field  (FreightPreviewCell *self,
                                             FreightCsvRecord   *record,
                                             guint               column);

G_END_DECLS
