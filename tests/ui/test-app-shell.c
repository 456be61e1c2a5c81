/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-app-shell"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-preferences-window.h"
#include "freight-ui-test.h"
#include "freight-window.h"

static void
activate_app_action (const char *name)
{
  g_action_group_activate_action (G_ACTION_GROUP (ui_test_get_application ()), name, NULL);
}

/* Each test case stands alone: it opens the main window if no test before it left one. */
static FreightWindow *
get_main_window (void)
{
  g_application_activate (G_APPLICATION (ui_test_get_application ()));
  return FREIGHT_WINDOW (ui_test_wait_for_window (FREIGHT_TYPE_WINDOW));
}

static void
close_main_windows (void)
{
  GtkApplication *app = GTK_APPLICATION (ui_test_get_application ());
  GtkWindow *window;

  while ((window = gtk_application_get_active_window (app)) != NULL)
    ui_test_close_window (window);
}

/* The size of the window on screen. Without a compositor (Xvfb) GTK draws a solid frame
 * inside the surface instead of a shadow outside it, so the surface, not the widget, has
 * the size the user sees and the settings store. */
static void
assert_window_size (GtkWidget *window,
                    int        width,
                    int        height)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_assert_cmpint (gdk_surface_get_width (surface), ==, width);
  g_assert_cmpint (gdk_surface_get_height (surface), ==, height);
}

static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action_name)
{
  GtkWidget *button = ui_test_find_widget (root, GTK_TYPE_BUTTON, "action-name", action_name);

  g_assert_nonnull (button);
  return button;
}

static void
assert_menu_has_action (GMenuModel *menu,
                        const char *action_name,
                        gboolean   *found)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_str_equal (action, action_name))
        *found = TRUE;

      section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      if (section != NULL)
        assert_menu_has_action (section, action_name, found);
    }
}

static void
test_window_opens (void)
{
  GSettings *settings = ui_test_get_settings ();
  GtkWidget *window;
  GtkWidget *widget;
  GMenuModel *menu;
  g_autofree char *screenshot = NULL;
  const char *menu_actions[] = { "app.preferences", "app.shortcuts", "app.about" };

  /* The window opens at the size saved last time. */
  close_main_windows ();
  g_settings_set_int (settings, "window-width", 800);
  g_settings_set_int (settings, "window-height", 600);
  g_application_activate (G_APPLICATION (ui_test_get_application ()));
  window = GTK_WIDGET (ui_test_wait_for_window (FREIGHT_TYPE_WINDOW));
  assert_window_size (window, 800, 600);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Freight");

  widget = ui_test_find_widget (window, ADW_TYPE_WINDOW_TITLE, NULL, NULL);
  g_assert_nonnull (widget);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), ==, "Connect");
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)), ==, "Step 1 of 7");

  /* The first page says plainly what is missing, and offers only what works. */
  widget = ui_test_find_widget (window, ADW_TYPE_STATUS_PAGE, NULL, NULL);
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_is_drawable (widget));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), ==,
                   "Connecting Is Not Built Yet");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (widget)),
                            "no way to sign in to an org from the window yet"));
  g_assert_true (gtk_widget_is_sensitive (find_action_button (widget, "app.preferences")));

  /* Nothing to go back to, nowhere to go next. */
  g_assert_false (gtk_widget_is_sensitive (find_action_button (window, "win.back")));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (window, "win.next")));

  widget = ui_test_find_widget (window, GTK_TYPE_MENU_BUTTON, NULL, NULL);
  g_assert_nonnull (widget);
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));
  for (guint i = 0; i < G_N_ELEMENTS (menu_actions); i++)
    {
      gboolean found = FALSE;

      assert_menu_has_action (menu, menu_actions[i], &found);
      g_assert_true (found);
    }

  /* Dark style follows the system unless the user says otherwise. */
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_DEFAULT);

  screenshot = ui_test_screenshot (window, "main-window-800x600");
  g_assert_true (g_file_test (screenshot, G_FILE_TEST_IS_REGULAR));
}

static void
test_window_actions (void)
{
  FreightWindow *window = get_main_window ();
  GtkApplication *app = GTK_APPLICATION (ui_test_get_application ());
  const struct {
    const char *action;
    const char *accel;
  } accels[] = {
    { "app.quit", "<Control>q" },
    { "app.preferences", "<Control>comma" },
    { "app.shortcuts", "<Control>question" },
    { "window.close", "<Control>w" },
    { "win.back", "<Alt>Left" },
    { "win.next", "<Alt>Right" },
  };

  g_assert_cmpuint (freight_window_get_n_steps (window), ==, 7);
  g_assert_cmpuint (freight_window_get_step (window), ==, 0);

  /* Disabled actions do nothing, whether from a button or a shortcut. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  ui_test_settle ();
  g_assert_cmpuint (freight_window_get_step (window), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    {
      g_auto(GStrv) set = gtk_application_get_accels_for_action (app, accels[i].action);

      g_assert_nonnull (set);
      g_assert_cmpstr (set[0], ==, accels[i].accel);
    }

  g_assert_false (freight_application_get_local_org (ui_test_get_application ()));
}

static void
test_window_dark (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *screenshot = NULL;
  GtkWindow *prefs;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  ui_test_settle ();
  g_assert_true (adw_style_manager_get_dark (style));
  screenshot = ui_test_screenshot (GTK_WIDGET (get_main_window ()), "main-window-dark");

  activate_app_action ("preferences");
  prefs = ui_test_wait_for_window (FREIGHT_TYPE_PREFERENCES_WINDOW);
  screenshot = (g_free (screenshot), ui_test_screenshot (GTK_WIDGET (prefs), "preferences-dark"));
  ui_test_close_window (prefs);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  ui_test_settle ();
  g_assert_false (adw_style_manager_get_dark (style));
}

static GtkSpinButton *
find_spin (GtkWidget  *root,
           const char *row_title)
{
  GtkWidget *row = ui_test_find_row (root, row_title);
  GtkWidget *spin = ui_test_find_widget (row, GTK_TYPE_SPIN_BUTTON, NULL, NULL);

  g_assert_nonnull (spin);
  return GTK_SPIN_BUTTON (spin);
}

static guint
find_combo_item (AdwComboRow *row,
                 const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label))
      return i;

  g_error ("No item “%s” in %s",
           label, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

static const char *
combo_selected_label (AdwComboRow *row)
{
  return gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)),
                                     adw_combo_row_get_selected (row));
}

static gboolean
file_chooser_is_gone (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return FALSE;
    }

  return TRUE;
}

static void
test_preferences (void)
{
  GSettings *settings = ui_test_get_settings ();
  GtkWidget *prefs;
  GtkSpinButton *spin;
  AdwComboRow *combo;
  GtkWidget *row;
  GtkWindow *chooser;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  double lower;
  double upper;
  g_autofree char *keyfile = NULL;
  g_autofree char *keyfile_path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *saved_folder = NULL;
  g_autofree char *screenshot = NULL;
  g_autoptr(GFile) folder_file = NULL;
  g_autoptr(GError) error = NULL;
  FreightWindow *window = get_main_window ();

  activate_app_action ("preferences");
  prefs = GTK_WIDGET (ui_test_wait_for_window (FREIGHT_TYPE_PREFERENCES_WINDOW));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prefs)) == GTK_WINDOW (window));
  screenshot = ui_test_screenshot (prefs, "preferences");

  /* Widget → settings, within the schema's range. */
  spin = find_spin (prefs, "_Jobs in Flight");
  gtk_spin_button_get_range (spin, &lower, &upper);
  g_assert_cmpfloat (lower, ==, 1);
  g_assert_cmpfloat (upper, ==, 10);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 4);
  gtk_spin_button_set_value (spin, 7);
  g_assert_cmpint (g_settings_get_int (settings, "jobs-in-flight"), ==, 7);
  gtk_spin_button_set_value (spin, 50);
  g_assert_cmpint (g_settings_get_int (settings, "jobs-in-flight"), ==, 10);

  spin = find_spin (prefs, "_Rows per Part");
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 0);
  gtk_spin_button_set_value (spin, 25000);
  g_assert_cmpint (g_settings_get_int (settings, "rows-per-part"), ==, 25000);

  /* Settings → widget. */
  spin = find_spin (prefs, "Part _Size");
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 100);
  g_settings_set_int (settings, "part-size-mb", 42);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 42);

  spin = find_spin (prefs, "_API Version");
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 66);
  gtk_spin_button_set_value (spin, 62);
  g_assert_cmpstr (g_settings_get_string (settings, "api-version"), ==, "62.0");

  combo = ADW_COMBO_ROW (ui_test_find_row (prefs, "_Date Format"));
  g_assert_cmpstr (combo_selected_label (combo), ==, "2026-03-31 (yyyy-MM-dd)");
  adw_combo_row_set_selected (combo, find_combo_item (combo, "31.03.2026 (dd.MM.yyyy)"));
  g_assert_cmpstr (g_settings_get_string (settings, "date-format"), ==, "dd.MM.yyyy");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (combo)), ==,
                   "31.03.2026 (dd.MM.yyyy)");

  combo = ADW_COMBO_ROW (ui_test_find_row (prefs, "Date and _Time Format"));
  adw_combo_row_set_selected (combo,
                              find_combo_item (combo, "03/31/2026 02:30 PM (MM/dd/yyyy hh:mm a)"));
  g_assert_cmpstr (g_settings_get_string (settings, "datetime-format"), ==,
                   "MM/dd/yyyy hh:mm a");

  combo = ADW_COMBO_ROW (ui_test_find_row (prefs, "Time _Zone"));
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 0);
  g_assert_true (g_str_has_prefix (combo_selected_label (combo), "System ("));
  g_settings_set_string (settings, "time-zone", "Asia/Tokyo");
  g_assert_cmpstr (combo_selected_label (combo), ==, "Asia/Tokyo");

  /* The settings reach the store, not just the widgets. */
  keyfile_path = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", "keyfile",
                                   NULL);
  g_file_get_contents (keyfile_path, &keyfile, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (keyfile, "jobs-in-flight=10"));
  g_assert_nonnull (strstr (keyfile, "date-format='dd.MM.yyyy'"));

  screenshot = (g_free (screenshot), ui_test_screenshot (prefs, "preferences-changed"));

  /* The output folder: default, chosen in the file chooser, reset. */
  row = ui_test_find_row (prefs, "Default _Output Folder");
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   G_DIR_SEPARATOR_S "Freight"));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (row, "prefs.reset-output-folder")));

  folder = g_build_filename (g_get_home_dir (), "Loads & Results", NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  folder_file = g_file_new_for_path (folder);

  gtk_widget_activate_action (prefs, "prefs.choose-output-folder", NULL);
  chooser = ui_test_wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (gtk_window_get_transient_for (chooser) == GTK_WINDOW (prefs));
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder_file, &error);
  g_assert_no_error (error);
  ui_test_settle ();
  screenshot = (g_free (screenshot), ui_test_screenshot (GTK_WIDGET (chooser),
                                                         "output-folder-chooser"));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (ui_test_wait_until (file_chooser_is_gone, NULL));
  ui_test_settle ();

  saved_folder = g_settings_get_string (settings, "default-output-folder");
  g_assert_cmpstr (saved_folder, ==, folder);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "~/Loads & Results");
  g_assert_true (gtk_widget_is_sensitive (find_action_button (row, "prefs.reset-output-folder")));
  screenshot = (g_free (screenshot), ui_test_screenshot (prefs, "preferences-output-folder"));

  gtk_widget_activate_action (prefs, "prefs.reset-output-folder", NULL);
  g_clear_pointer (&saved_folder, g_free);
  saved_folder = g_settings_get_string (settings, "default-output-folder");
  g_assert_cmpstr (saved_folder, ==, "");
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   G_DIR_SEPARATOR_S "Freight"));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (row, "prefs.reset-output-folder")));

  /* The rows below the fold. */
  scrolled = ui_test_find_widget (prefs, GTK_TYPE_SCROLLED_WINDOW, NULL, NULL);
  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  screenshot = (g_free (screenshot), ui_test_screenshot (prefs, "preferences-dates"));

  ui_test_close_window (GTK_WINDOW (prefs));
}

static void
test_preferences_unlisted_value (void)
{
  GSettings *settings = ui_test_get_settings ();
  GtkWidget *prefs;
  AdwComboRow *combo;

  /* A pattern set with gsettings stays as it is, and selectable. */
  g_settings_set_string (settings, "datetime-format", "yyyy-MM-dd HH:mm");
  get_main_window ();
  activate_app_action ("preferences");
  prefs = GTK_WIDGET (ui_test_wait_for_window (FREIGHT_TYPE_PREFERENCES_WINDOW));
  combo = ADW_COMBO_ROW (ui_test_find_row (prefs, "Date and _Time Format"));
  g_assert_cmpstr (combo_selected_label (combo), ==, "yyyy-MM-dd HH:mm");
  ui_test_settle ();
  g_assert_cmpstr (g_settings_get_string (settings, "datetime-format"), ==, "yyyy-MM-dd HH:mm");
  ui_test_close_window (GTK_WINDOW (prefs));
  g_settings_reset (settings, "datetime-format");
}

static void
test_about (void)
{
  GtkWidget *about;
  g_autofree char *screenshot = NULL;
  GtkIconTheme *icons;

  get_main_window ();
  activate_app_action ("about");
  about = GTK_WIDGET (ui_test_wait_for_window (ADW_TYPE_ABOUT_WINDOW));
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==,
                   "Freight");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, APP_ID);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==,
                   GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_website (ADW_ABOUT_WINDOW (about)), ==,
                   "https://github.com/freightapp/freight");
  g_assert_cmpstr (adw_about_window_get_issue_url (ADW_ABOUT_WINDOW (about)), ==,
                   "https://github.com/freightapp/freight/issues");
  g_assert_cmpstr (adw_about_window_get_developer_name (ADW_ABOUT_WINDOW (about)), ==,
                   "The Freight developers");

  /* The icon comes from the resources, so it shows even uninstalled. */
  icons = gtk_icon_theme_get_for_display (gtk_widget_get_display (about));
  g_assert_true (gtk_icon_theme_has_icon (icons, APP_ID));
  g_assert_true (gtk_icon_theme_has_icon (icons, APP_ID "-symbolic"));

  screenshot = ui_test_screenshot (about, "about");
  ui_test_close_window (GTK_WINDOW (about));
}

static void
test_shortcuts (void)
{
  GtkWidget *shortcuts;
  g_autofree char *screenshot = NULL;
  const char *actions[] = {
    "app.preferences", "app.shortcuts", "window.close", "app.quit", "win.back", "win.next",
  };

  get_main_window ();
  activate_app_action ("shortcuts");
  shortcuts = GTK_WIDGET (ui_test_wait_for_window (GTK_TYPE_SHORTCUTS_WINDOW));
  /* Each shortcut shows the keys that really trigger its action. */
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *shortcut = ui_test_find_widget (shortcuts, GTK_TYPE_SHORTCUTS_SHORTCUT,
                                                 "action-name", actions[i]);
      g_auto(GStrv) accels = NULL;
      GtkWidget *label;

      g_assert_nonnull (shortcut);
      accels = gtk_application_get_accels_for_action (GTK_APPLICATION (ui_test_get_application ()),
                                                      actions[i]);
      g_assert_nonnull (accels[0]);
      label = ui_test_find_widget (shortcut, GTK_TYPE_SHORTCUT_LABEL, NULL, NULL);
      g_assert_nonnull (label);
      g_assert_cmpstr (gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (label)), ==,
                       accels[0]);
    }
  screenshot = ui_test_screenshot (shortcuts, "shortcuts");
  ui_test_close_window (GTK_WINDOW (shortcuts));
}

static void
test_window_state (void)
{
  GSettings *settings = ui_test_get_settings ();
  GtkWidget *window;
  g_autofree char *screenshot = NULL;

  /* Closing saves the size… */
  window = GTK_WIDGET (get_main_window ());
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  ui_test_settle ();
  assert_window_size (window, 900, 640);
  ui_test_close_window (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* …and the next window opens at it. */
  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_int (settings, "window-height", 800);
  g_application_activate (G_APPLICATION (ui_test_get_application ()));
  window = GTK_WIDGET (ui_test_wait_for_window (FREIGHT_TYPE_WINDOW));
  assert_window_size (window, 1280, 800);
  screenshot = ui_test_screenshot (window, "main-window-1280x800");

  ui_test_close_window (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1280);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 800);
}

static gboolean
no_windows (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (ui_test_get_application ())) == NULL;
}

static void
test_quit (void)
{
  GApplication *app = G_APPLICATION (ui_test_get_application ());

  get_main_window ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  ui_test_wait_for_window (FREIGHT_TYPE_PREFERENCES_WINDOW);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (ui_test_wait_until (no_windows, NULL));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/freight/ui/window/opens", test_window_opens);
  g_test_add_func ("/freight/ui/window/actions", test_window_actions);
  g_test_add_func ("/freight/ui/window/dark", test_window_dark);
  g_test_add_func ("/freight/ui/preferences/settings", test_preferences);
  g_test_add_func ("/freight/ui/preferences/unlisted-value", test_preferences_unlisted_value);
  g_test_add_func ("/freight/ui/about", test_about);
  g_test_add_func ("/freight/ui/shortcuts", test_shortcuts);
  g_test_add_func ("/freight/ui/window/state", test_window_state);
  g_test_add_func ("/freight/ui/quit", test_quit);

  return ui_test_run ();
}
