/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "freight-sdl-target.h"
#include "freight-transform.h"
#include "freight-value-format.h"

G_BEGIN_DECLS

/* What Data Loader puts between the values of several columns mapped to one field. */
#define FREIGHT_MAPPING_DEFAULT_SEPARATOR ", "

#define FREIGHT_TYPE_MAPPING_ENTRY (freight_mapping_entry_get_type ())

G_DECLARE_FINAL_TYPE (FreightMappingEntry, freight_mapping_entry,
                      FREIGHT, MAPPING_ENTRY, GObject)

FreightMappingEntry *freight_mapping_entry_new_for_columns (const char * const *columns,
                                                            FreightSdlTarget   *target);
FreightMappingEntry *freight_mapping_entry_new_for_constant (const char       *constant,
                                                             FreightSdlTarget *target);
FreightMappingEntry *freight_mapping_entry_new_from_json (JsonNode  *node,
                                                          GError   **error);
JsonNode            *freight_mapping_entry_to_json (FreightMappingEntry *self);

const char * const  *freight_mapping_entry_get_columns (FreightMappingEntry *self);
void                 freight_mapping_entry_set_columns (FreightMappingEntry *self,
                                                        const char * const  *columns);
const char          *freight_mapping_entry_get_constant (FreightMappingEntry *self);
void                 freight_mapping_entry_set_constant (FreightMappingEntry *self,
                                                         const char          *constant);
FreightSdlTarget    *freight_mapping_entry_get_target (FreightMappingEntry *self);
void                 freight_mapping_entry_set_target (FreightMappingEntry *self,
                                                       FreightSdlTarget    *target);
const char          *freight_mapping_entry_get_target_path (FreightMappingEntry *self);
const char          *freight_mapping_entry_get_separator (FreightMappingEntry *self);
void                 freight_mapping_entry_set_separator (FreightMappingEntry *self,
                                                          const char          *separator);
FreightBlankPolicy   freight_mapping_entry_get_blank_policy (FreightMappingEntry *self);
void                 freight_mapping_entry_set_blank_policy (FreightMappingEntry *self,
                                                             FreightBlankPolicy   policy);
FreightValueFormat  *freight_mapping_entry_get_format (FreightMappingEntry *self);
void                 freight_mapping_entry_set_format (FreightMappingEntry *self,
                                                       FreightValueFormat  *format);

gboolean             freight_mapping_entry_uses_column (FreightMappingEntry *self,
                                                        const char          *column);
char                *freight_mapping_entry_describe_source (FreightMappingEntry *self);
char                *freight_mapping_target_to_path (FreightSdlTarget *target);

G_END_DECLS
