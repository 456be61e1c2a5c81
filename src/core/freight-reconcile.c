/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-reconcile"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "freight-csv-dialect.h"
#include "freight-csv-reader.h"
#include "freight-csv-reader-private.h"
#include "freight-csv-writer.h"
#include "freight-reconcile.h"
#include "freight-reconcile-result-private.h"

/* freight_reconcile_part(): joins a job's three result files to the rows of its part.
 *
 * 1. The result headers decide which sent columns can be compared: those every result file
 *    echoes (Salesforce echoes them all; a column missing from one is left out of the join
 *    with a warning rather than failing the part).
 * 2. One pass over the part computes each row's canonical content over those columns and
 *    indexes its 64-bit hash (freight-reconcile-index.c), noting the byte offset of every
 *    16th row so that a row can be read again. Rows whose hashes are equal are compared
 *    exactly, their content coming from a small cache of recent rows or read again from the
 *    part file.
 * 3. One pass over each result file (successful, failed, unprocessed) takes, per result
 *    row, the next untaken part row with the same content and appends the outcome to the
 *    part's outcome file. A result row that matches nothing, or only rows already taken,
 *    is kept in `part-NNNN.unmatched.csv` and reported as an error.
 *
 * Memory: the index (~18 bytes a row), a checkpoint per 16 rows, the cache (at most
 * 256 rows of 4 KiB), the outcome buffers (at most 1 MiB) and the CSV readers' buffers.
 *
 * When the load pipeline wrote the part's row hashes while preparing it (part-NNNN.hashes)
 * and the results echo every column, step 2 reads those hashes instead of the part, and
 * rows are told apart by a second, independent 64-bit check value (128 bits in all)
 * rather than by comparing their content. */

#define CHECKPOINT_ROWS   16
#define CACHE_SIZE        256
#define CACHE_MAX_BYTES   4096
#define REREAD_CHUNK_SIZE (16 * 1024)

typedef struct
{
  FreightSpoolFile  which;
  char             *name;
  FreightCsvReader *reader;  /* NULL when the file is absent or empty */
  int               id_column;
  int               created_column;
  int               error_column;
  int              *part_column; /* per part column: its index here, or -1 */
} ResultFile;

typedef struct
{
  guint       row;
  GByteArray *bytes;
} CacheEntry;

typedef struct
{
  FreightSpoolPart            *part;
  GCancellable                *cancellable;
  FreightReconcileResult      *result;

  GFile                       *part_file;
  char                        *part_name;
  FreightCsvDialect            dialect;
  char                       **columns;
  guint                        n_columns;
  const FreightReconcileKind  *kinds;
  guint                        n_rows;
  gboolean                     no_part;

  GArray                      *join;        /* guint: the part columns compared */
  guint64                      seed;
  FreightReconcileIndex       *index;
  GArray                      *checkpoints; /* guint64: offset of rows 0, 16, 32, … */
  GByteArray                  *current;     /* canonical content of the row in hand */
  GByteArray                  *scratch;
  CacheEntry                   cache[CACHE_SIZE];
  GInputStream                *reread;

  ResultFile                   results[3];
  FreightHashReader           *hashes;      /* the part's row hashes, when usable */
  guint64                      current_check;
  gboolean                     check_pending; /* current_check is yet to be computed */

  FreightOutcomeWriter        *outcome;
  FreightOutcomeCounts         counts;
  GOutputStream               *unmatched_stream;
  FreightCsvWriter            *unmatched;
} Join;

static void
join_clear (Join *join)
{
  g_clear_object (&join->result);
  g_clear_object (&join->part_file);
  g_clear_pointer (&join->part_name, g_free);
  g_clear_pointer (&join->columns, g_strfreev);
  g_clear_pointer (&join->join, g_array_unref);
  g_clear_pointer (&join->index, _freight_reconcile_index_free);
  g_clear_pointer (&join->checkpoints, g_array_unref);
  g_clear_pointer (&join->current, g_byte_array_unref);
  g_clear_pointer (&join->scratch, g_byte_array_unref);
  for (guint i = 0; i < CACHE_SIZE; i++)
    g_clear_pointer (&join->cache[i].bytes, g_byte_array_unref);
  g_clear_object (&join->reread);
  g_clear_pointer (&join->hashes, _freight_hash_reader_free);
  for (guint i = 0; i < G_N_ELEMENTS (join->results); i++)
    {
      g_clear_pointer (&join->results[i].name, g_free);
      g_clear_object (&join->results[i].reader);
      g_clear_pointer (&join->results[i].part_column, g_free);
    }
  g_clear_pointer (&join->outcome, _freight_outcome_writer_free);
  g_clear_object (&join->unmatched);
  g_clear_object (&join->unmatched_stream);
}

static gboolean
delete_if_exists (GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local = NULL;

  if (g_file_delete (file, cancellable, &local) ||
      g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

static gboolean
count_part_rows (Join    *join,
                 GError **error)
{
  g_autoptr(GFile) rows = freight_spool_part_get_file (join->part, FREIGHT_SPOOL_FILE_ROWS);
  g_autofree char *name = g_file_get_basename (rows);
  g_autoptr(GFileInfo) info = NULL;
  goffset size;

  info = g_file_query_info (rows, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            join->cancellable, error);
  if (info == NULL)
    return FALSE;
  size = g_file_info_get_size (info);
  if (size % 8 != 0 || size / 8 > FREIGHT_RECONCILE_MAX_PART_ROWS)
    {
      /* Numbers go into messages as text: xgettext cannot read G_GINT64_FORMAT. */
      g_autofree char *bytes = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) size);

      g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SPOOL,
                   _("The record numbers “%s” are damaged (%s bytes); prepare the part again"),
                   name, bytes);
      return FALSE;
    }
  join->n_rows = size / 8;
  return TRUE;
}

/* --- Result files --- */

static int
find_column (FreightCsvReader *reader,
             const char       *name)
{
  guint n = freight_csv_reader_get_n_columns (reader);

  for (guint i = 0; i < n; i++)
    if (strcmp (freight_csv_reader_get_column_name (reader, i), name) == 0)
      return i;
  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (freight_csv_reader_get_column_name (reader, i), name) == 0)
      return i;
  return -1;
}

/* Result files are documented for comma-separated jobs only: take the delimiter from the
 * header itself (after the quoted "sf__Id", or in the echoed header of unprocessed
 * records), falling back on the job's. */
static char
sniff_delimiter (const guint8     *buf,
                 gsize             len,
                 char              job_delimiter,
                 FreightSpoolFile  which)
{
  static const char candidates[] = ",;\t|^`";
  const guint8 *eol;
  gsize i = 0;

  if (len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF)
    i = 3;
  if (which != FREIGHT_SPOOL_FILE_UNPROCESSED)
    {
      if (i < len && buf[i] == '"')
        {
          for (i++; i < len && buf[i] != '"'; i++)
            ;
          i++;
        }
      else
        while (i < len && (g_ascii_isalnum (buf[i]) || buf[i] == '_'))
          i++;
      if (i < len && buf[i] != '\0' && strchr (candidates, buf[i]) != NULL)
        return buf[i];
      return job_delimiter;
    }

  eol = memchr (buf, '\n', len);
  if (eol != NULL)
    len = eol - buf;
  if (memchr (buf, job_delimiter, len) == NULL && memchr (buf, ',', len) != NULL)
    return ',';
  return job_delimiter;
}

static gboolean
open_result (Join              *join,
             ResultFile        *rf,
             FreightSpoolFile   which,
             GError           **error)
{
  g_autoptr(GFile) file = freight_spool_part_get_file (join->part, which);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local = NULL;
  FreightCsvDialect dialect = join->dialect;
  guint8 head[4096];
  gsize n_head = 0;

  rf->which = which;
  rf->name = g_file_get_basename (file);
  in = g_file_read (file, join->cancellable, &local);
  if (in == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &n_head,
                                join->cancellable, error) ||
      !g_seekable_seek (G_SEEKABLE (in), 0, G_SEEK_SET, join->cancellable, error))
    return FALSE;

  dialect.delimiter = sniff_delimiter (head, n_head, join->dialect.delimiter, which);
  rf->reader = freight_csv_reader_new (G_INPUT_STREAM (in), rf->name, &dialect,
                                       FREIGHT_CSV_READER_LENIENT);
  if (!freight_csv_reader_read_header (rf->reader, join->cancellable, &local))
    {
      g_clear_object (&rf->reader);
      if (g_error_matches (local, FREIGHT_CSV_ERROR, FREIGHT_CSV_ERROR_EMPTY_FILE))
        return TRUE; /* an empty body is no results */
      g_propagate_prefixed_error (error, g_steal_pointer (&local),
                                  _("Cannot read the results “%s” of Salesforce; download "
                                    "them again: "), rf->name);
      return FALSE;
    }

  rf->id_column = find_column (rf->reader, "sf__Id");
  rf->created_column = find_column (rf->reader, "sf__Created");
  rf->error_column = find_column (rf->reader, "sf__Error");
  if ((which == FREIGHT_SPOOL_FILE_SUCCESS && rf->id_column < 0) ||
      (which == FREIGHT_SPOOL_FILE_FAILED && rf->error_column < 0))
    {
      g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_RESULT,
                   _("“%s” is not a result file of Salesforce: its header has no “%s” "
                     "column. Download the job’s results again."),
                   rf->name, which == FREIGHT_SPOOL_FILE_SUCCESS ? "sf__Id" : "sf__Error");
      return FALSE;
    }

  rf->part_column = g_new (int, MAX (join->n_columns, 1));
  for (guint c = 0; c < join->n_columns; c++)
    rf->part_column[c] = find_column (rf->reader, join->columns[c]);
  return TRUE;
}

/* The sent columns every result file echoes. */
static void
choose_join_columns (Join *join)
{
  join->join = g_array_sized_new (FALSE, FALSE, sizeof (guint), join->n_columns);
  for (guint c = 0; c < join->n_columns; c++)
    {
      const char *missing_in = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (join->results); i++)
        if (join->results[i].reader != NULL && join->results[i].part_column[c] < 0)
          missing_in = join->results[i].name;
      if (missing_in == NULL)
        g_array_append_val (join->join, c);
      else
        _freight_reconcile_result_add_diagnostic (join->result,
                                                  FREIGHT_RECONCILE_SEVERITY_WARNING, 0,
                                                  _("Salesforce did not return the column "
                                                    "“%s” in “%s”; rows were matched to "
                                                    "their results without it"),
                                                  join->columns[c], missing_in);
    }
}

/* --- Row content --- */

static void
canon_row (Join             *join,
           FreightCsvReader *reader,
           const int        *map,
           GByteArray       *out)
{
  /* The reader's fields directly (freight-csv-reader-private.h): this runs for every
   * sent row and every result row. */
  const FreightCsvField *fields = reader->fields;
  const guint *columns = (const guint *) (gpointer) join->join->data;
  guint n_fields = reader->n_fields;
  gsize bound = 0, at = 0;

  /* Room for the whole row at once: one resize per row, not one per field. */
  for (guint j = 0; j < join->join->len; j++)
    {
      guint i = map != NULL ? (guint) map[columns[j]] : columns[j];

      bound += FREIGHT_RECONCILE_CANON_BOUND (i < n_fields ? fields[i].end - fields[i].start
                                                           : 0);
    }
  g_byte_array_set_size (out, bound);

  for (guint j = 0; j < join->join->len; j++)
    {
      guint c = columns[j];
      guint i = map != NULL ? (guint) map[c] : c;

      if (i < n_fields)
        at += _freight_reconcile_canon_write_fast (out->data + at, join->kinds[c],
                                                   (const char *) fields[i].start,
                                                   fields[i].end - fields[i].start);
      else
        at += _freight_reconcile_canon_write_fast (out->data + at, join->kinds[c], "", 0);
    }
  /* Shrinking only: no reallocation, nothing to clear. */
  out->len = at;
}

static void
cache_store (Join             *join,
             guint             row,
             const GByteArray *bytes)
{
  CacheEntry *entry = &join->cache[row % CACHE_SIZE];

  if (bytes->len > CACHE_MAX_BYTES)
    return;
  if (entry->bytes == NULL)
    entry->bytes = g_byte_array_new ();
  g_byte_array_set_size (entry->bytes, 0);
  g_byte_array_append (entry->bytes, bytes->data, bytes->len);
  entry->row = row;
}

static gboolean
spool_changed (Join    *join,
               GError **error)
{
  g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SPOOL,
               _("The part “%s” changed while it was reconciled; reconcile it again"),
               join->part_name);
  return FALSE;
}

/* Reads part row @row again, from the checkpoint before it. */
static gboolean
reread_row (Join        *join,
            guint        row,
            GByteArray  *out,
            GError     **error)
{
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GError) local = NULL;
  guint first = row / CHECKPOINT_ROWS * CHECKPOINT_ROWS;
  guint64 offset = g_array_index (join->checkpoints, guint64, row / CHECKPOINT_ROWS);

  if (join->reread == NULL)
    {
      join->reread = G_INPUT_STREAM (g_file_read (join->part_file, join->cancellable, error));
      if (join->reread == NULL)
        return FALSE;
    }
  if (!g_seekable_seek (G_SEEKABLE (join->reread), offset, G_SEEK_SET, join->cancellable,
                        error))
    return FALSE;

  reader = freight_csv_reader_new (join->reread, join->part_name, &join->dialect,
                                   FREIGHT_CSV_READER_LENIENT);
  _freight_csv_reader_set_chunk_size (reader, REREAD_CHUNK_SIZE);
  _freight_csv_reader_start_at (reader, offset, 1, (guint64) first + 1,
                                (const char * const *) join->columns);
  for (guint r = first; r <= row; r++)
    if (!freight_csv_reader_next_row (reader, join->cancellable, &local))
      {
        if (local != NULL && !freight_csv_error_is_row_level (local))
          {
            g_propagate_error (error, g_steal_pointer (&local));
            return FALSE;
          }
        return spool_changed (join, error);
      }
  canon_row (join, reader, NULL, out);
  return TRUE;
}

/* FreightReconcileCompareFunc: is part row @row's content the current row's? */
static gboolean
compare_row (guint      row,
             gpointer   user_data,
             gboolean  *equal,
             GError   **error)
{
  Join *join = user_data;
  CacheEntry *entry = &join->cache[row % CACHE_SIZE];
  const GByteArray *bytes;

  if (join->hashes != NULL)
    {
      guint64 check;

      if (!_freight_hash_reader_get_check (join->hashes, row, &check, join->cancellable, error))
        return FALSE;
      if (join->check_pending)
        {
          /* Needed only when hashes collide: computed then, from the row in hand. */
          join->current_check = _freight_reconcile_check (join->current->data,
                                                          join->current->len, join->seed);
          join->check_pending = FALSE;
        }
      *equal = check == join->current_check;
      return TRUE;
    }

  if (entry->bytes != NULL && entry->row == row)
    bytes = entry->bytes;
  else
    {
      if (!reread_row (join, row, join->scratch, error))
        return FALSE;
      cache_store (join, row, join->scratch);
      bytes = join->scratch;
    }
  *equal = bytes->len == join->current->len &&
           memcmp (bytes->data, join->current->data, bytes->len) == 0;
  return TRUE;
}

/* How far ahead of the row it inserts the build from hashes fetches slots. */
#define PREFETCH_ROWS 16

/* Step 2 from part-NNNN.hashes. */
static gboolean
build_index_from_hashes (Join    *join,
                         GError **error)
{
  join->index = _freight_reconcile_index_new (join->n_rows);
  for (guint row = 0; row < join->n_rows; row++)
    {
      guint64 hash, ahead;

      if (_freight_hash_reader_peek (join->hashes, PREFETCH_ROWS, &ahead))
        _freight_reconcile_index_prefetch (join->index, ahead);
      if (!_freight_hash_reader_next (join->hashes, &hash, &join->current_check,
                                      join->cancellable, error) ||
          !_freight_reconcile_index_insert (join->index, row, hash, compare_row, join, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
build_index (Join    *join,
             GError **error)
{
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GError) local = NULL;
  guint row = 0;

  join->index = _freight_reconcile_index_new (join->n_rows);
  join->checkpoints = g_array_sized_new (FALSE, FALSE, sizeof (guint64),
                                         join->n_rows / CHECKPOINT_ROWS + 1);
  if (join->no_part)
    return TRUE;

  reader = freight_csv_reader_new_for_file (join->part_file, &join->dialect,
                                            FREIGHT_CSV_READER_LENIENT, join->cancellable,
                                            error);
  if (reader == NULL)
    return FALSE;
  while (freight_csv_reader_next_row (reader, join->cancellable, &local))
    {
      guint64 hash;

      if (row == join->n_rows)
        return spool_changed (join, error);
      if (row % CHECKPOINT_ROWS == 0)
        {
          guint64 offset = freight_csv_reader_get_offset (reader);

          g_array_append_val (join->checkpoints, offset);
        }
      canon_row (join, reader, NULL, join->current);
      hash = _freight_reconcile_hash (join->current->data, join->current->len, join->seed);
      if (!_freight_reconcile_index_insert (join->index, row, hash, compare_row, join, error))
        return FALSE;
      cache_store (join, row, join->current);
      row++;
    }
  if (local != NULL)
    {
      /* Freight wrote the part with its own writer: any error means it is damaged. */
      g_propagate_prefixed_error (error, g_steal_pointer (&local),
                                  _("The part “%s” is damaged; prepare it again: "),
                                  join->part_name);
      return FALSE;
    }
  if (row != join->n_rows)
    {
      g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_SPOOL,
                   _("The part “%s” has %u rows but %u record numbers; prepare it again"),
                   join->part_name, row, join->n_rows);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_part (Join    *join,
           GError **error)
{
  g_autoptr(FreightCsvReader) reader = NULL;
  g_autoptr(GError) local = NULL;
  guint n_kinds;

  join->kinds = freight_spool_part_get_column_kinds (join->part, &n_kinds);
  reader = freight_csv_reader_new_for_file (join->part_file, &join->dialect,
                                            FREIGHT_CSV_READER_LENIENT, join->cancellable,
                                            &local);
  if (reader == NULL && join->n_rows == 0 &&
      g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      /* Every row of the range was skipped: no part, no job. */
      join->columns = g_new0 (char *, 1);
      join->no_part = TRUE;
      return TRUE;
    }
  if (reader == NULL || !freight_csv_reader_read_header (reader, join->cancellable, &local))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local),
                                  _("Cannot read the part “%s”: "), join->part_name);
      return FALSE;
    }

  join->columns = g_strdupv ((char **) freight_csv_reader_get_column_names (reader));
  join->n_columns = freight_csv_reader_get_n_columns (reader);
  if (n_kinds != join->n_columns)
    {
      g_set_error (error, FREIGHT_RECONCILE_ERROR, FREIGHT_RECONCILE_ERROR_INVALID,
                   "The part “%s” has %u columns but %u column kinds were given",
                   join->part_name, join->n_columns, n_kinds);
      return FALSE;
    }
  return TRUE;
}

/* --- Matching results --- */

static gboolean
open_unmatched (Join    *join,
                GError **error)
{
  g_autoptr(GFile) file = freight_spool_part_get_file (join->part, FREIGHT_SPOOL_FILE_UNMATCHED);
  g_autoptr(GFileOutputStream) out = NULL;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, join->cancellable, error);
  if (out == NULL)
    return FALSE;
  join->unmatched_stream = G_OUTPUT_STREAM (g_steal_pointer (&out));
  join->unmatched = freight_csv_writer_new (join->unmatched_stream, ',',
                                            FREIGHT_CSV_LINE_ENDING_LF,
                                            FREIGHT_CSV_QUOTE_WHEN_NEEDED);
  freight_csv_writer_add_field (join->unmatched, "Freight Result File", -1);
  freight_csv_writer_add_field (join->unmatched, "Freight Result Line", -1);
  freight_csv_writer_add_field (join->unmatched, "sf__Id", -1);
  freight_csv_writer_add_field (join->unmatched, "sf__Created", -1);
  freight_csv_writer_add_field (join->unmatched, "sf__Error", -1);
  for (guint c = 0; c < join->n_columns; c++)
    freight_csv_writer_add_field (join->unmatched, join->columns[c], -1);
  return freight_csv_writer_end_row (join->unmatched, join->cancellable, error);
}

static void
add_field_at (FreightCsvWriter *writer,
              FreightCsvReader *reader,
              int               column)
{
  const char *value = NULL;
  gsize len = 0;

  if (column >= 0)
    value = freight_csv_reader_get_field (reader, column, &len);
  freight_csv_writer_add_field (writer, value != NULL ? value : "", len);
}

/* Keeps a result row that matches no sent row, and reports it. */
static gboolean
keep_unmatched (Join         *join,
                ResultFile   *rf,
                const char   *why,
                GError      **error)
{
  guint64 line = freight_csv_reader_get_line (rf->reader);
  char number[24];

  join->counts.n_unmatched++;
  if (join->unmatched == NULL && !open_unmatched (join, error))
    return FALSE;

  g_snprintf (number, sizeof number, "%" G_GUINT64_FORMAT, line);
  freight_csv_writer_add_field (join->unmatched, rf->name, -1);
  freight_csv_writer_add_field (join->unmatched, number, -1);
  add_field_at (join->unmatched, rf->reader, rf->id_column);
  add_field_at (join->unmatched, rf->reader, rf->created_column);
  add_field_at (join->unmatched, rf->reader, rf->error_column);
  for (guint c = 0; c < join->n_columns; c++)
    add_field_at (join->unmatched, rf->reader, rf->part_column[c]);
  if (!freight_csv_writer_end_row (join->unmatched, join->cancellable, error))
    return FALSE;

  _freight_reconcile_result_add_diagnostic (join->result, FREIGHT_RECONCILE_SEVERITY_ERROR, 0,
                                            _("“%s”, line %s: %s. The result is kept in "
                                              "“%s”; check the org for the record it "
                                              "names."),
                                            rf->name, number, why,
                                            FREIGHT_RESULT_FILE_UNMATCHED);
  return TRUE;
}

static gboolean
parse_created (const char *value,
               gsize       len)
{
  /* Once per result row: "true" in any case without a call. */
  if (value == NULL)
    return FALSE;
  if (len == 1)
    return value[0] == '1';
  return len == 4 && (value[0] | 0x20) == 't' && (value[1] | 0x20) == 'r' &&
         (value[2] | 0x20) == 'u' && (value[3] | 0x20) == 'e';
}

static gboolean
match_results (Join        *join,
               ResultFile  *rf,
               GError     **error)
{
  FreightOutcomeKind kind;

  switch (rf->which)
    {
    case FREIGHT_SPOOL_FILE_SUCCESS:
      kind = FREIGHT_OUTCOME_SUCCESS;
      break;
    case FREIGHT_SPOOL_FILE_FAILED:
      kind = FREIGHT_OUTCOME_FAILED;
      break;
    default:
      kind = FREIGHT_OUTCOME_UNPROCESSED;
      break;
    }

  for (;;)
    {
      g_autoptr(GError) local = NULL;
      FreightReconcileTake take;
      FreightOutcome outcome = { kind, 0, NULL, 0, NULL, 0 };
      gboolean ambiguous;
      guint64 hash;
      guint row;

      if (!freight_csv_reader_next_row (rf->reader, join->cancellable, &local))
        {
          g_autofree char *why = NULL;

          if (local == NULL)
            return TRUE;
          if (!freight_csv_error_is_row_level (local))
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&local),
                                          _("Cannot read the results “%s” of Salesforce; "
                                            "download them again: "), rf->name);
              return FALSE;
            }
          why = g_strdup_printf (_("a result row that cannot be read (%s)"), local->message);
          if (!keep_unmatched (join, rf, why, error))
            return FALSE;
          continue;
        }

      canon_row (join, rf->reader, rf->part_column, join->current);
      hash = _freight_reconcile_hash (join->current->data, join->current->len, join->seed);
      join->check_pending = join->hashes != NULL;
      if (!_freight_reconcile_index_take (join->index, hash, compare_row, join, &take, &row,
                                          &ambiguous, error))
        return FALSE;

      if (take == FREIGHT_RECONCILE_TAKE_NONE)
        {
          if (!keep_unmatched (join, rf, _("the values of this result match no row Freight "
                                           "sent in this part"), error))
            return FALSE;
          continue;
        }
      if (take == FREIGHT_RECONCILE_TAKE_EXHAUSTED)
        {
          if (!keep_unmatched (join, rf, _("Salesforce returned more results with these "
                                           "values than Freight sent rows with them"), error))
            return FALSE;
          continue;
        }

      if (rf->id_column >= 0)
        outcome.id = freight_csv_reader_get_field (rf->reader, rf->id_column, &outcome.id_len);
      if (rf->error_column >= 0 && kind == FREIGHT_OUTCOME_FAILED)
        outcome.text = freight_csv_reader_get_field (rf->reader, rf->error_column,
                                                     &outcome.text_len);
      if (rf->created_column >= 0 && kind == FREIGHT_OUTCOME_SUCCESS)
        {
          gsize len;
          const char *created = freight_csv_reader_get_field (rf->reader, rf->created_column,
                                                              &len);

          if (parse_created (created, len))
            outcome.flags |= FREIGHT_OUTCOME_CREATED;
        }
      if (kind == FREIGHT_OUTCOME_UNPROCESSED)
        {
          outcome.id = NULL;
          outcome.id_len = 0;
        }
      if (ambiguous)
        {
          outcome.flags |= FREIGHT_OUTCOME_AMBIGUOUS;
          join->counts.n_ambiguous++;
        }
      if (!_freight_outcome_writer_add (join->outcome, row, &outcome, join->cancellable, error))
        return FALSE;

      if (kind == FREIGHT_OUTCOME_SUCCESS)
        join->counts.n_succeeded++;
      else if (kind == FREIGHT_OUTCOME_FAILED)
        join->counts.n_failed++;
      else
        join->counts.n_unprocessed++;
    }
}

static void
add_summary_diagnostics (Join *join)
{
  guint64 n_no_result = join->counts.n_rows - join->counts.n_succeeded -
                        join->counts.n_failed - join->counts.n_unprocessed;
  g_autoptr(GFile) file = freight_spool_part_get_file (join->part, FREIGHT_SPOOL_FILE_CSV);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *no_result = g_strdup_printf ("%" G_GUINT64_FORMAT, n_no_result);
  g_autofree char *ambiguous = g_strdup_printf ("%" G_GUINT64_FORMAT, join->counts.n_ambiguous);

  if (n_no_result > 0 &&
      freight_spool_part_get_job_end (join->part) == FREIGHT_JOB_END_COMPLETE)
    _freight_reconcile_result_add_diagnostic (
      join->result, FREIGHT_RECONCILE_SEVERITY_ERROR, 0,
      g_dngettext (GETTEXT_PACKAGE,
                   "%s row of “%s” has no result from Salesforce although its job "
                   "completed; it is in “%s”. Check the org before loading it again.",
                   "%s rows of “%s” have no result from Salesforce although their job "
                   "completed; they are in “%s”. Check the org before loading them again.",
                   n_no_result),
      no_result, name, FREIGHT_RESULT_FILE_UNPROCESSED);

  if (join->counts.n_ambiguous > 0)
    _freight_reconcile_result_add_diagnostic (
      join->result, FREIGHT_RECONCILE_SEVERITY_WARNING, 0,
      g_dngettext (GETTEXT_PACKAGE,
                   "%s result of “%s” matched a row that sent the same values as another "
                   "row; such rows are interchangeable, so which of them got which result is "
                   "arbitrary.",
                   "%s results of “%s” matched rows that sent the same values as other rows; "
                   "such rows are interchangeable, so which of them got which result is "
                   "arbitrary.", join->counts.n_ambiguous),
      ambiguous, name);
}

/**
 * freight_reconcile_part:
 * @part: a part whose job has ended and whose result files are downloaded
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Joins the part's result files to its rows by the content sent, compared per column kind,
 * and writes the outcome of every row to `part-NNNN.outcome` (replacing any earlier one).
 * Result rows that match no sent row go to `part-NNNN.unmatched.csv` and are reported as
 * errors; rows no result names are counted as without result. Blocks: call it from a worker
 * thread. Memory stays around 18 bytes per row of the part.
 *
 * Returns: (transfer full): the counts and diagnostics, or %NULL with @error set when a
 *   file cannot be used (damaged spool, unusable result file, I/O error)
 */
FreightReconcileResult *
freight_reconcile_part (FreightSpoolPart  *part,
                        GCancellable      *cancellable,
                        GError           **error)
{
  static const FreightSpoolFile result_files[] = {
    FREIGHT_SPOOL_FILE_SUCCESS, FREIGHT_SPOOL_FILE_FAILED, FREIGHT_SPOOL_FILE_UNPROCESSED,
  };
  g_autoptr(GFile) unmatched = NULL;
  g_autoptr(GFile) outcome = NULL;
  Join join = { 0 };
  FreightOutcomeCounts zero = { 0 };
  FreightReconcileResult *result = NULL;

  g_return_val_if_fail (FREIGHT_IS_SPOOL_PART (part), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  join.part = part;
  join.cancellable = cancellable;
  join.result = _freight_reconcile_result_new (freight_spool_part_get_number (part), &zero);
  join.part_file = freight_spool_part_get_file (part, FREIGHT_SPOOL_FILE_CSV);
  join.part_name = g_file_get_basename (join.part_file);
  freight_csv_dialect_init (&join.dialect);
  join.dialect.delimiter = freight_spool_part_get_delimiter (part);
  join.dialect.line_ending = freight_spool_part_get_line_ending (part);
  join.seed = ((guint64) g_random_int () << 32) | g_random_int ();
  join.current = g_byte_array_new ();
  join.scratch = g_byte_array_new ();
  for (guint i = 0; i < CACHE_SIZE; i++)
    join.cache[i].row = G_MAXUINT;

  unmatched = freight_spool_part_get_file (part, FREIGHT_SPOOL_FILE_UNMATCHED);
  outcome = freight_spool_part_get_file (part, FREIGHT_SPOOL_FILE_OUTCOME);
  if (!delete_if_exists (unmatched, cancellable, error) ||
      !count_part_rows (&join, error) ||
      !open_part (&join, error))
    goto out;

  for (guint i = 0; i < G_N_ELEMENTS (result_files); i++)
    if (!open_result (&join, &join.results[i], result_files[i], error))
      goto out;
  if (join.results[0].reader == NULL && join.results[1].reader == NULL &&
      freight_spool_part_get_job_end (part) == FREIGHT_JOB_END_COMPLETE && join.n_rows > 0)
    _freight_reconcile_result_add_diagnostic (join.result, FREIGHT_RECONCILE_SEVERITY_WARNING,
                                              0, _("The job of “%s” completed but neither "
                                                   "its successful nor its failed results "
                                                   "were downloaded"), join.part_name);
  choose_join_columns (&join);

  if (!join.no_part && join.join->len == join.n_columns)
    {
      g_autoptr(GFile) hashes = freight_spool_part_get_file (part, FREIGHT_SPOOL_FILE_HASHES);
      g_autoptr(GError) local = NULL;

      join.hashes = _freight_hash_reader_new (hashes, join.kinds, join.n_columns, join.n_rows,
                                              cancellable, &local);
      if (join.hashes != NULL)
        {
          join.seed = _freight_hash_reader_get_seed (join.hashes);
          g_debug ("%s: joining by the row hashes written with the part", join.part_name);
        }
      else if (local != NULL)
        g_debug ("Cannot use the row hashes of %s: %s", join.part_name, local->message);
    }
  if (!(join.hashes != NULL ? build_index_from_hashes (&join, error)
                            : build_index (&join, error)))
    goto out;

  join.outcome = _freight_outcome_writer_new (outcome, join.n_rows, cancellable, error);
  if (join.outcome == NULL)
    goto out;
  join.counts.n_rows = join.n_rows;
  for (guint i = 0; i < G_N_ELEMENTS (join.results); i++)
    if (join.results[i].reader != NULL && !match_results (&join, &join.results[i], error))
      goto out;
  if (!_freight_outcome_writer_finish (join.outcome, &join.counts, cancellable, error))
    goto out;
  if (join.unmatched != NULL &&
      (!freight_csv_writer_flush (join.unmatched, cancellable, error) ||
       !g_output_stream_close (join.unmatched_stream, cancellable, error)))
    goto out;

  _freight_reconcile_result_set_counts (join.result, &join.counts);
  add_summary_diagnostics (&join);
  result = g_steal_pointer (&join.result);

out:
  join_clear (&join);
  return result;
}
