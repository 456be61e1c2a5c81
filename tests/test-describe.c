/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-util.h"

static FreightDescribeObject *
load_recording (const char *name)
{
  g_autofree char *path = test_data_path ("describe", name, NULL);
  g_autoptr(JsonNode) node = test_load_json (path);
  g_autoptr(GError) error = NULL;
  FreightDescribeObject *object;

  object = freight_describe_object_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  return object;
}

static char *
required_fields (FreightDescribeObject *object)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < freight_describe_object_get_n_fields (object); i++)
    {
      FreightDescribeField *field = freight_describe_object_get_field (object, i);

      if (freight_describe_field_is_required_on_insert (field))
        g_string_append_printf (names, "%s%s", names->len ? "," : "",
                                freight_describe_field_get_name (field));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_describe_schema (void)
{
  static const struct
  {
    const char *object;
    guint       n_fields;
    const char *required;
  } cases[] = {
    { "Account", 65, "Name" },
    { "Contact", 58, "LastName" },
    { "Lead", 52, "LastName,Company" },
    { "Opportunity", 36, "Name,StageName,CloseDate" },
    { "Case", 34, "" },
    { "Task", 39, "" },
    { "User", 36, "Username,LastName,Email,Alias,TimeZoneSidKey,LocaleSidKey,"
                  "EmailEncodingKey,LanguageLocaleKey" },
    { "Invoice__c", 23, "Amount__c,Invoice_Date__c" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FreightDescribeObject) object = test_schema_object (cases[i].object);
      g_autofree char *required = required_fields (object);

      g_assert_cmpstr (freight_describe_object_get_name (object), ==, cases[i].object);
      g_assert_cmpuint (freight_describe_object_get_n_fields (object), ==, cases[i].n_fields);
      g_assert_cmpuint (g_list_model_get_n_items (freight_describe_object_get_fields (object)),
                        ==, cases[i].n_fields);
      g_assert_cmpstr (required, ==, cases[i].required);
    }
}

static void
test_describe_invoice (void)
{
  g_autoptr(FreightDescribeObject) invoice = test_schema_object ("Invoice__c");
  g_auto(GStrv) referenced = NULL;
  FreightDescribeField *field;
  const FreightPicklistValue *value;

  g_assert_cmpstr (freight_describe_object_get_label (invoice), ==, "Invoice");
  g_assert_cmpstr (freight_describe_object_get_label_plural (invoice), ==, "Invoices");
  g_assert_cmpstr (freight_describe_object_get_key_prefix (invoice), ==, "a01");
  g_assert_true (freight_describe_object_get_custom (invoice));
  g_assert_true (freight_describe_object_get_queryable (invoice));
  for (FreightOperation op = FREIGHT_OPERATION_INSERT; op <= FREIGHT_OPERATION_HARD_DELETE; op++)
    g_assert_true (freight_describe_object_allows_operation (invoice, op));

  /* Lookups ignore case. */
  field = freight_describe_object_lookup_field (invoice, "external_id__C");
  g_assert_nonnull (field);
  g_assert_cmpstr (freight_describe_field_get_name (field), ==, "External_Id__c");
  g_assert_true (freight_describe_field_get_external_id (field));
  g_assert_true (freight_describe_field_get_unique (field));
  g_assert_false (freight_describe_field_get_case_sensitive (field));
  g_assert_true (freight_describe_field_is_key (field));
  g_assert_cmpuint (freight_describe_field_get_length (field), ==, 40);
  g_assert_cmpuint (freight_describe_field_get_byte_length (field), ==, 120);
  g_assert_cmpstr (freight_describe_field_get_soap_type (field), ==, "xsd:string");
  g_assert_true (freight_describe_field_is_text (field));

  field = freight_describe_object_lookup_relationship (invoice, "ACCOUNT__R");
  g_assert_nonnull (field);
  g_assert_cmpstr (freight_describe_field_get_name (field), ==, "Account__c");
  g_assert_cmpint (freight_describe_field_get_field_type (field), ==,
                   FREIGHT_FIELD_TYPE_REFERENCE);
  g_assert_cmpstrv (freight_describe_field_get_reference_to (field),
                    ((const char *[]) { "Account", NULL }));
  g_assert_false (freight_describe_field_is_polymorphic (field));
  g_assert_true (freight_describe_field_references (field, "account"));

  field = freight_describe_object_lookup_field (invoice, "Amount__c");
  g_assert_cmpint (freight_describe_field_get_field_type (field), ==,
                   FREIGHT_FIELD_TYPE_CURRENCY);
  g_assert_cmpuint (freight_describe_field_get_precision (field), ==, 16);
  g_assert_cmpuint (freight_describe_field_get_scale (field), ==, 2);

  /* The auto-number Name is an idLookup key but cannot be written. */
  field = freight_describe_object_lookup_field (invoice, "Name");
  g_assert_true (freight_describe_field_get_auto_number (field));
  g_assert_true (freight_describe_field_get_name_field (field));
  g_assert_true (freight_describe_field_is_key (field));
  g_assert_false (freight_describe_field_is_writable (field, FREIGHT_OPERATION_UPSERT));
  g_assert_cmpstr (freight_describe_field_get_not_writable_reason (field,
                                                                    FREIGHT_OPERATION_INSERT),
                   ==, "Salesforce numbers this field automatically.");

  /* Id: the key of update and delete, never written on insert. */
  field = freight_describe_object_get_id_field (invoice);
  g_assert_false (freight_describe_field_is_writable (field, FREIGHT_OPERATION_INSERT));
  g_assert_cmpstr (freight_describe_field_get_not_writable_reason (field,
                                                                    FREIGHT_OPERATION_INSERT),
                   ==, "Salesforce assigns record IDs when it creates records.");
  g_assert_true (freight_describe_field_is_writable (field, FREIGHT_OPERATION_UPDATE));
  g_assert_true (freight_describe_field_is_writable (field, FREIGHT_OPERATION_DELETE));
  g_assert_true (freight_describe_field_is_writable (field, FREIGHT_OPERATION_HARD_DELETE));

  /* A restricted picklist with case-insensitive lookup. */
  field = freight_describe_object_lookup_field (invoice, "Status__c");
  g_assert_true (freight_describe_field_get_restricted_picklist (field));
  g_assert_cmpuint (freight_describe_field_get_n_picklist_values (field), >, 0);
  value = freight_describe_field_get_picklist_value (field, 0);
  g_assert_nonnull (value);
  g_assert_true (freight_describe_field_lookup_picklist_value (field, value->value, -1,
                                                               FALSE) == value);
  {
    g_autofree char *upper = g_utf8_strup (value->value, -1);

    g_assert_null (freight_describe_field_lookup_picklist_value (field, upper, -1, FALSE));
    g_assert_true (freight_describe_field_lookup_picklist_value (field, upper, -1,
                                                                 TRUE) == value);
  }
  g_assert_null (freight_describe_field_lookup_picklist_value (field, "No such status", -1,
                                                               TRUE));

  /* Read-only for the demo user through FLS. */
  field = freight_describe_object_lookup_field (invoice, "Approval_Status__c");
  g_assert_false (freight_describe_field_is_writable (field, FREIGHT_OPERATION_INSERT));
  g_assert_false (freight_describe_field_is_writable (field, FREIGHT_OPERATION_UPSERT));
  g_assert_false (freight_describe_field_is_writable (field, FREIGHT_OPERATION_DELETE));

  referenced = freight_describe_object_dup_referenced_objects (invoice);
  g_assert_cmpstrv (referenced, ((const char *[]) { "Account", "User", NULL }));
}

static void
test_describe_polymorphic (void)
{
  g_autoptr(FreightDescribeObject) task = test_schema_object ("Task");
  g_autoptr(FreightDescribeObject) recorded = load_recording ("Task.json");
  FreightDescribeField *who = freight_describe_object_lookup_relationship (task, "who");
  FreightDescribeField *owner = freight_describe_object_lookup_relationship (task, "Owner");
  FreightDescribeField *what;

  g_assert_cmpstr (freight_describe_field_get_name (who), ==, "WhoId");
  g_assert_true (freight_describe_field_get_polymorphic_foreign_key (who));
  g_assert_true (freight_describe_field_is_polymorphic (who));
  g_assert_true (freight_describe_field_references (who, "Lead"));
  g_assert_false (freight_describe_field_references (who, "Account"));
  g_assert_false (freight_describe_field_is_polymorphic (owner));

  /* The real recording: WhatId points to the 58 objects of that org. */
  what = freight_describe_object_lookup_field (recorded, "WhatId");
  g_assert_cmpuint (g_strv_length ((char **) freight_describe_field_get_reference_to (what)),
                    ==, 58);
  g_assert_true (freight_describe_field_is_polymorphic (what));
  g_assert_cmpuint (freight_describe_object_get_n_fields (recorded), ==, 39);
}

static void
test_describe_partial_recording (void)
{
  g_autoptr(FreightDescribeObject) user = load_recording ("User.json");
  g_autoptr(FreightDescribeObject) account = load_recording ("Account.json");
  g_autofree char *user_required = NULL;
  g_autofree char *account_required = NULL;
  FreightDescribeField *field;

  /* The SOQL builder's cache lacks createable: nothing is claimed writable or required. */
  g_assert_cmpuint (freight_describe_object_get_n_fields (user), ==, 179);
  g_assert_false (freight_describe_object_get_deletable (user));
  g_assert_false (freight_describe_object_allows_operation (user, FREIGHT_OPERATION_DELETE));
  g_assert_true (freight_describe_object_allows_operation (user, FREIGHT_OPERATION_UPSERT));
  user_required = required_fields (user);
  g_assert_cmpstr (user_required, ==, "");
  field = freight_describe_object_lookup_field (user, "CompanyName");
  g_assert_false (freight_describe_field_is_writable (field, FREIGHT_OPERATION_INSERT));
  g_assert_cmpuint (freight_describe_field_get_length (field), ==, 0);
  g_assert_true (freight_describe_field_get_nillable (field));
  g_assert_false (freight_describe_field_get_custom (field));

  /* The Account recording: custom flags derived from names, null relationship names. */
  account_required = required_fields (account);
  g_assert_cmpstr (account_required, ==, "Name");
  field = freight_describe_object_lookup_field (account, "SLA__c");
  g_assert_true (freight_describe_field_get_custom (field));
  g_assert_null (freight_describe_field_get_relationship_name (field));
  field = freight_describe_object_lookup_field (account, "BillingAddress");
  g_assert_cmpint (freight_describe_field_get_field_type (field), ==, FREIGHT_FIELD_TYPE_ADDRESS);
  g_assert_nonnull (freight_describe_field_get_not_writable_reason (field,
                                                                    FREIGHT_OPERATION_INSERT));
}

static void
test_describe_invalid (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "{\"fields\": []}",
      "The org described an object without a name. Reload the object list, or report the "
      "org’s answer if this persists." },
    { "{\"name\": \"Account\"}",
      "The describe data of Account has no list of fields. Reload the object’s describe, or "
      "report the org’s answer if this persists." },
    { "{\"name\": \"Account\", \"fields\": [{\"name\": \"Name\", \"length\": \"80\"}]}",
      "The describe data of Account.Name has “length” that is not a number. Reload the "
      "object’s describe, or report the org’s answer if this persists." },
    { "{\"name\": \"Account\", \"fields\": [{\"label\": \"Name\"}]}",
      "The describe data of Account has a field without a name. Reload the object’s "
      "describe, or report the org’s answer if this persists." },
    { "{\"name\": \"Account\", \"fields\": [{\"name\": \"Name\", \"nillable\": 1}]}",
      "The describe data of Account.Name has “nillable” that is not true or false. Reload "
      "the object’s describe, or report the org’s answer if this persists." },
    { "{\"name\": \"Account\", \"fields\": [{\"name\": \"Type\", "
      "\"picklistValues\": [\"a\"]}]}",
      "The describe data of Account.Type has “picklistValues” that is not a list of values. "
      "Reload the object’s describe, or report the org’s answer if this persists." },
    { "{\"name\": \"Account\", \"fields\": [7]}",
      "The describe data of Account has a field 1 that is not an object. Reload the "
      "object’s describe, or report the org’s answer if this persists." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = test_parse_json (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(FreightDescribeObject) object = NULL;

      object = freight_describe_object_new_from_json (json_node_get_object (node), &error);
      g_assert_null (object);
      g_assert_error (error, FREIGHT_DESCRIBE_ERROR, FREIGHT_DESCRIBE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static char *
entry_names (GListModel *entries)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(FreightDescribeGlobalEntry) entry = g_list_model_get_item (entries, i);

      g_string_append_printf (names, "%s%s", names->len ? "," : "",
                              freight_describe_global_entry_get_name (entry));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_describe_global (void)
{
  g_autofree char *path = test_data_path ("describe", "describe-global.json", NULL);
  g_autoptr(JsonNode) node = test_load_json (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(FreightDescribeGlobalEntry) account = NULL;
  g_autoptr(FreightDescribeGlobalEntry) feed = NULL;
  static const char * const expected[] = {
    [FREIGHT_OPERATION_INSERT] = "Account,User,Invoice__c,Settings__c",
    [FREIGHT_OPERATION_UPDATE] = "Account,User,Invoice__c",
    [FREIGHT_OPERATION_UPSERT] = "Account,User,Invoice__c",
    [FREIGHT_OPERATION_DELETE] = "Account,Invoice__c,FeedDeleteOnly,Settings__c",
    [FREIGHT_OPERATION_HARD_DELETE] = "Account,Invoice__c,FeedDeleteOnly,Settings__c",
  };

  entries = freight_describe_global_entry_parse_list (json_node_get_object (node), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 6);

  account = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (freight_describe_global_entry_get_label_plural (account), ==, "Accounts");
  g_assert_cmpstr (freight_describe_global_entry_get_key_prefix (account), ==, "001");
  g_assert_true (freight_describe_global_entry_get_queryable (account));
  g_assert_false (freight_describe_global_entry_get_custom (account));
  feed = g_list_model_get_item (entries, 4);
  g_assert_null (freight_describe_global_entry_get_key_prefix (feed));

  for (FreightOperation op = FREIGHT_OPERATION_INSERT; op <= FREIGHT_OPERATION_HARD_DELETE; op++)
    {
      g_autoptr(GListModel) allowed = NULL;
      g_autofree char *names = NULL;

      allowed = freight_describe_global_entry_filter_for_operation (entries, op);
      names = entry_names (allowed);
      g_assert_cmpstr (names, ==, expected[op]);
    }
}

static void
test_describe_operation (void)
{
  FreightOperation op;

  g_assert_cmpstr (freight_operation_to_string (FREIGHT_OPERATION_HARD_DELETE), ==,
                   "hardDelete");
  g_assert_true (freight_operation_from_string ("HardDelete", &op));
  g_assert_cmpint (op, ==, FREIGHT_OPERATION_HARD_DELETE);
  g_assert_true (freight_operation_from_string ("upsert", &op));
  g_assert_cmpint (op, ==, FREIGHT_OPERATION_UPSERT);
  g_assert_false (freight_operation_from_string ("merge", &op));
  g_assert_true (freight_operation_is_delete (FREIGHT_OPERATION_DELETE));
  g_assert_false (freight_operation_is_delete (FREIGHT_OPERATION_UPDATE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/freight/describe/schema", test_describe_schema);
  g_test_add_func ("/freight/describe/invoice", test_describe_invoice);
  g_test_add_func ("/freight/describe/polymorphic", test_describe_polymorphic);
  g_test_add_func ("/freight/describe/partial-recording", test_describe_partial_recording);
  g_test_add_func ("/freight/describe/invalid", test_describe_invalid);
  g_test_add_func ("/freight/describe/global", test_describe_global);
  g_test_add_func ("/freight/describe/operation", test_describe_operation);
  return g_test_run ();
}
