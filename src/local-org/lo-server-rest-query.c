/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-server"

#include "config.h"

#include <string.h>

#include "lo-query-job.h"
#include "lo-record-json.h"
#include "lo-server-private.h"

/* REST /query and /queryAll (§9.2: the sf CLI's lookups, Freight's small lookups). Pages
 * hold 2000 records, as the real default batch size; nextRecordsUrl leads on. */

#define REST_PAGE 2000

typedef struct
{
  char     *soql;
  gboolean  query_all;
  guint64   offset;
} Cursor;

static void
cursor_free (gpointer data)
{
  Cursor *cursor = data;

  g_free (cursor->soql);
  g_free (cursor);
}

static void
add_value (JsonBuilder   *b,
           const LoField *field,
           sqlite3_stmt  *stmt,
           int            column)
{
  if (field != NULL && field->storage == LO_STORAGE_NONE
      && sqlite3_column_type (stmt, column) != SQLITE_NULL)
    {
      JsonNode *node = json_from_string ((const char *) sqlite3_column_text (stmt, column), NULL);

      if (node != NULL)
        {
          json_builder_add_value (b, node);
          return;
        }
    }
  if (field == NULL)
    {
      if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, column));
      return;
    }
  lo_record_json_add_value (b, field, stmt, column);
}

static void
add_record (JsonBuilder *b,
            LoRequest   *req,
            LoSoqlQuery *query,
            sqlite3_stmt *stmt)
{
  g_autoptr(GPtrArray) done = g_ptr_array_new ();
  LoSchema *schema = req->server->schema;

  json_builder_begin_object (b);
  lo_record_json_add_attributes (b, query->object->name,
                                 (const char *) sqlite3_column_text (stmt, query->id_column),
                                 req->version);
  for (guint i = 0; i < query->columns->len; i++)
    {
      char **path = query->paths->pdata[i];
      LoSoqlRelationship *rel = NULL;
      const char *parent_id;
      LoObject *parent;

      if (g_strv_length (path) < 2)
        {
          json_builder_set_member_name (b, path[0]);
          add_value (b, query->fields->pdata[i], stmt, i);
          continue;
        }
      if (g_ptr_array_find_with_equal_func (done, path[0], g_str_equal, NULL))
        continue;
      g_ptr_array_add (done, path[0]);
      for (guint k = 0; k < query->relationships->len; k++)
        {
          LoSoqlRelationship *r = query->relationships->pdata[k];

          if (g_ascii_strcasecmp (r->name, path[0]) == 0)
            rel = r;
        }
      json_builder_set_member_name (b, path[0]);
      parent_id = rel ? (const char *) sqlite3_column_text (stmt, rel->column) : NULL;
      if (rel != NULL && parent_id == NULL)
        {
          json_builder_add_null_value (b);
          continue;
        }
      parent = parent_id ? lo_schema_lookup_object_by_prefix (schema, parent_id) : NULL;
      json_builder_begin_object (b);
      lo_record_json_add_attributes (b, parent ? parent->name
                                     : ((LoField *) query->fields->pdata[i])->object->name,
                                     parent_id, req->version);
      for (guint j = i; j < query->columns->len; j++)
        {
          char **other = query->paths->pdata[j];

          if (g_strv_length (other) < 2 || g_ascii_strcasecmp (other[0], path[0]) != 0)
            continue;
          json_builder_set_member_name (b, other[1]);
          add_value (b, query->fields->pdata[j], stmt, j);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

void
_lo_server_handle_rest_query (LoRequest  *req,
                              gboolean    query_all,
                              const char *locator)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoSoqlQuery) query = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *soql = _lo_server_query_param (req, "q");
  sqlite3_stmt *stmt;
  guint64 offset = 0;
  guint64 total = 0;
  guint n = 0;

  if (req->server->cursors == NULL)
    req->server->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cursor_free);
  if (locator != NULL)
    {
      Cursor *cursor = g_hash_table_lookup (req->server->cursors, locator);

      if (cursor == NULL)
        {
          _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "INVALID_QUERY_LOCATOR",
                                  "invalid query locator");
          return;
        }
      soql = cursor->soql;
      query_all = cursor->query_all;
      offset = cursor->offset;
    }
  if (soql == NULL || soql[0] == '\0')
    {
      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "MALFORMED_QUERY",
                              "A query string has to be specified");
      return;
    }
  query = lo_query_job_compile (req->server->schema, soql, query_all, FALSE,
                                req->session->user->time_zone, &error);
  if (query == NULL)
    {
      _lo_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                              error->domain == LO_SOQL_ERROR
                              ? lo_soql_error_code_name (error->code) : "MALFORMED_QUERY",
                              error->message);
      return;
    }
  stmt = lo_store_prepare (req->server->store, query->sql, &error);
  if (stmt == NULL)
    {
      _lo_server_reply_error (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, "UNKNOWN_EXCEPTION",
                              error->message);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "records");
  json_builder_begin_array (b);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (total >= offset && n < REST_PAGE)
        {
          add_record (b, req, query, stmt);
          n++;
        }
      total++;
    }
  sqlite3_finalize (stmt);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "totalSize");
  json_builder_add_int_value (b, total);
  json_builder_set_member_name (b, "done");
  json_builder_add_boolean_value (b, offset + n >= total);
  if (offset + n < total)
    {
      Cursor *cursor = g_new0 (Cursor, 1);
      g_autofree char *key = g_strdup_printf ("01g5j%010u-%" G_GUINT64_FORMAT,
                                              ++req->server->cursor_serial, offset + n);
      g_autofree char *url = g_strdup_printf ("/services/data/v%s/query/%s", req->version, key);

      cursor->soql = g_strdup (soql);
      cursor->query_all = query_all;
      cursor->offset = offset + n;
      /* Locators are kept in memory; an org forgets old ones rather than grow. The SOQL
       * was copied first: it may belong to a cursor this drops. */
      if (g_hash_table_size (req->server->cursors) >= 1000)
        g_hash_table_remove_all (req->server->cursors);
      g_hash_table_insert (req->server->cursors, g_strdup (key), cursor);
      json_builder_set_member_name (b, "nextRecordsUrl");
      json_builder_add_string_value (b, url);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  /* Real replies put totalSize and done first; reorder by rebuilding the object. */
  {
    JsonObject *o = json_node_get_object (root);
    g_autoptr(JsonBuilder) ordered = json_builder_new ();
    g_autoptr(JsonNode) out = NULL;

    json_builder_begin_object (ordered);
    json_builder_set_member_name (ordered, "totalSize");
    json_builder_add_value (ordered, json_node_copy (json_object_get_member (o, "totalSize")));
    json_builder_set_member_name (ordered, "done");
    json_builder_add_value (ordered, json_node_copy (json_object_get_member (o, "done")));
    if (json_object_has_member (o, "nextRecordsUrl"))
      {
        json_builder_set_member_name (ordered, "nextRecordsUrl");
        json_builder_add_value (ordered,
                                json_node_copy (json_object_get_member (o, "nextRecordsUrl")));
      }
    json_builder_set_member_name (ordered, "records");
    json_builder_add_value (ordered, json_node_copy (json_object_get_member (o, "records")));
    json_builder_end_object (ordered);
    out = json_builder_get_root (ordered);
    _lo_server_reply_json (req, SOUP_STATUS_OK, out);
  }
}
