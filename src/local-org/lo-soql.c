/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-soql"

#include "config.h"

#include <string.h>

#include "lo-soql-private.h"

G_DEFINE_QUARK (lo-soql-error-quark, lo_soql_error)

/* The fields of Salesforce's "Name" entity, which a polymorphic relationship (Task.Who,
 * Task.What) exposes instead of its targets' own fields: "Who.Email" works, "Who.Birthdate"
 * is "No such column 'Birthdate' on entity 'Name'". Type names the target's object. */
static const struct
{
  const char  *name;
  LoFieldType  type;
  const char  *type_name;
  LoStorage    storage;
} name_entity_fields[] = {
  { "Id", LO_FIELD_ID, "id", LO_STORAGE_TEXT },
  { "Name", LO_FIELD_STRING, "string", LO_STORAGE_TEXT },
  { "FirstName", LO_FIELD_STRING, "string", LO_STORAGE_TEXT },
  { "LastName", LO_FIELD_STRING, "string", LO_STORAGE_TEXT },
  { "Alias", LO_FIELD_STRING, "string", LO_STORAGE_TEXT },
  { "Email", LO_FIELD_EMAIL, "email", LO_STORAGE_TEXT },
  { "Phone", LO_FIELD_PHONE, "phone", LO_STORAGE_TEXT },
  { "Title", LO_FIELD_STRING, "string", LO_STORAGE_TEXT },
  { "Username", LO_FIELD_STRING, "string", LO_STORAGE_TEXT },
  { "IsActive", LO_FIELD_BOOLEAN, "boolean", LO_STORAGE_INTEGER },
  { "Type", LO_FIELD_PICKLIST, "picklist", LO_STORAGE_TEXT },
  { "LastReferencedDate", LO_FIELD_DATETIME, "datetime", LO_STORAGE_TEXT },
  { "LastViewedDate", LO_FIELD_DATETIME, "datetime", LO_STORAGE_TEXT },
};

/* The keys of a compound field's JSON, as the REST API writes them, and the component
 * fields' suffixes. */
static const struct
{
  const char *key;
  const char *suffix;
} compound_parts[] = {
  { "city", "City" },
  { "country", "Country" },
  { "countryCode", "CountryCode" },
  { "geocodeAccuracy", "GeocodeAccuracy" },
  { "latitude", "Latitude" },
  { "longitude", "Longitude" },
  { "postalCode", "PostalCode" },
  { "state", "State" },
  { "stateCode", "StateCode" },
  { "street", "Street" },
};

const char *
lo_soql_error_code_name (int code)
{
  switch ((LoSoqlError) code)
    {
    case LO_SOQL_ERROR_MALFORMED_QUERY: return "MALFORMED_QUERY";
    case LO_SOQL_ERROR_INVALID_FIELD: return "INVALID_FIELD";
    case LO_SOQL_ERROR_INVALID_TYPE: return "INVALID_TYPE";
    case LO_SOQL_ERROR_INVALID_TYPE_FOR_OPERATION: return "INVALID_TYPE_FOR_OPERATION";
    case LO_SOQL_ERROR_QUERY_TOO_COMPLICATED: return "QUERY_TOO_COMPLICATED";
    case LO_SOQL_ERROR_API_ERROR: return "API_ERROR";
    case LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED: return "FUNCTIONALITY_NOT_ENABLED";
    case LO_SOQL_ERROR_FAILED:
    default:
      return "UNKNOWN_EXCEPTION";
    }
}

void
_lo_soql_append_quoted (GString    *sql,
                        const char *text)
{
  g_string_append_c (sql, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append_c (sql, '\'');
      g_string_append_c (sql, *p);
    }
  g_string_append_c (sql, '\'');
}

static void
append_identifier (GString    *sql,
                   const char *alias,
                   const char *name)
{
  if (alias != NULL)
    {
      append_identifier (sql, NULL, alias);
      g_string_append_c (sql, '.');
    }
  g_string_append_c (sql, '"');
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (sql, '"');
      g_string_append_c (sql, *p);
    }
  g_string_append_c (sql, '"');
}

gboolean
_lo_soql_field_is_text (const LoField *field)
{
  return field->storage == LO_STORAGE_TEXT && field->type != LO_FIELD_ID
         && field->type != LO_FIELD_REFERENCE && field->type != LO_FIELD_DATE
         && field->type != LO_FIELD_DATETIME && field->type != LO_FIELD_TIME;
}

void
_lo_soql_ref_clear (LoSoqlRef *ref)
{
  g_clear_pointer (&ref->sql, g_free);
  g_clear_pointer (&ref->column, g_free);
  g_clear_pointer (&ref->path, g_strfreev);
}

static void
name_entity_free (LoObject *object)
{
  g_ptr_array_unref (object->fields);
  g_hash_table_unref (object->fields_by_name);
  g_hash_table_unref (object->relationships);
  g_free (object->name);
  g_free (object->label);
  g_free (object->label_plural);
  g_free (object->key_prefix);
  g_free (object);
}

static void
name_field_free (gpointer data)
{
  LoField *field = data;

  g_free (field->name);
  g_free (field->label);
  g_strfreev (field->reference_to);
  g_ptr_array_unref (field->picklist_values);
  g_free (field);
}

static LoObject *
name_entity_new (void)
{
  LoObject *object = g_new0 (LoObject, 1);

  object->name = g_strdup ("Name");
  object->label = g_strdup ("Name");
  object->label_plural = g_strdup ("Names");
  object->key_prefix = g_strdup ("");
  object->fields = g_ptr_array_new_with_free_func (name_field_free);
  object->fields_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  object->relationships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (name_entity_fields); i++)
    {
      LoField *field = g_new0 (LoField, 1);

      field->object = object;
      field->name = g_strdup (name_entity_fields[i].name);
      field->label = g_strdup (name_entity_fields[i].name);
      field->type = name_entity_fields[i].type;
      field->type_name = name_entity_fields[i].type_name;
      field->storage = name_entity_fields[i].storage;
      field->nillable = TRUE;
      field->reference_to = g_new0 (char *, 1);
      field->picklist_values = g_ptr_array_new ();
      g_ptr_array_add (object->fields, field);
      g_hash_table_insert (object->fields_by_name, g_ascii_strdown (field->name, -1), field);
    }
  return object;
}

static LoSoqlJoin *
get_join (LoSoqlCompiler *c,
          LoField        *lookup)
{
  LoSoqlJoin *join;

  for (guint i = 0; i < c->joins->len; i++)
    if (((LoSoqlJoin *) g_ptr_array_index (c->joins, i))->lookup == lookup)
      return g_ptr_array_index (c->joins, i);
  join = g_new0 (LoSoqlJoin, 1);
  join->lookup = lookup;
  join->index = c->joins->len + 1;
  g_ptr_array_add (c->joins, join);
  return join;
}

static char *
join_alias (const LoSoqlJoin *join,
            guint             target)
{
  return g_strdup_printf ("_j%u_%u", join->index, target);
}

/* A compound field, for the REST API: its components as one JSON object, NULL when blank. */
static char *
compound_sql (LoObject   *object,
              LoField    *field,
              const char *alias)
{
  g_autoptr(GString) blank = g_string_new (NULL);
  g_autoptr(GString) json = g_string_new ("json_object(");
  g_autofree char *base = NULL;
  gboolean custom = g_str_has_suffix (field->name, "__c");
  guint count = 0;

  if (custom)
    base = g_strndup (field->name, strlen (field->name) - 3);
  else if (g_str_has_suffix (field->name, "Address") || g_str_has_suffix (field->name,
                                                                           "Location"))
    base = g_strndup (field->name, strlen (field->name)
                      - strlen (g_str_has_suffix (field->name, "Address") ? "Address"
                                                                           : "Location"));
  else
    base = g_strdup (field->name);

  for (guint i = 0; i < G_N_ELEMENTS (compound_parts); i++)
    {
      g_autofree char *name = custom
        ? g_strdup_printf ("%s__%s__s", base, compound_parts[i].suffix)
        : g_strconcat (base, compound_parts[i].suffix, NULL);
      LoField *part = lo_object_lookup_field (object, name);

      if (part == NULL || part->storage == LO_STORAGE_NONE)
        continue;
      g_string_append (blank, count > 0 ? " AND " : "");
      append_identifier (blank, alias, part->name);
      g_string_append (blank, " IS NULL");
      g_string_append_printf (json, "%s'%s', ", count > 0 ? ", " : "", compound_parts[i].key);
      append_identifier (json, alias, part->name);
      count++;
    }
  if (count == 0)
    return g_strdup ("NULL");
  return g_strdup_printf ("CASE WHEN %s THEN NULL ELSE %s) END", blank->str, json->str);
}

static char *
field_sql (LoObject   *object,
           LoField    *field,
           const char *alias)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  if (field->storage == LO_STORAGE_NONE)
    return compound_sql (object, field, alias);
  append_identifier (sql, alias, field->name);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* A Name-entity field of a polymorphic parent: the value of whichever target matched. */
static char *
polymorphic_sql (LoSoqlCompiler *c,
                 LoSoqlJoin     *join,
                 LoField        *field)
{
  g_autoptr(GString) sql = g_string_new ("CASE");
  guint count = 0;

  for (guint k = 0; join->lookup->reference_to[k] != NULL; k++)
    {
      LoObject *target = lo_schema_lookup_object (c->schema, join->lookup->reference_to[k]);
      g_autofree char *alias = join_alias (join, k);
      LoField *part = lo_object_lookup_field (target, field->name);

      if (!g_str_equal (field->name, "Type")
          && (part == NULL || part->storage == LO_STORAGE_NONE))
        continue;
      g_string_append (sql, " WHEN ");
      append_identifier (sql, alias, "Id");
      g_string_append (sql, " IS NOT NULL THEN ");
      if (g_str_equal (field->name, "Type"))
        _lo_soql_append_quoted (sql, target->name);
      else
        append_identifier (sql, alias, part->name);
      count++;
    }
  if (count == 0)
    return g_strdup ("NULL");
  g_string_append (sql, " END");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static gboolean
no_such_column (LoSoqlCompiler   *c,
                const LoSoqlPath *path,
                const char       *name,
                const char       *entity)
{
  _lo_soql_set_error_at (c->error, c->source, path->offset, LO_SOQL_ERROR_INVALID_FIELD,
                         "No such column '%s' on entity '%s'. If you are attempting to use a "
                         "custom field, be sure to append the '__c' after the custom field "
                         "name. Please reference your WSDL or the describe call for the "
                         "appropriate names.", name, entity);
  return FALSE;
}

static gboolean
no_such_relationship (LoSoqlCompiler   *c,
                      const LoSoqlPath *path,
                      const char       *name)
{
  _lo_soql_set_error_at (c->error, c->source, path->offset, LO_SOQL_ERROR_INVALID_FIELD,
                         "Didn't understand relationship '%s' in field path. If you are "
                         "attempting to use a custom relationship, be sure to append the "
                         "'__r' after the custom relationship name. Please reference your "
                         "WSDL or the describe call for the appropriate names.", name);
  return FALSE;
}

static LoObject *
get_name_entity (LoSoqlCompiler *c)
{
  if (c->query->name_entity == NULL)
    c->query->name_entity = name_entity_new ();
  return c->query->name_entity;
}

/* The parent a relationship leads to, for field lookups: the Name entity when polymorphic. */
static LoObject *
relationship_target (LoSoqlCompiler *c,
                     LoField        *lookup)
{
  if (lookup->reference_to[1] != NULL)
    return get_name_entity (c);
  return lo_schema_lookup_object (c->schema, lookup->reference_to[0]);
}

/**
 * _lo_soql_resolve:
 *
 * Resolves a field path of the query ("Name", "Account.Name", "Who.Name", "Account.Name" on
 * Account itself) to its field and SQL, with Salesforce's errors for names that do not exist.
 */
gboolean
_lo_soql_resolve (LoSoqlCompiler   *c,
                  const LoSoqlPath *path,
                  LoSoqlRef        *ref)
{
  char **segments = path->segments;
  guint n = g_strv_length (segments);
  LoField *lookup;
  LoObject *parent;
  g_autofree char *alias = NULL;

  memset (ref, 0, sizeof *ref);
  /* "Account.Name" on Account: the object's name, or its alias, may qualify its fields. */
  if (n >= 2 && lo_object_lookup_relationship (c->object, segments[0]) == NULL
      && (g_ascii_strcasecmp (segments[0], c->object->name) == 0
          || (c->ast->alias != NULL && g_ascii_strcasecmp (segments[0], c->ast->alias) == 0)))
    {
      segments++;
      n--;
    }

  if (n == 1)
    {
      ref->field = lo_object_lookup_field (c->object, segments[0]);
      if (ref->field == NULL)
        return no_such_column (c, path, segments[0], c->object->name);
      ref->sql = field_sql (c->object, ref->field, "_t0");
      ref->column = g_strdup (ref->field->name);
      ref->path = g_strdupv ((char *[]) { ref->field->name, NULL });
      return TRUE;
    }

  lookup = lo_object_lookup_relationship (c->object, segments[0]);
  if (lookup == NULL)
    return no_such_relationship (c, path, segments[0]);
  parent = relationship_target (c, lookup);
  if (n > 2)
    {
      /* Salesforce goes up to five levels; the local org joins one. */
      if (lookup->reference_to[1] != NULL
          || lo_object_lookup_relationship (parent, segments[1]) == NULL)
        return no_such_relationship (c, path, segments[1]);
      _lo_soql_set_error_at (c->error, c->source, path->offset,
                             LO_SOQL_ERROR_FUNCTIONALITY_NOT_ENABLED,
                             "Relationship paths deeper than one parent (%s) are not supported "
                             "by freight-local-org, which implements a subset of SOQL. Select "
                             "the parent's own fields, or query the parent object.", path->text);
      return FALSE;
    }

  ref->field = lo_object_lookup_field (parent, segments[1]);
  if (ref->field == NULL)
    return no_such_column (c, path, segments[1], parent->name);
  ref->join = get_join (c, lookup);
  alias = join_alias (ref->join, 0);
  ref->sql = lookup->reference_to[1] != NULL ? polymorphic_sql (c, ref->join, ref->field)
                                            : field_sql (parent, ref->field, alias);
  ref->column = g_strconcat (lookup->relationship_name, ".", ref->field->name, NULL);
  ref->path = g_strdupv ((char *[]) { lookup->relationship_name, ref->field->name, NULL });
  return TRUE;
}

static gboolean
is_sortable (const LoField *field)
{
  /* Long text areas, encrypted and binary fields, multi-select picklists and compound
   * fields are neither filterable nor sortable in Salesforce's describe. */
  return field->storage != LO_STORAGE_NONE && field->type != LO_FIELD_MULTIPICKLIST
         && field->type != LO_FIELD_ENCRYPTEDSTRING && field->type != LO_FIELD_BASE64
         && !(field->type == LO_FIELD_TEXTAREA && field->length > 255);
}

static gboolean
compile_select (LoSoqlCompiler *c,
                GString        *sql,
                GPtrArray      *select_joins)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < c->ast->select->len; i++)
    {
      const LoSoqlPath *path = g_ptr_array_index (c->ast->select, i);
      g_auto(LoSoqlRef) ref = { 0 };
      char *key;

      if (!_lo_soql_resolve (c, path, &ref))
        return FALSE;
      if (ref.field->storage == LO_STORAGE_NONE && c->options->bulk)
        {
          /* Confirmed text: salesforcer's tests against a real org. */
          g_set_error_literal (c->error, LO_SOQL_ERROR, LO_SOQL_ERROR_API_ERROR,
                               "Selecting compound data not supported in Bulk Query");
          return FALSE;
        }
      key = g_ascii_strdown (ref.column, -1);
      if (!g_hash_table_add (seen, key))
        {
          _lo_soql_set_error_at (c->error, c->source, path->offset,
                                 LO_SOQL_ERROR_MALFORMED_QUERY,
                                 "duplicate field selected: %s", ref.column);
          return FALSE;
        }
      if (ref.join != NULL && !g_ptr_array_find (select_joins, ref.join, NULL))
        g_ptr_array_add (select_joins, ref.join);

      g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", ref.sql);
      g_ptr_array_add (c->query->columns, g_steal_pointer (&ref.column));
      g_ptr_array_add (c->query->fields, ref.field);
      g_ptr_array_add (c->query->paths, g_steal_pointer (&ref.path));
    }
  return TRUE;
}

static gboolean
compile_order_by (LoSoqlCompiler *c,
                  GString        *sql)
{
  for (guint i = 0; c->ast->order_by != NULL && i < c->ast->order_by->len; i++)
    {
      const LoSoqlOrder *order = g_ptr_array_index (c->ast->order_by, i);
      g_auto(LoSoqlRef) ref = { 0 };

      if (!_lo_soql_resolve (c, order->path, &ref))
        return FALSE;
      if (!is_sortable (ref.field))
        {
          _lo_soql_set_error_at (c->error, c->source, order->path->offset,
                                 LO_SOQL_ERROR_INVALID_FIELD,
                                 "field '%s' can not be sorted in a query call",
                                 ref.field->name);
          return FALSE;
        }
      /* Text sorts case-insensitively; nulls come first unless NULLS LAST, whatever the
       * direction, as Salesforce documents. */
      g_string_append_printf (sql, _lo_soql_field_is_text (ref.field)
                                   ? "lo_soql_lower(%s) %s NULLS %s, " : "%s %s NULLS %s, ",
                              ref.sql, order->descending ? "DESC" : "ASC",
                              order->nulls_last ? "LAST" : "FIRST");
    }
  /* Ties, and queries without ORDER BY, come in Id order, as real orgs usually return them. */
  append_identifier (sql, "_t0", "Id");
  return TRUE;
}

static void
append_joins (LoSoqlCompiler *c,
              GString        *sql)
{
  for (guint i = 0; i < c->joins->len; i++)
    {
      LoSoqlJoin *join = g_ptr_array_index (c->joins, i);

      for (guint k = 0; join->lookup->reference_to[k] != NULL; k++)
        {
          g_autofree char *alias = join_alias (join, k);

          g_string_append (sql, " LEFT JOIN ");
          append_identifier (sql, NULL, join->lookup->reference_to[k]);
          g_string_append (sql, " AS ");
          append_identifier (sql, NULL, alias);
          g_string_append (sql, " ON ");
          append_identifier (sql, alias, "Id");
          g_string_append (sql, " = ");
          append_identifier (sql, "_t0", join->lookup->name);
          /* A deleted parent is as invisible as a deleted record, except to queryAll. */
          if (!c->options->include_deleted)
            {
              g_string_append (sql, " AND IFNULL(");
              append_identifier (sql, alias, "IsDeleted");
              g_string_append (sql, ", 0) = 0");
            }
        }
    }
}

static void
append_visibility (LoSoqlCompiler *c,
                   GString        *sql)
{
  if (c->options->include_deleted)
    {
      g_string_append (sql, "1");
      return;
    }
  g_string_append (sql, "IFNULL(");
  append_identifier (sql, "_t0", "IsDeleted");
  g_string_append (sql, ", 0) = 0");
  /* query leaves archived activities out; queryAll returns them (SOAP API, queryAll()). */
  if (lo_object_lookup_field (c->object, "IsArchived") != NULL)
    {
      g_string_append (sql, " AND IFNULL(");
      append_identifier (sql, "_t0", "IsArchived");
      g_string_append (sql, ", 0) = 0");
    }
}

static gboolean
compile (LoSoqlCompiler *c)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GString) order_by = g_string_new (NULL);
  g_autoptr(GPtrArray) select_joins = g_ptr_array_new ();
  g_autofree char *where = NULL;
  LoSoqlQuery *query = c->query;

  c->object = lo_schema_lookup_object (c->schema, c->ast->object);
  if (c->object == NULL)
    {
      _lo_soql_set_error_at (c->error, c->source, c->ast->object_offset,
                             LO_SOQL_ERROR_INVALID_TYPE,
                             "sObject type '%s' is not supported. If you are attempting to use "
                             "a custom object, be sure to append the '__c' after the entity "
                             "name. Please reference your WSDL or the describe call for the "
                             "appropriate names.", c->ast->object);
      return FALSE;
    }
  if (!c->object->queryable)
    {
      g_set_error (c->error, LO_SOQL_ERROR, LO_SOQL_ERROR_INVALID_TYPE_FOR_OPERATION,
                   "entity type %s does not support query", c->object->name);
      return FALSE;
    }
  query->object = c->object;

  if (!compile_select (c, sql, select_joins))
    return FALSE;
  if (c->ast->where != NULL && (where = _lo_soql_compile_where (c, c->ast->where)) == NULL)
    return FALSE;
  if (!compile_order_by (c, order_by))
    return FALSE;

  query->id_column = query->columns->len;
  g_string_append (sql, ", ");
  append_identifier (sql, "_t0", "Id");
  for (guint i = 0; i < select_joins->len; i++)
    {
      LoSoqlJoin *join = g_ptr_array_index (select_joins, i);
      LoSoqlRelationship *relationship = g_new0 (LoSoqlRelationship, 1);

      relationship->name = g_strdup (join->lookup->relationship_name);
      relationship->lookup = join->lookup;
      relationship->column = query->id_column + 1 + i;
      g_ptr_array_add (query->relationships, relationship);
      g_string_append (sql, ", ");
      append_identifier (sql, "_t0", join->lookup->name);
    }

  g_string_append (sql, " FROM ");
  append_identifier (sql, NULL, c->object->name);
  g_string_append (sql, " AS ");
  append_identifier (sql, NULL, "_t0");
  append_joins (c, sql);
  g_string_append (sql, " WHERE ");
  append_visibility (c, sql);
  if (where != NULL)
    g_string_append_printf (sql, " AND %s", where);
  g_string_append_printf (sql, " ORDER BY %s", order_by->str);
  query->limit = c->ast->limit;
  if (query->limit >= 0)
    g_string_append_printf (sql, " LIMIT %" G_GINT64_FORMAT, query->limit);

  query->sql = g_string_free (g_steal_pointer (&sql), FALSE);
  return TRUE;
}

static void
relationship_free (gpointer data)
{
  LoSoqlRelationship *relationship = data;

  g_free (relationship->name);
  g_free (relationship);
}

/**
 * lo_soql_compile:
 * @soql: the statement, as a client sent it
 * @options: (nullable): how to run it; %NULL for query through REST, now, in UTC
 *
 * Compiles a statement of the SOQL subset to SQLite.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL with @error set in
 *   %LO_SOQL_ERROR, its message the one Salesforce gives for that mistake.
 */
LoSoqlQuery *
lo_soql_compile (LoSchema             *schema,
                 const char           *soql,
                 const LoSoqlOptions  *options,
                 GError              **error)
{
  static const LoSoqlOptions defaults = { 0 };
  g_autoptr(LoSoqlQuery) query = NULL;
  g_autoptr(LoSoqlAst) ast = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GPtrArray) joins = NULL;
  LoSoqlSource source = { 0 };
  LoSoqlCompiler compiler = { 0 };
  gboolean ok;

  g_return_val_if_fail (schema != NULL, NULL);
  g_return_val_if_fail (soql != NULL, NULL);
  g_return_val_if_fail (options == NULL || options->first_day_of_week <= G_DATE_SUNDAY, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (!_lo_soql_lex (&source, soql, error)
      || (ast = _lo_soql_parse (&source, options->bulk, error)) == NULL)
    {
      _lo_soql_source_clear (&source);
      return NULL;
    }

  query = g_new0 (LoSoqlQuery, 1);
  query->columns = g_ptr_array_new_with_free_func (g_free);
  query->fields = g_ptr_array_new ();
  query->paths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  query->relationships = g_ptr_array_new_with_free_func (relationship_free);
  query->limit = -1;

  utc = g_time_zone_new_utc ();
  joins = g_ptr_array_new_with_free_func (g_free);
  compiler.schema = schema;
  compiler.options = options;
  compiler.source = &source;
  compiler.ast = ast;
  compiler.time_zone = options->time_zone != NULL ? options->time_zone : utc;
  compiler.today = _lo_soql_today (options->now, compiler.time_zone);
  compiler.first_day_of_week = options->first_day_of_week != G_DATE_BAD_WEEKDAY
                               ? options->first_day_of_week : G_DATE_SUNDAY;
  compiler.joins = joins;
  compiler.query = query;
  compiler.error = error;

  ok = compile (&compiler);
  _lo_soql_source_clear (&source);
  return ok ? g_steal_pointer (&query) : NULL;
}

void
lo_soql_query_free (LoSoqlQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->sql);
  g_clear_pointer (&query->columns, g_ptr_array_unref);
  g_clear_pointer (&query->fields, g_ptr_array_unref);
  g_clear_pointer (&query->paths, g_ptr_array_unref);
  g_clear_pointer (&query->relationships, g_ptr_array_unref);
  g_clear_pointer (&query->name_entity, name_entity_free);
  g_free (query);
}

/* lo_soql_lower(text): Unicode lower case, for Salesforce's case-insensitive comparisons
 * (SQLite's own lower() and LIKE fold ASCII only). Other values pass through. */
static void
lower_function (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  const char *text;
  int length;
  g_autofree char *lower = NULL;

  if (sqlite3_value_type (argv[0]) != SQLITE_TEXT)
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }
  text = (const char *) sqlite3_value_text (argv[0]);
  length = sqlite3_value_bytes (argv[0]);
  if (text == NULL || !g_utf8_validate_len (text, length, NULL))
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }
  lower = g_utf8_strdown (text, length);
  sqlite3_result_text (context, lower, -1, SQLITE_TRANSIENT);
}

/**
 * lo_soql_register_functions:
 *
 * Installs the SQL functions compiled queries call on @db. Call it once per connection.
 */
gboolean
lo_soql_register_functions (sqlite3  *db,
                            GError  **error)
{
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  rc = sqlite3_create_function_v2 (db, "lo_soql_lower", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   NULL, lower_function, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LO_SOQL_ERROR, LO_SOQL_ERROR_FAILED,
                   "Could not register the SOQL functions on the database: %s",
                   sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}
