/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "load-harness.h"

/* freight-cli load and resume, run as programs against a freight-local-org: auto-mapping,
 * .sdl mappings, the pre-flight choices, --json, the exit statuses, and loads killed with
 * SIGKILL in the middle of each step (preparation, upload, close, polling, download) and
 * then continued with `freight-cli resume`: afterwards every source row is in exactly one
 * result file and the org holds every record once. */

static void
fixture_set_up (LoadFixture   *f,
                gconstpointer  data)
{
  load_fixture_start (f, data);
}

static void
fixture_tear_down (LoadFixture   *f,
                   gconstpointer  data)
{
  load_fixture_stop (f);
}

/* Accounts whose columns are field names, for auto-mapping. */
static GFile *
write_accounts (LoadFixture *f,
                const char  *name,
                guint        n)
{
  g_autoptr(GString) text = g_string_new ("Name,External_Id__c,NumberOfEmployees\n");

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "Company %u,K-%u,%u\n", i, i, i);
  return load_fixture_write (f, name, text->str);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The folder of the one run under the fixture's output folder. */
static GFile *
only_run_dir (LoadFixture *f)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFile *found = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (f->output, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  while ((info = g_file_enumerator_next_file (children, NULL, &error)) != NULL)
    {
      g_assert_null (found);
      found = g_file_get_child (f->output, g_file_info_get_name (info));
      g_object_unref (info);
    }
  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

static LoadCsv *
read_result (GFile      *run_dir,
             const char *name)
{
  g_autoptr(GFile) file = g_file_get_child (run_dir, name);

  return load_csv_read (file);
}

/* Every row 1..@n in exactly one result file; the org holds one record per key, the
 * success rows' ones, each with the row's own Id. Returns the number of success rows. */
static guint
assert_complete (LoadFixture *f,
                 GFile       *run_dir,
                 guint        n)
{
  g_autoptr(LoadCsv) success = read_result (run_dir, "success.csv");
  g_autoptr(LoadCsv) failed = read_result (run_dir, "failed.csv");
  g_autoptr(LoadCsv) unprocessed = read_result (run_dir, "unprocessed.csv");
  g_autoptr(JsonArray) records = load_fixture_query (f, "SELECT Id, External_Id__c FROM Account");
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  LoadCsv *files[] = { success, failed, unprocessed };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    for (guint r = 0; r < files[i]->rows->len; r++)
      {
        const char *row = load_csv_get (files[i], r, "Freight Row");

        g_assert_false (g_hash_table_contains (rows, row));
        g_hash_table_add (rows, g_strdup (row));
      }
  g_assert_cmpuint (g_hash_table_size (rows), ==, n);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *row = g_strdup_printf ("%u", i);

      g_assert_true (g_hash_table_contains (rows, row));
    }

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      g_hash_table_insert (ids, (char *) json_object_get_string_member (record,
                                                                        "External_Id__c"),
                           (char *) json_object_get_string_member (record, "Id"));
    }
  g_assert_cmpuint (json_array_get_length (records), ==, g_hash_table_size (ids));
  g_assert_cmpuint (json_array_get_length (records), ==, success->rows->len);
  for (guint r = 0; r < success->rows->len; r++)
    g_assert_cmpstr (g_hash_table_lookup (ids, load_csv_get (success, r, "External_Id__c")), ==,
                     load_csv_get (success, r, "Freight Id"));
  return success->rows->len;
}

/* --- Load, mapping, pre-flight, exit statuses --- */

static void
test_cli_auto_map_json (LoadFixture   *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) source = write_accounts (f, "accounts.csv", 5);
  g_autofree char *file = g_file_get_path (source);
  g_autofree char *output = g_file_get_path (f->output);
  const char *args[] = { "load", "--object", "Account", "--operation", "insert", "--file", file,
                         "--output-dir", output, "--json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_autoptr(GFile) run_dir = NULL;
  JsonObject *counts;
  int status;

  status = load_fixture_cli (f, args, &out, &err);
  g_assert_cmpint (status, ==, 0);
  /* It says what it mapped, on stderr; stdout is the summary alone. */
  g_assert_nonnull (strstr (err, "Auto-mapped 3 columns:"));
  g_assert_nonnull (strstr (err, "“External_Id__c” → External_Id__c"));
  summary = parse_object (out);
  g_assert_cmpstr (json_object_get_string_member (summary, "state"), ==, "finished");
  g_assert_cmpstr (json_object_get_string_member (summary, "object"), ==, "Account");
  g_assert_cmpstr (json_object_get_string_member (summary, "operation"), ==, "insert");
  counts = json_object_get_object_member (summary, "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "rows"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (counts, "succeeded"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (counts, "failed"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (summary, "jobs")), ==,
                    1);

  run_dir = only_run_dir (f);
  g_assert_true (g_str_has_prefix (g_file_peek_path (run_dir) + strlen (output) + 1,
                                   "accounts_"));
  g_assert_cmpuint (assert_complete (f, run_dir, 5), ==, 5);
}

static void
test_cli_plain_output (LoadFixture   *f,
                       gconstpointer  data)
{
  g_autoptr(GFile) source = write_accounts (f, "accounts.csv", 300);
  g_autofree char *file = g_file_get_path (source);
  g_autofree char *output = g_file_get_path (f->output);
  const char *args[] = { "load", "--object", "Account", "--operation", "insert", "--file", file,
                         "--output-dir", output, "--part-rows", "100", "--jobs-in-flight", "2",
                         NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GFile) run_dir = NULL;

  g_assert_cmpint (load_fixture_cli (f, args, &out, &err), ==, 0);
  /* Not a terminal: plain progress lines, one per part when its job ends. */
  g_assert_nonnull (strstr (err, "part 1 (100 rows), job 750"));
  g_assert_nonnull (strstr (err, "part 3 (100 rows), job 750"));
  g_assert_null (strstr (err, "\r"));
  g_assert_nonnull (strstr (out, ": 300 succeeded, 0 failed, 0 unprocessed\n"));
  run_dir = only_run_dir (f);
  g_assert_nonnull (strstr (out, g_file_peek_path (run_dir)));
  assert_complete (f, run_dir, 300);
}

static void
test_cli_sdl_mapping (LoadFixture   *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) source = load_fixture_write (f, "firms.csv",
                                                "Firm;Key;Staff\n"
                                                "Alpha;S-1;10\n"
                                                "Beta;S-2;20\n");
  g_autoptr(GFile) sdl = load_fixture_write (f, "firms.sdl",
                                             "# Firms to accounts\n"
                                             "Firm=Name\n"
                                             "Key=External_Id__c\n"
                                             "Staff=NumberOfEmployees\n");
  g_autofree char *file = g_file_get_path (source);
  g_autofree char *mapping = g_file_get_path (sdl);
  g_autofree char *output = g_file_get_path (f->output);
  const char *args[] = { "load", "--object", "Account", "--operation", "upsert",
                         "--external-id", "External_Id__c", "--file", file, "-m", mapping,
                         "--output-dir", output, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonArray) records = NULL;

  g_assert_cmpint (load_fixture_cli (f, args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "Mapped 3 columns:"));
  g_assert_nonnull (strstr (err, "“Staff” → NumberOfEmployees"));
  records = load_fixture_query (f, "SELECT Name, NumberOfEmployees FROM Account "
                                   "WHERE External_Id__c = 'S-2'");
  g_assert_cmpuint (json_array_get_length (records), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (records, 0),
                                                  "Name"), ==, "Beta");
}

static const char problem_rows[] =
  "Name,External_Id__c,NumberOfEmployees\n"
  "Good,P-1,1\n"
  "Bad number,P-2,many\n"
  "Good too,P-3,3\n";

static void
test_cli_preflight_choices (LoadFixture   *f,
                            gconstpointer  data)
{
  g_autoptr(GFile) source = load_fixture_write (f, "problems.csv", problem_rows);
  g_autofree char *file = g_file_get_path (source);
  g_autofree char *output = g_file_get_path (f->output);
  const char *stop[] = { "load", "--object", "Account", "--operation", "insert", "--file", file,
                         "--output-dir", output, NULL };
  const char *exclude[] = { "load", "--object", "Account", "--operation", "insert", "--file",
                            file, "--output-dir", output, "--exclude-problem-rows", NULL };
  const char *both[] = { "load", "--object", "Account", "--operation", "insert", "--file",
                         file, "--exclude-problem-rows", "--no-preflight", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonArray) records = NULL;
  g_autoptr(GFile) run_dir = NULL;
  g_autoptr(LoadCsv) unprocessed = NULL;

  /* Problems and no choice: listed, nothing loaded, exit 2. */
  g_assert_cmpint (load_fixture_cli (f, stop, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "Pre-flight found problems:"));
  g_assert_nonnull (strstr (err, "Row 2 (line 3)"));
  g_assert_nonnull (strstr (err, "1 row has problems"));
  g_assert_nonnull (strstr (err, "--exclude-problem-rows"));
  records = load_fixture_query (f, "SELECT Id FROM Account");
  g_assert_cmpuint (json_array_get_length (records), ==, 0);
  g_assert_false (g_file_query_exists (f->output, NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Two choices at once are a usage error. */
  g_assert_cmpint (load_fixture_cli (f, both, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "Choose one of"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Left out: the rest loads, the row is in unprocessed.csv with its problem, exit 1. */
  g_assert_cmpint (load_fixture_cli (f, exclude, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "1 row with problems is left out"));
  run_dir = only_run_dir (f);
  g_assert_cmpuint (assert_complete (f, run_dir, 3), ==, 2);
  unprocessed = read_result (run_dir, "unprocessed.csv");
  g_assert_cmpuint (unprocessed->rows->len, ==, 1);
  g_assert_cmpstr (load_csv_get (unprocessed, 0, "Freight Row"), ==, "2");
  g_assert_cmpstr (load_csv_get (unprocessed, 0, "NumberOfEmployees"), ==, "many");
  g_assert_nonnull (strstr (load_csv_get (unprocessed, 0, "Freight Reason"), "many"));
}

static void
test_cli_rows_failed (LoadFixture   *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) source = load_fixture_write (f, "problems.csv", problem_rows);
  g_autofree char *file = g_file_get_path (source);
  g_autofree char *output = g_file_get_path (f->output);
  const char *args[] = { "load", "--object", "Account", "--operation", "insert", "--file", file,
                         "--output-dir", output, "--ignore-problems", "--json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_autoptr(GFile) run_dir = NULL;
  g_autoptr(LoadCsv) failed = NULL;

  /* Sent anyway: the org refuses the row, exit 1. */
  g_assert_cmpint (load_fixture_cli (f, args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "1 row with problems is sent anyway"));
  summary = parse_object (out);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (summary, "counts"),
                                               "failed"), ==, 1);
  run_dir = only_run_dir (f);
  g_assert_cmpuint (assert_complete (f, run_dir, 3), ==, 2);
  failed = read_result (run_dir, "failed.csv");
  g_assert_cmpstr (load_csv_get (failed, 0, "Freight Row"), ==, "2");
  g_assert_cmpstr (load_csv_get (failed, 0, "Freight Error Code"), ==,
                   "INVALID_TYPE_ON_FIELD_IN_RECORD");
}

static void
test_cli_usage (LoadFixture   *f,
                gconstpointer  data)
{
  const char *no_file[] = { "load", "--object", "Account", "--operation", "insert", NULL };
  const char *no_key[] = { "load", "--object", "Account", "--operation", "upsert", "--file",
                           "x.csv", NULL };
  const char *bad_operation[] = { "load", "--object", "Account", "--operation", "merge",
                                  "--file", "x.csv", NULL };
  const char *bad_size[] = { "load", "--object", "Account", "--operation", "insert", "--file",
                             "x.csv", "--part-size", "200M", NULL };
  const char *missing[] = { "load", "--object", "Account", "--operation", "insert", "--file",
                            "does-not-exist.csv", NULL };
  const char *unknown_object[] = { "load", "--object", "Nothing__c", "--operation", "insert",
                                   "--file", "x.csv", NULL };
  const char * const *cases[] = { no_file, no_key, bad_operation, bad_size, missing,
                                  unknown_object };
  const char *expected[] = { "--object, --operation and --file are needed",
                             "An upsert needs --external-id", "--operation is one of",
                             "--part-size is a size", "does-not-exist.csv", "Nothing__c" };
  g_autoptr(GFile) source = write_accounts (f, "x.csv", 1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (load_fixture_cli (f, cases[i], &out, &err), ==, 2);
      if (strstr (err, expected[i]) == NULL)
        g_error ("case %u: “%s” not in: %s", i, expected[i], err);
    }
}

/* --- Killed and resumed --- */

typedef struct
{
  const char *step;        /* kill when a part reaches this step of the journal */
  guint       min_jobs;    /* ingest jobs the load must have made in all */
  gboolean    abandons;    /* a job is given up (aborted) for a new one */
} KillCase;

/* Every request takes the org 200 ms, and each job of 200 rows at least a second. */
static const char * const slow_org[] = {
  "--faults", "latency=200", "--rows-per-second", "150", NULL
};

static void
slow_set_up (LoadFixture   *f,
             gconstpointer  data)
{
  load_fixture_start (f, slow_org);
}

/* The furthest a part of the journal's only load is at @step, from a connection of our
 * own (the journal is in WAL mode: readers do not block the writer). */
static gboolean
part_at_step (LoadFixture *f,
              const char  *step)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_open_v2 (f->journal_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_busy_timeout (db, 1000);
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM load_parts WHERE step = ?1", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, step, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return found;
}

static guint
count_rows (LoadFixture *f,
            const char  *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_open_v2 (f->journal_path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Starts freight-cli with @args and kills it (SIGKILL) once a part is at @step. */
static void
run_and_kill (LoadFixture        *f,
              const char * const *args,
              const char         *step)
{
  g_autoptr(GSubprocess) process = load_fixture_cli_spawn (f, args);
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!part_at_step (f, step))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      /* The load must not end before the step comes. */
      if (g_subprocess_get_identifier (process) == NULL)
        g_error ("freight-cli %s ended before a part was at step “%s”", args[0], step);
      g_usleep (5000);
    }
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
}

#define N_KILL_ROWS 800

static void
test_cli_kill_resume (LoadFixture   *f,
                      gconstpointer  data)
{
  const KillCase *kill = data;
  g_autoptr(GFile) source = write_accounts (f, "accounts.csv", N_KILL_ROWS);
  g_autofree char *file = g_file_get_path (source);
  g_autofree char *output = g_file_get_path (f->output);
  /* Four parts, two jobs at a time, against a slow org: each step lasts long enough to be
   * caught. */
  const char *load[] = { "load", "--object", "Account", "--operation", "insert", "--file", file,
                         "--output-dir", output, "--part-rows", "200", "--jobs-in-flight", "2",
                         "--no-preflight", NULL };
  const char *list[] = { "resume", "--list", NULL };
  const char *resume[] = { "resume", "--json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GFile) run_dir = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gboolean continued = FALSE;
  JsonArray *abandoned;

  run_and_kill (f, load, kill->step);

  /* The run is listed as unfinished, with its result folder. */
  g_assert_cmpint (load_fixture_cli (f, list, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "load"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (load_fixture_cli (f, resume, &out, &err), ==, 0);
  summary = parse_object (out);
  g_assert_cmpstr (json_object_get_string_member (summary, "state"), ==, "finished");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (summary, "counts"),
                                               "succeeded"), ==, N_KILL_ROWS);

  run_dir = only_run_dir (f);
  g_assert_cmpuint (assert_complete (f, run_dir, N_KILL_ROWS), ==, N_KILL_ROWS);
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM load_parts"), ==, 4);
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM load_parts WHERE step = 'written'"), ==,
                    4);
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM load_jobs"), >=, kill->min_jobs);
  abandoned = json_object_get_array_member (summary, "abandoned_jobs");
  /* (Another part may have been uploading too when the load was killed.) */
  if (kill->abandons)
    g_assert_cmpuint (json_array_get_length (abandoned), >, 0);
  for (guint i = 0; i < json_array_get_length (abandoned); i++)
    {
      g_autofree char *path = g_strdup_printf ("/services/data/v62.0/jobs/ingest/%s",
                                               json_array_get_string_element (abandoned, i));
      g_autofree char *token = lo_harness_password_login (f->org, &error);
      g_autoptr(LoResponse) response = NULL;
      g_autoptr(JsonNode) job = NULL;

      g_assert_no_error (error);
      response = lo_harness_request (f->org, "GET", path, NULL, NULL, 0, token);
      lo_assert_status (response, 200);
      job = lo_response_get_json (response);
      /* Whatever of the part it got, it processed none of it. */
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (job), "state"), ==,
                       "Aborted");
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (job),
                                                   "numberRecordsProcessed"), ==, 0);
    }
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM runs WHERE state = 'done'"), ==, 1);

  events = freight_journal_list_events (f->journal,
                                        json_object_get_int_member (summary, "run_id"), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    continued |= strstr (((FreightJournalEvent *) events->pdata[i])->message,
                         "Continued with") != NULL;
  g_assert_true (continued);
}

/* How many parts of the journal's load @sql counts, 0 while the journal or its tables do
 * not exist yet. */
static guint
count_parts (LoadFixture *f,
             const char  *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  if (sqlite3_open_v2 (f->journal_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return 0;
    }
  sqlite3_busy_timeout (db, 1000);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

#define N_PREPARE_ROWS 60000
#define PREPARE_PART_ROWS "20000"

/* Killed while a part is being written to the spool folder (after the first part was
 * prepared, so that a job may be on its way too): the part begun is prepared again from
 * its start by resume, and no row is lost or sent twice. */
static void
test_cli_kill_preparing (LoadFixture   *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) source = write_accounts (f, "accounts.csv", N_PREPARE_ROWS);
  g_autofree char *file = g_file_get_path (source);
  g_autofree char *output = g_file_get_path (f->output);
  const char *load[] = { "load", "--object", "Account", "--operation", "insert", "--file", file,
                         "--output-dir", output, "--part-rows", PREPARE_PART_ROWS,
                         "--jobs-in-flight", "1", "--no-preflight", NULL };
  const char *resume[] = { "resume", "--json", NULL };
  g_autoptr(GSubprocess) process = load_fixture_cli_spawn (f, load);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_autoptr(GFile) run_dir = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  /* A part of 20000 rows takes tens of milliseconds to write: caught while it is. */
  while (count_parts (f, "SELECT count(*) FROM load_parts "
                         "WHERE step = 'preparing' AND number >= 2") == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (g_subprocess_get_identifier (process) == NULL)
        g_error ("freight-cli load ended before its second part was prepared");
      g_usleep (1000);
    }
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (process));

  /* It died in the middle of a part: the journal says so. */
  g_assert_cmpuint (count_parts (f, "SELECT count(*) FROM load_parts WHERE step = 'preparing'"),
                    ==, 1);
  g_assert_cmpuint (count_parts (f, "SELECT count(*) FROM load_parts"), <, 3);

  g_assert_cmpint (load_fixture_cli (f, resume, &out, &err), ==, 0);
  summary = parse_object (out);
  g_assert_cmpstr (json_object_get_string_member (summary, "state"), ==, "finished");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (summary, "counts"),
                                               "succeeded"), ==, N_PREPARE_ROWS);

  run_dir = only_run_dir (f);
  g_assert_cmpuint (assert_complete (f, run_dir, N_PREPARE_ROWS), ==, N_PREPARE_ROWS);
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM load_parts"), ==, 3);
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM load_parts WHERE step = 'written'"), ==,
                    3);
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM runs WHERE state = 'done'"), ==, 1);
}

/* Killed twice: during the upload, and its resume during a download; then resumed. */
static void
test_cli_kill_twice (LoadFixture   *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) source = write_accounts (f, "accounts.csv", N_KILL_ROWS);
  g_autofree char *file = g_file_get_path (source);
  g_autofree char *output = g_file_get_path (f->output);
  const char *load[] = { "load", "--object", "Account", "--operation", "insert", "--file", file,
                         "--output-dir", output, "--part-rows", "200", "--jobs-in-flight", "2",
                         "--no-preflight", NULL };
  const char *resume[] = { "resume", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GFile) run_dir = NULL;

  run_and_kill (f, load, "uploading");
  run_and_kill (f, resume, "downloading");
  g_assert_cmpint (load_fixture_cli (f, resume, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, ": 800 succeeded, 0 failed, 0 unprocessed\n"));
  run_dir = only_run_dir (f);
  g_assert_cmpuint (assert_complete (f, run_dir, N_KILL_ROWS), ==, N_KILL_ROWS);
}

/* Ctrl+C: open jobs aborted, the rest unprocessed with the reason, exit 2. */
static void
test_cli_interrupt (LoadFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) source = write_accounts (f, "accounts.csv", N_KILL_ROWS);
  g_autofree char *file = g_file_get_path (source);
  g_autofree char *output = g_file_get_path (f->output);
  const char *load[] = { "load", "--object", "Account", "--operation", "insert", "--file", file,
                         "--output-dir", output, "--part-rows", "200", "--jobs-in-flight", "2",
                         "--no-preflight", NULL };
  g_autoptr(GSubprocess) process = load_fixture_cli_spawn (f, load);
  g_autoptr(GFile) run_dir = NULL;
  g_autoptr(LoadCsv) unprocessed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!part_at_step (f, "closed"))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (5000);
    }
  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);

  run_dir = only_run_dir (f);
  assert_complete (f, run_dir, N_KILL_ROWS);
  unprocessed = read_result (run_dir, "unprocessed.csv");
  g_assert_cmpuint (unprocessed->rows->len, >, 0);
  for (guint r = 0; r < unprocessed->rows->len; r++)
    {
      const char *reason = load_csv_get (unprocessed, r, "Freight Reason");

      g_assert_true (g_str_equal (reason, "not sent: the load was cancelled") ||
                     g_str_equal (reason, "job aborted: the load was cancelled"));
    }
  g_assert_cmpuint (count_rows (f, "SELECT count(*) FROM runs WHERE state = 'cancelled'"), ==,
                    1);
}


static const KillCase kill_cases[] = {
  /* The PUT may have reached the org: that job is aborted and the part gets a new one. */
  { "uploading", 5, TRUE },
  /* The PATCH may have been taken: the job is asked before closing it again. */
  { "closing", 4 },
  /* The job was sent: it is only polled again. */
  { "closed", 4 },
  /* The results are downloaded again. */
  { "downloading", 4 },
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/freight/load-cli/auto-map-json", LoadFixture, NULL,
              fixture_set_up, test_cli_auto_map_json, fixture_tear_down);
  g_test_add ("/freight/load-cli/plain-output", LoadFixture, NULL,
              fixture_set_up, test_cli_plain_output, fixture_tear_down);
  g_test_add ("/freight/load-cli/sdl-mapping", LoadFixture, NULL,
              fixture_set_up, test_cli_sdl_mapping, fixture_tear_down);
  g_test_add ("/freight/load-cli/preflight-choices", LoadFixture, NULL,
              fixture_set_up, test_cli_preflight_choices, fixture_tear_down);
  g_test_add ("/freight/load-cli/rows-failed", LoadFixture, NULL,
              fixture_set_up, test_cli_rows_failed, fixture_tear_down);
  g_test_add ("/freight/load-cli/usage", LoadFixture, NULL,
              fixture_set_up, test_cli_usage, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (kill_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/freight/load-cli/kill-while-%s",
                                               kill_cases[i].step);

      g_test_add (path, LoadFixture, &kill_cases[i],
                  slow_set_up, test_cli_kill_resume, fixture_tear_down);
    }
  g_test_add ("/freight/load-cli/kill-while-preparing", LoadFixture, NULL,
              fixture_set_up, test_cli_kill_preparing, fixture_tear_down);
  g_test_add ("/freight/load-cli/kill-twice", LoadFixture, NULL,
              slow_set_up, test_cli_kill_twice, fixture_tear_down);
  g_test_add ("/freight/load-cli/interrupt", LoadFixture, NULL,
              slow_set_up, test_cli_interrupt, fixture_tear_down);

  return g_test_run ();
}
