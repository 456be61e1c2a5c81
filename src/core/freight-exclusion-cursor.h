/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-preflight-result.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_EXCLUSION_CURSOR (freight_exclusion_cursor_get_type ())

GType                   freight_exclusion_cursor_get_type (void) G_GNUC_CONST;
FreightExclusionCursor *freight_exclusion_cursor_ref (FreightExclusionCursor *self);
void                    freight_exclusion_cursor_unref (FreightExclusionCursor *self);
gboolean                freight_exclusion_cursor_next (FreightExclusionCursor  *self,
                                                       guint64                 *row,
                                                       const char             **reason,
                                                       GError                 **error);
gboolean                freight_exclusion_cursor_contains (FreightExclusionCursor  *self,
                                                           guint64                  row,
                                                           const char             **reason,
                                                           GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightExclusionCursor, freight_exclusion_cursor_unref)

G_END_DECLS
