/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The desktop's notification server (org.freedesktop.Notifications) for the private
 * session of the UI tests: GNotification reaches it as on a desktop, and the tests read
 * what was shown. */

void        ui_notifications_start (GDBusConnection *connection);
guint       ui_notifications_get_n (void);
const char *ui_notifications_get_summary (guint i);
const char *ui_notifications_get_body    (guint i);

G_END_DECLS
