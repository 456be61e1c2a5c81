/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-mapping"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-mapping-private.h"

/* A mapping as JSON, for remembering it per (org, object, CSV header) and for
 * summary.json. */

#define MAPPING_JSON_VERSION 1

/**
 * freight_mapping_to_json:
 * @self: a mapping
 *
 * Returns: (transfer full): the mapping as JSON, for remembering it and for summary.json:
 *   object, operation, external ID field, default format and entries
 */
JsonNode *
freight_mapping_to_json (FreightMapping *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n;

  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, MAPPING_JSON_VERSION);
  json_builder_set_member_name (builder, "object");
  if (self->object != NULL)
    json_builder_add_string_value (builder, freight_describe_object_get_name (self->object));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "operation");
  json_builder_add_string_value (builder, freight_operation_to_string (self->operation));
  json_builder_set_member_name (builder, "externalIdField");
  if (self->external_id_field != NULL)
    json_builder_add_string_value (builder, self->external_id_field);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "defaultFormat");
  json_builder_add_value (builder, freight_value_format_to_json (self->default_format));
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  n = freight_mapping_get_n_entries (self);
  for (guint i = 0; i < n; i++)
    json_builder_add_value (builder,
                            freight_mapping_entry_to_json (freight_mapping_get_entry (self, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
invalid_json (GError     **error,
              const char  *what)
{
  g_set_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_INVALID,
               _("The saved mapping %s. Map the columns again."), what);
  return FALSE;
}

/**
 * freight_mapping_load_json:
 * @self: a mapping
 * @node: what freight_mapping_to_json() wrote
 * @error: return location for a #FREIGHT_MAPPING_ERROR or #FREIGHT_TRANSFORM_ERROR
 *
 * Replaces the operation, external ID field, default format and entries with the saved
 * ones. The object stays: a mapping saved for another object is refused.
 *
 * Returns: %TRUE if loaded; on error nothing changed
 */
gboolean
freight_mapping_load_json (FreightMapping  *self,
                           JsonNode        *node,
                           GError         **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(FreightValueFormat) format = NULL;
  FreightOperation operation = FREIGHT_OPERATION_INSERT;
  JsonObject *object;
  JsonNode *member;
  const char *object_name;
  const char *external_id;

  g_return_val_if_fail (FREIGHT_IS_MAPPING (self), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid_json (error, _("is not a JSON object"));
  object = json_node_get_object (node);
  if (json_object_get_int_member_with_default (object, "version", 0) != MAPPING_JSON_VERSION)
    return invalid_json (error, _("comes from another version of Freight"));

  object_name = json_object_get_string_member_with_default (object, "object", NULL);
  if (object_name != NULL && self->object != NULL
      && g_ascii_strcasecmp (object_name, freight_describe_object_get_name (self->object)) != 0)
    {
      g_set_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_INVALID,
                   _("The saved mapping is for %s, not %s. Choose a mapping for %s."),
                   object_name, freight_describe_object_get_name (self->object),
                   freight_describe_object_get_name (self->object));
      return FALSE;
    }
  if (!freight_operation_from_string (json_object_get_string_member_with_default (object,
                                                                                 "operation",
                                                                                 ""),
                                      &operation))
    return invalid_json (error, _("has no known operation"));
  external_id = json_object_get_string_member_with_default (object, "externalIdField", NULL);

  member = json_object_get_member (object, "defaultFormat");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      format = freight_value_format_new_from_json (member, error);
      if (format == NULL)
        return FALSE;
    }

  member = json_object_get_member (object, "entries");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return invalid_json (error, _("has no list of entries"));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (member)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (member), i);
      FreightMappingEntry *entry = freight_mapping_entry_new_from_json (element, error);

      if (entry == NULL)
        return FALSE;
      g_ptr_array_add (entries, entry);
    }

  _freight_mapping_freeze (self);
  freight_mapping_remove_all (self);
  freight_mapping_set_operation (self, operation);
  freight_mapping_set_external_id_field (self, external_id);
  if (format != NULL)
    g_object_set (self->default_format,
                  "date-format", freight_value_format_get_date_format (format),
                  "time-zone", freight_value_format_get_time_zone (format),
                  "decimal-separator", freight_value_format_get_decimal_separator (format),
                  "digit-grouping", freight_value_format_get_digit_grouping (format),
                  "true-words", freight_value_format_get_true_words (format),
                  "false-words", freight_value_format_get_false_words (format),
                  NULL);
  for (guint i = 0; i < entries->len; i++)
    freight_mapping_add_entry (self, g_ptr_array_index (entries, i));
  _freight_mapping_thaw (self);
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * freight_mapping_dup_memory_key:
 * @org_id: the org’s id
 * @object_name: the object’s API name
 * @columns: the CSV file’s header
 *
 * A mapping is remembered per org, object and CSV header: the same columns in another
 * order or case give the same key.
 *
 * Returns: (transfer full): a key fit for a file name (64 hex digits)
 */
char *
freight_mapping_dup_memory_key (const char         *org_id,
                                const char         *object_name,
                                const char * const *columns)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) folded = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *org = NULL;
  g_autofree char *object = NULL;

  g_return_val_if_fail (org_id != NULL, NULL);
  g_return_val_if_fail (object_name != NULL, NULL);
  g_return_val_if_fail (columns != NULL, NULL);

  for (guint i = 0; columns[i] != NULL; i++)
    g_ptr_array_add (folded, _freight_casefold (columns[i], -1));
  g_ptr_array_sort (folded, compare_strings);

  org = _freight_casefold (org_id, -1);
  object = _freight_casefold (object_name, -1);
  g_checksum_update (checksum, (const guchar *) org, -1);
  g_checksum_update (checksum, (const guchar *) "\x1f", 1);
  g_checksum_update (checksum, (const guchar *) object, -1);
  for (guint i = 0; i < folded->len; i++)
    {
      g_checksum_update (checksum, (const guchar *) "\x1f", 1);
      g_checksum_update (checksum, g_ptr_array_index (folded, i), -1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}
