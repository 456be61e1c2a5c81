/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-local-org-child"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "freight-local-org-child.h"

/*
 * FreightLocalOrgChild: `freight-local-org` run by the app as a child process, for "Try
 * with the local org" and `freight --local-org`. It listens on a free port of 127.0.0.1
 * (it picks one and prints its base URL once it answers), keeps its records in the user's
 * data folder, and ends with the app (SIGTERM from freight_local_org_child_stop(), and on
 * Linux also when the app dies). Signing in uses the local org's demo user and connected
 * app through FreightSignIn, like any org, and saves it as FREIGHT_LOCAL_ORG_ALIAS.
 */

#define STARTUP_TIMEOUT_SECONDS 30

/* The local org's demo user and connected app, as its --help and the README give them. */
#define LOCAL_ORG_USERNAME      "admin@freight.local"
#define LOCAL_ORG_PASSWORD      "freight"
#define LOCAL_ORG_CONSUMER_KEY  "freight-local-org"
#define LOCAL_ORG_CONSUMER_SEC  "freight-local-secret"

struct _FreightLocalOrgChild
{
  GObject      parent_instance;

  GSubprocess *process;
  char        *url;
  GPtrArray   *waiting;   /* GTasks waiting for the URL while the child starts */
};

G_DEFINE_FINAL_TYPE (FreightLocalOrgChild, freight_local_org_child, G_TYPE_OBJECT)

typedef struct
{
  FreightOrgStore *store;
  FreightSignIn   *sign_in;
} SignIn;

static void
sign_in_free (SignIn *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->sign_in);
  g_free (data);
}

/* Where the program is: $FREIGHT_LOCAL_ORG, the build folder when Freight runs from it
 * (`meson devenv`), next to the freight binary, the install's bindir, then PATH. */
char *
freight_local_org_find_program (GError **error)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *self_dir = self_path != NULL ? g_path_get_dirname (self_path) : NULL;
  const char *env = g_getenv ("FREIGHT_LOCAL_ORG");
  char *path;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  if (self_dir != NULL && g_str_has_prefix (self_dir, BUILD_BINDIR))
    {
      path = g_build_filename (BUILD_BINDIR, "local-org", "freight-local-org", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        return path;
      g_free (path);
    }

  if (self_dir != NULL)
    {
      path = g_build_filename (self_dir, "freight-local-org", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        return path;
      g_free (path);
    }

  path = g_build_filename (BINDIR, "freight-local-org", NULL);
  if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return path;
  g_free (path);

  path = g_find_program_in_path ("freight-local-org");
  if (path != NULL)
    return path;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The local org (freight-local-org) is not installed with this copy of "
                 "Freight. Build Freight with the local_org option, or set "
                 "FREIGHT_LOCAL_ORG to the program."));
  return NULL;
}

/**
 * freight_local_org_find_samples:
 *
 * Returns: (transfer full) (nullable): the folder of the bundled sample CSV files: the
 *   source tree's when Freight runs from its build folder, else the installed one
 */
char *
freight_local_org_find_samples (void)
{
  g_autofree char *source = g_build_filename (SOURCE_DATADIR, "samples", NULL);
  g_autofree char *installed = g_build_filename (PKGDATADIR, "samples", NULL);
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *build_root = g_path_get_dirname (BUILD_BINDIR);
  const char *env = g_getenv ("FREIGHT_SAMPLES_DIR");

  if (env != NULL && g_file_test (env, G_FILE_TEST_IS_DIR))
    return g_strdup (env);
  if (self_path != NULL && g_str_has_prefix (self_path, build_root)
      && g_file_test (source, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&source);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  if (g_file_test (source, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&source);
  return NULL;
}

/**
 * freight_local_org_is_local:
 * @org: a saved org
 *
 * Returns: whether @org is the local org that Freight starts itself
 */
gboolean
freight_local_org_is_local (FreightOrg *org)
{
  g_return_val_if_fail (FREIGHT_IS_ORG (org), FALSE);

  return g_strcmp0 (freight_org_get_alias (org), FREIGHT_LOCAL_ORG_ALIAS) == 0;
}

#ifdef __linux__
static void
child_setup (gpointer user_data)
{
  /* The org ends with the app, also when the app crashes. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}
#endif

static void
fail_waiting (FreightLocalOrgChild *self,
              const GError         *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    g_task_return_error (waiting->pdata[i], g_error_copy (error));
}

static void run_sign_in (GTask *task);

static void
process_exited_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FreightLocalOrgChild) self = user_data;
  GSubprocess *process = G_SUBPROCESS (source);

  g_subprocess_wait_finish (process, result, NULL);
  if (self->process != process)
    return;

  g_debug ("freight-local-org ended");
  g_clear_object (&self->process);
  g_clear_pointer (&self->url, g_free);
  if (self->waiting->len > 0)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                                             _("The local org stopped while starting. "
                                               "Run freight-local-org in a terminal to see "
                                               "why."));

      fail_waiting (self, error);
    }
}

static void
read_url_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FreightLocalOrgChild) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GPtrArray) waiting = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                    NULL, &error);
  if (line == NULL || !g_str_has_prefix (line, "http"))
    {
      if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&error);
          error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                               _("The local org did not start. Run freight-local-org in a "
                                 "terminal to see why."));
        }
      if (self->process != NULL)
        g_subprocess_send_signal (self->process, SIGTERM);
      fail_waiting (self, error);
      return;
    }

  g_strstrip (line);
  g_debug ("freight-local-org answers at %s", line);
  g_free (self->url);
  self->url = g_steal_pointer (&line);

  waiting = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    run_sign_in (waiting->pdata[i]);
}

static gboolean
startup_timeout_cb (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
freight_local_org_child_start (FreightLocalOrgChild  *self,
                               GError               **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) stdout_stream = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *program = NULL;
  g_autofree char *data_dir = NULL;

  program = freight_local_org_find_program (error);
  if (program == NULL)
    return FALSE;

  data_dir = g_build_filename (g_get_user_data_dir (), "freight", "local-org", NULL);
  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the local org’s folder %s: %s"),
                   data_dir, g_strerror (saved_errno));
      return FALSE;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
#ifdef __linux__
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
#endif
  g_debug ("starting %s", program);
  self->process = g_subprocess_launcher_spawn (launcher, error, program,
                                               "--port", "0",
                                               "--data-dir", data_dir,
                                               NULL);
  if (self->process == NULL)
    return FALSE;

  g_subprocess_wait_async (self->process, NULL, process_exited_cb, g_object_ref (self));

  /* It prints its base URL once it answers; a child that hangs is given up on. */
  cancellable = g_cancellable_new ();
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, STARTUP_TIMEOUT_SECONDS,
                              startup_timeout_cb, g_object_ref (cancellable),
                              g_object_unref);
  stdout_stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  g_data_input_stream_read_line_async (stdout_stream, G_PRIORITY_DEFAULT, cancellable,
                                       read_url_cb, g_object_ref (self));
  return TRUE;
}

static void
sign_in_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  FreightOrgSession *session;

  session = freight_sign_in_run_finish (FREIGHT_SIGN_IN (source), result, &error);
  if (session == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, session, g_object_unref);
}

/* The child answers: sign in as its demo user and save it. */
static void
run_sign_in (GTask *task)
{
  FreightLocalOrgChild *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return;

  data->sign_in = freight_sign_in_new (FREIGHT_AUTH_METHOD_PASSWORD);
  freight_sign_in_set_login_url (data->sign_in, self->url);
  freight_sign_in_set_alias (data->sign_in, FREIGHT_LOCAL_ORG_ALIAS);
  freight_sign_in_set_client_id (data->sign_in, LOCAL_ORG_CONSUMER_KEY);
  freight_sign_in_set_secret (data->sign_in, FREIGHT_ORG_SECRET_CLIENT_SECRET,
                              LOCAL_ORG_CONSUMER_SEC);
  freight_sign_in_set_username (data->sign_in, LOCAL_ORG_USERNAME);
  freight_sign_in_set_secret (data->sign_in, FREIGHT_ORG_SECRET_PASSWORD, LOCAL_ORG_PASSWORD);
  freight_sign_in_run_async (data->sign_in, data->store, g_task_get_cancellable (task),
                             sign_in_done_cb, g_object_ref (task));
}

/**
 * freight_local_org_child_sign_in_async:
 * @self: the app's local org
 * @store: where to save the org
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the connected session
 * @user_data: data for @callback
 *
 * Starts the local org unless it runs already, waits until it answers, signs in as its
 * demo user and saves it as %FREIGHT_LOCAL_ORG_ALIAS.
 */
void
freight_local_org_child_sign_in_async (FreightLocalOrgChild *self,
                                       FreightOrgStore      *store,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SignIn *data;

  g_return_if_fail (FREIGHT_IS_LOCAL_ORG_CHILD (self));
  g_return_if_fail (FREIGHT_IS_ORG_STORE (store));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, freight_local_org_child_sign_in_async);
  data = g_new0 (SignIn, 1);
  data->store = g_object_ref (store);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_free);

  if (self->url != NULL)
    {
      run_sign_in (task);
      return;
    }

  if (self->process == NULL && !freight_local_org_child_start (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
}

/**
 * freight_local_org_child_sign_in_finish:
 *
 * Returns: (transfer full): the session signed in to the local org
 */
FreightOrgSession *
freight_local_org_child_sign_in_finish (FreightLocalOrgChild  *self,
                                        GAsyncResult          *result,
                                        GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * freight_local_org_child_get_url:
 *
 * Returns: (nullable): the base URL of the running local org
 */
const char *
freight_local_org_child_get_url (FreightLocalOrgChild *self)
{
  g_return_val_if_fail (FREIGHT_IS_LOCAL_ORG_CHILD (self), NULL);

  return self->url;
}

/**
 * freight_local_org_child_stop:
 *
 * Ends the local org (SIGTERM; it saves its records and exits).
 */
void
freight_local_org_child_stop (FreightLocalOrgChild *self)
{
  g_return_if_fail (FREIGHT_IS_LOCAL_ORG_CHILD (self));

  if (self->process != NULL)
    {
      g_debug ("stopping freight-local-org");
      g_subprocess_send_signal (self->process, SIGTERM);
      g_clear_object (&self->process);
    }
  g_clear_pointer (&self->url, g_free);
}

static void
freight_local_org_child_dispose (GObject *object)
{
  FreightLocalOrgChild *self = FREIGHT_LOCAL_ORG_CHILD (object);

  freight_local_org_child_stop (self);

  G_OBJECT_CLASS (freight_local_org_child_parent_class)->dispose (object);
}

static void
freight_local_org_child_finalize (GObject *object)
{
  FreightLocalOrgChild *self = FREIGHT_LOCAL_ORG_CHILD (object);

  g_clear_pointer (&self->waiting, g_ptr_array_unref);

  G_OBJECT_CLASS (freight_local_org_child_parent_class)->finalize (object);
}

static void
freight_local_org_child_class_init (FreightLocalOrgChildClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = freight_local_org_child_dispose;
  object_class->finalize = freight_local_org_child_finalize;
}

static void
freight_local_org_child_init (FreightLocalOrgChild *self)
{
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

FreightLocalOrgChild *
freight_local_org_child_new (void)
{
  return g_object_new (FREIGHT_TYPE_LOCAL_ORG_CHILD, NULL);
}
