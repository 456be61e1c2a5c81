/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lo-query-job"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "freight.h"
#include "lo-format.h"
#include "lo-query-job.h"

/* Files of a finished query job:
 *   header.csv  the header row ("Id","Account.Name")
 *   rows.csv    every data row, values always quoted, the job's delimiter and line ending
 *   rows.idx    little-endian 64-bit offsets of each row in rows.csv, plus the end */

LoSoqlQuery *
lo_query_job_compile (LoSchema    *schema,
                      const char  *soql,
                      gboolean     query_all,
                      gboolean     bulk,
                      const char  *time_zone,
                      GError     **error)
{
  g_autoptr(GTimeZone) tz = time_zone ? g_time_zone_new_identifier (time_zone) : NULL;
  LoSoqlOptions options = { 0 };

  options.include_deleted = query_all;
  options.bulk = bulk;
  options.time_zone = tz;
  options.first_day_of_week = G_DATE_BAD_WEEKDAY;
  return lo_soql_compile (schema, soql, &options, error);
}

/**
 * lo_query_job_format_value:
 *
 * Appends one value as Bulk query CSV writes it: booleans true/false, numbers as Java's
 * Double.toString (so 10000000 is "1.0E7", the form Data Loader exports show), datetimes
 * in UTC with "Z", blanks as empty.
 */
void
lo_query_job_format_value (const LoField *field,
                           sqlite3_stmt  *stmt,
                           int            column,
                           GString       *out)
{
  char buf[40];

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return;
  switch (field ? field->type : LO_FIELD_STRING)
    {
    case LO_FIELD_BOOLEAN:
      g_string_append (out, sqlite3_column_int (stmt, column) ? "true" : "false");
      break;
    case LO_FIELD_INT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT,
                              (gint64) sqlite3_column_int64 (stmt, column));
      break;
    case LO_FIELD_DOUBLE:
    case LO_FIELD_CURRENCY:
    case LO_FIELD_PERCENT:
      lo_format_java_double (sqlite3_column_double (stmt, column), buf, sizeof buf);
      g_string_append (out, buf);
      break;
    default:
      g_string_append_len (out, (const char *) sqlite3_column_text (stmt, column),
                           sqlite3_column_bytes (stmt, column));
      break;
    }
}

static void
append_quoted (GString    *line,
               const char *value,
               gsize       len)
{
  g_string_append_c (line, '"');
  for (gsize i = 0; i < len; i++)
    {
      if (value[i] == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, value[i]);
    }
  g_string_append_c (line, '"');
}

static gboolean
write_all (FILE       *file,
           const void *data,
           gsize       len)
{
  return fwrite (data, 1, len, file) == len;
}

void
lo_query_job_run (LoJob        *job,
                  LoJobContext *context)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoSoqlQuery) query = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GString) value = g_string_new (NULL);
  g_autofree char *header_path = lo_job_get_path (job, "header.csv");
  g_autofree char *rows_path = lo_job_get_path (job, "rows.csv");
  g_autofree char *index_path = lo_job_get_path (job, "rows.idx");
  LoSchema *schema = lo_store_get_schema (context->store);
  sqlite3_stmt *stmt = NULL;
  FILE *rows = NULL;
  FILE *index = NULL;
  char delimiter = ',';
  const char *eol = g_strcmp0 (job->line_ending, "CRLF") == 0 ? "\r\n" : "\n";
  const char *time_zone = NULL;
  gint64 start = g_get_monotonic_time ();
  guint64 offset = 0;
  gint64 n = 0;
  gboolean ok = TRUE;
  int rc;

  if (!lo_job_transition (job, LO_JOB_STATE_BIT (LO_JOB_UPLOAD_COMPLETE), LO_JOB_IN_PROGRESS,
                          NULL))
    return;
  freight_csv_delimiter_from_bulk_name (job->column_delimiter, &delimiter);
  /* Relative dates (TODAY, LAST_N_DAYS:7) count in the time zone of the job's creator. */
  for (guint i = 0; i < schema->users->len; i++)
    {
      LoUser *user = g_ptr_array_index (schema->users, i);

      if (g_strcmp0 (user->id, job->created_by) == 0)
        time_zone = user->time_zone;
    }
  query = lo_query_job_compile (schema, job->query, g_strcmp0 (job->operation, "queryAll") == 0,
                                TRUE, time_zone, &error);
  if (query != NULL)
    stmt = lo_store_prepare (context->store, query->sql, &error);
  if (stmt == NULL)
    {
      g_autofree char *message = g_strdup_printf ("InvalidQuery : %s", error->message);

      lo_job_transition (job, LO_JOB_STATE_BIT (LO_JOB_IN_PROGRESS), LO_JOB_FAILED, NULL);
      lo_job_set_state (job, lo_job_get_state (job), message);
      return;
    }

  for (guint i = 0; i < query->columns->len; i++)
    {
      if (i > 0)
        g_string_append_c (line, delimiter);
      append_quoted (line, query->columns->pdata[i], strlen (query->columns->pdata[i]));
    }
  g_string_append (line, eol);
  ok = g_file_set_contents (header_path, line->str, line->len, &error);
  rows = fopen (rows_path, "wb");
  index = fopen (index_path, "wb");
  ok = ok && rows != NULL && index != NULL;

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 le = GUINT64_TO_LE (offset);

      if ((n % 1000) == 0 && (lo_job_get_state (job) == LO_JOB_ABORTED || job->deleted))
        break;
      g_string_truncate (line, 0);
      for (guint i = 0; i < query->columns->len; i++)
        {
          g_string_truncate (value, 0);
          lo_query_job_format_value (query->fields->pdata[i], stmt, i, value);
          if (i > 0)
            g_string_append_c (line, delimiter);
          append_quoted (line, value->str, value->len);
        }
      g_string_append (line, eol);
      ok = write_all (index, &le, sizeof le) && write_all (rows, line->str, line->len);
      offset += line->len;
      n++;
    }
  if (ok)
    {
      guint64 le = GUINT64_TO_LE (offset);

      ok = write_all (index, &le, sizeof le);
    }
  sqlite3_finalize (stmt);
  if (rows != NULL && fclose (rows) != 0)
    ok = FALSE;
  if (index != NULL && fclose (index) != 0)
    ok = FALSE;

  lo_job_add_counts (job, n, 0, (g_get_monotonic_time () - start) / 1000);
  if (!ok)
    {
      lo_job_transition (job, LO_JOB_STATE_BIT (LO_JOB_IN_PROGRESS), LO_JOB_FAILED, NULL);
      lo_job_set_state (job, lo_job_get_state (job), "InternalServerError : cannot write "
                        "the results");
      return;
    }
  lo_job_transition (job, LO_JOB_STATE_BIT (LO_JOB_IN_PROGRESS), LO_JOB_JOB_COMPLETE, NULL);
}

/* Locators are opaque to clients; this org's are base64 of the first row number, like
 * the documented samples ("MTAwMDA" is "10000"). */
char *
lo_query_job_format_locator (guint64 start)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, start);
  char *b64 = g_base64_encode ((const guchar *) text, strlen (text));
  gsize len = strlen (b64);

  while (len > 0 && b64[len - 1] == '=')
    b64[--len] = '\0';
  return b64;
}

gboolean
lo_query_job_parse_locator (const char *locator,
                            guint64    *start)
{
  g_autoptr(GString) padded = g_string_new (locator);
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;
  gsize len;

  for (const char *p = locator; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/')
      return FALSE;
  while (padded->len % 4 != 0)
    g_string_append_c (padded, '=');
  decoded = g_base64_decode (padded->str, &len);
  text = g_strndup ((const char *) decoded, len);
  return len > 0 && g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, start, NULL);
}

static gboolean
read_offset (FILE    *index,
             guint64  row,
             guint64 *offset)
{
  guint64 le;

  if (fseeko (index, (off_t) (row * sizeof le), SEEK_SET) != 0
      || fread (&le, sizeof le, 1, index) != 1)
    return FALSE;
  *offset = GUINT64_FROM_LE (le);
  return TRUE;
}

/**
 * lo_query_job_get_page:
 * @max_records: rows in the page; 0 for all the rest
 * @next_start: (out): the first row of the next page, or 0 when this is the last
 *
 * Returns: %FALSE if @start is past the results.
 */
gboolean
lo_query_job_get_page (LoJob    *job,
                       guint64   start,
                       guint64   max_records,
                       char    **header,
                       char    **rows_path,
                       goffset  *offset,
                       goffset  *length,
                       guint64  *n_records,
                       guint64  *next_start)
{
  g_autofree char *header_path = lo_job_get_path (job, "header.csv");
  g_autofree char *index_path = lo_job_get_path (job, "rows.idx");
  FILE *index;
  guint64 total;
  guint64 end;
  guint64 from, to;
  GStatBuf st;

  if (g_stat (index_path, &st) != 0 || !g_file_get_contents (header_path, header, NULL, NULL))
    return FALSE;
  total = st.st_size / sizeof (guint64) - 1;
  if (start > total || (start == total && start > 0))
    return FALSE;
  end = max_records > 0 ? MIN (total, start + max_records) : total;
  index = fopen (index_path, "rb");
  if (index == NULL || !read_offset (index, start, &from) || !read_offset (index, end, &to))
    {
      if (index != NULL)
        fclose (index);
      return FALSE;
    }
  fclose (index);
  *rows_path = lo_job_get_path (job, "rows.csv");
  *offset = from;
  *length = to - from;
  *n_records = end - start;
  *next_start = end < total ? end : 0;
  return TRUE;
}
