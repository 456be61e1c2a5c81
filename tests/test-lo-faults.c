/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lo-harness.h"

/* Each --faults switch, exercised against a running org. */

#define JOBS "/services/data/v62.0/jobs/ingest"

static LoHarness *
start_with (const char *faults)
{
  g_autofree char *arg = g_strdup_printf ("--faults=%s", faults);
  const char *args[] = { arg, "--seed=7", NULL };

  return lo_harness_start (args);
}

static char *
create_job (LoHarness *o)
{
  g_autoptr(LoResponse) r = lo_harness_post_json (o, JOBS, "{\"object\":\"Contact\","
                                                  "\"operation\":\"insert\"}");
  g_autoptr(JsonNode) json = lo_response_get_json (r);

  lo_assert_status (r, 200);
  return g_strdup (json_object_get_string_member (json_node_get_object (json), "id"));
}

static char *
run_insert (LoHarness  *o,
            const char *csv)
{
  g_autofree char *id = create_job (o);
  g_autofree char *path = g_strdup_printf ("%s/%s", JOBS, id);
  g_autofree char *batches = g_strdup_printf ("%s/batches", path);
  g_autoptr(LoResponse) put = lo_harness_request (o, "PUT", batches, "text/csv", csv, -1, NULL);
  g_autoptr(LoResponse) closed = lo_harness_request (o, "PATCH", path, "application/json",
                                                     "{\"state\":\"UploadComplete\"}", -1, NULL);
  g_autoptr(JsonObject) job = NULL;

  lo_assert_status (put, 201);
  lo_assert_status (closed, 200);
  job = lo_harness_wait_for_job (o, path);
  return g_steal_pointer (&id);
}

static void
test_latency (void)
{
  g_autoptr(LoHarness) o = start_with ("latency=300");
  gint64 start = g_get_monotonic_time ();
  g_autoptr(LoResponse) r = lo_harness_get (o, "/services/data/v62.0/limits");

  lo_assert_status (r, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  lo_harness_stop (o);
}

static void
test_http_errors (void)
{
  g_autoptr(LoHarness) o = start_with ("http503@status=2x,http500@create=1x,http429@list=1x,"
                                       "retry-after=7");
  g_autoptr(LoResponse) create_fail = lo_harness_post_json (o, JOBS, "{\"object\":\"Contact\","
                                                           "\"operation\":\"insert\"}");
  g_autofree char *id = create_job (o);
  g_autofree char *path = g_strdup_printf ("%s/%s", JOBS, id);
  g_autoptr(LoResponse) s1 = lo_harness_get (o, path);
  g_autoptr(LoResponse) s2 = lo_harness_get (o, path);
  g_autoptr(LoResponse) s3 = lo_harness_get (o, path);
  g_autoptr(LoResponse) list1 = lo_harness_get (o, JOBS);
  g_autoptr(LoResponse) list2 = lo_harness_get (o, JOBS);

  lo_assert_status (create_fail, 500);
  g_assert_true (strstr (create_fail->text, "\"errorCode\":\"UNKNOWN_EXCEPTION\"") != NULL);
  lo_assert_status (s1, 503);
  g_assert_true (strstr (s1->text, "\"errorCode\":\"SERVER_UNAVAILABLE\"") != NULL);
  lo_assert_status (s2, 503);
  lo_assert_status (s3, 200);
  lo_assert_status (list1, 429);
  g_assert_cmpstr (lo_response_get_header (list1, "Retry-After"), ==, "7");
  g_assert_true (strstr (list1->text, "\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"") != NULL);
  lo_assert_status (list2, 200);
  lo_harness_stop (o);
}

static void
test_drop_upload (void)
{
  g_autoptr(LoHarness) o = start_with ("drop-upload=1x");
  g_autofree char *id = create_job (o);
  g_autofree char *path = g_strdup_printf ("%s/%s", JOBS, id);
  g_autofree char *batches = g_strdup_printf ("%s/batches", path);
  g_autoptr(GString) csv = g_string_new ("LastName\n");
  g_autoptr(LoResponse) dropped = NULL;
  g_autoptr(LoResponse) info = NULL;
  g_autoptr(LoResponse) retried = NULL;

  for (int i = 0; i < 200000; i++)
    g_string_append_printf (csv, "Dropped %d\n", i);
  lo_harness_set_fresh_connections (o, TRUE);
  dropped = lo_harness_put_chunked (o, batches, csv->str, csv->len);
  g_assert_cmpuint (dropped->status, !=, 201);
  /* The broken upload left nothing behind: the job is still Open with no data. */
  info = lo_harness_get (o, path);
  lo_assert_status (info, 200);
  g_assert_true (strstr (info->text, "\"state\":\"Open\"") != NULL);
  g_assert_null (strstr (info->text, "numberRecordsProcessed"));
  retried = lo_harness_put_chunked (o, batches, csv->str, csv->len);
  lo_assert_status (retried, 201);
  lo_harness_stop (o);
}

static void
test_drop_download (void)
{
  g_autoptr(LoHarness) o = start_with ("drop-download=1x");
  g_autoptr(GString) csv = g_string_new ("LastName\n");
  g_autofree char *id = NULL;
  g_autofree char *results = NULL;
  g_autoptr(LoResponse) dropped = NULL;
  g_autoptr(LoResponse) whole = NULL;

  for (int i = 0; i < 20000; i++)
    g_string_append_printf (csv, "Download %d\n", i);
  id = run_insert (o, csv->str);
  results = g_strdup_printf ("%s/%s/successfulResults", JOBS, id);
  lo_harness_set_fresh_connections (o, TRUE);
  dropped = lo_harness_get (o, results);
  whole = lo_harness_get (o, results);
  lo_assert_status (whole, 200);
  /* The first download broke off: an error, or fewer bytes than the second. */
  g_assert_true (dropped->status != 200
                 || g_bytes_get_size (dropped->body) < g_bytes_get_size (whole->body));
  g_assert_cmpuint (g_bytes_get_size (whole->body), >, 20000 * 30);
  lo_harness_stop (o);
}

static void
test_token_expiry (void)
{
  g_autoptr(LoHarness) o = start_with ("token-expiry=1");
  g_autoptr(LoResponse) before = lo_harness_get (o, "/services/data/v62.0/limits");
  g_autoptr(LoResponse) after = NULL;

  lo_assert_status (before, 200);
  g_usleep (1500 * 1000);
  after = lo_harness_get (o, "/services/data/v62.0/limits");
  lo_assert_status (after, 401);
  g_assert_true (strstr (after->text, "\"errorCode\":\"INVALID_SESSION_ID\"") != NULL);
  lo_harness_stop (o);
}

static char *
locked_rows (const char *faults)
{
  g_autoptr(LoHarness) o = start_with (faults);
  g_autofree char *id = run_insert (o, "LastName\nL0\nL1\nL2\nL3\nL4\nL5\nL6\nL7\nL8\nL9\n");
  g_autofree char *path = g_strdup_printf ("%s/%s/failedResults", JOBS, id);
  g_autoptr(LoResponse) r = lo_harness_get (o, path);

  lo_assert_status (r, 200);
  lo_harness_stop (o);
  return g_strdup (r->text);
}

static void
test_lock_rows (void)
{
  g_autofree char *two = locked_rows ("lock-rows=2x");
  g_autofree char *half1 = locked_rows ("lock-rows=0.5");
  g_autofree char *half2 = locked_rows ("lock-rows=0.5");
  g_auto(GStrv) lines = g_strsplit (two, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[1], ==, "\"\",\"UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to "
                                 "this record:--\",\"L0\"");
  g_assert_true (g_str_has_suffix (lines[2], "\"L1\""));
  /* The same seed picks the same rows. */
  g_assert_cmpstr (half1, ==, half2);
  g_assert_true (strstr (half1, "UNABLE_TO_LOCK_ROW") != NULL);
}

static void
test_bad_spec (void)
{
  const char *args[] = { "--faults=explode=1", NULL };
  g_autoptr(GError) error = NULL;
  LoHarness *o = lo_harness_start_full (args, FALSE, &error);

  g_assert_null (o);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/local-org/faults/latency", test_latency);
  g_test_add_func ("/local-org/faults/http-errors", test_http_errors);
  g_test_add_func ("/local-org/faults/drop-upload", test_drop_upload);
  g_test_add_func ("/local-org/faults/drop-download", test_drop_download);
  g_test_add_func ("/local-org/faults/token-expiry", test_token_expiry);
  g_test_add_func ("/local-org/faults/lock-rows", test_lock_rows);
  g_test_add_func ("/local-org/faults/bad-spec", test_bad_spec);
  return g_test_run ();
}
