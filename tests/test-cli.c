/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli-fixture.h"

/* The real freight-cli against a real freight-local-org: help and usage errors, exit
 * codes, --json shapes, plain progress lines on a pipe and the live bar on a terminal,
 * export, jobs, resume after the process was killed mid-export, and Ctrl+C. */

#define QUERY "SELECT Name, External_Id__c FROM Account ORDER BY External_Id__c"

static const char * const slow_args[] = { "--faults=latency=60", NULL };

static void
fixture_set_up (CliFixture    *f,
                gconstpointer  data)
{
  cli_fixture_start (f, data, TRUE);
}

static void
fixture_tear_down (CliFixture    *f,
                   gconstpointer  data)
{
  cli_fixture_stop (f);
}

static void
load_accounts (CliFixture *f,
               guint       n)
{
  g_autofree char *csv = bulk_fixture_accounts (1, n);
  g_autoptr(FreightBulkJob) job = bulk_fixture_load (&f->b, "Account",
                                                     FREIGHT_BULK_OPERATION_INSERT, NULL,
                                                     csv);

  g_assert_cmpint (freight_bulk_job_get_number_records_failed (job), ==, 0);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    n++;
  return n;
}

static JsonObject *
json_object_of (CliResult *r)
{
  g_autoptr(JsonNode) node = cli_result_json (r);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* What the org's content is, as one page: the export API itself, in-process. */
static char *
clean_export (CliFixture *f,
              const char *soql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightExport) export = freight_export_new (f->b.session);
  g_autofree char *path = bulk_fixture_path (&f->b, "clean.csv");

  freight_export_set_soql (export, soql);
  freight_export_set_output_path (export, path);
  freight_export_set_poll_interval (export, 10, 50);
  g_assert_true (freight_export_run (export, NULL, &error));
  g_assert_no_error (error);
  return bulk_fixture_read (path);
}

/* help and usage ------------------------------------------------------------------------ */

static void
test_help (CliFixture    *f,
           gconstpointer  data)
{
  const char *with_examples[][2] = {
    { "login", NULL }, { "orgs", NULL }, { "export", NULL }, { "jobs", NULL },
    { "resume", NULL }, { "login", "password" }, { "login", "token" }, { "orgs", "list" },
    { "orgs", "default" }, { "orgs", "remove" }, { "jobs", "list" }, { "jobs", "show" },
    { "jobs", "abort" }, { "jobs", "delete" }, { "jobs", "results" },
  };
  g_autoptr(CliResult) version = cli_run (f, NULL, "--version", NULL);
  g_autoptr(CliResult) help = cli_run (f, NULL, "--help", NULL);
  g_autoptr(CliResult) export_help = cli_run (f, NULL, "export", "--help", NULL);
  g_autoptr(CliResult) help_export = cli_run (f, NULL, "help", "export", NULL);
  g_autofree char *expected_version = g_strdup_printf ("freight-cli %s\n",
                                                       freight_get_version ());

  cli_assert_status (version, 0);
  g_assert_cmpstr (version->out, ==, expected_version);

  cli_assert_status (help, 0);
  for (guint i = 0; i < 5; i++)
    g_assert_nonnull (strstr (help->out, with_examples[i][0]));
  g_assert_nonnull (strstr (help->out, "--instance-url"));
  g_assert_nonnull (strstr (help->out, "Exit status: 0"));

  cli_assert_status (export_help, 0);
  cli_assert_status (help_export, 0);
  g_assert_cmpstr (help_export->out, ==, export_help->out);
  g_assert_nonnull (strstr (export_help->out, "--page-size=ROWS"));
  g_assert_nonnull (strstr (export_help->out, "--access-token=TOKEN"));

  for (guint i = 0; i < G_N_ELEMENTS (with_examples); i++)
    {
      g_autoptr(CliResult) r = NULL;

      if (with_examples[i][1] != NULL)
        r = cli_run (f, NULL, with_examples[i][0], with_examples[i][1], "--help", NULL);
      else
        r = cli_run (f, NULL, with_examples[i][0], "--help", NULL);
      cli_assert_status (r, 0);
      if (strstr (r->out, "Example") == NULL)
        g_error ("no example in the help of %s %s", with_examples[i][0],
                 with_examples[i][1] != NULL ? with_examples[i][1] : "");
    }
}

static void
test_usage_errors (CliFixture    *f,
                   gconstpointer  data)
{
  struct {
    const char *args[8];
    const char *message;
  } cases[] = {
    { { NULL }, "Give a command" },
    { { "frobnicate", NULL }, "There is no command “frobnicate”" },
    { { "jobs", NULL }, "Give one of the commands of “jobs”" },
    { { "jobs", "purge", NULL }, "“jobs” has no command “purge”" },
    { { "jobs", "show", NULL }, "Give the job’s id" },
    { { "jobs", "show", "a", "b", NULL }, "Unexpected argument “b”" },
    { { "jobs", "list", "--state", "Sleeping", NULL }, "“Sleeping” is not a job state" },
    { { "export", "--object", "Account", NULL }, "Give the file to write with --output" },
    { { "export", "-o", "x.csv", NULL }, "Give either --soql or --object" },
    { { "export", "-o", "x.csv", "--soql", "SELECT Id FROM Account", "--delimiter", "!",
        NULL }, "is not a delimiter" },
    { { "--api-version", "sixty", "jobs", "list", NULL }, "is not an API version" },
    { { "export", "--no-such-option", NULL }, "Unknown option --no-such-option" },
    { { "resume", "twelve", NULL }, "“twelve” is not a run id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CliResult) r = cli_runv (f, NULL, cases[i].args);

      cli_assert_status (r, 2);
      if (strstr (r->err, cases[i].message) == NULL)
        g_error ("case %u: “%s” not in: %s", i, cases[i].message, r->err);
      g_assert_true (g_str_has_prefix (r->err, "freight-cli: "));
      g_assert_cmpstr (r->out, ==, "");
    }

  /* With --json, the error is JSON on stdout too. */
  {
    g_autoptr(CliResult) r = cli_run (f, NULL, "--json", "export", "-o", "x.csv", NULL);
    g_autoptr(JsonObject) o = NULL;
    JsonObject *error;

    cli_assert_status (r, 2);
    o = json_object_of (r);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "error");
    error = json_object_get_object_member (o, "error");
    g_assert_cmpstr (json_object_get_string_member (error, "kind"), ==, "usage");
    g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "--soql"));
    g_assert_true (json_object_get_null_member (error, "code"));
  }
}

static void
test_no_org (CliFixture    *f,
             gconstpointer  data)
{
  g_autoptr(CliResult) none = NULL;
  g_autoptr(CliResult) half = NULL;
  g_autoptr(CliResult) bad_url = NULL;

  f->no_env_org = TRUE;
  none = cli_run (f, NULL, "jobs", "list", NULL);
  cli_assert_status (none, 2);
  g_assert_nonnull (strstr (none->err, "There is no org to use"));

  half = cli_run (f, NULL, "--instance-url", lo_harness_get_url (f->b.org), "jobs", "list",
                  NULL);
  cli_assert_status (half, 2);
  g_assert_nonnull (strstr (half->err, "Give both --instance-url and --access-token"));

  bad_url = cli_run (f, NULL, "jobs", "list", "--instance-url", "not a url",
                     "--access-token", "x", NULL);
  cli_assert_status (bad_url, 2);
  g_assert_nonnull (strstr (bad_url->err, "is not an instance URL"));
}

/* export ---------------------------------------------------------------------------- */

static void
test_export (CliFixture    *f,
             gconstpointer  data)
{
  g_autoptr(CliResult) r = NULL;
  g_autoptr(CliResult) quiet = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autofree char *out = bulk_fixture_path (&f->b, "cli.csv");
  g_autofree char *quiet_out = bulk_fixture_path (&f->b, "quiet.csv");
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  GStatBuf st;

  load_accounts (f, 30);
  expected = clean_export (f, QUERY);

  r = cli_run (f, NULL, "export", "--soql", QUERY, "-o", out, "--page-size", "7",
               "--poll-interval", "0.05", "--json", NULL);
  cli_assert_status (r, 0);
  got = bulk_fixture_read (out);
  g_assert_cmpstr (got, ==, expected);

  /* The summary. */
  o = json_object_of (r);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "done");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "job_id"), "750"));
  g_assert_cmpstr (json_object_get_string_member (o, "query"), ==, QUERY);
  g_assert_cmpstr (json_object_get_string_member (o, "operation"), ==, "query");
  g_assert_cmpstr (json_object_get_string_member (o, "output"), ==, out);
  g_assert_cmpint (json_object_get_int_member (o, "rows"), ==, 30);
  g_assert_cmpint (json_object_get_int_member (o, "rows_total"), ==, 30);
  g_assert_cmpint (json_object_get_int_member (o, "pages"), ==, 5);
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "bytes"), ==, st.st_size);
  g_assert_cmpint (json_object_get_int_member (o, "run_id"), >, 0);

  /* Plain lines on a pipe: one per phase and per page, never a carriage return. */
  g_assert_null (strchr (r->err, '\r'));
  g_assert_nonnull (strstr (r->err, "export: creating the query job\n"));
  g_assert_nonnull (strstr (r->err, "export: page 1: 7 of 30 rows"));
  g_assert_nonnull (strstr (r->err, "export: page 5: 30 of 30 rows"));

  /* --quiet: nothing on stderr; the text summary on stdout. */
  quiet = cli_run (f, NULL, "export", "--object", "Account", "--fields", "Name",
                   "--query-all", "-o", quiet_out, "-q", "--delimiter", "tab",
                   "--line-ending", "CRLF", "--poll-interval", "0.05", NULL);
  cli_assert_status (quiet, 0);
  g_assert_cmpstr (quiet->err, ==, "");
  g_assert_true (g_str_has_prefix (quiet->out, "Exported 30 rows to "));
  g_clear_pointer (&got, g_free);
  got = bulk_fixture_read (quiet_out);
  g_assert_true (g_str_has_prefix (got, "\"Name\"\r\n\"Account 0001\"\r\n"));
}

static void
test_export_errors (CliFixture    *f,
                    gconstpointer  data)
{
  g_autoptr(CliResult) text = NULL;
  g_autoptr(CliResult) json = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autofree char *out = bulk_fixture_path (&f->b, "bad.csv");
  JsonObject *error;

  text = cli_run (f, NULL, "export", "--soql", "SELECT Nope FROM Account", "-o", out, NULL);
  cli_assert_status (text, 2);
  g_assert_nonnull (strstr (text->err, "INVALID_FIELD"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  json = cli_run (f, NULL, "export", "--soql", "SELECT Nope FROM Account", "-o", out,
                  "--json", NULL);
  cli_assert_status (json, 2);
  o = json_object_of (json);
  error = json_object_get_object_member (o, "error");
  g_assert_cmpstr (json_object_get_string_member (error, "kind"), ==, "api");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "INVALID_FIELD");
}

/* The live bar: stderr on a pseudo-terminal. */
static void
test_live_bar (CliFixture    *f,
               gconstpointer  data)
{
  g_autoptr(GString) screen = g_string_new (NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = bulk_fixture_path (&f->b, "bar.csv");
  const char *binary = g_getenv ("FREIGHT_CLI");
  struct winsize size = { .ws_row = 24, .ws_col = 100 };
  int master;
  int slave;

  load_accounts (f, 40);
  g_assert_cmpint (openpty (&master, &slave, NULL, NULL, &size), ==, 0);

  launcher = cli_fixture_launcher (f, G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "TERM", "xterm", TRUE);
  g_subprocess_launcher_take_stderr_fd (launcher, slave);
  process = g_subprocess_launcher_spawn (launcher, &error, binary, "export", "--soql", QUERY,
                                         "-o", out, "--page-size", "10", "--poll-interval",
                                         "0.05", NULL);
  g_assert_no_error (error);
  /* The launcher holds the terminal's other end until it goes. */
  g_clear_object (&launcher);

  for (;;)
    {
      char buffer[4096];
      gssize n = read (master, buffer, sizeof buffer);

      if (n <= 0)
        break;       /* EIO once the child has closed the terminal */
      g_string_append_len (screen, buffer, n);
    }
  close (master);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);

  /* Redrawn in place: carriage returns, erase-to-end, the bar and its percentage. */
  g_assert_nonnull (strstr (screen->str, "\rexport: "));
  g_assert_nonnull (strstr (screen->str, "\033[K"));
  g_assert_nonnull (strstr (screen->str, "[########################] 100% 40/40"));
  g_assert_null (strstr (screen->str, "page 1: "));
  g_assert_true (g_str_has_suffix (screen->str, "\r\n"));
}

/* jobs -------------------------------------------------------------------------------- */

static void
test_jobs (CliFixture    *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) partial = NULL;
  g_autoptr(FreightBulkJob) failed = NULL;
  g_autoptr(FreightBulkJob) open = NULL;
  g_autoptr(CliResult) list = NULL;
  g_autoptr(CliResult) table = NULL;
  g_autoptr(CliResult) show = NULL;
  g_autoptr(CliResult) show_text = NULL;
  g_autoptr(CliResult) results = NULL;
  g_autoptr(CliResult) failed_results = NULL;
  g_autoptr(CliResult) abort = NULL;
  g_autoptr(CliResult) delete = NULL;
  g_autoptr(CliResult) gone = NULL;
  g_autoptr(JsonNode) array = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autofree char *folder = bulk_fixture_path (&f->b, "results");
  const char *partial_id;

  partial = bulk_fixture_load (&f->b, "Account", FREIGHT_BULK_OPERATION_INSERT, NULL,
                               "Name,External_Id__c\nGood,P-1\n,P-2\n");
  partial_id = freight_bulk_job_get_id (partial);
  failed = bulk_fixture_load (&f->b, "Contact", FREIGHT_BULK_OPERATION_INSERT, NULL,
                              "Nope__c\nx\n");
  open = freight_bulk_client_create_ingest_job (f->b.client, "Lead",
                                                FREIGHT_BULK_OPERATION_INSERT, NULL, ',',
                                                FREIGHT_CSV_LINE_ENDING_LF, NULL, NULL, &error);
  g_assert_no_error (error);

  list = cli_run (f, NULL, "jobs", "list", "--json", NULL);
  cli_assert_status (list, 0);
  array = cli_result_json (list);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (array));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (array)), ==, 3);
  {
    JsonObject *first = json_array_get_object_element (json_node_get_array (array), 0);

    g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "ingest");
    g_assert_cmpstr (json_object_get_string_member (first, "id"), ==,
                     freight_bulk_job_get_id (open));
    g_assert_cmpstr (json_object_get_string_member (first, "state"), ==, "Open");
  }

  table = cli_run (f, NULL, "jobs", "list", "--state", "jobcomplete", "--object", "ACCOUNT",
                   NULL);
  cli_assert_status (table, 0);
  g_assert_true (g_str_has_prefix (table->out, "ID "));
  g_assert_nonnull (strstr (table->out, partial_id));
  g_assert_null (strstr (table->out, freight_bulk_job_get_id (failed)));
  g_assert_cmpuint (count_lines (table->out), ==, 2);

  show = cli_run (f, NULL, "jobs", "show", partial_id, "--json", NULL);
  cli_assert_status (show, 0);
  o = json_object_of (show);
  g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, partial_id);
  g_assert_cmpint (json_object_get_int_member (o, "numberRecordsFailed"), ==, 1);
  show_text = cli_run (f, NULL, "jobs", "show", freight_bulk_job_get_id (failed), NULL);
  cli_assert_status (show_text, 0);
  g_assert_nonnull (strstr (show_text->out, "State:             Failed\n"));
  g_assert_nonnull (strstr (show_text->out, "Error:             InvalidBatch : "));

  /* Rows failed: exit 1; the job failed: exit 2. */
  results = cli_run (f, NULL, "jobs", "results", partial_id, "--output-dir", folder, NULL);
  cli_assert_status (results, 1);
  g_assert_cmpuint (count_lines (results->out), ==, 3);
  {
    g_autofree char *name = g_strconcat (partial_id, "-failed.csv", NULL);
    g_autofree char *path = g_build_filename (folder, name, NULL);
    g_autofree char *text = bulk_fixture_read (path);

    g_assert_nonnull (strstr (text, "REQUIRED_FIELD_MISSING"));
  }
  failed_results = cli_run (f, NULL, "jobs", "results", freight_bulk_job_get_id (failed),
                            "-o", folder, "--json", NULL);
  cli_assert_status (failed_results, 2);
  g_clear_pointer (&o, json_object_unref);
  o = json_object_of (failed_results);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "Failed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "files")), ==, 3);

  abort = cli_run (f, NULL, "jobs", "abort", freight_bulk_job_get_id (open), NULL);
  cli_assert_status (abort, 0);
  g_assert_true (g_str_has_suffix (abort->out, " is Aborted.\n"));

  delete = cli_run (f, NULL, "jobs", "delete", freight_bulk_job_get_id (open), "--json",
                    NULL);
  cli_assert_status (delete, 0);
  g_clear_pointer (&o, json_object_unref);
  o = json_object_of (delete);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "deleted");

  gone = cli_run (f, NULL, "jobs", "show", freight_bulk_job_get_id (open), "--json", NULL);
  cli_assert_status (gone, 2);
  g_clear_pointer (&o, json_object_unref);
  o = json_object_of (gone);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "error"),
                                                  "code"), ==, "NOT_FOUND");
}

/* resume ------------------------------------------------------------------------------ */

static GSubprocess *
spawn_export (CliFixture  *f,
              const char  *out,
              GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    cli_fixture_launcher (f, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  return g_subprocess_launcher_spawn (launcher, error, g_getenv ("FREIGHT_CLI"), "export",
                                      "--soql", QUERY, "-o", out, "--page-size", "200",
                                      "--poll-interval", "0.05", NULL);
}

/* Reads the child's stderr until a line starts with @prefix. */
static void
read_until (GSubprocess *process,
            const char  *prefix)
{
  g_autoptr(GDataInputStream) in =
    g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));

  /* The child goes on writing to the pipe; closing it would kill it with SIGPIPE. */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (in), FALSE);
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, prefix))
        return;
    }
}

static void
test_resume_after_kill (CliFixture    *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(CliResult) list = NULL;
  g_autoptr(CliResult) resumed = NULL;
  g_autoptr(CliResult) after = NULL;
  g_autoptr(JsonNode) runs = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autofree char *out = bulk_fixture_path (&f->b, "killed.csv");
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  JsonObject *run;

  load_accounts (f, 3000);
  expected = clean_export (f, QUERY);

  /* Every request takes 60 ms: the export is killed after its third page of 15. */
  process = spawn_export (f, out, &error);
  g_assert_no_error (error);
  read_until (process, "export: page 3: ");
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_false (g_subprocess_get_if_exited (process));
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));

  list = cli_run (f, NULL, "resume", "--list", "--json", NULL);
  cli_assert_status (list, 0);
  runs = cli_result_json (list);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (runs)), ==, 1);
  run = json_array_get_object_element (json_node_get_array (runs), 0);
  g_assert_cmpstr (json_object_get_string_member (run, "kind"), ==, "export");
  g_assert_cmpstr (json_object_get_string_member (run, "output"), ==, out);
  g_assert_cmpstr (json_object_get_string_member (run, "org"), ==,
                   lo_harness_get_url (f->b.org));

  /* Without a way to sign in to that org, nothing is continued (and nothing lost). */
  f->no_env_org = TRUE;
  {
    g_autoptr(CliResult) elsewhere = cli_run (f, NULL, "resume", NULL);

    cli_assert_status (elsewhere, 2);
    g_assert_nonnull (strstr (elsewhere->err, "which is not a saved org"));
  }
  f->no_env_org = FALSE;

  resumed = cli_run (f, NULL, "resume", "--json", NULL);
  cli_assert_status (resumed, 0);
  o = json_object_of (resumed);
  g_assert_cmpint (json_object_get_int_member (o, "rows"), ==, 3000);
  g_assert_cmpint (json_object_get_int_member (o, "pages"), ==, 15);
  g_assert_nonnull (strstr (resumed->err, "Continuing export "));
  got = bulk_fixture_read (out);
  g_assert_cmpuint (strlen (got), ==, strlen (expected));
  g_assert_true (g_str_equal (got, expected));

  after = cli_run (f, NULL, "resume", NULL);
  cli_assert_status (after, 0);
  g_assert_nonnull (strstr (after->err, "No run is waiting to be continued."));
}

static void
test_interrupt (CliFixture    *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(CliResult) list = NULL;
  g_autofree char *out = bulk_fixture_path (&f->b, "interrupted.csv");

  load_accounts (f, 3000);
  process = spawn_export (f, out, &error);
  g_assert_no_error (error);
  read_until (process, "export: page 2: ");
  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_wait (process, NULL, &error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  list = cli_run (f, NULL, "resume", "--list", NULL);
  cli_assert_status (list, 0);
  g_assert_cmpstr (list->out, ==, "No run is waiting to be continued.\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn, args) \
  g_test_add ("/freight/cli/" path, CliFixture, args, fixture_set_up, fn, fixture_tear_down)

  ADD ("help", test_help, NULL);
  ADD ("usage-errors", test_usage_errors, NULL);
  ADD ("no-org", test_no_org, NULL);
  ADD ("export", test_export, NULL);
  ADD ("export-errors", test_export_errors, NULL);
  ADD ("live-bar", test_live_bar, NULL);
  ADD ("jobs", test_jobs, NULL);
  ADD ("resume-after-kill", test_resume_after_kill, slow_args);
  ADD ("interrupt", test_interrupt, slow_args);

  return g_test_run ();
}
