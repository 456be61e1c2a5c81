/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "freight-load-prepare.h"
#include "freight-reconcile-private.h"
#include "freight-transform-private.h"
#include "test-util.h"

/* The part preparer: parts split by size and row cap, records left out (pre-flight, CSV
 * errors, a stop), the spool sidecars, and resuming in the middle of a source. */

typedef struct
{
  char  *directory;
  GFile *spool;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *spool = NULL;

  fixture->directory = g_dir_make_tmp ("freight-test-prepare-XXXXXX", &error);
  g_assert_no_error (error);
  spool = g_build_filename (fixture->directory, "spool", NULL);
  g_assert_cmpint (g_mkdir (spool, 0700), ==, 0);
  fixture->spool = g_file_new_for_path (spool);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->directory);
  g_free (fixture->directory);
  g_object_unref (fixture->spool);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *content)
{
  g_autofree char *path = g_build_filename (fixture->directory, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, content, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static char *
spool_text (Fixture    *fixture,
            const char *name)
{
  g_autoptr(GFile) file = g_file_get_child (fixture->spool, name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, &error))
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      return NULL;
    }
  return contents;
}

/* part-NNNN.rows as "1,2,5" */
static char *
spool_rows (Fixture *fixture,
            guint    number)
{
  g_autofree char *name = g_strdup_printf ("part-%04u.rows", number);
  g_autoptr(GFile) file = g_file_get_child (fixture->spool, name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_file_load_contents (file, NULL, &contents, &len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len % 8, ==, 0);
  for (gsize i = 0; i < len; i += 8)
    {
      guint64 le;

      memcpy (&le, contents + i, 8);
      g_string_append_printf (text, "%s%" G_GUINT64_FORMAT, i > 0 ? "," : "",
                              GUINT64_FROM_LE (le));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static FreightMapping *
account_mapping (const char * const *columns)
{
  g_autoptr(FreightDescribeObject) account = test_schema_object ("Account");
  FreightMapping *mapping = freight_mapping_new ();

  freight_mapping_set_object (mapping, account);
  freight_mapping_set_operation (mapping, FREIGHT_OPERATION_INSERT);
  freight_mapping_set_source_columns (mapping, columns);
  return mapping;
}

static void
map (FreightMapping *mapping,
     const char     *column,
     const char     *target)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (freight_mapping_map_column (mapping, column, target, &error));
  g_assert_no_error (error);
}

static FreightMappingPlan *
make_plan (FreightMapping *mapping)
{
  g_autoptr(GError) error = NULL;
  FreightMappingPlan *plan;

  plan = freight_mapping_plan_new (mapping, freight_mapping_get_source_columns (mapping),
                                   &error);
  g_assert_no_error (error);
  return plan;
}

static const char * const account_columns[] = { "Company", "Revenue", "Staff", "Note", NULL };

static FreightMappingPlan *
account_plan (void)
{
  g_autoptr(FreightMapping) mapping = account_mapping (account_columns);

  map (mapping, "Company", "Name");
  map (mapping, "Revenue", "AnnualRevenue");
  map (mapping, "Staff", "NumberOfEmployees");
  return make_plan (mapping);
}

static FreightPreparer *
make_preparer (Fixture            *fixture,
               GFile              *source,
               FreightMappingPlan *plan,
               guint64             part_size,
               guint64             part_rows,
               GFile              *exclusions)
{
  FreightPreparerSettings settings = { 0 };

  settings.source = source;
  freight_csv_dialect_init (&settings.dialect);
  settings.flags = FREIGHT_CSV_READER_FLAGS_NONE;
  settings.plan = plan;
  settings.spool_dir = fixture->spool;
  settings.job_delimiter = ',';
  settings.job_line_ending = FREIGHT_CSV_LINE_ENDING_LF;
  settings.part_size = part_size;
  settings.part_rows = part_rows;
  settings.exclusions = exclusions;
  return _freight_preparer_new (&settings);
}

static void
test_prepare_rows_cap (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(FreightMappingPlan) plan = account_plan ();
  g_autoptr(GFile) source = write_file (fixture, "accounts.csv",
    "Company,Revenue,Staff,Note\r\n"
    "Acme,1000,10,first\r\n"
    "\"Globex, Inc.\",2000.5,20,\"two\r\nlines\"\r\n"
    "\r\n"
    "Initech,3000,30,\r\n"
    "\"Umbrella \"\"Corp\"\"\",,,x\r\n"
    "Hooli,5e3,50,y\r\n");
  g_autoptr(FreightPreparer) preparer = make_preparer (fixture, source, plan, 0, 2, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv1 = NULL, *csv2 = NULL, *csv3 = NULL;
  g_autofree char *rows1 = NULL, *rows3 = NULL;
  FreightPartInfo info;

  g_assert_true (_freight_preparer_open (preparer, 1, 1, 0, 0, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (_freight_preparer_next_part (preparer, &info, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.number, ==, 1);
  g_assert_cmpuint (info.first_record, ==, 1);
  g_assert_cmpuint (info.last_record, ==, 2);
  g_assert_cmpuint (info.n_rows, ==, 2);
  g_assert_cmpuint (info.n_skipped, ==, 0);
  g_assert_cmpuint (info.offset, ==, 28);
  g_assert_cmpuint (info.line, ==, 2);
  /* The blank line is read with the record that follows it, ahead of the next part. */
  g_assert_cmpuint (info.n_blank_lines, ==, 1);
  csv1 = spool_text (fixture, "part-0001.csv");
  g_assert_cmpstr (csv1, ==,
                   "Name,AnnualRevenue,NumberOfEmployees\n"
                   "Acme,1000,10\n"
                   "\"Globex, Inc.\",2001,20\n");
  g_assert_cmpuint (info.bytes, ==, strlen (csv1));
  rows1 = spool_rows (fixture, 1);
  g_assert_cmpstr (rows1, ==, "1,2");

  g_assert_true (_freight_preparer_next_part (preparer, &info, NULL, &error));
  g_assert_cmpuint (info.first_record, ==, 3);
  g_assert_cmpuint (info.last_record, ==, 4);
  g_assert_cmpuint (info.line, ==, 6);
  g_assert_cmpuint (info.n_blank_lines, ==, 0);
  csv2 = spool_text (fixture, "part-0002.csv");
  g_assert_cmpstr (csv2, ==,
                   "Name,AnnualRevenue,NumberOfEmployees\n"
                   "Initech,3000,30\n"
                   "\"Umbrella \"\"Corp\"\"\",,\n");

  g_assert_true (_freight_preparer_next_part (preparer, &info, NULL, &error));
  g_assert_cmpuint (info.number, ==, 3);
  g_assert_cmpuint (info.first_record, ==, 5);
  g_assert_cmpuint (info.last_record, ==, 5);
  csv3 = spool_text (fixture, "part-0003.csv");
  g_assert_cmpstr (csv3, ==, "Name,AnnualRevenue,NumberOfEmployees\nHooli,5000,50\n");
  rows3 = spool_rows (fixture, 3);
  g_assert_cmpstr (rows3, ==, "5");

  g_assert_false (_freight_preparer_next_part (preparer, &info, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (_freight_preparer_get_rows (preparer), ==, 5);
}

static void
test_prepare_size_limit (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(FreightMappingPlan) plan = account_plan ();
  g_autoptr(GString) text = g_string_new ("Company,Revenue,Staff,Note\n");
  g_autoptr(GFile) source = NULL;
  g_autoptr(FreightPreparer) preparer = NULL;
  g_autoptr(GError) error = NULL;
  FreightPartInfo info;
  guint64 next = 1, n_parts = 0;

  for (guint i = 1; i <= 1000; i++)
    g_string_append_printf (text, "Company %u,%u,%u,note\n", i, i * 10, i);
  source = write_file (fixture, "many.csv", text->str);
  preparer = make_preparer (fixture, source, plan, 1000, 0, NULL);
  g_assert_true (_freight_preparer_open (preparer, 1, 1, 0, 0, NULL, &error));

  while (_freight_preparer_next_part (preparer, &info, NULL, &error))
    {
      g_autofree char *name = g_strdup_printf ("part-%04u.csv", info.number);
      g_autofree char *csv = spool_text (fixture, name);

      n_parts++;
      g_assert_cmpuint (info.first_record, ==, next);
      g_assert_cmpuint (info.n_rows, ==, info.last_record - info.first_record + 1);
      /* Full, but never over the limit: one more row would not have fitted. */
      g_assert_cmpuint (strlen (csv), ==, info.bytes);
      g_assert_cmpuint (info.bytes, <=, 1000);
      if (info.last_record < 1000)
        g_assert_cmpuint (info.bytes, >, 1000 - 32);
      next = info.last_record + 1;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (next, ==, 1001);
  g_assert_cmpuint (n_parts, >, 20);
}

static void
test_prepare_skipped (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(FreightMappingPlan) plan = account_plan ();
  g_autoptr(GFile) source = write_file (fixture, "skips.csv",
    "Company,Revenue,Staff,Note\n"
    "A,1,1,\n"
    "B,2,2,\n"
    "C,3\n"
    "D,4,4,\n"
    "E,abc,5,\n"
    "F,6,6,\n");
  g_autoptr(GFile) exclusions = write_file (fixture, "exclusions.csv",
    "Freight Row,Freight Reason\n"
    "2,Excluded by you\n"
    "6,\"Too, many\"\n");
  g_autoptr(FreightPreparer) preparer = make_preparer (fixture, source, plan, 0, 2,
                                                       exclusions);
  g_autoptr(GError) error = NULL;
  g_autofree char *skipped1 = NULL, *skipped2 = NULL, *csv2 = NULL, *rows2 = NULL;
  FreightPartInfo info;

  g_assert_true (_freight_preparer_open (preparer, 1, 1, 0, 0, NULL, &error));
  g_assert_true (_freight_preparer_next_part (preparer, &info, NULL, &error));
  g_assert_no_error (error);
  /* Rows 1 and 4 are sent; 2 is excluded and 3 unreadable, both in between. */
  g_assert_cmpuint (info.first_record, ==, 1);
  g_assert_cmpuint (info.last_record, ==, 4);
  g_assert_cmpuint (info.n_rows, ==, 2);
  g_assert_cmpuint (info.n_skipped, ==, 2);
  skipped1 = spool_text (fixture, "part-0001.skipped");
  g_assert_cmpstr (skipped1, ==,
                   "Freight Row,Freight Reason\n"
                   "2,Excluded by you\n"
                   "3,\"skips.csv: line 4, column 3 (“Staff”): this row has 2 fields, but "
                   "the header has 4 columns\"\n");

  /* A value that does not convert goes as written; the excluded row at the end stays in
   * the last part. */
  g_assert_true (_freight_preparer_next_part (preparer, &info, NULL, &error));
  g_assert_cmpuint (info.first_record, ==, 5);
  g_assert_cmpuint (info.last_record, ==, 6);
  g_assert_cmpuint (info.n_rows, ==, 1);
  csv2 = spool_text (fixture, "part-0002.csv");
  g_assert_cmpstr (csv2, ==, "Name,AnnualRevenue,NumberOfEmployees\nE,abc,5\n");
  rows2 = spool_rows (fixture, 2);
  g_assert_cmpstr (rows2, ==, "5");
  skipped2 = spool_text (fixture, "part-0002.skipped");
  g_assert_cmpstr (skipped2, ==, "Freight Row,Freight Reason\n6,\"Too, many\"\n");
  g_assert_false (_freight_preparer_next_part (preparer, &info, NULL, &error));
  g_assert_no_error (error);
}

static void
test_prepare_all_skipped (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(FreightMappingPlan) plan = account_plan ();
  g_autoptr(GFile) source = write_file (fixture, "none.csv",
                                        "Company,Revenue,Staff,Note\nA,1,1,\nB,2,2,\n");
  g_autoptr(GFile) exclusions = write_file (fixture, "exclusions.csv",
                                            "Freight Row,Freight Reason\n1,x\n2,y\n");
  g_autoptr(FreightPreparer) preparer = make_preparer (fixture, source, plan, 0, 0,
                                                       exclusions);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  FreightPartInfo info;

  g_assert_true (_freight_preparer_open (preparer, 1, 1, 0, 0, NULL, &error));
  g_assert_true (_freight_preparer_next_part (preparer, &info, NULL, &error));
  g_assert_cmpuint (info.n_rows, ==, 0);
  g_assert_cmpuint (info.n_skipped, ==, 2);
  g_assert_cmpuint (info.bytes, ==, 0);
  csv = spool_text (fixture, "part-0001.csv");
  g_assert_null (csv);
  g_assert_false (_freight_preparer_next_part (preparer, &info, NULL, &error));
  g_assert_no_error (error);

  /* A source with a header only has no parts at all. */
  {
    g_autoptr(GFile) empty = write_file (fixture, "empty.csv", "Company,Revenue,Staff,Note\n");
    g_autoptr(FreightPreparer) other = make_preparer (fixture, empty, plan, 0, 0, NULL);

    g_assert_true (_freight_preparer_open (other, 1, 1, 0, 0, NULL, &error));
    g_assert_false (_freight_preparer_next_part (other, &info, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_prepare_stop (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FreightMappingPlan) plan = account_plan ();
  g_autoptr(GFile) source = write_file (fixture, "stop.csv",
    "Company,Revenue,Staff,Note\nA,1,1,\nB,2,2,\nC,3,3,\nD,4,4,\nE,5,5,\n");
  g_autoptr(FreightPreparer) preparer = make_preparer (fixture, source, plan, 0, 2, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *skipped = NULL;
  FreightPartInfo info;

  g_assert_true (_freight_preparer_open (preparer, 1, 1, 0, 0, NULL, &error));
  g_assert_true (_freight_preparer_next_part (preparer, &info, NULL, &error));
  g_assert_cmpuint (info.last_record, ==, 2);
  _freight_preparer_stop (preparer, "the load was cancelled");
  /* Record 3 was read ahead as a row; it is sent in a part of its own… */
  g_assert_true (_freight_preparer_next_part (preparer, &info, NULL, &error));
  g_assert_cmpuint (info.first_record, ==, 3);
  g_assert_cmpuint (info.last_record, ==, 3);
  g_assert_cmpuint (info.n_rows, ==, 1);
  /* …and the rest is left out. */
  g_assert_true (_freight_preparer_next_part (preparer, &info, NULL, &error));
  g_assert_cmpuint (info.number, ==, 3);
  g_assert_cmpuint (info.first_record, ==, 4);
  g_assert_cmpuint (info.last_record, ==, 5);
  g_assert_cmpuint (info.n_rows, ==, 0);
  g_assert_cmpuint (info.n_skipped, ==, 2);
  skipped = spool_text (fixture, "part-0003.skipped");
  g_assert_cmpstr (skipped, ==,
                   "Freight Row,Freight Reason\n4,the load was cancelled\n"
                   "5,the load was cancelled\n");
  g_assert_false (_freight_preparer_next_part (preparer, &info, NULL, &error));
  g_assert_no_error (error);
}

static void
test_prepare_resume (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(FreightMappingPlan) plan = account_plan ();
  g_autoptr(GFile) source = write_file (fixture, "resume.csv",
    "Company,Revenue,Staff,Note\nA,1,1,\nB,2,2,\n\"C\nc\",3,3,\nD,4,4,\nE,5,5,\nF,6,6,\n");
  g_autoptr(GFile) exclusions = write_file (fixture, "exclusions.csv",
                                            "Freight Row,Freight Reason\n1,a\n5,e\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = NULL, *resumed = NULL, *skipped = NULL;
  FreightPartInfo first, second, again;

  {
    g_autoptr(FreightPreparer) preparer = make_preparer (fixture, source, plan, 0, 2,
                                                         exclusions);

    g_assert_true (_freight_preparer_open (preparer, 1, 1, 0, 0, NULL, &error));
    g_assert_true (_freight_preparer_next_part (preparer, &first, NULL, &error));
    g_assert_true (_freight_preparer_next_part (preparer, &second, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (first.last_record, ==, 3);
  g_assert_cmpuint (second.first_record, ==, 4);
  g_assert_cmpuint (second.first_record, ==, first.last_record + 1);
  g_assert_cmpuint (second.offset, ==, first.end_offset);
  g_assert_cmpuint (second.line, ==, first.end_line);
  fresh = spool_text (fixture, "part-0002.csv");

  /* As after a crash: part 2 again, from where part 1 ended. */
  {
    g_autoptr(FreightPreparer) preparer = make_preparer (fixture, source, plan, 0, 2,
                                                         exclusions);

    g_assert_true (_freight_preparer_open (preparer, 2, first.last_record + 1,
                                           first.end_offset, first.end_line, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (_freight_preparer_next_part (preparer, &again, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (again.number, ==, 2);
  g_assert_cmpuint (again.first_record, ==, second.first_record);
  g_assert_cmpuint (again.last_record, ==, second.last_record);
  g_assert_cmpuint (again.line, ==, 6);
  g_assert_cmpuint (again.n_skipped, ==, 1);
  resumed = spool_text (fixture, "part-0002.csv");
  g_assert_cmpstr (resumed, ==, fresh);
  g_assert_cmpstr (resumed, ==, "Name,AnnualRevenue,NumberOfEmployees\nD,4,4\nF,6,6\n");
  skipped = spool_text (fixture, "part-0002.skipped");
  g_assert_cmpstr (skipped, ==, "Freight Row,Freight Reason\n5,e\n");
}

static void
test_prepare_header_changed (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(FreightMappingPlan) plan = account_plan ();
  g_autoptr(GFile) source = write_file (fixture, "changed.csv", "Company,Revenue,Note\nA,1,\n");
  g_autoptr(FreightPreparer) preparer = make_preparer (fixture, source, plan, 0, 0, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (_freight_preparer_open (preparer, 1, 1, 0, 0, NULL, &error));
  g_assert_error (error, FREIGHT_LOAD_ERROR, FREIGHT_LOAD_ERROR_SOURCE_CHANGED);
}

static void
test_prepare_dialects (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(FreightMappingPlan) plan = account_plan ();
  /* Windows-1252 source with semicolons, to a job with tabs and CRLF. */
  g_autoptr(GFile) source = write_file (fixture, "latin.csv",
    "Company;Revenue;Staff;Note\r\nCaf\xe9\tBar;1;2;\r\n\"A;B\";3;4;\r\n");
  FreightPreparerSettings settings = { 0 };
  g_autoptr(FreightPreparer) preparer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  FreightPartInfo info;

  settings.source = source;
  freight_csv_dialect_init (&settings.dialect);
  settings.dialect.delimiter = ';';
  settings.dialect.encoding = FREIGHT_CSV_ENCODING_WINDOWS_1252;
  settings.plan = plan;
  settings.spool_dir = fixture->spool;
  settings.job_delimiter = '\t';
  settings.job_line_ending = FREIGHT_CSV_LINE_ENDING_CRLF;
  preparer = _freight_preparer_new (&settings);

  g_assert_true (_freight_preparer_open (preparer, 1, 1, 0, 0, NULL, &error));
  g_assert_true (_freight_preparer_next_part (preparer, &info, NULL, &error));
  g_assert_no_error (error);
  csv = spool_text (fixture, "part-0001.csv");
  g_assert_cmpstr (csv, ==,
                   "Name\tAnnualRevenue\tNumberOfEmployees\r\n"
                   "\"Caf\xc3\xa9\tBar\"\t1\t2\r\n"
                   "A;B\t3\t4\r\n");
}

/* The preparer's quick check agrees with the transform: a value that "passes through"
 * comes out of freight_transform_apply() unchanged, without flags. */
static void
test_prepare_passes_through (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char * const fields[] = {
    "Name", "NumberOfEmployees", "AnnualRevenue", "Industry", "Website", "BillingLatitude",
    "ParentId", "SLAExpirationDate__c", NULL
  };
  static const char * const values[] = {
    "", "Acme", " Acme", "Acme ", "#N/A", "0", "-0", "7", "-7", "0123", "123456789",
    "1234567890", "99999999999999999999", "1.5", "1.50", "0.25", "-0.5", "1e3", "1,234",
    "Banking", "banking", "Nonsense", "www.example.com", "001000000000001AAA",
    "001000000000001aaa", "2024-03-01", "01.03.2024", "12.345678901234567", "x\"y",
    NULL
  };
  g_autoptr(FreightDescribeObject) account = test_schema_object ("Account");
  g_autoptr(GString) out = g_string_new (NULL);
  guint passed = 0;

  for (guint f = 0; fields[f] != NULL; f++)
    {
      FreightDescribeField *field = freight_describe_object_lookup_field (account, fields[f]);

      for (guint policy = FREIGHT_BLANK_POLICY_LEAVE; policy <= FREIGHT_BLANK_POLICY_CLEAR;
           policy++)
        {
          g_autoptr(FreightTransform) transform = NULL;
          g_autoptr(GError) error = NULL;

          transform = freight_transform_new (field, NULL, policy, &error);
          g_assert_no_error (error);
          for (guint v = 0; values[v] != NULL; v++)
            {
              FreightTransformFlags flags;
              g_autoptr(GError) apply_error = NULL;
              gsize len = strlen (values[v]);

              if (!_freight_transform_passes_through (transform, values[v], len))
                continue;
              passed++;
              g_assert_true (freight_transform_apply (transform, values[v], len, out, &flags,
                                                      &apply_error));
              g_assert_no_error (apply_error);
              g_assert_cmpstr (out->str, ==, values[v]);
              g_assert_cmpint (flags & ~FREIGHT_TRANSFORM_BLANK, ==, 0);
            }
        }
    }
  /* The check is not vacuous. */
  g_assert_cmpuint (passed, >, 20);
}

static void
write_spool (Fixture    *fixture,
             const char *name,
             const char *content)
{
  g_autoptr(GFile) file = g_file_get_child (fixture->spool, name);
  g_autoptr(GError) error = NULL;

  g_file_replace_contents (file, content, strlen (content), NULL, FALSE, G_FILE_CREATE_NONE,
                           NULL, NULL, &error);
  g_assert_no_error (error);
}

static char *
outcome_ids (Fixture *fixture,
             guint    n_rows)
{
  g_autoptr(GFile) file = g_file_get_child (fixture->spool, "part-0001.outcome");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  FreightOutcomeReader *reader = _freight_outcome_reader_new (file, NULL, &error);

  g_assert_no_error (error);
  for (guint row = 0; row < n_rows; row++)
    {
      FreightOutcome outcome;

      g_assert_true (_freight_outcome_reader_get (reader, row, &outcome, NULL, &error));
      g_string_append_printf (text, "%u:%.*s;", (guint) outcome.kind, (int) outcome.id_len,
                              outcome.id != NULL ? outcome.id : "");
    }
  _freight_outcome_reader_free (reader);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The join by the hashes written with the part gives the join by reading the part. */
static void
test_prepare_hashes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(FreightMappingPlan) plan = account_plan ();
  g_autoptr(GFile) source = write_file (fixture, "hashed.csv",
    "Company,Revenue,Staff,Note\n"
    "Acme,912260031,10,\n"
    "Globex,2000,20,\n"
    "Twin,5,5,\n"
    "Twin,5,5,\n"
    "\"Quote \"\"d\"\"\",,7,\n");
  FreightReconcileKind kinds[3] = {
    FREIGHT_RECONCILE_KIND_TEXT, FREIGHT_RECONCILE_KIND_NUMBER, FREIGHT_RECONCILE_KIND_NUMBER
  };
  FreightPreparerSettings settings = { 0 };
  g_autoptr(FreightPreparer) preparer = NULL;
  g_autoptr(FreightSpoolPart) part = NULL;
  g_autoptr(FreightReconcileResult) with_hashes = NULL;
  g_autoptr(FreightReconcileResult) without = NULL;
  g_autoptr(GFile) hashes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids_with = NULL, *ids_without = NULL;
  FreightPartInfo info;

  settings.source = source;
  freight_csv_dialect_init (&settings.dialect);
  settings.plan = plan;
  settings.spool_dir = fixture->spool;
  settings.job_delimiter = ',';
  settings.kinds = kinds;
  preparer = _freight_preparer_new (&settings);
  g_assert_true (_freight_preparer_open (preparer, 1, 1, 0, 0, NULL, &error));
  g_assert_true (_freight_preparer_next_part (preparer, &info, NULL, &error));
  g_assert_no_error (error);
  hashes = g_file_get_child (fixture->spool, "part-0001.hashes");
  g_assert_true (g_file_query_exists (hashes, NULL));

  /* Shuffled, numbers echoed the way Salesforce normalizes them. */
  write_spool (fixture, "part-0001.success.csv",
               "\"sf__Id\",\"sf__Created\",Name,AnnualRevenue,NumberOfEmployees\n"
               "\"001000000000005AAA\",\"true\",\"Quote \"\"d\"\"\",\"\",\"7.0\"\n"
               "\"001000000000003AAA\",\"true\",\"Twin\",\"5.0\",\"5\"\n"
               "\"001000000000001AAA\",\"true\",\"Acme\",\"9.12260031E8\",\"10\"\n"
               "\"001000000000004AAA\",\"true\",\"Twin\",\"5\",\"5.0\"\n");
  write_spool (fixture, "part-0001.failed.csv",
               "\"sf__Id\",\"sf__Error\",Name,AnnualRevenue,NumberOfEmployees\n"
               "\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\","
               "\"Globex\",\"2.0E3\",\"20\"\n");
  write_spool (fixture, "part-0001.unprocessed.csv", "Name,AnnualRevenue,NumberOfEmployees\n");

  part = freight_spool_part_new (fixture->spool, 1);
  freight_spool_part_set_column_kinds (part, kinds, 3);
  freight_spool_part_set_source_range (part, info.first_record, info.last_record, info.offset,
                                       info.line);
  freight_spool_part_set_job_end (part, FREIGHT_JOB_END_COMPLETE, NULL);

  with_hashes = freight_reconcile_part (part, NULL, &error);
  g_assert_no_error (error);
  ids_with = outcome_ids (fixture, 5);
  g_assert_true (g_file_delete (hashes, NULL, NULL));
  without = freight_reconcile_part (part, NULL, &error);
  g_assert_no_error (error);
  ids_without = outcome_ids (fixture, 5);

  /* The twins are interchangeable: compare what is not arbitrary. */
  g_assert_cmpuint (freight_reconcile_result_get_n_succeeded (with_hashes), ==, 4);
  g_assert_cmpuint (freight_reconcile_result_get_n_failed (with_hashes), ==, 1);
  g_assert_cmpuint (freight_reconcile_result_get_n_ambiguous (with_hashes), ==,
                    freight_reconcile_result_get_n_ambiguous (without));
  g_assert_cmpuint (freight_reconcile_result_get_n_unmatched (with_hashes), ==, 0);
  g_assert_true (g_str_has_prefix (ids_with, "1:001000000000001AAA;2:;1:00100000000000"));
  g_assert_true (g_str_has_suffix (ids_with, ";1:001000000000005AAA;"));
  g_assert_cmpstr (ids_with, ==, ids_without);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/freight/load-prepare/rows-cap", Fixture, NULL,
              fixture_set_up, test_prepare_rows_cap, fixture_tear_down);
  g_test_add ("/freight/load-prepare/size-limit", Fixture, NULL,
              fixture_set_up, test_prepare_size_limit, fixture_tear_down);
  g_test_add ("/freight/load-prepare/skipped", Fixture, NULL,
              fixture_set_up, test_prepare_skipped, fixture_tear_down);
  g_test_add ("/freight/load-prepare/all-skipped", Fixture, NULL,
              fixture_set_up, test_prepare_all_skipped, fixture_tear_down);
  g_test_add ("/freight/load-prepare/stop", Fixture, NULL,
              fixture_set_up, test_prepare_stop, fixture_tear_down);
  g_test_add ("/freight/load-prepare/resume", Fixture, NULL,
              fixture_set_up, test_prepare_resume, fixture_tear_down);
  g_test_add ("/freight/load-prepare/header-changed", Fixture, NULL,
              fixture_set_up, test_prepare_header_changed, fixture_tear_down);
  g_test_add ("/freight/load-prepare/dialects", Fixture, NULL,
              fixture_set_up, test_prepare_dialects, fixture_tear_down);

  g_test_add ("/freight/load-prepare/passes-through", Fixture, NULL,
              fixture_set_up, test_prepare_passes_through, fixture_tear_down);
  g_test_add ("/freight/load-prepare/hashes", Fixture, NULL,
              fixture_set_up, test_prepare_hashes, fixture_tear_down);

  return g_test_run ();
}
