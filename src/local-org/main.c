/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-local-org"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "lo-config.h"
#include "lo-faults.h"
#include "lo-server.h"

#define DEFAULT_CONSUMER_KEY    "freight-local-org"
#define DEFAULT_CONSUMER_SECRET "freight-local-secret"

static gboolean
quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

/* The bundled schema: the source tree's for a binary run from the build directory, else
 * the installed one (PKGDATADIR, or relative to a relocated prefix). */
static char *
find_schema (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = exe ? g_path_get_dirname (exe) : NULL;
  g_autofree char *source = g_build_filename (SOURCE_DATADIR, "local-org", "schema.json", NULL);
  g_autofree char *installed = g_build_filename (PKGDATADIR, "local-org", "schema.json", NULL);
  g_autofree char *relocated = dir ? g_build_filename (dir, "..", "share", PACKAGE_NAME,
                                                       "local-org", "schema.json", NULL) : NULL;

  if (dir != NULL && g_str_has_prefix (dir, BUILD_BINDIR)
      && g_file_test (source, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&source);
  if (g_file_test (installed, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&installed);
  if (relocated != NULL && g_file_test (relocated, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&relocated);
  return g_steal_pointer (&source);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(LoServer) server = NULL;
  g_autofree char *faults = NULL;
  LoConfig config = { 0 };
  int port = 0;
  int seed = 0;
  int rows_per_second = 0;
  int page_size = 0;
  int jobs_page_size = 1000;
  int token_lifetime = 7200;
  int status;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      "Listen on 127.0.0.1:PORT (0, the default, picks a free port)", "PORT" },
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &config.data_dir,
      "Keep the org's records and jobs in DIR across restarts (default: a temporary "
      "folder removed at exit)", "DIR" },
    { "schema", 0, 0, G_OPTION_ARG_FILENAME, &config.schema_path,
      "The org's schema (default: the bundled local-org/schema.json)", "FILE" },
    { "faults", 0, 0, G_OPTION_ARG_STRING, &faults, "Inject faults (see below)", "SPEC" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed,
      "Seed of the fault and result-order choices (default 0)", "N" },
    { "rows-per-second", 0, 0, G_OPTION_ARG_INT, &rows_per_second,
      "Process at most N ingest rows per second, to watch progress (default: no limit)", "N" },
    { "default-page-size", 0, 0, G_OPTION_ARG_INT, &page_size,
      "Rows per query result page when the client gives no maxRecords (default: all)", "N" },
    { "jobs-page-size", 0, 0, G_OPTION_ARG_INT, &jobs_page_size,
      "Jobs per page of a job listing (default 1000)", "N" },
    { "in-order", 0, 0, G_OPTION_ARG_NONE, &config.in_order,
      "Return result rows in input order and echo values verbatim", NULL },
    { "grant-hard-delete", 0, 0, G_OPTION_ARG_NONE, &config.grant_hard_delete,
      "Give the demo user the Bulk API Hard Delete permission", NULL },
    { "auto-approve", 0, 0, G_OPTION_ARG_NONE, &config.auto_approve,
      "Approve OAuth authorize requests as the demo user without a login page", NULL },
    { "token-lifetime", 0, 0, G_OPTION_ARG_INT, &token_lifetime,
      "Access tokens expire after SECONDS (default 7200; 0 = never)", "SECONDS" },
    { "consumer-key", 0, 0, G_OPTION_ARG_STRING, &config.consumer_key,
      "The connected app's consumer key (default " DEFAULT_CONSUMER_KEY ")", "KEY" },
    { "consumer-secret", 0, 0, G_OPTION_ARG_STRING, &config.consumer_secret,
      "The connected app's consumer secret (default " DEFAULT_CONSUMER_SECRET ")", "SECRET" },
    { "jwt-certificate", 0, 0, G_OPTION_ARG_FILENAME, &config.jwt_certificate,
      "PEM certificate (or public key) that verifies JWT bearer assertions", "FILE" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &config.tls_cert,
      "Serve HTTPS with this PEM certificate", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &config.tls_key,
      "The PEM private key of --tls-cert (default: in the certificate file)", "FILE" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  /* No global allocation statistics: they take a global lock on every SQLite malloc. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

  context = g_option_context_new ("- a local Salesforce org for Freight");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context,
    "Serves the REST, Bulk API 2.0 and OAuth endpoints of a Salesforce org on 127.0.0.1 and\n"
    "prints its base URL on one line when it is ready. Demo login: admin@freight.local /\n"
    "freight. Stop it with Ctrl+C (SIGINT) or SIGTERM.");
  g_option_context_set_description (context, LO_FAULTS_HELP);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("freight-local-org: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || rows_per_second < 0 || page_size < 0 || jobs_page_size < 1
      || token_lifetime < 0)
    {
      g_printerr ("freight-local-org: a numeric option is out of range (see --help)\n");
      return 2;
    }
  config.port = port;
  config.seed = seed;
  config.rows_per_second = rows_per_second;
  config.default_page_size = page_size;
  config.jobs_page_size = jobs_page_size;
  config.token_lifetime_s = token_lifetime;
  if (config.consumer_key == NULL)
    config.consumer_key = g_strdup (DEFAULT_CONSUMER_KEY);
  if (config.consumer_secret == NULL)
    config.consumer_secret = g_strdup (DEFAULT_CONSUMER_SECRET);
  if (config.schema_path == NULL)
    config.schema_path = find_schema ();
  config.faults = lo_faults_new (faults, config.seed, &error);
  if (config.faults == NULL)
    {
      g_printerr ("freight-local-org: --faults: %s\n", error->message);
      return 2;
    }

  server = lo_server_new (&config, &error);
  if (server == NULL || !lo_server_start (server, &error))
    {
      g_printerr ("freight-local-org: %s\n", error->message);
      status = 1;
      goto out;
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit, loop);
  g_unix_signal_add (SIGTERM, quit, loop);
  printf ("%s\n", lo_server_get_base_url (server));
  fflush (stdout);
  g_main_loop_run (loop);
  lo_server_stop (server);
  status = 0;

out:
  g_clear_object (&server);
  lo_faults_free (config.faults);
  g_free (config.data_dir);
  g_free (config.schema_path);
  g_free (config.tls_cert);
  g_free (config.tls_key);
  g_free (config.consumer_key);
  g_free (config.consumer_secret);
  g_free (config.jwt_certificate);
  return status;
}
