/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "freight.h"

/*
 * Pre-flight over a generated invoice file: bench-preflight ROWS [DIRECTORY [PERIOD]]
 *
 * Writes ROWS rows (keys repeating every PERIOD rows, by default never; a bad date every
 * 1000th; datetimes in Europe/Berlin) to DIRECTORY (default: the temporary folder), checks
 * them against the local org's Invoice__c with an upsert mapping, and prints rows per
 * second, CPU time and peak RSS. Memory should not grow with ROWS.
 */

static FreightDescribeObject *
schema_object (JsonArray  *objects,
               const char *name)
{
  for (guint i = 0; i < json_array_get_length (objects); i++)
    {
      JsonObject *object = json_array_get_object_element (objects, i);

      if (g_strcmp0 (json_object_get_string_member (object, "name"), name) == 0)
        return freight_describe_object_new_from_json (object, NULL);
    }
  g_error ("no %s in the schema", name);
}

static double
seconds (struct timeval tv)
{
  return tv.tv_sec + tv.tv_usec / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(FreightDescribeObject) invoice = NULL;
  g_autoptr(FreightDescribeObject) account = NULL;
  g_autoptr(FreightMapping) mapping = freight_mapping_new ();
  g_autoptr(FreightMappingPlan) plan = NULL;
  g_autoptr(FreightPreflight) preflight = NULL;
  g_autoptr(FreightPreflightResult) result = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *columns[] = { "Key", "Amount", "Date", "Sent", "Status", "Account", NULL };
  const char *directory = argc > 2 ? argv[2] : g_get_tmp_dir ();
  guint64 rows = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  guint64 period = argc > 3 ? g_ascii_strtoull (argv[3], NULL, 10) : rows;
  FreightValueFormat *format;
  struct rusage usage;
  gint64 start;
  double elapsed;
  FILE *out;

  if (!json_parser_load_from_file (parser, SOURCE_DATADIR "/local-org/schema.json", &error))
    g_error ("%s", error->message);
  {
    JsonArray *objects = json_object_get_array_member (
      json_node_get_object (json_parser_get_root (parser)), "objects");

    invoice = schema_object (objects, "Invoice__c");
    account = schema_object (objects, "Account");
  }

  path = g_build_filename (directory, "bench-preflight.csv", NULL);
  out = g_fopen (path, "w");
  fprintf (out, "Key,Amount,Date,Sent,Status,Account\n");
  for (guint64 i = 0; i < rows; i++)
    fprintf (out, "INV-%09" G_GUINT64_FORMAT ",\"%" G_GUINT64_FORMAT ",%02u\",%s,"
             "%02u.%02u.2024 %02u:%02u,%s,ACC-%05u\n",
             i % MAX (period, 1), i % 100000, (guint) (i % 100),
             i % 1000 == 999 ? "31.02.2024" : "15.03.2024",
             (guint) (i % 28 + 1), (guint) (i % 12 + 1), (guint) (i % 24), (guint) (i % 60),
             i % 3 == 0 ? "sent" : "Draft", (guint) (i % 50000));
  fclose (out);

  freight_mapping_set_object (mapping, invoice);
  freight_mapping_add_related_object (mapping, account);
  freight_mapping_set_operation (mapping, FREIGHT_OPERATION_UPSERT);
  freight_mapping_set_external_id_field (mapping, "External_Id__c");
  freight_mapping_set_source_columns (mapping, columns);
  freight_mapping_map_column (mapping, "Key", "External_Id__c", NULL);
  freight_mapping_map_column (mapping, "Amount", "Amount__c", NULL);
  freight_mapping_map_column (mapping, "Date", "Invoice_Date__c", NULL);
  freight_mapping_map_column (mapping, "Sent", "Sent_At__c", NULL);
  freight_mapping_map_column (mapping, "Status", "Status__c", NULL);
  freight_mapping_map_column (mapping, "Account", "Account__r.External_Id__c", NULL);
  format = freight_mapping_get_default_format (mapping);
  freight_value_format_set_date_format (format, FREIGHT_DATE_FORMAT_DMY_DOT);
  freight_value_format_set_decimal_separator (format, FREIGHT_DECIMAL_SEPARATOR_COMMA);
  freight_value_format_set_time_zone (format, "Europe/Berlin");

  plan = freight_mapping_plan_new (mapping, columns, &error);
  if (plan == NULL)
    g_error ("%s", error->message);
  file = g_file_new_for_path (path);
  preflight = freight_preflight_new (plan, file, NULL);

  start = g_get_monotonic_time ();
  result = freight_preflight_run (preflight, NULL, &error);
  if (result == NULL)
    g_error ("%s", error->message);
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  getrusage (RUSAGE_SELF, &usage);

  g_print ("%" G_GUINT64_FORMAT " rows in %.2f s (%.0f rows/s), CPU %.2f s user + %.2f s system, "
           "peak RSS %.1f MiB\n",
           freight_preflight_result_get_n_rows (result), elapsed,
           freight_preflight_result_get_n_rows (result) / elapsed,
           seconds (usage.ru_utime), seconds (usage.ru_stime), usage.ru_maxrss / 1024.0);
  g_print ("%" G_GUINT64_FORMAT " problems (%" G_GUINT64_FORMAT " duplicate keys, %"
           G_GUINT64_FORMAT " invalid values, %" G_GUINT64_FORMAT " ambiguous times), %"
           G_GUINT64_FORMAT " rows with errors\n",
           freight_preflight_result_get_n_problems (result),
           freight_preflight_result_get_count (result, FREIGHT_PROBLEM_DUPLICATE_KEY),
           freight_preflight_result_get_count (result, FREIGHT_PROBLEM_INVALID_VALUE),
           freight_preflight_result_get_count (result, FREIGHT_PROBLEM_AMBIGUOUS_TIME),
           freight_preflight_result_get_n_error_rows (result));
  g_unlink (path);
  return 0;
}
