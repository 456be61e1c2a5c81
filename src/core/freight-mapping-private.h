/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "freight-describe-private.h"
#include "freight-mapping.h"
#include "freight-mapping-errors.h"
#include "freight-transform.h"

G_BEGIN_DECLS

/* Shared by freight-mapping.c and the files it is split into: -validate (the problems
 * list and target resolution), -automap, -sdl and -json. */

struct _FreightMapping
{
  GObject                parent_instance;

  FreightDescribeObject *object;
  FreightOperation       operation;
  char                  *external_id_field;
  char                 **source_columns;
  FreightValueFormat    *default_format;
  GListStore            *entries;
  GListStore            *problems;
  /* case-folded object name -> FreightDescribeObject, parents of relationship targets */
  GHashTable            *related;
  guint                  n_errors;
  /* While frozen, changes are gathered into one "changed" at the thaw. */
  guint                  freeze_count;
  gboolean               changed_while_frozen;
};

/* What a target resolves to in the describe data. */
typedef struct
{
  /* The object's field the entry sets: the field itself, or the lookup (reference)
   * field of a relationship path; NULL if it cannot be resolved. */
  FreightDescribeField  *field;
  /* The field whose type the values have: the field itself, or the parent's key field;
   * NULL if unknown (the parent's describe is not loaded). */
  FreightDescribeField  *value_field;
  FreightDescribeObject *parent;
} FreightResolvedTarget;

gboolean _freight_mapping_resolve_target (FreightMapping        *self,
                                          FreightSdlTarget      *target,
                                          FreightResolvedTarget *resolved,
                                          FreightProblemKind    *kind,
                                          FreightProblemSeverity *severity,
                                          char                 **reason);
void     _freight_mapping_validate       (FreightMapping        *self,
                                          GPtrArray             *problems);
FreightValueFormat *
         _freight_mapping_entry_format   (FreightMapping        *self,
                                          FreightMappingEntry   *entry);
void     _freight_mapping_freeze         (FreightMapping        *self);
void     _freight_mapping_thaw           (FreightMapping        *self);
gboolean _freight_mapping_column_known   (FreightMapping        *self,
                                          const char            *column);

G_END_DECLS
