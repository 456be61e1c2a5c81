/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lo-ingest-helpers.h"

/* Row semantics of Bulk 2.0 ingest jobs (§2.9, §4.4): every operation, types, lookups,
 * defaults, rules and field security, checked in the result files and the org's records. */

static void
test_upsert (void)
{
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  const char *create = "{\"object\":\"Invoice__c\",\"operation\":\"upsert\","
                       "\"externalIdFieldName\":\"External_Id__c\"}";
  g_autoptr(JsonObject) first = run_job_on (org, create,
                                            "External_Id__c,Amount__c,Invoice_Date__c\n"
                                            "UP-1,100,2024-03-01\n"
                                            "UP-2,200,2024-03-02\n", &id1);
  g_autoptr(JsonObject) second = run_job_on (org, create,
                                             "External_Id__c,Amount__c\n"
                                             "up-1,150.5\n"
                                             "UP-3,300\n"
                                             "UP-3,301\n"
                                             ",5\n", &id2);
  g_autofree char *ok = results (id2, "successfulResults");
  g_autofree char *failed = results (id2, "failedResults");
  g_autoptr(JsonObject) record = query_one ("SELECT Amount__c, Invoice_Date__c FROM Invoice__c "
                                            "WHERE External_Id__c = 'UP-1'");

  g_assert_cmpint (json_object_get_int_member (first, "numberRecordsFailed"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (second, "externalIdFieldName"), ==,
                   "External_Id__c");
  g_assert_cmpint (json_object_get_int_member (second, "numberRecordsProcessed"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (second, "numberRecordsFailed"), ==, 3);
  g_assert_true (strstr (ok, "\"false\",\"up-1\",\"150.5\"") != NULL);
  g_assert_true (strstr (failed, "DUPLICATE_EXTERNAL_ID:Duplicate external id specified: UP-3:"
                         "External_Id__c --") != NULL);
  g_assert_true (strstr (failed, "MISSING_ARGUMENT:External_Id__c not specified:--") != NULL);
  g_assert_cmpfloat (json_object_get_double_member (record, "Amount__c"), ==, 150.5);
  g_assert_cmpstr (json_object_get_string_member (record, "Invoice_Date__c"), ==, "2024-03-01");
}

static void
test_upsert_by_id (void)
{
  g_autofree char *id = NULL;
  g_autofree char *job2 = NULL;
  g_autoptr(JsonObject) job = run_job ("Account", "insert", "Name\nById\n", &id);
  g_autofree char *ok = results (id, "successfulResults");
  g_autofree char *account = first_id (ok);
  g_autofree char *csv = g_strdup_printf ("Id,Name\n%s,By Id Updated\n,By Id New\n", account);
  g_autoptr(JsonObject) upsert = run_job_on (org, "{\"object\":\"Account\",\"operation\":"
                                             "\"upsert\",\"externalIdFieldName\":\"Id\"}", csv,
                                             &job2);
  g_autofree char *ok2 = results (job2, "successfulResults");
  g_autofree char *failed2 = results (job2, "failedResults");
  g_autofree char *expected = g_strdup_printf ("\"%s\",\"false\",\"%s\",\"By Id Updated\"",
                                               account, account);

  g_test_message ("failed: %s", failed2);

  g_assert_cmpint (json_object_get_int_member (upsert, "numberRecordsFailed"), ==, 0);
  g_assert_true (strstr (ok2, expected) != NULL);
  g_assert_true (strstr (ok2, "\"true\",\"\",\"By Id New\"") != NULL);
}

static void
test_update (void)
{
  g_autofree char *contact = insert_one ("Contact", "LastName,FirstName,Title,Phone\n"
                                         "Update,Ursula,Boss,123\n");
  g_autofree char *csv = g_strdup_printf ("Id,Title,Phone,LastName\n"
                                          "%s,,#N/A,\n"
                                          "%.15s,Chief,,\n"
                                          "003bogus,,,\n"
                                          "%s,,,#N/A\n"
                                          ",X,,\n", contact, contact, contact);
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = run_job ("Contact", "update", csv, &id);
  g_autofree char *failed = results (id, "failedResults");
  g_autofree char *soql = g_strdup_printf ("SELECT Title, Phone, LastName FROM Contact "
                                           "WHERE Id = '%s'", contact);
  g_autoptr(JsonObject) record = query_one (soql);
  g_autofree char *required = g_strdup_printf ("\"%s\",\"REQUIRED_FIELD_MISSING:Required fields "
                                               "are missing: [LastName]:LastName --\"", contact);

  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsProcessed"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (record, "Title"), ==, "Chief");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (record, "Phone")));
  g_assert_cmpstr (json_object_get_string_member (record, "LastName"), ==, "Update");
  g_assert_true (strstr (failed, "MALFORMED_ID:Contact ID: id value of incorrect type: "
                         "003bogus:Id --") != NULL);
  g_assert_true (strstr (failed, required) != NULL);
  g_assert_true (strstr (failed, "MISSING_ARGUMENT:Id not specified in an update call:--")
                 != NULL);
}

static void
test_delete_rows (void)
{
  g_autofree char *account = insert_one ("Account", "Name\nTo Recycle\n");
  g_autofree char *csv = g_strdup_printf ("Id\n%s\n", account);
  g_autofree char *id = NULL;
  g_autofree char *again_id = NULL;
  g_autoptr(JsonObject) job = run_job ("Account", "delete", csv, &id);
  g_autoptr(JsonObject) again = run_job ("Account", "delete", csv, &again_id);
  g_autofree char *ok = results (id, "successfulResults");
  g_autofree char *failed = results (again_id, "failedResults");
  g_autofree char *soql = g_strdup_printf ("SELECT Id, IsDeleted FROM Account WHERE Id = '%s'",
                                           account);
  g_autofree char *live = g_strdup_printf ("/services/data/v62.0/query?q=SELECT+Id+FROM+Account"
                                           "+WHERE+Id+=+'%s'", account);
  g_autoptr(JsonObject) record = query_one (soql);
  g_autoptr(LoResponse) live_r = lo_harness_get (org, live);
  g_autofree char *expected = g_strdup_printf ("\"%s\",\"false\",\"%s\"", account, account);

  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 0);
  g_assert_true (strstr (ok, expected) != NULL);
  g_assert_true (json_object_get_boolean_member (record, "IsDeleted"));
  g_assert_true (strstr (live_r->text, "\"totalSize\":0") != NULL);
  g_assert_true (strstr (failed, "ENTITY_IS_DELETED:entity is deleted:--") != NULL);
}

static void
test_hard_delete (void)
{
  const char *args[] = { "--grant-hard-delete", NULL };
  g_autoptr(LoHarness) granted = lo_harness_start (args);
  g_autofree char *insert_id = NULL;
  g_autofree char *delete_id = NULL;
  g_autoptr(JsonObject) inserted = run_job_on (granted, "{\"object\":\"Lead\",\"operation\":"
                                               "\"insert\"}", "LastName,Company\nHard,Gone Inc\n",
                                               &insert_id);
  g_autofree char *ok = results_on (granted, insert_id, "successfulResults");
  g_autofree char *lead = first_id (ok);
  g_autofree char *csv = g_strdup_printf ("Id\n%s\n", lead);
  g_autoptr(JsonObject) deleted = run_job_on (granted, "{\"object\":\"Lead\",\"operation\":"
                                              "\"hardDelete\"}", csv, &delete_id);
  g_autofree char *path = g_strdup_printf ("/services/data/v62.0/queryAll?q=SELECT+Id+FROM+Lead"
                                           "+WHERE+Id+=+'%s'", lead);
  g_autoptr(LoResponse) r = lo_harness_get (granted, path);

  g_assert_cmpint (json_object_get_int_member (deleted, "numberRecordsFailed"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (deleted, "operation"), ==, "hardDelete");
  g_assert_true (strstr (r->text, "\"totalSize\":0") != NULL);
  lo_harness_stop (granted);
}

static void
test_relationships (void)
{
  g_autofree char *boss = insert_one ("Contact", "LastName,Email\nBoss,boss@example.com\n");
  g_autofree char *lead = insert_one ("Lead", "LastName,Company,Email\nLee,Lead Co,"
                                      "lead@example.com\n");
  g_autofree char *invoice = insert_one ("Invoice__c", "External_Id__c,Amount__c,"
                                         "Invoice_Date__c\nREL-1,10,2024-01-01\n");
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = run_job ("Contact", "insert",
                                       "LastName,ReportsTo.Email\n"
                                       "Worker,BOSS@example.com\n"
                                       "Orphan,nobody@example.com\n"
                                       "Blank,\n", &id);
  g_autofree char *failed = results (id, "failedResults");
  g_autoptr(JsonObject) worker = query_one ("SELECT ReportsToId FROM Contact "
                                            "WHERE LastName = 'Worker'");
  g_autofree char *task_id = NULL;
  g_autoptr(JsonObject) tasks = run_job ("Task", "insert",
                                         "Subject,Lead:Who.Email,Invoice__c:What.External_Id__c\n"
                                         "Call,lead@example.com,REL-1\n", &task_id);
  g_autoptr(JsonObject) task = query_one ("SELECT WhoId, WhatId FROM Task "
                                          "WHERE Subject = 'Call'");

  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (worker, "ReportsToId"), ==, boss);
  g_assert_true (strstr (failed, "INVALID_FIELD:Foreign key external ID: nobody@example.com not "
                         "found for field Email in entity Contact:--") != NULL);
  g_assert_cmpint (json_object_get_int_member (tasks, "numberRecordsFailed"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (task, "WhoId"), ==, lead);
  g_assert_cmpstr (json_object_get_string_member (task, "WhatId"), ==, invoice);
}

static void
test_types (void)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job =
    run_job ("Invoice__c", "insert",
             "External_Id__c,Amount__c,Invoice_Date__c,Status__c,Contact_Email__c,Paid__c,"
             "Sent_At__c,Account__c,Tax_Rate__c\n"
             "T-1,1,2024-02-30,,,,,,\n"
             "T-2,1,2024-02-01,Lost,,,,,\n"
             "T-3,1,2024-02-01,,not-an-email,,,,\n"
             "T-4,1,2024-02-01,,,maybe,,,\n"
             "T-5,1,2024-02-01,,,,yesterday,,\n"
             "T-6,1,2024-02-01,,,,,001nope,\n"
             "T-7,1,2024-02-01,,,,,0015j00000AAAAA,\n"
             "T-8,1e20,2024-02-01,,,,,,\n"
             "T-9,1,2024-02-01,Paid,a@b.de,TRUE,2024-02-01T10:00:00+01:00,,12.345\n", &id);
  g_autofree char *failed = results (id, "failedResults");
  g_autoptr(JsonObject) record = query_one ("SELECT Status__c, Paid__c, Sent_At__c, Tax_Rate__c "
                                            "FROM Invoice__c WHERE External_Id__c = 'T-9'");

  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 8);
  g_assert_true (strstr (failed, "INVALID_TYPE_ON_FIELD_IN_RECORD:Invoice Date: value not of "
                         "required type: 2024-02-30:Invoice_Date__c --") != NULL);
  g_assert_true (strstr (failed, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Status: bad value for "
                         "restricted picklist field: Lost:Status__c --") != NULL);
  g_assert_true (strstr (failed, "INVALID_EMAIL_ADDRESS:Contact Email: invalid email address: "
                         "not-an-email:Contact_Email__c --") != NULL);
  g_assert_true (strstr (failed, "value not of required type: maybe:Paid__c --") != NULL);
  g_assert_true (strstr (failed, "value not of required type: yesterday:Sent_At__c --") != NULL);
  g_assert_true (strstr (failed, "MALFORMED_ID:Account: id value of incorrect type: 001nope:"
                         "Account__c --") != NULL);
  g_assert_true (strstr (failed, "INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--")
                 != NULL);
  g_assert_true (strstr (failed, "NUMBER_OUTSIDE_VALID_RANGE:Amount: value outside of valid "
                         "range on numeric field: 1e20:Amount__c --") != NULL);
  g_assert_cmpstr (json_object_get_string_member (record, "Status__c"), ==, "Paid");
  g_assert_true (json_object_get_boolean_member (record, "Paid__c"));
  g_assert_cmpstr (json_object_get_string_member (record, "Sent_At__c"), ==,
                   "2024-02-01T09:00:00.000+0000");
  g_assert_cmpfloat (json_object_get_double_member (record, "Tax_Rate__c"), ==, 12.35);
}

static void
test_string_too_long (void)
{
  g_autoptr(GString) csv = g_string_new ("External_Id__c,Amount__c,Invoice_Date__c\n");
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = NULL;
  g_autofree char *failed = NULL;

  g_string_append (csv, "LONG-");
  for (int i = 0; i < 40; i++)
    g_string_append_c (csv, 'x');
  g_string_append (csv, ",1,2024-01-01\n");
  job = run_job ("Invoice__c", "insert", csv->str, &id);
  failed = results (id, "failedResults");
  g_assert_true (strstr (failed, "STRING_TOO_LONG:External ID: data value too large: LONG-")
                 != NULL);
  g_assert_true (strstr (failed, "(max length=40):External_Id__c --") != NULL);
}

static void
test_defaults (void)
{
  g_autofree char *invoice = insert_one ("Invoice__c", "External_Id__c,Amount__c,"
                                         "Invoice_Date__c,Approval_Status__c\n"
                                         "DEF-1,5,2024-05-01,\n");
  g_autofree char *soql = g_strdup_printf ("SELECT Name, Status__c, Paid__c, OwnerId, "
                                           "CreatedDate, CreatedById, Approval_Status__c "
                                           "FROM Invoice__c WHERE Id = '%s'", invoice);
  g_autoptr(JsonObject) record = query_one (soql);

  g_assert_true (g_regex_match_simple ("^INV-\\d{6}$", json_object_get_string_member (record,
                                                                                     "Name"),
                                       0, 0));
  g_assert_cmpstr (json_object_get_string_member (record, "Status__c"), ==, "Draft");
  g_assert_false (json_object_get_boolean_member (record, "Paid__c"));
  g_assert_cmpstr (json_object_get_string_member (record, "OwnerId"), ==,
                   json_object_get_string_member (record, "CreatedById"));
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"
                                       "\\+0000$",
                                       json_object_get_string_member (record, "CreatedDate"),
                                       0, 0));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (record, "Approval_Status__c")));
}

/* Contact.Name is FirstName + LastName, up to 121 characters. */
static void
test_computed_name (void)
{
  g_autofree char *first = g_strnfill (40, 'F');
  g_autofree char *last = g_strnfill (80, 'L');
  g_autofree char *csv = g_strdup_printf ("FirstName,LastName\n%s,%s\n", first, last);
  g_autofree char *contact = insert_one ("Contact", csv);
  g_autofree char *soql = g_strdup_printf ("SELECT Name FROM Contact WHERE Id = '%s'", contact);
  g_autoptr(JsonObject) record = query_one (soql);
  g_autofree char *expected = g_strdup_printf ("%s %s", first, last);

  g_assert_cmpstr (json_object_get_string_member (record, "Name"), ==, expected);
}

static void
test_rules_and_security (void)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = run_job ("Invoice__c", "insert",
                                       "External_Id__c,Amount__c,Invoice_Date__c,Due_Date__c,"
                                       "Approval_Status__c\n"
                                       "RULE-1,1,2024-05-10,2024-05-01,\n"
                                       "RULE-2,1,2024-05-10,2024-05-20,Approved\n"
                                       "RULE-3,1,2024-05-10,2024-05-20,\n", &id);
  g_autofree char *failed = results (id, "failedResults");

  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 2);
  g_assert_true (strstr (failed, "\"FIELD_CUSTOM_VALIDATION_EXCEPTION:The due date cannot be "
                         "before the invoice date.:Due_Date__c --\"") != NULL);
  g_assert_true (strstr (failed, "\"INVALID_FIELD_FOR_INSERT_UPDATE:Unable to create/update "
                         "fields: Approval_Status__c. Please check the security settings of "
                         "this field and verify that it is read/write for your profile or "
                         "permission set.:Approval_Status__c --\"") != NULL);
}

static void
test_unique (void)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) job = run_job ("Invoice__c", "insert",
                                       "External_Id__c,Amount__c,Invoice_Date__c\n"
                                       "UNIQ-1,1,2024-01-01\n"
                                       "uniq-1,2,2024-01-01\n", &id);
  g_autofree char *ok = results (id, "successfulResults");
  g_autofree char *failed = results (id, "failedResults");
  g_autofree char *first = first_id (ok);
  g_autofree char *expected = g_strdup_printf ("DUPLICATE_VALUE:duplicate value found: "
                                               "External_Id__c duplicates value on record with "
                                               "id: %s:--", first);

  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsFailed"), ==, 1);
  g_assert_true (strstr (failed, expected) != NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  org = lo_harness_start (NULL);
  g_test_add_func ("/local-org/ingest/upsert", test_upsert);
  g_test_add_func ("/local-org/ingest/upsert-by-id", test_upsert_by_id);
  g_test_add_func ("/local-org/ingest/update", test_update);
  g_test_add_func ("/local-org/ingest/delete-rows", test_delete_rows);
  g_test_add_func ("/local-org/ingest/hard-delete", test_hard_delete);
  g_test_add_func ("/local-org/ingest/relationships", test_relationships);
  g_test_add_func ("/local-org/ingest/types", test_types);
  g_test_add_func ("/local-org/ingest/string-too-long", test_string_too_long);
  g_test_add_func ("/local-org/ingest/defaults", test_defaults);
  g_test_add_func ("/local-org/ingest/computed-name", test_computed_name);
  g_test_add_func ("/local-org/ingest/rules-and-security", test_rules_and_security);
  g_test_add_func ("/local-org/ingest/unique", test_unique);
  status = g_test_run ();
  lo_harness_stop (org);
  lo_harness_free (org);
  return status;
}
