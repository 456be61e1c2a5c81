/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-record-json"

#include "config.h"

#include "lo-format.h"
#include "lo-record-json.h"

/* Writes one stored value (lo-schema.h's storage convention) as REST JSON does. */
void
lo_record_json_add_value (JsonBuilder   *builder,
                          const LoField *field,
                          sqlite3_stmt  *stmt,
                          int            column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  switch (field->type)
    {
    case LO_FIELD_BOOLEAN:
      json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, column) != 0);
      break;
    case LO_FIELD_INT:
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, column));
      break;
    case LO_FIELD_DOUBLE:
    case LO_FIELD_CURRENCY:
    case LO_FIELD_PERCENT:
      json_builder_add_double_value (builder, sqlite3_column_double (stmt, column));
      break;
    case LO_FIELD_DATETIME:
      {
        g_autofree char *text =
          lo_format_rest_datetime ((const char *) sqlite3_column_text (stmt, column));

        json_builder_add_string_value (builder, text);
      }
      break;
    default:
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, column));
      break;
    }
}

void
lo_record_json_add_attributes (JsonBuilder *builder,
                               const char  *object_name,
                               const char  *id,
                               const char  *version)
{
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, object_name);
  if (id != NULL)
    {
      g_autofree char *url = g_strdup_printf ("/services/data/v%s/sobjects/%s/%s", version,
                                              object_name, id);

      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, url);
    }
  json_builder_end_object (builder);
}

/**
 * lo_record_json_fetch:
 * @fields: (nullable): comma-separated field names (the `fields` parameter), or all
 *
 * Returns: (nullable): the record, or %NULL with no error if there is no such live record.
 */
JsonNode *
lo_record_json_fetch (LoStore     *store,
                      LoObject    *object,
                      const char  *id,
                      const char  *fields,
                      const char  *version,
                      GError     **error)
{
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *table = lo_store_quote_ident (object->name);
  sqlite3_stmt *stmt;
  JsonNode *node = NULL;

  if (fields != NULL && fields[0] != '\0')
    {
      g_auto(GStrv) names = g_strsplit (fields, ",", -1);

      for (guint i = 0; names[i] != NULL; i++)
        {
          LoField *field = lo_object_lookup_field (object, g_strstrip (names[i]));

          if (field == NULL || field->storage == LO_STORAGE_NONE)
            {
              g_set_error (error, LO_STORE_ERROR, LO_STORE_ERROR_SQL,
                           "No such column '%s' on sobject of type %s", names[i],
                           object->name);
              return NULL;
            }
          g_ptr_array_add (selected, field);
        }
    }
  else
    for (guint i = 0; i < object->fields->len; i++)
      {
        LoField *field = g_ptr_array_index (object->fields, i);

        if (field->storage != LO_STORAGE_NONE)
          g_ptr_array_add (selected, field);
      }

  for (guint i = 0; i < selected->len; i++)
    {
      g_autofree char *column = lo_store_quote_ident (((LoField *) selected->pdata[i])->name);

      g_string_append_printf (sql, "%s%s", i ? ", " : "", column);
    }
  g_string_append_printf (sql, " FROM %s WHERE \"Id\" = ? AND \"IsDeleted\" = 0", table);
  stmt = lo_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      lo_record_json_add_attributes (b, object->name, id, version);
      for (guint i = 0; i < selected->len; i++)
        {
          LoField *field = selected->pdata[i];

          json_builder_set_member_name (b, field->name);
          lo_record_json_add_value (b, field, stmt, i);
        }
      json_builder_end_object (b);
      node = json_builder_get_root (b);
    }
  sqlite3_finalize (stmt);
  return node;
}
