/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "freight-reconcile-private.h"
#include "reconcile-harness.h"

/* Reconciliation from spool to result files: every source row in exactly one file, joined
 * to its own result whatever order and normalization Salesforce applies. */

/* The source of most tests: a column of each kind, and a source-only column. */
enum { EXT, NAME, AMOUNT, ACTIVE, WHEN, DAY, OWNER, COMMENT, N_SOURCE_COLUMNS };

static const SentColumn sent_columns[] = {
  { "Ext__c", EXT, FREIGHT_RECONCILE_KIND_TEXT },
  { "Name", NAME, FREIGHT_RECONCILE_KIND_TEXT },
  { "Amount__c", AMOUNT, FREIGHT_RECONCILE_KIND_NUMBER },
  { "Active__c", ACTIVE, FREIGHT_RECONCILE_KIND_BOOLEAN },
  { "When__c", WHEN, FREIGHT_RECONCILE_KIND_DATETIME },
  { "Day__c", DAY, FREIGHT_RECONCILE_KIND_DATE },
  { "OwnerId", OWNER, FREIGHT_RECONCILE_KIND_ID },
};

static const char * const amounts[] = {
  "912260031", "1", "1.0", "12.50", "0.001", "-3.25", "1200", "0.0001", "123456789012345678",
};

static const char * const names[] = {
  "Acme", "Acme, Inc.", "Say \"hi\"", "Line one\nline two", "Windows\r\nline", " padded ",
  "Ünïcödé ✓", "a;b|c^d`e\tf", "",
};

static const char * const times[] = {
  "2024-03-01T10:00:00+01:00", "2024-03-01T10:00:00Z", "2024-03-01T10:00:00.123Z",
  "2024-10-27T02:30:00-05:30", "2024-03-01T10:00:00",
};

/* A source of @n rows; every @dup_every-th group of rows sends the same content when
 * @dup_every > 1 (only the source-only Comment differs). */
static char *
make_source_with (guint n,
                  guint dup_every,
                  char  delimiter)
{
  g_autoptr(FreightCsvWriter) writer = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  static const char * const header[] = {
    "Ext", "Name", "Amount", "Active", "When", "Day", "Owner", "Comment",
  };

  writer = freight_csv_writer_new (out, delimiter, FREIGHT_CSV_LINE_ENDING_CRLF,
                                   FREIGHT_CSV_QUOTE_WHEN_NEEDED);
  freight_csv_writer_write_row (writer, header, N_SOURCE_COLUMNS, NULL, &error);
  g_assert_no_error (error);
  for (guint r = 1; r <= n; r++)
    {
      guint k = dup_every > 1 ? r / dup_every : r;
      g_autofree char *ext = g_strdup_printf ("E%05u", k);
      g_autofree char *day = g_strdup_printf ("2024-%02u-%02u", k % 12 + 1, k % 28 + 1);
      g_autofree char *owner = g_strdup_printf ("005Hu%010u", k % 17);
      g_autofree char *comment = g_strdup_printf ("comment of row %u", r);
      const char *fields[N_SOURCE_COLUMNS] = {
        ext, names[k % G_N_ELEMENTS (names)], amounts[k % G_N_ELEMENTS (amounts)],
        (k % 4 == 0) ? "true" : (k % 4 == 1) ? "false" : (k % 4 == 2) ? "1" : "0",
        times[k % G_N_ELEMENTS (times)], day, owner, comment,
      };

      freight_csv_writer_write_row (writer, fields, N_SOURCE_COLUMNS, NULL, &error);
      g_assert_no_error (error);
    }
  freight_csv_writer_flush (writer, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
}

static char *
make_source (guint n,
             guint dup_every)
{
  return make_source_with (n, dup_every, ',');
}

static Plan
default_plan (void)
{
  Plan plan = { sent_columns, G_N_ELEMENTS (sent_columns), 0, ',',
                FREIGHT_CSV_LINE_ENDING_LF, NULL, NULL };

  return plan;
}

static SfOutcome
decide_mixed (guint64  record,
              gpointer data)
{
  if (record % 7 == 0)
    return SF_FAILED;
  if (record % 11 == 0)
    return SF_MISSING;
  if (record % 13 == 0)
    return SF_UNPROCESSED;
  return SF_SUCCESS;
}

/* Echoes values as a real org does: doubles in Java's notation, datetimes in UTC with
 * milliseconds, booleans in capitals, dates with a zone, ids in 18 characters. */
static char *
echo_normalized (FreightReconcileKind  kind,
                 const char           *value,
                 gpointer              data)
{
  switch (kind)
    {
    case FREIGHT_RECONCILE_KIND_NUMBER:
      return java_double (value);

    case FREIGHT_RECONCILE_KIND_BOOLEAN:
      return g_strdup (strcmp (value, "true") == 0 || strcmp (value, "1") == 0 ? "TRUE"
                                                                             : "FALSE");

    case FREIGHT_RECONCILE_KIND_DATETIME:
      {
        g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
        g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (value, utc);
        g_autoptr(GDateTime) in_utc = NULL;
        g_autofree char *text = NULL;

        g_assert_nonnull (dt);
        in_utc = g_date_time_to_utc (dt);
        text = g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%S");
        return g_strdup_printf ("%s.%03d+0000", text, g_date_time_get_microsecond (in_utc) / 1000);
      }

    case FREIGHT_RECONCILE_KIND_DATE:
      return g_strdup_printf ("%sZ", value);

    case FREIGHT_RECONCILE_KIND_ID:
      {
        char id[19];

        g_assert_true (freight_sf_id_to_18 (value, -1, id));
        return g_strdup (id);
      }

    case FREIGHT_RECONCILE_KIND_TEXT:
    case FREIGHT_RECONCILE_KIND_TIME:
    default:
      return g_strdup (value);
    }
}

typedef struct
{
  DecideFunc  decide;
  const char *unprocessed_reason;
  const char *no_result_reason;
  guint       n_checked;
} Expect;

/* Checks that a row is where its result put it, with that result's details. */
static void
check_exact (FreightResultFileKind  kind,
             guint64                record,
             const char * const    *extra,
             gpointer               data)
{
  Expect *expect = data;
  SfOutcome outcome = expect->decide (record, NULL);

  expect->n_checked++;
  switch (outcome)
    {
    case SF_SUCCESS:
      {
        g_autofree char *id = sf_id_for_record (record);

        g_assert_cmpint (kind, ==, FREIGHT_RESULT_FILE_KIND_SUCCESS);
        g_assert_cmpstr (extra[0], ==, id);
        g_assert_cmpstr (extra[1], ==, record % 2 == 0 ? "true" : "false");
      }
      break;

    case SF_FAILED:
      {
        g_autofree char *text = sf_error_for_record (record);
        g_autoptr(FreightSfError) error = freight_sf_error_parse (text, -1);

        g_assert_cmpint (kind, ==, FREIGHT_RESULT_FILE_KIND_FAILED);
        g_assert_cmpstr (extra[0], ==, error->code);
        g_assert_cmpstr (extra[1], ==, error->message);
        g_assert_cmpstr (extra[2], ==, error->fields);
      }
      break;

    case SF_UNPROCESSED:
      g_assert_cmpint (kind, ==, FREIGHT_RESULT_FILE_KIND_UNPROCESSED);
      g_assert_cmpstr (extra[0], ==, expect->unprocessed_reason);
      break;

    case SF_MISSING:
    default:
      g_assert_cmpint (kind, ==, FREIGHT_RESULT_FILE_KIND_UNPROCESSED);
      g_assert_cmpstr (extra[0], ==, expect->no_result_reason);
      break;
    }
}

static void
count_outcomes (guint       n,
                DecideFunc  decide,
                guint       counts[4])
{
  memset (counts, 0, 4 * sizeof (guint));
  for (guint r = 1; r <= n; r++)
    counts[decide (r, NULL)]++;
}

static gboolean
has_diagnostic (FreightReconcileResult   *result,
                FreightReconcileSeverity  severity,
                const char               *text)
{
  guint n;
  const FreightReconcileDiagnostic *diagnostics =
    freight_reconcile_result_get_diagnostics (result, &n);

  for (guint i = 0; i < n; i++)
    if (diagnostics[i].severity == severity && strstr (diagnostics[i].message, text) != NULL)
      return TRUE;
  return FALSE;
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

static SfOutcome
decide_success (guint64  record,
                gpointer data)
{
  return SF_SUCCESS;
}

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
      SentColumn columns[G_N_ELEMENTS (sent_columns)];
      Expect expect = { decide_reload, NULL, NULL, 0 };
      guint n_rows;

      fixture_set_source (f, failed);
      n_rows = f->source_rows->len;
      g_assert_cmpuint (n_rows, ==, round == 2 ? 28 : 9);
      g_assert_cmpstr (f->source_header[0], ==, "Freight Row");
      g_assert_cmpstr (f->source_header[4], ==, "Ext");
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          columns[c] = sent_columns[c];
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
  plan.columns = sent_columns;
  {
    FreightReconcileKind kinds[G_N_ELEMENTS (sent_columns)];

    for (guint c = 0; c < G_N_ELEMENTS (sent_columns); c++)
      kinds[c] = sent_columns[c].kind;
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
  ADD ("results/missing-echo-column", test_missing_echo_column);
  ADD ("results/damaged", test_damaged_result);
  ADD ("skipped/pre-flight-and-unreadable", test_skipped_rows);
  ADD ("skipped/empty-part", test_empty_part);
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
