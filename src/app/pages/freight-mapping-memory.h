/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Mappings remembered per (org, object, CSV header), as JSON files under the user data
 * folder, named by freight_mapping_dup_memory_key(). */

void      _freight_mapping_memory_lookup_async  (const char           *key,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
JsonNode *_freight_mapping_memory_lookup_finish (GAsyncResult         *result,
                                                 GError              **error);
void      _freight_mapping_memory_save_async    (const char           *key,
                                                 JsonNode             *mapping,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean  _freight_mapping_memory_save_finish   (GAsyncResult         *result,
                                                 GError              **error);
char     *_freight_mapping_memory_dup_path      (const char           *key);

G_END_DECLS
