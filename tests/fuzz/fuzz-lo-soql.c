/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "lo-soql-fixture.h"

/*
 * Compiles arbitrary text as SOQL against the bundled schema, through REST and Bulk API
 * rules. A compile either fails with a well-formed error, or yields SQL that holds nothing
 * outside its literals but the compiler's own vocabulary, prepares as one read-only SELECT
 * against the storage convention's tables, and runs (to a row limit) without an error.
 */

#define MAX_ROWS 100

static LoSchema *schema;
static sqlite3 *db;
static GTimeZone *berlin;
static GDateTime *now;

static void
fail (const char *what,
      const char *soql,
      const char *detail)
{
  fprintf (stderr, "%s\nSOQL: %s\n%s\n", what, soql, detail);
  abort ();
}

/* One row per object, every stored field set, so queries run their functions on values. */
static void
fill (void)
{
  for (guint i = 0; i < schema->objects->len; i++)
    {
      LoObject *object = g_ptr_array_index (schema->objects, i);
      g_autoptr(GString) names = g_string_new ("\"Id\"");
      g_autoptr(GString) values = g_string_new (NULL);
      g_autofree char *sql = NULL;

      g_string_append_printf (values, "'%s000000000001AAA'", object->key_prefix);
      for (guint j = 0; j < object->fields->len; j++)
        {
          LoField *field = g_ptr_array_index (object->fields, j);

          if (field->storage == LO_STORAGE_NONE || g_str_equal (field->name, "Id"))
            continue;
          g_string_append_printf (names, ", \"%s\"", field->name);
          g_string_append (values, field->storage == LO_STORAGE_INTEGER ? ", 0"
                                   : field->storage == LO_STORAGE_REAL ? ", 1.5" : ", 'Xé'");
        }
      sql = g_strdup_printf ("INSERT INTO \"%s\" (%s) VALUES (%s)", object->name, names->str,
                             values->str);
      if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
        fail ("cannot fill the database", sql, sqlite3_errmsg (db));
    }
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;

  schema = lo_soql_fixture_load_schema (&error);
  if (schema == NULL)
    fail ("cannot load the schema", "", error->message);
  db = lo_soql_fixture_open (schema, &error);
  if (db == NULL)
    fail ("cannot open the database", "", error->message);
  fill ();
  berlin = g_time_zone_new_identifier ("Europe/Berlin");
  if (berlin == NULL)
    berlin = g_time_zone_new_utc ();
  now = g_date_time_new_from_iso8601 ("2024-03-31T12:00:00Z", NULL);
}

static void
check (const char          *soql,
       const LoSoqlOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoSoqlQuery) query = lo_soql_compile (schema, soql, options, &error);
  sqlite3_stmt *stmt = NULL;
  guint rows = 0;
  int rc;

  if (query == NULL)
    {
      if (error == NULL || error->domain != LO_SOQL_ERROR || error->code < 0
          || error->code >= LO_SOQL_ERROR_FAILED || error->message[0] == '\0'
          || !g_utf8_validate (error->message, -1, NULL))
        fail ("bad error", soql, error != NULL ? error->message : "(none)");
      return;
    }
  if (error != NULL || query->columns->len == 0 || query->columns->len != query->fields->len
      || query->columns->len != query->paths->len || query->id_column != query->columns->len)
    fail ("inconsistent query", soql, query->sql);
  if (!lo_soql_fixture_audit_sql (schema, query->sql, &error))
    fail ("SQL outside its literals", soql, error->message);
  if (!lo_soql_fixture_prepare (db, query->sql, &stmt, &error))
    fail ("SQL does not prepare", soql, error->message);
  if ((guint) sqlite3_column_count (stmt) != query->columns->len + 1
                                             + query->relationships->len)
    fail ("wrong column count", soql, query->sql);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && ++rows < MAX_ROWS)
    ;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    fail ("SQL fails", soql, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *soql = g_strndup ((const char *) data, size);
  LoSoqlOptions rest = { 0 };
  LoSoqlOptions bulk = { .bulk = TRUE, .include_deleted = TRUE,
                         .first_day_of_week = G_DATE_MONDAY };

  if (schema == NULL)
    set_up ();
  rest.now = bulk.now = now;
  bulk.time_zone = berlin;
  check (soql, &rest);
  check (soql, &bulk);
  return 0;
}
