/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight-reconcile-private.h"
#include "reconcile-harness.h"

/* Reconciliation seen from the result files: dialects, re-loads of failed.csv, resumed runs,
 * damaged or inconsistent inputs, and Freight's own columns. */

/* --- Dialects, quotes and line breaks --- */

static void
run_dialect (Fixture              *f,
             char                  job_delimiter,
             FreightCsvLineEnding  job_line_ending,
             char                  result_delimiter)
{
  g_autofree char *source = make_source (300, 0);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(FreightReconcileOutput) output = NULL;
  FakeSf sf = { decide_mixed, echo_normalized, NULL, FREIGHT_JOB_END_COMPLETE, NULL, 11, FALSE,
                result_delimiter, NULL };
  Expect expect = { decide_mixed, "not processed by Salesforce",
                    "no result returned by Salesforce", 0 };
  Plan plan = default_plan ();

  plan.delimiter = job_delimiter;
  plan.line_ending = job_line_ending;
  plan.rows_per_part = 120;
  fixture_write_source (f, source, -1);
  parts = fixture_prepare (f, &plan);
  for (guint i = 0; i < parts->len; i++)
    fixture_fake_job (f, parts->pdata[i], &sf);
  output = fixture_run (f, parts, NULL);
  fixture_check_outputs (f, check_exact, &expect);
  g_assert_cmpuint (expect.n_checked, ==, 300);
}

static void
test_dialect_semicolon_crlf (Fixture       *f,
                             gconstpointer  data)
{
  run_dialect (f, ';', FREIGHT_CSV_LINE_ENDING_CRLF, 0);
}

static void
test_dialect_results_in_commas (Fixture       *f,
                                gconstpointer  data)
{
  /* Salesforce documents result files for comma jobs only: take theirs as they come. */
  run_dialect (f, '|', FREIGHT_CSV_LINE_ENDING_LF, ',');
}

static void
test_dialect_tab (Fixture       *f,
                  gconstpointer  data)
{
  run_dialect (f, '\t', FREIGHT_CSV_LINE_ENDING_CRLF, 0);
}

static void
test_source_dialect_mirrored (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *semicolon = make_source_with (60, 0, ';');
  g_autofree char *success = NULL;
  g_autoptr(GString) with_bom = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(FreightReconcileOutput) output = NULL;
  FakeSf sf = { decide_mixed, NULL, NULL, FREIGHT_JOB_END_COMPLETE, NULL, 4, FALSE, 0, NULL };
  Expect expect = { decide_mixed, "not processed by Salesforce",
                    "no result returned by Salesforce", 0 };
  Plan plan = default_plan ();

  /* A semicolon source with a byte order mark (as spreadsheets save it): the result files
   * keep its delimiter and mark, so the same spreadsheet opens them. */
  g_string_append (with_bom, semicolon);
  f->source_dialect.delimiter = ';';
  f->source_dialect.has_bom = TRUE;
  f->source_dialect.line_ending = FREIGHT_CSV_LINE_ENDING_CRLF;
  fixture_write_source (f, with_bom->str, with_bom->len);
  parts = fixture_prepare (f, &plan);
  fixture_fake_job (f, parts->pdata[0], &sf);
  output = fixture_run (f, parts, NULL);
  fixture_check_outputs (f, check_exact, &expect);
  success = fixture_read_file (f->out_dir, "success.csv");
  g_assert_true (g_str_has_prefix (success, "\xEF\xBB\xBF" "Freight Row;Freight Id;"));
  g_assert_nonnull (strstr (success, "\r\n"));
}

/* --- Loading failed.csv again --- */

static SfOutcome
decide_reload (guint64  record,
               gpointer data)
{
  return record % 3 == 0 ? SF_FAILED : SF_SUCCESS;
}

static void
use_new_dirs (Fixture    *f,
              const char *spool,
              const char *run)
{
  g_autoptr(GFile) root = g_file_new_for_path (f->root);
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->spool);
  g_clear_object (&f->out_dir);
  f->spool = g_file_get_child (root, spool);
  f->out_dir = g_file_get_child (root, run);
  g_file_make_directory (f->spool, NULL, &error);
  g_assert_no_error (error);
  g_file_make_directory (f->out_dir, NULL, &error);
  g_assert_no_error (error);
}

static void
test_reload_failed (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *source = make_source (200, 0);
  g_autoptr(GHashTable) originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           NULL);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(FreightReconcileOutput) output = NULL;
  FakeSf sf = { decide_mixed, echo_normalized, NULL, FREIGHT_JOB_END_COMPLETE, NULL, 21, FALSE,
                0, NULL };
  Plan plan = default_plan ();

  fixture_write_source (f, source, -1);
  parts = fixture_prepare (f, &plan);
  fixture_fake_job (f, parts->pdata[0], &sf);
  output = fixture_run (f, parts, NULL);
  for (guint r = 7; r <= 200; r += 7)
    g_hash_table_add (originals, g_strdup_printf ("%u", r));

  /* Load failed.csv as it is, twice over: its Freight columns are not data, and its rows
   * keep their original numbers. */
  for (guint round = 2; round <= 3; round++)
    {
      g_autofree char *spool = g_strdup_printf ("spool-%u", round);
      g_autofree char *run = g_strdup_printf ("run-%u", round);
      g_autoptr(GFile) failed = g_file_get_child (f->out_dir, "failed.csv");
      g_autoptr(FreightCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      SentColumn columns[G_N_ELEMENTS (standard_columns)];
      Expect expect = { decide_reload, NULL, NULL, 0 };
      guint n_rows;

      fixture_set_source (f, failed);
      n_rows = f->source_rows->len;
      g_assert_cmpuint (n_rows, ==, round == 2 ? 28 : 9);
      g_assert_cmpstr (f->source_header[0], ==, "Freight Row");
      g_assert_cmpstr (f->source_header[4], ==, "Ext");
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          columns[c] = standard_columns[c];
          columns[c].source_column += 4;
        }
      plan.columns = columns;

      use_new_dirs (f, spool, run);
      g_clear_pointer (&parts, g_ptr_array_unref);
      g_clear_object (&output);
      sf.decide = decide_reload;
      parts = fixture_prepare (f, &plan);
      fixture_fake_job (f, parts->pdata[0], &sf);
      output = fixture_run (f, parts, NULL);
      fixture_check_outputs (f, check_exact, &expect);
      g_assert_cmpuint (expect.n_checked, ==, n_rows);

      /* Every row of the new results carries a row number of the first load. */
      for (FreightResultFileKind kind = 0; kind < FREIGHT_RESULT_FILE_KIND_UNMATCHED; kind++)
        {
          g_autoptr(GFile) file = freight_reconcile_output_get_file (output, kind);

          g_clear_object (&reader);
          reader = freight_csv_reader_new_for_file (file, NULL, FREIGHT_CSV_READER_LENIENT,
                                                    NULL, &error);
          g_assert_no_error (error);
          while (freight_csv_reader_next_row (reader, NULL, &error))
            g_assert_true (g_hash_table_contains (originals,
                                                  freight_csv_reader_get_field (reader, 0,
                                                                                NULL)));
          g_assert_no_error (error);
        }
    }
}

/* --- Resuming a run --- */

static void
test_resume (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *source = make_source (300, 0);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(FreightReconcileOutput) output = NULL;
  g_autoptr(GFile) root = g_file_new_for_path (f->root);
  g_autoptr(GFile) resumed = g_file_get_child (root, "resumed");
  g_autoptr(GError) error = NULL;
  FakeSf sf = { decide_mixed, echo_normalized, NULL, FREIGHT_JOB_END_COMPLETE, NULL, 17, FALSE,
                0, NULL };
  Plan plan = default_plan ();
  FreightReconcileOutputState state;

  plan.rows_per_part = 37;
  fixture_write_source (f, source, -1);
  parts = fixture_prepare (f, &plan);
  g_assert_cmpuint (parts->len, ==, 9);
  for (guint i = 0; i < parts->len; i++)
    {
      fixture_fake_job (f, parts->pdata[i], &sf);
      g_ptr_array_add (results, freight_reconcile_part (parts->pdata[i], NULL, &error));
      g_assert_no_error (error);
    }

  /* A run that stops after writing part 5 but before journaling it… */
  g_file_make_directory (resumed, NULL, &error);
  g_assert_no_error (error);
  output = freight_reconcile_output_new (resumed, f->source, &f->source_dialect,
                                         FREIGHT_CSV_READER_LENIENT, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      if (i == 4)
        freight_reconcile_output_get_state (output, &state);
      freight_reconcile_output_append_part (output, parts->pdata[i], results->pdata[i], NULL,
                                            &error);
      g_assert_no_error (error);
    }
  g_clear_object (&output);

  /* … resumes from the state journaled after part 4. */
  output = freight_reconcile_output_new (resumed, f->source, &f->source_dialect,
                                         FREIGHT_CSV_READER_LENIENT, &state, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 4; i < parts->len; i++)
    {
      freight_reconcile_output_append_part (output, parts->pdata[i], results->pdata[i], NULL,
                                            &error);
      g_assert_no_error (error);
    }
  freight_reconcile_output_close (output, NULL, &error);
  g_assert_no_error (error);
  freight_reconcile_output_check (output, 300, &error);
  g_assert_no_error (error);

  /* The same files as a run that never stopped. */
  g_clear_object (&output);
  output = fixture_run (f, parts, NULL);
  for (guint kind = 0; kind < FREIGHT_RESULT_FILE_KIND_UNMATCHED; kind++)
    {
      g_autoptr(GFile) file = freight_reconcile_output_get_file (output, kind);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *straight = fixture_read_file (f->out_dir, name);
      g_autofree char *again = fixture_read_file (resumed, name);

      g_assert_cmpstr (straight, ==, again);
    }
}

/* --- Damaged or inconsistent inputs --- */

static void
test_missing_echo_column (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *source = make_source (100, 0);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(FreightReconcileOutput) output = NULL;
  FakeSf sf = { decide_mixed, echo_normalized, NULL, FREIGHT_JOB_END_COMPLETE, NULL, 8, FALSE,
                0, "Day__c" };
  Expect expect = { decide_mixed, "not processed by Salesforce",
                    "no result returned by Salesforce", 0 };
  Plan plan = default_plan ();

  fixture_write_source (f, source, -1);
  parts = fixture_prepare (f, &plan);
  fixture_fake_job (f, parts->pdata[0], &sf);
  output = fixture_run (f, parts, &results);
  fixture_check_outputs (f, check_exact, &expect);
  g_assert_true (has_diagnostic (results->pdata[0], FREIGHT_RECONCILE_SEVERITY_WARNING,
                                 "did not return the column “Day__c”"));
}

static void
test_damaged_result (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *source = make_source (30, 0);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(FreightReconcileResult) result = NULL;
  g_autoptr(GFile) success = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  FakeSf sf = { decide_success, NULL, NULL, FREIGHT_JOB_END_COMPLETE, NULL, 0, FALSE, 0, NULL };
  Plan plan = default_plan ();
  char *cut;

  fixture_write_source (f, source, -1);
  parts = fixture_prepare (f, &plan);
  fixture_fake_job (f, parts->pdata[0], &sf);

  /* A download cut off inside a quoted value. */
  success = freight_spool_part_get_file (parts->pdata[0], FREIGHT_SPOOL_FILE_SUCCESS);
  g_file_load_contents (success, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  cut = g_strrstr (contents, ",\"");
  g_assert_nonnull (cut);
  g_file_replace_contents (success, contents, cut + 3 - contents, NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);

  result = freight_reconcile_part (parts->pdata[0], NULL, &error);
  g_assert_null (result);
  g_assert_error (error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_UNTERMINATED_QUOTE);
  g_assert_nonnull (strstr (error->message, "download them again"));
}

static void
test_spool_errors (Fixture       *f,
                   gconstpointer  data)
{
  static const FreightReconcileKind two_kinds[] = {
    FREIGHT_RECONCILE_KIND_TEXT, FREIGHT_RECONCILE_KIND_TEXT,
  };
  g_autofree char *source = make_source (30, 0);
  g_autofree char *records = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(FreightReconcileResult) result = NULL;
  g_autoptr(FreightReconcileOutput) output = NULL;
  g_autoptr(GFile) rows = NULL;
  g_autoptr(GError) error = NULL;
  FakeSf sf = { decide_success, NULL, NULL, FREIGHT_JOB_END_COMPLETE, NULL, 0, FALSE, 0, NULL };
  Plan plan = default_plan ();
  FreightSpoolPart *part;
  gsize len;

  fixture_write_source (f, source, -1);
  parts = fixture_prepare (f, &plan);
  part = parts->pdata[0];
  fixture_fake_job (f, part, &sf);
  output = freight_reconcile_output_new (f->out_dir, f->source, &f->source_dialect,
                                         FREIGHT_CSV_READER_LENIENT, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Written before it was reconciled. */
  result = g_object_new (FREIGHT_TYPE_RECONCILE_RESULT, NULL);
  g_assert_false (freight_reconcile_output_append_part (output, part, result, NULL, &error));
  g_assert_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SPOOL);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Kinds for another header. */
  freight_spool_part_set_column_kinds (part, two_kinds, 2);
  g_assert_null (freight_reconcile_part (part, NULL, &error));
  g_assert_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_INVALID);
  g_clear_error (&error);
  plan.columns = standard_columns;
  {
    FreightReconcileKind kinds[G_N_ELEMENTS (standard_columns)];

    for (guint c = 0; c < G_N_ELEMENTS (standard_columns); c++)
      kinds[c] = standard_columns[c].kind;
    freight_spool_part_set_column_kinds (part, kinds, G_N_ELEMENTS (kinds));
  }

  /* Record numbers that do not match the part's rows. */
  rows = freight_spool_part_get_file (part, FREIGHT_SPOOL_FILE_ROWS);
  g_file_load_contents (rows, NULL, &records, &len, NULL, &error);
  g_assert_no_error (error);
  g_file_replace_contents (rows, records, len - 8, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL,
                           &error);
  g_assert_no_error (error);
  g_assert_null (freight_reconcile_part (part, NULL, &error));
  g_assert_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SPOOL);
  g_clear_error (&error);
  g_file_replace_contents (rows, records, len, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL,
                           &error);
  g_assert_no_error (error);

  /* A source that changed since the part was prepared (an open output keeps reading the
   * file it opened; a run resumed later opens the new one). */
  result = freight_reconcile_part (part, NULL, &error);
  g_assert_no_error (error);
  g_file_replace_contents (f->source, source, strlen (source) / 2, NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&output);
  output = freight_reconcile_output_new (f->out_dir, f->source, &f->source_dialect,
                                         FREIGHT_CSV_READER_LENIENT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (freight_reconcile_output_append_part (output, part, result, NULL, &error));
  g_assert_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SOURCE);
}

/* --- Freight's own columns --- */

static void
test_result_columns (void)
{
  const char *header[] = { "Freight Row", "Freight Error Code", "Name" };
  FreightReconcileKind kind;

  g_assert_cmpint (freight_result_column_from_name ("Freight Row"), ==,
                   FREIGHT_RESULT_COLUMN_ROW);
  g_assert_cmpint (freight_result_column_from_name ("freight row"), ==,
                   FREIGHT_RESULT_COLUMN_ROW);
  g_assert_cmpint (freight_result_column_from_name (" Freight Reason "), ==,
                   FREIGHT_RESULT_COLUMN_REASON);
  g_assert_cmpint (freight_result_column_from_name ("Freight Rows"), ==,
                   FREIGHT_RESULT_COLUMN_NONE);
  g_assert_cmpint (freight_result_column_from_name ("Name"), ==, FREIGHT_RESULT_COLUMN_NONE);
  g_assert_true (freight_result_column_is_freight ("Freight Error Fields"));
  g_assert_false (freight_result_column_is_freight ("Freight__c"));
  g_assert_cmpstr (freight_result_column_get_name (FREIGHT_RESULT_COLUMN_CREATED), ==,
                   "Freight Created");
  g_assert_cmpint (freight_result_columns_find_row (header, 3), ==, 0);
  g_assert_cmpint (freight_result_columns_find_row (header + 1, 2), ==, -1);

  g_assert_cmpint (freight_reconcile_kind_for_field_type ("currency"), ==,
                   FREIGHT_RECONCILE_KIND_NUMBER);
  g_assert_cmpint (freight_reconcile_kind_for_field_type ("reference"), ==,
                   FREIGHT_RECONCILE_KIND_ID);
  g_assert_cmpint (freight_reconcile_kind_for_field_type ("picklist"), ==,
                   FREIGHT_RECONCILE_KIND_TEXT);
  g_assert_true (freight_reconcile_kind_from_string ("datetime", &kind));
  g_assert_cmpint (kind, ==, FREIGHT_RECONCILE_KIND_DATETIME);
  g_assert_cmpstr (freight_reconcile_kind_to_string (kind), ==, "datetime");
  g_assert_false (freight_reconcile_kind_from_string ("nope", &kind));
}

#define ADD(path, func) \
  g_test_add ("/freight/reconcile/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ADD ("results/missing-echo-column", test_missing_echo_column);
  ADD ("results/damaged", test_damaged_result);
  ADD ("dialect/semicolon-crlf", test_dialect_semicolon_crlf);
  ADD ("dialect/results-in-commas", test_dialect_results_in_commas);
  ADD ("dialect/tab", test_dialect_tab);
  ADD ("dialect/source-mirrored", test_source_dialect_mirrored);
  ADD ("reload/failed-csv", test_reload_failed);
  ADD ("output/resume", test_resume);
  ADD ("spool/errors", test_spool_errors);
  g_test_add_func ("/freight/reconcile/result-columns", test_result_columns);
  return g_test_run ();
}
