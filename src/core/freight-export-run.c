/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "freight-bulk-client.h"
#include "freight-bulk-client-private.h"
#include "freight-csv-dialect.h"
#include "freight-export-private.h"
#include "freight-http-error.h"
#include "freight-journal.h"
#include "freight-org-session.h"

/* The export's worker: create the query job, poll it with a growing interval, then
 * fetch the result pages one by one into a page file beside the output and append each
 * to the output (freight-bulk-pages.c), so the output grows only by whole pages.
 *
 * The journal holds, for the run's "query-job" step: the job id and its API version,
 * the locator of the next page, the size of the output after the last complete page,
 * the rows and pages so far and the header row. Each page is synced to disk before the
 * step says it is there. A continued run cuts the output back to that size (dropping a
 * page that was half appended when the process died) and fetches from that locator.
 *
 * Faults the HTTP layer could not retry away (the network gone, the org down) leave the
 * run unfinished, so that it can be continued; anything else (the job failed, the query
 * was refused, the job is gone) ends the run as failed. Cancelling aborts the job and
 * removes the partial file. */

#define STEP_KIND "query-job"

#define STEP_WAITING     "waiting"
#define STEP_DOWNLOADING "downloading"
#define STEP_DONE        "done"

typedef struct
{
  FreightExport         *self;
  FreightExportConfig   *config;
  FreightExportProgress  progress;
  char                  *api_version;
  char                  *locator;
  GByteArray            *header;
  char                  *page_path;
  int                    out_fd;
  int                    claim;          /* freight_journal_claim_run(), or -1 */
} Work;

static void
work_clear (Work *w)
{
  g_clear_pointer (&w->progress.job_id, g_free);
  g_clear_pointer (&w->progress.query, g_free);
  g_clear_pointer (&w->api_version, g_free);
  g_clear_pointer (&w->locator, g_free);
  g_clear_pointer (&w->header, g_byte_array_unref);
  if (w->page_path != NULL)
    {
      g_autofree char *part = g_strconcat (w->page_path, ".part", NULL);

      g_unlink (w->page_path);
      g_unlink (part);
      g_clear_pointer (&w->page_path, g_free);
    }
  if (w->out_fd >= 0)
    close (w->out_fd);
  w->out_fd = -1;
  freight_journal_release_run (w->claim);
  w->claim = -1;
}

static void
report (Work *w)
{
  _freight_export_update (w->self, &w->progress);
}

static void
set_state (Work               *w,
           FreightExportState  state)
{
  w->progress.state = state;
  report (w);
}

/* The journal ----------------------------------------------------------------------- */

static JsonObject *
build_spec (Work *w)
{
  FreightExportConfig *c = w->config;
  JsonObject *spec = json_object_new ();
  g_autofree char *instance = freight_org_session_dup_instance_url (c->session);
  char delimiter[2] = { c->delimiter, '\0' };

  json_object_set_string_member (spec, "soql", w->progress.query);
  json_object_set_string_member (spec, "operation",
                                 freight_bulk_operation_to_string (c->operation));
  json_object_set_string_member (spec, "delimiter", delimiter);
  json_object_set_string_member (spec, "line_ending",
                                 c->line_ending == FREIGHT_CSV_LINE_ENDING_CRLF ? "CRLF"
                                                                                : "LF");
  json_object_set_int_member (spec, "page_size", (gint64) c->page_size);
  json_object_set_string_member (spec, "output", c->output_path);
  json_object_set_string_member (spec, "instance_url", instance);
  if (c->object != NULL)
    json_object_set_string_member (spec, "object", c->object);
  return spec;
}

/* Reads back what build_spec() wrote. */
gboolean
_freight_export_restore (FreightExportConfig      *config,
                         const FreightJournalRun  *run,
                         GError                  **error)
{
  JsonObject *spec = run->spec;
  const char *delimiter;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, run->id);

  if (g_strcmp0 (run->kind, FREIGHT_EXPORT_RUN_KIND) != 0)
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_NOT_RESUMABLE,
                   _("Run %s is a %s, not an export."), number, run->kind);
      return FALSE;
    }
  if (freight_journal_run_is_finished (run))
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_NOT_RESUMABLE,
                   _("Export %s has nothing left to do: it is %s."), number, run->state);
      return FALSE;
    }

  config->soql = g_strdup (json_object_get_string_member_with_default (spec, "soql", NULL));
  config->object = g_strdup (json_object_get_string_member_with_default (spec, "object",
                                                                         NULL));
  config->operation = freight_bulk_operation_from_string (
    json_object_get_string_member_with_default (spec, "operation", "query"));
  delimiter = json_object_get_string_member_with_default (spec, "delimiter", ",");
  config->delimiter = delimiter[0] != '\0' ? delimiter[0] : ',';
  config->line_ending = g_strcmp0 (json_object_get_string_member_with_default (spec,
                                                                               "line_ending",
                                                                               "LF"),
                                   "CRLF") == 0
                        ? FREIGHT_CSV_LINE_ENDING_CRLF : FREIGHT_CSV_LINE_ENDING_LF;
  config->page_size = (guint64) MAX (0, json_object_get_int_member_with_default (spec,
                                                                                 "page_size",
                                                                                 0));
  config->output_path = g_strdup (run->output_path);

  if (config->soql == NULL || config->output_path == NULL
      || (config->operation != FREIGHT_BULK_OPERATION_QUERY
          && config->operation != FREIGHT_BULK_OPERATION_QUERY_ALL))
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_NOT_RESUMABLE,
                   _("The journal’s record of export %s is incomplete; start the export "
                     "again."), number);
      return FALSE;
    }
  return TRUE;
}

static gboolean
journal_step (Work        *w,
              const char  *state,
              GError     **error)
{
  g_autoptr(JsonObject) data = NULL;
  g_autofree char *header = NULL;

  if (w->config->journal == NULL || w->progress.run_id == 0)
    return TRUE;

  data = json_object_new ();
  json_object_set_string_member (data, "job_id", w->progress.job_id);
  json_object_set_string_member (data, "api_version", w->api_version);
  if (w->locator != NULL)
    json_object_set_string_member (data, "locator", w->locator);
  else
    json_object_set_null_member (data, "locator");
  json_object_set_int_member (data, "bytes", (gint64) w->progress.bytes_written);
  json_object_set_int_member (data, "rows", (gint64) w->progress.rows_written);
  json_object_set_int_member (data, "rows_total", (gint64) w->progress.rows_total);
  json_object_set_int_member (data, "pages", w->progress.pages);
  if (w->header != NULL && w->header->len > 0)
    {
      header = g_strndup ((const char *) w->header->data, w->header->len);
      json_object_set_string_member (data, "header", header);
    }

  return freight_journal_put_step (w->config->journal, w->progress.run_id, STEP_KIND,
                                   w->progress.job_id, state, data, error) != 0;
}

static void
journal_end (Work        *w,
             const char  *state,
             const char  *message)
{
  g_autoptr(GError) error = NULL;

  if (w->config->journal == NULL || w->progress.run_id == 0)
    return;
  if (!freight_journal_set_run_state (w->config->journal, w->progress.run_id, state, message,
                                      &error))
    g_warning ("Could not record the end of export %" G_GINT64_FORMAT ": %s",
               w->progress.run_id, error->message);
}

/* Something for the user to find in the run's history later. */
static void
journal_event (Work       *w,
               const char *level,
               const char *message)
{
  g_autoptr(GError) error = NULL;

  if (w->config->journal == NULL || w->progress.run_id == 0)
    return;
  if (!freight_journal_add_event (w->config->journal, w->progress.run_id, level, message,
                                  &error))
    g_debug ("Could not record an event of export %" G_GINT64_FORMAT ": %s",
             w->progress.run_id, error->message);
}

/* Reads the run's last step back into @w; FALSE with no error when there is none. */
static gboolean
load_step (Work     *w,
           GError  **error)
{
  g_autoptr(GPtrArray) steps = NULL;
  FreightJournalStep *step;
  JsonObject *data;
  const char *header;

  steps = freight_journal_list_steps (w->config->journal, w->progress.run_id, STEP_KIND,
                                      error);
  if (steps == NULL || steps->len == 0)
    return FALSE;

  step = g_ptr_array_index (steps, steps->len - 1);
  data = step->data;
  w->progress.job_id = g_strdup (json_object_get_string_member_with_default (data, "job_id",
                                                                             NULL));
  w->api_version = g_strdup (json_object_get_string_member_with_default (data, "api_version",
                                                                         NULL));
  if (json_object_has_member (data, "locator") && !json_object_get_null_member (data, "locator"))
    w->locator = g_strdup (json_object_get_string_member (data, "locator"));
  w->progress.bytes_written = (guint64) json_object_get_int_member_with_default (data,
                                                                                 "bytes", 0);
  w->progress.rows_written = (guint64) json_object_get_int_member_with_default (data, "rows",
                                                                                0);
  w->progress.rows_total = (guint64) json_object_get_int_member_with_default (data,
                                                                              "rows_total",
                                                                              0);
  w->progress.pages = (guint) json_object_get_int_member_with_default (data, "pages", 0);
  header = json_object_get_string_member_with_default (data, "header", NULL);
  if (header != NULL)
    g_byte_array_append (w->header, (const guint8 *) header, strlen (header));

  if (w->progress.job_id == NULL || (w->progress.pages > 0 && w->header->len == 0))
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_NOT_RESUMABLE,
                   _("The journal’s record of this export is incomplete; start the export "
                     "again."));
      return FALSE;
    }
  return TRUE;
}

/* The output file ---------------------------------------------------------------------- */

/* Opens the output for appending at @size, cut back to it, and locks it so that two
 * processes never write one export. */
static gboolean
open_output (Work      *w,
             gboolean   resuming,
             GError   **error)
{
  const char *path = w->config->output_path;
  int flags = O_WRONLY | O_CLOEXEC | (resuming ? 0 : O_CREAT);
  GStatBuf st;
  int saved_errno;

  w->out_fd = g_open (path, flags, 0666);
  if (w->out_fd < 0)
    {
      saved_errno = errno;
      if (resuming && saved_errno == ENOENT)
        g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_NOT_RESUMABLE,
                     _("The unfinished export file %s is gone, so the export cannot be "
                       "continued; start it again."), path);
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     _("Could not open %s for the export: %s"), path,
                     g_strerror (saved_errno));
      return FALSE;
    }

  if (flock (w->out_fd, LOCK_EX | LOCK_NB) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("Another Freight is writing %s. Wait for it to finish."), path);
      return FALSE;
    }

  if (fstat (w->out_fd, &st) != 0)
    st.st_size = 0;
  if ((guint64) st.st_size < w->progress.bytes_written)
    {
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_NOT_RESUMABLE,
                   _("The unfinished export file %s is shorter than the pages already "
                     "written to it, so it was changed; start the export again."), path);
      return FALSE;
    }

  if (ftruncate (w->out_fd, (off_t) w->progress.bytes_written) != 0
      || lseek (w->out_fd, (off_t) w->progress.bytes_written, SEEK_SET) < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not prepare %s for the export: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* The steps ------------------------------------------------------------------------ */

static char *
build_query (Work          *w,
             GCancellable  *cancellable,
             GError       **error)
{
  FreightExportConfig *c = w->config;
  g_autoptr(JsonObject) describe = NULL;
  g_autoptr(GPtrArray) names = NULL;
  JsonArray *fields;

  if (c->soql != NULL && c->object != NULL && c->fields != NULL && c->fields[0] != NULL)
    {
      g_set_error_literal (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                           _("Give either a SOQL query or an object and fields, not both."));
      return NULL;
    }
  if (c->soql != NULL)
    return g_strdup (c->soql);
  if (c->object == NULL)
    {
      g_set_error_literal (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_INVALID_ARGUMENT,
                           _("Choose an object to export, or give a SOQL query."));
      return NULL;
    }
  if (c->fields != NULL && c->fields[0] != NULL)
    return freight_export_build_soql (c->object, (const char * const *) c->fields, error);

  /* No fields: every field a Bulk query can return. Compound fields (address, location)
   * and base64 are not among them. */
  describe = freight_org_session_describe_sobject (c->session, c->object, cancellable, error);
  if (describe == NULL)
    return NULL;
  names = g_ptr_array_new ();
  fields = json_object_has_member (describe, "fields")
           ? json_object_get_array_member (describe, "fields") : NULL;
  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);
      const char *type = json_object_get_string_member_with_default (field, "type", "");
      const char *name = json_object_get_string_member_with_default (field, "name", NULL);

      if (name == NULL || g_str_equal (type, "address") || g_str_equal (type, "location")
          || g_str_equal (type, "base64"))
        continue;
      g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, NULL);
  return freight_export_build_soql (c->object, (const char * const *) names->pdata, error);
}

static void
on_poll (FreightBulkJob *job,
         gpointer        user_data)
{
  Work *w = user_data;
  guint64 total = (guint64) freight_bulk_job_get_number_records_processed (job);

  if (total != w->progress.rows_total)
    {
      w->progress.rows_total = total;
      report (w);
    }
}

static gboolean
create_job (Work          *w,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(FreightBulkJob) job = NULL;

  set_state (w, FREIGHT_EXPORT_STATE_CREATING);
  job = freight_bulk_client_create_query_job (w->config->client, w->progress.query,
                                              w->config->operation, w->config->delimiter,
                                              w->config->line_ending, cancellable, error);
  if (job == NULL)
    return FALSE;

  w->progress.job_id = g_strdup (freight_bulk_job_get_id (job));
  w->api_version = g_strdup (freight_bulk_job_get_api_version (job));
  report (w);
  return journal_step (w, STEP_WAITING, error);
}

static gboolean
wait_for_job (Work          *w,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(FreightBulkJob) job = NULL;

  set_state (w, FREIGHT_EXPORT_STATE_WAITING);
  job = freight_bulk_client_wait_for_job (w->config->client, FREIGHT_BULK_JOB_KIND_QUERY,
                                          w->progress.job_id, w->config->min_poll_ms,
                                          w->config->max_poll_ms, on_poll, w, cancellable,
                                          error);
  if (job == NULL)
    return FALSE;

  if (w->api_version == NULL)
    w->api_version = g_strdup (freight_bulk_job_get_api_version (job));
  w->progress.rows_total = (guint64) freight_bulk_job_get_number_records_processed (job);
  report (w);

  switch (freight_bulk_job_get_state (job))
    {
    case FREIGHT_BULK_JOB_STATE_JOB_COMPLETE:
      return TRUE;

    case FREIGHT_BULK_JOB_STATE_ABORTED:
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_JOB_ABORTED,
                   _("Query job %s was aborted in the org before its results were "
                     "exported."), w->progress.job_id);
      return FALSE;

    case FREIGHT_BULK_JOB_STATE_FAILED:
    default:
      g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_JOB_FAILED,
                   _("Query job %s failed: %s"), w->progress.job_id,
                   freight_bulk_job_get_error_message (job) != NULL
                   ? freight_bulk_job_get_error_message (job)
                   : _("the org gave no reason. Check the query and try again."));
      return FALSE;
    }
}

static gboolean
sync_output (Work    *w,
             GError **error)
{
  if (fdatasync (w->out_fd) != 0 && errno != EINVAL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write %s to disk: %s"), w->config->output_path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* The HTTP layer retries a page a few times; when the org stays unwell longer than that,
 * the page is asked for again after a pause, as a poll would be, before giving up. */
#define PAGE_ATTEMPTS 4

static gboolean
download_page (Work          *w,
               char         **next,
               guint64       *rows,
               GCancellable  *cancellable,
               GError       **error)
{
  guint wait_ms = 0;

  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      if (freight_bulk_client_download_page (w->config->client, w->progress.job_id,
                                             w->api_version, w->locator, w->config->page_size,
                                             w->page_path, next, rows, NULL, NULL,
                                             cancellable, &local_error))
        return TRUE;

      if (attempt >= PAGE_ATTEMPTS || !_freight_bulk_is_transient_error (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_debug ("Page %u of job %s, attempt %u: %s", w->progress.pages + 1, w->progress.job_id,
               attempt, local_error->message);
      wait_ms = _freight_bulk_next_wait (wait_ms, w->config->min_poll_ms,
                                         w->config->max_poll_ms);
      if (!_freight_bulk_sleep (wait_ms, cancellable, error))
        return FALSE;
    }
}

static gboolean
download_pages (Work          *w,
                GCancellable  *cancellable,
                GError       **error)
{
  set_state (w, FREIGHT_EXPORT_STATE_DOWNLOADING);
  w->page_path = g_strconcat (w->config->output_path, ".page", NULL);

  /* A run that wrote every page but died before saying so. */
  if (w->progress.pages > 0 && w->locator == NULL)
    return TRUE;

  do
    {
      g_autofree char *next = NULL;
      guint64 rows = 0;
      guint64 appended = 0;

      if (!download_page (w, &next, &rows, cancellable, error))
        return FALSE;

      if (!_freight_bulk_append_page (w->out_fd, w->config->output_path, w->page_path,
                                      w->header, &appended, cancellable, error)
          || !sync_output (w, error))
        {
          /* Leave the file as the journal knows it. */
          if (ftruncate (w->out_fd, (off_t) w->progress.bytes_written) == 0)
            lseek (w->out_fd, (off_t) w->progress.bytes_written, SEEK_SET);
          return FALSE;
        }
      g_unlink (w->page_path);

      g_free (w->locator);
      w->locator = g_steal_pointer (&next);
      w->progress.bytes_written += appended;
      w->progress.rows_written += rows;
      w->progress.pages++;
      if (!journal_step (w, w->locator != NULL ? STEP_DOWNLOADING : STEP_DONE, error))
        return FALSE;
      report (w);
    }
  while (w->locator != NULL);

  return TRUE;
}

/* A run continues on the org it started on: its job exists nowhere else. */
static gboolean
same_org (Work                     *w,
          const FreightJournalRun  *run,
          GError                  **error)
{
  const char *recorded = json_object_get_string_member_with_default (run->spec,
                                                                     "instance_url", NULL);
  g_autofree char *current = freight_org_session_dup_instance_url (w->config->session);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, run->id);

  if (recorded == NULL || current == NULL || g_str_equal (recorded, current))
    return TRUE;
  g_set_error (error, FREIGHT_BULK_ERROR, FREIGHT_BULK_ERROR_NOT_RESUMABLE,
               _("Export %s ran on %s, not on %s: continue it signed in to that org."),
               number, recorded, current);
  return FALSE;
}

/* Aborting on cancel must not itself be cancelled. */
static void
abort_job (Work *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FreightBulkJob) job = NULL;

  if (w->progress.job_id == NULL || w->config->job_id != NULL)
    return;
  job = freight_bulk_client_abort_job (w->config->client, FREIGHT_BULK_JOB_KIND_QUERY,
                                       w->progress.job_id, NULL, &error);
  if (job == NULL)
    g_debug ("Cancelled export: %s", error->message);
}

/* Faults worth continuing from later with freight-cli resume. */
static gboolean
is_resumable_error (const GError *error)
{
  return _freight_bulk_is_transient_error (error)
         || g_error_matches (error, FREIGHT_HTTP_ERROR, FREIGHT_HTTP_ERROR_TIMEOUT)
         || g_error_matches (error, FREIGHT_AUTH_ERROR, FREIGHT_AUTH_ERROR_SESSION_EXPIRED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
}

gboolean
_freight_export_work (FreightExport        *self,
                      FreightExportConfig  *config,
                      GCancellable         *cancellable,
                      GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  Work w = { 0 };
  gboolean resuming = config->run_id != 0;
  gboolean keep_run = FALSE;
  gboolean ok = FALSE;

  w.self = self;
  w.config = config;
  w.out_fd = -1;
  w.claim = -1;
  w.header = g_byte_array_new ();
  w.progress.run_id = config->run_id;

  if (resuming)
    {
      /* Not beside another process (or export object) that goes on with it already: that
       * one keeps the run. */
      w.claim = freight_journal_claim_run (config->journal, config->run_id, &local_error);
      if (w.claim < 0)
        {
          keep_run = TRUE;
          goto out;
        }
      if (!load_step (&w, &local_error) && local_error != NULL)
        goto out;
      resuming = w.progress.job_id != NULL;
      if (!resuming)
        w.progress.bytes_written = 0;
      else
        {
          g_autofree char *bytes = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                    w.progress.bytes_written);
          g_autofree char *message = g_strdup_printf (_("Continued after page %u (%s bytes "
                                                        "of the file)."),
                                                      w.progress.pages, bytes);

          journal_event (&w, "info", message);
        }
      {
        g_autoptr(FreightJournalRun) run = freight_journal_get_run (config->journal,
                                                                    config->run_id,
                                                                    &local_error);
        if (run == NULL)
          goto out;
        w.progress.query = g_strdup (json_object_get_string_member (run->spec, "soql"));
        if (!same_org (&w, run, &local_error))
          {
            /* Another org does not make the run any less resumable on the right one. */
            keep_run = TRUE;
            goto out;
          }
      }
    }
  else
    {
      w.progress.query = config->job_id == NULL ? build_query (&w, cancellable, &local_error)
                                                : NULL;
      if (config->job_id == NULL && w.progress.query == NULL)
        goto out;
      if (config->journal != NULL && config->job_id == NULL)
        {
          g_autoptr(JsonObject) spec = build_spec (&w);

          w.progress.run_id = freight_journal_add_run (config->journal,
                                                       FREIGHT_EXPORT_RUN_KIND,
                                                       config->org_name != NULL
                                                       ? config->org_name
                                                       : json_object_get_string_member (
                                                           spec, "instance_url"),
                                                       spec, config->output_path,
                                                       &local_error);
          if (w.progress.run_id == 0)
            goto out;
          w.claim = freight_journal_claim_run (config->journal, w.progress.run_id,
                                               &local_error);
          if (w.claim < 0)
            goto out;
        }
    }
  report (&w);

  if (!open_output (&w, resuming, &local_error))
    {
      /* Only this run's own file may be removed on the way out. */
      if (w.out_fd >= 0)
        close (w.out_fd);
      w.out_fd = -1;
      goto out;
    }

  if (config->job_id != NULL)
    {
      w.progress.job_id = g_strdup (config->job_id);
      report (&w);
    }
  else if (w.progress.job_id == NULL && !create_job (&w, cancellable, &local_error))
    goto out;

  if (w.progress.pages == 0 && !wait_for_job (&w, cancellable, &local_error))
    goto out;

  if (!download_pages (&w, cancellable, &local_error))
    goto out;

  ok = TRUE;

out:
  if (ok)
    {
      g_autofree char *rows = g_strdup_printf ("%" G_GUINT64_FORMAT, w.progress.rows_written);
      g_autofree char *message = g_strdup_printf (_("Exported %s rows in %u pages to %s."),
                                                  rows, w.progress.pages,
                                                  config->output_path);

      journal_event (&w, "info", message);
      journal_end (&w, FREIGHT_JOURNAL_STATE_DONE, NULL);
      w.progress.state = FREIGHT_EXPORT_STATE_DONE;
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      abort_job (&w);
      if (w.out_fd >= 0)
        g_unlink (config->output_path);
      journal_event (&w, "info", _("Cancelled: the query job was aborted and the file "
                                   "removed."));
      journal_end (&w, FREIGHT_JOURNAL_STATE_CANCELLED, NULL);
      w.progress.state = FREIGHT_EXPORT_STATE_CANCELLED;
    }
  else
    {
      if (!keep_run && w.progress.run_id != 0 && config->journal != NULL
          && is_resumable_error (local_error))
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, w.progress.run_id);

          journal_event (&w, "warning", local_error->message);
          g_prefix_error (&local_error, _("Export %s stopped; continue it with “freight-cli "
                                          "resume %s” once the problem is solved: "),
                          number, number);
        }
      else if (!keep_run)
        {
          /* A file that will never be complete is not left behind to be mistaken for
           * one. */
          if (w.out_fd >= 0)
            g_unlink (config->output_path);
          journal_end (&w, FREIGHT_JOURNAL_STATE_FAILED, local_error->message);
        }
      w.progress.state = FREIGHT_EXPORT_STATE_FAILED;
    }
  report (&w);
  work_clear (&w);

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

void
_freight_export_config_free (FreightExportConfig *config)
{
  if (config == NULL)
    return;
  g_clear_object (&config->session);
  g_clear_object (&config->client);
  g_clear_object (&config->journal);
  g_free (config->org_name);
  g_free (config->object);
  g_strfreev (config->fields);
  g_free (config->soql);
  g_free (config->output_path);
  g_free (config->job_id);
  g_free (config);
}

/* Running ---------------------------------------------------------------------------- */

/**
 * freight_export_run:
 * @self: a configured export
 * @cancellable: (nullable): cancels the export: the job is aborted and the file removed
 * @error: return location for an error
 *
 * Runs the export to its end. Blocks; progress is notified in the main context of the
 * thread that made the export. An export runs once.
 *
 * Returns: %TRUE when the file is complete
 */
gboolean
freight_export_run (FreightExport  *self,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(FreightExportConfig) config = NULL;
  gboolean ok;

  g_return_val_if_fail (FREIGHT_IS_EXPORT (self), FALSE);

  config = _freight_export_start (self, error);
  if (config == NULL)
    return FALSE;

  ok = _freight_export_work (self, config, cancellable, error);
  _freight_export_publish_if_owner (self);
  return ok;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  FreightExport *self = source_object;
  GError *error = NULL;

  if (_freight_export_work (self, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * freight_export_run_async:
 * @self: a configured export
 * @cancellable: (nullable): cancels the export: the job is aborted and the file removed
 * @callback: called in the thread-default main context when the export ends
 * @user_data: data for @callback
 *
 * Runs the export on a worker thread.
 */
void
freight_export_run_async (FreightExport       *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FreightExportConfig *config;
  GError *error = NULL;

  g_return_if_fail (FREIGHT_IS_EXPORT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_export_run_async);
  /* The worker reports cancellation itself, after aborting the job. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, FALSE);

  config = _freight_export_start (self, &error);
  if (config == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, config, (GDestroyNotify) _freight_export_config_free);
  g_task_run_in_thread (task, run_thread);
}

/**
 * freight_export_run_finish:
 * @self: an export
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the file is complete
 */
gboolean
freight_export_run_finish (FreightExport  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == freight_export_run_async,
                        FALSE);

  /* Properties reach their final values before the caller looks. */
  _freight_export_publish_if_owner (self);
  return g_task_propagate_boolean (G_TASK (result), error);
}
