/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "freight-types.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_DESCRIBE_CACHE (freight_describe_cache_get_type ())

G_DECLARE_FINAL_TYPE (FreightDescribeCache, freight_describe_cache,
                      FREIGHT, DESCRIBE_CACHE, GObject)

/* The name under which describeGlobal is cached; sObject names never start with "_". */
#define FREIGHT_DESCRIBE_GLOBAL "_global"

FreightDescribeCache *freight_describe_cache_new      (const char            *directory,
                                                       gint64                 max_age);
const char           *freight_describe_cache_get_directory
                                                      (FreightDescribeCache  *self);
JsonObject           *freight_describe_cache_lookup   (FreightDescribeCache  *self,
                                                       const char            *org_id,
                                                       const char            *api_version,
                                                       const char            *name);
void                  freight_describe_cache_store    (FreightDescribeCache  *self,
                                                       const char            *org_id,
                                                       const char            *api_version,
                                                       const char            *name,
                                                       JsonObject            *describe);
void                  freight_describe_cache_clear    (FreightDescribeCache  *self,
                                                       const char            *org_id);

G_END_DECLS
