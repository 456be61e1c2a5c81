/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CSV reader benchmark (run by tests/bench/csv/run.sh, not a unit test):
 *
 *   bench-csv generate FILE ROWS   writes a Salesforce-like CSV of ROWS records
 *   bench-csv freight FILE         parses FILE with Freight's reader
 *   bench-csv libcsv FILE          parses FILE with libcsv
 *
 * Both parsers touch every field (length and first byte, summed into a checksum so that
 * nothing can be optimized away). A parse prints one line:
 *   IMPL MB_PER_CPU_S ROWS FIELDS CHECKSUM MAX_RSS_KB MB_PER_WALL_S
 * Throughput is measured on CPU time (user + system) as well as on the wall clock: the
 * build machine is shared, and CPU time is what other processes do not disturb.
 */
#include "config.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/resource.h>

#include "freight.h"

typedef struct
{
  guint64 rows;
  guint64 fields;
  guint64 checksum;
} Totals;

static guint64 rng_state = 0x9E3779B97F4A7C15ull;

static guint32
rng (void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (guint32) (rng_state >> 11);
}

static const char *
pick (const char * const *list,
      gsize                n)
{
  return list[rng () % n];
}

#define PICK(list) pick (list, G_N_ELEMENTS (list))

static const char * const first_names[] = {
  "Anna", "Ben", "Chloé", "David", "Emma", "François", "Grace", "Hiro", "Ines", "Jürgen",
  "Kate", "Liam", "Maria", "Noah", "Olivia", "Pedro", "Quinn", "Rosa", "Sam", "Zoë",
};
static const char * const last_names[] = {
  "Smith", "Müller", "Garcia", "O'Brien", "Nguyen", "Rossi", "Dubois", "Kowalski", "Tanaka",
  "Johnson", "Andersson", "Silva", "Brown", "Novak", "Jensen", "Costa",
};
static const char * const companies[] = {
  "Acme", "Globex", "Initech", "Umbrella", "Stark Industries", "Wayne Enterprises",
  "Hooli", "Vandelay Industries", "Soylent", "Tyrell", "Cyberdyne", "Wonka Industries",
};
static const char * const suffixes[] = { "Inc.", "Ltd.", "GmbH", "LLC", "S.A." };
static const char * const streets[] = {
  "Main St", "High Street", "Rue de la Paix", "Hauptstraße", "Elm Avenue", "Market Square",
};
static const char * const cities[] = {
  "London", "Paris", "Berlin", "New York", "São Paulo", "Tokyo", "Madrid", "Zürich",
};
static const char * const countries[] = {
  "UK", "France", "Germany", "USA", "Brazil", "Japan", "Spain", "Switzerland",
};
static const char * const ratings[] = { "Hot", "Warm", "Cold" };
static const char * const notes[] = {
  "Met at the trade show; follow up in Q3",
  "Prefers email, not phone",
  "Asked for the \"\"enterprise\"\" plan",
  "Renewal due next month, budget approved",
  "Key account, handle with care",
};

static int
generate (const char *path,
          guint64     rows)
{
  FILE *out = fopen (path, "w");

  if (out == NULL)
    {
      perror (path);
      return 1;
    }

  fputs ("Id,Name,FirstName,LastName,Email,Phone,BillingStreet,BillingCity,"
         "BillingPostalCode,BillingCountry,AnnualRevenue,CreatedDate,IsActive,"
         "Description,Rating\n", out);

  for (guint64 i = 0; i < rows; i++)
    {
      const char *first = PICK (first_names);
      const char *last = PICK (last_names);
      const char *company = PICK (companies);
      guint32 r = rng ();

      /* Every third name has a comma in it, which needs quotes. */
      fprintf (out, "001%015" G_GINT64_MODIFIER "X,", (gint64) i * 7919);
      if (r % 3 == 0)
        fprintf (out, "\"%s, %s\",", company, PICK (suffixes));
      else
        fprintf (out, "%s %s,", company, PICK (suffixes));
      fprintf (out, "%s,%s,%c%u@example.com,+1 555 %07u,%u %s,%s,%05u,%s,%u.%02u,",
               first, last, g_ascii_tolower (first[0]), rng () % 100000, rng () % 10000000,
               rng () % 2000 + 1, PICK (streets), PICK (cities), rng () % 100000,
               PICK (countries), rng () % 100000000, rng () % 100);
      fprintf (out, "2024-%02u-%02uT%02u:%02u:%02u.000Z,%s,", rng () % 12 + 1, rng () % 28 + 1,
               rng () % 24, rng () % 60, rng () % 60, (r >> 3) % 2 ? "true" : "false");
      /* One description in twenty spans two lines. */
      if ((r >> 4) % 20 == 0)
        fprintf (out, "\"%s\r\nSecond line: %s\",", PICK (notes), PICK (notes));
      else
        fprintf (out, "\"%s\",", PICK (notes));
      fprintf (out, "%s\n", PICK (ratings));
    }

  if (fclose (out) != 0)
    {
      perror (path);
      return 1;
    }
  return 0;
}

static gint64
cpu_usec (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static void
report (const char   *impl,
        const char   *path,
        gint64        wall_usec,
        gint64        cpu,
        const Totals *totals)
{
  struct rusage usage;
  GStatBuf st;
  double mb;

  getrusage (RUSAGE_SELF, &usage);
  if (g_stat (path, &st) != 0)
    st.st_size = 0;
  mb = st.st_size / 1e6;
  printf ("%s %.1f %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %ld %.1f\n",
          impl, mb / (MAX (cpu, 1) / 1e6), totals->rows, totals->fields, totals->checksum,
          usage.ru_maxrss, mb / (MAX (wall_usec, 1) / 1e6));
}

static int
parse_freight (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  FreightCsvDialect dialect;
  Totals totals = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 cpu_start = cpu_usec ();

  freight_csv_dialect_init (&dialect);
  reader = freight_csv_reader_new_for_file (file, &dialect, FREIGHT_CSV_READER_FLAGS_NONE,
                                            NULL, &error);
  if (reader == NULL || !freight_csv_reader_read_header (reader, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  for (;;)
    {
      guint n;

      if (!freight_csv_reader_next_row (reader, NULL, &error))
        {
          if (error == NULL)
            break;
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      n = freight_csv_reader_get_n_fields (reader);
      for (guint i = 0; i < n; i++)
        {
          gsize len;
          const char *field = freight_csv_reader_get_field (reader, i, &len);

          totals.checksum += len + (guint8) field[0];
        }
      totals.fields += n;
      totals.rows++;
    }

  /* The header is a row to libcsv. */
  totals.rows++;
  for (guint i = 0; i < freight_csv_reader_get_n_columns (reader); i++)
    {
      const char *name = freight_csv_reader_get_column_name (reader, i);

      totals.checksum += strlen (name) + (guint8) name[0];
      totals.fields++;
    }
  report ("freight", path, g_get_monotonic_time () - start, cpu_usec () - cpu_start, &totals);
  return 0;
}

static void
libcsv_field (void  *data,
              size_t len,
              void  *user_data)
{
  Totals *totals = user_data;

  totals->checksum += len + (len > 0 ? *(guint8 *) data : 0);
  totals->fields++;
}

static void
libcsv_row (int   c,
            void *user_data)
{
  Totals *totals = user_data;

  totals->rows++;
}

static int
parse_libcsv (const char *path)
{
  struct csv_parser parser;
  Totals totals = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 cpu_start = cpu_usec ();
  gsize size = 1024 * 1024;
  g_autofree char *buf = g_malloc (size);
  FILE *in = fopen (path, "rb");
  size_t n;

  if (in == NULL)
    {
      perror (path);
      return 1;
    }
  if (csv_init (&parser, 0) != 0)
    return 1;

  while ((n = fread (buf, 1, size, in)) > 0)
    if (csv_parse (&parser, buf, n, libcsv_field, libcsv_row, &totals) != n)
      {
        fprintf (stderr, "libcsv: %s\n", csv_strerror (csv_error (&parser)));
        return 1;
      }
  csv_fini (&parser, libcsv_field, libcsv_row, &totals);
  csv_free (&parser);
  fclose (in);

  report ("libcsv", path, g_get_monotonic_time () - start, cpu_usec () - cpu_start, &totals);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "generate"))
    return generate (argv[2], g_ascii_strtoull (argv[3], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "freight"))
    return parse_freight (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "libcsv"))
    return parse_libcsv (argv[2]);

  fprintf (stderr, "usage: %s generate FILE ROWS | freight FILE | libcsv FILE\n", argv[0]);
  return 2;
}
