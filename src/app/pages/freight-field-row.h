/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "freight-field-choice.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_FIELD_ROW (freight_field_row_get_type ())

G_DECLARE_FINAL_TYPE (FreightFieldRow, freight_field_row, FREIGHT, FIELD_ROW, GtkWidget)

GtkWidget          *freight_field_row_new        (gboolean            draggable);
FreightFieldChoice *freight_field_row_get_choice (FreightFieldRow    *self);
void                freight_field_row_set_choice (FreightFieldRow    *self,
                                                  FreightFieldChoice *choice);

G_END_DECLS
