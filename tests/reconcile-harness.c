/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "reconcile-harness.h"

/* --- The standard source: a column of each kind, and a source-only column --- */

const SentColumn standard_columns[] = {
  { "Ext__c", EXT, FREIGHT_RECONCILE_KIND_TEXT },
  { "Name", NAME, FREIGHT_RECONCILE_KIND_TEXT },
  { "Amount__c", AMOUNT, FREIGHT_RECONCILE_KIND_NUMBER },
  { "Active__c", ACTIVE, FREIGHT_RECONCILE_KIND_BOOLEAN },
  { "When__c", WHEN, FREIGHT_RECONCILE_KIND_DATETIME },
  { "Day__c", DAY, FREIGHT_RECONCILE_KIND_DATE },
  { "OwnerId", OWNER, FREIGHT_RECONCILE_KIND_ID },
};

static const char * const amounts[] = {
  "912260031", "1", "1.0", "12.50", "0.001", "-3.25", "1200", "0.0001", "123456789012345678",
};

static const char * const standard_names[] = {
  "Acme", "Acme, Inc.", "Say \"hi\"", "Line one\nline two", "Windows\r\nline", " padded ",
  "Ünïcödé ✓", "a;b|c^d`e\tf", "",
};

static const char * const times[] = {
  "2024-03-01T10:00:00+01:00", "2024-03-01T10:00:00Z", "2024-03-01T10:00:00.123Z",
  "2024-10-27T02:30:00-05:30", "2024-03-01T10:00:00",
};

/* A source of @n rows; every @dup_every-th group of rows sends the same content when
 * @dup_every > 1 (only the source-only Comment differs). */
char *
make_source_with (guint n,
                  guint dup_every,
                  char  delimiter)
{
  g_autoptr(FreightCsvWriter) writer = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  static const char * const header[] = {
    "Ext", "Name", "Amount", "Active", "When", "Day", "Owner", "Comment",
  };

  writer = freight_csv_writer_new (out, delimiter, FREIGHT_CSV_LINE_ENDING_CRLF,
                                   FREIGHT_CSV_QUOTE_WHEN_NEEDED);
  freight_csv_writer_write_row (writer, header, N_SOURCE_COLUMNS, NULL, &error);
  g_assert_no_error (error);
  for (guint r = 1; r <= n; r++)
    {
      guint k = dup_every > 1 ? r / dup_every : r;
      g_autofree char *ext = g_strdup_printf ("E%05u", k);
      g_autofree char *day = g_strdup_printf ("2024-%02u-%02u", k % 12 + 1, k % 28 + 1);
      g_autofree char *owner = g_strdup_printf ("005Hu%010u", k % 17);
      g_autofree char *comment = g_strdup_printf ("comment of row %u", r);
      const char *fields[N_SOURCE_COLUMNS] = {
        ext, standard_names[k % G_N_ELEMENTS (standard_names)],
        amounts[k % G_N_ELEMENTS (amounts)],
        (k % 4 == 0) ? "true" : (k % 4 == 1) ? "false" : (k % 4 == 2) ? "1" : "0",
        times[k % G_N_ELEMENTS (times)], day, owner, comment,
      };

      freight_csv_writer_write_row (writer, fields, N_SOURCE_COLUMNS, NULL, &error);
      g_assert_no_error (error);
    }
  freight_csv_writer_flush (writer, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
}

char *
make_source (guint n,
             guint dup_every)
{
  return make_source_with (n, dup_every, ',');
}

Plan
default_plan (void)
{
  Plan plan = { standard_columns, G_N_ELEMENTS (standard_columns), 0, ',',
                FREIGHT_CSV_LINE_ENDING_LF, NULL, NULL };

  return plan;
}

SfOutcome
decide_mixed (guint64  record,
              gpointer data)
{
  if (record % 7 == 0)
    return SF_FAILED;
  if (record % 11 == 0)
    return SF_MISSING;
  if (record % 13 == 0)
    return SF_UNPROCESSED;
  return SF_SUCCESS;
}

/* Echoes values as a real org does: doubles in Java's notation, datetimes in UTC with
 * milliseconds, booleans in capitals, dates with a zone, ids in 18 characters. */
char *
echo_normalized (FreightReconcileKind  kind,
                 const char           *value,
                 gpointer              data)
{
  switch (kind)
    {
    case FREIGHT_RECONCILE_KIND_NUMBER:
      return java_double (value);

    case FREIGHT_RECONCILE_KIND_BOOLEAN:
      return g_strdup (strcmp (value, "true") == 0 || strcmp (value, "1") == 0 ? "TRUE"
                                                                             : "FALSE");

    case FREIGHT_RECONCILE_KIND_DATETIME:
      {
        g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
        g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (value, utc);
        g_autoptr(GDateTime) in_utc = NULL;
        g_autofree char *text = NULL;

        g_assert_nonnull (dt);
        in_utc = g_date_time_to_utc (dt);
        text = g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%S");
        return g_strdup_printf ("%s.%03d+0000", text, g_date_time_get_microsecond (in_utc) / 1000);
      }

    case FREIGHT_RECONCILE_KIND_DATE:
      return g_strdup_printf ("%sZ", value);

    case FREIGHT_RECONCILE_KIND_ID:
      {
        char id[19];

        g_assert_true (freight_sf_id_to_18 (value, -1, id));
        return g_strdup (id);
      }

    case FREIGHT_RECONCILE_KIND_TEXT:
    case FREIGHT_RECONCILE_KIND_TIME:
    default:
      return g_strdup (value);
    }
}


/* Checks that a row is where its result put it, with that result's details. */
void
check_exact (FreightResultFileKind  kind,
             guint64                record,
             const char * const    *extra,
             gpointer               data)
{
  Expect *expect = data;
  SfOutcome outcome = expect->decide (record, NULL);

  expect->n_checked++;
  switch (outcome)
    {
    case SF_SUCCESS:
      {
        g_autofree char *id = sf_id_for_record (record);

        g_assert_cmpint (kind, ==, FREIGHT_RESULT_FILE_KIND_SUCCESS);
        g_assert_cmpstr (extra[0], ==, id);
        g_assert_cmpstr (extra[1], ==, record % 2 == 0 ? "true" : "false");
      }
      break;

    case SF_FAILED:
      {
        g_autofree char *text = sf_error_for_record (record);
        g_autoptr(FreightSfError) error = freight_sf_error_parse (text, -1);

        g_assert_cmpint (kind, ==, FREIGHT_RESULT_FILE_KIND_FAILED);
        g_assert_cmpstr (extra[0], ==, error->code);
        g_assert_cmpstr (extra[1], ==, error->message);
        g_assert_cmpstr (extra[2], ==, error->fields);
      }
      break;

    case SF_UNPROCESSED:
      g_assert_cmpint (kind, ==, FREIGHT_RESULT_FILE_KIND_UNPROCESSED);
      g_assert_cmpstr (extra[0], ==, expect->unprocessed_reason);
      break;

    case SF_MISSING:
    default:
      g_assert_cmpint (kind, ==, FREIGHT_RESULT_FILE_KIND_UNPROCESSED);
      g_assert_cmpstr (extra[0], ==, expect->no_result_reason);
      break;
    }
}

gboolean
has_diagnostic (FreightReconcileResult   *result,
                FreightReconcileSeverity  severity,
                const char               *text)
{
  guint n;
  const FreightReconcileDiagnostic *diagnostics =
    freight_reconcile_result_get_diagnostics (result, &n);

  for (guint i = 0; i < n; i++)
    if (diagnostics[i].severity == severity && strstr (diagnostics[i].message, text) != NULL)
      return TRUE;
  return FALSE;
}

SfOutcome
decide_success (guint64  record,
                gpointer data)
{
  return SF_SUCCESS;
}

static void
delete_recursively (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          delete_recursively (child);
          g_object_unref (info);
        }
    }
  g_file_delete (file, NULL, NULL);
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) root = NULL;

  f->root = g_dir_make_tmp ("freight-reconcile-XXXXXX", &error);
  g_assert_no_error (error);
  root = g_file_new_for_path (f->root);
  f->spool = g_file_get_child (root, "spool");
  f->out_dir = g_file_get_child (root, "run");
  g_file_make_directory (f->spool, NULL, &error);
  g_assert_no_error (error);
  g_file_make_directory (f->out_dir, NULL, &error);
  g_assert_no_error (error);
  f->source = g_file_get_child (root, "source.csv");
  f->source_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  freight_csv_dialect_init (&f->source_dialect);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) root = g_file_new_for_path (f->root);

  /* FREIGHT_TEST_KEEP=1 keeps the files of a test to look at them. */
  if (g_getenv ("FREIGHT_TEST_KEEP") == NULL)
    delete_recursively (root);
  else
    g_test_message ("kept %s", f->root);
  g_clear_object (&f->spool);
  g_clear_object (&f->out_dir);
  g_clear_object (&f->source);
  g_clear_pointer (&f->source_rows, g_ptr_array_unref);
  g_clear_pointer (&f->source_header, g_strfreev);
  g_clear_pointer (&f->root, g_free);
}

static char **
row_fields (FreightCsvReader *reader)
{
  guint n = freight_csv_reader_get_n_fields (reader);
  char **fields = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      gsize len;
      const char *value = freight_csv_reader_get_field (reader, i, &len);

      fields[i] = g_strndup (value, len);
    }
  return fields;
}

/* Reads the source back as the pipeline would, to compare the result files with it. */
void
fixture_set_source (Fixture *f,
                    GFile   *source)
{
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  if (source != f->source)
    g_set_object (&f->source, source);
  g_ptr_array_set_size (f->source_rows, 0);
  g_clear_pointer (&f->source_header, g_strfreev);

  reader = freight_csv_reader_new_for_file (f->source, &f->source_dialect,
                                            FREIGHT_CSV_READER_LENIENT, NULL, &error);
  g_assert_no_error (error);
  freight_csv_reader_read_header (reader, NULL, &error);
  g_assert_no_error (error);
  f->source_header = g_strdupv ((char **) freight_csv_reader_get_column_names (reader));
  for (;;)
    {
      g_autoptr(GError) local = NULL;

      if (!freight_csv_reader_next_row (reader, NULL, &local))
        {
          if (local == NULL)
            break;
          g_assert_true (freight_csv_error_is_row_level (local));
        }
      g_assert_cmpuint (freight_csv_reader_get_record_number (reader), ==,
                        f->source_rows->len + 1);
      g_ptr_array_add (f->source_rows, row_fields (reader));
    }
}

void
fixture_write_source (Fixture    *f,
                      const char *contents,
                      gssize      len)
{
  g_autoptr(GError) error = NULL;

  if (len < 0)
    len = strlen (contents);
  g_file_replace_contents (f->source, contents, len, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                           NULL, &error);
  g_assert_no_error (error);
  fixture_set_source (f, f->source);
}

char *
fixture_read_file (GFile      *dir,
                   const char *name)
{
  g_autoptr(GFile) file = g_file_get_child (dir, name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_load_contents (file, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* --- The pipeline's part of the work --- */

typedef struct
{
  FreightSpoolPart *part;
  GOutputStream    *stream;
  FreightCsvWriter *writer;
  guint             n_rows;
} OpenPart;

static void
close_part (OpenPart *open)
{
  g_autoptr(GError) error = NULL;

  if (open->part == NULL)
    return;
  freight_csv_writer_flush (open->writer, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (open->stream, NULL, &error);
  g_assert_no_error (error);
  freight_spool_part_finish (open->part, 0, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&open->writer);
  g_clear_object (&open->stream);
  open->part = NULL;
}

/* Splits the source into parts of at most plan->rows_per_part rows, each with its record
 * numbers and skipped records, as the pipeline does. */
GPtrArray *
fixture_prepare (Fixture    *f,
                 const Plan *plan)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree FreightReconcileKind *kinds = g_new (FreightReconcileKind, plan->n_columns);
  OpenPart open = { NULL, NULL, NULL, 0 };
  char delimiter = plan->delimiter != 0 ? plan->delimiter : ',';

  for (guint c = 0; c < plan->n_columns; c++)
    kinds[c] = plan->columns[c].kind;

  reader = freight_csv_reader_new_for_file (f->source, &f->source_dialect,
                                            FREIGHT_CSV_READER_LENIENT, NULL, &error);
  g_assert_no_error (error);
  freight_csv_reader_read_header (reader, NULL, &error);
  g_assert_no_error (error);

  for (;;)
    {
      g_autoptr(GError) local = NULL;
      const char *reason = NULL;
      guint64 record;

      if (!freight_csv_reader_next_row (reader, NULL, &local))
        {
          if (local == NULL)
            break;
          g_assert_true (freight_csv_error_is_row_level (local));
        }
      record = freight_csv_reader_get_record_number (reader);

      if (open.part == NULL || (plan->rows_per_part > 0 && open.n_rows == plan->rows_per_part))
        {
          g_autoptr(GFile) csv = NULL;
          g_autoptr(GFileOutputStream) out = NULL;
          FreightSpoolPart *part;

          close_part (&open);
          part = freight_spool_part_new (f->spool, parts->len + 1);
          g_ptr_array_add (parts, part);
          freight_spool_part_set_dialect (part, delimiter, plan->line_ending);
          freight_spool_part_set_column_kinds (part, kinds, plan->n_columns);
          freight_spool_part_begin (part, record, freight_csv_reader_get_offset (reader),
                                    freight_csv_reader_get_line (reader), NULL, &error);
          g_assert_no_error (error);
          csv = freight_spool_part_get_file (part, FREIGHT_SPOOL_FILE_CSV);
          out = g_file_replace (csv, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
          g_assert_no_error (error);
          open.part = part;
          open.stream = G_OUTPUT_STREAM (g_steal_pointer (&out));
          open.writer = freight_csv_writer_new (open.stream, delimiter, plan->line_ending,
                                                FREIGHT_CSV_QUOTE_WHEN_NEEDED);
          open.n_rows = 0;
          for (guint c = 0; c < plan->n_columns; c++)
            freight_csv_writer_add_field (open.writer, plan->columns[c].name, -1);
          freight_csv_writer_end_row (open.writer, NULL, &error);
          g_assert_no_error (error);
        }

      if (local != NULL)
        reason = local->message;
      else if (plan->skip != NULL)
        reason = plan->skip (record, plan->data);

      if (reason != NULL)
        {
          freight_spool_part_add_skipped (open.part, record, reason, NULL, &error);
          g_assert_no_error (error);
          continue;
        }

      for (guint c = 0; c < plan->n_columns; c++)
        {
          gsize len;
          const char *value = freight_csv_reader_get_field (reader, plan->columns[c].source_column,
                                                            &len);

          freight_csv_writer_add_field (open.writer, value, len);
        }
      freight_csv_writer_end_row (open.writer, NULL, &error);
      g_assert_no_error (error);
      freight_spool_part_add_row (open.part, record, NULL, &error);
      g_assert_no_error (error);
      open.n_rows++;
    }
  close_part (&open);
  return g_steal_pointer (&parts);
}

/* --- Salesforce's part of the work --- */

char *
sf_id_for_record (guint64 record)
{
  g_autofree char *id15 = g_strdup_printf ("001Hu%010" G_GUINT64_FORMAT, record);
  char id18[19];

  g_assert_true (freight_sf_id_to_18 (id15, -1, id18));
  return g_strdup (id18);
}

char *
sf_error_for_record (guint64 record)
{
  switch (record % 3)
    {
    case 0:
      return g_strdup_printf ("FIELD_CUSTOM_VALIDATION_EXCEPTION:Row %" G_GUINT64_FORMAT
                              ": amount: too high:Amount__c,Name --", record);
    case 1:
      return g_strdup_printf ("DUPLICATE_VALUE:duplicate value found: Ext__c duplicates value "
                              "on record with id: %" G_GUINT64_FORMAT ":--", record);
    default:
      return g_strdup_printf ("REQUIRED_FIELD_MISSING:Required fields are missing: [Name] (%"
                              G_GUINT64_FORMAT "):Name --", record);
    }
}

/* Formats a number as Java's Double.toString() does, as Salesforce echoes doubles. */
char *
java_double (const char *value)
{
  double d = g_ascii_strtod (value, NULL);
  char format[16];
  char buf[64];
  int precision;

  if (d != 0 && (ABS (d) >= 1e7 || ABS (d) < 1e-3))
    {
      char *e;
      int exponent;

      for (precision = 0; precision < 17; precision++)
        {
          g_snprintf (format, sizeof format, "%%.%dE", precision);
          g_ascii_formatd (buf, sizeof buf, format, d);
          if (g_ascii_strtod (buf, NULL) == d)
            break;
        }
      e = strchr (buf, 'E');
      exponent = atoi (e + 1);
      *e = '\0';
      return g_strdup_printf ("%s%sE%d", buf, strchr (buf, '.') != NULL ? "" : ".0", exponent);
    }
  for (precision = 1; precision < 17; precision++)
    {
      g_snprintf (format, sizeof format, "%%.%df", precision);
      g_ascii_formatd (buf, sizeof buf, format, d);
      if (g_ascii_strtod (buf, NULL) == d)
        break;
    }
  return g_strdup (buf);
}

static char **
strv_new (guint n)
{
  return g_new0 (char *, n + 1);
}

static void
shuffle (GPtrArray *rows,
         guint32    seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = rows->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      gpointer t = rows->pdata[i - 1];

      rows->pdata[i - 1] = rows->pdata[j];
      rows->pdata[j] = t;
    }
}

static void
write_results (FreightSpoolPart *part,
               FreightSpoolFile  which,
               const char       *first_columns,
               char             *const *header,
               GPtrArray        *rows,
               char              delimiter,
               int               omit)
{
  g_autoptr(GFile) file = freight_spool_part_get_file (part, which);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(FreightCsvWriter) writer = NULL;
  g_autoptr(GString) line = g_string_new (first_columns);
  g_autoptr(GError) error = NULL;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  /* Salesforce quotes its own columns and echoes the sent header as it was. */
  for (guint c = 0; header[c] != NULL; c++)
    {
      if ((int) c == omit)
        continue;
      if (line->len > 0)
        g_string_append_c (line, delimiter);
      g_string_append (line, header[c]);
    }
  g_string_append_c (line, '\n');
  g_output_stream_write_all (G_OUTPUT_STREAM (out), line->str, line->len, NULL, NULL, &error);
  g_assert_no_error (error);

  writer = freight_csv_writer_new (G_OUTPUT_STREAM (out), delimiter, FREIGHT_CSV_LINE_ENDING_LF,
                                   FREIGHT_CSV_QUOTE_ALWAYS);
  for (guint i = 0; i < rows->len; i++)
    {
      const char * const *row = rows->pdata[i];
      guint n = g_strv_length ((char **) row);
      guint first = n - g_strv_length ((char **) header);

      for (guint c = 0; c < n; c++)
        if (omit < 0 || (int) c != (int) first + omit)
          freight_csv_writer_add_field (writer, row[c], -1);
      freight_csv_writer_end_row (writer, NULL, &error);
      g_assert_no_error (error);
    }
  freight_csv_writer_flush (writer, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error);
  g_assert_no_error (error);
}

/* Plays Salesforce for one part: decides each row's fate, and writes the three result files
 * with the values echoed (normalized if asked) and the rows shuffled. */
void
fixture_fake_job (Fixture          *f,
                  FreightSpoolPart *part,
                  const FakeSf     *sf)
{
  g_autoptr(GPtrArray) success = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) failed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) unprocessed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GFile) csv = freight_spool_part_get_file (part, FREIGHT_SPOOL_FILE_CSV);
  g_autoptr(GFile) rows_file = freight_spool_part_get_file (part, FREIGHT_SPOOL_FILE_ROWS);
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *records = NULL;
  g_auto(GStrv) header = NULL;
  g_autofree char *success_header = NULL;
  g_autofree char *failed_header = NULL;
  const FreightReconcileKind *kinds;
  FreightCsvDialect dialect;
  gsize records_len;
  guint n_kinds, row = 0;
  int omit = -1;
  char delimiter = sf->result_delimiter != 0 ? sf->result_delimiter
                                             : freight_spool_part_get_delimiter (part);

  kinds = freight_spool_part_get_column_kinds (part, &n_kinds);
  g_file_load_contents (rows_file, NULL, &records, &records_len, NULL, &error);
  g_assert_no_error (error);

  freight_csv_dialect_init (&dialect);
  dialect.delimiter = freight_spool_part_get_delimiter (part);
  reader = freight_csv_reader_new_for_file (csv, &dialect, FREIGHT_CSV_READER_FLAGS_NONE, NULL,
                                            &error);
  g_assert_no_error (error);
  freight_csv_reader_read_header (reader, NULL, &error);
  g_assert_no_error (error);
  header = g_strdupv ((char **) freight_csv_reader_get_column_names (reader));
  g_assert_cmpuint (n_kinds, ==, g_strv_length (header));

  while (freight_csv_reader_next_row (reader, NULL, &error))
    {
      guint64 record;
      SfOutcome outcome;
      char **result;
      guint first = 0;

      g_assert_cmpuint ((row + 1) * 8, <=, records_len);
      memcpy (&record, records + row * 8, 8);
      record = GUINT64_FROM_LE (record);
      row++;

      outcome = sf->decide (record, sf->data);
      if (outcome == SF_MISSING)
        continue;
      result = strv_new (n_kinds + 2);
      if (outcome == SF_SUCCESS)
        {
          result[0] = sf_id_for_record (record);
          result[1] = g_strdup (record % 2 == 0 ? "true" : "false");
          first = 2;
          g_ptr_array_add (success, result);
        }
      else if (outcome == SF_FAILED)
        {
          result[0] = g_strdup ("");
          result[1] = sf_error_for_record (record);
          first = 2;
          g_ptr_array_add (failed, result);
        }
      else
        g_ptr_array_add (unprocessed, result);

      for (guint c = 0; c < n_kinds; c++)
        {
          gsize len;
          const char *value = freight_csv_reader_get_field (reader, c, &len);

          result[first + c] = sf->echo != NULL ? sf->echo (kinds[c], value, sf->data)
                                               : g_strndup (value, len);
        }
    }
  g_assert_no_error (error);
  g_assert_cmpuint (row * 8, ==, records_len);

  if (sf->seed != 0)
    {
      shuffle (success, sf->seed);
      shuffle (failed, sf->seed + 1);
      shuffle (unprocessed, sf->seed + 2);
    }
  for (guint c = 0; header[c] != NULL; c++)
    if (sf->omit_column != NULL && strcmp (header[c], sf->omit_column) == 0)
      omit = c;
  success_header = g_strdup_printf ("\"sf__Id\"%c\"sf__Created\"", delimiter);
  failed_header = g_strdup_printf ("\"sf__Id\"%c\"sf__Error\"", delimiter);
  write_results (part, FREIGHT_SPOOL_FILE_SUCCESS, success_header, header, success, delimiter,
                 omit);
  write_results (part, FREIGHT_SPOOL_FILE_FAILED, failed_header, header, failed, delimiter,
                 omit);
  if (!sf->no_unprocessed_file)
    write_results (part, FREIGHT_SPOOL_FILE_UNPROCESSED, "", header, unprocessed, delimiter,
                   omit);
  freight_spool_part_set_job_end (part, sf->end, sf->job_error);
}

/* Reconciles every part and writes the run's result files. */
FreightReconcileOutput *
fixture_run (Fixture    *f,
             GPtrArray  *parts,
             GPtrArray **results)
{
  g_autoptr(FreightReconcileOutput) output = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  output = freight_reconcile_output_new (f->out_dir, f->source, &f->source_dialect,
                                         FREIGHT_CSV_READER_LENIENT, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < parts->len; i++)
    {
      g_autoptr(FreightReconcileResult) result = NULL;

      result = freight_reconcile_part (parts->pdata[i], NULL, &error);
      g_assert_no_error (error);
      freight_reconcile_output_append_part (output, parts->pdata[i], result, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (all, g_steal_pointer (&result));
    }
  freight_reconcile_output_close (output, NULL, &error);
  g_assert_no_error (error);
  freight_reconcile_output_check (output, f->source_rows->len, &error);
  g_assert_no_error (error);
  if (results != NULL)
    *results = g_steal_pointer (&all);
  return g_steal_pointer (&output);
}

/* --- Checking a run --- */

static const guint n_extra[] = {
  [FREIGHT_RESULT_FILE_KIND_SUCCESS] = 3,
  [FREIGHT_RESULT_FILE_KIND_FAILED] = 4,
  [FREIGHT_RESULT_FILE_KIND_UNPROCESSED] = 2,
};

/* Reads success.csv, failed.csv and unprocessed.csv back and checks that together they hold
 * every source row exactly once, each with all its source columns unchanged (Freight's own
 * columns of a re-loaded result file aside), then hands each row to @check. */
void
fixture_check_outputs (Fixture   *f,
                       CheckFunc  check,
                       gpointer   data)
{
  g_autofree gboolean *seen = g_new0 (gboolean, f->source_rows->len + 1);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (guint));
  int row_column = freight_result_columns_find_row ((const char * const *) f->source_header,
                                                    g_strv_length (f->source_header));
  guint n_seen = 0;

  for (guint i = 0; f->source_header[i] != NULL; i++)
    if (!freight_result_column_is_freight (f->source_header[i]))
      g_array_append_val (kept, i);
  for (guint r = 0; r < f->source_rows->len; r++)
    {
      char **fields = f->source_rows->pdata[r];
      char *key = row_column >= 0 ? g_strdup (fields[row_column])
                                  : g_strdup_printf ("%u", r + 1);

      g_assert_nonnull (key);
      g_assert_false (g_hash_table_contains (by_key, key));
      g_hash_table_insert (by_key, key, GUINT_TO_POINTER (r + 1));
    }

  for (FreightResultFileKind kind = 0; kind < FREIGHT_RESULT_FILE_KIND_UNMATCHED; kind++)
    {
      static const char * const names[] = { "success.csv", "failed.csv", "unprocessed.csv" };
      g_autoptr(GFile) file = g_file_get_child (f->out_dir, names[kind]);
      g_autoptr(FreightCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      FreightCsvDialect dialect = f->source_dialect;

      dialect.encoding = FREIGHT_CSV_ENCODING_UTF8;
      reader = freight_csv_reader_new_for_file (file, &dialect, FREIGHT_CSV_READER_LENIENT,
                                                NULL, &error);
      g_assert_no_error (error);
      freight_csv_reader_read_header (reader, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (freight_csv_reader_get_n_columns (reader), ==, n_extra[kind] + kept->len);
      g_assert_cmpstr (freight_csv_reader_get_column_name (reader, 0), ==, "Freight Row");
      for (guint i = 0; i < kept->len; i++)
        g_assert_cmpstr (freight_csv_reader_get_column_name (reader, n_extra[kind] + i), ==,
                         f->source_header[g_array_index (kept, guint, i)]);

      for (;;)
        {
          g_autoptr(GError) local = NULL;
          const char *key;
          guint64 record;
          char **source_row;
          const char *extra[4] = { NULL };
          guint n_source, n_header = g_strv_length (f->source_header), at = n_extra[kind];

          /* Rows of the wrong length come out as they went in. */
          if (!freight_csv_reader_next_row (reader, NULL, &local))
            {
              if (local == NULL)
                break;
              g_assert_true (g_error_matches (local, FREIGHT_CSV_ERROR,
                                              FREIGHT_CSV_ERROR_TOO_FEW_FIELDS) ||
                             g_error_matches (local, FREIGHT_CSV_ERROR,
                                              FREIGHT_CSV_ERROR_TOO_MANY_FIELDS));
            }
          key = freight_csv_reader_get_field (reader, 0, NULL);
          record = GPOINTER_TO_UINT (g_hash_table_lookup (by_key, key));

          g_assert_cmpuint (record, >, 0);
          g_assert_false (seen[record]);
          seen[record] = TRUE;
          n_seen++;
          /* Every field the source row has, but Freight's own columns, in order; a row of
           * the wrong length stays as it was read. */
          source_row = f->source_rows->pdata[record - 1];
          n_source = g_strv_length (source_row);
          for (guint i = 0; i < n_source; i++)
            {
              if (i < n_header && freight_result_column_is_freight (f->source_header[i]))
                continue;
              g_assert_cmpstr (freight_csv_reader_get_field (reader, at, NULL), ==,
                               source_row[i]);
              at++;
            }
          g_assert_cmpuint (freight_csv_reader_get_n_fields (reader), ==, at);
          for (guint i = 1; i < n_extra[kind]; i++)
            extra[i - 1] = freight_csv_reader_get_field (reader, i, NULL);
          if (check != NULL)
            check (kind, record, extra, data);
        }
    }
  g_assert_cmpuint (n_seen, ==, f->source_rows->len);
}
