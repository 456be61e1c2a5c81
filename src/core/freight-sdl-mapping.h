/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-sdl.h"
#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_SDL_MAPPING (freight_sdl_mapping_get_type ())

GType                freight_sdl_mapping_get_type             (void) G_GNUC_CONST;

FreightSdlMapping   *freight_sdl_mapping_new                  (FreightSdlDirection   direction);
FreightSdlMapping   *freight_sdl_mapping_new_from_bytes       (GBytes               *bytes,
                                                               const char           *display_name,
                                                               FreightSdlDirection   direction,
                                                               GError              **error);
FreightSdlMapping   *freight_sdl_mapping_new_from_file        (GFile                *file,
                                                               FreightSdlDirection   direction,
                                                               GCancellable         *cancellable,
                                                               GError              **error);
void                 freight_sdl_mapping_new_from_file_async  (GFile                *file,
                                                               FreightSdlDirection   direction,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
FreightSdlMapping   *freight_sdl_mapping_new_from_file_finish (GAsyncResult         *result,
                                                               GError              **error);
FreightSdlMapping   *freight_sdl_mapping_ref                  (FreightSdlMapping    *self);
void                 freight_sdl_mapping_unref                (FreightSdlMapping    *self);

FreightSdlDirection  freight_sdl_mapping_get_direction        (FreightSdlMapping    *self);
guint                freight_sdl_mapping_get_n_entries        (FreightSdlMapping    *self);
FreightSdlEntry     *freight_sdl_mapping_get_entry            (FreightSdlMapping    *self,
                                                               guint                 position);
FreightSdlEntry     *freight_sdl_mapping_lookup_column        (FreightSdlMapping    *self,
                                                               const char           *column,
                                                               guint                *position);
gboolean             freight_sdl_mapping_add                  (FreightSdlMapping    *self,
                                                               FreightSdlEntry      *entry,
                                                               GError              **error);
void                 freight_sdl_mapping_remove               (FreightSdlMapping    *self,
                                                               guint                 position);
gboolean             freight_sdl_mapping_equal                (FreightSdlMapping    *a,
                                                               FreightSdlMapping    *b);

GBytes              *freight_sdl_mapping_to_bytes             (FreightSdlMapping    *self);
gboolean             freight_sdl_mapping_save_file            (FreightSdlMapping    *self,
                                                               GFile                *file,
                                                               GCancellable         *cancellable,
                                                               GError              **error);
void                 freight_sdl_mapping_save_file_async      (FreightSdlMapping    *self,
                                                               GFile                *file,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
gboolean             freight_sdl_mapping_save_file_finish     (FreightSdlMapping    *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightSdlMapping, freight_sdl_mapping_unref)

G_END_DECLS
