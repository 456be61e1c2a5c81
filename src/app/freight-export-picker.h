/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "freight.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_EXPORT_PICKER (freight_export_picker_get_type ())

G_DECLARE_FINAL_TYPE (FreightExportPicker, freight_export_picker,
                      FREIGHT, EXPORT_PICKER, AdwBin)

void                   freight_export_picker_set_session     (FreightExportPicker *self,
                                                              FreightOrgSession   *session);
FreightDescribeObject *freight_export_picker_get_object      (FreightExportPicker *self);
const char            *freight_export_picker_get_object_name (FreightExportPicker *self);
guint                  freight_export_picker_get_n_selected  (FreightExportPicker *self);
char                 **freight_export_picker_dup_fields      (FreightExportPicker *self);
gboolean               freight_export_picker_get_loading     (FreightExportPicker *self);

G_END_DECLS
