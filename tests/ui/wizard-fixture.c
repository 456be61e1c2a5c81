/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "wizard-fixture"

#include "config.h"

#include <glib/gstdio.h>

#include "freight-mapping-page.h"
#include "freight-object-page.h"
#include "wizard-fixture.h"

/**
 * wizard_fixture_start_org:
 *
 * Returns: (transfer full): a freight-local-org on a free port, stopped when freed
 */
LoHarness *
wizard_fixture_start_org (void)
{
  return wizard_fixture_start_org_with (NULL);
}

/**
 * wizard_fixture_start_org_with:
 * @args: (nullable): options of freight-local-org (--rows-per-second=N…)
 *
 * Returns: (transfer full): a freight-local-org on a free port, stopped when freed
 */
LoHarness *
wizard_fixture_start_org_with (const char * const *args)
{
  g_autoptr(GError) error = NULL;
  LoHarness *org;

  org = lo_harness_start_full (args, FALSE, &error);
  g_assert_no_error (error);
  return org;
}

#define LOAD_TIMEOUT_S 180

/**
 * wizard_fixture_wait_load:
 * @wizard: a wizard whose load was started
 *
 * Runs the main loop until the load has ended (FreightWizard::load-finished), for at most
 * three minutes, then lets the window follow.
 */
void
wizard_fixture_wait_load (FreightWizard *wizard)
{
  gint64 deadline = g_get_monotonic_time () + LOAD_TIMEOUT_S * G_USEC_PER_SEC;

  while (freight_wizard_get_load_running (wizard))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  ui_test_settle ();
  wizard_fixture_log_failed (freight_wizard_get_load (wizard));
}

/**
 * wizard_fixture_log_failed:
 * @load: (nullable): a load that has ended
 *
 * Logs the first lines of the load's failed.csv, to tell why rows failed.
 */
void
wizard_fixture_log_failed (FreightLoad *load)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GFile *failed;

  if (load == NULL || freight_load_get_rows_failed (load) == 0)
    return;
  failed = freight_load_get_result_file (load, FREIGHT_RESULT_FILE_KIND_FAILED);
  if (failed == NULL || !g_file_load_contents (failed, NULL, &contents, NULL, NULL, NULL))
    return;
  lines = g_strsplit (contents, "\n", 6);
  for (guint i = 0; lines[i] != NULL && i < 5; i++)
    g_test_message ("failed.csv: %s", lines[i]);
}

/**
 * wizard_fixture_connect:
 * @org: a running local org
 *
 * Signs in as the demo user with username and password, as the Connect page will, and
 * connects the session (API version, identity). Blocks: the window is not driven yet.
 *
 * Returns: (transfer full): a connected session
 */
FreightOrgSession *
wizard_fixture_connect (LoHarness *org)
{
  return wizard_fixture_connect_url (lo_harness_get_url (org));
}

/**
 * wizard_fixture_connect_url:
 * @url: the address of a freight-local-org
 *
 * Returns: (transfer full): a session of the demo user, connected
 */
FreightOrgSession *
wizard_fixture_connect_url (const char *url)
{
  g_autoptr(FreightHttpClient) http = NULL;
  g_autoptr(FreightOAuthClient) oauth = NULL;
  g_autoptr(FreightAuth) auth = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  FreightOrgSession *session;

  http = freight_http_client_new (NULL, &error);
  g_assert_no_error (error);
  oauth = freight_oauth_client_new (http, url, LO_HARNESS_CONSUMER_KEY,
                                    LO_HARNESS_CONSUMER_SECRET);
  auth = freight_password_auth_sign_in (oauth, LO_HARNESS_USERNAME, LO_HARNESS_PASSWORD, NULL,
                                        NULL, &error);
  g_assert_no_error (error);

  cache = g_build_filename (g_get_user_cache_dir (), "freight", "describe", NULL);
  session = g_object_new (FREIGHT_TYPE_ORG_SESSION,
                          "http-client", http,
                          "auth", auth,
                          "cache-dir", cache,
                          NULL);
  freight_org_session_connect (session, NULL, &error);
  g_assert_no_error (error);
  return session;
}

/**
 * wizard_fixture_open_window:
 * @session: a connected session
 *
 * Opens the main window at @width × @height and starts the wizard in @session's org
 * through freight_window_start_wizard(), the entry point the Connect page will use.
 *
 * Returns: (transfer none): the window
 */
FreightWindow *
wizard_fixture_open_window (FreightOrgSession *session,
                            int                width,
                            int                height)
{
  GSettings *settings = ui_test_get_settings ();
  FreightWindow *window;

  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_application_activate (G_APPLICATION (ui_test_get_application ()));
  window = FREIGHT_WINDOW (ui_test_wait_for_window (FREIGHT_TYPE_WINDOW));
  freight_window_start_wizard (window, session);
  ui_test_settle ();
  return window;
}

/**
 * wizard_fixture_write_file:
 * @name: a file name
 * @contents: what to write
 *
 * Returns: (transfer full): the path of a new file with @contents in the session's home
 */
char *
wizard_fixture_write_file (const char *name,
                           const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_home_dir (), "Documents", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

typedef struct
{
  GObject    *object;
  const char *property;
  gboolean    expected;
} PropertyWait;

static gboolean
property_is (gpointer data)
{
  PropertyWait *wait = data;
  gboolean value;

  g_object_get (wait->object, wait->property, &value, NULL);
  return value == wait->expected;
}

/**
 * wizard_fixture_wait_property:
 * @object: an object
 * @property: a boolean property of it
 * @expected: the value to wait for
 *
 * Runs the main loop until @property is @expected; fails the test after 20 seconds.
 */
void
wizard_fixture_wait_property (gpointer    object,
                              const char *property,
                              gboolean    expected)
{
  PropertyWait wait = { object, property, expected };

  if (!ui_test_wait_until (property_is, &wait))
    g_error ("%s:%s never became %s", G_OBJECT_TYPE_NAME (object), property,
             expected ? "TRUE" : "FALSE");
}

static gboolean
objects_loaded (gpointer data)
{
  FreightWizard *wizard = data;

  return !freight_wizard_get_objects_loading (wizard) &&
         g_list_model_get_n_items (freight_wizard_get_objects (wizard)) > 0;
}

void
wizard_fixture_wait_objects (FreightWizard *wizard)
{
  g_assert_true (ui_test_wait_until (objects_loaded, wizard));
  g_assert_null (freight_wizard_get_objects_error (wizard));
}

static gboolean
object_loaded (gpointer data)
{
  FreightWizard *wizard = data;

  return freight_wizard_get_object (wizard) != NULL &&
         freight_wizard_get_related_loading (wizard) == 0;
}

/* Waits for the chosen object's describe and those of the objects its lookups point to. */
void
wizard_fixture_wait_object (FreightWizard *wizard)
{
  g_assert_true (ui_test_wait_until (object_loaded, wizard));
  g_assert_null (freight_wizard_get_object_error (wizard));
}

void
wizard_fixture_wait_counted (FreightWizard *wizard)
{
  wizard_fixture_wait_property (wizard, "rows-counted", TRUE);
}

GtkWidget *
wizard_fixture_find_button (GtkWidget  *root,
                            const char *action_name)
{
  GtkWidget *button = ui_test_find_widget (root, GTK_TYPE_BUTTON, "action-name", action_name);

  if (button == NULL)
    g_error ("No button for %s in %s", action_name, G_OBJECT_TYPE_NAME (root));
  return button;
}

static gboolean
has_toast (GtkWidget *root)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), "AdwToastWidget"))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_toast (child))
      return TRUE;

  return FALSE;
}

static gboolean
no_toast (gpointer window)
{
  return !has_toast (window);
}

static void
screenshot_at (GtkWidget  *window,
               const char *name,
               int         width,
               int         height)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s-%dx%d", name, width, height);
  g_autofree char *dark = g_strdup_printf ("%s-%dx%d-dark", name, width, height);
  g_autofree char *path = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  ui_test_settle ();
  path = ui_test_screenshot (window, light);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  ui_test_settle ();
  g_free (path);
  path = ui_test_screenshot (window, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  ui_test_settle ();
}

/**
 * wizard_fixture_screenshots:
 * @window: the main window
 * @name: what the screenshots show, e.g. "object-page"
 *
 * Waits until no toast covers the window, then saves @name at 800×600 and 1280×800, light
 * and dark, and leaves the window at 800×600.
 */
void
wizard_fixture_screenshots (GtkWidget  *window,
                            const char *name)
{
  /* A toast about the step before would hide part of the page. */
  g_assert_true (ui_test_wait_until (no_toast, window));
  screenshot_at (window, name, 1280, 800);
  screenshot_at (window, name, 800, 600);
}

/**
 * wizard_fixture_drop_file:
 * @window: the main window
 * @path: a file
 *
 * Drops @path onto the window as a file manager would: through the window's drop target
 * for file lists.
 */
void
wizard_fixture_drop_file (FreightWindow *window,
                          const char    *path)
{
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSList) files = g_slist_prepend (NULL, file);
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  GtkWidget *overlay;
  gboolean accepted = FALSE;

  overlay = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY, NULL, NULL);
  controllers = gtk_widget_observe_controllers (overlay);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_assert_true (gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (target),
                                                    GDK_TYPE_FILE_LIST));

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  ui_test_settle ();
}

/* Finding and driving widgets */

GtkWidget *
wizard_fixture_find_toggle (GtkWidget  *root,
                            const char *label)
{
  GtkWidget *button = ui_test_find_widget (root, GTK_TYPE_TOGGLE_BUTTON, "label", label);

  g_assert_nonnull (button);
  return button;
}

GtkListView *
wizard_fixture_find_list_view (GtkWidget  *root,
                               const char *name)
{
  GtkWidget *view = ui_test_find_widget (root, GTK_TYPE_LIST_VIEW, "name", name);

  g_assert_nonnull (view);
  return GTK_LIST_VIEW (view);
}

static GtkFileChooser *
wait_for_chooser (void)
{
  GtkWindow *chooser = ui_test_wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG);

  g_assert_true (FREIGHT_IS_WINDOW (gtk_window_get_transient_for (chooser)));
  return GTK_FILE_CHOOSER (chooser);
}

static gboolean
chooser_is_gone (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return FALSE;
    }

  return TRUE;
}

/* Picks @path in the file chooser that @action opens, as the user would. */
void
wizard_fixture_choose_file (GtkWidget  *page,
                            const char *action,
                            const char *path,
                            gboolean    save)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkFileChooser *chooser;

  g_assert_true (gtk_widget_activate_action (page, action, NULL));
  chooser = wait_for_chooser ();
  if (save)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *name = g_file_get_basename (file);

      gtk_file_chooser_set_current_folder (chooser, parent, &error);
      g_assert_no_error (error);
      gtk_file_chooser_set_current_name (chooser, name);
    }
  else
    {
      gtk_file_chooser_set_file (chooser, file, &error);
      g_assert_no_error (error);
    }
  ui_test_settle ();
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (ui_test_wait_until (chooser_is_gone, NULL));
  ui_test_settle ();
}

const char *
wizard_fixture_find_label (GtkWidget  *root,
                           const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return gtk_label_get_text (GTK_LABEL (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = wizard_fixture_find_label (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
list_has_n_items (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (args[0]) == GPOINTER_TO_UINT (args[1]);
}

void
wizard_fixture_wait_n_items (GListModel *model,
                             guint       n)
{
  gpointer args[2] = { model, GUINT_TO_POINTER (n) };

  if (!ui_test_wait_until (list_has_n_items, args))
    g_error ("%u items instead of %u", g_list_model_get_n_items (model), n);
}

gpointer
wizard_fixture_find_controller (GtkWidget *widget,
                                GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  g_error ("No %s on %s", g_type_name (type), G_OBJECT_TYPE_NAME (widget));
}

/* Drags the field @path from the field list and drops it onto the row of @column. */
gboolean
wizard_fixture_file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

AdwMessageDialog *
wizard_fixture_wait_for_dialog (void)
{
  AdwMessageDialog *dialog =
    ADW_MESSAGE_DIALOG (ui_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_true (FREIGHT_IS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog))));
  return dialog;
}

static gboolean
dialog_is_gone (gpointer data)
{
  g_autoptr(GtkWidget) dialog = g_weak_ref_get (data);

  return dialog == NULL || !gtk_widget_get_mapped (dialog);
}

/* Clicks the button of @dialog labelled @label, and waits until the dialog is gone. */
void
wizard_fixture_respond (AdwMessageDialog *dialog,
                        const char       *label)
{
  GtkWidget *button = ui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "label", label);
  GWeakRef ref;

  g_assert_nonnull (button);
  g_weak_ref_init (&ref, dialog);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (ui_test_wait_until (dialog_is_gone, &ref));
  g_weak_ref_clear (&ref);
  ui_test_settle ();
}

static const char *
get_title (FreightWindow *window)
{
  GtkWidget *title = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL,
                                          NULL);

  return adw_window_title_get_title (ADW_WINDOW_TITLE (title));
}

static gboolean
next_enabled (gpointer window)
{
  GtkWidget *button = wizard_fixture_find_button (GTK_WIDGET (window), "win.next");

  return gtk_widget_get_visible (button) && gtk_widget_is_sensitive (button);
}

static void
next (FreightWindow *window,
      const char    *title)
{
  g_assert_true (ui_test_wait_until (next_enabled, window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL));
  ui_test_settle ();
  g_assert_cmpstr (get_title (window), ==, title);
}

static gboolean
has_one_item (gpointer model)
{
  return g_list_model_get_n_items (model) == 1;
}

static gboolean
preflight_done (gpointer wizard)
{
  return freight_wizard_get_preflight_result (wizard) != NULL &&
         freight_wizard_get_preflight (wizard) == NULL;
}

static gboolean
rows_built (gpointer page)
{
  return !freight_mapping_page_get_building (page);
}

/**
 * wizard_fixture_prepare_insert:
 * @window: the main window, on the Choose Object step
 * @path: a CSV file of accounts
 * @screenshots: (nullable): the prefix of screenshots of every step, or %NULL for none
 *
 * Object (insert into Account, found by typing), file (dropped), mapping (auto-mapped),
 * review (checked): the window ends on the Review step, ready to start.
 */
void
wizard_fixture_prepare_insert (FreightWindow *window,
                               const char    *path,
                               const char    *screenshots)
{
  FreightWizard *wizard = freight_window_get_wizard (window);
  GtkWidget *page = ui_test_find_widget (GTK_WIDGET (window), FREIGHT_TYPE_OBJECT_PAGE, NULL,
                                         NULL);
  GtkListView *list;
  GtkWidget *search;
  GtkWidget *mapping_page;
  g_autofree char *name = NULL;

  g_assert_cmpstr (get_title (window), ==, "Choose Object");
  wizard_fixture_wait_objects (wizard);
  g_signal_emit_by_name (wizard_fixture_find_toggle (page, "_Insert"), "clicked");
  search = ui_test_find_widget (page, GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
  list = wizard_fixture_find_list_view (page, "object-list");
  gtk_editable_set_text (GTK_EDITABLE (search), "Account");
  g_assert_true (ui_test_wait_until (has_one_item, gtk_list_view_get_model (list)));
  g_signal_emit_by_name (search, "activate");
  wizard_fixture_wait_object (wizard);
  ui_test_settle ();
  g_assert_cmpstr (freight_wizard_get_object_name (wizard), ==, "Account");
  if (screenshots != NULL)
    {
      name = g_strdup_printf ("%s-1-object", screenshots);
      gtk_editable_set_text (GTK_EDITABLE (search), "");
      ui_test_settle ();
      wizard_fixture_screenshots (GTK_WIDGET (window), name);
    }
  if (g_strcmp0 (get_title (window), "Choose File") != 0)
    next (window, "Choose File");

  wizard_fixture_drop_file (window, path);
  wizard_fixture_wait_counted (wizard);
  ui_test_settle ();
  if (screenshots != NULL)
    {
      g_free (name);
      name = g_strdup_printf ("%s-2-file", screenshots);
      wizard_fixture_screenshots (GTK_WIDGET (window), name);
    }

  next (window, "Map Fields");
  mapping_page = ui_test_find_widget (GTK_WIDGET (window), FREIGHT_TYPE_MAPPING_PAGE, NULL,
                                     NULL);
  g_assert_true (ui_test_wait_until (rows_built, mapping_page));
  if (!next_enabled (window))
    {
      g_assert_true (gtk_widget_activate_action (mapping_page, "mapping.auto-map", NULL));
      ui_test_settle ();
    }
  if (screenshots != NULL)
    {
      g_free (name);
      name = g_strdup_printf ("%s-3-mapping", screenshots);
      wizard_fixture_screenshots (GTK_WIDGET (window), name);
    }

  next (window, "Review");
  g_assert_true (ui_test_wait_until (preflight_done, wizard));
  ui_test_settle ();
  if (screenshots != NULL)
    {
      g_free (name);
      name = g_strdup_printf ("%s-4-review", screenshots);
      wizard_fixture_screenshots (GTK_WIDGET (window), name);
    }
}
