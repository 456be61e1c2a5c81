/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-describe-object"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-describe-object.h"
#include "freight-describe-private.h"

/* An sObject's describe (`GET /sobjects/X/describe`): immutable once parsed. */
struct _FreightDescribeObject
{
  GObject             parent_instance;

  FreightSobjectInfo  info;
  GListStore         *fields;
  GPtrArray          *field_array;          /* the same fields, for indexed reads */
  /* case-folded name -> FreightDescribeField (borrowed from fields) */
  GHashTable         *fields_by_name;
  GHashTable         *fields_by_relationship;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_LABEL,
  PROP_LABEL_PLURAL,
  PROP_KEY_PREFIX,
  PROP_CUSTOM,
  PROP_FIELDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FreightDescribeObject, freight_describe_object, G_TYPE_OBJECT)

/* The object-level attributes, shared with describeGlobal entries */

gboolean
_freight_sobject_info_parse (FreightSobjectInfo *info,
                             JsonObject         *json,
                             GError            **error)
{
  const char *name;
  const char *label;
  const char *label_plural;
  const char *key_prefix;

  if (!_freight_json_get_string (json, "name", _("an object"), &name, error))
    return FALSE;
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, FREIGHT_DESCRIBE_ERROR, FREIGHT_DESCRIBE_ERROR_INVALID,
                   _("The org described an object without a name. Reload the object list, "
                     "or report the org’s answer if this persists."));
      return FALSE;
    }
  if (!_freight_json_get_string (json, "label", name, &label, error)
      || !_freight_json_get_string (json, "labelPlural", name, &label_plural, error)
      || !_freight_json_get_string (json, "keyPrefix", name, &key_prefix, error)
      || !_freight_json_get_boolean (json, "custom", g_str_has_suffix (name, "__c"), name,
                                     &info->custom, error)
      || !_freight_json_get_boolean (json, "customSetting", FALSE, name,
                                     &info->custom_setting, error)
      || !_freight_json_get_boolean (json, "createable", FALSE, name, &info->createable, error)
      || !_freight_json_get_boolean (json, "updateable", FALSE, name, &info->updateable, error)
      || !_freight_json_get_boolean (json, "deletable", FALSE, name, &info->deletable, error)
      || !_freight_json_get_boolean (json, "queryable", FALSE, name, &info->queryable, error))
    return FALSE;

  info->name = g_strdup (name);
  info->label = g_strdup (label != NULL ? label : name);
  info->label_plural = g_strdup (label_plural != NULL ? label_plural : info->label);
  info->key_prefix = g_strdup (key_prefix);
  return TRUE;
}

void
_freight_sobject_info_clear (FreightSobjectInfo *info)
{
  g_clear_pointer (&info->name, g_free);
  g_clear_pointer (&info->label, g_free);
  g_clear_pointer (&info->label_plural, g_free);
  g_clear_pointer (&info->key_prefix, g_free);
}

gboolean
_freight_sobject_info_allows (const FreightSobjectInfo *info,
                              FreightOperation          operation)
{
  switch (operation)
    {
    case FREIGHT_OPERATION_INSERT:
      return info->createable;
    case FREIGHT_OPERATION_UPDATE:
      return info->updateable;
    case FREIGHT_OPERATION_UPSERT:
      return info->createable && info->updateable;
    case FREIGHT_OPERATION_DELETE:
    case FREIGHT_OPERATION_HARD_DELETE:
      return info->deletable;
    default:
      return FALSE;
    }
}

/**
 * freight_describe_object_new_from_json:
 * @json: the answer of `GET /sobjects/X/describe`
 * @error: return location for a #FREIGHT_DESCRIBE_ERROR
 *
 * Returns: (transfer full): the object, or %NULL if @json is not a describe answer.
 */
FreightDescribeObject *
freight_describe_object_new_from_json (JsonObject  *json,
                                       GError     **error)
{
  g_autoptr(FreightDescribeObject) self = NULL;
  JsonNode *fields_node;
  JsonArray *fields;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (FREIGHT_TYPE_DESCRIBE_OBJECT, NULL);
  if (!_freight_sobject_info_parse (&self->info, json, error))
    return NULL;

  fields_node = json_object_get_member (json, "fields");
  if (fields_node == NULL || !JSON_NODE_HOLDS_ARRAY (fields_node))
    {
      g_set_error (error, FREIGHT_DESCRIBE_ERROR, FREIGHT_DESCRIBE_ERROR_INVALID,
                   _("The describe data of %s has no list of fields. Reload the object’s "
                     "describe, or report the org’s answer if this persists."),
                   self->info.name);
      return NULL;
    }

  fields = json_node_get_array (fields_node);
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonNode *element = json_array_get_element (fields, i);
      g_autoptr(FreightDescribeField) field = NULL;
      const char *relationship_name;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, FREIGHT_DESCRIBE_ERROR, FREIGHT_DESCRIBE_ERROR_INVALID,
                       _("The describe data of %s has a field %u that is not an object. "
                         "Reload the object’s describe, or report the org’s answer if this "
                         "persists."),
                       self->info.name, i + 1);
          return NULL;
        }
      field = freight_describe_field_new_from_json (json_node_get_object (element),
                                                    self->info.name, error);
      if (field == NULL)
        return NULL;

      g_hash_table_replace (self->fields_by_name,
                            _freight_casefold (freight_describe_field_get_name (field), -1),
                            field);
      relationship_name = freight_describe_field_get_relationship_name (field);
      if (relationship_name != NULL && *relationship_name != '\0')
        g_hash_table_replace (self->fields_by_relationship,
                              _freight_casefold (relationship_name, -1), field);
      g_list_store_append (self->fields, field);
      g_ptr_array_add (self->field_array, g_steal_pointer (&field));
    }

  return g_steal_pointer (&self);
}

static void
freight_describe_object_finalize (GObject *object)
{
  FreightDescribeObject *self = (FreightDescribeObject *)object;

  _freight_sobject_info_clear (&self->info);
  g_clear_pointer (&self->fields_by_name, g_hash_table_unref);
  g_clear_pointer (&self->fields_by_relationship, g_hash_table_unref);
  g_clear_object (&self->fields);
  g_clear_pointer (&self->field_array, g_ptr_array_unref);

  G_OBJECT_CLASS (freight_describe_object_parent_class)->finalize (object);
}

static void
freight_describe_object_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  FreightDescribeObject *self = FREIGHT_DESCRIBE_OBJECT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->info.name);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->info.label);
      break;

    case PROP_LABEL_PLURAL:
      g_value_set_string (value, self->info.label_plural);
      break;

    case PROP_KEY_PREFIX:
      g_value_set_string (value, self->info.key_prefix);
      break;

    case PROP_CUSTOM:
      g_value_set_boolean (value, self->info.custom);
      break;

    case PROP_FIELDS:
      g_value_set_object (value, self->fields);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_describe_object_class_init (FreightDescribeObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_describe_object_finalize;
  object_class->get_property = freight_describe_object_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL_PLURAL] =
    g_param_spec_string ("label-plural", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY_PREFIX] =
    g_param_spec_string ("key-prefix", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOM] =
    g_param_spec_boolean ("custom", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELDS] =
    g_param_spec_object ("fields", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_describe_object_init (FreightDescribeObject *self)
{
  self->fields = g_list_store_new (FREIGHT_TYPE_DESCRIBE_FIELD);
  self->field_array = g_ptr_array_new_with_free_func (g_object_unref);
  self->fields_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->fields_by_relationship = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

#define DEFINE_GETTER(type, member, fallback)                                   \
  type                                                                          \
  freight_describe_object_get_##member (FreightDescribeObject *self)           \
  {                                                                             \
    g_return_val_if_fail (FREIGHT_IS_DESCRIBE_OBJECT (self), fallback);         \
    return self->info.member;                                                   \
  }

DEFINE_GETTER (const char *, name, NULL)
DEFINE_GETTER (const char *, label, NULL)
DEFINE_GETTER (const char *, label_plural, NULL)
DEFINE_GETTER (const char *, key_prefix, NULL)
DEFINE_GETTER (gboolean, custom, FALSE)
DEFINE_GETTER (gboolean, createable, FALSE)
DEFINE_GETTER (gboolean, updateable, FALSE)
DEFINE_GETTER (gboolean, deletable, FALSE)
DEFINE_GETTER (gboolean, queryable, FALSE)

#undef DEFINE_GETTER

/**
 * freight_describe_object_get_fields:
 * @self: an object
 *
 * Returns: (transfer none): the fields (#FreightDescribeField) in describe order. Do not
 *   change the list.
 */
GListModel *
freight_describe_object_get_fields (FreightDescribeObject *self)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_OBJECT (self), NULL);

  return G_LIST_MODEL (self->fields);
}

guint
freight_describe_object_get_n_fields (FreightDescribeObject *self)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_OBJECT (self), 0);

  return self->field_array->len;
}

/**
 * freight_describe_object_get_field:
 * @self: an object
 * @position: an index below freight_describe_object_get_n_fields()
 *
 * Returns: (transfer none): the field at @position
 */
FreightDescribeField *
freight_describe_object_get_field (FreightDescribeObject *self,
                                   guint                  position)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_OBJECT (self), NULL);
  g_return_val_if_fail (position < self->field_array->len, NULL);

  return g_ptr_array_index (self->field_array, position);
}

/**
 * freight_describe_object_lookup_field:
 * @self: an object
 * @name: a field's API name, in any case
 *
 * Returns: (transfer none) (nullable): the field, or %NULL
 */
FreightDescribeField *
freight_describe_object_lookup_field (FreightDescribeObject *self,
                                      const char            *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_OBJECT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = _freight_casefold (name, -1);
  return g_hash_table_lookup (self->fields_by_name, key);
}

/**
 * freight_describe_object_lookup_relationship:
 * @self: an object
 * @relationship_name: a relationship name ("Account", "Account__r", "Who"), in any case
 *
 * Returns: (transfer none) (nullable): the reference field with that relationship name
 */
FreightDescribeField *
freight_describe_object_lookup_relationship (FreightDescribeObject *self,
                                             const char            *relationship_name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_OBJECT (self), NULL);
  g_return_val_if_fail (relationship_name != NULL, NULL);

  key = _freight_casefold (relationship_name, -1);
  return g_hash_table_lookup (self->fields_by_relationship, key);
}

/**
 * freight_describe_object_get_id_field:
 * @self: an object
 *
 * Returns: (transfer none) (nullable): the `Id` field
 */
FreightDescribeField *
freight_describe_object_get_id_field (FreightDescribeObject *self)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_OBJECT (self), NULL);

  return freight_describe_object_lookup_field (self, "Id");
}

/**
 * freight_describe_object_allows_operation:
 * @self: an object
 * @operation: an operation
 *
 * Returns: %TRUE if the object is createable for insert, updateable for update, both for
 *   upsert, deletable for delete and hard delete.
 */
gboolean
freight_describe_object_allows_operation (FreightDescribeObject *self,
                                          FreightOperation       operation)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_OBJECT (self), FALSE);

  return _freight_sobject_info_allows (&self->info, operation);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * freight_describe_object_dup_referenced_objects:
 * @self: an object
 *
 * The objects a load may look parents up in: those that reference fields which can be
 * set or changed point to. Their describes let a mapping check relationship columns.
 *
 * Returns: (transfer full): object names, sorted, each once
 */
char **
freight_describe_object_dup_referenced_objects (FreightDescribeObject *self)
{
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) names = NULL;
  guint n;

  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_OBJECT (self), NULL);

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  names = g_ptr_array_new ();
  n = freight_describe_object_get_n_fields (self);
  for (guint i = 0; i < n; i++)
    {
      FreightDescribeField *field = freight_describe_object_get_field (self, i);
      const char * const *reference_to = freight_describe_field_get_reference_to (field);

      if (!freight_describe_field_get_createable (field)
          && !freight_describe_field_get_updateable (field))
        continue;
      for (guint j = 0; reference_to[j] != NULL; j++)
        if (g_hash_table_add (seen, (gpointer) reference_to[j]))
          g_ptr_array_add (names, g_strdup (reference_to[j]));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}
