/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "freight-cli-private.h"

/* freight-cli jobs list|show|abort|delete|results: the org's Bulk jobs, of any tool. */

static FreightJobs *
connect_jobs (FreightCli  *cli,
              GError     **error)
{
  FreightOrgSession *session = freight_cli_connect (cli, NULL, error);

  return session != NULL ? freight_jobs_new (session) : NULL;
}

static char *
format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (date);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/* One job id and nothing else after the subcommand. */
static const char *
job_id_argument (FreightCli  *cli,
                 const char  *subcommand,
                 int          argc,
                 char       **argv,
                 int         *status)
{
  g_autofree char *command = g_strconcat ("jobs ", subcommand, NULL);

  *status = FREIGHT_CLI_EXIT_OK;
  if (argc < 2)
    *status = freight_cli_usage (cli, command, _("Give the job’s id."));
  else if (argc > 2)
    *status = freight_cli_usage (cli, command, _("Unexpected argument “%s”."), argv[2]);
  return *status == FREIGHT_CLI_EXIT_OK ? argv[1] : NULL;
}

/* list ------------------------------------------------------------------------------ */

static int
run_list (FreightCli  *cli,
          int          argc,
          char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FreightJobs) jobs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *object = NULL;
  g_autofree char *kind = NULL;
  FreightBulkJobState state_filter = FREIGHT_BULK_JOB_STATE_UNKNOWN;
  FreightBulkJobKind kind_filter = FREIGHT_BULK_JOB_KIND_INGEST;
  GListModel *model;
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state,
      N_("Only jobs in this state: Open, UploadComplete, InProgress, JobComplete, Failed or "
         "Aborted"), N_("STATE") },
    { "object", 0, 0, G_OPTION_ARG_STRING, &object,
      N_("Only jobs on this object"), N_("OBJECT") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("Only ingest or only query jobs"), N_("KIND") },
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = freight_cli_option_context (
    cli, _("jobs list"),
    _("Lists the org’s Bulk API 2.0 jobs, ingest and query, of any tool, newest first."),
    _("Examples:\n"
      "  freight-cli jobs list\n"
      "  freight-cli jobs list --state InProgress --object Account\n"
      "  freight-cli jobs list --kind query --json"),
    entries);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;
  if (argc > 1)
    return freight_cli_usage (cli, "jobs list", _("Unexpected argument “%s”."), argv[1]);
  if (state != NULL)
    {
      state_filter = freight_bulk_job_state_from_string (state);
      if (state_filter == FREIGHT_BULK_JOB_STATE_UNKNOWN)
        return freight_cli_usage (cli, "jobs list", _("“%s” is not a job state."), state);
    }
  if (kind != NULL && !freight_bulk_job_kind_from_string (kind, &kind_filter))
    return freight_cli_usage (cli, "jobs list",
                              _("“%s” is not a kind of job: use ingest or query."), kind);

  jobs = connect_jobs (cli, &error);
  if (jobs == NULL || !freight_jobs_refresh (jobs, cli->cancellable, &error))
    return freight_cli_fail (cli, error);
  freight_jobs_set_state_filter (jobs, state_filter);
  freight_jobs_set_object_filter (jobs, object);
  if (kind != NULL)
    {
      freight_jobs_set_show_ingest (jobs, kind_filter == FREIGHT_BULK_JOB_KIND_INGEST);
      freight_jobs_set_show_query (jobs, kind_filter == FREIGHT_BULK_JOB_KIND_QUERY);
    }

  model = G_LIST_MODEL (jobs);
  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(FreightBulkJob) job = g_list_model_get_item (model, i);

          json_array_add_object_element (array, freight_cli_job_to_json (job));
        }
      node = json_node_init_array (json_node_alloc (), array);
      freight_cli_print_json (cli, node);
      return FREIGHT_CLI_EXIT_OK;
    }

  printf ("%-18s  %-6s  %-10s  %-20s  %-14s  %9s  %7s  %s\n", _("ID"), _("KIND"),
          _("OPERATION"), _("OBJECT"), _("STATE"), _("PROCESSED"), _("FAILED"), _("CREATED"));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FreightBulkJob) job = g_list_model_get_item (model, i);
      g_autofree char *created = format_date (freight_bulk_job_get_created_date (job));

      printf ("%-18s  %-6s  %-10s  %-20s  %-14s  %9" G_GINT64_FORMAT "  %7" G_GINT64_FORMAT
              "  %s\n",
              freight_bulk_job_get_id (job),
              freight_bulk_job_kind_to_string (freight_bulk_job_get_kind (job)),
              freight_bulk_job_get_operation_name (job) != NULL
              ? freight_bulk_job_get_operation_name (job) : "",
              freight_bulk_job_get_object (job) != NULL ? freight_bulk_job_get_object (job) : "",
              freight_bulk_job_get_state_name (job) != NULL
              ? freight_bulk_job_get_state_name (job) : "",
              freight_bulk_job_get_number_records_processed (job),
              freight_bulk_job_get_number_records_failed (job), created);
    }
  return FREIGHT_CLI_EXIT_OK;
}

/* show ------------------------------------------------------------------------------ */

static void
print_field (const char *label,
             const char *value)
{
  if (value != NULL && *value != '\0')
    printf ("%-18s %s\n", label, value);
}

static void
print_job (FreightBulkJob *job)
{
  g_autofree char *created = format_date (freight_bulk_job_get_created_date (job));
  g_autofree char *modified = format_date (freight_bulk_job_get_system_modstamp (job));
  g_autofree char *processed = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                freight_bulk_job_get_number_records_processed (
                                                  job));
  g_autofree char *failed = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             freight_bulk_job_get_number_records_failed (job));
  g_autofree char *retries = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              freight_bulk_job_get_retries (job));
  g_autofree char *time = g_strdup_printf ("%" G_GINT64_FORMAT " ms",
                                           freight_bulk_job_get_total_processing_time (job));
  gboolean ingest = freight_bulk_job_get_kind (job) == FREIGHT_BULK_JOB_KIND_INGEST;

  print_field (_("Id:"), freight_bulk_job_get_id (job));
  print_field (_("Kind:"), freight_bulk_job_kind_to_string (freight_bulk_job_get_kind (job)));
  print_field (_("Operation:"), freight_bulk_job_get_operation_name (job));
  print_field (_("Object:"), freight_bulk_job_get_object (job));
  print_field (_("State:"), freight_bulk_job_get_state_name (job));
  print_field (_("External ID field:"), freight_bulk_job_get_external_id_field_name (job));
  print_field (_("Created:"), created);
  print_field (_("Created by:"), freight_bulk_job_get_created_by_id (job));
  print_field (_("Last change:"), modified);
  print_field (_("API version:"), freight_bulk_job_get_api_version (job));
  print_field (_("Job type:"), freight_bulk_job_get_job_type (job));
  print_field (_("Delimiter:"), freight_bulk_job_get_column_delimiter (job));
  print_field (_("Line ending:"), freight_bulk_job_get_line_ending (job));
  print_field (_("Rows processed:"), processed);
  if (ingest)
    print_field (_("Rows failed:"), failed);
  print_field (_("Retries:"), retries);
  print_field (_("Processing time:"), time);
  print_field (_("Error:"), freight_bulk_job_get_error_message (job));
}

static int
run_show (FreightCli  *cli,
          int          argc,
          char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FreightJobs) jobs = NULL;
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;
  int status;

  context = freight_cli_option_context (cli, _("jobs show JOB-ID"),
                                        _("Shows a job’s state, counters and timings."),
                                        _("Example:\n  freight-cli jobs show 7505j0000Ls8IPIAQ2"),
                                        NULL);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;
  id = job_id_argument (cli, "show", argc, argv, &status);
  if (id == NULL)
    return status;

  jobs = connect_jobs (cli, &error);
  if (jobs != NULL)
    job = freight_jobs_show (jobs, id, cli->cancellable, &error);
  if (job == NULL)
    return freight_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = freight_cli_job_to_json (job);

      freight_cli_print_json_object (cli, object);
    }
  else
    print_job (job);
  return FREIGHT_CLI_EXIT_OK;
}

/* abort, delete ------------------------------------------------------------------------ */

static int
run_abort (FreightCli  *cli,
           int          argc,
           char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FreightJobs) jobs = NULL;
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;
  int status;

  context = freight_cli_option_context (
    cli, _("jobs abort JOB-ID"),
    _("Aborts a job that has not finished. Rows an ingest job has processed stay processed."),
    _("Example:\n  freight-cli jobs abort 7505j0000Ls8IPIAQ2"), NULL);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;
  id = job_id_argument (cli, "abort", argc, argv, &status);
  if (id == NULL)
    return status;

  jobs = connect_jobs (cli, &error);
  if (jobs != NULL)
    job = freight_jobs_abort (jobs, id, cli->cancellable, &error);
  if (job == NULL)
    return freight_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = freight_cli_job_to_json (job);

      freight_cli_print_json_object (cli, object);
    }
  else
    printf (_("Job %s is %s.\n"), id, freight_bulk_job_get_state_name (job));
  return FREIGHT_CLI_EXIT_OK;
}

static int
run_delete (FreightCli  *cli,
            int          argc,
            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FreightJobs) jobs = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;
  int status;

  context = freight_cli_option_context (
    cli, _("jobs delete JOB-ID"),
    _("Deletes a finished job with its data and results from the org."),
    _("Example:\n  freight-cli jobs delete 7505j0000Ls8IPIAQ2"), NULL);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;
  id = job_id_argument (cli, "delete", argc, argv, &status);
  if (id == NULL)
    return status;

  jobs = connect_jobs (cli, &error);
  if (jobs == NULL || !freight_jobs_delete (jobs, id, cli->cancellable, &error))
    return freight_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "status", "deleted");
      json_object_set_string_member (object, "id", id);
      freight_cli_print_json_object (cli, object);
    }
  else
    printf (_("Deleted job %s.\n"), id);
  return FREIGHT_CLI_EXIT_OK;
}

/* results ------------------------------------------------------------------------------ */

static int
run_results (FreightCli  *cli,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FreightJobs) jobs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_auto(GStrv) files = NULL;
  FreightBulkJob *job;
  const char *id;
  const GOptionEntry entries[] = {
    { "output-dir", 'o', 0, G_OPTION_ARG_FILENAME, &folder,
      N_("Where to save the files (default: the current folder)"), N_("FOLDER") },
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = freight_cli_option_context (
    cli, _("jobs results JOB-ID"),
    _("Saves the result files of a finished job, as the org serves them: for an ingest job "
      "JOB-ID-success.csv, JOB-ID-failed.csv and JOB-ID-unprocessed.csv; for a query job "
      "JOB-ID-results.csv with every page. Exits 1 when rows of the job failed and 2 when "
      "the job as a whole failed or was aborted."),
    _("Example:\n  freight-cli jobs results 7505j0000Ls8IPIAQ2 --output-dir results/"),
    entries);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;
  id = job_id_argument (cli, "results", argc, argv, &status);
  if (id == NULL)
    return status;

  jobs = connect_jobs (cli, &error);
  if (jobs != NULL)
    files = freight_jobs_download_results (jobs, id, folder != NULL ? folder : ".",
                                           cli->cancellable, &error);
  if (files == NULL)
    return freight_cli_fail (cli, error);
  job = freight_jobs_lookup (jobs, id);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      JsonArray *array = json_array_new ();

      json_object_set_string_member (object, "id", id);
      json_object_set_string_member (object, "state", freight_bulk_job_get_state_name (job));
      json_object_set_int_member (object, "rows_processed",
                                  freight_bulk_job_get_number_records_processed (job));
      json_object_set_int_member (object, "rows_failed",
                                  freight_bulk_job_get_number_records_failed (job));
      for (guint i = 0; files[i] != NULL; i++)
        json_array_add_string_element (array, files[i]);
      json_object_set_array_member (object, "files", array);
      freight_cli_print_json_object (cli, object);
    }
  else
    for (guint i = 0; files[i] != NULL; i++)
      printf ("%s\n", files[i]);

  if (freight_bulk_job_get_state (job) != FREIGHT_BULK_JOB_STATE_JOB_COMPLETE)
    return FREIGHT_CLI_EXIT_ERROR;
  if (freight_bulk_job_get_number_records_failed (job) > 0)
    return FREIGHT_CLI_EXIT_ROWS_FAILED;
  return FREIGHT_CLI_EXIT_OK;
}

static const FreightCliSubcommand subcommands[] = {
  { "list", N_("List the org’s Bulk jobs"), run_list },
  { "show", N_("Show a job"), run_show },
  { "abort", N_("Abort a job"), run_abort },
  { "delete", N_("Delete a finished job"), run_delete },
  { "results", N_("Save a job’s result files"), run_results },
  { NULL, NULL, NULL }
};

static int
run_jobs (FreightCli  *cli,
          int          argc,
          char       **argv)
{
  return freight_cli_run_subcommand (cli, "jobs",
                                     _("Examples:\n"
                                       "  freight-cli jobs list --state Failed\n"
                                       "  freight-cli jobs show 7505j0000Ls8IPIAQ2\n"
                                       "  freight-cli jobs results 7505j0000Ls8IPIAQ2"),
                                     subcommands, argc, argv);
}

const FreightCliCommand freight_cli_jobs_command = {
  "jobs",
  N_("List, show, abort and delete the org’s Bulk jobs, and save their results"),
  run_jobs,
};
