/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <glib-unix.h>
#include <unistd.h>

#include "freight-cli-load.h"

/* `freight-cli load`: maps a CSV file (an .sdl mapping, or auto-map by API name, label and
 * loose spelling), checks it against the org's describe data (pre-flight), and runs the
 * load pipeline, with progress on stderr and a summary on stdout. */

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
  char     *instance_url;
  char     *access_token;
  char     *org_name;
  gint64    part_rows;
  int       jobs_in_flight;
  gboolean  exclude_problem_rows;
  gboolean  ignore_problems;
  gboolean  no_preflight;
  gboolean  json;
  gboolean  keep_spool;
} LoadOptions;

static void
load_options_clear (LoadOptions *o)
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
  g_free (o->instance_url);
  g_free (o->access_token);
  g_free (o->org_name);
}

void
_freight_cli_load_print_error (const char   *command,
                               const GError *error)
{
  g_printerr ("freight-cli %s: %s\n", command, error->message);
}

static int
usage_error (const char *message)
{
  g_printerr ("freight-cli load: %s\n", message);
  g_printerr (_("Run “freight-cli load --help” for the options.\n"));
  return FREIGHT_CLI_EXIT_ERROR;
}

/* --- The org --- */

/**
 * _freight_cli_load_session:
 * @instance_url: (nullable): else $FREIGHT_INSTANCE_URL
 * @access_token: (nullable): else $FREIGHT_ACCESS_TOKEN
 *
 * Returns: (transfer full): a connected session on the token
 */
FreightOrgSession *
_freight_cli_load_session (const char  *instance_url,
                           const char  *access_token,
                           GError     **error)
{
  g_autoptr(FreightHttpClient) http = NULL;
  g_autoptr(FreightAuth) auth = NULL;
  g_autoptr(FreightOrgSession) session = NULL;

  if (instance_url == NULL)
    instance_url = g_getenv ("FREIGHT_INSTANCE_URL");
  if (access_token == NULL)
    access_token = g_getenv ("FREIGHT_ACCESS_TOKEN");
  if (instance_url == NULL || access_token == NULL)
    {
      g_set_error_literal (error, FREIGHT_ORG_ERROR, FREIGHT_ORG_ERROR_NOT_SIGNED_IN,
                           _("No org to load into: give --instance-url and --access-token (or "
                             "set FREIGHT_INSTANCE_URL and FREIGHT_ACCESS_TOKEN)."));
      return NULL;
    }
  http = freight_http_client_new (NULL, error);
  if (http == NULL)
    return NULL;
  auth = freight_access_token_auth_sign_in (http, instance_url, access_token, NULL, error);
  if (auth == NULL)
    return NULL;
  session = freight_org_session_new (http, auth);
  if (!freight_org_session_connect (session, NULL, error))
    return NULL;
  return g_steal_pointer (&session);
}

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
print_mapping (FreightMapping *mapping,
               gboolean        automatic)
{
  guint n = freight_mapping_get_n_entries (mapping);

  g_printerr (automatic ? _("Auto-mapped %u columns:\n") : _("Mapped %u columns:\n"), n);
  for (guint i = 0; i < n; i++)
    {
      FreightMappingEntry *entry = freight_mapping_get_entry (mapping, i);
      g_autofree char *source = freight_mapping_entry_describe_source (entry);

      g_printerr ("  %s → %s\n", source, freight_mapping_entry_get_target_path (entry));
    }
}

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
make_mapping (LoadOptions         *o,
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
      print_mapping (mapping, FALSE);
    }
  else
    {
      g_autoptr(GPtrArray) notes = NULL;

      freight_mapping_auto_map (mapping, &notes);
      /* The columns of Freight's own result files are never data. */
      for (guint i = 0; header[i] != NULL; i++)
        if (freight_result_column_is_freight (header[i]))
          freight_mapping_unmap_column (mapping, header[i]);
      print_mapping (mapping, TRUE);
      for (guint i = 0; notes != NULL && i < notes->len; i++)
        {
          g_autofree char *text = freight_problem_to_string (notes->pdata[i]);

          g_printerr ("  %s %s\n", _("note:"), text);
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
run_preflight (LoadOptions              *o,
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
  freight_preflight_run_async (preflight, NULL, preflight_done, &result);
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
      g_printerr (_("%s rows with problems are left out; they will be in unprocessed.csv "
                    "with the reason.\n"), n_rows);
      return g_steal_pointer (&checked);
    }
  if (o->ignore_problems)
    {
      g_printerr (_("%s rows with problems are sent anyway; Salesforce will say what it "
                    "rejects.\n"), n_rows);
      return g_steal_pointer (&checked);
    }
  g_printerr (_("%s rows have problems. Fix them in the file, or run again with "
                "--exclude-problem-rows (leave them out; they go to unprocessed.csv) or "
                "--ignore-problems (send them anyway).\n"), n_rows);
  *status = FREIGHT_CLI_EXIT_ERROR;
  return NULL;
}

/* --- Progress --- */

typedef struct
{
  FreightLoad *load;
  gboolean     tty;
  gint64       last_line;
  GHashTable  *job_states;   /* part → last state printed */
} Progress;

/* Numbers go into messages as text: xgettext cannot read G_GUINT64_FORMAT. */
static char *
count (guint64 n)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

static void
print_bar (Progress *p)
{
  FreightLoad *load = p->load;
  double fraction = freight_load_get_fraction (load);
  double estimate = freight_load_get_estimate (load);
  guint filled = (guint) (fraction * 24 + 0.5);
  g_autofree char *prepared = count (freight_load_get_rows_prepared (load));
  g_autofree char *processed = count (freight_load_get_rows_processed (load));
  g_autofree char *failed = count (freight_load_get_rows_failed (load));
  g_autofree char *eta = NULL;
  char bar[25];

  for (guint i = 0; i < 24; i++)
    bar[i] = i < filled ? '#' : '.';
  bar[24] = '\0';
  if (estimate >= 0)
    eta = g_strdup_printf (_("  %d:%02d left"), (int) estimate / 60, (int) estimate % 60);
  /* Carriage return and "erase line": the bar redraws itself in place. */
  g_printerr ("\r\033[K[%s] %3.0f%%  ", bar, fraction * 100);
  g_printerr (_("prepared %s  processed %s  failed %s"), prepared, processed, failed);
  g_printerr ("%s", eta != NULL ? eta : "");
}

static void
print_line (Progress *p)
{
  FreightLoad *load = p->load;
  g_autofree char *prepared = count (freight_load_get_rows_prepared (load));
  g_autofree char *uploaded = count (freight_load_get_rows_uploaded (load));
  g_autofree char *processed = count (freight_load_get_rows_processed (load));
  g_autofree char *failed = count (freight_load_get_rows_failed (load));

  g_printerr (_("%3.0f%%: %s rows prepared, %s uploaded, %s processed, %s failed\n"),
              freight_load_get_fraction (load) * 100, prepared, uploaded, processed, failed);
}

static void
clear_bar (Progress *p)
{
  if (p->tty)
    g_printerr ("\r\033[K");
}

static void
print_job_changes (Progress *p)
{
  GListModel *jobs = freight_load_get_jobs (p->load);

  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(FreightLoadJob) job = g_list_model_get_item (jobs, i);
      FreightLoadJobState state = freight_load_job_get_state (job);
      gpointer key = GUINT_TO_POINTER (freight_load_job_get_part (job));
      const char *job_id = freight_load_job_get_job_id (job);
      const char *message = freight_load_job_get_error_message (job);
      g_autofree char *rows = count (freight_load_job_get_rows (job));
      gpointer old;

      if (g_hash_table_lookup_extended (p->job_states, key, NULL, &old) &&
          GPOINTER_TO_INT (old) == (int) state)
        continue;
      g_hash_table_insert (p->job_states, key, GINT_TO_POINTER (state));
      /* A line when a job is running and when the part is done. */
      if (state != FREIGHT_LOAD_JOB_STATE_QUEUED && !freight_load_job_state_is_done (state))
        continue;
      clear_bar (p);
      if (job_id != NULL)
        g_printerr (_("Part %u (%s rows), job %s: %s\n"), freight_load_job_get_part (job), rows,
                    job_id, freight_load_job_state_get_display_name (state));
      else
        g_printerr (_("Part %u (%s rows): %s\n"), freight_load_job_get_part (job), rows,
                    freight_load_job_state_get_display_name (state));
      if (message != NULL && freight_load_job_state_is_done (state))
        g_printerr ("  %s\n", message);
    }
}

static void
on_progress (FreightLoad *load,
             GParamSpec  *pspec,
             Progress    *p)
{
  gint64 now = g_get_monotonic_time ();

  print_job_changes (p);
  if (p->tty)
    print_bar (p);
  else if (now - p->last_line >= 5 * G_USEC_PER_SEC)
    {
      p->last_line = now;
      print_line (p);
    }
}

static void
on_diagnostic (GListModel *diagnostics,
               guint       position,
               guint       removed,
               guint       added,
               Progress   *p)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(FreightLoadDiagnostic) diagnostic = g_list_model_get_item (diagnostics, i);

      clear_bar (p);
      g_printerr ("%s %s\n", freight_load_diagnostic_get_severity (diagnostic) ==
                                FREIGHT_PROBLEM_ERROR ? _("error:") : _("warning:"),
                  freight_load_diagnostic_get_message (diagnostic));
    }
}

/* --- Running and the summary --- */

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
on_signal (gpointer data)
{
  FreightLoad *load = data;

  /* The first Ctrl+C cancels the load (its rows are still written); a second one stops
   * at once, and `freight-cli resume` goes on later. */
  if (freight_load_get_state (load) == FREIGHT_LOAD_STATE_CANCELLING)
    {
      g_cancellable_cancel (g_object_get_data (G_OBJECT (load), "freight-cli-stop"));
      return G_SOURCE_REMOVE;
    }
  g_printerr (_("\nCancelling: open jobs are aborted and every row is still written "
                "(Ctrl+C again stops at once; resume later).\n"));
  freight_load_cancel (load);
  return G_SOURCE_CONTINUE;
}

static void
print_summary (FreightLoad *load,
               gboolean     json)
{
  g_autoptr(JsonNode) summary = freight_load_dup_summary (load);
  GFile *dir = freight_load_get_run_dir (load);
  g_autofree char *path = dir != NULL ? g_file_get_path (dir) : NULL;
  g_autofree char *succeeded = count (freight_load_get_rows_succeeded (load));
  g_autofree char *failed = count (freight_load_get_rows_failed (load));
  g_autofree char *unprocessed = count (freight_load_get_rows_unprocessed (load));
  g_autofree char *ambiguous = count (freight_load_get_n_ambiguous (load));

  if (json && summary != NULL)
    {
      g_autofree char *text = json_to_string (summary, TRUE);

      g_print ("%s\n", text);
      return;
    }
  if (json)
    return;
  g_print (_("Load %s: %s succeeded, %s failed, %s unprocessed\n"),
           freight_load_get_run_id (load), succeeded, failed, unprocessed);
  if (freight_load_get_n_ambiguous (load) > 0)
    g_print (_("%s results were matched among rows that sent the same values "
               "(interchangeable rows)\n"), ambiguous);
  if (path != NULL)
    g_print (_("Results: %s\n"), path);
}

/**
 * _freight_cli_load_run:
 *
 * Runs a load (new or resumed) with progress on stderr and the summary on stdout.
 *
 * Returns: the exit status
 */
int
_freight_cli_load_run (FreightLoad *load,
                       gboolean     json)
{
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) job_states = g_hash_table_new (NULL, NULL);
  Progress progress = { load, isatty (STDERR_FILENO), 0, job_states };
  guint sigint_id, sigterm_id;
  gboolean ok;

  g_object_set_data (G_OBJECT (load), "freight-cli-stop", stop);
  g_signal_connect (load, "notify", G_CALLBACK (on_progress), &progress);
  g_signal_connect (freight_load_get_diagnostics (load), "items-changed",
                    G_CALLBACK (on_diagnostic), &progress);
  sigint_id = g_unix_signal_add (SIGINT, on_signal, load);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, load);

  freight_load_run_async (load, stop, load_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ok = freight_load_run_finish (load, result, &error);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_signal_handlers_disconnect_by_data (load, &progress);
  g_signal_handlers_disconnect_by_data (freight_load_get_diagnostics (load), &progress);
  clear_bar (&progress);

  if (!ok)
    {
      _freight_cli_load_print_error ("load", error);
      if (freight_load_get_run_id (load) != NULL)
        g_printerr (_("Resume it with: freight-cli resume %s\n"), freight_load_get_run_id (load));
      return FREIGHT_CLI_EXIT_ERROR;
    }
  print_summary (load, json);
  if (freight_load_get_state (load) == FREIGHT_LOAD_STATE_CANCELLED ||
      freight_load_get_n_jobs_failed (load) > 0)
    return FREIGHT_CLI_EXIT_ERROR;
  if (freight_load_get_rows_failed (load) > 0 || freight_load_get_rows_unprocessed (load) > 0)
    return FREIGHT_CLI_EXIT_ROWS_FAILED;
  return FREIGHT_CLI_EXIT_OK;
}

/* --- freight-cli load --- */

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
source_dialect (LoadOptions        *o,
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
  g_autoptr(FreightCsvReader) reader = freight_csv_reader_new_for_file (source, dialect,
                                                                        FREIGHT_CSV_READER_FLAGS_NONE,
                                                                        NULL, error);

  if (reader == NULL || !freight_csv_reader_read_header (reader, NULL, error))
    return NULL;
  return g_strdupv ((char **) freight_csv_reader_get_column_names (reader));
}

static int
run_load (LoadOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightOrgSession) session = NULL;
  g_autoptr(FreightMapping) mapping = NULL;
  g_autoptr(FreightPreflightResult) checked = NULL;
  g_autoptr(FreightLoadDescription) description = NULL;
  g_autoptr(FreightLoad) load = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) output = NULL;
  g_auto(GStrv) header = NULL;
  FreightCsvDialect dialect;
  FreightOperation operation;
  guint64 part_size = FREIGHT_LOAD_DEFAULT_PART_SIZE;
  int status;

  if (o->object == NULL || o->operation == NULL || o->file == NULL)
    return usage_error (_("--object, --operation and --file are needed."));
  if (!freight_operation_from_string (o->operation, &operation))
    return usage_error (_("--operation is one of insert, update, upsert, delete, hardDelete."));
  if (operation == FREIGHT_OPERATION_UPSERT && o->external_id == NULL)
    return usage_error (_("An upsert needs --external-id (a field with an external ID, or Id)."));
  if (o->part_size != NULL && (!parse_size (o->part_size, &part_size) || part_size < 1024 ||
                               part_size > FREIGHT_LOAD_MAX_PART_SIZE))
    return usage_error (_("--part-size is a size from 1k to 100M."));
  if (o->jobs_in_flight < 0 || o->jobs_in_flight > FREIGHT_LOAD_MAX_JOBS_IN_FLIGHT ||
      o->part_rows < 0)
    return usage_error (_("--jobs-in-flight is from 1 to 25, --part-rows a count of rows."));
  if ((o->exclude_problem_rows + o->ignore_problems + o->no_preflight) > 1)
    return usage_error (_("Choose one of --exclude-problem-rows, --ignore-problems and "
                          "--no-preflight."));

  source = g_file_new_for_commandline_arg (o->file);
  output = g_file_new_for_commandline_arg (o->output_dir != NULL ? o->output_dir : ".");
  if (!source_dialect (o, source, &dialect, &error) ||
      (header = read_header (source, &dialect, &error)) == NULL)
    goto failed;

  session = _freight_cli_load_session (o->instance_url, o->access_token, &error);
  if (session == NULL)
    goto failed;
  mapping = make_mapping (o, session, operation, (const char * const *) header, &error);
  if (mapping == NULL)
    goto failed;

  if (!o->no_preflight)
    {
      checked = run_preflight (o, mapping, source, &dialect, &status, &error);
      if (status != FREIGHT_CLI_EXIT_OK)
        return status;
      if (checked == NULL)
        goto failed;
    }

  description = freight_load_description_new ();
  freight_load_description_set_session (description, session);
  freight_load_description_set_org_name (description, o->org_name);
  freight_load_description_set_object_name (description, o->object);
  freight_load_description_set_operation (description, operation);
  freight_load_description_set_external_id_field (description, o->external_id);
  freight_load_description_set_source_file (description, source);
  freight_load_description_set_source_dialect (description, &dialect);
  freight_load_description_set_mapping (description, mapping);
  freight_load_description_set_preflight_result (description, checked);
  freight_load_description_set_output_dir (description, output);
  freight_load_description_set_part_size (description, part_size);
  freight_load_description_set_part_rows (description, o->part_rows);
  if (o->jobs_in_flight > 0)
    freight_load_description_set_jobs_in_flight (description, o->jobs_in_flight);
  freight_load_description_set_keep_spool (description, o->keep_spool);
  load = freight_load_new (description);
  return _freight_cli_load_run (load, o->json);

failed:
  _freight_cli_load_print_error ("load", error);
  return FREIGHT_CLI_EXIT_ERROR;
}

/**
 * freight_cli_load:
 *
 * `freight-cli load`; @argv[0] is "load".
 */
int
freight_cli_load (int    argc,
                  char **argv)
{
  LoadOptions o = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  GOptionEntry entries[] = {
    { "object", 0, 0, G_OPTION_ARG_STRING, &o.object,
      N_("The object to load into (API name: Account, Invoice__c…)"), N_("NAME") },
    { "operation", 0, 0, G_OPTION_ARG_STRING, &o.operation,
      N_("insert, update, upsert, delete or hardDelete"), N_("OPERATION") },
    { "external-id", 0, 0, G_OPTION_ARG_STRING, &o.external_id,
      N_("The upsert's key field (an external ID field, or Id)"), N_("FIELD") },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &o.file,
      N_("The CSV file to load (its encoding and delimiter are detected)"), N_("FILE") },
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &o.mapping,
      N_("A Data Loader .sdl mapping (default: map columns by name)"), N_("FILE") },
    { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &o.output_dir,
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
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json,
      N_("Print the summary as JSON on stdout"), NULL },
    { "keep-spool", 0, 0, G_OPTION_ARG_NONE, &o.keep_spool,
      N_("Keep the parts and raw results in the run folder's .spool"), NULL },
    { "instance-url", 0, 0, G_OPTION_ARG_STRING, &o.instance_url,
      N_("The org's URL (or FREIGHT_INSTANCE_URL)"), N_("URL") },
    { "access-token", 0, 0, G_OPTION_ARG_STRING, &o.access_token,
      N_("An access token (or FREIGHT_ACCESS_TOKEN)"), N_("TOKEN") },
    { NULL }
  };

  g_set_prgname ("freight-cli load");
  context = g_option_context_new (_("- load a CSV file into Salesforce"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Examples:\n"
      "  freight-cli load --object Account --operation insert --file accounts.csv\n"
      "  freight-cli load --object Contact --operation upsert --external-id Email \\\n"
      "      --file contacts.csv --mapping contacts.sdl --exclude-problem-rows --json\n"
      "\n"
      "Exit status: 0 when every row succeeded, 1 when rows failed or were left out,\n"
      "2 on a job-level or usage error. An interrupted load goes on with\n"
      "“freight-cli resume NUMBER”."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      status = usage_error (error->message);
      load_options_clear (&o);
      return status;
    }
  if (argc > 1)
    {
      load_options_clear (&o);
      return usage_error (_("Unexpected arguments; give the file with --file."));
    }
  status = run_load (&o);
  load_options_clear (&o);
  return status;
}
