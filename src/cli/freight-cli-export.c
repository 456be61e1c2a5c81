/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "freight-cli-private.h"

/* freight-cli export: a Bulk query into one CSV file, with progress, resumable. */

typedef struct
{
  FreightCli         *cli;
  FreightCliProgress *progress;
} Watch;

static void
show_progress (FreightExport *export,
               GParamSpec    *pspec,
               Watch         *watch)
{
  g_autofree char *job_id = freight_export_dup_job_id (export);
  g_autofree char *size = NULL;
  g_autofree char *detail = NULL;
  guint64 total = freight_export_get_rows_total (export);
  guint pages = freight_export_get_pages (export);

  switch (freight_export_get_state (export))
    {
    case FREIGHT_EXPORT_STATE_CREATING:
      freight_cli_progress_set (watch->progress, _("creating the query job"), 0, 0, NULL);
      break;

    case FREIGHT_EXPORT_STATE_WAITING:
      detail = job_id != NULL ? g_strdup_printf (_("job %s"), job_id) : NULL;
      freight_cli_progress_set (watch->progress, _("waiting for the query"), total, 0, detail);
      break;

    case FREIGHT_EXPORT_STATE_DOWNLOADING:
      size = freight_cli_format_size (freight_export_get_bytes_written (export));
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page, %s", "%u pages, %s",
                                             pages), pages, size);
      freight_cli_progress_set (watch->progress, _("writing rows"),
                                freight_export_get_rows_written (export), total, detail);
      break;

    case FREIGHT_EXPORT_STATE_IDLE:
    case FREIGHT_EXPORT_STATE_DONE:
    case FREIGHT_EXPORT_STATE_FAILED:
    case FREIGHT_EXPORT_STATE_CANCELLED:
    default:
      break;
    }
}

/* On a plain stream, a line per page. */
static void
show_page (FreightExport *export,
           GParamSpec    *pspec,
           Watch         *watch)
{
  g_autofree char *size = freight_cli_format_size (freight_export_get_bytes_written (export));
  g_autofree char *rows = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                           freight_export_get_rows_written (export));
  g_autofree char *total = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                            freight_export_get_rows_total (export));

  if (freight_cli_progress_is_live (watch->progress))
    return;
  freight_cli_progress_line (watch->progress, _("page %u: %s of %s rows, %s"),
                             freight_export_get_pages (export), rows, total, size);
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static JsonObject *
summary (FreightExport *export,
         const char    *status)
{
  JsonObject *object = json_object_new ();
  g_autofree char *job_id = freight_export_dup_job_id (export);
  g_autofree char *query = freight_export_dup_query (export);

  json_object_set_string_member (object, "status", status);
  json_object_set_int_member (object, "run_id", freight_export_get_run_id (export));
  json_object_set_string_member (object, "job_id", job_id);
  json_object_set_string_member (object, "query", query);
  json_object_set_string_member (object, "operation",
                                 freight_bulk_operation_to_string (
                                   freight_export_get_operation (export)));
  json_object_set_string_member (object, "output", freight_export_get_output_path (export));
  json_object_set_int_member (object, "rows", (gint64) freight_export_get_rows_written (export));
  json_object_set_int_member (object, "rows_total",
                              (gint64) freight_export_get_rows_total (export));
  json_object_set_int_member (object, "pages", freight_export_get_pages (export));
  json_object_set_int_member (object, "bytes",
                              (gint64) freight_export_get_bytes_written (export));
  return object;
}

/* Runs @export with progress and prints the outcome. */
static int
run_and_report (FreightCli    *cli,
                FreightExport *export)
{
  g_autoptr(FreightCliProgress) progress = freight_cli_progress_new (cli, "export");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) outcome = NULL;
  Watch watch = { cli, progress };
  gulong state_id;
  gulong page_id;
  gboolean ok;

  state_id = g_signal_connect (export, "notify", G_CALLBACK (show_progress), &watch);
  page_id = g_signal_connect (export, "notify::pages", G_CALLBACK (show_page), &watch);
  freight_export_run_async (export, cli->cancellable, run_done, &result);
  freight_cli_wait (cli, &result);
  ok = freight_export_run_finish (export, result, &error);
  g_signal_handler_disconnect (export, state_id);
  g_signal_handler_disconnect (export, page_id);
  g_clear_pointer (&progress, freight_cli_progress_free);

  if (!ok)
    return freight_cli_fail (cli, error);

  outcome = summary (export, "done");
  if (cli->json)
    freight_cli_print_json_object (cli, outcome);
  else
    {
      guint64 rows = freight_export_get_rows_written (export);
      g_autofree char *size = freight_cli_format_size (freight_export_get_bytes_written (
                                                         export));
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, rows);

      printf (g_dngettext (GETTEXT_PACKAGE, "Exported %s row to %s (%s).\n",
                           "Exported %s rows to %s (%s).\n", (gulong) MIN (rows, G_MAXULONG)),
              count, freight_export_get_output_path (export), size);
    }
  return FREIGHT_CLI_EXIT_OK;
}

static gboolean
parse_delimiter (const char *text,
                 char       *delimiter)
{
  if (text == NULL)
    return TRUE;
  if (freight_csv_delimiter_from_bulk_name (text, delimiter))
    return TRUE;
  if (g_str_equal (text, "\\t"))
    text = "\t";
  if (strlen (text) == 1 && freight_csv_delimiter_to_bulk_name (text[0]) != NULL)
    {
      *delimiter = text[0];
      return TRUE;
    }
  return FALSE;
}

static int
run_export (FreightCli  *cli,
            int          argc,
            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FreightExport) export = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *soql = NULL;
  g_autofree char *object = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *output = NULL;
  g_autofree char *delimiter_text = NULL;
  g_autofree char *line_ending_text = NULL;
  g_auto(GStrv) field_list = NULL;
  gboolean query_all = FALSE;
  gint64 page_size = 0;
  double poll_interval = 1.0;
  char delimiter = ',';
  FreightCsvLineEnding line_ending = FREIGHT_CSV_LINE_ENDING_LF;
  FreightOrgSession *session;
  FreightJournal *journal;
  const GOptionEntry entries[] = {
    { "soql", 's', 0, G_OPTION_ARG_STRING, &soql,
      N_("The SOQL query to export"), N_("QUERY") },
    { "object", 0, 0, G_OPTION_ARG_STRING, &object,
      N_("The object to export, instead of --soql"), N_("OBJECT") },
    { "fields", 'f', 0, G_OPTION_ARG_STRING, &fields,
      N_("The fields of --object, separated by commas (default: every field)"),
      N_("FIELD,…") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The CSV file to write"), N_("FILE") },
    { "query-all", 0, 0, G_OPTION_ARG_NONE, &query_all,
      N_("Include deleted and archived records (queryAll)"), NULL },
    { "delimiter", 'd', 0, G_OPTION_ARG_STRING, &delimiter_text,
      N_("comma (default), semicolon, tab, pipe, caret or backquote"), N_("DELIMITER") },
    { "line-ending", 0, 0, G_OPTION_ARG_STRING, &line_ending_text,
      N_("LF (default) or CRLF"), N_("ENDING") },
    { "page-size", 0, 0, G_OPTION_ARG_INT64, &page_size,
      N_("Rows per result page (default: the org’s choice)"), N_("ROWS") },
    { "poll-interval", 0, 0, G_OPTION_ARG_DOUBLE, &poll_interval,
      N_("Seconds before the first poll of the job; the wait grows to 30 s (default 1)"),
      N_("SECONDS") },
    G_OPTION_ENTRY_NULL
  };
  int status;

  context = freight_cli_option_context (
    cli, _("export (--soql QUERY | --object OBJECT) --output FILE"),
    _("Exports the result of a Bulk API query into one CSV file. The result pages are "
      "written as they arrive, with one header row; an export that is interrupted can be "
      "continued with “freight-cli resume”. Ctrl+C aborts the query job and removes the "
      "file."),
    _("Examples:\n"
      "  freight-cli export --object Account -o accounts.csv\n"
      "  freight-cli export --object Contact --fields Id,Email,Account.Name -o contacts.csv\n"
      "  freight-cli export --soql \"SELECT Id, Name FROM Lead WHERE IsConverted = false\" \\\n"
      "      --delimiter semicolon --line-ending CRLF -o leads.csv\n"
      "  freight-cli export --object Account --query-all --page-size 50000 -o all.csv --json"),
    entries);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;

  if (argc > 1)
    return freight_cli_usage (cli, "export", _("Unexpected argument “%s”."), argv[1]);
  if (output == NULL)
    return freight_cli_usage (cli, "export", _("Give the file to write with --output."));
  if ((soql == NULL) == (object == NULL))
    return freight_cli_usage (cli, "export", _("Give either --soql or --object."));
  if (fields != NULL && object == NULL)
    return freight_cli_usage (cli, "export", _("--fields goes with --object."));
  if (!parse_delimiter (delimiter_text, &delimiter))
    return freight_cli_usage (cli, "export",
                              _("“%s” is not a delimiter: use comma, semicolon, tab, pipe, "
                                "caret or backquote."), delimiter_text);
  if (line_ending_text != NULL && !freight_csv_line_ending_from_string (line_ending_text,
                                                                        &line_ending))
    return freight_cli_usage (cli, "export", _("“%s” is not a line ending: use LF or CRLF."),
                              line_ending_text);
  if (line_ending == FREIGHT_CSV_LINE_ENDING_CR)
    return freight_cli_usage (cli, "export", _("The Bulk API writes LF or CRLF line endings."));
  if (page_size < 0)
    return freight_cli_usage (cli, "export", _("--page-size is a number of rows."));
  if (poll_interval <= 0 || poll_interval > 30)
    return freight_cli_usage (cli, "export",
                              _("--poll-interval is a number of seconds up to 30."));

  session = freight_cli_connect (cli, NULL, &error);
  if (session == NULL)
    return freight_cli_fail (cli, error);
  journal = freight_cli_get_journal (cli, &error);
  if (journal == NULL)
    return freight_cli_fail (cli, error);

  export = freight_export_new (session);
  freight_export_set_journal (export, journal);
  freight_export_set_org_name (export, cli->org_name);
  if (soql != NULL)
    freight_export_set_soql (export, soql);
  else
    {
      freight_export_set_object (export, object);
      if (fields != NULL)
        {
          field_list = g_strsplit (fields, ",", -1);
          freight_export_set_fields (export, (const char * const *) field_list);
        }
    }
  freight_export_set_operation (export, query_all ? FREIGHT_BULK_OPERATION_QUERY_ALL
                                                  : FREIGHT_BULK_OPERATION_QUERY);
  freight_export_set_output_path (export, output);
  freight_export_set_delimiter (export, delimiter);
  freight_export_set_line_ending (export, line_ending);
  freight_export_set_page_size (export, (guint64) page_size);
  freight_export_set_poll_interval (export, (guint) (poll_interval * 1000), 30000);

  return run_and_report (cli, export);
}

/**
 * freight_cli_resume_export:
 * @cli: the CLI
 * @run: an unfinished export of the journal
 *
 * Continues @run on the org it names (or the one the options name).
 *
 * Returns: a #FreightCliExit
 */
int
freight_cli_resume_export (FreightCli              *cli,
                           const FreightJournalRun *run)
{
  g_autoptr(FreightExport) export = NULL;
  g_autoptr(GError) error = NULL;
  FreightOrgSession *session;
  FreightJournal *journal;

  session = freight_cli_connect (cli, run->org, &error);
  if (session == NULL)
    return freight_cli_fail (cli, error);
  journal = freight_cli_get_journal (cli, &error);
  if (journal == NULL)
    return freight_cli_fail (cli, error);

  export = freight_export_new_for_run (session, journal, run->id, &error);
  if (export == NULL)
    return freight_cli_fail (cli, error);

  return run_and_report (cli, export);
}

const FreightCliCommand freight_cli_export_command = {
  "export",
  N_("Export a query’s result to a CSV file"),
  run_export,
};
