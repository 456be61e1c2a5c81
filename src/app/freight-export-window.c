/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-export-window"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-export-window-private.h"
#include "freight-preferences-window.h"
#include "freight-utils.h"

/* The export window (design.md §1.10): an object and its fields, or SOQL text; then the
 * file and its options; then the export with its progress, and its end. The work is
 * FreightExport's (the core); the window builds it and follows its properties. */

G_DEFINE_FINAL_TYPE (FreightExportWindow, freight_export_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char delimiters[] = { ',', ';', '\t', '|', '^', '`' };

/* Pages ---------------------------------------------------------------------------------- */

gboolean
_freight_export_window_is_page (FreightExportWindow *self,
                                const char          *name)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), name) == 0;
}

static gboolean
is_page (FreightExportWindow *self,
         const char          *name)
{
  return _freight_export_window_is_page (self, name);
}

static gboolean
is_soql_mode (FreightExportWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->source_stack), "soql") == 0;
}

/**
 * _freight_export_window_dup_soql_text:
 *
 * Returns: (transfer full): the SOQL text as typed, without surrounding blanks
 */
char *
_freight_export_window_dup_soql_text (FreightExportWindow *self)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (self->soql_buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (self->soql_buffer, &start, &end, FALSE));
}

/**
 * _freight_export_window_dup_object_name:
 *
 * Returns: (transfer full) (nullable): the object exported: the picker's, or the one after
 *   FROM in the SOQL text
 */
char *
_freight_export_window_dup_object_name (FreightExportWindow *self)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *soql = NULL;

  if (!is_soql_mode (self))
    return g_strdup (freight_export_picker_get_object_name (self->picker));

  soql = _freight_export_window_dup_soql_text (self);
  regex = g_regex_new ("\\bFROM\\s+([A-Za-z][A-Za-z0-9_]*)", G_REGEX_CASELESS, 0, NULL);
  if (g_regex_match (regex, soql, 0, &match))
    return g_match_info_fetch (match, 1);
  return NULL;
}

static gboolean
freight_export_window_source_is_valid (FreightExportWindow *self)
{
  g_autofree char *soql = NULL;

  if (!is_soql_mode (self))
    return freight_export_picker_get_object_name (self->picker) != NULL &&
           freight_export_picker_get_n_selected (self->picker) > 0;

  soql = _freight_export_window_dup_soql_text (self);
  return soql[0] != '\0';
}

/* The one place that decides which actions are enabled. */
void
_freight_export_window_update_actions (FreightExportWindow *self)
{
  gboolean running = self->running;
  gboolean setting_up = is_page (self, "source") || is_page (self, "options");

  g_assert (FREIGHT_IS_EXPORT_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.back",
                                 !running && (is_page (self, "options") ||
                                              is_page (self, "failed")));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.next",
                                 is_page (self, "source") &&
                                 freight_export_window_source_is_valid (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.start",
                                 !running && is_page (self, "options") &&
                                 self->output_path != NULL && self->journal_ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.open", is_page (self, "done"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.show-in-folder",
                                 is_page (self, "done"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.new",
                                 !running && (is_page (self, "done") ||
                                              is_page (self, "failed")));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file",
                                 is_page (self, "options") && self->chooser == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.resume-interrupted",
                                 !running && setting_up && self->interrupted_run_id != 0 &&
                                 self->journal != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.resume",
                                 !running && is_page (self, "failed") && self->resumable &&
                                 self->journal != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.soql-from-fields",
                                 freight_export_picker_get_n_selected (self->picker) > 0);
}

static void
freight_export_window_update_switcher_bar (FreightExportWindow *self)
{
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    is_page (self, "source") &&
                                    adw_view_switcher_title_get_title_visible (
                                      self->switcher_title));
}

/**
 * _freight_export_window_set_page:
 * @page: "source", "options", "progress", "done" or "failed"
 */
void
_freight_export_window_set_page (FreightExportWindow *self,
                                 const char          *page)
{
  g_autofree char *object = _freight_export_window_dup_object_name (self);
  const char *title = NULL;

  gtk_stack_set_visible_child_name (self->main_stack, page);
  gtk_stack_set_visible_child_name (self->title_stack,
                                    g_str_equal (page, "source") ? "switcher" : "title");

  if (g_str_equal (page, "options"))
    title = _("Export Options");
  else if (g_str_equal (page, "progress"))
    title = _("Exporting");
  else if (g_str_equal (page, "done"))
    title = _("Export Complete");
  else if (g_str_equal (page, "failed"))
    title = _("Export Failed");
  adw_window_title_set_title (self->window_title, title != NULL ? title : _("Export Data"));
  adw_window_title_set_subtitle (self->window_title, object != NULL ? object : "");

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), g_str_equal (page, "options"));
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), g_str_equal (page, "source"));
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), g_str_equal (page, "options"));
  gtk_revealer_set_reveal_child (self->resume_revealer,
                                 self->interrupted_run_id != 0 &&
                                 (g_str_equal (page, "source") ||
                                  g_str_equal (page, "options")));

  freight_export_window_update_switcher_bar (self);
  _freight_export_window_update_actions (self);
}

/* The source ------------------------------------------------------------------------------ */

static void
on_source_changed (FreightExportWindow *self)
{
  _freight_export_window_update_actions (self);
}

static void
on_soql_changed (FreightExportWindow *self)
{
  GtkTextIter start;
  GtkTextIter end;

  /* An error is about the text it was found in. */
  gtk_text_buffer_get_bounds (self->soql_buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (self->soql_buffer, "error", &start, &end);
  gtk_revealer_set_reveal_child (self->soql_error_revealer, FALSE);
  _freight_export_window_update_actions (self);
}

/**
 * _freight_export_window_show_soql_error:
 * @error: the org's answer to the query
 *
 * Shows why the org refused the SOQL text under it, and marks the place the org names
 * (“ERROR at Row:1:Column:8”).
 */
void
_freight_export_window_show_soql_error (FreightExportWindow *self,
                                        const GError        *error)
{
  g_autoptr(GRegex) regex = g_regex_new ("Row:(\\d+):Column:(\\d+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  const char *code = freight_error_get_remote_code (error);
  g_autofree char *title = NULL;

  adw_view_stack_set_visible_child_name (self->source_stack, "soql");
  _freight_export_window_set_page (self, "source");

  if (code != NULL)
    /* Translators: %s is Salesforce's error code, such as MALFORMED_QUERY. */
    title = g_strdup_printf (_("Salesforce refused the query (%s)"), code);
  else
    title = g_strdup (_("Salesforce refused the query"));
  gtk_label_set_text (self->soql_error_title, title);
  gtk_label_set_text (self->soql_error_label, error->message);

  if (g_regex_match (regex, error->message, 0, &match))
    {
      g_autofree char *row_text = g_match_info_fetch (match, 1);
      g_autofree char *column_text = g_match_info_fetch (match, 2);
      int row = (int) g_ascii_strtoll (row_text, NULL, 10) - 1;
      int column = (int) g_ascii_strtoll (column_text, NULL, 10) - 1;
      GtkTextIter start;
      GtkTextIter end;

      if (row >= 0 && column >= 0 &&
          gtk_text_buffer_get_iter_at_line_offset (self->soql_buffer, &start, row, column))
        {
          end = start;
          if (!gtk_text_iter_ends_word (&end))
            gtk_text_iter_forward_word_end (&end);
          if (gtk_text_iter_equal (&start, &end))
            gtk_text_iter_forward_char (&end);
          gtk_text_buffer_apply_tag_by_name (self->soql_buffer, "error", &start, &end);
          gtk_text_buffer_place_cursor (self->soql_buffer, &start);
          gtk_text_view_scroll_to_iter (self->soql_view, &start, 0.1, FALSE, 0, 0);
        }
    }

  gtk_revealer_set_reveal_child (self->soql_error_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->soql_view));
}

static void
freight_export_window_soql_from_fields_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *param)
{
  FreightExportWindow *self = FREIGHT_EXPORT_WINDOW (widget);
  g_auto(GStrv) fields = freight_export_picker_dup_fields (self->picker);
  g_autofree char *soql = NULL;

  soql = freight_export_build_soql (freight_export_picker_get_object_name (self->picker),
                                    (const char * const *) fields, NULL);
  if (soql == NULL)
    return;

  gtk_text_buffer_set_text (self->soql_buffer, soql, -1);
  adw_view_stack_set_visible_child_name (self->source_stack, "soql");
  gtk_widget_grab_focus (GTK_WIDGET (self->soql_view));
}

/* The options ---------------------------------------------------------------------------- */

/* The query the export will send, as the user sees it before it runs. */
static char *
freight_export_window_dup_query (FreightExportWindow *self)
{
  g_auto(GStrv) fields = NULL;

  if (is_soql_mode (self))
    return _freight_export_window_dup_soql_text (self);

  fields = freight_export_picker_dup_fields (self->picker);
  return freight_export_build_soql (freight_export_picker_get_object_name (self->picker),
                                    (const char * const *) fields, NULL);
}

static void
freight_export_window_set_output_path (FreightExportWindow *self,
                                       const char          *path,
                                       gboolean             chosen)
{
  g_autofree char *display = _freight_display_path (path);

  g_free (self->output_path);
  self->output_path = g_strdup (path);
  self->output_chosen = chosen;
  adw_action_row_set_subtitle (self->file_row, display);
  _freight_export_window_update_actions (self);
}

/* “Account-2026-03-31.csv” in the default output folder, until the user picks a file. */
static void
freight_export_window_default_output (FreightExportWindow *self)
{
  g_autofree char *object = _freight_export_window_dup_object_name (self);
  g_autofree char *folder = _freight_get_output_folder (self->settings);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  /* Translators: the default name of an export file without an object. */
  name = g_strdup_printf ("%s-%s.csv", object != NULL ? object : _("Export"), date);
  path = g_build_filename (folder, name, NULL);
  freight_export_window_set_output_path (self, path, FALSE);
}

static void
freight_export_window_next_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  FreightExportWindow *self = FREIGHT_EXPORT_WINDOW (widget);
  g_autofree char *query = NULL;

  if (!freight_export_window_source_is_valid (self))
    return;

  query = freight_export_window_dup_query (self);
  adw_action_row_set_subtitle (self->query_row, query != NULL ? query : "");
  if (!self->output_chosen)
    freight_export_window_default_output (self);
  _freight_export_window_set_page (self, "options");
  gtk_widget_grab_focus (GTK_WIDGET (self->export_button));
}

static void
freight_export_window_back_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  FreightExportWindow *self = FREIGHT_EXPORT_WINDOW (widget);

  if (is_page (self, "failed"))
    _freight_export_window_set_page (self, "options");
  else if (is_page (self, "options"))
    _freight_export_window_set_page (self, "source");
}

/* Ctrl+Enter: on to the next page, or export. */
static void
freight_export_window_go_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  FreightExportWindow *self = FREIGHT_EXPORT_WINDOW (widget);

  if (is_page (self, "source"))
    gtk_widget_activate_action (widget, "export.next", NULL);
  else if (is_page (self, "options"))
    gtk_widget_activate_action (widget, "export.start", NULL);
}

static void
on_chooser_response (FreightExportWindow *self,
                     int                  response,
                     GtkNativeDialog     *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    freight_export_window_set_output_path (self, path, TRUE);

  g_clear_object (&self->chooser);
  _freight_export_window_update_actions (self);
}

static void
freight_export_window_choose_file_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  FreightExportWindow *self = FREIGHT_EXPORT_WINDOW (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export To"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);

  /* Where the file would go, or next to it when that folder does not exist yet. */
  file = g_file_new_for_path (self->output_path);
  folder = g_file_get_parent (file);
  while (folder != NULL && !g_file_query_exists (folder, NULL))
    g_set_object (&folder, g_file_get_parent (folder));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  name = g_file_get_basename (file);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
  _freight_export_window_update_actions (self);
}

/* Starting and ending ------------------------------------------------------------------------ */

static void
freight_export_window_start_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  _freight_export_window_start (FREIGHT_EXPORT_WINDOW (widget));
}

static void
freight_export_window_new_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  FreightExportWindow *self = FREIGHT_EXPORT_WINDOW (widget);

  /* The same object and fields are a good start; the file is new. */
  g_clear_object (&self->export);
  self->run_id = 0;
  self->output_chosen = FALSE;
  _freight_export_window_set_page (self, "source");
}

static void
on_cancel_response (FreightExportWindow *self,
                    const char          *response)
{
  if (g_str_equal (response, "stop"))
    _freight_export_window_cancel (self);
  else
    self->close_after_cancel = FALSE;
}

static void
freight_export_window_confirm_cancel (FreightExportWindow *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Stop the Export?"),
                                   _("The query job is aborted in Salesforce and the partly "
                                     "written file is removed."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "continue", _("_Keep Exporting"),
                                    "stop", _("_Stop Export"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "stop",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
freight_export_window_cancel_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  freight_export_window_confirm_cancel (FREIGHT_EXPORT_WINDOW (widget));
}

static void
open_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FreightExportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (result)) == _freight_open_file_async)
    ok = _freight_open_file_finish (result, &error);
  else
    ok = _freight_show_folder_finish (result, &error);
  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 _freight_toast_new_for_error (_("Could not open the file"),
                                                               error));
}

static void
freight_export_window_open_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  FreightExportWindow *self = FREIGHT_EXPORT_WINDOW (widget);
  const char *path = self->export != NULL ? freight_export_get_output_path (self->export)
                                          : NULL;

  if (path == NULL)
    return;
  if (g_str_equal (action_name, "export.open"))
    _freight_open_file_async (GTK_WINDOW (self), path, self->cancellable, open_done,
                              g_object_ref (self));
  else
    _freight_show_folder_async (GTK_WINDOW (self), path, TRUE, self->cancellable, open_done,
                                g_object_ref (self));
}

static void
freight_export_window_resume_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  FreightExportWindow *self = FREIGHT_EXPORT_WINDOW (widget);

  if (g_str_equal (action_name, "export.resume-interrupted"))
    _freight_export_window_start_resume (self, self->interrupted_run_id);
  else if (self->run_id != 0)
    _freight_export_window_start_resume (self, self->run_id);
}

static gboolean
freight_export_window_close_request (GtkWindow *window)
{
  FreightExportWindow *self = FREIGHT_EXPORT_WINDOW (window);

  if (self->running)
    {
      /* Closing stops the export: ask first, and close once it has stopped. */
      self->close_after_cancel = TRUE;
      freight_export_window_confirm_cancel (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (freight_export_window_parent_class)->close_request (window);
}

/**
 * _freight_export_window_set_running:
 *
 * Notes whether an export runs; a window closes once its export has stopped, when the
 * user asked it to.
 */
void
_freight_export_window_set_running (FreightExportWindow *self,
                                    gboolean             running)
{
  if (self->running == running)
    return;

  self->running = running;
  _freight_export_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (!running && self->close_after_cancel)
    gtk_window_close (GTK_WINDOW (self));
}

/* The object ------------------------------------------------------------------------------- */

static void
journal_open_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FreightExportWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->journal = _freight_journal_open_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Without the journal an export still runs; it just cannot be continued later. */
  if (self->journal == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 _freight_toast_new_for_error (_("Exports cannot be resumed"),
                                                               error));
  self->journal_ready = TRUE;
  _freight_export_window_journal_ready (self);
  _freight_export_window_update_actions (self);
}

static void
on_title_visible_changed (FreightExportWindow *self)
{
  freight_export_window_update_switcher_bar (self);
}

static void
freight_export_window_constructed (GObject *object)
{
  FreightExportWindow *self = FREIGHT_EXPORT_WINDOW (object);
  g_autofree char *instance = NULL;

  G_OBJECT_CLASS (freight_export_window_parent_class)->constructed (object);

  freight_export_picker_set_session (self->picker, self->session);
  instance = freight_org_session_dup_instance_url (self->session);
  adw_view_switcher_title_set_subtitle (self->switcher_title, instance);

  _freight_journal_open_async (self->cancellable, journal_open_done, g_object_ref (self));
}

static void
freight_export_window_dispose (GObject *object)
{
  FreightExportWindow *self = FREIGHT_EXPORT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  /* libadwaita 1.2 warns when the switchers let go of a stack already torn down. */
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_EXPORT_WINDOW);

  G_OBJECT_CLASS (freight_export_window_parent_class)->dispose (object);
}

static void
freight_export_window_finalize (GObject *object)
{
  FreightExportWindow *self = FREIGHT_EXPORT_WINDOW (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->journal);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->run_cancellable);
  g_clear_object (&self->export);
  g_clear_pointer (&self->output_path, g_free);

  G_OBJECT_CLASS (freight_export_window_parent_class)->finalize (object);
}

static void
freight_export_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  FreightExportWindow *self = FREIGHT_EXPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_export_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  FreightExportWindow *self = FREIGHT_EXPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_export_window_class_init (FreightExportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = freight_export_window_constructed;
  object_class->dispose = freight_export_window_dispose;
  object_class->finalize = freight_export_window_finalize;
  object_class->get_property = freight_export_window_get_property;
  object_class->set_property = freight_export_window_set_property;

  window_class->close_request = freight_export_window_close_request;

  /**
   * FreightExportWindow:session:
   *
   * The org to export from.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         FREIGHT_TYPE_ORG_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  /**
   * FreightExportWindow:running:
   *
   * Whether an export runs.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FREIGHT_TYPE_EXPORT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-export-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, resume_revealer);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, resume_label);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, source_stack);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, picker);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, soql_view);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, soql_buffer);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, soql_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, soql_error_title);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, soql_error_label);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, query_row);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, query_all_switch);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, file_row);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, line_ending_row);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, progress_page);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, rows_label);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, done_page);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, resume_button);
  gtk_widget_class_bind_template_child (widget_class, FreightExportWindow, switcher_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_soql_changed);

  gtk_widget_class_install_action (widget_class, "export.back", NULL,
                                   freight_export_window_back_action);
  gtk_widget_class_install_action (widget_class, "export.next", NULL,
                                   freight_export_window_next_action);
  gtk_widget_class_install_action (widget_class, "export.go", NULL,
                                   freight_export_window_go_action);
  gtk_widget_class_install_action (widget_class, "export.start", NULL,
                                   freight_export_window_start_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL,
                                   freight_export_window_cancel_action);
  gtk_widget_class_install_action (widget_class, "export.open", NULL,
                                   freight_export_window_open_action);
  gtk_widget_class_install_action (widget_class, "export.show-in-folder", NULL,
                                   freight_export_window_open_action);
  gtk_widget_class_install_action (widget_class, "export.new", NULL,
                                   freight_export_window_new_action);
  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL,
                                   freight_export_window_choose_file_action);
  gtk_widget_class_install_action (widget_class, "export.resume-interrupted", NULL,
                                   freight_export_window_resume_action);
  gtk_widget_class_install_action (widget_class, "export.resume", NULL,
                                   freight_export_window_resume_action);
  gtk_widget_class_install_action (widget_class, "export.soql-from-fields", NULL,
                                   freight_export_window_soql_from_fields_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "export.go", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "export.go", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
freight_export_window_init (FreightExportWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();

  gtk_text_buffer_create_tag (self->soql_buffer, "error",
                              "underline", PANGO_UNDERLINE_ERROR,
                              NULL);

  g_signal_connect_object (self->picker, "notify::n-selected", G_CALLBACK (on_source_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->picker, "notify::object-name", G_CALLBACK (on_source_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->source_stack, "notify::visible-child",
                           G_CALLBACK (on_source_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (on_title_visible_changed), self, G_CONNECT_SWAPPED);

  _freight_export_window_set_page (self, "source");
}

/**
 * freight_export_window_new:
 * @session: the org to export from
 *
 * Returns: (transfer floating): an export window
 */
FreightExportWindow *
freight_export_window_new (FreightOrgSession *session)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (session), NULL);

  return g_object_new (FREIGHT_TYPE_EXPORT_WINDOW,
                       "session", session,
                       NULL);
}

static FreightExportWindow *
freight_export_window_open (GtkWindow         *parent,
                            FreightOrgSession *session)
{
  FreightExportWindow *self = freight_export_window_new (session);
  GtkApplication *app = gtk_window_get_application (parent);

  if (app != NULL)
    gtk_window_set_application (GTK_WINDOW (self), app);
  return self;
}

/**
 * freight_export_window_present:
 * @parent: the window asking
 * @session: the org to export from
 *
 * Shows the export window of @session, opening one if there is none.
 *
 * Returns: (transfer none): the window
 */
FreightExportWindow *
freight_export_window_present (GtkWindow         *parent,
                               FreightOrgSession *session)
{
  GtkApplication *app;
  FreightExportWindow *self = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (session), NULL);

  app = gtk_window_get_application (parent);
  for (const GList *iter = app != NULL ? gtk_application_get_windows (app) : NULL;
       iter != NULL && self == NULL;
       iter = iter->next)
    {
      if (FREIGHT_IS_EXPORT_WINDOW (iter->data) &&
          FREIGHT_EXPORT_WINDOW (iter->data)->session == session)
        self = iter->data;
    }

  if (self == NULL)
    self = freight_export_window_open (parent, session);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * freight_export_window_resume:
 * @parent: the window asking
 * @session: the org the run ran on
 * @run_id: an unfinished export of the journal
 *
 * Continues @run_id in a window of its own, or shows the window that already does.
 *
 * Returns: (transfer none): the window
 */
FreightExportWindow *
freight_export_window_resume (GtkWindow         *parent,
                              FreightOrgSession *session,
                              gint64             run_id)
{
  GtkApplication *app;
  FreightExportWindow *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (session), NULL);

  app = gtk_window_get_application (parent);
  self = app != NULL ? freight_export_window_lookup_run (app, run_id) : NULL;
  if (self == NULL)
    {
      self = freight_export_window_open (parent, session);
      _freight_export_window_start_resume (self, run_id);
    }

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * freight_export_window_lookup_run:
 * @run_id: a journal run
 *
 * Returns: (transfer none) (nullable): the window that runs @run_id now
 */
FreightExportWindow *
freight_export_window_lookup_run (GtkApplication *application,
                                  gint64          run_id)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  for (const GList *iter = gtk_application_get_windows (application);
       iter != NULL;
       iter = iter->next)
    {
      FreightExportWindow *window = iter->data;

      if (FREIGHT_IS_EXPORT_WINDOW (window) && window->running && window->run_id == run_id)
        return window;
    }

  return NULL;
}

FreightOrgSession *
freight_export_window_get_session (FreightExportWindow *self)
{
  g_return_val_if_fail (FREIGHT_IS_EXPORT_WINDOW (self), NULL);

  return self->session;
}

/**
 * freight_export_window_get_export:
 *
 * Returns: (transfer none) (nullable): the export running or last run
 */
FreightExport *
freight_export_window_get_export (FreightExportWindow *self)
{
  g_return_val_if_fail (FREIGHT_IS_EXPORT_WINDOW (self), NULL);

  return self->export;
}

gboolean
freight_export_window_get_running (FreightExportWindow *self)
{
  g_return_val_if_fail (FREIGHT_IS_EXPORT_WINDOW (self), FALSE);

  return self->running;
}

/**
 * freight_export_window_get_page:
 *
 * Returns: the page shown: "source", "options", "progress", "done" or "failed"
 */
const char *
freight_export_window_get_page (FreightExportWindow *self)
{
  g_return_val_if_fail (FREIGHT_IS_EXPORT_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/* The settings the run file needs from the options page. */
char
_freight_export_window_get_delimiter (FreightExportWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->delimiter_row);

  return selected < G_N_ELEMENTS (delimiters) ? delimiters[selected] : ',';
}
