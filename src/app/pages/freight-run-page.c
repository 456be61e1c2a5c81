/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-run-page"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-app-util.h"
#include "freight-run-page.h"

/* The Run step: the load FreightWizard started, as it goes. One progress bar with the
 * rows processed, the counts so far, bytes uploaded, elapsed and remaining time, a row per
 * job (the part, its Bulk API job, state and counters) and the load's messages; Cancel
 * asks first. Everything comes from the properties of the core's FreightLoad, which change
 * on the main context; the page redraws at most ten times a second, and once a second for
 * the clock. */

#define UPDATE_INTERVAL_MS 100

struct _FreightRunPage
{
  FreightWizardPage parent_instance;

  FreightLoad      *load;
  guint             update_id;
  guint             clock_id;
  AdwMessageDialog *cancel_dialog;

  /* Template widgets */
  GtkLabel         *heading_label;
  GtkLabel         *status_label;
  GtkProgressBar   *progress_bar;
  GtkLabel         *count_label;
  GtkLabel         *error_label;
  GtkLabel         *succeeded_label;
  GtkLabel         *failed_label;
  GtkLabel         *uploaded_label;
  GtkLabel         *elapsed_label;
  GtkLabel         *remaining_label;
  AdwPreferencesGroup *jobs_group;
  GtkListBox       *jobs_list;
  AdwPreferencesGroup *diagnostics_group;
  GtkListBox       *diagnostics_list;
  GtkButton        *back_button;
  GtkButton        *cancel_button;
};

G_DEFINE_FINAL_TYPE (FreightRunPage, freight_run_page, FREIGHT_TYPE_WIZARD_PAGE)

/**
 * _freight_format_duration:
 * @seconds: a duration
 *
 * Returns: @seconds as a clock shows them: “0:42”, “12:05”, “1:02:03”
 */
char *
_freight_format_duration (double seconds)
{
  guint64 total = seconds > 0 ? (guint64) (seconds + 0.5) : 0;

  if (total >= 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", total / 3600,
                            (guint) (total / 60 % 60), (guint) (total % 60));
  return g_strdup_printf ("%u:%02u", (guint) (total / 60), (guint) (total % 60));
}

static FreightWizard *
get_wizard (FreightRunPage *self)
{
  return freight_wizard_page_get_wizard (FREIGHT_WIZARD_PAGE (self));
}

static const char *
describe_state (FreightLoad *load)
{
  switch (freight_load_get_state (load))
    {
    case FREIGHT_LOAD_STATE_IDLE:
      return _("Starting…");
    case FREIGHT_LOAD_STATE_RUNNING:
      if (freight_load_get_rows_total (load) > 0 &&
          freight_load_get_rows_uploaded (load) >= freight_load_get_rows_total (load) -
                                                   freight_load_get_rows_skipped (load))
        return _("Every row is uploaded; Salesforce is processing them");
      return _("Preparing and uploading the parts of the file");
    case FREIGHT_LOAD_STATE_CANCELLING:
      return _("Cancelling: aborting the open jobs and writing every row’s result");
    case FREIGHT_LOAD_STATE_FINISHED:
      return _("Done");
    case FREIGHT_LOAD_STATE_CANCELLED:
      return _("Cancelled");
    case FREIGHT_LOAD_STATE_INTERRUPTED:
      return _("Interrupted; the load can be resumed from the Jobs window");
    case FREIGHT_LOAD_STATE_FAILED:
      return _("Stopped by an error");
    default:
      g_assert_not_reached ();
    }
}

static void
update_now (FreightRunPage *self)
{
  FreightWizard *wizard = get_wizard (self);
  FreightLoad *load = self->load;
  const GError *error = wizard != NULL ? freight_wizard_get_load_error (wizard) : NULL;
  gboolean running = wizard != NULL && freight_wizard_get_load_running (wizard);
  g_autofree char *processed = NULL;
  g_autofree char *total = NULL;
  g_autofree char *count = NULL;
  g_autofree char *uploaded = NULL;
  g_autofree char *prepared = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *remaining = NULL;
  g_autofree char *succeeded = NULL;
  g_autofree char *failed = NULL;
  guint64 rows_total;
  double estimate;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  if (error != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: the error that stopped the load. */
      text = g_strdup_printf (_("The load stopped: %s"), error->message);
      gtk_label_set_text (self->error_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), !running && error != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.cancel",
                                 running && load != NULL &&
                                 freight_load_get_state (load) != FREIGHT_LOAD_STATE_CANCELLING);

  if (load == NULL)
    {
      gtk_label_set_text (self->status_label, _("The load did not start"));
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_label_set_text (self->count_label, "");
      return;
    }

  rows_total = freight_load_get_rows_total (load);
  if (rows_total == 0 && wizard != NULL)
    rows_total = freight_wizard_get_n_rows_to_load (wizard);
  processed = _freight_format_count (freight_load_get_rows_processed (load));
  total = _freight_format_count (rows_total);
  /* Translators: “12,000 of 48,000 rows processed”. */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s row processed",
                                        "%s of %s rows processed", rows_total),
                           processed, total);
  gtk_label_set_text (self->count_label, count);
  gtk_label_set_text (self->status_label, describe_state (load));
  gtk_progress_bar_set_fraction (self->progress_bar, freight_load_get_fraction (load));

  succeeded = _freight_format_count (freight_load_get_rows_succeeded (load));
  gtk_label_set_text (self->succeeded_label, succeeded);
  failed = _freight_format_count (freight_load_get_rows_failed (load));
  gtk_label_set_text (self->failed_label, failed);

  uploaded = g_format_size (freight_load_get_bytes_uploaded (load));
  prepared = g_format_size (freight_load_get_bytes_prepared (load));
  /* Translators: bytes uploaded of the bytes prepared so far: “1.2 MB of 4.8 MB”. */
  bytes = g_strdup_printf (_("%s of %s"), uploaded, prepared);
  gtk_label_set_text (self->uploaded_label, bytes);

  elapsed = _freight_format_duration (freight_load_get_elapsed (load));
  gtk_label_set_text (self->elapsed_label, elapsed);
  estimate = freight_load_get_estimate (load);
  if (!running)
    remaining = g_strdup ("—");
  else if (estimate < 0)
    remaining = g_strdup (_("Estimating…"));
  else
    {
      g_autofree char *duration = _freight_format_duration (estimate);

      /* Translators: the time a load still needs, as a clock shows it: “About 1:30”. */
      remaining = g_strdup_printf (_("About %s"), duration);
    }
  gtk_label_set_text (self->remaining_label, remaining);
}

static gboolean
update_cb (gpointer data)
{
  FreightRunPage *self = data;

  self->update_id = 0;
  update_now (self);
  return G_SOURCE_REMOVE;
}

/* Properties change many times a second while parts upload: the page follows at most
 * every UPDATE_INTERVAL_MS. */
static void
queue_update (FreightRunPage *self)
{
  if (self->update_id == 0)
    self->update_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, UPDATE_INTERVAL_MS,
                                          update_cb, self, NULL);
}

static gboolean
clock_cb (gpointer data)
{
  update_now (data);
  return G_SOURCE_CONTINUE;
}

/* Jobs */

static void
update_job_row (AdwActionRow   *row,
                GParamSpec     *pspec,
                FreightLoadJob *job)
{
  FreightLoadJobState state = freight_load_job_get_state (job);
  GtkLabel *counters = g_object_get_data (G_OBJECT (row), "counters");
  GtkLabel *state_label = g_object_get_data (G_OBJECT (row), "state");
  const char *job_id = freight_load_job_get_job_id (job);
  const char *message = freight_load_job_get_error_message (job);
  g_autofree char *rows = _freight_format_count (freight_load_job_get_rows (job));
  g_autofree char *processed = _freight_format_count (freight_load_job_get_rows_processed (job));
  g_autofree char *failed = _freight_format_count (freight_load_job_get_rows_failed (job));
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *uploaded = g_format_size (freight_load_job_get_bytes_uploaded (job));
  g_autofree char *bytes = g_format_size (freight_load_job_get_bytes (job));

  /* Translators: a job's counters: “250 of 1,000 processed · 3 failed”. */
  text = g_strdup_printf (_("%s of %s processed · %s failed"), processed, rows, failed);
  gtk_label_set_text (counters, text);
  gtk_label_set_text (state_label, freight_load_job_state_get_display_name (state));

  if (message != NULL && *message != '\0')
    subtitle = g_strdup (message);
  else if (job_id != NULL)
    /* Translators: the Bulk API job's id, then bytes uploaded: “Job 750… · 1 MB of 2 MB”. */
    subtitle = g_strdup_printf (_("Job %s · %s of %s uploaded"), job_id, uploaded, bytes);
  else
    /* Translators: the bytes of a part uploaded so far: “0 bytes of 2 MB uploaded”. */
    subtitle = g_strdup_printf (_("%s of %s uploaded"), uploaded, bytes);
  adw_action_row_set_subtitle (row, subtitle);

  gtk_widget_remove_css_class (GTK_WIDGET (state_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (state_label), "success");
  if (state == FREIGHT_LOAD_JOB_STATE_FAILED || state == FREIGHT_LOAD_JOB_STATE_ABORTED)
    gtk_widget_add_css_class (GTK_WIDGET (state_label), "error");
  else if (state == FREIGHT_LOAD_JOB_STATE_COMPLETE)
    gtk_widget_add_css_class (GTK_WIDGET (state_label), "success");
}

static GtkWidget *
create_job_row (gpointer item,
                gpointer user_data)
{
  FreightLoadJob *job = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *state = gtk_label_new (NULL);
  GtkWidget *counters = gtk_label_new (NULL);
  g_autofree char *title = NULL;

  /* Translators: the part of the file a job loads, counted from 1. */
  title = g_strdup_printf (_("Part %u"), freight_load_job_get_part (job));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (state), 1);
  gtk_widget_add_css_class (state, "heading");
  gtk_label_set_xalign (GTK_LABEL (counters), 1);
  gtk_widget_add_css_class (counters, "dim-label");
  gtk_widget_add_css_class (counters, "caption");
  gtk_widget_add_css_class (counters, "numeric");
  gtk_box_append (GTK_BOX (box), state);
  gtk_box_append (GTK_BOX (box), counters);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  g_object_set_data (G_OBJECT (row), "state", state);
  g_object_set_data (G_OBJECT (row), "counters", counters);
  g_signal_connect_object (job, "notify", G_CALLBACK (update_job_row), row,
                           G_CONNECT_SWAPPED);
  update_job_row (ADW_ACTION_ROW (row), NULL, job);
  return row;
}

/* Messages */

static GtkWidget *
create_diagnostic_row (gpointer item,
                       gpointer user_data)
{
  FreightLoadDiagnostic *diagnostic = item;
  GtkWidget *row = adw_action_row_new ();
  gboolean is_error =
    freight_load_diagnostic_get_severity (diagnostic) == FREIGHT_PROBLEM_ERROR;
  GtkWidget *icon = gtk_image_new_from_icon_name (is_error ? "dialog-error-symbolic"
                                                           : "dialog-warning-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 freight_load_diagnostic_get_message (diagnostic));
  gtk_widget_add_css_class (icon, is_error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  is_error ? _("Error") : _("Warning"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
diagnostics_changed_cb (FreightRunPage *self)
{
  GListModel *diagnostics = self->load != NULL ? freight_load_get_diagnostics (self->load)
                                               : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->diagnostics_group),
                          diagnostics != NULL && g_list_model_get_n_items (diagnostics) > 0);
}

static void
update_heading (FreightRunPage *self)
{
  FreightWizard *wizard = get_wizard (self);
  FreightDescribeObject *object = wizard != NULL ? freight_wizard_get_object (wizard) : NULL;
  g_autofree char *heading = NULL;

  if (object == NULL)
    return;

  /* Translators: the operation and the object's label: “Insert into Invoice”. */
  heading = g_strdup_printf (_("%s into %s"),
                             _freight_operation_get_label (freight_wizard_get_operation (wizard)),
                             freight_describe_object_get_label (object));
  gtk_label_set_text (self->heading_label, heading);
}

static void
set_load (FreightRunPage *self,
          FreightLoad    *load)
{
  if (self->load == load)
    return;

  if (self->load != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->load, self);
      g_signal_handlers_disconnect_by_data (freight_load_get_diagnostics (self->load), self);
    }
  g_set_object (&self->load, load);

  gtk_list_box_bind_model (self->jobs_list,
                           load != NULL ? freight_load_get_jobs (load) : NULL,
                           load != NULL ? create_job_row : NULL, NULL, NULL);
  gtk_list_box_bind_model (self->diagnostics_list,
                           load != NULL ? freight_load_get_diagnostics (load) : NULL,
                           load != NULL ? create_diagnostic_row : NULL, NULL, NULL);
  if (load != NULL)
    {
      g_signal_connect_object (load, "notify", G_CALLBACK (queue_update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (freight_load_get_diagnostics (load), "items-changed",
                               G_CALLBACK (diagnostics_changed_cb), self, G_CONNECT_SWAPPED);
    }
  diagnostics_changed_cb (self);
  update_heading (self);
  update_now (self);
}

static void
load_changed_cb (FreightRunPage *self)
{
  set_load (self, freight_wizard_get_load (get_wizard (self)));
}

static void
load_running_cb (FreightRunPage *self)
{
  FreightWizard *wizard = get_wizard (self);

  if (freight_wizard_get_load_running (wizard) && self->clock_id == 0)
    self->clock_id = g_timeout_add_seconds (1, clock_cb, self);
  else if (!freight_wizard_get_load_running (wizard))
    {
      g_clear_handle_id (&self->clock_id, g_source_remove);
      if (self->cancel_dialog != NULL)
        adw_message_dialog_response (self->cancel_dialog, "keep");
    }
  update_now (self);
}

static void
freight_run_page_wizard_changed (FreightWizardPage *page,
                                 FreightWizard     *wizard)
{
  FreightRunPage *self = FREIGHT_RUN_PAGE (page);

  if (wizard != NULL)
    {
      g_signal_connect_object (wizard, "notify::load", G_CALLBACK (load_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::load-running", G_CALLBACK (load_running_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "load-finished", G_CALLBACK (update_now), self,
                               G_CONNECT_SWAPPED);
      set_load (self, freight_wizard_get_load (wizard));
      load_running_cb (self);
    }
  else
    set_load (self, NULL);
}

static void
freight_run_page_shown (FreightWizardPage *page)
{
  FreightRunPage *self = FREIGHT_RUN_PAGE (page);

  update_heading (self);
  update_now (self);
}

/* Cancel */

static void
cancel_response_cb (FreightRunPage   *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  self->cancel_dialog = NULL;
  if (g_str_equal (response, "cancel") && get_wizard (self) != NULL)
    {
      freight_wizard_cancel_load (get_wizard (self));
      update_now (self);
    }
}

/**
 * freight_run_page_ask_cancel:
 * @self: a #FreightRunPage
 *
 * Asks whether to cancel the running load, and cancels it if the user says so.
 */
void
freight_run_page_ask_cancel (FreightRunPage *self)
{
  GtkWidget *dialog;

  g_return_if_fail (FREIGHT_IS_RUN_PAGE (self));

  if (self->cancel_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->cancel_dialog));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Cancel the Load?"),
                                   _("The jobs that are still open are aborted. Rows "
                                     "Salesforce has already processed stay in the org; "
                                     "every other row goes to unprocessed.csv, to be loaded "
                                     "again later."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Loading"),
                                    "cancel", _("_Cancel Load"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->cancel_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  freight_run_page_ask_cancel (FREIGHT_RUN_PAGE (widget));
}

/**
 * freight_run_page_get_count_text:
 *
 * Returns: what the page says under its progress bar: “12,000 of 48,000 rows processed”
 */
const char *
freight_run_page_get_count_text (FreightRunPage *self)
{
  g_return_val_if_fail (FREIGHT_IS_RUN_PAGE (self), NULL);

  return gtk_label_get_text (self->count_label);
}

static void
freight_run_page_dispose (GObject *object)
{
  FreightRunPage *self = FREIGHT_RUN_PAGE (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->load != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->load, self);
      g_signal_handlers_disconnect_by_data (freight_load_get_diagnostics (self->load), self);
      g_clear_object (&self->load);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_RUN_PAGE);

  G_OBJECT_CLASS (freight_run_page_parent_class)->dispose (object);
}

static void
freight_run_page_class_init (FreightRunPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FreightWizardPageClass *page_class = FREIGHT_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = freight_run_page_dispose;
  page_class->wizard_changed = freight_run_page_wizard_changed;
  page_class->shown = freight_run_page_shown;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-run-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, succeeded_label);
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, failed_label);
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, uploaded_label);
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, remaining_label);
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, jobs_group);
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, jobs_list);
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, diagnostics_group);
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, diagnostics_list);
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, FreightRunPage, cancel_button);

  gtk_widget_class_install_action (widget_class, "run.cancel", NULL, cancel_action);
}

static void
freight_run_page_init (FreightRunPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_now (self);
}

GtkWidget *
freight_run_page_new (void)
{
  return g_object_new (FREIGHT_TYPE_RUN_PAGE, NULL);
}
