/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "test-util.h"

static const char * const schema_objects[] = {
  "Account", "Contact", "Lead", "Opportunity", "Case", "Task", "User", "Invoice__c", NULL,
};

static FreightMapping *
make_mapping (const char         *object,
              FreightOperation    operation,
              const char * const *columns)
{
  FreightMapping *mapping = freight_mapping_new ();

  for (guint i = 0; schema_objects[i] != NULL; i++)
    {
      g_autoptr(FreightDescribeObject) describe = test_schema_object (schema_objects[i]);

      if (g_str_equal (schema_objects[i], object))
        freight_mapping_set_object (mapping, describe);
      else
        freight_mapping_add_related_object (mapping, describe);
    }
  freight_mapping_set_operation (mapping, operation);
  freight_mapping_set_source_columns (mapping, columns);
  return mapping;
}

/* "column→target" for each entry, joined with "; " */
static char *
entries_text (FreightMapping *mapping)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < freight_mapping_get_n_entries (mapping); i++)
    {
      FreightMappingEntry *entry = freight_mapping_get_entry (mapping, i);
      g_autofree char *source = freight_mapping_entry_describe_source (entry);

      g_string_append_printf (text, "%s%s→%s", i > 0 ? "; " : "", source,
                              freight_mapping_entry_get_target_path (entry));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
problems_text (GListModel *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(FreightProblem) problem = g_list_model_get_item (problems, i);
      g_autofree char *line = freight_problem_to_string (problem);

      g_string_append_printf (text, "%s%s%s", i > 0 ? "\n" : "",
                              freight_problem_get_severity (problem) == FREIGHT_PROBLEM_WARNING
                              ? "warning: " : "", line);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
notes_text (GPtrArray *notes)
{
  g_autoptr(GListStore) store = g_list_store_new (FREIGHT_TYPE_PROBLEM);

  for (guint i = 0; i < notes->len; i++)
    g_list_store_append (store, g_ptr_array_index (notes, i));
  return problems_text (G_LIST_MODEL (store));
}

#define assert_entries(mapping, expected) \
  G_STMT_START { \
    g_autofree char *__text = entries_text (mapping); \
    g_assert_cmpstr (__text, ==, expected); \
  } G_STMT_END

#define assert_problems(mapping, expected) \
  G_STMT_START { \
    g_autofree char *__text = problems_text (freight_mapping_get_problems (mapping)); \
    g_assert_cmpstr (__text, ==, expected); \
  } G_STMT_END

static void
auto_map (FreightMapping *mapping,
          guint           expected_count,
          const char     *expected_notes)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *text = NULL;
  guint n = freight_mapping_auto_map (mapping, &notes);

  text = notes_text (notes);
  g_assert_cmpstr (text, ==, expected_notes);
  g_assert_cmpuint (n, ==, expected_count);
}

static void
test_auto_map_exact_and_label (void)
{
  const char *columns[] = {
    "Name", "industry", "Account Number", "Billing City", "Employees", "Website", NULL,
  };
  g_autoptr(FreightMapping) mapping = make_mapping ("Account", FREIGHT_OPERATION_INSERT,
                                                    columns);

  auto_map (mapping, 6, "");
  assert_entries (mapping, "“Name”→Name; “industry”→Industry; “Account Number”→AccountNumber; "
                  "“Billing City”→BillingCity; “Employees”→NumberOfEmployees; "
                  "“Website”→Website");
  g_assert_true (freight_mapping_is_ready (mapping));
  assert_problems (mapping, "");

  /* Running it again maps nothing more. */
  auto_map (mapping, 0, "");
}

static void
test_auto_map_loose (void)
{
  const char *columns[] = {
    "account_name", "BILLING-STREET", "sla", "external id", "Number of locations",
    "ticker.symbol", "Unknown Column", NULL,
  };
  g_autoptr(FreightMapping) mapping = make_mapping ("Account", FREIGHT_OPERATION_INSERT,
                                                    columns);

  auto_map (mapping, 6, "");
  assert_entries (mapping, "“account_name”→Name; “BILLING-STREET”→BillingStreet; "
                  "“sla”→SLA__c; “external id”→External_Id__c; "
                  "“Number of locations”→NumberofLocations__c; “ticker.symbol”→TickerSymbol");
}

static void
test_auto_map_relationships (void)
{
  const char *invoice_columns[] = {
    "account_external_id", "Amount", "Invoice Date", "Owner Username", NULL,
  };
  const char *invoice_id_columns[] = { "Account Id", "Amount", NULL };
  const char *contact_columns[] = {
    "Last Name", "Account.External_Id__c", "Reports To Email", "Account Name", NULL,
  };
  const char *task_columns[] = {
    "Subject", "Lead:Who.Email", "Who Email", "Account What External ID", NULL,
  };
  g_autoptr(FreightMapping) invoice = make_mapping ("Invoice__c", FREIGHT_OPERATION_INSERT,
                                                    invoice_columns);
  g_autoptr(FreightMapping) contact = make_mapping ("Contact", FREIGHT_OPERATION_INSERT,
                                                    contact_columns);
  g_autoptr(FreightMapping) task = make_mapping ("Task", FREIGHT_OPERATION_INSERT,
                                                 task_columns);
  g_autoptr(FreightMapping) invoice_ids = make_mapping ("Invoice__c", FREIGHT_OPERATION_INSERT,
                                                        invoice_id_columns);

  auto_map (invoice, 4, "");
  assert_entries (invoice, "“account_external_id”→Account__r.External_Id__c; "
                  "“Amount”→Amount__c; “Invoice Date”→Invoice_Date__c; "
                  "“Owner Username”→Owner.Username");
  g_assert_true (freight_mapping_is_ready (invoice));

  /* A column of record IDs for a custom lookup. */
  auto_map (invoice_ids, 2, "");
  assert_entries (invoice_ids, "“Account Id”→Account__c; “Amount”→Amount__c");

  /* "Account Name" is not a key of Account, so it cannot find the parent: unmapped. */
  auto_map (contact, 3, "");
  assert_entries (contact, "“Last Name”→LastName; “Account.External_Id__c”→"
                  "Account.External_Id__c; “Reports To Email”→ReportsTo.Email");

  /* A polymorphic lookup needs the object named. */
  auto_map (task, 3, "");
  assert_entries (task, "“Subject”→Subject; “Lead:Who.Email”→Lead:Who.Email; "
                  "“Account What External ID”→Account:What.External_Id__c");
}

static void
test_auto_map_ambiguous (void)
{
  static const char object_json[] =
    "{\"name\": \"Ticket__c\", \"createable\": true, \"updateable\": true, \"fields\": ["
    "{\"name\": \"Id\", \"type\": \"id\", \"idLookup\": true, \"nillable\": false},"
    "{\"name\": \"Status__c\", \"label\": \"Status\", \"type\": \"string\", "
    "\"createable\": true},"
    "{\"name\": \"Status2__c\", \"label\": \"Status\", \"type\": \"string\", "
    "\"createable\": true},"
    "{\"name\": \"Email__c\", \"label\": \"Email\", \"type\": \"email\", \"createable\": true},"
    "{\"name\": \"Phone__c\", \"label\": \"Phone\", \"type\": \"phone\", \"createable\": true},"
    "{\"name\": \"Region__c\", \"label\": \"Region\", \"type\": \"string\", "
    "\"createable\": true}]}";
  const char *columns[] = {
    "status", "e mail", "E-Mail", "PHONE__C", "Phone", "region", NULL,
  };
  g_autoptr(FreightDescribeObject) ticket = test_describe_object (object_json);
  g_autoptr(FreightMapping) mapping = freight_mapping_new ();
  g_autoptr(GError) error = NULL;

  freight_mapping_set_object (mapping, ticket);
  freight_mapping_set_source_columns (mapping, columns);
  /* A column mapped by hand keeps its mapping and its field. */
  g_assert_nonnull (freight_mapping_map_column (mapping, "region", "Region__c", &error));
  g_assert_no_error (error);

  auto_map (mapping, 1,
            "warning: Column “status”: “status” could be Status__c or Status2__c. Choose the "
            "field yourself.\n"
            "warning: Column “e mail” → Email__c: “e mail” and other columns all look like "
            "Email__c. Map one of them yourself.\n"
            "warning: Column “E-Mail” → Email__c: “E-Mail” and other columns all look like "
            "Email__c. Map one of them yourself.\n"
            "warning: Column “Phone” → Phone__c: “Phone” also looks like Phone__c, but a "
            "column that matches it better is mapped to it.");
  assert_entries (mapping, "“region”→Region__c; “PHONE__C”→Phone__c");
}

static void
test_auto_map_operations (void)
{
  const char *columns[] = { "Id", "Name", "External ID", NULL };
  g_autoptr(FreightMapping) insert = make_mapping ("Account", FREIGHT_OPERATION_INSERT, columns);
  g_autoptr(FreightMapping) update = make_mapping ("Account", FREIGHT_OPERATION_UPDATE, columns);
  g_autoptr(FreightMapping) upsert = make_mapping ("Account", FREIGHT_OPERATION_UPSERT, columns);
  g_autoptr(FreightMapping) upsert_id = make_mapping ("Account", FREIGHT_OPERATION_UPSERT,
                                                      columns);
  g_autoptr(FreightMapping) delete = make_mapping ("Account", FREIGHT_OPERATION_DELETE, columns);

  auto_map (insert, 2, "");
  assert_entries (insert, "“Name”→Name; “External ID”→External_Id__c");
  auto_map (update, 3, "");
  assert_entries (update, "“Id”→Id; “Name”→Name; “External ID”→External_Id__c");
  freight_mapping_set_external_id_field (upsert, "External_Id__c");
  auto_map (upsert, 2, "");
  assert_entries (upsert, "“Name”→Name; “External ID”→External_Id__c");
  assert_problems (upsert, "");
  freight_mapping_set_external_id_field (upsert_id, "Id");
  auto_map (upsert_id, 3, "");
  assert_entries (upsert_id, "“Id”→Id; “Name”→Name; “External ID”→External_Id__c");
  auto_map (delete, 1, "");
  assert_entries (delete, "“Id”→Id");
  assert_problems (delete, "");
}

static FreightMappingEntry *
map (FreightMapping *mapping,
     const char     *column,
     const char     *target)
{
  g_autoptr(GError) error = NULL;
  FreightMappingEntry *entry = freight_mapping_map_column (mapping, column, target, &error);

  g_assert_no_error (error);
  return entry;
}

static void
add_entry (FreightMapping *mapping,
           const char     *column,
           const char     *target_text)
{
  g_autoptr(FreightSdlTarget) target = freight_sdl_target_parse (target_text, NULL);
  g_autoptr(FreightMappingEntry) entry = NULL;
  const char *columns[] = { column, NULL };

  g_assert_nonnull (target);
  entry = freight_mapping_entry_new_for_columns (columns, target);
  freight_mapping_add_entry (mapping, entry);
}

static void
test_validate_object_and_columns (void)
{
  const char *columns[] = { "Name", "Town", NULL };
  g_autoptr(FreightMapping) mapping = freight_mapping_new ();
  g_autoptr(FreightDescribeObject) account = test_schema_object ("Account");

  g_assert_false (freight_mapping_is_ready (mapping));
  assert_problems (mapping, "Choose the object to load into.");

  freight_mapping_set_object (mapping, account);
  assert_problems (mapping,
                   "No column is mapped. Map at least one column to a field.\n"
                   "Name: Account Name (Name) is required to create Account records. Map a "
                   "column to it, or set a constant.");
  g_assert_cmpuint (freight_mapping_get_n_errors (mapping), ==, 2);

  freight_mapping_set_source_columns (mapping, columns);
  map (mapping, "Name", "Name");
  map (mapping, "City", "BillingCity");
  map (mapping, "Town", "Nonexistent__c");
  assert_problems (mapping,
                   "Column “City” → BillingCity: The file has no column “City”. Map another "
                   "column, or remove this mapping.\n"
                   "Column “Town” → Nonexistent__c: Account has no field Nonexistent__c. Choose "
                   "another field, or leave the column unmapped.");
  g_assert_cmpuint (freight_mapping_get_n_errors (mapping), ==, 2);
  g_assert_false (freight_mapping_is_ready (mapping));
}

static void
test_validate_writable (void)
{
  g_autoptr(FreightMapping) insert = make_mapping ("Invoice__c", FREIGHT_OPERATION_INSERT, NULL);
  g_autoptr(FreightMapping) update = make_mapping ("Invoice__c", FREIGHT_OPERATION_UPDATE, NULL);

  map (insert, "Amount", "Amount__c");
  map (insert, "Date", "Invoice_Date__c");
  map (insert, "Id", "Id");
  map (insert, "Number", "Name");
  map (insert, "Created", "CreatedDate");
  map (insert, "Approval", "Approval_Status__c");
  assert_problems (insert,
                   "Column “Id” → Id: Salesforce assigns record IDs when it creates records. "
                   "Choose another field, or leave the column unmapped.\n"
                   "Column “Number” → Name: Salesforce numbers this field automatically. Choose "
                   "another field, or leave the column unmapped.\n"
                   "Column “Created” → CreatedDate: This field cannot be set when records are "
                   "created (a system field, or field-level security makes it read-only for "
                   "your user). Choose another field, or leave the column unmapped.\n"
                   "Column “Approval” → Approval_Status__c: This field cannot be set when "
                   "records are created (a system field, or field-level security makes it "
                   "read-only for your user). Choose another field, or leave the column "
                   "unmapped.");

  /* Update: the Id is the key; absent columns stay untouched, so nothing is required. */
  map (update, "Amount", "Amount__c");
  assert_problems (update,
                   "Id: An update needs each record’s ID: map the column that holds the IDs to "
                   "Id.");
  map (update, "Record", "Id");
  assert_problems (update, "");
  g_assert_true (freight_mapping_is_ready (update));
}

static void
test_validate_duplicates (void)
{
  g_autoptr(FreightMapping) mapping = make_mapping ("Contact", FREIGHT_OPERATION_INSERT, NULL);
  g_autoptr(GError) error = NULL;
  FreightMappingEntry *entry;

  map (mapping, "Last", "LastName");
  map (mapping, "Account", "AccountId");

  /* map_column refuses a second column for one field, also through a relationship. */
  entry = freight_mapping_map_column (mapping, "Surname", "lastname", &error);
  g_assert_null (entry);
  g_assert_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_DUPLICATE_TARGET);
  g_assert_cmpstr (error->message, ==,
                   "“Last” already sets LastName. Unmap it first, or choose another field.");
  g_clear_error (&error);
  entry = freight_mapping_map_column (mapping, "Account Key", "Account.External_Id__c", &error);
  g_assert_null (entry);
  g_assert_cmpstr (error->message, ==,
                   "“Account” already sets AccountId. Unmap it first, or choose another field.");
  g_clear_error (&error);
  entry = freight_mapping_map_column (mapping, "X", "Account.", &error);
  g_assert_null (entry);
  g_assert_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_INVALID_TARGET);
  g_clear_error (&error);

  /* Entries added as such (from a file) are kept and reported. */
  add_entry (mapping, "Surname", "LastName");
  add_entry (mapping, "Account Key", "Account.External_Id__c");
  assert_problems (mapping,
                   "Column “Surname” → LastName: “Last” already sets LastName. Keep one of the "
                   "two mappings.\n"
                   "Column “Account Key” → Account.External_Id__c: “Account” already sets "
                   "AccountId. Keep one of the two mappings.");
  g_assert_true (freight_mapping_lookup_target (mapping, "Account.External_Id__c")
                 == freight_mapping_get_entry (mapping, 1));
}

static void
test_validate_required_fields (void)
{
  g_autoptr(FreightMapping) insert = make_mapping ("Opportunity", FREIGHT_OPERATION_INSERT,
                                                   NULL);
  g_autoptr(FreightMapping) upsert = make_mapping ("Opportunity", FREIGHT_OPERATION_UPSERT,
                                                   NULL);
  g_autoptr(GError) error = NULL;

  map (insert, "Name", "Name");
  assert_problems (insert,
                   "StageName: Stage (StageName) is required to create Opportunity records. Map "
                   "a column to it, or set a constant.\n"
                   "CloseDate: Close Date (CloseDate) is required to create Opportunity records. "
                   "Map a column to it, or set a constant.");
  g_assert_nonnull (freight_mapping_set_constant (insert, "Prospecting", "StageName", &error));
  g_assert_no_error (error);
  map (insert, "Close", "CloseDate");
  assert_problems (insert, "");

  freight_mapping_set_external_id_field (upsert, "Id");
  map (upsert, "Id", "Id");
  map (upsert, "Name", "Name");
  assert_problems (upsert,
                   "warning: StageName: Stage (StageName) is required when the upsert creates "
                   "Opportunity records; rows that create records will fail unless a column is "
                   "mapped to it.\n"
                   "warning: CloseDate: Close Date (CloseDate) is required when the upsert "
                   "creates Opportunity records; rows that create records will fail unless a "
                   "column is mapped to it.");
  g_assert_true (freight_mapping_is_ready (upsert));
}

static void
test_validate_upsert_key (void)
{
  g_autoptr(FreightMapping) mapping = make_mapping ("Account", FREIGHT_OPERATION_UPSERT, NULL);

  map (mapping, "Name", "Name");
  assert_problems (mapping,
                   "Choose the field that matches rows to existing records for the upsert: an "
                   "external ID field, or Id.");
  freight_mapping_set_external_id_field (mapping, "Legacy_Id__c");
  assert_problems (mapping,
                   "Legacy_Id__c: Account has no field Legacy_Id__c to match records by. Choose "
                   "an external ID field.");
  freight_mapping_set_external_id_field (mapping, "AccountNumber");
  assert_problems (mapping,
                   "AccountNumber: AccountNumber cannot match records for an upsert: only "
                   "external ID and ID lookup fields can. Choose another field.");
  freight_mapping_set_external_id_field (mapping, "External_Id__c");
  assert_problems (mapping,
                   "External_Id__c: The upsert matches records by External_Id__c, but no column "
                   "is mapped to it. Map the column that holds the external IDs to "
                   "External_Id__c.");
  map (mapping, "Key", "External_Id__c");
  assert_problems (mapping, "");
}

static void
test_validate_delete (void)
{
  g_autoptr(FreightMapping) mapping = make_mapping ("Account", FREIGHT_OPERATION_HARD_DELETE,
                                                    NULL);

  map (mapping, "Name", "Name");
  assert_problems (mapping,
                   "Column “Name” → Name: Delete and hard delete files carry the Id column "
                   "alone. Choose another field, or leave the column unmapped.\n"
                   "Id: A delete needs each record’s ID: map the column that holds the IDs to "
                   "Id.");
  freight_mapping_unmap_column (mapping, "name");
  map (mapping, "Account Id", "Id");
  assert_problems (mapping, "");
  g_assert_true (freight_mapping_is_ready (mapping));
}

static void
test_validate_relationships (void)
{
  g_autoptr(FreightMapping) task = make_mapping ("Task", FREIGHT_OPERATION_INSERT, NULL);
  g_autoptr(FreightMapping) invoice = freight_mapping_new ();
  g_autoptr(FreightDescribeObject) invoice_object = test_schema_object ("Invoice__c");
  g_auto(GStrv) missing = NULL;

  add_entry (task, "A", "Boss.Email");
  add_entry (task, "B", "Who.Email");
  add_entry (task, "C", "User:Owner.Username");
  add_entry (task, "D", "User:Who.Email");
  add_entry (task, "E", "Lead:Who.Nickname__c");
  add_entry (task, "F", "Account:What.Name");
  add_entry (task, "G", "Owner.Username");
  assert_problems (task,
                   "Column “A” → Boss.Email: Task has no lookup named Boss. Choose another "
                   "field, or leave the column unmapped.\n"
                   "Column “B” → Who.Email: Who can point to Contact, Lead: name the object "
                   "before it, as in Contact:Who.Email.\n"
                   "Column “C” → User:Owner.Username: Owner always points to User: write "
                   "Owner.Username without “User:”.\n"
                   "Column “D” → User:Who.Email: Who cannot point to User. Use one of Contact, "
                   "Lead.\n"
                   "Column “E” → Lead:Who.Nickname__c: Lead has no field Nickname__c. Choose an "
                   "external ID field of Lead.\n"
                   "Column “F” → Account:What.Name: Account’s field Name is neither an external "
                   "ID nor an ID lookup field, so Salesforce cannot find parents by it. Choose "
                   "an external ID field of Account.");

  /* Without the parent's describe the path cannot be checked: a warning, and the name of
   * what to fetch. */
  freight_mapping_set_object (invoice, invoice_object);
  map (invoice, "Amount", "Amount__c");
  map (invoice, "Date", "Invoice_Date__c");
  map (invoice, "Account", "Account__r.External_Id__c");
  assert_problems (invoice,
                   "warning: Column “Account” → Account__r.External_Id__c: Freight has not "
                   "loaded the fields of Account, so it cannot check "
                   "Account__r.External_Id__c yet; Salesforce checks it when the job runs.");
  g_assert_true (freight_mapping_is_ready (invoice));
  missing = freight_mapping_dup_missing_related_objects (invoice);
  g_assert_cmpstrv (missing, ((const char *[]) { "Account", NULL }));
  {
    g_autoptr(FreightDescribeObject) account = test_schema_object ("Account");

    freight_mapping_add_related_object (invoice, account);
  }
  assert_problems (invoice, "");
  g_clear_pointer (&missing, g_strfreev);
  missing = freight_mapping_dup_missing_related_objects (invoice);
  g_assert_cmpstrv (missing, ((const char *[]) { NULL }));
}

static void
test_validate_values (void)
{
  g_autoptr(FreightMapping) mapping = make_mapping ("Invoice__c", FREIGHT_OPERATION_INSERT, NULL);
  g_autoptr(FreightValueFormat) format = freight_value_format_new ();
  g_autoptr(GError) error = NULL;
  FreightMappingEntry *date;

  map (mapping, "Amount", "Amount__c");
  date = map (mapping, "Date", "Invoice_Date__c");
  g_assert_nonnull (freight_mapping_set_constant (mapping, "Lost", "Status__c", &error));
  g_assert_nonnull (freight_mapping_set_constant (mapping, "sent", "Description__c", &error));
  g_assert_no_error (error);
  freight_value_format_set_time_zone (format, "Atlantis/Poseidonis");
  freight_mapping_entry_set_format (date, format);
  freight_mapping_entry_set_blank_policy (date, FREIGHT_BLANK_POLICY_CLEAR);
  assert_problems (mapping,
                   "Column “Date” → Invoice_Date__c: Freight does not know the time zone "
                   "“Atlantis/Poseidonis”. Choose one by its region and city, such as "
                   "Europe/Berlin or America/New_York.\n"
                   "Status__c: “Lost” is not a value of the restricted picklist Status__c. Use "
                   "one of: Draft, Sent, Paid, Overdue, Void.");
  freight_value_format_set_time_zone (format, "Europe/Berlin");
  assert_problems (mapping,
                   "Status__c: “Lost” is not a value of the restricted picklist Status__c. Use "
                   "one of: Draft, Sent, Paid, Overdue, Void.");
}

static void
test_validate_signals (void)
{
  g_autoptr(FreightMapping) mapping = make_mapping ("Account", FREIGHT_OPERATION_INSERT, NULL);
  guint changed = 0;
  guint ready = 0;
  FreightMappingEntry *entry;
  const char *columns[] = { "Name", "Phone", NULL };

  g_signal_connect_swapped (mapping, "changed", G_CALLBACK (g_atomic_int_inc), &changed);
  g_signal_connect_swapped (mapping, "notify::ready", G_CALLBACK (g_atomic_int_inc), &ready);

  entry = map (mapping, "Name", "Name");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (ready, ==, 1);
  g_assert_true (freight_mapping_is_ready (mapping));
  freight_mapping_entry_set_blank_policy (entry, FREIGHT_BLANK_POLICY_CLEAR);
  g_assert_cmpuint (changed, ==, 2);
  freight_value_format_set_date_format (freight_mapping_get_default_format (mapping),
                                        FREIGHT_DATE_FORMAT_DMY_DOT);
  g_assert_cmpuint (changed, ==, 3);
  freight_mapping_set_source_columns (mapping, columns);
  freight_mapping_set_source_columns (mapping, columns);
  g_assert_cmpuint (changed, ==, 4);
  /* Auto-map gathers its entries into one change. */
  g_assert_cmpuint (freight_mapping_auto_map (mapping, NULL), ==, 1);
  g_assert_cmpuint (changed, ==, 5);
  freight_mapping_remove_all (mapping);
  g_assert_cmpuint (changed, ==, 6);
  g_assert_cmpuint (ready, ==, 2);
  g_assert_false (freight_mapping_is_ready (mapping));
}

static void
test_json_round_trip (void)
{
  const char *columns[] = { "Street", "City", "Due", "Account Key", "Paid", NULL };
  g_autoptr(FreightMapping) mapping = make_mapping ("Invoice__c", FREIGHT_OPERATION_UPSERT,
                                                    columns);
  g_autoptr(FreightMapping) copy = make_mapping ("Invoice__c", FREIGHT_OPERATION_INSERT, NULL);
  g_autoptr(FreightMapping) other = make_mapping ("Account", FREIGHT_OPERATION_INSERT, NULL);
  g_autoptr(FreightValueFormat) format = freight_value_format_new ();
  g_autoptr(FreightSdlTarget) target = freight_sdl_target_new_field ("Description__c");
  g_autoptr(FreightMappingEntry) joined = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) json_again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  FreightMappingEntry *due;
  const char *street_city[] = { "Street", "City", NULL };

  freight_mapping_set_external_id_field (mapping, "External_Id__c");
  joined = freight_mapping_entry_new_for_columns (street_city, target);
  freight_mapping_entry_set_separator (joined, " / ");
  freight_mapping_add_entry (mapping, joined);
  due = map (mapping, "Due", "Due_Date__c");
  freight_value_format_set_date_format (format, FREIGHT_DATE_FORMAT_DMY_DOT);
  freight_value_format_set_time_zone (format, "Europe/Berlin");
  freight_mapping_entry_set_format (due, format);
  freight_mapping_entry_set_blank_policy (due, FREIGHT_BLANK_POLICY_CLEAR);
  map (mapping, "Account Key", "Account__r.External_Id__c");
  map (mapping, "Account Key", "External_Id__c");
  g_assert_nonnull (freight_mapping_set_constant (mapping, "Draft", "Status__c", &error));
  g_assert_no_error (error);
  freight_value_format_set_true_words (freight_mapping_get_default_format (mapping),
                                       (const char *[]) { "ja", NULL });

  json = freight_mapping_to_json (mapping);
  text = json_to_string (json, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"version\":1,\"object\":\"Invoice__c\",\"operation\":\"upsert\","
                   "\"externalIdField\":\"External_Id__c\",\"defaultFormat\":{\"dateFormat\":"
                   "\"iso\",\"timeZone\":null,\"decimalSeparator\":\"point\",\"digitGrouping\":"
                   "\"none\",\"trueWords\":[\"ja\"],\"falseWords\":[]},\"entries\":["
                   "{\"columns\":[\"Street\",\"City\"],\"separator\":\" / \",\"target\":"
                   "\"Description__c\",\"blank\":\"leave\"},"
                   "{\"columns\":[\"Due\"],\"target\":\"Due_Date__c\",\"blank\":\"clear\","
                   "\"format\":{\"dateFormat\":\"dmy-dot\",\"timeZone\":\"Europe/Berlin\","
                   "\"decimalSeparator\":\"point\",\"digitGrouping\":\"none\",\"trueWords\":[],"
                   "\"falseWords\":[]}},"
                   "{\"columns\":[\"Account Key\"],\"target\":\"Account__r.External_Id__c\","
                   "\"blank\":\"leave\"},"
                   "{\"columns\":[\"Account Key\"],\"target\":\"External_Id__c\",\"blank\":"
                   "\"leave\"},"
                   "{\"constant\":\"Draft\",\"target\":\"Status__c\",\"blank\":\"leave\"}]}");

  g_assert_true (freight_mapping_load_json (copy, json, &error));
  g_assert_no_error (error);
  g_assert_cmpint (freight_mapping_get_operation (copy), ==, FREIGHT_OPERATION_UPSERT);
  g_assert_cmpstr (freight_mapping_get_external_id_field (copy), ==, "External_Id__c");
  json_again = freight_mapping_to_json (copy);
  text_again = json_to_string (json_again, FALSE);
  g_assert_cmpstr (text_again, ==, text);

  /* A mapping saved for another object is refused, and nothing changes. */
  g_assert_false (freight_mapping_load_json (other, json, &error));
  g_assert_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The saved mapping is for Invoice__c, not Account. Choose a mapping for "
                   "Account.");
  g_assert_cmpuint (freight_mapping_get_n_entries (other), ==, 0);
  g_clear_error (&error);

  {
    static const char * const bad[] = {
      "[]",
      "{\"version\": 2, \"operation\": \"insert\", \"entries\": []}",
      "{\"version\": 1, \"operation\": \"merge\", \"entries\": []}",
      "{\"version\": 1, \"operation\": \"insert\"}",
      "{\"version\": 1, \"operation\": \"insert\", \"entries\": [{\"target\": \"Name\"}]}",
      "{\"version\": 1, \"operation\": \"insert\", \"entries\": "
      "[{\"columns\": [\"A\"], \"target\": \"A.\"}]}",
      "{\"version\": 1, \"operation\": \"insert\", \"entries\": "
      "[{\"columns\": [\"A\"], \"target\": \"Name\", \"blank\": \"zero\"}]}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(JsonNode) node = test_parse_json (bad[i]);

        g_assert_false (freight_mapping_load_json (copy, node, &error));
        g_assert_nonnull (error);
        g_clear_error (&error);
      }
    g_assert_cmpuint (freight_mapping_get_n_entries (copy), ==, 5);
  }
}

static void
test_memory_key (void)
{
  const char *header[] = { "Name", "Phone", NULL };
  const char *reordered[] = { "PHONE", "name", NULL };
  const char *other[] = { "Name", "Fax", NULL };
  g_autofree char *key = freight_mapping_dup_memory_key ("00D5j00000FrEiG", "Account", header);
  g_autofree char *same = freight_mapping_dup_memory_key ("00D5j00000FrEiG", "account",
                                                          reordered);
  g_autofree char *different = freight_mapping_dup_memory_key ("00D5j00000FrEiG", "Account",
                                                               other);
  g_autofree char *other_org = freight_mapping_dup_memory_key ("00D000000000001", "Account",
                                                               header);

  g_assert_cmpuint (strlen (key), ==, 64);
  g_assert_cmpstr (key, ==, same);
  g_assert_cmpstr (key, !=, different);
  g_assert_cmpstr (key, !=, other_org);
}

static FreightSdlMapping *
sdl_from_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  FreightSdlMapping *sdl;

  sdl = freight_sdl_mapping_new_from_bytes (bytes, "test.sdl", FREIGHT_SDL_DIRECTION_LOAD,
                                            &error);
  g_assert_no_error (error);
  return sdl;
}

static char *
sdl_to_text (FreightSdlMapping *sdl)
{
  g_autoptr(GBytes) bytes = freight_sdl_mapping_to_bytes (sdl);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_sdl_round_trip (void)
{
  const char *columns[] = {
    "LAST", "STREET1", "STREET2", "STATE", "ACCOUNT_EXT", "LEAD_EMAIL", "SYSTEMMODSTAMP", NULL,
  };
  g_autoptr(FreightSdlMapping) sdl = sdl_from_text (
    "# Data Loader mapping\n"
    "LAST=LastName\n"
    "STREET1,STREET2=MailingStreet\n"
    "STATE=MailingState, OtherState\n"
    "ACCOUNT_EXT=Account\\:Account-External_Id__c\n"
    "\"Web\"=LeadSource\n"
    "SYSTEMMODSTAMP=\n");
  g_autoptr(FreightSdlMapping) task_sdl = sdl_from_text (
    "LEAD_EMAIL=Who\\:Lead-Email\n"
    "\"Call\"=Subject\n");
  g_autoptr(FreightMapping) mapping = make_mapping ("Contact", FREIGHT_OPERATION_INSERT,
                                                    columns);
  g_autoptr(FreightMapping) task = make_mapping ("Task", FREIGHT_OPERATION_INSERT, columns);
  g_autoptr(FreightMapping) again = make_mapping ("Contact", FREIGHT_OPERATION_INSERT, columns);
  g_autoptr(FreightSdlMapping) written = NULL;
  g_autoptr(FreightSdlMapping) written_again = NULL;
  g_autoptr(FreightSdlMapping) export = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *task_text = NULL;

  g_assert_true (freight_mapping_load_sdl (mapping, sdl, &error));
  g_assert_no_error (error);
  /* Not polymorphic: Data Loader's object type goes, as the Bulk API wants. */
  assert_entries (mapping, "“LAST”→LastName; “STREET1”, “STREET2”→MailingStreet; "
                  "“STATE”→MailingState; “STATE”→OtherState; "
                  "“ACCOUNT_EXT”→Account.External_Id__c; the constant “Web”→LeadSource");
  assert_problems (mapping, "");

  written = freight_mapping_to_sdl (mapping, &error);
  g_assert_no_error (error);
  text = sdl_to_text (written);
  g_assert_cmpstr (text, ==,
                   "#Mapping values\n"
                   "LAST=LastName\n"
                   "STREET1,STREET2=MailingStreet\n"
                   "STATE=MailingState, OtherState\n"
                   "ACCOUNT_EXT=Account\\:External_Id__c\n"
                   "\"Web\"=LeadSource\n"
                   "LEAD_EMAIL=\n"
                   "SYSTEMMODSTAMP=\n");
  g_assert_true (freight_mapping_load_sdl (again, written, &error));
  written_again = freight_mapping_to_sdl (again, &error);
  g_assert_no_error (error);
  g_assert_true (freight_sdl_mapping_equal (written, written_again));

  /* Polymorphic: the object type stays, in Data Loader's form. */
  g_assert_true (freight_mapping_load_sdl (task, task_sdl, &error));
  assert_entries (task, "“LEAD_EMAIL”→Lead:Who.Email; the constant “Call”→Subject");
  g_clear_pointer (&written, freight_sdl_mapping_unref);
  freight_mapping_set_source_columns (task, NULL);
  written = freight_mapping_to_sdl (task, &error);
  task_text = sdl_to_text (written);
  g_assert_cmpstr (task_text, ==,
                   "#Mapping values\n"
                   "LEAD_EMAIL=Who\\:Lead-Email\n"
                   "\"Call\"=Subject\n");

  /* Export mappings are not load mappings. */
  export = freight_sdl_mapping_new (FREIGHT_SDL_DIRECTION_EXTRACT);
  g_assert_false (freight_mapping_load_sdl (task, export, &error));
  g_assert_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_INVALID);
  g_assert_cmpuint (freight_mapping_get_n_entries (task), ==, 2);
}

static void
test_plan (void)
{
  const char *columns[] = { "Key", "Amount", "Date", "Sent", "Street", "City", "Acct", NULL };
  const char *file_header[] = {
    "city", "street", "amount", "date", "sent", "key", "acct", "ignored", NULL,
  };
  g_autoptr(FreightMapping) mapping = make_mapping ("Invoice__c", FREIGHT_OPERATION_UPSERT,
                                                    columns);
  g_autoptr(FreightSdlTarget) description = freight_sdl_target_new_field ("Description__c");
  g_autoptr(FreightMappingEntry) joined = NULL;
  g_autoptr(FreightMappingPlan) plan = NULL;
  g_autoptr(FreightMappedRow) row = NULL;
  g_autoptr(GError) error = NULL;
  const char *street_city[] = { "Street", "City", NULL };
  const char *fields[] = {
    "Berlin", "Hauptstr. 1", "1.234,50", "31.03.2024", "31.03.2024 02:30", "INV-1", "ACC-1",
    "x",
  };
  gsize lengths[G_N_ELEMENTS (fields)];
  FreightMappingEntry *sent;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    lengths[i] = strlen (fields[i]);

  /* Not ready: no plan. */
  plan = freight_mapping_plan_new (mapping, file_header, &error);
  g_assert_null (plan);
  g_assert_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_NOT_READY);
  g_clear_error (&error);

  freight_mapping_set_external_id_field (mapping, "External_Id__c");
  map (mapping, "Key", "External_Id__c");
  map (mapping, "Amount", "Amount__c");
  map (mapping, "Date", "Invoice_Date__c");
  sent = map (mapping, "Sent", "Sent_At__c");
  map (mapping, "Acct", "Account__r.External_Id__c");
  map (mapping, "Key", "Contact_Email__c");
  joined = freight_mapping_entry_new_for_columns (street_city, description);
  freight_mapping_add_entry (mapping, joined);
  g_assert_nonnull (freight_mapping_set_constant (mapping, "sent", "Status__c", &error));
  freight_value_format_set_date_format (freight_mapping_get_default_format (mapping),
                                        FREIGHT_DATE_FORMAT_DMY_DOT);
  freight_value_format_set_decimal_separator (freight_mapping_get_default_format (mapping),
                                              FREIGHT_DECIMAL_SEPARATOR_COMMA);
  freight_value_format_set_digit_grouping (freight_mapping_get_default_format (mapping),
                                           FREIGHT_DIGIT_GROUPING_POINT);
  freight_value_format_set_time_zone (freight_mapping_get_default_format (mapping),
                                      "Europe/Berlin");
  assert_problems (mapping, "");

  plan = freight_mapping_plan_new (mapping, file_header, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (freight_mapping_plan_get_header (plan),
                    ((const char *[]) { "External_Id__c", "Amount__c", "Invoice_Date__c",
                                        "Sent_At__c", "Account__r.External_Id__c",
                                        "Contact_Email__c", "Description__c", "Status__c",
                                        NULL }));
  g_assert_cmpuint (freight_mapping_plan_get_n_outputs (plan), ==, 8);
  g_assert_cmpint (freight_mapping_plan_get_operation (plan), ==, FREIGHT_OPERATION_UPSERT);
  g_assert_cmpstr (freight_mapping_plan_get_object_name (plan), ==, "Invoice__c");
  g_assert_cmpstr (freight_mapping_plan_get_output_source (plan, 6), ==, "Street, City");
  g_assert_null (freight_mapping_plan_get_output_source (plan, 7));
  g_assert_cmpstr (freight_describe_field_get_name (freight_mapping_plan_get_output_field (plan,
                                                                                            4)),
                   ==, "Account__c");
  g_assert_cmpstr (freight_describe_field_get_name (
                     freight_mapping_plan_get_output_value_field (plan, 4)),
                   ==, "External_Id__c");
  g_assert_cmpint (freight_mapping_plan_get_output_requirement (plan, 0), ==,
                   FREIGHT_REQUIREMENT_ERROR);
  g_assert_cmpint (freight_mapping_plan_get_output_requirement (plan, 1), ==,
                   FREIGHT_REQUIREMENT_WARNING);
  g_assert_cmpint (freight_mapping_plan_get_output_requirement (plan, 3), ==,
                   FREIGHT_REQUIREMENT_NONE);
  {
    gboolean case_sensitive = TRUE;

    g_assert_true (freight_mapping_plan_output_is_unique (plan, 0, &case_sensitive));
    g_assert_false (case_sensitive);
    g_assert_false (freight_mapping_plan_output_is_unique (plan, 4, NULL));
  }
  g_assert_cmpint (freight_mapping_plan_get_id_output (plan), ==, -1);

  /* Changing the mapping afterwards does not touch the plan. */
  freight_mapping_entry_set_blank_policy (sent, FREIGHT_BLANK_POLICY_CLEAR);

  row = freight_mapped_row_new (plan);
  g_assert_false (freight_mapping_plan_map_row (plan, fields, lengths, G_N_ELEMENTS (fields),
                                                row));
  g_assert_cmpuint (freight_mapped_row_get_n_errors (row), ==, 2);
  g_assert_cmpstr (freight_mapped_row_get_value (row, 0, NULL), ==, "INV-1");
  g_assert_cmpstr (freight_mapped_row_get_value (row, 1, NULL), ==, "1234.50");
  g_assert_cmpstr (freight_mapped_row_get_value (row, 2, NULL), ==, "2024-03-31");
  g_assert_error (freight_mapped_row_get_error (row, 3), FREIGHT_TRANSFORM_ERROR,
                  FREIGHT_TRANSFORM_ERROR_NONEXISTENT_TIME);
  g_assert_cmpstr (freight_mapped_row_get_value (row, 4, NULL), ==, "ACC-1");
  g_assert_error (freight_mapped_row_get_error (row, 5), FREIGHT_TRANSFORM_ERROR,
                  FREIGHT_TRANSFORM_ERROR_INVALID_EMAIL);
  g_assert_cmpstr (freight_mapped_row_get_value (row, 6, NULL), ==, "Hauptstr. 1, Berlin");
  g_assert_cmpstr (freight_mapped_row_get_source_value (row, 6, NULL), ==,
                   "Hauptstr. 1, Berlin");
  g_assert_cmpstr (freight_mapped_row_get_value (row, 7, NULL), ==, "Sent");
  g_assert_cmpint (freight_mapped_row_get_flags (row, 7), ==, FREIGHT_TRANSFORM_CORRECTED);

  /* Blank parts are skipped when joining; missing fields count as blank. */
  fields[1] = "";
  lengths[1] = 0;
  fields[4] = "31.03.2024 03:30";
  lengths[4] = strlen (fields[4]);
  fields[5] = "inv@example.com";
  lengths[5] = strlen (fields[5]);
  g_assert_true (freight_mapping_plan_map_row (plan, fields, lengths, 6, row));
  g_assert_cmpstr (freight_mapped_row_get_value (row, 3, NULL), ==, "2024-03-31T01:30:00.000Z");
  g_assert_cmpstr (freight_mapped_row_get_value (row, 4, NULL), ==, "");
  g_assert_cmpint (freight_mapped_row_get_flags (row, 4), ==, FREIGHT_TRANSFORM_BLANK);
  g_assert_cmpstr (freight_mapped_row_get_value (row, 6, NULL), ==, "Berlin");

  /* A file without a mapped column cannot have a plan. */
  {
    const char *short_header[] = { "key", "amount", NULL };
    g_autoptr(FreightMappingPlan) none = freight_mapping_plan_new (mapping, short_header,
                                                                   &error);

    g_assert_null (none);
    g_assert_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==,
                     "The file has no column “Date”, which the mapping reads for "
                     "Invoice_Date__c. Map another column, or choose the file the mapping was "
                     "made for.");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/freight/mapping/auto-map/exact-and-label", test_auto_map_exact_and_label);
  g_test_add_func ("/freight/mapping/auto-map/loose", test_auto_map_loose);
  g_test_add_func ("/freight/mapping/auto-map/relationships", test_auto_map_relationships);
  g_test_add_func ("/freight/mapping/auto-map/ambiguous", test_auto_map_ambiguous);
  g_test_add_func ("/freight/mapping/auto-map/operations", test_auto_map_operations);
  g_test_add_func ("/freight/mapping/validate/object-and-columns",
                   test_validate_object_and_columns);
  g_test_add_func ("/freight/mapping/validate/writable", test_validate_writable);
  g_test_add_func ("/freight/mapping/validate/duplicates", test_validate_duplicates);
  g_test_add_func ("/freight/mapping/validate/required-fields", test_validate_required_fields);
  g_test_add_func ("/freight/mapping/validate/upsert-key", test_validate_upsert_key);
  g_test_add_func ("/freight/mapping/validate/delete", test_validate_delete);
  g_test_add_func ("/freight/mapping/validate/relationships", test_validate_relationships);
  g_test_add_func ("/freight/mapping/validate/values", test_validate_values);
  g_test_add_func ("/freight/mapping/validate/signals", test_validate_signals);
  g_test_add_func ("/freight/mapping/json-round-trip", test_json_round_trip);
  g_test_add_func ("/freight/mapping/memory-key", test_memory_key);
  g_test_add_func ("/freight/mapping/sdl-round-trip", test_sdl_round_trip);
  g_test_add_func ("/freight/mapping/plan", test_plan);
  return g_test_run ();
}
