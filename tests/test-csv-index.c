/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "freight.h"

typedef struct
{
  char  *dir;
  GFile *file;
} Fixture;

/* Row i (from 0): "i,Name i,note" where every 100th note spans two lines and every 7th has
 * a quoted comma. */
static void
append_row (GString *s,
            guint    i)
{
  if (i % 100 == 0)
    g_string_append_printf (s, "%u,Name %u,\"line\nbreak %u\"\r\n", i, i, i);
  else if (i % 7 == 0)
    g_string_append_printf (s, "%u,Name %u,\"comma, %u\"\n", i, i, i);
  else
    g_string_append_printf (s, "%u,Name %u,note %u\n", i, i, i);
}

static char *
expected_note (guint i)
{
  if (i % 100 == 0)
    return g_strdup_printf ("line\nbreak %u", i);
  if (i % 7 == 0)
    return g_strdup_printf ("comma, %u", i);
  return g_strdup_printf ("note %u", i);
}

static guint64
expected_line (guint i)
{
  return 2 + i + (i + 99) / 100;
}

static void
fixture_write (Fixture    *f,
               const char *name,
               const char *contents,
               gssize      len)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (f->dir == NULL)
    {
      f->dir = g_dir_make_tmp ("freight-csv-index-XXXXXX", &error);
      g_assert_no_error (error);
    }
  path = g_build_filename (f->dir, name, NULL);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  g_clear_object (&f->file);
  f->file = g_file_new_for_path (path);
}

static void
fixture_write_rows (Fixture *f,
                    guint    n_rows)
{
  GString *s = g_string_new ("Id,Name,Note\n");

  for (guint i = 0; i < n_rows; i++)
    append_row (s, i);
  fixture_write (f, "rows.csv", s->str, s->len);
  g_string_free (s, TRUE);
}

static void
fixture_clear (Fixture *f)
{
  if (f->dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (f->dir, name, NULL);

          g_unlink (path);
        }
      g_rmdir (f->dir);
    }
  g_clear_pointer (&f->dir, g_free);
  g_clear_object (&f->file);
}

typedef struct
{
  guint n_items;           /* as the signals tell */
  guint n_changes;
  guint n_main_loop_ticks;
  gboolean bad_signal;
} Watch;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  /* The model only grows, at its end. */
  if (position != watch->n_items || removed != 0 || added == 0)
    watch->bad_signal = TRUE;
  watch->n_items += added;
  watch->n_changes++;
  if (g_list_model_get_n_items (model) != watch->n_items)
    watch->bad_signal = TRUE;
}

static gboolean
tick_cb (gpointer user_data)
{
  Watch *watch = user_data;

  watch->n_main_loop_ticks++;
  return G_SOURCE_CONTINUE;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n)
{
  (*n)++;
}

/* Runs the main loop until @index has counted everything. */
static void
wait_complete (FreightCsvIndex *index,
               Watch           *watch)
{
  guint tick = g_timeout_add (1, tick_cb, watch);
  gint64 deadline = g_get_monotonic_time () + 100 * G_USEC_PER_SEC;

  while (!freight_csv_index_get_complete (index))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static FreightCsvRecord *
get_record (FreightCsvIndex *index,
            guint            position)
{
  FreightCsvRecord *record = g_list_model_get_item (G_LIST_MODEL (index), position);

  g_assert_nonnull (record);
  g_assert_true (FREIGHT_IS_CSV_RECORD (record));
  return record;
}

static void
assert_record (FreightCsvIndex *index,
               guint            i)
{
  g_autoptr(FreightCsvRecord) record = get_record (index, i);
  g_autofree char *id = g_strdup_printf ("%u", i);
  g_autofree char *name = g_strdup_printf ("Name %u", i);
  g_autofree char *note = expected_note (i);
  const char *fields[] = { id, name, note, NULL };

  g_assert_cmpuint (freight_csv_record_get_record_number (record), ==, i + 1);
  g_assert_cmpuint (freight_csv_record_get_line (record), ==, expected_line (i));
  g_assert_cmpuint (freight_csv_record_get_n_fields (record), ==, 3);
  g_assert_cmpstrv (freight_csv_record_get_fields (record), fields);
  g_assert_cmpstr (freight_csv_record_get_field (record, 2), ==, note);
  g_assert_null (freight_csv_record_get_field (record, 3));
  g_assert_null (freight_csv_record_get_error (record));
}

static void
test_count_and_random_access (void)
{
  Fixture f = { 0 };
  g_autoptr(FreightCsvIndex) index = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  Watch watch = { 0 };
  const guint n_rows = 100000;
  const char *columns[] = { "Id", "Name", "Note", NULL };
  guint complete_notifies = 0;
  FreightCsvDialect dialect;

  fixture_write_rows (&f, n_rows);
  index = freight_csv_index_new (f.file, NULL, FREIGHT_CSV_READER_FLAGS_NONE);
  g_signal_connect (index, "items-changed", G_CALLBACK (items_changed_cb), &watch);
  g_signal_connect (index, "notify::complete", G_CALLBACK (count_notify_cb),
                    &complete_notifies);

  /* Nothing is counted on the caller's thread. */
  g_assert_false (freight_csv_index_get_complete (index));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (index)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (index), 0));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (index)) == FREIGHT_TYPE_CSV_RECORD);
  g_assert_true (freight_csv_index_get_file (index) == f.file);

  wait_complete (index, &watch);

  g_assert_cmpuint (complete_notifies, ==, 1);
  g_assert_false (watch.bad_signal);
  g_assert_cmpuint (watch.n_items, ==, n_rows);
  g_assert_cmpuint (watch.n_changes, >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (index)), ==, n_rows);
  g_assert_cmpuint (freight_csv_index_get_n_rows_counted (index), ==, n_rows);
  g_assert_no_error (freight_csv_index_get_error (index));
  g_assert_cmpstrv (freight_csv_index_get_column_names (index), columns);
  g_assert_true (freight_csv_index_get_dialect (index, &dialect));
  g_assert_cmpint (dialect.delimiter, ==, ',');

  /* Block edges, both ends, and the rows with line breaks. */
  assert_record (index, 0);
  assert_record (index, 255);
  assert_record (index, 256);
  assert_record (index, 257);
  assert_record (index, 12300);
  assert_record (index, n_rows - 1);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (index), n_rows));

  /* Anywhere, in any order, more blocks than the cache holds. */
  for (guint k = 0; k < 200; k++)
    assert_record (index, g_rand_int_range (rand, 0, n_rows));

  /* Items come from the cache while their block is in it. */
  {
    g_autoptr(FreightCsvRecord) a = get_record (index, 777);
    g_autoptr(FreightCsvRecord) b = get_record (index, 777);

    g_assert_true (a == b);
  }

  fixture_clear (&f);
}

static void
test_properties (void)
{
  Fixture f = { 0 };
  g_autoptr(FreightCsvIndex) index = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) columns = NULL;
  g_autoptr(FreightCsvRecord) record = NULL;
  g_auto(GStrv) fields = NULL;
  guint64 n_rows = 0;
  guint64 number = 0;
  guint64 line = 0;
  guint n_fields = 0;
  gboolean complete = FALSE;
  Watch watch = { 0 };
  const char *expected_fields[] = { "1", "b", NULL };

  fixture_write (&f, "props.csv", "a;b\n1;b\n2;c\n", -1);
  index = freight_csv_index_new (f.file, NULL, FREIGHT_CSV_READER_FLAGS_NONE);
  wait_complete (index, &watch);

  g_object_get (index,
                "file", &file,
                "n-rows-counted", &n_rows,
                "complete", &complete,
                "error", &error,
                "column-names", &columns,
                NULL);
  g_assert_true (file == f.file);
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_true (complete);
  g_assert_no_error (error);
  g_assert_cmpstr (columns[1], ==, "b");

  record = get_record (index, 0);
  g_object_get (record,
                "record-number", &number,
                "line", &line,
                "n-fields", &n_fields,
                "fields", &fields,
                "error", &error,
                NULL);
  g_assert_cmpuint (number, ==, 1);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (n_fields, ==, 2);
  g_assert_cmpstrv (fields, expected_fields);
  g_assert_no_error (error);
  g_assert_cmpuint (freight_csv_record_get_offset (record), ==, 4);

  fixture_clear (&f);
}

static void
test_fatal_error (void)
{
  Fixture f = { 0 };
  g_autoptr(FreightCsvIndex) index = NULL;
  GString *s = g_string_new ("Id,Name,Note\n");
  const GError *error;
  g_autoptr(GError) property_error = NULL;
  Watch watch = { 0 };

  for (guint i = 0; i < 499; i++)
    g_string_append_printf (s, "%u,Name %u,note %u\n", i, i, i);
  g_string_append (s, "499,\"never closed\n500,x,y\n");
  fixture_write (&f, "broken.csv", s->str, s->len);
  g_string_free (s, TRUE);

  index = freight_csv_index_new (f.file, NULL, FREIGHT_CSV_READER_FLAGS_NONE);
  wait_complete (index, &watch);

  /* The rows before the error are there; the error says where counting stopped. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (index)), ==, 499);
  error = freight_csv_index_get_error (index);
  g_assert_error (error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_UNTERMINATED_QUOTE);
  g_assert_cmpstr (error->message, ==,
                   "broken.csv: line 501, column 2 (“Name”): the quoted field that starts here "
                   "is never closed; add the closing quote (\")");
  g_object_get (index, "error", &property_error, NULL);
  g_assert_error (property_error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_UNTERMINATED_QUOTE);

  {
    g_autoptr(FreightCsvRecord) last = get_record (index, 498);

    g_assert_cmpstr (freight_csv_record_get_field (last, 0), ==, "498");
  }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (index), 499));

  fixture_clear (&f);
}

static void
test_row_errors (void)
{
  Fixture f = { 0 };
  g_autoptr(FreightCsvIndex) index = NULL;
  g_autoptr(FreightCsvRecord) bad = NULL;
  g_autoptr(FreightCsvRecord) good = NULL;
  const char *fields[] = { "1", "2", "3", NULL };
  Watch watch = { 0 };
  const GError *error;

  fixture_write (&f, "row-errors.csv", "a,b\nx,y\n1,2,3\n\nlast,one\n", -1);
  index = freight_csv_index_new (f.file, NULL, FREIGHT_CSV_READER_FLAGS_NONE);
  wait_complete (index, &watch);

  /* A row-level error does not stop counting; the row is an item that knows its error. */
  g_assert_no_error (freight_csv_index_get_error (index));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (index)), ==, 3);
  bad = get_record (index, 1);
  g_assert_cmpstrv (freight_csv_record_get_fields (bad), fields);
  error = freight_csv_record_get_error (bad);
  g_assert_error (error, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_TOO_MANY_FIELDS);
  g_assert_cmpstr (error->message, ==,
                   "row-errors.csv: line 3, column 3: this row has 3 fields, but the header "
                   "has 2 columns; quote values that contain the delimiter (Comma)");
  good = get_record (index, 2);
  g_assert_cmpstr (freight_csv_record_get_field (good, 0), ==, "last");
  g_assert_cmpuint (freight_csv_record_get_line (good), ==, 5);
  g_assert_null (freight_csv_record_get_error (good));

  fixture_clear (&f);
}

static void
test_sniffed_encoding (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv",
                                                 "accounts-utf16le.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FreightCsvIndex) index = freight_csv_index_new (file, NULL, 0);
  g_autoptr(FreightCsvRecord) record = NULL;
  FreightCsvDialect dialect;
  Watch watch = { 0 };
  guint notified = 0;

  g_signal_connect (index, "notify::column-names", G_CALLBACK (count_notify_cb), &notified);
  wait_complete (index, &watch);

  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (freight_csv_index_get_dialect (index, &dialect));
  g_assert_cmpint (dialect.encoding, ==, FREIGHT_CSV_ENCODING_UTF16LE);
  g_assert_true (dialect.has_bom);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (index)), ==, 3);
  g_assert_cmpstr (freight_csv_index_get_column_names (index)[2], ==, "Note");
  record = get_record (index, 2);
  g_assert_cmpstr (freight_csv_record_get_field (record, 2), ==, "🚚 on its way");
  g_assert_cmpuint (freight_csv_record_get_offset (record), ==, 2 + 2 * (16 + 44 + 43));
}

static void
test_given_dialect_no_header (void)
{
  Fixture f = { 0 };
  g_autoptr(FreightCsvIndex) index = NULL;
  g_autoptr(FreightCsvRecord) record = NULL;
  FreightCsvDialect dialect;
  FreightCsvDialect got;
  Watch watch = { 0 };
  const char *columns[] = { "Column 1", "Column 2", NULL };

  fixture_write (&f, "pipes.txt", "1|a\n2|b\n3|c", -1);
  freight_csv_dialect_init (&dialect);
  dialect.delimiter = '|';
  index = freight_csv_index_new (f.file, &dialect, FREIGHT_CSV_READER_NO_HEADER);
  g_assert_true (freight_csv_index_get_dialect (index, &got));
  g_assert_true (freight_csv_dialect_equal (&got, &dialect));
  wait_complete (index, &watch);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (index)), ==, 3);
  g_assert_cmpstrv (freight_csv_index_get_column_names (index), columns);
  record = get_record (index, 0);
  g_assert_cmpstr (freight_csv_record_get_field (record, 1), ==, "a");
  g_assert_cmpuint (freight_csv_record_get_line (record), ==, 1);
  g_clear_object (&record);
  record = get_record (index, 2);
  g_assert_cmpstr (freight_csv_record_get_field (record, 1), ==, "c");

  fixture_clear (&f);
}

static void
test_missing_and_empty (void)
{
  Fixture f = { 0 };
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/freight/rows.csv");
  g_autoptr(FreightCsvIndex) index = freight_csv_index_new (missing, NULL, 0);
  g_autoptr(FreightCsvIndex) empty = NULL;
  Watch watch = { 0 };

  wait_complete (index, &watch);
  g_assert_error (freight_csv_index_get_error (index), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (index)), ==, 0);
  g_assert_null (freight_csv_index_get_column_names (index));

  fixture_write (&f, "empty.csv", "", 0);
  empty = freight_csv_index_new (f.file, NULL, 0);
  wait_complete (empty, &watch);
  g_assert_error (freight_csv_index_get_error (empty), FREIGHT_CSV_ERROR,
                  FREIGHT_CSV_ERROR_EMPTY_FILE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (empty)), ==, 0);

  fixture_clear (&f);
}

/* Counting a big file leaves the main loop free, and grows the model as it goes. */
static void
test_main_loop_stays_free (void)
{
  Fixture f = { 0 };
  g_autoptr(FreightCsvIndex) index = NULL;
  Watch watch = { 0 };
  const guint n_rows = 600000;

  fixture_write_rows (&f, n_rows);
  index = freight_csv_index_new (f.file, NULL, 0);
  g_signal_connect (index, "items-changed", G_CALLBACK (items_changed_cb), &watch);
  wait_complete (index, &watch);

  g_assert_false (watch.bad_signal);
  g_assert_cmpuint (watch.n_items, ==, n_rows);
  g_test_message ("%u main loop ticks, %u items-changed while counting",
                  watch.n_main_loop_ticks, watch.n_changes);
  g_assert_cmpuint (watch.n_main_loop_ticks, >, 0);
  assert_record (index, n_rows / 2);

  fixture_clear (&f);
}

typedef struct
{
  char  *path;
  guint  n_bursts;
} Feed;

/* Writes rows into a FIFO in bursts of 1000, pausing between them. */
static gpointer
feed_fifo (gpointer data)
{
  Feed *feed = data;
  FILE *out = fopen (feed->path, "w");
  GString *s = g_string_new ("Id,Name,Note\n");

  g_assert_nonnull (out);
  for (guint burst = 0; burst < feed->n_bursts; burst++)
    {
      for (guint i = burst * 1000; i < (burst + 1) * 1000; i++)
        append_row (s, i);
      g_assert_cmpuint (fwrite (s->str, 1, s->len, out), ==, s->len);
      fflush (out);
      g_string_truncate (s, 0);
      if (burst + 1 < feed->n_bursts)
        g_usleep (G_USEC_PER_SEC / 2);
    }
  fclose (out);
  g_string_free (s, TRUE);
  return NULL;
}

static void
record_count_cb (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 GArray     *counts)
{
  guint n = position + added;

  g_array_append_val (counts, n);
}

/* A file that is still being written: the model grows while the worker counts. */
static void
test_grows_while_counting (void)
{
  Fixture f = { 0 };
  g_autoptr(FreightCsvIndex) index = NULL;
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  FreightCsvDialect dialect;
  Watch watch = { 0 };
  Feed feed;
  GThread *thread;

  f.dir = g_dir_make_tmp ("freight-csv-index-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f.dir, "growing.csv", NULL);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  f.file = g_file_new_for_path (path);

  feed.path = path;
  feed.n_bursts = 3;
  thread = g_thread_new ("feed", feed_fifo, &feed);

  /* A FIFO cannot be read twice, so no sniffing. */
  freight_csv_dialect_init (&dialect);
  index = freight_csv_index_new (f.file, &dialect, 0);
  g_signal_connect (index, "items-changed", G_CALLBACK (items_changed_cb), &watch);
  g_signal_connect (index, "items-changed", G_CALLBACK (record_count_cb), counts);
  wait_complete (index, &watch);
  g_thread_join (thread);

  g_assert_no_error (freight_csv_index_get_error (index));
  g_assert_false (watch.bad_signal);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (index)), ==, 3000);
  /* One step per burst at least, each a whole number of blocks until the last. */
  g_assert_cmpuint (counts->len, >=, 3);
  for (guint i = 0; i + 1 < counts->len; i++)
    {
      guint n = g_array_index (counts, guint, i);

      g_assert_cmpuint (n, >, 0);
      g_assert_cmpuint (n, <, 3000);
      g_assert_cmpuint (n % 256, ==, 1);
    }
  g_assert_cmpuint (g_array_index (counts, guint, counts->len - 1), ==, 3000);

  fixture_clear (&f);
}

/* Dropping the index while it counts cancels the worker, which ends on its own. */
static void
test_dispose_while_counting (void)
{
  Fixture f = { 0 };
  FreightCsvIndex *index;
  GWeakRef weak;
  Watch watch = { 0 };
  gint64 until;
  guint tick;

  fixture_write_rows (&f, 300000);
  index = freight_csv_index_new (f.file, NULL, 0);
  g_weak_ref_init (&weak, index);
  g_main_context_iteration (NULL, FALSE);
  g_assert_false (freight_csv_index_get_complete (index));
  g_object_unref (index);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);

  /* Let the worker notice and its callback run. */
  tick = g_timeout_add (10, tick_cb, &watch);
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  fixture_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/freight/csv-index/count-and-random-access", test_count_and_random_access);
  g_test_add_func ("/freight/csv-index/properties", test_properties);
  g_test_add_func ("/freight/csv-index/fatal-error", test_fatal_error);
  g_test_add_func ("/freight/csv-index/row-errors", test_row_errors);
  g_test_add_func ("/freight/csv-index/sniffed-encoding", test_sniffed_encoding);
  g_test_add_func ("/freight/csv-index/given-dialect-no-header", test_given_dialect_no_header);
  g_test_add_func ("/freight/csv-index/missing-and-empty", test_missing_and_empty);
  g_test_add_func ("/freight/csv-index/main-loop-stays-free", test_main_loop_stays_free);
  g_test_add_func ("/freight/csv-index/grows-while-counting", test_grows_while_counting);
  g_test_add_func ("/freight/csv-index/dispose-while-counting", test_dispose_while_counting);

  return g_test_run ();
}
