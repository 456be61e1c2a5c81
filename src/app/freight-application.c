/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-application"

#include "config.h"

#include <glib/gi18n.h>

#include "freight.h"
#include "freight-application.h"
#include "freight-local-org-child.h"
#include "freight-preferences-window.h"
#include "freight-resumer.h"
#include "freight-window.h"

struct _FreightApplication
{
  AdwApplication parent_instance;

  FreightOrgStore *org_store;
  FreightLocalOrgChild *local_org_child;
  FreightResumer *resumer;
  GHashTable     *run_toasts;   /* run id → GPtrArray of the toasts saying it continues */
  guint           holding : 1;  /* runs continue: the application stays, window or not */

  guint local_org : 1;
};

G_DEFINE_FINAL_TYPE (FreightApplication, freight_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_LOCAL_ORG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version of Freight and exit"), NULL },
  { "local-org", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start with the bundled local org"), NULL },
  { NULL }
};

FreightApplication *
freight_application_new (void)
{
  return g_object_new (FREIGHT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * freight_application_get_local_org:
 *
 * Returns: whether Freight was started with `--local-org`, to begin with the bundled
 *   local org instead of a saved one.
 */
gboolean
freight_application_get_local_org (FreightApplication *self)
{
  g_return_val_if_fail (FREIGHT_IS_APPLICATION (self), FALSE);

  return self->local_org;
}

void
freight_application_set_local_org (FreightApplication *self,
                                   gboolean            local_org)
{
  g_return_if_fail (FREIGHT_IS_APPLICATION (self));

  local_org = !!local_org;

  if (self->local_org != local_org)
    {
      self->local_org = local_org;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_ORG]);
    }
}

/**
 * freight_application_get_org_store:
 *
 * Returns: (transfer none): the saved orgs, shared by the app's windows
 */
FreightOrgStore *
freight_application_get_org_store (FreightApplication *self)
{
  g_return_val_if_fail (FREIGHT_IS_APPLICATION (self), NULL);

  if (self->org_store == NULL)
    self->org_store = freight_org_store_new (NULL);
  return self->org_store;
}

/**
 * freight_application_get_local_org_child:
 *
 * Returns: (transfer none): the local org the app runs as a child process when asked to
 *   (it ends with the app)
 */
FreightLocalOrgChild *
freight_application_get_local_org_child (FreightApplication *self)
{
  g_return_val_if_fail (FREIGHT_IS_APPLICATION (self), NULL);

  if (self->local_org_child == NULL)
    self->local_org_child = freight_local_org_child_new ();
  return self->local_org_child;
}

/**
 * freight_application_get_resumer:
 *
 * Returns: (transfer none): what continues the journal's interrupted runs
 */
FreightResumer *
freight_application_get_resumer (FreightApplication *self)
{
  g_return_val_if_fail (FREIGHT_IS_APPLICATION (self), NULL);

  return self->resumer;
}

/* Interrupted runs --------------------------------------------------------------------- */

/* Says @text in every main window, with a button to the runs. */
static void
freight_application_toast (FreightApplication *self,
                           const char         *text,
                           guint               timeout,
                           GPtrArray          *toasts)
{
  for (const GList *iter = gtk_application_get_windows (GTK_APPLICATION (self));
       iter != NULL;
       iter = iter->next)
    {
      AdwToast *toast;

      if (!FREIGHT_IS_WINDOW (iter->data))
        continue;
      toast = adw_toast_new (text);
      adw_toast_set_timeout (toast, timeout);
      adw_toast_set_button_label (toast, _("_Show"));
      adw_toast_set_action_name (toast, "win.show-runs");
      if (toasts != NULL)
        g_ptr_array_add (toasts, g_object_ref (toast));
      freight_window_add_toast (iter->data, toast);
    }
}

static gboolean
freight_application_has_visible_window (FreightApplication *self)
{
  for (const GList *iter = gtk_application_get_windows (GTK_APPLICATION (self));
       iter != NULL;
       iter = iter->next)
    {
      if (FREIGHT_IS_WINDOW (iter->data) && gtk_widget_get_visible (iter->data) &&
          gtk_window_is_active (iter->data))
        return TRUE;
    }
  return FALSE;
}

static void
on_run_started (FreightApplication *self,
                gint64              run_id,
                const char         *title)
{
  /* Translators: a run stopped when Freight was closed or killed, and goes on now;
   * %s is what it does: “Insert into Account”. */
  g_autofree char *text = g_strdup_printf (_("Continuing the interrupted run “%s”"), title);
  GPtrArray *toasts = g_ptr_array_new_with_free_func (g_object_unref);

  /* Shown until the run ends. */
  g_hash_table_insert (self->run_toasts, g_memdup2 (&run_id, sizeof run_id), toasts);
  freight_application_toast (self, text, 0, toasts);

  /* A continued run goes on when the window is closed, as a load of the wizard does. */
  if (!self->holding)
    {
      self->holding = TRUE;
      g_application_hold (G_APPLICATION (self));
    }
}

static void
on_run_finished (FreightApplication *self,
                 gint64              run_id,
                 const char         *title,
                 const GError       *error)
{
  g_autofree char *text = NULL;
  GPtrArray *toasts = g_hash_table_lookup (self->run_toasts, &run_id);

  for (guint i = 0; toasts != NULL && i < toasts->len; i++)
    adw_toast_dismiss (g_ptr_array_index (toasts, i));
  g_hash_table_remove (self->run_toasts, &run_id);

  if (error == NULL)
    /* Translators: %s is what the run did: “Insert into Account”. */
    text = g_strdup_printf (_("The interrupted run “%s” is done"), title);
  else
    /* Translators: %s is what the run did, then why it stopped. */
    text = g_strdup_printf (_("The interrupted run “%s” stopped: %s"), title, error->message);
  freight_application_toast (self, text, 5, NULL);

  /* Nobody looking: a desktop notification. */
  if (!freight_application_has_visible_window (self))
    {
      g_autoptr(GNotification) notification = g_notification_new (text);
      g_autofree char *id = g_strdup_printf ("run-%" G_GINT64_FORMAT, run_id);

      g_application_send_notification (G_APPLICATION (self), id, notification);
    }

  if (self->holding && freight_resumer_get_n_running (self->resumer) == 0)
    {
      self->holding = FALSE;
      g_application_release (G_APPLICATION (self));
    }
}

/* A main window connected to an org: that org's interrupted runs go on. */
static void
on_window_session (FreightWindow      *window,
                   GParamSpec         *pspec,
                   FreightApplication *self)
{
  FreightOrgSession *session = freight_window_get_session (window);

  if (session != NULL)
    freight_resumer_resume_for_session (self->resumer, session);
}

static void
freight_application_window_added (GtkApplication *app,
                                  GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (freight_application_parent_class)->window_added (app, window);

  if (FREIGHT_IS_WINDOW (window))
    {
      g_signal_connect_object (window, "notify::session", G_CALLBACK (on_window_session), app,
                               0);
      on_window_session (FREIGHT_WINDOW (window), NULL, FREIGHT_APPLICATION (app));
    }
}

static int
freight_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  FreightApplication *self = FREIGHT_APPLICATION (app);
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  if (g_variant_dict_contains (options, "local-org"))
    freight_application_set_local_org (self, TRUE);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("freight %s\n", freight_get_version ());
      return EXIT_SUCCESS;
    }

  /* Without its schema GSettings would abort at the first window; say what to do instead. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("The settings schema %s is not installed. Install Freight with "
                    "“meson install”, or run it from the build folder with "
                    "“meson devenv -C _build ./src/app/freight”.\n"),
                  APP_ID);
      return EXIT_FAILURE;
    }

  return G_APPLICATION_CLASS (freight_application_parent_class)->handle_local_options (app,
                                                                                      options);
}

static void
freight_application_activate (GApplication *app)
{
  GtkWindow *window = NULL;

  /* The most recently focused main window; Preferences or About alone do not count. */
  for (const GList *iter = gtk_application_get_windows (GTK_APPLICATION (app));
       iter != NULL && window == NULL;
       iter = iter->next)
    {
      if (FREIGHT_IS_WINDOW (iter->data))
        window = iter->data;
    }

  if (window == NULL)
    window = GTK_WINDOW (freight_window_new (FREIGHT_APPLICATION (app)));

  gtk_window_present (window);
}

static void
freight_application_quit_action (GSimpleAction *action,
                                 GVariant      *param,
                                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  g_autoptr(GList) windows = NULL;

  /* Close rather than destroy, so each window saves its state and may refuse later on
   * (a running load asks first); the application ends with its last window. */
  windows = g_list_copy (gtk_application_get_windows (app));
  for (const GList *iter = windows; iter != NULL; iter = iter->next)
    gtk_window_close (iter->data);
}

static void
freight_application_preferences_action (GSimpleAction *action,
                                        GVariant      *param,
                                        gpointer       user_data)
{
  GtkApplication *app = user_data;
  FreightPreferencesWindow *preferences;

  preferences = freight_preferences_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (preferences),
                                gtk_application_get_active_window (app));
  gtk_window_set_application (GTK_WINDOW (preferences), app);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
freight_application_shortcuts_action (GSimpleAction *action,
                                      GVariant      *param,
                                      gpointer       user_data)
{
  GtkApplication *app = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/freight-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

  gtk_window_set_transient_for (shortcuts, gtk_application_get_active_window (app));
  gtk_window_set_application (shortcuts, app);
  gtk_window_present (shortcuts);
}

static char *
freight_application_get_debug_info (void)
{
  return g_strdup_printf ("Freight %s (%s)\n"
                          "GLib %u.%u.%u\n"
                          "GTK %u.%u.%u\n"
                          "libadwaita %u.%u.%u\n",
                          freight_get_version (), PROFILE,
                          glib_major_version, glib_minor_version, glib_micro_version,
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version (),
                          adw_get_major_version (), adw_get_minor_version (),
                          adw_get_micro_version ());
}

static void
freight_application_about_action (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data)
{
  GtkApplication *app = user_data;
  g_autofree char *debug_info = NULL;
  GtkWidget *about;

  debug_info = freight_application_get_debug_info ();
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application", app,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Freight"),
                        "application-icon", APP_ID,
                        "version", freight_get_version (),
                        "developer-name", _("The Freight developers"),
                        "copyright", _("© 2026 The Freight developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/freightapp/freight",
                        "issue-url", "https://github.com/freightapp/freight/issues",
                        /* Translators: your name(s), one per line, shown in About. */
                        "translator-credits", _("translator-credits"),
                        "debug-info", debug_info,
                        "debug-info-filename", "freight-debug-info.txt",
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", freight_application_quit_action },
  { "preferences", freight_application_preferences_action },
  { "shortcuts", freight_application_shortcuts_action },
  { "about", freight_application_about_action },
};

static const struct {
  const char *action;
  const char *accels[2];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.shortcuts", { "<Control>question", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.back", { "<Alt>Left", NULL } },
  { "win.next", { "<Alt>Right", NULL } },
  { "win.show-jobs", { "<Control>j", NULL } },
  { "win.show-export", { "<Control>e", NULL } },
};

static void
freight_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (freight_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           app_accels[i].action,
                                           app_accels[i].accels);
}

static void
freight_application_shutdown (GApplication *app)
{
  FreightApplication *self = FREIGHT_APPLICATION (app);

  /* The local org ends with the app. */
  if (self->local_org_child != NULL)
    freight_local_org_child_stop (self->local_org_child);

  G_APPLICATION_CLASS (freight_application_parent_class)->shutdown (app);
}

static void
freight_application_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FreightApplication *self = FREIGHT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LOCAL_ORG:
      g_value_set_boolean (value, self->local_org);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_application_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FreightApplication *self = FREIGHT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LOCAL_ORG:
      freight_application_set_local_org (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_application_dispose (GObject *object)
{
  FreightApplication *self = FREIGHT_APPLICATION (object);

  if (self->resumer != NULL)
    g_signal_handlers_disconnect_by_data (self->resumer, self);
  g_clear_object (&self->resumer);
  g_clear_pointer (&self->run_toasts, g_hash_table_unref);
  g_clear_object (&self->local_org_child);
  g_clear_object (&self->org_store);

  G_OBJECT_CLASS (freight_application_parent_class)->dispose (object);
}

static void
freight_application_class_init (FreightApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = freight_application_dispose;
  object_class->get_property = freight_application_get_property;
  object_class->set_property = freight_application_set_property;

  app_class->handle_local_options = freight_application_handle_local_options;
  app_class->startup = freight_application_startup;
  app_class->shutdown = freight_application_shutdown;
  app_class->activate = freight_application_activate;
  gtk_app_class->window_added = freight_application_window_added;

  /**
   * FreightApplication:local-org:
   *
   * Whether to start with the bundled local org (`--local-org`).
   */
  properties[PROP_LOCAL_ORG] =
    g_param_spec_boolean ("local-org", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
freight_application_init (FreightApplication *self)
{
  self->resumer = freight_resumer_new ();
  self->run_toasts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (self->resumer, "started", G_CALLBACK (on_run_started), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->resumer, "finished", G_CALLBACK (on_run_finished), self,
                           G_CONNECT_SWAPPED);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Load CSV files into Salesforce and export "
                                              "data out of it."));
}
