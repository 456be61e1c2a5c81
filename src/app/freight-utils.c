/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-utils"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-utils.h"

/**
 * _freight_format_date_time:
 * @date_time: (nullable): a time
 *
 * Returns: @date_time in local time, as people read it; "" for %NULL
 */
char *
_freight_format_date_time (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = NULL;

  if (date_time == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (date_time);
  /* Translators: how a job's or run's time is shown, a g_date_time_format() pattern:
   * “Mar 31, 2026 14:02:05”. */
  return g_date_time_format (local, _("%b %e, %Y %H:%M:%S"));
}

/**
 * _freight_format_usec:
 * @usec: microseconds since the epoch, as the journal keeps times
 *
 * Returns: the time formatted as _freight_format_date_time() does
 */
char *
_freight_format_usec (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return _freight_format_date_time (utc);
}

/**
 * _freight_display_path:
 * @path: a file name
 *
 * Returns: @path for display, with the home folder as “~”
 */
char *
_freight_display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize len = strlen (home);

  if (path == NULL)
    return g_strdup ("");
  if (g_str_has_prefix (path, home) && path[len] == G_DIR_SEPARATOR)
    {
      g_autofree char *relative = g_filename_display_name (path + len);

      return g_strconcat ("~", relative, NULL);
    }
  return g_filename_display_name (path);
}

static const char * const badge_states[] = {
  "accent", "success", "error", "warning", "neutral",
};

/**
 * _freight_badge_set_state:
 * @badge: a label with the `badge` style class
 * @css_state: "accent", "success", "error", "warning" or "neutral"
 * @text: what it says
 *
 * Colors a state pill (style.css) and sets its text.
 */
void
_freight_badge_set_state (GtkWidget  *badge,
                          const char *css_state,
                          const char *text)
{
  g_return_if_fail (GTK_IS_LABEL (badge));

  for (guint i = 0; i < G_N_ELEMENTS (badge_states); i++)
    if (g_strcmp0 (badge_states[i], css_state) != 0)
      gtk_widget_remove_css_class (badge, badge_states[i]);
  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, css_state);
  gtk_label_set_text (GTK_LABEL (badge), text);
}

/**
 * _freight_job_state_css:
 *
 * Returns: the badge color of a Bulk job state
 */
const char *
_freight_job_state_css (FreightBulkJobState state)
{
  switch (state)
    {
    case FREIGHT_BULK_JOB_STATE_OPEN:
    case FREIGHT_BULK_JOB_STATE_UPLOAD_COMPLETE:
    case FREIGHT_BULK_JOB_STATE_IN_PROGRESS:
      return "accent";

    case FREIGHT_BULK_JOB_STATE_JOB_COMPLETE:
      return "success";

    case FREIGHT_BULK_JOB_STATE_FAILED:
      return "error";

    case FREIGHT_BULK_JOB_STATE_ABORTED:
      return "warning";

    case FREIGHT_BULK_JOB_STATE_UNKNOWN:
    default:
      return "neutral";
    }
}

/**
 * _freight_toast_new_for_error:
 * @what: what failed, for people: “Could not abort the job”
 * @error: why, from the core
 *
 * Returns: (transfer full): a toast that stays until dismissed, so the message can be
 *   read to its end
 */
AdwToast *
_freight_toast_new_for_error (const char   *what,
                              const GError *error)
{
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  escaped = g_markup_escape_text (error->message, -1);
  /* Translators: a toast: what failed, then the reason. */
  title = g_strdup_printf (_("%s: %s"), what, escaped);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  return toast;
}

/* Showing files and folders ------------------------------------------------------------ */

static void
show_uri_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Through the portal when sandboxed, else the default application. */
static void
show_uri (GTask      *task,
          GtkWindow  *parent,
          const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, g_task_get_cancellable (task),
                     show_uri_done, task);
}

static void
show_items_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  GtkWindow *parent;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* No file manager that selects files: open the folder instead. */
  g_debug ("FileManager1.ShowItems: %s", error->message);
  folder = g_path_get_dirname (g_task_get_task_data (task));
  parent = g_object_get_data (G_OBJECT (task), "parent");
  show_uri (g_steal_pointer (&task), parent, folder);
}

/**
 * _freight_show_folder_async:
 * @parent: the window asking
 * @path: a folder, or a file when @select_file
 * @select_file: show the folder of @path with @path selected, where the file manager can
 *
 * Opens a folder in the file manager, without blocking.
 */
void
_freight_show_folder_async (GtkWindow           *parent,
                            const char          *path,
                            gboolean             select_file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GApplication *app = g_application_get_default ();
  GDBusConnection *bus = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (path != NULL);

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, _freight_show_folder_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (task), "parent", g_object_ref (parent), g_object_unref);

  /* The application's own connection: asking the bus for one could block. */
  if (select_file && app != NULL)
    bus = g_application_get_dbus_connection (app);
  if (bus != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *uri = g_file_get_uri (file);
      const char *uris[] = { uri, NULL };

      g_dbus_connection_call (bus, "org.freedesktop.FileManager1",
                              "/org/freedesktop/FileManager1",
                              "org.freedesktop.FileManager1", "ShowItems",
                              g_variant_new ("(^ass)", uris, ""), NULL,
                              G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, cancellable,
                              show_items_done, g_steal_pointer (&task));
      return;
    }

  if (select_file)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      show_uri (g_steal_pointer (&task), parent, folder);
    }
  else
    show_uri (g_steal_pointer (&task), parent, path);
}

gboolean
_freight_show_folder_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _freight_show_folder_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * _freight_open_file_async:
 * @parent: the window asking
 * @path: a file
 *
 * Opens @path in its default application, without blocking.
 */
void
_freight_open_file_async (GtkWindow           *parent,
                          const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (path != NULL);

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, _freight_open_file_async);
  show_uri (g_steal_pointer (&task), parent, path);
}

gboolean
_freight_open_file_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _freight_open_file_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The journal -------------------------------------------------------------------------- */

/* One journal per process while anything holds it: the windows share it, and the export
 * worker writes to it from its thread (FreightJournal is thread-safe). */
static FreightJournal *shared_journal;

static void
journal_open_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  FreightJournal *journal = freight_journal_open (NULL, &error);

  if (journal != NULL)
    g_task_return_pointer (task, journal, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * _freight_journal_open_async:
 *
 * Opens Freight's journal (in the user's data folder) off the main thread, or hands out
 * the one already open.
 */
void
_freight_journal_open_async (GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, _freight_journal_open_async);
  if (shared_journal != NULL)
    g_task_return_pointer (task, g_object_ref (shared_journal), g_object_unref);
  else
    g_task_run_in_thread (task, journal_open_thread);
}

/**
 * _freight_journal_open_finish:
 *
 * Returns: (transfer full): the journal
 */
FreightJournal *
_freight_journal_open_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_autoptr(FreightJournal) journal = NULL;

  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _freight_journal_open_async,
                        NULL);

  journal = g_task_propagate_pointer (G_TASK (result), error);
  if (journal == NULL)
    return NULL;

  /* Two opens that raced: the first to finish is the one everybody gets. */
  if (shared_journal == NULL)
    {
      shared_journal = journal;
      g_object_add_weak_pointer (G_OBJECT (shared_journal), (gpointer *) &shared_journal);
    }
  return g_object_ref (shared_journal);
}
