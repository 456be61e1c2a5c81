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
#include "freight-preflight.h"
#include "freight-preflight-private.h"
#include "freight-sf-id.h"

/*
 * FreightPreflight: before any API call, streams the source file through the mapping plan
 * and its transforms on a worker thread and reports each problem with its row (record
 * number), line, column, field and a message.
 *
 * Memory does not grow with the file: problems are counted by kind and only the first of
 * each kind are listed; rows with errors go to a file; duplicate keys are found by an
 * external sort (FreightSpillSort) of (key, row) records with a bounded buffer, which
 * compares the keys themselves, so there is no hash to collide.
 */

#define DEFAULT_MEMORY_LIMIT (16 * 1024 * 1024)
#define PROGRESS_INTERVAL_MS 100
#define ROWS_PER_CHECK 1024

struct _FreightPreflight
{
  GObject             parent_instance;

  FreightMappingPlan *plan;
  GFile              *file;
  FreightCsvDialect   dialect;
  gboolean            has_dialect;
  guint               max_problems_per_kind;
  GFile              *temp_directory;
  gsize               memory_limit;

  guint64             rows_checked;
  double              fraction;
  gboolean            running;
  guint               progress_source;
  struct _Job        *job;
};

enum {
  PROP_0,
  PROP_PLAN,
  PROP_FILE,
  PROP_MAX_PROBLEMS_PER_KIND,
  PROP_ROWS_CHECKED,
  PROP_FRACTION,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FreightPreflight, freight_preflight, G_TYPE_OBJECT)

/* What the worker thread works on: copies and references only. */
typedef struct _Job
{
  gatomicrefcount     ref_count;
  FreightMappingPlan *plan;
  GFile              *file;
  FreightCsvDialect   dialect;
  gboolean            has_dialect;
  guint               max_problems_per_kind;
  char               *temp_directory;
  gsize               memory_limit;
  /* progress, written by the worker */
  gsize               rows;
  gsize               permille;
} Job;

/* The state of one run inside the worker. */
typedef struct
{
  Job               *job;
  char              *directory;
  FreightSpillSort  *keys;
  FreightSpillSort  *error_rows;
  GPtrArray         *listed[FREIGHT_PROBLEM_N_KINDS];
  guint64            counts[FREIGHT_PROBLEM_N_KINDS];
  guint64            n_rows;
  guint64            n_warning_rows;
  guint64            n_error_rows;
  guint64            sequence;
  /* the row being checked */
  guint64            row;
  guint64            line;
  gboolean           row_has_error;
  gboolean           row_has_warning;
} Check;

static Job *
job_ref (Job *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
job_unref (Job *job)
{
  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;
  freight_mapping_plan_unref (job->plan);
  g_object_unref (job->file);
  g_free (job->temp_directory);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_unref)

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
  g_autoptr(GByteArray) key = g_byte_array_new ();
  g_autoptr(GByteArray) payload = g_byte_array_new ();
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
check_header (Job               *job,
              FreightCsvReader  *reader,
              GError           **error)
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
  Job *job = check->job;
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

static FreightPreflightResult *
run_job (Job           *job,
         GCancellable  *cancellable,
         GError       **error)
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

/* GObject */

static void
freight_preflight_finalize (GObject *object)
{
  FreightPreflight *self = (FreightPreflight *)object;

  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_pointer (&self->job, job_unref);
  g_clear_pointer (&self->plan, freight_mapping_plan_unref);
  g_clear_object (&self->file);
  g_clear_object (&self->temp_directory);

  G_OBJECT_CLASS (freight_preflight_parent_class)->finalize (object);
}

static void
freight_preflight_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FreightPreflight *self = FREIGHT_PREFLIGHT (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_boxed (value, self->plan);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_MAX_PROBLEMS_PER_KIND:
      g_value_set_uint (value, self->max_problems_per_kind);
      break;

    case PROP_ROWS_CHECKED:
      g_value_set_uint64 (value, self->rows_checked);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_preflight_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FreightPreflight *self = FREIGHT_PREFLIGHT (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      self->plan = g_value_dup_boxed (value);
      break;

    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    case PROP_MAX_PROBLEMS_PER_KIND:
      freight_preflight_set_max_problems_per_kind (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_preflight_class_init (FreightPreflightClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = freight_preflight_finalize;
  object_class->get_property = freight_preflight_get_property;
  object_class->set_property = freight_preflight_set_property;

  properties[PROP_PLAN] =
    g_param_spec_boxed ("plan", NULL, NULL, FREIGHT_TYPE_MAPPING_PLAN,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_PROBLEMS_PER_KIND] =
    g_param_spec_uint ("max-problems-per-kind", NULL, NULL, 0, G_MAXUINT,
                       FREIGHT_PREFLIGHT_DEFAULT_MAX_PROBLEMS_PER_KIND,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Rows read so far by the running check, updated a few times a second. */
  properties[PROP_ROWS_CHECKED] =
    g_param_spec_uint64 ("rows-checked", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How much of the file the running check has read, from 0 to 1. */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_preflight_init (FreightPreflight *self)
{
  self->max_problems_per_kind = FREIGHT_PREFLIGHT_DEFAULT_MAX_PROBLEMS_PER_KIND;
  self->memory_limit = DEFAULT_MEMORY_LIMIT;
}

/**
 * freight_preflight_new:
 * @plan: the mapping plan, compiled for @file’s header
 * @file: the source CSV file
 * @dialect: (nullable): its dialect, or %NULL to sniff it
 *
 * Returns: (transfer full): a pre-flight check, ready to run
 */
FreightPreflight *
freight_preflight_new (FreightMappingPlan      *plan,
                       GFile                   *file,
                       const FreightCsvDialect *dialect)
{
  FreightPreflight *self;

  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (FREIGHT_TYPE_PREFLIGHT, "plan", plan, "file", file, NULL);
  if (dialect != NULL)
    {
      self->dialect = *dialect;
      self->has_dialect = TRUE;
    }
  return self;
}

/**
 * freight_preflight_get_plan:
 * @self: a pre-flight check
 *
 * Returns: (transfer none): the mapping plan it applies
 */
FreightMappingPlan *
freight_preflight_get_plan (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), NULL);

  return self->plan;
}

/**
 * freight_preflight_get_file:
 * @self: a pre-flight check
 *
 * Returns: (transfer none): the source file
 */
GFile *
freight_preflight_get_file (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), NULL);

  return self->file;
}

guint
freight_preflight_get_max_problems_per_kind (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), 0);

  return self->max_problems_per_kind;
}

/**
 * freight_preflight_set_max_problems_per_kind:
 * @self: a pre-flight check
 * @max: how many problems of each kind the result lists; it counts them all
 */
void
freight_preflight_set_max_problems_per_kind (FreightPreflight *self,
                                             guint             max)
{
  g_return_if_fail (FREIGHT_IS_PREFLIGHT (self));

  if (self->max_problems_per_kind == max)
    return;
  self->max_problems_per_kind = max;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_PROBLEMS_PER_KIND]);
}

/**
 * freight_preflight_get_temp_directory:
 * @self: a pre-flight check
 *
 * Returns: (transfer none) (nullable): where the check keeps its files, or %NULL for the
 *   system’s temporary folder
 */
GFile *
freight_preflight_get_temp_directory (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), NULL);

  return self->temp_directory;
}

/**
 * freight_preflight_set_temp_directory:
 * @self: a pre-flight check
 * @directory: (nullable): a local folder for the check’s files (sorted keys, rows with
 *   errors); the result keeps its files there until it is finalized
 */
void
freight_preflight_set_temp_directory (FreightPreflight *self,
                                      GFile            *directory)
{
  g_return_if_fail (FREIGHT_IS_PREFLIGHT (self));
  g_return_if_fail (directory == NULL || G_IS_FILE (directory));

  g_set_object (&self->temp_directory, directory);
}

gsize
freight_preflight_get_memory_limit (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), 0);

  return self->memory_limit;
}

/**
 * freight_preflight_set_memory_limit:
 * @self: a pre-flight check
 * @limit: bytes the duplicate-key sort may hold before it spills to disk
 */
void
freight_preflight_set_memory_limit (FreightPreflight *self,
                                    gsize             limit)
{
  g_return_if_fail (FREIGHT_IS_PREFLIGHT (self));

  self->memory_limit = limit;
}

guint64
freight_preflight_get_rows_checked (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), 0);

  return self->rows_checked;
}

double
freight_preflight_get_fraction (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), 0);

  return self->fraction;
}

gboolean
freight_preflight_get_running (FreightPreflight *self)
{
  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), FALSE);

  return self->running;
}

/* Running */

static Job *
job_new (FreightPreflight *self)
{
  Job *job = g_new0 (Job, 1);

  g_atomic_ref_count_init (&job->ref_count);
  job->plan = freight_mapping_plan_ref (self->plan);
  job->file = g_object_ref (self->file);
  job->dialect = self->dialect;
  job->has_dialect = self->has_dialect;
  job->max_problems_per_kind = self->max_problems_per_kind;
  job->memory_limit = self->memory_limit;
  job->temp_directory = self->temp_directory != NULL
                        ? g_file_get_path (self->temp_directory)
                        : g_strdup (g_get_tmp_dir ());
  return job;
}

static void
update_progress (FreightPreflight *self)
{
  guint64 rows;
  double fraction;

  if (self->job == NULL)
    return;
  rows = (gsize) g_atomic_pointer_get (&self->job->rows);
  fraction = (gsize) g_atomic_pointer_get (&self->job->permille) / 1000.0;
  if (rows != self->rows_checked)
    {
      self->rows_checked = rows;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROWS_CHECKED]);
    }
  if (fraction != self->fraction)
    {
      self->fraction = CLAMP (fraction, 0, 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
}

static gboolean
on_progress (gpointer user_data)
{
  update_progress (FREIGHT_PREFLIGHT (user_data));
  return G_SOURCE_CONTINUE;
}

static void
set_running (FreightPreflight *self,
             gboolean          running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;
  FreightPreflightResult *result = run_job (task_data, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

/**
 * freight_preflight_run_async:
 * @self: a pre-flight check that is not running
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when the check is done
 * @user_data: data for @callback
 *
 * Checks the file on a worker thread. #FreightPreflight:rows-checked and
 * #FreightPreflight:fraction follow its progress in the calling thread’s main context.
 */
void
freight_preflight_run_async (FreightPreflight    *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSource) source = NULL;

  g_return_if_fail (FREIGHT_IS_PREFLIGHT (self));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_preflight_run_async);
  g_clear_pointer (&self->job, job_unref);
  self->job = job_new (self);
  g_task_set_task_data (task, job_ref (self->job), (GDestroyNotify) job_unref);

  set_running (self, TRUE);
  source = g_timeout_source_new (PROGRESS_INTERVAL_MS);
  g_source_set_callback (source, on_progress, self, NULL);
  g_source_set_static_name (source, "[freight] pre-flight progress");
  self->progress_source = g_source_attach (source, g_main_context_get_thread_default ());

  g_task_run_in_thread (task, run_thread);
}

/**
 * freight_preflight_run_finish:
 * @self: a pre-flight check
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error: reading the file (#G_IO_ERROR, #FREIGHT_CSV_ERROR
 *   for a file that cannot be read as CSV), a header that is not the plan’s
 *   (#FREIGHT_MAPPING_ERROR), or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the result, or %NULL
 */
FreightPreflightResult *
freight_preflight_run_finish (FreightPreflight  *self,
                              GAsyncResult      *result,
                              GError           **error)
{
  FreightPreflightResult *ret;

  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == freight_preflight_run_async,
                        NULL);

  g_clear_handle_id (&self->progress_source, g_source_remove);
  update_progress (self);
  set_running (self, FALSE);
  ret = g_task_propagate_pointer (G_TASK (result), error);
  return ret;
}

/**
 * freight_preflight_run:
 * @self: a pre-flight check that is not running
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error, as for freight_preflight_run_finish()
 *
 * Checks the file in the calling thread (for the command line and tests).
 *
 * Returns: (transfer full): the result, or %NULL
 */
FreightPreflightResult *
freight_preflight_run (FreightPreflight  *self,
                       GCancellable      *cancellable,
                       GError           **error)
{
  FreightPreflightResult *result;

  g_return_val_if_fail (FREIGHT_IS_PREFLIGHT (self), NULL);
  g_return_val_if_fail (!self->running, NULL);

  g_clear_pointer (&self->job, job_unref);
  self->job = job_new (self);
  set_running (self, TRUE);
  result = run_job (self->job, cancellable, error);
  update_progress (self);
  set_running (self, FALSE);
  return result;
}
