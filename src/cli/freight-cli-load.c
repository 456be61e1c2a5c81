/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "freight-cli-private.h"

/* freight-cli load: maps a CSV file (a Data Loader .sdl mapping, or auto-map by API name,
 * label and loose spelling), checks it against the org's describe data (pre-flight), and
 * runs the load pipeline (FreightLoad) with progress on stderr and the summary on stdout.
 * Loads the journal says are unfinished go on through freight-cli resume
 * (freight_cli_resume_load()). */

typedef struct
{
  char     *object;
  char     *operation;
  char     *external_id;
  char     *file;
  char     *mapping;
  char     *output_dir;
  char     *delimiter;
  char     *encoding;
  char     *date_format;
  char     *time_zone;
  char     *part_size;
  gint64    part_rows;
  int       jobs_in_flight;
  gboolean  exclude_problem_rows;
  gboolean  ignore_problems;
  gboolean  no_preflight;
  gboolean  keep_spool;
} Load;

static void
load_clear (Load *o)
{
  g_free (o->object);
  g_free (o->operation);
  g_free (o->external_id);
  g_free (o->file);
  g_free (o->mapping);
  g_free (o->output_dir);
  g_free (o->delimiter);
  g_free (o->encoding);
  g_free (o->date_format);
  g_free (o->time_zone);
  g_free (o->part_size);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Load, load_clear)

/* --- Mapping --- */

static FreightDescribeObject *
describe (FreightOrgSession  *session,
          const char         *name,
          GError            **error)
{
  g_autoptr(JsonObject) json = freight_org_session_describe_sobject (session, name, NULL, error);

  if (json == NULL)
    return NULL;
  return freight_describe_object_new_from_json (json, error);
}

static gboolean
parse_date_format (const char        *name,
                   FreightDateFormat *format)
{
  static const struct
  {
    const char        *name;
    FreightDateFormat  format;
  } formats[] = {
    { "iso", FREIGHT_DATE_FORMAT_ISO },
    { "dmy-dot", FREIGHT_DATE_FORMAT_DMY_DOT },
    { "dmy-slash", FREIGHT_DATE_FORMAT_DMY_SLASH },
    { "mdy-slash", FREIGHT_DATE_FORMAT_MDY_SLASH },
    { "ymd-slash", FREIGHT_DATE_FORMAT_YMD_SLASH },
    { "dmy-dash", FREIGHT_DATE_FORMAT_DMY_DASH },
    { "excel", FREIGHT_DATE_FORMAT_EXCEL_SERIAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (name, formats[i].name) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

static void
print_mapping (FreightCli     *cli,
               FreightMapping *mapping,
               gboolean        automatic)
{
  guint n = freight_mapping_get_n_entries (mapping);

  if (automatic)
    freight_cli_info (cli, g_dngettext (GETTEXT_PACKAGE, "Auto-mapped %u column:",
                                        "Auto-mapped %u columns:", n), n);
  else
    freight_cli_info (cli, g_dngettext (GETTEXT_PACKAGE, "Mapped %u column:",
                                        "Mapped %u columns:", n), n);
  for (guint i = 0; i < n; i++)
    {
      FreightMappingEntry *entry = freight_mapping_get_entry (mapping, i);
      g_autofree char *source = freight_mapping_entry_describe_source (entry);

      freight_cli_info (cli, "  %s → %s", source, freight_mapping_entry_get_target_path (entry));
    }
}

/* Problems go to stderr even with --quiet: they explain the exit status. */
static gboolean
print_problems (GListModel *problems,
                guint       max)
{
  guint n = g_list_model_get_n_items (problems);
  gboolean errors = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightProblem) problem = g_list_model_get_item (problems, i);
      g_autofree char *text = freight_problem_to_string (problem);

      errors |= freight_problem_get_severity (problem) == FREIGHT_PROBLEM_ERROR;
      if (i < max)
        g_printerr ("  %s %s\n", freight_problem_get_severity (problem) == FREIGHT_PROBLEM_ERROR
                                   ? _("error:") : _("warning:"), text);
    }
  if (n > max)
    g_printerr (_("  … and %u more\n"), n - max);
  return errors;
}

static FreightMapping *
make_mapping (FreightCli          *cli,
              Load                *o,
              FreightOrgSession   *session,
              FreightOperation     operation,
              const char * const  *header,
              GError             **error)
{
  g_autoptr(FreightDescribeObject) object = describe (session, o->object, error);
  g_autoptr(FreightMapping) mapping = NULL;
  g_auto(GStrv) related = NULL;

  if (object == NULL)
    return NULL;
  mapping = freight_mapping_new ();
  freight_mapping_set_object (mapping, object);
  freight_mapping_set_operation (mapping, operation);
  freight_mapping_set_external_id_field (mapping, o->external_id);
  freight_mapping_set_source_columns (mapping, header);

  /* The parents, for relationship columns (those the user cannot describe are left out:
   * pre-flight then says it cannot check their columns). */
  related = freight_describe_object_dup_referenced_objects (object);
  for (guint i = 0; related != NULL && related[i] != NULL; i++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(FreightDescribeObject) parent = describe (session, related[i], &local);

      if (parent != NULL)
        freight_mapping_add_related_object (mapping, parent);
      else
        g_debug ("no describe of %s: %s", related[i], local->message);
    }

  if (o->mapping != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (o->mapping);
      g_autoptr(FreightSdlMapping) sdl = NULL;

      sdl = freight_sdl_mapping_new_from_file (file, FREIGHT_SDL_DIRECTION_LOAD, NULL, error);
      if (sdl == NULL || !freight_mapping_load_sdl (mapping, sdl, error))
        return NULL;
      print_mapping (cli, mapping, FALSE);
    }
  else
    {
      g_autoptr(GPtrArray) notes = NULL;

      freight_mapping_auto_map (mapping, &notes);
      /* The columns of Freight's own result files are never data. */
      for (guint i = 0; header[i] != NULL; i++)
        if (freight_result_column_is_freight (header[i]))
          freight_mapping_unmap_column (mapping, header[i]);
      print_mapping (cli, mapping, TRUE);
      for (guint i = 0; notes != NULL && i < notes->len; i++)
        {
          g_autofree char *text = freight_problem_to_string (notes->pdata[i]);

          freight_cli_info (cli, "  %s %s", _("note:"), text);
        }
    }

  if (o->date_format != NULL || o->time_zone != NULL)
    {
      FreightValueFormat *format = freight_mapping_get_default_format (mapping);
      FreightDateFormat date_format;

      if (o->date_format != NULL)
        {
          if (!parse_date_format (o->date_format, &date_format))
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("Unknown date format “%s”: use iso, dmy-dot, dmy-slash, "
                             "mdy-slash, ymd-slash, dmy-dash or excel."), o->date_format);
              return NULL;
            }
          freight_value_format_set_date_format (format, date_format);
        }
      if (o->time_zone != NULL)
        freight_value_format_set_time_zone (format, o->time_zone);
    }

  if (!freight_mapping_is_ready (mapping))
    {
      g_printerr (_("The mapping has problems:\n"));
      print_problems (freight_mapping_get_problems (mapping), 50);
      g_set_error_literal (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_NOT_READY,
                           _("Fix the mapping (the .sdl file, or the file’s column names) and "
                             "run the load again."));
      return NULL;
    }
  return g_steal_pointer (&mapping);
}

/* --- Pre-flight --- */

static void
preflight_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Returns the result to hand to the load, NULL to load without one, or sets @status. */
static FreightPreflightResult *
run_preflight (FreightCli               *cli,
               Load                     *o,
               FreightMapping           *mapping,
               GFile                    *source,
               const FreightCsvDialect  *dialect,
               int                      *status,
               GError                  **error)
{
  g_autoptr(FreightMappingPlan) plan = NULL;
  g_autoptr(FreightPreflight) preflight = NULL;
  g_autoptr(FreightPreflightResult) checked = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *n_rows = NULL;
  guint64 n_error_rows;

  *status = FREIGHT_CLI_EXIT_OK;
  plan = freight_mapping_plan_new (mapping, freight_mapping_get_source_columns (mapping), error);
  if (plan == NULL)
    return NULL;
  preflight = freight_preflight_new (plan, source, dialect);
  freight_cli_info (cli, "%s", _("Checking the rows against the org’s fields…"));
  freight_preflight_run_async (preflight, cli->cancellable, preflight_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  checked = freight_preflight_run_finish (preflight, result, error);
  if (checked == NULL)
    return NULL;

  n_error_rows = freight_preflight_result_get_n_error_rows (checked);
  if (freight_preflight_result_get_n_problems (checked) > 0)
    {
      g_printerr (_("Pre-flight found problems:\n"));
      print_problems (freight_preflight_result_get_problems (checked), 20);
    }
  if (n_error_rows == 0)
    return g_steal_pointer (&checked);
  /* Numbers go into messages as text: xgettext cannot read G_GUINT64_FORMAT. */
  n_rows = g_strdup_printf ("%" G_GUINT64_FORMAT, n_error_rows);

  if (o->exclude_problem_rows)
    {
      freight_preflight_result_set_exclude_rows_with_errors (checked, TRUE);
      freight_cli_info (cli, g_dngettext (GETTEXT_PACKAGE,
                                          "%s row with problems is left out; it will be in "
                                          "unprocessed.csv with the reason.",
                                          "%s rows with problems are left out; they will be "
                                          "in unprocessed.csv with the reason.",
                                          n_error_rows), n_rows);
      return g_steal_pointer (&checked);
    }
  if (o->ignore_problems)
    {
      freight_cli_info (cli, g_dngettext (GETTEXT_PACKAGE,
                                          "%s row with problems is sent anyway; Salesforce "
                                          "will say if it rejects it.",
                                          "%s rows with problems are sent anyway; Salesforce "
                                          "will say what it rejects.",
                                          n_error_rows), n_rows);
      return g_steal_pointer (&checked);
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "%s row has problems. Fix them in the file, or run again with "
                           "--exclude-problem-rows (leave it out; it goes to unprocessed.csv) "
                           "or --ignore-problems (send it anyway).\n",
                           "%s rows have problems. Fix them in the file, or run again with "
                           "--exclude-problem-rows (leave them out; they go to "
                           "unprocessed.csv) or --ignore-problems (send them anyway).\n",
                           n_error_rows), n_rows);
  *status = FREIGHT_CLI_EXIT_ERROR;
  return NULL;
}

/* "1500", "500k", "10M", "100MB": bytes, in powers of 1000 as the Bulk API counts. */
static gboolean
parse_size (const char *text,
            guint64    *bytes)
{
  char *end = NULL;
  guint64 value = g_ascii_strtoull (text, &end, 10);
  guint64 unit = 1;

  if (end == text)
    return FALSE;
  if (g_ascii_strcasecmp (end, "k") == 0 || g_ascii_strcasecmp (end, "kb") == 0)
    unit = 1000;
  else if (g_ascii_strcasecmp (end, "m") == 0 || g_ascii_strcasecmp (end, "mb") == 0)
    unit = 1000 * 1000;
  else if (*end != '\0')
    return FALSE;
  *bytes = value * unit;
  return TRUE;
}

static gboolean
source_dialect (Load               *o,
                GFile              *source,
                FreightCsvDialect  *dialect,
                GError            **error)
{
  if (!freight_csv_sniff_file (source, dialect, NULL, error))
    return FALSE;
  if (o->delimiter != NULL)
    {
      if (g_str_equal (o->delimiter, "\\t") || g_ascii_strcasecmp (o->delimiter, "tab") == 0)
        dialect->delimiter = '\t';
      else if (strlen (o->delimiter) == 1)
        dialect->delimiter = o->delimiter[0];
      else if (!freight_csv_delimiter_from_bulk_name (o->delimiter, &dialect->delimiter))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown delimiter “%s”: use , ; tab | ^ or `."), o->delimiter);
          return FALSE;
        }
    }
  if (o->encoding != NULL && !freight_csv_encoding_from_string (o->encoding, &dialect->encoding))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown encoding “%s”: use UTF-8, UTF-16LE, UTF-16BE, Windows-1252 or "
                     "ISO-8859-1."), o->encoding);
      return FALSE;
    }
  return TRUE;
}

static char **
read_header (GFile                    *source,
             const FreightCsvDialect  *dialect,
             GError                  **error)
{
  g_autoptr(FreightCsvReader) reader =
    freight_csv_reader_new_for_file (source, dialect, FREIGHT_CSV_READER_FLAGS_NONE, NULL, error);

  if (reader == NULL || !freight_csv_reader_read_header (reader, NULL, error))
    return NULL;
  return g_strdupv ((char **) freight_csv_reader_get_column_names (reader));
}

/* --- Running, with progress --- */

typedef struct
{
  FreightCli         *cli;
  FreightCliProgress *progress;
  GHashTable         *job_states;   /* part → the last state reported */
} Watch;

/* Numbers go into messages as text: xgettext cannot read G_GUINT64_FORMAT. */
static char *
count (guint64 n)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

static void
report_jobs (FreightLoad *load,
             Watch       *watch)
{
  GListModel *jobs = freight_load_get_jobs (load);

  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(FreightLoadJob) job = g_list_model_get_item (jobs, i);
      FreightLoadJobState state = freight_load_job_get_state (job);
      gpointer key = GUINT_TO_POINTER (freight_load_job_get_part (job));
      const char *job_id = freight_load_job_get_job_id (job);
      const char *message = freight_load_job_get_error_message (job);
      guint64 n_rows = freight_load_job_get_rows (job);
      g_autofree char *rows = count (n_rows);
      gpointer old;

      if (g_hash_table_lookup_extended (watch->job_states, key, NULL, &old) &&
          GPOINTER_TO_INT (old) == (int) state)
        continue;
      g_hash_table_insert (watch->job_states, key, GINT_TO_POINTER (state));
      /* A line when the job runs and when the part is done. */
      if (state != FREIGHT_LOAD_JOB_STATE_QUEUED && !freight_load_job_state_is_done (state))
        continue;
      if (job_id != NULL)
        freight_cli_progress_line (watch->progress,
                                   g_dngettext (GETTEXT_PACKAGE, "part %u (%s row), job %s: %s",
                                                "part %u (%s rows), job %s: %s", n_rows),
                                   freight_load_job_get_part (job), rows, job_id,
                                   freight_load_job_state_get_display_name (state));
      else
        freight_cli_progress_line (watch->progress,
                                   g_dngettext (GETTEXT_PACKAGE, "part %u (%s row): %s",
                                                "part %u (%s rows): %s", n_rows),
                                   freight_load_job_get_part (job), rows,
                                   freight_load_job_state_get_display_name (state));
      if (message != NULL && freight_load_job_state_is_done (state))
        freight_cli_progress_line (watch->progress, "  %s", message);
    }
}

static void
show_progress (FreightLoad *load,
               GParamSpec  *pspec,
               Watch       *watch)
{
  guint64 total = freight_load_get_rows_total (load);
  guint64 processed = freight_load_get_rows_processed (load) +
                      freight_load_get_rows_skipped (load);
  double estimate = freight_load_get_estimate (load);
  g_autofree char *failed = count (freight_load_get_rows_failed (load));
  g_autofree char *prepared = count (freight_load_get_rows_prepared (load));
  g_autofree char *detail = NULL;
  const char *phase;

  report_jobs (load, watch);
  if (freight_load_get_state (load) == FREIGHT_LOAD_STATE_CANCELLING)
    phase = _("cancelling");
  else if (total == 0)
    phase = _("preparing and sending");
  else
    phase = _("loading");
  if (estimate > 0)
    detail = g_strdup_printf (_("%s prepared, %s failed, %d:%02d left"), prepared, failed,
                              (int) estimate / 60, (int) estimate % 60);
  else
    detail = g_strdup_printf (_("%s prepared, %s failed"), prepared, failed);
  freight_cli_progress_set (watch->progress, phase, processed, total, detail);
}

static void
show_diagnostic (GListModel *diagnostics,
                 guint       position,
                 guint       removed,
                 guint       added,
                 Watch      *watch)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(FreightLoadDiagnostic) diagnostic = g_list_model_get_item (diagnostics, i);

      freight_cli_progress_line (watch->progress, "%s %s",
                                 freight_load_diagnostic_get_severity (diagnostic) ==
                                   FREIGHT_PROBLEM_ERROR ? _("error:") : _("warning:"),
                                 freight_load_diagnostic_get_message (diagnostic));
    }
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The first Ctrl+C (or SIGTERM) cancels the load: the open jobs are aborted and every row
 * is still written. A second one ends the process at once; `freight-cli resume` goes on. */
static void
cancel_load (GCancellable *cancellable,
             FreightLoad  *load)
{
  freight_load_cancel (load);
}

static void
print_summary (FreightCli  *cli,
               FreightLoad *load)
{
  g_autoptr(JsonNode) summary = freight_load_dup_summary (load);
  GFile *dir = freight_load_get_run_dir (load);
  g_autofree char *path = dir != NULL ? g_file_get_path (dir) : NULL;
  g_autofree char *succeeded = count (freight_load_get_rows_succeeded (load));
  g_autofree char *failed = count (freight_load_get_rows_failed (load));
  g_autofree char *unprocessed = count (freight_load_get_rows_unprocessed (load));
  g_autofree char *ambiguous = count (freight_load_get_n_ambiguous (load));

  if (cli->json)
    {
      if (summary != NULL)
        freight_cli_print_json (cli, summary);
      return;
    }
  printf (_("Load %s: %s succeeded, %s failed, %s unprocessed\n"),
          freight_load_get_run_id (load), succeeded, failed, unprocessed);
  if (freight_load_get_n_ambiguous (load) > 0)
    printf (g_dngettext (GETTEXT_PACKAGE,
                         "%s result was matched among rows that sent the same values "
                         "(interchangeable rows)\n",
                         "%s results were matched among rows that sent the same values "
                         "(interchangeable rows)\n",
                         freight_load_get_n_ambiguous (load)), ambiguous);
  if (path != NULL)
    printf (_("Results: %s\n"), path);
  fflush (stdout);
}

/* Runs a new or resumed load and reports it; returns the exit status. */
static int
run_and_report (FreightCli  *cli,
                FreightLoad *load)
{
  g_autoptr(FreightCliProgress) progress = freight_cli_progress_new (cli, "load");
  g_autoptr(GHashTable) job_states = g_hash_table_new (NULL, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch = { cli, progress, job_states };
  gulong cancelled_id;
  gboolean ok;

  g_signal_connect (load, "notify", G_CALLBACK (show_progress), &watch);
  g_signal_connect (freight_load_get_diagnostics (load), "items-changed",
                    G_CALLBACK (show_diagnostic), &watch);
  cancelled_id = g_cancellable_connect (cli->cancellable, G_CALLBACK (cancel_load), load, NULL);

  freight_load_run_async (load, NULL, run_done, &result);
  freight_cli_wait (cli, &result);
  ok = freight_load_run_finish (load, result, &error);

  g_cancellable_disconnect (cli->cancellable, cancelled_id);
  g_signal_handlers_disconnect_by_data (load, &watch);
  g_signal_handlers_disconnect_by_data (freight_load_get_diagnostics (load), &watch);
  g_clear_pointer (&progress, freight_cli_progress_free);
  freight_cli_save_renewed_token (cli);

  if (!ok)
    {
      if (freight_load_get_run_id (load) != NULL)
        g_prefix_error (&error, _("Load %s stopped (resume it with “freight-cli resume %s”): "),
                        freight_load_get_run_id (load), freight_load_get_run_id (load));
      return freight_cli_fail (cli, error);
    }
  print_summary (cli, load);
  if (freight_load_get_state (load) == FREIGHT_LOAD_STATE_CANCELLED ||
      freight_load_get_n_jobs_failed (load) > 0)
    return FREIGHT_CLI_EXIT_ERROR;
  if (freight_load_get_rows_failed (load) > 0 || freight_load_get_rows_unprocessed (load) > 0)
    return FREIGHT_CLI_EXIT_ROWS_FAILED;
  return FREIGHT_CLI_EXIT_OK;
}

/**
 * freight_cli_resume_load:
 *
 * Continues a load of the journal (the resume table's entry for "load").
 */
int
freight_cli_resume_load (FreightCli              *cli,
                         const FreightJournalRun *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightLoad) load = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, run->id);
  FreightJournal *journal = freight_cli_get_journal (cli, &error);
  FreightOrgSession *session;

  if (journal == NULL)
    return freight_cli_fail (cli, error);
  session = freight_cli_connect (cli, run->org, &error);
  if (session == NULL)
    return freight_cli_fail (cli, error);
  load = freight_load_new_resume (number, session, journal);
  return run_and_report (cli, load);
}

static void
resubmit_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/**
 * freight_cli_resume_resubmit:
 *
 * Continues a resubmit of fixed failed rows (the resume table's entry for "resubmit"): its
 * load goes on (or begins) and the outcome is folded into the run's files.
 */
int
freight_cli_resume_resubmit (FreightCli              *cli,
                             const FreightJournalRun *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightResubmit) resubmit = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *succeeded = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *path = NULL;
  FreightJournal *journal = freight_cli_get_journal (cli, &error);
  FreightOrgSession *session;

  if (journal == NULL)
    return freight_cli_fail (cli, error);
  session = freight_cli_connect (cli, run->org, &error);
  if (session == NULL)
    return freight_cli_fail (cli, error);
  resubmit = freight_resubmit_new_resume (run->id, session, journal);
  freight_resubmit_run_async (resubmit, cli->cancellable, resubmit_done, &result);
  freight_cli_wait (cli, &result);
  if (!freight_resubmit_run_finish (resubmit, result, &error))
    return freight_cli_fail (cli, error);
  freight_cli_save_renewed_token (cli);

  succeeded = count (freight_resubmit_get_n_succeeded (resubmit));
  failed = count (freight_resubmit_get_n_failed (resubmit));
  rows = count (freight_resubmit_get_n_rows (resubmit));
  path = g_file_get_path (freight_resubmit_get_run_dir (resubmit));
  if (!cli->json)
    {
      printf (_("Resubmit of %s rows: %s succeeded, %s failed again\n"), rows, succeeded,
              failed);
      printf (_("Results: %s\n"), path);
      fflush (stdout);
    }
  else
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_int_member (object, "run_id", run->id);
      json_object_set_string_member (object, "folder", path);
      json_object_set_int_member (object, "rows", freight_resubmit_get_n_rows (resubmit));
      json_object_set_int_member (object, "succeeded",
                                  freight_resubmit_get_n_succeeded (resubmit));
      json_object_set_int_member (object, "failed", freight_resubmit_get_n_failed (resubmit));
      freight_cli_print_json_object (cli, object);
    }
  return freight_resubmit_get_n_failed (resubmit) > 0 ? FREIGHT_CLI_EXIT_ROWS_FAILED
                                                      : FREIGHT_CLI_EXIT_OK;
}

/* --- freight-cli load --- */

static int
run_load (FreightCli  *cli,
          int          argc,
          char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightMapping) mapping = NULL;
  g_autoptr(FreightPreflightResult) checked = NULL;
  g_autoptr(FreightLoadDescription) description = NULL;
  g_autoptr(FreightLoad) load = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) output = NULL;
  g_auto(GStrv) header = NULL;
  g_auto (Load) o = { 0 };
  FreightOrgSession *session;
  FreightJournal *journal;
  FreightCsvDialect dialect;
  FreightOperation operation;
  guint64 part_size = FREIGHT_LOAD_DEFAULT_PART_SIZE;
  int status;
  const GOptionEntry entries[] = {
    { "object", 0, 0, G_OPTION_ARG_STRING, &o.object,
      N_("The object to load into (API name: Account, Invoice__c…)"), N_("NAME") },
    { "operation", 0, 0, G_OPTION_ARG_STRING, &o.operation,
      N_("insert, update, upsert, delete or hardDelete"), N_("OPERATION") },
    { "external-id", 0, 0, G_OPTION_ARG_STRING, &o.external_id,
      N_("The upsert's key field (an external ID field, or Id)"), N_("FIELD") },
    { "file", 'f', 0, G_OPTION_ARG_FILENAME, &o.file,
      N_("The CSV file to load (its encoding and delimiter are detected)"), N_("FILE") },
    { "mapping", 'm', 0, G_OPTION_ARG_FILENAME, &o.mapping,
      N_("A Data Loader .sdl mapping (default: map columns by name)"), N_("FILE") },
    { "output-dir", 'o', 0, G_OPTION_ARG_FILENAME, &o.output_dir,
      N_("Where the run's result folder goes (default: here)"), N_("DIR") },
    { "jobs-in-flight", 0, 0, G_OPTION_ARG_INT, &o.jobs_in_flight,
      N_("Ingest jobs open at once (default 4)"), N_("N") },
    { "part-size", 0, 0, G_OPTION_ARG_STRING, &o.part_size,
      N_("Bytes per job, at most 100M (default 100M)"), N_("SIZE") },
    { "part-rows", 0, 0, G_OPTION_ARG_INT64, &o.part_rows,
      N_("Rows per job at most (default: no limit)"), N_("N") },
    { "date-format", 0, 0, G_OPTION_ARG_STRING, &o.date_format,
      N_("How dates are written: iso, dmy-dot, dmy-slash, mdy-slash, ymd-slash, dmy-dash, "
         "excel"), N_("FORMAT") },
    { "time-zone", 0, 0, G_OPTION_ARG_STRING, &o.time_zone,
      N_("The time zone of times without an offset (default UTC)"), N_("ZONE") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &o.delimiter,
      N_("The file's delimiter, if not the one detected"), N_("CHAR") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &o.encoding,
      N_("The file's encoding, if not the one detected"), N_("ENCODING") },
    { "exclude-problem-rows", 0, 0, G_OPTION_ARG_NONE, &o.exclude_problem_rows,
      N_("Leave rows with pre-flight problems out (to unprocessed.csv)"), NULL },
    { "ignore-problems", 0, 0, G_OPTION_ARG_NONE, &o.ignore_problems,
      N_("Send rows with pre-flight problems anyway"), NULL },
    { "no-preflight", 0, 0, G_OPTION_ARG_NONE, &o.no_preflight,
      N_("Do not check the rows before loading"), NULL },
    { "keep-spool", 0, 0, G_OPTION_ARG_NONE, &o.keep_spool,
      N_("Keep the parts and raw results in the run folder's .spool"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = freight_cli_option_context (
    cli, _("load --object NAME --operation OPERATION --file FILE [OPTION…]"),
    _("Loads a CSV file into Salesforce with Bulk API 2.0 jobs: its rows are mapped to "
      "fields, checked against the org (pre-flight), split into jobs of at most 100 MB, "
      "and every row ends in success.csv, failed.csv or unprocessed.csv of a new result "
      "folder, with summary.json. Ctrl+C cancels the load (open jobs are aborted, every "
      "row is written); a second Ctrl+C stops at once, to be resumed."),
    _("Examples:\n"
      "  freight-cli load --object Account --operation insert --file accounts.csv\n"
      "  freight-cli load --object Contact --operation upsert --external-id Email \\\n"
      "      --file contacts.csv --mapping contacts.sdl --exclude-problem-rows --json\n"
      "\n"
      "Exit status: 0 when every row succeeded, 1 when rows failed or were left out,\n"
      "2 on a job-level or usage error."),
    entries);
  status = freight_cli_parse (cli, context, &argc, &argv);
  if (status != FREIGHT_CLI_EXIT_OK)
    return status;
  if (argc > 1)
    return freight_cli_usage (cli, "load", _("Unexpected “%s”; give the file with --file."),
                              argv[1]);
  if (o.object == NULL || o.operation == NULL || o.file == NULL)
    return freight_cli_usage (cli, "load", "%s",
                              _("--object, --operation and --file are needed."));
  if (!freight_operation_from_string (o.operation, &operation))
    return freight_cli_usage (cli, "load", "%s",
                              _("--operation is one of insert, update, upsert, delete, "
                                "hardDelete."));
  if (operation == FREIGHT_OPERATION_UPSERT && o.external_id == NULL)
    return freight_cli_usage (cli, "load", "%s",
                              _("An upsert needs --external-id (a field with an external ID, "
                                "or Id)."));
  if (o.part_size != NULL && (!parse_size (o.part_size, &part_size) || part_size < 1024 ||
                              part_size > FREIGHT_LOAD_MAX_PART_SIZE))
    return freight_cli_usage (cli, "load", "%s", _("--part-size is a size from 1k to 100M."));
  if (o.jobs_in_flight < 0 || o.jobs_in_flight > FREIGHT_LOAD_MAX_JOBS_IN_FLIGHT ||
      o.part_rows < 0)
    return freight_cli_usage (cli, "load", "%s",
                              _("--jobs-in-flight is from 1 to 25, --part-rows a count of "
                                "rows."));
  if ((o.exclude_problem_rows + o.ignore_problems + o.no_preflight) > 1)
    return freight_cli_usage (cli, "load", "%s",
                              _("Choose one of --exclude-problem-rows, --ignore-problems and "
                                "--no-preflight."));

  source = g_file_new_for_commandline_arg (o.file);
  output = g_file_new_for_commandline_arg (o.output_dir != NULL ? o.output_dir : ".");
  if (!source_dialect (&o, source, &dialect, &error) ||
      (header = read_header (source, &dialect, &error)) == NULL)
    return freight_cli_fail (cli, error);
  journal = freight_cli_get_journal (cli, &error);
  if (journal == NULL)
    return freight_cli_fail (cli, error);
  session = freight_cli_connect (cli, NULL, &error);
  if (session == NULL)
    return freight_cli_fail (cli, error);
  mapping = make_mapping (cli, &o, session, operation, (const char * const *) header, &error);
  if (mapping == NULL)
    return freight_cli_fail (cli, error);

  if (!o.no_preflight)
    {
      checked = run_preflight (cli, &o, mapping, source, &dialect, &status, &error);
      if (status != FREIGHT_CLI_EXIT_OK)
        return status;
      if (checked == NULL)
        return freight_cli_fail (cli, error);
    }

  description = freight_load_description_new ();
  freight_load_description_set_session (description, session);
  freight_load_description_set_org_name (description, cli->org_name);
  freight_load_description_set_journal (description, journal);
  freight_load_description_set_object_name (description, o.object);
  freight_load_description_set_operation (description, operation);
  freight_load_description_set_external_id_field (description, o.external_id);
  freight_load_description_set_source_file (description, source);
  freight_load_description_set_source_dialect (description, &dialect);
  freight_load_description_set_mapping (description, mapping);
  freight_load_description_set_preflight_result (description, checked);
  freight_load_description_set_output_dir (description, output);
  freight_load_description_set_part_size (description, part_size);
  freight_load_description_set_part_rows (description, o.part_rows);
  if (o.jobs_in_flight > 0)
    freight_load_description_set_jobs_in_flight (description, o.jobs_in_flight);
  freight_load_description_set_keep_spool (description, o.keep_spool);
  load = freight_load_new (description);
  return run_and_report (cli, load);
}

const FreightCliCommand freight_cli_load_command = {
  "load",
  N_("Load a CSV file into an object"),
  run_load,
};
