/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "freight.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_EXPORT_WINDOW (freight_export_window_get_type ())

G_DECLARE_FINAL_TYPE (FreightExportWindow, freight_export_window,
                      FREIGHT, EXPORT_WINDOW, AdwWindow)

FreightExportWindow *freight_export_window_new         (FreightOrgSession   *session);
FreightExportWindow *freight_export_window_present     (GtkWindow           *parent,
                                                        FreightOrgSession   *session);
FreightExportWindow *freight_export_window_resume      (GtkWindow           *parent,
                                                        FreightOrgSession   *session,
                                                        gint64               run_id);
FreightExportWindow *freight_export_window_lookup_run  (GtkApplication      *application,
                                                        gint64               run_id);
FreightOrgSession   *freight_export_window_get_session (FreightExportWindow *self);
FreightExport       *freight_export_window_get_export  (FreightExportWindow *self);
gboolean             freight_export_window_get_running (FreightExportWindow *self);
const char          *freight_export_window_get_page    (FreightExportWindow *self);

G_END_DECLS
