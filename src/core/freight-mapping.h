/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "freight-describe-object.h"
#include "freight-mapping-entry.h"
#include "freight-operation.h"
#include "freight-problem.h"
#include "freight-types.h"
#include "freight-value-format.h"

G_BEGIN_DECLS

#define FREIGHT_TYPE_MAPPING (freight_mapping_get_type ())

G_DECLARE_FINAL_TYPE (FreightMapping, freight_mapping, FREIGHT, MAPPING, GObject)

FreightMapping        *freight_mapping_new (void);

FreightDescribeObject *freight_mapping_get_object (FreightMapping *self);
void                   freight_mapping_set_object (FreightMapping        *self,
                                                   FreightDescribeObject *object);
void                   freight_mapping_add_related_object (FreightMapping        *self,
                                                           FreightDescribeObject *object);
FreightDescribeObject *freight_mapping_lookup_related_object (FreightMapping *self,
                                                              const char     *name);
char                 **freight_mapping_dup_missing_related_objects (FreightMapping *self);
FreightOperation       freight_mapping_get_operation (FreightMapping *self);
void                   freight_mapping_set_operation (FreightMapping   *self,
                                                      FreightOperation  operation);
const char            *freight_mapping_get_external_id_field (FreightMapping *self);
void                   freight_mapping_set_external_id_field (FreightMapping *self,
                                                              const char     *field);
const char * const    *freight_mapping_get_source_columns (FreightMapping *self);
void                   freight_mapping_set_source_columns (FreightMapping     *self,
                                                           const char * const *columns);
FreightValueFormat    *freight_mapping_get_default_format (FreightMapping *self);

GListModel            *freight_mapping_get_entries (FreightMapping *self);
guint                  freight_mapping_get_n_entries (FreightMapping *self);
FreightMappingEntry   *freight_mapping_get_entry (FreightMapping *self,
                                                  guint           position);
void                   freight_mapping_add_entry (FreightMapping      *self,
                                                  FreightMappingEntry *entry);
void                   freight_mapping_remove_entry (FreightMapping      *self,
                                                     FreightMappingEntry *entry);
void                   freight_mapping_remove_all (FreightMapping *self);
FreightMappingEntry   *freight_mapping_map_column (FreightMapping  *self,
                                                   const char      *column,
                                                   const char      *target,
                                                   GError         **error);
FreightMappingEntry   *freight_mapping_set_constant (FreightMapping  *self,
                                                     const char      *constant,
                                                     const char      *target,
                                                     GError         **error);
void                   freight_mapping_unmap_column (FreightMapping *self,
                                                     const char     *column);
FreightMappingEntry   *freight_mapping_lookup_target (FreightMapping *self,
                                                      const char     *target);
GPtrArray             *freight_mapping_get_entries_for_column (FreightMapping *self,
                                                               const char     *column);
char                 **freight_mapping_dup_header (FreightMapping *self);

GListModel            *freight_mapping_get_problems (FreightMapping *self);
guint                  freight_mapping_get_n_errors (FreightMapping *self);
gboolean               freight_mapping_is_ready (FreightMapping *self);

guint                  freight_mapping_auto_map (FreightMapping  *self,
                                                 GPtrArray      **notes);

JsonNode              *freight_mapping_to_json (FreightMapping *self);
gboolean               freight_mapping_load_json (FreightMapping  *self,
                                                  JsonNode        *node,
                                                  GError         **error);
char                  *freight_mapping_dup_memory_key (const char         *org_id,
                                                       const char         *object_name,
                                                       const char * const *columns);

gboolean               freight_mapping_load_sdl (FreightMapping     *self,
                                                 FreightSdlMapping  *sdl,
                                                 GError            **error);
FreightSdlMapping     *freight_mapping_to_sdl (FreightMapping  *self,
                                               GError         **error);

G_END_DECLS
