/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reconciliation benchmark (run by tests/bench/reconcile/run.sh, not a unit test):
 *
 *   bench-reconcile generate DIR ROWS   writes DIR/source.csv of ROWS records, the part the
 *                                       pipeline would make of it (one part) and the three
 *                                       result files of its job: fully shuffled, echoes
 *                                       normalized, some rows failed, unprocessed, missing,
 *                                       identical or skipped by pre-flight
 *   bench-reconcile run DIR             reconciles the part and writes the run's result
 *                                       files into DIR/run, then prints one line:
 *     ROWS RECONCILE_CPU_S WRITE_CPU_S CPU_S MAX_RSS_KB INDEX_BYTES_PER_ROW SUCCEEDED
 *     FAILED UNPROCESSED AMBIGUOUS UNMATCHED
 *   (CPU seconds, user and system, of reconciling, of writing, and of the whole process)
 *
 * Generation runs in its own process so that only reconciliation counts in the peak RSS.
 * Rows are generated from their record number, so no process holds them all. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "freight.h"
#include "freight-reconcile-private.h"

enum { EXT, NAME, AMOUNT, ACTIVE, WHEN, DAY, OWNER, COMMENT, N_COLUMNS };
#define N_SENT 7

static const char * const header[N_COLUMNS] = {
  "Ext", "Name", "Amount", "Active", "When", "Day", "Owner", "Comment",
};
static const char * const sent_header[N_SENT] = {
  "Ext__c", "Name", "Amount__c", "Active__c", "When__c", "Day__c", "OwnerId",
};
static const FreightReconcileKind kinds[N_SENT] = {
  FREIGHT_RECONCILE_KIND_TEXT, FREIGHT_RECONCILE_KIND_TEXT, FREIGHT_RECONCILE_KIND_NUMBER,
  FREIGHT_RECONCILE_KIND_BOOLEAN, FREIGHT_RECONCILE_KIND_DATETIME, FREIGHT_RECONCILE_KIND_DATE,
  FREIGHT_RECONCILE_KIND_ID,
};
static const char * const companies[] = {
  "Acme", "Globex, Inc.", "Initech", "Umbrella \"Corp\"", "Stark Industries", "Hooli",
  "Vandelay\nIndustries", "Soylent", "Tyrell", "Cyberdyne", "Wönka Industries", "Oscorp",
};

typedef enum { GOES_SUCCESS, GOES_FAILED, GOES_UNPROCESSED, GOES_MISSING, GOES_SKIPPED } Goes;

static guint64
mix64 (guint64 x)
{
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  return x ^ (x >> 33);
}

static Goes
goes (guint64 record)
{
  guint r = mix64 (record * 7 + 1) % 1000;

  if (r < 10)
    return GOES_SKIPPED;
  if (r < 80)
    return GOES_FAILED;
  if (r < 90)
    return GOES_UNPROCESSED;
  if (r < 110)
    return GOES_MISSING;
  return GOES_SUCCESS;
}

/* The content of a record; one in fifty repeats its predecessor's sent values. */
typedef struct
{
  char ext[16], name[48], amount[32], active[8], when[32], day[16], owner[20], comment[40];
} Row;

static void
gen_row (guint64  record,
         Row     *row)
{
  guint64 content = (record > 1 && mix64 (record) % 50 == 0) ? record - 1 : record;
  guint64 h = mix64 (content);

  g_snprintf (row->ext, sizeof row->ext, "EXT-%08" G_GUINT64_FORMAT, content);
  g_snprintf (row->name, sizeof row->name, "%s %u", companies[h % G_N_ELEMENTS (companies)],
              (guint) (h >> 8) % 1000);
  if (h % 3 == 0)
    g_snprintf (row->amount, sizeof row->amount, "%u", (guint) (h >> 16) % 1000000000);
  else
    g_snprintf (row->amount, sizeof row->amount, "%u.%02u", (guint) (h >> 16) % 100000,
                (guint) (h >> 40) % 100);
  g_strlcpy (row->active, (h >> 20) % 2 ? "true" : "false", sizeof row->active);
  g_snprintf (row->when, sizeof row->when, "2024-%02u-%02uT%02u:%02u:%02uZ",
              (guint) (h >> 24) % 12 + 1, (guint) (h >> 28) % 28 + 1, (guint) (h >> 32) % 24,
              (guint) (h >> 36) % 60, (guint) (h >> 42) % 60);
  g_snprintf (row->day, sizeof row->day, "2023-%02u-%02u", (guint) (h >> 46) % 12 + 1,
              (guint) (h >> 50) % 28 + 1);
  g_snprintf (row->owner, sizeof row->owner, "005Hu%010u", (guint) (h >> 20) % 50);
  g_snprintf (row->comment, sizeof row->comment, "note %" G_GUINT64_FORMAT, record);
}

static const char *
field (const Row *row,
       guint      column)
{
  const char *fields[N_COLUMNS] = {
    row->ext, row->name, row->amount, row->active, row->when, row->day, row->owner,
    row->comment,
  };

  return fields[column];
}

/* The value as a real org echoes it. */
static void
echo (guint        column,
      const char  *value,
      char        *out,
      gsize        size)
{
  char id[19];

  switch (column)
    {
    case AMOUNT:
      if (strchr (value, '.') == NULL && strlen (value) > 7)
        g_snprintf (out, size, "%c.%sE%u", value[0], value + 1, (guint) strlen (value) - 1);
      else if (strchr (value, '.') == NULL)
        g_snprintf (out, size, "%s.0", value);
      else
        g_strlcpy (out, value, size);
      break;
    case ACTIVE:
      g_strlcpy (out, strcmp (value, "true") == 0 ? "TRUE" : "FALSE", size);
      break;
    case WHEN:
      g_snprintf (out, size, "%.19s.000+0000", value);
      break;
    case OWNER:
      freight_sf_id_to_18 (value, -1, id);
      g_strlcpy (out, id, size);
      break;
    default:
      g_strlcpy (out, value, size);
    }
}

static void
die (GError *error)
{
  g_printerr ("bench-reconcile: %s\n", error->message);
  exit (1);
}

static FreightCsvWriter *
open_writer (GFile         *file,
             FreightCsvQuoteMode mode,
             GOutputStream **stream)
{
  g_autoptr(GError) error = NULL;
  GFileOutputStream *out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);

  if (out == NULL)
    die (error);
  *stream = G_OUTPUT_STREAM (out);
  return freight_csv_writer_new (*stream, ',', FREIGHT_CSV_LINE_ENDING_LF, mode);
}

static void
close_writer (FreightCsvWriter *writer,
              GOutputStream    *stream)
{
  g_autoptr(GError) error = NULL;

  if (!freight_csv_writer_flush (writer, NULL, &error) ||
      !g_output_stream_close (stream, NULL, &error))
    die (error);
  g_object_unref (writer);
  g_object_unref (stream);
}

static void
end_row (FreightCsvWriter *writer)
{
  g_autoptr(GError) error = NULL;

  if (!freight_csv_writer_end_row (writer, NULL, &error))
    die (error);
}

static void
generate (const char *dir,
          guint64     n_rows)
{
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(GFile) source = g_file_get_child (root, "source.csv");
  g_autoptr(FreightSpoolPart) part = freight_spool_part_new (root, 1);
  g_autoptr(GFile) part_csv = freight_spool_part_get_file (part, FREIGHT_SPOOL_FILE_CSV);
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *records = g_new (guint32, n_rows);
  GOutputStream *source_stream, *part_stream;
  FreightCsvWriter *source_writer, *part_writer;
  FreightCsvWriter *results[3];
  GOutputStream *result_streams[3];
  guint64 n_part = 0, offset;
  char buf[64];

  source_writer = open_writer (source, FREIGHT_CSV_QUOTE_WHEN_NEEDED, &source_stream);
  part_writer = open_writer (part_csv, FREIGHT_CSV_QUOTE_WHEN_NEEDED, &part_stream);
  freight_csv_writer_write_row (source_writer, header, N_COLUMNS, NULL, &error);
  freight_csv_writer_write_row (part_writer, sent_header, N_SENT, NULL, &error);
  if (error != NULL)
    die (error);
  offset = freight_csv_writer_get_bytes_written (source_writer);
  if (!freight_spool_part_begin (part, 1, offset, 2, NULL, &error))
    die (error);

  for (guint64 r = 1; r <= n_rows; r++)
    {
      Row row;

      gen_row (r, &row);
      for (guint c = 0; c < N_COLUMNS; c++)
        freight_csv_writer_add_field (source_writer, field (&row, c), -1);
      end_row (source_writer);
      if (goes (r) == GOES_SKIPPED)
        {
          if (!freight_spool_part_add_skipped (part, r, "Amount__c: not a number", NULL, &error))
            die (error);
          continue;
        }
      for (guint c = 0; c < N_SENT; c++)
        freight_csv_writer_add_field (part_writer, field (&row, c), -1);
      end_row (part_writer);
      if (!freight_spool_part_add_row (part, r, NULL, &error))
        die (error);
      records[n_part++] = r;
    }
  close_writer (source_writer, source_stream);
  close_writer (part_writer, part_stream);
  if (!freight_spool_part_finish (part, n_rows, NULL, &error))
    die (error);
  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT "\n", n_rows, offset);
  {
    g_autoptr(GFile) meta = g_file_get_child (root, "meta");

    if (!g_file_replace_contents (meta, buf, strlen (buf), NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, NULL, &error))
      die (error);
  }

  /* The results, in a random order of the whole part (Salesforce's worst). */
  for (guint64 i = n_part; i > 1; i--)
    {
      guint64 j = mix64 (i ^ 0xabcdef) % i;
      guint32 t = records[i - 1];

      records[i - 1] = records[j];
      records[j] = t;
    }
  for (guint k = 0; k < 3; k++)
    {
      static const FreightSpoolFile files[] = {
        FREIGHT_SPOOL_FILE_SUCCESS, FREIGHT_SPOOL_FILE_FAILED, FREIGHT_SPOOL_FILE_UNPROCESSED,
      };
      static const char * const first[] = { "\"sf__Id\",\"sf__Created\",",
                                            "\"sf__Id\",\"sf__Error\",", "" };
      g_autoptr(GFile) file = freight_spool_part_get_file (part, files[k]);
      g_autofree char *line = g_strconcat (first[k], "Ext__c,Name,Amount__c,Active__c,When__c,"
                                           "Day__c,OwnerId\n", NULL);

      results[k] = open_writer (file, FREIGHT_CSV_QUOTE_ALWAYS, &result_streams[k]);
      if (!g_output_stream_write_all (result_streams[k], line, strlen (line), NULL, NULL,
                                      &error))
        die (error);
    }
  for (guint64 i = 0; i < n_part; i++)
    {
      guint64 r = records[i];
      Goes g = goes (r);
      FreightCsvWriter *writer;
      char value[64];
      Row row;

      if (g == GOES_MISSING)
        continue;
      writer = results[g];
      gen_row (r, &row);
      if (g == GOES_SUCCESS)
        {
          g_snprintf (value, sizeof value, "001Hu%010" G_GUINT64_FORMAT "AAA", r);
          freight_csv_writer_add_field (writer, value, -1);
          freight_csv_writer_add_field (writer, "true", -1);
        }
      else if (g == GOES_FAILED)
        {
          freight_csv_writer_add_field (writer, "", -1);
          freight_csv_writer_add_field (writer, "REQUIRED_FIELD_MISSING:Required fields are "
                                        "missing: [Name]:Name --", -1);
        }
      for (guint c = 0; c < N_SENT; c++)
        {
          echo (c, field (&row, c), value, sizeof value);
          freight_csv_writer_add_field (writer, value, -1);
        }
      end_row (writer);
    }
  for (guint k = 0; k < 3; k++)
    close_writer (results[k], result_streams[k]);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
         usage.ru_stime.tv_usec / 1e6;
}

static void
run (const char *dir)
{
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(GFile) source = g_file_get_child (root, "source.csv");
  g_autoptr(GFile) meta = g_file_get_child (root, "meta");
  g_autoptr(GFile) out_dir = g_file_get_child (root, "run");
  g_autoptr(FreightSpoolPart) part = freight_spool_part_new (root, 1);
  g_autoptr(FreightReconcileResult) result = NULL;
  g_autoptr(FreightReconcileOutput) output = NULL;
  g_autoptr(FreightReconcileIndex) probe = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  FreightReconcileOutputState state;
  FreightCsvDialect dialect;
  struct rusage usage;
  guint64 n_rows, offset;
  double t0, t1, t2;

  if (!g_file_load_contents (meta, NULL, &contents, NULL, NULL, &error))
    die (error);
  if (sscanf (contents, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &n_rows, &offset) != 2)
    {
      g_printerr ("bench-reconcile: bad meta file\n");
      exit (1);
    }
  if (!g_file_make_directory_with_parents (out_dir, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    die (error);
  g_clear_error (&error);

  freight_spool_part_set_column_kinds (part, kinds, N_SENT);
  freight_spool_part_set_source_range (part, 1, n_rows, offset, 2);
  freight_spool_part_set_job_end (part, FREIGHT_JOB_END_COMPLETE, NULL);

  t0 = cpu_seconds ();
  result = freight_reconcile_part (part, NULL, &error);
  if (result == NULL)
    die (error);
  t1 = cpu_seconds ();
  freight_csv_dialect_init (&dialect);
  output = freight_reconcile_output_new (out_dir, source, &dialect, FREIGHT_CSV_READER_LENIENT,
                                         NULL, NULL, &error);
  if (output == NULL ||
      !freight_reconcile_output_append_part (output, part, result, NULL, &error) ||
      !freight_reconcile_output_close (output, NULL, &error) ||
      !freight_reconcile_output_check (output, n_rows, &error))
    die (error);
  t2 = cpu_seconds ();

  getrusage (RUSAGE_SELF, &usage);
  freight_reconcile_output_get_state (output, &state);
  probe = _freight_reconcile_index_new (freight_reconcile_result_get_n_rows (result));
  g_print ("%" G_GUINT64_FORMAT " %.3f %.3f %.3f %ld %.1f %" G_GUINT64_FORMAT " %"
           G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
           "\n", n_rows, t1 - t0, t2 - t1, cpu_seconds (), usage.ru_maxrss,
           (double) _freight_reconcile_index_get_size (probe) /
             MAX (freight_reconcile_result_get_n_rows (result), 1),
           state.n_succeeded, state.n_failed, state.n_unprocessed, state.n_ambiguous,
           state.n_unmatched);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && strcmp (argv[1], "generate") == 0)
    generate (argv[2], g_ascii_strtoull (argv[3], NULL, 10));
  else if (argc == 3 && strcmp (argv[1], "run") == 0)
    run (argv[2]);
  else
    {
      g_printerr ("usage: bench-reconcile generate DIR ROWS | run DIR\n");
      return 2;
    }
  return 0;
}
