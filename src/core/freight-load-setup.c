/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-load"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "freight-csv-reader.h"
#include "freight-csv-writer.h"
#include "freight-describe-object.h"
#include "freight-exclusion-cursor.h"
#include "freight-journal.h"
#include "freight-load-private.h"
#include "freight-org-session.h"

/* Setting a run up: a new one from a description (the parts that must happen on the main
 * context, where the mapping and the pre-flight result live, then the rest on the worker:
 * folders, the journal row, the exclusions, the result files), or an unfinished one from
 * the journal. */

FreightLoadRun *
_freight_load_run_new (FreightLoad *load)
{
  FreightLoadRun *run = g_new0 (FreightLoadRun, 1);

  run->claim = -1;
  run->load = load;
  run->main_context = g_main_context_ref_thread_default ();
  run->parts = g_ptr_array_new ();
  run->events = g_async_queue_new ();
  run->next_write = 1;
  g_mutex_init (&run->prep_lock);
  g_cond_init (&run->prep_cond);
  g_mutex_init (&run->lock);
  run->snapshot.jobs = g_array_new (FALSE, TRUE, sizeof (FreightJobStatus));
  g_array_set_clear_func (run->snapshot.jobs, (GDestroyNotify) _freight_job_status_clear);
  run->snapshot.diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  run->snapshot.state = FREIGHT_LOAD_STATE_RUNNING;
  return run;
}

static void
part_free (FreightLoadPart *part)
{
  _freight_part_record_free (part->rec);
  g_clear_object (&part->cancellable);
  g_clear_object (&part->result);
  g_free (part);
}

void
_freight_load_run_free (FreightLoadRun *run)
{
  if (run == NULL)
    return;
  g_main_context_unref (run->main_context);
  freight_journal_release_run (run->claim);
  g_clear_object (&run->session);
  g_clear_object (&run->client);
  g_clear_object (&run->journal);
  g_clear_pointer (&run->record, _freight_run_record_free);
  g_clear_pointer (&run->plan, freight_mapping_plan_unref);
  g_free (run->kinds);
  g_clear_object (&run->source);
  g_clear_object (&run->run_dir);
  g_clear_object (&run->spool_dir);
  g_clear_object (&run->exclusions);
  g_clear_object (&run->output_parent);
  g_clear_pointer (&run->exclusion_cursor, freight_exclusion_cursor_unref);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->stop);
  g_ptr_array_foreach (run->parts, (GFunc) part_free, NULL);
  g_ptr_array_unref (run->parts);
  g_async_queue_unref (run->events);
  g_clear_object (&run->output);
  g_clear_error (&run->error);
  g_clear_pointer (&run->preparer, _freight_preparer_free);
  g_mutex_clear (&run->prep_lock);
  g_cond_clear (&run->prep_cond);
  g_mutex_clear (&run->lock);
  g_array_unref (run->snapshot.jobs);
  g_ptr_array_unref (run->snapshot.diagnostics);
  g_free (run->snapshot.run_id);
  g_clear_object (&run->snapshot.run_dir);
  g_free (run);
}

/* How the values of each part column compare with their echo in the results. */
static void
set_kinds_from_plan (FreightLoadRun     *run,
                     FreightMappingPlan *plan)
{
  g_autoptr(GString) names = g_string_new (NULL);

  run->n_kinds = freight_mapping_plan_get_n_outputs (plan);
  run->kinds = g_new0 (FreightReconcileKind, MAX (run->n_kinds, 1));
  for (guint i = 0; i < run->n_kinds; i++)
    {
      FreightDescribeField *field = freight_mapping_plan_get_output_value_field (plan, i);

      run->kinds[i] = freight_reconcile_kind_for_field_type (
        freight_describe_field_get_type_name (field));
      g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                              freight_reconcile_kind_to_string (run->kinds[i]));
    }
  g_free (run->record->column_kinds);
  run->record->column_kinds = g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
set_kinds_from_record (FreightLoadRun  *run,
                       GError         **error)
{
  g_auto(GStrv) names = g_strsplit (run->record->column_kinds, ",", -1);

  run->n_kinds = *run->record->column_kinds != '\0' ? g_strv_length (names) : 0;
  run->kinds = g_new0 (FreightReconcileKind, MAX (run->n_kinds, 1));
  for (guint i = 0; i < run->n_kinds; i++)
    if (!freight_reconcile_kind_from_string (names[i], &run->kinds[i]))
      {
        g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_JOURNAL,
                     _("The journal’s record of load %s is damaged (column kinds); it "
                       "cannot be resumed"), run->snapshot.run_id);
        return FALSE;
      }
  return TRUE;
}

static char *
strv_to_json (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/**
 * _freight_load_setup_new:
 *
 * The main context's part of starting a new run: checks the description and copies what
 * the worker needs (the compiled mapping, the mapping's JSON, the exclusions).
 */
gboolean
_freight_load_setup_new (FreightLoadRun          *run,
                         FreightLoadDescription  *description,
                         GError                 **error)
{
  FreightMapping *mapping = freight_load_description_get_mapping (description);
  FreightPreflightResult *preflight;
  const char * const *columns;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) mapping_json = NULL;
  FreightJournal *journal = freight_load_description_get_journal (description);
  FreightRunRecord *record;

  if (!freight_load_description_validate (description, error))
    return FALSE;
  columns = freight_mapping_get_source_columns (mapping);
  if (columns == NULL)
    {
      g_set_error_literal (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_INVALID,
                           _("The mapping does not know the file’s columns. Choose the file "
                             "again before mapping it."));
      return FALSE;
    }
  run->plan = freight_mapping_plan_new (mapping, columns, error);
  if (run->plan == NULL)
    return FALSE;

  preflight = freight_load_description_get_preflight_result (description);
  if (preflight != NULL)
    {
      run->exclusion_cursor = freight_preflight_result_open_exclusions (preflight, error);
      if (run->exclusion_cursor == NULL)
        return FALSE;
    }

  run->session = g_object_ref (freight_load_description_get_session (description));
  run->source = g_object_ref (freight_load_description_get_source_file (description));
  run->output_parent = g_object_ref (freight_load_description_get_output_dir (description));
  run->started = g_get_monotonic_time ();

  record = run->record = _freight_run_record_new ();
  record->state = FREIGHT_LOAD_STATE_RUNNING;
  record->created_at = g_get_real_time ();
  record->org_name = g_strdup (freight_load_description_get_org_name (description));
  record->object = g_strdup (freight_load_description_get_object_name (description));
  record->operation = g_strdup (freight_operation_to_string (
                                  freight_load_description_get_operation (description)));
  if (freight_load_description_get_operation (description) == FREIGHT_OPERATION_UPSERT)
    record->external_id = g_strdup (freight_load_description_get_external_id_field (description));
  record->source_path = g_file_get_path (run->source);
  freight_load_description_get_source_dialect (description, &record->dialect);
  record->flags = freight_load_description_get_source_flags (description);
  mapping_json = freight_mapping_to_json (mapping);
  json_generator_set_root (generator, mapping_json);
  record->mapping = json_generator_to_data (generator, NULL);
  record->header = strv_to_json (freight_mapping_plan_get_header (run->plan));
  set_kinds_from_plan (run, run->plan);
  record->job_delimiter = freight_load_description_get_column_delimiter (description);
  record->job_line_ending = freight_load_description_get_line_ending (description);
  record->part_size = freight_load_description_get_part_size (description);
  record->part_rows = freight_load_description_get_part_rows (description);
  record->jobs_in_flight = freight_load_description_get_jobs_in_flight (description);
  record->poll_interval = freight_load_description_get_poll_interval (description);
  record->max_poll_interval = freight_load_description_get_max_poll_interval (description);
  record->keep_spool = freight_load_description_get_keep_spool (description);
  if (journal != NULL)
    run->journal = g_object_ref (journal);

  if (record->source_path == NULL)
    {
      g_set_error_literal (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_INVALID,
                           _("The CSV file must be a local file. Copy it to this computer "
                             "first."));
      return FALSE;
    }
  return TRUE;
}

/**
 * _freight_load_setup_resume:
 *
 * The main context's part of resuming: only the id; the journal is read on the worker.
 */
gboolean
_freight_load_setup_resume (FreightLoadRun  *run,
                            gint64           run_id,
                            FreightJournal  *journal,
                            GError         **error)
{
  run->resume_id = run_id;
  if (journal != NULL)
    run->journal = g_object_ref (journal);
  run->resumed = TRUE;
  run->started = g_get_monotonic_time ();
  run->snapshot.run_id = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);
  return TRUE;
}

static gboolean
open_journal (FreightLoadRun  *run,
              GError         **error)
{
  if (run->journal == NULL)
    run->journal = freight_journal_open (NULL, error);
  return run->journal != NULL;
}

/* --- On the worker --- */

/* `accounts_2024-03-01_10-00-00`, or with `-2`, `-3`… if that exists. */
static GFile *
make_run_dir (GFile         *parent,
              GFile         *source,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *base = g_file_get_basename (source);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d_%H-%M-%S");
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  if (!g_file_make_directory_with_parents (parent, cancellable, NULL) &&
      !g_file_query_exists (parent, cancellable))
    {
      g_autofree char *path = g_file_get_path (parent);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The results folder “%s” cannot be made. Choose another folder."), path);
      return NULL;
    }
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s_%s", base, stamp)
                                     : g_strdup_printf ("%s_%s-%u", base, stamp, n);
      g_autoptr(GFile) dir = g_file_get_child (parent, name);
      g_autoptr(GError) local = NULL;

      if (g_file_make_directory (dir, cancellable, &local))
        return g_steal_pointer (&dir);
      if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("Too many result folders for this file and time. Choose another "
                         "results folder."));
  return NULL;
}

/* Copies the pre-flight exclusions into the spool, where a resumed run finds them. */
static gboolean
write_exclusions (FreightLoadRun  *run,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(FreightCsvWriter) writer = NULL;
  const char *header[] = { "Freight Row", "Freight Reason" };
  guint64 row;
  const char *reason;
  gboolean any = FALSE;

  if (run->exclusion_cursor == NULL)
    return TRUE;
  run->exclusions = g_file_get_child (run->spool_dir, "exclusions.csv");
  out = g_file_replace (run->exclusions, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return FALSE;
  writer = freight_csv_writer_new (G_OUTPUT_STREAM (out), ',', FREIGHT_CSV_LINE_ENDING_LF,
                                   FREIGHT_CSV_QUOTE_WHEN_NEEDED);
  if (!freight_csv_writer_write_row (writer, header, 2, cancellable, error))
    return FALSE;
  for (;;)
    {
      char number[24];
      g_autoptr(GError) local = NULL;

      if (!freight_exclusion_cursor_next (run->exclusion_cursor, &row, &reason, &local))
        {
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          break;
        }
      any = TRUE;
      g_snprintf (number, sizeof number, "%" G_GUINT64_FORMAT, row);
      freight_csv_writer_add_field (writer, number, -1);
      freight_csv_writer_add_field (writer, reason, -1);
      if (!freight_csv_writer_end_row (writer, cancellable, error))
        return FALSE;
    }
  if (!freight_csv_writer_flush (writer, cancellable, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    return FALSE;
  if (!any)
    g_clear_object (&run->exclusions);
  return TRUE;
}

static gboolean
stat_source (GFile         *source,
             guint64       *size,
             guint64       *mtime,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (source, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return FALSE;
  *size = g_file_info_get_size (info);
  *mtime = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC
           + g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  return TRUE;
}

static gboolean
connect_session (FreightLoadRun  *run,
                 GCancellable    *cancellable,
                 GError         **error)
{
  if (!freight_org_session_connect (run->session, cancellable, error))
    return FALSE;
  run->client = freight_bulk_client_new (run->session);
  return TRUE;
}

static gboolean
setup_new_worker (FreightLoadRun  *run,
                  GCancellable    *cancellable,
                  GError         **error)
{
  FreightRunRecord *record = run->record;

  if (!connect_session (run, cancellable, error))
    return FALSE;
  record->org_id = freight_org_session_dup_org_id (run->session);
  record->user_id = freight_org_session_dup_user_id (run->session);
  record->instance_url = freight_org_session_dup_instance_url (run->session);
  if (!stat_source (run->source, &record->source_size, &record->source_mtime, cancellable,
                    error))
    return FALSE;

  if (!open_journal (run, error))
    return FALSE;
  run->run_dir = make_run_dir (run->output_parent, run->source, cancellable, error);
  if (run->run_dir == NULL)
    return FALSE;
  run->spool_dir = g_file_get_child (run->run_dir, ".spool");
  if (!g_file_make_directory (run->spool_dir, cancellable, error) ||
      !write_exclusions (run, cancellable, error))
    return FALSE;
  record->run_dir = g_file_get_path (run->run_dir);
  record->spool_dir = g_file_get_path (run->spool_dir);
  if (!_freight_load_journal_create_run (run->journal, record, error))
    return FALSE;
  run->claim = freight_journal_claim_run (run->journal, record->id, error);
  if (run->claim < 0)
    return FALSE;
  g_mutex_lock (&run->lock);
  run->snapshot.run_id = g_strdup_printf ("%" G_GINT64_FORMAT, record->id);
  g_mutex_unlock (&run->lock);

  run->output = freight_reconcile_output_new (run->run_dir, run->source, &record->dialect,
                                              record->flags, NULL, cancellable, error);
  return run->output != NULL;
}

static FreightDescribeObject *
describe (FreightLoadRun  *run,
          const char      *name,
          GCancellable    *cancellable,
          GError         **error)
{
  g_autoptr(JsonObject) json = freight_org_session_describe_sobject (run->session, name,
                                                                     cancellable, error);

  if (json == NULL)
    return NULL;
  return freight_describe_object_new_from_json (json, error);
}

/**
 * _freight_load_setup_plan:
 *
 * For a resumed run whose parts are not all prepared: compiles its mapping again, from
 * the journal's JSON, the org's describe and the source's header.
 */
gboolean
_freight_load_setup_plan (FreightLoadRun  *run,
                          GError         **error)
{
  g_autoptr(FreightMapping) mapping = freight_mapping_new ();
  g_autoptr(FreightDescribeObject) object = NULL;
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) missing = NULL;
  g_autofree char *header = NULL;
  const char * const *columns;

  object = describe (run, run->record->object, run->cancellable, error);
  if (object == NULL)
    return FALSE;
  freight_mapping_set_object (mapping, object);
  if (!json_parser_load_from_data (parser, run->record->mapping, -1, error) ||
      !freight_mapping_load_json (mapping, json_parser_get_root (parser), error))
    return FALSE;
  missing = freight_mapping_dup_missing_related_objects (mapping);
  for (guint i = 0; missing != NULL && missing[i] != NULL; i++)
    {
      g_autoptr(FreightDescribeObject) related = describe (run, missing[i], run->cancellable,
                                                           error);

      if (related == NULL)
        return FALSE;
      freight_mapping_add_related_object (mapping, related);
    }

  reader = freight_csv_reader_new_for_file (run->source, &run->record->dialect,
                                            run->record->flags, run->cancellable, error);
  if (reader == NULL || !freight_csv_reader_read_header (reader, run->cancellable, error))
    return FALSE;
  columns = freight_csv_reader_get_column_names (reader);
  freight_mapping_set_source_columns (mapping, columns);
  run->plan = freight_mapping_plan_new (mapping, columns, error);
  if (run->plan == NULL)
    return FALSE;

  header = strv_to_json (freight_mapping_plan_get_header (run->plan));
  if (g_strcmp0 (header, run->record->header) != 0)
    {
      g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_SOURCE_CHANGED,
                   _("The mapping of load %s no longer gives the columns its first parts "
                     "were sent with (the org’s fields changed); it cannot be resumed."),
                   run->snapshot.run_id);
      return FALSE;
    }
  return TRUE;
}

/* A resumed run's history says where it went on from. */
static void
add_continued_event (FreightLoadRun *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_written = 0;

  for (guint i = 0; i < run->parts->len; i++)
    {
      FreightLoadPart *part = g_ptr_array_index (run->parts, i);

      n_written += part->rec->step == FREIGHT_PART_STEP_WRITTEN;
    }
  if (run->all_prepared)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Continued with %u of %u part written.",
                                            "Continued with %u of %u parts written.",
                                            run->parts->len),
                               n_written, run->parts->len);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Continued with %u part written; more of the "
                                            "file is still to be prepared.",
                                            "Continued with %u parts written; more of the "
                                            "file is still to be prepared.",
                                            n_written),
                               n_written);
  if (!freight_journal_add_event (run->journal, run->record->id, "info", message, &error))
    g_debug ("Could not record that load %s continued: %s", run->snapshot.run_id,
             error->message);
}

static gboolean
setup_resume_worker (FreightLoadRun  *run,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *org_id = NULL;
  FreightRunRecord *record;
  guint64 size, mtime;

  if (!open_journal (run, error))
    return FALSE;
  /* Not beside another process (or load object) that goes on with it already. */
  run->claim = freight_journal_claim_run (run->journal, run->resume_id, error);
  if (run->claim < 0)
    return FALSE;
  record = run->record = _freight_load_journal_load_run (run->journal, run->resume_id, &parts,
                                                         error);
  if (record == NULL)
    return FALSE;
  if (record->state == FREIGHT_LOAD_STATE_FINISHED ||
      record->state == FREIGHT_LOAD_STATE_CANCELLED)
    {
      g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_NOT_RESUMABLE,
                   _("Load %s is over already; its results are in “%s”."),
                   run->snapshot.run_id, record->run_dir);
      return FALSE;
    }

  if (!connect_session (run, cancellable, error))
    return FALSE;
  org_id = freight_org_session_dup_org_id (run->session);
  if (record->org_id != NULL && org_id != NULL && g_strcmp0 (org_id, record->org_id) != 0)
    {
      g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_NOT_RESUMABLE,
                   _("Load %s loads into another org (%s) than the one signed in. Sign in to "
                     "that org to resume it."), run->snapshot.run_id, record->instance_url);
      return FALSE;
    }

  run->source = g_file_new_for_path (record->source_path);
  if (!stat_source (run->source, &size, &mtime, cancellable, error))
    {
      g_prefix_error (error, _("Load %s cannot be resumed without its source file: "),
                      run->snapshot.run_id);
      return FALSE;
    }
  if (size != record->source_size || mtime != record->source_mtime)
    {
      g_set_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_SOURCE_CHANGED,
                   _("“%s” changed since load %s started; the results could not be matched "
                     "to its rows. Restore the original file to resume the load."),
                   record->source_path, run->snapshot.run_id);
      return FALSE;
    }
  run->run_dir = g_file_new_for_path (record->run_dir);
  run->spool_dir = g_file_new_for_path (record->spool_dir);
  run->exclusions = g_file_get_child (run->spool_dir, "exclusions.csv");
  if (!g_file_query_exists (run->exclusions, cancellable))
    g_clear_object (&run->exclusions);
  if (!set_kinds_from_record (run, error))
    return FALSE;

  for (guint i = 0; i < parts->len; i++)
    {
      FreightLoadPart *part = g_new0 (FreightLoadPart, 1);

      part->rec = g_steal_pointer (&parts->pdata[i]);
      part->state = _freight_load_part_ui_state (part->rec);
      g_ptr_array_add (run->parts, part);
      if (part->rec->step == FREIGHT_PART_STEP_WRITTEN
          && run->next_write == part->rec->info.number)
        run->next_write++;
    }
  run->all_prepared = record->all_prepared;
  if (!run->all_prepared && !_freight_load_setup_plan (run, error))
    return FALSE;

  /* A load resumed while it was being cancelled finishes the cancel. */
  run->cancelling = record->state == FREIGHT_LOAD_STATE_CANCELLING;
  if (!run->cancelling)
    record->state = FREIGHT_LOAD_STATE_RUNNING;
  g_clear_pointer (&record->error, g_free);
  if (!_freight_load_journal_save_run (run->journal, record, error))
    return FALSE;
  add_continued_event (run);
  run->output = freight_reconcile_output_new (run->run_dir, run->source, &record->dialect,
                                              record->flags,
                                              record->has_output_state
                                                ? &record->output_state : NULL,
                                              cancellable, error);
  return run->output != NULL;
}

/**
 * _freight_load_setup_worker:
 *
 * The worker's part of starting or resuming a run; blocks.
 */
gboolean
_freight_load_setup_worker (FreightLoadRun  *run,
                            GError         **error)
{
  gboolean ok;

  run->stop = g_cancellable_new ();
  ok = run->resumed ? setup_resume_worker (run, run->cancellable, error)
                    : setup_new_worker (run, run->cancellable, error);
  g_mutex_lock (&run->lock);
  if (run->record != NULL && run->run_dir != NULL)
    {
      run->snapshot.run_dir = g_object_ref (run->run_dir);
    }
  if (!ok)
    run->snapshot.state = g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                            ? FREIGHT_LOAD_STATE_INTERRUPTED : FREIGHT_LOAD_STATE_FAILED;
  g_mutex_unlock (&run->lock);
  _freight_load_publish (run, TRUE);
  return ok;
}

static void
remove_tree (GFile *dir)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL &&
         g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    g_file_delete (child, NULL, NULL);
  g_file_delete (dir, NULL, NULL);
}

/**
 * _freight_load_remove_spool:
 *
 * Deletes the spool folder of a run that is over (unless it is to be kept).
 */
void
_freight_load_remove_spool (FreightLoadRun *run)
{
  if (run->record->keep_spool || run->spool_dir == NULL)
    return;
  remove_tree (run->spool_dir);
}
