/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lo-soql-fixture.h"

/* Date and datetime literals, fixed and relative, run on an org whose Opportunity close
 * dates (date fields) and Case close times (datetime fields) sit on the boundaries. */

static const char *const close_dates[] = {
  "2022-12-31", "2023-01-01", "2023-10-01", "2023-12-31", "2024-01-01", "2024-01-02",
  "2024-02-29", "2024-03-01", "2024-03-24", "2024-03-25", "2024-03-30", "2024-03-31",
  "2024-04-01", "2024-04-06", "2024-04-07", "2024-06-29", "2024-06-30", "2024-07-01",
  "2024-12-31", "2025-01-01", "2025-12-31", "2026-01-01",
};

/* Subject, and ClosedDate in UTC; Europe/Berlin starts summer time on 2024-03-31 at 02:00
 * and ends it on 2024-10-27 at 03:00; America/Sao_Paulo started it on 2018-11-04 at 00:00. */
static const char *const close_times[][2] = {
  { "old year", "2023-12-31T22:59:59.999Z" },
  { "new year", "2023-12-31T23:00:00.000Z" },
  { "yesterday", "2024-03-30T22:59:59.999Z" },
  { "today start", "2024-03-30T23:00:00.000Z" },
  { "today end", "2024-03-31T21:59:59.999Z" },
  { "tomorrow", "2024-03-31T22:00:00.000Z" },
  { "fall before", "2024-10-26T21:59:59.999Z" },
  { "fall start", "2024-10-26T22:00:00.000Z" },
  { "fall end", "2024-10-27T22:59:59.999Z" },
  { "fall next", "2024-10-27T23:00:00.000Z" },
  { "sp before", "2018-11-04T02:59:59.999Z" },
  { "sp start", "2018-11-04T03:00:00.000Z" },
};

typedef struct
{
  LoSchema      *schema;
  sqlite3       *db;
  GTimeZone     *berlin;
  GDateTime     *now;
  LoSoqlOptions  options;           /* 2024-03-31 14:00 in Berlin, a Sunday */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->schema = lo_soql_fixture_load_schema (&error);
  g_assert_no_error (error);
  f->db = lo_soql_fixture_open (f->schema, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (close_dates); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO Opportunity (Id, Name, CloseDate) "
                                              "VALUES ('006%012uAAA', '%s', '%s')", i + 1,
                                              close_dates[i], close_dates[i]);

      g_assert_cmpint (sqlite3_exec (f->db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  for (guint i = 0; i < G_N_ELEMENTS (close_times); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO \"Case\" (Id, Subject, ClosedDate) "
                                              "VALUES ('500%012uAAA', '%s', '%s')", i + 1,
                                              close_times[i][0], close_times[i][1]);

      g_assert_cmpint (sqlite3_exec (f->db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  f->berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (f->berlin);
  f->now = g_date_time_new_from_iso8601 ("2024-03-31T12:00:00Z", NULL);
  f->options.now = f->now;
  f->options.time_zone = f->berlin;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_date_time_unref (f->now);
  g_time_zone_unref (f->berlin);
  sqlite3_close (f->db);
  lo_schema_unref (f->schema);
}

/* The rows' first column, joined with spaces. */
static char *
run (Fixture             *f,
     const LoSoqlOptions *options,
     const char          *soql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoSoqlQuery) query = lo_soql_compile (f->schema, soql, options, &error);
  g_autoptr(GString) rows = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  lo_soql_fixture_audit_sql (f->schema, query->sql, &error);
  g_assert_no_error (error);
  lo_soql_fixture_prepare (f->db, query->sql, &stmt, &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (rows, "%s%s", rows->len > 0 ? ", " : "",
                            (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&rows), FALSE);
}

static void
assert_close_dates (Fixture             *f,
                    const LoSoqlOptions *options,
                    const char          *where,
                    const char          *expected)
{
  g_autofree char *soql = g_strdup_printf ("SELECT Name FROM Opportunity WHERE CloseDate %s "
                                           "ORDER BY CloseDate", where);
  g_autofree char *rows = run (f, options, soql);

  if (!g_str_equal (rows, expected))
    g_error ("CloseDate %s: got [%s], expected [%s]", where, rows, expected);
}

static void
assert_close_times (Fixture             *f,
                    const LoSoqlOptions *options,
                    const char          *where,
                    const char          *expected)
{
  g_autofree char *soql = g_strdup_printf ("SELECT Subject FROM Case WHERE ClosedDate %s "
                                           "ORDER BY ClosedDate", where);
  g_autofree char *rows = run (f, options, soql);

  if (!g_str_equal (rows, expected))
    g_error ("ClosedDate %s: got [%s], expected [%s]", where, rows, expected);
}

static void
test_relative_dates (Fixture       *f,
                     gconstpointer  data)
{
  static const char *const cases[][2] = {
    { "= YESTERDAY", "2024-03-30" },
    { "= TODAY", "2024-03-31" },
    { "= tomorrow", "2024-04-01" },
    /* en_US weeks start on Sunday, and 2024-03-31 is one. */
    { "= THIS_WEEK", "2024-03-31, 2024-04-01, 2024-04-06" },
    { "= LAST_WEEK", "2024-03-24, 2024-03-25, 2024-03-30" },
    { "= NEXT_WEEK", "2024-04-07" },
    { "= THIS_MONTH", "2024-03-01, 2024-03-24, 2024-03-25, 2024-03-30, 2024-03-31" },
    { "= LAST_MONTH", "2024-02-29" },
    { "= NEXT_MONTH", "2024-04-01, 2024-04-06, 2024-04-07" },
    { "= THIS_QUARTER", "2024-01-01, 2024-01-02, 2024-02-29, 2024-03-01, 2024-03-24, "
                        "2024-03-25, 2024-03-30, 2024-03-31" },
    { "= LAST_QUARTER", "2023-10-01, 2023-12-31" },
    { "= NEXT_QUARTER", "2024-04-01, 2024-04-06, 2024-04-07, 2024-06-29, 2024-06-30" },
    { "= THIS_YEAR", "2024-01-01, 2024-01-02, 2024-02-29, 2024-03-01, 2024-03-24, "
                     "2024-03-25, 2024-03-30, 2024-03-31, 2024-04-01, 2024-04-06, "
                     "2024-04-07, 2024-06-29, 2024-06-30, 2024-07-01, 2024-12-31" },
    { "= LAST_YEAR", "2023-01-01, 2023-10-01, 2023-12-31" },
    { "= NEXT_YEAR", "2025-01-01, 2025-12-31" },
    { "= THIS_FISCAL_YEAR", "2024-01-01, 2024-01-02, 2024-02-29, 2024-03-01, 2024-03-24, "
                            "2024-03-25, 2024-03-30, 2024-03-31, 2024-04-01, 2024-04-06, "
                            "2024-04-07, 2024-06-29, 2024-06-30, 2024-07-01, 2024-12-31" },
    { "= LAST_FISCAL_QUARTER", "2023-10-01, 2023-12-31" },
    /* The last 90 days include today: 91 days; the next 90 start tomorrow. */
    { "= LAST_90_DAYS", "2024-01-01, 2024-01-02, 2024-02-29, 2024-03-01, 2024-03-24, "
                        "2024-03-25, 2024-03-30, 2024-03-31" },
    { "= NEXT_90_DAYS", "2024-04-01, 2024-04-06, 2024-04-07, 2024-06-29" },
    { "= LAST_N_DAYS:1", "2024-03-30, 2024-03-31" },
    { "= NEXT_N_DAYS:1", "2024-04-01" },
    { "= N_DAYS_AGO:7", "2024-03-24" },
    { "= LAST_N_WEEKS:1", "2024-03-24, 2024-03-25, 2024-03-30" },
    { "= NEXT_N_WEEKS:1", "2024-04-07" },
    { "= N_WEEKS_AGO:1", "2024-03-24, 2024-03-25, 2024-03-30" },
    { "= LAST_N_MONTHS:2", "2024-01-01, 2024-01-02, 2024-02-29" },
    { "= NEXT_N_MONTHS:3", "2024-04-01, 2024-04-06, 2024-04-07, 2024-06-29, 2024-06-30" },
    { "= N_MONTHS_AGO:1", "2024-02-29" },
    { "= LAST_N_QUARTERS:1", "2023-10-01, 2023-12-31" },
    { "= NEXT_N_QUARTERS:2", "2024-04-01, 2024-04-06, 2024-04-07, 2024-06-29, 2024-06-30, "
                             "2024-07-01" },
    { "= N_QUARTERS_AGO:5", "2022-12-31" },
    { "= LAST_N_YEARS:1", "2023-01-01, 2023-10-01, 2023-12-31" },
    { "= NEXT_N_YEARS:1", "2025-01-01, 2025-12-31" },
    { "= N_YEARS_AGO:2", "2022-12-31" },
    { "= LAST_N_DAYS:-1", "" },
    /* Past the storable dates, a range is open-ended. */
    { "= LAST_N_DAYS:99999999999999999999", "2022-12-31, 2023-01-01, 2023-10-01, "
      "2023-12-31, 2024-01-01, 2024-01-02, 2024-02-29, 2024-03-01, 2024-03-24, 2024-03-25, "
      "2024-03-30, 2024-03-31" },
    { "= NEXT_N_YEARS:50000", "2025-01-01, 2025-12-31, 2026-01-01" },
    { "> NEXT_N_YEARS:50000", "" },
    { "< LAST_N_YEARS:+50000", "" },
    /* Comparisons treat the literal as its whole range. */
    { "> THIS_MONTH", "2024-04-01, 2024-04-06, 2024-04-07, 2024-06-29, 2024-06-30, "
                      "2024-07-01, 2024-12-31, 2025-01-01, 2025-12-31, 2026-01-01" },
    { ">= NEXT_YEAR", "2025-01-01, 2025-12-31, 2026-01-01" },
    { "< THIS_YEAR", "2022-12-31, 2023-01-01, 2023-10-01, 2023-12-31" },
    { "<= LAST_MONTH", "2022-12-31, 2023-01-01, 2023-10-01, 2023-12-31, 2024-01-01, "
                       "2024-01-02, 2024-02-29" },
    { "!= THIS_YEAR", "2022-12-31, 2023-01-01, 2023-10-01, 2023-12-31, 2025-01-01, "
                      "2025-12-31, 2026-01-01" },
    { "IN (YESTERDAY, TOMORROW, 2024-06-30)", "2024-03-30, 2024-04-01, 2024-06-30" },
    { "NOT IN (THIS_YEAR, LAST_YEAR, null)", "2022-12-31, 2025-01-01, 2025-12-31, "
                                            "2026-01-01" },
    { "= 2024-02-29", "2024-02-29" },
    { "> 2025-06-30", "2025-12-31, 2026-01-01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_close_dates (f, &f->options, cases[i][0], cases[i][1]);
}

static void
test_week_start (Fixture       *f,
                 gconstpointer  data)
{
  LoSoqlOptions monday = f->options;

  monday.first_day_of_week = G_DATE_MONDAY;
  assert_close_dates (f, &monday, "= THIS_WEEK", "2024-03-25, 2024-03-30, 2024-03-31");
  assert_close_dates (f, &monday, "= LAST_WEEK", "2024-03-24");
  assert_close_dates (f, &monday, "= NEXT_WEEK", "2024-04-01, 2024-04-06, 2024-04-07");
}

static void
test_user_time_zone (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) late = g_date_time_new_from_iso8601 ("2024-03-31T23:30:00Z", NULL);
  g_autoptr(GTimeZone) los_angeles = g_time_zone_new_identifier ("America/Los_Angeles");
  LoSoqlOptions options = { .now = late };

  /* Half past eleven in UTC is already tomorrow in Berlin, still today in Los Angeles. */
  assert_close_dates (f, &options, "= TODAY", "2024-03-31");
  options.time_zone = f->berlin;
  assert_close_dates (f, &options, "= TODAY", "2024-04-01");
  options.time_zone = los_angeles;
  assert_close_dates (f, &options, "= TODAY", "2024-03-31");
  /* Clocks at the ends of the calendar, where the user's date would leave it. */
  {
    g_autoptr(GDateTime) last = g_date_time_new_from_iso8601 ("9999-12-31T23:30:00Z", NULL);
    g_autoptr(GDateTime) first = g_date_time_new_from_iso8601 ("0001-01-01T00:30:00Z", NULL);
    g_autoptr(GTimeZone) kiritimati = g_time_zone_new_identifier ("Pacific/Kiritimati");
    g_autoptr(GTimeZone) honolulu = g_time_zone_new_identifier ("Pacific/Honolulu");
    LoSoqlOptions edge = { .now = last, .time_zone = kiritimati };

    assert_close_dates (f, &edge, "< TODAY", "2022-12-31, 2023-01-01, 2023-10-01, 2023-12-31, "
                        "2024-01-01, 2024-01-02, 2024-02-29, 2024-03-01, 2024-03-24, "
                        "2024-03-25, 2024-03-30, 2024-03-31, 2024-04-01, 2024-04-06, "
                        "2024-04-07, 2024-06-29, 2024-06-30, 2024-07-01, 2024-12-31, "
                        "2025-01-01, 2025-12-31, 2026-01-01");
    assert_close_times (f, &edge, "> TOMORROW", "");
    edge.now = first;
    edge.time_zone = honolulu;
    assert_close_dates (f, &edge, "< TODAY", "");
    assert_close_times (f, &edge, "= YESTERDAY", "");
  }
  /* Without a clock, compiling still works (and reads the real one). */
  options.now = NULL;
  g_free (run (f, &options, "SELECT Name FROM Opportunity WHERE CloseDate = TODAY"));
}

static void
test_datetime_fields (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) fall = g_date_time_new_from_iso8601 ("2024-10-27T10:00:00Z", NULL);
  g_autoptr(GDateTime) spring = g_date_time_new_from_iso8601 ("2018-11-04T12:00:00Z", NULL);
  g_autoptr(GTimeZone) sao_paulo = g_time_zone_new_identifier ("America/Sao_Paulo");
  LoSoqlOptions options = f->options;

  /* Berlin's 23-hour day: midnight CET to midnight CEST. */
  assert_close_times (f, &f->options, "= YESTERDAY", "yesterday");
  assert_close_times (f, &f->options, "= TODAY", "today start, today end");
  assert_close_times (f, &f->options, "= TOMORROW", "tomorrow");
  assert_close_times (f, &f->options, "> TODAY", "tomorrow, fall before, fall start, "
                                                 "fall end, fall next");
  assert_close_times (f, &f->options, "< TODAY", "sp before, sp start, old year, new year, "
                                                 "yesterday");
  assert_close_times (f, &f->options, "= THIS_QUARTER", "new year, yesterday, today start, "
                                                        "today end");
  assert_close_times (f, &f->options, "= LAST_YEAR", "old year");
  /* Its 25-hour day in October. */
  options.now = fall;
  assert_close_times (f, &options, "= TODAY", "fall start, fall end");
  assert_close_times (f, &options, "= YESTERDAY", "fall before");
  /* São Paulo skipped midnight on 2018-11-04: the day began at 01:00 (-02). */
  options.now = spring;
  options.time_zone = sao_paulo;
  assert_close_times (f, &options, "= TODAY", "sp start");
  assert_close_times (f, &options, "= YESTERDAY", "sp before");
}

static void
test_datetime_literals (Fixture       *f,
                        gconstpointer  data)
{
  assert_close_times (f, NULL, "= 2024-03-31T00:00:00+01:00", "today start");
  assert_close_times (f, NULL, "= 2024-03-30t23:00:00z", "today start");
  assert_close_times (f, NULL, "= 2024-03-30T23:00:00.000Z", "today start");
  assert_close_times (f, NULL, "= 2024-03-30T20:00:00-0300", "today start");
  assert_close_times (f, NULL, "> 2024-03-31T23:59:59.998+02:00", "today end, tomorrow, "
                      "fall before, fall start, fall end, fall next");
  assert_close_times (f, NULL, "< 2018-11-04T00:00:00-03", "sp before");
  assert_close_times (f, NULL, "IN (2024-03-31T22:00:00Z, 2024-10-27T23:00:00Z)",
                      "tomorrow, fall next");
  assert_close_times (f, NULL, "!= 2024-03-31T22:00:00Z", "sp before, sp start, old year, "
                      "new year, yesterday, today start, today end, fall before, fall start, "
                      "fall end, fall next");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/freight/lo-soql-dates/relative", Fixture, NULL, fixture_set_up,
              test_relative_dates, fixture_tear_down);
  g_test_add ("/freight/lo-soql-dates/week-start", Fixture, NULL, fixture_set_up,
              test_week_start, fixture_tear_down);
  g_test_add ("/freight/lo-soql-dates/user-time-zone", Fixture, NULL, fixture_set_up,
              test_user_time_zone, fixture_tear_down);
  g_test_add ("/freight/lo-soql-dates/datetime-fields", Fixture, NULL, fixture_set_up,
              test_datetime_fields, fixture_tear_down);
  g_test_add ("/freight/lo-soql-dates/datetime-literals", Fixture, NULL, fixture_set_up,
              test_datetime_literals, fixture_tear_down);
  return g_test_run ();
}
