/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "freight.h"

typedef struct
{
  const char *text;
  const char *code;
  const char *message;
  const char *fields;
} Case;

static void
check_cases (const Case *cases,
             gsize       n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(FreightSfError) error = freight_sf_error_parse (cases[i].text, -1);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (error->code, ==, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpstr (error->fields, ==, cases[i].fields);
    }
}

static void
test_sf_error_documented_shapes (void)
{
  /* The shapes salesforce-api.md §4.4 lists, real and inferred. */
  static const Case cases[] = {
    { "REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --",
      "REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", "Name" },
    { "DUPLICATE_VALUE:duplicate value found: Data_Warehouse_ID__c duplicates value on record "
      "with id: 500Ox000008nUimIAE:--",
      "DUPLICATE_VALUE",
      "duplicate value found: Data_Warehouse_ID__c duplicates value on record with id: "
      "500Ox000008nUimIAE", "" },
    { "ENTITY_IS_DELETED:entity is deleted:--", "ENTITY_IS_DELETED", "entity is deleted", "" },
    { "INVALID_FIELD:Foreign key external ID: 0116 not found for field Invoice_External_Id__c "
      "in entity blng__Invoice__c:--",
      "INVALID_FIELD",
      "Foreign key external ID: 0116 not found for field Invoice_External_Id__c in entity "
      "blng__Invoice__c", "" },
    { "STRING_TOO_LONG:Account Name: data value too large: a:b:c (max length=255):Name --",
      "STRING_TOO_LONG", "Account Name: data value too large: a:b:c (max length=255)",
      "Name" },
    { "FIELD_CUSTOM_VALIDATION_EXCEPTION:Phone and Fax: both needed:Phone, Fax --",
      "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Phone and Fax: both needed", "Phone,Fax" },
    { "FIELD_CUSTOM_VALIDATION_EXCEPTION:Rule says no: --",
      "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Rule says no", "" },
    { "MALFORMED_ID:Account ID: id value of incorrect type: 001xx:AccountId --",
      "MALFORMED_ID", "Account ID: id value of incorrect type: 001xx", "AccountId" },
    { "UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record or 1 records: "
      "001000000000001AAA:--",
      "UNABLE_TO_LOCK_ROW",
      "unable to obtain exclusive access to this record or 1 records: 001000000000001AAA",
      "" },
    { "INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--",
      "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", "" },
    { "ENTITY_IS_DELETED:entity is deleted:--\r\n", "ENTITY_IS_DELETED", "entity is deleted",
      "" },
    { "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY:MyTrigger: execution of BeforeInsert\n\ncaused by: "
      "System.NullPointerException: Attempt to de-reference a null object\n\n"
      "Trigger.MyTrigger: line 3, column 1:--",
      "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
      "MyTrigger: execution of BeforeInsert\n\ncaused by: System.NullPointerException: "
      "Attempt to de-reference a null object\n\nTrigger.MyTrigger: line 3, column 1", "" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_sf_error_other_shapes (void)
{
  /* Nothing is lost when the text has another shape. */
  static const Case cases[] = {
    { "", "", "", "" },
    { "   ", "", "", "" },
    { "--", "", "", "" },
    { "CODE:--", "CODE", "", "" },
    { "CODE::--", "CODE", "", "" },
    { "Something went wrong", "", "Something went wrong", "" },
    { "Error: something went wrong", "", "Error: something went wrong", "" },
    { "X:not a code", "", "X:not a code", "" },
    { "123:digits only", "", "123:digits only", "" },
    { "lower_case:message:--", "", "lower_case:message", "" },
    { "CODE:no trailer", "CODE", "no trailer", "" },
    { "CODE:message: not, fields here --", "CODE", "message: not, fields here --", "" },
    { "CODE:message:Name,,Phone --", "CODE", "message:Name,,Phone --", "" },
    { "CODE:message:1stField --", "CODE", "message:1stField --", "" },
    { "CODE:message:Name--", "CODE", "message", "Name" },
    { "message only:--", "", "message only", "" },
    { "CODE:  spaced message  :Name  --", "CODE", "spaced message", "Name" },
    { "CODE:a:b:c:Account__r.External_Id__c --", "CODE", "a:b:c", "Account__r.External_Id__c" },
    { "CÖDE:message:--", "", "CÖDE:message", "" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_sf_error_length (void)
{
  g_autoptr(FreightSfError) error = NULL;
  const char text[] = "CODE:message:--\0tail";

  error = freight_sf_error_parse (text, 15);
  g_assert_cmpstr (error->code, ==, "CODE");
  g_assert_cmpstr (error->message, ==, "message");
  g_clear_pointer (&error, freight_sf_error_free);

  error = freight_sf_error_parse (text, 7);
  g_assert_cmpstr (error->code, ==, "CODE");
  g_assert_cmpstr (error->message, ==, "me");
  g_clear_pointer (&error, freight_sf_error_free);

  error = freight_sf_error_parse (NULL, 0);
  g_assert_cmpstr (error->code, ==, "");
  g_assert_cmpstr (error->message, ==, "");
  g_assert_cmpstr (error->fields, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/freight/sf-error/documented-shapes", test_sf_error_documented_shapes);
  g_test_add_func ("/freight/sf-error/other-shapes", test_sf_error_other_shapes);
  g_test_add_func ("/freight/sf-error/length", test_sf_error_length);
  return g_test_run ();
}
