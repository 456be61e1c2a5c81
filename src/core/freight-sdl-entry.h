/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_SDL_ENTRY (freight_sdl_entry_get_type ())

GType               freight_sdl_entry_get_type      (void) G_GNUC_CONST;

FreightSdlEntry    *freight_sdl_entry_new           (const char * const  *columns,
                                                     const char          *constant,
                                                     GPtrArray           *targets);
FreightSdlEntry    *freight_sdl_entry_ref           (FreightSdlEntry     *self);
void                freight_sdl_entry_unref         (FreightSdlEntry     *self);

const char * const *freight_sdl_entry_get_columns   (FreightSdlEntry     *self);
const char         *freight_sdl_entry_get_constant  (FreightSdlEntry     *self);
guint               freight_sdl_entry_get_n_targets (FreightSdlEntry     *self);
FreightSdlTarget   *freight_sdl_entry_get_target    (FreightSdlEntry     *self,
                                                     guint                position);
guint               freight_sdl_entry_get_line      (FreightSdlEntry     *self);
gboolean            freight_sdl_entry_is_mapped     (FreightSdlEntry     *self);
gboolean            freight_sdl_entry_equal         (FreightSdlEntry     *a,
                                                     FreightSdlEntry     *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightSdlEntry, freight_sdl_entry_unref)

G_END_DECLS
