/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-review-page"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-app-util.h"
#include "freight-review-page.h"

/* Review: what the load will do (org, object, operation, file, rows, how many Bulk API
 * jobs), the pre-flight check running over every row with its problems by row (activate
 * one to see the row), the choice to leave the problem rows out, the org's daily
 * allocation, and Start. Deletes ask first, stating how many records go. */

#define MB (1024 * 1024)

/* Bulk API 2.0 counts a batch per 10,000 records of an ingest job. */
#define RECORDS_PER_BATCH 10000

struct _FreightReviewPage
{
  FreightWizardPage       parent_instance;

  /* Template widgets */
  AdwActionRow           *org_row;
  GtkLabel               *org_value;
  AdwActionRow           *operation_row;
  GtkLabel               *operation_value;
  AdwActionRow           *object_row;
  GtkLabel               *object_value;
  AdwActionRow           *file_row;
  GtkLabel               *file_value;
  AdwActionRow           *rows_row;
  GtkLabel               *rows_value;
  AdwActionRow           *jobs_row;
  GtkLabel               *jobs_value;
  AdwActionRow           *check_row;
  GtkStack               *check_icon_stack;
  GtkSpinner             *check_spinner;
  GtkListBoxRow          *progress_row;
  GtkProgressBar         *progress_bar;
  AdwActionRow           *exclude_row;
  GtkCheckButton         *exclude_check;
  AdwActionRow           *include_row;
  GtkListBox             *problems_list;
  AdwActionRow           *batches_row;
  GtkLabel               *batches_value;
  AdwActionRow           *requests_row;
  GtkLabel               *requests_value;
  GtkButton              *start_button;

  GSettings              *settings;
  FreightPreflight       *preflight;
  FreightPreflightResult *result;

  GCancellable           *limits_cancellable;
  JsonObject             *limits;
  char                   *limits_error;
  guint                   limits_loading : 1;
  guint                   syncing : 1;
};

G_DEFINE_FINAL_TYPE (FreightReviewPage, freight_review_page, FREIGHT_TYPE_WIZARD_PAGE)

static FreightWizard *
get_wizard (FreightReviewPage *self)
{
  return freight_wizard_page_get_wizard (FREIGHT_WIZARD_PAGE (self));
}

static gboolean
is_delete (FreightReviewPage *self)
{
  return freight_operation_is_delete (freight_wizard_get_operation (get_wizard (self)));
}

/* The one place that decides which of the page's actions are enabled. */
static void
update_actions (FreightReviewPage *self)
{
  FreightWizard *wizard = get_wizard (self);
  gboolean can_check = FALSE;
  gboolean can_start = FALSE;

  if (wizard != NULL)
    {
      can_check = freight_wizard_get_columns (wizard) != NULL &&
                  freight_mapping_is_ready (freight_wizard_get_mapping (wizard));
      can_start = freight_wizard_get_ready (wizard) &&
                  freight_wizard_get_preflight (wizard) == NULL &&
                  freight_wizard_get_n_rows_to_load (wizard) > 0;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.check", can_check);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.start", can_start);
}

static void
set_value (AdwActionRow *row,
           GtkLabel     *value,
           const char   *text,
           const char   *subtitle)
{
  gtk_label_set_text (value, text != NULL ? text : "");
  adw_action_row_set_subtitle (row, subtitle != NULL ? subtitle : "");
}

/* What will happen */

static guint64
estimate_jobs (FreightReviewPage *self,
               guint64            rows)
{
  FreightWizard *wizard = get_wizard (self);
  guint64 part_bytes = (guint64) g_settings_get_int (self->settings, "part-size-mb") * MB;
  guint64 part_rows = (guint64) g_settings_get_int (self->settings, "rows-per-part");
  guint64 by_size = (freight_wizard_get_file_size (wizard) + part_bytes - 1) / part_bytes;
  guint64 by_rows = part_rows > 0 ? (rows + part_rows - 1) / part_rows : 1;

  return MAX (1, MAX (by_size, by_rows));
}

static void
sync_summary (FreightReviewPage *self)
{
  FreightWizard *wizard = get_wizard (self);
  FreightDescribeObject *object;
  FreightOperation operation;
  GFile *file;
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;
  guint64 rows;
  guint64 to_load;
  guint64 jobs;

  if (wizard == NULL)
    return;

  set_value (self->org_row, self->org_value, freight_wizard_get_org_name (wizard),
             freight_wizard_get_user_name (wizard));

  operation = freight_wizard_get_operation (wizard);
  if (operation == FREIGHT_OPERATION_UPSERT && freight_wizard_get_external_id_field (wizard))
    /* Translators: the field an upsert matches records by. */
    subtitle = g_strdup_printf (_("Records are matched by %s"),
                                freight_wizard_get_external_id_field (wizard));
  else if (operation == FREIGHT_OPERATION_HARD_DELETE)
    subtitle = g_strdup (_("The records skip the recycle bin"));
  set_value (self->operation_row, self->operation_value, _freight_operation_get_label (operation),
             subtitle);
  g_clear_pointer (&subtitle, g_free);

  object = freight_wizard_get_object (wizard);
  set_value (self->object_row, self->object_value,
             object != NULL ? freight_describe_object_get_label (object) : NULL,
             object != NULL ? freight_describe_object_get_name (object) : NULL);

  file = freight_wizard_get_file (wizard);
  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *path = _freight_dup_display_path (file);
      g_autofree char *size = g_format_size (freight_wizard_get_file_size (wizard));

      /* Translators: where the file is, then its size: “~/invoices.csv · 1.2 GB”. */
      subtitle = g_strdup_printf (_("%s · %s"), path, size);
      set_value (self->file_row, self->file_value, name, subtitle);
      g_clear_pointer (&subtitle, g_free);
    }

  rows = freight_wizard_get_n_rows (wizard);
  to_load = freight_wizard_get_n_rows_to_load (wizard);
  text = _freight_format_count (to_load);
  if (!freight_wizard_get_rows_counted (wizard))
    subtitle = g_strdup (_("Still counting"));
  else if (to_load < rows)
    {
      g_autofree char *left_out = _freight_format_count (rows - to_load);

      /* Translators: how many rows pre-flight leaves out of the load. */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s row with problems is left out",
                                               "%s rows with problems are left out",
                                               (gulong) MIN (rows - to_load, G_MAXULONG)),
                                  left_out);
    }
  set_value (self->rows_row, self->rows_value, text, subtitle);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&subtitle, g_free);

  jobs = estimate_jobs (self, to_load);
  text = _freight_format_count (jobs);
  if (g_settings_get_int (self->settings, "rows-per-part") > 0)
    {
      g_autofree char *part_rows = _freight_format_count (g_settings_get_int (self->settings,
                                                                              "rows-per-part"));

      /* Translators: how the load is split into jobs, from the preferences. */
      subtitle = g_strdup_printf (_("Parts of at most %d MB or %s rows, each one job"),
                                  g_settings_get_int (self->settings, "part-size-mb"), part_rows);
    }
  else
    subtitle = g_strdup_printf (_("Parts of at most %d MB, each one job"),
                                g_settings_get_int (self->settings, "part-size-mb"));
  set_value (self->jobs_row, self->jobs_value, text, subtitle);

  gtk_button_set_label (self->start_button,
                        operation == FREIGHT_OPERATION_DELETE ? _("_Delete Records")
                        : operation == FREIGHT_OPERATION_HARD_DELETE ? _("_Hard Delete Records")
                        : _("_Start Load"));
  if (is_delete (self))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->start_button), "destructive-action");
      gtk_widget_remove_css_class (GTK_WIDGET (self->start_button), "suggested-action");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->start_button), "suggested-action");
      gtk_widget_remove_css_class (GTK_WIDGET (self->start_button), "destructive-action");
    }
}

/* The daily allocation */

static void
sync_limit (FreightReviewPage *self,
            AdwActionRow      *row,
            GtkLabel          *value,
            const char        *name,
            guint64            needed)
{
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;
  gint64 max;
  gint64 remaining;

  if (self->limits_loading)
    {
      set_value (row, value, _("Asking the org…"), NULL);
      return;
    }
  if (self->limits == NULL || !freight_limits_lookup (self->limits, name, &max, &remaining))
    {
      set_value (row, value, _("Unknown"), self->limits_error);
      return;
    }

  {
    g_autofree char *left = _freight_format_count (MAX (remaining, 0));
    g_autofree char *all = _freight_format_count (MAX (max, 0));

    /* Translators: what is left of a daily limit: “14,998 of 15,000 left”. */
    text = g_strdup_printf (_("%s of %s left"), left, all);
  }
  if (needed > (guint64) MAX (remaining, 0))
    subtitle = g_strdup (_("Not enough for this load today"));
  set_value (row, value, text, subtitle);
  if (subtitle != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (value), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (value), "warning");
}

static void
sync_limits (FreightReviewPage *self)
{
  FreightWizard *wizard = get_wizard (self);
  guint64 rows = wizard != NULL ? freight_wizard_get_n_rows_to_load (wizard) : 0;

  sync_limit (self, self->batches_row, self->batches_value, "DailyBulkApiBatches",
              (rows + RECORDS_PER_BATCH - 1) / RECORDS_PER_BATCH);
  /* Each job takes a few requests: create, upload, close, polls, results. */
  sync_limit (self, self->requests_row, self->requests_value, "DailyApiRequests",
              estimate_jobs (self, rows) * 8);
}

static void
limits_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FreightReviewPage) self = user_data;
  g_autoptr(JsonObject) limits = NULL;
  g_autoptr(GError) error = NULL;

  limits = freight_org_session_get_limits_finish (FREIGHT_ORG_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->limits_loading = FALSE;
  g_clear_pointer (&self->limits, json_object_unref);
  g_clear_pointer (&self->limits_error, g_free);
  if (limits != NULL)
    self->limits = g_steal_pointer (&limits);
  else
    self->limits_error = g_strdup (error->message);
  sync_limits (self);
}

static void
load_limits (FreightReviewPage *self)
{
  FreightOrgSession *session = freight_wizard_get_session (get_wizard (self));

  if (session == NULL)
    return;

  if (self->limits_cancellable != NULL)
    g_cancellable_cancel (self->limits_cancellable);
  g_clear_object (&self->limits_cancellable);
  self->limits_cancellable = g_cancellable_new ();
  self->limits_loading = TRUE;
  sync_limits (self);
  freight_org_session_get_limits_async (session, self->limits_cancellable, limits_cb,
                                        g_object_ref (self));
}

/* Pre-flight */

static void
show_row_dialog (FreightReviewPage *self,
                 FreightProblem    *problem)
{
  FreightWizard *wizard = get_wizard (self);
  FreightCsvIndex *index = freight_wizard_get_index (wizard);
  const char * const *columns = freight_wizard_get_columns (wizard);
  guint64 row = freight_problem_get_row (problem);
  g_autoptr(FreightCsvRecord) record = NULL;
  g_autofree char *number = _freight_format_count (row);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *line = _freight_format_count (freight_problem_get_line (problem));
  g_autofree char *name = g_file_get_basename (freight_wizard_get_file (wizard));
  GtkWidget *dialog;
  GtkWidget *scroller;
  GtkWidget *list;

  if (index != NULL && row > 0 && row <= g_list_model_get_n_items (G_LIST_MODEL (index)))
    record = g_list_model_get_item (G_LIST_MODEL (index), row - 1);

  /* Translators: the heading of the dialog that shows one row of the file. */
  heading = g_strdup_printf (_("Row %s"), number);
  /* Translators: the line of the file where the row is, its name, then the problem. */
  body = g_strdup_printf (_("Line %s of %s. %s"), line, name,
                          freight_problem_get_message (problem));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   heading, body);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      GtkWidget *field = adw_action_row_new ();
      const char *value = NULL;

      if (record != NULL && i < freight_csv_record_get_n_fields (record))
        value = freight_csv_record_get_field (record, i);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (field), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field), columns[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (field),
                                   value == NULL ? _("(missing)")
                                   : *value == '\0' ? _("(blank)") : value);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (field), 3);
      if (g_strcmp0 (columns[i], freight_problem_get_column (problem)) == 0)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

          gtk_widget_add_css_class (icon, "error");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("The problem is here"), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (field), icon);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), field);
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_problem_row (gpointer item,
                    gpointer user_data)
{
  FreightProblem *problem = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *number = _freight_format_count (freight_problem_get_row (problem));
  g_autofree char *title = NULL;
  GtkWidget *icon;

  if (freight_problem_get_column (problem) != NULL)
    /* Translators: a row of the file and the column with the problem: “Row 3 · Amount”. */
    title = g_strdup_printf (_("Row %s · %s"), number, freight_problem_get_column (problem));
  else
    title = g_strdup_printf (_("Row %s"), number);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), freight_problem_get_message (problem));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), freight_problem_get_row (problem) > 0);
  g_object_set_data_full (G_OBJECT (row), "freight-problem", g_object_ref (problem),
                          g_object_unref);

  icon = gtk_image_new_from_icon_name (freight_problem_get_severity (problem) ==
                                       FREIGHT_PROBLEM_ERROR ? "dialog-error-symbolic"
                                                             : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, freight_problem_get_severity (problem) == FREIGHT_PROBLEM_ERROR
                                  ? "error" : "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static void
problem_activated_cb (FreightReviewPage *self,
                      GtkListBoxRow     *row)
{
  FreightProblem *problem = g_object_get_data (G_OBJECT (row), "freight-problem");

  if (problem != NULL)
    show_row_dialog (self, problem);
}

static void
sync_check (FreightReviewPage *self)
{
  FreightWizard *wizard = get_wizard (self);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *icon = "ok";
  guint64 error_rows = 0;
  gboolean running = self->preflight != NULL;

  if (running)
    {
      guint64 checked = freight_preflight_get_rows_checked (self->preflight);
      g_autofree char *count = _freight_format_count (checked);

      icon = "running";
      title = g_strdup (_("Checking every row…"));
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row checked",
                                               "%s rows checked",
                                               (gulong) MIN (checked, G_MAXULONG)),
                                  count);
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     freight_preflight_get_fraction (self->preflight));
    }
  else if (wizard != NULL && freight_wizard_get_preflight_error (wizard) != NULL)
    {
      icon = "error";
      title = g_strdup (freight_wizard_get_preflight_error (wizard));
    }
  else if (self->result != NULL)
    {
      guint64 rows = freight_preflight_result_get_n_rows (self->result);
      guint64 warning_rows = freight_preflight_result_get_n_warning_rows (self->result);
      g_autofree char *count = _freight_format_count (rows);

      error_rows = freight_preflight_result_get_n_error_rows (self->result);
      if (error_rows > 0)
        {
          g_autofree char *errors = _freight_format_count (error_rows);

          icon = "problems";
          /* Translators: how many rows of the file have problems, of how many. */
          title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s row of %s has problems",
                                                "%s rows of %s have problems",
                                                (gulong) MIN (error_rows, G_MAXULONG)),
                                   errors, count);
        }
      else
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No problems in %s row",
                                              "No problems in %s rows",
                                              (gulong) MIN (rows, G_MAXULONG)),
                                 count);
      if (warning_rows > 0)
        {
          g_autofree char *warnings = _freight_format_count (warning_rows);

          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s row has a warning; it is loaded",
                                                   "%s rows have warnings; they are loaded",
                                                   (gulong) MIN (warning_rows, G_MAXULONG)),
                                      warnings);
        }
    }
  else
    {
      icon = "problems";
      title = g_strdup (_("Not checked yet"));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->check_row), title);
  adw_action_row_set_subtitle (self->check_row, subtitle != NULL ? subtitle : "");
  gtk_stack_set_visible_child_name (self->check_icon_stack, icon);
  gtk_spinner_set_spinning (self->check_spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_row), running);

  gtk_widget_set_visible (GTK_WIDGET (self->exclude_row), error_rows > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->include_row), error_rows > 0);
  if (error_rows > 0)
    {
      g_autofree char *count = _freight_format_count (error_rows);
      g_autofree char *exclude = NULL;

      /* Translators: the rows pre-flight leaves out, and where they end up. */
      exclude = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s row goes to unprocessed.csv, to fix and load "
                                              "again",
                                              "%s rows go to unprocessed.csv, to fix and load "
                                              "again",
                                              (gulong) MIN (error_rows, G_MAXULONG)),
                                 count);
      adw_action_row_set_subtitle (self->exclude_row, exclude);
      self->syncing = TRUE;
      gtk_check_button_set_active (
        self->exclude_check,
        freight_preflight_result_get_exclude_rows_with_errors (self->result));
      self->syncing = FALSE;
    }

  sync_summary (self);
  sync_limits (self);
  update_actions (self);
}

static void
exclude_toggled_cb (FreightReviewPage *self)
{
  if (self->syncing || self->result == NULL)
    return;

  freight_preflight_result_set_exclude_rows_with_errors (
    self->result, gtk_check_button_get_active (self->exclude_check));
}

static void
preflight_changed_cb (FreightReviewPage *self)
{
  FreightWizard *wizard = get_wizard (self);
  FreightPreflight *preflight = freight_wizard_get_preflight (wizard);
  FreightPreflightResult *result = freight_wizard_get_preflight_result (wizard);

  if (self->preflight != preflight)
    {
      if (self->preflight != NULL)
        g_signal_handlers_disconnect_by_data (self->preflight, self);
      g_set_object (&self->preflight, preflight);
      if (preflight != NULL)
        g_signal_connect_object (preflight, "notify::rows-checked", G_CALLBACK (sync_check),
                                 self, G_CONNECT_SWAPPED);
    }

  if (self->result != result)
    {
      if (self->result != NULL)
        g_signal_handlers_disconnect_by_data (self->result, self);
      g_set_object (&self->result, result);
      if (result != NULL)
        {
          /* The default: problem rows are left out. */
          freight_preflight_result_set_exclude_rows_with_errors (result, TRUE);
          g_signal_connect_object (result, "notify::n-excluded", G_CALLBACK (sync_summary),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (result, "notify::n-excluded", G_CALLBACK (update_actions),
                                   self, G_CONNECT_SWAPPED);
        }
      gtk_list_box_bind_model (self->problems_list,
                               result != NULL ? freight_preflight_result_get_problems (result)
                                              : NULL,
                               create_problem_row, NULL, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->problems_list),
                              result != NULL &&
                              g_list_model_get_n_items (
                                freight_preflight_result_get_problems (result)) > 0);
    }

  sync_check (self);
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  freight_wizard_run_preflight (get_wizard (FREIGHT_REVIEW_PAGE (widget)));
}

/* Start */

static void
confirm_cb (FreightReviewPage *self,
            const char        *response,
            AdwMessageDialog  *dialog)
{
  if (g_str_equal (response, "delete") && freight_wizard_get_ready (get_wizard (self)))
    freight_wizard_start (get_wizard (self));
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  FreightReviewPage *self = FREIGHT_REVIEW_PAGE (widget);
  FreightWizard *wizard = get_wizard (self);
  FreightOperation operation = freight_wizard_get_operation (wizard);
  FreightDescribeObject *object = freight_wizard_get_object (wizard);
  guint64 rows = freight_wizard_get_n_rows_to_load (wizard);
  g_autofree char *count = _freight_format_count (rows);
  g_autofree char *heading = NULL;
  g_autofree char *name = g_file_get_basename (freight_wizard_get_file (wizard));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!freight_operation_is_delete (operation))
    {
      freight_wizard_start (wizard);
      return;
    }

  if (operation == FREIGHT_OPERATION_HARD_DELETE)
    {
      /* Translators: the number of records, then the object's plural label. */
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %s %s Record for Good?",
                                              "Delete %s %s Records for Good?",
                                              (gulong) MIN (rows, G_MAXULONG)),
                                 count, freight_describe_object_get_label (object));
      /* Translators: the file with the record IDs. */
      body = g_strdup_printf (_("The records whose Ids are in “%s” skip the recycle bin: they "
                                "are gone at once and cannot be restored."), name);
    }
  else
    {
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %s %s Record?",
                                              "Delete %s %s Records?",
                                              (gulong) MIN (rows, G_MAXULONG)),
                                 count, freight_describe_object_get_label (object));
      body = g_strdup_printf (_("The records whose Ids are in “%s” move to the recycle bin, "
                                "from which they can be restored for 15 days."), name);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", operation == FREIGHT_OPERATION_HARD_DELETE
                                              ? _("_Hard Delete") : _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Wizard → page */

static void
wizard_changed_cb (FreightReviewPage *self)
{
  sync_summary (self);
  update_actions (self);
}

static void
freight_review_page_wizard_changed (FreightWizardPage *page,
                                    FreightWizard     *wizard)
{
  FreightReviewPage *self = FREIGHT_REVIEW_PAGE (page);

  if (wizard != NULL)
    {
      const char *summary[] = {
        "notify::org-name", "notify::operation", "notify::object", "notify::file",
        "notify::file-size", "notify::n-rows", "notify::rows-counted",
        "notify::external-id-field", "notify::ready",
      };

      for (guint i = 0; i < G_N_ELEMENTS (summary); i++)
        g_signal_connect_object (wizard, summary[i], G_CALLBACK (wizard_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::preflight", G_CALLBACK (preflight_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::preflight-result",
                               G_CALLBACK (preflight_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wizard, "notify::preflight-error",
                               G_CALLBACK (preflight_changed_cb), self, G_CONNECT_SWAPPED);
      preflight_changed_cb (self);
    }
}

static void
freight_review_page_shown (FreightWizardPage *page)
{
  FreightReviewPage *self = FREIGHT_REVIEW_PAGE (page);
  FreightWizard *wizard = get_wizard (self);

  if (freight_wizard_get_preflight (wizard) == NULL &&
      freight_wizard_get_preflight_result (wizard) == NULL &&
      freight_mapping_is_ready (freight_wizard_get_mapping (wizard)))
    freight_wizard_run_preflight (wizard);

  load_limits (self);
  sync_check (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->start_button));
}

static void
freight_review_page_dispose (GObject *object)
{
  FreightReviewPage *self = FREIGHT_REVIEW_PAGE (object);

  if (self->limits_cancellable != NULL)
    g_cancellable_cancel (self->limits_cancellable);
  g_clear_object (&self->limits_cancellable);
  if (self->preflight != NULL)
    g_signal_handlers_disconnect_by_data (self->preflight, self);
  if (self->result != NULL)
    g_signal_handlers_disconnect_by_data (self->result, self);
  g_clear_object (&self->preflight);
  g_clear_object (&self->result);
  g_clear_object (&self->settings);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_REVIEW_PAGE);

  G_OBJECT_CLASS (freight_review_page_parent_class)->dispose (object);
}

static void
freight_review_page_finalize (GObject *object)
{
  FreightReviewPage *self = FREIGHT_REVIEW_PAGE (object);

  g_clear_pointer (&self->limits, json_object_unref);
  g_clear_pointer (&self->limits_error, g_free);

  G_OBJECT_CLASS (freight_review_page_parent_class)->finalize (object);
}

static void
freight_review_page_class_init (FreightReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FreightWizardPageClass *page_class = FREIGHT_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = freight_review_page_dispose;
  object_class->finalize = freight_review_page_finalize;

  page_class->wizard_changed = freight_review_page_wizard_changed;
  page_class->shown = freight_review_page_shown;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, org_row);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, org_value);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, operation_row);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, operation_value);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, object_row);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, object_value);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, file_row);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, file_value);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, rows_row);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, rows_value);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, jobs_row);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, jobs_value);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, check_row);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, check_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, progress_row);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, exclude_row);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, exclude_check);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, include_row);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, problems_list);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, batches_row);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, batches_value);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, requests_row);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, requests_value);
  gtk_widget_class_bind_template_child (widget_class, FreightReviewPage, start_button);
  gtk_widget_class_bind_template_callback (widget_class, exclude_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_activated_cb);

  gtk_widget_class_install_action (widget_class, "review.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "review.start", NULL, start_action);
}

static void
freight_review_page_init (FreightReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::part-size-mb",
                           G_CALLBACK (sync_summary), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::rows-per-part",
                           G_CALLBACK (sync_summary), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_list), FALSE);
  update_actions (self);
}

/**
 * freight_review_page_new:
 *
 * Returns: (transfer full): a new review page
 */
GtkWidget *
freight_review_page_new (void)
{
  return g_object_new (FREIGHT_TYPE_REVIEW_PAGE, NULL);
}
