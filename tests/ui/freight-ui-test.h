/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "freight-application.h"

G_BEGIN_DECLS

/* Helpers for UI tests, which run inside tests/ui/ui-session.sh: one real
 * FreightApplication per test program, registered and activated (so its main window is
 * open) before the test cases run, and driven through its actions and widgets. */

void                ui_test_init               (int          *argc,
                                                char       ***argv);
void                ui_test_start_app          (void);
int                 ui_test_run                (void);
FreightApplication *ui_test_get_application    (void);
GSettings          *ui_test_get_settings       (void);
void                ui_test_settle             (void);
gboolean            ui_test_wait_until         (GSourceFunc   condition,
                                                gpointer      data);
GtkWindow          *ui_test_wait_for_window    (GType         type);
void                ui_test_close_window       (GtkWindow    *window);
GtkWidget          *ui_test_find_widget        (GtkWidget    *root,
                                                GType         type,
                                                const char   *property,
                                                const char   *value);
GtkWidget          *ui_test_find_row           (GtkWidget    *root,
                                                const char   *title);
char               *ui_test_screenshot         (GtkWidget    *widget,
                                                const char   *name);
void                ui_test_screenshots        (GtkWidget    *window,
                                                const char   *name);
void                ui_test_watchdog_start     (void);
gint64              ui_test_watchdog_stop      (void);

G_END_DECLS
