/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-store"

#include "config.h"

#include <string.h>

#include "freight.h"
#include "lo-format.h"
#include "lo-soql.h"
#include "lo-store.h"

/* Ids look like real ones: key prefix, the org's pod ("5j", as in the org id), a reserved
 * "0" and nine base-62 digits, then the case-safe suffix. Base 62 in ASCII order keeps
 * ids of one object sorted by creation. Sequences start high enough to look real. */
#define ID_POD             "5j0"
#define SEQUENCE_START     G_GINT64_CONSTANT (20000000000)

struct _LoStore
{
  GObject     parent_instance;

  sqlite3    *db;
  LoSchema   *schema;
  GHashTable *dirty;          /* names changed since the last save */
};

G_DEFINE_TYPE (LoStore, lo_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (lo-store-error-quark, lo_store_error)

static GMutex sequences_lock;
static GHashTable *sequences;   /* "db path\nname" -> gint64* next value */

static void
lo_store_finalize (GObject *object)
{
  LoStore *self = LO_STORE (object);

  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->schema, lo_schema_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);

  G_OBJECT_CLASS (lo_store_parent_class)->finalize (object);
}

static void
lo_store_class_init (LoStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lo_store_finalize;
}

static void
lo_store_init (LoStore *self)
{
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

gboolean
lo_store_set_error (LoStore  *self,
                    GError  **error)
{
  g_set_error (error, LO_STORE_ERROR, LO_STORE_ERROR_SQL, "SQLite: %s",
               sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
lo_store_exec (LoStore     *self,
               const char  *sql,
               GError     **error)
{
  char *message = NULL;

  g_return_val_if_fail (LO_IS_STORE (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, LO_STORE_ERROR, LO_STORE_ERROR_SQL, "SQLite: %s (in %s)",
                   message ? message : "error", sql);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
lo_store_prepare (LoStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (LO_IS_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, LO_STORE_ERROR, LO_STORE_ERROR_SQL, "SQLite: %s (in %s)",
                   sqlite3_errmsg (self->db), sql);
      return NULL;
    }
  return stmt;
}

char *
lo_store_quote_ident (const char *name)
{
  GString *s = g_string_new ("\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

static const char *
sql_type (const LoField *field)
{
  switch (field->storage)
    {
    case LO_STORAGE_INTEGER:
      return "INTEGER";
    case LO_STORAGE_REAL:
      return "REAL";
    case LO_STORAGE_TEXT:
    case LO_STORAGE_NONE:
    default:
      return "TEXT";
    }
}

static gboolean
has_column (LoStore    *self,
            const char *table,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", table);
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while (!found && sqlite3_step (stmt) == SQLITE_ROW)
    found = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 1), column) == 0;
  sqlite3_finalize (stmt);
  return found;
}

static gboolean
ensure_index (LoStore   *self,
              LoObject  *object,
              LoField   *field,
              GError   **error)
{
  g_autofree char *table = lo_store_quote_ident (object->name);
  g_autofree char *column = lo_store_quote_ident (field->name);
  g_autofree char *index = g_strdup_printf ("\"lo_%s_%s\"", object->name, field->name);
  g_autofree char *sql = NULL;
  const char *collate;

  /* Unique and external-id values compare case-insensitively unless the field is
   * case-sensitive; records in the recycle bin do not hold their values. */
  collate = field->case_sensitive || !lo_field_is_text (field) ? "" : " COLLATE NOCASE";
  sql = g_strdup_printf ("CREATE %sINDEX IF NOT EXISTS %s ON %s (%s%s)%s",
                         field->unique ? "UNIQUE " : "", index, table, column, collate,
                         field->unique ? " WHERE \"IsDeleted\" = 0" : "");
  return lo_store_exec (self, sql, error);
}

/**
 * lo_store_ensure_index:
 *
 * Indexes @field for lookups (relationship columns, upsert keys), if it is not yet.
 */
gboolean
lo_store_ensure_index (LoStore   *self,
                       LoObject  *object,
                       LoField   *field,
                       GError   **error)
{
  g_return_val_if_fail (LO_IS_STORE (self), FALSE);

  if (g_str_equal (field->name, "Id") || field->storage == LO_STORAGE_NONE)
    return TRUE;
  return ensure_index (self, object, field, error);
}

/* Creates each object's table (lo-schema.h's storage convention) and adds the columns a
 * newer schema brought, so a data dir survives schema changes that only add fields. */
static gboolean
ensure_tables (LoStore  *self,
               GError  **error)
{
  for (guint i = 0; i < self->schema->objects->len; i++)
    {
      LoObject *object = g_ptr_array_index (self->schema->objects, i);
      g_autofree char *table = lo_store_quote_ident (object->name);
      g_autoptr(GString) sql = g_string_new (NULL);

      g_string_printf (sql, "CREATE TABLE IF NOT EXISTS %s (\"Id\" TEXT PRIMARY KEY, "
                       "\"IsDeleted\" INTEGER NOT NULL DEFAULT 0", table);
      for (guint j = 0; j < object->fields->len; j++)
        {
          LoField *field = g_ptr_array_index (object->fields, j);
          g_autofree char *column = NULL;

          if (field->storage == LO_STORAGE_NONE || g_str_equal (field->name, "Id")
              || g_str_equal (field->name, "IsDeleted"))
            continue;
          column = lo_store_quote_ident (field->name);
          g_string_append_printf (sql, ", %s %s", column, sql_type (field));
        }
      /* Clustered on the id: one b-tree per table, and ids grow, so inserts append. */
      g_string_append (sql, ") WITHOUT ROWID");
      if (!lo_store_exec (self, sql->str, error))
        return FALSE;

      for (guint j = 0; j < object->fields->len; j++)
        {
          LoField *field = g_ptr_array_index (object->fields, j);
          g_autofree char *column = NULL;

          if (field->storage == LO_STORAGE_NONE)
            continue;
          column = lo_store_quote_ident (field->name);
          if (!has_column (self, table, field->name))
            {
              g_string_printf (sql, "ALTER TABLE %s ADD COLUMN %s %s", table, column,
                               sql_type (field));
              if (!lo_store_exec (self, sql->str, error))
                return FALSE;
            }
          /* Unique values and external IDs are indexed from the start (uniqueness is
           * enforced by the index); idLookup fields only once a job looks them up
           * (lo_store_ensure_index()), as every index slows inserts. */
          if (!(field->unique || field->external_id) || g_str_equal (field->name, "Id"))
            continue;
          if (!ensure_index (self, object, field, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* The schema's users are records too: the sf CLI reads its own User at login. */
static gboolean
ensure_users (LoStore  *self,
              GError  **error)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO \"User\" (\"Id\", \"IsDeleted\", \"Username\", \"FirstName\", "
    "\"LastName\", \"Name\", \"Email\", \"Alias\", \"CommunityNickname\", \"IsActive\", "
    "\"TimeZoneSidKey\", \"LocaleSidKey\", \"LanguageLocaleKey\", \"EmailEncodingKey\", "
    "\"CreatedDate\", \"CreatedById\", \"LastModifiedDate\", \"LastModifiedById\", "
    "\"SystemModstamp\") VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10, ?11, "
    "'UTF-8', '2024-01-01T00:00:00.000Z', ?1, '2024-01-01T00:00:00.000Z', ?1, "
    "'2024-01-01T00:00:00.000Z')";
  LoObject *user_object = lo_schema_lookup_object (self->schema, "User");

  if (user_object == NULL)
    return TRUE;
  for (guint i = 0; i < self->schema->users->len; i++)
    {
      LoUser *user = g_ptr_array_index (self->schema->users, i);
      g_autofree char *name = g_strjoin (" ", user->first_name ? user->first_name : "",
                                         user->last_name ? user->last_name : "", NULL);
      sqlite3_stmt *stmt = lo_store_prepare (self, sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, user->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, user->username, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, user->first_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, user->last_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, g_strstrip (name), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, user->email, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, user->alias, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, user->alias, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, user->time_zone, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, user->locale, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 11, user->language, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return lo_store_set_error (self, error);
    }
  return TRUE;
}

/**
 * lo_store_open:
 * @path: the database file (created if missing)
 *
 * Opens a connection and makes sure the tables exist.
 */
LoStore *
lo_store_open (const char  *path,
               LoSchema    *schema,
               GError     **error)
{
  g_autoptr(LoStore) self = g_object_new (LO_TYPE_STORE, NULL);

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (schema != NULL, NULL);

  self->schema = lo_schema_ref (schema);
  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, LO_STORE_ERROR, LO_STORE_ERROR_SQL, "Cannot open %s: %s", path,
                   self->db ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 30000);
  /* Compiled SOQL calls functions of its own on every connection that runs it. */
  if (!lo_soql_register_functions (self->db, error))
    return NULL;
  /* WAL: HTTP readers never wait for the job worker. synchronous=OFF never waits for the
   * disk: the data survives the process ending, crashed or not, which is all a local
   * stand-in needs (an OS crash may lose the last transactions). */
  if (!lo_store_exec (self, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; "
                      "PRAGMA synchronous=OFF; "
                      "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000", error)
      || !lo_store_exec (self, "BEGIN IMMEDIATE", error))
    return NULL;
  if (!lo_store_exec (self, "CREATE TABLE IF NOT EXISTS lo_sequences "
                      "(name TEXT PRIMARY KEY, next INTEGER NOT NULL)", error)
      || !ensure_tables (self, error) || !ensure_users (self, error)
      || !lo_store_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }
  return g_steal_pointer (&self);
}

sqlite3 *
lo_store_get_db (LoStore *self)
{
  g_return_val_if_fail (LO_IS_STORE (self), NULL);

  return self->db;
}

LoSchema *
lo_store_get_schema (LoStore *self)
{
  g_return_val_if_fail (LO_IS_STORE (self), NULL);

  return self->schema;
}

/**
 * lo_store_next_sequence:
 * @name: a sequence name (a key prefix, or an auto-number field "Object.Field")
 *
 * Returns the next value, counting from what is saved in the database. Call
 * lo_store_save_sequences() inside the transaction that uses the values. A sequence
 * belongs to one connection: the job worker numbers records, the HTTP side numbers jobs.
 */
/**
 * lo_store_reserve_sequence:
 * @count: how many values to take at once
 *
 * Returns: the first of @count consecutive values of the sequence, taken together so a
 *   job numbers its records without a lock per record.
 */
gint64
lo_store_reserve_sequence (LoStore    *self,
                           const char *name,
                           gint64      count)
{
  gint64 first = lo_store_next_sequence (self, name);
  g_autofree char *key = g_strdup_printf ("%s\n%s", sqlite3_db_filename (self->db, "main"),
                                          name);

  g_mutex_lock (&sequences_lock);
  *(gint64 *) g_hash_table_lookup (sequences, key) += count - 1;
  g_mutex_unlock (&sequences_lock);
  return first;
}

gint64
lo_store_next_sequence (LoStore    *self,
                        const char *name)
{
  g_autofree char *key = NULL;
  gint64 *next;
  gint64 value;

  g_return_val_if_fail (LO_IS_STORE (self), 0);

  /* Sequences are shared by every connection of the process to the same database: the
   * HTTP side and each job worker number records from one counter. */
  key = g_strdup_printf ("%s\n%s", sqlite3_db_filename (self->db, "main"), name);
  g_mutex_lock (&sequences_lock);
  if (sequences == NULL)
    sequences = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  next = g_hash_table_lookup (sequences, key);
  if (next == NULL)
    {
      sqlite3_stmt *stmt = NULL;

      next = g_new (gint64, 1);
      /* Record ids of each prefix start at their own place, so that a job and the records
       * it creates do not share digits; auto-numbers start at 1. */
      *next = strchr (name, '.') != NULL
              ? 1 : SEQUENCE_START + (g_str_hash (name) % 50000) * 1000;
      if (sqlite3_prepare_v2 (self->db, "SELECT next FROM lo_sequences WHERE name = ?", -1,
                              &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            *next = sqlite3_column_int64 (stmt, 0);
        }
      sqlite3_finalize (stmt);
      g_hash_table_insert (sequences, g_steal_pointer (&key), next);
    }
  value = (*next)++;
  g_mutex_unlock (&sequences_lock);
  g_hash_table_add (self->dirty, g_strdup (name));
  return value;
}

static gint64
current_sequence (LoStore    *self,
                  const char *name)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", sqlite3_db_filename (self->db, "main"),
                                          name);
  gint64 value;

  g_mutex_lock (&sequences_lock);
  value = *(gint64 *) g_hash_table_lookup (sequences, key);
  g_mutex_unlock (&sequences_lock);
  return value;
}

void
lo_store_next_id (LoStore    *self,
                  const char *key_prefix,
                  char        out[19])
{
  lo_store_format_id (key_prefix, lo_store_next_sequence (self, key_prefix), out);
}

/* The id of sequence value @n of @key_prefix. */
void
lo_store_format_id (const char *key_prefix,
                    gint64      n,
                    char        out[19])
{
  static const char digits[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  char id[16];

  memcpy (id, key_prefix, 3);
  memcpy (id + 3, ID_POD, 3);
  for (int i = 14; i >= 6; i--)
    {
      id[i] = digits[n % 62];
      n /= 62;
    }
  id[15] = '\0';
  freight_sf_id_to_18 (id, 15, out);
}

gboolean
lo_store_save_sequences (LoStore  *self,
                         GError  **error)
{
  GHashTableIter iter;
  gpointer key;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LO_IS_STORE (self), FALSE);

  if (g_hash_table_size (self->dirty) == 0)
    return TRUE;
  stmt = lo_store_prepare (self, "INSERT INTO lo_sequences (name, next) VALUES (?1, ?2) "
                           "ON CONFLICT (name) DO UPDATE SET next = max(next, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, current_sequence (self, key));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          return lo_store_set_error (self, error);
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_hash_table_remove_all (self->dirty);
  return TRUE;
}
