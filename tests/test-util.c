/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-util.h"

JsonNode *
test_load_json (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

JsonNode *
test_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

/* An object of the local org's schema (data/local-org/schema.json): describe JSON of
 * realistic shape, derived from real recordings. */
FreightDescribeObject *
test_schema_object (const char *name)
{
  static JsonNode *schema;
  JsonArray *objects;
  g_autoptr(GError) error = NULL;

  if (schema == NULL)
    schema = test_load_json (SOURCE_DATADIR "/local-org/schema.json");
  objects = json_object_get_array_member (json_node_get_object (schema), "objects");
  for (guint i = 0; i < json_array_get_length (objects); i++)
    {
      JsonObject *object = json_array_get_object_element (objects, i);

      if (g_strcmp0 (json_object_get_string_member (object, "name"), name) == 0)
        {
          FreightDescribeObject *describe = freight_describe_object_new_from_json (object,
                                                                                  &error);

          g_assert_no_error (error);
          return describe;
        }
    }
  g_assert_not_reached ();
  return NULL;
}

FreightDescribeObject *
test_describe_object (const char *json_text)
{
  g_autoptr(JsonNode) node = test_parse_json (json_text);
  g_autoptr(GError) error = NULL;
  FreightDescribeObject *object;

  object = freight_describe_object_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  return object;
}

FreightDescribeField *
test_describe_field (const char *json_text)
{
  g_autoptr(JsonNode) node = test_parse_json (json_text);
  g_autoptr(GError) error = NULL;
  FreightDescribeField *field;

  field = freight_describe_field_new_from_json (json_node_get_object (node), "Test__c",
                                                &error);
  g_assert_no_error (error);
  return field;
}

char *
test_data_path (const char *first_element,
                ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *element;
  va_list args;

  g_ptr_array_add (parts, (gpointer) g_getenv ("G_TEST_SRCDIR"));
  g_assert_nonnull (parts->pdata[0]);
  g_ptr_array_add (parts, (gpointer) "data");
  va_start (args, first_element);
  for (element = first_element; element != NULL; element = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) element);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}
