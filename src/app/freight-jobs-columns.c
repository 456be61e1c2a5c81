/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "freight-jobs-page"

#include "config.h"

#include <glib/gi18n.h>

#include "freight-jobs-page-private.h"
#include "freight-utils.h"

/* The columns of the jobs table. Each cell is a label that follows its job: the model
 * updates jobs in place, and a cell redraws when its job notifies. */

typedef enum
{
  COLUMN_ID,
  COLUMN_OBJECT,
  COLUMN_OPERATION,
  COLUMN_STATE,
  COLUMN_CREATED,
  COLUMN_PROCESSED,
  COLUMN_FAILED,
  COLUMN_API_VERSION,
  COLUMN_CREATED_BY,
  N_COLUMNS
} Column;

typedef enum
{
  SORT_STRING,
  SORT_NUMBER,
  SORT_STATE,
  SORT_DATE,
} SortKind;

static const struct
{
  const char *title;
  const char *property;     /* what the column sorts by */
  SortKind    sort;
  gboolean    numeric;
  gboolean    expand;
} columns[N_COLUMNS] = {
  [COLUMN_ID] = { N_("Job ID"), "id", SORT_STRING, FALSE, FALSE },
  [COLUMN_OBJECT] = { N_("Object"), "object", SORT_STRING, FALSE, TRUE },
  [COLUMN_OPERATION] = { N_("Operation"), "operation-name", SORT_STRING, FALSE, FALSE },
  [COLUMN_STATE] = { N_("State"), "state", SORT_STATE, FALSE, FALSE },
  [COLUMN_CREATED] = { N_("Created"), "created-date", SORT_DATE, FALSE, FALSE },
  [COLUMN_PROCESSED] = { N_("Processed"), "number-records-processed", SORT_NUMBER, TRUE, FALSE },
  [COLUMN_FAILED] = { N_("Failed"), "number-records-failed", SORT_NUMBER, TRUE, FALSE },
  [COLUMN_API_VERSION] = { N_("API"), "api-version", SORT_STRING, FALSE, FALSE },
  [COLUMN_CREATED_BY] = { N_("Created By"), "created-by-id", SORT_STRING, FALSE, FALSE },
};

static gboolean
has_member (FreightBulkJob *job,
            const char     *member)
{
  JsonObject *json = freight_bulk_job_get_json (job);

  return json != NULL && json_object_has_member (json, member);
}

static void
set_count (GtkLabel       *label,
           FreightBulkJob *job,
           const char     *member,
           gint64          value)
{
  g_autofree char *text = NULL;

  /* Unknown until the job is described in full; never for a query job's failures. */
  if (!has_member (job, member))
    {
      gtk_label_set_text (label, "—");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      return;
    }

  text = _freight_format_count ((guint64) MAX (value, 0));
  gtk_label_set_text (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
}

static void
render_cell (GtkLabel       *label,
             FreightBulkJob *job,
             Column          column)
{
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_ID:
      gtk_label_set_text (label, freight_bulk_job_get_id (job));
      break;

    case COLUMN_OBJECT:
      gtk_label_set_text (label, freight_bulk_job_get_object (job) != NULL
                                 ? freight_bulk_job_get_object (job) : "—");
      break;

    case COLUMN_OPERATION:
      gtk_label_set_text (label, freight_bulk_operation_get_display_name (
                                   freight_bulk_job_get_operation (job)));
      break;

    case COLUMN_STATE:
      _freight_badge_set_state (GTK_WIDGET (label),
                                _freight_job_state_css (freight_bulk_job_get_state (job)),
                                freight_bulk_job_state_get_display_name (
                                  freight_bulk_job_get_state (job)));
      break;

    case COLUMN_CREATED:
      text = _freight_format_date_time (freight_bulk_job_get_created_date (job));
      gtk_label_set_text (label, text);
      break;

    case COLUMN_PROCESSED:
      set_count (label, job, "numberRecordsProcessed",
                 freight_bulk_job_get_number_records_processed (job));
      break;

    case COLUMN_FAILED:
      set_count (label, job, "numberRecordsFailed",
                 freight_bulk_job_get_number_records_failed (job));
      if (freight_bulk_job_get_number_records_failed (job) > 0)
        gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      break;

    case COLUMN_API_VERSION:
      gtk_label_set_text (label, freight_bulk_job_get_api_version (job) != NULL
                                 ? freight_bulk_job_get_api_version (job) : "");
      break;

    case COLUMN_CREATED_BY:
      gtk_label_set_text (label, freight_bulk_job_get_created_by_id (job) != NULL
                                 ? freight_bulk_job_get_created_by_id (job) : "");
      break;

    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
on_job_notify (FreightBulkJob *job,
               GParamSpec     *pspec,
               GtkLabel       *label)
{
  render_cell (label, job, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "column")));
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), columns[column].numeric ? 1.0 : 0.0);
  if (columns[column].numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (column == COLUMN_ID || column == COLUMN_CREATED_BY)
    gtk_widget_add_css_class (label, "monospace");
  if (column == COLUMN_STATE)
    {
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
    }
  g_object_set_data (G_OBJECT (label), "column", user_data);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  FreightJobsPage *self = g_object_get_data (G_OBJECT (factory), "page");
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_list_item_get_child (item);
  FreightBulkJob *job = gtk_list_item_get_item (item);
  gulong handler;

  render_cell (GTK_LABEL (label), job, column);
  handler = g_signal_connect_object (job, "notify", G_CALLBACK (on_job_notify), label, 0);
  g_object_set_data (G_OBJECT (label), "handler", GSIZE_TO_POINTER ((gsize) handler));

  /* A row on screen wants its counters. */
  if (column == COLUMN_PROCESSED)
    _freight_jobs_page_want_counters (self, job, FALSE);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  FreightBulkJob *job = gtk_list_item_get_item (item);
  gulong handler = (gulong) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (label), "handler"));

  if (job != NULL && handler != 0)
    g_signal_handler_disconnect (job, handler);
  g_object_set_data (G_OBJECT (label), "handler", NULL);
}

static int
compare_states (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return (int) freight_bulk_job_get_state ((FreightBulkJob *) a) -
         (int) freight_bulk_job_get_state ((FreightBulkJob *) b);
}

static int
compare_created (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GDateTime *x = freight_bulk_job_get_created_date ((FreightBulkJob *) a);
  GDateTime *y = freight_bulk_job_get_created_date ((FreightBulkJob *) b);

  if (x == NULL || y == NULL)
    return (x == NULL) - (y == NULL);
  return g_date_time_compare (x, y);
}

static GtkSorter *
column_sorter (Column column)
{
  GtkExpression *expression;

  switch (columns[column].sort)
    {
    case SORT_STRING:
      expression = gtk_property_expression_new (FREIGHT_TYPE_BULK_JOB, NULL,
                                                columns[column].property);
      return GTK_SORTER (gtk_string_sorter_new (expression));

    case SORT_NUMBER:
      expression = gtk_property_expression_new (FREIGHT_TYPE_BULK_JOB, NULL,
                                                columns[column].property);
      return GTK_SORTER (gtk_numeric_sorter_new (expression));

    case SORT_STATE:
      return GTK_SORTER (gtk_custom_sorter_new (compare_states, NULL, NULL));

    case SORT_DATE:
      return GTK_SORTER (gtk_custom_sorter_new (compare_created, NULL, NULL));

    default:
      g_assert_not_reached ();
    }
}

/**
 * _freight_jobs_page_add_columns:
 *
 * Adds the table's columns, each sortable by clicking its header.
 */
void
_freight_jobs_page_add_columns (FreightJobsPage *self)
{
  for (Column column = 0; column < N_COLUMNS; column++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) view_column = NULL;
      g_autoptr(GtkSorter) sorter = column_sorter (column);

      g_object_set_data (G_OBJECT (factory), "page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GUINT_TO_POINTER (column));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (column));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell),
                        GUINT_TO_POINTER (column));

      view_column = gtk_column_view_column_new (_(columns[column].title),
                                                g_steal_pointer (&factory));
      gtk_column_view_column_set_sorter (view_column, sorter);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      gtk_column_view_column_set_expand (view_column, columns[column].expand);
      gtk_column_view_append_column (self->column_view, view_column);
    }
}
