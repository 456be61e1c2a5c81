/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "freight-operation.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_DESCRIBE_GLOBAL_ENTRY (freight_describe_global_entry_get_type ())

G_DECLARE_FINAL_TYPE (FreightDescribeGlobalEntry, freight_describe_global_entry,
                      FREIGHT, DESCRIBE_GLOBAL_ENTRY, GObject)

GListModel *freight_describe_global_entry_parse_list      (JsonObject                 *json,
                                                           GError                    **error);
GListModel *freight_describe_global_entry_filter_for_operation
                                                          (GListModel                 *entries,
                                                           FreightOperation            operation);

const char *freight_describe_global_entry_get_name         (FreightDescribeGlobalEntry *self);
const char *freight_describe_global_entry_get_label        (FreightDescribeGlobalEntry *self);
const char *freight_describe_global_entry_get_label_plural (FreightDescribeGlobalEntry *self);
const char *freight_describe_global_entry_get_key_prefix   (FreightDescribeGlobalEntry *self);
gboolean    freight_describe_global_entry_get_custom       (FreightDescribeGlobalEntry *self);
gboolean    freight_describe_global_entry_get_custom_setting
                                                           (FreightDescribeGlobalEntry *self);
gboolean    freight_describe_global_entry_get_createable   (FreightDescribeGlobalEntry *self);
gboolean    freight_describe_global_entry_get_updateable   (FreightDescribeGlobalEntry *self);
gboolean    freight_describe_global_entry_get_deletable    (FreightDescribeGlobalEntry *self);
gboolean    freight_describe_global_entry_get_queryable    (FreightDescribeGlobalEntry *self);
gboolean    freight_describe_global_entry_allows_operation (FreightDescribeGlobalEntry *self,
                                                            FreightOperation            operation);

G_END_DECLS
