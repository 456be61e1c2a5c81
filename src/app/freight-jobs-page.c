/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-jobs-page"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-job-details-window.h"
#include "freight-jobs-page.h"
#include "freight-jobs-page-private.h"
#include "freight-preferences-window.h"
#include "freight-utils.h"

/* The org's Bulk jobs of any tool (design.md §1.9) over FreightJobs: a table with a text
 * search and state, object and kind filters; details, abort, delete and the result files
 * of the selected job.
 *
 * The listing Salesforce answers has no counters, so the rows a user sees ask for their
 * job's full description (GET), once for a finished job and at every refresh for one that
 * is still running. While any job is unfinished the page refreshes itself, more slowly
 * the longer nothing changes. */

#define REFRESH_MIN_MS 2000
#define REFRESH_MAX_MS 30000
#define MAX_SHOWS_IN_FLIGHT 2

G_DEFINE_FINAL_TYPE (FreightJobsPage, freight_jobs_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void freight_jobs_page_schedule_refresh (FreightJobsPage *self);
static void freight_jobs_page_pump_shows       (FreightJobsPage *self);

/* The view -------------------------------------------------------------------------------- */

static void
freight_jobs_page_add_toast (FreightJobsPage *self,
                             AdwToast        *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
freight_jobs_page_toast_error (FreightJobsPage *self,
                               const char      *what,
                               const GError    *error)
{
  freight_jobs_page_add_toast (self, _freight_toast_new_for_error (what, error));
}

FreightBulkJob *
freight_jobs_page_get_selected (FreightJobsPage *self)
{
  g_return_val_if_fail (FREIGHT_IS_JOBS_PAGE (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

/* The one place that decides which actions are enabled. */
static void
freight_jobs_page_update_actions (FreightJobsPage *self)
{
  FreightBulkJob *job = freight_jobs_page_get_selected (self);
  gboolean busy = job != NULL &&
                  g_hash_table_contains (self->busy, freight_bulk_job_get_id (job));
  gboolean filtered;

  g_assert (FREIGHT_IS_JOBS_PAGE (self));

  filtered = gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0' ||
             gtk_drop_down_get_selected (self->state_dropdown) != 0 ||
             gtk_drop_down_get_selected (self->object_dropdown) != 0 ||
             gtk_drop_down_get_selected (self->kind_dropdown) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.refresh",
                                 self->jobs != NULL && !freight_jobs_get_loading (self->jobs));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.details", job != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.abort",
                                 job != NULL && !busy && _freight_jobs_page_can_abort (job));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.delete",
                                 job != NULL && !busy && _freight_jobs_page_can_delete (job));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.download",
                                 job != NULL && !busy && _freight_jobs_page_can_download (job));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.clear-filters", filtered);
}

static void
freight_jobs_page_update_summary (FreightJobsPage *self)
{
  g_autofree char *text = NULL;
  g_autofree char *unfinished_text = NULL;
  guint n_all;
  guint n_shown;
  guint unfinished;

  g_assert (FREIGHT_IS_JOBS_PAGE (self));

  if (self->jobs == NULL || !self->loaded)
    {
      gtk_label_set_text (self->summary_label, "");
      return;
    }

  n_all = freight_jobs_get_n_all (self->jobs);
  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  unfinished = freight_jobs_count_unfinished (self->jobs);

  if (n_shown == n_all)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u job", "%u jobs", n_all), n_all);
  else
    /* Translators: how many jobs the filters let through, of all the org's jobs. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u job shown",
                                         "%u of %u jobs shown", n_all), n_shown, n_all);

  if (unfinished > 0)
    {
      g_autofree char *jobs_text = g_steal_pointer (&text);

      unfinished_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unfinished",
                                                      "%u unfinished", unfinished),
                                         unfinished);
      /* Translators: “12 jobs · 2 unfinished” */
      text = g_strdup_printf (_("%s · %s"), jobs_text, unfinished_text);
    }

  gtk_label_set_text (self->summary_label, text);
}

/* Which page of the content stack shows: loading, the list, or why there is no list. */
static void
freight_jobs_page_update_view (FreightJobsPage *self)
{
  const char *page;

  g_assert (FREIGHT_IS_JOBS_PAGE (self));

  if (!self->loaded)
    page = self->load_error != NULL ? "error" : "loading";
  else if (freight_jobs_get_n_all (self->jobs) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    page = "no-match";
  else
    page = "list";

  if (self->load_error != NULL)
    adw_status_page_set_description (self->error_page, self->load_error->message);

  gtk_stack_set_visible_child_name (self->content_stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->action_bar), g_str_equal (page, "list"));
  freight_jobs_page_update_summary (self);
  freight_jobs_page_update_actions (self);
}

/* Filters ---------------------------------------------------------------------------------- */

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
text_filter_func (gpointer item,
                  gpointer user_data)
{
  FreightJobsPage *self = user_data;
  FreightBulkJob *job = item;
  const char *needle = self->search_folded;

  if (needle == NULL || needle[0] == '\0')
    return TRUE;

  return contains_casefold (freight_bulk_job_get_id (job), needle) ||
         contains_casefold (freight_bulk_job_get_object (job), needle) ||
         contains_casefold (freight_bulk_job_get_created_by_id (job), needle) ||
         contains_casefold (freight_bulk_operation_get_display_name (
                              freight_bulk_job_get_operation (job)), needle) ||
         contains_casefold (freight_bulk_job_state_get_display_name (
                              freight_bulk_job_get_state (job)), needle);
}

static void
on_search_changed (FreightJobsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_free (self->search_folded);
  self->search_folded = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->text_filter), GTK_FILTER_CHANGE_DIFFERENT);
  freight_jobs_page_update_view (self);
}

static void
on_state_selected (FreightJobsPage *self)
{
  /* The dropdown lists the states in the enum's order, after “All States”. */
  guint selected = gtk_drop_down_get_selected (self->state_dropdown);

  if (self->jobs == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  freight_jobs_set_state_filter (self->jobs, (FreightBulkJobState) selected);
  freight_jobs_page_update_view (self);
}

static void
on_kind_selected (FreightJobsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  if (self->jobs == NULL)
    return;
  freight_jobs_set_show_ingest (self->jobs, selected != 2);
  freight_jobs_set_show_query (self->jobs, selected != 1);
  freight_jobs_page_update_view (self);
}

static void
on_object_selected (FreightJobsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->object_dropdown);

  if (self->jobs == NULL || self->updating_objects)
    return;
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    freight_jobs_set_object_filter (self->jobs, NULL);
  else
    freight_jobs_set_object_filter (self->jobs,
                                    gtk_string_list_get_string (self->object_list, selected));
  freight_jobs_page_update_view (self);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* The object filter offers every object a job was seen on, even one the other filters
 * hide now. */
static void
freight_jobs_page_note_objects (FreightJobsPage *self,
                                guint            position,
                                guint            added)
{
  g_autoptr(GPtrArray) names = NULL;
  const char *current = freight_jobs_get_object_filter (self->jobs);
  GHashTableIter iter;
  gpointer key;
  gboolean changed = FALSE;
  guint selected = 0;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(FreightBulkJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs), i);
      const char *object = freight_bulk_job_get_object (job);

      if (object != NULL && object[0] != '\0' &&
          !g_hash_table_contains (self->objects_seen, object))
        {
          g_hash_table_add (self->objects_seen, g_strdup (object));
          changed = TRUE;
        }
    }
  if (!changed)
    return;

  names = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->objects_seen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_insert (names, 0, (gpointer) _("All Objects"));
  g_ptr_array_add (names, NULL);

  for (guint i = 1; current != NULL && i < names->len - 1; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (names, i), current) == 0)
      selected = i;

  self->updating_objects = TRUE;
  gtk_string_list_splice (self->object_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->object_list)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->object_dropdown, selected);
  self->updating_objects = FALSE;
}

static void
on_jobs_items_changed (FreightJobsPage *self,
                       guint            position,
                       guint            removed,
                       guint            added)
{
  freight_jobs_page_note_objects (self, position, added);
  freight_jobs_page_update_view (self);
}

static void
freight_jobs_page_clear_filters_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  FreightJobsPage *self = FREIGHT_JOBS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->state_dropdown, 0);
  gtk_drop_down_set_selected (self->object_dropdown, 0);
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  on_search_changed (self);
}

static void
freight_jobs_page_focus_search_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  FreightJobsPage *self = FREIGHT_JOBS_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Counters: each job's full description --------------------------------------------------- */

static gboolean
has_counters (FreightBulkJob *job)
{
  JsonObject *json = freight_bulk_job_get_json (job);

  return json != NULL && json_object_has_member (json, "numberRecordsProcessed");
}

/* Asks for @job's full description, unless it is asked for already, or (not @fresh) the
 * job is finished and its counters are known. */
void
_freight_jobs_page_want_counters (FreightJobsPage *self,
                                  FreightBulkJob  *job,
                                  gboolean         fresh)
{
  const char *id = freight_bulk_job_get_id (job);

  if (g_hash_table_contains (self->shows_wanted, id))
    return;
  if (!fresh && freight_bulk_job_is_terminal (job) &&
      (g_hash_table_contains (self->shown, id) || has_counters (job)))
    return;

  g_hash_table_add (self->shows_wanted, g_strdup (id));
  g_queue_push_tail (&self->show_queue, g_strdup (id));
  freight_jobs_page_pump_shows (self);
}

typedef struct
{
  FreightJobsPage *page;
  char            *job_id;
} ShowOp;

static void
show_op_free (ShowOp *op)
{
  g_object_unref (op->page);
  g_free (op->job_id);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShowOp, show_op_free)

static void
show_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ShowOp) op = user_data;
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(GError) error = NULL;
  FreightJobsPage *self = op->page;

  job = freight_jobs_show_finish (FREIGHT_JOBS (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->shows_in_flight--;
  g_hash_table_remove (self->shows_wanted, op->job_id);
  if (job != NULL)
    {
      FreightBulkJob *listed = freight_jobs_lookup (FREIGHT_JOBS (source), op->job_id);

      g_hash_table_add (self->shown, g_strdup (op->job_id));
      /* Counters known now, even when their values did not change (a running job's 0
       * processed): the rows show them instead of “—”. */
      if (listed != NULL)
        g_object_notify (G_OBJECT (listed), "number-records-processed");
    }
  else
    /* The next refresh lists the job again, or not; a row without counters says less
     * but nothing wrong. */
    g_debug ("Could not describe job %s: %s", op->job_id, error->message);

  freight_jobs_page_pump_shows (self);
  freight_jobs_page_update_actions (self);
}

static void
freight_jobs_page_pump_shows (FreightJobsPage *self)
{
  while (self->shows_in_flight < MAX_SHOWS_IN_FLIGHT && !g_queue_is_empty (&self->show_queue))
    {
      g_autofree char *id = g_queue_pop_head (&self->show_queue);
      ShowOp *op;

      if (freight_jobs_lookup (self->jobs, id) == NULL)
        {
          g_hash_table_remove (self->shows_wanted, id);
          continue;
        }

      op = g_new0 (ShowOp, 1);
      op->page = g_object_ref (self);
      op->job_id = g_steal_pointer (&id);
      self->shows_in_flight++;
      freight_jobs_show_async (self->jobs, op->job_id, self->cancellable, show_done, op);
    }
}

/* Refreshing -------------------------------------------------------------------------------- */

/* What a refresh compares to see whether anything moves: the unfinished jobs' states and
 * counters. */
static char *
freight_jobs_page_signature (FreightJobsPage *self)
{
  GString *signature = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->jobs));

  g_string_append_printf (signature, "%u;", freight_jobs_get_n_all (self->jobs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightBulkJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs), i);

      if (!freight_bulk_job_is_terminal (job))
        g_string_append_printf (signature, "%s:%d:%" G_GINT64_FORMAT ";",
                                freight_bulk_job_get_id (job), freight_bulk_job_get_state (job),
                                freight_bulk_job_get_number_records_processed (job));
    }
  return g_string_free (signature, FALSE);
}

static void
refresh_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FreightJobsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;
  guint n;

  if (!freight_jobs_refresh_finish (FREIGHT_JOBS (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          FREIGHT_JOBS (source) != self->jobs)
        return;

      /* Said once, not at every automatic refresh while the org is unreachable. */
      if (self->loaded && self->load_error == NULL)
        freight_jobs_page_toast_error (self, _("Could not refresh the jobs"), error);
      g_clear_error (&self->load_error);
      self->load_error = g_steal_pointer (&error);
      self->refresh_interval_ms = MIN (self->refresh_interval_ms * 2, REFRESH_MAX_MS);
      freight_jobs_page_update_view (self);
      freight_jobs_page_schedule_refresh (self);
      return;
    }

  self->loaded = TRUE;
  g_clear_error (&self->load_error);

  /* Jobs still running get their counters again; the rest as their rows show. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->jobs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FreightBulkJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs), i);

      if (!freight_bulk_job_is_terminal (job))
        _freight_jobs_page_want_counters (self, job, TRUE);
    }

  signature = freight_jobs_page_signature (self);
  if (g_strcmp0 (signature, self->signature) != 0)
    self->refresh_interval_ms = REFRESH_MIN_MS;
  else
    self->refresh_interval_ms = MIN (self->refresh_interval_ms * 2, REFRESH_MAX_MS);
  g_free (self->signature);
  self->signature = g_steal_pointer (&signature);

  freight_jobs_page_update_view (self);
  freight_jobs_page_schedule_refresh (self);
}

/**
 * freight_jobs_page_refresh:
 *
 * Lists the org's jobs again, unless a listing is under way.
 */
void
freight_jobs_page_refresh (FreightJobsPage *self)
{
  g_return_if_fail (FREIGHT_IS_JOBS_PAGE (self));

  if (self->jobs == NULL || freight_jobs_get_loading (self->jobs))
    return;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  freight_jobs_refresh_async (self->jobs, self->cancellable, refresh_done, g_object_ref (self));
}

static gboolean
auto_refresh_cb (gpointer user_data)
{
  FreightJobsPage *self = user_data;

  self->refresh_source = 0;
  freight_jobs_page_refresh (self);
  return G_SOURCE_REMOVE;
}

/* While the org works on a job (or cannot be reached), look again later, never while
 * the page is not on screen. */
static void
freight_jobs_page_schedule_refresh (FreightJobsPage *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (self->load_error == NULL && freight_jobs_count_unfinished (self->jobs) == 0)
    return;

  self->refresh_source = g_timeout_add (self->refresh_interval_ms, auto_refresh_cb, self);
  g_source_set_name_by_id (self->refresh_source, "[freight] jobs auto-refresh");
}

/* Something the user did changed a job: look again soon. */
static void
freight_jobs_page_refresh_soon (FreightJobsPage *self)
{
  self->refresh_interval_ms = REFRESH_MIN_MS;
  g_clear_pointer (&self->signature, g_free);
  freight_jobs_page_schedule_refresh (self);
}

static void
on_loading_changed (FreightJobsPage *self)
{
  freight_jobs_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
freight_jobs_page_refresh_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  FreightJobsPage *self = FREIGHT_JOBS_PAGE (widget);

  self->refresh_interval_ms = REFRESH_MIN_MS;
  freight_jobs_page_refresh (self);
}

static void
freight_jobs_page_map (GtkWidget *widget)
{
  FreightJobsPage *self = FREIGHT_JOBS_PAGE (widget);

  GTK_WIDGET_CLASS (freight_jobs_page_parent_class)->map (widget);

  if (!self->loaded || self->load_error != NULL || self->refresh_source == 0)
    {
      self->refresh_interval_ms = REFRESH_MIN_MS;
      freight_jobs_page_refresh (self);
    }
}

static void
freight_jobs_page_unmap (GtkWidget *widget)
{
  FreightJobsPage *self = FREIGHT_JOBS_PAGE (widget);

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  GTK_WIDGET_CLASS (freight_jobs_page_parent_class)->unmap (widget);
}

/* What can be done with a job -------------------------------------------------------------- */

gboolean
_freight_jobs_page_can_abort (FreightBulkJob *job)
{
  return !freight_bulk_job_is_terminal (job);
}

gboolean
_freight_jobs_page_can_delete (FreightBulkJob *job)
{
  return freight_bulk_job_is_terminal (job);
}

gboolean
_freight_jobs_page_can_download (FreightBulkJob *job)
{
  FreightBulkJobState state = freight_bulk_job_get_state (job);

  /* A query job has results only once complete; an ingest job has them (perhaps all
   * unprocessed) in any final state. */
  if (freight_bulk_job_get_kind (job) == FREIGHT_BULK_JOB_KIND_QUERY)
    return state == FREIGHT_BULK_JOB_STATE_JOB_COMPLETE;
  return freight_bulk_job_is_terminal (job);
}

typedef struct
{
  FreightJobsPage *page;
  char            *job_id;
  char            *folder;
} JobOp;

static JobOp *
job_op_new (FreightJobsPage *page,
            FreightBulkJob  *job,
            const char      *folder)
{
  JobOp *op = g_new0 (JobOp, 1);

  op->page = g_object_ref (page);
  op->job_id = g_strdup (freight_bulk_job_get_id (job));
  op->folder = g_strdup (folder);
  g_hash_table_add (page->busy, g_strdup (op->job_id));
  freight_jobs_page_update_actions (page);
  return op;
}

static void
job_op_free (JobOp *op)
{
  g_hash_table_remove (op->page->busy, op->job_id);
  freight_jobs_page_update_actions (op->page);
  g_object_unref (op->page);
  g_free (op->job_id);
  g_free (op->folder);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JobOp, job_op_free)

static void
abort_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(JobOp) op = user_data;
  g_autoptr(FreightBulkJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  job = freight_jobs_abort_finish (FREIGHT_JOBS (source), result, &error);
  if (job == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        freight_jobs_page_toast_error (op->page, _("Could not abort the job"), error);
      return;
    }

  /* Translators: a toast; %s is a job id. */
  title = g_strdup_printf (_("Job %s aborted"), op->job_id);
  freight_jobs_page_add_toast (op->page, adw_toast_new (title));
  freight_jobs_page_update_summary (op->page);
  freight_jobs_page_refresh_soon (op->page);
}

static void
on_abort_response (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  g_autoptr(JobOp) op = user_data;
  FreightJobsPage *page;
  const char *job_id;

  if (!g_str_equal (response, "abort") || op->page->jobs == NULL)
    return;

  page = op->page;
  job_id = op->job_id;
  freight_jobs_abort_async (page->jobs, job_id, page->cancellable, abort_done,
                            g_steal_pointer (&op));
}

/* Asks, before a job operation that cannot be undone, with the destructive choice
 * @response; @on_response gets a JobOp of @job. */
static void
ask_before (FreightJobsPage *self,
            FreightBulkJob  *job,
            GtkWindow       *parent,
            const char      *heading,
            const char      *body,
            const char      *keep_label,
            const char      *response,
            const char      *response_label,
            GCallback        on_response)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", keep_label,
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", on_response, job_op_new (self, job, NULL));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _freight_jobs_page_abort:
 * @parent: the window that asks, for the confirmation
 *
 * Asks whether to abort @job, and does.
 */
void
_freight_jobs_page_abort (FreightJobsPage *self,
                          FreightBulkJob  *job,
                          GtkWindow       *parent)
{
  g_autofree char *heading = NULL;

  g_return_if_fail (FREIGHT_IS_JOBS_PAGE (self));
  g_return_if_fail (FREIGHT_IS_BULK_JOB (job));

  if (!_freight_jobs_page_can_abort (job))
    return;

  /* Translators: %s is a job id. */
  heading = g_strdup_printf (_("Abort Job %s?"), freight_bulk_job_get_id (job));
  ask_before (self, job, parent, heading,
              freight_bulk_job_get_kind (job) == FREIGHT_BULK_JOB_KIND_QUERY
              ? _("Salesforce stops running the query. Its results cannot "
                  "be downloaded afterwards.")
              : _("Salesforce stops processing the job. Records it has "
                  "processed already stay as they are; the rest are "
                  "not processed."),
              _("_Keep Running"), "abort", _("_Abort Job"), G_CALLBACK (on_abort_response));
}

static void
close_details_of (const char *job_id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (FREIGHT_IS_JOB_DETAILS_WINDOW (window) &&
          g_strcmp0 (freight_bulk_job_get_id (
                       freight_job_details_window_get_job (FREIGHT_JOB_DETAILS_WINDOW (window))),
                     job_id) == 0)
        gtk_window_close (window);
    }
}

static void
delete_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(JobOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!freight_jobs_delete_finish (FREIGHT_JOBS (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        freight_jobs_page_toast_error (op->page, _("Could not delete the job"), error);
      return;
    }

  close_details_of (op->job_id);
  /* Translators: a toast; %s is a job id. */
  title = g_strdup_printf (_("Job %s deleted"), op->job_id);
  freight_jobs_page_add_toast (op->page, adw_toast_new (title));
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  g_autoptr(JobOp) op = user_data;
  FreightJobsPage *page;
  const char *job_id;

  if (!g_str_equal (response, "delete") || op->page->jobs == NULL)
    return;

  page = op->page;
  job_id = op->job_id;
  freight_jobs_delete_async (page->jobs, job_id, page->cancellable, delete_done,
                             g_steal_pointer (&op));
}

/**
 * _freight_jobs_page_delete:
 * @parent: the window that asks, for the confirmation
 *
 * Asks whether to delete @job from the org, and does.
 */
void
_freight_jobs_page_delete (FreightJobsPage *self,
                           FreightBulkJob  *job,
                           GtkWindow       *parent)
{
  g_autofree char *heading = NULL;

  g_return_if_fail (FREIGHT_IS_JOBS_PAGE (self));
  g_return_if_fail (FREIGHT_IS_BULK_JOB (job));

  if (!_freight_jobs_page_can_delete (job))
    return;

  /* Translators: %s is a job id. */
  heading = g_strdup_printf (_("Delete Job %s?"), freight_bulk_job_get_id (job));
  ask_before (self, job, parent, heading,
              _("The job and its result files are deleted from "
                "Salesforce. Records it loaded stay as they are. This "
                "cannot be undone."),
              _("_Cancel"), "delete", _("_Delete Job"), G_CALLBACK (on_delete_response));
}

static void
download_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(JobOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  guint n;

  files = freight_jobs_download_results_finish (FREIGHT_JOBS (source), result, &error);
  if (files == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        freight_jobs_page_toast_error (op->page, _("Could not download the results"), error);
      return;
    }

  n = g_strv_length (files);
  /* Translators: a toast; %u is a number of files, %s a job id. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u result file of job %s",
                                        "Saved %u result files of job %s", n),
                           n, op->job_id);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open Folder"));
  adw_toast_set_action_name (toast, "jobs-window.open-folder");
  adw_toast_set_action_target_value (toast, g_variant_new_string (op->folder));
  adw_toast_set_timeout (toast, 10);
  freight_jobs_page_add_toast (op->page, toast);
}

/**
 * _freight_jobs_page_download_to:
 * @job_id: a job of the page's org
 * @folder: where its result files go
 *
 * Saves the result files of @job_id in @folder, then says so in a toast.
 */
void
_freight_jobs_page_download_to (FreightJobsPage *self,
                                const char      *job_id,
                                const char      *folder)
{
  JobOp *op;

  g_return_if_fail (FREIGHT_IS_JOBS_PAGE (self));
  g_return_if_fail (job_id != NULL && folder != NULL);

  if (self->jobs == NULL)
    return;
  op = g_new0 (JobOp, 1);
  op->page = g_object_ref (self);
  op->job_id = g_strdup (job_id);
  op->folder = g_strdup (folder);
  g_hash_table_add (self->busy, g_strdup (job_id));
  freight_jobs_page_update_actions (self);
  freight_jobs_download_results_async (self->jobs, op->job_id, op->folder, self->cancellable,
                                       download_done, op);
}

static void
on_download_folder_response (GtkNativeDialog *chooser,
                             int              response,
                             gpointer         user_data)
{
  JobOp *op = user_data;
  g_autoptr(FreightJobsPage) page = g_object_ref (op->page);
  g_autofree char *job_id = g_strdup (op->job_id);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  /* (The download has its own hold on the job.) */
  job_op_free (op);
  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (folder == NULL || (path = g_file_get_path (folder)) == NULL)
    return;
  _freight_jobs_page_download_to (page, job_id, path);
}

/**
 * _freight_jobs_page_download:
 * @parent: the window that asks, for the folder chooser
 *
 * Asks for a folder and saves @job's result files in it.
 */
void
_freight_jobs_page_download (FreightJobsPage *self,
                             FreightBulkJob  *job,
                             GtkWindow       *parent)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GFile) current = NULL;
  g_autofree char *folder = NULL;
  GtkFileChooserNative *chooser;

  g_return_if_fail (FREIGHT_IS_JOBS_PAGE (self));
  g_return_if_fail (FREIGHT_IS_BULK_JOB (job));

  if (!_freight_jobs_page_can_download (job))
    return;

  chooser = gtk_file_chooser_native_new (_("Download Results To"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Download"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* Start in the default output folder, or the Documents folder before it exists. */
  settings = g_settings_new (APP_ID);
  folder = _freight_get_output_folder (settings);
  current = g_file_new_for_path (folder);
  if (!g_file_query_exists (current, NULL))
    g_set_object (&current, g_file_get_parent (current));
  if (current != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), current, NULL);

  g_signal_connect (chooser, "response", G_CALLBACK (on_download_folder_response),
                    job_op_new (self, job, NULL));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWindow *
freight_jobs_page_get_window (FreightJobsPage *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static void
freight_jobs_page_abort_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  FreightJobsPage *self = FREIGHT_JOBS_PAGE (widget);
  FreightBulkJob *job = freight_jobs_page_get_selected (self);

  if (job != NULL)
    _freight_jobs_page_abort (self, job, freight_jobs_page_get_window (self));
}

static void
freight_jobs_page_delete_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  FreightJobsPage *self = FREIGHT_JOBS_PAGE (widget);
  FreightBulkJob *job = freight_jobs_page_get_selected (self);

  if (job != NULL)
    _freight_jobs_page_delete (self, job, freight_jobs_page_get_window (self));
}

static void
freight_jobs_page_download_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  FreightJobsPage *self = FREIGHT_JOBS_PAGE (widget);
  FreightBulkJob *job = freight_jobs_page_get_selected (self);

  if (job != NULL)
    _freight_jobs_page_download (self, job, freight_jobs_page_get_window (self));
}

static void
freight_jobs_page_details_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  FreightJobsPage *self = FREIGHT_JOBS_PAGE (widget);
  FreightBulkJob *job = freight_jobs_page_get_selected (self);
  FreightJobDetailsWindow *details;

  if (job == NULL)
    return;

  details = freight_job_details_window_new (self, job);
  gtk_window_set_transient_for (GTK_WINDOW (details), freight_jobs_page_get_window (self));
  gtk_window_present (GTK_WINDOW (details));

  /* The details window shows every field: ask for them as they are now. */
  _freight_jobs_page_want_counters (self, job, TRUE);
}

static void
on_row_activated (FreightJobsPage *self,
                  guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "jobs.details", NULL);
}

/* Selection ------------------------------------------------------------------------------- */

static void
on_selected_job_notify (FreightJobsPage *self)
{
  freight_jobs_page_update_actions (self);
}

static void
on_selection_changed (FreightJobsPage *self)
{
  FreightBulkJob *job = freight_jobs_page_get_selected (self);

  if (self->selected_job != NULL)
    g_signal_handlers_disconnect_by_func (self->selected_job, on_selected_job_notify, self);
  g_set_object (&self->selected_job, job);
  if (job != NULL)
    g_signal_connect_object (job, "notify::state", G_CALLBACK (on_selected_job_notify), self,
                             G_CONNECT_SWAPPED);
  freight_jobs_page_update_actions (self);
}

/* The object ----------------------------------------------------------------------------- */

/**
 * freight_jobs_page_set_session:
 *
 * Shows the jobs of @session's org; once.
 */
void
freight_jobs_page_set_session (FreightJobsPage   *self,
                               FreightOrgSession *session)
{
  g_return_if_fail (FREIGHT_IS_JOBS_PAGE (self));
  g_return_if_fail (self->jobs == NULL);

  if (session == NULL)
    return;

  self->jobs = freight_jobs_new (session);
  g_signal_connect_object (self->jobs, "items-changed", G_CALLBACK (on_jobs_items_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->jobs, "notify::loading", G_CALLBACK (on_loading_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (self->jobs));
  freight_jobs_page_update_view (self);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    freight_jobs_page_refresh (self);
}

/**
 * freight_jobs_page_get_jobs:
 *
 * Returns: (transfer none) (nullable): the jobs model
 */
FreightJobs *
freight_jobs_page_get_jobs (FreightJobsPage *self)
{
  g_return_val_if_fail (FREIGHT_IS_JOBS_PAGE (self), NULL);

  return self->jobs;
}

static void
freight_jobs_page_dispose (GObject *object)
{
  FreightJobsPage *self = FREIGHT_JOBS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->selected_job != NULL)
    g_signal_handlers_disconnect_by_func (self->selected_job, on_selected_job_notify, self);
  g_clear_object (&self->selected_job);

  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_JOBS_PAGE);

  G_OBJECT_CLASS (freight_jobs_page_parent_class)->dispose (object);
}

static void
freight_jobs_page_finalize (GObject *object)
{
  FreightJobsPage *self = FREIGHT_JOBS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->jobs);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->objects_seen, g_hash_table_unref);
  g_clear_pointer (&self->busy, g_hash_table_unref);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->shows_wanted, g_hash_table_unref);
  g_queue_clear_full (&self->show_queue, g_free);
  g_clear_pointer (&self->signature, g_free);
  g_clear_pointer (&self->search_folded, g_free);
  g_clear_error (&self->load_error);

  G_OBJECT_CLASS (freight_jobs_page_parent_class)->finalize (object);
}

static void
freight_jobs_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FreightJobsPage *self = FREIGHT_JOBS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->jobs != NULL && freight_jobs_get_loading (self->jobs));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
freight_jobs_page_class_init (FreightJobsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = freight_jobs_page_dispose;
  object_class->finalize = freight_jobs_page_finalize;
  object_class->get_property = freight_jobs_page_get_property;

  widget_class->map = freight_jobs_page_map;
  widget_class->unmap = freight_jobs_page_unmap;

  /**
   * FreightJobsPage:loading:
   *
   * Whether the org's jobs are being listed.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-jobs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightJobsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsPage, object_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsPage, object_list);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsPage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, FreightJobsPage, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_state_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_object_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "jobs.refresh", NULL,
                                   freight_jobs_page_refresh_action);
  gtk_widget_class_install_action (widget_class, "jobs.details", NULL,
                                   freight_jobs_page_details_action);
  gtk_widget_class_install_action (widget_class, "jobs.abort", NULL,
                                   freight_jobs_page_abort_action);
  gtk_widget_class_install_action (widget_class, "jobs.delete", NULL,
                                   freight_jobs_page_delete_action);
  gtk_widget_class_install_action (widget_class, "jobs.download", NULL,
                                   freight_jobs_page_download_action);
  gtk_widget_class_install_action (widget_class, "jobs.clear-filters", NULL,
                                   freight_jobs_page_clear_filters_action);
  gtk_widget_class_install_action (widget_class, "jobs.focus-search", NULL,
                                   freight_jobs_page_focus_search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "jobs.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "jobs.delete", NULL);
}

static void
freight_jobs_page_init (FreightJobsPage *self)
{
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->objects_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->busy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->shows_wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->refresh_interval_ms = REFRESH_MIN_MS;

  self->text_filter = gtk_custom_filter_new (text_filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->text_filter));
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (freight_jobs_page_update_view), self,
                           G_CONNECT_SWAPPED);

  _freight_jobs_page_add_columns (self);

  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  freight_jobs_page_update_view (self);
}
