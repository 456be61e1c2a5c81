/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-resumer"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-export-window.h"
#include "freight-resumer.h"
#include "freight-utils.h"
#include "freight-window.h"

/* FreightResumer continues, once an org is connected, the loads and exports that the
 * journal says stopped before their end on that org (the app was killed, the machine went
 * down), as `freight-cli resume` does, on the core's async API: FreightLoad,
 * FreightExport or FreightResubmit for the run (a resubmit resumes its own load and folds
 * its outcome into the run's files, so that load is never continued alone). Each run is tried once per start of the app. The application
 * shows what it does (a toast in the main window); the runs page shows each run's
 * progress. */

typedef struct
{
  FreightResumer *self;          /* not a reference: the resumer outlives its runs */
  gint64          id;
  char           *kind;
  char           *title;
  GObject        *operation;     /* FreightLoad, FreightExport or FreightResubmit */
} Resumed;

struct _FreightResumer
{
  GObject       parent_instance;

  GCancellable *cancellable;
  GHashTable   *running;         /* run id (gint64 *) → Resumed */
  GHashTable   *tried;           /* run ids (gint64 *) started in this process */
  guint         n_finished;
};

G_DEFINE_FINAL_TYPE (FreightResumer, freight_resumer, G_TYPE_OBJECT)

enum {
  SIGNAL_STARTED,
  SIGNAL_PROGRESS,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
resumed_free (Resumed *resumed)
{
  if (resumed->operation != NULL)
    g_signal_handlers_disconnect_by_data (resumed->operation, resumed);
  g_clear_object (&resumed->operation);
  g_free (resumed->kind);
  g_free (resumed->title);
  g_free (resumed);
}

static void
freight_resumer_dispose (GObject *object)
{
  FreightResumer *self = FREIGHT_RESUMER (object);

  /* (Each run holds the resumer: none is running now.) Runs left unfinished go on at the
   * next start. */
  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (freight_resumer_parent_class)->dispose (object);
}

static void
freight_resumer_finalize (GObject *object)
{
  FreightResumer *self = FREIGHT_RESUMER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->running, g_hash_table_unref);
  g_clear_pointer (&self->tried, g_hash_table_unref);

  G_OBJECT_CLASS (freight_resumer_parent_class)->finalize (object);
}

static void
freight_resumer_class_init (FreightResumerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = freight_resumer_dispose;
  object_class->finalize = freight_resumer_finalize;

  /**
   * FreightResumer::started:
   * @run_id: the journal's run
   * @title: what the run does, for people: “Insert into Account”
   *
   * A run of the journal is being continued.
   */
  signals[SIGNAL_STARTED] =
    g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  /**
   * FreightResumer::progress:
   * @run_id: the journal's run
   *
   * The counts of a run being continued changed (freight_resumer_get_progress()).
   */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * FreightResumer::finished:
   * @run_id: the journal's run
   * @title: what the run did
   * @error: (nullable): why it stopped, or %NULL when it ran to its end
   *
   * A continued run ended.
   */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
freight_resumer_init (FreightResumer *self)
{
  self->cancellable = g_cancellable_new ();
  self->running = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                         (GDestroyNotify) resumed_free);
  self->tried = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

FreightResumer *
freight_resumer_new (void)
{
  return g_object_new (FREIGHT_TYPE_RESUMER, NULL);
}

/* What a run does, for people. */
static char *
run_title (const FreightJournalRun *run)
{
  const char *object = NULL;
  const char *operation = NULL;

  if (run->spec != NULL)
    {
      object = json_object_get_string_member_with_default (run->spec, "object", NULL);
      operation = json_object_get_string_member_with_default (run->spec, "operation", NULL);
    }

  if (g_strcmp0 (run->kind, FREIGHT_RESUBMIT_RUN_KIND) == 0)
    return g_strdup (_("Resubmit of Fixed Rows"));
  if (g_strcmp0 (run->kind, FREIGHT_EXPORT_RUN_KIND) == 0)
    return object != NULL ? g_strdup_printf (_("Export of %s"), object)
                          : g_strdup (_("Export of a SOQL Query"));

  if (operation != NULL && object != NULL)
    return g_strdup_printf (_("%s into %s"),
                            freight_bulk_operation_get_display_name (
                              freight_bulk_operation_from_string (operation)),
                            object);
  return g_strdup (_("Load"));
}

static void
on_operation_notify (GObject    *operation,
                     GParamSpec *pspec,
                     Resumed    *resumed)
{
  g_signal_emit (resumed->self, signals[SIGNAL_PROGRESS], 0, resumed->id);
}

static void
resumed_done (Resumed *resumed,
              GError  *error)
{
  FreightResumer *self = resumed->self;
  gint64 id = resumed->id;
  g_autofree char *title = g_strdup (resumed->title);

  if (error != NULL)
    g_message ("Run %" G_GINT64_FORMAT " did not finish: %s", id, error->message);
  else
    g_debug ("Run %" G_GINT64_FORMAT " finished", id);

  g_hash_table_remove (self->running, &id);
  self->n_finished++;
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, id, title, error);
  g_object_unref (self);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Resumed *resumed = user_data;
  g_autoptr(GError) error = NULL;

  freight_load_run_finish (FREIGHT_LOAD (source), result, &error);
  if (error == NULL && freight_load_get_state (FREIGHT_LOAD (source)) !=
                       FREIGHT_LOAD_STATE_FINISHED)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The load did not finish"));
  resumed_done (resumed, error);
}

static void
resubmit_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Resumed *resumed = user_data;
  g_autoptr(GError) error = NULL;

  freight_resubmit_run_finish (FREIGHT_RESUBMIT (source), result, &error);
  resumed_done (resumed, error);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Resumed *resumed = user_data;
  g_autoptr(GError) error = NULL;

  freight_export_run_finish (FREIGHT_EXPORT (source), result, &error);
  resumed_done (resumed, error);
}

/* Whether run @id is running in this process already: the load of a main window's wizard,
 * or the export of an export window. */
static gboolean
run_busy_here (gint64 id)
{
  GApplication *app = g_application_get_default ();

  if (!GTK_IS_APPLICATION (app))
    return FALSE;
  if (freight_export_window_lookup_run (GTK_APPLICATION (app), id) != NULL)
    return TRUE;

  for (const GList *iter = gtk_application_get_windows (GTK_APPLICATION (app));
       iter != NULL;
       iter = iter->next)
    {
      FreightLoad *load;
      const char *run_id;

      if (!FREIGHT_IS_WINDOW (iter->data))
        continue;
      if (freight_results_page_get_resubmit_run_id (
            freight_window_get_results_page (iter->data)) == id)
        return TRUE;
      load = freight_wizard_get_load (freight_window_get_wizard (iter->data));
      run_id = load != NULL ? freight_load_get_run_id (load) : NULL;
      if (run_id != NULL && g_ascii_strtoll (run_id, NULL, 10) == id)
        return TRUE;
    }
  return FALSE;
}

static void
freight_resumer_start (FreightResumer          *self,
                       FreightOrgSession       *session,
                       FreightJournal          *journal,
                       const FreightJournalRun *run)
{
  g_autoptr(GError) error = NULL;
  Resumed *resumed;

  g_hash_table_add (self->tried, g_memdup2 (&run->id, sizeof run->id));

  resumed = g_new0 (Resumed, 1);
  resumed->self = self;
  resumed->id = run->id;
  resumed->kind = g_strdup (run->kind);
  resumed->title = run_title (run);

  if (g_str_equal (run->kind, FREIGHT_LOAD_RUN_KIND))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, run->id);

      resumed->operation = G_OBJECT (freight_load_new_resume (number, session, journal));
    }
  else if (g_str_equal (run->kind, FREIGHT_RESUBMIT_RUN_KIND))
    resumed->operation = G_OBJECT (freight_resubmit_new_resume (run->id, session, journal));
  else
    {
      resumed->operation = G_OBJECT (freight_export_new_for_run (session, journal, run->id,
                                                                 &error));
      if (resumed->operation == NULL)
        {
          g_message ("Run %" G_GINT64_FORMAT " cannot be continued: %s", run->id,
                     error->message);
          resumed_free (resumed);
          return;
        }
    }

  g_hash_table_insert (self->running, &resumed->id, resumed);
  g_signal_connect (resumed->operation, "notify", G_CALLBACK (on_operation_notify), resumed);
  g_signal_emit (self, signals[SIGNAL_STARTED], 0, resumed->id, resumed->title);

  /* Each run holds the resumer until it ends. */
  g_object_ref (self);
  if (FREIGHT_IS_LOAD (resumed->operation))
    freight_load_run_async (FREIGHT_LOAD (resumed->operation), NULL, load_done, resumed);
  else if (FREIGHT_IS_RESUBMIT (resumed->operation))
    freight_resubmit_run_async (FREIGHT_RESUBMIT (resumed->operation), NULL, resubmit_done,
                                resumed);
  else
    freight_export_run_async (FREIGHT_EXPORT (resumed->operation), NULL, export_done, resumed);
}

/**
 * freight_resumer_resume_run:
 * @session: the org @run ran on
 * @journal: the journal of @run
 * @run: an unfinished load or export
 *
 * Continues @run now (when someone asks for it), unless it is running already.
 */
void
freight_resumer_resume_run (FreightResumer          *self,
                            FreightOrgSession       *session,
                            FreightJournal          *journal,
                            const FreightJournalRun *run)
{
  g_return_if_fail (FREIGHT_IS_RESUMER (self));
  g_return_if_fail (FREIGHT_IS_ORG_SESSION (session));
  g_return_if_fail (FREIGHT_IS_JOURNAL (journal));
  g_return_if_fail (run != NULL);

  if (!g_hash_table_contains (self->running, &run->id) && !run_busy_here (run->id))
    freight_resumer_start (self, session, journal, run);
}

/* Finding the runs ------------------------------------------------------------------------ */

typedef struct
{
  FreightOrgSession *session;
  FreightJournal    *journal;
} Pass;

static void
pass_free (Pass *pass)
{
  g_clear_object (&pass->session);
  g_clear_object (&pass->journal);
  g_free (pass);
}

static void
list_runs_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Pass *pass = task_data;
  GError *error = NULL;
  GPtrArray *runs = freight_journal_list_runs (pass->journal, NULL, TRUE, &error);

  if (runs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A resubmit runs on the org of the run it folds into: summary.json says which. */
  for (guint i = 0; i < runs->len; i++)
    {
      FreightJournalRun *run = g_ptr_array_index (runs, i);
      g_autofree char *path = NULL;
      g_autoptr(JsonParser) parser = NULL;
      JsonNode *root;
      JsonObject *org;

      if (!g_str_equal (run->kind, FREIGHT_RESUBMIT_RUN_KIND) || run->spec == NULL ||
          run->output_path == NULL)
        continue;
      path = g_build_filename (run->output_path, "summary.json", NULL);
      parser = json_parser_new ();
      if (!json_parser_load_from_mapped_file (parser, path, NULL))
        continue;
      root = json_parser_get_root (parser);
      org = JSON_NODE_HOLDS_OBJECT (root)
            ? json_object_get_object_member (json_node_get_object (root), "org") : NULL;
      if (org == NULL)
        continue;
      json_object_set_string_member (run->spec, "org_id",
        json_object_get_string_member_with_default (org, "id", ""));
      json_object_set_string_member (run->spec, "instance_url",
        json_object_get_string_member_with_default (org, "instance_url", ""));
    }
  g_task_return_pointer (task, runs, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * freight_resumer_run_is_on:
 * @run: a run of the journal
 * @session: an org
 *
 * Whether @run ran on @session's org, where alone it can continue: a load knows its org
 * by ID (the same org at another address, such as the local org on another port, is
 * still it), an export by its instance URL, as the core checks them.
 *
 * Returns: %TRUE if @run can continue on @session
 */
gboolean
freight_resumer_run_is_on (const FreightJournalRun *run,
                           FreightOrgSession       *session)
{
  g_autofree char *current_url = NULL;
  g_autofree char *current_id = NULL;
  const char *recorded_url;
  const char *recorded_id;

  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (FREIGHT_IS_ORG_SESSION (session), FALSE);

  if (run->spec == NULL)
    return FALSE;
  recorded_url = json_object_get_string_member_with_default (run->spec, "instance_url", NULL);
  recorded_id = json_object_get_string_member_with_default (run->spec, "org_id", NULL);
  current_id = freight_org_session_dup_org_id (session);
  if ((g_strcmp0 (run->kind, FREIGHT_LOAD_RUN_KIND) == 0 ||
       g_strcmp0 (run->kind, FREIGHT_RESUBMIT_RUN_KIND) == 0) && recorded_id != NULL &&
      current_id != NULL && *recorded_id != '\0')
    return g_str_equal (recorded_id, current_id);

  current_url = freight_org_session_dup_instance_url (session);
  return recorded_url != NULL && g_strcmp0 (recorded_url, current_url) == 0;
}

/* Whether @run is the load of an unfinished resubmit in @runs: it writes into the
 * resubmit's folder, and only the resubmit continues it (and then folds). */
static gboolean
run_of_resubmit (GPtrArray               *runs,
                 const FreightJournalRun *run)
{
  if (!g_str_equal (run->kind, FREIGHT_LOAD_RUN_KIND) || run->output_path == NULL)
    return FALSE;
  for (guint i = 0; i < runs->len; i++)
    {
      const FreightJournalRun *other = g_ptr_array_index (runs, i);
      const char *folder;
      g_autofree char *prefix = NULL;

      if (!g_str_equal (other->kind, FREIGHT_RESUBMIT_RUN_KIND) || other->spec == NULL)
        continue;
      folder = json_object_get_string_member_with_default (other->spec, "folder", NULL);
      if (folder == NULL)
        continue;
      prefix = g_strconcat (folder, G_DIR_SEPARATOR_S, NULL);
      if (g_str_has_prefix (run->output_path, prefix) || g_str_equal (run->output_path, folder))
        return TRUE;
    }
  return FALSE;
}

static void
list_runs_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  FreightResumer *self = FREIGHT_RESUMER (source);
  Pass *pass = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  runs = g_task_propagate_pointer (G_TASK (result), &error);
  if (runs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not look for interrupted runs: %s", error->message);
      return;
    }

  /* Oldest first, as freight-cli resume goes. */
  for (guint i = 0; i < runs->len; i++)
    {
      const FreightJournalRun *run = g_ptr_array_index (runs, i);

      if (!g_str_equal (run->kind, FREIGHT_LOAD_RUN_KIND) &&
          !g_str_equal (run->kind, FREIGHT_EXPORT_RUN_KIND) &&
          !g_str_equal (run->kind, FREIGHT_RESUBMIT_RUN_KIND))
        continue;
      if (run_of_resubmit (runs, run))
        continue;
      /* Not twice in a process, not where it did not run, not beside itself. */
      if (g_hash_table_contains (self->tried, &run->id) ||
          !freight_resumer_run_is_on (run, pass->session) || run_busy_here (run->id))
        continue;
      freight_resumer_start (self, pass->session, pass->journal, run);
    }
}

static void
journal_open_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Pass *pass = g_task_get_task_data (task);
  GError *error = NULL;

  pass->journal = _freight_journal_open_finish (result, &error);
  if (pass->journal == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, list_runs_thread);
}

/**
 * freight_resumer_resume_for_session:
 * @session: an org just connected
 *
 * Looks in the journal for loads and exports that stopped before their end on @session's
 * org, and continues each one not tried yet in this process.
 */
void
freight_resumer_resume_for_session (FreightResumer    *self,
                                    FreightOrgSession *session)
{
  GTask *task;
  Pass *pass;

  g_return_if_fail (FREIGHT_IS_RESUMER (self));
  g_return_if_fail (FREIGHT_IS_ORG_SESSION (session));

  pass = g_new0 (Pass, 1);
  pass->session = g_object_ref (session);
  task = g_task_new (self, self->cancellable, list_runs_done, NULL);
  g_task_set_source_tag (task, freight_resumer_resume_for_session);
  g_task_set_task_data (task, pass, (GDestroyNotify) pass_free);
  _freight_journal_open_async (self->cancellable, journal_open_done, task);
}

/**
 * freight_resumer_is_running:
 *
 * Returns: whether run @run_id is being continued
 */
gboolean
freight_resumer_is_running (FreightResumer *self,
                            gint64          run_id)
{
  g_return_val_if_fail (FREIGHT_IS_RESUMER (self), FALSE);

  return g_hash_table_contains (self->running, &run_id);
}

/**
 * freight_resumer_is_busy:
 *
 * Returns: whether run @run_id runs in this process: continued by the resumer, or the load
 *   of a main window or the export of an export window
 */
gboolean
freight_resumer_is_busy (FreightResumer *self,
                         gint64          run_id)
{
  g_return_val_if_fail (FREIGHT_IS_RESUMER (self), FALSE);

  return g_hash_table_contains (self->running, &run_id) || run_busy_here (run_id);
}

/**
 * freight_resumer_get_progress:
 * @done: (out): rows processed (a load) or written (an export)
 * @total: (out): rows in all, 0 while unknown
 *
 * Returns: whether run @run_id is being continued
 */
gboolean
freight_resumer_get_progress (FreightResumer *self,
                              gint64          run_id,
                              guint64        *done,
                              guint64        *total)
{
  Resumed *resumed;

  g_return_val_if_fail (FREIGHT_IS_RESUMER (self), FALSE);

  *done = *total = 0;
  resumed = g_hash_table_lookup (self->running, &run_id);
  if (resumed == NULL)
    return FALSE;

  if (FREIGHT_IS_LOAD (resumed->operation) || FREIGHT_IS_RESUBMIT (resumed->operation))
    {
      FreightLoad *load = FREIGHT_IS_RESUBMIT (resumed->operation)
                          ? freight_resubmit_get_load (FREIGHT_RESUBMIT (resumed->operation))
                          : FREIGHT_LOAD (resumed->operation);

      if (load == NULL)
        return TRUE;

      /* The rows to send: the source's records but those left out. */
      *done = freight_load_get_rows_processed (load);
      *total = freight_load_get_rows_total (load);
      *total -= MIN (*total, freight_load_get_rows_skipped (load));
    }
  else
    {
      FreightExport *export = FREIGHT_EXPORT (resumed->operation);

      *done = freight_export_get_rows_written (export);
      *total = freight_export_get_rows_total (export);
    }
  return TRUE;
}

/**
 * freight_resumer_get_n_running:
 *
 * Returns: how many runs are being continued
 */
guint
freight_resumer_get_n_running (FreightResumer *self)
{
  g_return_val_if_fail (FREIGHT_IS_RESUMER (self), 0);

  return g_hash_table_size (self->running);
}

/**
 * freight_resumer_get_n_finished:
 *
 * Returns: how many continued runs ended (done or not) in this process
 */
guint
freight_resumer_get_n_finished (FreightResumer *self)
{
  g_return_val_if_fail (FREIGHT_IS_RESUMER (self), 0);

  return self->n_finished;
}
