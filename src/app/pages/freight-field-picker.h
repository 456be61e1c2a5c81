/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FREIGHT_TYPE_FIELD_PICKER (freight_field_picker_get_type ())

G_DECLARE_FINAL_TYPE (FreightFieldPicker, freight_field_picker, FREIGHT, FIELD_PICKER, GtkPopover)

GtkWidget  *freight_field_picker_new         (GListModel         *choices);
GListModel *freight_field_picker_get_choices (FreightFieldPicker *self);
void        freight_field_picker_set_choices (FreightFieldPicker *self,
                                              GListModel         *choices);
GListModel *freight_field_picker_get_shown   (FreightFieldPicker *self);
void        freight_field_picker_set_search  (FreightFieldPicker *self,
                                              const char         *text);
gboolean    freight_field_picker_choose      (FreightFieldPicker *self,
                                              guint               position);

G_END_DECLS
