/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FREIGHT_TYPE_LOOPBACK_SERVER (freight_loopback_server_get_type ())

G_DECLARE_FINAL_TYPE (FreightLoopbackServer, freight_loopback_server,
                      FREIGHT, LOOPBACK_SERVER, GObject)

FreightLoopbackServer *freight_loopback_server_new         (const char             *path);
const char            *freight_loopback_server_get_path    (FreightLoopbackServer  *self);
gboolean               freight_loopback_server_listen      (FreightLoopbackServer  *self,
                                                            guint                   port,
                                                            GError                **error);
guint                  freight_loopback_server_get_port    (FreightLoopbackServer  *self);
void                   freight_loopback_server_wait_async  (FreightLoopbackServer  *self,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
GHashTable            *freight_loopback_server_wait_finish (FreightLoopbackServer  *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);
void                   freight_loopback_server_respond     (FreightLoopbackServer  *self,
                                                            gboolean                success,
                                                            const char             *title,
                                                            const char             *message);
void                   freight_loopback_server_stop        (FreightLoopbackServer  *self);

G_END_DECLS
