/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-ui-test"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "freight-ui-test.h"
#include "ui-notifications.h"

#define WAIT_TIMEOUT_SECONDS 20

static FreightApplication *application;
static GSettings *settings;

/**
 * ui_test_init:
 *
 * Sets up GTest, then starts the real application: registers it (its startup runs, which
 * initializes GTK). Animations are off, so what a screenshot shows is the end state.
 */
void
ui_test_init (int    *argc,
              char ***argv)
{
  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);
  ui_test_start_app ();
}

/**
 * ui_test_start_app:
 *
 * The second half of ui_test_init(), for a test that calls g_test_init() itself and does
 * something before its application starts (the application is unique on the bus).
 */
void
ui_test_start_app (void)
{
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DISPLAY") == NULL || g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_error ("UI tests run inside tests/ui/ui-session.sh (meson test --suite ui)");

  application = freight_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  /* The desktop shows the application's notifications. */
  ui_notifications_start (g_application_get_dbus_connection (G_APPLICATION (application)));

  /* The tests close and open windows; the application must outlive them. */
  g_application_hold (G_APPLICATION (application));

  /* What GNOME's settings daemon would tell GTK, so that windows look as on GNOME. */
  g_object_set (gtk_settings_get_default (),
                "gtk-enable-animations", FALSE,
                "gtk-font-name", "Cantarell 11",
                "gtk-decoration-layout", "appmenu:close",
                "gtk-dialogs-use-header", TRUE,
                NULL);
  settings = g_settings_new (APP_ID);
}

/**
 * ui_test_run:
 *
 * Runs the test cases, then closes every window and lets the application go.
 *
 * Returns: g_test_run()'s result, for main() to return.
 */
int
ui_test_run (void)
{
  g_autoptr(GList) windows = NULL;
  int status;

  status = g_test_run ();

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (application)));
  for (const GList *iter = windows; iter != NULL; iter = iter->next)
    gtk_window_destroy (iter->data);
  ui_test_settle ();

  g_application_release (G_APPLICATION (application));
  g_clear_object (&settings);
  g_clear_object (&application);

  return status;
}

FreightApplication *
ui_test_get_application (void)
{
  return application;
}

/**
 * ui_test_get_settings:
 *
 * Returns: (transfer none): Freight's settings, as the application stores them.
 */
GSettings *
ui_test_get_settings (void)
{
  return settings;
}

static gboolean
settle_done (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * ui_test_settle:
 *
 * Runs the main loop for a moment, so that pending layout, drawing and X11 round trips
 * complete.
 */
void
ui_test_settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (150, settle_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/**
 * ui_test_wait_until:
 * @condition: returns %TRUE once what the test waits for has happened
 *
 * Runs the main loop until @condition holds, for at most 20 seconds.
 *
 * Returns: whether @condition came to hold.
 */
gboolean
ui_test_wait_until (GSourceFunc condition,
                    gpointer    data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      gboolean tick = FALSE;

      if (g_get_monotonic_time () > deadline)
        return FALSE;

      g_timeout_add (20, settle_done, &tick);
      while (!tick)
        g_main_context_iteration (NULL, TRUE);
    }

  return TRUE;
}

static GtkWindow *
find_mapped_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          gtk_widget_get_width (GTK_WIDGET (window)) > 0)
        return window;
    }

  return NULL;
}

static gboolean
window_is_mapped (gpointer data)
{
  GType *type = data;

  return find_mapped_window (*type) != NULL;
}

/**
 * ui_test_wait_for_window:
 * @type: the window's type, e.g. `ADW_TYPE_ABOUT_WINDOW`
 *
 * Waits until a window of @type is on screen and laid out; fails the test if none comes.
 *
 * Returns: (transfer none): the window
 */
GtkWindow *
ui_test_wait_for_window (GType type)
{
  if (!ui_test_wait_until (window_is_mapped, &type))
    g_error ("No %s appeared within %d seconds", g_type_name (type), WAIT_TIMEOUT_SECONDS);

  ui_test_settle ();
  return find_mapped_window (type);
}

static gboolean
window_is_gone (gpointer data)
{
  GWeakRef *ref = data;
  g_autoptr(GtkWidget) window = g_weak_ref_get (ref);

  return window == NULL || !gtk_widget_get_visible (window);
}

/**
 * ui_test_close_window:
 *
 * Closes @window as the user would (close-request runs) and waits until it is gone.
 */
void
ui_test_close_window (GtkWindow *window)
{
  GWeakRef ref;

  g_weak_ref_init (&ref, window);
  gtk_window_close (window);
  g_assert_true (ui_test_wait_until (window_is_gone, &ref));
  g_weak_ref_clear (&ref);
  ui_test_settle ();
}

/**
 * ui_test_find_widget:
 * @root: where to search, depth first
 * @type: the widget's type
 * @property: (nullable): a string property to match, e.g. "action-name" or "label"
 * @value: (nullable): the property's value
 *
 * Returns: (transfer none) (nullable): the first widget of @type under @root (or @root
 *   itself) whose @property is @value.
 */
GtkWidget *
ui_test_find_widget (GtkWidget  *root,
                     GType       type,
                     const char *property,
                     const char *value)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      g_autofree char *actual = NULL;

      if (property == NULL)
        return root;

      g_object_get (root, property, &actual, NULL);
      if (g_strcmp0 (actual, value) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_widget (child, type, property, value);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * ui_test_find_row:
 * @title: the row's title as written in the .ui file, mnemonic included
 *
 * Returns: (transfer none): the preference row titled @title; fails the test if none is.
 */
GtkWidget *
ui_test_find_row (GtkWidget  *root,
                  const char *title)
{
  GtkWidget *row = ui_test_find_widget (root, ADW_TYPE_PREFERENCES_ROW, "title", title);

  if (row == NULL)
    g_error ("No row titled “%s” in %s", title, G_OBJECT_TYPE_NAME (root));

  return row;
}

/**
 * ui_test_screenshot:
 * @widget: a window, usually
 * @name: the file's name without ".png"
 *
 * Renders @widget as it is on screen into `$FREIGHT_SCREENSHOT_DIR/NAME.png`.
 *
 * Returns: the PNG's path
 */
char *
ui_test_screenshot (GtkWidget  *widget,
                    const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  const char *dir;
  int width;
  int height;

  dir = g_getenv ("FREIGHT_SCREENSHOT_DIR");
  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  ui_test_settle ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* A window between two frames may have nothing to show yet: try again after a frame. */
  paintable = gtk_widget_paintable_new (widget);
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      if (attempt > 0)
        ui_test_settle ();
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  file_name = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s (%d×%d)", path, width, height);

  return g_steal_pointer (&path);
}

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_DEFAULT);
  ui_test_settle ();
}

static void
resize (GtkWidget *window,
        int        width,
        int        height)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  while ((gdk_surface_get_width (surface) != width ||
          gdk_surface_get_height (surface) != height) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  ui_test_settle ();
}

/**
 * ui_test_screenshots:
 * @window: a window
 * @name: what it shows
 *
 * Saves @window at 800×600 and 1280×800, in the light and the dark style, as
 * `NAME-800x600.png`, `NAME-1280x800.png`, `NAME-800x600-dark.png` and
 * `NAME-1280x800-dark.png`; leaves it at 800×600 in the light style.
 */
void
ui_test_screenshots (GtkWidget  *window,
                     const char *name)
{
  static const int sizes[][2] = { { 1280, 800 }, { 800, 600 } };

  for (guint dark = 0; dark < 2; dark++)
    {
      set_dark (!dark);
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autofree char *file = g_strdup_printf ("%s-%dx%d%s", name, sizes[i][0],
                                                   sizes[i][1], !dark ? "-dark" : "");
          g_autofree char *path = NULL;

          resize (window, sizes[i][0], sizes[i][1]);
          path = ui_test_screenshot (window, file);
        }
    }
}

/* The watchdog: a high-priority timeout that notes the longest time between two of its
 * ticks, which is how long the main loop was blocked (by a dispatch that took that long,
 * or by sources that kept it busy). */
#define WATCHDOG_INTERVAL_MS 5

static guint watchdog_source;
static gint64 watchdog_last;
static gint64 watchdog_max;

static gboolean
watchdog_tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  watchdog_max = MAX (watchdog_max, now - watchdog_last - WATCHDOG_INTERVAL_MS * 1000);
  watchdog_last = now;
  return G_SOURCE_CONTINUE;
}

/**
 * ui_test_watchdog_start:
 *
 * Starts measuring how long the main loop stalls, while the test runs it.
 */
void
ui_test_watchdog_start (void)
{
  g_assert_cmpuint (watchdog_source, ==, 0);
  watchdog_max = 0;
  watchdog_last = g_get_monotonic_time ();
  watchdog_source = g_timeout_add_full (G_PRIORITY_HIGH, WATCHDOG_INTERVAL_MS, watchdog_tick,
                                        NULL, NULL);
}

/**
 * ui_test_watchdog_stop:
 *
 * Returns: the longest stall since ui_test_watchdog_start(), in microseconds
 */
gint64
ui_test_watchdog_stop (void)
{
  watchdog_tick (NULL);
  g_clear_handle_id (&watchdog_source, g_source_remove);
  return watchdog_max;
}
