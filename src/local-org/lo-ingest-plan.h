/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "lo-schema.h"

G_BEGIN_DECLS

typedef enum
{
  LO_OP_INSERT,
  LO_OP_UPDATE,
  LO_OP_UPSERT,
  LO_OP_DELETE,
  LO_OP_HARD_DELETE,
} LoOperation;

typedef enum
{
  LO_COLUMN_FIELD,          /* a field of the object */
  LO_COLUMN_RELATIONSHIP,   /* Rel.Field or Type:Rel.Field: a lookup set through its parent */
  LO_COLUMN_IGNORED,        /* delete jobs read only Id */
} LoColumnKind;

typedef struct
{
  LoColumnKind  kind;
  char         *header;         /* as uploaded, echoed in the results */
  LoField      *field;          /* the object's field (the lookup, for relationships) */
  LoObject     *parent;         /* relationships: the parent object */
  LoField      *parent_field;   /* relationships: the parent's external ID / idLookup field */
  gboolean      normalize_echo; /* double/currency/percent: echo as the platform does */
} LoColumn;

/* How an ingest job's CSV header maps onto the object. */
typedef struct
{
  LoObject    *object;
  LoOperation  operation;
  LoField     *key_field;       /* upsert: the external ID field (or Id) */
  GPtrArray   *columns;         /* of LoColumn, one per CSV column */
  int          id_column;       /* -1 if none */
  int          key_column;      /* upsert: the key's column */
} LoIngestPlan;

gboolean      lo_operation_from_string (const char   *name,
                                        LoOperation  *operation);
LoIngestPlan *lo_ingest_plan_new       (LoSchema     *schema,
                                        LoObject     *object,
                                        LoOperation   operation,
                                        const char   *external_id_field,
                                        const char * const *header,
                                        guint         n_columns,
                                        char        **job_error);
void          lo_ingest_plan_free      (LoIngestPlan *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoIngestPlan, lo_ingest_plan_free)

G_END_DECLS
