/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lo-dml.h"
#include "lo-format.h"

G_BEGIN_DECLS

/* Shared by lo-dml.c (statements, operations) and lo-dml-values.c (conversions, checks). */

typedef enum
{
  V_UNSET,
  V_NULL,
  V_TEXT,
  V_INT,
  V_REAL,
} ValueKind;

typedef struct
{
  ValueKind    kind;
  const char  *text;
  gsize        len;
  gint64       i;
  double       d;
  char         buf[40];
} Value;

struct _LoDml
{
  LoStore       *store;
  sqlite3       *db;
  LoIngestPlan  *plan;
  LoObject      *object;
  LoSchema      *schema;
  char          *user_id;
  LoFaults      *faults;
  char          *table;
  guint          n_fields;
  Value         *values;
  GHashTable    *field_index;     /* LoField* -> index + 1 */
  sqlite3_stmt  *insert;
  GHashTable    *updates;         /* column mask -> sqlite3_stmt */
  sqlite3_stmt  *fetch;
  GPtrArray     *fetch_fields;    /* LoField*: rule fields, name parts */
  GPtrArray     *existing;        /* char*: their values in the fetched record */
  sqlite3_stmt  *soft_delete;
  sqlite3_stmt  *hard_delete;
  sqlite3_stmt  *key_lookup;
  GHashTable    *exists_stmts;    /* LoObject* -> stmt */
  GHashTable    *parent_stmts;    /* LoColumn* -> stmt */
  GHashTable    *unique_stmts;    /* LoField* -> stmt */
  GPtrArray     *rules;
  GHashTable    *batch_keys;      /* upsert: folded key -> count in the batch */
  char           now[LO_DATETIME_STORAGE_LEN + 1];
  int            f_id;
  int            f_owner;
  int            f_is_deleted;
  int            f_created_date;
  int            f_created_by;
  int            f_modified_date;
  int            f_modified_by;
  int            f_modstamp;
  int            f_name;          /* computed from FirstName/LastName, or auto-number */
  int            f_first;
  int            f_last;
  gboolean       computed_name;
  GArray        *insert_fields;   /* int: the fields the INSERT names */
  GArray        *required;        /* int: the fields an insert must set */
  int           *column_field;    /* per CSV column: its field's index, or -1 */
  char           name_buf[512];   /* the computed Name of the current row */
  gint64         id_next;         /* ids reserved for this job's inserts */
  gint64         id_end;
};

static inline int
_lo_dml_field_idx (LoDml         *self,
                   const LoField *field)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->field_index, field)) - 1;
}

const char *_lo_dml_collate_for (const LoField *field);
gboolean _lo_dml_row_error      (GString        *out,
                                 const char     *code,
                                 const char     *fields,
                                 const char     *format,
                                 ...) G_GNUC_PRINTF (4, 5);
gboolean _lo_dml_type_error     (GString        *out,
                                 const LoField  *field,
                                 const char     *value);
void     _lo_dml_set_text       (Value          *v,
                                 const char     *text,
                                 gsize           len);
void     _lo_dml_set_buf        (Value          *v,
                                 const char     *text);
gboolean _lo_dml_convert        (LoDml          *self,
                                 const LoField  *field,
                                 const char     *value,
                                 gsize           len,
                                 Value          *v,
                                 GString        *error);
gboolean _lo_dml_resolve_parent (LoDml          *self,
                                 LoColumn       *column,
                                 const char     *value,
                                 gsize           len,
                                 Value          *v,
                                 GString        *error);

G_END_DECLS
