/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bulk-fixture.h"

/* FreightJobs against a real freight-local-org (with two jobs a listing page): every
 * job of the org in one model, newest first, filters, updates in place, show, abort,
 * delete and the result files of ingest and query jobs, sync and async. */

static const char * const page_args[] = { "--jobs-page-size=2", "--default-page-size=3", NULL };

typedef struct
{
  BulkFixture  b;
  FreightJobs *jobs;
  char        *done_id;      /* a finished insert into Account with one failed row */
  char        *open_id;      /* an Open insert into Contact */
  char        *failed_id;    /* a Failed insert into Account */
  char        *query_id;     /* a finished query of 8 accounts, 3 rows a page */
  guint        changes;
} Fixture;

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               Fixture    *f)
{
  f->changes++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) done = NULL;
  g_autoptr(FreightBulkJob) open = NULL;
  g_autoptr(FreightBulkJob) failed = NULL;
  g_autoptr(FreightBulkJob) query = NULL;
  g_autoptr(FreightBulkJob) finished = NULL;
  g_autofree char *accounts = bulk_fixture_accounts (1, 7);

  bulk_fixture_start (&f->b, page_args);
  done = bulk_fixture_load (&f->b, "Account", FREIGHT_BULK_OPERATION_INSERT, NULL,
                            "Name,External_Id__c\nOne,J-1\n,J-2\n");
  f->done_id = g_strdup (freight_bulk_job_get_id (done));
  failed = bulk_fixture_load (&f->b, "Account", FREIGHT_BULK_OPERATION_INSERT, NULL,
                              "Nope__c\nx\n");
  f->failed_id = g_strdup (freight_bulk_job_get_id (failed));
  g_clear_object (&done);
  done = bulk_fixture_load (&f->b, "Account", FREIGHT_BULK_OPERATION_INSERT, NULL, accounts);
  open = freight_bulk_client_create_ingest_job (f->b.client, "Contact",
                                                FREIGHT_BULK_OPERATION_INSERT, NULL, ',',
                                                FREIGHT_CSV_LINE_ENDING_LF, NULL, NULL, &error);
  g_assert_no_error (error);
  f->open_id = g_strdup (freight_bulk_job_get_id (open));
  query = freight_bulk_client_create_query_job (f->b.client, "SELECT Name FROM Account "
                                                "ORDER BY Name", FREIGHT_BULK_OPERATION_QUERY,
                                                ',', FREIGHT_CSV_LINE_ENDING_LF, NULL, &error);
  g_assert_no_error (error);
  f->query_id = g_strdup (freight_bulk_job_get_id (query));
  finished = freight_bulk_client_wait_for_job (f->b.client, FREIGHT_BULK_JOB_KIND_QUERY,
                                               f->query_id, 10, 50, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  f->jobs = freight_jobs_new (f->b.session);
  g_signal_connect (f->jobs, "items-changed", G_CALLBACK (count_changes), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->jobs);
  g_free (f->done_id);
  g_free (f->open_id);
  g_free (f->failed_id);
  g_free (f->query_id);
  bulk_fixture_stop (&f->b);
}

static FreightBulkJob *
item (Fixture *f,
      guint    i)
{
  FreightBulkJob *job = g_list_model_get_item (G_LIST_MODEL (f->jobs), i);

  g_object_unref (job);   /* the model keeps it */
  return job;
}

static void
test_list_and_filter (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = G_LIST_MODEL (f->jobs);
  guint n_items = 0;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (g_list_model_get_item_type (model) == FREIGHT_TYPE_BULK_JOB);
  g_assert_true (freight_jobs_refresh (f->jobs, NULL, &error));
  g_assert_no_error (error);

  /* Four ingest jobs and a query job, over three listing pages of ingest jobs. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_cmpuint (freight_jobs_get_n_all (f->jobs), ==, 5);
  /* Only the Open job is unfinished; filters do not hide it from the count. */
  g_assert_cmpuint (freight_jobs_count_unfinished (f->jobs), ==, 1);
  g_object_get (f->jobs, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 5);
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_false (freight_jobs_get_loading (f->jobs));

  /* Newest first. */
  for (guint i = 1; i < 5; i++)
    g_assert_cmpint (g_date_time_compare (freight_bulk_job_get_created_date (item (f, i - 1)),
                                          freight_bulk_job_get_created_date (item (f, i))),
                     >=, 0);
  g_assert_cmpstr (freight_bulk_job_get_id (item (f, 0)), ==, f->query_id);

  freight_jobs_set_state_filter (f->jobs, FREIGHT_BULK_JOB_STATE_JOB_COMPLETE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (freight_jobs_count_unfinished (f->jobs), ==, 1);
  freight_jobs_set_object_filter (f->jobs, "account");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  freight_jobs_set_show_query (f->jobs, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  freight_jobs_set_state_filter (f->jobs, FREIGHT_BULK_JOB_STATE_UNKNOWN);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  freight_jobs_set_object_filter (f->jobs, "Contact");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (freight_bulk_job_get_id (item (f, 0)), ==, f->open_id);
  freight_jobs_set_object_filter (f->jobs, "");
  g_assert_null (freight_jobs_get_object_filter (f->jobs));
  freight_jobs_set_show_query (f->jobs, TRUE);
  freight_jobs_set_show_ingest (f->jobs, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpint (freight_bulk_job_get_kind (item (f, 0)), ==, FREIGHT_BULK_JOB_KIND_QUERY);
  freight_jobs_set_show_ingest (f->jobs, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);

  g_assert_nonnull (freight_jobs_lookup (f->jobs, f->failed_id));
  g_assert_null (freight_jobs_lookup (f->jobs, "750000000000000AAA"));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_updates_in_place (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) aborted = NULL;
  g_autoptr(FreightBulkJob) shown = NULL;
  FreightBulkJob *open;
  guint state_changes = 0;

  g_assert_true (freight_jobs_refresh (f->jobs, NULL, &error));
  open = freight_jobs_lookup (f->jobs, f->open_id);
  g_assert_cmpint (freight_bulk_job_get_state (open), ==, FREIGHT_BULK_JOB_STATE_OPEN);
  g_signal_connect (open, "notify::state", G_CALLBACK (count_notify), &state_changes);

  /* Someone else aborts it; a refresh updates the same object. */
  aborted = freight_bulk_client_abort_job (f->b.client, FREIGHT_BULK_JOB_KIND_INGEST,
                                           f->open_id, NULL, &error);
  g_assert_no_error (error);
  f->changes = 0;
  g_assert_true (freight_jobs_refresh (f->jobs, NULL, &error));
  g_assert_true (freight_jobs_lookup (f->jobs, f->open_id) == open);
  g_assert_cmpint (freight_bulk_job_get_state (open), ==, FREIGHT_BULK_JOB_STATE_ABORTED);
  g_assert_cmpuint (state_changes, ==, 1);
  g_assert_cmpuint (f->changes, ==, 0);

  /* Someone else deletes one: it goes. */
  g_assert_true (freight_bulk_client_delete_job (f->b.client, FREIGHT_BULK_JOB_KIND_INGEST,
                                                 f->failed_id, NULL, &error));
  g_assert_true (freight_jobs_refresh (f->jobs, NULL, &error));
  g_assert_null (freight_jobs_lookup (f->jobs, f->failed_id));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->jobs)), ==, 4);
  g_assert_cmpuint (f->changes, ==, 1);

  /* Show brings in a job the model has not listed. */
  g_clear_object (&f->jobs);
  f->jobs = freight_jobs_new (f->b.session);
  shown = freight_jobs_show (f->jobs, f->query_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_bulk_job_get_number_records_processed (shown), ==, 8);
  g_assert_true (freight_jobs_lookup (f->jobs, f->query_id) == shown);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->jobs)), ==, 1);
}

static void
test_abort_delete (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) aborted = NULL;
  g_autoptr(FreightBulkJob) again = NULL;

  g_assert_true (freight_jobs_refresh (f->jobs, NULL, &error));

  aborted = freight_jobs_abort (f->jobs, f->open_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_bulk_job_get_state (aborted), ==, FREIGHT_BULK_JOB_STATE_ABORTED);
  g_assert_true (freight_jobs_lookup (f->jobs, f->open_id) == aborted);
  g_assert_nonnull (freight_bulk_job_get_job_type (aborted));

  /* Aborting again: the org's INVALIDJOBSTATE. */
  again = freight_jobs_abort (f->jobs, f->done_id, NULL, &error);
  g_assert_null (again);
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "INVALIDJOBSTATE");
  g_clear_error (&error);

  g_assert_true (freight_jobs_delete (f->jobs, f->open_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (freight_jobs_lookup (f->jobs, f->open_id));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->jobs)), ==, 4);

  /* A job the model does not know is found by its id, of either kind. */
  g_clear_object (&f->jobs);
  f->jobs = freight_jobs_new (f->b.session);
  g_assert_true (freight_jobs_delete (f->jobs, f->query_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (freight_jobs_delete (f->jobs, f->query_id, NULL, &error));
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "NOT_FOUND");
}

static void
test_results (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) query_files = NULL;
  g_autofree char *folder = g_build_filename (f->b.tmpdir, "results", "of", "jobs", NULL);
  g_autofree char *text = NULL;

  files = freight_jobs_download_results (f->jobs, f->done_id, folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (files), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *direct = bulk_fixture_path (&f->b, "direct.csv");
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;
      g_autofree char *name = g_strconcat (f->done_id, "-",
                                           freight_bulk_results_get_file_name (i), NULL);

      g_assert_true (g_str_has_suffix (files[i], name));
      freight_bulk_client_download_results (f->b.client, f->done_id, i, direct, NULL, NULL,
                                            NULL, &error);
      g_assert_no_error (error);
      expected = bulk_fixture_read (direct);
      got = bulk_fixture_read (files[i]);
      g_assert_cmpstr (got, ==, expected);
    }
  text = bulk_fixture_read (files[1]);
  g_assert_nonnull (strstr (text, "REQUIRED_FIELD_MISSING"));
  g_clear_pointer (&text, g_free);

  /* A query job: its three pages joined with one header. */
  query_files = freight_jobs_download_results (f->jobs, f->query_id, folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (query_files), ==, 1);
  g_assert_true (g_str_has_suffix (query_files[0], "-results.csv"));
  text = bulk_fixture_read (query_files[0]);
  g_assert_cmpstr (text, ==, "\"Name\"\n\"Account 0001\"\n\"Account 0002\"\n\"Account 0003\"\n"
                   "\"Account 0004\"\n\"Account 0005\"\n\"Account 0006\"\n\"Account 0007\"\n"
                   "\"One\"\n");

  /* Nothing to download yet from an Open job. */
  g_assert_null (freight_jobs_download_results (f->jobs, f->open_id, folder, NULL, &error));
  g_assert_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, f->open_id));
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
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) shown = NULL;
  g_autoptr(FreightBulkJob) aborted = NULL;
  g_auto(GStrv) files = NULL;
  GAsyncResult *result = NULL;
  g_autofree char *folder = g_build_filename (f->b.tmpdir, "async", NULL);
  guint loading_changes = 0;

  g_signal_connect (f->jobs, "notify::loading", G_CALLBACK (count_notify), &loading_changes);
  freight_jobs_refresh_async (f->jobs, NULL, async_done, &result);
  g_assert_true (freight_jobs_get_loading (f->jobs));
  g_assert_true (freight_jobs_refresh_finish (f->jobs, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_false (freight_jobs_get_loading (f->jobs));
  g_assert_cmpuint (loading_changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->jobs)), ==, 5);
  g_clear_object (&result);

  freight_jobs_show_async (f->jobs, f->done_id, NULL, async_done, &result);
  shown = freight_jobs_show_finish (f->jobs, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (shown == freight_jobs_lookup (f->jobs, f->done_id));
  g_clear_object (&result);

  freight_jobs_abort_async (f->jobs, f->open_id, NULL, async_done, &result);
  aborted = freight_jobs_abort_finish (f->jobs, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (freight_bulk_job_get_state (aborted), ==, FREIGHT_BULK_JOB_STATE_ABORTED);
  g_clear_object (&result);

  freight_jobs_download_results_async (f->jobs, f->failed_id, folder, NULL, async_done,
                                       &result);
  files = freight_jobs_download_results_finish (f->jobs, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (files), ==, 3);
  g_clear_object (&result);

  freight_jobs_delete_async (f->jobs, f->open_id, NULL, async_done, &result);
  g_assert_true (freight_jobs_delete_finish (f->jobs, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->jobs)), ==, 4);
  g_clear_object (&result);

  freight_jobs_show_async (f->jobs, f->open_id, NULL, async_done, &result);
  g_assert_null (freight_jobs_show_finish (f->jobs, wait_result (&result), &error));
  g_assert_cmpstr (freight_error_get_remote_code (error), ==, "NOT_FOUND");
  g_clear_object (&result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/freight/jobs/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("list-and-filter", test_list_and_filter);
  ADD ("updates-in-place", test_updates_in_place);
  ADD ("abort-delete", test_abort_delete);
  ADD ("results", test_results);
  ADD ("async", test_async);

  return g_test_run ();
}
