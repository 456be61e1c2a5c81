/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-window"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-app-util.h"
#include "freight-connect-page.h"
#include "freight-export-window.h"
#include "freight-file-page.h"
#include "freight-jobs-window.h"
#include "freight-mapping-page.h"
#include "freight-object-page.h"
#include "freight-org-indicator.h"
#include "freight-results-page.h"
#include "freight-review-page.h"
#include "freight-run-page.h"
#include "freight-window.h"
#include "freight-wizard.h"

struct _FreightWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  FreightWizard *wizard;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  AdwWindowTitle *step_title;
  FreightOrgIndicator *org_indicator;
  GtkButton *next_button;
  FreightWizardPage *connect_page;
  FreightWizardPage *object_page;
  FreightWizardPage *file_page;
  FreightWizardPage *mapping_page;
  FreightWizardPage *review_page;
  FreightWizardPage *run_page;
  AdwBin *results_bin;
  AdwStatusPage *results_summary;
  FreightResultsPage *results_page;   /* goes into results_bin once a run has a folder */

  guint step;

  /* The window was closed while a load ran: hidden, the application held, until the load
   * ends (and, when the user chose to cancel it, destroyed then). */
  AdwMessageDialog *close_dialog;
  guint background : 1;
  guint close_when_done : 1;
};

G_DEFINE_FINAL_TYPE (FreightWindow, freight_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STEP,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The steps of a load, in order (design §1). Each step is the page of the stack with the
 * step's name; a step whose page is not in the stack yet cannot be reached. Next leads to
 * a step only if the page before it is a FreightWizardPage that is complete and the step
 * is reached by Next at all (the run begins with Start, not Next). */
enum {
  STEP_CONNECT,
  STEP_OBJECT,
  STEP_FILE,
  STEP_MAPPING,
  STEP_REVIEW,
  STEP_RUN,
  STEP_RESULTS,
};

static const struct {
  const char *page_name;
  const char *title;
  gboolean    by_next;
} steps[] = {
  [STEP_CONNECT] = { "connect", N_("Connect"), TRUE },
  [STEP_OBJECT] = { "object", N_("Choose Object"), TRUE },
  [STEP_FILE] = { "file", N_("Choose File"), TRUE },
  [STEP_MAPPING] = { "mapping", N_("Map Fields"), TRUE },
  [STEP_REVIEW] = { "review", N_("Review"), TRUE },
  [STEP_RUN] = { "run", N_("Run"), FALSE },
  [STEP_RESULTS] = { "results", N_("Results"), FALSE },
};

static gboolean
freight_window_has_step_page (FreightWindow *self,
                              guint          step)
{
  g_assert (FREIGHT_IS_WINDOW (self));

  return step < G_N_ELEMENTS (steps) &&
         gtk_stack_get_child_by_name (self->stack, steps[step].page_name) != NULL;
}

static GtkWidget *
freight_window_get_step_page (FreightWindow *self,
                              guint          step)
{
  return gtk_stack_get_child_by_name (self->stack, steps[step].page_name);
}

/* The one place that decides which window actions are enabled. */
static void
freight_window_update_actions (FreightWindow *self)
{
  GtkWidget *page;
  gboolean can_go_on;

  g_assert (FREIGHT_IS_WINDOW (self));

  page = freight_window_get_step_page (self, self->step);
  can_go_on = FREIGHT_IS_WIZARD_PAGE (page) &&
              freight_wizard_page_get_complete (FREIGHT_WIZARD_PAGE (page));

  /* No way back while a load runs, nor from its results. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                 self->step > 0 && self->step < STEP_RESULTS &&
                                 !freight_wizard_get_load_running (self->wizard) &&
                                 freight_window_has_step_page (self, self->step - 1));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next",
                                 can_go_on &&
                                 freight_window_has_step_page (self, self->step + 1) &&
                                 steps[self->step + 1].by_next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-jobs",
                                 freight_wizard_get_session (self->wizard) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-runs",
                                 freight_wizard_get_session (self->wizard) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-export",
                                 freight_wizard_get_session (self->wizard) != NULL);
}

/* The org's Bulk jobs, Freight's past runs, an export: windows of their own. */
static void
freight_window_show_jobs_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  FreightWindow *self = FREIGHT_WINDOW (widget);
  FreightOrgSession *session = freight_wizard_get_session (self->wizard);

  if (session != NULL)
    freight_jobs_window_present (GTK_WINDOW (self), session);
}

static void
freight_window_show_runs_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  FreightWindow *self = FREIGHT_WINDOW (widget);
  FreightOrgSession *session = freight_wizard_get_session (self->wizard);

  if (session != NULL)
    freight_jobs_window_show_page (freight_jobs_window_present (GTK_WINDOW (self), session),
                                   "runs");
}

static void
freight_window_show_export_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  FreightWindow *self = FREIGHT_WINDOW (widget);
  FreightOrgSession *session = freight_wizard_get_session (self->wizard);

  if (session != NULL)
    freight_export_window_present (GTK_WINDOW (self), session);
}

static void
session_changed_cb (FreightWindow *self)
{
  freight_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
freight_window_update_title (FreightWindow *self)
{
  g_autofree char *step = NULL;
  g_autofree char *subtitle = NULL;
  const char *org_name;

  g_assert (FREIGHT_IS_WINDOW (self));

  /* Translators: the subtitle of the window, e.g. “Step 1 of 7”. */
  step = g_strdup_printf (_("Step %u of %u"), self->step + 1, (guint) G_N_ELEMENTS (steps));
  org_name = freight_wizard_get_org_name (self->wizard);
  if (org_name != NULL && self->step > STEP_CONNECT)
    /* Translators: the step, then the org the load goes into: “Step 2 of 7 · Acme”. */
    subtitle = g_strdup_printf (_("%s · %s"), step, org_name);
  else
    subtitle = g_steal_pointer (&step);
  adw_window_title_set_title (self->step_title, _(steps[self->step].title));
  adw_window_title_set_subtitle (self->step_title, subtitle);

  /* Where the page ends the wizard with a button of its own (Start), Next has no place. */
  gtk_widget_set_visible (GTK_WIDGET (self->next_button),
                          self->step + 1 < G_N_ELEMENTS (steps) && steps[self->step + 1].by_next);
}

static void
freight_window_set_step (FreightWindow *self,
                         guint          step)
{
  g_assert (FREIGHT_IS_WINDOW (self));
  g_assert (freight_window_has_step_page (self, step));

  if (self->step == step)
    return;

  self->step = step;
  gtk_stack_set_visible_child_name (self->stack, steps[step].page_name);
  freight_window_update_title (self);
  freight_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

static void
visible_child_cb (FreightWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  if (FREIGHT_IS_WIZARD_PAGE (page) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    freight_wizard_page_shown (FREIGHT_WIZARD_PAGE (page));
}

static void
freight_window_back_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  FreightWindow *self = FREIGHT_WINDOW (widget);

  if (self->step > 0 && freight_window_has_step_page (self, self->step - 1))
    freight_window_set_step (self, self->step - 1);
}

static void
freight_window_next_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  FreightWindow *self = FREIGHT_WINDOW (widget);

  if (freight_window_has_step_page (self, self->step + 1) && steps[self->step + 1].by_next)
    {
      GtkWidget *page = freight_window_get_step_page (self, self->step);

      if (FREIGHT_IS_WIZARD_PAGE (page) &&
          freight_wizard_page_get_complete (FREIGHT_WIZARD_PAGE (page)))
        freight_window_set_step (self, self->step + 1);
    }
}

/* The user said Start: the wizard runs the load, the Run page shows it. */
static void
start_cb (FreightWindow *self,
          FreightWizard *wizard)
{
  freight_window_set_step (self, STEP_RUN);
  freight_window_update_actions (self);
}

/* Until FreightResultsPage fills results_bin: the counts and the folder. */
static void
update_results_summary (FreightWindow *self,
                        FreightLoad   *load)
{
  g_autofree char *succeeded = _freight_format_count (freight_load_get_rows_succeeded (load));
  g_autofree char *failed = _freight_format_count (freight_load_get_rows_failed (load));
  g_autofree char *unprocessed =
    _freight_format_count (freight_load_get_rows_unprocessed (load));
  g_autofree char *folder = NULL;
  g_autofree char *description = NULL;
  GFile *dir = freight_load_get_run_dir (load);

  folder = dir != NULL ? _freight_dup_display_path (dir) : g_strdup ("—");
  /* Translators: the counts of a load's rows, then the folder of its result files. */
  description = g_strdup_printf (_("%s succeeded, %s failed, %s unprocessed. The result "
                                   "files are in %s."),
                                 succeeded, failed, unprocessed, folder);
  adw_status_page_set_title (self->results_summary,
                             freight_load_get_state (load) == FREIGHT_LOAD_STATE_CANCELLED
                               ? _("Load Cancelled") : _("Load Finished"));
  adw_status_page_set_description (self->results_summary, description);
}

/* A desktop notification, when the user is not looking at the window. */
static void
notify_load_end (FreightWindow *self,
                 FreightLoad   *load)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *succeeded = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *body = NULL;
  const char *title;

  if (app == NULL ||
      (gtk_widget_get_visible (GTK_WIDGET (self)) && gtk_window_is_active (GTK_WINDOW (self))))
    return;

  if (load == NULL || freight_load_get_state (load) == FREIGHT_LOAD_STATE_FAILED)
    {
      title = _("Load Stopped");
      body = g_strdup (_("An error stopped the load. Open Freight to see what happened."));
    }
  else
    {
      title = freight_load_get_state (load) == FREIGHT_LOAD_STATE_CANCELLED
                ? _("Load Cancelled") : _("Load Finished");
      succeeded = _freight_format_count (freight_load_get_rows_succeeded (load));
      failed = _freight_format_count (freight_load_get_rows_failed (load));
      /* Translators: the body of the notification at the end of a load. */
      body = g_strdup_printf (_("%s rows succeeded, %s failed"), succeeded, failed);
    }
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  /* Without a default action, clicking it activates Freight, which shows this window. */
  g_application_send_notification (app, "load-finished", notification);
}

/* New Load on the results: the same org, from the object step. */
static void
new_load_cb (FreightWindow *self)
{
  freight_window_set_step (self, STEP_OBJECT);
}

static void
load_finished_cb (FreightWindow *self,
                  FreightWizard *wizard)
{
  FreightLoad *load = freight_wizard_get_load (wizard);
  FreightLoadState state = load != NULL ? freight_load_get_state (load)
                                        : FREIGHT_LOAD_STATE_FAILED;

  notify_load_end (self, load);

  if ((state == FREIGHT_LOAD_STATE_FINISHED || state == FREIGHT_LOAD_STATE_CANCELLED) &&
      freight_load_get_run_dir (load) != NULL)
    freight_window_show_results (self, freight_load_get_run_dir (load), NULL);
  else if (state == FREIGHT_LOAD_STATE_FINISHED || state == FREIGHT_LOAD_STATE_CANCELLED)
    {
      update_results_summary (self, load);
      adw_bin_set_child (self->results_bin, GTK_WIDGET (self->results_summary));
      freight_window_set_step (self, STEP_RESULTS);
    }
  freight_window_update_actions (self);

  if (self->close_dialog != NULL)
    adw_message_dialog_response (self->close_dialog, "stay");
  if (self->background)
    {
      GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

      self->background = FALSE;
      if (self->close_when_done)
        gtk_window_destroy (GTK_WINDOW (self));
      if (app != NULL)
        g_application_release (app);
    }
}

static void
page_complete_cb (FreightWindow *self)
{
  freight_window_update_actions (self);
}

/* A CSV file dropped anywhere on the window becomes the load's file. */
static gboolean
drop_cb (FreightWindow  *self,
         const GValue   *value,
         double          x,
         double          y,
         GtkDropTarget  *target)
{
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      file = files != NULL ? files->data : NULL;
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);

  if (file == NULL || self->step < STEP_OBJECT || self->step > STEP_REVIEW)
    return FALSE;

  freight_wizard_set_file (self->wizard, file);
  freight_window_set_step (self, STEP_FILE);
  return TRUE;
}

static gboolean
drop_accept_cb (FreightWindow *self,
                GdkDrop       *drop,
                GtkDropTarget *target)
{
  /* Before an org is connected or while a load runs there is nowhere for a file to go. */
  return self->step >= STEP_OBJECT && self->step <= STEP_REVIEW &&
         gdk_content_formats_contain_gtype (gdk_drop_get_formats (drop), GDK_TYPE_FILE_LIST);
}

static void
freight_window_restore_state (FreightWindow *self)
{
  int width;
  int height;

  g_assert (FREIGHT_IS_WINDOW (self));

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
freight_window_save_state (FreightWindow *self)
{
  gboolean maximized;
  int width;
  int height;

  g_assert (FREIGHT_IS_WINDOW (self));

  /* The default size is the unmaximized size, which is what a restore needs. */
  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static void
close_response_cb (FreightWindow    *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  self->close_dialog = NULL;
  if (!freight_wizard_get_load_running (self->wizard) ||
      (!g_str_equal (response, "keep") && !g_str_equal (response, "cancel")))
    return;

  /* The window hides and the application stays while the load ends; activating Freight
   * (from its launcher or the notification) shows the window again. */
  self->close_when_done = g_str_equal (response, "cancel");
  if (self->close_when_done)
    freight_wizard_cancel_load (self->wizard);
  if (!self->background && app != NULL)
    g_application_hold (app);
  self->background = TRUE;
  freight_window_save_state (self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Closing the window while a load runs asks whether to keep it running. */
static void
ask_close (FreightWindow *self)
{
  GtkWidget *dialog;

  if (self->close_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->close_dialog));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Keep the Load Running?"),
                                   _("The load can go on without the window; Freight tells "
                                     "you when it ends. Cancelling aborts its open jobs, and "
                                     "the rows not loaded go to unprocessed.csv."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "stay", _("_Don’t Close"),
                                    "cancel", _("_Cancel Load"),
                                    "keep", _("_Keep Running"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "stay");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->close_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
freight_window_close_request (GtkWindow *window)
{
  FreightWindow *self = FREIGHT_WINDOW (window);

  if (freight_wizard_get_load_running (self->wizard) && !self->background)
    {
      ask_close (self);
      return TRUE;
    }

  freight_window_save_state (FREIGHT_WINDOW (window));

  return GTK_WINDOW_CLASS (freight_window_parent_class)->close_request (window);
}

static void
freight_window_dispose (GObject *object)
{
  FreightWindow *self = FREIGHT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_WINDOW);
  g_clear_object (&self->results_page);
  g_clear_object (&self->wizard);

  G_OBJECT_CLASS (freight_window_parent_class)->dispose (object);
}

static void
freight_window_finalize (GObject *object)
{
  FreightWindow *self = FREIGHT_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (freight_window_parent_class)->finalize (object);
}

static void
freight_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FreightWindow *self = FREIGHT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_uint (value, self->step);
      break;

    case PROP_SESSION:
      g_value_set_object (value, freight_wizard_get_session (self->wizard));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_window_class_init (FreightWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = freight_window_dispose;
  object_class->finalize = freight_window_finalize;
  object_class->get_property = freight_window_get_property;

  window_class->close_request = freight_window_close_request;

  /**
   * FreightWindow:step:
   *
   * The wizard step shown, counted from 0.
   */
  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL,
                       0, G_N_ELEMENTS (steps) - 1, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FreightWindow:session:
   *
   * The org the window works with (the wizard's), if any.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         FREIGHT_TYPE_ORG_SESSION,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FreightWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FreightWindow, step_title);
  gtk_widget_class_bind_template_child (widget_class, FreightWindow, org_indicator);
  gtk_widget_class_bind_template_child (widget_class, FreightWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, FreightWindow, connect_page);
  gtk_widget_class_bind_template_child (widget_class, FreightWindow, object_page);
  gtk_widget_class_bind_template_child (widget_class, FreightWindow, file_page);
  gtk_widget_class_bind_template_child (widget_class, FreightWindow, mapping_page);
  gtk_widget_class_bind_template_child (widget_class, FreightWindow, review_page);
  gtk_widget_class_bind_template_child (widget_class, FreightWindow, run_page);
  gtk_widget_class_bind_template_child (widget_class, FreightWindow, results_bin);
  gtk_widget_class_bind_template_child (widget_class, FreightWindow, results_summary);
  gtk_widget_class_bind_template_callback (widget_class, visible_child_cb);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, freight_window_back_action);
  gtk_widget_class_install_action (widget_class, "win.next", NULL, freight_window_next_action);
  gtk_widget_class_install_action (widget_class, "win.show-jobs", NULL,
                                   freight_window_show_jobs_action);
  gtk_widget_class_install_action (widget_class, "win.show-runs", NULL,
                                   freight_window_show_runs_action);
  gtk_widget_class_install_action (widget_class, "win.show-export", NULL,
                                   freight_window_show_export_action);
}

static void
freight_window_init (FreightWindow *self)
{
  FreightWizardPage *pages[6];
  GtkDropTarget *drop;

  g_type_ensure (FREIGHT_TYPE_CONNECT_PAGE);
  g_type_ensure (FREIGHT_TYPE_ORG_INDICATOR);
  g_type_ensure (FREIGHT_TYPE_OBJECT_PAGE);
  g_type_ensure (FREIGHT_TYPE_FILE_PAGE);
  g_type_ensure (FREIGHT_TYPE_MAPPING_PAGE);
  g_type_ensure (FREIGHT_TYPE_REVIEW_PAGE);
  g_type_ensure (FREIGHT_TYPE_RUN_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->wizard = freight_wizard_new ();
  freight_org_indicator_set_wizard (self->org_indicator, self->wizard);
  g_signal_connect_object (self->wizard, "start", G_CALLBACK (start_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->wizard, "load-finished", G_CALLBACK (load_finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->wizard, "notify::org-name",
                           G_CALLBACK (freight_window_update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->wizard, "notify::session",
                           G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);

  pages[0] = self->object_page;
  pages[1] = self->file_page;
  pages[2] = self->mapping_page;
  pages[3] = self->review_page;
  pages[4] = self->run_page;
  pages[5] = self->connect_page;
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      freight_wizard_page_set_wizard (pages[i], self->wizard);
      g_signal_connect_object (pages[i], "notify::complete",
                               G_CALLBACK (page_complete_cb), self, G_CONNECT_SWAPPED);
    }

  /* The results page replaces the summary in results_bin when a run is shown. The summary
   * stays referenced by the template; the page by the window. */
  self->results_page = g_object_ref_sink (freight_results_page_new ());
  freight_wizard_page_set_wizard (FREIGHT_WIZARD_PAGE (self->results_page), self->wizard);
  g_signal_connect_object (self->results_page, "new-load", G_CALLBACK (new_load_cb), self,
                           G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "accept", G_CALLBACK (drop_accept_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (drop));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = g_settings_new (APP_ID);
  freight_window_restore_state (self);

  gtk_stack_set_visible_child_name (self->stack, steps[self->step].page_name);
  freight_window_update_title (self);
  freight_window_update_actions (self);
}

FreightWindow *
freight_window_new (FreightApplication *application)
{
  g_return_val_if_fail (FREIGHT_IS_APPLICATION (application), NULL);

  return g_object_new (FREIGHT_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * freight_window_get_step:
 *
 * Returns: the wizard step shown, counted from 0.
 */
guint
freight_window_get_step (FreightWindow *self)
{
  g_return_val_if_fail (FREIGHT_IS_WINDOW (self), 0);

  return self->step;
}

/**
 * freight_window_get_results_page:
 *
 * Returns: (transfer none): the window's results step
 */
FreightResultsPage *
freight_window_get_results_page (FreightWindow *self)
{
  g_return_val_if_fail (FREIGHT_IS_WINDOW (self), NULL);

  return self->results_page;
}

/**
 * freight_window_get_wizard:
 *
 * Returns: (transfer none): the state of the load the window's wizard builds
 */
FreightWizard *
freight_window_get_wizard (FreightWindow *self)
{
  g_return_val_if_fail (FREIGHT_IS_WINDOW (self), NULL);

  return self->wizard;
}

/**
 * freight_window_start_wizard:
 * @self: a #FreightWindow
 * @session: a session signed in to an org (freight_org_session_connect() done)
 *
 * Begins a load in the org of @session: the wizard starts over there (its object list
 * loads) and the window shows the step after Connect. The Connect page and
 * `freight --local-org` end here.
 */
void
freight_window_start_wizard (FreightWindow     *self,
                             FreightOrgSession *session)
{
  g_return_if_fail (FREIGHT_IS_WINDOW (self));
  g_return_if_fail (FREIGHT_IS_ORG_SESSION (session));

  freight_wizard_set_session (self->wizard, session);
  freight_window_update_title (self);
  freight_window_set_step (self, STEP_OBJECT);
}

/**
 * freight_window_get_n_steps:
 *
 * Returns: how many steps a load has.
 */
guint
freight_window_get_n_steps (FreightWindow *self)
{
  g_return_val_if_fail (FREIGHT_IS_WINDOW (self), 0);

  return G_N_ELEMENTS (steps);
}

/**
 * freight_window_show_results:
 * @self: a #FreightWindow
 * @run_dir: the result folder of a finished load
 * @journal: (nullable): the journal the load ran with (default: the user's)
 *
 * Shows the Results step for that run, in the wizard's org.
 */
void
freight_window_show_results (FreightWindow  *self,
                             GFile          *run_dir,
                             FreightJournal *journal)
{
  g_return_if_fail (FREIGHT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (run_dir));

  freight_results_page_set_run (self->results_page, run_dir,
                                freight_wizard_get_session (self->wizard), journal);
  if (adw_bin_get_child (self->results_bin) != GTK_WIDGET (self->results_page))
    adw_bin_set_child (self->results_bin, GTK_WIDGET (self->results_page));
  freight_window_set_step (self, STEP_RESULTS);
}

/**
 * freight_window_get_session:
 *
 * Returns: (transfer none) (nullable): the connected org's session (the wizard's), if any
 */
FreightOrgSession *
freight_window_get_session (FreightWindow *self)
{
  g_return_val_if_fail (FREIGHT_IS_WINDOW (self), NULL);

  return freight_wizard_get_session (self->wizard);
}

/**
 * freight_window_set_session:
 * @session: (nullable): the connected org's session, or %NULL when none is
 *
 * Sets the org the window works with, without changing the step shown (the jobs and
 * export windows need one; freight_window_start_wizard() also begins a load there).
 */
void
freight_window_set_session (FreightWindow     *self,
                            FreightOrgSession *session)
{
  g_return_if_fail (FREIGHT_IS_WINDOW (self));
  g_return_if_fail (session == NULL || FREIGHT_IS_ORG_SESSION (session));

  freight_wizard_set_session (self->wizard, session);
}

/**
 * freight_window_add_toast:
 * @toast: (transfer full): a toast
 *
 * Shows @toast over the window's content.
 */
void
freight_window_add_toast (FreightWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (FREIGHT_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
