/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-schema"

#include "config.h"

#include <string.h>

#include "freight.h"
#include "lo-schema.h"

G_DEFINE_QUARK (lo-schema-error-quark, lo_schema_error)

static const struct
{
  const char  *name;
  LoFieldType  type;
  LoStorage    storage;
} field_types[] = {
  { "id", LO_FIELD_ID, LO_STORAGE_TEXT },
  { "reference", LO_FIELD_REFERENCE, LO_STORAGE_TEXT },
  { "string", LO_FIELD_STRING, LO_STORAGE_TEXT },
  { "textarea", LO_FIELD_TEXTAREA, LO_STORAGE_TEXT },
  { "picklist", LO_FIELD_PICKLIST, LO_STORAGE_TEXT },
  { "multipicklist", LO_FIELD_MULTIPICKLIST, LO_STORAGE_TEXT },
  { "combobox", LO_FIELD_COMBOBOX, LO_STORAGE_TEXT },
  { "email", LO_FIELD_EMAIL, LO_STORAGE_TEXT },
  { "phone", LO_FIELD_PHONE, LO_STORAGE_TEXT },
  { "url", LO_FIELD_URL, LO_STORAGE_TEXT },
  { "encryptedstring", LO_FIELD_ENCRYPTEDSTRING, LO_STORAGE_TEXT },
  { "base64", LO_FIELD_BASE64, LO_STORAGE_TEXT },
  { "boolean", LO_FIELD_BOOLEAN, LO_STORAGE_INTEGER },
  { "int", LO_FIELD_INT, LO_STORAGE_INTEGER },
  { "double", LO_FIELD_DOUBLE, LO_STORAGE_REAL },
  { "currency", LO_FIELD_CURRENCY, LO_STORAGE_REAL },
  { "percent", LO_FIELD_PERCENT, LO_STORAGE_REAL },
  { "date", LO_FIELD_DATE, LO_STORAGE_TEXT },
  { "datetime", LO_FIELD_DATETIME, LO_STORAGE_TEXT },
  { "time", LO_FIELD_TIME, LO_STORAGE_TEXT },
  { "address", LO_FIELD_ADDRESS, LO_STORAGE_NONE },
  { "location", LO_FIELD_LOCATION, LO_STORAGE_NONE },
};

static const struct
{
  const char *op;
  LoRuleOp    value;
} rule_ops[] = {
  { "<", LO_RULE_LESS },
  { "<=", LO_RULE_LESS_EQUAL },
  { ">", LO_RULE_GREATER },
  { ">=", LO_RULE_GREATER_EQUAL },
  { "=", LO_RULE_EQUAL },
  { "!=", LO_RULE_NOT_EQUAL },
};

static void
picklist_value_free (gpointer data)
{
  LoPicklistValue *value = data;

  g_free (value->value);
  g_free (value->label);
  g_free (value);
}

static void
field_free (gpointer data)
{
  LoField *field = data;

  g_free (field->name);
  g_free (field->label);
  g_strfreev (field->reference_to);
  g_free (field->relationship_name);
  g_clear_pointer (&field->picklist_values, g_ptr_array_unref);
  g_free (field->read_only_reason);
  g_free (field->auto_number_format);
  g_clear_pointer (&field->describe, json_object_unref);
  g_free (field);
}

static void
object_free (gpointer data)
{
  LoObject *object = data;

  g_free (object->name);
  g_free (object->label);
  g_free (object->label_plural);
  g_free (object->key_prefix);
  g_clear_pointer (&object->fields_by_name, g_hash_table_unref);
  g_clear_pointer (&object->relationships, g_hash_table_unref);
  g_clear_pointer (&object->fields, g_ptr_array_unref);
  g_clear_pointer (&object->describe, json_object_unref);
  g_free (object);
}

static void
user_free (gpointer data)
{
  LoUser *user = data;

  g_free (user->id);
  g_free (user->username);
  g_free (user->password);
  g_free (user->first_name);
  g_free (user->last_name);
  g_free (user->email);
  g_free (user->alias);
  g_free (user->time_zone);
  g_free (user->locale);
  g_free (user->language);
  g_free (user);
}

static void
rule_free (gpointer data)
{
  LoValidationRule *rule = data;

  g_free (rule->name);
  g_free (rule->description);
  g_free (rule->value);
  g_free (rule->error_message);
  g_free (rule);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_bool (JsonObject *object,
          const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  return json_node_get_boolean (node);
}

static guint
get_uint (JsonObject *object,
          const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  value = json_node_get_int (node);
  return value < 0 ? 0 : (guint) MIN (value, G_MAXUINT);
}

static char *
lower (const char *s)
{
  return g_ascii_strdown (s, -1);
}

static gboolean
invalid (GError    **error,
         const char *file_name,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError    **error,
         const char *file_name,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LO_SCHEMA_ERROR, LO_SCHEMA_ERROR_INVALID, "%s: %s", file_name, message);
  return FALSE;
}

static gboolean
id_to_18 (const char  *id,
          char       **out,
          const char  *file_name,
          const char  *what,
          GError     **error)
{
  char buf[19];

  if (id == NULL || !freight_sf_id_to_18 (id, -1, buf))
    return invalid (error, file_name, "%s has no valid id (\"%s\")", what, id ? id : "");
  *out = g_strdup (buf);
  return TRUE;
}

static LoField *
parse_field (LoObject    *object,
             JsonObject  *json,
             const char  *file_name,
             GError     **error)
{
  g_autoptr(GPtrArray) picklist = g_ptr_array_new_with_free_func (picklist_value_free);
  g_autoptr(GStrvBuilder) refs = g_strv_builder_new ();
  const char *name = get_string (json, "name");
  const char *type = get_string (json, "type");
  LoField *field;
  JsonArray *array;
  guint i;

  if (name == NULL || type == NULL)
    {
      invalid (error, file_name, "a field of %s has no name or type", object->name);
      return NULL;
    }

  for (i = 0; i < G_N_ELEMENTS (field_types); i++)
    if (g_str_equal (field_types[i].name, type))
      break;
  if (i == G_N_ELEMENTS (field_types))
    {
      invalid (error, file_name, "%s.%s has the unknown type \"%s\"", object->name, name, type);
      return NULL;
    }

  field = g_new0 (LoField, 1);
  field->object = object;
  field->name = g_strdup (name);
  field->label = g_strdup (get_string (json, "label") ? get_string (json, "label") : name);
  field->type = field_types[i].type;
  field->type_name = field_types[i].name;
  field->storage = field_types[i].storage;
  field->length = get_uint (json, "length");
  field->precision = get_uint (json, "precision");
  field->scale = get_uint (json, "scale");
  field->digits = get_uint (json, "digits");
  field->nillable = get_bool (json, "nillable");
  field->createable = get_bool (json, "createable");
  field->updateable = get_bool (json, "updateable");
  field->defaulted_on_create = get_bool (json, "defaultedOnCreate");
  field->external_id = get_bool (json, "externalId");
  field->id_lookup = get_bool (json, "idLookup");
  field->unique = get_bool (json, "unique");
  field->case_sensitive = get_bool (json, "caseSensitive");
  field->auto_number = get_bool (json, "autoNumber");
  field->calculated = get_bool (json, "calculated");
  field->name_field = get_bool (json, "nameField");
  field->custom = get_bool (json, "custom");
  field->polymorphic = get_bool (json, "polymorphicForeignKey");
  field->restricted_picklist = get_bool (json, "restrictedPicklist");
  field->relationship_name = g_strdup (get_string (json, "relationshipName"));
  field->read_only_reason = g_strdup (get_string (json, "x-readOnlyReason"));
  field->auto_number_format = g_strdup (get_string (json, "x-autoNumberFormat"));
  field->describe = json_object_ref (json);

  array = json_object_has_member (json, "referenceTo")
          ? json_object_get_array_member (json, "referenceTo") : NULL;
  for (i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (refs, json_array_get_string_element (array, i));
  field->reference_to = g_strv_builder_end (refs);

  array = json_object_has_member (json, "picklistValues")
          ? json_object_get_array_member (json, "picklistValues") : NULL;
  for (i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      LoPicklistValue *value = g_new0 (LoPicklistValue, 1);

      value->value = g_strdup (get_string (item, "value"));
      value->label = g_strdup (get_string (item, "label"));
      value->active = get_bool (item, "active");
      value->default_value = get_bool (item, "defaultValue");
      if (value->value == NULL)
        {
          picklist_value_free (value);
          field_free (field);
          invalid (error, file_name, "a picklist value of %s.%s has no value",
                   object->name, name);
          return NULL;
        }
      g_ptr_array_add (picklist, value);
    }
  field->picklist_values = g_steal_pointer (&picklist);

  if (field->type == LO_FIELD_REFERENCE && field->reference_to[0] == NULL)
    {
      invalid (error, file_name, "the lookup %s.%s has no referenceTo", object->name, name);
      field_free (field);
      return NULL;
    }

  return field;
}

static LoObject *
parse_object (JsonObject  *json,
              const char  *file_name,
              GError     **error)
{
  const char *name = get_string (json, "name");
  const char *prefix = get_string (json, "keyPrefix");
  g_autoptr(JsonObject) describe = json_object_new ();
  LoObject *object;
  JsonArray *fields;
  GList *members;

  if (name == NULL || prefix == NULL || strlen (prefix) != 3)
    {
      invalid (error, file_name, "an object has no name or no 3-character keyPrefix");
      return NULL;
    }
  if (!json_object_has_member (json, "fields")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json, "fields")))
    {
      invalid (error, file_name, "the object %s has no fields", name);
      return NULL;
    }

  object = g_new0 (LoObject, 1);
  object->name = g_strdup (name);
  object->label = g_strdup (get_string (json, "label") ? get_string (json, "label") : name);
  object->label_plural = g_strdup (get_string (json, "labelPlural")
                                   ? get_string (json, "labelPlural") : name);
  object->key_prefix = g_strdup (prefix);
  object->custom = get_bool (json, "custom");
  object->createable = get_bool (json, "createable");
  object->updateable = get_bool (json, "updateable");
  object->deletable = get_bool (json, "deletable");
  object->queryable = get_bool (json, "queryable");
  object->fields = g_ptr_array_new_with_free_func (field_free);
  object->fields_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  object->relationships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  members = json_object_get_members (json);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "fields"))
      json_object_set_member (describe, l->data,
                              json_node_copy (json_object_get_member (json, l->data)));
  g_list_free (members);
  object->describe = g_steal_pointer (&describe);

  fields = json_object_get_array_member (json, "fields");
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *field_json = json_array_get_object_element (fields, i);
      LoField *field;
      char *key;

      if (field_json == NULL
          || (field = parse_field (object, field_json, file_name, error)) == NULL)
        {
          if (field_json == NULL)
            invalid (error, file_name, "field %u of %s is not an object", i, name);
          object_free (object);
          return NULL;
        }
      key = lower (field->name);
      if (g_hash_table_contains (object->fields_by_name, key))
        {
          invalid (error, file_name, "%s.%s is defined twice", name, field->name);
          g_free (key);
          field_free (field);
          object_free (object);
          return NULL;
        }
      g_ptr_array_add (object->fields, field);
      g_hash_table_insert (object->fields_by_name, key, field);
      if (field->relationship_name != NULL)
        g_hash_table_insert (object->relationships, lower (field->relationship_name), field);
    }

  if (lo_object_lookup_field (object, "Id") == NULL)
    {
      invalid (error, file_name, "the object %s has no Id field", name);
      object_free (object);
      return NULL;
    }

  return object;
}

static gboolean
parse_users (LoSchema    *self,
             JsonArray   *users,
             const char  *file_name,
             GError     **error)
{
  for (guint i = 0; users != NULL && i < json_array_get_length (users); i++)
    {
      JsonObject *json = json_array_get_object_element (users, i);
      LoUser *user = g_new0 (LoUser, 1);

      g_ptr_array_add (self->users, user);
      if (json == NULL || get_string (json, "username") == NULL
          || get_string (json, "password") == NULL)
        return invalid (error, file_name, "user %u has no username or password", i);
      if (!id_to_18 (get_string (json, "id"), &user->id, file_name,
                     get_string (json, "username"), error))
        return FALSE;
      user->username = g_strdup (get_string (json, "username"));
      user->password = g_strdup (get_string (json, "password"));
      user->first_name = g_strdup (get_string (json, "firstName"));
      user->last_name = g_strdup (get_string (json, "lastName"));
      user->email = g_strdup (get_string (json, "email"));
      user->alias = g_strdup (get_string (json, "alias"));
      user->time_zone = g_strdup (get_string (json, "timeZoneSidKey"));
      user->locale = g_strdup (get_string (json, "localeSidKey"));
      user->language = g_strdup (get_string (json, "languageLocaleKey"));
      user->hard_delete_permission = get_bool (json, "hardDeletePermission");
    }
  return TRUE;
}

static gboolean
parse_rules (LoSchema    *self,
             JsonArray   *rules,
             const char  *file_name,
             GError     **error)
{
  for (guint i = 0; rules != NULL && i < json_array_get_length (rules); i++)
    {
      JsonObject *json = json_array_get_object_element (rules, i);
      LoValidationRule *rule = g_new0 (LoValidationRule, 1);
      JsonObject *condition;
      const char *op;
      guint j;

      g_ptr_array_add (self->validation_rules, rule);
      if (json == NULL || get_string (json, "name") == NULL
          || !json_object_has_member (json, "condition"))
        return invalid (error, file_name, "validation rule %u has no name or condition", i);
      rule->name = g_strdup (get_string (json, "name"));
      rule->description = g_strdup (get_string (json, "description"));
      rule->error_message = g_strdup (get_string (json, "errorMessage"));
      if (json_object_has_member (json, "active") && !get_bool (json, "active"))
        {
          /* An inactive rule is kept for describe-like listings but never fires. */
          rule->object = NULL;
          continue;
        }
      rule->object = lo_schema_lookup_object (self, get_string (json, "object"));
      if (rule->object == NULL)
        return invalid (error, file_name, "validation rule %s names an unknown object",
                        rule->name);
      condition = json_object_get_object_member (json, "condition");
      rule->field = lo_object_lookup_field (rule->object, get_string (condition, "field"));
      op = get_string (condition, "op");
      for (j = 0; op != NULL && j < G_N_ELEMENTS (rule_ops); j++)
        if (g_str_equal (rule_ops[j].op, op))
          break;
      if (rule->field == NULL || op == NULL || j == G_N_ELEMENTS (rule_ops))
        return invalid (error, file_name, "validation rule %s has a bad field or operator",
                        rule->name);
      rule->op = rule_ops[j].value;
      if (get_string (condition, "otherField") != NULL)
        {
          rule->other_field = lo_object_lookup_field (rule->object,
                                                      get_string (condition, "otherField"));
          if (rule->other_field == NULL)
            return invalid (error, file_name, "validation rule %s names an unknown field",
                            rule->name);
        }
      else
        rule->value = g_strdup (get_string (condition, "value"));
      if (get_string (json, "errorDisplayField") != NULL)
        rule->error_field = lo_object_lookup_field (rule->object,
                                                    get_string (json, "errorDisplayField"));
    }
  return TRUE;
}

static gboolean
check_references (LoSchema    *self,
                  const char  *file_name,
                  GError     **error)
{
  for (guint i = 0; i < self->objects->len; i++)
    {
      LoObject *object = g_ptr_array_index (self->objects, i);

      for (guint j = 0; j < object->fields->len; j++)
        {
          LoField *field = g_ptr_array_index (object->fields, j);

          for (guint k = 0; field->reference_to[k] != NULL; k++)
            if (lo_schema_lookup_object (self, field->reference_to[k]) == NULL)
              return invalid (error, file_name, "%s.%s refers to the unknown object %s",
                              object->name, field->name, field->reference_to[k]);
        }
    }
  return TRUE;
}

LoSchema *
lo_schema_load_from_data (const char  *data,
                          gssize       length,
                          const char  *file_name,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LoSchema) self = NULL;
  JsonObject *root;
  JsonObject *org;
  JsonArray *objects;

  g_return_val_if_fail (data != NULL, NULL);

  if (file_name == NULL)
    file_name = "schema.json";
  if (!json_parser_load_from_data (parser, data, length, error))
    {
      g_prefix_error (error, "%s: ", file_name);
      return NULL;
    }
  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
         ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  if (root == NULL || !json_object_has_member (root, "objects")
      || !json_object_has_member (root, "organization"))
    {
      invalid (error, file_name, "the schema needs \"organization\" and \"objects\"");
      return NULL;
    }

  self = g_new0 (LoSchema, 1);
  self->ref_count = 1;
  self->objects = g_ptr_array_new_with_free_func (object_free);
  self->objects_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->objects_by_prefix = g_hash_table_new (g_str_hash, g_str_equal);
  self->users = g_ptr_array_new_with_free_func (user_free);
  self->validation_rules = g_ptr_array_new_with_free_func (rule_free);

  org = json_object_get_object_member (root, "organization");
  if (org == NULL || !id_to_18 (get_string (org, "id"), &self->org_id, file_name,
                                "the organization", error))
    {
      if (org == NULL)
        invalid (error, file_name, "\"organization\" is not an object");
      return NULL;
    }
  self->org_name = g_strdup (get_string (org, "name"));
  self->instance_name = g_strdup (get_string (org, "instanceName"));
  self->is_sandbox = get_bool (org, "isSandbox");
  self->organization_type = g_strdup (get_string (org, "organizationType"));

  objects = json_object_get_array_member (root, "objects");
  for (guint i = 0; objects != NULL && i < json_array_get_length (objects); i++)
    {
      JsonObject *json = json_array_get_object_element (objects, i);
      LoObject *object;
      char *key;

      if (json == NULL)
        {
          invalid (error, file_name, "object %u is not a JSON object", i);
          return NULL;
        }
      object = parse_object (json, file_name, error);
      if (object == NULL)
        return NULL;
      key = lower (object->name);
      if (g_hash_table_contains (self->objects_by_name, key)
          || g_hash_table_contains (self->objects_by_prefix, object->key_prefix))
        {
          invalid (error, file_name, "the object %s or its key prefix %s is defined twice",
                   object->name, object->key_prefix);
          g_free (key);
          object_free (object);
          return NULL;
        }
      g_ptr_array_add (self->objects, object);
      g_hash_table_insert (self->objects_by_name, key, object);
      g_hash_table_insert (self->objects_by_prefix, object->key_prefix, object);
    }

  if (!check_references (self, file_name, error))
    return NULL;
  if (!parse_users (self, json_object_has_member (root, "users")
                          ? json_object_get_array_member (root, "users") : NULL,
                    file_name, error))
    return NULL;
  if (self->users->len == 0)
    {
      invalid (error, file_name, "the schema defines no user");
      return NULL;
    }
  if (!parse_rules (self, json_object_has_member (root, "validationRules")
                          ? json_object_get_array_member (root, "validationRules") : NULL,
                    file_name, error))
    return NULL;

  return g_steal_pointer (&self);
}

LoSchema *
lo_schema_load (const char  *path,
                GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *base = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  base = g_path_get_basename (path);
  return lo_schema_load_from_data (contents, length, base, error);
}

LoSchema *
lo_schema_ref (LoSchema *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
lo_schema_unref (LoSchema *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_free (self->org_id);
  g_free (self->org_name);
  g_free (self->instance_name);
  g_free (self->organization_type);
  g_clear_pointer (&self->validation_rules, g_ptr_array_unref);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->objects_by_prefix, g_hash_table_unref);
  g_clear_pointer (&self->objects_by_name, g_hash_table_unref);
  g_clear_pointer (&self->objects, g_ptr_array_unref);
  g_free (self);
}

static gpointer
lookup_lower (GHashTable *table,
              const char *name)
{
  char buf[256];
  gsize len;

  if (name == NULL)
    return NULL;
  len = strlen (name);
  if (len >= sizeof buf)
    return NULL;
  for (gsize i = 0; i <= len; i++)
    buf[i] = g_ascii_tolower (name[i]);
  return g_hash_table_lookup (table, buf);
}

/**
 * lo_schema_lookup_object:
 *
 * Returns: (nullable): the object named @name, compared case-insensitively as
 *   Salesforce does.
 */
LoObject *
lo_schema_lookup_object (LoSchema   *self,
                         const char *name)
{
  g_return_val_if_fail (self != NULL, NULL);

  return lookup_lower (self->objects_by_name, name);
}

LoObject *
lo_schema_lookup_object_by_prefix (LoSchema   *self,
                                   const char *key_prefix)
{
  char prefix[4];

  g_return_val_if_fail (self != NULL, NULL);

  if (key_prefix == NULL || strlen (key_prefix) < 3)
    return NULL;
  memcpy (prefix, key_prefix, 3);
  prefix[3] = '\0';
  return g_hash_table_lookup (self->objects_by_prefix, prefix);
}

LoUser *
lo_schema_lookup_user (LoSchema   *self,
                       const char *username)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; username != NULL && i < self->users->len; i++)
    {
      LoUser *user = g_ptr_array_index (self->users, i);

      if (g_ascii_strcasecmp (user->username, username) == 0)
        return user;
    }
  return NULL;
}

LoField *
lo_object_lookup_field (LoObject   *object,
                        const char *name)
{
  g_return_val_if_fail (object != NULL, NULL);

  return lookup_lower (object->fields_by_name, name);
}

/**
 * lo_object_lookup_relationship:
 * @relationship_name: e.g. "Account", "Account__r", "Who"
 *
 * Returns: (nullable): the lookup field whose relationshipName is @relationship_name.
 */
LoField *
lo_object_lookup_relationship (LoObject   *object,
                               const char *relationship_name)
{
  g_return_val_if_fail (object != NULL, NULL);

  return lookup_lower (object->relationships, relationship_name);
}

/**
 * lo_schema_get_rules_for_object:
 *
 * Returns: (transfer container): the active validation rules of @object.
 */
GPtrArray *
lo_schema_get_rules_for_object (LoSchema *self,
                                LoObject *object)
{
  GPtrArray *rules = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, rules);

  for (guint i = 0; i < self->validation_rules->len; i++)
    {
      LoValidationRule *rule = g_ptr_array_index (self->validation_rules, i);

      if (rule->object == object)
        g_ptr_array_add (rules, rule);
    }
  return rules;
}

gboolean
lo_field_is_text (const LoField *field)
{
  return field->storage == LO_STORAGE_TEXT;
}

gboolean
lo_field_is_numeric (const LoField *field)
{
  return field->type == LO_FIELD_INT || field->type == LO_FIELD_DOUBLE
         || field->type == LO_FIELD_CURRENCY || field->type == LO_FIELD_PERCENT;
}
