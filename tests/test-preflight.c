/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "test-util.h"

typedef struct
{
  char *directory;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->directory = g_dir_make_tmp ("freight-test-preflight-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->directory, 0, NULL);
  const char *name;

  /* Whatever is left here a result forgot to delete. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->directory, name, NULL);

      if (!g_str_has_suffix (name, ".csv"))
        g_error ("left behind: %s", path);
      g_unlink (path);
    }
  g_rmdir (fixture->directory);
  g_free (fixture->directory);
}

static GFile *
write_csv (Fixture    *fixture,
           const char *name,
           const char *content)
{
  g_autofree char *path = g_build_filename (fixture->directory, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, content, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static FreightMapping *
make_mapping (const char         *object,
              FreightOperation    operation,
              const char * const *columns)
{
  static const char * const objects[] = { "Account", "Contact", "User", "Invoice__c", NULL };
  FreightMapping *mapping = freight_mapping_new ();

  for (guint i = 0; objects[i] != NULL; i++)
    {
      g_autoptr(FreightDescribeObject) describe = test_schema_object (objects[i]);

      if (g_str_equal (objects[i], object))
        freight_mapping_set_object (mapping, describe);
      else
        freight_mapping_add_related_object (mapping, describe);
    }
  freight_mapping_set_operation (mapping, operation);
  freight_mapping_set_source_columns (mapping, columns);
  return mapping;
}

static void
map (FreightMapping *mapping,
     const char     *column,
     const char     *target)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (freight_mapping_map_column (mapping, column, target, &error));
  g_assert_no_error (error);
}

static FreightPreflight *
make_preflight (Fixture            *fixture,
                FreightMapping     *mapping,
                GFile              *file)
{
  g_autoptr(FreightMappingPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) directory = g_file_new_for_path (fixture->directory);
  FreightPreflight *preflight;

  plan = freight_mapping_plan_new (mapping, freight_mapping_get_source_columns (mapping),
                                   &error);
  g_assert_no_error (error);
  preflight = freight_preflight_new (plan, file, NULL);
  freight_preflight_set_temp_directory (preflight, directory);
  return preflight;
}

static FreightPreflightResult *
run (Fixture        *fixture,
     FreightMapping *mapping,
     GFile          *file)
{
  g_autoptr(FreightPreflight) preflight = make_preflight (fixture, mapping, file);
  g_autoptr(GError) error = NULL;
  FreightPreflightResult *result;

  result = freight_preflight_run (preflight, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* One line per listed problem: "row/line severity kind column|field: message" */
static char *
problems_text (FreightPreflightResult *result)
{
  GListModel *problems = freight_preflight_result_get_problems (result);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(FreightProblem) problem = g_list_model_get_item (problems, i);
      GEnumClass *kinds = g_type_class_ref (FREIGHT_TYPE_PROBLEM_KIND);

      g_string_append_printf (text, "%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " %s %s %s|%s: "
                              "%s\n",
                              freight_problem_get_row (problem),
                              freight_problem_get_line (problem),
                              freight_problem_get_severity (problem) == FREIGHT_PROBLEM_ERROR
                              ? "error" : "warning",
                              g_enum_get_value (kinds, freight_problem_get_kind (problem))
                                ->value_nick,
                              freight_problem_get_column (problem) != NULL
                              ? freight_problem_get_column (problem) : "-",
                              freight_problem_get_field (problem) != NULL
                              ? freight_problem_get_field (problem) : "-",
                              freight_problem_get_message (problem));
      g_type_class_unref (kinds);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
exclusions_text (FreightPreflightResult *result)
{
  g_autoptr(FreightExclusionCursor) cursor = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint64 row;
  const char *reason;

  cursor = freight_preflight_result_open_exclusions (result, &error);
  g_assert_no_error (error);
  while (freight_exclusion_cursor_next (cursor, &row, &reason, &error))
    g_string_append_printf (text, "%" G_GUINT64_FORMAT ": %s\n", row, reason);
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char invoice_csv[] =
  "Key,Amount,Date,Sent,Status,Email,Account,Paid\n"
  "INV-1,100,01.03.2024,01.03.2024 10:00,Draft,a@example.com,ACC-1,ja\n"
  "INV-2,,02.03.2024,,Sent,,ACC-1,nein\n"
  "INV-3,100,31.02.2024,,draft,,,\n"
  "INV-4,100,04.03.2024,,Lost,,,\n"
  "INV-5-0123456789012345678901234567890123456789,100,05.03.2024,,,,,\n"
  "inv-1,100,06.03.2024,,,,,\n"
  "INV-7,100,07.03.2024\n"
  "INV-8,\"12,345\",08.03.2024,27.10.2024 02:30,,,,\n"
  "INV-9,100,09.03.2024,,,,,vielleicht\n"
  "INV-10,100,10.03.2024,31.03.2024 02:30,,not-an-email,,\n"
  "\"INV-11\",\"1.000\",\"11.03.2024\",,,,\"ACC\n2\",\n"
  "INV-12,abc,12.03.2024,,,,,\n";

static FreightMapping *
invoice_mapping (void)
{
  const char *columns[] = {
    "Key", "Amount", "Date", "Sent", "Status", "Email", "Account", "Paid", NULL,
  };
  FreightMapping *mapping = make_mapping ("Invoice__c", FREIGHT_OPERATION_INSERT, columns);
  FreightValueFormat *format = freight_mapping_get_default_format (mapping);

  map (mapping, "Key", "External_Id__c");
  map (mapping, "Amount", "Amount__c");
  map (mapping, "Date", "Invoice_Date__c");
  map (mapping, "Sent", "Sent_At__c");
  map (mapping, "Status", "Status__c");
  map (mapping, "Email", "Contact_Email__c");
  map (mapping, "Account", "Account__r.External_Id__c");
  map (mapping, "Paid", "Paid__c");
  freight_value_format_set_date_format (format, FREIGHT_DATE_FORMAT_DMY_DOT);
  freight_value_format_set_time_zone (format, "Europe/Berlin");
  freight_value_format_set_decimal_separator (format, FREIGHT_DECIMAL_SEPARATOR_COMMA);
  freight_value_format_set_digit_grouping (format, FREIGHT_DIGIT_GROUPING_POINT);
  freight_value_format_set_true_words (format, (const char *[]) { "ja", NULL });
  freight_value_format_set_false_words (format, (const char *[]) { "nein", NULL });
  g_assert_true (freight_mapping_is_ready (mapping));
  return mapping;
}

static void
test_preflight_every_kind (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(FreightMapping) mapping = invoice_mapping ();
  g_autoptr(GFile) file = write_csv (fixture, "invoices.csv", invoice_csv);
  g_autoptr(FreightPreflightResult) result = run (fixture, mapping, file);
  g_autofree char *problems = problems_text (result);

  g_assert_cmpstr (problems, ==,
    "2/3 error required-blank Amount|Amount__c: Amount (Amount__c) is blank, but Salesforce "
    "needs it to create the record. Fill it, or exclude the row.\n"
    "3/4 error invalid-value Date|Invoice_Date__c: “31.02.2024” is not a valid date: month 2 "
    "of 2024 has 29 days.\n"
    "4/5 error not-in-picklist Status|Status__c: “Lost” is not a value of the restricted "
    "picklist Status__c. Use one of: Draft, Sent, Paid, Overdue, Void.\n"
    "5/6 error too-long Key|External_Id__c: “INV-5-012345678901234567890123456789012…” has 46 "
    "characters, but External_Id__c holds at most 40. Shorten the value.\n"
    "6/7 error duplicate-key Key|External_Id__c: “inv-1” repeats the External_Id__c of row 1 "
    "(line 2); Salesforce rejects a key that appears twice in one load. Keep one of the rows.\n"
    "7/8 error csv-row -|-: invoices.csv: line 8, column 4 (“Sent”): this row has 3 fields, "
    "but the header has 8 columns\n"
    "8/9 warning ambiguous-time Sent|Sent_At__c: “27.10.2024 02:30” happens twice in "
    "Europe/Berlin because clocks go back that night; Freight sends the first, "
    "2024-10-27T00:30:00.000Z. Write the UTC offset to choose the second.\n"
    "8/9 warning rounded Amount|Amount__c: “12,345” has more decimals than Amount__c keeps "
    "(2), so it is sent rounded: 12.35.\n"
    "9/10 error invalid-value Paid|Paid__c: “vielleicht” is neither true nor false for "
    "Paid__c. Use true/false, yes/no, 1/0, ja/nein.\n"
    "10/11 error invalid-value Sent|Sent_At__c: “31.03.2024 02:30” does not exist in "
    "Europe/Berlin: clocks jump from 02:00 to 03:00 that night. Correct the time, or write it "
    "with its UTC offset (such as +01:00).\n"
    "10/11 error invalid-value Email|Contact_Email__c: “not-an-email” is not an email address "
    "such as name@example.com.\n"
    "12/14 error invalid-value Amount|Amount__c: “abc” is not a number written with “,” as "
    "decimal separator and “.” between groups of thousands. Correct the value, or change the "
    "column’s number format.\n");

  g_assert_cmpuint (freight_preflight_result_get_n_rows (result), ==, 12);
  g_assert_cmpuint (freight_preflight_result_get_n_error_rows (result), ==, 9);
  g_assert_cmpuint (freight_preflight_result_get_n_warning_rows (result), ==, 1);
  g_assert_cmpuint (freight_preflight_result_get_n_problems (result), ==, 12);
  g_assert_cmpuint (freight_preflight_result_get_count (result, FREIGHT_PROBLEM_INVALID_VALUE),
                    ==, 5);
  g_assert_cmpuint (freight_preflight_result_get_count (result, FREIGHT_PROBLEM_DUPLICATE_KEY),
                    ==, 1);
  g_assert_cmpuint (freight_preflight_result_get_count (result, FREIGHT_PROBLEM_CSV_ROW), ==, 1);
  g_assert_cmpuint (freight_preflight_result_get_count (result, FREIGHT_PROBLEM_ROUNDED), ==, 1);
  g_assert_cmpuint (freight_preflight_result_get_count (result, FREIGHT_PROBLEM_TOO_LONG), ==, 1);
  g_assert_cmpuint (freight_preflight_result_get_count (result,
                                                        FREIGHT_PROBLEM_NOT_IN_PICKLIST), ==, 1);
  g_assert_cmpuint (freight_preflight_result_get_count (result,
                                                        FREIGHT_PROBLEM_REQUIRED_BLANK), ==, 1);
}

static void
test_preflight_exclusions (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(FreightMapping) mapping = invoice_mapping ();
  g_autoptr(GFile) file = write_csv (fixture, "invoices.csv", invoice_csv);
  g_autoptr(FreightPreflightResult) result = run (fixture, mapping, file);
  g_autoptr(FreightExclusionCursor) cursor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *reason = NULL;
  const char *cursor_reason;
  guint notified = 0;
  guint64 line;
  FreightProblemKind kind;

  g_signal_connect_swapped (result, "notify::n-excluded", G_CALLBACK (g_atomic_int_inc),
                            &notified);

  /* Nothing is excluded until the user says so. */
  g_assert_cmpuint (freight_preflight_result_get_n_excluded (result), ==, 0);
  text = exclusions_text (result);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  g_assert_false (freight_preflight_result_is_row_excluded (result, 3, NULL));

  g_assert_true (freight_preflight_result_lookup_error_row (result, 10, &line, &kind,
                                                            &reason));
  g_assert_cmpuint (line, ==, 11);
  g_assert_cmpint (kind, ==, FREIGHT_PROBLEM_INVALID_VALUE);
  g_assert_cmpstr (reason, ==,
                   "Column “Sent” → Sent_At__c: “31.03.2024 02:30” does not exist in "
                   "Europe/Berlin: clocks jump from 02:00 to 03:00 that night. Correct the time, "
                   "or write it with its UTC offset (such as +01:00).");
  g_clear_pointer (&reason, g_free);
  g_assert_false (freight_preflight_result_lookup_error_row (result, 8, NULL, NULL, NULL));

  freight_preflight_result_set_exclude_rows_with_errors (result, TRUE);
  g_assert_cmpuint (freight_preflight_result_get_n_excluded (result), ==, 9);
  text = exclusions_text (result);
  g_assert_cmpstr (text, ==,
    "2: Column “Amount” → Amount__c: Amount (Amount__c) is blank, but Salesforce needs it to "
    "create the record. Fill it, or exclude the row.\n"
    "3: Column “Date” → Invoice_Date__c: “31.02.2024” is not a valid date: month 2 of 2024 "
    "has 29 days.\n"
    "4: Column “Status” → Status__c: “Lost” is not a value of the restricted picklist "
    "Status__c. Use one of: Draft, Sent, Paid, Overdue, Void.\n"
    "5: Column “Key” → External_Id__c: “INV-5-012345678901234567890123456789012…” has 46 "
    "characters, but External_Id__c holds at most 40. Shorten the value.\n"
    "6: Column “Key” → External_Id__c: “inv-1” repeats the External_Id__c of row 1 (line 2); "
    "Salesforce rejects a key that appears twice in one load. Keep one of the rows.\n"
    "7: invoices.csv: line 8, column 4 (“Sent”): this row has 3 fields, but the header has 8 "
    "columns\n"
    "9: Column “Paid” → Paid__c: “vielleicht” is neither true nor false for Paid__c. Use "
    "true/false, yes/no, 1/0, ja/nein.\n"
    "10: Column “Sent” → Sent_At__c: “31.03.2024 02:30” does not exist in Europe/Berlin: "
    "clocks jump from 02:00 to 03:00 that night. Correct the time, or write it with its UTC "
    "offset (such as +01:00).\n"
    "12: Column “Amount” → Amount__c: “abc” is not a number written with “,” as decimal "
    "separator and “.” between groups of thousands. Correct the value, or change the "
    "column’s number format.\n");
  g_clear_pointer (&text, g_free);

  /* Single rows: one with errors back in, one without errors out. */
  freight_preflight_result_include_row (result, 4);
  freight_preflight_result_exclude_row (result, 8);
  freight_preflight_result_exclude_row (result, 9);
  g_assert_cmpuint (freight_preflight_result_get_n_excluded (result), ==, 9);
  g_assert_false (freight_preflight_result_is_row_excluded (result, 4, NULL));
  g_assert_true (freight_preflight_result_is_row_excluded (result, 8, &reason));
  g_assert_cmpstr (reason, ==, "Excluded by you in the review before the load.");
  g_clear_pointer (&reason, g_free);
  g_assert_true (freight_preflight_result_is_row_excluded (result, 12, NULL));

  /* The cursor is a snapshot, asked row by row as a load streams its source. */
  cursor = freight_preflight_result_open_exclusions (result, &error);
  g_assert_no_error (error);
  freight_preflight_result_set_exclude_rows_with_errors (result, FALSE);
  g_assert_cmpuint (freight_preflight_result_get_n_excluded (result), ==, 2);
  for (guint64 row = 1; row <= 12; row++)
    {
      gboolean excluded = freight_exclusion_cursor_contains (cursor, row, &cursor_reason,
                                                             &error);

      g_assert_no_error (error);
      g_assert_cmpint (excluded, ==, row != 1 && row != 4 && row != 11);
      if (row == 8)
        g_assert_cmpstr (cursor_reason, ==, "Excluded by you in the review before the load.");
      if (row == 9)
        g_assert_true (g_str_has_prefix (cursor_reason, "Column “Paid” → Paid__c: "));
    }

  text = exclusions_text (result);
  g_assert_cmpstr (text, ==,
    "8: Excluded by you in the review before the load.\n"
    "9: Column “Paid” → Paid__c: “vielleicht” is neither true nor false for Paid__c. Use "
    "true/false, yes/no, 1/0, ja/nein.\n");
  g_assert_cmpuint (notified, ==, 4);
}

static void
test_preflight_ids (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *columns[] = { "Id", "Name", NULL };
  const char *delete_columns[] = { "Id", NULL };
  g_autoptr(FreightMapping) update = make_mapping ("Account", FREIGHT_OPERATION_UPDATE,
                                                   columns);
  g_autoptr(FreightMapping) delete = make_mapping ("Account", FREIGHT_OPERATION_DELETE,
                                                   delete_columns);
  g_autoptr(GFile) file = write_csv (fixture, "accounts.csv",
                                     "Id,Name\n"
                                     "001A0000006Vm9rIAC,Acme\n"
                                     "001A0000006Vm9r,Acme again\n"
                                     "001A0000006VM9R,Different case\n"
                                     ",Nameless\n"
                                     "001A0000006Vm9rIAD,Bad checksum\n"
                                     "001-bad,Malformed\n");
  g_autoptr(GFile) delete_file = write_csv (fixture, "delete.csv",
                                            "Id\n0013h00000Ffg18AAB\n\n0013h00000Ffg18\n");
  g_autoptr(FreightPreflightResult) result = NULL;
  g_autoptr(FreightPreflightResult) delete_result = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *delete_problems = NULL;

  map (update, "Id", "Id");
  map (update, "Name", "Name");
  result = run (fixture, update, file);
  problems = problems_text (result);
  /* 15 and 18 characters name the same record; a 15-character id differs by case. */
  g_assert_cmpstr (problems, ==,
    "2/3 error duplicate-key Id|Id: “001A0000006Vm9r” repeats the Id of row 1 (line 2); "
    "Salesforce rejects a key that appears twice in one load. Keep one of the rows.\n"
    "4/5 error missing-row-id Id|Id: The row has no Id: an update needs the ID of the record to "
    "change. Fill it, or exclude the row.\n"
    "5/6 error invalid-id Id|Id: “001A0000006Vm9rIAD” is not a Salesforce record ID: an ID has "
    "15 or 18 letters and digits, and the last 3 of an 18-character ID must match the case of "
    "the first 15.\n"
    "6/7 error invalid-id Id|Id: “001-bad” is not a Salesforce record ID: an ID has 15 or 18 "
    "letters and digits, and the last 3 of an 18-character ID must match the case of the first "
    "15.\n");

  /* In a file of one column, an empty line is a row without an Id. */
  map (delete, "Id", "Id");
  delete_result = run (fixture, delete, delete_file);
  delete_problems = problems_text (delete_result);
  g_assert_cmpuint (freight_preflight_result_get_n_rows (delete_result), ==, 3);
  g_assert_cmpstr (delete_problems, ==,
    "2/3 error missing-row-id Id|Id: The row has no Id: a delete needs the ID of the record to "
    "delete. Fill it, or exclude the row.\n"
    "3/4 error duplicate-key Id|Id: “0013h00000Ffg18” repeats the Id of row 1 (line 2); "
    "Salesforce rejects a key that appears twice in one load. Keep one of the rows.\n");
}

static void
test_preflight_upsert (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *columns[] = { "Key", "Name", "Parent", NULL };
  g_autoptr(FreightMapping) mapping = make_mapping ("Account", FREIGHT_OPERATION_UPSERT,
                                                    columns);
  g_autoptr(GFile) file = write_csv (fixture, "upsert.csv",
                                     "Key,Name,Parent\n"
                                     "A-1,Acme,\n"
                                     "A-2,,A-1\n"
                                     ",Nokey,\n"
                                     "A-1,Acme Again,\n");
  g_autoptr(FreightPreflightResult) result = NULL;
  g_autofree char *problems = NULL;

  freight_mapping_set_external_id_field (mapping, "External_Id__c");
  map (mapping, "Key", "External_Id__c");
  map (mapping, "Name", "Name");
  map (mapping, "Parent", "Parent.External_Id__c");
  result = run (fixture, mapping, file);
  problems = problems_text (result);
  g_assert_cmpstr (problems, ==,
    "2/3 warning required-blank Name|Name: Account Name (Name) is blank; if this row creates a "
    "record, Salesforce refuses it.\n"
    "3/4 error required-blank Key|External_Id__c: External ID (External_Id__c) is blank: the "
    "upsert matches records by it. Fill it, or exclude the row.\n"
    "4/5 error duplicate-key Key|External_Id__c: “A-1” repeats the External_Id__c of row 1 "
    "(line 2); Salesforce rejects a key that appears twice in one load. Keep one of the rows.\n");
  g_assert_cmpuint (freight_preflight_result_get_n_error_rows (result), ==, 2);
  g_assert_cmpuint (freight_preflight_result_get_n_warning_rows (result), ==, 1);
}

static void
test_preflight_header_changed (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *columns[] = { "Name", "Phone", NULL };
  g_autoptr(FreightMapping) mapping = make_mapping ("Account", FREIGHT_OPERATION_INSERT,
                                                    columns);
  g_autoptr(GFile) file = write_csv (fixture, "changed.csv", "Name,Fax\nAcme,123\n");
  g_autoptr(GFile) missing = NULL;
  g_autoptr(FreightPreflight) preflight = NULL;
  g_autoptr(FreightPreflight) preflight_missing = NULL;
  g_autoptr(FreightPreflightResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->directory, "missing.csv", NULL);

  map (mapping, "Name", "Name");
  map (mapping, "Phone", "Phone");
  preflight = make_preflight (fixture, mapping, file);
  result = freight_preflight_run (preflight, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "changed.csv: column 2 is “Fax”, but the mapping was made for “Phone”. The "
                   "file changed: choose it again and check the mapping.");
  g_clear_error (&error);

  missing = g_file_new_for_path (path);
  preflight_missing = make_preflight (fixture, mapping, missing);
  result = freight_preflight_run (preflight_missing, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* Writes @n_rows rows whose keys repeat after @period rows, in another case. */
static GFile *
write_large_csv (Fixture *fixture,
                 guint    n_rows,
                 guint    period)
{
  g_autofree char *path = g_build_filename (fixture->directory, "large.csv", NULL);
  FILE *file = g_fopen (path, "w");

  g_assert_nonnull (file);
  fprintf (file, "Key,Name\n");
  for (guint i = 0; i < n_rows; i++)
    {
      guint key = i % period;

      fprintf (file, "%s-%07u,Account number %u\n", i < period ? "key" : "KEY", key, i);
    }
  g_assert_cmpint (fclose (file), ==, 0);
  return g_file_new_for_path (path);
}

static void
test_preflight_large_duplicates (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *columns[] = { "Key", "Name", NULL };
  g_autoptr(FreightMapping) mapping = make_mapping ("Account", FREIGHT_OPERATION_INSERT,
                                                    columns);
  g_autoptr(GFile) file = write_large_csv (fixture, 150000, 60000);
  g_autoptr(FreightPreflight) preflight = NULL;
  g_autoptr(FreightPreflightResult) result = NULL;
  g_autoptr(FreightProblem) first = NULL;
  g_autoptr(FreightProblem) last = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *problems;

  map (mapping, "Key", "External_Id__c");
  map (mapping, "Name", "Name");
  preflight = make_preflight (fixture, mapping, file);
  /* A small buffer: the keys spill into more runs than are merged at once. */
  freight_preflight_set_memory_limit (preflight, 32 * 1024);
  freight_preflight_set_max_problems_per_kind (preflight, 50);
  result = freight_preflight_run (preflight, NULL, &error);
  g_assert_no_error (error);

  /* Rows 60001–150000 repeat rows 1–60000 (60001 -> 1, 120001 -> 1, …). */
  g_assert_cmpuint (freight_preflight_result_get_n_rows (result), ==, 150000);
  g_assert_cmpuint (freight_preflight_result_get_count (result, FREIGHT_PROBLEM_DUPLICATE_KEY),
                    ==, 90000);
  g_assert_cmpuint (freight_preflight_result_get_n_error_rows (result), ==, 90000);
  g_assert_cmpuint (freight_preflight_result_get_n_problems (result), ==, 90000);
  g_assert_cmpuint (freight_preflight_get_rows_checked (preflight), ==, 150000);

  problems = freight_preflight_result_get_problems (result);
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 50);
  first = g_list_model_get_item (problems, 0);
  g_assert_cmpuint (freight_problem_get_row (first), ==, 60001);
  g_assert_cmpstr (freight_problem_get_message (first), ==,
                   "“KEY-0000000” repeats the External_Id__c of row 1 (line 2); Salesforce "
                   "rejects a key that appears twice in one load. Keep one of the rows.");
  last = g_list_model_get_item (problems, 49);
  g_assert_cmpuint (freight_problem_get_row (last), >, 60001);

  /* Every repeat is excludable, in row order. */
  freight_preflight_result_set_exclude_rows_with_errors (result, TRUE);
  g_assert_cmpuint (freight_preflight_result_get_n_excluded (result), ==, 90000);
  {
    g_autoptr(FreightExclusionCursor) cursor = freight_preflight_result_open_exclusions (result,
                                                                                       &error);
    guint64 expected = 60001;
    guint64 row;
    const char *reason;

    while (freight_exclusion_cursor_next (cursor, &row, &reason, &error))
      {
        guint64 period = 60000;

        g_assert_cmpuint (row, ==, expected);
        if (row == 149999)
          {
            g_autofree char *tail = g_strdup_printf ("repeats the External_Id__c of row %"
                                                     G_GUINT64_FORMAT " (line %"
                                                     G_GUINT64_FORMAT ")",
                                                     (row - 1) % period + 1,
                                                     (row - 1) % period + 2);

            g_assert_nonnull (strstr (reason, tail));
          }
        expected++;
      }
    g_assert_no_error (error);
    g_assert_cmpuint (expected, ==, 150001);
  }
}

static void
on_run_done (GObject      *source,
             GAsyncResult *async_result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (async_result);
}

static void
test_preflight_async (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *columns[] = { "Key", "Name", NULL };
  g_autoptr(FreightMapping) mapping = make_mapping ("Account", FREIGHT_OPERATION_INSERT,
                                                    columns);
  g_autoptr(GFile) file = write_large_csv (fixture, 20000, 20000);
  g_autoptr(FreightPreflight) preflight = NULL;
  g_autoptr(FreightPreflightResult) result = NULL;
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint running_changes = 0;

  map (mapping, "Key", "External_Id__c");
  map (mapping, "Name", "Name");
  preflight = make_preflight (fixture, mapping, file);
  g_signal_connect_swapped (preflight, "notify::running", G_CALLBACK (g_atomic_int_inc),
                            &running_changes);

  freight_preflight_run_async (preflight, NULL, on_run_done, &async_result);
  g_assert_true (freight_preflight_get_running (preflight));
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = freight_preflight_run_finish (preflight, async_result, &error);
  g_assert_no_error (error);
  g_assert_false (freight_preflight_get_running (preflight));
  g_assert_cmpuint (running_changes, ==, 2);
  g_assert_cmpuint (freight_preflight_result_get_n_rows (result), ==, 20000);
  g_assert_cmpuint (freight_preflight_get_rows_checked (preflight), ==, 20000);
  g_assert_cmpfloat (freight_preflight_get_fraction (preflight), ==, 1.0);
  g_clear_object (&async_result);
  g_clear_object (&result);

  /* Cancelled: an error, and nothing left behind. */
  g_cancellable_cancel (cancellable);
  freight_preflight_run_async (preflight, cancellable, on_run_done, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = freight_preflight_run_finish (preflight, async_result, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/freight/preflight/every-kind", Fixture, NULL,
              fixture_set_up, test_preflight_every_kind, fixture_tear_down);
  g_test_add ("/freight/preflight/exclusions", Fixture, NULL,
              fixture_set_up, test_preflight_exclusions, fixture_tear_down);
  g_test_add ("/freight/preflight/ids", Fixture, NULL,
              fixture_set_up, test_preflight_ids, fixture_tear_down);
  g_test_add ("/freight/preflight/upsert", Fixture, NULL,
              fixture_set_up, test_preflight_upsert, fixture_tear_down);
  g_test_add ("/freight/preflight/header-changed", Fixture, NULL,
              fixture_set_up, test_preflight_header_changed, fixture_tear_down);
  g_test_add ("/freight/preflight/large-duplicates", Fixture, NULL,
              fixture_set_up, test_preflight_large_duplicates, fixture_tear_down);
  g_test_add ("/freight/preflight/async", Fixture, NULL,
              fixture_set_up, test_preflight_async, fixture_tear_down);
  return g_test_run ();
}
