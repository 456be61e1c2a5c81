/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "freight.h"
#include "freight-reconcile-private.h"

/* --- Canonical values --- */

static GBytes *
canon (FreightReconcileKind  kind,
       const char           *value)
{
  GByteArray *out = g_byte_array_new ();

  _freight_reconcile_canon_append (out, kind, value, strlen (value));
  return g_byte_array_free_to_bytes (out);
}

static gboolean
same (FreightReconcileKind  kind,
      const char           *a,
      const char           *b)
{
  g_autoptr(GBytes) ca = canon (kind, a);
  g_autoptr(GBytes) cb = canon (kind, b);

  return g_bytes_equal (ca, cb);
}

#define assert_same(kind, a, b) \
  G_STMT_START { \
    if (!same (kind, a, b)) \
      g_error ("%s: expected “%s” = “%s”", G_STRLOC, a, b); \
  } G_STMT_END

#define assert_differ(kind, a, b) \
  G_STMT_START { \
    if (same (kind, a, b)) \
      g_error ("%s: expected “%s” ≠ “%s”", G_STRLOC, a, b); \
  } G_STMT_END

static void
test_value_number (void)
{
  const FreightReconcileKind k = FREIGHT_RECONCILE_KIND_NUMBER;

  assert_same (k, "912260031", "9.12260031E8");
  assert_same (k, "912260031", "9.12260031e+08");
  assert_same (k, "1", "1.0");
  assert_same (k, "1", "1.00");
  assert_same (k, "1.5", "1.50");
  assert_same (k, "0.1", ".1");
  assert_same (k, "-0", "0");
  assert_same (k, "0.0", "0E0");
  assert_same (k, "1200", "1.2E3");
  assert_same (k, " 42 ", "42");
  assert_same (k, "+42", "42");
  /* More digits than a double holds: Salesforce echoes the double it stored. */
  assert_same (k, "123456789012345678", "1.2345678901234568E17");
  assert_same (k, "0.1234567890123456789", "0.12345678901234568");
  assert_differ (k, "1", "2");
  assert_differ (k, "1", "-1");
  assert_differ (k, "1.5", "1.05");
  /* Not numbers: compared as text. */
  assert_same (k, "abc", "abc");
  assert_differ (k, "abc", "ABC");
  assert_differ (k, "0x10", "16");
  assert_differ (k, "1,000", "1000");
  assert_differ (k, "inf", "1e999");
  assert_differ (k, "1e999", "2e999");
  assert_differ (k, "1e", "1");
  /* No value. */
  assert_same (k, "", "#N/A");
  assert_same (k, "", "  ");
  assert_differ (k, "", "0");
}

static void
test_value_number_fast_path (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const FreightReconcileKind k = FREIGHT_RECONCILE_KIND_NUMBER;

  /* Short decimals take a fast path; it must give exactly the double strtod gives. */
  for (guint i = 0; i < 50000; i++)
    {
      guint64 mantissa = ((guint64) g_rand_int (rand) << 32 | g_rand_int (rand)) >>
                         g_rand_int_range (rand, 10, 64);
      int scale = g_rand_int_range (rand, 0, 20);
      int exponent = g_rand_int_range (rand, -30, 30);
      g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, mantissa);
      g_autofree char *text = NULL;
      char exact[G_ASCII_DTOSTR_BUF_SIZE];
      gsize n = strlen (digits);

      if (scale > 0 && (gsize) scale < n)
        text = g_strdup_printf ("%s%.*s.%sE%d", i % 2 ? "-" : "", (int) (n - scale), digits,
                                digits + n - scale, exponent);
      else
        text = g_strdup_printf ("%s%sE%d", i % 2 ? "-" : "", digits, exponent);
      g_ascii_formatd (exact, sizeof exact, "%.17g", g_ascii_strtod (text, NULL));
      assert_same (k, text, exact);
    }
}

static void
test_value_date (void)
{
  const FreightReconcileKind k = FREIGHT_RECONCILE_KIND_DATE;

  assert_same (k, "2024-03-01", "2024-03-01Z");
  assert_same (k, "2024-03-01", "2024-03-01T00:00:00.000Z");
  assert_same (k, "2024-03-01", "2024-03-01T00:00:00Z");
  assert_same (k, "2024-03-01", "2024-03-01 00:00:00");
  assert_same (k, "2024-02-29", "2024-02-29+00:00");
  assert_differ (k, "2024-03-01", "2024-03-02");
  assert_differ (k, "2024-03-01", "2023-03-01");
  /* Invalid dates are text. */
  assert_differ (k, "2023-02-29", "2023-03-01");
  assert_same (k, "2023-02-29", "2023-02-29");
  assert_differ (k, "2024-3-1", "2024-03-01");
  assert_differ (k, "01/03/2024", "2024-03-01");
}

static void
test_value_datetime (void)
{
  const FreightReconcileKind k = FREIGHT_RECONCILE_KIND_DATETIME;

  assert_same (k, "2024-03-01T10:00:00Z", "2024-03-01T10:00:00.000Z");
  assert_same (k, "2024-03-01T10:00:00Z", "2024-03-01T10:00:00.000+0000");
  assert_same (k, "2024-03-01T10:00:00+01:00", "2024-03-01T09:00:00.000Z");
  assert_same (k, "2024-03-01T10:00:00+0100", "2024-03-01T09:00:00Z");
  assert_same (k, "2024-03-01T10:00:00+01", "2024-03-01T09:00:00Z");
  assert_same (k, "2024-03-01T00:30:00+01:00", "2024-02-29T23:30:00.000Z");
  assert_same (k, "2024-03-01T10:00:00-05:30", "2024-03-01T15:30:00.000Z");
  assert_same (k, "2024-03-01T10:00Z", "2024-03-01T10:00:00.000Z");
  assert_same (k, "2024-03-01T10:00:00", "2024-03-01T10:00:00.000Z");
  assert_same (k, "2024-03-01 10:00:00", "2024-03-01T10:00:00.000Z");
  assert_same (k, "2024-03-01", "2024-03-01T00:00:00.000Z");
  assert_same (k, "2024-03-01T10:00:00.123456Z", "2024-03-01T10:00:00.123Z");
  assert_same (k, "2024-03-01T10:00:00.5Z", "2024-03-01T10:00:00.500Z");
  assert_same (k, "1969-12-31T23:59:59.999Z", "1970-01-01T00:59:59.999+01:00");
  assert_differ (k, "2024-03-01T10:00:00Z", "2024-03-01T10:00:01Z");
  assert_differ (k, "2024-03-01T10:00:00.001Z", "2024-03-01T10:00:00Z");
  assert_differ (k, "2024-03-01T10:00:00+01:00", "2024-03-01T10:00:00Z");
  assert_differ (k, "2024-03-01T25:00:00Z", "2024-03-02T01:00:00Z");
  assert_differ (k, "2024-03-01T10:00:00X", "2024-03-01T10:00:00Z");
}

static void
test_value_time (void)
{
  const FreightReconcileKind k = FREIGHT_RECONCILE_KIND_TIME;

  assert_same (k, "10:00:00.000Z", "10:00");
  assert_same (k, "10:00:00.000Z", "10:00:00");
  assert_same (k, "11:00:00+01:00", "10:00:00.000Z");
  assert_same (k, "00:30:00+01:00", "23:30:00.000Z");
  assert_differ (k, "10:00:00.000Z", "10:00:00.001Z");
}

static void
test_value_boolean (void)
{
  const FreightReconcileKind k = FREIGHT_RECONCILE_KIND_BOOLEAN;

  assert_same (k, "true", "TRUE");
  assert_same (k, "true", "True");
  assert_same (k, "true", "1");
  assert_same (k, "true", "yes");
  assert_same (k, "false", "FALSE");
  assert_same (k, "false", "0");
  assert_same (k, "false", "No");
  assert_differ (k, "true", "false");
  assert_differ (k, "", "false");
  assert_differ (k, "maybe", "true");
}

static void
test_value_text_and_id (void)
{
  assert_same (FREIGHT_RECONCILE_KIND_TEXT, "Acme", "Acme");
  assert_differ (FREIGHT_RECONCILE_KIND_TEXT, "Acme", "acme");
  assert_differ (FREIGHT_RECONCILE_KIND_TEXT, "Acme", "Acme ");
  assert_differ (FREIGHT_RECONCILE_KIND_TEXT, "a\r\nb", "a\nb");
  assert_same (FREIGHT_RECONCILE_KIND_TEXT, "", "#N/A");
  /* A text that spells a number stays text. */
  assert_differ (FREIGHT_RECONCILE_KIND_TEXT, "1", "1.0");

  assert_same (FREIGHT_RECONCILE_KIND_ID, "0013h00000Ffg18", "0013h00000Ffg18AAB");
  assert_same (FREIGHT_RECONCILE_KIND_ID, "0013h00000Ffg18AAB", "0013h00000Ffg18aab");
  assert_differ (FREIGHT_RECONCILE_KIND_ID, "0013h00000Ffg18", "0013H00000Ffg18");
  assert_differ (FREIGHT_RECONCILE_KIND_ID, "0013h00000Ffg18", "0013h00000Ffg19");
  assert_same (FREIGHT_RECONCILE_KIND_ID, "not an id", "not an id");
}

static void
test_value_concatenation (void)
{
  /* Two fields "a" + "bc" must differ from "ab" + "c": text carries its length. */
  g_autoptr(GByteArray) x = g_byte_array_new ();
  g_autoptr(GByteArray) y = g_byte_array_new ();

  _freight_reconcile_canon_append (x, FREIGHT_RECONCILE_KIND_TEXT, "a", 1);
  _freight_reconcile_canon_append (x, FREIGHT_RECONCILE_KIND_TEXT, "bc", 2);
  _freight_reconcile_canon_append (y, FREIGHT_RECONCILE_KIND_TEXT, "ab", 2);
  _freight_reconcile_canon_append (y, FREIGHT_RECONCILE_KIND_TEXT, "c", 1);
  g_assert_false (x->len == y->len && memcmp (x->data, y->data, x->len) == 0);
}

static void
test_value_hash (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                      g_free, NULL);
  guint8 buf[200];

  /* Every length through the short and long paths, and single-bit changes. */
  for (gsize len = 0; len < sizeof buf; len++)
    {
      memset (buf, 0, sizeof buf);
      for (gsize bit = 0; bit <= len * 8; bit += 7)
        {
          gint64 *h = g_new (gint64, 1);

          if (bit < len * 8)
            buf[bit / 8] ^= 1u << (bit % 8);
          *h = (gint64) _freight_reconcile_hash (buf, len, 42);
          g_assert_false (g_hash_table_contains (seen, h));
          g_hash_table_add (seen, h);
          if (bit < len * 8)
            buf[bit / 8] ^= 1u << (bit % 8);
        }
    }
  g_assert_cmpuint (_freight_reconcile_hash ((const guint8 *) "abc", 3, 1), !=,
                    _freight_reconcile_hash ((const guint8 *) "abc", 3, 2));
  g_assert_cmpuint (_freight_reconcile_hash ((const guint8 *) "abc", 3, 1), ==,
                    _freight_reconcile_hash ((const guint8 *) "abc", 3, 1));
}

/* --- The index --- */

typedef struct
{
  const guint *contents; /* per row: a content id */
  guint        current;  /* the content the caller holds */
  guint        n_compares;
} IndexFixture;

static gboolean
compare_contents (guint      row,
                  gpointer   user_data,
                  gboolean  *equal,
                  GError   **error)
{
  IndexFixture *f = user_data;

  f->n_compares++;
  *equal = f->contents[row] == f->current;
  return TRUE;
}

static void
test_index_groups_and_collisions (void)
{
  /* Contents 1 and 2 share hash 7; content 3 has hash 9; row 4 repeats content 1. */
  static const guint contents[] = { 1, 2, 3, 1, 1 };
  static const guint64 hashes[] = { 7, 7, 9, 7, 7 };
  g_autoptr(FreightReconcileIndex) index = _freight_reconcile_index_new (5);
  IndexFixture f = { contents, 0, 0 };
  FreightReconcileTake take;
  gboolean ambiguous;
  guint row;
  guint taken[3] = { 0 };

  for (guint i = 0; i < 5; i++)
    {
      f.current = contents[i];
      g_assert_true (_freight_reconcile_index_insert (index, i, hashes[i], compare_contents, &f,
                                                      NULL));
    }
  g_assert_cmpuint (_freight_reconcile_index_get_n_collided (index), ==, 2);

  /* Content 2: one row, not ambiguous, found among the collided groups. */
  f.current = 2;
  g_assert_true (_freight_reconcile_index_take (index, 7, compare_contents, &f, &take, &row,
                                                &ambiguous, NULL));
  g_assert_cmpint (take, ==, FREIGHT_RECONCILE_TAKE_ROW);
  g_assert_cmpuint (row, ==, 1);
  g_assert_false (ambiguous);
  g_assert_true (_freight_reconcile_index_take (index, 7, compare_contents, &f, &take, &row,
                                                &ambiguous, NULL));
  g_assert_cmpint (take, ==, FREIGHT_RECONCILE_TAKE_EXHAUSTED);

  /* Content 1: three interchangeable rows, then exhausted. */
  f.current = 1;
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (_freight_reconcile_index_take (index, 7, compare_contents, &f, &take, &row,
                                                    &ambiguous, NULL));
      g_assert_cmpint (take, ==, FREIGHT_RECONCILE_TAKE_ROW);
      g_assert_true (ambiguous);
      g_assert_cmpuint (contents[row], ==, 1);
      taken[i] = row;
    }
  g_assert_cmpuint (taken[0] + taken[1] + taken[2], ==, 0 + 3 + 4);
  g_assert_true (_freight_reconcile_index_take (index, 7, compare_contents, &f, &take, &row,
                                                &ambiguous, NULL));
  g_assert_cmpint (take, ==, FREIGHT_RECONCILE_TAKE_EXHAUSTED);

  /* Content 3 needs no comparison: its hash is its own. */
  f.current = 3;
  f.n_compares = 0;
  g_assert_true (_freight_reconcile_index_take (index, 9, compare_contents, &f, &take, &row,
                                                &ambiguous, NULL));
  g_assert_cmpint (take, ==, FREIGHT_RECONCILE_TAKE_ROW);
  g_assert_cmpuint (row, ==, 2);
  g_assert_cmpuint (f.n_compares, ==, 0);

  /* A hash nobody sent. */
  g_assert_true (_freight_reconcile_index_take (index, 11, compare_contents, &f, &take, &row,
                                                &ambiguous, NULL));
  g_assert_cmpint (take, ==, FREIGHT_RECONCILE_TAKE_NONE);
  /* Hash 7 with content nobody sent. */
  f.current = 5;
  g_assert_true (_freight_reconcile_index_take (index, 7, compare_contents, &f, &take, &row,
                                                &ambiguous, NULL));
  g_assert_cmpint (take, ==, FREIGHT_RECONCILE_TAKE_NONE);
}

static void
test_index_many_duplicates (void)
{
  /* 100k identical rows and 100k distinct ones: linear, every row taken once. */
  const guint n = 200000;
  g_autofree guint *contents = g_new (guint, n);
  g_autofree guint8 *seen = g_new0 (guint8, n);
  g_autoptr(FreightReconcileIndex) index = _freight_reconcile_index_new (n);
  IndexFixture f = { contents, 0, 0 };

  for (guint i = 0; i < n; i++)
    contents[i] = i % 2 == 0 ? 0 : i;
  for (guint i = 0; i < n; i++)
    {
      guint64 h = _freight_reconcile_hash ((const guint8 *) &contents[i], sizeof (guint), 3);

      f.current = contents[i];
      g_assert_true (_freight_reconcile_index_insert (index, i, h, compare_contents, &f, NULL));
    }
  g_assert_cmpuint (f.n_compares, ==, n / 2 - 1);
  for (guint i = n; i-- > 0;)
    {
      guint64 h = _freight_reconcile_hash ((const guint8 *) &contents[i], sizeof (guint), 3);
      FreightReconcileTake take;
      gboolean ambiguous;
      guint row;

      f.current = contents[i];
      g_assert_true (_freight_reconcile_index_take (index, h, compare_contents, &f, &take, &row,
                                                    &ambiguous, NULL));
      g_assert_cmpint (take, ==, FREIGHT_RECONCILE_TAKE_ROW);
      g_assert_cmpuint (contents[row], ==, contents[i]);
      g_assert_cmpint (ambiguous, ==, contents[i] == 0);
      g_assert_false (seen[row]);
      seen[row] = 1;
    }
  g_assert_cmpuint (f.n_compares, ==, n / 2 - 1);
}

/* --- The outcome file --- */

static void
test_outcome_round_trip (void)
{
  const guint n = 50000;
  g_autofree char *dir = g_dir_make_tmp ("freight-outcome-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "part-0001.outcome", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FreightOutcomeWriter) writer = NULL;
  g_autoptr(FreightOutcomeReader) reader = NULL;
  g_autofree guint *order = g_new (guint, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_strnfill (20000, 'x');
  FreightOutcomeCounts counts = { n, 1, 2, 3, 4, 5 };
  const FreightOutcomeCounts *read_counts;

  /* Rows in random order, a third without outcome, some texts larger than a chunk. */
  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = n; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      guint t = order[i - 1];

      order[i - 1] = order[j];
      order[j] = t;
    }
  writer = _freight_outcome_writer_new (file, n, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      guint row = order[i];
      g_autofree char *id = g_strdup_printf ("id-%u", row);
      g_autofree char *text = g_strdup_printf ("error of row %u", row);
      FreightOutcome outcome = {
        1 + row % 3, row % 4, id, strlen (id), text, strlen (text),
      };

      if (row % 3 == 2)
        continue;
      if (row % 1000 == 1)
        {
          outcome.text = big;
          outcome.text_len = strlen (big);
        }
      _freight_outcome_writer_add (writer, row, &outcome, NULL, &error);
      g_assert_no_error (error);
    }
  _freight_outcome_writer_finish (writer, &counts, NULL, &error);
  g_assert_no_error (error);

  reader = _freight_outcome_reader_new (file, NULL, &error);
  g_assert_no_error (error);
  read_counts = _freight_outcome_reader_get_counts (reader);
  g_assert_cmpmem (read_counts, sizeof counts, &counts, sizeof counts);
  for (guint row = 0; row < n; row++)
    {
      g_autofree char *id = g_strdup_printf ("id-%u", row);
      g_autofree char *text = g_strdup_printf ("error of row %u", row);
      FreightOutcome outcome;

      _freight_outcome_reader_get (reader, row, &outcome, NULL, &error);
      g_assert_no_error (error);
      if (row % 3 == 2)
        {
          g_assert_cmpint (outcome.kind, ==, FREIGHT_OUTCOME_NONE);
          continue;
        }
      g_assert_cmpint (outcome.kind, ==, 1 + row % 3);
      g_assert_cmpint (outcome.flags, ==, row % 4);
      g_assert_cmpmem (outcome.id, outcome.id_len, id, strlen (id));
      if (row % 1000 == 1)
        g_assert_cmpmem (outcome.text, outcome.text_len, big, strlen (big));
      else
        g_assert_cmpmem (outcome.text, outcome.text_len, text, strlen (text));
    }
  /* Reading back out of order reloads a bucket; past the end is an error. */
  {
    FreightOutcome outcome;

    _freight_outcome_reader_get (reader, 4, &outcome, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (outcome.kind, ==, 1 + 4 % 3);
    _freight_outcome_reader_get (reader, n, &outcome, NULL, &error);
  }
  g_assert_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SPOOL);
  g_clear_error (&error);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_outcome_damaged (void)
{
  g_autofree char *dir = g_dir_make_tmp ("freight-outcome-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "part-0001.outcome", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FreightOutcomeWriter) writer = NULL;
  g_autoptr(FreightOutcomeReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  FreightOutcomeCounts counts = { 10, 1, 0, 0, 0, 0 };
  FreightOutcome outcome = { FREIGHT_OUTCOME_SUCCESS, 0, "001", 3, NULL, 0 };
  gsize len;

  writer = _freight_outcome_writer_new (file, 10, NULL, &error);
  g_assert_no_error (error);
  _freight_outcome_writer_add (writer, 3, &outcome, NULL, &error);
  g_assert_no_error (error);
  _freight_outcome_writer_finish (writer, &counts, NULL, &error);
  g_assert_no_error (error);

  /* Cut short: the footer is gone. */
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, len - 1, &error);
  g_assert_no_error (error);
  reader = _freight_outcome_reader_new (file, NULL, &error);
  g_assert_null (reader);
  g_assert_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SPOOL);
  g_assert_nonnull (strstr (error->message, "reconcile the part again"));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/freight/reconcile-value/number", test_value_number);
  g_test_add_func ("/freight/reconcile-value/number-fast-path", test_value_number_fast_path);
  g_test_add_func ("/freight/reconcile-value/date", test_value_date);
  g_test_add_func ("/freight/reconcile-value/datetime", test_value_datetime);
  g_test_add_func ("/freight/reconcile-value/time", test_value_time);
  g_test_add_func ("/freight/reconcile-value/boolean", test_value_boolean);
  g_test_add_func ("/freight/reconcile-value/text-and-id", test_value_text_and_id);
  g_test_add_func ("/freight/reconcile-value/concatenation", test_value_concatenation);
  g_test_add_func ("/freight/reconcile-value/hash", test_value_hash);
  g_test_add_func ("/freight/reconcile-value/index-groups-and-collisions",
                   test_index_groups_and_collisions);
  g_test_add_func ("/freight/reconcile-value/index-many-duplicates", test_index_many_duplicates);
  g_test_add_func ("/freight/reconcile-value/outcome-round-trip", test_outcome_round_trip);
  g_test_add_func ("/freight/reconcile-value/outcome-damaged", test_outcome_damaged);
  return g_test_run ();
}
