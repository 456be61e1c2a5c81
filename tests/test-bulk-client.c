/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bulk-fixture.h"

/* The Bulk API 2.0 client against a real freight-local-org: every endpoint, the happy
 * paths and the errors the org answers (INVALIDJOBSTATE, NOT_FOUND, API_ERROR, a job that
 * Fails with InvalidBatch, 412 JOB_NOT_COMPLETE, 409 on another API version), listings
 * over several pages, and result downloads compared byte for byte with what the org
 * serves. */

static const char * const page_args[] = { "--jobs-page-size=3", NULL };

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
assert_remote_error (const GError *error,
                     int           code,
                     const char   *remote_code)
{
  g_assert_error (error, FREIGHT_API_ERROR, code);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, remote_code);
}

/* What the org serves at @path, read by the harness's own HTTP client. */
static char *
raw_get (BulkFixture *f,
         const char  *path)
{
  g_autofree char *version = freight_org_session_dup_api_version (f->session);
  g_autofree char *full = g_strdup_printf ("/services/data/v%s/%s", version, path);
  g_autoptr(LoResponse) r = lo_harness_get (f->org, full);

  lo_assert_status (r, 200);
  return g_strdup (r->text);
}

static void
test_ingest_happy (BulkFixture   *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(FreightBulkJob) closed = NULL;
  g_autoptr(FreightBulkJob) done = NULL;
  g_autofree char *file = NULL;
  g_autofree char *version = freight_org_session_dup_api_version (f->session);
  const char *id;

  job = freight_bulk_client_create_ingest_job (f->client, "Account",
                                               FREIGHT_BULK_OPERATION_INSERT, NULL, ',',
                                               FREIGHT_CSV_LINE_ENDING_LF, NULL, NULL, &error);
  g_assert_no_error (error);
  id = freight_bulk_job_get_id (job);
  g_assert_true (g_str_has_prefix (id, "750"));
  g_assert_cmpint (strlen (id), ==, 18);
  g_assert_cmpint (freight_bulk_job_get_kind (job), ==, FREIGHT_BULK_JOB_KIND_INGEST);
  g_assert_cmpint (freight_bulk_job_get_state (job), ==, FREIGHT_BULK_JOB_STATE_OPEN);
  g_assert_cmpint (freight_bulk_job_get_operation (job), ==, FREIGHT_BULK_OPERATION_INSERT);
  g_assert_cmpstr (freight_bulk_job_get_object (job), ==, "Account");
  g_assert_cmpstr (freight_bulk_job_get_column_delimiter (job), ==, "COMMA");
  g_assert_cmpstr (freight_bulk_job_get_line_ending (job), ==, "LF");
  g_assert_cmpstr (freight_bulk_job_get_content_type (job), ==, "CSV");
  g_assert_cmpstr (freight_bulk_job_get_api_version (job), ==, version);
  g_assert_true (g_str_has_suffix (freight_bulk_job_get_content_url (job), "/batches"));
  g_assert_nonnull (freight_bulk_job_get_created_date (job));
  g_assert_true (g_str_has_prefix (freight_bulk_job_get_created_by_id (job), "005"));

  /* Two good rows and one without its required Name. */
  file = bulk_fixture_write (f, "accounts.csv",
                             "Name,External_Id__c\nAcme,A-1\n,A-2\nGlobex,A-3\n");
  g_assert_true (freight_bulk_client_upload_job_data (f->client, id, file, NULL, NULL, NULL,
                                                      &error));
  g_assert_no_error (error);

  closed = freight_bulk_client_close_job (f->client, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_bulk_job_get_state (closed), >=,
                   FREIGHT_BULK_JOB_STATE_UPLOAD_COMPLETE);

  done = freight_bulk_client_wait_for_job (f->client, FREIGHT_BULK_JOB_KIND_INGEST, id, 10, 50,
                                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_bulk_job_get_state (done), ==, FREIGHT_BULK_JOB_STATE_JOB_COMPLETE);
  g_assert_cmpint (freight_bulk_job_get_number_records_processed (done), ==, 3);
  g_assert_cmpint (freight_bulk_job_get_number_records_failed (done), ==, 1);
  g_assert_cmpstr (freight_bulk_job_get_job_type (done), ==, "V2Ingest");

  /* Each result set, byte for byte as the org serves it. */
  for (FreightBulkResults r = 0; r < FREIGHT_BULK_N_RESULTS; r++)
    {
      g_autofree char *out = bulk_fixture_path (f, freight_bulk_results_get_file_name (r));
      g_autofree char *rel = g_strdup_printf ("jobs/ingest/%s/%s", id,
                                              freight_bulk_results_to_string (r));
      g_autofree char *expected = raw_get (f, rel);
      g_autofree char *got = NULL;

      g_assert_true (freight_bulk_client_download_results (f->client, id, r, out, NULL, NULL,
                                                           NULL, &error));
      g_assert_no_error (error);
      got = bulk_fixture_read (out);
      g_assert_cmpstr (got, ==, expected);
      if (r == FREIGHT_BULK_RESULTS_SUCCESSFUL)
        {
          g_assert_true (g_str_has_prefix (got, "\"sf__Id\",\"sf__Created\",Name"));
          g_assert_nonnull (strstr (got, "Acme"));
          g_assert_nonnull (strstr (got, "Globex"));
        }
      else if (r == FREIGHT_BULK_RESULTS_FAILED)
        g_assert_nonnull (strstr (got, "REQUIRED_FIELD_MISSING"));
      else
        g_assert_cmpstr (got, ==, "Name,External_Id__c\n");
    }
}

static guint poll_count;

static void
count_poll (FreightBulkJob *job,
            gpointer        user_data)
{
  poll_count++;
}

static void
test_upsert_format (BulkFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(FreightBulkJob) done = NULL;
  g_autoptr(FreightBulkJob) first = NULL;
  g_autofree char *file = NULL;
  g_autofree char *accounts = bulk_fixture_accounts (1, 3);
  g_autofree char *id = NULL;

  first = bulk_fixture_load (f, "Account", FREIGHT_BULK_OPERATION_INSERT, NULL, accounts);
  g_assert_cmpint (freight_bulk_job_get_number_records_failed (first), ==, 0);

  job = freight_bulk_client_create_ingest_job (f->client, "Account",
                                               FREIGHT_BULK_OPERATION_UPSERT, "External_Id__c",
                                               ';', FREIGHT_CSV_LINE_ENDING_CRLF, NULL, NULL,
                                               &error);
  g_assert_no_error (error);
  id = g_strdup (freight_bulk_job_get_id (job));
  g_assert_cmpstr (freight_bulk_job_get_external_id_field_name (job), ==, "External_Id__c");
  g_assert_cmpstr (freight_bulk_job_get_column_delimiter (job), ==, "SEMICOLON");
  g_assert_cmpstr (freight_bulk_job_get_line_ending (job), ==, "CRLF");

  file = bulk_fixture_write (f, "upsert.csv",
                             "External_Id__c;Name\r\nEXT-0001;Renamed\r\nEXT-0100;New\r\n");
  g_assert_true (freight_bulk_client_upload_job_data (f->client, id, file, NULL, NULL, NULL,
                                                      &error));
  g_assert_no_error (error);
  g_clear_object (&job);
  job = freight_bulk_client_close_job (f->client, id, NULL, &error);
  g_assert_no_error (error);

  poll_count = 0;
  done = freight_bulk_client_wait_for_job (f->client, FREIGHT_BULK_JOB_KIND_INGEST, id, 10, 50,
                                           count_poll, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (poll_count, >=, 1);
  g_assert_cmpint (freight_bulk_job_get_number_records_processed (done), ==, 2);
  g_assert_cmpint (freight_bulk_job_get_number_records_failed (done), ==, 0);
}

static void
test_errors (BulkFixture   *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(FreightBulkJob) open = NULL;
  g_autofree char *accounts = bulk_fixture_accounts (1, 2);
  const char *missing = "750000000000000AAA";

  /* Refused before any request. */
  g_assert_null (freight_bulk_client_get_job (f->client, FREIGHT_BULK_JOB_KIND_INGEST,
                                              "../limits", NULL, &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (freight_bulk_client_create_ingest_job (f->client, "Account",
                                                        FREIGHT_BULK_OPERATION_UPSERT, NULL,
                                                        ',', FREIGHT_CSV_LINE_ENDING_LF, NULL,
                                                        NULL, &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "external ID"));
  g_clear_error (&error);
  g_assert_null (freight_bulk_client_create_ingest_job (f->client, "Account",
                                                        FREIGHT_BULK_OPERATION_INSERT, NULL,
                                                        ':', FREIGHT_CSV_LINE_ENDING_LF, NULL,
                                                        NULL, &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (freight_bulk_client_create_ingest_job (f->client, "Account",
                                                        FREIGHT_BULK_OPERATION_QUERY, NULL,
                                                        ',', FREIGHT_CSV_LINE_ENDING_LF, NULL,
                                                        NULL, &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (freight_bulk_client_create_query_job (f->client, "  ",
                                                       FREIGHT_BULK_OPERATION_QUERY, ',',
                                                       FREIGHT_CSV_LINE_ENDING_LF, NULL,
                                                       &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* NOT_FOUND, with the id and the likely reasons. */
  g_assert_null (freight_bulk_client_get_job (f->client, FREIGHT_BULK_JOB_KIND_INGEST, missing,
                                              NULL, &error));
  assert_remote_error (error, FREIGHT_API_ERROR_NOT_FOUND, "NOT_FOUND");
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_nonnull (strstr (error->message, "The requested resource does not exist"));
  g_clear_error (&error);
  g_assert_null (freight_bulk_client_find_job (f->client, missing, NULL, &error));
  assert_remote_error (error, FREIGHT_API_ERROR_NOT_FOUND, "NOT_FOUND");
  g_clear_error (&error);

  /* An object the org does not have. */
  g_assert_null (freight_bulk_client_create_ingest_job (f->client, "Nonexistent__c",
                                                        FREIGHT_BULK_OPERATION_INSERT, NULL,
                                                        ',', FREIGHT_CSV_LINE_ENDING_LF, NULL,
                                                        NULL, &error));
  g_assert_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_BAD_REQUEST);
  g_assert_nonnull (freight_error_get_remote_code (error));
  g_assert_true (g_str_has_prefix (error->message, "Could not create the insert job on "
                                   "Nonexistent__c: "));
  g_clear_error (&error);

  /* A bad query is refused at create with the compiler's errorCode. */
  g_assert_null (freight_bulk_client_create_query_job (f->client, "SELECT Nope FROM Account",
                                                       FREIGHT_BULK_OPERATION_QUERY, ',',
                                                       FREIGHT_CSV_LINE_ENDING_LF, NULL,
                                                       &error));
  g_assert_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_BAD_REQUEST);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "INVALID_FIELD");
  g_clear_error (&error);

  /* INVALIDJOBSTATE: closing or aborting a finished job. */
  job = bulk_fixture_load (f, "Account", FREIGHT_BULK_OPERATION_INSERT, NULL, accounts);
  g_assert_null (freight_bulk_client_close_job (f->client, freight_bulk_job_get_id (job), NULL,
                                                &error));
  assert_remote_error (error, FREIGHT_API_ERROR_BAD_REQUEST, "INVALIDJOBSTATE");
  g_assert_true (g_str_has_prefix (error->message, "Could not close job "));
  g_clear_error (&error);
  g_assert_null (freight_bulk_client_abort_job (f->client, FREIGHT_BULK_JOB_KIND_INGEST,
                                                freight_bulk_job_get_id (job), NULL, &error));
  assert_remote_error (error, FREIGHT_API_ERROR_BAD_REQUEST, "INVALIDJOBSTATE");
  g_assert_nonnull (strstr (error->message, "Aborting already Completed Job not allowed"));
  g_clear_error (&error);

  /* An Open job cannot be deleted, and waiting on it is pointless. */
  open = freight_bulk_client_create_ingest_job (f->client, "Contact",
                                                FREIGHT_BULK_OPERATION_INSERT, NULL, ',',
                                                FREIGHT_CSV_LINE_ENDING_LF, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (freight_bulk_client_delete_job (f->client, FREIGHT_BULK_JOB_KIND_INGEST,
                                                  freight_bulk_job_get_id (open), NULL,
                                                  &error));
  assert_remote_error (error, FREIGHT_API_ERROR_BAD_REQUEST, "API_ERROR");
  g_clear_error (&error);
  g_assert_null (freight_bulk_client_wait_for_job (f->client, FREIGHT_BULK_JOB_KIND_INGEST,
                                                   freight_bulk_job_get_id (open), 10, 10,
                                                   NULL, NULL, NULL, &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* A second upload makes the close fail: no row is processed twice. */
  {
    g_autofree char *file = bulk_fixture_write (f, "twice.csv", "LastName\nTwice\n");
    const char *id = freight_bulk_job_get_id (open);

    g_assert_true (freight_bulk_client_upload_job_data (f->client, id, file, NULL, NULL, NULL,
                                                        &error));
    g_assert_true (freight_bulk_client_upload_job_data (f->client, id, file, NULL, NULL, NULL,
                                                        &error));
    g_assert_no_error (error);
    g_assert_null (freight_bulk_client_close_job (f->client, id, NULL, &error));
    assert_remote_error (error, FREIGHT_API_ERROR_BAD_REQUEST, "INVALIDJOB");
    g_clear_error (&error);
  }

  /* Uploading a file that is not there fails locally. */
  {
    g_autofree char *gone = bulk_fixture_path (f, "missing.csv");

    g_assert_false (freight_bulk_client_upload_job_data (f->client,
                                                         freight_bulk_job_get_id (open), gone,
                                                         NULL, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
}

static void
test_failed_job (BulkFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) job = NULL;
  g_autofree char *out = bulk_fixture_path (f, "unprocessed.csv");
  g_autofree char *got = NULL;

  job = bulk_fixture_load (f, "Account", FREIGHT_BULK_OPERATION_INSERT, NULL,
                           "Name,Nope__c\nAcme,1\nGlobex,2\n");
  g_assert_cmpint (freight_bulk_job_get_state (job), ==, FREIGHT_BULK_JOB_STATE_FAILED);
  g_assert_true (freight_bulk_job_is_terminal (job));
  g_assert_true (g_str_has_prefix (freight_bulk_job_get_error_message (job), "InvalidBatch : "));
  g_assert_nonnull (strstr (freight_bulk_job_get_error_message (job), "Nope__c"));
  g_assert_cmpint (freight_bulk_job_get_number_records_processed (job), ==, 0);
  g_assert_cmpint (freight_bulk_job_get_number_records_failed (job), ==, 0);

  g_assert_true (freight_bulk_client_download_results (f->client, freight_bulk_job_get_id (job),
                                                       FREIGHT_BULK_RESULTS_UNPROCESSED, out,
                                                       NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  got = bulk_fixture_read (out);
  g_assert_cmpstr (got, ==, "Name,Nope__c\nAcme,1\nGlobex,2\n");
}

static void
test_abort_delete (BulkFixture   *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(FreightBulkJob) aborted = NULL;
  g_autoptr(FreightBulkJob) again = NULL;
  const char *id;

  job = freight_bulk_client_create_ingest_job (f->client, "Lead",
                                               FREIGHT_BULK_OPERATION_INSERT, NULL, ',',
                                               FREIGHT_CSV_LINE_ENDING_LF, NULL, NULL, &error);
  g_assert_no_error (error);
  id = freight_bulk_job_get_id (job);

  aborted = freight_bulk_client_abort_job (f->client, FREIGHT_BULK_JOB_KIND_INGEST, id, NULL,
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_bulk_job_get_state (aborted), ==, FREIGHT_BULK_JOB_STATE_ABORTED);

  again = freight_bulk_client_get_job (f->client, FREIGHT_BULK_JOB_KIND_INGEST, id, NULL,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_bulk_job_get_state (again), ==, FREIGHT_BULK_JOB_STATE_ABORTED);

  g_assert_true (freight_bulk_client_delete_job (f->client, FREIGHT_BULK_JOB_KIND_INGEST, id,
                                                 NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&again);
  again = freight_bulk_client_get_job (f->client, FREIGHT_BULK_JOB_KIND_INGEST, id, NULL,
                                       &error);
  g_assert_null (again);
  assert_remote_error (error, FREIGHT_API_ERROR_NOT_FOUND, "NOT_FOUND");
}

static void
test_query (BulkFixture   *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) loaded = NULL;
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(FreightBulkJob) done = NULL;
  g_autoptr(FreightBulkJob) found = NULL;
  g_autofree char *accounts = bulk_fixture_accounts (1, 5);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *first_locator = NULL;
  g_autofree char *first_page = NULL;
  g_autofree char *locator = NULL;
  const char *id;
  guint pages = 0;
  guint64 rows = 0;

  loaded = bulk_fixture_load (f, "Account", FREIGHT_BULK_OPERATION_INSERT, NULL, accounts);

  job = freight_bulk_client_create_query_job (f->client,
                                              "SELECT Name, External_Id__c FROM Account "
                                              "ORDER BY Name",
                                              FREIGHT_BULK_OPERATION_QUERY, '|',
                                              FREIGHT_CSV_LINE_ENDING_CRLF, NULL, &error);
  g_assert_no_error (error);
  id = freight_bulk_job_get_id (job);
  g_assert_cmpint (freight_bulk_job_get_kind (job), ==, FREIGHT_BULK_JOB_KIND_QUERY);
  g_assert_cmpint (freight_bulk_job_get_operation (job), ==, FREIGHT_BULK_OPERATION_QUERY);
  g_assert_cmpstr (freight_bulk_job_get_object (job), ==, "Account");
  g_assert_cmpstr (freight_bulk_job_get_column_delimiter (job), ==, "PIPE");

  found = freight_bulk_client_find_job (f->client, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_bulk_job_get_kind (found), ==, FREIGHT_BULK_JOB_KIND_QUERY);

  done = freight_bulk_client_wait_for_job (f->client, FREIGHT_BULK_JOB_KIND_QUERY, id, 10, 50,
                                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_bulk_job_get_state (done), ==, FREIGHT_BULK_JOB_STATE_JOB_COMPLETE);
  g_assert_cmpint (freight_bulk_job_get_number_records_processed (done), ==, 5);
  g_assert_cmpstr (freight_bulk_job_get_job_type (done), ==, "V2Query");

  /* Pages of two rows: 2 + 2 + 1, each with the header. */
  do
    {
      g_autofree char *out = bulk_fixture_path (f, "page.csv");
      g_autofree char *page = NULL;
      char *next = NULL;
      guint64 n = 0;

      g_assert_true (freight_bulk_client_download_page (f->client, id,
                                                        freight_bulk_job_get_api_version (done),
                                                        locator, 2, out, &next, &n, NULL, NULL,
                                                        NULL, &error));
      g_assert_no_error (error);
      page = bulk_fixture_read (out);
      g_assert_true (g_str_has_prefix (page, "\"Name\"|\"External_Id__c\"\r\n"));
      g_string_append (all, page);
      if (pages == 0)
        {
          first_locator = g_strdup (next);
          first_page = g_strdup (page);
        }
      pages++;
      rows += n;
      g_free (locator);
      locator = next;
    }
  while (locator != NULL);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (rows, ==, 5);
  g_assert_nonnull (strstr (all->str, "\"Account 0001\"|\"EXT-0001\"\r\n"));
  g_assert_nonnull (strstr (all->str, "\"Account 0005\"|\"EXT-0005\"\r\n"));

  /* A locator stays valid: the second page again, and the first page with no locator
   * and the session's version. */
  {
    g_autofree char *out = bulk_fixture_path (f, "again.csv");
    g_autofree char *page = NULL;
    guint64 n = 0;

    g_assert_true (freight_bulk_client_download_page (f->client, id, NULL, NULL, 2, out, NULL,
                                                      &n, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    page = bulk_fixture_read (out);
    g_assert_cmpstr (page, ==, first_page);
    g_assert_cmpuint (n, ==, 2);
    g_assert_true (freight_bulk_client_download_page (f->client, id, NULL, first_locator, 2,
                                                      out, NULL, &n, NULL, NULL, NULL,
                                                      &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 2);
  }

  /* Results must be fetched with the job's API version. */
  {
    g_autofree char *out = bulk_fixture_path (f, "conflict.csv");

    g_assert_false (freight_bulk_client_download_page (f->client, id, "50.0", NULL, 0, out,
                                                       NULL, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_CONFLICT);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    g_clear_error (&error);
  }

  /* A finished query job cannot be aborted, and can be deleted. */
  g_assert_null (freight_bulk_client_abort_job (f->client, FREIGHT_BULK_JOB_KIND_QUERY, id,
                                                NULL, &error));
  assert_remote_error (error, FREIGHT_API_ERROR_BAD_REQUEST, "INVALIDJOBSTATE");
  g_clear_error (&error);
  g_assert_true (freight_bulk_client_delete_job (f->client, FREIGHT_BULK_JOB_KIND_QUERY, id,
                                                 NULL, &error));
  g_assert_no_error (error);
}

/* The org runs jobs on two workers. Two query jobs over many rows keep them busy for a
 * moment, so that a third query job waits in UploadComplete; the test tries again with
 * fresh jobs when the org was quicker than the test. */
static char *
queued_query_job (BulkFixture *f)
{
  for (guint attempt = 0; attempt < 10; attempt++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FreightBulkJob) job = NULL;
      g_autoptr(FreightBulkJob) now = NULL;

      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(FreightBulkJob) blocker = NULL;

          blocker = freight_bulk_client_create_query_job (f->client,
                                                          "SELECT Id, Name, External_Id__c "
                                                          "FROM Account ORDER BY Name DESC",
                                                          FREIGHT_BULK_OPERATION_QUERY, ',',
                                                          FREIGHT_CSV_LINE_ENDING_LF, NULL,
                                                          &error);
          g_assert_no_error (error);
        }
      job = freight_bulk_client_create_query_job (f->client, "SELECT Id FROM Account",
                                                  FREIGHT_BULK_OPERATION_QUERY_ALL, ',',
                                                  FREIGHT_CSV_LINE_ENDING_LF, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (freight_bulk_job_get_operation (job), ==,
                       FREIGHT_BULK_OPERATION_QUERY_ALL);
      now = freight_bulk_client_get_job (f->client, FREIGHT_BULK_JOB_KIND_QUERY,
                                         freight_bulk_job_get_id (job), NULL, &error);
      g_assert_no_error (error);
      if (freight_bulk_job_get_state (now) == FREIGHT_BULK_JOB_STATE_UPLOAD_COMPLETE)
        return g_strdup (freight_bulk_job_get_id (job));
      g_test_message ("attempt %u: the query job was already %s", attempt,
                      freight_bulk_job_get_state_name (now));
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_query_not_complete (BulkFixture   *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) loaded = NULL;
  g_autoptr(FreightBulkJob) aborted = NULL;
  g_autoptr(GString) csv = g_string_new ("Name,External_Id__c\n");
  g_autofree char *out = bulk_fixture_path (f, "early.csv");
  g_autofree char *id = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (csv, "Account %06u,X-%06u\n", i, i);
  loaded = bulk_fixture_load (f, "Account", FREIGHT_BULK_OPERATION_INSERT, NULL, csv->str);
  g_assert_cmpint (freight_bulk_job_get_number_records_failed (loaded), ==, 0);

  id = queued_query_job (f);
  g_assert_false (freight_bulk_client_download_page (f->client, id, NULL, NULL, 0, out, NULL,
                                                     NULL, NULL, NULL, NULL, &error));
  if (!g_error_matches (error, FREIGHT_API_ERROR, FREIGHT_API_ERROR_PRECONDITION_FAILED))
    g_test_message ("%s", error->message);
  assert_remote_error (error, FREIGHT_API_ERROR_PRECONDITION_FAILED, "JOB_NOT_COMPLETE");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_clear_pointer (&id, g_free);
  id = queued_query_job (f);
  aborted = freight_bulk_client_abort_job (f->client, FREIGHT_BULK_JOB_KIND_QUERY, id, NULL,
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_bulk_job_get_state (aborted), ==, FREIGHT_BULK_JOB_STATE_ABORTED);
}

static void
test_list_pages (BulkFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autofree char *next = NULL;

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(FreightBulkJob) job = NULL;

      job = freight_bulk_client_create_ingest_job (f->client, i % 2 ? "Contact" : "Account",
                                                   FREIGHT_BULK_OPERATION_INSERT, NULL, ',',
                                                   FREIGHT_CSV_LINE_ENDING_LF, NULL, NULL,
                                                   &error);
      g_assert_no_error (error);
      g_ptr_array_add (created, g_strdup (freight_bulk_job_get_id (job)));
    }

  page = freight_bulk_client_list_jobs_page (f->client, FREIGHT_BULK_JOB_KIND_INGEST, NULL,
                                             &next, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_nonnull (next);
  g_assert_true (g_str_has_prefix (next, "/services/data/v"));

  all = freight_bulk_client_list_jobs (f->client, FREIGHT_BULK_JOB_KIND_INGEST, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 8);
  for (guint i = 0; i < created->len; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < all->len; j++)
        seen |= g_str_equal (freight_bulk_job_get_id (g_ptr_array_index (all, j)),
                             g_ptr_array_index (created, i));
      g_assert_true (seen);
    }
  g_assert_cmpint (freight_bulk_job_get_state (g_ptr_array_index (all, 0)), ==,
                   FREIGHT_BULK_JOB_STATE_OPEN);

  /* Query jobs are listed apart. */
  queries = freight_bulk_client_list_jobs (f->client, FREIGHT_BULK_JOB_KIND_QUERY, NULL,
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queries->len, ==, 0);

  /* Only the org's own paths are followed. */
  g_clear_pointer (&page, g_ptr_array_unref);
  page = freight_bulk_client_list_jobs_page (f->client, FREIGHT_BULK_JOB_KIND_INGEST,
                                             "https://example.com/steal", NULL, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_RESPONSE);
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_async (BulkFixture   *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(FreightBulkJob) got = NULL;
  g_autoptr(FreightBulkJob) found = NULL;
  g_autoptr(FreightBulkJob) aborted = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  GAsyncResult *result = NULL;
  const char *id;

  job = freight_bulk_client_create_ingest_job (f->client, "Account",
                                               FREIGHT_BULK_OPERATION_DELETE, NULL, ',',
                                               FREIGHT_CSV_LINE_ENDING_LF, NULL, NULL, &error);
  g_assert_no_error (error);
  id = freight_bulk_job_get_id (job);

  freight_bulk_client_get_job_async (f->client, FREIGHT_BULK_JOB_KIND_INGEST, id, NULL,
                                     async_done, &result);
  got = freight_bulk_client_get_job_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_bulk_job_get_operation (got), ==, FREIGHT_BULK_OPERATION_DELETE);
  g_clear_object (&result);

  freight_bulk_client_find_job_async (f->client, id, NULL, async_done, &result);
  found = freight_bulk_client_find_job_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (freight_bulk_job_get_id (found), ==, id);
  g_clear_object (&result);

  freight_bulk_client_list_jobs_async (f->client, FREIGHT_BULK_JOB_KIND_INGEST, NULL,
                                       async_done, &result);
  jobs = freight_bulk_client_list_jobs_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 1);
  g_clear_object (&result);

  freight_bulk_client_abort_job_async (f->client, FREIGHT_BULK_JOB_KIND_INGEST, id, NULL,
                                       async_done, &result);
  aborted = freight_bulk_client_abort_job_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_bulk_job_get_state (aborted), ==, FREIGHT_BULK_JOB_STATE_ABORTED);
  g_clear_object (&result);

  freight_bulk_client_delete_job_async (f->client, FREIGHT_BULK_JOB_KIND_INGEST, id, NULL,
                                        async_done, &result);
  g_assert_true (freight_bulk_client_delete_job_finish (f->client, wait_result (&result),
                                                        &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Errors come back through _finish. */
  freight_bulk_client_get_job_async (f->client, FREIGHT_BULK_JOB_KIND_INGEST, id, NULL,
                                     async_done, &result);
  g_assert_null (freight_bulk_client_get_job_finish (f->client, wait_result (&result), &error));
  assert_remote_error (error, FREIGHT_API_ERROR_NOT_FOUND, "NOT_FOUND");
  g_clear_object (&result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn, args) \
  g_test_add ("/freight/bulk-client/" path, BulkFixture, args, fixture_set_up, fn, \
              fixture_tear_down)

  ADD ("ingest", test_ingest_happy, NULL);
  ADD ("upsert-format", test_upsert_format, NULL);
  ADD ("errors", test_errors, NULL);
  ADD ("failed-job", test_failed_job, NULL);
  ADD ("abort-delete", test_abort_delete, NULL);
  ADD ("query", test_query, NULL);
  ADD ("query-not-complete", test_query_not_complete, NULL);
  ADD ("list-pages", test_list_pages, page_args);
  ADD ("async", test_async, NULL);

  return g_test_run ();
}
