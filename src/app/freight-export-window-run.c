/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-export-window"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "freight-application.h"
#include "freight-export-window-private.h"
#include "freight-utils.h"

/* Running an export from the window: build the FreightExport, get its folder ready, run
 * it on the core's worker and follow its properties; resume an unfinished one from the
 * journal; offer the newest interrupted export of this org when the window opens. Every
 * file and journal operation runs off the main thread. */

/* Rows per result page: progress moves at least every this many rows, and no request
 * of the export carries more (Salesforce's own pages can be smaller). */
#define EXPORT_PAGE_SIZE 50000

static void
set_markup_description (AdwStatusPage *page,
                        const char    *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  adw_status_page_set_description (page, escaped);
}

/* Progress -------------------------------------------------------------------------------- */

static gboolean
pulse_cb (gpointer user_data)
{
  FreightExportWindow *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
set_pulsing (FreightExportWindow *self,
             gboolean             pulsing)
{
  if (pulsing && self->pulse_source == 0)
    {
      self->pulse_source = g_timeout_add (150, pulse_cb, self);
      g_source_set_name_by_id (self->pulse_source, "[freight] export pulse");
    }
  else if (!pulsing)
    g_clear_handle_id (&self->pulse_source, g_source_remove);
}

static void
freight_export_window_update_progress (FreightExportWindow *self)
{
  FreightExport *export = self->export;
  FreightExportState state = freight_export_get_state (export);
  guint64 written = freight_export_get_rows_written (export);
  guint64 total = freight_export_get_rows_total (export);
  g_autofree char *written_text = _freight_format_count (written);
  g_autofree char *total_text = _freight_format_count (total);
  g_autofree char *rows = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *file = NULL;
  const char *description = NULL;

  if (self->run_id != freight_export_get_run_id (export) &&
      freight_export_get_run_id (export) != 0)
    self->run_id = freight_export_get_run_id (export);

  switch (state)
    {
    case FREIGHT_EXPORT_STATE_IDLE:
    case FREIGHT_EXPORT_STATE_CREATING:
      description = self->resuming ? _("Reading where the export stopped…")
                                   : _("Sending the query to Salesforce…");
      rows = g_strdup ("");
      break;

    case FREIGHT_EXPORT_STATE_WAITING:
      description = _("Salesforce is running the query…");
      /* Translators: rows a query has found so far, before they are written. */
      rows = total > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row found",
                                                       "%s rows found", total),
                                          total_text)
                       : g_strdup ("");
      break;

    case FREIGHT_EXPORT_STATE_DOWNLOADING:
    case FREIGHT_EXPORT_STATE_DONE:
    default:
      file = g_path_get_basename (freight_export_get_output_path (export));
      description = NULL;
      /* Translators: “12,000 of 48,000 rows” written to the file. */
      rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s row", "%s of %s rows",
                                           total),
                              written_text, total_text);
      {
        g_autofree char *size = g_format_size (freight_export_get_bytes_written (export));
        guint pages = freight_export_get_pages (export);

        /* Translators: pages of the query's result written so far, and their size. */
        detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page · %s",
                                               "%u pages · %s", pages),
                                  pages, size);
      }
      break;
    }

  if (description != NULL)
    set_markup_description (self->progress_page, description);
  else
    {
      /* Translators: %s is the name of the file an export writes. */
      g_autofree char *writing = g_strdup_printf (_("Writing the rows to %s…"), file);

      set_markup_description (self->progress_page, writing);
    }

  set_pulsing (self, state == FREIGHT_EXPORT_STATE_IDLE ||
                     state == FREIGHT_EXPORT_STATE_CREATING ||
                     state == FREIGHT_EXPORT_STATE_WAITING);
  if (state == FREIGHT_EXPORT_STATE_DOWNLOADING || state == FREIGHT_EXPORT_STATE_DONE)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   total > 0 ? MIN (1.0, (double) written / (double) total)
                                             : 1.0);
  gtk_label_set_text (self->rows_label, rows);
  gtk_label_set_text (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
}

static void
freight_export_window_show_progress (FreightExportWindow *self)
{
  g_autofree char *object = NULL;
  g_autofree char *title = NULL;

  object = self->export != NULL && freight_export_get_object (self->export) != NULL
           ? g_strdup (freight_export_get_object (self->export))
           : self->resuming ? NULL : _freight_export_window_dup_object_name (self);

  if (self->resuming)
    title = object != NULL ? g_strdup_printf (_("Resuming the Export of %s"), object)
                           : g_strdup (_("Resuming the Export"));
  else
    title = object != NULL ? g_strdup_printf (_("Exporting %s"), object)
                           : g_strdup (_("Exporting"));
  adw_status_page_set_title (self->progress_page, title);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->rows_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), FALSE);
  set_markup_description (self->progress_page, self->resuming
                                               ? _("Reading where the export stopped…")
                                               : _("Sending the query to Salesforce…"));
  set_pulsing (self, TRUE);
  _freight_export_window_set_page (self, "progress");
}

/* The end ------------------------------------------------------------------------------------ */

static void
freight_export_window_show_done (FreightExportWindow *self)
{
  FreightExport *export = self->export;
  const char *path = freight_export_get_output_path (export);
  guint64 rows = freight_export_get_rows_written (export);
  g_autofree char *count = _freight_format_count (rows);
  g_autofree char *file = g_path_get_basename (path);
  g_autofree char *folder_path = g_path_get_dirname (path);
  g_autofree char *folder = _freight_display_path (folder_path);
  g_autofree char *description = NULL;

  /* Translators: the end of an export: a number of rows, a file name and its folder. */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s row was exported to %s in %s.",
                                              "%s rows were exported to %s in %s.", rows),
                                 count, file, folder);
  set_markup_description (self->done_page, description);
  _freight_export_window_set_page (self, "done");
  gtk_widget_grab_focus (GTK_WIDGET (self->open_button));
}

typedef struct
{
  FreightJournal *journal;
  gint64          run_id;
} RunCheck;

static void
run_check_free (RunCheck *check)
{
  g_clear_object (&check->journal);
  g_free (check);
}

static void
check_run_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RunCheck *check = task_data;
  g_autoptr(FreightJournalRun) run = NULL;

  run = freight_journal_get_run (check->journal, check->run_id, NULL);
  g_task_return_boolean (task, run != NULL && !freight_journal_run_is_finished (run));
}

static void
check_run_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FreightExportWindow) self = user_data;
  gboolean resumable = g_task_propagate_boolean (G_TASK (result), NULL);

  if (!_freight_export_window_is_page (self, "failed"))
    return;
  self->resumable = resumable;
  adw_status_page_set_title (self->failed_page,
                             resumable ? _("Export Stopped") : _("Export Failed"));
  gtk_widget_set_visible (GTK_WIDGET (self->resume_button), resumable);
  _freight_export_window_update_actions (self);
}

static void
freight_export_window_show_failed (FreightExportWindow *self,
                                   const GError        *error)
{
  self->resumable = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->resume_button), FALSE);
  adw_status_page_set_title (self->failed_page, _("Export Failed"));
  set_markup_description (self->failed_page, error->message);
  _freight_export_window_set_page (self, "failed");

  /* The core leaves a run it can continue unfinished in the journal. */
  if (self->run_id != 0 && self->journal != NULL)
    {
      g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, check_run_done,
                                          g_object_ref (self));
      RunCheck *check = g_new0 (RunCheck, 1);

      check->journal = g_object_ref (self->journal);
      check->run_id = self->run_id;
      g_task_set_task_data (task, check, (GDestroyNotify) run_check_free);
      g_task_run_in_thread (task, check_run_thread);
    }
  _freight_export_window_update_actions (self);
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FreightExportWindow) self = user_data;
  FreightExport *export = FREIGHT_EXPORT (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *job_id = NULL;
  gboolean ok;

  ok = freight_export_run_finish (export, result, &error);
  set_pulsing (self, FALSE);
  if (export != self->export)
    return;

  job_id = freight_export_dup_job_id (export);
  self->resuming = FALSE;

  if (ok)
    freight_export_window_show_done (self);
  else if (freight_export_get_state (export) == FREIGHT_EXPORT_STATE_CANCELLED ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _freight_export_window_set_page (self, "options");
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Export stopped. The query job was aborted "
                                                    "and the file removed.")));
    }
  else if (error->domain == FREIGHT_API_ERROR && job_id == NULL &&
           freight_export_get_soql (export) != NULL && self->run_id == 0)
    /* The org refused the typed query before a job existed: say where, in the text. */
    _freight_export_window_show_soql_error (self, error);
  else
    freight_export_window_show_failed (self, error);

  _freight_export_window_set_running (self, FALSE);
}

static void
freight_export_window_run (FreightExportWindow *self)
{
  g_set_object (&self->run_cancellable, g_cancellable_new ());
  freight_export_run_async (self->export, self->run_cancellable, run_done, g_object_ref (self));
}

static void
on_export_notify (FreightExportWindow *self)
{
  if (_freight_export_window_is_page (self, "progress"))
    freight_export_window_update_progress (self);
}

static void
freight_export_window_set_export (FreightExportWindow *self,
                                  FreightExport       *export)
{
  if (self->export != NULL)
    g_signal_handlers_disconnect_by_func (self->export, on_export_notify, self);
  g_set_object (&self->export, export);
  g_signal_connect_object (export, "notify", G_CALLBACK (on_export_notify), self,
                           G_CONNECT_SWAPPED);
}

/* Starting ----------------------------------------------------------------------------------- */

typedef struct
{
  char     *path;
  gboolean  chosen;
} Target;

static void
target_free (Target *target)
{
  g_free (target->path);
  g_free (target);
}

/* The folder exists, and a made-up name never overwrites a file the user has. */
static void
prepare_target_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  Target *target = task_data;
  g_autofree char *folder = g_path_get_dirname (target->path);
  g_autofree char *path = g_strdup (target->path);

  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not create the folder %s: %s"), folder,
                               g_strerror (saved_errno));
      return;
    }

  for (guint n = 2; !target->chosen && g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *base = g_path_get_basename (target->path);
      g_autofree char *stem = g_str_has_suffix (base, ".csv")
                              ? g_strndup (base, strlen (base) - 4) : g_strdup (base);
      g_autofree char *name = g_strdup_printf ("%s (%u).csv", stem, n);

      g_free (path);
      path = g_build_filename (folder, name, NULL);
    }

  g_task_return_pointer (task, g_steal_pointer (&path), g_free);
}

static void
prepare_target_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(FreightExportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (path == NULL)
    {
      set_pulsing (self, FALSE);
      _freight_export_window_set_running (self, FALSE);
      _freight_export_window_set_page (self, "options");
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   _freight_toast_new_for_error (_("Could not export"), error));
      return;
    }

  freight_export_set_output_path (self->export, path);
  freight_export_window_run (self);
}

/**
 * _freight_export_window_start:
 *
 * Exports what the window is set up for.
 */
void
_freight_export_window_start (FreightExportWindow *self)
{
  g_autoptr(FreightExport) export = NULL;
  g_autoptr(GTask) task = NULL;
  Target *target;

  if (self->running || self->output_path == NULL)
    return;

  export = freight_export_new (self->session);
  if (self->journal != NULL)
    freight_export_set_journal (export, self->journal);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->source_stack), "soql") == 0)
    {
      g_autofree char *soql = _freight_export_window_dup_soql_text (self);
      g_autofree char *object = _freight_export_window_dup_object_name (self);

      freight_export_set_soql (export, soql);
      freight_export_set_object (export, object);
    }
  else
    {
      g_auto(GStrv) fields = freight_export_picker_dup_fields (self->picker);

      freight_export_set_object (export, freight_export_picker_get_object_name (self->picker));
      freight_export_set_fields (export, (const char * const *) fields);
    }

  freight_export_set_operation (export, gtk_switch_get_active (self->query_all_switch)
                                        ? FREIGHT_BULK_OPERATION_QUERY_ALL
                                        : FREIGHT_BULK_OPERATION_QUERY);
  freight_export_set_delimiter (export, _freight_export_window_get_delimiter (self));
  freight_export_set_line_ending (export, adw_combo_row_get_selected (self->line_ending_row) == 1
                                          ? FREIGHT_CSV_LINE_ENDING_CRLF
                                          : FREIGHT_CSV_LINE_ENDING_LF);
  freight_export_set_page_size (export, EXPORT_PAGE_SIZE);

  self->run_id = 0;
  self->resuming = FALSE;
  gtk_revealer_set_reveal_child (self->soql_error_revealer, FALSE);
  freight_export_window_set_export (self, export);
  _freight_export_window_set_running (self, TRUE);
  freight_export_window_show_progress (self);

  target = g_new0 (Target, 1);
  target->path = g_strdup (self->output_path);
  target->chosen = self->output_chosen;
  task = g_task_new (NULL, self->cancellable, prepare_target_done, g_object_ref (self));
  g_task_set_source_tag (task, _freight_export_window_start);
  g_task_set_task_data (task, target, (GDestroyNotify) target_free);
  g_task_run_in_thread (task, prepare_target_thread);
}

/**
 * _freight_export_window_cancel:
 *
 * Stops the running export: the core aborts its job and removes the file.
 */
void
_freight_export_window_cancel (FreightExportWindow *self)
{
  if (!self->running)
    return;

  g_cancellable_cancel (self->run_cancellable);
  set_markup_description (self->progress_page, _("Stopping the export…"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", FALSE);
}

/* Resuming ------------------------------------------------------------------------------------ */

typedef struct
{
  FreightOrgSession *session;
  FreightJournal    *journal;
  gint64             run_id;
} ResumeData;

static void
resume_data_free (ResumeData *data)
{
  g_clear_object (&data->session);
  g_clear_object (&data->journal);
  g_free (data);
}

/* Reads the run back from the journal. The export notifies its progress in the main
 * context: a worker thread has no context of its own, so it takes the global one. */
static void
resume_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ResumeData *data = task_data;
  GError *error = NULL;
  FreightExport *export;

  export = freight_export_new_for_run (data->session, data->journal, data->run_id, &error);
  if (export != NULL)
    g_task_return_pointer (task, export, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
resume_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FreightExportWindow) self = user_data;
  g_autoptr(FreightExport) export = NULL;
  g_autoptr(GError) error = NULL;

  export = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (export == NULL)
    {
      set_pulsing (self, FALSE);
      self->resuming = FALSE;
      _freight_export_window_set_running (self, FALSE);
      freight_export_window_show_failed (self, error);
      return;
    }

  freight_export_window_set_export (self, export);
  freight_export_window_show_progress (self);
  freight_export_window_run (self);
}

static void
freight_export_window_resume_now (FreightExportWindow *self,
                                  gint64               run_id)
{
  g_autoptr(GTask) task = NULL;
  ResumeData *data;

  if (self->journal == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (FREIGHT_JOURNAL_ERROR,
                                                     FREIGHT_JOURNAL_ERROR_OPEN,
                                                     _("The journal that records exports "
                                                       "could not be opened."));

      self->resuming = FALSE;
      set_pulsing (self, FALSE);
      _freight_export_window_set_running (self, FALSE);
      freight_export_window_show_failed (self, error);
      return;
    }

  data = g_new0 (ResumeData, 1);
  data->session = g_object_ref (self->session);
  data->journal = g_object_ref (self->journal);
  data->run_id = run_id;
  task = g_task_new (NULL, self->cancellable, resume_done, g_object_ref (self));
  g_task_set_source_tag (task, freight_export_window_resume_now);
  g_task_set_task_data (task, data, (GDestroyNotify) resume_data_free);
  g_task_run_in_thread (task, resume_thread);
}

/**
 * _freight_export_window_start_resume:
 * @run_id: an unfinished export of the journal
 *
 * Continues @run_id where it stopped, once the journal is open.
 */
void
_freight_export_window_start_resume (FreightExportWindow *self,
                                     gint64               run_id)
{
  if (self->running || run_id == 0)
    return;

  if (run_id == self->interrupted_run_id)
    {
      self->interrupted_run_id = 0;
      gtk_revealer_set_reveal_child (self->resume_revealer, FALSE);
    }

  self->run_id = run_id;
  self->resuming = TRUE;
  if (self->export != NULL)
    g_signal_handlers_disconnect_by_func (self->export, on_export_notify, self);
  g_clear_object (&self->export);
  _freight_export_window_set_running (self, TRUE);
  freight_export_window_show_progress (self);

  if (self->journal_ready)
    freight_export_window_resume_now (self, run_id);
  else
    self->pending_resume = run_id;
}

/* Interrupted exports -------------------------------------------------------------------------- */

typedef struct
{
  FreightJournal *journal;
  char           *instance_url;
} FindData;

static void
find_data_free (FindData *data)
{
  g_clear_object (&data->journal);
  g_free (data->instance_url);
  g_free (data);
}

/* The unfinished exports of this org, newest first. */
static void
find_interrupted_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  FindData *data = task_data;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (
    (GDestroyNotify) freight_journal_run_free);
  GError *error = NULL;

  runs = freight_journal_list_runs (data->journal, FREIGHT_EXPORT_RUN_KIND, TRUE, &error);
  if (runs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = runs->len; i > 0; i--)
    {
      FreightJournalRun *run = g_ptr_array_index (runs, i - 1);
      const char *instance = json_object_get_string_member_with_default (run->spec,
                                                                         "instance_url", NULL);

      if (g_strcmp0 (instance, data->instance_url) == 0)
        g_ptr_array_add (found, freight_journal_run_copy (run));
    }

  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_ptr_array_unref);
}

static void
find_interrupted_done (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(FreightExportWindow) self = user_data;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  FreightJournalRun *newest = NULL;
  g_autofree char *file = NULL;
  g_autofree char *text = NULL;
  const char *object;
  guint n = 0;

  found = g_task_propagate_pointer (G_TASK (result), &error);
  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not look for interrupted exports: %s", error->message);
      return;
    }

  /* Runs that another window, or the resumer at start-up, continues now are not
   * interrupted. */
  for (guint i = 0; i < found->len; i++)
    {
      FreightJournalRun *run = g_ptr_array_index (found, i);

      if (run->id == self->run_id ||
          (app != NULL && freight_export_window_lookup_run (app, run->id) != NULL) ||
          (FREIGHT_IS_APPLICATION (app) &&
           freight_resumer_is_running (freight_application_get_resumer (
                                         FREIGHT_APPLICATION (app)), run->id)))
        continue;
      if (newest == NULL)
        newest = run;
      n++;
    }
  if (newest == NULL)
    return;

  self->interrupted_run_id = newest->id;
  file = g_path_get_basename (newest->output_path);
  object = json_object_get_string_member_with_default (newest->spec, "object", NULL);
  if (n == 1)
    /* Translators: an object (Account) and a file name. */
    text = g_strdup_printf (_("An export of %s to %s was interrupted before its end. It can "
                              "continue where it stopped."),
                            object != NULL ? object : _("a SOQL query"), file);
  else
    /* Translators: a number of exports, then the newest one's object and file name. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u export was interrupted before its end. The "
                                         "newest, of %s to %s, can continue where it stopped.",
                                         "%u exports were interrupted before their end. The "
                                         "newest, of %s to %s, can continue where it stopped.",
                                         n),
                            n, object != NULL ? object : _("a SOQL query"), file);
  gtk_label_set_text (self->resume_label, text);
  gtk_revealer_set_reveal_child (self->resume_revealer,
                                 !self->running &&
                                 (_freight_export_window_is_page (self, "source") ||
                                  _freight_export_window_is_page (self, "options")));
  _freight_export_window_update_actions (self);
}

/**
 * _freight_export_window_journal_ready:
 *
 * The journal is open (or cannot be): resume the run asked for meanwhile, or look for
 * interrupted exports to offer.
 */
void
_freight_export_window_journal_ready (FreightExportWindow *self)
{
  g_autoptr(GTask) task = NULL;
  FindData *data;

  if (self->pending_resume != 0)
    {
      gint64 run_id = self->pending_resume;

      self->pending_resume = 0;
      freight_export_window_resume_now (self, run_id);
      return;
    }

  if (self->journal == NULL || self->running)
    return;

  data = g_new0 (FindData, 1);
  data->journal = g_object_ref (self->journal);
  data->instance_url = freight_org_session_dup_instance_url (self->session);
  task = g_task_new (NULL, self->cancellable, find_interrupted_done, g_object_ref (self));
  g_task_set_source_tag (task, _freight_export_window_journal_ready);
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);
  g_task_run_in_thread (task, find_interrupted_thread);
}
