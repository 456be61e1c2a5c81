/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-preflight"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "freight-csv-reader.h"
#include "freight-describe-private.h"
#include "freight-preflight-private.h"
#include "freight-sf-id.h"

/*
 * The pre-flight check itself, on the worker thread: reads the file, applies the plan to
 * every row, reports problems, then finds duplicate keys and writes the rows with errors
 * for the result.
 */

#define ROWS_PER_CHECK 1024

/* The state of one run inside the worker. */
typedef struct
{
  FreightPreflightJob *job;
  char                *directory;
  FreightSpillSort    *keys;
  FreightSpillSort    *error_rows;
  GPtrArray           *listed[FREIGHT_PROBLEM_N_KINDS];
  guint64              counts[FREIGHT_PROBLEM_N_KINDS];
  guint64              n_rows;
  guint64              n_warning_rows;
  guint64              n_error_rows;
  guint64              sequence;
  GByteArray          *key;             /* scratch for add_key() */
  GByteArray          *payload;
  /* the row being checked */
  guint64              row;
  guint64              line;
  gboolean             row_has_error;
  gboolean             row_has_warning;
} Check;

FreightPreflightJob *
_freight_preflight_job_ref (FreightPreflightJob *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

void
_freight_preflight_job_unref (FreightPreflightJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;
  freight_mapping_plan_unref (job->plan);
  g_object_unref (job->file);
  g_free (job->temp_directory);
  g_free (job);
}

/* Problems */

static FreightProblemKind
kind_for_error (const GError *error)
{
  if (error->domain != FREIGHT_TRANSFORM_ERROR)
    return FREIGHT_PROBLEM_INVALID_VALUE;
  switch (error->code)
    {
    case FREIGHT_TRANSFORM_ERROR_TOO_LONG:
      return FREIGHT_PROBLEM_TOO_LONG;
    case FREIGHT_TRANSFORM_ERROR_NOT_IN_PICKLIST:
      return FREIGHT_PROBLEM_NOT_IN_PICKLIST;
    case FREIGHT_TRANSFORM_ERROR_INVALID_ID:
      return FREIGHT_PROBLEM_INVALID_ID;
    case FREIGHT_TRANSFORM_ERROR_CANNOT_CLEAR:
      return FREIGHT_PROBLEM_REQUIRED_BLANK;
    default:
      return FREIGHT_PROBLEM_INVALID_VALUE;
    }
}

static gboolean
add_error_row (Check               *check,
               guint64              row,
               guint64              line,
               FreightProblemKind   kind,
               const char          *reason,
               GError             **error)
{
  guint8 key[16];
  g_autoptr(GByteArray) payload = g_byte_array_new ();
  guint8 head[12];

  _freight_put_u64 (key, row);
  _freight_put_u64 (key + 8, check->sequence++);
  _freight_put_u64 (head, line);
  head[8] = kind >> 24;
  head[9] = kind >> 16;
  head[10] = kind >> 8;
  head[11] = kind;
  g_byte_array_append (payload, head, sizeof head);
  g_byte_array_append (payload, (const guint8 *) reason, strlen (reason));
  return _freight_spill_sort_add (check->error_rows, key, sizeof key, payload->data,
                                  payload->len, error);
}

/* Counts a problem, lists it while its kind has room, and notes the row's first error as
 * the reason it may be excluded for. */
static gboolean
report (Check                   *check,
        FreightProblemSeverity   severity,
        FreightProblemKind       kind,
        guint64                  row,
        guint64                  line,
        const char              *column,
        const char              *field,
        const char              *message,
        GError                 **error)
{
  gboolean first_error = severity == FREIGHT_PROBLEM_ERROR && !check->row_has_error;

  check->counts[kind]++;
  if (check->listed[kind]->len < check->job->max_problems_per_kind)
    g_ptr_array_add (check->listed[kind],
                     freight_problem_new (severity, kind, row, line, column, field, message));

  if (severity == FREIGHT_PROBLEM_WARNING)
    {
      check->row_has_warning = TRUE;
      return TRUE;
    }
  check->row_has_error = TRUE;
  if (first_error)
    {
      g_autoptr(FreightProblem) where = freight_problem_new (severity, kind, 0, 0, column,
                                                             field, message);
      g_autofree char *reason = freight_problem_to_string (where);

      return add_error_row (check, row, line, kind, reason, error);
    }
  return TRUE;
}

static char *
field_title (FreightDescribeField *field)
{
  const char *name = freight_describe_field_get_name (field);
  const char *label = freight_describe_field_get_label (field);

  if (g_strcmp0 (name, label) == 0)
    return g_strdup (name);
  return g_strdup_printf ("%s (%s)", label, name);
}

static gboolean
check_blank (Check                  *check,
             guint                   output,
             GError                **error)
{
  FreightMappingPlan *plan = check->job->plan;
  FreightDescribeField *field = freight_mapping_plan_get_output_field (plan, output);
  FreightRequirement requirement = freight_mapping_plan_get_output_requirement (plan, output);
  const char *source = freight_mapping_plan_get_output_source (plan, output);
  const char *path = freight_mapping_plan_get_header (plan)[output];
  FreightOperation operation = freight_mapping_plan_get_operation (plan);
  g_autofree char *title = field_title (field);
  g_autofree char *message = NULL;
  FreightProblemKind kind = FREIGHT_PROBLEM_REQUIRED_BLANK;

  if (requirement == FREIGHT_REQUIREMENT_NONE)
    return TRUE;
  if (requirement == FREIGHT_REQUIREMENT_WARNING)
    {
      message = g_strdup_printf (_("%s is blank; if this row creates a record, Salesforce "
                                   "refuses it."), title);
      return report (check, FREIGHT_PROBLEM_WARNING, kind, check->row, check->line, source,
                     path, message, error);
    }

  if (freight_describe_field_get_field_type (field) == FREIGHT_FIELD_TYPE_ID)
    {
      kind = FREIGHT_PROBLEM_MISSING_ROW_ID;
      message = g_strdup (operation == FREIGHT_OPERATION_UPDATE
                          ? _("The row has no Id: an update needs the ID of the record to "
                              "change. Fill it, or exclude the row.")
                          : operation == FREIGHT_OPERATION_UPSERT
                          ? _("The row has no Id: the upsert matches records by Id. Fill it, "
                              "or exclude the row.")
                          : _("The row has no Id: a delete needs the ID of the record to "
                              "delete. Fill it, or exclude the row."));
    }
  else if (operation == FREIGHT_OPERATION_UPSERT)
    message = g_strdup_printf (_("%s is blank: the upsert matches records by it. Fill it, or "
                                 "exclude the row."), title);
  else
    message = g_strdup_printf (_("%s is blank, but Salesforce needs it to create the record. "
                                 "Fill it, or exclude the row."), title);
  return report (check, FREIGHT_PROBLEM_ERROR, kind, check->row, check->line, source, path,
                 message, error);
}

/* Keys compare as Salesforce compares them: IDs in their 18-character form ignoring case,
 * text ignoring case unless the field is case-sensitive. */
static gboolean
add_key (Check                 *check,
         guint                  output,
         FreightMappedRow      *mapped,
         GError               **error)
{
  FreightMappingPlan *plan = check->job->plan;
  FreightFieldType type =
    freight_describe_field_get_field_type (freight_mapping_plan_get_output_value_field (plan,
                                                                                        output));
  gboolean case_sensitive;
  g_autofree char *normalized = NULL;
  GByteArray *key = check->key;
  GByteArray *payload = check->payload;
  const char *value;
  const char *source;
  gsize length;
  gsize source_length;
  guint8 number[8];
  guint8 index[2] = { output >> 8, output & 0xff };

  freight_mapping_plan_output_is_unique (plan, output, &case_sensitive);
  value = freight_mapped_row_get_value (mapped, output, &length);
  if (type == FREIGHT_FIELD_TYPE_ID || type == FREIGHT_FIELD_TYPE_REFERENCE)
    {
      char id[19];

      freight_sf_id_to_18 (value, length, id);
      normalized = g_ascii_strdown (id, -1);
    }
  else if (!case_sensitive)
    normalized = _freight_casefold (value, length);
  else
    normalized = g_strndup (value, length);

  g_byte_array_set_size (key, 0);
  g_byte_array_set_size (payload, 0);
  g_byte_array_append (key, index, sizeof index);
  g_byte_array_append (key, (const guint8 *) normalized, strlen (normalized));
  g_byte_array_append (key, (const guint8 *) "", 1);
  _freight_put_u64 (number, check->row);
  g_byte_array_append (key, number, sizeof number);

  source = freight_mapped_row_get_source_value (mapped, output, &source_length);
  _freight_put_u64 (number, check->line);
  g_byte_array_append (payload, number, sizeof number);
  g_byte_array_append (payload, (const guint8 *) source, source_length);
  return _freight_spill_sort_add (check->keys, key->data, key->len, payload->data,
                                  payload->len, error);
}

static gboolean
check_row (Check             *check,
           FreightMappedRow  *mapped,
           GError           **error)
{
  FreightMappingPlan *plan = check->job->plan;
  guint n = freight_mapping_plan_get_n_outputs (plan);

  for (guint i = 0; i < n; i++)
    {
      const GError *value_error = freight_mapped_row_get_error (mapped, i);
      FreightTransformFlags flags = freight_mapped_row_get_flags (mapped, i);
      const char *source = freight_mapping_plan_get_output_source (plan, i);
      const char *path = freight_mapping_plan_get_header (plan)[i];

      if (value_error != NULL)
        {
          if (!report (check, FREIGHT_PROBLEM_ERROR, kind_for_error (value_error), check->row,
                       check->line, source, path, value_error->message, error))
            return FALSE;
          continue;
        }
      if ((flags & FREIGHT_TRANSFORM_BLANK) && !(flags & FREIGHT_TRANSFORM_CLEARS)
          && !check_blank (check, i, error))
        return FALSE;
      if (flags & FREIGHT_TRANSFORM_WARNING_FLAGS)
        {
          const char *value;
          gsize length;
          g_autofree char *message = NULL;

          value = freight_mapped_row_get_source_value (mapped, i, &length);
          message = freight_transform_explain (freight_mapping_plan_get_output_transform (plan,
                                                                                          i),
                                               value, length, flags);
          if (!report (check, FREIGHT_PROBLEM_WARNING,
                       (flags & FREIGHT_TRANSFORM_AMBIGUOUS_TIME)
                       ? FREIGHT_PROBLEM_AMBIGUOUS_TIME : FREIGHT_PROBLEM_ROUNDED,
                       check->row, check->line, source, path, message, error))
            return FALSE;
        }
      if (freight_mapping_plan_output_is_unique (plan, i, NULL)
          && !(flags & (FREIGHT_TRANSFORM_BLANK | FREIGHT_TRANSFORM_CLEARS))
          && !add_key (check, i, mapped, error))
        return FALSE;
    }
  return TRUE;
}

/* Reports every row whose key an earlier row has, pointing at that row. */
static gboolean
check_duplicates (Check   *check,
                  GError **error)
{
  FreightMappingPlan *plan = check->job->plan;
  g_autoptr(GByteArray) group = g_byte_array_new ();
  guint64 first_row = 0;
  guint64 first_line = 0;
  const guint8 *key;
  const guint8 *payload;
  gsize key_length;
  gsize payload_length;

  g_autoptr(GError) local_error = NULL;

  if (!_freight_spill_sort_finish (check->keys, error))
    return FALSE;
  while (_freight_spill_sort_next (check->keys, &key, &key_length, &payload, &payload_length,
                                   &local_error))
    {
      gsize group_length = key_length - 8;
      guint64 row = _freight_get_u64 (key + group_length);
      guint64 line = _freight_get_u64 (payload);
      guint output = key[0] << 8 | key[1];
      const char *path = freight_mapping_plan_get_header (plan)[output];
      g_autofree char *value = NULL;
      g_autofree char *message = NULL;
      g_autofree char *first_row_text = NULL;
      g_autofree char *first_line_text = NULL;

      if (group->len != group_length || memcmp (group->data, key, group_length) != 0)
        {
          g_byte_array_set_size (group, 0);
          g_byte_array_append (group, key, group_length);
          first_row = row;
          first_line = line;
          continue;
        }

      value = g_strndup ((const char *) payload + 8, payload_length - 8);
      first_row_text = g_strdup_printf ("%" G_GUINT64_FORMAT, first_row);
      first_line_text = g_strdup_printf ("%" G_GUINT64_FORMAT, first_line);
      message = g_strdup_printf (_("“%s” repeats the %s of row %s (line %s); Salesforce "
                                   "rejects a key that appears twice in one load. Keep one of "
                                   "the rows."),
                                 value, path, first_row_text, first_line_text);
      check->row_has_error = FALSE;
      if (!report (check, FREIGHT_PROBLEM_ERROR, FREIGHT_PROBLEM_DUPLICATE_KEY, row, line,
                   freight_mapping_plan_get_output_source (plan, output), path, message, error))
        return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_error_index (Check   *check,
                   GError **error)
{
  g_autofree char *index_path = g_build_filename (check->directory, FREIGHT_ERROR_INDEX_FILE,
                                                  NULL);
  g_autofree char *reasons_path = g_build_filename (check->directory,
                                                    FREIGHT_ERROR_REASONS_FILE, NULL);
  FILE *index = g_fopen (index_path, "wb");
  FILE *reasons = index != NULL ? g_fopen (reasons_path, "wb") : NULL;
  guint64 offset = 0;
  guint64 previous = 0;
  const guint8 *key;
  const guint8 *payload;
  gsize key_length;
  gsize payload_length;
  gboolean ok = index != NULL && reasons != NULL;
  int saved_errno = errno;
  g_autoptr(GError) local_error = NULL;

  ok = ok && _freight_spill_sort_finish (check->error_rows, &local_error);
  while (ok && _freight_spill_sort_next (check->error_rows, &key, &key_length, &payload,
                                         &payload_length, &local_error))
    {
      FreightErrorRow record;
      guint8 buffer[FREIGHT_ERROR_ROW_SIZE];

      record.row = _freight_get_u64 (key);
      if (record.row == previous)
        continue;
      previous = record.row;
      record.line = _freight_get_u64 (payload);
      record.kind = (guint32) payload[8] << 24 | payload[9] << 16 | payload[10] << 8
                    | payload[11];
      record.reason_offset = offset;
      record.reason_length = payload_length - 12;
      _freight_error_row_encode (&record, buffer);
      if (fwrite (payload + 12, 1, record.reason_length, reasons) != record.reason_length
          || fwrite (buffer, 1, sizeof buffer, index) != sizeof buffer)
        {
          saved_errno = errno;
          ok = FALSE;
          break;
        }
      offset += record.reason_length;
      check->n_error_rows++;
    }
  if (local_error != NULL)
    ok = FALSE;
  if (index != NULL && fclose (index) != 0 && ok)
    {
      saved_errno = errno;
      ok = FALSE;
    }
  if (reasons != NULL && fclose (reasons) != 0 && ok)
    {
      saved_errno = errno;
      ok = FALSE;
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (!ok)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Pre-flight could not write its list of rows with errors in %s: %s. Free "
                   "some disk space or choose another folder for temporary files."),
                 check->directory, g_strerror (saved_errno));
  return ok;
}

static gboolean
check_header (FreightPreflightJob  *job,
              FreightCsvReader     *reader,
              GError              **error)
{
  const char * const *expected = freight_mapping_plan_get_source_header (job->plan);
  guint n = freight_csv_reader_get_n_columns (reader);

  for (guint i = 0; i < MAX (n, g_strv_length ((char **) expected)); i++)
    {
      const char *found = i < n ? freight_csv_reader_get_column_name (reader, i) : NULL;
      g_autofree char *a = found != NULL ? _freight_casefold (found, -1) : NULL;
      g_autofree char *b = expected[i] != NULL && i < g_strv_length ((char **) expected)
                           ? _freight_casefold (expected[i], -1) : NULL;

      if (g_strcmp0 (a, b) != 0)
        {
          g_set_error (error, FREIGHT_MAPPING_ERROR, FREIGHT_MAPPING_ERROR_INVALID,
                       _("%s: column %u is “%s”, but the mapping was made for “%s”. The file "
                         "changed: choose it again and check the mapping."),
                       freight_csv_reader_get_file_name (reader), i + 1,
                       found != NULL ? found : "", b != NULL ? expected[i] : "");
          return FALSE;
        }
    }
  return TRUE;
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  guint64 ra = freight_problem_get_row (*(FreightProblem * const *) a);
  guint64 rb = freight_problem_get_row (*(FreightProblem * const *) b);

  return ra < rb ? -1 : ra > rb ? 1 : 0;
}

static void
remove_directory (const char *directory)
{
  g_autofree char *index = g_build_filename (directory, FREIGHT_ERROR_INDEX_FILE, NULL);
  g_autofree char *reasons = g_build_filename (directory, FREIGHT_ERROR_REASONS_FILE, NULL);

  g_unlink (index);
  g_unlink (reasons);
  g_rmdir (directory);
}

static gboolean
read_rows (Check             *check,
           FreightCsvReader  *reader,
           guint64            file_size,
           GCancellable      *cancellable,
           GError           **error)
{
  FreightPreflightJob *job = check->job;
  g_autoptr(FreightMappedRow) mapped = freight_mapped_row_new (job->plan);
  guint n_columns = freight_csv_reader_get_n_columns (reader);
  g_autofree const char **fields = g_new0 (const char *, n_columns + 1);
  g_autofree gsize *lengths = g_new0 (gsize, n_columns + 1);

  for (;;)
    {
      g_autoptr(GError) row_error = NULL;
      gboolean read = freight_csv_reader_next_row (reader, cancellable, &row_error);

      if (!read && row_error == NULL)
        return TRUE;
      if (!read && !freight_csv_error_is_row_level (row_error))
        {
          g_propagate_error (error, g_steal_pointer (&row_error));
          return FALSE;
        }

      check->n_rows++;
      check->row = freight_csv_reader_get_record_number (reader);
      check->line = freight_csv_reader_get_line (reader);
      check->row_has_error = FALSE;
      check->row_has_warning = FALSE;

      if (row_error != NULL)
        {
          /* The row is not what its header says: its fields cannot be trusted. */
          if (!report (check, FREIGHT_PROBLEM_ERROR, FREIGHT_PROBLEM_CSV_ROW, check->row,
                       check->line, NULL, NULL, row_error->message, error))
            return FALSE;
        }
      else
        {
          guint n = MIN (freight_csv_reader_get_n_fields (reader), n_columns);

          for (guint i = 0; i < n; i++)
            fields[i] = freight_csv_reader_get_field (reader, i, &lengths[i]);
          freight_mapping_plan_map_row (job->plan, fields, lengths, n, mapped);
          if (!check_row (check, mapped, error))
            return FALSE;
        }
      if (check->row_has_warning)
        check->n_warning_rows++;

      if (check->n_rows % ROWS_PER_CHECK == 0)
        {
          g_atomic_pointer_set (&job->rows, (gsize) check->n_rows);
          if (file_size > 0)
            g_atomic_pointer_set (&job->permille,
                                  (gsize) (freight_csv_reader_get_offset (reader) * 1000
                                           / file_size));
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
        }
    }
}

FreightPreflightResult *
_freight_preflight_run_job (FreightPreflightJob  *job,
                            GCancellable         *cancellable,
                            GError              **error)
{
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *template = NULL;
  FreightPreflightResult *result = NULL;
  Check check = { job, NULL };
  guint64 file_size = 0;
  gboolean ok;

  template = g_build_filename (job->temp_directory, "freight-preflight-XXXXXX", NULL);
  if (g_mkdtemp (template) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Pre-flight could not make a temporary folder in %s: %s. Choose another "
                     "folder for temporary files."),
                   job->temp_directory, g_strerror (saved_errno));
      return NULL;
    }
  check.directory = g_strdup (template);
  check.keys = _freight_spill_sort_new (check.directory, "keys", job->memory_limit);
  check.error_rows = _freight_spill_sort_new (check.directory, "errors",
                                              MAX (job->memory_limit / 4, 4096));
  for (guint i = 0; i < FREIGHT_PROBLEM_N_KINDS; i++)
    check.listed[i] = g_ptr_array_new_with_free_func (g_object_unref);
  check.key = g_byte_array_new ();
  check.payload = g_byte_array_new ();

  info = g_file_query_info (job->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info != NULL)
    file_size = g_file_info_get_size (info);

  reader = freight_csv_reader_new_for_file (job->file, job->has_dialect ? &job->dialect : NULL,
                                            FREIGHT_CSV_READER_FLAGS_NONE, cancellable, error);
  ok = reader != NULL
       && freight_csv_reader_read_header (reader, cancellable, error)
       && check_header (job, reader, error)
       && read_rows (&check, reader, file_size, cancellable, error)
       && check_duplicates (&check, error)
       && write_error_index (&check, error);

  g_clear_pointer (&check.key, g_byte_array_unref);
  g_clear_pointer (&check.payload, g_byte_array_unref);
  g_clear_pointer (&check.keys, _freight_spill_sort_free);
  g_clear_pointer (&check.error_rows, _freight_spill_sort_free);
  for (guint i = 0; i < FREIGHT_PROBLEM_N_KINDS; i++)
    {
      g_ptr_array_extend_and_steal (problems, check.listed[i]);
      check.listed[i] = NULL;
    }

  if (ok)
    {
      g_ptr_array_sort (problems, compare_problems);
      g_atomic_pointer_set (&job->rows, (gsize) check.n_rows);
      g_atomic_pointer_set (&job->permille, (gsize) 1000);
      result = _freight_preflight_result_new (check.directory, check.n_rows,
                                              check.n_error_rows, check.n_warning_rows,
                                              check.counts, problems);
    }
  else
    remove_directory (check.directory);
  g_free (check.directory);
  return result;
}
