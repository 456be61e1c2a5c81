/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-mapping.h"
#include "freight-transform.h"

G_BEGIN_DECLS

/**
 * FreightRequirement:
 * @FREIGHT_REQUIREMENT_NONE: the value may be blank
 * @FREIGHT_REQUIREMENT_WARNING: a blank value fails the row only if it creates a record
 *   (a required field in an upsert)
 * @FREIGHT_REQUIREMENT_ERROR: a blank value fails the row (a required field in an insert,
 *   the Id of an update or delete, the key of an upsert)
 */
typedef enum
{
  FREIGHT_REQUIREMENT_NONE,
  FREIGHT_REQUIREMENT_WARNING,
  FREIGHT_REQUIREMENT_ERROR,
} FreightRequirement;

#define FREIGHT_TYPE_MAPPING_PLAN (freight_mapping_plan_get_type ())

typedef struct _FreightMappingPlan FreightMappingPlan;
typedef struct _FreightMappedRow FreightMappedRow;

GType                 freight_mapping_plan_get_type (void) G_GNUC_CONST;

FreightMappingPlan   *freight_mapping_plan_new (FreightMapping      *mapping,
                                                const char * const  *header,
                                                GError             **error);
FreightMappingPlan   *freight_mapping_plan_ref (FreightMappingPlan *self);
void                  freight_mapping_plan_unref (FreightMappingPlan *self);

FreightOperation      freight_mapping_plan_get_operation (FreightMappingPlan *self);
const char           *freight_mapping_plan_get_object_name (FreightMappingPlan *self);
const char * const   *freight_mapping_plan_get_source_header (FreightMappingPlan *self);
guint                 freight_mapping_plan_get_n_outputs (FreightMappingPlan *self);
const char * const   *freight_mapping_plan_get_header (FreightMappingPlan *self);
const char           *freight_mapping_plan_get_output_source (FreightMappingPlan *self,
                                                              guint               output);
FreightDescribeField *freight_mapping_plan_get_output_field (FreightMappingPlan *self,
                                                             guint               output);
FreightDescribeField *freight_mapping_plan_get_output_value_field (FreightMappingPlan *self,
                                                                   guint               output);
FreightTransform     *freight_mapping_plan_get_output_transform (FreightMappingPlan *self,
                                                                 guint               output);
FreightRequirement    freight_mapping_plan_get_output_requirement (FreightMappingPlan *self,
                                                                   guint               output);
gboolean              freight_mapping_plan_output_is_unique (FreightMappingPlan *self,
                                                             guint               output,
                                                             gboolean           *case_sensitive);
int                   freight_mapping_plan_get_id_output (FreightMappingPlan *self);

gboolean              freight_mapping_plan_map_row (FreightMappingPlan *self,
                                                    const char * const *fields,
                                                    const gsize        *lengths,
                                                    guint               n_fields,
                                                    FreightMappedRow   *row);

/* For the load pipeline, which maps rows field by field on its fast path: the one source
 * column output @output reads, or -1 (a constant, or several columns joined). */
int                   _freight_mapping_plan_get_output_column (FreightMappingPlan *self,
                                                               guint               output);

/* What goes into
 * output @output's transform for a row (the cell, the joined cells or the constant). */
void                  _freight_mapping_plan_source_value (FreightMappingPlan *self,
                                                          guint               output,
                                                          const char * const *fields,
                                                          const gsize        *lengths,
                                                          guint               n_fields,
                                                          GString            *joined,
                                                          const char        **value,
                                                          gsize              *length);

FreightMappedRow     *freight_mapped_row_new (FreightMappingPlan *plan);
void                  freight_mapped_row_free (FreightMappedRow *row);
const char           *freight_mapped_row_get_value (FreightMappedRow *row,
                                                    guint             output,
                                                    gsize            *length);
const char           *freight_mapped_row_get_source_value (FreightMappedRow *row,
                                                           guint             output,
                                                           gsize            *length);
const GError         *freight_mapped_row_get_error (FreightMappedRow *row,
                                                    guint             output);
FreightTransformFlags freight_mapped_row_get_flags (FreightMappedRow *row,
                                                    guint             output);
guint                 freight_mapped_row_get_n_errors (FreightMappedRow *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightMappingPlan, freight_mapping_plan_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FreightMappedRow, freight_mapped_row_free)

G_END_DECLS
