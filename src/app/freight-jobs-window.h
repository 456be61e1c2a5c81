/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "freight.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_JOBS_WINDOW (freight_jobs_window_get_type ())

G_DECLARE_FINAL_TYPE (FreightJobsWindow, freight_jobs_window, FREIGHT, JOBS_WINDOW, AdwWindow)

FreightJobsWindow *freight_jobs_window_new          (FreightOrgSession *session);
FreightJobsWindow *freight_jobs_window_present      (GtkWindow         *parent,
                                                     FreightOrgSession *session);
FreightOrgSession *freight_jobs_window_get_session  (FreightJobsWindow *self);
void               freight_jobs_window_show_page    (FreightJobsWindow *self,
                                                     const char        *name);
void               freight_jobs_window_add_toast    (FreightJobsWindow *self,
                                                     AdwToast          *toast);

G_END_DECLS
