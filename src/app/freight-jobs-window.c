/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-jobs-window"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-jobs-page.h"
#include "freight-jobs-window.h"
#include "freight-runs-page.h"
#include "freight-utils.h"

/* The jobs window (design.md §1.9): the org's Bulk jobs of any tool, and Freight's own
 * past runs from the journal, as two pages of a view stack. */

struct _FreightJobsWindow
{
  AdwWindow          parent_instance;

  FreightOrgSession *session;

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  AdwViewStack      *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkSpinner        *spinner;
  FreightJobsPage   *jobs_page;
  FreightRunsPage   *runs_page;
};

G_DEFINE_FINAL_TYPE (FreightJobsWindow, freight_jobs_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
freight_jobs_window_is_loading (FreightJobsWindow *self)
{
  FreightJobs *jobs = freight_jobs_page_get_jobs (self->jobs_page);

  return (jobs != NULL && freight_jobs_get_loading (jobs))
         || freight_runs_page_get_loading (self->runs_page);
}

/* The one place that decides which window actions are enabled. */
static void
freight_jobs_window_update_actions (FreightJobsWindow *self)
{
  gboolean loading;

  g_assert (FREIGHT_IS_JOBS_WINDOW (self));

  loading = freight_jobs_window_is_loading (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs-window.refresh", !loading);
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
}

static void
on_loading_changed (FreightJobsWindow *self)
{
  freight_jobs_window_update_actions (self);
}

static void
freight_jobs_window_refresh_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  FreightJobsWindow *self = FREIGHT_JOBS_WINDOW (widget);
  const char *visible = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (visible, "runs") == 0)
    freight_runs_page_reload (self->runs_page);
  else
    freight_jobs_page_refresh (self->jobs_page);
}

static void
show_folder_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FreightJobsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!_freight_show_folder_finish (result, &error))
    freight_jobs_window_add_toast (self,
                                   _freight_toast_new_for_error (_("Could not open the folder"),
                                                                 error));
}

/* jobs-window.open-folder(s): opens a folder; jobs-window.show-file(s): opens the folder
 * of a file, with the file selected where the file manager can. */
static void
freight_jobs_window_open_folder_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  _freight_show_folder_async (GTK_WINDOW (widget), g_variant_get_string (param, NULL),
                              g_str_equal (action_name, "jobs-window.show-file"), NULL,
                              show_folder_done, g_object_ref (widget));
}

static void
on_visible_page_changed (FreightJobsWindow *self)
{
  /* The runs change with every load and export; show them as they are now. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "runs") == 0)
    freight_runs_page_reload (self->runs_page);
}

static void
on_is_active_changed (FreightJobsWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    on_visible_page_changed (self);
}

static void
freight_jobs_window_constructed (GObject *object)
{
  FreightJobsWindow *self = FREIGHT_JOBS_WINDOW (object);
  g_autofree char *instance = NULL;

  G_OBJECT_CLASS (freight_jobs_window_parent_class)->constructed (object);

  freight_jobs_page_set_session (self->jobs_page, self->session);
  freight_runs_page_set_session (self->runs_page, self->session);

  g_signal_connect_object (freight_jobs_page_get_jobs (self->jobs_page), "notify::loading",
                           G_CALLBACK (on_loading_changed), self, G_CONNECT_SWAPPED);
  freight_jobs_window_update_actions (self);

  instance = self->session != NULL ? freight_org_session_dup_instance_url (self->session)
                                   : NULL;
  if (instance != NULL)
    adw_view_switcher_title_set_subtitle (self->switcher_title, instance);
}

static void
freight_jobs_window_dispose (GObject *object)
{
  FreightJobsWindow *self = FREIGHT_JOBS_WINDOW (object);

  /* libadwaita 1.2 warns when the switchers let go of a stack already torn down. */
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_JOBS_WINDOW);

  G_OBJECT_CLASS (freight_jobs_window_parent_class)->dispose (object);
}

static void
freight_jobs_window_finalize (GObject *object)
{
  FreightJobsWindow *self = FREIGHT_JOBS_WINDOW (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (freight_jobs_window_parent_class)->finalize (object);
}

static void
freight_jobs_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FreightJobsWindow *self = FREIGHT_JOBS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_jobs_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FreightJobsWindow *self = FREIGHT_JOBS_WINDOW (object);

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
freight_jobs_window_class_init (FreightJobsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = freight_jobs_window_constructed;
  object_class->dispose = freight_jobs_window_dispose;
  object_class->finalize = freight_jobs_window_finalize;
  object_class->get_property = freight_jobs_window_get_property;
  object_class->set_property = freight_jobs_window_set_property;

  /**
   * FreightJobsWindow:session:
   *
   * The org whose jobs the window shows.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         FREIGHT_TYPE_ORG_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FREIGHT_TYPE_JOBS_PAGE);
  g_type_ensure (FREIGHT_TYPE_RUNS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-jobs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightJobsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsWindow, jobs_page);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsWindow, runs_page);

  gtk_widget_class_install_action (widget_class, "jobs-window.refresh", NULL,
                                   freight_jobs_window_refresh_action);
  gtk_widget_class_install_action (widget_class, "jobs-window.open-folder", "s",
                                   freight_jobs_window_open_folder_action);
  gtk_widget_class_install_action (widget_class, "jobs-window.show-file", "s",
                                   freight_jobs_window_open_folder_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "jobs-window.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0,
                                       "jobs-window.refresh", NULL);
}

static void
freight_jobs_window_init (FreightJobsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  g_signal_connect_object (self->runs_page, "notify::loading",
                           G_CALLBACK (on_loading_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_page_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_changed), NULL);
}

/**
 * freight_jobs_window_new:
 * @session: the org
 *
 * Returns: (transfer floating): a jobs window on @session
 */
FreightJobsWindow *
freight_jobs_window_new (FreightOrgSession *session)
{
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (session), NULL);

  return g_object_new (FREIGHT_TYPE_JOBS_WINDOW,
                       "session", session,
                       NULL);
}

/**
 * freight_jobs_window_present:
 * @parent: the main window asking
 * @session: the org
 *
 * Shows the jobs window of @session, opening one if there is none yet, and refreshes it.
 *
 * Returns: (transfer none): the window
 */
FreightJobsWindow *
freight_jobs_window_present (GtkWindow         *parent,
                             FreightOrgSession *session)
{
  GtkApplication *app;
  FreightJobsWindow *self = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (session), NULL);

  app = gtk_window_get_application (parent);
  for (const GList *iter = app != NULL ? gtk_application_get_windows (app) : NULL;
       iter != NULL && self == NULL;
       iter = iter->next)
    {
      if (FREIGHT_IS_JOBS_WINDOW (iter->data) &&
          FREIGHT_JOBS_WINDOW (iter->data)->session == session)
        self = iter->data;
    }

  if (self == NULL)
    {
      self = freight_jobs_window_new (session);
      if (app != NULL)
        gtk_window_set_application (GTK_WINDOW (self), app);
    }
  else
    {
      freight_jobs_page_refresh (self->jobs_page);
    }

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * freight_jobs_window_get_session:
 *
 * Returns: (transfer none): the org whose jobs the window shows
 */
FreightOrgSession *
freight_jobs_window_get_session (FreightJobsWindow *self)
{
  g_return_val_if_fail (FREIGHT_IS_JOBS_WINDOW (self), NULL);

  return self->session;
}

/**
 * freight_jobs_window_show_page:
 * @name: "jobs" or "runs"
 */
void
freight_jobs_window_show_page (FreightJobsWindow *self,
                               const char        *name)
{
  g_return_if_fail (FREIGHT_IS_JOBS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * freight_jobs_window_add_toast:
 * @toast: (transfer full): a toast
 */
void
freight_jobs_window_add_toast (FreightJobsWindow *self,
                               AdwToast          *toast)
{
  g_return_if_fail (FREIGHT_IS_JOBS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
