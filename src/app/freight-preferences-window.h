/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FREIGHT_TYPE_PREFERENCES_WINDOW (freight_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (FreightPreferencesWindow, freight_preferences_window,
                      FREIGHT, PREFERENCES_WINDOW, AdwPreferencesWindow)

FreightPreferencesWindow *freight_preferences_window_new (void);
char                     *_freight_get_output_folder     (GSettings *settings);

G_END_DECLS
