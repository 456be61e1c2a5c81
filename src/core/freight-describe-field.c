/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-describe-field"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-describe-field.h"
#include "freight-describe-private.h"

/* One field of an sObject's describe: immutable once parsed, so the worker threads of
 * pre-flight and the load may read it while the window shows it. */
struct _FreightDescribeField
{
  GObject               parent_instance;

  char                 *name;
  char                 *label;
  char                 *type_name;
  char                 *soap_type;
  char                 *relationship_name;
  char                **reference_to;
  FreightPicklistValue *picklist_values;
  guint                 n_picklist_values;
  /* API value -> index + 1, and case-folded value -> index + 1 (first wins) */
  GHashTable           *picklist_exact;
  GHashTable           *picklist_folded;

  FreightFieldType      field_type;
  guint                 length;
  guint                 byte_length;
  guint                 precision;
  guint                 scale;
  guint                 digits;

  guint                 nillable : 1;
  guint                 createable : 1;
  guint                 updateable : 1;
  guint                 defaulted_on_create : 1;
  guint                 external_id : 1;
  guint                 id_lookup : 1;
  guint                 unique : 1;
  guint                 case_sensitive : 1;
  guint                 auto_number : 1;
  guint                 calculated : 1;
  guint                 name_field : 1;
  guint                 custom : 1;
  guint                 polymorphic_foreign_key : 1;
  guint                 restricted_picklist : 1;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_LABEL,
  PROP_FIELD_TYPE,
  PROP_TYPE_NAME,
  PROP_RELATIONSHIP_NAME,
  PROP_CUSTOM,
  PROP_CREATEABLE,
  PROP_UPDATEABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FreightDescribeField, freight_describe_field, G_TYPE_OBJECT)

G_DEFINE_QUARK (freight-describe-error-quark, freight_describe_error)

G_DEFINE_ENUM_TYPE (FreightFieldType, freight_field_type,
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_OTHER, "other"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_ID, "id"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_REFERENCE, "reference"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_STRING, "string"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_TEXTAREA, "textarea"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_PICKLIST, "picklist"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_MULTIPICKLIST, "multipicklist"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_COMBOBOX, "combobox"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_EMAIL, "email"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_PHONE, "phone"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_URL, "url"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_ENCRYPTEDSTRING, "encryptedstring"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_BASE64, "base64"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_BOOLEAN, "boolean"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_INT, "int"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_LONG, "long"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_DOUBLE, "double"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_CURRENCY, "currency"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_PERCENT, "percent"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_DATE, "date"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_DATETIME, "datetime"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_TIME, "time"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_ADDRESS, "address"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_LOCATION, "location"),
                    G_DEFINE_ENUM_VALUE (FREIGHT_FIELD_TYPE_ANYTYPE, "anytype"))

/* JSON helpers shared by the describe parsers */

static gboolean
member_has_value (JsonObject *object,
                  const char *member,
                  JsonNode  **node)
{
  *node = json_object_get_member (object, member);
  return *node != NULL && !JSON_NODE_HOLDS_NULL (*node);
}

static gboolean
wrong_type (const char  *context,
            const char  *member,
            const char  *expected,
            GError     **error)
{
  g_set_error (error, FREIGHT_DESCRIBE_ERROR, FREIGHT_DESCRIBE_ERROR_INVALID,
               /* Translators: e.g. “The describe data of Account.Name has “length” that
                * is not a number.” */
               _("The describe data of %s has “%s” that is not %s. Reload the object’s "
                 "describe, or report the org’s answer if this persists."),
               context, member, expected);
  return FALSE;
}

gboolean
_freight_json_get_string (JsonObject  *object,
                          const char  *member,
                          const char  *context,
                          const char **value,
                          GError     **error)
{
  JsonNode *node;

  *value = NULL;
  if (!member_has_value (object, member, &node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (context, member, _("a string"), error);
  *value = json_node_get_string (node);
  return TRUE;
}

gboolean
_freight_json_get_boolean (JsonObject  *object,
                           const char  *member,
                           gboolean     default_value,
                           const char  *context,
                           gboolean    *value,
                           GError     **error)
{
  JsonNode *node;

  *value = default_value;
  if (!member_has_value (object, member, &node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (context, member, _("true or false"), error);
  *value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
_freight_json_get_uint (JsonObject  *object,
                        const char  *member,
                        const char  *context,
                        guint       *value,
                        GError     **error)
{
  JsonNode *node;
  GType type;
  gint64 number;

  *value = 0;
  if (!member_has_value (object, member, &node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return wrong_type (context, member, _("a number"), error);
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    number = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE
           && json_node_get_double (node) == (double) (gint64) json_node_get_double (node))
    number = (gint64) json_node_get_double (node);
  else
    return wrong_type (context, member, _("a number"), error);
  if (number < 0 || number > G_MAXUINT)
    return wrong_type (context, member, _("a count"), error);
  *value = (guint) number;
  return TRUE;
}

char *
_freight_casefold (const char *text,
                   gssize      length)
{
  g_autofree char *normalized = NULL;
  gsize len = length < 0 ? strlen (text) : (gsize) length;
  gboolean ascii = TRUE;

  for (gsize i = 0; i < len && ascii; i++)
    ascii = ((guchar) text[i]) < 0x80;
  if (ascii)
    return g_ascii_strdown (text, len);

  normalized = g_utf8_normalize (text, len, G_NORMALIZE_ALL_COMPOSE);
  if (normalized == NULL)
    return g_ascii_strdown (text, len);
  return g_utf8_casefold (normalized, -1);
}

/* Parsing */

static FreightFieldType
field_type_from_name (const char *name)
{
  GEnumClass *klass;
  GEnumValue *value;

  if (name == NULL)
    return FREIGHT_FIELD_TYPE_OTHER;
  klass = g_type_class_ref (FREIGHT_TYPE_FIELD_TYPE);
  value = g_enum_get_value_by_nick (klass, name);
  g_type_class_unref (klass);
  return value != NULL ? (FreightFieldType) value->value : FREIGHT_FIELD_TYPE_OTHER;
}

static gboolean
parse_picklist (FreightDescribeField *self,
                JsonObject           *json,
                const char           *context,
                GError              **error)
{
  JsonNode *node;
  JsonArray *array;
  guint n;

  if (!member_has_value (json, "picklistValues", &node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (context, "picklistValues", _("a list"), error);

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  self->picklist_values = g_new0 (FreightPicklistValue, n);
  self->picklist_exact = g_hash_table_new (g_str_hash, g_str_equal);
  self->picklist_folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      FreightPicklistValue *pv;
      JsonObject *object;
      const char *value;
      const char *label;
      char *folded;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return wrong_type (context, "picklistValues", _("a list of values"), error);
      object = json_node_get_object (element);
      if (!_freight_json_get_string (object, "value", context, &value, error)
          || !_freight_json_get_string (object, "label", context, &label, error))
        return FALSE;
      if (value == NULL)
        continue;

      pv = &self->picklist_values[self->n_picklist_values];
      pv->value = g_strdup (value);
      pv->label = g_strdup (label != NULL ? label : value);
      if (!_freight_json_get_boolean (object, "active", TRUE, context, &pv->active, error)
          || !_freight_json_get_boolean (object, "defaultValue", FALSE, context,
                                         &pv->default_value, error))
        {
          self->n_picklist_values++;
          return FALSE;
        }
      self->n_picklist_values++;

      g_hash_table_insert (self->picklist_exact, pv->value,
                           GUINT_TO_POINTER (self->n_picklist_values));
      folded = _freight_casefold (pv->value, -1);
      if (g_hash_table_contains (self->picklist_folded, folded))
        g_free (folded);
      else
        g_hash_table_insert (self->picklist_folded, folded,
                             GUINT_TO_POINTER (self->n_picklist_values));
    }
  return TRUE;
}

static gboolean
parse_reference_to (FreightDescribeField *self,
                    JsonObject           *json,
                    const char           *context,
                    GError              **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node;

  if (member_has_value (json, "referenceTo", &node))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return wrong_type (context, "referenceTo", _("a list"), error);
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element)
              || json_node_get_value_type (element) != G_TYPE_STRING)
            return wrong_type (context, "referenceTo", _("a list of object names"), error);
          g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  self->reference_to = g_strv_builder_end (builder);
  return TRUE;
}

/**
 * freight_describe_field_new_from_json:
 * @json: one element of `fields` in a describe answer
 * @object_name: (nullable): the object the field belongs to, for error messages
 * @error: return location for a #FREIGHT_DESCRIBE_ERROR
 *
 * Attributes that are absent take the values that make the fewest promises: not
 * createable, not updateable, nillable, no length. (Partial describes, such as the
 * SOQL builder's cache, lack most attributes.)
 *
 * Returns: (transfer full): the field, or %NULL if @json is not a field description.
 */
FreightDescribeField *
freight_describe_field_new_from_json (JsonObject  *json,
                                      const char  *object_name,
                                      GError     **error)
{
  g_autoptr(FreightDescribeField) self = NULL;
  g_autofree char *context = NULL;
  const char *name;
  const char *label;
  const char *type_name;
  const char *soap_type;
  const char *relationship_name;
  gboolean b[14];

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (object_name == NULL)
    object_name = _("the object");
  if (!_freight_json_get_string (json, "name", object_name, &name, error))
    return NULL;
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, FREIGHT_DESCRIBE_ERROR, FREIGHT_DESCRIBE_ERROR_INVALID,
                   _("The describe data of %s has a field without a name. Reload the "
                     "object’s describe, or report the org’s answer if this persists."),
                   object_name);
      return NULL;
    }
  context = g_strdup_printf ("%s.%s", object_name, name);

  self = g_object_new (FREIGHT_TYPE_DESCRIBE_FIELD, NULL);
  self->name = g_strdup (name);

  if (!_freight_json_get_string (json, "label", context, &label, error)
      || !_freight_json_get_string (json, "type", context, &type_name, error)
      || !_freight_json_get_string (json, "soapType", context, &soap_type, error)
      || !_freight_json_get_string (json, "relationshipName", context, &relationship_name,
                                    error)
      || !_freight_json_get_uint (json, "length", context, &self->length, error)
      || !_freight_json_get_uint (json, "byteLength", context, &self->byte_length, error)
      || !_freight_json_get_uint (json, "precision", context, &self->precision, error)
      || !_freight_json_get_uint (json, "scale", context, &self->scale, error)
      || !_freight_json_get_uint (json, "digits", context, &self->digits, error))
    return NULL;

  {
    /* Recordings trimmed of the field-level `custom` flag still name custom fields with
     * their `__c` suffix. */
    const struct
    {
      const char *member;
      gboolean    fallback;
    } flags[G_N_ELEMENTS (b)] = {
      { "nillable", TRUE }, { "createable", FALSE }, { "updateable", FALSE },
      { "defaultedOnCreate", FALSE }, { "externalId", FALSE }, { "idLookup", FALSE },
      { "unique", FALSE }, { "caseSensitive", FALSE }, { "autoNumber", FALSE },
      { "calculated", FALSE }, { "nameField", FALSE },
      { "custom", g_str_has_suffix (name, "__c") },
      { "polymorphicForeignKey", FALSE }, { "restrictedPicklist", FALSE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
      if (!_freight_json_get_boolean (json, flags[i].member, flags[i].fallback, context,
                                      &b[i], error))
        return NULL;
  }
  self->nillable = b[0];
  self->createable = b[1];
  self->updateable = b[2];
  self->defaulted_on_create = b[3];
  self->external_id = b[4];
  self->id_lookup = b[5];
  self->unique = b[6];
  self->case_sensitive = b[7];
  self->auto_number = b[8];
  self->calculated = b[9];
  self->name_field = b[10];
  self->custom = b[11];
  self->polymorphic_foreign_key = b[12];
  self->restricted_picklist = b[13];

  self->label = g_strdup (label != NULL ? label : name);
  self->type_name = g_strdup (type_name != NULL ? type_name : "string");
  self->field_type = field_type_from_name (type_name);
  self->soap_type = g_strdup (soap_type);
  self->relationship_name = g_strdup (relationship_name);

  if (!parse_reference_to (self, json, context, error)
      || !parse_picklist (self, json, context, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* GObject */

static void
freight_describe_field_finalize (GObject *object)
{
  FreightDescribeField *self = (FreightDescribeField *)object;

  for (guint i = 0; i < self->n_picklist_values; i++)
    {
      g_free (self->picklist_values[i].value);
      g_free (self->picklist_values[i].label);
    }
  g_clear_pointer (&self->picklist_values, g_free);
  g_clear_pointer (&self->picklist_exact, g_hash_table_unref);
  g_clear_pointer (&self->picklist_folded, g_hash_table_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->type_name, g_free);
  g_clear_pointer (&self->soap_type, g_free);
  g_clear_pointer (&self->relationship_name, g_free);
  g_clear_pointer (&self->reference_to, g_strfreev);

  G_OBJECT_CLASS (freight_describe_field_parent_class)->finalize (object);
}

static void
freight_describe_field_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FreightDescribeField *self = FREIGHT_DESCRIBE_FIELD (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_FIELD_TYPE:
      g_value_set_enum (value, self->field_type);
      break;

    case PROP_TYPE_NAME:
      g_value_set_string (value, self->type_name);
      break;

    case PROP_RELATIONSHIP_NAME:
      g_value_set_string (value, self->relationship_name);
      break;

    case PROP_CUSTOM:
      g_value_set_boolean (value, self->custom);
      break;

    case PROP_CREATEABLE:
      g_value_set_boolean (value, self->createable);
      break;

    case PROP_UPDATEABLE:
      g_value_set_boolean (value, self->updateable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_describe_field_class_init (FreightDescribeFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_describe_field_finalize;
  object_class->get_property = freight_describe_field_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELD_TYPE] =
    g_param_spec_enum ("field-type", NULL, NULL,
                       FREIGHT_TYPE_FIELD_TYPE, FREIGHT_FIELD_TYPE_OTHER,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TYPE_NAME] =
    g_param_spec_string ("type-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RELATIONSHIP_NAME] =
    g_param_spec_string ("relationship-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOM] =
    g_param_spec_boolean ("custom", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATEABLE] =
    g_param_spec_boolean ("createable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATEABLE] =
    g_param_spec_boolean ("updateable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_describe_field_init (FreightDescribeField *self)
{
}

/* Accessors */

#define DEFINE_GETTER(type, member, fallback)                                   \
  type                                                                          \
  freight_describe_field_get_##member (FreightDescribeField *self)             \
  {                                                                             \
    g_return_val_if_fail (FREIGHT_IS_DESCRIBE_FIELD (self), fallback);          \
    return self->member;                                                        \
  }

DEFINE_GETTER (const char *, name, NULL)
DEFINE_GETTER (const char *, label, NULL)
DEFINE_GETTER (FreightFieldType, field_type, FREIGHT_FIELD_TYPE_OTHER)
DEFINE_GETTER (const char *, type_name, NULL)
DEFINE_GETTER (const char *, soap_type, NULL)
DEFINE_GETTER (guint, length, 0)
DEFINE_GETTER (guint, byte_length, 0)
DEFINE_GETTER (guint, precision, 0)
DEFINE_GETTER (guint, scale, 0)
DEFINE_GETTER (guint, digits, 0)
DEFINE_GETTER (gboolean, nillable, FALSE)
DEFINE_GETTER (gboolean, createable, FALSE)
DEFINE_GETTER (gboolean, updateable, FALSE)
DEFINE_GETTER (gboolean, defaulted_on_create, FALSE)
DEFINE_GETTER (gboolean, external_id, FALSE)
DEFINE_GETTER (gboolean, id_lookup, FALSE)
DEFINE_GETTER (gboolean, unique, FALSE)
DEFINE_GETTER (gboolean, case_sensitive, FALSE)
DEFINE_GETTER (gboolean, auto_number, FALSE)
DEFINE_GETTER (gboolean, calculated, FALSE)
DEFINE_GETTER (gboolean, name_field, FALSE)
DEFINE_GETTER (gboolean, custom, FALSE)
DEFINE_GETTER (const char *, relationship_name, NULL)
DEFINE_GETTER (gboolean, polymorphic_foreign_key, FALSE)
DEFINE_GETTER (gboolean, restricted_picklist, FALSE)
DEFINE_GETTER (guint, n_picklist_values, 0)

#undef DEFINE_GETTER

/**
 * freight_describe_field_get_reference_to:
 * @self: a field
 *
 * Returns: (transfer none): the objects a reference field points to; empty otherwise.
 */
const char * const *
freight_describe_field_get_reference_to (FreightDescribeField *self)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_FIELD (self), NULL);

  return (const char * const *) self->reference_to;
}

/**
 * freight_describe_field_get_picklist_value:
 * @self: a field
 * @position: an index below freight_describe_field_get_n_picklist_values()
 *
 * Returns: (transfer none): the picklist value, in describe order.
 */
const FreightPicklistValue *
freight_describe_field_get_picklist_value (FreightDescribeField *self,
                                           guint                 position)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_FIELD (self), NULL);
  g_return_val_if_fail (position < self->n_picklist_values, NULL);

  return &self->picklist_values[position];
}

/**
 * freight_describe_field_lookup_picklist_value:
 * @self: a field
 * @value: a value, not necessarily NUL-terminated
 * @length: the length of @value in bytes, or -1 if NUL-terminated
 * @ignore_case: whether to fall back to a match that ignores case
 *
 * Looks up @value among the field's picklist values (active or not). The exact API value
 * wins; with @ignore_case, "closed won" finds "Closed Won".
 *
 * Returns: (transfer none) (nullable): the picklist value, or %NULL
 */
const FreightPicklistValue *
freight_describe_field_lookup_picklist_value (FreightDescribeField *self,
                                              const char           *value,
                                              gssize                length,
                                              gboolean              ignore_case)
{
  g_autofree char *copy = NULL;
  g_autofree char *folded = NULL;
  guint index;

  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_FIELD (self), NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if (self->picklist_exact == NULL)
    return NULL;
  copy = g_strndup (value, length < 0 ? strlen (value) : (gsize) length);
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->picklist_exact, copy));
  if (index == 0 && ignore_case)
    {
      folded = _freight_casefold (copy, -1);
      index = GPOINTER_TO_UINT (g_hash_table_lookup (self->picklist_folded, folded));
    }
  return index > 0 ? &self->picklist_values[index - 1] : NULL;
}

gboolean
_freight_describe_field_has_exact_picklist_value (FreightDescribeField *self,
                                                  const char           *value,
                                                  gsize                 length,
                                                  gboolean              active_only)
{
  char copy[256];
  guint index;

  if (self->picklist_exact == NULL || length >= sizeof copy)
    return FALSE;
  /* Without an allocation: the lookup runs for every cell of a picklist column. */
  memcpy (copy, value, length);
  copy[length] = '\0';
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->picklist_exact, copy));
  return index > 0 && (!active_only || self->picklist_values[index - 1].active);
}

/* Derived answers */

/**
 * freight_describe_field_is_text:
 * @self: a field
 *
 * Returns: %TRUE if the field holds free text bounded by its length (string, text area,
 *   email, phone, url, combobox, encrypted string and types Freight does not know).
 */
gboolean
freight_describe_field_is_text (FreightDescribeField *self)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_FIELD (self), FALSE);

  switch (self->field_type)
    {
    case FREIGHT_FIELD_TYPE_STRING:
    case FREIGHT_FIELD_TYPE_TEXTAREA:
    case FREIGHT_FIELD_TYPE_COMBOBOX:
    case FREIGHT_FIELD_TYPE_EMAIL:
    case FREIGHT_FIELD_TYPE_PHONE:
    case FREIGHT_FIELD_TYPE_URL:
    case FREIGHT_FIELD_TYPE_ENCRYPTEDSTRING:
    case FREIGHT_FIELD_TYPE_OTHER:
    case FREIGHT_FIELD_TYPE_ANYTYPE:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * freight_describe_field_is_writable:
 * @self: a field
 * @operation: the job's operation
 *
 * Whether the field may be a column of a job file: createable for insert, updateable for
 * update, either for upsert. `Id` is writable as the key of update, upsert and the
 * deletes, and it is the only field a delete file carries.
 *
 * Returns: %TRUE if the field can be mapped for @operation
 */
gboolean
freight_describe_field_is_writable (FreightDescribeField *self,
                                    FreightOperation      operation)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_FIELD (self), FALSE);

  return freight_describe_field_get_not_writable_reason (self, operation) == NULL;
}

/**
 * freight_describe_field_get_not_writable_reason:
 * @self: a field
 * @operation: the job's operation
 *
 * Returns: (nullable): why the field cannot be mapped for @operation, in a sentence for
 *   the field picker, or %NULL if it can.
 */
const char *
freight_describe_field_get_not_writable_reason (FreightDescribeField *self,
                                                FreightOperation      operation)
{
  gboolean is_id;

  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_FIELD (self), NULL);

  is_id = self->field_type == FREIGHT_FIELD_TYPE_ID;
  if (freight_operation_is_delete (operation))
    return is_id ? NULL : _("Delete and hard delete files carry the Id column alone.");
  if (is_id)
    return operation == FREIGHT_OPERATION_INSERT
      ? _("Salesforce assigns record IDs when it creates records.") : NULL;

  switch (operation)
    {
    case FREIGHT_OPERATION_INSERT:
      if (self->createable)
        return NULL;
      break;
    case FREIGHT_OPERATION_UPDATE:
      if (self->updateable)
        return NULL;
      break;
    case FREIGHT_OPERATION_UPSERT:
      if (self->createable || self->updateable)
        return NULL;
      break;
    case FREIGHT_OPERATION_DELETE:
    case FREIGHT_OPERATION_HARD_DELETE:
    default:
      g_assert_not_reached ();
    }

  if (self->calculated)
    return _("Salesforce calculates this field from a formula or roll-up.");
  if (self->auto_number)
    return _("Salesforce numbers this field automatically.");
  if (self->field_type == FREIGHT_FIELD_TYPE_ADDRESS
      || self->field_type == FREIGHT_FIELD_TYPE_LOCATION)
    return _("This is a compound field: map its parts (such as the street and city) "
             "instead.");
  switch (operation)
    {
    case FREIGHT_OPERATION_INSERT:
      return _("This field cannot be set when records are created (a system field, or "
               "field-level security makes it read-only for your user).");
    case FREIGHT_OPERATION_UPDATE:
      return _("This field cannot be changed on existing records (a system field, or "
               "field-level security makes it read-only for your user).");
    case FREIGHT_OPERATION_UPSERT:
    case FREIGHT_OPERATION_DELETE:
    case FREIGHT_OPERATION_HARD_DELETE:
    default:
      return _("This field can be neither set nor changed (a system field, or field-level "
               "security makes it read-only for your user).");
    }
}

/**
 * freight_describe_field_is_required_on_insert:
 * @self: a field
 *
 * Returns: %TRUE if a new record must have a value: createable, not nillable and not
 *   defaulted on create. Checkboxes never are: a blank one is false.
 */
gboolean
freight_describe_field_is_required_on_insert (FreightDescribeField *self)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_FIELD (self), FALSE);

  return self->createable && !self->nillable && !self->defaulted_on_create
         && self->field_type != FREIGHT_FIELD_TYPE_BOOLEAN;
}

/**
 * freight_describe_field_is_key:
 * @self: a field
 *
 * Returns: %TRUE if the field identifies records: usable as the upsert key and to find
 *   a parent through a relationship column (`externalId` or `idLookup`).
 */
gboolean
freight_describe_field_is_key (FreightDescribeField *self)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_FIELD (self), FALSE);

  return self->external_id || self->id_lookup;
}

/**
 * freight_describe_field_is_polymorphic:
 * @self: a field
 *
 * Returns: %TRUE if the field may point to records of several objects, so relationship
 *   columns through it need the `Type:` prefix (`Lead:Who.Email`).
 */
gboolean
freight_describe_field_is_polymorphic (FreightDescribeField *self)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_FIELD (self), FALSE);

  return self->polymorphic_foreign_key || g_strv_length (self->reference_to) > 1;
}

/**
 * freight_describe_field_references:
 * @self: a field
 * @object_name: an object's API name
 *
 * Returns: %TRUE if the field may point to @object_name (compared ignoring case).
 */
gboolean
freight_describe_field_references (FreightDescribeField *self,
                                   const char           *object_name)
{
  g_return_val_if_fail (FREIGHT_IS_DESCRIBE_FIELD (self), FALSE);
  g_return_val_if_fail (object_name != NULL, FALSE);

  for (guint i = 0; self->reference_to[i] != NULL; i++)
    if (g_ascii_strcasecmp (self->reference_to[i], object_name) == 0)
      return TRUE;
  return FALSE;
}
