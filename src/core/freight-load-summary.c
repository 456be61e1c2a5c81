/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-load"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-csv-dialect.h"
#include "freight-load-private.h"

/* summary.json (design.md §2): the org, the object and operation, the source, the mapping,
 * every job with its counts and times, the counts of the result files, the ambiguous joins,
 * the blank lines skipped and the timings. `freight-cli load --json` prints the same. */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       usec)
{
  g_autoptr(GDateTime) seconds = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *text = NULL;

  json_builder_set_member_name (builder, name);
  if (usec <= 0)
    {
      json_builder_add_null_value (builder);
      return;
    }
  seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  time = g_date_time_add (seconds, usec % G_USEC_PER_SEC);
  text = g_date_time_format_iso8601 (time);
  json_builder_add_string_value (builder, text);
}

static void
add_file (JsonBuilder *builder,
          const char  *name,
          GFile       *dir,
          const char  *file_name)
{
  g_autoptr(GFile) file = g_file_get_child (dir, file_name);
  g_autofree char *path = g_file_get_path (file);

  add_string (builder, name, g_file_query_exists (file, NULL) ? path : NULL);
}

static void
add_jobs (JsonBuilder    *builder,
          FreightLoadRun *run)
{
  g_autoptr(GPtrArray) all_jobs = _freight_load_journal_list_jobs (run->journal,
                                                                    run->record->id, NULL);

  json_builder_set_member_name (builder, "jobs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < run->parts->len; i++)
    {
      FreightLoadPart *part = g_ptr_array_index (run->parts, i);
      FreightPartRecord *rec = part->rec;

      json_builder_begin_object (builder);
      add_int (builder, "part", rec->info.number);
      add_string (builder, "job_id", rec->job_id);
      add_string (builder, "job_state", rec->job_state);
      add_string (builder, "state", freight_load_job_state_to_string (part->state));
      add_int (builder, "first_row", rec->info.first_record);
      add_int (builder, "last_row", rec->info.last_record);
      add_int (builder, "rows", rec->info.n_rows);
      add_int (builder, "rows_left_out", rec->info.n_skipped);
      add_int (builder, "bytes", rec->info.bytes);
      add_int (builder, "processed", rec->n_processed);
      add_int (builder, "failed", rec->n_failed);
      add_int (builder, "jobs_created", rec->attempts);
      add_string (builder, "error", rec->job_error);
      add_time (builder, "created", rec->created_at);
      add_time (builder, "ended", rec->ended_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* Jobs given up (their upload was interrupted): never processed, listed for the record. */
  json_builder_set_member_name (builder, "abandoned_jobs");
  json_builder_begin_array (builder);
  for (guint i = 0; all_jobs != NULL && i < all_jobs->len; i++)
    {
      const char *id = all_jobs->pdata[i];
      gboolean current = FALSE;

      for (guint j = 0; j < run->parts->len && !current; j++)
        current = g_strcmp0 (((FreightLoadPart *) run->parts->pdata[j])->rec->job_id, id) == 0;
      if (!current)
        json_builder_add_string_value (builder, id);
    }
  json_builder_end_array (builder);
}

/**
 * _freight_load_build_summary:
 *
 * Returns: (transfer full): the run's summary as JSON
 */
JsonNode *
_freight_load_build_summary (FreightLoadRun *run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  FreightRunRecord *record = run->record;
  FreightReconcileOutputState *state = &run->output_state;
  guint64 blank_lines = 0;
  guint64 rows = 0;

  if (record == NULL)
    return NULL;
  for (guint i = 0; i < run->parts->len; i++)
    {
      FreightPartRecord *rec = ((FreightLoadPart *) run->parts->pdata[i])->rec;

      blank_lines += rec->info.n_blank_lines;
      rows = rec->info.last_record;
    }

  json_builder_begin_object (builder);
  add_int (builder, "run_id", record->id);
  add_string (builder, "state", freight_load_state_to_string (record->state));
  add_string (builder, "error", record->error);

  json_builder_set_member_name (builder, "org");
  json_builder_begin_object (builder);
  add_string (builder, "name", record->org_name);
  add_string (builder, "id", record->org_id);
  add_string (builder, "user_id", record->user_id);
  add_string (builder, "instance_url", record->instance_url);
  json_builder_end_object (builder);

  add_string (builder, "object", record->object);
  add_string (builder, "operation", record->operation);
  add_string (builder, "external_id", record->external_id);

  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  add_string (builder, "file", record->source_path);
  add_int (builder, "size", record->source_size);
  add_string (builder, "encoding", freight_csv_encoding_to_string (record->dialect.encoding));
  add_string (builder, "delimiter",
              freight_csv_delimiter_to_bulk_name (record->dialect.delimiter));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "mapping");
  if (record->mapping != NULL && json_parser_load_from_data (parser, record->mapping, -1, NULL))
    json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (builder);

  add_jobs (builder, run);

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  add_int (builder, "rows", rows);
  add_int (builder, "succeeded", state->n_succeeded);
  add_int (builder, "failed", state->n_failed);
  add_int (builder, "unprocessed", state->n_unprocessed);
  add_int (builder, "left_out", state->n_skipped);
  add_int (builder, "ambiguous_joins", state->n_ambiguous);
  add_int (builder, "unmatched_results", state->n_unmatched);
  add_int (builder, "blank_lines_skipped", blank_lines);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "timings");
  json_builder_begin_object (builder);
  add_time (builder, "started", record->created_at);
  add_time (builder, "finished", record->finished_at);
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, (g_get_monotonic_time () - run->started)
                                          / (double) G_USEC_PER_SEC);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "files");
  json_builder_begin_object (builder);
  add_string (builder, "folder", record->run_dir);
  if (run->run_dir != NULL)
    {
      add_file (builder, "success", run->run_dir, FREIGHT_RESULT_FILE_SUCCESS);
      add_file (builder, "failed", run->run_dir, FREIGHT_RESULT_FILE_FAILED);
      add_file (builder, "unprocessed", run->run_dir, FREIGHT_RESULT_FILE_UNPROCESSED);
      add_file (builder, "unmatched_results", run->run_dir, FREIGHT_RESULT_FILE_UNMATCHED);
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * _freight_load_write_summary:
 *
 * Writes summary.json into the run's folder.
 */
gboolean
_freight_load_write_summary (FreightLoadRun  *run,
                             GError         **error)
{
  g_autoptr(JsonNode) summary = _freight_load_build_summary (run);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GFile) file = g_file_get_child (run->run_dir, "summary.json");
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_root (generator, summary);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  return g_file_replace_contents (file, text, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  NULL, error);
}
