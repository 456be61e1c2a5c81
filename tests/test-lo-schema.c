/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "freight.h"
#include "lo-schema.h"

static LoSchema *
load_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (SOURCE_DATADIR, "local-org", "schema.json", NULL);
  LoSchema *schema = lo_schema_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (schema);
  return schema;
}

static void
test_bundled_objects (void)
{
  g_autoptr(LoSchema) schema = load_bundled ();
  const char *expected[] = { "Account", "Contact", "Lead", "Opportunity", "Case", "User",
                             "Task", "Invoice__c" };
  LoObject *invoice;
  LoField *field;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (lo_schema_lookup_object (schema, expected[i]));
  g_assert_true (lo_schema_lookup_object (schema, "account")
                 == lo_schema_lookup_object (schema, "Account"));
  g_assert_cmpstr (lo_schema_lookup_object_by_prefix (schema, "001XX000003DHP0")->name, ==,
                   "Account");
  g_assert_null (lo_schema_lookup_object (schema, "Nope__c"));

  invoice = lo_schema_lookup_object (schema, "Invoice__c");
  field = lo_object_lookup_field (invoice, "external_id__c");
  g_assert_nonnull (field);
  g_assert_true (field->external_id);
  g_assert_true (field->unique);
  field = lo_object_lookup_relationship (invoice, "Account__r");
  g_assert_cmpstr (field->name, ==, "Account__c");
  g_assert_cmpstr (field->reference_to[0], ==, "Account");
  field = lo_object_lookup_field (invoice, "Status__c");
  g_assert_true (field->restricted_picklist);
  g_assert_cmpuint (field->picklist_values->len, ==, 5);
  field = lo_object_lookup_field (invoice, "Approval_Status__c");
  g_assert_false (field->updateable);
  g_assert_cmpstr (field->read_only_reason, ==, "field-level security");
  g_assert_cmpint (lo_object_lookup_field (invoice, "Amount__c")->storage, ==,
                   LO_STORAGE_REAL);
}

static void
test_bundled_polymorphic (void)
{
  g_autoptr(LoSchema) schema = load_bundled ();
  LoObject *task = lo_schema_lookup_object (schema, "Task");
  LoField *who = lo_object_lookup_relationship (task, "who");

  g_assert_nonnull (who);
  g_assert_true (who->polymorphic);
  g_assert_cmpuint (g_strv_length (who->reference_to), ==, 2);
  /* Compound fields are described but not stored. */
  g_assert_cmpint (lo_object_lookup_field (lo_schema_lookup_object (schema, "Account"),
                                           "BillingAddress")->storage, ==, LO_STORAGE_NONE);
}

static void
test_bundled_org_and_user (void)
{
  g_autoptr(LoSchema) schema = load_bundled ();
  LoUser *user = lo_schema_lookup_user (schema, "ADMIN@freight.local");
  g_autoptr(GPtrArray) rules = NULL;

  g_assert_nonnull (user);
  g_assert_cmpstr (user->password, ==, "freight");
  g_assert_cmpuint (strlen (user->id), ==, 18);
  g_assert_true (g_str_has_prefix (user->id, "005"));
  g_assert_true (freight_sf_id_is_valid (schema->org_id, -1));
  g_assert_true (g_str_has_prefix (schema->org_id, "00D"));
  g_assert_false (user->hard_delete_permission);

  rules = lo_schema_get_rules_for_object (schema, lo_schema_lookup_object (schema,
                                                                           "Invoice__c"));
  g_assert_cmpuint (rules->len, ==, 1);
}

static void
test_invalid_schemas (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "[]", "t.json: the schema needs \"organization\" and \"objects\"" },
    { "{\"organization\":{\"id\":\"bad\"},\"objects\":[]}",
      "t.json: the organization has no valid id (\"bad\")" },
    { "{\"organization\":{\"id\":\"00D5j00000FrEiG\"},\"objects\":[{\"name\":\"A\","
      "\"keyPrefix\":\"a00\",\"fields\":[{\"name\":\"Id\",\"type\":\"blob\"}]}]}",
      "t.json: A.Id has the unknown type \"blob\"" },
    { "{\"organization\":{\"id\":\"00D5j00000FrEiG\"},\"objects\":[{\"name\":\"A\","
      "\"keyPrefix\":\"a00\",\"fields\":[{\"name\":\"Id\",\"type\":\"id\"},"
      "{\"name\":\"P__c\",\"type\":\"reference\",\"referenceTo\":[\"B\"]}]}]}",
      "t.json: A.P__c refers to the unknown object B" },
    { "{\"organization\":{\"id\":\"00D5j00000FrEiG\"},\"objects\":[{\"name\":\"A\","
      "\"keyPrefix\":\"a00\",\"fields\":[{\"name\":\"Id\",\"type\":\"id\"}]}]}",
      "t.json: the schema defines no user" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LoSchema) schema = lo_schema_load_from_data (cases[i].json, -1, "t.json",
                                                             &error);

      g_assert_null (schema);
      g_assert_error (error, LO_SCHEMA_ERROR, LO_SCHEMA_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/freight/lo-schema/bundled-objects", test_bundled_objects);
  g_test_add_func ("/freight/lo-schema/bundled-polymorphic", test_bundled_polymorphic);
  g_test_add_func ("/freight/lo-schema/bundled-org-and-user", test_bundled_org_and_user);
  g_test_add_func ("/freight/lo-schema/invalid", test_invalid_schemas);
  return g_test_run ();
}
