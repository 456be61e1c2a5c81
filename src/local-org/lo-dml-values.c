/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-dml"

#include "config.h"

#include <math.h>
#include <string.h>

#include "freight.h"
#include "lo-dml-private.h"
#include "lo-format.h"

/* Per-field conversions and checks of ingest values, with the §4.4 error texts. */

/* Errors --------------------------------------------------------------------------- */

gboolean
_lo_dml_row_error (GString    *out,
                   const char *code,
                   const char *fields,
                   const char *format,
                   ...)
{
  va_list args;

  g_string_assign (out, code);
  g_string_append_c (out, ':');
  va_start (args, format);
  g_string_append_vprintf (out, format, args);
  va_end (args);
  if (fields != NULL)
    g_string_append_printf (out, ":%s --", fields);
  else
    g_string_append (out, ":--");
  return FALSE;
}

gboolean
_lo_dml_type_error (GString       *out,
                    const LoField *field,
                    const char    *value)
{
  return _lo_dml_row_error (out, "INVALID_TYPE_ON_FIELD_IN_RECORD", field->name,
                            "%s: value not of required type: %s", field->label, value);
}

/* Values ---------------------------------------------------------------------------- */

void
_lo_dml_set_text (Value      *v,
                  const char *text,
                  gsize       len)
{
  v->kind = V_TEXT;
  v->text = text;
  v->len = len;
}

void
_lo_dml_set_buf (Value      *v,
                 const char *text)
{
  g_strlcpy (v->buf, text, sizeof v->buf);
  _lo_dml_set_text (v, v->buf, strlen (v->buf));
}

static sqlite3_stmt *
exists_stmt (LoDml    *self,
             LoObject *object)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->exists_stmts, object);

  if (stmt == NULL)
    {
      g_autofree char *table = lo_store_quote_ident (object->name);
      g_autofree char *sql = g_strdup_printf ("SELECT \"IsDeleted\" FROM %s WHERE \"Id\" = ?",
                                              table);

      stmt = lo_store_prepare (self->store, sql, NULL);
      if (stmt != NULL)
        g_hash_table_insert (self->exists_stmts, object, stmt);
    }
  return stmt;
}

/* Returns: 1 live, 0 missing, -1 deleted. */
static int
record_state (LoDml      *self,
              LoObject   *object,
              const char *id18)
{
  sqlite3_stmt *stmt = exists_stmt (self, object);
  int state = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, id18, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    state = sqlite3_column_int (stmt, 0) ? -1 : 1;
  sqlite3_reset (stmt);
  return state;
}

static gboolean
convert_reference (LoDml         *self,
                   const LoField *field,
                   const char    *value,
                   gsize          len,
                   Value         *v,
                   GString       *error)
{
  char id18[19];
  LoObject *target = NULL;
  int state;

  if (freight_sf_id_to_18 (value, len, id18))
    target = lo_schema_lookup_object_by_prefix (self->schema, id18);
  if (target == NULL
      || !g_strv_contains ((const char * const *) field->reference_to, target->name))
    return _lo_dml_row_error (error, "MALFORMED_ID", field->name,
                              "%s: id value of incorrect type: %s",
                              field->label, value);
  state = record_state (self, target, id18);
  if (state < 0)
    return _lo_dml_row_error (error, "ENTITY_IS_DELETED", NULL, "entity is deleted");
  if (state == 0)
    return _lo_dml_row_error (error, "INVALID_CROSS_REFERENCE_KEY", NULL,
                              "invalid cross reference id");
  _lo_dml_set_buf (v, id18);
  return TRUE;
}

static gboolean
valid_email (const char *value)
{
  const char *at = strchr (value, '@');
  const char *dot;

  if (at == NULL || at == value || strchr (at + 1, '@') != NULL)
    return FALSE;
  dot = strrchr (at + 1, '.');
  if (dot == NULL || dot == at + 1 || dot[1] == '\0')
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return FALSE;
  return TRUE;
}

static gboolean
picklist_has (const LoField *field,
              const char    *value,
              gsize          len)
{
  for (guint i = 0; i < field->picklist_values->len; i++)
    {
      LoPicklistValue *pv = g_ptr_array_index (field->picklist_values, i);

      if (pv->active && strlen (pv->value) == len && strncmp (pv->value, value, len) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
convert_number (const LoField *field,
                const char    *value,
                Value         *v,
                GString       *error)
{
  double d;
  guint int_digits;

  if (field->type == LO_FIELD_INT)
    {
      gint64 i;

      if (!lo_parse_int (value, &i))
        return _lo_dml_type_error (error, field, value);
      int_digits = field->digits ? field->digits : 9;
      if (fabs ((double) i) >= pow (10, int_digits))
        goto range;
      v->kind = V_INT;
      v->i = i;
      return TRUE;
    }
  if (!lo_parse_double (value, &d))
    return _lo_dml_type_error (error, field, value);
  int_digits = field->precision > field->scale ? field->precision - field->scale : 18;
  if (field->precision > 0 && fabs (d) >= pow (10, int_digits))
    goto range;
  if (field->precision > 0)
    {
      double scale = pow (10, field->scale);

      d = round (d * scale) / scale;
    }
  v->kind = V_REAL;
  v->d = d;
  return TRUE;

range:
  return _lo_dml_row_error (error, "NUMBER_OUTSIDE_VALID_RANGE", field->name,
                            "%s: value outside of valid range on numeric field: %s", field->label,
                            value);
}

/* Converts one CSV value for @field into storage form, with the per-type checks. */
gboolean
_lo_dml_convert (LoDml         *self,
                 const LoField *field,
                 const char    *value,
                 gsize          len,
                 Value         *v,
                 GString       *error)
{
  switch (field->type)
    {
    case LO_FIELD_ID:
    case LO_FIELD_REFERENCE:
      return convert_reference (self, field, value, len, v, error);
    case LO_FIELD_BOOLEAN:
      {
        gboolean b;

        if (!lo_parse_boolean (value, &b))
          return _lo_dml_type_error (error, field, value);
        v->kind = V_INT;
        v->i = b;
        return TRUE;
      }
    case LO_FIELD_INT:
    case LO_FIELD_DOUBLE:
    case LO_FIELD_CURRENCY:
    case LO_FIELD_PERCENT:
      return convert_number (field, value, v, error);
    case LO_FIELD_DATE:
      {
        char out[LO_DATE_LEN + 1];

        if (!lo_parse_date (value, out))
          return _lo_dml_type_error (error, field, value);
        _lo_dml_set_buf (v, out);
        return TRUE;
      }
    case LO_FIELD_DATETIME:
      {
        char out[LO_DATETIME_STORAGE_LEN + 1];

        if (!lo_parse_datetime (value, out))
          return _lo_dml_type_error (error, field, value);
        _lo_dml_set_buf (v, out);
        return TRUE;
      }
    case LO_FIELD_TIME:
      {
        char out[LO_DATETIME_STORAGE_LEN + 1];
        g_autofree char *stamp = g_strdup_printf ("2000-01-01T%s", value);

        if (!lo_parse_datetime (stamp, out))
          return _lo_dml_type_error (error, field, value);
        _lo_dml_set_buf (v, out + 11);
        return TRUE;
      }
    case LO_FIELD_PICKLIST:
    case LO_FIELD_MULTIPICKLIST:
      if (field->restricted_picklist)
        {
          gboolean ok = TRUE;

          if (field->type == LO_FIELD_PICKLIST)
            ok = picklist_has (field, value, len);
          else
            {
              g_auto(GStrv) parts = g_strsplit (value, ";", -1);

              for (guint i = 0; ok && parts[i] != NULL; i++)
                ok = picklist_has (field, parts[i], strlen (parts[i]));
            }
          if (!ok)
            return _lo_dml_row_error (error, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                                      field->name,
                                      "%s: bad value for restricted picklist field: %s",
                                      field->label, value);
        }
      break;
    case LO_FIELD_EMAIL:
      if (!valid_email (value))
        return _lo_dml_row_error (error, "INVALID_EMAIL_ADDRESS", field->name,
                                  "%s: invalid email address: %s", field->label, value);
      break;
    case LO_FIELD_STRING:
    case LO_FIELD_TEXTAREA:
    case LO_FIELD_COMBOBOX:
    case LO_FIELD_PHONE:
    case LO_FIELD_URL:
    case LO_FIELD_ENCRYPTEDSTRING:
    case LO_FIELD_BASE64:
    case LO_FIELD_ADDRESS:
    case LO_FIELD_LOCATION:
    default:
      break;
    }
  /* A value has at most as many characters as bytes: only longer ones need counting. */
  if (field->length > 0 && field->type != LO_FIELD_BASE64 && len > field->length
      && g_utf8_strlen (value, len) > field->length)
    return _lo_dml_row_error (error, "STRING_TOO_LONG", field->name,
                              "%s: data value too large: %s (max length=%u)", field->label, value,
                              field->length);
  _lo_dml_set_text (v, value, len);
  return TRUE;
}

static sqlite3_stmt *
parent_stmt (LoDml    *self,
             LoColumn *column)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->parent_stmts, column);

  if (stmt == NULL)
    {
      g_autofree char *table = lo_store_quote_ident (column->parent->name);
      g_autofree char *field = lo_store_quote_ident (column->parent_field->name);
      g_autofree char *sql = g_strdup_printf ("SELECT \"Id\" FROM %s WHERE %s = ?%s AND "
                                              "\"IsDeleted\" = 0 LIMIT 2", table, field,
                                              _lo_dml_collate_for (column->parent_field));

      stmt = lo_store_prepare (self->store, sql, NULL);
      if (stmt != NULL)
        g_hash_table_insert (self->parent_stmts, column, stmt);
    }
  return stmt;
}

/* Rel.Field: finds the parent whose external ID or idLookup field holds the value. */
gboolean
_lo_dml_resolve_parent (LoDml      *self,
                        LoColumn   *column,
                        const char *value,
                        gsize       len,
                        Value      *v,
                        GString    *error)
{
  sqlite3_stmt *stmt = parent_stmt (self, column);
  char id18[19];
  int n = 0;

  if (stmt == NULL)
    return _lo_dml_row_error (error, "UNKNOWN_EXCEPTION", NULL, "lookup failed");
  if (column->parent_field->type == LO_FIELD_ID)
    {
      if (!freight_sf_id_to_18 (value, len, id18))
        return _lo_dml_row_error (error, "MALFORMED_ID", column->field->name,
                                  "%s: id value of incorrect type: %s", column->field->label,
                                  value);
      sqlite3_bind_text (stmt, 1, id18, -1, SQLITE_STATIC);
    }
  else
    sqlite3_bind_text (stmt, 1, value, len, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (n++ == 0)
        _lo_dml_set_buf (v, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (n == 0)
    return _lo_dml_row_error (error, "INVALID_FIELD", NULL,
                              "Foreign key external ID: %s not found for "
                              "field %s in entity %s", value, column->parent_field->name,
                              column->parent->name);
  if (n > 1)
    return _lo_dml_row_error (error, "DUPLICATE_EXTERNAL_ID", NULL, "Foreign key external ID: %s "
                              "matched more than one record for field %s in entity %s", value,
                              column->parent_field->name, column->parent->name);
  return TRUE;
}

