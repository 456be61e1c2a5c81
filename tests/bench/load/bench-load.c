/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "freight.h"
#include "freight-load-prepare.h"

/* The load benchmark's data generator: writes ROWS Account rows whose header is the API
 * names, so that auto-map maps every column (tests/bench/load/run.sh).
 *
 *   bench-load generate FILE ROWS
 */

static const char *industries[] = {
  "Agriculture", "Banking", "Chemicals", "Communications", "Construction", "Consulting",
  "Education", "Electronics", "Energy", "Engineering",
};

static int
generate (const char *path,
          guint64     rows)
{
  FILE *out = fopen (path, "w");
  static char buf[1 << 20];

  if (out == NULL)
    {
      perror (path);
      return 1;
    }
  setvbuf (out, buf, _IOFBF, sizeof buf);
  fputs ("Name,External_Id__c,Phone,Industry,NumberOfEmployees,AnnualRevenue,BillingCity,"
         "Website\n", out);
  for (guint64 i = 1; i <= rows; i++)
    fprintf (out, "Company %" G_GUINT64_FORMAT ",EXT-%010" G_GUINT64_FORMAT
             ",+1 555 %07" G_GUINT64_FORMAT ",%s,%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT
             ",City %" G_GUINT64_FORMAT ",www.company%" G_GUINT64_FORMAT ".example.com\n",
             i, i, i % 10000000, industries[i % G_N_ELEMENTS (industries)], i % 50000,
             i * 37 % 100000000, i % 997, i);
  if (fclose (out) != 0)
    {
      perror (path);
      return 1;
    }
  return 0;
}

/* The schema's Account, auto-mapped to the file's header. */
static FreightMappingPlan *
account_plan (GFile *file)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightMapping) mapping = freight_mapping_new ();
  g_autoptr(FreightCsvReader) reader = NULL;
  JsonArray *objects;

  if (!json_parser_load_from_file (parser, SOURCE_DATADIR "/local-org/schema.json", &error))
    g_error ("%s", error->message);
  objects = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "objects");
  for (guint i = 0; i < json_array_get_length (objects); i++)
    {
      JsonObject *object = json_array_get_object_element (objects, i);

      if (g_str_equal (json_object_get_string_member (object, "name"), "Account"))
        {
          g_autoptr(FreightDescribeObject) account =
            freight_describe_object_new_from_json (object, &error);

          freight_mapping_set_object (mapping, account);
        }
    }
  freight_mapping_set_operation (mapping, FREIGHT_OPERATION_INSERT);
  reader = freight_csv_reader_new_for_file (file, NULL, 0, NULL, &error);
  if (reader == NULL || !freight_csv_reader_read_header (reader, NULL, &error))
    g_error ("%s", error->message);
  freight_mapping_set_source_columns (mapping, freight_csv_reader_get_column_names (reader));
  freight_mapping_auto_map (mapping, NULL);
  return freight_mapping_plan_new (mapping, freight_csv_reader_get_column_names (reader), &error);
}

static double
cpu_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

/* Prepares the parts of FILE into SPOOL, as a load does, and prints the CPU time. */
static int
prepare (const char *path,
         const char *spool)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) dir = g_file_new_for_path (spool);
  g_autoptr(FreightMappingPlan) plan = account_plan (file);
  g_autoptr(FreightPreparer) preparer = NULL;
  g_autoptr(GError) error = NULL;
  FreightPreparerSettings settings = { 0 };
  FreightPartInfo info;
  double start = cpu_seconds ();
  guint parts = 0;

  settings.source = file;
  freight_csv_dialect_init (&settings.dialect);
  settings.plan = plan;
  settings.spool_dir = dir;
  settings.job_delimiter = ',';
  if (g_getenv ("BENCH_HASHES") != NULL)
    {
      static FreightReconcileKind kinds[64];

      for (guint i = 0; i < freight_mapping_plan_get_n_outputs (plan); i++)
        kinds[i] = freight_reconcile_kind_for_field_type (freight_describe_field_get_type_name (
                     freight_mapping_plan_get_output_value_field (plan, i)));
      settings.kinds = kinds;
    }
  preparer = _freight_preparer_new (&settings);
  if (!_freight_preparer_open (preparer, 1, 1, 0, 0, NULL, &error))
    g_error ("%s", error->message);
  while (_freight_preparer_next_part (preparer, &info, NULL, &error))
    parts++;
  if (error != NULL)
    g_error ("%s", error->message);
  printf ("prepare: %u parts, %.3f s CPU\n", parts, cpu_seconds () - start);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "generate"))
    return generate (argv[2], g_ascii_strtoull (argv[3], NULL, 10));
  if (argc == 4 && g_str_equal (argv[1], "prepare"))
    return prepare (argv[2], argv[3]);
  fprintf (stderr, "usage: %s generate FILE ROWS | prepare FILE SPOOL\n", argv[0]);
  return 2;
}
