/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_SDL_TARGET (freight_sdl_target_get_type ())

/**
 * FreightSdlTargetKind:
 * @FREIGHT_SDL_TARGET_FIELD: a field of the object itself (in an extract mapping, a SOQL
 *   field path such as `Account.Name`)
 * @FREIGHT_SDL_TARGET_RELATIONSHIP: a lookup set through the parent's external ID or
 *   idLookup field
 */
typedef enum
{
  FREIGHT_SDL_TARGET_FIELD,
  FREIGHT_SDL_TARGET_RELATIONSHIP,
} FreightSdlTargetKind;

GType                 freight_sdl_target_get_type         (void) G_GNUC_CONST;

FreightSdlTarget     *freight_sdl_target_new_field        (const char        *field);
FreightSdlTarget     *freight_sdl_target_new_relationship (const char        *relationship,
                                                           const char        *object_type,
                                                           const char        *id_field);
FreightSdlTarget     *freight_sdl_target_parse            (const char        *text,
                                                           GError           **error);
FreightSdlTarget     *freight_sdl_target_ref              (FreightSdlTarget  *self);
void                  freight_sdl_target_unref            (FreightSdlTarget  *self);

FreightSdlTargetKind  freight_sdl_target_get_kind         (FreightSdlTarget  *self);
const char           *freight_sdl_target_get_field        (FreightSdlTarget  *self);
const char           *freight_sdl_target_get_relationship (FreightSdlTarget  *self);
const char           *freight_sdl_target_get_object_type  (FreightSdlTarget  *self);
const char           *freight_sdl_target_get_id_field     (FreightSdlTarget  *self);
char                 *freight_sdl_target_to_string        (FreightSdlTarget  *self);
gboolean              freight_sdl_target_equal            (FreightSdlTarget  *a,
                                                           FreightSdlTarget  *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightSdlTarget, freight_sdl_target_unref)

G_END_DECLS
