/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-sdl.h"
#include "freight-sdl-entry.h"
#include "freight-sdl-target.h"

G_BEGIN_DECLS

gboolean _freight_sdl_is_blank            (char                 c);
char    *_freight_sdl_strip               (const char          *text);
gboolean _freight_sdl_target_check        (FreightSdlTarget    *target,
                                           FreightSdlDirection  direction,
                                           GError             **error);
void     _freight_sdl_entry_set_line      (FreightSdlEntry     *entry,
                                           guint                line);

G_END_DECLS
