/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-dml"

#include "config.h"

#include <math.h>
#include <string.h>

#include "freight.h"
#include "lo-dml-private.h"
#include "lo-format.h"

/*
 * Error texts follow §4.4: "<CODE>:<message>:<fields> --", or "<CODE>:<message>:--" when
 * no field is attached. Codes and messages marked real there are used verbatim; for the
 * unconfirmed ones (STRING_TOO_LONG, MALFORMED_ID, INVALID_TYPE_ON_FIELD_IN_RECORD,
 * FIELD_CUSTOM_VALIDATION_EXCEPTION, UNABLE_TO_LOCK_ROW) this org uses the forms §4.4
 * gives. Choices of this org where nothing is documented:
 * - a well-formed id that never existed answers INVALID_CROSS_REFERENCE_KEY, one in the
 *   recycle bin ENTITY_IS_DELETED (update, upsert by Id, delete, lookups);
 * - upsert rows of one internal batch that share an external ID value all fail with
 *   DUPLICATE_EXTERNAL_ID, as the platform refuses to pick one; across batches the later
 *   row updates the record the earlier one created;
 * - a relationship value matching several parents fails with DUPLICATE_EXTERNAL_ID;
 * - restricted picklist values match exactly (case-sensitive);
 * - booleans accept true/false/1/0 in any case; #N/A on a boolean sets it false.
 */

static int
index_of (LoDml      *self,
          const char *name)
{
  LoField *field = lo_object_lookup_field (self->object, name);

  return field ? GPOINTER_TO_INT (g_hash_table_lookup (self->field_index, field)) - 1 : -1;
}


static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

void
lo_dml_free (LoDml *self)
{
  if (self == NULL)
    return;
  sqlite3_finalize (self->insert);
  sqlite3_finalize (self->fetch);
  sqlite3_finalize (self->soft_delete);
  sqlite3_finalize (self->hard_delete);
  sqlite3_finalize (self->key_lookup);
  g_clear_pointer (&self->updates, g_hash_table_unref);
  g_clear_pointer (&self->exists_stmts, g_hash_table_unref);
  g_clear_pointer (&self->parent_stmts, g_hash_table_unref);
  g_clear_pointer (&self->unique_stmts, g_hash_table_unref);
  g_clear_pointer (&self->field_index, g_hash_table_unref);
  g_clear_pointer (&self->fetch_fields, g_ptr_array_unref);
  g_clear_pointer (&self->existing, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->batch_keys, g_hash_table_unref);
  g_clear_pointer (&self->insert_fields, g_array_unref);
  g_clear_pointer (&self->required, g_array_unref);
  g_free (self->column_field);
  g_free (self->values);
  g_free (self->user_id);
  g_free (self->table);
  g_clear_object (&self->store);
  g_free (self);
}

const char *
_lo_dml_collate_for (const LoField *field)
{
  return field->case_sensitive || !lo_field_is_text (field) || field->type == LO_FIELD_ID
         ? "" : " COLLATE NOCASE";
}

LoDml *
lo_dml_new (LoStore       *store,
            LoIngestPlan  *plan,
            const char    *user_id,
            LoFaults      *faults,
            GError       **error)
{
  g_autoptr(LoDml) self = g_new0 (LoDml, 1);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) params = g_string_new (NULL);
  guint n_params = 0;

  self->store = g_object_ref (store);
  self->db = lo_store_get_db (store);
  self->plan = plan;
  self->object = plan->object;
  self->schema = lo_store_get_schema (store);
  self->user_id = g_strdup (user_id);
  self->faults = faults;
  self->table = lo_store_quote_ident (self->object->name);
  self->n_fields = self->object->fields->len;
  self->values = g_new0 (Value, self->n_fields);
  self->field_index = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->n_fields; i++)
    g_hash_table_insert (self->field_index, g_ptr_array_index (self->object->fields, i),
                         GINT_TO_POINTER (i + 1));
  self->updates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  self->exists_stmts = g_hash_table_new_full (NULL, NULL, NULL, finalize_stmt);
  self->parent_stmts = g_hash_table_new_full (NULL, NULL, NULL, finalize_stmt);
  self->unique_stmts = g_hash_table_new_full (NULL, NULL, NULL, finalize_stmt);
  self->batch_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rules = lo_schema_get_rules_for_object (self->schema, self->object);
  self->existing = g_ptr_array_new_with_free_func (g_free);
  self->fetch_fields = g_ptr_array_new ();

  self->f_id = index_of (self, "Id");
  self->f_owner = index_of (self, "OwnerId");
  self->f_is_deleted = index_of (self, "IsDeleted");
  self->f_created_date = index_of (self, "CreatedDate");
  self->f_created_by = index_of (self, "CreatedById");
  self->f_modified_date = index_of (self, "LastModifiedDate");
  self->f_modified_by = index_of (self, "LastModifiedById");
  self->f_modstamp = index_of (self, "SystemModstamp");
  self->f_name = index_of (self, "Name");
  self->f_first = index_of (self, "FirstName");
  self->f_last = index_of (self, "LastName");
  self->computed_name = self->f_name >= 0 && self->f_first >= 0 && self->f_last >= 0
                        && !((LoField *) self->object->fields->pdata[self->f_name])->createable;

  self->required = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < self->n_fields; i++)
    {
      LoField *field = g_ptr_array_index (self->object->fields, i);

      if (!field->nillable && field->type != LO_FIELD_BOOLEAN && field->createable
          && !field->defaulted_on_create)
        g_array_append_val (self->required, i);
    }
  self->column_field = g_new (int, plan->columns->len + 1);
  for (guint c = 0; c < plan->columns->len; c++)
    {
      LoColumn *column = g_ptr_array_index (plan->columns, c);

      self->column_field[c] = column->field ? _lo_dml_field_idx (self, column->field) : -1;
    }

  /* The INSERT names the columns a row of this job can set (its header's fields, the
   * system fields and those with defaults), so one statement serves every row. */
  self->insert_fields = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < self->n_fields; i++)
    {
      LoField *field = g_ptr_array_index (self->object->fields, i);
      gboolean named = FALSE;

      for (guint c = 0; c < plan->columns->len && !named; c++)
        named = ((LoColumn *) plan->columns->pdata[c])->field == field;
      if (field->storage == LO_STORAGE_NONE)
        continue;
      if (named || field->auto_number || field->type == LO_FIELD_BOOLEAN
          || (field->defaulted_on_create && field->picklist_values->len > 0)
          || (int) i == self->f_id || (int) i == self->f_owner || (int) i == self->f_is_deleted
          || (int) i == self->f_created_date || (int) i == self->f_created_by
          || (int) i == self->f_modified_date || (int) i == self->f_modified_by
          || (int) i == self->f_modstamp || (self->computed_name && (int) i == self->f_name))
        g_array_append_val (self->insert_fields, i);
    }
  /* OR FAIL: SQLite checks every constraint of a one-row INSERT before it writes, so a
   * refused row leaves nothing behind, and no statement journal is needed. */
  g_string_printf (sql, "INSERT OR FAIL INTO %s (", self->table);
  for (guint k = 0; k < self->insert_fields->len; k++)
    {
      LoField *field = g_ptr_array_index (self->object->fields,
                                          g_array_index (self->insert_fields, int, k));
      g_autofree char *column = NULL;

      column = lo_store_quote_ident (field->name);
      g_string_append_printf (sql, "%s%s", n_params ? ", " : "", column);
      g_string_append_printf (params, "%s?%u", n_params ? ", " : "", n_params + 1);
      n_params++;
    }
  if (self->f_is_deleted < 0)
    {
      g_string_append_printf (sql, ", \"IsDeleted\"");
      g_string_append (params, ", 0");
    }
  g_string_append_printf (sql, ") VALUES (%s)", params->str);
  self->insert = lo_store_prepare (store, sql->str, error);
  if (self->insert == NULL)
    return NULL;

  /* What an update or a delete needs to know about the record it changes. */
  for (guint i = 0; self->rules != NULL && i < self->rules->len; i++)
    {
      LoValidationRule *rule = g_ptr_array_index (self->rules, i);

      g_ptr_array_add (self->fetch_fields, rule->field);
      if (rule->other_field != NULL)
        g_ptr_array_add (self->fetch_fields, rule->other_field);
    }
  if (self->computed_name)
    {
      g_ptr_array_add (self->fetch_fields, self->object->fields->pdata[self->f_first]);
      g_ptr_array_add (self->fetch_fields, self->object->fields->pdata[self->f_last]);
    }
  g_string_assign (sql, "SELECT \"IsDeleted\"");
  for (guint i = 0; i < self->fetch_fields->len; i++)
    {
      g_autofree char *column =
        lo_store_quote_ident (((LoField *) self->fetch_fields->pdata[i])->name);

      g_string_append_printf (sql, ", %s", column);
    }
  g_string_append_printf (sql, " FROM %s WHERE \"Id\" = ?", self->table);
  self->fetch = lo_store_prepare (store, sql->str, error);
  if (self->fetch == NULL)
    return NULL;

  g_string_printf (sql, "UPDATE %s SET \"IsDeleted\" = 1, \"LastModifiedDate\" = ?2, "
                   "\"LastModifiedById\" = ?3, \"SystemModstamp\" = ?2 WHERE \"Id\" = ?1",
                   self->table);
  if (self->f_modified_date < 0 || self->f_modified_by < 0 || self->f_modstamp < 0)
    g_string_printf (sql, "UPDATE %s SET \"IsDeleted\" = 1 WHERE \"Id\" = ?1 AND ?2 IS NOT ?3",
                     self->table);
  self->soft_delete = lo_store_prepare (store, sql->str, error);
  g_string_printf (sql, "DELETE FROM %s WHERE \"Id\" = ?", self->table);
  self->hard_delete = lo_store_prepare (store, sql->str, error);
  if (self->soft_delete == NULL || self->hard_delete == NULL)
    return NULL;

  for (guint c = 0; c < plan->columns->len; c++)
    {
      LoColumn *column = g_ptr_array_index (plan->columns, c);

      if (column->kind == LO_COLUMN_RELATIONSHIP
          && !lo_store_ensure_index (store, column->parent, column->parent_field, error))
        return NULL;
    }
  if (plan->key_field != NULL && !lo_store_ensure_index (store, self->object, plan->key_field,
                                                         error))
    return NULL;
  if (plan->key_field != NULL && plan->key_field->type != LO_FIELD_ID)
    {
      g_autofree char *column = lo_store_quote_ident (plan->key_field->name);

      g_string_printf (sql, "SELECT \"Id\" FROM %s WHERE %s = ?%s AND \"IsDeleted\" = 0 "
                       "LIMIT 2", self->table, column, _lo_dml_collate_for (plan->key_field));
      self->key_lookup = lo_store_prepare (store, sql->str, error);
      if (self->key_lookup == NULL)
        return NULL;
    }
  return g_steal_pointer (&self);
}

gboolean
lo_dml_begin (LoDml   *self,
              GError **error)
{
  lo_format_storage_datetime (g_get_real_time (), self->now);
  g_hash_table_remove_all (self->batch_keys);
  return lo_store_exec (self->store, "BEGIN IMMEDIATE", error);
}

gboolean
lo_dml_commit (LoDml   *self,
               GError **error)
{
  if (!lo_store_save_sequences (self->store, error))
    return FALSE;
  return lo_store_exec (self->store, "COMMIT", error);
}

/* Commits the rows applied so far while keeping the batch's state (its keys for the
 * duplicate checks and its timestamp), so a throttled batch does not hold the write lock
 * while it waits; lo_dml_resume() opens the next transaction of the same batch. */
gboolean
lo_dml_pause (LoDml   *self,
              GError **error)
{
  return lo_dml_commit (self, error);
}

gboolean
lo_dml_resume (LoDml   *self,
               GError **error)
{
  return lo_store_exec (self->store, "BEGIN IMMEDIATE", error);
}

void
lo_dml_rollback (LoDml *self)
{
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static char *
fold_key (const LoField *field,
          const char    *value,
          gsize          len)
{
  if (field->case_sensitive)
    return g_strndup (value, len);
  return g_utf8_casefold (value, len);
}

/* Upsert: counts the batch's external ID values before its rows are applied. */
void
lo_dml_note_key (LoDml          *self,
                 const LoDmlRow *row)
{
  LoIngestPlan *plan = self->plan;
  char *key;
  gpointer count;

  if (plan->operation != LO_OP_UPSERT || plan->key_field->type == LO_FIELD_ID
      || (guint) plan->key_column >= row->n_values || row->lengths[plan->key_column] == 0)
    return;
  key = fold_key (plan->key_field, row->values[plan->key_column],
                  row->lengths[plan->key_column]);
  count = g_hash_table_lookup (self->batch_keys, key);
  g_hash_table_replace (self->batch_keys, key, GINT_TO_POINTER (GPOINTER_TO_INT (count) + 1));
}

/* Reads the row's columns into self->values. Blank cells stay unset (an insert leaves
 * the field to its default, an update leaves it unchanged); #N/A sets null. */
static gboolean
read_columns (LoDml          *self,
              const LoDmlRow *row,
              gboolean        inserting,
              GString        *error)
{
  g_autoptr(GString) not_writable = NULL;

  for (guint i = 0; i < self->plan->columns->len && i < row->n_values; i++)
    {
      LoColumn *column = g_ptr_array_index (self->plan->columns, i);
      const char *value = row->values[i];
      gsize len = row->lengths[i];
      LoField *field = column->field;
      Value *v;

      if (column->kind == LO_COLUMN_IGNORED || len == 0)
        continue;
      if ((int) i == self->plan->id_column)
        {
          if (inserting && self->plan->operation == LO_OP_INSERT)
            return _lo_dml_row_error (error, "INVALID_FIELD_FOR_INSERT_UPDATE", "Id",
                                      "cannot specify Id in an insert call");
          continue;
        }
      if (field->read_only_reason != NULL || (inserting && !field->createable)
          || (!inserting && !field->updateable))
        {
          if (not_writable == NULL)
            not_writable = g_string_new (NULL);
          g_string_append_printf (not_writable, "%s%s", not_writable->len ? ", " : "",
                                  field->name);
          continue;
        }
      v = &self->values[self->column_field[i]];
      if (len == 4 && memcmp (value, "#N/A", 4) == 0)
        {
          if (field->type == LO_FIELD_BOOLEAN)
            {
              v->kind = V_INT;
              v->i = 0;
            }
          else
            v->kind = V_NULL;
          continue;
        }
      if (column->kind == LO_COLUMN_RELATIONSHIP)
        {
          if (!_lo_dml_resolve_parent (self, column, value, len, v, error))
            return FALSE;
        }
      else if (!_lo_dml_convert (self, field, value, len, v, error))
        return FALSE;
    }
  if (not_writable != NULL)
    {
      g_autofree char *fields = g_strdup (not_writable->str);

      g_strdelimit (fields, " ", ',');
      {
        g_autoptr(GString) compact = g_string_new (NULL);

        for (const char *p = fields; *p != '\0'; p++)
          if (!(*p == ',' && p > fields && p[-1] == ','))
            g_string_append_c (compact, *p);
        return _lo_dml_row_error (error, "INVALID_FIELD_FOR_INSERT_UPDATE", compact->str,
                                  "Unable to create/update fields: %s. Please check the "
                                  "security settings of this field and verify that it is "
                                  "read/write for your profile or permission set.",
                                  not_writable->str);
      }
    }
  return TRUE;
}

static gboolean
check_required (LoDml   *self,
                gboolean inserting,
                GString *error)
{
  g_autoptr(GString) names = NULL;
  g_autoptr(GString) fields = NULL;

  for (guint k = 0; k < self->required->len; k++)
    {
      int i = g_array_index (self->required, int, k);
      LoField *field = g_ptr_array_index (self->object->fields, i);
      Value *v = &self->values[i];
      gboolean missing;

      missing = inserting ? (v->kind == V_UNSET || v->kind == V_NULL) : v->kind == V_NULL;
      if (!missing)
        continue;
      if (names == NULL)
        {
          names = g_string_new (NULL);
          fields = g_string_new (NULL);
        }
      g_string_append_printf (names, "%s%s", names->len ? ", " : "", field->name);
      g_string_append_printf (fields, "%s%s", fields->len ? "," : "", field->name);
    }
  if (names != NULL)
    return _lo_dml_row_error (error, "REQUIRED_FIELD_MISSING", fields->str,
                              "Required fields are missing: [%s]", names->str);
  return TRUE;
}

/* The value a rule sees: the row's, else (on update) the record's. */
static const char *
rule_value (LoDml         *self,
            const LoField *field,
            char           buf[40],
            gboolean       updating)
{
  Value *v = &self->values[_lo_dml_field_idx (self, field)];

  switch (v->kind)
    {
    case V_NULL:
      return NULL;
    case V_TEXT:
      return v->text;
    case V_INT:
      g_snprintf (buf, 40, "%" G_GINT64_FORMAT, v->i);
      return buf;
    case V_REAL:
      g_ascii_dtostr (buf, 40, v->d);
      return buf;
    case V_UNSET:
    default:
      if (!updating)
        return NULL;
      for (guint i = 0; i < self->fetch_fields->len; i++)
        if (self->fetch_fields->pdata[i] == field)
          return self->existing->len > i ? self->existing->pdata[i] : NULL;
      return NULL;
    }
}

static gboolean
check_rules (LoDml   *self,
             gboolean updating,
             GString *error)
{
  for (guint i = 0; self->rules != NULL && i < self->rules->len; i++)
    {
      LoValidationRule *rule = g_ptr_array_index (self->rules, i);
      char lbuf[40], rbuf[40];
      const char *left = rule_value (self, rule->field, lbuf, updating);
      const char *right = rule->other_field ? rule_value (self, rule->other_field, rbuf, updating)
                                            : rule->value;
      int cmp;
      gboolean fires;

      if (left == NULL || right == NULL)
        continue;
      if (lo_field_is_numeric (rule->field))
        {
          double l = g_ascii_strtod (left, NULL);
          double r = g_ascii_strtod (right, NULL);

          cmp = l < r ? -1 : l > r ? 1 : 0;
        }
      else
        cmp = strcmp (left, right);
      switch (rule->op)
        {
        case LO_RULE_LESS: fires = cmp < 0; break;
        case LO_RULE_LESS_EQUAL: fires = cmp <= 0; break;
        case LO_RULE_GREATER: fires = cmp > 0; break;
        case LO_RULE_GREATER_EQUAL: fires = cmp >= 0; break;
        case LO_RULE_EQUAL: fires = cmp == 0; break;
        case LO_RULE_NOT_EQUAL:
        default: fires = cmp != 0; break;
        }
      if (fires)
        return _lo_dml_row_error (error, "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                                  rule->error_field ? rule->error_field->name : NULL, "%s",
                                  rule->error_message ? rule->error_message : rule->name);
    }
  return TRUE;
}

static void
set_system (LoDml *self,
            int    idx,
            const char *text)
{
  /* The texts live as long as the row: no copy. */
  if (idx >= 0)
    _lo_dml_set_text (&self->values[idx], text, strlen (text));
}

/* Contact and Lead names are FirstName + LastName, as the platform computes them. */
static void
compute_name (LoDml   *self,
              gboolean updating)
{
  char fbuf[40], lbuf[40];
  const char *first;
  const char *last;
  Value *name;
  gsize n;

  if (!self->computed_name)
    return;
  if (self->values[self->f_first].kind == V_UNSET && self->values[self->f_last].kind == V_UNSET)
    return;
  first = rule_value (self, self->object->fields->pdata[self->f_first], fbuf, updating);
  last = rule_value (self, self->object->fields->pdata[self->f_last], lbuf, updating);
  name = &self->values[self->f_name];
  if (last == NULL)
    return;
  /* Name is 121 characters at most (FirstName 40 + space + LastName 80). */
  n = 0;
  if (first != NULL && first[0] != '\0')
    {
      n = MIN (strlen (first), sizeof self->name_buf - 2);
      memcpy (self->name_buf, first, n);
      self->name_buf[n++] = ' ';
    }
  n += g_strlcpy (self->name_buf + n, last, sizeof self->name_buf - n);
  _lo_dml_set_text (name, self->name_buf, MIN (n, sizeof self->name_buf - 1));
}

static void
bind_value (sqlite3_stmt *stmt,
            int           param,
            const Value  *v)
{
  switch (v->kind)
    {
    case V_TEXT:
      sqlite3_bind_text (stmt, param, v->text, (int) v->len, SQLITE_STATIC);
      break;
    case V_INT:
      sqlite3_bind_int64 (stmt, param, v->i);
      break;
    case V_REAL:
      sqlite3_bind_double (stmt, param, v->d);
      break;
    case V_UNSET:
    case V_NULL:
    default:
      sqlite3_bind_null (stmt, param);
      break;
    }
}

/* After a unique index refused a row: the field and the record that holds the value. */
static gboolean
duplicate_error (LoDml   *self,
                 GString *error)
{
  const char *message = sqlite3_errmsg (self->db);
  const char *dot = strrchr (message, '.');
  LoField *field = dot ? lo_object_lookup_field (self->object, dot + 1) : NULL;
  g_autofree char *other = NULL;

  if (field != NULL)
    {
      sqlite3_stmt *stmt = g_hash_table_lookup (self->unique_stmts, field);
      Value *v = &self->values[_lo_dml_field_idx (self, field)];

      if (stmt == NULL)
        {
          g_autofree char *column = lo_store_quote_ident (field->name);
          g_autofree char *sql = g_strdup_printf ("SELECT \"Id\" FROM %s WHERE %s = ?%s AND "
                                                  "\"IsDeleted\" = 0 LIMIT 1", self->table,
                                                  column, _lo_dml_collate_for (field));

          stmt = lo_store_prepare (self->store, sql, NULL);
          if (stmt != NULL)
            g_hash_table_insert (self->unique_stmts, field, stmt);
        }
      if (stmt != NULL)
        {
          bind_value (stmt, 1, v);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            other = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          sqlite3_reset (stmt);
        }
    }
  return _lo_dml_row_error (error, "DUPLICATE_VALUE", NULL, "duplicate value found: %s duplicates "
                            "value on record with id: %s", field ? field->name : "unknown",
                            other ? other : "");
}

static gboolean
do_insert (LoDml   *self,
           char     id[19],
           GString *error)
{
  guint param = 0;
  int rc;

  if (!check_required (self, TRUE, error) || !check_rules (self, FALSE, error))
    return FALSE;

  if (self->id_next == self->id_end)
    {
      self->id_next = lo_store_reserve_sequence (self->store, self->object->key_prefix, 1000);
      self->id_end = self->id_next + 1000;
    }
  lo_store_format_id (self->object->key_prefix, self->id_next++, id);
  set_system (self, self->f_id, id);
  set_system (self, self->f_created_date, self->now);
  set_system (self, self->f_created_by, self->user_id);
  set_system (self, self->f_modified_date, self->now);
  set_system (self, self->f_modified_by, self->user_id);
  set_system (self, self->f_modstamp, self->now);
  if (self->f_owner >= 0 && self->values[self->f_owner].kind == V_UNSET)
    set_system (self, self->f_owner, self->user_id);
  compute_name (self, FALSE);

  for (guint k = 0; k < self->insert_fields->len; k++)
    {
      int i = g_array_index (self->insert_fields, int, k);
      LoField *field = g_ptr_array_index (self->object->fields, i);
      Value *v = &self->values[i];

      param++;
      if (v->kind == V_UNSET)
        {
          if (field->auto_number)
            {
              g_autofree char *seq_name = g_strdup_printf ("%s.%s", self->object->name,
                                                           field->name);
              gint64 n = lo_store_next_sequence (self->store, seq_name);
              const char *format = field->auto_number_format ? field->auto_number_format
                                                             : "{00000000}";
              const char *open = strchr (format, '{');
              const char *close = open ? strchr (open, '}') : NULL;

              if (open != NULL && close != NULL)
                g_snprintf (v->buf, sizeof v->buf, "%.*s%0*" G_GINT64_FORMAT "%s",
                            (int) (open - format), format, (int) (close - open - 1), n,
                            close + 1);
              else
                g_snprintf (v->buf, sizeof v->buf, "%" G_GINT64_FORMAT, n);
              _lo_dml_set_text (v, v->buf, strlen (v->buf));
            }
          else if (field->type == LO_FIELD_BOOLEAN || i == self->f_is_deleted)
            {
              v->kind = V_INT;
              v->i = 0;
            }
          else if (field->defaulted_on_create && field->picklist_values->len > 0)
            for (guint p = 0; p < field->picklist_values->len; p++)
              {
                LoPicklistValue *pv = g_ptr_array_index (field->picklist_values, p);

                if (pv->default_value)
                  _lo_dml_set_text (v, pv->value, strlen (pv->value));
              }
        }
      bind_value (self->insert, param, v);
    }
  /* Every parameter is bound for every row, so no sqlite3_clear_bindings(). */
  rc = sqlite3_step (self->insert);
  sqlite3_reset (self->insert);
  if (rc == SQLITE_CONSTRAINT)
    return duplicate_error (self, error);
  if (rc != SQLITE_DONE)
    return _lo_dml_row_error (error, "UNKNOWN_EXCEPTION", NULL, "%s", sqlite3_errmsg (self->db));
  return TRUE;
}

/* Looks the record up; fills self->existing with the rule and name fields. */
static int
fetch_existing (LoDml      *self,
                const char *id18)
{
  int state = 0;

  g_ptr_array_set_size (self->existing, 0);
  sqlite3_bind_text (self->fetch, 1, id18, -1, SQLITE_STATIC);
  if (sqlite3_step (self->fetch) == SQLITE_ROW)
    {
      state = sqlite3_column_int (self->fetch, 0) ? -1 : 1;
      for (guint i = 0; i < self->fetch_fields->len; i++)
        g_ptr_array_add (self->existing,
                         g_strdup ((const char *) sqlite3_column_text (self->fetch, i + 1)));
    }
  sqlite3_reset (self->fetch);
  return state;
}

static gboolean
do_update (LoDml      *self,
           const char *id18,
           GString    *error)
{
  g_autofree char *mask = g_malloc0 (self->n_fields + 1);
  sqlite3_stmt *stmt;
  guint param = 0;
  int rc;

  if (!check_required (self, FALSE, error) || !check_rules (self, TRUE, error))
    return FALSE;
  set_system (self, self->f_modified_date, self->now);
  set_system (self, self->f_modified_by, self->user_id);
  set_system (self, self->f_modstamp, self->now);
  compute_name (self, TRUE);

  for (guint i = 0; i < self->n_fields; i++)
    mask[i] = self->values[i].kind != V_UNSET
              && ((LoField *) self->object->fields->pdata[i])->storage != LO_STORAGE_NONE
              && (int) i != self->f_id ? '1' : '0';
  stmt = g_hash_table_lookup (self->updates, mask);
  if (stmt == NULL)
    {
      g_autoptr(GString) sql = g_string_new (NULL);

      g_string_printf (sql, "UPDATE OR FAIL %s SET ", self->table);
      for (guint i = 0; i < self->n_fields; i++)
        if (mask[i] == '1')
          {
            g_autofree char *column =
              lo_store_quote_ident (((LoField *) self->object->fields->pdata[i])->name);

            g_string_append_printf (sql, "%s%s = ?%u", param ? ", " : "", column, param + 1);
            param++;
          }
      if (param == 0)
        g_string_append (sql, "\"Id\" = \"Id\"");
      g_string_append_printf (sql, " WHERE \"Id\" = ?%u", param + 1);
      stmt = lo_store_prepare (self->store, sql->str, NULL);
      if (stmt == NULL)
        return _lo_dml_row_error (error, "UNKNOWN_EXCEPTION", NULL, "%s",
                                  sqlite3_errmsg (self->db));
      g_hash_table_insert (self->updates, g_strdup (mask), stmt);
      param = 0;
    }
  for (guint i = 0; i < self->n_fields; i++)
    if (mask[i] == '1')
      bind_value (stmt, ++param, &self->values[i]);
  sqlite3_bind_text (stmt, param + 1, id18, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_CONSTRAINT)
    return duplicate_error (self, error);
  if (rc != SQLITE_DONE)
    return _lo_dml_row_error (error, "UNKNOWN_EXCEPTION", NULL, "%s", sqlite3_errmsg (self->db));
  return TRUE;
}

/* A record id from the Id column: well-formed, of this object, live. */
static gboolean
check_id (LoDml      *self,
          const char *value,
          gsize       len,
          char        id18[19],
          GString    *error)
{
  int state;

  if (!freight_sf_id_to_18 (value, len, id18)
      || lo_schema_lookup_object_by_prefix (self->schema, id18) != self->object)
    {
      LoField *id_field = self->object->fields->pdata[self->f_id];

      return _lo_dml_row_error (error, "MALFORMED_ID", "Id",
                                "%s: id value of incorrect type: %.*s",
                                id_field->label, (int) len, value);
    }
  state = fetch_existing (self, id18);
  if (state < 0)
    return _lo_dml_row_error (error, "ENTITY_IS_DELETED", NULL, "entity is deleted");
  if (state == 0)
    return _lo_dml_row_error (error, "INVALID_CROSS_REFERENCE_KEY", NULL,
                              "invalid cross reference id");
  return TRUE;
}

static gboolean
apply_upsert (LoDml          *self,
              const LoDmlRow *row,
              char            id[19],
              gboolean       *created,
              GString        *error)
{
  LoIngestPlan *plan = self->plan;
  const char *key = row->values[plan->key_column];
  gsize key_len = row->lengths[plan->key_column];
  int n = 0;

  if (plan->key_field->type == LO_FIELD_ID)
    {
      if (key_len == 0)
        {
          *created = TRUE;
          return read_columns (self, row, TRUE, error) && do_insert (self, id, error);
        }
      return check_id (self, key, key_len, id, error)
             && read_columns (self, row, FALSE, error) && do_update (self, id, error);
    }
  if (key_len == 0)
    return _lo_dml_row_error (error, "MISSING_ARGUMENT", NULL, "%s not specified",
                              plan->key_field->name);
  {
    g_autofree char *folded = fold_key (plan->key_field, key, key_len);

    if (GPOINTER_TO_INT (g_hash_table_lookup (self->batch_keys, folded)) > 1)
      return _lo_dml_row_error (error, "DUPLICATE_EXTERNAL_ID", plan->key_field->name,
                                "Duplicate external id specified: %.*s", (int) key_len, key);
  }
  sqlite3_bind_text (self->key_lookup, 1, key, key_len, SQLITE_STATIC);
  while (sqlite3_step (self->key_lookup) == SQLITE_ROW)
    if (n++ == 0)
      g_strlcpy (id, (const char *) sqlite3_column_text (self->key_lookup, 0), 19);
  sqlite3_reset (self->key_lookup);
  if (n > 1)
    return _lo_dml_row_error (error, "DUPLICATE_EXTERNAL_ID", plan->key_field->name,
                              "%s: more than one record found for external id field: %.*s",
                              plan->key_field->label, (int) key_len, key);
  if (n == 0)
    {
      *created = TRUE;
      return read_columns (self, row, TRUE, error) && do_insert (self, id, error);
    }
  fetch_existing (self, id);
  return read_columns (self, row, FALSE, error) && do_update (self, id, error);
}

static gboolean
apply_delete (LoDml      *self,
              const char *value,
              gsize       len,
              char        id[19],
              gboolean    hard,
              GString    *error)
{
  sqlite3_stmt *stmt = hard ? self->hard_delete : self->soft_delete;
  int rc;

  if (len == 0)
    return _lo_dml_row_error (error, "MISSING_ARGUMENT", NULL,
                              "Id not specified in a delete call");
  if (!check_id (self, value, len, id, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (!hard)
    {
      sqlite3_bind_text (stmt, 2, self->now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, self->user_id, -1, SQLITE_STATIC);
    }
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _lo_dml_row_error (error, "UNKNOWN_EXCEPTION", NULL, "%s", sqlite3_errmsg (self->db));
  return TRUE;
}

/**
 * lo_dml_apply:
 * @id: (out): the record's id on success, and on failure when one is known
 * @created: (out): whether a record was created
 * @error_text: (out): the sf__Error text of a failed row
 *
 * Returns: %TRUE if the row succeeded.
 */
gboolean
lo_dml_apply (LoDml          *self,
              const LoDmlRow *row,
              char            id[19],
              gboolean       *created,
              GString        *error_text)
{
  LoIngestPlan *plan = self->plan;
  const char *id_value = plan->id_column >= 0 && (guint) plan->id_column < row->n_values
                         ? row->values[plan->id_column] : "";
  gsize id_len = plan->id_column >= 0 && (guint) plan->id_column < row->n_values
                 ? row->lengths[plan->id_column] : 0;

  id[0] = '\0';
  *created = FALSE;
  for (guint i = 0; i < self->n_fields; i++)
    self->values[i].kind = V_UNSET;

  if (lo_faults_lock_row (self->faults))
    {
      if (id_len > 0)
        return _lo_dml_row_error (error_text, "UNABLE_TO_LOCK_ROW", NULL,
                                  "unable to obtain exclusive access to this record or 1 "
                                  "records: %.*s", (int) id_len, id_value);
      return _lo_dml_row_error (error_text, "UNABLE_TO_LOCK_ROW", NULL,
                                "unable to obtain exclusive access to this record");
    }

  switch (plan->operation)
    {
    case LO_OP_INSERT:
      *created = TRUE;
      if (!read_columns (self, row, TRUE, error_text) || !do_insert (self, id, error_text))
        {
          id[0] = '\0';
          *created = FALSE;
          return FALSE;
        }
      return TRUE;
    case LO_OP_UPDATE:
      if (id_len == 0)
        return _lo_dml_row_error (error_text, "MISSING_ARGUMENT", NULL,
                                  "Id not specified in an update call");
      if (!check_id (self, id_value, id_len, id, error_text))
        {
          id[0] = '\0';
          return FALSE;
        }
      return read_columns (self, row, FALSE, error_text) && do_update (self, id, error_text);
    case LO_OP_UPSERT:
      if (!apply_upsert (self, row, id, created, error_text))
        {
          if (*created)
            id[0] = '\0';
          *created = FALSE;
          return FALSE;
        }
      return TRUE;
    case LO_OP_DELETE:
    case LO_OP_HARD_DELETE:
    default:
      if (!apply_delete (self, id_value, id_len, id, plan->operation == LO_OP_HARD_DELETE,
                         error_text))
        {
          id[0] = '\0';
          return FALSE;
        }
      return TRUE;
    }
}
