/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-window"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-export-window.h"
#include "freight-jobs-window.h"
#include "freight-window.h"

struct _FreightWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  FreightOrgSession *session;

  /* Template widgets */
  GtkStack *stack;
  AdwWindowTitle *step_title;
  AdwToastOverlay *toast_overlay;

  guint step;
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
 * step's name; a step whose page is not in the stack yet cannot be reached. */
static const struct {
  const char *page_name;
  const char *title;
} steps[] = {
  { "connect", N_("Connect") },
  { "object", N_("Choose Object") },
  { "file", N_("Choose File") },
  { "mapping", N_("Map Fields") },
  { "review", N_("Review") },
  { "run", N_("Run") },
  { "results", N_("Results") },
};

static gboolean
freight_window_has_step_page (FreightWindow *self,
                              guint          step)
{
  g_assert (FREIGHT_IS_WINDOW (self));

  return step < G_N_ELEMENTS (steps) &&
         gtk_stack_get_child_by_name (self->stack, steps[step].page_name) != NULL;
}

/* The one place that decides which window actions are enabled. */
static void
freight_window_update_actions (FreightWindow *self)
{
  g_assert (FREIGHT_IS_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                 self->step > 0 &&
                                 freight_window_has_step_page (self, self->step - 1));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next",
                                 freight_window_has_step_page (self, self->step + 1));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-jobs", self->session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-export", self->session != NULL);
}

static void
freight_window_update_title (FreightWindow *self)
{
  g_autofree char *subtitle = NULL;

  g_assert (FREIGHT_IS_WINDOW (self));

  /* Translators: the subtitle of the window, e.g. “Step 1 of 7”. */
  subtitle = g_strdup_printf (_("Step %u of %u"), self->step + 1, (guint) G_N_ELEMENTS (steps));
  adw_window_title_set_title (self->step_title, _(steps[self->step].title));
  adw_window_title_set_subtitle (self->step_title, subtitle);
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

  if (freight_window_has_step_page (self, self->step + 1))
    freight_window_set_step (self, self->step + 1);
}

static void
freight_window_show_jobs_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  FreightWindow *self = FREIGHT_WINDOW (widget);

  if (self->session != NULL)
    freight_jobs_window_present (GTK_WINDOW (self), self->session);
}

static void
freight_window_show_runs_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  FreightWindow *self = FREIGHT_WINDOW (widget);

  if (self->session != NULL)
    freight_jobs_window_show_page (freight_jobs_window_present (GTK_WINDOW (self),
                                                                self->session),
                                   "runs");
}

static void
freight_window_show_export_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  FreightWindow *self = FREIGHT_WINDOW (widget);

  if (self->session != NULL)
    freight_export_window_present (GTK_WINDOW (self), self->session);
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

static gboolean
freight_window_close_request (GtkWindow *window)
{
  freight_window_save_state (FREIGHT_WINDOW (window));

  return GTK_WINDOW_CLASS (freight_window_parent_class)->close_request (window);
}

static void
freight_window_dispose (GObject *object)
{
  FreightWindow *self = FREIGHT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_WINDOW);

  G_OBJECT_CLASS (freight_window_parent_class)->dispose (object);
}

static void
freight_window_finalize (GObject *object)
{
  FreightWindow *self = FREIGHT_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->session);

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
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FreightWindow *self = FREIGHT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      freight_window_set_session (self, g_value_get_object (value));
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
  object_class->set_property = freight_window_set_property;

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
   * The org the window works with, once connected; the jobs and export windows open on it.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         FREIGHT_TYPE_ORG_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FreightWindow, step_title);

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
  g_autoptr(GtkWidget) content = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Toasts over the whole content (such as a run continued at start-up). */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  content = g_object_ref (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self)));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), NULL);
  adw_toast_overlay_set_child (self->toast_overlay, content);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self),
                                      GTK_WIDGET (self->toast_overlay));

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
 * freight_window_get_session:
 *
 * Returns: (transfer none) (nullable): the connected org's session, if any
 */
FreightOrgSession *
freight_window_get_session (FreightWindow *self)
{
  g_return_val_if_fail (FREIGHT_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * freight_window_set_session:
 * @session: (nullable): the connected org's session, or %NULL when none is
 *
 * Sets the org the window works with. The jobs and export windows need one.
 */
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

void
freight_window_set_session (FreightWindow     *self,
                            FreightOrgSession *session)
{
  g_return_if_fail (FREIGHT_IS_WINDOW (self));
  g_return_if_fail (session == NULL || FREIGHT_IS_ORG_SESSION (session));

  if (g_set_object (&self->session, session))
    {
      freight_window_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
    }
}
