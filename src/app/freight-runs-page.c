/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-runs-page"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-application.h"
#include "freight-export-window.h"
#include "freight-results-page.h"
#include "freight-runs-page.h"
#include "freight-utils.h"

/* Freight's own past runs, loads and exports, as the journal records them: what ran,
 * how it ended, how many rows, and where its files are. A run that stopped before its end
 * is listed first and continues with Resume. The journal is read off the main thread. */

#define MAX_RUNS 200

/* Continuing an unfinished run, by its kind: an export in its window, a load in the
 * background (FreightResumer, which also continues them at start-up). */
typedef void (*FreightResumeFunc) (FreightRunsPage         *self,
                                   const FreightJournalRun *run);

static void resume_export (FreightRunsPage         *self,
                           const FreightJournalRun *run);
static void resume_load   (FreightRunsPage         *self,
                           const FreightJournalRun *run);

static const struct
{
  const char        *kind;
  FreightResumeFunc  resume;
} resumers[] = {
  { FREIGHT_EXPORT_RUN_KIND, resume_export },
  { FREIGHT_LOAD_RUN_KIND, resume_load },
};

typedef struct
{
  FreightJournalRun *run;
  guint64            rows;
  guint64            failed;       /* a load's rows that failed */
  guint              pages;
  gboolean           has_counts;
  gboolean           output_exists;
} RunEntry;

static void
run_entry_free (RunEntry *entry)
{
  freight_journal_run_free (entry->run);
  g_free (entry);
}

struct _FreightRunsPage
{
  AdwBin               parent_instance;

  FreightOrgSession   *session;
  FreightJournal      *journal;
  GCancellable        *cancellable;
  GPtrArray           *entries;      /* RunEntry, newest first */
  GPtrArray           *rows;         /* the rows in the groups */
  GHashTable          *progress;     /* run id → GtkProgressBar of a run being continued */
  gboolean             loading;
  gboolean             reload_again;

  /* Template widgets */
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  AdwPreferencesGroup *unfinished_group;
  AdwPreferencesGroup *finished_group;
};

G_DEFINE_FINAL_TYPE (FreightRunsPage, freight_runs_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static FreightResumeFunc
find_resumer (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (resumers); i++)
    if (g_strcmp0 (resumers[i].kind, kind) == 0)
      return resumers[i].resume;
  return NULL;
}

static GtkWindow *
freight_runs_page_get_window (FreightRunsPage *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static FreightExportWindow *
find_active_export (FreightRunsPage *self,
                    gint64           run_id)
{
  GtkApplication *app = gtk_window_get_application (freight_runs_page_get_window (self));

  return app != NULL ? freight_export_window_lookup_run (app, run_id) : NULL;
}

static void
resume_export (FreightRunsPage         *self,
               const FreightJournalRun *run)
{
  FreightExportWindow *window = freight_export_window_resume (
    freight_runs_page_get_window (self), self->session, run->id);

  /* The row says “Running” once the export window has it. */
  g_signal_connect_object (window, "notify::running", G_CALLBACK (freight_runs_page_reload),
                           self, G_CONNECT_SWAPPED);
  freight_runs_page_reload (self);
}

static FreightResumer *
get_resumer (void)
{
  GApplication *app = g_application_get_default ();

  return FREIGHT_IS_APPLICATION (app) ? freight_application_get_resumer (
                                          FREIGHT_APPLICATION (app))
                                      : NULL;
}

static void
resume_load (FreightRunsPage         *self,
             const FreightJournalRun *run)
{
  FreightResumer *resumer = get_resumer ();

  if (resumer != NULL && self->session != NULL && self->journal != NULL)
    freight_resumer_resume_run (resumer, self->session, self->journal, run);
}

/* A run being continued: “412 of 800 rows”, and the bar. */
static void
update_progress (FreightRunsPage *self,
                 gint64           run_id)
{
  GtkProgressBar *bar = g_hash_table_lookup (self->progress, &run_id);
  FreightResumer *resumer = get_resumer ();
  guint64 done = 0;
  guint64 total = 0;
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *text = NULL;

  if (bar == NULL || resumer == NULL ||
      !freight_resumer_get_progress (resumer, run_id, &done, &total))
    return;

  done_text = _freight_format_count (done);
  if (total > 0)
    {
      total_text = _freight_format_count (total);
      /* Translators: progress of a run being continued: “412 of 800 rows”. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s row", "%s of %s rows",
                                           total), done_text, total_text);
      gtk_progress_bar_set_fraction (bar, MIN (1.0, (double) done / (double) total));
    }
  else
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows", done),
                              done_text);
      gtk_progress_bar_pulse (bar);
    }
  gtk_progress_bar_set_text (bar, text);
}

static void
on_resumer_progress (FreightRunsPage *self,
                     gint64           run_id)
{
  update_progress (self, run_id);
}

/* Where the run ran, when it is not the org of this window. */
static const char *
other_org (FreightRunsPage         *self,
           const FreightJournalRun *run)
{
  /* (A run that does not say where it ran may continue anywhere, as the core has it.) */
  if (run->spec == NULL || self->session == NULL ||
      (!json_object_has_member (run->spec, "instance_url") &&
       !json_object_has_member (run->spec, "org_id")) ||
      freight_resumer_run_is_on (run, self->session))
    return NULL;
  return run->org;
}

static const char *
spec_string (const FreightJournalRun *run,
             const char              *member)
{
  return run->spec != NULL
         ? json_object_get_string_member_with_default (run->spec, member, NULL)
         : NULL;
}

static char *
run_title (const FreightJournalRun *run)
{
  const char *object = spec_string (run, "object");
  const char *operation = spec_string (run, "operation");

  if (g_strcmp0 (run->kind, FREIGHT_EXPORT_RUN_KIND) == 0)
    {
      if (object != NULL)
        /* Translators: a past run; %s is an object, such as Account. */
        return g_strdup_printf (_("Export of %s"), object);
      return g_strdup (_("Export of a SOQL Query"));
    }

  if (operation != NULL && object != NULL)
    /* Translators: a past load: its operation, then its object: “Insert into Account”. */
    return g_strdup_printf (_("%s into %s"),
                            freight_bulk_operation_get_display_name (
                              freight_bulk_operation_from_string (operation)),
                            object);
  return g_strdup (_("Load"));
}

static char *
run_subtitle (FreightRunsPage *self,
              const RunEntry  *entry)
{
  const FreightJournalRun *run = entry->run;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *source = spec_string (run, "source");
  const char *org = other_org (self, run);
  const char *file = g_strcmp0 (run->kind, FREIGHT_EXPORT_RUN_KIND) == 0 ? run->output_path
                                                                          : source;

  if (file != NULL)
    g_ptr_array_add (parts, g_path_get_basename (file));
  g_ptr_array_add (parts, _freight_format_usec (run->created_at));
  if (entry->has_counts)
    {
      g_autofree char *rows = _freight_format_count (entry->rows);

      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row",
                                                            "%s rows", entry->rows),
                                               rows));
      if (entry->failed > 0)
        {
          g_autofree char *failed = _freight_format_count (entry->failed);

          /* Translators: rows of a past load that failed: “12 failed”. */
          g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s failed",
                                                                "%s failed", entry->failed),
                                                   failed));
        }
    }
  if (org != NULL)
    /* Translators: the org a past run ran on, when it is not the current one. */
    g_ptr_array_add (parts, g_strdup_printf (_("on %s"), org));
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between the parts of a past run's description. */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static void
on_resume_clicked (GtkButton       *button,
                   FreightRunsPage *self)
{
  FreightJournalRun *run = g_object_get_data (G_OBJECT (button), "run");
  FreightResumeFunc resume = find_resumer (run->kind);

  if (resume != NULL)
    resume (self, run);
}

static void
on_show_clicked (GtkButton       *button,
                 FreightRunsPage *self)
{
  FreightJournalRun *run = g_object_get_data (G_OBJECT (button), "run");
  FreightExportWindow *window = find_active_export (self, run->id);

  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));
}

/* A finished load's results in a window of their own: counts, errors, files, and its failed
 * rows to fix and send again when the org is the one it ran on. */
static void
on_results_clicked (GtkButton       *button,
                    FreightRunsPage *self)
{
  FreightJournalRun *run = g_object_get_data (G_OBJECT (button), "run");
  g_autoptr(GFile) run_dir = g_file_new_for_path (run->output_path);
  gboolean same_org = self->session != NULL && freight_resumer_run_is_on (run, self->session);
  FreightResultsPage *page;
  GtkWidget *window;
  GtkWidget *view;
  GtkWidget *header;
  g_autofree char *title = run_title (run);

  page = freight_results_page_new_for_run (run_dir, same_org ? self->session : NULL,
                                           self->journal);
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  view = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  gtk_box_append (GTK_BOX (view), header);
  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
  gtk_box_append (GTK_BOX (view), GTK_WIDGET (page));
  adw_window_set_content (ADW_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
}

static GtkWidget *
create_row (FreightRunsPage *self,
            RunEntry        *entry)
{
  const FreightJournalRun *run = entry->run;
  gboolean finished = freight_journal_run_is_finished (run);
  gboolean is_export = g_strcmp0 (run->kind, FREIGHT_EXPORT_RUN_KIND) == 0;
  FreightExportWindow *active = finished ? NULL : find_active_export (self, run->id);
  FreightResumer *resumer = get_resumer ();
  gboolean resuming = !finished && resumer != NULL &&
                      freight_resumer_is_running (resumer, run->id);
  /* A load the main window runs now. */
  gboolean busy = !finished && !resuming && active == NULL && resumer != NULL &&
                  freight_resumer_is_busy (resumer, run->id);
  g_autofree char *title = run_title (run);
  g_autofree char *subtitle = run_subtitle (self, entry);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  GtkWidget *badge = gtk_label_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  icon = gtk_image_new_from_icon_name (is_export ? "folder-download-symbolic"
                                                 : "document-send-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  is_export ? _("Export") : _("Load"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  if (g_strcmp0 (run->state, FREIGHT_JOURNAL_STATE_DONE) == 0)
    _freight_badge_set_state (badge, "success", _("Done"));
  else if (g_strcmp0 (run->state, FREIGHT_JOURNAL_STATE_FAILED) == 0)
    _freight_badge_set_state (badge, "error", _("Failed"));
  else if (g_strcmp0 (run->state, FREIGHT_JOURNAL_STATE_CANCELLED) == 0)
    _freight_badge_set_state (badge, "neutral", _("Cancelled"));
  else if (resuming)
    _freight_badge_set_state (badge, "accent", _("Continuing"));
  else if (active != NULL || busy)
    _freight_badge_set_state (badge, "accent", _("Running"));
  else
    _freight_badge_set_state (badge, "warning", _("Interrupted"));
  if (run->error_message != NULL)
    gtk_widget_set_tooltip_text (badge, run->error_message);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);

  if (run->output_path != NULL && entry->output_exists)
    {
      GtkWidget *open = gtk_button_new_from_icon_name ("folder-open-symbolic");

      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (open, "flat");
      gtk_widget_set_tooltip_text (open, _("Open Folder"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open),
                                      is_export ? "jobs-window.show-file"
                                                : "jobs-window.open-folder");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (open),
                                              g_variant_new_string (run->output_path));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
    }

  if (finished && !is_export && run->output_path != NULL && entry->output_exists &&
      g_strcmp0 (run->kind, FREIGHT_LOAD_RUN_KIND) == 0)
    {
      GtkWidget *results = gtk_button_new_with_mnemonic (_("Resul_ts"));

      gtk_widget_set_valign (results, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (results, _("Show the counts, the errors and the failed rows"));
      g_object_set_data_full (G_OBJECT (results), "run", freight_journal_run_copy (run),
                              (GDestroyNotify) freight_journal_run_free);
      g_signal_connect_object (results, "clicked", G_CALLBACK (on_results_clicked), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), results);
    }

  if (resuming)
    {
      GtkWidget *bar = gtk_progress_bar_new ();

      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
      gtk_widget_set_size_request (bar, 160, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Progress"), -1);
      g_hash_table_insert (self->progress, g_memdup2 (&run->id, sizeof run->id), bar);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
    }
  else if (active != NULL)
    {
      GtkWidget *show = gtk_button_new_with_mnemonic (_("_Show"));

      gtk_widget_set_valign (show, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (show), "run", freight_journal_run_copy (run),
                              (GDestroyNotify) freight_journal_run_free);
      g_signal_connect_object (show, "clicked", G_CALLBACK (on_show_clicked), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), show);
    }
  else if (!finished && !busy && find_resumer (run->kind) != NULL)
    {
      GtkWidget *resume = gtk_button_new_with_mnemonic (_("_Resume"));
      const char *org = other_org (self, run);

      gtk_widget_set_valign (resume, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (resume, "suggested-action");
      g_object_set_data_full (G_OBJECT (resume), "run", freight_journal_run_copy (run),
                              (GDestroyNotify) freight_journal_run_free);
      g_signal_connect_object (resume, "clicked", G_CALLBACK (on_resume_clicked), self, 0);
      if (org != NULL)
        {
          g_autofree char *tooltip = g_strdup_printf (_("This run continues only on %s, "
                                                        "where it started"), org);

          gtk_widget_set_sensitive (resume, FALSE);
          gtk_widget_set_tooltip_text (resume, tooltip);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), resume);
    }

  return row;
}

static void
freight_runs_page_show_entries (FreightRunsPage *self)
{
  guint n_unfinished = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->progress);

  for (guint i = 0; i < self->entries->len; i++)
    {
      RunEntry *entry = g_ptr_array_index (self->entries, i);
      GtkWidget *row = create_row (self, entry);
      gboolean finished = freight_journal_run_is_finished (entry->run);

      adw_preferences_group_add (finished ? self->finished_group : self->unfinished_group, row);
      g_ptr_array_add (self->rows, row);
      n_unfinished += finished ? 0 : 1;
      update_progress (self, entry->run->id);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->unfinished_group), n_unfinished > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->finished_group),
                          n_unfinished < self->entries->len);
  gtk_stack_set_visible_child_name (self->stack, self->entries->len > 0 ? "list" : "empty");
}

/* Reading the journal ------------------------------------------------------------------ */

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const FreightJournalRun *x = *(FreightJournalRun **) a;
  const FreightJournalRun *y = *(FreightJournalRun **) b;

  return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static void
read_runs_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  FreightJournal *journal = task_data;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) run_entry_free);
  GError *error = NULL;

  runs = freight_journal_list_runs (journal, NULL, FALSE, &error);
  if (runs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_sort (runs, compare_newest_first);

  for (guint i = 0; i < runs->len && i < MAX_RUNS; i++)
    {
      FreightJournalRun *run = g_ptr_array_index (runs, i);
      RunEntry *entry = g_new0 (RunEntry, 1);

      entry->run = freight_journal_run_copy (run);
      entry->output_exists = run->output_path != NULL &&
                             g_file_test (run->output_path, G_FILE_TEST_EXISTS);

      /* An export's rows are in the last step of its query job. */
      if (g_strcmp0 (run->kind, FREIGHT_EXPORT_RUN_KIND) == 0)
        {
          g_autoptr(GPtrArray) steps = freight_journal_list_steps (journal, run->id,
                                                                   "query-job", NULL);

          if (steps != NULL && steps->len > 0)
            {
              FreightJournalStep *step = g_ptr_array_index (steps, steps->len - 1);

              entry->rows = (guint64) json_object_get_int_member_with_default (step->data,
                                                                               "rows", 0);
              entry->pages = (guint) json_object_get_int_member_with_default (step->data,
                                                                              "pages", 0);
              entry->has_counts = TRUE;
            }
        }
      /* A load's counts are in the summary.json of its folder, once it ended. */
      else if (g_strcmp0 (run->kind, FREIGHT_LOAD_RUN_KIND) == 0 && entry->output_exists)
        {
          g_autofree char *path = g_build_filename (run->output_path, "summary.json", NULL);
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonNode *root;

          if (json_parser_load_from_file (parser, path, NULL) &&
              (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
              json_object_has_member (json_node_get_object (root), "counts"))
            {
              JsonObject *counts = json_object_get_object_member (json_node_get_object (root),
                                                                  "counts");

              if (counts != NULL)
                {
                  entry->rows = (guint64) json_object_get_int_member_with_default (counts,
                                                                                   "rows", 0);
                  entry->failed = (guint64) json_object_get_int_member_with_default (
                    counts, "failed", 0);
                  entry->has_counts = TRUE;
                }
            }
        }
      g_ptr_array_add (entries, entry);
    }

  g_task_return_pointer (task, g_steal_pointer (&entries), (GDestroyNotify) g_ptr_array_unref);
}

static void
freight_runs_page_set_loading (FreightRunsPage *self,
                               gboolean         loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
read_runs_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FreightRunsPage) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  freight_runs_page_set_loading (self, FALSE);
  if (entries == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_ptr_array_unref (self->entries);
  self->entries = g_steal_pointer (&entries);
  freight_runs_page_show_entries (self);

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      freight_runs_page_reload (self);
    }
}

static void
freight_runs_page_read (FreightRunsPage *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, read_runs_done,
                                      g_object_ref (self));

  g_task_set_source_tag (task, freight_runs_page_read);
  g_task_set_task_data (task, g_object_ref (self->journal), g_object_unref);
  g_task_run_in_thread (task, read_runs_thread);
}

static void
journal_open_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FreightRunsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->journal = _freight_journal_open_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->journal == NULL)
    {
      freight_runs_page_set_loading (self, FALSE);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  freight_runs_page_read (self);
}

/**
 * freight_runs_page_reload:
 *
 * Reads the runs from the journal again.
 */
void
freight_runs_page_reload (FreightRunsPage *self)
{
  g_return_if_fail (FREIGHT_IS_RUNS_PAGE (self));

  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }

  freight_runs_page_set_loading (self, TRUE);
  if (self->entries->len == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  if (self->journal == NULL)
    _freight_journal_open_async (self->cancellable, journal_open_done, g_object_ref (self));
  else
    freight_runs_page_read (self);
}

/* The object --------------------------------------------------------------------------- */

void
freight_runs_page_set_session (FreightRunsPage   *self,
                               FreightOrgSession *session)
{
  g_return_if_fail (FREIGHT_IS_RUNS_PAGE (self));

  g_set_object (&self->session, session);
}

gboolean
freight_runs_page_get_loading (FreightRunsPage *self)
{
  g_return_val_if_fail (FREIGHT_IS_RUNS_PAGE (self), FALSE);

  return self->loading;
}

/**
 * freight_runs_page_get_n_runs:
 *
 * Returns: how many runs the page lists
 */
guint
freight_runs_page_get_n_runs (FreightRunsPage *self)
{
  g_return_val_if_fail (FREIGHT_IS_RUNS_PAGE (self), 0);

  return self->entries->len;
}

static void
freight_runs_page_dispose (GObject *object)
{
  FreightRunsPage *self = FREIGHT_RUNS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  /* The bin's child is a template child: let go of it once, here, not twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_RUNS_PAGE);

  G_OBJECT_CLASS (freight_runs_page_parent_class)->dispose (object);
}

static void
freight_runs_page_finalize (GObject *object)
{
  FreightRunsPage *self = FREIGHT_RUNS_PAGE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->journal);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->progress, g_hash_table_unref);

  G_OBJECT_CLASS (freight_runs_page_parent_class)->finalize (object);
}

static void
freight_runs_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FreightRunsPage *self = FREIGHT_RUNS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_runs_page_class_init (FreightRunsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = freight_runs_page_dispose;
  object_class->finalize = freight_runs_page_finalize;
  object_class->get_property = freight_runs_page_get_property;

  /**
   * FreightRunsPage:loading:
   *
   * Whether the journal is being read.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-runs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightRunsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FreightRunsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, FreightRunsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, FreightRunsPage, unfinished_group);
  gtk_widget_class_bind_template_child (widget_class, FreightRunsPage, finished_group);
}

static void
freight_runs_page_init (FreightRunsPage *self)
{
  FreightResumer *resumer;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) run_entry_free);
  self->rows = g_ptr_array_new ();
  self->progress = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_spinner_start (self->spinner);

  /* Runs continued at start-up show their progress, and their end. */
  resumer = get_resumer ();
  if (resumer != NULL)
    {
      g_signal_connect_object (resumer, "started", G_CALLBACK (freight_runs_page_reload), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (resumer, "finished", G_CALLBACK (freight_runs_page_reload),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (resumer, "progress", G_CALLBACK (on_resumer_progress), self,
                               G_CONNECT_SWAPPED);
    }
}
