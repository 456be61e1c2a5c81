/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "lo-faults.h"
#include "lo-format.h"
#include "lo-query-job.h"

/* The local org's value formats and its --faults parser. */

static void
check_java (double      value,
            const char *expected)
{
  char buf[40];

  lo_format_java_double (value, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, expected);
}

static void
test_java_double (void)
{
  check_java (912260031, "9.12260031E8");
  check_java (1e7, "1.0E7");
  check_java (9999999, "9999999.0");
  check_java (100, "100.0");
  check_java (150.5, "150.5");
  check_java (0.001, "0.001");
  check_java (0.0001, "1.0E-4");
  check_java (0, "0.0");
  check_java (-12.25, "-12.25");
  check_java (-0.5e-5, "-5.0E-6");
  check_java (0.1 + 0.2, "0.30000000000000004");
  check_java (1234567.0, "1234567.0");
  check_java (12345678.9, "1.23456789E7");
}

static void
test_dates (void)
{
  char out[LO_DATE_LEN + 1];

  g_assert_true (lo_parse_date ("2024-02-29", out));
  g_assert_cmpstr (out, ==, "2024-02-29");
  g_assert_true (lo_parse_date ("1940-06-07Z", out));
  g_assert_cmpstr (out, ==, "1940-06-07");
  g_assert_false (lo_parse_date ("2023-02-29", out));
  g_assert_false (lo_parse_date ("2024-1-01", out));
  g_assert_false (lo_parse_date ("2024-01-01T00:00:00Z", out));
  g_assert_false (lo_parse_date ("", out));
}

static void
test_datetimes (void)
{
  char out[LO_DATETIME_STORAGE_LEN + 1];

  g_assert_true (lo_parse_datetime ("2024-01-03T23:52:01.123Z", out));
  g_assert_cmpstr (out, ==, "2024-01-03T23:52:01.123Z");
  g_assert_true (lo_parse_datetime ("2024-01-03T23:52:01+01:00", out));
  g_assert_cmpstr (out, ==, "2024-01-03T22:52:01.000Z");
  g_assert_true (lo_parse_datetime ("2024-01-03T01:00:00.5-0230", out));
  g_assert_cmpstr (out, ==, "2024-01-03T03:30:00.500Z");
  g_assert_true (lo_parse_datetime ("2024-01-03", out));
  g_assert_cmpstr (out, ==, "2024-01-03T00:00:00.000Z");
  g_assert_false (lo_parse_datetime ("2024-01-03T25:00:00Z", out));
  g_assert_false (lo_parse_datetime ("2024-01-03 10:00:00", out));
  g_assert_false (lo_parse_datetime ("yesterday", out));
}

static void
test_numbers (void)
{
  double d;
  gint64 i;
  gboolean b;

  g_assert_true (lo_parse_double ("1e3", &d));
  g_assert_cmpfloat (d, ==, 1000);
  g_assert_false (lo_parse_double ("1,5", &d));
  g_assert_false (lo_parse_double (" 1", &d));
  g_assert_false (lo_parse_double ("nan", &d));
  g_assert_true (lo_parse_int ("42.0", &i));
  g_assert_cmpint (i, ==, 42);
  g_assert_false (lo_parse_int ("4.2", &i));
  g_assert_true (lo_parse_boolean ("TRUE", &b) && b);
  g_assert_true (lo_parse_boolean ("0", &b) && !b);
  g_assert_false (lo_parse_boolean ("yes", &b));
}

static void
test_locators (void)
{
  g_autofree char *locator = lo_query_job_format_locator (10000);
  guint64 start = 0;

  g_assert_cmpstr (locator, ==, "MTAwMDA");
  g_assert_true (lo_query_job_parse_locator (locator, &start));
  g_assert_cmpuint (start, ==, 10000);
  g_assert_false (lo_query_job_parse_locator ("$$", &start));
  g_assert_false (lo_query_job_parse_locator ("", &start));
}

static void
test_faults_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoFaults) none = lo_faults_new (NULL, 0, &error);
  g_autoptr(LoFaults) some = NULL;
  g_autoptr(LoFaults) bad = NULL;
  guint retry = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (lo_faults_latency_ms (none), ==, 0);
  g_assert_cmpint (lo_faults_reply (none, LO_ENDPOINT_STATUS, &retry), ==, LO_FAULT_NONE);
  g_assert_cmpint (lo_faults_token_expiry (none), ==, -1);

  some = lo_faults_new ("latency=5-9, http429@status=2x,retry-after=3,lock-rows=1,"
                        "token-expiry=30,drop-upload=0", 1, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 20; i++)
    {
      guint ms = lo_faults_latency_ms (some);

      g_assert_cmpuint (ms, >=, 5);
      g_assert_cmpuint (ms, <=, 9);
    }
  g_assert_cmpint (lo_faults_reply (some, LO_ENDPOINT_CREATE, &retry), ==, LO_FAULT_NONE);
  g_assert_cmpint (lo_faults_reply (some, LO_ENDPOINT_STATUS, &retry), ==, LO_FAULT_HTTP_429);
  g_assert_cmpuint (retry, ==, 3);
  g_assert_cmpint (lo_faults_reply (some, LO_ENDPOINT_STATUS, &retry), ==, LO_FAULT_HTTP_429);
  g_assert_cmpint (lo_faults_reply (some, LO_ENDPOINT_STATUS, &retry), ==, LO_FAULT_NONE);
  g_assert_true (lo_faults_lock_row (some));
  g_assert_false (lo_faults_drop_upload (some));
  g_assert_cmpint (lo_faults_token_expiry (some), ==, 30);

  bad = lo_faults_new ("http500@nowhere=1", 0, &error);
  g_assert_null (bad);
  g_assert_error (error, LO_FAULTS_ERROR, LO_FAULTS_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (lo_faults_new ("lock-rows=2", 0, &error));
  g_clear_error (&error);
  g_assert_null (lo_faults_new ("latency", 0, &error));
}

static void
test_faults_seed (void)
{
  g_autoptr(LoFaults) a = lo_faults_new ("lock-rows=0.5", 42, NULL);
  g_autoptr(LoFaults) b = lo_faults_new ("lock-rows=0.5", 42, NULL);
  int hits = 0;

  for (int i = 0; i < 200; i++)
    {
      gboolean x = lo_faults_lock_row (a);

      g_assert_true (x == lo_faults_lock_row (b));
      hits += x;
    }
  g_assert_cmpint (hits, >, 50);
  g_assert_cmpint (hits, <, 150);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/local-org/format/java-double", test_java_double);
  g_test_add_func ("/local-org/format/dates", test_dates);
  g_test_add_func ("/local-org/format/datetimes", test_datetimes);
  g_test_add_func ("/local-org/format/numbers", test_numbers);
  g_test_add_func ("/local-org/format/locators", test_locators);
  g_test_add_func ("/local-org/faults/parse", test_faults_parse);
  g_test_add_func ("/local-org/faults/seed", test_faults_seed);
  return g_test_run ();
}
