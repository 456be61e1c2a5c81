/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "freight-describe-field.h"
#include "freight-operation.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_DESCRIBE_OBJECT (freight_describe_object_get_type ())

G_DECLARE_FINAL_TYPE (FreightDescribeObject, freight_describe_object,
                      FREIGHT, DESCRIBE_OBJECT, GObject)

FreightDescribeObject *freight_describe_object_new_from_json (JsonObject  *json,
                                                              GError     **error);

const char            *freight_describe_object_get_name (FreightDescribeObject *self);
const char            *freight_describe_object_get_label (FreightDescribeObject *self);
const char            *freight_describe_object_get_label_plural (FreightDescribeObject *self);
const char            *freight_describe_object_get_key_prefix (FreightDescribeObject *self);
gboolean               freight_describe_object_get_custom (FreightDescribeObject *self);
gboolean               freight_describe_object_get_createable (FreightDescribeObject *self);
gboolean               freight_describe_object_get_updateable (FreightDescribeObject *self);
gboolean               freight_describe_object_get_deletable (FreightDescribeObject *self);
gboolean               freight_describe_object_get_queryable (FreightDescribeObject *self);
GListModel            *freight_describe_object_get_fields (FreightDescribeObject *self);
guint                  freight_describe_object_get_n_fields (FreightDescribeObject *self);
FreightDescribeField  *freight_describe_object_get_field (FreightDescribeObject *self,
                                                          guint                  position);
FreightDescribeField  *freight_describe_object_lookup_field (FreightDescribeObject *self,
                                                             const char            *name);
FreightDescribeField  *freight_describe_object_lookup_relationship
                               (FreightDescribeObject *self,
                                const char            *relationship_name);
FreightDescribeField  *freight_describe_object_get_id_field (FreightDescribeObject *self);
gboolean               freight_describe_object_allows_operation
                               (FreightDescribeObject *self,
                                FreightOperation       operation);
char                 **freight_describe_object_dup_referenced_objects
                               (FreightDescribeObject *self);

G_END_DECLS
