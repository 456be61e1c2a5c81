/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "load-harness.h"

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
load_fixture_start (LoadFixture        *f,
                    const char * const *org_args)
{
  g_autoptr(FreightOAuthClient) oauth = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *cache = NULL;

  f->org = lo_harness_start_full (org_args, TRUE, &error);
  g_assert_no_error (error);
  f->http = freight_http_client_new (NULL, &error);
  g_assert_no_error (error);
  g_object_set (f->http, "retry-base-delay", 50, "retry-max-delay", 400, NULL);
  oauth = freight_oauth_client_new (f->http, lo_harness_get_url (f->org),
                                    LO_HARNESS_CONSUMER_KEY, LO_HARNESS_CONSUMER_SECRET);
  f->auth = freight_password_auth_sign_in (oauth, LO_HARNESS_USERNAME, LO_HARNESS_PASSWORD,
                                           NULL, NULL, &error);
  g_assert_no_error (error);

  f->dir = g_dir_make_tmp ("freight-test-load-XXXXXX", &error);
  g_assert_no_error (error);
  cache = g_build_filename (f->dir, "cache", NULL);
  f->session = g_object_new (FREIGHT_TYPE_ORG_SESSION, "http-client", f->http, "auth", f->auth,
                             "cache-dir", cache, NULL);
  /* Where freight-cli finds it too: load_fixture_cli() sets XDG_DATA_HOME. */
  f->journal_path = g_build_filename (f->dir, "data", "freight", "journal.db", NULL);
  f->journal = freight_journal_open (f->journal_path, &error);
  g_assert_no_error (error);
  output = g_build_filename (f->dir, "results", NULL);
  f->output = g_file_new_for_path (output);
}

void
load_fixture_stop (LoadFixture *f)
{
  g_clear_object (&f->session);
  g_clear_object (&f->auth);
  g_clear_object (&f->http);
  g_clear_object (&f->output);
  if (f->org != NULL)
    lo_harness_stop (f->org);
  g_clear_pointer (&f->org, lo_harness_free);
  if (f->dir != NULL && g_getenv ("FREIGHT_TEST_KEEP") == NULL)
    remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_object (&f->journal);
  g_clear_pointer (&f->journal_path, g_free);
}

GFile *
load_fixture_write (LoadFixture *f,
                    const char  *name,
                    const char  *content)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, content, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static FreightDescribeObject *
describe (LoadFixture *f,
          const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) json = freight_org_session_describe_sobject (f->session, name, NULL,
                                                                     &error);
  FreightDescribeObject *object;

  g_assert_no_error (error);
  object = freight_describe_object_new_from_json (json, &error);
  g_assert_no_error (error);
  return object;
}

/* A mapping of @source's columns for @object, with the describe of every object its
 * lookups point to; nothing mapped yet. */
FreightMapping *
load_fixture_mapping (LoadFixture      *f,
                      const char       *object,
                      FreightOperation  operation,
                      const char       *external_id,
                      GFile            *source)
{
  g_autoptr(FreightDescribeObject) describe_object = describe (f, object);
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) related = NULL;
  FreightMapping *mapping = freight_mapping_new ();

  freight_mapping_set_object (mapping, describe_object);
  freight_mapping_set_operation (mapping, operation);
  freight_mapping_set_external_id_field (mapping, external_id);
  related = freight_describe_object_dup_referenced_objects (describe_object);
  for (guint i = 0; related != NULL && related[i] != NULL; i++)
    {
      g_autoptr(FreightDescribeObject) other = describe (f, related[i]);

      freight_mapping_add_related_object (mapping, other);
    }

  reader = freight_csv_reader_new_for_file (source, NULL, FREIGHT_CSV_READER_FLAGS_NONE, NULL,
                                            &error);
  g_assert_no_error (error);
  freight_csv_reader_read_header (reader, NULL, &error);
  g_assert_no_error (error);
  freight_mapping_set_source_columns (mapping, freight_csv_reader_get_column_names (reader));
  return mapping;
}

void
load_fixture_map (FreightMapping *mapping,
                  const char     *column,
                  const char     *target)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (freight_mapping_map_column (mapping, column, target, &error));
  g_assert_no_error (error);
}

FreightLoadDescription *
load_fixture_description (LoadFixture    *f,
                          FreightMapping *mapping,
                          GFile          *source)
{
  FreightLoadDescription *description = freight_load_description_new ();

  freight_load_description_set_session (description, f->session);
  freight_load_description_set_object_name (
    description, freight_describe_object_get_name (freight_mapping_get_object (mapping)));
  freight_load_description_set_operation (description, freight_mapping_get_operation (mapping));
  freight_load_description_set_external_id_field (
    description, freight_mapping_get_external_id_field (mapping));
  freight_load_description_set_source_file (description, source);
  freight_load_description_set_mapping (description, mapping);
  freight_load_description_set_output_dir (description, f->output);
  freight_load_description_set_journal (description, f->journal);
  freight_load_description_set_poll_interval (description, 50);
  freight_load_description_set_max_poll_interval (description, 500);
  return description;
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static FreightLoad *
run_load (FreightLoad  *load,
          GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  freight_load_run_async (load, NULL, run_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!freight_load_run_finish (load, result, error))
    return load;
  return load;
}

/* Runs a load to its end on the thread-default main context. */
FreightLoad *
load_fixture_run (LoadFixture             *f,
                  FreightLoadDescription  *description,
                  GError                 **error)
{
  return run_load (freight_load_new (description), error);
}

FreightLoad *
load_fixture_resume (LoadFixture  *f,
                     const char   *run_id,
                     GError      **error)
{
  return run_load (freight_load_new_resume (run_id, f->session, f->journal), error);
}

char *
load_fixture_read (GFile      *dir,
                   const char *name)
{
  g_autoptr(GFile) file = g_file_get_child (dir, name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, &error))
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      return NULL;
    }
  return contents;
}

/* Reads a result file: its header and rows. */
LoadCsv *
load_csv_read (GFile *file)
{
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  LoadCsv *csv = g_new0 (LoadCsv, 1);

  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  reader = freight_csv_reader_new_for_file (file, NULL, FREIGHT_CSV_READER_FLAGS_NONE, NULL,
                                            &error);
  g_assert_no_error (error);
  freight_csv_reader_read_header (reader, NULL, &error);
  g_assert_no_error (error);
  csv->header = g_strdupv ((char **) freight_csv_reader_get_column_names (reader));
  while (freight_csv_reader_next_row (reader, NULL, &error))
    {
      guint n = freight_csv_reader_get_n_fields (reader);
      char **row = g_new0 (char *, n + 1);

      for (guint i = 0; i < n; i++)
        row[i] = g_strdup (freight_csv_reader_get_field (reader, i, NULL));
      g_ptr_array_add (csv->rows, row);
    }
  g_assert_no_error (error);
  return csv;
}

/* Reads one of a finished load's result files. */
LoadCsv *
load_fixture_result (FreightLoad           *load,
                     FreightResultFileKind  kind)
{
  g_autoptr(GFile) file = freight_load_get_result_file (load, kind);

  return load_csv_read (file);
}

guint
load_csv_find_column (LoadCsv    *csv,
                      const char *name)
{
  for (guint i = 0; csv->header[i] != NULL; i++)
    if (g_str_equal (csv->header[i], name))
      return i;
  g_error ("no column %s in the result file", name);
  return 0;
}

const char *
load_csv_get (LoadCsv    *csv,
              guint       row,
              const char *column)
{
  char **fields;

  g_assert_cmpuint (row, <, csv->rows->len);
  fields = csv->rows->pdata[row];
  return fields[load_csv_find_column (csv, column)];
}

void
load_csv_free (LoadCsv *csv)
{
  g_strfreev (csv->header);
  g_ptr_array_unref (csv->rows);
  g_free (csv);
}

/* The org's records, through its REST query endpoint (every page), with a token of its
 * own (the harness's may have expired with --faults token-expiry). */
JsonArray *
load_fixture_query (LoadFixture *f,
                    const char  *soql)
{
  g_autofree char *escaped = g_uri_escape_string (soql, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/services/data/v62.0/query?q=%s", escaped);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = lo_harness_password_login (f->org, &error);
  JsonArray *all = json_array_new ();

  g_assert_no_error (error);
  while (path != NULL)
    {
      g_autoptr(LoResponse) response = lo_harness_request (f->org, "GET", path, NULL, NULL, 0,
                                                           token);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *page;
      JsonArray *records;

      lo_assert_status (response, 200);
      node = lo_response_get_json (response);
      page = json_node_get_object (node);
      records = json_object_get_array_member (page, "records");
      for (guint i = 0; i < json_array_get_length (records); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (records, i)));
      g_free (path);
      path = json_object_get_boolean_member_with_default (page, "done", TRUE)
               ? NULL
               : g_strdup (json_object_get_string_member (page, "nextRecordsUrl"));
    }
  return all;
}

static GSubprocessLauncher *
cli_launcher (LoadFixture      *f,
              GSubprocessFlags  flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);
  g_autofree char *data_home = g_build_filename (f->dir, "data", NULL);

  g_subprocess_launcher_set_cwd (launcher, f->dir);
  g_subprocess_launcher_setenv (launcher, "FREIGHT_INSTANCE_URL", lo_harness_get_url (f->org),
                                TRUE);
  g_subprocess_launcher_setenv (launcher, "FREIGHT_ACCESS_TOKEN",
                                lo_harness_get_access_token (f->org), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  return launcher;
}

static const char **
cli_argv (const char * const *args)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char *cli = g_getenv ("FREIGHT_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  return (const char **) g_ptr_array_free (argv, FALSE);
}

/* Runs freight-cli with the org's URL and token in its environment, the fixture's journal,
 * and a private data folder; returns its exit status. */
int
load_fixture_cli (LoadFixture         *f,
                  const char * const  *args,
                  char               **out,
                  char               **err)
{
  g_autoptr(GSubprocessLauncher) launcher =
    cli_launcher (f, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autofree const char **argv = cli_argv (args);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  if (g_subprocess_get_if_exited (process))
    return g_subprocess_get_exit_status (process);
  return -1;
}

/* Starts freight-cli like load_fixture_cli(), its output going to cli-N.out and cli-N.err
 * in the fixture's folder, and returns without waiting for it. */
GSubprocess *
load_fixture_cli_spawn (LoadFixture        *f,
                        const char * const *args)
{
  static guint counter;
  g_autoptr(GSubprocessLauncher) launcher = cli_launcher (f, G_SUBPROCESS_FLAGS_NONE);
  g_autofree const char **argv = cli_argv (args);
  g_autofree char *out = g_strdup_printf ("%s/cli-%u.out", f->dir, ++counter);
  g_autofree char *err = g_strdup_printf ("%s/cli-%u.err", f->dir, counter);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_stdout_file_path (launcher, out);
  g_subprocess_launcher_set_stderr_file_path (launcher, err);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return process;
}
