/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lo-soql-fixture.h"

/* The only words compiled SQL may contain outside quotes and double quotes. */
static const char *const sql_words[] = {
  "SELECT", "FROM", "AS", "LEFT", "JOIN", "ON", "WHERE", "AND", "OR", "NOT", "IS", "NULL",
  "IFNULL", "LIKE", "ESCAPE", "CASE", "WHEN", "THEN", "ELSE", "END", "ORDER", "BY", "ASC",
  "DESC", "NULLS", "FIRST", "LAST", "LIMIT", "lo_soql_lower", "json_object",
};

/* The only functions it may call, as SQLite's authorizer names them. */
static const char *const sql_functions[] = {
  "lo_soql_lower", "json_object", "ifnull", "like",
};

LoSchema *
lo_soql_fixture_load_schema (GError **error)
{
  g_autofree char *path = g_build_filename (SOURCE_DATADIR, "local-org", "schema.json", NULL);

  return lo_schema_load (path, error);
}

static const char *
storage_type (const LoField *field)
{
  switch (field->storage)
    {
    case LO_STORAGE_INTEGER: return "INTEGER";
    case LO_STORAGE_REAL: return "REAL";
    case LO_STORAGE_TEXT: return "TEXT";
    case LO_STORAGE_NONE:
    default:
      return NULL;
    }
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", sql, message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* A table per object, a column per stored field, "IsDeleted" everywhere (lo-schema.h). */
sqlite3 *
lo_soql_fixture_open (LoSchema  *schema,
                      GError   **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open (":memory:", &db) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot open a database");
      sqlite3_close (db);
      return NULL;
    }
  if (!lo_soql_register_functions (db, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  for (guint i = 0; i < schema->objects->len; i++)
    {
      LoObject *object = g_ptr_array_index (schema->objects, i);
      g_autoptr(GString) sql = g_string_new (NULL);

      g_string_append_printf (sql, "CREATE TABLE \"%s\" (\"Id\" TEXT PRIMARY KEY, "
                                   "\"IsDeleted\" INTEGER NOT NULL DEFAULT 0", object->name);
      for (guint j = 0; j < object->fields->len; j++)
        {
          LoField *field = g_ptr_array_index (object->fields, j);

          if (storage_type (field) != NULL && !g_str_equal (field->name, "Id")
              && !g_str_equal (field->name, "IsDeleted"))
            g_string_append_printf (sql, ", \"%s\" %s", field->name, storage_type (field));
        }
      g_string_append (sql, ")");
      if (!exec (db, sql->str, error))
        {
          sqlite3_close (db);
          return NULL;
        }
    }
  return db;
}

static gboolean
is_known_identifier (LoSchema   *schema,
                     const char *name)
{
  if (g_str_equal (name, "_t0") || (g_str_has_prefix (name, "_j")
                                    && strspn (name + 2, "0123456789_") == strlen (name + 2)))
    return TRUE;
  for (guint i = 0; i < schema->objects->len; i++)
    {
      LoObject *object = g_ptr_array_index (schema->objects, i);

      if (g_str_equal (object->name, name) || g_str_equal (name, "IsDeleted"))
        return TRUE;
      for (guint j = 0; j < object->fields->len; j++)
        if (g_str_equal (((LoField *) g_ptr_array_index (object->fields, j))->name, name))
          return TRUE;
    }
  return FALSE;
}

static gboolean
audit_failed (GError     **error,
              const char  *sql,
              gsize        offset,
              const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s at offset %" G_GSIZE_FORMAT
               " of: %s", what, offset, sql);
  return FALSE;
}

/**
 * lo_soql_fixture_audit_sql:
 *
 * Tokenizes compiled SQL the way SQLite does and checks that outside string literals it holds
 * nothing but the compiler's own vocabulary: known words, schema names in double quotes,
 * numbers and operators. Text that escaped a literal would show up as anything else.
 */
gboolean
lo_soql_fixture_audit_sql (LoSchema    *schema,
                           const char  *sql,
                           GError     **error)
{
  gsize i = 0, length = strlen (sql);

  while (i < length)
    {
      gsize start = i;
      char c = sql[i];

      if (c == ' ')
        i++;
      else if (c == '\'' || c == '"')
        {
          g_autoptr(GString) text = g_string_new (NULL);

          for (i++;; i++)
            {
              if (i >= length)
                return audit_failed (error, sql, start, "unterminated quote");
              if (sql[i] == c && sql[i + 1] == c)
                g_string_append_c (text, sql[i++]);
              else if (sql[i] == c)
                break;
              else
                g_string_append_c (text, sql[i]);
            }
          i++;
          if (c == '"' && !is_known_identifier (schema, text->str))
            return audit_failed (error, sql, start, "unknown identifier");
        }
      else if (g_ascii_isdigit (c))
        {
          while (i < length && (g_ascii_isdigit (sql[i]) || sql[i] == '.'))
            i++;
          if (i < length && (g_ascii_isalpha (sql[i]) || sql[i] == '_'))
            return audit_failed (error, sql, start, "malformed number");
        }
      else if (g_ascii_isalpha (c) || c == '_')
        {
          g_autofree char *word = NULL;
          gboolean known = FALSE;

          while (i < length && (g_ascii_isalnum (sql[i]) || sql[i] == '_'))
            i++;
          word = g_strndup (sql + start, i - start);
          for (guint k = 0; k < G_N_ELEMENTS (sql_words); k++)
            known |= g_str_equal (word, sql_words[k]);
          if (!known)
            return audit_failed (error, sql, start, "unexpected word");
        }
      else if (strchr ("(),.=<>", c) != NULL || (c == '-' && sql[i + 1] != '-'))
        i++;
      else
        return audit_failed (error, sql, start, "unexpected character");
    }
  return TRUE;
}

static int
authorize (void       *data,
           int         action,
           const char *arg1,
           const char *arg2,
           const char *arg3,
           const char *arg4)
{
  switch (action)
    {
    case SQLITE_SELECT:
    case SQLITE_READ:
      return SQLITE_OK;
    case SQLITE_FUNCTION:
      for (guint i = 0; i < G_N_ELEMENTS (sql_functions); i++)
        if (g_ascii_strcasecmp (arg2, sql_functions[i]) == 0)
          return SQLITE_OK;
      return SQLITE_DENY;
    default:
      return SQLITE_DENY;
    }
}

/**
 * lo_soql_fixture_prepare:
 *
 * Prepares compiled SQL as one read-only statement that reads tables and calls the
 * compiler's functions only, and nothing after it.
 */
gboolean
lo_soql_fixture_prepare (sqlite3       *db,
                         const char    *sql,
                         sqlite3_stmt **stmt,
                         GError       **error)
{
  const char *tail = NULL;
  int rc;

  sqlite3_set_authorizer (db, authorize, NULL);
  rc = sqlite3_prepare_v2 (db, sql, -1, stmt, &tail);
  sqlite3_set_authorizer (db, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", sqlite3_errmsg (db), sql);
      return FALSE;
    }
  if (*stmt == NULL || *tail != '\0' || !sqlite3_stmt_readonly (*stmt))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "not one read-only statement: %s",
                   sql);
      g_clear_pointer (stmt, sqlite3_finalize);
      return FALSE;
    }
  return TRUE;
}
