/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-job-details-window"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-job-details-window.h"
#include "freight-utils.h"

/* Every field of one Bulk job's description, kept current as the jobs page refreshes it
 * (the model updates its jobs in place), with the job's errorMessage when it failed, and
 * what can be done with it. */

struct _FreightJobDetailsWindow
{
  AdwWindow        parent_instance;

  FreightBulkJob  *job;
  GWeakRef         page;
  GtkLabel        *values[32];

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkLabel        *state_badge;
  GtkLabel        *headline_label;
  GtkLabel        *error_label;
  AdwPreferencesGroup *job_group;
  AdwPreferencesGroup *progress_group;
  AdwPreferencesGroup *data_group;
};

G_DEFINE_FINAL_TYPE (FreightJobDetailsWindow, freight_job_details_window, ADW_TYPE_WINDOW)

typedef enum
{
  GROUP_JOB,
  GROUP_PROGRESS,
  GROUP_DATA,
} Group;

typedef enum
{
  VALUE_STRING,
  VALUE_COUNT,
  VALUE_MILLISECONDS,
  VALUE_DATE,
  VALUE_OPERATION,
} ValueKind;

/* Each field of the Bulk API's job info, by its JSON member and the property that holds it. */
static const struct
{
  Group       group;
  const char *title;
  const char *member;
  const char *property;
  ValueKind   kind;
} fields[] = {
  { GROUP_JOB, N_("Job ID"), "id", "id", VALUE_STRING },
  { GROUP_JOB, N_("Object"), "object", "object", VALUE_STRING },
  { GROUP_JOB, N_("Operation"), "operation", "operation", VALUE_OPERATION },
  { GROUP_JOB, N_("External ID Field"), "externalIdFieldName", "external-id-field-name",
    VALUE_STRING },
  { GROUP_JOB, N_("Assignment Rule"), "assignmentRuleId", "assignment-rule-id", VALUE_STRING },
  { GROUP_JOB, N_("Job Type"), "jobType", "job-type", VALUE_STRING },
  { GROUP_JOB, N_("API Version"), "apiVersion", "api-version", VALUE_STRING },
  { GROUP_JOB, N_("Concurrency Mode"), "concurrencyMode", "concurrency-mode", VALUE_STRING },
  { GROUP_JOB, N_("Created By"), "createdById", "created-by-id", VALUE_STRING },
  { GROUP_JOB, N_("Created"), "createdDate", "created-date", VALUE_DATE },
  { GROUP_JOB, N_("Last Modified"), "systemModstamp", "system-modstamp", VALUE_DATE },
  { GROUP_PROGRESS, N_("State"), "state", "state-name", VALUE_STRING },
  { GROUP_PROGRESS, N_("Records Processed"), "numberRecordsProcessed",
    "number-records-processed", VALUE_COUNT },
  { GROUP_PROGRESS, N_("Records Failed"), "numberRecordsFailed", "number-records-failed",
    VALUE_COUNT },
  { GROUP_PROGRESS, N_("Retries"), "retries", "retries", VALUE_COUNT },
  { GROUP_PROGRESS, N_("Total Processing Time"), "totalProcessingTime",
    "total-processing-time", VALUE_MILLISECONDS },
  { GROUP_PROGRESS, N_("API Active Processing Time"), "apiActiveProcessingTime",
    "api-active-processing-time", VALUE_MILLISECONDS },
  { GROUP_PROGRESS, N_("Apex Processing Time"), "apexProcessingTime", "apex-processing-time",
    VALUE_MILLISECONDS },
  { GROUP_DATA, N_("Content Type"), "contentType", "content-type", VALUE_STRING },
  { GROUP_DATA, N_("Column Delimiter"), "columnDelimiter", "column-delimiter", VALUE_STRING },
  { GROUP_DATA, N_("Line Ending"), "lineEnding", "line-ending", VALUE_STRING },
  { GROUP_DATA, N_("Content URL"), "contentUrl", "content-url", VALUE_STRING },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) <= 32);

static char *
format_value (FreightBulkJob *job,
              guint           i)
{
  JsonObject *json = freight_bulk_job_get_json (job);
  g_autofree char *string = NULL;
  g_autoptr(GDateTime) date = NULL;
  gint64 number = 0;

  if (json == NULL || !json_object_has_member (json, fields[i].member))
    return NULL;

  switch (fields[i].kind)
    {
    case VALUE_STRING:
      g_object_get (job, fields[i].property, &string, NULL);
      return g_steal_pointer (&string);

    case VALUE_OPERATION:
      /* Translators: an operation as people say it, then as the API says it:
       * “Hard delete (hardDelete)”. */
      return g_strdup_printf (_("%s (%s)"),
                              freight_bulk_operation_get_display_name (
                                freight_bulk_job_get_operation (job)),
                              freight_bulk_job_get_operation_name (job));

    case VALUE_COUNT:
      g_object_get (job, fields[i].property, &number, NULL);
      return _freight_format_count ((guint64) MAX (number, 0));

    case VALUE_MILLISECONDS:
      {
        g_autofree char *count = NULL;

        g_object_get (job, fields[i].property, &number, NULL);
        count = _freight_format_count ((guint64) MAX (number, 0));
        /* Translators: a duration in milliseconds. */
        return g_strdup_printf (_("%s ms"), count);
      }

    case VALUE_DATE:
      g_object_get (job, fields[i].property, &date, NULL);
      return _freight_format_date_time (date);

    default:
      g_assert_not_reached ();
    }
}

/* The one place that decides which actions are enabled. */
static void
freight_job_details_window_update_actions (FreightJobDetailsWindow *self)
{
  g_autoptr(FreightJobsPage) page = g_weak_ref_get (&self->page);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "job.abort",
                                 page != NULL && _freight_jobs_page_can_abort (self->job));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "job.delete",
                                 page != NULL && _freight_jobs_page_can_delete (self->job));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "job.download",
                                 page != NULL && _freight_jobs_page_can_download (self->job));
}

static void
freight_job_details_window_render (FreightJobDetailsWindow *self)
{
  FreightBulkJob *job = self->job;
  FreightBulkJobState state = freight_bulk_job_get_state (job);
  const char *error_message = freight_bulk_job_get_error_message (job);
  g_autofree char *headline = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = format_value (job, i);

      gtk_label_set_text (self->values[i], value != NULL && value[0] != '\0' ? value : "—");
      /* Short values on one line; long ones wrap, at least 24 characters wide. */
      gtk_label_set_width_chars (self->values[i],
                                 value != NULL ? (int) MIN (g_utf8_strlen (value, -1), 24) : 1);
      if (value != NULL && value[0] != '\0')
        gtk_widget_remove_css_class (GTK_WIDGET (self->values[i]), "dim-label");
      else
        gtk_widget_add_css_class (GTK_WIDGET (self->values[i]), "dim-label");
    }

  _freight_badge_set_state (GTK_WIDGET (self->state_badge), _freight_job_state_css (state),
                            freight_bulk_job_state_get_display_name (state));
  /* Translators: a job's headline: its operation and object, “Insert · Account”. */
  headline = g_strdup_printf (_("%s · %s"),
                              freight_bulk_operation_get_display_name (
                                freight_bulk_job_get_operation (job)),
                              freight_bulk_job_get_object (job) != NULL
                              ? freight_bulk_job_get_object (job) : "");
  gtk_label_set_text (self->headline_label, headline);
  adw_window_title_set_subtitle (self->window_title, freight_bulk_job_get_id (job));

  gtk_label_set_text (self->error_label, error_message != NULL ? error_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label),
                          error_message != NULL && error_message[0] != '\0');

  freight_job_details_window_update_actions (self);
}

static void
freight_job_details_window_add_rows (FreightJobDetailsWindow *self)
{
  AdwPreferencesGroup *groups[] = { self->job_group, self->progress_group, self->data_group };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(fields[i].title));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (value), 1.0);
      gtk_label_set_justify (GTK_LABEL (value), GTK_JUSTIFY_RIGHT);
      gtk_label_set_max_width_chars (GTK_LABEL (value), 36);
      gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
      if (fields[i].kind == VALUE_COUNT || fields[i].kind == VALUE_MILLISECONDS)
        gtk_widget_add_css_class (value, "numeric");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      adw_preferences_group_add (groups[fields[i].group], row);
      self->values[i] = GTK_LABEL (value);
    }
}

static void
freight_job_details_window_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  FreightJobDetailsWindow *self = FREIGHT_JOB_DETAILS_WINDOW (widget);
  g_autoptr(FreightJobsPage) page = g_weak_ref_get (&self->page);

  if (page == NULL)
    return;

  if (g_str_equal (action_name, "job.abort"))
    _freight_jobs_page_abort (page, self->job, GTK_WINDOW (self));
  else if (g_str_equal (action_name, "job.delete"))
    _freight_jobs_page_delete (page, self->job, GTK_WINDOW (self));
  else if (g_str_equal (action_name, "job.download"))
    _freight_jobs_page_download (page, self->job, GTK_WINDOW (self));
}

static void
freight_job_details_window_dispose (GObject *object)
{
  FreightJobDetailsWindow *self = FREIGHT_JOB_DETAILS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FREIGHT_TYPE_JOB_DETAILS_WINDOW);

  G_OBJECT_CLASS (freight_job_details_window_parent_class)->dispose (object);
}

static void
freight_job_details_window_finalize (GObject *object)
{
  FreightJobDetailsWindow *self = FREIGHT_JOB_DETAILS_WINDOW (object);

  g_clear_object (&self->job);
  g_weak_ref_clear (&self->page);

  G_OBJECT_CLASS (freight_job_details_window_parent_class)->finalize (object);
}

static void
freight_job_details_window_class_init (FreightJobDetailsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = freight_job_details_window_dispose;
  object_class->finalize = freight_job_details_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/freight-job-details-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FreightJobDetailsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FreightJobDetailsWindow, state_badge);
  gtk_widget_class_bind_template_child (widget_class, FreightJobDetailsWindow, headline_label);
  gtk_widget_class_bind_template_child (widget_class, FreightJobDetailsWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, FreightJobDetailsWindow, job_group);
  gtk_widget_class_bind_template_child (widget_class, FreightJobDetailsWindow, progress_group);
  gtk_widget_class_bind_template_child (widget_class, FreightJobDetailsWindow, data_group);

  gtk_widget_class_install_action (widget_class, "job.abort", NULL,
                                   freight_job_details_window_action);
  gtk_widget_class_install_action (widget_class, "job.delete", NULL,
                                   freight_job_details_window_action);
  gtk_widget_class_install_action (widget_class, "job.download", NULL,
                                   freight_job_details_window_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
freight_job_details_window_init (FreightJobDetailsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_weak_ref_init (&self->page, NULL);
  freight_job_details_window_add_rows (self);
}

/**
 * freight_job_details_window_new:
 * @page: the jobs page that shows @job, which aborts, deletes and downloads for the window
 * @job: a job of @page's model
 *
 * Returns: (transfer floating): the window
 */
FreightJobDetailsWindow *
freight_job_details_window_new (FreightJobsPage *page,
                                FreightBulkJob  *job)
{
  FreightJobDetailsWindow *self;

  g_return_val_if_fail (FREIGHT_IS_JOBS_PAGE (page), NULL);
  g_return_val_if_fail (FREIGHT_IS_BULK_JOB (job), NULL);

  self = g_object_new (FREIGHT_TYPE_JOB_DETAILS_WINDOW, NULL);
  self->job = g_object_ref (job);
  g_weak_ref_set (&self->page, page);
  g_signal_connect_object (job, "notify", G_CALLBACK (freight_job_details_window_render),
                           self, G_CONNECT_SWAPPED);
  freight_job_details_window_render (self);

  return self;
}

/**
 * freight_job_details_window_get_job:
 *
 * Returns: (transfer none): the job shown
 */
FreightBulkJob *
freight_job_details_window_get_job (FreightJobDetailsWindow *self)
{
  g_return_val_if_fail (FREIGHT_IS_JOB_DETAILS_WINDOW (self), NULL);

  return self->job;
}
