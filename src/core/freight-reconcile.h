/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "freight-reconcile-output.h"
#include "freight-reconcile-result.h"
#include "freight-reconcile-types.h"
#include "freight-spool-part.h"

G_BEGIN_DECLS

FreightReconcileResult *freight_reconcile_part (FreightSpoolPart  *part,
                                                GCancellable      *cancellable,
                                                GError           **error);

G_END_DECLS
