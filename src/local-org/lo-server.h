/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lo-config.h"

G_BEGIN_DECLS

#define LO_TYPE_SERVER (lo_server_get_type ())

G_DECLARE_FINAL_TYPE (LoServer, lo_server, LO, SERVER, GObject)

/* freight-local-org's HTTP side: REST, Bulk 2.0 and OAuth on 127.0.0.1. */

LoServer   *lo_server_new          (LoConfig    *config,
                                    GError     **error);
gboolean    lo_server_start        (LoServer    *self,
                                    GError     **error);
const char *lo_server_get_base_url (LoServer    *self);
void        lo_server_stop         (LoServer    *self);

G_END_DECLS
