/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-describe-cache.h"
#include "freight-org-session.h"

G_BEGIN_DECLS

/* Shared by the files of FreightOrgSession. */

JsonNode             *_freight_org_session_get_json           (FreightOrgSession  *self,
                                                              const char         *path,
                                                              GCancellable       *cancellable,
                                                              GError            **error);
gboolean              _freight_org_session_ensure_connected  (FreightOrgSession  *self,
                                                              GCancellable       *cancellable,
                                                              GError            **error);
FreightDescribeCache *_freight_org_session_get_describe_cache (FreightOrgSession  *self);

G_END_DECLS
