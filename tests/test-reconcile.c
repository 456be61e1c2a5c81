/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight-reconcile-private.h"
#include "reconcile-harness.h"

/* Reconciliation from spool to result files: every source row in exactly one file, joined
 * to its own result whatever order and normalization Salesforce applies. */

static void
count_outcomes (guint       n,
                DecideFunc  decide,
                guint       counts[4])
{
  memset (counts, 0, 4 * sizeof (guint));
  for (guint r = 1; r <= n; r++)
    counts[decide (r, NULL)]++;
}

static void
run_exact (Fixture  *f,
           guint     n,
           guint     rows_per_part,
           EchoFunc  echo)
{
  g_autofree char *source = make_source (n, 0);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(FreightReconcileOutput) output = NULL;
  FakeSf sf = { decide_mixed, echo, NULL, FREIGHT_JOB_END_COMPLETE, NULL, 42, FALSE, 0 };
  Expect expect = { decide_mixed, "not processed by Salesforce",
                    "no result returned by Salesforce", 0 };
  Plan plan = default_plan ();
  FreightReconcileOutputState state;
  guint counts[4];

  plan.rows_per_part = rows_per_part;
  fixture_write_source (f, source, -1);
  parts = fixture_prepare (f, &plan);
  for (guint i = 0; i < parts->len; i++)
    fixture_fake_job (f, parts->pdata[i], &sf);
  output = fixture_run (f, parts, &results);
  fixture_check_outputs (f, check_exact, &expect);
  g_assert_cmpuint (expect.n_checked, ==, n);

  count_outcomes (n, decide_mixed, counts);
  freight_reconcile_output_get_state (output, &state);
  g_assert_cmpuint (state.n_succeeded, ==, counts[SF_SUCCESS]);
  g_assert_cmpuint (state.n_failed, ==, counts[SF_FAILED]);
  g_assert_cmpuint (state.n_unprocessed, ==, counts[SF_UNPROCESSED] + counts[SF_MISSING]);
  g_assert_cmpuint (state.n_ambiguous, ==, 0);
  g_assert_cmpuint (state.n_unmatched, ==, 0);
  /* The counts summary.json gets. */
  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;
    JsonObject *summary;

    json_builder_begin_object (builder);
    freight_reconcile_output_add_summary (output, builder);
    json_builder_end_object (builder);
    root = json_builder_get_root (builder);
    summary = json_node_get_object (root);
    g_assert_cmpint (json_object_get_int_member (summary, "rows"), ==, n);
    g_assert_cmpint (json_object_get_int_member (summary, "succeeded"), ==, counts[SF_SUCCESS]);
    g_assert_cmpint (json_object_get_int_member (summary, "failed"), ==, counts[SF_FAILED]);
    g_assert_cmpint (json_object_get_int_member (summary, "unprocessed"), ==,
                     counts[SF_UNPROCESSED] + counts[SF_MISSING]);
    g_assert_cmpint (json_object_get_int_member (summary, "skipped"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (summary, "ambiguous_joins"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (summary, "unmatched_results"), ==, 0);
  }

  for (guint i = 0; i < results->len; i++)
    {
      FreightReconcileResult *result = results->pdata[i];

      g_assert_cmpuint (freight_reconcile_result_get_n_unmatched (result), ==, 0);
      if (freight_reconcile_result_get_n_no_result (result) > 0)
        g_assert_true (has_diagnostic (result, FREIGHT_RECONCILE_SEVERITY_ERROR,
                                       "no result from Salesforce"));
    }
}

static void
test_join_shuffled (Fixture       *f,
                    gconstpointer  data)
{
  run_exact (f, 1000, 0, NULL);
}

static void
test_join_normalized (Fixture       *f,
                      gconstpointer  data)
{
  run_exact (f, 1000, 0, echo_normalized);
}

static void
test_join_many_parts (Fixture       *f,
                      gconstpointer  data)
{
  run_exact (f, 700, 97, echo_normalized);
}

static void
test_join_collisions (Fixture       *f,
                      gconstpointer  data)
{
  /* Three bits of hash: nearly every row collides with others of different content, and
   * only the exact comparison against the part file tells them apart. */
  _freight_reconcile_set_hash_mask (0x7);
  run_exact (f, 400, 0, echo_normalized);
  _freight_reconcile_set_hash_mask (G_MAXUINT64);
}

/* --- Identical rows --- */

static SfOutcome
decide_dups (guint64  record,
             gpointer data)
{
  if (record % 5 == 0)
    return SF_FAILED;
  if (record % 9 == 0)
    return SF_MISSING;
  return SF_SUCCESS;
}

static char *
describe_outcome (FreightResultFileKind  kind,
                  const char * const    *extra)
{
  if (kind == FREIGHT_RESULT_FILE_KIND_SUCCESS)
    return g_strdup_printf ("S %s %s", extra[0], extra[1]);
  if (kind == FREIGHT_RESULT_FILE_KIND_FAILED)
    return g_strdup_printf ("F %s|%s|%s", extra[0], extra[1], extra[2]);
  return g_strdup_printf ("U %s", extra[0]);
}

static char *
describe_expected (guint64 record)
{
  switch (decide_dups (record, NULL))
    {
    case SF_SUCCESS:
      {
        g_autofree char *id = sf_id_for_record (record);
        const char *extra[] = { id, record % 2 == 0 ? "true" : "false" };

        return describe_outcome (FREIGHT_RESULT_FILE_KIND_SUCCESS, extra);
      }
    case SF_FAILED:
      {
        g_autofree char *text = sf_error_for_record (record);
        g_autoptr(FreightSfError) error = freight_sf_error_parse (text, -1);
        const char *extra[] = { error->code, error->message, error->fields };

        return describe_outcome (FREIGHT_RESULT_FILE_KIND_FAILED, extra);
      }
    default:
      {
        const char *extra[] = { "no result returned by Salesforce" };

        return describe_outcome (FREIGHT_RESULT_FILE_KIND_UNPROCESSED, extra);
      }
    }
}

#define DUP_EVERY 4

static void
collect_by_group (FreightResultFileKind  kind,
                  guint64                record,
                  const char * const    *extra,
                  gpointer               data)
{
  GHashTable *groups = data;
  gpointer key = GUINT_TO_POINTER (record / DUP_EVERY + 1);
  GPtrArray *outcomes = g_hash_table_lookup (groups, key);

  if (outcomes == NULL)
    {
      outcomes = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (groups, key, outcomes);
    }
  g_ptr_array_add (outcomes, describe_outcome (kind, extra));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
run_duplicates (Fixture *f)
{
  const guint n = 600;
  g_autofree char *source = make_source (n, DUP_EVERY);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(FreightReconcileOutput) output = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new_full (NULL, NULL, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref);
  FakeSf sf = { decide_dups, echo_normalized, NULL, FREIGHT_JOB_END_COMPLETE, NULL, 7, FALSE,
                0, NULL };
  Plan plan = default_plan ();
  FreightReconcileOutputState state;
  GHashTableIter iter;
  gpointer key, value;
  guint n_ambiguous = 0;

  fixture_write_source (f, source, -1);
  parts = fixture_prepare (f, &plan);
  fixture_fake_job (f, parts->pdata[0], &sf);
  output = fixture_run (f, parts, &results);
  fixture_check_outputs (f, collect_by_group, groups);

  /* Within a group of identical rows results land arbitrarily, but the group as a whole
   * gets exactly the results its rows got. */
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *got = value;
      g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func (g_free);
      guint group = GPOINTER_TO_UINT (key) - 1;

      for (guint64 r = MAX (group * DUP_EVERY, 1); r < (group + 1) * DUP_EVERY && r <= n; r++)
        g_ptr_array_add (want, describe_expected (r));
      g_ptr_array_sort (got, compare_strings);
      g_ptr_array_sort (want, compare_strings);
      g_assert_cmpuint (got->len, ==, want->len);
      for (guint i = 0; i < got->len; i++)
        g_assert_cmpstr (got->pdata[i], ==, want->pdata[i]);
    }

  /* Ambiguous: every result that landed in a group of two rows or more (the last row is a
   * group of its own). */
  for (guint r = 1; r <= n; r++)
    n_ambiguous += decide_dups (r, NULL) != SF_MISSING && r / DUP_EVERY != n / DUP_EVERY;
  freight_reconcile_output_get_state (output, &state);
  g_assert_cmpuint (state.n_ambiguous, ==, n_ambiguous);
  g_assert_cmpuint (freight_reconcile_result_get_n_ambiguous (results->pdata[0]), ==,
                    n_ambiguous);
  g_assert_cmpuint (freight_reconcile_result_get_n_unmatched (results->pdata[0]), ==, 0);
  g_assert_true (has_diagnostic (results->pdata[0], FREIGHT_RECONCILE_SEVERITY_WARNING,
                                 "interchangeable"));
}

static void
test_join_duplicates (Fixture       *f,
                      gconstpointer  data)
{
  run_duplicates (f);
}

static void
test_join_duplicates_collide (Fixture       *f,
                              gconstpointer  data)
{
  _freight_reconcile_set_hash_mask (0x3);
  run_duplicates (f);
  _freight_reconcile_set_hash_mask (G_MAXUINT64);
}

/* --- Jobs that did not complete --- */

static SfOutcome
decide_unprocessed (guint64  record,
                    gpointer data)
{
  return SF_UNPROCESSED;
}

static SfOutcome
decide_missing (guint64  record,
                gpointer data)
{
  return SF_MISSING;
}

static void
run_job_end (Fixture            *f,
             FreightJobEndState  end,
             const char         *job_error,
             DecideFunc          decide,
             gboolean            no_unprocessed_file,
             const char         *reason)
{
  g_autofree char *source = make_source (120, 0);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(FreightReconcileOutput) output = NULL;
  FakeSf sf = { decide, echo_normalized, NULL, end, job_error, 3, no_unprocessed_file, 0, NULL };
  Expect expect = { decide, reason, reason, 0 };
  Plan plan = default_plan ();

  plan.rows_per_part = 50;
  fixture_write_source (f, source, -1);
  parts = fixture_prepare (f, &plan);
  for (guint i = 0; i < parts->len; i++)
    fixture_fake_job (f, parts->pdata[i], &sf);
  output = fixture_run (f, parts, &results);
  fixture_check_outputs (f, check_exact, &expect);
  g_assert_cmpuint (expect.n_checked, ==, 120);
  for (guint i = 0; i < results->len; i++)
    g_assert_false (freight_reconcile_result_has_errors (results->pdata[i]));
}

static void
test_job_failed (Fixture       *f,
                 gconstpointer  data)
{
  /* A job Salesforce rejects as a whole lists every row as unprocessed... */
  run_job_end (f, FREIGHT_JOB_END_FAILED, "InvalidBatch : Field name not found : Foo__c",
               decide_unprocessed, FALSE, "job failed: InvalidBatch : Field name not found : "
               "Foo__c");
}

static void
test_job_failed_no_results (Fixture       *f,
                            gconstpointer  data)
{
  /* ... or returns nothing at all: the rows are unprocessed for the same reason. */
  run_job_end (f, FREIGHT_JOB_END_FAILED, "InvalidBatch : Field name not found : Foo__c",
               decide_missing, TRUE, "job failed: InvalidBatch : Field name not found : "
               "Foo__c");
}

static SfOutcome
decide_aborted (guint64  record,
                gpointer data)
{
  static const SfOutcome outcomes[] = { SF_SUCCESS, SF_FAILED, SF_UNPROCESSED, SF_MISSING };

  return record < 60 ? outcomes[record % 4] : outcomes[2 + record % 2];
}

static void
test_job_aborted (Fixture       *f,
                  gconstpointer  data)
{
  run_job_end (f, FREIGHT_JOB_END_ABORTED, NULL, decide_aborted, FALSE, "job aborted");
}

/* --- Results that do not add up --- */

static void
append_results (FreightSpoolPart *part,
                FreightSpoolFile  which,
                GPtrArray        *rows)
{
  g_autoptr(GFile) file = freight_spool_part_get_file (part, which);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(FreightCsvWriter) writer = NULL;
  g_autoptr(GError) error = NULL;

  out = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  writer = freight_csv_writer_new (G_OUTPUT_STREAM (out), ',', FREIGHT_CSV_LINE_ENDING_LF,
                                   FREIGHT_CSV_QUOTE_ALWAYS);
  for (guint i = 0; i < rows->len; i++)
    {
      freight_csv_writer_write_row (writer, rows->pdata[i], -1, NULL, &error);
      g_assert_no_error (error);
    }
  freight_csv_writer_flush (writer, NULL, &error);
  g_assert_no_error (error);
}

static char **
first_result_row (FreightSpoolPart *part,
                  FreightSpoolFile  which)
{
  g_autoptr(GFile) file = freight_spool_part_get_file (part, which);
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  reader = freight_csv_reader_new_for_file (file, NULL, FREIGHT_CSV_READER_FLAGS_NONE, NULL,
                                            &error);
  g_assert_no_error (error);
  g_assert_true (freight_csv_reader_next_row (reader, NULL, &error));
  for (guint i = 0; i < freight_csv_reader_get_n_fields (reader); i++)
    g_strv_builder_add (builder, freight_csv_reader_get_field (reader, i, NULL));
  return g_strv_builder_end (builder);
}

static void
test_unmatched_results (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *source = make_source (50, 0);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(FreightReconcileOutput) output = NULL;
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GFile) unmatched = NULL;
  g_autoptr(GError) error = NULL;
  FakeSf sf = { decide_success, echo_normalized, NULL, FREIGHT_JOB_END_COMPLETE, NULL, 5, FALSE,
                0, NULL };
  Expect expect = { decide_success, NULL, NULL, 0 };
  Plan plan = default_plan ();
  FreightReconcileOutputState state;
  char **stranger;
  guint n_rows = 0;

  fixture_write_source (f, source, -1);
  parts = fixture_prepare (f, &plan);
  fixture_fake_job (f, parts->pdata[0], &sf);

  /* One result twice, and one with values nobody sent. */
  g_ptr_array_add (extra, first_result_row (parts->pdata[0], FREIGHT_SPOOL_FILE_SUCCESS));
  stranger = first_result_row (parts->pdata[0], FREIGHT_SPOOL_FILE_SUCCESS);
  g_free (stranger[2]);
  stranger[2] = g_strdup ("NOBODY-SENT-THIS");
  g_ptr_array_add (extra, stranger);
  append_results (parts->pdata[0], FREIGHT_SPOOL_FILE_SUCCESS, extra);

  output = fixture_run (f, parts, &results);
  fixture_check_outputs (f, check_exact, &expect);
  g_assert_cmpuint (expect.n_checked, ==, 50);

  g_assert_cmpuint (freight_reconcile_result_get_n_unmatched (results->pdata[0]), ==, 2);
  g_assert_cmpuint (freight_reconcile_result_get_n_succeeded (results->pdata[0]), ==, 50);
  g_assert_true (freight_reconcile_result_has_errors (results->pdata[0]));
  g_assert_true (has_diagnostic (results->pdata[0], FREIGHT_RECONCILE_SEVERITY_ERROR,
                                 "more results with these values"));
  g_assert_true (has_diagnostic (results->pdata[0], FREIGHT_RECONCILE_SEVERITY_ERROR,
                                 "match no row Freight sent"));
  freight_reconcile_output_get_state (output, &state);
  g_assert_cmpuint (state.n_unmatched, ==, 2);

  /* Never dropped: both are in the run's unmatched-results.csv, with their origin. */
  unmatched = freight_reconcile_output_get_file (output, FREIGHT_RESULT_FILE_KIND_UNMATCHED);
  reader = freight_csv_reader_new_for_file (unmatched, NULL, FREIGHT_CSV_READER_FLAGS_NONE,
                                            NULL, &error);
  g_assert_no_error (error);
  freight_csv_reader_read_header (reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (freight_csv_reader_get_column_name (reader, 0), ==, "Freight Result File");
  while (freight_csv_reader_next_row (reader, NULL, &error))
    {
      g_assert_cmpstr (freight_csv_reader_get_field (reader, 0, NULL), ==,
                       "part-0001.success.csv");
      g_assert_cmpstr (freight_csv_reader_get_field (reader, 2, NULL), ==,
                       ((char **) extra->pdata[n_rows])[0]);
      g_assert_cmpstr (freight_csv_reader_get_field (reader, 5, NULL), ==,
                       ((char **) extra->pdata[n_rows])[2]);
      n_rows++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2);
}

/* --- Rows that were never sent --- */

static const char *
skip_every_fifth (guint64  record,
                  gpointer data)
{
  static char reason[64];

  if (record % 5 != 0)
    return NULL;
  g_snprintf (reason, sizeof reason, "Amount__c: not a number (row %" G_GUINT64_FORMAT ")",
              record);
  return reason;
}

static void
check_skipped (FreightResultFileKind  kind,
               guint64                record,
               const char * const    *extra,
               gpointer               data)
{
  guint *n_broken = data;

  if (record == 3 || record == 4)
    {
      /* The reader's complaint about the row's length is its reason. */
      g_assert_cmpint (kind, ==, FREIGHT_RESULT_FILE_KIND_UNPROCESSED);
      g_assert_nonnull (strstr (extra[0], "field"));
      (*n_broken)++;
    }
  else if (record % 5 == 0)
    {
      g_autofree char *reason = g_strdup_printf ("Amount__c: not a number (row %"
                                                 G_GUINT64_FORMAT ")", record);

      g_assert_cmpint (kind, ==, FREIGHT_RESULT_FILE_KIND_UNPROCESSED);
      g_assert_cmpstr (extra[0], ==, reason);
    }
  else
    {
      g_autofree char *id = sf_id_for_record (record);

      g_assert_cmpint (kind, ==, FREIGHT_RESULT_FILE_KIND_SUCCESS);
      g_assert_cmpstr (extra[0], ==, id);
    }
}

static void
test_skipped_rows (Fixture       *f,
                   gconstpointer  data)
{
  static const SentColumn columns[] = {
    { "Ext__c", 0, FREIGHT_RECONCILE_KIND_TEXT },
    { "Amount__c", 2, FREIGHT_RECONCILE_KIND_NUMBER },
  };
  g_autoptr(GString) source = g_string_new ("Ext,Name,Amount\n");
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(FreightReconcileOutput) output = NULL;
  FakeSf sf = { decide_success, echo_normalized, NULL, FREIGHT_JOB_END_COMPLETE, NULL, 9, FALSE,
                0, NULL };
  Plan plan = { columns, G_N_ELEMENTS (columns), 7, ',', FREIGHT_CSV_LINE_ENDING_LF,
                skip_every_fifth, NULL };
  FreightReconcileOutputState state;
  guint n_broken = 0;

  for (guint r = 1; r <= 40; r++)
    {
      if (r == 3)
        g_string_append (source, "E3,too few\n");
      else if (r == 4)
        g_string_append (source, "E4,too,many,\"fields, here\"\n");
      else
        g_string_append_printf (source, "E%u,Name %u,%u.5\n", r, r, r);
    }
  fixture_write_source (f, source->str, source->len);
  parts = fixture_prepare (f, &plan);
  g_assert_cmpuint (parts->len, >, 3);
  for (guint i = 0; i < parts->len; i++)
    fixture_fake_job (f, parts->pdata[i], &sf);
  output = fixture_run (f, parts, NULL);
  fixture_check_outputs (f, check_skipped, &n_broken);
  g_assert_cmpuint (n_broken, ==, 2);
  freight_reconcile_output_get_state (output, &state);
  g_assert_cmpuint (state.n_skipped, ==, 2 + 8);
  g_assert_cmpuint (state.n_unprocessed, ==, 2 + 8);
  g_assert_cmpuint (state.n_succeeded, ==, 30);
}

static const char *
skip_all (guint64  record,
          gpointer data)
{
  return "excluded";
}

static void
test_empty_part (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *source = make_source (20, 0);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(FreightReconcileOutput) output = NULL;
  g_autoptr(GFile) csv = NULL;
  g_autoptr(GError) error = NULL;
  FreightReconcileOutputState state;
  Plan plan = default_plan ();

  /* Every row excluded by pre-flight: there is no part to send, and no job. */
  plan.skip = skip_all;
  fixture_write_source (f, source, -1);
  parts = fixture_prepare (f, &plan);
  g_assert_cmpuint (parts->len, ==, 1);
  csv = freight_spool_part_get_file (parts->pdata[0], FREIGHT_SPOOL_FILE_CSV);
  g_file_delete (csv, NULL, &error);
  g_assert_no_error (error);

  output = fixture_run (f, parts, &results);
  fixture_check_outputs (f, NULL, NULL);
  freight_reconcile_output_get_state (output, &state);
  g_assert_cmpuint (state.n_unprocessed, ==, 20);
  g_assert_cmpuint (freight_reconcile_result_get_n_rows (results->pdata[0]), ==, 0);
}

#define ADD(path, func) \
  g_test_add ("/freight/reconcile/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ADD ("join/shuffled", test_join_shuffled);
  ADD ("join/normalized-echoes", test_join_normalized);
  ADD ("join/many-parts", test_join_many_parts);
  ADD ("join/hash-collisions", test_join_collisions);
  ADD ("join/duplicates", test_join_duplicates);
  ADD ("join/duplicates-colliding", test_join_duplicates_collide);
  ADD ("job/failed", test_job_failed);
  ADD ("job/failed-without-results", test_job_failed_no_results);
  ADD ("job/aborted", test_job_aborted);
  ADD ("results/unmatched", test_unmatched_results);
  ADD ("skipped/pre-flight-and-unreadable", test_skipped_rows);
  ADD ("skipped/empty-part", test_empty_part);
  return g_test_run ();
}
