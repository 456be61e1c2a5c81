/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "load-harness.h"

/* Every operation through the load pipeline against freight-local-org, checked in the
 * org's records and in the result files: upsert by external ID and by Id, update with
 * both blank policies, delete, hardDelete with and without the permission, relationship
 * columns (a polymorphic one too), dates and times around daylight saving changes, and a
 * mapping from a Data Loader .sdl file. */

typedef struct
{
  const char *column;
  const char *target;
} Map;

static void
fixture_set_up (LoadFixture   *f,
                gconstpointer  data)
{
  load_fixture_start (f, data);
}

static void
fixture_tear_down (LoadFixture   *f,
                   gconstpointer  data)
{
  load_fixture_stop (f);
}

static FreightMapping *
make_mapping (LoadFixture      *f,
              GFile            *source,
              const char       *object,
              FreightOperation  operation,
              const char       *external_id,
              const Map        *maps)
{
  FreightMapping *mapping = load_fixture_mapping (f, object, operation, external_id, source);

  for (guint i = 0; maps != NULL && maps[i].column != NULL; i++)
    load_fixture_map (mapping, maps[i].column, maps[i].target);
  return mapping;
}

static FreightLoad *
run_mapping (LoadFixture    *f,
             GFile          *source,
             FreightMapping *mapping)
{
  g_autoptr(FreightLoadDescription) description = load_fixture_description (f, mapping, source);
  g_autoptr(GError) error = NULL;
  FreightLoad *load = load_fixture_run (f, description, &error);

  g_assert_no_error (error);
  g_assert_cmpint (freight_load_get_state (load), ==, FREIGHT_LOAD_STATE_FINISHED);
  return load;
}

static FreightLoad *
load_csv (LoadFixture      *f,
          const char       *name,
          const char       *csv,
          const char       *object,
          FreightOperation  operation,
          const char       *external_id,
          const Map        *maps)
{
  g_autoptr(GFile) source = load_fixture_write (f, name, csv);
  g_autoptr(FreightMapping) mapping = make_mapping (f, source, object, operation, external_id,
                                                    maps);

  return run_mapping (f, source, mapping);
}

/* The org's records of @object by @key_field, as `field=value;…` of @fields. */
static GHashTable *
records_by (LoadFixture *f,
            const char  *object,
            const char  *key_field,
            const char  *fields)
{
  g_autofree char *soql = g_strdup_printf ("SELECT %s, %s FROM %s", key_field, fields, object);
  g_autoptr(JsonArray) records = load_fixture_query (f, soql);
  g_auto(GStrv) names = g_strsplit (fields, ", ", -1);
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      g_autoptr(GString) text = g_string_new (NULL);
      const char *key = json_object_get_string_member_with_default (record, key_field, NULL);

      for (guint n = 0; names[n] != NULL; n++)
        {
          JsonNode *value = json_object_get_member (record, names[n]);

          g_string_append_printf (text, "%s%s=", n > 0 ? ";" : "", names[n]);
          if (value != NULL && JSON_NODE_HOLDS_VALUE (value))
            {
              if (json_node_get_value_type (value) == G_TYPE_STRING)
                g_string_append (text, json_node_get_string (value));
              else if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
                g_string_append (text, json_node_get_boolean (value) ? "true" : "false");
              else if (json_node_get_value_type (value) == G_TYPE_INT64)
                g_string_append_printf (text, "%" G_GINT64_FORMAT, json_node_get_int (value));
              else
                g_string_append_printf (text, "%g", json_node_get_double (value));
            }
        }
      g_assert_nonnull (key);
      g_assert_false (g_hash_table_contains (table, key));
      g_hash_table_insert (table, g_strdup (key), g_string_free (g_steal_pointer (&text), FALSE));
    }
  return table;
}

static guint
count_records (LoadFixture *f,
               const char  *object)
{
  g_autofree char *soql = g_strdup_printf ("SELECT Id FROM %s", object);
  g_autoptr(JsonArray) records = load_fixture_query (f, soql);

  return json_array_get_length (records);
}

static const Map account_maps[] = {
  { "Name", "Name" }, { "Key", "External_Id__c" }, { "Phone", "Phone" },
  { "Site", "Website" }, { NULL, NULL }
};

static FreightLoad *
insert_accounts (LoadFixture *f)
{
  return load_csv (f, "accounts.csv",
                   "Name,Key,Phone,Site\n"
                   "Acme,A-1,555-0101,acme.example.com\n"
                   "Globex,A-2,555-0102,globex.example.com\n",
                   "Account", FREIGHT_OPERATION_INSERT, NULL, account_maps);
}

static void
test_upsert_external_id (LoadFixture   *f,
                         gconstpointer  data)
{
  g_autoptr(FreightLoad) first = insert_accounts (f);
  g_autoptr(LoadCsv) inserted = load_fixture_result (first, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_autoptr(FreightLoad) upsert = NULL;
  g_autoptr(LoadCsv) success = NULL;
  g_autoptr(GHashTable) records = NULL;
  static const Map maps[] = { { "Name", "Name" }, { "Key", "External_Id__c" }, { NULL, NULL } };

  upsert = load_csv (f, "upsert.csv",
                     "Name,Key\nAcme Corp,A-1\nGlobex Ltd,A-2\nInitech,A-3\nHooli,A-4\n",
                     "Account", FREIGHT_OPERATION_UPSERT, "External_Id__c", maps);
  success = load_fixture_result (upsert, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_assert_cmpuint (success->rows->len, ==, 4);
  g_assert_cmpstr (load_csv_get (success, 0, "Freight Created"), ==, "false");
  g_assert_cmpstr (load_csv_get (success, 1, "Freight Created"), ==, "false");
  g_assert_cmpstr (load_csv_get (success, 2, "Freight Created"), ==, "true");
  g_assert_cmpstr (load_csv_get (success, 3, "Freight Created"), ==, "true");
  /* The existing records kept their Ids. */
  g_assert_cmpstr (load_csv_get (success, 0, "Freight Id"), ==,
                   load_csv_get (inserted, 0, "Freight Id"));
  g_assert_cmpstr (load_csv_get (success, 1, "Freight Id"), ==,
                   load_csv_get (inserted, 1, "Freight Id"));

  records = records_by (f, "Account", "External_Id__c", "Name, Phone");
  g_assert_cmpuint (g_hash_table_size (records), ==, 4);
  /* Columns not in the upsert are untouched. */
  g_assert_cmpstr (g_hash_table_lookup (records, "A-1"), ==, "Name=Acme Corp;Phone=555-0101");
  g_assert_cmpstr (g_hash_table_lookup (records, "A-3"), ==, "Name=Initech;Phone=");
}

static void
test_update_blank_policies (LoadFixture   *f,
                            gconstpointer  data)
{
  g_autoptr(FreightLoad) first = insert_accounts (f);
  g_autoptr(LoadCsv) inserted = load_fixture_result (first, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_autofree char *csv = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(FreightMapping) mapping = NULL;
  g_autoptr(FreightLoad) update = NULL;
  g_autoptr(LoadCsv) success = NULL;
  g_autoptr(GHashTable) records = NULL;
  static const Map maps[] = {
    { "Id", "Id" }, { "Name", "Name" }, { "Phone", "Phone" }, { "Site", "Website" },
    { NULL, NULL }
  };

  /* A blank Phone leaves the field as it is; a blank Website clears it (#N/A). */
  csv = g_strdup_printf ("Id,Name,Phone,Site\n%s,Acme 2,,\n%s,Globex 2,555-0199,\n",
                         load_csv_get (inserted, 0, "Freight Id"),
                         load_csv_get (inserted, 1, "Freight Id"));
  source = load_fixture_write (f, "update.csv", csv);
  mapping = make_mapping (f, source, "Account", FREIGHT_OPERATION_UPDATE, NULL, maps);
  freight_mapping_entry_set_blank_policy (freight_mapping_lookup_target (mapping, "Website"),
                                          FREIGHT_BLANK_POLICY_CLEAR);
  update = run_mapping (f, source, mapping);
  success = load_fixture_result (update, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_assert_cmpuint (success->rows->len, ==, 2);
  g_assert_cmpstr (load_csv_get (success, 0, "Freight Created"), ==, "false");

  records = records_by (f, "Account", "External_Id__c", "Name, Phone, Website");
  g_assert_cmpstr (g_hash_table_lookup (records, "A-1"), ==,
                   "Name=Acme 2;Phone=555-0101;Website=");
  g_assert_cmpstr (g_hash_table_lookup (records, "A-2"), ==,
                   "Name=Globex 2;Phone=555-0199;Website=");
}

static void
test_upsert_by_id (LoadFixture   *f,
                   gconstpointer  data)
{
  g_autoptr(FreightLoad) first = insert_accounts (f);
  g_autoptr(LoadCsv) inserted = load_fixture_result (first, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_autofree char *csv = NULL;
  g_autoptr(FreightLoad) upsert = NULL;
  g_autoptr(LoadCsv) success = NULL;
  g_autoptr(GHashTable) records = NULL;
  static const Map maps[] = { { "Id", "Id" }, { "Name", "Name" }, { NULL, NULL } };

  csv = g_strdup_printf ("Id,Name\n%s,Acme by Id\n%s,Globex by Id\n",
                         load_csv_get (inserted, 0, "Freight Id"),
                         load_csv_get (inserted, 1, "Freight Id"));
  upsert = load_csv (f, "upsert-id.csv", csv, "Account", FREIGHT_OPERATION_UPSERT, "Id", maps);
  success = load_fixture_result (upsert, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_assert_cmpuint (success->rows->len, ==, 2);
  g_assert_cmpstr (load_csv_get (success, 1, "Freight Id"), ==,
                   load_csv_get (inserted, 1, "Freight Id"));
  records = records_by (f, "Account", "External_Id__c", "Name");
  g_assert_cmpuint (g_hash_table_size (records), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (records, "A-2"), ==, "Name=Globex by Id");
}

static char *
ids_csv (LoadCsv *inserted,
         guint    first,
         guint    last)
{
  GString *csv = g_string_new ("Id\n");

  for (guint i = first; i <= last; i++)
    g_string_append_printf (csv, "%s\n", load_csv_get (inserted, i, "Freight Id"));
  return g_string_free (csv, FALSE);
}

static void
test_delete_and_hard_delete (LoadFixture   *f,
                             gconstpointer  data)
{
  g_autoptr(FreightLoad) first = load_csv (f, "four.csv",
                                           "Name,Key,Phone,Site\n"
                                           "A,D-1,,\nB,D-2,,\nC,D-3,,\nD,D-4,,\n",
                                           "Account", FREIGHT_OPERATION_INSERT, NULL,
                                           account_maps);
  g_autoptr(LoadCsv) inserted = load_fixture_result (first, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_autofree char *deletes = ids_csv (inserted, 0, 1);
  g_autofree char *hard = ids_csv (inserted, 2, 3);
  g_autoptr(FreightLoad) deleted = NULL;
  g_autoptr(FreightLoad) hard_deleted = NULL;
  g_autoptr(LoadCsv) success = NULL;
  static const Map maps[] = { { "Id", "Id" }, { NULL, NULL } };

  g_assert_cmpuint (count_records (f, "Account"), ==, 4);
  deleted = load_csv (f, "delete.csv", deletes, "Account", FREIGHT_OPERATION_DELETE, NULL, maps);
  success = load_fixture_result (deleted, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_assert_cmpuint (success->rows->len, ==, 2);
  g_assert_cmpstr (load_csv_get (success, 0, "Id"), ==, load_csv_get (success, 0, "Freight Id"));
  g_assert_cmpuint (count_records (f, "Account"), ==, 2);

  hard_deleted = load_csv (f, "hard.csv", hard, "Account", FREIGHT_OPERATION_HARD_DELETE, NULL,
                           maps);
  g_assert_cmpuint (freight_load_get_rows_succeeded (hard_deleted), ==, 2);
  g_assert_cmpuint (freight_load_get_n_jobs_failed (hard_deleted), ==, 0);
  g_assert_cmpuint (count_records (f, "Account"), ==, 0);
}

static void
test_hard_delete_refused (LoadFixture   *f,
                          gconstpointer  data)
{
  g_autoptr(FreightLoad) first = insert_accounts (f);
  g_autoptr(LoadCsv) inserted = load_fixture_result (first, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_autofree char *hard = ids_csv (inserted, 0, 1);
  g_autoptr(FreightLoad) refused = NULL;
  g_autoptr(LoadCsv) unprocessed = NULL;
  static const Map maps[] = { { "Id", "Id" }, { NULL, NULL } };

  /* Without the Bulk API Hard Delete permission the job is refused: a job-level error,
   * every row in unprocessed.csv with the org's reason, nothing deleted. */
  refused = load_csv (f, "hard.csv", hard, "Account", FREIGHT_OPERATION_HARD_DELETE, NULL, maps);
  g_assert_cmpuint (freight_load_get_n_jobs_failed (refused), ==, 1);
  g_assert_cmpuint (freight_load_get_rows_succeeded (refused), ==, 0);
  unprocessed = load_fixture_result (refused, FREIGHT_RESULT_FILE_KIND_UNPROCESSED);
  g_assert_cmpuint (unprocessed->rows->len, ==, 2);
  g_assert_true (g_str_has_prefix (load_csv_get (unprocessed, 0, "Freight Reason"),
                                   "job failed: "));
  g_assert_nonnull (strstr (load_csv_get (unprocessed, 0, "Freight Reason"),
                            "Hard Delete permission"));
  g_assert_cmpuint (count_records (f, "Account"), ==, 2);
}

static void
test_relationships (LoadFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(FreightLoad) accounts = insert_accounts (f);
  g_autoptr(FreightLoad) contacts = NULL;
  g_autoptr(FreightLoad) tasks = NULL;
  g_autoptr(LoadCsv) account_ids = load_fixture_result (accounts,
                                                        FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_autoptr(LoadCsv) contact_ids = NULL;
  g_autoptr(LoadCsv) failed = NULL;
  g_autoptr(GHashTable) contact_records = NULL;
  g_autoptr(GHashTable) task_records = NULL;
  g_autofree char *expected = NULL;
  static const Map contact_maps[] = {
    { "Last", "LastName" }, { "Mail", "Email" }, { "Company", "Account.External_Id__c" },
    { NULL, NULL }
  };
  static const Map task_maps[] = {
    { "Subject", "Subject" }, { "Who", "Contact:Who.Email" }, { NULL, NULL }
  };

  contacts = load_csv (f, "contacts.csv",
                       "Last,Mail,Company\n"
                       "Schmidt,anna@example.com,A-1\n"
                       "Okafor,ben@example.com,A-2\n"
                       "Nobody,nobody@example.com,A-404\n",
                       "Contact", FREIGHT_OPERATION_INSERT, NULL, contact_maps);
  contact_ids = load_fixture_result (contacts, FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_assert_cmpuint (contact_ids->rows->len, ==, 2);
  failed = load_fixture_result (contacts, FREIGHT_RESULT_FILE_KIND_FAILED);
  g_assert_cmpuint (failed->rows->len, ==, 1);
  g_assert_cmpstr (load_csv_get (failed, 0, "Freight Row"), ==, "3");
  g_assert_cmpstr (load_csv_get (failed, 0, "Freight Error Code"), ==, "INVALID_FIELD");
  g_assert_nonnull (strstr (load_csv_get (failed, 0, "Freight Error Message"), "A-404"));

  contact_records = records_by (f, "Contact", "Email", "AccountId");
  expected = g_strdup_printf ("AccountId=%s", load_csv_get (account_ids, 1, "Freight Id"));
  g_assert_cmpstr (g_hash_table_lookup (contact_records, "ben@example.com"), ==, expected);

  /* Who is polymorphic (Contact or Lead): the column names the type. */
  tasks = load_csv (f, "tasks.csv", "Subject,Who\nCall,anna@example.com\nEmail,ben@example.com\n",
                    "Task", FREIGHT_OPERATION_INSERT, NULL, task_maps);
  g_assert_cmpuint (freight_load_get_rows_succeeded (tasks), ==, 2);
  task_records = records_by (f, "Task", "Subject", "WhoId");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("WhoId=%s", load_csv_get (contact_ids, 1, "Freight Id"));
  g_assert_cmpstr (g_hash_table_lookup (task_records, "Email"), ==, expected);
}

static void
test_dates_and_time_zones (LoadFixture   *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) source = load_fixture_write (f, "invoices.csv",
    "Key,Amount,Date,Sent\n"
    "I-1,10,30.03.2024,30.03.2024 23:30\n"       /* CET, the night before the change */
    "I-2,20,31.03.2024,31.03.2024 01:30\n"       /* CET */
    "I-3,30,31.03.2024,31.03.2024 03:30\n"       /* CEST: clocks went 02:00 → 03:00 */
    "I-4,40,27.10.2024,27.10.2024 02:30\n"       /* twice: the first (CEST) is sent */
    "I-5,50,27.10.2024,27.10.2024 03:30\n"       /* CET again */
    "I-6,60,01.01.2024,01.01.2024 00:00\n");    /* a date never shifts a day */
  static const Map maps[] = {
    { "Key", "External_Id__c" }, { "Amount", "Amount__c" }, { "Date", "Invoice_Date__c" },
    { "Sent", "Sent_At__c" }, { NULL, NULL }
  };
  g_autoptr(FreightMapping) mapping = make_mapping (f, source, "Invoice__c",
                                                    FREIGHT_OPERATION_INSERT, NULL, maps);
  FreightValueFormat *format = freight_mapping_get_default_format (mapping);
  g_autoptr(FreightLoad) load = NULL;
  g_autoptr(GHashTable) records = NULL;

  freight_value_format_set_date_format (format, FREIGHT_DATE_FORMAT_DMY_DOT);
  freight_value_format_set_time_zone (format, "Europe/Berlin");
  load = run_mapping (f, source, mapping);
  g_assert_cmpuint (freight_load_get_rows_succeeded (load), ==, 6);

  records = records_by (f, "Invoice__c", "External_Id__c", "Invoice_Date__c, Sent_At__c");
  g_assert_cmpstr (g_hash_table_lookup (records, "I-1"), ==,
                   "Invoice_Date__c=2024-03-30;Sent_At__c=2024-03-30T22:30:00.000+0000");
  g_assert_cmpstr (g_hash_table_lookup (records, "I-2"), ==,
                   "Invoice_Date__c=2024-03-31;Sent_At__c=2024-03-31T00:30:00.000+0000");
  g_assert_cmpstr (g_hash_table_lookup (records, "I-3"), ==,
                   "Invoice_Date__c=2024-03-31;Sent_At__c=2024-03-31T01:30:00.000+0000");
  g_assert_cmpstr (g_hash_table_lookup (records, "I-4"), ==,
                   "Invoice_Date__c=2024-10-27;Sent_At__c=2024-10-27T00:30:00.000+0000");
  g_assert_cmpstr (g_hash_table_lookup (records, "I-5"), ==,
                   "Invoice_Date__c=2024-10-27;Sent_At__c=2024-10-27T02:30:00.000+0000");
  g_assert_cmpstr (g_hash_table_lookup (records, "I-6"), ==,
                   "Invoice_Date__c=2024-01-01;Sent_At__c=2023-12-31T23:00:00.000+0000");
}

static void
test_sdl_mapping (LoadFixture   *f,
                  gconstpointer  data)
{
  g_autoptr(FreightLoad) accounts = insert_accounts (f);
  g_autoptr(GFile) source = load_fixture_write (f, "contacts.csv",
    "FIRST,LAST,MAIL,ACCOUNT KEY,NOTES\n"
    "Anna,Schmidt,anna@example.com,A-1,ignored\n");
  g_autoptr(GFile) sdl_file = load_fixture_write (f, "contacts.sdl",
    "#Mapping values\n"
    "FIRST=FirstName\n"
    "LAST=LastName\n"
    "MAIL=Email\n"
    "ACCOUNT\\ KEY=Account\\:Account-External_Id__c\n"
    "\"Imported\"=Description\n");
  g_autoptr(FreightMapping) mapping = load_fixture_mapping (f, "Contact",
                                                            FREIGHT_OPERATION_INSERT, NULL,
                                                            source);
  g_autoptr(FreightSdlMapping) sdl = NULL;
  g_autoptr(FreightLoad) load = NULL;
  g_autoptr(GHashTable) records = NULL;
  g_autoptr(LoadCsv) account_ids = load_fixture_result (accounts,
                                                        FREIGHT_RESULT_FILE_KIND_SUCCESS);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  sdl = freight_sdl_mapping_new_from_file (sdl_file, FREIGHT_SDL_DIRECTION_LOAD, NULL, &error);
  g_assert_no_error (error);
  freight_mapping_load_sdl (mapping, sdl, &error);
  g_assert_no_error (error);
  load = run_mapping (f, source, mapping);
  g_assert_cmpuint (freight_load_get_rows_succeeded (load), ==, 1);

  records = records_by (f, "Contact", "Email", "FirstName, LastName, AccountId, Description");
  expected = g_strdup_printf ("FirstName=Anna;LastName=Schmidt;AccountId=%s;"
                              "Description=Imported",
                              load_csv_get (account_ids, 0, "Freight Id"));
  g_assert_cmpstr (g_hash_table_lookup (records, "anna@example.com"), ==, expected);
}

static const char * const hard_delete_org[] = { "--grant-hard-delete", NULL };

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/freight/load-operations/upsert-external-id", LoadFixture, NULL,
              fixture_set_up, test_upsert_external_id, fixture_tear_down);
  g_test_add ("/freight/load-operations/update-blank-policies", LoadFixture, NULL,
              fixture_set_up, test_update_blank_policies, fixture_tear_down);
  g_test_add ("/freight/load-operations/upsert-by-id", LoadFixture, NULL,
              fixture_set_up, test_upsert_by_id, fixture_tear_down);
  g_test_add ("/freight/load-operations/delete-and-hard-delete", LoadFixture, hard_delete_org,
              fixture_set_up, test_delete_and_hard_delete, fixture_tear_down);
  g_test_add ("/freight/load-operations/hard-delete-refused", LoadFixture, NULL,
              fixture_set_up, test_hard_delete_refused, fixture_tear_down);
  g_test_add ("/freight/load-operations/relationships", LoadFixture, NULL,
              fixture_set_up, test_relationships, fixture_tear_down);
  g_test_add ("/freight/load-operations/dates-and-time-zones", LoadFixture, NULL,
              fixture_set_up, test_dates_and_time_zones, fixture_tear_down);
  g_test_add ("/freight/load-operations/sdl-mapping", LoadFixture, NULL,
              fixture_set_up, test_sdl_mapping, fixture_tear_down);

  return g_test_run ();
}
