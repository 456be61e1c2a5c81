/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "bulk-fixture.h"

/* Exports against a real freight-local-org: a multi-page query joined into one CSV with
 * one header that equals the org's content, queryAll with deleted rows, every field of
 * an object, progress notified in the main context, cancel (the job is aborted), a run
 * continued from the journal after it stopped mid-way, and the org's faults. */

#define ORDERED_QUERY "SELECT Name, External_Id__c, NumberOfEmployees FROM Account " \
                      "ORDER BY External_Id__c"

static const char * const fault_args[] = {
  "--faults=http500@results=2x,http503@status=2x,http429@results=1x,drop-download=2x,"
  "http503@list=1x,retry-after=1", NULL
};

static void
fixture_set_up (BulkFixture   *f,
                gconstpointer  data)
{
  bulk_fixture_start (f, data);
}

static void
fixture_tear_down (BulkFixture   *f,
                   gconstpointer  data)
{
  bulk_fixture_stop (f);
}

static void
load_accounts (BulkFixture *f,
               guint        n)
{
  g_autofree char *csv = bulk_fixture_accounts (1, n);
  g_autoptr(FreightBulkJob) job = bulk_fixture_load (f, "Account",
                                                     FREIGHT_BULK_OPERATION_INSERT, NULL,
                                                     csv);

  g_assert_cmpint (freight_bulk_job_get_number_records_failed (job), ==, 0);
}

static FreightExport *
new_export (BulkFixture *f,
            const char  *soql,
            const char  *file,
            guint64      page_size)
{
  FreightExport *export = freight_export_new (f->session);
  g_autofree char *path = bulk_fixture_path (f, file);

  freight_export_set_soql (export, soql);
  freight_export_set_output_path (export, path);
  freight_export_set_page_size (export, page_size);
  freight_export_set_poll_interval (export, 10, 100);
  return export;
}

/* The whole result as one page, as the org serves it. */
static char *
export_in_one_page (BulkFixture *f,
                    const char  *soql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightExport) export = new_export (f, soql, "one-page.csv", 0);

  g_assert_true (freight_export_run (export, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (freight_export_get_pages (export), ==, 1);
  return bulk_fixture_read (freight_export_get_output_path (export));
}

/* Reads an exported CSV back: its header and rows. */
static GPtrArray *
read_rows (const char  *path,
           char       **header)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FreightCsvReader) reader = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  FreightCsvDialect dialect;

  freight_csv_dialect_init (&dialect);
  reader = freight_csv_reader_new_for_file (file, &dialect, FREIGHT_CSV_READER_FLAGS_NONE,
                                            NULL, &error);
  g_assert_no_error (error);
  g_assert_true (freight_csv_reader_read_header (reader, NULL, &error));
  *header = g_strjoinv (",", (char **) freight_csv_reader_get_column_names (reader));
  while (freight_csv_reader_next_row (reader, NULL, &error))
    {
      GStrvBuilder *b = g_strv_builder_new ();

      for (guint i = 0; i < freight_csv_reader_get_n_fields (reader); i++)
        g_strv_builder_add (b, freight_csv_reader_get_field (reader, i, NULL));
      g_ptr_array_add (rows, g_strv_builder_end (b));
      g_strv_builder_unref (b);
    }
  g_assert_no_error (error);
  return rows;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Compares two files' worth of text without printing megabytes when they differ. */
#define assert_same_text(a, b) assert_same_text_at (__FILE__, __LINE__, (a), (b))

static void
assert_same_text_at (const char *file,
                     int         line,
                     const char *got,
                     const char *expected)
{
  gsize i = 0;

  if (g_strcmp0 (got, expected) == 0)
    return;
  while (got[i] != '\0' && got[i] == expected[i])
    i++;
  g_error ("%s:%d: texts differ at byte %" G_GSIZE_FORMAT " (lengths %" G_GSIZE_FORMAT
           " and %" G_GSIZE_FORMAT "): got “%.40s”, expected “%.40s”", file, line, i,
           strlen (got), strlen (expected), got + i, expected + i);
}

typedef struct
{
  GThread *main_thread;
  guint    notifies;
  guint    off_thread;
  guint64  last_rows;
  gboolean went_backwards;
  GList   *states;
} Watch;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Watch      *watch)
{
  FreightExport *export = FREIGHT_EXPORT (object);

  watch->notifies++;
  if (g_thread_self () != watch->main_thread)
    watch->off_thread++;
  if (g_str_equal (pspec->name, "rows-written"))
    {
      guint64 rows = freight_export_get_rows_written (export);

      watch->went_backwards |= rows < watch->last_rows;
      watch->last_rows = rows;
    }
  if (g_str_equal (pspec->name, "state"))
    watch->states = g_list_append (watch->states,
                                   GINT_TO_POINTER (freight_export_get_state (export)));
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
run_in_main_loop (FreightExport  *export,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  freight_export_run_async (export, cancellable, run_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return freight_export_run_finish (export, result, error);
}

static void
test_multi_page (BulkFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightExport) export = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *header = NULL;
  g_autofree char *got = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *job_id = NULL;
  g_autofree char *query = NULL;
  Watch watch = { g_thread_self () };
  GStatBuf st;

  load_accounts (f, 250);
  expected = export_in_one_page (f, ORDERED_QUERY);

  export = new_export (f, ORDERED_QUERY, "accounts.csv", 40);
  g_signal_connect (export, "notify", G_CALLBACK (on_notify), &watch);
  g_assert_cmpint (freight_export_get_state (export), ==, FREIGHT_EXPORT_STATE_IDLE);
  g_assert_true (run_in_main_loop (export, NULL, &error));
  g_assert_no_error (error);

  /* One file, one header, byte for byte the org's content. */
  got = bulk_fixture_read (freight_export_get_output_path (export));
  assert_same_text (got, expected);
  g_assert_cmpuint (count (got, "\"Name\",\"External_Id__c\",\"NumberOfEmployees\""), ==, 1);
  rows = read_rows (freight_export_get_output_path (export), &header);
  g_assert_cmpstr (header, ==, "Name,External_Id__c,NumberOfEmployees");
  g_assert_cmpuint (rows->len, ==, 250);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *name = g_strdup_printf ("Account %04u", i + 1);
      g_autofree char *ext = g_strdup_printf ("EXT-%04u", i + 1);

      g_assert_cmpstr (row[0], ==, name);
      g_assert_cmpstr (row[1], ==, ext);
    }

  /* The progress properties, notified in this thread, rows never going backwards. */
  g_assert_cmpint (freight_export_get_state (export), ==, FREIGHT_EXPORT_STATE_DONE);
  g_assert_cmpuint (freight_export_get_pages (export), ==, 7);
  g_assert_cmpuint (freight_export_get_rows_written (export), ==, 250);
  g_assert_cmpuint (freight_export_get_rows_total (export), ==, 250);
  g_assert_cmpint (g_stat (freight_export_get_output_path (export), &st), ==, 0);
  g_assert_cmpuint (freight_export_get_bytes_written (export), ==, (guint64) st.st_size);
  job_id = freight_export_dup_job_id (export);
  g_assert_true (g_str_has_prefix (job_id, "750"));
  query = freight_export_dup_query (export);
  g_assert_cmpstr (query, ==, ORDERED_QUERY);
  g_assert_cmpuint (watch.notifies, >, 0);
  g_assert_cmpuint (watch.off_thread, ==, 0);
  g_assert_false (watch.went_backwards);
  g_assert_cmpuint (watch.last_rows, ==, 250);
  g_assert_cmpint (GPOINTER_TO_INT (g_list_last (watch.states)->data), ==,
                   FREIGHT_EXPORT_STATE_DONE);
  g_list_free (watch.states);

  /* No page files are left beside the output. */
  {
    g_autofree char *page = g_strconcat (freight_export_get_output_path (export), ".page",
                                         NULL);

    g_assert_false (g_file_test (page, G_FILE_TEST_EXISTS));
  }

  /* An export runs once. */
  g_assert_false (freight_export_run (export, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
}

static void
test_query_all (BulkFixture   *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightExport) ids = NULL;
  g_autoptr(FreightExport) live = NULL;
  g_autoptr(FreightExport) all = NULL;
  g_autoptr(GPtrArray) id_rows = NULL;
  g_autoptr(GPtrArray) live_rows = NULL;
  g_autoptr(GPtrArray) all_rows = NULL;
  g_autoptr(FreightBulkJob) deleted = NULL;
  g_autoptr(GString) csv = g_string_new ("Id\n");
  g_autofree char *header = NULL;
  guint n_deleted = 0;

  load_accounts (f, 10);

  /* Delete the first three, by the ids an export gives. */
  ids = new_export (f, "SELECT Id FROM Account ORDER BY External_Id__c", "ids.csv", 0);
  g_assert_true (freight_export_run (ids, NULL, &error));
  g_assert_no_error (error);
  id_rows = read_rows (freight_export_get_output_path (ids), &header);
  for (guint i = 0; i < 3; i++)
    g_string_append_printf (csv, "%s\n", ((char **) g_ptr_array_index (id_rows, i))[0]);
  deleted = bulk_fixture_load (f, "Account", FREIGHT_BULK_OPERATION_DELETE, NULL, csv->str);
  g_assert_cmpint (freight_bulk_job_get_number_records_processed (deleted), ==, 3);
  g_assert_cmpint (freight_bulk_job_get_number_records_failed (deleted), ==, 0);

  live = freight_export_new (f->session);
  freight_export_set_object (live, "Account");
  freight_export_set_fields (live, (const char *[]) { "Name", "IsDeleted", NULL });
  {
    g_autofree char *path = bulk_fixture_path (f, "live.csv");

    freight_export_set_output_path (live, path);
  }
  freight_export_set_page_size (live, 4);
  freight_export_set_poll_interval (live, 10, 50);
  g_assert_true (freight_export_run (live, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&header, g_free);
  live_rows = read_rows (freight_export_get_output_path (live), &header);
  g_assert_cmpstr (header, ==, "Name,IsDeleted");
  g_assert_cmpuint (live_rows->len, ==, 7);

  all = new_export (f, "SELECT Name, IsDeleted FROM Account", "all.csv", 4);
  freight_export_set_operation (all, FREIGHT_BULK_OPERATION_QUERY_ALL);
  g_assert_true (freight_export_run (all, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&header, g_free);
  all_rows = read_rows (freight_export_get_output_path (all), &header);
  g_assert_cmpuint (all_rows->len, ==, 10);
  for (guint i = 0; i < all_rows->len; i++)
    n_deleted += g_str_equal (((char **) g_ptr_array_index (all_rows, i))[1], "true");
  g_assert_cmpuint (n_deleted, ==, 3);
}

static void
test_all_fields (BulkFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightExport) export = freight_export_new (f->session);
  g_autofree char *path = bulk_fixture_path (f, "every-field.csv");
  g_autofree char *query = NULL;

  load_accounts (f, 3);
  freight_export_set_object (export, "Account");
  freight_export_set_output_path (export, path);
  freight_export_set_delimiter (export, ';');
  freight_export_set_line_ending (export, FREIGHT_CSV_LINE_ENDING_CRLF);
  freight_export_set_poll_interval (export, 10, 50);
  g_assert_true (freight_export_run (export, NULL, &error));
  g_assert_no_error (error);

  query = freight_export_dup_query (export);
  g_assert_true (g_str_has_prefix (query, "SELECT Id, IsDeleted, "));
  g_assert_true (g_str_has_suffix (query, " FROM Account"));
  g_assert_null (strstr (query, "BillingAddress"));
  g_assert_nonnull (strstr (query, "External_Id__c"));

  {
    g_autofree char *text = bulk_fixture_read (path);

    g_assert_true (g_str_has_prefix (text, "\"Id\";\"IsDeleted\";"));
    g_assert_nonnull (strstr (text, "\r\n"));
  }
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(FreightCsvReader) reader = NULL;
    FreightCsvDialect dialect;
    guint n = 0;

    freight_csv_dialect_init (&dialect);
    dialect.delimiter = ';';
    reader = freight_csv_reader_new_for_file (file, &dialect, FREIGHT_CSV_READER_FLAGS_NONE,
                                              NULL, &error);
    g_assert_true (freight_csv_reader_read_header (reader, NULL, &error));
    while (freight_csv_reader_next_row (reader, NULL, &error))
      n++;
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 3);
  }
}

static void
test_errors (BulkFixture   *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightExport) bad = NULL;
  g_autoptr(FreightExport) nowhere = NULL;
  g_autoptr(FreightExport) both = NULL;
  g_autofree char *soql = NULL;

  /* The org refuses the query: the run fails and leaves no file. */
  bad = new_export (f, "SELECT Nope FROM Account", "bad.csv", 0);
  g_assert_false (freight_export_run (bad, NULL, &error));
  g_assert_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_BAD_REQUEST);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "INVALID_FIELD");
  g_assert_cmpint (freight_export_get_state (bad), ==, FREIGHT_EXPORT_STATE_FAILED);
  g_assert_false (g_file_test (freight_export_get_output_path (bad), G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A folder that does not exist. */
  nowhere = freight_export_new (f->session);
  freight_export_set_soql (nowhere, "SELECT Id FROM Account");
  freight_export_set_output_path (nowhere, "/nonexistent/folder/out.csv");
  g_assert_false (freight_export_run (nowhere, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/folder/out.csv"));
  g_clear_error (&error);

  both = new_export (f, "SELECT Id FROM Account", "both.csv", 0);
  freight_export_set_object (both, "Account");
  freight_export_set_fields (both, (const char *[]) { "Id", NULL });
  g_assert_false (freight_export_run (both, NULL, &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* SOQL from an object and fields. */
  soql = freight_export_build_soql ("Contact", (const char *[]) { "Id", " Account.Name ",
                                                                  NULL }, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (soql, ==, "SELECT Id, Account.Name FROM Contact");
  g_assert_null (freight_export_build_soql ("Contact", (const char *[]) { "Id; DELETE",
                                                                          NULL }, &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (freight_export_build_soql ("Account.Name", (const char *[]) { "Id", NULL },
                                            &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (freight_export_build_soql ("Account", (const char *[]) { NULL }, &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT);
}

static void
cancel_on_job (GObject      *object,
               GParamSpec   *pspec,
               GCancellable *cancellable)
{
  g_autofree char *id = freight_export_dup_job_id (FREIGHT_EXPORT (object));

  if (id != NULL)
    g_cancellable_cancel (cancellable);
}

static void
cancel_on_page (GObject      *object,
                GParamSpec   *pspec,
                GCancellable *cancellable)
{
  if (freight_export_get_pages (FREIGHT_EXPORT (object)) >= 1)
    g_cancellable_cancel (cancellable);
}

/* One cancelled export of a query job queued behind others; returns its job's state. */
static FreightBulkJobState
cancel_queued_export (BulkFixture    *f,
                      FreightJournal *journal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(FreightExport) export = NULL;
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(FreightJournalRun) run = NULL;
  g_autofree char *job_id = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(FreightBulkJob) blocker = NULL;

      blocker = freight_bulk_client_create_query_job (f->client,
                                                      "SELECT Id, Name FROM Account "
                                                      "ORDER BY Name DESC",
                                                      FREIGHT_BULK_OPERATION_QUERY, ',',
                                                      FREIGHT_CSV_LINE_ENDING_LF, NULL,
                                                      &error);
      g_assert_no_error (error);
    }

  export = new_export (f, "SELECT Id FROM Account", "cancelled.csv", 0);
  freight_export_set_journal (export, journal);
  g_signal_connect (export, "notify::job-id", G_CALLBACK (cancel_on_job), cancellable);
  g_assert_false (run_in_main_loop (export, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (freight_export_get_state (export), ==, FREIGHT_EXPORT_STATE_CANCELLED);
  g_assert_false (g_file_test (freight_export_get_output_path (export), G_FILE_TEST_EXISTS));

  run = freight_journal_get_run (journal, freight_export_get_run_id (export), NULL);
  g_assert_cmpstr (run->state, ==, FREIGHT_JOURNAL_STATE_CANCELLED);

  job_id = freight_export_dup_job_id (export);
  g_clear_error (&error);
  job = freight_bulk_client_get_job (f->client, FREIGHT_BULK_JOB_KIND_QUERY, job_id, NULL,
                                     &error);
  g_assert_no_error (error);
  return freight_bulk_job_get_state (job);
}

static void
test_cancel (BulkFixture   *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancel_later = g_cancellable_new ();
  g_autoptr(FreightExport) paged = NULL;
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(FreightJournal) journal = NULL;
  g_autoptr(GString) csv = g_string_new ("Name,External_Id__c\n");
  g_autofree char *journal_path = bulk_fixture_path (f, "journal.db");
  FreightBulkJobState state = FREIGHT_BULK_JOB_STATE_UNKNOWN;

  /* Enough rows that query jobs keep the org's two workers busy for a moment, so the
   * export's job is still queued when it is cancelled and the abort reaches it; when the
   * test runs slowly (valgrind) and the job finished first anyway, it tries again. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (csv, "Account %06u,X-%06u\n", i, i);
  job = bulk_fixture_load (f, "Account", FREIGHT_BULK_OPERATION_INSERT, NULL, csv->str);
  journal = freight_journal_open (journal_path, &error);
  g_assert_no_error (error);

  for (guint attempt = 0; attempt < 8 && state != FREIGHT_BULK_JOB_STATE_ABORTED; attempt++)
    {
      state = cancel_queued_export (f, journal);
      if (state != FREIGHT_BULK_JOB_STATE_ABORTED)
        g_test_message ("attempt %u: the job was %s before the abort", attempt,
                        freight_bulk_job_state_to_string (state));
    }
  g_assert_cmpint (state, ==, FREIGHT_BULK_JOB_STATE_ABORTED);

  /* Cancelled between pages: the partial file goes too. */
  paged = new_export (f, "SELECT Id FROM Account", "paged.csv", 1000);
  g_signal_connect (paged, "notify::pages", G_CALLBACK (cancel_on_page), cancel_later);
  g_assert_false (run_in_main_loop (paged, cancel_later, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (freight_export_get_output_path (paged), G_FILE_TEST_EXISTS));
}

/* Where the @n-th line of @text ends. */
static gsize
after_lines (const char *text,
             guint       n)
{
  const char *p = text;

  for (guint i = 0; i < n; i++)
    p = strchr (p, '\n') + 1;
  return (gsize) (p - text);
}

static void
test_resume (BulkFixture   *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightJournal) journal = NULL;
  g_autoptr(FreightExport) first = NULL;
  g_autoptr(FreightExport) second = NULL;
  g_autoptr(FreightJournalRun) run = NULL;
  g_autoptr(FreightJournalStep) step = NULL;
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(JsonObject) rewound = json_object_new ();
  g_autofree char *journal_path = bulk_fixture_path (f, "journal.db");
  g_autofree char *scratch = bulk_fixture_path (f, "scratch.csv");
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autofree char *job_id = NULL;
  g_autofree char *header = NULL;
  g_autofree char *locator1 = NULL;
  g_autofree char *locator2 = NULL;
  const char *api_version;
  gsize two_pages;
  gint64 run_id;

  load_accounts (f, 120);
  expected = export_in_one_page (f, ORDERED_QUERY);
  journal = freight_journal_open (journal_path, &error);
  g_assert_no_error (error);

  first = new_export (f, ORDERED_QUERY, "resumed.csv", 25);
  freight_export_set_journal (first, journal);
  freight_export_set_org_name (first, "local");
  g_assert_true (freight_export_run (first, NULL, &error));
  g_assert_no_error (error);
  got = bulk_fixture_read (freight_export_get_output_path (first));
  assert_same_text (got, expected);
  g_clear_pointer (&got, g_free);
  run_id = freight_export_get_run_id (first);
  job_id = freight_export_dup_job_id (first);
  run = freight_journal_get_run (journal, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (run->kind, ==, FREIGHT_EXPORT_RUN_KIND);
  g_assert_cmpstr (run->org, ==, "local");
  g_assert_cmpstr (run->state, ==, FREIGHT_JOURNAL_STATE_DONE);
  step = freight_journal_get_step (journal, run_id, "query-job", job_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (step->state, ==, "done");
  g_assert_cmpint (json_object_get_int_member (step->data, "pages"), ==, 5);
  api_version = json_object_get_string_member (step->data, "api_version");

  /* Rewind the journal to how a process killed in the middle of the third page leaves
   * it: two pages recorded, and half of the third appended to the file. */
  g_assert_true (freight_bulk_client_download_page (f->client, job_id, api_version, NULL, 25,
                                                    scratch, &locator1, NULL, NULL, NULL,
                                                    NULL, &error));
  g_assert_true (freight_bulk_client_download_page (f->client, job_id, api_version, locator1,
                                                    25, scratch, &locator2, NULL, NULL, NULL,
                                                    NULL, &error));
  g_assert_no_error (error);
  two_pages = after_lines (expected, 51);
  header = g_strndup (expected, after_lines (expected, 1));
  json_object_set_string_member (rewound, "job_id", job_id);
  json_object_set_string_member (rewound, "api_version", api_version);
  json_object_set_string_member (rewound, "locator", locator2);
  json_object_set_int_member (rewound, "bytes", (gint64) two_pages);
  json_object_set_int_member (rewound, "rows", 50);
  json_object_set_int_member (rewound, "rows_total", 120);
  json_object_set_int_member (rewound, "pages", 2);
  json_object_set_string_member (rewound, "header", header);
  freight_journal_put_step (journal, run_id, "query-job", job_id, "downloading", rewound,
                            &error);
  g_assert_no_error (error);
  freight_journal_set_run_state (journal, run_id, FREIGHT_JOURNAL_STATE_RUNNING, NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpint (truncate (freight_export_get_output_path (first), two_pages + 300), ==, 0);

  unfinished = freight_journal_list_runs (journal, FREIGHT_EXPORT_RUN_KIND, TRUE, &error);
  g_assert_cmpuint (unfinished->len, ==, 1);

  second = freight_export_new_for_run (f->session, journal, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_export_get_page_size (second), ==, 25);
  g_assert_cmpstr (freight_export_get_soql (second), ==, ORDERED_QUERY);
  g_assert_cmpstr (freight_export_get_org_name (second), ==, "local");
  g_assert_cmpint (freight_export_get_run_id (second), ==, run_id);
  freight_export_set_poll_interval (second, 10, 50);
  g_assert_true (freight_export_run (second, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *second_job = freight_export_dup_job_id (second);

    g_assert_cmpstr (second_job, ==, job_id);
  }
  g_assert_cmpuint (freight_export_get_pages (second), ==, 5);
  g_assert_cmpuint (freight_export_get_rows_written (second), ==, 120);

  got = bulk_fixture_read (freight_export_get_output_path (second));
  assert_same_text (got, expected);
  g_clear_pointer (&run, freight_journal_run_free);
  run = freight_journal_get_run (journal, run_id, &error);
  g_assert_cmpstr (run->state, ==, FREIGHT_JOURNAL_STATE_DONE);
  {
    g_autoptr(GPtrArray) events = freight_journal_list_events (journal, run_id, &error);
    g_autofree char *continued = g_strdup_printf ("Continued after page 2 (%" G_GSIZE_FORMAT
                                                  " bytes of the file).", two_pages);
    FreightJournalEvent *last;

    g_assert_cmpuint (events->len, ==, 3);
    last = g_ptr_array_index (events, 2);
    g_assert_cmpstr (((FreightJournalEvent *) g_ptr_array_index (events, 1))->message, ==,
                     continued);
    g_assert_cmpstr (last->level, ==, "info");
    g_assert_true (g_str_has_prefix (last->message, "Exported 120 rows in 5 pages to "));
  }

  /* A finished run cannot be continued. */
  g_clear_object (&second);
  second = freight_export_new_for_run (f->session, journal, run_id, &error);
  g_assert_null (second);
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_NOT_RESUMABLE);
  g_clear_error (&error);

  /* Nor one whose file is gone. */
  freight_journal_set_run_state (journal, run_id, FREIGHT_JOURNAL_STATE_RUNNING, NULL,
                                 &error);
  g_unlink (freight_export_get_output_path (first));
  second = freight_export_new_for_run (f->session, journal, run_id, &error);
  g_assert_no_error (error);
  g_assert_false (freight_export_run (second, NULL, &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_NOT_RESUMABLE);
}

/* What ORDERED_QUERY exports from load_accounts (@n). */
static char *
expected_accounts (guint n)
{
  GString *text = g_string_new ("\"Name\",\"External_Id__c\",\"NumberOfEmployees\"\n");

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "\"Account %04u\",\"EXT-%04u\",\"%u\"\n", i, i, i);
  return g_string_free (text, FALSE);
}

/* Rewrites where the journal says a run ran, as if it had run on another org. */
static void
set_run_instance (const char *journal_path,
                  gint64      run_id,
                  const char *instance_url)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (journal_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE runs SET spec = json_set (spec, "
                                       "'$.instance_url', ?) WHERE id = ?", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, instance_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, run_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_stopped_then_resumed (BulkFixture   *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightJournal) journal = NULL;
  g_autoptr(FreightExport) first = NULL;
  g_autoptr(FreightExport) second = NULL;
  g_autoptr(FreightJournalRun) run = NULL;
  g_autofree char *journal_path = bulk_fixture_path (f, "journal.db");
  g_autofree char *expected = expected_accounts (9000);
  g_autofree char *got = NULL;

  load_accounts (f, 9000);
  journal = freight_journal_open (journal_path, &error);
  g_assert_no_error (error);

  /* The org drops the first five results downloads (pages are large enough that the
   * break comes mid-body), more than the export asks again for a page when the HTTP layer
   * does not retry: the export stops, but can be continued. */
  g_object_set (f->http, "max-retries", 0, NULL);
  first = new_export (f, ORDERED_QUERY, "stopped.csv", 3000);
  freight_export_set_journal (first, journal);
  g_assert_false (freight_export_run (first, NULL, &error));
  g_assert_true (error->domain == FREIGHT_HTTP_ERROR);
  g_assert_nonnull (strstr (error->message, "freight-cli resume"));
  g_clear_error (&error);
  g_assert_cmpint (freight_export_get_state (first), ==, FREIGHT_EXPORT_STATE_FAILED);
  g_assert_cmpuint (freight_export_get_pages (first), ==, 0);
  run = freight_journal_get_run (journal, freight_export_get_run_id (first), &error);
  g_assert_cmpstr (run->state, ==, FREIGHT_JOURNAL_STATE_RUNNING);

  /* Signed in to another org, the run is refused and stays unfinished. */
  set_run_instance (journal_path, freight_export_get_run_id (first),
                    "https://elsewhere.my.salesforce.com");
  second = freight_export_new_for_run (f->session, journal, freight_export_get_run_id (first),
                                       &error);
  g_assert_no_error (error);
  g_assert_false (freight_export_run (second, NULL, &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_NOT_RESUMABLE);
  g_assert_nonnull (strstr (error->message, "https://elsewhere.my.salesforce.com"));
  g_clear_error (&error);
  g_clear_object (&second);
  g_clear_pointer (&run, freight_journal_run_free);
  run = freight_journal_get_run (journal, freight_export_get_run_id (first), &error);
  g_assert_cmpstr (run->state, ==, FREIGHT_JOURNAL_STATE_RUNNING);
  set_run_instance (journal_path, freight_export_get_run_id (first),
                    lo_harness_get_url (f->org));

  g_object_set (f->http, "max-retries", 4, NULL);
  second = freight_export_new_for_run (f->session, journal, freight_export_get_run_id (first),
                                       &error);
  g_assert_no_error (error);
  freight_export_set_poll_interval (second, 10, 50);
  g_assert_true (freight_export_run (second, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (freight_export_get_pages (second), ==, 3);
  g_assert_cmpuint (freight_export_get_rows_written (second), ==, 9000);
  got = bulk_fixture_read (freight_export_get_output_path (second));
  assert_same_text (got, expected);
}

static void
test_faults (BulkFixture   *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightExport) export = NULL;
  g_autofree char *got = NULL;
  g_autofree char *expected = expected_accounts (6000);

  load_accounts (f, 6000);

  export = new_export (f, ORDERED_QUERY, "faults.csv", 2500);
  g_assert_true (freight_export_run (export, NULL, &error));
  g_assert_no_error (error);
  got = bulk_fixture_read (freight_export_get_output_path (export));
  assert_same_text (got, expected);
  g_assert_cmpuint (freight_export_get_pages (export), ==, 3);
  g_assert_cmpuint (freight_org_session_get_request_count (f->session), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const drop_args[] = { "--faults=drop-download=5x", NULL };

  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn, args) \
  g_test_add ("/freight/export/" path, BulkFixture, args, fixture_set_up, fn, \
              fixture_tear_down)

  ADD ("multi-page", test_multi_page, NULL);
  ADD ("query-all", test_query_all, NULL);
  ADD ("all-fields", test_all_fields, NULL);
  ADD ("errors", test_errors, NULL);
  ADD ("cancel", test_cancel, NULL);
  ADD ("resume", test_resume, NULL);
  ADD ("stopped-then-resumed", test_stopped_then_resumed, drop_args);
  ADD ("faults", test_faults, fault_args);

  return g_test_run ();
}
