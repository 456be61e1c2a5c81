/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "lo-schema.h"
#include "lo-store.h"

G_BEGIN_DECLS

/* Records as REST JSON: {"attributes":{"type","url"}, Field: value, …}. */

void      lo_record_json_add_value      (JsonBuilder   *builder,
                                         const LoField *field,
                                         sqlite3_stmt  *stmt,
                                         int            column);
void      lo_record_json_add_attributes (JsonBuilder   *builder,
                                         const char    *object_name,
                                         const char    *id,
                                         const char    *version);
JsonNode *lo_record_json_fetch          (LoStore       *store,
                                         LoObject      *object,
                                         const char    *id,
                                         const char    *fields,
                                         const char    *version,
                                         GError       **error);

G_END_DECLS
